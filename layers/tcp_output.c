/*
 * layers/tcp_output.c - TCP transmit: which queued skbs may go now, and
 * how each becomes a segment on its way to IP.
 *
 * Mirrors net/ipv4/tcp_output.c (Linux 3.10.108), the article's 4.3:
 *
 *   tcp_push_one / __tcp_push_pending_frames
 *     -> tcp_write_xmit: for each skb from sk_send_head:
 *          tcp_cwnd_test (congestion window), tcp_snd_wnd_test (the
 *          peer's window), tcp_nagle_test, then
 *        -> tcp_transmit_skb: skb_clone (the original stays on
 *           sk_write_queue for retransmission; the clone shares its data,
 *           dataref 2), TCP header + options + checksum, ip_queue_xmit
 *        -> tcp_event_new_data_sent: advance sk_send_head and snd_nxt,
 *           arm the retransmission timer
 *
 * and the segments TCP makes on its own: SYN (tcp_connect), SYN-ACK
 * (tcp_make_synack), ACK (tcp_send_ack, tcp_send_delayed_ack), FIN, RST,
 * retransmissions (tcp_xmit_retransmit_queue: the L skbs, and forward
 * retransmissions in SACK recovery), tail loss probes
 * (tcp_schedule_loss_probe, tcp_send_loss_probe) and zero-window probes.
 *
 * Read before: layers/tcp.c.  Read after: layers/ip_output.c
 * (ip_queue_xmit) and, for the ACK that frees the original,
 * layers/tcp_input.c (tcp_clean_rtx_queue).
 *
 * With a route that can GSO, one skb on the write queue holds several
 * MSS of data and goes down as one GSO skb: tcp_init_tso_segs gives it
 * gso_segs / gso_size (tcp_set_skb_tso_segs), tcp_tso_should_defer may
 * wait for more of the window to open rather than send a small one, and
 * tso_fragment cuts off what the windows do not allow yet
 * (tcp_mss_split_point).  The counters (packets_out, lost_out ...) count
 * segments, tcp_skb_pcount() per skb.
 *
 * Left out: MTU probing, TCP small queues, ECN, MD5, fast open, cwnd
 * validation after idle (tcp_cwnd_restart / tcp_cwnd_validate), and the
 * joining of small skbs for a retransmission (tcp_retrans_try_collapse)
 * or the dropping of a FIN's data from one (the Solaris workaround of
 * __tcp_retransmit_skb).
 */
#include "layers/tcp.h"
#include "layers/route.h"
#include "events/tcp.h"

#include <string.h>

static const char KSRC[] = "net/ipv4/tcp_output.c";

/**
 * tcp_wfree - destructor of a transmitted clone: give its truesize back
 * to sk_wmem_alloc and drop the reference it held on the socket
 * KERNEL: also schedules the TSQ tasklet when the socket was throttled.
 */
void
tcp_wfree(struct sk_buff *skb)
{
	struct sock *sk = skb->sk;

	trace_tcp_wfree(sk, skb);
	sk->sk_wmem_alloc -= skb->truesize;
	skb->sk = NULL;
	sock_put(sk);
}

/* tcp_acceptable_seq: a sequence number the peer's window accepts. */
static u32
tcp_acceptable_seq(const struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);

	if (!before(tcp_wnd_end(tp), tp->snd_nxt))
		return tp->snd_nxt;
	return tcp_wnd_end(tp);
}

/* tcp_init_nondata_skb: the control block of a SYN, FIN, RST or ACK. */
static void
tcp_init_nondata_skb(struct sk_buff *skb, u32 seq, u8 flags)
{
	/* Only a header to sum: left to the device (or skb_checksum_help). */
	skb->ip_summed = CHECKSUM_PARTIAL;
	skb->csum = 0;
	skb_shinfo(skb)->gso_segs = 1;
	skb_shinfo(skb)->gso_size = 0;
	skb_shinfo(skb)->gso_type = 0;
	TCP_SKB_CB(skb)->tcp_flags = flags;
	TCP_SKB_CB(skb)->sacked = 0;
	TCP_SKB_CB(skb)->seq = seq;
	if (flags & (TCPHDR_SYN | TCPHDR_FIN))
		seq++;
	TCP_SKB_CB(skb)->end_seq = seq;
}

/*
 * tcp_options_write - the options area, in Linux's order: MSS; SACK_PERM
 * packed with the timestamp into 12 bytes (else NOP,NOP + timestamp, or
 * NOP,NOP + SACK_PERM); NOP + window scale; NOP,NOP + SACK blocks.
 * A SYN with everything is 20 bytes: 40-byte TCP header.
 */
void
tcp_options_write(u8 *ptr, const struct tcp_out_options *opts)
{
	u16 options = opts->options;

	if (opts->mss) {
		*ptr++ = TCPOPT_MSS;
		*ptr++ = TCPOLEN_MSS;
		*ptr++ = opts->mss >> 8;
		*ptr++ = opts->mss & 0xff;
	}
	if (options & OPTION_TS) {
		__be32 v;

		if (options & OPTION_SACK_ADVERTISE) {
			*ptr++ = TCPOPT_SACK_PERM;
			*ptr++ = TCPOLEN_SACK_PERM;
		} else {
			*ptr++ = TCPOPT_NOP;
			*ptr++ = TCPOPT_NOP;
		}
		*ptr++ = TCPOPT_TIMESTAMP;
		*ptr++ = TCPOLEN_TIMESTAMP;
		v = htonl(opts->tsval);
		memcpy(ptr, &v, 4);
		v = htonl(opts->tsecr);
		memcpy(ptr + 4, &v, 4);
		ptr += 8;
	}
	if ((options & OPTION_SACK_ADVERTISE) && !(options & OPTION_TS)) {
		*ptr++ = TCPOPT_NOP;
		*ptr++ = TCPOPT_NOP;
		*ptr++ = TCPOPT_SACK_PERM;
		*ptr++ = TCPOLEN_SACK_PERM;
	}
	if (options & OPTION_WSCALE) {
		*ptr++ = TCPOPT_NOP;
		*ptr++ = TCPOPT_WINDOW;
		*ptr++ = TCPOLEN_WINDOW;
		*ptr++ = opts->ws;
	}
	if (opts->num_sack_blocks) {
		*ptr++ = TCPOPT_NOP;
		*ptr++ = TCPOPT_NOP;
		*ptr++ = TCPOPT_SACK;
		*ptr++ = TCPOLEN_SACK_BASE + opts->num_sack_blocks * TCPOLEN_SACK_PERBLOCK;
		for (int i = 0; i < opts->num_sack_blocks; i++) {
			__be32 v = htonl(opts->sack[i][0]);

			memcpy(ptr, &v, 4);
			v = htonl(opts->sack[i][1]);
			memcpy(ptr + 4, &v, 4);
			ptr += 8;
		}
	}
}

/* tcp_syn_options: what our SYN offers.  Returns the options' length. */
static unsigned int
tcp_syn_options(struct sock *sk, struct sk_buff *skb, struct tcp_out_options *opts)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct inet_hashinfo *h = sock_net(sk)->tcp_hashinfo;
	unsigned int remaining = MAX_TCP_OPTION_SPACE;

	opts->mss = tp->advmss;		/* tcp_advertise_mss */
	remaining -= TCPOLEN_MSS;
	if (h->sysctl_tcp_timestamps) {
		opts->options |= OPTION_TS;
		opts->tsval = TCP_SKB_CB(skb)->when;
		opts->tsecr = tp->rx_opt.ts_recent;
		remaining -= TCPOLEN_TSTAMP_ALIGNED;
	}
	if (h->sysctl_tcp_window_scaling) {
		opts->ws = tp->rx_opt.rcv_wscale;
		opts->options |= OPTION_WSCALE;
		remaining -= TCPOLEN_WSCALE_ALIGNED;
	}
	if (h->sysctl_tcp_sack) {
		opts->options |= OPTION_SACK_ADVERTISE;
		if (!(opts->options & OPTION_TS))
			remaining -= TCPOLEN_SACKPERM_ALIGNED;
	}
	return MAX_TCP_OPTION_SPACE - remaining;
}

/* tcp_synack_options: what our SYN-ACK agrees to. */
static unsigned int
tcp_synack_options(const struct request_sock *req, unsigned int mss, u32 now,
		   struct tcp_out_options *opts)
{
	unsigned int remaining = MAX_TCP_OPTION_SPACE;

