/*
 * layers/ethtool.h - struct ethtool_ops, how the ethtool command reaches
 * a driver without knowing which driver it is.
 *
 * Mirrors include/linux/ethtool.h and the structures of
 * include/uapi/linux/ethtool.h (Linux 3.10).  A driver fills one
 * ethtool_ops table (igb_ethtool_ops in nic/igb_ethtool.c, as the
 * kernel's igb_ethtool.c) and points dev->ethtool_ops at it;
 * tools/ethtool.c calls through it, as net/core/ethtool.c does for the
 * SIOCETHTOOL ioctl.
 *
 * The device's features (`ethtool -k` / `-K`) are the core's, not the
 * driver's: layers/ethtool.c answers them from dev->features and its
 * sibling sets, as net/core/ethtool.c does.
 *
 * KERNEL: only the operations `ethtool DEV`, `-S`, `-g`, `-G`, `-c`, `-C`,
 * `-k` and `-K` need; no ioctl, no ethtool_cmd speed/advertising bitmaps
 * beyond a summary, no pause, register or EEPROM dumps.
 */
#ifndef NETSTEP_LAYERS_ETHTOOL_H
#define NETSTEP_LAYERS_ETHTOOL_H

#include "kernel/types.h"
#include "layers/netdev_features.h"

struct net_device;

#define ETH_GSTRING_LEN		32	/* one statistics name */

/* Which string set get_strings / get_sset_count mean. */
enum ethtool_stringset {
	ETH_SS_TEST = 0,
	ETH_SS_STATS,
	ETH_SS_PRIV_FLAGS,
	ETH_SS_NTUPLE_FILTERS,
	ETH_SS_FEATURES,	/* the core's feature names (netdev_features_strings) */
};

/* ethtool_cmd.duplex / port / autoneg */
#define DUPLEX_HALF	0x00
#define DUPLEX_FULL	0x01
#define PORT_TP		0x00
#define AUTONEG_DISABLE	0x00
#define AUTONEG_ENABLE	0x01
#define SPEED_1000	1000

/* Link settings (`ethtool DEV`); a subset of the uapi struct. */
struct ethtool_cmd {
	u32 cmd;
	u32 supported;		/* SUPPORTED_* (not decoded by netstep) */
	u32 advertising;
	u16 speed;		/* Mb/s, low 16 bits */
	u8 duplex;		/* DUPLEX_* */
	u8 port;		/* PORT_* */
	u8 phy_address;
	u8 transceiver;		/* 0 = internal */
	u8 autoneg;		/* AUTONEG_* */
	/* KERNEL: maxtxpkt, maxrxpkt, speed_hi, eth_tp_mdix ... omitted. */
};

/* Driver identity (`ethtool -i`). */
struct ethtool_drvinfo {
	u32 cmd;
	char driver[32];	/* "igb" */
	char version[32];
	char fw_version[32];
	char bus_info[32];
	u32 n_stats;		/* entries for -S */
};

/* Ring sizes (`ethtool -g` / `-G`). */
struct ethtool_ringparam {
	u32 cmd;
	u32 rx_max_pending;	/* largest RX ring the card takes */
	u32 rx_mini_max_pending;
	u32 rx_jumbo_max_pending;
	u32 tx_max_pending;
	u32 rx_pending;		/* current RX descriptors */
	u32 rx_mini_pending;
	u32 rx_jumbo_pending;
	u32 tx_pending;		/* current TX descriptors */
};

/*
 * Interrupt coalescing (ethtool -c/-C): how long a device may hold an
 * interrupt back after the last one.  0 means at once.  KERNEL: the
 * frame counts, the _irq variants, adaptive coalescing and its rate
 * thresholds (all ignored by igb) are left out.
 */
struct ethtool_coalesce {
	u32 cmd;
	u32 rx_coalesce_usecs;	/* igb: 1-3 pick a dynamic mode */
	u32 tx_coalesce_usecs;
};

/* Header of the statistics answer; the values follow as u64 data[]. */
struct ethtool_stats {
	u32 cmd;
	u32 n_stats;
};

