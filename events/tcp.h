/*
 * events/tcp.h - tracepoints of TCP: layers/tcp*.c (net/ipv4/tcp*.c).
 * See kernel/trace_event.h for the syntax.
 *
 * In the order of layers/tcp.c, tcp_output.c, tcp_input.c, tcp_ipv4.c,
 * tcp_minisocks.c, tcp_timer.c, tcp_cong.c.  The kernel file of a
 * function is where 3.10 defines it, which is not always the netstep
 * file's: the listen/accept and port half (inet_csk_*, inet_hash) lives
 * in net/ipv4/inet_connection_sock.c and inet_hashtables.c there,
 * secure_tcp_sequence_number in net/core/secure_seq.c, and
 * tcp_simple_retransmit and tcp_cong_avoid in net/ipv4/tcp_input.c.
 */
#if !defined(NETSTEP_EVENTS_TCP_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_TCP_H

/* Classes from other headers (kernel/trace_events.c's later passes read
 * them through all.h, not again from here). */
#ifndef TRACE_HEADER_MULTI_READ
#include "events/common.h"
#include "events/ip.h"
#include "events/sock.h"
#endif

#undef TRACE_SYSTEM
#define TRACE_SYSTEM tcp

#include "kernel/trace_event.h"
#include "layers/tcp.h"

#ifndef NETSTEP_EVENTS_TCP_HELPERS
#define NETSTEP_EVENTS_TCP_HELPERS

/* A TCP state as ss(8) names it ("ESTAB", "SYN-SENT" ...). */
static inline const char *
sim_tcp_state_name(u32 state)
{
	return state < TCP_MAX_STATES ? tcp_state_name[state] : NULL;
}

/* The flag byte of a segment (u8) as "SYN|ACK", or "none". */
static inline void
sim_tcp_flags_print(struct trace_buf *b, const void *p)
{
	static const char *const names[8] = { "FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE",
					      "CWR" };
	u8 flags = *(const u8 *)p;
	bool any = false;

	for (int i = 0; i < 8; i++) {
		if (!(flags & (1 << i)))
			continue;
		if (any)
			trace_buf_putc(b, '|');
		trace_buf_puts(b, names[i]);
		any = true;
	}
	if (!any)
		trace_buf_puts(b, "none");
}

/* A listener's accept backlog against its limit, printed "used/max". */
struct sim_tcp_backlog {
	u16 used;			/* sk_ack_backlog */
	u16 max;			/* sk_max_ack_backlog */
};

static inline void
sim_tcp_backlog_print(struct trace_buf *b, const void *p)
{
	struct sim_tcp_backlog bl;

	memcpy(&bl, p, sizeof(bl));
	trace_buf_u64(b, bl.used);
	trace_buf_putc(b, '/');
	trace_buf_u64(b, bl.max);
}

#endif /* NETSTEP_EVENTS_TCP_HELPERS */

/* ---- layers/tcp.c ------------------------------------------------------------ */

DEFINE_EVENT(no_fields, tcp_init_sock, "net/ipv4/tcp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk), TP_ARGS(sock_net(sk), NULL))
#define trace_tcp_init_sock(...) TP_FUNC(tcp_init_sock, __VA_ARGS__)

TRACE_EVENT(tcp_set_state, "net/ipv4/tcp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, int state),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u16(port)
		tp_enum8(old, sim_tcp_state_name)
		tp_enum8(new, sim_tcp_state_name)),
	TP_ASSIGN(
		__entry->port = sk->sk_num;
		__entry->old = sk->sk_state;
		__entry->new = (u8)state;))
#define trace_tcp_set_state(...) TP_FUNC(tcp_set_state, __VA_ARGS__)

/* A socket going away: its port and its state. */
DECLARE_EVENT_CLASS(tcp_sock_port_state,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u16(port)
		tp_enum8(state, sim_tcp_state_name)),
	TP_ASSIGN(
		__entry->port = sk->sk_num;
		__entry->state = sk->sk_state;))
DEFINE_EVENT(tcp_sock_port_state, inet_csk_destroy_sock, "net/ipv4/inet_connection_sock.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk), TP_ARGS(sk))
#define trace_inet_csk_destroy_sock(...) TP_FUNC(inet_csk_destroy_sock, __VA_ARGS__)

TRACE_EVENT(tcp_done, "net/ipv4/tcp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u16(port)
		tp_enum8(state, sim_tcp_state_name)
		tp_u8(dead)),
	TP_ASSIGN(
		__entry->port = sk->sk_num;
		__entry->state = sk->sk_state;
		__entry->dead = sim_sock_flag_dead(sk);))
#define trace_tcp_done(...) TP_FUNC(tcp_done, __VA_ARGS__)

TRACE_EVENT(tcp_shutdown, "net/ipv4/tcp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, int how),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(how)
		tp_enum8(state, sim_tcp_state_name)),
	TP_ASSIGN(
		__entry->how = how;
		__entry->state = sk->sk_state;))
#define trace_tcp_shutdown(...) TP_FUNC(tcp_shutdown, __VA_ARGS__)

DEFINE_EVENT(tcp_sock_port_state, tcp_close, "net/ipv4/tcp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk), TP_ARGS(sk))
#define trace_tcp_close(...) TP_FUNC(tcp_close, __VA_ARGS__)

/* tcp_close: the user never read @unread bytes, so the peer gets a RST
 * instead of a FIN (LINUX_MIB_TCPABORTONCLOSE). */
TRACE_NOTE_EVENT(tcp_abort_on_close, "net/ipv4/tcp.c",
	TP_PROTO(const struct sock *sk, u32 unread),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(unread)
		tp_u8(reset)),
	TP_ASSIGN(
		__entry->unread = unread;
		__entry->reset = 1;))
#define trace_tcp_abort_on_close(...) TP_NOTE(tcp_abort_on_close, __VA_ARGS__)

/* A socket's TCP state as the function starts; @skb: the segment it
 * handles (NULL for none). */
DECLARE_EVENT_CLASS(tcp_sock_state,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_enum8(state, sim_tcp_state_name)),
	TP_ASSIGN(
		__entry->state = sk->sk_state;))
DEFINE_EVENT(tcp_sock_state, tcp_disconnect, "net/ipv4/tcp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk), TP_ARGS(sk, NULL))
#define trace_tcp_disconnect(...) TP_FUNC(tcp_disconnect, __VA_ARGS__)

TRACE_EVENT(inet_csk_listen_start, "net/ipv4/inet_connection_sock.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, int backlog),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u16(port)
		tp_s32(backlog)),
	TP_ASSIGN(
		__entry->port = sk->sk_num;
		__entry->backlog = backlog;))
#define trace_inet_csk_listen_start(...) TP_FUNC(inet_csk_listen_start, __VA_ARGS__)

TRACE_EVENT(inet_csk_listen_stop, "net/ipv4/inet_connection_sock.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u16(port)
		tp_s32(qlen)
		tp_u16(backlog)),
	TP_ASSIGN(
		__entry->port = sk->sk_num;
		__entry->qlen = inet_csk(sk)->icsk_accept_queue.qlen;
		__entry->backlog = sk->sk_ack_backlog;))
#define trace_inet_csk_listen_stop(...) TP_FUNC(inet_csk_listen_stop, __VA_ARGS__)

TRACE_EVENT(inet_csk_accept, "net/ipv4/inet_connection_sock.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u16(port)
		tp_u16(backlog)),
	TP_ASSIGN(
		__entry->port = sk->sk_num;
		__entry->backlog = sk->sk_ack_backlog;))
#define trace_inet_csk_accept(...) TP_FUNC(inet_csk_accept, __VA_ARGS__)

/* The new skb starts (and, empty, ends) at write_seq; qlen counts it. */
TRACE_EVENT(skb_entail, "net/ipv4/tcp.c", TP_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(seq)
		tp_u32(end_seq)
		tp_u32(qlen)),
	TP_ASSIGN(
		__entry->seq = tcp_sk(sk)->write_seq;
		__entry->end_seq = tcp_sk(sk)->write_seq;
		__entry->qlen = skb_queue_len(&sk->sk_write_queue) + 1;))
#define trace_skb_entail(...) TP_FUNC(skb_entail, __VA_ARGS__)

TRACE_EVENT(sk_stream_alloc_skb, "net/ipv4/tcp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, int size),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(size)
		tp_u32(max_header)),
	TP_ASSIGN(
		__entry->size = ALIGN(size, 4);
		__entry->max_header = sk->sk_prot->max_header;))
#define trace_sk_stream_alloc_skb(...) TP_FUNC(sk_stream_alloc_skb, __VA_ARGS__)

/* len and availroom as they will be once @copy bytes are in. */
TRACE_EVENT(skb_add_data_nocache, "include/net/sock.h", TP_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb, int copy),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_s32(copy)
		tp_u32(len)
		tp_s32(availroom)),
	TP_ASSIGN(
		__entry->copy = copy;
		__entry->len = skb->len + copy;
		__entry->availroom = skb_availroom(skb) - copy;))
#define trace_skb_add_data_nocache(...) TP_FUNC(skb_add_data_nocache, __VA_ARGS__)

TRACE_EVENT(tcp_push, "net/ipv4/tcp.c", TP_INLINE,
	TP_PROTO(const struct sock *sk, int flags, int mss_now, int nonagle),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(mss)
		tp_s32(nonagle)
		tp_u8(more)),
	TP_ASSIGN(
		__entry->mss = mss_now;
		__entry->nonagle = nonagle;
		__entry->more = (flags & MSG_MORE) ? 1 : 0;))
#define trace_tcp_push(...) TP_FUNC(tcp_push, __VA_ARGS__)

TRACE_EVENT(tcp_sendmsg, "net/ipv4/tcp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, size_t size),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u64(size)
		tp_enum8(state, sim_tcp_state_name)
		tp_u32(write_seq)
		tp_s32(wmem_queued)
		tp_s32(sndbuf)),
	TP_ASSIGN(
		__entry->size = size;
		__entry->state = sk->sk_state;
		__entry->write_seq = tcp_sk(sk)->write_seq;
		__entry->wmem_queued = sk->sk_wmem_queued;
		__entry->sndbuf = sk->sk_sndbuf;))
