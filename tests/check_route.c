/*
 * tests/check_route.c - the routing layer (layers/route.c,
 * layers/fib_frontend.c, layers/fib_trie.c) and the `ip` / `route`
 * tools (tools/iproute.c).
 *
 * Each test builds hosts with fake devices (tests/fixture.h), adds
 * routes, and checks what the lookups return: longest prefix, metric
 * tie-break, gateway vs on-link nexthop, counters, PMTU exceptions over
 * virtual time, input decisions, and the tools' output against golden
 * text copied from the real tools' formats.
 */
#include <check.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fixture.h"
#include "events/fib.h"
#include "layers/route.h"
#include "layers/ip.h"
#include "tools/tools.h"

Suite *route_suite(void);

static struct fixture fx;	/* large: keep it off the stack */

/* Output of a tool or show function, captured in memory. */
struct capture {
	char *buf;
	size_t len;
	FILE *f;
};

static FILE *
cap_open(struct capture *c)
{
	c->buf = NULL;
	c->len = 0;
	c->f = open_memstream(&c->buf, &c->len);
	ck_assert_ptr_nonnull(c->f);
	return c->f;
}

static const char *
cap_text(struct capture *c)
{
	fflush(c->f);
	return c->buf;
}

static void
cap_close(struct capture *c)
{
	fclose(c->f);
	free(c->buf);
}

/* Run a tool with a NULL-terminated word list; returns its status. */
static int
run_tool(tool_fn fn, struct net *h, struct capture *out, struct capture *err, ...)
{
	char *argv[32];
	int argc = 0;
	va_list ap;

	va_start(ap, err);
	for (char *w; argc < 31 && (w = va_arg(ap, char *)) != NULL;)
		argv[argc++] = w;
	va_end(ap);
	argv[argc] = NULL;
	return fn(h, argc, argv, out->f, err->f);
}

/* An output lookup for @dst; the rtable or an ERR_PTR. */
static struct rtable *
lookup(struct net *h, const char *dst, __be32 *saddr)
{
	struct flowi4 fl4;
	struct rtable *rt = ip_route_output_ports(h, &fl4, NULL, fx_addr(dst), 0, 0, 0,
						  IPPROTO_ICMP, 0, 0);

	if (saddr)
		*saddr = fl4.saddr;
	return rt;
}

static __be32
gw_of(struct net *h, const char *dst)
{
	struct rtable *rt = lookup(h, dst, NULL);

	ck_assert_msg(!IS_ERR(rt), "no route to %s", dst);
	return rt->rt_gateway;
}

/* The student host: eth0 10.0.0.2/24, default via 10.0.0.1. */
static struct net *
student(struct net_device **eth0)
{
	struct net *h;

	fixture_setup(&fx, 1);
	h = fx.host[0];
	*eth0 = fixture_fake_dev(&fx, h, "eth0", "10.0.0.2/24");
	ck_assert_int_eq(sim_fib_table_insert(h, 0, 0, fx_addr("10.0.0.1"), NULL, 0, 0), 0);
	return h;
}

/* Let virtual time pass (nothing else is scheduled). */
static void
advance(unsigned long ms)
{
	ck_assert_int_eq(sim_run(&fx.eng, fx.eng.now + ms * NSEC_PER_MSEC, 1000), 0);
}

