/*
 * tools/ping.c - the ping command, as iputils' ping prints it.
 *
 * No kernel counterpart: this is the user-space program (iputils
 * ping/ping.c and ping_common.c), written fresh.  It talks to the host's
 * ICMP echo socket (layers/ping.c) the way iputils talks to a
 * SOCK_DGRAM/IPPROTO_ICMP socket with IP_RECVERR set: it builds each echo
 * request (sequence number, a timestamp, a fill pattern), reads replies
 * and error-queue reports, and prints iputils' lines and statistics.
 *
 *   ping [-c COUNT] [-s SIZE] [-M do|dont|want] [-i SECONDS] [-W SECONDS] ADDR
 *
 * Differences from the real tool, all because a netstep run must end and
 * be reproducible:
 *  - without -c, 4 requests are sent (the real ping runs until ^C);
 *  - ADDR must be a numeric IPv4 address (there is no resolver);
 *  - times are virtual: the engine's clock, not the wall clock.
 *
 * The command is asynchronous, like the real program waiting in poll():
 * tool_ping() checks the arguments, prints the PING line, schedules the
 * first request as an engine event and returns 0.  Running the engine
 * then sends a request every -i seconds (default 1) and prints each
 * reply or error as it arrives.  The statistics are printed when every
 * request is answered (by a reply or an error), or when the wait after
 * the last request runs out: twice the slowest round trip (at least one
 * interval) if anything came back, else -W seconds (default 10).
 * ping_result() then gives the exit status ping would have: 0 if any
 * reply came, 1 if none, 2 for an error.  @out and @err must stay open
 * until the run ends; everything is freed with the host's ping socket.
 */
#include "tools/tools.h"
#include "layers/ping.h"
#include "layers/ip.h"
#include "layers/neighbour.h"
#include "layers/route.h"
#include "sim/host.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PING_DEFAULT_COUNT	4	/* netstep: the real default is "forever" */
#define PING_DEFDATALEN		56	/* 64 bytes of ICMP */
#define PING_MAXPACKET		65507	/* 65535 - 20 (IP) - 8 (ICMP) */
#define PING_MAXWAIT		10	/* s, lingertime without -W */
#define PING_TIMEVAL_LEN	16	/* struct timeval on 64-bit Linux */
#define PING_MAX_DUP_CHK	0x10000	/* sequence numbers remembered */

/* The program's state (iputils' struct ping_rts, trimmed). */
struct ping_rts {
	struct net *net;
	struct ping_sock *ps;
	FILE *out;
	FILE *err;
	__be32 whereto;			/* destination */
	char hostname[16];		/* as typed (numeric) */
	long npackets;			/* -c */
	long interval;			/* -i, ms */
	long lingertime;		/* -W, ms */
	unsigned int datalen;		/* -s */
	int pmtudisc;			/* -M, -1 = socket default */
	int timing;			/* room for the timestamp */
	u8 *outpack;			/* the request being sent */

	long ntransmitted;
	long nreceived;
	long nrepeats;
	long nerrors;
	long tmin, tmax;		/* us */
	long long tsum, tsum2;		/* us, us^2 */
	int pipesize;
	u16 acked;
	ktime_t start_time;		/* when the program started */
	ktime_t cur_time;		/* when the last request went out */
	bool errqueue_hit;		/* an error report came during sendmsg */
	bool finished;
	int status;			/* exit status once finished */
	struct sim_event send_ev;	/* next request */
	struct sim_event exit_ev;	/* the wait after the last one */
	u8 rcvd_tbl[PING_MAX_DUP_CHK / 8];
};

static void tool_ping_finish(struct ping_rts *rts);

static struct ping_rts *
tool_ping_rts_of(struct ping_sock *ps)
{
	return ps->sk_user_data;
}

/* ---- statistics helpers (iputils ping_common.c) ---------------------- */

