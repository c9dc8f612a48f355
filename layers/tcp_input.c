/*
 * layers/tcp_input.c - TCP receive: ACKs (which free the write queue),
 * data (in order to the receive queue, out of order to a side queue,
 * with the SACK and D-SACK blocks our ACKs report), the state machine,
 * RTT estimation.
 *
 * Mirrors net/ipv4/tcp_input.c (Linux 3.10.108):
 *
 *   tcp_rcv_established (ESTABLISHED) / tcp_rcv_state_process (others)
 *     -> tcp_validate_incoming (PAWS, sequence window, RST, SYN)
 *     -> tcp_ack -> tcp_ack_update_window, tcp_sacktag_write_queue (the
 *        peer's SACK blocks), tcp_clean_rtx_queue (frees the acked
 *        originals: the last reference to their data, dataref 1 -> 0),
 *        RTT sample, the RTO or loss-probe timer, tcp_cong_avoid or
 *        tcp_fastretrans_alert
 *     -> tcp_data_queue -> sk_receive_queue / tcp_data_queue_ofo,
 *        tcp_ofo_queue, tcp_fin
 *     -> tcp_data_snd_check (send what the ACK allows),
 *        __tcp_ack_snd_check (ACK now or delay it)
 *
 * The SACK scoreboard and loss recovery, the rest of 3.10's file, are in
 * layers/tcp_input_sack.c and layers/tcp_input_recovery.c.
 *
 * Read before: layers/tcp_ipv4.c (tcp_v4_rcv).  Read after:
 * layers/tcp_input_sack.c, layers/tcp_input_recovery.c,
 * layers/tcp_timer.c, layers/tcp_cong.c.
 *
 * Left out: header prediction (every segment takes the slow path, which
 * computes the same result), ECN, urgent data, receive-buffer autotuning,
 * queue collapsing under memory pressure and coalescing of received
 * segments (tcp_try_coalesce), simultaneous open.
 */
#include "layers/tcp_input_priv.h"
#include "layers/route.h"
#include "events/tcp.h"

#include <string.h>

static const char KSRC[] = "net/ipv4/tcp_input.c";

#define TCP_PAWS_WINDOW		1
#define TCP_PAWS_24DAYS		(60 * 60 * 24 * 24)

/**
 * tcp_parse_options - read the options of a received segment
 * @estab: 0 for SYN and SYN-ACK (MSS, window scale, SACK_PERM count
 *	only there), 1 once established
 *
 * Never reads beyond the header: a malformed length ends the walk.
 */
void
tcp_parse_options(const struct sk_buff *skb, struct tcp_options_received *opt_rx, int estab)
{
	const struct tcphdr *th = tcp_hdr(skb);
	const u8 *ptr = (const u8 *)(th + 1);
	int length = th->doff * 4 - (int)sizeof(struct tcphdr);

	opt_rx->saw_tstamp = 0;
	while (length > 0) {
		int opcode = *ptr++;
		int opsize;

		if (opcode == TCPOPT_EOL)
			return;
		if (opcode == TCPOPT_NOP) {
			length--;
			continue;
		}
		if (length < 2)
			return;
		opsize = *ptr++;
		if (opsize < 2 || opsize > length)
			return;	/* silly options / partial option */
		switch (opcode) {
		case TCPOPT_MSS:
			if (opsize == TCPOLEN_MSS && th->syn && !estab) {
				u16 in_mss = (u16)((ptr[0] << 8) | ptr[1]);

				if (in_mss) {
					if (opt_rx->user_mss && opt_rx->user_mss < in_mss)
						in_mss = opt_rx->user_mss;
					opt_rx->mss_clamp = in_mss;
				}
			}
			break;
		case TCPOPT_WINDOW:
			if (opsize == TCPOLEN_WINDOW && th->syn && !estab) {
				opt_rx->wscale_ok = 1;
				opt_rx->snd_wscale = *ptr > TCP_MAX_WSCALE ? TCP_MAX_WSCALE : *ptr;
			}
			break;
		case TCPOPT_TIMESTAMP:
			if (opsize == TCPOLEN_TIMESTAMP &&
			    ((estab && opt_rx->tstamp_ok) || (!estab))) {
				opt_rx->saw_tstamp = 1;
				opt_rx->rcv_tsval = ((u32)ptr[0] << 24) | (ptr[1] << 16) |
						    (ptr[2] << 8) | ptr[3];
				opt_rx->rcv_tsecr = ((u32)ptr[4] << 24) | (ptr[5] << 16) |
						    (ptr[6] << 8) | ptr[7];
			}
			break;
		case TCPOPT_SACK_PERM:
			if (opsize == TCPOLEN_SACK_PERM && th->syn && !estab)
				opt_rx->sack_ok = 1;
			break;
		case TCPOPT_SACK:
			/* Where the blocks are: tcp_sacktag_write_queue reads them. */
			if (opsize >= TCPOLEN_SACK_BASE + TCPOLEN_SACK_PERBLOCK &&
			    !((opsize - TCPOLEN_SACK_BASE) % TCPOLEN_SACK_PERBLOCK) && opt_rx->sack_ok)
				TCP_SKB_CB(skb)->sacked = (u8)((ptr - 2) - (const u8 *)th);
			break;
		}
		ptr += opsize - 2;
		length -= opsize;
	}
}

/* tcp_paws_check: is the segment's timestamp not older than ts_recent? */
static bool
tcp_paws_check(const struct sock *sk, const struct tcp_options_received *rx_opt, int paws_win)
{
	if ((s32)(rx_opt->ts_recent - rx_opt->rcv_tsval) <= paws_win)
		return true;
	if ((long)(sim_host_jiffies(sock_net(sk)) / HZ) >=
	    rx_opt->ts_recent_stamp + TCP_PAWS_24DAYS)
		return true;
	return !rx_opt->ts_recent;
}

static void
tcp_store_ts_recent(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	tp->rx_opt.ts_recent = tp->rx_opt.rcv_tsval;
	tp->rx_opt.ts_recent_stamp = (long)(sim_host_jiffies(sock_net(sk)) / HZ);
}

/* tcp_replace_ts_recent: echo this segment's TSval if it is the one our
 * last window update was for [RFC 1323 3.4]. */
static void
tcp_replace_ts_recent(struct sock *sk, u32 seq)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (tp->rx_opt.saw_tstamp && !after(seq, tp->rcv_wup) &&
	    tcp_paws_check(sk, &tp->rx_opt, 0))
		tcp_store_ts_recent(sk);
}

/**
 * tcp_rtt_estimator - fold one RTT sample (jiffies) into srtt/mdev
 * [RFC 6298 2.3; Jacobson '88, with Linux's mdev_max/rttvar twist]
 *
 * srtt is kept << 3 and mdev << 2; rttvar never falls below TCP_RTO_MIN,
 * so the RTO is at least srtt + 200 ms.
 */
void
tcp_rtt_estimator(struct sock *sk, u32 mrtt)
{
	struct tcp_sock *tp = tcp_sk(sk);
	long m = mrtt;

	trace_tcp_rtt_estimator(sk, mrtt);
	if (m == 0)
		m = 1;
	if (tp->srtt != 0) {
		m -= (tp->srtt >> 3);
		tp->srtt += m;
		if (m < 0) {
			m = -m;
			m -= (tp->mdev >> 2);
			if (m > 0)
				m >>= 3;
		} else {
			m -= (tp->mdev >> 2);
		}
		tp->mdev += m;
		if (tp->mdev > tp->mdev_max) {
			tp->mdev_max = tp->mdev;
			if (tp->mdev_max > tp->rttvar)
				tp->rttvar = tp->mdev_max;
		}
		if (after(tp->snd_una, tp->rtt_seq)) {
			if (tp->mdev_max < tp->rttvar)
				tp->rttvar -= (tp->rttvar - tp->mdev_max) >> 2;
			tp->rtt_seq = tp->snd_nxt;
			tp->mdev_max = TCP_RTO_MIN;
		}
	} else {
		/* First sample [RFC 6298 2.2]. */
		tp->srtt = m << 3;
		tp->mdev = m << 1;
		tp->mdev_max = tp->rttvar = max_t(u32, tp->mdev, TCP_RTO_MIN);
		tp->rtt_seq = tp->snd_nxt;
	}
}

