/*
 * tests/check_pcapng.c - the --pcapng writer (sim/pcapng.c).
 *
 * The blocks are checked byte for byte (an empty capture against a
 * golden array) and by reading a real capture back block by block: a
 * ping through the simulated router, where every frame must carry a
 * comment built from the trace stream (skb id, clone or not, TX queue
 * and ring slot, route, neighbour) and the direction flag must agree.
 * The end-to-end check with tshark is in tests/tap.sh.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/console.h"
#include "sim/pcapng.h"
#include "sim/tap.h"
#include "sim/topology.h"
#include "nic/igb.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <unistd.h>
#include "tests/fixture.h"

/* What a capture holds, read back. */
#define MAX_FRAMES 64
struct parsed {
	int shb, idb, epb;
	u16 linktype;
	int tsresol;
	char ifname[32];
	char comment[MAX_FRAMES][PCAPNG_COMMENT_MAX];
	u32 flags[MAX_FRAMES];
	u32 caplen[MAX_FRAMES];
	u16 ethertype[MAX_FRAMES];
};

static u32
get32(const u8 *p)
{
	u32 v;

	memcpy(&v, p, 4);
	return v;
}

static u16
get16(const u8 *p)
{
	u16 v;

	memcpy(&v, p, 2);
	return v;
}

/* Options from @p to @end: fill what we know about. */
static void
parse_options(struct parsed *ps, u32 type, const u8 *p, const u8 *end)
{
	while (p + 4 <= end) {
		u16 code = get16(p), len = get16(p + 2);
		const u8 *v = p + 4;

		if (code == PCAPNG_OPT_ENDOFOPT)
			return;
		ck_assert(v + len <= end);
		if (type == PCAPNG_BT_IDB && code == PCAPNG_OPT_IF_NAME && len < sizeof(ps->ifname))
			memcpy(ps->ifname, v, len);
		if (type == PCAPNG_BT_IDB && code == PCAPNG_OPT_IF_TSRESOL)
			ps->tsresol = v[0];
		if (type == PCAPNG_BT_EPB && ps->epb <= MAX_FRAMES) {
			if (code == PCAPNG_OPT_COMMENT) {
				ck_assert_uint_lt(len, PCAPNG_COMMENT_MAX);
				memcpy(ps->comment[ps->epb - 1], v, len);
			}
			if (code == PCAPNG_OPT_EPB_FLAGS)
				ps->flags[ps->epb - 1] = get32(v);
		}
		p = v + ((len + 3) & ~3);
	}
}

static void
parse_capture(const u8 *buf, size_t n, struct parsed *ps)
{
	size_t off = 0;

	memset(ps, 0, sizeof(*ps));
	while (off + 12 <= n) {
		u32 type = get32(buf + off), total = get32(buf + off + 4);
		const u8 *b = buf + off, *end = b + total - 4;

		ck_assert_uint_eq(total % 4, 0);
		ck_assert_uint_le(off + total, n);
		ck_assert_uint_eq(get32(b + total - 4), total);	/* trailing length */
		if (type == PCAPNG_BT_SHB) {
			ps->shb++;
			ck_assert_uint_eq(get32(b + 8), PCAPNG_BYTE_ORDER_MAGIC);
			ck_assert_uint_eq(get16(b + 12), 1);
			parse_options(ps, type, b + 24, end);
		} else if (type == PCAPNG_BT_IDB) {
			ps->idb++;
			ps->linktype = get16(b + 8);
			parse_options(ps, type, b + 16, end);
		} else if (type == PCAPNG_BT_EPB) {
			u32 cap = get32(b + 20);

			ck_assert_int_eq(ps->idb, 1);	/* an interface was described first */
			ps->epb++;
			if (ps->epb <= MAX_FRAMES) {
				ps->caplen[ps->epb - 1] = cap;
				ps->ethertype[ps->epb - 1] = cap >= 14 ? (u16)(b[28 + 12] << 8 | b[28 + 13]) : 0;
			}
			parse_options(ps, type, b + 28 + ((cap + 3) & ~3u), end);
		}
		off += total;
	}
	ck_assert_uint_eq(off, n);
}

/* Run @script (ending with @status) on a simulated world with a pcapng
 * writer; parse the file. */
