/*
 * tests/check_igb_offload.c - igb's transmit offloads, the driver's half
 * and the card's.
 *
 * One host with an igb device whose port is unplugged (every frame the
 * card sends is still seen by a port tap, and its line takes time).
 * The tests give igb_xmit_frame TCP and UDP skbs built by hand, as
 * tcp_transmit_skb and udp_send_skb leave them, and look at:
 *   - the 16 bytes of the context descriptors igb_tso and igb_tx_csum
 *     write and of the data descriptors after them (golden bytes, built
 *     and parsed back, as tests/check_igb.c does for a plain frame);
 *   - the frames the card cuts from a TSO skb, field by field, their
 *     checksums verified with the stack's own checksum code (the card has
 *     an adder of its own);
 *   - igb's accounting (gso_segs, bytecount), and the ring arithmetic of
 *     a skb with many frags (count + 3, DESC_NEEDED);
 *   - what a context the card cannot use does (TSCTFC, a dropped packet
 *     whose slots are still given back).
 * Then the classroom world twice, with TSO (the card cuts) and with
 * `ethtool -K eth0 tso off` (software GSO cuts): the two pcap files of
 * the student's wire are byte-identical.
 */
#include "nic/igb.h"
#include "nic/sim_82576.h"
#include "nic/dma.h"
#include "layers/ip.h"
#include "layers/tcp.h"
#include "layers/udp.h"
#include "sim/pcap.h"
#include "sim/console.h"
#include "sim/topology.h"
#include "tests/fixture.h"
#include "events/card.h"
#include "events/igb.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KEEP_FRAMES	8

static const u8 mac_a[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x0a };
static const u8 mac_b[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x0b };

static struct {
	struct fixture fx;
	struct net_device *dev;
	int n;				/* frames the card sent */
	int oversize;			/* ... longer than Ethernet allows: fails */
	unsigned int len[KEEP_FRAMES];	/* the first KEEP_FRAMES of them */
	u8 frame[KEEP_FRAMES][ETH_FRAME_LEN];
} O;

static void
keep_frame(void *arg, const struct sim_port *port, enum sim_dir dir, const u8 *frame,
	   unsigned int len, ktime_t ts)
{
	(void)arg;
	(void)port;
	(void)ts;
	if (dir != SIM_DIR_TX)
		return;
	if (len > ETH_FRAME_LEN) {
		O.oversize++;
		return;
	}
	if (O.n < KEEP_FRAMES) {
		O.len[O.n] = len;
		memcpy(O.frame[O.n], frame, len);
	}
	O.n++;
}

static struct igb_adapter *
adapter(void)
{
	return netdev_priv(O.dev);
}

static struct igb_ring *
ring(void)
{
	return adapter()->tx_ring[0];
}

static struct sim_82576 *
card(void)
{
	return sim_igb_card(O.dev);
}

static void
o_setup(void)
{
	struct sim_tap tap = { .frame = keep_frame, .arg = NULL };

	O.n = O.oversize = 0;
	fixture_setup(&O.fx, 1);
	O.dev = igb_probe(O.fx.host[0], "eth0", mac_a);
	ck_assert_ptr_nonnull(O.dev);
	ck_assert_int_eq(sim_port_add_tap(sim_igb_port(O.dev), &tap), 0);
	ck_assert_int_eq(dev_open(O.dev), 0);
	fixture_run(&O.fx);
	fixture_forget(&O.fx);
}

static void
o_teardown(void)
{
	fixture_stop_recording(&O.fx);
	dev_close(O.dev);
	ck_assert_uint_eq(sim_dma_map_count(&adapter()->pdev), 0);
	ck_assert_int_eq(O.oversize, 0);
	fixture_teardown(&O.fx);
}

/* Byte @k of a payload. */
static u8
pat(unsigned int k)
{
	return (u8)(k * 7 + 1);
}

