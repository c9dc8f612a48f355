/*
 * tests/check_igb.c - the igb driver, the 82576 card model and their DMA.
 *
 * Two hosts, each with one igb device (nic/igb_main.c) and its card
 * (nic/sim_82576.c), joined by a simulated wire.  The tests look at
 * both sides of the ring: the 16 descriptor bytes the driver writes
 * (golden bytes, built and parsed), the registers the card moves (TDH,
 * RDH, RDT), the interrupt -> NAPI -> cleanup chain in the trace, the
 * queue stop/wake thresholds, faults of the modelled IOMMU, ethtool, and
 * that every skb and every DMA mapping is given back.
 */
#include "nic/igb.h"
#include "nic/sim_82576.h"
#include "nic/dma.h"
#include "layers/ethtool.h"
#include "sim/wire.h"
#include "tools/tools.h"
#include "tests/fixture.h"
#include "events/card.h"
#include "events/igb.h"
#include "events/net.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#define TEST_PROTO	0x88B5		/* IEEE local experimental EtherType */
#define MAX_TAP_FRAMES	512

static const u8 mac_a[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x0a };
static const u8 mac_b[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x0b };

/* Frames seen on B's port (RX) or A's port (TX), with their times. */
struct tap_log {
	int n;
	unsigned int len[MAX_TAP_FRAMES];
	ktime_t ts[MAX_TAP_FRAMES];
	u8 first[128];			/* bytes of the first frame */
	unsigned int first_len;
};

/* The world is large (the fixture keeps every frame it sent): static. */
static struct {
	struct fixture fx;
	struct net_device *a, *b;	/* h0:eth0, h1:eth0 */
	struct sim_link *link;
	struct tap_log tx_a;		/* what left A's port */
} T;

static void
tap_record(void *arg, const struct sim_port *port, enum sim_dir dir, const u8 *frame,
	   unsigned int len, ktime_t ts)
{
	struct tap_log *log = arg;

	(void)port;
	if (dir != SIM_DIR_TX || log->n >= MAX_TAP_FRAMES)
		return;
	if (log->n == 0) {
		log->first_len = len;
		memcpy(log->first, frame, len < sizeof(log->first) ? len : sizeof(log->first));
	}
	log->len[log->n] = len;
	log->ts[log->n] = ts;
	log->n++;
}

static struct igb_adapter *
adapter_of(struct net_device *dev)
{
	return netdev_priv(dev);
}

static int
run_tool(struct net *net, const char *cmdline, char *out, size_t outlen, char *err,
	 size_t errlen)
{
	char buf[256], *argv[16];
	int argc = 0, rc;
	FILE *fo = fmemopen(out, outlen, "w"), *fe = fmemopen(err, errlen, "w");

	snprintf(buf, sizeof(buf), "%s", cmdline);
	for (char *tok = strtok(buf, " "); tok && argc < 15; tok = strtok(NULL, " "))
		argv[argc++] = tok;
	argv[argc] = NULL;
	memset(out, 0, outlen);
	memset(err, 0, errlen);
	rc = tool_ethtool(net, argc, argv, fo, fe);
	fclose(fo);
	fclose(fe);
	return rc;
}

/* Two hosts, an igb device each; @linked: cable in; @open: both up. */
static void
world_setup(bool linked, bool open)
{
	struct sim_tap tap = { .frame = tap_record, .arg = &T.tx_a };

	memset(&T.tx_a, 0, sizeof(T.tx_a));
	T.link = NULL;
	fixture_setup(&T.fx, 2);
	T.a = igb_probe(T.fx.host[0], "eth0", mac_a);
	T.b = igb_probe(T.fx.host[1], "eth0", mac_b);
	ck_assert_ptr_nonnull(T.a);
	ck_assert_ptr_nonnull(T.b);
	ck_assert_int_eq(sim_port_add_tap(sim_igb_port(T.a), &tap), 0);
	if (linked) {
		T.link = sim_link_create(&T.fx.eng, sim_igb_port(T.a), sim_igb_port(T.b));
		ck_assert_ptr_nonnull(T.link);
	}
	if (open) {
		ck_assert_int_eq(dev_open(T.a), 0);
		ck_assert_int_eq(dev_open(T.b), 0);
		fixture_run(&T.fx);
	}
	fixture_forget(&T.fx);	/* tests look at what they do after the setup */
}

/* Close both, check every mapping went back, unplug, check skbs. */
static void
world_teardown(void)
{
	fixture_stop_recording(&T.fx);
	dev_close(T.a);
	dev_close(T.b);
	ck_assert_uint_eq(sim_dma_map_count(&adapter_of(T.a)->pdev), 0);
	ck_assert_uint_eq(sim_dma_map_count(&adapter_of(T.b)->pdev), 0);
	sim_link_destroy(T.link);
	T.link = NULL;
	fixture_teardown(&T.fx);
}

/* A @len-byte frame from @dev to @dst: Ethernet header + counting bytes. */
static struct sk_buff *
make_frame(struct net_device *dev, const u8 *dst, unsigned int len)
{
	struct sk_buff *skb = alloc_skb(dev_net(dev), len + 64);
	struct ethhdr *eth;
	u8 *p;

	ck_assert_ptr_nonnull(skb);
	skb_reserve(skb, 32);
	p = skb_put(skb, len);
	eth = (struct ethhdr *)p;
	memcpy(eth->h_dest, dst, ETH_ALEN);
	memcpy(eth->h_source, dev->dev_addr, ETH_ALEN);
	eth->h_proto = htons(TEST_PROTO);
	for (unsigned int i = ETH_HLEN; i < len; i++)
		p[i] = (u8)i;
	skb->dev = dev;
	skb->protocol = htons(TEST_PROTO);
	return skb;
}

static void
send_frames(struct net_device *dev, const u8 *dst, int n, unsigned int len)
{
	for (int i = 0; i < n; i++)
		ck_assert_int_eq(igb_xmit_frame(make_frame(dev, dst, len), dev), NETDEV_TX_OK);
}

/* Did a card take a frame from TX queue 0 with TDH @tdh and TDT @tdt? */
static bool
card_took_frame(u32 tdh, u32 tdt)
{
	FX_FOR_EACH(&T.fx.rec, i, 0, NULL, sim_82576_tx_frame) {
		const tp_data_sim_82576_tx_frame *e = FX_DATA(&T.fx.rec, i, sim_82576_tx_frame);

		if (e->queue == 0 && e->tdh == tdh && e->tdt == tdt)
			return true;
	}
	return false;
}

/* Did igb_clean_tx_irq on @host free the skb @id? */
static bool
tx_done_freed(const char *host, u32 id)
{
	FX_FOR_EACH(&T.fx.rec, i, 0, host, igb_tx_done)
		if (FX_DATA(&T.fx.rec, i, igb_tx_done)->freed == id)
			return true;
	return false;
}

/* ---- descriptors ---------------------------------------------------------- */

/*
 * The descriptor igb_tx_map writes for a 60-byte frame, byte for byte:
 * buffer_addr (LE) = the first streaming IOVA after the two 4 KiB rings
 * and the 255 RX pages, each mapped whole (0x10002000 + 255 * 0x1000),
 * cmd_type_len = DEXT|RS|IFCS|EOP|DTYP_DATA|60, olinfo_status = 60 << 14.
 */
