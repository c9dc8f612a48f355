/*
 * tests/check_harden.c - bad input and floods (issue 7).
 *
 * No kernel counterpart.  Each test builds the three-host world, hands
 * hand-made frames to the student's NIC through its wire port (so the
 * card, the driver and every layer above see them, as on the real wire),
 * and checks that the frame was dropped under the kernel-like counter
 * that names the fault - and that nothing else broke: no skb leaks
 * (the world's ledger is empty after teardown) and, for the floods, the
 * number of live skbs stays bounded while the flood goes on.
 * Read with: kernel/snmp.h (the counters), README "Limits and bad input".
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/topology.h"
#include "sim/console.h"
#include "sim/wire.h"
#include "nic/igb.h"
#include "sim/lesson.h"
#include "tests/fixture.h"
#include "layers/route.h"

struct hx {
	struct sim_world w;
	struct sim_console con;
	FILE *null;
	struct sim_port *port;		/* the student's eth0 on the wire */
	u8 tx[2048];			/* last frame the student sent */
	unsigned int tx_len;
};

static const u8 hx_student_mac[6] = { 2, 0, 0, 0, 0, 0x02 };
static const u8 hx_router_mac[6] = { 2, 0, 0, 0, 0, 0x01 };
static const u8 hx_server_ip[4] = { 10, 0, 1, 2 };
static const u8 hx_student_ip[4] = { 10, 0, 0, 2 };

static void
hx_tap(void *arg, const struct sim_port *port, enum sim_dir dir, const u8 *frame,
       unsigned int len, ktime_t ts)
{
	struct hx *h = arg;

	(void)port;
	(void)ts;
	if (dir == SIM_DIR_TX && len <= sizeof(h->tx)) {
		memcpy(h->tx, frame, len);
		h->tx_len = len;
	}
}

static void
hx_setup(struct hx *h)
{
	struct sim_tap tap = { .frame = hx_tap, .arg = h };

	memset(h, 0, sizeof(*h));
	ck_assert_int_eq(sim_world_create(&h->w, 1), 0);
	h->null = fopen("/dev/null", "w");
	ck_assert_ptr_nonnull(h->null);
	console_init(&h->con, &h->w, h->null, h->null);
	h->port = sim_igb_port(h->w.host[SIM_STUDENT]->devs[0]);
	ck_assert_int_eq(sim_port_add_tap(h->port, &tap), 0);
}

static void
hx_teardown(struct hx *h)
{
	sim_world_destroy(&h->w);
	fclose(h->null);
	ck_assert_uint_eq(sim_skb_ledger_live(&h->w.ledger, stderr), 0);
}

static unsigned long
hx_mib(struct hx *h, enum snmp_counter c)
{
	return h->w.host[SIM_STUDENT]->mib[c];
}

static void
hx_inject(struct hx *h, const u8 *frame, unsigned int len)
{
	h->port->rx(h->port, frame, len);
	sim_run(&h->w.eng, h->w.eng.now + 1000000, 1000000);	/* 1 ms */
}

static void
hx_put16(u8 *p, unsigned int v)
{
	p[0] = (u8)(v >> 8);
	p[1] = (u8)v;
}

static void
hx_put32(u8 *p, u32 v)
{
	hx_put16(p, v >> 16);
	hx_put16(p + 2, v & 0xffff);
}

/* Ethernet + a 20-byte IPv4 header from the server to the student;
 * returns the offset of the payload.  @plen bytes of payload follow. */
static unsigned int
hx_ip(u8 *f, u8 proto, unsigned int plen, u16 id, u16 frag_off)
{
	u8 *ip = f + 14;

	memcpy(f, hx_student_mac, 6);
	memcpy(f + 6, hx_router_mac, 6);
	hx_put16(f + 12, 0x0800);
	memset(ip, 0, 20);
	ip[0] = 0x45;
	hx_put16(ip + 2, 20 + plen);
	hx_put16(ip + 4, id);
	hx_put16(ip + 6, frag_off);
	ip[8] = 63;
	ip[9] = proto;
	memcpy(ip + 12, hx_server_ip, 4);
	memcpy(ip + 16, hx_student_ip, 4);
	hx_put16(ip + 10, fixture_csum(ip, 20, 0));
	return 34;
}

