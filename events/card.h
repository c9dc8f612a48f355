/*
 * events/card.h - tracepoints of the modelled 82576 card, nic/sim_82576.c
 * (the hardware: no kernel counterpart), and of its DMA, nic/dma.c (the
 * API of include/linux/dma-mapping.h).
 * See kernel/trace_event.h for the syntax.
 *
 * The card's own structure is private to nic/sim_82576.c, so its events
 * take the host, the port's name and the register values they print.
 * The DMA API functions are macros over static inline functions in 3.10
 * (dma_map_single -> dma_map_single_attrs ...): they never show in a
 * function_graph trace, hence marked inline.
 */
#if !defined(NETSTEP_EVENTS_CARD_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_CARD_H

/* Classes from other headers (kernel/trace_events.c's later passes read
 * them through all.h, not again from here). */
#ifndef TRACE_HEADER_MULTI_READ
#include "events/common.h"
#endif

#undef TRACE_SYSTEM
#define TRACE_SYSTEM card

#include "kernel/trace_event.h"
#include "nic/dma.h"
#include "nic/e1000_82575.h"

/* ---- nic/sim_82576.c ------------------------------------------------------ */

TRACE_EVENT(sim_82576_reset, "hw: Intel 82576 NIC (datasheet, QEMU igb)", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, const char *port),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(port)),
	TP_ASSIGN(
		__entry->port = port;))
#define trace_sim_82576_reset(...) TP_FUNC(sim_82576_reset, __VA_ARGS__)

TRACE_EVENT(sim_82576_msix_event, "hw: Intel 82576 NIC (datasheet, QEMU igb)", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, const char *port, u32 eicr, u32 eims, u32 send),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(port)
		tp_x32w(eicr, 8)
		tp_x32w(eims, 8)
		tp_x32w(send, 8)),
	TP_ASSIGN(
		__entry->port = port;
		__entry->eicr = eicr;
		__entry->eims = eims;
		__entry->send = send;))
#define trace_sim_82576_msix_event(...) TP_FUNC(sim_82576_msix_event, __VA_ARGS__)

/* sim_82576_msix_event: one MSI-X message sent, on its way to the driver's handler. */
TRACE_NOTE_EVENT(card_msix_msg, "hw: Intel 82576 NIC (datasheet, QEMU igb)",
	TP_PROTO(const struct net *net, int vector, u32 irq),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(msix_vector)
		tp_u32(irq)),
	TP_ASSIGN(
		__entry->msix_vector = (u8)vector;
		__entry->irq = irq;))
#define trace_card_msix_msg(...) TP_NOTE(card_msix_msg, __VA_ARGS__)

/* sim_82576_tx_fetch: one TX descriptor read; @h has already moved past it. */
TRACE_NOTE_EVENT(card_tx_desc, "hw: Intel 82576 NIC (datasheet, QEMU igb)",
	TP_PROTO(const struct net *net, u32 h, u32 count, u64 addr, u32 blen, u32 cmd),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(fetch)
		tp_u32(slot)
		tp_x64(dma)
		tp_u32(len)
		tp_x32w(cmd_type_len, 8)),
	TP_ASSIGN(
		__entry->fetch = "desc";
		__entry->slot = (h + count - 1) % count;
		__entry->dma = addr;
		__entry->len = blen;
		__entry->cmd_type_len = cmd;))
#define trace_card_tx_desc(...) TP_NOTE(card_tx_desc, __VA_ARGS__)

/* sim_82576_tx_fetch: a context descriptor read into the queue's table. */
TRACE_NOTE_EVENT(card_tx_ctxt, "hw: Intel 82576 NIC (datasheet, QEMU igb)",
	TP_PROTO(const struct net *net, u32 slot, u32 vlan_macip_lens, u32 type_tucmd_mlhl,
		 u32 mss_l4len_idx),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(fetch)
		tp_u32(slot)
		tp_u8(idx)
		tp_u8(maclen)
		tp_u16(iplen)
		tp_x32w(type_tucmd_mlhl, 8)
		tp_u16(mss)
		tp_u8(l4len)),
	TP_ASSIGN(
		__entry->fetch = "context";
		__entry->slot = slot;
		__entry->idx = (u8)(mss_l4len_idx >> SIM_ADVTXD_IDX_SHIFT & 7);
		__entry->maclen = (u8)(vlan_macip_lens >> E1000_ADVTXD_MACLEN_SHIFT & 0x7F);
		__entry->iplen = vlan_macip_lens & SIM_ADVTXD_IPLEN_MASK;
		__entry->type_tucmd_mlhl = type_tucmd_mlhl;
		__entry->mss = mss_l4len_idx >> E1000_ADVTXD_MSS_SHIFT;
		__entry->l4len = (u8)(mss_l4len_idx >> E1000_ADVTXD_L4LEN_SHIFT);))