START_TEST(test_tx_descriptor_golden)
{
	static const u8 golden[16] = {
		0x00, 0x10, 0x10, 0x10, 0x00, 0x00, 0x00, 0x00,	/* 0x10101000 */
		0x3c, 0x00, 0x30, 0x2b,				/* 0x2B30003C */
		0x00, 0x00, 0x0f, 0x00,				/* 0x000F0000 */
	};
	struct igb_ring *ring;
	union e1000_adv_tx_desc *desc;
	struct sim_82576 *card;

	world_setup(true, true);
	ring = adapter_of(T.a)->tx_ring[0];
	card = sim_igb_card(T.a);
	ck_assert_int_eq(igb_xmit_frame(make_frame(T.a, mac_b, 60), T.a), NETDEV_TX_OK);
	desc = IGB_TX_DESC(ring, 0);
	ck_assert_mem_eq(desc, golden, sizeof(golden));

	/* parsed back */
	ck_assert_uint_eq(le64_to_cpu(desc->read.buffer_addr), ring->tx_buffer_info[0].dma);
	ck_assert_uint_eq(le32_to_cpu(desc->read.cmd_type_len) & E1000_ADVTXD_DTALEN_MASK, 60);
	ck_assert(le32_to_cpu(desc->read.cmd_type_len) & E1000_ADVTXD_DCMD_EOP);
	ck_assert(le32_to_cpu(desc->read.cmd_type_len) & E1000_ADVTXD_DCMD_RS);
	ck_assert_uint_eq(le32_to_cpu(desc->read.olinfo_status) >> E1000_ADVTXD_PAYLEN_SHIFT, 60);
	ck_assert_ptr_eq(ring->tx_buffer_info[0].next_to_watch, desc);
	ck_assert_uint_eq(ring->next_to_use, 1);

	/* the tail moved, the card has not fetched yet */
	ck_assert_uint_eq(sim_82576_peek(card, E1000_TDT(0)), 1);
	ck_assert_uint_eq(sim_82576_peek(card, E1000_TDH(0)), 0);
	ck_assert(!(desc->wb.status & cpu_to_le32(E1000_TXD_STAT_DD)));

	/* the card's fetch is an engine event of its own */
	ck_assert_int_gt(T.fx.eng.heap_len, 0);
	ck_assert_str_eq(T.fx.eng.heap[0]->name, "82576 TX DMA");
	ck_assert(sim_run_one(&T.fx.eng));
	ck_assert_uint_eq(sim_82576_peek(card, E1000_TDH(0)), 1);
	ck_assert(le32_to_cpu(desc->wb.status) & E1000_TXD_STAT_DD);
	ck_assert_int_eq(T.tx_a.n, 1);
	ck_assert_uint_eq(T.tx_a.first_len, 60);
	ck_assert_mem_eq(T.tx_a.first, mac_b, ETH_ALEN);
	ck_assert(card_took_frame(0, 1));
	fixture_run(&T.fx);
	world_teardown();
}
END_TEST

/* A short frame: igb pads to 17 bytes, the card (TCTL.PSP) to 60. */
START_TEST(test_tx_short_frame_padded)
{
	world_setup(true, true);
	ck_assert_int_eq(igb_xmit_frame(make_frame(T.a, mac_b, 14), T.a), NETDEV_TX_OK);
	ck_assert_uint_eq(adapter_of(T.a)->tx_ring[0]->tx_buffer_info[0].len, 17);
	fixture_run(&T.fx);
	ck_assert_int_eq(T.tx_a.n, 1);
	ck_assert_uint_eq(T.tx_a.first_len, 60);
	for (unsigned int i = 14; i < 60; i++)
		ck_assert_uint_eq(T.tx_a.first[i], 0);
	ck_assert_uint_eq(sim_82576_get_stats(sim_igb_card(T.a))->tx_padded, 1);
	world_teardown();
}
END_TEST

/* ---- the whole round: wire, RX ring, interrupt, NAPI, cleanup ------------- */

START_TEST(test_frame_crosses_and_tx_is_cleaned)
{
	struct igb_ring *txr, *rxr_b;
	unsigned long live_before;
	struct sk_buff *skb;
	u32 skb_id;
	int irq, poll, clean;

	world_setup(true, true);
	txr = adapter_of(T.a)->tx_ring[0];
	rxr_b = adapter_of(T.b)->rx_ring[0];
	live_before = sim_skb_ledger_live(&T.fx.ledger, NULL);
	/* B's ring after open: 255 buffers given (one slot stays empty) */
	ck_assert_uint_eq(sim_82576_peek(sim_igb_card(T.b), E1000_RDT(0)), 255);
	ck_assert_uint_eq(sim_82576_peek(sim_igb_card(T.b), E1000_RDH(0)), 0);

	skb = make_frame(T.a, mac_b, 100);
	skb_id = skb->id;
	ck_assert_int_eq(igb_xmit_frame(skb, T.a), NETDEV_TX_OK);
	ck_assert_uint_eq(sim_skb_ledger_live(&T.fx.ledger, NULL), live_before + 1);
	fixture_run(&T.fx);

	/* B's card used descriptor 0 and B's driver gave it back (RDT 0) */
	ck_assert_uint_eq(sim_82576_peek(sim_igb_card(T.b), E1000_RDH(0)), 1);
	ck_assert_uint_eq(sim_82576_peek(sim_igb_card(T.b), E1000_RDT(0)), 0);
	ck_assert_uint_eq(rxr_b->next_to_clean, 1);
	ck_assert_uint_eq(rxr_b->rx_stats.packets, 1);
	ck_assert_uint_eq(T.b->stats.rx_packets, 1);	/* netif_receive_skb saw it */
	ck_assert_int_ge(FX_COUNT(&T.fx.rec, "h1", netif_receive_skb), 1);

	/* A: interrupt -> NAPI -> igb_clean_tx_irq freed exactly that skb */
	irq = FX_FIND(&T.fx.rec, 0, NULL, igb_msix_ring);
	ck_assert_int_ge(irq, 0);
	ck_assert_str_eq(fixture_host(&T.fx.rec, irq), "h0");
	poll = FX_FIND(&T.fx.rec, irq, NULL, igb_poll);
	ck_assert_int_gt(poll, irq);
	clean = FX_FIND(&T.fx.rec, poll, NULL, igb_clean_tx_irq);
	ck_assert_int_gt(clean, poll);
	ck_assert(tx_done_freed("h0", skb_id));
	ck_assert_uint_eq(txr->next_to_clean, 1);
	ck_assert_ptr_null(txr->tx_buffer_info[0].skb);
	ck_assert_ptr_null(txr->tx_buffer_info[0].next_to_watch);
	ck_assert_uint_eq(txr->tx_stats.packets, 1);
	ck_assert_uint_eq(T.a->stats.tx_packets, 1);
	ck_assert_uint_eq(sim_skb_ledger_live(&T.fx.ledger, NULL), live_before);
	/* the vector was unmasked again after the poll */
	ck_assert(sim_82576_peek(sim_igb_card(T.a), E1000_EIMS) &
		  txr->q_vector->eims_value);
	world_teardown();
}
END_TEST

/* Through the stack: dev_queue_xmit -> qdisc -> igb_xmit_frame. */
START_TEST(test_dev_queue_xmit_reaches_driver)
{
	world_setup(true, true);
	ck_assert_int_eq(dev_queue_xmit(make_frame(T.a, mac_b, 80)), NET_XMIT_SUCCESS);
	fixture_run(&T.fx);
	ck_assert_int_eq(FX_COUNT(&T.fx.rec, "h0", igb_xmit_frame), 1);
	ck_assert_int_eq(FX_COUNT(&T.fx.rec, "h0", igb_tx_map), 1);
	ck_assert_uint_eq(T.b->stats.rx_packets, 1);
	world_teardown();
}
END_TEST

/* ---- ring arithmetic ------------------------------------------------------- */

START_TEST(test_desc_unused)
{
	struct igb_ring r = { .count = 80 };

	r.next_to_clean = 0, r.next_to_use = 0;
	ck_assert_uint_eq(igb_desc_unused(&r), 79);	/* one slot kept empty */
	r.next_to_clean = 10, r.next_to_use = 5;
	ck_assert_uint_eq(igb_desc_unused(&r), 4);
	r.next_to_clean = 5, r.next_to_use = 10;
	ck_assert_uint_eq(igb_desc_unused(&r), 74);
	r.next_to_clean = 0, r.next_to_use = 79;
	ck_assert_uint_eq(igb_desc_unused(&r), 0);
	r.next_to_clean = 40, r.next_to_use = 39;
	ck_assert_uint_eq(igb_desc_unused(&r), 0);
}
END_TEST

/* 100 frames through an 80-slot ring: both indices wrap to 20. */
START_TEST(test_ring_wraps)
{
	char out[4096], err[256];
	struct igb_ring *txr;
	struct sim_82576 *card;

	world_setup(true, true);
	fixture_stop_recording(&T.fx);	/* many frames: the trace is not looked at */
	ck_assert_int_eq(run_tool(T.fx.host[0], "ethtool -G eth0 tx 80", out, sizeof(out), err,
				  sizeof(err)), 0);
	txr = adapter_of(T.a)->tx_ring[0];
	card = sim_igb_card(T.a);
	ck_assert_uint_eq(txr->count, 80);
	ck_assert_uint_eq(sim_82576_peek(card, E1000_TDLEN(0)), 80 * 16);

	send_frames(T.a, mac_b, 50, 60);
	ck_assert_uint_eq(txr->next_to_use, 50);
	fixture_run(&T.fx);
	ck_assert_uint_eq(txr->next_to_clean, 50);

	send_frames(T.a, mac_b, 50, 60);
	ck_assert_uint_eq(txr->next_to_use, 20);	/* (50 + 50) % 80 */
	ck_assert_uint_eq(txr->next_to_clean, 50);
	ck_assert_uint_eq(igb_desc_unused(txr), 29);
	fixture_run(&T.fx);
	ck_assert_uint_eq(txr->next_to_clean, 20);
	ck_assert_uint_eq(sim_82576_peek(card, E1000_TDH(0)), 20);
	ck_assert_uint_eq(sim_82576_peek(card, E1000_TDT(0)), 20);
	ck_assert_uint_eq(txr->tx_stats.packets, 100);
	ck_assert_uint_eq(T.b->stats.rx_packets, 100);
	ck_assert_int_eq(T.tx_a.n, 100);
	for (u16 i = 0; i < txr->count; i++)
		ck_assert_ptr_null(txr->tx_buffer_info[i].skb);
	world_teardown();
}
END_TEST

