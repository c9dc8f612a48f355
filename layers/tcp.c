/*
 * layers/tcp.c - TCP as the socket layer calls it: send(), recv(),
 * close(), shutdown(), listen/accept, and the socket's life cycle.
 *
 * Mirrors net/ipv4/tcp.c and the listen/accept half of
 * net/ipv4/inet_connection_sock.c (Linux 3.10.108).  This is where the
 * article's section 4 happens:
 *
 *   inet_sendmsg -> tcp_sendmsg: take the tail skb of sk_write_queue
 *     (tcp_write_queue_tail) while it holds less than the size goal;
 *     append the user's bytes to its linear part while skb_availroom()
 *     allows (skb_add_data_nocache = skb_put + copy), then, if the route's
 *     device does scatter-gather, to page frags (the task's page_frag,
 *     sk_page_frag_refill, skb_copy_to_page_nocache, skb_fill_page_desc);
 *     when it is full, sk_stream_alloc_skb + skb_entail a new one.  A
 *     full skb is pushed at once if forced_push() (more than half the
 *     peer's largest window queued since the last PSH) or if it is the
 *     first unsent skb (tcp_push_one); whatever is left is pushed at the
 *     end (tcp_push -> __tcp_push_pending_frames, where Nagle may hold a
 *     small tail back).
 *
 * The size goal (tcp_xmit_size_goal) is one MSS, or, when the route can
 * GSO, a multiple of it: the pacing rate's worth of a millisecond (at
 * least two MSS), within the 64 KiB of a GSO packet and half the peer's
 * largest window.  Each skb then becomes one GSO skb in tcp_write_xmit.
 *
 * Read before: layers/sock.h, layers/af_inet.c (inet_sendmsg).  Read
 * after: layers/tcp_output.c (tcp_write_xmit, tcp_transmit_skb).
 *
 * Left out: blocking (sk_stream_wait_memory / sk_stream_wait_connect:
 * netstep's process model re-enters the system call when the socket
 * wakes it), sendpage and zero-copy, urgent data, MSG_FASTOPEN,
 * TCP_REPAIR, the prequeue / ucopy path of tcp_recvmsg, receive buffer
 * autotuning (tcp_rcv_space_adjust), socket options other than
 * TCP_NODELAY, TCP_CORK, TCP_MAXSEG and TCP_INFO.
 */
#include "layers/tcp.h"
#include "layers/route.h"
#include "events/tcp.h"
#include "events/offload.h"

#include <stdlib.h>
#include <string.h>

static const char KSRC[] = "net/ipv4/tcp.c";

/* As ss(8) names the states (include/net/tcp_states.h order). */
const char *const tcp_state_name[TCP_MAX_STATES] = {
	[0] = "UNKNOWN",
	[TCP_ESTABLISHED] = "ESTAB",
	[TCP_SYN_SENT] = "SYN-SENT",
	[TCP_SYN_RECV] = "SYN-RECV",
	[TCP_FIN_WAIT1] = "FIN-WAIT-1",
	[TCP_FIN_WAIT2] = "FIN-WAIT-2",
	[TCP_TIME_WAIT] = "TIME-WAIT",
	[TCP_CLOSE] = "UNCONN",
	[TCP_CLOSE_WAIT] = "CLOSE-WAIT",
	[TCP_LAST_ACK] = "LAST-ACK",
	[TCP_LISTEN] = "LISTEN",
	[TCP_CLOSING] = "CLOSING",
};

/**
 * tcp_init_sock - defaults of a new TCP socket (tcp.c:376)
 *
 * Initial RTO 1 s, cwnd 10, ssthresh "infinite", MSS 536 until the route
 * is known, buffers from tcp_wmem[1] / tcp_rmem[1].
 */
void
tcp_init_sock(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct inet_hashinfo *h = sock_net(sk)->tcp_hashinfo;
	struct tcp_sock *tp = tcp_sk(sk);

	trace_tcp_init_sock(sk);
	skb_queue_head_init(&tp->out_of_order_queue);
	INIT_LIST_HEAD(&icsk->icsk_accept_queue.syn_queue);
	INIT_LIST_HEAD(&icsk->icsk_accept_queue.rskq_accept);
	INIT_LIST_HEAD(&icsk->icsk_accept_node);
	INIT_LIST_HEAD(&icsk->icsk_bind_node);
	tcp_init_xmit_timers(sk);

	icsk->icsk_rto = TCP_TIMEOUT_INIT;
	tp->mdev = TCP_TIMEOUT_INIT;
	tp->snd_cwnd = TCP_INIT_CWND;
	tp->snd_ssthresh = TCP_INFINITE_SSTHRESH;
	tp->snd_cwnd_clamp = ~0U;
	tp->undo_retrans = -1;
	if (h) {
		tp->reordering = h->sysctl_tcp_reordering;
		tcp_enable_early_retrans(tp, h);
	}
	tp->mss_cache = TCP_MSS_DEFAULT;
	tp->rx_opt.mss_clamp = TCP_MSS_DEFAULT;
	icsk->icsk_ca_ops = &tcp_init_congestion_ops;
	sk->sk_type = SOCK_STREAM;
	sk->sk_protocol = IPPROTO_TCP;
	sk->sk_state = TCP_CLOSE;
	sk->sk_write_space = sk_stream_write_space;
	if (h && !(sk->sk_userlocks & SOCK_SNDBUF_LOCK))
		sk->sk_sndbuf = h->sysctl_tcp_wmem[1];
	if (h && !(sk->sk_userlocks & SOCK_RCVBUF_LOCK))
		sk->sk_rcvbuf = h->sysctl_tcp_rmem[1];
	if (h)
		h->nsocks++;
}

/**
 * tcp_set_state - move @sk to @state
 *
 * Entering CLOSE takes the socket off the lookup tables and gives its
 * port back (the table's reference is dropped: the caller holds one).
 */
void
tcp_set_state(struct sock *sk, int state)
{
	int oldstate = sk->sk_state;
	struct net *net = sock_net(sk);

	trace_tcp_set_state(sk, state);
	if (state == TCP_CLOSE) {
		if (oldstate == TCP_CLOSE_WAIT || oldstate == TCP_ESTABLISHED)
			NET_INC_STATS(net, TCP_MIB_ESTABRESETS);
		sk->sk_state = state;
		inet_unhash(sk);
		return;
	}
	sk->sk_state = state;
}

/**
 * inet_csk_destroy_sock - the orphaned connection is over: free its
 * queues and timers and drop the reference that kept it alive.
 */
