/*
 * tools/ping.c - the ping command, as iputils' ping prints it.
 *
 * No kernel counterpart: this is the user-space program (iputils
 * s20121221, ping/ping.c and ping_common.c, of Linux 3.10's time),
 * written fresh.  As on a 3.10 machine it opens a raw ICMP socket
 * (socket(AF_INET, SOCK_RAW, IPPROTO_ICMP): ping is setuid root, and
 * net.ipv4.ping_group_range "1 0" leaves the ping socket to nobody),
 * sets ICMP_FILTER (echo replies and errors only) and IP_RECVERR, and
 * then does the socket's work itself: it builds each echo request
 * (its identifier, sequence number, a timestamp, a fill pattern and the
 * ICMP checksum) and sends it with sendmsg(); it reads whole IP packets
 * with recvmsg() (the TTL is in their header) and error reports with
 * recvmsg(MSG_ERRQUEUE), and prints iputils' lines and statistics.
 *
 *   ping [-c COUNT] [-s SIZE] [-M do|dont|want] [-i SECONDS] [-W SECONDS] ADDR
 *
 * Differences from the real tool, all because a netstep run must end and
 * be reproducible:
 *  - without -c, 4 requests are sent (the real ping runs until ^C);
 *  - ADDR must be a numeric IPv4 address (there is no resolver);
 *  - times are virtual: the engine's clock, not the wall clock;
 *  - the identifier is 1 (iputils takes getpid() & 0xffff; a netstep
 *    host has one process and no pid);
 *  - no BPF filter on the socket (iputils installs one when it sees
 *    another ping's packets), no SO_TIMESTAMP, no MSG_CONFIRM, no
 *    SO_SNDBUF/SO_RCVBUF sizing.
 *
 * The command is asynchronous, like the real program waiting in poll():
 * tool_ping() checks the arguments, opens and sets up the socket, prints
 * the PING line, schedules the first request as an engine event and
 * returns 0.  The program's receiving side is a task (sim/task.c)
 * sleeping on the socket: a reply or an error wakes it and it reads
 * until nothing is left, as iputils' main loop does after poll().
 * Running the engine sends a request every -i seconds (default 1).  A
 * send that comes back with an ICMP error already queued (our own
 * stack refused it: "fragmentation needed" looped back through lo) is
 * not counted as sent and is tried again 10 ms later, as iputils'
 * pinger does.  The statistics are printed when every request is
 * answered (by a reply or an error), or when the wait after the last
 * request runs out: twice the slowest round trip (at least one
 * interval) if anything came back, else -W seconds (default 10); then
 * the socket is closed.  ping_result() gives the exit status ping would
 * have: 0 if any reply came, 1 if none, 2 for an error.  @out and @err
 * must stay open until the run ends.
 */
#include "tools/tools.h"
#include "layers/ip.h"
#include "layers/neighbour.h"
#include "layers/raw.h"
#include "layers/route.h"
#include "sim/host.h"
#include "sim/task.h"

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
#define PING_MAXIPLEN		60	/* an IP header with options */
#define PING_MAXICMPLEN		76	/* an ICMP error quoting one */
#define PING_MININTERVAL	10	/* ms: retry after an ICMP error at send */
#define PING_IDENT		1	/* netstep: iputils uses getpid() & 0xffff */

/* The program's state (iputils' globals, trimmed). */
struct ping_rts {
	struct net *net;
	int fd;				/* the raw socket */
	struct sim_task *task;		/* the program asleep in poll() */
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
	u8 *packet;			/* what recvmsg reads: IP header and all */
	unsigned int packlen;
	bool working_recverr;		/* an error came on the error queue */
	long oom_count;			/* sends the queue refused in a row */

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
	bool finished;
	int status;			/* exit status once finished */
	struct sim_event send_ev;	/* next request */
	struct sim_event exit_ev;	/* the wait after the last one */
	u8 rcvd_tbl[PING_MAX_DUP_CHK / 8];
};

static void tool_ping_finish(struct ping_rts *rts);

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

/* ---- what comes back (iputils parse_reply, receive_error_msg) --------- */

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

/* An echo reply of ours: @icmp is its ICMP part, @cc bytes (iputils
 * gather_statistics); @csfailed: its checksum is wrong. */
