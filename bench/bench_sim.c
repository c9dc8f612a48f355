/*
 * bench/bench_sim.c - the simulated-wire benchmarks of `make bench`.
 *
 * No kernel counterpart: a measuring harness.  It builds the classroom
 * world of sim/topology.h exactly as `netstep --headless` does, runs a
 * bulk TCP transfer from the student's host to the server's sink
 * (port 9000) through the router, and prints one JSON object with
 * what it measured.  Wall-clock time is read here, outside the model:
 * the simulation itself stays deterministic.
 *
 *   bench_sim xfer BYTES [--trace FILE] [--history N] [--ring N] [--seconds S]
 *                        [--payload FILE]
 *   bench_sim route N [--lookups K]
 *   bench_sim neigh N [--lookups K]
 *
 * xfer      BYTES of TCP payload student -> server; frames are those
 *           crossing the student's NIC (both ways).  --trace FILE adds
 *           the --trace text writer, --history N a sink that keeps the
 *           last N events the way a UI's scroll-back would (0 = off).
 *           --seconds S sends BYTES again and again on the same
 *           connection until S seconds of wall time have passed, sampling
 *           the resident set size after each (the long-session test).
 *           --payload FILE sends whole copies of FILE (`send 3 @FILE`)
 *           before the pattern of `send 3 N`: reading a file is cheaper
 *           than `send N` building its pattern, which is not the stack.
 * route     N routes in the main table, then K route lookups
 *           (ip_route_output_key) for random destinations among them.
 * neigh     N ARP cache entries, then K neighbour lookups
 *           (__ipv4_neigh_lookup_noref) for random keys among them.
 *
 * Read sim/topology.c and sim/console.c first (what is built and run).
 */
#include "sim/console.h"
#include "sim/app.h"
#include "layers/route.h"
#include "layers/neighbour.h"
#include "layers/ip.h"
#include "nic/igb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <limits.h>
#include <sys/resource.h>
#include <sys/stat.h>

#define SEND_CHUNK	(64u << 20)	/* tools/sockets.c: SIM_SEND_MAX */

static double
now_s(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long
rss_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "VmRSS:", 6))
			kb = strtol(line + 6, NULL, 10);
	fclose(f);
	return kb;
}

static long
maxrss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* ---- the history sink: what a UI keeps to scroll back ------------------ */

struct bench_history {
	struct trace_rec *ev;		/* ring of the last cap events */
	unsigned long cap;
	unsigned long n;		/* events ever stored */
};

/* What the UI keeps per step for the event itself (issue 11: <= 64 bytes). */
_Static_assert(sizeof(struct trace_rec) <= 64, "a history event takes at most 64 bytes");

static void
bench_history_sink(void *arg, const struct trace_event *ev)
{
	struct bench_history *h = arg;

	h->ev[h->n++ % h->cap] = ev->rec;
}

/* ---- xfer -------------------------------------------------------------- */

struct xfer_opts {
	unsigned long long bytes;
	const char *trace;
	unsigned long history;
	int ring;
	double seconds;
	const char *payload;		/* --payload FILE */
	unsigned long long psize;	/* its size */
};

static unsigned long
student_frames(struct sim_world *w)
{
	struct net_device *dev = w->host[SIM_STUDENT]->devs[0];

	return dev->stats.tx_packets + dev->stats.rx_packets;
}

/* @bytes more on the open connection (fd 3); 0 or -1.  Whole copies of
 * @payload (send 3 @FILE) first, then the rest as `send 3 N` (the byte
 * pattern). */
static int
xfer_send(struct sim_console *c, unsigned long long bytes, const char *payload,
	  unsigned long long psize)
{
	char line[PATH_MAX + 64];
	unsigned long long left = bytes;

	while (payload && psize && left >= psize) {
		snprintf(line, sizeof(line), "send 3 @%s", payload);
		if (console_run_line(c, line))
			return -1;
		left -= psize;
	}
	while (left) {
		unsigned long long n = left > SEND_CHUNK ? SEND_CHUNK : left;

		snprintf(line, sizeof(line), "send 3 %llu", n);
		if (console_run_line(c, line))
			return -1;
		left -= n;
	}
	return 0;
}

