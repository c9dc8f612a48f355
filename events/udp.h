/*
 * events/udp.h - tracepoints of layers/udp.c (net/ipv4/udp.c).
 * See kernel/trace_event.h for the syntax.
 */
#if !defined(NETSTEP_EVENTS_UDP_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_UDP_H

/* Classes from other headers (kernel/trace_events.c's later passes read
 * them through all.h, not again from here). */
#ifndef TRACE_HEADER_MULTI_READ
#include "events/common.h"
#include "events/ip.h"
#endif

#undef TRACE_SYSTEM
#define TRACE_SYSTEM udp

#include "kernel/trace_event.h"
#include "layers/udp.h"
#include "layers/route.h"
#include "layers/sock.h"

#include <netinet/in.h>

DEFINE_EVENT(proto_get_port, udp_v4_get_port, "net/ipv4/udp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, unsigned short snum), TP_ARGS(sk, snum))
#define trace_udp_v4_get_port(...) TP_FUNC(udp_v4_get_port, __VA_ARGS__)

/* bind() refused: another socket has the port on an overlapping address. */
DEFINE_NOTE_EVENT(reason_port, udp_port_busy, "net/ipv4/udp.c",
	TP_PROTO(const struct sock *sk, u16 port), TP_ARGS(sock_net(sk), NULL, "port_in_use", port))
#define trace_udp_port_busy(...) TP_NOTE(udp_port_busy, __VA_ARGS__)

DEFINE_EVENT(proto_connect, ip4_datagram_connect, "net/ipv4/datagram.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sockaddr_in *usin), TP_ARGS(sk, usin))
#define trace_ip4_datagram_connect(...) TP_FUNC(ip4_datagram_connect, __VA_ARGS__)

TRACE_EVENT(udp_disconnect, "net/ipv4/udp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, int flags),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(flags)),
	TP_ASSIGN(
		__entry->flags = flags;))
#define trace_udp_disconnect(...) TP_FUNC(udp_disconnect, __VA_ARGS__)

/* len: the UDP header and payload. */
TRACE_EVENT(udp_send_skb, "net/ipv4/udp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, const struct flowi4 *fl4, unsigned int len),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u16(sport)
		tp_u16(dport)
		tp_u32(len)),
	TP_ASSIGN(
		__entry->sport = ntohs(fl4->fl4_sport);
		__entry->dport = ntohs(fl4->fl4_dport);
		__entry->len = len;))
#define trace_udp_send_skb(...) TP_FUNC(udp_send_skb, __VA_ARGS__)

/* len: the UDP header and payload; the pseudo-header is summed over it. */
TRACE_EVENT(udp4_hwcsum, "net/ipv4/udp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, __be32 src, __be32 dst, int len),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_ip4(src)
		tp_ip4(dst)
		tp_u32(len)),
	TP_ASSIGN(
		__entry->src = src;
		__entry->dst = dst;
		__entry->len = (u32)len;))
#define trace_udp4_hwcsum(...) TP_FUNC(udp4_hwcsum, __VA_ARGS__)

/* The checksum udp_send_skb put in the header (computed in software). */
DEFINE_NOTE_EVENT(proto_csum, udp_checksum, "net/ipv4/udp.c",
	TP_PROTO(const struct sk_buff *skb), TP_ARGS(skb->host, skb, udp_hdr(skb)->check))
#define trace_udp_checksum(...) TP_NOTE(udp_checksum, __VA_ARGS__)

/* sport: the bound port (0: not bound yet). */
TRACE_EVENT(udp_sendmsg, "net/ipv4/udp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, size_t len),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u64(len)
		tp_u16(sport)
		tp_u8(connected)),
	TP_ASSIGN(
		__entry->len = len;
		__entry->sport = sk->sk_num;
		__entry->connected = sk->sk_state == TCP_ESTABLISHED;))
#define trace_udp_sendmsg(...) TP_FUNC(udp_sendmsg, __VA_ARGS__)

/* An ICMP error that came back for an earlier datagram is returned instead
 * of sending. */
DEFINE_NOTE_EVENT(reason_err, udp_pending_error, "net/ipv4/udp.c",
	TP_PROTO(const struct sock *sk, int err), TP_ARGS(sock_net(sk), NULL, "pending_error", err))
#define trace_udp_pending_error(...) TP_NOTE(udp_pending_error, __VA_ARGS__)

/* The send buffer cannot take the datagram: -EAGAIN. */
TRACE_NOTE_EVENT(udp_sndbuf_full, "net/ipv4/udp.c",
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_s32(wmem_alloc)
		tp_s32(sndbuf)),
	TP_ASSIGN(
		__entry->reason = "sndbuf_full";
		__entry->wmem_alloc = sk->sk_wmem_alloc;
		__entry->sndbuf = sk->sk_sndbuf;))
#define trace_udp_sndbuf_full(...) TP_NOTE(udp_sndbuf_full, __VA_ARGS__)

/* queued: datagrams waiting on the socket. */
TRACE_EVENT(udp_recvmsg, "net/ipv4/udp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, size_t len),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u64(len)
		tp_u32(queued)),
	TP_ASSIGN(
		__entry->len = len;
		__entry->queued = skb_queue_len(&sk->sk_receive_queue);))
