/*
 * events/sock.h - tracepoints of the socket layer: layers/socket.c, sock.c, af_inet.c.
 * See kernel/trace_event.h for the syntax.
 */
#if !defined(NETSTEP_EVENTS_SOCK_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_SOCK_H

/* Classes from other headers (kernel/trace_events.c's later passes read
 * them through all.h, not again from here). */
#ifndef TRACE_HEADER_MULTI_READ
#include "events/common.h"
#endif

#undef TRACE_SYSTEM
#define TRACE_SYSTEM sock

#include "kernel/trace_event.h"
#include "layers/sock.h"

#ifndef NETSTEP_EVENTS_SOCK_HELPERS
#define NETSTEP_EVENTS_SOCK_HELPERS
/* "SS_CONNECTED" ...: a BSD socket's state (socket_state). */
static inline const char *
sim_socket_state_name(u32 state)
{
	static const char *const names[] = {
		[SS_FREE] = "SS_FREE",
		[SS_UNCONNECTED] = "SS_UNCONNECTED",
		[SS_CONNECTING] = "SS_CONNECTING",
		[SS_CONNECTED] = "SS_CONNECTED",
		[SS_DISCONNECTING] = "SS_DISCONNECTING",
	};

	return state < ARRAY_SIZE(names) ? names[state] : NULL;
}
#endif

/* ---- layers/socket.c ------------------------------------------------------ */

DEFINE_EVENT(no_fields, sock_alloc, "net/socket.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net), TP_ARGS(net, NULL))
#define trace_sock_alloc(...) TP_FUNC(sock_alloc, __VA_ARGS__)

/* A socket by its file descriptor: fd=3. */
DECLARE_EVENT_CLASS(socket_fd,
	TP_PROTO(const struct net *net, int fd),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(fd)),
	TP_ASSIGN(
		__entry->fd = fd;))
DEFINE_EVENT(socket_fd, sock_release, "net/socket.c", TP_NOT_INLINE,
	TP_PROTO(const struct socket *sock), TP_ARGS(sock->net, sock->fd))
#define trace_sock_release(...) TP_FUNC(sock_release, __VA_ARGS__)

TRACE_EVENT(sys_socket, "net/socket.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, int family, int type, int protocol),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(family)
		tp_s32(type)
		tp_s32(protocol)),
	TP_ASSIGN(
		__entry->family = family;
		__entry->type = type;
		__entry->protocol = protocol;))
#define trace_sys_socket(...) TP_FUNC(sys_socket, __VA_ARGS__)

DEFINE_EVENT(socket_fd, sys_bind, "net/socket.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, int fd), TP_ARGS(net, fd))
#define trace_sys_bind(...) TP_FUNC(sys_bind, __VA_ARGS__)

DEFINE_EVENT(socket_fd, sys_connect, "net/socket.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, int fd), TP_ARGS(net, fd))
#define trace_sys_connect(...) TP_FUNC(sys_connect, __VA_ARGS__)

TRACE_EVENT(sys_listen, "net/socket.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, int fd, int backlog),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(fd)
		tp_s32(backlog)),
	TP_ASSIGN(
		__entry->fd = fd;
		__entry->backlog = backlog;))
#define trace_sys_listen(...) TP_FUNC(sys_listen, __VA_ARGS__)

DEFINE_EVENT(socket_fd, sys_accept, "net/socket.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, int fd), TP_ARGS(net, fd))
#define trace_sys_accept(...) TP_FUNC(sys_accept, __VA_ARGS__)

/* A message handed to a socket's protocol, or asked of it: fd and size. */
DECLARE_EVENT_CLASS(socket_msg,
	TP_PROTO(const struct socket *sock, size_t size),
	TP_HOST(sock->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(fd)
		tp_u64(size)),
	TP_ASSIGN(
		__entry->fd = sock->fd;
		__entry->size = size;))
DEFINE_EVENT(socket_msg, __sock_sendmsg_nosec, "net/socket.c", TP_INLINE,
	TP_PROTO(const struct socket *sock, size_t size), TP_ARGS(sock, size))
#define trace___sock_sendmsg_nosec(...) TP_FUNC(__sock_sendmsg_nosec, __VA_ARGS__)

DEFINE_EVENT(socket_msg, __sock_sendmsg, "net/socket.c", TP_INLINE,
	TP_PROTO(const struct socket *sock, size_t size), TP_ARGS(sock, size))
#define trace___sock_sendmsg(...) TP_FUNC(__sock_sendmsg, __VA_ARGS__)

TRACE_EVENT(sock_sendmsg, "net/socket.c", TP_NOT_INLINE,
	TP_PROTO(const struct socket *sock, const struct msghdr *msg, size_t size),
	TP_HOST(sock->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(fd)
		tp_u64(size)
		tp_u64(iovlen)
		tp_x32(flags)),
	TP_ASSIGN(
		__entry->fd = sock->fd;
		__entry->size = size;
		__entry->iovlen = msg->msg_iovlen;
		__entry->flags = (u32)msg->msg_flags;))
#define trace_sock_sendmsg(...) TP_FUNC(sock_sendmsg, __VA_ARGS__)

TRACE_EVENT(sys_sendto, "net/socket.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, int fd, size_t len, unsigned int flags,
		 const struct sockaddr *addr),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(fd)
		tp_u64(len)
		tp_x32(flags)
		tp_u8(addr)),
	TP_ASSIGN(
		__entry->fd = fd;
		__entry->len = len;
		__entry->flags = flags;
		__entry->addr = addr != NULL;))