START_TEST(test_longest_prefix)
{
	struct net_device *eth0;
	struct net *h = student(&eth0);
	struct rtable *rt;
	__be32 saddr;
	bool matched;

	ck_assert_int_eq(sim_fib_table_insert(h, fx_addr("10.1.0.0"), 16, fx_addr("10.0.0.5"),
					      NULL, 0, 0), 0);
	ck_assert_int_eq(sim_fib_table_insert(h, fx_addr("10.1.2.0"), 24, fx_addr("10.0.0.3"),
					      NULL, 0, 0), 0);
	ck_assert_int_eq(sim_fib_table_insert(h, fx_addr("10.1.2.3"), 32, fx_addr("10.0.0.4"),
					      eth0, 0, 0), 0);

	ck_assert_uint_eq(gw_of(h, "10.1.2.3"), fx_addr("10.0.0.4"));	/* /32 */
	ck_assert_uint_eq(gw_of(h, "10.1.2.4"), fx_addr("10.0.0.3"));	/* /24 */
	ck_assert_uint_eq(gw_of(h, "10.1.9.9"), fx_addr("10.0.0.5"));	/* /16 */
	ck_assert_uint_eq(gw_of(h, "8.8.8.8"), fx_addr("10.0.0.1"));	/* default */

	/* On-link: no gateway, the next hop is the destination itself. */
	rt = lookup(h, "10.0.0.7", &saddr);
	ck_assert(!IS_ERR(rt));
	ck_assert_uint_eq(rt->rt_gateway, 0);
	ck_assert_uint_eq(rt_nexthop(rt, fx_addr("10.0.0.7")), fx_addr("10.0.0.7"));
	ck_assert_ptr_eq(rt->dst.dev, eth0);
	ck_assert_ptr_eq(rt->dst.output, ip_output);
	ck_assert_uint_eq(rt->rt_type, RTN_UNICAST);
	ck_assert_uint_eq(saddr, fx_addr("10.0.0.2"));

	/* Via a gateway: the next hop is the router. */
	rt = lookup(h, "8.8.8.8", NULL);
	ck_assert_uint_eq(rt_nexthop(rt, fx_addr("8.8.8.8")), fx_addr("10.0.0.1"));

	/* The same row hands out the same rtable, and counts its use. */
	ck_assert_ptr_eq(lookup(h, "8.8.4.4", NULL), rt);
	ck_assert_uint_eq(rt->dst.__use, 3);	/* gw_of, lookup, lookup */
	ck_assert_int_eq(sim_fib_alias_index(h, rt->fa), 0);	/* default is row 0 */

	/* The lookup is traced with the row it matched. */
	ck_assert_int_ge(FX_COUNT(&fx.rec, "h0", fib_table_lookup), 2);
	matched = false;
	FX_FOR_EACH(&fx.rec, i, 0, "h0", fib_table_lookup) {
		const tp_data_fib_table_lookup *e = FX_DATA(&fx.rec, i, fib_table_lookup);

		if (e->daddr == fx_addr("8.8.4.4") && e->row == 0 && e->gw == fx_addr("10.0.0.1"))
			matched = true;
	}
	ck_assert(matched);
	ck_assert_int_ge(FX_FIND(&fx.rec, 0, "h0", ip_route_output_ports), 0);
	fixture_teardown(&fx);
}
END_TEST

START_TEST(test_metric_and_errors)
{
	struct net_device *eth0;
	struct net *h = student(&eth0);
	__be32 net2 = fx_addr("10.2.0.0");

	ck_assert_int_eq(sim_fib_table_insert(h, net2, 16, fx_addr("10.0.0.5"), NULL, 100, 0), 0);
	ck_assert_int_eq(sim_fib_table_insert(h, net2, 16, fx_addr("10.0.0.6"), NULL, 50, 0), 0);
	ck_assert_uint_eq(gw_of(h, "10.2.3.4"), fx_addr("10.0.0.6"));	/* lower metric */

	/* Same prefix and metric: the kernel says EEXIST (NLM_F_EXCL). */
	ck_assert_int_eq(sim_fib_table_insert(h, net2, 16, fx_addr("10.0.0.9"), NULL, 50, 0),
			 -EEXIST);
	/* Gateway not on a connected subnet. */
	ck_assert_int_eq(sim_fib_table_insert(h, fx_addr("10.3.0.0"), 16, fx_addr("192.168.9.1"),
					      NULL, 0, 0), -ENETUNREACH);
	/* Host bits set in the prefix. */
	ck_assert_int_eq(sim_fib_table_insert(h, fx_addr("10.3.0.1"), 16, fx_addr("10.0.0.1"),
					      NULL, 0, 0), -EINVAL);
	/* Neither gateway nor device. */
	ck_assert_int_eq(sim_fib_table_insert(h, fx_addr("10.4.0.0"), 16, 0, NULL, 0, 0), -ENODEV);

	ck_assert_int_eq(sim_fib_table_delete(h, net2, 16, fx_addr("10.0.0.6"), NULL), 0);
	ck_assert_uint_eq(gw_of(h, "10.2.3.4"), fx_addr("10.0.0.5"));
	ck_assert_int_eq(sim_fib_table_delete(h, net2, 16, fx_addr("10.0.0.6"), NULL), -ESRCH);
	ck_assert_int_eq(sim_fib_table_delete(h, net2, 16, 0, NULL), 0);
	ck_assert_uint_eq(gw_of(h, "10.2.3.4"), fx_addr("10.0.0.1"));	/* default again */
	fixture_teardown(&fx);
}
END_TEST

START_TEST(test_no_route)
{
	struct net *h;
	struct rtable *rt;

	fixture_setup(&fx, 1);
	h = fx.host[0];
	fixture_fake_dev(&fx, h, "eth0", "10.0.0.2/24");
	rt = lookup(h, "8.8.8.8", NULL);
	ck_assert(IS_ERR(rt));
	ck_assert_int_eq(PTR_ERR(rt), -ENETUNREACH);
	ck_assert_uint_eq(h->mib[IPSTATS_MIB_OUTNOROUTES], 1);
	/* Both tables were asked: local, then main. */
	ck_assert_int_eq(FX_COUNT(&fx.rec, "h0", fib_table_lookup), 2);
	fixture_teardown(&fx);
}
END_TEST

