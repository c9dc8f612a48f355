/*
 * events/icmp.h - tracepoints of ICMP and of what it hands the ping sockets:
 * layers/icmp.c, ping.c.
 * See kernel/trace_event.h for the syntax.
 */
#if !defined(NETSTEP_EVENTS_ICMP_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_ICMP_H

/* Classes from other headers (kernel/trace_events.c's later passes read
 * them through all.h, not again from here). */
#ifndef TRACE_HEADER_MULTI_READ
#include "events/common.h"
#endif

#undef TRACE_SYSTEM
#define TRACE_SYSTEM icmp

#include "kernel/trace_event.h"
#include "layers/ip.h"
#include "layers/route.h"
#include "layers/netdevice.h"

/* ---- layers/icmp.c ----------------------------------------------------------- */

TRACE_EVENT(icmp_out_count, "net/ipv4/icmp.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, u8 type),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(type)),
	TP_ASSIGN(
		__entry->type = type;))
#define trace_icmp_out_count(...) TP_FUNC(icmp_out_count, __VA_ARGS__)

/* len: the ICMP message, header included. */
TRACE_EVENT(icmp_push_reply, "net/ipv4/icmp.c", TP_NOT_INLINE,
	TP_PROTO(const struct icmp_bxm *param, const struct flowi4 *fl4, const struct rtable *rt),
	TP_HOST(dev_net(rt->dst.dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(type)
		tp_u8(code)
		tp_u32(len)
		tp_ip4(daddr)),
	TP_ASSIGN(
		__entry->type = param->icmph.type;
		__entry->code = param->icmph.code;
		__entry->len = (unsigned int)sizeof(struct icmphdr) + param->data_len;
		__entry->daddr = fl4->daddr;))
#define trace_icmp_push_reply(...) TP_FUNC(icmp_push_reply, __VA_ARGS__)

/* saddr and daddr: those of the answer (the request's, swapped). */
TRACE_EVENT(icmp_reply, "net/ipv4/icmp.c", TP_NOT_INLINE,
	TP_PROTO(const struct icmp_bxm *param, const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u8(type)
		tp_ip4(saddr)
		tp_ip4(daddr)),
	TP_ASSIGN(
		__entry->type = param->icmph.type;
		__entry->saddr = ip_hdr(skb)->daddr;
		__entry->daddr = ip_hdr(skb)->saddr;))
#define trace_icmp_reply(...) TP_FUNC(icmp_reply, __VA_ARGS__)

/* No route for an ICMP message (or a ping) to leave by: nothing is sent. */
DEFINE_NOTE_EVENT(reason_err, icmp_no_route, "net/ipv4/icmp.c",
	TP_PROTO(const struct net *net, const struct sk_buff *skb, const char *reason, int err),
	TP_ARGS(net, skb, reason, err))
#define trace_icmp_no_route(...) TP_NOTE(icmp_no_route, __VA_ARGS__)

TRACE_EVENT(icmp_glue_bits, "net/ipv4/icmp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, int offset, int len),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_s32(offset)
		tp_s32(len)),
	TP_ASSIGN(
		__entry->offset = offset;
		__entry->len = len;))
#define trace_icmp_glue_bits(...) TP_FUNC(icmp_glue_bits, __VA_ARGS__)

/* quoted: the type of the ICMP message the error quotes (8: an echo
 * request, for the ping sockets). */
TRACE_EVENT(icmp_err, "net/ipv4/icmp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, u32 info),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u8(type)
		tp_u8(code)
		tp_u8(quoted)
		tp_u32(info)),
	TP_ASSIGN(
		__entry->type = icmp_hdr(skb)->type;
		__entry->code = icmp_hdr(skb)->code;
		__entry->quoted = skb->data[((const struct iphdr *)skb->data)->ihl * 4];
		__entry->info = info;))
#define trace_icmp_err(...) TP_FUNC(icmp_err, __VA_ARGS__)

