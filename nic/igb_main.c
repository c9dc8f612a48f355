/*
 * nic/igb_main.c - the igb driver: rings, transmit, completion, receive.
 *
 * Mirrors drivers/net/ethernet/intel/igb/igb_main.c (Linux 3.10).  Read
 * nic/igb.h and nic/e1000_82575.h first; read nic/sim_82576.c (the card
 * this driver talks to) beside it, and layers/dev.c (who calls
 * igb_xmit_frame and polls igb_poll) before it.  The ethtool operations
 * are in nic/igb_ethtool.c, as in the kernel: read it after.
 *
 * The driver's half of the work, in the order a packet sees it:
 *
 *  open     __igb_open: TX/RX rings (buffer arrays + descriptor rings in
 *           DMA-coherent memory), igb_configure (ring registers, RX
 *           buffers), MSI-X vectors (igb_msix_ring for the RX queue
 *           and for the TX queue: one of each with one CPU), NAPI on,
 *           interrupts unmasked, queues started.
 *  xmit     igb_xmit_frame -> igb_xmit_frame_ring: igb_tso (a GSO skb
 *           the card will cut) or igb_tx_csum (a checksum the card will
 *           insert) write a context descriptor; igb_tx_map maps the data
 *           for DMA, writes the data descriptors, then the tail register
 *           (TDT).  From here the card owns the slots.
 *  irq      the card wrote DD and sent MSI-X: igb_msix_ring schedules
 *           the vector's NAPI; NET_RX_SOFTIRQ runs igb_poll ->
 *           igb_clean_tx_irq on the TX vector (free the skb, unmap),
 *           igb_clean_rx_irq on the RX vector (received frames up the
 *           stack, refill, RDT), then unmasks the vector (EIMS).
 *
 * The driver never hands the card a pointer: it writes registers through
 * wr32()/rd32() and DMA addresses into descriptors.
 *
 * Scatter-gather: igb_tx_map gives the linear part and each page frag a
 * data descriptor of its own; the card gathers them into one frame.
 * Offloads: a GSO skb of up to 64 KiB goes down whole (TSO) and the card
 * cuts it into MSS-sized frames; a CHECKSUM_PARTIAL skb gets its TCP/UDP
 * checksum from the card.  IPv4 only: the IPv6 offloads igb offers in 3.10
 * (IPV6_CSUM, TSO6) are not, since netstep has no IPv6.
 *
 * Receive buffers are half pages (IGB_RX_BUFSZ); the skb is made when a
 * frame arrives (igb_fetch_rx_buffer): small frames are copied into it,
 * the others stay in their half page as a frag, and the page goes back to
 * the ring with its other half (page flipping, igb_can_reuse_rx_page) as
 * long as the stack has let go of what it was given.
 *
 * KERNEL (left out): VLAN offload, receive checksum offload (RXCSUM) and
 * hashing (RXHASH), BQL (netdev_tx_sent_queue), the watchdog task (link,
 * hang detection, the 2-second stats refresh), dynamic ITR, legacy/MSI
 * interrupts, RSS, SR-IOV, PTP, DCA, power management, PCI error
 * recovery, multicast filters.
 */
#include "nic/igb.h"
#include "nic/sim_82576.h"
#include "kernel/trace.h"
#include "layers/net_namespace.h"
#include "layers/ip.h"
#include "layers/tcp.h"
#include "layers/udp.h"
#include "events/igb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char KSRC[] = "drivers/net/ethernet/intel/igb/igb_main.c";

const char igb_driver_name[] = "igb";
const char igb_driver_version[] = "5.0.3-k";	/* igb in Linux 3.10 */

static const struct net_device_ops igb_netdev_ops;

static void igb_clean_tx_ring(struct igb_ring *tx_ring);
static void igb_clean_rx_ring(struct igb_ring *rx_ring);
static void igb_configure_msix(struct igb_adapter *adapter);
static irqreturn_t igb_msix_ring(int irq, void *data);

static inline struct igb_adapter *
sim_igb_ring_adapter(const struct igb_ring *ring)
{
	return ring->q_vector->adapter;
}

/* ==== probe: the adapter, its vectors and queues ======================== */

/*
 * sim_pci_enable_msix - what pci_enable_msix() does for igb: give each
 * MSI-X table entry a host IRQ number and program the card's table.
 * Vectors go from 1 up, skipping any already taken on this host's CPU
 * (another card's, even one not yet open).  No kernel counterpart in the
 * driver: the PCI core and the interrupt controller do this.
 */
static int
sim_pci_enable_msix(struct igb_adapter *adapter, int nvec)
{
	struct net *net = sim_igb_net(adapter);
	struct e1000_hw *hw = &adapter->hw;
	bool used[SIM_MAX_IRQS] = { [0] = true };	/* 0: the timer, on a PC */
	unsigned int irq = 0;

	for (int i = 0; i < SIM_MAX_IRQS; i++)
		if (net->cpu.irq[i].handler)
			used[i] = true;
	for (int d = 0; d < net->ndevs; d++) {
		struct igb_adapter *other;

		if (!net->devs[d] || net->devs[d]->netdev_ops != &igb_netdev_ops)
			continue;
		other = netdev_priv(net->devs[d]);
		for (unsigned int v = 0; v < other->num_q_vectors + NON_Q_VECTORS; v++)
			if (other->msix_entries[v].vector < SIM_MAX_IRQS)
				used[other->msix_entries[v].vector] = true;
	}
	for (int v = 0; v < nvec; v++) {
		while (irq < SIM_MAX_IRQS && used[irq])
			irq++;
		if (irq >= SIM_MAX_IRQS)
			return -ENOSPC;
		used[irq] = true;
		adapter->msix_entries[v].entry = v;
		adapter->msix_entries[v].vector = irq;
		wr32(SIM_MSIX_DATA(v), irq);
		wr32(SIM_MSIX_CTRL(v), 0);	/* unmask the table entry */
	}
	return 0;
}

/* One ring of @q_vector's: TX or RX queue @idx, placed at @ring. */
static void
sim_igb_add_ring(struct igb_q_vector *q_vector, struct igb_ring *ring, bool tx, int idx)
{
	struct igb_adapter *adapter = q_vector->adapter;
	struct igb_ring_container *head = tx ? &q_vector->tx : &q_vector->rx;

	ring->dev = &adapter->pdev;
	ring->netdev = adapter->netdev;
	ring->q_vector = q_vector;
	head->ring = ring;
	head->count++;
	ring->count = tx ? adapter->tx_ring_count : adapter->rx_ring_count;
	ring->queue_index = idx;
	ring->reg_idx = idx;	/* igb_cache_ring_register: 1:1 without VFs */
	if (tx)
		adapter->tx_ring[idx] = ring;
	else
		adapter->rx_ring[idx] = ring;
}

/*
 * igb_alloc_q_vector - interrupt vector @v_idx with its rings: @txr_count
 * TX rings from @txr_idx, then @rxr_count RX rings from @rxr_idx (0 or 1
 * each: a TX vector, an RX vector, or a pair)
 *
 * The rings live inside the q_vector, as in 3.10; NAPI is registered
 * here with igb's weight of 64.  The throttle starts at IGB_START_ITR
 * under a dynamic setting (1-3), else at what ethtool -C asked for (0:
 * none): the RX setting for a vector with an RX ring, else the TX one.
 */
static int
igb_alloc_q_vector(struct igb_adapter *adapter, int v_idx, int txr_count, int txr_idx,
		   int rxr_count, int rxr_idx)
{
	struct igb_q_vector *q_vector;
	struct igb_ring *ring;
	u32 setting;

	trace_igb_alloc_q_vector(adapter, v_idx, txr_count ? txr_idx : -1,
				 rxr_count ? rxr_idx : -1);
	q_vector = calloc(1, sizeof(*q_vector) + (txr_count + rxr_count) * sizeof(struct igb_ring));
	if (!q_vector)
		return -ENOMEM;
	netif_napi_add(adapter->netdev, &q_vector->napi, igb_poll, NAPI_POLL_WEIGHT);
	adapter->q_vector[v_idx] = q_vector;
	q_vector->adapter = adapter;
	q_vector->tx.work_limit = adapter->tx_work_limit;
	q_vector->itr_register = E1000_EITR(0);	/* set by igb_request_msix */
	q_vector->itr_val = IGB_START_ITR;
	setting = rxr_count ? adapter->rx_itr_setting : adapter->tx_itr_setting;
	if (!setting || setting > 3)
		q_vector->itr_val = setting;
	ring = q_vector->ring;
	if (txr_count)
		sim_igb_add_ring(q_vector, ring++, true, txr_idx);
	if (rxr_count)
		sim_igb_add_ring(q_vector, ring, false, rxr_idx);
	return 0;
}

static void
igb_free_q_vectors(struct igb_adapter *adapter)
{
	trace_igb_free_q_vectors(adapter);
	for (unsigned int v = 0; v < MAX_Q_VECTORS; v++) {
		struct igb_q_vector *q_vector = adapter->q_vector[v];

		if (!q_vector)
			continue;
		if (q_vector->tx.ring)
			adapter->tx_ring[q_vector->tx.ring->queue_index] = NULL;
		if (q_vector->rx.ring)
			adapter->rx_ring[q_vector->rx.ring->queue_index] = NULL;
		netif_napi_del(&q_vector->napi);	/* igb_reset_q_vector */
		adapter->q_vector[v] = NULL;
		free(q_vector);
	}
	adapter->num_q_vectors = 0;
}

/*
 * igb_set_interrupt_capability - the queues, and an MSI-X vector for
 * each RX queue, each TX queue unless they are paired
 * (IGB_FLAG_QUEUE_PAIRS: then a TX queue shares its RX queue's vector),
 * and one more for "other" causes.  With one CPU: eth0, eth0-rx-0 and
 * eth0-tx-0.  KERNEL: falls back to MSI or legacy INTx (and one queue)
 * when the platform has too few vectors; netstep refuses.
 */
static int
igb_set_interrupt_capability(struct igb_adapter *adapter)
{
	int err;

	trace_igb_set_interrupt_capability(adapter);
	adapter->num_rx_queues = adapter->rss_queues;
	adapter->num_tx_queues = adapter->rss_queues;	/* no VFs */
	adapter->num_q_vectors = adapter->num_rx_queues;
	if (!(adapter->flags & IGB_FLAG_QUEUE_PAIRS))
		adapter->num_q_vectors += adapter->num_tx_queues;
	err = sim_pci_enable_msix(adapter, adapter->num_q_vectors + NON_Q_VECTORS);
	if (err)
		adapter->num_q_vectors = 0;
	return err;
}

/*
 * igb_alloc_q_vectors - the q_vectors, and the rings in them: with a
 * vector for every ring, the RX rings first, one each, then the TX
 * rings; with fewer, the rings spread over them as evenly as they go
 * (pairs: one TX and one RX each).
 */
static int
igb_alloc_q_vectors(struct igb_adapter *adapter)
{
	int q_vectors = (int)adapter->num_q_vectors;
	int rxr_remaining = adapter->num_rx_queues, txr_remaining = adapter->num_tx_queues;
	int rxr_idx = 0, txr_idx = 0, v_idx = 0, err;

	trace_igb_alloc_q_vectors(adapter);
	if (q_vectors >= rxr_remaining + txr_remaining) {
		for (; rxr_remaining; v_idx++, rxr_remaining--, rxr_idx++) {
			err = igb_alloc_q_vector(adapter, v_idx, 0, 0, 1, rxr_idx);
			if (err)
				goto err_out;
		}
	}
	for (; v_idx < q_vectors; v_idx++) {
		int rqpv = DIV_ROUND_UP(rxr_remaining, q_vectors - v_idx);
		int tqpv = DIV_ROUND_UP(txr_remaining, q_vectors - v_idx);

		err = igb_alloc_q_vector(adapter, v_idx, tqpv, txr_idx, rqpv, rxr_idx);
		if (err)
			goto err_out;
		rxr_remaining -= rqpv;
		txr_remaining -= tqpv;
		rxr_idx += rqpv;
		txr_idx += tqpv;
	}
	return 0;

err_out:
	igb_free_q_vectors(adapter);
	return err;
}

