/*
 * layers/socket.c - the socket system calls: where send() enters the
 * kernel.
 *
 * Mirrors net/socket.c (Linux 3.10) and, for memcpy_fromiovec /
 * memcpy_toiovec, net/core/iovec.c.  A system call finds the struct
 * socket behind the file descriptor (sockfd_lookup_light), packages the
 * user's buffer into a struct msghdr with one struct iovec, exactly as
 * SYSCALL_DEFINE6(sendto) does, and goes down the chain the article
 * walks:
 *
 *   sys_sendto -> sock_sendmsg -> __sock_sendmsg -> __sock_sendmsg_nosec
 *     -> sock->ops->sendmsg (inet_sendmsg, layers/af_inet.c)
 *       -> sk->sk_prot->sendmsg (tcp_sendmsg, udp_sendmsg)
 *
 * Read before: layers/sock.h.  Read after: layers/af_inet.c.
 *
 * Left out: struct file and the VFS (the host's fd table points straight
 * at the socket; KERNEL: sock_map_fd / fget_light), the kiocb that 3.10
 * threads through sendmsg (sync calls only), LSM hooks (__sock_sendmsg's
 * security_socket_sendmsg always allows), ancillary data sent (what is
 * received goes through put_cmsg: IP_RECVERR), SIGPIPE, and
 * sleeping: netstep's protocols return -EAGAIN / -EINPROGRESS where the
 * kernel would sleep, and sim/task.c re-enters the call when the socket
 * wakes it.
 */
#include "layers/sock.h"
#include "layers/ip.h"
#include "layers/net_namespace.h"
#include "events/sock.h"

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

static const char KSRC[] = "net/socket.c";

/* include/uapi/linux/uio.h: iovecs a call may carry without allocating. */
#define UIO_FASTIOV	8

/*
 * sim_iovec_copy - the walk memcpy_fromiovec and memcpy_toiovec share:
 * copy @len bytes between @kdata and the iovecs (into the iovecs when
 * @to_iov), advancing each iovec past what was copied.  0 or -EFAULT.
 */
static int
sim_iovec_copy(struct iovec *iov, unsigned char *kdata, int len, bool to_iov)
{
	while (len > 0) {
		size_t n = iov->iov_len < (size_t)len ? iov->iov_len : (size_t)len;

		if (n) {
			if (!iov->iov_base)
				return -EFAULT;
			if (to_iov)
				memcpy(iov->iov_base, kdata, n);
			else
				memcpy(kdata, iov->iov_base, n);
			kdata += n;
			len -= n;
			iov->iov_base = (char *)iov->iov_base + n;
			iov->iov_len -= n;
		}
		iov++;
	}
	return 0;
}

/* memcpy_fromiovec - copy @len bytes out of the iovecs, consuming them. */
int
memcpy_fromiovec(unsigned char *kdata, struct iovec *iov, int len)
{
	return sim_iovec_copy(iov, kdata, len, false);
}

/* memcpy_fromiovecend - copy @len bytes from @offset bytes into the
 * iovecs, which stay as they are.  0 or -EFAULT. */
int
memcpy_fromiovecend(unsigned char *kdata, const struct iovec *iov, int offset, int len)
{
	for (; len > 0; iov++) {
		int copy;

		if (offset >= (int)iov->iov_len) {
			offset -= iov->iov_len;
			continue;
		}
		copy = min_t(int, len, (int)iov->iov_len - offset);
		if (!iov->iov_base)
			return -EFAULT;
		memcpy(kdata, (const u8 *)iov->iov_base + offset, copy);
		offset = 0;
		kdata += copy;
		len -= copy;
	}
	return 0;
}

/* memcpy_toiovec - copy @len bytes into the iovecs, consuming them. */
int
memcpy_toiovec(struct iovec *iov, const unsigned char *kdata, int len)
{
	/* NOTE: the cast is safe: with to_iov set, @kdata is only read. */
	return sim_iovec_copy(iov, (unsigned char *)kdata, len, true);
}

/* The host's fd table ("current->files"). */
int
sim_files_init(struct net *net)
{
	net->files = calloc(1, sizeof(*net->files));
	if (!net->files)
		return -ENOMEM;
	net->files->last_socket = -1;
	return 0;
}

