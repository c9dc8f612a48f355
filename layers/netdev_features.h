/*
 * layers/netdev_features.h - what a network device can do for the
 * stack: scatter-gather, checksums, segmentation (NETIF_F_*).
 *
 * Mirrors include/linux/netdev_features.h (Linux 3.10), every bit in its
 * 3.10 position, because `ethtool -k` lists them all in that order
 * (net/core/ethtool.c names them, layers/ethtool.c here).  A device has
 * three sets (layers/netdevice.h):
 *   hw_features	what the user may switch with `ethtool -K`
 *   wanted_features	what the user asked for
 *   features		what is on: wanted, minus what netdev_fix_features
 *			(layers/dev.c) forbids, e.g. TSO without SG
 * and a socket caches its route's device features in sk_route_caps
 * (sk_setup_caps, layers/sock.c).
 *
 * Read it before layers/dev.c (netdev_fix_features, dev_hard_start_xmit:
 * GSO in software when the device cannot segment) and layers/tcp.c
 * (tcp_sendmsg: page frags when the route has SG).
 */
#ifndef NETSTEP_LAYERS_NETDEV_FEATURES_H
#define NETSTEP_LAYERS_NETDEV_FEATURES_H

#include "kernel/types.h"

typedef u64 netdev_features_t;

enum {
	NETIF_F_SG_BIT,			/* scatter-gather: page frags in one packet */
	NETIF_F_IP_CSUM_BIT,		/* checksums TCP/UDP over IPv4 */
	__UNUSED_NETIF_F_1,
	NETIF_F_HW_CSUM_BIT,		/* checksums any packet */
	NETIF_F_IPV6_CSUM_BIT,		/* checksums TCP/UDP over IPv6 */
	NETIF_F_HIGHDMA_BIT,		/* DMA to high memory */
	NETIF_F_FRAGLIST_BIT,		/* takes a frag_list */
	NETIF_F_HW_VLAN_CTAG_TX_BIT,
	NETIF_F_HW_VLAN_CTAG_RX_BIT,
	NETIF_F_HW_VLAN_CTAG_FILTER_BIT,
	NETIF_F_VLAN_CHALLENGED_BIT,
	NETIF_F_GSO_BIT,		/* segmentation in software */
	NETIF_F_LLTX_BIT,
	NETIF_F_NETNS_LOCAL_BIT,
	NETIF_F_GRO_BIT,		/* generic receive offload */
	NETIF_F_LRO_BIT,

	NETIF_F_GSO_SHIFT,		/* the SKB_GSO_* bits, in their order: */
	NETIF_F_TSO_BIT = NETIF_F_GSO_SHIFT,	/* ... TCPv4 segmentation */
	NETIF_F_UFO_BIT,
	NETIF_F_GSO_ROBUST_BIT,
	NETIF_F_TSO_ECN_BIT,
	NETIF_F_TSO6_BIT,
	NETIF_F_FSO_BIT,
	NETIF_F_GSO_GRE_BIT,
	NETIF_F_GSO_UDP_TUNNEL_BIT,
	NETIF_F_GSO_LAST = NETIF_F_GSO_UDP_TUNNEL_BIT,

	NETIF_F_FCOE_CRC_BIT,
	NETIF_F_SCTP_CSUM_BIT,
	NETIF_F_FCOE_MTU_BIT,
	NETIF_F_NTUPLE_BIT,
	NETIF_F_RXHASH_BIT,
	NETIF_F_RXCSUM_BIT,		/* checksums received packets */
	NETIF_F_NOCACHE_COPY_BIT,
	NETIF_F_LOOPBACK_BIT,
	NETIF_F_RXFCS_BIT,
	NETIF_F_RXALL_BIT,
	NETIF_F_HW_VLAN_STAG_TX_BIT,
	NETIF_F_HW_VLAN_STAG_RX_BIT,
	NETIF_F_HW_VLAN_STAG_FILTER_BIT,

	NETDEV_FEATURE_COUNT
};

#define __NETIF_F_BIT(bit)	((netdev_features_t)1 << (bit))
#define __NETIF_F(name)		__NETIF_F_BIT(NETIF_F_##name##_BIT)

