/*
 * events/tcp_cong.h - tracepoints of congestion control: layers/tcp_cong.c
 * (net/ipv4/tcp_cong.c) and layers/tcp_cubic.c (net/ipv4/tcp_cubic.c).
 * See kernel/trace_event.h for the syntax.
 *
 * tcp_cong_avoid (3.10's wrapper in tcp_input.c) and
 * tcp_set_default_congestion_control are declared in events/tcp.h, where
 * they were before this file.  Not traced: CUBIC's helpers bictcp_reset
 * (zeroes the state), bictcp_clock (reads the clock) and cubic_root
 * (arithmetic; bictcp_target shows the K it gives).
 */
#if !defined(NETSTEP_EVENTS_TCP_CONG_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_TCP_CONG_H

#undef TRACE_SYSTEM
#define TRACE_SYSTEM tcp

#include "kernel/trace_event.h"
#include "layers/tcp.h"
#include "layers/tcp_cubic.h"

#ifndef NETSTEP_EVENTS_TCP_CONG_HELPERS
#define NETSTEP_EVENTS_TCP_CONG_HELPERS

/* found= of hystart_found: which HyStart detector fired. */
static inline const char *
sim_hystart_found_name(u32 found)
{
	return found & HYSTART_ACK_TRAIN ? "ack_train" : found & HYSTART_DELAY ? "delay" : NULL;
}

#endif /* NETSTEP_EVENTS_TCP_CONG_HELPERS */

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

/* ---- layers/tcp_cubic.c ------------------------------------------------------ */

/* The factors 3.10 computes when the module loads (srtt taken as 100 ms). */
TRACE_EVENT(cubictcp_register, "net/ipv4/tcp_cubic.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, u32 beta_scale, u32 cube_rtt_scale, u64 cube_factor),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(beta_scale)
		tp_u32(cube_rtt_scale)
		tp_u64(cube_factor)),
	TP_ASSIGN(
		__entry->beta_scale = beta_scale;
		__entry->cube_rtt_scale = cube_rtt_scale;
		__entry->cube_factor = cube_factor;))
#define trace_cubictcp_register(...) TP_FUNC(cubictcp_register, __VA_ARGS__)

DEFINE_EVENT(tcp_cwnd, bictcp_init, "net/ipv4/tcp_cubic.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk), TP_ARGS(sk))
#define trace_bictcp_init(...) TP_FUNC(bictcp_init, __VA_ARGS__)

/* now: the round's start (ms); snd_nxt: the round ends when it is ACKed. */
TRACE_EVENT(bictcp_hystart_reset, "net/ipv4/tcp_cubic.c", TP_INLINE,
	TP_PROTO(const struct sock *sk, u32 now),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(now)
		tp_u32(snd_nxt)),
	TP_ASSIGN(
		__entry->now = now;
		__entry->snd_nxt = tcp_sk(sk)->snd_nxt;))
#define trace_bictcp_hystart_reset(...) TP_FUNC(bictcp_hystart_reset, __VA_ARGS__)

DEFINE_EVENT(tcp_cwnd, bictcp_cong_avoid, "net/ipv4/tcp_cubic.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk), TP_ARGS(sk))
#define trace_bictcp_cong_avoid(...) TP_FUNC(bictcp_cong_avoid, __VA_ARGS__)

/* epoch_start 0: this call begins a new epoch (after a loss, or the first). */
TRACE_EVENT(bictcp_update, "net/ipv4/tcp_cubic.c", TP_INLINE,
	TP_PROTO(const struct sock *sk, const struct bictcp *ca, u32 cwnd),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(cwnd)
		tp_u32(last_max_cwnd)
		tp_u32(epoch_start)
		tp_u32(ack_cnt)
		tp_u32(delay_min)),
	TP_ASSIGN(
		__entry->cwnd = cwnd;
		__entry->last_max_cwnd = ca->last_max_cwnd;
		__entry->epoch_start = ca->epoch_start;
		__entry->ack_cnt = ca->ack_cnt;
		__entry->delay_min = ca->delay_min;))
#define trace_bictcp_update(...) TP_FUNC(bictcp_update, __VA_ARGS__)

/*
 * bictcp_update's result: t (2^-10 s into the epoch, plus delay_min) on
 * the cubic of plateau origin at time bic_K gives target; cnt is how many
 * ACKs make one segment more; tcp_cwnd is where Reno would be.
 */
