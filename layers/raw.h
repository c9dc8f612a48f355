/*
 * layers/raw.h - raw IPv4 sockets: socket(AF_INET, SOCK_RAW, protocol).
 *
 * Mirrors include/net/raw.h, include/linux/raw.h (struct raw_sock) and
 * include/uapi/linux/icmp.h (ICMP_FILTER) of Linux 3.10.  The functions
 * live in layers/raw.c.
 */
#ifndef NETSTEP_LAYERS_RAW_H
#define NETSTEP_LAYERS_RAW_H

#include "layers/sock.h"

/* include/uapi/linux/icmp.h: setsockopt(SOL_RAW, ICMP_FILTER) takes a
 * mask of the ICMP types (below 32) the socket does not want. */
#define ICMP_FILTER	1
struct icmp_filter {
	u32 data;			/* bit t set: type t is filtered out */
};

/* include/linux/raw.h */
struct raw_sock {
	struct inet_sock inet;		/* must be first */
	struct icmp_filter filter;	/* for IPPROTO_ICMP sockets */
	/* KERNEL: ipmr_table (multicast routing daemons) left out. */
};

static inline struct raw_sock *raw_sk(const struct sock *sk)
{
	return (struct raw_sock *)sk;
}

extern const struct proto raw_prot;

/* ip_local_deliver_finish: a clone of @skb to every raw socket of its
 * protocol; true if there was one.  @skb stays the caller's. */
int raw_local_deliver(struct sk_buff *skb, int protocol);
/* icmp_unreach: an ICMP error quoting a packet of @protocol, for the
 * raw sockets of that protocol.  @skb stays the caller's. */
void raw_icmp_error(struct sk_buff *skb, int protocol, u32 info);

#endif
