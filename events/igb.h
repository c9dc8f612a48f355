/*
 * events/igb.h - tracepoints of the igb driver: nic/igb_main.c and
 * nic/igb_ethtool.c (drivers/net/ethernet/intel/igb/).
 * See kernel/trace_event.h for the syntax.  None of these functions is
 * inline in 3.10.
 */
#if !defined(NETSTEP_EVENTS_IGB_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_IGB_H

/* Classes from other headers (kernel/trace_events.c's later passes read
 * them through all.h, not again from here). */
#ifndef TRACE_HEADER_MULTI_READ
#include "events/common.h"
#include "events/net.h"
#endif

#undef TRACE_SYSTEM
#define TRACE_SYSTEM igb

#include "kernel/trace_event.h"
#include "nic/igb.h"
#include "layers/ethtool.h"

/* ==== igb_main.c: probe ===================================================== */

TRACE_EVENT(igb_alloc_q_vector, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter, int v_idx, int txr_idx, int rxr_idx),
	TP_HOST(sim_igb_net(adapter)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(v_idx)
		tp_s32(txr)
		tp_s32(rxr)),
	TP_ASSIGN(
		__entry->v_idx = v_idx;
		__entry->txr = txr_idx;
		__entry->rxr = rxr_idx;))
#define trace_igb_alloc_q_vector(...) TP_FUNC(igb_alloc_q_vector, __VA_ARGS__)

/* The adapter's q_vectors (one per interrupt vector). */
DECLARE_EVENT_CLASS(igb_q_vectors,
	TP_PROTO(const struct igb_adapter *adapter),
	TP_HOST(sim_igb_net(adapter)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(q_vectors)),
	TP_ASSIGN(
		__entry->q_vectors = adapter->num_q_vectors;))
DEFINE_EVENT(igb_q_vectors, igb_free_q_vectors, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter), TP_ARGS(adapter))
#define trace_igb_free_q_vectors(...) TP_FUNC(igb_free_q_vectors, __VA_ARGS__)

/* A step taken for each of @queues queues: the TX queues, or the RX
 * queues for igb_setup_all_rx_resources. */
DECLARE_EVENT_CLASS(igb_queues,
	TP_PROTO(const struct igb_adapter *adapter, int queues),
	TP_HOST(sim_igb_net(adapter)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(queues)),
	TP_ASSIGN(
		__entry->queues = queues;))
DEFINE_EVENT(igb_queues, igb_set_interrupt_capability, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter), TP_ARGS(adapter, adapter->rss_queues))
#define trace_igb_set_interrupt_capability(...) TP_FUNC(igb_set_interrupt_capability, __VA_ARGS__)

DEFINE_EVENT(igb_q_vectors, igb_alloc_q_vectors, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter), TP_ARGS(adapter))
#define trace_igb_alloc_q_vectors(...) TP_FUNC(igb_alloc_q_vectors, __VA_ARGS__)

DEFINE_EVENT(igb_queues, igb_init_interrupt_scheme, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter), TP_ARGS(adapter, adapter->rss_queues))
#define trace_igb_init_interrupt_scheme(...) TP_FUNC(igb_init_interrupt_scheme, __VA_ARGS__)

TRACE_EVENT(igb_sw_init, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter),
	TP_HOST(sim_igb_net(adapter)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)),
	TP_ASSIGN(
		__entry->dev = adapter->netdev->name;))
#define trace_igb_sw_init(...) TP_FUNC(igb_sw_init, __VA_ARGS__)

/* Called at its end, when rss_queues and the pairing are known. */
TRACE_EVENT(igb_init_queue_configuration, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter, u32 max_rss_queues),
	TP_HOST(sim_igb_net(adapter)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(cpus)
		tp_u32(max_rss_queues)
		tp_u32(rss_queues)
		tp_u32(pairs)),
	TP_ASSIGN(
		__entry->cpus = num_online_cpus();
		__entry->max_rss_queues = max_rss_queues;
		__entry->rss_queues = adapter->rss_queues;
		__entry->pairs = !!(adapter->flags & IGB_FLAG_QUEUE_PAIRS);))
#define trace_igb_init_queue_configuration(...) TP_FUNC(igb_init_queue_configuration, __VA_ARGS__)

/* NOTE: 3.10 has igb_rar_set in e1000_mac.c and igb_read_mac_addr in
 * e1000_nvm.c; netstep keeps them in nic/igb_main.c. */
TRACE_EVENT(igb_rar_set, "drivers/net/ethernet/intel/igb/e1000_mac.c", TP_NOT_INLINE,
	TP_PROTO(const struct e1000_hw *hw, const u8 *addr, u32 index),
	TP_HOST(sim_igb_net(hw->back)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(index)
		tp_mac(addr)),
	TP_ASSIGN(
		__entry->index = index;
		memcpy(__entry->addr, addr, ETH_ALEN);))
#define trace_igb_rar_set(...) TP_FUNC(igb_rar_set, __VA_ARGS__)

DEFINE_EVENT(no_fields, igb_read_mac_addr, "drivers/net/ethernet/intel/igb/e1000_nvm.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct e1000_hw *hw), TP_ARGS(sim_igb_net(hw->back), NULL))
#define trace_igb_read_mac_addr(...) TP_FUNC(igb_read_mac_addr, __VA_ARGS__)

DEFINE_EVENT(netdev, igb_reset, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter), TP_ARGS(adapter->netdev))
#define trace_igb_reset(...) TP_FUNC(igb_reset, __VA_ARGS__)

TRACE_EVENT(igb_remove, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter),
	TP_HOST(sim_igb_net(adapter)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(dma_maps)),
	TP_ASSIGN(
		__entry->dev = adapter->netdev->name;
		__entry->dma_maps = sim_dma_map_count(&adapter->pdev);))
#define trace_igb_remove(...) TP_FUNC(igb_remove, __VA_ARGS__)

/* A missing @mac (igb_probe refuses it) prints as 00:00:00:00:00:00. */
TRACE_EVENT(igb_probe, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, const char *name, const u8 *mac),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_mac(mac)),
	TP_ASSIGN(
		__entry->dev = name;
		if (mac)
			memcpy(__entry->mac, mac, ETH_ALEN);
		else
			memset(__entry->mac, 0, ETH_ALEN);))
#define trace_igb_probe(...) TP_FUNC(igb_probe, __VA_ARGS__)

/* ==== igb_main.c: ring memory ================================================ */

