/*
 * nic/sim_82576.c - the card: registers, TX and RX DMA engines, MSI-X.
 *
 * No kernel counterpart; this plays the Intel 82576 that
 * drivers/net/ethernet/intel/igb/igb_main.c (Linux 3.10) drives.
 * Behaviour follows the 82576 datasheet (cited as [82576 x.y]) and
 * QEMU's igb model (hw/net/igb_core.c, cited as [QEMU]).  Read
 * nic/sim_82576.h first and nic/igb_main.c beside this file: every
 * register the driver writes there is decoded here.
 *
 * TX: the driver writes the tail (TDT).  The card does not react inside
 * that MMIO write (QEMU does, synchronously); it schedules its TX engine
 * as an engine event SIM_82576_TX_FETCH_NS later, so "the card fetched
 * the descriptor and put the frame on the wire" is a step of its own.
 * Each event moves ONE frame: it DMA-reads the descriptors from TDH up
 * to the one with EOP (a context descriptor among them goes into the
 * queue's context table) and advances TDH, DMA-reads their buffers,
 * inserts the checksums the data descriptor asks for (POPTS), pads a
 * short frame to 60 bytes (TCTL.PSP), hands the bytes to the port,
 * writes DD back into descriptors that asked for it (RS) and raises the
 * queue's interrupt cause.  A TSO packet (TSE) is cut into MSS-sized
 * frames, one per event: the headers are read once, each segment's
 * payload when it is sent, and DD comes after the last [82576 7.2.4].
 * The next frame waits for the line: its event is at now + the frame's
 * serialisation time.
 *
 * RX: the port calls sim_82576_receive() when a frame arrives.  After
 * the address filter and the length checks the card takes the
 * descriptors from RDH on (if it owns enough: RDH != RDT), DMA-writes
 * the frame into their buffers, SRRCTL.BSIZEPKT bytes each (2 KiB, half
 * a page, with igb), writes back length and DD (EOP on the last),
 * advances RDH and raises the cause.  Everything goes to queue 0.
 *
 * Interrupts: a cause sets its bit in EICR (queue -> vector through
 * IVAR).  If the vector is enabled in EIMS, an MSI-X message is sent as
 * a separate engine event: EIAC bits auto-clear EICR, EIAM bits
 * auto-mask EIMS [82576 7.3.4.1], and generic_handle_irq() runs the
 * driver's handler.  A cause raised while masked waits in EICR and fires
 * when the driver unmasks it by writing EIMS.  Each vector's EITR sets
 * the shortest time between its messages (interrupt moderation): a cause
 * raised sooner waits, so one interrupt (and one NAPI poll) serves the
 * frames of that time; with igb's 162 us a dozen full-sized frames at
 * 1 Gb/s, which is what lets GRO merge them.
 *
 * KERNEL (hardware left out): low latency interrupts (LLI), descriptor
 * prefetch/write-back thresholds, head write-back,
 * the offloads igb does not use (VLAN insertion, IPv6, SCTP, UDP
 * segmentation, IPsec), any choice of the TCP flags a segment keeps (FIN
 * and PSH on the last one only, as the datasheet describes),
 * RSS and queue filters, multicast hash (MTA: every multicast
 * is accepted), header split, flow
 * control, PHY and link negotiation (link is up when the port is
 * plugged), the FCS (frames leave and arrive without CRC; octet counters
 * add 4 bytes for it as the real ones do).
 */
#include "nic/sim_82576.h"
#include "nic/dma.h"
#include "nic/e1000_82575.h"
#include "nic/e1000_regs.h"
#include "events/card.h"
#include "layers/net_namespace.h"
#include "nic/port.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char KSRC[] = "hw: Intel 82576 NIC (datasheet, QEMU igb)";

#define E1000_CTRL_RST		0x04000000	/* global reset, self-clearing */
#define SIM_ETH_ZLEN		60		/* minimum frame without CRC */
#define SIM_ETH_FCS_LEN		4
#define SIM_DEFAULT_MAX_FRAME	1522		/* RLPML off: 1518 + VLAN tag */

#define SIM_TCP_FIN		0x01		/* TCP flag bits, byte 13 of the header */
#define SIM_TCP_PSH		0x08

/* One slot of a queue's context table: a context descriptor as the card
 * keeps it [82576 7.2.2.2]. */
struct sim_82576_tx_ctx {
	u32 vlan_macip_lens;		/* IPLEN, MACLEN */
	u32 type_tucmd_mlhl;		/* TUCMD: IPv4, L4 type */
	u32 mss_l4len_idx;		/* MSS, L4LEN */
};

/* A data descriptor's buffer. */
struct sim_82576_txbuf {
	dma_addr_t addr;
	u32 len;
};

/* The packet the TX engine is sending: its descriptors as fetched, and
 * for TSO how far the cutting is. */
struct sim_82576_txpkt {
	struct sim_82576_txbuf buf[SIM_82576_MAX_DESC_PER_FRAME];
	int nbuf;
	unsigned int len;		/* bytes in all its buffers */
	u32 cmd;			/* first data descriptor: cmd_type_len (TSE) */
	u32 olinfo;			/* ... olinfo_status (PAYLEN, POPTS, IDX) */
	u32 first_slot;			/* ... its ring slot */
	u32 wb_slots[SIM_82576_MAX_DESC_PER_FRAME];	/* RS: DD goes there */
	int nwb;
	bool tso;			/* segments still to send */
	struct sim_82576_tx_ctx ctx;	/* TSO: the context it was fetched with */
	unsigned int hdr_len;		/* MACLEN + IPLEN + L4LEN */
	unsigned int mss;
	unsigned int paylen;		/* TCP payload of the whole packet */
	unsigned int seg, segs;		/* segments sent, segments in all */
	u8 hdr[SIM_82576_TSO_HDR_MAX];	/* the prototype header (kept last:
					 * sim_82576_tx_fetch clears the rest) */
};

struct sim_82576_txq {
	struct sim_event ev;		/* the TX engine's next fetch */
	struct sim_82576 *hw;		/* back to the card */
	int idx;			/* queue number */
	ktime_t busy_until;		/* line occupied by the last frame */
	struct sim_82576_tx_ctx ctx[SIM_82576_TX_CTX];	/* the context table */
	struct sim_82576_txpkt pkt;	/* the packet being sent */
};

