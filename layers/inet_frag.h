/*
 * layers/inet_frag.h - the reassembly queues of layers/ip_fragment.c.
 *
 * Mirrors include/net/inet_frag.h (struct inet_frag_queue, struct
 * netns_frags, the INET_FRAG_* bits) and struct ipq of
 * net/ipv4/ip_fragment.c (Linux 3.10).  Only layers/ip_fragment.c
 * changes them; they are in a header so that its tracepoints
 * (events/ip.h) can read a queue.
 */
#ifndef NETSTEP_LAYERS_INET_FRAG_H
#define NETSTEP_LAYERS_INET_FRAG_H

#include "kernel/types.h"
#include "kernel/engine.h"

struct net;
struct sk_buff;

/* ipq.last_in bits (include/net/inet_frag.h, 3.10 names) */
#define INET_FRAG_COMPLETE	4	/* queue is dead or done */
#define INET_FRAG_FIRST_IN	2	/* offset-0 fragment is here */
#define INET_FRAG_LAST_IN	1	/* fragment with MF clear is here */

/* One datagram being reassembled (struct ipq + struct inet_frag_queue). */
struct ipq {
	struct list_head lru_list;	/* on ipq_table.lru_list, oldest first */
	struct net *net;		/* owning host */
	__be32 saddr;			/* the key ... */
	__be32 daddr;
	__be16 id;
	u8 protocol;			/* ... of the datagram */
	u8 last_in;			/* INET_FRAG_* */
	struct sk_buff *fragments;	/* sorted by offset, via skb->next */
	int len;			/* payload length, final once LAST_IN */
	int meat;			/* payload bytes received so far */
	int mem;			/* truesize of the held fragments */
	u16 max_size;			/* biggest fragment seen */
	struct timer_list timer;	/* ip_expire after ipfrag_time */
	/* KERNEL: refcnt, lock, hash list, rcu, ECN bits, inet_peer. */
};

/* The host's reassembly state (struct netns_frags for IPv4). */
struct ipq_table {
	struct list_head lru_list;	/* every live queue, least recently fed first */
	int nqueues;			/* queues on the list */
	int mem;			/* truesize of every held fragment */
	int high_thresh;		/* evict above this ... */
	int low_thresh;			/* ... down to this */
	int timeout;			/* jiffies a queue may wait */
};

#endif