#define trace_tcp_sendmsg(...) TP_FUNC(tcp_sendmsg, __VA_ARGS__)

/* tcp_sendmsg: @copy user bytes go into @skb (new_skb: just entailed). */
TRACE_NOTE_EVENT(tcp_sendmsg_copy, "net/ipv4/tcp.c",
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb, int copy, int size_goal,
		 int new_skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_s32(copy)
		tp_s32(size_goal)
		tp_s32(availroom)
		tp_u8(new_skb)),
	TP_ASSIGN(
		__entry->copy = copy;
		__entry->size_goal = size_goal;
		__entry->availroom = skb_availroom(skb);
		__entry->new_skb = (u8)new_skb;))
#define trace_tcp_sendmsg_copy(...) TP_NOTE(tcp_sendmsg_copy, __VA_ARGS__)

/* tcp_sendmsg: sk_sndbuf is full; the call returns what it copied. */
TRACE_NOTE_EVENT(tcp_sndbuf_full, "net/ipv4/tcp.c",
	TP_PROTO(const struct sock *sk, int copied),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(reason)
		tp_s32(wmem_queued)
		tp_s32(sndbuf)
		tp_s32(copied)),
	TP_ASSIGN(
		__entry->reason = "sndbuf_full";
		__entry->wmem_queued = sk->sk_wmem_queued;
		__entry->sndbuf = sk->sk_sndbuf;
		__entry->copied = copied;))
#define trace_tcp_sndbuf_full(...) TP_NOTE(tcp_sndbuf_full, __VA_ARGS__)

TRACE_EVENT(tcp_cleanup_rbuf, "net/ipv4/tcp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, int copied),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(copied)
		tp_u32(rcv_wnd_now)),
	TP_ASSIGN(
		__entry->copied = copied;
		__entry->rcv_wnd_now = tcp_receive_window(tcp_sk(sk));))
#define trace_tcp_cleanup_rbuf(...) TP_FUNC(tcp_cleanup_rbuf, __VA_ARGS__)

/* tcp_setsockopt / tcp_getsockopt: SOL_TCP is handled, other levels are IP's. */
DECLARE_EVENT_CLASS(tcp_sockopt,
	TP_PROTO(const struct sock *sk, int level, int optname),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(level)
		tp_s32(optname)
		tp_enum8(state, sim_tcp_state_name)),
	TP_ASSIGN(
		__entry->level = level;
		__entry->optname = optname;
		__entry->state = sk->sk_state;))
DEFINE_EVENT(tcp_sockopt, tcp_setsockopt, "net/ipv4/tcp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, int level, int optname), TP_ARGS(sk, level, optname))
#define trace_tcp_setsockopt(...) TP_FUNC(tcp_setsockopt, __VA_ARGS__)
DEFINE_EVENT(tcp_sockopt, tcp_getsockopt, "net/ipv4/tcp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, int level, int optname), TP_ARGS(sk, level, optname))
#define trace_tcp_getsockopt(...) TP_FUNC(tcp_getsockopt, __VA_ARGS__)

TRACE_EVENT(do_tcp_setsockopt, "net/ipv4/tcp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, int optname, int val),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(optname)
		tp_s32(val)
		tp_u8(nonagle)),
	TP_ASSIGN(
		__entry->optname = optname;
		__entry->val = val;
		__entry->nonagle = tcp_sk(sk)->nonagle;))
#define trace_do_tcp_setsockopt(...) TP_FUNC(do_tcp_setsockopt, __VA_ARGS__)

TRACE_EVENT(do_tcp_getsockopt, "net/ipv4/tcp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, int optname),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(optname)),
	TP_ASSIGN(
		__entry->optname = optname;))
#define trace_do_tcp_getsockopt(...) TP_FUNC(do_tcp_getsockopt, __VA_ARGS__)

TRACE_EVENT(tcp_ioctl, "net/ipv4/tcp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, int cmd),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_x32(cmd)
		tp_u32(rcv_nxt)
		tp_u32(copied_seq)),
	TP_ASSIGN(
		__entry->cmd = cmd;
		__entry->rcv_nxt = tcp_sk(sk)->rcv_nxt;
		__entry->copied_seq = tcp_sk(sk)->copied_seq;))
#define trace_tcp_ioctl(...) TP_FUNC(tcp_ioctl, __VA_ARGS__)

TRACE_EVENT(tcp_poll, "net/ipv4/tcp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_enum8(state, sim_tcp_state_name)
		tp_u8(shutdown)),
	TP_ASSIGN(
		__entry->state = sk->sk_state;
		__entry->shutdown = sk->sk_shutdown;))
#define trace_tcp_poll(...) TP_FUNC(tcp_poll, __VA_ARGS__)

TRACE_EVENT(tcp_recvmsg, "net/ipv4/tcp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, size_t len),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u64(len)
		tp_u32(copied_seq)
		tp_u32(rcv_nxt)
		tp_u32(queued)),
	TP_ASSIGN(
		__entry->len = len;
		__entry->copied_seq = tcp_sk(sk)->copied_seq;
		__entry->rcv_nxt = tcp_sk(sk)->rcv_nxt;
		__entry->queued = skb_queue_len(&sk->sk_receive_queue);))
#define trace_tcp_recvmsg(...) TP_FUNC(tcp_recvmsg, __VA_ARGS__)

/* ---- layers/tcp_output.c ----------------------------------------------------- */

/* wmem_alloc: what the socket is still charged once this clone is gone. */
DEFINE_EVENT(sock_wmem, tcp_wfree, "net/ipv4/tcp_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_ARGS(sk, skb, sk->sk_wmem_alloc - (int)skb->truesize))
#define trace_tcp_wfree(...) TP_FUNC(tcp_wfree, __VA_ARGS__)

TRACE_EVENT(tcp_transmit_skb, "net/ipv4/tcp_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb, int clone_it),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(seq)
		tp_u32(end_seq)
		tp_u32(ack)
		tp_custom(flags, u8, sim_tcp_flags_print)
		tp_u32(len)
		tp_s32(clone_it)
		tp_u16(segs)),
	TP_ASSIGN(
		__entry->seq = TCP_SKB_CB(skb)->seq;
		__entry->end_seq = TCP_SKB_CB(skb)->end_seq;
		__entry->ack = tcp_sk(sk)->rcv_nxt;
		__entry->flags = TCP_SKB_CB(skb)->tcp_flags;
		__entry->len = skb->len;
		__entry->clone_it = clone_it;
		__entry->segs = tcp_skb_pcount(skb);))
#define trace_tcp_transmit_skb(...) TP_FUNC(tcp_transmit_skb, __VA_ARGS__)

/* tcp_transmit_skb: the last transmission of @skb still holds its data
 * (in the driver's ring), so a private copy goes down instead of a clone. */
TRACE_NOTE_EVENT(tcp_xmit_still_cloned, "net/ipv4/tcp_output.c",
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_s32(dataref)
		tp_u8(copy)),
	TP_ASSIGN(
		__entry->reason = "still_cloned";
		__entry->dataref = skb_shinfo(skb)->dataref & SKB_DATAREF_MASK;
		__entry->copy = 1;))
#define trace_tcp_xmit_still_cloned(...) TP_NOTE(tcp_xmit_still_cloned, __VA_ARGS__)

/* tcp_transmit_skb: @clone (or the copy) of the queued @orig goes down. */
TRACE_NOTE_EVENT(tcp_xmit_clone, "net/ipv4/tcp_output.c",
	TP_PROTO(const struct sock *sk, const struct sk_buff *orig, const struct sk_buff *clone),
	TP_HOST(sock_net(sk)),
	TP_SKB(clone),
	TP_STRUCT(
		tp_skb(orig)
		tp_skb(clone)
		tp_s32(dataref)),
	TP_ASSIGN(
		__entry->orig = orig->id;
		__entry->clone = clone->id;
		__entry->dataref = skb_shinfo(clone)->dataref & SKB_DATAREF_MASK;))
#define trace_tcp_xmit_clone(...) TP_NOTE(tcp_xmit_clone, __VA_ARGS__)

/* split_at: the bytes @skb keeps; the rest goes to a new skb. */
TRACE_EVENT(tcp_fragment, "net/ipv4/tcp_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb, u32 len, unsigned int mss_now),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(seq)
		tp_u32(len)
		tp_u32(split_at)
		tp_u32(mss)),
	TP_ASSIGN(
		__entry->seq = TCP_SKB_CB(skb)->seq;
		__entry->len = skb->len;
		__entry->split_at = len;
		__entry->mss = mss_now;))
#define trace_tcp_fragment(...) TP_FUNC(tcp_fragment, __VA_ARGS__)

TRACE_EVENT(tcp_sync_mss, "net/ipv4/tcp_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, u32 pmtu),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(pmtu)
		tp_u32(old_mss)),
	TP_ASSIGN(
		__entry->pmtu = pmtu;
		__entry->old_mss = tcp_sk(sk)->mss_cache;))
#define trace_tcp_sync_mss(...) TP_FUNC(tcp_sync_mss, __VA_ARGS__)

/* tcp_sync_mss: the new sending MSS. */
TRACE_NOTE_EVENT(tcp_mss_synced, "net/ipv4/tcp_output.c",
	TP_PROTO(const struct sock *sk, int mss),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(mss)),
	TP_ASSIGN(
		__entry->mss = mss;))
#define trace_tcp_mss_synced(...) TP_NOTE(tcp_mss_synced, __VA_ARGS__)

/* snd_nxt and packets_out as they will be once @skb counts as sent. */
TRACE_EVENT(tcp_event_new_data_sent, "net/ipv4/tcp_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(snd_nxt)
		tp_u32(packets_out)),
	TP_ASSIGN(
		__entry->snd_nxt = TCP_SKB_CB(skb)->end_seq;
		__entry->packets_out = tcp_sk(sk)->packets_out + tcp_skb_pcount(skb);))