void
inet_csk_destroy_sock(struct sock *sk)
{
	struct inet_hashinfo *h = sock_net(sk)->tcp_hashinfo;

	trace_inet_csk_destroy_sock(sk);
	sk->sk_prot->destroy(sk);
	__skb_queue_purge(&sk->sk_receive_queue);
	if (!list_empty(&sk->sk_node))
		inet_unhash(sk);
	if (h)
		h->nsocks--;
	sock_put(sk);
}

/**
 * tcp_done - the connection is closed (RST, last ACK, TIME_WAIT over,
 * too many retransmissions): wake the owner, or destroy an orphan.
 */
void
tcp_done(struct sock *sk)
{
	trace_tcp_done(sk);
	if (sk->sk_state == TCP_SYN_SENT || sk->sk_state == TCP_SYN_RECV)
		NET_INC_STATS(sock_net(sk), TCP_MIB_ATTEMPTFAILS);
	tcp_set_state(sk, TCP_CLOSE);
	tcp_clear_xmit_timers(sk);
	sk->sk_shutdown = SHUTDOWN_MASK;
	if (!sim_sock_flag_dead(sk))
		sk->sk_state_change(sk);
	else
		inet_csk_destroy_sock(sk);
}

/* tcp_close_state: the state close() or shutdown() leads to; true = send FIN. */
static const unsigned char new_state[TCP_MAX_STATES] = {
	[0] = TCP_CLOSE,
	[TCP_ESTABLISHED] = TCP_FIN_WAIT1 | 0x10,
	[TCP_SYN_SENT] = TCP_CLOSE,
	[TCP_SYN_RECV] = TCP_FIN_WAIT1 | 0x10,
	[TCP_FIN_WAIT1] = TCP_FIN_WAIT1,
	[TCP_FIN_WAIT2] = TCP_FIN_WAIT2,
	[TCP_TIME_WAIT] = TCP_CLOSE,
	[TCP_CLOSE] = TCP_CLOSE,
	[TCP_CLOSE_WAIT] = TCP_LAST_ACK | 0x10,
	[TCP_LAST_ACK] = TCP_LAST_ACK,
	[TCP_LISTEN] = TCP_CLOSE,
	[TCP_CLOSING] = TCP_CLOSING,
};

static int
tcp_close_state(struct sock *sk)
{
	int next = new_state[sk->sk_state];

	tcp_set_state(sk, next & 0x0f);
	return next & 0x10;
}

/**
 * tcp_shutdown - shutdown(SHUT_WR): send our FIN, keep receiving
 */
void
tcp_shutdown(struct sock *sk, int how)
{
	trace_tcp_shutdown(sk, how);
	if (!(how & SEND_SHUTDOWN))
		return;
	if ((1 << sk->sk_state) & ((1 << TCP_ESTABLISHED) | (1 << TCP_SYN_SENT) |
				   (1 << TCP_SYN_RECV) | (1 << TCP_CLOSE_WAIT))) {
		if (tcp_close_state(sk))
			tcp_send_fin(sk);
	}
}

/**
 * tcp_close - close(): the user lets go of the socket
 *
 * Unread data means the peer's bytes will never be read: reset the
 * connection [RFC 2525 2.17].  Otherwise send our FIN; the socket lives
 * on as an orphan until the FIN exchange (and TIME_WAIT) is over.
 * Consumes the user's reference.
 */
void
tcp_close(struct sock *sk, long timeout)
{
	struct sk_buff *skb;
	u32 data_was_unread = 0;
	int state;

	(void)timeout;		/* the SO_LINGER time: see sk_stream_wait_close below */
	trace_tcp_close(sk);
	sk->sk_shutdown = SHUTDOWN_MASK;
	if (sk->sk_state == TCP_LISTEN) {
		tcp_set_state(sk, TCP_CLOSE);
		inet_csk_listen_stop(sk);
		goto adjudge_to_death;
	}
	while ((skb = __skb_dequeue(&sk->sk_receive_queue)) != NULL) {
		u32 len = TCP_SKB_CB(skb)->end_seq - TCP_SKB_CB(skb)->seq;

		if (TCP_SKB_CB(skb)->tcp_flags & TCPHDR_FIN)
			len--;
		data_was_unread += len;
		consume_skb(skb);
	}
	if (sk->sk_state == TCP_CLOSE)
		goto adjudge_to_death;
	if (data_was_unread) {
		trace_tcp_abort_on_close(sk, data_was_unread);
		NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPABORTONCLOSE);
		tcp_set_state(sk, TCP_CLOSE);
		tcp_send_active_reset(sk);
	} else if (sock_flag(sk, SOCK_LINGER) && !sk->sk_lingertime) {
		/* SO_LINGER with a zero timeout: abort, the peer gets a RST
		 * (checked after unread data, as the kernel does). */
		sk->sk_prot->disconnect(sk, 0);
		NET_INC_STATS(sock_net(sk), LINUX_MIB_TCPABORTONDATA);
	} else if (tcp_close_state(sk)) {
		tcp_send_fin(sk);
	}
	/* KERNEL: sk_stream_wait_close(sk, timeout) would keep close()
	 * waiting here, up to the SO_LINGER time, for the FIN to be
	 * acknowledged; netstep's close() returns at once. */

adjudge_to_death:
	state = sk->sk_state;
	sock_hold(sk);
	sock_orphan(sk);
	inet_csk(sk)->sim_sock_dead = 1;
	if (state == TCP_FIN_WAIT2)
		tcp_time_wait(sk, TCP_FIN_WAIT2, tcp_fin_time(sk));
	if (sk->sk_state == TCP_CLOSE)
		inet_csk_destroy_sock(sk);
	sock_put(sk);
}

/**
 * tcp_disconnect - connect(AF_UNSPEC) / abort: back to CLOSE at once,
 * resetting the peer if it thinks we are connected.  Returns 0.
 */
