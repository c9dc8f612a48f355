/*
 * layers/tcp_cong.c - congestion control: how fast the congestion window
 * (snd_cwnd, in segments) grows while ACKs arrive, and where it restarts
 * after a loss; the list of algorithms a host has and which one new
 * connections take.
 *
 * Mirrors net/ipv4/tcp_cong.c (Linux 3.10.108): the pluggable
 * interface (struct tcp_congestion_ops in layers/tcp.h) and Reno, the
 * algorithm that is always built in and that every other one falls back
 * to:
 *   slow start: below ssthresh, cwnd grows by one per ACKed segment (so
 *     it doubles every round trip) [RFC 5681 3.1];
 *   congestion avoidance: above it, by one per window of ACKs;
 *   loss: ssthresh = cwnd / 2 (tcp_reno_ssthresh).
 * Growth only happens while the sender is actually cwnd-limited
 * (tcp_is_cwnd_limited), so an idle or window-limited connection does not
 * inflate cwnd.  CUBIC, 3.10's default, is layers/tcp_cubic.c; it uses
 * tcp_slow_start and tcp_cong_avoid_ai from here.
 *
 * Each host has its own list: tcp_init registers Reno, then CUBIC
 * (cubictcp_register, 3.10's module_init), then makes CUBIC the default
 * as CONFIG_DEFAULT_TCP_CONG does.  sysctl net.ipv4.tcp_congestion_control
 * moves another to the head; a connection takes the head when it is
 * established (tcp_init_congestion_control) and keeps it.
 *
 * Read before: layers/tcp_input.c (tcp_ack calls tcp_cong_avoid).
 * Read after: layers/tcp_cubic.c.
 *
 * KERNEL: no modules (request_module for an unknown name), no
 * per-socket choice (setsockopt TCP_CONGESTION, tcp_set_congestion_control,
 * tcp_allowed_congestion_control), no limited slow start
 * (sysctl_tcp_max_ssthresh is 0, its default).
 */
#include "layers/tcp.h"
#include "events/tcp.h"
#include "events/tcp_cong.h"

#include <stdio.h>
#include <string.h>

static const char KSRC[] = "net/ipv4/tcp_cong.c";

/* tcp_max_tso_deferred_mss: how far below cwnd still counts as "full". */
#define SIM_TCP_CWND_SLACK	3

/**
 * tcp_is_cwnd_limited - was the sender using (nearly) all of cwnd?
 * @in_flight: segments in flight before this ACK
 *
 * RFC 2861: only a window that was used may grow.  "Nearly": with GSO,
 * TSO deferral (tcp_tso_should_defer) holds back less than a third of
 * cwnd on purpose, so that much unused still counts as full; otherwise
 * three segments do.
 */
bool
tcp_is_cwnd_limited(const struct sock *sk, u32 in_flight)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	const struct inet_hashinfo *h = sock_net(sk)->tcp_hashinfo;
	u32 left;

	trace_tcp_is_cwnd_limited(sk, in_flight);
	if (in_flight >= tp->snd_cwnd)
		return true;
	left = tp->snd_cwnd - in_flight;
	if (sk_can_gso(sk) && left * (u32)h->sysctl_tcp_tso_win_divisor < tp->snd_cwnd &&
	    left * tp->mss_cache < sk->sk_gso_max_size && left < sk->sk_gso_max_segs)
		return true;
	return left <= SIM_TCP_CWND_SLACK;
}

/**
 * tcp_slow_start - one segment more per ACK (exponential per RTT)
 *
 * Each call adds cwnd to snd_cwnd_cnt and each cwnd's worth there is one
 * segment: +1 per ACK, however many segments it covers (3.10 has no
 * byte counting any more).  A peer that ACKs every other segment makes
 * cwnd grow by half a window per round trip.
 */
void
tcp_slow_start(struct tcp_sock *tp)
{
	u32 snd_cwnd = tp->snd_cwnd ? tp->snd_cwnd : 1;
	u32 delta = 0;

	trace_tcp_slow_start(tp);
	tp->snd_cwnd_cnt += snd_cwnd;
	while (tp->snd_cwnd_cnt >= snd_cwnd) {
		tp->snd_cwnd_cnt -= snd_cwnd;
		delta++;
	}
	tp->snd_cwnd = min_t(u32, snd_cwnd + delta, tp->snd_cwnd_clamp);
}

/**
 * tcp_cong_avoid_ai - additive increase: one segment more after @w ACKs
 * (Reno: @w = cwnd, one per round trip; CUBIC: its own count, ca->cnt)
 */
void
tcp_cong_avoid_ai(struct tcp_sock *tp, u32 w)
{
	trace_tcp_cong_avoid_ai(tp, w);
	if (tp->snd_cwnd_cnt >= w) {
		if (tp->snd_cwnd < tp->snd_cwnd_clamp)
			tp->snd_cwnd++;
		tp->snd_cwnd_cnt = 0;
	} else {
		tp->snd_cwnd_cnt++;
	}
}

/**
 * tcp_reno_cong_avoid - Reno's cong_avoid: slow start up to ssthresh,
 * then one segment per round trip (Jacobson, SIGCOMM '88)
 */
void
tcp_reno_cong_avoid(struct sock *sk, u32 ack, u32 in_flight)
{
	struct tcp_sock *tp = tcp_sk(sk);

	trace_tcp_reno_cong_avoid(sk);
	(void)ack;	/* Reno has no use for it (CUBIC's HyStart has) */
	if (!tcp_is_cwnd_limited(sk, in_flight))
		return;
	if (tp->snd_cwnd <= tp->snd_ssthresh)
		tcp_slow_start(tp);
	else
		tcp_cong_avoid_ai(tp, tp->snd_cwnd);
}