#define trace_tcp_event_new_data_sent(...) TP_FUNC(tcp_event_new_data_sent, __VA_ARGS__)

/* quota: segments the congestion window still allows. */
TRACE_EVENT(tcp_write_xmit, "net/ipv4/tcp_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, unsigned int mss_now, int push_one),
	TP_HOST(sock_net(sk)),
	TP_SKB(tcp_send_head(sk)),
	TP_STRUCT(
		tp_u32(cwnd)
		tp_u32(in_flight)
		tp_u32(snd_wnd)
		tp_u32(quota)
		tp_u32(mss)
		tp_s32(push_one)),
	TP_ASSIGN(
		const struct tcp_sock *tp = tcp_sk(sk);
		u32 in_flight = tcp_packets_in_flight(tp);

		__entry->cwnd = tp->snd_cwnd;
		__entry->in_flight = in_flight;
		__entry->snd_wnd = tp->snd_wnd;
		__entry->quota = tp->snd_cwnd > in_flight ? tp->snd_cwnd - in_flight : 0;
		__entry->mss = mss_now;
		__entry->push_one = push_one;))
#define trace_tcp_write_xmit(...) TP_FUNC(tcp_write_xmit, __VA_ARGS__)

/* tcp_write_xmit stops: the congestion window is full. */
TRACE_NOTE_EVENT(tcp_cwnd_limited, "net/ipv4/tcp_output.c",
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_u32(cwnd)
		tp_u32(in_flight)),
	TP_ASSIGN(
		__entry->reason = "cwnd_limited";
		__entry->cwnd = tcp_sk(sk)->snd_cwnd;
		__entry->in_flight = tcp_packets_in_flight(tcp_sk(sk));))
#define trace_tcp_cwnd_limited(...) TP_NOTE(tcp_cwnd_limited, __VA_ARGS__)

/* tcp_write_xmit stops: @skb would end beyond the peer's window. */
TRACE_NOTE_EVENT(tcp_rwnd_limited, "net/ipv4/tcp_output.c",
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_u32(seq)
		tp_u32(wnd_end)),
	TP_ASSIGN(
		__entry->reason = "rwnd_limited";
		__entry->seq = TCP_SKB_CB(skb)->seq;
		__entry->wnd_end = tcp_wnd_end(tcp_sk(sk));))
#define trace_tcp_rwnd_limited(...) TP_NOTE(tcp_rwnd_limited, __VA_ARGS__)

/* tcp_write_xmit stops: Nagle holds the small @skb back. */
TRACE_NOTE_EVENT(tcp_nagle_hold, "net/ipv4/tcp_output.c",
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb, unsigned int mss_now),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_u32(len)
		tp_u32(mss)),
	TP_ASSIGN(
		__entry->reason = "nagle";
		__entry->len = skb->len;
		__entry->mss = mss_now;))
#define trace_tcp_nagle_hold(...) TP_NOTE(tcp_nagle_hold, __VA_ARGS__)

TRACE_EVENT(__tcp_push_pending_frames, "net/ipv4/tcp_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, unsigned int cur_mss, int nonagle),
	TP_HOST(sock_net(sk)),
	TP_SKB(tcp_send_head(sk)),
	TP_STRUCT(
		tp_u32(mss)
		tp_s32(nonagle)),
	TP_ASSIGN(
		__entry->mss = cur_mss;
		__entry->nonagle = nonagle;))
#define trace___tcp_push_pending_frames(...) TP_FUNC(__tcp_push_pending_frames, __VA_ARGS__)

TRACE_EVENT(tcp_push_one, "net/ipv4/tcp_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, unsigned int mss_now),
	TP_HOST(sock_net(sk)),
	TP_SKB(tcp_send_head(sk)),
	TP_STRUCT(
		tp_u32(mss)),
	TP_ASSIGN(
		__entry->mss = mss_now;))
#define trace_tcp_push_one(...) TP_FUNC(tcp_push_one, __VA_ARGS__)

TRACE_EVENT(tcp_retransmit_skb, "net/ipv4/tcp_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(seq)
		tp_u32(end_seq)
		tp_u32(len)
		tp_u32(snd_una)
		tp_u32(retrans_out)),
	TP_ASSIGN(
		__entry->seq = TCP_SKB_CB(skb)->seq;
		__entry->end_seq = TCP_SKB_CB(skb)->end_seq;
		__entry->len = skb->len;
		__entry->snd_una = tcp_sk(sk)->snd_una;
		__entry->retrans_out = tcp_sk(sk)->retrans_out;))
#define trace_tcp_retransmit_skb(...) TP_FUNC(tcp_retransmit_skb, __VA_ARGS__)

TRACE_EVENT(tcp_xmit_retransmit_queue, "net/ipv4/tcp_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(lost_out)
		tp_u32(retrans_out)
		tp_u32(cwnd)
		tp_u32(in_flight)),
	TP_ASSIGN(
		const struct tcp_sock *tp = tcp_sk(sk);

		__entry->lost_out = tp->lost_out;
		__entry->retrans_out = tp->retrans_out;
		__entry->cwnd = tp->snd_cwnd;
		__entry->in_flight = tcp_packets_in_flight(tp);))
#define trace_tcp_xmit_retransmit_queue(...) TP_FUNC(tcp_xmit_retransmit_queue, __VA_ARGS__)

TRACE_EVENT(tcp_simple_retransmit, "net/ipv4/tcp_input.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, unsigned int mss),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(mss)
		tp_u32(packets_out)),
	TP_ASSIGN(
		__entry->mss = mss;
		__entry->packets_out = tcp_sk(sk)->packets_out;))
#define trace_tcp_simple_retransmit(...) TP_FUNC(tcp_simple_retransmit, __VA_ARGS__)

/* @tail: the last skb of the write queue (NULL if empty). */
TRACE_EVENT(tcp_send_fin, "net/ipv4/tcp_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *tail),
	TP_HOST(sock_net(sk)),
	TP_SKB(tail),
	TP_STRUCT(
		tp_u32(write_seq)
		tp_enum8(state, sim_tcp_state_name)),
	TP_ASSIGN(
		__entry->write_seq = tcp_sk(sk)->write_seq;
		__entry->state = sk->sk_state;))
#define trace_tcp_send_fin(...) TP_FUNC(tcp_send_fin, __VA_ARGS__)

TRACE_EVENT(tcp_send_active_reset, "net/ipv4/tcp_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, u32 seq),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(seq)),
	TP_ASSIGN(
		__entry->seq = seq;))
#define trace_tcp_send_active_reset(...) TP_FUNC(tcp_send_active_reset, __VA_ARGS__)

TRACE_EVENT(tcp_send_ack, "net/ipv4/tcp_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(ack)
		tp_enum8(state, sim_tcp_state_name)),
	TP_ASSIGN(
		__entry->ack = tcp_sk(sk)->rcv_nxt;
		__entry->state = sk->sk_state;))
#define trace_tcp_send_ack(...) TP_FUNC(tcp_send_ack, __VA_ARGS__)

/* @ato: the delay chosen; @timeout: when it ends, in jiffies. */
TRACE_EVENT(tcp_send_delayed_ack, "net/ipv4/tcp_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, u32 ato, unsigned long timeout),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(ato)
		tp_u64(timeout)),
	TP_ASSIGN(
		__entry->ato = ato;
		__entry->timeout = timeout;))
#define trace_tcp_send_delayed_ack(...) TP_FUNC(tcp_send_delayed_ack, __VA_ARGS__)

/* The initial sequence number of a connection. */
DECLARE_EVENT_CLASS(tcp_initial_seq,
	TP_PROTO(const struct net *net, u32 isn),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(isn)),
	TP_ASSIGN(
		__entry->isn = isn;))
DEFINE_EVENT(tcp_initial_seq, tcp_connect, "net/ipv4/tcp_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk), TP_ARGS(sock_net(sk), tcp_sk(sk)->write_seq))
#define trace_tcp_connect(...) TP_FUNC(tcp_connect, __VA_ARGS__)

/* tcp_connect: what tcp_connect_init chose for the SYN. */
TRACE_NOTE_EVENT(tcp_connect_params, "net/ipv4/tcp_output.c",
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(mss)
		tp_u16(advmss)
		tp_u32(rcv_wnd)
		tp_u8(wscale)),
	TP_ASSIGN(
		const struct tcp_sock *tp = tcp_sk(sk);

		__entry->mss = tp->mss_cache;
		__entry->advmss = tp->advmss;
		__entry->rcv_wnd = tp->rcv_wnd;
		__entry->wscale = tp->rx_opt.rcv_wscale;))
#define trace_tcp_connect_params(...) TP_NOTE(tcp_connect_params, __VA_ARGS__)

TRACE_EVENT(tcp_make_synack, "net/ipv4/tcp_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct request_sock *req, unsigned int mss),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(isn)
		tp_u32(ack)
		tp_u32(mss)
		tp_u32(wnd)
		tp_u8(wscale)),
	TP_ASSIGN(
		__entry->isn = req->snt_isn;
		__entry->ack = req->rcv_isn + 1;
		__entry->mss = mss;
		__entry->wnd = req->rcv_wnd;
		__entry->wscale = req->rcv_wscale;))
#define trace_tcp_make_synack(...) TP_FUNC(tcp_make_synack, __VA_ARGS__)

/* @skb: the send head (NULL: nothing waits, a bare probe goes). */
TRACE_EVENT(tcp_write_wakeup, "net/ipv4/tcp_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(snd_wnd)
		tp_u32(snd_una)),
	TP_ASSIGN(
		__entry->snd_wnd = tcp_sk(sk)->snd_wnd;
		__entry->snd_una = tcp_sk(sk)->snd_una;))
#define trace_tcp_write_wakeup(...) TP_FUNC(tcp_write_wakeup, __VA_ARGS__)

TRACE_EVENT(tcp_send_probe0, "net/ipv4/tcp_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(probes_out)
		tp_u8(backoff)),
	TP_ASSIGN(
		__entry->probes_out = inet_csk(sk)->icsk_probes_out;
		__entry->backoff = inet_csk(sk)->icsk_backoff;))
