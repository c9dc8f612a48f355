/*
 * tests/check_gro.c - the receive side of issue 13: igb's half-page RX
 * buffers (nic/igb_main.c) and GRO (layers/gro.c, layers/tcp_offload.c,
 * inet_gro_receive in layers/af_inet.c, skb_gro_receive in
 * layers/skbuff.c), and what TCP does with a merged skb.
 *
 * pages:  a fresh host holds no skb; every RX slot holds a page of its
 *         own; a page whose half the stack freed comes back flipped and
 *         is used again (no new page), one the stack still holds is not;
 *         a short frame is copied and its half stays the ring's; a jumbo
 *         frame fills several descriptors.
 * gro:    segments that arrive in one interrupt, handed to the student's
 *         card at the same instant: merged into one skb and sent up when
 *         the poll ends; each of 3.10's reasons to stop merging; gro off.
 * stack:  1 MiB with GRO on and off: intact, and how many skbs and
 *         ACKs it took; an ACK for every merged skb.
 */
#include "tests/fixture.h"
#include "events/gro.h"
#include "events/igb.h"
#include "events/net.h"
#include "events/skb.h"
#include "events/tcp.h"
#include "layers/ip.h"
#include "layers/tcp.h"
#include "nic/igb.h"
#include "sim/console.h"
#include "sim/topology.h"

#include <check.h>
#include <stdio.h>
#include <string.h>

static struct sim_world gw;
static struct sim_console gcon;
static struct fixture_capture gcap;
static struct fixture_recorder grec;
static struct sim_port *gport;		/* the student's eth0, wire side */

static void
gro_setup(void)
{
	ck_assert_int_eq(sim_world_create(&gw, 13), 0);
	fixture_capture_open(&gcap);
	console_init(&gcon, &gw, gcap.out, gcap.err);
	fixture_recorder_open(&grec, &gw.trace);
	gport = sim_igb_port(gw.host[SIM_STUDENT]->devs[0]);
}

static void
gro_teardown(void)
{
	unsigned long live;

	fixture_recorder_stop(&grec);
	sim_world_destroy(&gw);
	fixture_capture_close(&gcap);
	live = sim_skb_ledger_live(&gw.ledger, stderr);
	fixture_recorder_close(&grec);
	ck_assert_uint_eq(live, 0);
}

static int
gro_console(const char *script)
{
	return fixture_console_run(&gcon, &gcap, script);
}

static struct igb_ring *
gro_rx_ring(void)
{
	struct igb_adapter *adapter = netdev_priv(gw.host[SIM_STUDENT]->devs[0]);

	return adapter->rx_ring[0];
}

/* Let the world run @ms of virtual time. */
static void
gro_run(unsigned int ms)
{
	sim_run(&gw.eng, gw.eng.now + ms * NSEC_PER_MSEC, 10000000);
}

/* What one test segment looks like: server:@sport -> student:7000. */
struct gro_seg {
	u16 sport;
	u32 seq;
	u32 ack;
	u8 flags;			/* TCPHDR_* */
	u16 win;
	u16 id;				/* IP ID */
	u8 ttl;
	unsigned int dlen;		/* payload bytes */
	bool bad_csum;
};

/* The segment @g as an Ethernet frame in @f; its length. */
static unsigned int
gro_frame(u8 *f, const struct gro_seg *g)
{
	static const u8 router_mac[ETH_ALEN] = { 2, 0, 0, 0, 0, 1 };
	u8 l4[2048];
	struct tcphdr *th = (struct tcphdr *)l4;
	unsigned int len = sizeof(*th) + g->dlen, n;
	__be32 s = fx_addr("10.0.1.2"), d = fx_addr("10.0.0.2");
	struct iphdr *iph;
	u32 pseudo;

	memset(l4, 0, len);
	for (unsigned int i = 0; i < g->dlen; i++)
		l4[sizeof(*th) + i] = (u8)((g->seq + i) % 251);
	th->source = htons(g->sport);
	th->dest = htons(7000);
	th->seq = htonl(g->seq);
	th->ack_seq = htonl(g->ack);
	th->doff = 5;
	l4[13] = g->flags;
	th->window = htons(g->win);
	pseudo = (ntohl(s) >> 16) + (ntohl(s) & 0xffff) + (ntohl(d) >> 16) + (ntohl(d) & 0xffff) +
		 IPPROTO_TCP + len;
	th->check = htons(fixture_csum(l4, len, pseudo));
	if (g->bad_csum)
		th->check ^= 0x5555;
	n = fixture_build_ip(f, gw.host[SIM_STUDENT]->devs[0]->dev_addr, router_mac, "10.0.1.2",
			     "10.0.0.2", IPPROTO_TCP, l4, len);
	iph = (struct iphdr *)(f + ETH_HLEN);
	iph->id = htons(g->id);
	iph->frag_off = htons(IP_DF);
	iph->ttl = g->ttl;
	iph->check = 0;
	iph->check = htons(fixture_csum(iph, sizeof(*iph), 0));
	return n;
}

