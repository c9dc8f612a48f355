/*
 * tools/tcpdump.c - `tcpdump`: the frames a host's device sends and
 * receives, as the kernel hands them over.
 *
 * No kernel counterpart: this is the user-space program (tcpdump 4.99
 * with libpcap on a Linux packet socket), written fresh.  It opens a
 * packet socket on the device (sim/af_packet.h: a tap on the host's
 * ptype_all), then prints one line per frame (tools/tcpdump_print.c) or
 * writes the frames to a pcap file, as they come:
 *
 *   tcpdump [-i DEV] [-n] [-c N] [-w FILE]
 *
 * Like `tcpdump ... &` in a shell, the command starts the capture and
 * returns; the capture runs alongside the commands that follow, until
 * it has N frames (it then prints tcpdump's three lines of statistics
 * on @err and closes), or until the run ends (host teardown closes it:
 * the file is complete, nothing more is printed).  It starts by saying
 * on @err that it is listening, as tcpdump does.
 *
 * Where the frames come from is the point: a tap sees what the stack
 * hands the driver (dev_queue_xmit_nit in dev_hard_start_xmit) and what
 * the driver hands the stack (__netif_receive_skb_core), not the wire.
 * A frame shorter than 60 bytes is seen before the card pads it; as the
 * card segments (TSO), a tap sees the large packets, the wire the
 * MTU-sized frames.  --pcap (sim/pcap.h) is the wire.
 *
 * On lo each packet shows once, as it comes back in (libpcap drops the
 * copy going out).
 *
 * Differences from the real tool: no filter expression and none of the
 * other options; without -i the host's first device (tcpdump takes the
 * first one that is up and not lo); numbers only (-n is accepted: it is the only
 * mode); times in UTC, from the capture epoch of --pcap (sim/pcap.h);
 * -w writes nanosecond timestamps and a snapshot length of 65535, as
 * --pcap does; "-w -" is refused (the console prints on stdout).
 * @out and @err must stay open until the run ends, as for ping.
 */
#include "tools/tools.h"
#include "tools/tcpdump.h"
#include "sim/af_packet.h"
#include "sim/host.h"
#include "sim/pcap.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define TCPDUMP_SNAPLEN		65535	/* what the files say: sim/pcap.c's */
#define TCPDUMP_MAX_COUNT	1000000000L

struct tcpdump_args {
	struct net_device *dev;		/* -i */
	const char *file;		/* -w, or NULL: print */
	long count;			/* -c, 0: until the run ends */
};

/* One running capture: the program's state. */
struct tcpdump {
	struct net *net;
	struct sim_packet_sock *po;	/* its packet socket */
	struct sim_pcap *pcap;		/* -w FILE, or NULL */
	char *file;			/* ... its name, for a failed write */
	FILE *out, *err;
	ktime_t offset;			/* virtual time -> date (the capture epoch) */
	long count;			/* -c, 0: no limit */
	long captured;			/* frames printed or written */
	struct sim_event exit_ev;	/* -c reached: exit, from an event of its own */
	struct tool_tcpdump_printer printer;
};

static int
tcpdump_usage(FILE *err, const char *fmt, const char *word)
{
	fputs("tcpdump: ", err);
	fprintf(err, fmt, word);
	fputc('\n', err);
	return 2;
}

/* An option's value: the rest of the word (-c5) or the next word (-c 5). */
static const char *
tcpdump_optarg(const char *c, int argc, char **argv, int *i)
{
	if (c[1])
		return c + 1;
	return *i + 1 < argc ? argv[++*i] : NULL;
}

static int
tcpdump_set(struct net *net, char opt, const char *val, FILE *err, struct tcpdump_args *a)
{
	char *end;

	switch (opt) {
	case 'i':
		a->dev = dev_get_by_name(net, val);
		if (!a->dev)
			return tcpdump_usage(err, "%s: No such device exists", val);
		return 0;
	case 'c':
		errno = 0;
		a->count = strtol(val, &end, 10);
		if (!*val || *end || errno || a->count <= 0 || a->count > TCPDUMP_MAX_COUNT)
			return tcpdump_usage(err, "invalid packet count %s", val);
		return 0;
	default:		/* 'w' */
		if (!strcmp(val, "-"))
			return tcpdump_usage(err, "%s: writing to standard output is not supported "
					     "here (the console prints there): give a file name", "-w -");
		a->file = val;
		return 0;
	}
}

/*
 * Parse the words as getopt would (-n -c 5, -nc5, -ieth1): 0, or 2 after
 * one line on @err.
 */
static int
tcpdump_parse(struct net *net, int argc, char **argv, FILE *err, struct tcpdump_args *a)
{
	memset(a, 0, sizeof(*a));
	for (int i = 1; i < argc; i++) {
		const char *w = argv[i];

		if (w[0] != '-' || !w[1] || !strcmp(w, "--")) {
			const char *expr = strcmp(w, "--") ? w : i + 1 < argc ? argv[i + 1] : NULL;

			if (!expr)
				break;
			return tcpdump_usage(err, "'%s': filter expressions are not supported "
					     "(netstep's tcpdump shows every frame)", expr);
		}
		if (w[1] == '-')
			return tcpdump_usage(err, "option %s is not supported "
					     "(tcpdump [-i DEV] [-n] [-c N] [-w FILE])", w);
		for (const char *c = w + 1; *c; c++) {
			char opt[2] = { *c, '\0' };
			const char *val;

			if (*c == 'n')
				continue;
			if (!strchr("icw", *c))
				return tcpdump_usage(err, "option -%s is not supported "
						     "(tcpdump [-i DEV] [-n] [-c N] [-w FILE])", opt);
			val = tcpdump_optarg(c, argc, argv, &i);
			if (!val)
				return tcpdump_usage(err, "option requires an argument -- '%s'", opt);
			if (tcpdump_set(net, *c, val, err, a))
				return 2;
			break;
		}
	}
	if (!a->dev && net->ndevs)
		a->dev = net->devs[0];
	if (!a->dev)
		return tcpdump_usage(err, "%s", "no suitable device found");
	return 0;
}