#define SADDR	"10.0.0.2"
#define DADDR	"10.0.1.2"
#define HDRS	(ETH_HLEN + 20 + 32)	/* Ethernet, IPv4, TCP with timestamps */

/*
 * An Ethernet + IPv4 + TCP frame of @payload bytes, the last @nfrags *
 * @fsize of them in page frags, as tcp_transmit_skb hands it down with
 * checksum offload: CHECKSUM_PARTIAL, the pseudo-header sum of the whole
 * length in th->check.  @mss: a GSO skb of that MSS (0: none).  PSH and
 * FIN are set, to see where the card keeps them.
 */
static struct sk_buff *
make_tcp(unsigned int payload, int nfrags, unsigned int fsize, unsigned int mss)
{
	unsigned int linear = payload - nfrags * fsize, k = 0;
	struct sk_buff *skb = alloc_skb(O.fx.host[0], 64 + HDRS + linear);
	struct iphdr *iph;
	struct tcphdr *th;
	u8 *p;

	ck_assert_ptr_nonnull(skb);
	skb_reserve(skb, 64);
	p = skb_put(skb, HDRS + linear);
	memset(p, 0, HDRS);
	memcpy(p, mac_b, ETH_ALEN);
	memcpy(p + ETH_ALEN, mac_a, ETH_ALEN);
	p[12] = 0x08;
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, ETH_HLEN);
	skb_set_transport_header(skb, ETH_HLEN + 20);
	iph = ip_hdr(skb);
	iph->version = 4;
	iph->ihl = 5;
	iph->tot_len = htons(20 + 32 + payload);
	iph->id = htons(0xfffe);	/* the card's + 1 per segment wraps */
	iph->frag_off = htons(IP_DF);
	iph->ttl = 64;
	iph->protocol = IPPROTO_TCP;
	iph->saddr = fx_addr(SADDR);
	iph->daddr = fx_addr(DADDR);
	ip_send_check(iph);
	th = tcp_hdr(skb);
	th->source = htons(40000);
	th->dest = htons(9000);
	th->seq = htonl(0xfffff000);	/* and so does the sequence */
	th->ack_seq = htonl(0x0a0b0c0d);
	th->doff = 8;
	th->ack = th->psh = th->fin = 1;
	th->window = htons(0x1000);
	p[HDRS - 12] = 1;		/* NOP, NOP, timestamps */
	p[HDRS - 11] = 1;
	p[HDRS - 10] = 8;
	p[HDRS - 9] = 10;
	for (; k < linear; k++)
		p[HDRS + k] = pat(k);
	for (int i = 0; i < nfrags; i++) {
		struct page *page = alloc_pages(O.fx.host[0], 0);
		u8 *v = page_address(page);

		ck_assert_ptr_nonnull(page);
		for (unsigned int j = 0; j < fsize; j++)
			v[j] = pat(k++);
		skb_fill_page_desc(skb, i, page, 0, fsize);
		skb->len += fsize;
		skb->data_len += fsize;
		skb->truesize += fsize;
	}
	th->check = ~csum_tcpudp_magic(iph->saddr, iph->daddr, 32 + payload, IPPROTO_TCP, 0);
	skb->ip_summed = CHECKSUM_PARTIAL;
	skb->csum_start = skb_transport_header(skb) - skb->head;
	skb->csum_offset = offsetof(struct tcphdr, check);
	if (mss) {
		skb_shinfo(skb)->gso_size = mss;
		skb_shinfo(skb)->gso_segs = DIV_ROUND_UP(payload, mss);
		skb_shinfo(skb)->gso_type = SKB_GSO_TCPV4;
	}
	skb->protocol = htons(ETH_P_IP);
	skb->dev = O.dev;
	return skb;
}

/* Does frame @f of @len bytes carry a good IPv4 header checksum and a
 * good TCP or UDP checksum?  Summed by the stack's code. */
