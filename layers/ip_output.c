/*
 * layers/ip_output.c - the IPv4 transmit path: from a packet with an IP
 * header to the neighbour layer, cutting it into fragments on the way if
 * the route's MTU is smaller than the packet.
 *
 * Mirrors net/ipv4/ip_output.c (Linux 3.10):
 *
 *   ip_local_out -> __ip_local_out (tot_len, checksum, LOCAL_OUT hook)
 *     -> dst_output = ip_output (counters, POST_ROUTING hook)
 *       -> ip_finish_output (MTU check) -> [ip_fragment] -> ip_finish_output2
 *         -> next hop, neighbour lookup -> dst_neigh_output (layers/neighbour.c)
 *
 * Read before: layers/route.h (the dst an skb carries, dst_mtu) and
 * layers/ping.c or layers/icmp.c, which build datagrams and end in
 * ip_push_pending_frames() here.  Read after: layers/neighbour.c
 * (dst_neigh_output, ARP) and layers/dev.c (dev_queue_xmit).
 *
 * TCP enters through ip_queue_xmit (the socket's cached route, or a
 * lookup that is then cached on the socket; the IP header with DF and
 * the socket's inet_id) and, for SYN-ACKs and RSTs that belong to no
 * connected socket, ip_build_and_send_pkt.
 *
 * Left out: IP options,
 * GSO (no skb is ever GSO here, so the MTU check always applies), the
 * fragmentation fast path over a frag_list, xfrm, multicast and
 * broadcast output.
 */
#include "layers/ip.h"
#include "layers/route.h"
#include "layers/netfilter.h"
#include "layers/neighbour.h"
#include "layers/netdevice.h"
#include "layers/net_namespace.h"
#include "kernel/trace.h"
#include "layers/sock.h"
#include "events/ip.h"

#include <string.h>

static const char KSRC[] = "net/ipv4/ip_output.c";

/* include/linux/netdevice.h: qdisc return codes as an errno. */
static inline int
net_xmit_errno(int e)
{
	return e != NET_XMIT_CN ? -ENOBUFS : 0;
}

/**
 * ip_send_check - fill in the IP header checksum
 * @iph: a complete header (ihl words), checksum field ignored
 *
 * The checksum covers the header only [RFC 791 3.1]; it is zeroed first
 * so the sum does not include its own stale value.
 * NOTE: no tracepoint: the kernel's signature reaches no host (so no
 * trace), and every caller's own event shows the header it sealed.
 */
void
ip_send_check(struct iphdr *iph)
{
	iph->check = 0;
	iph->check = ip_fast_csum(iph, iph->ihl);
}

/**
 * ip_select_ident - choose the IP ID of an outgoing datagram
 *
 * Every fragment of one datagram carries the same ID, and the receiver
 * groups fragments by (saddr, daddr, ID, protocol), so IDs must not repeat
 * quickly towards one destination.  netstep keeps one counter per host.
 *
 * KERNEL: 3.10 gives DF packets of unconnected sockets ID 0, uses the
 * socket's inet_id for connected ones, and otherwise a counter kept per
 * destination in the inet_peer cache (__ip_select_ident).
 */
__be16
ip_select_ident(struct net *net, const struct iphdr *iph)
{
	__be16 id = htons(net->ip_id);

	trace_ip_select_ident(net, iph);
	net->ip_id++;
	return id;
}

/**
 * __ip_local_out - finish the header and run the LOCAL_OUT hook
 * @skb: a datagram with a complete IP header and a route attached
 *
 * Returns 1 when the packet may go on (the caller then calls
 * dst_output), else the hook's verdict; in that case @skb is consumed.
 */
