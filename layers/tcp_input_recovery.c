/*
 * layers/tcp_input_recovery.c - loss recovery: what TCP does when ACKs
 * say a segment is missing, as Linux 3.10 does it by default.
 *
 * Mirrors the recovery half of net/ipv4/tcp_input.c (Linux 3.10.108),
 * which keeps it with the rest of TCP's receive side (layers/
 * tcp_input_priv.h says how netstep's three parts meet).  The congestion
 * state, icsk_ca_state, is one of
 *
 *	Open      nothing dubious
 *	Disorder  SACKs or duplicate ACKs seen, not (yet) taken for a loss
 *	CWR       cwnd is being reduced for local congestion (a qdisc drop)
 *	Recovery  fast retransmit: a loss was found from SACKs / dupACKs
 *	Loss      the RTO fired (or the peer reneged on its SACKs)
 *
 * and tcp_ack calls tcp_fastretrans_alert for every ACK outside Open and
 * every "dubious" one (a duplicate, a SACK):
 *
 *   tcp_check_sack_reneging -> tcp_enter_loss
 *   leave CWR/Recovery once high_seq is acked: tcp_try_undo_recovery,
 *     tcp_end_cwnd_reduction (cwnd = ssthresh)
 *   Recovery: tcp_try_undo_partial on a partial ACK
 *   Loss:     tcp_process_loss (F-RTO [RFC 5682], tcp_try_undo_loss)
 *   Open/Disorder: tcp_try_undo_dsack, then tcp_time_to_recover: three
 *     segments SACKed above a hole (FACK: fackets_out > reordering),
 *     three duplicate ACKs (Reno), or early retransmit [RFC 5827] for a
 *     short flight (after a quarter RTT: tcp_pause_early_retransmit)
 *     -> tcp_enter_recovery (TCPSackRecovery or TCPRenoRecovery)
 *   tcp_update_scoreboard -> tcp_mark_head_lost: L marks
 *   tcp_cwnd_reduction: proportional rate reduction (PRR [RFC 6937]):
 *     cwnd follows what is delivered down to ssthresh, not at once
 *   tcp_xmit_retransmit_queue (layers/tcp_output.c): resend the L skbs
 *
 * Undo: a reduction turns out unneeded when the D-SACKs cover every
 * retransmission (undo_retrans reaches 0) or when the ACK echoes a
 * timestamp older than the first retransmission (tcp_packet_delayed):
 * cwnd and ssthresh go back (tcp_undo_cwr).  Tail loss probes: the ACKs
 * of a probe's retransmission (tcp_process_tlp_ack) tell whether it
 * repaired a loss, and then cwnd is reduced once (TCPLossProbeRecovery).
 *
 * Read before: layers/tcp_input_sack.c.  Read after: layers/tcp_output.c
 * (tcp_xmit_retransmit_queue, tcp_schedule_loss_probe), layers/tcp_timer.c.
 *
 * KERNEL: no ECN (FLAG_ECE is never set), no MTU probing, no thin-stream
 * rules; the congestion module's cwnd_event hook (CA_EVENT_LOSS,
 * CA_EVENT_COMPLETE_CWR) is not called: Reno has none.
 */
#include "layers/tcp_input_priv.h"
#include "events/tcp.h"

static const char KSRC[] = "net/ipv4/tcp_input.c";

/* The TCP_CA_* names, as tcp_ca_state_name would print them. */
const char *
sim_tcp_ca_state_name(u32 state)
{
	static const char *const names[] = {
		[TCP_CA_Open] = "Open",
		[TCP_CA_Disorder] = "Disorder",
		[TCP_CA_CWR] = "CWR",
		[TCP_CA_Recovery] = "Recovery",
		[TCP_CA_Loss] = "Loss",
	};

	return state < ARRAY_SIZE(names) ? names[state] : NULL;
}

/* tcp_set_ca_state (include/net/tcp.h): the module hears it first. */
void
tcp_set_ca_state(struct sock *sk, const u8 ca_state)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	trace_tcp_set_ca_state(sk, ca_state);
	if (icsk->icsk_ca_ops->set_state)
		icsk->icsk_ca_ops->set_state(sk, ca_state);
	icsk->icsk_ca_state = ca_state;
}

/* Forget the L and R marks' counts (and the undo). */
static void
tcp_clear_retrans_partial(struct tcp_sock *tp)
{
	tp->retrans_out = 0;
	tp->lost_out = 0;
	tp->undo_marker = 0;
	tp->undo_retrans = -1;
}

/* tcp_clear_retrans - the scoreboard's counts back to nothing. */
void
tcp_clear_retrans(struct tcp_sock *tp)
{
	tcp_clear_retrans_partial(tp);
	tp->fackets_out = 0;
	tp->sacked_out = 0;
}