START_TEST(test_local_table)
{
	struct net_device *eth0;
	struct net *h = student(&eth0);
	struct rtable *rt;

	ck_assert_uint_eq(inet_addr_type(h, fx_addr("10.0.0.2")), RTN_LOCAL);
	ck_assert_uint_eq(inet_addr_type(h, fx_addr("10.0.0.255")), RTN_BROADCAST);
	ck_assert_uint_eq(inet_addr_type(h, fx_addr("10.0.0.0")), RTN_BROADCAST);
	ck_assert_uint_eq(inet_addr_type(h, fx_addr("255.255.255.255")), RTN_BROADCAST);
	ck_assert_uint_eq(inet_addr_type(h, fx_addr("10.0.0.3")), RTN_UNICAST);
	ck_assert_uint_eq(inet_select_addr(eth0, fx_addr("8.8.8.8")), fx_addr("10.0.0.2"));

	rt = lookup(h, "10.0.0.2", NULL);
	ck_assert(!IS_ERR(rt));
	ck_assert_uint_eq(rt->rt_type, RTN_LOCAL);
	ck_assert_int_eq(sim_fib_alias_index(h, rt->fa), -1);	/* not in route -n */
	fixture_teardown(&fx);
}
END_TEST

static const char route_n_golden[] =
	"Kernel IP routing table\n"
	"Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n"
	"0.0.0.0         10.0.0.1        0.0.0.0         UG    0      0        2 eth0\n"
	"10.0.0.0        0.0.0.0         255.255.255.0   U     0      0        1 eth0\n"
	"10.0.0.77       0.0.0.0         255.255.255.255 UH    0      0        0 eth0\n"
	"10.9.9.9        10.0.0.1        255.255.255.255 UGH   100    0        0 eth0\n";

static const char ip_route_golden[] =
	"default via 10.0.0.1 dev eth0 \n"
	"10.0.0.0/24 dev eth0  proto kernel  scope link  src 10.0.0.2 \n"
	"10.0.0.77 dev eth0  scope link \n"
	"10.9.9.9 via 10.0.0.1 dev eth0  metric 100  mtu lock 1400\n";

/* The table both golden texts describe, added with the `ip` tool. */
static struct net *
golden_host(void)
{
	struct net_device *eth0;
	struct net *h = student(&eth0);
	struct capture out, err;

	cap_open(&out);
	cap_open(&err);
	ck_assert_int_eq(run_tool(tool_ip, h, &out, &err, "ip", "route", "add", "10.0.0.77",
				  "dev", "eth0", NULL), 0);
	ck_assert_int_eq(run_tool(tool_ip, h, &out, &err, "ip", "route", "add", "10.9.9.9",
				  "via", "10.0.0.1", "metric", "100", "mtu", "lock", "1400",
				  NULL), 0);
	ck_assert_str_eq(cap_text(&err), "");
	cap_close(&out);
	cap_close(&err);
	return h;
}

START_TEST(test_route_n_golden)
{
	struct net *h = golden_host();
	struct capture out, err;
	struct rtable *rt;

	lookup(h, "8.8.8.8", NULL);
	rt = lookup(h, "1.2.3.4", NULL);
	lookup(h, "10.0.0.9", NULL);
	cap_open(&out);
	sim_fib_route_show(h, out.f);
	ck_assert_str_eq(cap_text(&out), route_n_golden);
	cap_close(&out);

	/* The tool prints the same; rows are numbered in this order. */
	cap_open(&out);
	cap_open(&err);
	ck_assert_int_eq(run_tool(tool_route, h, &out, &err, "route", "-n", NULL), 0);
	ck_assert_str_eq(cap_text(&out), route_n_golden);
	ck_assert_int_eq(run_tool(tool_route, h, &out, &err, "route", "-x", NULL), 2);
	cap_close(&out);
	cap_close(&err);
	ck_assert_int_eq(sim_fib_alias_index(h, rt->fa), 0);
	ck_assert_int_eq(sim_fib_alias_index(h, lookup(h, "10.9.9.9", NULL)->fa), 3);
	fixture_teardown(&fx);
}
END_TEST