/* igb_init_interrupt_scheme - vectors first, then the q_vectors on them. */
static int
igb_init_interrupt_scheme(struct igb_adapter *adapter)
{
	int err;

	trace_igb_init_interrupt_scheme(adapter);
	err = igb_set_interrupt_capability(adapter);
	if (err)
		return err;
	return igb_alloc_q_vectors(adapter);
}

/*
 * igb_init_queue_configuration - how many queues: one per online CPU, at
 * most the 82576's 8 (IGB_MAX_RX_QUEUES, without VFs), and paired on
 * shared vectors only when that is more than half of the 8.  A netstep
 * host has one CPU: one RX and one TX queue, not paired.
 */
static void
igb_init_queue_configuration(struct igb_adapter *adapter)
{
	u32 max_rss_queues = IGB_MAX_RX_QUEUES;

	adapter->rss_queues = min_t(u32, max_rss_queues, num_online_cpus());
	if (adapter->rss_queues > max_rss_queues / 2)
		adapter->flags |= IGB_FLAG_QUEUE_PAIRS;
	trace_igb_init_queue_configuration(adapter, max_rss_queues);
}

/* igb_sw_init - defaults of the private structure (igb_main.c:2653). */
static int
igb_sw_init(struct igb_adapter *adapter)
{
	struct net_device *netdev = adapter->netdev;

	trace_igb_sw_init(adapter);
	adapter->tx_ring_count = IGB_DEFAULT_TXD;
	adapter->rx_ring_count = IGB_DEFAULT_RXD;
	adapter->rx_itr_setting = IGB_DEFAULT_ITR;
	adapter->tx_itr_setting = IGB_DEFAULT_ITR;
	adapter->tx_work_limit = IGB_DEFAULT_TX_WORK;
	adapter->max_frame_size = netdev->mtu + ETH_HLEN + ETH_FCS_LEN + VLAN_HLEN;
	adapter->min_frame_size = ETH_ZLEN + ETH_FCS_LEN;
	igb_init_queue_configuration(adapter);
	if (igb_init_interrupt_scheme(adapter))
		return -ENOMEM;
	/* the card starts with every interrupt masked; stay down until open */
	adapter->state |= SIM_IGB_BIT(__IGB_DOWN);
	return 0;
}

/* igb_rar_set - program receive address register @index with @addr. */
static void
igb_rar_set(struct e1000_hw *hw, const u8 *addr, u32 index)
{
	u32 rar_low = addr[0] | addr[1] << 8 | addr[2] << 16 | (u32)addr[3] << 24;
	u32 rar_high = addr[4] | addr[5] << 8 | E1000_RAH_AV;

	trace_igb_rar_set(hw, addr, index);
	wr32(E1000_RAL(index), rar_low);
	wr32(E1000_RAH(index), rar_high);
}

/* igb_read_mac_addr - the address the card loaded from its NVM into RAR[0]. */
static void
igb_read_mac_addr(struct e1000_hw *hw)
{
	u32 rar_low = rd32(E1000_RAL(0)), rar_high = rd32(E1000_RAH(0));

	trace_igb_read_mac_addr(hw);
	for (int i = 0; i < 4; i++)
		hw->mac.perm_addr[i] = (u8)(rar_low >> (8 * i));
	hw->mac.perm_addr[4] = (u8)rar_high;
	hw->mac.perm_addr[5] = (u8)(rar_high >> 8);
	memcpy(hw->mac.addr, hw->mac.perm_addr, ETH_ALEN);
}

/*
 * igb_reset - global reset of the card, then the receive address back.
 * KERNEL: also sizes the packet buffer (PBA), flow control watermarks,
 * DMA coalescing, EEE and the PHY; the card here has none of those.
 */
static void
igb_reset(struct igb_adapter *adapter)
{
	struct e1000_hw *hw = &adapter->hw;

	trace_igb_reset(adapter);
	wr32(E1000_CTRL, rd32(E1000_CTRL) | 0x04000000);	/* CTRL.RST */
	igb_rar_set(hw, hw->mac.addr, 0);
}

/*
 * igb_remove - the last of the adapter: vectors, card, DMA space.
 * KERNEL: igb_remove is the PCI remove callback (unregister_netdev,
 * free_netdev); netstep runs it as the net_device destructor, from
 * free_netdev() at host teardown.  The topology must have unplugged the
 * card's port (sim_link_destroy) before.
 */
static void
igb_remove(struct net_device *netdev)
{
	struct igb_adapter *adapter = netdev_priv(netdev);

	trace_igb_remove(adapter);
	if (!sim_igb_is_down(adapter))
		netdev->netdev_ops->ndo_stop(netdev);
	igb_free_q_vectors(adapter);
	sim_82576_destroy(adapter->hw.hw_addr);
	adapter->hw.hw_addr = NULL;
	sim_device_destroy(&adapter->pdev);
}

/**
 * igb_probe - a new igb net_device on @net with its 82576 card
 * @name: "eth0"; @mac: the address in the card's NVM
 *
 * The device has room for the card's 8 TX queues; the driver uses one
 * per CPU (igb_init_queue_configuration) and tells the stack so when it
 * opens (netif_set_real_num_tx_queues).
 *
 * Returns the registered (still down) device, or NULL.
 */
struct net_device *
igb_probe(struct net *net, const char *name, const u8 *mac)
{
	struct net_device *netdev;
	struct igb_adapter *adapter;
	struct e1000_hw *hw;
	char busname[24], portname[64];

	trace_igb_probe(net, name, mac);
	if (!mac)
		return NULL;
	netdev = alloc_etherdev_mq(net, name, IGB_MAX_TX_QUEUES, sizeof(struct igb_adapter));
	if (!netdev)
		return NULL;
	adapter = netdev_priv(netdev);
	adapter->netdev = netdev;
	adapter->state = SIM_IGB_BIT(__IGB_DOWN);	/* until __igb_open */
	hw = &adapter->hw;
	hw->back = adapter;
	netdev->netdev_ops = &igb_netdev_ops;
	igb_set_ethtool_ops(netdev);
	/*
	 * What the card does for the stack, all on by default and each
	 * switchable (hw_features): gather frags, sum IPv4 TCP/UDP, cut TCP
	 * (TSO).  KERNEL: 3.10 also offers IPV6_CSUM and TSO6 (netstep has no
	 * IPv6), RXHASH and RXCSUM (the card does not check received sums
	 * here) and the VLAN offloads.  HIGHDMA: a 64-bit DMA mask.
	 */
	netdev->features |= NETIF_F_SG | NETIF_F_IP_CSUM | NETIF_F_TSO;
	netdev->hw_features |= netdev->features;
	netdev->features |= NETIF_F_HIGHDMA;
	netdev->destructor = igb_remove;

	/* The card goes into slot 0000:0N:00.0; its BAR0 is our hw_addr. */
	snprintf(busname, sizeof(busname), "0000:%02x:00.0", net->ndevs + 1);
	snprintf(portname, sizeof(portname), "%s:%s", net->name, name);
	if (sim_device_init(&adapter->pdev, net, busname))
		goto err_free;
	hw->hw_addr = sim_82576_create(net, portname, mac, &adapter->pdev);
	if (!hw->hw_addr)
		goto err_free;
	if (igb_sw_init(adapter))
		goto err_free;
	igb_read_mac_addr(hw);
	memcpy(netdev->dev_addr, hw->mac.addr, ETH_ALEN);
	igb_reset(adapter);
	if (register_netdev(netdev))
		goto err_free;
	return netdev;

err_free:
	free_netdev(netdev);	/* runs igb_remove */
	return NULL;
}

struct sim_82576 *
sim_igb_card(struct net_device *dev)
{
	if (!dev || dev->netdev_ops != &igb_netdev_ops)
		return NULL;
	return ((struct igb_adapter *)netdev_priv(dev))->hw.hw_addr;
}

struct sim_port *
sim_igb_port(struct net_device *dev)
{
	struct sim_82576 *card = sim_igb_card(dev);

	return card ? sim_82576_port(card) : NULL;
}

/* ==== ring memory: setup and teardown ==================================== */

/*
 * sim_igb_alloc_ring_memory - what igb_setup_tx_resources and
 * igb_setup_rx_resources both do: @buffer_size bytes of software state
 * per slot (zeroed; KERNEL: vzalloc), and the descriptor array, rounded
 * up to 4 KiB, in DMA-coherent memory (ring->desc, ring->dma).
 * Returns the buffer array for the caller to keep, or NULL with nothing
 * left allocated.
 */
static void *
sim_igb_alloc_ring_memory(struct igb_ring *ring, size_t buffer_size, size_t desc_size)
{
	void *buffer_info = calloc(ring->count, buffer_size);

	if (!buffer_info)
		return NULL;
	ring->size = ring->count * desc_size;
	ring->size = ALIGN(ring->size, 4096);
	ring->desc = dma_alloc_coherent(ring->dev, ring->size, &ring->dma);
	if (!ring->desc) {
		free(buffer_info);
		return NULL;
	}
	return buffer_info;
}

/*
 * sim_igb_free_ring_memory - the reverse: @buffer_info (the ring's
 * tx_buffer_info or rx_buffer_info; KERNEL: vfree) and the descriptors.
 * The caller clears its buffer_info pointer.
 */
static void
sim_igb_free_ring_memory(struct igb_ring *ring, void *buffer_info)
{
	free(buffer_info);
	if (!ring->desc)
		return;
	dma_free_coherent(ring->dev, ring->size, ring->desc, ring->dma);
	ring->desc = NULL;
}

/* ring= of igb_ring_alloc_fail: "tx" or "rx". */
const char *
sim_igb_ring_type_name(u32 type)
{
	return type == SIM_IGB_RX_RING ? "rx" : "tx";
}

/**
 * igb_setup_tx_resources - allocate the two halves of a TX ring
 * @tx_ring: ring with count set
 *
 * tx_buffer_info[] (software side) and the descriptor array (hardware
 * side), both empty.  0 or -ENOMEM.
 */
int
igb_setup_tx_resources(struct igb_ring *tx_ring)
{
	trace_igb_setup_tx_resources(tx_ring);
	tx_ring->tx_buffer_info = sim_igb_alloc_ring_memory(tx_ring, sizeof(struct igb_tx_buffer),
							    sizeof(union e1000_adv_tx_desc));
	if (!tx_ring->tx_buffer_info) {
		trace_igb_ring_alloc_fail(tx_ring, SIM_IGB_TX_RING);
		return -ENOMEM;
	}
	tx_ring->next_to_use = 0;
	tx_ring->next_to_clean = 0;
	trace_igb_ring_allocated(tx_ring);
	return 0;
}

/* igb_setup_all_tx_resources - every TX queue; undo them all on failure. */
static int
igb_setup_all_tx_resources(struct igb_adapter *adapter)
{
	int i, err = 0;

	trace_igb_setup_all_tx_resources(adapter);
	for (i = 0; i < adapter->num_tx_queues; i++) {
		err = igb_setup_tx_resources(adapter->tx_ring[i]);
		if (err) {
			trace_igb_tx_setup_fail(adapter, i);
			for (i--; i >= 0; i--)
				igb_free_tx_resources(adapter->tx_ring[i]);
			break;
		}
	}
	return err;
}

/* igb_setup_rx_resources - the same for an RX ring (igb_main.c:3031). */
int
igb_setup_rx_resources(struct igb_ring *rx_ring)
{
	trace_igb_setup_rx_resources(rx_ring);
	rx_ring->rx_buffer_info = sim_igb_alloc_ring_memory(rx_ring, sizeof(struct igb_rx_buffer),
							    sizeof(union e1000_adv_rx_desc));
	if (!rx_ring->rx_buffer_info) {
		trace_igb_ring_alloc_fail(rx_ring, SIM_IGB_RX_RING);
		return -ENOMEM;
	}
	rx_ring->next_to_alloc = 0;
	rx_ring->next_to_clean = 0;
	rx_ring->next_to_use = 0;
	trace_igb_ring_allocated(rx_ring);
	return 0;
}

