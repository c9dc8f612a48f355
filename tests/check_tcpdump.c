/*
 * tests/check_tcpdump.c - the packet taps (layers/dev.c: ptype_all,
 * dev_queue_xmit_nit, deliver_skb), the packet socket behind them
 * (sim/af_packet.c) and the tcpdump command (tools/tcpdump.c,
 * tools/tcpdump_print.c).
 *
 * taps:    fake devices and a reader that records what it is shown: the
 *          skb references (a tapped skb is freed exactly once, on the way
 *          out and on the way in, with one tap or two), the device a tap
 *          is bound to, an EtherType only a tap takes, closing.
 * lines:   golden frames (netstep's own, as its stack sends them) and
 *          the line tcpdump 4.99 prints for each, read from `tcpdump -n
 *          -r` of the same bytes.
 * command: the classroom world: bad usage, a capture alongside the
 *          commands after it, -c N, -w FILE against the wire's capture,
 *          the end of the run.
 */
#include "tests/fixture.h"
#include "events/icmp.h"
#include "events/ip.h"
#include "events/net.h"
#include "events/skb.h"
#include "layers/ip.h"
#include "sim/af_packet.h"
#include "sim/console.h"
#include "sim/pcap.h"
#include "sim/topology.h"
#include "nic/igb.h"
#include "tools/tcpdump.h"

#include <check.h>
#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- taps ------------------------------------------------------------------ */

#define TT_MAX	8

/* A reader: the frames a packet socket showed it. */
struct tt_reader {
	int n;
	unsigned int len[TT_MAX];
	bool out[TT_MAX];
	u8 first[64];			/* the first frame's first bytes */
	int released;
};

static void
tt_frame(void *arg, const u8 *frame, unsigned int len, ktime_t ts, bool outgoing)
{
	struct tt_reader *r = arg;

	(void)ts;
	if (r->n == 0)
		memcpy(r->first, frame, len < sizeof(r->first) ? len : sizeof(r->first));
	if (r->n < TT_MAX) {
		r->len[r->n] = len;
		r->out[r->n] = outgoing;
	}
	r->n++;
}

static int
tt_release(void *arg)
{
	((struct tt_reader *)arg)->released++;
	return 0;
}

static const struct sim_packet_ops tt_ops = { .frame = tt_frame, .release = tt_release };

static struct fixture fx;
static struct net *h;
static struct net_device *dev0, *dev1;

static void
tt_setup(void)
{
	fixture_setup(&fx, 1);
	h = fx.host[0];
	dev0 = fixture_fake_dev(&fx, h, "eth0", "10.0.0.2/24");
	dev1 = fixture_fake_dev(&fx, h, "eth1", "10.0.1.2/24");
}

static void
tt_teardown(void)
{
	fixture_teardown(&fx);
}

/* A 60-byte Ethernet frame of @type from @dev, handed to dev_queue_xmit. */
static void
tt_send(struct net_device *dev, u16 type)
{
	struct sk_buff *skb = alloc_skb(h, 128);
	struct ethhdr *eth;

	ck_assert_ptr_nonnull(skb);
	skb_reserve(skb, 32);
	eth = (struct ethhdr *)skb_put(skb, 60);
	memset(eth, 0x5a, 60);
	memset(eth->h_dest, 0xff, ETH_ALEN);
	memcpy(eth->h_source, dev->dev_addr, ETH_ALEN);
	eth->h_proto = htons(type);
	skb->dev = dev;
	skb->protocol = htons(type);
	skb_reset_network_header(skb);
	dev_queue_xmit(skb);
}

/* skb headers freed (to 0 users) by the events recorded so far. */
static unsigned long
tt_freed(void)
{
	return fx.ledger.freed;
}

START_TEST(test_tap_tx_one_clone_freed_once)
{
	struct tt_reader r = { 0 };
	struct sim_packet_sock *po;
	unsigned long alloc0 = fx.ledger.allocated, freed0 = tt_freed();
	int i;

	ck_assert_int_eq(sim_packet_open(h, dev0, &tt_ops, &r, &po), 0);
	fixture_forget(&fx);
	tt_send(dev0, 0x88b5);
	/* The reader saw the whole frame, marked outgoing, as the driver got it. */
	ck_assert_int_eq(r.n, 1);
	ck_assert_uint_eq(r.len[0], 60);
	ck_assert(r.out[0]);
	ck_assert_int_eq(fx.nframes, 1);
	ck_assert_mem_eq(r.first, fx.frames[0].data, 60);
	/* One clone: the tap's; it and the original, two headers, both freed. */
	ck_assert_int_eq(FX_COUNT(&fx.rec, NULL, dev_queue_xmit_nit), 1);
	ck_assert_int_eq(FX_COUNT(&fx.rec, NULL, skb_clone), 1);
	ck_assert_int_eq(FX_COUNT(&fx.rec, NULL, deliver_skb), 0);	/* one tap: no extra ref */
	i = FX_FIND(&fx.rec, 0, NULL, sim_packet_rcv);
	ck_assert_int_ge(i, 0);
	ck_assert_uint_eq(FX_DATA(&fx.rec, i, sim_packet_rcv)->pkt_type, PACKET_OUTGOING);
	ck_assert_uint_eq(fx.ledger.allocated - alloc0, 2);
	ck_assert_uint_eq(tt_freed() - freed0, 2);
	ck_assert_uint_eq(fx.ledger.data_freed, fx.ledger.data_allocated);
	sim_packet_close(po);
	ck_assert_int_eq(r.released, 0);
}
END_TEST