#define trace_card_tx_ctxt(...) TP_NOTE(card_tx_ctxt, __VA_ARGS__)

/* sim_82576_tx_writeback: DD written into a TX descriptor that asked (RS). */
TRACE_NOTE_EVENT(card_tx_writeback, "hw: Intel 82576 NIC (datasheet, QEMU igb)",
	TP_PROTO(const struct net *net, u32 slot),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(writeback_slot)
		tp_str(status)),
	TP_ASSIGN(
		__entry->writeback_slot = slot;
		__entry->status = "DD";))
#define trace_card_tx_writeback(...) TP_NOTE(card_tx_writeback, __VA_ARGS__)

TRACE_EVENT(sim_82576_tx_frame, "hw: Intel 82576 NIC (datasheet, QEMU igb)", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, const char *port, int q, u32 tdh, u32 tdt),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(port)
		tp_u8(queue)
		tp_u32(tdh)
		tp_u32(tdt)),
	TP_ASSIGN(
		__entry->port = port;
		__entry->queue = (u8)q;
		__entry->tdh = tdh;
		__entry->tdt = tdt;))
#define trace_sim_82576_tx_frame(...) TP_FUNC(sim_82576_tx_frame, __VA_ARGS__)

/* sim_82576_tx_frame: a packet (or what is left of a TSO packet) consumed
 * but not sent: bad_descriptor, oversize, dma_fault, bad_csum_context,
 * bad_tso_context. */
TRACE_NOTE_EVENT(card_tx_drop, "hw: Intel 82576 NIC (datasheet, QEMU igb)",
	TP_PROTO(const struct net *net, const char *reason, u32 tdh),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(reason)
		tp_u32(tdh)),
	TP_ASSIGN(
		__entry->reason = reason;
		__entry->tdh = tdh;))
#define trace_card_tx_drop(...) TP_NOTE(card_tx_drop, __VA_ARGS__)

TRACE_EVENT(sim_82576_tx_csum, "hw: Intel 82576 NIC (datasheet, QEMU igb)", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, u32 popts, u32 maclen, u32 iplen, bool tcp,
		 unsigned int len),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(ixsm)
		tp_u8(txsm)
		tp_str(l4)
		tp_u16(l4_start)
		tp_u32(len)),
	TP_ASSIGN(
		__entry->ixsm = !!(popts & E1000_TXD_POPTS_IXSM);
		__entry->txsm = !!(popts & E1000_TXD_POPTS_TXSM);
		__entry->l4 = tcp ? "TCP" : "UDP";
		__entry->l4_start = (u16)(maclen + iplen);
		__entry->len = len;))
#define trace_sim_82576_tx_csum(...) TP_FUNC(sim_82576_tx_csum, __VA_ARGS__)

/* @slot: the packet's first data descriptor; @seg counts from 1; the
 * queue is sim_82576_tx_frame's. */
TRACE_EVENT(sim_82576_tso_frame, "hw: Intel 82576 NIC (datasheet, QEMU igb)", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, u32 slot, u32 seg, u32 segs, unsigned int size),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(seg)
		tp_u32(segs)
		tp_u32(payload)
		tp_u32(slot)),
	TP_ASSIGN(
		__entry->seg = seg;
		__entry->segs = segs;
		__entry->payload = size;
		__entry->slot = slot;))
#define trace_sim_82576_tso_frame(...) TP_FUNC(sim_82576_tso_frame, __VA_ARGS__)

/* sim_82576_tx_frame: a frame put on the wire (after padding). */
TRACE_NOTE_EVENT(card_tx_wire, "hw: Intel 82576 NIC (datasheet, QEMU igb)",
	TP_PROTO(const struct net *net, unsigned int sent, int descs, u32 tdh),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(wire_len)
		tp_u8(descs)
		tp_u32(tdh)),
	TP_ASSIGN(
		__entry->wire_len = sent;
		__entry->descs = (u8)descs;
		__entry->tdh = tdh;))
#define trace_card_tx_wire(...) TP_NOTE(card_tx_wire, __VA_ARGS__)

