/*
 * nic/igb.h - the igb driver's private structures: adapter, rings,
 * buffers, interrupt vectors.
 *
 * Mirrors drivers/net/ethernet/intel/igb/igb.h (Linux 3.10).  Read it
 * before nic/igb_main.c and nic/igb_ethtool.c; read nic/e1000_82575.h
 * (the descriptors) and nic/dma.h first.  The end of this file lists
 * what those two files call in each other, as the kernel's igb.h does.
 *
 * The ownership hierarchy a student should keep in mind:
 *
 *   net_device --netdev_priv()--> igb_adapter
 *     igb_adapter.tx_ring[i] --> igb_ring (lives inside a q_vector)
 *       igb_ring.tx_buffer_info[n]  software side: skb, DMA address, length
 *       igb_ring.desc[n]            hardware side: 16-byte descriptors in
 *                                   DMA-coherent memory the card reads
 *     igb_adapter.q_vector[v] --> igb_q_vector: one MSI-X vector, one
 *                                   NAPI context, one TX + one RX ring
 *
 * Slot n of tx_buffer_info and slot n of desc describe the same buffer.
 * next_to_use is where the driver writes next; next_to_clean is where
 * it will look for the card's DD next.  One slot always stays empty, so
 * head == tail can only mean "empty" (igb_desc_unused()).
 */
#ifndef NETSTEP_NIC_IGB_H
#define NETSTEP_NIC_IGB_H

#include "kernel/types.h"
#include "layers/netdevice.h"
#include "nic/dma.h"
#include "nic/e1000_82575.h"
#include "nic/e1000_regs.h"

struct net;
struct sim_port;
struct sim_82576;

/* Ring sizes and budgets, igb.h */
#define IGB_DEFAULT_TXD		256
#define IGB_DEFAULT_TX_WORK	128	/* descriptors cleaned per poll */
#define IGB_MIN_TXD		80	/* KERNEL: 64 in today's igb */
#define IGB_MAX_TXD		4096
#define IGB_DEFAULT_RXD		256
#define IGB_MIN_RXD		80
#define IGB_MAX_RXD		4096
#define REQ_TX_DESCRIPTOR_MULTIPLE	8	/* TDLEN must be a multiple of 128 B */
#define REQ_RX_DESCRIPTOR_MULTIPLE	8

#define IGB_DEFAULT_ITR		3	/* dynamic, conservative */
#define IGB_START_ITR		648	/* ~6000 interrupts/s */
#define IGB_MAX_ITR_USECS	10000	/* ethtool -C limits */
#define IGB_MIN_ITR_USECS	10

#define IGB_MAX_TX_QUEUES	8
#define IGB_MAX_RX_QUEUES	8
#define MAX_Q_VECTORS		8
#define NON_Q_VECTORS		1	/* the "other" vector: link, errors */
#define IGB_N0_QUEUE		-1	/* igb_assign_vector: no ring of this kind */

/* adapter->flags */
#define IGB_FLAG_QUEUE_PAIRS	(1 << 3)	/* a TX and an RX queue share a vector */

/* Descriptor thresholds written to TXDCTL/RXDCTL (82576 with MSI-X). */
#define IGB_TX_PTHRESH		8
#define IGB_TX_HTHRESH		1
#define IGB_TX_WTHRESH		1
#define IGB_RX_PTHRESH		8
#define IGB_RX_HTHRESH		8
#define IGB_RX_WTHRESH		1

/* RX buffers: each descriptor gets half a page (IGB_RX_BUFSZ, SRRCTL
 * BSIZEPKT); a frame of up to IGB_RX_HDR_LEN bytes is copied into the
 * skb, a longer one keeps its bytes in the half page (a page frag) and
 * only its headers are copied (igb_pull_tail). */
#define IGB_RX_HDR_LEN		256
#define IGB_RX_BUFSZ		2048
#define IGB_RX_BUFFER_WRITE	16	/* refill in batches of 16 */

/* TX descriptors per buffer */
#define IGB_MAX_TXD_PWR		15
#define IGB_MAX_DATA_PER_TXD	(1 << IGB_MAX_TXD_PWR)	/* 32768 */
#define TXD_USE_COUNT(S)	DIV_ROUND_UP((S), IGB_MAX_DATA_PER_TXD)
#define DESC_NEEDED		(MAX_SKB_FRAGS + 4)	/* 21 */
#define TX_WAKE_THRESHOLD	(DESC_NEEDED * 2)	/* 42 */
#define IGB_TXD_DCMD		(E1000_ADVTXD_DCMD_EOP | E1000_ADVTXD_DCMD_RS)