struct sim_82576 {
	struct net *net;		/* the host whose bus it sits on */
	struct device *bus;		/* where DMA addresses are translated */
	struct sim_port port;		/* the wire side */
	u8 nvm_mac[6];			/* burnt-in address, loaded into RAR[0] */
	u32 regs[SIM_MMIO_SIZE / 4];	/* the register file (BAR0 + MSI-X table) */
	u64 gorc, gotc;			/* 64-bit octet counters (GORCL/H, GOTCL/H) */
	u32 msix_pending;		/* vectors with a message to send */
	ktime_t eitr_zero[SIM_MSIX_VECTORS];	/* when each vector's throttle
					 * counter (EITR) is down to 0 */
	struct sim_event msix_ev;	/* sends them */
	struct sim_82576_txq txq[SIM_82576_MAX_QUEUES];
	struct sim_82576_stats stats;	/* counters without a register */
	u8 frame[SIM_82576_MAX_FRAME];	/* TX assembly buffer (the packet FIFO) */
};

static void sim_82576_tx_event(struct sim_event *ev);
static void sim_82576_msix_event(struct sim_event *ev);
static void sim_82576_receive(struct sim_port *port, const u8 *frame, unsigned int len);

static inline u32
reg_get(const struct sim_82576 *hw, u32 reg)
{
	return hw->regs[reg / 4];
}

static inline void
reg_set(struct sim_82576 *hw, u32 reg, u32 val)
{
	hw->regs[reg / 4] = val;
}

static inline void
reg_inc(struct sim_82576 *hw, u32 reg)
{
	if (hw->regs[reg / 4] != 0xFFFFFFFF)	/* counters saturate */
		hw->regs[reg / 4]++;
}

/* ---- reset and life cycle ---------------------------------------------- */

/* Load RAR[0] from the NVM, as the card does after every reset [82576 6.2]. */
static void
sim_82576_load_nvm_mac(struct sim_82576 *hw)
{
	const u8 *m = hw->nvm_mac;

	reg_set(hw, E1000_RAL(0), m[0] | m[1] << 8 | m[2] << 16 | (u32)m[3] << 24);
	reg_set(hw, E1000_RAH(0), m[4] | m[5] << 8 | E1000_RAH_AV);
}

/* CTRL.RST: every BAR0 register back to its default; the MSI-X table stays. */
static void
sim_82576_reset(struct sim_82576 *hw)
{
	trace_sim_82576_reset(hw->net, hw->port.name);
	for (int q = 0; q < SIM_82576_MAX_QUEUES; q++) {
		sim_event_cancel(hw->net->eng, &hw->txq[q].ev);
		hw->txq[q].busy_until = 0;
		hw->txq[q].pkt.tso = false;
		memset(hw->txq[q].ctx, 0, sizeof(hw->txq[q].ctx));
	}
	sim_event_cancel(hw->net->eng, &hw->msix_ev);
	hw->msix_pending = 0;
	memset(hw->eitr_zero, 0, sizeof(hw->eitr_zero));
	memset(hw->regs, 0, SIM_MSIX_BASE);
	hw->gorc = hw->gotc = 0;
	sim_82576_load_nvm_mac(hw);
}

struct sim_82576 *
sim_82576_create(struct net *net, const char *port_name, const u8 *nvm_mac,
		 struct device *bus)
{
	struct sim_82576 *hw = calloc(1, sizeof(*hw));

	if (!hw)
		return NULL;
	hw->net = net;
	hw->bus = bus;
	memcpy(hw->nvm_mac, nvm_mac, sizeof(hw->nvm_mac));
	sim_port_init(&hw->port, port_name, sim_82576_receive, hw);
	sim_event_init(&hw->msix_ev, "82576 MSI-X", sim_82576_msix_event);
	for (int q = 0; q < SIM_82576_MAX_QUEUES; q++) {
		hw->txq[q].hw = hw;
		hw->txq[q].idx = q;
		sim_event_init(&hw->txq[q].ev, "82576 TX DMA", sim_82576_tx_event);
	}
	for (int v = 0; v < SIM_MSIX_VECTORS; v++)
		reg_set(hw, SIM_MSIX_CTRL(v), SIM_MSIX_CTRL_MASKBIT);
	sim_82576_reset(hw);
	return hw;
}

void
sim_82576_destroy(struct sim_82576 *hw)
{
	if (!hw)
		return;
	for (int q = 0; q < SIM_82576_MAX_QUEUES; q++)
		sim_event_cancel(hw->net->eng, &hw->txq[q].ev);
	sim_event_cancel(hw->net->eng, &hw->msix_ev);
	free(hw);
}

struct sim_port *
sim_82576_port(struct sim_82576 *hw)
{
	return &hw->port;
}

const struct sim_82576_stats *
sim_82576_get_stats(const struct sim_82576 *hw)
{
	return &hw->stats;
}

/* ---- interrupts ---------------------------------------------------------- */

/* Which vector a queue's cause goes to, from IVAR [82576 7.3.2.6]. */
static int
sim_82576_ivar_vector(const struct sim_82576 *hw, int queue, bool tx)
{
	u32 ivar = reg_get(hw, E1000_IVAR0 + 4 * (queue & 7));
	int shift = (tx ? 8 : 0) + ((queue & 8) ? 16 : 0);
	u32 byte = (ivar >> shift) & 0xFF;

	if (!(byte & E1000_IVAR_VALID))
		return -1;
	return byte & 0x1F;
}

/* EITR's interval in ns: bits 14:2, in 1 us units [82576 EITR; QEMU]. */
static ktime_t
sim_82576_eitr_interval(const struct sim_82576 *hw, int v)
{
	return (ktime_t)((reg_get(hw, E1000_EITR(v)) & 0x7FFC) >> 2) * NSEC_PER_USEC;
}

/*
 * The MSI-X event goes off when the first pending vector may send: at
 * once (after SIM_82576_MSIX_NS), or when its throttle counter is down
 * to 0 (interrupt moderation [82576 EITR; QEMU igb_core.c]).
 */
static void
sim_82576_schedule_msix(struct sim_82576 *hw)
{
	ktime_t now = ktime_get(hw->net->eng), when = 0;
	bool any = false;

	for (int v = 0; v < SIM_MSIX_VECTORS; v++) {
		ktime_t t = now + SIM_82576_MSIX_NS;

		if (!(hw->msix_pending & (1U << v)))
			continue;
		if (hw->eitr_zero[v] > t)
			t = hw->eitr_zero[v];
		if (!any || t < when)
			when = t;
		any = true;
	}
	if (any && (!sim_event_pending(&hw->msix_ev) || hw->msix_ev.when > when))
		sim_event_schedule(hw->net->eng, &hw->msix_ev, when);
}

/* A cause for @bits: latch it in EICR; send a message if unmasked. */
static void
sim_82576_set_eicr(struct sim_82576 *hw, u32 bits)
{
	reg_set(hw, E1000_EICR, reg_get(hw, E1000_EICR) | bits);
	hw->msix_pending |= bits & reg_get(hw, E1000_EIMS);
	sim_82576_schedule_msix(hw);
}