void
sim_files_exit(struct net *net)
{
	if (!net->files)
		return;
	for (int fd = 0; fd < SIM_NR_OPEN; fd++)
		if (net->files->fd[fd])
			sys_close(net, fd);
	free(net->files);
	net->files = NULL;
}

/*
 * get_unused_fd_flags - the lowest free descriptor, or -EMFILE when all
 * SIM_NR_OPEN are in use (RLIMIT_NOFILE, `ulimit -n`).  KERNEL: the
 * kernel marks the slot taken here (put_unused_fd gives it back); with
 * one process and no sleeping in between, netstep's slot stays free
 * until fd_install fills it.
 */
static int
get_unused_fd_flags(struct net *net)
{
	for (int fd = SIM_FD_FIRST; fd < SIM_NR_OPEN; fd++)
		if (!net->files->fd[fd])
			return fd;
	return -EMFILE;
}

/* fd_install - @fd now stands for @sock. */
static void
fd_install(struct net *net, int fd, struct socket *sock)
{
	net->files->fd[fd] = sock;
	net->files->f_flags[fd] = O_RDWR;	/* sock_alloc_file */
	net->files->pattern_off[fd] = 0;
	sock->fd = fd;
}

/* sock_alloc - a new BSD socket, not yet joined to a protocol. */
static struct socket *
sock_alloc(struct net *net)
{
	struct socket *sock = calloc(1, sizeof(*sock));

	trace_sock_alloc(net);
	if (!sock)
		return NULL;
	sock->state = SS_UNCONNECTED;
	sock->net = net;
	sock->fd = -1;
	return sock;
}

/**
 * sock_release - close the BSD socket: the protocol lets go of the sock
 * (inet_release), then the socket itself is freed.
 */
void
sock_release(struct socket *sock)
{
	trace_sock_release(sock);
	if (sock->ops && sock->ops->release)
		sock->ops->release(sock);
	free(sock);
}

/**
 * sockfd_lookup - the socket behind @fd (3.10: sockfd_lookup_light)
 *
 * Returns it or NULL with *err = -EBADF.  KERNEL: -ENOTSOCK for a file
 * that is not a socket; every descriptor here is a socket.
 */
struct socket *
sockfd_lookup(struct net *net, int fd, int *err)
{
	if (!net->files || fd < 0 || fd >= SIM_NR_OPEN || !net->files->fd[fd]) {
		*err = -EBADF;
		return NULL;
	}
	*err = 0;
	return net->files->fd[fd];
}

/**
 * sys_socket - socket(family, type, protocol)
 *
 * @type may carry SOCK_NONBLOCK (the new descriptor is O_NONBLOCK) and
 * SOCK_CLOEXEC (nothing to do: netstep never execs).  Returns the new
 * descriptor or -EINVAL / -EAFNOSUPPORT / -ESOCKTNOSUPPORT /
 * -EPROTONOSUPPORT / -EMFILE / -ENOMEM.
 */
int
sys_socket(struct net *net, int family, int type, int protocol)
{
	int flags = type & ~SOCK_TYPE_MASK;
	struct socket *sock;
	int fd, err;

	trace_sys_socket(net, family, type, protocol);
	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	type &= SOCK_TYPE_MASK;
	if (family != AF_INET)
		return -EAFNOSUPPORT;
	if (type != SOCK_STREAM && type != SOCK_DGRAM && type != SOCK_RAW)
		return -ESOCKTNOSUPPORT;
	sock = sock_alloc(net);
	if (!sock)
		return -ENOMEM;
	sock->type = type;
	err = inet_create(net, sock, protocol);
	if (err) {
		sock_release(sock);
		return err;
	}
	fd = get_unused_fd_flags(net);	/* sock_map_fd */
	if (fd < 0) {
		sock_release(sock);
		return fd;
	}
	fd_install(net, fd, sock);
	if (flags & SOCK_NONBLOCK)
		net->files->f_flags[fd] |= O_NONBLOCK;
	net->files->last_socket = fd;
	return fd;
}

