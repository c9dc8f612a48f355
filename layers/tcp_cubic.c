/*
 * layers/tcp_cubic.c - CUBIC with HyStart, the congestion control 3.10
 * connections use unless told otherwise.
 *
 * Mirrors net/ipv4/tcp_cubic.c (Linux 3.10.108, CUBIC v2.3): Ha, Rhee
 * and Xu, "CUBIC: A New TCP-Friendly High-Speed TCP Variant" (2008), and
 * Ha and Rhee, "Taming the Elephants: New TCP Slow Start" (HyStart).
 *
 * After a loss Reno grows cwnd by one segment per round trip, whatever
 * the path.  CUBIC grows it as a function of the time since the loss:
 *
 *	W(t) = C (t - K)^3 + W_max		C = 0.4 (bic_scale 41 / 1024 / rtt 0.1 s)
 *
 * W_max is the cwnd at which the loss came (last_max_cwnd), K the time
 * the cubic takes to climb back to it from the reduced window.  So cwnd
 * rises quickly after the cut, flattens near W_max (the "plateau",
 * bic_origin_point) where the last loss happened, then probes beyond it,
 * slowly at first.  bictcp_update turns the target W(t + RTT) into
 * ca->cnt, the number of ACKs per one-segment increase, which
 * tcp_cong_avoid_ai (layers/tcp_cong.c) applies.  Two brakes: in TCP
 * friendly mode cwnd never grows slower than Reno would (tcp_cwnd, the
 * Reno estimate); and on a loss the window is cut to beta = 717/1024,
 * about 0.7, not 0.5 (bictcp_recalc_ssthresh), with W_max lowered
 * further if the flow lost below its previous W_max (fast convergence:
 * give bandwidth to newcomers).
 *
 * Slow start is Reno's (tcp_slow_start), but HyStart may end it before
 * any loss: from cwnd 16 (hystart_low_window) on, each round (from one
 * snd_nxt to its ACK) is watched for
 *   an ACK train: ACKs at most 2 ms apart (hystart_ack_delta) for more
 *     than half the minimum RTT, i.e. the pipe is full; or
 *   a delay increase: the round's smallest RTT of its first 8 samples
 *     above the smallest RTT ever by 1/8 of it (clamped to 4..16 ms).
 * Either sets ssthresh = cwnd, so congestion avoidance starts there.
 *
 * Times: HZ is 1000, so jiffies are milliseconds and bictcp_clock is
 * tcp_time_stamp; RTTs reach bictcp_acked from tcp_clean_rtx_queue in
 * microseconds of whole jiffies (3.10 asks for finer stamps only with
 * HZ < 1000, TCP_CONG_RTT_STAMP).
 *
 * Read before: layers/tcp_cong.c.  Read after: layers/tcp_input.c
 * (tcp_clean_rtx_queue calls pkts_acked; the loss code calls ssthresh,
 * undo_cwnd and, through tcp_set_ca_state, set_state).
 *
 * KERNEL: the module parameters are constants at their defaults;
 * initial_ssthresh (0) only acts with hystart off, so it is left out.
 * NOTE: bictcp_update takes the socket: netstep's clock is the host's.
 */
#include "layers/tcp.h"
#include "layers/tcp_cubic.h"
#include "events/tcp_cong.h"

static const char KSRC[] = "net/ipv4/tcp_cubic.c";

/* The module's parameters (/sys/module/tcp_cubic/parameters/ in 3.10),
 * fixed at their defaults: netstep loads no modules. */
enum {
	fast_convergence = 1,	/* lower W_max when losing below it */
	beta = 717,		/* cwnd after a loss: 717/1024 of it */
	bic_scale = 41,		/* C = 41/1024, per 100 ms of srtt */
	tcp_friendliness = 1,	/* never slower than Reno */
	hystart = 1,		/* hybrid slow start on */
	hystart_detect = HYSTART_ACK_TRAIN | HYSTART_DELAY,	/* both detectors */
	hystart_low_window = 16,	/* HyStart watches from this cwnd on */
	hystart_ack_delta = 2,	/* ms between ACKs of a train */
};

