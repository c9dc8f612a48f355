/*
 * events/ip.h - tracepoints of IPv4: layers/ip_output.c, ip_input.c, ip_forward.c, ip_fragment.c.
 * See kernel/trace_event.h for the syntax.
 */
#if !defined(NETSTEP_EVENTS_IP_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_IP_H

/* Classes from other headers (kernel/trace_events.c's later passes read
 * them through all.h, not again from here). */
#ifndef TRACE_HEADER_MULTI_READ
#include "events/common.h"
#endif

#undef TRACE_SYSTEM
#define TRACE_SYSTEM ip

#include "kernel/trace_event.h"
#include "layers/ip.h"
#include "layers/inet_frag.h"
#include "layers/route.h"
#include "layers/netdevice.h"
#include "layers/sock.h"

#ifndef NETSTEP_EVENTS_IP_HELPERS
#define NETSTEP_EVENTS_IP_HELPERS

/* How many pieces ip_fragment's loop makes of @left payload bytes when
 * each may hold @mtu. */
static inline unsigned int
sim_ip_frag_count(unsigned int left, unsigned int mtu)
{
	unsigned int n = 0;

	while (left > 0) {
		unsigned int len = left > mtu ? mtu & ~7U : left;

		left -= len;
		n++;
	}
	return n;
}

/* How many fragments a reassembly queue holds. */
static inline unsigned int
sim_ipfrag_count_held(const struct sk_buff *fp)
{
	unsigned int n = 0;

	for (; fp; fp = fp->next)
		n++;
	return n;
}

#endif /* NETSTEP_EVENTS_IP_HELPERS */

/* ---- layers/ip_output.c ------------------------------------------------------ */

TRACE_EVENT(ip_select_ident, "include/net/ip.h", TP_INLINE,
	TP_PROTO(const struct net *net, const struct iphdr *iph),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u16(id)
		tp_ip4(daddr)),
	TP_ASSIGN(
		__entry->id = net->ip_id;
		__entry->daddr = iph->daddr;))
#define trace_ip_select_ident(...) TP_FUNC(ip_select_ident, __VA_ARGS__)

/* An skb's length and the addresses it goes between (TCP's
 * tcp_v4_send_check and tcp_v4_rcv print the same). */
DECLARE_EVENT_CLASS(skb_len_addrs,
	TP_PROTO(const struct net *net, const struct sk_buff *skb, __be32 saddr, __be32 daddr),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_ip4(saddr)
		tp_ip4(daddr)),
	TP_ASSIGN(
		__entry->len = skb->len;
		__entry->saddr = saddr;
		__entry->daddr = daddr;))
DEFINE_EVENT(skb_len_addrs, __ip_local_out, "net/ipv4/ip_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb),
	TP_ARGS(skb->host, skb, ip_hdr(skb)->saddr, ip_hdr(skb)->daddr))
#define trace___ip_local_out(...) TP_FUNC(__ip_local_out, __VA_ARGS__)

/* An skb and its length (UDP's udp_rcv prints the same). */
DECLARE_EVENT_CLASS(skb_len,
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)),
	TP_ASSIGN(
		__entry->len = skb->len;))
DEFINE_EVENT(skb_len, ip_local_out, "net/ipv4/ip_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb), TP_ARGS(skb))
#define trace_ip_local_out(...) TP_FUNC(ip_local_out, __VA_ARGS__)

/* cached_dst: the socket had a route cached (it may still be obsolete). */
TRACE_EVENT(ip_queue_xmit, "net/ipv4/ip_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(sock_net(skb->sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_ip4(daddr)
		tp_u8(cached_dst)),
	TP_ASSIGN(
		__entry->len = skb->len;
		__entry->daddr = skb->sk->sk_daddr;
		__entry->cached_dst = __sk_dst_get(skb->sk) != NULL;))
#define trace_ip_queue_xmit(...) TP_FUNC(ip_queue_xmit, __VA_ARGS__)

/* A route lookup failed and the packet is dropped. */
DEFINE_NOTE_EVENT(reason_err, ip_no_route, "net/ipv4/ip_output.c",
	TP_PROTO(const struct sk_buff *skb, int err), TP_ARGS(skb->host, skb, "no_route", err))
#define trace_ip_no_route(...) TP_NOTE(ip_no_route, __VA_ARGS__)