int
tcp_disconnect(struct sock *sk, int flags)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct inet_connection_sock *icsk = inet_csk(sk);
	int old_state = sk->sk_state;

	(void)flags;
	trace_tcp_disconnect(sk);
	if (old_state != TCP_CLOSE)
		tcp_set_state(sk, TCP_CLOSE);
	if (old_state == TCP_LISTEN) {
		inet_csk_listen_stop(sk);
	} else if ((1 << old_state) & ((1 << TCP_ESTABLISHED) | (1 << TCP_CLOSE_WAIT) |
				       (1 << TCP_FIN_WAIT1) | (1 << TCP_FIN_WAIT2) |
				       (1 << TCP_SYN_RECV) | (1 << TCP_CLOSING) |
				       (1 << TCP_LAST_ACK))) {
		tcp_send_active_reset(sk);
		sk->sk_err = ECONNRESET;
	} else if (old_state == TCP_SYN_SENT) {
		sk->sk_err = ECONNRESET;
	}
	tcp_clear_xmit_timers(sk);
	__skb_queue_purge(&sk->sk_receive_queue);
	__skb_queue_purge(&sk->sk_write_queue);
	sk->sk_send_head = NULL;
	sk->sk_wmem_queued = 0;
	__skb_queue_purge(&tp->out_of_order_queue);
	sk->sk_shutdown = 0;
	tp->srtt = 0;
	tp->write_seq += tp->max_window + 2;
	if (tp->write_seq == 0)
		tp->write_seq = 1;
	icsk->icsk_backoff = 0;
	tp->snd_cwnd = 2;
	icsk->icsk_probes_out = 0;
	tp->packets_out = 0;
	tp->snd_ssthresh = TCP_INFINITE_SSTHRESH;
	tp->snd_cwnd_cnt = 0;
	tp->frto = 0;
	tcp_set_ca_state(sk, TCP_CA_Open);
	tcp_clear_retrans(tp);
	sk_dst_reset(sk);
	sk->sk_daddr = 0;
	sk->sk_dport = 0;
	sk->sk_error_report(sk);
	return 0;
}

/*
 * reqsk_queue_alloc's sizing: a listener's SYN queue holds backlog
 * requests (at least 8, at most sysctl_max_syn_backlog), rounded up to
 * a power of two above that: 16 for listen(fd, 8), 256 for 128.
 * KERNEL: 3.10 also sizes a hash table of requests by it.
 */
static u8
reqsk_queue_max_qlen_log(struct net *net, int backlog)
{
	u32 nr = (u32)(backlog > 0 ? backlog : 0);
	u8 log = 3;

	nr = min_t(u32, nr, (u32)net->tcp_hashinfo->sysctl_max_syn_backlog);
	nr = max_t(u32, nr, 8);
	while ((1U << log) < nr + 1)	/* roundup_pow_of_two(nr + 1) */
		log++;
	return log;
}

/**
 * inet_csk_listen_start - listen(): accept SYNs on the bound port
 * (the socket gets one if it has none).  0 or -EADDRINUSE.
 */
int
inet_csk_listen_start(struct sock *sk, int backlog)
{
	struct inet_connection_sock *icsk = inet_csk(sk);

	trace_inet_csk_listen_start(sk, backlog);
	sk->sk_max_ack_backlog = backlog > 0 ? backlog : 0;
	sk->sk_ack_backlog = 0;
	icsk->icsk_accept_queue.qlen = 0;
	icsk->icsk_accept_queue.max_qlen_log = reqsk_queue_max_qlen_log(sock_net(sk), backlog);
	icsk->icsk_accept_queue.synflood_warned = 0;
	sk->sk_state = TCP_LISTEN;
	if (sk->sk_prot->get_port(sk, sk->sk_num)) {
		sk->sk_state = TCP_CLOSE;
		return -EADDRINUSE;
	}
	inet_sk(sk)->inet_sport = htons(sk->sk_num);
	sk_dst_reset(sk);
	sk->sk_prot->hash(sk);
	return 0;
}

/**
 * inet_csk_listen_stop - the listener closes: forget pending SYNs and
 * reset the children nobody accepted.
 */
void
inet_csk_listen_stop(struct sock *sk)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct request_sock *req, *n;

	trace_inet_csk_listen_stop(sk);
	list_for_each_entry_safe(req, n, &icsk->icsk_accept_queue.syn_queue, node)
		inet_csk_reqsk_queue_drop(sk, req);
	while (!list_empty(&icsk->icsk_accept_queue.rskq_accept)) {
		struct inet_connection_sock *cicsk =
			list_first_entry(&icsk->icsk_accept_queue.rskq_accept,
					 struct inet_connection_sock, icsk_accept_node);
		struct sock *child = &cicsk->icsk_inet.sk;

		list_del_init(&cicsk->icsk_accept_node);
		cicsk->icsk_listener = NULL;
		sk->sk_ack_backlog--;
		sock_hold(child);
		cicsk->sim_sock_dead = 1;
		tcp_disconnect(child, 0);
		inet_csk_destroy_sock(child);
		sock_put(child);
	}
}

/**
 * inet_csk_accept - tcp_prot.accept: the oldest established child
 *
 * Returns it (the caller takes over its reference) or NULL with *err =
 * -EAGAIN (nothing ready; the listener's sk_data_ready fires when there
 * is) or -EINVAL (not listening).
 */
struct sock *
inet_csk_accept(struct sock *sk, int flags, int *err)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct inet_connection_sock *cicsk;

	(void)flags;
	trace_inet_csk_accept(sk);
	if (sk->sk_state != TCP_LISTEN) {
		*err = -EINVAL;
		return NULL;
	}
	if (list_empty(&icsk->icsk_accept_queue.rskq_accept)) {
		*err = -EAGAIN;
		return NULL;
	}
	cicsk = list_first_entry(&icsk->icsk_accept_queue.rskq_accept,
				 struct inet_connection_sock, icsk_accept_node);
	list_del_init(&cicsk->icsk_accept_node);
	cicsk->icsk_listener = NULL;
	sk->sk_ack_backlog--;
	*err = 0;
	return &cicsk->icsk_inet.sk;
}

/* forced_push: more than half the peer's largest window since the last PSH. */
static bool
forced_push(const struct tcp_sock *tp)
{
	return after(tp->write_seq, tp->pushed_seq + (tp->max_window >> 1));
}

/* tcp_mark_push: set PSH on @skb; the data so far counts as pushed. */
void
tcp_mark_push(struct tcp_sock *tp, struct sk_buff *skb)
{
	TCP_SKB_CB(skb)->tcp_flags |= TCPHDR_PSH;
	tp->pushed_seq = tp->write_seq;
}

/**
 * skb_entail - append a new, empty skb to the write queue
 *
 * It starts (and, empty, ends) at write_seq; it becomes the send head if
 * nothing else is waiting to be sent.  The queue owns it from now on.
 */