/* A ring about to get its memory: @desc_size is a TX or an RX descriptor's. */
DECLARE_EVENT_CLASS(igb_ring_setup,
	TP_PROTO(const struct igb_ring *ring, size_t desc_size),
	TP_HOST(dev_net(ring->netdev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(ring)
		tp_u16(count)
		tp_u32(size)),
	TP_ASSIGN(
		__entry->ring = ring->queue_index;
		__entry->count = ring->count;
		/* what the descriptors will take, rounded up to a page */
		__entry->size = (u32)ALIGN(ring->count * desc_size, 4096);))
DEFINE_EVENT(igb_ring_setup, igb_setup_tx_resources, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_ring *tx_ring), TP_ARGS(tx_ring, sizeof(union e1000_adv_tx_desc)))
#define trace_igb_setup_tx_resources(...) TP_FUNC(igb_setup_tx_resources, __VA_ARGS__)

/* igb_setup_tx_resources / igb_setup_rx_resources: no memory for the
 * ring, a TX or an RX one (@which). */
TRACE_NOTE_EVENT(igb_ring_alloc_fail, "drivers/net/ethernet/intel/igb/igb_main.c",
	TP_PROTO(const struct igb_ring *ring, enum sim_igb_ring_type which),
	TP_HOST(dev_net(ring->netdev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(reason)
		tp_enum8(ring, sim_igb_ring_type_name)),
	TP_ASSIGN(
		__entry->reason = "no_memory";
		__entry->ring = (u8)which;))
#define trace_igb_ring_alloc_fail(...) TP_NOTE(igb_ring_alloc_fail, __VA_ARGS__)

/* igb_setup_tx_resources / igb_setup_rx_resources: the ring is
 * allocated, empty, at bus address desc_dma. */
TRACE_NOTE_EVENT(igb_ring_allocated, "drivers/net/ethernet/intel/igb/igb_main.c",
	TP_PROTO(const struct igb_ring *ring),
	TP_HOST(dev_net(ring->netdev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(ring)
		tp_u16(count)
		tp_x64(desc_dma)
		tp_u32(size)),
	TP_ASSIGN(
		__entry->ring = ring->queue_index;
		__entry->count = ring->count;
		__entry->desc_dma = ring->dma;
		__entry->size = ring->size;))
#define trace_igb_ring_allocated(...) TP_NOTE(igb_ring_allocated, __VA_ARGS__)

DEFINE_EVENT(igb_queues, igb_setup_all_tx_resources, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter), TP_ARGS(adapter, adapter->num_tx_queues))
#define trace_igb_setup_all_tx_resources(...) TP_FUNC(igb_setup_all_tx_resources, __VA_ARGS__)

/* igb_setup_all_tx_resources: TX queue @queue could not be set up. */
TRACE_NOTE_EVENT(igb_tx_setup_fail, "drivers/net/ethernet/intel/igb/igb_main.c",
	TP_PROTO(const struct igb_adapter *adapter, int queue),
	TP_HOST(sim_igb_net(adapter)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(reason)
		tp_s32(tx_queue)),
	TP_ASSIGN(
		__entry->reason = "alloc_failed";
		__entry->tx_queue = queue;))
#define trace_igb_tx_setup_fail(...) TP_NOTE(igb_tx_setup_fail, __VA_ARGS__)

DEFINE_EVENT(igb_ring_setup, igb_setup_rx_resources, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_ring *rx_ring), TP_ARGS(rx_ring, sizeof(union e1000_adv_rx_desc)))
#define trace_igb_setup_rx_resources(...) TP_FUNC(igb_setup_rx_resources, __VA_ARGS__)

DEFINE_EVENT(igb_queues, igb_setup_all_rx_resources, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter), TP_ARGS(adapter, adapter->num_rx_queues))
#define trace_igb_setup_all_rx_resources(...) TP_FUNC(igb_setup_all_rx_resources, __VA_ARGS__)

/* igb_setup_all_rx_resources: RX queue @queue could not be set up. */
TRACE_NOTE_EVENT(igb_rx_setup_fail, "drivers/net/ethernet/intel/igb/igb_main.c",
	TP_PROTO(const struct igb_adapter *adapter, int queue),
	TP_HOST(sim_igb_net(adapter)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(reason)
		tp_s32(rx_queue)),
	TP_ASSIGN(
		__entry->reason = "alloc_failed";
		__entry->rx_queue = queue;))
#define trace_igb_rx_setup_fail(...) TP_NOTE(igb_rx_setup_fail, __VA_ARGS__)

/* A TX or RX ring by its queue index. */
DECLARE_EVENT_CLASS(igb_ring_index,
	TP_PROTO(const struct igb_ring *ring),
	TP_HOST(dev_net(ring->netdev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(ring)),
	TP_ASSIGN(
		__entry->ring = ring->queue_index;))
DEFINE_EVENT(igb_ring_index, igb_free_tx_resources, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_ring *tx_ring), TP_ARGS(tx_ring))
#define trace_igb_free_tx_resources(...) TP_FUNC(igb_free_tx_resources, __VA_ARGS__)

DEFINE_EVENT(no_fields, igb_free_all_tx_resources, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter), TP_ARGS(sim_igb_net(adapter), NULL))
#define trace_igb_free_all_tx_resources(...) TP_FUNC(igb_free_all_tx_resources, __VA_ARGS__)

DEFINE_EVENT(igb_ring_index, igb_free_rx_resources, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_ring *rx_ring), TP_ARGS(rx_ring))
#define trace_igb_free_rx_resources(...) TP_FUNC(igb_free_rx_resources, __VA_ARGS__)

DEFINE_EVENT(no_fields, igb_free_all_rx_resources, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter), TP_ARGS(sim_igb_net(adapter), NULL))
#define trace_igb_free_all_rx_resources(...) TP_FUNC(igb_free_all_rx_resources, __VA_ARGS__)

TRACE_EVENT(igb_unmap_and_free_tx_resource, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_ring *ring, const struct igb_tx_buffer *tx_buffer),
	TP_HOST(dev_net(ring->netdev)),
	TP_SKB(tx_buffer->skb),
	TP_STRUCT(
		tp_u8(ring)
		tp_u32(len)),
	TP_ASSIGN(
		__entry->ring = ring->queue_index;
		__entry->len = tx_buffer->len;))
#define trace_igb_unmap_and_free_tx_resource(...)					\
	TP_FUNC(igb_unmap_and_free_tx_resource, __VA_ARGS__)

/* The driver dropped @skb, for @reason: "ring_cleanup" (never sent),
 * "tx_dma_map_failed", "adapter_down", "empty_skb", "pad_failed",
 * "non_eop". */
