/*
 * tests/check_neighbour.c - the neighbour cache, ARP and Ethernet framing
 * (layers/neighbour.c, layers/arp.c, layers/eth.c).
 *
 * One host "h0" with a fake eth0 (10.0.0.2/24, MAC 02:00:00:00:00:01);
 * the gateway 10.0.0.1 (52:54:00:00:00:01) exists only as frames the
 * tests inject.  Packets are sent the way ip_finish_output2 does:
 * __ipv4_neigh_lookup_noref / __neigh_create, then dst_neigh_output.
 * Time moves only through the engine (run_until), so every probe and
 * timeout lands on an exact virtual time.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fixture.h"
#include "events/fib.h"
#include "events/net.h"
#include "events/neigh.h"
#include "layers/arp.h"
#include "layers/ip.h"
#include "layers/neighbour.h"
#include "layers/route.h"

#define MS(x)	((ktime_t)(x) * NSEC_PER_MSEC)

static struct fixture fx;
static struct net *h;
static struct net_device *eth0;
static struct rtable test_rt;	/* the route test packets carry */

static const u8 our_mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x01 };
static const u8 gw_mac[ETH_ALEN] = { 0x52, 0x54, 0, 0, 0, 0x01 };

/*
 * An Ethernet + ARP (RFC 826) frame for IPv4 over Ethernet, byte by byte:
 * the Ethernet header, htype 1, ptype 0x0800, hlen 6, plen 4, the opcode
 * (1 request, 2 reply), then sender MAC/IP and target MAC/IP.
 */
#define ARP_FRAME(dst, src, op, sha, sip, tha, tip)			\
	{ dst, src, 0x08, 0x06,						\
	  0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, op,			\
	  sha, sip,							\
	  tha, tip }
#define MAC_BCAST	0xff, 0xff, 0xff, 0xff, 0xff, 0xff
#define MAC_ZERO	0x00, 0x00, 0x00, 0x00, 0x00, 0x00
#define MAC_US		0x02, 0x00, 0x00, 0x00, 0x00, 0x01
#define MAC_GW		0x52, 0x54, 0x00, 0x00, 0x00, 0x01
#define IP_US		10, 0, 0, 2
#define IP_GW		10, 0, 0, 1

/* who-has 10.0.0.1 tell 10.0.0.2, broadcast, target MAC zero. */
static const u8 golden_request[42] =
	ARP_FRAME(MAC_BCAST, MAC_US, 0x01, MAC_US, IP_US, MAC_ZERO, IP_GW);

/* The same question, unicast to the cached MAC (PROBE state). */
static const u8 golden_unicast_probe[42] =
	ARP_FRAME(MAC_GW, MAC_US, 0x01, MAC_US, IP_US, MAC_ZERO, IP_GW);

/* 10.0.0.1 is-at 52:54:00:00:00:01, unicast to us. */
static const u8 reply_from_gw[42] =
	ARP_FRAME(MAC_US, MAC_GW, 0x02, MAC_GW, IP_GW, MAC_US, IP_US);

/* The gateway asks: who-has 10.0.0.2 tell 10.0.0.1. */
static const u8 request_from_gw[42] =
	ARP_FRAME(MAC_BCAST, MAC_GW, 0x01, MAC_GW, IP_GW, MAC_ZERO, IP_US);

/* Our answer: 10.0.0.2 is-at 02:00:00:00:00:01. */
static const u8 golden_reply_to_gw[42] =
	ARP_FRAME(MAC_GW, MAC_US, 0x02, MAC_US, IP_US, MAC_GW, IP_GW);

static void
setup(void)
{
	fixture_setup(&fx, 1);
	h = fx.host[0];
	eth0 = fixture_fake_dev(&fx, h, "eth0", "10.0.0.2/24");
	ck_assert_mem_eq(eth0->dev_addr, our_mac, ETH_ALEN);
	memset(&test_rt, 0, sizeof(test_rt));
	test_rt.dst.dev = eth0;
	test_rt.dst.__refcnt = 1;	/* the test's own: never freed */
	test_rt.rt_type = RTN_UNICAST;
}

static void
teardown(void)
{
	fixture_teardown(&fx);
}

/* Run the engine up to @t (events at exactly @t included). */
static void
run_until(ktime_t t)
{
	ck_assert_int_eq(sim_run(&fx.eng, t ? t : 1, 1000000), 0);
}

static void
settle(void)
{
	run_until(fx.eng.now);
}

