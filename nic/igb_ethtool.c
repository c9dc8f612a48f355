/*
 * nic/igb_ethtool.c - the igb driver's ethtool operations: what `ethtool`
 * shows and sets for an igb device.
 *
 * Mirrors drivers/net/ethernet/intel/igb/igb_ethtool.c (Linux 3.10).
 * Read nic/igb.h and nic/igb_main.c (the driver's state these functions
 * read, and igb_up/igb_down, which igb_set_ringparam uses) first, and
 * layers/ethtool.h (struct ethtool_ops) beside it; read tools/ethtool.c
 * (the command that calls through dev->ethtool_ops) after.
 *
 *  ethtool DEV     igb_get_settings, igb_get_link
 *  ethtool -i      igb_get_drvinfo
 *  ethtool -g/-G   igb_get_ringparam, igb_set_ringparam
 *  ethtool -c/-C   igb_get_coalesce, igb_set_coalesce (the interrupt
 *                  throttle, EITR)
 *  ethtool -S      igb_get_sset_count, igb_get_strings,
 *                  igb_get_ethtool_stats (a table of named counters)
 *
 * KERNEL (left out): set_settings, pause parameters,
 * register and EEPROM dumps, the self tests (igb_diag_test), Wake-on-LAN,
 * LED identify, EEE, and most of the hardware counters (collisions, flow
 * control, packet sizes: struct e1000_hw_stats keeps only a few).
 */
#include "nic/igb.h"
#include "layers/ethtool.h"
#include "kernel/trace.h"
#include "events/igb.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char KSRC[] = "drivers/net/ethernet/intel/igb/igb_ethtool.c";

static int igb_get_sset_count(struct net_device *netdev, int sset);

/* ==== statistics tables ===================================================== */

struct igb_stats {
	char stat_string[ETH_GSTRING_LEN];
	int sizeof_stat;
	int stat_offset;
};

#define IGB_STAT(_name, _stat) {					\
	.stat_string = _name,						\
	.sizeof_stat = sizeof(((struct igb_adapter *)0)->_stat),	\
	.stat_offset = offsetof(struct igb_adapter, _stat)		\
}
static const struct igb_stats igb_gstrings_stats[] = {
	IGB_STAT("rx_packets", stats.gprc),
	IGB_STAT("tx_packets", stats.gptc),
	IGB_STAT("rx_bytes", stats.gorc),
	IGB_STAT("tx_bytes", stats.gotc),
	IGB_STAT("rx_broadcast", stats.bprc),
	IGB_STAT("tx_broadcast", stats.bptc),
	IGB_STAT("rx_multicast", stats.mprc),
	IGB_STAT("tx_multicast", stats.mptc),
	IGB_STAT("rx_crc_errors", stats.crcerrs),
	IGB_STAT("rx_no_buffer_count", stats.rnbc),
	IGB_STAT("rx_missed_errors", stats.mpc),
	IGB_STAT("rx_long_length_errors", stats.roc),
	IGB_STAT("tx_tcp_seg_good", stats.tsctc),
	IGB_STAT("tx_tcp_seg_failed", stats.tsctfc),
	IGB_STAT("tx_timeout_count", tx_timeout_count),
	IGB_STAT("tx_dma_failed", tx_dma_failed),
	IGB_STAT("alloc_rx_buff_failed", alloc_rx_buff_failed),
	/* netstep: the modelled IOMMU's refusals of the card's accesses */
	IGB_STAT("dma_faults", pdev.faults),
};

#define IGB_NETDEV_STAT(_net_stat) {					\
	.stat_string = #_net_stat,					\
	.sizeof_stat = sizeof(((struct net_device_stats *)0)->_net_stat), \
	.stat_offset = offsetof(struct net_device_stats, _net_stat)	\
}
static const struct igb_stats igb_gstrings_net_stats[] = {
	IGB_NETDEV_STAT(rx_errors),
	IGB_NETDEV_STAT(tx_errors),
	IGB_NETDEV_STAT(tx_dropped),
	IGB_NETDEV_STAT(rx_dropped),
};

#define IGB_GLOBAL_STATS_LEN	ARRAY_SIZE(igb_gstrings_stats)
#define IGB_NETDEV_STATS_LEN	ARRAY_SIZE(igb_gstrings_net_stats)
#define IGB_TX_QUEUE_STATS_LEN	3	/* packets, bytes, restart */
#define IGB_RX_QUEUE_STATS_LEN	5	/* packets, bytes, drops, csum_err, alloc_failed */