#define trace_sys_sendto(...) TP_FUNC(sys_sendto, __VA_ARGS__)

TRACE_EVENT(sys_send, "net/socket.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, int fd, size_t len),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(fd)
		tp_u64(len)),
	TP_ASSIGN(
		__entry->fd = fd;
		__entry->len = len;))
#define trace_sys_send(...) TP_FUNC(sys_send, __VA_ARGS__)

DEFINE_EVENT(socket_msg, __sock_recvmsg_nosec, "net/socket.c", TP_INLINE,
	TP_PROTO(const struct socket *sock, size_t size), TP_ARGS(sock, size))
#define trace___sock_recvmsg_nosec(...) TP_FUNC(__sock_recvmsg_nosec, __VA_ARGS__)

DEFINE_EVENT(socket_msg, __sock_recvmsg, "net/socket.c", TP_INLINE,
	TP_PROTO(const struct socket *sock, size_t size), TP_ARGS(sock, size))
#define trace___sock_recvmsg(...) TP_FUNC(__sock_recvmsg, __VA_ARGS__)

/* A receive call on a socket: its descriptor, the size asked for and the
 * MSG_* flags. */
DECLARE_EVENT_CLASS(socket_recv,
	TP_PROTO(const struct net *net, int fd, size_t size, unsigned int flags),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(fd)
		tp_u64(size)
		tp_x32(flags)),
	TP_ASSIGN(
		__entry->fd = fd;
		__entry->size = size;
		__entry->flags = flags;))
DEFINE_EVENT(socket_recv, sock_recvmsg, "net/socket.c", TP_NOT_INLINE,
	TP_PROTO(const struct socket *sock, size_t size, int flags),
	TP_ARGS(sock->net, sock->fd, size, flags))
#define trace_sock_recvmsg(...) TP_FUNC(sock_recvmsg, __VA_ARGS__)

DEFINE_EVENT(socket_recv, sys_recvfrom, "net/socket.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, int fd, size_t size, unsigned int flags),
	TP_ARGS(net, fd, size, flags))
#define trace_sys_recvfrom(...) TP_FUNC(sys_recvfrom, __VA_ARGS__)

/* setsockopt() and getsockopt(): the descriptor, the level and the option. */
DECLARE_EVENT_CLASS(socket_sockopt,
	TP_PROTO(const struct net *net, int fd, int level, int optname),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(fd)
		tp_s32(level)
		tp_s32(optname)),
	TP_ASSIGN(
		__entry->fd = fd;
		__entry->level = level;
		__entry->optname = optname;))
DEFINE_EVENT(socket_sockopt, sys_setsockopt, "net/socket.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, int fd, int level, int optname),
	TP_ARGS(net, fd, level, optname))