/**
 * tcp_enter_loss - the RTO fired (or the peer reneged): every segment
 * not SACKed is L, cwnd 1; ssthresh is halved unless this episode
 * halved it already
 * @how: 1 forgets the SACK marks too (after reneging)
 *
 * undo_marker stays set only if nothing was retransmitted before: a
 * spurious timeout can still be undone (timestamps, F-RTO).
 */
void
tcp_enter_loss(struct sock *sk, int how)
{
	const struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	struct inet_hashinfo *h = sock_net(sk)->tcp_hashinfo;
	bool new_recovery = false;
	struct sk_buff *skb;

	trace_tcp_enter_loss(sk, how);
	if (icsk->icsk_ca_state <= TCP_CA_Disorder || !after(tp->high_seq, tp->snd_una) ||
	    (icsk->icsk_ca_state == TCP_CA_Loss && !icsk->icsk_retransmits)) {
		new_recovery = true;
		tp->prior_ssthresh = tcp_current_ssthresh(sk);
		tp->snd_ssthresh = icsk->icsk_ca_ops->ssthresh(sk);
	}
	tp->snd_cwnd = 1;
	tp->snd_cwnd_cnt = 0;
	tcp_clear_retrans_partial(tp);
	if (tcp_is_reno(tp))
		tcp_reset_reno_sack(tp);
	tp->undo_marker = tp->snd_una;
	if (how) {
		tp->sacked_out = 0;
		tp->fackets_out = 0;
	}
	skb_queue_walk(&sk->sk_write_queue, skb) {
		if (skb == tcp_send_head(sk))
			break;
		if (TCP_SKB_CB(skb)->sacked & TCPCB_RETRANS)
			tp->undo_marker = 0;
		TCP_SKB_CB(skb)->sacked &= (~TCPCB_TAGBITS) | TCPCB_SACKED_ACKED;
		if (!(TCP_SKB_CB(skb)->sacked & TCPCB_SACKED_ACKED) || how) {
			TCP_SKB_CB(skb)->sacked &= ~TCPCB_SACKED_ACKED;
			TCP_SKB_CB(skb)->sacked |= TCPCB_LOST;
			tp->lost_out += tcp_skb_pcount(skb);
			tp->retransmit_high = TCP_SKB_CB(skb)->end_seq;
		}
	}
	tp->reordering = min_t(unsigned int, tp->reordering, h->sysctl_tcp_reordering);
	tcp_set_ca_state(sk, TCP_CA_Loss);
	tp->high_seq = tp->snd_nxt;
	/* F-RTO [RFC 5682 3.1 step 1]: only for a new episode, or for
	 * timeouts repeating on the same snd_una (3.2). */
	tp->frto = h->sysctl_tcp_frto && (new_recovery || icsk->icsk_retransmits);
}

/*
 * tcp_check_sack_reneging - snd_una reached a segment the peer had
 * SACKed: its receiver threw away data it said it had.  Start over as
 * after an RTO, forgetting every SACK.  true if so.
 */
static bool
tcp_check_sack_reneging(struct sock *sk, int flag)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	if (!(flag & FLAG_SACK_RENEGING))
		return false;
	trace_tcp_sack_reneging(sk);
	NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPSACKRENEGING);
	tcp_enter_loss(sk, 1);
	icsk->icsk_retransmits++;
	tcp_retransmit_skb(sk, tcp_write_queue_head(sk));
	inet_csk_reset_xmit_timer(sk, ICSK_TIME_RETRANS, icsk->icsk_rto, TCP_RTO_MAX);
	return true;
}

/* How far forward the receiver has acknowledged, in segments: FACK's
 * fackets_out, or Reno's duplicate ACKs + 1. */
static int
tcp_fackets_out(const struct tcp_sock *tp)
{
	return tcp_is_reno(tp) ? tp->sacked_out + 1 : tp->fackets_out;
}

/* The duplicate-ACK count a loss is declared on: fackets_out with FACK,
 * else every SACKed segment (RFC 3517) or duplicate ACK (Reno), + 1. */
static int
tcp_dupack_heuristics(const struct tcp_sock *tp)
{
	return tcp_is_fack(tp) ? tp->fackets_out : tp->sacked_out + 1;
}

/*
 * tcp_pause_early_retransmit - do not fast-retransmit a short flight at
 * once: wait max(srtt/4, 2 ms) on the ICSK_TIME_EARLY_RETRANS timer
 * (tcp_early_retrans 2 or 3; not when the RTO comes first or there is no
 * RTT yet).  true: the timer was armed.
 */