/* ==== ethtool DEV, ethtool -i =============================================== */

/*
 * igb_get_settings - `ethtool DEV`: port, speed and duplex read from the
 * STATUS register.  KERNEL: also the supported/advertised link modes
 * from the PHY, which the modelled card does not have.
 */
static int
igb_get_settings(struct net_device *netdev, struct ethtool_cmd *ecmd)
{
	struct igb_adapter *adapter = netdev_priv(netdev);
	struct e1000_hw *hw = &adapter->hw;
	u32 status = rd32(E1000_STATUS);

	trace_igb_get_settings(netdev);
	memset(ecmd, 0, sizeof(*ecmd));
	ecmd->port = PORT_TP;
	ecmd->phy_address = 1;
	ecmd->transceiver = 0;	/* XCVR_INTERNAL */
	ecmd->autoneg = AUTONEG_ENABLE;
	if (status & E1000_STATUS_LU) {
		ecmd->speed = (status & E1000_STATUS_SPEED_1000) ? SPEED_1000 : 100;
		ecmd->duplex = (status & E1000_STATUS_FD) ? DUPLEX_FULL : DUPLEX_HALF;
	} else {
		ecmd->speed = 0xFFFF;	/* SPEED_UNKNOWN (-1) */
		ecmd->duplex = 0xFF;	/* DUPLEX_UNKNOWN */
	}
	return 0;
}

/* igb_get_link - link up as the card reports it (STATUS.LU). */
static u32
igb_get_link(struct net_device *netdev)
{
	struct igb_adapter *adapter = netdev_priv(netdev);
	struct e1000_hw *hw = &adapter->hw;

	trace_igb_get_link(netdev);
	return !!(rd32(E1000_STATUS) & E1000_STATUS_LU);
}

/* igb_get_drvinfo - `ethtool -i`: driver, version, firmware, PCI slot. */
static void
igb_get_drvinfo(struct net_device *netdev, struct ethtool_drvinfo *drvinfo)
{
	struct igb_adapter *adapter = netdev_priv(netdev);

	trace_igb_get_drvinfo(netdev);
	memset(drvinfo, 0, sizeof(*drvinfo));
	snprintf(drvinfo->driver, sizeof(drvinfo->driver), "%s", igb_driver_name);
	snprintf(drvinfo->version, sizeof(drvinfo->version), "%s", igb_driver_version);
	snprintf(drvinfo->fw_version, sizeof(drvinfo->fw_version), "1.2.1");
	snprintf(drvinfo->bus_info, sizeof(drvinfo->bus_info), "%s", adapter->pdev.name);
	drvinfo->n_stats = igb_get_sset_count(netdev, ETH_SS_STATS);
}

/* ==== ring sizes: ethtool -g, ethtool -G ==================================== */

/* igb_get_ringparam - `ethtool -g`: the limits and the current ring sizes. */
static void
igb_get_ringparam(struct net_device *netdev, struct ethtool_ringparam *ring)
{
	struct igb_adapter *adapter = netdev_priv(netdev);

	trace_igb_get_ringparam(netdev);
	memset(ring, 0, sizeof(*ring));
	ring->rx_max_pending = IGB_MAX_RXD;
	ring->tx_max_pending = IGB_MAX_TXD;
	ring->rx_pending = adapter->rx_ring_count;
	ring->tx_pending = adapter->tx_ring_count;
}

/* Both ring sizes of every queue, for an interface that is not running
 * (its rings are built with these counts when it opens). */
static void
sim_igb_set_ring_counts(struct igb_adapter *adapter, u16 tx_count, u16 rx_count)
{
	for (int i = 0; i < adapter->num_tx_queues; i++)
		adapter->tx_ring[i]->count = tx_count;
	for (int i = 0; i < adapter->num_rx_queues; i++)
		adapter->rx_ring[i]->count = rx_count;
	adapter->tx_ring_count = tx_count;
	adapter->rx_ring_count = rx_count;
}