static int
bench_xfer(const struct xfer_opts *o)
{
	struct sim_world w;
	struct sim_console con;
	struct bench_history hist = { 0 };
	struct trace_text_state *text = NULL;
	FILE *tf = NULL, *devnull = fopen("/dev/null", "w");
	double t0, c0, wall, cpu;
	unsigned long frames0, frames, rounds = 0;
	long samples[64];
	int nsamples = 0, rc = 0;
	struct sim_app *app;

	if (!devnull || sim_world_create(&w, 1)) {
		fprintf(stderr, "bench_sim: cannot build the world\n");
		return 1;
	}
	console_init(&con, &w, devnull, stderr);
	if (o->ring && o->ring != IGB_DEFAULT_TXD) {	/* ethtool refuses a no-op */
		char line[96];

		snprintf(line, sizeof(line), "ethtool -G eth0 rx %d tx %d", o->ring, o->ring);
		if (console_run_line(&con, line))
			return 1;
	}
	if (o->trace) {
		tf = fopen(o->trace, "w");
		if (!tf) {
			perror(o->trace);
			return 1;
		}
		trace_text_header(tf);
		text = trace_text_open(tf);
		trace_add_sink(&w.trace, trace_text_sink, text);
	}
	if (o->history) {
		hist.cap = o->history;
		hist.ev = calloc(hist.cap, sizeof(*hist.ev));
		if (!hist.ev)
			return 1;
		trace_add_sink(&w.trace, bench_history_sink, &hist);
	}
	frames0 = student_frames(&w);
	t0 = now_s(CLOCK_MONOTONIC);
	c0 = now_s(CLOCK_PROCESS_CPUTIME_ID);
	/* One connection; with --seconds it carries BYTES again and again
	 * until the time is up (a long session, sampled after each BYTES). */
	if (console_run_line(&con, "socket tcp") ||
	    console_run_line(&con, "connect 3 10.0.1.2:9000"))
		rc = 1;
	while (!rc) {
		if (xfer_send(&con, o->bytes, o->payload, o->psize)) {
			rc = 1;
			break;
		}
		rounds++;
		if (o->seconds > 0 && nsamples < 64)
			samples[nsamples++] = rss_kb();
		if (o->seconds <= 0 || now_s(CLOCK_MONOTONIC) - t0 >= o->seconds || rounds >= 100000)
			break;
	}
	if (!rc && (console_run_line(&con, "close 3") ||
		    console_run_line(&con, "on server recv 9000")))
		rc = 1;
	if (rc)
		fprintf(stderr, "bench_sim: transfer failed\n");
	wall = now_s(CLOCK_MONOTONIC) - t0;
	cpu = now_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
	frames = student_frames(&w) - frames0;
	app = sim_app_find(w.host[SIM_SERVER], IPPROTO_TCP, SIM_APP_TCP_SINK_PORT);
	if (!rc && (!app || app->bytes != o->bytes * rounds)) {
		fprintf(stderr, "bench_sim: the sink got %llu bytes, want %llu\n",
			app ? (unsigned long long)app->bytes : 0ULL, o->bytes * rounds);
		rc = 1;
	}
	printf("{\"bytes\":%llu,\"rounds\":%lu,\"wall_s\":%.6f,\"cpu_s\":%.6f,\"frames\":%lu,"
	       "\"events\":%lu,\"rss_kb\":%ld,\"maxrss_kb\":%ld,\"rss_samples_kb\":[",
	       o->bytes * rounds, rounds, wall, cpu, frames, hist.n, rss_kb(), maxrss_kb());
	for (int i = 0; i < nsamples; i++)
		printf("%s%ld", i ? "," : "", samples[i]);
	printf("]}\n");
	trace_mute(&w.trace);
	sim_world_destroy(&w);
	trace_text_close(text);
	if (tf)
		fclose(tf);
	free(hist.ev);
	fclose(devnull);
	return rc;
}

/* ---- route and neigh --------------------------------------------------- */

static u32
lcg(u32 *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 8;
}

/* Route i: 11.0.0.0/24 + i, via the student's gateway. */
static __be32
route_key(u32 i)
{
	return htonl((11u << 24) + (i << 8) + 1);
}

static int
bench_route(unsigned long n, unsigned long k)
{
	struct sim_world w;
	struct net *net;
	struct net_device *dev;
	double t0, ins, look;
	u32 seed = 12345;
	unsigned long miss = 0;

	if (sim_world_create(&w, 1))
		return 1;
	net = w.host[SIM_STUDENT];
	dev = net->devs[0];
	t0 = now_s(CLOCK_MONOTONIC);
	for (unsigned long i = 0; i < n; i++) {
		int e = sim_fib_table_insert(net, route_key(i) & htonl(0xffffff00), 24,
					     htonl(0x0a000001), dev, 0, 0);

		if (e) {
			fprintf(stderr, "bench_sim: route %lu: %d\n", i, e);
			return 1;
		}
	}
	ins = now_s(CLOCK_MONOTONIC) - t0;
	t0 = now_s(CLOCK_MONOTONIC);
	for (unsigned long i = 0; i < k; i++) {
		struct flowi4 fl4 = { .daddr = route_key(lcg(&seed) % n),
				      .flowi4_proto = IPPROTO_UDP };
		struct rtable *rt = ip_route_output_key(net, &fl4);

		if (IS_ERR(rt) || rt->rt_gateway != htonl(0x0a000001))
			miss++;
		if (!IS_ERR(rt))
			dst_release(&rt->dst);
	}
	look = now_s(CLOCK_MONOTONIC) - t0;
	printf("{\"routes\":%lu,\"lookups\":%lu,\"misses\":%lu,\"insert_ns\":%.1f,"
	       "\"lookup_ns\":%.1f,\"maxrss_kb\":%ld}\n", n, k, miss, ins * 1e9 / n,
	       look * 1e9 / k, maxrss_kb());
	sim_world_destroy(&w);
	return miss != 0;
}

