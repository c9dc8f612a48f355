/*
 * layers/udp.h - UDP over IPv4: the protocol table and the per-host
 * socket table.
 *
 * Mirrors include/net/udp.h and include/linux/udp.h (Linux 3.10).  The
 * functions live in layers/udp.c.
 */
#ifndef NETSTEP_LAYERS_UDP_H
#define NETSTEP_LAYERS_UDP_H

#include "layers/sock.h"
#include "layers/ip.h"

struct net;

/* include/linux/udp.h: a UDP socket is an inet_sock and nothing more here. */
struct udp_sock {
	struct inet_sock inet;		/* must be first */
	/* KERNEL: pending/corkflag/len (UDP_CORK), encap_rcv, checksum coverage
	 * for UDP-Lite left out. */
};

/* include/net/udp.h: the bound UDP sockets of a host.
 * KERNEL: hashed by port (udp_table.hash, hash2); a list serves. */
struct udp_table {
	struct list_head socks;		/* struct sock.sk_node, in bind order */
	int count;			/* sockets on the list */
};

static inline struct udphdr *udp_hdr(const struct sk_buff *skb)
{
	return (struct udphdr *)skb_transport_header(skb);
}

extern const struct proto udp_prot;

int udp_init(struct net *net);
void sim_udp_exit(struct net *net);	/* frees every UDP socket */
int udp_rcv(struct sk_buff *skb);	/* consumes @skb */
void udp_err(struct sk_buff *skb, u32 info);
struct sock *__udp4_lib_lookup(struct net *net, __be32 saddr, __be16 sport,
			       __be32 daddr, __be16 dport);
int udp_sendmsg(struct sock *sk, struct msghdr *msg, size_t len);
int udp_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int noblock,
		int flags, int *addr_len);
int udp_v4_get_port(struct sock *sk, unsigned short snum);
/* connect() of UDP and raw sockets (net/ipv4/datagram.c), and
 * connect(AF_UNSPEC) (udp_disconnect, which raw sockets use too). */
int ip4_datagram_connect(struct sock *sk, struct sockaddr *uaddr, int addr_len);
int udp_disconnect(struct sock *sk, int flags);
/* Fill @uh's checksum for the datagram from @saddr to @daddr (header and
 * payload, @len bytes, contiguous); a result of 0 is sent as 0xffff. */
void sim_udp_set_csum(struct udphdr *uh, __be32 saddr, __be32 daddr, unsigned int len);
/* For ss -uan: each UDP socket of @net, in bind order. */
int sim_udp_for_each_sock(struct net *net, int (*fn)(struct sock *sk, void *arg), void *arg);

#endif