static void
sim_82576_raise_queue(struct sim_82576 *hw, int queue, bool tx)
{
	int v = sim_82576_ivar_vector(hw, queue, tx);

	reg_set(hw, E1000_ICR, reg_get(hw, E1000_ICR) |
		(tx ? E1000_ICR_TXDW : E1000_ICR_RXDW));
	if (v >= 0)
		sim_82576_set_eicr(hw, 1U << v);
}

/*
 * The MSI-X event: one message per pending vector whose throttle counter
 * is down to 0, in vector order; sending reloads the counter with the
 * vector's EITR interval, and a cause raised before it runs out waits
 * for it, so no vector interrupts more often than EITR allows (igb asks
 * for 162 us, IGB_START_ITR: the frames of that time arrive together).
 * Auto-clear (EIAC) drops the cause, auto-mask (EIAM, with GPIE.EIAME)
 * masks the vector until the driver writes EIMS again [82576 7.3.4].
 */
static void
sim_82576_msix_event(struct sim_event *ev)
{
	struct sim_82576 *hw = container_of(ev, struct sim_82576, msix_ev);
	ktime_t now = ktime_get(hw->net->eng);
	u32 send = hw->msix_pending & reg_get(hw, E1000_EIMS);

	for (int v = 0; v < SIM_MSIX_VECTORS; v++)
		if (hw->eitr_zero[v] > now)
			send &= ~(1U << v);	/* still throttled: it waits */
	trace_sim_82576_msix_event(hw->net, hw->port.name, reg_get(hw, E1000_EICR),
				   reg_get(hw, E1000_EIMS), send);
	hw->msix_pending &= ~send;
	sim_82576_schedule_msix(hw);
	/* Each vector with a cause, lowest first (one pass per set bit). */
	for (u32 left = send & ((1U << SIM_MSIX_VECTORS) - 1); left; left &= left - 1) {
		int v = __builtin_ctz(left);
		u32 bit = 1U << v;
		u32 irq;

		if (reg_get(hw, SIM_MSIX_CTRL(v)) & SIM_MSIX_CTRL_MASKBIT)
			continue;	/* the OS masked the table entry */
		reg_set(hw, E1000_EICR, reg_get(hw, E1000_EICR) & ~(reg_get(hw, E1000_EIAC) & bit));
		if (reg_get(hw, E1000_GPIE) & E1000_GPIE_EIAME)
			reg_set(hw, E1000_EIMS, reg_get(hw, E1000_EIMS) &
				~(reg_get(hw, E1000_EIAM) & bit));
		irq = reg_get(hw, SIM_MSIX_DATA(v));
		hw->eitr_zero[v] = now + sim_82576_eitr_interval(hw, v);
		hw->stats.msix_sent++;
		trace_card_msix_msg(hw->net, v, irq);
		generic_handle_irq(&hw->net->cpu, irq);
	}
}

/* ---- transmit ------------------------------------------------------------ */

static bool
sim_82576_tx_enabled(const struct sim_82576 *hw, int q)
{
	return (reg_get(hw, E1000_TCTL) & E1000_TCTL_EN) &&
	       (reg_get(hw, E1000_TXDCTL(q)) & E1000_TXDCTL_QUEUE_ENABLE);
}

/* The tail moved (or the queue was enabled): wake the TX engine. */
static void
sim_82576_tx_kick(struct sim_82576 *hw, int q)
{
	struct sim_82576_txq *txq = &hw->txq[q];
	ktime_t when = ktime_get(hw->net->eng) + SIM_82576_TX_FETCH_NS;

	if (!sim_82576_tx_enabled(hw, q) || sim_event_pending(&txq->ev))
		return;
	if (reg_get(hw, E1000_TDH(q)) == reg_get(hw, E1000_TDT(q)))
		return;
	if (txq->busy_until > when)
		when = txq->busy_until;
	sim_event_schedule(hw->net->eng, &txq->ev, when);
}

/* Put a gathered frame on the wire: pad (PSP), count, send. */
static unsigned int
sim_82576_tx_wire(struct sim_82576 *hw, unsigned int len)
{
	if (len < SIM_ETH_ZLEN && (reg_get(hw, E1000_TCTL) & E1000_TCTL_PSP)) {
		memset(hw->frame + len, 0, SIM_ETH_ZLEN - len);
		len = SIM_ETH_ZLEN;
		hw->stats.tx_padded++;
	}
	reg_inc(hw, E1000_GPTC);
	reg_inc(hw, E1000_TPT);
	if (len >= 6 && hw->frame[0] & 1) {
		static const u8 bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

		reg_inc(hw, memcmp(hw->frame, bcast, 6) ? E1000_MPTC : E1000_BPTC);
	}
	hw->gotc += len + SIM_ETH_FCS_LEN;
	hw->stats.tx_frames++;
	hw->stats.tx_bytes += len;
	sim_port_xmit(&hw->port, hw->frame, len);
	return len;
}

/* The context descriptor at @slot goes into its queue's table (IDX) [82576 7.2.2.2]. */
static void
sim_82576_tx_load_ctx(struct sim_82576 *hw, struct sim_82576_txq *txq, u32 slot,
		      const union e1000_adv_tx_desc *d)
{
	const struct e1000_adv_tx_context_desc *cd = (const void *)d;
	struct sim_82576_tx_ctx *ctx;
	u32 mss_l4len_idx = le32_to_cpu(cd->mss_l4len_idx);

	ctx = &txq->ctx[(mss_l4len_idx >> SIM_ADVTXD_IDX_SHIFT) & (SIM_82576_TX_CTX - 1)];
	ctx->vlan_macip_lens = le32_to_cpu(cd->vlan_macip_lens);
	ctx->type_tucmd_mlhl = le32_to_cpu(cd->type_tucmd_mlhl);
	ctx->mss_l4len_idx = mss_l4len_idx;
	trace_card_tx_ctxt(hw->net, slot, ctx->vlan_macip_lens, ctx->type_tucmd_mlhl,
			   mss_l4len_idx);
}

/*
 * Fetch one packet's descriptors from TDH [82576 7.2.2]: context
 * descriptors go into the queue's table, each data descriptor's buffer
 * is noted in @pkt (its bytes are read later: whole for a plain packet,
 * one segment at a time for TSO), with the first data descriptor's
 * command and offload options.  Nothing is committed until the EOP
 * descriptor is found: if the tail stops short of it, the card waits for
 * the driver to write more.  Returns the number of descriptors the
 * packet used (0: nothing to do yet, -1: the ring itself cannot be read);
 * *@drop is set for a packet that must not be sent.
 */
