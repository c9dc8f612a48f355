/*
 * tests/check_netfilter.c - netfilter hooks, the filter table
 * (layers/netfilter.c) and the `iptables` tool (tools/iptables.c).
 *
 * Packets are built by hand (IPv4 header plus ICMP or UDP) and passed
 * to nf_hook()/NF_HOOK() at the hook the IP layer would use; the tests
 * check the verdict, that a dropped skb is freed (the fixture fails on
 * leaks), the counters, and `iptables -L -v -n` against golden text in
 * iptables 1.8's layout.
 */
#include <check.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fixture.h"
#include "events/netfilter.h"
#include "layers/netfilter.h"
#include "layers/ip.h"
#include "tools/tools.h"

Suite *netfilter_suite(void);

static struct fixture fx;
static struct net *h;
static struct net_device *eth0, *eth1;
static int okfn_calls;

static void
setup(void)
{
	fixture_setup(&fx, 1);
	h = fx.host[0];
	eth0 = fixture_fake_dev(&fx, h, "eth0", "10.0.0.2/24");
	eth1 = fixture_fake_dev(&fx, h, "eth1", "10.0.1.2/24");
	okfn_calls = 0;
}

static void
teardown(void)
{
	fixture_teardown(&fx);
}

/* What the caller of NF_HOOK continues with: here, the end of the line. */
static int
okfn(struct sk_buff *skb)
{
	okfn_calls++;
	consume_skb(skb);
	return 0;
}

/* An IPv4 packet (header + @plen bytes of @payload) as __ip_local_out
 * has it: data at the IP header, network header set. */