START_TEST(test_ip_route_golden)
{
	struct net *h = golden_host();
	struct capture out, err;

	cap_open(&out);
	sim_fib_ip_route_show(h, RT_TABLE_MAIN, out.f);
	ck_assert_str_eq(cap_text(&out), ip_route_golden);
	cap_close(&out);

	cap_open(&out);
	cap_open(&err);
	ck_assert_int_eq(run_tool(tool_ip, h, &out, &err, "ip", "route", NULL), 0);
	ck_assert_str_eq(cap_text(&out), ip_route_golden);
	cap_close(&out);
	cap_close(&err);

	/* ip route get on-link and local: our own address leaves by lo. */
	cap_open(&out);
	ck_assert_int_eq(sim_fib_ip_route_get(h, fx_addr("10.0.0.9"), out.f), 0);
	ck_assert_int_eq(sim_fib_ip_route_get(h, fx_addr("10.0.0.2"), out.f), 0);
	ck_assert_str_eq(cap_text(&out),
			 "10.0.0.9 dev eth0  src 10.0.0.2 \n    cache \n"
			 "local 10.0.0.2 dev lo  src 10.0.0.2 \n    cache <local> \n");
	cap_close(&out);
	fixture_teardown(&fx);
}
END_TEST

START_TEST(test_ip_tool_errors)
{
	struct net_device *eth0;
	struct net *h = student(&eth0);
	struct capture out, err, before, after;
	static const char *const bad[][10] = {
		{ "ip", "route", "add", "10.0.0.300/24", "dev", "eth0" },
		{ "ip", "route", "add", "10.5.0.0/33", "dev", "eth0" },
		{ "ip", "route", "add", "10.5.0.1/16", "dev", "eth0" },
		{ "ip", "route", "add", "10.5.0.0/16", "via", "10.0.0.x" },
		{ "ip", "route", "add", "10.5.0.0/16", "dev", "eth9" },
		{ "ip", "route", "add", "10.5.0.0/16", "dev", "eth0", "metric", "-1" },
		{ "ip", "route", "add", "10.5.0.0/16", "dev", "eth0", "mtu", "big" },
		{ "ip", "route", "add", "10.5.0.0/16", "dev", "eth0", "bogus" },
		{ "ip", "route", "add" },
		{ "ip", "route", "frobnicate" },
		{ "ip", "route", "get", "300.1.1.1" },
		{ "ip", "link", "set", "eth0", "mtu", "x" },
		{ "ip", "link", "show", "eth7" },
		{ "ip", "neigh", "flush", "dev", "eth7" },
		{ "ip", "bogus" },
	};

	cap_open(&before);
	sim_fib_ip_route_show(h, RT_TABLE_MAIN, before.f);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		char *argv[10];
		int argc = 0;

		while (argc < 10 && bad[i][argc]) {
			argv[argc] = (char *)bad[i][argc];
			argc++;
		}
		cap_open(&out);
		cap_open(&err);
		ck_assert_int_eq(tool_ip(h, argc, argv, out.f, err.f), 2);
		cap_text(&err);
		ck_assert_msg(!strncmp(err.buf, "ip: ", 4), "case %zu: %s", i, err.buf);
		ck_assert_msg(strchr(err.buf, '\n') == err.buf + err.len - 1,
			      "case %zu: not one line: %s", i, err.buf);
		ck_assert_str_eq(cap_text(&out), "");
		cap_close(&out);
		cap_close(&err);
	}
	/* The brief's example, word for word. */
	cap_open(&out);
	cap_open(&err);
	run_tool(tool_ip, h, &out, &err, "ip", "route", "add", "10.0.0.300/24", "dev", "eth0",
		 NULL);
	ck_assert_str_eq(cap_text(&err), "ip: invalid prefix \"10.0.0.300/24\"\n");
	/* Kernel refusals: status 1 and iproute2's message. */
	ck_assert_int_eq(run_tool(tool_ip, h, &out, &err, "ip", "route", "get", "8.8.8.8",
				  NULL), 0);
	ck_assert_int_eq(run_tool(tool_ip, h, &out, &err, "ip", "route", "add", "default",
				  "via", "10.0.0.1", NULL), 1);
	ck_assert_int_eq(run_tool(tool_ip, h, &out, &err, "ip", "route", "del", "10.7.0.0/16",
				  NULL), 1);
	cap_close(&out);
	cap_close(&err);
	cap_open(&after);
	sim_fib_ip_route_show(h, RT_TABLE_MAIN, after.f);
	ck_assert_str_eq(cap_text(&after), cap_text(&before));	/* nothing applied */
	cap_close(&before);
	cap_close(&after);

	/* ip link set mtu goes through dev_set_mtu. */
	cap_open(&out);
	cap_open(&err);
	ck_assert_int_eq(run_tool(tool_ip, h, &out, &err, "ip", "link", "set", "eth0", "mtu",
				  "1400", NULL), 0);
	ck_assert_uint_eq(eth0->mtu, 1400);
	ck_assert_int_eq(run_tool(tool_ip, h, &out, &err, "ip", "link", "show", "eth0", NULL), 0);
	ck_assert_ptr_nonnull(strstr(cap_text(&out), "2: eth0: <") ?
			      strstr(out.buf, "> mtu 1400 qdisc ") :
			      strstr(out.buf, "> mtu 1400 qdisc "));
	ck_assert_ptr_nonnull(strstr(out.buf, "    link/ether 02:00:00:00:00:"));
	cap_close(&out);
	cap_close(&err);
	fixture_teardown(&fx);
}
END_TEST