/* A UDP datagram 10.0.0.2 -> @daddr whose first payload byte is @mark. */
static struct sk_buff *
make_ip_skb(const char *daddr, unsigned int payload, u8 mark)
{
	struct sk_buff *skb = alloc_skb(h, 64 + sizeof(struct iphdr) + payload);
	struct iphdr *iph;
	u8 *data;

	ck_assert_ptr_nonnull(skb);
	skb_reserve(skb, 64);
	data = skb_put(skb, sizeof(*iph) + payload);
	memset(data, 0, sizeof(*iph) + payload);
	skb_reset_network_header(skb);
	iph = ip_hdr(skb);
	iph->version = 4;
	iph->ihl = 5;
	iph->tot_len = htons(sizeof(*iph) + payload);
	iph->ttl = 64;
	iph->protocol = IPPROTO_UDP;
	iph->saddr = fx_addr("10.0.0.2");
	iph->daddr = fx_addr(daddr);
	iph->check = ip_fast_csum(iph, 5);
	if (payload)
		data[sizeof(*iph)] = mark;
	skb->protocol = htons(ETH_P_IP);
	skb->dev = eth0;
	skb_dst_set_noref(skb, &test_rt.dst);
	return skb;
}

/* What ip_finish_output2 does with a packet for @nexthop. */
static int
xmit_via(const char *nexthop, struct sk_buff *skb)
{
	__be32 nh = fx_addr(nexthop);
	struct neighbour *n = __ipv4_neigh_lookup_noref(eth0, nh);

	if (!n)
		n = __neigh_create(h->arp_tbl, &nh, eth0, false);
	ck_assert(!IS_ERR(n));
	return dst_neigh_output(&test_rt.dst, n, skb);
}

static struct neighbour *
entry(const char *addr)
{
	return __ipv4_neigh_lookup_noref(eth0, fx_addr(addr));
}

static u16
frame_type(const struct fixture_frame *f)
{
	return (u16)(f->data[12] << 8 | f->data[13]);
}

/* ARP requests on the wire asking for @tip. */
static int
count_requests_for(const char *tip)
{
	__be32 t = fx_addr(tip);
	int n = 0;

	for (int i = 0; i < fx.nframes; i++) {
		const struct fixture_frame *f = &fx.frames[i];

		if (f->len >= 42 && frame_type(f) == ETH_P_ARP && f->data[21] == ARPOP_REQUEST &&
		    !memcmp(f->data + 38, &t, 4))
			n++;
	}
	return n;
}

static int
count_frames(u16 type)
{
	int n = 0;

	for (int i = 0; i < fx.nframes; i++)
		if (frame_type(&fx.frames[i]) == type)
			n++;
	return n;
}

static const struct fixture_frame *
nth_frame(u16 type, int nth)
{
	for (int i = 0; i < fx.nframes; i++)
		if (frame_type(&fx.frames[i]) == type && nth-- == 0)
			return &fx.frames[i];
	return NULL;
}

/* Did an entry on h0 go from NUD state @from to @to? */
static bool
saw_nud_change(u8 from, u8 to)
{
	FX_FOR_EACH(&fx.rec, i, 0, "h0", neigh_nud_change) {
		struct neigh_nud_pair nud = FX_DATA(&fx.rec, i, neigh_nud_change)->nud;

		if (nud.from == from && nud.to == to)
			return true;
	}
	return false;
}

/* Resolve 10.0.0.1 at the current time: one packet, then the reply. */
static struct neighbour *
resolve_gw(void)
{
	xmit_via("10.0.0.1", make_ip_skb("10.0.0.1", 32, 0xA0));
	settle();
	fixture_inject(eth0, reply_from_gw, sizeof(reply_from_gw));
	settle();
	ck_assert_ptr_nonnull(entry("10.0.0.1"));
	ck_assert_uint_eq(entry("10.0.0.1")->nud_state, NUD_REACHABLE);
	return entry("10.0.0.1");
}

/* ---- Ethernet --------------------------------------------------------------------- */

START_TEST(test_ether_setup_defaults)
{
	static const u8 bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	ck_assert_uint_eq(eth0->type, ARPHRD_ETHER);
	ck_assert_uint_eq(eth0->hard_header_len, ETH_HLEN);
	ck_assert_uint_eq(eth0->mtu, ETH_DATA_LEN);
	ck_assert_uint_eq(eth0->addr_len, ETH_ALEN);
	ck_assert_uint_eq(eth0->tx_queue_len, 1000);
	ck_assert(eth0->flags & IFF_BROADCAST);
	ck_assert_mem_eq(eth0->broadcast, bcast, ETH_ALEN);
	ck_assert_ptr_eq(eth0->header_ops, &eth_header_ops);
	ck_assert_uint_eq(LL_RESERVED_SPACE(eth0), 16);
}
END_TEST

START_TEST(test_eth_header_build_and_unresolved)
{
	struct sk_buff *skb = alloc_skb(h, 128);
	static const u8 want[ETH_HLEN] = {
		0x52, 0x54, 0x00, 0x00, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00,
	};

	skb_reserve(skb, 64);
	skb_put(skb, 20);
	ck_assert_int_eq(eth_header(skb, eth0, ETH_P_IP, gw_mac, NULL, skb->len), ETH_HLEN);
	ck_assert_uint_eq(skb->len, 34);
	ck_assert_mem_eq(skb->data, want, ETH_HLEN);
	skb_pull(skb, ETH_HLEN);
	/* No destination and the device resolves: header pushed, -ETH_HLEN. */
	ck_assert_int_eq(eth_header(skb, eth0, ETH_P_IP, NULL, NULL, skb->len), -ETH_HLEN);
	ck_assert_uint_eq(skb->len, 34);
	kfree_skb(skb);
}
END_TEST