static void
skb_entail(struct sock *sk, struct sk_buff *skb)
{
	struct tcp_sock *tp = tcp_sk(sk);
	struct tcp_skb_cb *tcb = TCP_SKB_CB(skb);

	trace_skb_entail(sk, skb);
	tcb->seq = tcb->end_seq = tp->write_seq;
	tcb->tcp_flags = TCPHDR_ACK;
	tcb->sacked = 0;
	/* The clone will push headers; the original promises not to. */
	skb_header_release(skb);
	__skb_queue_tail(&sk->sk_write_queue, skb);
	if (!sk->sk_send_head)
		sk->sk_send_head = skb;
	sk->sk_wmem_queued += skb->truesize;
	tp->nonagle &= ~TCP_NAGLE_PUSH;
}

/**
 * sk_stream_alloc_skb - an skb for @size bytes of payload
 *
 * Headroom MAX_TCP_HEADER for the TCP, IP and Ethernet headers; the tail
 * room beyond @size is reserved, so skb_availroom() is exactly @size.
 * Returns the skb (owned by the caller) or NULL.
 * KERNEL: alloc_skb_fclone (the clone's sk_buff comes with it) and a
 * sk_wmem_schedule check against the protocol's memory limits.
 */
struct sk_buff *
sk_stream_alloc_skb(struct sock *sk, int size)
{
	struct sk_buff *skb;

	trace_sk_stream_alloc_skb(sk, size);
	size = ALIGN(size, 4);
	skb = alloc_skb(sock_net(sk), size + sk->sk_prot->max_header);
	if (!skb)
		return NULL;
	skb->fclone = SKB_FCLONE_ORIG;
	skb_reserve(skb, sk->sk_prot->max_header);
	skb->reserved_tailroom = skb->end - skb->tail - size;
	return skb;
}

/*
 * SKB_WITH_OVERHEAD(2048 - MAX_TCP_HEADER): what a 2 KiB allocation
 * leaves for data after the TCP headroom and struct skb_shared_info (320
 * bytes on x86_64 in 3.10, as netstep's).
 */
#define SIM_TCP_GSO_HEADLEN	(2048 - MAX_TCP_HEADER - \
				 (int)ALIGN(sizeof(struct skb_shared_info), 64u))
/* SKB_MAX_HEAD(MAX_TCP_HEADER): the linear room in one page. */
#define SIM_TCP_PAGE_HEADLEN	((int)PAGE_SIZE - MAX_TCP_HEADER - \
				 (int)ALIGN(sizeof(struct skb_shared_info), 64u))

/*
 * select_size - the linear area of a new skb: one MSS without SG; with
 * SG and GSO a small head (1568 bytes) and the rest in page frags; with
 * SG alone, what fits in one page if the MSS does not.
 */
static int
select_size(const struct sock *sk, bool sg)
{
	int tmp = tcp_sk(sk)->mss_cache;

	if (sg) {
		if (sk_can_gso(sk)) {
			tmp = SIM_TCP_GSO_HEADLEN;
		} else if (tmp >= SIM_TCP_PAGE_HEADLEN &&
			   tmp <= SIM_TCP_PAGE_HEADLEN + (int)(MAX_SKB_FRAGS - 1) * (int)PAGE_SIZE) {
			tmp = SIM_TCP_PAGE_HEADLEN;
		}
	}
	return tmp;
}

/**
 * tcp_xmit_size_goal - how much one skb of tcp_sendmsg should hold
 * @large_allowed: 0 for urgent data (one MSS)
 *
 * One MSS, unless the route can GSO: then a millisecond of the pacing
 * rate (2 x cwnd x MSS / srtt, see tcp_update_pacing_rate), at least
 * tcp_min_tso_segs (2) MSS, at most a GSO packet (gso_max_size minus
 * one, minus the headers) and half the peer's largest window, rounded
 * down to whole MSS (xmit_size_goal_segs, kept while it still fits).
 */
unsigned int
tcp_xmit_size_goal(struct sock *sk, u32 mss_now, int large_allowed)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 xmit_size_goal = mss_now, old_size_goal;

	trace_tcp_xmit_size_goal(sk, mss_now, large_allowed);
	if (large_allowed && sk_can_gso(sk)) {
		int min_segs = sock_net(sk)->tcp_hashinfo->sysctl_tcp_min_tso_segs;
		/* net_header_len (IPv4: 20) + no extension headers + TCP's */
		u32 hlen = sizeof(struct iphdr) + tp->tcp_header_len;
		u32 gso_size = sk->sk_pacing_rate / (2 * 1000);	/* a ms of the rate */

		gso_size = max_t(u32, gso_size, min_segs * mss_now);
		xmit_size_goal = min_t(u32, gso_size, sk->sk_gso_max_size - 1 - hlen);
		xmit_size_goal = tcp_bound_to_half_wnd(tp, xmit_size_goal);
		/* Avoid the divide while the old goal still fits. */
		old_size_goal = tp->xmit_size_goal_segs * mss_now;
		if (likely(old_size_goal <= xmit_size_goal &&
			   old_size_goal + mss_now > xmit_size_goal)) {
			xmit_size_goal = old_size_goal;
		} else {
			tp->xmit_size_goal_segs = min_t(u16, xmit_size_goal / mss_now,
							sk->sk_gso_max_segs);
			xmit_size_goal = tp->xmit_size_goal_segs * mss_now;
		}
	}
	xmit_size_goal = max_t(u32, xmit_size_goal, mss_now);
	trace_tcp_size_goal(sk, xmit_size_goal);
	return xmit_size_goal;
}

/* tcp_send_mss - the MSS to use now, and (@size_goal) how much one skb
 * should hold. */
int
tcp_send_mss(struct sock *sk, int *size_goal, int flags)
{
	int mss_now = tcp_current_mss(sk);

	*size_goal = tcp_xmit_size_goal(sk, mss_now, !(flags & MSG_OOB));
	return mss_now;
}

/*
 * skb_copy_to_page_nocache (include/net/sock.h): copy @copy bytes of the
 * user's into @pfrag's page at its offset; they count as @skb's (len,
 * data_len, truesize) and as the socket's queued memory.
 */
static void
skb_copy_to_page_nocache(struct sock *sk, const u8 *from, struct sk_buff *skb,
			 struct page_frag *pfrag, int copy, bool merge)
{
	trace_skb_copy_to_page_nocache(sk, skb, pfrag, copy, merge);
	memcpy((u8 *)page_address(pfrag->page) + pfrag->offset, from, copy);
	skb->len += copy;
	skb->data_len += copy;
	skb->truesize += copy;
	sk->sk_wmem_queued += copy;
}

/* skb_add_data_nocache (include/net/sock.h): skb_put + copy from the user. */
static int
skb_add_data_nocache(struct sock *sk, struct sk_buff *skb, const u8 *from, int copy)
{
	trace_skb_add_data_nocache(sk, skb, copy);
	memcpy(skb_put(skb, copy), from, copy);
	return 0;
}

