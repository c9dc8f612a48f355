/*
 * layers/tcp_input_sack.c - the SACK scoreboard: what the peer's SACK
 * blocks [RFC 2018] tell the sender about each segment in flight.
 *
 * Mirrors the scoreboard half of net/ipv4/tcp_input.c (Linux 3.10.108),
 * which keeps it with the rest of TCP's receive side; netstep gives it a
 * file of its own (layers/tcp_input_priv.h says how the three parts
 * meet).  Every sent skb on sk_write_queue carries up to three marks in
 * TCP_SKB_CB(skb)->sacked, each counted in a tcp_sock total:
 *
 *	S  TCPCB_SACKED_ACKED    the receiver has it       sacked_out
 *	R  TCPCB_SACKED_RETRANS  a retransmission flies    retrans_out
 *	L  TCPCB_LOST            we think it was lost      lost_out
 *
 * so that packets_out - (sacked_out + lost_out) + retrans_out is what is
 * still in the network (tcp_packets_in_flight).  Valid combinations are
 * none (the original flies), S, L, R (both copies fly), L|R (the
 * original was lost, its retransmission flies) and S|R.  SACK blocks set
 * S (tcp_sacktag_write_queue); loss detection sets L
 * (layers/tcp_input_recovery.c: tcp_mark_head_lost, tcp_enter_loss);
 * retransmission sets R (layers/tcp_output.c: tcp_retransmit_skb).
 *
 * tcp_ack -> tcp_sacktag_write_queue:
 *   tcp_check_dsack      a first block below the ACK, or inside the
 *                        second, reports a duplicate (D-SACK) [RFC 2883]
 *   tcp_is_sackblock_valid  blocks outside snd_una..snd_nxt are ignored
 *   blocks sorted, then for each one the write queue is walked from the
 *   head (or from the highest SACKed skb, or past the blocks of the last
 *   ACK, recv_sack_cache, that were done already):
 *     tcp_sacktag_walk -> tcp_shift_skb_data (newly SACKed data joins the
 *                         SACKed skb before it: skb_shift, tcp_shifted_skb)
 *                      -> tcp_match_skb_to_sack (may tcp_fragment a GSO
 *                         skb at the block's edge) -> tcp_sacktag_one
 *   tcp_mark_lost_retrans   a retransmission sent before what is now
 *                           SACKed was lost too
 *   tcp_update_reordering   a hole filled by an original, not by a
 *                           retransmission, was reordering
 * fackets_out (FACK) counts every segment up to the highest SACKed one.
 * Without SACK (tcp_is_reno) the same counters are kept from duplicate
 * ACKs: tcp_add_reno_sack, tcp_remove_reno_sacks.
 *
 * Read before: layers/tcp_input.c (tcp_ack).  Read after:
 * layers/tcp_input_recovery.c (what the marks decide).
 *
 * KERNEL: the write-queue hints (lost_skb_hint, retransmit_skb_hint)
 * are left out: the walks that use them start at the head instead,
 * which marks the same skbs.
 */
#include "layers/tcp_input_priv.h"
#include "events/tcp.h"

static const char KSRC[] = "net/ipv4/tcp_input.c";

/* What one pass of tcp_sacktag_write_queue found. */
struct tcp_sacktag_state {
	int reord;		/* lowest fack_count of a hole filled late */
	int fack_count;		/* segments walked so far from the head */
	int flag;		/* FLAG_DATA_SACKED, FLAG_ORIG_SACK_ACKED ... */
};

/* A big-endian 32-bit word at any alignment (a SACK block's edges). */
static u32
sim_get_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

/* tcp_disable_fack: FACK counts holes as lost, wrong once packets are
 * known to be reordered. */
static void
tcp_disable_fack(struct tcp_sock *tp)
{
	tp->rx_opt.sack_ok &= ~TCP_FACK_ENABLED;
}

/* The peer sends D-SACKs. */
static void
tcp_dsack_seen(struct tcp_sock *tp)
{
	tp->rx_opt.sack_ok |= TCP_DSACK_SEEN;
}

/**
 * tcp_update_reordering - a segment arrived @metric places out of
 * order: let tp->reordering (the duplicate ACKs or SACKed segments it
 * takes to call a hole lost) grow to it, and stop FACK and early
 * retransmit, which assume no reordering
 * @ts: seen through timestamps (an undo), not SACK or duplicate ACKs
 */
