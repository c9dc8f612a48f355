/*
 * layers/icmp.c - ICMP: answering pings, reporting why a packet could not
 * be delivered, and hearing such reports about our own packets.
 *
 * Mirrors net/ipv4/icmp.c (Linux 3.10).
 *
 *  - icmp_rcv checks an arriving message (length, checksum), counts it
 *    and dispatches on its type through icmp_pointers[]: echo requests
 *    are answered (icmp_echo -> icmp_reply), echo replies go to the ping
 *    socket (ping_rcv), errors go to the protocol of the packet they
 *    quote (icmp_unreach -> err_handler, e.g. ping_err).
 *  - icmp_send is how the rest of the stack reports a problem with a
 *    packet (TTL expired, fragmentation needed, protocol unreachable,
 *    reassembly timeout): it quotes the packet's header and first bytes
 *    back to its sender.
 *
 * Read before: layers/ip_input.c (ip_local_deliver_finish calls
 * icmp_rcv).  Read after: layers/ping.c, layers/ip_output.c
 * (ip_push_pending_frames sends what is built here).
 *
 * Left out: rate limiting (icmp_ratelimit, the inet_peer token bucket
 * and icmp_global), redirects, timestamps, address masks, the per-CPU
 * ICMP socket and its lock, IP options echoed back (ip_options_echo),
 * raw sockets' copy of errors, sysctls other than the defaults.
 */
#include "layers/ip.h"
#include "layers/route.h"
#include "layers/neighbour.h"
#include "layers/netdevice.h"
#include "layers/ping.h"
#include "layers/net_namespace.h"
#include "kernel/trace.h"
#include "events/icmp.h"

#include <stdlib.h>
#include <string.h>

static const char KSRC[] = "net/ipv4/icmp.c";

/* RFC 1812 4.3.2.3: an error quotes as much as fits in 576 bytes. */
#define ICMP_ERROR_MAX_LEN	576

const struct icmp_err icmp_err_convert[NR_ICMP_UNREACH + 1] = {
	[ICMP_NET_UNREACH]	= { ENETUNREACH, 0 },
	[ICMP_HOST_UNREACH]	= { EHOSTUNREACH, 0 },
	[ICMP_PROT_UNREACH]	= { ENOPROTOOPT, 1 },
	[ICMP_PORT_UNREACH]	= { ECONNREFUSED, 1 },
	[ICMP_FRAG_NEEDED]	= { EMSGSIZE, 0 },
	[ICMP_SR_FAILED]	= { EOPNOTSUPP, 0 },
	[ICMP_NET_UNKNOWN]	= { ENETUNREACH, 1 },
	[ICMP_HOST_UNKNOWN]	= { EHOSTDOWN, 1 },
	[ICMP_HOST_ISOLATED]	= { ENONET, 1 },
	[ICMP_NET_ANO]		= { ENETUNREACH, 1 },
	[ICMP_HOST_ANO]		= { EHOSTUNREACH, 1 },
	[ICMP_NET_UNR_TOS]	= { ENETUNREACH, 0 },
	[ICMP_HOST_UNR_TOS]	= { EHOSTUNREACH, 0 },
	[ICMP_PKT_FILTERED]	= { EHOSTUNREACH, 1 },
	[ICMP_PREC_VIOLATION]	= { EHOSTUNREACH, 1 },
	[ICMP_PREC_CUTOFF]	= { EHOSTUNREACH, 1 },
};

/* Each type: its handler, whether it is an error, its InXxx counter. */
struct icmp_control {
	void (*handler)(struct sk_buff *skb);
	short error;			/* never answer an error with an error */
	short in_mib;			/* ICMP_MIB_IN* for the type, -1 none */
};

static const struct icmp_control icmp_pointers[NR_ICMP_TYPES + 1];

/* icmp_out_count - count an outgoing message, in total and by type. */
static void
icmp_out_count(struct net *net, u8 type)
{
	trace_icmp_out_count(net, type);
	ICMP_INC_STATS(net, ICMP_MIB_OUTMSGS);
	switch (type) {
	case ICMP_DEST_UNREACH:
		ICMP_INC_STATS(net, ICMP_MIB_OUTDESTUNREACHS);
		break;
	case ICMP_TIME_EXCEEDED:
		ICMP_INC_STATS(net, ICMP_MIB_OUTTIMEEXCDS);
		break;
	case ICMP_ECHO:
		ICMP_INC_STATS(net, ICMP_MIB_OUTECHOS);
		break;
	case ICMP_ECHOREPLY:
		ICMP_INC_STATS(net, ICMP_MIB_OUTECHOREPS);
		break;
	}
}

