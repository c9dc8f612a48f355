/*
 * tests/check_tcp_cubic.c - the congestion control suite: CUBIC's
 * arithmetic against values worked out by hand from 3.10's tcp_cubic.c,
 * HyStart's two exits, and the per-host list of algorithms.
 *
 * The sockets are unconnected ones made straight from tcp_prot on a
 * fixture host; the test sets cwnd, ssthresh and CUBIC's state as a
 * connection would have them and calls the algorithm's hooks
 * (cubictcp.cong_avoid, .ssthresh, .pkts_acked ...) as TCP does.  The
 * clock is the host's (HZ 1000: jiffies are ms), moved by running the
 * engine.
 *
 * The hand computations, for the values asserted below:
 *   cube_factor = 2^40 / (41 * 10) = 2681735677.
 *   K for W_max - cwnd = 30: a = 30 * cube_factor = 80452070310, 37 bits;
 *     b = 37 * 84 / 256 - 1 = 11; a >> 33 = 9, v[9] = 129;
 *     x = (139 << 11) >> 6 = 4448; x * (x - 1) = 19780256;
 *     a / 19780256 = 4067; (2 * 4448 + 4067) * 341 >> 10 = 4316
 *     (the true cube root is 4316.97: 4.2 s in 2^-10 s).
 *   t = (ms since the epoch + delay_min 100 ms) * 1024 / 1000;
 *     target = W_max -+ 410 * |t - K|^3 >> 40; cnt = cwnd / (target - cwnd).
 */
#include <check.h>
#include <string.h>

#include "tests/fixture.h"
#include "events/tcp_cong.h"
#include "layers/tcp.h"
#include "layers/tcp_cubic.h"

static struct fixture fx;

static void
cub_setup(void)
{
	fixture_setup(&fx, 1);
}

static void
cub_teardown(void)
{
	fixture_teardown(&fx);
}

/* Let @ms of the host's time pass. */
static void
cub_wait(unsigned int ms)
{
	ck_assert_int_eq(sim_run(&fx.eng, fx.eng.now + (ktime_t)ms * NSEC_PER_MSEC, 100000), 0);
}

/*
 * An unconnected TCP socket on the fixture host with CUBIC freshly
 * initialised (bictcp_init, as when a connection is established), cwnd
 * @cwnd and ssthresh @ssthresh.
 */
static struct sock *
cub_sock(u32 cwnd, u32 ssthresh)
{
	struct sock *sk = sk_alloc(fx.host[0], AF_INET, &tcp_prot);

	ck_assert_ptr_nonnull(sk);
	sock_init_data(NULL, sk);
	ck_assert_int_eq(sk->sk_prot->init(sk), 0);
	tcp_sk(sk)->snd_nxt = 1000;
	tcp_sk(sk)->snd_cwnd = cwnd;
	tcp_sk(sk)->snd_ssthresh = ssthresh;
	tcp_init_congestion_control(sk);
	ck_assert_ptr_eq(inet_csk(sk)->icsk_ca_ops, &cubictcp);
	return sk;
}

static struct bictcp *
cub_ca(struct sock *sk)
{
	return inet_csk_ca(sk);
}

/* One ACK in congestion avoidance, with cwnd full (the limit). */
static void
cub_ack(struct sock *sk, u32 ack)
{
	cubictcp.cong_avoid(sk, ack, tcp_sk(sk)->snd_cwnd);
}