/* A TCP segment server:5000 -> student:@dport with no options. */
static unsigned int
hx_tcp(u8 *f, u16 dport, u32 seq, u32 ack, u8 flags, unsigned int dlen)
{
	unsigned int off = hx_ip(f, 6, 20 + dlen, 1, 0x4000);
	u8 *th = f + off, pseudo[12];
	u32 sum = 0;

	memset(th, 0, 20 + dlen);
	hx_put16(th, 5000);
	hx_put16(th + 2, dport);
	hx_put32(th + 4, seq);
	hx_put32(th + 8, ack);
	th[12] = 5 << 4;
	th[13] = flags;
	hx_put16(th + 14, 65535);
	memcpy(pseudo, hx_server_ip, 4);
	memcpy(pseudo + 4, hx_student_ip, 4);
	pseudo[8] = 0;
	pseudo[9] = 6;
	hx_put16(pseudo + 10, 20 + dlen);
	for (int i = 0; i < 12; i += 2)
		sum += (u32)(pseudo[i] << 8 | pseudo[i + 1]);
	hx_put16(th + 16, fixture_csum(th, 20 + dlen, sum));
	return off + 20 + dlen;
}

/* A UDP datagram server:4000 -> student:9 of @dlen bytes (checksum 0). */
static unsigned int
hx_udp(u8 *f, unsigned int dlen, u16 id, u16 frag_off)
{
	unsigned int off = hx_ip(f, 17, 8 + dlen, id, frag_off);

	memset(f + off, 'u', 8 + dlen);
	hx_put16(f + off, 4000);
	hx_put16(f + off + 2, 9);
	hx_put16(f + off + 4, 8 + dlen);
	hx_put16(f + off + 6, 0);
	return off + 8 + dlen;
}

/* After an edit of the IP header in @f: its checksum made valid again, so
 * the edit alone is what is wrong. */
static void
hx_ip_reseal(u8 *f)
{
	hx_put16(f + 24, 0);
	hx_put16(f + 24, fixture_csum(f + 14, 20, 0));
}

START_TEST(test_runt_frame)
{
	struct hx h;
	u8 f[10] = { 2, 0, 0, 0, 0, 2, 2, 0 };

	hx_setup(&h);
	hx_inject(&h, f, sizeof(f));
	ck_assert_uint_eq(hx_mib(&h, SIM_MIB_RXTRUNCATED), 1);
	hx_teardown(&h);
}
END_TEST

START_TEST(test_ip_bad_ihl)
{
	struct hx h;
	u8 f[128];
	unsigned int len = hx_udp(f, 20, 1, 0);

	f[14] = 0x44;		/* IHL 4: shorter than the fixed header */
	hx_ip_reseal(f);
	hx_setup(&h);
	hx_inject(&h, f, len);
	ck_assert_uint_eq(hx_mib(&h, IPSTATS_MIB_INHDRERRORS), 1);
	ck_assert_uint_eq(hx_mib(&h, IPSTATS_MIB_INDELIVERS), 0);
	hx_teardown(&h);
}
END_TEST

START_TEST(test_ip_bad_total_length)
{
	struct hx h;
	u8 f[128];
	unsigned int len = hx_udp(f, 20, 1, 0);

	hx_setup(&h);
	/* Longer than the frame: truncated. */
	hx_put16(f + 16, 1000);
	hx_ip_reseal(f);
	hx_inject(&h, f, len);
	ck_assert_uint_eq(hx_mib(&h, IPSTATS_MIB_INTRUNCATEDPKTS), 1);
	/* Shorter than its own header: a header error. */
	hx_put16(f + 16, 12);
	hx_ip_reseal(f);
	hx_inject(&h, f, len);
	ck_assert_uint_eq(hx_mib(&h, IPSTATS_MIB_INHDRERRORS), 1);
	hx_teardown(&h);
}
END_TEST

START_TEST(test_ip_bad_checksum)
{
	struct hx h;
	u8 f[128];
	unsigned int len = hx_udp(f, 20, 1, 0);

	f[24] ^= 0x55;
	hx_setup(&h);
	hx_inject(&h, f, len);
	ck_assert_uint_eq(hx_mib(&h, IPSTATS_MIB_CSUMERRORS), 1);
	ck_assert_uint_eq(hx_mib(&h, UDP_MIB_NOPORTS), 0);
	hx_teardown(&h);
}
END_TEST