/* tcp_set_rto: RTO = srtt + rttvar, at most TCP_RTO_MAX. */
void
tcp_set_rto(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 rto = (tp->srtt >> 3) + tp->rttvar;

	inet_csk(sk)->icsk_rto = rto > TCP_RTO_MAX ? TCP_RTO_MAX : rto;
	trace_tcp_rto_computed(sk);
}

static void
tcp_valid_rtt_meas(struct sock *sk, u32 seq_rtt)
{
	tcp_rtt_estimator(sk, seq_rtt);
	tcp_set_rto(sk);
	inet_csk(sk)->icsk_backoff = 0;
}

/*
 * tcp_ack_update_rtt: with timestamps the echoed TSval times the exact
 * segment that caused this ACK, retransmitted or not [RFC 1323 4]; without
 * them, a retransmitted segment gives no sample (Karn's rule).
 */
static void
tcp_ack_update_rtt(struct sock *sk, int flag, s32 seq_rtt)
{
	const struct tcp_sock *tp = tcp_sk(sk);

	if (tp->rx_opt.saw_tstamp && tp->rx_opt.rcv_tsecr)
		tcp_valid_rtt_meas(sk, tcp_time_stamp(sk) - tp->rx_opt.rcv_tsecr);
	else if (seq_rtt >= 0 && !(flag & FLAG_RETRANS_DATA_ACKED))
		tcp_valid_rtt_meas(sk, (u32)seq_rtt);
}

/**
 * tcp_rearm_rto - restart the retransmission timer at the RTO (RFC 6298
 * 5.3), or stop it when nothing is in flight
 *
 * If the timer was the early-retransmit or loss-probe one, the RTO it
 * stands in for keeps its deadline: the head's send time + RTO.
 */
void
tcp_rearm_rto(struct sock *sk)
{
	const struct inet_connection_sock *icsk = inet_csk(sk);
	u32 rto = icsk->icsk_rto;

	if (!tcp_sk(sk)->packets_out) {
		inet_csk_clear_xmit_timer(sk, ICSK_TIME_RETRANS);
		return;
	}
	if (icsk->icsk_pending == ICSK_TIME_EARLY_RETRANS ||
	    icsk->icsk_pending == ICSK_TIME_LOSS_PROBE) {
		/* Not positive if that RTO is overdue already. */
		s32 delta = tcp_rto_delta(sk);

		rto = max_t(int, delta, 1);
	}
	inet_csk_reset_xmit_timer(sk, ICSK_TIME_RETRANS, rto, TCP_RTO_MAX);
}

/* tcp_set_xmit_timer: the loss probe if it applies, else the RTO. */
static void
tcp_set_xmit_timer(struct sock *sk)
{
	if (!tcp_schedule_loss_probe(sk))
		tcp_rearm_rto(sk);
}

/*
 * tcp_tso_acked - the ACK covers only the first segments of a GSO skb:
 * trim them off (tcp_trim_head).  Returns how many segments that was
 * (0: none, or no memory to trim).
 */
static u32
tcp_tso_acked(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 packets_acked = tcp_skb_pcount(skb);

	trace_tcp_tso_acked(sk, skb);
	if (tcp_trim_head(sk, skb, tp->snd_una - TCP_SKB_CB(skb)->seq))
		return 0;
	return packets_acked - tcp_skb_pcount(skb);
}

/**
 * tcp_clean_rtx_queue - free the skbs this ACK fully acknowledged
 *
 * They are the originals kept on sk_write_queue since their first
 * transmission; their clones were freed by the driver long ago, so this
 * drops the last reference to the data (dataref 1 -> 0).  Their marks
 * leave the S/L/R counts.  An original acknowledged that was never
 * retransmitted and never SACKed, below segments that were, arrived out
 * of order: reordering.  Returns FLAG_* bits.
 */
static int
tcp_clean_rtx_queue(struct sock *sk, u32 prior_fackets, u32 prior_snd_una)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 now = tcp_time_stamp(sk);
	u32 reord = tp->packets_out;
	s32 seq_rtt = -1, ca_seq_rtt = -1;
	int flag = 0;
	u32 pkts_acked = 0;
	struct sk_buff *skb;

	trace_tcp_clean_rtx_queue(sk, prior_snd_una);
	while ((skb = tcp_write_queue_head(sk)) != NULL && skb != tcp_send_head(sk)) {
		struct tcp_skb_cb *scb = TCP_SKB_CB(skb);
		u8 sacked = scb->sacked;
		u32 acked_pcount;
		bool fully_acked = true;

		if (after(scb->end_seq, tp->snd_una)) {
			/* Partly acked: only a GSO skb has whole segments to drop. */
			if (tcp_skb_pcount(skb) == 1 || !after(tp->snd_una, scb->seq))
				break;
			acked_pcount = tcp_tso_acked(sk, skb);
			if (!acked_pcount)
				break;
			fully_acked = false;
		} else {
			acked_pcount = tcp_skb_pcount(skb);
		}
		if (sacked & TCPCB_RETRANS) {
			if (sacked & TCPCB_SACKED_RETRANS)
				tp->retrans_out -= acked_pcount;
			flag |= FLAG_RETRANS_DATA_ACKED;
			seq_rtt = ca_seq_rtt = -1;
		} else {
			/* seq_rtt: the oldest segment's (RTO); ca_seq_rtt: the newest's */
			ca_seq_rtt = (s32)(now - scb->when);
			if (seq_rtt < 0)
				seq_rtt = ca_seq_rtt;
			if (!(sacked & TCPCB_SACKED_ACKED)) {
				reord = min_t(u32, pkts_acked, reord);
				if (!after(scb->end_seq, tp->high_seq))
					flag |= FLAG_ORIG_SACK_ACKED;
			}
		}
		if (sacked & TCPCB_SACKED_ACKED)
			tp->sacked_out -= acked_pcount;
		if (sacked & TCPCB_LOST)
			tp->lost_out -= acked_pcount;
		tp->packets_out -= acked_pcount;
		pkts_acked += acked_pcount;
		if (!(scb->tcp_flags & TCPHDR_SYN)) {
			flag |= FLAG_DATA_ACKED;
		} else {
			flag |= FLAG_SYN_ACKED;
			tp->retrans_stamp = 0;
		}
		if (!fully_acked)
			break;
		trace_tcp_rtx_skb_freed(sk, skb);
		/* tcp_unlink_write_queue + sk_wmem_free_skb */
		__skb_unlink(skb, &sk->sk_write_queue);
		sk->sk_wmem_queued -= skb->truesize;
		consume_skb(skb);
	}
	/* What snd_una reached was SACKed: the peer dropped data it had. */
	if (skb && (TCP_SKB_CB(skb)->sacked & TCPCB_SACKED_ACKED))
		flag |= FLAG_SACK_RENEGING;
	if (flag & FLAG_ACKED) {
		const struct tcp_congestion_ops *ca_ops = inet_csk(sk)->icsk_ca_ops;

		tcp_ack_update_rtt(sk, flag, seq_rtt);
		flag |= FLAG_SET_XMIT_TIMER;
		if (tcp_is_reno(tp)) {
			tcp_remove_reno_sacks(sk, pkts_acked);
		} else if (reord < prior_fackets) {
			/* A hole filled by a never-retransmitted original. */
			tcp_update_reordering(sk, tp->fackets_out - reord, 0);
		}
		tp->fackets_out -= min_t(u32, pkts_acked, tp->fackets_out);
		/* The algorithm's count and RTT (us): none if a retransmission
		 * was acknowledged, the sample being ambiguous. */
		if (ca_ops->pkts_acked)
			ca_ops->pkts_acked(sk, pkts_acked,
					   flag & FLAG_RETRANS_DATA_ACKED || ca_seq_rtt < 0 ?
					   -1 : ca_seq_rtt * (s32)(USEC_PER_MSEC));
	}
	/* Every mark left with its skb (3.10 says "Leak" if one did not:
	 * FASTRETRANS_DEBUG is 1). */
	if (!tp->packets_out && tcp_is_sack(tp))
		tp->lost_out = tp->sacked_out = tp->retrans_out = 0;
	return flag;
}