DEFINE_NOTE_EVENT(reason, igb_drop, "drivers/net/ethernet/intel/igb/igb_main.c",
	TP_PROTO(const struct net_device *dev, const struct sk_buff *skb, const char *reason),
	TP_ARGS(dev_net(dev), skb, reason))
#define trace_igb_drop(...) TP_NOTE(igb_drop, __VA_ARGS__)

/* A TX or RX ring emptied: its queue index and where its two indices stood. */
DECLARE_EVENT_CLASS(igb_ring_clean,
	TP_PROTO(const struct igb_ring *ring),
	TP_HOST(dev_net(ring->netdev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(ring)
		tp_u16(ntu)
		tp_u16(ntc)),
	TP_ASSIGN(
		__entry->ring = ring->queue_index;
		__entry->ntu = ring->next_to_use;
		__entry->ntc = ring->next_to_clean;))
DEFINE_EVENT(igb_ring_clean, igb_clean_tx_ring, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_ring *tx_ring), TP_ARGS(tx_ring))
#define trace_igb_clean_tx_ring(...) TP_FUNC(igb_clean_tx_ring, __VA_ARGS__)

DEFINE_EVENT(igb_ring_clean, igb_clean_rx_ring, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_ring *rx_ring), TP_ARGS(rx_ring))
#define trace_igb_clean_rx_ring(...) TP_FUNC(igb_clean_rx_ring, __VA_ARGS__)

DEFINE_EVENT(no_fields, igb_clean_all_tx_rings, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter), TP_ARGS(sim_igb_net(adapter), NULL))
#define trace_igb_clean_all_tx_rings(...) TP_FUNC(igb_clean_all_tx_rings, __VA_ARGS__)

DEFINE_EVENT(no_fields, igb_clean_all_rx_rings, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter), TP_ARGS(sim_igb_net(adapter), NULL))
#define trace_igb_clean_all_rx_rings(...) TP_FUNC(igb_clean_all_rx_rings, __VA_ARGS__)

/* ==== igb_main.c: configure ================================================== */

DEFINE_EVENT(no_fields, igb_setup_tctl, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter), TP_ARGS(sim_igb_net(adapter), NULL))
#define trace_igb_setup_tctl(...) TP_FUNC(igb_setup_tctl, __VA_ARGS__)

DEFINE_EVENT(no_fields, igb_setup_rctl, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter), TP_ARGS(sim_igb_net(adapter), NULL))
#define trace_igb_setup_rctl(...) TP_FUNC(igb_setup_rctl, __VA_ARGS__)

TRACE_EVENT(igb_rlpml_set, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter),
	TP_HOST(sim_igb_net(adapter)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(rlpml)),
	TP_ASSIGN(
		__entry->rlpml = adapter->max_frame_size;))
#define trace_igb_rlpml_set(...) TP_FUNC(igb_rlpml_set, __VA_ARGS__)

TRACE_EVENT(igb_configure_tx_ring, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter, const struct igb_ring *ring),
	TP_HOST(sim_igb_net(adapter)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(ring)
		tp_x64(tdba)
		tp_u32(tdlen)),
	TP_ASSIGN(
		__entry->ring = ring->queue_index;
		__entry->tdba = ring->dma;
		__entry->tdlen = (u32)(ring->count * sizeof(union e1000_adv_tx_desc));))
#define trace_igb_configure_tx_ring(...) TP_FUNC(igb_configure_tx_ring, __VA_ARGS__)

DEFINE_EVENT(no_fields, igb_configure_tx, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter), TP_ARGS(sim_igb_net(adapter), NULL))
#define trace_igb_configure_tx(...) TP_FUNC(igb_configure_tx, __VA_ARGS__)

TRACE_EVENT(igb_configure_rx_ring, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter, const struct igb_ring *ring),
	TP_HOST(sim_igb_net(adapter)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(ring)
		tp_x64(rdba)
		tp_u32(rdlen)
		tp_u32(bufsz)
		tp_u32(hdr_len)),
	TP_ASSIGN(
		__entry->ring = ring->queue_index;
		__entry->rdba = ring->dma;
		__entry->rdlen = (u32)(ring->count * sizeof(union e1000_adv_rx_desc));
		__entry->bufsz = IGB_RX_BUFSZ;
		__entry->hdr_len = IGB_RX_HDR_LEN;
		(void)adapter;))
#define trace_igb_configure_rx_ring(...) TP_FUNC(igb_configure_rx_ring, __VA_ARGS__)

DEFINE_EVENT(no_fields, igb_configure_rx, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter), TP_ARGS(sim_igb_net(adapter), NULL))
#define trace_igb_configure_rx(...) TP_FUNC(igb_configure_rx, __VA_ARGS__)

/* An RX slot's page (0: none yet) and the half in use, with the ring's
 * next_to_clean and next_to_alloc. */
DECLARE_EVENT_CLASS(igb_rx_page,
	TP_PROTO(const struct igb_ring *rx_ring, const struct igb_rx_buffer *bi),
	TP_HOST(dev_net(rx_ring->netdev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(page)
		tp_u32(offset)
		tp_u16(ntc)
		tp_u16(nta)),
	TP_ASSIGN(
		__entry->page = bi->page ? bi->page->id : 0;
		__entry->offset = bi->page_offset;
		__entry->ntc = rx_ring->next_to_clean;
		__entry->nta = rx_ring->next_to_alloc;))
/* The slot's page: page 0 when one must be allocated. */
DEFINE_EVENT(igb_rx_page, igb_alloc_mapped_page, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_ring *rx_ring, const struct igb_rx_buffer *bi),
	TP_ARGS(rx_ring, bi))
#define trace_igb_alloc_mapped_page(...) TP_FUNC(igb_alloc_mapped_page, __VA_ARGS__)

TRACE_EVENT(igb_alloc_rx_buffers, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_ring *rx_ring, u16 cleaned_count),
	TP_HOST(dev_net(rx_ring->netdev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(ring)
		tp_u16(ntu)
		tp_u16(count)),
	TP_ASSIGN(
		__entry->ring = rx_ring->queue_index;
		__entry->ntu = rx_ring->next_to_use;
		__entry->count = cleaned_count;))
#define trace_igb_alloc_rx_buffers(...) TP_FUNC(igb_alloc_rx_buffers, __VA_ARGS__)