#define trace_tcp_send_probe0(...) TP_FUNC(tcp_send_probe0, __VA_ARGS__)

/* ---- layers/tcp_input.c ------------------------------------------------------ */

/* @mrtt: the new sample; srtt and mdev unscaled, before it counts. */
TRACE_EVENT(tcp_rtt_estimator, "net/ipv4/tcp_input.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, u32 mrtt),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(sample)
		tp_u32(srtt)
		tp_u32(mdev)),
	TP_ASSIGN(
		__entry->sample = mrtt;
		__entry->srtt = tcp_sk(sk)->srtt >> 3;
		__entry->mdev = tcp_sk(sk)->mdev >> 2;))
#define trace_tcp_rtt_estimator(...) TP_FUNC(tcp_rtt_estimator, __VA_ARGS__)

/* tcp_set_rto: the new RTO (srtt unscaled), in jiffies. */
TRACE_NOTE_EVENT(tcp_rto_computed, "net/ipv4/tcp_input.c",
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(rto)
		tp_u32(srtt)
		tp_u32(rttvar)),
	TP_ASSIGN(
		__entry->rto = inet_csk(sk)->icsk_rto;
		__entry->srtt = tcp_sk(sk)->srtt >> 3;
		__entry->rttvar = tcp_sk(sk)->rttvar;))
#define trace_tcp_rto_computed(...) TP_NOTE(tcp_rto_computed, __VA_ARGS__)

TRACE_EVENT(tcp_clean_rtx_queue, "net/ipv4/tcp_input.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, u32 prior_snd_una),
	TP_HOST(sock_net(sk)),
	TP_SKB(tcp_write_queue_head(sk)),
	TP_STRUCT(
		tp_u32(snd_una)
		tp_u32(prior_snd_una)
		tp_u32(packets_out)),
	TP_ASSIGN(
		__entry->snd_una = tcp_sk(sk)->snd_una;
		__entry->prior_snd_una = prior_snd_una;
		__entry->packets_out = tcp_sk(sk)->packets_out;))
#define trace_tcp_clean_rtx_queue(...) TP_FUNC(tcp_clean_rtx_queue, __VA_ARGS__)

/* tcp_clean_rtx_queue: the wholly acked @skb leaves the write queue. */
TRACE_NOTE_EVENT(tcp_rtx_skb_freed, "net/ipv4/tcp_input.c",
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_skb(freed)
		tp_u32(seq)
		tp_u32(end_seq)
		tp_s32(dataref)),
	TP_ASSIGN(
		__entry->freed = skb->id;
		__entry->seq = TCP_SKB_CB(skb)->seq;
		__entry->end_seq = TCP_SKB_CB(skb)->end_seq;
		__entry->dataref = skb_shinfo(skb)->dataref & SKB_DATAREF_MASK;))
#define trace_tcp_rtx_skb_freed(...) TP_NOTE(tcp_rtx_skb_freed, __VA_ARGS__)

/* tcp_ack_update_window: the peer's window changes to @nwin bytes. */
TRACE_NOTE_EVENT(tcp_snd_wnd_update, "net/ipv4/tcp_input.c",
	TP_PROTO(const struct sock *sk, u32 nwin),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(snd_wnd)
		tp_u32(old)),
	TP_ASSIGN(
		__entry->snd_wnd = nwin;
		__entry->old = tcp_sk(sk)->snd_wnd;))
#define trace_tcp_snd_wnd_update(...) TP_NOTE(tcp_snd_wnd_update, __VA_ARGS__)

/* ca_state: the TCP_CA_* number; dupacks: sacked_out (Reno). */
TRACE_EVENT(tcp_fastretrans_alert, "net/ipv4/tcp_input.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, int pkts_acked, bool is_dupack),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(ca_state)
		tp_u32(dupacks)
		tp_u8(is_dupack)
		tp_s32(acked)
		tp_u32(high_seq)),
	TP_ASSIGN(
		__entry->ca_state = inet_csk(sk)->icsk_ca_state;
		__entry->dupacks = tcp_sk(sk)->sacked_out;
		__entry->is_dupack = is_dupack;
		__entry->acked = pkts_acked;
		__entry->high_seq = tcp_sk(sk)->high_seq;))
#define trace_tcp_fastretrans_alert(...) TP_FUNC(tcp_fastretrans_alert, __VA_ARGS__)

/* tcp_fastretrans_alert: recovery or loss is over (from: the TCP_CA_*
 * state it leaves). */
TRACE_NOTE_EVENT(tcp_ca_to_open, "net/ipv4/tcp_input.c",
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(ca_state)
		tp_u8(from)
		tp_u32(cwnd)
		tp_u32(ssthresh)),
	TP_ASSIGN(
		__entry->ca_state = "Open";
		__entry->from = inet_csk(sk)->icsk_ca_state;
		__entry->cwnd = tcp_sk(sk)->snd_cwnd;
		__entry->ssthresh = tcp_sk(sk)->snd_ssthresh;))
#define trace_tcp_ca_to_open(...) TP_NOTE(tcp_ca_to_open, __VA_ARGS__)

/* tcp_fastretrans_alert: the third duplicate ACK starts fast recovery. */
TRACE_NOTE_EVENT(tcp_ca_to_recovery, "net/ipv4/tcp_input.c",
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(ca_state)
		tp_u32(cwnd)
		tp_u32(ssthresh)
		tp_u32(high_seq)),
	TP_ASSIGN(
		__entry->ca_state = "Recovery";
		__entry->cwnd = tcp_sk(sk)->snd_cwnd;
		__entry->ssthresh = tcp_sk(sk)->snd_ssthresh;
		__entry->high_seq = tcp_sk(sk)->high_seq;))
#define trace_tcp_ca_to_recovery(...) TP_NOTE(tcp_ca_to_recovery, __VA_ARGS__)

TRACE_EVENT(tcp_enter_loss, "net/ipv4/tcp_input.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(ca_state)
		tp_u32(cwnd)
		tp_u32(ssthresh)
		tp_u32(packets_out)),
	TP_ASSIGN(
		__entry->ca_state = inet_csk(sk)->icsk_ca_state;
		__entry->cwnd = tcp_sk(sk)->snd_cwnd;
		__entry->ssthresh = tcp_sk(sk)->snd_ssthresh;
		__entry->packets_out = tcp_sk(sk)->packets_out;))
#define trace_tcp_enter_loss(...) TP_FUNC(tcp_enter_loss, __VA_ARGS__)

/* win: the raw window field of the segment (not yet scaled). */
TRACE_EVENT(tcp_ack, "net/ipv4/tcp_input.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(ack)
		tp_u32(snd_una)
		tp_u32(snd_nxt)
		tp_u32(dupacks)
		tp_u16(win)),
	TP_ASSIGN(
		__entry->ack = TCP_SKB_CB(skb)->ack_seq;
		__entry->snd_una = tcp_sk(sk)->snd_una;
		__entry->snd_nxt = tcp_sk(sk)->snd_nxt;
		__entry->dupacks = tcp_sk(sk)->sacked_out;
		__entry->win = ntohs(tcp_hdr(skb)->window);))
#define trace_tcp_ack(...) TP_FUNC(tcp_ack, __VA_ARGS__)

/* A segment TCP throws away, or an ACK it ignores, and why (old_ack,
 * ofo_duplicate, bad_checksum, listen_overflow ...). */
DEFINE_NOTE_EVENT(reason, tcp_discard, "net/ipv4/tcp_input.c",
	TP_PROTO(const struct net *net, const struct sk_buff *skb, const char *reason),
	TP_ARGS(net, skb, reason))
#define trace_tcp_discard(...) TP_NOTE(tcp_discard, __VA_ARGS__)

TRACE_EVENT(tcp_rcv_rtt_update, "net/ipv4/tcp_input.c", TP_NOT_INLINE,
	TP_PROTO(const struct tcp_sock *tp, u32 sample, int win_dep),
	TP_HOST(sock_net(&tp->inet_conn.icsk_inet.sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(sample)
		tp_u8(win_dep)
		tp_u32(rcv_rtt)),
	TP_ASSIGN(
		__entry->sample = sample;
		__entry->win_dep = win_dep;
		__entry->rcv_rtt = tp->rcv_rtt_est.rtt;))
#define trace_tcp_rcv_rtt_update(...) TP_FUNC(tcp_rcv_rtt_update, __VA_ARGS__)

TRACE_EVENT(tcp_rcv_rtt_measure, "net/ipv4/tcp_input.c", TP_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(rcv_nxt)
		tp_u32(est_seq)),
	TP_ASSIGN(
		__entry->rcv_nxt = tcp_sk(sk)->rcv_nxt;
		__entry->est_seq = tcp_sk(sk)->rcv_rtt_est.seq;))
#define trace_tcp_rcv_rtt_measure(...) TP_FUNC(tcp_rcv_rtt_measure, __VA_ARGS__)

TRACE_EVENT(tcp_rcv_rtt_measure_ts, "net/ipv4/tcp_input.c", TP_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(tsecr)
		tp_u32(len)),
	TP_ASSIGN(
		__entry->tsecr = tcp_sk(sk)->rx_opt.rcv_tsecr;
		__entry->len = TCP_SKB_CB(skb)->end_seq - TCP_SKB_CB(skb)->seq;))
#define trace_tcp_rcv_rtt_measure_ts(...) TP_FUNC(tcp_rcv_rtt_measure_ts, __VA_ARGS__)

TRACE_EVENT(tcp_event_data_recv, "net/ipv4/tcp_input.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_u32(ato)
		tp_u8(quick)
		tp_u16(rcv_mss)),
	TP_ASSIGN(
		const struct inet_connection_sock *icsk = inet_csk(sk);

		__entry->len = skb->len;
		__entry->ato = icsk->icsk_ack.ato;
		__entry->quick = icsk->icsk_ack.quick;
		__entry->rcv_mss = icsk->icsk_ack.rcv_mss;))