/** sys_bind - bind(fd, addr, addrlen): 0 or -Exxx. */
int
sys_bind(struct net *net, int fd, struct sockaddr *umyaddr, int addrlen)
{
	struct socket *sock;
	int err;

	trace_sys_bind(net, fd);
	sock = sockfd_lookup(net, fd, &err);
	if (!sock)
		return err;
	return sock->ops->bind(sock, umyaddr, addrlen);
}

/**
 * sys_connect - connect(fd, addr, addrlen)
 *
 * For TCP the first call starts the handshake and returns -EINPROGRESS
 * (where the kernel sleeps in inet_wait_for_connect); a call made again
 * after the socket's wake-up returns -EALREADY while it is still
 * connecting, 0 once established, or the error (-ECONNREFUSED after a
 * RST, -ETIMEDOUT, -EHOSTUNREACH).
 */
int
sys_connect(struct net *net, int fd, struct sockaddr *uservaddr, int addrlen)
{
	struct socket *sock;
	int err;

	trace_sys_connect(net, fd);
	sock = sockfd_lookup(net, fd, &err);
	if (!sock)
		return err;
	return sock->ops->connect(sock, uservaddr, addrlen, 0);
}

/** sys_listen - listen(fd, backlog); backlog capped at somaxconn (128). */
int
sys_listen(struct net *net, int fd, int backlog)
{
	struct socket *sock;
	int err;

	trace_sys_listen(net, fd, backlog);
	sock = sockfd_lookup(net, fd, &err);
	if (!sock)
		return err;
	if (backlog > 128 || backlog < 0)
		backlog = 128;		/* net.core.somaxconn */
	return sock->ops->listen(sock, backlog);
}

/**
 * sys_accept - accept(fd, addr, addrlen): the next connection as a new
 * descriptor, or -EAGAIN when none is ready (where the kernel sleeps in
 * inet_csk_wait_for_connect).
 *
 * As 3.10's accept4, the descriptor is found before the connection is
 * taken off the listener's queue: with the table full the call fails
 * with -EMFILE and the connection waits in the queue for a later accept.
 */
int
sys_accept(struct net *net, int fd, struct sockaddr *upeer_sockaddr, int *upeer_addrlen)
{
	struct socket *sock, *newsock;
	int err, newfd;

	trace_sys_accept(net, fd);
	sock = sockfd_lookup(net, fd, &err);
	if (!sock)
		return err;
	newsock = sock_alloc(net);
	if (!newsock)
		return -ENFILE;
	newsock->type = sock->type;
	newsock->ops = sock->ops;
	newfd = get_unused_fd_flags(net);
	err = newfd < 0 ? newfd : sock->ops->accept(sock, newsock, 0);
	if (err < 0) {
		newsock->ops = NULL;	/* no sock joined: nothing to release */
		sock_release(newsock);
		return err;
	}
	fd_install(net, newfd, newsock);
	if (upeer_sockaddr && upeer_addrlen && *upeer_addrlen >= (int)sizeof(struct sockaddr_in)) {
		struct sockaddr_in *sin = (struct sockaddr_in *)upeer_sockaddr;

		memset(sin, 0, sizeof(*sin));
		sin->sin_family = AF_INET;
		sin->sin_addr.s_addr = newsock->sk->sk_daddr;
		sin->sin_port = newsock->sk->sk_dport;
		*upeer_addrlen = sizeof(*sin);
	}
	return newfd;
}

/*
 * __sock_sendmsg_nosec - hand the message to the socket type's sendmsg
 * (inet_sendmsg for AF_INET).  KERNEL: fills the sock_iocb of @iocb.
 */
static int
__sock_sendmsg_nosec(struct socket *sock, struct msghdr *msg, size_t size)
{
	trace___sock_sendmsg_nosec(sock, size);
	return sock->ops->sendmsg(sock, msg, size);
}

/* __sock_sendmsg - the LSM check (security_socket_sendmsg), then send. */
static int
__sock_sendmsg(struct socket *sock, struct msghdr *msg, size_t size)
{
	trace___sock_sendmsg(sock, size);
	/* KERNEL: security_socket_sendmsg() may refuse here; no LSM in netstep. */
	return __sock_sendmsg_nosec(sock, msg, size);
}

/**
 * sock_sendmsg - send @msg on @sock (everything that sends goes here:
 * send, sendto, sendmsg, write on a socket)
 *
 * Returns the bytes the protocol took or -Exxx.  KERNEL: sets up a
 * synchronous kiocb and waits on it if the protocol queued the request.
 */