int
__ip_local_out(struct sk_buff *skb)
{
	struct iphdr *iph = ip_hdr(skb);

	trace___ip_local_out(skb);
	iph->tot_len = htons(skb->len);
	ip_send_check(iph);
	/* NOTE: only late 3.10 stable kernels set protocol here; ip_output does too. */
	skb->protocol = htons(ETH_P_IP);
	return nf_hook(NFPROTO_IPV4, NF_INET_LOCAL_OUT, skb, NULL, skb_dst(skb)->dev,
		       dst_output);
}

/**
 * ip_local_out - send a locally generated datagram
 * @skb: complete IP header, route attached (skb_dst)
 *
 * Consumes @skb.  Returns 0, a negative errno, or a positive NET_XMIT_*
 * code from the queueing layer.
 */
int
ip_local_out(struct sk_buff *skb)
{
	int err;

	trace_ip_local_out(skb);
	err = __ip_local_out(skb);
	if (likely(err == 1))
		err = dst_output(skb);
	return err;
}

/* ip_select_ttl: the socket's IP_TTL, else the default. */
static u8
ip_select_ttl(const struct inet_sock *inet)
{
	return inet->uc_ttl >= 0 ? (u8)inet->uc_ttl : IPDEFTTL;
}

/*
 * ip_select_ident_more: a connected socket's DF packets take their ID
 * from inet_id (it counts per connection); a DF packet of an
 * unconnected socket gets 0; others the host's counter.
 */
static void
sim_ip_select_ident_sk(struct net *net, struct iphdr *iph, struct sock *sk)
{
	if (iph->frag_off & htons(IP_DF)) {
		if (sk && sk->sk_daddr)
			iph->id = htons(inet_sk(sk)->inet_id++);
		else
			iph->id = 0;
	} else {
		iph->id = ip_select_ident(net, iph);
	}
}

/**
 * ip_queue_xmit - TCP's way into IP (tcp_transmit_skb calls it)
 * @skb: TCP segment at skb->data, skb->sk set (the clone's owner)
 * @fl: the socket's flow (inet->cork.fl): addresses and ports
 *
 * Uses the route cached on the socket if it is still valid
 * (__sk_dst_check); else looks one up with ip_route_output_ports and
 * caches it (sk_setup_caps).  The route is attached without a reference
 * (skb_dst_set_noref, 3.10).  Then the IP header: DF from the socket's
 * PMTU discovery mode, TTL, the ID from inet_id.  Consumes @skb; returns
 * what ip_local_out returns, or -EHOSTUNREACH.
 */
int
ip_queue_xmit(struct sk_buff *skb, struct flowi4 *fl)
{
	struct sock *sk = skb->sk;
	struct inet_sock *inet = inet_sk(sk);
	struct net *net = sock_net(sk);
	struct flowi4 *fl4 = fl;
	struct rtable *rt;
	struct iphdr *iph;

	trace_ip_queue_xmit(skb);
	rt = (struct rtable *)__sk_dst_check(sk, 0);
	if (!rt) {
		rt = ip_route_output_ports(net, fl4, sk, sk->sk_daddr, inet->inet_saddr,
					   sk->sk_dport, inet->inet_sport, sk->sk_protocol,
					   inet->tos, 0);
		if (IS_ERR(rt)) {
			trace_ip_no_route(skb, PTR_ERR(rt));
			kfree_skb(skb);
			return -EHOSTUNREACH;
		}
		sk_setup_caps(sk, &rt->dst);
	}
	skb_dst_set_noref(skb, &rt->dst);

	iph = (struct iphdr *)skb_push(skb, sizeof(*iph));
	skb_reset_network_header(skb);
	iph->version = IPVERSION;
	iph->ihl = sizeof(*iph) / 4;
	iph->tos = inet->tos;
	iph->frag_off = ip_dont_fragment(sk) && !skb->local_df ? htons(IP_DF) : 0;
	iph->ttl = ip_select_ttl(inet);
	iph->protocol = sk->sk_protocol;
	iph->check = 0;
	iph->saddr = fl4->saddr;
	iph->daddr = fl4->daddr;
	sim_ip_select_ident_sk(net, iph, sk);
	skb->priority = sk->sk_priority;
	IPCB(skb)->flags = 0;
	IPCB(skb)->pmtudisc = inet->pmtudisc;
	trace_ip_xmit_header(skb);
	return ip_local_out(skb);
}

