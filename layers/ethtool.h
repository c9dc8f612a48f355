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
 * KERNEL: only the operations `ethtool DEV`, `-S`, `-g` and `-G` need;
 * no ioctl, no ethtool_cmd speed/advertising bitmaps beyond a summary,
 * no coalescing, pause, features, register or EEPROM dumps.
 */
#ifndef NETSTEP_LAYERS_ETHTOOL_H
#define NETSTEP_LAYERS_ETHTOOL_H

#include "kernel/types.h"

struct net_device;

#define ETH_GSTRING_LEN		32	/* one statistics name */

/* Which string set get_strings / get_sset_count mean. */
enum ethtool_stringset {
	ETH_SS_TEST = 0,
	ETH_SS_STATS,
	ETH_SS_PRIV_FLAGS,
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

/* Header of the statistics answer; the values follow as u64 data[]. */
struct ethtool_stats {
	u32 cmd;
	u32 n_stats;
};

struct ethtool_ops {
	int (*get_settings)(struct net_device *dev, struct ethtool_cmd *cmd);
	void (*get_drvinfo)(struct net_device *dev, struct ethtool_drvinfo *info);
	u32 (*get_link)(struct net_device *dev);
	void (*get_ringparam)(struct net_device *dev, struct ethtool_ringparam *ring);
	int (*set_ringparam)(struct net_device *dev, struct ethtool_ringparam *ring);
	/* @data gets count * ETH_GSTRING_LEN bytes of names */
	void (*get_strings)(struct net_device *dev, u32 stringset, u8 *data);
	void (*get_ethtool_stats)(struct net_device *dev, struct ethtool_stats *stats,
				  u64 *data);
	int (*get_sset_count)(struct net_device *dev, int sset);
	/* KERNEL: get/set_coalesce, pauseparam, wol, msglevel, regs, eeprom,
	 * self_test, nway_reset, get_ts_info, rxnfc, channels ... omitted. */
};

#endif