int
sock_sendmsg(struct socket *sock, struct msghdr *msg, size_t size)
{
	int ret;

	trace_sock_sendmsg(sock, msg, size);
	ret = __sock_sendmsg(sock, msg, size);
	/*
	 * A packet the send put on the backlog (one to our own address,
	 * turned round by lo) comes back up before the call returns: an
	 * ICMP error our own stack made about it is on the socket when the
	 * caller looks.  KERNEL: 3.10 runs every softirq a send raised at
	 * the rcu_read_unlock_bh() that ends dev_queue_xmit, while the
	 * sending socket is locked (lock_sock: what arrives for it waits on
	 * its backlog until release_sock).  netstep has no socket locks, so
	 * it waits for the send to be over, and leaves NET_TX to the end of
	 * the engine event, as on every other path.
	 */
	if (!skb_queue_empty(&sock->net->sd.input_pkt_queue))
		local_bh_enable(&sock->net->cpu);
	return ret;
}

/**
 * sys_sendto - sendto(fd, buff, len, flags, addr, addr_len)
 *
 * Packages the buffer as 3.10's SYSCALL_DEFINE6(sendto) does: one iovec
 * {buff, len}, a msghdr pointing at it, msg_name = the address (or NULL),
 * no control data, msg_flags = @flags; then sock_sendmsg.  Returns bytes
 * sent or -Exxx (-EBADF, -EPIPE, -EAGAIN, -EDESTADDRREQ, -EMSGSIZE ...).
 */
int
sys_sendto(struct net *net, int fd, const void *buff, size_t len, unsigned int flags,
	   struct sockaddr *addr, int addr_len)
{
	struct sockaddr_storage address;
	struct socket *sock;
	struct msghdr msg;
	struct iovec iov;
	int err;

	trace_sys_sendto(net, fd, len, flags, addr);
	if (len > INT_MAX)
		len = INT_MAX;
	sock = sockfd_lookup(net, fd, &err);
	if (!sock)
		return err;
	iov.iov_base = (void *)buff;
	iov.iov_len = len;
	memset(&msg, 0, sizeof(msg));
	msg.msg_name = NULL;
	msg.msg_namelen = 0;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = NULL;
	msg.msg_controllen = 0;
	if (addr) {
		/* move_addr_to_kernel: the kernel copies the user's address. */
		if (addr_len < 0 || addr_len > (int)sizeof(address))
			return -EINVAL;
		memcpy(&address, addr, addr_len);
		msg.msg_name = &address;
		msg.msg_namelen = addr_len;
	}
	/* KERNEL: adds MSG_DONTWAIT if the file is O_NONBLOCK. */
	msg.msg_flags = flags;
	return sock_sendmsg(sock, &msg, len);
}

/*
 * sim_copy_msghdr - the kernel's copy of a user msghdr (copy_msghdr_from_user
 * and verify_iovec in 3.10): its iovecs in @iov (at most UIO_FASTIOV),
 * its name in @address.  Returns the total length or -Exxx.
 */
static long
sim_copy_msghdr(struct msghdr *kmsg, const struct msghdr *umsg, struct iovec *iov,
		struct sockaddr_storage *address, bool recv)
{
	size_t total = 0;

	if (umsg->msg_iovlen > UIO_FASTIOV || (umsg->msg_iovlen && !umsg->msg_iov))
		return -EMSGSIZE;	/* KERNEL: up to UIO_MAXIOV, allocated */
	*kmsg = *umsg;
	for (size_t i = 0; i < umsg->msg_iovlen; i++) {
		iov[i] = umsg->msg_iov[i];
		total += iov[i].iov_len;
		if (total > INT_MAX)
			return -EINVAL;
	}
	kmsg->msg_iov = iov;
	if (umsg->msg_name) {
		if (umsg->msg_namelen > sizeof(*address))
			return -EINVAL;
		memset(address, 0, sizeof(*address));
		if (!recv)
			memcpy(address, umsg->msg_name, umsg->msg_namelen);
		kmsg->msg_name = address;
		kmsg->msg_namelen = recv ? sizeof(*address) : umsg->msg_namelen;
	}
	return (long)total;
}

