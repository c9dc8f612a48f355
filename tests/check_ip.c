/*
 * tests/check_ip.c - IPv4 output and fragmentation, input checks,
 * reassembly, forwarding, ICMP, a raw ICMP socket as ping uses it, and
 * the ping tool (layers/ip_output.c, ip_input.c, ip_forward.c,
 * ip_fragment.c, icmp.c, raw.c, ip_sockglue.c, tools/ping.c).
 *
 * Hosts have fake devices (tests/fixture.h) and statically resolved
 * neighbours, so frames leave at once and the tests see them as bytes.
 * Checksums are verified with the test's own RFC 1071 sum, not the
 * stack's.  Where several hosts talk, a small relay copies each frame a
 * fake device sent to the device at the other end of its "cable", after
 * a fixed delay, through engine events.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fixture.h"
#include "events/icmp.h"
#include "events/ip.h"
#include "layers/ip.h"
#include "layers/raw.h"
#include "layers/route.h"
#include "layers/neighbour.h"
#include "tools/tools.h"

#define US(x)		((ktime_t)(x) * NSEC_PER_USEC)
#define RELAY_DELAY	US(86)

static struct fixture fx;
static const u8 peer_mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0x09, 0x09 };

/* ---- helpers ------------------------------------------------------- */

/* Header checksum valid, and equal to a fresh computation. */
static void
assert_ip_csum(const struct iphdr *iph)
{
	u8 copy[60];
	unsigned int hlen = iph->ihl * 4;

	ck_assert_uint_eq(fixture_csum(iph, hlen, 0), 0);
	memcpy(copy, iph, hlen);
	copy[10] = copy[11] = 0;
	ck_assert_uint_eq(fixture_csum(copy, hlen, 0), ntohs(iph->check));
}

static void
settle(void)
{
	ck_assert_int_eq(sim_run(&fx.eng, fx.eng.now + 1, 100000), 0);
}

static const struct iphdr *
frame_iph(int i)
{
	ck_assert_int_lt(i, fx.nframes);
	ck_assert_uint_ge(fx.frames[i].len, ETH_HLEN + sizeof(struct iphdr));
	ck_assert_uint_eq(fx.frames[i].data[12], 0x08);
	ck_assert_uint_eq(fx.frames[i].data[13], 0x00);
	return (const struct iphdr *)(fx.frames[i].data + ETH_HLEN);
}

/* An Ethernet + IP frame with a chosen id and frag_off (host order). */
static unsigned int
build_ip(u8 *buf, const u8 *dmac, const u8 *smac, const char *saddr, const char *daddr,
	 u8 proto, u16 id, u16 frag_off, u8 ttl, const void *payload, unsigned int plen)
{
	unsigned int len = fixture_build_ip(buf, dmac, smac, saddr, daddr, proto, payload, plen);
	struct iphdr *iph = (struct iphdr *)(buf + ETH_HLEN);

	iph->id = htons(id);
	iph->frag_off = htons(frag_off);
	iph->ttl = ttl;
	iph->check = 0;
	iph->check = htons(fixture_csum(iph, sizeof(*iph), 0));
	return len;
}

/* An ICMP echo request: header + @dlen bytes of pattern, checksummed. */
static unsigned int
build_echo(u8 *icmp, u16 id, u16 seq, unsigned int dlen)
{
	struct icmphdr *ic = (struct icmphdr *)icmp;

	memset(ic, 0, sizeof(*ic));
	ic->type = ICMP_ECHO;
	ic->un.echo.id = htons(id);
	ic->un.echo.sequence = htons(seq);
	for (unsigned int i = 0; i < dlen; i++)
		icmp[sizeof(*ic) + i] = (u8)(i * 7 + 3);
	ic->checksum = htons(fixture_csum(icmp, sizeof(*ic) + dlen, 0));
	return sizeof(*ic) + dlen;
}

/* Rebuild the datagram of frames [first, first+n) in @out; returns its
 * payload length (after the IP header). */
static unsigned int
reassemble_frames(int first, int n, u8 *out, unsigned int cap)
{
	unsigned int total = 0;

	for (int i = first; i < first + n; i++) {
		const struct iphdr *iph = frame_iph(i);
		unsigned int off = (ntohs(iph->frag_off) & IP_OFFSET) * 8;
		unsigned int plen = ntohs(iph->tot_len) - iph->ihl * 4;

		ck_assert_uint_le(off + plen, cap);
		memcpy(out + off, (const u8 *)iph + iph->ihl * 4, plen);
		if (off + plen > total)
			total = off + plen;
	}
	return total;
}

/* ---- a relay: fake "cables" between fake devices ------------------- */

struct relay_frame {
	struct sim_event ev;
	struct net_device *to;
	unsigned int len;
	u8 data[ETH_FRAME_LEN + 64];
};

struct relay {
	struct net_device *a[4], *b[4];	/* the two ends of each cable */
	int ncables;
	int next;			/* first frame not yet relayed */
	bool cut;			/* drop everything (no answers) */
};

static struct relay relay;

static void
relay_deliver(struct sim_event *ev)
{
	struct relay_frame *rf = container_of(ev, struct relay_frame, ev);

	fixture_inject(rf->to, rf->data, rf->len);
	free(rf);
}

static void
relay_cable(struct net_device *a, struct net_device *b)
{
	relay.a[relay.ncables] = a;
	relay.b[relay.ncables] = b;
	relay.ncables++;
}

static void
relay_new_frames(void)
{
	for (; relay.next < fx.nframes; relay.next++) {
		const struct fixture_frame *fr = &fx.frames[relay.next];
		struct net_device *to = NULL;
		struct relay_frame *rf;

		for (int i = 0; i < relay.ncables; i++) {
			if (fr->dev == relay.a[i])
				to = relay.b[i];
			else if (fr->dev == relay.b[i])
				to = relay.a[i];
		}
		if (!to || relay.cut)
			continue;
		rf = calloc(1, sizeof(*rf));
		ck_assert_ptr_nonnull(rf);
		rf->to = to;
		rf->len = fr->len;
		memcpy(rf->data, fr->data, fr->len);
		sim_event_init(&rf->ev, "relay", relay_deliver);
		sim_event_schedule(&fx.eng, &rf->ev, fx.eng.now + RELAY_DELAY);
	}
}

/* Run the world until nothing is left to happen (bounded). */
static void
pump(void)
{
	for (int n = 0; n < 200000; n++) {
		relay_new_frames();
		if (!sim_run_one(&fx.eng)) {
			relay_new_frames();
			if (!fx.eng.heap_len)
				return;
		}
	}
	ck_abort_msg("world did not go idle");
}

/* ---- output and fragmentation --------------------------------------- */

static struct net *h0;
static struct net_device *eth0;

static void
setup_one(void)
{
	fixture_setup(&fx, 1);
	h0 = fx.host[0];
	eth0 = fixture_fake_dev(&fx, h0, "eth0", "10.0.0.2/24");
	fixture_neigh_static(h0, eth0, "10.0.0.1", peer_mac);
	memset(&relay, 0, sizeof(relay));
}

static void
teardown_any(void)
{
	fixture_teardown(&fx);
}

/*
 * The next report on @fd's error queue is "fragmentation needed, mtu
 * @mtu" from @offender about echo request @seq to @target.
 */