/* Build the ICMP message of @param in a new skb with @headroom
 * (icmp_glue_bits: the quoted bytes may be anywhere in param->skb). */
static struct sk_buff *
sim_icmp_build(struct net *net, const struct icmp_bxm *param, unsigned int headroom)
{
	struct sk_buff *skb = alloc_skb(net, headroom + sizeof(struct icmphdr) + param->data_len);
	struct icmphdr *icmph;

	if (!skb)
		return NULL;
	skb_reserve(skb, headroom);
	icmph = (struct icmphdr *)skb_put(skb, sizeof(*icmph));
	*icmph = param->icmph;
	if (skb_copy_bits(param->skb, param->offset, skb_put(skb, param->data_len),
			  param->data_len)) {
		kfree_skb(skb);
		return NULL;
	}
	skb_reset_transport_header(skb);
	icmph->checksum = 0;
	icmph->checksum = csum_fold(csum_partial(skb->data, skb->len, 0));
	return skb;
}

/**
 * icmp_push_reply - build the message and send it along @rt
 *
 * The ICMP socket never sets DF (IP_PMTUDISC_DONT): a big echo reply is
 * fragmented like any datagram.  The caller keeps its route reference.
 */
static void
icmp_push_reply(struct icmp_bxm *param, struct flowi4 *fl4, struct rtable *rt)
{
	struct net_device *dev = rt->dst.dev;
	struct net *net = dev_net(dev);
	struct sk_buff *skb;

	trace_icmp_push_reply(param, fl4, rt);
	skb = sim_icmp_build(net, param, LL_RESERVED_SPACE(dev) + sizeof(struct iphdr));
	if (!skb) {
		IP_INC_STATS(net, IPSTATS_MIB_OUTDISCARDS);
		return;
	}
	icmp_out_count(net, param->icmph.type);
	ip_push_pending_frames(skb, fl4, rt, IP_PMTUDISC_DONT);
}

/**
 * icmp_reply - answer a request (an echo) back to its sender
 * @param: the answer
 * @skb: the request; not consumed
 *
 * The answer comes from the address that was asked (the destination of
 * the request) and is routed like any locally sent datagram.
 */
static void
icmp_reply(struct icmp_bxm *param, struct sk_buff *skb)
{
	struct net *net = skb->host;
	struct rtable *rt = skb_rtable(skb);
	const struct iphdr *iph = ip_hdr(skb);
	struct flowi4 fl4;

	trace_icmp_reply(param, skb);
	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = iph->saddr;
	/* fib_compute_spec_dst: the address pinged, unless it was not ours
	 * alone (a broadcast), then the device's own address. */
	fl4.saddr = (!rt || rt->rt_type == RTN_LOCAL) ? iph->daddr
						      : inet_select_addr(skb->dev, iph->saddr);
	fl4.flowi4_tos = iph->tos & IPTOS_TOS_MASK;
	fl4.flowi4_proto = IPPROTO_ICMP;
	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt)) {
		trace_icmp_no_route(net, skb, "no_route", PTR_ERR(rt));
		return;
	}
	icmp_push_reply(param, &fl4, rt);
}

/*
 * Hand an error about a packet this host sent straight to icmp_rcv, as
 * if it had come back through the loopback device.  The IP header is
 * built (so the error looks exactly like one from the wire) and the skb
 * is marked SIM_IPSKB_LOCAL_ERROR for ping_err.
 * KERNEL: icmp_send routes the error to our own address: out through
 * "lo", ip_rcv, ip_local_deliver, icmp_rcv.  For "fragmentation needed"
 * 3.10's sockets usually learn EMSGSIZE even earlier, in ip_append_data.
 */
static void
sim_icmp_deliver_local(struct icmp_bxm *param, struct sk_buff *skb_in, __be32 daddr, u8 tos)
{
	struct net *net = skb_in->host;
	struct rtable *rt = skb_rtable(skb_in);
	struct flowi4 fl4;
	struct sk_buff *skb;

	trace_sim_icmp_deliver_local(param, skb_in, daddr);
	skb = sim_icmp_build(net, param, sizeof(struct iphdr));
	if (!skb)
		return;
	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = daddr;
	fl4.saddr = daddr;
	fl4.flowi4_tos = tos;
	fl4.flowi4_proto = IPPROTO_ICMP;
	skb = sim_ip_make_skb_one(skb, &fl4, rt, IP_PMTUDISC_DONT);
	ip_send_check(ip_hdr(skb));
	skb_dst_drop(skb);		/* the sender's route, not one for this */
	icmp_out_count(net, param->icmph.type);

	skb->dev = rt->dst.dev;
	skb->pkt_type = PACKET_HOST;
	skb->protocol = htons(ETH_P_IP);
	IPCB(skb)->flags |= SIM_IPSKB_LOCAL_ERROR;
	skb_pull(skb, ip_hdrlen(skb));
	skb_reset_transport_header(skb);
	icmp_rcv(skb);
}