/**
 * sys_sendmsg - sendmsg(fd, msg, flags): the datagram in @msg's iovecs
 * to @msg's name (or the connected peer).  Returns bytes sent or -Exxx.
 * KERNEL: SYSCALL_DEFINE3(sendmsg) -> __sys_sendmsg -> ___sys_sendmsg,
 * which also copy ancillary data (IP_PKTINFO ...): none is modelled.
 */
int
sys_sendmsg(struct net *net, int fd, struct msghdr *msg, unsigned int flags)
{
	struct sockaddr_storage address;
	struct iovec iov[UIO_FASTIOV];
	struct msghdr msg_sys;
	struct socket *sock;
	long total;
	int err;

	trace_sys_sendmsg(net, fd, flags);
	sock = sockfd_lookup(net, fd, &err);
	if (!sock)
		return err;
	total = sim_copy_msghdr(&msg_sys, msg, iov, &address, false);
	if (total < 0)
		return (int)total;
	msg_sys.msg_control = NULL;
	msg_sys.msg_controllen = 0;
	msg_sys.msg_flags = flags;
	return sock_sendmsg(sock, &msg_sys, total);
}

/**
 * sys_recvmsg - recvmsg(fd, msg, flags): one datagram into @msg's
 * iovecs, its sender in msg_name, control messages (IP_RECVERR ...) in
 * msg_control, whose length becomes what was written; msg_flags says
 * MSG_TRUNC, MSG_CTRUNC, MSG_ERRQUEUE.  Returns the bytes or -Exxx
 * (-EAGAIN when nothing is queued: where the kernel would sleep).
 */
int
sys_recvmsg(struct net *net, int fd, struct msghdr *msg, unsigned int flags)
{
	struct sockaddr_storage address;
	struct iovec iov[UIO_FASTIOV];
	struct msghdr msg_sys;
	struct socket *sock;
	u8 *cmsg_start = msg->msg_control;
	long total;
	int err;

	trace_sys_recvmsg(net, fd, flags);
	sock = sockfd_lookup(net, fd, &err);
	if (!sock)
		return err;
	total = sim_copy_msghdr(&msg_sys, msg, iov, &address, true);
	if (total < 0)
		return (int)total;
	msg_sys.msg_flags = 0;
	err = sock_recvmsg(sock, &msg_sys, total, flags);
	if (err < 0)
		return err;
	if (msg->msg_name) {
		size_t n = msg_sys.msg_namelen < msg->msg_namelen ? msg_sys.msg_namelen
								 : msg->msg_namelen;

		memcpy(msg->msg_name, &address, n);
		msg->msg_namelen = msg_sys.msg_namelen;
	}
	msg->msg_flags = msg_sys.msg_flags;
	msg->msg_controllen = cmsg_start ? (size_t)((u8 *)msg_sys.msg_control - cmsg_start) : 0;
	return err;
}

/*
 * put_cmsg - append a control message (@level, @type, @len bytes of
 * @data) to the receiver's control buffer and move past it.  What does
 * not fit is cut and MSG_CTRUNC set.  net/core/scm.c in 3.10.
 * NOTE: no tracepoint: the kernel's signature reaches no host; the
 * caller's event (ip_recv_error) shows what it put.
 */
void
put_cmsg(struct msghdr *msg, int level, int type, int len, const void *data)
{
	struct cmsghdr *cm = msg->msg_control;
	size_t cmlen = CMSG_LEN((size_t)len);

	if (!cm || msg->msg_controllen < sizeof(*cm)) {
		msg->msg_flags |= MSG_CTRUNC;
		return;
	}
	if (msg->msg_controllen < cmlen) {
		msg->msg_flags |= MSG_CTRUNC;
		cmlen = msg->msg_controllen;
	}
	cm->cmsg_level = level;
	cm->cmsg_type = type;
	cm->cmsg_len = cmlen;
	memcpy(CMSG_DATA(cm), data, cmlen - sizeof(*cm));
	cmlen = CMSG_SPACE((size_t)len);
	if (msg->msg_controllen < cmlen)
		cmlen = msg->msg_controllen;
	msg->msg_control = (u8 *)msg->msg_control + cmlen;
	msg->msg_controllen -= cmlen;
}

