/*
 * layers/sock.h - struct socket, struct sock and the tables that join
 * the socket layer to the protocols.
 *
 * Mirrors include/linux/net.h (struct socket, proto_ops),
 * include/net/sock.h (struct sock, struct proto), include/net/inet_sock.h
 * (struct inet_sock) and include/linux/socket.h (struct msghdr), Linux
 * 3.10.  Read this before layers/socket.c (the system calls),
 * layers/af_inet.c (the AF_INET glue), layers/tcp*.c and layers/udp.c.
 *
 * The send() journey of the article crosses three of these objects:
 *   fd -> struct socket (sock->ops = &inet_stream_ops: the BSD side)
 *      -> struct sock (sk->sk_prot = &tcp_prot: the protocol side)
 * so sys_sendto -> sock_sendmsg -> __sock_sendmsg_nosec ->
 * sock->ops->sendmsg (inet_sendmsg) -> sk->sk_prot->sendmsg (tcp_sendmsg).
 *
 * A process blocked in a system call (connect waiting for the SYN-ACK,
 * send waiting for room in the send buffer, recv waiting for data)
 * sleeps on the socket: the sk_state_change / sk_write_space /
 * sk_data_ready callbacks wake it, as the kernel's wait queue does.
 *
 * KERNEL: no struct file or VFS (the host's fd table points straight at
 * the struct socket), no kiocb (3.10 passes one through sendmsg; it
 * only carries sync/async state), no socket locks or backlog, no
 * memory accounting against protocol limits beyond sk_sndbuf/sk_rcvbuf.
 */
#ifndef NETSTEP_LAYERS_SOCK_H
#define NETSTEP_LAYERS_SOCK_H

#include "kernel/types.h"
#include "layers/skbuff.h"
#include "layers/route.h"
#include "layers/ip.h"

#include <poll.h>
#ifndef POLLRDHUP
#define POLLRDHUP	0x2000		/* the peer shut its side (glibc: _GNU_SOURCE only) */
#endif
#include <sys/uio.h>

/* NOTE: kernel/types.h has no s16; C11 allows this typedef to repeat. */
typedef int16_t s16;

struct net;
struct sock;
struct socket;

#ifndef AF_INET
#define AF_INET		2
#endif
#ifndef SOCK_STREAM
#define SOCK_STREAM	1
#define SOCK_DGRAM	2
#endif
/* MSG_* and struct msghdr come from <sys/socket.h> (kernel/types.h pulls
 * it in through <netinet/in.h>): glibc's values are the kernel's. */
#ifndef MSG_DONTWAIT
#define MSG_DONTWAIT	0x40
#endif
#ifndef MSG_MORE
#define MSG_MORE	0x8000
#endif
#ifndef MSG_PEEK
#define MSG_PEEK	0x2
#endif
/* include/linux/socket.h: kernel-only, "do not send, only probe the path". */
#define MSG_PROBE	0x10

/* include/linux/net.h: the low bits of socket()'s type; the rest are flags. */
#define SOCK_TYPE_MASK	0xf
/* ioctl commands, include/uapi/asm-generic/ioctls.h and linux/sockios.h
 * (x86 values), and the kernel-internal "not mine" code. */
#ifndef FIONBIO
#define FIONBIO		0x5421
#endif
#define SIOCINQ		0x541B		/* FIONREAD: bytes readable */
#define SIOCOUTQ	0x5411		/* TIOCOUTQ: bytes not yet acked */
#define ENOIOCTLCMD	515		/* include/linux/errno.h, never seen by user space */

#define SHUTDOWN_MASK	3
#define RCV_SHUTDOWN	1
#define SEND_SHUTDOWN	2

/*
 * include/linux/socket.h: what sendmsg/recvmsg carry.  NOTE: the
 * definition used is <sys/socket.h>'s, which has the kernel's layout:
 *	void *msg_name;			struct sockaddr_in *, or NULL
 *	socklen_t msg_namelen;
 *	struct iovec *msg_iov;		the user's buffers
 *	size_t msg_iovlen;
 *	void *msg_control;		ancillary data (unused here)
 *	size_t msg_controllen;
 *	int msg_flags;			MSG_*
 */