void
tcp_update_reordering(struct sock *sk, const int metric, const int ts)
{
	struct tcp_sock *tp = tcp_sk(sk);

	trace_tcp_update_reordering(sk, metric, ts);
	if (metric > tp->reordering) {
		int mib;

		tp->reordering = min_t(int, TCP_MAX_REORDERING, metric);
		if (ts)
			mib = LINUX_MIB_TCPTSREORDER;
		else if (tcp_is_reno(tp))
			mib = LINUX_MIB_TCPRENOREORDER;
		else if (tcp_is_fack(tp))
			mib = LINUX_MIB_TCPFACKREORDER;
		else
			mib = LINUX_MIB_TCPSACKREORDER;
		NET_INC_STATS(sock_net(sk), mib);
		tcp_disable_fack(tp);
	}
	if (metric > 0)
		tcp_disable_early_retrans(tp);
}

/*
 * tcp_verify_retransmit_hint - @skb is about to be marked lost: L marks
 * now reach at least its end (retransmit_high).
 * KERNEL: the retransmit_skb_hint it also moves is not kept.
 */
static void
tcp_verify_retransmit_hint(struct tcp_sock *tp, struct sk_buff *skb)
{
	if (!tp->lost_out || after(TCP_SKB_CB(skb)->end_seq, tp->retransmit_high))
		tp->retransmit_high = TCP_SKB_CB(skb)->end_seq;
}

/* tcp_skb_mark_lost: L, unless it is already L or the receiver has it. */
void
tcp_skb_mark_lost(struct tcp_sock *tp, struct sk_buff *skb)
{
	if (!(TCP_SKB_CB(skb)->sacked & (TCPCB_LOST | TCPCB_SACKED_ACKED))) {
		tcp_verify_retransmit_hint(tp, skb);
		tp->lost_out += tcp_skb_pcount(skb);
		TCP_SKB_CB(skb)->sacked |= TCPCB_LOST;
	}
}

/* The same, for an skb whose retransmission was lost: retransmit_high
 * moves even if it is L already. */
void
tcp_skb_mark_lost_uncond_verify(struct tcp_sock *tp, struct sk_buff *skb)
{
	tcp_verify_retransmit_hint(tp, skb);
	if (!(TCP_SKB_CB(skb)->sacked & (TCPCB_LOST | TCPCB_SACKED_ACKED))) {
		tp->lost_out += tcp_skb_pcount(skb);
		TCP_SKB_CB(skb)->sacked |= TCPCB_LOST;
	}
}

/*
 * tcp_is_sackblock_valid - may [start_seq, end_seq) be believed?
 *
 * A block must lie above snd_una and end by snd_nxt (a block starting at
 * snd_una would contradict the cumulative ACK of the same segment).  A
 * D-SACK may lie below snd_una, down to undo_marker (where retransmitting
 * began: nothing older can undo anything), or cross it by at most a
 * window.  Reversed blocks and blocks beyond the sequence wrap are not.
 */
static bool
tcp_is_sackblock_valid(struct tcp_sock *tp, bool is_dsack, u32 start_seq, u32 end_seq)
{
	if (after(end_seq, tp->snd_nxt) || !before(start_seq, end_seq))
		return false;
	if (!before(start_seq, tp->snd_nxt))
		return false;
	if (after(start_seq, tp->snd_una))
		return true;
	if (!is_dsack || !tp->undo_marker)
		return false;
	if (after(end_seq, tp->snd_una))
		return false;
	if (!before(start_seq, tp->undo_marker))
		return true;
	if (!after(end_seq, tp->undo_marker))
		return false;
	return !before(start_seq, end_seq - tp->max_window);
}

/**
 * tcp_mark_lost_retrans - retransmissions that are lost again: an R skb
 * whose retransmission went out when snd_nxt was below what the peer now
 * SACKs (its ack_seq) should have arrived by now; it is L again, to be
 * retransmitted once more
 *
 * Only with FACK, in Recovery; lost_retrans_low (the lowest such snd_nxt)
 * saves the walk while nothing can have been overtaken.
 */
static void
tcp_mark_lost_retrans(struct sock *sk)
{
	const struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	u32 new_low_seq = tp->snd_nxt;
	u32 received_upto = tcp_highest_sack_seq(tp);
	struct sk_buff *skb;
	u32 cnt = 0;

	if (!tcp_is_fack(tp) || !tp->retrans_out || !after(received_upto, tp->lost_retrans_low) ||
	    icsk->icsk_ca_state != TCP_CA_Recovery)
		return;
	trace_tcp_mark_lost_retrans(sk, received_upto);
	skb_queue_walk(&sk->sk_write_queue, skb) {
		u32 ack_seq = TCP_SKB_CB(skb)->ack_seq;

		if (skb == tcp_send_head(sk) || cnt == tp->retrans_out)
			break;
		if (!after(TCP_SKB_CB(skb)->end_seq, tp->snd_una))
			continue;
		if (!(TCP_SKB_CB(skb)->sacked & TCPCB_SACKED_RETRANS))
			continue;
		if (after(received_upto, ack_seq)) {
			TCP_SKB_CB(skb)->sacked &= ~TCPCB_SACKED_RETRANS;
			tp->retrans_out -= tcp_skb_pcount(skb);
			tcp_skb_mark_lost_uncond_verify(tp, skb);
			NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPLOSTRETRANSMIT);
		} else {
			if (before(ack_seq, new_low_seq))
				new_low_seq = ack_seq;
			cnt += tcp_skb_pcount(skb);
		}
	}
	if (tp->retrans_out)
		tp->lost_retrans_low = new_low_seq;
}