/**
 * ip_build_and_send_pkt - the IP header for a segment that answers on a
 * listener's behalf (SYN-ACK) or on nobody's (RST to a closed port)
 * @skb: transport header at skb->data, route attached (skb_dst)
 * @sk: the listener, or NULL (KERNEL: the per-net TCP control socket)
 *
 * Consumes @skb; returns what ip_local_out returns.
 */
int
ip_build_and_send_pkt(struct sk_buff *skb, struct sock *sk, __be32 saddr, __be32 daddr)
{
	struct net *net = skb->host;
	struct iphdr *iph;
	int pmtudisc = sk ? inet_sk(sk)->pmtudisc : IP_PMTUDISC_WANT;

	trace_ip_build_and_send_pkt(skb, saddr, daddr);
	iph = (struct iphdr *)skb_push(skb, sizeof(*iph));
	skb_reset_network_header(skb);
	iph->version = IPVERSION;
	iph->ihl = sizeof(*iph) / 4;
	iph->tos = sk ? inet_sk(sk)->tos : 0;
	iph->frag_off = (pmtudisc == IP_PMTUDISC_DO || pmtudisc == IP_PMTUDISC_WANT) ?
				htons(IP_DF) : 0;
	iph->ttl = sk ? ip_select_ttl(inet_sk(sk)) : IPDEFTTL;
	iph->protocol = IPPROTO_TCP;
	iph->check = 0;
	iph->saddr = saddr;
	iph->daddr = daddr;
	sim_ip_select_ident_sk(net, iph, sk);
	if (sk)
		skb->priority = sk->sk_priority;
	IPCB(skb)->flags = 0;
	IPCB(skb)->pmtudisc = pmtudisc;
	return ip_local_out(skb);
}

/**
 * ip_send_skb - ip_local_out, with queueing codes turned into errnos
 *
 * Consumes @skb.  A congestion notification (NET_XMIT_CN) still means
 * the packet went out, so it is success; other positive codes mean the
 * qdisc dropped it (counted as an output discard).
 */
int
ip_send_skb(struct sk_buff *skb)
{
	struct net *net = skb->host;
	int err;

	trace_ip_send_skb(skb);
	err = ip_local_out(skb);
	if (err) {
		if (err > 0)
			err = net_xmit_errno(err);
		if (err)
			IP_INC_STATS(net, IPSTATS_MIB_OUTDISCARDS);
	}
	return err;
}

/**
 * __ip_make_skb - put the IP header in front of a datagram
 * @skb: transport header at skb->data, at least 20 bytes of headroom
 * @fl4: the flow the route was looked up for (addresses, tos, protocol)
 * @rt: the route; attached without a reference
 * @pmtudisc: the sender's IP_MTU_DISCOVER mode
 *
 * The DF rule of 3.10: "do" always sets DF and forbids local
 * fragmentation; "want" sets DF only while the datagram fits the path
 * MTU, and a bigger one is fragmented here without DF; "dont" never sets
 * DF.  Returns @skb (now starting at the IP header).
 *
 * KERNEL: builds one skb out of the socket's queued pieces and gives it
 * the cork's route reference (skb_dst_set); TTL comes from the socket or
 * the route (ip_select_ttl), netstep always uses IPDEFTTL.
 */
