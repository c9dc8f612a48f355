/*
 * layers/ping.h - what ICMP hands the ping sockets.
 *
 * Mirrors include/net/ping.h (Linux 3.10): the two calls icmp.c makes
 * into net/ipv4/ping.c.  The sockets themselves
 * (socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP)) are not modelled: the
 * default net.ipv4.ping_group_range "1 0" lets no group open one, so on
 * a 3.10 machine ping uses a raw socket (layers/raw.c).
 */
#ifndef NETSTEP_LAYERS_PING_H
#define NETSTEP_LAYERS_PING_H

#include "kernel/types.h"

struct sk_buff;

/* From icmp_rcv: an echo reply (skb->data after the ICMP header); not
 * consumed (icmp_rcv frees it). */
void ping_rcv(struct sk_buff *skb);
/* From icmp_err: an ICMP error quoting an echo request; not consumed. */
void ping_err(struct sk_buff *skb, u32 info);

#endif
