/*
 * layers/sock.c - struct sock: allocation, reference counting, the
 * cached route, buffer ownership of skbs, and the default wake-ups.
 *
 * Mirrors net/core/sock.c and net/core/stream.c (Linux 3.10): sk_alloc,
 * sk_free, sock_init_data (which sets sk_state_change = sock_def_wakeup,
 * sk_data_ready = sock_def_readable, sk_write_space = sock_def_write_space
 * or, for TCP, sk_stream_write_space), __sk_dst_check / sk_setup_caps /
 * sk_dst_reset (the route a connected socket keeps), skb_set_owner_w and
 * skb_set_owner_r with their destructors sock_wfree / sock_rfree (so
 * sk_wmem_alloc and sk_rmem_alloc count the bytes a socket has in
 * flight and waiting to be read), and sock_queue_rcv_skb.
 *
 * Read before: layers/sock.h.  Read after: layers/socket.c (the system
 * calls), layers/af_inet.c, layers/udp.c, sim/task.c (who is woken).
 *
 * Left out: the socket lock and backlog, memory accounting against
 * protocol-wide limits (sk_forward_alloc stays 0), socket filters,
 * timestamps, SO_* options other than SO_SNDBUF, SO_RCVBUF, SO_REUSEADDR,
 * SO_LINGER (getsockopt also SO_TYPE, SO_ERROR, SO_ACCEPTCONN).  The default
 * wake-ups wake nobody: sim/task.c hooks the callbacks of a socket a
 * task sleeps on, as a process on sk->sk_wq would be woken.
 */
#include "layers/sock.h"
#include "layers/ip.h"
#include "layers/net_namespace.h"
#include "events/sock.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static const char KSRC[] = "net/core/sock.c";

/**
 * sk_alloc - allocate a struct sock of the protocol's size
 * @prot: tcp_prot or udp_prot (prot->obj_size bytes: tcp_sock, udp_sock)
 *
 * Returns the sock with one reference (the caller's), or NULL.  The
 * inet_sock part gets the defaults inet_create would set: TTL from the
 * route (-1), IP_PMTUDISC_WANT.
 */
struct sock *
sk_alloc(struct net *net, int family, const struct proto *prot)
{
	size_t size = prot->obj_size ? prot->obj_size : sizeof(struct inet_sock);
	struct sock *sk;

	trace_sk_alloc(net, prot, size);
	if (size < sizeof(struct inet_sock))
		size = sizeof(struct inet_sock);
	sk = calloc(1, size);
	if (!sk)
		return NULL;
	sk->sk_family = family;
	sk->sk_prot = prot;
	sk->sk_net = net;
	sk->sk_refcnt = 1;
	sk->sk_state = TCP_CLOSE;
	sk->sk_tx_queue_mapping = -1;
	INIT_LIST_HEAD(&sk->sk_node);
	skb_queue_head_init(&sk->sk_receive_queue);
	skb_queue_head_init(&sk->sk_write_queue);
	skb_queue_head_init(&sk->sk_error_queue);
	inet_sk(sk)->uc_ttl = -1;
	inet_sk(sk)->pmtudisc = IP_PMTUDISC_WANT;
	return sk;
}

/**
 * sk_free - the last reference is gone: free the sock
 *
 * Runs sk_destruct (the protocol's last word), drops the cached route
 * and frees whatever is still queued.  KERNEL: sk_free waits for
 * sk_wmem_alloc to reach zero; here every owned skb holds a reference,
 * so the count cannot reach zero before they are freed.
 */
void
sk_free(struct sock *sk)
{
	trace_sk_free(sk);
	if (sk->sk_destruct)
		sk->sk_destruct(sk);
	__skb_queue_purge(&sk->sk_receive_queue);
	__skb_queue_purge(&sk->sk_write_queue);
	__skb_queue_purge(&sk->sk_error_queue);
	sk_dst_reset(sk);
	free(sk);
}

/* sock_put - drop a reference; the last one frees the sock. */
void
sock_put(struct sock *sk)
{
	if (--sk->sk_refcnt == 0)
		sk_free(sk);
}

/**
 * sk_clone_lock - the new sock of an accepted connection
 *
 * A copy of the listener (buffers, addresses, options, callbacks) with
 * its own queues and one reference.  KERNEL: returns it locked
 * (bh_lock_sock); netstep has no locks.
 */