#define trace_sys_setsockopt(...) TP_FUNC(sys_setsockopt, __VA_ARGS__)
DEFINE_EVENT(socket_sockopt, sys_getsockopt, "net/socket.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, int fd, int level, int optname),
	TP_ARGS(net, fd, level, optname))
#define trace_sys_getsockopt(...) TP_FUNC(sys_getsockopt, __VA_ARGS__)

/* sendmsg(2) and recvmsg(2): the descriptor and the MSG_* flags. */
DECLARE_EVENT_CLASS(socket_fd_flags,
	TP_PROTO(const struct net *net, int fd, unsigned int flags),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(fd)
		tp_x32(flags)),
	TP_ASSIGN(
		__entry->fd = fd;
		__entry->flags = flags;))
DEFINE_EVENT(socket_fd_flags, sys_sendmsg, "net/socket.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, int fd, unsigned int flags), TP_ARGS(net, fd, flags))
#define trace_sys_sendmsg(...) TP_FUNC(sys_sendmsg, __VA_ARGS__)
DEFINE_EVENT(socket_fd_flags, sys_recvmsg, "net/socket.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, int fd, unsigned int flags), TP_ARGS(net, fd, flags))
#define trace_sys_recvmsg(...) TP_FUNC(sys_recvmsg, __VA_ARGS__)

/* shutdown(): the descriptor and @how (SHUT_RD, SHUT_WR, SHUT_RDWR). */
DECLARE_EVENT_CLASS(socket_shutdown,
	TP_PROTO(const struct net *net, int fd, int how),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(fd)
		tp_s32(how)),
	TP_ASSIGN(
		__entry->fd = fd;
		__entry->how = how;))
DEFINE_EVENT(socket_shutdown, sys_shutdown, "net/socket.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, int fd, int how), TP_ARGS(net, fd, how))
#define trace_sys_shutdown(...) TP_FUNC(sys_shutdown, __VA_ARGS__)

/* close(2) is not a socket call: 3.10 has it in fs/open.c. */
DEFINE_EVENT(socket_fd, sys_close, "fs/open.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, int fd), TP_ARGS(net, fd))
#define trace_sys_close(...) TP_FUNC(sys_close, __VA_ARGS__)

/* read(2) and write(2): fs/read_write.c, on to the socket file's ops. */
DECLARE_EVENT_CLASS(sys_rw,
	TP_PROTO(const struct net *net, int fd, size_t count),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(fd)
		tp_u64(count)),
	TP_ASSIGN(
		__entry->fd = fd;
		__entry->count = count;))
DEFINE_EVENT(sys_rw, sys_read, "fs/read_write.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, int fd, size_t count), TP_ARGS(net, fd, count))
#define trace_sys_read(...) TP_FUNC(sys_read, __VA_ARGS__)
DEFINE_EVENT(sys_rw, sys_write, "fs/read_write.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, int fd, size_t count), TP_ARGS(net, fd, count))
#define trace_sys_write(...) TP_FUNC(sys_write, __VA_ARGS__)

/* read(2)/write(2) on a socket reach it as a message too (socket_msg). */
DEFINE_EVENT(socket_msg, sock_aio_read, "net/socket.c", TP_NOT_INLINE,
	TP_PROTO(const struct socket *sock, size_t size), TP_ARGS(sock, size))
#define trace_sock_aio_read(...) TP_FUNC(sock_aio_read, __VA_ARGS__)
DEFINE_EVENT(socket_msg, sock_aio_write, "net/socket.c", TP_NOT_INLINE,
	TP_PROTO(const struct socket *sock, size_t size), TP_ARGS(sock, size))
#define trace_sock_aio_write(...) TP_FUNC(sock_aio_write, __VA_ARGS__)

TRACE_EVENT(sys_fcntl, "fs/fcntl.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, int fd, unsigned int cmd, unsigned long arg),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(fd)
		tp_u32(cmd)
		tp_x64(arg)),
	TP_ASSIGN(
		__entry->fd = fd;
		__entry->cmd = cmd;
		__entry->arg = arg;))
#define trace_sys_fcntl(...) TP_FUNC(sys_fcntl, __VA_ARGS__)

TRACE_EVENT(sys_ioctl, "fs/ioctl.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, int fd, unsigned int cmd),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(fd)
		tp_x32(cmd)),
	TP_ASSIGN(
		__entry->fd = fd;
		__entry->cmd = cmd;))
#define trace_sys_ioctl(...) TP_FUNC(sys_ioctl, __VA_ARGS__)

/* An ioctl on its way down: the socket file's, then the family's. */
DECLARE_EVENT_CLASS(socket_ioctl,
	TP_PROTO(const struct socket *sock, unsigned int cmd),
	TP_HOST(sock->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(fd)
		tp_x32(cmd)),
	TP_ASSIGN(
		__entry->fd = sock->fd;
		__entry->cmd = cmd;))
DEFINE_EVENT(socket_ioctl, sock_ioctl, "net/socket.c", TP_NOT_INLINE,
	TP_PROTO(const struct socket *sock, unsigned int cmd), TP_ARGS(sock, cmd))
#define trace_sock_ioctl(...) TP_FUNC(sock_ioctl, __VA_ARGS__)

TRACE_EVENT(sys_poll, "fs/select.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, unsigned int nfds, long timeout_msecs),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(nfds)
		tp_s64(timeout_ms)),
	TP_ASSIGN(
		__entry->nfds = nfds;
		__entry->timeout_ms = timeout_msecs;))
#define trace_sys_poll(...) TP_FUNC(sys_poll, __VA_ARGS__)

TRACE_EVENT(sock_poll, "net/socket.c", TP_NOT_INLINE,
	TP_PROTO(const struct socket *sock),
	TP_HOST(sock->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(fd)),
	TP_ASSIGN(
		__entry->fd = sock->fd;))
#define trace_sock_poll(...) TP_FUNC(sock_poll, __VA_ARGS__)

/* ---- layers/sock.c -------------------------------------------------------- */

/* A socket's protocol (struct proto's name) and a size. */
DECLARE_EVENT_CLASS(sock_proto_size,
	TP_PROTO(const struct net *net, const struct proto *prot, size_t size),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(proto)
		tp_u64(size)),
	TP_ASSIGN(
		__entry->proto = prot->name;
		__entry->size = size;))