/* What igb_tso and igb_tx_csum found, for igb_tx_cmd_type (DCMD) and
 * igb_tx_olinfo_status (POPTS).  KERNEL: IGB_TX_FLAGS_VLAN and _TSTAMP
 * (and the VLAN tag in the top 16 bits) are left out with VLANs and PTP. */
enum igb_tx_flags {
	/* cmd_type flags */
	IGB_TX_FLAGS_TSO	= 0x02,	/* DCMD.TSE: the card cuts the segments */
	/* olinfo flags */
	IGB_TX_FLAGS_IPV4	= 0x10,	/* POPTS.IXSM: the card sums the IP header */
	IGB_TX_FLAGS_CSUM	= 0x20,	/* POPTS.TXSM: the card sums TCP/UDP */
};

/* Frame sizes, igb_main.c / e1000_defines.h */
#define VLAN_HLEN		4
#define MAXIMUM_ETHERNET_VLAN_SIZE	1522
#define MAX_STD_JUMBO_FRAME_SIZE	9238	/* MTU 9216 */

/* adapter->state bits */
enum e1000_state_t {
	__IGB_TESTING,
	__IGB_RESETTING,
	__IGB_DOWN,			/* interface not running */
};

/* Software side of one TX slot. */
struct igb_tx_buffer {
	union e1000_adv_tx_desc *next_to_watch;	/* EOP descriptor; NULL = no work */
	unsigned long time_stamp;	/* jiffies at map, for hang detection */
	struct sk_buff *skb;		/* freed when the card reports DD */
	unsigned int bytecount;		/* bytes on the wire, for stats: a TSO
					 * skb's headers count once per segment */
	u16 gso_segs;			/* packets on the wire it stands for */
	__be16 protocol;		/* skb->protocol */
	dma_addr_t dma;			/* to unmap (DEFINE_DMA_UNMAP_ADDR): the
					 * linear part in the first slot, a
					 * page frag in the others */
	u32 len;			/* mapped length; 0 = nothing mapped */
	u32 tx_flags;			/* IGB_TX_FLAGS_* */
};

/*
 * Software side of one RX slot: a page mapped for the card to write
 * (whole: dma covers 4096 bytes), of which the slot's descriptor points
 * at one half.  When a frame in that half goes up the stack in a frag,
 * the other half goes back to the ring (igb_can_reuse_rx_page flips
 * page_offset) if the driver is the page's only owner again; so a page
 * alternates between its halves while the stack frees what it was given.
 */
struct igb_rx_buffer {
	dma_addr_t dma;			/* the page's DMA address (offset 0) */
	struct page *page;		/* NULL: the slot needs a page */
	unsigned int page_offset;	/* 0 or IGB_RX_BUFSZ: the half in use */
};

struct igb_tx_queue_stats {
	u64 packets;
	u64 bytes;
	u64 restart_queue;		/* woken by igb_clean_tx_irq */
	u64 restart_queue2;		/* woken again in __igb_maybe_stop_tx */
};

struct igb_rx_queue_stats {
	u64 packets;
	u64 bytes;
	u64 drops;			/* frames with errors, dropped */
	u64 csum_err;
	u64 alloc_failed;		/* no page for a descriptor, or no skb
					 * for a frame */
};

/* What a q_vector knows about one of its rings. */
struct igb_ring_container {
	struct igb_ring *ring;		/* the ring, NULL if none */
	unsigned int total_bytes;	/* since the last ITR update */
	unsigned int total_packets;
	u16 work_limit;			/* TX: descriptors per poll (128) */
	u8 count;			/* rings in the container */
	u8 itr;				/* latency class, unused */
};

struct igb_ring {
	struct igb_q_vector *q_vector;	/* back to the vector */
	struct net_device *netdev;	/* back to the device */
	struct device *dev;		/* for DMA mapping */
	union {				/* array of count buffers */
		struct igb_tx_buffer *tx_buffer_info;
		struct igb_rx_buffer *rx_buffer_info;
	};
	void *desc;			/* CPU address of the descriptor ring */
	unsigned long flags;		/* IGB_RING_FLAG_*, none used */
	u32 tail;			/* TDT/RDT register offset.  KERNEL: a
					 * void __iomem * (mapped register) */
	dma_addr_t dma;			/* bus address of the descriptor ring */
	unsigned int size;		/* ring bytes, rounded up to 4096 */
	u16 count;			/* descriptors in the ring */
	u8 queue_index;			/* logical queue (netdev TX queue) */
	u8 reg_idx;			/* physical queue (register index) */
	u16 next_to_clean;		/* first slot the card may still own */
	u16 next_to_use;		/* next slot the driver fills */
	u16 next_to_alloc;		/* RX: slot a reused page goes to */
	union {
		/* TX */
		struct {
			struct igb_tx_queue_stats tx_stats;
		};
		/* RX */
		struct {
			struct sk_buff *skb;	/* a frame whose last buffer
						 * (EOP) has not come yet */
			struct igb_rx_queue_stats rx_stats;
		};
	};
	/* KERNEL: last_rx_timestamp, u64_stats syncp omitted. */
};