/**
 * tcp_push - push what is queued, marking the tail PSH unless MSG_MORE
 * (then the tail is corked: Nagle holds it until it is full).
 */
void
tcp_push(struct sock *sk, int flags, int mss_now, int nonagle)
{
	struct tcp_sock *tp = tcp_sk(sk);

	trace_tcp_push(sk, flags, mss_now, nonagle);
	if (!tcp_send_head(sk))
		return;
	if (!(flags & MSG_MORE) || forced_push(tp))
		tcp_mark_push(tp, tcp_write_queue_tail(sk));
	__tcp_push_pending_frames(sk, mss_now, (flags & MSG_MORE) ? TCP_NAGLE_CORK : nonagle);
}

/**
 * tcp_sendmsg - sk->sk_prot->sendmsg: queue the user's bytes and send
 * what the windows allow
 *
 * Returns the number of bytes queued (maybe fewer than @size when
 * sk_sndbuf is full), -EAGAIN if none fit, -EPIPE after shutdown or on a
 * closed connection, or the socket's pending error.
 */
int
tcp_sendmsg(struct sock *sk, struct msghdr *msg, size_t size)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int mss_now, size_goal, copied = 0, err = -EPIPE;
	int flags = msg->msg_flags;
	bool sg;

	trace_tcp_sendmsg(sk, size);
	if (!((1 << sk->sk_state) & ((1 << TCP_ESTABLISHED) | (1 << TCP_CLOSE_WAIT)))) {
		/* sk_stream_wait_connect, without the wait. */
		if (sk->sk_err)
			goto do_error;
		if ((1 << sk->sk_state) & ((1 << TCP_SYN_SENT) | (1 << TCP_SYN_RECV)))
			return -EAGAIN;
		return -EPIPE;
	}
	mss_now = tcp_send_mss(sk, &size_goal, flags);
	if (sk->sk_err || (sk->sk_shutdown & SEND_SHUTDOWN))
		goto do_error;
	sg = sk->sk_route_caps & NETIF_F_SG;

	for (size_t seg = 0; seg < msg->msg_iovlen; seg++) {
		const u8 *from = msg->msg_iov[seg].iov_base;
		size_t seglen = msg->msg_iov[seg].iov_len;

		while (seglen > 0) {
			struct sk_buff *skb = tcp_write_queue_tail(sk);
			int copy = 0, max = size_goal, new_skb = 0;

			if (tcp_send_head(sk)) {
				/* Summed in software: one MSS per skb. */
				if (skb->ip_summed == CHECKSUM_NONE)
					max = mss_now;
				copy = max - (int)skb->len;
			}
			if (copy <= 0) {
new_segment:
				if (!sk_stream_memory_free(sk))
					goto wait_for_sndbuf;
				skb = sk_stream_alloc_skb(sk, select_size(sk, sg));
				if (!skb)
					goto wait_for_memory;
				/* The device (or GSO) will sum it. */
				if (sk->sk_route_caps & NETIF_F_ALL_CSUM)
					skb->ip_summed = CHECKSUM_PARTIAL;
				skb_entail(sk, skb);
				copy = size_goal;
				max = size_goal;
				new_skb = 1;
			}
			if ((size_t)copy > seglen)
				copy = (int)seglen;
			trace_tcp_sendmsg_copy(sk, skb, copy, size_goal, new_skb);
			if (skb_availroom(skb) > 0) {
				copy = min_t(int, copy, skb_availroom(skb));
				skb_add_data_nocache(sk, skb, from, copy);
			} else {
				int i = skb_shinfo(skb)->nr_frags;
				struct page_frag *pfrag = sk_page_frag(sk);
				bool merge = true;

				if (!sk_page_frag_refill(sk, pfrag))
					goto wait_for_memory;
				if (!skb_can_coalesce(skb, i, pfrag->page, pfrag->offset)) {
					/* No room for a frag (or no SG): next skb. */
					if (i == MAX_SKB_FRAGS || !sg) {
						tcp_mark_push(tp, skb);
						goto new_segment;
					}
					merge = false;
				}
				copy = min_t(int, copy, pfrag->size - pfrag->offset);
				/* KERNEL: sk_wmem_schedule (protocol memory limits) */
				skb_copy_to_page_nocache(sk, from, skb, pfrag, copy, merge);
				if (merge) {
					skb_frag_size_add(&skb_shinfo(skb)->frags[i - 1], copy);
				} else {
					skb_fill_page_desc(skb, i, pfrag->page, pfrag->offset, copy);
					get_page(pfrag->page);
				}
				pfrag->offset += copy;
			}

			if (!copied)
				TCP_SKB_CB(skb)->tcp_flags &= ~TCPHDR_PSH;
			tp->write_seq += copy;
			TCP_SKB_CB(skb)->end_seq += copy;
			skb_shinfo(skb)->gso_segs = 0;	/* to be counted again */
			from += copy;
			copied += copy;
			seglen -= copy;
			if (seglen == 0 && seg + 1 == msg->msg_iovlen)
				goto out;
			if ((int)skb->len < max)
				continue;
			if (forced_push(tp)) {
				tcp_mark_push(tp, skb);
				__tcp_push_pending_frames(sk, mss_now, TCP_NAGLE_PUSH);
			} else if (skb == tcp_send_head(sk)) {
				tcp_push_one(sk, mss_now);
			}
			if (sk->sk_err)
				goto do_error;
			continue;

wait_for_sndbuf:
wait_for_memory:
			/* KERNEL: sk_stream_wait_memory sleeps here; netstep
			 * returns what was copied and the task retries. */
			trace_tcp_sndbuf_full(sk, copied);
			if (copied)
				tcp_push(sk, flags & ~MSG_MORE, mss_now, TCP_NAGLE_PUSH);
			if (copied)
				goto out;
			return -EAGAIN;
		}
	}
out:
	if (copied)
		tcp_push(sk, flags, mss_now, tp->nonagle);
	return copied;

do_error:
	if (copied)
		goto out;
	if (sk->sk_err) {
		err = -sk->sk_err;
		sk->sk_err = 0;
	}
	return err;
}

/*
 * The pseudo-header sum a segment's header carries (CHECKSUM_PARTIAL)
 * covers its own TCP length: take @oldlen (the complement of the whole
 * length) out of @check, and put @newlen in.  The kernel adds the two
 * as one 32-bit word (delta = htonl(oldlen + newlen)); netstep's sums
 * count in network byte order, so the same arithmetic reads this way.
 */