/**
 * icmp_send - report a problem with @skb_in to its sender
 * @skb_in: the offending packet; not consumed (the caller frees it)
 * @type: ICMP_DEST_UNREACH, ICMP_TIME_EXCEEDED ...
 * @code: ICMP_FRAG_NEEDED, ICMP_EXC_TTL ...
 * @info: network order; the next-hop MTU for ICMP_FRAG_NEEDED
 *
 * Silent, by the rules of RFC 1122 3.2.2 and RFC 1812 4.3.2.7, about
 * anything that would make errors breed: another ICMP error, a non-first
 * fragment, a packet sent to or from a broadcast or multicast address.
 * The source is the address the packet was sent to if it was ours,
 * else the one the route back selects.  The message quotes the IP header
 * and as much data as fits in 576 bytes (RFC 1812; RFC 792 asks only 8).
 */
void
icmp_send(struct sk_buff *skb_in, int type, int code, __be32 info)
{
	struct net *net = skb_in->host;
	struct rtable *rt = skb_rtable(skb_in);
	const u8 *nh = skb_network_header(skb_in);
	const u8 *tail = skb_tail_pointer(skb_in);
	const struct iphdr *iph;
	struct icmp_bxm param;
	struct flowi4 fl4;
	unsigned int room;
	u8 tos;

	trace_icmp_send(skb_in, type, code, info);
	if (!rt || type < 0 || type > NR_ICMP_TYPES)
		return;
	if (nh < skb_in->head || nh + sizeof(struct iphdr) > tail)
		return;
	iph = (const struct iphdr *)nh;
	if (iph->ihl < 5 || nh + iph->ihl * 4 > tail)
		return;

	/* No errors about link-level or IP-level broadcasts and multicasts,
	 * and none towards an address that is not one host. */
	if (skb_in->pkt_type != PACKET_HOST || rt->rt_type == RTN_BROADCAST ||
	    rt->rt_type == RTN_MULTICAST || ipv4_is_multicast(iph->daddr) ||
	    ipv4_is_lbcast(iph->daddr) || ipv4_is_multicast(iph->saddr) ||
	    ipv4_is_lbcast(iph->saddr) || ipv4_is_zeronet(iph->saddr) ||
	    inet_addr_type(net, iph->saddr) == RTN_BROADCAST) {
		trace_icmp_send_suppressed(skb_in, "broadcast_or_multicast");
		return;
	}
	/* Only the first fragment carries the transport header to quote. */
	if (iph->frag_off & htons(IP_OFFSET)) {
		trace_icmp_send_suppressed(skb_in, "not_first_fragment");
		return;
	}
	/* Never an error about an ICMP error. */
	if (icmp_pointers[type].error && iph->protocol == IPPROTO_ICMP) {
		/* The quoted ICMP header may be in a page frag (igb pulls
		 * only the IP header of an ICMP packet). */
		u8 _inner_type;
		const u8 *itp = skb_header_pointer(skb_in, (int)(nh - skb_in->data) + iph->ihl * 4 +
							   offsetof(struct icmphdr, type),
						   sizeof(_inner_type), &_inner_type);

		if (!itp || *itp > NR_ICMP_TYPES || icmp_pointers[*itp].error) {
			trace_icmp_send_suppressed(skb_in, "about_icmp_error");
			return;
		}
	}

	memset(&param, 0, sizeof(param));
	param.icmph.type = type;
	param.icmph.code = code;
	param.icmph.un.gateway = info;
	/* The quote: from the IP header on, wherever its bytes are. */
	param.skb = skb_in;
	param.offset = nh - skb_in->data;
	tos = icmp_pointers[type].error ?
		(iph->tos & IPTOS_TOS_MASK) | IPTOS_PREC_INTERNETCONTROL : iph->tos;

	/* Our own packet: the error goes to our own socket (loopback). */
	if (!(IPCB(skb_in)->flags & IPSKB_FORWARDED) &&
	    inet_addr_type(net, iph->saddr) == RTN_LOCAL) {
		room = ICMP_ERROR_MAX_LEN - sizeof(struct iphdr) - sizeof(struct icmphdr);
		param.data_len = min_t(unsigned int, skb_in->len - param.offset, room);
		sim_icmp_deliver_local(&param, skb_in, iph->saddr, tos);
		return;
	}

	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = iph->saddr;
	/* 3.10: answer from the address that was hit if it is ours; else let
	 * the route back choose (icmp_errors_use_inbound_ifaddr is 0). */
	fl4.saddr = rt->rt_type == RTN_LOCAL ? iph->daddr : 0;
	fl4.flowi4_tos = tos;
	fl4.flowi4_proto = IPPROTO_ICMP;
	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt)) {
		trace_icmp_no_route(net, skb_in, "no_route_back", PTR_ERR(rt));
		return;
	}
	room = min_t(unsigned int, dst_mtu(&rt->dst), ICMP_ERROR_MAX_LEN);
	room -= sizeof(struct iphdr) + sizeof(struct icmphdr);
	param.data_len = min_t(unsigned int, skb_in->len - param.offset, room);
	/* KERNEL: icmpv4_xrlim_allow would rate-limit errors per peer here. */
	icmp_push_reply(&param, &fl4, rt);
}