/* @n segments of @g's flow, 1000 bytes each, in order from seq 1001, as
 * 3.10 would merge them. */
static void
gro_flow(struct gro_seg *seg, int n)
{
	for (int i = 0; i < n; i++) {
		seg[i] = (struct gro_seg){ .sport = 9000, .seq = 1001 + 1000 * (u32)i, .ack = 1,
					   .flags = TCPHDR_ACK, .win = 8192, .id = (u16)(100 + i),
					   .ttl = 63, .dlen = 1000 };
	}
}

/* Hand the @n segments to the student's card at the same instant, then
 * let the interrupt and its poll run. */
static void
gro_inject(const struct gro_seg *seg, int n)
{
	u8 f[2048];

	for (int i = 0; i < n; i++)
		gport->rx(gport, f, gro_frame(f, &seg[i]));
	gro_run(1);
}

/*
 * Hand @seg (@n of them) to the card at one instant, let the poll run,
 * and say what GRO sent up (napi_gro_complete: GRO_NORMAL packets are
 * not in it) as the segment counts, "3 1", in @counts.  Returns the
 * index of the first record of all this.
 */
static int
gro_try(const struct gro_seg *seg, int n, char *counts, size_t len)
{
	int from = grec.nevents;
	size_t k = 0;

	gro_inject(seg, n);
	counts[0] = '\0';
	FX_FOR_EACH(&grec, i, from, "student", napi_gro_complete)
		k += (size_t)snprintf(counts + k, len - k, "%s%u", k ? " " : "",
				      FX_DATA(&grec, i, napi_gro_complete)->count);
	return from;
}

/* ---- pages ---------------------------------------------------------------------- */

/* A fresh host: no skb at all, a page of its own in every RX slot. */
START_TEST(test_fresh_host_no_live_skb)
{
	struct igb_ring *rx = gro_rx_ring();
	unsigned long skbs = gw.ledger.allocated - gw.ledger.freed;
	unsigned long pages = gw.ledger.pages_allocated - gw.ledger.pages_freed;

	ck_assert_uint_eq(skbs, 0);
	/* 4 devices x 1 RX queue (one CPU) x 255 usable slots */
	ck_assert_uint_eq(pages, 4 * 1 * 255);
	for (u16 i = 0; i < rx->count - 1; i++) {
		const struct igb_rx_buffer *b = &rx->rx_buffer_info[i];

		ck_assert_ptr_nonnull(b->page);
		ck_assert_uint_eq(b->page_offset, 0);
		ck_assert_int_eq(page_count(b->page), 1);
		ck_assert_uint_eq(le64_to_cpu(IGB_RX_DESC(rx, i)->read.pkt_addr), b->dma);
	}
	ck_assert_ptr_null(rx->rx_buffer_info[rx->count - 1].page);	/* the gap */
	/* ... and after a ping and its ARP, none again */
	gro_run(1);
	ck_assert_int_eq(gro_console("ping -c 2 10.0.1.2"), 0);
	gro_run(2000);
	ck_assert_uint_eq(gw.ledger.allocated - gw.ledger.freed, 0);
}
END_TEST

/* A UDP datagram server:4000 -> student:9 of @dlen bytes in @f. */
static unsigned int
gro_udp_frame(u8 *f, unsigned int dlen)
{
	static const u8 router_mac[ETH_ALEN] = { 2, 0, 0, 0, 0, 1 };
	u8 l4[9100];
	struct udphdr *uh = (struct udphdr *)l4;

	memset(l4, 'u', sizeof(*uh) + dlen);
	uh->source = htons(4000);
	uh->dest = htons(9);
	uh->len = htons(sizeof(*uh) + dlen);
	uh->check = 0;
	return fixture_build_ip(f, gw.host[SIM_STUDENT]->devs[0]->dev_addr, router_mac, "10.0.1.2",
				"10.0.0.2", IPPROTO_UDP, l4, sizeof(*uh) + dlen);
}