/* igb_setup_all_rx_resources - every RX queue; undo them all on failure. */
static int
igb_setup_all_rx_resources(struct igb_adapter *adapter)
{
	int i, err = 0;

	trace_igb_setup_all_rx_resources(adapter);
	for (i = 0; i < adapter->num_rx_queues; i++) {
		err = igb_setup_rx_resources(adapter->rx_ring[i]);
		if (err) {
			trace_igb_rx_setup_fail(adapter, i);
			for (i--; i >= 0; i--)
				igb_free_rx_resources(adapter->rx_ring[i]);
			break;
		}
	}
	return err;
}

/* igb_free_tx_resources - the skbs still in the ring, then both arrays. */
void
igb_free_tx_resources(struct igb_ring *tx_ring)
{
	trace_igb_free_tx_resources(tx_ring);
	igb_clean_tx_ring(tx_ring);
	sim_igb_free_ring_memory(tx_ring, tx_ring->tx_buffer_info);
	tx_ring->tx_buffer_info = NULL;
}

static void
igb_free_all_tx_resources(struct igb_adapter *adapter)
{
	trace_igb_free_all_tx_resources(adapter);
	for (int i = 0; i < adapter->num_tx_queues; i++)
		if (adapter->tx_ring[i])
			igb_free_tx_resources(adapter->tx_ring[i]);
}

/* igb_free_rx_resources - the same for an RX ring. */
void
igb_free_rx_resources(struct igb_ring *rx_ring)
{
	trace_igb_free_rx_resources(rx_ring);
	igb_clean_rx_ring(rx_ring);
	sim_igb_free_ring_memory(rx_ring, rx_ring->rx_buffer_info);
	rx_ring->rx_buffer_info = NULL;
}

static void
igb_free_all_rx_resources(struct igb_adapter *adapter)
{
	trace_igb_free_all_rx_resources(adapter);
	for (int i = 0; i < adapter->num_rx_queues; i++)
		if (adapter->rx_ring[i])
			igb_free_rx_resources(adapter->rx_ring[i]);
}

/*
 * igb_unmap_and_free_tx_resource - give one TX slot back: free its skb,
 * unmap its buffer.  A frame the card never reported done was not sent:
 * counted as tx_dropped.
 */
static void
igb_unmap_and_free_tx_resource(struct igb_ring *ring, struct igb_tx_buffer *tx_buffer)
{
	trace_igb_unmap_and_free_tx_resource(ring, tx_buffer);
	if (tx_buffer->skb) {
		union e1000_adv_tx_desc *eop = tx_buffer->next_to_watch;

		if (!eop || !(eop->wb.status & cpu_to_le32(E1000_TXD_STAT_DD))) {
			ring->netdev->stats.tx_dropped++;
			trace_igb_drop(ring->netdev, tx_buffer->skb, "ring_cleanup");
		}
		dev_kfree_skb_any(tx_buffer->skb);
		if (tx_buffer->len)
			dma_unmap_single(ring->dev, tx_buffer->dma, tx_buffer->len, DMA_TO_DEVICE);
	} else if (tx_buffer->len) {	/* a page frag */
		dma_unmap_page(ring->dev, tx_buffer->dma, tx_buffer->len, DMA_TO_DEVICE);
	}
	tx_buffer->next_to_watch = NULL;
	tx_buffer->skb = NULL;
	tx_buffer->len = 0;
}

/* igb_clean_tx_ring - free every buffer still in a TX ring, zero it. */
static void
igb_clean_tx_ring(struct igb_ring *tx_ring)
{
	trace_igb_clean_tx_ring(tx_ring);
	if (!tx_ring->tx_buffer_info)
		return;
	/* NOTE: the kernel calls this for every slot; skipping the empty
	 * ones keeps a close from filling the trace with no-ops. */
	for (u16 i = 0; i < tx_ring->count; i++) {
		struct igb_tx_buffer *tx_buffer = &tx_ring->tx_buffer_info[i];

		if (tx_buffer->skb || tx_buffer->len)
			igb_unmap_and_free_tx_resource(tx_ring, tx_buffer);
	}
	/* KERNEL: netdev_tx_reset_queue (BQL) */
	memset(tx_ring->tx_buffer_info, 0, sizeof(struct igb_tx_buffer) * tx_ring->count);
	if (tx_ring->desc)
		memset(tx_ring->desc, 0, tx_ring->size);
	tx_ring->next_to_use = 0;
	tx_ring->next_to_clean = 0;
}

/* igb_clean_rx_ring - free the frame in progress, unmap and put every
 * page, zero the ring. */
static void
igb_clean_rx_ring(struct igb_ring *rx_ring)
{
	trace_igb_clean_rx_ring(rx_ring);
	if (rx_ring->skb)
		dev_kfree_skb_any(rx_ring->skb);
	rx_ring->skb = NULL;
	if (!rx_ring->rx_buffer_info)
		return;
	for (u16 i = 0; i < rx_ring->count; i++) {
		struct igb_rx_buffer *buffer_info = &rx_ring->rx_buffer_info[i];

		if (!buffer_info->page)
			continue;
		dma_unmap_page(rx_ring->dev, buffer_info->dma, PAGE_SIZE, DMA_FROM_DEVICE);
		put_page(buffer_info->page);	/* __free_page */
		buffer_info->page = NULL;
	}
	memset(rx_ring->rx_buffer_info, 0, sizeof(struct igb_rx_buffer) * rx_ring->count);
	if (rx_ring->desc)
		memset(rx_ring->desc, 0, rx_ring->size);
	rx_ring->next_to_alloc = 0;
	rx_ring->next_to_clean = 0;
	rx_ring->next_to_use = 0;
}

static void
igb_clean_all_tx_rings(struct igb_adapter *adapter)
{
	trace_igb_clean_all_tx_rings(adapter);
	for (int i = 0; i < adapter->num_tx_queues; i++)
		igb_clean_tx_ring(adapter->tx_ring[i]);
}

static void
igb_clean_all_rx_rings(struct igb_adapter *adapter)
{
	trace_igb_clean_all_rx_rings(adapter);
	for (int i = 0; i < adapter->num_rx_queues; i++)
		igb_clean_rx_ring(adapter->rx_ring[i]);
}

/* ==== configure: tell the card where the rings are ======================== */

/* igb_setup_tctl - TX unit: pad short packets, collision threshold, enable. */
static void
igb_setup_tctl(struct igb_adapter *adapter)
{
	struct e1000_hw *hw = &adapter->hw;
	u32 tctl;

	trace_igb_setup_tctl(adapter);
	wr32(E1000_TXDCTL(0), 0);	/* queue 0 is enabled by default on 82575 */
	tctl = rd32(E1000_TCTL);
	tctl &= ~E1000_TCTL_CT;
	tctl |= E1000_TCTL_PSP | E1000_TCTL_RTLC | (15 << E1000_CT_SHIFT);
	tctl |= E1000_TCTL_EN;
	wr32(E1000_TCTL, tctl);
}

/* igb_setup_rctl - RX unit: broadcast accept, strip CRC, long packets, enable. */
static void
igb_setup_rctl(struct igb_adapter *adapter)
{
	struct e1000_hw *hw = &adapter->hw;
	u32 rctl;

	trace_igb_setup_rctl(adapter);
	rctl = rd32(E1000_RCTL);
	rctl |= E1000_RCTL_EN | E1000_RCTL_BAM | E1000_RCTL_SECRC | E1000_RCTL_LPE;
	/* KERNEL: MO (multicast offset), RDMTS and loopback bits; the
	 * unicast/multicast promiscuous bits come from igb_set_rx_mode. */
	wr32(E1000_RCTL, rctl);
}

/* igb_rlpml_set - the largest frame the card accepts (with FCS and a VLAN tag). */
static void
igb_rlpml_set(struct igb_adapter *adapter)
{
	struct e1000_hw *hw = &adapter->hw;

	trace_igb_rlpml_set(adapter);
	wr32(E1000_RLPML, adapter->max_frame_size);
}

/**
 * igb_configure_tx_ring - tell the card where a TX ring is
 *
 * Queue off, TDLEN, TDBAL/TDBAH = the ring's DMA address, TDH = TDT = 0
 * (empty), queue on.  ring->tail remembers which register is the tail.
 */
static void
igb_configure_tx_ring(struct igb_adapter *adapter, struct igb_ring *ring)
{
	struct e1000_hw *hw = &adapter->hw;
	u64 tdba = ring->dma;
	int reg_idx = ring->reg_idx;
	u32 txdctl = 0;

	trace_igb_configure_tx_ring(adapter, ring);
	wr32(E1000_TXDCTL(reg_idx), 0);		/* disable the queue first */
	wrfl();
	/* KERNEL: mdelay(10) for the queue to drain */
	wr32(E1000_TDLEN(reg_idx), ring->count * sizeof(union e1000_adv_tx_desc));
	wr32(E1000_TDBAL(reg_idx), tdba & 0x00000000ffffffffULL);
	wr32(E1000_TDBAH(reg_idx), tdba >> 32);
	ring->tail = E1000_TDT(reg_idx);	/* KERNEL: hw->hw_addr + E1000_TDT(reg_idx) */
	wr32(E1000_TDH(reg_idx), 0);
	wr32(ring->tail, 0);
	txdctl |= IGB_TX_PTHRESH;
	txdctl |= IGB_TX_HTHRESH << 8;
	txdctl |= IGB_TX_WTHRESH << 16;
	txdctl |= E1000_TXDCTL_QUEUE_ENABLE;
	wr32(E1000_TXDCTL(reg_idx), txdctl);
}

static void
igb_configure_tx(struct igb_adapter *adapter)
{
	trace_igb_configure_tx(adapter);
	for (int i = 0; i < adapter->num_tx_queues; i++)
		igb_configure_tx_ring(adapter, adapter->tx_ring[i]);
}

/* igb_configure_rx_ring - the same for RX, plus the buffer sizes (SRRCTL):
 * half a page per descriptor, whatever the MTU. */
static void
igb_configure_rx_ring(struct igb_adapter *adapter, struct igb_ring *ring)
{
	struct e1000_hw *hw = &adapter->hw;
	u64 rdba = ring->dma;
	int reg_idx = ring->reg_idx;
	u32 srrctl, rxdctl = 0;

	trace_igb_configure_rx_ring(adapter, ring);
	wr32(E1000_RXDCTL(reg_idx), 0);
	wr32(E1000_RDBAL(reg_idx), rdba & 0x00000000ffffffffULL);
	wr32(E1000_RDBAH(reg_idx), rdba >> 32);
	wr32(E1000_RDLEN(reg_idx), ring->count * sizeof(union e1000_adv_rx_desc));
	ring->tail = E1000_RDT(reg_idx);
	wr32(E1000_RDH(reg_idx), 0);
	wr32(ring->tail, 0);
	/* A frame longer than IGB_RX_BUFSZ (jumbo) fills several
	 * descriptors; only the last has EOP. */
	srrctl = IGB_RX_HDR_LEN << E1000_SRRCTL_BSIZEHDRSIZE_SHIFT;
	srrctl |= IGB_RX_BUFSZ >> E1000_SRRCTL_BSIZEPKT_SHIFT;
	srrctl |= E1000_SRRCTL_DESCTYPE_ADV_ONEBUF;
	/* Drop when a queue has no descriptor, rather than stall the others. */
	if (adapter->num_rx_queues > 1)
		srrctl |= E1000_SRRCTL_DROP_EN;
	wr32(E1000_SRRCTL(reg_idx), srrctl);
	rxdctl |= IGB_RX_PTHRESH;
	rxdctl |= IGB_RX_HTHRESH << 8;
	rxdctl |= IGB_RX_WTHRESH << 16;
	rxdctl |= E1000_RXDCTL_QUEUE_ENABLE;
	wr32(E1000_RXDCTL(reg_idx), rxdctl);
}