static void
assert_frag_needed(int fd, u32 mtu, const char *offender, const char *target, u16 seq)
{
	struct fixture_errq e;

	ck_assert_int_eq(fixture_raw_recv_error(h0, fd, &e), 0);
	ck_assert_uint_eq(e.ee.ee_origin, SO_EE_ORIGIN_ICMP);
	ck_assert_uint_eq(e.ee.ee_errno, EMSGSIZE);
	ck_assert_uint_eq(e.ee.ee_type, ICMP_DEST_UNREACH);
	ck_assert_uint_eq(e.ee.ee_code, ICMP_FRAG_NEEDED);
	ck_assert_uint_eq(e.ee.ee_info, mtu);
	ck_assert_uint_eq(e.offender, fx_addr(offender));
	ck_assert_uint_eq(e.target, fx_addr(target));
	ck_assert_uint_eq(e.seq, seq);
}

START_TEST(test_output_fragments_4000)
{
	static u8 msg[8 + 4000], whole[8 + 4000];
	int fd = fixture_raw_socket(h0, IP_PMTUDISC_WANT);
	const unsigned int sizes[3] = { 1500, 1500, 1068 };
	const unsigned int offsets[3] = { 0, 185, 370 };
	unsigned int len = build_echo(msg, 0x4242, 7, 4000);
	u16 id = 0;

	ck_assert_int_eq(fixture_raw_send(h0, fd, "10.0.0.1", msg, len), (int)len);
	settle();
	ck_assert_int_eq(fx.nframes, 3);
	for (int i = 0; i < 3; i++) {
		const struct iphdr *iph = frame_iph(i);
		u16 fo = ntohs(iph->frag_off);

		ck_assert_mem_eq(fx.frames[i].data, peer_mac, ETH_ALEN);
		ck_assert_uint_eq(fx.frames[i].len, ETH_HLEN + sizes[i]);
		ck_assert_uint_eq(ntohs(iph->tot_len), sizes[i]);
		ck_assert_uint_eq(fo & IP_OFFSET, offsets[i]);
		ck_assert_uint_eq(!!(fo & IP_MF), i < 2);
		ck_assert_uint_eq(fo & IP_DF, 0);	/* "want": too big, so no DF */
		ck_assert_uint_eq(iph->protocol, IPPROTO_ICMP);
		ck_assert_uint_eq(iph->ttl, 64);
		assert_ip_csum(iph);
		if (i == 0)
			id = iph->id;
		ck_assert_uint_eq(iph->id, id);
	}
	/* Put together again, it is the message that was sent. */
	ck_assert_uint_eq(reassemble_frames(0, 3, whole, sizeof(whole)), len);
	ck_assert_uint_eq(fixture_csum(whole, len, 0), 0);
	/* A raw socket sends what it was given, id and checksum included. */
	ck_assert_mem_eq(whole, msg, len);
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_FRAGOKS], 1);
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_FRAGCREATES], 3);
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_OUTPKTS], 1);
	ck_assert_int_eq(FX_COUNT(&fx.rec, "h0", ip_fragment), 1);
}
END_TEST

START_TEST(test_output_df_rules)
{
	u8 msg[8 + 56];
	int fd = fixture_raw_socket(h0, IP_PMTUDISC_WANT), v;
	unsigned int len = build_echo(msg, 0, 1, 56);

	/* "want" and it fits: DF.  "dont": never DF.  "do": DF. */
	ck_assert_int_eq(fixture_raw_send(h0, fd, "10.0.0.1", msg, len), (int)len);
	v = IP_PMTUDISC_DONT;
	ck_assert_int_eq(sys_setsockopt(h0, fd, SOL_IP, IP_MTU_DISCOVER, &v, sizeof(v)), 0);
	ck_assert_int_eq(fixture_raw_send(h0, fd, "10.0.0.1", msg, len), (int)len);
	v = IP_PMTUDISC_DO;
	ck_assert_int_eq(sys_setsockopt(h0, fd, SOL_IP, IP_MTU_DISCOVER, &v, sizeof(v)), 0);
	ck_assert_int_eq(fixture_raw_send(h0, fd, "10.0.0.1", msg, len), (int)len);
	v = IP_PMTUDISC_PROBE + 1;
	ck_assert_int_eq(sys_setsockopt(h0, fd, SOL_IP, IP_MTU_DISCOVER, &v, sizeof(v)), -EINVAL);
	settle();
	ck_assert_int_eq(fx.nframes, 3);
	ck_assert_uint_eq(ntohs(frame_iph(0)->frag_off), IP_DF);
	ck_assert_uint_eq(ntohs(frame_iph(1)->frag_off), 0);
	ck_assert_uint_eq(ntohs(frame_iph(2)->frag_off), IP_DF);
	ck_assert_uint_eq(ntohs(frame_iph(0)->tot_len), 84);
	/* Every datagram gets its own ID. */
	ck_assert_uint_ne(frame_iph(0)->id, frame_iph(1)->id);
	ck_assert_uint_ne(frame_iph(1)->id, frame_iph(2)->id);
}
END_TEST

START_TEST(test_output_df_too_big_error_through_lo)
{
	static u8 msg[8 + 2000];
	int fd = fixture_raw_socket(h0, IP_PMTUDISC_DO);
	unsigned int len = build_echo(msg, 0, 3, 2000);

	/* 3.10 builds it; ip_fragment may not cut it, and tells us so with
	 * an ICMP error to our own address, which comes back through lo
	 * before sendmsg returns. */
	ck_assert_int_eq(fixture_raw_send(h0, fd, "10.0.0.1", msg, len), -EMSGSIZE);
	ck_assert_int_eq(fx.nframes, 0);		/* nothing reached the wire */
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_FRAGFAILS], 1);
	ck_assert_uint_eq(h0->mib[ICMP_MIB_OUTDESTUNREACHS], 1);
	ck_assert_uint_eq(h0->mib[ICMP_MIB_INDESTUNREACHS], 1);
	ck_assert_uint_eq(h0->loopback_dev->stats.rx_packets, 1);
	assert_frag_needed(fd, 1500, "10.0.0.2", "10.0.0.1", 3);
	ck_assert_int_eq(fixture_raw_recv_error(h0, fd, &(struct fixture_errq){ 0 }), -EAGAIN);
	settle();
	ck_assert_int_eq(fx.nframes, 0);
}
END_TEST

/* ---- input checks ----------------------------------------------------- */

/* A datagram from the peer 10.0.0.1 to us (10.0.0.2) in @buf; its frame length. */
static unsigned int
from_peer(u8 *buf, u8 proto, const void *payload, unsigned int plen)
{
	return fixture_build_ip(buf, eth0->dev_addr, peer_mac, "10.0.0.1", "10.0.0.2", proto,
				payload, plen);
}

/* Hand the first @len bytes of @buf to eth0 and let the stack run. */
static void
inject_settle(const u8 *buf, unsigned int len)
{
	fixture_inject(eth0, buf, len);
	settle();
}

/* After editing the IP header in @buf: a valid checksum over @hlen bytes
 * again (so only the edit is wrong), then inject. */