static bool
tool_ping_rcvd_test(const struct ping_rts *rts, u16 seq)
{
	return rts->rcvd_tbl[seq / 8] & (1U << (seq % 8));
}

static void
tool_ping_rcvd_set(struct ping_rts *rts, u16 seq)
{
	rts->rcvd_tbl[seq / 8] |= 1U << (seq % 8);
}

/* A reply or an error answered @seq: track how many were in flight. */
static void
tool_ping_acknowledge(struct ping_rts *rts, u16 seq)
{
	u16 diff = (u16)rts->ntransmitted - seq;

	if (diff <= 0x7FFF) {
		if ((int)diff + 1 > rts->pipesize)
			rts->pipesize = (int)diff + 1;
		if ((int16_t)(seq - rts->acked) > 0 || (u16)rts->ntransmitted - rts->acked > 0x7FFF)
			rts->acked = seq;
	}
}

static long
tool_ping_llsqrt(long long a)
{
	long long prev = LLONG_MAX;
	long long x = a;

	if (x > 0) {
		while (x < prev) {
			prev = x;
			x = (x + (a / x)) / 2;
		}
	}
	return (long)x;
}

static ktime_t
tool_ping_ms_to_ns(long ms)
{
	return (ktime_t)ms * NSEC_PER_MSEC;
}

/* Done when every request got an answer of some kind. */
static void
tool_ping_check_exit(struct ping_rts *rts)
{
	if (!rts->finished && rts->npackets && rts->nreceived + rts->nerrors >= rts->npackets)
		tool_ping_finish(rts);
}

/* ---- socket callbacks ------------------------------------------------ */

static void
tool_ping_print_time(FILE *out, long triptime)
{
	if (triptime >= 100000 - 50)
		fprintf(out, " time=%ld ms", (triptime + 500) / 1000);
	else if (triptime >= 10000 - 5)
		fprintf(out, " time=%ld.%01ld ms", (triptime + 50) / 1000,
			((triptime + 50) % 1000) / 100);
	else if (triptime >= 1000)
		fprintf(out, " time=%ld.%02ld ms", (triptime + 5) / 1000,
			((triptime + 5) % 1000) / 10);
	else
		fprintf(out, " time=%ld.%03ld ms", triptime / 1000, triptime % 1000);
}

/* Virtual time as the two 64-bit little-endian halves of a timeval. */
static void
tool_ping_put_stamp(u8 *p, ktime_t t)
{
	u64 sec = t / NSEC_PER_SEC;
	u64 usec = (t % NSEC_PER_SEC) / NSEC_PER_USEC;

	for (int i = 0; i < 8; i++) {
		p[i] = (u8)(sec >> (8 * i));
		p[8 + i] = (u8)(usec >> (8 * i));
	}
}

static long long
tool_ping_get_stamp_us(const u8 *p)
{
	u64 sec = 0, usec = 0;

	for (int i = 7; i >= 0; i--) {
		sec = (sec << 8) | p[i];
		usec = (usec << 8) | p[8 + i];
	}
	return (long long)(sec * 1000000ULL + usec);
}

