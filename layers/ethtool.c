/*
 * layers/ethtool.c - the kernel's side of `ethtool -k` and `ethtool -K`:
 * a device's features, read and changed.
 *
 * Mirrors the feature half of net/core/ethtool.c (Linux 3.10): the name
 * of every feature bit (netdev_features_strings, the ETH_SS_FEATURES
 * string set), ETHTOOL_GFEATURES (ethtool_get_features: what may change,
 * what is wanted, what is on), ETHTOOL_SFEATURES (ethtool_set_features:
 * the wish goes into wanted_features, and __netdev_update_features in
 * layers/dev.c applies the rules), and the legacy commands ethtool still
 * reads for its summary lines (ETHTOOL_GTXCSUM ..., ETHTOOL_GFLAGS).
 *
 * Read before: layers/netdev_features.h, layers/ethtool.h.  Read after:
 * tools/ethtool_features.c (the user-space tool that prints and asks).
 *
 * KERNEL: no ioctl and no copy_from_user: the tool calls these
 * directly, with the structures the ioctl carries.  The legacy set
 * commands (ETHTOOL_SSG ...) are left out: ethtool 3.10 uses
 * ETHTOOL_SFEATURES whenever the kernel has named features.
 */
#include "layers/ethtool.h"
#include "layers/netdevice.h"
#include "layers/net_namespace.h"
#include "events/offload.h"

static const char KSRC[] = "net/core/ethtool.c";

const char netdev_features_strings[NETDEV_FEATURE_COUNT][ETH_GSTRING_LEN] = {
	[NETIF_F_SG_BIT] = "tx-scatter-gather",
	[NETIF_F_IP_CSUM_BIT] = "tx-checksum-ipv4",
	[NETIF_F_HW_CSUM_BIT] = "tx-checksum-ip-generic",
	[NETIF_F_IPV6_CSUM_BIT] = "tx-checksum-ipv6",
	[NETIF_F_HIGHDMA_BIT] = "highdma",
	[NETIF_F_FRAGLIST_BIT] = "tx-scatter-gather-fraglist",
	[NETIF_F_HW_VLAN_CTAG_TX_BIT] = "tx-vlan-hw-insert",
	[NETIF_F_HW_VLAN_CTAG_RX_BIT] = "rx-vlan-hw-parse",
	[NETIF_F_HW_VLAN_CTAG_FILTER_BIT] = "rx-vlan-filter",
	[NETIF_F_HW_VLAN_STAG_TX_BIT] = "tx-vlan-stag-hw-insert",
	[NETIF_F_HW_VLAN_STAG_RX_BIT] = "rx-vlan-stag-hw-parse",
	[NETIF_F_HW_VLAN_STAG_FILTER_BIT] = "rx-vlan-stag-filter",
	[NETIF_F_VLAN_CHALLENGED_BIT] = "vlan-challenged",
	[NETIF_F_GSO_BIT] = "tx-generic-segmentation",
	[NETIF_F_LLTX_BIT] = "tx-lockless",
	[NETIF_F_NETNS_LOCAL_BIT] = "netns-local",
	[NETIF_F_GRO_BIT] = "rx-gro",
	[NETIF_F_LRO_BIT] = "rx-lro",
	[NETIF_F_TSO_BIT] = "tx-tcp-segmentation",
	[NETIF_F_UFO_BIT] = "tx-udp-fragmentation",
	[NETIF_F_GSO_ROBUST_BIT] = "tx-gso-robust",
	[NETIF_F_TSO_ECN_BIT] = "tx-tcp-ecn-segmentation",
	[NETIF_F_TSO6_BIT] = "tx-tcp6-segmentation",
	[NETIF_F_FSO_BIT] = "tx-fcoe-segmentation",
	[NETIF_F_GSO_GRE_BIT] = "tx-gre-segmentation",
	[NETIF_F_GSO_UDP_TUNNEL_BIT] = "tx-udp_tnl-segmentation",
	[NETIF_F_FCOE_CRC_BIT] = "tx-checksum-fcoe-crc",
	[NETIF_F_SCTP_CSUM_BIT] = "tx-checksum-sctp",
	[NETIF_F_FCOE_MTU_BIT] = "fcoe-mtu",
	[NETIF_F_NTUPLE_BIT] = "rx-ntuple-filter",
	[NETIF_F_RXHASH_BIT] = "rx-hashing",
	[NETIF_F_RXCSUM_BIT] = "rx-checksum",
	[NETIF_F_NOCACHE_COPY_BIT] = "tx-nocache-copy",
	[NETIF_F_LOOPBACK_BIT] = "loopback",
	[NETIF_F_RXFCS_BIT] = "rx-fcs",
	[NETIF_F_RXALL_BIT] = "rx-all",
};