#include <sys/socket.h>

/* include/uapi/linux/net.h */
typedef enum {
	SS_FREE = 0,
	SS_UNCONNECTED,
	SS_CONNECTING,
	SS_CONNECTED,
	SS_DISCONNECTING
} socket_state;

/* The BSD socket: what the file descriptor points at. */
struct socket {
	socket_state state;		/* SS_* */
	short type;			/* SOCK_STREAM, SOCK_DGRAM, SOCK_RAW */
	unsigned long flags;
	struct sock *sk;		/* the protocol's half */
	const struct proto_ops *ops;	/* inet_stream_ops, inet_dgram_ops, inet_sockraw_ops */
	struct net *net;		/* netstep: the host it lives on */
	int fd;				/* netstep: its slot in the host's fd table */
	/* KERNEL: wq (wait queue), file, fasync list omitted. */
};

/* include/linux/net.h: the operations a socket type offers. */
struct proto_ops {
	int family;
	int (*release)(struct socket *sock);
	int (*bind)(struct socket *sock, struct sockaddr *uaddr, int addr_len);
	int (*connect)(struct socket *sock, struct sockaddr *uaddr, int addr_len, int flags);
	int (*accept)(struct socket *sock, struct socket *newsock, int flags);
	int (*listen)(struct socket *sock, int backlog);
	int (*shutdown)(struct socket *sock, int flags);
	int (*sendmsg)(struct socket *sock, struct msghdr *m, size_t total_len);
	int (*recvmsg)(struct socket *sock, struct msghdr *m, size_t total_len, int flags);
	int (*setsockopt)(struct socket *sock, int level, int optname, const void *optval,
			  int optlen);
	int (*getsockopt)(struct socket *sock, int level, int optname, void *optval,
			  int *optlen);
	int (*ioctl)(struct socket *sock, unsigned int cmd, unsigned long arg);
	unsigned int (*poll)(struct socket *sock);	/* KERNEL: (file, sock, poll_table) */
};

/* include/net/sock.h: a transport protocol as the socket layer sees it. */
struct proto {
	const char *name;		/* "TCP", "UDP" */
	void (*close)(struct sock *sk, long timeout);
	int (*connect)(struct sock *sk, struct sockaddr *uaddr, int addr_len);
	int (*disconnect)(struct sock *sk, int flags);
	int (*bind)(struct sock *sk, struct sockaddr *uaddr, int addr_len);	/* raw only */
	struct sock *(*accept)(struct sock *sk, int flags, int *err);
	int (*init)(struct sock *sk);
	void (*destroy)(struct sock *sk);
	void (*shutdown)(struct sock *sk, int how);
	int (*sendmsg)(struct sock *sk, struct msghdr *msg, size_t len);
	int (*recvmsg)(struct sock *sk, struct msghdr *msg, size_t len, int noblock,
		       int flags, int *addr_len);
	int (*backlog_rcv)(struct sock *sk, struct sk_buff *skb);
	int (*setsockopt)(struct sock *sk, int level, int optname, const void *optval,
			  int optlen);
	int (*getsockopt)(struct sock *sk, int level, int optname, void *optval, int *optlen);
	int (*ioctl)(struct sock *sk, int cmd, unsigned long arg);
	void (*hash)(struct sock *sk);
	void (*unhash)(struct sock *sk);
	int (*get_port)(struct sock *sk, unsigned short snum);
	unsigned int max_header;	/* headroom to reserve: MAX_TCP_HEADER */
	unsigned int obj_size;		/* sizeof(struct tcp_sock) ... */
};

/* TCP states, include/net/tcp_states.h (also used for UDP's "connected"). */
enum {
	TCP_ESTABLISHED = 1,
	TCP_SYN_SENT,
	TCP_SYN_RECV,
	TCP_FIN_WAIT1,
	TCP_FIN_WAIT2,
	TCP_TIME_WAIT,
	TCP_CLOSE,
	TCP_CLOSE_WAIT,
	TCP_LAST_ACK,
	TCP_LISTEN,
	TCP_CLOSING,
	TCP_MAX_STATES
};
extern const char *const tcp_state_name[TCP_MAX_STATES];	/* "ESTAB" ... as ss */

