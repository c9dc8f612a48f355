/*
 * tools/tc.c - `tc qdisc`: show, attach and remove the root qdisc of a
 * device, with iproute2's syntax and output.
 *
 * No kernel counterpart: this is the user-space tool (iproute2's
 * tc/tc_qdisc.c, tc/q_tbf.c, tc/q_prio.c, tc/tc_util.c, tc/tc_core.c).
 * The real tc sends RTM_NEWQDISC / RTM_DELQDISC / RTM_GETQDISC netlink
 * messages; netstep calls the kernel side directly
 * (sim_qdisc_root_modify, sim_qdisc_root_delete, sim_qdisc_for_each_shown in
 * layers/sch_api.c).  Read layers/sch_generic.h, layers/sch_api.c and
 * layers/sch_tbf.c for what the commands change.
 *
 *	tc [-s] [-d] qdisc [show] [dev DEV] [root]
 *	tc qdisc add|replace|change dev DEV root pfifo_fast|noqueue|mq
 *	tc qdisc add|replace|change dev DEV root tbf rate R burst B (latency L | limit B)
 *	tc qdisc del dev DEV root
 *
 * Units as tc: rates bit, kbit, mbit, gbit, tbit, Kibit.., bps, kbps..
 * (a bare number is bits/s); sizes b, k/kb, m/mb, g/gb, kbit, mbit, gbit
 * (bare: bytes); times s, ms, us (bare: microseconds).
 *
 * Output follows iproute2 4.x, including its trailing spaces.  Every
 * argument is checked before anything is applied; a bad command prints
 * one "tc: ..." line naming the bad word and returns 2.  A refusal from
 * the kernel side prints "RTNETLINK answers: ..." and returns 1.
 *
 * Left out: classes, filters, handles and parents other than root,
 * ingress, estimators, size tables, tbf's peakrate/mtu/mpu/overhead,
 * JSON output.
 */
#include "tools/tools.h"
#include "layers/sch_generic.h"
#include "sim/host.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define TIME_UNITS_PER_SEC	1000000.0	/* tc's times are microseconds */
/* /proc/net/psched: 1000 ns per us, 64 ns per tick -> 15.625 ticks/us. */
#define TC_TICK_IN_USEC		15.625

struct tc_opts {
	int show_stats;			/* -s */
	int show_details;		/* -d */
};

/* iproute2's matches(): @cmd is a non-empty prefix of @pattern. */
static bool
tc_matches(const char *cmd, const char *pattern)
{
	size_t len = strlen(cmd);

	return len && len <= strlen(pattern) && !memcmp(pattern, cmd, len);
}

/* ---- units (tc/tc_util.c, tc/tc_core.c) ---------------------------------- */

/* A unit suffix tc accepts after a number, and what it multiplies by. */
struct tc_unit {
	const char *name;
	double scale;
};

/* Rates: bits per second per unit. */
static const struct tc_unit tc_rate_units[] = {
	{ "bit", 1. },		{ "Kibit", 1024. },	{ "kbit", 1000. },
	{ "mibit", 1024. * 1024. },	{ "mbit", 1000000. },
	{ "gibit", 1024. * 1024. * 1024. },	{ "gbit", 1000000000. },
	{ "tibit", 1024. * 1024. * 1024. * 1024. },	{ "tbit", 1000000000000. },
	{ "Bps", 8. },		{ "KiBps", 8. * 1024. },	{ "KBps", 8000. },
	{ "MiBps", 8. * 1024. * 1024. },	{ "MBps", 8000000. },
	{ "GiBps", 8. * 1024. * 1024. * 1024. },	{ "GBps", 8000000000. },
	{ "TiBps", 8. * 1024. * 1024. * 1024. * 1024. },	{ "TBps", 8000000000000. },
};