#define NETIF_F_SG		__NETIF_F(SG)
#define NETIF_F_IP_CSUM		__NETIF_F(IP_CSUM)
#define NETIF_F_HW_CSUM		__NETIF_F(HW_CSUM)
#define NETIF_F_IPV6_CSUM	__NETIF_F(IPV6_CSUM)
#define NETIF_F_HIGHDMA		__NETIF_F(HIGHDMA)
#define NETIF_F_FRAGLIST	__NETIF_F(FRAGLIST)
#define NETIF_F_VLAN_CHALLENGED	__NETIF_F(VLAN_CHALLENGED)
#define NETIF_F_GSO		__NETIF_F(GSO)
#define NETIF_F_LLTX		__NETIF_F(LLTX)
#define NETIF_F_NETNS_LOCAL	__NETIF_F(NETNS_LOCAL)
#define NETIF_F_GRO		__NETIF_F(GRO)
#define NETIF_F_TSO		__NETIF_F(TSO)
#define NETIF_F_UFO		__NETIF_F(UFO)
#define NETIF_F_GSO_ROBUST	__NETIF_F(GSO_ROBUST)
#define NETIF_F_TSO_ECN		__NETIF_F(TSO_ECN)
#define NETIF_F_TSO6		__NETIF_F(TSO6)
#define NETIF_F_FCOE_CRC	__NETIF_F(FCOE_CRC)
#define NETIF_F_SCTP_CSUM	__NETIF_F(SCTP_CSUM)
#define NETIF_F_RXCSUM		__NETIF_F(RXCSUM)
#define NETIF_F_NOCACHE_COPY	__NETIF_F(NOCACHE_COPY)

/* Never changed by ethtool: properties of the driver, not settings. */
#define NETIF_F_NEVER_CHANGE	(NETIF_F_VLAN_CHALLENGED | NETIF_F_LLTX | NETIF_F_NETNS_LOCAL)
/* Every bit ethtool may name (the count is below 64). */
#define NETIF_F_ETHTOOL_BITS	((__NETIF_F_BIT(NETDEV_FEATURE_COUNT) - 1) & ~NETIF_F_NEVER_CHANGE)

/* The segmentation bits, in SKB_GSO_* order (net_gso_ok). */
#define NETIF_F_GSO_MASK	(__NETIF_F_BIT(NETIF_F_GSO_LAST + 1) - \
				 __NETIF_F_BIT(NETIF_F_GSO_SHIFT))
/* Segmentation the stack can do in software (skb_gso_segment). */
#define NETIF_F_GSO_SOFTWARE	(NETIF_F_TSO | NETIF_F_TSO_ECN | NETIF_F_TSO6 | NETIF_F_UFO)

#define NETIF_F_GEN_CSUM	NETIF_F_HW_CSUM
#define NETIF_F_V4_CSUM		(NETIF_F_GEN_CSUM | NETIF_F_IP_CSUM)
#define NETIF_F_V6_CSUM		(NETIF_F_GEN_CSUM | NETIF_F_IPV6_CSUM)
#define NETIF_F_ALL_CSUM	(NETIF_F_V4_CSUM | NETIF_F_V6_CSUM)
#define NETIF_F_ALL_TSO		(NETIF_F_TSO | NETIF_F_TSO6 | NETIF_F_TSO_ECN)

/* What every registered device gets, needing no hardware. */
#define NETIF_F_SOFT_FEATURES	(NETIF_F_GSO | NETIF_F_GRO)

/* The trace's way of showing a feature set (a tp_custom printer): the
 * NETIF_F_ names of its bits, "SG|GSO|GRO", or "-".  layers/dev.c. */
struct trace_buf;
void sim_netdev_features_print(struct trace_buf *b, const void *p);

/* net_gso_ok (include/linux/netdevice.h): do @features cover @gso_type? */
static inline bool
net_gso_ok(netdev_features_t features, int gso_type)
{
	netdev_features_t feature = (netdev_features_t)gso_type << NETIF_F_GSO_SHIFT;

	return (features & feature) == feature;
}

#endif