static __be16
trans(const u8 *dmac, unsigned int len, u8 *pkt_type, unsigned int *left)
{
	struct sk_buff *skb = alloc_skb(h, 128);
	u8 *p = skb_put(skb, len);
	__be16 proto;

	memset(p, 0, len);
	if (len >= ETH_HLEN) {
		memcpy(p, dmac, ETH_ALEN);
		memcpy(p + 6, gw_mac, ETH_ALEN);
		p[12] = 0x08;
		p[13] = 0x06;
	}
	proto = eth_type_trans(skb, eth0);
	*pkt_type = skb->pkt_type;
	*left = skb->len;
	ck_assert_ptr_eq(skb->dev, eth0);
	kfree_skb(skb);
	return proto;
}

START_TEST(test_eth_type_trans_pkt_types)
{
	static const u8 bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	static const u8 mcast[ETH_ALEN] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };
	static const u8 other[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x99 };
	unsigned int left;
	u8 type;

	ck_assert_uint_eq(ntohs(trans(our_mac, 60, &type, &left)), ETH_P_ARP);
	ck_assert_uint_eq(type, PACKET_HOST);
	ck_assert_uint_eq(left, 46);
	trans(bcast, 60, &type, &left);
	ck_assert_uint_eq(type, PACKET_BROADCAST);
	trans(mcast, 60, &type, &left);
	ck_assert_uint_eq(type, PACKET_MULTICAST);
	trans(other, 60, &type, &left);
	ck_assert_uint_eq(type, PACKET_OTHERHOST);
	/* A runt: nothing read past its end, nothing pulled, no protocol. */
	ck_assert_uint_eq(trans(our_mac, 10, &type, &left), 0);
	ck_assert_uint_eq(left, 10);
	ck_assert_uint_eq(type, PACKET_OTHERHOST);
}
END_TEST

/* ---- resolution ------------------------------------------------------------------- */

START_TEST(test_unresolved_queues_and_requests)
{
	struct neighbour *n;
	int rc;

	rc = xmit_via("10.0.0.1", make_ip_skb("10.0.0.1", 32, 1));
	settle();
	ck_assert_int_eq(rc, 0);
	n = entry("10.0.0.1");
	ck_assert_ptr_nonnull(n);
	ck_assert_uint_eq(n->nud_state, NUD_INCOMPLETE);
	ck_assert_uint_eq(skb_queue_len(&n->arp_queue), 1);
	ck_assert_uint_eq(n->arp_queue_len_bytes, skb_peek(&n->arp_queue)->truesize);
	ck_assert_int_eq(n->probes, 4);	/* started at ucast_probes, one sent */
	ck_assert_int_eq(fx.nframes, 1);
	ck_assert_uint_eq(fx.frames[0].len, sizeof(golden_request));
	ck_assert_mem_eq(fx.frames[0].data, golden_request, sizeof(golden_request));
	ck_assert_uint_eq(h->mib[NEIGH_ALLOCS], 1);
	ck_assert(saw_nud_change(NUD_NONE, NUD_INCOMPLETE));
	ck_assert_int_eq(FX_COUNT(&fx.rec, "h0", arp_solicit), 1);
	/* A second packet joins the queue; no second request before 1 s. */
	xmit_via("10.0.0.1", make_ip_skb("10.0.0.1", 32, 2));
	settle();
	ck_assert_uint_eq(skb_queue_len(&n->arp_queue), 2);
	ck_assert_int_eq(fx.nframes, 1);
}
END_TEST

START_TEST(test_arp_create_golden)
{
	struct sk_buff *skb = arp_create(ARPOP_REQUEST, ETH_P_ARP, fx_addr("10.0.0.1"), eth0,
					 fx_addr("10.0.0.2"), NULL, NULL, NULL);

	ck_assert_ptr_nonnull(skb);
	ck_assert_uint_eq(skb->len, sizeof(golden_request));
	ck_assert_mem_eq(skb->data, golden_request, sizeof(golden_request));
	ck_assert_uint_eq(ntohs(skb->protocol), ETH_P_ARP);
	kfree_skb(skb);
}
END_TEST