DEFINE_EVENT(no_fields, icmp_sk_init, "net/ipv4/icmp.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net), TP_ARGS(net, NULL))
#define trace_icmp_sk_init(...) TP_FUNC(icmp_sk_init, __VA_ARGS__)
DEFINE_EVENT(no_fields, icmp_sk_exit, "net/ipv4/icmp.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net), TP_ARGS(net, NULL))
#define trace_icmp_sk_exit(...) TP_FUNC(icmp_sk_exit, __VA_ARGS__)


/* As the caller asked, before any check (type may be out of range). */
TRACE_EVENT(icmp_send, "net/ipv4/icmp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb_in, int type, int code, __be32 info),
	TP_HOST(skb_in->host),
	TP_SKB(skb_in),
	TP_STRUCT(
		tp_s32(type)
		tp_s32(code)
		tp_u32(info)),
	TP_ASSIGN(
		__entry->type = type;
		__entry->code = code;
		__entry->info = ntohl(info);))
#define trace_icmp_send(...) TP_FUNC(icmp_send, __VA_ARGS__)

/* icmp_send stays silent about this packet, and why (RFC 1122 3.2.2). */
DEFINE_NOTE_EVENT(reason, icmp_send_suppressed, "net/ipv4/icmp.c",
	TP_PROTO(const struct sk_buff *skb_in, const char *reason),
	TP_ARGS(skb_in->host, skb_in, reason))
#define trace_icmp_send_suppressed(...) TP_NOTE(icmp_send_suppressed, __VA_ARGS__)

/* protocol: of the quoted packet, at skb->data. */
TRACE_EVENT(icmp_socket_deliver, "net/ipv4/icmp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, u32 info),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u8(protocol)
		tp_u32(info)),
	TP_ASSIGN(
		__entry->protocol = ((const struct iphdr *)skb->data)->protocol;
		__entry->info = info;))
#define trace_icmp_socket_deliver(...) TP_FUNC(icmp_socket_deliver, __VA_ARGS__)

/* The quoted packet's protocol has no err_handler: nobody hears. */
DEFINE_NOTE_EVENT(reason_protocol, icmp_no_err_handler, "net/ipv4/icmp.c",
	TP_PROTO(const struct sk_buff *skb),
	TP_ARGS(skb->host, skb, "no_err_handler", ((const struct iphdr *)skb->data)->protocol))
#define trace_icmp_no_err_handler(...) TP_NOTE(icmp_no_err_handler, __VA_ARGS__)

TRACE_EVENT(icmp_unreach, "net/ipv4/icmp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u8(type)
		tp_u8(code)
		tp_u32(len)),
	TP_ASSIGN(
		__entry->type = icmp_hdr(skb)->type;
		__entry->code = icmp_hdr(skb)->code;
		__entry->len = skb->len;))
#define trace_icmp_unreach(...) TP_FUNC(icmp_unreach, __VA_ARGS__)

/* An ICMP message dropped, or not delivered to any socket, and why. */
DEFINE_NOTE_EVENT(reason, icmp_drop, "net/ipv4/icmp.c",
	TP_PROTO(const struct sk_buff *skb, const char *reason), TP_ARGS(skb->host, skb, reason))
#define trace_icmp_drop(...) TP_NOTE(icmp_drop, __VA_ARGS__)

/* len: the echo's data, after the ICMP header. */
TRACE_EVENT(icmp_echo, "net/ipv4/icmp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u16(id)
		tp_u16(seq)
		tp_u32(len)),
	TP_ASSIGN(
		__entry->id = ntohs(icmp_hdr(skb)->un.echo.id);
		__entry->seq = ntohs(icmp_hdr(skb)->un.echo.sequence);
		__entry->len = skb->len;))
#define trace_icmp_echo(...) TP_FUNC(icmp_echo, __VA_ARGS__)

TRACE_EVENT(icmp_discard, "net/ipv4/icmp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u8(type)
		tp_u8(code)),
	TP_ASSIGN(
		__entry->type = icmp_hdr(skb)->type;
		__entry->code = icmp_hdr(skb)->code;))
#define trace_icmp_discard(...) TP_FUNC(icmp_discard, __VA_ARGS__)

/* type and code: -1 when the message is shorter than an ICMP header. */
TRACE_EVENT(icmp_rcv, "net/ipv4/icmp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_s16(type)
		tp_s16(code)),
	TP_ASSIGN(
		bool whole = skb->len >= sizeof(struct icmphdr);

		__entry->len = skb->len;
		__entry->type = whole ? skb->data[0] : -1;
		__entry->code = whole ? skb->data[1] : -1;))
#define trace_icmp_rcv(...) TP_FUNC(icmp_rcv, __VA_ARGS__)

/* ---- layers/ping.c ----------------------------------------------------------- */

TRACE_EVENT(ping_rcv, "net/ipv4/ping.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u16(id)
		tp_u16(seq)
		tp_ip4(from)
		tp_u8(ttl)),
	TP_ASSIGN(
		__entry->id = ntohs(icmp_hdr(skb)->un.echo.id);
		__entry->seq = ntohs(icmp_hdr(skb)->un.echo.sequence);
		__entry->from = ip_hdr(skb)->saddr;
		__entry->ttl = ip_hdr(skb)->ttl;))
#define trace_ping_rcv(...) TP_FUNC(ping_rcv, __VA_ARGS__)

/* type and code: of the ICMP error; id and seq: of the echo request it
 * quotes (at skb->data, after the quoted IP header). */
TRACE_EVENT(ping_err, "net/ipv4/ping.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, u32 info),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u8(type)
		tp_u8(code)
		tp_u16(id)
		tp_u16(seq)
		tp_u32(info)),
	TP_ASSIGN(
		const struct icmphdr *orig = (const struct icmphdr *)(skb->data +
			((const struct iphdr *)skb->data)->ihl * 4);

		__entry->type = icmp_hdr(skb)->type;
		__entry->code = icmp_hdr(skb)->code;
		__entry->id = ntohs(orig->un.echo.id);
		__entry->seq = ntohs(orig->un.echo.sequence);
		__entry->info = info;))
#define trace_ping_err(...) TP_FUNC(ping_err, __VA_ARGS__)

#endif