/* Sizes: bytes per unit ("kbit" is 1024 bits, as tc has it). */
static const struct tc_unit tc_size_units[] = {
	{ "b", 1. },
	{ "k", 1024. },		{ "kb", 1024. },	{ "kbit", 1024. / 8 },
	{ "m", 1024. * 1024. },	{ "mb", 1024. * 1024. },	{ "mbit", 1024. * 1024. / 8 },
	{ "g", 1024. * 1024. * 1024. },	{ "gb", 1024. * 1024. * 1024. },
	{ "gbit", 1024. * 1024. * 1024. / 8 },
};

/* Times: microseconds (tc's time unit) per unit. */
static const struct tc_unit tc_time_units[] = {
	{ "s", TIME_UNITS_PER_SEC },	{ "sec", TIME_UNITS_PER_SEC },
	{ "secs", TIME_UNITS_PER_SEC },
	{ "ms", TIME_UNITS_PER_SEC / 1000 },	{ "msec", TIME_UNITS_PER_SEC / 1000 },
	{ "msecs", TIME_UNITS_PER_SEC / 1000 },
	{ "us", TIME_UNITS_PER_SEC / 1000000 },	{ "usec", TIME_UNITS_PER_SEC / 1000000 },
	{ "usecs", TIME_UNITS_PER_SEC / 1000000 },
};

/*
 * What get_rate64, get_size and get_time share: a number >= 0, then
 * nothing (scale 1) or one of @units, in any case.  -1 on junk.
 */
static int
tc_get_number(double *num, double *scale, const char *str, const struct tc_unit *units,
	      size_t nunits)
{
	char *p;
	double v = strtod(str, &p);
	size_t i;

	if (p == str || !(v >= 0))
		return -1;
	*scale = 1.;
	if (*p) {
		for (i = 0; i < nunits; i++)
			if (!strcasecmp(units[i].name, p))
				break;
		if (i == nunits)
			return -1;
		*scale = units[i].scale;
	}
	*num = v;
	return 0;
}

/* A size or a time: the scaled number must fit in 32 bits. */
static int
tc_get_u32(u32 *val, const char *str, const struct tc_unit *units, size_t nunits)
{
	double num, scale;

	if (tc_get_number(&num, &scale, str, units, nunits))
		return -1;
	num *= scale;
	if (num > 4294967295.0)
		return -1;
	*val = (u32)num;
	return 0;
}

/*
 * get_rate: "1mbit" -> 125000 bytes/s.  -1 on junk, and on a rate 3.10's
 * tbf cannot hold: its tc_tbf_qopt.rate is a u32 of bytes per second
 * (TCA_TBF_RATE64 came in 3.13), so 1 to 4294967295 bytes/s.
 */
static int
tc_get_rate(u32 *rate, const char *str)
{
	double bps, scale, bytes;

	if (tc_get_number(&bps, &scale, str, tc_rate_units, ARRAY_SIZE(tc_rate_units)))
		return -1;
	bytes = bps * scale / 8;
	if (!(bytes >= 1 && bytes <= 4294967295.0))
		return -1;
	*rate = (u32)bytes;
	return 0;
}

/* get_size: "2kb" -> 2048 bytes.  -1 on junk. */
static int
tc_get_size(u32 *size, const char *str)
{
	return tc_get_u32(size, str, tc_size_units, ARRAY_SIZE(tc_size_units));
}

/* get_size_and_cell: "SIZE[/CELL]", CELL a power of two (ignored). */
static int
tc_get_size_and_cell(u32 *size, const char *str)
{
	char buf[64];
	char *slash, *end;
	long cell;

	snprintf(buf, sizeof(buf), "%s", str);
	slash = strchr(buf, '/');
	if (slash)
		*slash = '\0';
	if (tc_get_size(size, buf))
		return -1;
	if (!slash)
		return 0;
	cell = strtol(slash + 1, &end, 0);
	if (end == slash + 1 || *end || cell <= 0 || (cell & (cell - 1)) || cell > (1L << 30))
		return -1;
	return 0;
}

/* get_time: "50ms" -> 50000 us.  -1 on junk. */
static int
tc_get_time(u32 *time, const char *str)
{
	return tc_get_u32(time, str, tc_time_units, ARRAY_SIZE(tc_time_units));
}