/* The student learns the router's MAC first, so that its answers to
 * the test's frames (ICMP port unreachable) bring nothing back in. */
static void
gro_quiet(void)
{
	ck_assert_int_eq(gro_console("ping -c 1 10.0.0.1"), 0);
	gro_run(10);
}

/* @n datagrams of @dlen bytes, one interrupt each. */
static void
gro_udp_frames(int n, unsigned int dlen)
{
	static u8 f[9200];

	for (int i = 0; i < n; i++) {
		gport->rx(gport, f, gro_udp_frame(f, dlen));
		gro_run(1);
	}
}

/* The half pages of @page the card filled, as the frag offsets seen. */
static void
gro_page_uses(u32 page, int from, int *uses, bool *low, bool *high)
{
	*uses = 0;
	*low = *high = false;
	FX_FOR_EACH(&grec, i, from, "student", skb_add_rx_frag) {
		const tp_data_skb_add_rx_frag *d = FX_DATA(&grec, i, skb_add_rx_frag);

		if (d->page != page)
			continue;
		(*uses)++;
		if (d->off == 0)
			*low = true;
		else if (d->off == IGB_RX_BUFSZ)
			*high = true;
	}
}

/*
 * A full frame goes up in slot 0's page (half 0); the stack frees it, so
 * igb_can_reuse_rx_page finds the page its own again and hands the other
 * half to the ring (at next_to_alloc, slot 255).  Through 600 frames the
 * ring allocates no page at all: each is used at both halves, in turn.
 */
START_TEST(test_page_flip_and_reuse)
{
	struct igb_ring *rx = gro_rx_ring();
	unsigned long allocated;
	u16 c, a;
	struct page *p;
	int from, uses;
	bool low, high;

	gro_quiet();
	c = rx->next_to_clean;
	a = rx->next_to_alloc;
	p = rx->rx_buffer_info[c].page;
	ck_assert_uint_eq(rx->rx_buffer_info[c].page_offset, 0);
	allocated = gw.ledger.pages_allocated;
	from = grec.nevents;
	gro_udp_frames(1, 1000);
	gro_page_uses(p->id, from, &uses, &low, &high);
	ck_assert_int_eq(uses, 1);
	ck_assert(low && !high);
	ck_assert_ptr_null(rx->rx_buffer_info[c].page);		/* the gap now */
	ck_assert_ptr_eq(rx->rx_buffer_info[a].page, p);	/* at next_to_alloc */
	ck_assert_uint_eq(rx->rx_buffer_info[a].page_offset, IGB_RX_BUFSZ);
	ck_assert_uint_eq(le64_to_cpu(IGB_RX_DESC(rx, a)->read.pkt_addr),
			  rx->rx_buffer_info[a].dma + IGB_RX_BUFSZ);
	ck_assert_int_eq(page_count(p), 1);	/* the stack let go of its half */

	gro_udp_frames(599, 1000);
	gro_page_uses(p->id, from, &uses, &low, &high);
	ck_assert_int_ge(uses, 2);		/* the same page, again and again */
	ck_assert(low && high);			/* ... at both halves */
	ck_assert_uint_eq(gw.ledger.pages_allocated, allocated);
	ck_assert_int_ge(FX_COUNT(&grec, "student", igb_reuse_rx_page), 600);
	FX_FOR_EACH(&grec, i, from, "student", igb_alloc_mapped_page)
		ck_assert_uint_ne(FX_DATA(&grec, i, igb_alloc_mapped_page)->page, 0);
}
END_TEST

/*
 * Frames the stack keeps (a UDP socket nobody reads): when the ring
 * comes round to a page whose other half is still in a queued skb, the
 * page has two owners and is not reused; the ring maps a new one.
 */