static int
sim_82576_tx_fetch(struct sim_82576 *hw, struct sim_82576_txq *txq, bool *drop)
{
	struct sim_82576_txpkt *pkt = &txq->pkt;
	int q = txq->idx;
	u32 count = reg_get(hw, E1000_TDLEN(q)) / sizeof(union e1000_adv_tx_desc);
	dma_addr_t base = ((u64)reg_get(hw, E1000_TDBAH(q)) << 32 | reg_get(hw, E1000_TDBAL(q))) &
			  ~(dma_addr_t)0xF;
	u32 h = reg_get(hw, E1000_TDH(q)), t = reg_get(hw, E1000_TDT(q));
	int n = 0;

	memset(pkt, 0, offsetof(struct sim_82576_txpkt, hdr));
	if (count == 0 || h >= count || t >= count) {
		hw->stats.tx_bad_desc++;
		return -1;
	}
	while (h != t && n < SIM_82576_MAX_DESC_PER_FRAME) {
		union e1000_adv_tx_desc d;
		u32 cmd, blen, slot = h;
		u64 addr;

		if (sim_dma_read(hw->bus, base + 16ULL * h, &d, sizeof(d)) < 0) {
			hw->stats.tx_dma_faults++;
			return -1;
		}
		n++;
		cmd = le32_to_cpu(d.read.cmd_type_len);
		h = (h + 1) % count;
		if (!(cmd & E1000_ADVTXD_DCMD_DEXT) ||
		    ((cmd & E1000_ADVTXD_DTYP_MASK) != E1000_ADVTXD_DTYP_DATA &&
		     (cmd & E1000_ADVTXD_DTYP_MASK) != E1000_ADVTXD_DTYP_CTXT)) {
			/* a legacy or unknown descriptor: end the packet here */
			hw->stats.tx_bad_desc++;
			*drop = true;
			break;
		}
		if ((cmd & E1000_ADVTXD_DTYP_MASK) == E1000_ADVTXD_DTYP_CTXT) {
			sim_82576_tx_load_ctx(hw, txq, slot, &d);
			continue;	/* no buffer, and no write-back: no RS */
		}
		if (cmd & E1000_ADVTXD_DCMD_RS)
			pkt->wb_slots[pkt->nwb++] = slot;
		if (pkt->nbuf == 0) {	/* the packet's first data descriptor */
			pkt->cmd = cmd;
			pkt->olinfo = le32_to_cpu(d.read.olinfo_status);
			pkt->first_slot = slot;
		}
		blen = cmd & E1000_ADVTXD_DTALEN_MASK;
		addr = le64_to_cpu(d.read.buffer_addr);
		pkt->buf[pkt->nbuf].addr = addr;
		pkt->buf[pkt->nbuf].len = blen;
		pkt->nbuf++;
		pkt->len += blen;
		trace_card_tx_desc(hw->net, h, count, addr, blen, cmd);
		if (cmd & E1000_ADVTXD_DCMD_EOP)
			goto done;
	}
	if (n >= SIM_82576_MAX_DESC_PER_FRAME) {
		hw->stats.tx_bad_desc++;	/* a packet that never ends */
		*drop = true;
		goto done;
	}
	if (!*drop)
		return 0;	/* no EOP yet: wait for more descriptors */
done:
	reg_set(hw, E1000_TDH(q), h);
	return n;
}

/*
 * Read @len bytes of the packet, from byte @off of its buffers taken end
 * to end, into @to.  0, or -1 when the DMA map refuses a buffer.
 */
static int
sim_82576_tx_read(struct sim_82576 *hw, const struct sim_82576_txpkt *pkt, unsigned int off,
		  u8 *to, unsigned int len)
{
	for (int i = 0; i < pkt->nbuf && len; i++) {
		const struct sim_82576_txbuf *b = &pkt->buf[i];
		unsigned int n;

		if (off >= b->len) {
			off -= b->len;
			continue;
		}
		n = b->len - off < len ? b->len - off : len;
		if (sim_dma_read(hw->bus, b->addr + off, to, n) < 0) {
			hw->stats.tx_dma_faults++;
			return -1;
		}
		to += n;
		len -= n;
		off = 0;
	}
	return 0;
}

/* DD into the status dword of each RS descriptor [82576 7.2.3.4]. */
static void
sim_82576_tx_writeback(struct sim_82576 *hw, int q, const u32 *slots, int n)
{
	dma_addr_t base = ((u64)reg_get(hw, E1000_TDBAH(q)) << 32 | reg_get(hw, E1000_TDBAL(q))) &
			  ~(dma_addr_t)0xF;

	for (int i = 0; i < n; i++) {
		dma_addr_t at = base + 16ULL * slots[i] +
				offsetof(union e1000_adv_tx_desc, wb.status);
		__le32 status;

		/* [QEMU] the status dword keeps what olinfo_status held, plus DD */
		if (sim_dma_read(hw->bus, at, &status, 4) < 0) {
			hw->stats.tx_dma_faults++;
			continue;
		}
		status = cpu_to_le32(le32_to_cpu(status) | E1000_TXD_STAT_DD);
		if (sim_dma_write(hw->bus, at, &status, 4) < 0) {
			hw->stats.tx_dma_faults++;
			continue;
		}
		hw->stats.tx_writebacks++;
		trace_card_tx_writeback(hw->net, slots[i]);
	}
}

/* The packet is done with (sent or dropped): DD back, so the driver can
 * reclaim its slots, and the queue's interrupt cause. */
static void
sim_82576_tx_complete(struct sim_82576 *hw, struct sim_82576_txq *txq)
{
	struct sim_82576_txpkt *pkt = &txq->pkt;

	pkt->tso = false;
	sim_82576_tx_writeback(hw, txq->idx, pkt->wb_slots, pkt->nwb);
	if (pkt->nwb)
		sim_82576_raise_queue(hw, txq->idx, true);
}

/* ---- transmit offloads: checksums and TCP segmentation --------------------- */

/* The checksum unit: the 16-bit one's complement sum of @len bytes taken
 * as big-endian words [RFC 1071], added to @sum; fold it with _fold. */
static u32
sim_82576_sum16(const u8 *p, unsigned int len, u32 sum)
{
	u64 acc = sum;

	/* Big-endian 32-bit words, eight bytes a turn: in ones' complement
	 * their sum folds to the 16-bit words' sum (2^16 is 1 mod 0xFFFF),
	 * and a frame is summed in a third of the instructions. */
	for (; len >= 8; p += 8, len -= 8)
		acc += (u64)((u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3]) +
		       ((u32)p[4] << 24 | (u32)p[5] << 16 | (u32)p[6] << 8 | p[7]);
	for (; len > 1; p += 2, len -= 2)
		acc += (u32)p[0] << 8 | p[1];
	if (len)
		acc += (u32)p[0] << 8;
	while (acc >> 32)
		acc = (acc & 0xFFFFFFFF) + (acc >> 32);
	return (u32)acc;
}

static u16
sim_82576_fold(u32 sum)
{
	while (sum >> 16)
		sum = (sum & 0xFFFF) + (sum >> 16);
	return (u16)sum;
}

