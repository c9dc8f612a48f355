/*
 * tests/check_tcp_recovery.c - TCP loss recovery (layers/tcp_input_sack.c,
 * layers/tcp_input_recovery.c, the probe and retransmission code of
 * layers/tcp_output.c) against values worked out by hand from Linux
 * 3.10.108's code.
 *
 * Each test sets a situation up with a small packetdrill script (the
 * runner's world: the student's host and a scripted peer, SACK on, MSS
 * 1000, a handshake RTT chosen per test), stops after a given line and
 * looks at what tcp_info does not show: the S/L/R marks on the write
 * queue, PRR's counters (through its tcp_prr_sndcnt note), the timer a
 * probe or an early retransmit armed and when it fires, the undo state.
 * the scripts of tests/packetdrill/ check the same behaviour from the wire.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fixture.h"
#include "events/tcp.h"
#include "events/tcp_cong.h"
#include "sim/packetdrill.h"
#include "sim/topology.h"

/* A passive open whose handshake takes @rtt ("+.1"), SACK offered,
 * congestion control @cc ("reno", "cubic"). */
#define RC_OPEN_CC(cc, rtt)							\
	"0   `sysctl -q net.ipv4.tcp_congestion_control=" cc "`\n"			\
	"0   socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"				\
	"+0  setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0\n"		\
	"+0  bind(3, ..., ...) = 0\n"						\
	"+0  listen(3, 1) = 0\n"						\
	"+0  < S 0:0(0) win 32792 <mss 1000,sackOK,nop,nop,nop,wscale 7>\n"	\
	"+0  > S. 0:0(0) ack 1 <mss 1460,nop,nop,sackOK,nop,wscale 7>\n"	\
	rtt " < . 1:1(0) ack 1 win 257\n"					\
	"+0  accept(3, ..., ...) = 4\n"
#define RC_OPEN_LINES	9
/* Reno mostly: its ssthresh, half of cwnd, keeps the numbers plain
 * (test_undo_cubic has CUBIC's). */
#define RC_OPEN(rtt)	RC_OPEN_CC("reno", rtt)

/* Ten segments of 1000 bytes, the initial window (lines 10-11): under
 * TSO the taps see them as GSO skbs, which the runner adds up. */
#define RC_TEN									\
	"+0  write(4, ..., 10000) = 10000\n"					\
	"+0  > P. 1:10001(10000) ack 1\n"
#define RC_TEN_LINES	2

/* A script being run, stopped between lines. */
struct rc {
	struct pd_script *s;
	struct pd_run *r;
	struct net *net;
	struct fixture_recorder rec;
	FILE *null;
};

static void
rc_open(struct rc *t, const char *text)
{
	char err[PD_ERR_MAX];
	struct pd_config c;

	t->s = pd_parse("rc.pkt", text, strlen(text), err, sizeof(err));
	ck_assert_msg(t->s, "%s", err);
	pd_config_default(&c);
	t->null = fopen("/dev/null", "w");
	ck_assert_ptr_nonnull(t->null);
	t->r = pd_run_create(t->s, &c, 1, t->null);
	ck_assert_ptr_nonnull(t->r);
	t->net = sim_world_host(pd_run_world(t->r), "student");
	ck_assert_ptr_nonnull(t->net);
	fixture_recorder_open(&t->rec, &pd_run_world(t->r)->trace);
	pd_run_start(t->r);
}

/*
 * Run every line up to and including @line (0: to the end); it must
 * pass.  A `<` line is done once its frame is on the wire: the stack has
 * taken it in when the next line runs, so a test stops after a line that
 * follows it.
 */
static void
rc_until(struct rc *t, int line)
{
	while (pd_run_status(t->r) == PD_RUNNING && pd_run_line(t->r) &&
	       (!line || pd_run_line(t->r) <= line))
		pd_run_next(t->r);
	if (!line)
		while (pd_run_next(t->r) == PD_RUNNING)
			;
	ck_assert_msg(pd_run_status(t->r) != PD_FAILED, "%s", pd_run_error(t->r));
}

/* Free it all (the world at whatever point it is): no skb may be left. */
static void
rc_free(struct rc *t)
{
	fixture_recorder_close(&t->rec);
	ck_assert_uint_eq(pd_run_leaked(t->r), 0);
	pd_run_destroy(t->r);
	pd_free(t->s);
	fclose(t->null);
}