START_TEST(test_reply_resolves_and_drains_in_order)
{
	struct neighbour *n;
	const struct fixture_frame *f;

	xmit_via("10.0.0.1", make_ip_skb("10.0.0.1", 32, 1));
	xmit_via("10.0.0.1", make_ip_skb("10.0.0.1", 32, 2));
	settle();
	ck_assert_int_eq(count_frames(ETH_P_IP), 0);
	fixture_inject(eth0, reply_from_gw, sizeof(reply_from_gw));
	settle();

	n = entry("10.0.0.1");
	ck_assert_uint_eq(n->nud_state, NUD_REACHABLE);
	ck_assert_mem_eq(n->ha, gw_mac, ETH_ALEN);
	ck_assert(skb_queue_empty(&n->arp_queue));
	ck_assert_uint_eq(n->arp_queue_len_bytes, 0);
	ck_assert(saw_nud_change(NUD_INCOMPLETE, NUD_REACHABLE));
	ck_assert_int_eq(count_frames(ETH_P_IP), 2);
	for (int i = 0; i < 2; i++) {
		f = nth_frame(ETH_P_IP, i);
		ck_assert_mem_eq(f->data, gw_mac, ETH_ALEN);
		ck_assert_mem_eq(f->data + 6, our_mac, ETH_ALEN);
		ck_assert_uint_eq(f->data[ETH_HLEN + 20], i + 1);	/* queue order */
	}
	/* The drain built the header cache; the next packet takes it. */
	ck_assert_uint_eq(n->hh.hh_len, ETH_HLEN);
	ck_assert_int_eq(FX_COUNT(&fx.rec, "h0", neigh_hh_output), 0);
	xmit_via("10.0.0.1", make_ip_skb("10.0.0.1", 32, 3));
	settle();
	ck_assert_int_eq(FX_COUNT(&fx.rec, "h0", neigh_hh_output), 1);
	f = nth_frame(ETH_P_IP, 2);
	ck_assert_ptr_nonnull(f);
	ck_assert_mem_eq(f->data, nth_frame(ETH_P_IP, 0)->data, ETH_HLEN);
	ck_assert_uint_eq(f->data[ETH_HLEN + 20], 3);
	ck_assert_int_eq(count_requests_for("10.0.0.1"), 1);
}
END_TEST

START_TEST(test_three_broadcast_probes_then_failed)
{
	struct neighbour *n;

	xmit_via("10.0.0.1", make_ip_skb("10.0.0.1", 32, 1));
	xmit_via("10.0.0.1", make_ip_skb("10.0.0.1", 32, 2));
	settle();
	n = entry("10.0.0.1");
	ck_assert_int_eq(count_requests_for("10.0.0.1"), 1);
	run_until(MS(999));
	ck_assert_int_eq(count_requests_for("10.0.0.1"), 1);
	run_until(MS(1000));
	ck_assert_int_eq(count_requests_for("10.0.0.1"), 2);
	run_until(MS(2000));
	ck_assert_int_eq(count_requests_for("10.0.0.1"), 3);
	run_until(MS(2999));
	ck_assert_uint_eq(n->nud_state, NUD_INCOMPLETE);
	ck_assert_uint_eq(skb_queue_len(&n->arp_queue), 2);
	run_until(MS(3000));
	ck_assert_uint_eq(n->nud_state, NUD_FAILED);
	ck_assert(skb_queue_empty(&n->arp_queue));
	ck_assert_uint_eq(n->arp_queue_len_bytes, 0);
	ck_assert_uint_eq(h->mib[NEIGH_RES_FAILED], 1);
	ck_assert_int_eq(FX_COUNT(&fx.rec, "h0", arp_error_report), 2);
	ck_assert(saw_nud_change(NUD_INCOMPLETE, NUD_FAILED));

	/* Every request was a broadcast, at t = 0, 1, 2 s exactly. */
	for (int i = 0, k = 0; i < fx.nframes; i++) {
		const struct fixture_frame *f = &fx.frames[i];

		if (frame_type(f) != ETH_P_ARP || memcmp(f->data + 38, golden_request + 38, 4))
			continue;
		ck_assert_mem_eq(f->data, golden_request, sizeof(golden_request));
		ck_assert_uint_eq(f->ts, (ktime_t)k++ * NSEC_PER_SEC);
	}
	/* FAILED is quiet: no more requests. */
	run_until(MS(20000));
	ck_assert_int_eq(count_requests_for("10.0.0.1"), 3);
	/* A new packet starts a fresh round. */
	xmit_via("10.0.0.1", make_ip_skb("10.0.0.1", 32, 3));
	settle();
	ck_assert_uint_eq(n->nud_state, NUD_INCOMPLETE);
	ck_assert_int_eq(count_requests_for("10.0.0.1"), 4);
}
END_TEST