static void
assert_sums(const u8 *f, unsigned int len)
{
	const struct iphdr *iph = (const void *)(f + ETH_HLEN);
	unsigned int l4len = len - ETH_HLEN - 20;

	ck_assert_uint_eq(ip_fast_csum(iph, 5), 0);
	ck_assert_uint_eq(csum_tcpudp_magic(iph->saddr, iph->daddr, l4len, iph->protocol,
					    csum_partial(f + ETH_HLEN + 20, l4len, 0)), 0);
}

/* ---- TSO: the descriptors --------------------------------------------------------------- */

/*
 * A 3000-byte GSO skb (MSS 1448), its payload in two page frags: a
 * context descriptor in slot 0, then one data descriptor for the headers
 * and one per frag.  The bytes:
 *   context  vlan_macip_lens 0x00001C14 (MACLEN 14 << 9 | IPLEN 20),
 *            seqnum_seed 0, type_tucmd_mlhl 0x20200C00 (DEXT | DTYP_CTXT
 *            | L4T_TCP | IPV4), mss_l4len_idx 0x05A82000 (MSS 1448 << 16
 *            | L4LEN 32 << 8, IDX 0);
 *   headers  buffer_addr 0x10101000 (the first streaming IOVA, as in
 *            check_igb's golden test), cmd_type_len 0xA2300042 (TSE |
 *            DEXT | IFCS | DTYP_DATA | 66), olinfo_status 0x02EE0300
 *            (PAYLEN 3000 << 14 | POPTS TXSM | IXSM);
 *   frags    cmd_type_len 0xA23005DC (1500), the last 0xAB3005DC (EOP | RS).
 */
START_TEST(test_tso_descriptors_golden)
{
	static const u8 ctx_golden[16] = {
		0x14, 0x1c, 0x00, 0x00,		/* vlan_macip_lens */
		0x00, 0x00, 0x00, 0x00,		/* seqnum_seed */
		0x00, 0x0c, 0x20, 0x20,		/* type_tucmd_mlhl */
		0x00, 0x20, 0xa8, 0x05,		/* mss_l4len_idx */
	};
	static const u8 head_golden[16] = {
		0x00, 0x10, 0x10, 0x10, 0x00, 0x00, 0x00, 0x00,
		0x42, 0x00, 0x30, 0xa2,
		0x00, 0x03, 0xee, 0x02,
	};
	struct sk_buff *skb = make_tcp(3000, 2, 1500, 1448);
	struct igb_ring *r = ring();
	const struct e1000_adv_tx_context_desc *cd = IGB_TX_CTXTDESC(r, 0);
	const struct igb_tx_buffer *first = &r->tx_buffer_info[0];
	__be32 saddr = fx_addr(SADDR), daddr = fx_addr(DADDR);

	ck_assert_int_eq(igb_xmit_frame(skb, O.dev), NETDEV_TX_OK);
	ck_assert_mem_eq(IGB_TX_DESC(r, 0), ctx_golden, 16);
	ck_assert_mem_eq(IGB_TX_DESC(r, 1), head_golden, 16);
	ck_assert_uint_eq(le32_to_cpu(IGB_TX_DESC(r, 2)->read.cmd_type_len), 0xA23005DC);
	ck_assert_uint_eq(le32_to_cpu(IGB_TX_DESC(r, 2)->read.olinfo_status), 0);
	ck_assert_uint_eq(le32_to_cpu(IGB_TX_DESC(r, 3)->read.cmd_type_len), 0xAB3005DC);
	ck_assert_uint_eq(r->next_to_use, 4);

	/* parsed back */
	ck_assert_uint_eq(le32_to_cpu(cd->type_tucmd_mlhl) & E1000_ADVTXD_DTYP_MASK,
			  E1000_ADVTXD_DTYP_CTXT);
	ck_assert_uint_eq(le32_to_cpu(cd->vlan_macip_lens) >> E1000_ADVTXD_MACLEN_SHIFT, ETH_HLEN);
	ck_assert_uint_eq(le32_to_cpu(cd->mss_l4len_idx) >> E1000_ADVTXD_MSS_SHIFT, 1448);
	ck_assert_uint_eq(le32_to_cpu(IGB_TX_DESC(r, 1)->read.olinfo_status) >>
			  E1000_ADVTXD_PAYLEN_SHIFT, 3000);
	/* The head's mapping sits in first, the context's slot; each frag's
	 * in its own; the head descriptor's slot keeps none. */
	ck_assert_ptr_eq(first->skb, skb);
	ck_assert_uint_eq(le64_to_cpu(IGB_TX_DESC(r, 1)->read.buffer_addr), first->dma);
	ck_assert_uint_eq(first->len, HDRS);
	ck_assert_uint_eq(r->tx_buffer_info[1].len, 0);
	ck_assert_uint_eq(r->tx_buffer_info[2].len, 1500);
	ck_assert_uint_eq(le64_to_cpu(IGB_TX_DESC(r, 3)->read.buffer_addr),
			  r->tx_buffer_info[3].dma);
	ck_assert_ptr_eq(first->next_to_watch, IGB_TX_DESC(r, 3));
	/* 3 segments on the wire, each with its 66 bytes of headers */
	ck_assert_uint_eq(first->gso_segs, 3);
	ck_assert_uint_eq(first->bytecount, HDRS + 3000 + 2 * HDRS);
	ck_assert_uint_eq(first->tx_flags,
			  IGB_TX_FLAGS_TSO | IGB_TX_FLAGS_CSUM | IGB_TX_FLAGS_IPV4);
	/* The headers as the card wants them: no IP length or checksum, the
	 * pseudo-header sum without a length. */
	ck_assert_uint_eq(ip_hdr(skb)->tot_len, 0);
	ck_assert_uint_eq(ip_hdr(skb)->check, 0);
	ck_assert_uint_eq(tcp_hdr(skb)->check,
			  (__sum16)~csum_tcpudp_magic(saddr, daddr, 0, IPPROTO_TCP, 0));
	fixture_run(&O.fx);
}
END_TEST

