/*
 * layers/ip_input.c - the IPv4 receive path: check the header of what
 * the device layer hands up, route it, and deliver it to a transport
 * protocol (or pass it to ip_forward).
 *
 * Mirrors net/ipv4/ip_input.c (Linux 3.10), plus the registration bits
 * of net/ipv4/af_inet.c (inet_init: ip_packet_type, icmp_protocol) and
 * net/ipv4/protocol.c (inet_add_protocol):
 *
 *   netif_receive_skb -> ip_rcv (sanity checks, PRE_ROUTING hook)
 *     -> ip_rcv_finish -> ip_route_input_noref -> dst_input:
 *        ip_local_deliver (reassembly, LOCAL_IN hook)
 *          -> ip_local_deliver_finish -> inet_protos[protocol]->handler
 *        or ip_forward (layers/ip_forward.c)
 *
 * Read before: layers/dev.c (netif_receive_skb, the ptype list).  Read
 * after: layers/ip_fragment.c (ip_defrag), layers/icmp.c (icmp_rcv),
 * layers/ip_forward.c.
 *
 * Raw sockets see every delivered packet of their protocol first: a
 * clone each, before the protocol's handler (raw_local_deliver).
 *
 * Left out: IP options (accepted but not interpreted: no source route,
 * record route, router alert), early demux, multicast and broadcast
 * counters, GRO.
 */
#include "layers/ip.h"
#include "layers/route.h"
#include "layers/netfilter.h"
#include "layers/netdevice.h"
#include "layers/raw.h"
#include "layers/net_namespace.h"
#include "kernel/trace.h"
#include "events/ip.h"

#include <stdlib.h>
#include <string.h>

static const char KSRC[] = "net/ipv4/ip_input.c";

/**
 * inet_add_protocol - register a transport protocol's receive handler
 *
 * Returns 0, or -EEXIST if the number is taken (net/ipv4/protocol.c).
 * KERNEL: one global RCU array inet_protos[]; netstep keeps it per host.
 */
int
inet_add_protocol(struct net *net, const struct net_protocol *prot, unsigned char protocol)
{
	trace_inet_add_protocol(net, protocol);
	if (net->inet_protos[protocol])
		return -EEXIST;
	net->inet_protos[protocol] = prot;
	return 0;
}

/**
 * ip_local_deliver_finish - strip the IP header, give the raw sockets
 * their copies, and call the protocol
 *
 * Consumes @skb: the protocol handler owns it, or it is freed here; if
 * neither a protocol nor a raw socket takes that protocol, with an ICMP
 * "protocol unreachable" to the sender.
 */
static int
ip_local_deliver_finish(struct sk_buff *skb)
{
	struct net *net = skb->host;
	int protocol = ip_hdr(skb)->protocol;
	const struct net_protocol *ipprot;
	int raw;

	trace_ip_local_deliver_finish(skb);
	skb_pull(skb, ip_hdrlen(skb));
	skb_reset_transport_header(skb);

	raw = raw_local_deliver(skb, protocol);
	ipprot = net->inet_protos[protocol];
	if (ipprot) {
		IP_INC_STATS(net, IPSTATS_MIB_INDELIVERS);
		return ipprot->handler(skb);
	}
	if (!raw) {
		trace_ip_unknown_protocol(skb, protocol);
		IP_INC_STATS(net, IPSTATS_MIB_INUNKNOWNPROTOS);
		icmp_send(skb, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH, 0);
		kfree_skb(skb);
		return 0;
	}
	/* Only raw sockets wanted it: delivered, not dropped. */
	IP_INC_STATS(net, IPSTATS_MIB_INDELIVERS);
	consume_skb(skb);
	return 0;
}

/**
 * ip_local_deliver - dst->input of a route to one of our addresses
 * @skb: IP header at skb->data, route attached
 *
 * A fragment is held by the reassembly queue until the whole datagram
 * is there; only then does it go through LOCAL_IN.  Consumes @skb.
 */
int
ip_local_deliver(struct sk_buff *skb)
{
	trace_ip_local_deliver(skb);
	if (ip_is_fragment(ip_hdr(skb))) {
		if (ip_defrag(&skb))
			return 0;
	}
	return NF_HOOK(NFPROTO_IPV4, NF_INET_LOCAL_IN, skb, skb->dev, NULL,
		       ip_local_deliver_finish);
}

/**
 * ip_rcv_finish - route the packet and pass it on
 *
 * The route decides: ip_local_deliver (for us), ip_forward (through us),
 * or a drop (no route, martian source, forwarding off: counted by the
 * route layer).  Consumes @skb.
 */
static int
ip_rcv_finish(struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	int err;

	trace_ip_rcv_finish(skb);
	/* KERNEL: early demux may attach a TCP socket's cached input route. */
	if (!skb_dst(skb)) {
		err = ip_route_input_noref(skb, iph->daddr, iph->saddr, iph->tos, skb->dev);
		if (unlikely(err)) {
			trace_ip_no_route(skb, err);
			kfree_skb(skb);
			return NET_RX_DROP;
		}
	}
	/* KERNEL: ip_rcv_options() would parse IP options here (ihl > 5). */
	return dst_input(skb);
}