static void
reseal_inject(u8 *buf, unsigned int len, unsigned int hlen)
{
	struct iphdr *iph = (struct iphdr *)(buf + ETH_HLEN);

	iph->check = 0;
	iph->check = htons(fixture_csum(iph, hlen, 0));
	inject_settle(buf, len);
}

START_TEST(test_rcv_drops_and_counts)
{
	u8 buf[128], icmp[16];
	unsigned int len, plen = build_echo(icmp, 1, 1, 8);
	struct iphdr *iph = (struct iphdr *)(buf + ETH_HLEN);
	unsigned long base = h0->mib[IPSTATS_MIB_INHDRERRORS];

	/* Truncated: 12 bytes of IP. */
	len = from_peer(buf, IPPROTO_ICMP, icmp, plen);
	inject_settle(buf, ETH_HLEN + 12);
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_INHDRERRORS], base + 1);

	/* Version 6 in an IPv4 frame. */
	iph->version = 6;
	reseal_inject(buf, len, 20);
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_INHDRERRORS], base + 2);

	/* ihl 4: a header shorter than the minimum. */
	len = from_peer(buf, IPPROTO_ICMP, icmp, plen);
	iph->ihl = 4;
	reseal_inject(buf, len, 16);
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_INHDRERRORS], base + 3);

	/* A flipped checksum bit. */
	len = from_peer(buf, IPPROTO_ICMP, icmp, plen);
	iph->check ^= htons(0x0100);
	inject_settle(buf, len);
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_CSUMERRORS], 1);
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_INHDRERRORS], base + 4);

	/* tot_len claims more than arrived. */
	len = from_peer(buf, IPPROTO_ICMP, icmp, plen);
	iph->tot_len = htons(ntohs(iph->tot_len) + 40);
	reseal_inject(buf, len, 20);
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_INTRUNCATEDPKTS], 1);

	/* tot_len shorter than the header. */
	len = from_peer(buf, IPPROTO_ICMP, icmp, plen);
	iph->tot_len = htons(12);
	reseal_inject(buf, len, 20);
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_INHDRERRORS], base + 5);

	/* A frame for another MAC (promiscuous capture) is not routed. */
	len = fixture_build_ip(buf, peer_mac, peer_mac, "10.0.0.1", "10.0.0.2",
			       IPPROTO_ICMP, icmp, plen);
	inject_settle(buf, len);
	ck_assert_uint_eq(h0->mib[SIM_MIB_RXOTHERHOST], 1);

	/* None of these got past ip_rcv; nothing was answered. */
	ck_assert_int_eq(FX_COUNT(&fx.rec, "h0", ip_rcv_finish), 0);
	ck_assert_int_eq(fx.nframes, 0);

	/* Ethernet padding after a good datagram is trimmed, not an error. */
	len = from_peer(buf, IPPROTO_ICMP, icmp, plen);
	memset(buf + len, 0, 60 - len);
	inject_settle(buf, 60);
	ck_assert_uint_eq(h0->mib[ICMP_MIB_INECHOS], 1);
	ck_assert_int_eq(fx.nframes, 1);
	ck_assert_uint_eq(ntohs(frame_iph(0)->tot_len), 20 + plen);
}
END_TEST

/* 10.0.0.1 pings 10.0.0.2 (id 0x1234, seq 1, "netstep!"); the answer,
 * byte for byte, with the IP ID forced to 0x1000. */
static const u8 golden_echo_reply[50] = {
	0x02, 0x00, 0x00, 0x00, 0x09, 0x09, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00,
	0x45, 0x00, 0x00, 0x24, 0x10, 0x00, 0x00, 0x00, 0x40, 0x01, 0x56, 0xd7,
	0x0a, 0x00, 0x00, 0x02, 0x0a, 0x00, 0x00, 0x01,
	0x00, 0x00, 0x26, 0x6b, 0x12, 0x34, 0x00, 0x01,
	0x6e, 0x65, 0x74, 0x73, 0x74, 0x65, 0x70, 0x21,
};

START_TEST(test_echo_reply_golden)
{
	u8 icmp[16] = { 0x08, 0x00, 0x1e, 0x6b, 0x12, 0x34, 0x00, 0x01,
			'n', 'e', 't', 's', 't', 'e', 'p', '!' };
	u8 buf[128];
	unsigned int len;

	ck_assert_uint_eq(fixture_csum(icmp, sizeof(icmp), 0), 0);	/* the request is valid */
	ck_assert_mem_eq(eth0->dev_addr, golden_echo_reply + 6, ETH_ALEN);
	h0->ip_id = 0x1000;
	len = from_peer(buf, IPPROTO_ICMP, icmp, sizeof(icmp));
	inject_settle(buf, len);

	ck_assert_int_eq(fx.nframes, 1);
	ck_assert_uint_ge(fx.frames[0].len, sizeof(golden_echo_reply));
	ck_assert_mem_eq(fx.frames[0].data, golden_echo_reply, sizeof(golden_echo_reply));
	for (unsigned int i = sizeof(golden_echo_reply); i < fx.frames[0].len; i++)
		ck_assert_uint_eq(fx.frames[0].data[i], 0);	/* only padding after */
	/* Parsed back: addresses swapped, both checksums hold. */
	assert_ip_csum(frame_iph(0));
	ck_assert_uint_eq(frame_iph(0)->saddr, fx_addr("10.0.0.2"));
	ck_assert_uint_eq(frame_iph(0)->daddr, fx_addr("10.0.0.1"));
	ck_assert_uint_eq(fixture_csum(fx.frames[0].data + 34, 16, 0), 0);
	ck_assert_uint_eq(h0->mib[ICMP_MIB_INECHOS], 1);
	ck_assert_uint_eq(h0->mib[ICMP_MIB_OUTECHOREPS], 1);
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_INDELIVERS], 1);
}
END_TEST

START_TEST(test_icmp_bad_checksum_and_unknown_protocol)
{
	u8 buf[128], icmp[16];
	unsigned int len, plen = build_echo(icmp, 9, 9, 8);
	const struct icmphdr *ic;

	icmp[9] ^= 0xff;		/* payload changed, checksum not */
	len = from_peer(buf, IPPROTO_ICMP, icmp, plen);
	inject_settle(buf, len);
	ck_assert_uint_eq(h0->mib[ICMP_MIB_CSUMERRORS], 1);
	ck_assert_uint_eq(h0->mib[ICMP_MIB_INERRORS], 1);
	ck_assert_int_eq(fx.nframes, 0);

	/* Protocol 253 (experimental): nobody here speaks it. */
	len = from_peer(buf, 253, icmp, plen);
	inject_settle(buf, len);
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_INUNKNOWNPROTOS], 1);
	ck_assert_int_eq(fx.nframes, 1);
	ic = (const struct icmphdr *)((const u8 *)frame_iph(0) + 20);
	ck_assert_uint_eq(ic->type, ICMP_DEST_UNREACH);
	ck_assert_uint_eq(ic->code, ICMP_PROT_UNREACH);
	ck_assert_uint_eq(frame_iph(0)->saddr, fx_addr("10.0.0.2"));
	ck_assert_uint_eq(frame_iph(0)->tos, IPTOS_PREC_INTERNETCONTROL);
	/* It quotes the offending header and its first bytes. */
	ck_assert_mem_eq((const u8 *)(ic + 1), buf + ETH_HLEN, 20 + plen);
	ck_assert_uint_eq(fixture_csum(ic, ntohs(frame_iph(0)->tot_len) - 20, 0), 0);
	ck_assert_uint_eq(h0->mib[ICMP_MIB_OUTDESTUNREACHS], 1);
}
END_TEST