static void
igb_configure_rx(struct igb_adapter *adapter)
{
	trace_igb_configure_rx(adapter);
	igb_rlpml_set(adapter);
	for (int i = 0; i < adapter->num_rx_queues; i++)
		igb_configure_rx_ring(adapter, adapter->rx_ring[i]);
}

/*
 * igb_alloc_mapped_page - a page for RX slot @bi, mapped whole for the
 * card to write, the first half in use.  A slot that got a reused page
 * (igb_reuse_rx_page) keeps it: with page flipping, new pages are rare.
 * false if no page or no mapping could be had (alloc_failed).
 */
static bool
igb_alloc_mapped_page(struct igb_ring *rx_ring, struct igb_rx_buffer *bi)
{
	struct page *page = bi->page;
	dma_addr_t dma;

	trace_igb_alloc_mapped_page(rx_ring, bi);
	if (likely(page))
		return true;
	/* KERNEL: __skb_alloc_page(GFP_ATOMIC | __GFP_COLD), which may take
	 * from the emergency reserves (a pfmemalloc page). */
	page = alloc_pages(dev_net(rx_ring->netdev), 0);
	if (unlikely(!page)) {
		rx_ring->rx_stats.alloc_failed++;
		return false;
	}
	dma = dma_map_page(rx_ring->dev, page, 0, PAGE_SIZE, DMA_FROM_DEVICE);
	if (dma_mapping_error(rx_ring->dev, dma)) {
		put_page(page);	/* __free_page */
		rx_ring->rx_stats.alloc_failed++;
		return false;
	}
	bi->dma = dma;
	bi->page = page;
	bi->page_offset = 0;
	return true;
}

/**
 * igb_alloc_rx_buffers - give @cleaned_count empty buffers to the card
 *
 * Each refilled descriptor gets its buffer's DMA address (a write-back
 * erased it); the next one's upper half is cleared so its stale DD is
 * gone.  Then one RDT write hands them all over.
 */
static void
igb_alloc_rx_buffers(struct igb_ring *rx_ring, u16 cleaned_count)
{
	struct igb_adapter *adapter = sim_igb_ring_adapter(rx_ring);
	struct e1000_hw *hw = &adapter->hw;
	union e1000_adv_rx_desc *rx_desc;
	struct igb_rx_buffer *bi;
	int i = rx_ring->next_to_use;

	trace_igb_alloc_rx_buffers(rx_ring, cleaned_count);
	if (!cleaned_count)
		return;
	rx_desc = IGB_RX_DESC(rx_ring, i);
	bi = &rx_ring->rx_buffer_info[i];
	i -= rx_ring->count;	/* negative: reaching 0 means "wrap" */
	do {
		if (!igb_alloc_mapped_page(rx_ring, bi))
			break;
		/* Refresh it even if the page is the same: every
		 * write-back erased it. */
		rx_desc->read.pkt_addr = cpu_to_le64(bi->dma + bi->page_offset);
		rx_desc++;
		bi++;
		i++;
		if (unlikely(!i)) {
			rx_desc = IGB_RX_DESC(rx_ring, 0);
			bi = rx_ring->rx_buffer_info;
			i -= rx_ring->count;
		}
		rx_desc->read.hdr_addr = 0;	/* clears the next one's DD */
		cleaned_count--;
	} while (cleaned_count);
	i += rx_ring->count;
	if (rx_ring->next_to_use != i) {
		rx_ring->next_to_use = i;
		rx_ring->next_to_alloc = i;
		/* KERNEL: wmb() - descriptors visible before the tail moves */
		trace_igb_rx_tail_write(rx_ring, i);
		wr32(rx_ring->tail, i);
	}
}

/* igb_configure - everything the card needs before the first frame. */
static void
igb_configure(struct igb_adapter *adapter)
{
	trace_igb_configure(adapter);
	/* KERNEL: igb_get_hw_control, igb_set_rx_mode, igb_restore_vlan,
	 * igb_setup_mrqc (RSS) and the RX FIFO flush come first or between. */
	igb_setup_tctl(adapter);
	igb_setup_rctl(adapter);
	igb_configure_tx(adapter);
	igb_configure_rx(adapter);
	for (int i = 0; i < adapter->num_rx_queues; i++) {
		struct igb_ring *ring = adapter->rx_ring[i];

		igb_alloc_rx_buffers(ring, igb_desc_unused(ring));
	}
}

/* ==== interrupts ============================================================ */

/* igb_write_ivar - map a queue cause (@offset: RX 0, TX 8) to @msix_vector. */
static void
igb_write_ivar(struct e1000_hw *hw, int msix_vector, int index, int offset)
{
	u32 ivar = array_rd32(E1000_IVAR0, index);

	trace_igb_write_ivar(hw, msix_vector, index, offset);
	ivar &= ~((u32)0xFF << offset);
	ivar |= (msix_vector | E1000_IVAR_VALID) << offset;
	array_wr32(E1000_IVAR0, index, ivar);
}

/* igb_assign_vector - route a q_vector's ring causes to its MSI-X vector. */
static void
igb_assign_vector(struct igb_q_vector *q_vector, int msix_vector)
{
	struct igb_adapter *adapter = q_vector->adapter;
	struct e1000_hw *hw = &adapter->hw;
	int rx_queue = IGB_N0_QUEUE, tx_queue = IGB_N0_QUEUE;

	if (q_vector->rx.ring)
		rx_queue = q_vector->rx.ring->reg_idx;
	if (q_vector->tx.ring)
		tx_queue = q_vector->tx.ring->reg_idx;
	trace_igb_assign_vector(q_vector, msix_vector, rx_queue, tx_queue);
	/* 82576: IVAR0[n & 7] holds RX n, TX n, RX n+8, TX n+8 bytes */
	if (rx_queue > IGB_N0_QUEUE)
		igb_write_ivar(hw, msix_vector, rx_queue & 0x7, (rx_queue & 0x8) << 1);
	if (tx_queue > IGB_N0_QUEUE)
		igb_write_ivar(hw, msix_vector, tx_queue & 0x7, ((tx_queue & 0x8) << 1) + 8);
	q_vector->eims_value = 1U << msix_vector;
	adapter->eims_enable_mask |= q_vector->eims_value;
	q_vector->set_itr = 1;	/* write EITR at the first interrupt */
}

/*
 * igb_configure_msix - MSI-X mode: vector 0 for "other" causes, then one
 * vector per q_vector; EIAME so a delivered vector masks itself.
 */
static void
igb_configure_msix(struct igb_adapter *adapter)
{
	struct e1000_hw *hw = &adapter->hw;
	int vector = 0;

	trace_igb_configure_msix(adapter);
	adapter->eims_enable_mask = 0;
	wr32(E1000_GPIE, E1000_GPIE_MSIX_MODE | E1000_GPIE_PBA | E1000_GPIE_EIAME |
	     E1000_GPIE_NSICR);
	adapter->eims_other = 1U << vector;
	wr32(E1000_IVAR_MISC, (vector++ | E1000_IVAR_VALID) << 8);
	adapter->eims_enable_mask |= adapter->eims_other;
	for (unsigned int i = 0; i < adapter->num_q_vectors; i++)
		igb_assign_vector(adapter->q_vector[i], vector++);
	wrfl();
}

/*
 * igb_msix_other - vector 0: link changes and errors.  netstep's links
 * never change, so it only acknowledges and unmasks.
 */
static irqreturn_t
igb_msix_other(int irq, void *data)
{
	struct igb_adapter *adapter = data;
	struct e1000_hw *hw = &adapter->hw;
	u32 icr;

	trace_igb_msix_other(adapter, irq);
	icr = rd32(E1000_ICR);	/* reading clears it */
	/* KERNEL: DRSTA, DOUTSYNC, VMMB, LSC (-> watchdog), TS handled here */
	(void)icr;
	wr32(E1000_EIMS, adapter->eims_other);
	return IRQ_HANDLED;
}

/* igb_write_itr - the throttle rate chosen last poll, into EITR. */
static void
igb_write_itr(struct igb_q_vector *q_vector)
{
	struct e1000_hw *hw = &q_vector->adapter->hw;
	u32 itr_val = q_vector->itr_val & 0x7FFC;

	trace_igb_write_itr(q_vector, itr_val);
	if (!q_vector->set_itr)
		return;
	if (!itr_val)
		itr_val = 0x4;
	itr_val |= E1000_EITR_CNT_IGNR;	/* 82576 and newer */
	wr32(q_vector->itr_register, itr_val);
	q_vector->set_itr = 0;
}

/**
 * igb_msix_ring - hard IRQ of a queue vector
 *
 * All the work is deferred: schedule NAPI, whose poll runs in
 * NET_RX_SOFTIRQ on the way out of this interrupt.  The card masked the
 * vector when it sent the message (EIAM); igb_poll unmasks it.
 */
static irqreturn_t
igb_msix_ring(int irq, void *data)
{
	struct igb_q_vector *q_vector = data;

	trace_igb_msix_ring(q_vector, irq);
	igb_write_itr(q_vector);
	napi_schedule(&q_vector->napi);
	return IRQ_HANDLED;
}

/* The vector's name in /proc/interrupts: "eth0-TxRx-0" for a pair,
 * "eth0-tx-0" or "eth0-rx-0" for one ring. */
static void
sim_igb_name_vector(struct igb_q_vector *q_vector, const char *dev)
{
	const char *kind = "unused";
	int idx = -1;

	if (q_vector->rx.ring && q_vector->tx.ring)
		kind = "TxRx", idx = q_vector->rx.ring->queue_index;
	else if (q_vector->tx.ring)
		kind = "tx", idx = q_vector->tx.ring->queue_index;
	else if (q_vector->rx.ring)
		kind = "rx", idx = q_vector->rx.ring->queue_index;
	if (idx < 0)
		snprintf(q_vector->name, sizeof(q_vector->name), "%.*s-%s", IFNAMSIZ - 1, dev, kind);
	else
		snprintf(q_vector->name, sizeof(q_vector->name), "%.*s-%s-%d", IFNAMSIZ - 1, dev,
			 kind, idx);
}

/* igb_request_msix - the handlers: other on entry 0, one per q_vector after. */
static int
igb_request_msix(struct igb_adapter *adapter)
{
	struct net_device *netdev = adapter->netdev;
	struct sim_cpu *cpu = &sim_igb_net(adapter)->cpu;
	unsigned int i, vector = 0;
	int err;

	trace_igb_request_msix(adapter);
	err = request_irq(cpu, adapter->msix_entries[vector].vector, igb_msix_other,
			  netdev->name, adapter);
	if (err)
		return err;
	for (i = 0; i < adapter->num_q_vectors; i++) {
		struct igb_q_vector *q_vector = adapter->q_vector[i];

		vector++;
		q_vector->itr_register = E1000_EITR(vector);
		sim_igb_name_vector(q_vector, netdev->name);
		err = request_irq(cpu, adapter->msix_entries[vector].vector, igb_msix_ring,
				  q_vector->name, q_vector);
		if (err)
			goto err_free;
	}
	igb_configure_msix(adapter);
	return 0;

err_free:
	free_irq(cpu, adapter->msix_entries[0].vector, adapter);
	while (i--)
		free_irq(cpu, adapter->msix_entries[i + 1].vector, adapter->q_vector[i]);
	return err;
}

/* igb_request_irq - the interrupt handlers.  KERNEL: MSI and legacy
 * INTx (igb_intr_msi, igb_intr) are the fallbacks; netstep has MSI-X only. */
static int
igb_request_irq(struct igb_adapter *adapter)
{
	trace_igb_request_irq(adapter);
	return igb_request_msix(adapter);
}

static void
igb_free_irq(struct igb_adapter *adapter)
{
	struct sim_cpu *cpu = &sim_igb_net(adapter)->cpu;

	trace_igb_free_irq(adapter);
	free_irq(cpu, adapter->msix_entries[0].vector, adapter);
	for (unsigned int i = 0; i < adapter->num_q_vectors; i++)
		free_irq(cpu, adapter->msix_entries[i + 1].vector, adapter->q_vector[i]);
}