/* The IP header ip_queue_xmit built. */
TRACE_NOTE_EVENT(ip_xmit_header, "net/ipv4/ip_output.c",
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u16(id)
		tp_u8(df)
		tp_u8(ttl)
		tp_ip4(saddr)),
	TP_ASSIGN(
		__entry->id = ntohs(ip_hdr(skb)->id);
		__entry->df = (ip_hdr(skb)->frag_off & htons(IP_DF)) != 0;
		__entry->ttl = ip_hdr(skb)->ttl;
		__entry->saddr = ip_hdr(skb)->saddr;))
#define trace_ip_xmit_header(...) TP_NOTE(ip_xmit_header, __VA_ARGS__)

DEFINE_EVENT(skb_len_addrs, ip_build_and_send_pkt, "net/ipv4/ip_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, __be32 saddr, __be32 daddr),
	TP_ARGS(skb->host, skb, saddr, daddr))
#define trace_ip_build_and_send_pkt(...) TP_FUNC(ip_build_and_send_pkt, __VA_ARGS__)

DEFINE_EVENT(skb_len, ip_send_skb, "net/ipv4/ip_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb), TP_ARGS(skb))
#define trace_ip_send_skb(...) TP_FUNC(ip_send_skb, __VA_ARGS__)

/* len: the datagram with the IP header about to be pushed; mtu: the
 * route's (the caller passes dst_mtu(), itself traced, so it shows first). */
/* len: the whole datagram, IP header included; pieces: the skbs queued. */
TRACE_EVENT(__ip_make_skb, "net/ipv4/ip_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, int pmtudisc, unsigned int mtu, u32 pieces),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_u8(pmtudisc)
		tp_u32(mtu)
		tp_u32(pieces)),
	TP_ASSIGN(
		const struct sk_buff *p = skb;

		__entry->len = 0;
		for (u32 i = 0; i < pieces; i++, p = p->next)
			__entry->len += p->len - (i ? (unsigned int)sizeof(struct iphdr) : 0);
		__entry->pmtudisc = (u8)pmtudisc;
		__entry->mtu = mtu;
		__entry->pieces = pieces;))
#define trace___ip_make_skb(...) TP_FUNC(__ip_make_skb, __VA_ARGS__)

/* The IP header __ip_make_skb built. */
TRACE_NOTE_EVENT(ip_make_header, "net/ipv4/ip_output.c",
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u16(id)
		tp_u8(df)
		tp_u8(ttl)),
	TP_ASSIGN(
		__entry->id = ntohs(ip_hdr(skb)->id);
		__entry->df = (ip_hdr(skb)->frag_off & htons(IP_DF)) != 0;
		__entry->ttl = ip_hdr(skb)->ttl;))
#define trace_ip_make_header(...) TP_NOTE(ip_make_header, __VA_ARGS__)

/* len: the bytes queued (transport header included); skb: the first
 * queued piece. */
TRACE_EVENT(ip_push_pending_frames, "net/ipv4/ip_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct flowi4 *fl4),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb_peek(&sk->sk_write_queue)),
	TP_STRUCT(
		tp_u32(len)
		tp_ip4(daddr)),
	TP_ASSIGN(
		__entry->len = (u32)inet_sk(sk)->cork.base.length;
		__entry->daddr = fl4->daddr;))
#define trace_ip_push_pending_frames(...) TP_FUNC(ip_push_pending_frames, __VA_ARGS__)

/* len: the bytes the caller adds (transport header included). */
TRACE_EVENT(ip_append_data, "net/ipv4/ip_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct flowi4 *fl4, int length),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(len)
		tp_ip4(daddr)
		tp_u32(queued)),
	TP_ASSIGN(
		__entry->len = length;
		__entry->daddr = fl4->daddr;
		__entry->queued = skb_queue_len(&sk->sk_write_queue);))
#define trace_ip_append_data(...) TP_FUNC(ip_append_data, __VA_ARGS__)

/* queued: skbs on the socket's write queue. */
DECLARE_EVENT_CLASS(sk_write_queue,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb_peek(&sk->sk_write_queue)),
	TP_STRUCT(
		tp_u32(queued)),
	TP_ASSIGN(
		__entry->queued = skb_queue_len(&sk->sk_write_queue);))