#define trace_udp_recvmsg(...) TP_FUNC(udp_recvmsg, __VA_ARGS__)

TRACE_EVENT(__udp4_lib_lookup, "net/ipv4/udp.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, __be32 saddr, __be16 sport, __be32 daddr, __be16 dport),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_ip4(saddr)
		tp_u16(sport)
		tp_ip4(daddr)
		tp_u16(dport)),
	TP_ASSIGN(
		__entry->saddr = saddr;
		__entry->sport = ntohs(sport);
		__entry->daddr = daddr;
		__entry->dport = ntohs(dport);))
#define trace___udp4_lib_lookup(...) TP_FUNC(__udp4_lib_lookup, __VA_ARGS__)

/* port: the socket's. */
TRACE_EVENT(udp_queue_rcv_skb, "net/ipv4/udp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_u16(port)),
	TP_ASSIGN(
		__entry->len = skb->len;
		__entry->port = sk->sk_num;))
#define trace_udp_queue_rcv_skb(...) TP_FUNC(udp_queue_rcv_skb, __VA_ARGS__)

DEFINE_EVENT(skb_len, udp_rcv, "net/ipv4/udp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb), TP_ARGS(skb))
#define trace_udp_rcv(...) TP_FUNC(udp_rcv, __VA_ARGS__)

/* The header of a datagram udp_rcv accepted as long enough. */
TRACE_NOTE_EVENT(udp_rcv_header, "net/ipv4/udp.c",
	TP_PROTO(const struct sk_buff *skb, unsigned int ulen),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u16(sport)
		tp_u16(dport)
		tp_u32(ulen)),
	TP_ASSIGN(
		__entry->sport = ntohs(udp_hdr(skb)->source);
		__entry->dport = ntohs(udp_hdr(skb)->dest);
		__entry->ulen = ulen;))
#define trace_udp_rcv_header(...) TP_NOTE(udp_rcv_header, __VA_ARGS__)

TRACE_NOTE_EVENT(udp_bad_checksum, "net/ipv4/udp.c",
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_x32w(check, 4)),
	TP_ASSIGN(
		__entry->reason = "bad_checksum";
		__entry->check = ntohs(udp_hdr(skb)->check);))
#define trace_udp_bad_checksum(...) TP_NOTE(udp_bad_checksum, __VA_ARGS__)

/* Nobody bound to the port: ICMP port unreachable. */
DEFINE_NOTE_EVENT(reason_dport, udp_no_socket, "net/ipv4/udp.c",
	TP_PROTO(const struct sk_buff *skb),
	TP_ARGS(skb->host, skb, "no_socket", ntohs(udp_hdr(skb)->dest)))
#define trace_udp_no_socket(...) TP_NOTE(udp_no_socket, __VA_ARGS__)

/* Shorter than its header, or than its own length field says. */
DEFINE_NOTE_EVENT(reason_len, udp_short_packet, "net/ipv4/udp.c",
	TP_PROTO(const struct sk_buff *skb), TP_ARGS(skb->host, skb, "short_packet", skb->len))
#define trace_udp_short_packet(...) TP_NOTE(udp_short_packet, __VA_ARGS__)

DEFINE_EVENT(proto_err, udp_err, "net/ipv4/udp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, u32 info), TP_ARGS(skb->host, skb, info))
#define trace_udp_err(...) TP_FUNC(udp_err, __VA_ARGS__)

/* The quoted datagram belongs to no socket: the error is ignored. */
DEFINE_NOTE_EVENT(reason, udp_err_no_socket, "net/ipv4/udp.c",
	TP_PROTO(const struct sk_buff *skb), TP_ARGS(skb->host, skb, "no_socket"))
#define trace_udp_err_no_socket(...) TP_NOTE(udp_err_no_socket, __VA_ARGS__)

/* A soft error, or a socket that is not connected: nobody is told. */
DEFINE_NOTE_EVENT(reason_err, udp_err_not_connected, "net/ipv4/udp.c",
	TP_PROTO(const struct sk_buff *skb, int err), TP_ARGS(skb->host, skb, "not_connected", err))
#define trace_udp_err_not_connected(...) TP_NOTE(udp_err_not_connected, __VA_ARGS__)

/* The error the connected socket reports on its next call. */
TRACE_NOTE_EVENT(udp_sk_err, "net/ipv4/udp.c",
	TP_PROTO(const struct sk_buff *skb, int err),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_s32(sk_err)),
	TP_ASSIGN(
		__entry->sk_err = err;))
#define trace_udp_sk_err(...) TP_NOTE(udp_sk_err, __VA_ARGS__)

TRACE_EVENT(udp_lib_close, "include/net/udp.h", TP_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u16(port)
		tp_u32(queued)),
	TP_ASSIGN(
		__entry->port = sk->sk_num;
		__entry->queued = skb_queue_len(&sk->sk_receive_queue);))
#define trace_udp_lib_close(...) TP_FUNC(udp_lib_close, __VA_ARGS__)

#endif