/**
 * igb_set_ringparam - ethtool -G: new ring sizes
 *
 * Values are clamped to 80..4096 and rounded up to a multiple of 8, as
 * 3.10 does (it never refuses a number).  A running interface goes down
 * (igb_down), and each direction whose size changed is rebuilt in a
 * temporary copy of its rings: igb_setup_tx_resources (or _rx_) on every
 * copy first, and only when all of them got their memory are the old
 * rings freed and the copies put in their place.  The interrupt vectors
 * and NAPI keep pointers to the igb_ring structs themselves, so the
 * structs stay and only their contents change.  When a copy cannot be
 * built, the copies made so far are freed, the old rings stay, and the
 * device comes back up (igb_up) with them; the error is returned.
 * 0, -EINVAL or -ENOMEM.
 * KERNEL: 3.10 also waits for __IGB_RESETTING with msleep(1); netstep
 * has one thread, so the bit is only set and cleared.
 */
static int
igb_set_ringparam(struct net_device *netdev, struct ethtool_ringparam *ring)
{
	struct igb_adapter *adapter = netdev_priv(netdev);
	struct igb_ring *temp_ring;
	u32 new_rx_count, new_tx_count;
	int i, err = 0;

	trace_igb_set_ringparam(netdev, ring);
	if (ring->rx_mini_pending || ring->rx_jumbo_pending)
		return -EINVAL;
	new_rx_count = min_t(u32, ring->rx_pending, IGB_MAX_RXD);
	new_rx_count = max_t(u32, new_rx_count, IGB_MIN_RXD);
	new_rx_count = ALIGN(new_rx_count, REQ_RX_DESCRIPTOR_MULTIPLE);
	new_tx_count = min_t(u32, ring->tx_pending, IGB_MAX_TXD);
	new_tx_count = max_t(u32, new_tx_count, IGB_MIN_TXD);
	new_tx_count = ALIGN(new_tx_count, REQ_TX_DESCRIPTOR_MULTIPLE);
	if (new_tx_count == adapter->tx_ring_count && new_rx_count == adapter->rx_ring_count)
		return 0;	/* nothing to do */

	adapter->state |= SIM_IGB_BIT(__IGB_RESETTING);
	if (!netif_running(netdev) || sim_igb_is_down(adapter)) {
		sim_igb_set_ring_counts(adapter, new_tx_count, new_rx_count);
		goto clear_reset;
	}
	/* KERNEL: vmalloc */
	temp_ring = calloc(max_t(int, adapter->num_tx_queues, adapter->num_rx_queues),
			   sizeof(*temp_ring));
	if (!temp_ring) {
		err = -ENOMEM;
		goto clear_reset;
	}
	igb_down(adapter);

	if (new_tx_count != adapter->tx_ring_count) {
		for (i = 0; i < adapter->num_tx_queues; i++) {
			temp_ring[i] = *adapter->tx_ring[i];
			temp_ring[i].count = new_tx_count;
			err = igb_setup_tx_resources(&temp_ring[i]);
			if (err) {
				while (i--)
					igb_free_tx_resources(&temp_ring[i]);
				goto err_setup;
			}
		}
		for (i = 0; i < adapter->num_tx_queues; i++) {
			igb_free_tx_resources(adapter->tx_ring[i]);
			*adapter->tx_ring[i] = temp_ring[i];
		}
		adapter->tx_ring_count = new_tx_count;
	}

	if (new_rx_count != adapter->rx_ring_count) {
		for (i = 0; i < adapter->num_rx_queues; i++) {
			temp_ring[i] = *adapter->rx_ring[i];
			temp_ring[i].count = new_rx_count;
			err = igb_setup_rx_resources(&temp_ring[i]);
			if (err) {
				while (i--)
					igb_free_rx_resources(&temp_ring[i]);
				goto err_setup;
			}
		}
		for (i = 0; i < adapter->num_rx_queues; i++) {
			igb_free_rx_resources(adapter->rx_ring[i]);
			*adapter->rx_ring[i] = temp_ring[i];
		}
		adapter->rx_ring_count = new_rx_count;
	}
err_setup:
	igb_up(adapter);
	free(temp_ring);
clear_reset:
	adapter->state &= ~SIM_IGB_BIT(__IGB_RESETTING);
	return err;
}

/* ==== statistics: ethtool -S ================================================ */

/*
 * igb_get_sset_count - how many names (and values) a string set has:
 * the global counters, the netdev counters, then per queue.
 * -EOPNOTSUPP for any set but ETH_SS_STATS.
 */
static int
igb_get_sset_count(struct net_device *netdev, int sset)
{
	struct igb_adapter *adapter = netdev_priv(netdev);

	trace_igb_get_sset_count(netdev, sset);
	if (sset != ETH_SS_STATS)
		return -EOPNOTSUPP;
	return IGB_GLOBAL_STATS_LEN + IGB_NETDEV_STATS_LEN +
	       adapter->num_tx_queues * IGB_TX_QUEUE_STATS_LEN +
	       adapter->num_rx_queues * IGB_RX_QUEUE_STATS_LEN;
}