START_TEST(test_two_taps_share_the_clone)
{
	struct tt_reader a = { 0 }, b = { 0 };
	struct sim_packet_sock *pa, *pb;
	unsigned long alloc0, freed0;
	int i;

	ck_assert_int_eq(sim_packet_open(h, dev0, &tt_ops, &a, &pa), 0);
	ck_assert_int_eq(sim_packet_open(h, NULL, &tt_ops, &b, &pb), 0);	/* every device */
	alloc0 = fx.ledger.allocated;
	freed0 = tt_freed();
	fixture_forget(&fx);
	tt_send(dev0, 0x88b5);
	ck_assert_int_eq(a.n, 1);
	ck_assert_int_eq(b.n, 1);
	ck_assert_int_eq(FX_COUNT(&fx.rec, NULL, skb_clone), 1);
	/* The first tap got the clone with one more reference, the last
	 * took the clone's own: freed once, after both. */
	i = FX_FIND(&fx.rec, 0, NULL, deliver_skb);
	ck_assert_int_ge(i, 0);
	ck_assert_int_eq(FX_COUNT(&fx.rec, NULL, deliver_skb), 1);
	ck_assert_int_eq(FX_DATA(&fx.rec, i, deliver_skb)->users, 1);
	ck_assert_uint_eq(FX_DATA(&fx.rec, i, deliver_skb)->type, ETH_P_ALL);
	i = FX_FIND(&fx.rec, 0, NULL, dev_queue_xmit_nit);
	ck_assert_uint_eq(FX_DATA(&fx.rec, i, dev_queue_xmit_nit)->taps, 2);
	ck_assert_uint_eq(fx.ledger.allocated - alloc0, 2);
	ck_assert_uint_eq(tt_freed() - freed0, 2);
	/* The unbound tap also sees eth1; the bound one does not. */
	tt_send(dev1, 0x88b5);
	ck_assert_int_eq(a.n, 1);
	ck_assert_int_eq(b.n, 2);
	sim_packet_close(pa);
	sim_packet_close(pb);
	ck_assert(list_empty(&h->ptype_all));
	tt_send(dev0, 0x88b5);
	ck_assert_int_eq(a.n + b.n, 3);		/* closed: nothing more */
}
END_TEST

START_TEST(test_tap_rx_then_ip)
{
	struct tt_reader r = { 0 };
	struct sim_packet_sock *po;
	u8 frame[128];
	unsigned int n;
	unsigned long alloc0, freed0;
	u32 id;
	int i, j;
	static const u8 echo[] = { 8, 0, 0xf7, 0xfe, 0, 1, 0, 0 };	/* id 1 seq 0, summed */

	ck_assert_int_eq(sim_packet_open(h, dev0, &tt_ops, &r, &po), 0);
	n = fixture_build_ip(frame, dev0->dev_addr, (u8[]){ 2, 0, 0, 0, 9, 9 }, "10.0.0.9",
			     "10.0.0.2", IPPROTO_ICMP, echo, sizeof(echo));
	alloc0 = fx.ledger.allocated;
	freed0 = tt_freed();
	fixture_forget(&fx);
	fixture_inject(dev0, frame, n);
	fixture_run(&fx);
	/* In: the tap saw the frame from its Ethernet header, not outgoing. */
	ck_assert_int_ge(r.n, 1);
	ck_assert_uint_eq(r.len[0], n);
	ck_assert(!r.out[0]);
	ck_assert_mem_eq(r.first, frame, ETH_HLEN + 20);
	/* deliver_skb gave the tap a second reference; the tap dropped it,
	 * so ip_rcv got the very skb, unshared (no clone on the way in). */
	i = FX_FIND(&fx.rec, 0, NULL, deliver_skb);
	ck_assert_int_ge(i, 0);
	ck_assert_int_eq(FX_DATA(&fx.rec, i, deliver_skb)->users, 1);
	ck_assert_uint_eq(FX_DATA(&fx.rec, i, deliver_skb)->type, ETH_P_ALL);
	id = fx.rec.ev[i].skb_id;
	j = FX_FIND(&fx.rec, i, NULL, ip_rcv);
	ck_assert_int_gt(j, i);
	ck_assert_uint_eq(fx.rec.ev[j].skb_id, id);
	ck_assert_int_eq(FX_COUNT(&fx.rec, NULL, icmp_echo), 1);
	/* And out: the answer (an ARP request for 10.0.0.9 first), tapped too. */
	ck_assert_int_ge(r.n, 2);
	ck_assert(r.out[1]);
	ck_assert_uint_eq(fx.ledger.allocated - alloc0, tt_freed() - freed0);
	sim_packet_close(po);
}
END_TEST