/*
 * Stop below 21 free slots after a frame, refuse (NETDEV_TX_BUSY) below
 * count + 3 = 4, wake at 42 or more once cleaned.
 */
START_TEST(test_ring_full_stop_and_wake)
{
	char out[256], err[256];
	struct igb_ring *txr;
	struct netdev_queue *txq;
	struct sk_buff *skb;
	int sent = 0;

	world_setup(true, false);
	fixture_stop_recording(&T.fx);	/* many frames: the trace is not looked at */
	/* down: only the counts change */
	ck_assert_int_eq(run_tool(T.fx.host[0], "ethtool -G eth0 tx 80", out, sizeof(out), err,
				  sizeof(err)), 0);
	ck_assert_int_eq(dev_open(T.a), 0);
	ck_assert_int_eq(dev_open(T.b), 0);
	fixture_run(&T.fx);
	txr = adapter_of(T.a)->tx_ring[0];
	txq = netdev_get_tx_queue(T.a, 0);

	send_frames(T.a, mac_b, 58, 60);
	sent = 58;
	ck_assert_uint_eq(igb_desc_unused(txr), 21);
	ck_assert(!netif_tx_queue_stopped(txq));
	send_frames(T.a, mac_b, 1, 60);	/* leaves 20 < DESC_NEEDED */
	sent++;
	ck_assert(netif_tx_queue_stopped(txq));

	/* a caller ignoring the stopped queue gets frames in until < 4 free */
	while (igb_desc_unused(txr) >= 4 && sent < 100) {
		send_frames(T.a, mac_b, 1, 60);
		sent++;
	}
	ck_assert_int_eq(sent, 76);
	skb = make_frame(T.a, mac_b, 60);
	ck_assert_int_eq(igb_xmit_frame(skb, T.a), NETDEV_TX_BUSY);
	kfree_skb(skb);		/* BUSY: still ours */
	ck_assert_uint_eq(txr->next_to_use, 76);

	fixture_run(&T.fx);
	ck_assert(!netif_tx_queue_stopped(txq));
	ck_assert_uint_eq(txr->tx_stats.restart_queue, 1);
	ck_assert_uint_eq(txr->tx_stats.packets, 76);
	ck_assert_uint_eq(igb_desc_unused(txr), 79);
	ck_assert_uint_eq(T.b->stats.rx_packets, 76);
	/* line rate: 60 bytes + FCS + preamble + gap = 84 B = 672 ns apart */
	ck_assert_int_eq(T.tx_a.n, 76);
	ck_assert_uint_eq(T.tx_a.ts[1] - T.tx_a.ts[0], 672);
	world_teardown();
}
END_TEST

/*
 * The stack's side of the stop/wake dance: 200 frames into an 80-slot
 * ring through dev_queue_xmit.  The driver stops the queue, the qdisc
 * holds the rest, the wake after cleaning restarts it (NET_TX_SOFTIRQ):
 * all 200 arrive, none dropped.
 */
START_TEST(test_qdisc_backpressure)
{
	char out[256], err[256];
	struct igb_ring *txr;

	world_setup(true, true);
	fixture_stop_recording(&T.fx);	/* many frames: the trace is not looked at */
	ck_assert_int_eq(run_tool(T.fx.host[0], "ethtool -G eth0 tx 80", out, sizeof(out), err,
				  sizeof(err)), 0);
	txr = adapter_of(T.a)->tx_ring[0];
	for (int i = 0; i < 200; i++)
		ck_assert_int_eq(dev_queue_xmit(make_frame(T.a, mac_b, 60)), NET_XMIT_SUCCESS);
	ck_assert(netif_tx_queue_stopped(netdev_get_tx_queue(T.a, 0)));
	ck_assert_uint_eq(txr->next_to_use, 59);	/* stopped with 20 < 21 free */
	fixture_run(&T.fx);
	ck_assert_uint_eq(txr->tx_stats.packets, 200);
	ck_assert_uint_ge(txr->tx_stats.restart_queue, 1);
	ck_assert_uint_eq(T.b->stats.rx_packets, 200);
	ck_assert_uint_eq(T.a->stats.tx_dropped, 0);
	world_teardown();
}
END_TEST

/* ---- DMA ------------------------------------------------------------------- */

START_TEST(test_dma_map_rules)
{
	struct device dev;
	u8 mem[100], buf[20];
	dma_addr_t a, c;
	void *ring;

	memset(mem, 0xab, sizeof(mem));
	ck_assert_int_eq(sim_device_init(&dev, NULL, "test"), 0);
	a = dma_map_single(&dev, mem, sizeof(mem), DMA_TO_DEVICE);
	ck_assert(!dma_mapping_error(&dev, a));
	ck_assert_uint_eq(a, SIM_DMA_IOVA_BASE);
	ck_assert_int_eq(sim_dma_read(&dev, a + 10, buf, 20), 0);
	ck_assert_uint_eq(buf[0], 0xab);
	/* across the end, the wrong direction, nowhere: all refused */
	ck_assert_int_eq(sim_dma_read(&dev, a + 90, buf, 20), -EFAULT);
	ck_assert_int_eq(sim_dma_write(&dev, a, buf, 4), -EFAULT);
	ck_assert_int_eq(sim_dma_read(&dev, 0xdead0000, buf, 4), -EFAULT);
	ck_assert_uint_eq(dev.faults, 3);
	ring = dma_alloc_coherent(&dev, 4096, &c);
	ck_assert_ptr_nonnull(ring);
	ck_assert_uint_eq(c % 4096, 0);
	ck_assert_int_eq(sim_dma_write(&dev, c + 16, buf, 16), 0);
	ck_assert_uint_eq(sim_dma_map_count(&dev), 2);
	dma_unmap_single(&dev, a, sizeof(mem), DMA_TO_DEVICE);
	ck_assert_int_eq(sim_dma_read(&dev, a, buf, 4), -EFAULT);	/* stale */
	dma_free_coherent(&dev, 4096, ring, c);
	ck_assert_uint_eq(sim_dma_map_count(&dev), 0);
	sim_device_destroy(&dev);
}
END_TEST

/*
 * Unmapping in any order keeps the table right: what is still mapped
 * reads, what was unmapped faults, through the compaction of dead slots.
 */
START_TEST(test_dma_unmap_many)
{
	static u8 mem[600][8];
	struct device dev;
	dma_addr_t iova[600];
	u8 b;

	ck_assert_int_eq(sim_device_init(&dev, NULL, "test"), 0);
	for (int i = 0; i < 600; i++) {
		mem[i][0] = (u8)i;
		iova[i] = dma_map_single(&dev, mem[i], sizeof(mem[i]), DMA_TO_DEVICE);
		ck_assert(!dma_mapping_error(&dev, iova[i]));
	}
	for (int i = 0; i < 600; i += 2)	/* every other one, in IOVA order */
		dma_unmap_single(&dev, iova[i], sizeof(mem[i]), DMA_TO_DEVICE);
	ck_assert_uint_eq(sim_dma_map_count(&dev), 300);
	for (int i = 0; i < 600; i++) {
		int rc = sim_dma_read(&dev, iova[i], &b, 1);

		if (i % 2) {
			ck_assert_int_eq(rc, 0);
			ck_assert_uint_eq(b, (u8)i);
		} else {
			ck_assert_int_eq(rc, -EFAULT);
		}
	}
	for (int i = 599; i > 0; i -= 2)	/* the rest, from the top */
		dma_unmap_single(&dev, iova[i], sizeof(mem[i]), DMA_TO_DEVICE);
	ck_assert_uint_eq(sim_dma_map_count(&dev), 0);
	ck_assert_int_eq(sim_dma_read(&dev, iova[1], &b, 1), -EFAULT);
	sim_device_destroy(&dev);
}
END_TEST

/*
 * The page table behind the lookups: a mapping across several pages is
 * found from each of them and not one byte past its end; two mappings in
 * one page, and two whose pages share a hash bucket (SIM_DMA_HASH_SIZE
 * pages apart), each find their own memory; unmapping one leaves the
 * others; a full table refuses, and a freed slot is used again while
 * the addresses still only grow.
 */