struct igb_q_vector {
	struct igb_adapter *adapter;	/* backlink */
	int cpu;			/* CPU for DCA (unused) */
	u32 eims_value;			/* EIMS bit of this vector */
	u16 itr_val;			/* interrupt throttle value */
	u8 set_itr;			/* write itr_val at the next interrupt */
	u32 itr_register;		/* EITR offset.  KERNEL: void __iomem * */
	struct igb_ring_container rx, tx;
	struct napi_struct napi;	/* polled by net_rx_action */
	char name[IFNAMSIZ + 9];	/* "eth0-rx-0", /proc/interrupts */
	/* KERNEL: rcu head (freed with kfree_rcu) omitted. */
	struct igb_ring ring[];		/* its TX ring, then its RX ring */
};

/* MSI-X table entry, include/linux/pci.h */
struct msix_entry {
	u32 vector;			/* host IRQ number the OS assigned */
	u16 entry;			/* index in the card's MSI-X table */
};

/* Hardware statistics accumulated from the clear-on-read registers. */
struct e1000_hw_stats {
	u64 crcerrs;
	u64 mpc;			/* missed: no RX descriptor */
	u64 roc;			/* receive oversize */
	u64 gprc;
	u64 bprc;
	u64 mprc;
	u64 gptc;
	u64 gorc;
	u64 gotc;
	u64 rnbc;
	u64 tpr;
	u64 tpt;
	u64 mptc;
	u64 bptc;
	u64 tsctc;			/* TSO contexts the card carried out */
	u64 tsctfc;			/* ... and failed */
	/* KERNEL: ~60 more counters (collisions, flow control, sizes). */
};

struct e1000_mac_info {
	u8 addr[ETH_ALEN];		/* current address */
	u8 perm_addr[ETH_ALEN];		/* from the NVM */
};

struct e1000_hw {
	struct sim_82576 *hw_addr;	/* MMIO handle.  KERNEL: u8 __iomem *,
					 * the mapped BAR0; here only
					 * wr32()/rd32() may use it */
	struct e1000_mac_info mac;
	void *back;			/* the adapter */
};

/*
 * Register access, e1000_regs.h / igb_main.c.  Like the kernel's, these
 * expect a local `hw`.  KERNEL: writel()/readl() on hw_addr + reg.
 */
void sim_82576_wr32(struct sim_82576 *hw, u32 reg, u32 val);
u32 sim_82576_rd32(struct sim_82576 *hw, u32 reg);
#define wr32(reg, val)	sim_82576_wr32(hw->hw_addr, (reg), (val))
#define rd32(reg)	sim_82576_rd32(hw->hw_addr, (reg))
#define wrfl()		((void)rd32(E1000_STATUS))	/* flush posted writes */
#define array_wr32(reg, offset, value)	wr32((reg) + ((offset) << 2), (value))
#define array_rd32(reg, offset)		rd32((reg) + ((offset) << 2))

struct igb_adapter {
	struct net_device *netdev;	/* the generic view of this card */
	unsigned long state;		/* __IGB_* bits */
	unsigned int flags;

	u32 rss_queues;			/* queues per direction: one per CPU */
	unsigned int num_q_vectors;
	struct msix_entry msix_entries[MAX_Q_VECTORS + NON_Q_VECTORS];

	u32 rx_itr_setting;		/* ethtool coalescing, 3 = dynamic */
	u32 tx_itr_setting;
	u16 tx_work_limit;		/* IGB_DEFAULT_TX_WORK */
	u32 tx_timeout_count;

	/* TX */
	int num_tx_queues;
	struct igb_ring *tx_ring[IGB_MAX_TX_QUEUES];
	u16 tx_ring_count;		/* descriptors per TX ring (256) */

	/* RX */
	int num_rx_queues;
	struct igb_ring *rx_ring[IGB_MAX_RX_QUEUES];
	u16 rx_ring_count;

	u32 max_frame_size;		/* mtu + 14 + 4 (FCS) + 4 (VLAN) */
	u32 min_frame_size;