/**
 * tcp_check_dsack - is the first SACK block a D-SACK [RFC 2883 4]?
 * Below the cumulative ACK (data received twice), or inside the second
 * block (a duplicate of out-of-order data).
 *
 * A D-SACK of data below snd_una that was retransmitted in this episode
 * proves one retransmission unneeded: undo_retrans counts down towards
 * the undo (tcp_try_undo_dsack).
 */
static bool
tcp_check_dsack(struct sock *sk, const struct sk_buff *ack_skb, const u8 *sp, int num_sacks,
		u32 prior_snd_una)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 start_seq_0 = sim_get_be32(sp), end_seq_0 = sim_get_be32(sp + 4);
	bool dup_sack = false;

	if (before(start_seq_0, TCP_SKB_CB(ack_skb)->ack_seq)) {
		dup_sack = true;
		tcp_dsack_seen(tp);
		NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPDSACKRECV);
	} else if (num_sacks > 1) {
		u32 start_seq_1 = sim_get_be32(sp + 8), end_seq_1 = sim_get_be32(sp + 12);

		if (!after(end_seq_0, end_seq_1) && !before(start_seq_0, start_seq_1)) {
			dup_sack = true;
			tcp_dsack_seen(tp);
			NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPDSACKOFORECV);
		}
	}
	/* Already acked and forgotten: only the count of them can help. */
	if (dup_sack && tp->undo_marker && tp->undo_retrans > 0 &&
	    !after(end_seq_0, prior_snd_una) && after(end_seq_0, tp->undo_marker))
		tp->undo_retrans--;
	if (dup_sack)
		trace_tcp_dsack_recv(sk, start_seq_0, end_seq_0);
	return dup_sack;
}

/*
 * tcp_match_skb_to_sack - does the block cover @skb?  1 yes, 0 no, <0
 * error.  A GSO skb the block covers only partly is first cut at a
 * segment boundary (tcp_fragment), so that marks stay per whole skb: the
 * part inside is marked now, the rest when the walk reaches it.
 */
static int
tcp_match_skb_to_sack(struct sock *sk, struct sk_buff *skb, u32 start_seq, u32 end_seq)
{
	bool in_sack = !after(start_seq, TCP_SKB_CB(skb)->seq) &&
		       !before(end_seq, TCP_SKB_CB(skb)->end_seq);
	unsigned int pkt_len, mss;
	int err;

	if (tcp_skb_pcount(skb) > 1 && !in_sack && after(TCP_SKB_CB(skb)->end_seq, start_seq)) {
		mss = tcp_skb_mss(skb);
		in_sack = !after(start_seq, TCP_SKB_CB(skb)->seq);
		if (!in_sack) {
			/* The block starts inside: keep what is before it. */
			pkt_len = start_seq - TCP_SKB_CB(skb)->seq;
			if (pkt_len < mss)
				pkt_len = mss;
		} else {
			/* The block ends inside: the first part is SACKed. */
			pkt_len = end_seq - TCP_SKB_CB(skb)->seq;
			if (pkt_len < mss)
				return -EINVAL;
		}
		/* Cut on whole segments only (rounding the head up). */
		if (pkt_len > mss) {
			unsigned int new_len = (pkt_len / mss) * mss;

			if (!in_sack && new_len < pkt_len) {
				new_len += mss;
				if (new_len >= skb->len)
					return 0;
			}
			pkt_len = new_len;
		}
		err = tcp_fragment(sk, skb, pkt_len, mss);
		if (err < 0)
			return err;
	}
	return in_sack;
}

/**
 * tcp_sacktag_one - mark [start_seq, end_seq) (@pcount segments, marks
 * @sacked so far) SACKed: S, counted in sacked_out; L and R cleared if
 * it was a lost original whose retransmission arrived; a hole filled by
 * an original below the highest SACK is reordering
 *
 * Returns the new marks.  @dup_sack: it came in a D-SACK: a
 * retransmission of it was not needed (undo_retrans), and its R goes.
 */
