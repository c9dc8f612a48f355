/*
 * layers/arp.h - ARP, the Address Resolution Protocol [RFC 826]: the
 * IPv4-over-Ethernet half of the neighbour subsystem.
 *
 * Mirrors include/uapi/linux/if_arp.h, include/net/arp.h and
 * net/ipv4/arp.c (Linux 3.10).  The generic state machine is in
 * layers/neighbour.c; this file's code builds and parses the 28-byte
 * ARP body and answers requests for our own addresses.
 */
#ifndef NETSTEP_LAYERS_ARP_H
#define NETSTEP_LAYERS_ARP_H

#include "kernel/types.h"
#include "layers/skbuff.h"
#include "layers/netdevice.h"

struct net;
struct neighbour;

/* ARP opcodes, include/uapi/linux/if_arp.h */
#define ARPOP_REQUEST	1		/* who has <tip>? tell <sip> */
#define ARPOP_REPLY	2		/* <sip> is at <sha> */

/* The fixed part of an ARP packet; the addresses follow it. */
struct arphdr {
	__be16 ar_hrd;			/* hardware type: ARPHRD_ETHER (1) */
	__be16 ar_pro;			/* protocol type: ETH_P_IP (0x0800) */
	unsigned char ar_hln;		/* hardware address length: 6 */
	unsigned char ar_pln;		/* protocol address length: 4 */
	__be16 ar_op;			/* ARPOP_REQUEST / ARPOP_REPLY */
	/* then: sender MAC (6), sender IP (4), target MAC (6), target IP (4) */
} __attribute__((packed));

static inline struct arphdr *arp_hdr(const struct sk_buff *skb)
{
	return (struct arphdr *)skb_network_header(skb);
}

/* Header plus two hardware and two IPv4 addresses: 28 for Ethernet. */
static inline unsigned int arp_hdr_len(const struct net_device *dev)
{
	return sizeof(struct arphdr) + (dev->addr_len + sizeof(u32)) * 2;
}

/* Per-host setup: the ARP neighbour table and the ETH_P_ARP handler. */
void arp_init(struct net *net);
void sim_arp_exit(struct net *net);

/* A device went down: forget its neighbours (neigh_ifdown on arp_tbl). */
void arp_ifdown(struct net_device *dev);

int arp_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
	    struct net_device *orig_dev);
struct sk_buff *arp_create(int type, int ptype, __be32 dest_ip, struct net_device *dev,
			   __be32 src_ip, const unsigned char *dest_hw,
			   const unsigned char *src_hw, const unsigned char *target_hw);
void arp_xmit(struct sk_buff *skb);
void arp_send(int type, int ptype, __be32 dest_ip, struct net_device *dev, __be32 src_ip,
	      const unsigned char *dest_hw, const unsigned char *src_hw,
	      const unsigned char *target_hw);

/* ARP cache helpers, include/net/arp.h */
u32 arp_hashfn(u32 key, const struct net_device *dev, u32 hash_rnd);
int arp_mc_map(__be32 addr, u8 *haddr, struct net_device *dev, int dir);

#endif