/* include/net/sock.h: the network-layer representation of a socket. */
struct sock {
	/* struct sock_common: what lookups compare */
	__be32 sk_daddr;		/* foreign address (inet_daddr) */
	__be32 sk_rcv_saddr;		/* bound local address (inet_rcv_saddr) */
	__be16 sk_dport;		/* foreign port (inet_dport) */
	u16 sk_num;			/* local port, host order (inet_num) */
	unsigned short sk_family;	/* AF_INET */
	volatile unsigned char sk_state;	/* TCP_* */
	unsigned int sk_hash;		/* flow hash: XPS/TX queue choice */
	struct list_head sk_node;	/* on the protocol's lookup table */
	int sk_refcnt;			/* references (tables, skbs, the socket) */
	struct net *sk_net;		/* sock_net() */

	/* queues */
	struct sk_buff_head sk_receive_queue;	/* in-order data for recv() */
	struct sk_buff_head sk_error_queue;	/* IP_RECVERR reports, recvmsg(MSG_ERRQUEUE) */
	struct sk_buff_head sk_write_queue;	/* TCP: sent-unacked, then unsent */
	struct sk_buff *sk_send_head;	/* first unsent skb on sk_write_queue */
	int sk_rcvbuf;			/* SO_RCVBUF, bytes */
	int sk_sndbuf;			/* SO_SNDBUF, bytes */
	int sk_wmem_queued;		/* truesize on sk_write_queue */
	int sk_wmem_alloc;		/* truesize of our skbs below TCP (clones) */
	int sk_rmem_alloc;		/* truesize on the receive queues */
	int sk_forward_alloc;

	/* routing */
	struct dst_entry *sk_dst_cache;	/* the cached route (__sk_dst_check) */
	netdev_features_t sk_route_caps;	/* its device's features (sk_setup_caps) */
	int sk_gso_type;		/* SKB_GSO_TCPV4 for TCP, 0: no GSO */
	unsigned int sk_gso_max_size;	/* largest GSO skb the device takes */
	u16 sk_gso_max_segs;		/* ... and most segments in one */
	u32 sk_pacing_rate;		/* bytes/s, TCP: 2 x cwnd x mss / srtt */
	int sk_tx_queue_mapping;	/* cached TX queue, -1 = none */
	u32 sk_priority;		/* SO_PRIORITY -> skb->priority */
	u32 sk_mark;

	/* state */
	int sk_err;			/* pending error, reported once */
	int sk_err_soft;
	unsigned char sk_shutdown;	/* RCV_SHUTDOWN | SEND_SHUTDOWN */
	u8 sk_protocol;			/* IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMP (raw) */
	u16 sk_type;			/* SOCK_STREAM, SOCK_DGRAM, SOCK_RAW */
	unsigned short sk_ack_backlog;	/* listen: children not yet accepted */
	unsigned short sk_max_ack_backlog;
	long sk_sndtimeo;
	long sk_rcvtimeo;
	u8 sk_userlocks;		/* SOCK_SNDBUF_LOCK | SOCK_RCVBUF_LOCK: set by the user */
	u8 sk_reuse;			/* SO_REUSEADDR: SK_CAN_REUSE or SK_NO_REUSE */
	unsigned long sk_flags;		/* 1 << SOCK_LINGER ...: sock_flag() */
	unsigned long sk_lingertime;	/* SO_LINGER timeout, jiffies */

	struct socket *sk_socket;	/* the BSD side, NULL once orphaned */
	const struct proto *sk_prot;	/* tcp_prot, udp_prot */

	/* wake-ups: where a sleeping process would be woken */
	void (*sk_state_change)(struct sock *sk);
	void (*sk_data_ready)(struct sock *sk, int bytes);
	void (*sk_write_space)(struct sock *sk);
	void (*sk_error_report)(struct sock *sk);
	void (*sk_destruct)(struct sock *sk);
	void *sk_user_data;		/* netstep: the blocked task, if any */
	/* KERNEL: sk_lock, sk_backlog, sk_wq, timers in inet_csk, sk_filter,
	 * memory pressure, cgroups, timestamps omitted. */
};