static u8
tcp_sacktag_one(struct sock *sk, struct tcp_sacktag_state *state, u8 sacked, u32 start_seq,
		u32 end_seq, bool dup_sack, int pcount)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int fack_count = state->fack_count;

	trace_tcp_sacktag_one(sk, sacked, start_seq, end_seq, dup_sack, pcount);
	if (dup_sack && (sacked & TCPCB_RETRANS)) {
		if (tp->undo_marker && tp->undo_retrans > 0 && after(end_seq, tp->undo_marker))
			tp->undo_retrans--;
		if (sacked & TCPCB_SACKED_ACKED)
			state->reord = min_t(int, fack_count, state->reord);
	}
	/* Cumulatively acked already: it is about to be freed. */
	if (!after(end_seq, tp->snd_una))
		return sacked;

	if (!(sacked & TCPCB_SACKED_ACKED)) {
		if (sacked & TCPCB_SACKED_RETRANS) {
			/* L|R: the retransmission arrived.  Plain R keeps its
			 * mark: the retransmission may still be flying. */
			if (sacked & TCPCB_LOST) {
				sacked &= ~(TCPCB_LOST | TCPCB_SACKED_RETRANS);
				tp->lost_out -= pcount;
				tp->retrans_out -= pcount;
			}
		} else {
			if (!(sacked & TCPCB_RETRANS)) {
				/* An original filling a hole below the highest
				 * SACK: it was reordered, not lost. */
				if (before(start_seq, tcp_highest_sack_seq(tp)))
					state->reord = min_t(int, fack_count, state->reord);
				if (!after(end_seq, tp->high_seq))
					state->flag |= FLAG_ORIG_SACK_ACKED;
			}
			if (sacked & TCPCB_LOST) {
				sacked &= ~TCPCB_LOST;
				tp->lost_out -= pcount;
			}
		}
		sacked |= TCPCB_SACKED_ACKED;
		state->flag |= FLAG_DATA_SACKED;
		tp->sacked_out += pcount;
		fack_count += pcount;
		if (fack_count > (int)tp->fackets_out)
			tp->fackets_out = fack_count;
	}
	/* D-SACK: the retransmission of S|R or R was not needed. */
	if (dup_sack && (sacked & TCPCB_SACKED_RETRANS)) {
		sacked &= ~TCPCB_SACKED_RETRANS;
		tp->retrans_out -= pcount;
	}
	return sacked;
}

/**
 * tcp_shifted_skb - @shifted bytes (@pcount segments) at the start of
 * @skb were just moved by skb_shift onto the SACKed skb before it: mark
 * them SACKed and move the sequence edges and segment counts across
 *
 * Returns true if that emptied @skb, which is then unlinked and freed
 * (TCPSackMerged; else TCPSackShifted).
 */
static bool
tcp_shifted_skb(struct sock *sk, struct sk_buff *skb, struct tcp_sacktag_state *state,
		unsigned int pcount, int shifted, int mss, bool dup_sack)
{
	struct sk_buff *prev = tcp_write_queue_prev(sk, skb);
	u32 start_seq = TCP_SKB_CB(skb)->seq;

	trace_tcp_shifted_skb(sk, skb, prev, shifted, pcount);
	/* Tag first: moving seq below may move tcp_highest_sack_seq. */
	tcp_sacktag_one(sk, state, TCP_SKB_CB(skb)->sacked, start_seq, start_seq + shifted,
			dup_sack, pcount);
	TCP_SKB_CB(prev)->end_seq += shifted;
	TCP_SKB_CB(skb)->seq += shifted;
	skb_shinfo(prev)->gso_segs += pcount;
	skb_shinfo(skb)->gso_segs -= pcount;
	/* prev was one segment (gso_size 0): it now has a segment size. */
	if (!skb_shinfo(prev)->gso_size) {
		skb_shinfo(prev)->gso_size = mss;
		skb_shinfo(prev)->gso_type = sk->sk_gso_type;
	}
	if (skb_shinfo(skb)->gso_segs <= 1) {
		skb_shinfo(skb)->gso_size = 0;
		skb_shinfo(skb)->gso_type = 0;
	}
	/* Both leave with the same cumulative ACK: one Karn mark for both. */
	TCP_SKB_CB(prev)->sacked |= TCP_SKB_CB(skb)->sacked & TCPCB_EVER_RETRANS;
	if (skb->len > 0) {
		NET_INC_STATS(sock_net(sk), LINUX_MIB_SACKSHIFTED);
		return false;
	}

	/* Nothing left of skb: prev takes its flags (and a FIN's sequence). */
	TCP_SKB_CB(prev)->tcp_flags |= TCP_SKB_CB(skb)->tcp_flags;
	if (TCP_SKB_CB(skb)->tcp_flags & TCPHDR_FIN)
		TCP_SKB_CB(prev)->end_seq++;
	if (skb == tcp_highest_sack(sk))
		tcp_advance_highest_sack(sk, skb);
	/* tcp_unlink_write_queue + sk_wmem_free_skb */
	__skb_unlink(skb, &sk->sk_write_queue);
	sk->sk_wmem_queued -= skb->truesize;
	consume_skb(skb);
	NET_INC_STATS(sock_net(sk), LINUX_MIB_SACKMERGED);
	return true;
}