/* sim_82576_rx_accept: a frame refused before the filter (rx_disabled, runt). */
DEFINE_NOTE_EVENT(reason_len, card_rx_drop, "hw: Intel 82576 NIC (datasheet, QEMU igb)",
	TP_PROTO(const struct net *net, const char *reason, unsigned int len),
	TP_ARGS(net, NULL, reason, len))
#define trace_card_rx_drop(...) TP_NOTE(card_rx_drop, __VA_ARGS__)

/* sim_82576_rx_accept: the address filter refused the frame. */
TRACE_NOTE_EVENT(card_rx_not_ours, "hw: Intel 82576 NIC (datasheet, QEMU igb)",
	TP_PROTO(const struct net *net, const u8 *frame),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(reason)
		tp_mac(dst)),
	TP_ASSIGN(
		__entry->reason = "not_our_mac";
		memcpy(__entry->dst, frame, 6);))
#define trace_card_rx_not_ours(...) TP_NOTE(card_rx_not_ours, __VA_ARGS__)

/* sim_82576_rx_accept: longer than RLPML (or the default maximum). */
TRACE_NOTE_EVENT(card_rx_oversize, "hw: Intel 82576 NIC (datasheet, QEMU igb)",
	TP_PROTO(const struct net *net, unsigned int len, u32 max),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(reason)
		tp_u32(len)
		tp_u32(max)),
	TP_ASSIGN(
		__entry->reason = "oversize";
		__entry->len = len;
		__entry->max = max;))
#define trace_card_rx_oversize(...) TP_NOTE(card_rx_oversize, __VA_ARGS__)

/* sim_82576_rx_store: no descriptor owned by the card (RDH == RDT): missed. */
TRACE_NOTE_EVENT(card_rx_no_desc, "hw: Intel 82576 NIC (datasheet, QEMU igb)",
	TP_PROTO(const struct net *net, u32 rdh, u32 rdt),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(reason)
		tp_u32(rdh)
		tp_u32(rdt)),
	TP_ASSIGN(
		__entry->reason = "no_descriptor";
		__entry->rdh = rdh;
		__entry->rdt = rdt;))
#define trace_card_rx_no_desc(...) TP_NOTE(card_rx_no_desc, __VA_ARGS__)

/* sim_82576_rx_store: an RX descriptor written back; RDH moves to the next. */
TRACE_NOTE_EVENT(card_rx_writeback, "hw: Intel 82576 NIC (datasheet, QEMU igb)",
	TP_PROTO(const struct net *net, u32 h, u32 count, u64 pkt, unsigned int len,
		 u32 status),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(writeback_slot)
		tp_x64(dma)
		tp_u32(len)
		tp_x32(status)
		tp_u32(rdh)),
	TP_ASSIGN(
		__entry->writeback_slot = h;
		__entry->dma = pkt;
		__entry->len = len;
		__entry->status = status;
		__entry->rdh = (h + 1) % count;))
#define trace_card_rx_writeback(...) TP_NOTE(card_rx_writeback, __VA_ARGS__)

TRACE_EVENT(sim_82576_receive, "hw: Intel 82576 NIC (datasheet, QEMU igb)", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, const char *port, unsigned int len, u32 rdh, u32 rdt),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(port)
		tp_u32(len)
		tp_u32(rdh)
		tp_u32(rdt)),
	TP_ASSIGN(
		__entry->port = port;
		__entry->len = len;
		__entry->rdh = rdh;
		__entry->rdt = rdt;))
#define trace_sim_82576_receive(...) TP_FUNC(sim_82576_receive, __VA_ARGS__)

/* Only the TX tail write (TDT) is traced: it starts the TX engine. */
TRACE_EVENT(sim_82576_wr32, "hw: Intel 82576 NIC (datasheet, QEMU igb)", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, const char *port, int q, u32 val, u32 tdh),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(port)
		tp_u8(queue)
		tp_u32(tdt)
		tp_u32(tdh)),
	TP_ASSIGN(
		__entry->port = port;
		__entry->queue = (u8)q;
		__entry->tdt = val & 0xFFFF;	/* the tail is 16 bits */
		__entry->tdh = tdh;))
#define trace_sim_82576_wr32(...) TP_FUNC(sim_82576_wr32, __VA_ARGS__)

/* ---- nic/dma.c ------------------------------------------------------------ */