/* ---- reassembly --------------------------------------------------------- */

/* Inject the 3 fragments of an echo request of 3000 data bytes from
 * 10.0.0.1, in the order given; check the reply carries the same data. */
static void
reasm_and_check(const int order[3])
{
	static u8 icmp[8 + 3000], buf[1600], whole[8 + 3000];
	unsigned int len = build_echo(icmp, 0x4242, 5, 3000);
	const unsigned int off[3] = { 0, 1480, 2960 };
	int first, reasm;

	for (int k = 0; k < 3; k++) {
		int i = order[k];
		unsigned int plen = i < 2 ? 1480 : len - 2960;
		unsigned int flen = build_ip(buf, eth0->dev_addr, peer_mac, "10.0.0.1", "10.0.0.2",
					     IPPROTO_ICMP, 0x77, (off[i] / 8) | (i < 2 ? IP_MF : 0),
					     64, icmp + off[i], plen);

		fixture_inject(eth0, buf, flen);
		settle();
		ck_assert_int_eq(ip_frag_nqueues(h0), k < 2 ? 1 : 0);
	}
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_REASMREQDS], 3);
	/* The whole datagram went up with a route (LOCAL_IN, ICMP). */
	reasm = FX_FIND(&fx.rec, 0, "h0", ip_frag_reasm);
	ck_assert_int_ge(reasm, 0);
	ck_assert_int_gt(FX_FIND(&fx.rec, reasm, "h0", icmp_echo), reasm);
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_REASMOKS], 1);
	ck_assert_uint_eq(h0->mib[ICMP_MIB_INECHOS], 1);
	ck_assert_int_eq(ip_frag_mem(h0), 0);

	/* The reply is as big, so it leaves in fragments (no DF on ICMP). */
	first = 0;
	ck_assert_int_eq(fx.nframes, 3);
	ck_assert_uint_eq(reassemble_frames(first, 3, whole, sizeof(whole)), len);
	ck_assert_uint_eq(whole[0], ICMP_ECHOREPLY);
	ck_assert_uint_eq(fixture_csum(whole, len, 0), 0);
	ck_assert_mem_eq(whole + 4, icmp + 4, len - 4);	/* id, seq, data */
}

START_TEST(test_reasm_in_order)
{
	const int order[3] = { 0, 1, 2 };

	reasm_and_check(order);
}
END_TEST

START_TEST(test_reasm_out_of_order)
{
	const int order[3] = { 2, 0, 1 };

	reasm_and_check(order);
}
END_TEST

START_TEST(test_reasm_overlap_drops_queue)
{
	static u8 data[2000];
	u8 buf[1600];
	unsigned int len;

	len = build_ip(buf, eth0->dev_addr, peer_mac, "10.0.0.1", "10.0.0.2", IPPROTO_ICMP,
		       0x99, IP_MF | 0, 64, data, 1480);
	inject_settle(buf, len);
	ck_assert_int_eq(ip_frag_nqueues(h0), 1);
	ck_assert_int_gt(ip_frag_mem(h0), 0);

	/* Starts at 1000, inside the first one's 0..1480. */
	len = build_ip(buf, eth0->dev_addr, peer_mac, "10.0.0.1", "10.0.0.2", IPPROTO_ICMP,
		       0x99, IP_MF | (1000 / 8), 64, data, 800);
	inject_settle(buf, len);
	ck_assert_int_eq(ip_frag_nqueues(h0), 0);
	ck_assert_int_eq(ip_frag_mem(h0), 0);
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_REASMFAILS], 1);

	/* A later fragment of the same datagram starts afresh (and is freed
	 * with the host: teardown checks). */
	len = build_ip(buf, eth0->dev_addr, peer_mac, "10.0.0.1", "10.0.0.2", IPPROTO_ICMP,
		       0x99, 1480 / 8, 64, data, 200);
	inject_settle(buf, len);
	ck_assert_int_eq(ip_frag_nqueues(h0), 1);
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_REASMOKS], 0);

	/* Exact duplicate: dropped alone, the queue lives on. */
	inject_settle(buf, len);
	ck_assert_int_eq(ip_frag_nqueues(h0), 1);
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_REASMFAILS], 1);
}
END_TEST

START_TEST(test_reasm_timeout)
{
	static u8 data[1480];
	u8 buf[1600];
	unsigned int len;
	const struct icmphdr *ic;
	ktime_t t0 = fx.eng.now;

	len = build_ip(buf, eth0->dev_addr, peer_mac, "10.0.0.1", "10.0.0.2", IPPROTO_ICMP,
		       0x55, IP_MF, 64, data, sizeof(data));
	fixture_inject(eth0, buf, len);
	ck_assert_int_eq(sim_run(&fx.eng, t0 + 29 * NSEC_PER_SEC, 100000), 0);
	ck_assert_int_eq(ip_frag_nqueues(h0), 1);	/* still waiting at 29 s */
	ck_assert_int_eq(fx.nframes, 0);

	ck_assert_int_eq(sim_run(&fx.eng, t0 + 31 * NSEC_PER_SEC, 100000), 0);
	ck_assert_int_eq(ip_frag_nqueues(h0), 0);
	ck_assert_int_eq(ip_frag_mem(h0), 0);
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_REASMTIMEOUT], 1);
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_REASMFAILS], 1);
	/* Fragment 0 had come: its sender hears "reassembly time exceeded". */
	ck_assert_int_eq(fx.nframes, 1);
	ck_assert_uint_eq(frame_iph(0)->daddr, fx_addr("10.0.0.1"));
	ic = (const struct icmphdr *)((const u8 *)frame_iph(0) + 20);
	ck_assert_uint_eq(ic->type, ICMP_TIME_EXCEEDED);
	ck_assert_uint_eq(ic->code, ICMP_EXC_FRAGTIME);
	ck_assert_uint_eq(ntohs(((const struct iphdr *)(ic + 1))->id), 0x55);

	/* Without fragment 0 the queue dies silently. */
	len = build_ip(buf, eth0->dev_addr, peer_mac, "10.0.0.1", "10.0.0.2", IPPROTO_ICMP,
		       0x56, 1480 / 8, 64, data, 100);
	fixture_inject(eth0, buf, len);
	ck_assert_int_eq(sim_run(&fx.eng, fx.eng.now + 31 * NSEC_PER_SEC, 100000), 0);
	ck_assert_int_eq(ip_frag_nqueues(h0), 0);
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_REASMTIMEOUT], 2);
	ck_assert_int_eq(fx.nframes, 1);
}
END_TEST