/* tcp_ack_update_window: take the peer's window from a newer segment. */
static int
tcp_ack_update_window(struct sock *sk, const struct sk_buff *skb, u32 ack, u32 ack_seq)
{
	struct tcp_sock *tp = tcp_sk(sk);
	const struct tcphdr *th = tcp_hdr(skb);
	u32 nwin = ntohs(th->window);
	int flag = 0;

	if (!th->syn)
		nwin <<= tp->rx_opt.snd_wscale;
	/* tcp_may_update_window [RFC 793 3.9 SND.WL1/WL2] */
	if (after(ack, tp->snd_una) || after(ack_seq, tp->snd_wl1) ||
	    (ack_seq == tp->snd_wl1 && nwin > tp->snd_wnd)) {
		flag |= FLAG_WIN_UPDATE;
		tp->snd_wl1 = ack_seq;
		if (tp->snd_wnd != nwin) {
			trace_tcp_snd_wnd_update(sk, nwin);
			tp->snd_wnd = nwin;
			if (nwin > tp->max_window) {
				tp->max_window = nwin;
				tcp_sync_mss(sk, inet_csk(sk)->icsk_pmtu_cookie);
			}
		}
	}
	tp->snd_una = ack;
	return flag;
}

/* tcp_ack_probe: a zero-window probe was answered. */
static void
tcp_ack_probe(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct inet_connection_sock *icsk = inet_csk(sk);

	if (!after(TCP_SKB_CB(tcp_send_head(sk))->seq + tp->mss_cache, tcp_wnd_end(tp)) ||
	    !after(TCP_SKB_CB(tcp_send_head(sk))->end_seq, tcp_wnd_end(tp))) {
		icsk->icsk_backoff = 0;
		inet_csk_clear_xmit_timer(sk, ICSK_TIME_PROBE0);
	} else {
		inet_csk_reset_xmit_timer(sk, ICSK_TIME_PROBE0,
					  min_t(u32, icsk->icsk_rto << icsk->icsk_backoff, TCP_RTO_MAX),
					  TCP_RTO_MAX);
	}
}

/* tcp_ack_is_dubious: a duplicate, a SACK, or anything outside Open
 * goes to the state machine (tcp_fastretrans_alert). */
static bool
tcp_ack_is_dubious(const struct sock *sk, const int flag)
{
	return !(flag & FLAG_NOT_DUP) || (flag & FLAG_CA_ALERT) ||
	       inet_csk(sk)->icsk_ca_state != TCP_CA_Open;
}

/* tcp_may_raise_cwnd: not while PRR reduces it (CWR, Recovery). */
static bool
tcp_may_raise_cwnd(const struct sock *sk, const int flag)
{
	const struct tcp_sock *tp = tcp_sk(sk);

	return (!(flag & FLAG_ECE) || tp->snd_cwnd < tp->snd_ssthresh) &&
	       !tcp_in_cwnd_reduction(sk);
}

/*
 * tcp_should_expand_sndbuf - may the send buffer grow?  Not if the user
 * set its size, nor while the congestion window is full (packets_out).
 * KERNEL: nor under TCP memory pressure (not modelled).
 */
static bool
tcp_should_expand_sndbuf(const struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);

	if (sk->sk_userlocks & SOCK_SNDBUF_LOCK)
		return false;
	return tp->packets_out < tp->snd_cwnd;
}

/*
 * tcp_new_space - the ACK freed send buffer: grow it to what two
 * windows of full-sized skbs cost, cwnd of them (at least reordering + 1,
 * 4 by default), each the truesize of an MSS (the larger of the peer's clamp and
 * the current one) and MAX_TCP_HEADER; then wake the writer.
 */
static void
tcp_new_space(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct inet_hashinfo *h = sock_net(sk)->tcp_hashinfo;

	if (tcp_should_expand_sndbuf(sk)) {
		int sndmem = SKB_TRUESIZE(max_t(u32, tp->rx_opt.mss_clamp, tp->mss_cache) +
					  MAX_TCP_HEADER);
		int demanded = max_t(unsigned int, tp->snd_cwnd, tp->reordering + 1U);

		sndmem *= 2 * demanded;
		if (sndmem > sk->sk_sndbuf)
			sk->sk_sndbuf = min_t(int, sndmem, h->sysctl_tcp_wmem[2]);
		/* KERNEL: and stamps snd_cwnd_stamp (cwnd validation after
		 * idle is not modelled). */
	}
	if (sk->sk_socket)
		sk->sk_write_space(sk);
}

/*
 * tcp_update_pacing_rate - twice the current rate, cwnd (or what is in
 * flight, if more) MSS per smoothed RTT: what tcp_xmit_size_goal sizes
 * GSO skbs by (a millisecond of it).  An RTT under 1.25 ms (srtt <= 10,
 * in 1/8 jiffies) counts as 125 us.
 * NOTE: 3.10.108 has it (backported TSO autosizing); TCP does not pace.
 */
static void
tcp_update_pacing_rate(struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	u64 rate = (u64)tp->mss_cache * 2 * (HZ << 3);

	trace_tcp_update_pacing_rate(sk);
	rate *= max_t(u32, tp->snd_cwnd, tp->packets_out);
	if (tp->srtt > 8 + 2)
		rate /= tp->srtt;
	sk->sk_pacing_rate = (u32)min_t(u64, rate, ~0U);
}

/**
 * tcp_ack - process the acknowledgment in @skb
 *
 * Returns 1 if it was processed (new or duplicate), 0 for an old ACK
 * (ignored but for its SACK blocks), -1 for an ACK of data never sent.
 */
static int
tcp_ack(struct sock *sk, const struct sk_buff *skb, int flag)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	u32 prior_snd_una = tp->snd_una;
	u32 ack_seq = TCP_SKB_CB(skb)->seq;
	u32 ack = TCP_SKB_CB(skb)->ack_seq;
	bool is_dupack = false;
	u32 prior_in_flight, prior_fackets;
	u32 prior_rtt = tp->srtt, prior_cwnd = tp->snd_cwnd;
	int prior_packets = tp->packets_out;
	int prior_sacked = tp->sacked_out;
	int pkts_acked = 0;
	int previous_packets_out;

	trace_tcp_ack(sk, skb);
	if (before(ack, prior_snd_una)) {
		trace_tcp_discard(sock_net(sk), skb, "old_ack");
		goto old_ack;
	}
	if (after(ack, tp->snd_nxt)) {
		trace_tcp_discard(sock_net(sk), skb, "ack_of_unsent_data");
		return -1;
	}
	if (after(ack, prior_snd_una))
		flag |= FLAG_SND_UNA_ADVANCED;
	prior_fackets = tp->fackets_out;
	prior_in_flight = tcp_packets_in_flight(tp);
	if (TCP_SKB_CB(skb)->seq != TCP_SKB_CB(skb)->end_seq)
		flag |= FLAG_DATA;
	else
		NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPPUREACKS);
	flag |= tcp_ack_update_window(sk, skb, ack, ack_seq);
	if (TCP_SKB_CB(skb)->sacked)
		flag |= tcp_sacktag_write_queue(sk, skb, prior_snd_una);
	icsk->icsk_probes_out = 0;
	tp->rcv_tstamp = tcp_time_stamp(sk);
	if (!prior_packets)
		goto no_queue;

	previous_packets_out = tp->packets_out;
	flag |= tcp_clean_rtx_queue(sk, prior_fackets, prior_snd_una);
	pkts_acked = previous_packets_out - tp->packets_out;
	if (tp->tlp_high_seq)
		tcp_process_tlp_ack(sk, ack, flag);
	if (flag & FLAG_SET_XMIT_TIMER)
		tcp_set_xmit_timer(sk);
	if (tcp_ack_is_dubious(sk, flag)) {
		if ((flag & FLAG_DATA_ACKED) && tcp_may_raise_cwnd(sk, flag))
			tcp_cong_avoid(sk, ack, prior_in_flight);
		is_dupack = !(flag & (FLAG_SND_UNA_ADVANCED | FLAG_NOT_DUP));
		tcp_fastretrans_alert(sk, pkts_acked, prior_sacked, prior_packets, is_dupack, flag);
	} else if (flag & FLAG_DATA_ACKED) {
		tcp_cong_avoid(sk, ack, prior_in_flight);
	}
	if (flag & FLAG_ACKED)
		tcp_new_space(sk);
	if (tp->srtt != prior_rtt || tp->snd_cwnd != prior_cwnd)
		tcp_update_pacing_rate(sk);
	return 1;

no_queue:
	/* A D-SACK may still undo a reduction. */
	if (flag & FLAG_DSACKING_ACK)
		tcp_fastretrans_alert(sk, pkts_acked, prior_sacked, prior_packets, is_dupack, flag);
	/* Nothing in flight: maybe the answer to a zero-window probe. */
	if (tcp_send_head(sk))
		tcp_ack_probe(sk);
	if (tp->tlp_high_seq)
		tcp_process_tlp_ack(sk, ack, flag);
	return 1;