static __sum16
sim_tso_check(__sum16 check, u16 oldlen, u32 newlen)
{
	return (__sum16)~csum_fold((__wsum)ntohs(check) + oldlen + newlen);
}

/**
 * tcp_tso_segment - TCP's gso_segment: cut a GSO skb into MSS-sized
 * segments (skb_segment) and fix each one's TCP header: the sequence
 * number advanced by the MSS each time, FIN and PSH only on the last,
 * CWR only on the first, the checksum for the segment's own length
 * (the pseudo-header sum if the device still sums, else the full sum)
 * @skb: skb->data at the TCP header (inet_gso_segment pulled the IP
 *	header); not consumed
 *
 * The segments take over @skb's charge to the socket (tcp_wfree, its
 * truesize), the last one from @skb itself, so the socket's write
 * memory is given back only when the driver frees the last segment.
 * Returns the segments or an ERR_PTR.
 */
struct sk_buff *
tcp_tso_segment(struct sk_buff *skb, netdev_features_t features)
{
	struct sk_buff *segs = ERR_PTR(-EINVAL), *gso_skb = skb;
	unsigned int sum_truesize = 0, thlen, seq, mss;
	bool ooo_okay, copy_destructor;
	struct tcphdr *th;
	__sum16 newcheck;
	u16 oldlen;

	trace_tcp_tso_segment(skb);
	if (!pskb_may_pull(skb, sizeof(*th)))
		return segs;
	th = tcp_hdr(skb);
	thlen = th->doff * 4;
	if (thlen < sizeof(*th) || !pskb_may_pull(skb, thlen))
		return segs;
	oldlen = (u16)~skb->len;
	skb_pull(skb, thlen);
	mss = skb_shinfo(skb)->gso_size;
	if (unlikely(skb->len <= mss))
		return segs;
	/* KERNEL: a GSO skb from an untrusted source (SKB_GSO_DODGY) that
	 * the device can take would only have gso_segs checked here. */
	copy_destructor = gso_skb->destructor == tcp_wfree;
	ooo_okay = gso_skb->ooo_okay;
	skb->ooo_okay = 0;	/* only the first segment may change queue */
	segs = skb_segment(skb, features);
	if (IS_ERR(segs))
		return segs;
	segs->ooo_okay = ooo_okay;

	skb = segs;
	th = tcp_hdr(skb);
	seq = ntohl(th->seq);
	newcheck = sim_tso_check(th->check, oldlen, thlen + mss);
	do {
		th->fin = th->psh = 0;
		th->check = newcheck;
		if (skb->ip_summed != CHECKSUM_PARTIAL)
			th->check = csum_fold(csum_partial(skb_transport_header(skb), thlen,
							   skb->csum));
		seq += mss;
		if (copy_destructor) {
			skb->destructor = gso_skb->destructor;
			skb->sk = gso_skb->sk;
			sock_hold(skb->sk);	/* NOTE: each charged skb holds the sock */
			sum_truesize += skb->truesize;
		}
		skb = skb->next;
		th = tcp_hdr(skb);
		th->seq = htonl(seq);
		th->cwr = 0;
	} while (skb->next);

	/* The last segment takes @skb's own charge and sock reference, so the
	 * socket hears of it when the last segment is freed (TSQ). */
	if (copy_destructor) {
		skb->sk = gso_skb->sk;
		skb->destructor = gso_skb->destructor;
		gso_skb->sk = NULL;
		gso_skb->destructor = NULL;
		sum_truesize += skb->truesize;
		skb->sk->sk_wmem_alloc += sum_truesize - gso_skb->truesize;
	}
	th->check = sim_tso_check(th->check, oldlen,
				  skb->tail - skb->transport_header + skb->data_len);
	if (skb->ip_summed != CHECKSUM_PARTIAL)
		th->check = csum_fold(csum_partial(skb_transport_header(skb), thlen, skb->csum));
	return segs;
}

/**
 * tcp_cleanup_rbuf - after recv() took @copied bytes: send the ACK that
 * was held back, or a window update if reading opened the window a lot
 */
void
tcp_cleanup_rbuf(struct sock *sk, int copied)
{
	struct inet_connection_sock *icsk = inet_csk(sk);
	struct tcp_sock *tp = tcp_sk(sk);
	bool time_to_ack = false;

	trace_tcp_cleanup_rbuf(sk, copied);
	if (icsk->icsk_ack.pending & ICSK_ACK_SCHED) {
		if (tp->rcv_nxt - tp->rcv_wup > icsk->icsk_ack.rcv_mss ||
		    (copied > 0 &&
		     ((icsk->icsk_ack.pending & ICSK_ACK_PUSHED2) ||
		      ((icsk->icsk_ack.pending & ICSK_ACK_PUSHED) && !icsk->icsk_ack.pingpong)) &&
		     !sk->sk_rmem_alloc))
			time_to_ack = true;
	}
	if (copied > 0 && !time_to_ack && !(sk->sk_shutdown & RCV_SHUTDOWN)) {
		u32 rcv_window_now = tcp_receive_window(tp);

		/* Optimize, __tcp_select_window() is not cheap. */
		if (2 * rcv_window_now <= tp->window_clamp) {
			u32 new_window = __tcp_select_window(sk);

			if (new_window && new_window >= 2 * rcv_window_now)
				time_to_ack = true;
		}
	}
	if (time_to_ack)
		tcp_send_ack(sk);
}

/**
 * tcp_recvmsg - sk->sk_prot->recvmsg: copy in-order bytes to the user
 *
 * Returns the bytes copied, 0 at end of stream (the peer's FIN was
 * read), -EAGAIN when nothing is there yet, -ENOTCONN on a listener, or
 * the pending error.  MSG_PEEK leaves the data queued.
 */