/* HyStart's delay samples per round, and its threshold: 1/8 of the
 * minimum RTT, between 4 and 16 ms (all in ms << 3). */
#define HYSTART_MIN_SAMPLES	8
#define HYSTART_DELAY_MIN	(4U << 3)
#define HYSTART_DELAY_MAX	(16U << 3)
#define HYSTART_DELAY_THRESH(x)	min_t(u32, max_t(u32, (x), HYSTART_DELAY_MIN), HYSTART_DELAY_MAX)

/* What cubictcp_register precomputes in 3.10, from the parameters. */
static const u32 beta_scale =		/* Reno-friendly ACKs per segment, << 3: 15 */
	8 * (BICTCP_BETA_SCALE + beta) / 3 / (BICTCP_BETA_SCALE - beta);
static const u32 cube_rtt_scale = bic_scale * 10;	/* 1024 C / rtt: 410 */
/* 2^(10 + 3 BICTCP_HZ) / (bic_scale * 10): turns W_max - cwnd into K^3 */
static const u64 cube_factor = (1ULL << (10 + 3 * BICTCP_HZ)) / (bic_scale * 10);

_Static_assert(sizeof(struct bictcp) <= ICSK_CA_PRIV_SIZE,
	       "struct bictcp must fit in icsk_ca_priv");

/* bictcp_reset - forget everything but loss_cwnd and the HyStart round. */
static inline void
bictcp_reset(struct bictcp *ca)
{
	ca->cnt = 0;
	ca->last_max_cwnd = 0;
	ca->last_cwnd = 0;
	ca->last_time = 0;
	ca->bic_origin_point = 0;
	ca->bic_K = 0;
	ca->delay_min = 0;
	ca->epoch_start = 0;
	ca->delayed_ack = 2 << ACK_RATIO_SHIFT;	/* assume a delayed-ACK peer */
	ca->ack_cnt = 0;
	ca->tcp_cwnd = 0;
	ca->found = 0;
}

/* bictcp_clock - HyStart's clock in ms: jiffies, with HZ 1000. */
static inline u32
bictcp_clock(const struct sock *sk)
{
	return tcp_time_stamp(sk);
}

/* bictcp_hystart_reset - a new HyStart round begins now and lasts until
 * what is sent so far (snd_nxt) is acknowledged. */
static inline void
bictcp_hystart_reset(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct bictcp *ca = inet_csk_ca(sk);
	u32 now = bictcp_clock(sk);

	trace_bictcp_hystart_reset(sk, now);
	ca->round_start = ca->last_ack = now;
	ca->end_seq = tp->snd_nxt;
	ca->curr_rtt = 0;
	ca->sample_cnt = 0;
}

/* bictcp_init - the connection is established: a fresh state, and the
 * first HyStart round. */
static void
bictcp_init(struct sock *sk)
{
	struct bictcp *ca = inet_csk_ca(sk);

	trace_bictcp_init(sk);
	bictcp_reset(ca);
	ca->loss_cwnd = 0;
	if (hystart)
		bictcp_hystart_reset(sk);
}

/**
 * cubic_root - the cube root of @a, to about 0.2%
 *
 * A table gives the first 8 bits of the root from the top 6 bits of @a
 * (by groups of 3 bits: each 3 bits of @a are 1 bit of the root), then
 * one Newton-Raphson step x' = (2x + a / x^2) / 3 refines it; x * (x - 1)
 * stands for x^2 and * 341 >> 10 for / 3.
 */