/** sys_send - send(fd, buff, len, flags) is sendto with no address. */
int
sys_send(struct net *net, int fd, const void *buff, size_t len, unsigned int flags)
{
	trace_sys_send(net, fd, len);
	return sys_sendto(net, fd, buff, len, flags, NULL, 0);
}

/* __sock_recvmsg_nosec / __sock_recvmsg: the receive mirror of the above. */
static int
__sock_recvmsg_nosec(struct socket *sock, struct msghdr *msg, size_t size, int flags)
{
	trace___sock_recvmsg_nosec(sock, size);
	return sock->ops->recvmsg(sock, msg, size, flags);
}

static int
__sock_recvmsg(struct socket *sock, struct msghdr *msg, size_t size, int flags)
{
	trace___sock_recvmsg(sock, size);
	/* KERNEL: security_socket_recvmsg() would be asked first. */
	return __sock_recvmsg_nosec(sock, msg, size, flags);
}

/** sock_recvmsg - receive into @msg: bytes copied, 0 at EOF, or -Exxx. */
int
sock_recvmsg(struct socket *sock, struct msghdr *msg, size_t size, int flags)
{
	trace_sock_recvmsg(sock, size, flags);
	return __sock_recvmsg(sock, msg, size, flags);
}

/**
 * sys_recvfrom - recvfrom(fd, ubuf, size, flags, addr, addr_len)
 *
 * Returns bytes read, 0 at end of stream, -EAGAIN when nothing is there
 * yet (where the kernel sleeps in sk_wait_data), or -Exxx.
 */
int
sys_recvfrom(struct net *net, int fd, void *ubuf, size_t size, unsigned int flags,
	     struct sockaddr *addr, int *addr_len)
{
	struct sockaddr_storage address;
	struct socket *sock;
	struct msghdr msg;
	struct iovec iov;
	int err;

	trace_sys_recvfrom(net, fd, size, flags);
	if (size > INT_MAX)
		size = INT_MAX;
	sock = sockfd_lookup(net, fd, &err);
	if (!sock)
		return err;
	iov.iov_base = ubuf;
	iov.iov_len = size;
	memset(&msg, 0, sizeof(msg));
	memset(&address, 0, sizeof(address));
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_name = &address;
	msg.msg_namelen = sizeof(address);
	err = sock_recvmsg(sock, &msg, size, flags);
	if (err >= 0 && addr && addr_len) {
		int n = (int)msg.msg_namelen < *addr_len ? (int)msg.msg_namelen : *addr_len;

		if (n > 0)
			memcpy(addr, &address, n);
		*addr_len = msg.msg_namelen;
	}
	return err;
}

/**
 * sys_setsockopt - setsockopt(fd, level, optname, optval, optlen):
 * SOL_SOCKET options go to sock_setsockopt, the others to the socket
 * type's setsockopt (sock_common_setsockopt -> tcp_setsockopt).
 */
int
sys_setsockopt(struct net *net, int fd, int level, int optname, const void *optval,
	       int optlen)
{
	struct socket *sock;
	int err;

	trace_sys_setsockopt(net, fd, level, optname);
	if (optlen < 0)
		return -EINVAL;
	sock = sockfd_lookup(net, fd, &err);
	if (!sock)
		return err;
	if (level == SOL_SOCKET)
		return sock_setsockopt(sock, level, optname, optval, optlen);
	if (!sock->ops->setsockopt)
		return -EOPNOTSUPP;
	return sock->ops->setsockopt(sock, level, optname, optval, optlen);
}

/**
 * sys_getsockopt - getsockopt(fd, level, optname, optval, optlen): the
 * same split; *@optlen is the buffer's size on entry, what was written
 * on return.
 */
int
sys_getsockopt(struct net *net, int fd, int level, int optname, void *optval, int *optlen)
{
	struct socket *sock;
	int err;

	trace_sys_getsockopt(net, fd, level, optname);
	sock = sockfd_lookup(net, fd, &err);
	if (!sock)
		return err;
	if (!optval || !optlen)
		return -EFAULT;
	if (level == SOL_SOCKET)
		return sock_getsockopt(sock, level, optname, optval, optlen);
	if (!sock->ops->getsockopt)
		return -EOPNOTSUPP;
	return sock->ops->getsockopt(sock, level, optname, optval, optlen);
}