static inline u16
sim_82576_get16(const u8 *p)
{
	return (u16)(p[0] << 8 | p[1]);
}

static inline void
sim_82576_put16(u8 *p, u16 v)
{
	p[0] = (u8)(v >> 8);
	p[1] = (u8)v;
}

static inline u32
sim_82576_get32(const u8 *p)
{
	return (u32)sim_82576_get16(p) << 16 | sim_82576_get16(p + 2);
}

static inline void
sim_82576_put32(u8 *p, u32 v)
{
	sim_82576_put16(p, (u16)(v >> 16));
	sim_82576_put16(p + 2, (u16)v);
}

/*
 * sim_82576_tx_csum - insert the checksums POPTS asks for into the frame
 * of @len bytes in the TX FIFO, where the context @ctx says the headers
 * are [82576 7.2.5]:
 *   IXSM: the IPv4 header checksum (IPLEN bytes after MACLEN, the field
 *         itself counted as 0);
 *   TXSM: the TCP or UDP checksum (L4T), over everything from the L4
 *         header (MACLEN + IPLEN) to the end, including the checksum
 *         field: the driver left the pseudo-header sum there.  A sum of
 *         0 goes out as 0xFFFF (for UDP, 0 would mean "no checksum";
 *         [QEMU] net_tx_pkt writes every L4 sum so).
 * Returns false, touching nothing, if the headers do not fit the frame.
 */
static bool
sim_82576_tx_csum(struct sim_82576 *hw, const struct sim_82576_tx_ctx *ctx, u32 popts,
		  unsigned int len)
{
	u32 maclen = ctx->vlan_macip_lens >> E1000_ADVTXD_MACLEN_SHIFT & 0x7F;
	u32 iplen = ctx->vlan_macip_lens & SIM_ADVTXD_IPLEN_MASK;
	bool tcp = (ctx->type_tucmd_mlhl & SIM_ADVTXD_TUCMD_L4T_MASK) == E1000_ADVTXD_TUCMD_L4T_TCP;
	u32 tucso = maclen + iplen + (tcp ? 16 : 6);	/* th->check, uh->check */
	u8 *f = hw->frame;

	trace_sim_82576_tx_csum(hw->net, popts, maclen, iplen, tcp, len);
	if (maclen + iplen > len || ((popts & E1000_TXD_POPTS_TXSM) && tucso + 2 > len) ||
	    ((popts & E1000_TXD_POPTS_IXSM) && iplen < 20))
		return false;
	if (popts & E1000_TXD_POPTS_IXSM) {
		sim_82576_put16(f + maclen + 10, 0);
		sim_82576_put16(f + maclen + 10,
				(u16)~sim_82576_fold(sim_82576_sum16(f + maclen, iplen, 0)));
	}
	if (popts & E1000_TXD_POPTS_TXSM) {
		u16 sum = (u16)~sim_82576_fold(sim_82576_sum16(f + maclen + iplen,
							       len - maclen - iplen, 0));

		sim_82576_put16(f + tucso, sum ? sum : 0xFFFF);
	}
	return true;
}

/* The context slot a data descriptor names (olinfo_status IDX). */
static const struct sim_82576_tx_ctx *
sim_82576_tx_ctx_of(const struct sim_82576_txq *txq, u32 olinfo)
{
	return &txq->ctx[(olinfo >> SIM_ADVTXD_IDX_SHIFT) & (SIM_82576_TX_CTX - 1)];
}

/*
 * Is the TSO context usable for this packet?  The datasheet asks for
 * exact lengths and warns that wrong ones send bad frames or hang the
 * queue (TSCTFC counts such contexts) [82576 7.2.4]: here an IPv4 TCP
 * header that fits the header buffer, an MSS, and a PAYLEN that is the
 * data after the header.
 */
static bool
sim_82576_tso_ok(const struct sim_82576_txpkt *pkt, const struct sim_82576_tx_ctx *ctx)
{
	u32 tucmd = ctx->type_tucmd_mlhl;
	u32 iplen = ctx->vlan_macip_lens & SIM_ADVTXD_IPLEN_MASK;
	u32 l4len = ctx->mss_l4len_idx >> E1000_ADVTXD_L4LEN_SHIFT & 0xFF;

	return (tucmd & E1000_ADVTXD_TUCMD_IPV4) &&
	       (tucmd & SIM_ADVTXD_TUCMD_L4T_MASK) == E1000_ADVTXD_TUCMD_L4T_TCP &&
	       iplen >= 20 && l4len >= 20 && pkt->mss > 0 &&
	       pkt->hdr_len <= SIM_82576_TSO_HDR_MAX &&
	       pkt->hdr_len + pkt->mss <= SIM_82576_MAX_FRAME && pkt->hdr_len < pkt->len &&
	       pkt->olinfo >> E1000_ADVTXD_PAYLEN_SHIFT == pkt->len - pkt->hdr_len;
}

/*
 * A TSE packet was fetched: take its context, check it, and read the
 * prototype header (MAC + IP + TCP) into the header buffer, once for all
 * its segments [82576 7.2.4].  false: the packet cannot be segmented.
 */
static bool
sim_82576_tso_start(struct sim_82576 *hw, struct sim_82576_txq *txq)
{
	struct sim_82576_txpkt *pkt = &txq->pkt;
	const struct sim_82576_tx_ctx *ctx = sim_82576_tx_ctx_of(txq, pkt->olinfo);
	u32 lens = ctx->vlan_macip_lens;

	pkt->ctx = *ctx;
	pkt->mss = ctx->mss_l4len_idx >> E1000_ADVTXD_MSS_SHIFT;
	pkt->hdr_len = (lens >> E1000_ADVTXD_MACLEN_SHIFT & 0x7F) + (lens & SIM_ADVTXD_IPLEN_MASK) +
		       (ctx->mss_l4len_idx >> E1000_ADVTXD_L4LEN_SHIFT & 0xFF);
	if (!sim_82576_tso_ok(pkt, ctx) || sim_82576_tx_read(hw, pkt, 0, pkt->hdr, pkt->hdr_len) < 0) {
		reg_inc(hw, E1000_TSCTFC);
		return false;
	}
	pkt->paylen = pkt->len - pkt->hdr_len;
	pkt->segs = DIV_ROUND_UP(pkt->paylen, pkt->mss);
	pkt->seg = 0;
	pkt->tso = true;
	reg_inc(hw, E1000_TSCTC);
	return true;
}