static void
capture_script(const char *script, int status, struct parsed *ps, unsigned long *port_frames)
{
	struct sim_world *w = malloc(sizeof(*w));
	FILE *f = tmpfile(), *devnull = fopen("/dev/null", "w");
	struct sim_console con;
	struct sim_pcapng *pc;
	struct sim_port *port;
	char err[128];
	u8 *buf;
	long n;

	ck_assert_ptr_nonnull(w);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(sim_world_create(w, 1), 0);
	pc = sim_pcapng_fopen(f, err, sizeof(err));
	ck_assert_ptr_nonnull(pc);
	port = sim_igb_port(w->host[SIM_STUDENT]->devs[0]);
	ck_assert_int_eq(sim_pcapng_attach(pc, &w->trace, w->host[SIM_STUDENT], port), 0);
	console_init(&con, w, devnull, devnull);
	ck_assert_int_eq(console_run_script(&con, script), status);
	*port_frames = port->tx_frames + port->rx_frames;
	trace_mute(&w->trace);
	sim_world_destroy(w);
	ck_assert_int_eq(sim_pcapng_close(pc), 0);
	ck_assert_uint_eq(sim_skb_ledger_live(&w->ledger, NULL), 0);
	free(w);
	fclose(devnull);

	n = ftell(f);
	ck_assert_int_gt(n, 0);
	buf = malloc(n);
	rewind(f);
	ck_assert_int_eq(fread(buf, 1, n, f), n);
	fclose(f);
	parse_capture(buf, n, ps);
	free(buf);
}

static int
find_comment(const struct parsed *ps, const char *a, const char *b)
{
	for (int i = 0; i < ps->epb && i < MAX_FRAMES; i++)
		if (strstr(ps->comment[i], a) && (!b || strstr(ps->comment[i], b)))
			return i;
	return -1;
}

/* An empty capture: exactly the Section Header the format prescribes. */
START_TEST(test_empty_capture_golden)
{
	static const u8 golden[] = {
		0x0a, 0x0d, 0x0d, 0x0a,	/* block type: SHB */
		44, 0, 0, 0,		/* total length */
		0x4d, 0x3c, 0x2b, 0x1a,	/* byte-order magic, little-endian */
		1, 0, 0, 0,		/* version 1.0 */
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,	/* section length: unknown */
		4, 0, 7, 0, 'n', 'e', 't', 's', 't', 'e', 'p', 0,	/* shb_userappl */
		0, 0, 0, 0,		/* opt_endofopt */
		44, 0, 0, 0,		/* total length again */
	};
	FILE *f = tmpfile();
	char err[64];
	struct sim_pcapng *pc = sim_pcapng_fopen(f, err, sizeof(err));
	u8 buf[128];
	long n;

	ck_assert_ptr_nonnull(pc);
	ck_assert_int_eq(sim_pcapng_close(pc), 0);
	n = ftell(f);
	ck_assert_int_eq(n, sizeof(golden));
	rewind(f);
	ck_assert_int_eq(fread(buf, 1, n, f), n);
	ck_assert_mem_eq(buf, golden, sizeof(golden));
	fclose(f);
}
END_TEST

/* Interface block: Ethernet, nanosecond stamps, named after the port. */
START_TEST(test_interface_block)
{
	struct parsed *ps = malloc(sizeof(*ps));
	unsigned long frames;

	capture_script("ping -c 1 10.0.0.1", 0, ps, &frames);
	ck_assert_int_eq(ps->shb, 1);
	ck_assert_int_eq(ps->idb, 1);
	ck_assert_uint_eq(ps->linktype, PCAPNG_LINKTYPE_ETHERNET);
	ck_assert_int_eq(ps->tsresol, 9);
	ck_assert_str_eq(ps->ifname, "student:eth0");
	/* every frame that crossed the port, nothing else */
	ck_assert_int_eq(ps->epb, (int)frames);
	free(ps);
}
END_TEST

/* The ping through the router: each frame says where it came from. */
START_TEST(test_comments_from_trace)
{
	struct parsed *ps = malloc(sizeof(*ps));
	unsigned long frames;
	int i;

	capture_script("ping -c 2 10.0.1.2", 0, ps, &frames);
	ck_assert_int_eq(ps->epb, (int)frames);
	ck_assert_int_ge(ps->epb, 6);	/* ARP request, reply, 2 echo, 2 replies */
	for (i = 0; i < ps->epb && i < MAX_FRAMES; i++) {
		bool tx = !strncmp(ps->comment[i], "TX skb#", 7);
		bool rx = !strncmp(ps->comment[i], "RX skb#", 7);

		ck_assert_msg(tx || rx, "frame %d: comment '%s'", i, ps->comment[i]);
		ck_assert_uint_eq(ps->flags[i], tx ? PCAPNG_EPB_OUTBOUND : PCAPNG_EPB_INBOUND);
		ck_assert_ptr_nonnull(strstr(ps->comment[i], "clone=no"));
		ck_assert_ptr_nonnull(strstr(ps->comment[i], " slot="));
	}
	/* first frame: the ARP request, sent for the gateway */
	ck_assert_uint_eq(ps->ethertype[0], 0x0806);
	ck_assert_ptr_nonnull(strstr(ps->comment[0], "route none (ARP)"));
	ck_assert_ptr_nonnull(strstr(ps->comment[0], "neigh 10.0.0.1 (solicit)"));
	/* echo requests: the default route and the gateway's entry */
	i = find_comment(ps, "TX skb#", "route 10.0.1.2 via 10.0.0.1 dev eth0");
	ck_assert_int_ge(i, 0);
	ck_assert_uint_eq(ps->ethertype[i], 0x0800);
	ck_assert_ptr_nonnull(strstr(ps->comment[i], "neigh 10.0.0.1"));
	ck_assert_ptr_nonnull(strstr(ps->comment[i], "queue="));
	/* a reply came up: the input route says it is for us */
	i = find_comment(ps, "RX skb#", "(local)");
	ck_assert_int_ge(i, 0);
	/* the ARP reply updated the neighbour entry */
	ck_assert_int_ge(find_comment(ps, "RX skb#", "neigh 10.0.0.1 02:00:00:00:00:01 REACHABLE"), 0);
	free(ps);
}
END_TEST