	opts->mss = mss;
	remaining -= TCPOLEN_MSS;
	if (req->wscale_ok) {
		opts->ws = req->rcv_wscale;
		opts->options |= OPTION_WSCALE;
		remaining -= TCPOLEN_WSCALE_ALIGNED;
	}
	if (req->tstamp_ok) {
		opts->options |= OPTION_TS;
		opts->tsval = now;
		opts->tsecr = req->ts_recent;
		remaining -= TCPOLEN_TSTAMP_ALIGNED;
	}
	if (req->sack_ok) {
		opts->options |= OPTION_SACK_ADVERTISE;
		if (!req->tstamp_ok)
			remaining -= TCPOLEN_SACKPERM_ALIGNED;
	}
	return MAX_TCP_OPTION_SPACE - remaining;
}

/* tcp_established_options: timestamps on every segment, SACK blocks. */
static unsigned int
tcp_established_options(struct sock *sk, struct sk_buff *skb, struct tcp_out_options *opts)
{
	struct tcp_sock *tp = tcp_sk(sk);
	unsigned int size = 0, eff_sacks;

	opts->options = 0;
	opts->num_sack_blocks = 0;
	if (tp->rx_opt.tstamp_ok) {
		opts->options |= OPTION_TS;
		opts->tsval = skb ? TCP_SKB_CB(skb)->when : tcp_time_stamp(sk);
		opts->tsecr = tp->rx_opt.ts_recent;
		size += TCPOLEN_TSTAMP_ALIGNED;
	}
	/* The D-SACK block first, then the SACK blocks, as many as fit. */
	eff_sacks = tp->rx_opt.num_sacks + tp->rx_opt.dsack;
	if (eff_sacks) {
		unsigned int remaining = MAX_TCP_OPTION_SPACE - size;
		unsigned int n = (remaining - TCPOLEN_SACK_BASE_ALIGNED) / TCPOLEN_SACK_PERBLOCK;

		if (n > eff_sacks)
			n = eff_sacks;
		opts->num_sack_blocks = n;
		for (unsigned int i = 0; i < n; i++) {
			const struct tcp_sack_block *sp =
				tp->rx_opt.dsack ? (i ? &tp->selective_acks[i - 1] :
							&tp->duplicate_sack[0]) :
						   &tp->selective_acks[i];

			opts->sack[i][0] = sp->start_seq;
			opts->sack[i][1] = sp->end_seq;
		}
		size += TCPOLEN_SACK_BASE_ALIGNED + n * TCPOLEN_SACK_PERBLOCK;
	}
	return size;
}

/**
 * tcp_select_initial_window - the window of our SYN or SYN-ACK and our
 * window scale
 *
 * The scale is chosen so the largest buffer the socket could grow to
 * (tcp_rmem[2]) fits in 16 bits: 6 MiB needs a shift of 7.  The first
 * window is ten segments (TCP_DEFAULT_INIT_RCVWND), 14600 for MSS 1460.
 */
void
tcp_select_initial_window(int __space, u32 mss, u32 *rcv_wnd, u32 *window_clamp,
			  int wscale_ok, u8 *rcv_wscale, u32 init_rcv_wnd)
{
	u32 space = __space < 0 ? 0 : (u32)__space;

	if (*window_clamp == 0)
		*window_clamp = 65535U << TCP_MAX_WSCALE;
	space = min_t(u32, *window_clamp, space);
	if (space > mss)
		space = (space / mss) * mss;
	*rcv_wnd = space;
	*rcv_wscale = 0;
	if (wscale_ok) {
		space = min_t(u32, SIM_TCP_RMEM_MAX, *window_clamp);
		while (space > 65535 && *rcv_wscale < TCP_MAX_WSCALE) {
			space >>= 1;
			(*rcv_wscale)++;
		}
	}
	if (mss > (1U << *rcv_wscale)) {
		u32 init_cwnd = TCP_DEFAULT_INIT_RCVWND;

		if (mss > 1460)
			init_cwnd = max_t(u32, (1460 * init_cwnd) / mss, 2);
		if (init_rcv_wnd)
			*rcv_wnd = min_t(u32, *rcv_wnd, init_rcv_wnd * mss);
		else
			*rcv_wnd = min_t(u32, *rcv_wnd, init_cwnd * mss);
	}
	*window_clamp = min_t(u32, 65535U << *rcv_wscale, *window_clamp);
}

/**
 * __tcp_select_window - the window our receive buffer can offer now
 *
 * Free buffer space (half of it: the rest pays for skb overhead), capped
 * by rcv_ssthresh which grows as data arrives; zero if less than one MSS
 * is free [RFC 1122 4.2.3.3, receiver-side silly window avoidance].
 */
u32
__tcp_select_window(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	int mss = icsk->icsk_ack.rcv_mss;
	int free_space = tcp_space(sk);
	int full_space = min_t(int, tp->window_clamp, tcp_full_space(sk));
	int window;

	if (mss > full_space)
		mss = full_space;
	if (free_space < (full_space >> 1)) {
		icsk->icsk_ack.quick = 0;
		if (free_space < mss)
			return 0;
	}
	if (free_space > (int)tp->rcv_ssthresh)
		free_space = tp->rcv_ssthresh;
	window = tp->rcv_wnd;
	if (tp->rx_opt.rcv_wscale) {
		window = free_space;
		if (((window >> tp->rx_opt.rcv_wscale) << tp->rx_opt.rcv_wscale) != window)
			window = ((window >> tp->rx_opt.rcv_wscale) + 1) << tp->rx_opt.rcv_wscale;
	} else {
		if (window <= free_space - mss || window > free_space)
			window = (free_space / mss) * mss;
		else if (mss == full_space && free_space > window + (full_space >> 1))
			window = free_space;
	}
	return window;
}

/* tcp_select_window: the window field of a segment; never shrinks it. */
static u16
tcp_select_window(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 cur_win = tcp_receive_window(tp);
	u32 new_win = __tcp_select_window(sk);

	if (new_win < cur_win)
		new_win = ALIGN(cur_win, 1U << tp->rx_opt.rcv_wscale);
	tp->rcv_wnd = new_win;
	tp->rcv_wup = tp->rcv_nxt;
	new_win = min_t(u32, new_win, 65535U << tp->rx_opt.rcv_wscale);
	return (u16)(new_win >> tp->rx_opt.rcv_wscale);
}

/* tcp_event_data_sent: remember when data last left (and ping-pong). */
static void
tcp_event_data_sent(struct tcp_sock *tp, struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	u32 now = tcp_time_stamp(sk);

	tp->lsndtime = now;
	/* Data sent soon after data received: an interactive exchange. */
	if (now - icsk->icsk_ack.lrcvtime < icsk->icsk_ack.ato)
		icsk->icsk_ack.pingpong = 1;
}

/* tcp_event_ack_sent: @pkts segments carried an ACK; no delayed ACK is
 * owed any more, and that many quick ACKs were used.  The last one
 * leaves quick-ACK mode with ato back at its minimum. */
static void
tcp_event_ack_sent(struct sock *sk, unsigned int pkts)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	/* tcp_dec_quickack_mode */
	if (icsk->icsk_ack.quick) {
		if (pkts >= icsk->icsk_ack.quick) {
			icsk->icsk_ack.quick = 0;
			icsk->icsk_ack.ato = TCP_ATO_MIN;
		} else {
			icsk->icsk_ack.quick -= pkts;
		}
	}
	inet_csk_clear_xmit_timer(sk, ICSK_TIME_DACK);
}

/**
 * tcp_transmit_skb - one segment to IP
 * @skb: on the write queue when @clone_it (it stays there, owned by the
 *	queue, and a clone goes down); otherwise a fresh skb that is consumed
 * @clone_it: 1 for data, SYN and FIN (kept for retransmission)
 *
 * If the original is still cloned (its last transmission still sits in
 * the driver's ring), the clone cannot push a header into the shared
 * headroom: a private copy goes instead (pskb_copy).  Returns 0 or a
 * negative errno; a queueing drop (NET_XMIT_DROP) shows as -ENOBUFS.
 */
