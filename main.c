/*
 * main.c - the netstep command line.
 *
 *   netstep --headless -e 'ping -c 3 10.0.1.2; ip neigh'
 *           [--trace FILE] [--trace-json FILE] [--pcap FILE] [--seed N]
 *
 * Builds the classroom world (sim/topology.h), attaches the writers
 * that were asked for to the one event stream and to the student's
 * NIC, runs the console script on the student's host until the stack
 * is idle, and checks that no skb is left behind.
 *
 * Exit status: 0 success, 1 runtime failure (or a leak), 2 bad usage or
 * a bad command (nothing run).
 */
#include "sim/console.h"
#include "sim/pcap.h"
#include "sim/topology.h"
#include "nic/igb.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NETSTEP_VERSION "0.1"

struct options {
	bool headless;
	const char *script;
	const char *trace;
	const char *trace_json;
	const char *pcap;
	u32 seed;
};

static void
usage(FILE *f)
{
	fputs("usage: netstep --headless -e 'CMD; CMD ...' [--trace FILE] [--trace-json FILE]\n"
	      "               [--pcap FILE] [--seed N]\n"
	      "  -e, --exec SCRIPT   console commands to run on the student's host\n"
	      "                      (ping, ip, route, tc, iptables, ethtool, cat, nstat,\n"
	      "                       sleep, sim link, on HOST ...)\n"
	      "  --trace FILE        function-graph text trace ('-' for stdout)\n"
	      "  --trace-json FILE   one JSON object per trace event\n"
	      "  --pcap FILE         every frame crossing the student's NIC\n"
	      "  --seed N            seed of the deterministic random numbers (default 1)\n"
	      "  --headless          run without the step-through UI\n", f);
}

/* 0 to go on, -1 to exit 0 (help), 2 on bad usage. */
static int
parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "headless", no_argument, NULL, 'H' },
		{ "exec", required_argument, NULL, 'e' },
		{ "trace", required_argument, NULL, 't' },
		{ "trace-json", required_argument, NULL, 'j' },
		{ "pcap", required_argument, NULL, 'p' },
		{ "seed", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	opterr = 0;
	memset(o, 0, sizeof(*o));
	o->seed = 1;
	while ((ch = getopt_long(argc, argv, ":e:h", longopts, NULL)) != -1) {
		char *end;

		switch (ch) {
		case 'H': o->headless = true; break;
		case 'e': o->script = optarg; break;
		case 't': o->trace = optarg; break;
		case 'j': o->trace_json = optarg; break;
		case 'p': o->pcap = optarg; break;
		case 's':
			o->seed = strtoul(optarg, &end, 0);
			if (*end || !*optarg) {
				fprintf(stderr, "netstep: invalid --seed '%s'\n", optarg);
				return 2;
			}
			break;
		case 'h': usage(stdout); return -1;
		case 'V': printf("netstep %s\n", NETSTEP_VERSION); return -1;
		case ':':
			fprintf(stderr, "netstep: option '%s' needs an argument\n", argv[optind - 1]);
			return 2;
		default:
			fprintf(stderr, "netstep: unknown option '%s' (see --help)\n", argv[optind - 1]);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "netstep: unexpected argument '%s' (see --help)\n", argv[optind]);
		return 2;
	}
	if (!o->headless) {
		fprintf(stderr, "netstep: the step-through UI is not built yet; use --headless -e '...'\n");
		return 2;
	}
	if (!o->script) {
		fprintf(stderr, "netstep: --headless needs -e 'COMMANDS'\n");
		return 2;
	}
	return 0;
}

static FILE *
open_out(const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "w") : stdout;

	if (!f)
		fprintf(stderr, "netstep: cannot write %s: %s\n", path, strerror(errno));
	return f;
}

struct outputs {
	FILE *trace;
	struct trace_text_state *text;
	FILE *json;
	struct sim_pcap *pcap;
};

static int
open_outputs(const struct options *o, struct sim_world *w, struct outputs *out)
{
	memset(out, 0, sizeof(*out));
	if (o->trace) {
		out->trace = open_out(o->trace);
		if (!out->trace)
			return 1;
		trace_text_header(out->trace);
		out->text = trace_text_open(out->trace);
		trace_add_sink(&w->trace, trace_text_sink, out->text);
	}
	if (o->trace_json) {
		out->json = open_out(o->trace_json);
		if (!out->json)
			return 1;
		trace_add_sink(&w->trace, trace_json_sink, out->json);
	}
	if (o->pcap) {
		char err[256];

		out->pcap = sim_pcap_open(o->pcap, err, sizeof(err));
		if (!out->pcap) {
			fprintf(stderr, "netstep: cannot write %s: %s\n", o->pcap, err);
			return 1;
		}
		sim_pcap_attach(out->pcap, igb_port(w->host[SIM_STUDENT]->devs[0]));
	}
	return 0;
}

static int
close_outputs(struct outputs *out)
{
	int rc = 0;

	trace_text_close(out->text);
	if (out->trace && out->trace != stdout && fclose(out->trace))
		rc = 1;
	if (out->json && out->json != stdout && fclose(out->json))
		rc = 1;
	sim_pcap_close(out->pcap);
	return rc;
}

int
main(int argc, char **argv)
{
	struct options o;
	struct sim_world w;
	struct sim_console con;
	struct outputs out;
	unsigned long leaked;
	int rc = parse_options(argc, argv, &o);

	if (rc)
		return rc < 0 ? 0 : rc;
	if (sim_world_create(&w, o.seed)) {
		fprintf(stderr, "netstep: cannot build the simulated network\n");
		return 1;
	}
	rc = open_outputs(&o, &w, &out);
	console_init(&con, &w, stdout, stderr);
	if (!rc)
		rc = console_run_script(&con, o.script);
	fflush(stdout);
	/* Teardown is traced too; stop listening before the writers close. */
	w.trace.nsinks = 0;
	sim_world_destroy(&w);
	if (close_outputs(&out) && !rc) {
		fprintf(stderr, "netstep: error writing an output file\n");
		rc = 1;
	}
	leaked = skb_ledger_live(&w.ledger, stderr);
	if (leaked) {
		fprintf(stderr, "netstep: BUG: %lu skb(s) leaked\n", leaked);
		rc = rc ? rc : 1;
	}
	return rc;
}