struct sock *
sk_clone_lock(const struct sock *sk)
{
	size_t size = sk->sk_prot->obj_size ? sk->sk_prot->obj_size : sizeof(struct inet_sock);
	struct sock *newsk;

	trace_sk_clone_lock(sk);
	if (size < sizeof(struct inet_sock))
		size = sizeof(struct inet_sock);
	newsk = malloc(size);
	if (!newsk)
		return NULL;
	memcpy(newsk, sk, size);
	newsk->sk_refcnt = 1;
	INIT_LIST_HEAD(&newsk->sk_node);
	skb_queue_head_init(&newsk->sk_receive_queue);
	skb_queue_head_init(&newsk->sk_write_queue);
	skb_queue_head_init(&newsk->sk_error_queue);
	newsk->sk_send_head = NULL;
	newsk->sk_wmem_queued = 0;
	newsk->sk_wmem_alloc = 0;
	newsk->sk_rmem_alloc = 0;
	newsk->sk_forward_alloc = 0;
	newsk->sk_dst_cache = NULL;
	newsk->sk_tx_queue_mapping = -1;
	newsk->sk_err = 0;
	newsk->sk_err_soft = 0;
	newsk->sk_shutdown = 0;
	newsk->sk_ack_backlog = 0;
	newsk->sk_socket = NULL;
	newsk->sk_user_data = NULL;
	/* A sleeper on the listener must not be woken by the child. */
	newsk->sk_state_change = sock_def_wakeup;
	newsk->sk_data_ready = sock_def_readable;
	newsk->sk_write_space = sk_stream_write_space;
	newsk->sk_error_report = sock_def_error_report;
	return newsk;
}

/* The default callbacks: in the kernel they wake sk->sk_wq. */

/** sock_def_wakeup - sk_state_change: the connection changed state. */
void
sock_def_wakeup(struct sock *sk)
{
	trace_sock_def_wakeup(sk);
}

/** sock_def_readable - sk_data_ready: @len bytes more to read. */
void
sock_def_readable(struct sock *sk, int len)
{
	trace_sock_def_readable(sk, len);
}

/** sock_def_error_report - sk_error_report: sk_err was set. */
void
sock_def_error_report(struct sock *sk)
{
	trace_sock_def_error_report(sk);
}

/* sock_def_write_space - datagram sockets: room in the send buffer. */
void
sock_def_write_space(struct sock *sk)
{
	trace_sock_def_write_space(sk);
}

/**
 * sk_stream_write_space - sk_write_space of a stream socket
 * (net/core/stream.c): ACKs freed part of the write queue.
 *
 * KERNEL: wakes writers only when a third of the buffer is free
 * (sk_stream_min_wspace) and clears SOCK_NOSPACE; sim/task.c applies
 * the same rule before it wakes a sleeping send.
 */
void
sk_stream_write_space(struct sock *sk)
{
	trace_sk_stream_write_space(sk);
}

/**
 * sock_init_data - join a new sock to its BSD socket (may be NULL for a
 * sock born of a listener) and give it the default buffers and
 * callbacks.
 */
void
sock_init_data(struct socket *sock, struct sock *sk)
{
	trace_sock_init_data(sock, sk);
	sk->sk_rcvbuf = SIM_RMEM_DEFAULT;
	sk->sk_sndbuf = SIM_WMEM_DEFAULT;
	sk->sk_state = TCP_CLOSE;
	sk->sk_sndtimeo = LONG_MAX;	/* MAX_SCHEDULE_TIMEOUT */
	sk->sk_rcvtimeo = LONG_MAX;
	sk->sk_socket = sock;
	if (sock) {
		sk->sk_type = sock->type;
		sock->sk = sk;
	}
	sk->sk_state_change = sock_def_wakeup;
	sk->sk_data_ready = sock_def_readable;
	sk->sk_write_space = sk->sk_type == SOCK_STREAM ? sk_stream_write_space
							  : sock_def_write_space;
	sk->sk_error_report = sock_def_error_report;
	sk->sk_destruct = NULL;
	sk->sk_pacing_rate = ~0U;	/* unlimited until TCP has an RTT */
}

/** sock_graft - attach an accepted sock to its new BSD socket. */
void
sock_graft(struct sock *sk, struct socket *parent)
{
	trace_sock_graft(sk, parent);
	parent->sk = sk;
	sk->sk_socket = parent;
}

/**
 * sock_orphan - the BSD socket is being closed; the sock may live on
 * (a TCP connection finishing its FIN exchange) with no one to wake.
 */
void
sock_orphan(struct sock *sk)
{
	trace_sock_orphan(sk);
	sk->sk_socket = NULL;
}

/**
 * __sk_dst_check - the socket's cached route, if still valid
 * @cookie: unused for IPv4 (the route's generation for IPv6)
 *
 * Returns the dst (no reference taken) or NULL, dropping a route that
 * was deleted since (obsolete) so the caller looks it up again.
 */
