/*
 * layers/tcp_minisocks.c - the two ends of a connection's life that the
 * kernel keeps in small sockets: the request (SYN received, SYN-ACK sent,
 * waiting for the handshake's ACK) and TIME_WAIT.
 *
 * Mirrors net/ipv4/tcp_minisocks.c (Linux 3.10.108):
 *   tcp_check_req: the ACK that completes a handshake turns a
 *     request_sock into a child socket (tcp_v4_syn_recv_sock ->
 *     tcp_create_openreq_child) queued for accept(); a retransmitted SYN
 *     gets its SYN-ACK again;
 *   tcp_child_process: the child processes that ACK (SYN_RECV ->
 *     ESTABLISHED) and the listener's reader is woken;
 *   tcp_time_wait / tcp_timewait_state_process: TIME_WAIT for 60 s
 *     (TCP_TIMEWAIT_LEN, 2 MSL), restarted by what the peer still
 *     sends, a retransmitted FIN answered with our ACK again.
 *
 * Read before: layers/tcp_ipv4.c (tcp_v4_conn_request).  Read after:
 * layers/tcp_timer.c.
 *
 * KERNEL: the child is a copy of the listener (sk_clone_lock) with its
 * TCP part rebuilt, not a field-by-field clone; TIME_WAIT keeps the full
 * socket (no inet_timewait_sock, no tw recycling or reuse, no RFC 1337
 * protection: a RST at rcv_nxt ends TIME_WAIT); no SYN-ACK
 * retransmission timer (the client's retransmitted SYN triggers a new
 * SYN-ACK), no TCP_DEFER_ACCEPT.
 */
#include "layers/tcp.h"
#include "events/tcp.h"

#include <stdlib.h>
#include <string.h>

static const char KSRC[] = "net/ipv4/tcp_minisocks.c";

/**
 * tcp_time_wait - enter TIME_WAIT (or, for an orphan, wait in FIN_WAIT2)
 * @timeo: FIN_WAIT2 timeout; TIME_WAIT always lasts TCP_TIMEWAIT_LEN
 */
void
tcp_time_wait(struct sock *sk, int state, int timeo)
{
	unsigned long tmo = state == TCP_TIME_WAIT ? TCP_TIMEWAIT_LEN : (unsigned long)timeo;

	trace_tcp_time_wait(sk, state, tmo);
	if (state == TCP_TIME_WAIT) {
		tcp_set_state(sk, TCP_TIME_WAIT);
		inet_csk_clear_xmit_timer(sk, ICSK_TIME_RETRANS);
		inet_csk_clear_xmit_timer(sk, ICSK_TIME_DACK);
		if (!sim_sock_flag_dead(sk))
			sk->sk_state_change(sk);
	}
	inet_csk_reset_keepalive_timer(sk, tmo);
}

/**
 * tcp_timewait_state_process - a segment for a connection in TIME_WAIT
 *
 * At rcv_nxt, a bare ACK restarts the 2 MSL wait and a RST ends it
 * ("TIME_WAIT assassination": 3.10's tcp_rfc1337 is 0).  Any other
 * segment but a RST gets an ACK (the peer's FIN again means our last
 * ACK was lost) and, if it carries an ACK, restarts the wait.  A RST
 * anywhere else is ignored, never answered [RFC 5961 3.2].
 * KERNEL: no PAWS check here; a new SYN above rcv_nxt is ACKed, not
 * handed to the listener (no TIME_WAIT reuse).
 * Consumes @skb.
 */
void
tcp_timewait_state_process(struct sock *sk, struct sk_buff *skb, const struct tcphdr *th)
{
	const struct tcp_skb_cb *tcb = TCP_SKB_CB(skb);
	u32 rcv_nxt = tcp_sk(sk)->rcv_nxt;

	trace_tcp_timewait_state_process(sk, skb);
	tcp_parse_options(skb, &tcp_sk(sk)->rx_opt, 1);
	if (tcb->seq == rcv_nxt && (tcb->seq == tcb->end_seq || th->rst)) {
		if (th->rst)
			tcp_done(sk);
		else
			inet_csk_reset_keepalive_timer(sk, TCP_TIMEWAIT_LEN);
	} else if (th->rst) {
		trace_tcp_window_reject(sk, skb, "rst_out_of_window", rcv_nxt);
		NET_INC_STATS(sock_net(sk), SIM_MIB_TCPOUTOFWINDOW);
	} else {
		if (th->ack)
			inet_csk_reset_keepalive_timer(sk, TCP_TIMEWAIT_LEN);
		tcp_send_ack(sk);
	}
	consume_skb(skb);
}