/* dma_map_single, dma_map_page: a streaming mapping is asked for. */
DECLARE_EVENT_CLASS(dma_map,
	TP_PROTO(const struct device *dev, size_t size, enum dma_data_direction dir),
	TP_HOST(dev->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_u64(size)
		tp_enum8(dir, sim_dma_data_direction_name)
		tp_x64(iova)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->size = size;
		__entry->dir = (u8)dir;
		/* the address the mapping is about to get */
		__entry->iova = ALIGN(dev->next_iova, (dma_addr_t)SIM_DMA_ALIGN);))
DEFINE_EVENT(dma_map, dma_map_single, "include/asm-generic/dma-mapping-common.h", TP_INLINE,
	TP_PROTO(const struct device *dev, size_t size, enum dma_data_direction dir),
	TP_ARGS(dev, size, dir))
#define trace_dma_map_single(...) TP_FUNC(dma_map_single, __VA_ARGS__)
DEFINE_EVENT(dma_map, dma_map_page, "include/asm-generic/dma-mapping-common.h", TP_INLINE,
	TP_PROTO(const struct device *dev, size_t size, enum dma_data_direction dir),
	TP_ARGS(dev, size, dir))
#define trace_dma_map_page(...) TP_FUNC(dma_map_page, __VA_ARGS__)

/* A mapping the driver hands back: its device, bus address and size. */
DECLARE_EVENT_CLASS(dma_release,
	TP_PROTO(const struct device *dev, dma_addr_t addr, size_t size),
	TP_HOST(dev->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_x64(iova)
		tp_u64(size)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->iova = addr;
		__entry->size = size;))
DEFINE_EVENT(dma_release, dma_unmap_single, "include/asm-generic/dma-mapping-common.h", TP_INLINE,
	TP_PROTO(const struct device *dev, dma_addr_t addr, size_t size), TP_ARGS(dev, addr, size))
#define trace_dma_unmap_single(...) TP_FUNC(dma_unmap_single, __VA_ARGS__)
DEFINE_EVENT(dma_release, dma_unmap_page, "include/asm-generic/dma-mapping-common.h", TP_INLINE,
	TP_PROTO(const struct device *dev, dma_addr_t addr, size_t size),
	TP_ARGS(dev, addr, size))
#define trace_dma_unmap_page(...) TP_FUNC(dma_unmap_page, __VA_ARGS__)

/* dma_unmap_single, dma_free_coherent: the driver handed back an address
 * that is not a mapping of that kind (bad_unmap, bad_free); ignored. */
TRACE_NOTE_EVENT(dma_bad_iova, "include/linux/dma-mapping.h",
	TP_PROTO(const struct device *dev, const char *reason, dma_addr_t iova),
	TP_HOST(dev->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(reason)
		tp_x64(iova)),
	TP_ASSIGN(
		__entry->reason = reason;
		__entry->iova = iova;))
#define trace_dma_bad_iova(...) TP_NOTE(dma_bad_iova, __VA_ARGS__)

TRACE_EVENT(dma_alloc_coherent, "arch/x86/include/asm/dma-mapping.h", TP_INLINE,
	TP_PROTO(const struct device *dev, size_t size),
	TP_HOST(dev->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_u64(size)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->size = size;))
#define trace_dma_alloc_coherent(...) TP_FUNC(dma_alloc_coherent, __VA_ARGS__)

DEFINE_EVENT(dma_release, dma_free_coherent, "arch/x86/include/asm/dma-mapping.h", TP_INLINE,
	TP_PROTO(const struct device *dev, dma_addr_t dma_handle, size_t size),
	TP_ARGS(dev, dma_handle, size))
#define trace_dma_free_coherent(...) TP_FUNC(dma_free_coherent, __VA_ARGS__)

/* sim_dma_translate: the modelled IOMMU refused a card access (a "DMAR fault"). */
TRACE_NOTE_EVENT(dma_fault, "include/linux/dma-mapping.h",
	TP_PROTO(const struct device *dev, dma_addr_t iova, size_t len, bool write),
	TP_HOST(dev->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(fault)
		tp_str(dev)
		tp_x64(iova)
		tp_u64(len)
		tp_str(op)),
	TP_ASSIGN(
		__entry->fault = "dma";
		__entry->dev = dev->name;
		__entry->iova = iova;
		__entry->len = len;
		__entry->op = write ? "write" : "read";))
#define trace_dma_fault(...) TP_NOTE(dma_fault, __VA_ARGS__)

#endif