struct sk_buff *
__ip_make_skb(struct sk_buff *skb, struct flowi4 *fl4, struct rtable *rt, int pmtudisc)
{
	struct net *net = skb->host;
	struct iphdr *iph;
	__be16 df = 0;

	trace___ip_make_skb(skb, pmtudisc, dst_mtu(&rt->dst));
	if (!fl4->saddr)
		fl4->saddr = inet_select_addr(rt->dst.dev, fl4->daddr);
	skb_push(skb, sizeof(*iph));
	skb_reset_network_header(skb);
	iph = ip_hdr(skb);

	skb->local_df = pmtudisc < IP_PMTUDISC_DO;
	if (pmtudisc == IP_PMTUDISC_DO ||
	    (pmtudisc == IP_PMTUDISC_WANT && skb->len <= dst_mtu(&rt->dst)))
		df = htons(IP_DF);

	iph->version = IPVERSION;
	iph->ihl = sizeof(*iph) / 4;
	iph->tos = fl4->flowi4_tos;
	iph->tot_len = htons(skb->len);
	iph->frag_off = df;
	iph->ttl = IPDEFTTL;
	iph->protocol = fl4->flowi4_proto;
	iph->check = 0;
	iph->saddr = fl4->saddr;
	iph->daddr = fl4->daddr;
	iph->id = ip_select_ident(net, iph);

	memset(IPCB(skb), 0, sizeof(struct inet_skb_parm));
	IPCB(skb)->pmtudisc = pmtudisc;
	skb_dst_set_noref(skb, &rt->dst);
	trace_ip_make_header(skb);
	return skb;
}

/**
 * ip_push_pending_frames - build the IP header and send the datagram
 *
 * See __ip_make_skb for the arguments.  Consumes @skb; returns 0 or a
 * negative errno (-EMSGSIZE when "do" forbids fragmenting it).
 */
int
ip_push_pending_frames(struct sk_buff *skb, struct flowi4 *fl4, struct rtable *rt,
		       int pmtudisc)
{
	trace_ip_push_pending_frames(skb, fl4);
	skb = __ip_make_skb(skb, fl4, rt, pmtudisc);
	return ip_send_skb(skb);
}

/**
 * sim_skb_realloc_headroom - copy @skb into a buffer with more headroom
 *
 * Keeps the metadata a sender set (device, route, cb, header offsets).
 * Consumes @skb; returns the copy or NULL (the original is then freed).
 */
struct sk_buff *
sim_skb_realloc_headroom(struct sk_buff *skb, unsigned int headroom)
{
	struct sk_buff *n = alloc_skb(skb->host, headroom + skb->len);
	int delta;

	if (!n) {
		kfree_skb(skb);
		return NULL;
	}
	skb_reserve(n, headroom);
	memcpy(skb_put(n, skb->len), skb->data, skb->len);
	delta = (int)(n->data - n->head) - (int)(skb->data - skb->head);
	n->network_header = skb->network_header + delta;
	if (skb->transport_header != SKB_HEADER_UNSET)
		n->transport_header = skb->transport_header + delta;
	if (skb->mac_header != SKB_HEADER_UNSET)
		n->mac_header = skb->mac_header + delta;
	__copy_skb_header(n, skb);
	n->ip_summed = skb->ip_summed;
	/* The route moves to the copy with whatever reference it had. */
	n->_skb_refdst = skb->_skb_refdst;
	skb->_skb_refdst = 0;
	consume_skb(skb);
	return n;
}

/**
 * ip_finish_output2 - hand the packet to the neighbour of the next hop
 * @skb: a packet (or fragment) that fits the MTU
 *
 * The next hop is the route's gateway, or the destination itself when it
 * is on the link.  Its neighbour entry is found or created here; the
 * neighbour layer adds the Ethernet header once it knows the MAC, or
 * queues the packet while ARP asks.  Consumes @skb.
 */