/* inet_csk_reqsk_queue_drop: forget a pending request. */
void
inet_csk_reqsk_queue_drop(struct sock *sk, struct request_sock *req)
{
	list_del_init(&req->node);
	inet_csk(sk)->icsk_accept_queue.qlen--;
	free(req);
}

/**
 * tcp_create_openreq_child - the socket of a connection accepted by
 * listener @sk: sequence numbers, windows and options from @req
 *
 * Returns the child (SYN_RECV, not hashed yet, one reference) or NULL.
 */
struct sock *
tcp_create_openreq_child(struct sock *sk, struct request_sock *req, struct sk_buff *skb)
{
	struct sock *newsk = sk_clone_lock(sk);
	struct tcp_sock *newtp;
	struct inet_connection_sock *newicsk;
	u32 now = tcp_time_stamp(sk);

	trace_tcp_create_openreq_child(sk, req, skb);
	if (!newsk)
		return NULL;
	/* Rebuild the TCP part: nothing of the listener's state carries over. */
	memset((char *)newsk + sizeof(struct inet_sock), 0,
	       sizeof(struct tcp_sock) - sizeof(struct inet_sock));
	tcp_init_sock(newsk);
	newsk->sk_state = TCP_SYN_RECV;
	newtp = tcp_sk(newsk);
	newicsk = inet_csk(newsk);

	newtp->rcv_wup = newtp->copied_seq = newtp->rcv_nxt = req->rcv_isn + 1;
	newtp->snd_sml = newtp->snd_una = newtp->snd_nxt = req->snt_isn + 1;
	newtp->write_seq = newtp->pushed_seq = req->snt_isn + 1;
	newtp->snd_wl1 = req->rcv_isn;
	newtp->rx_opt.tstamp_ok = req->tstamp_ok;
	newtp->rx_opt.sack_ok = req->sack_ok;
	newtp->rx_opt.wscale_ok = req->wscale_ok;
	newtp->rx_opt.snd_wscale = req->wscale_ok ? req->snd_wscale : 0;
	newtp->rx_opt.rcv_wscale = req->wscale_ok ? req->rcv_wscale : 0;
	newtp->window_clamp = req->window_clamp;
	newtp->rcv_ssthresh = newtp->rcv_wnd = req->rcv_wnd;
	newtp->snd_wnd = ntohs(tcp_hdr(skb)->window) << newtp->rx_opt.snd_wscale;
	newtp->max_window = newtp->snd_wnd;
	newtp->rx_opt.mss_clamp = req->mss;
	if (newtp->rx_opt.tstamp_ok) {
		newtp->rx_opt.ts_recent = req->ts_recent;
		newtp->rx_opt.ts_recent_stamp = (long)(sim_host_jiffies(sock_net(sk)) / HZ);
		newtp->tcp_header_len = sizeof(struct tcphdr) + TCPOLEN_TSTAMP_ALIGNED;
	} else {
		newtp->tcp_header_len = sizeof(struct tcphdr);
	}
	newtp->total_retrans = req->num_retrans;
	newicsk->icsk_ack.lrcvtime = now;
	/* tcp_synack_rtt_meas: the SYN-ACK's round trip is the first sample
	 * (a cookie's request knows when only from the echoed timestamp). */
	if (!req->num_retrans && req->snt_synack) {
		tcp_rtt_estimator(newsk, now - req->snt_synack);
		tcp_set_rto(newsk);
	}
	NET_INC_STATS(sock_net(sk), TCP_MIB_PASSIVEOPENS);
	return newsk;
}

