/*
 * layers/tcp_cong.c - congestion control: how fast the congestion window
 * (snd_cwnd, in segments) grows while ACKs arrive, and where it restarts
 * after a loss.
 *
 * Mirrors net/ipv4/tcp_cong.c (Linux 3.10.108), the Reno module that is
 * always built in:
 *   slow start: below ssthresh, cwnd grows by one per ACK (so it doubles
 *     every round trip) [RFC 5681 3.1];
 *   congestion avoidance: above it, by one per window of ACKs;
 *   loss: ssthresh = cwnd / 2 (tcp_reno_ssthresh); fast recovery continues
 *     at ssthresh, an RTO restarts at cwnd 1 (layers/tcp_input.c).
 * Growth only happens while the sender is actually cwnd-limited
 * (tcp_is_cwnd_limited), so an idle or window-limited connection does not
 * inflate cwnd.
 *
 * Read before: layers/tcp_input.c (tcp_ack calls tcp_cong_avoid).
 *
 * KERNEL: 3.10 defaults to CUBIC (CONFIG_DEFAULT_TCP_CONG); netstep has
 * only Reno, the reference algorithm every other module falls back to,
 * in a fixed list (sysctl net.ipv4.tcp_congestion_control picks from it).
 * No module loading, no limited slow start (sysctl_tcp_max_ssthresh is 0).
 */
#include "layers/tcp.h"
#include "events/tcp.h"

#include <stdio.h>
#include <string.h>

static const char KSRC[] = "net/ipv4/tcp_cong.c";

/* tcp_max_tso_deferred_mss: how far below cwnd still counts as "full". */
#define SIM_TCP_CWND_SLACK	3

/**
 * tcp_is_cwnd_limited - was the sender using (nearly) all of cwnd?
 * @in_flight: segments in flight before this ACK
 */
bool
tcp_is_cwnd_limited(const struct sock *sk, u32 in_flight)
{
	const struct tcp_sock *tp = tcp_sk(sk);

	if (in_flight >= tp->snd_cwnd)
		return true;
	return tp->snd_cwnd - in_flight <= SIM_TCP_CWND_SLACK;
}

/* tcp_slow_start: +1 segment per ACK (exponential per RTT). */
void
tcp_slow_start(struct tcp_sock *tp)
{
	u32 snd_cwnd = tp->snd_cwnd ? tp->snd_cwnd : 1;
	u32 delta = 0;

	tp->snd_cwnd_cnt += snd_cwnd;
	while (tp->snd_cwnd_cnt >= snd_cwnd) {
		tp->snd_cwnd_cnt -= snd_cwnd;
		delta++;
	}
	tp->snd_cwnd = min_t(u32, snd_cwnd + delta, tp->snd_cwnd_clamp);
}

/* tcp_cong_avoid_ai: +1 segment after @w ACKs (linear per RTT). */
void
tcp_cong_avoid_ai(struct tcp_sock *tp, u32 w)
{
	if (tp->snd_cwnd_cnt >= w) {
		if (tp->snd_cwnd < tp->snd_cwnd_clamp)
			tp->snd_cwnd++;
		tp->snd_cwnd_cnt = 0;
	} else {
		tp->snd_cwnd_cnt++;
	}
}

/* tcp_reno_cong_avoid - Reno's cong_avoid hook. */
static void
tcp_reno_cong_avoid(struct sock *sk, u32 ack, u32 in_flight)
{
	struct tcp_sock *tp = tcp_sk(sk);

	(void)ack;
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

	return max_t(u32, tp->snd_cwnd >> 1U, 2U);
}

const struct tcp_congestion_ops tcp_reno = {
	.name = "reno",
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
 * cwnd (include/net/tcp.h wraps icsk_ca_ops->cong_avoid)
 */
void
tcp_cong_avoid(struct sock *sk, u32 ack, u32 in_flight)
{
	trace_tcp_cong_avoid(sk, in_flight);
	inet_csk(sk)->icsk_ca_ops->cong_avoid(sk, ack, in_flight);
}

/*
 * The algorithms built in (3.10 keeps a list modules register on; its
 * head is the default).  KERNEL: CUBIC and the modules are not here yet.
 */
static const struct tcp_congestion_ops *const tcp_cong_list[] = {
	&tcp_reno,
};

/* The host's default: h->tcp_ca_default, NULL meaning the list's first. */
static const struct tcp_congestion_ops *
sim_tcp_ca_default(const struct net *net)
{
	const struct inet_hashinfo *h = net->tcp_hashinfo;

	return h && h->tcp_ca_default ? h->tcp_ca_default : tcp_cong_list[0];
}

/**
 * tcp_set_default_congestion_control - sysctl
 * net.ipv4.tcp_congestion_control=NAME: new sockets use @name.
 * 0, or -ENOENT when no such algorithm is built in.
 */
int
tcp_set_default_congestion_control(struct net *net, const char *name)
{
	trace_tcp_set_default_congestion_control(net);
	for (size_t i = 0; i < ARRAY_SIZE(tcp_cong_list); i++) {
		if (!strcmp(tcp_cong_list[i]->name, name)) {
			net->tcp_hashinfo->tcp_ca_default = tcp_cong_list[i];
			return 0;
		}
	}
	return -ENOENT;
}

/* tcp_get_default_congestion_control - the default's name. */
const char *
tcp_get_default_congestion_control(const struct net *net)
{
	return sim_tcp_ca_default(net)->name;
}

/*
 * tcp_get_available_congestion_control - the names built in, separated
 * by spaces, into @buf (sysctl net.ipv4.tcp_available_congestion_control).
 */
void
tcp_get_available_congestion_control(char *buf, size_t maxlen)
{
	size_t offs = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < ARRAY_SIZE(tcp_cong_list) && offs < maxlen; i++)
		offs += snprintf(buf + offs, maxlen - offs, "%s%s", offs == 0 ? "" : " ",
				 tcp_cong_list[i]->name);
}

/**
 * tcp_init_congestion_control - the connection is established: it takes
 * the host's default algorithm (3.10: the first of tcp_cong_list).
 */
void
tcp_init_congestion_control(struct sock *sk)
{
	inet_csk(sk)->icsk_ca_ops = sim_tcp_ca_default(sock_net(sk));
}