START_TEST(test_reachable_stale_delay_probe_reachable)
{
	struct neighbour *n = resolve_gw();
	unsigned long rt = n->parms->reachable_time;
	ktime_t t1;
	int arp_before, ip_before;

	ck_assert_uint_ge(rt, 15 * HZ);
	ck_assert_uint_lt(rt, 45 * HZ);
	run_until(MS(rt - 1));
	ck_assert_uint_eq(n->nud_state, NUD_REACHABLE);
	run_until(MS(rt + HZ));
	ck_assert_uint_eq(n->nud_state, NUD_STALE);
	ck_assert(saw_nud_change(NUD_REACHABLE, NUD_STALE));

	/* Using a STALE entry sends at once, with the old MAC, and arms DELAY. */
	arp_before = count_frames(ETH_P_ARP);
	ip_before = count_frames(ETH_P_IP);
	t1 = fx.eng.now;
	xmit_via("10.0.0.1", make_ip_skb("10.0.0.1", 32, 7));
	settle();
	ck_assert_uint_eq(n->nud_state, NUD_DELAY);
	ck_assert_int_eq(count_frames(ETH_P_IP), ip_before + 1);
	ck_assert_mem_eq(nth_frame(ETH_P_IP, ip_before)->data, gw_mac, ETH_ALEN);
	ck_assert_int_eq(count_frames(ETH_P_ARP), arp_before);

	/* No confirmation within delay_probe_time: PROBE, unicast. */
	run_until(t1 + MS(5 * HZ) - 1);
	ck_assert_uint_eq(n->nud_state, NUD_DELAY);
	run_until(t1 + MS(5 * HZ));
	ck_assert_uint_eq(n->nud_state, NUD_PROBE);
	ck_assert_int_eq(count_frames(ETH_P_ARP), arp_before + 1);
	ck_assert_mem_eq(nth_frame(ETH_P_ARP, arp_before)->data, golden_unicast_probe,
			 sizeof(golden_unicast_probe));
	run_until(t1 + MS(6 * HZ));
	ck_assert_int_eq(count_frames(ETH_P_ARP), arp_before + 2);
	ck_assert_mem_eq(nth_frame(ETH_P_ARP, arp_before + 1)->data, golden_unicast_probe,
			 sizeof(golden_unicast_probe));

	/* The answer makes it REACHABLE again. */
	fixture_inject(eth0, reply_from_gw, sizeof(reply_from_gw));
	settle();
	ck_assert_uint_eq(n->nud_state, NUD_REACHABLE);
	ck_assert(n->nhist >= 4);
	ck_assert_uint_eq(n->hist[(n->nhist - 1) % NEIGH_HISTORY_LEN].to, NUD_REACHABLE);
	ck_assert_uint_eq(n->hist[(n->nhist - 2) % NEIGH_HISTORY_LEN].to, NUD_PROBE);
	ck_assert_uint_eq(n->hist[(n->nhist - 3) % NEIGH_HISTORY_LEN].to, NUD_DELAY);
	ck_assert_uint_eq(n->hist[(n->nhist - 4) % NEIGH_HISTORY_LEN].to, NUD_STALE);
	ck_assert_uint_eq(n->hist[(n->nhist - 4) % NEIGH_HISTORY_LEN].from, NUD_REACHABLE);
}
END_TEST

START_TEST(test_probe_without_answer_fails)
{
	struct neighbour *n = resolve_gw();
	unsigned long rt = n->parms->reachable_time;
	ktime_t t1;
	int arp_before;

	run_until(MS(rt + HZ));
	ck_assert_uint_eq(n->nud_state, NUD_STALE);
	arp_before = count_frames(ETH_P_ARP);
	t1 = fx.eng.now;
	xmit_via("10.0.0.1", make_ip_skb("10.0.0.1", 32, 1));
	settle();
	/* DELAY 5 s, then 3 unicast probes 1 s apart, FAILED after the third. */
	run_until(t1 + MS(7 * HZ));
	ck_assert_uint_eq(n->nud_state, NUD_PROBE);
	ck_assert_int_eq(count_frames(ETH_P_ARP), arp_before + 3);
	for (int i = 0; i < 3; i++)
		ck_assert_mem_eq(nth_frame(ETH_P_ARP, arp_before + i)->data, gw_mac, ETH_ALEN);
	run_until(t1 + MS(8 * HZ));
	ck_assert_uint_eq(n->nud_state, NUD_FAILED);
	ck_assert_int_eq(count_frames(ETH_P_ARP), arp_before + 3);
	ck_assert_uint_eq(h->mib[NEIGH_RES_FAILED], 1);
}
END_TEST

START_TEST(test_queue_byte_limit_drops_oldest)
{
	enum { SENT = 40 };
	u32 ids[SENT];
	struct neighbour *n;
	unsigned int truesize, fits;

	for (int i = 0; i < SENT; i++) {
		struct sk_buff *skb = make_ip_skb("10.0.0.1", 1400, (u8)i);

		ids[i] = skb->id;
		truesize = skb->truesize;
		xmit_via("10.0.0.1", skb);
	}
	settle();
	n = entry("10.0.0.1");
	fits = n->parms->queue_len_bytes / truesize;
	ck_assert_uint_eq(n->parms->queue_len_bytes, 65536);
	ck_assert_uint_lt(fits, SENT);
	ck_assert_uint_eq(skb_queue_len(&n->arp_queue), fits);
	ck_assert_uint_eq(n->arp_queue_len_bytes, fits * truesize);
	ck_assert_uint_le(n->arp_queue_len_bytes, 65536);
	ck_assert_uint_eq(h->mib[NEIGH_UNRES_DISCARDS], SENT - fits);
	/* The oldest went first: the queue holds the newest ones, in order. */
	ck_assert_uint_eq(skb_peek(&n->arp_queue)->id, ids[SENT - fits]);
	ck_assert_uint_eq(skb_peek_tail(&n->arp_queue)->id, ids[SENT - 1]);
	ck_assert_uint_eq(sim_skb_ledger_live(&fx.ledger, NULL), fits);

	fixture_inject(eth0, reply_from_gw, sizeof(reply_from_gw));
	settle();
	ck_assert_int_eq(count_frames(ETH_P_IP), (int)fits);
	for (unsigned int i = 0; i < fits; i++)
		ck_assert_uint_eq(nth_frame(ETH_P_IP, i)->data[ETH_HLEN + 20],
				  (u8)(SENT - fits + i));
}
END_TEST