START_TEST(test_reasm_memory_bound_evicts_oldest)
{
	static u8 data[1480];
	u8 buf[1600];
	unsigned int len;
	int per;

	len = build_ip(buf, eth0->dev_addr, peer_mac, "10.0.0.1", "10.0.0.2", IPPROTO_ICMP,
		       1, IP_MF, 64, data, sizeof(data));
	inject_settle(buf, len);
	per = ip_frag_mem(h0);
	ck_assert_int_gt(per, 0);
	/* Room for about three held fragments; evict down to two. */
	sim_ipfrag_sysctl(h0, 3 * per, 2 * per, -1);
	for (u16 id = 2; id <= 6; id++) {
		len = build_ip(buf, eth0->dev_addr, peer_mac, "10.0.0.1", "10.0.0.2",
			       IPPROTO_ICMP, id, IP_MF, 64, data, sizeof(data));
		fixture_inject(eth0, buf, len);
		settle();
		ck_assert_int_le(ip_frag_mem(h0), 4 * per);
	}
	ck_assert_int_le(ip_frag_nqueues(h0), 4);
	ck_assert_uint_ge(h0->mib[IPSTATS_MIB_REASMFAILS], 2);
	/* The newest is always kept. */
	ck_assert_int_ge(ip_frag_nqueues(h0), 1);
}
END_TEST

/* ---- forwarding ------------------------------------------------------- */

static struct net_device *r_eth0, *r_eth1;
static const u8 student_mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0x0a, 0x02 };
static const u8 server_mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0x0b, 0x02 };

static void
setup_router(void)
{
	fixture_setup(&fx, 1);
	h0 = fx.host[0];
	r_eth0 = fixture_fake_dev(&fx, h0, "eth0", "10.0.0.1/24");
	r_eth1 = fixture_fake_dev(&fx, h0, "eth1", "10.0.1.1/24");
	h0->ip_forward = 1;
	fixture_neigh_static(h0, r_eth0, "10.0.0.2", student_mac);
	fixture_neigh_static(h0, r_eth1, "10.0.1.2", server_mac);
	memset(&relay, 0, sizeof(relay));
}

/* A student -> server packet arriving on the router's eth0. */
static unsigned int
student_packet(u8 *buf, u8 ttl, u16 frag_off, unsigned int dlen)
{
	static u8 icmp[8 + 2000];
	unsigned int plen = build_echo(icmp, 1, 1, dlen);

	return build_ip(buf, r_eth0->dev_addr, student_mac, "10.0.0.2", "10.0.1.2",
			IPPROTO_ICMP, 0x4321, frag_off, ttl, icmp, plen);
}

START_TEST(test_forward_decrements_ttl)
{
	u8 buf[200];
	unsigned int len = student_packet(buf, 64, IP_DF, 56);
	const struct iphdr *in = (const struct iphdr *)(buf + ETH_HLEN), *out;

	fixture_inject(r_eth0, buf, len);
	settle();
	ck_assert_int_eq(fx.nframes, 1);
	ck_assert_ptr_eq(fx.frames[0].dev, r_eth1);
	ck_assert_mem_eq(fx.frames[0].data, server_mac, ETH_ALEN);
	ck_assert_mem_eq(fx.frames[0].data + 6, r_eth1->dev_addr, ETH_ALEN);
	out = frame_iph(0);
	ck_assert_uint_eq(out->ttl, 63);
	assert_ip_csum(out);		/* the incremental update is exact */
	ck_assert_uint_ne(out->check, in->check);
	ck_assert_uint_eq(out->id, in->id);
	ck_assert_uint_eq(out->saddr, in->saddr);
	ck_assert_mem_eq((const u8 *)out + 20, (const u8 *)in + 20, len - ETH_HLEN - 20);
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_OUTFORWDATAGRAMS], 1);
	ck_assert_int_eq(FX_COUNT(&fx.rec, "h0", ip_forward), 1);
}
END_TEST

START_TEST(test_forward_ttl_expired)
{
	u8 buf[200];
	unsigned int len = student_packet(buf, 1, 0, 56);
	const struct icmphdr *ic;
	const struct iphdr *iph;

	fixture_inject(r_eth0, buf, len);
	settle();
	ck_assert_int_eq(fx.nframes, 1);
	ck_assert_ptr_eq(fx.frames[0].dev, r_eth0);	/* back where it came from */
	iph = frame_iph(0);
	assert_ip_csum(iph);
	ck_assert_uint_eq(iph->saddr, fx_addr("10.0.0.1"));
	ck_assert_uint_eq(iph->daddr, fx_addr("10.0.0.2"));
	ic = (const struct icmphdr *)((const u8 *)iph + 20);
	ck_assert_uint_eq(ic->type, ICMP_TIME_EXCEEDED);
	ck_assert_uint_eq(ic->code, ICMP_EXC_TTL);
	ck_assert_uint_eq(fixture_csum(ic, ntohs(iph->tot_len) - 20, 0), 0);
	/* The quote is the packet as it arrived, TTL 1. */
	ck_assert_mem_eq((const u8 *)(ic + 1), buf + ETH_HLEN, len - ETH_HLEN);
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_INHDRERRORS], 1);
	ck_assert_uint_eq(h0->mib[ICMP_MIB_OUTTIMEEXCDS], 1);
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_OUTFORWDATAGRAMS], 0);
}
END_TEST

START_TEST(test_forward_refragments_a_fragment)
{
	static u8 buf[1600], data[1480];
	unsigned int len;

	/* The first fragment (MF) of some bigger datagram, cut again for a
	 * 1000-byte link: every piece keeps MF, offsets continue from 0. */
	r_eth1->mtu = 1000;
	len = build_ip(buf, r_eth0->dev_addr, student_mac, "10.0.0.2", "10.0.1.2", IPPROTO_UDP,
		       0x3333, IP_MF, 64, data, sizeof(data));
	fixture_inject(r_eth0, buf, len);
	settle();
	ck_assert_int_eq(fx.nframes, 2);
	ck_assert_uint_eq(ntohs(frame_iph(0)->frag_off), IP_MF | 0);
	ck_assert_uint_eq(ntohs(frame_iph(1)->frag_off), IP_MF | (976 / 8));
	ck_assert_uint_eq(ntohs(frame_iph(0)->tot_len), 996);
	ck_assert_uint_eq(ntohs(frame_iph(1)->tot_len), 20 + 1480 - 976);

	/* A middle fragment (offset 1480, MF) keeps its place in the datagram. */
	len = build_ip(buf, r_eth0->dev_addr, student_mac, "10.0.0.2", "10.0.1.2", IPPROTO_UDP,
		       0x3333, IP_MF | (1480 / 8), 64, data, sizeof(data));
	fixture_inject(r_eth0, buf, len);
	settle();
	ck_assert_int_eq(fx.nframes, 4);
	ck_assert_uint_eq(ntohs(frame_iph(2)->frag_off), IP_MF | (1480 / 8));
	ck_assert_uint_eq(ntohs(frame_iph(3)->frag_off), IP_MF | ((1480 + 976) / 8));
	for (int i = 0; i < 4; i++)
		assert_ip_csum(frame_iph(i));
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_FRAGOKS], 2);
}
END_TEST