/* Only page data can move between skbs: a linear head cannot. */
static bool
skb_can_shift(const struct sk_buff *skb)
{
	return !skb_headlen(skb) && skb_is_nonlinear(skb);
}

/**
 * tcp_shift_skb_data - instead of marking @skb SACKed on its own, move
 * the SACKed part of it onto the previous skb if that one is SACKed
 * already (and cut for the same MSS), so the scoreboard keeps fewer,
 * bigger skbs; then try to absorb the next skb too if it is SACKed
 *
 * Returns the skb the walk goes on from: the one that grew (moved), @skb
 * itself (nothing to do here), or NULL (cannot shift: the caller marks
 * @skb the ordinary way; TCPSackShiftFallback).
 */
static struct sk_buff *
tcp_shift_skb_data(struct sock *sk, struct sk_buff *skb, struct tcp_sacktag_state *state,
		   u32 start_seq, u32 end_seq, bool dup_sack)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *prev;
	int mss, len, in_sack;
	int pcount = 0;

	if (!sk_can_gso(sk))
		goto fallback;
	/* R without L stays R: its retransmission may still be flying. */
	if (!dup_sack && (TCP_SKB_CB(skb)->sacked & (TCPCB_LOST | TCPCB_SACKED_RETRANS)) ==
			 TCPCB_SACKED_RETRANS)
		goto fallback;
	if (!skb_can_shift(skb))
		goto fallback;
	if (!after(TCP_SKB_CB(skb)->end_seq, tp->snd_una))
		goto fallback;
	if (skb == tcp_write_queue_head(sk))
		goto fallback;
	prev = tcp_write_queue_prev(sk, skb);
	if ((TCP_SKB_CB(prev)->sacked & TCPCB_TAGBITS) != TCPCB_SACKED_ACKED)
		goto fallback;

	in_sack = !after(start_seq, TCP_SKB_CB(skb)->seq) &&
		  !before(end_seq, TCP_SKB_CB(skb)->end_seq);
	if (in_sack) {
		len = skb->len;
		pcount = tcp_skb_pcount(skb);
		mss = tcp_skb_seglen(skb);
		if (mss != tcp_skb_seglen(prev))
			goto fallback;
	} else {
		if (!after(TCP_SKB_CB(skb)->end_seq, start_seq))
			goto noop;
		if (tcp_skb_pcount(skb) <= 1)
			goto noop;
		/* Only a block covering the start of skb can be shifted. */
		if (after(start_seq, TCP_SKB_CB(skb)->seq))
			goto fallback;
		len = end_seq - TCP_SKB_CB(skb)->seq;
		mss = tcp_skb_mss(skb);
		if (mss != tcp_skb_seglen(prev))
			goto fallback;
		/* Whole segments only, or the counts would break. */
		if (len == mss) {
			pcount = 1;
		} else if (len < mss) {
			goto noop;
		} else {
			pcount = len / mss;
			len = pcount * mss;
		}
	}
	/* tcp_sacktag_one ignores what is below snd_una. */
	if (!after(TCP_SKB_CB(skb)->seq + len, tp->snd_una))
		goto fallback;
	if (!skb_shift(prev, skb, len))
		goto fallback;
	if (!tcp_shifted_skb(sk, skb, state, pcount, len, mss, dup_sack))
		goto out;

	/* skb is gone: the next one, if SACKed and alike, joins prev too. */
	if (prev == tcp_write_queue_tail(sk))
		goto out;
	skb = tcp_write_queue_next(sk, prev);
	if (!skb_can_shift(skb) || skb == tcp_send_head(sk) ||
	    (TCP_SKB_CB(skb)->sacked & TCPCB_TAGBITS) != TCPCB_SACKED_ACKED ||
	    mss != tcp_skb_seglen(skb))
		goto out;
	len = skb->len;
	if (skb_shift(prev, skb, len)) {
		pcount += tcp_skb_pcount(skb);
		tcp_shifted_skb(sk, skb, state, tcp_skb_pcount(skb), len, mss, 0);
	}