old_ack:
	/* Its SACK blocks still count, a D-SACK may undo. */
	if (TCP_SKB_CB(skb)->sacked) {
		flag |= tcp_sacktag_write_queue(sk, skb, prior_snd_una);
		tcp_fastretrans_alert(sk, pkts_acked, prior_sacked, prior_packets, is_dupack, flag);
	}
	return 0;
}

/* tcp_incr_quickack: ACK the next segments at once (slow start of the peer). */
static void
tcp_incr_quickack(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	unsigned int quickacks = tcp_sk(sk)->rcv_wnd / (2 * icsk->icsk_ack.rcv_mss);

	if (quickacks == 0)
		quickacks = 2;
	if (quickacks > icsk->icsk_ack.quick)
		icsk->icsk_ack.quick = min_t(unsigned int, quickacks, TCP_MAX_QUICKACKS);
}

void
tcp_enter_quickack_mode(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	tcp_incr_quickack(sk);
	icsk->icsk_ack.pingpong = 0;
	icsk->icsk_ack.ato = TCP_ATO_MIN;
}

/* tcp_measure_rcv_mss: learn the peer's segment size from what arrives. */
static void
tcp_measure_rcv_mss(struct sock *sk, const struct sk_buff *skb)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	const struct tcp_sock *tp = tcp_sk(sk);
	unsigned int lss = icsk->icsk_ack.last_seg_size;
	/* A GRO'd skb stands for gso_segs segments of gso_size bytes: the
	 * peer's MSS is the segment's size, not the skb's. */
	unsigned int len = skb_shinfo(skb)->gso_size ? : skb->len;

	icsk->icsk_ack.last_seg_size = 0;
	if (len >= icsk->icsk_ack.rcv_mss) {
		icsk->icsk_ack.rcv_mss = len;
		return;
	}
	len += skb->data - skb_transport_header(skb);
	if (len >= TCP_MSS_DEFAULT + sizeof(struct tcphdr)) {
		len -= tp->tcp_header_len;
		icsk->icsk_ack.last_seg_size = len;
		if (len == lss) {
			icsk->icsk_ack.rcv_mss = len;
			return;
		}
	}
	if (icsk->icsk_ack.pending & ICSK_ACK_PUSHED)
		icsk->icsk_ack.pending |= ICSK_ACK_PUSHED2;
	icsk->icsk_ack.pending |= ICSK_ACK_PUSHED;
}

/*
 * __tcp_grow_window - the slow part of tcp_grow_window: an skb whose
 * memory (truesize) is large for its data still lets the window grow
 * while the window is small against the biggest buffer (tcp_rmem[2]):
 * by two segments, or not at all (0).
 */
static int
__tcp_grow_window(const struct sock *sk, const struct sk_buff *skb)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	int truesize = tcp_win_from_space(skb->truesize) >> 1;
	int window = tcp_win_from_space(sock_net(sk)->tcp_hashinfo->sysctl_tcp_rmem[2]) >> 1;

	while ((int)tp->rcv_ssthresh <= window) {
		if (truesize <= (int)skb->len)
			return 2 * inet_csk(sk)->icsk_ack.rcv_mss;
		truesize >>= 1;
		window >>= 1;
	}
	return 0;
}

/*
 * tcp_grow_window - data keeps arriving: offer more of the buffer
 * (rcv_ssthresh, the window's ceiling in slow start), by two segments
 * or twice the skb's data, whichever is more (a GRO'd skb: many
 * segments at once), and ACK the next segment at once so the peer
 * hears of it (quick).
 */
static void
tcp_grow_window(struct sock *sk, const struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int incr;

	/* KERNEL: also not under TCP memory pressure (not modelled). */
	if (tp->rcv_ssthresh >= tp->window_clamp || (int)tp->rcv_ssthresh >= tcp_space(sk))
		return;
	/* Does an skb with such overhead fit the buffer in future? */
	if (tcp_win_from_space(skb->truesize) <= (int)skb->len)
		incr = 2 * tp->advmss;
	else
		incr = __tcp_grow_window(sk, skb);
	if (incr) {
		incr = max_t(int, incr, 2 * (int)skb->len);
		tp->rcv_ssthresh = min_t(u32, tp->rcv_ssthresh + incr, tp->window_clamp);
		inet_csk(sk)->icsk_ack.quick |= 1;
	}
}

/*
 * tcp_rcv_rtt_update - fold @sample (jiffies) into the receiver's RTT
 * estimate.  From timestamps (@win_dep 0) it is smoothed by 1/8; from
 * one window's worth of data (@win_dep 1) only a smaller value is taken,
 * since a sender with nothing to send makes such samples too long.
 */
static void
tcp_rcv_rtt_update(struct tcp_sock *tp, u32 sample, int win_dep)
{
	u32 new_sample = tp->rcv_rtt_est.rtt;
	long m = sample ? sample : 1;

	trace_tcp_rcv_rtt_update(tp, sample, win_dep);
	if (new_sample != 0) {
		if (!win_dep) {
			m -= (new_sample >> 3);
			new_sample += m;
		} else {
			m <<= 3;
			if (m < new_sample)
				new_sample = m;
		}
	} else {
		new_sample = m << 3;	/* the first measurement */
	}
	tp->rcv_rtt_est.rtt = new_sample;
}

/*
 * tcp_rcv_rtt_measure - without timestamps: the time one receive window
 * of data takes to arrive is about one RTT.
 */
static void
tcp_rcv_rtt_measure(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	trace_tcp_rcv_rtt_measure(sk);
	if (tp->rcv_rtt_est.time != 0) {
		if (before(tp->rcv_nxt, tp->rcv_rtt_est.seq))
			return;
		tcp_rcv_rtt_update(tp, tcp_time_stamp(sk) - tp->rcv_rtt_est.time, 1);
	}
	tp->rcv_rtt_est.seq = tp->rcv_nxt + tp->rcv_wnd;
	tp->rcv_rtt_est.time = tcp_time_stamp(sk);
}

/*
 * tcp_rcv_rtt_measure_ts - with timestamps: a full-sized segment echoing
 * our TSval gives a sample.
 */
static void
tcp_rcv_rtt_measure_ts(struct sock *sk, const struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);

	trace_tcp_rcv_rtt_measure_ts(sk, skb);
	if (tp->rx_opt.rcv_tsecr &&
	    TCP_SKB_CB(skb)->end_seq - TCP_SKB_CB(skb)->seq >= inet_csk(sk)->icsk_ack.rcv_mss)
		tcp_rcv_rtt_update(tp, tcp_time_stamp(sk) - tp->rx_opt.rcv_tsecr, 0);
}

/**
 * tcp_event_data_recv - in-order data arrived: an ACK is owed; adjust the
 * delayed-ACK timeout (ato) to the peer's pace; grow the window
 */
static void
tcp_event_data_recv(struct sock *sk, struct sk_buff *skb)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	u32 now = tcp_time_stamp(sk);

	trace_tcp_event_data_recv(sk, skb);
	icsk->icsk_ack.pending |= ICSK_ACK_SCHED;
	tcp_measure_rcv_mss(sk, skb);
	tcp_rcv_rtt_measure(sk);
	if (!icsk->icsk_ack.ato) {
		/* The first data: ACK quickly so the peer's slow start runs. */
		tcp_incr_quickack(sk);
		icsk->icsk_ack.ato = TCP_ATO_MIN;
	} else {
		u32 m = now - icsk->icsk_ack.lrcvtime;

		if (m <= TCP_ATO_MIN / 2) {
			icsk->icsk_ack.ato = (icsk->icsk_ack.ato >> 1) + TCP_ATO_MIN / 2;
		} else if (m < icsk->icsk_ack.ato) {
			icsk->icsk_ack.ato = (icsk->icsk_ack.ato >> 1) + m;
			if (icsk->icsk_ack.ato > icsk->icsk_rto)
				icsk->icsk_ack.ato = icsk->icsk_rto;
		} else if (m > icsk->icsk_rto) {
			tcp_incr_quickack(sk);
		}
	}
	icsk->icsk_ack.lrcvtime = now;
	if (skb->len >= 128)
		tcp_grow_window(sk, skb);
}