START_TEST(test_tap_alone_takes_unknown_type)
{
	struct tt_reader r = { 0 };
	struct sim_packet_sock *po;
	u8 frame[60] = { 0 };
	unsigned long unknown = h->mib[SIM_MIB_RXUNKNOWNPROTO];

	memcpy(frame, dev0->dev_addr, ETH_ALEN);
	frame[6] = 2;
	frame[12] = 0x86;	/* IPv6: no handler */
	frame[13] = 0xdd;
	fixture_inject(dev0, frame, sizeof(frame));
	ck_assert_uint_eq(h->mib[SIM_MIB_RXUNKNOWNPROTO], unknown + 1);
	ck_assert_int_eq(sim_packet_open(h, dev0, &tt_ops, &r, &po), 0);
	fixture_inject(dev0, frame, sizeof(frame));
	/* 3.10: the tap was a taker, so the frame was not dropped. */
	ck_assert_int_eq(r.n, 1);
	ck_assert_uint_eq(h->mib[SIM_MIB_RXUNKNOWNPROTO], unknown + 1);
	ck_assert_uint_eq(dev0->stats.rx_dropped, 1);
	sim_packet_close(po);
}
END_TEST

START_TEST(test_host_teardown_releases)
{
	static struct tt_reader r;
	struct sim_packet_sock *po;

	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(sim_packet_open(h, dev0, &tt_ops, &r, &po), 0);
	for (int i = 1; i < SIM_PACKET_MAX_SOCKS; i++)
		ck_assert_int_eq(sim_packet_open(h, dev0, &tt_ops, &r, &po), 0);
	ck_assert_int_eq(sim_packet_open(h, dev0, &tt_ops, &r, &po), -EMFILE);
	sim_packet_exit(h);
	ck_assert_int_eq(r.released, SIM_PACKET_MAX_SOCKS);
	ck_assert(list_empty(&h->ptype_all));
	ck_assert_int_eq(FX_COUNT(&fx.rec, NULL, dev_remove_pack), SIM_PACKET_MAX_SOCKS);
}
END_TEST

/* ---- lines ------------------------------------------------------------------- */

/*
 * A frame: its headers in hex, zero bytes up to @len, seen @us
 * microseconds after the capture epoch; and tcpdump's line for it.  The
 * frames are the student's, from `ping -c 2 10.0.1.2; socket tcp;
 * connect 10.0.1.2:9000; send 3 3000; close 3; socket udp; sendto 3
 * 10.0.1.2:9001 100` as its eth0 tap saw them (ARP before the card pads
 * it), then frames of odd shapes; the lines are tcpdump 4.99.3's
 * (`TZ=UTC tcpdump -n -r`) for the same bytes.
 */
struct tt_golden {
	const char *hex;
	unsigned int len;
	unsigned int us;
	const char *line;
};