/* An echo reply (iputils parse_reply + gather_statistics). */
static void
tool_ping_data_ready(struct ping_sock *ps, __be32 from, u8 ttl, const u8 *icmp, unsigned int cc)
{
	struct ping_rts *rts = tool_ping_rts_of(ps);
	const struct icmphdr *icp = (const struct icmphdr *)icmp;
	long triptime = 0;
	bool dup;
	u16 seq;

	if (!rts || rts->finished || cc < sizeof(*icp) || icp->type != ICMP_ECHOREPLY)
		return;
	seq = ntohs(icp->un.echo.sequence);
	rts->nreceived++;
	tool_ping_acknowledge(rts, seq);

	if (rts->timing && cc >= sizeof(*icp) + PING_TIMEVAL_LEN) {
		long long now_us = (long long)(sim_host_now(rts->net) / NSEC_PER_USEC);

		triptime = (long)(now_us - tool_ping_get_stamp_us(icmp + sizeof(*icp)));
		if (triptime < 0)
			triptime = 0;
		rts->tsum += triptime;
		rts->tsum2 += (long long)triptime * triptime;
		if (triptime < rts->tmin)
			rts->tmin = triptime;
		if (triptime > rts->tmax)
			rts->tmax = triptime;
	}
	dup = tool_ping_rcvd_test(rts, seq);
	if (dup) {
		rts->nrepeats++;
		rts->nreceived--;
	} else {
		tool_ping_rcvd_set(rts, seq);
	}

	fprintf(rts->out, "%u bytes from %s: icmp_seq=%u ttl=%u", cc, sim_ip_str(from).s,
		seq, ttl);
	if (cc < rts->datalen + sizeof(*icp)) {
		fprintf(rts->out, " (truncated)\n");
	} else {
		if (rts->timing)
			tool_ping_print_time(rts->out, triptime);
		if (dup)
			fprintf(rts->out, " (DUP!)");
		/* The fill pattern after the timestamp must come back intact. */
		for (unsigned int i = PING_TIMEVAL_LEN; i < rts->datalen; i++) {
			u8 want = rts->outpack[sizeof(*icp) + i];
			u8 got = icmp[sizeof(*icp) + i];

			if (want != got) {
				fprintf(rts->out, "\nwrong data byte #%u should be 0x%x but was 0x%x",
					i, want, got);
				break;
			}
		}
		fprintf(rts->out, "\n");
	}
	fflush(rts->out);
	tool_ping_check_exit(rts);
}

/* iputils pr_icmph, for the codes a netstep network can produce and more. */
static void
tool_ping_pr_icmph(FILE *out, u8 type, u8 code, u32 info)
{
	static const char *const unreach[NR_ICMP_UNREACH + 1] = {
		[ICMP_NET_UNREACH] = "Destination Net Unreachable",
		[ICMP_HOST_UNREACH] = "Destination Host Unreachable",
		[ICMP_PROT_UNREACH] = "Destination Protocol Unreachable",
		[ICMP_PORT_UNREACH] = "Destination Port Unreachable",
		[ICMP_SR_FAILED] = "Source Route Failed",
		[ICMP_NET_UNKNOWN] = "Destination Net Unknown",
		[ICMP_HOST_UNKNOWN] = "Destination Host Unknown",
		[ICMP_HOST_ISOLATED] = "Source Host Isolated",
		[ICMP_NET_ANO] = "Destination Net Prohibited",
		[ICMP_HOST_ANO] = "Destination Host Prohibited",
		[ICMP_NET_UNR_TOS] = "Destination Net Unreachable for Type of Service",
		[ICMP_HOST_UNR_TOS] = "Destination Host Unreachable for Type of Service",
		[ICMP_PKT_FILTERED] = "Packet filtered",
		[ICMP_PREC_VIOLATION] = "Precedence Violation",
		[ICMP_PREC_CUTOFF] = "Precedence Cutoff",
	};

	switch (type) {
	case ICMP_DEST_UNREACH:
		if (code == ICMP_FRAG_NEEDED)
			fprintf(out, "Frag needed and DF set (mtu = %u)\n", info);
		else if (code <= NR_ICMP_UNREACH && unreach[code])
			fprintf(out, "%s\n", unreach[code]);
		else
			fprintf(out, "Dest Unreachable, Bad Code: %u\n", code);
		break;
	case ICMP_SOURCE_QUENCH:
		fprintf(out, "Source Quench\n");
		break;
	case ICMP_TIME_EXCEEDED:
		if (code == ICMP_EXC_TTL)
			fprintf(out, "Time to live exceeded\n");
		else if (code == ICMP_EXC_FRAGTIME)
			fprintf(out, "Frag reassembly time exceeded\n");
		else
			fprintf(out, "Time exceeded, Bad Code: %u\n", code);
		break;
	case ICMP_PARAMETERPROB:
		fprintf(out, "Parameter problem: pointer = %u\n", info);
		break;
	default:
		fprintf(out, "Bad ICMP type: %u\n", type);
		break;
	}
}