/* ---- TSO: the card -------------------------------------------------------------------- */

/*
 * The frames the card cuts from that skb [82576 7.2.4]: the headers each
 * time, 1448, 1448 and 104 bytes of payload in order; IP id 0xfffe, 0xffff,
 * 0x0000; TCP sequence + 1448 each; PSH and FIN on the last only; every
 * IP and TCP checksum good.  Then igb counts 3 packets and their bytes.
 */
START_TEST(test_tso_card_cuts)
{
	static const unsigned int payload[3] = { 1448, 1448, 104 };
	unsigned int off = 0;

	ck_assert_int_eq(igb_xmit_frame(make_tcp(3000, 2, 1500, 1448), O.dev), NETDEV_TX_OK);
	fixture_run(&O.fx);
	ck_assert_int_eq(O.n, 3);
	for (int i = 0; i < 3; i++) {
		const u8 *f = O.frame[i];
		const struct iphdr *iph = (const void *)(f + ETH_HLEN);
		const struct tcphdr *th = (const void *)(f + ETH_HLEN + 20);

		ck_assert_uint_eq(O.len[i], HDRS + payload[i]);
		ck_assert_mem_eq(f, mac_b, ETH_ALEN);
		ck_assert_uint_eq(ntohs(iph->tot_len), 20 + 32 + payload[i]);
		ck_assert_uint_eq(ntohs(iph->id), (u16)(0xfffe + i));
		ck_assert_uint_eq(ntohs(iph->frag_off), IP_DF);
		ck_assert_uint_eq(ntohl(th->seq), 0xfffff000u + off);
		ck_assert_uint_eq(ntohl(th->ack_seq), 0x0a0b0c0d);
		ck_assert_uint_eq(th->psh, i == 2);
		ck_assert_uint_eq(th->fin, i == 2);
		ck_assert_uint_eq(th->ack, 1);
		ck_assert_uint_eq(f[HDRS - 10], 8);	/* the options came along */
		for (unsigned int k = 0; k < payload[i]; k++)
			ck_assert_uint_eq(f[HDRS + k], pat(off + k));
		assert_sums(f, O.len[i]);
		off += payload[i];
	}
	/* One segment per line time, one interrupt at the end: DD is written
	 * to the EOP descriptor once the last segment has left. */
	ck_assert_int_eq(FX_COUNT(&O.fx.rec, "h0", sim_82576_tso_frame), 3);
	ck_assert_int_eq(FX_COUNT(&O.fx.rec, "h0", card_tx_writeback), 1);
	ck_assert_int_eq(FX_COUNT(&O.fx.rec, "h0", card_tx_ctxt), 1);
	ck_assert_uint_eq(sim_82576_get_stats(card())->tx_frames, 3);
	ck_assert_uint_eq(ring()->tx_stats.packets, 3);
	ck_assert_uint_eq(ring()->tx_stats.bytes, 3 * HDRS + 3000);
	ck_assert_uint_eq(ring()->next_to_clean, 4);
	ck_assert_uint_eq(sim_82576_rd32(card(), E1000_TSCTC), 1);
	ck_assert_uint_eq(sim_82576_rd32(card(), E1000_TSCTC), 0);	/* clear on read */
	ck_assert_uint_eq(sim_82576_rd32(card(), E1000_TSCTFC), 0);
}
END_TEST