u32
cubic_root(u64 a)
{
	/* v[x] = cbrt(x << 18) - 1 for x in 0..63, rounded by hand so that
	 * (v[x] + 10) >> 6 is cbrt(x); (v[a] + 35) >> 6 rounds for small a. */
	static const u8 v[] = {
		0, 54, 54, 54, 118, 118, 118, 118,
		123, 129, 134, 138, 143, 147, 151, 156,
		157, 161, 164, 168, 170, 173, 176, 179,
		181, 185, 187, 190, 192, 194, 197, 199,
		200, 202, 204, 206, 209, 211, 213, 215,
		217, 219, 221, 222, 224, 225, 227, 229,
		231, 232, 234, 236, 237, 239, 240, 242,
		244, 245, 246, 248, 250, 251, 252, 254,
	};
	u32 x, b, shift;

	b = a ? 64 - (u32)__builtin_clzll(a) : 0;	/* fls64 */
	if (b < 7)
		return ((u32)v[(u32)a] + 35) >> 6;	/* a in 0..63 */

	/* b * 84 >> 8 is about b / 3: the root has that many bits */
	b = ((b * 84) >> 8) - 1;
	shift = (u32)(a >> (b * 3));
	x = ((u32)(((u32)v[shift] + 10) << b)) >> 6;

	x = 2 * x + (u32)(a / ((u64)x * (u64)(x - 1)));
	x = (x * 341) >> 10;
	return x;
}

/**
 * bictcp_update - where the cubic says cwnd should be one RTT from now,
 * as ca->cnt: ACKs per one-segment increase
 * @cwnd: snd_cwnd now
 *
 * Recomputed at most every HZ/32 (31 ms) while cwnd stays the same.
 */
static inline void
bictcp_update(struct sock *sk, struct bictcp *ca, u32 cwnd)
{
	u32 now = tcp_time_stamp(sk);
	u32 delta, bic_target, max_cnt;
	u64 offs, t;

	trace_bictcp_update(sk, ca, cwnd);
	ca->ack_cnt++;
	if (ca->last_cwnd == cwnd && (s32)(now - ca->last_time) <= HZ / 32)
		return;
	ca->last_cwnd = cwnd;
	ca->last_time = now;

	if (ca->epoch_start == 0) {
		/* A new epoch (after a loss): the cubic starts here. */
		ca->epoch_start = now;
		ca->ack_cnt = 1;
		ca->tcp_cwnd = cwnd;
		if (ca->last_max_cwnd <= cwnd) {
			/* Already at or past W_max: the plateau is behind us. */
			ca->bic_K = 0;
			ca->bic_origin_point = cwnd;
		} else {
			/* K = cbrt((W_max - cwnd) / C), in 2^-10 s */
			ca->bic_K = cubic_root(cube_factor * (ca->last_max_cwnd - cwnd));
			ca->bic_origin_point = ca->last_max_cwnd;
		}
	}

	/* t: time into the epoch plus one minimum RTT (where cwnd should be
	 * when this ACK's data is acknowledged), in 2^-10 s.  The 64-bit
	 * sum of a negative s32 wraps as in 3.10. */
	t = (u64)(s64)(s32)(now - ca->epoch_start);
	t += ca->delay_min >> 3;	/* msecs_to_jiffies, HZ 1000 */
	t <<= BICTCP_HZ;
	t /= HZ;

	offs = t < ca->bic_K ? ca->bic_K - t : t - ca->bic_K;
	/* C (t - K)^3 in segments: cube_rtt_scale is 1024 C, the shift
	 * takes off 2^10 and the three 2^10 of t. */
	delta = (u32)((cube_rtt_scale * offs * offs * offs) >> (10 + 3 * BICTCP_HZ));
	if (t < ca->bic_K)
		bic_target = ca->bic_origin_point - delta;	/* below the plateau */
	else
		bic_target = ca->bic_origin_point + delta;	/* beyond it */

	if (bic_target > cwnd)
		ca->cnt = cwnd / (bic_target - cwnd);	/* reach the target in one RTT */
	else
		ca->cnt = 100 * cwnd;			/* at or over it: barely grow */

	/* No loss yet (no W_max): at least 5% per RTT, the cubic's start
	 * being too cautious when nothing is known of the path. */
	if (ca->last_max_cwnd == 0 && ca->cnt > 20)
		ca->cnt = 20;

	if (tcp_friendliness) {
		/* Reno with beta 0.7 would add 3(1 - beta)/(1 + beta) segments
		 * per RTT: one per cwnd * beta_scale / 8 ACKs. */
		delta = (cwnd * beta_scale) >> 3;
		while (ca->ack_cnt > delta) {
			ca->ack_cnt -= delta;
			ca->tcp_cwnd++;
		}
		if (ca->tcp_cwnd > cwnd) {	/* Reno would be ahead: keep up */
			delta = ca->tcp_cwnd - cwnd;
			max_cnt = cwnd / delta;
			if (ca->cnt > max_cnt)
				ca->cnt = max_cnt;
		}
	}

	/* Per ACK, not per packet: a peer that ACKs every other segment
	 * gets half the count. */
	ca->cnt = (ca->cnt << ACK_RATIO_SHIFT) / ca->delayed_ack;
	if (ca->cnt == 0)
		ca->cnt = 1;
	trace_bictcp_target(sk, ca, (u32)t, bic_target);
}