DEFINE_EVENT(sk_write_queue, ip_finish_skb, "include/net/ip.h", TP_INLINE,
	TP_PROTO(const struct sock *sk), TP_ARGS(sk))
#define trace_ip_finish_skb(...) TP_FUNC(ip_finish_skb, __VA_ARGS__)
DEFINE_EVENT(sk_write_queue, ip_flush_pending_frames, "net/ipv4/ip_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk), TP_ARGS(sk))
#define trace_ip_flush_pending_frames(...) TP_FUNC(ip_flush_pending_frames, __VA_ARGS__)

TRACE_EVENT(ip_finish_output2, "net/ipv4/ip_output.c", TP_INLINE,
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(dev_net(skb_dst(skb)->dev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_str(dev)
		tp_ip4(daddr)
		tp_ip4(nexthop)),
	TP_ASSIGN(
		__entry->len = skb->len;
		__entry->dev = skb_dst(skb)->dev->name;
		__entry->daddr = ip_hdr(skb)->daddr;
		__entry->nexthop = rt_nexthop(skb_rtable(skb), ip_hdr(skb)->daddr);))
#define trace_ip_finish_output2(...) TP_FUNC(ip_finish_output2, __VA_ARGS__)

/* Too little headroom for the link-layer header: the packet is copied. */
TRACE_NOTE_EVENT(ip_headroom_realloc, "net/ipv4/ip_output.c",
	TP_PROTO(const struct sk_buff *skb, unsigned int need),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(headroom)
		tp_u32(need)
		tp_u8(realloc)),
	TP_ASSIGN(
		__entry->headroom = skb_headroom(skb);
		__entry->need = need;
		__entry->realloc = 1;))
#define trace_ip_headroom_realloc(...) TP_NOTE(ip_headroom_realloc, __VA_ARGS__)

/* A packet dropped (or, in ip_forward, about to be) and why. */
DEFINE_NOTE_EVENT(reason, ip_drop, "net/ipv4/ip_output.c",
	TP_PROTO(const struct sk_buff *skb, const char *reason), TP_ARGS(skb->host, skb, reason))
#define trace_ip_drop(...) TP_NOTE(ip_drop, __VA_ARGS__)

TRACE_EVENT(ip_finish_output, "net/ipv4/ip_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, unsigned int mtu),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_u32(mtu)),
	TP_ASSIGN(
		__entry->len = skb->len;
		__entry->mtu = mtu;))
#define trace_ip_finish_output(...) TP_FUNC(ip_finish_output, __VA_ARGS__)

TRACE_EVENT(ip_output, "net/ipv4/ip_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(dev_net(skb_dst(skb)->dev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_str(dev)),
	TP_ASSIGN(
		__entry->len = skb->len;
		__entry->dev = skb_dst(skb)->dev->name;))
#define trace_ip_output(...) TP_FUNC(ip_output, __VA_ARGS__)

/* from: the id of the datagram the fragment @to is cut from. */
TRACE_EVENT(ip_copy_metadata, "net/ipv4/ip_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *to, const struct sk_buff *from),
	TP_HOST(from->host),
	TP_SKB(to),
	TP_STRUCT(
		tp_u32(from)
		tp_u8(noref)),
	TP_ASSIGN(
		__entry->from = from->id;
		__entry->noref = (from->_skb_refdst & SKB_DST_NOREF) != 0;))
#define trace_ip_copy_metadata(...) TP_FUNC(ip_copy_metadata, __VA_ARGS__)

/* frags: how many fragments the datagram will make (0: it cannot be cut). */
TRACE_EVENT(ip_fragment, "net/ipv4/ip_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, unsigned int mtu),
	TP_HOST(dev_net(skb_rtable(skb)->dst.dev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_u32(mtu)
		tp_u8(df)
		tp_u16(id)
		tp_u32(frags)),
	TP_ASSIGN(
		unsigned int hlen = ip_hdr(skb)->ihl * 4U;

		__entry->len = skb->len;
		__entry->mtu = mtu;
		__entry->df = (ip_hdr(skb)->frag_off & htons(IP_DF)) != 0;
		__entry->id = ntohs(ip_hdr(skb)->id);
		__entry->frags = mtu > hlen + 8 ? sim_ip_frag_count(skb->len - hlen, mtu - hlen) : 0;))
#define trace_ip_fragment(...) TP_FUNC(ip_fragment, __VA_ARGS__)

/* A packet dropped because of an MTU (too small, or DF set). */
TRACE_NOTE_EVENT(ip_drop_mtu, "net/ipv4/ip_output.c",
	TP_PROTO(const struct sk_buff *skb, const char *reason, unsigned int mtu),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_u32(mtu)),
	TP_ASSIGN(
		__entry->reason = reason;
		__entry->mtu = mtu;))
#define trace_ip_drop_mtu(...) TP_NOTE(ip_drop_mtu, __VA_ARGS__)

/* One fragment ip_fragment made: its offset (8-byte units), length, MF. */
TRACE_NOTE_EVENT(ip_frag_created, "net/ipv4/ip_output.c",
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u16(frag_offset)
		tp_u16(len)
		tp_u8(mf)),
	TP_ASSIGN(
		__entry->frag_offset = ntohs(ip_hdr(skb)->frag_off) & IP_OFFSET;
		__entry->len = ntohs(ip_hdr(skb)->tot_len);
		__entry->mf = (ntohs(ip_hdr(skb)->frag_off) & IP_MF) != 0;))