#define trace_tcp_event_data_recv(...) TP_FUNC(tcp_event_data_recv, __VA_ARGS__)

DEFINE_EVENT(tcp_sock_state, tcp_fin, "net/ipv4/tcp_input.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk), TP_ARGS(sk, NULL))
#define trace_tcp_fin(...) TP_FUNC(tcp_fin, __VA_ARGS__)

/* The receive buffer is over sk_rcvbuf: the out-of-order queue is pruned
 * (prune_ofo), or in-order data dropped (rcvbuf_full). */
TRACE_NOTE_EVENT(tcp_rmem_limit, "net/ipv4/tcp_input.c",
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb, const char *reason),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_s32(rmem_alloc)
		tp_s32(rcvbuf)),
	TP_ASSIGN(
		__entry->reason = reason;
		__entry->rmem_alloc = sk->sk_rmem_alloc;
		__entry->rcvbuf = sk->sk_rcvbuf;))
#define trace_tcp_rmem_limit(...) TP_NOTE(tcp_rmem_limit, __VA_ARGS__)

TRACE_EVENT(tcp_ofo_queue, "net/ipv4/tcp_input.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(rcv_nxt)
		tp_u32(ofo)),
	TP_ASSIGN(
		__entry->rcv_nxt = tcp_sk(sk)->rcv_nxt;
		__entry->ofo = skb_queue_len(&tcp_sk(sk)->out_of_order_queue);))
#define trace_tcp_ofo_queue(...) TP_FUNC(tcp_ofo_queue, __VA_ARGS__)

/* tcp_ofo_queue: @skb is in order now and moves to the receive queue. */
TRACE_NOTE_EVENT(tcp_ofo_dequeue, "net/ipv4/tcp_input.c",
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(seq)
		tp_u32(end_seq)
		tp_u8(in_order)),
	TP_ASSIGN(
		__entry->seq = TCP_SKB_CB(skb)->seq;
		__entry->end_seq = TCP_SKB_CB(skb)->end_seq;
		__entry->in_order = 1;))
#define trace_tcp_ofo_dequeue(...) TP_NOTE(tcp_ofo_dequeue, __VA_ARGS__)

TRACE_EVENT(tcp_data_queue_ofo, "net/ipv4/tcp_input.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(seq)
		tp_u32(end_seq)
		tp_u32(rcv_nxt)
		tp_u32(ofo)),
	TP_ASSIGN(
		__entry->seq = TCP_SKB_CB(skb)->seq;
		__entry->end_seq = TCP_SKB_CB(skb)->end_seq;
		__entry->rcv_nxt = tcp_sk(sk)->rcv_nxt;
		__entry->ofo = skb_queue_len(&tcp_sk(sk)->out_of_order_queue);))
#define trace_tcp_data_queue_ofo(...) TP_FUNC(tcp_data_queue_ofo, __VA_ARGS__)

/* tcp_data_queue_ofo: no room for @skb beyond the hole: dropped. */
TRACE_NOTE_EVENT(tcp_ofo_rcvbuf_full, "net/ipv4/tcp_input.c",
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_s32(rmem_alloc)),
	TP_ASSIGN(
		__entry->reason = "ofo_rcvbuf_full";
		__entry->rmem_alloc = sk->sk_rmem_alloc;))
#define trace_tcp_ofo_rcvbuf_full(...) TP_NOTE(tcp_ofo_rcvbuf_full, __VA_ARGS__)

TRACE_EVENT(tcp_data_queue, "net/ipv4/tcp_input.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(seq)
		tp_u32(end_seq)
		tp_u32(rcv_nxt)
		tp_u32(rcv_wnd)),
	TP_ASSIGN(
		__entry->seq = TCP_SKB_CB(skb)->seq;
		__entry->end_seq = TCP_SKB_CB(skb)->end_seq;
		__entry->rcv_nxt = tcp_sk(sk)->rcv_nxt;
		__entry->rcv_wnd = tcp_receive_window(tcp_sk(sk));))
#define trace_tcp_data_queue(...) TP_FUNC(tcp_data_queue, __VA_ARGS__)

/* unacked: bytes received since our last window update (rcv_nxt - rcv_wup). */
TRACE_EVENT(__tcp_ack_snd_check, "net/ipv4/tcp_input.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(unacked)
		tp_u16(rcv_mss)
		tp_u8(quick)
		tp_u8(pingpong)
		tp_u32(ofo)),
	TP_ASSIGN(
		const struct inet_connection_sock *icsk = inet_csk(sk);
		const struct tcp_sock *tp = tcp_sk(sk);

		__entry->unacked = tp->rcv_nxt - tp->rcv_wup;
		__entry->rcv_mss = icsk->icsk_ack.rcv_mss;
		__entry->quick = icsk->icsk_ack.quick;
		__entry->pingpong = icsk->icsk_ack.pingpong;
		__entry->ofo = skb_queue_len(&tp->out_of_order_queue);))
#define trace___tcp_ack_snd_check(...) TP_FUNC(__tcp_ack_snd_check, __VA_ARGS__)

DEFINE_EVENT(tcp_sock_state, tcp_reset, "net/ipv4/tcp_input.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk), TP_ARGS(sk, NULL))
#define trace_tcp_reset(...) TP_FUNC(tcp_reset, __VA_ARGS__)

/* tcp_validate_incoming: PAWS rejects @skb, its timestamp is older than
 * the last one accepted. */
TRACE_NOTE_EVENT(tcp_paws_reject, "net/ipv4/tcp_input.c",
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_u32(tsval)
		tp_u32(ts_recent)),
	TP_ASSIGN(
		__entry->reason = "paws";
		__entry->tsval = tcp_sk(sk)->rx_opt.rcv_tsval;
		__entry->ts_recent = tcp_sk(sk)->rx_opt.ts_recent;))
#define trace_tcp_paws_reject(...) TP_NOTE(tcp_paws_reject, __VA_ARGS__)

/* tcp_validate_incoming: @skb (starting at @seq) is outside the receive
 * window. */
TRACE_NOTE_EVENT(tcp_seq_out_of_window, "net/ipv4/tcp_input.c",
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb, u32 seq),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_u32(seq)
		tp_u32(rcv_nxt)),
	TP_ASSIGN(
		__entry->reason = "out_of_window";
		__entry->seq = seq;
		__entry->rcv_nxt = tcp_sk(sk)->rcv_nxt;))
#define trace_tcp_seq_out_of_window(...) TP_NOTE(tcp_seq_out_of_window, __VA_ARGS__)

TRACE_EVENT(tcp_rcv_established, "net/ipv4/tcp_input.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb, unsigned int len),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(seq)
		tp_u32(end_seq)
		tp_u32(ack)
		tp_u32(len)),
	TP_ASSIGN(
		__entry->seq = TCP_SKB_CB(skb)->seq;
		__entry->end_seq = TCP_SKB_CB(skb)->end_seq;
		__entry->ack = TCP_SKB_CB(skb)->ack_seq;
		__entry->len = len;))
#define trace_tcp_rcv_established(...) TP_FUNC(tcp_rcv_established, __VA_ARGS__)

/* No 3.10 counterpart (tcp_finish_connect and tcp_rcv_state_process do
 * this there); srtt unscaled. */
TRACE_EVENT(sim_tcp_init_transfer, "net/ipv4/tcp_input.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(srtt)
		tp_u32(rto)),
	TP_ASSIGN(
		__entry->srtt = tcp_sk(sk)->srtt >> 3;
		__entry->rto = inet_csk(sk)->icsk_rto;))
#define trace_sim_tcp_init_transfer(...) TP_FUNC(sim_tcp_init_transfer, __VA_ARGS__)

TRACE_EVENT(tcp_rcv_synsent_state_process, "net/ipv4/tcp_input.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(seq)
		tp_u32(ack)
		tp_x32w(flags, 2)),
	TP_ASSIGN(
		__entry->seq = TCP_SKB_CB(skb)->seq;
		__entry->ack = TCP_SKB_CB(skb)->ack_seq;
		__entry->flags = TCP_SKB_CB(skb)->tcp_flags;))
#define trace_tcp_rcv_synsent_state_process(...) \
	TP_FUNC(tcp_rcv_synsent_state_process, __VA_ARGS__)

TRACE_EVENT(tcp_rcv_state_process, "net/ipv4/tcp_input.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb, unsigned int len),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_enum8(state, sim_tcp_state_name)
		tp_u32(seq)
		tp_u32(ack)
		tp_u32(len)
		tp_x32w(flags, 2)),
	TP_ASSIGN(
		__entry->state = sk->sk_state;
		__entry->seq = TCP_SKB_CB(skb)->seq;
		__entry->ack = TCP_SKB_CB(skb)->ack_seq;
		__entry->len = len;
		__entry->flags = TCP_SKB_CB(skb)->tcp_flags;))
#define trace_tcp_rcv_state_process(...) TP_FUNC(tcp_rcv_state_process, __VA_ARGS__)

/* ---- layers/tcp_ipv4.c ------------------------------------------------------- */

TRACE_EVENT(secure_tcp_sequence_number, "net/core/secure_seq.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, __be32 saddr, __be32 daddr, __be16 sport, __be16 dport),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_ip4(saddr)
		tp_ip4(daddr)
		tp_u16(sport)
		tp_u16(dport)),
	TP_ASSIGN(
		__entry->saddr = saddr;
		__entry->daddr = daddr;
		__entry->sport = ntohs(sport);
		__entry->dport = ntohs(dport);))
#define trace_secure_tcp_sequence_number(...) TP_FUNC(secure_tcp_sequence_number, __VA_ARGS__)

/* secure_tcp_sequence_number: the initial sequence number chosen. */
DEFINE_NOTE_EVENT(tcp_initial_seq, tcp_isn, "net/core/secure_seq.c",
	TP_PROTO(const struct net *net, u32 isn), TP_ARGS(net, isn))
#define trace_tcp_isn(...) TP_NOTE(tcp_isn, __VA_ARGS__)