	struct device pdev;		/* the bus device DMA maps go through.
					 * KERNEL: struct pci_dev *pdev (&pdev->dev) */
	struct e1000_hw hw;
	struct e1000_hw_stats stats;

	struct igb_q_vector *q_vector[MAX_Q_VECTORS];
	u32 eims_enable_mask;		/* every vector's EIMS bit */
	u32 eims_other;			/* EIMS bit of the "other" vector */

	u64 tx_dma_failed;		/* dma_map_single refused a TX buffer */
	u64 alloc_rx_buff_failed;	/* RX refill failures */
	/* KERNEL: watchdog and reset tasks, PTP, VFs, VLAN bitmap, flash,
	 * stats64 lock, i2c ... omitted. */
};

/* igb_desc_unused - free slots; one is always kept empty. */
static inline u16
igb_desc_unused(struct igb_ring *ring)
{
	if (ring->next_to_clean > ring->next_to_use)
		return ring->next_to_clean - ring->next_to_use - 1;
	return ring->count + ring->next_to_clean - ring->next_to_use - 1;
}

#define IGB_TX_DESC(R, i)	(&(((union e1000_adv_tx_desc *)((R)->desc))[i]))
#define IGB_RX_DESC(R, i)	(&(((union e1000_adv_rx_desc *)((R)->desc))[i]))
#define IGB_TX_CTXTDESC(R, i)	\
	(&(((struct e1000_adv_tx_context_desc *)((R)->desc))[i]))

static inline u32
igb_test_staterr(union e1000_adv_rx_desc *rx_desc, const u32 stat_err_bits)
{
	return rx_desc->wb.upper.status_error & cpu_to_le32(stat_err_bits);
}

/*
 * Probe: create the net_device (eth-like, room for 8 TX queues; the
 * driver uses one per CPU, so one), plug a new 82576 card into the host
 * with @mac in its NVM, register the device.  Returns the device or
 * NULL.  KERNEL: igb_probe(pci_dev, ent) is called by the PCI core for
 * a card that exists; netstep's caller builds the card too.
 */
struct net_device *igb_probe(struct net *net, const char *name, const u8 *mac);
/* The card's wire port, for the topology code to link. */
struct sim_port *sim_igb_port(struct net_device *dev);
/* The card itself (tests, UI); NULL if @dev is not an igb device. */
struct sim_82576 *sim_igb_card(struct net_device *dev);

/* The driver entry points, for tests and the UI. */
int igb_open(struct net_device *netdev);
int igb_close(struct net_device *netdev);
netdev_tx_t igb_xmit_frame(struct sk_buff *skb, struct net_device *netdev);
int igb_change_mtu(struct net_device *netdev, int new_mtu);
bool igb_clean_tx_irq(struct igb_q_vector *q_vector);
bool igb_clean_rx_irq(struct igb_q_vector *q_vector, int budget);
int igb_poll(struct napi_struct *napi, int budget);

/* ---- igb_main.c, for igb_ethtool.c ---- */
extern const char igb_driver_name[];
extern const char igb_driver_version[];
int igb_up(struct igb_adapter *adapter);
void igb_down(struct igb_adapter *adapter);
/* One ring's memory, for igb_set_ringparam, which builds new rings in a
 * copy before it frees the old ones (the igb_*_all_* loops stay static). */
int igb_setup_tx_resources(struct igb_ring *tx_ring);
int igb_setup_rx_resources(struct igb_ring *rx_ring);
void igb_free_tx_resources(struct igb_ring *tx_ring);
void igb_free_rx_resources(struct igb_ring *rx_ring);
/* A ring's kind (ring= when its memory cannot be had). */
enum sim_igb_ring_type {
	SIM_IGB_TX_RING,
	SIM_IGB_RX_RING,
};
const char *sim_igb_ring_type_name(u32 type);
/* KERNEL: 3.10 also fills a struct rtnl_link_stats64 here. */
void igb_update_stats(struct igb_adapter *adapter);

/* ---- igb_ethtool.c, for igb_main.c ---- */
void igb_set_ethtool_ops(struct net_device *netdev);

/* ---- netstep helpers both files use ---- */

/* The host the adapter's device belongs to (for tracepoints). */
static inline struct net *
sim_igb_net(const struct igb_adapter *adapter)
{
	return dev_net(adapter->netdev);
}

/* KERNEL: set_bit/clear_bit/test_bit(__IGB_DOWN, &adapter->state). */
#define SIM_IGB_BIT(nr)		(1UL << (nr))
#define sim_igb_is_down(a)	((a)->state & SIM_IGB_BIT(__IGB_DOWN))

#endif