/* tcp_sack_extend: grow @sp to cover [seq, end_seq) if they touch. */
static bool
tcp_sack_extend(struct tcp_sack_block *sp, u32 seq, u32 end_seq)
{
	if (!after(seq, sp->end_seq) && !after(sp->start_seq, end_seq)) {
		if (before(seq, sp->start_seq))
			sp->start_seq = seq;
		if (after(end_seq, sp->end_seq))
			sp->end_seq = end_seq;
		return true;
	}
	return false;
}

/**
 * tcp_dsack_set - [seq, end_seq) arrived twice: the next ACK reports it
 * in a D-SACK block, ahead of the SACK blocks [RFC 2883]
 * (TCPDSACKOldSent below rcv_nxt, TCPDSACKOfoSent above)
 */
static void
tcp_dsack_set(struct sock *sk, u32 seq, u32 end_seq)
{
	struct tcp_sock *tp = tcp_sk(sk);

	trace_tcp_dsack_set(sk, seq, end_seq);
	if (!tcp_is_sack(tp) || !sock_net(sk)->tcp_hashinfo->sysctl_tcp_dsack)
		return;
	NET_INC_STATS(sock_net(sk), before(seq, tp->rcv_nxt) ? LINUX_MIB_TCPDSACKOLDSENT :
							       LINUX_MIB_TCPDSACKOFOSENT);
	tp->rx_opt.dsack = 1;
	tp->duplicate_sack[0].start_seq = seq;
	tp->duplicate_sack[0].end_seq = end_seq;
}

/* tcp_dsack_extend: add to the D-SACK block owed, or start one. */
static void
tcp_dsack_extend(struct sock *sk, u32 seq, u32 end_seq)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (!tp->rx_opt.dsack)
		tcp_dsack_set(sk, seq, end_seq);
	else
		tcp_sack_extend(tp->duplicate_sack, seq, end_seq);
}

/* tcp_sack_maybe_coalesce: the first block grew: merge the ones it
 * reaches into it. */
static void
tcp_sack_maybe_coalesce(struct tcp_sock *tp)
{
	struct tcp_sack_block *sp = &tp->selective_acks[0];
	int this_sack = 1;

	while (this_sack < tp->rx_opt.num_sacks) {
		if (tcp_sack_extend(sp, tp->selective_acks[this_sack].start_seq,
				    tp->selective_acks[this_sack].end_seq)) {
			tp->rx_opt.num_sacks--;
			for (int i = this_sack; i < tp->rx_opt.num_sacks; i++)
				tp->selective_acks[i] = tp->selective_acks[i + 1];
			continue;
		}
		this_sack++;
	}
}

/**
 * tcp_sack_new_ofo_skb - out-of-order [seq, end_seq) arrived: the block
 * it extends, or a new one, becomes the first we report (the most
 * recent first [RFC 2018 4]); beyond four, the oldest is forgotten
 */
static void
tcp_sack_new_ofo_skb(struct sock *sk, u32 seq, u32 end_seq)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct tcp_sack_block *sp = tp->selective_acks;
	int cur_sacks = tp->rx_opt.num_sacks;
	int this_sack;

	trace_tcp_sack_new_ofo_skb(sk, seq, end_seq);
	for (this_sack = 0; this_sack < cur_sacks; this_sack++) {
		if (tcp_sack_extend(&sp[this_sack], seq, end_seq)) {
			/* To the front, the others move down one. */
			for (; this_sack > 0; this_sack--) {
				struct tcp_sack_block t = sp[this_sack];

				sp[this_sack] = sp[this_sack - 1];
				sp[this_sack - 1] = t;
			}
			if (cur_sacks > 1)
				tcp_sack_maybe_coalesce(tp);
			return;
		}
	}
	if (this_sack >= TCP_NUM_SACKS) {
		this_sack--;
		tp->rx_opt.num_sacks--;
	}
	for (; this_sack > 0; this_sack--)
		sp[this_sack] = sp[this_sack - 1];
	sp[0].start_seq = seq;
	sp[0].end_seq = end_seq;
	tp->rx_opt.num_sacks++;
}

/* tcp_sack_remove: rcv_nxt moved on: blocks it now covers go. */
static void
tcp_sack_remove(struct tcp_sock *tp)
{
	int num_sacks = tp->rx_opt.num_sacks;
	int this_sack = 0;

	if (skb_queue_empty(&tp->out_of_order_queue)) {
		tp->rx_opt.num_sacks = 0;
		return;
	}
	while (this_sack < num_sacks) {
		if (!before(tp->rcv_nxt, tp->selective_acks[this_sack].start_seq)) {
			for (int i = this_sack + 1; i < num_sacks; i++)
				tp->selective_acks[i - 1] = tp->selective_acks[i];
			num_sacks--;
			continue;
		}
		this_sack++;
	}
	tp->rx_opt.num_sacks = num_sacks;
}

/* tcp_sack_reset: nothing to report (the queue behind the blocks went). */
static void
tcp_sack_reset(struct tcp_options_received *rx_opt)
{
	rx_opt->dsack = 0;
	rx_opt->num_sacks = 0;
}

/**
 * tcp_fin - the peer's FIN arrived in order: no more data will come
 */
static void
tcp_fin(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	trace_tcp_fin(sk);
	inet_csk(sk)->icsk_ack.pending |= ICSK_ACK_SCHED;
	sk->sk_shutdown |= RCV_SHUTDOWN;
	switch (sk->sk_state) {
	case TCP_SYN_RECV:
	case TCP_ESTABLISHED:
		tcp_set_state(sk, TCP_CLOSE_WAIT);
		inet_csk(sk)->icsk_ack.pingpong = 1;
		break;
	case TCP_CLOSE_WAIT:
	case TCP_CLOSING:
	case TCP_LAST_ACK:
		break;
	case TCP_FIN_WAIT1:
		/* Simultaneous close: our FIN is not acked yet. */
		tcp_send_ack(sk);
		tcp_set_state(sk, TCP_CLOSING);
		break;
	case TCP_FIN_WAIT2:
		tcp_send_ack(sk);
		tcp_time_wait(sk, TCP_TIME_WAIT, 0);
		break;
	default:
		break;
	}
	__skb_queue_purge(&tp->out_of_order_queue);
	if (tcp_is_sack(tp))
		tcp_sack_reset(&tp->rx_opt);
	if (!sim_sock_flag_dead(sk)) {
		sk->sk_state_change(sk);
		/* NOTE: a reader sleeping in recv() is woken too (EOF). */
		sk->sk_data_ready(sk, 0);
	}
}

/* tcp_try_rmem_schedule: room in the receive buffer for @skb? */
static bool
tcp_try_rmem_schedule(struct sock *sk, const struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (sk->sk_rmem_alloc + (int)skb->truesize <= sk->sk_rcvbuf)
		return true;
	/* tcp_prune_ofo_queue: out-of-order data is the first to go. */
	if (!skb_queue_empty(&tp->out_of_order_queue)) {
		trace_tcp_rmem_limit(sk, NULL, "prune_ofo");
		__skb_queue_purge(&tp->out_of_order_queue);
		if (tp->rx_opt.sack_ok)
			tcp_sack_reset(&tp->rx_opt);
	}
	return sk->sk_rmem_alloc <= sk->sk_rcvbuf;
}

/**
 * tcp_ofo_queue - move segments that the hole-filling data made
 * contiguous from the out-of-order queue to the receive queue
 */
static void
tcp_ofo_queue(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 dsack_high = tp->rcv_nxt;
	struct sk_buff *skb;

	trace_tcp_ofo_queue(sk);
	while ((skb = skb_peek(&tp->out_of_order_queue)) != NULL) {
		if (after(TCP_SKB_CB(skb)->seq, tp->rcv_nxt))
			break;
		/* Its head was received already: that part is a duplicate. */
		if (before(TCP_SKB_CB(skb)->seq, dsack_high)) {
			u32 dsack = dsack_high;

			if (before(TCP_SKB_CB(skb)->end_seq, dsack_high))
				dsack_high = TCP_SKB_CB(skb)->end_seq;
			tcp_dsack_extend(sk, TCP_SKB_CB(skb)->seq, dsack);
		}
		__skb_unlink(skb, &tp->out_of_order_queue);
		if (!after(TCP_SKB_CB(skb)->end_seq, tp->rcv_nxt)) {
			trace_tcp_discard(sock_net(sk), skb, "ofo_duplicate");
			kfree_skb(skb);
			continue;
		}
		trace_tcp_ofo_dequeue(sk, skb);
		__skb_queue_tail(&sk->sk_receive_queue, skb);
		tp->rcv_nxt = TCP_SKB_CB(skb)->end_seq;
		if (TCP_SKB_CB(skb)->tcp_flags & TCPHDR_FIN) {
			tcp_fin(sk);
			break;
		}
	}
}