/* include/net/inet_sock.h */
struct inet_sock {
	struct sock sk;			/* must be first */
	__be32 inet_saddr;		/* source address used on send */
	__be16 inet_sport;		/* source port, network order */
	s16 uc_ttl;			/* unicast TTL, -1 = default 64 */
	u16 inet_id;			/* IP ID counter for DF packets */
	u8 tos;
	u8 pmtudisc;			/* IP_PMTUDISC_*, default WANT */
	u8 recverr:1;			/* IP_RECVERR: ICMP errors go to sk_error_queue */
	struct {
		struct inet_cork base;	/* ip_append_data's datagram (layers/ip.h) */
		struct flowi4 fl;	/* the flow of the cached route */
	} cork;			/* KERNEL: struct inet_cork_full */
};

/*
 * include/uapi/linux/errqueue.h: what recvmsg(MSG_ERRQUEUE) returns in
 * its IP_RECVERR control message, and include/linux/errqueue.h: where an
 * skb on sk_error_queue keeps it (skb->cb, after the IP control block).
 */
struct sock_extended_err {
	u32 ee_errno;			/* EMSGSIZE, EHOSTUNREACH ... */
	u8 ee_origin;			/* SO_EE_ORIGIN_* */
	u8 ee_type;			/* ICMP type (origin ICMP) */
	u8 ee_code;			/* ICMP code */
	u8 ee_pad;
	u32 ee_info;			/* the MTU for EMSGSIZE */
	u32 ee_data;
};
#define SO_EE_ORIGIN_NONE	0
#define SO_EE_ORIGIN_LOCAL	1	/* our own stack refused the send */
#define SO_EE_ORIGIN_ICMP	2	/* an ICMP error arrived */
struct sock_exterr_skb {
	u8 header[16];			/* IPCB's room (union inet_skb_parm) */
	struct sock_extended_err ee;
	u16 addr_offset;		/* where the quoted destination is, from
					 * the network header */
	__be16 port;			/* the quoted destination port */
};
#define SKB_EXT_ERR(skb)	((struct sock_exterr_skb *)((skb)->cb))

static inline struct inet_sock *inet_sk(const struct sock *sk)
{
	return (struct inet_sock *)sk;
}
static inline struct net *sock_net(const struct sock *sk) { return sk->sk_net; }

/* include/net/sock.h: the bits of sk->sk_flags netstep keeps.  KERNEL:
 * SOCK_DEAD is icsk->sim_sock_dead here, SOCK_DONE is read as
 * RCV_SHUTDOWN (tcp_fin sets both), the other flags are left out. */
enum sock_flags {
	SOCK_LINGER,			/* SO_LINGER is on: close() waits, or resets if 0 */
};
#define SK_NO_REUSE	0
#define SK_CAN_REUSE	1
static inline bool sock_flag(const struct sock *sk, enum sock_flags flag)
{
	return sk->sk_flags & (1UL << flag);
}
static inline void sock_set_flag(struct sock *sk, enum sock_flags flag)
{
	sk->sk_flags |= 1UL << flag;
}
static inline void sock_reset_flag(struct sock *sk, enum sock_flags flag)
{
	sk->sk_flags &= ~(1UL << flag);
}
static inline void sock_hold(struct sock *sk) { sk->sk_refcnt++; }
void sock_put(struct sock *sk);		/* frees at 0: layers/sock.c */
/* sock_error - take the pending error off the socket (reported once): -err. */
static inline int sock_error(struct sock *sk)
{
	int err = sk->sk_err;

	sk->sk_err = 0;
	return -err;
}
void sk_free(struct sock *sk);

/* include/net/sock.h helpers used by TCP and UDP */
struct sock *sk_alloc(struct net *net, int family, const struct proto *prot);
void sock_init_data(struct socket *sock, struct sock *sk);
struct dst_entry *__sk_dst_check(struct sock *sk, u32 cookie);
void sk_setup_caps(struct sock *sk, struct dst_entry *dst);
/* May this socket build GSO skbs of its type over its route? */
static inline bool sk_can_gso(const struct sock *sk)
{
	return net_gso_ok(sk->sk_route_caps, sk->sk_gso_type);
}
/*
 * sk_page_frag - the page frag a sender fills: the task's
 * (current->task_frag) for sockets whose allocations may sleep, which
 * every socket here is (a process's send).  KERNEL: sk->sk_frag for
 * the others; netstep's one process per host keeps its task_frag in the
 * host (struct net).
 */