static void
rc_close(struct rc *t)
{
	rc_until(t, 0);
	ck_assert_int_eq(pd_run_status(t->r), PD_PASSED);
	rc_free(t);
}

static int
rc_find_estab(struct sock *sk, void *arg)
{
	if (sk->sk_state != TCP_ESTABLISHED)
		return 0;
	*(struct sock **)arg = sk;
	return 1;
}

/* The connection under test. */
static struct sock *
rc_sock(struct rc *t)
{
	struct sock *sk = NULL;

	sim_tcp_for_each_sock(t->net, rc_find_estab, &sk);
	ck_assert_ptr_nonnull(sk);
	return sk;
}

/*
 * The marks of each 1000-byte segment from snd_una to snd_nxt, one word
 * each: "S", "R", "L", "E" joined by '|' (sim_tcp_sacked_print's order),
 * "-" for none.
 */
static const char *
rc_marks(struct sock *sk)
{
	static char buf[256];
	const struct tcp_sock *tp = tcp_sk(sk);
	size_t n = 0;

	buf[0] = '\0';
	for (u32 seq = tp->snd_una; before(seq, tp->snd_nxt); seq += 1000) {
		struct sk_buff *skb;
		char word[16];
		struct trace_buf b;

		skb_queue_walk(&sk->sk_write_queue, skb)
			if (!after(TCP_SKB_CB(skb)->seq, seq) && after(TCP_SKB_CB(skb)->end_seq, seq))
				break;
		ck_assert_ptr_ne(skb, (struct sk_buff *)&sk->sk_write_queue);
		trace_buf_init(&b, word, sizeof(word));
		if (TCP_SKB_CB(skb)->sacked)
			sim_tcp_sacked_print(&b, &TCP_SKB_CB(skb)->sacked);
		else
			trace_buf_puts(&b, "-");
		n += snprintf(buf + n, sizeof(buf) - n, "%s%s", n ? " " : "", word);
	}
	return buf;
}

/* Jiffies until the retransmit timer fires, and what it is armed for. */
static long
rc_timer_in(struct rc *t, struct sock *sk, u8 *pending)
{
	*pending = inet_csk(sk)->icsk_pending;
	return (long)(inet_csk(sk)->icsk_timeout - sim_host_jiffies(t->net));
}

/*
 * SACK blocks mark segments S; FACK marks lost the first fackets_out -
 * reordering segments from the head (counting SACKed ones): with 1001:2001
 * and 3001:5001 SACKed, fackets_out is 5, so 5 - 3 = 2 segments are
 * passed and only the first hole is L (and retransmitted: R, E).  The ACK
 * delivered 3 segments: PRR lets ceil(5 * 3 / 10) = 2 go (in flight 6,
 * cwnd 8); with nothing new to send, the second is a forward
 * retransmission of the hole below the highest SACK (R without L).  One
 * more SACKed segment (fackets_out 6) makes that hole L too.
 */
START_TEST(test_scoreboard_marks)
{
	struct rc t;
	struct sock *sk;
	struct tcp_sock *tp;

	rc_open(&t, RC_OPEN("+.1") RC_TEN
		"+.1 < . 1:1(0) ack 1 win 257 <sack 3001:5001 1001:2001,nop,nop>\n"
		"+0  > . 1:1001(1000) ack 1\n"
		"+0  > . 2001:3001(1000) ack 1\n"
		"+0  < . 1:1(0) ack 1 win 257 <sack 3001:6001 1001:2001,nop,nop>\n"
		"+0  %{ assert tcpi_ca_state == TCP_CA_Recovery }%\n"
		"+.1 < . 1:1(0) ack 10001 win 257\n");
	rc_until(&t, RC_OPEN_LINES + RC_TEN_LINES + 3);
	sk = rc_sock(&t);
	tp = tcp_sk(sk);
	ck_assert_str_eq(rc_marks(sk), "R|L|E S R|E S S - - - - -");
	ck_assert_uint_eq(tp->packets_out, 10);
	ck_assert_uint_eq(tp->sacked_out, 3);
	ck_assert_uint_eq(tp->fackets_out, 5);
	ck_assert_uint_eq(tp->lost_out, 1);
	ck_assert_uint_eq(tp->retrans_out, 2);
	ck_assert_uint_eq(tcp_highest_sack_seq(tp), tp->snd_una + 5000);
	ck_assert_uint_eq(inet_csk(sk)->icsk_ca_state, TCP_CA_Recovery);
	ck_assert_uint_eq(tp->snd_cwnd, 8);
	ck_assert_uint_eq(t.net->mib[LINUX_MIB_TCPFORWARDRETRANS], 1);

	rc_until(&t, RC_OPEN_LINES + RC_TEN_LINES + 5);
	ck_assert_str_eq(rc_marks(sk), "R|L|E S R|L|E S S S - - - -");
	ck_assert_uint_eq(tp->sacked_out, 4);
	ck_assert_uint_eq(tp->fackets_out, 6);
	ck_assert_uint_eq(tp->lost_out, 2);
	/* In flight 10 - 6 + 2 = 6 > 5: ceil(5 * 4 / 10) - 2 sent = 0. */
	ck_assert_uint_eq(tp->retrans_out, 2);
	ck_assert_uint_eq(tp->snd_cwnd, 6);
	rc_close(&t);
}
END_TEST