/* igb_alloc_rx_buffers: the refilled slots go to the card, RDT = @rdt. */
TRACE_NOTE_EVENT(igb_rx_tail_write, "drivers/net/ethernet/intel/igb/igb_main.c",
	TP_PROTO(const struct igb_ring *rx_ring, int rdt),
	TP_HOST(dev_net(rx_ring->netdev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(rdt)),
	TP_ASSIGN(
		__entry->rdt = rdt;))
#define trace_igb_rx_tail_write(...) TP_NOTE(igb_rx_tail_write, __VA_ARGS__)

DEFINE_EVENT(netdev, igb_configure, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter), TP_ARGS(adapter->netdev))
#define trace_igb_configure(...) TP_FUNC(igb_configure, __VA_ARGS__)

/* ==== igb_main.c: interrupts ================================================= */

TRACE_EVENT(igb_write_ivar, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct e1000_hw *hw, int msix_vector, int index, int offset),
	TP_HOST(sim_igb_net(hw->back)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(vector)
		tp_s32(index)
		tp_s32(offset)),
	TP_ASSIGN(
		__entry->vector = msix_vector;
		__entry->index = index;
		__entry->offset = offset;))
#define trace_igb_write_ivar(...) TP_FUNC(igb_write_ivar, __VA_ARGS__)

TRACE_EVENT(igb_assign_vector, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_q_vector *q_vector, int msix_vector, int rx_queue, int tx_queue),
	TP_HOST(sim_igb_net(q_vector->adapter)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(vector)
		tp_s32(rx_queue)
		tp_s32(tx_queue)),
	TP_ASSIGN(
		__entry->vector = msix_vector;
		__entry->rx_queue = rx_queue;
		__entry->tx_queue = tx_queue;))
#define trace_igb_assign_vector(...) TP_FUNC(igb_assign_vector, __VA_ARGS__)

TRACE_EVENT(igb_configure_msix, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter),
	TP_HOST(sim_igb_net(adapter)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(vectors)),
	TP_ASSIGN(
		__entry->vectors = adapter->num_q_vectors + NON_Q_VECTORS;))
#define trace_igb_configure_msix(...) TP_FUNC(igb_configure_msix, __VA_ARGS__)

TRACE_EVENT(igb_msix_other, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter, int irq),
	TP_HOST(sim_igb_net(adapter)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(irq)),
	TP_ASSIGN(
		__entry->irq = irq;))
#define trace_igb_msix_other(...) TP_FUNC(igb_msix_other, __VA_ARGS__)

TRACE_EVENT(igb_write_itr, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_q_vector *q_vector, u32 itr_val),
	TP_HOST(sim_igb_net(q_vector->adapter)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(set_itr)
		tp_u32(itr_val)),
	TP_ASSIGN(
		__entry->set_itr = q_vector->set_itr;
		__entry->itr_val = itr_val;))
#define trace_igb_write_itr(...) TP_FUNC(igb_write_itr, __VA_ARGS__)

TRACE_EVENT(igb_msix_ring, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_q_vector *q_vector, int irq),
	TP_HOST(sim_igb_net(q_vector->adapter)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(irq)
		tp_str(vector)),
	TP_ASSIGN(
		__entry->irq = irq;
		__entry->vector = q_vector->name;))
#define trace_igb_msix_ring(...) TP_FUNC(igb_msix_ring, __VA_ARGS__)

TRACE_EVENT(igb_request_msix, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter),
	TP_HOST(sim_igb_net(adapter)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(vectors)),
	TP_ASSIGN(
		__entry->dev = adapter->netdev->name;
		__entry->vectors = adapter->num_q_vectors + NON_Q_VECTORS;))
#define trace_igb_request_msix(...) TP_FUNC(igb_request_msix, __VA_ARGS__)

DEFINE_EVENT(no_fields, igb_request_irq, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter), TP_ARGS(sim_igb_net(adapter), NULL))
#define trace_igb_request_irq(...) TP_FUNC(igb_request_irq, __VA_ARGS__)

DEFINE_EVENT(no_fields, igb_free_irq, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter), TP_ARGS(sim_igb_net(adapter), NULL))
#define trace_igb_free_irq(...) TP_FUNC(igb_free_irq, __VA_ARGS__)

DEFINE_EVENT(no_fields, igb_irq_disable, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter), TP_ARGS(sim_igb_net(adapter), NULL))
#define trace_igb_irq_disable(...) TP_FUNC(igb_irq_disable, __VA_ARGS__)

/* The interrupt causes (EIMS bits) about to be unmasked. */
DECLARE_EVENT_CLASS(igb_eims,
	TP_PROTO(const struct igb_adapter *adapter, u32 eims),
	TP_HOST(sim_igb_net(adapter)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_x32w(eims, 8)),
	TP_ASSIGN(
		__entry->eims = eims;))
DEFINE_EVENT(igb_eims, igb_irq_enable, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter), TP_ARGS(adapter, adapter->eims_enable_mask))
#define trace_igb_irq_enable(...) TP_FUNC(igb_irq_enable, __VA_ARGS__)

DEFINE_EVENT(igb_eims, igb_ring_irq_enable, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_q_vector *q_vector),
	TP_ARGS(q_vector->adapter, q_vector->eims_value))
#define trace_igb_ring_irq_enable(...) TP_FUNC(igb_ring_irq_enable, __VA_ARGS__)

/* ==== igb_main.c: open and close ============================================= */

TRACE_EVENT(__igb_open, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter),
	TP_HOST(sim_igb_net(adapter)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_s32(txqs)
		tp_s32(rxqs)),
	TP_ASSIGN(
		__entry->dev = adapter->netdev->name;
		__entry->txqs = adapter->num_tx_queues;
		__entry->rxqs = adapter->num_rx_queues;))
#define trace___igb_open(...) TP_FUNC(__igb_open, __VA_ARGS__)

DEFINE_EVENT(netdev, igb_open, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *netdev), TP_ARGS(netdev))
#define trace_igb_open(...) TP_FUNC(igb_open, __VA_ARGS__)

DEFINE_EVENT(netdev, igb_down, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter), TP_ARGS(adapter->netdev))
#define trace_igb_down(...) TP_FUNC(igb_down, __VA_ARGS__)

DEFINE_EVENT(netdev, igb_up, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter), TP_ARGS(adapter->netdev))
#define trace_igb_up(...) TP_FUNC(igb_up, __VA_ARGS__)

DEFINE_EVENT(netdev, __igb_close, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *netdev), TP_ARGS(netdev))
#define trace___igb_close(...) TP_FUNC(__igb_close, __VA_ARGS__)

DEFINE_EVENT(netdev, igb_close, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *netdev), TP_ARGS(netdev))
#define trace_igb_close(...) TP_FUNC(igb_close, __VA_ARGS__)

