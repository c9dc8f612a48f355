/*
 * tools/proc.c - `cat /proc/softirqs`, `cat /proc/interrupts` and
 * `nstat -az`: the counters a host keeps, in the kernel's formats.
 *
 * Mirrors the output of fs/proc/softirqs.c and fs/proc/interrupts.c
 * (Linux 3.10) and of iproute2's nstat.  Each netstep host has one CPU,
 * so there is one column.
 */
#include "tools/tools.h"
#include "sim/host.h"

#include <string.h>

static void
proc_softirqs(struct host *net, FILE *out)
{
	fprintf(out, "%20sCPU%-8d\n", "", 0);
	for (int i = 0; i < NR_SOFTIRQS; i++)
		fprintf(out, "%12s: %10u\n", softirq_to_name[i], net->cpu.softirq_count[i]);
}

/* Vectors as MSI-X numbers them; the name says which queue pair. */
static void
proc_interrupts(struct host *net, FILE *out)
{
	fprintf(out, "%11sCPU0\n", "");
	for (int i = 0; i < SIM_MAX_IRQS; i++) {
		const struct irqaction *a = &net->cpu.irq[i];

		if (a->handler)
			fprintf(out, "%3d: %10lu   PCI-MSI-edge      %s\n", i, a->count, a->name);
	}
}

int
tool_cat(struct host *net, int argc, char **argv, FILE *out, FILE *err)
{
	if (argc != 2) {
		fprintf(err, "cat: usage: cat /proc/softirqs|/proc/interrupts\n");
		return 2;
	}
	if (!strcmp(argv[1], "/proc/softirqs"))
		proc_softirqs(net, out);
	else if (!strcmp(argv[1], "/proc/interrupts"))
		proc_interrupts(net, out);
	else {
		fprintf(err, "cat: %s: No such file or directory\n", argv[1]);
		return 2;
	}
	return 0;
}

/* nstat names: the /proc/net/snmp group prefix and the label. */
static void
nstat_name(int i, char *buf, size_t len)
{
	const char *kname = snmp_counter_name[i];
	const char *group = "TcpExt";

	if (!strncmp(kname, "IPSTATS_", 8))
		group = "Ip";
	else if (!strncmp(kname, "ICMP_", 5))
		group = "Icmp";
	else if (!strncmp(kname, "NEIGH_", 6) || !strncmp(kname, "ARP_", 4))
		group = "Arp";
	else if (!strncmp(kname, "NF_", 3))
		group = "Nf";
	else if (!strncmp(kname, "UDP_", 4))
		group = "Udp";
	else if (!strncmp(kname, "TCP_MIB_", 8))
		group = "Tcp";
	snprintf(buf, len, "%s%s", group, snmp_counter_label[i]);
}

int
tool_nstat(struct host *net, int argc, char **argv, FILE *out, FILE *err)
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
	fputs("#kernel\n", out);
	for (int i = 0; i < SNMP_MIB_MAX; i++) {
		char name[64];

		if (!all && !net->mib[i])
			continue;
		nstat_name(i, name, sizeof(name));
		fprintf(out, "%-31s %-18lu %.1f\n", name, net->mib[i], 0.0);
	}
	return 0;
}