int
tcp_transmit_skb(struct sock *sk, struct sk_buff *skb, int clone_it)
{
	struct inet_sock *inet = inet_sk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	struct net *net = sock_net(sk);
	struct tcp_skb_cb *tcb = TCP_SKB_CB(skb);
	struct tcp_out_options opts;
	unsigned int tcp_options_size, tcp_header_size;
	struct tcphdr *th;
	int err;

	trace_tcp_transmit_skb(sk, skb, clone_it);
	if (clone_it) {
		struct sk_buff *orig = skb;

		if (skb_cloned(skb)) {
			/* Still in the driver ring: a head of its own, the
			 * frags shared (pskb_copy). */
			trace_tcp_xmit_still_cloned(sk, skb);
			NET_INC_STATS(net, LINUX_MIB_TCPSPURIOUS_RTX_HOSTQUEUES);
			skb = pskb_copy(skb);
		} else {
			skb = skb_clone(skb);
		}
		if (!skb)
			return -ENOBUFS;
		trace_tcp_xmit_clone(sk, orig, skb);
	}
	tcb = TCP_SKB_CB(skb);
	memset(&opts, 0, sizeof(opts));
	if (tcb->tcp_flags & TCPHDR_SYN)
		tcp_options_size = tcp_syn_options(sk, skb, &opts);
	else
		tcp_options_size = tcp_established_options(sk, skb, &opts);
	tcp_header_size = tcp_options_size + sizeof(struct tcphdr);

	skb->ooo_okay = sk->sk_wmem_alloc == 0;
	th = (struct tcphdr *)skb_push(skb, tcp_header_size);
	skb_reset_transport_header(skb);

	/* The clone is charged to the socket until the driver frees it. */
	skb->sk = sk;
	skb->destructor = tcp_wfree;
	sock_hold(sk);
	sk->sk_wmem_alloc += skb->truesize;

	memset(th, 0, sizeof(*th));
	th->source = inet->inet_sport;
	th->dest = sk->sk_dport;
	th->seq = htonl(tcb->seq);
	th->ack_seq = htonl(tp->rcv_nxt);
	th->doff = tcp_header_size >> 2;
	((u8 *)th)[13] = tcb->tcp_flags;
	if (tcb->tcp_flags & TCPHDR_SYN)
		th->window = htons(min_t(u32, tp->rcv_wnd, 65535U));	/* never scaled */
	else
		th->window = htons(tcp_select_window(sk));
	th->check = 0;
	th->urg_ptr = 0;
	tcp_options_write((u8 *)(th + 1), &opts);
	/* NOTE: 3.10 does this in tcp_options_write: a D-SACK goes once. */
	if (opts.num_sack_blocks)
		tp->rx_opt.dsack = 0;
	tcp_v4_send_check(sk, skb);

	if (tcb->tcp_flags & TCPHDR_ACK)
		tcp_event_ack_sent(sk, tcp_skb_pcount(skb));
	if (skb->len != tcp_header_size)
		tcp_event_data_sent(tp, sk);
	/* New data or a bare control segment: every segment it becomes.
	 * (Retransmissions count in RetransSegs.) */
	if (after(tcb->end_seq, tp->snd_nxt) || tcb->seq == tcb->end_seq)
		SIM_NET_ADD_STATS(net, TCP_MIB_OUTSEGS, tcp_skb_pcount(skb));

	err = ip_queue_xmit(skb, &inet->cork.fl);
	if (err <= 0)
		return err;
	/* Our own qdisc dropped it (or is congested): reduce cwnd (CWR). */
	tcp_enter_cwr(sk, 1);
	return err == NET_XMIT_CN ? 0 : -ENOBUFS;
}

/**
 * tcp_set_skb_tso_segs - how many segments @skb stands for at @mss_now:
 * one (gso_size 0, not GSO) if it fits one MSS, the route cannot GSO or
 * the data is not checksummed by the device; else DIV_ROUND_UP(len, mss)
 * with gso_size = mss and the socket's GSO type.
 */
void
tcp_set_skb_tso_segs(const struct sock *sk, struct sk_buff *skb, unsigned int mss_now)
{
	trace_tcp_set_skb_tso_segs(sk, skb, mss_now);
	if (skb->len <= mss_now || !sk_can_gso(sk) || skb->ip_summed == CHECKSUM_NONE) {
		skb_shinfo(skb)->gso_segs = 1;
		skb_shinfo(skb)->gso_size = 0;
		skb_shinfo(skb)->gso_type = 0;
	} else {
		skb_shinfo(skb)->gso_segs = DIV_ROUND_UP(skb->len, mss_now);
		skb_shinfo(skb)->gso_size = mss_now;
		skb_shinfo(skb)->gso_type = sk->sk_gso_type;
	}
}

/* tcp_adjust_fackets_out: @skb, below the highest SACK, is counted in
 * fackets_out: it follows a change of its segment count. */
static void
tcp_adjust_fackets_out(struct sock *sk, const struct sk_buff *skb, int decr)
{
	struct tcp_sock *tp = tcp_sk(sk);

	if (!tp->sacked_out || tcp_is_reno(tp))
		return;
	if (after(tcp_highest_sack_seq(tp), TCP_SKB_CB(skb)->seq))
		tp->fackets_out -= decr;
}

/*
 * tcp_adjust_pcount - a sent skb now stands for @decr segments fewer
 * (more, if negative): every counter it is in follows.
 * KERNEL: the lost-skb hint's count (lost_cnt_hint) does not exist here.
 */
static void
tcp_adjust_pcount(struct sock *sk, const struct sk_buff *skb, int decr)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u8 sacked = TCP_SKB_CB(skb)->sacked;

	tp->packets_out -= decr;
	if (sacked & TCPCB_SACKED_ACKED)
		tp->sacked_out -= decr;
	if (sacked & TCPCB_SACKED_RETRANS)
		tp->retrans_out -= decr;
	if (sacked & TCPCB_LOST)
		tp->lost_out -= decr;
	/* Reno: fewer segments in flight, fewer duplicate ACKs to expect. */
	if (tcp_is_reno(tp) && decr > 0)
		tp->sacked_out -= min_t(u32, tp->sacked_out, decr);
	tcp_adjust_fackets_out(sk, skb, decr);
}

/*
 * sim_tcp_split_seq - @buff takes over the bytes of @skb after @len: the
 * sequence numbers, the truesize of the @nlen bytes of frags it gets, and
 * PSH and FIN (they belong to the second part).
 * NOTE: tcp_fragment and tso_fragment each write this out in 3.10.
 */
static void
sim_tcp_split_seq(struct sock *sk, struct sk_buff *skb, struct sk_buff *buff, u32 len, int nlen)
{
	u8 flags = TCP_SKB_CB(skb)->tcp_flags;

	sk->sk_wmem_queued += buff->truesize;
	buff->truesize += nlen;
	skb->truesize -= nlen;
	TCP_SKB_CB(buff)->seq = TCP_SKB_CB(skb)->seq + len;
	TCP_SKB_CB(buff)->end_seq = TCP_SKB_CB(skb)->end_seq;
	TCP_SKB_CB(skb)->end_seq = TCP_SKB_CB(buff)->seq;
	TCP_SKB_CB(skb)->tcp_flags = flags & ~(TCPHDR_FIN | TCPHDR_PSH);
	TCP_SKB_CB(buff)->tcp_flags = flags;
}

/**
 * tcp_fragment - split @skb (on the write queue) so it holds @len bytes;
 * the rest moves to a new skb right after it
 *
 * Needed when the MSS shrank (path MTU), the peer's window cuts a
 * segment, a retransmission must be one MSS, or a lost segment is cut
 * out of a multi-segment skb.  A linear skb summed in software is
 * copied; otherwise the data moves by skb_split (frags are shared, not
 * copied).  Both get their segment counts again, and the counters
 * follow if the skb was sent already.  Returns 0 or -ENOMEM.
 */
int
tcp_fragment(struct sock *sk, struct sk_buff *skb, u32 len, unsigned int mss_now)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *buff;
	int nsize, nlen, old_factor;

	trace_tcp_fragment(sk, skb, len, mss_now);
	if (len >= skb->len)
		return 0;
	nsize = (int)skb_headlen(skb) - (int)len;
	if (nsize < 0)
		nsize = 0;
	/* The frags are about to be changed: not under a clone's feet. */
	if (skb_cloned(skb) && skb_is_nonlinear(skb) && pskb_expand_head(skb, 0, 0))
		return -ENOMEM;
	buff = sk_stream_alloc_skb(sk, nsize);
	if (!buff)
		return -ENOMEM;
	nlen = skb->len - len - nsize;
	sim_tcp_split_seq(sk, skb, buff, len, nlen);
	TCP_SKB_CB(buff)->sacked = TCP_SKB_CB(skb)->sacked;
	if (!skb_shinfo(skb)->nr_frags && skb->ip_summed != CHECKSUM_PARTIAL) {
		memcpy(skb_put(buff, nsize), skb->data + len, nsize);
		skb_trim(skb, len);
	} else {
		skb->ip_summed = CHECKSUM_PARTIAL;
		skb_split(skb, buff, len);
	}
	buff->ip_summed = skb->ip_summed;
	TCP_SKB_CB(buff)->when = TCP_SKB_CB(skb)->when;

	old_factor = tcp_skb_pcount(skb);
	tcp_set_skb_tso_segs(sk, skb, mss_now);
	tcp_set_skb_tso_segs(sk, buff, mss_now);
	/* Already sent: the counters hold old_factor segments for it. */
	if (!before(tp->snd_nxt, TCP_SKB_CB(buff)->end_seq)) {
		int diff = old_factor - tcp_skb_pcount(skb) - tcp_skb_pcount(buff);

		if (diff)
			tcp_adjust_pcount(sk, skb, diff);
	}
	skb_header_release(buff);
	__skb_queue_after(&sk->sk_write_queue, skb, buff);
	return 0;
}