START_TEST(test_forward_no_error_about_errors)
{
	u8 buf[200], icmp[8 + 28];
	unsigned int len;

	/* An ICMP error (port unreachable) dying of TTL: no error about it. */
	memset(icmp, 0, sizeof(icmp));
	icmp[0] = ICMP_DEST_UNREACH;
	icmp[1] = ICMP_PORT_UNREACH;
	icmp[8] = 0x45;
	icmp[2] = (u8)(fixture_csum(icmp, sizeof(icmp), 0) >> 8);
	icmp[3] = (u8)fixture_csum(icmp, sizeof(icmp), 0);
	len = build_ip(buf, r_eth0->dev_addr, student_mac, "10.0.0.2", "10.0.1.2", IPPROTO_ICMP,
		       7, 0, 1, icmp, sizeof(icmp));
	fixture_inject(r_eth0, buf, len);
	settle();
	ck_assert_int_eq(fx.nframes, 0);

	/* A non-first fragment: nothing to quote, no error either. */
	len = build_ip(buf, r_eth0->dev_addr, student_mac, "10.0.0.2", "10.0.1.2", IPPROTO_UDP,
		       8, 185, 1, icmp, sizeof(icmp));
	fixture_inject(r_eth0, buf, len);
	settle();
	ck_assert_int_eq(fx.nframes, 0);
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_INHDRERRORS], 2);	/* both dropped */

	/* The control case: an echo request dying of TTL is reported. */
	len = student_packet(buf, 1, 0, 8);
	fixture_inject(r_eth0, buf, len);
	settle();
	ck_assert_int_eq(fx.nframes, 1);
	ck_assert_uint_eq(h0->mib[ICMP_MIB_OUTTIMEEXCDS], 1);
}
END_TEST

START_TEST(test_forward_df_too_big_and_refragment)
{
	static u8 buf[1600];
	unsigned int len = student_packet(buf, 64, IP_DF, 1472);
	const struct icmphdr *ic;
	const struct iphdr *iph;

	r_eth1->mtu = 1400;
	fixture_inject(r_eth0, buf, len);
	settle();
	ck_assert_int_eq(fx.nframes, 1);
	ck_assert_ptr_eq(fx.frames[0].dev, r_eth0);
	iph = frame_iph(0);
	ic = (const struct icmphdr *)((const u8 *)iph + 20);
	ck_assert_uint_eq(ic->type, ICMP_DEST_UNREACH);
	ck_assert_uint_eq(ic->code, ICMP_FRAG_NEEDED);
	ck_assert_uint_eq(ntohs(ic->un.frag.mtu), 1400);
	ck_assert_uint_eq(ntohs(iph->tot_len), 576);	/* 3.10 quotes up to 576 */
	ck_assert_uint_eq(fixture_csum(ic, 576 - 20, 0), 0);
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_FRAGFAILS], 1);

	/* The same packet without DF is cut in two on the way out. */
	len = student_packet(buf, 64, 0, 1472);
	fixture_inject(r_eth0, buf, len);
	settle();
	ck_assert_int_eq(fx.nframes, 3);
	ck_assert_ptr_eq(fx.frames[1].dev, r_eth1);
	ck_assert_uint_eq(ntohs(frame_iph(1)->tot_len), 1396);	/* 20 + 1376 */
	ck_assert_uint_eq(ntohs(frame_iph(1)->frag_off), IP_MF);
	ck_assert_uint_eq(ntohs(frame_iph(2)->tot_len), 20 + 1480 - 1376);
	ck_assert_uint_eq(ntohs(frame_iph(2)->frag_off), 1376 / 8);
	ck_assert_uint_eq(frame_iph(1)->ttl, 63);
	assert_ip_csum(frame_iph(1));
	assert_ip_csum(frame_iph(2));
}
END_TEST

START_TEST(test_frag_needed_lowers_pmtu)
{
	u8 icmp[8 + 28], buf[128], msg[8 + 1472];
	struct icmphdr *ic = (struct icmphdr *)icmp;
	struct iphdr *q = (struct iphdr *)(icmp + 8);
	int fd = fixture_raw_socket(h0, IP_PMTUDISC_DO);
	struct flowi4 fl4;
	struct rtable *rt;
	unsigned int len;

	ck_assert_int_eq(sim_fib_table_insert(h0, 0, 0, fx_addr("10.0.0.1"), eth0, 0, 0), 0);
	/* From the gateway: "fragmentation needed, mtu 1400" quoting our
	 * 1500-byte echo request (seq 1) to 10.0.1.2. */
	memset(icmp, 0, sizeof(icmp));
	ic->type = ICMP_DEST_UNREACH;
	ic->code = ICMP_FRAG_NEEDED;
	ic->un.frag.mtu = htons(1400);
	q->version = 4;
	q->ihl = 5;
	q->tot_len = htons(1500);
	q->frag_off = htons(IP_DF);
	q->ttl = 63;
	q->protocol = IPPROTO_ICMP;
	q->saddr = fx_addr("10.0.0.2");
	q->daddr = fx_addr("10.0.1.2");
	q->check = htons(fixture_csum(q, 20, 0));
	icmp[28] = ICMP_ECHO;
	icmp[35] = 1;
	ic->checksum = htons(fixture_csum(icmp, sizeof(icmp), 0));
	len = from_peer(buf, IPPROTO_ICMP, icmp, sizeof(icmp));
	inject_settle(buf, len);

	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = fx_addr("10.0.1.2");
	rt = ip_route_output_key(h0, &fl4);
	ck_assert(!IS_ERR(rt));
	ck_assert_uint_eq(dst_mtu(&rt->dst), 1400);
	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = fx_addr("10.0.1.3");	/* another destination: unchanged */
	rt = ip_route_output_key(h0, &fl4);
	ck_assert(!IS_ERR(rt));
	ck_assert_uint_eq(dst_mtu(&rt->dst), 1500);
	ck_assert_uint_eq(h0->mib[ICMP_MIB_INDESTUNREACHS], 1);

	/* The raw socket heard it from the gateway ... */
	assert_frag_needed(fd, 1400, "10.0.0.1", "10.0.1.2", 1);

	/* ... and the next full-size request is refused by our own stack,
	 * which says so from our own address, mtu=1400. */
	len = build_echo(msg, 0, 2, 1472);
	ck_assert_int_eq(fixture_raw_send(h0, fd, "10.0.1.2", msg, len), -EMSGSIZE);
	assert_frag_needed(fd, 1400, "10.0.0.2", "10.0.1.2", 2);
	settle();
	ck_assert_int_eq(fx.nframes, 0);
}
END_TEST

/* ---- the ping tool ----------------------------------------------------- */

static struct fixture_capture io;

static int
run_ping(struct net *h, const char *line)
{
	char buf[256], *argv[16];
	int argc = 0;

	snprintf(buf, sizeof(buf), "%s", line);
	for (char *tok = strtok(buf, " "); tok && argc < 15; tok = strtok(NULL, " "))
		argv[argc++] = tok;
	argv[argc] = NULL;
	return tool_ping(h, argc, argv, io.out, io.err);
}

/* Two hosts on one cable: h0 10.0.0.2 and h1 10.0.0.1. */
static struct net *h1;
static struct net_device *h1_eth0;

static void
setup_pair(void)
{
	fixture_setup(&fx, 2);
	h0 = fx.host[0];
	h1 = fx.host[1];
	eth0 = fixture_fake_dev(&fx, h0, "eth0", "10.0.0.2/24");
	h1_eth0 = fixture_fake_dev(&fx, h1, "eth0", "10.0.0.1/24");
	fixture_neigh_static(h0, eth0, "10.0.0.1", h1_eth0->dev_addr);
	fixture_neigh_static(h1, h1_eth0, "10.0.0.2", eth0->dev_addr);
	memset(&relay, 0, sizeof(relay));
	relay_cable(eth0, h1_eth0);
	fixture_capture_open(&io);
}

