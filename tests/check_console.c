/*
 * tests/check_console.c - the console over the whole classroom world:
 * word splitting, errors, the check-before-run rule, sim and on.
 */
#include "sim/console.h"
#include "sim/journal.h"
#include "layers/route.h"
#include "tests/fixture.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static struct sim_world *w;
static struct sim_console con;
static struct fixture_capture cap;

static void setup(void)
{
	w = fixture_world_open(&con, &cap, 7);
}

static void teardown(void)
{
	fixture_world_close(w, &cap);
}

static int run(const char *script)
{
	return fixture_console_run(&con, &cap, script);
}

static int lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

START_TEST(test_ping_through_router)
{
	ck_assert_int_eq(run("ping -c 2 10.0.1.2"), 0);
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "2 packets transmitted, 2 received"));
	ck_assert_str_eq(cap.errbuf, "");
}
END_TEST

START_TEST(test_unknown_command_applies_nothing)
{
	struct rtable *rt;
	struct flowi4 fl4 = { .daddr = htonl(0x0a090001) };

	ck_assert_int_eq(run("ip route add 10.9.0.0/16 dev eth0; frobnicate now"), 2);
	ck_assert_int_eq(lines(cap.errbuf), 1);
	ck_assert_ptr_nonnull(strstr(cap.errbuf, "frobnicate"));
	ck_assert_str_eq(cap.outbuf, "");
	/* The route of the first command was not added: the default matches. */
	rt = ip_route_output_key(w->host[SIM_STUDENT], &fl4);
	ck_assert(!IS_ERR(rt));
	ck_assert_uint_eq(rt->rt_gateway, htonl(0x0a000001));
}
END_TEST

START_TEST(test_quotes_and_errors)
{
	ck_assert_int_eq(run("ping -c 1 '10.0.1.2"), 2);
	ck_assert_ptr_nonnull(strstr(cap.errbuf, "unterminated quote"));
	ck_assert_int_eq(run("sleep forever"), 2);
	ck_assert_ptr_nonnull(strstr(cap.errbuf, "sleep: invalid time interval 'forever'"));
	ck_assert_int_eq(run("on mars ip route"), 2);
	ck_assert_int_eq(run("sim link moon mtu 1400"), 2);
	ck_assert_int_eq(run("sim link wan mtu 20"), 2);
	ck_assert_int_eq(run("sim link wan loss 101"), 2);
	ck_assert_int_eq(run(";;  ;"), 0);	/* empty commands are fine */
}
END_TEST

START_TEST(test_sleep_advances_time)
{
	ktime_t before = w->eng.now;

	ck_assert_int_eq(run("sleep 1.5s"), 0);
	ck_assert_uint_ge(w->eng.now, before + 1500 * NSEC_PER_MSEC);
}
END_TEST

START_TEST(test_durations)
{
	ktime_t ns;

	ck_assert_int_eq(console_parse_duration("2", &ns), 0);
	ck_assert_uint_eq(ns, 2 * NSEC_PER_SEC);
	ck_assert_int_eq(console_parse_duration("200ms", &ns), 0);
	ck_assert_uint_eq(ns, 200 * NSEC_PER_MSEC);
	ck_assert_int_eq(console_parse_duration("50us", &ns), 0);
	ck_assert_uint_eq(ns, 50 * NSEC_PER_USEC);
	ck_assert_int_eq(console_parse_duration("-1", &ns), -EINVAL);
	ck_assert_int_eq(console_parse_duration("3h", &ns), -EINVAL);
	ck_assert_int_eq(console_parse_duration("", &ns), -EINVAL);
}
END_TEST