#define trace_ip_frag_created(...) TP_NOTE(ip_frag_created, __VA_ARGS__)

/* ---- layers/ip_input.c ------------------------------------------------------- */

TRACE_EVENT(inet_add_protocol, "net/ipv4/protocol.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, unsigned char protocol),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(protocol)),
	TP_ASSIGN(
		__entry->protocol = protocol;))
#define trace_inet_add_protocol(...) TP_FUNC(inet_add_protocol, __VA_ARGS__)

TRACE_EVENT(ip_local_deliver_finish, "net/ipv4/ip_input.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_u8(protocol)),
	TP_ASSIGN(
		__entry->len = skb->len;
		__entry->protocol = ip_hdr(skb)->protocol;))
#define trace_ip_local_deliver_finish(...) TP_FUNC(ip_local_deliver_finish, __VA_ARGS__)

/* No handler for the packet's protocol: dropped, ICMP protocol unreachable. */
DEFINE_NOTE_EVENT(reason_protocol, ip_unknown_protocol, "net/ipv4/ip_input.c",
	TP_PROTO(const struct sk_buff *skb, u8 protocol),
	TP_ARGS(skb->host, skb, "unknown_protocol", protocol))
#define trace_ip_unknown_protocol(...) TP_NOTE(ip_unknown_protocol, __VA_ARGS__)

TRACE_EVENT(ip_local_deliver, "net/ipv4/ip_input.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_u8(frag)),
	TP_ASSIGN(
		__entry->len = skb->len;
		__entry->frag = ip_is_fragment(ip_hdr(skb));))
#define trace_ip_local_deliver(...) TP_FUNC(ip_local_deliver, __VA_ARGS__)

TRACE_EVENT(ip_rcv_finish, "net/ipv4/ip_input.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_ip4(saddr)
		tp_ip4(daddr)
		tp_u8(proto)),
	TP_ASSIGN(
		__entry->saddr = ip_hdr(skb)->saddr;
		__entry->daddr = ip_hdr(skb)->daddr;
		__entry->proto = ip_hdr(skb)->protocol;))
#define trace_ip_rcv_finish(...) TP_FUNC(ip_rcv_finish, __VA_ARGS__)