/* tc_core_time2tick / tick2time: tc rounds down to whole us and ticks. */
static u32
tc_core_time2tick(u32 time)
{
	return (u32)(time * TC_TICK_IN_USEC);
}

static u32
tc_core_tick2time(u32 tick)
{
	return (u32)(tick / TC_TICK_IN_USEC);
}

/*
 * tc_calc_xmittime: ticks needed to send @size bytes at @rate bytes/s,
 * in *@ticks; -1 when that does not fit the u32 the kernel takes.
 */
static int
tc_calc_xmittime(u32 rate, u32 size, u32 *ticks)
{
	double time = TIME_UNITS_PER_SEC * ((double)size / (double)rate);

	if (time > 4294967295.0 || (u32)time * TC_TICK_IN_USEC > 4294967295.0)
		return -1;
	*ticks = tc_core_time2tick((u32)time);
	return 0;
}

/* tc_calc_xmitsize: bytes sent at @rate during @ticks. */
static u32
tc_calc_xmitsize(u32 rate, u32 ticks)
{
	return (u32)(((double)rate * tc_core_tick2time(ticks)) / TIME_UNITS_PER_SEC);
}

/* print_rate: bytes/s -> "1Mbit", "1500Kbit", "800bit". */
static void
tc_sprint_rate(char *buf, size_t len, u64 rate)
{
	static const char *const units[] = { "", "K", "M", "G", "T" };
	size_t i;

	rate <<= 3;
	for (i = 0; i < ARRAY_SIZE(units) - 1; i++) {
		if (rate < 1000)
			break;
		if ((rate % 1000) != 0 && rate < 1000 * 1000)
			break;
		rate /= 1000;
	}
	snprintf(buf, len, "%.0f%sbit", (double)rate, units[i]);
}

/* print_size: "1514b", "2Kb", "1Mb" (within 16 bytes / 1 KiB of round). */
static void
tc_sprint_size(char *buf, size_t len, u32 sz)
{
	u64 mb = ((u64)sz + 512 * 1024) / (1024 * 1024);
	u64 kb = ((u64)sz + 512) / 1024;
	s64 dm = (s64)(mb * 1024 * 1024) - sz;
	s64 dk = (s64)(kb * 1024) - sz;

	if (sz >= 1024 * 1024 && dm > -1024 && dm < 1024)
		snprintf(buf, len, "%gMb", (double)mb);
	else if (sz >= 1024 && dk > -16 && dk < 16)
		snprintf(buf, len, "%gKb", (double)kb);
	else
		snprintf(buf, len, "%ub", sz);
}

/*
 * print_time: microseconds -> "1.2s", "50.0ms", "800us".  A double: a
 * tbf's latency (limit / rate) can pass what 32 bits hold.
 */
static void
tc_sprint_time(char *buf, size_t len, double tmp)
{
	if (tmp >= TIME_UNITS_PER_SEC)
		snprintf(buf, len, "%.1fs", tmp / TIME_UNITS_PER_SEC);
	else if (tmp >= TIME_UNITS_PER_SEC / 1000)
		snprintf(buf, len, "%.1fms", tmp / (TIME_UNITS_PER_SEC / 1000));
	else
		snprintf(buf, len, "%uus", (unsigned int)tmp);
}

/* ---- tc qdisc show ----------------------------------------------------------- */

struct tc_show_ctx {
	const struct tc_opts *opts;
	bool with_dev;			/* no "dev" filter: name each device */
	bool root_only;			/* "root": skip mq children */
	FILE *out;
};

/* prio_print_opt, for pfifo_fast. */
static void
tc_print_prio(FILE *out, const struct tc_prio_qopt *o)
{
	fprintf(out, "bands %u priomap ", (unsigned int)o->bands);
	for (int i = 0; i <= TC_PRIO_MAX; i++)
		fprintf(out, " %d", o->priomap[i]);
}