/* ---- checksum offload without TSO ------------------------------------------------------- */

/*
 * A CHECKSUM_PARTIAL TCP skb of one segment: a context with L4LEN and no
 * MSS (0x00002000), TXSM alone in the data descriptor (the stack summed
 * the IP header); a UDP one: L4T 0 (type_tucmd_mlhl 0x20200400), L4LEN 8.
 * The card's sums are good, and it kept the IP header as it was.
 */
START_TEST(test_csum_context_golden)
{
	static const u8 tcp_ctx[16] = {
		0x14, 0x1c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x0c, 0x20, 0x20, 0x00, 0x20, 0x00, 0x00,
	};
	static const u8 udp_ctx[16] = {
		0x14, 0x1c, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x04, 0x20, 0x20, 0x00, 0x08, 0x00, 0x00,
	};
	struct igb_ring *r = ring();
	struct sk_buff *skb = make_tcp(500, 1, 200, 0);
	u8 ip_before[20];
	struct iphdr *iph;
	struct udphdr *uh;

	memcpy(ip_before, ip_hdr(skb), 20);
	ck_assert_int_eq(igb_xmit_frame(skb, O.dev), NETDEV_TX_OK);
	ck_assert_mem_eq(IGB_TX_DESC(r, 0), tcp_ctx, 16);
	ck_assert_uint_eq(le32_to_cpu(IGB_TX_DESC(r, 1)->read.cmd_type_len), 0x22300000 | (HDRS + 300));
	ck_assert_uint_eq(le32_to_cpu(IGB_TX_DESC(r, 1)->read.olinfo_status),
			  (HDRS + 500) << E1000_ADVTXD_PAYLEN_SHIFT | E1000_TXD_POPTS_TXSM << 8);
	ck_assert_uint_eq(r->tx_buffer_info[0].gso_segs, 1);
	ck_assert_uint_eq(r->tx_buffer_info[0].bytecount, HDRS + 500);
	fixture_run(&O.fx);
	ck_assert_int_eq(O.n, 1);
	ck_assert_uint_eq(O.len[0], HDRS + 500);
	ck_assert_mem_eq(O.frame[0] + ETH_HLEN, ip_before, 20);
	assert_sums(O.frame[0], O.len[0]);

	/* UDP: 8 bytes of header, 100 of data, as udp4_hwcsum leaves it */
	skb = make_tcp(100 + 32 - 8, 0, 0, 0);
	skb_trim(skb, ETH_HLEN + 20 + 8 + 100);
	iph = ip_hdr(skb);
	iph->protocol = IPPROTO_UDP;
	iph->tot_len = htons(20 + 8 + 100);
	ip_send_check(iph);
	uh = udp_hdr(skb);
	uh->len = htons(8 + 100);
	uh->check = ~csum_tcpudp_magic(iph->saddr, iph->daddr, 8 + 100, IPPROTO_UDP, 0);
	skb->csum_offset = offsetof(struct udphdr, check);
	ck_assert_uint_eq(r->next_to_use, 3);	/* context, head, frag */
	ck_assert_int_eq(igb_xmit_frame(skb, O.dev), NETDEV_TX_OK);
	ck_assert_mem_eq(IGB_TX_DESC(r, 3), udp_ctx, 16);
	fixture_run(&O.fx);
	ck_assert_int_eq(O.n, 2);
	ck_assert_uint_eq(O.len[1], ETH_HLEN + 20 + 8 + 100);
	assert_sums(O.frame[1], O.len[1]);
	ck_assert_int_eq(FX_COUNT(&O.fx.rec, "h0", sim_82576_tx_csum), 2);
	ck_assert_int_eq(FX_COUNT(&O.fx.rec, "h0", sim_82576_tso_frame), 0);
}
END_TEST