/*
 * icmp_socket_deliver - give an error to the protocol of the packet it
 * quotes (its err_handler).  NOTE: inline at the end of icmp_unreach in
 * 3.10; later kernels made it this function.  @skb is not consumed.
 * KERNEL: raw sockets get it first (raw_icmp_error).
 */
static void
icmp_socket_deliver(struct sk_buff *skb, u32 info)
{
	const struct iphdr *iph = (const struct iphdr *)skb->data;
	const struct net_protocol *ipprot = skb->host->inet_protos[iph->protocol];

	trace_icmp_socket_deliver(skb, info);
	if (ipprot && ipprot->err_handler)
		ipprot->err_handler(skb, info);
	else
		trace_icmp_no_err_handler(skb);
}

/**
 * icmp_unreach - destination unreachable, time exceeded, parameter
 * problem, source quench
 * @skb: skb->data at the quoted IP header; not consumed
 *
 * "Fragmentation needed" carries the next hop's MTU (@info for the
 * handler); a router before RFC 1191 leaves it 0.  Nothing is believed
 * here: the quoted packet's protocol checks that the quote is of a
 * packet it has in flight, and only then lowers the path MTU
 * (tcp_v4_err -> tcp_v4_mtu_reduced, udp_err, ping_err).  So a forged
 * error about a connection that does not exist changes nothing.
 */
static void
icmp_unreach(struct sk_buff *skb)
{
	struct net *net = skb->host;
	const struct icmphdr *icmph = icmp_hdr(skb);
	const struct iphdr *iph;
	u32 info = 0;

	trace_icmp_unreach(skb);
	if (!pskb_may_pull(skb, sizeof(struct iphdr)))
		goto out_err;
	icmph = icmp_hdr(skb);	/* the pull may have moved the head */
	iph = (const struct iphdr *)skb->data;
	if (iph->ihl < 5)
		goto out_err;

	if (icmph->type == ICMP_DEST_UNREACH) {
		/* KERNEL: with net.ipv4.ip_no_pmtu_disc set the MTU is not read. */
		if (icmph->code == ICMP_FRAG_NEEDED)
			info = ntohs(icmph->un.frag.mtu);
		if (icmph->code > NR_ICMP_UNREACH)
			return;
	} else if (icmph->type == ICMP_PARAMETERPROB) {
		info = ntohl(icmph->un.gateway) >> 24;
	}

	/* The quoted header and 8 bytes of its payload (ports, echo id),
	 * linear for the handlers that read them. */
	if (!pskb_may_pull(skb, iph->ihl * 4U + 8))
		return;
	icmp_socket_deliver(skb, info);
	return;

out_err:
	trace_icmp_drop(skb, "short_quote");
	ICMP_INC_STATS(net, ICMP_MIB_INERRORS);
}

/**
 * icmp_echo - answer an echo request with the same id, sequence and data
 * @skb: skb->data after the ICMP header; not consumed
 */
static void
icmp_echo(struct sk_buff *skb)
{
	struct icmp_bxm param;

	trace_icmp_echo(skb);
	/* KERNEL: net.ipv4.icmp_echo_ignore_all (0) is not modelled. */
	memset(&param, 0, sizeof(param));
	param.icmph = *icmp_hdr(skb);
	param.icmph.type = ICMP_ECHOREPLY;
	param.skb = skb;
	param.offset = 0;
	param.data_len = skb->len;
	icmp_reply(&param, skb);
}