/* Fragment of a 24-byte-payload datagram: @off in bytes, @len bytes. */
static unsigned int
hx_frag(u8 *f, u16 id, unsigned int off, unsigned int len, bool more)
{
	unsigned int o = hx_ip(f, 17, len, id, (u16)((more ? 0x2000 : 0) | (off / 8)));

	memset(f + o, 'f', len);
	return o + len;
}

START_TEST(test_frag_overlap)
{
	struct hx h;
	u8 f[256];

	hx_setup(&h);
	hx_inject(&h, f, hx_frag(f, 7, 0, 64, true));
	hx_inject(&h, f, hx_frag(f, 7, 32, 64, true));	/* 32..96 overlaps 0..64 */
	ck_assert_uint_eq(hx_mib(&h, IPSTATS_MIB_REASMOVERLAPS), 1);
	ck_assert_uint_eq(hx_mib(&h, IPSTATS_MIB_REASMFAILS), 1);
	/* The queue is gone: the rest of the datagram reassembles nothing. */
	hx_inject(&h, f, hx_frag(f, 7, 96, 16, false));
	ck_assert_uint_eq(hx_mib(&h, IPSTATS_MIB_REASMOKS), 0);
	hx_teardown(&h);
}
END_TEST

START_TEST(test_frag_oversize)
{
	struct hx h;
	u8 f[1200];

	hx_setup(&h);
	hx_inject(&h, f, hx_frag(f, 9, 0, 64, true));
	/* Offset 65000 + 1000 bytes: past the 65535-byte limit of a datagram. */
	hx_inject(&h, f, hx_frag(f, 9, 65000, 1000, false));
	ck_assert_uint_eq(hx_mib(&h, IPSTATS_MIB_REASMFAILS), 1);
	ck_assert_uint_eq(hx_mib(&h, IPSTATS_MIB_REASMOKS), 0);
	hx_teardown(&h);
}
END_TEST

START_TEST(test_arp_bad_lengths)
{
	struct hx h;
	u8 f[60] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 0, 1, 0x08, 0x06,
		     0, 1, 0x08, 0, 6, 4, 0, 1 };

	memcpy(f + 22, hx_router_mac, 6);
	f[28] = 10; f[29] = 0; f[30] = 0; f[31] = 1;
	memcpy(f + 38, hx_student_ip, 4);
	hx_setup(&h);
	f[18] = 8;		/* hardware address length 8 on Ethernet */
	hx_inject(&h, f, sizeof(f));
	f[18] = 6;
	f[19] = 16;		/* protocol address length 16 for IPv4 */
	hx_inject(&h, f, sizeof(f));
	ck_assert_uint_eq(hx_mib(&h, SIM_MIB_ARP_BADHDR), 2);
	/* NOTE: a truncated ARP (SIM_MIB_ARP_BADLEN) cannot be made on this wire:
	 * the card pads every frame to 60 bytes, which holds a whole ARP.
	 * And a good one is still answered. */
	f[19] = 4;
	hx_inject(&h, f, sizeof(f));
	ck_assert_uint_eq(h.tx_len >= 42 && h.tx[12] == 0x08 && h.tx[13] == 0x06 && h.tx[21] == 2, 1);
	hx_teardown(&h);
}
END_TEST

START_TEST(test_tcp_bad_doff)
{
	struct hx h;
	u8 f[128];
	unsigned int len;

	hx_setup(&h);
	len = hx_tcp(f, 7000, 1000, 0, 0x02, 0);
	f[46] = 4 << 4;		/* data offset 16 bytes: below the minimum */
	hx_inject(&h, f, len);
	f[46] = 15 << 4;	/* 60 bytes: more than the segment holds */
	hx_inject(&h, f, len);
	/* Only the first is a bad header for 3.10 (INERRS); the second is
	 * discarded uncounted when pskb_may_pull cannot find 60 bytes. */
	ck_assert_uint_eq(hx_mib(&h, TCP_MIB_INERRS), 1);
	ck_assert_uint_eq(hx_mib(&h, TCP_MIB_INSEGS), 2);
	ck_assert_uint_eq(hx_mib(&h, TCP_MIB_OUTRSTS), 0);
	hx_teardown(&h);
}
END_TEST