/* The skb before @skb on the out-of-order queue, or NULL. */
static struct sk_buff *
sim_tcp_ofo_prev(struct tcp_sock *tp, struct sk_buff *skb)
{
	return skb->prev == (struct sk_buff *)&tp->out_of_order_queue ? NULL : skb->prev;
}

/**
 * tcp_data_queue_ofo - a segment beyond a hole: keep it, sorted, until
 * the hole is filled; drop it if the receive buffer is full (the bound)
 *
 * What it duplicates (all of it, or the part overlapping a queued
 * segment) is owed a D-SACK; segments it covers whole go.  Its range
 * goes into the SACK blocks (tcp_sack_new_ofo_skb).  Consumes @skb
 * (queued, or freed as a duplicate or for lack of room).
 */
static void
tcp_data_queue_ofo(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	u32 seq = TCP_SKB_CB(skb)->seq, end_seq = TCP_SKB_CB(skb)->end_seq;
	struct sk_buff *skb1;

	trace_tcp_data_queue_ofo(sk, skb);
	if (sk->sk_rmem_alloc + (int)skb->truesize > sk->sk_rcvbuf) {
		trace_tcp_ofo_rcvbuf_full(sk, skb);
		NET_INC_STATS(net, LINUX_MIB_TCPOFODROP);
		kfree_skb(skb);
		return;
	}
	inet_csk(sk)->icsk_ack.pending |= ICSK_ACK_SCHED;
	NET_INC_STATS(net, LINUX_MIB_TCPOFOQUEUE);
	skb_dst_drop(skb);
	skb1 = skb_peek_tail(&tp->out_of_order_queue);
	if (!skb1) {
		/* The first island: one SACK block. */
		if (tcp_is_sack(tp)) {
			tp->rx_opt.num_sacks = 1;
			tp->selective_acks[0].start_seq = seq;
			tp->selective_acks[0].end_seq = end_seq;
		}
		__skb_queue_head(&tp->out_of_order_queue, skb);
		goto end;
	}
	if (seq == TCP_SKB_CB(skb1)->end_seq) {
		/* The common case: in order after the last island.
		 * KERNEL: 3.10 appends it to that skb (tcp_try_coalesce). */
		__skb_queue_after(&tp->out_of_order_queue, skb1, skb);
		if (!tp->rx_opt.num_sacks || tp->selective_acks[0].end_seq != seq)
			goto add_sack;
		tp->selective_acks[0].end_seq = end_seq;
		goto end;
	}
	/* The last skb starting at or before seq. */
	while (skb1 && after(TCP_SKB_CB(skb1)->seq, seq))
		skb1 = sim_tcp_ofo_prev(tp, skb1);
	if (skb1 && before(seq, TCP_SKB_CB(skb1)->end_seq)) {
		if (!after(end_seq, TCP_SKB_CB(skb1)->end_seq)) {
			/* All its bits are queued already. */
			trace_tcp_discard(net, skb, "ofo_duplicate");
			NET_INC_STATS(net, LINUX_MIB_TCPOFOMERGE);
			kfree_skb(skb);
			tcp_dsack_set(sk, seq, end_seq);
			skb = NULL;
			goto add_sack;
		}
		if (after(seq, TCP_SKB_CB(skb1)->seq)) {
			tcp_dsack_set(sk, seq, TCP_SKB_CB(skb1)->end_seq);
		} else {
			/* Same start, longer: it goes before the old one,
			 * which the loop below removes. */
			skb1 = sim_tcp_ofo_prev(tp, skb1);
		}
	}
	if (skb1)
		__skb_queue_after(&tp->out_of_order_queue, skb1, skb);
	else
		__skb_queue_head(&tp->out_of_order_queue, skb);
	/* Segments the new one covers go; one it overlaps stays. */
	while (skb->next != (struct sk_buff *)&tp->out_of_order_queue) {
		skb1 = skb->next;
		if (!after(end_seq, TCP_SKB_CB(skb1)->seq))
			break;
		if (before(end_seq, TCP_SKB_CB(skb1)->end_seq)) {
			tcp_dsack_extend(sk, TCP_SKB_CB(skb1)->seq, end_seq);
			break;
		}
		__skb_unlink(skb1, &tp->out_of_order_queue);
		tcp_dsack_extend(sk, TCP_SKB_CB(skb1)->seq, TCP_SKB_CB(skb1)->end_seq);
		NET_INC_STATS(net, LINUX_MIB_TCPOFOMERGE);
		kfree_skb(skb1);
	}
add_sack:
	if (tcp_is_sack(tp))
		tcp_sack_new_ofo_skb(sk, seq, end_seq);
end:
	if (skb)
		skb_set_owner_r(skb, sk);
}

/**
 * tcp_data_queue - the data of a segment that passed validation
 *
 * In order: to sk_receive_queue (rcv_nxt advances, the reader is woken),
 * then whatever the out-of-order queue can now deliver.  Already
 * received: ACK at once with a D-SACK (the peer retransmitted; our ACK
 * was lost or late).  Beyond a hole: out-of-order queue, and an immediate
 * duplicate ACK.  Consumes @skb.
 */
static void
tcp_data_queue(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	const struct tcphdr *th = tcp_hdr(skb);
	u32 seq = TCP_SKB_CB(skb)->seq, end_seq = TCP_SKB_CB(skb)->end_seq;

	if (seq == end_seq) {
		consume_skb(skb);	/* a pure ACK: done */
		return;
	}
	trace_tcp_data_queue(sk, skb);
	skb_pull(skb, th->doff * 4);
	tp->rx_opt.dsack = 0;

	if (seq == tp->rcv_nxt) {
		if (tcp_receive_window(tp) == 0)
			goto out_of_window;
queue_and_out:
		if (!tcp_try_rmem_schedule(sk, skb)) {
			trace_tcp_rmem_limit(sk, skb, "rcvbuf_full");
			NET_INC_STATS(net, LINUX_MIB_TCPRCVQDROP);
			goto drop;
		}
		skb_dst_drop(skb);
		skb_set_owner_r(skb, sk);
		__skb_queue_tail(&sk->sk_receive_queue, skb);
		tp->rcv_nxt = end_seq;
		if (skb->len)
			tcp_event_data_recv(sk, skb);
		if (TCP_SKB_CB(skb)->tcp_flags & TCPHDR_FIN)
			tcp_fin(sk);
		if (!skb_queue_empty(&tp->out_of_order_queue)) {
			tcp_ofo_queue(sk);
			/* The hole is filled: ACK at once [RFC 5681 4.2]. */
			if (skb_queue_empty(&tp->out_of_order_queue))
				inet_csk(sk)->icsk_ack.pingpong = 0;
		}
		if (tp->rx_opt.num_sacks)
			tcp_sack_remove(tp);
		if (!sim_sock_flag_dead(sk))
			sk->sk_data_ready(sk, 0);
		return;
	}
	if (!after(end_seq, tp->rcv_nxt)) {
		/* A retransmit of what we have: ACK now, with a D-SACK. */
		trace_tcp_discard(net, skb, "duplicate_data");
		NET_INC_STATS(net, LINUX_MIB_DELAYEDACKLOST);
		tcp_dsack_set(sk, seq, end_seq);
		goto out_of_window;
	}
	if (!before(seq, tp->rcv_nxt + tcp_receive_window(tp)))
		goto out_of_window;
	tcp_enter_quickack_mode(sk);
	if (before(seq, tp->rcv_nxt)) {
		/* Partly new: the old head is reported, the rest queued. */
		tcp_dsack_set(sk, seq, tp->rcv_nxt);
		if (!tcp_receive_window(tp))
			goto out_of_window;
		goto queue_and_out;
	}
	tcp_data_queue_ofo(sk, skb);
	return;

out_of_window:
	tcp_enter_quickack_mode(sk);
	inet_csk(sk)->icsk_ack.pending |= ICSK_ACK_SCHED;
drop:
	kfree_skb(skb);
}

/* tcp_data_snd_check: the ACK may have opened the windows. */
static void
tcp_data_snd_check(struct sock *sk)
{
	if (tcp_send_head(sk))
		__tcp_push_pending_frames(sk, tcp_current_mss(sk), tcp_sk(sk)->nonagle);
}