TRACE_EVENT(ip_rcv, "net/ipv4/ip_input.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, const struct net_device *dev),
	TP_HOST(dev_net(dev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_str(dev)
		tp_u8(pkt_type)),
	TP_ASSIGN(
		__entry->len = skb->len;
		__entry->dev = dev->name;
		__entry->pkt_type = skb->pkt_type;))
#define trace_ip_rcv(...) TP_FUNC(ip_rcv, __VA_ARGS__)

/* 3.10's ip_init (ip_output.c) is called by inet_init (af_inet.c), whose
 * IPv4 part netstep's does: ip_rcv, reassembly, ICMP. */
DEFINE_EVENT(no_fields, ip_init, "net/ipv4/ip_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net), TP_ARGS(net, NULL))
#define trace_ip_init(...) TP_FUNC(ip_init, __VA_ARGS__)

DEFINE_EVENT(no_fields, sim_ip_exit, "net/ipv4/ip_input.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net), TP_ARGS(net, NULL))
#define trace_sim_ip_exit(...) TP_FUNC(sim_ip_exit, __VA_ARGS__)

/* ---- layers/ip_forward.c ----------------------------------------------------- */

TRACE_EVENT(ip_forward_finish, "net/ipv4/ip_forward.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_str(dev)
		tp_u8(ttl)),
	TP_ASSIGN(
		__entry->len = skb->len;
		__entry->dev = skb_dst(skb)->dev->name;
		__entry->ttl = ip_hdr(skb)->ttl;))
#define trace_ip_forward_finish(...) TP_FUNC(ip_forward_finish, __VA_ARGS__)

/* mtu and out: the outgoing route's MTU and device. */
TRACE_EVENT(ip_forward, "net/ipv4/ip_forward.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, unsigned int mtu),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_u8(ttl)
		tp_u32(mtu)
		tp_u8(df)
		tp_ip4(daddr)
		tp_str(out)),
	TP_ASSIGN(
		__entry->len = skb->len;
		__entry->ttl = ip_hdr(skb)->ttl;
		__entry->mtu = mtu;
		__entry->df = (ip_hdr(skb)->frag_off & htons(IP_DF)) != 0;
		__entry->daddr = ip_hdr(skb)->daddr;
		__entry->out = skb_rtable(skb)->dst.dev->name;))
#define trace_ip_forward(...) TP_FUNC(ip_forward, __VA_ARGS__)

/* The TTL taken down by one, and the patched header checksum. */
TRACE_NOTE_EVENT(ip_ttl_decreased, "net/ipv4/ip_forward.c",
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u8(ttl)
		tp_x32w(check, 4)),
	TP_ASSIGN(
		__entry->ttl = ip_hdr(skb)->ttl;
		__entry->check = ntohs(ip_hdr(skb)->check);))
#define trace_ip_ttl_decreased(...) TP_NOTE(ip_ttl_decreased, __VA_ARGS__)

/* ---- layers/ip_fragment.c ---------------------------------------------------- */

/* The sysctls being set (-1: left as they are); no 3.10 counterpart. */
TRACE_EVENT(sim_ipfrag_sysctl, "net/ipv4/ip_fragment.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, int high_thresh, int low_thresh, int time_s),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(high)
		tp_s32(low)
		tp_s32(time)),
	TP_ASSIGN(
		__entry->high = high_thresh;
		__entry->low = low_thresh;
		__entry->time = time_s;))
#define trace_sim_ipfrag_sysctl(...) TP_FUNC(sim_ipfrag_sysctl, __VA_ARGS__)

TRACE_EVENT(ipq_kill, "net/ipv4/ip_fragment.c", TP_NOT_INLINE,
	TP_PROTO(const struct ipq *qp),
	TP_HOST(qp->net),
	TP_SKB(qp->fragments),
	TP_STRUCT(
		tp_u16(id)
		tp_s32(meat)
		tp_s32(len)),
	TP_ASSIGN(
		__entry->id = ntohs(qp->id);
		__entry->meat = qp->meat;
		__entry->len = qp->len;))
#define trace_ipq_kill(...) TP_FUNC(ipq_kill, __VA_ARGS__)

TRACE_EVENT(inet_frag_destroy, "net/ipv4/inet_fragment.c", TP_NOT_INLINE,
	TP_PROTO(const struct ipq *qp),
	TP_HOST(qp->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u16(id)
		tp_s32(mem)),
	TP_ASSIGN(
		__entry->id = ntohs(qp->id);
		__entry->mem = qp->mem;))
#define trace_inet_frag_destroy(...) TP_FUNC(inet_frag_destroy, __VA_ARGS__)

/* A reassembly queue given up on, and why. */
TRACE_NOTE_EVENT(ip_reasm_drop, "net/ipv4/ip_fragment.c",
	TP_PROTO(const struct ipq *qp, const char *reason),
	TP_HOST(qp->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(reason)
		tp_u16(id)
		tp_s32(meat)
		tp_s32(len)),
	TP_ASSIGN(
		__entry->reason = reason;
		__entry->id = ntohs(qp->id);
		__entry->meat = qp->meat;
		__entry->len = qp->len;))
#define trace_ip_reasm_drop(...) TP_NOTE(ip_reasm_drop, __VA_ARGS__)