/* ---- contexts the card cannot use ------------------------------------------------------- */

/* Write the descriptors of one packet at next_to_use as a buggy driver
 * would: a context, then one data descriptor for the whole @skb (mapped
 * here), with TSE if @tse.  The tail moves; @skb stays the test's. */
static dma_addr_t
write_packet(const struct sk_buff *skb, u32 lens, u32 tucmd, u32 mss_l4len, bool tse, u32 popts)
{
	struct igb_ring *r = ring();
	struct e1000_adv_tx_context_desc *cd = IGB_TX_CTXTDESC(r, r->next_to_use);
	union e1000_adv_tx_desc *d = IGB_TX_DESC(r, r->next_to_use + 1);
	dma_addr_t dma = dma_map_single(r->dev, skb->data, skb->len, DMA_TO_DEVICE);
	struct e1000_hw *hw = &adapter()->hw;

	ck_assert(!dma_mapping_error(r->dev, dma));
	cd->vlan_macip_lens = cpu_to_le32(lens);
	cd->seqnum_seed = 0;
	cd->type_tucmd_mlhl = cpu_to_le32(tucmd | E1000_TXD_CMD_DEXT | E1000_ADVTXD_DTYP_CTXT);
	cd->mss_l4len_idx = cpu_to_le32(mss_l4len);
	d->read.buffer_addr = cpu_to_le64(dma);
	d->read.cmd_type_len = cpu_to_le32(E1000_ADVTXD_DTYP_DATA | E1000_ADVTXD_DCMD_DEXT |
					   E1000_ADVTXD_DCMD_IFCS | IGB_TXD_DCMD | skb->len |
					   (tse ? E1000_ADVTXD_DCMD_TSE : 0));
	d->read.olinfo_status = cpu_to_le32((skb->len - (tse ? HDRS : 0)) <<
					    E1000_ADVTXD_PAYLEN_SHIFT | popts << 8);
	r->next_to_use += 2;
	wr32(r->tail, r->next_to_use);
	return dma;
}

/*
 * A TSO context without an MSS, and a checksum context whose IP header
 * (511 bytes) runs past the frame: the card sends nothing (TSCTFC counts the first,
 * tx_bad_offload the second) but still writes DD, so the driver can
 * take its slots back.  A good packet after them goes out.
 */