static int
ip_finish_output2(struct sk_buff *skb)
{
	struct dst_entry *dst = skb_dst(skb);
	struct rtable *rt = (struct rtable *)dst;
	struct net_device *dev = dst->dev;
	struct net *net = dev_net(dev);
	unsigned int hh_len = LL_RESERVED_SPACE(dev);
	struct neighbour *neigh;
	__be32 nexthop;

	trace_ip_finish_output2(skb);

	/* Room for the link-layer header, so it can be pushed in place. */
	if (unlikely(skb_headroom(skb) < hh_len && dev->header_ops)) {
		trace_ip_headroom_realloc(skb, hh_len);
		skb = sim_skb_realloc_headroom(skb, hh_len);
		if (!skb) {
			IP_INC_STATS(net, IPSTATS_MIB_OUTDISCARDS);
			return -ENOMEM;
		}
	}

	nexthop = rt_nexthop(rt, ip_hdr(skb)->daddr);
	neigh = __ipv4_neigh_lookup_noref(dev, (u32)nexthop);
	if (unlikely(!neigh))
		neigh = __neigh_create(net->arp_tbl, &nexthop, dev, false);
	if (neigh && !IS_ERR(neigh))
		return dst_neigh_output(dst, neigh, skb);

	/* "No header cache and no neighbour!" */
	trace_ip_drop(skb, "no_neighbour");
	IP_INC_STATS(net, IPSTATS_MIB_OUTDISCARDS);
	kfree_skb(skb);
	return -EINVAL;
}

/* include/net/ip.h: a PROBE socket ignores the learned path MTU. */
static unsigned int
ip_skb_dst_mtu(const struct sk_buff *skb)
{
	if (IPCB(skb)->pmtudisc == IP_PMTUDISC_PROBE)
		return skb_dst(skb)->dev->mtu;
	return dst_mtu(skb_dst(skb));
}

/**
 * ip_finish_output - fragment if the packet is bigger than the MTU
 *
 * Consumes @skb.
 * KERNEL: GSO packets skip this check (the NIC or dev_hard_start_xmit
 * cuts them); netstep builds no GSO packets.
 */
static int
ip_finish_output(struct sk_buff *skb)
{
	unsigned int mtu = ip_skb_dst_mtu(skb);

	trace_ip_finish_output(skb, mtu);
	if (skb->len > mtu)
		return ip_fragment(skb, ip_finish_output2);
	return ip_finish_output2(skb);
}

/**
 * ip_output - dst->output of every unicast route
 * @skb: IP packet, locally generated or forwarded
 *
 * Counts the packet, points it at the route's device and runs the
 * POST_ROUTING hook.  Consumes @skb.
 */
int
ip_output(struct sk_buff *skb)
{
	struct net_device *dev = skb_dst(skb)->dev;
	struct net *net = dev_net(dev);

	trace_ip_output(skb);
	IP_INC_STATS(net, IPSTATS_MIB_OUTPKTS);
	IP_ADD_STATS(net, IPSTATS_MIB_OUTOCTETS, skb->len);

	skb->dev = dev;
	skb->protocol = htons(ETH_P_IP);
	return NF_HOOK_COND(NFPROTO_IPV4, NF_INET_POST_ROUTING, skb, NULL, dev,
			    ip_finish_output, !(IPCB(skb)->flags & IPSKB_REROUTED));
}

/*
 * ip_copy_metadata - what a fragment inherits from the whole datagram:
 * device, protocol, priority, the IP control block and the route (with a
 * reference of its own if the original held one).
 */
static void
ip_copy_metadata(struct sk_buff *to, const struct sk_buff *from)
{
	struct dst_entry *dst = skb_dst(from);

	trace_ip_copy_metadata(to, from);
	__copy_skb_header(to, from);
	if (from->_skb_refdst & SKB_DST_NOREF) {
		skb_dst_set_noref(to, dst);
	} else if (dst) {
		dst_hold(dst);
		skb_dst_set(to, dst);
	}
	/* KERNEL: also tc_index, nf state, mark, secmark, skb_iif. */
}