/* first_in: fragment 0 had arrived (so the sender hears of the timeout). */
TRACE_EVENT(ip_expire, "net/ipv4/ip_fragment.c", TP_NOT_INLINE,
	TP_PROTO(const struct ipq *qp),
	TP_HOST(qp->net),
	TP_SKB(qp->fragments),
	TP_STRUCT(
		tp_u16(id)
		tp_s32(meat)
		tp_s32(len)
		tp_u8(first_in)),
	TP_ASSIGN(
		__entry->id = ntohs(qp->id);
		__entry->meat = qp->meat;
		__entry->len = qp->len;
		__entry->first_in = (qp->last_in & INET_FRAG_FIRST_IN) != 0;))
#define trace_ip_expire(...) TP_FUNC(ip_expire, __VA_ARGS__)

TRACE_EVENT(ip_evictor, "net/ipv4/ip_fragment.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(mem)
		tp_s32(high)
		tp_s32(low)
		tp_s32(queues)),
	TP_ASSIGN(
		__entry->mem = net->ipfrag->mem;
		__entry->high = net->ipfrag->high_thresh;
		__entry->low = net->ipfrag->low_thresh;
		__entry->queues = net->ipfrag->nqueues;))
#define trace_ip_evictor(...) TP_FUNC(ip_evictor, __VA_ARGS__)

TRACE_EVENT(ip_find, "net/ipv4/ip_fragment.c", TP_INLINE,
	TP_PROTO(const struct net *net, const struct iphdr *iph),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u16(id)
		tp_ip4(saddr)
		tp_u8(protocol)
		tp_s32(queues)),
	TP_ASSIGN(
		__entry->id = ntohs(iph->id);
		__entry->saddr = iph->saddr;
		__entry->protocol = iph->protocol;
		__entry->queues = net->ipfrag->nqueues;))
#define trace_ip_find(...) TP_FUNC(ip_find, __VA_ARGS__)

/* ip_find started a queue for a datagram not seen before. */
TRACE_NOTE_EVENT(ip_reasm_new_queue, "net/ipv4/ip_fragment.c",
	TP_PROTO(const struct ipq *qp),
	TP_HOST(qp->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_bare_str(what)
		tp_u16(id)
		tp_ip4(saddr)
		tp_ip4(daddr)),
	TP_ASSIGN(
		__entry->what = "new_queue";
		__entry->id = ntohs(qp->id);
		__entry->saddr = qp->saddr;
		__entry->daddr = qp->daddr;))
#define trace_ip_reasm_new_queue(...) TP_NOTE(ip_reasm_new_queue, __VA_ARGS__)

/* offset and end: the payload bytes the fragment covers. */
TRACE_EVENT(ip_frag_queue, "net/ipv4/ip_fragment.c", TP_NOT_INLINE,
	TP_PROTO(const struct ipq *qp, const struct sk_buff *skb, int offset, int end),
	TP_HOST(qp->net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u16(id)
		tp_s32(offset)
		tp_s32(end)
		tp_u8(mf)),
	TP_ASSIGN(
		__entry->id = ntohs(ip_hdr(skb)->id);
		__entry->offset = offset;
		__entry->end = end;
		__entry->mf = (ip_hdr(skb)->frag_off & htons(IP_MF)) != 0;))
#define trace_ip_frag_queue(...) TP_FUNC(ip_frag_queue, __VA_ARGS__)

/* A fragment exactly like one already held: freed, the queue goes on. */
TRACE_NOTE_EVENT(ip_reasm_duplicate, "net/ipv4/ip_fragment.c",
	TP_PROTO(const struct sk_buff *skb, int offset),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_s32(offset)),
	TP_ASSIGN(
		__entry->reason = "duplicate";
		__entry->offset = offset;))
#define trace_ip_reasm_duplicate(...) TP_NOTE(ip_reasm_duplicate, __VA_ARGS__)

/* A fragment now held: payload bytes in so far, and the datagram's length. */
TRACE_NOTE_EVENT(ip_reasm_held, "net/ipv4/ip_fragment.c",
	TP_PROTO(const struct ipq *qp, const struct sk_buff *skb),
	TP_HOST(qp->net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_bare_str(what)
		tp_s32(meat)
		tp_s32(len)),
	TP_ASSIGN(
		__entry->what = "held";
		__entry->meat = qp->meat;
		__entry->len = qp->len;))