DEFINE_EVENT(sock_proto_size, sk_alloc, "net/core/sock.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, const struct proto *prot, size_t size),
	TP_ARGS(net, prot, size))
#define trace_sk_alloc(...) TP_FUNC(sk_alloc, __VA_ARGS__)

TRACE_EVENT(sk_free, "net/core/sock.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(proto)
		tp_u16(port)
		tp_s32(wmem_alloc)
		tp_s32(rmem_alloc)),
	TP_ASSIGN(
		__entry->proto = sk->sk_prot->name;
		__entry->port = sk->sk_num;
		__entry->wmem_alloc = sk->sk_wmem_alloc;
		__entry->rmem_alloc = sk->sk_rmem_alloc;))
#define trace_sk_free(...) TP_FUNC(sk_free, __VA_ARGS__)

/* A sock by its local port (TCP's inet_unhash too). */
DECLARE_EVENT_CLASS(sock_port,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u16(port)),
	TP_ASSIGN(
		__entry->port = sk->sk_num;))
DEFINE_EVENT(sock_port, sk_clone_lock, "net/core/sock.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk), TP_ARGS(sk))
#define trace_sk_clone_lock(...) TP_FUNC(sk_clone_lock, __VA_ARGS__)

TRACE_EVENT(sock_def_wakeup, "net/core/sock.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(state)
		tp_s32(err)),
	TP_ASSIGN(
		__entry->state = sk->sk_state;
		__entry->err = sk->sk_err;))
#define trace_sock_def_wakeup(...) TP_FUNC(sock_def_wakeup, __VA_ARGS__)

TRACE_EVENT(sock_def_readable, "net/core/sock.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, int len),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(len)
		tp_s32(rmem_alloc)),
	TP_ASSIGN(
		__entry->len = len;
		__entry->rmem_alloc = sk->sk_rmem_alloc;))