/* ---- features: ETHTOOL_GFEATURES / ETHTOOL_SFEATURES ---- */

/* The legacy one-feature commands (include/uapi/linux/ethtool.h). */
#define ETHTOOL_GRXCSUM		0x00000014
#define ETHTOOL_GTXCSUM		0x00000016
#define ETHTOOL_GSG		0x00000018
#define ETHTOOL_GTSO		0x0000001e
#define ETHTOOL_GUFO		0x00000021
#define ETHTOOL_GGSO		0x00000023
#define ETHTOOL_GGRO		0x0000002b

/* ETHTOOL_GFLAGS bits */
#define ETH_FLAG_TXVLAN		(1 << 7)
#define ETH_FLAG_RXVLAN		(1 << 8)
#define ETH_FLAG_LRO		(1 << 15)
#define ETH_FLAG_NTUPLE		(1 << 27)
#define ETH_FLAG_RXHASH		(1 << 28)

#define ETHTOOL_DEV_FEATURE_WORDS	((NETDEV_FEATURE_COUNT + 31) / 32)

/* One 32-bit word of each feature set, for `ethtool -k`. */
struct ethtool_get_features_block {
	u32 available;		/* hw_features: may be changed */
	u32 requested;		/* wanted_features */
	u32 active;		/* features */
	u32 never_changed;	/* NETIF_F_NEVER_CHANGE */
};
struct ethtool_gfeatures {
	u32 cmd;
	u32 size;		/* words: ETHTOOL_DEV_FEATURE_WORDS */
	struct ethtool_get_features_block features[ETHTOOL_DEV_FEATURE_WORDS];
};
/* One 32-bit word of a change, for `ethtool -K`. */
struct ethtool_set_features_block {
	u32 valid;		/* the bits to change */
	u32 requested;		/* ... and their new values */
};
struct ethtool_sfeatures {
	u32 cmd;
	u32 size;
	struct ethtool_set_features_block features[ETHTOOL_DEV_FEATURE_WORDS];
};
/* What ethtool_set_features answers besides 0 / -EINVAL. */
#define ETHTOOL_F_UNSUPPORTED	(1 << 0)	/* asked to change a fixed feature */
#define ETHTOOL_F_WISH		(1 << 1)	/* the rules kept the wish from coming true */

/* layers/ethtool.c */
extern const char netdev_features_strings[NETDEV_FEATURE_COUNT][ETH_GSTRING_LEN];
int ethtool_get_features(struct net_device *dev, struct ethtool_gfeatures *cmd);
int ethtool_set_features(struct net_device *dev, const struct ethtool_sfeatures *cmd);
int ethtool_get_one_feature(struct net_device *dev, u32 ethcmd);	/* 0/1 */
u32 __ethtool_get_flags(struct net_device *dev);			/* ETH_FLAG_* */

struct ethtool_ops {
	int (*get_settings)(struct net_device *dev, struct ethtool_cmd *cmd);
	void (*get_drvinfo)(struct net_device *dev, struct ethtool_drvinfo *info);
	u32 (*get_link)(struct net_device *dev);
	void (*get_ringparam)(struct net_device *dev, struct ethtool_ringparam *ring);
	int (*set_ringparam)(struct net_device *dev, struct ethtool_ringparam *ring);
	int (*get_coalesce)(struct net_device *dev, struct ethtool_coalesce *ec);
	int (*set_coalesce)(struct net_device *dev, struct ethtool_coalesce *ec);
	/* @data gets count * ETH_GSTRING_LEN bytes of names */
	void (*get_strings)(struct net_device *dev, u32 stringset, u8 *data);
	void (*get_ethtool_stats)(struct net_device *dev, struct ethtool_stats *stats,
				  u64 *data);
	int (*get_sset_count)(struct net_device *dev, int sset);
	/* KERNEL: pauseparam, wol, msglevel, regs, eeprom,
	 * self_test, nway_reset, get_ts_info, rxnfc, channels ... omitted. */
};

#endif
