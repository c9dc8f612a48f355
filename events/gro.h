/*
 * events/gro.h - tracepoints of Generic Receive Offload: layers/gro.c
 * (net/core/dev.c) and the protocols' GRO callbacks (layers/af_inet.c,
 * layers/tcp_ipv4.c, layers/tcp.c).  skb_gro_receive is in events/skb.h,
 * napi_gro_receive in events/net.h.
 * See kernel/trace_event.h for the syntax.  None of these functions is
 * inline in 3.10.
 */
#if !defined(NETSTEP_EVENTS_GRO_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_GRO_H

#undef TRACE_SYSTEM
#define TRACE_SYSTEM net

#include "kernel/trace_event.h"
#include "layers/netdevice.h"
#include "layers/ip.h"
#include "layers/tcp.h"

/* ---- net/core/dev.c ------------------------------------------------------------ */

/* A packet GRO has: its length, and the segments it stands for. */
DECLARE_EVENT_CLASS(gro_skb,
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_u16(count)
		tp_u16(gso_size)),
	TP_ASSIGN(
		__entry->len = skb->len;
		__entry->count = NAPI_GRO_CB(skb)->count;
		__entry->gso_size = skb_shinfo(skb)->gso_size;))
DEFINE_EVENT(gro_skb, napi_gro_complete, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb), TP_ARGS(skb))
#define trace_napi_gro_complete(...) TP_FUNC(napi_gro_complete, __VA_ARGS__)

TRACE_EVENT(napi_gro_flush, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct napi_struct *napi, bool flush_old),
	TP_HOST(dev_net(napi->dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(held)
		tp_u8(flush_old)),
	TP_ASSIGN(
		__entry->dev = napi->dev->name;
		__entry->held = napi->gro_count;
		__entry->flush_old = flush_old;))
#define trace_napi_gro_flush(...) TP_FUNC(napi_gro_flush, __VA_ARGS__)

/* GRO with the packets it holds and the one that arrives. */
DECLARE_EVENT_CLASS(gro_napi_skb,
	TP_PROTO(const struct napi_struct *napi, const struct sk_buff *skb),
	TP_HOST(dev_net(napi->dev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(len)
		tp_u32(held)),
	TP_ASSIGN(
		__entry->dev = napi->dev->name;
		__entry->len = skb->len;
		__entry->held = napi->gro_count;))
DEFINE_EVENT(gro_napi_skb, gro_list_prepare, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct napi_struct *napi, const struct sk_buff *skb),
	TP_ARGS(napi, skb))
#define trace_gro_list_prepare(...) TP_FUNC(gro_list_prepare, __VA_ARGS__)

TRACE_EVENT(dev_gro_receive, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct napi_struct *napi, const struct sk_buff *skb),
	TP_HOST(dev_net(napi->dev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(len)
		tp_u32(held)
		tp_u8(gro)),
	TP_ASSIGN(
		__entry->dev = napi->dev->name;
		__entry->len = skb->len;
		__entry->held = napi->gro_count;
		__entry->gro = !!(skb->dev->features & NETIF_F_GRO);))
#define trace_dev_gro_receive(...) TP_FUNC(dev_gro_receive, __VA_ARGS__)

TRACE_EVENT(napi_skb_finish, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, gro_result_t ret),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_bare_enum8(ret, sim_gro_result_name)),
	TP_ASSIGN(
		__entry->ret = (u8)ret;))
#define trace_napi_skb_finish(...) TP_FUNC(napi_skb_finish, __VA_ARGS__)