DEFINE_EVENT(proto_get_port, inet_csk_get_port, "net/ipv4/inet_connection_sock.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, unsigned short snum), TP_ARGS(sk, snum))
#define trace_inet_csk_get_port(...) TP_FUNC(inet_csk_get_port, __VA_ARGS__)

/* inet_csk_get_port: another socket holds @port. */
DEFINE_NOTE_EVENT(reason_port, tcp_bind_conflict, "net/ipv4/inet_connection_sock.c",
	TP_PROTO(const struct sock *sk, unsigned short port),
	TP_ARGS(sock_net(sk), NULL, "port_in_use", port))
#define trace_tcp_bind_conflict(...) TP_NOTE(tcp_bind_conflict, __VA_ARGS__)

TRACE_EVENT(inet_hash, "net/ipv4/inet_hashtables.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_enum8(state, sim_tcp_state_name)
		tp_u16(port)),
	TP_ASSIGN(
		__entry->state = sk->sk_state;
		__entry->port = sk->sk_num;))
#define trace_inet_hash(...) TP_FUNC(inet_hash, __VA_ARGS__)

DEFINE_EVENT(sock_port, inet_unhash, "net/ipv4/inet_hashtables.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk), TP_ARGS(sk))
#define trace_inet_unhash(...) TP_FUNC(inet_unhash, __VA_ARGS__)

DEFINE_EVENT(proto_connect, tcp_v4_connect, "net/ipv4/tcp_ipv4.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sockaddr_in *usin), TP_ARGS(sk, usin))
#define trace_tcp_v4_connect(...) TP_FUNC(tcp_v4_connect, __VA_ARGS__)

DEFINE_EVENT(skb_len_addrs, tcp_v4_send_check, "net/ipv4/tcp_ipv4.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_ARGS(sock_net(sk), skb, inet_sk(sk)->inet_saddr, sk->sk_daddr))
#define trace_tcp_v4_send_check(...) TP_FUNC(tcp_v4_send_check, __VA_ARGS__)

/* tcp_v4_send_check: the checksum written into the header. */
DEFINE_NOTE_EVENT(proto_csum, tcp_v4_csum, "net/ipv4/tcp_ipv4.c",
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_ARGS(sock_net(sk), skb, tcp_hdr(skb)->check))
#define trace_tcp_v4_csum(...) TP_NOTE(tcp_v4_csum, __VA_ARGS__)

/* rst: the offending segment is itself a RST (never answered). */
TRACE_EVENT(tcp_v4_send_reset, "net/ipv4/tcp_ipv4.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, const struct sk_buff *skb),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_ip4(saddr)
		tp_u16(sport)
		tp_u16(dport)
		tp_u8(rst)),
	TP_ASSIGN(
		const struct tcphdr *th = tcp_hdr(skb);

		__entry->saddr = ip_hdr(skb)->saddr;
		__entry->sport = ntohs(th->source);
		__entry->dport = ntohs(th->dest);
		__entry->rst = th->rst;))
#define trace_tcp_v4_send_reset(...) TP_FUNC(tcp_v4_send_reset, __VA_ARGS__)

TRACE_EVENT(tcp_v4_send_synack, "net/ipv4/tcp_ipv4.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct request_sock *req),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_ip4(daddr)
		tp_u16(dport)
		tp_u32(isn)
		tp_u8(retrans)),
	TP_ASSIGN(
		__entry->daddr = req->rmt_addr;
		__entry->dport = ntohs(req->rmt_port);
		__entry->isn = req->snt_isn;
		__entry->retrans = req->num_retrans;))
#define trace_tcp_v4_send_synack(...) TP_FUNC(tcp_v4_send_synack, __VA_ARGS__)

/* lifetime_ms: how long a request may wait for the handshake's ACK. */
TRACE_EVENT(inet_csk_reqsk_queue_prune, "net/ipv4/inet_connection_sock.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, u32 lifetime),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(qlen)
		tp_u32(lifetime_ms)),
	TP_ASSIGN(
		__entry->qlen = inet_csk(sk)->icsk_accept_queue.qlen;
		__entry->lifetime_ms = lifetime;))
#define trace_inet_csk_reqsk_queue_prune(...) TP_FUNC(inet_csk_reqsk_queue_prune, __VA_ARGS__)

/* inet_csk_reqsk_queue_prune: @req never completed its handshake. */
TRACE_NOTE_EVENT(tcp_request_timeout, "net/ipv4/inet_connection_sock.c",
	TP_PROTO(const struct sock *sk, const struct request_sock *req),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(reason)
		tp_ip4(daddr)
		tp_u16(dport)),
	TP_ASSIGN(
		__entry->reason = "request_timeout";
		__entry->daddr = req->rmt_addr;
		__entry->dport = ntohs(req->rmt_port);))
#define trace_tcp_request_timeout(...) TP_NOTE(tcp_request_timeout, __VA_ARGS__)

TRACE_EVENT(tcp_v4_conn_request, "net/ipv4/tcp_ipv4.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_ip4(saddr)
		tp_u16(sport)
		tp_s32(qlen)
		tp_custom(backlog, struct sim_tcp_backlog, sim_tcp_backlog_print)),
	TP_ASSIGN(
		__entry->saddr = ip_hdr(skb)->saddr;
		__entry->sport = ntohs(tcp_hdr(skb)->source);
		__entry->qlen = inet_csk(sk)->icsk_accept_queue.qlen;
		__entry->backlog.used = sk->sk_ack_backlog;
		__entry->backlog.max = sk->sk_max_ack_backlog;))
#define trace_tcp_v4_conn_request(...) TP_FUNC(tcp_v4_conn_request, __VA_ARGS__)

TRACE_EVENT(tcp_v4_syn_recv_sock, "net/ipv4/tcp_ipv4.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb, const struct request_sock *req),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_ip4(daddr)
		tp_u16(dport)
		tp_custom(backlog, struct sim_tcp_backlog, sim_tcp_backlog_print)),
	TP_ASSIGN(
		__entry->daddr = req->rmt_addr;
		__entry->dport = ntohs(req->rmt_port);
		__entry->backlog.used = sk->sk_ack_backlog;
		__entry->backlog.max = sk->sk_max_ack_backlog;))
#define trace_tcp_v4_syn_recv_sock(...) TP_FUNC(tcp_v4_syn_recv_sock, __VA_ARGS__)

TRACE_EVENT(tcp_v4_hnd_req, "net/ipv4/tcp_ipv4.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u16(sport)),
	TP_ASSIGN(
		__entry->sport = ntohs(tcp_hdr(skb)->source);))
#define trace_tcp_v4_hnd_req(...) TP_FUNC(tcp_v4_hnd_req, __VA_ARGS__)

TRACE_EVENT(tcp_v4_do_rcv, "net/ipv4/tcp_ipv4.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_enum8(state, sim_tcp_state_name)
		tp_u32(len)),
	TP_ASSIGN(
		__entry->state = sk->sk_state;
		__entry->len = skb->len;))
#define trace_tcp_v4_do_rcv(...) TP_FUNC(tcp_v4_do_rcv, __VA_ARGS__)

DEFINE_EVENT(skb_len_addrs, tcp_v4_rcv, "net/ipv4/tcp_ipv4.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, const struct sk_buff *skb),
	TP_ARGS(net, skb, ip_hdr(skb)->saddr, ip_hdr(skb)->daddr))
#define trace_tcp_v4_rcv(...) TP_FUNC(tcp_v4_rcv, __VA_ARGS__)

/* tcp_v4_rcv: the socket @skb belongs to, and the segment as parsed. */
TRACE_NOTE_EVENT(tcp_v4_rcv_socket, "net/ipv4/tcp_ipv4.c",
	TP_PROTO(const struct net *net, const struct sk_buff *skb, const struct sock *sk),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_enum8(sk_state, sim_tcp_state_name)
		tp_u32(seq)
		tp_u32(ack)
		tp_x32w(flags, 2)),
	TP_ASSIGN(
		__entry->sk_state = sk->sk_state;
		__entry->seq = TCP_SKB_CB(skb)->seq;
		__entry->ack = TCP_SKB_CB(skb)->ack_seq;
		__entry->flags = TCP_SKB_CB(skb)->tcp_flags;))
#define trace_tcp_v4_rcv_socket(...) TP_NOTE(tcp_v4_rcv_socket, __VA_ARGS__)

/* tcp_v4_rcv: no socket for @skb; a RST answers it. */
DEFINE_NOTE_EVENT(reason_dport, tcp_no_socket, "net/ipv4/tcp_ipv4.c",
	TP_PROTO(const struct net *net, const struct sk_buff *skb, const struct tcphdr *th),
	TP_ARGS(net, skb, "no_socket", ntohs(th->dest)))
#define trace_tcp_no_socket(...) TP_NOTE(tcp_no_socket, __VA_ARGS__)

TRACE_EVENT(tcp_v4_mtu_reduced, "net/ipv4/tcp_ipv4.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, u32 mtu),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(mtu)
		tp_u32(pmtu_cookie)),
	TP_ASSIGN(
		__entry->mtu = mtu;
		__entry->pmtu_cookie = inet_csk(sk)->icsk_pmtu_cookie;))
#define trace_tcp_v4_mtu_reduced(...) TP_FUNC(tcp_v4_mtu_reduced, __VA_ARGS__)

/* info: the next hop's MTU for "fragmentation needed". */
DEFINE_EVENT(proto_err, tcp_v4_err, "net/ipv4/tcp_ipv4.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, const struct sk_buff *skb, u32 info),
	TP_ARGS(net, skb, info))
#define trace_tcp_v4_err(...) TP_FUNC(tcp_v4_err, __VA_ARGS__)

/* tcp_v4_err: the quoted segment (@seq) is not in flight: the ICMP error
 * is stale or forged and ignored. */
TRACE_NOTE_EVENT(tcp_icmp_out_of_window, "net/ipv4/tcp_ipv4.c",
	TP_PROTO(const struct net *net, const struct sk_buff *skb, u32 seq),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_u32(seq)),
	TP_ASSIGN(
		__entry->reason = "out_of_window";
		__entry->seq = seq;))