/* tcp_mtu_to_mss: payload that fits @pmtu with our fixed options. */
int
tcp_mtu_to_mss(struct sock *sk, int pmtu)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	int mss_now = pmtu - (int)sizeof(struct iphdr) - (int)sizeof(struct tcphdr);

	if (mss_now > tp->rx_opt.mss_clamp)
		mss_now = tp->rx_opt.mss_clamp;
	if (mss_now < 48)
		mss_now = 48;
	return mss_now - (tp->tcp_header_len - (int)sizeof(struct tcphdr));
}

/**
 * tcp_sync_mss - recompute the sending MSS for path MTU @pmtu
 * Returns the new mss_cache (1448 for MTU 1500 with timestamps).
 */
unsigned int
tcp_sync_mss(struct sock *sk, u32 pmtu)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int mss_now;

	trace_tcp_sync_mss(sk, pmtu);
	mss_now = tcp_bound_to_half_wnd(tp, tcp_mtu_to_mss(sk, (int)pmtu));
	trace_tcp_mss_synced(sk, mss_now);
	inet_csk(sk)->icsk_pmtu_cookie = pmtu;
	tp->mss_cache = mss_now;
	return mss_now;
}

/**
 * tcp_current_mss - the MSS for the next segment: follows the route's
 * MTU, minus options beyond the fixed ones (SACK blocks)
 */
unsigned int
tcp_current_mss(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct dst_entry *dst = __sk_dst_get(sk);
	unsigned int mss_now = tp->mss_cache;
	struct tcp_out_options opts;
	unsigned int header_len;

	if (dst && dst_mtu(dst) != inet_csk(sk)->icsk_pmtu_cookie)
		mss_now = tcp_sync_mss(sk, dst_mtu(dst));
	header_len = tcp_established_options(sk, NULL, &opts) + sizeof(struct tcphdr);
	if (header_len != tp->tcp_header_len)
		mss_now -= header_len - tp->tcp_header_len;
	return mss_now;
}

/**
 * tcp_cwnd_test - how many more segments the congestion window allows
 * (a lone FIN always may go).  0 = cwnd-limited.
 */
u32
tcp_cwnd_test(const struct tcp_sock *tp, const struct sk_buff *skb)
{
	u32 in_flight, cwnd;

	if ((TCP_SKB_CB(skb)->tcp_flags & TCPHDR_FIN) && tcp_skb_pcount(skb) == 1 &&
	    skb->len == 0)
		return 1;
	in_flight = tcp_packets_in_flight(tp);
	cwnd = tp->snd_cwnd;
	return in_flight < cwnd ? cwnd - in_flight : 0;
}

/**
 * tcp_snd_wnd_test - does the first MSS of @skb fit the peer's window
 * (ending at snd_una + snd_wnd)?
 */
bool
tcp_snd_wnd_test(const struct tcp_sock *tp, const struct sk_buff *skb, unsigned int cur_mss)
{
	u32 end_seq = TCP_SKB_CB(skb)->end_seq;

	if (skb->len > cur_mss)
		end_seq = TCP_SKB_CB(skb)->seq + cur_mss;
	return !after(end_seq, tcp_wnd_end(tp));
}

/* Minshall: a small segment we sent is still unacknowledged. */
static bool
tcp_minshall_check(const struct tcp_sock *tp)
{
	return after(tp->snd_sml, tp->snd_una) && !after(tp->snd_sml, tp->snd_nxt);
}

/* tcp_nagle_check: true = hold this small segment back [RFC 896]. */
static bool
tcp_nagle_check(const struct tcp_sock *tp, const struct sk_buff *skb, unsigned int mss_now,
		int nonagle)
{
	return skb->len < mss_now &&
	       ((nonagle & TCP_NAGLE_CORK) ||
		(!nonagle && tp->packets_out && tcp_minshall_check(tp)));
}

/**
 * tcp_nagle_test - may @skb go now as far as Nagle is concerned?
 * Full segments, FINs and pushed data always may.
 */
bool
tcp_nagle_test(const struct tcp_sock *tp, const struct sk_buff *skb, unsigned int cur_mss,
	       int nonagle)
{
	if (nonagle & TCP_NAGLE_PUSH)
		return true;
	if (TCP_SKB_CB(skb)->tcp_flags & TCPHDR_FIN)
		return true;
	return !tcp_nagle_check(tp, skb, cur_mss, nonagle);
}

/* tcp_minshall_update: remember the end of a small segment. */
static void
tcp_minshall_update(struct tcp_sock *tp, unsigned int mss_now, const struct sk_buff *skb)
{
	if (skb->len < mss_now)
		tp->snd_sml = TCP_SKB_CB(skb)->end_seq;
}

/**
 * tcp_event_new_data_sent - @skb went out for the first time: it is no
 * longer the send head, snd_nxt moves past it, and the retransmission
 * timer starts if it is the only segment in flight.
 */
static void
tcp_event_new_data_sent(struct sock *sk, const struct sk_buff *skb)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	unsigned int prior_packets = tp->packets_out;

	trace_tcp_event_new_data_sent(sk, skb);
	tcp_advance_send_head(sk, skb);
	tp->snd_nxt = TCP_SKB_CB(skb)->end_seq;
	tp->packets_out += tcp_skb_pcount(skb);
	/* New data in flight: the early-retransmit or probe timer gives
	 * way to the RTO again (tcp_write_xmit may arm a probe anew). */
	if (!prior_packets || icsk->icsk_pending == ICSK_TIME_EARLY_RETRANS ||
	    icsk->icsk_pending == ICSK_TIME_LOSS_PROBE)
		tcp_rearm_rto(sk);
}

/*
 * tcp_init_tso_segs - the segment count of @skb, set the first time it
 * is considered for sending (tcp_sendmsg leaves 0) and again if the MSS
 * changed since.
 */
static int
tcp_init_tso_segs(const struct sock *sk, struct sk_buff *skb, unsigned int mss_now)
{
	int tso_segs = tcp_skb_pcount(skb);

	if (!tso_segs || (tso_segs > 1 && tcp_skb_mss(skb) != (int)mss_now)) {
		tcp_set_skb_tso_segs(sk, skb, mss_now);
		tso_segs = tcp_skb_pcount(skb);
	}
	return tso_segs;
}

/* tcp_snd_test: may @skb go now (Nagle, cwnd, the peer's window)?  The
 * segments cwnd allows, 0 if not. */
static unsigned int
tcp_snd_test(const struct sock *sk, struct sk_buff *skb, unsigned int cur_mss, int nonagle)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	unsigned int cwnd_quota;

	tcp_init_tso_segs(sk, skb, cur_mss);
	if (!tcp_nagle_test(tp, skb, cur_mss, nonagle))
		return 0;
	cwnd_quota = tcp_cwnd_test(tp, skb);
	if (cwnd_quota && !tcp_snd_wnd_test(tp, skb, cur_mss))
		cwnd_quota = 0;
	return cwnd_quota;
}

/* tcp_may_send_now: could new data go out right now?  (Loss recovery
 * asks before it retransmits what might only be reordered.) */
bool
tcp_may_send_now(struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb = tcp_send_head(sk);

	return skb && tcp_snd_test(sk, skb, tcp_current_mss(sk),
				   tcp_skb_is_last(sk, skb) ? tp->nonagle : TCP_NAGLE_PUSH);
}

/*
 * tcp_mss_split_point - how much of a GSO skb may go now: @max_segs
 * MSS (what cwnd allows), cut down to the peer's window; the last skb of
 * the queue, if the window is the limit, to whole MSS only (the rest
 * waits for Nagle's chance to grow).
 */
static unsigned int
tcp_mss_split_point(const struct sock *sk, const struct sk_buff *skb, unsigned int mss_now,
		    unsigned int max_segs)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	u32 needed, window, max_len;

	trace_tcp_mss_split_point(sk, skb, mss_now, max_segs);
	window = tcp_wnd_end(tp) - TCP_SKB_CB(skb)->seq;
	max_len = mss_now * max_segs;
	if (likely(max_len <= window && skb != tcp_write_queue_tail(sk)))
		return max_len;
	needed = min_t(u32, skb->len, window);
	if (max_len <= needed)
		return max_len;
	return needed - needed % mss_now;
}

/**
 * tso_fragment - cut an unsent GSO skb after @len bytes (a multiple of
 * the MSS) for tcp_write_xmit; the rest waits in a new skb after it
 *
 * Like tcp_fragment, but the skb was never sent (no counters to fix) and
 * its data is all in frags (else it is tcp_fragment's job): the frags
 * are split, nothing is copied.  Returns 0 or -ENOMEM.
 */