/*
 * The same SACKs without FACK (tcp_fack = 0, RFC 3517): a hole is lost
 * only with reordering (3) SACKed segments above it.  The first ACK has
 * three SACKed (sacked_out + 1 > 3: Recovery), so sacked_upto = 0: the
 * head is L; 2001:3001 has only two SACKed above it: not L, but resent
 * forward as above.
 */
START_TEST(test_scoreboard_rfc3517)
{
	struct rc t;
	struct sock *sk;

	rc_open(&t, "`sysctl -q net.ipv4.tcp_fack=0`\n" RC_OPEN("+.1") RC_TEN
		"+.1 < . 1:1(0) ack 1 win 257 <sack 3001:5001 1001:2001,nop,nop>\n"
		"+0  > . 1:1001(1000) ack 1\n"
		"+0  > . 2001:3001(1000) ack 1\n"
		"+0  < . 1:1(0) ack 1 win 257 <sack 3001:7001 1001:2001,nop,nop>\n"
		"+0  %{ assert tcpi_ca_state == TCP_CA_Recovery }%\n");
	rc_until(&t, 1 + RC_OPEN_LINES + RC_TEN_LINES + 3);
	sk = rc_sock(&t);
	ck_assert(!tcp_is_fack(tcp_sk(sk)));
	ck_assert_str_eq(rc_marks(sk), "R|L|E S R|E S S - - - - -");
	ck_assert_uint_eq(tcp_sk(sk)->lost_out, 1);
	/* Five SACKed: marks go on until 5 - 3 = 2 SACKed were passed: the
	 * second hole is L now (it was resent already). */
	rc_until(&t, 0);
	ck_assert_str_eq(rc_marks(sk), "R|L|E S R|L|E S S S S - - -");
	ck_assert_uint_eq(tcp_sk(sk)->lost_out, 2);
	rc_close(&t);
}
END_TEST

/*
 * PRR's sndcnt on each ACK of tests/packetdrill/prr.pkt's recovery
 * (ssthresh 5, prior_cwnd 10; more data waiting), from its note: while
 * in flight > ssthresh, ceil(5 * prr_delivered / 10) - prr_out; then
 * at most ssthresh - in flight.
 */
START_TEST(test_prr_sndcnt)
{
	static const struct {
		int sndcnt;
		u32 delivered, out, cwnd;
	} want[] = {
		{ 1, 1, 0, 9 }, { 0, 2, 1, 8 }, { 1, 3, 1, 8 }, { 0, 4, 2, 7 },
		{ 1, 5, 2, 7 }, { 0, 6, 3, 6 }, { 0, 7, 3, 5 },
	};
	struct rc t;
	char *text;
	FILE *f = fopen("tests/packetdrill/prr.pkt", "r");
	long len;
	int k = 0;

	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	text = calloc(1, len + 1);
	ck_assert_ptr_nonnull(text);
	ck_assert_int_eq(fread(text, 1, len, f), len);
	fclose(f);
	rc_open(&t, text);
	rc_until(&t, 0);
	FX_FOR_EACH(&t.rec, i, 0, "student", tcp_prr_sndcnt) {
		const tp_data_tcp_prr_sndcnt *d = FX_DATA(&t.rec, i, tcp_prr_sndcnt);

		ck_assert_int_lt(k, (int)ARRAY_SIZE(want));
		ck_assert_int_eq(d->sndcnt, want[k].sndcnt);
		ck_assert_uint_eq(d->prr_delivered, want[k].delivered);
		ck_assert_uint_eq(d->prr_out, want[k].out);
		ck_assert_uint_eq(d->cwnd, want[k].cwnd);
		k++;
	}
	ck_assert_int_eq(k, (int)ARRAY_SIZE(want));
	rc_close(&t);
	free(text);
}
END_TEST