/* An error-queue report (iputils receive_error_msg). */
static void
tool_ping_error_report(struct ping_sock *ps, const struct sock_extended_err *ee, __be32 offender,
		  __be32 target, const struct icmphdr *orig)
{
	struct ping_rts *rts = tool_ping_rts_of(ps);

	if (!rts || rts->finished)
		return;
	rts->errqueue_hit = true;
	if (ee->ee_origin == SO_EE_ORIGIN_LOCAL) {
		if (ee->ee_errno != EMSGSIZE)
			fprintf(rts->err, "ping: local error: %s\n", strerror(ee->ee_errno));
		else
			fprintf(rts->err, "ping: local error: Message too long, mtu=%u\n",
				ee->ee_info);
		fflush(rts->err);
		rts->nerrors++;
	} else if (ee->ee_origin == SO_EE_ORIGIN_ICMP) {
		/* Not about our request to our target: not ours to print. */
		if (target != rts->whereto || orig->type != ICMP_ECHO)
			return;
		tool_ping_acknowledge(rts, ntohs(orig->un.echo.sequence));
		rts->nerrors++;
		fprintf(rts->out, "From %s icmp_seq=%u ", sim_ip_str(offender).s,
			ntohs(orig->un.echo.sequence));
		tool_ping_pr_icmph(rts->out, ee->ee_type, ee->ee_code, ee->ee_info);
		fflush(rts->out);
	}
	/* A local error comes during sendmsg: pinger checks the exit then. */
	if (ee->ee_origin != SO_EE_ORIGIN_LOCAL)
		tool_ping_check_exit(rts);
}

static void
tool_ping_rts_free(struct ping_rts *rts)
{
	sim_event_cancel(rts->net->eng, &rts->send_ev);
	sim_event_cancel(rts->net->eng, &rts->exit_ev);
	free(rts->outpack);
	free(rts);
}

static void
tool_ping_destruct(struct ping_sock *ps)
{
	struct ping_rts *rts = tool_ping_rts_of(ps);

	ps->sk_user_data = NULL;
	if (rts)
		tool_ping_rts_free(rts);
}

static const struct ping_sock_ops tool_ping_ops = {
	.sk_data_ready = tool_ping_data_ready,
	.sk_error_report = tool_ping_error_report,
	.sk_destruct = tool_ping_destruct,
};

/* ---- sending and finishing (iputils pinger, schedule_exit, finish) ---- */

static void
tool_ping_finish(struct ping_rts *rts)
{
	ktime_t tv = rts->cur_time - rts->start_time;
	const char *comma = "";
	FILE *out = rts->out;

	rts->finished = true;
	sim_event_cancel(rts->net->eng, &rts->send_ev);
	sim_event_cancel(rts->net->eng, &rts->exit_ev);

	fprintf(out, "\n--- %s ping statistics ---\n", rts->hostname);
	fprintf(out, "%ld packets transmitted, %ld received", rts->ntransmitted, rts->nreceived);
	if (rts->nrepeats)
		fprintf(out, ", +%ld duplicates", rts->nrepeats);
	if (rts->nerrors)
		fprintf(out, ", +%ld errors", rts->nerrors);
	if (rts->ntransmitted) {
		fprintf(out, ", %g%% packet loss",
			(float)(((long long)(rts->ntransmitted - rts->nreceived)) * 100.0 /
				rts->ntransmitted));
		fprintf(out, ", time %llums",
			(unsigned long long)((tv + NSEC_PER_MSEC / 2) / NSEC_PER_MSEC));
	}
	fprintf(out, "\n");
	if (rts->nreceived && rts->timing) {
		long total = rts->nreceived + rts->nrepeats;
		long tmavg = (long)(rts->tsum / total);
		long long tmvar = (rts->tsum2 - (rts->tsum * rts->tsum) / total) / total;
		long tmdev = tool_ping_llsqrt(tmvar);

		fprintf(out, "rtt min/avg/max/mdev = %ld.%03ld/%ld.%03ld/%ld.%03ld/%ld.%03ld ms",
			rts->tmin / 1000, rts->tmin % 1000, tmavg / 1000, tmavg % 1000,
			rts->tmax / 1000, rts->tmax % 1000, tmdev / 1000, tmdev % 1000);
		comma = ", ";
	}
	if (rts->pipesize > 1)
		fprintf(out, "%spipe %d", comma, rts->pipesize);
	fprintf(out, "\n");
	fflush(out);
	rts->status = rts->nreceived ? 0 : 1;
	/* iputils exits 1 when no reply came: the console takes a finished
	 * command's failure from the host, as for a blocked call (sim/task.h). */
	if (rts->status && !sim_host(rts->net)->task_status)
		sim_host(rts->net)->task_status = rts->status;
}