#define trace_sock_def_readable(...) TP_FUNC(sock_def_readable, __VA_ARGS__)

/* The error a socket reports. */
DECLARE_EVENT_CLASS(sock_err,
	TP_PROTO(const struct net *net, int err),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(err)),
	TP_ASSIGN(
		__entry->err = err;))
DEFINE_EVENT(sock_err, sock_def_error_report, "net/core/sock.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk), TP_ARGS(sock_net(sk), sk->sk_err))
#define trace_sock_def_error_report(...) TP_FUNC(sock_def_error_report, __VA_ARGS__)

TRACE_EVENT(sock_def_write_space, "net/core/sock.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(wmem_alloc)
		tp_s32(sndbuf)),
	TP_ASSIGN(
		__entry->wmem_alloc = sk->sk_wmem_alloc;
		__entry->sndbuf = sk->sk_sndbuf;))
#define trace_sock_def_write_space(...) TP_FUNC(sock_def_write_space, __VA_ARGS__)

TRACE_EVENT(sk_stream_write_space, "net/core/stream.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(wspace)
		tp_s32(min_wspace)),
	TP_ASSIGN(
		__entry->wspace = sk_stream_wspace(sk);
		__entry->min_wspace = sk_stream_min_wspace(sk);))
#define trace_sk_stream_write_space(...) TP_FUNC(sk_stream_write_space, __VA_ARGS__)

TRACE_EVENT(sock_init_data, "net/core/sock.c", TP_NOT_INLINE,
	TP_PROTO(const struct socket *sock, const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(type)),
	TP_ASSIGN(
		__entry->type = sock ? sock->type : 0;))
#define trace_sock_init_data(...) TP_FUNC(sock_init_data, __VA_ARGS__)

DEFINE_EVENT(socket_fd, sock_graft, "include/net/sock.h", TP_INLINE,
	TP_PROTO(const struct sock *sk, const struct socket *parent),
	TP_ARGS(sock_net(sk), parent->fd))
#define trace_sock_graft(...) TP_FUNC(sock_graft, __VA_ARGS__)

TRACE_EVENT(sock_orphan, "include/net/sock.h", TP_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(state)),
	TP_ASSIGN(
		__entry->state = sk->sk_state;))
#define trace_sock_orphan(...) TP_FUNC(sock_orphan, __VA_ARGS__)

TRACE_EVENT(__sk_dst_check, "net/core/sock.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct dst_entry *dst),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(cached)
		tp_s32(obsolete)),
	TP_ASSIGN(
		__entry->cached = dst != NULL;
		__entry->obsolete = dst ? dst->obsolete : 0;))
#define trace___sk_dst_check(...) TP_FUNC(__sk_dst_check, __VA_ARGS__)

/* __sk_dst_check: the cached route was deleted (route_gone);
 * sock_queue_rcv_skb: the receive buffer is full (rcvbuf_full). */
DEFINE_NOTE_EVENT(reason, sock_drop, "net/core/sock.c",
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb, const char *reason),
	TP_ARGS(sock_net(sk), skb, reason))
#define trace_sock_drop(...) TP_NOTE(sock_drop, __VA_ARGS__)

TRACE_EVENT(sk_setup_caps, "net/core/sock.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct dst_entry *dst),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)),
	TP_ASSIGN(
		__entry->dev = dst && dst->dev ? dst->dev->name : "-";))
#define trace_sk_setup_caps(...) TP_FUNC(sk_setup_caps, __VA_ARGS__)

/* An skb's truesize charged to its socket's send side, or given back:
 * @wmem_alloc is the socket's count once that is done. */
DECLARE_EVENT_CLASS(sock_wmem,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb, int wmem_alloc),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(truesize)
		tp_s32(wmem_alloc)),
	TP_ASSIGN(
		__entry->truesize = skb->truesize;
		__entry->wmem_alloc = wmem_alloc;))
DEFINE_EVENT(sock_wmem, sock_wfree, "net/core/sock.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb),
	TP_ARGS(skb->sk, skb, skb->sk->sk_wmem_alloc - (int)skb->truesize))