/*
 * Below ssthresh PRR grows back like slow start: the loss probe's SACK
 * (tests/packetdrill/tlp.pkt's situation) finds nothing in flight,
 * ssthresh 5, one segment delivered: min(5 - 0, max(1 - 0, 1) + 1) = 2.
 */
START_TEST(test_prr_below_ssthresh)
{
	struct rc t;
	int i;

	rc_open(&t, RC_OPEN("+.1") RC_TEN
		"+.1 < . 1:1(0) ack 7001 win 257\n"
		"+.2 > P. 9001:10001(1000) ack 1\n"
		"+.1 < . 1:1(0) ack 7001 win 257 <sack 9001:10001,nop,nop>\n"
		"+0  > . 7001:9001(2000) ack 1\n");
	rc_until(&t, 0);
	i = FX_FIND(&t.rec, 0, "student", tcp_prr_sndcnt);
	ck_assert_int_ge(i, 0);
	ck_assert_int_eq(FX_DATA(&t.rec, i, tcp_prr_sndcnt)->sndcnt, 2);
	ck_assert_uint_eq(FX_DATA(&t.rec, i, tcp_prr_sndcnt)->cwnd, 2);
	rc_close(&t);
}
END_TEST

/* The loss probe's timer after a write of @segs segments, the handshake
 * taking @rtt: its kind and jiffies to go. */
static void
rc_probe_after(const char *open, int segs, u8 want_pending, long want_in)
{
	static const char *const writes[] = {
		NULL,
		"+0  write(4, ..., 1000) = 1000\n+0  > P. 1:1001(1000) ack 1\n",
		NULL,
		"+0  write(4, ..., 3000) = 3000\n+0  > P. 1:3001(3000) ack 1\n",
	};
	char text[2048];
	struct rc t;
	u8 pending;

	snprintf(text, sizeof(text), "%s%s", open, writes[segs]);
	rc_open(&t, text);
	rc_until(&t, 0);
	ck_assert_int_eq(rc_timer_in(&t, rc_sock(&t), &pending), want_in);
	ck_assert_uint_eq(pending, want_pending);
	rc_free(&t);
}

/*
 * tcp_schedule_loss_probe: 2 * srtt, at least 10 ms; with one segment
 * out, at least 1.5 * srtt + 200 ms (a delayed ACK); never after the RTO
 * (srtt + rttvar, rttvar = max(2 * RTT, 200 ms) after one sample).
 */
START_TEST(test_tlp_timeout)
{
	/* srtt 100, RTO 300: one segment: min(max(200, 350), 300) = 300 */
	rc_probe_after(RC_OPEN("+.1"), 1, ICSK_TIME_LOSS_PROBE, 300);
	/* three segments: 2 * 100 = 200 */
	rc_probe_after(RC_OPEN("+.1"), 3, ICSK_TIME_LOSS_PROBE, 200);
	/* srtt 300, RTO 900: one segment: max(600, 450 + 200) = 650 */
	rc_probe_after(RC_OPEN("+.3"), 1, ICSK_TIME_LOSS_PROBE, 650);
	/* srtt 2, RTO 202: three segments: max(4, 10) = 10 */
	rc_probe_after(RC_OPEN("+.002"), 3, ICSK_TIME_LOSS_PROBE, 10);
}
END_TEST

/* No probe without SACK, nor with tcp_early_retrans below 3: the RTO. */
START_TEST(test_tlp_not_armed)
{
	rc_probe_after("`sysctl -q net.ipv4.tcp_early_retrans=2`\n" RC_OPEN("+.1"), 3,
		       ICSK_TIME_RETRANS, 300);
	rc_probe_after("0   socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n"
		       "+0  setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0\n"
		       "+0  bind(3, ..., ...) = 0\n"
		       "+0  listen(3, 1) = 0\n"
		       "+0  < S 0:0(0) win 32792 <mss 1000,nop,wscale 7>\n"
		       "+0  > S. 0:0(0) ack 1 <mss 1460,nop,wscale 7>\n"
		       "+.1 < . 1:1(0) ack 1 win 257\n"
		       "+0  accept(3, ..., ...) = 4\n", 3, ICSK_TIME_RETRANS, 300);
}
END_TEST