/** sys_getsockname - the local address and port of @fd. */
int
sys_getsockname(struct net *net, int fd, struct sockaddr_in *addr)
{
	struct socket *sock;
	int err;

	sock = sockfd_lookup(net, fd, &err);
	if (!sock)
		return err;
	memset(addr, 0, sizeof(*addr));
	addr->sin_family = AF_INET;
	addr->sin_addr.s_addr = inet_sk(sock->sk)->inet_saddr ? inet_sk(sock->sk)->inet_saddr
							       : sock->sk->sk_rcv_saddr;
	addr->sin_port = htons(sock->sk->sk_num);
	return 0;
}

/** sys_shutdown - shutdown(fd, how): SHUT_RD, SHUT_WR or SHUT_RDWR. */
int
sys_shutdown(struct net *net, int fd, int how)
{
	struct socket *sock;
	int err;

	trace_sys_shutdown(net, fd, how);
	sock = sockfd_lookup(net, fd, &err);
	if (!sock)
		return err;
	return sock->ops->shutdown(sock, how);
}

/**
 * sys_close - close(fd): the descriptor is freed at once; the protocol
 * finishes in the background (TCP sends its FIN and lingers in
 * FIN_WAIT/TIME_WAIT as an orphan).  0 or -EBADF.
 */
int
sys_close(struct net *net, int fd)
{
	struct socket *sock;
	int err;

	trace_sys_close(net, fd);
	sock = sockfd_lookup(net, fd, &err);
	if (!sock)
		return err;
	net->files->fd[fd] = NULL;
	if (net->files->last_socket == fd)
		net->files->last_socket = -1;
	sock_release(sock);
	return 0;
}

/*
 * sock_aio_read / sock_aio_write - read(2) and write(2) reach a socket
 * here (through vfs_read -> do_sync_read, vfs_write -> do_sync_write):
 * one iovec, and MSG_DONTWAIT when the file is O_NONBLOCK.  KERNEL: the
 * kiocb and do_sock_read / do_sock_write are folded in.
 */
static long
sock_aio_read(struct socket *sock, unsigned int f_flags, void *buf, size_t size)
{
	struct msghdr msg;
	struct iovec iov = { .iov_base = buf, .iov_len = size };

	trace_sock_aio_read(sock, size);
	if (!size)		/* Match SYS5 behaviour */
		return 0;
	memset(&msg, 0, sizeof(msg));
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_flags = (f_flags & O_NONBLOCK) ? MSG_DONTWAIT : 0;
	return sock_recvmsg(sock, &msg, size, msg.msg_flags);
}

static long
sock_aio_write(struct socket *sock, unsigned int f_flags, const void *buf, size_t size)
{
	struct msghdr msg;
	struct iovec iov = { .iov_base = (void *)buf, .iov_len = size };

	trace_sock_aio_write(sock, size);
	memset(&msg, 0, sizeof(msg));
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_flags = (f_flags & O_NONBLOCK) ? MSG_DONTWAIT : 0;
	return sock_sendmsg(sock, &msg, size);
}

/** sys_read - read(fd, buf, count) on a socket: bytes, 0 at EOF, or -Exxx. */
long
sys_read(struct net *net, int fd, void *buf, size_t count)
{
	struct socket *sock;
	int err;

	trace_sys_read(net, fd, count);
	if (count > INT_MAX)
		count = INT_MAX;
	sock = sockfd_lookup(net, fd, &err);
	if (!sock)
		return err;
	return sock_aio_read(sock, net->files->f_flags[fd], buf, count);
}

/** sys_write - write(fd, buf, count) on a socket: bytes taken or -Exxx. */
long
sys_write(struct net *net, int fd, const void *buf, size_t count)
{
	struct socket *sock;
	int err;

	trace_sys_write(net, fd, count);
	if (count > INT_MAX)
		count = INT_MAX;
	sock = sockfd_lookup(net, fd, &err);
	if (!sock)
		return err;
	return sock_aio_write(sock, net->files->f_flags[fd], buf, count);
}