START_TEST(test_page_held_not_reused)
{
	struct net *st = gw.host[SIM_STUDENT];
	struct sockaddr_in any = { .sin_family = AF_INET, .sin_port = htons(9) };
	unsigned long allocated;
	int big = 4 << 20, fd, from;
	bool refused = false;

	gro_quiet();
	allocated = gw.ledger.pages_allocated;
	from = grec.nevents;
	fd = sys_socket(st, AF_INET, SOCK_DGRAM, 0);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(sys_setsockopt(st, fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big)), 0);
	ck_assert_int_eq(sys_bind(st, fd, (struct sockaddr *)&any, sizeof(any)), 0);
	/* the first ones queue, until the receive buffer is full (the
	 * rest are dropped, and their pages come back) */
	gro_udp_frames(300, 1000);
	ck_assert_uint_lt(st->mib[UDP_MIB_RCVBUFERRORS], 255);
	FX_FOR_EACH(&grec, i, from, "student", igb_can_reuse_rx_page)
		if (FX_DATA(&grec, i, igb_can_reuse_rx_page)->count == 2)
			refused = true;
	ck_assert(refused);
	/* 300 frames, 255 slots: the second use of up to 45 pages found
	 * them still held, and the ring took new ones */
	ck_assert_uint_gt(gw.ledger.pages_allocated - allocated, 0);
	ck_assert_uint_le(gw.ledger.pages_allocated - allocated, 300 - 255);
	ck_assert_int_eq(sys_close(st, fd), 0);		/* the queue goes, and its pages */
	ck_assert_uint_eq(gw.ledger.pages_allocated - gw.ledger.pages_freed, 4 * 1 * 255);
}
END_TEST

/* A frame of at most IGB_RX_HDR_LEN bytes is copied: no frag, and its
 * half page goes back to the ring as it was (no flip). */
START_TEST(test_small_frame_copied)
{
	struct igb_ring *rx = gro_rx_ring();
	struct page *p;
	int from;
	u16 a;

	gro_quiet();
	p = rx->rx_buffer_info[rx->next_to_clean].page;
	a = rx->next_to_alloc;
	from = grec.nevents;
	gro_udp_frames(1, 100);
	ck_assert_int_ge(FX_FIND(&grec, from, "student", igb_add_rx_frag), 0);
	ck_assert_int_eq(FX_FIND(&grec, from, "student", skb_add_rx_frag), -1);
	ck_assert_int_eq(FX_FIND(&grec, from, "student", igb_can_reuse_rx_page), -1);
	ck_assert_ptr_eq(rx->rx_buffer_info[a].page, p);
	ck_assert_uint_eq(rx->rx_buffer_info[a].page_offset, 0);
	ck_assert_int_eq(page_count(p), 1);
}
END_TEST

/* MTU 9000: a 9014-byte frame fills five half pages; only the last
 * descriptor has EOP, and the skb goes up with five frags. */
START_TEST(test_jumbo_frame_spans_descriptors)
{
	struct net *st = gw.host[SIM_STUDENT];
	int from, eop = 0, not_eop = 0, frags = 0;
	unsigned long in;

	ck_assert_int_eq(dev_set_mtu(st->devs[0], 9000), 0);
	gro_quiet();
	in = st->mib[IPSTATS_MIB_INPKTS];
	from = grec.nevents;
	gro_udp_frames(1, 9014 - ETH_HLEN - 28);
	FX_FOR_EACH(&grec, i, from, "student", igb_rx_done) {
		const tp_data_igb_rx_done *d = FX_DATA(&grec, i, igb_rx_done);

		if (d->eop) {
			eop++;
			frags = d->nr_frags;
		} else {
			not_eop++;
		}
	}
	ck_assert_int_eq(eop, 1);
	ck_assert_int_eq(not_eop, 4);
	ck_assert_int_eq(frags, 5);
	ck_assert_uint_eq(st->mib[IPSTATS_MIB_INPKTS], in + 1);
	ck_assert_uint_eq(st->devs[0]->stats.rx_bytes >= 9014, 1);
}
END_TEST

/* ---- GRO ------------------------------------------------------------------------ */

/*
 * Five segments of one flow in one interrupt: one skb of 5 x 1000 bytes
 * goes up (gso_size 1000, gso_segs 5), when the poll ends (napi_complete
 * -> napi_gro_flush), and TCP sees it once.
 */
START_TEST(test_gro_merges_and_flushes_at_poll_end)
{
	struct gro_seg seg[5];
	int from, complete, flush, done;
	char counts[64];

	gro_flow(seg, 5);
	from = gro_try(seg, 5, counts, sizeof(counts));
	ck_assert_str_eq(counts, "5");
	complete = FX_FIND(&grec, from, "student", napi_gro_complete);
	ck_assert_uint_eq(FX_DATA(&grec, complete, napi_gro_complete)->gso_size, 1000);
	ck_assert_uint_eq(FX_DATA(&grec, complete, napi_gro_complete)->len, 5 * 1000 + 40);
	ck_assert_int_eq(FX_COUNT(&grec, "student", skb_gro_receive), 4);
	/* sent up from napi_complete's flush, after the driver's loop */
	done = FX_FIND(&grec, from, "student", napi_complete);
	flush = FX_FIND(&grec, from, "student", napi_gro_flush);
	ck_assert_int_gt(done, FX_FIND(&grec, from, "student", igb_clean_rx_irq));
	ck_assert_int_gt(flush, done);
	ck_assert_int_gt(complete, flush);
	ck_assert_int_eq(FX_COUNT(&grec, "student", tcp_v4_rcv), 1);
}
END_TEST

