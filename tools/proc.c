/*
 * tools/proc.c - `cat /proc/softirqs`, `cat /proc/interrupts`,
 * `cat /proc/slabinfo` and `nstat -az`: the counters a host keeps, in
 * the kernel's formats.
 *
 * Mirrors the output of fs/proc/softirqs.c, fs/proc/interrupts.c and
 * mm/slab_common.c's slabinfo (Linux 3.10) and of iproute2's nstat.
 * Each netstep host has one CPU, so there is one column.
 */
#include "tools/tools.h"
#include "sim/host.h"

#include <string.h>

static void
proc_softirqs(struct net *net, FILE *out)
{
	fprintf(out, "%20sCPU%-8d\n", "", 0);
	for (int i = 0; i < NR_SOFTIRQS; i++)
		fprintf(out, "%12s: %10u\n", softirq_to_name[i], net->cpu.softirq_count[i]);
}

/* Vectors as MSI-X numbers them; the name says which queue pair. */
static void
proc_interrupts(struct net *net, FILE *out)
{
	fprintf(out, "%11sCPU0\n", "");
	for (int i = 0; i < SIM_MAX_IRQS; i++) {
		const struct irqaction *a = &net->cpu.irq[i];

		if (a->handler)
			fprintf(out, "%3d: %10lu   PCI-MSI-edge      %s\n", i, a->count, a->name);
	}
}

int
tool_cat(struct net *net, int argc, char **argv, FILE *out, FILE *err)
{
	if (argc != 2) {
		fprintf(err, "cat: usage: cat /proc/softirqs|/proc/interrupts|/proc/slabinfo\n");
		return 2;
	}
	if (!strcmp(argv[1], "/proc/softirqs"))
		proc_softirqs(net, out);
	else if (!strcmp(argv[1], "/proc/interrupts"))
		proc_interrupts(net, out);
	else if (!strcmp(argv[1], "/proc/slabinfo"))
		sim_slabinfo_show(net, out);
	else {
		fprintf(err, "cat: %s: No such file or directory\n", argv[1]);
		return 2;
	}
	return 0;
}

/* The /proc/net/snmp (or netstat) group a 3.10-style counter prints under. */
static const char *
snmp_group(const char *kname)
{
	/* RFC 4293's extra IP counters: /proc/net/netstat's IpExt in 3.10. */
	static const char *const ipext[] = { "IPSTATS_MIB_INNOROUTES",
		"IPSTATS_MIB_INTRUNCATEDPKTS", "IPSTATS_MIB_OUTOCTETS", "IPSTATS_MIB_CSUMERRORS" };

	for (size_t i = 0; i < ARRAY_SIZE(ipext); i++)
		if (!strcmp(kname, ipext[i]))
			return "IpExt";
	if (!strncmp(kname, "IPSTATS_", 8))
		return "Ip";
	if (!strncmp(kname, "ICMP_", 5))
		return "Icmp";
	if (!strncmp(kname, "UDP_", 4))
		return "Udp";
	if (!strncmp(kname, "TCP_MIB_", 8))
		return "Tcp";
	if (!strncmp(kname, "LINUX_MIB_", 10))
		return "TcpExt";
	return "";		/* a table of its own, or netstep's */
}

/* nstat names: the group prefix and the label. */
static void
nstat_name(int i, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s", snmp_group(sim_snmp_counter_name[i]), sim_snmp_counter_label[i]);
}

/* The headers of the groups nstat and netstat -s print apart. */
static const char *const snmp_origin_title[] = {
	[SIM_SNMP_K310] = "kernel",
	[SIM_SNMP_STAT] = ("netstep: Linux 3.10 counters kept outside snmp.h "
			   "(/proc/net/stat/arp_cache, /proc/net/stat/rt_cache)"),
	[SIM_SNMP_LATER] = "netstep: counters of later kernels, not in Linux 3.10",
	[SIM_SNMP_NETSTEP] = "netstep: netstep's own counters, not in any kernel",
};