static bool
tcp_pause_early_retransmit(struct sock *sk, int flag)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int er = sock_net(sk)->tcp_hashinfo->sysctl_tcp_early_retrans;
	unsigned long delay;

	trace_tcp_pause_early_retransmit(sk);
	if (er < 2 || er > 3 || (flag & FLAG_ECE) || !tp->srtt)
		return false;
	delay = max_t(unsigned long, tp->srtt >> 5, 2 * HZ / 1000);
	if (!time_after(inet_csk(sk)->icsk_timeout, sim_host_jiffies(sock_net(sk)) + delay))
		return false;
	inet_csk_reset_xmit_timer(sk, ICSK_TIME_EARLY_RETRANS, delay, TCP_RTO_MAX);
	return true;
}

/* tcp_skb_timedout: sent longer than an RTO ago. */
static bool
tcp_skb_timedout(const struct sock *sk, const struct sk_buff *skb)
{
	return tcp_time_stamp(sk) - TCP_SKB_CB(skb)->when > inet_csk(sk)->icsk_rto;
}

static bool
tcp_head_timedout(const struct sock *sk)
{
	return tcp_sk(sk)->packets_out && tcp_skb_timedout(sk, tcp_write_queue_head(sk));
}

/**
 * tcp_time_to_recover - in Open or Disorder: is this a loss yet, to be
 * repaired in Recovery with a reduced cwnd, or may reordering explain it?
 *
 * Yes when something is marked lost; when more than reordering (3)
 * segments were SACKed beyond the hole (FACK) or counted by duplicate
 * ACKs; when the head waited an RTO (FACK); when the flight is too short
 * for three duplicate ACKs and nothing new can be sent (half of it
 * SACKed, or early retransmit: one fewer SACKed than in flight, after
 * its delay).
 */
static bool
tcp_time_to_recover(struct sock *sk, int flag)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 packets_out = tp->packets_out;

	trace_tcp_time_to_recover(sk, tcp_dupack_heuristics(tp));
	if (tp->lost_out)
		return true;
	if (tcp_dupack_heuristics(tp) > tp->reordering)
		return true;
	if (tcp_is_fack(tp) && tcp_head_timedout(sk))
		return true;
	/* Limited by the receiver's window or the application. */
	if (packets_out <= tp->reordering &&
	    tp->sacked_out >= max_t(u32, packets_out / 2,
				    (u32)sock_net(sk)->tcp_hashinfo->sysctl_tcp_reordering) &&
	    !tcp_may_send_now(sk))
		return true;
	/* KERNEL: the thin-stream rule (tcp_thin_dupack) is not modelled. */
	/* Early retransmit [RFC 5827], delayed as its Mitigation A.3 says. */
	if (tp->do_early_retrans && !tp->retrans_out && tp->sacked_out &&
	    (tp->packets_out >= tp->sacked_out + 1 && tp->packets_out < 4) && !tcp_may_send_now(sk))
		return !tcp_pause_early_retransmit(sk, flag);
	return false;
}

/* tcp_timeout_skbs - FACK: every skb sent more than an RTO ago is L. */
static void
tcp_timeout_skbs(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb;

	if (!tcp_is_fack(tp) || !tcp_head_timedout(sk))
		return;
	skb_queue_walk(&sk->sk_write_queue, skb) {
		if (skb == tcp_send_head(sk) || !tcp_skb_timedout(sk, skb))
			break;
		tcp_skb_mark_lost(tp, skb);
	}
}

/**
 * tcp_mark_head_lost - mark L from the head of the write queue
 * @packets: FACK and Reno: the first @packets segments are lost (a GSO
 *	skb is cut at the count); RFC 3517 SACK (tcp_fack=0): mark until
 *	@packets SACKed segments were passed
 * @mark_head: only the head
 *
 * Up to snd_nxt with SACK (what was sent in recovery too), to high_seq
 * with Reno.
 */
static void
tcp_mark_head_lost(struct sock *sk, int packets, int mark_head)
{
	struct tcp_sock *tp = tcp_sk(sk);
	const u32 loss_high = tcp_is_sack(tp) ? tp->snd_nxt : tp->high_seq;
	int cnt = 0, oldcnt, err;
	unsigned int mss;
	struct sk_buff *skb;

	trace_tcp_mark_head_lost(sk, packets, mark_head);
	skb_queue_walk(&sk->sk_write_queue, skb) {
		if (skb == tcp_send_head(sk))
			break;
		if (after(TCP_SKB_CB(skb)->end_seq, loss_high))
			break;
		oldcnt = cnt;
		if (tcp_is_fack(tp) || tcp_is_reno(tp) ||
		    (TCP_SKB_CB(skb)->sacked & TCPCB_SACKED_ACKED))
			cnt += tcp_skb_pcount(skb);
		if (cnt > packets) {
			if ((tcp_is_sack(tp) && !tcp_is_fack(tp)) ||
			    (TCP_SKB_CB(skb)->sacked & TCPCB_SACKED_ACKED) || oldcnt >= packets)
				break;
			/* Only the first segments of this GSO skb are lost. */
			mss = skb_shinfo(skb)->gso_size;
			err = tcp_fragment(sk, skb, (packets - oldcnt) * mss, mss);
			if (err < 0)
				break;
			cnt = packets;
		}
		tcp_skb_mark_lost(tp, skb);
		if (mark_head)
			break;
	}
}