static int
tso_fragment(struct sock *sk, struct sk_buff *skb, unsigned int len, unsigned int mss_now)
{
	struct sk_buff *buff;

	trace_tso_fragment(sk, skb, len, mss_now);
	if (skb->len != skb->data_len)
		return tcp_fragment(sk, skb, len, mss_now);
	buff = sk_stream_alloc_skb(sk, 0);
	if (unlikely(!buff))
		return -ENOMEM;
	sim_tcp_split_seq(sk, skb, buff, len, skb->len - len);
	TCP_SKB_CB(buff)->sacked = 0;	/* never sent: no SACK state */
	buff->ip_summed = skb->ip_summed = CHECKSUM_PARTIAL;
	skb_split(skb, buff, len);
	tcp_set_skb_tso_segs(sk, skb, mss_now);
	tcp_set_skb_tso_segs(sk, buff, mss_now);
	skb_header_release(buff);
	__skb_queue_after(&sk->sk_write_queue, skb, buff);
	return 0;
}

/**
 * tcp_tso_should_defer - a "Nagle for TSO": hold a GSO skb back when
 * only part of it may go now, hoping an ACK opens the windows so it goes
 * out whole (fewer, bigger GSO skbs)
 *
 * Never for a FIN, outside the Open state, or for more than two ticks in
 * a row.  Sends now if the windows allow a full-sized GSO skb, or all of
 * a skb that will not grow, or at least 1/tcp_tso_win_divisor (3) of the
 * smaller window.  true: defer.
 */
bool
tcp_tso_should_defer(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	const struct inet_connection_sock *icsk = inet_csk(sk);
	int win_divisor = sock_net(sk)->tcp_hashinfo->sysctl_tcp_tso_win_divisor;
	u32 jiffies = (u32)sim_host_jiffies(sock_net(sk));
	u32 send_win, cong_win, limit, in_flight, chunk;
	const char *why;

	trace_tcp_tso_should_defer(sk, skb);
	if (TCP_SKB_CB(skb)->tcp_flags & TCPHDR_FIN) {
		why = "fin";
		goto send_now;
	}
	if (icsk->icsk_ca_state != TCP_CA_Open) {
		why = "not_open";
		goto send_now;
	}
	/* Defer for less than two clock ticks. */
	if (tp->tso_deferred && ((jiffies << 1) >> 1) - (tp->tso_deferred >> 1) > 1) {
		why = "deferred_2_ticks";
		goto send_now;
	}
	in_flight = tcp_packets_in_flight(tp);
	send_win = tcp_wnd_end(tp) - TCP_SKB_CB(skb)->seq;
	cong_win = (tp->snd_cwnd - in_flight) * tp->mss_cache;
	limit = min_t(u32, send_win, cong_win);
	trace_tcp_tso_defer_limits(sk, send_win, cong_win);
	if (limit >= min_t(unsigned int, sk->sk_gso_max_size,
			   tp->xmit_size_goal_segs * tp->mss_cache)) {
		why = "full_size_fits";
		goto send_now;
	}
	if (skb != tcp_write_queue_tail(sk) && limit >= skb->len) {
		why = "middle_fits";
		goto send_now;
	}
	/* KERNEL: with tcp_tso_win_divisor 0, "more than three MSS fit". */
	chunk = min_t(u32, tp->snd_wnd, tp->snd_cwnd * tp->mss_cache) / win_divisor;
	if (limit >= chunk) {
		why = "window_fraction";
		goto send_now;
	}
	if (!tp->tso_deferred)
		tp->tso_deferred = 1 | (jiffies << 1);
	trace_tcp_tso_defer(sk, skb, "defer");
	return true;

send_now:
	tp->tso_deferred = 0;
	trace_tcp_tso_defer(sk, skb, why);
	return false;
}

/**
 * tcp_write_xmit - send queued skbs from sk_send_head while the
 * congestion window, the peer's window and Nagle (for a GSO skb,
 * tcp_tso_should_defer) allow
 * @push_one: send at most one (tcp_push_one); 2: a loss probe, which
 *	goes even if cwnd is full
 *
 * A GSO skb goes out as far as the windows allow (tcp_mss_split_point);
 * tso_fragment cuts off the rest, which stays the send head.  What went
 * out in CWR or Recovery counts for PRR (prr_out); then a tail loss
 * probe is scheduled (not after a probe).  Returns true when nothing
 * is in flight but data waits (the peer's window is closed): the caller
 * arms the zero-window probe timer; for a probe, true if nothing went.
 */
bool
tcp_write_xmit(struct sock *sk, unsigned int mss_now, int nonagle, int push_one)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb;
	unsigned int sent_pkts = 0;

	trace_tcp_write_xmit(sk, mss_now, push_one);
	while ((skb = tcp_send_head(sk)) != NULL) {
		unsigned int limit, tso_segs;
		u32 cwnd_quota;

		tso_segs = tcp_init_tso_segs(sk, skb, mss_now);
		cwnd_quota = tcp_cwnd_test(tp, skb);
		if (!cwnd_quota) {
			trace_tcp_cwnd_limited(sk, skb);
			if (push_one != 2)
				break;
			cwnd_quota = 1;	/* the probe goes anyway */
		}
		if (!tcp_snd_wnd_test(tp, skb, mss_now)) {
			trace_tcp_rwnd_limited(sk, skb);
			break;
		}
		if (tso_segs == 1 || !sk->sk_gso_max_segs) {
			if (!tcp_nagle_test(tp, skb, mss_now,
					    tcp_skb_is_last(sk, skb) ? nonagle : TCP_NAGLE_PUSH)) {
				trace_tcp_nagle_hold(sk, skb, mss_now);
				break;
			}
		} else if (!push_one && tcp_tso_should_defer(sk, skb)) {
			break;
		}
		/* KERNEL: TCP small queues (sk_wmem_alloc over 128 KiB) stop here. */
		limit = mss_now;
		if (tso_segs > 1 && sk->sk_gso_max_segs)
			limit = tcp_mss_split_point(sk, skb, mss_now,
						    min_t(unsigned int, cwnd_quota,
							  sk->sk_gso_max_segs));
		if (skb->len > limit && unlikely(tso_fragment(sk, skb, limit, mss_now)))
			break;
		TCP_SKB_CB(skb)->when = tcp_time_stamp(sk);
		if (tcp_transmit_skb(sk, skb, 1))
			break;
		tcp_event_new_data_sent(sk, skb);
		tcp_minshall_update(tp, mss_now, skb);
		sent_pkts += tcp_skb_pcount(skb);
		if (push_one)
			break;
	}
	if (sent_pkts) {
		if (tcp_in_cwnd_reduction(sk))
			tp->prr_out += sent_pkts;
		/* One probe per tail loss episode. */
		if (push_one != 2)
			tcp_schedule_loss_probe(sk);
		return false;
	}
	return push_one == 2 || (!tp->packets_out && tcp_send_head(sk));
}

/**
 * tcp_schedule_loss_probe - arm the tail loss probe timer instead of
 * the RTO [draft-dukkipati-tcpm-tcp-loss-probe]: with SACK, in Open,
 * when nothing more can be sent (cwnd full, or no more data), in 2 RTTs
 *
 * With a single segment out, 1.5 RTT + 200 ms (the peer may delay its
 * ACK of a lone segment, TCP_DELACK_MAX); at least 10 ms, and never
 * after the RTO would fire.  tcp_early_retrans 3 enables it (the
 * default; 4 = probes without early retransmit).  Returns true if armed.
 */
bool
tcp_schedule_loss_probe(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 rtt = tp->srtt >> 3;
	u32 timeout;
	s32 rto_delta;

	trace_tcp_schedule_loss_probe(sk);
	if (sk->sk_state == TCP_SYN_RECV)
		return false;
	if (sock_net(sk)->tcp_hashinfo->sysctl_tcp_early_retrans < 3 || !rtt || !tp->packets_out ||
	    !tcp_is_sack(tp) || inet_csk(sk)->icsk_ca_state != TCP_CA_Open)
		return false;
	/* cwnd has room and data waits: not a tail. */
	if (tp->snd_cwnd > tcp_packets_in_flight(tp) && tcp_send_head(sk))
		return false;
	timeout = rtt << 1;
	if (tp->packets_out == 1)
		timeout = max_t(u32, timeout, rtt + (rtt >> 1) + TCP_DELACK_MAX);
	timeout = max_t(u32, timeout, 10 * HZ / 1000);	/* 10 ms */
	rto_delta = tcp_rto_delta(sk);
	if (rto_delta > 0)
		timeout = min_t(u32, timeout, (u32)rto_delta);
	trace_tcp_loss_probe_armed(sk, timeout, rto_delta);
	inet_csk_reset_xmit_timer(sk, ICSK_TIME_LOSS_PROBE, timeout, TCP_RTO_MAX);
	return true;
}