/**
 * bictcp_cong_avoid - CUBIC's cong_avoid: Reno's slow start (HyStart
 * starting a new round when the last one is acknowledged), then the
 * cubic's pace
 */
static void
bictcp_cong_avoid(struct sock *sk, u32 ack, u32 in_flight)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct bictcp *ca = inet_csk_ca(sk);

	trace_bictcp_cong_avoid(sk);
	if (!tcp_is_cwnd_limited(sk, in_flight))
		return;
	if (tp->snd_cwnd <= tp->snd_ssthresh) {
		if (hystart && after(ack, ca->end_seq))
			bictcp_hystart_reset(sk);
		tcp_slow_start(tp);
	} else {
		bictcp_update(sk, ca, tp->snd_cwnd);
		tcp_cong_avoid_ai(tp, ca->cnt);
	}
}

/**
 * bictcp_recalc_ssthresh - a loss: the epoch ends, W_max is remembered
 * (lowered further if this loss came below the last one: fast
 * convergence), and ssthresh is cwnd * 717/1024, at least 2
 */
static u32
bictcp_recalc_ssthresh(struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	struct bictcp *ca = inet_csk_ca(sk);

	trace_bictcp_recalc_ssthresh(sk);
	ca->epoch_start = 0;
	if (tp->snd_cwnd < ca->last_max_cwnd && fast_convergence)
		ca->last_max_cwnd = (tp->snd_cwnd * (BICTCP_BETA_SCALE + beta)) /
				    (2 * BICTCP_BETA_SCALE);
	else
		ca->last_max_cwnd = tp->snd_cwnd;
	ca->loss_cwnd = tp->snd_cwnd;
	return max_t(u32, (tp->snd_cwnd * beta) / BICTCP_BETA_SCALE, 2U);
}

/* bictcp_undo_cwnd - the loss was not one: back to cwnd before it. */
static u32
bictcp_undo_cwnd(struct sock *sk)
{
	const struct bictcp *ca = inet_csk_ca(sk);

	trace_bictcp_undo_cwnd(sk);
	return max_t(u32, tcp_sk(sk)->snd_cwnd, ca->loss_cwnd);
}

/* bictcp_state - an RTO (TCP_CA_Loss) starts CUBIC over, W_max forgotten. */
static void
bictcp_state(struct sock *sk, u8 new_state)
{
	trace_bictcp_state(sk, new_state);
	if (new_state == TCP_CA_Loss) {
		bictcp_reset(inet_csk_ca(sk));
		bictcp_hystart_reset(sk);
	}
}

/**
 * hystart_update - one RTT sample @delay (ms << 3) in slow start: does
 * this round show the pipe full (ACK train) or a queue building (delay)?
 * If so, slow start ends here: ssthresh = cwnd.
 */