struct dst_entry *
__sk_dst_check(struct sock *sk, u32 cookie)
{
	struct dst_entry *dst = __sk_dst_get(sk);

	(void)cookie;
	trace___sk_dst_check(sk, dst);
	if (dst && dst->obsolete) {
		trace_sock_drop(sk, NULL, "route_gone");
		sk_dst_reset(sk);
		return NULL;
	}
	return dst;
}

/**
 * sk_setup_caps - cache @dst on the socket (the socket takes a
 * reference) and learn from it what its device can do (sk_route_caps)
 *
 * A device with software GSO lets the socket build GSO skbs of any type
 * the stack can segment itself (NETIF_F_GSO_SOFTWARE); a socket that can
 * build its type is then promised scatter-gather and checksumming
 * (NETIF_F_SG | NETIF_F_HW_CSUM): if the device has neither, the
 * segmentation in dev_hard_start_xmit copies and sums.
 */
void
sk_setup_caps(struct sock *sk, struct dst_entry *dst)
{
	trace_sk_setup_caps(sk, dst);
	if (sk->sk_dst_cache != dst) {
		sk_dst_reset(sk);
		if (dst)
			dst_hold(dst);
		sk->sk_dst_cache = dst;
	}
	if (!dst)
		return;
	sk->sk_route_caps = dst->dev->features;
	if (sk->sk_route_caps & NETIF_F_GSO)
		sk->sk_route_caps |= NETIF_F_GSO_SOFTWARE;
	/* KERNEL: minus sk_route_nocaps (MD5 signed sockets: no GSO); and a
	 * route with extra headers (IPsec, dst->header_len) gets no GSO. */
	if (sk_can_gso(sk)) {
		sk->sk_route_caps |= NETIF_F_SG | NETIF_F_HW_CSUM;
		sk->sk_gso_max_size = dst->dev->gso_max_size;
		sk->sk_gso_max_segs = dst->dev->gso_max_segs;
	}
	trace_sk_route_caps(sk);
}

/* The task's page frag (see layers/sock.h). */
struct page_frag *
sk_page_frag(struct sock *sk)
{
	return &sock_net(sk)->task_frag;
}

/* SKB_FRAG_PAGE_ORDER: get_order(32768), eight 4 KiB pages. */
#define SKB_FRAG_PAGE_ORDER	3

/**
 * sk_page_frag_refill - make sure @pfrag has room for at least a byte
 *
 * A page only @pfrag holds is reused from its start; a page with room
 * left is kept; else it is let go (the skbs pointing into it keep it
 * alive) and a new 32 KiB one is taken (a 4 KiB page if that fails).
 * false when memory ran out.
 */
bool
sk_page_frag_refill(struct sock *sk, struct page_frag *pfrag)
{
	int order;

	trace_sk_page_frag_refill(sk, pfrag);
	if (pfrag->page) {
		if (page_count(pfrag->page) == 1) {
			pfrag->offset = 0;
			return true;
		}
		if (pfrag->offset < pfrag->size)
			return true;
		put_page(pfrag->page);
	}
	/* KERNEL: only for users that can wait (sk_allocation & __GFP_WAIT),
	 * which every sender here is. */
	for (order = SKB_FRAG_PAGE_ORDER; order >= 0; order--) {
		pfrag->page = alloc_pages(sock_net(sk), order);
		if (likely(pfrag->page)) {
			pfrag->offset = 0;
			pfrag->size = PAGE_SIZE << order;
			return true;
		}
	}
	/* KERNEL: sk_enter_memory_pressure, sk_stream_moderate_sndbuf */
	return false;
}

/* The host's process exits (do_exit): its page frag lets go of its page. */
void
sim_task_frag_release(struct net *net)
{
	if (net->task_frag.page)
		put_page(net->task_frag.page);
	net->task_frag.page = NULL;
}

/** sk_dst_reset - forget the cached route (drops the socket's reference). */
void
sk_dst_reset(struct sock *sk)
{
	struct dst_entry *dst = sk->sk_dst_cache;

	if (!dst)
		return;
	sk->sk_dst_cache = NULL;
	dst_release(dst);
}

/**
 * sock_wfree - destructor of an skb charged to a socket's send side
 *
 * Gives the truesize back to sk_wmem_alloc, tells the writer there is
 * room (sk_write_space; datagram sockets only, TCP frees its room in
 * tcp_clean_rtx_queue) and drops the skb's reference on the sock.
 */