#define trace_sock_wfree(...) TP_FUNC(sock_wfree, __VA_ARGS__)

/* The same on the receive side: @rmem_alloc once it is done. */
DECLARE_EVENT_CLASS(sock_rmem,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb, int rmem_alloc),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(truesize)
		tp_s32(rmem_alloc)),
	TP_ASSIGN(
		__entry->truesize = skb->truesize;
		__entry->rmem_alloc = rmem_alloc;))
DEFINE_EVENT(sock_rmem, sock_rfree, "net/core/sock.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb),
	TP_ARGS(skb->sk, skb, skb->sk->sk_rmem_alloc - (int)skb->truesize))
#define trace_sock_rfree(...) TP_FUNC(sock_rfree, __VA_ARGS__)

DEFINE_EVENT(sock_rmem, sock_queue_err_skb, "net/core/skbuff.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_ARGS(sk, skb, sk->sk_rmem_alloc))
#define trace_sock_queue_err_skb(...) TP_FUNC(sock_queue_err_skb, __VA_ARGS__)

DEFINE_EVENT(sock_wmem, skb_set_owner_w, "include/net/sock.h", TP_INLINE,
	TP_PROTO(const struct sk_buff *skb, const struct sock *sk),
	TP_ARGS(sk, skb, sk->sk_wmem_alloc + (int)skb->truesize))
#define trace_skb_set_owner_w(...) TP_FUNC(skb_set_owner_w, __VA_ARGS__)

DEFINE_EVENT(sock_rmem, skb_set_owner_r, "include/net/sock.h", TP_INLINE,
	TP_PROTO(const struct sk_buff *skb, const struct sock *sk),
	TP_ARGS(sk, skb, sk->sk_rmem_alloc + (int)skb->truesize))
#define trace_skb_set_owner_r(...) TP_FUNC(skb_set_owner_r, __VA_ARGS__)

TRACE_EVENT(sock_queue_rcv_skb, "net/core/sock.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct sk_buff *skb),
	TP_HOST(sock_net(sk)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_s32(rmem_alloc)
		tp_s32(rcvbuf)),
	TP_ASSIGN(
		__entry->len = skb->len;
		__entry->rmem_alloc = sk->sk_rmem_alloc;
		__entry->rcvbuf = sk->sk_rcvbuf;))
#define trace_sock_queue_rcv_skb(...) TP_FUNC(sock_queue_rcv_skb, __VA_ARGS__)

TRACE_EVENT(sock_setsockopt, "net/core/sock.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, int optname, int val),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(optname)
		tp_s32(val)),
	TP_ASSIGN(
		__entry->optname = optname;
		__entry->val = val;))
#define trace_sock_setsockopt(...) TP_FUNC(sock_setsockopt, __VA_ARGS__)

TRACE_EVENT(sock_getsockopt, "net/core/sock.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, int optname),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(optname)),
	TP_ASSIGN(
		__entry->optname = optname;))
#define trace_sock_getsockopt(...) TP_FUNC(sock_getsockopt, __VA_ARGS__)

/* A socket option handed on to the protocol: sock_common_* and tcp_*. */
DECLARE_EVENT_CLASS(sk_sockopt,
	TP_PROTO(const struct sock *sk, int level, int optname),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(level)
		tp_s32(optname)),
	TP_ASSIGN(
		__entry->level = level;
		__entry->optname = optname;))
DEFINE_EVENT(sk_sockopt, sock_common_setsockopt, "net/core/sock.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, int level, int optname), TP_ARGS(sk, level, optname))
#define trace_sock_common_setsockopt(...) TP_FUNC(sock_common_setsockopt, __VA_ARGS__)
DEFINE_EVENT(sk_sockopt, sock_common_getsockopt, "net/core/sock.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, int level, int optname), TP_ARGS(sk, level, optname))
#define trace_sock_common_getsockopt(...) TP_FUNC(sock_common_getsockopt, __VA_ARGS__)

/* ---- layers/af_inet.c ----------------------------------------------------- */

TRACE_EVENT(inet_create, "net/ipv4/af_inet.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, const struct socket *sock, int protocol),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(type)
		tp_s32(protocol)),
	TP_ASSIGN(
		__entry->type = sock->type;
		__entry->protocol = protocol;))
#define trace_inet_create(...) TP_FUNC(inet_create, __VA_ARGS__)

TRACE_EVENT(inet_ctl_sock_create, "net/ipv4/af_inet.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, unsigned short type, unsigned char protocol),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(type)
		tp_s32(protocol)),
	TP_ASSIGN(
		__entry->type = type;
		__entry->protocol = protocol;))