out:
	state->fack_count += pcount;
	return prev;
noop:
	return skb;
fallback:
	NET_INC_STATS(sock_net(sk), LINUX_MIB_SACKSHIFTFALLBACK);
	return NULL;
}

/**
 * tcp_sacktag_walk - mark the skbs from @skb up to @end_seq that the
 * block [start_seq, end_seq) covers; @next_dup is a D-SACK block lying
 * inside this range (its skbs are marked as duplicates)
 *
 * Returns where the walk stopped (the next block goes on from there).
 */
static struct sk_buff *
tcp_sacktag_walk(struct sk_buff *skb, struct sock *sk, struct tcp_sack_block *next_dup,
		 struct tcp_sacktag_state *state, u32 start_seq, u32 end_seq, bool dup_sack_in)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *tmp;

	for (; skb != (struct sk_buff *)&sk->sk_write_queue; skb = skb->next) {
		int in_sack = 0;
		bool dup_sack = dup_sack_in;

		if (skb == tcp_send_head(sk))
			break;
		/* The queue is in sequence order: past the block, stop. */
		if (!before(TCP_SKB_CB(skb)->seq, end_seq))
			break;
		if (next_dup && before(TCP_SKB_CB(skb)->seq, next_dup->end_seq)) {
			in_sack = tcp_match_skb_to_sack(sk, skb, next_dup->start_seq,
							next_dup->end_seq);
			if (in_sack > 0)
				dup_sack = true;
		}
		/* Shifting may free this skb and the next: restart from
		 * what it returns. */
		if (in_sack <= 0) {
			tmp = tcp_shift_skb_data(sk, skb, state, start_seq, end_seq, dup_sack);
			if (tmp) {
				if (tmp != skb) {
					skb = tmp;
					continue;
				}
				in_sack = 0;
			} else {
				in_sack = tcp_match_skb_to_sack(sk, skb, start_seq, end_seq);
			}
		}
		if (unlikely(in_sack < 0))
			break;
		if (in_sack) {
			TCP_SKB_CB(skb)->sacked = tcp_sacktag_one(sk, state, TCP_SKB_CB(skb)->sacked,
								  TCP_SKB_CB(skb)->seq,
								  TCP_SKB_CB(skb)->end_seq,
								  dup_sack, tcp_skb_pcount(skb));
			if (!before(TCP_SKB_CB(skb)->seq, tcp_highest_sack_seq(tp)))
				tcp_advance_highest_sack(sk, skb);
		}
		state->fack_count += tcp_skb_pcount(skb);
	}
	return skb;
}

/* tcp_sacktag_skip: walk to the first skb ending past @skip_to_seq,
 * only counting segments (fack_count). */
static struct sk_buff *
tcp_sacktag_skip(struct sk_buff *skb, struct sock *sk, struct tcp_sacktag_state *state,
		 u32 skip_to_seq)
{
	for (; skb != (struct sk_buff *)&sk->sk_write_queue; skb = skb->next) {
		if (skb == tcp_send_head(sk))
			break;
		if (after(TCP_SKB_CB(skb)->end_seq, skip_to_seq))
			break;
		state->fack_count += tcp_skb_pcount(skb);
	}
	return skb;
}

/* A D-SACK inside a range the cache lets us skip must still be walked. */
static struct sk_buff *
tcp_maybe_skipping_dsack(struct sk_buff *skb, struct sock *sk, struct tcp_sack_block *next_dup,
			 struct tcp_sacktag_state *state, u32 skip_to_seq)
{
	if (!next_dup)
		return skb;
	if (before(next_dup->start_seq, skip_to_seq)) {
		skb = tcp_sacktag_skip(skb, sk, state, next_dup->start_seq);
		skb = tcp_sacktag_walk(skb, sk, NULL, state, next_dup->start_seq,
				       next_dup->end_seq, 1);
	}
	return skb;
}

static bool
tcp_sack_cache_ok(const struct tcp_sock *tp, const struct tcp_sack_block *cache)
{
	return cache < tp->recv_sack_cache + ARRAY_SIZE(tp->recv_sack_cache);
}

/*
 * sim_tcp_sack_blocks - the valid blocks of @ack_skb's SACK option, into
 * @sp in sequence order; @first_sack_index: where the first block (the
 * one a D-SACK can be) went, -1 if it was dropped.  Returns how many.
 * NOTE: 3.10 does this inline at the head of tcp_sacktag_write_queue.
 */