int
tcp_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int nonblock, int flags,
	    int *addr_len)
{
	struct tcp_sock *tp = tcp_sk(sk);
	u32 peek_seq = tp->copied_seq;
	u32 *seq = (flags & MSG_PEEK) ? &peek_seq : &tp->copied_seq;
	size_t copied = 0;
	struct sk_buff *skb, *next;

	(void)nonblock;
	(void)addr_len;
	trace_tcp_recvmsg(sk, len);
	if (sk->sk_state == TCP_LISTEN)
		return -ENOTCONN;

	for (skb = skb_peek(&sk->sk_receive_queue); skb && copied < len; skb = next) {
		u32 offset = *seq - TCP_SKB_CB(skb)->seq;
		bool fin = TCP_SKB_CB(skb)->tcp_flags & TCPHDR_FIN;

		next = skb->next == (struct sk_buff *)&sk->sk_receive_queue ? NULL : skb->next;
		if (offset < skb->len) {
			size_t used = min_t(size_t, skb->len - offset, len - copied);

			if (skb_copy_datagram_iovec(skb, (int)offset, msg->msg_iov, (int)used))
				return copied ? (int)copied : -EFAULT;
			*seq += used;
			copied += used;
			if (offset + used < skb->len)
				break;
		}
		if (fin)
			++*seq;
		if (!(flags & MSG_PEEK)) {
			__skb_unlink(skb, &sk->sk_receive_queue);
			consume_skb(skb);
		}
		if (fin)
			break;
	}
	if (!copied) {
		if (sk->sk_err) {
			int err = -sk->sk_err;

			sk->sk_err = 0;
			return err;
		}
		if ((sk->sk_shutdown & RCV_SHUTDOWN) || sk->sk_state == TCP_CLOSE)
			return 0;
		return -EAGAIN;
	}
	if (!(flags & MSG_PEEK))
		tcp_cleanup_rbuf(sk, (int)copied);
	return (int)copied;
}

/**
 * do_tcp_setsockopt - setsockopt(SOL_TCP, ...): TCP_NODELAY, TCP_CORK,
 * TCP_MAXSEG
 *
 * TCP_NODELAY pushes what is queued at once, even past TCP_CORK;
 * clearing TCP_CORK pushes what the cork held.  TCP_MAXSEG is the
 * user_mss that caps the MSS we advertise and send with.  Returns 0,
 * -EINVAL or -ENOPROTOOPT.
 */
static int
do_tcp_setsockopt(struct sock *sk, int level, int optname, const void *optval, int optlen)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int val;

	(void)level;
	if (optlen < (int)sizeof(int) || !optval)
		return -EINVAL;
	memcpy(&val, optval, sizeof(val));
	trace_do_tcp_setsockopt(sk, optname, val);
	switch (optname) {
	case TCP_MAXSEG:
		/* Larger than the route's MTU allows takes no effect later. */
		if (val < TCP_MIN_MSS || val > (int)MAX_TCP_WINDOW)
			return -EINVAL;
		tp->rx_opt.user_mss = val;
		return 0;
	case TCP_NODELAY:
		if (val) {
			tp->nonagle |= TCP_NAGLE_OFF | TCP_NAGLE_PUSH;
			tcp_push_pending_frames(sk);
		} else {
			tp->nonagle &= ~TCP_NAGLE_OFF;
		}
		return 0;
	case TCP_CORK:
		if (val) {
			tp->nonagle |= TCP_NAGLE_CORK;
		} else {
			tp->nonagle &= ~TCP_NAGLE_CORK;
			if (tp->nonagle & TCP_NAGLE_OFF)
				tp->nonagle |= TCP_NAGLE_PUSH;
			tcp_push_pending_frames(sk);
		}
		return 0;
	default:
		/* KERNEL: keepalive, TCP_CONGESTION, TCP_LINGER2, TCP_QUICKACK,
		 * TCP_WINDOW_CLAMP ... are not modelled. */
		return -ENOPROTOOPT;
	}
}

/**
 * tcp_setsockopt - tcp_prot.setsockopt: SOL_TCP here, anything else is
 * IP's.  KERNEL: not handed on to ip_setsockopt (IP_TOS,
 * IP_MTU_DISCOVER ...; netstep's serves raw sockets): -ENOPROTOOPT.
 */
int
tcp_setsockopt(struct sock *sk, int level, int optname, const void *optval, int optlen)
{
	trace_tcp_setsockopt(sk, level, optname);
	if (level != SOL_TCP)
		return -ENOPROTOOPT;
	return do_tcp_setsockopt(sk, level, optname, optval, optlen);
}

/**
 * do_tcp_getsockopt - getsockopt(SOL_TCP, ...): TCP_MAXSEG (the current
 * MSS, or before a connection the user's), TCP_NODELAY, TCP_CORK, and
 * TCP_INFO (struct tcp_info, as much as *@optlen holds).
 */
static int
do_tcp_getsockopt(struct sock *sk, int level, int optname, void *optval, int *optlen)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int val, len = *optlen;

	(void)level;
	trace_do_tcp_getsockopt(sk, optname);
	if (len < 0)
		return -EINVAL;
	switch (optname) {
	case TCP_MAXSEG:
		val = tp->mss_cache;
		if (!val && ((1 << sk->sk_state) & ((1 << TCP_CLOSE) | (1 << TCP_LISTEN))))
			val = tp->rx_opt.user_mss;
		break;
	case TCP_NODELAY:
		val = !!(tp->nonagle & TCP_NAGLE_OFF);
		break;
	case TCP_CORK:
		val = !!(tp->nonagle & TCP_NAGLE_CORK);
		break;
	case TCP_INFO: {
		struct tcp_info info;

		tcp_get_info(sk, &info);
		len = min_t(unsigned int, len, sizeof(info));
		memcpy(optval, &info, len);
		*optlen = len;
		return 0;
	}
	default:
		return -ENOPROTOOPT;
	}
	len = min_t(unsigned int, len, sizeof(int));
	memcpy(optval, &val, len);
	*optlen = len;
	return 0;
}

/** tcp_getsockopt - tcp_prot.getsockopt: SOL_TCP, or -ENOPROTOOPT (IP's). */
int
tcp_getsockopt(struct sock *sk, int level, int optname, void *optval, int *optlen)
{
	trace_tcp_getsockopt(sk, level, optname);
	if (level != SOL_TCP)
		return -ENOPROTOOPT;
	return do_tcp_getsockopt(sk, level, optname, optval, optlen);
}

/**
 * tcp_ioctl - tcp_prot.ioctl: SIOCINQ (bytes the reader can take now,
 * the FIN not counted) and SIOCOUTQ (bytes sent or queued, not yet
 * acknowledged), written to the int at @arg.  -EINVAL on a listener,
 * -ENOIOCTLCMD for anything else.
 */