/* ==== igb_main.c: transmit =================================================== */

TRACE_EVENT(igb_tx_ctxtdesc, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_ring *tx_ring, u32 vlan_macip_lens, u32 type_tucmd,
		 u32 mss_l4len_idx),
	TP_HOST(dev_net(tx_ring->netdev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u16(slot)
		tp_u16(maclen)
		tp_u16(iplen)
		tp_x32(type_tucmd)
		tp_u16(mss)
		tp_u8(l4len)),
	TP_ASSIGN(
		__entry->slot = tx_ring->next_to_use;
		__entry->maclen = vlan_macip_lens >> E1000_ADVTXD_MACLEN_SHIFT & 0x7F;
		__entry->iplen = vlan_macip_lens & SIM_ADVTXD_IPLEN_MASK;
		__entry->type_tucmd = type_tucmd;
		__entry->mss = mss_l4len_idx >> E1000_ADVTXD_MSS_SHIFT;
		__entry->l4len = (u8)(mss_l4len_idx >> E1000_ADVTXD_L4LEN_SHIFT);))
#define trace_igb_tx_ctxtdesc(...) TP_FUNC(igb_tx_ctxtdesc, __VA_ARGS__)

/* igb_tso and igb_tx_csum: the skb as the driver finds it. */
DECLARE_EVENT_CLASS(igb_tx_offload,
	TP_PROTO(const struct igb_ring *tx_ring, const struct sk_buff *skb),
	TP_HOST(dev_net(tx_ring->netdev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_enum8(ip_summed, sim_skb_summed_name)
		tp_u16(gso_size)
		tp_u16(gso_segs)
		tp_u32(len)),
	TP_ASSIGN(
		__entry->ip_summed = skb->ip_summed;
		__entry->gso_size = skb_shinfo(skb)->gso_size;
		__entry->gso_segs = skb_shinfo(skb)->gso_segs;
		__entry->len = skb->len;))
DEFINE_EVENT(igb_tx_offload, igb_tso, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_ring *tx_ring, const struct sk_buff *skb),
	TP_ARGS(tx_ring, skb))
#define trace_igb_tso(...) TP_FUNC(igb_tso, __VA_ARGS__)
DEFINE_EVENT(igb_tx_offload, igb_tx_csum, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_ring *tx_ring, const struct sk_buff *skb),
	TP_ARGS(tx_ring, skb))
#define trace_igb_tx_csum(...) TP_FUNC(igb_tx_csum, __VA_ARGS__)

TRACE_EVENT(igb_tx_cmd_type, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, u32 tx_flags, u32 cmd_type),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_x32(tx_flags)
		tp_x32w(cmd_type, 8)),
	TP_ASSIGN(
		__entry->tx_flags = tx_flags;
		__entry->cmd_type = cmd_type;))
#define trace_igb_tx_cmd_type(...) TP_FUNC(igb_tx_cmd_type, __VA_ARGS__)

TRACE_EVENT(igb_tx_olinfo_status, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_ring *tx_ring, unsigned int paylen, u32 olinfo_status),
	TP_HOST(dev_net(tx_ring->netdev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(paylen)
		tp_x32w(olinfo_status, 8)),
	TP_ASSIGN(
		__entry->paylen = paylen;
		__entry->olinfo_status = olinfo_status;))
#define trace_igb_tx_olinfo_status(...) TP_FUNC(igb_tx_olinfo_status, __VA_ARGS__)

TRACE_EVENT(igb_tx_map, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_ring *tx_ring, const struct igb_tx_buffer *first, u16 i),
	TP_HOST(dev_net(tx_ring->netdev)),
	TP_SKB(first->skb),
	TP_STRUCT(
		tp_u16(slot)
		tp_u32(len)),
	TP_ASSIGN(
		__entry->slot = i;
		__entry->len = first->skb->len;))
#define trace_igb_tx_map(...) TP_FUNC(igb_tx_map, __VA_ARGS__)

/* igb_tx_map: a data descriptor of @first's skb is written, at slot @i
 * (@size bytes; EOP in cmd_type_len on the last); olinfo_status is the
 * first descriptor's (next_to_use). */
TRACE_NOTE_EVENT(igb_tx_desc_write, "drivers/net/ethernet/intel/igb/igb_main.c",
	TP_PROTO(const struct igb_ring *tx_ring, const struct igb_tx_buffer *first, u16 i,
		 unsigned int size),
	TP_HOST(dev_net(tx_ring->netdev)),
	TP_SKB(first->skb),
	TP_STRUCT(
		tp_u16(slot)
		tp_x64(dma)
		tp_u32(len)
		tp_x32w(cmd_type_len, 8)
		tp_x32w(olinfo_status, 8)),
	TP_ASSIGN(
		__entry->slot = i;
		__entry->dma = le64_to_cpu(IGB_TX_DESC(tx_ring, i)->read.buffer_addr);
		__entry->len = size;
		__entry->cmd_type_len = le32_to_cpu(IGB_TX_DESC(tx_ring, i)->read.cmd_type_len);
		__entry->olinfo_status = le32_to_cpu(
			IGB_TX_DESC(tx_ring, tx_ring->next_to_use)->read.olinfo_status);))
#define trace_igb_tx_desc_write(...) TP_NOTE(igb_tx_desc_write, __VA_ARGS__)