static void
tool_ping_exit_timer(struct sim_event *ev)
{
	struct ping_rts *rts = container_of(ev, struct ping_rts, exit_ev);

	if (!rts->finished)
		tool_ping_finish(rts);
}

/* After the last request: how long to wait for stragglers. */
static void
tool_ping_schedule_exit(struct ping_rts *rts)
{
	long waittime;			/* us */

	if (rts->nreceived) {
		waittime = 2 * rts->tmax;
		if (waittime < 1000 * rts->interval)
			waittime = 1000 * rts->interval;
	} else {
		waittime = rts->lingertime * 1000;
	}
	sim_event_schedule(rts->net->eng, &rts->exit_ev,
			   sim_host_now(rts->net) + (ktime_t)waittime * NSEC_PER_USEC);
}

/* Send one request (iputils pinger + ping4_send_probe). */
static void
tool_ping_send_timer(struct sim_event *ev)
{
	struct ping_rts *rts = container_of(ev, struct ping_rts, send_ev);
	struct icmphdr *icp = (struct icmphdr *)rts->outpack;
	unsigned int len = sizeof(*icp) + rts->datalen;
	int err;

	if (rts->finished)
		return;
	rts->cur_time = sim_host_now(rts->net);
	icp->type = ICMP_ECHO;
	icp->code = 0;
	icp->checksum = 0;
	icp->un.echo.sequence = htons((u16)(rts->ntransmitted + 1));
	icp->un.echo.id = htons(rts->ps->ident);	/* the socket sets it anyway */
	if (rts->timing)
		tool_ping_put_stamp(rts->outpack + sizeof(*icp), rts->cur_time);

	rts->errqueue_hit = false;
	err = ping_sendmsg(rts->ps, rts->whereto, rts->outpack, len);
	if (err && !rts->errqueue_hit) {
		/* A hard error with nothing on the error queue: say so. */
		fprintf(rts->err, "ping: sendmsg: %s\n", strerror(-err));
		fflush(rts->err);
	}
	/* Sent, or a hard local error: iputils counts it as sent either way. */
	rts->ntransmitted++;

	if (rts->ntransmitted < rts->npackets)
		sim_event_schedule(rts->net->eng, &rts->send_ev,
				   rts->cur_time + tool_ping_ms_to_ns(rts->interval));
	else
		tool_ping_schedule_exit(rts);
	tool_ping_check_exit(rts);
}

/* ---- command line ----------------------------------------------------- */

static int
tool_ping_bad_arg(FILE *err, const char *word)
{
	fprintf(err, "ping: invalid argument: '%s'\n", word);
	return 2;
}

/* A whole number in [lo, hi]; false if @s is anything else. */
static bool
tool_ping_parse_long(const char *s, long lo, long hi, long *val)
{
	char *end;
	long v;

	if (!*s)
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return false;
	*val = v;
	return true;
}