static void
tool_ping_gather_statistics(struct ping_rts *rts, __be32 from, u8 ttl, const u8 *icmp,
			    unsigned int cc, bool csfailed)
{
	const struct icmphdr *icp = (const struct icmphdr *)icmp;
	long triptime = 0;
	bool dup;
	u16 seq;

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
		if (csfailed)
			fprintf(rts->out, " (BAD CHECKSUM)");
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
	case ICMP_REDIRECT:
		if (code <= 3)
			fprintf(out, "%s", (const char *const[]){ "Redirect Network", "Redirect Host",
				"Redirect Type of Service and Network",
				"Redirect Type of Service and Host" }[code]);
		else
			fprintf(out, "Redirect, Bad Code: %u", code);
		fprintf(out, "(New nexthop: %s)\n", sim_ip_str(htonl(info)).s);
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

/* The stronger filter iputils sets once IP_RECVERR is seen to work:
 * the errors come through the error queue, not as packets. */
static void
tool_ping_filter(struct ping_rts *rts, u32 wanted)
{
	struct icmp_filter filt = { .data = ~wanted };
	int rc = sys_setsockopt(rts->net, rts->fd, SOL_RAW, ICMP_FILTER, &filt, sizeof(filt));

	if (rc < 0)
		fprintf(rts->err, "WARNING: setsockopt(ICMP_FILTER): %s\n", strerror(-rc));
}

/*
 * tool_ping_receive_error_msg - read one report of the error queue
 * (iputils receive_error_msg): an ICMP error about one of our requests
 * is printed as "From ADDR icmp_seq=N ...".  Returns 1 for such an
 * error, 0 for none.  NOTE: iputils also prints a local report
 * (SO_EE_ORIGIN_LOCAL, "ping: local error: ..."); netstep's kernel makes
 * none (ip_local_error is not modelled: 3.10 makes them for datagrams
 * over 64 KiB, which ping cannot send).
 */
static int
tool_ping_receive_error_msg(struct ping_rts *rts)
{
	struct sockaddr_in target;
	struct icmphdr icmph;
	struct iovec iov = { .iov_base = &icmph, .iov_len = sizeof(icmph) };
	union {
		struct cmsghdr align;
		u8 buf[512];
	} cbuf;
	struct msghdr msg = {
		.msg_name = &target, .msg_namelen = sizeof(target),
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf.buf, .msg_controllen = sizeof(cbuf.buf),
	};
	const struct sock_extended_err *e = NULL;
	const struct sockaddr_in *offender;
	int res;

	res = sys_recvmsg(rts->net, rts->fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT);
	if (res < 0)
		return 0;
	for (struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg); cmsg; cmsg = CMSG_NXTHDR(&msg, cmsg))
		if (cmsg->cmsg_level == SOL_IP && cmsg->cmsg_type == IP_RECVERR)
			e = (const struct sock_extended_err *)CMSG_DATA(cmsg);
	if (!e)
		return 0;		/* iputils aborts: the kernel always adds it */

	if (e->ee_origin != SO_EE_ORIGIN_ICMP)
		return 0;
	/* Not about our request to our target: not ours to print. */
	if (res < (int)sizeof(icmph) || target.sin_addr.s_addr != rts->whereto ||
	    icmph.type != ICMP_ECHO || icmph.un.echo.id != htons(PING_IDENT))
		return 0;
	tool_ping_acknowledge(rts, ntohs(icmph.un.echo.sequence));
	if (!rts->working_recverr) {
		rts->working_recverr = true;
		tool_ping_filter(rts, (1U << ICMP_SOURCE_QUENCH) | (1U << ICMP_REDIRECT) |
				      (1U << ICMP_ECHOREPLY));
	}
	rts->nerrors++;
	offender = (const struct sockaddr_in *)(e + 1);
	fprintf(rts->out, "From %s icmp_seq=%u ", sim_ip_str(offender->sin_addr.s_addr).s,
		ntohs(icmph.un.echo.sequence));
	tool_ping_pr_icmph(rts->out, e->ee_type, e->ee_code, e->ee_info);
	fflush(rts->out);
	return 1;
}

/*
 * tool_ping_parse_reply - one packet recvmsg returned: @cc bytes, IP
 * header first (iputils parse_reply).  An echo reply of ours is counted
 * and printed.  An ICMP error quoting one of our requests only
 * acknowledges it: its report came through the error queue.  A source
 * quench or a redirect about one is printed, and is no error.
 */