static int
sim_tcp_sack_blocks(struct sock *sk, const struct sk_buff *ack_skb, const u8 *wire, int num_sacks,
		    bool found_dup_sack, u32 prior_snd_una, struct tcp_sack_block *sp,
		    int *first_sack_index)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int used = 0;

	*first_sack_index = 0;
	for (int i = 0; i < num_sacks; i++) {
		bool dup_sack = !i && found_dup_sack;

		sp[used].start_seq = sim_get_be32(wire + 8 * i);
		sp[used].end_seq = sim_get_be32(wire + 8 * i + 4);
		if (!tcp_is_sackblock_valid(tp, dup_sack, sp[used].start_seq, sp[used].end_seq)) {
			int mib;

			if (dup_sack) {
				mib = tp->undo_marker ? LINUX_MIB_TCPDSACKIGNOREDOLD :
							LINUX_MIB_TCPDSACKIGNOREDNOUNDO;
			} else {
				/* An old ACK overtaken by a newer one: not counted. */
				if (TCP_SKB_CB(ack_skb)->ack_seq != tp->snd_una &&
				    !after(sp[used].end_seq, tp->snd_una))
					continue;
				mib = LINUX_MIB_TCPSACKDISCARD;
			}
			NET_INC_STATS(sock_net(sk), mib);
			if (i == 0)
				*first_sack_index = -1;
			continue;
		}
		/* Wholly acked already. */
		if (!after(sp[used].end_seq, prior_snd_una))
			continue;
		used++;
	}
	/* In sequence order, for one walk up the queue. */
	for (int i = used - 1; i > 0; i--) {
		for (int j = 0; j < i; j++) {
			if (after(sp[j].start_seq, sp[j + 1].start_seq)) {
				struct tcp_sack_block t = sp[j];

				sp[j] = sp[j + 1];
				sp[j + 1] = t;
				if (j == *first_sack_index)
					*first_sack_index = j + 1;
			}
		}
	}
	return used;
}

/**
 * tcp_sacktag_write_queue - apply the SACK blocks of @ack_skb to the
 * write queue: S marks, the counters, D-SACKs, reordering
 *
 * Called by tcp_ack for every segment with a SACK option
 * (TCP_SKB_CB(ack_skb)->sacked is its offset).  Returns FLAG_DATA_SACKED
 * (something new is SACKed), FLAG_DSACKING_ACK, FLAG_ORIG_SACK_ACKED.
 * The blocks of the last ACK are remembered (recv_sack_cache): the part
 * of a block that was already walked is skipped, as is everything below
 * the highest SACKed skb when a block lies above it.
 */