/* `ethtool -K eth0 gro off`: each segment goes up alone. */
START_TEST(test_gro_off)
{
	struct gro_seg seg[5];
	char counts[64];

	ck_assert_int_eq(gro_console("ethtool -K eth0 gro off"), 0);
	gro_flow(seg, 5);
	gro_try(seg, 5, counts, sizeof(counts));
	ck_assert_str_eq(counts, "");
	ck_assert_int_eq(FX_COUNT(&grec, "student", tcp_v4_rcv), 5);
	ck_assert_int_eq(gro_console("ethtool -K eth0 gro on"), 0);
	gro_try(seg, 5, counts, sizeof(counts));
	ck_assert_str_eq(counts, "5");
}
END_TEST

/* What segment 3 of 4 (index 2) is changed to, and what GRO makes of it. */
struct gro_case {
	const char *name;
	void (*twist)(struct gro_seg *seg);
	const char *counts;		/* the napi_gro_complete counts */
	const char *why;		/* the tcp_gro_flush reason, NULL: none */
};

static void twist_psh(struct gro_seg *s) { s[2].flags |= TCPHDR_PSH; }
static void twist_fin(struct gro_seg *s) { s[2].flags |= TCPHDR_FIN; }
static void twist_gap(struct gro_seg *s) { s[2].seq += 1000; s[3].seq += 1000; }
static void twist_win(struct gro_seg *s) { s[2].win = 4096; s[3].win = 4096; }
static void twist_ack(struct gro_seg *s) { s[2].ack = 2; s[3].ack = 2; }
static void twist_ttl(struct gro_seg *s) { s[2].ttl = 62; s[3].ttl = 62; }
static void twist_id(struct gro_seg *s) { s[2].id += 7; s[3].id += 7; }
static void twist_longer(struct gro_seg *s) { s[2].dlen = 1200; s[3].seq += 200; }
static void twist_shorter(struct gro_seg *s) { s[2].dlen = 500; s[3].seq -= 500; }
static void twist_flow(struct gro_seg *s) { s[2].sport = 9001; s[3].seq -= 1000; s[3].id--; }
static void twist_csum(struct gro_seg *s) { s[2].bad_csum = true; }

static const struct gro_case gro_cases[] = {
	/* PSH and FIN end the packet they join; the next starts another */
	{ "psh", twist_psh, "3 1", NULL },
	{ "fin", twist_fin, "3 1", NULL },
	/* anything that does not continue the held packet flushes it */
	{ "gap", twist_gap, "2 2", "not_next_seq" },
	{ "window", twist_win, "2 2", "flags_or_window" },
	{ "ack", twist_ack, "2 2", "ack_seq" },
	{ "ttl", twist_ttl, "2 2", "ip_header" },
	{ "ip_id", twist_id, "2 2", "ip_header" },
	{ "longer", twist_longer, "2 2", "longer_than_mss" },
	/* a shorter one is the last that joins */
	{ "shorter", twist_shorter, "3 1", NULL },
	/* another flow is held beside it */
	{ "flow", twist_flow, "3 1", NULL },
	/* a bad checksum goes up alone (TCP drops it); the next one's IP ID
	 * skips it, and the first reason is the IP header's */
	{ "csum", twist_csum, "2 1", "ip_header" },
};

START_TEST(test_gro_flush_reasons)
{
	const struct gro_case *c = &gro_cases[_i];
	struct gro_seg seg[4];
	char counts[64];
	int from, w;

	gro_flow(seg, 4);
	c->twist(seg);
	from = gro_try(seg, 4, counts, sizeof(counts));
	ck_assert_msg(!strcmp(counts, c->counts), "%s: counts \"%s\", want \"%s\"", c->name,
		      counts, c->counts);
	w = FX_FIND(&grec, from, "student", tcp_gro_flush);
	if (!c->why) {
		ck_assert_msg(w < 0, "%s: a flush", c->name);
	} else {
		ck_assert_msg(w >= 0, "%s: no flush", c->name);
		ck_assert_str_eq(FX_DATA(&grec, w, tcp_gro_flush)->why, c->why);
	}
}
END_TEST