int
tcp_ioctl(struct sock *sk, int cmd, unsigned long arg)
{
	struct tcp_sock *tp = tcp_sk(sk);
	int answ;

	trace_tcp_ioctl(sk, cmd);
	switch (cmd) {
	case SIOCINQ:
		if (sk->sk_state == TCP_LISTEN)
			return -EINVAL;
		if ((1 << sk->sk_state) & ((1 << TCP_SYN_SENT) | (1 << TCP_SYN_RECV))) {
			answ = 0;
		} else {
			/* KERNEL: no urgent data here, so no urg_seq case. */
			answ = tp->rcv_nxt - tp->copied_seq;
			/* The FIN takes a sequence number, not a byte.  NOTE:
			 * 3.10 asks SOCK_DONE, which tcp_fin sets with this. */
			if (answ && (sk->sk_shutdown & RCV_SHUTDOWN))
				answ--;
		}
		break;
	case SIOCOUTQ:
		if (sk->sk_state == TCP_LISTEN)
			return -EINVAL;
		if ((1 << sk->sk_state) & ((1 << TCP_SYN_SENT) | (1 << TCP_SYN_RECV)))
			answ = 0;
		else
			answ = tp->write_seq - tp->snd_una;
		break;
	default:
		return -ENOIOCTLCMD;
	}
	if (!arg)
		return -EFAULT;
	memcpy((void *)arg, &answ, sizeof(answ));	/* put_user */
	return 0;
}

/**
 * tcp_poll - what poll(2) reports for a TCP socket: POLLIN when the
 * reader has bytes (or the peer's FIN), POLLOUT when a third of the send
 * buffer is free, POLLHUP when both directions are shut or the socket is
 * closed, POLLERR with a pending error; a listener is readable when a
 * connection waits in the accept queue (inet_csk_listen_poll).
 */
unsigned int
tcp_poll(struct socket *sock)
{
	struct sock *sk = sock->sk;
	const struct tcp_sock *tp = tcp_sk(sk);
	unsigned int mask = 0;

	trace_tcp_poll(sk);
	if (sk->sk_state == TCP_LISTEN)
		return list_empty(&inet_csk(sk)->icsk_accept_queue.rskq_accept) ? 0 :
		       POLLIN | POLLRDNORM;
	if (sk->sk_shutdown == SHUTDOWN_MASK || sk->sk_state == TCP_CLOSE)
		mask |= POLLHUP;
	if (sk->sk_shutdown & RCV_SHUTDOWN)
		mask |= POLLIN | POLLRDNORM | POLLRDHUP;
	if (sk->sk_state != TCP_SYN_SENT && sk->sk_state != TCP_SYN_RECV) {
		/* sock_rcvlowat: SO_RCVLOWAT is 1. */
		if (tp->rcv_nxt - tp->copied_seq >= 1)
			mask |= POLLIN | POLLRDNORM;
		if (!(sk->sk_shutdown & SEND_SHUTDOWN)) {
			if (sk_stream_wspace(sk) >= sk_stream_min_wspace(sk))
				mask |= POLLOUT | POLLWRNORM;
			/* KERNEL: else SOCK_NOSPACE is set for the SIGIO later. */
		} else {
			mask |= POLLOUT | POLLWRNORM;
		}
	}
	if (sk->sk_err)
		mask |= POLLERR;
	return mask;
}

/**
 * tcp_get_info - fill struct tcp_info (getsockopt TCP_INFO, ss -i)
 */
void
tcp_get_info(const struct sock *sk, struct tcp_info *info)
{
	const struct tcp_sock *tp = tcp_sk(sk);
	const struct inet_connection_sock *icsk = inet_csk(sk);
	u32 now = tcp_time_stamp(sk);

	memset(info, 0, sizeof(*info));
	info->tcpi_state = sk->sk_state;
	info->tcpi_ca_state = icsk->icsk_ca_state;
	info->tcpi_retransmits = icsk->icsk_retransmits;
	info->tcpi_probes = icsk->icsk_probes_out;
	info->tcpi_backoff = icsk->icsk_backoff;
	if (tp->rx_opt.tstamp_ok)
		info->tcpi_options |= TCPI_OPT_TIMESTAMPS;
	if (tp->rx_opt.sack_ok)
		info->tcpi_options |= TCPI_OPT_SACK;
	if (tp->rx_opt.wscale_ok) {
		info->tcpi_options |= TCPI_OPT_WSCALE;
		info->tcpi_snd_wscale = tp->rx_opt.snd_wscale;
		info->tcpi_rcv_wscale = tp->rx_opt.rcv_wscale;
	}
	/* jiffies are milliseconds (HZ 1000): x1000 for microseconds. */
	info->tcpi_rto = icsk->icsk_rto * 1000;
	info->tcpi_ato = icsk->icsk_ack.ato * 1000;
	info->tcpi_snd_mss = tp->mss_cache;
	info->tcpi_rcv_mss = icsk->icsk_ack.rcv_mss;
	info->tcpi_unacked = tp->packets_out;
	info->tcpi_sacked = tp->sacked_out;
	info->tcpi_lost = tp->lost_out;
	info->tcpi_retrans = tp->retrans_out;
	info->tcpi_fackets = tp->fackets_out;
	info->tcpi_last_data_sent = now - tp->lsndtime;
	info->tcpi_last_data_recv = now - icsk->icsk_ack.lrcvtime;
	info->tcpi_last_ack_recv = now - tp->rcv_tstamp;
	info->tcpi_pmtu = icsk->icsk_pmtu_cookie;
	info->tcpi_rcv_ssthresh = tp->rcv_ssthresh;
	info->tcpi_rtt = (tp->srtt >> 3) * 1000;
	info->tcpi_rttvar = (tp->mdev >> 2) * 1000;
	info->tcpi_snd_ssthresh = tp->snd_ssthresh;
	info->tcpi_snd_cwnd = tp->snd_cwnd;
	info->tcpi_advmss = tp->advmss;
	info->tcpi_reordering = tp->reordering;
	info->tcpi_rcv_rtt = (tp->rcv_rtt_est.rtt * 1000) >> 3;	/* jiffies << 3 to us */
	info->tcpi_rcv_space = tp->rcv_space;
	info->tcpi_total_retrans = tp->total_retrans;
}

/**
 * tcp_diag_get_info - what ss shows for @sk: Recv-Q and Send-Q (for a
 * listener: the accept queue and its limit), then struct tcp_info
 */
void
tcp_diag_get_info(struct sock *sk, u32 *rqueue, u32 *wqueue, struct tcp_info *info)
{
	const struct tcp_sock *tp = tcp_sk(sk);

	if (sk->sk_state == TCP_LISTEN) {
		*rqueue = sk->sk_ack_backlog;
		*wqueue = sk->sk_max_ack_backlog;
	} else {
		*rqueue = tp->rcv_nxt - tp->copied_seq;
		if ((s32)*rqueue < 0)
			*rqueue = 0;
		*wqueue = tp->write_seq - tp->snd_una;
	}
	if (info)
		tcp_get_info(sk, info);
}