/**
 * tcp_update_scoreboard - newly detected losses: with FACK every hole up
 * to fackets_out - reordering segments from the head (at least the
 * head); RFC 3517 SACK: holes with reordering SACKed segments above them;
 * Reno: the head
 * @fast_rexmit: recovery just started (RFC 3517 marks the head then)
 */
static void
tcp_update_scoreboard(struct sock *sk, int fast_rexmit)
{
	struct tcp_sock *tp = tcp_sk(sk);

	trace_tcp_update_scoreboard(sk, fast_rexmit);
	if (tcp_is_reno(tp)) {
		tcp_mark_head_lost(sk, 1, 1);
	} else if (tcp_is_fack(tp)) {
		int lost = tp->fackets_out - tp->reordering;

		if (lost <= 0)
			lost = 1;
		tcp_mark_head_lost(sk, lost, 0);
	} else {
		int sacked_upto = tp->sacked_out - tp->reordering;

		if (sacked_upto >= 0)
			tcp_mark_head_lost(sk, sacked_upto, 0);
		else if (fast_rexmit)
			tcp_mark_head_lost(sk, 1, 1);
	}
	tcp_timeout_skbs(sk);
}

/* tcp_moderate_cwnd - after a dubious ACK, no burst of more than
 * reordering segments. */
static void
tcp_moderate_cwnd(struct tcp_sock *tp)
{
	tp->snd_cwnd = min_t(u32, tp->snd_cwnd, tcp_packets_in_flight(tp) + tcp_max_burst(tp));
}

/* Nothing was retransmitted, or the ACK echoes a timestamp older than
 * the first retransmission: the original got through [RFC 3522]. */
static bool
tcp_packet_delayed(const struct tcp_sock *tp)
{
	return !tp->retrans_stamp ||
	       (tp->rx_opt.saw_tstamp && tp->rx_opt.rcv_tsecr &&
		before(tp->rx_opt.rcv_tsecr, tp->retrans_stamp));
}

/**
 * tcp_undo_cwr - the reduction was not needed: cwnd back to what the
 * module says (Reno: at least twice ssthresh, the window before the
 * halving) and, with @undo_ssthresh, ssthresh back to prior_ssthresh
 */
static void
tcp_undo_cwr(struct sock *sk, const bool undo_ssthresh)
{
	struct tcp_sock *tp = tcp_sk(sk);

	trace_tcp_undo_cwr(sk);
	if (tp->prior_ssthresh) {
		const struct inet_connection_sock *icsk = inet_csk(sk);

		if (icsk->icsk_ca_ops->undo_cwnd)
			tp->snd_cwnd = icsk->icsk_ca_ops->undo_cwnd(sk);
		else
			tp->snd_cwnd = max_t(u32, tp->snd_cwnd, tp->snd_ssthresh << 1);
		if (undo_ssthresh && tp->prior_ssthresh > tp->snd_ssthresh)
			tp->snd_ssthresh = tp->prior_ssthresh;
	} else {
		tp->snd_cwnd = max_t(u32, tp->snd_cwnd, tp->snd_ssthresh);
	}
}

/* An undo is possible: every retransmission was D-SACKed, or the
 * originals arrived (tcp_packet_delayed). */
static bool
tcp_may_undo(const struct tcp_sock *tp)
{
	return tp->undo_marker && (!tp->undo_retrans || tcp_packet_delayed(tp));
}

/**
 * tcp_try_undo_recovery - Recovery or Loss ends (high_seq acked): undo
 * it if it was spurious (TCPFullUndo; TCPLossUndo in Loss), and go back
 * to Open.  Reno stays until something above high_seq is acked, lest the
 * duplicate ACKs of the retransmissions start a false fast retransmit
 * [RFC 6582]: true then.
 */
static bool
tcp_try_undo_recovery(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	trace_tcp_try_undo_recovery(sk);
	if (tcp_may_undo(tp)) {
		tcp_undo_cwr(sk, true);
		NET_INC_STATS(sock_net(sk), inet_csk(sk)->icsk_ca_state == TCP_CA_Loss ?
				LINUX_MIB_TCPLOSSUNDO : LINUX_MIB_TCPFULLUNDO);
		tp->undo_marker = 0;
	}
	if (tp->snd_una == tp->high_seq && tcp_is_reno(tp)) {
		tcp_moderate_cwnd(tp);
		return true;
	}
	tcp_set_ca_state(sk, TCP_CA_Open);
	return false;
}