/* tbf_print_opt. */
static void
tc_print_tbf(FILE *out, const struct tc_tbf_qopt *o, const struct tc_opts *opts)
{
	char b1[64];
	u32 buffer = tc_calc_xmitsize(o->rate, o->buffer);
	double latency;

	tc_sprint_rate(b1, sizeof(b1), o->rate);
	fprintf(out, "rate %s ", b1);
	tc_sprint_size(b1, sizeof(b1), buffer);
	/* NOTE: -d shows the rate table's cell size; tc's default (mtu 2047)
	 * gives cell_log 3, which netstep always reports. */
	if (opts->show_details)
		fprintf(out, "burst %s/8 mpu 0b ", b1);
	else
		fprintf(out, "burst %s ", b1);
	latency = TIME_UNITS_PER_SEC * (o->limit / (double)o->rate) -
		  tc_core_tick2time(o->buffer);
	if (latency >= 0.0) {
		tc_sprint_time(b1, sizeof(b1), latency);
		fprintf(out, "lat %s ", b1);
	} else {
		tc_sprint_size(b1, sizeof(b1), o->limit);
		fprintf(out, "limit %s ", b1);
	}
}

static void
tc_print_options(FILE *out, struct Qdisc *q, const struct tc_opts *opts)
{
	union {
		struct tc_prio_qopt prio;
		struct tc_tbf_qopt tbf;
		struct tc_fifo_qopt fifo;
	} o;
	char b1[64];

	if (!q->ops->dump || q->ops->dump(q, &o, sizeof(o)) <= 0)
		return;		/* no TCA_OPTIONS: nothing printed */
	if (!strcmp(q->ops->id, "pfifo_fast")) {
		tc_print_prio(out, &o.prio);
	} else if (!strcmp(q->ops->id, "tbf")) {
		tc_print_tbf(out, &o.tbf, opts);
	} else if (!strcmp(q->ops->id, "bfifo")) {
		tc_sprint_size(b1, sizeof(b1), o.fifo.limit);
		fprintf(out, "limit %s", b1);
	}
}

/* print_tcstats2_attr with prefix " ". */
static void
tc_print_stats(FILE *out, struct Qdisc *q)
{
	struct gnet_stats_basic_packed b;
	struct gnet_stats_queue st;
	char b1[64];

	sim_qdisc_dump_stats(q, &b, &st);
	fprintf(out, " Sent %llu bytes %u pkt", (unsigned long long)b.bytes, b.packets);
	fprintf(out, " (dropped %u, overlimits %u requeues %u) ", st.drops, st.overlimits,
		st.requeues);
	tc_sprint_size(b1, sizeof(b1), st.backlog);
	fprintf(out, "\n backlog %s %up requeues %u ", b1, st.qlen, st.requeues);
	fprintf(out, "\n");
}

/* print_qdisc: one "qdisc ..." line (and the stats with -s). */
static void
tc_print_qdisc(struct Qdisc *q, void *arg)
{
	struct tc_show_ctx *ctx = arg;
	struct net_device *dev = qdisc_dev(q);
	FILE *out = ctx->out;

	if (ctx->root_only && q->parent != TC_H_ROOT)
		return;
	fprintf(out, "qdisc %s %x: ", q->ops->id, TC_H_MAJ(q->handle) >> 16);
	if (ctx->with_dev)
		fprintf(out, "dev %s ", dev->name);
	if (q->parent == TC_H_ROOT)
		fprintf(out, "root ");
	else if (TC_H_MAJ(q->parent))
		fprintf(out, "parent %x:%x ", TC_H_MAJ(q->parent) >> 16, TC_H_MIN(q->parent));
	else
		fprintf(out, "parent :%x ", TC_H_MIN(q->parent));
	if (q->refcnt != 1)
		fprintf(out, "refcnt %d ", q->refcnt);
	tc_print_options(out, q, ctx->opts);
	fprintf(out, "\n");
	if (ctx->opts->show_stats)
		tc_print_stats(out, q);
}