/* A frame the stack drops says where and why; one the card refuses, why. */
START_TEST(test_drop_comments)
{
	struct parsed *ps = malloc(sizeof(*ps));
	unsigned long frames;
	int i;

	/* the echo reply is routed in, then the INPUT chain drops it */
	/* (a ping with no reply exits 1, as iputils') */
	capture_script("iptables -A INPUT -p icmp -j DROP; ping -c 1 10.0.0.1", 1, ps, &frames);
	ck_assert_int_eq(ps->epb, (int)frames);
	i = find_comment(ps, "RX skb#", "| dropped in nf_hook: reason=iptables_drop chain=INPUT");
	ck_assert_int_ge(i, 0);
	ck_assert_ptr_nonnull(strstr(ps->comment[i], "route 10.0.0.2/32 dev eth0 (local)"));
	/* the router's echo request reaches a card whose receiver is off */
	capture_script("ping -c 1 10.0.0.1; ip link set eth0 down; on router ping -c 1 10.0.0.2",
		       1, ps, &frames);
	ck_assert_int_eq(ps->epb, (int)frames);
	ck_assert_int_ge(find_comment(ps, "RX dropped by the card: reason=rx_disabled len=98",
				      NULL), 0);
	free(ps);
}
END_TEST

/*
 * A GSO skb is cut into segments below the route: by the card (TSO, the
 * default) or in software (dev_hard_start_xmit, `tso off`).  Either way
 * each segment's frame names the GSO skb it came from, which segment it
 * is, who cut it, and still shows that skb's route and neighbour.
 */
static void
gso_comments(const char *script, const char *who)
{
	struct parsed *ps = malloc(sizeof(*ps));
	char want[96];
	unsigned long frames;
	int segs = 0, lasts = 0;

	capture_script(script, 0, ps, &frames);
	ck_assert_int_eq(ps->epb, (int)frames);
	for (int i = 0; i < ps->epb && i < MAX_FRAMES; i++) {
		const char *g = strstr(ps->comment[i], " gso=segment ");
		unsigned int seg, nsegs, of;

		if (strncmp(ps->comment[i], "TX skb#", 7) || ps->caplen[i] < 1000)
			continue;
		ck_assert_msg(strstr(ps->comment[i], "| route 10.0.1.2 via 10.0.0.1 dev eth0 | "
				     "neigh 10.0.0.1 REACHABLE"), "frame %d: %s", i, ps->comment[i]);
		if (!g)
			continue;
		ck_assert_int_eq(sscanf(g, " gso=segment %u/%u of skb#%u", &seg, &nsegs, &of), 3);
		snprintf(want, sizeof(want), "of skb#%u (cut %s)", of, who);
		ck_assert_msg(strstr(g, want), "frame %d: %s", i, ps->comment[i]);
		ck_assert_uint_ge(seg, 1);
		ck_assert_uint_le(seg, nsegs);
		segs++;
		lasts += seg == nsegs;
	}
	/* 8000 bytes: 5 full segments and one of 760, at least 2 of them in
	 * one GSO skb, and the last segment of each GSO skb seen */
	ck_assert_int_ge(segs, 2);
	ck_assert_int_ge(lasts, 1);
	free(ps);
}

START_TEST(test_gso_segment_comments)
{
	gso_comments("socket tcp; connect 10.0.1.2:9000; send 3 8000", "by the card");
	gso_comments("ethtool -K eth0 tso off; socket tcp; connect 10.0.1.2:9000; send 3 8000",
		     "in software");
}
END_TEST

/* A write that fails is reported by close, not ignored. */
START_TEST(test_write_error)
{
	char small[16];
	FILE *f = fmemopen(small, sizeof(small), "w");
	char err[64];
	struct sim_pcapng *pc;

	ck_assert_ptr_nonnull(f);
	setvbuf(f, NULL, _IONBF, 0);
	pc = sim_pcapng_fopen(f, err, sizeof(err));
	ck_assert_ptr_nonnull(pc);
	ck_assert_int_lt(sim_pcapng_close(pc), 0);
	fclose(f);
}
END_TEST