/* sim_igb_read_stat - one counter of a table row, u64 or u32 wide.
 * KERNEL: igb_get_ethtool_stats does this inline with a pointer cast. */
static u64
sim_igb_read_stat(const void *base, const struct igb_stats *st)
{
	const char *p = (const char *)base + st->stat_offset;

	if (st->sizeof_stat == sizeof(u64)) {
		u64 v;

		memcpy(&v, p, sizeof(v));
		return v;
	} else {
		u32 v;

		memcpy(&v, p, sizeof(v));
		return v;
	}
}

/*
 * igb_get_ethtool_stats - the values for `ethtool -S`, in the order of
 * igb_get_strings.  Refreshes the card's counters first.
 */
static void
igb_get_ethtool_stats(struct net_device *netdev, struct ethtool_stats *stats, u64 *data)
{
	struct igb_adapter *adapter = netdev_priv(netdev);
	int i = 0;

	trace_igb_get_ethtool_stats(netdev);
	(void)stats;
	igb_update_stats(adapter);
	for (size_t j = 0; j < IGB_GLOBAL_STATS_LEN; j++)
		data[i++] = sim_igb_read_stat(adapter, &igb_gstrings_stats[j]);
	for (size_t j = 0; j < IGB_NETDEV_STATS_LEN; j++)
		data[i++] = sim_igb_read_stat(&netdev->stats, &igb_gstrings_net_stats[j]);
	for (int j = 0; j < adapter->num_tx_queues; j++) {
		const struct igb_tx_queue_stats *q = &adapter->tx_ring[j]->tx_stats;

		data[i++] = q->packets;
		data[i++] = q->bytes;
		data[i++] = q->restart_queue;
	}
	for (int j = 0; j < adapter->num_rx_queues; j++) {
		const struct igb_rx_queue_stats *q = &adapter->rx_ring[j]->rx_stats;

		data[i++] = q->packets;
		data[i++] = q->bytes;
		data[i++] = q->drops;
		data[i++] = q->csum_err;
		data[i++] = q->alloc_failed;
	}
}