/* A connection server:5000 -> student:7000 (a sink the test starts),
 * established by hand: the WAN is cut so the real server never hears of
 * it.  Returns the student's ISN + 1; the peer's next seq is 1001. */
static u32
hx_establish(struct hx *h, const char *listen)
{
	u8 f[128];
	u32 isn;

	ck_assert_int_eq(console_run_script(&h->con, listen), 0);
	ck_assert_int_eq(console_run_script(&h->con, "sim link wan loss 100"), 0);
	hx_inject(h, f, hx_tcp(f, 7000, 1000, 0, 0x02, 0));
	/* Our SYN-ACK (the last frame; an ARP exchange came first). */
	ck_assert_uint_ge(h->tx_len, 54);
	ck_assert_uint_eq(h->tx[47], 0x12);
	isn = (u32)h->tx[38] << 24 | (u32)h->tx[39] << 16 | (u32)h->tx[40] << 8 | h->tx[41];
	hx_inject(h, f, hx_tcp(f, 7000, 1001, isn + 1, 0x10, 0));
	ck_assert_uint_eq(hx_mib(h, TCP_MIB_PASSIVEOPENS), 1);
	return isn + 1;
}

/*
 * An ICMP error from the router to the student, quoting a segment the
 * student would have sent: 10.0.0.2:@sport -> @qdaddr:@dport, sequence
 * @seq, protocol @proto; @mtu in the "next-hop MTU" field.
 */
static unsigned int
hx_icmp(u8 *f, u8 type, u8 code, u16 mtu, u8 proto, const u8 qdaddr[4], u16 sport, u16 dport,
	u32 seq)
{
	unsigned int off = hx_ip(f, 1, 8 + 28, 3, 0);
	u8 *ic = f + off, *q = ic + 8;

	memcpy(f + 26, (const u8[]){ 10, 0, 0, 1 }, 4);	/* from the router */
	hx_ip_reseal(f);
	memset(ic, 0, 8 + 28);
	ic[0] = type;
	ic[1] = code;
	hx_put16(ic + 6, mtu);
	q[0] = 0x45;
	hx_put16(q + 2, 1500);
	q[8] = 64;
	q[9] = proto;
	memcpy(q + 12, hx_student_ip, 4);
	memcpy(q + 16, qdaddr, 4);
	hx_put16(q + 10, fixture_csum(q, 20, 0));
	hx_put16(q + 20, sport);
	hx_put16(q + 22, dport);
	hx_put32(q + 24, seq);
	hx_put16(ic + 2, fixture_csum(ic, 8 + 28, 0));
	return off + 8 + 28;
}

/* The path MTU the student's output route to @addr carries now. */
static unsigned int
hx_pmtu(struct hx *h, const char *addr)
{
	struct flowi4 fl4 = { .daddr = fx_addr(addr) };
	struct rtable *rt = ip_route_output_key(h->w.host[SIM_STUDENT], &fl4);

	ck_assert(!IS_ERR(rt));
	return dst_mtu(&rt->dst);
}

/* A blind "fragmentation needed" (MTU 68, or 0) about connections that do
 * not exist, to the router and to an off-link server, lowers no path MTU
 * and is counted (IcmpInErrors), as 3.10's tcp_v4_err and udp_err do. */
START_TEST(test_icmp_blind_frag_needed)
{
	static const u8 gw[4] = { 10, 0, 0, 1 };
	struct hx h;
	u8 f[128];

	hx_setup(&h);
	hx_inject(&h, f, hx_icmp(f, 3, 4, 68, 6, hx_server_ip, 40000, 9000, 12345));
	hx_inject(&h, f, hx_icmp(f, 3, 4, 68, 6, gw, 40001, 9000, 12345));
	hx_inject(&h, f, hx_icmp(f, 3, 4, 0, 6, hx_server_ip, 40002, 9000, 1));
	hx_inject(&h, f, hx_icmp(f, 3, 4, 68, 17, hx_server_ip, 40003, 9001, 0));
	ck_assert_uint_eq(hx_pmtu(&h, "10.0.1.2"), 1500);
	ck_assert_uint_eq(hx_pmtu(&h, "10.0.0.1"), 1500);
	ck_assert_uint_eq(hx_pmtu(&h, "10.0.1.99"), 1500);
	ck_assert_uint_eq(hx_mib(&h, ICMP_MIB_INERRORS), 4);
	hx_teardown(&h);
}
END_TEST