START_TEST(test_cubic_root)
{
	static const struct {
		u64 a;
		u32 root;
	} cases[] = {
		{ 0, 0 },		/* (v[0] + 35) >> 6 */
		{ 1, 1 },		/* (54 + 35) >> 6 */
		{ 8, 2 },		/* (123 + 35) >> 6 */
		{ 16, 3 },		/* (157 + 35) >> 6: the table rounds cbrt 2.52 up */
		{ 27, 3 },		/* (190 + 35) >> 6 */
		{ 42, 4 },		/* (221 + 35) >> 6, cbrt 3.48 */
		{ 63, 4 },		/* the table's last entry: (254 + 35) >> 6, cbrt 3.98 */
		{ 64, 4 },		/* b 1: x = (133 << 1) >> 6 = 4; (8 + 64 / 12) * 341 >> 10 */
		{ 1000, 10 },		/* b 2: x = (166 << 2) >> 6 = 10; (20 + 11) * 341 >> 10 */
		{ 1000000, 100 },	/* b 5: x = (207 << 5) >> 6 = 103; (206 + 95) * 341 >> 10 */
		{ 80452070310ULL, 4316 },	/* K for W_max - cwnd = 30, above */
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		ck_assert_msg(cubic_root(cases[i].a) == cases[i].root, "cubic_root(%llu) = %u, not %u",
			      (unsigned long long)cases[i].a, cubic_root(cases[i].a), cases[i].root);
}
END_TEST

/*
 * After a loss at W_max 100, cwnd 70 in congestion avoidance, minimum
 * RTT 100 ms, one packet per ACK (delayed_ack 16): the epoch starts at
 * the first ACK, K = 4316.  t = 102: the target 100 - 27 = 73, cnt =
 * 70 / 3 = 23.  31 ms later nothing is recomputed (HZ/32), 32 ms later
 * it is.  2 s in: t = 2150, 410 * 2166^3 >> 40 = 3, target 97, cnt =
 * 70 / 27 = 2.  5 s in, past K: t = 5222, delta 0, target 100, cnt 2; at
 * cwnd 90, 90 / 10 = 9; at cwnd 100 the target is reached: 100 * cwnd.
 */
START_TEST(test_bictcp_update_after_loss)
{
	struct sock *sk = cub_sock(70, 50);
	struct bictcp *ca = cub_ca(sk);
	u32 t0;

	ca->last_max_cwnd = 100;
	ca->delay_min = 100 << 3;
	ca->delayed_ack = 1 << ACK_RATIO_SHIFT;
	cub_ack(sk, 2000);
	t0 = ca->epoch_start;
	ck_assert_uint_eq(t0, tcp_time_stamp(sk));
	ck_assert_uint_eq(ca->bic_K, 4316);
	ck_assert_uint_eq(ca->bic_origin_point, 100);
	ck_assert_uint_eq(ca->cnt, 23);
	ck_assert_uint_eq(ca->tcp_cwnd, 70);

	cub_wait(31);
	cub_ack(sk, 2000);
	ck_assert_uint_eq(ca->cnt, 23);
	ck_assert_uint_eq(ca->ack_cnt, 2);
	ck_assert_uint_eq(ca->last_time, t0);
	cub_wait(1);
	tcp_sk(sk)->snd_cwnd = 70;
	cub_ack(sk, 2000);
	ck_assert_uint_eq(ca->last_time, t0 + 32);

	cub_wait(1968);
	tcp_sk(sk)->snd_cwnd = 70;	/* the ACKs above grew it; the case is at 70 */
	cub_ack(sk, 2000);
	ck_assert_uint_eq(tcp_time_stamp(sk) - t0, 2000);
	ck_assert_uint_eq(ca->cnt, 2);

	cub_wait(3000);
	tcp_sk(sk)->snd_cwnd = 70;
	cub_ack(sk, 2000);
	ck_assert_uint_eq(ca->cnt, 2);
	tcp_sk(sk)->snd_cwnd = 90;
	cub_ack(sk, 2000);
	ck_assert_uint_eq(ca->cnt, 9);
	tcp_sk(sk)->snd_cwnd = 100;
	cub_ack(sk, 2000);
	ck_assert_uint_eq(ca->cnt, 100 * 100);
	ck_assert_uint_eq(ca->epoch_start, t0);
	tcp_close(sk, 0);
}
END_TEST

/* The same first ACK with delayed_ack 32 (two packets per ACK): 23 * 16 / 32. */
START_TEST(test_bictcp_update_per_ack)
{
	struct sock *sk = cub_sock(70, 50);
	struct bictcp *ca = cub_ca(sk);

	ca->last_max_cwnd = 100;
	ca->delay_min = 100 << 3;
	ck_assert_uint_eq(ca->delayed_ack, 2 << ACK_RATIO_SHIFT);	/* bictcp_reset's guess */
	cub_ack(sk, 2000);
	ck_assert_uint_eq(ca->cnt, 11);
	tcp_close(sk, 0);
}
END_TEST

/*
 * No loss yet (last_max_cwnd 0), cwnd 10: the cubic's origin is cwnd
 * itself, target 10, so cnt would be 100 * cwnd: the first epoch caps it
 * at 20 (5% per RTT).  42 ACKs later, 40 ms on: Reno's estimate counted
 * 41 ACKs past the first in steps of 10 * 15 >> 3 = 18: tcp_cwnd 12 > 10,
 * so TCP friendliness caps cnt at 10 / 2 = 5.
 */
START_TEST(test_bictcp_update_first_epoch_and_friendliness)
{
	struct sock *sk = cub_sock(10, 5);
	struct bictcp *ca = cub_ca(sk);

	ca->delay_min = 100 << 3;
	ca->delayed_ack = 1 << ACK_RATIO_SHIFT;
	cub_ack(sk, 2000);
	ck_assert_uint_eq(ca->bic_K, 0);
	ck_assert_uint_eq(ca->bic_origin_point, 10);
	ck_assert_uint_eq(ca->cnt, 20);
	for (int i = 0; i < 40; i++) {
		tcp_sk(sk)->snd_cwnd = 10;
		cub_ack(sk, 2000);
	}
	ck_assert_uint_eq(ca->ack_cnt, 41);
	ck_assert_uint_eq(ca->cnt, 20);
	cub_wait(40);
	tcp_sk(sk)->snd_cwnd = 10;
	cub_ack(sk, 2000);
	ck_assert_uint_eq(ca->tcp_cwnd, 12);
	ck_assert_uint_eq(ca->ack_cnt, 6);
	ck_assert_uint_eq(ca->cnt, 5);
	tcp_close(sk, 0);
}
END_TEST

/*
 * ssthresh after a loss: cwnd 100, first loss: W_max 100, ssthresh
 * 71700 / 1024 = 70.  A second loss at cwnd 80, below W_max: fast
 * convergence lowers W_max to 80 * 1741 / 2048 = 68; ssthresh 57360 /
 * 1024 = 56.  At cwnd 2 ssthresh is the floor, 2.  Undo returns to the
 * cwnd of the last loss.  An RTO (Loss) forgets W_max.
 */
START_TEST(test_recalc_ssthresh)
{
	struct sock *sk = cub_sock(100, TCP_INFINITE_SSTHRESH);
	struct bictcp *ca = cub_ca(sk);

	ca->epoch_start = 1;
	ck_assert_uint_eq(cubictcp.ssthresh(sk), 70);
	ck_assert_uint_eq(ca->last_max_cwnd, 100);
	ck_assert_uint_eq(ca->loss_cwnd, 100);
	ck_assert_uint_eq(ca->epoch_start, 0);

	tcp_sk(sk)->snd_cwnd = 80;
	ck_assert_uint_eq(cubictcp.ssthresh(sk), 56);
	ck_assert_uint_eq(ca->last_max_cwnd, 68);
	ck_assert_uint_eq(ca->loss_cwnd, 80);

	tcp_sk(sk)->snd_cwnd = 90;	/* above W_max 68: no fast convergence */
	ck_assert_uint_eq(cubictcp.ssthresh(sk), 63);	/* 64530 / 1024 */
	ck_assert_uint_eq(ca->last_max_cwnd, 90);

	tcp_sk(sk)->snd_cwnd = 2;	/* below W_max 90: 2 * 1741 / 2048 = 1 */
	ck_assert_uint_eq(cubictcp.ssthresh(sk), 2);
	ck_assert_uint_eq(ca->last_max_cwnd, 1);

	tcp_sk(sk)->snd_cwnd = 40;
	ca->loss_cwnd = 63;
	ck_assert_uint_eq(cubictcp.undo_cwnd(sk), 63);
	tcp_sk(sk)->snd_cwnd = 70;
	ck_assert_uint_eq(cubictcp.undo_cwnd(sk), 70);

	tcp_set_ca_state(sk, TCP_CA_Recovery);
	ck_assert_uint_eq(ca->last_max_cwnd, 1);
	tcp_set_ca_state(sk, TCP_CA_Loss);
	ck_assert_uint_eq(ca->last_max_cwnd, 0);
	ck_assert_uint_eq(ca->loss_cwnd, 63);	/* kept: undo still needs it */
	ck_assert_uint_eq(inet_csk(sk)->icsk_ca_state, TCP_CA_Loss);
	tcp_close(sk, 0);
}
END_TEST

/* The packets-per-ACK average: 15/16 of itself plus this ACK's count. */
START_TEST(test_delayed_ack_ratio)
{
	struct sock *sk = cub_sock(10, TCP_INFINITE_SSTHRESH);
	struct bictcp *ca = cub_ca(sk);

	cubictcp.pkts_acked(sk, 1, -1);
	ck_assert_uint_eq(ca->delayed_ack, 31);	/* 32 - 2 + 1 */
	cubictcp.pkts_acked(sk, 1, -1);
	ck_assert_uint_eq(ca->delayed_ack, 31);	/* 31 - 1 + 1: one per ACK, seen as 31/16 */
	/* four per ACK: +3 while under 32, +2 to 48, then +1 (31 34 ... 48 49 ... 60) */
	for (int i = 0; i < 20; i++)
		cubictcp.pkts_acked(sk, 4, -1);
	ck_assert_uint_eq(ca->delayed_ack, 60);
	inet_csk(sk)->icsk_ca_state = TCP_CA_Recovery;	/* not while recovering */
	ca->delayed_ack = 40;
	cubictcp.pkts_acked(sk, 1, -1);
	ck_assert_uint_eq(ca->delayed_ack, 40);
	tcp_close(sk, 0);
}
END_TEST

/* @n ACKs of one segment, @gap ms apart, each with an RTT of @rtt_ms. */
static void
cub_acks(struct sock *sk, int n, unsigned int gap, s32 rtt_ms)
{
	for (int i = 0; i < n; i++) {
		cub_wait(gap);
		cubictcp.pkts_acked(sk, 1, rtt_ms * 1000);
	}
}

/*
 * HyStart's delay exit.  Round 1: RTTs of 100 ms (ACKs 5 ms apart, no
 * train): delay_min 800 (ms << 3).  Round 2 (an ACK beyond end_seq
 * starts it): the smallest of its first 8 samples must exceed 800 + 50
 * (the threshold delay_min >> 4, between 32 and 128): 106 ms (848) does
 * not end slow start, 107 ms (856) does, at the 9th sample.
 */
START_TEST(test_hystart_delay)
{
	struct sock *sk = cub_sock(20, TCP_INFINITE_SSTHRESH);
	struct bictcp *ca = cub_ca(sk);
	int found;

	cub_acks(sk, 10, 5, 100);
	ck_assert_uint_eq(ca->delay_min, 800);
	ck_assert_uint_eq(ca->curr_rtt, 800);
	cub_ack(sk, 1001);	/* beyond end_seq 1000: a new round; slow start: cwnd 21 */
	ck_assert_uint_eq(tcp_sk(sk)->snd_cwnd, 21);
	ck_assert_uint_eq(ca->sample_cnt, 0);
	cub_acks(sk, 12, 5, 106);
	ck_assert_uint_eq(ca->curr_rtt, 848);
	ck_assert_uint_eq(ca->found, 0);
	ck_assert_uint_eq(tcp_sk(sk)->snd_ssthresh, TCP_INFINITE_SSTHRESH);

	tcp_sk(sk)->snd_nxt = 5000;
	cub_ack(sk, 2000);	/* the round of end_seq 1000 is over */
	tcp_sk(sk)->snd_nxt = 6000;
	cub_acks(sk, 8, 5, 107);
	ck_assert_uint_eq(ca->curr_rtt, 856);
	ck_assert_uint_eq(ca->found, 0);
	found = FX_COUNT(&fx.rec, "h0", hystart_found);
	cub_acks(sk, 1, 5, 107);
	ck_assert_uint_eq(ca->found, HYSTART_DELAY);
	ck_assert_uint_eq(tcp_sk(sk)->snd_ssthresh, 22);
	ck_assert_int_eq(FX_COUNT(&fx.rec, "h0", hystart_found), found + 1);
	tcp_close(sk, 0);
}
END_TEST

/*
 * HyStart's ACK train: minimum RTT 100 ms, so a train longer than
 * 800 >> 4 = 50 ms fills the pipe.  ACKs 2 ms apart from the round's
 * start: at 50 ms nothing yet, at 52 ms slow start ends (ssthresh =
 * cwnd).  ACKs 3 ms apart are no train (hystart_ack_delta is 2 ms),
 * however long.  Below cwnd 16 (hystart_low_window) HyStart is not asked.
 */
START_TEST(test_hystart_ack_train)
{
	struct sock *sk = cub_sock(20, TCP_INFINITE_SSTHRESH);
	struct sock *gaps = cub_sock(20, TCP_INFINITE_SSTHRESH);
	struct sock *low = cub_sock(16 - 1, TCP_INFINITE_SSTHRESH);
	struct bictcp *ca = cub_ca(sk);

	ca->delay_min = cub_ca(gaps)->delay_min = cub_ca(low)->delay_min = 800;
	for (int ms = 1; ms <= 120; ms++) {
		cub_wait(1);
		if (ms % 2 == 0 && ms <= 50) {
			cubictcp.pkts_acked(sk, 1, 100000);
			cubictcp.pkts_acked(low, 1, 100000);
		}
		if (ms % 3 == 0)
			cubictcp.pkts_acked(gaps, 1, 100000);
		if (ms == 50) {
			ck_assert_uint_eq(ca->found, 0);
			ck_assert_uint_eq(tcp_time_stamp(sk) - ca->round_start, 50);
		}
		if (ms == 52) {
			int found = FX_COUNT(&fx.rec, "h0", hystart_found);

			cubictcp.pkts_acked(sk, 1, 100000);
			ck_assert_uint_eq(ca->found, HYSTART_ACK_TRAIN);
			ck_assert_uint_eq(tcp_sk(sk)->snd_ssthresh, 20);
			ck_assert_int_eq(FX_COUNT(&fx.rec, "h0", hystart_found), found + 1);
			/* found: HyStart is done with this slow start */
			cubictcp.pkts_acked(sk, 1, 100000);
			ck_assert_uint_eq(ca->sample_cnt, 8);
			ck_assert_int_eq(FX_COUNT(&fx.rec, "h0", hystart_found), found + 1);
		}
	}
	ck_assert_uint_eq(cub_ca(gaps)->sample_cnt, 8);	/* it was asked, 40 times */
	ck_assert_uint_eq(cub_ca(gaps)->found, 0);
	ck_assert_uint_eq(tcp_sk(gaps)->snd_ssthresh, TCP_INFINITE_SSTHRESH);
	ck_assert_uint_eq(cub_ca(low)->sample_cnt, 0);	/* hystart_update never ran */
	ck_assert_uint_eq(tcp_sk(low)->snd_ssthresh, TCP_INFINITE_SSTHRESH);
	tcp_close(sk, 0);
	tcp_close(gaps, 0);
	tcp_close(low, 0);
}
END_TEST

/*
 * The host's list: Reno registered first, then CUBIC, CUBIC the default
 * (listed first).  sysctl moves Reno to the head; a socket established
 * then takes Reno, one that already has an algorithm keeps it.
 */
START_TEST(test_default_and_available)
{
	struct net *h = fx.host[0];
	struct sock *sk;
	char buf[64];

	ck_assert_str_eq(tcp_get_default_congestion_control(h), "cubic");
	tcp_get_available_congestion_control(h, buf, sizeof(buf));
	ck_assert_str_eq(buf, "cubic reno");
	ck_assert_int_eq(tcp_register_congestion_control(h, &cubictcp), -EEXIST);
	ck_assert_int_eq(tcp_set_default_congestion_control(h, "vegas"), -ENOENT);
	ck_assert_int_eq(tcp_set_default_congestion_control(h, "reno"), 0);
	tcp_get_available_congestion_control(h, buf, sizeof(buf));
	ck_assert_str_eq(buf, "reno cubic");

	sk = sk_alloc(h, AF_INET, &tcp_prot);
	ck_assert_ptr_nonnull(sk);
	sock_init_data(NULL, sk);
	ck_assert_int_eq(sk->sk_prot->init(sk), 0);
	ck_assert_str_eq(inet_csk(sk)->icsk_ca_ops->name, "");
	tcp_init_congestion_control(sk);
	ck_assert_ptr_eq(inet_csk(sk)->icsk_ca_ops, &tcp_reno);
	ck_assert_int_eq(tcp_set_default_congestion_control(h, "cubic"), 0);
	tcp_init_congestion_control(sk);
	ck_assert_ptr_eq(inet_csk(sk)->icsk_ca_ops, &tcp_reno);
	tcp_close(sk, 0);
}
END_TEST

Suite *tcp_cubic_suite(void);

Suite *
tcp_cubic_suite(void)
{
	Suite *s = suite_create("tcp_cubic");

	fixture_add_tcase(s, "cubic", cub_setup, cub_teardown, 30, (const TTest *const []){
		test_cubic_root,
		test_bictcp_update_after_loss,
		test_bictcp_update_per_ack,
		test_bictcp_update_first_epoch_and_friendliness,
		test_recalc_ssthresh,
		test_delayed_ack_ratio,
		test_hystart_delay,
		test_hystart_ack_train,
		test_default_and_available,
		NULL,
	});
	return s;
}
