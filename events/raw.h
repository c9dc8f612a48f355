/*
 * events/raw.h - tracepoints of layers/raw.c and layers/ip_sockglue.c
 * (net/ipv4/raw.c, net/ipv4/ip_sockglue.c).
 * See kernel/trace_event.h for the syntax.
 */
#if !defined(NETSTEP_EVENTS_RAW_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_RAW_H

/* Classes from other headers (kernel/trace_events.c's later passes read
 * them through all.h, not again from here). */
#ifndef TRACE_HEADER_MULTI_READ
#include "events/common.h"
#include "events/sock.h"
#endif

#undef TRACE_SYSTEM
#define TRACE_SYSTEM raw

#include "kernel/trace_event.h"
#include "layers/raw.h"
#include "layers/ip.h"

/* ---- layers/raw.c ------------------------------------------------------------ */

/* A raw socket: its protocol (its "port") and the ICMP types it filters. */
DECLARE_EVENT_CLASS(raw_sock,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u16(proto)
		tp_x32(filter)),
	TP_ASSIGN(
		__entry->proto = sk->sk_num;
		__entry->filter = raw_sk(sk)->filter.data;))
DEFINE_EVENT(raw_sock, raw_hash_sk, "net/ipv4/raw.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk), TP_ARGS(sk))
#define trace_raw_hash_sk(...) TP_FUNC(raw_hash_sk, __VA_ARGS__)
DEFINE_EVENT(raw_sock, raw_unhash_sk, "net/ipv4/raw.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk), TP_ARGS(sk))
#define trace_raw_unhash_sk(...) TP_FUNC(raw_unhash_sk, __VA_ARGS__)
DEFINE_EVENT(raw_sock, raw_init, "net/ipv4/raw.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk), TP_ARGS(sk))
#define trace_raw_init(...) TP_FUNC(raw_init, __VA_ARGS__)
DEFINE_EVENT(raw_sock, raw_destroy, "net/ipv4/raw.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk), TP_ARGS(sk))
#define trace_raw_destroy(...) TP_FUNC(raw_destroy, __VA_ARGS__)
DEFINE_EVENT(raw_sock, raw_close, "net/ipv4/raw.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk), TP_ARGS(sk))
#define trace_raw_close(...) TP_FUNC(raw_close, __VA_ARGS__)

TRACE_EVENT(raw_bind, "net/ipv4/raw.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, __be32 addr),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_ip4(addr)),
	TP_ASSIGN(
		__entry->addr = addr;))
#define trace_raw_bind(...) TP_FUNC(raw_bind, __VA_ARGS__)

DEFINE_EVENT(sk_sockopt, raw_setsockopt, "net/ipv4/raw.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, int level, int optname), TP_ARGS(sk, level, optname))
#define trace_raw_setsockopt(...) TP_FUNC(raw_setsockopt, __VA_ARGS__)

/* daddr: msg_name's (0.0.0.0 without one); type: the first byte the
 * user wrote (the ICMP type of a ping). */
TRACE_EVENT(raw_sendmsg, "net/ipv4/raw.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct msghdr *msg, size_t len),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u16(proto)
		tp_ip4(daddr)
		tp_u32(len)),
	TP_ASSIGN(
		const struct sockaddr_in *usin = msg->msg_name;

		__entry->proto = sk->sk_num;
		__entry->daddr = usin && msg->msg_namelen >= sizeof(*usin) ?
				 usin->sin_addr.s_addr : 0;
		__entry->len = (u32)len;))
#define trace_raw_sendmsg(...) TP_FUNC(raw_sendmsg, __VA_ARGS__)

/* queued/errors: packets on the receive and error queues; flags: MSG_*. */
TRACE_EVENT(raw_recvmsg, "net/ipv4/raw.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, size_t len, int flags),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb_peek(&sk->sk_receive_queue)),
	TP_STRUCT(
		tp_u32(len)
		tp_x32(flags)
		tp_u32(queued)
		tp_u32(errors)
		tp_s32(sk_err)),
	TP_ASSIGN(
		__entry->len = (u32)len;
		__entry->flags = (u32)flags;
		__entry->queued = skb_queue_len(&sk->sk_receive_queue);
		__entry->errors = skb_queue_len(&sk->sk_error_queue);
		__entry->sk_err = sk->sk_err;))
#define trace_raw_recvmsg(...) TP_FUNC(raw_recvmsg, __VA_ARGS__)

/* proto: the packet's protocol, whose raw sockets get a clone. */
TRACE_EVENT(raw_local_deliver, "net/ipv4/raw.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, int protocol),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u8(proto)),
	TP_ASSIGN(
		__entry->proto = (u8)protocol;))
#define trace_raw_local_deliver(...) TP_FUNC(raw_local_deliver, __VA_ARGS__)

/* A packet for the raw sockets: its protocol and addresses. */
DECLARE_EVENT_CLASS(raw_packet,
	TP_PROTO(const struct sk_buff *skb, const struct iphdr *iph),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u8(proto)
		tp_ip4(saddr)
		tp_ip4(daddr)),
	TP_ASSIGN(
		__entry->proto = iph->protocol;
		__entry->saddr = iph->saddr;
		__entry->daddr = iph->daddr;))
DEFINE_EVENT(raw_packet, raw_v4_input, "net/ipv4/raw.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, const struct iphdr *iph), TP_ARGS(skb, iph))
#define trace_raw_v4_input(...) TP_FUNC(raw_v4_input, __VA_ARGS__)

/* A socket and a packet: the socket's protocol, the packet's length. */
DECLARE_EVENT_CLASS(raw_sock_skb,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u16(proto)
		tp_u32(len)),
	TP_ASSIGN(
		__entry->proto = sk->sk_num;
		__entry->len = skb->len;))
DEFINE_EVENT(raw_sock_skb, raw_rcv, "net/ipv4/raw.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb), TP_ARGS(sk, skb))
#define trace_raw_rcv(...) TP_FUNC(raw_rcv, __VA_ARGS__)
DEFINE_EVENT(raw_sock_skb, raw_rcv_skb, "net/ipv4/raw.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb), TP_ARGS(sk, skb))
#define trace_raw_rcv_skb(...) TP_FUNC(raw_rcv_skb, __VA_ARGS__)

/* icmp_filter kept the packet from the socket: the ICMP type it has.
 * NOTE: no reason= field: the packet goes on to its protocol, it is not
 * dropped (readers take a reason for a drop, sim/pcapng.c). */
TRACE_NOTE_EVENT(raw_filtered, "net/ipv4/raw.c",
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u16(proto)
		tp_u8(type)),
	TP_ASSIGN(
		__entry->proto = sk->sk_num;
		__entry->type = skb->len ? icmp_hdr(skb)->type : 0;))
#define trace_raw_filtered(...) TP_NOTE(raw_filtered, __VA_ARGS__)

/* An ICMP error for raw sockets: its type and code, @info (the MTU of
 * "fragmentation needed"), and the quoted packet's protocol. */
TRACE_EVENT(raw_icmp_error, "net/ipv4/raw.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, int protocol, u32 info),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u8(type)
		tp_u8(code)
		tp_u32(info)
		tp_u8(proto)),
	TP_ASSIGN(
		__entry->type = icmp_hdr(skb)->type;
		__entry->code = icmp_hdr(skb)->code;
		__entry->info = info;
		__entry->proto = (u8)protocol;))
#define trace_raw_icmp_error(...) TP_FUNC(raw_icmp_error, __VA_ARGS__)

/* recverr: the socket set IP_RECVERR; pmtudisc: its IP_MTU_DISCOVER. */
TRACE_EVENT(raw_err, "net/ipv4/raw.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb, u32 info),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u8(type)
		tp_u8(code)
		tp_u32(info)
		tp_u8(recverr)
		tp_u8(pmtudisc)),
	TP_ASSIGN(
		__entry->type = icmp_hdr(skb)->type;
		__entry->code = icmp_hdr(skb)->code;
		__entry->info = info;
		__entry->recverr = inet_sk(sk)->recverr;
		__entry->pmtudisc = inet_sk(sk)->pmtudisc;))
#define trace_raw_err(...) TP_FUNC(raw_err, __VA_ARGS__)

/* The error the socket reports (sk_err) now.  NOTE: no reason= field:
 * the ICMP error is not dropped, it goes on to its protocol. */
TRACE_NOTE_EVENT(raw_sk_err, "net/ipv4/raw.c",
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb, int err),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_s32(sk_err)),
	TP_ASSIGN(
		__entry->sk_err = err;))
#define trace_raw_sk_err(...) TP_NOTE(raw_sk_err, __VA_ARGS__)

/* ---- layers/ip_sockglue.c ---------------------------------------------------- */

TRACE_EVENT(ip_setsockopt, "net/ipv4/ip_sockglue.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, int level, int optname, int val),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(level)
		tp_s32(optname)
		tp_s32(val)),
	TP_ASSIGN(
		__entry->level = level;
		__entry->optname = optname;
		__entry->val = val;))
#define trace_ip_setsockopt(...) TP_FUNC(ip_setsockopt, __VA_ARGS__)

/* The report ip_icmp_error queues (struct sock_extended_err). */
TRACE_EVENT(ip_icmp_error, "net/ipv4/ip_sockglue.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb, int err, u32 info),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_s32(ee_errno)
		tp_u8(type)
		tp_u8(code)
		tp_u32(info)),
	TP_ASSIGN(
		__entry->ee_errno = err;
		__entry->type = icmp_hdr(skb)->type;
		__entry->code = icmp_hdr(skb)->code;
		__entry->info = info;))
#define trace_ip_icmp_error(...) TP_FUNC(ip_icmp_error, __VA_ARGS__)

/* errors: reports on the error queue, the one about to be read first. */
TRACE_EVENT(ip_recv_error, "net/ipv4/ip_sockglue.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, int len),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb_peek(&sk->sk_error_queue)),
	TP_STRUCT(
		tp_s32(len)
		tp_u32(errors)),
	TP_ASSIGN(
		__entry->len = len;
		__entry->errors = skb_queue_len(&sk->sk_error_queue);))
#define trace_ip_recv_error(...) TP_FUNC(ip_recv_error, __VA_ARGS__)

#endif