/* Seconds (a decimal fraction) in [lo, hi] as milliseconds. */
static bool
tool_ping_parse_seconds(const char *s, double lo, double hi, long *ms)
{
	char *end;
	double v;

	if (!*s)
		return false;
	errno = 0;
	v = strtod(s, &end);
	if (errno || *end || !isfinite(v) || v < lo || v > hi)
		return false;
	*ms = (long)(v * 1000.0 + 0.5);
	return true;
}

struct ping_args {
	long count;
	long size;
	long interval;			/* ms */
	long linger;			/* ms */
	int pmtudisc;			/* -1: leave the socket's default */
	const char *target;
	struct in_addr addr;		/* the target, parsed */
};

/* Parse argv into @a; prints the one error line and returns 2 if bad. */
static int
tool_ping_parse_args(int argc, char **argv, struct ping_args *a, FILE *err)
{
	a->count = PING_DEFAULT_COUNT;
	a->size = PING_DEFDATALEN;
	a->interval = 1000;
	a->linger = PING_MAXWAIT * 1000;
	a->pmtudisc = -1;
	a->target = NULL;

	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		const char *val;
		char opt;

		if (arg[0] != '-' || arg[1] == '\0') {
			if (a->target)
				return tool_ping_bad_arg(err, arg);
			/* Judged here, so a word that is no address is blamed,
			 * not the address that follows it. */
			if (inet_pton(AF_INET, arg, &a->addr) != 1) {
				fprintf(err, "ping: %s: Name or service not known\n", arg);
				return 2;
			}
			a->target = arg;
			continue;
		}
		opt = arg[1];
		if (!isprint((unsigned char)opt) || !strchr("csMiW", opt)) {
			if (isprint((unsigned char)opt))
				fprintf(err, "ping: invalid option -- '%c'\n", opt);
			else
				fprintf(err, "ping: invalid option in '%s'\n", arg);
			return 2;
		}
		if (arg[2]) {
			val = arg + 2;
		} else if (i + 1 < argc) {
			val = argv[++i];
		} else {
			fprintf(err, "ping: option requires an argument -- '%c'\n", opt);
			return 2;
		}
		switch (opt) {
		case 'c':
			if (!tool_ping_parse_long(val, 1, INT_MAX, &a->count))
				return tool_ping_bad_arg(err, val);
			break;
		case 's':
			if (!tool_ping_parse_long(val, 0, PING_MAXPACKET, &a->size))
				return tool_ping_bad_arg(err, val);
			break;
		case 'i':
			if (!tool_ping_parse_seconds(val, 0.0, INT_MAX / 1000, &a->interval))
				return tool_ping_bad_arg(err, val);
			break;
		case 'W':
			if (!tool_ping_parse_seconds(val, 0.001, INT_MAX / 1000, &a->linger))
				return tool_ping_bad_arg(err, val);
			break;
		case 'M':
			if (!strcmp(val, "do"))
				a->pmtudisc = IP_PMTUDISC_DO;
			else if (!strcmp(val, "dont"))
				a->pmtudisc = IP_PMTUDISC_DONT;
			else if (!strcmp(val, "want"))
				a->pmtudisc = IP_PMTUDISC_WANT;
			else
				return tool_ping_bad_arg(err, val);
			break;
		}
	}
	if (!a->target) {
		fprintf(err, "ping: usage error: Destination address required\n");
		return 2;
	}
	return 0;
}

/**
 * tool_ping - start a ping run on @net (see the top of the file)
 *
 * Returns 0 once the run is started, 2 for a bad command line or a
 * destination with no route (iputils' "connect: Network is unreachable").
 */