/**
 * tcp_send_loss_probe - the probe timer fired: send one new segment if
 * there is one (whatever cwnd says), else retransmit the last segment
 * (its last MSS), so the ACK it draws shows a tail loss to SACK
 * recovery instead of waiting for the RTO (TCPLossProbes)
 *
 * tlp_high_seq remembers snd_nxt for tcp_process_tlp_ack; at most one
 * probe retransmission is out.  The RTO is armed again in any case.
 */
void
tcp_send_loss_probe(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int mss = tcp_current_mss(sk);
	struct sk_buff *skb;
	int pcount, err = -1;

	trace_tcp_send_loss_probe(sk);
	if (tcp_send_head(sk)) {
		err = tcp_write_xmit(sk, mss, TCP_NAGLE_OFF, 2);
		goto rearm_timer;
	}
	if (tp->tlp_high_seq)
		goto rearm_timer;
	skb = tcp_write_queue_tail(sk);
	if (!skb)
		goto rearm_timer;
	pcount = tcp_skb_pcount(skb);
	if (!pcount)
		goto rearm_timer;
	/* Of a GSO skb, only the last segment. */
	if (pcount > 1 && skb->len > (unsigned int)((pcount - 1) * mss)) {
		if (tcp_fragment(sk, skb, (pcount - 1) * mss, mss))
			goto rearm_timer;
		skb = tcp_write_queue_tail(sk);
	}
	if (!skb || !tcp_skb_pcount(skb))
		goto rearm_timer;
	/* Not tcp_retransmit_skb: a probe is neither R-marked nor counted
	 * in retrans_out, RetransSegs or the undo. */
	err = __tcp_retransmit_skb(sk, skb);
	if (!err)
		tp->tlp_high_seq = tp->snd_nxt;
rearm_timer:
	inet_csk_reset_xmit_timer(sk, ICSK_TIME_RETRANS, inet_csk(sk)->icsk_rto, TCP_RTO_MAX);
	if (!err)
		NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPLOSSPROBES);
}

/* tcp_check_probe_timer: nothing in flight, data waiting: start probing. */
void
tcp_check_probe_timer(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	if (!tcp_sk(sk)->packets_out && !icsk->icsk_pending)
		inet_csk_reset_xmit_timer(sk, ICSK_TIME_PROBE0, icsk->icsk_rto, TCP_RTO_MAX);
}

/**
 * __tcp_push_pending_frames - send what the windows allow
 * (end of tcp_sendmsg, after an ACK, forced push)
 */
void
__tcp_push_pending_frames(struct sock *sk, unsigned int cur_mss, int nonagle)
{
	trace___tcp_push_pending_frames(sk, cur_mss, nonagle);
	if (sk->sk_state == TCP_CLOSE)
		return;
	if (tcp_write_xmit(sk, cur_mss, nonagle, 0))
		tcp_check_probe_timer(sk);
}

/**
 * tcp_push_one - send the send head, which tcp_sendmsg just filled to a
 * full MSS, if the windows allow
 */
void
tcp_push_one(struct sock *sk, unsigned int mss_now)
{
	trace_tcp_push_one(sk, mss_now);
	tcp_write_xmit(sk, mss_now, TCP_NAGLE_PUSH, 1);
}

/* __pskb_trim_head: drop the first @len bytes, linear ones first, then
 * whole or part frags (a frag let go drops its page reference). */
static void
__pskb_trim_head(struct sk_buff *skb, int len)
{
	int eat = min_t(int, len, (int)skb_headlen(skb));

	if (eat) {
		skb_pull(skb, eat);
		len -= eat;
		if (!len)
			return;
	}
	sim_skb_frags_eat(skb, len);
	skb_reset_tail_pointer(skb);
	skb->data_len -= len;
	skb->len = skb->data_len;
}

/**
 * tcp_trim_head - the peer acknowledged the first @len bytes of a sent
 * skb: drop them (from a private head, if a clone of the skb is still in
 * a driver ring) and recount its segments
 *
 * Returns 0 or -ENOMEM (nothing changed).
 */
int
tcp_trim_head(struct sock *sk, struct sk_buff *skb, u32 len)
{
	trace_tcp_trim_head(sk, skb, len);
	if (skb_unclone(skb))
		return -ENOMEM;
	__pskb_trim_head(skb, len);
	TCP_SKB_CB(skb)->seq += len;
	skb->ip_summed = CHECKSUM_PARTIAL;
	skb->truesize -= len;
	sk->sk_wmem_queued -= len;
	if (tcp_skb_pcount(skb) > 1)
		tcp_set_skb_tso_segs(sk, skb, tcp_skb_mss(skb));
	return 0;
}

/**
 * __tcp_retransmit_skb - send @skb (already sent once) again
 *
 * Trimmed to what is still unacknowledged, cut to the current MSS, then
 * cloned and sent like new data.  The bookkeeping (marks, counters) is
 * the caller's: tcp_retransmit_skb, or a loss probe.  Returns 0 or -Exxx
 * (-EAGAIN: clones of this socket's data already fill a fair share of
 * the send buffer, or @skb is beyond a window the peer shrank).
 */
int
__tcp_retransmit_skb(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	unsigned int cur_mss;

	trace___tcp_retransmit_skb(sk, skb);
	/* Not more in flight below us than queued (+1/4 for overheads). */
	if (sk->sk_wmem_alloc >
	    min_t(int, sk->sk_wmem_queued + (sk->sk_wmem_queued >> 2), sk->sk_sndbuf))
		return -EAGAIN;
	if (before(TCP_SKB_CB(skb)->seq, tp->snd_una) && !(TCP_SKB_CB(skb)->tcp_flags & TCPHDR_SYN)) {
		if (!after(TCP_SKB_CB(skb)->end_seq, tp->snd_una))
			return -EINVAL;
		if (tcp_trim_head(sk, skb, tp->snd_una - TCP_SKB_CB(skb)->seq))
			return -ENOMEM;
	}
	cur_mss = tcp_current_mss(sk);
	/* Not beyond the peer's window, unless it is the first unacked one
	 * (then it probes a window shrunk to zero). */
	if (!before(TCP_SKB_CB(skb)->seq, tcp_wnd_end(tp)) && TCP_SKB_CB(skb)->seq != tp->snd_una)
		return -EAGAIN;
	/* A retransmission is one MSS. */
	if (skb->len > cur_mss) {
		if (tcp_fragment(sk, skb, cur_mss, cur_mss))
			return -ENOMEM;
	} else if (tcp_skb_pcount(skb) > 1) {
		int oldpcount = tcp_skb_pcount(skb);

		tcp_init_tso_segs(sk, skb, cur_mss);
		tcp_adjust_pcount(sk, skb, oldpcount - tcp_skb_pcount(skb));
	}
	/* KERNEL: 3.10 would now join small skbs that follow into this one
	 * (tcp_retrans_try_collapse) and drop the data of a FIN whose data
	 * is acknowledged; netstep resends the skb as it is. */
	TCP_SKB_CB(skb)->when = tcp_time_stamp(sk);
	return tcp_transmit_skb(sk, skb, 1);
}

/**
 * tcp_retransmit_skb - retransmit @skb and keep the score: R (and the
 * Karn mark E), retrans_out, RetransSegs, the first retransmission's
 * time (retrans_stamp, for undo and for giving up), snd_nxt at this
 * moment (ack_seq: tcp_mark_lost_retrans), and one more retransmission
 * a D-SACK may show unneeded (undo_retrans, even if it failed)
 */
int
tcp_retransmit_skb(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int err;

	trace_tcp_retransmit_skb(sk, skb);
	err = __tcp_retransmit_skb(sk, skb);
	if (!err) {
		NET_INC_STATS(sock_net(sk), TCP_MIB_RETRANSSEGS);
		tp->total_retrans++;
		if (!tp->retrans_out)
			tp->lost_retrans_low = tp->snd_nxt;
		TCP_SKB_CB(skb)->sacked |= TCPCB_RETRANS;
		tp->retrans_out += tcp_skb_pcount(skb);
		if (!tp->retrans_stamp)
			tp->retrans_stamp = TCP_SKB_CB(skb)->when;
		TCP_SKB_CB(skb)->ack_seq = tp->snd_nxt;
	}
	if (tp->undo_retrans < 0)
		tp->undo_retrans = 0;
	tp->undo_retrans += tcp_skb_pcount(skb);
	return err;
}

/*
 * tcp_can_forward_retransmit - in SACK recovery with no new data to
 * send, retransmit the holes not marked lost too [RFC 3517 NextSeg()
 * rule 3]: forward retransmissions.
 */
