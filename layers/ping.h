/*
 * layers/ping.h - the ICMP echo ("ping") socket of a host.
 *
 * Mirrors include/net/ping.h and the parts of include/uapi/linux/errqueue.h
 * (Linux 3.10) that the ping tool reads.  The socket is what
 * socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP) gives user space: it sends
 * echo requests the tool builds (the kernel sets the id to the socket's
 * ident), and it hands back echo replies for that ident (recvmsg) and the
 * ICMP errors quoting its requests (recvmsg with MSG_ERRQUEUE, because
 * iputils sets IP_RECVERR).
 *
 * In netstep the "user space" side is tools/ping.c; instead of a receive
 * queue and an error queue, the socket calls the tool's two callbacks.
 */
#ifndef NETSTEP_LAYERS_PING_H
#define NETSTEP_LAYERS_PING_H

#include "kernel/types.h"

struct net;
struct sk_buff;
struct icmphdr;

/* include/uapi/linux/errqueue.h: what MSG_ERRQUEUE returns. */
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

struct ping_sock;

/* The user side of the socket (tools/ping.c). */
struct ping_sock_ops {
	/* An echo reply for us: @icmp is the ICMP message (header and data,
	 * @len bytes) as recvmsg returns it, @from the sender, @ttl the
	 * IP_TTL control message. */
	void (*sk_data_ready)(struct ping_sock *ps, __be32 from, u8 ttl,
			      const u8 *icmp, unsigned int len);
	/* An error about one of our echo requests: @offender sent the ICMP
	 * (SO_EE_OFFENDER), @target is where the request was going
	 * (msg_name), @orig is the request's ICMP header. */
	void (*sk_error_report)(struct ping_sock *ps, const struct sock_extended_err *ee,
				__be32 offender, __be32 target, const struct icmphdr *orig);
	/* The socket is closing (host teardown): free sk_user_data. */
	void (*sk_destruct)(struct ping_sock *ps);
};

/* include/net/ping.h (struct inet_sock of a ping socket, trimmed). */
struct ping_sock {
	struct net *net;		/* owning host */
	u16 ident;			/* echo id = the socket's "port" (inet_num) */
	int pmtudisc;			/* IP_MTU_DISCOVER: IP_PMTUDISC_* */
	const struct ping_sock_ops *ops;	/* the tool's callbacks */
	void *sk_user_data;		/* the tool's state */
	unsigned long rx_replies;	/* echo replies delivered */
	unsigned long rx_errors;	/* errors delivered */
	/* KERNEL: struct sock proper: receive and error queues, sndbuf,
	 * bound device, hash linkage, IP_RECVERR flag (always on here). */
};

/* socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP) + bind: the host's one ping
 * socket, created on first use (ping_init_sock + ping_v4_get_port). */
struct ping_sock *ping_init_sock(struct net *net);
/* close(): calls sk_destruct and frees the socket. */
void ping_close(struct ping_sock *ps);
/* sendmsg(): @msg is an ICMP echo request (header and data) of @len
 * bytes; returns 0 or -Exxx (-EMSGSIZE after a local error report). */
int ping_sendmsg(struct ping_sock *ps, __be32 daddr, const void *msg, unsigned int len);
/* From icmp_rcv: an echo reply (skb->data after the ICMP header). */
void ping_rcv(struct sk_buff *skb);
/* icmp_protocol.err_handler: an ICMP error quoting an ICMP packet. */
void ping_err(struct sk_buff *skb, u32 info);
/* Host teardown (from sim_ip_exit). */
void sim_ping_exit(struct net *net);

/* tools/ping.c (the user side): is a ping run on @net still waiting for
 * replies or its timeout?  The console runs the engine while it is. */
bool ping_running(struct net *net);
/* Exit status of the last run: 0 replies, 1 none, 2 no run. */
int ping_result(struct net *net);

#endif