TRACE_NOTE_EVENT(bictcp_target, "net/ipv4/tcp_cubic.c",
	TP_PROTO(const struct sock *sk, const struct bictcp *ca, u32 t, u32 target),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(t)
		tp_u32(bic_K)
		tp_u32(origin)
		tp_u32(target)
		tp_u32(cnt)
		tp_u32(tcp_cwnd)),
	TP_ASSIGN(
		__entry->t = t;
		__entry->bic_K = ca->bic_K;
		__entry->origin = ca->bic_origin_point;
		__entry->target = target;
		__entry->cnt = ca->cnt;
		__entry->tcp_cwnd = ca->tcp_cwnd;))
#define trace_bictcp_target(...) TP_NOTE(bictcp_target, __VA_ARGS__)

/* last_max_cwnd: W_max before this loss. */
TRACE_EVENT(bictcp_recalc_ssthresh, "net/ipv4/tcp_cubic.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(cwnd)
		tp_u32(last_max_cwnd)),
	TP_ASSIGN(
		__entry->cwnd = tcp_sk(sk)->snd_cwnd;
		__entry->last_max_cwnd = ((const struct bictcp *)inet_csk_ca(sk))->last_max_cwnd;))
#define trace_bictcp_recalc_ssthresh(...) TP_FUNC(bictcp_recalc_ssthresh, __VA_ARGS__)

TRACE_EVENT(bictcp_undo_cwnd, "net/ipv4/tcp_cubic.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(cwnd)
		tp_u32(loss_cwnd)),
	TP_ASSIGN(
		__entry->cwnd = tcp_sk(sk)->snd_cwnd;
		__entry->loss_cwnd = ((const struct bictcp *)inet_csk_ca(sk))->loss_cwnd;))
#define trace_bictcp_undo_cwnd(...) TP_FUNC(bictcp_undo_cwnd, __VA_ARGS__)

/* ca_state and new_state: TCP_CA_* numbers (4: Loss resets CUBIC). */
TRACE_EVENT(bictcp_state, "net/ipv4/tcp_cubic.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, u8 new_state),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(ca_state)
		tp_u8(new_state)),
	TP_ASSIGN(
		__entry->ca_state = inet_csk(sk)->icsk_ca_state;
		__entry->new_state = new_state;))
#define trace_bictcp_state(...) TP_FUNC(bictcp_state, __VA_ARGS__)

/* delayed_ack: packets per ACK << 4; delay_min: ms << 3 (both before). */
TRACE_EVENT(bictcp_acked, "net/ipv4/tcp_cubic.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, u32 cnt, s32 rtt_us),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(cnt)
		tp_s32(rtt_us)
		tp_u16(delayed_ack)
		tp_u32(delay_min)),
	TP_ASSIGN(
		const struct bictcp *ca = inet_csk_ca(sk);

		__entry->cnt = cnt;
		__entry->rtt_us = rtt_us;
		__entry->delayed_ack = ca->delayed_ack;
		__entry->delay_min = ca->delay_min;))
#define trace_bictcp_acked(...) TP_FUNC(bictcp_acked, __VA_ARGS__)

/*
 * delay, curr_rtt, delay_min: ms << 3; round: ms since the round began;
 * since_ack: ms since the last ACK of the train.
 */
TRACE_EVENT(hystart_update, "net/ipv4/tcp_cubic.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, u32 delay, u32 now),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(delay)
		tp_u32(curr_rtt)
		tp_u32(delay_min)
		tp_u8(sample_cnt)
		tp_u32(round)
		tp_u32(since_ack)),
	TP_ASSIGN(
		const struct bictcp *ca = inet_csk_ca(sk);

		__entry->delay = delay;
		__entry->curr_rtt = ca->curr_rtt;
		__entry->delay_min = ca->delay_min;
		__entry->sample_cnt = ca->sample_cnt;
		__entry->round = now - ca->round_start;
		__entry->since_ack = now - ca->last_ack;))
#define trace_hystart_update(...) TP_FUNC(hystart_update, __VA_ARGS__)

/* HyStart ends slow start: ssthresh becomes cwnd. */
TRACE_NOTE_EVENT(hystart_found, "net/ipv4/tcp_cubic.c",
	TP_PROTO(const struct sock *sk, u8 found),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_enum8(found, sim_hystart_found_name)
		tp_u32(cwnd)),
	TP_ASSIGN(
		__entry->found = found;
		__entry->cwnd = tcp_sk(sk)->snd_cwnd;))
#define trace_hystart_found(...) TP_NOTE(hystart_found, __VA_ARGS__)

#endif