/* igb_tx_map: the slots go to the card, TDT = @tdt. */
TRACE_NOTE_EVENT(igb_tx_tail_write, "drivers/net/ethernet/intel/igb/igb_main.c",
	TP_PROTO(const struct igb_ring *tx_ring, const struct sk_buff *skb, u16 tdt),
	TP_HOST(dev_net(tx_ring->netdev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u16(tdt)),
	TP_ASSIGN(
		__entry->tdt = tdt;))
#define trace_igb_tx_tail_write(...) TP_NOTE(igb_tx_tail_write, __VA_ARGS__)

TRACE_EVENT(__igb_maybe_stop_tx, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(struct igb_ring *tx_ring, u16 size),
	TP_HOST(dev_net(tx_ring->netdev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(queue)
		tp_u16(unused)
		tp_u16(need)),
	TP_ASSIGN(
		__entry->queue = tx_ring->queue_index;
		__entry->unused = igb_desc_unused(tx_ring);
		__entry->need = size;))
#define trace___igb_maybe_stop_tx(...) TP_FUNC(__igb_maybe_stop_tx, __VA_ARGS__)

/* __igb_maybe_stop_tx: the TX subqueue is stopped, @size slots needed. */
TRACE_NOTE_EVENT(igb_tx_queue_stop, "drivers/net/ethernet/intel/igb/igb_main.c",
	TP_PROTO(struct igb_ring *tx_ring, u16 size),
	TP_HOST(dev_net(tx_ring->netdev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(queue)
		tp_str(state)
		tp_u16(unused)
		tp_u16(need)),
	TP_ASSIGN(
		__entry->queue = tx_ring->queue_index;
		__entry->state = "stopped";
		__entry->unused = igb_desc_unused(tx_ring);
		__entry->need = size;))
#define trace_igb_tx_queue_stop(...) TP_NOTE(igb_tx_queue_stop, __VA_ARGS__)

TRACE_EVENT(igb_xmit_frame_ring, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, struct igb_ring *tx_ring),
	TP_HOST(dev_net(tx_ring->netdev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u8(ring)
		tp_u16(ntu)
		tp_u16(ntc)
		tp_u16(unused)
		tp_u32(len)
		tp_u32(headlen)
		tp_u8(frags)
		tp_u16(gso_segs)),
	TP_ASSIGN(
		__entry->ring = tx_ring->queue_index;
		__entry->ntu = tx_ring->next_to_use;
		__entry->ntc = tx_ring->next_to_clean;
		__entry->unused = igb_desc_unused(tx_ring);
		__entry->len = skb->len;
		__entry->headlen = skb_headlen(skb);
		__entry->frags = skb_shinfo(skb)->nr_frags;
		__entry->gso_segs = skb_shinfo(skb)->gso_segs;))
#define trace_igb_xmit_frame_ring(...) TP_FUNC(igb_xmit_frame_ring, __VA_ARGS__)

/* igb_xmit_frame_ring: too few free slots, @skb goes back to the qdisc. */
TRACE_NOTE_EVENT(igb_tx_busy, "drivers/net/ethernet/intel/igb/igb_main.c",
	TP_PROTO(struct igb_ring *tx_ring, const struct sk_buff *skb),
	TP_HOST(dev_net(tx_ring->netdev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(ret)
		tp_u16(unused)),
	TP_ASSIGN(
		__entry->ret = "NETDEV_TX_BUSY";
		__entry->unused = igb_desc_unused(tx_ring);))
#define trace_igb_tx_busy(...) TP_NOTE(igb_tx_busy, __VA_ARGS__)

TRACE_EVENT(igb_xmit_frame, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, const struct net_device *netdev),
	TP_HOST(dev_net(netdev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(len)
		tp_u16(queue)),
	TP_ASSIGN(
		__entry->dev = netdev->name;
		__entry->len = skb->len;
		__entry->queue = skb->queue_mapping;))
#define trace_igb_xmit_frame(...) TP_FUNC(igb_xmit_frame, __VA_ARGS__)

/* ==== igb_main.c: completion ================================================= */

TRACE_EVENT(igb_clean_tx_irq, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_ring *tx_ring, unsigned int budget),
	TP_HOST(dev_net(tx_ring->netdev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(ring)
		tp_u16(ntc)
		tp_u16(ntu)
		tp_u32(budget)),
	TP_ASSIGN(
		__entry->ring = tx_ring->queue_index;
		__entry->ntc = tx_ring->next_to_clean;
		__entry->ntu = tx_ring->next_to_use;
		__entry->budget = budget;))
#define trace_igb_clean_tx_irq(...) TP_FUNC(igb_clean_tx_irq, __VA_ARGS__)

/* igb_clean_tx_irq: the card set DD in @eop_desc, so the packet in
 * @tx_buffer (at slot @ntc) was sent and its skb is freed; @len is its
 * bytecount (the bytes of every segment, headers repeated) and
 * @gso_segs the frames the card made of it, as the ring counts them. */
TRACE_NOTE_EVENT(igb_tx_done, "drivers/net/ethernet/intel/igb/igb_main.c",
	TP_PROTO(const struct igb_ring *tx_ring, const struct igb_tx_buffer *tx_buffer,
		 const union e1000_adv_tx_desc *eop_desc, int ntc),
	TP_HOST(dev_net(tx_ring->netdev)),
	TP_SKB(tx_buffer->skb),
	TP_STRUCT(
		tp_s32(ntc)
		tp_skb(freed)
		tp_u8(dd)
		tp_u32(len)
		tp_u16(gso_segs)),
	TP_ASSIGN(
		__entry->ntc = ntc;
		__entry->freed = tx_buffer->skb->id;
		__entry->dd = !!(le32_to_cpu(eop_desc->wb.status) & E1000_TXD_STAT_DD);
		__entry->len = tx_buffer->bytecount;
		__entry->gso_segs = tx_buffer->gso_segs;))
#define trace_igb_tx_done(...) TP_NOTE(igb_tx_done, __VA_ARGS__)

/* igb_clean_tx_irq: enough slots are free again, the subqueue is woken. */
TRACE_NOTE_EVENT(igb_tx_queue_wake, "drivers/net/ethernet/intel/igb/igb_main.c",
	TP_PROTO(struct igb_ring *tx_ring),
	TP_HOST(dev_net(tx_ring->netdev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(queue)
		tp_str(state)
		tp_u16(unused)),
	TP_ASSIGN(
		__entry->queue = tx_ring->queue_index;
		__entry->state = "woken";
		__entry->unused = igb_desc_unused(tx_ring);))
#define trace_igb_tx_queue_wake(...) TP_NOTE(igb_tx_queue_wake, __VA_ARGS__)

TRACE_EVENT(igb_poll, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_q_vector *q_vector, int budget),
	TP_HOST(sim_igb_net(q_vector->adapter)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(vector)
		tp_s32(budget)),
	TP_ASSIGN(
		__entry->vector = q_vector->name;
		__entry->budget = budget;))
#define trace_igb_poll(...) TP_FUNC(igb_poll, __VA_ARGS__)

/* ==== igb_main.c: receive ==================================================== */

/* An RX buffer and what is in it: the slot, the card's length, the page
 * and the half (offset) the card wrote. */
DECLARE_EVENT_CLASS(igb_rx_buffer,
	TP_PROTO(const struct igb_ring *rx_ring, const struct igb_rx_buffer *rx_buffer,
		 unsigned int size, const struct sk_buff *skb),
	TP_HOST(dev_net(rx_ring->netdev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u16(ntc)
		tp_u32(len)
		tp_u32(page)
		tp_u32(offset)),
	TP_ASSIGN(
		__entry->ntc = rx_ring->next_to_clean;
		__entry->len = size;
		__entry->page = rx_buffer->page ? rx_buffer->page->id : 0;
		__entry->offset = rx_buffer->page_offset;))
/* @skb: the frame in progress (its next buffer), NULL for a new frame. */
DEFINE_EVENT(igb_rx_buffer, igb_fetch_rx_buffer, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_ring *rx_ring, const struct igb_rx_buffer *rx_buffer,
		 const union e1000_adv_rx_desc *rx_desc, const struct sk_buff *skb),
	TP_ARGS(rx_ring, rx_buffer, le16_to_cpu(rx_desc->wb.upper.length), skb))
#define trace_igb_fetch_rx_buffer(...) TP_FUNC(igb_fetch_rx_buffer, __VA_ARGS__)
DEFINE_EVENT(igb_rx_buffer, igb_add_rx_frag, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_ring *rx_ring, const struct igb_rx_buffer *rx_buffer,
		 unsigned int size, const struct sk_buff *skb),
	TP_ARGS(rx_ring, rx_buffer, size, skb))
#define trace_igb_add_rx_frag(...) TP_FUNC(igb_add_rx_frag, __VA_ARGS__)

/* igb_can_reuse_rx_page: @count is the page's count before the test
 * (1: the stack freed its part, the page comes back). */
TRACE_EVENT(igb_can_reuse_rx_page, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_rx_buffer *rx_buffer, const struct page *page,
		 unsigned int truesize),
	TP_HOST(page->host),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(page)
		tp_s32(count)
		tp_u32(offset)
		tp_u32(truesize)),
	TP_ASSIGN(
		__entry->page = page->id;
		__entry->count = page_count(page);
		__entry->offset = rx_buffer->page_offset;
		__entry->truesize = truesize;))
#define trace_igb_can_reuse_rx_page(...) TP_FUNC(igb_can_reuse_rx_page, __VA_ARGS__)

/* igb_reuse_rx_page: the page, its other half next, goes from slot ntc
 * to slot nta. */
DEFINE_EVENT(igb_rx_page, igb_reuse_rx_page, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_ring *rx_ring, const struct igb_rx_buffer *old_buff),
	TP_ARGS(rx_ring, old_buff))