START_TEST(test_sim_link_and_on)
{
	ck_assert_int_eq(run("sim link wan mtu 1400"), 0);
	ck_assert_uint_eq(w->link[SIM_WAN]->mtu, 1400);
	ck_assert_uint_eq(w->host[SIM_ROUTER]->devs[1]->mtu, 1400);
	ck_assert_uint_eq(w->host[SIM_SERVER]->devs[0]->mtu, 1400);
	ck_assert_int_eq(run("sim link lan loss 2.5%; sim link lan delay 3ms"), 0);
	ck_assert_uint_eq(w->link[SIM_LAN]->loss_ppm, 25000);
	ck_assert_uint_eq(w->link[SIM_LAN]->delay, 3 * NSEC_PER_MSEC);
	/* The short forms: loss and delay on every link, a bare delay in ms. */
	ck_assert_int_eq(run("sim loss 5; sim delay 200; sim mtu wan 1300"), 0);
	for (int i = 0; i < SIM_NLINKS; i++) {
		ck_assert_uint_eq(w->link[i]->loss_ppm, 50000);
		ck_assert_uint_eq(w->link[i]->delay, 200 * NSEC_PER_MSEC);
	}
	ck_assert_uint_eq(w->link[SIM_WAN]->mtu, 1300);
	ck_assert_uint_eq(w->link[SIM_LAN]->mtu, 9000);
	ck_assert_int_eq(run("sim loss 0; sim delay 0"), 0);
	ck_assert_int_eq(run("on server ping -c 1 10.0.0.2"), 0);
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "1 packets transmitted, 1 received"));
}
END_TEST

START_TEST(test_too_long)
{
	char *line = malloc(CONSOLE_MAX_LINE + 10);

	memset(line, 'a', CONSOLE_MAX_LINE + 9);
	line[CONSOLE_MAX_LINE + 9] = '\0';
	ck_assert_int_eq(run(line), 2);
	ck_assert_ptr_nonnull(strstr(cap.errbuf, "too long"));
	free(line);
}
END_TEST

/* One table for -e, the UI's `:` and lessons: every command is found,
 * and `on HOST` is resolved (and refused) in one place. */
START_TEST(test_one_command_table)
{
	static const char *const names[] = { "ping", "ip", "route", "tc", "iptables", "ethtool",
					     "cat", "nstat", "netstat", "socket", "connect", "send",
					     "sendto", "close", "listen", "recv", "ss", "sleep", "sim" };
	char *argv[4];
	struct console_call call;

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		ck_assert_msg(console_find(names[i]), "%s missing from the table", names[i]);
	ck_assert_ptr_null(console_find("frobnicate"));
	/* `on router` without a command is a usage error, not an unknown host. */
	ck_assert_int_eq(run("on router"), 2);
	ck_assert_ptr_nonnull(strstr(cap.errbuf, "usage: on"));
	ck_assert_int_eq(run("on nowhere ping 10.0.0.1"), 2);
	ck_assert_ptr_nonnull(strstr(cap.errbuf, "unknown host 'nowhere'"));
	ck_assert_int_eq(run("on router sleep 1"), 2);
	ck_assert_ptr_nonnull(strstr(cap.errbuf, "'sleep' cannot follow 'on HOST'"));
	argv[0] = "on";
	argv[1] = "server";
	argv[2] = "netstat";
	argv[3] = NULL;
	ck_assert_int_eq(console_resolve(&con, 3, argv, &call), 0);
	ck_assert_ptr_eq(call.net, w->host[SIM_SERVER]);
	ck_assert_str_eq(call.cmd->name, "netstat");
	ck_assert_int_eq(call.argc, 1);
}
END_TEST