START_TEST(test_dma_page_table)
{
	static dma_addr_t fill[SIM_DMA_MAX_MAPS];
	size_t bigsz = (size_t)SIM_DMA_HASH_SIZE << SIM_DMA_PAGE_SHIFT;
	u8 small[3][16], span[10000], b = 0, *big = calloc(1, bigsz);
	dma_addr_t s0, s1, sp, bg, s2, again;
	struct device dev;

	ck_assert_ptr_nonnull(big);
	ck_assert_int_eq(sim_device_init(&dev, NULL, "test"), 0);
	for (int i = 0; i < 3; i++)
		memset(small[i], 0x10 + i, sizeof(small[i]));
	for (size_t i = 0; i < sizeof(span); i++)
		span[i] = (u8)(i / 4096 + 1);
	s0 = dma_map_single(&dev, small[0], sizeof(small[0]), DMA_TO_DEVICE);
	s1 = dma_map_single(&dev, small[1], sizeof(small[1]), DMA_TO_DEVICE);
	sp = dma_map_single(&dev, span, sizeof(span), DMA_TO_DEVICE);
	bg = dma_map_single(&dev, big, bigsz, DMA_TO_DEVICE);
	s2 = dma_map_single(&dev, small[2], sizeof(small[2]), DMA_TO_DEVICE);
	ck_assert_uint_eq(s0 >> SIM_DMA_PAGE_SHIFT, s1 >> SIM_DMA_PAGE_SHIFT);	/* one page */
	ck_assert_uint_eq((s2 >> SIM_DMA_PAGE_SHIFT) % SIM_DMA_HASH_SIZE,	/* one bucket */
			  ((sp + sizeof(span) - 1) >> SIM_DMA_PAGE_SHIFT) % SIM_DMA_HASH_SIZE);
	for (size_t off = 0; off < sizeof(span); off += 997) {
		ck_assert_int_eq(sim_dma_read(&dev, sp + off, &b, 1), 0);
		ck_assert_uint_eq(b, span[off]);
	}
	ck_assert_int_eq(sim_dma_read(&dev, sp + sizeof(span) - 1, &b, 1), 0);
	ck_assert_int_eq(sim_dma_read(&dev, sp + sizeof(span), &b, 1), -EFAULT);
	ck_assert_int_eq(sim_dma_read(&dev, s1 + 16, &b, 1), -EFAULT);	/* the gap after it */
	ck_assert_int_eq(sim_dma_read(&dev, s1, &b, 1), 0);
	ck_assert_uint_eq(b, 0x11);
	dma_unmap_single(&dev, bg, bigsz, DMA_TO_DEVICE);
	dma_unmap_single(&dev, s0, sizeof(small[0]), DMA_TO_DEVICE);
	ck_assert_int_eq(sim_dma_read(&dev, bg + 4096, &b, 1), -EFAULT);
	ck_assert_int_eq(sim_dma_read(&dev, s0, &b, 1), -EFAULT);
	ck_assert_int_eq(sim_dma_read(&dev, s2 + 15, &b, 1), 0);
	ck_assert_uint_eq(b, 0x12);
	ck_assert_int_eq(sim_dma_read(&dev, sp + 8192, &b, 1), 0);
	ck_assert_uint_eq(b, 3);
	ck_assert_uint_eq(dev.faults, 4);

	/* Full: the next is refused; one unmapped, one more fits, higher up. */
	for (unsigned int i = sim_dma_map_count(&dev); i < SIM_DMA_MAX_MAPS; i++) {
		fill[i] = dma_map_single(&dev, small[0], 1, DMA_TO_DEVICE);
		ck_assert(!dma_mapping_error(&dev, fill[i]));
	}
	ck_assert(dma_mapping_error(&dev, dma_map_single(&dev, small[0], 1, DMA_TO_DEVICE)));
	ck_assert_uint_eq(dev.map_errors, 1);
	dma_unmap_single(&dev, s1, sizeof(small[1]), DMA_TO_DEVICE);
	again = dma_map_single(&dev, small[1], sizeof(small[1]), DMA_TO_DEVICE);
	ck_assert(!dma_mapping_error(&dev, again));
	ck_assert_uint_gt(again, fill[SIM_DMA_MAX_MAPS - 1]);
	ck_assert_int_eq(sim_dma_read(&dev, s1, &b, 1), -EFAULT);
	ck_assert_int_eq(sim_dma_read(&dev, again, &b, 1), 0);
	ck_assert_uint_eq(b, 0x11);
	ck_assert_uint_eq(sim_dma_map_count(&dev), SIM_DMA_MAX_MAPS);
	sim_device_destroy(&dev);
	free(big);
}
END_TEST