#define trace_tcp_icmp_out_of_window(...) TP_NOTE(tcp_icmp_out_of_window, __VA_ARGS__)

DEFINE_EVENT(no_fields, tcp_v4_init_sock, "net/ipv4/tcp_ipv4.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk), TP_ARGS(sock_net(sk), NULL))
#define trace_tcp_v4_init_sock(...) TP_FUNC(tcp_v4_init_sock, __VA_ARGS__)

TRACE_EVENT(tcp_v4_destroy_sock, "net/ipv4/tcp_ipv4.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_enum8(state, sim_tcp_state_name)
		tp_u32(write_queue)
		tp_u32(ofo)),
	TP_ASSIGN(
		__entry->state = sk->sk_state;
		__entry->write_queue = skb_queue_len(&sk->sk_write_queue);
		__entry->ofo = skb_queue_len(&tcp_sk(sk)->out_of_order_queue);))
#define trace_tcp_v4_destroy_sock(...) TP_FUNC(tcp_v4_destroy_sock, __VA_ARGS__)

/* 3.10's tcp_init sets up the global tables once; netstep's is per host. */
DEFINE_EVENT(no_fields, tcp_init, "net/ipv4/tcp.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net), TP_ARGS(net, NULL))
#define trace_tcp_init(...) TP_FUNC(tcp_init, __VA_ARGS__)

/* No 3.10 counterpart: a host's TCP state is torn down. */
DEFINE_EVENT(no_fields, sim_tcp_exit, "net/ipv4/tcp_ipv4.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net), TP_ARGS(net, NULL))
#define trace_sim_tcp_exit(...) TP_FUNC(sim_tcp_exit, __VA_ARGS__)

/* ---- layers/tcp_minisocks.c -------------------------------------------------- */

/* @state: TIME_WAIT, or FIN_WAIT2 for an orphan; @timeout in ms. */
TRACE_EVENT(tcp_time_wait, "net/ipv4/tcp_minisocks.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, int state, unsigned long timeout),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_enum8(state, sim_tcp_state_name)
		tp_u64(timeout_ms)),
	TP_ASSIGN(
		__entry->state = (u8)state;
		__entry->timeout_ms = timeout;))
#define trace_tcp_time_wait(...) TP_FUNC(tcp_time_wait, __VA_ARGS__)

TRACE_EVENT(tcp_timewait_state_process, "net/ipv4/tcp_minisocks.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(seq)
		tp_x32w(flags, 2)),
	TP_ASSIGN(
		__entry->seq = TCP_SKB_CB(skb)->seq;
		__entry->flags = TCP_SKB_CB(skb)->tcp_flags;))
#define trace_tcp_timewait_state_process(...) TP_FUNC(tcp_timewait_state_process, __VA_ARGS__)

/* A segment outside the window that starts at @rcv_nxt is ignored: a
 * blind RST in TIME_WAIT, or a segment for a pending request. */
TRACE_NOTE_EVENT(tcp_window_reject, "net/ipv4/tcp_minisocks.c",
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb, const char *reason,
		 u32 rcv_nxt),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_u32(rcv_nxt)),
	TP_ASSIGN(
		__entry->reason = reason;
		__entry->rcv_nxt = rcv_nxt;))
#define trace_tcp_window_reject(...) TP_NOTE(tcp_window_reject, __VA_ARGS__)

TRACE_EVENT(tcp_create_openreq_child, "net/ipv4/tcp_minisocks.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct request_sock *req, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(rcv_isn)
		tp_u32(snt_isn)),
	TP_ASSIGN(
		__entry->rcv_isn = req->rcv_isn;
		__entry->snt_isn = req->snt_isn;))
#define trace_tcp_create_openreq_child(...) TP_FUNC(tcp_create_openreq_child, __VA_ARGS__)

TRACE_EVENT(tcp_check_req, "net/ipv4/tcp_minisocks.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb, const struct request_sock *req),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(seq)
		tp_u32(ack)
		tp_x32w(flags, 2)
		tp_u32(snt_isn)),
	TP_ASSIGN(
		__entry->seq = TCP_SKB_CB(skb)->seq;
		__entry->ack = TCP_SKB_CB(skb)->ack_seq;
		__entry->flags = TCP_SKB_CB(skb)->tcp_flags;
		__entry->snt_isn = req->snt_isn;))
#define trace_tcp_check_req(...) TP_FUNC(tcp_check_req, __VA_ARGS__)

/* state: the child's, before it processes @skb. */
DEFINE_EVENT(tcp_sock_state, tcp_child_process, "net/ipv4/tcp_minisocks.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *child, const struct sk_buff *skb), TP_ARGS(child, skb))
#define trace_tcp_child_process(...) TP_FUNC(tcp_child_process, __VA_ARGS__)

/* ---- layers/tcp_timer.c ------------------------------------------------------ */

TRACE_EVENT(tcp_write_err, "net/ipv4/tcp_timer.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_enum8(state, sim_tcp_state_name)
		tp_u8(retransmits)),
	TP_ASSIGN(
		__entry->state = sk->sk_state;
		__entry->retransmits = inet_csk(sk)->icsk_retransmits;))
#define trace_tcp_write_err(...) TP_FUNC(tcp_write_err, __VA_ARGS__)

/* @head: the first unacknowledged skb, the one resent. */
TRACE_EVENT(tcp_retransmit_timer, "net/ipv4/tcp_timer.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *head),
	TP_HOST(sock_net(sk)),
	TP_SKB(head),
	TP_STRUCT(
		tp_u32(rto)
		tp_u8(backoff)
		tp_u8(retransmits)
		tp_u32(packets_out)
		tp_u32(snd_una)),
	TP_ASSIGN(
		const struct inet_connection_sock *icsk = inet_csk(sk);

		__entry->rto = icsk->icsk_rto;
		__entry->backoff = icsk->icsk_backoff;
		__entry->retransmits = icsk->icsk_retransmits;
		__entry->packets_out = tcp_sk(sk)->packets_out;
		__entry->snd_una = tcp_sk(sk)->snd_una;))
#define trace_tcp_retransmit_timer(...) TP_FUNC(tcp_retransmit_timer, __VA_ARGS__)

/* tcp_retransmit_timer: the doubled RTO the timer is rearmed with. */
TRACE_NOTE_EVENT(tcp_rto_backoff, "net/ipv4/tcp_timer.c",
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(rto)
		tp_u8(backoff)),
	TP_ASSIGN(
		__entry->rto = inet_csk(sk)->icsk_rto;
		__entry->backoff = inet_csk(sk)->icsk_backoff;))
#define trace_tcp_rto_backoff(...) TP_NOTE(tcp_rto_backoff, __VA_ARGS__)

TRACE_EVENT(tcp_probe_timer, "net/ipv4/tcp_timer.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(probes_out)
		tp_u32(snd_wnd)),
	TP_ASSIGN(
		__entry->probes_out = inet_csk(sk)->icsk_probes_out;
		__entry->snd_wnd = tcp_sk(sk)->snd_wnd;))
#define trace_tcp_probe_timer(...) TP_FUNC(tcp_probe_timer, __VA_ARGS__)

/* pending: the ICSK_TIME_* the timer was armed for (0: none). */
TRACE_EVENT(tcp_write_timer, "net/ipv4/tcp_timer.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(pending)
		tp_enum8(state, sim_tcp_state_name)),
	TP_ASSIGN(
		__entry->pending = inet_csk(sk)->icsk_pending;
		__entry->state = sk->sk_state;))
#define trace_tcp_write_timer(...) TP_FUNC(tcp_write_timer, __VA_ARGS__)

/* pending: the ICSK_ACK_* bits. */
TRACE_EVENT(tcp_delack_timer, "net/ipv4/tcp_timer.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(pending)
		tp_u32(ato)
		tp_u8(pingpong)),
	TP_ASSIGN(
		__entry->pending = inet_csk(sk)->icsk_ack.pending;
		__entry->ato = inet_csk(sk)->icsk_ack.ato;
		__entry->pingpong = inet_csk(sk)->icsk_ack.pingpong;))
#define trace_tcp_delack_timer(...) TP_FUNC(tcp_delack_timer, __VA_ARGS__)

DEFINE_EVENT(tcp_sock_state, tcp_keepalive_timer, "net/ipv4/tcp_timer.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk), TP_ARGS(sk, NULL))
#define trace_tcp_keepalive_timer(...) TP_FUNC(tcp_keepalive_timer, __VA_ARGS__)

/* ---- layers/tcp_cong.c ------------------------------------------------------- */

/* phase: slow_start while cwnd <= ssthresh, else cong_avoid. */
TRACE_EVENT(tcp_cong_avoid, "net/ipv4/tcp_input.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, u32 in_flight),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(cwnd)
		tp_u32(ssthresh)
		tp_u32(in_flight)
		tp_enum8(phase, sim_tcp_ca_phase_name)),
	TP_ASSIGN(
		const struct tcp_sock *tp = tcp_sk(sk);

		__entry->cwnd = tp->snd_cwnd;
		__entry->ssthresh = tp->snd_ssthresh;
		__entry->in_flight = in_flight;
		__entry->phase = tp->snd_cwnd <= tp->snd_ssthresh ? SIM_TCP_SLOW_START :
								     SIM_TCP_CONG_AVOID;))
#define trace_tcp_cong_avoid(...) TP_FUNC(tcp_cong_avoid, __VA_ARGS__)

/* ---- SYN cookies: layers/syncookies.c, tcp_v4_conn_request's overflow ---- */

/* The SYN queue of the listener on @dport is full (qlen requests). */
TRACE_EVENT(tcp_syn_flood_action, "net/ipv4/tcp_ipv4.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u16(dport)
		tp_s32(qlen)),
	TP_ASSIGN(
		__entry->dport = ntohs(tcp_hdr(skb)->dest);
		__entry->qlen = inet_csk(sk)->icsk_accept_queue.qlen;))