/*
 * sim_82576_tso_frame - cut the next segment of the TSO packet on @txq
 * into the TX FIFO and send it [82576 7.2.4]: the prototype header, then
 * the next MSS of payload (less for the last), and in the header
 *   IPv4: total length for this segment, identification + 1 per
 *         segment (the first keeps the driver's), the header checksum;
 *   TCP:  sequence number + the payload already sent, FIN and PSH kept
 *         on the last segment only, the checksum: this segment's length
 *         added to the pseudo-header sum the driver left, then TXSM.
 * Returns the bytes put on the wire, or 0 if the payload could not be
 * read (the rest of the packet is given up).
 */
static unsigned int
sim_82576_tso_frame(struct sim_82576 *hw, struct sim_82576_txq *txq)
{
	struct sim_82576_txpkt *pkt = &txq->pkt;
	u32 lens = pkt->ctx.vlan_macip_lens;
	unsigned int maclen = lens >> E1000_ADVTXD_MACLEN_SHIFT & 0x7F;
	unsigned int l4off = maclen + (lens & SIM_ADVTXD_IPLEN_MASK);
	unsigned int off = pkt->seg * pkt->mss;
	unsigned int size = pkt->paylen - off < pkt->mss ? pkt->paylen - off : pkt->mss;
	bool last = pkt->seg + 1 == pkt->segs;
	u8 *f = hw->frame, *th = f + l4off;
	u32 pseudo;

	trace_sim_82576_tso_frame(hw->net, pkt->first_slot, pkt->seg + 1, pkt->segs, size);
	memcpy(f, pkt->hdr, pkt->hdr_len);
	if (sim_82576_tx_read(hw, pkt, pkt->hdr_len + off, f + pkt->hdr_len, size) < 0) {
		reg_inc(hw, E1000_TSCTFC);
		return 0;
	}
	sim_82576_put16(f + maclen + 2, (u16)(pkt->hdr_len - maclen + size));	/* tot_len */
	sim_82576_put16(f + maclen + 4, (u16)(sim_82576_get16(f + maclen + 4) + pkt->seg));
	sim_82576_put32(th + 4, sim_82576_get32(th + 4) + off);		/* seq */
	if (!last)
		th[13] &= (u8)~(SIM_TCP_FIN | SIM_TCP_PSH);
	pseudo = sim_82576_get16(th + 16) + (pkt->hdr_len - l4off + size);
	sim_82576_put16(th + 16, sim_82576_fold(pseudo));
	pkt->seg++;
	/* the headers fit: sim_82576_tso_ok checked their lengths */
	(void)sim_82576_tx_csum(hw, &pkt->ctx, pkt->olinfo >> 8 & 0x3F, pkt->hdr_len + size);
	return sim_82576_tx_wire(hw, pkt->hdr_len + size);
}

/*
 * A plain packet (no TSE): gather its buffers into the TX FIFO, insert
 * the checksums its POPTS ask for, send it.  NULL, or why it was not sent.
 */
static const char *
sim_82576_tx_plain(struct sim_82576 *hw, struct sim_82576_txq *txq, unsigned int *sent)
{
	const struct sim_82576_txpkt *pkt = &txq->pkt;
	u32 popts = pkt->olinfo >> 8 & 0x3F;

	if (pkt->len > SIM_82576_MAX_FRAME) {
		hw->stats.tx_bad_desc++;
		return "oversize";
	}
	if (sim_82576_tx_read(hw, pkt, 0, hw->frame, pkt->len) < 0)
		return "dma_fault";
	if ((popts & (E1000_TXD_POPTS_IXSM | E1000_TXD_POPTS_TXSM)) &&
	    !sim_82576_tx_csum(hw, sim_82576_tx_ctx_of(txq, pkt->olinfo), popts, pkt->len)) {
		hw->stats.tx_bad_offload++;
		return "bad_csum_context";
	}
	*sent = sim_82576_tx_wire(hw, pkt->len);
	return NULL;
}

/*
 * sim_82576_tx_frame - the TX engine sends one frame: the next segment
 * of a TSO packet it is cutting, or else the next packet on the ring
 * (its first segment, if it is a TSO packet).  Returns the bytes put on
 * the wire, 0 for a frame consumed but dropped, -1 when nothing could be
 * consumed (no EOP yet, or the ring unreadable).  A packet's descriptors
 * get DD once its last frame is sent (or dropped).
 */
static int
sim_82576_tx_frame(struct sim_82576 *hw, struct sim_82576_txq *txq)
{
	struct sim_82576_txpkt *pkt = &txq->pkt;
	int q = txq->idx, n = 0;
	unsigned int sent = 0;
	const char *why = NULL;
	bool drop = false;

	trace_sim_82576_tx_frame(hw->net, hw->port.name, q, reg_get(hw, E1000_TDH(q)),
				 reg_get(hw, E1000_TDT(q)));
	if (!pkt->tso) {
		n = sim_82576_tx_fetch(hw, txq, &drop);
		if (n <= 0)
			return -1;
		if (drop || pkt->len == 0)
			why = "bad_descriptor";
		else if (!(pkt->cmd & E1000_ADVTXD_DCMD_TSE))
			why = sim_82576_tx_plain(hw, txq, &sent);
		else if (!sim_82576_tso_start(hw, txq))
			why = "bad_tso_context";
	}
	if (pkt->tso) {
		sent = sim_82576_tso_frame(hw, txq);
		if (!sent)
			why = "dma_fault";
	}
	if (why) {
		hw->stats.tx_dropped++;
		trace_card_tx_drop(hw->net, why, reg_get(hw, E1000_TDH(q)));
		sim_82576_tx_complete(hw, txq);
		return 0;
	}
	trace_card_tx_wire(hw->net, sent, n, reg_get(hw, E1000_TDH(q)));
	if (!pkt->tso || pkt->seg == pkt->segs)
		sim_82576_tx_complete(hw, txq);
	return (int)sent;
}

/* The engine event: one frame now, the next when the line is free. */
static void
sim_82576_tx_event(struct sim_event *ev)
{
	struct sim_82576_txq *txq = container_of(ev, struct sim_82576_txq, ev);
	struct sim_82576 *hw = txq->hw;
	ktime_t now = ktime_get(hw->net->eng);
	int q = txq->idx, sent;

	if (!sim_82576_tx_enabled(hw, q))
		return;
	sent = sim_82576_tx_frame(hw, txq);
	if (sent < 0)
		return;		/* stalled: the next tail write kicks us */
	txq->busy_until = now + (sent ? sim_port_tx_time(&hw->port, sent) : 0);
	if (!txq->pkt.tso && reg_get(hw, E1000_TDH(q)) == reg_get(hw, E1000_TDT(q)))
		return;
	/* a dropped frame costs no line time, only the next fetch */
	sim_event_schedule(hw->net->eng, &txq->ev,
			   sent ? txq->busy_until : now + SIM_82576_TX_FETCH_NS);
}

/* ---- receive ------------------------------------------------------------- */