static bool
tcp_can_forward_retransmit(struct sock *sk)
{
	if (inet_csk(sk)->icsk_ca_state != TCP_CA_Recovery)
		return false;
	if (tcp_is_reno(tcp_sk(sk)))
		return false;
	return !tcp_may_send_now(sk);
}

/**
 * tcp_xmit_retransmit_queue - resend the L skbs, oldest first, while
 * cwnd allows (each counts one segment in flight once resent); then, in
 * SACK recovery with nothing new to send, the holes below the highest
 * SACK (TCPForwardRetrans).  S and R skbs are skipped.  TCPFastRetrans
 * outside Loss, TCPSlowStartRetrans in it; what goes counts for PRR.
 *
 * retransmit_high is how far L marks may reach: the walk turns to
 * forward retransmissions there.
 * KERNEL: without retransmit_skb_hint the walk starts at the head.
 */
void
tcp_xmit_retransmit_queue(struct sock *sk)
{
	const struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb, *hole = NULL;
	u32 last_lost = tp->snd_una;
	int mib, fwd_rexmitting = 0;

	trace_tcp_xmit_retransmit_queue(sk);
	if (!tp->packets_out)
		return;
	if (!tp->lost_out)
		tp->retransmit_high = tp->snd_una;
	for (skb = tcp_write_queue_head(sk); skb && skb != (struct sk_buff *)&sk->sk_write_queue;
	     skb = skb->next) {
		u8 sacked = TCP_SKB_CB(skb)->sacked;

		if (skb == tcp_send_head(sk))
			break;
		if (tcp_packets_in_flight(tp) >= tp->snd_cwnd)
			return;
		if (fwd_rexmitting) {
begin_fwd:
			if (!before(TCP_SKB_CB(skb)->seq, tcp_highest_sack_seq(tp)))
				break;
			mib = LINUX_MIB_TCPFORWARDRETRANS;
		} else if (!before(TCP_SKB_CB(skb)->seq, tp->retransmit_high)) {
			tp->retransmit_high = last_lost;
			if (!tcp_can_forward_retransmit(sk))
				break;
			/* Back to the first hole that was passed. */
			if (hole) {
				skb = hole;
				hole = NULL;
			}
			fwd_rexmitting = 1;
			goto begin_fwd;
		} else if (!(sacked & TCPCB_LOST)) {
			if (!hole && !(sacked & (TCPCB_SACKED_RETRANS | TCPCB_SACKED_ACKED)))
				hole = skb;
			continue;
		} else {
			last_lost = TCP_SKB_CB(skb)->end_seq;
			mib = icsk->icsk_ca_state != TCP_CA_Loss ? LINUX_MIB_TCPFASTRETRANS :
								   LINUX_MIB_TCPSLOWSTARTRETRANS;
		}
		if (sacked & (TCPCB_SACKED_ACKED | TCPCB_SACKED_RETRANS))
			continue;
		if (tcp_retransmit_skb(sk, skb)) {
			NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPRETRANSFAIL);
			return;
		}
		NET_INC_STATS(sock_net(sk), mib);
		if (tcp_in_cwnd_reduction(sk))
			tp->prr_out += tcp_skb_pcount(skb);
		if (skb == tcp_write_queue_head(sk))
			inet_csk_reset_xmit_timer(sk, ICSK_TIME_RETRANS, icsk->icsk_rto,
						  TCP_RTO_MAX);
	}
}

/**
 * tcp_send_fin - queue our FIN: on the last unsent skb if there is one,
 * else on a new empty skb; then push
 */
void
tcp_send_fin(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb = tcp_write_queue_tail(sk);

	trace_tcp_send_fin(sk, skb);
	if (tcp_send_head(sk) && skb) {
		TCP_SKB_CB(skb)->tcp_flags |= TCPHDR_FIN;
		TCP_SKB_CB(skb)->end_seq++;
		tp->write_seq++;
	} else {
		skb = sk_stream_alloc_skb(sk, 0);
		if (!skb)
			return;
		tcp_init_nondata_skb(skb, tp->write_seq, TCPHDR_ACK | TCPHDR_FIN);
		skb_header_release(skb);
		__skb_queue_tail(&sk->sk_write_queue, skb);
		if (!sk->sk_send_head)
			sk->sk_send_head = skb;
		sk->sk_wmem_queued += skb->truesize;
		tp->write_seq = TCP_SKB_CB(skb)->end_seq;
	}
	__tcp_push_pending_frames(sk, tcp_current_mss(sk), TCP_NAGLE_OFF);
}

/* A bare segment (ACK, RST, probe) with headroom for every header. */
static struct sk_buff *
sim_tcp_alloc_ctl(struct sock *sk)
{
	struct sk_buff *skb = alloc_skb(sock_net(sk), MAX_TCP_HEADER);

	if (skb)
		skb_reserve(skb, MAX_TCP_HEADER);
	return skb;
}

/**
 * tcp_send_active_reset - abort: send a RST (close with unread data,
 * disconnect).  Not queued, not retransmitted.
 */
void
tcp_send_active_reset(struct sock *sk)
{
	struct sk_buff *skb;

	trace_tcp_send_active_reset(sk, tcp_acceptable_seq(sk));
	skb = sim_tcp_alloc_ctl(sk);
	if (!skb)
		return;
	tcp_init_nondata_skb(skb, tcp_acceptable_seq(sk), TCPHDR_ACK | TCPHDR_RST);
	TCP_SKB_CB(skb)->when = tcp_time_stamp(sk);
	NET_INC_STATS(sock_net(sk), TCP_MIB_OUTRSTS);
	tcp_transmit_skb(sk, skb, 0);
}

/**
 * tcp_send_ack - send a pure ACK now (it also carries our window)
 */
void
tcp_send_ack(struct sock *sk)
{
	struct sk_buff *skb;

	trace_tcp_send_ack(sk);
	if (sk->sk_state == TCP_CLOSE)
		return;
	skb = sim_tcp_alloc_ctl(sk);
	if (!skb) {
		inet_csk(sk)->icsk_ack.pending |= ICSK_ACK_SCHED;
		return;
	}
	tcp_init_nondata_skb(skb, tcp_acceptable_seq(sk), TCPHDR_ACK);
	TCP_SKB_CB(skb)->when = tcp_time_stamp(sk);
	tcp_transmit_skb(sk, skb, 0);
}

/**
 * tcp_send_delayed_ack - owe the peer an ACK, sent when the delayed-ACK
 * timer fires (ato: 40 ms at first, at most 200 ms, at most an RTT) or
 * earlier with the next data segment
 */
void
tcp_send_delayed_ack(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	unsigned long now = sim_host_jiffies(sock_net(sk));
	unsigned long timeout;
	u32 ato = icsk->icsk_ack.ato;

	if (ato > TCP_DELACK_MIN) {
		u32 max_ato = HZ / 2;

		if (icsk->icsk_ack.pingpong || (icsk->icsk_ack.pending & ICSK_ACK_PUSHED))
			max_ato = TCP_DELACK_MAX;
		if (tp->srtt) {
			u32 rtt = max_t(u32, tp->srtt >> 3, TCP_DELACK_MIN);

			if (rtt < max_ato)
				max_ato = rtt;
		}
		ato = min_t(u32, ato, max_ato);
	}
	timeout = now + ato;
	trace_tcp_send_delayed_ack(sk, ato, timeout);
	if (icsk->icsk_ack.pending & ICSK_ACK_TIMER) {
		/* Already owed and nearly due: send it now. */
		if (time_before_eq(icsk->icsk_ack.timeout, now + (ato >> 2))) {
			tcp_send_ack(sk);
			return;
		}
		if (!time_before(timeout, icsk->icsk_ack.timeout))
			timeout = icsk->icsk_ack.timeout;
	}
	icsk->icsk_ack.pending |= ICSK_ACK_SCHED | ICSK_ACK_TIMER;
	icsk->icsk_ack.timeout = timeout;
	mod_timer(&icsk->icsk_delack_timer, timeout);
}

/* tcp_initialize_rcv_mss: a first guess of the peer's segment size
 * (before the SYN, and again once the handshake set the MSS). */
void
tcp_initialize_rcv_mss(struct sock *sk)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	unsigned int hint = min_t(unsigned int, tp->advmss, tp->mss_cache);

	hint = min_t(unsigned int, hint, tp->rcv_wnd / 2);
	hint = min_t(unsigned int, hint, TCP_MSS_DEFAULT);
	hint = max_t(unsigned int, hint, TCP_MIN_MSS);
	inet_csk(sk)->icsk_ack.rcv_mss = hint;
}