static const struct tt_golden tt_golden[] = {
	{ "ffffffffffff020000000002080600010800060400010200000000020a0000020000000000000a000001",
	  42, 0, "00:00:00.000000 ARP, Request who-has 10.0.0.1 tell 10.0.0.2, length 28" },
	{ "020000000002020000000001080600010800060400020200000000010a0000010200000000020a000002",
	  60, 3, "00:00:00.000003 ARP, Reply 10.0.0.1 is-at 02:00:00:00:00:01, length 46" },
	{ "02000000000102000000000208004500005420214000400105850a0000020a0001020800392b00010001",
	  98, 3, "00:00:00.000003 IP 10.0.0.2 > 10.0.1.2: ICMP echo request, id 1, seq 1, length 64" },
	{ "020000000002020000000001080045000054aff500003f01b6b00a0001020a0000020000412b00010001",
	  98, 15, "00:00:00.000015 IP 10.0.1.2 > 10.0.0.2: ICMP echo reply, id 1, seq 1, length 64" },
	{ "02000000000102000000000208004500003c37c940004006edef0a0000020a0001028000232865d134210000"
	  "0000a00239084cd50000020405b40402080afffb70080000000001030307", 74, 1000008,
	  "00:00:01.000008 IP 10.0.0.2.32768 > 10.0.1.2.9000: Flags [S], seq 1708209185, win 14600, "
	  "options [mss 1460,sackOK,TS val 4294668296 ecr 0,nop,wscale 7], length 0" },
	{ "02000000000202000000000108004500003c000040003f0626b90a0001020a0000022328800024ce198265d1"
	  "3422a01238909ee70000020405b40402080afffb7008fffb700801030307", 74, 1000015,
	  "00:00:01.000015 IP 10.0.1.2.9000 > 10.0.0.2.32768: Flags [S.], seq 617486722, "
	  "ack 1708209186, win 14480, options [mss 1460,sackOK,TS val 4294668296 ecr 4294668296,"
	  "nop,wscale 7], length 0" },
	{ "02000000000102000000000208004500003437ca40004006edf60a0000020a0001028000232865d1342224ce"
	  "19838010007305d100000101080afffb7008fffb7008", 66, 1000015,
	  "00:00:01.000015 IP 10.0.0.2.32768 > 10.0.1.2.9000: Flags [.], ack 1, win 115, "
	  "options [nop,nop,TS val 4294668296 ecr 4294668296], length 0" },
	{ "0200000000010200000000020800450005dc37cb40004006e84d0a0000020a0001028000232865d1342224ce"
	  "198380100073044a00000101080afffb7008fffb7008", 1514, 1000015,
	  "00:00:01.000015 IP 10.0.0.2.32768 > 10.0.1.2.9000: Flags [.], seq 1:1449, ack 1, win 115, "
	  "options [nop,nop,TS val 4294668296 ecr 4294668296], length 1448" },
	{ "02000000000102000000000208004500009c37cd40004006ed8b0a0000020a0001028000232865d13f7224ce"
	  "1983801800730bef00000101080afffb7008fffb7008", 170, 1000015,
	  "00:00:01.000015 IP 10.0.0.2.32768 > 10.0.1.2.9000: Flags [P.], seq 2897:3001, ack 1, "
	  "win 115, options [nop,nop,TS val 4294668296 ecr 4294668296], length 104" },
	{ "02000000000102000000000208004500003437ce40004006edf20a0000020a0001028000232865d13fda24ce"
	  "198380110073fa1700000101080afffb7008fffb7008", 66, 1000015,
	  "00:00:01.000015 IP 10.0.0.2.32768 > 10.0.1.2.9000: Flags [F.], seq 3001, ack 1, win 115, "
	  "options [nop,nop,TS val 4294668296 ecr 4294668296], length 0" },
	{ "02000000000102000000000208004500008020234000401105470a0000020a00010280012329006cab1a",
	  142, 1000015, "00:00:01.000015 IP 10.0.0.2.32769 > 10.0.1.2.9001: UDP, length 100" },
	/* the router: fragmentation needed, quoting the TCP segment */
	{ "0200000000020200000000010800450000380000000040012671" "0a0000010a000002"
	  "0304e8b7000005784500059c37cb40004006e84d0a0000020a0001028000232865d13422", 70, 2000000,
	  "00:00:02.000000 IP 10.0.0.1 > 10.0.0.2: ICMP 10.0.1.2 unreachable - need to frag "
	  "(mtu 1400), length 36" },
	/* the second fragment of a datagram */
	{ "02000000000102000000000208004500003c0007" "20b9" "401119be0a0000020a000102", 74, 2000001,
	  "00:00:02.000001 IP 10.0.0.2 > 10.0.1.2: ip-proto-17" },
	/* IP says 400 bytes, the frame has 142 */
	{ "02000000000102000000000208004500019020234000401103f70a0000020a00010280012329006cab1a",
	  142, 2000002, "00:00:02.000002 IP truncated-ip - 272 bytes missing! "
	  "10.0.0.2.32769 > 10.0.1.2.9001: UDP, length 100" },
	/* a TCP data offset of 12 bytes */
	{ "02000000000102000000000208004500002837ca40004006ee020a0000020a0001028000232865d1342224ce"
	  "198330100073", 60, 2000003, "00:00:02.000003 IP 10.0.0.2.32768 > 10.0.1.2.9000:  tcp 8 "
	  "[bad hdr length 12 - too short, < 20]" },
	/* an EtherType netstep does not decode: netstep's own line (tcpdump
	 * decodes IPv6; for a type it does not know it prints this, then a
	 * hex dump) */
	{ "333300000016020000000001" "86dd", 90, 2000004,
	  "00:00:02.000004 02:00:00:00:00:01 > 33:33:00:00:00:16, ethertype IPv6 (0x86dd), length 90:" },
};

static unsigned int
tt_unhex(const char *hex, u8 *out)
{
	unsigned int n = 0;

	for (; hex[0] && hex[1]; hex += 2) {
		unsigned int b;

		ck_assert_int_eq(sscanf(hex, "%2x", &b), 1);
		out[n++] = (u8)b;
	}
	return n;
}