void
sock_wfree(struct sk_buff *skb)
{
	struct sock *sk = skb->sk;

	trace_sock_wfree(skb);
	sk->sk_wmem_alloc -= skb->truesize;
	if (sk->sk_type != SOCK_STREAM && sk->sk_socket && sk->sk_write_space)
		sk->sk_write_space(sk);
	skb->sk = NULL;
	sock_put(sk);
}

/** sock_rfree - destructor of an skb on a receive queue. */
void
sock_rfree(struct sk_buff *skb)
{
	struct sock *sk = skb->sk;

	trace_sock_rfree(skb);
	sk->sk_rmem_alloc -= skb->truesize;
	skb->sk = NULL;
	sock_put(sk);
}

/**
 * skb_set_owner_w - charge @skb to @sk's send side until it is freed
 *
 * The skb holds a reference on the sock (the kernel's sk_wmem_alloc
 * doubles as one), so the sock outlives every packet it sent.
 */
void
skb_set_owner_w(struct sk_buff *skb, struct sock *sk)
{
	trace_skb_set_owner_w(skb, sk);
	if (skb->destructor)
		skb->destructor(skb);
	sock_hold(sk);
	skb->sk = sk;
	skb->destructor = sock_wfree;
	sk->sk_wmem_alloc += skb->truesize;
}

/** skb_set_owner_r - charge @skb to @sk's receive side. */
void
skb_set_owner_r(struct sk_buff *skb, struct sock *sk)
{
	trace_skb_set_owner_r(skb, sk);
	if (skb->destructor)
		skb->destructor(skb);
	sock_hold(sk);
	skb->sk = sk;
	skb->destructor = sock_rfree;
	sk->sk_rmem_alloc += skb->truesize;
}

/**
 * sock_queue_rcv_skb - append a datagram to the receive queue and wake
 * the reader
 *
 * Returns 0 (the queue owns @skb) or -ENOMEM when the receive buffer is
 * full (the caller still owns @skb and drops it).
 */
int
sock_queue_rcv_skb(struct sock *sk, struct sk_buff *skb)
{
	trace_sock_queue_rcv_skb(sk, skb);
	if (sk->sk_rmem_alloc + (int)skb->truesize > sk->sk_rcvbuf) {
		trace_sock_drop(sk, skb, "rcvbuf_full");
		return -ENOMEM;
	}
	skb_dst_drop(skb);
	skb->dev = NULL;
	skb_set_owner_r(skb, sk);
	__skb_queue_tail(&sk->sk_receive_queue, skb);
	sk->sk_data_ready(sk, skb->len);
	return 0;
}

/**
 * sock_queue_err_skb - put an error report on @sk's error queue (read
 * with recvmsg(MSG_ERRQUEUE)) and wake the reader (sk_data_ready)
 *
 * The report counts against the receive buffer.  Returns 0 (the queue
 * owns @skb) or -ENOMEM (the caller frees @skb).
 * KERNEL: the charge is sock_rmem_free's, which holds no reference on
 * the sock; netstep's skb_set_owner_r holds one, as for any queued skb.
 */
int
sock_queue_err_skb(struct sock *sk, struct sk_buff *skb)
{
	/* NOTE: 3.10 keeps it in net/core/skbuff.c, beside the skb. */
	static const char KSRC[] = "net/core/skbuff.c";
	unsigned int len = skb->len;

	trace_sock_queue_err_skb(sk, skb);
	if (sk->sk_rmem_alloc + (int)skb->truesize >= sk->sk_rcvbuf) {
		trace_sock_drop(sk, skb, "rcvbuf_full");
		return -ENOMEM;
	}
	skb_orphan(skb);
	skb_set_owner_r(skb, sk);
	/* The report outlives the softirq that attached its route. */
	skb_dst_force(skb);
	__skb_queue_tail(&sk->sk_error_queue, skb);
	sk->sk_data_ready(sk, len);
	return 0;
}

/**
 * sock_setsockopt - SOL_SOCKET options: SO_SNDBUF, SO_RCVBUF,
 * SO_REUSEADDR, SO_LINGER
 *
 * As the kernel does, a buffer size is capped by net.core.[rw]mem_max,
 * doubled (the other half pays for struct sk_buff overhead), raised to
 * the minimum, and locks the buffer against TCP's autotuning.  Returns
 * 0, -EINVAL (optval too short) or -ENOPROTOOPT (an option netstep does
 * not keep, and the read-only SO_TYPE / SO_ERROR).
 */