/* tc qdisc [show|list] [dev DEV] [root] */
static int
tc_qdisc_list(struct net *net, int argc, char **argv, const struct tc_opts *opts,
	      FILE *out, FILE *err)
{
	struct tc_show_ctx ctx = { .opts = opts, .with_dev = true, .out = out };
	struct net_device *dev = NULL;

	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "dev")) {
			if (++i == argc) {
				fprintf(err, "tc: Command line is not complete after \"dev\"\n");
				return 2;
			}
			if (dev) {
				fprintf(err, "tc: duplicate \"dev\": \"%s\" is the second value\n",
					argv[i]);
				return 2;
			}
			dev = dev_get_by_name(net, argv[i]);
			if (!dev) {
				fprintf(err, "tc: Cannot find device \"%s\"\n", argv[i]);
				return 2;
			}
		} else if (!strcmp(argv[i], "root")) {
			ctx.root_only = true;
		} else {
			fprintf(err, "tc: What is \"%s\"? Try \"tc qdisc help\"\n", argv[i]);
			return 2;
		}
	}
	if (dev) {
		ctx.with_dev = false;
		sim_qdisc_for_each_shown(dev, tc_print_qdisc, &ctx);
		return 0;
	}
	for (int i = 0; i < net->ndevs; i++)
		if (net->devs[i])
			sim_qdisc_for_each_shown(net->devs[i], tc_print_qdisc, &ctx);
	return 0;
}

/* ---- tc qdisc add|replace|change|del ------------------------------------------ */

enum tc_cmd { TC_ADD, TC_CHANGE, TC_REPLACE, TC_DELETE };

/* tbf_parse_opt: fill @qopt from "rate R burst B latency L|limit B". */
static int
tc_parse_tbf(int argc, char **argv, struct tc_tbf_qopt *qopt, FILE *err)
{
	u32 rate = 0, buffer = 0, limit = 0, latency = 0;
	bool have_limit = false, have_latency = false, have_rate = false;
	const char *burst = NULL;	/* the burst as typed */

	for (int i = 0; i < argc; i++) {
		const char *word = argv[i];

		if (!strcmp(word, "help")) {
			fprintf(err, "tc: Usage: ... tbf limit BYTES burst BYTES[/BYTES] rate KBPS\n");
			return 2;
		}
		if (!tc_matches(word, "limit") && !tc_matches(word, "latency") &&
		    !tc_matches(word, "burst") && strcmp(word, "buffer") &&
		    strcmp(word, "maxburst") && strcmp(word, "rate")) {
			fprintf(err, "tc: tbf: unknown parameter \"%s\"\n", word);
			return 2;
		}
		if (++i == argc) {
			fprintf(err, "tc: Command line is not complete after \"%s\"\n", word);
			return 2;
		}
		if (tc_matches(word, "limit") || tc_matches(word, "latency")) {
			bool is_limit = tc_matches(word, "limit");

			if ((is_limit && have_limit) || (!is_limit && have_latency)) {
				fprintf(err, "tc: tbf: duplicate \"limit/latency\" specification \"%s\"\n",
					word);
				return 2;
			}
			if (have_limit || have_latency) {
				fprintf(err, "tc: tbf: specifying both \"latency\" and \"limit\" is not allowed (\"%s\")\n",
					word);
				return 2;
			}
			if (is_limit ? tc_get_size(&limit, argv[i]) : tc_get_time(&latency, argv[i])) {
				fprintf(err, "tc: Illegal \"%s\" \"%s\"\n",
					is_limit ? "limit" : "latency", argv[i]);
				return 2;
			}
			have_limit = is_limit;
			have_latency = !is_limit;
		} else if (strcmp(word, "rate")) {
			if (burst) {
				fprintf(err, "tc: tbf: duplicate \"buffer/burst/maxburst\" specification \"%s\"\n",
					word);
				return 2;
			}
			if (tc_get_size_and_cell(&buffer, argv[i]) || !buffer) {
				fprintf(err, "tc: Illegal \"%s\" \"%s\"\n", word, argv[i]);
				return 2;
			}
			burst = argv[i];
		} else {
			if (have_rate) {
				fprintf(err, "tc: tbf: duplicate \"rate\" specification \"%s\"\n", argv[i]);
				return 2;
			}
			if (tc_get_rate(&rate, argv[i])) {
				fprintf(err, "tc: Illegal \"rate\" \"%s\" (8bit to 34359738360bit: "
					"a u32 of bytes/s in 3.10)\n", argv[i]);
				return 2;
			}
			have_rate = true;
		}
	}
	/* Each missing parameter is one error; report the first. */
	if (!have_rate) {
		fprintf(err, "tc: tbf: the \"rate\" parameter is mandatory.\n");
		return 2;
	}
	if (!burst) {
		fprintf(err, "tc: tbf: the \"burst\" parameter is mandatory.\n");
		return 2;
	}
	if (!limit && !latency) {
		fprintf(err, "tc: tbf: either \"limit\" or \"latency\" is required.\n");
		return 2;
	}
	memset(qopt, 0, sizeof(*qopt));
	qopt->rate = rate;
	if (!limit) {
		double lim = qopt->rate * (double)latency / TIME_UNITS_PER_SEC + buffer;

		limit = lim > 4294967295.0 ? ~0U : (u32)lim;
	}
	qopt->limit = limit;
	if (tc_calc_xmittime(qopt->rate, buffer, &qopt->buffer)) {
		fprintf(err, "tc: Illegal \"burst\" \"%s\" (too large for the rate)\n", burst);
		return 2;
	}
	if (!qopt->buffer) {
		fprintf(err, "tc: Illegal \"burst\" \"%s\" (too small for the rate)\n", burst);
		return 2;
	}
	return 0;
}