/* On a live connection: a quote outside snd_una..snd_nxt is dropped
 * (OutOfWindowIcmps), MTU untouched; one inside lowers the path MTU, to
 * 552 for a claimed 68 (ip_rt_min_pmtu), for that destination only. */
START_TEST(test_icmp_frag_needed_in_window)
{
	struct hx h;
	u8 f[128];
	u32 snd;

	hx_setup(&h);
	snd = hx_establish(&h, "listen 7000");
	hx_inject(&h, f, hx_icmp(f, 3, 4, 68, 6, hx_server_ip, 7000, 5000, snd - 70000));
	hx_inject(&h, f, hx_icmp(f, 3, 4, 68, 6, hx_server_ip, 7000, 5000, snd + 1));
	ck_assert_uint_eq(hx_mib(&h, LINUX_MIB_OUTOFWINDOWICMPS), 2);
	ck_assert_uint_eq(hx_pmtu(&h, "10.0.1.2"), 1500);
	hx_inject(&h, f, hx_icmp(f, 3, 4, 68, 6, hx_server_ip, 7000, 5000, snd));
	ck_assert_uint_eq(hx_mib(&h, LINUX_MIB_OUTOFWINDOWICMPS), 2);
	ck_assert_uint_eq(hx_mib(&h, ICMP_MIB_INERRORS), 0);
	ck_assert_uint_eq(hx_pmtu(&h, "10.0.1.2"), 552);
	ck_assert_uint_eq(hx_pmtu(&h, "10.0.1.3"), 1500);
	ck_assert_uint_eq(hx_pmtu(&h, "10.0.0.1"), 1500);
	hx_teardown(&h);
}
END_TEST

/* A listener's pending request: an error quoting our SYN-ACK (its ISN)
 * forgets it (ListenDrops); any other sequence is out of window. */
START_TEST(test_icmp_request_sock)
{
	struct hx h;
	u8 f[128];
	u32 isn;

	hx_setup(&h);
	ck_assert_int_eq(console_run_script(&h.con, "listen 7000; sim link wan loss 100"), 0);
	hx_inject(&h, f, hx_tcp(f, 7000, 1000, 0, 0x02, 0));
	ck_assert_uint_eq(h.tx[47], 0x12);
	isn = (u32)h.tx[38] << 24 | (u32)h.tx[39] << 16 | (u32)h.tx[40] << 8 | h.tx[41];
	hx_inject(&h, f, hx_icmp(f, 3, 1, 0, 6, hx_server_ip, 7000, 5000, isn + 7));
	ck_assert_uint_eq(hx_mib(&h, LINUX_MIB_OUTOFWINDOWICMPS), 1);
	ck_assert_uint_eq(hx_mib(&h, LINUX_MIB_LISTENDROPS), 0);
	hx_inject(&h, f, hx_icmp(f, 3, 1, 0, 6, hx_server_ip, 7000, 5000, isn));
	ck_assert_uint_eq(hx_mib(&h, LINUX_MIB_LISTENDROPS), 1);
	/* The request is gone: the handshake's ACK now finds only the listener. */
	hx_inject(&h, f, hx_tcp(f, 7000, 1001, isn + 1, 0x10, 0));
	ck_assert_uint_eq(hx_mib(&h, TCP_MIB_PASSIVEOPENS), 0);
	hx_teardown(&h);
}
END_TEST

START_TEST(test_tcp_out_of_window)
{
	struct hx h;
	u8 f[1200];
	u32 snd;

	hx_setup(&h);
	snd = hx_establish(&h, "listen 7000");
	hx_inject(&h, f, hx_tcp(f, 7000, 1001 + 50000000, snd, 0x18, 100));
	ck_assert_uint_eq(hx_mib(&h, SIM_MIB_TCPOUTOFWINDOW), 1);
	/* A RST outside the window is ignored, counted, and not answered. */
	hx_inject(&h, f, hx_tcp(f, 7000, 1001 + 50000000, 0, 0x04, 0));
	ck_assert_uint_eq(hx_mib(&h, SIM_MIB_TCPOUTOFWINDOW), 2);
	ck_assert_uint_eq(hx_mib(&h, TCP_MIB_ESTABRESETS), 0);
	hx_teardown(&h);
}
END_TEST