/* tcp_try_undo_dsack - D-SACKs covered every retransmission: undo. */
static void
tcp_try_undo_dsack(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	trace_tcp_try_undo_dsack(sk);
	if (tp->undo_marker && !tp->undo_retrans) {
		tcp_undo_cwr(sk, true);
		tp->undo_marker = 0;
		NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPDSACKUNDO);
	}
}

/*
 * tcp_any_retrans_done - is a retransmission out (or the head ever
 * retransmitted)?  Until none is, retrans_stamp must stay: it times how
 * long the connection has been retransmitting.
 */
static bool
tcp_any_retrans_done(const struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb;

	if (tp->retrans_out)
		return true;
	skb = tcp_write_queue_head(sk);
	return skb && (TCP_SKB_CB(skb)->sacked & TCPCB_EVER_RETRANS);
}

/**
 * tcp_try_undo_partial - a partial ACK in Recovery: if it acknowledges
 * originals (the hole was reordering, not loss), undo cwnd (not
 * ssthresh; TCPPartialUndo) and learn the reordering from timestamps
 *
 * Returns whether to mark more lost now (Reno, or FACK beyond
 * reordering, unless it was an undo).
 */
static int
tcp_try_undo_partial(struct sock *sk, int acked)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int failed = tcp_is_reno(tp) || tcp_fackets_out(tp) > tp->reordering;

	trace_tcp_try_undo_partial(sk);
	if (tcp_may_undo(tp)) {
		if (!tcp_any_retrans_done(sk))
			tp->retrans_stamp = 0;
		tcp_update_reordering(sk, tcp_fackets_out(tp) + acked, 1);
		tcp_undo_cwr(sk, false);
		NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPPARTIALUNDO);
		/* The rest was probably delayed too: no retransmission yet. */
		failed = 0;
	}
	return failed;
}

/**
 * tcp_try_undo_loss - in Loss: the timeout was spurious (F-RTO saw
 * originals acked: @frto_undo, TCPSpuriousRTOs; or tcp_may_undo): no
 * segment is lost after all, cwnd and ssthresh come back (TCPLossUndo)
 * and, with SACK, the state is Open again.  true if undone.
 */
static bool
tcp_try_undo_loss(struct sock *sk, bool frto_undo)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb;

	trace_tcp_try_undo_loss(sk);
	if (!frto_undo && !tcp_may_undo(tp))
		return false;
	skb_queue_walk(&sk->sk_write_queue, skb) {
		if (skb == tcp_send_head(sk))
			break;
		TCP_SKB_CB(skb)->sacked &= ~TCPCB_LOST;
	}
	tp->lost_out = 0;
	tcp_undo_cwr(sk, true);
	NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPLOSSUNDO);
	if (frto_undo)
		NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPSPURIOUSRTOS);
	inet_csk(sk)->icsk_retransmits = 0;
	tp->undo_marker = 0;
	if (frto_undo || tcp_is_sack(tp))
		tcp_set_ca_state(sk, TCP_CA_Open);
	return true;
}

/**
 * tcp_init_cwnd_reduction - a reduction (PRR) starts: remember cwnd
 * (prior_cwnd), count delivered and sent segments from zero, and with
 * @set_ssthresh let the module pick the new ssthresh (Reno: half)
 */
static void
tcp_init_cwnd_reduction(struct sock *sk, const bool set_ssthresh)
{
	struct tcp_sock *tp = tcp_sk(sk);

	trace_tcp_init_cwnd_reduction(sk, set_ssthresh);
	tp->high_seq = tp->snd_nxt;
	tp->tlp_high_seq = 0;
	tp->snd_cwnd_cnt = 0;
	tp->prior_cwnd = tp->snd_cwnd;
	tp->prr_delivered = 0;
	tp->prr_out = 0;
	if (set_ssthresh)
		tp->snd_ssthresh = inet_csk(sk)->icsk_ca_ops->ssthresh(sk);
}

/**
 * tcp_cwnd_reduction - proportional rate reduction [RFC 6937] on one ACK
 * that delivered @newly_acked_sacked segments
 *
 * While more than ssthresh is in flight, send ssthresh/prior_cwnd of
 * what was delivered (rounded up): over one RTT cwnd comes down to
 * ssthresh smoothly, where Reno halved it at once and then stalled.
 * Below ssthresh (heavy losses), grow back towards it, at most one
 * segment more than delivered (a slow start).  A fast retransmit always
 * gets one.  cwnd = in_flight + sndcnt.
 */