/* The file status flags F_SETFL may change (fs/fcntl.c SETFL_MASK).
 * KERNEL: O_DIRECT, O_NOATIME and O_ASYNC are left out. */
#define SIM_SETFL_MASK	(O_APPEND | O_NONBLOCK)

/**
 * sys_fcntl - fcntl(fd, cmd, arg): F_GETFL returns the file status
 * flags (O_RDWR for a socket, plus O_NONBLOCK ...), F_SETFL changes the
 * ones in SETFL_MASK.  Other commands: -EINVAL (KERNEL: F_DUPFD,
 * F_GETFD/F_SETFD, locks, F_SETOWN ... are not modelled).
 */
long
sys_fcntl(struct net *net, int fd, unsigned int cmd, unsigned long arg)
{
	struct socket *sock;
	unsigned int *f_flags;
	int err;

	trace_sys_fcntl(net, fd, cmd, arg);
	sock = sockfd_lookup(net, fd, &err);
	if (!sock)
		return err;
	f_flags = &net->files->f_flags[fd];
	switch (cmd) {
	case F_GETFL:
		return *f_flags;
	case F_SETFL:		/* setfl() */
		*f_flags = (*f_flags & ~SIM_SETFL_MASK) | ((unsigned int)arg & SIM_SETFL_MASK);
		return 0;
	default:
		return -EINVAL;
	}
}

/*
 * sock_ioctl - the socket file's unlocked_ioctl: the socket type's
 * ioctl (inet_ioctl).  A command nobody knows is -ENOTTY.  KERNEL:
 * sock_do_ioctl would offer it to dev_ioctl (SIOCGIFADDR ...) first.
 */
static long
sock_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	long err = -ENOIOCTLCMD;

	trace_sock_ioctl(sock, cmd);
	if (sock->ops->ioctl)
		err = sock->ops->ioctl(sock, cmd, arg);
	return err == -ENOIOCTLCMD ? -ENOTTY : err;
}

/**
 * sys_ioctl - ioctl(fd, cmd, arg): FIONBIO is the VFS's own (it sets or
 * clears O_NONBLOCK from the int at @arg); the rest goes to the socket
 * (SIOCINQ, SIOCOUTQ: the int at @arg is filled).  0 or -Exxx.
 */
long
sys_ioctl(struct net *net, int fd, unsigned int cmd, unsigned long arg)
{
	struct socket *sock;
	int err;

	trace_sys_ioctl(net, fd, cmd);
	sock = sockfd_lookup(net, fd, &err);
	if (!sock)
		return err;
	if (cmd == FIONBIO) {	/* do_vfs_ioctl -> ioctl_fionbio */
		int on;

		if (!arg)
			return -EFAULT;
		memcpy(&on, (const void *)arg, sizeof(on));
		if (on)
			net->files->f_flags[fd] |= O_NONBLOCK;
		else
			net->files->f_flags[fd] &= ~O_NONBLOCK;
		return 0;
	}
	return sock_ioctl(sock, cmd, arg);
}

/* sock_poll - the socket file's poll: what the socket type reports. */
static unsigned int
sock_poll(struct socket *sock)
{
	trace_sock_poll(sock);
	/* KERNEL: sock_no_poll (0) for a type without poll: UDP's
	 * datagram_poll is not modelled. */
	return sock->ops->poll ? sock->ops->poll(sock) : 0;
}

/** sys_poll - see layers/sock.h: one pass over @ufds, no sleeping. */
int
sys_poll(struct net *net, struct pollfd *ufds, unsigned int nfds, long timeout_msecs)
{
	int count = 0;

	trace_sys_poll(net, nfds, timeout_msecs);
	if (nfds > SIM_NR_OPEN)
		return -EINVAL;		/* RLIMIT_NOFILE */
	for (unsigned int i = 0; i < nfds; i++) {
		struct pollfd *p = &ufds[i];
		struct socket *sock;
		int err;

		p->revents = 0;
		if (p->fd < 0)
			continue;
		sock = sockfd_lookup(net, p->fd, &err);
		if (!sock)
			p->revents = POLLNVAL;
		else		/* POLLERR and POLLHUP are reported unasked */
			p->revents = sock_poll(sock) & (p->events | POLLERR | POLLHUP);
		if (p->revents)
			count++;
	}
	return count;
}