/* The address filter [82576 7.1.1]: true if the frame is for us. */
static bool
sim_82576_rx_filter(struct sim_82576 *hw, const u8 *frame)
{
	u32 rctl = reg_get(hw, E1000_RCTL);

	if (!memcmp(frame, "\xff\xff\xff\xff\xff\xff", 6)) {
		if (!(rctl & E1000_RCTL_BAM))
			return false;
		reg_inc(hw, E1000_BPRC);
		return true;
	}
	if (frame[0] & 1) {
		reg_inc(hw, E1000_MPRC);	/* MTA hash not modelled: accept */
		return true;
	}
	if (rctl & E1000_RCTL_UPE)
		return true;
	for (int i = 0; i < 16; i++) {
		u32 ral = reg_get(hw, E1000_RAL(i)), rah = reg_get(hw, E1000_RAH(i));
		u8 a[6] = { ral, ral >> 8, ral >> 16, ral >> 24, rah, rah >> 8 };

		if ((rah & E1000_RAH_AV) && !memcmp(a, frame, 6))
			return true;
	}
	return false;
}

/* Checks before a descriptor is used: enabled, filter, length. */
static bool
sim_82576_rx_accept(struct sim_82576 *hw, const u8 *frame, unsigned int len)
{
	u32 max = SIM_DEFAULT_MAX_FRAME;

	if (!(reg_get(hw, E1000_RCTL) & E1000_RCTL_EN) ||
	    !(reg_get(hw, E1000_RXDCTL(0)) & E1000_RXDCTL_QUEUE_ENABLE)) {
		hw->stats.rx_disabled++;
		trace_card_rx_drop(hw->net, "rx_disabled", len);
		return false;
	}
	if (len < 14) {
		hw->stats.rx_runts++;
		NET_INC_STATS(hw->net, SIM_MIB_RXTRUNCATED);
		trace_card_rx_drop(hw->net, "runt", len);
		return false;
	}
	if (!sim_82576_rx_filter(hw, frame)) {
		hw->stats.rx_filtered++;
		trace_card_rx_not_ours(hw->net, frame);
		return false;
	}
	if (reg_get(hw, E1000_RCTL) & E1000_RCTL_LPE)
		max = reg_get(hw, E1000_RLPML) & 0x3FFF;
	if (len + SIM_ETH_FCS_LEN > max) {
		reg_inc(hw, E1000_ROC);
		hw->stats.rx_oversize++;
		trace_card_rx_oversize(hw->net, len, max);
		return false;
	}
	return true;
}

/* Descriptors the card owns from RDH up to RDT (the ring is empty when
 * they meet); 0 if the ring registers make no sense. */
static u32
sim_82576_rx_owned(u32 h, u32 t, u32 count)
{
	if (count == 0 || h >= count || t >= count)
		return 0;
	return t >= h ? t - h : count - h + t;
}

/*
 * DMA the frame into the buffers of the descriptors from RDH on, each
 * filled up to SRRCTL.BSIZEPKT, and write each back with its length and
 * DD, the last with EOP [82576 7.1.4, 7.1.5].  A frame that needs more
 * descriptors than the card owns is missed whole (MPC, RXO), as QEMU
 * does (igb_has_rxbufs).  A buffer the card may not write (a DMA fault)
 * gives the frame an RX data error (RXE) in its last descriptor.
 */
static void
sim_82576_rx_store(struct sim_82576 *hw, const u8 *frame, unsigned int len)
{
	u32 count = reg_get(hw, E1000_RDLEN(0)) / sizeof(union e1000_adv_rx_desc);
	dma_addr_t base = ((u64)reg_get(hw, E1000_RDBAH(0)) << 32 | reg_get(hw, E1000_RDBAL(0))) &
			  ~(dma_addr_t)0xF;
	u32 h = reg_get(hw, E1000_RDH(0)), t = reg_get(hw, E1000_RDT(0));
	u32 bsize = (reg_get(hw, E1000_SRRCTL(0)) & E1000_SRRCTL_BSIZEPKT_MASK)
		    << E1000_SRRCTL_BSIZEPKT_SHIFT;
	u32 need, error = 0;
	unsigned int done = 0;

	if (bsize == 0)
		bsize = 2048;	/* BSIZEPKT 0: the RCTL default buffer */
	need = DIV_ROUND_UP(len, bsize);
	if (sim_82576_rx_owned(h, t, count) < need) {
		/* not enough descriptors owned by the card: the FIFO overflows */
		reg_inc(hw, E1000_MPC);
		reg_set(hw, E1000_ICR, reg_get(hw, E1000_ICR) | E1000_ICR_RXO);
		hw->stats.rx_missed++;
		trace_card_rx_no_desc(hw->net, h, t);
		return;
	}
	while (done < len) {
		unsigned int chunk = min_t(unsigned int, len - done, bsize);
		union e1000_adv_rx_desc d;
		u32 status = E1000_RXD_STAT_DD;
		dma_addr_t pkt;

		if (sim_dma_read(hw->bus, base + 16ULL * h, &d, sizeof(d)) < 0) {
			hw->stats.rx_dma_faults++;
			return;
		}
		pkt = le64_to_cpu(d.read.pkt_addr);
		if (sim_dma_write(hw->bus, pkt, frame + done, chunk) < 0) {
			/* hand the descriptor back flagged, so the ring keeps moving */
			hw->stats.rx_dma_faults++;
			error = E1000_RXDEXT_STATERR_RXE;
		}
		done += chunk;
		if (done == len)
			status |= E1000_RXD_STAT_EOP | error;
		memset(&d, 0, sizeof(d));
		d.wb.upper.status_error = cpu_to_le32(status);
		d.wb.upper.length = cpu_to_le16(chunk);
		/* NOTE: QEMU writes the descriptor with DD clear, then the status
		 * dword, so a driver never sees DD before the length; one write
		 * here is just as atomic for a single-threaded reader. */
		if (sim_dma_write(hw->bus, base + 16ULL * h, &d, sizeof(d)) < 0) {
			hw->stats.rx_dma_faults++;
			return;
		}
		trace_card_rx_writeback(hw->net, h, count, pkt, chunk, status);
		h = (h + 1) % count;
		reg_set(hw, E1000_RDH(0), h);
	}
	if (!error) {
		reg_inc(hw, E1000_GPRC);
		hw->gorc += len + SIM_ETH_FCS_LEN;
		hw->stats.rx_frames++;
		hw->stats.rx_bytes += len;
	}
	sim_82576_raise_queue(hw, 0, false);
}

/*
 * sim_82576_receive - a frame arrives from the wire (the port's rx).
 * The bytes belong to the wire; the card copies what it keeps.
 */