/* One ETH_GSTRING_LEN slot of the names array, NUL padded. */
static void __attribute__((format(printf, 2, 3)))
sim_igb_put_string(char **p, const char *fmt, ...)
{
	char tmp[64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	memset(*p, 0, ETH_GSTRING_LEN);
	memcpy(*p, tmp, min_t(size_t, strlen(tmp), ETH_GSTRING_LEN - 1));
	*p += ETH_GSTRING_LEN;
}

/*
 * igb_get_strings - the names `ethtool -S` prints, ETH_GSTRING_LEN bytes
 * each, in the order igb_get_ethtool_stats fills the values.
 */
static void
igb_get_strings(struct net_device *netdev, u32 stringset, u8 *data)
{
	struct igb_adapter *adapter = netdev_priv(netdev);
	char *p = (char *)data;

	trace_igb_get_strings(netdev, stringset);
	if (stringset != ETH_SS_STATS)
		return;
	for (size_t i = 0; i < IGB_GLOBAL_STATS_LEN; i++)
		sim_igb_put_string(&p, "%s", igb_gstrings_stats[i].stat_string);
	for (size_t i = 0; i < IGB_NETDEV_STATS_LEN; i++)
		sim_igb_put_string(&p, "%s", igb_gstrings_net_stats[i].stat_string);
	for (int i = 0; i < adapter->num_tx_queues; i++) {
		sim_igb_put_string(&p, "tx_queue_%u_packets", i);
		sim_igb_put_string(&p, "tx_queue_%u_bytes", i);
		sim_igb_put_string(&p, "tx_queue_%u_restart", i);
	}
	for (int i = 0; i < adapter->num_rx_queues; i++) {
		sim_igb_put_string(&p, "rx_queue_%u_packets", i);
		sim_igb_put_string(&p, "rx_queue_%u_bytes", i);
		sim_igb_put_string(&p, "rx_queue_%u_drops", i);
		sim_igb_put_string(&p, "rx_queue_%u_csum_err", i);
		sim_igb_put_string(&p, "rx_queue_%u_alloc_failed", i);
	}
}

/* ==== coalescing =========================================================== */

/* ethtool's microseconds as an ITR setting: 1-3 name a dynamic mode, any
 * other value is EITR's interval, in its 0.25 us steps. */
static u32
sim_igb_usecs_to_itr(u32 usecs)
{
	return usecs && usecs <= 3 ? usecs : usecs << 2;
}

/* ... and back. */
static u32
sim_igb_itr_to_usecs(u32 setting)
{
	return setting <= 3 ? setting : setting >> 2;
}

/* igb_get_coalesce - ethtool -c: the throttle settings, in microseconds. */
static int
igb_get_coalesce(struct net_device *netdev, struct ethtool_coalesce *ec)
{
	struct igb_adapter *adapter = netdev_priv(netdev);

	trace_igb_get_coalesce(netdev);
	ec->rx_coalesce_usecs = sim_igb_itr_to_usecs(adapter->rx_itr_setting);
	if (!(adapter->flags & IGB_FLAG_QUEUE_PAIRS))
		ec->tx_coalesce_usecs = sim_igb_itr_to_usecs(adapter->tx_itr_setting);
	return 0;
}

/**
 * igb_set_coalesce - ethtool -C: the interrupt throttle
 *
 * rx-usecs (tx-usecs likewise) is 0 (no throttle: an interrupt per
 * cause), 1 or 3 (dynamic: igb starts at IGB_START_ITR), or 10 to 10000
 * microseconds between interrupts; 2 and 4-9 are refused (-EINVAL), as
 * in 3.10, and so is tx-usecs when the queues are paired (the pair's
 * vector follows rx-usecs).  A vector with an RX ring takes the RX
 * setting, a TX vector the TX one, and writes it into EITR at its next
 * interrupt (set_itr).
 * KERNEL: 3.10 also turns DMA coalescing off with rx-usecs 0 (no DMAC
 * here).
 */
static int
igb_set_coalesce(struct net_device *netdev, struct ethtool_coalesce *ec)
{
	struct igb_adapter *adapter = netdev_priv(netdev);
	const u32 usecs[2] = { ec->rx_coalesce_usecs, ec->tx_coalesce_usecs };

	trace_igb_set_coalesce(netdev, ec);
	for (int i = 0; i < 2; i++)
		if (usecs[i] > IGB_MAX_ITR_USECS || usecs[i] == 2 ||
		    (usecs[i] > 3 && usecs[i] < IGB_MIN_ITR_USECS))
			return -EINVAL;
	if ((adapter->flags & IGB_FLAG_QUEUE_PAIRS) && ec->tx_coalesce_usecs)
		return -EINVAL;
	adapter->rx_itr_setting = sim_igb_usecs_to_itr(ec->rx_coalesce_usecs);
	if (adapter->flags & IGB_FLAG_QUEUE_PAIRS)
		adapter->tx_itr_setting = adapter->rx_itr_setting;
	else
		adapter->tx_itr_setting = sim_igb_usecs_to_itr(ec->tx_coalesce_usecs);
	for (unsigned int v = 0; v < adapter->num_q_vectors; v++) {
		struct igb_q_vector *q_vector = adapter->q_vector[v];

		q_vector->tx.work_limit = adapter->tx_work_limit;
		q_vector->itr_val = q_vector->rx.ring ? adapter->rx_itr_setting
						      : adapter->tx_itr_setting;
		if (q_vector->itr_val && q_vector->itr_val <= 3)
			q_vector->itr_val = IGB_START_ITR;
		q_vector->set_itr = 1;
	}
	return 0;
}

/* ==== the table ============================================================= */

static const struct ethtool_ops igb_ethtool_ops = {
	.get_settings = igb_get_settings,
	.get_drvinfo = igb_get_drvinfo,
	.get_link = igb_get_link,
	.get_ringparam = igb_get_ringparam,
	.set_ringparam = igb_set_ringparam,
	.get_coalesce = igb_get_coalesce,
	.set_coalesce = igb_set_coalesce,
	.get_strings = igb_get_strings,
	.get_ethtool_stats = igb_get_ethtool_stats,
	.get_sset_count = igb_get_sset_count,
};

/*
 * igb_set_ethtool_ops - point the device at igb's ethtool operations;
 * igb_probe calls it.  NOTE: no tracepoint: it only stores a pointer,
 * and probe's own tracepoint already shows the device being built.
 */
void
igb_set_ethtool_ops(struct net_device *netdev)
{
	netdev->ethtool_ops = &igb_ethtool_ops;	/* KERNEL: SET_ETHTOOL_OPS */
}