/* Early retransmit waits max(srtt / 4, 2 ms) after the SACK. */
static void
rc_er_delay(const char *open, long want_in)
{
	char text[2048];
	struct rc t;
	u8 pending;

	snprintf(text, sizeof(text), "%s%s", open,
		 "+0  write(4, ..., 3000) = 3000\n+0  > P. 1:3001(3000) ack 1\n"
		 "+.001 < . 1:1(0) ack 1 win 257 <sack 1001:2001,nop,nop>\n"
		 "+0  %{ assert tcpi_retrans == 0 }%\n");
	rc_open(&t, text);
	rc_until(&t, RC_OPEN_LINES + 4);
	ck_assert_int_eq(rc_timer_in(&t, rc_sock(&t), &pending), want_in);
	ck_assert_uint_eq(pending, ICSK_TIME_EARLY_RETRANS);
	ck_assert_uint_eq(inet_csk(rc_sock(&t))->icsk_ca_state, TCP_CA_Disorder);
	rc_free(&t);
}

START_TEST(test_er_delay)
{
	rc_er_delay(RC_OPEN("+.1"), 25);	/* 100 / 4 */
	rc_er_delay(RC_OPEN("+.004"), 2);	/* 4 / 4 = 1, at least 2 */
}
END_TEST

/*
 * The undo state through a spurious fast retransmit
 * (tests/packetdrill/undo-dsack.pkt), the connection opened by @open:
 * undo_marker = snd_una when Recovery starts, undo_retrans counts the
 * retransmission, prior_ssthresh keeps the "infinite" one, ssthresh is
 * the module's @ssthresh for cwnd 10, and cwnd ends there when recovery
 * does; the D-SACK after recovery brings undo_retrans to 0 and
 * tcp_try_undo_dsack restores cwnd 10 and ssthresh.
 */
static void
rc_undo_dsack(const char *open, u32 ssthresh)
{
	char text[4096];
	struct rc t;
	struct sock *sk;
	struct tcp_sock *tp;
	u32 una;

	snprintf(text, sizeof(text), "%s%s", open, RC_TEN
		 "+.1 < . 1:1(0) ack 1 win 257 <sack 1001:2001,nop,nop>\n"
		 "+0  < . 1:1(0) ack 1 win 257 <sack 1001:3001,nop,nop>\n"
		 "+0  < . 1:1(0) ack 1 win 257 <sack 1001:4001,nop,nop>\n"
		 "+0  > . 1:1001(1000) ack 1\n"
		 "+.1 < . 1:1(0) ack 10001 win 257\n"
		 "+0  %{ assert tcpi_unacked == 0 }%\n"
		 "+0  < . 1:1(0) ack 10001 win 257 <sack 1:1001,nop,nop>\n"
		 "+0  %{ assert tcpi_unacked == 0 }%\n");
	rc_open(&t, text);
	rc_until(&t, RC_OPEN_LINES + RC_TEN_LINES + 4);
	sk = rc_sock(&t);
	tp = tcp_sk(sk);
	una = tp->snd_una;
	ck_assert_uint_eq(tp->undo_marker, una);
	ck_assert_int_eq(tp->undo_retrans, 1);
	ck_assert_uint_eq(tp->prior_ssthresh, TCP_INFINITE_SSTHRESH);
	ck_assert_uint_eq(tp->snd_ssthresh, ssthresh);
	ck_assert_uint_ne(tp->retrans_stamp, 0);
	rc_until(&t, RC_OPEN_LINES + RC_TEN_LINES + 6);
	ck_assert_uint_eq(inet_csk(sk)->icsk_ca_state, TCP_CA_Open);
	ck_assert_uint_eq(tp->undo_marker, una);	/* not undone: no D-SACK yet */
	ck_assert_uint_eq(tp->snd_cwnd, ssthresh);
	rc_until(&t, RC_OPEN_LINES + RC_TEN_LINES + 8);
	ck_assert_int_eq(tp->undo_retrans, 0);
	ck_assert_uint_eq(tp->undo_marker, 0);
	ck_assert_uint_eq(tp->snd_cwnd, 10);
	ck_assert_uint_eq(tp->snd_ssthresh, TCP_INFINITE_SSTHRESH);
	ck_assert(tp->rx_opt.sack_ok & TCP_DSACK_SEEN);
	ck_assert_uint_eq(t.net->mib[LINUX_MIB_TCPDSACKUNDO], 1);
	/* Reno has no undo_cwnd: tcp_undo_cwr takes max(cwnd, 2 * ssthresh) */
	ck_assert_int_eq(FX_FIND(&t.rec, 0, "student", bictcp_undo_cwnd) >= 0,
			 inet_csk(sk)->icsk_ca_ops == &cubictcp);
	rc_close(&t);
}