int
tool_ping(struct net *net, int argc, char **argv, FILE *out, FILE *err)
{
	struct ping_args a;
	struct ping_rts *rts;
	struct ping_sock *ps;
	struct flowi4 fl4;
	struct rtable *rt;
	struct in_addr in;
	int ret;

	ret = tool_ping_parse_args(argc, argv, &a, err);
	if (ret)
		return ret;
	in = a.addr;

	/* iputils connects a UDP probe socket to find its source address;
	 * with no route that fails before anything is sent. */
	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = in.s_addr;
	fl4.flowi4_proto = IPPROTO_UDP;
	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt)) {
		fprintf(err, "ping: connect: %s\n", strerror((int)-PTR_ERR(rt)));
		return 2;
	}

	ps = ping_init_sock(net);
	if (!ps) {
		fprintf(err, "ping: socket: %s\n", strerror(ENOMEM));
		return 2;
	}
	/* One program per socket: a previous run is over (or interrupted,
	 * printing its statistics as ^C would) before the next starts. */
	if (ps->sk_user_data) {
		struct ping_rts *old = tool_ping_rts_of(ps);

		if (!old->finished)
			tool_ping_finish(old);
		ps->sk_user_data = NULL;
		tool_ping_rts_free(old);
	}

	rts = calloc(1, sizeof(*rts));
	if (rts)
		rts->outpack = calloc(1, sizeof(struct icmphdr) + a.size);
	if (!rts || !rts->outpack) {
		free(rts);
		fprintf(err, "ping: out of memory\n");
		return 2;
	}
	rts->net = net;
	rts->ps = ps;
	rts->out = out;
	rts->err = err;
	rts->whereto = in.s_addr;
	snprintf(rts->hostname, sizeof(rts->hostname), "%s", a.target);
	rts->npackets = a.count;
	rts->interval = a.interval;
	rts->lingertime = a.linger;
	rts->datalen = (unsigned int)a.size;
	rts->pmtudisc = a.pmtudisc;
	rts->timing = rts->datalen >= PING_TIMEVAL_LEN;
	rts->tmin = LONG_MAX;
	rts->pipesize = -1;
	rts->status = 2;
	/* The fill pattern: byte i of the data is i (the stamp covers 0..15). */
	for (unsigned int i = 0; i < rts->datalen; i++)
		rts->outpack[sizeof(struct icmphdr) + i] = (u8)i;
	sim_event_init(&rts->send_ev, "ping_send", tool_ping_send_timer);
	sim_event_init(&rts->exit_ev, "ping_exit", tool_ping_exit_timer);

	ps->ops = &tool_ping_ops;
	ps->sk_user_data = rts;
	/* A new program has a new socket: the default unless -M
	 * (setsockopt IP_MTU_DISCOVER). */
	ps->pmtudisc = a.pmtudisc >= 0 ? a.pmtudisc : IP_PMTUDISC_WANT;

	fprintf(out, "PING %s (%s) %u(%u) bytes of data.\n", rts->hostname,
		sim_ip_str(rts->whereto).s, rts->datalen,
		rts->datalen + (unsigned int)(sizeof(struct icmphdr) + sizeof(struct iphdr)));
	fflush(out);

	rts->start_time = sim_host_now(net);
	rts->cur_time = rts->start_time;
	sim_event_schedule(net->eng, &rts->send_ev, rts->start_time);
	return 0;
}

/* Is a run on @net still going (requests to send or replies awaited)? */
bool
ping_running(struct net *net)
{
	struct ping_rts *rts = net->ping ? tool_ping_rts_of(net->ping) : NULL;

	return rts && !rts->finished;
}

/**
 * ping_result - the exit status of the last ping run on @net
 *
 * 0: at least one reply; 1: none (or, still running, none so far);
 * 2: no run was started.
 */
int
ping_result(struct net *net)
{
	struct ping_rts *rts = net->ping ? tool_ping_rts_of(net->ping) : NULL;

	if (!rts)
		return 2;
	if (!rts->finished)
		return rts->nreceived ? 0 : 1;
	return rts->status;
}