START_TEST(test_tcp_rst_syn_challenge)
{
	struct hx h;
	u8 f[128];
	u32 snd;

	hx_setup(&h);
	snd = hx_establish(&h, "listen 7000");
	/* In the window but not at rcv_nxt: challenge ACK, no reset. */
	hx_inject(&h, f, hx_tcp(f, 7000, 1005, 0, 0x04, 0));
	ck_assert_uint_eq(hx_mib(&h, LINUX_MIB_TCPCHALLENGEACK), 1);
	ck_assert_uint_eq(hx_mib(&h, TCP_MIB_ESTABRESETS), 0);
	ck_assert_uint_eq(h.tx[47], 0x10);	/* we answered with a bare ACK */
	/* A SYN on an established connection. */
	hx_inject(&h, f, hx_tcp(f, 7000, 1001, snd, 0x02, 0));
	ck_assert_uint_eq(hx_mib(&h, LINUX_MIB_TCPSYNCHALLENGE), 1);
	ck_assert_uint_eq(hx_mib(&h, LINUX_MIB_TCPCHALLENGEACK), 2);
	ck_assert_uint_eq(hx_mib(&h, TCP_MIB_ESTABRESETS), 0);
	/* The exact RST still ends it. */
	hx_inject(&h, f, hx_tcp(f, 7000, 1001, 0, 0x04, 0));
	ck_assert_uint_eq(hx_mib(&h, TCP_MIB_ESTABRESETS), 1);
	hx_teardown(&h);
}
END_TEST

/* `netstat -s`: the groups, phrases for known counters, Label: value for
 * the rest; a bad option is one line on err, status 2. */
START_TEST(test_netstat_s)
{
	struct hx h;
	struct fixture_capture io;
	u8 f[128];
	unsigned int len = hx_udp(f, 20, 1, 0);

	hx_setup(&h);
	f[24] ^= 0x55;
	hx_inject(&h, f, len);
	fixture_capture_open(&io);
	h.con.out = io.out;
	h.con.err = io.err;
	ck_assert_int_eq(console_run_line(&h.con, "netstat -s"), 0);
	ck_assert_int_eq(console_run_line(&h.con, "netstat -x"), 2);
	fixture_capture_flush(&io);
	ck_assert_ptr_nonnull(strstr(io.outbuf, "Ip:\n    1 total packets received\n"));
	ck_assert_ptr_nonnull(strstr(io.outbuf, "    InCsumErrors: 1\n"));
	ck_assert_ptr_nonnull(strstr(io.outbuf, "\nTcp:\n"));
	ck_assert_ptr_nonnull(strstr(io.outbuf, "\nUdp:\n"));
	ck_assert_str_eq(io.errbuf, "netstat: unsupported option '-x' (only netstat -s)\n");
	fixture_capture_close(&io);
	h.con.out = h.null;
	h.con.err = h.null;
	hx_teardown(&h);
}
END_TEST

/* Found by fuzz/fuzz_lesson.c: an unknown softirq name in `expect`
 * read past the end of softirq_to_name[] (no NULL end).  It must be
 * refused with one line naming the word. */
START_TEST(test_lesson_unknown_softirq)
{
	char err[LESSON_ERR_MAX] = "";
	struct lesson *l = lesson_parse("x.lesson", "title t\nsummary s\n"
					"expect softirq NET_TXX >= 1\n", err, sizeof(err));

	ck_assert_ptr_null(l);
	ck_assert_ptr_nonnull(strstr(err, "x.lesson:3:"));
	ck_assert_ptr_nonnull(strstr(err, "NET_TXX"));
}
END_TEST

/* --- resource bounds under a flood ------------------------------------- */

