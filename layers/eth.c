/*
 * layers/eth.c - Ethernet framing: the 14-byte header every frame
 * carries (destination MAC, source MAC, EtherType).
 *
 * Mirrors net/ethernet/eth.c (Linux 3.10).  On the way out, the
 * neighbour layer (layers/neighbour.c, read before this file) calls
 * dev_hard_header() -> eth_header() with the MAC it resolved, or copies
 * the header cached by eth_header_cache().  On the way in, the driver
 * calls eth_type_trans() to strip the header and learn which protocol
 * handler (ip_rcv, arp_rcv in layers/dev.c's ptype list) gets the frame.
 * Read layers/dev.c after this file.
 *
 * Left out: 802.2/802.3 length framing beyond recognising it, DSA
 * tagging, eth_header_parse, eth_rebuild_header (gone in later
 * kernels), eth_mac_addr/eth_change_mtu helpers.
 */
#include "layers/netdevice.h"
#include "layers/neighbour.h"
#include "kernel/trace.h"
#include "layers/net_namespace.h"
#include "events/net.h"

#include <string.h>

static const char KSRC[] = "net/ethernet/eth.c";

/* EtherType values below this are 802.3 lengths, include/uapi/linux/if_ether.h */
#define ETH_P_802_3_MIN	0x0600
#define ETH_P_802_3	0x0001		/* dummy type for 802.3 frames */
#define ETH_P_802_2	0x0004		/* 802.2 LLC frames */

static bool
sim_is_multicast_ether_addr(const u8 *addr)
{
	return addr[0] & 0x01;		/* I/G bit: group address */
}

static bool
sim_ether_addr_equal(const u8 *a, const u8 *b)
{
	return memcmp(a, b, ETH_ALEN) == 0;
}

/**
 * eth_header - push the Ethernet header in front of skb->data
 * @skb: buffer with at least ETH_HLEN of headroom; stays owned by the caller
 * @dev: source device (its MAC is the default source)
 * @type: EtherType in host order (ETH_P_IP, ETH_P_ARP)
 * @daddr: destination MAC, NULL if not known yet
 * @saddr: source MAC, NULL for dev->dev_addr
 * @len: payload length (used only for 802.3 framing)
 *
 * Returns ETH_HLEN when the header is complete and -ETH_HLEN when the
 * destination is still unknown: the header is pushed either way, which
 * is why callers such as neigh_resolve_output pull back to the network
 * header before trying again.
 */
int
eth_header(struct sk_buff *skb, struct net_device *dev, unsigned short type,
	   const void *daddr, const void *saddr, unsigned int len)
{
	struct ethhdr *eth;

	trace_eth_header(skb, dev, type, daddr);
	eth = (struct ethhdr *)skb_push(skb, ETH_HLEN);
	/* 802.3 frames carry a length where Ethernet II has the type. */
	if (type != ETH_P_802_3 && type != ETH_P_802_2)
		eth->h_proto = htons(type);
	else
		eth->h_proto = htons(len);

	if (!saddr)
		saddr = dev->dev_addr;
	memcpy(eth->h_source, saddr, ETH_ALEN);

	if (daddr) {
		memcpy(eth->h_dest, daddr, ETH_ALEN);
		return ETH_HLEN;
	}
	/* Devices that never resolve (loopback, NOARP) accept a zero MAC. */
	if (dev->flags & (IFF_LOOPBACK | IFF_NOARP)) {
		memset(eth->h_dest, 0, ETH_ALEN);
		return ETH_HLEN;
	}
	trace_eth_no_daddr(dev, skb, -ETH_HLEN);
	return -ETH_HLEN;
}

/**
 * eth_type_trans - identify an incoming frame and strip its header
 * @skb: received frame, data at the Ethernet header; stays owned by the caller
 * @dev: device it arrived on
 *
 * Sets skb->dev, the MAC header offset and skb->pkt_type (HOST,
 * BROADCAST, MULTICAST or OTHERHOST by comparing the destination with
 * our MAC), pulls ETH_HLEN and returns the protocol in network order for
 * skb->protocol.
 */