/* The kernel's answer, as tc prints it. */
static int
tc_rtnl_answer(int rc, FILE *err)
{
	if (rc == 0)
		return 0;
	fprintf(err, "RTNETLINK answers: %s\n", strerror(-rc));
	return 1;
}

/* tc_qdisc_modify: parse everything, then one call into the kernel side. */
static int
tc_qdisc_modify(struct net *net, enum tc_cmd cmd, int argc, char **argv, FILE *err)
{
	struct net_device *dev = NULL;
	const char *devname = NULL, *kind = NULL;
	const struct Qdisc_ops *ops = NULL;
	struct tc_tbf_qopt tbf;
	const void *opt = NULL;
	bool root = false;
	int i, rc;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "dev")) {
			if (++i == argc) {
				fprintf(err, "tc: Command line is not complete after \"dev\"\n");
				return 2;
			}
			if (devname) {
				fprintf(err, "tc: duplicate \"dev\": \"%s\" is the second value\n",
					argv[i]);
				return 2;
			}
			devname = argv[i];
		} else if (!strcmp(argv[i], "root")) {
			if (root) {
				fprintf(err, "tc: \"root\" is duplicate parent ID\n");
				return 2;
			}
			root = true;
		} else if (!strcmp(argv[i], "parent") || !strcmp(argv[i], "handle") ||
			   !strcmp(argv[i], "ingress") || !strcmp(argv[i], "clsact") ||
			   tc_matches(argv[i], "estimator") || tc_matches(argv[i], "stab")) {
			fprintf(err, "tc: \"%s\" is not supported by netstep (root qdiscs only)\n",
				argv[i]);
			return 2;
		} else {
			kind = argv[i++];
			break;
		}
	}
	if (!devname) {
		fprintf(err, "tc: missing \"dev\"\n");
		return 2;
	}
	dev = dev_get_by_name(net, devname);
	if (!dev) {
		fprintf(err, "tc: Cannot find device \"%s\"\n", devname);
		return 2;
	}
	if (!root) {
		fprintf(err, "tc: missing \"root\"\n");
		return 2;
	}
	if (kind) {
		ops = qdisc_lookup_ops(kind);
		if (!ops || ops == &bfifo_qdisc_ops) {
			fprintf(err, "tc: Unknown qdisc \"%s\"\n", kind);
			return 2;
		}
		if (ops == &tbf_qdisc_ops && cmd != TC_DELETE) {
			rc = tc_parse_tbf(argc - i, argv + i, &tbf, err);
			if (rc)
				return rc;
			opt = &tbf;
		} else if (i < argc) {
			fprintf(err, "tc: %s: unknown parameter \"%s\"\n", kind, argv[i]);
			return 2;
		}
	} else if (cmd != TC_DELETE) {
		fprintf(err, "tc: missing qdisc kind after \"root\"\n");
		return 2;
	}

	/* Everything checked: now the kernel side. */
	switch (cmd) {
	case TC_DELETE:
		if (ops && dev->qdisc && dev->qdisc->handle && dev->qdisc->ops != ops)
			return tc_rtnl_answer(-EINVAL, err);
		return tc_rtnl_answer(sim_qdisc_root_delete(dev), err);
	case TC_CHANGE:
		/* No NLM_F_CREATE: only an existing (non-default) root changes. */
		if (!dev->qdisc || !dev->qdisc->handle)
			return tc_rtnl_answer(-ENOENT, err);
		return tc_rtnl_answer(sim_qdisc_root_modify(dev, kind, opt, false, false), err);
	case TC_ADD:
		return tc_rtnl_answer(sim_qdisc_root_modify(dev, kind, opt, false, true), err);
	case TC_REPLACE:
		return tc_rtnl_answer(sim_qdisc_root_modify(dev, kind, opt, true, false), err);
	}
	return 2;
}