/* Every reason ip_rcv drops a packet, with the counter the kernel uses. */
static int
sim_ip_rcv_drop(struct sk_buff *skb, int mib, const char *reason)
{
	struct net *net = skb->host;

	trace_ip_drop(skb, reason);
	if (mib == IPSTATS_MIB_CSUMERRORS) {
		IP_INC_STATS(net, IPSTATS_MIB_CSUMERRORS);
		mib = IPSTATS_MIB_INHDRERRORS;
	}
	NET_INC_STATS(net, mib);
	kfree_skb(skb);
	return NET_RX_DROP;
}

/**
 * ip_rcv - the ETH_P_IP handler the device layer calls
 * @skb: IPv4 packet at skb->data, possibly with Ethernet padding after it
 *
 * Checks, in the kernel's order, everything later code takes on trust:
 * there are 20 bytes, version 4, a header length of at least 5 words that
 * the packet holds, a correct header checksum, and a total length between
 * the header length and what arrived.  Link-layer padding beyond tot_len
 * is trimmed.  Consumes @skb.
 */
int
ip_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
       struct net_device *orig_dev)
{
	struct net *net = dev_net(dev);
	const struct iphdr *iph;
	unsigned int len;

	trace_ip_rcv(skb, dev);
	(void)pt;
	(void)orig_dev;

	/* Promiscuous mode: frames for another MAC are not ours to route. */
	if (skb->pkt_type == PACKET_OTHERHOST)
		return sim_ip_rcv_drop(skb, SIM_MIB_RXOTHERHOST, "otherhost");

	IP_INC_STATS(net, IPSTATS_MIB_INPKTS);
	/* KERNEL: skb_share_check (a shared skb is cloned first) omitted:
	 * taps here take copies, never a reference. */
	/* The header must be in the linear part (igb pulled it there; a
	 * fragment or an odd packet may need the pull). */
	if (!pskb_may_pull(skb, sizeof(struct iphdr)))
		return sim_ip_rcv_drop(skb, IPSTATS_MIB_INHDRERRORS, "truncated_header");

	skb_reset_network_header(skb);
	iph = ip_hdr(skb);
	if (iph->ihl < 5 || iph->version != 4)
		return sim_ip_rcv_drop(skb, IPSTATS_MIB_INHDRERRORS,
				   iph->version != 4 ? "bad_version" : "bad_ihl");
	if (!pskb_may_pull(skb, iph->ihl * 4U))
		return sim_ip_rcv_drop(skb, IPSTATS_MIB_INHDRERRORS, "truncated_options");
	iph = ip_hdr(skb);	/* the pull may have moved the head */
	if (unlikely(ip_fast_csum(iph, iph->ihl)))
		return sim_ip_rcv_drop(skb, IPSTATS_MIB_CSUMERRORS, "bad_checksum");

	len = ntohs(iph->tot_len);
	if (skb->len < len)
		return sim_ip_rcv_drop(skb, IPSTATS_MIB_INTRUNCATEDPKTS, "truncated");
	if (len < iph->ihl * 4U)
		return sim_ip_rcv_drop(skb, IPSTATS_MIB_INHDRERRORS, "bad_tot_len");

	/* Ethernet pads short frames to 60 bytes: keep the datagram only
	 * (its end may be in a page frag). */
	if (pskb_trim_rcsum(skb, len))
		return sim_ip_rcv_drop(skb, IPSTATS_MIB_INDISCARDS, "trim_failed");
	iph = ip_hdr(skb);
	memset(IPCB(skb), 0, sizeof(struct inet_skb_parm));
	skb->transport_header = skb->network_header + iph->ihl * 4;

	return NF_HOOK(NFPROTO_IPV4, NF_INET_PRE_ROUTING, skb, dev, NULL, ip_rcv_finish);
}

/* net/ipv4/af_inet.c: ICMP as a transport; its err_handler hears about
 * ICMP errors quoting an ICMP packet (icmp_err, a 3.10 stable kernel's). */
static const struct net_protocol icmp_protocol = {
	.handler = icmp_rcv,
	.err_handler = icmp_err,
};

/**
 * ip_init - the IPv4 part of inet_init() for one host
 *
 * Registers ip_rcv for ETH_P_IP, creates the reassembly table and
 * registers ICMP.  KERNEL: ip_packet_type is one static object in
 * af_inet.c; its list node is per host here, so it is allocated.
 */
void
ip_init(struct net *net)
{
	struct packet_type *pt = calloc(1, sizeof(*pt));

	trace_ip_init(net);
	if (pt) {
		pt->type = htons(ETH_P_IP);
		pt->func = ip_rcv;
		dev_add_pack(net, pt);
	}
	ipfrag_init(net);
	inet_add_protocol(net, &icmp_protocol, IPPROTO_ICMP);
}

/**
 * sim_ip_exit - undo ip_init: free every held fragment, unregister
 * ip_rcv (netstep only: hosts are destroyed, the kernel's IPv4 never is).
 */
void
sim_ip_exit(struct net *net)
{
	struct packet_type *pt, *tmp;

	trace_sim_ip_exit(net);
	ipv4_frags_exit_net(net);
	list_for_each_entry_safe(pt, tmp, &net->ptype_base, list) {
		if (pt->func == ip_rcv) {
			dev_remove_pack(net, pt);
			free(pt);
		}
	}
	memset(net->inet_protos, 0, sizeof(net->inet_protos));
}