static void
hystart_update(struct sock *sk, u32 delay)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct bictcp *ca = inet_csk_ca(sk);
	u32 now = bictcp_clock(sk);

	trace_hystart_update(sk, delay, now);
	if (ca->found & hystart_detect)
		return;

	/* An ACK within 2 ms of the last extends the train; a train longer
	 * than half the minimum RTT (delay_min is ms << 3) fills the pipe. */
	if ((s32)(now - ca->last_ack) <= hystart_ack_delta) {
		ca->last_ack = now;
		if (now - ca->round_start > ca->delay_min >> 4)
			ca->found |= HYSTART_ACK_TRAIN;
	}

	/* The round's RTT: the smallest of its first 8 samples; then compare. */
	if (ca->sample_cnt < HYSTART_MIN_SAMPLES) {
		if (ca->curr_rtt == 0 || ca->curr_rtt > delay)
			ca->curr_rtt = delay;
		ca->sample_cnt++;
	} else if (ca->curr_rtt > ca->delay_min + HYSTART_DELAY_THRESH(ca->delay_min >> 4)) {
		ca->found |= HYSTART_DELAY;
	}

	if (ca->found & hystart_detect) {
		trace_hystart_found(sk, ca->found);
		tp->snd_ssthresh = tp->snd_cwnd;
	}
}

/**
 * bictcp_acked - @cnt segments were acknowledged, the last of them sent
 * @rtt_us ago (-1: a retransmission was among them, no sample)
 *
 * Keeps the packets-per-ACK ratio (delayed_ack = 15/16 of itself plus
 * @cnt) while all is well, the minimum RTT, and feeds HyStart.
 */
static void
bictcp_acked(struct sock *sk, u32 cnt, s32 rtt_us)
{
	const struct inet_connection_sock *icsk = inet_csk(sk);
	const struct tcp_sock *tp = tcp_sk(sk);
	struct bictcp *ca = inet_csk_ca(sk);
	u32 delay;

	trace_bictcp_acked(sk, cnt, rtt_us);
	if (icsk->icsk_ca_state == TCP_CA_Open) {
		u32 ratio = ca->delayed_ack;

		ratio -= ca->delayed_ack >> ACK_RATIO_SHIFT;
		ratio += cnt;
		ca->delayed_ack = (u16)min_t(u32, max_t(u32, ratio, 1U), ACK_RATIO_LIMIT);
	}

	if (rtt_us < 0)
		return;

	/* Within a second of a new epoch (just after recovery), RTTs still
	 * carry the queue of before the loss: not a minimum to keep. */
	if (ca->epoch_start && (s32)(tcp_time_stamp(sk) - ca->epoch_start) < HZ)
		return;

	delay = (u32)(rtt_us << 3) / USEC_PER_MSEC;
	if (delay == 0)
		delay = 1;
	if (ca->delay_min == 0 || ca->delay_min > delay)
		ca->delay_min = delay;

	if (hystart && tp->snd_cwnd <= tp->snd_ssthresh && tp->snd_cwnd >= hystart_low_window)
		hystart_update(sk, delay);
}

const struct tcp_congestion_ops cubictcp = {
	.init = bictcp_init,
	.ssthresh = bictcp_recalc_ssthresh,
	.cong_avoid = bictcp_cong_avoid,
	.set_state = bictcp_state,
	.undo_cwnd = bictcp_undo_cwnd,
	.pkts_acked = bictcp_acked,
	.name = "cubic",
};

/**
 * cubictcp_register - the module's init: add CUBIC to @net's algorithms
 * (the scale factors 3.10 computes here are the constants above)
 */
int
cubictcp_register(struct net *net)
{
	trace_cubictcp_register(net, beta_scale, cube_rtt_scale, cube_factor);
	return tcp_register_congestion_control(net, &cubictcp);
}