/*
 * ip route change (NLM_F_REPLACE) and replace (NLM_F_CREATE too): the
 * row keeps its place and takes the new nexthop and metrics; routes
 * cached from the old row go stale; change of a missing row is ENOENT,
 * add of a present one EEXIST.  The advmss metric is what TCP
 * advertises (dst_metric_advmss), the device MTU less 40 without it.
 */
START_TEST(test_route_change_replace)
{
	struct net_device *eth0;
	struct net *h = student(&eth0);
	struct capture out, err;
	struct rtable *old;

	cap_open(&out);
	cap_open(&err);
	ck_assert_int_eq(run_tool(tool_ip, h, &out, &err, "ip", "route", "add", "10.5.0.0/16",
				  "via", "10.0.0.1", NULL), 0);
	old = lookup(h, "10.5.1.1", NULL);
	ck_assert(!IS_ERR(old));
	ck_assert_uint_eq(dst_metric_advmss(&old->dst), 1460);
	ck_assert_int_eq(run_tool(tool_ip, h, &out, &err, "ip", "route", "change", "10.6.0.0/16",
				  "via", "10.0.0.1", NULL), 1);
	ck_assert_str_eq(cap_text(&err), "RTNETLINK answers: No such file or directory\n");
	ck_assert_int_eq(run_tool(tool_ip, h, &out, &err, "ip", "route", "change", "10.5.0.0/16",
				  "via", "10.0.0.3", "dev", "eth0", "advmss", "1000", "mtu", "lock",
				  "1200", NULL), 0);
	ck_assert_int_eq(old->dst.obsolete, 1);
	ck_assert_uint_eq(dst_metric_advmss(&lookup(h, "10.5.1.1", NULL)->dst), 1000);
	ck_assert_uint_eq(gw_of(h, "10.5.1.1"), fx_addr("10.0.0.3"));
	ck_assert_int_eq(run_tool(tool_ip, h, &out, &err, "ip", "route", "replace",
				  "10.7.0.0/16", "via", "10.0.0.1", "mtu", "1200", NULL), 0);
	/* A route's mtu lowers what is sent, not the MSS advertised (the device's). */
	ck_assert_uint_eq(dst_mtu(&lookup(h, "10.7.1.1", NULL)->dst), 1200);
	ck_assert_uint_eq(dst_metric_advmss(&lookup(h, "10.7.1.1", NULL)->dst), 1460);
	ck_assert_int_eq(run_tool(tool_ip, h, &out, &err, "ip", "route", "add", "10.5.0.0/16",
				  "via", "10.0.0.1", NULL), 1);
	ck_assert_int_eq(run_tool(tool_ip, h, &out, &err, "ip", "route", "change", "10.5.0.0/16",
				  "advmss", "x", NULL), 2);
	cap_close(&out);
	cap_open(&out);
	sim_fib_ip_route_show(h, RT_TABLE_MAIN, out.f);
	ck_assert_ptr_nonnull(strstr(cap_text(&out), "10.5.0.0/16 via 10.0.0.3 dev eth0  "
				     "mtu lock 1200 advmss 1000\n"));
	ck_assert_ptr_nonnull(strstr(out.buf, "10.7.0.0/16 via 10.0.0.1 dev eth0  mtu 1200\n"));
	cap_close(&out);
	cap_close(&err);
	fixture_teardown(&fx);
}
END_TEST