static void
tcp_cwnd_reduction(struct sock *sk, int newly_acked_sacked, int fast_rexmit)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int delta = tp->snd_ssthresh - tcp_packets_in_flight(tp);
	int sndcnt;

	trace_tcp_cwnd_reduction(sk, newly_acked_sacked, fast_rexmit);
	tp->prr_delivered += newly_acked_sacked;
	if (tcp_packets_in_flight(tp) > tp->snd_ssthresh) {
		u64 dividend = (u64)tp->snd_ssthresh * tp->prr_delivered + tp->prior_cwnd - 1;

		sndcnt = (int)(dividend / tp->prior_cwnd) - tp->prr_out;
	} else {
		sndcnt = min_t(int, delta,
			       max_t(int, tp->prr_delivered - tp->prr_out, newly_acked_sacked) + 1);
	}
	sndcnt = max_t(int, sndcnt, fast_rexmit ? 1 : 0);
	tp->snd_cwnd = tcp_packets_in_flight(tp) + sndcnt;
	trace_tcp_prr_sndcnt(sk, sndcnt);
}

/* tcp_end_cwnd_reduction - CWR or Recovery is over: cwnd = ssthresh,
 * unless the reduction was undone. */
static void
tcp_end_cwnd_reduction(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	trace_tcp_end_cwnd_reduction(sk);
	if (tp->snd_ssthresh < TCP_INFINITE_SSTHRESH &&
	    (inet_csk(sk)->icsk_ca_state == TCP_CA_CWR || tp->undo_marker))
		tp->snd_cwnd = tp->snd_ssthresh;
}

/**
 * tcp_enter_cwr - congestion that is not a loss (3.10: a local qdisc
 * drop, tcp_transmit_skb): reduce cwnd with PRR in the CWR state, no
 * undo possible
 */
void
tcp_enter_cwr(struct sock *sk, const int set_ssthresh)
{
	struct tcp_sock *tp = tcp_sk(sk);

	trace_tcp_enter_cwr(sk, set_ssthresh);
	tp->prior_ssthresh = 0;
	if (inet_csk(sk)->icsk_ca_state < TCP_CA_CWR) {
		tp->undo_marker = 0;
		tcp_init_cwnd_reduction(sk, set_ssthresh);
		tcp_set_ca_state(sk, TCP_CA_CWR);
	}
}

/* tcp_try_keep_open - Open, or Disorder while anything is S, L or R. */
static void
tcp_try_keep_open(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int state = TCP_CA_Open;

	if (tcp_left_out(tp) || tcp_any_retrans_done(sk))
		state = TCP_CA_Disorder;
	if (inet_csk(sk)->icsk_ca_state != state) {
		tcp_set_ca_state(sk, state);
		tp->high_seq = tp->snd_nxt;
	}
}

/* tcp_try_to_open - not a loss (yet): stay Open or Disorder, no burst;
 * in CWR go on reducing. */
static void
tcp_try_to_open(struct sock *sk, int flag, int newly_acked_sacked)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (!tcp_any_retrans_done(sk))
		tp->retrans_stamp = 0;
	if (flag & FLAG_ECE)
		tcp_enter_cwr(sk, 1);
	if (inet_csk(sk)->icsk_ca_state != TCP_CA_CWR) {
		tcp_try_keep_open(sk);
		if (inet_csk(sk)->icsk_ca_state != TCP_CA_Open)
			tcp_moderate_cwnd(tp);
	} else {
		tcp_cwnd_reduction(sk, newly_acked_sacked, 0);
	}
}

/**
 * tcp_simple_retransmit - the MSS shrank (PMTU): every sent segment that
 * no longer fits (and is not SACKed) is lost; resend them now, cut to the
 * new MSS, in the Loss state but without touching cwnd: no more data is
 * in flight, only in smaller units
 */
void
tcp_simple_retransmit(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct inet_connection_sock *icsk = inet_csk(sk);
	unsigned int mss = tcp_current_mss(sk);
	u32 prior_lost = tp->lost_out;
	struct sk_buff *skb;

	trace_tcp_simple_retransmit(sk, mss);
	skb_queue_walk(&sk->sk_write_queue, skb) {
		if (skb == tcp_send_head(sk))
			break;
		if ((unsigned int)tcp_skb_seglen(skb) <= mss ||
		    (TCP_SKB_CB(skb)->sacked & TCPCB_SACKED_ACKED))
			continue;
		if (TCP_SKB_CB(skb)->sacked & TCPCB_SACKED_RETRANS) {
			TCP_SKB_CB(skb)->sacked &= ~TCPCB_SACKED_RETRANS;
			tp->retrans_out -= tcp_skb_pcount(skb);
		}
		tcp_skb_mark_lost_uncond_verify(tp, skb);
	}
	if (prior_lost == tp->lost_out)
		return;
	if (tcp_is_reno(tp))
		tcp_limit_reno_sacked(tp);
	if (icsk->icsk_ca_state != TCP_CA_Loss) {
		tp->high_seq = tp->snd_nxt;
		tp->snd_ssthresh = tcp_current_ssthresh(sk);
		tp->prior_ssthresh = 0;
		tp->undo_marker = 0;
		tcp_set_ca_state(sk, TCP_CA_Loss);
	}
	tcp_xmit_retransmit_queue(sk);
}