/* igb_irq_disable - mask every vector, stop auto-clear/auto-mask. */
static void
igb_irq_disable(struct igb_adapter *adapter)
{
	struct e1000_hw *hw = &adapter->hw;
	u32 regval;

	trace_igb_irq_disable(adapter);
	regval = rd32(E1000_EIAM);
	wr32(E1000_EIAM, regval & ~adapter->eims_enable_mask);
	wr32(E1000_EIMC, adapter->eims_enable_mask);
	regval = rd32(E1000_EIAC);
	wr32(E1000_EIAC, regval & ~adapter->eims_enable_mask);
	wr32(E1000_IMC, ~0U);
	wrfl();
}

/* igb_irq_enable - auto-clear + auto-mask for our vectors, then unmask. */
static void
igb_irq_enable(struct igb_adapter *adapter)
{
	struct e1000_hw *hw = &adapter->hw;
	u32 regval;

	trace_igb_irq_enable(adapter);
	regval = rd32(E1000_EIAC);
	wr32(E1000_EIAC, regval | adapter->eims_enable_mask);
	regval = rd32(E1000_EIAM);
	wr32(E1000_EIAM, regval | adapter->eims_enable_mask);
	wr32(E1000_EIMS, adapter->eims_enable_mask);
	wr32(E1000_IMS, E1000_IMS_LSC);
}

/* igb_ring_irq_enable - unmask this vector after a complete poll. */
static void
igb_ring_irq_enable(struct igb_q_vector *q_vector)
{
	struct igb_adapter *adapter = q_vector->adapter;
	struct e1000_hw *hw = &adapter->hw;

	trace_igb_ring_irq_enable(q_vector);
	/* KERNEL: igb_set_itr / igb_update_ring_itr pick a new ITR first */
	if (!sim_igb_is_down(adapter))
		wr32(E1000_EIMS, q_vector->eims_value);
}

/* ==== open and close ======================================================== */

/**
 * __igb_open - bring the interface up (igb_main.c:2743)
 *
 * Rings, configuration, interrupts, NAPI, then the TX queues start.
 * 0 or a negative errno, with everything undone.
 */
static int
__igb_open(struct net_device *netdev, bool resuming)
{
	struct igb_adapter *adapter = netdev_priv(netdev);
	struct e1000_hw *hw = &adapter->hw;
	int err;

	trace___igb_open(adapter);
	(void)resuming;
	if (adapter->state & SIM_IGB_BIT(__IGB_TESTING))
		return -EBUSY;
	err = igb_setup_all_tx_resources(adapter);
	if (err)
		goto err_setup_tx;
	err = igb_setup_all_rx_resources(adapter);
	if (err)
		goto err_setup_rx;
	igb_configure(adapter);
	err = igb_request_irq(adapter);
	if (err)
		goto err_req_irq;
	netif_set_real_num_tx_queues(netdev, adapter->num_tx_queues);
	adapter->state &= ~SIM_IGB_BIT(__IGB_DOWN);
	for (unsigned int i = 0; i < adapter->num_q_vectors; i++)
		napi_enable(&adapter->q_vector[i]->napi);
	rd32(E1000_ICR);	/* clear any pending interrupt */
	igb_irq_enable(adapter);
	netif_tx_start_all_queues(netdev);
	return 0;

err_req_irq:
	igb_free_all_rx_resources(adapter);
err_setup_rx:
	igb_free_all_tx_resources(adapter);
err_setup_tx:
	igb_reset(adapter);
	return err;
}

/* igb_open - ndo_open */
int
igb_open(struct net_device *netdev)
{
	trace_igb_open(netdev);
	return __igb_open(netdev, false);
}

/*
 * igb_down - stop the card (RX, TX, interrupts, NAPI), reset it and free
 * every buffer still in the rings.  The rings themselves stay.
 */
void
igb_down(struct igb_adapter *adapter)
{
	struct net_device *netdev = adapter->netdev;
	struct e1000_hw *hw = &adapter->hw;

	trace_igb_down(adapter);
	adapter->state |= SIM_IGB_BIT(__IGB_DOWN);
	wr32(E1000_RCTL, rd32(E1000_RCTL) & ~E1000_RCTL_EN);
	/* netif_tx_stop_all_queues */
	for (unsigned int i = 0; i < netdev->num_tx_queues; i++)
		netif_tx_stop_queue(netdev_get_tx_queue(netdev, i));
	wr32(E1000_TCTL, rd32(E1000_TCTL) & ~E1000_TCTL_EN);
	wrfl();
	igb_irq_disable(adapter);
	for (unsigned int i = 0; i < adapter->num_q_vectors; i++)
		napi_disable(&adapter->q_vector[i]->napi);
	/* KERNEL: del_timer_sync(watchdog, phy_info), netif_carrier_off */
	igb_update_stats(adapter);	/* the reset clears the counters */
	igb_reset(adapter);
	igb_clean_all_tx_rings(adapter);
	igb_clean_all_rx_rings(adapter);
}

/* igb_up - igb_down's reverse, for an adapter whose rings exist. */
int
igb_up(struct igb_adapter *adapter)
{
	struct e1000_hw *hw = &adapter->hw;

	trace_igb_up(adapter);
	igb_configure(adapter);
	adapter->state &= ~SIM_IGB_BIT(__IGB_DOWN);
	for (unsigned int i = 0; i < adapter->num_q_vectors; i++)
		napi_enable(&adapter->q_vector[i]->napi);
	igb_configure_msix(adapter);
	rd32(E1000_ICR);
	igb_irq_enable(adapter);
	netif_tx_start_all_queues(adapter->netdev);
	return 0;
}

/* __igb_close - down, interrupts released, rings freed. */
static int
__igb_close(struct net_device *netdev, bool suspending)
{
	struct igb_adapter *adapter = netdev_priv(netdev);

	trace___igb_close(netdev);
	(void)suspending;
	igb_down(adapter);
	igb_free_irq(adapter);
	igb_free_all_tx_resources(adapter);
	igb_free_all_rx_resources(adapter);
	return 0;
}

/* igb_close - ndo_stop */
int
igb_close(struct net_device *netdev)
{
	trace_igb_close(netdev);
	return __igb_close(netdev, false);
}

/* ==== transmit ============================================================== */

/**
 * igb_tx_ctxtdesc - write an advanced context descriptor at next_to_use
 * and step past it [82576 7.2.2.2]
 *
 * It carries no buffer, only what the card must know to sum or cut the
 * packet whose data descriptors follow: the header lengths, the
 * protocols, the MSS.  Its slot is the one igb_xmit_frame_ring took for
 * @first, so the packet's data starts one slot further on (and @first,
 * which keeps the skb and the head's mapping, sits on the context slot).
 * KERNEL: on an 82575 each ring needs its own context index
 * (IGB_RING_FLAG_TX_CTX_IDX); the 82576 uses slot 0 of its queue's table.
 */
static void
igb_tx_ctxtdesc(struct igb_ring *tx_ring, u32 vlan_macip_lens, u32 type_tucmd,
		u32 mss_l4len_idx)
{
	struct e1000_adv_tx_context_desc *context_desc;
	u16 i = tx_ring->next_to_use;

	trace_igb_tx_ctxtdesc(tx_ring, vlan_macip_lens, type_tucmd, mss_l4len_idx);
	context_desc = IGB_TX_CTXTDESC(tx_ring, i);
	i++;
	tx_ring->next_to_use = i < tx_ring->count ? i : 0;
	/* what makes it a context descriptor: advanced format, DTYP 2 */
	type_tucmd |= E1000_TXD_CMD_DEXT | E1000_ADVTXD_DTYP_CTXT;
	context_desc->vlan_macip_lens = cpu_to_le32(vlan_macip_lens);
	context_desc->seqnum_seed = 0;
	context_desc->type_tucmd_mlhl = cpu_to_le32(type_tucmd);
	context_desc->mss_l4len_idx = cpu_to_le32(mss_l4len_idx);
}

/**
 * igb_tso - hand a TCP GSO skb to the card to cut (TSO): fix up its
 * headers, describe them in a context descriptor
 * @hdr_len: set to the header bytes every segment repeats (MAC + IP + TCP)
 *
 * Returns 1 when the card will segment (a context descriptor was
 * written), 0 when the skb is not a GSO skb left to the device to sum
 * (CHECKSUM_PARTIAL), -ENOMEM when its header could not be made its own
 * (the caller drops it).
 *
 * The card writes every segment's IP total length and header checksum
 * and its TCP checksum, adding the segment's length to the pseudo-header
 * sum [82576 7.2.4]: so tot_len and check go down as 0, and th->check
 * holds the pseudo-header sum without a length.  (tcp_v4_send_check put
 * the whole skb's length there; software GSO would adjust it per segment
 * in tcp_tso_segment instead.)  Each segment is counted in gso_segs, and
 * its headers in bytecount.
 */
static int
igb_tso(struct igb_ring *tx_ring, struct igb_tx_buffer *first, u8 *hdr_len)
{
	struct sk_buff *skb = first->skb;
	u32 vlan_macip_lens, type_tucmd, mss_l4len_idx, l4len;
	struct iphdr *iph;

	trace_igb_tso(tx_ring, skb);
	if (skb->ip_summed != CHECKSUM_PARTIAL)
		return 0;
	if (!skb_is_gso(skb))
		return 0;
	/* The headers are rewritten below: a clone that did not give them up
	 * (TCP's original did, skb_header_release) must keep its own. */
	if (skb_header_cloned(skb)) {
		int err = pskb_expand_head(skb, 0, 0);

		if (err)
			return err;
	}
	/* KERNEL: an IPv6 skb (skb_is_gso_v6) gets payload_len 0 and its own
	 * pseudo-header sum; netstep speaks IPv4 only and offers no TSO6. */
	type_tucmd = E1000_ADVTXD_TUCMD_L4T_TCP | E1000_ADVTXD_TUCMD_IPV4;
	iph = ip_hdr(skb);
	iph->tot_len = 0;
	iph->check = 0;
	tcp_hdr(skb)->check = ~csum_tcpudp_magic(iph->saddr, iph->daddr, 0, IPPROTO_TCP, 0);
	first->tx_flags |= IGB_TX_FLAGS_TSO | IGB_TX_FLAGS_CSUM | IGB_TX_FLAGS_IPV4;

	l4len = tcp_hdrlen(skb);
	*hdr_len = skb_transport_offset(skb) + l4len;
	/* the wire will carry the headers once per segment */
	first->gso_segs = skb_shinfo(skb)->gso_segs;
	first->bytecount += (first->gso_segs - 1) * *hdr_len;

	mss_l4len_idx = l4len << E1000_ADVTXD_L4LEN_SHIFT;
	mss_l4len_idx |= (u32)skb_shinfo(skb)->gso_size << E1000_ADVTXD_MSS_SHIFT;
	vlan_macip_lens = skb_network_header_len(skb);
	vlan_macip_lens |= skb_network_offset(skb) << E1000_ADVTXD_MACLEN_SHIFT;
	igb_tx_ctxtdesc(tx_ring, vlan_macip_lens, type_tucmd, mss_l4len_idx);
	return 1;
}

/**
 * igb_tx_csum - let the card insert the TCP or UDP checksum of a
 * CHECKSUM_PARTIAL skb (POPTS.TXSM) [82576 7.2.5]: describe its headers
 * in a context descriptor
 *
 * An skb the stack summed already needs nothing.  The card sums from the
 * L4 header (MACLEN + IPLEN) to the end, over the pseudo-header sum the
 * stack left in the checksum field (csum_offset: 16 in TCP, 6 in UDP),
 * and stores the result there.  The IP header's checksum is the stack's.
 * KERNEL: 3.10 also writes a context for a VLAN tag alone, and sums IPv6
 * and SCTP; it warns about other protocols, which netstep never marks
 * CHECKSUM_PARTIAL.
 */