/**
 * ip_fragment - cut a datagram into pieces that fit the route's MTU
 * @skb: the datagram, IP header at skb->data
 * @output: where each fragment goes (ip_finish_output2)
 *
 * Every fragment gets a copy of the header with its own offset (in 8-byte
 * units), total length and checksum; all but the last carry MF, and so
 * does the last if the datagram was itself a non-last fragment (a router
 * refragmenting).  Every piece but the last holds a multiple of 8 bytes.
 *
 * DF set, and the sender did not allow local fragmentation: nothing is
 * sent, the sender hears ICMP "fragmentation needed" with the MTU, and
 * -EMSGSIZE is returned.  Consumes @skb in every case.
 *
 * KERNEL: when the socket already built the datagram as a frag_list of
 * MTU-sized pieces (ip_append_data), the fast path only adds a header to
 * each; netstep always copies (the slow path).  IP options not marked
 * "copied" are not blanked in later fragments (ip_options_fragment).
 */
int
ip_fragment(struct sk_buff *skb, int (*output)(struct sk_buff *))
{
	struct iphdr *iph = ip_hdr(skb);
	struct rtable *rt = skb_rtable(skb);
	struct net_device *dev = rt->dst.dev;
	struct net *net = dev_net(dev);
	unsigned int hlen = iph->ihl * 4;
	unsigned int mtu = dst_mtu(&rt->dst);
	unsigned int ll_rs = LL_RESERVED_SPACE(dev);
	unsigned int left, ptr, offset;
	bool not_last_frag;
	int err = 0;

	trace_ip_fragment(skb, mtu);

	if (unlikely((iph->frag_off & htons(IP_DF)) && !skb->local_df)) {
		trace_ip_drop_mtu(skb, "df_set", mtu);
		IP_INC_STATS(net, IPSTATS_MIB_FRAGFAILS);
		icmp_send(skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, htonl(ip_skb_dst_mtu(skb)));
		kfree_skb(skb);
		return -EMSGSIZE;
	}
	if (unlikely(mtu < hlen + 8)) {
		/* Not even 8 bytes of payload fit: there is no way to cut it. */
		trace_ip_drop_mtu(skb, "mtu_too_small", mtu);
		err = -EMSGSIZE;
		goto fail;
	}

	mtu -= hlen;			/* payload room per fragment */
	left = skb->len - hlen;
	ptr = hlen;
	offset = (ntohs(iph->frag_off) & IP_OFFSET) << 3;
	not_last_frag = iph->frag_off & htons(IP_MF);

	while (left > 0) {
		unsigned int len = left;
		struct sk_buff *skb2;
		struct iphdr *iph2;

		if (len > mtu)
			len = mtu;
		if (len < left)		/* not the last: align to 8 bytes */
			len &= ~7U;

		skb2 = alloc_skb(net, len + hlen + ll_rs);
		if (!skb2) {
			err = -ENOMEM;
			goto fail;
		}
		ip_copy_metadata(skb2, skb);
		skb_reserve(skb2, ll_rs);
		skb_put(skb2, len + hlen);
		skb_reset_network_header(skb2);
		skb2->transport_header = skb2->network_header + hlen;

		memcpy(skb_network_header(skb2), skb_network_header(skb), hlen);
		memcpy(skb_network_header(skb2) + hlen, skb_network_header(skb) + ptr, len);
		left -= len;

		iph2 = ip_hdr(skb2);
		iph2->frag_off = htons(offset >> 3);
		if (left > 0 || not_last_frag)
			iph2->frag_off |= htons(IP_MF);
		iph2->tot_len = htons(len + hlen);
		ip_send_check(iph2);
		trace_ip_frag_created(skb2);
		ptr += len;
		offset += len;

		err = output(skb2);
		if (err)
			goto fail;
		IP_INC_STATS(net, IPSTATS_MIB_FRAGCREATES);
	}
	consume_skb(skb);
	IP_INC_STATS(net, IPSTATS_MIB_FRAGOKS);
	return err;

fail:
	kfree_skb(skb);
	IP_INC_STATS(net, IPSTATS_MIB_FRAGFAILS);
	return err;
}