/**
 * ethtool_get_features - ETHTOOL_GFEATURES: each feature set of @dev,
 * 32 bits per block
 *
 * Returns 0.
 */
int
ethtool_get_features(struct net_device *dev, struct ethtool_gfeatures *cmd)
{
	trace_ethtool_get_features(dev);
	cmd->size = ETHTOOL_DEV_FEATURE_WORDS;
	for (int i = 0; i < ETHTOOL_DEV_FEATURE_WORDS; i++) {
		cmd->features[i].available = (u32)(dev->hw_features >> (32 * i));
		cmd->features[i].requested = (u32)(dev->wanted_features >> (32 * i));
		cmd->features[i].active = (u32)(dev->features >> (32 * i));
		cmd->features[i].never_changed = (u32)(NETIF_F_NEVER_CHANGE >> (32 * i));
	}
	return 0;
}

/**
 * ethtool_set_features - ETHTOOL_SFEATURES: the user wants the features
 * in valid[] to be as in requested[]
 *
 * Only what the device lets change (hw_features) is taken into
 * wanted_features; then the rules decide (__netdev_update_features).
 * Returns -EINVAL for a bad request, else 0, or'ed with
 * ETHTOOL_F_UNSUPPORTED (a fixed feature was asked for) and
 * ETHTOOL_F_WISH (the rules left a wish unfulfilled).
 */
int
ethtool_set_features(struct net_device *dev, const struct ethtool_sfeatures *cmd)
{
	netdev_features_t wanted = 0, valid = 0;
	int ret = 0;

	if (cmd->size != ETHTOOL_DEV_FEATURE_WORDS)
		return -EINVAL;
	for (int i = 0; i < ETHTOOL_DEV_FEATURE_WORDS; i++) {
		valid |= (netdev_features_t)cmd->features[i].valid << (32 * i);
		wanted |= (netdev_features_t)cmd->features[i].requested << (32 * i);
	}
	trace_ethtool_set_features(dev, valid, wanted);
	if (valid & ~NETIF_F_ETHTOOL_BITS)
		return -EINVAL;
	if (valid & ~dev->hw_features) {
		valid &= dev->hw_features;
		ret |= ETHTOOL_F_UNSUPPORTED;
	}
	dev->wanted_features &= ~valid;
	dev->wanted_features |= wanted & valid;
	__netdev_update_features(dev);
	if ((dev->wanted_features ^ dev->features) & valid)
		ret |= ETHTOOL_F_WISH;
	return ret;
}

/**
 * ethtool_get_one_feature - a legacy ETHTOOL_G* command: is any feature
 * of its group on?  (ETHTOOL_GTXCSUM: any checksum offload ...)
 * Returns 1 or 0, or -EOPNOTSUPP for a command that is not one of them.
 */
int
ethtool_get_one_feature(struct net_device *dev, u32 ethcmd)
{
	netdev_features_t mask;

	/* ethtool_get_feature_mask */
	switch (ethcmd) {
	case ETHTOOL_GTXCSUM:
		mask = NETIF_F_ALL_CSUM | NETIF_F_SCTP_CSUM;
		break;
	case ETHTOOL_GRXCSUM:
		mask = NETIF_F_RXCSUM;
		break;
	case ETHTOOL_GSG:
		mask = NETIF_F_SG;
		break;
	case ETHTOOL_GTSO:
		mask = NETIF_F_ALL_TSO;
		break;
	case ETHTOOL_GUFO:
		mask = NETIF_F_UFO;
		break;
	case ETHTOOL_GGSO:
		mask = NETIF_F_GSO;
		break;
	case ETHTOOL_GGRO:
		mask = NETIF_F_GRO;
		break;
	default:
		return -EOPNOTSUPP;
	}
	return !!(dev->features & mask);
}

/* __ethtool_get_flags - ETHTOOL_GFLAGS: the features that have a flag. */
u32
__ethtool_get_flags(struct net_device *dev)
{
	u32 flags = 0;

	if (dev->features & __NETIF_F(LRO))
		flags |= ETH_FLAG_LRO;
	if (dev->features & __NETIF_F(HW_VLAN_CTAG_RX))
		flags |= ETH_FLAG_RXVLAN;
	if (dev->features & __NETIF_F(HW_VLAN_CTAG_TX))
		flags |= ETH_FLAG_TXVLAN;
	if (dev->features & __NETIF_F(NTUPLE))
		flags |= ETH_FLAG_NTUPLE;
	if (dev->features & __NETIF_F(RXHASH))
		flags |= ETH_FLAG_RXHASH;
	return flags;
}