int
tcp_sacktag_write_queue(struct sock *sk, const struct sk_buff *ack_skb, u32 prior_snd_una)
{
	struct tcp_sock *tp = tcp_sk(sk);
	const u8 *ptr = skb_transport_header(ack_skb) + TCP_SKB_CB(ack_skb)->sacked;
	int num_sacks = min_t(int, TCP_NUM_SACKS, (ptr[1] - TCPOLEN_SACK_BASE) >> 3);
	struct tcp_sack_block sp[TCP_NUM_SACKS], *cache;
	struct tcp_sacktag_state state;
	int used_sacks, first_sack_index, i, j;
	bool found_dup_sack;
	struct sk_buff *skb;

	trace_tcp_sacktag_write_queue(sk, ack_skb, num_sacks);
	state.flag = 0;
	state.reord = tp->packets_out;
	if (!tp->sacked_out) {
		tp->fackets_out = 0;
		tcp_highest_sack_reset(sk);
	}
	found_dup_sack = tcp_check_dsack(sk, ack_skb, ptr + 2, num_sacks, prior_snd_una);
	if (found_dup_sack)
		state.flag |= FLAG_DSACKING_ACK;
	/* An ACK older than a window: too old to trust its blocks. */
	if (before(TCP_SKB_CB(ack_skb)->ack_seq, prior_snd_una - tp->max_window))
		return 0;
	if (!tp->packets_out)
		goto out;

	used_sacks = sim_tcp_sack_blocks(sk, ack_skb, ptr + 2, num_sacks, found_dup_sack,
					 prior_snd_una, sp, &first_sack_index);
	skb = tcp_write_queue_head(sk);
	state.fack_count = 0;
	i = 0;
	if (!tp->sacked_out) {
		/* Nothing SACKed: the cache says nothing. */
		cache = tp->recv_sack_cache + ARRAY_SIZE(tp->recv_sack_cache);
	} else {
		cache = tp->recv_sack_cache;
		while (tcp_sack_cache_ok(tp, cache) && !cache->start_seq && !cache->end_seq)
			cache++;
	}

	while (i < used_sacks) {
		u32 start_seq = sp[i].start_seq, end_seq = sp[i].end_seq;
		bool dup_sack = found_dup_sack && i == first_sack_index;
		struct tcp_sack_block *next_dup = NULL;

		if (found_dup_sack && i + 1 == first_sack_index)
			next_dup = &sp[i + 1];
		/* Cached blocks wholly below this one are of no help. */
		while (tcp_sack_cache_ok(tp, cache) && !before(start_seq, cache->end_seq))
			cache++;
		if (tcp_sack_cache_ok(tp, cache) && !dup_sack && after(end_seq, cache->start_seq)) {
			/* Overlaps what the last ACK said: the head first. */
			if (before(start_seq, cache->start_seq)) {
				skb = tcp_sacktag_skip(skb, sk, &state, start_seq);
				skb = tcp_sacktag_walk(skb, sk, next_dup, &state, start_seq,
						       cache->start_seq, dup_sack);
			}
			if (!after(end_seq, cache->end_seq))
				goto advance_sp;
			skb = tcp_maybe_skipping_dsack(skb, sk, next_dup, &state, cache->end_seq);
			/* The tail: from the highest SACK if that is where it starts. */
			if (tcp_highest_sack_seq(tp) == cache->end_seq) {
				skb = tcp_highest_sack(sk);
				if (!skb)
					break;
				state.fack_count = tp->fackets_out;
				cache++;
				goto walk;
			}
			skb = tcp_sacktag_skip(skb, sk, &state, cache->end_seq);
			cache++;
			continue;
		}
		if (!before(start_seq, tcp_highest_sack_seq(tp))) {
			skb = tcp_highest_sack(sk);
			if (!skb)
				break;
			state.fack_count = tp->fackets_out;
		}
		skb = tcp_sacktag_skip(skb, sk, &state, start_seq);
walk:
		skb = tcp_sacktag_walk(skb, sk, next_dup, &state, start_seq, end_seq, dup_sack);
advance_sp:
		i++;
	}

	/* Remember these blocks, at the end of the cache. */
	for (i = 0; i < (int)ARRAY_SIZE(tp->recv_sack_cache) - used_sacks; i++) {
		tp->recv_sack_cache[i].start_seq = 0;
		tp->recv_sack_cache[i].end_seq = 0;
	}
	for (j = 0; j < used_sacks; j++)
		tp->recv_sack_cache[i++] = sp[j];

	tcp_mark_lost_retrans(sk);
	/* Not in Loss, where retransmissions cannot be told apart (unless
	 * an undo is still possible). */
	if (state.reord < (int)tp->fackets_out &&
	    (inet_csk(sk)->icsk_ca_state != TCP_CA_Loss || tp->undo_marker))
		tcp_update_reordering(sk, tp->fackets_out - state.reord, 0);
out:
	trace_tcp_sacktag_done(sk, state.flag);
	return state.flag;
}

/* ---- Reno: the counters kept from duplicate ACKs ----------------------------- */

/*
 * tcp_limit_reno_sacked - duplicate ACKs never count for more segments
 * than can have left: at least one (or lost_out) holes stay.  Returns
 * true if it had to cut sacked_out.
 */
bool
tcp_limit_reno_sacked(struct tcp_sock *tp)
{
	u32 holes = max_t(u32, tp->lost_out, 1U);

	holes = min_t(u32, holes, tp->packets_out);
	if (tp->sacked_out + holes > tp->packets_out) {
		tp->sacked_out = tp->packets_out - holes;
		return true;
	}
	return false;
}

/* More duplicate ACKs than segments beyond the hole: reordering (or a
 * broken receiver). */
static void
tcp_check_reno_reordering(struct sock *sk, const int addend)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (tcp_limit_reno_sacked(tp))
		tcp_update_reordering(sk, tp->packets_out + addend, 0);
}

/* tcp_add_reno_sack: one more duplicate ACK, one more segment out. */
void
tcp_add_reno_sack(struct sock *sk)
{
	tcp_sk(sk)->sacked_out++;
	tcp_check_reno_reordering(sk, 0);
}

/* tcp_remove_reno_sacks: @acked segments acknowledged in Recovery: one
 * filled the hole, the others had been counted as duplicate ACKs. */
void
tcp_remove_reno_sacks(struct sock *sk, int acked)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (acked > 0) {
		if ((u32)acked - 1 >= tp->sacked_out)
			tp->sacked_out = 0;
		else
			tp->sacked_out -= acked - 1;
	}
	tcp_check_reno_reordering(sk, acked);
}