int
tool_nstat(struct net *net, int argc, char **argv, FILE *out, FILE *err)
{
	bool all = false;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-az") || !strcmp(argv[i], "-a") || !strcmp(argv[i], "-z"))
			all = true;
		else {
			fprintf(err, "nstat: unknown option '%s'\n", argv[i]);
			return 2;
		}
	}
	for (int o = SIM_SNMP_K310; o <= SIM_SNMP_NETSTEP; o++) {
		bool titled = false;

		for (int i = 0; i < SNMP_MIB_MAX; i++) {
			char name[64];

			if ((int)sim_snmp_counter_origin[i] != o || (!all && !net->mib[i]))
				continue;
			if (!titled)
				fprintf(out, "#%s\n", snmp_origin_title[o]);
			titled = true;
			nstat_name(i, name, sizeof(name));
			fprintf(out, "%-31s %-18lu %.1f\n", name, net->mib[i], 0.0);
		}
		if (o == SIM_SNMP_K310 && !titled)
			fputs("#kernel\n", out);	/* nstat always says it */
	}
	return 0;
}

/*
 * `netstat -s`: the same counters grouped as net-tools prints them
 * (Ip:, Icmp:, Tcp:, Udp:, then the extended groups).  A counter the
 * table below has a phrase for is printed the way netstat words it;
 * any other as "Label: value", which is what netstat does with names it
 * does not know.  The extended groups show only counters that moved.
 */
struct netstat_phrase {
	enum snmp_counter mib;
	const char *fmt;	/* one %lu */
};

static const struct netstat_phrase netstat_phrases[] = {
	{ IPSTATS_MIB_INPKTS, "%lu total packets received" },
	{ IPSTATS_MIB_OUTFORWDATAGRAMS, "%lu forwarded" },
	{ IPSTATS_MIB_INADDRERRORS, "%lu with invalid addresses" },
	{ IPSTATS_MIB_INHDRERRORS, "%lu with invalid headers" },
	{ IPSTATS_MIB_INUNKNOWNPROTOS, "%lu with unknown protocol" },
	{ IPSTATS_MIB_INDISCARDS, "%lu incoming packets discarded" },
	{ IPSTATS_MIB_INDELIVERS, "%lu incoming packets delivered" },
	{ IPSTATS_MIB_OUTPKTS, "%lu requests sent out" },
	{ IPSTATS_MIB_OUTDISCARDS, "%lu outgoing packets dropped" },
	{ IPSTATS_MIB_OUTNOROUTES, "%lu dropped because of missing route" },
	{ IPSTATS_MIB_REASMTIMEOUT, "%lu fragments dropped after timeout" },
	{ IPSTATS_MIB_REASMREQDS, "%lu reassemblies required" },
	{ IPSTATS_MIB_REASMOKS, "%lu packets reassembled ok" },
	{ IPSTATS_MIB_REASMFAILS, "%lu packet reassemblies failed" },
	{ IPSTATS_MIB_FRAGOKS, "%lu fragments received ok" },
	{ IPSTATS_MIB_FRAGFAILS, "%lu fragments failed" },
	{ IPSTATS_MIB_FRAGCREATES, "%lu fragments created" },
	{ ICMP_MIB_INMSGS, "%lu ICMP messages received" },
	{ ICMP_MIB_INERRORS, "%lu input ICMP message failed" },
	{ ICMP_MIB_OUTMSGS, "%lu ICMP messages sent" },
	{ TCP_MIB_ACTIVEOPENS, "%lu active connection openings" },
	{ TCP_MIB_PASSIVEOPENS, "%lu passive connection openings" },
	{ TCP_MIB_ATTEMPTFAILS, "%lu failed connection attempts" },
	{ TCP_MIB_ESTABRESETS, "%lu connection resets received" },
	{ TCP_MIB_INSEGS, "%lu segments received" },
	{ TCP_MIB_OUTSEGS, "%lu segments sent out" },
	{ TCP_MIB_RETRANSSEGS, "%lu segments retransmitted" },
	{ TCP_MIB_INERRS, "%lu bad segments received" },
	{ TCP_MIB_OUTRSTS, "%lu resets sent" },
	{ UDP_MIB_INDATAGRAMS, "%lu packets received" },
	{ UDP_MIB_NOPORTS, "%lu packets to unknown port received" },
	{ UDP_MIB_INERRORS, "%lu packet receive errors" },
	{ UDP_MIB_OUTDATAGRAMS, "%lu packets sent" },
	{ UDP_MIB_RCVBUFERRORS, "%lu receive buffer errors" },
	{ UDP_MIB_SNDBUFERRORS, "%lu send buffer errors" },
	{ LINUX_MIB_TIMEWAITED, "%lu TCP sockets finished time wait in fast timer" },
	{ LINUX_MIB_DELAYEDACKS, "%lu delayed acks sent" },
	{ LINUX_MIB_SYNCOOKIESSENT, "%lu SYN cookies sent" },
	{ LINUX_MIB_SYNCOOKIESRECV, "%lu SYN cookies received" },
	{ LINUX_MIB_SYNCOOKIESFAILED, "%lu invalid SYN cookies received" },
	{ LINUX_MIB_LISTENOVERFLOWS, "%lu times the listen queue of a socket overflowed" },
	{ LINUX_MIB_LISTENDROPS, "%lu SYNs to LISTEN sockets dropped" },
	{ LINUX_MIB_TCPPUREACKS, "%lu acknowledgments not containing data payload received" },
	{ LINUX_MIB_TCPTIMEOUTS, "%lu other TCP timeouts" },
	{ LINUX_MIB_TCPOFOQUEUE, "%lu packets queued to out-of-order queue" },
	{ LINUX_MIB_TCPFASTRETRANS, "%lu fast retransmits" },
};