__be16
eth_type_trans(struct sk_buff *skb, struct net_device *dev)
{
	struct ethhdr *eth;

	trace_eth_type_trans(skb, dev);
	skb->dev = dev;
	skb_reset_mac_header(skb);
	if (unlikely(skb->len < ETH_HLEN)) {
		/* NOTE: drivers drop runts before this; should one get here,
		 * read nothing past its end and hand back a type that no
		 * handler claims, so the caller drops and counts it. */
		skb->pkt_type = PACKET_OTHERHOST;
		trace_eth_runt(dev, skb);
		return 0;
	}
	skb_pull(skb, ETH_HLEN);
	eth = eth_hdr(skb);

	if (sim_is_multicast_ether_addr(eth->h_dest)) {
		if (sim_ether_addr_equal(eth->h_dest, dev->broadcast))
			skb->pkt_type = PACKET_BROADCAST;
		else
			skb->pkt_type = PACKET_MULTICAST;
	} else if (!sim_ether_addr_equal(eth->h_dest, dev->dev_addr)) {
		/* Only a promiscuous card passes these up; the IP and ARP
		 * handlers drop them. */
		skb->pkt_type = PACKET_OTHERHOST;
	} else {
		skb->pkt_type = PACKET_HOST;
	}

	if (ntohs(eth->h_proto) >= ETH_P_802_3_MIN)
		return eth->h_proto;
	/* A length, not a type: raw 802.3 (Novell's 0xFFFF) or 802.2 LLC. */
	if (skb->len >= 2 && skb->data[0] == 0xFF && skb->data[1] == 0xFF)
		return htons(ETH_P_802_3);
	return htons(ETH_P_802_2);
}

/**
 * eth_header_cache - build a neighbour's cached Ethernet header
 * @neigh: resolved neighbour (ha valid)
 * @hh: its cache slot; the header goes right-aligned in hh_data
 * @type: EtherType, network order
 *
 * After this, dst_neigh_output() sends through neigh_hh_output(): one
 * memcpy instead of building the header per packet.
 */
int
eth_header_cache(const struct neighbour *neigh, struct hh_cache *hh, __be16 type)
{
	const struct net_device *dev = neigh->dev;
	struct ethhdr *eth;

	trace_eth_header_cache(neigh);
	if (type == htons(ETH_P_802_3))
		return -1;
	eth = (struct ethhdr *)(hh->hh_data + HH_DATA_OFF(sizeof(*eth)));
	eth->h_proto = type;
	memcpy(eth->h_source, dev->dev_addr, ETH_ALEN);
	memcpy(eth->h_dest, neigh->ha, ETH_ALEN);
	hh->hh_len = ETH_HLEN;
	return 0;
}

/**
 * eth_header_cache_update - the neighbour's MAC changed: patch the cache
 * @hh: cache slot built by eth_header_cache
 * @dev: device (unused, kept for the kernel signature)
 * @haddr: the new destination MAC
 */
void
eth_header_cache_update(struct hh_cache *hh, const struct net_device *dev,
			const unsigned char *haddr)
{
	trace_eth_header_cache_update(dev, haddr);
	memcpy(hh->hh_data + HH_DATA_OFF(sizeof(struct ethhdr)), haddr, ETH_ALEN);
}

const struct header_ops eth_header_ops = {
	.create		= eth_header,
	.cache		= eth_header_cache,
	.cache_update	= eth_header_cache_update,
};

/**
 * ether_setup - fill in the Ethernet defaults of a new net_device
 * @dev: device being allocated (alloc_etherdev_mq calls this)
 */
void
ether_setup(struct net_device *dev)
{
	/* NOTE: dev->nd_net may still be NULL here; the trace then skips it. */
	trace_ether_setup(dev);
	dev->header_ops = &eth_header_ops;
	dev->type = ARPHRD_ETHER;
	dev->hard_header_len = ETH_HLEN;
	dev->mtu = ETH_DATA_LEN;
	dev->addr_len = ETH_ALEN;
	dev->tx_queue_len = 1000;	/* "Ethernet wants good queues" */
	/* KERNEL: also IFF_MULTICAST and priv_flags IFF_TX_SKB_SHARING. */
	dev->flags = IFF_BROADCAST;
	memset(dev->broadcast, 0xFF, ETH_ALEN);
}