START_TEST(test_golden_lines)
{
	static struct tool_tcpdump_printer pr;
	char line[TOOL_TCPDUMP_LINE];
	u8 frame[1600];

	memset(&pr, 0, sizeof(pr));
	for (unsigned int i = 0; i < ARRAY_SIZE(tt_golden); i++) {
		const struct tt_golden *g = &tt_golden[i];

		memset(frame, 0, sizeof(frame));
		ck_assert_uint_le(tt_unhex(g->hex, frame), g->len);
		tool_tcpdump_format(&pr, SIM_CAPTURE_EPOCH_NS + (ktime_t)g->us * NSEC_PER_USEC,
				    frame, g->len, line, sizeof(line));
		ck_assert_str_eq(line, g->line);
	}
}
END_TEST

/* Sequence numbers are relative per conversation: a new SYN restarts it. */
START_TEST(test_relative_seq_restarts_on_syn)
{
	static struct tool_tcpdump_printer pr;
	char line[TOOL_TCPDUMP_LINE];
	u8 syn_ack[80], data[1600];
	unsigned int n;

	memset(&pr, 0, sizeof(pr));
	n = tt_unhex(tt_golden[5].hex, syn_ack);
	memset(data, 0, sizeof(data));
	tt_unhex(tt_golden[7].hex, data);
	tool_tcpdump_format(&pr, 0, data, 1514, line, sizeof(line));
	ck_assert_ptr_nonnull(strstr(line, "seq 1708209186:1708210634, ack 617486723,"));
	tool_tcpdump_format(&pr, 0, data, 1514, line, sizeof(line));
	ck_assert_ptr_nonnull(strstr(line, "seq 0:1448, ack 1,"));
	tool_tcpdump_format(&pr, 0, syn_ack, n, line, sizeof(line));
	tool_tcpdump_format(&pr, 0, data, 1514, line, sizeof(line));
	ck_assert_ptr_nonnull(strstr(line, "seq 1:1449, ack 1,"));
	tool_tcpdump_format(&pr, 0, data, 65, line, sizeof(line));
	ck_assert_str_eq(line, "00:00:00.000000 IP truncated-ip - 1449 bytes missing! "
		       "10.0.0.2.32768 > 10.0.1.2.9000: Flags [.], seq 1:1449, ack 1, win 115, "
		       "options [nop,nop,TS [|tcp]>");
}
END_TEST

/* Every golden frame cut at every length, in a buffer of exactly that
 * size (so that a sanitizer sees a read past the end): a line each. */
START_TEST(test_cut_short_frames)
{
	static struct tool_tcpdump_printer pr;
	char line[TOOL_TCPDUMP_LINE];
	u8 frame[1600];

	for (unsigned int i = 0; i < ARRAY_SIZE(tt_golden); i++) {
		memset(frame, 0, sizeof(frame));
		tt_unhex(tt_golden[i].hex, frame);
		for (unsigned int len = 0; len <= tt_golden[i].len && len <= 128; len++) {
			u8 *cut = malloc(len ? len : 1);

			ck_assert_ptr_nonnull(cut);
			memcpy(cut, frame, len);
			tool_tcpdump_format(&pr, 0, cut, len, line, sizeof(line));
			free(cut);
			ck_assert_uint_gt(strlen(line), 16);
		}
	}
}
END_TEST

/* ---- the command -------------------------------------------------------------- */

static struct sim_world *w;
static struct sim_console con;
static struct fixture_capture cap;
static char dir[64];