static void
tool_ping_parse_reply(struct ping_rts *rts, __be32 from, int cc)
{
	const struct iphdr *ip = (const struct iphdr *)rts->packet;
	const struct icmphdr *icp, *icp1;
	const struct iphdr *iph;
	int hlen = ip->ihl * 4;
	bool csfailed;

	if (cc < hlen + 8 || ip->ihl < 5)
		return;
	cc -= hlen;
	icp = (const struct icmphdr *)(rts->packet + hlen);
	csfailed = csum_fold(csum_partial(icp, cc, 0)) != 0;
	if (icp->type == ICMP_ECHOREPLY) {
		if (icp->un.echo.id == htons(PING_IDENT))
			tool_ping_gather_statistics(rts, from, ip->ttl, (const u8 *)icp,
						    (unsigned int)cc, csfailed);
		return;
	}
	if (icp->type != ICMP_SOURCE_QUENCH && icp->type != ICMP_REDIRECT &&
	    icp->type != ICMP_DEST_UNREACH && icp->type != ICMP_TIME_EXCEEDED &&
	    icp->type != ICMP_PARAMETERPROB)
		return;
	iph = (const struct iphdr *)(icp + 1);
	if (cc < (int)(8 + sizeof(struct iphdr) + 8) || cc < 8 + iph->ihl * 4 + 8)
		return;
	icp1 = (const struct icmphdr *)((const u8 *)iph + iph->ihl * 4);
	if (icp1->type != ICMP_ECHO || iph->daddr != rts->whereto ||
	    icp1->un.echo.id != htons(PING_IDENT))
		return;
	if (icp->type != ICMP_SOURCE_QUENCH && icp->type != ICMP_REDIRECT) {
		/* NOTE: iputils prints the error here only on a kernel whose
		 * IP_RECVERR does not work (before 2.4.9). */
		tool_ping_acknowledge(rts, ntohs(icp1->un.echo.sequence));
		return;
	}
	fprintf(rts->out, "From %s: icmp_seq=%u ", sim_ip_str(from).s,
		ntohs(icp1->un.echo.sequence));
	if (csfailed)
		fprintf(rts->out, "(BAD CHECKSUM)");
	tool_ping_pr_icmph(rts->out, icp->type, icp->code, ntohl(icp->un.gateway));
	fflush(rts->out);
}

/*
 * tool_ping_receive - the program woke from poll(): read packets until
 * none is left (iputils main_loop's inner loop).  An error recvmsg
 * returns means a report waits on the error queue.  Sleeps on the
 * socket again; ends once the run is over.
 */
static int
tool_ping_receive(struct sim_task *t)
{
	struct ping_rts *rts = t->priv;
	struct sock *sk = t->sk;

	while (!rts->finished) {
		struct sockaddr_in from;
		struct iovec iov = { .iov_base = rts->packet, .iov_len = rts->packlen };
		struct msghdr msg = {
			.msg_name = &from, .msg_namelen = sizeof(from),
			.msg_iov = &iov, .msg_iovlen = 1,
		};
		int cc = sys_recvmsg(rts->net, rts->fd, &msg, MSG_DONTWAIT);

		if (cc == -EAGAIN)
			break;
		if (cc < 0) {
			if (!tool_ping_receive_error_msg(rts)) {
				fprintf(rts->err, "ping: recvmsg: %s\n", strerror(-cc));
				break;
			}
		} else {
			tool_ping_parse_reply(rts, from.sin_addr.s_addr, cc);
		}
		tool_ping_check_exit(rts);
	}
	if (rts->finished || !sk)
		return 0;
	sim_task_sleep_on(t, sk, SIM_WAKE_READ);
	return -EAGAIN;
}

/* The task is gone (the run over, or the host torn down). */
static void
tool_ping_rts_free(struct sim_task *t)
{
	struct ping_rts *rts = t->priv;
	struct host *host = sim_host(rts->net);

	if (host->ping == rts)
		host->ping = NULL;
	sim_event_cancel(rts->net->eng, &rts->send_ev);
	sim_event_cancel(rts->net->eng, &rts->exit_ev);
	free(rts->outpack);
	free(rts->packet);
	free(rts);
}

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
	sim_host(rts->net)->ping_status = rts->status;
	/* iputils exits 1 when no reply came: the console takes a finished
	 * command's failure from the host, as for a blocked call (sim/task.h). */
	if (rts->status && !sim_host(rts->net)->task_status)
		sim_host(rts->net)->task_status = rts->status;
	/* exit(): the program's sleep ends, its socket is closed. */
	if (rts->task->sk)
		sim_task_sock_gone(rts->task->sk);
	sys_close(rts->net, rts->fd);
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