static void
igb_tx_csum(struct igb_ring *tx_ring, struct igb_tx_buffer *first)
{
	struct sk_buff *skb = first->skb;
	u32 vlan_macip_lens, type_tucmd, mss_l4len_idx;

	trace_igb_tx_csum(tx_ring, skb);
	if (skb->ip_summed != CHECKSUM_PARTIAL)
		return;
	vlan_macip_lens = skb_network_header_len(skb);
	type_tucmd = E1000_ADVTXD_TUCMD_IPV4;
	if (ip_hdr(skb)->protocol == IPPROTO_TCP) {
		type_tucmd |= E1000_ADVTXD_TUCMD_L4T_TCP;
		mss_l4len_idx = tcp_hdrlen(skb) << E1000_ADVTXD_L4LEN_SHIFT;
	} else {	/* UDP: L4T 0 */
		mss_l4len_idx = sizeof(struct udphdr) << E1000_ADVTXD_L4LEN_SHIFT;
	}
	first->tx_flags |= IGB_TX_FLAGS_CSUM;
	vlan_macip_lens |= skb_network_offset(skb) << E1000_ADVTXD_MACLEN_SHIFT;
	igb_tx_ctxtdesc(tx_ring, vlan_macip_lens, type_tucmd, mss_l4len_idx);
}

/* igb_tx_cmd_type - the command bits every data descriptor of this skb gets. */
static u32
igb_tx_cmd_type(struct sk_buff *skb, u32 tx_flags)
{
	/* an advanced data descriptor; the card appends the CRC; TSE: it cuts */
	u32 cmd_type = E1000_ADVTXD_DTYP_DATA | E1000_ADVTXD_DCMD_DEXT |
		       E1000_ADVTXD_DCMD_IFCS |
		       (tx_flags & IGB_TX_FLAGS_TSO ? E1000_ADVTXD_DCMD_TSE : 0);

	trace_igb_tx_cmd_type(skb, tx_flags, cmd_type);
	/* KERNEL: skb->no_fcs clears IFCS; VLAN and TSTAMP flags add bits */
	return cmd_type;
}

/*
 * igb_tx_olinfo_status - the first data descriptor's PAYLEN (the frame's
 * length, or for TSO the TCP payload) and the checksums the card is to
 * insert (POPTS: TXSM for TCP/UDP, IXSM for the IPv4 header).
 */
static void
igb_tx_olinfo_status(struct igb_ring *tx_ring, union e1000_adv_tx_desc *tx_desc,
		     u32 tx_flags, unsigned int paylen)
{
	u32 olinfo_status = paylen << E1000_ADVTXD_PAYLEN_SHIFT |
			    (tx_flags & IGB_TX_FLAGS_CSUM ? E1000_TXD_POPTS_TXSM << 8 : 0) |
			    (tx_flags & IGB_TX_FLAGS_IPV4 ? E1000_TXD_POPTS_IXSM << 8 : 0);

	trace_igb_tx_olinfo_status(tx_ring, paylen, olinfo_status);
	/* KERNEL: the 82575's context index (IGB_RING_FLAG_TX_CTX_IDX) */
	tx_desc->read.olinfo_status = cpu_to_le32(olinfo_status);
}

/*
 * sim_igb_next_tx_desc - step *@i to the next slot of the ring (the last
 * wraps to 0) and return its descriptor, olinfo_status cleared.
 * NOTE: 3.10's igb_tx_map writes this step out twice, for a buffer over
 * 32 KiB and for the next frag.
 */
static union e1000_adv_tx_desc *
sim_igb_next_tx_desc(struct igb_ring *tx_ring, u16 *i)
{
	union e1000_adv_tx_desc *tx_desc;

	if (++*i == tx_ring->count)
		*i = 0;
	tx_desc = IGB_TX_DESC(tx_ring, *i);
	tx_desc->read.olinfo_status = 0;
	return tx_desc;
}

/**
 * igb_tx_map - map @first's skb for DMA and write its data descriptors
 * @hdr_len: the header bytes of a TSO skb (igb_tso), else 0: PAYLEN is
 *	     skb->len - @hdr_len
 *
 * The linear part first, then each page frag, one data descriptor per
 * buffer (and per 32 KiB of one); the last gets EOP|RS.  The first
 * mapping is kept in @first, each frag's in its own slot, to be unmapped
 * at completion.  Then next_to_watch (the EOP descriptor), next_to_use,
 * and the tail write that hands the slots to the card.  The skb stays
 * with the ring until igb_clean_tx_irq; on a mapping failure it is freed
 * here, every buffer already mapped is unmapped, and next_to_use goes
 * back to @first's slot (a context descriptor there is written over).
 */
static void
igb_tx_map(struct igb_ring *tx_ring, struct igb_tx_buffer *first, const u8 hdr_len)
{
	struct igb_adapter *adapter = sim_igb_ring_adapter(tx_ring);
	struct e1000_hw *hw = &adapter->hw;
	struct sk_buff *skb = first->skb;
	struct igb_tx_buffer *tx_buffer = first;
	union e1000_adv_tx_desc *tx_desc;
	const skb_frag_t *frag = skb_shinfo(skb)->frags;
	u32 tx_flags = first->tx_flags;
	u32 cmd_type = igb_tx_cmd_type(skb, tx_flags);
	u16 i = tx_ring->next_to_use;
	unsigned int size, data_len;
	dma_addr_t dma;

	trace_igb_tx_map(tx_ring, first, i);
	tx_desc = IGB_TX_DESC(tx_ring, i);
	igb_tx_olinfo_status(tx_ring, tx_desc, tx_flags, skb->len - hdr_len);
	size = skb_headlen(skb);
	data_len = skb->data_len;
	dma = dma_map_single(tx_ring->dev, skb->data, size, DMA_TO_DEVICE);
	for (;; frag++) {
		if (dma_mapping_error(tx_ring->dev, dma))
			goto dma_error;
		tx_buffer->len = size;	/* dma_unmap_len_set */
		tx_buffer->dma = dma;	/* dma_unmap_addr_set */
		tx_desc->read.buffer_addr = cpu_to_le64(dma);
		while (unlikely(size > IGB_MAX_DATA_PER_TXD)) {
			tx_desc->read.cmd_type_len = cpu_to_le32(cmd_type | IGB_MAX_DATA_PER_TXD);
			tx_desc = sim_igb_next_tx_desc(tx_ring, &i);
			dma += IGB_MAX_DATA_PER_TXD;
			size -= IGB_MAX_DATA_PER_TXD;
			tx_desc->read.buffer_addr = cpu_to_le64(dma);
		}
		if (likely(!data_len))
			break;
		/* Not the last buffer: a descriptor without EOP, then the next frag. */
		tx_desc->read.cmd_type_len = cpu_to_le32(cmd_type | size);
		trace_igb_tx_desc_write(tx_ring, first, i, size);
		tx_desc = sim_igb_next_tx_desc(tx_ring, &i);
		size = skb_frag_size(frag);
		data_len -= size;
		dma = skb_frag_dma_map(tx_ring->dev, frag, 0, size, DMA_TO_DEVICE);
		tx_buffer = &tx_ring->tx_buffer_info[i];
	}
	cmd_type |= size | IGB_TXD_DCMD;	/* EOP | RS: only on the last */
	tx_desc->read.cmd_type_len = cpu_to_le32(cmd_type);
	trace_igb_tx_desc_write(tx_ring, first, i, size);
	/* KERNEL: netdev_tx_sent_queue (BQL) */
	first->time_stamp = sim_host_jiffies(sim_igb_net(adapter));
	/* KERNEL: wmb() - the descriptor is complete before the card or
	 * igb_clean_tx_irq can see next_to_watch */
	first->next_to_watch = tx_desc;
	i++;
	if (i == tx_ring->count)
		i = 0;
	tx_ring->next_to_use = i;
	trace_igb_tx_tail_write(tx_ring, skb, i);
	wr32(tx_ring->tail, i);	/* KERNEL: writel(i, tx_ring->tail) */
	return;

dma_error:
	trace_igb_drop(tx_ring->netdev, skb, "tx_dma_map_failed");
	adapter->tx_dma_failed++;
	tx_ring->netdev->stats.tx_dropped++;
	/* Unmap the frags mapped so far, from the failed slot back to
	 * @first's; nothing was handed to the card (the tail did not move). */
	for (;;) {
		tx_buffer = &tx_ring->tx_buffer_info[i];
		if (tx_buffer == first)
			break;
		igb_unmap_and_free_tx_resource(tx_ring, tx_buffer);
		if (i == 0)
			i = tx_ring->count;
		i--;
	}
	if (first->len)
		dma_unmap_single(tx_ring->dev, first->dma, first->len, DMA_TO_DEVICE);
	first->len = 0;
	dev_kfree_skb_any(first->skb);
	first->skb = NULL;
	tx_ring->next_to_use = i;
}

/*
 * __igb_maybe_stop_tx - stop the subqueue, then look again: on a real
 * SMP machine igb_clean_tx_irq may have freed slots meanwhile.
 */
static int
__igb_maybe_stop_tx(struct igb_ring *tx_ring, const u16 size)
{
	struct net_device *netdev = tx_ring->netdev;

	trace___igb_maybe_stop_tx(tx_ring, size);
	netif_stop_subqueue(netdev, tx_ring->queue_index);
	trace_igb_tx_queue_stop(tx_ring, size);
	/* KERNEL: smp_mb() */
	if (igb_desc_unused(tx_ring) < size)
		return -EBUSY;
	netif_wake_subqueue(netdev, tx_ring->queue_index);
	tx_ring->tx_stats.restart_queue2++;
	return 0;
}

static inline int
igb_maybe_stop_tx(struct igb_ring *tx_ring, const u16 size)
{
	if (igb_desc_unused(tx_ring) >= size)
		return 0;
	return __igb_maybe_stop_tx(tx_ring, size);
}

/**
 * igb_xmit_frame_ring - put @skb on @tx_ring
 * @skb: consumed on NETDEV_TX_OK (the ring owns it until the card is
 *       done, or it was dropped); still the caller's on NETDEV_TX_BUSY
 *
 * Needs a descriptor per 32 KiB of the linear part and of each frag,
 * plus 3 (a context descriptor, and two to keep the tail off the head),
 * else NETDEV_TX_BUSY.  Then TSO or checksum offload (a context
 * descriptor), the data descriptors, and an early stop of the queue if
 * fewer than DESC_NEEDED (21: the most an skb can need) slots are left,
 * so the next skb never has to be refused.
 */
static netdev_tx_t
igb_xmit_frame_ring(struct sk_buff *skb, struct igb_ring *tx_ring)
{
	struct igb_tx_buffer *first;
	int tso;
	u16 count = TXD_USE_COUNT(skb_headlen(skb));
	u8 hdr_len = 0;

	trace_igb_xmit_frame_ring(skb, tx_ring);
	/* NOTE: 3.10 chooses at compile time between this loop and
	 * count += nr_frags, which it takes when a frag page
	 * (NETDEV_FRAG_PAGE_MAX_SIZE, 32 KiB) never needs two descriptors,
	 * as here: both count the same. */
	for (unsigned int f = 0; f < skb_shinfo(skb)->nr_frags; f++)
		count += TXD_USE_COUNT(skb_frag_size(&skb_shinfo(skb)->frags[f]));
	if (igb_maybe_stop_tx(tx_ring, count + 3)) {
		/* this is a hard error */
		trace_igb_tx_busy(tx_ring, skb);
		return NETDEV_TX_BUSY;
	}
	first = &tx_ring->tx_buffer_info[tx_ring->next_to_use];
	first->skb = skb;
	first->bytecount = skb->len;
	first->gso_segs = 1;
	/* KERNEL: skb_tx_timestamp, hardware timestamp and VLAN flags */
	first->tx_flags = 0;
	first->protocol = skb->protocol;	/* KERNEL: vlan_get_protocol */
	tso = igb_tso(tx_ring, first, &hdr_len);
	if (tso < 0)
		goto out_drop;
	else if (!tso)
		igb_tx_csum(tx_ring, first);
	igb_tx_map(tx_ring, first, hdr_len);
	igb_maybe_stop_tx(tx_ring, DESC_NEEDED);
	return NETDEV_TX_OK;

out_drop:
	/* KERNEL: 3.10 frees it with igb_unmap_and_free_tx_resource, uncounted */
	trace_igb_drop(tx_ring->netdev, skb, "tso_no_memory");
	tx_ring->netdev->stats.tx_dropped++;
	dev_kfree_skb_any(skb);
	first->skb = NULL;
	return NETDEV_TX_OK;
}