/* icmp_discard - types netstep does not act on (redirect, timestamp,
 * ...); icmp_rcv frees the skb. */
static void
icmp_discard(struct sk_buff *skb)
{
	trace_icmp_discard(skb);
}

/**
 * icmp_rcv - ip_local_deliver_finish's handler for protocol 1
 * @skb: skb->data at the ICMP header
 *
 * Drops (ICMP_MIB_INERRORS) what is shorter than a header, has a bad
 * checksum (also INCSUMERRORS) or an unknown type, and echo requests to
 * a broadcast address (icmp_echo_ignore_broadcasts).  Consumes @skb.
 */
int
icmp_rcv(struct sk_buff *skb)
{
	struct net *net = skb->host;
	struct rtable *rt = skb_rtable(skb);
	struct icmphdr *icmph;
	const char *reason;

	trace_icmp_rcv(skb);
	ICMP_INC_STATS(net, ICMP_MIB_INMSGS);

	if (skb->len < sizeof(*icmph)) {
		reason = "truncated";
		goto error;
	}
	/* KERNEL: CHECKSUM_COMPLETE from the NIC would skip the sum.  The
	 * message may be in page frags (igb): sum it wherever it is. */
	if (csum_fold(skb_checksum(skb, 0, skb->len, 0))) {
		ICMP_INC_STATS(net, ICMP_MIB_CSUMERRORS);
		reason = "bad_checksum";
		goto error;
	}
	skb_reset_transport_header(skb);
	if (!pskb_pull(skb, sizeof(*icmph))) {
		reason = "no_memory";
		goto error;
	}
	icmph = icmp_hdr(skb);

	if (icmph->type > NR_ICMP_TYPES) {
		reason = "bad_type";
		goto error;
	}
	if (icmp_pointers[icmph->type].in_mib >= 0)
		ICMP_INC_STATS(net, icmp_pointers[icmph->type].in_mib);

	/* RFC 1122 3.2.2.6: echo to a broadcast may be ignored, and is. */
	if (rt && (rt->rt_type == RTN_BROADCAST || rt->rt_type == RTN_MULTICAST) &&
	    icmph->type == ICMP_ECHO) {
		reason = "broadcast_echo";
		goto error;
	}

	icmp_pointers[icmph->type].handler(skb);
	consume_skb(skb);
	return 0;

error:
	trace_icmp_drop(skb, reason);
	ICMP_INC_STATS(net, ICMP_MIB_INERRORS);
	kfree_skb(skb);
	return 0;
}

static const struct icmp_control icmp_pointers[NR_ICMP_TYPES + 1] = {
	[ICMP_ECHOREPLY]	= { ping_rcv, 0, ICMP_MIB_INECHOREPS },
	[1]			= { icmp_discard, 1, -1 },
	[2]			= { icmp_discard, 1, -1 },
	[ICMP_DEST_UNREACH]	= { icmp_unreach, 1, ICMP_MIB_INDESTUNREACHS },
	[ICMP_SOURCE_QUENCH]	= { icmp_unreach, 1, -1 },
	[ICMP_REDIRECT]		= { icmp_discard, 1, -1 },	/* KERNEL: icmp_redirect */
	[6]			= { icmp_discard, 1, -1 },
	[7]			= { icmp_discard, 1, -1 },
	[ICMP_ECHO]		= { icmp_echo, 0, ICMP_MIB_INECHOS },
	[9]			= { icmp_discard, 1, -1 },
	[10]			= { icmp_discard, 1, -1 },
	[ICMP_TIME_EXCEEDED]	= { icmp_unreach, 1, ICMP_MIB_INTIMEEXCDS },
	[ICMP_PARAMETERPROB]	= { icmp_unreach, 1, -1 },
	[ICMP_TIMESTAMP]	= { icmp_discard, 0, -1 },	/* KERNEL: icmp_timestamp */
	[ICMP_TIMESTAMPREPLY]	= { icmp_discard, 0, -1 },
	[ICMP_INFO_REQUEST]	= { icmp_discard, 0, -1 },
	[ICMP_INFO_REPLY]	= { icmp_discard, 0, -1 },
	[ICMP_ADDRESS]		= { icmp_discard, 0, -1 },
	[ICMP_ADDRESSREPLY]	= { icmp_discard, 0, -1 },
};