/**
 * __tcp_ack_snd_check - ACK now or later? [RFC 1122 4.2.3.2]
 *
 * Now: more than one full segment unacknowledged (every second segment),
 * in quick-ACK mode (start of a transfer), or while out-of-order data
 * waits (the duplicate ACKs drive fast retransmit).  Else the delayed
 * ACK timer.
 */
static void
__tcp_ack_snd_check(struct sock *sk, int ofo_possible)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);

	trace___tcp_ack_snd_check(sk);
	if ((tp->rcv_nxt - tp->rcv_wup > icsk->icsk_ack.rcv_mss &&
	     __tcp_select_window(sk) >= tp->rcv_wnd) ||
	    (icsk->icsk_ack.quick && !icsk->icsk_ack.pingpong) ||
	    (ofo_possible && !skb_queue_empty(&tp->out_of_order_queue))) {
		tcp_send_ack(sk);
	} else {
		NET_INC_STATS(sock_net(sk), LINUX_MIB_DELAYEDACKS);
		tcp_send_delayed_ack(sk);
	}
}

static void
tcp_ack_snd_check(struct sock *sk)
{
	if (!(inet_csk(sk)->icsk_ack.pending & ICSK_ACK_SCHED))
		return;
	__tcp_ack_snd_check(sk, 1);
}

/* tcp_send_dupack: an unacceptable segment still gets our ACK; old data
 * in it gets a D-SACK. */
static void
tcp_send_dupack(struct sock *sk, const struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (TCP_SKB_CB(skb)->end_seq != TCP_SKB_CB(skb)->seq &&
	    before(TCP_SKB_CB(skb)->seq, tp->rcv_nxt)) {
		NET_INC_STATS(sock_net(sk), LINUX_MIB_DELAYEDACKLOST);
		tcp_enter_quickack_mode(sk);
		if (tcp_is_sack(tp) && sock_net(sk)->tcp_hashinfo->sysctl_tcp_dsack) {
			u32 end_seq = TCP_SKB_CB(skb)->end_seq;

			if (after(end_seq, tp->rcv_nxt))
				end_seq = tp->rcv_nxt;
			tcp_dsack_set(sk, TCP_SKB_CB(skb)->seq, end_seq);
		}
	}
	tcp_send_ack(sk);
}

/* tcp_reset: the peer reset the connection. */
static void
tcp_reset(struct sock *sk)
{
	trace_tcp_reset(sk);
	switch (sk->sk_state) {
	case TCP_SYN_SENT:
		sk->sk_err = ECONNREFUSED;
		break;
	case TCP_CLOSE_WAIT:
		sk->sk_err = EPIPE;
		break;
	case TCP_CLOSE:
		return;
	default:
		sk->sk_err = ECONNRESET;
	}
	if (!sim_sock_flag_dead(sk))
		sk->sk_error_report(sk);
	tcp_done(sk);
}

/**
 * tcp_validate_incoming - the checks every segment of a synchronized
 * connection passes [RFC 793 3.9 "SEGMENT ARRIVES", RFC 1323 PAWS]
 *
 * Returns true if processing goes on; false if @skb was consumed.
 */
static bool
tcp_validate_incoming(struct sock *sk, struct sk_buff *skb, const struct tcphdr *th)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	u32 seq = TCP_SKB_CB(skb)->seq, end_seq = TCP_SKB_CB(skb)->end_seq;

	if (tp->rx_opt.saw_tstamp && tp->rx_opt.tstamp_ok && !th->rst &&
	    !tcp_paws_check(sk, &tp->rx_opt, TCP_PAWS_WINDOW)) {
		trace_tcp_paws_reject(sk, skb);
		NET_INC_STATS(net, LINUX_MIB_PAWSESTABREJECTED);
		tcp_send_dupack(sk, skb);
		goto discard;
	}
	/* Step 1: in the receive window? */
	if (before(end_seq, tp->rcv_wup) || after(seq, tp->rcv_nxt + tcp_receive_window(tp))) {
		trace_tcp_seq_out_of_window(sk, skb, seq);
		NET_INC_STATS(net, SIM_MIB_TCPOUTOFWINDOW);
		if (!th->rst)
			tcp_send_dupack(sk, skb);
		goto discard;
	}
	/* Step 2: RST, only if exactly at rcv_nxt [RFC 5961 3.2]. */
	if (th->rst) {
		if (seq == tp->rcv_nxt)
			tcp_reset(sk);
		else {
			NET_INC_STATS(net, LINUX_MIB_TCPCHALLENGEACK);
			tcp_send_ack(sk);	/* challenge ACK */
		}
		goto discard;
	}
	/* Step 4: a SYN in the window is an error [RFC 5961 4.2]. */
	if (th->syn) {
		NET_INC_STATS(net, LINUX_MIB_TCPSYNCHALLENGE);
		NET_INC_STATS(net, LINUX_MIB_TCPCHALLENGEACK);
		tcp_send_ack(sk);
		goto discard;
	}
	return true;

discard:
	kfree_skb(skb);
	return false;
}

/**
 * tcp_rcv_established - a segment for an ESTABLISHED connection
 * Consumes @skb.  Returns 0.
 * KERNEL: the header-prediction fast path is left out.
 */
int
tcp_rcv_established(struct sock *sk, struct sk_buff *skb, const struct tcphdr *th,
		    unsigned int len)
{
	struct tcp_sock *tp = tcp_sk(sk);

	trace_tcp_rcv_established(sk, skb, len);
	tcp_parse_options(skb, &tp->rx_opt, 1);
	if (!tcp_validate_incoming(sk, skb, th))
		return 0;
	tcp_replace_ts_recent(sk, TCP_SKB_CB(skb)->seq);
	if (th->ack) {
		if (tcp_ack(sk, skb, FLAG_SLOWPATH) < 0) {
			kfree_skb(skb);
			return 0;
		}
	} else {
		kfree_skb(skb);
		return 0;
	}
	tcp_rcv_rtt_measure_ts(sk, skb);
	tcp_data_queue(sk, skb);
	tcp_data_snd_check(sk);
	tcp_ack_snd_check(sk);
	return 0;
}

/**
 * tcp_init_buffer_space - size the buffers and the window clamp for the
 * connection just established (tcp_fixup_rcvbuf / tcp_fixup_sndbuf:
 * room for ten segments each way, unless the user set the sizes)
 */
void
tcp_init_buffer_space(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct inet_hashinfo *h = sock_net(sk)->tcp_hashinfo;
	int maxwin;

	if (!(sk->sk_userlocks & SOCK_RCVBUF_LOCK)) {
		int rcvmem = 2 * SKB_TRUESIZE(tp->advmss + MAX_TCP_HEADER) *
			     TCP_DEFAULT_INIT_RCVWND;

		rcvmem <<= 2;	/* sysctl_tcp_moderate_rcvbuf */
		if (sk->sk_rcvbuf < rcvmem)
			sk->sk_rcvbuf = min_t(int, rcvmem, h->sysctl_tcp_rmem[2]);
	}
	if (!(sk->sk_userlocks & SOCK_SNDBUF_LOCK)) {
		int sndmem = SKB_TRUESIZE(tp->rx_opt.mss_clamp + MAX_TCP_HEADER) *
			     TCP_INIT_CWND;

		if (sk->sk_sndbuf < sndmem)
			sk->sk_sndbuf = min_t(int, sndmem, h->sysctl_tcp_wmem[2]);
	}
	maxwin = tcp_full_space(sk);
	if (tp->window_clamp >= (u32)maxwin)
		tp->window_clamp = maxwin;
	/* Force reservation of one segment (sysctl_tcp_app_win 31). */
	if (tp->window_clamp > 2U * tp->advmss && tp->window_clamp + tp->advmss > (u32)maxwin)
		tp->window_clamp = max_t(u32, 2U * tp->advmss, maxwin - tp->advmss);
	tp->rcv_ssthresh = min_t(u32, tp->rcv_ssthresh, tp->window_clamp);
	tp->rcv_space = tp->rcv_wnd;
}

/**
 * sim_tcp_init_transfer - the handshake is over: RTO from the SYN's RTT
 * sample (3 s if there was none, RFC 6298 5.7), the initial cwnd,
 * the buffers
 */
void
sim_tcp_init_transfer(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);

	trace_sim_tcp_init_transfer(sk);
	if (tp->srtt == 0) {
		tp->mdev = tp->mdev_max = tp->rttvar = TCP_TIMEOUT_FALLBACK;
		inet_csk(sk)->icsk_rto = TCP_TIMEOUT_FALLBACK;
	}
	tp->snd_cwnd = TCP_INIT_CWND;	/* tcp_init_cwnd: no RTAX_INITCWND metric */
	tcp_init_congestion_control(sk);
	tcp_init_buffer_space(sk);
	tp->lsndtime = tcp_time_stamp(sk);
}