struct page_frag *sk_page_frag(struct sock *sk);
bool sk_page_frag_refill(struct sock *sk, struct page_frag *pfrag);
void sk_dst_reset(struct sock *sk);
static inline struct dst_entry *__sk_dst_get(const struct sock *sk)
{
	return sk->sk_dst_cache;
}
void skb_set_owner_w(struct sk_buff *skb, struct sock *sk);	/* destructor sock_wfree */
void skb_set_owner_r(struct sk_buff *skb, struct sock *sk);	/* destructor sock_rfree */
int sock_queue_rcv_skb(struct sock *sk, struct sk_buff *skb);
/* net/core/skbuff.c: queue @skb on sk_error_queue (0, or -ENOMEM when the
 * receive buffer is full: the caller frees it) and report the error. */
int sock_queue_err_skb(struct sock *sk, struct sk_buff *skb);

static inline int sk_stream_wspace(const struct sock *sk)
{
	return sk->sk_sndbuf - sk->sk_wmem_queued;
}
static inline bool sk_stream_memory_free(const struct sock *sk)
{
	return sk->sk_wmem_queued < sk->sk_sndbuf;
}
void sk_stream_write_space(struct sock *sk);

/* ip_output.c: the socket's way into IP (3.10 signature). */
int ip_queue_xmit(struct sk_buff *skb, struct flowi4 *fl);

/*
 * ip_dont_fragment (include/net/ip.h): DF for "do", and for "want"
 * unless the route's MTU metric is locked.  KERNEL: netstep's rtable
 * does not expose the lock, so "want" always sets DF.
 */
static inline bool
ip_dont_fragment(const struct sock *sk)
{
	return inet_sk(sk)->pmtudisc == IP_PMTUDISC_DO || inet_sk(sk)->pmtudisc == IP_PMTUDISC_WANT;
}


/*
 * layers/socket.c: the system calls of the host's one "process".
 * KERNEL: each takes the caller's fd table from current->files; here the
 * host owns one table (struct sim_fdtable, below).  Return the syscall's
 * result or -Exxx, as the kernel's sys_* functions do before libc turns
 * it into -1/errno.
 */
#define SIM_NR_OPEN	64		/* slots in a host's fd table */
#define SIM_FD_FIRST	3		/* 0, 1, 2: stdin, stdout, stderr */

/* include/linux/fdtable.h, trimmed: fd -> struct socket. */
struct sim_fdtable {
	struct socket *fd[SIM_NR_OPEN];	/* NULL = free slot */
	unsigned int f_flags[SIM_NR_OPEN];	/* O_RDWR | O_NONBLOCK ... (KERNEL: file->f_flags) */
	u64 pattern_off[SIM_NR_OPEN];	/* netstep: bytes of the `send N` pattern sent */
	int last_socket;		/* netstep: fd the last socket() returned */
};

int sys_socket(struct net *net, int family, int type, int protocol);
int sys_connect(struct net *net, int fd, struct sockaddr *uservaddr, int addrlen);
int sys_listen(struct net *net, int fd, int backlog);
int sys_accept(struct net *net, int fd, struct sockaddr *upeer_sockaddr,
	       int *upeer_addrlen);
int sys_sendto(struct net *net, int fd, const void *buff, size_t len, unsigned int flags,
	       struct sockaddr *addr, int addr_len);
int sys_send(struct net *net, int fd, const void *buff, size_t len, unsigned int flags);
int sys_recvfrom(struct net *net, int fd, void *ubuf, size_t size, unsigned int flags,
		 struct sockaddr *addr, int *addr_len);
/* sendmsg(2) and recvmsg(2): the caller's msghdr as it is (name, iovec,
 * control buffer); recvmsg sets msg_controllen to what it wrote. */