/**
 * tcp_enter_recovery - fast retransmit begins: TCPSackRecovery (or
 * TCPRenoRecovery); what is retransmitted from now on may be undone
 * (undo_marker = snd_una); PRR starts with ssthresh from the module
 */
static void
tcp_enter_recovery(struct sock *sk, bool ece_ack)
{
	struct tcp_sock *tp = tcp_sk(sk);

	trace_tcp_enter_recovery(sk);
	NET_INC_STATS(sock_net(sk), tcp_is_reno(tp) ? LINUX_MIB_TCPRENORECOVERY :
						      LINUX_MIB_TCPSACKRECOVERY);
	tp->prior_ssthresh = 0;
	tp->undo_marker = tp->snd_una;
	tp->undo_retrans = tp->retrans_out ? (int)tp->retrans_out : -1;
	if (inet_csk(sk)->icsk_ca_state < TCP_CA_CWR) {
		if (!ece_ack)
			tp->prior_ssthresh = tcp_current_ssthresh(sk);
		tcp_init_cwnd_reduction(sk, true);
	}
	tcp_set_ca_state(sk, TCP_CA_Recovery);
}

/**
 * tcp_process_loss - an ACK in Loss (after an RTO)
 *
 * F-RTO [RFC 5682, its SACK version]: the first ACK after the timeout
 * that advances snd_una lets two new segments go instead of more
 * retransmissions; if the next ACKs acknowledge originals that were
 * never retransmitted, the timeout was spurious: undo.  A duplicate ACK
 * or a SACK after new data went out means the loss was real: go on as
 * a plain Loss.  Loss ends when high_seq is acked; until then the L
 * skbs go out as cwnd (slow start from 1) allows.
 */
static void
tcp_process_loss(struct sock *sk, int flag, bool is_dupack)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	bool recovered = !before(tp->snd_una, tp->high_seq);

	trace_tcp_process_loss(sk, flag, is_dupack);
	if (tp->frto) {
		/* Step 3.b: never-retransmitted data (s)acked: spurious. */
		if (tcp_try_undo_loss(sk, flag & FLAG_ORIG_SACK_ACKED))
			return;
		if (after(tp->snd_nxt, tp->high_seq) && (flag & FLAG_DATA_SACKED || is_dupack)) {
			tp->frto = 0;	/* step 3.a: the loss was real */
		} else if (flag & FLAG_SND_UNA_ADVANCED && !recovered) {
			/* Step 2.b: send new data, see what its ACKs say. */
			tp->high_seq = tp->snd_nxt;
			__tcp_push_pending_frames(sk, tcp_current_mss(sk), TCP_NAGLE_OFF);
			if (after(tp->snd_nxt, tp->high_seq))
				return;
			tp->frto = 0;
		}
	}
	if (recovered) {
		/* Step 2.a / the first part of 3.a. */
		icsk->icsk_retransmits = 0;
		tcp_try_undo_recovery(sk);
		return;
	}
	if (flag & FLAG_DATA_ACKED)
		icsk->icsk_retransmits = 0;
	if (tcp_is_reno(tp)) {
		/* A Reno duplicate ACK after step 2.b's new data: it arrived. */
		if (after(tp->snd_nxt, tp->high_seq) && is_dupack)
			tcp_add_reno_sack(sk);
		else if (flag & FLAG_SND_UNA_ADVANCED)
			tcp_reset_reno_sack(tp);
	}
	if (tcp_try_undo_loss(sk, false))
		return;
	tcp_xmit_retransmit_queue(sk);
}

/**
 * tcp_fastretrans_alert - the congestion state machine, for an ACK that
 * is dubious or comes outside Open
 * @pkts_acked: segments it acknowledged; @prior_sacked, @prior_packets:
 *	sacked_out and packets_out before it
 *
 * Decides the state, marks losses (tcp_update_scoreboard), sets cwnd
 * (PRR) and retransmits what is marked lost.  What new data may go is
 * tcp_write_xmit's business afterwards.
 */