START_TEST(test_card_refuses_bad_contexts)
{
	struct igb_ring *r = ring();
	struct sk_buff *skb = make_tcp(100, 0, 0, 0);
	u32 lens = ETH_HLEN << E1000_ADVTXD_MACLEN_SHIFT | 20;
	u32 tcp = E1000_ADVTXD_TUCMD_IPV4 | E1000_ADVTXD_TUCMD_L4T_TCP;
	dma_addr_t dma[2];

	dma[0] = write_packet(skb, lens, tcp, 32 << E1000_ADVTXD_L4LEN_SHIFT, true,
			      E1000_TXD_POPTS_TXSM | E1000_TXD_POPTS_IXSM);
	dma[1] = write_packet(skb, ETH_HLEN << E1000_ADVTXD_MACLEN_SHIFT | 0x1FF, tcp, 0, false,
			      E1000_TXD_POPTS_TXSM);
	fixture_run(&O.fx);
	ck_assert_int_eq(O.n, 0);
	ck_assert_uint_eq(sim_82576_get_stats(card())->tx_dropped, 2);
	ck_assert_uint_eq(sim_82576_get_stats(card())->tx_bad_offload, 1);
	ck_assert_uint_eq(sim_82576_peek(card(), E1000_TSCTFC), 1);
	ck_assert(le32_to_cpu(IGB_TX_DESC(r, 1)->wb.status) & E1000_TXD_STAT_DD);
	ck_assert(le32_to_cpu(IGB_TX_DESC(r, 3)->wb.status) & E1000_TXD_STAT_DD);
	{
		int i = FX_FIND(&O.fx.rec, 0, "h0", card_tx_drop);

		ck_assert_int_ge(i, 0);
		ck_assert_str_eq(FX_DATA(&O.fx.rec, i, card_tx_drop)->reason, "bad_tso_context");
		i = FX_FIND(&O.fx.rec, i + 1, "h0", card_tx_drop);
		ck_assert_int_ge(i, 0);
		ck_assert_str_eq(FX_DATA(&O.fx.rec, i, card_tx_drop)->reason, "bad_csum_context");
	}
	for (int i = 0; i < 2; i++)
		dma_unmap_single(r->dev, dma[i], skb->len, DMA_TO_DEVICE);
	kfree_skb(skb);
	/* The ring goes on: igb's own next packet is cut as it should be.
	 * (The four slots were the test's, not igb's: its cleanup skips them.) */
	r->next_to_clean = r->next_to_use;
	ck_assert_int_eq(igb_xmit_frame(make_tcp(3000, 2, 1500, 1448), O.dev), NETDEV_TX_OK);
	fixture_run(&O.fx);
	ck_assert_int_eq(O.n, 3);
	ck_assert_uint_eq(sim_82576_peek(card(), E1000_TSCTC), 1);
}
END_TEST

/* ---- the ring with frags ----------------------------------------------------------------- */

/*
 * A skb with MAX_SKB_FRAGS (17) frags needs 18 data descriptors, 1 for a
 * context and 2 spare: 21, DESC_NEEDED, the most any skb asks.  With 20
 * slots free igb says NETDEV_TX_BUSY and stops the queue; once the card
 * and the cleanup freed the ring, the queue is awake and the same skb
 * takes its 19 slots.
 */
START_TEST(test_ring_room_for_frags)
{
	struct igb_ring *r = ring();
	struct sk_buff *big = make_tcp(17 * 64, 17, 64, 0);
	int small = igb_desc_unused(r) - DESC_NEEDED + 1;

	ck_assert_int_eq(DESC_NEEDED, 21);
	for (int i = 0; i < small; i++) {
		struct sk_buff *skb = make_tcp(10, 0, 0, 0);

		skb->ip_summed = CHECKSUM_NONE;	/* one descriptor each */
		ck_assert_int_eq(igb_xmit_frame(skb, O.dev), NETDEV_TX_OK);
	}
	ck_assert_int_eq(igb_desc_unused(r), DESC_NEEDED - 1);
	ck_assert_int_eq(igb_xmit_frame(big, O.dev), NETDEV_TX_BUSY);
	ck_assert(__netif_subqueue_stopped(O.dev, 0));
	ck_assert_int_eq(FX_COUNT(&O.fx.rec, "h0", igb_tx_busy), 1);
	fixture_run(&O.fx);
	ck_assert_int_eq(igb_desc_unused(r), r->count - 1);
	ck_assert(!__netif_subqueue_stopped(O.dev, 0));
	ck_assert_int_eq(igb_xmit_frame(big, O.dev), NETDEV_TX_OK);
	ck_assert_int_eq(igb_desc_unused(r), r->count - 1 - 19);
	fixture_run(&O.fx);
	ck_assert_int_eq(O.n, small + 1);
	ck_assert_uint_eq(sim_82576_get_stats(card())->tx_frames, (unsigned long)small + 1);
}
END_TEST