#define trace_tcp_syn_flood_action(...) TP_FUNC(tcp_syn_flood_action, __VA_ARGS__)

/* tcp_syn_flood_action, once per listener: the kernel's log line
 * "TCP: Possible SYN flooding on port N. Sending cookies.  Check SNMP
 * counters." (or "Dropping request" without cookies). */
TRACE_NOTE_EVENT(tcp_syn_flood_warning, "net/ipv4/tcp_ipv4.c",
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb, const char *action),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u16(port)
		tp_str(action)),
	TP_ASSIGN(
		__entry->port = ntohs(tcp_hdr(skb)->dest);
		__entry->action = action;))
#define trace_tcp_syn_flood_warning(...) TP_NOTE(tcp_syn_flood_warning, __VA_ARGS__)

/* mss: the peer's, before it is rounded down to the table's. */
TRACE_EVENT(cookie_v4_init_sequence, "net/ipv4/syncookies.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb, u16 mss),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_ip4(saddr)
		tp_u16(sport)
		tp_u16(mss)),
	TP_ASSIGN(
		__entry->saddr = ip_hdr(skb)->saddr;
		__entry->sport = ntohs(tcp_hdr(skb)->source);
		__entry->mss = mss;))
#define trace_cookie_v4_init_sequence(...) TP_FUNC(cookie_v4_init_sequence, __VA_ARGS__)

/* cookie_v4_init_sequence: the cookie, the SYN-ACK's sequence number. */
DEFINE_NOTE_EVENT(tcp_initial_seq, tcp_syncookie_isn, "net/ipv4/syncookies.c",
	TP_PROTO(const struct net *net, u32 isn), TP_ARGS(net, isn))
#define trace_tcp_syncookie_isn(...) TP_NOTE(tcp_syncookie_isn, __VA_ARGS__)

/* cookie: the ACK's acknowledgment number - 1, our cookie if it is one. */
TRACE_EVENT(cookie_v4_check, "net/ipv4/syncookies.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_ip4(saddr)
		tp_u16(sport)
		tp_u32(cookie)),
	TP_ASSIGN(
		__entry->saddr = ip_hdr(skb)->saddr;
		__entry->sport = ntohs(tcp_hdr(skb)->source);
		__entry->cookie = ntohl(tcp_hdr(skb)->ack_seq) - 1;))
#define trace_cookie_v4_check(...) TP_FUNC(cookie_v4_check, __VA_ARGS__)

/* cookie_v4_check: why the ACK makes no connection ("no_recent_overflow",
 * "bad_cookie", "bad_options"). */
DEFINE_NOTE_EVENT(reason, tcp_syncookie_reject, "net/ipv4/syncookies.c",
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb, const char *reason),
	TP_ARGS(sock_net(sk), skb, reason))
#define trace_tcp_syncookie_reject(...) TP_NOTE(tcp_syncookie_reject, __VA_ARGS__)


/* ---- GSO skbs on the write queue (layers/tcp.c, tcp_output.c, tcp_input.c) ---- */

TRACE_EVENT(tcp_xmit_size_goal, "net/ipv4/tcp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, u32 mss_now, int large_allowed),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(mss_now)
		tp_u8(can_gso)
		tp_u32(pacing_rate)
		tp_u32(max_window)),
	TP_ASSIGN(
		__entry->mss_now = mss_now;
		__entry->can_gso = large_allowed && sk_can_gso(sk);
		__entry->pacing_rate = sk->sk_pacing_rate;
		__entry->max_window = tcp_sk(sk)->max_window;))
#define trace_tcp_xmit_size_goal(...) TP_FUNC(tcp_xmit_size_goal, __VA_ARGS__)

/* tcp_xmit_size_goal: how much one skb of tcp_sendmsg should hold. */
TRACE_NOTE_EVENT(tcp_size_goal, "net/ipv4/tcp.c",
	TP_PROTO(const struct sock *sk, u32 size_goal),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(size_goal)
		tp_u16(segs)),
	TP_ASSIGN(
		__entry->size_goal = size_goal;
		__entry->segs = tcp_sk(sk)->xmit_size_goal_segs;))
#define trace_tcp_size_goal(...) TP_NOTE(tcp_size_goal, __VA_ARGS__)

/* KERNEL: static inline in include/net/sock.h. */
TRACE_EVENT(skb_copy_to_page_nocache, "include/net/sock.h", TP_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb, const struct page_frag *pfrag,
		 int copy, bool merge),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(page)
		tp_u32(offset)
		tp_s32(copy)
		tp_u8(merge)
		tp_u8(nr_frags)),
	TP_ASSIGN(
		__entry->page = pfrag->page->id;
		__entry->offset = pfrag->offset;
		__entry->copy = copy;
		__entry->merge = merge;
		__entry->nr_frags = skb_shinfo(skb)->nr_frags;))
#define trace_skb_copy_to_page_nocache(...) TP_FUNC(skb_copy_to_page_nocache, __VA_ARGS__)

TRACE_EVENT(tcp_set_skb_tso_segs, "net/ipv4/tcp_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb, unsigned int mss_now),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_u32(mss)
		tp_u8(can_gso)
		tp_enum8(summed, sim_skb_summed_name)),
	TP_ASSIGN(
		__entry->len = skb->len;
		__entry->mss = mss_now;
		__entry->can_gso = sk_can_gso(sk);
		__entry->summed = skb->ip_summed;))
#define trace_tcp_set_skb_tso_segs(...) TP_FUNC(tcp_set_skb_tso_segs, __VA_ARGS__)

TRACE_EVENT(tcp_mss_split_point, "net/ipv4/tcp_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb, unsigned int mss_now,
		 unsigned int max_segs),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_u32(mss)
		tp_u32(max_segs)
		tp_u32(window)
		tp_u8(tail)),
	TP_ASSIGN(
		__entry->len = skb->len;
		__entry->mss = mss_now;
		__entry->max_segs = max_segs;
		__entry->window = tcp_wnd_end(tcp_sk(sk)) - TCP_SKB_CB(skb)->seq;
		__entry->tail = skb == tcp_write_queue_tail(sk);))
#define trace_tcp_mss_split_point(...) TP_FUNC(tcp_mss_split_point, __VA_ARGS__)

TRACE_EVENT(tso_fragment, "net/ipv4/tcp_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb, unsigned int len,
		 unsigned int mss_now),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_u32(keep)
		tp_u32(mss)
		tp_u32(data_len)),
	TP_ASSIGN(
		__entry->len = skb->len;
		__entry->keep = len;
		__entry->mss = mss_now;
		__entry->data_len = skb->data_len;))
#define trace_tso_fragment(...) TP_FUNC(tso_fragment, __VA_ARGS__)

TRACE_EVENT(tcp_tso_should_defer, "net/ipv4/tcp_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_u16(segs)
		tp_u32(goal)),
	TP_ASSIGN(
		__entry->len = skb->len;
		__entry->segs = tcp_skb_pcount(skb);
		__entry->goal = tcp_sk(sk)->xmit_size_goal_segs * tcp_sk(sk)->mss_cache;))
#define trace_tcp_tso_should_defer(...) TP_FUNC(tcp_tso_should_defer, __VA_ARGS__)

/* tcp_tso_should_defer: what the windows allow now. */
TRACE_NOTE_EVENT(tcp_tso_defer_limits, "net/ipv4/tcp_output.c",
	TP_PROTO(const struct sock *sk, u32 send_win, u32 cong_win),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(send_win)
		tp_u32(cong_win)),
	TP_ASSIGN(
		__entry->send_win = send_win;
		__entry->cong_win = cong_win;))
#define trace_tcp_tso_defer_limits(...) TP_NOTE(tcp_tso_defer_limits, __VA_ARGS__)

/* tcp_tso_should_defer: "defer", or why it sends now. */
TRACE_NOTE_EVENT(tcp_tso_defer, "net/ipv4/tcp_output.c",
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb, const char *why),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(decision)
		tp_u32(deferred)),
	TP_ASSIGN(
		__entry->decision = why;
		__entry->deferred = tcp_sk(sk)->tso_deferred;))
#define trace_tcp_tso_defer(...) TP_NOTE(tcp_tso_defer, __VA_ARGS__)

TRACE_EVENT(tcp_trim_head, "net/ipv4/tcp_output.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb, u32 len),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(trim)
		tp_u32(len)
		tp_u8(cloned)),
	TP_ASSIGN(
		__entry->trim = len;
		__entry->len = skb->len;
		__entry->cloned = skb_cloned(skb);))
#define trace_tcp_trim_head(...) TP_FUNC(tcp_trim_head, __VA_ARGS__)

TRACE_EVENT(tcp_tso_acked, "net/ipv4/tcp_input.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(acked)
		tp_u16(segs)),
	TP_ASSIGN(
		__entry->acked = tcp_sk(sk)->snd_una - TCP_SKB_CB(skb)->seq;
		__entry->segs = tcp_skb_pcount(skb);))
#define trace_tcp_tso_acked(...) TP_FUNC(tcp_tso_acked, __VA_ARGS__)

TRACE_EVENT(tcp_update_pacing_rate, "net/ipv4/tcp_input.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(mss)
		tp_u32(cwnd)
		tp_u32(packets_out)
		tp_u32(srtt)),
	TP_ASSIGN(
		__entry->mss = tcp_sk(sk)->mss_cache;
		__entry->cwnd = tcp_sk(sk)->snd_cwnd;
		__entry->packets_out = tcp_sk(sk)->packets_out;
		__entry->srtt = tcp_sk(sk)->srtt;))
#define trace_tcp_update_pacing_rate(...) TP_FUNC(tcp_update_pacing_rate, __VA_ARGS__)
TRACE_EVENT(tcp_set_default_congestion_control, "net/ipv4/tcp_cong.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(was)),
	TP_ASSIGN(
		__entry->was = tcp_get_default_congestion_control(net);))
#define trace_tcp_set_default_congestion_control(...) \
	TP_FUNC(tcp_set_default_congestion_control, __VA_ARGS__)

#endif