/* iputils ping4_send_probe: build request ntransmitted + 1 and sendmsg it. */
static int
tool_ping_send_probe(struct ping_rts *rts)
{
	struct icmphdr *icp = (struct icmphdr *)rts->outpack;
	unsigned int len = sizeof(*icp) + rts->datalen;
	struct sockaddr_in whereto = {
		.sin_family = AF_INET,
		.sin_addr.s_addr = rts->whereto,
	};
	struct iovec iov = { .iov_base = rts->outpack, .iov_len = len };
	struct msghdr msg = {
		.msg_name = &whereto, .msg_namelen = sizeof(whereto),
		.msg_iov = &iov, .msg_iovlen = 1,
	};
	int rc;

	icp->type = ICMP_ECHO;
	icp->code = 0;
	icp->checksum = 0;
	icp->un.echo.sequence = htons((u16)(rts->ntransmitted + 1));
	icp->un.echo.id = htons(PING_IDENT);
	if (rts->timing)
		tool_ping_put_stamp(rts->outpack + sizeof(*icp), rts->cur_time);
	/* A raw socket sends what it is given: the checksum is ours to do. */
	icp->checksum = csum_fold(csum_partial(icp, (int)len, 0));
	rc = sys_sendmsg(rts->net, rts->fd, &msg, 0);
	return rc == (int)len ? 0 : rc < 0 ? rc : -EIO;
}

/*
 * Send one request (iputils pinger).  Sent: the next one in -i seconds.
 * An ICMP error already waiting (our own stack refused the packet and
 * said so through lo): not counted as sent, the same request again in
 * 10 ms.  A full queue (ENOBUFS): again in half an interval (at most
 * 0.5 s) while the -W time allows.  Any other error: counted as sent,
 * and "ping: sendmsg: ...".
 */
static void
tool_ping_send_timer(struct sim_event *ev)
{
	struct ping_rts *rts = container_of(ev, struct ping_rts, send_ev);
	long next = rts->interval;	/* ms */
	int err;

	if (rts->finished)
		return;
	rts->cur_time = sim_host_now(rts->net);
	err = tool_ping_send_probe(rts);
	if (!err) {
		rts->oom_count = 0;
		rts->ntransmitted++;
		goto schedule;
	}
	if (err == -ENOBUFS || err == -ENOMEM) {
		next = rts->interval / 2 < PING_MININTERVAL ? PING_MININTERVAL : rts->interval / 2;
		if (next > 500)
			next = 500;
		if (++rts->oom_count * next < rts->lingertime)
			goto schedule;
		next = rts->interval;
	} else if (err == -EAGAIN) {
		next = PING_MININTERVAL;
		goto schedule;
	} else if (tool_ping_receive_error_msg(rts)) {
		next = PING_MININTERVAL;
		goto schedule;
	}
	/* Hard local error: iputils pretends it was sent. */
	rts->ntransmitted++;
	fprintf(rts->err, "ping: sendmsg: %s\n", strerror(-err));
	fflush(rts->err);

schedule:
	if (rts->ntransmitted < rts->npackets)
		sim_event_schedule(rts->net->eng, &rts->send_ev,
				   rts->cur_time + tool_ping_ms_to_ns(next));
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

/*
 * tool_ping_socket - iputils' start: the raw socket, the UDP probe that
 * finds the route (and refuses a broadcast without -b), -M, the ICMP
 * filter and IP_RECVERR.  Returns the descriptor, or -1 after printing
 * why ping exits with 2.
 */
static int
tool_ping_socket(struct net *net, const struct ping_args *a, FILE *err)
{
	/* The console's `connect ADDR` means the socket the user made last,
	 * not ping's. */
	int last = net->files ? net->files->last_socket : -1;
	struct icmp_filter filt = {
		.data = ~((1U << ICMP_SOURCE_QUENCH) | (1U << ICMP_DEST_UNREACH) |
			  (1U << ICMP_TIME_EXCEEDED) | (1U << ICMP_PARAMETERPROB) |
			  (1U << ICMP_REDIRECT) | (1U << ICMP_ECHOREPLY)),
	};
	struct flowi4 fl4;
	struct rtable *rt;
	int fd, hold = 1, rc;

	fd = sys_socket(net, AF_INET, SOCK_RAW, IPPROTO_ICMP);
	if (net->files)
		net->files->last_socket = last;

	/* iputils connects a UDP probe socket to find its source address;
	 * with no route that fails before anything is sent, and a broadcast
	 * is refused without SO_BROADCAST. */
	memset(&fl4, 0, sizeof(fl4));
	fl4.daddr = a->addr.s_addr;
	fl4.flowi4_proto = IPPROTO_UDP;
	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt)) {
		fprintf(err, "ping: connect: %s\n", strerror((int)-PTR_ERR(rt)));
		goto fail;
	}
	if (rt->rt_type == RTN_BROADCAST) {
		fprintf(err, "Do you want to ping broadcast? Then -b\n");
		goto fail;
	}
	if (fd < 0) {
		fprintf(err, "ping: icmp open socket: %s\n", strerror(-fd));
		return -1;
	}
	if (a->pmtudisc >= 0) {
		rc = sys_setsockopt(net, fd, SOL_IP, IP_MTU_DISCOVER, &a->pmtudisc,
				    sizeof(a->pmtudisc));
		if (rc < 0) {
			fprintf(err, "ping: IP_MTU_DISCOVER: %s\n", strerror(-rc));
			goto fail;
		}
	}
	rc = sys_setsockopt(net, fd, SOL_RAW, ICMP_FILTER, &filt, sizeof(filt));
	if (rc < 0)
		fprintf(err, "WARNING: setsockopt(ICMP_FILTER): %s\n", strerror(-rc));
	if (sys_setsockopt(net, fd, SOL_IP, IP_RECVERR, &hold, sizeof(hold)) < 0)
		fprintf(err, "WARNING: your kernel is veeery old. No problems.\n");
	return fd;