static struct sk_buff *
ip_packet(const char *saddr, const char *daddr, u8 proto, const void *payload,
	  unsigned int plen)
{
	struct sk_buff *skb = alloc_skb(h, 128 + plen);
	struct iphdr *iph;

	ck_assert_ptr_nonnull(skb);
	skb_reserve(skb, 64);
	skb_reset_network_header(skb);
	iph = (struct iphdr *)skb_put(skb, sizeof(*iph));
	memset(iph, 0, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 5;
	iph->tot_len = htons(sizeof(*iph) + plen);
	iph->ttl = 64;
	iph->protocol = proto;
	iph->saddr = fx_addr(saddr);
	iph->daddr = fx_addr(daddr);
	iph->check = ip_fast_csum(iph, 5);
	memcpy(skb_put(skb, plen), payload, plen);
	return skb;
}

static struct sk_buff *
icmp_echo(const char *daddr)
{
	static const u8 echo[8] = { ICMP_ECHO, 0, 0xf7, 0xff, 0, 0, 0, 0 };

	return ip_packet("10.0.0.2", daddr, IPPROTO_ICMP, echo, sizeof(echo));
}

static struct sk_buff *
udp_to(const char *daddr, u16 dport, unsigned int hdrlen)
{
	struct udphdr uh = {
		.source = htons(40000), .dest = htons(dport), .len = htons(8),
	};

	return ip_packet("10.0.0.2", daddr, IPPROTO_UDP, &uh, hdrlen);
}

/* Run iptables; @out/@err may be NULL (discarded). */
static int
ipt(char **outp, char **errp, ...)
{
	char *argv[32] = { "iptables" };
	int argc = 1, ret;
	struct fixture_capture io;
	va_list ap;

	va_start(ap, errp);
	for (char *w; argc < 31 && (w = va_arg(ap, char *)) != NULL;)
		argv[argc++] = w;
	va_end(ap);
	fixture_capture_open(&io);
	ret = tool_iptables(h, argc, argv, io.out, io.err);
	fixture_capture_flush(&io);
	if (outp)
		*outp = strdup(io.outbuf);
	if (errp)
		*errp = strdup(io.errbuf);
	fixture_capture_close(&io);
	return ret;
}

START_TEST(test_drop_icmp_on_output)
{
	struct sk_buff *skb;
	const struct ipt_entry *e;
	const tp_data_nf_hook *ev;
	int i;

	ck_assert_int_eq(ipt(NULL, NULL, "-A", "OUTPUT", "-p", "icmp", "-d", "10.0.1.0/24",
			     "-j", "DROP", NULL), 0);
	skb = icmp_echo("10.0.1.9");
	ck_assert_int_eq(nf_hook(NFPROTO_IPV4, NF_INET_LOCAL_OUT, skb, NULL, eth1, okfn),
			 -EPERM);
	/* Freed by nf_hook: nothing alive. */
	ck_assert_uint_eq(sim_skb_ledger_live(&fx.ledger, NULL), 0);
	ck_assert_uint_eq(h->mib[SIM_MIB_NFDROPS], 1);
	e = sim_iptc_get_rule(h, "OUTPUT", 1);
	ck_assert_uint_eq(e->counters.pcnt, 1);
	ck_assert_uint_eq(e->counters.bcnt, 28);
	/* The tracepoint names hook, chain, verdict and rule. */
	i = FX_FIND(&fx.rec, 0, NULL, nf_hook);
	ck_assert_int_ge(i, 0);
	ev = FX_DATA(&fx.rec, i, nf_hook);
	ck_assert_uint_eq(ev->hook, NF_INET_LOCAL_OUT);
	ck_assert_str_eq(ev->chain, "OUTPUT");
	ck_assert_uint_eq(ev->verdict, NF_DROP);
	ck_assert_uint_eq(ev->rule, 1);
	ck_assert_uint_eq(ev->len, 28);

	/* Another destination passes (NF_HOOK runs okfn). */
	ck_assert_int_eq(NF_HOOK(NFPROTO_IPV4, NF_INET_LOCAL_OUT, icmp_echo("10.0.0.9"), NULL,
				 eth0, okfn), 0);
	ck_assert_int_eq(okfn_calls, 1);
	ck_assert_uint_eq(e->counters.pcnt, 1);
}
END_TEST

START_TEST(test_accept_and_policy)
{
	struct sk_buff *skb = icmp_echo("10.0.1.9");
	struct xt_counters c;

	/* No rule: the policy accepts, nf_hook returns 1, skb untouched. */
	ck_assert_int_eq(nf_hook(NFPROTO_IPV4, NF_INET_LOCAL_OUT, skb, NULL, eth1, okfn), 1);
	ck_assert_int_eq(sim_iptc_get_policy(h, "OUTPUT", &c), NF_ACCEPT);
	ck_assert_uint_eq(c.pcnt, 1);
	ck_assert_uint_eq(c.bcnt, 28);
	consume_skb(skb);

	/* Hooks with no filter chain always pass. */
	skb = icmp_echo("10.0.1.9");
	ck_assert_int_eq(nf_hook(NFPROTO_IPV4, NF_INET_POST_ROUTING, skb, NULL, eth1, okfn), 1);
	ck_assert_int_eq(NF_HOOK_COND(NFPROTO_IPV4, NF_INET_POST_ROUTING, skb, NULL, eth1,
				      okfn, false), 0);
	ck_assert_int_eq(okfn_calls, 1);

	/* Policy DROP drops; an ACCEPT rule before it lets one through. */
	ck_assert_int_eq(ipt(NULL, NULL, "-P", "OUTPUT", "DROP", NULL), 0);
	ck_assert_int_eq(ipt(NULL, NULL, "-A", "OUTPUT", "-d", "10.0.1.9", "-j", "ACCEPT",
			     NULL), 0);
	ck_assert_int_eq(NF_HOOK(NFPROTO_IPV4, NF_INET_LOCAL_OUT, icmp_echo("10.0.1.9"), NULL,
				 eth1, okfn), 0);
	ck_assert_int_eq(okfn_calls, 2);
	ck_assert_int_eq(NF_HOOK(NFPROTO_IPV4, NF_INET_LOCAL_OUT, icmp_echo("10.0.1.8"), NULL,
				 eth1, okfn), -EPERM);
	ck_assert_int_eq(okfn_calls, 2);
	ck_assert_int_eq(sim_iptc_get_policy(h, "OUTPUT", &c), NF_DROP);
	ck_assert_uint_eq(c.pcnt, 2);
}
END_TEST

START_TEST(test_port_match)
{
	ck_assert_int_eq(ipt(NULL, NULL, "-A", "OUTPUT", "-p", "udp", "--dport", "53", "-j",
			     "DROP", NULL), 0);
	ck_assert_int_eq(NF_HOOK(NFPROTO_IPV4, NF_INET_LOCAL_OUT, udp_to("10.0.1.1", 53, 8),
				 NULL, eth1, okfn), -EPERM);
	ck_assert_int_eq(NF_HOOK(NFPROTO_IPV4, NF_INET_LOCAL_OUT, udp_to("10.0.1.1", 54, 8),
				 NULL, eth1, okfn), 0);
	/* Ports not in the skb (2 bytes of UDP header): no match, no crash. */
	ck_assert_int_eq(NF_HOOK(NFPROTO_IPV4, NF_INET_LOCAL_OUT, udp_to("10.0.1.1", 53, 2),
				 NULL, eth1, okfn), 0);
	/* ICMP is not UDP. */
	ck_assert_int_eq(NF_HOOK(NFPROTO_IPV4, NF_INET_LOCAL_OUT, icmp_echo("10.0.1.1"), NULL,
				 eth1, okfn), 0);
	ck_assert_int_eq(okfn_calls, 3);
	ck_assert_uint_eq(sim_iptc_get_rule(h, "OUTPUT", 1)->counters.pcnt, 1);
}
END_TEST

START_TEST(test_interfaces_and_chains)
{
	ck_assert_int_eq(ipt(NULL, NULL, "-A", "FORWARD", "-i", "eth0", "-o", "eth1", "-j",
			     "DROP", NULL), 0);
	ck_assert_int_eq(ipt(NULL, NULL, "-A", "INPUT", "-i", "eth1", "-p", "icmp", "-j",
			     "DROP", NULL), 0);
	ck_assert_int_eq(NF_HOOK(NFPROTO_IPV4, NF_INET_FORWARD, icmp_echo("10.0.1.5"), eth0,
				 eth1, okfn), -EPERM);
	ck_assert_int_eq(NF_HOOK(NFPROTO_IPV4, NF_INET_FORWARD, icmp_echo("10.0.0.5"), eth1,
				 eth0, okfn), 0);
	ck_assert_int_eq(NF_HOOK(NFPROTO_IPV4, NF_INET_LOCAL_IN, icmp_echo("10.0.1.2"), eth1,
				 NULL, okfn), -EPERM);
	ck_assert_int_eq(NF_HOOK(NFPROTO_IPV4, NF_INET_LOCAL_IN, icmp_echo("10.0.0.2"), eth0,
				 NULL, okfn), 0);
	ck_assert_int_eq(okfn_calls, 2);
	ck_assert_uint_eq(h->mib[SIM_MIB_NFDROPS], 2);
}
END_TEST

static const char list_golden[] =
	"Chain INPUT (policy ACCEPT 0 packets, 0 bytes)\n"
	" pkts bytes target     prot opt in     out     source               destination         \n"
	"\n"
	"Chain FORWARD (policy ACCEPT 0 packets, 0 bytes)\n"
	" pkts bytes target     prot opt in     out     source               destination         \n"
	"\n"
	"Chain OUTPUT (policy ACCEPT 1 packets, 28 bytes)\n"
	" pkts bytes target     prot opt in     out     source               destination         \n"
	"    2    56 DROP       icmp --  *      *       0.0.0.0/0            10.0.1.2            \n"
	"    1    28 ACCEPT     udp  --  *      eth1    10.0.0.0/24          0.0.0.0/0            udp dpt:53\n"
	"    1    28            all  --  *      *       0.0.0.0/0            0.0.0.0/0           \n";

START_TEST(test_list_golden)
{
	char *out, *err;

	ck_assert_int_eq(ipt(NULL, NULL, "-A", "OUTPUT", "-p", "icmp", "-d", "10.0.1.2",
			     "-j", "DROP", NULL), 0);
	ck_assert_int_eq(ipt(NULL, NULL, "-A", "OUTPUT", "-s", "10.0.0.7/24", "-o", "eth1",
			     "-p", "udp", "--dport", "53", "-j", "ACCEPT", NULL), 0);
	ck_assert_int_eq(ipt(NULL, NULL, "-A", "OUTPUT", NULL), 0);	/* no -j: counts only */
	NF_HOOK(NFPROTO_IPV4, NF_INET_LOCAL_OUT, icmp_echo("10.0.1.2"), NULL, eth1, okfn);
	NF_HOOK(NFPROTO_IPV4, NF_INET_LOCAL_OUT, icmp_echo("10.0.1.2"), NULL, eth1, okfn);
	NF_HOOK(NFPROTO_IPV4, NF_INET_LOCAL_OUT, udp_to("10.0.1.1", 53, 8), NULL, eth1, okfn);
	NF_HOOK(NFPROTO_IPV4, NF_INET_LOCAL_OUT, icmp_echo("10.0.1.3"), NULL, eth1, okfn);

	ck_assert_int_eq(ipt(&out, &err, "-L", "-v", "-n", NULL), 0);
	ck_assert_str_eq(out, list_golden);
	ck_assert_str_eq(err, "");
	free(out);
	free(err);

	/* Bundled flags and one chain; without -v no counters. */
	ck_assert_int_eq(ipt(&out, NULL, "-nL", "OUTPUT", "--line-numbers", NULL), 0);
	ck_assert_str_eq(out,
		"Chain OUTPUT (policy ACCEPT)\n"
		"num  target     prot opt source               destination         \n"
		"1    DROP       icmp --  0.0.0.0/0            10.0.1.2            \n"
		"2    ACCEPT     udp  --  10.0.0.0/24          0.0.0.0/0            udp dpt:53\n"
		"3               all  --  0.0.0.0/0            0.0.0.0/0           \n");
	free(out);

	/* -x: exact counters in 8-wide columns (header stays 8/10 wide). */
	ck_assert_int_eq(ipt(&out, NULL, "-L", "INPUT", "-v", "-x", "-n", NULL), 0);
	ck_assert_str_eq(out,
		"Chain INPUT (policy ACCEPT 0 packets, 0 bytes)\n"
		"    pkts      bytes target     prot opt in     out     source               destination         \n");
	free(out);

	/* -Z clears every counter. */
	ck_assert_int_eq(ipt(NULL, NULL, "-Z", NULL), 0);
	ck_assert_uint_eq(sim_iptc_get_rule(h, "OUTPUT", 1)->counters.pcnt, 0);
}
END_TEST

START_TEST(test_bad_arguments)
{
	static const char *const bad[][10] = {
		{ "-A", "OUTPUT", "-p", "foo", "-j", "DROP" },
		{ "-A", "NOCHAIN", "-j", "DROP" },
		{ "-A", "OUTPUT", "--dport", "80", "-j", "DROP" },
		{ "-A", "OUTPUT", "-p", "icmp", "--dport", "80", "-j", "DROP" },
		{ "-A", "OUTPUT", "-p", "tcp", "--dport", "99999", "-j", "DROP" },
		{ "-A", "OUTPUT", "-s", "10.0.0.300", "-j", "DROP" },
		{ "-A", "OUTPUT", "-d", "10.0.0.0/40", "-j", "DROP" },
		{ "-A", "OUTPUT", "-j", "REJECT" },
		{ "-A", "INPUT", "-o", "eth0", "-j", "DROP" },
		{ "-A", "OUTPUT", "-i", "eth0", "-j", "DROP" },
		{ "-A", "OUTPUT", "-i", "averyveryverylongname", "-j", "DROP" },
		{ "-A", "OUTPUT", "-D", "OUTPUT", "1" },
		{ "-A" },
		{ "-P", "OUTPUT", "MAYBE" },
		{ "-t", "nat", "-L" },
		{ "-L", "-p", "tcp" },
		{ "-A", "OUTPUT", "-n", "-j", "DROP" },
		{ "-D", "OUTPUT", "0" },
		{ "-I", "OUTPUT", "x", "-j", "DROP" },
		{ "-X" },
		{ "--frobnicate" },
		{ "OUTPUT" },
		{ "-v" },
	};

	ck_assert_int_eq(ipt(NULL, NULL, "-A", "OUTPUT", "-j", "ACCEPT", NULL), 0);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		char *argv[12] = { "iptables" };
		int argc = 1;
		struct fixture_capture io;

		while (argc < 11 && bad[i][argc - 1]) {
			argv[argc] = (char *)bad[i][argc - 1];
			argc++;
		}
		fixture_capture_open(&io);
		ck_assert_int_eq(tool_iptables(h, argc, argv, io.out, io.err), 2);
		fixture_capture_flush(&io);
		ck_assert_msg(!strncmp(io.errbuf, "iptables: ", 10), "case %zu: %s", i, io.errbuf);
		ck_assert_msg(io.errlen > 0 && strchr(io.errbuf, '\n') == io.errbuf + io.errlen - 1,
			      "case %zu: not one line: %s", i, io.errbuf);
		ck_assert_msg(io.outlen == 0, "case %zu printed: %s", i, io.outbuf);
		fixture_capture_close(&io);
		/* Nothing changed. */
		ck_assert_uint_eq(sim_iptc_num_rules(h, "OUTPUT"), 1);
		ck_assert_uint_eq(sim_iptc_num_rules(h, "INPUT"), 0);
		ck_assert_int_eq(sim_iptc_get_policy(h, "OUTPUT", NULL), NF_ACCEPT);
	}
	/* Runtime failures: status 1 with iptables' message. */
	{
		char *err;

		ck_assert_int_eq(ipt(NULL, &err, "-D", "OUTPUT", "5", NULL), 1);
		ck_assert_str_eq(err, "iptables: Index of deletion too big.\n");
		free(err);
		ck_assert_int_eq(ipt(NULL, &err, "-D", "OUTPUT", "-p", "udp", "-j", "DROP", NULL),
				 1);
		ck_assert_str_eq(err,
				 "iptables: Bad rule (does a matching rule exist in that chain?).\n");
		free(err);
	}
}
END_TEST