/**
 * tcp_reno_ssthresh - the slow-start threshold after a loss: half the
 * congestion window, at least 2 [RFC 5681 (4)]
 */
u32
tcp_reno_ssthresh(struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);

	trace_tcp_reno_ssthresh(sk);
	return max_t(u32, tp->snd_cwnd >> 1U, 2U);
}

const struct tcp_congestion_ops tcp_reno = {
	.name = "reno",
	.ssthresh = tcp_reno_ssthresh,
	.cong_avoid = tcp_reno_cong_avoid,
};

/*
 * What a socket has until it is established: Reno under the empty name,
 * so that tcp_init_congestion_control can tell "nothing chosen yet"
 * (ss shows the empty name for listeners and connections in progress).
 */
const struct tcp_congestion_ops tcp_init_congestion_ops = {
	.name = "",
	.ssthresh = tcp_reno_ssthresh,
	.cong_avoid = tcp_reno_cong_avoid,
};

/* phase= in tcp_cong_avoid's trace. */
const char *
sim_tcp_ca_phase_name(u32 phase)
{
	return phase == SIM_TCP_SLOW_START ? "slow_start" : "cong_avoid";
}

/**
 * tcp_cong_avoid - an ACK acknowledged new data: let the algorithm grow
 * cwnd (tcp_input.c in 3.10, a wrapper of icsk_ca_ops->cong_avoid)
 */
void
tcp_cong_avoid(struct sock *sk, u32 ack, u32 in_flight)
{
	trace_tcp_cong_avoid(sk, in_flight);
	inet_csk(sk)->icsk_ca_ops->cong_avoid(sk, ack, in_flight);
}

/* tcp_ca_find - the algorithm @name in @h's list, or its index -1. */
static int
tcp_ca_find(const struct inet_hashinfo *h, const char *name)
{
	for (int i = 0; i < h->tcp_cong_count; i++)
		if (!strcmp(h->tcp_cong_list[i]->name, name))
			return i;
	return -1;
}

/**
 * tcp_register_congestion_control - add @ca to the end of @net's list
 *
 * 0; -EINVAL if it lacks ssthresh or cong_avoid, -EEXIST if the name is
 * taken, -ENOSPC when the list is full (netstep's fixed list).
 */
int
tcp_register_congestion_control(struct net *net, const struct tcp_congestion_ops *ca)
{
	struct inet_hashinfo *h = net->tcp_hashinfo;

	trace_tcp_register_congestion_control(net, ca);
	if (!ca->ssthresh || !ca->cong_avoid)
		return -EINVAL;
	if (tcp_ca_find(h, ca->name) >= 0)
		return -EEXIST;
	if (h->tcp_cong_count == SIM_TCP_CA_MAX)
		return -ENOSPC;
	h->tcp_cong_list[h->tcp_cong_count++] = ca;
	return 0;
}

/**
 * tcp_set_default_congestion_control - sysctl
 * net.ipv4.tcp_congestion_control=NAME: @name moves to the head of the
 * list, where new connections take it.  0, or -ENOENT when @net has no
 * such algorithm.
 */
int
tcp_set_default_congestion_control(struct net *net, const char *name)
{
	struct inet_hashinfo *h = net->tcp_hashinfo;
	const struct tcp_congestion_ops *ca;
	int i;

	trace_tcp_set_default_congestion_control(net);
	i = tcp_ca_find(h, name);
	if (i < 0)
		return -ENOENT;
	ca = h->tcp_cong_list[i];
	memmove(&h->tcp_cong_list[1], &h->tcp_cong_list[0], (size_t)i * sizeof(ca));
	h->tcp_cong_list[0] = ca;
	return 0;
}

/* tcp_get_default_congestion_control - the head of the list: its name. */
const char *
tcp_get_default_congestion_control(const struct net *net)
{
	return net->tcp_hashinfo->tcp_cong_list[0]->name;
}

/*
 * tcp_get_available_congestion_control - the names in list order (the
 * default first), separated by spaces, into @buf
 * (sysctl net.ipv4.tcp_available_congestion_control).
 */
void
tcp_get_available_congestion_control(const struct net *net, char *buf, size_t maxlen)
{
	const struct inet_hashinfo *h = net->tcp_hashinfo;
	size_t offs = 0;

	buf[0] = '\0';
	for (int i = 0; i < h->tcp_cong_count && offs < maxlen; i++)
		offs += (size_t)snprintf(buf + offs, maxlen - offs, "%s%s", offs == 0 ? "" : " ",
					 h->tcp_cong_list[i]->name);
}

/**
 * tcp_init_congestion_control - the connection is established: unless
 * it already has one, it takes the host's default algorithm (the head
 * of the list), which then sets itself up (init).
 */
void
tcp_init_congestion_control(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	trace_tcp_init_congestion_control(sk);
	if (icsk->icsk_ca_ops == &tcp_init_congestion_ops)
		icsk->icsk_ca_ops = sock_net(sk)->tcp_hashinfo->tcp_cong_list[0];
	tcp_sk(sk)->prior_ssthresh = 0;
	if (icsk->icsk_ca_ops->init)
		icsk->icsk_ca_ops->init(sk);
}