static void
teardown_streams(void)
{
	fixture_teardown(&fx);
	fixture_capture_close(&io);
}

START_TEST(test_ping_tool_replies)
{
	ck_assert_int_eq(run_ping(h0, "ping -c 3 10.0.0.1"), 0);
	ck_assert(ping_running(h0));
	pump();
	ck_assert(!ping_running(h0));
	fixture_capture_flush(&io);
	ck_assert_str_eq(io.outbuf,
		"PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data.\n"
		"64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.172 ms\n"
		"64 bytes from 10.0.0.1: icmp_seq=2 ttl=64 time=0.172 ms\n"
		"64 bytes from 10.0.0.1: icmp_seq=3 ttl=64 time=0.172 ms\n"
		"\n"
		"--- 10.0.0.1 ping statistics ---\n"
		"3 packets transmitted, 3 received, 0% packet loss, time 2000ms\n"
		"rtt min/avg/max/mdev = 0.172/0.172/0.172/0.000 ms\n");
	ck_assert_str_eq(io.errbuf, "");
	ck_assert_int_eq(ping_result(h0), 0);
	ck_assert_uint_eq(h1->mib[ICMP_MIB_INECHOS], 3);
	ck_assert_uint_eq(h0->mib[ICMP_MIB_INECHOREPS], 3);
	/* The request on the wire: iputils' layout. */
	{
		const struct iphdr *iph = frame_iph(0);
		const u8 *data = (const u8 *)iph + 28;

		ck_assert_ptr_eq(fx.frames[0].dev, eth0);
		ck_assert_uint_eq(ntohs(iph->tot_len), 84);
		ck_assert_uint_eq(ntohs(iph->frag_off), IP_DF);
		for (int i = 16; i < 56; i++)
			ck_assert_uint_eq(data[i], i);
	}
}
END_TEST

START_TEST(test_ping_tool_default_count_and_size_without_timing)
{
	ck_assert_int_eq(run_ping(h0, "ping -s 8 -i 0.5 10.0.0.1"), 0);
	pump();
	fixture_capture_flush(&io);
	/* No room for a timestamp: no times, no rtt line (as iputils). */
	ck_assert_str_eq(io.outbuf,
		"PING 10.0.0.1 (10.0.0.1) 8(36) bytes of data.\n"
		"16 bytes from 10.0.0.1: icmp_seq=1 ttl=64\n"
		"16 bytes from 10.0.0.1: icmp_seq=2 ttl=64\n"
		"16 bytes from 10.0.0.1: icmp_seq=3 ttl=64\n"
		"16 bytes from 10.0.0.1: icmp_seq=4 ttl=64\n"
		"\n"
		"--- 10.0.0.1 ping statistics ---\n"
		"4 packets transmitted, 4 received, 0% packet loss, time 1500ms\n"
		"\n");
	ck_assert_int_eq(ping_result(h0), 0);
}
END_TEST

START_TEST(test_ping_tool_no_reply)
{
	relay.cut = true;
	ck_assert_int_eq(run_ping(h0, "ping -c 2 -W 1 10.0.0.1"), 0);
	pump();
	fixture_capture_flush(&io);
	ck_assert_str_eq(io.outbuf,
		"PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data.\n"
		"\n"
		"--- 10.0.0.1 ping statistics ---\n"
		"2 packets transmitted, 0 received, 100% packet loss, time 1000ms\n"
		"\n");
	ck_assert_int_eq(ping_result(h0), 1);
	ck_assert_int_eq(fx.nframes, 2);		/* both requests did leave */
	ck_assert_uint_eq(fx.eng.now, 2 * NSEC_PER_SEC);	/* 1 s after the last */
}
END_TEST

START_TEST(test_ping_tool_local_error)
{
	/* Our own stack refuses both tries of request 1 (DF, 2028 > 1500)
	 * and reports it through lo; as iputils' pinger does after an ICMP
	 * error at sendmsg, the request is not counted as sent and is tried
	 * again 10 ms later, until the errors reach -c. */
	ck_assert_int_eq(run_ping(h0, "ping -c 2 -M do -s 2000 10.0.0.1"), 0);
	pump();
	fixture_capture_flush(&io);
	ck_assert_str_eq(io.outbuf,
		"PING 10.0.0.1 (10.0.0.1) 2000(2028) bytes of data.\n"
		"From 10.0.0.2 icmp_seq=1 Frag needed and DF set (mtu = 1500)\n"
		"From 10.0.0.2 icmp_seq=1 Frag needed and DF set (mtu = 1500)\n"
		"\n"
		"--- 10.0.0.1 ping statistics ---\n"
		"0 packets transmitted, 0 received, +2 errors\n"
		"\n");
	ck_assert_str_eq(io.errbuf, "");
	ck_assert_int_eq(ping_result(h0), 1);
	ck_assert_int_eq(fx.nframes, 0);
	ck_assert_uint_eq(h0->mib[IPSTATS_MIB_FRAGFAILS], 2);
	ck_assert_uint_eq(fx.eng.now, 10 * NSEC_PER_MSEC);	/* the retry */
}
END_TEST