static inline struct igb_ring *
igb_tx_queue_mapping(struct igb_adapter *adapter, struct sk_buff *skb)
{
	unsigned int r_idx = skb->queue_mapping;

	if (r_idx >= (unsigned int)adapter->num_tx_queues)
		r_idx = r_idx % adapter->num_tx_queues;
	return adapter->tx_ring[r_idx];
}

/**
 * igb_xmit_frame - ndo_start_xmit
 * @skb: consumed unless NETDEV_TX_BUSY is returned
 *
 * Drops the frame if the adapter is down, pads it to 17 bytes (the
 * card pads to 60 itself: TCTL.PSP) and picks the ring from
 * skb->queue_mapping.
 */
netdev_tx_t
igb_xmit_frame(struct sk_buff *skb, struct net_device *netdev)
{
	struct igb_adapter *adapter = netdev_priv(netdev);

	trace_igb_xmit_frame(skb, netdev);
	if (sim_igb_is_down(adapter)) {
		trace_igb_drop(netdev, skb, "adapter_down");
		netdev->stats.tx_dropped++;
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	if (skb->len == 0) {
		trace_igb_drop(netdev, skb, "empty_skb");
		netdev->stats.tx_dropped++;
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	/* The minimum packet size with TCTL.PSP set is 17 bytes. */
	if (unlikely(skb->len < 17)) {
		/* KERNEL: skb_padto frees the skb on failure, then igb sets
		 * skb->len = 17; netstep's skb_pad leaves it to us, and we
		 * skb_put the zeroed bytes so tail and len agree. */
		if (skb_pad(skb, 17 - skb->len)) {
			trace_igb_drop(netdev, skb, "pad_failed");
			netdev->stats.tx_dropped++;
			kfree_skb(skb);
			return NETDEV_TX_OK;
		}
		skb_put(skb, 17 - skb->len);
	}
	return igb_xmit_frame_ring(skb, igb_tx_queue_mapping(adapter, skb));
}

/* ==== completion: NAPI poll ================================================= */

/**
 * igb_clean_tx_irq - reclaim the slots the card is done with
 *
 * From next_to_clean, while the packet's EOP descriptor (next_to_watch)
 * has DD: free the skb (consume_skb: it was sent), unmap, advance.  At
 * most tx.work_limit (128) packets per call.  Wakes the queue when at
 * least TX_WAKE_THRESHOLD (42) slots are free.  true if all was cleaned.
 */
bool
igb_clean_tx_irq(struct igb_q_vector *q_vector)
{
	struct igb_adapter *adapter = q_vector->adapter;
	struct igb_ring *tx_ring = q_vector->tx.ring;
	struct igb_tx_buffer *tx_buffer;
	union e1000_adv_tx_desc *tx_desc;
	unsigned int total_bytes = 0, total_packets = 0;
	unsigned int budget = q_vector->tx.work_limit;
	int i = tx_ring->next_to_clean;

	trace_igb_clean_tx_irq(tx_ring, budget);
	if (sim_igb_is_down(adapter))
		return true;
	tx_buffer = &tx_ring->tx_buffer_info[i];
	tx_desc = IGB_TX_DESC(tx_ring, i);
	i -= tx_ring->count;	/* negative: reaching 0 means "wrap" */
	do {
		union e1000_adv_tx_desc *eop_desc = tx_buffer->next_to_watch;

		if (!eop_desc)
			break;		/* nothing pending in this slot */
		/* KERNEL: read_barrier_depends() */
		if (!(eop_desc->wb.status & cpu_to_le32(E1000_TXD_STAT_DD)))
			break;		/* the card is not done with it */
		tx_buffer->next_to_watch = NULL;
		total_bytes += tx_buffer->bytecount;
		total_packets += tx_buffer->gso_segs;
		trace_igb_tx_done(tx_ring, tx_buffer, eop_desc, i + tx_ring->count);
		dev_kfree_skb_any(tx_buffer->skb);
		dma_unmap_single(tx_ring->dev, tx_buffer->dma, tx_buffer->len, DMA_TO_DEVICE);
		tx_buffer->skb = NULL;
		tx_buffer->len = 0;
		/* the slots of a >32 KiB buffer, up to the EOP descriptor */
		while (tx_desc != eop_desc) {
			tx_buffer++;
			tx_desc++;
			i++;
			if (unlikely(!i)) {
				i -= tx_ring->count;
				tx_buffer = tx_ring->tx_buffer_info;
				tx_desc = IGB_TX_DESC(tx_ring, 0);
			}
			if (tx_buffer->len) {	/* a page frag */
				dma_unmap_page(tx_ring->dev, tx_buffer->dma, tx_buffer->len,
					       DMA_TO_DEVICE);
				tx_buffer->len = 0;
			}
		}
		/* past the EOP descriptor */
		tx_buffer++;
		tx_desc++;
		i++;
		if (unlikely(!i)) {
			i -= tx_ring->count;
			tx_buffer = tx_ring->tx_buffer_info;
			tx_desc = IGB_TX_DESC(tx_ring, 0);
		}
		budget--;
	} while (likely(budget));

	/* KERNEL: netdev_tx_completed_queue (BQL) */
	i += tx_ring->count;
	tx_ring->next_to_clean = i;
	tx_ring->tx_stats.bytes += total_bytes;
	tx_ring->tx_stats.packets += total_packets;
	q_vector->tx.total_bytes += total_bytes;
	q_vector->tx.total_packets += total_packets;
	/* NOTE: 3.10 sums the rings into the netdev stats from the watchdog
	 * (igb_update_stats); netstep counts here so `ip -s link` is current. */
	tx_ring->netdev->stats.tx_packets += total_packets;
	tx_ring->netdev->stats.tx_bytes += total_bytes;
	/* KERNEL: Tx hang detection (IGB_RING_FLAG_TX_DETECT_HANG) */

	if (unlikely(total_packets && igb_desc_unused(tx_ring) >= TX_WAKE_THRESHOLD)) {
		/* KERNEL: smp_mb(); also requires netif_carrier_ok() */
		if (__netif_subqueue_stopped(tx_ring->netdev, tx_ring->queue_index) &&
		    !sim_igb_is_down(adapter)) {
			trace_igb_tx_queue_wake(tx_ring);
			netif_wake_subqueue(tx_ring->netdev, tx_ring->queue_index);
			tx_ring->tx_stats.restart_queue++;
		}
	}
	return !!budget;
}

/**
 * igb_poll - NAPI poll of one q_vector (NET_RX_SOFTIRQ)
 *
 * TX completion first, then up to @budget received frames.  Not done:
 * return @budget to be polled again.  Done: napi_complete, unmask the
 * vector, and return 0 (3.10 does not report the RX work done).
 */
int
igb_poll(struct napi_struct *napi, int budget)
{
	struct igb_q_vector *q_vector = container_of(napi, struct igb_q_vector, napi);
	bool clean_complete = true;

	trace_igb_poll(q_vector, budget);
	/* KERNEL: igb_update_dca */
	if (q_vector->tx.ring)
		clean_complete = igb_clean_tx_irq(q_vector);
	if (q_vector->rx.ring)
		clean_complete &= igb_clean_rx_irq(q_vector, budget);
	/* If all work not completed, return budget and keep polling */
	if (!clean_complete)
		return budget;
	napi_complete(napi);
	igb_ring_irq_enable(q_vector);
	return 0;
}

/* ==== receive =============================================================== */

/*
 * igb_reuse_rx_page - give the page of @old_buff, its other half now
 * current, to the slot at next_to_alloc: the next refill finds it there
 * (igb_alloc_mapped_page) instead of allocating.  The mapping stays.
 */
static void
igb_reuse_rx_page(struct igb_ring *rx_ring, struct igb_rx_buffer *old_buff)
{
	u16 nta = rx_ring->next_to_alloc;
	struct igb_rx_buffer *new_buff = &rx_ring->rx_buffer_info[nta];

	trace_igb_reuse_rx_page(rx_ring, old_buff);
	nta++;
	rx_ring->next_to_alloc = (nta < rx_ring->count) ? nta : 0;
	*new_buff = *old_buff;
	/* KERNEL: dma_sync_single_range_for_device of the half; netstep's
	 * DMA is coherent. */
}

/*
 * igb_can_reuse_rx_page - may the page that just went up in a frag be
 * used again?  Only if the driver is its sole owner again (the stack
 * freed what it was given of the half before): then the other half is
 * next, and the page gets two references at once, the stack's new frag
 * and the ring's.  Otherwise the stack keeps it, and the ring lets go.
 */
static bool
igb_can_reuse_rx_page(struct igb_rx_buffer *rx_buffer, struct page *page,
		      unsigned int truesize)
{
	trace_igb_can_reuse_rx_page(rx_buffer, page, truesize);
	/* KERNEL: a page of another NUMA node is never reused (one node
	 * here); with pages of 8 KiB and more, the offset walks up the page
	 * instead of flipping. */
	if (unlikely(page_count(page) != 1))
		return false;
	rx_buffer->page_offset ^= IGB_RX_BUFSZ;
	/* We are the only owner: set the count (atomic_set in 3.10) rather
	 * than take a reference with a locked increment. */
	page->_count = 2;
	return true;
}

/*
 * igb_add_rx_frag - the bytes the card wrote into @rx_buffer's half page
 * go into @skb: copied, for a frame of at most IGB_RX_HDR_LEN bytes (the
 * half page stays the ring's); else attached as a frag of the page.
 * true if the ring may use the page again (igb_reuse_rx_page).
 */
static bool
igb_add_rx_frag(struct igb_ring *rx_ring, struct igb_rx_buffer *rx_buffer,
		union e1000_adv_rx_desc *rx_desc, struct sk_buff *skb)
{
	struct page *page = rx_buffer->page;
	unsigned int size = le16_to_cpu(rx_desc->wb.upper.length);
	unsigned int truesize = IGB_RX_BUFSZ;	/* a frag costs its half page */

	trace_igb_add_rx_frag(rx_ring, rx_buffer, size, skb);
	if (size <= IGB_RX_HDR_LEN && !skb_is_nonlinear(skb)) {
		/* KERNEL: copies ALIGN(size, sizeof(long)) bytes; a hardware
		 * timestamp (TSIP) in front of the frame is taken off here. */
		memcpy(skb_put(skb, size), (u8 *)page_address(page) + rx_buffer->page_offset,
		       size);
		return true;
	}
	skb_add_rx_frag(skb, skb_shinfo(skb)->nr_frags, page, rx_buffer->page_offset, size,
			truesize);
	return igb_can_reuse_rx_page(rx_buffer, page, truesize);
}

/*
 * igb_fetch_rx_buffer - the buffer at next_to_clean into a frame: a new
 * skb for the frame's first buffer (room for IGB_RX_HDR_LEN bytes), or
 * @skb, the frame in progress, for the next ones.  Its page goes back to
 * the ring or is unmapped; the slot is empty afterwards.  NULL if no skb
 * could be had (alloc_failed; the buffer stays for the next poll).
 */
static struct sk_buff *
igb_fetch_rx_buffer(struct igb_ring *rx_ring, union e1000_adv_rx_desc *rx_desc,
		    struct sk_buff *skb)
{
	struct igb_rx_buffer *rx_buffer = &rx_ring->rx_buffer_info[rx_ring->next_to_clean];

	trace_igb_fetch_rx_buffer(rx_ring, rx_buffer, rx_desc, skb);
	if (likely(!skb)) {
		skb = netdev_alloc_skb_ip_align(rx_ring->netdev, IGB_RX_HDR_LEN);
		if (unlikely(!skb)) {
			rx_ring->rx_stats.alloc_failed++;
			return NULL;
		}
	}
	/* KERNEL: dma_sync_single_range_for_cpu of the half first. */
	if (igb_add_rx_frag(rx_ring, rx_buffer, rx_desc, skb))
		igb_reuse_rx_page(rx_ring, rx_buffer);
	else
		dma_unmap_page(rx_ring->dev, rx_buffer->dma, PAGE_SIZE, DMA_FROM_DEVICE);
	rx_buffer->page = NULL;
	return skb;
}

/* igb_is_non_eop - advance next_to_clean; true if the frame goes on in
 * the next buffer (the card had no EOP for this one). */
static bool
igb_is_non_eop(struct igb_ring *rx_ring, union e1000_adv_rx_desc *rx_desc)
{
	u32 ntc = rx_ring->next_to_clean + 1;

	trace_igb_is_non_eop(rx_ring);
	ntc = (ntc < rx_ring->count) ? ntc : 0;
	rx_ring->next_to_clean = ntc;
	return !igb_test_staterr(rx_desc, E1000_RXD_STAT_EOP);
}

/*
 * igb_get_headlen - how many bytes at @data are headers: Ethernet, IPv4
 * or IPv6, and TCP or UDP (the first fragment of a datagram only); at
 * most @max_len.  What igb_pull_tail copies into the linear part, so the
 * stack (GRO first) finds every header there.
 * KERNEL: a VLAN tag (802.1Q) is stepped over too.
 */
static unsigned int
igb_get_headlen(const u8 *data, unsigned int max_len)
{
	unsigned int off = ETH_HLEN, hlen;
	u8 nexthdr = 0;	/* neither TCP nor UDP */
	__be16 protocol;

	if (max_len < ETH_HLEN)
		return max_len;
	memcpy(&protocol, data + 12, sizeof(protocol));
	if (protocol == htons(ETH_P_IP)) {
		const struct iphdr *iph = (const struct iphdr *)(data + off);

		if (off > max_len - sizeof(struct iphdr))
			return max_len;
		hlen = (data[off] & 0x0F) << 2;
		if (hlen < sizeof(struct iphdr))
			return off;
		if (!(iph->frag_off & htons(IP_OFFSET)))
			nexthdr = iph->protocol;
	} else if (protocol == htons(ETH_P_IPV6)) {
		if (off > max_len - 40)	/* sizeof(struct ipv6hdr) */
			return max_len;
		nexthdr = data[off + 6];
		hlen = 40;
	} else {
		return off;
	}
	off += hlen;
	if (nexthdr == IPPROTO_TCP) {
		if (off > max_len - sizeof(struct tcphdr))
			return max_len;
		hlen = (data[off + 12] & 0xF0) >> 2;
		if (hlen < sizeof(struct tcphdr))
			return off;
		off += hlen;
	} else if (nexthdr == IPPROTO_UDP) {
		if (off > max_len - sizeof(struct udphdr))
			return max_len;
		off += sizeof(struct udphdr);
	}
	return off < max_len ? off : max_len;
}

/*
 * igb_pull_tail - copy the headers of a frame that is all in frags into
 * the skb's linear part (igb's own, cheaper __pskb_pull_tail: the first
 * frag just starts later).
 */
static void
igb_pull_tail(struct igb_ring *rx_ring, union e1000_adv_rx_desc *rx_desc,
	      struct sk_buff *skb)
{
	skb_frag_t *frag = &skb_shinfo(skb)->frags[0];
	const u8 *va = skb_frag_address(frag);
	unsigned int pull_len;

	trace_igb_pull_tail(rx_ring, rx_desc, skb);
	/* KERNEL: a hardware timestamp (TSIP) before the frame is read and
	 * skipped first. */
	pull_len = igb_get_headlen(va, IGB_RX_HDR_LEN);
	/* KERNEL: rounds the copy up to a whole number of longs. */
	memcpy(skb_tail_pointer(skb), va, pull_len);	/* skb_copy_to_linear_data */
	skb_frag_size_sub(frag, pull_len);
	frag->page_offset += pull_len;
	skb->data_len -= pull_len;
	skb->tail += pull_len;
	trace_igb_rx_headers_pulled(rx_ring, skb, pull_len);
}

/*
 * igb_cleanup_headers - drop a frame the card flagged, put the headers
 * of a paged one in the linear part, pad runts to 60.
 * Returns true if @skb was consumed (dropped).
 */
static bool
igb_cleanup_headers(struct igb_ring *rx_ring, union e1000_adv_rx_desc *rx_desc,
		    struct sk_buff *skb)
{
	trace_igb_cleanup_headers(rx_ring, rx_desc, skb);
	if (unlikely(igb_test_staterr(rx_desc, E1000_RXDEXT_ERR_FRAME_ERR_MASK))) {
		/* KERNEL: with NETIF_F_RXALL (ethtool -K rx-all) it goes up. */
		trace_igb_rx_frame_error(rx_ring, rx_desc, skb);
		rx_ring->rx_stats.drops++;
		kfree_skb(skb);
		return true;
	}
	if (skb_is_nonlinear(skb))
		igb_pull_tail(rx_ring, rx_desc, skb);
	if (unlikely(skb->len < ETH_ZLEN)) {	/* eth_skb_pad */
		unsigned int pad = ETH_ZLEN - skb->len;

		if (skb_pad(skb, pad)) {
			trace_igb_drop(rx_ring->netdev, skb, "pad_failed");
			rx_ring->rx_stats.drops++;
			kfree_skb(skb);
			return true;
		}
		skb_put(skb, pad);
	}
	return false;
}

/**
 * igb_clean_rx_irq - hand received frames to the stack
 * @budget: at most this many frames
 *
 * While the descriptor at next_to_clean has DD: its half page goes into
 * the frame's skb (igb_fetch_rx_buffer); a frame that goes on in the
 * next descriptor waits in rx_ring->skb (also across polls); a whole one
 * gets its headers pulled, eth_type_trans, and goes to napi_gro_receive
 * (which consumes it).  Slots are refilled every 16 and at the end (RDT
 * moves).  true if under budget.
 */
bool
igb_clean_rx_irq(struct igb_q_vector *q_vector, const int budget)
{
	struct igb_ring *rx_ring = q_vector->rx.ring;
	struct sk_buff *skb = rx_ring->skb;
	unsigned int total_bytes = 0, total_packets = 0;
	u16 cleaned_count = igb_desc_unused(rx_ring);

	trace_igb_clean_rx_irq(rx_ring, budget);
	do {
		union e1000_adv_rx_desc *rx_desc;

		if (cleaned_count >= IGB_RX_BUFFER_WRITE) {
			igb_alloc_rx_buffers(rx_ring, cleaned_count);
			cleaned_count = 0;
		}
		rx_desc = IGB_RX_DESC(rx_ring, rx_ring->next_to_clean);
		if (!igb_test_staterr(rx_desc, E1000_RXD_STAT_DD))
			break;
		/* KERNEL: rmb() - no descriptor field is read before DD */
		skb = igb_fetch_rx_buffer(rx_ring, rx_desc, skb);
		if (!skb)
			break;
		cleaned_count++;
		trace_igb_rx_done(rx_ring, rx_desc, skb);
		if (igb_is_non_eop(rx_ring, rx_desc))
			continue;
		if (igb_cleanup_headers(rx_ring, rx_desc, skb)) {
			skb = NULL;
			continue;
		}
		total_bytes += skb->len;
		/* igb_process_skb_fields: KERNEL: RX checksum, hash, timestamp
		 * and VLAN tag would be taken from the descriptor here */
		skb->protocol = eth_type_trans(skb, rx_ring->netdev);
		napi_gro_receive(&q_vector->napi, skb);
		skb = NULL;
		total_packets++;
	} while (likely(total_packets < (unsigned int)budget));

	/* A frame whose EOP has not come yet is finished next time. */
	rx_ring->skb = skb;
	rx_ring->rx_stats.packets += total_packets;
	rx_ring->rx_stats.bytes += total_bytes;
	q_vector->rx.total_packets += total_packets;
	q_vector->rx.total_bytes += total_bytes;
	/* NOTE: 3.10 sums the rings into the netdev stats when they are read
	 * (igb_get_stats64); netstep counts here so `ip -s link` is current,
	 * frames as they came, before GRO merges them. */
	rx_ring->netdev->stats.rx_packets += total_packets;
	rx_ring->netdev->stats.rx_bytes += total_bytes;
	if (cleaned_count)
		igb_alloc_rx_buffers(rx_ring, cleaned_count);
	return total_packets < (unsigned int)budget;
}

/* ==== MTU and statistics ==================================================== */

/**
 * igb_change_mtu - ndo_change_mtu: 68 .. 9216 (a 9238-byte frame)
 *
 * A running interface goes down and up, with the new frame size in
 * RLPML; the RX buffers stay half pages (a jumbo frame spans several).
 * 0 or -EINVAL.
 */
int
igb_change_mtu(struct net_device *netdev, int new_mtu)
{
	struct igb_adapter *adapter = netdev_priv(netdev);
	int max_frame = new_mtu + ETH_HLEN + ETH_FCS_LEN + VLAN_HLEN;

	trace_igb_change_mtu(netdev, new_mtu, max_frame);
	if (new_mtu < 68 || max_frame > MAX_STD_JUMBO_FRAME_SIZE) {
		trace_igb_mtu_invalid(netdev, new_mtu);
		return -EINVAL;
	}
	/* igb_down depends on max_frame_size */
	adapter->max_frame_size = max_frame;
	if (netif_running(netdev))
		igb_down(adapter);
	netdev->mtu = new_mtu;
	if (netif_running(netdev))
		igb_up(adapter);
	else
		igb_reset(adapter);
	return 0;
}

/*
 * igb_update_stats - fold the card's clear-on-read counters into
 * adapter->stats and the netdev's error counters.  KERNEL: run every
 * 2 s by the watchdog; netstep runs it for ethtool -S and at igb_down.
 */
void
igb_update_stats(struct igb_adapter *adapter)
{
	struct e1000_hw *hw = &adapter->hw;
	struct e1000_hw_stats *s = &adapter->stats;
	struct net_device_stats *net_stats = &adapter->netdev->stats;
	u64 ring_drops = 0;

	trace_igb_update_stats(adapter);
	s->crcerrs += rd32(E1000_CRCERRS);
	s->mpc += rd32(E1000_MPC);
	s->roc += rd32(E1000_ROC);
	s->gprc += rd32(E1000_GPRC);
	s->bprc += rd32(E1000_BPRC);
	s->mprc += rd32(E1000_MPRC);
	s->gptc += rd32(E1000_GPTC);
	/* the low half first: reading the high half clears both */
	s->gorc += rd32(E1000_GORCL);
	s->gorc += (u64)rd32(E1000_GORCH) << 32;
	s->gotc += rd32(E1000_GOTCL);
	s->gotc += (u64)rd32(E1000_GOTCH) << 32;
	s->rnbc += rd32(E1000_RNBC);
	s->tpr += rd32(E1000_TPR);
	s->tpt += rd32(E1000_TPT);
	s->mptc += rd32(E1000_MPTC);
	s->bptc += rd32(E1000_BPTC);
	s->tsctc += rd32(E1000_TSCTC);
	s->tsctfc += rd32(E1000_TSCTFC);
	for (int i = 0; i < adapter->num_rx_queues; i++)
		if (adapter->rx_ring[i])
			ring_drops += adapter->rx_ring[i]->rx_stats.drops;
	net_stats->rx_errors = s->crcerrs + s->roc + ring_drops;
	net_stats->rx_missed_errors = s->mpc;
}

static const struct net_device_ops igb_netdev_ops = {
	.ndo_open = igb_open,
	.ndo_stop = igb_close,
	.ndo_start_xmit = igb_xmit_frame,
	.ndo_change_mtu = igb_change_mtu,
};