/* Which netstat -s group a counter belongs to. */
static const char *
netstat_group(int i)
{
	const char *g;

	if (sim_snmp_counter_origin[i] != SIM_SNMP_K310)
		return "netstep";
	g = snmp_group(sim_snmp_counter_name[i]);
	return *g ? g : "TcpExt";
}

static void
netstat_counter(struct net *net, int i, FILE *out)
{
	for (size_t k = 0; k < ARRAY_SIZE(netstat_phrases); k++) {
		if ((int)netstat_phrases[k].mib == i) {
			fputs("    ", out);
			fprintf(out, netstat_phrases[k].fmt, net->mib[i]);
			fputc('\n', out);
			return;
		}
	}
	fprintf(out, "    %s: %lu\n", sim_snmp_counter_label[i], net->mib[i]);
}

int
tool_netstat(struct net *net, int argc, char **argv, FILE *out, FILE *err)
{
	static const char *const groups[] = { "Ip", "Icmp", "Tcp", "Udp", "IpExt", "TcpExt",
					      "netstep" };
	if (argc != 2 || strcmp(argv[1], "-s")) {
		fprintf(err, "netstat: unsupported option '%s' (only netstat -s)\n",
			argc > 1 ? argv[argc > 2 && !strcmp(argv[1], "-s") ? 2 : 1] : "");
		return 2;
	}
	for (size_t g = 0; g < ARRAY_SIZE(groups); g++) {
		bool ext = g >= 4, shown = false;

		for (int i = 0; i < SNMP_MIB_MAX; i++) {
			if (strcmp(netstat_group(i), groups[g]))
				continue;
			if (ext && !net->mib[i])
				continue;
			if (!shown)
				fprintf(out, "%s:\n", strcmp(groups[g], "netstep") ? groups[g] :
					"netstep (counters not in Linux 3.10's snmp.h, see nstat -az)");
			shown = true;
			netstat_counter(net, i, out);
		}
	}
	return 0;
}
