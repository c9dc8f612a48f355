/*
 * events/tcp_cong.h - tracepoints of congestion control: layers/tcp_cong.c
 * (net/ipv4/tcp_cong.c).  See kernel/trace_event.h for the syntax.
 *
 * tcp_cong_avoid (3.10's wrapper in tcp_input.c) and
 * tcp_set_default_congestion_control are declared in events/tcp.h, where
 * they were before this file.
 */
#if !defined(NETSTEP_EVENTS_TCP_CONG_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_TCP_CONG_H

#undef TRACE_SYSTEM
#define TRACE_SYSTEM tcp

#include "kernel/trace_event.h"
#include "layers/tcp.h"

/* ---- layers/tcp_cong.c ------------------------------------------------------- */

/* cwnd and ssthresh as an algorithm's hook finds them. */
DECLARE_EVENT_CLASS(tcp_cwnd,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(cwnd)
		tp_u32(ssthresh)),
	TP_ASSIGN(
		__entry->cwnd = tcp_sk(sk)->snd_cwnd;
		__entry->ssthresh = tcp_sk(sk)->snd_ssthresh;))

TRACE_EVENT(tcp_register_congestion_control, "net/ipv4/tcp_cong.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, const struct tcp_congestion_ops *ca),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(name)
		tp_u8(registered)),
	TP_ASSIGN(
		__entry->name = ca->name;
		__entry->registered = (u8)net->tcp_hashinfo->tcp_cong_count;))
#define trace_tcp_register_congestion_control(...) \
	TP_FUNC(tcp_register_congestion_control, __VA_ARGS__)

/* ca: what the socket has ("" until now); dflt: the host's default. */
TRACE_EVENT(tcp_init_congestion_control, "net/ipv4/tcp_cong.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(ca)
		tp_str(dflt)),
	TP_ASSIGN(
		__entry->ca = inet_csk(sk)->icsk_ca_ops->name;
		__entry->dflt = tcp_get_default_congestion_control(sock_net(sk));))
#define trace_tcp_init_congestion_control(...) TP_FUNC(tcp_init_congestion_control, __VA_ARGS__)

TRACE_EVENT(tcp_is_cwnd_limited, "net/ipv4/tcp_cong.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, u32 in_flight),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(cwnd)
		tp_u32(in_flight)),
	TP_ASSIGN(
		__entry->cwnd = tcp_sk(sk)->snd_cwnd;
		__entry->in_flight = in_flight;))
#define trace_tcp_is_cwnd_limited(...) TP_FUNC(tcp_is_cwnd_limited, __VA_ARGS__)

/* cnt: snd_cwnd_cnt, the ACKs counted towards the next increment. */
TRACE_EVENT(tcp_slow_start, "net/ipv4/tcp_cong.c", TP_NOT_INLINE,
	TP_PROTO(const struct tcp_sock *tp),
	TP_HOST(sock_net((const struct sock *)tp)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(cwnd)
		tp_u32(cnt)),
	TP_ASSIGN(
		__entry->cwnd = tp->snd_cwnd;
		__entry->cnt = tp->snd_cwnd_cnt;))
#define trace_tcp_slow_start(...) TP_FUNC(tcp_slow_start, __VA_ARGS__)

/* w: ACKs per increment (Reno: cwnd; CUBIC: its cnt). */
TRACE_EVENT(tcp_cong_avoid_ai, "net/ipv4/tcp_cong.c", TP_NOT_INLINE,
	TP_PROTO(const struct tcp_sock *tp, u32 w),
	TP_HOST(sock_net((const struct sock *)tp)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(cwnd)
		tp_u32(cnt)
		tp_u32(w)),
	TP_ASSIGN(
		__entry->cwnd = tp->snd_cwnd;
		__entry->cnt = tp->snd_cwnd_cnt;
		__entry->w = w;))
#define trace_tcp_cong_avoid_ai(...) TP_FUNC(tcp_cong_avoid_ai, __VA_ARGS__)

DEFINE_EVENT(tcp_cwnd, tcp_reno_cong_avoid, "net/ipv4/tcp_cong.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk), TP_ARGS(sk))
#define trace_tcp_reno_cong_avoid(...) TP_FUNC(tcp_reno_cong_avoid, __VA_ARGS__)

DEFINE_EVENT(tcp_cwnd, tcp_reno_ssthresh, "net/ipv4/tcp_cong.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk), TP_ARGS(sk))
#define trace_tcp_reno_ssthresh(...) TP_FUNC(tcp_reno_ssthresh, __VA_ARGS__)

#endif