void
tcp_fastretrans_alert(struct sock *sk, int pkts_acked, int prior_sacked, int prior_packets,
		      bool is_dupack, int flag)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	int do_lost = is_dupack || ((flag & FLAG_DATA_SACKED) && tcp_fackets_out(tp) > tp->reordering);
	int newly_acked_sacked = 0;
	int fast_rexmit = 0;

	trace_tcp_fastretrans_alert(sk, pkts_acked, is_dupack, flag);
	if (!tp->packets_out && tp->sacked_out)
		tp->sacked_out = 0;
	if (!tp->sacked_out && tp->fackets_out)
		tp->fackets_out = 0;
	/* A. ECE: congestion is proven, no undo (no ECN in netstep). */
	if (flag & FLAG_ECE)
		tp->prior_ssthresh = 0;
	/* B. The peer reneged on its SACKs. */
	if (tcp_check_sack_reneging(sk, flag))
		return;

	/* D. Leaving CWR and Recovery, once high_seq is acked. */
	if (icsk->icsk_ca_state == TCP_CA_Open) {
		tp->retrans_stamp = 0;
	} else if (!before(tp->snd_una, tp->high_seq)) {
		switch (icsk->icsk_ca_state) {
		case TCP_CA_CWR:
			/* Held until above high_seq (for ECN's CWR bit). */
			if (tp->snd_una != tp->high_seq) {
				tcp_end_cwnd_reduction(sk);
				tcp_set_ca_state(sk, TCP_CA_Open);
			}
			break;
		case TCP_CA_Recovery:
			if (tcp_is_reno(tp))
				tcp_reset_reno_sack(tp);
			if (tcp_try_undo_recovery(sk))
				return;
			tcp_end_cwnd_reduction(sk);
			break;
		}
	}

	/* E. The state's own processing. */
	switch (icsk->icsk_ca_state) {
	case TCP_CA_Recovery:
		if (!(flag & FLAG_SND_UNA_ADVANCED)) {
			if (tcp_is_reno(tp) && is_dupack)
				tcp_add_reno_sack(sk);
		} else {
			do_lost = tcp_try_undo_partial(sk, pkts_acked);
		}
		newly_acked_sacked = prior_packets - tp->packets_out + tp->sacked_out - prior_sacked;
		break;
	case TCP_CA_Loss:
		tcp_process_loss(sk, flag, is_dupack);
		if (icsk->icsk_ca_state != TCP_CA_Open)
			return;
		/* Loss undone: on as in Open. */
		/* fall through */
	default:
		if (tcp_is_reno(tp)) {
			if (flag & FLAG_SND_UNA_ADVANCED)
				tcp_reset_reno_sack(tp);
			if (is_dupack)
				tcp_add_reno_sack(sk);
		}
		newly_acked_sacked = prior_packets - tp->packets_out + tp->sacked_out - prior_sacked;
		if (icsk->icsk_ca_state <= TCP_CA_Disorder)
			tcp_try_undo_dsack(sk);
		if (!tcp_time_to_recover(sk, flag)) {
			tcp_try_to_open(sk, flag, newly_acked_sacked);
			return;
		}
		tcp_enter_recovery(sk, flag & FLAG_ECE);
		fast_rexmit = 1;
	}

	if (do_lost || (tcp_is_fack(tp) && tcp_head_timedout(sk)))
		tcp_update_scoreboard(sk, fast_rexmit);
	tcp_cwnd_reduction(sk, newly_acked_sacked, fast_rexmit);
	tcp_xmit_retransmit_queue(sk);
}

/**
 * tcp_resume_early_retransmit - the early-retransmit delay is over and
 * no ACK changed things: enter Recovery and retransmit (the ICSK_TIME_
 * EARLY_RETRANS timer, layers/tcp_timer.c)
 */
void
tcp_resume_early_retransmit(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	trace_tcp_resume_early_retransmit(sk);
	tcp_rearm_rto(sk);
	/* Turned off (reordering seen) while the timer ran. */
	if (!tp->do_early_retrans)
		return;
	tcp_enter_recovery(sk, false);
	tcp_update_scoreboard(sk, 1);
	tcp_xmit_retransmit_queue(sk);
}

/**
 * tcp_process_tlp_ack - an ACK while a loss probe's retransmission is
 * out (tlp_high_seq: snd_nxt then)
 *
 * A duplicate ACK for exactly tlp_high_seq: the probe was the only copy
 * to arrive twice (a D-SACK will say so): nothing was lost.  An ACK
 * beyond it without a D-SACK: the probe repaired a loss, so cwnd is
 * reduced once, as a short CWR episode (TCPLossProbeRecovery).
 */
void
tcp_process_tlp_ack(struct sock *sk, u32 ack, int flag)
{
	struct tcp_sock *tp = tcp_sk(sk);
	bool is_tlp_dupack = ack == tp->tlp_high_seq &&
			     !(flag & (FLAG_SND_UNA_ADVANCED | FLAG_NOT_DUP | FLAG_DATA_SACKED));

	trace_tcp_process_tlp_ack(sk, ack, flag);
	if (is_tlp_dupack) {
		tp->tlp_high_seq = 0;
		return;
	}
	if (after(ack, tp->tlp_high_seq)) {
		tp->tlp_high_seq = 0;
		if (!(flag & FLAG_DSACKING_ACK)) {
			tcp_init_cwnd_reduction(sk, true);
			tcp_set_ca_state(sk, TCP_CA_CWR);
			tcp_end_cwnd_reduction(sk);
			tcp_try_keep_open(sk);
			NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPLOSSPROBERECOVERY);
		}
	}
}