static void
sim_82576_receive(struct sim_port *port, const u8 *frame, unsigned int len)
{
	struct sim_82576 *hw = port->owner;

	trace_sim_82576_receive(hw->net, port->name, len, reg_get(hw, E1000_RDH(0)),
				reg_get(hw, E1000_RDT(0)));
	reg_inc(hw, E1000_TPR);
	if (!sim_82576_rx_accept(hw, frame, len))
		return;
	/* KERNEL: RSS and queue filters are not modelled: queue 0 gets all. */
	sim_82576_rx_store(hw, frame, len);
}

/* ---- MMIO ---------------------------------------------------------------- */

/* Is @reg the register @which(q) for some queue?  Returns q or -1. */
static int
sim_82576_queue_of(u32 reg, u32 base_lo, u32 base_hi)
{
	for (int q = 0; q < SIM_82576_MAX_QUEUES; q++) {
		u32 at = q < 4 ? base_lo + 0x100 * q : base_hi + 0x40 * q;

		if (reg == at)
			return q;
	}
	return -1;
}

static void
sim_82576_write_eims(struct sim_82576 *hw, u32 val)
{
	u32 old = reg_get(hw, E1000_EIMS);

	reg_set(hw, E1000_EIMS, old | val);
	/* unmasking a vector whose cause is latched sends its message now */
	hw->msix_pending |= val & ~old & reg_get(hw, E1000_EICR);
	sim_82576_schedule_msix(hw);
}

/*
 * sim_82576_wr32 - the driver wrote @val to register @reg.
 * Most registers just store; the ones below have side effects.
 */
void
sim_82576_wr32(struct sim_82576 *hw, u32 reg, u32 val)
{
	int q;

	if (reg >= SIM_MMIO_SIZE || (reg & 3))
		return;		/* outside the BAR: the write goes nowhere */
	if (reg == E1000_CTRL && (val & E1000_CTRL_RST)) {
		sim_82576_reset(hw);
		return;
	}
	if ((q = sim_82576_queue_of(reg, 0x03818, 0x0E018)) >= 0) {	/* TDT */
		trace_sim_82576_wr32(hw->net, hw->port.name, q, val, reg_get(hw, E1000_TDH(q)));
		reg_set(hw, reg, val & 0xFFFF);
		sim_82576_tx_kick(hw, q);
		return;
	}
	if ((q = sim_82576_queue_of(reg, 0x02818, 0x0C018)) >= 0) {	/* RDT */
		reg_set(hw, reg, val & 0xFFFF);
		return;
	}
	switch (reg) {
	case E1000_EIMS:
		sim_82576_write_eims(hw, val);
		return;
	case E1000_EIMC:
		reg_set(hw, E1000_EIMS, reg_get(hw, E1000_EIMS) & ~val);
		hw->msix_pending &= ~val;
		return;
	case E1000_EITR(0) ... E1000_EITR(SIM_MSIX_VECTORS - 1):
		reg_set(hw, reg, val & ~E1000_EITR_CNT_IGNR);
		/* Without CNT_IGNR the write also zeroes the counter: the
		 * next cause interrupts at once [82576 EITR.CNT_INGR]. */
		if (!(val & E1000_EITR_CNT_IGNR))
			hw->eitr_zero[(reg - E1000_EITR(0)) / 4] = 0;
		return;
	case E1000_EICS:
		sim_82576_set_eicr(hw, val);
		return;
	case E1000_EICR:
	case E1000_ICR:
		reg_set(hw, reg, reg_get(hw, reg) & ~val);	/* write 1 to clear */
		return;
	case E1000_IMS:
		reg_set(hw, E1000_IMS, reg_get(hw, E1000_IMS) | val);
		return;
	case E1000_IMC:
		reg_set(hw, E1000_IMS, reg_get(hw, E1000_IMS) & ~val);
		return;
	case E1000_STATUS:
		return;		/* read only */
	}
	reg_set(hw, reg, val);
	if (reg == E1000_TCTL) {
		for (q = 0; q < SIM_82576_MAX_QUEUES; q++)
			sim_82576_tx_kick(hw, q);
	} else if ((q = sim_82576_queue_of(reg, 0x03828, 0x0E028)) >= 0) {	/* TXDCTL */
		if (val & E1000_TXDCTL_QUEUE_ENABLE) {
			sim_82576_tx_kick(hw, q);
		} else {	/* a packet being cut is given up */
			sim_event_cancel(hw->net->eng, &hw->txq[q].ev);
			hw->txq[q].pkt.tso = false;
		}
	}
}

/* A 64-bit octet counter: the high half's read clears both [82576 8.19]. */
static u32
sim_82576_read_octets(u64 *ctr, bool high)
{
	u32 v = high ? (u32)(*ctr >> 32) : (u32)*ctr;

	if (high)
		*ctr = 0;
	return v;
}

/* sim_82576_rd32 - the driver reads register @reg. */
u32
sim_82576_rd32(struct sim_82576 *hw, u32 reg)
{
	u32 v;

	if (reg >= SIM_MMIO_SIZE || (reg & 3))
		return 0xFFFFFFFF;	/* as a read from nowhere on PCIe */
	switch (reg) {
	case E1000_GORCL:
		return sim_82576_read_octets(&hw->gorc, false);
	case E1000_GORCH:
		return sim_82576_read_octets(&hw->gorc, true);
	case E1000_GOTCL:
		return sim_82576_read_octets(&hw->gotc, false);
	case E1000_GOTCH:
		return sim_82576_read_octets(&hw->gotc, true);
	case E1000_ICR:		/* clear on read */
	case E1000_CRCERRS: case E1000_MPC: case E1000_ROC: case E1000_GPRC:
	case E1000_BPRC: case E1000_MPRC: case E1000_GPTC: case E1000_RNBC:
	case E1000_TPR: case E1000_TPT: case E1000_MPTC: case E1000_BPTC:
	case E1000_TSCTC: case E1000_TSCTFC:
		v = reg_get(hw, reg);
		reg_set(hw, reg, 0);
		return v;
	}
	return sim_82576_peek(hw, reg);
}

u32
sim_82576_peek(const struct sim_82576 *hw, u32 reg)
{
	if (reg >= SIM_MMIO_SIZE || (reg & 3))
		return 0xFFFFFFFF;
	switch (reg) {
	case E1000_STATUS:
		/* link is up when a cable is plugged: full duplex, 1000 Mb/s */
		return hw->port.link ? E1000_STATUS_LU | E1000_STATUS_FD |
				       E1000_STATUS_SPEED_1000 : 0;
	case E1000_GORCL:
		return (u32)hw->gorc;
	case E1000_GORCH:
		return (u32)(hw->gorc >> 32);
	case E1000_GOTCL:
		return (u32)hw->gotc;
	case E1000_GOTCH:
		return (u32)(hw->gotc >> 32);
	}
	return reg_get(hw, reg);
}