#define trace_igb_reuse_rx_page(...) TP_FUNC(igb_reuse_rx_page, __VA_ARGS__)

/* igb_pull_tail: @pull_len bytes of headers copied into the linear part. */
TRACE_NOTE_EVENT(igb_rx_headers_pulled, "drivers/net/ethernet/intel/igb/igb_main.c",
	TP_PROTO(const struct igb_ring *rx_ring, const struct sk_buff *skb, unsigned int pull_len),
	TP_HOST(dev_net(rx_ring->netdev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(pull_len)
		tp_u32(headlen)
		tp_u32(data_len)),
	TP_ASSIGN(
		__entry->pull_len = pull_len;
		__entry->headlen = skb_headlen(skb);
		__entry->data_len = skb->data_len;))
#define trace_igb_rx_headers_pulled(...) TP_NOTE(igb_rx_headers_pulled, __VA_ARGS__)

TRACE_EVENT(igb_is_non_eop, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_ring *rx_ring),
	TP_HOST(dev_net(rx_ring->netdev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u16(ntc)
		tp_u32(next)),
	TP_ASSIGN(
		__entry->ntc = rx_ring->next_to_clean;
		/* before the wrap to 0 */
		__entry->next = rx_ring->next_to_clean + 1u;))
#define trace_igb_is_non_eop(...) TP_FUNC(igb_is_non_eop, __VA_ARGS__)

/* A whole frame in its skb: its length, its page frags (the first one's
 * size), the status its last descriptor was written back with. */
DECLARE_EVENT_CLASS(igb_rx_frame,
	TP_PROTO(const struct igb_ring *rx_ring, const union e1000_adv_rx_desc *rx_desc,
		 const struct sk_buff *skb),
	TP_HOST(dev_net(rx_ring->netdev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_u8(nr_frags)
		tp_u32(frag0)
		tp_x32w(status, 8)),
	TP_ASSIGN(
		__entry->len = skb->len;
		__entry->nr_frags = skb_shinfo(skb)->nr_frags;
		__entry->frag0 = skb_shinfo(skb)->nr_frags ?
					 skb_frag_size(&skb_shinfo(skb)->frags[0]) : 0;
		__entry->status = le32_to_cpu(rx_desc->wb.upper.status_error);))
DEFINE_EVENT(igb_rx_frame, igb_cleanup_headers, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_ring *rx_ring, const union e1000_adv_rx_desc *rx_desc,
		 const struct sk_buff *skb),
	TP_ARGS(rx_ring, rx_desc, skb))
#define trace_igb_cleanup_headers(...) TP_FUNC(igb_cleanup_headers, __VA_ARGS__)
DEFINE_EVENT(igb_rx_frame, igb_pull_tail, "drivers/net/ethernet/intel/igb/igb_main.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct igb_ring *rx_ring, const union e1000_adv_rx_desc *rx_desc,
		 const struct sk_buff *skb),
	TP_ARGS(rx_ring, rx_desc, skb))
#define trace_igb_pull_tail(...) TP_FUNC(igb_pull_tail, __VA_ARGS__)