/* ---- the whole world: the card cuts what software GSO cuts ------------------------------- */

/* Run @script in a fresh classroom world (seed 1) with a pcap of the
 * student's wire; return the file's bytes (malloc'd) and their count. */
static u8 *
world_pcap(const char *script, long *n)
{
	struct sim_console con;
	struct fixture_capture cap;
	struct sim_world *w = fixture_world_open(&con, &cap, 1);
	char path[] = "/tmp/netstep-tso-XXXXXX", err[256];
	int fd = mkstemp(path);
	struct sim_pcap *pc = sim_pcap_open(path, err, sizeof(err));
	FILE *f;
	u8 *buf;

	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_msg(pc != NULL, "%s", err);
	ck_assert_int_eq(sim_pcap_attach(pc, sim_igb_port(w->host[SIM_STUDENT]->devs[0])), 0);
	ck_assert_msg(fixture_console_run(&con, &cap, script) == 0, "%s: %s", script, cap.errbuf);
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "30000 bytes (closed)"));
	fixture_world_close(w, &cap);
	ck_assert_int_eq(sim_pcap_close(pc), 0);
	f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	*n = ftell(f);
	rewind(f);
	buf = malloc(*n);
	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(fread(buf, 1, *n, f), *n);
	fclose(f);
	unlink(path);
	return buf;
}

/*
 * `send 3 30000` with TSO (the card cuts) and with `tso off` (the stack
 * cuts, the card sums): the two captures are the same file, byte for
 * byte, timestamps included.  A third world, TSO and GSO off, cuts
 * differently (one skb per MSS, other PSH flags): the files differ, so
 * the comparison can tell.
 */
START_TEST(test_card_cuts_as_software_gso)
{
	static const char send[] = "socket tcp; connect 10.0.1.2:9000; send 3 30000; close 3; "
				   "sleep 1; on server recv 9000";
	char script[256];
	long n_tso, n_gso, n_mss;
	u8 *tso = world_pcap(send, &n_tso);
	u8 *gso, *mss;

	snprintf(script, sizeof(script), "ethtool -K eth0 tso off; %s", send);
	gso = world_pcap(script, &n_gso);
	snprintf(script, sizeof(script), "ethtool -K eth0 tso off gso off; %s", send);
	mss = world_pcap(script, &n_mss);
	ck_assert_int_gt(n_tso, 30000);
	ck_assert_int_eq(n_tso, n_gso);
	ck_assert_mem_eq(tso, gso, n_tso);
	ck_assert(n_mss != n_tso || memcmp(tso, mss, n_tso));
	free(tso);
	free(gso);
	free(mss);
}
END_TEST

Suite *igb_offload_suite(void);

Suite *
igb_offload_suite(void)
{
	Suite *s = suite_create("igb_offload");

	fixture_add_tcase(s, "card", o_setup, o_teardown, 0, (const TTest *const []){
		test_tso_descriptors_golden,
		test_tso_card_cuts,
		test_csum_context_golden,
		test_card_refuses_bad_contexts,
		test_ring_room_for_frags,
		NULL,
	});
	fixture_add_tcase(s, "world", NULL, NULL, 60, (const TTest *const []){
		test_card_cuts_as_software_gso,
		NULL,
	});
	return s;
}