#define trace_inet_ctl_sock_create(...) TP_FUNC(inet_ctl_sock_create, __VA_ARGS__)

TRACE_EVENT(inet_release, "net/ipv4/af_inet.c", TP_NOT_INLINE,
	TP_PROTO(const struct socket *sock),
	TP_HOST(sock->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(fd)
		tp_u8(state)),
	TP_ASSIGN(
		__entry->fd = sock->fd;
		__entry->state = sock->sk ? sock->sk->sk_state : 0;))
#define trace_inet_release(...) TP_FUNC(inet_release, __VA_ARGS__)

TRACE_EVENT(inet_bind, "net/ipv4/af_inet.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, const struct sockaddr_in *addr, unsigned short snum),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_ip4(addr)
		tp_u16(port)),
	TP_ASSIGN(
		__entry->addr = addr->sin_addr.s_addr;
		__entry->port = snum;))
#define trace_inet_bind(...) TP_FUNC(inet_bind, __VA_ARGS__)

TRACE_EVENT(inet_autobind, "net/ipv4/af_inet.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u16(num)),
	TP_ASSIGN(
		__entry->num = sk->sk_num;))
#define trace_inet_autobind(...) TP_FUNC(inet_autobind, __VA_ARGS__)

TRACE_EVENT(inet_sendmsg, "net/ipv4/af_inet.c", TP_NOT_INLINE,
	TP_PROTO(const struct socket *sock, size_t size),
	TP_HOST(sock->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(proto)
		tp_u64(size)
		tp_u16(sport)),
	TP_ASSIGN(
		__entry->proto = sock->sk->sk_prot->name;
		__entry->size = size;
		__entry->sport = sock->sk->sk_num;))
#define trace_inet_sendmsg(...) TP_FUNC(inet_sendmsg, __VA_ARGS__)

DEFINE_EVENT(sock_proto_size, inet_recvmsg, "net/ipv4/af_inet.c", TP_NOT_INLINE,
	TP_PROTO(const struct socket *sock, size_t size),
	TP_ARGS(sock->net, sock->sk->sk_prot, size))
#define trace_inet_recvmsg(...) TP_FUNC(inet_recvmsg, __VA_ARGS__)

TRACE_EVENT(inet_stream_connect, "net/ipv4/af_inet.c", TP_NOT_INLINE,
	TP_PROTO(const struct socket *sock),
	TP_HOST(sock->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(fd)
		tp_s32(sock_state)
		tp_u8(sk_state)),
	TP_ASSIGN(
		__entry->fd = sock->fd;
		__entry->sock_state = sock->state;
		__entry->sk_state = sock->sk->sk_state;))
#define trace_inet_stream_connect(...) TP_FUNC(inet_stream_connect, __VA_ARGS__)

/* inet_stream_connect: the BSD socket moved to SS_CONNECTING or SS_CONNECTED. */
TRACE_NOTE_EVENT(sock_ss_change, "net/ipv4/af_inet.c",
	TP_PROTO(const struct socket *sock),
	TP_HOST(sock->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_enum8(sock_state, sim_socket_state_name)),
	TP_ASSIGN(
		__entry->sock_state = (u8)sock->state;))
#define trace_sock_ss_change(...) TP_NOTE(sock_ss_change, __VA_ARGS__)

/* inet_stream_connect: the connection closed before it was established. */
DEFINE_NOTE_EVENT(sock_err, sock_connect_err, "net/ipv4/af_inet.c",
	TP_PROTO(const struct socket *sock, int err), TP_ARGS(sock->net, err))