/* Stop: the file, the program (the packet socket is closed already).
 * 0, or the errno a write of -w FILE failed with (said on err). */
static int
tcpdump_free(struct tcpdump *t)
{
	int e;

	sim_event_cancel(t->net->eng, &t->exit_ev);
	e = sim_pcap_close(t->pcap);
	if (e)
		fprintf(t->err, "tcpdump: %s: %s\n", t->file, strerror(e));
	free(t->file);
	free(t);
	return e;
}

/* -c N reached: tcpdump's statistics, then the socket closes. */
static void
tcpdump_exit(struct sim_event *ev)
{
	struct tcpdump *t = container_of(ev, struct tcpdump, exit_ev);

	fflush(t->out);
	fprintf(t->err, "%ld packet%s captured\n%lu packet%s received by filter\n"
		"0 packets dropped by kernel\n", t->captured, t->captured == 1 ? "" : "s",
		t->po->packets, t->po->packets == 1 ? "" : "s");
	sim_packet_close(t->po);
	tcpdump_free(t);
}

static void
tcpdump_frame(void *arg, const u8 *frame, unsigned int len, ktime_t ts, bool outgoing)
{
	struct tcpdump *t = arg;

	/* libpcap on lo skips what the socket sees leaving: lo hands the
	 * same frame back in, and it would show twice (pcap-linux.c).
	 * NOTE: otherwise tcpdump -n shows no direction either. */
	if (outgoing && (t->po->prot_hook.dev->flags & IFF_LOOPBACK))
		return;
	if (t->count && t->captured >= t->count)
		return;		/* exiting: the socket still delivers until closed */
	t->captured++;
	if (t->pcap) {
		sim_pcap_write(t->pcap, frame, len, ts);
	} else {
		char line[TOOL_TCPDUMP_LINE];

		tool_tcpdump_format(&t->printer, ts + t->offset, frame, len, line, sizeof(line));
		fprintf(t->out, "%s\n", line);
	}
	if (t->count && t->captured == t->count)
		sim_event_schedule(t->net->eng, &t->exit_ev, t->net->eng->now);
}

/* The run ends (or the host goes away) with the capture running. */
static int
tcpdump_release(void *arg)
{
	return tcpdump_free(arg);
}

static const struct sim_packet_ops tcpdump_packet_ops = {
	.frame = tcpdump_frame,
	.release = tcpdump_release,
};

int
tool_tcpdump_check(struct net *net, int argc, char **argv, FILE *out, FILE *err)
{
	struct tcpdump_args a;

	(void)out;
	return tcpdump_parse(net, argc, argv, err, &a);
}

int
tool_tcpdump(struct net *net, int argc, char **argv, FILE *out, FILE *err)
{
	struct tcpdump_args a;
	struct tcpdump *t;
	char why[256];
	int rc;

	if (tcpdump_parse(net, argc, argv, err, &a))
		return 2;
	if (!netif_running(a.dev)) {
		fprintf(err, "tcpdump: %s: That device is not up\n", a.dev->name);
		return 1;
	}
	t = calloc(1, sizeof(*t));
	if (!t) {
		fprintf(err, "tcpdump: out of memory\n");
		return 1;
	}
	t->net = net;
	t->out = out;
	t->err = err;
	t->count = a.count;
	t->offset = sim_capture_time_offset(net->eng);
	sim_event_init(&t->exit_ev, "tcpdump-exit", tcpdump_exit);
	if (a.file) {
		/* Replayed (sim/journal.h), the capture runs as it did, into nothing:
		 * the file holds it already. */
		t->pcap = sim_pcap_open(sim_host(net)->replay ? "/dev/null" : a.file, why,
					sizeof(why));
		t->file = strdup(a.file);
		if (!t->pcap || !t->file) {
			fprintf(err, "tcpdump: %s: %s\n", a.file, t->pcap ? strerror(ENOMEM) : why);
			sim_pcap_close(t->pcap);
			free(t->file);
			free(t);
			return 1;
		}
		sim_pcap_set_time_offset(t->pcap, t->offset);
	}
	rc = sim_packet_open(net, a.dev, &tcpdump_packet_ops, t, &t->po);
	if (rc) {
		fprintf(err, "tcpdump: %s: %s\n", a.dev->name,
			rc == -EMFILE ? "too many captures on this host" : strerror(-rc));
		tcpdump_free(t);
		return 1;
	}
	if (!a.file)
		fprintf(err, "tcpdump: verbose output suppressed, use -v[v]... for full protocol "
			"decode\n");
	fprintf(err, "%slistening on %s, link-type EN10MB (Ethernet), snapshot length %d bytes\n",
		a.file ? "tcpdump: " : "", a.dev->name, TCPDUMP_SNAPLEN);
	return 0;
}