/* igb_cleanup_headers: the card flagged a receive error in @rx_desc. */
TRACE_NOTE_EVENT(igb_rx_frame_error, "drivers/net/ethernet/intel/igb/igb_main.c",
	TP_PROTO(const struct igb_ring *rx_ring, const union e1000_adv_rx_desc *rx_desc,
		 const struct sk_buff *skb),
	TP_HOST(dev_net(rx_ring->netdev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_x32w(status, 8)),
	TP_ASSIGN(
		__entry->reason = "frame_error";
		__entry->status = le32_to_cpu(rx_desc->wb.upper.status_error);))
#define trace_igb_rx_frame_error(...) TP_NOTE(igb_rx_frame_error, __VA_ARGS__)

TRACE_EVENT(igb_clean_rx_irq, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_ring *rx_ring, int budget),
	TP_HOST(dev_net(rx_ring->netdev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(ring)
		tp_u16(ntc)
		tp_u16(ntu)
		tp_s32(budget)),
	TP_ASSIGN(
		__entry->ring = rx_ring->queue_index;
		__entry->ntc = rx_ring->next_to_clean;
		__entry->ntu = rx_ring->next_to_use;
		__entry->budget = budget;))
#define trace_igb_clean_rx_irq(...) TP_FUNC(igb_clean_rx_irq, __VA_ARGS__)

/* igb_clean_rx_irq: the card set DD in @rx_desc (slot ntc) and the
 * buffer is in @skb now (eop 0: the frame goes on in the next one). */
TRACE_NOTE_EVENT(igb_rx_done, "drivers/net/ethernet/intel/igb/igb_main.c",
	TP_PROTO(const struct igb_ring *rx_ring, union e1000_adv_rx_desc *rx_desc,
		 const struct sk_buff *skb),
	TP_HOST(dev_net(rx_ring->netdev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u16(ntc)
		tp_u32(len)
		tp_u8(dd)
		tp_u8(eop)
		tp_u8(nr_frags)),
	TP_ASSIGN(
		__entry->ntc = rx_ring->next_to_clean;
		__entry->len = skb->len;
		__entry->dd = !!igb_test_staterr(rx_desc, E1000_RXD_STAT_DD);
		__entry->eop = !!igb_test_staterr(rx_desc, E1000_RXD_STAT_EOP);
		__entry->nr_frags = skb_shinfo(skb)->nr_frags;))
#define trace_igb_rx_done(...) TP_NOTE(igb_rx_done, __VA_ARGS__)

/* ==== igb_main.c: MTU and statistics ========================================= */

TRACE_EVENT(igb_change_mtu, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *netdev, int new_mtu, int max_frame),
	TP_HOST(dev_net(netdev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(old)
		tp_s32(new)
		tp_s32(max_frame)),
	TP_ASSIGN(
		__entry->dev = netdev->name;
		__entry->old = netdev->mtu;
		__entry->new = new_mtu;
		__entry->max_frame = max_frame;))
#define trace_igb_change_mtu(...) TP_FUNC(igb_change_mtu, __VA_ARGS__)

/* igb_change_mtu: @mtu is outside 68 .. 9216. */
TRACE_NOTE_EVENT(igb_mtu_invalid, "drivers/net/ethernet/intel/igb/igb_main.c",
	TP_PROTO(const struct net_device *netdev, int mtu),
	TP_HOST(dev_net(netdev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(reason)
		tp_s32(mtu)),
	TP_ASSIGN(
		__entry->reason = "invalid_mtu";
		__entry->mtu = mtu;))
#define trace_igb_mtu_invalid(...) TP_NOTE(igb_mtu_invalid, __VA_ARGS__)

DEFINE_EVENT(netdev, igb_update_stats, "drivers/net/ethernet/intel/igb/igb_main.c", TP_NOT_INLINE,
	TP_PROTO(const struct igb_adapter *adapter), TP_ARGS(adapter->netdev))
#define trace_igb_update_stats(...) TP_FUNC(igb_update_stats, __VA_ARGS__)

/* ==== igb_ethtool.c ========================================================== */

DEFINE_EVENT(netdev, igb_get_settings, "drivers/net/ethernet/intel/igb/igb_ethtool.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct net_device *netdev), TP_ARGS(netdev))
#define trace_igb_get_settings(...) TP_FUNC(igb_get_settings, __VA_ARGS__)

DEFINE_EVENT(netdev, igb_get_link, "drivers/net/ethernet/intel/igb/igb_ethtool.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *netdev), TP_ARGS(netdev))
#define trace_igb_get_link(...) TP_FUNC(igb_get_link, __VA_ARGS__)

DEFINE_EVENT(netdev, igb_get_drvinfo, "drivers/net/ethernet/intel/igb/igb_ethtool.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *netdev), TP_ARGS(netdev))
#define trace_igb_get_drvinfo(...) TP_FUNC(igb_get_drvinfo, __VA_ARGS__)

DEFINE_EVENT(netdev, igb_get_ringparam, "drivers/net/ethernet/intel/igb/igb_ethtool.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct net_device *netdev), TP_ARGS(netdev))
#define trace_igb_get_ringparam(...) TP_FUNC(igb_get_ringparam, __VA_ARGS__)

TRACE_EVENT(igb_set_ringparam, "drivers/net/ethernet/intel/igb/igb_ethtool.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *netdev, const struct ethtool_ringparam *ring),
	TP_HOST(dev_net(netdev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(rx)
		tp_u32(tx)),
	TP_ASSIGN(
		__entry->dev = netdev->name;
		__entry->rx = ring->rx_pending;
		__entry->tx = ring->tx_pending;))
#define trace_igb_set_ringparam(...) TP_FUNC(igb_set_ringparam, __VA_ARGS__)

TRACE_EVENT(igb_get_coalesce, "drivers/net/ethernet/intel/igb/igb_ethtool.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *netdev),
	TP_HOST(dev_net(netdev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)),
	TP_ASSIGN(
		__entry->dev = netdev->name;))
#define trace_igb_get_coalesce(...) TP_FUNC(igb_get_coalesce, __VA_ARGS__)

TRACE_EVENT(igb_set_coalesce, "drivers/net/ethernet/intel/igb/igb_ethtool.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *netdev, const struct ethtool_coalesce *ec),
	TP_HOST(dev_net(netdev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(rx_usecs)
		tp_u32(tx_usecs)),
	TP_ASSIGN(
		__entry->dev = netdev->name;
		__entry->rx_usecs = ec->rx_coalesce_usecs;
		__entry->tx_usecs = ec->tx_coalesce_usecs;))
#define trace_igb_set_coalesce(...) TP_FUNC(igb_set_coalesce, __VA_ARGS__)

TRACE_EVENT(igb_get_sset_count, "drivers/net/ethernet/intel/igb/igb_ethtool.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *netdev, int sset),
	TP_HOST(dev_net(netdev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_s32(sset)),
	TP_ASSIGN(
		__entry->dev = netdev->name;
		__entry->sset = sset;))
#define trace_igb_get_sset_count(...) TP_FUNC(igb_get_sset_count, __VA_ARGS__)

DEFINE_EVENT(netdev, igb_get_ethtool_stats, "drivers/net/ethernet/intel/igb/igb_ethtool.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct net_device *netdev), TP_ARGS(netdev))
#define trace_igb_get_ethtool_stats(...) TP_FUNC(igb_get_ethtool_stats, __VA_ARGS__)

TRACE_EVENT(igb_get_strings, "drivers/net/ethernet/intel/igb/igb_ethtool.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *netdev, u32 stringset),
	TP_HOST(dev_net(netdev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(stringset)),
	TP_ASSIGN(
		__entry->dev = netdev->name;
		__entry->stringset = stringset;))
#define trace_igb_get_strings(...) TP_FUNC(igb_get_strings, __VA_ARGS__)

#endif