/* tcp_connect_init: everything a SYN needs to know. */
static void
tcp_connect_init(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct inet_hashinfo *h = sock_net(sk)->tcp_hashinfo;
	struct dst_entry *dst = __sk_dst_get(sk);
	unsigned int mtu = dst ? dst_mtu(dst) : 576;
	u8 rcv_wscale = 0;

	tp->tcp_header_len = sizeof(struct tcphdr) +
			     (h->sysctl_tcp_timestamps ? TCPOLEN_TSTAMP_ALIGNED : 0);
	tcp_sync_mss(sk, mtu);
	tp->advmss = dst ? dst_metric_advmss(dst) : mtu - 40;	/* MTU 1500 -> 1460 */
	if (tp->rx_opt.user_mss && tp->rx_opt.user_mss < tp->advmss)
		tp->advmss = tp->rx_opt.user_mss;
	tcp_initialize_rcv_mss(sk);

	if ((sk->sk_userlocks & SOCK_RCVBUF_LOCK) &&
	    (tp->window_clamp > (u32)tcp_full_space(sk) || tp->window_clamp == 0))
		tp->window_clamp = tcp_full_space(sk);
	tcp_select_initial_window(tcp_full_space(sk), tp->advmss, &tp->rcv_wnd,
				  &tp->window_clamp, h->sysctl_tcp_window_scaling, &rcv_wscale, 0);
	tp->rx_opt.rcv_wscale = rcv_wscale;
	tp->rcv_ssthresh = tp->rcv_wnd;
	tp->rcv_space = tp->rcv_wnd;

	sk->sk_err = 0;
	tp->snd_wnd = 0;
	tp->snd_wl1 = 0;
	tp->snd_una = tp->write_seq;
	tp->snd_sml = tp->write_seq;
	tp->snd_nxt = tp->write_seq;
	tp->pushed_seq = tp->write_seq;
	tp->rcv_nxt = 0;
	tp->rcv_wup = 0;
	tp->copied_seq = 0;
	inet_csk(sk)->icsk_rto = TCP_TIMEOUT_INIT;
	inet_csk(sk)->icsk_retransmits = 0;
	tp->packets_out = tp->retrans_out = tp->lost_out = tp->sacked_out = 0;
}

/**
 * tcp_connect - build and send the SYN (kept on the write queue for
 * retransmission) and start the retransmission timer
 * Returns 0 or -ENOBUFS.
 */
int
tcp_connect(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *buff;
	int err;

	trace_tcp_connect(sk);
	tcp_connect_init(sk);
	trace_tcp_connect_params(sk);
	buff = sk_stream_alloc_skb(sk, 0);
	if (!buff)
		return -ENOBUFS;
	tcp_init_nondata_skb(buff, tp->write_seq++, TCPHDR_SYN);
	TCP_SKB_CB(buff)->when = tcp_time_stamp(sk);
	tp->retrans_stamp = TCP_SKB_CB(buff)->when;
	/* tcp_connect_queue_skb: queued as already sent (no send head). */
	skb_header_release(buff);
	__skb_queue_tail(&sk->sk_write_queue, buff);
	sk->sk_wmem_queued += buff->truesize;
	tp->packets_out += tcp_skb_pcount(buff);
	err = tcp_transmit_skb(sk, buff, 1);
	if (err == -ECONNREFUSED)
		return err;
	/* snd_nxt moves only now, so that tcp_transmit_skb counts the SYN
	 * in OutSegs (new data: past snd_nxt). */
	tp->snd_nxt = tp->write_seq;
	tp->pushed_seq = tp->write_seq;
	NET_INC_STATS(sock_net(sk), TCP_MIB_ACTIVEOPENS);
	inet_csk_reset_xmit_timer(sk, ICSK_TIME_RETRANS, inet_csk(sk)->icsk_rto, TCP_RTO_MAX);
	return 0;
}

/**
 * tcp_make_synack - the SYN-ACK answering request @req on listener @sk
 *
 * Returns an skb with the TCP header at skb->data (checksum left to the
 * caller), owned by the caller, or NULL.
 */
struct sk_buff *
tcp_make_synack(struct sock *sk, struct dst_entry *dst, struct request_sock *req)
{
	struct tcp_out_options opts;
	unsigned int tcp_header_size, mss;
	struct sk_buff *skb;
	struct tcphdr *th;
	/* A cookie keeps the SYN's options in our timestamp. */
	u32 now = req->cookie_ts ? cookie_init_timestamp(sk, req) : tcp_time_stamp(sk);

	mss = dst_metric_advmss(dst);
	if (tcp_sk(sk)->rx_opt.user_mss && tcp_sk(sk)->rx_opt.user_mss < mss)
		mss = tcp_sk(sk)->rx_opt.user_mss;
	trace_tcp_make_synack(sk, req, mss);
	skb = sim_tcp_alloc_ctl(sk);
	if (!skb)
		return NULL;
	memset(&opts, 0, sizeof(opts));
	tcp_header_size = tcp_synack_options(req, mss, now, &opts) + sizeof(*th);
	th = (struct tcphdr *)skb_push(skb, tcp_header_size);
	skb_reset_transport_header(skb);
	memset(th, 0, sizeof(*th));
	tcp_init_nondata_skb(skb, req->snt_isn, TCPHDR_SYN | TCPHDR_ACK);
	TCP_SKB_CB(skb)->when = now;
	th->syn = 1;
	th->ack = 1;
	th->source = req->loc_port;
	th->dest = req->rmt_port;
	th->seq = htonl(req->snt_isn);
	th->ack_seq = htonl(req->rcv_isn + 1);
	th->window = htons(min_t(u32, req->rcv_wnd, 65535U));
	th->doff = tcp_header_size >> 2;
	tcp_options_write((u8 *)(th + 1), &opts);
	return skb;
}

/* tcp_xmit_probe_skb: an ACK with an old sequence number: the peer must
 * answer it with an ACK carrying its current window. */
static int
tcp_xmit_probe_skb(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb = sim_tcp_alloc_ctl(sk);

	if (!skb)
		return -1;
	tcp_init_nondata_skb(skb, tp->snd_una - 1, TCPHDR_ACK);
	TCP_SKB_CB(skb)->when = tcp_time_stamp(sk);
	return tcp_transmit_skb(sk, skb, 0);
}

/**
 * tcp_write_wakeup - probe a closed window: send what fits if the window
 * opened a little, else a bare probe.  Returns the transmit result.
 */
int
tcp_write_wakeup(struct sock *sk)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct sk_buff *skb = tcp_send_head(sk);

	trace_tcp_write_wakeup(sk, skb);
	if (sk->sk_state == TCP_CLOSE)
		return -1;
	if (skb && before(TCP_SKB_CB(skb)->seq, tcp_wnd_end(tp))) {
		unsigned int mss = tcp_current_mss(sk);
		u32 seg_size = tcp_wnd_end(tp) - TCP_SKB_CB(skb)->seq;
		int err;

		if (seg_size < TCP_SKB_CB(skb)->end_seq - TCP_SKB_CB(skb)->seq || skb->len > mss) {
			seg_size = min_t(u32, seg_size, mss);
			if (tcp_fragment(sk, skb, seg_size, mss))
				return -1;
		} else if (!tcp_skb_pcount(skb)) {
			tcp_set_skb_tso_segs(sk, skb, mss);
		}
		TCP_SKB_CB(skb)->tcp_flags |= TCPHDR_PSH;
		TCP_SKB_CB(skb)->when = tcp_time_stamp(sk);
		err = tcp_transmit_skb(sk, skb, 1);
		if (!err)
			tcp_event_new_data_sent(sk, skb);
		return err;
	}
	return tcp_xmit_probe_skb(sk);
}

/**
 * tcp_send_probe0 - the zero-window probe timer fired
 *
 * Probe, then wait twice as long for the next probe (backoff), unless
 * the window reopened (data is in flight again or nothing waits).
 */
void
tcp_send_probe0(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	int err;

	trace_tcp_send_probe0(sk);
	err = tcp_write_wakeup(sk);
	NET_INC_STATS(sock_net(sk), SIM_MIB_TCPPROBEZEROWINDOW);
	if (tp->packets_out || !tcp_send_head(sk)) {
		icsk->icsk_probes_out = 0;
		icsk->icsk_backoff = 0;
		return;
	}
	if (err <= 0) {
		if (icsk->icsk_backoff < TCP_RETR2)
			icsk->icsk_backoff++;
		icsk->icsk_probes_out++;
		inet_csk_reset_xmit_timer(sk, ICSK_TIME_PROBE0,
					  min_t(u32, icsk->icsk_rto << icsk->icsk_backoff, TCP_RTO_MAX),
					  TCP_RTO_MAX);
	} else {
		inet_csk_reset_xmit_timer(sk, ICSK_TIME_PROBE0,
					  min_t(u32, icsk->icsk_rto << icsk->icsk_backoff,
						TCP_RESOURCE_PROBE_INTERVAL),
					  TCP_RTO_MAX);
	}
}