START_TEST(test_pmtu_exception)
{
	struct net_device *eth0;
	struct net *h = student(&eth0);
	struct rtable *plain, *exc, *rt;
	struct capture out;

	plain = lookup(h, "10.0.1.2", NULL);
	ck_assert_uint_eq(dst_mtu(&plain->dst), 1500);

	ipv4_update_pmtu(h, fx_addr("10.0.1.2"), 1400);
	exc = lookup(h, "10.0.1.2", NULL);
	ck_assert_ptr_ne(exc, plain);			/* its own rtable */
	ck_assert_uint_eq(exc->rt_pmtu, 1400);
	ck_assert_uint_eq(dst_mtu(&exc->dst), 1400);
	ck_assert_uint_eq(exc->rt_gateway, fx_addr("10.0.0.1"));
	/* Only that destination. */
	ck_assert_ptr_eq(lookup(h, "10.0.1.3", NULL), plain);
	ck_assert_uint_eq(dst_mtu(&plain->dst), 1500);

	/* Clamped at 552 (68, the least an IPv4 link may have, and 0, from
	 * a router before RFC 1191, too); ignored above the device MTU. */
	ipv4_update_pmtu(h, fx_addr("10.0.1.5"), 300);
	ck_assert_uint_eq(dst_mtu(&lookup(h, "10.0.1.5", NULL)->dst), IP_RT_MIN_PMTU);
	ipv4_update_pmtu(h, fx_addr("10.0.1.7"), 68);
	ck_assert_uint_eq(dst_mtu(&lookup(h, "10.0.1.7", NULL)->dst), IP_RT_MIN_PMTU);
	ipv4_update_pmtu(h, fx_addr("10.0.1.8"), 0);
	ck_assert_uint_eq(dst_mtu(&lookup(h, "10.0.1.8", NULL)->dst), IP_RT_MIN_PMTU);
	ipv4_update_pmtu(h, fx_addr("10.0.1.6"), 1501);
	ck_assert_ptr_eq(lookup(h, "10.0.1.6", NULL), plain);

	advance(1000);
	cap_open(&out);
	ck_assert_int_eq(sim_fib_ip_route_get(h, fx_addr("10.0.1.2"), out.f), 0);
	ck_assert_str_eq(cap_text(&out), "10.0.1.2 via 10.0.0.1 dev eth0  src 10.0.0.2 \n"
			 "    cache  expires 599sec mtu 1400\n");
	cap_close(&out);

	/* A second ICMP refreshes the same exception. */
	ipv4_update_pmtu(h, fx_addr("10.0.1.2"), 1300);
	ck_assert_ptr_eq(lookup(h, "10.0.1.2", NULL), exc);
	ck_assert_uint_eq(dst_mtu(&exc->dst), 1300);

	/* Ten minutes of virtual time later it is gone; the old rtable
	 * stays readable (an skb may still hold it) but is obsolete. */
	advance(10 * 60 * 1000);
	ck_assert_uint_eq(dst_mtu(&exc->dst), 1500);
	rt = lookup(h, "10.0.1.2", NULL);
	ck_assert_ptr_eq(rt, plain);
	ck_assert_int_eq(exc->dst.obsolete, 1);
	ck_assert_ptr_null(exc->fa);
	fixture_teardown(&fx);
}
END_TEST

START_TEST(test_pmtu_locked)
{
	struct net_device *eth0;
	struct net *h = student(&eth0);
	struct capture out, err;

	cap_open(&out);
	cap_open(&err);
	ck_assert_int_eq(run_tool(tool_ip, h, &out, &err, "ip", "route", "add", "10.0.1.0/24",
				  "via", "10.0.0.1", "mtu", "lock", "1450", NULL), 0);
	ck_assert_int_eq(run_tool(tool_ip, h, &out, &err, "ip", "route", "add", "10.0.2.0/24",
				  "via", "10.0.0.1", "mtu", "1450", NULL), 0);
	cap_close(&out);
	cap_close(&err);
	ipv4_update_pmtu(h, fx_addr("10.0.1.2"), 1000);
	ck_assert_uint_eq(dst_mtu(&lookup(h, "10.0.1.2", NULL)->dst), 1450);	/* locked */
	ck_assert_uint_eq(dst_mtu(&lookup(h, "10.0.2.2", NULL)->dst), 1450);	/* metric */
	ipv4_update_pmtu(h, fx_addr("10.0.2.2"), 1000);
	ck_assert_uint_eq(dst_mtu(&lookup(h, "10.0.2.2", NULL)->dst), 1000);
	fixture_teardown(&fx);
}
END_TEST

/* The router: eth0 10.0.0.1/24, eth1 10.0.1.1/24. */
static struct net *
router(struct net_device **eth0, struct net_device **eth1)
{
	fixture_setup(&fx, 1);
	*eth0 = fixture_fake_dev(&fx, fx.host[0], "eth0", "10.0.0.1/24");
	*eth1 = fixture_fake_dev(&fx, fx.host[0], "eth1", "10.0.1.1/24");
	return fx.host[0];
}

static int
route_in(struct net *h, struct net_device *in, const char *daddr, const char *saddr,
	 struct rtable **rt)
{
	struct sk_buff *skb = alloc_skb(h, 64);
	int err;