#define trace_ip_reasm_held(...) TP_NOTE(ip_reasm_held, __VA_ARGS__)

/* len: the whole datagram, header included; frags: the pieces it is made of. */
TRACE_EVENT(ip_frag_reasm, "net/ipv4/ip_fragment.c", TP_NOT_INLINE,
	TP_PROTO(const struct ipq *qp, const struct sk_buff *skb),
	TP_HOST(qp->net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u16(id)
		tp_u32(len)
		tp_u32(frags)),
	TP_ASSIGN(
		__entry->id = ntohs(qp->id);
		__entry->len = ip_hdrlen(qp->fragments) + qp->len;
		__entry->frags = sim_ipfrag_count_held(qp->fragments);))
#define trace_ip_frag_reasm(...) TP_FUNC(ip_frag_reasm, __VA_ARGS__)

/* offset: in bytes; mem: what the host's queues hold before this one. */
TRACE_EVENT(ip_defrag, "net/ipv4/ip_fragment.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u16(id)
		tp_ip4(saddr)
		tp_u16(offset)
		tp_u8(mf)
		tp_u32(len)
		tp_s32(mem)),
	TP_ASSIGN(
		__entry->id = ntohs(ip_hdr(skb)->id);
		__entry->saddr = ip_hdr(skb)->saddr;
		__entry->offset = (ntohs(ip_hdr(skb)->frag_off) & IP_OFFSET) << 3;
		__entry->mf = (ntohs(ip_hdr(skb)->frag_off) & IP_MF) != 0;
		__entry->len = skb->len;
		__entry->mem = skb->host->ipfrag ? skb->host->ipfrag->mem : 0;))
#define trace_ip_defrag(...) TP_FUNC(ip_defrag, __VA_ARGS__)

/* The datagram ip_frag_reasm rebuilt. */
TRACE_NOTE_EVENT(ip_reasm_done, "net/ipv4/ip_fragment.c",
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_bare_str(what)
		tp_u32(len)),
	TP_ASSIGN(
		__entry->what = "reassembled";
		__entry->len = skb->len;))
#define trace_ip_reasm_done(...) TP_NOTE(ip_reasm_done, __VA_ARGS__)

DEFINE_EVENT(no_fields, ipfrag_init, "net/ipv4/ip_fragment.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net), TP_ARGS(net, NULL))
#define trace_ipfrag_init(...) TP_FUNC(ipfrag_init, __VA_ARGS__)

/* No 3.10 counterpart (the kernel's IPv4 is never torn down). */
DEFINE_EVENT(no_fields, ipv4_frags_exit_net, "net/ipv4/ip_fragment.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net), TP_ARGS(net, NULL))
#define trace_ipv4_frags_exit_net(...) TP_FUNC(ipv4_frags_exit_net, __VA_ARGS__)

TRACE_EVENT(ip_make_skb, "net/ipv4/ip_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, int length),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(length)
		tp_u8(pmtudisc)),
	TP_ASSIGN(
		__entry->length = length;
		__entry->pmtudisc = inet_sk(sk)->pmtudisc;))
#define trace_ip_make_skb(...) TP_FUNC(ip_make_skb, __VA_ARGS__)

TRACE_EVENT(__ip_append_data, "net/ipv4/ip_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct flowi4 *fl4, int length, unsigned int mtu),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_ip4(daddr)
		tp_s32(length)
		tp_u32(mtu)),
	TP_ASSIGN(
		__entry->daddr = fl4->daddr;
		__entry->length = length;
		__entry->mtu = mtu;))
#define trace___ip_append_data(...) TP_FUNC(__ip_append_data, __VA_ARGS__)

/* ip_fragment: "fast" (the frag_list is already cut right: only headers
 * are added) or "slow" (copying), and why not fast. */
TRACE_NOTE_EVENT(ip_frag_path, "net/ipv4/ip_output.c",
	TP_PROTO(const struct sk_buff *skb, const char *path, const char *why),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(path)
		tp_str(why)),
	TP_ASSIGN(
		__entry->path = path;
		__entry->why = why;))
#define trace_ip_frag_path(...) TP_NOTE(ip_frag_path, __VA_ARGS__)

#endif