/**
 * tcp_rcv_synsent_state_process - our SYN is out; is this its SYN-ACK?
 *
 * Returns 1 (caller sends a RST: an ACK of something we never sent),
 * 0 (@skb consumed), or -1 (ESTABLISHED and our ACK is sent; the caller
 * frees @skb and sends what is queued).
 */
static int
tcp_rcv_synsent_state_process(struct sock *sk, struct sk_buff *skb, const struct tcphdr *th)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	u32 now = tcp_time_stamp(sk);

	trace_tcp_rcv_synsent_state_process(sk, skb);
	tcp_parse_options(skb, &tp->rx_opt, 0);
	if (th->ack) {
		if (!after(TCP_SKB_CB(skb)->ack_seq, tp->snd_una) ||
		    after(TCP_SKB_CB(skb)->ack_seq, tp->snd_nxt))
			return 1;
		if (tp->rx_opt.saw_tstamp && tp->rx_opt.rcv_tsecr &&
		    !between(tp->rx_opt.rcv_tsecr, tp->retrans_stamp, now))
			return 1;
		if (th->rst) {
			tcp_reset(sk);
			goto discard;
		}
		if (!th->syn)
			goto discard;

		/* A SYN-ACK for our SYN [RFC 793 3.4]. */
		tp->snd_wl1 = TCP_SKB_CB(skb)->seq;
		tcp_ack(sk, skb, FLAG_SLOWPATH);
		tp->rcv_nxt = TCP_SKB_CB(skb)->seq + 1;
		tp->rcv_wup = tp->rcv_nxt;
		tp->snd_wnd = ntohs(th->window);	/* never scaled in a SYN */
		if (!tp->rx_opt.wscale_ok) {
			tp->rx_opt.snd_wscale = tp->rx_opt.rcv_wscale = 0;
			tp->window_clamp = min_t(u32, tp->window_clamp, 65535U);
		}
		if (tp->rx_opt.saw_tstamp) {
			tp->rx_opt.tstamp_ok = 1;
			tp->tcp_header_len = sizeof(struct tcphdr) + TCPOLEN_TSTAMP_ALIGNED;
			tp->advmss -= TCPOLEN_TSTAMP_ALIGNED;
			tcp_store_ts_recent(sk);
		} else {
			tp->tcp_header_len = sizeof(struct tcphdr);
		}
		if (!net->tcp_hashinfo->sysctl_tcp_sack)
			tp->rx_opt.sack_ok = 0;
		if (tcp_is_sack(tp) && net->tcp_hashinfo->sysctl_tcp_fack)
			tcp_enable_fack(tp);
		tcp_sync_mss(sk, inet_csk(sk)->icsk_pmtu_cookie);
		tcp_initialize_rcv_mss(sk);
		tp->copied_seq = tp->rcv_nxt;

		/* tcp_finish_connect */
		tcp_set_state(sk, TCP_ESTABLISHED);
		sim_tcp_init_transfer(sk);
		if (!sim_sock_flag_dead(sk))
			sk->sk_state_change(sk);
		tcp_send_ack(sk);
		return -1;
	}
	/* No ACK: a RST is ignored; a SYN would be a simultaneous open. */
	if (th->syn)
		trace_tcp_discard(net, skb, "simultaneous_open_unsupported");
discard:
	kfree_skb(skb);
	return 0;
}

/* tcp_time_wait for an orphan whose FIN was acked (FIN_WAIT2 timeout). */
static void
sim_tcp_orphan_fin_wait2(struct sock *sk)
{
	if (sim_sock_flag_dead(sk))
		tcp_time_wait(sk, TCP_FIN_WAIT2, tcp_fin_time(sk));
}

/**
 * tcp_rcv_state_process - a segment for any state but ESTABLISHED and
 * TIME_WAIT [RFC 793 3.9]
 *
 * Returns 0 (@skb consumed) or 1 (the caller answers with a RST and
 * frees @skb).
 */
int
tcp_rcv_state_process(struct sock *sk, struct sk_buff *skb, const struct tcphdr *th,
		      unsigned int len)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	int queued = 0, acceptable;

	trace_tcp_rcv_state_process(sk, skb, len);
	switch (sk->sk_state) {
	case TCP_CLOSE:
		goto discard;
	case TCP_LISTEN:
		if (th->ack)
			return 1;
		if (th->rst)
			goto discard;
		if (th->syn) {
			if (tcp_v4_conn_request(sk, skb) < 0)
				return 1;
			/* NOTE: 3.10 frees it with kfree_skb; it was no drop. */
			consume_skb(skb);
			return 0;
		}
		goto discard;
	case TCP_SYN_SENT:
		queued = tcp_rcv_synsent_state_process(sk, skb, th);
		if (queued >= 0)
			return queued;
		consume_skb(skb);
		tcp_data_snd_check(sk);
		return 0;
	}

	tcp_parse_options(skb, &tp->rx_opt, 1);
	if (!tcp_validate_incoming(sk, skb, th))
		return 0;
	if (!th->ack)
		goto discard;
	tcp_replace_ts_recent(sk, TCP_SKB_CB(skb)->seq);
	acceptable = tcp_ack(sk, skb, FLAG_SLOWPATH) > 0;

	switch (sk->sk_state) {
	case TCP_SYN_RECV:
		if (!acceptable)
			return 1;
		tp->copied_seq = tp->rcv_nxt;
		tcp_set_state(sk, TCP_ESTABLISHED);
		sk->sk_state_change(sk);
		tp->snd_una = TCP_SKB_CB(skb)->ack_seq;
		tp->snd_wnd = ntohs(th->window) << tp->rx_opt.snd_wscale;
		tp->snd_wl1 = TCP_SKB_CB(skb)->seq;
		if (tp->snd_wnd > tp->max_window)
			tp->max_window = tp->snd_wnd;
		if (tp->rx_opt.tstamp_ok)
			tp->advmss -= TCPOLEN_TSTAMP_ALIGNED;
		sim_tcp_init_transfer(sk);
		tcp_update_pacing_rate(sk);
		tcp_initialize_rcv_mss(sk);
		break;
	case TCP_FIN_WAIT1:
		if (tp->snd_una == tp->write_seq) {
			tcp_set_state(sk, TCP_FIN_WAIT2);
			sk->sk_shutdown |= SEND_SHUTDOWN;
			if (!sim_sock_flag_dead(sk))
				sk->sk_state_change(sk);
			else if (!(TCP_SKB_CB(skb)->tcp_flags & TCPHDR_FIN))
				sim_tcp_orphan_fin_wait2(sk);
		}
		break;
	case TCP_CLOSING:
		if (tp->snd_una == tp->write_seq) {
			tcp_time_wait(sk, TCP_TIME_WAIT, 0);
			goto discard;
		}
		break;
	case TCP_LAST_ACK:
		if (tp->snd_una == tp->write_seq) {
			tcp_done(sk);
			goto discard;
		}
		break;
	}

	/* Step 7: the segment's text. */
	switch (sk->sk_state) {
	case TCP_CLOSE_WAIT:
	case TCP_CLOSING:
	case TCP_LAST_ACK:
		if (!before(TCP_SKB_CB(skb)->seq, tp->rcv_nxt))
			break;
		/* fall through */
	case TCP_FIN_WAIT1:
	case TCP_FIN_WAIT2:
		/* Data after we closed our receive side: the reader is gone. */
		if ((sk->sk_shutdown & RCV_SHUTDOWN) &&
		    TCP_SKB_CB(skb)->end_seq != TCP_SKB_CB(skb)->seq &&
		    after(TCP_SKB_CB(skb)->end_seq - th->fin, tp->rcv_nxt)) {
			NET_INC_STATS(net, LINUX_MIB_TCPABORTONDATA);
			tcp_reset(sk);
			return 1;
		}
		/* fall through */
	case TCP_ESTABLISHED:
		tcp_data_queue(sk, skb);
		queued = 1;
		break;
	}
	if (sk->sk_state != TCP_CLOSE) {
		tcp_data_snd_check(sk);
		tcp_ack_snd_check(sk);
	}
	if (queued)
		return 0;
discard:
	consume_skb(skb);
	return 0;
}