	ck_assert_ptr_nonnull(skb);
	skb->dev = in;
	err = ip_route_input_noref(skb, fx_addr(daddr), fx_addr(saddr), 0, in);
	*rt = err ? NULL : skb_rtable(skb);
	if (!err)
		ck_assert(skb->_skb_refdst & SKB_DST_NOREF);	/* attached noref */
	kfree_skb(skb);
	return err;
}

START_TEST(test_input_routing)
{
	struct net_device *eth0, *eth1;
	struct net *h = router(&eth0, &eth1);
	struct rtable *rt;

	/* For us. */
	ck_assert_int_eq(route_in(h, eth0, "10.0.0.1", "10.0.0.2", &rt), 0);
	ck_assert_ptr_eq(rt->dst.input, ip_local_deliver);
	ck_assert_uint_eq(rt->rt_type, RTN_LOCAL);
	/* Our other address counts too (weak host model). */
	ck_assert_int_eq(route_in(h, eth0, "10.0.1.1", "10.0.0.2", &rt), 0);
	ck_assert_ptr_eq(rt->dst.input, ip_local_deliver);
	/* Broadcasts are delivered locally. */
	ck_assert_int_eq(route_in(h, eth0, "10.0.0.255", "10.0.0.2", &rt), 0);
	ck_assert_uint_eq(rt->rt_type, RTN_BROADCAST);
	ck_assert_ptr_eq(rt->dst.input, ip_local_deliver);
	ck_assert_int_eq(route_in(h, eth0, "255.255.255.255", "0.0.0.0", &rt), 0);
	ck_assert_ptr_eq(rt->dst.input, ip_local_deliver);

	/* Not ours, forwarding off: EHOSTUNREACH, InAddrErrors. */
	ck_assert_int_eq(route_in(h, eth0, "10.0.1.2", "10.0.0.2", &rt), -EHOSTUNREACH);
	ck_assert_uint_eq(h->mib[IPSTATS_MIB_INADDRERRORS], 1);

	/* Forwarding on: out of eth1, on-link. */
	h->ip_forward = 1;
	ck_assert_int_eq(route_in(h, eth0, "10.0.1.2", "10.0.0.2", &rt), 0);
	ck_assert_ptr_eq(rt->dst.input, ip_forward);
	ck_assert_ptr_eq(rt->dst.output, ip_output);
	ck_assert_ptr_eq(rt->dst.dev, eth1);
	ck_assert_uint_eq(rt->rt_gateway, 0);
	/* No route at all: ENETUNREACH, InNoRoutes. */
	ck_assert_int_eq(route_in(h, eth0, "192.168.5.5", "10.0.0.2", &rt), -ENETUNREACH);
	ck_assert_uint_eq(h->mib[IPSTATS_MIB_INNOROUTES], 1);

	/* Martians. */
	ck_assert_int_eq(route_in(h, eth0, "10.0.1.2", "224.0.0.1", &rt), -EINVAL);
	ck_assert_int_eq(route_in(h, eth0, "10.0.1.2", "10.0.1.1", &rt), -EINVAL);	/* ours */
	ck_assert_int_eq(route_in(h, eth0, "10.0.1.2", "0.0.0.0", &rt), -EINVAL);
	ck_assert_uint_eq(h->mib[RT_CACHE_STAT_IN_MARTIAN_SRC], 3);
	ck_assert_int_eq(route_in(h, eth0, "127.0.0.1", "10.0.0.2", &rt), -EINVAL);
	ck_assert_int_eq(route_in(h, eth0, "224.0.0.5", "10.0.0.2", &rt), -EINVAL);
	ck_assert_uint_eq(h->mib[RT_CACHE_STAT_IN_MARTIAN_DST], 2);
	ck_assert_int_ge(FX_COUNT(&fx.rec, "h0", ip_route_input_noref), 11);
	fixture_teardown(&fx);
}
END_TEST