int sys_sendmsg(struct net *net, int fd, struct msghdr *msg, unsigned int flags);
int sys_recvmsg(struct net *net, int fd, struct msghdr *msg, unsigned int flags);
/* net/core/scm.c: append one control message to @msg's control buffer
 * (MSG_CTRUNC if it does not fit). */
void put_cmsg(struct msghdr *msg, int level, int type, int len, const void *data);
int sys_shutdown(struct net *net, int fd, int how);
int sys_close(struct net *net, int fd);
int sys_getsockopt(struct net *net, int fd, int level, int optname, void *optval,
		   int *optlen);
/* read(2) and write(2) on a socket (fs/read_write.c, through the VFS to
 * sock_aio_read / sock_aio_write). */
long sys_read(struct net *net, int fd, void *buf, size_t count);
long sys_write(struct net *net, int fd, const void *buf, size_t count);
/* fcntl(2), F_GETFL and F_SETFL only (fs/fcntl.c): the flags or 0, or -Exxx. */
long sys_fcntl(struct net *net, int fd, unsigned int cmd, unsigned long arg);
/* ioctl(2) on a socket (fs/ioctl.c -> sock_ioctl): SIOCINQ, SIOCOUTQ. */
long sys_ioctl(struct net *net, int fd, unsigned int cmd, unsigned long arg);
/*
 * poll(2) (fs/select.c): fill each revents, return how many are ready.
 * KERNEL: do_sys_poll sleeps until one is ready or @timeout_msecs runs
 * out; netstep's protocols never sleep, so this is one pass of do_poll
 * and the caller waits (sim/task.h) and calls again.
 */
int sys_poll(struct net *net, struct pollfd *ufds, unsigned int nfds, long timeout_msecs);
int sock_sendmsg(struct socket *sock, struct msghdr *msg, size_t size);
int sock_recvmsg(struct socket *sock, struct msghdr *msg, size_t size, int flags);
struct socket *sockfd_lookup(struct net *net, int fd, int *err);
void sock_release(struct socket *sock);
int sim_files_init(struct net *net);
void sim_files_exit(struct net *net);	/* closes every open fd */
void sim_task_frag_release(struct net *net);	/* layers/sock.c, at process exit */

/* Copy @len bytes out of the msghdr's iovecs, advancing them
 * (memcpy_fromiovec, net/core/iovec.c).  0 or -EFAULT. */
int memcpy_fromiovec(unsigned char *kdata, struct iovec *iov, int len);
/* ... from @offset on, leaving them as they are (memcpy_fromiovecend). */
int memcpy_fromiovecend(unsigned char *kdata, const struct iovec *iov, int offset, int len);
/* ... and into them (memcpy_toiovec). */
int memcpy_toiovec(struct iovec *iov, const unsigned char *kdata, int len);

/*
 * layers/af_inet.c: the AF_INET family.  inet_init registers TCP, UDP
 * and their receive handlers on @net (calls tcp_init, udp_init);
 * sim_inet_exit frees every socket.
 */
int inet_init(struct net *net);
void sim_inet_exit(struct net *net);
int inet_create(struct net *net, struct socket *sock, int protocol);
int inet_release(struct socket *sock);
int inet_sendmsg(struct socket *sock, struct msghdr *msg, size_t size);
int inet_recvmsg(struct socket *sock, struct msghdr *msg, size_t size, int flags);
int inet_stream_connect(struct socket *sock, struct sockaddr *uaddr, int addr_len, int flags);
int inet_dgram_connect(struct socket *sock, struct sockaddr *uaddr, int addr_len, int flags);
int inet_listen(struct socket *sock, int backlog);
int inet_accept(struct socket *sock, struct socket *newsock, int flags);
int inet_shutdown(struct socket *sock, int how);
extern const struct proto_ops inet_stream_ops;
extern const struct proto_ops inet_dgram_ops;
extern const struct proto_ops inet_sockraw_ops;
/* A socket of the kernel's own, with no file (the ICMP socket):
 * 0 and *@skp, or -Exxx. */