START_TEST(test_lladdr_override_after_locktime)
{
	static const u8 new_mac[ETH_ALEN] = { 0x52, 0x54, 0x00, 0x00, 0x00, 0x42 };
	struct neighbour *n = resolve_gw();
	const struct fixture_frame *f;
	u8 reply_b[sizeof(reply_from_gw)];

	memcpy(reply_b, reply_from_gw, sizeof(reply_b));
	memcpy(reply_b + 6, new_mac, ETH_ALEN);		/* Ethernet source */
	memcpy(reply_b + 22, new_mac, ETH_ALEN);	/* ARP sender MAC */
	/* Within locktime (1 s) of the last update the first answer wins. */
	run_until(MS(500));
	fixture_inject(eth0, reply_b, sizeof(reply_b));
	settle();
	ck_assert_mem_eq(n->ha, gw_mac, ETH_ALEN);
	/* The refused reply still counts as an update: locktime restarts. */
	ck_assert_uint_eq(n->updated, 500);
	run_until(MS(1500));
	fixture_inject(eth0, reply_b, sizeof(reply_b));
	settle();
	ck_assert_mem_eq(n->ha, gw_mac, ETH_ALEN);
	run_until(MS(2600));
	fixture_inject(eth0, reply_b, sizeof(reply_b));
	settle();
	ck_assert_mem_eq(n->ha, new_mac, ETH_ALEN);
	ck_assert_uint_eq(n->nud_state, NUD_REACHABLE);
	ck_assert_int_eq(FX_COUNT(&fx.rec, "h0", eth_header_cache_update), 1);
	/* The cached header follows the new MAC. */
	xmit_via("10.0.0.1", make_ip_skb("10.0.0.1", 32, 9));
	settle();
	ck_assert_int_eq(FX_COUNT(&fx.rec, "h0", neigh_hh_output), 1);
	f = nth_frame(ETH_P_IP, count_frames(ETH_P_IP) - 1);
	ck_assert_mem_eq(f->data, new_mac, ETH_ALEN);
	ck_assert_mem_eq(f->data + 6, our_mac, ETH_ALEN);
}
END_TEST

/* ---- receiving ARP ---------------------------------------------------------------- */

START_TEST(test_request_for_us_is_answered)
{
	struct neighbour *n;

	fixture_inject(eth0, request_from_gw, sizeof(request_from_gw));
	settle();
	ck_assert_int_eq(fx.nframes, 1);
	ck_assert_uint_eq(fx.frames[0].len, sizeof(golden_reply_to_gw));
	ck_assert_mem_eq(fx.frames[0].data, golden_reply_to_gw, sizeof(golden_reply_to_gw));
	/* The asker is remembered, but a request proves nothing: STALE. */
	n = entry("10.0.0.1");
	ck_assert_ptr_nonnull(n);
	ck_assert_uint_eq(n->nud_state, NUD_STALE);
	ck_assert_mem_eq(n->ha, gw_mac, ETH_ALEN);
	ck_assert_int_eq(n->refcnt, 1);	/* only the table's */
}
END_TEST

START_TEST(test_request_does_not_demote_reachable)
{
	struct neighbour *n = resolve_gw();

	fixture_inject(eth0, request_from_gw, sizeof(request_from_gw));
	settle();
	ck_assert_uint_eq(n->nud_state, NUD_REACHABLE);
}
END_TEST

static void
inject_modified(unsigned int off, u8 val, unsigned int len)
{
	u8 buf[64];

	memcpy(buf, request_from_gw, sizeof(request_from_gw));
	buf[off] = val;
	fixture_inject(eth0, buf, len);
	settle();
}