START_TEST(test_deleted_route_stays_readable)
{
	struct net_device *eth0;
	struct net *h = student(&eth0);
	struct sk_buff *skb = alloc_skb(h, 64);
	struct rtable *rt;

	ck_assert_int_eq(sim_fib_table_insert(h, fx_addr("10.8.0.0"), 16, fx_addr("10.0.0.8"),
					      NULL, 0, 0), 0);
	rt = lookup(h, "10.8.1.1", NULL);
	skb_dst_set_noref(skb, &rt->dst);
	dst_hold(&rt->dst);
	ck_assert_int_eq(sim_fib_table_delete(h, fx_addr("10.8.0.0"), 16, 0, NULL), 0);
	/* The skb's route is still there, marked obsolete. */
	ck_assert_ptr_eq(skb_rtable(skb), rt);
	ck_assert_int_eq(rt->dst.obsolete, 1);
	ck_assert_ptr_null(rt->fa);
	ck_assert_uint_eq(dst_mtu(&rt->dst), 1500);
	ck_assert_uint_eq(rt_nexthop(rt, fx_addr("10.8.1.1")), fx_addr("10.0.0.8"));
	dst_release(&rt->dst);
	ck_assert_int_eq(rt->dst.__refcnt, 0);
	ck_assert_uint_eq(gw_of(h, "10.8.1.1"), fx_addr("10.0.0.1"));	/* default now */
	kfree_skb(skb);
	fixture_teardown(&fx);
}
END_TEST

START_TEST(test_many_routes)
{
	struct net_device *eth0;
	struct net *h = student(&eth0);
	const __be32 gw[3] = { fx_addr("10.0.0.3"), fx_addr("10.0.0.4"), fx_addr("10.0.0.5") };
	char buf[32];

	fixture_stop_recording(&fx);	/* 10,000 routes: the tables are looked at, not the trace */
	/* 5000 /24 networks in 11.0.0.0/8 and a /32 inside each: 10,000. */
	for (u32 i = 0; i < 5000; i++) {
		__be32 net24 = htonl(0x0B000000u | (i << 8));

		ck_assert_int_eq(sim_fib_table_insert(h, net24, 24, gw[i % 2], NULL, 0, 0), 0);
		ck_assert_int_eq(sim_fib_table_insert(h, net24 | htonl(7), 32, gw[2], NULL, 0, 0), 0);
	}
	for (u32 i = 0; i < 5000; i += 7) {
		snprintf(buf, sizeof(buf), "11.%u.%u.7", i >> 8, i & 0xff);
		ck_assert_uint_eq(gw_of(h, buf), gw[2]);
		snprintf(buf, sizeof(buf), "11.%u.%u.8", i >> 8, i & 0xff);
		ck_assert_uint_eq(gw_of(h, buf), gw[i % 2]);
	}
	/* Outside every one of them: the default route. */
	ck_assert_uint_eq(gw_of(h, "11.200.0.1"), fx_addr("10.0.0.1"));
	/* Delete the host routes of even networks: /24 takes over. */
	for (u32 i = 0; i < 5000; i += 2)
		ck_assert_int_eq(sim_fib_table_delete(h, htonl(0x0B000000u | (i << 8) | 7), 32, 0,
						      NULL), 0);
	for (u32 i = 0; i < 5000; i += 13) {
		snprintf(buf, sizeof(buf), "11.%u.%u.7", i >> 8, i & 0xff);
		ck_assert_uint_eq(gw_of(h, buf), i % 2 ? gw[2] : gw[0]);
	}
	/* Row numbers follow key order: default, 10.0.0.0/24, then 11.0.0.0/24. */
	ck_assert_int_eq(sim_fib_alias_index(h, lookup(h, "11.0.0.9", NULL)->fa), 2);
	fixture_teardown(&fx);
}
END_TEST

START_TEST(test_readdress)
{
	struct net_device *eth0;
	struct net *h = student(&eth0);

	/* A new address replaces the old one's kernel routes. */
	ck_assert_int_eq(host_set_addr(eth0, fx_addr("10.0.5.2"), 24), 0);
	ck_assert_uint_eq(inet_addr_type(h, fx_addr("10.0.0.2")), RTN_UNICAST);
	ck_assert_uint_eq(inet_addr_type(h, fx_addr("10.0.5.2")), RTN_LOCAL);
	ck_assert(IS_ERR(lookup(h, "10.0.0.7", NULL)) ||
		  lookup(h, "10.0.0.7", NULL)->rt_gateway == fx_addr("10.0.0.1"));
	ck_assert_uint_eq(lookup(h, "10.0.5.7", NULL)->rt_gateway, 0);
	fixture_teardown(&fx);
}
END_TEST

Suite *
route_suite(void)
{
	Suite *s = suite_create("route");

	fixture_add_tcase(s, "fib", NULL, NULL, 30, (const TTest *const []){
		test_longest_prefix,
		test_metric_and_errors,
		test_no_route,
		test_local_table,
		test_route_n_golden,
		test_ip_route_golden,
		test_ip_tool_errors,
		test_route_change_replace,
		test_pmtu_exception,
		test_pmtu_locked,
		test_input_routing,
		test_deleted_route_stays_readable,
		test_many_routes,
		test_readdress,
		NULL,
	});
	return s;
}