int
sock_setsockopt(struct socket *sock, int level, int optname, const void *optval, int optlen)
{
	struct sock *sk = sock->sk;
	struct linger ling;
	int val;

	(void)level;
	if (optlen < (int)sizeof(int) || !optval)
		return -EINVAL;
	memcpy(&val, optval, sizeof(val));
	trace_sock_setsockopt(sk, optname, val);
	switch (optname) {
	case SO_REUSEADDR:
		/* KERNEL: stored and reported; the bind check of
		 * inet_csk_get_port does not consult it (TIME_WAIT still
		 * holds its port). */
		sk->sk_reuse = val ? SK_CAN_REUSE : SK_NO_REUSE;
		return 0;
	case SO_SNDBUF:
		/* min_t(u32, ...): a negative size is a huge one. */
		val = min_t(u32, (u32)val, SIM_WMEM_DEFAULT);	/* net.core.wmem_max */
		sk->sk_userlocks |= SOCK_SNDBUF_LOCK;
		sk->sk_sndbuf = max_t(u32, (u32)val * 2, SOCK_MIN_SNDBUF);
		sk->sk_write_space(sk);
		return 0;
	case SO_RCVBUF:
		val = min_t(u32, (u32)val, SIM_RMEM_DEFAULT);	/* net.core.rmem_max */
		sk->sk_userlocks |= SOCK_RCVBUF_LOCK;
		sk->sk_rcvbuf = max_t(u32, (u32)val * 2, SOCK_MIN_RCVBUF);
		return 0;
	case SO_LINGER:
		if (optlen < (int)sizeof(ling))
			return -EINVAL;		/* 1003.1g */
		memcpy(&ling, optval, sizeof(ling));
		if (!ling.l_onoff) {
			sock_reset_flag(sk, SOCK_LINGER);
		} else {
			sk->sk_lingertime = (unsigned int)ling.l_linger * HZ;
			sock_set_flag(sk, SOCK_LINGER);
		}
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

/**
 * sock_getsockopt - getsockopt(SOL_SOCKET, ...): copy the option's value
 * into @optval, at most *@optlen bytes; *@optlen becomes what was copied.
 * SO_ERROR takes the pending error off the socket, as a read does.
 * Returns 0, -EINVAL or -ENOPROTOOPT.
 */
int
sock_getsockopt(struct socket *sock, int level, int optname, void *optval, int *optlen)
{
	struct sock *sk = sock->sk;
	union {
		int val;
		struct linger ling;
	} v;
	int lv = sizeof(int), len = *optlen;

	(void)level;
	trace_sock_getsockopt(sk, optname);
	if (len < 0)
		return -EINVAL;
	memset(&v, 0, sizeof(v));
	switch (optname) {
	case SO_SNDBUF:
		v.val = sk->sk_sndbuf;
		break;
	case SO_RCVBUF:
		v.val = sk->sk_rcvbuf;
		break;
	case SO_REUSEADDR:
		v.val = sk->sk_reuse;
		break;
	case SO_TYPE:
		v.val = sk->sk_type;
		break;
	case SO_ERROR:
		v.val = -sock_error(sk);
		if (v.val == 0) {
			v.val = sk->sk_err_soft;
			sk->sk_err_soft = 0;
		}
		break;
	case SO_LINGER:
		lv = sizeof(v.ling);
		v.ling.l_onoff = sock_flag(sk, SOCK_LINGER);
		v.ling.l_linger = sk->sk_lingertime / HZ;
		break;
	case SO_ACCEPTCONN:
		v.val = sk->sk_state == TCP_LISTEN;
		break;
	default:
		return -ENOPROTOOPT;
	}
	if (len > lv)
		len = lv;
	memcpy(optval, &v, len);
	*optlen = len;
	return 0;
}

/**
 * sock_common_setsockopt - proto_ops.setsockopt of AF_INET sockets: hand
 * a level other than SOL_SOCKET to the protocol (tcp_setsockopt).
 * -ENOPROTOOPT when the protocol has no options (KERNEL: udp_setsockopt
 * is not modelled).
 */
int
sock_common_setsockopt(struct socket *sock, int level, int optname, const void *optval,
		       int optlen)
{
	struct sock *sk = sock->sk;

	trace_sock_common_setsockopt(sk, level, optname);
	if (!sk->sk_prot->setsockopt)
		return -ENOPROTOOPT;
	return sk->sk_prot->setsockopt(sk, level, optname, optval, optlen);
}

/** sock_common_getsockopt - the same for getsockopt. */
int
sock_common_getsockopt(struct socket *sock, int level, int optname, void *optval, int *optlen)
{
	struct sock *sk = sock->sk;

	trace_sock_common_getsockopt(sk, level, optname);
	if (!sk->sk_prot->getsockopt)
		return -ENOPROTOOPT;
	return sk->sk_prot->getsockopt(sk, level, optname, optval, optlen);
}