START_TEST(test_malformed_arp_dropped_and_counted)
{
	static const u8 unknown_reply[42] = {
		0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x52, 0x54, 0x00, 0x00, 0x00, 0x09, 0x08, 0x06,
		0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x02,
		0x52, 0x54, 0x00, 0x00, 0x00, 0x09, 10, 0, 0, 9,
		0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 10, 0, 0, 2,
	};

	inject_modified(0, 0xff, 14 + 20);	/* truncated body */
	inject_modified(0, 0xff, 14);		/* no body at all */
	ck_assert_uint_eq(h->mib[SIM_MIB_ARP_BADLEN], 2);
	inject_modified(18, 8, 42);		/* ar_hln 8 */
	inject_modified(19, 16, 42);		/* ar_pln 16 */
	inject_modified(15, 6, 42);		/* ar_hrd IEEE 802 */
	inject_modified(16, 0x86, 42);		/* ar_pro 0x86dd-ish */
	inject_modified(21, 9, 42);		/* ar_op 9 */
	ck_assert_uint_eq(h->mib[SIM_MIB_ARP_BADHDR], 5);
	inject_modified(41, 77, 42);		/* who-has 10.0.0.77: not us */
	ck_assert_uint_eq(h->mib[SIM_MIB_ARP_NOTFORUS], 1);
	/* Unsolicited reply from a stranger: no entry (arp_accept 0). */
	fixture_inject(eth0, unknown_reply, sizeof(unknown_reply));
	settle();
	ck_assert_ptr_null(entry("10.0.0.9"));
	ck_assert_int_eq(h->arp_tbl->entries, 0);
	ck_assert_int_eq(fx.nframes, 0);
}
END_TEST

/* ---- special entries, show, flush, limits ------------------------------------------ */

START_TEST(test_limited_broadcast_is_noarp)
{
	struct neighbour *n;

	xmit_via("255.255.255.255", make_ip_skb("255.255.255.255", 8, 1));
	settle();
	n = entry("255.255.255.255");
	ck_assert_uint_eq(n->nud_state, NUD_NOARP);
	ck_assert_int_eq(count_frames(ETH_P_ARP), 0);
	ck_assert_int_eq(count_frames(ETH_P_IP), 1);
	ck_assert_mem_eq(nth_frame(ETH_P_IP, 0)->data, eth0->broadcast, ETH_ALEN);
}
END_TEST

static char *
show_dev(const struct net_device *dev)
{
	static char buf[1024];
	FILE *f;

	memset(buf, 0, sizeof(buf));
	f = fmemopen(buf, sizeof(buf) - 1, "w");

	ck_assert_ptr_nonnull(f);
	if (dev)
		sim_neigh_show_dev(h, dev, f);
	else
		sim_neigh_show(h, f);
	fclose(f);
	return buf;
}

static char *
show(void)
{
	return show_dev(NULL);
}

START_TEST(test_neigh_show_golden)
{
	static const u8 mac6[ETH_ALEN] = { 0x52, 0x54, 0x00, 0x00, 0x00, 0x06 };
	__be32 a6 = fx_addr("10.0.0.6"), bc = fx_addr("255.255.255.255");
	struct neighbour *n;

	resolve_gw();
	xmit_via("10.0.0.4", make_ip_skb("10.0.0.4", 8, 1));
	run_until(MS(3000));	/* 10.0.0.4 gives up */
	n = __neigh_create(h->arp_tbl, &bc, eth0, false);	/* NOARP: hidden */
	ck_assert(!IS_ERR(n));
	n = neigh_create(h->arp_tbl, &a6, eth0);
	ck_assert_int_eq(neigh_update(n, mac6, NUD_STALE, NEIGH_UPDATE_F_OVERRIDE), 0);
	neigh_release(n);
	xmit_via("10.0.0.3", make_ip_skb("10.0.0.3", 8, 1));
	settle();
	ck_assert_str_eq(show(),
			 "10.0.0.1 dev eth0 lladdr 52:54:00:00:00:01 REACHABLE\n"
			 "10.0.0.4 dev eth0  FAILED\n"
			 "10.0.0.6 dev eth0 lladdr 52:54:00:00:00:06 STALE\n"
			 "10.0.0.3 dev eth0  INCOMPLETE\n");
	/* `ip neigh show dev eth0` drops the dev column. */
	ck_assert_str_eq(show_dev(eth0),
			 "10.0.0.1 lladdr 52:54:00:00:00:01 REACHABLE\n"
			 "10.0.0.4  FAILED\n"
			 "10.0.0.6 lladdr 52:54:00:00:00:06 STALE\n"
			 "10.0.0.3  INCOMPLETE\n");
	ck_assert_str_eq(sim_neigh_state_name(NUD_PROBE), "PROBE");
	ck_assert_str_eq(sim_neigh_state_name(NUD_NONE), "NONE");
}
END_TEST

static void
count_cb(const struct neighbour *n, void *arg)
{
	(void)n;
	(*(int *)arg)++;
}

START_TEST(test_neigh_flush_frees_queued)
{
	__be32 bc = fx_addr("255.255.255.255");
	int seen = 0;

	for (int i = 0; i < 3; i++)
		xmit_via("10.0.0.1", make_ip_skb("10.0.0.1", 100, (u8)i));
	ck_assert(!IS_ERR(__neigh_create(h->arp_tbl, &bc, eth0, false)));
	settle();
	ck_assert_uint_eq(sim_skb_ledger_live(&fx.ledger, NULL), 3);
	ck_assert_int_eq(neigh_for_each(h, count_cb, &seen), 2);
	ck_assert_int_eq(seen, 2);

	ck_assert_int_eq(sim_neigh_flush(h, NULL), 1);	/* NOARP entry stays */
	ck_assert_uint_eq(sim_skb_ledger_live(&fx.ledger, NULL), 0);
	ck_assert_ptr_null(entry("10.0.0.1"));
	ck_assert_ptr_nonnull(entry("255.255.255.255"));
	ck_assert_int_eq(h->arp_tbl->entries, 1);
	/* The timer went with the entry: no more requests, ever. */
	run_until(MS(10000));
	ck_assert_int_eq(count_requests_for("10.0.0.1"), 1);
	ck_assert_str_eq(show(), "");
	arp_ifdown(eth0);	/* the device goes down: NOARP entries go too */
	ck_assert_int_eq(h->arp_tbl->entries, 0);
}
END_TEST