/* Entry i: 10.0.0.0 + 3 + i, on the student's eth0 (the kernel allows
 * any key; ARP would only resolve the on-link ones). */
static u32
neigh_key(u32 i)
{
	return htonl(0x0a000000u + 3 + i);
}

static int
bench_neigh(unsigned long n, unsigned long k)
{
	struct sim_world w;
	struct net *net;
	struct net_device *dev;
	struct neigh_table *tbl;
	double t0, ins, look;
	u32 seed = 4242;
	unsigned long miss = 0;

	if (sim_world_create(&w, 1))
		return 1;
	net = w.host[SIM_STUDENT];
	dev = net->devs[0];
	tbl = net->arp_tbl;
	/* sysctl net.ipv4.neigh.default.gc_thresh1..3: room for n entries. */
	tbl->gc_thresh1 = tbl->gc_thresh2 = tbl->gc_thresh3 = (int)n + 1024;
	t0 = now_s(CLOCK_MONOTONIC);
	for (unsigned long i = 0; i < n; i++) {
		u32 key = neigh_key(i);

		struct neighbour *nb = __neigh_create(tbl, &key, dev, false);

		if (!nb || IS_ERR(nb)) {
			fprintf(stderr, "bench_sim: neighbour %lu not created\n", i);
			return 1;
		}
	}
	ins = now_s(CLOCK_MONOTONIC) - t0;
	t0 = now_s(CLOCK_MONOTONIC);
	for (unsigned long i = 0; i < k; i++) {
		u32 key = neigh_key(lcg(&seed) % n);

		if (!__ipv4_neigh_lookup_noref(dev, key))
			miss++;
	}
	look = now_s(CLOCK_MONOTONIC) - t0;
	printf("{\"entries\":%lu,\"lookups\":%lu,\"misses\":%lu,\"insert_ns\":%.1f,"
	       "\"lookup_ns\":%.1f,\"maxrss_kb\":%ld}\n", n, k, miss, ins * 1e9 / n,
	       look * 1e9 / k, maxrss_kb());
	sim_world_destroy(&w);
	return miss != 0;
}

static int
usage(void)
{
	fputs("usage: bench_sim xfer BYTES [--trace FILE] [--history N] [--ring N] [--seconds S]\n"
	      "                       [--payload FILE]\n"
	      "       bench_sim route N [--lookups K]\n"
	      "       bench_sim neigh N [--lookups K]\n", stderr);
	return 2;
}

int
main(int argc, char **argv)
{
	struct xfer_opts o = { 0 };
	unsigned long lookups = 1000000;

	if (argc < 3)
		return usage();
	for (int i = 3; i < argc; i++) {
		if (i + 1 >= argc)
			return usage();
		if (!strcmp(argv[i], "--trace"))
			o.trace = argv[++i];
		else if (!strcmp(argv[i], "--history"))
			o.history = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--ring"))
			o.ring = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--seconds"))
			o.seconds = atof(argv[++i]);
		else if (!strcmp(argv[i], "--payload"))
			o.payload = argv[++i];
		else if (!strcmp(argv[i], "--lookups"))
			lookups = strtoul(argv[++i], NULL, 0);
		else
			return usage();
	}
	if (!strcmp(argv[1], "xfer")) {
		o.bytes = strtoull(argv[2], NULL, 0);
		if (o.payload) {
			struct stat st;

			if (stat(o.payload, &st)) {
				perror(o.payload);
				return 1;
			}
			o.psize = (unsigned long long)st.st_size;
		}
		return o.bytes ? bench_xfer(&o) : usage();
	}
	if (!strcmp(argv[1], "route"))
		return bench_route(strtoul(argv[2], NULL, 0), lookups);
	if (!strcmp(argv[1], "neigh"))
		return bench_neigh(strtoul(argv[2], NULL, 0), lookups);
	return usage();
}
