/*
 * tests/check_console.c - the console over the whole classroom world:
 * word splitting, errors, the check-before-run rule, sim and on.
 */
#include "sim/console.h"
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

/* ping exits 1 when no reply came, as iputils does; a failure does not
 * stop the script, so it can look at what went wrong. */
START_TEST(test_ping_without_reply)
{
	ck_assert_int_eq(run("ping -c 1 -W 1 10.0.0.99; ip neigh"), 1);
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "1 packets transmitted, 0 received"));
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "10.0.0.99 dev eth0"));
	ck_assert_int_eq(run("ping -c 1 10.0.1.2"), 0);
	ck_assert_int_eq(run("socket tcp; connect 10.0.1.2:5999; ping -c 1 10.0.1.2"), 1);
	ck_assert_ptr_nonnull(strstr(cap.errbuf, "Connection refused"));
	ck_assert_ptr_nonnull(strstr(cap.outbuf, "1 packets transmitted, 1 received"));
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

/* Resolve @line on the console (ck_assert: it resolves); @call's words live in @buf. */
static void
resolve(const char *line, char *buf, char **argv, struct console_call *call)
{
	int argc = console_split(line, buf, argv, CONSOLE_MAX_ARGS, NULL);

	ck_assert_int_gt(argc, 0);
	ck_assert_int_eq(console_resolve(&con, argc, argv, call), 0);
}

/* Call a read-only @line as the UI does (its own call, nothing run
 * after it): it schedules nothing and lets no time pass.  Its output. */
static char *
look(const char *line)
{
	char buf[CONSOLE_MAX_LINE], *argv[CONSOLE_MAX_ARGS + 1];
	struct console_call call;
	u64 scheduled = w->eng.next_seq;
	ktime_t now = w->eng.now;
	size_t from;

	fixture_capture_flush(&cap);
	from = cap.outlen;
	resolve(line, buf, argv, &call);
	ck_assert_msg(console_read_only(&call), "%s should be read-only", line);
	ck_assert_int_eq(console_call(&con, &call), 0);
	fixture_capture_flush(&cap);
	ck_assert_msg(w->eng.now == now && w->eng.next_seq == scheduled,
		      "%s: time ran or an event was scheduled", line);
	ck_assert_msg(cap.errlen == 0, "%s: %s", line, cap.errbuf);
	ck_assert_msg(cap.outlen > from, "%s printed nothing", line);
	return strdup(cap.outbuf + from);
}

/*
 * The table says which forms only look, and they do: after a ping has
 * filled the tables, each read-only form schedules nothing, lets no
 * time pass and prints the same thing when asked twice; the forms that
 * change something are not read-only.
 */
START_TEST(test_read_only_forms)
{
	static const char *const looks[] = {
		"ip route", "ip route show", "ip r", "ip neigh", "ip neigh show", "ip link",
		"ip link show", "ip addr", "route -n", "ss", "ss -tan", "nstat", "nstat -az",
		"netstat -s", "ethtool eth0", "ethtool -S eth0", "ethtool -g eth0",
		"ethtool -i eth0", "tc qdisc", "tc -s qdisc", "tc -s qdisc show dev eth0",
		"cat /proc/softirqs", "cat /proc/interrupts", "iptables -L", "iptables -nvL",
		"iptables -L INPUT -n -v --line-numbers", "on router ip route",
		"on server netstat -s",
	};
	static const char *const moves[] = {
		"ping -c 1 10.0.1.2", "ip route add 10.9.0.0/16 dev eth0", "ip route get 10.0.1.2",
		"ip neigh flush all", "ip link set eth0 down", "tc qdisc replace dev eth0 root pfifo",
		"tc qdisc del dev eth0 root", "iptables -A OUTPUT -j DROP", "iptables -L -Z",
		"iptables -F", "ethtool -G eth0 tx 128", "socket tcp", "connect 10.0.1.2:9000",
		"send 3 10", "close 3", "listen 6000", "recv 6000", "sleep 1",
		"sim link wan loss 5", "on router ip route add 10.9.0.0/16 dev eth0",
	};
	char buf[CONSOLE_MAX_LINE], *argv[CONSOLE_MAX_ARGS + 1];
	struct console_call call;

	ck_assert_int_eq(run("ping -c 1 10.0.1.2"), 0);
	for (size_t i = 0; i < ARRAY_SIZE(looks); i++) {
		char *first = look(looks[i]), *second = look(looks[i]);

		ck_assert_msg(!strcmp(first, second), "%s: a second look differs", looks[i]);
		free(first);
		free(second);
	}
	for (size_t i = 0; i < ARRAY_SIZE(moves); i++) {
		resolve(moves[i], buf, argv, &call);
		ck_assert_msg(!console_read_only(&call), "%s is not read-only", moves[i]);
	}
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
		test_ping_without_reply,
		test_unknown_command_applies_nothing,
		test_quotes_and_errors,
		test_sleep_advances_time,
		test_durations,
		test_sim_link_and_on,
		test_too_long,
		test_one_command_table,
		test_read_only_forms,
		test_nstat_groups,
		NULL,
	});
	return s;
}