/* --addr and --gw of the TAP wire. */
START_TEST(test_tap_parse)
{
	__be32 a;
	int len;

	ck_assert_int_eq(tap_parse_cidr("10.0.0.2/24", &a, &len), 0);
	ck_assert_uint_eq(a, inet_addr("10.0.0.2"));
	ck_assert_int_eq(len, 24);
	ck_assert_int_eq(tap_parse_cidr("192.168.7.9", &a, &len), 0);
	ck_assert_int_eq(len, 32);
	ck_assert_int_eq(tap_parse_cidr("10.0.0.2/0", &a, &len), -EINVAL);
	ck_assert_int_eq(tap_parse_cidr("10.0.0.2/33", &a, &len), -EINVAL);
	ck_assert_int_eq(tap_parse_cidr("10.0.0.2/", &a, &len), -EINVAL);
	ck_assert_int_eq(tap_parse_cidr("10.0.0.2/2x", &a, &len), -EINVAL);
	ck_assert_int_eq(tap_parse_cidr("10.0.0/24", &a, &len), -EINVAL);
	ck_assert_int_eq(tap_parse_addr("10.0.0.1", &a), 0);
	ck_assert_uint_eq(a, inet_addr("10.0.0.1"));
	ck_assert_int_eq(tap_parse_addr("fe80::1", &a), -EINVAL);
}
END_TEST

/* Wall-clock mode: an event waits for its real time; the fd wakes the engine. */
struct wall_probe {
	struct sim_event ev;
	int fd;
	int reads;
	ktime_t fired_wall;
	struct sim_engine *eng;
};

static void
wall_probe_fire(struct sim_event *ev)
{
	struct wall_probe *p = container_of(ev, struct wall_probe, ev);

	p->fired_wall = sim_wall_now(p->eng);
}

static void
wall_probe_readable(void *arg)
{
	struct wall_probe *p = arg;
	char c;

	while (read(p->fd, &c, 1) == 1)
		p->reads++;
}

START_TEST(test_engine_wall_mode)
{
	struct sim_engine eng;
	struct sim_wall wall = { 0 };
	struct wall_probe p = { 0 };
	int fds[2];
	ktime_t t0;

	ck_assert_int_eq(pipe(fds), 0);
	fcntl(fds[0], F_SETFL, O_NONBLOCK);
	sim_engine_init(&eng, 1);
	p.fd = fds[0];
	p.eng = &eng;
	wall.fd = fds[0];
	wall.readable = wall_probe_readable;
	wall.arg = &p;
	sim_engine_set_wall(&eng, &wall);
	/* Only lower bounds on real time: a busy machine may always be later. */
	t0 = sim_wall_now(&eng);
	/* an event 20 ms ahead fires no earlier than 20 ms of real time */
	sim_event_init(&p.ev, "probe", wall_probe_fire);
	sim_event_schedule(&eng, &p.ev, eng.now + 20 * NSEC_PER_MSEC);
	ck_assert_int_eq(write(fds[1], "x", 1), 1);	/* data already waiting */
	ck_assert_int_eq(sim_run(&eng, 0, 100), 0);
	ck_assert_uint_ge(p.fired_wall, t0 + 20 * NSEC_PER_MSEC);
	ck_assert_uint_eq(eng.now, p.ev.when);
	ck_assert_int_eq(p.reads, 1);	/* the fd woke the engine on the way */
	ck_assert_uint_ge(wall.wakeups, 1);
	/* "until" is honoured on the wall clock too (relative to the wall's
	 * now: on a busy machine virtual time may lag behind it) */
	t0 = sim_wall_now(&eng);
	ck_assert_int_eq(sim_run(&eng, t0 + 10 * NSEC_PER_MSEC, 100), 0);
	ck_assert_uint_ge(sim_wall_now(&eng), t0 + 9 * NSEC_PER_MSEC);
	sim_engine_set_wall(&eng, NULL);
	sim_engine_destroy(&eng);
	close(fds[0]);
	close(fds[1]);
}
END_TEST

Suite *
pcapng_suite(void)
{
	Suite *s = suite_create("pcapng");

	fixture_add_tcase(s, "tap", NULL, NULL, 0, (const TTest *const []){
		test_tap_parse,
		test_engine_wall_mode,
		NULL,
	});

	fixture_add_tcase(s, "blocks", NULL, NULL, 0, (const TTest *const []){
		test_empty_capture_golden,
		test_interface_block,
		test_comments_from_trace,
		test_drop_comments,
		test_gso_segment_comments,
		test_write_error,
		NULL,
	});
	return s;
}