START_TEST(test_flood_reassembly)
{
	struct hx h;
	u8 f[1500];
	unsigned long peak = 0;

	hx_setup(&h);
	/* 6000 first fragments of 1400 bytes that never complete: ~8 MiB,
	 * twice ipfrag_high_thresh. */
	for (int i = 0; i < 6000; i++) {
		h.port->rx(h.port, f, hx_frag(f, (u16)(i + 1), 0, 1400, true));
		if (i % 50 == 49) {
			unsigned long live;

			sim_run(&h.w.eng, h.w.eng.now + 100000, 1000000);
			live = sim_skb_ledger_live(&h.w.ledger, NULL);
			peak = live > peak ? live : peak;
		}
	}
	sim_run(&h.w.eng, h.w.eng.now + 1000000, 1000000);
	ck_assert_uint_gt(hx_mib(&h, IPSTATS_MIB_REASMFAILS), 2000);
	/* 4 MiB of truesize holds about 1400 fragments (an skb and half a
	 * page each: ~2900 bytes), and their ~700 pages, plus the rings'
	 * 2040 pages. */
	ck_assert_uint_lt(peak, 4600);
	hx_teardown(&h);
}
END_TEST

START_TEST(test_flood_unresolved_neighbour)
{
	struct hx h;
	char script[16384];
	size_t n = 0;
	unsigned long before;

	hx_setup(&h);
	before = sim_skb_ledger_live(&h.w.ledger, NULL);	/* the RX rings' buffers */
	/* 10.0.0.77 never answers ARP: every datagram waits in its queue. */
	n += (size_t)snprintf(script + n, sizeof(script) - n, "socket udp");
	for (int i = 0; i < 300; i++)
		n += (size_t)snprintf(script + n, sizeof(script) - n,
				      "; sendto 3 10.0.0.77:9 1000");
	ck_assert_uint_lt(n, sizeof(script) - 1);
	ck_assert_int_eq(console_run_script(&h.con, script), 0);
	/* 64 KiB of queue (unres_qlen_bytes): the rest were dropped, counted. */
	ck_assert_uint_gt(hx_mib(&h, NEIGH_UNRES_DISCARDS), 200);
	ck_assert_uint_lt(sim_skb_ledger_live(&h.w.ledger, NULL), before + 100);
	hx_teardown(&h);
}
END_TEST

START_TEST(test_flood_ofo_queue)
{
	struct hx h;
	u8 f[1200];
	u32 snd;
	unsigned long before;

	hx_setup(&h);
	snd = hx_establish(&h, "listen 7000 rcvbuf 4096");
	before = sim_skb_ledger_live(&h.w.ledger, NULL);
	/* Never the segment at rcv_nxt: everything goes out of order. */
	for (int i = 0; i < 2000; i++)
		hx_inject(&h, f, hx_tcp(f, 7000, 1001 + 1000 * (u32)(1 + i % 40), snd, 0x10, 1000));
	ck_assert_uint_gt(hx_mib(&h, LINUX_MIB_TCPOFODROP) +
			  hx_mib(&h, SIM_MIB_TCPOUTOFWINDOW), 1000);
	/* An 8 KiB receive buffer holds a handful of segments.  The rest of
	 * what lives is the student's duplicate ACKs on the router, waiting
	 * for the server's MAC in 64 KiB (of truesize) of ARP queue: about
	 * 70 small skbs (igb copies a short frame into a small skb). */
	ck_assert_uint_lt(sim_skb_ledger_live(&h.w.ledger, NULL), before + 96);
	hx_teardown(&h);
}
END_TEST

/*
 * A spoofed SYN flood at the student's sink (listen 7000, backlog 128:
 * a SYN queue of 256): 600 SYNs from 600 addresses that never answer
 * fill the queue, and the server's connect made during the flood still
 * completes and delivers its data intact, through a SYN cookie.
 */