static void
tc_setup(void)
{
	w = fixture_world_open(&con, &cap, 7);
	snprintf(dir, sizeof(dir), "/tmp/netstep-tcpdump-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
tc_teardown(void)
{
	char cmd[128];

	if (w)
		fixture_world_close(w, &cap);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static int
run(const char *script)
{
	return fixture_console_run(&con, &cap, script);
}

/* Lines of @s that tcpdump printed: they start with a time, HH:MM:SS. */
static int
tcpdump_lines(const char *s)
{
	int n = 0;

	for (const char *l = s; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : l + strlen(l))
		n += strlen(l) > 9 && l[2] == ':' && l[5] == ':' && l[8] == '.';
	return n;
}

/* Open packet sockets on @host. */
static int
socks(int host)
{
	struct sim_packet_sock *po;
	int n = 0;

	list_for_each_entry(po, &sim_host(w->host[host])->packet_socks, list)
		n++;
	return n;
}

START_TEST(test_bad_usage)
{
	static const char *const bad[][2] = {
		{ "tcpdump -i eth9", "tcpdump: eth9: No such device exists\n" },
		{ "tcpdump -c 0", "tcpdump: invalid packet count 0\n" },
		{ "tcpdump -c 5x", "tcpdump: invalid packet count 5x\n" },
		{ "tcpdump -i eth0 -c", "tcpdump: option requires an argument -- 'c'\n" },
		{ "tcpdump -v", "tcpdump: option -v is not supported (tcpdump [-i DEV] [-n] [-c N] "
		  "[-w FILE])\n" },
		{ "tcpdump --help", "tcpdump: option --help is not supported (tcpdump [-i DEV] [-n] "
		  "[-c N] [-w FILE])\n" },
		{ "tcpdump -n icmp", "tcpdump: 'icmp': filter expressions are not supported "
		  "(netstep's tcpdump shows every frame)\n" },
		{ "tcpdump -w -", "tcpdump: -w -: writing to standard output is not supported here "
		  "(the console prints there): give a file name\n" },
		{ "on router tcpdump -ieth2", "tcpdump: eth2: No such device exists\n" },
	};
	char script[256];

	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		/* Checked whole first: the ping before it never runs. */
		snprintf(script, sizeof(script), "ping -c 1 10.0.1.2; %s", bad[i][0]);
		ck_assert_int_eq(run(script), 2);
		ck_assert_str_eq(cap.errbuf, bad[i][1]);
		ck_assert_str_eq(cap.outbuf, "");
		fixture_capture_close(&cap);
		fixture_capture_open(&cap);
		con.out = cap.out;
		con.err = cap.err;
	}
	for (int i = 0; i < SIM_NHOSTS; i++) {
		ck_assert_int_eq(socks(i), 0);
		ck_assert(list_empty(&w->host[i]->ptype_all));
	}
	/* Word forms getopt accepts. */
	ck_assert_int_eq(run("tcpdump -nnc1 -ieth0; on router tcpdump -n -c 1 -i eth1"), 0);
	ck_assert_int_eq(socks(SIM_STUDENT), 1);
	ck_assert_int_eq(socks(SIM_ROUTER), 1);
}
END_TEST

START_TEST(test_runtime_failures)
{
	char script[160];

	/* A file it cannot write: status 1, the reason, nothing started. */
	ck_assert_int_eq(run("tcpdump -w /nonexistent-dir/x.pcap"), 1);
	ck_assert_str_eq(cap.errbuf, "tcpdump: /nonexistent-dir/x.pcap: No such file or directory\n");
	ck_assert_int_eq(socks(SIM_STUDENT), 0);
	ck_assert_int_eq(run("ip link set eth0 down; tcpdump -i eth0"), 1);
	ck_assert_ptr_nonnull(strstr(cap.errbuf, "tcpdump: eth0: That device is not up\n"));
	ck_assert_int_eq(run("ip link set eth0 up"), 0);
	/* A script with a bad command later creates no file: nothing ran. */
	snprintf(script, sizeof(script), "tcpdump -w %s/never.pcap; ping -c 1 -Q 10.0.1.2", dir);
	ck_assert_int_eq(run(script), 2);
	snprintf(script, sizeof(script), "%s/never.pcap", dir);
	ck_assert_int_ne(access(script, F_OK), 0);
	for (int i = 0; i < SIM_PACKET_MAX_SOCKS; i++)
		ck_assert_int_eq(run("tcpdump"), 0);
	ck_assert_int_eq(run("tcpdump"), 1);
	ck_assert_str_eq(cap.errbuf + strlen(cap.errbuf) - 46,
			 "tcpdump: eth0: too many captures on this host\n");
}
END_TEST

START_TEST(test_capture_alongside_and_count)
{
	const char *out;

	ck_assert_int_eq(run("tcpdump -i eth0 -c 4; ping -c 2 10.0.1.2"), 0);
	ck_assert_str_eq(cap.errbuf,
			 "tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n"
			 "listening on eth0, link-type EN10MB (Ethernet), snapshot length 65535 bytes\n"
			 "4 packets captured\n4 packets received by filter\n"
			 "0 packets dropped by kernel\n");
	/* Each line where the frame was seen: among ping's own lines.  The
	 * times: a frame's interrupt waits out its vector's throttle (EITR,
	 * 162 us) only after another on that vector; RX and TX have a vector
	 * each (one CPU: one queue each, not paired), so a ping's reply never
	 * waits for the request's TX completion: a few microseconds a hop. */
	out = cap.outbuf;
	ck_assert_str_eq(out,
		"PING 10.0.1.2 (10.0.1.2) 56(84) bytes of data.\n"
		"00:00:00.000000 ARP, Request who-has 10.0.0.1 tell 10.0.0.2, length 28\n"
		"00:00:00.000003 ARP, Reply 10.0.0.1 is-at 02:00:00:00:00:01, length 46\n"
		"00:00:00.000003 IP 10.0.0.2 > 10.0.1.2: ICMP echo request, id 1, seq 1, length 64\n"
		"00:00:00.000015 IP 10.0.1.2 > 10.0.0.2: ICMP echo reply, id 1, seq 1, length 64\n"
		"64 bytes from 10.0.1.2: icmp_seq=1 ttl=63 time=0.015 ms\n"
		"64 bytes from 10.0.1.2: icmp_seq=2 ttl=63 time=0.008 ms\n"
		"\n--- 10.0.1.2 ping statistics ---\n"
		"2 packets transmitted, 2 received, 0% packet loss, time 1000ms\n"
		"rtt min/avg/max/mdev = 0.008/0.011/0.015/0.003 ms\n");
	/* -c 4: the socket closed after the fourth frame, from an event of
	 * its own (dev_remove_pack), and nothing more was printed. */
	ck_assert_int_eq(socks(SIM_STUDENT), 0);
	ck_assert(list_empty(&w->host[SIM_STUDENT]->ptype_all));
	ck_assert_int_eq(tcpdump_lines(cap.outbuf), 4);
	ck_assert_int_eq(run("ping -c 1 10.0.1.2"), 0);
	ck_assert_int_eq(tcpdump_lines(cap.outbuf), 4);
}
END_TEST

START_TEST(test_on_router)
{
	ck_assert_int_eq(run("on router tcpdump -n -i eth1 -c 2; ping -c 1 10.0.1.2"), 0);
	ck_assert_ptr_nonnull(strstr(cap.outbuf,
		"00:00:00.000005 ARP, Request who-has 10.0.1.2 tell 10.0.1.1, length 28\n"
		"00:00:00.000009 ARP, Reply 10.0.1.2 is-at 02:00:00:00:00:12, length 46\n"));
	ck_assert_ptr_nonnull(strstr(cap.errbuf, "listening on eth1,"));
}
END_TEST

/* A pcap file's frames, split by direction (from @mac or not), each cut
 * to its IP length (the padding a card adds on the wire is not the
 * stack's), with their times. */
struct tt_frames {
	int n[2];
	unsigned int len[2][64];
	u8 data[2][64][1514];
	ktime_t ts[2][64];
};

static void
tt_read(const char *path, const u8 *mac, struct tt_frames *f)
{
	char err[PCAP_ERRBUF_SIZE];
	pcap_t *p = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_NANO, err);
	struct pcap_pkthdr *hdr;
	const u_char *d;

	ck_assert_msg(p != NULL, "%s", err);
	memset(f->n, 0, sizeof(f->n));
	while (pcap_next_ex(p, &hdr, &d) == 1) {
		int dir = memcmp(d + 6, mac, ETH_ALEN) != 0;	/* 0: sent by @mac */
		unsigned int len = hdr->caplen;
		int i = f->n[dir]++;

		ck_assert_int_lt(i, 64);
		if (d[12] == 0x08 && d[13] == 0x00)
			len = ETH_HLEN + (d[16] << 8 | d[17]);
		else if (d[12] == 0x08 && d[13] == 0x06)
			len = ETH_HLEN + 28;
		ck_assert_uint_le(len, hdr->caplen);
		f->len[dir][i] = len;
		memcpy(f->data[dir][i], d, len);
		f->ts[dir][i] = (ktime_t)hdr->ts.tv_sec * NSEC_PER_SEC + hdr->ts.tv_usec;
	}
	pcap_close(p);
}

START_TEST(test_write_matches_the_wire)
{
	static struct tt_frames host, wire;
	char hostf[96], wiref[96], script[320];
	struct sim_pcap *pc;
	char err[256];
	u8 mac[ETH_ALEN];

	snprintf(hostf, sizeof(hostf), "%s/host.pcap", dir);
	snprintf(wiref, sizeof(wiref), "%s/wire.pcap", dir);
	memcpy(mac, w->host[SIM_STUDENT]->devs[0]->dev_addr, ETH_ALEN);
	pc = sim_pcap_open(wiref, err, sizeof(err));
	ck_assert_msg(pc != NULL, "%s", err);
	ck_assert_int_eq(sim_pcap_attach(pc, sim_igb_port(w->host[SIM_STUDENT]->devs[0])), 0);
	/* Without offloads: the taps see what the driver gets, and the card
	 * changes nothing.  (With checksum offload a TCP or UDP frame leaves
	 * the host with the pseudo-header sum where the card puts the
	 * checksum; with TSO, uncut: see test_write_sees_tso.) */
	snprintf(script, sizeof(script), "ethtool -K eth0 tx off; tcpdump -i eth0 -w %s; "
		 "ping -c 1 10.0.1.2; socket tcp; connect 10.0.1.2:9000; send 3 5000; close 3; "
		 "socket udp; sendto 3 10.0.1.2:9001 30", hostf);
	ck_assert_int_eq(run(script), 0);
	ck_assert_str_eq(cap.errbuf, "tcpdump: listening on eth0, link-type EN10MB (Ethernet), "
			 "snapshot length 65535 bytes\n");
	/* The end of the run closes the capture: the file is complete. */
	fixture_world_close(w, &cap);
	w = NULL;
	sim_pcap_close(pc);
	tt_read(hostf, mac, &host);
	tt_read(wiref, mac, &wire);
	ck_assert_int_ge(host.n[0], 8);
	ck_assert_int_ge(host.n[1], 6);
	for (int d = 0; d < 2; d++) {
		ck_assert_int_eq(host.n[d], wire.n[d]);
		for (int i = 0; i < host.n[d]; i++) {
			ck_assert_uint_eq(host.len[d][i], wire.len[d][i]);
			ck_assert_mem_eq(host.data[d][i], wire.data[d][i], host.len[d][i]);
			/* Out: the stack hands a frame over before the card's DMA
			 * puts it on the wire; in: the wire first. */
			if (d == 0)
				ck_assert(host.ts[d][i] <= wire.ts[d][i]);
			else
				ck_assert(wire.ts[d][i] <= host.ts[d][i]);
		}
	}
}
END_TEST

/* The student's TCP frames with data in a pcap file: how many, how many
 * longer than Ethernet allows, their payload in all. */
struct tt_tcp_out {
	int frames, oversize;
	unsigned int payload;
};

static struct tt_tcp_out
tt_tcp_out(const char *path, const u8 *mac)
{
	struct tt_tcp_out o = { 0, 0, 0 };
	char err[PCAP_ERRBUF_SIZE];
	pcap_t *p = pcap_open_offline(path, err);
	struct pcap_pkthdr *hdr;
	const u_char *d;

	ck_assert_msg(p != NULL, "%s", err);
	while (pcap_next_ex(p, &hdr, &d) == 1) {
		unsigned int iplen, ihl, thl, data;

		if (hdr->caplen < 54 || memcmp(d + 6, mac, ETH_ALEN) || d[12] != 0x08 ||
		    d[13] != 0x00 || d[23] != IPPROTO_TCP)
			continue;
		iplen = d[16] << 8 | d[17];
		ihl = (d[14] & 0xF) * 4;
		thl = (d[14 + ihl + 12] >> 4) * 4;
		data = iplen - ihl - thl;
		if (!data)
			continue;
		o.frames++;
		o.oversize += hdr->len > ETH_FRAME_LEN;
		o.payload += data;
	}
	pcap_close(p);
	return o;
}

/*
 * With TSO (the default) tcpdump on the host sees a GSO skb as one frame
 * longer than the wire allows (the IP length of all its segments), the
 * wire the card's MSS-sized frames: the same bytes, cut differently.
 */
START_TEST(test_write_sees_tso)
{
	char hostf[96], wiref[96], script[256];
	struct tt_tcp_out host, wire;
	struct sim_pcap *pc;
	char err[256];
	u8 mac[ETH_ALEN];

	snprintf(hostf, sizeof(hostf), "%s/host-tso.pcap", dir);
	snprintf(wiref, sizeof(wiref), "%s/wire-tso.pcap", dir);
	memcpy(mac, w->host[SIM_STUDENT]->devs[0]->dev_addr, ETH_ALEN);
	pc = sim_pcap_open(wiref, err, sizeof(err));
	ck_assert_msg(pc != NULL, "%s", err);
	ck_assert_int_eq(sim_pcap_attach(pc, sim_igb_port(w->host[SIM_STUDENT]->devs[0])), 0);
	snprintf(script, sizeof(script), "tcpdump -i eth0 -w %s; socket tcp; "
		 "connect 10.0.1.2:9000; send 3 5000; close 3", hostf);
	ck_assert_int_eq(run(script), 0);
	fixture_world_close(w, &cap);
	w = NULL;
	sim_pcap_close(pc);
	host = tt_tcp_out(hostf, mac);
	wire = tt_tcp_out(wiref, mac);
	ck_assert_uint_eq(host.payload, 5000);
	ck_assert_uint_eq(wire.payload, 5000);
	ck_assert_int_ge(host.oversize, 1);
	ck_assert_int_lt(host.frames, wire.frames);
	ck_assert_int_eq(wire.oversize, 0);
	ck_assert_int_eq(wire.frames, 4);	/* 3 x 1448 + 656 */
}
END_TEST

Suite *tcpdump_suite(void);

Suite *
tcpdump_suite(void)
{
	Suite *s = suite_create("tcpdump");

	fixture_add_tcase(s, "taps", tt_setup, tt_teardown, 0, (const TTest *const []){
		test_tap_tx_one_clone_freed_once,
		test_two_taps_share_the_clone,
		test_tap_rx_then_ip,
		test_tap_alone_takes_unknown_type,
		test_host_teardown_releases,
		NULL,
	});
	fixture_add_tcase(s, "lines", NULL, NULL, 0, (const TTest *const []){
		test_golden_lines,
		test_relative_seq_restarts_on_syn,
		test_cut_short_frames,
		NULL,
	});
	fixture_add_tcase(s, "command", tc_setup, tc_teardown, 20, (const TTest *const []){
		test_bad_usage,
		test_runtime_failures,
		test_capture_alongside_and_count,
		test_on_router,
		test_write_matches_the_wire,
		test_write_sees_tso,
		NULL,
	});
	return s;
}