/* do_qdisc */
static int
tc_do_qdisc(struct net *net, int argc, char **argv, const struct tc_opts *opts,
	    FILE *out, FILE *err)
{
	const char *c;

	if (argc < 1)
		return tc_qdisc_list(net, 0, NULL, opts, out, err);
	c = argv[0];
	if (tc_matches(c, "add"))
		return tc_qdisc_modify(net, TC_ADD, argc - 1, argv + 1, err);
	if (tc_matches(c, "change"))
		return tc_qdisc_modify(net, TC_CHANGE, argc - 1, argv + 1, err);
	if (tc_matches(c, "replace"))
		return tc_qdisc_modify(net, TC_REPLACE, argc - 1, argv + 1, err);
	if (tc_matches(c, "delete"))
		return tc_qdisc_modify(net, TC_DELETE, argc - 1, argv + 1, err);
	if (tc_matches(c, "list") || tc_matches(c, "show") || tc_matches(c, "lst"))
		return tc_qdisc_list(net, argc - 1, argv + 1, opts, out, err);
	fprintf(err, "tc: Command \"%s\" is unknown, try \"tc qdisc help\".\n", c);
	return 2;
}

/* See tools/tools.h: `tc [OPTIONS] qdisc [show|list|lst ...]`, as tc_do_qdisc reads it. */
bool
tool_tc_read_only(int argc, char **argv)
{
	int i = 1;

	while (i < argc && argv[i][0] == '-')
		i++;
	if (i + 1 >= argc || !tc_matches(argv[i], "qdisc"))
		return true;	/* `tc qdisc` shows; a refused line changes nothing */
	return tc_matches(argv[i + 1], "list") || tc_matches(argv[i + 1], "show") ||
	       tc_matches(argv[i + 1], "lst");
}

/**
 * tool_tc - `tc [-s] [-d] qdisc ...`, see the head of this file.
 */
int
tool_tc(struct net *net, int argc, char **argv, FILE *out, FILE *err)
{
	struct tc_opts opts = { 0 };
	int i = 1;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (tc_matches(argv[i], "-stats") || tc_matches(argv[i], "-statistics")) {
			opts.show_stats++;
		} else if (tc_matches(argv[i], "-details")) {
			opts.show_details++;
		} else {
			fprintf(err, "tc: Option \"%s\" is unknown, try \"tc -help\".\n", argv[i]);
			return 2;
		}
	}
	if (i == argc) {
		fprintf(err, "tc: Usage: tc [ OPTIONS ] qdisc { add | replace | change | del | show }\n");
		return 2;
	}
	if (tc_matches(argv[i], "qdisc"))
		return tc_do_qdisc(net, argc - i - 1, argv + i + 1, &opts, out, err);
	fprintf(err, "tc: Object \"%s\" is unknown, try \"tc help\".\n", argv[i]);
	return 2;
}