/* A descriptor pointing at unmapped memory: fault counted, no frame, ring moves on. */
START_TEST(test_card_refuses_unmapped_buffer)
{
	char out[8192], err[256];
	struct igb_ring *txr;
	union e1000_adv_tx_desc *desc;
	const struct sim_82576_stats *st;

	world_setup(true, true);
	txr = adapter_of(T.a)->tx_ring[0];
	st = sim_82576_get_stats(sim_igb_card(T.a));
	ck_assert_int_eq(igb_xmit_frame(make_frame(T.a, mac_b, 60), T.a), NETDEV_TX_OK);
	desc = IGB_TX_DESC(txr, 0);
	desc->read.buffer_addr = cpu_to_le64(0xdead0000ULL);	/* a driver bug */
	fixture_run(&T.fx);
	ck_assert_uint_eq(adapter_of(T.a)->pdev.faults, 1);
	ck_assert_uint_eq(adapter_of(T.a)->pdev.last_fault, 0xdead0000ULL);
	ck_assert_uint_eq(st->tx_dma_faults, 1);
	ck_assert_uint_eq(st->tx_dropped, 1);
	ck_assert_int_eq(T.tx_a.n, 0);			/* nothing on the wire */
	ck_assert_uint_eq(txr->next_to_clean, 1);	/* DD still written back */
	ck_assert_ptr_null(txr->tx_buffer_info[0].skb);
	ck_assert_uint_eq(T.b->stats.rx_packets, 0);

	/* the next frame goes through normally */
	send_frames(T.a, mac_b, 1, 60);
	fixture_run(&T.fx);
	ck_assert_uint_eq(T.b->stats.rx_packets, 1);
	ck_assert_int_eq(run_tool(T.fx.host[0], "ethtool -S eth0", out, sizeof(out), err,
				  sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(out, "     dma_faults: 1\n"));
	world_teardown();
}
END_TEST

/* ---- receive ------------------------------------------------------------- */

/* The unicast filter; broadcast passes. */
START_TEST(test_rx_filter)
{
	static const u8 other[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x77 };
	static const u8 bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	const struct sim_82576_stats *st;

	world_setup(true, true);
	st = sim_82576_get_stats(sim_igb_card(T.b));
	send_frames(T.a, other, 1, 60);
	fixture_run(&T.fx);
	ck_assert_uint_eq(st->rx_filtered, 1);
	ck_assert_uint_eq(T.b->stats.rx_packets, 0);
	ck_assert_uint_eq(sim_82576_peek(sim_igb_card(T.b), E1000_RDH(0)), 0);
	send_frames(T.a, bcast, 1, 60);
	fixture_run(&T.fx);
	ck_assert_uint_eq(T.b->stats.rx_packets, 1);
	ck_assert_uint_eq(sim_82576_peek(sim_igb_card(T.b), E1000_BPRC), 1);
	world_teardown();
}
END_TEST

/* What reached B's port from the wire, in order, with arrival times. */
static void
tap_record_rx(void *arg, const struct sim_port *port, enum sim_dir dir, const u8 *frame,
	      unsigned int len, ktime_t ts)
{
	struct tap_log *log = arg;

	(void)port;
	(void)frame;
	if (dir != SIM_DIR_RX || log->n >= MAX_TAP_FRAMES)
		return;
	log->len[log->n] = len;
	log->ts[log->n] = ts;
	log->n++;
}

/*
 * A port handed frames faster than the line carries them (the TAP wire
 * reads a burst the kernel wrote at once): they arrive in the order
 * handed over, back to back, each starting when the previous one has
 * finished.  Five full frames and a short one: the short one last.
 */
START_TEST(test_wire_burst_keeps_order)
{
	static const unsigned int lens[] = { 1514, 1514, 1514, 1514, 1514, 1006 };
	const int n = (int)(sizeof(lens) / sizeof(lens[0]));
	static struct tap_log rx;
	struct sim_tap tap = { .frame = tap_record_rx, .arg = &rx };
	struct sim_port *pa;
	ktime_t t0, at;
	u8 frame[1514];

	world_setup(true, true);
	memset(&rx, 0, sizeof(rx));
	ck_assert_int_eq(sim_port_add_tap(sim_igb_port(T.b), &tap), 0);
	pa = sim_igb_port(T.a);
	memset(frame, 0, sizeof(frame));
	memcpy(frame, mac_b, ETH_ALEN);
	memcpy(frame + ETH_ALEN, mac_a, ETH_ALEN);
	frame[12] = TEST_PROTO >> 8;
	frame[13] = TEST_PROTO & 0xff;
	t0 = T.fx.eng.now;
	ck_assert_int_eq(sim_link_backlog(pa), 0);
	for (int i = 0; i < n; i++)
		sim_port_xmit(pa, frame, lens[i]);
	at = t0;
	for (int i = 0; i < n; i++)
		at += sim_port_tx_time(pa, lens[i]);
	ck_assert_int_eq(sim_link_backlog(pa), at - t0);
	/* the other direction's line is free */
	ck_assert_int_eq(sim_link_backlog(sim_igb_port(T.b)), 0);
	fixture_run(&T.fx);
	ck_assert_int_eq(rx.n, n);
	at = t0 + T.link->delay;
	for (int i = 0; i < n; i++) {
		at += sim_port_tx_time(pa, lens[i]);
		ck_assert_uint_eq(rx.len[i], lens[i]);
		ck_assert_int_eq(rx.ts[i], at);
	}
	ck_assert_uint_eq(T.b->stats.rx_packets, (unsigned long)n);
	world_teardown();
}
END_TEST

/*
 * The link keeps the records of arrived frames for the next ones (a
 * steady transfer mallocs nothing per frame), at most 64 of them; a
 * frame bigger than a record's room gets a record of its own size.
 */
START_TEST(test_wire_reuses_frame_records)
{
	static struct tap_log rx;
	struct sim_tap tap = { .frame = tap_record_rx, .arg = &rx };
	struct sim_port *pa;
	static u8 frame[4000];

	world_setup(true, true);
	memset(&rx, 0, sizeof(rx));
	ck_assert_int_eq(sim_port_add_tap(sim_igb_port(T.b), &tap), 0);
	pa = sim_igb_port(T.a);
	memcpy(frame, mac_b, ETH_ALEN);
	memcpy(frame + ETH_ALEN, mac_a, ETH_ALEN);
	frame[12] = TEST_PROTO >> 8;
	frame[13] = TEST_PROTO & 0xff;
	for (int i = 0; i < 6; i++)
		sim_port_xmit(pa, frame, 60 + 200 * i);
	ck_assert_uint_eq(T.link->nspare, 0);
	fixture_run(&T.fx);
	ck_assert_uint_eq(T.link->nspare, 6);
	sim_port_xmit(pa, frame, sizeof(frame));	/* bigger than a record */
	ck_assert_uint_eq(T.link->nspare, 5);
	fixture_run(&T.fx);
	ck_assert_uint_eq(T.link->nspare, 6);
	ck_assert_uint_eq(rx.len[6], sizeof(frame));
	for (int i = 0; i < 70; i++)
		sim_port_xmit(pa, frame, 100);
	fixture_run(&T.fx);
	ck_assert_int_eq(rx.n, 77);
	ck_assert_uint_eq(T.link->nspare, 64);
	world_teardown();
}
END_TEST

/*
 * B's vector masked (its driver is not servicing the ring): 79 frames
 * fill the 80-slot ring, the rest are missed (MPC).  A write to EIMS
 * sends the latched interrupt; NAPI drains it in two polls (64 + 15).
 */
START_TEST(test_rx_ring_full_missed_then_unmask)
{
	char out[8192], err[256];
	struct igb_adapter *ab;
	struct sim_82576 *card_b;
	struct igb_ring *rxr;

	world_setup(true, true);
	ck_assert_int_eq(run_tool(T.fx.host[1], "ethtool -G eth0 rx 80", out, sizeof(out), err,
				  sizeof(err)), 0);
	fixture_run(&T.fx);
	ab = adapter_of(T.b);
	card_b = sim_igb_card(T.b);
	rxr = ab->rx_ring[0];
	ck_assert_uint_eq(sim_82576_peek(card_b, E1000_RDT(0)), 79);
	sim_82576_wr32(card_b, E1000_EIMC, ab->eims_enable_mask);

	send_frames(T.a, mac_b, 100, 60);
	fixture_run(&T.fx);
	ck_assert_uint_eq(sim_82576_peek(card_b, E1000_RDH(0)), 79);
	ck_assert_uint_eq(sim_82576_peek(card_b, E1000_MPC), 21);
	ck_assert_uint_eq(T.b->stats.rx_packets, 0);
	ck_assert(sim_82576_peek(card_b, E1000_EICR) & rxr->q_vector->eims_value);

	fixture_forget(&T.fx);	/* forget the flood: count the polls from here */
	sim_82576_wr32(card_b, E1000_EIMS, rxr->q_vector->eims_value);
	fixture_run(&T.fx);
	ck_assert_uint_eq(T.b->stats.rx_packets, 79);
	ck_assert_uint_eq(rxr->next_to_clean, 79);
	ck_assert_uint_eq(sim_82576_peek(card_b, E1000_RDT(0)), 78);	/* all refilled */
	ck_assert_int_ge(FX_COUNT(&T.fx.rec, "h1", igb_poll), 2);
	ck_assert_int_eq(run_tool(T.fx.host[1], "ethtool -S eth0", out, sizeof(out), err,
				  sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(out, "     rx_missed_errors: 21\n"));
	ck_assert_uint_eq(T.b->stats.rx_missed_errors, 21);
	world_teardown();
}
END_TEST

/* MTU: the bounds, a jumbo frame end to end, an oversize frame dropped. */
START_TEST(test_mtu_and_oversize)
{
	char out[8192], err[256];

	world_setup(true, true);
	ck_assert_int_eq(igb_change_mtu(T.a, 67), -EINVAL);
	ck_assert_int_eq(igb_change_mtu(T.a, 9217), -EINVAL);
	ck_assert_int_eq(dev_set_mtu(T.a, 9000), 0);
	ck_assert_uint_eq(T.a->mtu, 9000);
	/* the RX buffers stay half pages: a jumbo frame spans descriptors */
	ck_assert_uint_eq(sim_82576_peek(sim_igb_card(T.a), E1000_SRRCTL(0)) &
			  E1000_SRRCTL_BSIZEPKT_MASK, IGB_RX_BUFSZ >> E1000_SRRCTL_BSIZEPKT_SHIFT);

	/* B still at 1500: a 3000-byte frame is too long for it */
	send_frames(T.a, mac_b, 1, 3000);
	fixture_run(&T.fx);
	ck_assert_uint_eq(T.b->stats.rx_packets, 0);
	ck_assert_uint_eq(sim_82576_get_stats(sim_igb_card(T.b))->rx_oversize, 1);
	ck_assert_int_eq(run_tool(T.fx.host[1], "ethtool -S eth0", out, sizeof(out), err,
				  sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(out, "     rx_long_length_errors: 1\n"));

	/* both at 9000: a full jumbo frame arrives whole */
	ck_assert_int_eq(dev_set_mtu(T.b, 9000), 0);
	fixture_run(&T.fx);
	send_frames(T.a, mac_b, 1, 9014);
	fixture_run(&T.fx);
	ck_assert_uint_eq(T.b->stats.rx_packets, 1);
	ck_assert_uint_eq(adapter_of(T.b)->rx_ring[0]->rx_stats.bytes, 9014);
	world_teardown();
}
END_TEST

/* ---- interrupts, close ------------------------------------------------------ */

/*
 * One CPU, so one RX and one TX queue (rss_queues = min(8, 1)), not
 * paired (1 is not more than 8 / 2): vector 0 is "other", 1 the RX
 * queue, 2 the TX queue, named as /proc/interrupts shows them; the
 * device has room for 8 TX queues and uses 1.
 */
START_TEST(test_msix_vectors)
{
	struct net_device *d1, *d2;
	struct igb_adapter *ad;
	struct sim_cpu *cpu;

	fixture_setup(&T.fx, 1);
	fixture_stop_recording(&T.fx);	/* registers and IRQs are looked at, not the trace */
	d1 = igb_probe(T.fx.host[0], "eth0", mac_a);
	d2 = igb_probe(T.fx.host[0], "eth1", mac_b);
	ck_assert_ptr_nonnull(d1);
	ck_assert_ptr_nonnull(d2);
	ck_assert_mem_eq(d1->dev_addr, mac_a, ETH_ALEN);	/* read from RAR[0] */
	ad = adapter_of(d1);
	ck_assert_uint_eq(ad->rss_queues, 1);
	ck_assert_int_eq(ad->num_rx_queues, 1);
	ck_assert_int_eq(ad->num_tx_queues, 1);
	ck_assert_uint_eq(ad->num_q_vectors, 2);
	ck_assert_uint_eq(ad->flags & IGB_FLAG_QUEUE_PAIRS, 0);
	ck_assert_ptr_nonnull(ad->q_vector[0]->rx.ring);
	ck_assert_ptr_null(ad->q_vector[0]->tx.ring);
	ck_assert_ptr_null(ad->q_vector[1]->rx.ring);
	ck_assert_ptr_nonnull(ad->q_vector[1]->tx.ring);
	ck_assert_uint_eq(d1->num_tx_queues, IGB_MAX_TX_QUEUES);
	ck_assert_int_eq(dev_open(d1), 0);
	ck_assert_int_eq(dev_open(d2), 0);
	ck_assert_uint_eq(d1->real_num_tx_queues, 1);
	cpu = &T.fx.host[0]->cpu;
	ck_assert_str_eq(cpu->irq[1].name, "eth0");
	ck_assert_str_eq(cpu->irq[2].name, "eth0-rx-0");
	ck_assert_str_eq(cpu->irq[3].name, "eth0-tx-0");
	ck_assert_str_eq(cpu->irq[4].name, "eth1");
	ck_assert_str_eq(cpu->irq[5].name, "eth1-rx-0");
	ck_assert_str_eq(cpu->irq[6].name, "eth1-tx-0");
	ck_assert_ptr_null(cpu->irq[7].handler);
	ck_assert_uint_eq(ad->q_vector[1]->eims_value, 1U << 2);
	/* IVAR0[0]: queue 0's RX cause to vector 1, its TX cause to vector 2 */
	ck_assert_uint_eq(sim_82576_peek(sim_igb_card(d1), E1000_IVAR0) & 0xFFFF, 0x8281);
	ck_assert_uint_eq(sim_82576_peek(sim_igb_card(d1), E1000_IVAR0 + 4), 0);
	/* the TX vector takes tx-usecs, refused while paired: not here */
	ck_assert_int_eq(d1->ethtool_ops->set_coalesce(d1, &(struct ethtool_coalesce){
		.rx_coalesce_usecs = 3, .tx_coalesce_usecs = 0 }), 0);
	ck_assert_uint_eq(ad->q_vector[0]->itr_val, IGB_START_ITR);
	ck_assert_uint_eq(ad->q_vector[1]->itr_val, 0);
	dev_close(d1);
	dev_close(d2);
	ck_assert_ptr_null(cpu->irq[2].handler);
	fixture_teardown(&T.fx);
}
END_TEST

/* Closing with frames still in the ring frees them and every mapping. */
START_TEST(test_close_frees_ring)
{
	world_setup(true, true);
	send_frames(T.a, mac_b, 5, 60);
	dev_close(T.a);
	ck_assert_uint_eq(sim_dma_map_count(&adapter_of(T.a)->pdev), 0);
	ck_assert_uint_eq(T.a->stats.tx_dropped, 5);
	fixture_run(&T.fx);
	ck_assert_int_eq(T.tx_a.n, 0);		/* the card was reset first */
	/* and it opens again cleanly */
	ck_assert_int_eq(dev_open(T.a), 0);
	send_frames(T.a, mac_b, 1, 60);
	fixture_run(&T.fx);
	ck_assert_uint_eq(T.b->stats.rx_packets, 1);
	world_teardown();
}
END_TEST

/*
 * No DMA space for the RX descriptor ring: open fails with -ENOMEM, the
 * TX ring set up before it is given back, and a later open works.
 */
START_TEST(test_open_without_ring_memory)
{
	static u8 filler[64];
	static dma_addr_t fill[SIM_DMA_MAX_MAPS];
	struct igb_adapter *ad;
	unsigned int base, nfill;
	int i;

	world_setup(true, false);
	ad = adapter_of(T.a);
	base = sim_dma_map_count(&ad->pdev);
	/* one mapping left: the TX descriptor ring takes it, RX finds none */
	nfill = SIM_DMA_MAX_MAPS - 1 - base;
	for (unsigned int i = 0; i < nfill; i++) {
		fill[i] = dma_map_single(&ad->pdev, filler, sizeof(filler), DMA_TO_DEVICE);
		ck_assert(!dma_mapping_error(&ad->pdev, fill[i]));
	}
	fixture_forget(&T.fx);	/* forget the fill */
	ck_assert_int_eq(dev_open(T.a), -ENOMEM);
	ck_assert(!(T.a->flags & IFF_UP));
	/* igb_setup_rx_resources found no memory for the RX ring, and
	 * igb_setup_all_rx_resources gave up on queue 0 */
	i = FX_FIND(&T.fx.rec, 0, "h0", igb_ring_alloc_fail);
	ck_assert_int_ge(i, 0);
	ck_assert_uint_eq(FX_DATA(&T.fx.rec, i, igb_ring_alloc_fail)->ring, SIM_IGB_RX_RING);
	i = FX_FIND(&T.fx.rec, 0, "h0", igb_rx_setup_fail);
	ck_assert_int_ge(i, 0);
	ck_assert_int_eq(FX_DATA(&T.fx.rec, i, igb_rx_setup_fail)->rx_queue, 0);
	ck_assert_int_eq(FX_COUNT(&T.fx.rec, "h0", igb_free_tx_resources), 1);
	ck_assert_ptr_null(ad->tx_ring[0]->desc);
	ck_assert_ptr_null(ad->tx_ring[0]->tx_buffer_info);
	ck_assert_ptr_null(ad->rx_ring[0]->desc);
	ck_assert_ptr_null(ad->rx_ring[0]->rx_buffer_info);
	ck_assert_uint_eq(sim_dma_map_count(&ad->pdev), base + nfill);

	fixture_stop_recording(&T.fx);	/* the trace has been looked at */
	for (unsigned int i = 0; i < nfill; i++)
		dma_unmap_single(&ad->pdev, fill[i], sizeof(filler), DMA_TO_DEVICE);
	ck_assert_uint_eq(sim_dma_map_count(&ad->pdev), base);
	ck_assert_int_eq(dev_open(T.a), 0);
	ck_assert_int_eq(dev_open(T.b), 0);
	fixture_run(&T.fx);
	send_frames(T.a, mac_b, 1, 60);
	fixture_run(&T.fx);
	ck_assert_uint_eq(T.b->stats.rx_packets, 1);
	world_teardown();
}
END_TEST

/* An unplugged card still transmits (the frame goes nowhere) and cleans up. */
START_TEST(test_unplugged_port)
{
	char out[1024], err[256];

	world_setup(false, true);
	send_frames(T.a, mac_b, 3, 60);
	fixture_run(&T.fx);
	ck_assert_int_eq(T.tx_a.n, 3);
	ck_assert_uint_eq(adapter_of(T.a)->tx_ring[0]->next_to_clean, 3);
	ck_assert_int_eq(run_tool(T.fx.host[0], "ethtool eth0", out, sizeof(out), err,
				  sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(out, "\tLink detected: no\n"));
	world_teardown();
}
END_TEST

/* ---- ethtool ----------------------------------------------------------------- */

START_TEST(test_ethtool_ring_params)
{
	static const char golden_g[] =
		"Ring parameters for eth0:\n"
		"Pre-set maximums:\n"
		"RX:\t\t4096\n"
		"RX Mini:\t0\n"
		"RX Jumbo:\t0\n"
		"TX:\t\t4096\n"
		"Current hardware settings:\n"
		"RX:\t\t256\n"
		"RX Mini:\t0\n"
		"RX Jumbo:\t0\n"
		"TX:\t\t256\n"
		"\n";
	char out[2048], err[256];
	struct net *h = NULL;
	struct igb_adapter *ad;

	world_setup(true, true);
	fixture_stop_recording(&T.fx);	/* 4096-slot rings: the trace is not looked at */
	h = T.fx.host[0];
	ad = adapter_of(T.a);
	ck_assert_int_eq(run_tool(h, "ethtool -g eth0", out, sizeof(out), err, sizeof(err)), 0);
	ck_assert_str_eq(out, golden_g);

	/* 3.10 clamps and rounds: 100 -> 104, 5000 -> 4096, 10 -> 80 */
	ck_assert_int_eq(run_tool(h, "ethtool -G eth0 tx 100 rx 5000", out, sizeof(out), err,
				  sizeof(err)), 0);
	ck_assert_str_eq(out, "");
	ck_assert_uint_eq(ad->tx_ring_count, 104);
	ck_assert_uint_eq(ad->rx_ring_count, 4096);
	ck_assert_uint_eq(sim_82576_peek(sim_igb_card(T.a), E1000_TDLEN(0)), 104 * 16);
	ck_assert_int_eq(run_tool(h, "ethtool --set-ring eth0 tx 10", out, sizeof(out), err,
				  sizeof(err)), 0);
	ck_assert_uint_eq(ad->tx_ring_count, 80);
	ck_assert_int_eq(run_tool(h, "ethtool -g eth0", out, sizeof(out), err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(out, "Current hardware settings:\nRX:\t\t4096\n"));
	ck_assert_ptr_nonnull(strstr(out, "TX:\t\t80\n\n"));

	/* the device still works with the new rings */
	send_frames(T.a, mac_b, 3, 60);
	fixture_run(&T.fx);
	ck_assert_uint_eq(T.b->stats.rx_packets, 3);

	/* bad commands: one line naming the word, 2, nothing applied */
	ck_assert_int_eq(run_tool(h, "ethtool -G eth0 tx 256 foo 1", out, sizeof(out), err,
				  sizeof(err)), 2);
	ck_assert_str_eq(err, "ethtool: unknown ring parameter 'foo'\n");
	ck_assert_uint_eq(ad->tx_ring_count, 80);
	ck_assert_int_eq(run_tool(h, "ethtool -G eth0 tx abc", out, sizeof(out), err,
				  sizeof(err)), 2);
	ck_assert_str_eq(err, "ethtool: bad value 'abc'\n");
	ck_assert_int_eq(run_tool(h, "ethtool -G eth0 tx", out, sizeof(out), err, sizeof(err)), 2);
	ck_assert_ptr_nonnull(strstr(err, "'tx'"));
	ck_assert_int_eq(run_tool(h, "ethtool -G eth9 tx 256", out, sizeof(out), err,
				  sizeof(err)), 2);
	ck_assert_str_eq(err, "ethtool: no such device 'eth9'\n");
	ck_assert_int_eq(run_tool(h, "ethtool -X eth0", out, sizeof(out), err, sizeof(err)), 2);
	ck_assert_str_eq(err, "ethtool: unknown option '-X'\n");
	ck_assert_int_eq(run_tool(h, "ethtool", out, sizeof(out), err, sizeof(err)), 2);
	ck_assert_int_eq(run_tool(h, "ethtool -g", out, sizeof(out), err, sizeof(err)), 2);
	ck_assert_int_eq(run_tool(h, "ethtool -g eth0 extra", out, sizeof(out), err,
				  sizeof(err)), 2);
	ck_assert_uint_eq(ad->tx_ring_count, 80);
	/* runtime refusals: 1 */
	ck_assert_int_eq(run_tool(h, "ethtool -G eth0 tx 80", out, sizeof(out), err,
				  sizeof(err)), 1);
	ck_assert_str_eq(err, "no ring parameters changed, aborting\n");
	ck_assert_int_eq(run_tool(h, "ethtool -G eth0 rx-mini 5", out, sizeof(out), err,
				  sizeof(err)), 1);
	ck_assert_str_eq(err, "Cannot set device ring parameters: Invalid argument\n");
	world_teardown();
}
END_TEST

/*
 * ethtool -G follows 3.10's igb_set_ringparam: down, the new TX ring built
 * in a copy (igb_setup_tx_resources) before the old one is freed, up.
 * First with no DMA space for the new ring: the resize fails with
 * -ENOMEM, the old 256-slot ring was never freed and still sends; then
 * with room: the new ring is built first, the old one freed after.
 */
START_TEST(test_ethtool_resize_keeps_old_ring_without_memory)
{
	static u8 filler[64];
	static dma_addr_t fill[SIM_DMA_MAX_MAPS];
	char out[256], err[256];
	struct igb_adapter *ad;
	unsigned int base, nfill;
	union e1000_adv_tx_desc *old_desc;
	int setup, freed, i;

	world_setup(true, false);
	ad = adapter_of(T.a);
	base = sim_dma_map_count(&ad->pdev);
	/* two mappings left: the open gets its two descriptor rings (and no
	 * RX buffer), so a running device has none to spare for a new ring */
	nfill = SIM_DMA_MAX_MAPS - 2 - base;
	for (unsigned int i = 0; i < nfill; i++) {
		fill[i] = dma_map_single(&ad->pdev, filler, sizeof(filler), DMA_TO_DEVICE);
		ck_assert(!dma_mapping_error(&ad->pdev, fill[i]));
	}
	ck_assert_int_eq(dev_open(T.a), 0);
	ck_assert_int_eq(dev_open(T.b), 0);
	fixture_run(&T.fx);
	ck_assert_uint_eq(sim_dma_map_count(&ad->pdev), SIM_DMA_MAX_MAPS);
	old_desc = ad->tx_ring[0]->desc;
	fixture_forget(&T.fx);

	ck_assert_int_eq(run_tool(T.fx.host[0], "ethtool -G eth0 tx 512", out, sizeof(out), err,
				  sizeof(err)), 1);
	ck_assert_str_eq(err, "Cannot set device ring parameters: Cannot allocate memory\n");
	i = FX_FIND(&T.fx.rec, 0, "h0", igb_ring_alloc_fail);
	ck_assert_int_ge(i, 0);
	ck_assert_uint_eq(FX_DATA(&T.fx.rec, i, igb_ring_alloc_fail)->ring, SIM_IGB_TX_RING);
	ck_assert_int_eq(FX_COUNT(&T.fx.rec, "h0", igb_free_tx_resources), 0);
	ck_assert_int_eq(FX_COUNT(&T.fx.rec, "h0", igb_down), 1);
	ck_assert_int_eq(FX_COUNT(&T.fx.rec, "h0", igb_up), 1);
	ck_assert_uint_eq(ad->tx_ring_count, 256);
	ck_assert_uint_eq(ad->tx_ring[0]->count, 256);
	ck_assert_ptr_eq(ad->tx_ring[0]->desc, old_desc);
	ck_assert_ptr_nonnull(ad->tx_ring[0]->tx_buffer_info);
	ck_assert_uint_eq(sim_82576_peek(sim_igb_card(T.a), E1000_TDLEN(0)), 256 * 16);
	ck_assert(netif_running(T.a) && !sim_igb_is_down(ad));
	ck_assert(!(ad->state & SIM_IGB_BIT(__IGB_RESETTING)));
	/* the old ring still sends (once its frames can be mapped again) */
	for (unsigned int i = 0; i < nfill; i++)
		dma_unmap_single(&ad->pdev, fill[i], sizeof(filler), DMA_TO_DEVICE);
	fixture_forget(&T.fx);	/* forget the unmapping */
	send_frames(T.a, mac_b, 3, 60);
	fixture_run(&T.fx);
	ck_assert_uint_eq(T.b->stats.rx_packets, 3);
	ck_assert_uint_eq(ad->tx_ring[0]->next_to_clean, 3);
	ck_assert_ptr_eq(ad->tx_ring[0]->desc, old_desc);

	/* with room, the new ring is built before the old one is freed */
	fixture_forget(&T.fx);
	ck_assert_int_eq(run_tool(T.fx.host[0], "ethtool -G eth0 tx 512", out, sizeof(out), err,
				  sizeof(err)), 0);
	setup = FX_FIND(&T.fx.rec, 0, "h0", igb_setup_tx_resources);
	freed = FX_FIND(&T.fx.rec, 0, "h0", igb_free_tx_resources);
	ck_assert_int_ge(setup, 0);
	ck_assert_int_gt(freed, setup);
	ck_assert_int_eq(FX_COUNT(&T.fx.rec, "h0", igb_setup_rx_resources), 0);
	ck_assert_uint_eq(ad->tx_ring_count, 512);
	ck_assert_uint_eq(ad->tx_ring[0]->count, 512);
	ck_assert_uint_eq(sim_82576_peek(sim_igb_card(T.a), E1000_TDLEN(0)), 512 * 16);
	send_frames(T.a, mac_b, 2, 60);
	fixture_run(&T.fx);
	ck_assert_uint_eq(T.b->stats.rx_packets, 5);
	world_teardown();
}
END_TEST

/*
 * How long host h1's card holds back the interrupt of a frame that
 * arrives a few microseconds after the last one was served (ns).  Two
 * frames first: the first interrupt after ethtool -C writes the new EITR,
 * the second runs its throttle with it.
 */
static ktime_t
rx_irq_delay(void)
{
	int wb, msg;

	for (int i = 0; i < 2; i++) {
		send_frames(T.a, mac_b, 1, 60);
		fixture_run(&T.fx);
	}
	fixture_forget(&T.fx);
	send_frames(T.a, mac_b, 1, 60);
	fixture_run(&T.fx);
	wb = FX_FIND(&T.fx.rec, 0, "h1", card_rx_writeback);
	ck_assert_int_ge(wb, 0);
	msg = FX_FIND(&T.fx.rec, wb, "h1", card_msix_msg);
	ck_assert_int_ge(msg, 0);
	return T.fx.rec.ev[msg].ts - T.fx.rec.ev[wb].ts;
}

/*
 * ethtool -c/-C: igb_get_coalesce and igb_set_coalesce as in 3.10.  The
 * default rx-usecs 3 (dynamic) starts EITR at IGB_START_ITR, 162 us,
 * which the card obeys; 0 turns the throttle off (EITR's minimum, 1 us),
 * 50 gives 50 us; 2, 4-9 and above 10000 are refused and change nothing.
 */
START_TEST(test_ethtool_coalesce)
{
	struct net *h;
	char out[2048], err[256];
	struct sim_82576 *card;
	ktime_t d;

	world_setup(true, true);
	/* the sender's own throttles off: its TX interrupts do not space the frames */
	ck_assert_int_eq(run_tool(T.fx.host[0], "ethtool -C eth0 rx-usecs 0 tx-usecs 0", out,
				  sizeof(out), err, sizeof(err)), 0);
	h = T.fx.host[1];
	card = sim_igb_card(T.b);
	ck_assert_int_eq(run_tool(h, "ethtool -c eth0", out, sizeof(out), err, sizeof(err)), 0);
	ck_assert_ptr_eq(strstr(out, "Coalesce parameters for eth0:\nAdaptive RX: off  TX: off\n"),
			 out);
	ck_assert_ptr_nonnull(strstr(out, "\nrx-usecs: 3\n"));
	ck_assert_ptr_nonnull(strstr(out, "\ntx-usecs: 3\n"));
	d = rx_irq_delay();
	ck_assert_uint_eq(sim_82576_peek(card, E1000_EITR(1)) & 0x7FFC, IGB_START_ITR);
	ck_assert_int_gt(d, 150 * NSEC_PER_USEC);
	ck_assert_int_le(d, 162 * NSEC_PER_USEC);

	ck_assert_int_eq(run_tool(h, "ethtool -C eth0 rx-usecs 0", out, sizeof(out), err,
				  sizeof(err)), 0);
	ck_assert_uint_eq(adapter_of(T.b)->rx_itr_setting, 0);
	d = rx_irq_delay();
	ck_assert_uint_eq(sim_82576_peek(card, E1000_EITR(1)) & 0x7FFC, 0x4);
	ck_assert_int_lt(d, NSEC_PER_USEC);

	ck_assert_int_eq(run_tool(h, "ethtool --coalesce eth0 rx-usecs 50", out, sizeof(out), err,
				  sizeof(err)), 0);
	d = rx_irq_delay();
	ck_assert_uint_eq(sim_82576_peek(card, E1000_EITR(1)) & 0x7FFC, 200);
	ck_assert_int_gt(d, 40 * NSEC_PER_USEC);
	ck_assert_int_le(d, 50 * NSEC_PER_USEC);
	ck_assert_int_eq(run_tool(h, "ethtool -c eth0", out, sizeof(out), err, sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(out, "\nrx-usecs: 50\n"));

	/* refused by the driver: 1, nothing changed */
	for (int i = 0; i < 3; i++) {
		static const char *const bad[] = { "ethtool -C eth0 rx-usecs 2",
						   "ethtool -C eth0 rx-usecs 9",
						   "ethtool -C eth0 tx-usecs 10001" };

		ck_assert_int_eq(run_tool(h, bad[i], out, sizeof(out), err, sizeof(err)), 1);
		ck_assert_str_eq(err, "Cannot set device coalesce parameters: Invalid argument\n");
	}
	ck_assert_uint_eq(adapter_of(T.b)->rx_itr_setting, 200);
	ck_assert_int_eq(run_tool(h, "ethtool -C eth0 rx-usecs 50", out, sizeof(out), err,
				  sizeof(err)), 1);
	ck_assert_str_eq(err, "no coalesce parameters changed, aborting\n");
	/* bad command lines: 2 */
	ck_assert_int_eq(run_tool(h, "ethtool -C eth0 rx 5", out, sizeof(out), err,
				  sizeof(err)), 2);
	ck_assert_str_eq(err, "ethtool: unknown coalesce parameter 'rx'\n");
	ck_assert_int_eq(run_tool(h, "ethtool -C eth0 rx-usecs 5 rx-usecs 6", out, sizeof(out),
				  err, sizeof(err)), 2);
	ck_assert_str_eq(err, "ethtool: duplicate coalesce parameter 'rx-usecs'\n");
	ck_assert_int_eq(run_tool(h, "ethtool -C eth0 rx-usecs -1", out, sizeof(out), err,
				  sizeof(err)), 2);
	ck_assert_int_eq(run_tool(h, "ethtool -c eth0 rx-usecs 5", out, sizeof(out), err,
				  sizeof(err)), 2);
	world_teardown();
}
END_TEST

START_TEST(test_ethtool_stats_and_summary)
{
	char out[8192], err[256];

	world_setup(true, true);
	send_frames(T.a, mac_b, 2, 60);
	fixture_run(&T.fx);
	ck_assert_int_eq(run_tool(T.fx.host[0], "ethtool -S eth0", out, sizeof(out), err,
				  sizeof(err)), 0);
	ck_assert_ptr_eq(strstr(out, "NIC statistics:\n     rx_packets: 0\n     tx_packets: 2\n"),
			 out);
	ck_assert_ptr_nonnull(strstr(out, "     tx_bytes: 128\n"));	/* 2 x (60 + FCS) */
	ck_assert_ptr_nonnull(strstr(out, "     tx_queue_0_packets: 2\n"));
	ck_assert_ptr_nonnull(strstr(out, "     tx_queue_0_bytes: 120\n"));
	ck_assert_ptr_nonnull(strstr(out, "     tx_queue_0_restart: 0\n"));
	ck_assert_ptr_nonnull(strstr(out, "     tx_dma_failed: 0\n"));
	ck_assert_int_eq(run_tool(T.fx.host[1], "ethtool -S eth0", out, sizeof(out), err,
				  sizeof(err)), 0);
	ck_assert_ptr_nonnull(strstr(out, "     rx_packets: 2\n"));
	ck_assert_ptr_nonnull(strstr(out, "     rx_queue_0_packets: 2\n"));
	ck_assert_ptr_nonnull(strstr(out, "     rx_queue_0_drops: 0\n"));
	ck_assert_int_eq(run_tool(T.fx.host[0], "ethtool eth0", out, sizeof(out), err,
				  sizeof(err)), 0);
	ck_assert_str_eq(out, "Settings for eth0:\n"
			 "\tSupported ports: [ TP ]\n"
			 "\tSpeed: 1000Mb/s\n"
			 "\tDuplex: Full\n"
			 "\tPort: Twisted Pair\n"
			 "\tPHYAD: 1\n"
			 "\tTransceiver: internal\n"
			 "\tAuto-negotiation: on\n"
			 "\tLink detected: yes\n");
	ck_assert_int_eq(run_tool(T.fx.host[0], "ethtool -i eth0", out, sizeof(out), err,
				  sizeof(err)), 0);
	ck_assert_ptr_eq(strstr(out, "driver: igb\n"), out);
	world_teardown();
}
END_TEST

Suite *igb_suite(void);

Suite *
igb_suite(void)
{
	Suite *s = suite_create("igb");

	fixture_add_tcase(s, "tx", NULL, NULL, 0, (const TTest *const []){
		test_tx_descriptor_golden,
		test_tx_short_frame_padded,
		test_frame_crosses_and_tx_is_cleaned,
		test_dev_queue_xmit_reaches_driver,
		test_desc_unused,
		test_ring_wraps,
		test_ring_full_stop_and_wake,
		test_qdisc_backpressure,
		NULL,
	});

	fixture_add_tcase(s, "dma", NULL, NULL, 0, (const TTest *const []){
		test_dma_map_rules,
		test_dma_unmap_many,
		test_dma_page_table,
		test_card_refuses_unmapped_buffer,
		NULL,
	});

	fixture_add_tcase(s, "rx", NULL, NULL, 0, (const TTest *const []){
		test_rx_filter,
		test_wire_burst_keeps_order,
		test_wire_reuses_frame_records,
		test_rx_ring_full_missed_then_unmask,
		test_mtu_and_oversize,
		NULL,
	});

	fixture_add_tcase(s, "control", NULL, NULL, 0, (const TTest *const []){
		test_msix_vectors,
		test_close_frees_ring,
		test_open_without_ring_memory,
		test_unplugged_port,
		test_ethtool_ring_params,
		test_ethtool_resize_keeps_old_ring_without_memory,
		test_ethtool_stats_and_summary,
		test_ethtool_coalesce,
		NULL,
	});
	return s;
}