/* The table says which forms only print: a lesson runs those at a break. */
START_TEST(test_read_only_forms)
{
	static const struct { const char *line; bool ro; } forms[] = {
		{ "ip route", true }, { "ip r show", true }, { "ip route get 10.0.1.2", false },
		{ "ip route add 10.9.0.0/16 via 10.0.0.1", false }, { "ip neigh", true },
		{ "ip neigh flush all", false }, { "ip link", true }, { "ip link set eth0 mtu 1400", false },
		{ "ip addr", true }, { "route -n", true }, { "ss -tin", true }, { "nstat -az", true },
		{ "netstat -s", true }, { "cat /proc/softirqs", true }, { "tc -s qdisc", true },
		{ "tc qdisc show dev eth0", true },
		{ "tc qdisc replace dev eth0 root tbf rate 1mbit burst 2k latency 50ms", false },
		{ "ethtool -S eth0", true }, { "ethtool -g eth0", true }, { "ethtool eth0", true },
		{ "ethtool -G eth0 tx 80", false }, { "iptables -L -v -n", true },
		{ "iptables -L -Z", false }, { "iptables -F", false },
		{ "on router ip neigh", true }, { "ping -c 1 10.0.1.2", false },
		{ "send 3 100", false }, { "sleep 1", false }, { "sim loss 5", false },
	};

	for (size_t i = 0; i < ARRAY_SIZE(forms); i++) {
		char buf[128], *argv[CONSOLE_MAX_ARGS + 1];
		struct console_call call;
		int argc = console_split(forms[i].line, buf, argv, CONSOLE_MAX_ARGS, NULL);

		ck_assert_int_eq(console_resolve(&con, argc, argv, &call), 0);
		ck_assert_msg(console_read_only(&call) == forms[i].ro, "%s: read-only should be %d",
			      forms[i].line, forms[i].ro);
	}
}
END_TEST

/* A sink that only counts: with it the first world runs traced. */
static void
count_events(void *arg, const struct trace_event *ev)
{
	(void)ev;
	++*(unsigned long *)arg;
}

/* A journaled call by its line (resolved on @c). */
static int
journal_line(struct sim_journal *j, struct sim_console *c, const char *line)
{
	char buf[128], *argv[CONSOLE_MAX_ARGS + 1];
	struct console_call call;
	int argc = console_split(line, buf, argv, CONSOLE_MAX_ARGS, NULL);

	ck_assert_int_eq(console_resolve(c, argc, argv, &call), 0);
	return sim_journal_call(j, c, &call, line);
}

/* What a world is, as far as a replay must get it the same. */
static void
world_same(const struct sim_world *a, const struct sim_world *b)
{
	ck_assert_uint_eq(a->eng.now, b->eng.now);
	ck_assert_uint_eq(a->eng.events_run, b->eng.events_run);
	ck_assert_uint_eq(a->ledger.allocated, b->ledger.allocated);
	ck_assert_uint_eq(a->ledger.freed, b->ledger.freed);
	for (int h = 0; h < SIM_NHOSTS; h++)
		for (int i = 0; i < SNMP_MIB_MAX; i++)
			ck_assert_msg(a->host[h]->mib[i] == b->host[h]->mib[i], "%s %s: %lu, replayed %lu",
				      a->host[h]->name, sim_snmp_counter_name[i], a->host[h]->mib[i],
				      b->host[h]->mib[i]);
}

/*
 * The journal: the calls that changed a world, made again on a fresh
 * one (traced or muted, it does not matter), give the same world; runs
 * of one call are one entry; a prefix of it is another world's past.
 */