START_TEST(test_delete_insert_flush)
{
	ck_assert_int_eq(ipt(NULL, NULL, "-A", "OUTPUT", "-p", "tcp", "--dport", "80", "-j",
			     "DROP", NULL), 0);
	ck_assert_int_eq(ipt(NULL, NULL, "-A", "OUTPUT", "-p", "icmp", "-j", "DROP", NULL), 0);
	ck_assert_int_eq(ipt(NULL, NULL, "-A", "OUTPUT", "-s", "10.0.0.0/8", "-j", "ACCEPT",
			     NULL), 0);
	ck_assert_int_eq(ipt(NULL, NULL, "-I", "OUTPUT", "2", "-p", "udp", "-j", "DROP", NULL),
			 0);
	ck_assert_uint_eq(sim_iptc_num_rules(h, "OUTPUT"), 4);
	ck_assert_uint_eq(sim_iptc_get_rule(h, "OUTPUT", 2)->ip.proto, IPPROTO_UDP);

	/* By spec: the icmp rule (third now). */
	ck_assert_int_eq(ipt(NULL, NULL, "-D", "OUTPUT", "-p", "icmp", "-j", "DROP", NULL), 0);
	ck_assert_uint_eq(sim_iptc_num_rules(h, "OUTPUT"), 3);
	ck_assert_uint_eq(sim_iptc_get_rule(h, "OUTPUT", 3)->verdict, NF_ACCEPT);
	/* By number. */
	ck_assert_int_eq(ipt(NULL, NULL, "-D", "OUTPUT", "1", NULL), 0);
	ck_assert_uint_eq(sim_iptc_num_rules(h, "OUTPUT"), 2);
	ck_assert_uint_eq(sim_iptc_get_rule(h, "OUTPUT", 1)->ip.proto, IPPROTO_UDP);
	/* ICMP is no longer dropped. */
	ck_assert_int_eq(NF_HOOK(NFPROTO_IPV4, NF_INET_LOCAL_OUT, icmp_echo("10.0.1.1"), NULL,
				 eth1, okfn), 0);
	/* -I with no number puts it first. */
	ck_assert_int_eq(ipt(NULL, NULL, "--insert", "OUTPUT", "--protocol", "icmp", "--jump",
			     "DROP", NULL), 0);
	ck_assert_uint_eq(sim_iptc_get_rule(h, "OUTPUT", 1)->ip.proto, IPPROTO_ICMP);
	ck_assert_int_eq(ipt(NULL, NULL, "-F", "OUTPUT", NULL), 0);
	ck_assert_uint_eq(sim_iptc_num_rules(h, "OUTPUT"), 0);
	ck_assert_int_eq(ipt(NULL, NULL, "-A", "INPUT", "-j", "DROP", NULL), 0);
	ck_assert_int_eq(ipt(NULL, NULL, "-F", NULL), 0);
	ck_assert_uint_eq(sim_iptc_num_rules(h, "INPUT"), 0);
}
END_TEST

START_TEST(test_rule_limit)
{
	struct ipt_entry e = { .verdict = NF_ACCEPT };
	char *err;

	for (int i = 0; i < SIM_IPT_MAX_RULES; i++)
		ck_assert_int_eq(sim_iptc_append_entry(h, "FORWARD", &e), 0);
	ck_assert_int_eq(sim_iptc_append_entry(h, "FORWARD", &e), -ENOSPC);
	ck_assert_int_eq(ipt(NULL, &err, "-A", "FORWARD", "-j", "DROP", NULL), 1);
	ck_assert_ptr_nonnull(strstr(err, "1024"));
	free(err);
	ck_assert_uint_eq(sim_iptc_num_rules(h, "FORWARD"), SIM_IPT_MAX_RULES);
}
END_TEST

Suite *
netfilter_suite(void)
{
	Suite *s = suite_create("netfilter");

	fixture_add_tcase(s, "filter", setup, teardown, 0, (const TTest *const []){
		test_drop_icmp_on_output,
		test_accept_and_policy,
		test_port_match,
		test_interfaces_and_chains,
		test_list_golden,
		test_bad_arguments,
		test_delete_insert_flush,
		test_rule_limit,
		NULL,
	});
	return s;
}