int inet_ctl_sock_create(struct sock **skp, unsigned short family, unsigned short type,
			 unsigned char protocol, struct net *net);
/* net/ipv4/ip_sockglue.c: SOL_IP options (IP_RECVERR, IP_MTU_DISCOVER),
 * the error queue. */
int ip_setsockopt(struct sock *sk, int level, int optname, const void *optval, int optlen);
void ip_icmp_error(struct sock *sk, struct sk_buff *skb, int err, __be16 port, u32 info,
		   u8 *payload);
int ip_recv_error(struct sock *sk, struct msghdr *msg, int len, int *addr_len);
/*
 * ip_local_port_range 32768..61000: the next ephemeral port, handed out
 * in order from a per-host counter (KERNEL: a hashed random start per
 * destination, inet_hash_connect / udp_lib_get_port).  @in_use(net,
 * port, arg) says whether a port is taken; 0 if all are.
 */
#define SIM_LOCAL_PORT_LOW	32768
#define SIM_LOCAL_PORT_HIGH	61000
u16 sim_inet_next_port(struct net *net, bool (*in_use)(struct net *, u16, void *),
		       void *arg);

/* layers/sock.c: default wake-ups and freeing */
void sock_def_wakeup(struct sock *sk);		/* sk_state_change */
void sock_def_readable(struct sock *sk, int len);	/* sk_data_ready */
void sock_def_error_report(struct sock *sk);
void sock_def_write_space(struct sock *sk);	/* datagram sk_write_space */
void sock_wfree(struct sk_buff *skb);
void sock_rfree(struct sk_buff *skb);
void sock_orphan(struct sock *sk);
/* A copy of listener @sk for a new connection (net/core/sock.c
 * sk_clone_lock): same protocol, buffers, addresses and callbacks; fresh
 * queues, no route, no socket, refcnt 1 (the caller's).  NULL if out of
 * memory. */
struct sock *sk_clone_lock(const struct sock *sk);
/* include/net/sock.h: a writer is woken once a third of the buffer is free. */
static inline int sk_stream_min_wspace(const struct sock *sk)
{
	return sk->sk_wmem_queued >> 1;
}
#define SOCK_SNDBUF_LOCK	1
#define SOCK_RCVBUF_LOCK	2
#define SOCK_MIN_SNDBUF		2048	/* 3.10 (later kernels: two full skbs) */
#define SOCK_MIN_RCVBUF		(2048 + SIM_SKB_HEAD_SIZE)	/* + sizeof(struct sk_buff) */
#define SIM_WMEM_DEFAULT	212992	/* sysctl net.core.wmem_default (SK_WMEM_MAX) */
#define SIM_RMEM_DEFAULT	212992	/* sysctl net.core.rmem_default */
/* SOL_SOCKET options (net/core/sock.c sock_setsockopt): SO_SNDBUF, SO_RCVBUF,
 * SO_REUSEADDR, SO_LINGER.  0 or -Exxx. */
int sock_setsockopt(struct socket *sock, int level, int optname, const void *optval,
		    int optlen);
int sys_setsockopt(struct net *net, int fd, int level, int optname, const void *optval,
		   int optlen);
/* SOL_SOCKET getsockopt: SO_SNDBUF, SO_RCVBUF, SO_REUSEADDR, SO_TYPE,
 * SO_ERROR, SO_LINGER.  0 or -Exxx; *@optlen is the bytes written. */
int sock_getsockopt(struct socket *sock, int level, int optname, void *optval, int *optlen);
/* proto_ops.setsockopt/getsockopt of every AF_INET socket: the protocol's. */
int sock_common_setsockopt(struct socket *sock, int level, int optname, const void *optval,
			   int optlen);
int sock_common_getsockopt(struct socket *sock, int level, int optname, void *optval,
			   int *optlen);
int inet_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg);
int sys_bind(struct net *net, int fd, struct sockaddr *umyaddr, int addrlen);
int inet_bind(struct socket *sock, struct sockaddr *uaddr, int addr_len);
int sys_getsockname(struct net *net, int fd, struct sockaddr_in *addr);	/* the BSD socket goes away */
void sock_graft(struct sock *sk, struct socket *parent);

#endif