START_TEST(test_ping_tool_bad_args)
{
	static const struct {
		const char *line;
		const char *msg;
	} bad[] = {
		{ "ping -c 0 10.0.0.1", "ping: invalid argument: '0'\n" },
		{ "ping -c x 10.0.0.1", "ping: invalid argument: 'x'\n" },
		{ "ping -s 65508 10.0.0.1", "ping: invalid argument: '65508'\n" },
		{ "ping -s -1 10.0.0.1", "ping: invalid argument: '-1'\n" },
		{ "ping -M maybe 10.0.0.1", "ping: invalid argument: 'maybe'\n" },
		{ "ping -i abc 10.0.0.1", "ping: invalid argument: 'abc'\n" },
		{ "ping -W 0 10.0.0.1", "ping: invalid argument: '0'\n" },
		{ "ping -q 10.0.0.1", "ping: invalid option -- 'q'\n" },
		{ "ping 10.0.0.1 -c", "ping: option requires an argument -- 'c'\n" },
		{ "ping -c 2", "ping: usage error: Destination address required\n" },
		{ "ping server", "ping: server: Name or service not known\n" },
		{ "ping 10.0.0.1 10.0.0.3", "ping: invalid argument: '10.0.0.3'\n" },
		{ "ping 192.168.7.7", "ping: connect: Network is unreachable\n" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		fixture_capture_close(&io);
		fixture_capture_open(&io);
		ck_assert_msg(run_ping(h0, bad[i].line) == 2, "%s", bad[i].line);
		fixture_capture_flush(&io);
		ck_assert_str_eq(io.errbuf, bad[i].msg);
		ck_assert_str_eq(io.outbuf, "");
		ck_assert(!ping_running(h0));
	}
	ck_assert_int_eq(ping_result(h0), 2);
	ck_assert_int_eq(fx.eng.heap_len, 0);	/* nothing was scheduled */
}
END_TEST

/* student h0 -- router h1 -- server h2 */
static struct net *h2;
static struct net_device *r0, *r1, *s0;

static void
setup_three(void)
{
	fixture_setup(&fx, 3);
	h0 = fx.host[0];
	h1 = fx.host[1];
	h2 = fx.host[2];
	eth0 = fixture_fake_dev(&fx, h0, "eth0", "10.0.0.2/24");
	r0 = fixture_fake_dev(&fx, h1, "eth0", "10.0.0.1/24");
	r1 = fixture_fake_dev(&fx, h1, "eth1", "10.0.1.1/24");
	s0 = fixture_fake_dev(&fx, h2, "eth0", "10.0.1.2/24");
	h1->ip_forward = 1;
	ck_assert_int_eq(sim_fib_table_insert(h0, 0, 0, fx_addr("10.0.0.1"), eth0, 0, 0), 0);
	ck_assert_int_eq(sim_fib_table_insert(h2, 0, 0, fx_addr("10.0.1.1"), s0, 0, 0), 0);
	fixture_neigh_static(h0, eth0, "10.0.0.1", r0->dev_addr);
	fixture_neigh_static(h1, r0, "10.0.0.2", eth0->dev_addr);
	fixture_neigh_static(h1, r1, "10.0.1.2", s0->dev_addr);
	fixture_neigh_static(h2, s0, "10.0.1.1", r1->dev_addr);
	memset(&relay, 0, sizeof(relay));
	relay_cable(eth0, r0);
	relay_cable(r1, s0);
	fixture_capture_open(&io);
}

START_TEST(test_ping_tool_through_router)
{
	r1->mtu = 1400;
	ck_assert_int_eq(run_ping(h0, "ping -c 2 -M do -s 1472 10.0.1.2"), 0);
	pump();
	fixture_capture_flush(&io);
	ck_assert_str_eq(io.outbuf,
		"PING 10.0.1.2 (10.0.1.2) 1472(1500) bytes of data.\n"
		"From 10.0.0.1 icmp_seq=1 Frag needed and DF set (mtu = 1400)\n"
		"From 10.0.0.2 icmp_seq=2 Frag needed and DF set (mtu = 1400)\n"
		"\n"
		"--- 10.0.1.2 ping statistics ---\n"
		"1 packets transmitted, 0 received, +2 errors, 100% packet loss, time 1000ms\n"
		"\n");
	ck_assert_str_eq(io.errbuf, "");
	ck_assert_uint_eq(h1->mib[IPSTATS_MIB_FRAGFAILS], 1);
	ck_assert_int_eq(ping_result(h0), 1);

	/* Small pings cross the router: one hop, TTL 63, 4 x 86 us. */
	fixture_capture_close(&io);
	fixture_capture_open(&io);
	ck_assert_int_eq(run_ping(h0, "ping -c 1 10.0.1.2"), 0);
	pump();
	fixture_capture_flush(&io);
	ck_assert_str_eq(io.outbuf,
		"PING 10.0.1.2 (10.0.1.2) 56(84) bytes of data.\n"
		"64 bytes from 10.0.1.2: icmp_seq=1 ttl=63 time=0.344 ms\n"
		"\n"
		"--- 10.0.1.2 ping statistics ---\n"
		"1 packets transmitted, 1 received, 0% packet loss, time 0ms\n"
		"rtt min/avg/max/mdev = 0.344/0.344/0.344/0.000 ms\n");
	ck_assert_int_eq(ping_result(h0), 0);

	/* Without -M the path MTU is used: 1472 bytes go out in fragments
	 * sized for 1400 and come back reassembled. */
	fixture_capture_close(&io);
	fixture_capture_open(&io);
	ck_assert_int_eq(run_ping(h0, "ping -c 1 -s 1472 10.0.1.2"), 0);
	pump();
	fixture_capture_flush(&io);
	ck_assert_ptr_nonnull(strstr(io.outbuf, "1480 bytes from 10.0.1.2: icmp_seq=1 ttl=63"));
	ck_assert_uint_eq(h2->mib[IPSTATS_MIB_REASMOKS], 1);
}
END_TEST

START_TEST(test_ping_tool_host_unreachable)
{
	/* Nobody answers ARP for 10.0.1.99 behind the router: after its
	 * three probes the router reports "host unreachable". */
	ck_assert_int_eq(run_ping(h0, "ping -c 1 10.0.1.99"), 0);
	pump();
	fixture_capture_flush(&io);
	ck_assert_str_eq(io.outbuf,
		"PING 10.0.1.99 (10.0.1.99) 56(84) bytes of data.\n"
		"From 10.0.0.1 icmp_seq=1 Destination Host Unreachable\n"
		"\n"
		"--- 10.0.1.99 ping statistics ---\n"
		"1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms\n"
		"\n");
	ck_assert_uint_eq(h1->mib[ICMP_MIB_OUTDESTUNREACHS], 1);

	/* On our own link the report comes from our own stack, through
	 * lo: "From 10.0.0.2". */
	fixture_capture_close(&io);
	fixture_capture_open(&io);
	ck_assert_int_eq(run_ping(h0, "ping -c 1 10.0.0.77"), 0);
	pump();
	fixture_capture_flush(&io);
	ck_assert_ptr_nonnull(strstr(io.outbuf,
		"From 10.0.0.2 icmp_seq=1 Destination Host Unreachable\n"));
	ck_assert_ptr_nonnull(strstr(io.outbuf, "1 packets transmitted, 0 received, +1 errors"));
	ck_assert_int_eq(ping_result(h0), 1);
}
END_TEST

Suite *ip_suite(void);

Suite *
ip_suite(void)
{
	Suite *s = suite_create("ip");

	fixture_add_tcase(s, "output", setup_one, teardown_any, 0, (const TTest *const []){
		test_output_fragments_4000,
		test_output_df_rules,
		test_output_df_too_big_error_through_lo,
		test_frag_needed_lowers_pmtu,
		NULL,
	});

	fixture_add_tcase(s, "input", setup_one, teardown_any, 0, (const TTest *const []){
		test_rcv_drops_and_counts,
		test_echo_reply_golden,
		test_icmp_bad_checksum_and_unknown_protocol,
		NULL,
	});

	fixture_add_tcase(s, "reassembly", setup_one, teardown_any, 0, (const TTest *const []){
		test_reasm_in_order,
		test_reasm_out_of_order,
		test_reasm_overlap_drops_queue,
		test_reasm_timeout,
		test_reasm_memory_bound_evicts_oldest,
		NULL,
	});

	fixture_add_tcase(s, "forward", setup_router, teardown_any, 0, (const TTest *const []){
		test_forward_decrements_ttl,
		test_forward_ttl_expired,
		test_forward_refragments_a_fragment,
		test_forward_no_error_about_errors,
		test_forward_df_too_big_and_refragment,
		NULL,
	});

	fixture_add_tcase(s, "ping_tool", setup_pair, teardown_streams, 0, (const TTest *const []){
		test_ping_tool_replies,
		test_ping_tool_default_count_and_size_without_timing,
		test_ping_tool_no_reply,
		test_ping_tool_local_error,
		test_ping_tool_bad_args,
		NULL,
	});

	fixture_add_tcase(s, "ping_path", setup_three, teardown_streams, 0, (const TTest *const []){
		test_ping_tool_through_router,
		test_ping_tool_host_unreachable,
		NULL,
	});
	return s;
}