/* dev_close tells the fib (NETDEV_DOWN), which tells ARP: the entries
 * of the device, and the packets waiting on them, are gone, as in 3.10
 * (fib_netdev_event -> fib_disable_ip -> arp_ifdown). */
START_TEST(test_device_down_forgets_its_neighbours)
{
	for (int i = 0; i < 2; i++)
		xmit_via("10.0.0.1", make_ip_skb("10.0.0.1", 100, (u8)i));
	settle();
	ck_assert_ptr_nonnull(entry("10.0.0.1"));
	ck_assert_uint_eq(sim_skb_ledger_live(&fx.ledger, NULL), 2);
	fixture_forget(&fx);
	dev_close(eth0);
	ck_assert_ptr_null(entry("10.0.0.1"));
	ck_assert_int_eq(h->arp_tbl->entries, 0);
	ck_assert_uint_eq(sim_skb_ledger_live(&fx.ledger, NULL), 0);
	ck_assert_int_eq(FX_COUNT(&fx.rec, NULL, call_netdevice_notifiers), 1);
	ck_assert_int_eq(FX_COUNT(&fx.rec, NULL, fib_disable_ip), 1);
	ck_assert_int_eq(FX_COUNT(&fx.rec, NULL, arp_ifdown), 1);
	ck_assert_int_ge(FX_FIND(&fx.rec, 0, NULL, neigh_ifdown),
			 FX_FIND(&fx.rec, 0, NULL, fib_netdev_event));
}
END_TEST

START_TEST(test_table_full_is_counted)
{
	enum { MAX = 1024 };
	static struct neighbour *held[MAX];
	struct neighbour *n;
	__be32 key;

	fixture_stop_recording(&fx);	/* 1025 entries: the counters are looked at */
	for (int i = 0; i < MAX; i++) {
		key = htonl(0x0a010000 + i);	/* 10.1.x.y */
		held[i] = neigh_create(h->arp_tbl, &key, eth0);
		ck_assert(!IS_ERR(held[i]));
	}
	ck_assert_int_eq(h->arp_tbl->entries, MAX);
	key = htonl(0x0a020000);
	n = neigh_create(h->arp_tbl, &key, eth0);
	ck_assert(IS_ERR(n));
	ck_assert_int_eq(PTR_ERR(n), -ENOBUFS);
	ck_assert_uint_eq(h->mib[NEIGH_TABLE_FULL], 1);
	ck_assert_uint_ge(h->mib[NEIGH_FORCED_GC_RUNS], 1);
	/* Once nobody holds them, the forced GC makes room. */
	for (int i = 0; i < MAX; i++)
		neigh_release(held[i]);
	n = neigh_create(h->arp_tbl, &key, eth0);
	ck_assert(!IS_ERR(n));
	ck_assert_int_eq(h->arp_tbl->entries, 1);
	neigh_release(n);
}
END_TEST

Suite *neighbour_suite(void);

Suite *
neighbour_suite(void)
{
	Suite *s = suite_create("neighbour");

	fixture_add_tcase(s, "eth", setup, teardown, 0, (const TTest *const []){
		test_ether_setup_defaults,
		test_eth_header_build_and_unresolved,
		test_eth_type_trans_pkt_types,
		NULL,
	});

	fixture_add_tcase(s, "resolve", setup, teardown, 0, (const TTest *const []){
		test_unresolved_queues_and_requests,
		test_arp_create_golden,
		test_reply_resolves_and_drains_in_order,
		test_three_broadcast_probes_then_failed,
		test_reachable_stale_delay_probe_reachable,
		test_probe_without_answer_fails,
		test_queue_byte_limit_drops_oldest,
		test_lladdr_override_after_locktime,
		NULL,
	});

	fixture_add_tcase(s, "arp_rcv", setup, teardown, 0, (const TTest *const []){
		test_request_for_us_is_answered,
		test_request_does_not_demote_reachable,
		test_malformed_arp_dropped_and_counted,
		NULL,
	});

	fixture_add_tcase(s, "admin", setup, teardown, 0, (const TTest *const []){
		test_limited_broadcast_is_noarp,
		test_neigh_show_golden,
		test_neigh_flush_frees_queued,
		test_device_down_forgets_its_neighbours,
		test_table_full_is_counted,
		NULL,
	});
	return s;
}