fail:
	if (fd >= 0)
		sys_close(net, fd);
	return -1;
}

/**
 * tool_ping - start a ping run on @net (see the top of the file)
 *
 * Returns 0 once the run is started, 2 for a bad command line, a
 * destination with no route (iputils' "connect: Network is
 * unreachable") or a broadcast, or a socket that cannot be opened.
 */
int
tool_ping(struct net *net, int argc, char **argv, FILE *out, FILE *err)
{
	struct host *host = sim_host(net);
	struct ping_args a;
	struct ping_rts *rts;
	struct socket *sock;
	int ret, fd;

	ret = tool_ping_parse_args(argc, argv, &a, err);
	if (ret)
		return ret;
	/* One run at a time: a previous one is over (or interrupted,
	 * printing its statistics as ^C would) before the next starts. */
	if (host->ping && !host->ping->finished)
		tool_ping_finish(host->ping);

	fd = tool_ping_socket(net, &a, err);
	if (fd < 0)
		return 2;
	sock = sockfd_lookup(net, fd, &ret);
	rts = calloc(1, sizeof(*rts));
	if (rts) {
		rts->outpack = calloc(1, sizeof(struct icmphdr) + a.size);
		rts->packlen = (unsigned int)a.size + PING_MAXIPLEN + PING_MAXICMPLEN;
		rts->packet = malloc(rts->packlen);
	}
	/* The task owns the program's state from here on. */
	if (rts && rts->outpack && rts->packet)
		rts->task = sim_task_create(net, "ping", tool_ping_receive, rts, tool_ping_rts_free);
	if (!rts || !rts->task) {
		if (rts) {
			free(rts->outpack);
			free(rts->packet);
		}
		free(rts);
		sys_close(net, fd);
		fprintf(err, "ping: out of memory\n");
		return 2;
	}
	rts->net = net;
	rts->fd = fd;
	rts->out = out;
	rts->err = err;
	rts->whereto = a.addr.s_addr;
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
	/* The program waits in poll() for what the socket receives. */
	rts->task->daemon = true;
	rts->task->out = out;
	rts->task->err = err;
	sim_task_sleep_on(rts->task, sock->sk, SIM_WAKE_READ);
	host->ping = rts;

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
	struct ping_rts *rts = sim_host(net)->ping;

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
	struct ping_rts *rts = sim_host(net)->ping;

	if (rts && !rts->finished)
		return rts->nreceived ? 0 : 1;
	return sim_host(net)->ping_status;
}