/* Reno: ssthresh max(10 / 2, 2) = 5; the undo's cwnd max(5, 2 * 5). */
START_TEST(test_undo_dsack)
{
	rc_undo_dsack(RC_OPEN("+.1"), 5);
}
END_TEST

/*
 * CUBIC, as recovery calls it: bictcp_recalc_ssthresh on entering
 * Recovery, 10 * 717 / 1024 = 7 (loss_cwnd 10 kept); the undo asks
 * bictcp_undo_cwnd, max(cwnd 7, loss_cwnd 10) = 10.
 */
START_TEST(test_undo_cubic)
{
	rc_undo_dsack(RC_OPEN_CC("cubic", "+.1"), 7);
}
END_TEST

/*
 * After an RTO nothing retransmitted before (the probe does not count):
 * undo_marker = snd_una, F-RTO on; once the timeout retransmits,
 * undo_retrans 1 and retrans_stamp is that retransmission's time.
 */
START_TEST(test_undo_after_rto)
{
	struct rc t;
	struct sock *sk;
	struct tcp_sock *tp;

	rc_open(&t, RC_OPEN("+.1")
		"+0  write(4, ..., 1000) = 1000\n"
		"+0  > P. 1:1001(1000) ack 1\n"
		"+.3 > P. 1:1001(1000) ack 1\n"
		"+.3 > P. 1:1001(1000) ack 1\n"
		"+.1 < . 1:1(0) ack 1001 win 257\n");
	rc_until(&t, RC_OPEN_LINES + 3);
	sk = rc_sock(&t);
	tp = tcp_sk(sk);
	ck_assert_uint_eq(tp->tlp_high_seq, tp->snd_nxt);	/* the probe */
	ck_assert_uint_eq(tp->retrans_stamp, 0);
	rc_until(&t, RC_OPEN_LINES + 4);
	ck_assert_uint_eq(inet_csk(sk)->icsk_ca_state, TCP_CA_Loss);
	ck_assert_uint_eq(tp->tlp_high_seq, 0);
	ck_assert_uint_eq(tp->undo_marker, tp->snd_una);
	ck_assert_int_eq(tp->undo_retrans, 1);
	ck_assert_uint_eq(tp->frto, 1);
	ck_assert_uint_eq(tp->retrans_stamp, tcp_time_stamp(sk));
	ck_assert_uint_eq(tp->prior_ssthresh, TCP_INFINITE_SSTHRESH);
	rc_close(&t);
}
END_TEST

Suite *tcp_recovery_suite(void);

Suite *
tcp_recovery_suite(void)
{
	Suite *s = suite_create("tcp_recovery");

	fixture_add_tcase(s, "scoreboard", NULL, NULL, 30, (const TTest *const []){
		test_scoreboard_marks,
		test_scoreboard_rfc3517,
		NULL,
	});
	fixture_add_tcase(s, "prr", NULL, NULL, 30, (const TTest *const []){
		test_prr_sndcnt,
		test_prr_below_ssthresh,
		NULL,
	});
	fixture_add_tcase(s, "timers", NULL, NULL, 30, (const TTest *const []){
		test_tlp_timeout,
		test_tlp_not_armed,
		test_er_delay,
		NULL,
	});
	fixture_add_tcase(s, "undo", NULL, NULL, 30, (const TTest *const []){
		test_undo_dsack,
		test_undo_cubic,
		test_undo_after_rto,
		NULL,
	});
	return s;
}