/* tcp_in_window: does [seq, end_seq) touch the window [s_win, e_win]? */
static bool
tcp_in_window(u32 seq, u32 end_seq, u32 s_win, u32 e_win)
{
	if (seq == s_win)
		return true;
	if (after(end_seq, s_win) && before(seq, e_win))
		return true;
	return seq == e_win && seq == end_seq;
}

/**
 * tcp_check_req - a segment for pending request @req of listener @sk
 *
 * Returns the new child (the handshake's ACK arrived), @sk (the caller
 * lets the listener answer, e.g. with a RST for a wrong ACK), or NULL
 * (nothing more to do; the caller frees @skb).
 */
struct sock *
tcp_check_req(struct sock *sk, struct sk_buff *skb, struct request_sock *req)
{
	const struct tcphdr *th = tcp_hdr(skb);
	u8 flg = TCP_SKB_CB(skb)->tcp_flags & (TCPHDR_SYN | TCPHDR_ACK | TCPHDR_RST);
	struct sock *child;

	trace_tcp_check_req(sk, skb, req);
	/* A retransmitted SYN: our SYN-ACK was lost. */
	if (TCP_SKB_CB(skb)->seq == req->rcv_isn && flg == TCPHDR_SYN) {
		req->num_retrans++;
		tcp_v4_send_synack(sk, req);
		return NULL;
	}
	if ((flg & TCPHDR_ACK) && TCP_SKB_CB(skb)->ack_seq != req->snt_isn + 1)
		return sk;
	/* A RST, SYN or ACK that guessed the sequence wrong changes nothing
	 * [RFC 793 3.9, RFC 5961].  KERNEL: answered with an ACK
	 * (tcp_v4_reqsk_send_ack) unless it is a RST; PAWS check first. */
	if (!tcp_in_window(TCP_SKB_CB(skb)->seq, TCP_SKB_CB(skb)->end_seq, req->rcv_isn + 1,
			   req->rcv_isn + 1 + req->rcv_wnd)) {
		trace_tcp_window_reject(sk, skb, "out_of_window", req->rcv_isn + 1);
		return NULL;
	}
	if (flg & (TCPHDR_RST | TCPHDR_SYN)) {
		if (!(flg & TCPHDR_RST))
			tcp_v4_send_reset(NULL, skb);
		inet_csk_reqsk_queue_drop(sk, req);
		return NULL;
	}
	if (!(flg & TCPHDR_ACK) || !th->ack)
		return NULL;

	child = tcp_v4_syn_recv_sock(sk, skb, req, NULL);
	if (!child) {
		trace_tcp_discard(sock_net(sk), skb, "listen_overflow");
		return NULL;
	}
	inet_csk_reqsk_queue_add(sk, req, child);
	inet_csk_reqsk_queue_drop(sk, req);
	return child;
}

/**
 * inet_csk_reqsk_queue_add - @child, made from @req, waits on listener
 * @sk's accept queue from now on.  KERNEL: the kernel queues @req, which
 * points at the child; netstep queues the child itself (and the caller
 * frees @req).
 */
void
inet_csk_reqsk_queue_add(struct sock *sk, struct request_sock *req, struct sock *child)
{
	(void)req;
	list_add_tail(&inet_csk(child)->icsk_accept_node,
		      &inet_csk(sk)->icsk_accept_queue.rskq_accept);
	inet_csk(child)->icsk_listener = sk;
	sk->sk_ack_backlog++;
}

/**
 * tcp_child_process - the new child processes the segment that created
 * it; when it becomes ESTABLISHED the listener's reader (accept) is
 * woken.  Returns what tcp_rcv_state_process returns (1: send a RST).
 */
int
tcp_child_process(struct sock *parent, struct sock *child, struct sk_buff *skb)
{
	int state = child->sk_state;
	int ret;

	trace_tcp_child_process(child, skb);
	sock_hold(child);
	ret = tcp_rcv_state_process(child, skb, tcp_hdr(skb), skb->len);
	if (!ret && state == TCP_SYN_RECV && child->sk_state != state)
		parent->sk_data_ready(parent, 0);
	sock_put(child);
	return ret;
}