TRACE_EVENT(netif_napi_del, "net/core/dev.c", TP_NOT_INLINE,
	TP_PROTO(const struct napi_struct *napi),
	TP_HOST(dev_net(napi->dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(held)),
	TP_ASSIGN(
		__entry->dev = napi->dev->name;
		__entry->held = napi->gro_count;))
#define trace_netif_napi_del(...) TP_FUNC(netif_napi_del, __VA_ARGS__)

/* ---- net/ipv4/af_inet.c --------------------------------------------------------- */

/* A packet as a protocol's gro_receive gets it: the bytes after the
 * headers parsed so far, where they start, and its checksum state. */
DECLARE_EVENT_CLASS(gro_proto,
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_u32(offset)
		tp_enum8(summed, sim_skb_summed_name)),
	TP_ASSIGN(
		__entry->len = skb_gro_len(skb);
		__entry->offset = skb_gro_offset(skb);
		__entry->summed = skb->ip_summed;))
DEFINE_EVENT(gro_proto, inet_gro_receive, "net/ipv4/af_inet.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb), TP_ARGS(skb))
#define trace_inet_gro_receive(...) TP_FUNC(inet_gro_receive, __VA_ARGS__)

/* The merged packet's IP header gets its new total length. */
TRACE_EVENT(inet_gro_complete, "net/ipv4/af_inet.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, unsigned int tot_len),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(tot_len)
		tp_u16(segs)),
	TP_ASSIGN(
		__entry->tot_len = tot_len;
		__entry->segs = NAPI_GRO_CB(skb)->count;))
#define trace_inet_gro_complete(...) TP_FUNC(inet_gro_complete, __VA_ARGS__)

/* ---- net/ipv4/tcp_ipv4.c, net/ipv4/tcp.c ---------------------------------------- */

/* tcp4_gro_receive: the checksum is checked once, here, for the flow. */
DEFINE_EVENT(gro_proto, tcp4_gro_receive, "net/ipv4/tcp_ipv4.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb), TP_ARGS(skb))
#define trace_tcp4_gro_receive(...) TP_FUNC(tcp4_gro_receive, __VA_ARGS__)

/* A segment's header as tcp_gro_receive will read it (zeros if the
 * packet is too short to hold one). */
TRACE_EVENT(tcp_gro_receive, "net/ipv4/tcp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u16(sport)
		tp_u16(dport)
		tp_u32(seq)
		tp_u32(len)
		tp_x8(flags)),
	TP_ASSIGN(
		struct tcphdr _th;
		const struct tcphdr *th = skb_header_pointer(skb, (int)skb_gro_offset(skb),
							     sizeof(_th), &_th);

		memset(__entry, 0, sizeof(*__entry));
		if (th) {
			__entry->sport = ntohs(th->source);
			__entry->dport = ntohs(th->dest);
			__entry->seq = ntohl(th->seq);
			__entry->len = skb_gro_len(skb) - th->doff * 4U;
			__entry->flags = tcp_flag_byte(th);
		}))
#define trace_tcp_gro_receive(...) TP_FUNC(tcp_gro_receive, __VA_ARGS__)

/* tcp_gro_receive: the held packet @p of the flow may take no more, and
 * why: the first reason found of those 3.10 ORs into its flush. */
TRACE_NOTE_EVENT(tcp_gro_flush, "net/ipv4/tcp.c",
	TP_PROTO(const struct sk_buff *skb, const struct sk_buff *p, const char *why),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_skb(held)
		tp_str(why)),
	TP_ASSIGN(
		__entry->held = p->id;
		__entry->why = why;))
#define trace_tcp_gro_flush(...) TP_NOTE(tcp_gro_flush, __VA_ARGS__)

/* The merged packet TCP will see: its segments and their size. */
DEFINE_EVENT(gro_skb, tcp4_gro_complete, "net/ipv4/tcp_ipv4.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb), TP_ARGS(skb))
#define trace_tcp4_gro_complete(...) TP_FUNC(tcp4_gro_complete, __VA_ARGS__)
DEFINE_EVENT(gro_skb, tcp_gro_complete, "net/ipv4/tcp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb), TP_ARGS(skb))
#define trace_tcp_gro_complete(...) TP_FUNC(tcp_gro_complete, __VA_ARGS__)

#endif