#define trace_sock_connect_err(...) TP_NOTE(sock_connect_err, __VA_ARGS__)

DEFINE_EVENT(socket_fd, inet_dgram_connect, "net/ipv4/af_inet.c", TP_NOT_INLINE,
	TP_PROTO(const struct socket *sock), TP_ARGS(sock->net, sock->fd))
#define trace_inet_dgram_connect(...) TP_FUNC(inet_dgram_connect, __VA_ARGS__)

TRACE_EVENT(inet_listen, "net/ipv4/af_inet.c", TP_NOT_INLINE,
	TP_PROTO(const struct socket *sock, int backlog),
	TP_HOST(sock->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(fd)
		tp_s32(backlog)
		tp_u16(port)),
	TP_ASSIGN(
		__entry->fd = sock->fd;
		__entry->backlog = backlog;
		__entry->port = sock->sk->sk_num;))
#define trace_inet_listen(...) TP_FUNC(inet_listen, __VA_ARGS__)

TRACE_EVENT(inet_accept, "net/ipv4/af_inet.c", TP_NOT_INLINE,
	TP_PROTO(const struct socket *sock),
	TP_HOST(sock->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(fd)
		tp_u16(backlog)),
	TP_ASSIGN(
		__entry->fd = sock->fd;
		__entry->backlog = sock->sk->sk_ack_backlog;))
#define trace_inet_accept(...) TP_FUNC(inet_accept, __VA_ARGS__)

DEFINE_EVENT(socket_shutdown, inet_shutdown, "net/ipv4/af_inet.c", TP_NOT_INLINE,
	TP_PROTO(const struct socket *sock, int how), TP_ARGS(sock->net, sock->fd, how))
#define trace_inet_shutdown(...) TP_FUNC(inet_shutdown, __VA_ARGS__)

DEFINE_EVENT(socket_ioctl, inet_ioctl, "net/ipv4/af_inet.c", TP_NOT_INLINE,
	TP_PROTO(const struct socket *sock, unsigned int cmd), TP_ARGS(sock, cmd))
#define trace_inet_ioctl(...) TP_FUNC(inet_ioctl, __VA_ARGS__)

DEFINE_EVENT(no_fields, inet_init, "net/ipv4/af_inet.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net), TP_ARGS(net, NULL))
#define trace_inet_init(...) TP_FUNC(inet_init, __VA_ARGS__)

/* No 3.10 counterpart: the kernel's inet is never torn down. */
DEFINE_EVENT(no_fields, sim_inet_exit, "net/ipv4/af_inet.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net), TP_ARGS(net, NULL))
#define trace_sim_inet_exit(...) TP_FUNC(sim_inet_exit, __VA_ARGS__)

/* sk_setup_caps: what the socket may build (NETIF_F_* of its route). */
TRACE_NOTE_EVENT(sk_route_caps, "net/core/sock.c",
	TP_PROTO(const struct sock *sk),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_custom(caps, netdev_features_t, sim_netdev_features_print)
		tp_u8(can_gso)
		tp_u32(gso_max_size)),
	TP_ASSIGN(
		__entry->caps = sk->sk_route_caps;
		__entry->can_gso = sk_can_gso(sk);
		__entry->gso_max_size = sk->sk_gso_max_size;))
#define trace_sk_route_caps(...) TP_NOTE(sk_route_caps, __VA_ARGS__)

TRACE_EVENT(sk_page_frag_refill, "net/core/sock.c", TP_NOT_INLINE,
	TP_PROTO(const struct sock *sk, const struct page_frag *pfrag),
	TP_HOST(sock_net(sk)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(page)
		tp_u32(offset)
		tp_u32(size)
		tp_s32(count)),
	TP_ASSIGN(
		__entry->page = pfrag->page ? pfrag->page->id : 0;
		__entry->offset = pfrag->offset;
		__entry->size = pfrag->size;
		__entry->count = pfrag->page ? page_count(pfrag->page) : 0;))
#define trace_sk_page_frag_refill(...) TP_FUNC(sk_page_frag_refill, __VA_ARGS__)

#endif