START_TEST(test_journal_replays)
{
	struct sim_journal j;
	struct sim_world *again = malloc(sizeof(*again));
	unsigned long events = 0;
	u64 half;

	ck_assert_ptr_nonnull(again);
	ck_assert_int_eq(trace_add_sink(&w->trace, count_events, &events), 0);
	sim_journal_init(&j);
	j.owner = SIM_JOWN_LESSON;
	ck_assert_int_eq(journal_line(&j, &con, "socket tcp"), 0);
	ck_assert_int_eq(journal_line(&j, &con, "connect 10.0.1.2:5000"), 0);
	for (int i = 0; i < 3000 && console_busy(&con); i++)
		sim_journal_run(&j, w, 0);
	half = j.pos;
	j.owner = SIM_JOWN_STUDENT;
	ck_assert_int_eq(journal_line(&j, &con, "send 3 100000"), 0);
	sim_journal_mark(&j, "a note", 7);
	while (sim_journal_one(&j, w))
		;
	sim_journal_abort(&j, w);
	for (int h = 0; h < SIM_NHOSTS; h++)
		sim_journal_status(&j, w, h);
	trace_remove_sink(&w->trace, &events);
	ck_assert(!j.broken);
	ck_assert_uint_gt(events, 10000);
	/* A thousand calls, a handful of entries. */
	ck_assert_uint_gt(j.pos, 1000);
	ck_assert_uint_lt(j.n, 40);
	ck_assert_uint_eq(sim_journal_end_of(&j, SIM_JOWN_LESSON), half);
	/* Traced the first time, muted now: the same world. */
	ck_assert_int_eq(sim_world_create(again, 7), 0);
	ck_assert_int_eq(sim_journal_replay(&j, again, j.pos, NULL, NULL, NULL), (long long)j.pos);
	world_same(w, again);
	sim_world_destroy(again);
	/* A prefix, as far as the lesson's own calls went. */
	ck_assert_int_eq(sim_world_create(again, 7), 0);
	ck_assert_int_eq(sim_journal_replay(&j, again, half, NULL, NULL, NULL), (long long)half);
	ck_assert_uint_lt(again->eng.events_run, w->eng.events_run);
	sim_journal_truncate(&j, half);
	ck_assert_uint_eq(j.pos, half);
	ck_assert_uint_eq(sim_journal_end_of(&j, SIM_JOWN_STUDENT), 0);
	sim_world_destroy(again);
	free(again);
	sim_journal_free(&j);
}
END_TEST

/* nstat prints 3.10's snmp.h counters under #kernel and the rest apart. */
START_TEST(test_nstat_groups)
{
	const char *kernel, *own, *later;

	ck_assert_int_eq(run("nstat -az"), 0);
	kernel = strstr(cap.outbuf, "#kernel\n");
	later = strstr(cap.outbuf, "#netstep: counters of later kernels");
	own = strstr(cap.outbuf, "#netstep: netstep's own counters");
	ck_assert_ptr_nonnull(kernel);
	ck_assert_ptr_nonnull(later);
	ck_assert_ptr_nonnull(own);
	ck_assert(kernel < later && later < own);
	/* 3.10's name for IPSTATS_MIB_INPKTS is printed as InReceives under Ip. */
	ck_assert(strstr(cap.outbuf, "IpInReceives") < later);
	ck_assert(strstr(cap.outbuf, "IpExtOutOctets") < later);
	ck_assert(strstr(cap.outbuf, "IpReasmOverlaps") > later);
	ck_assert(strstr(cap.outbuf, "IpReasmOverlaps") < own);
	ck_assert(strstr(cap.outbuf, "\nRxTruncatedFrames") > own);
	ck_assert(strstr(cap.outbuf, "\nTCPOutOfWindow") > own);
	for (int i = 0; i < SNMP_MIB_MAX; i++)
		ck_assert_msg((sim_snmp_counter_origin[i] == SIM_SNMP_NETSTEP) ==
			      !strncmp(sim_snmp_counter_name[i], "SIM_MIB_", 8),
			      "%s: netstep's own counters, and only they, are SIM_MIB_*",
			      sim_snmp_counter_name[i]);
	ck_assert_int_eq(run("ping -c 1 10.0.1.2; netstat -s"), 0);
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "\nIpExt:\n    OutOctets: 84\n"));
}
END_TEST

Suite *console_suite(void)
{
	Suite *s = suite_create("console");

	fixture_add_tcase(s, "core", setup, teardown, 20, (const TTest *const []){
		test_ping_through_router,
		test_unknown_command_applies_nothing,
		test_quotes_and_errors,
		test_sleep_advances_time,
		test_durations,
		test_sim_link_and_on,
		test_too_long,
		test_one_command_table,
		test_read_only_forms,
		test_journal_replays,
		test_nstat_groups,
		NULL,
	});
	return s;
}