START_TEST(test_flood_syn_cookies)
{
	struct hx h;
	u8 f[128];
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(out);
	hx_setup(&h);
	console_init(&h.con, &h.w, out, out);
	ck_assert_int_eq(console_run_script(&h.con, "listen 7000"), 0);
	for (int i = 0; i < 600; i++) {
		unsigned int n = hx_tcp(f, 7000, 1000u * (u32)i, 0, 0x02, 0);

		f[26] = 172;			/* source 172.16.x.y, port 2000 + i */
		f[27] = 16;
		f[28] = (u8)(i >> 8);
		f[29] = (u8)i;
		hx_put16(f + 34, 2000 + i);
		hx_ip_reseal(f);
		hx_put16(f + 50, 0);		/* the TCP checksum again */
		{
			u8 pseudo[12] = { 172, 16, (u8)(i >> 8), (u8)i, 10, 0, 0, 2, 0, 6, 0, 20 };
			u32 sum = 0;

			for (int k = 0; k < 12; k += 2)
				sum += (u32)(pseudo[k] << 8 | pseudo[k + 1]);
			hx_put16(f + 50, fixture_csum(f + 34, 20, sum));
		}
		h.port->rx(h.port, f, n);
		if (i % 50 == 49)
			sim_run(&h.w.eng, h.w.eng.now + 1000000, 1000000);
	}
	ck_assert_uint_ge(hx_mib(&h, LINUX_MIB_SYNCOOKIESSENT), 300);
	ck_assert_uint_eq(hx_mib(&h, TCP_MIB_INERRS), 0);
	/* The server's own sinks hold fds 3 and 4: its new socket is 5. */
	ck_assert_int_eq(console_run_script(&h.con, "on server socket tcp; "
					    "on server connect 5 10.0.0.2:7000; on server send 5 30000; "
					    "on server close 5; recv 7000"), 0);
	fflush(out);
	ck_assert_ptr_nonnull(strstr(text, "tcp 7000: 1 connection(s), 30000 bytes, sha256 "
				     "88eb1744b78ff775e32e90ae626b4017a2a0c49c84a1a08ff2275d0291658c8f"));
	ck_assert_uint_eq(hx_mib(&h, LINUX_MIB_SYNCOOKIESRECV), 1);
	ck_assert_uint_eq(hx_mib(&h, LINUX_MIB_SYNCOOKIESFAILED), 0);
	hx_teardown(&h);
	fclose(out);
	free(text);
}
END_TEST

START_TEST(test_flood_qdisc)
{
	struct hx h;
	u8 f[1200];
	unsigned long before;

	hx_setup(&h);
	/* A slow tbf on the student's eth0 (limit = rate x latency + burst,
	 * ~3 KiB), then 2000 echo requests of 1000 bytes at once: the
	 * replies pile into the qdisc, which keeps a few and drops the rest. */
	ck_assert_int_eq(console_run_script(&h.con, "ping -c 1 10.0.0.1; tc qdisc replace "
					    "dev eth0 root tbf rate 1mbit burst 2k latency 10ms"), 0);
	before = sim_skb_ledger_live(&h.w.ledger, NULL);
	for (int i = 0; i < 2000; i++) {
		unsigned int off = hx_ip(f, 1, 1008, (u16)i, 0);
		u8 *ic = f + off;

		memset(ic, 'p', 1008);
		ic[0] = 8;
		ic[1] = 0;
		hx_put16(ic + 2, 0);
		hx_put16(ic + 4, 0x4242);
		hx_put16(ic + 6, (unsigned int)i);
		hx_put16(ic + 2, fixture_csum(ic, 1008, 0));
		h.port->rx(h.port, f, off + 1008);
		if (i % 20 == 19)
			sim_run(&h.w.eng, h.w.eng.now + 10000, 1000000);	/* 10 us */
	}
	ck_assert_uint_gt(hx_mib(&h, SIM_MIB_QDISCDROPS), 1000);
	ck_assert_uint_lt(sim_skb_ledger_live(&h.w.ledger, NULL), before + 64);
	sim_run(&h.w.eng, 0, 10000000);
	hx_teardown(&h);
}
END_TEST

Suite *
harden_suite(void)
{
	Suite *s = suite_create("harden");

	fixture_add_tcase(s, "bad_input", NULL, NULL, 0, (const TTest *const []){
		test_runt_frame,
		test_ip_bad_ihl,
		test_ip_bad_total_length,
		test_ip_bad_checksum,
		test_frag_overlap,
		test_frag_oversize,
		test_arp_bad_lengths,
		test_tcp_bad_doff,
		test_tcp_out_of_window,
		test_tcp_rst_syn_challenge,
		test_icmp_blind_frag_needed,
		test_icmp_frag_needed_in_window,
		test_icmp_request_sock,
		test_netstat_s,
		test_lesson_unknown_softirq,
		NULL,
	});

	fixture_add_tcase(s, "flood", NULL, NULL, 60, (const TTest *const []){
		test_flood_reassembly,
		test_flood_unresolved_neighbour,
		test_flood_ofo_queue,
		test_flood_qdisc,
		test_flood_syn_cookies,
		NULL,
	});
	return s;
}