/* 64 KiB or MAX_SKB_FRAGS: 20 one-frag segments make 17 + 3. */
START_TEST(test_gro_full)
{
	struct gro_seg seg[20];
	char counts[64];
	int w;

	gro_flow(seg, 20);
	w = FX_FIND(&grec, gro_try(seg, 20, counts, sizeof(counts)), "student", tcp_gro_flush);
	ck_assert_str_eq(counts, "17 3");
	ck_assert_int_ge(w, 0);
	ck_assert_str_eq(FX_DATA(&grec, w, tcp_gro_flush)->why, "full");
}
END_TEST

/* ---- the stack above ------------------------------------------------------------ */

/*
 * 1 MiB from the student to the server, with the server's GRO on (the
 * default) or off: it arrives intact either way; with GRO, TCP on the
 * server sees several times fewer skbs.  Each merged skb is more than
 * one full segment, so it is ACKed at once (__tcp_ack_snd_check) while
 * the window still grows, else when the sink reads it (tcp_cleanup_rbuf):
 * an ACK per merged skb.  Without GRO, an ACK per two segments at most,
 * and fewer: the segments of one interrupt wait unread together, so the
 * window would not advance (no receive buffer autotuning here).
 */
static void
gro_mib(bool gro, int *skbs, int *acks)
{
	char hex[65], want[128];
	int from;

	if (!gro)
		ck_assert_int_eq(gro_console("on server ethtool -K eth0 gro off"), 0);
	from = grec.nevents;
	ck_assert_int_eq(gro_console("socket tcp; connect 10.0.1.2:9000; send 3 1048576; "
				     "close 3; on server recv 9000"), 0);
	fixture_pattern_sha256(1048576, hex);
	snprintf(want, sizeof(want), "tcp 9000: 1 connection(s), 1048576 bytes, sha256 %s", hex);
	ck_assert_ptr_nonnull(strstr(gcap.outbuf, want));
	*skbs = 0;
	FX_FOR_EACH(&grec, i, from, "server", tcp_v4_rcv)
		(*skbs)++;
	*acks = 0;
	FX_FOR_EACH(&grec, i, from, "server", tcp_send_ack)
		(*acks)++;
}

START_TEST(test_mib_with_gro)
{
	int skbs, acks, merged = 0;

	gro_mib(true, &skbs, &acks);
	FX_FOR_EACH(&grec, i, 0, "server", napi_gro_complete)
		if (FX_DATA(&grec, i, napi_gro_complete)->count > 1)
			merged++;
	/* 725 segments: merged by the dozen (an interrupt per 162 us) */
	ck_assert_int_lt(skbs, 725 / 4);
	ck_assert_int_ge(merged, 725 / 20);
	/* about one ACK per poll: its merged packets (two when a PSH, at the
	 * end of one of the sender's GSO skbs, ends the first) are read
	 * together and ACKed once */
	ck_assert_int_le(acks, skbs);
	ck_assert_int_ge(acks, merged / 2);
}
END_TEST

START_TEST(test_mib_without_gro)
{
	int skbs, acks;

	gro_mib(false, &skbs, &acks);
	ck_assert_int_ge(skbs, 725);
	ck_assert_int_le(acks, 725 / 2 + 10);
	ck_assert_int_ge(acks, 725 / 10);
	ck_assert_int_eq(FX_COUNT(&grec, "server", napi_gro_complete), 0);
}
END_TEST

Suite *gro_suite(void);

Suite *
gro_suite(void)
{
	Suite *s = suite_create("gro");
	TCase *tc;

	fixture_add_tcase(s, "pages", gro_setup, gro_teardown, 30, (const TTest *const []){
		test_fresh_host_no_live_skb,
		test_page_flip_and_reuse,
		test_page_held_not_reused,
		test_small_frame_copied,
		test_jumbo_frame_spans_descriptors,
		NULL,
	});
	fixture_add_tcase(s, "gro", gro_setup, gro_teardown, 30, (const TTest *const []){
		test_gro_merges_and_flushes_at_poll_end,
		test_gro_off,
		test_gro_full,
		NULL,
	});
	tc = tcase_create("flush");
	tcase_add_checked_fixture(tc, gro_setup, gro_teardown);
	tcase_add_loop_test(tc, test_gro_flush_reasons, 0, (int)ARRAY_SIZE(gro_cases));
	suite_add_tcase(s, tc);
	fixture_add_tcase(s, "stack", gro_setup, gro_teardown, 60, (const TTest *const []){
		test_mib_with_gro,
		test_mib_without_gro,
		NULL,
	});
	return s;
}
