/*
 * main.c - the netstep command line.
 *
 *   netstep --headless -e 'ping -c 3 10.0.1.2; ip neigh'
 *   netstep [-e '...'] [--keys KEYS --dump-screen FILE]   (the UI, ui/ui.h)
 *           [--trace FILE] [--trace-json FILE] [--pcap FILE] [--pcapng FILE] [--seed N]
 *           [--wire sim|tap] [--tap NAME] [--addr CIDR] [--gw ADDR]
 *   netstep --packetdrill FILE [--headless] [packetdrill's options] [outputs] [--keys ...]
 *   netstep --version | --help
 *
 * Builds the classroom world (sim/topology.h), attaches the writers
 * that were asked for to the one event stream and to the student's
 * NIC, runs the console script on the student's host until the stack
 * is idle, and checks that no skb is left behind.
 *
 * With --wire tap the world is the student's host alone, its NIC
 * plugged into a TAP device whose other side is the real Linux kernel
 * (sim/tap.h).  Opening the TAP needs CAP_NET_ADMIN.  Started through
 * sudo, netstep works as the invoking user (SUDO_UID/SUDO_GID) in every
 * mode: it becomes that user before it opens any file a user names, and
 * takes root back only for the one open of the TAP (drop_privileges).
 *
 * Exit status: 0 success, 1 runtime failure (or a leak), 2 bad usage or
 * a bad command (nothing run).  man/netstep.1 is the manual page; keep
 * it in step with usage() (tests/install.sh checks every option).
 */
#include "sim/af_packet.h"
#include "sim/console.h"
#include "sim/pcap.h"
#include "sim/pcapng.h"
#include "sim/tap.h"
#include "sim/topology.h"
#include "sim/lesson.h"
#include "sim/packetdrill.h"
#include "ui/ui.h"
#include "nic/igb.h"
#include "config.h"		/* NETSTEP_VERSION: written by make */

#include <getopt.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The kernel netstep's names and call order follow. */
#define NETSTEP_MIRRORS "Linux 3.10"

struct options {
	bool headless;
	const char *script;
	const char *trace;
	const char *trace_json;
	const char *pcap;
	const char *pcapng;
	u32 seed;
	bool tap;			/* --wire tap */
	const char *tap_name;		/* --tap NAME */
	const char *addr;		/* --addr CIDR, as given */
	const char *gw;			/* --gw ADDR, as given */
	struct tap_config tap_cfg;	/* the two, parsed */
	struct ui_config ui;		/* ui: --keys, --dump-screen */
	struct pd_cli_opts pd;		/* packetdrill: --packetdrill FILE and its options */
};

static void
usage(FILE *f)
{
	fputs("usage: netstep --headless -e 'CMD; CMD ...' [--trace FILE] [--trace-json FILE]\n"
	      "               [--pcap FILE] [--pcapng FILE] [--seed N]\n"
	      "               [--wire sim|tap] [--tap NAME] [--addr CIDR] [--gw ADDR]\n"
	      "  -e, --exec SCRIPT   console commands to run on the student's host\n"
	      "                      (ping, ip, route, tc, iptables, ethtool, cat, nstat,\n"
	      "                       netstat, socket, connect, send, sendto, close, ulimit,\n"
	      "                       listen, recv, ss, tcpdump, sleep, sim, on HOST ...: see\n"
	      "                       netstep(1)); a second -e adds to the same script\n"
	      "  --trace FILE        function-graph text trace ('-' for stdout)\n"
	      "  --trace-json FILE   one JSON object per trace event\n"
	      "  --pcap FILE         every frame crossing the student's NIC\n"
	      "  --pcapng FILE       the same, each frame with a comment: skb, queue, ring\n"
	      "                      slot, route, neighbour ('-': stdout, for wireshark -k -i -)\n"
	      "  --wire sim|tap      the simulated network (default) or a TAP device whose\n"
	      "                      far side is the real Linux kernel (needs CAP_NET_ADMIN)\n"
	      "  --tap NAME          TAP device to create or attach to (default " TAP_DEFAULT_NAME ")\n"
	      "  --addr CIDR         the student's address on the TAP wire (default 10.0.0.2/24)\n"
	      "  --gw ADDR           its default gateway (default 10.0.0.1)\n"
	      "  --seed N            seed of the deterministic random numbers (default 1)\n"
	      "  --headless          run without the step-through UI\n"
	      /* ui: ui/ui.h */
	      "  --keys \"s n c ...\"  keys to apply to the UI first (b FUNC, g N, /TEXT, w FILE,\n"
	      "                      : CMD ;, Tab, Right, PgUp, s*20): checked whole first\n"
	      "  --dump-screen FILE  write the UI screen as text after --keys, then exit\n"
	      /* lessons: sim/lesson.h */
	      "  --lesson FILE|N     run a lesson (netstep-lessons(5)); with --headless as text\n"
	      "  --check             with --headless --lesson: verify every expect, quietly\n"
	      "  --list-lessons      the course in order, one line each\n"
	      "  --lessons-dir DIR   the folder of --lesson N and --list-lessons (netstep(1))\n"
	      /* packetdrill: sim/packetdrill.h */
	      "  --packetdrill FILE  run a packetdrill script against the student's host: in\n"
	      "                      the UI (a Script pane; s n f c b step into its lines)\n"
	      "                      or --headless; packetdrill's options: --local_ip=A,\n"
	      "                      --remote_ip=A, --gateway_ip=A, --netmask_ip=M, --mtu=N,\n"
	      "                      --bind_port=N, --connect_port=N, --tolerance_usecs=N,\n"
	      "                      --strict_segments, -v (netstep(1), PACKETDRILL)\n"
	      "  --list-events       every traced function: name, the kernel file it mirrors\n"
	      "                      (netstep's own: sim_*), and \"inline\" if 3.10 inlines it\n"
	      "  -h, --help          this help\n"
	      "  --version           the version, and the Linux version netstep mirrors\n", f);
}

/* The options of parse_options(); sim/lesson.c's lesson_cli() takes
 * --lesson, --lessons-dir, --list-lessons and --check. */
static const struct option longopts[] = {
	{ "headless", no_argument, NULL, 'H' },
	{ "exec", required_argument, NULL, 'e' },
	{ "trace", required_argument, NULL, 't' },
	{ "trace-json", required_argument, NULL, 'j' },
	{ "pcap", required_argument, NULL, 'p' },
	{ "seed", required_argument, NULL, 's' },
	{ "pcapng", required_argument, NULL, 'P' },
	{ "wire", required_argument, NULL, 'w' },
	{ "tap", required_argument, NULL, 'T' },
	{ "addr", required_argument, NULL, 'a' },
	{ "gw", required_argument, NULL, 'g' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "list-events", no_argument, NULL, 'E' },
	{ "keys", required_argument, NULL, 'K' },		/* ui */
	{ "dump-screen", required_argument, NULL, 'D' },	/* ui */
	/* packetdrill: --packetdrill FILE and packetdrill's own options */
	{ "packetdrill", required_argument, NULL, 'F' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "strict_segments", no_argument, NULL, 'o' },
	{ "local_ip", required_argument, NULL, 'o' },
	{ "remote_ip", required_argument, NULL, 'o' },
	{ "gateway_ip", required_argument, NULL, 'o' },
	{ "netmask_ip", required_argument, NULL, 'o' },
	{ "bind_port", required_argument, NULL, 'o' },
	{ "connect_port", required_argument, NULL, 'o' },
	{ "mtu", required_argument, NULL, 'o' },
	{ "tolerance_usecs", required_argument, NULL, 'o' },
	{ NULL, 0, NULL, 0 },
};

/*
 * --help or --version anywhere on the line (and not as the value of
 * another option) wins over everything else, as in most tools: checked
 * before lesson_cli() and parse_options() look at the rest, so
 * `netstep --lesson 4 --version` prints the version.  --list-events
 * comes next.  'h', 'V', 'E' or 0.
 */
static int
help_or_version(int argc, char **argv)
{
	int found = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--"))
			break;
		if (!strcmp(a, "--help") || !strcmp(a, "-h"))
			return 'h';
		if (!strcmp(a, "--version"))
			return 'V';
		if (!strcmp(a, "--list-events"))
			found = 'E';
		if (!strcmp(a, "-e") || !strcmp(a, "--lesson") || !strcmp(a, "--lessons-dir") ||
		    !strcmp(a, "--packetdrill")) {
			i++;
			continue;
		}
		for (const struct option *o = longopts; a[0] == '-' && a[1] == '-' && o->name; o++) {
			if (o->has_arg == required_argument && !strcmp(a + 2, o->name)) {
				i++;
				break;
			}
		}
	}
	return found;
}

static void
print_version(void)
{
	printf("netstep %s (mirrors " NETSTEP_MIRRORS ")\n", NETSTEP_VERSION);
}

static int
cmp_event_name(const void *a, const void *b)
{
	const struct trace_event_desc *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

/*
 * --list-events: the trace vocabulary, one traced function a line,
 * sorted: "NAME<TAB>KERNEL FILE", plus "<TAB>inline" when 3.10 declares
 * it static inline.  Notes (events inside a function) are left out.
 * What `break`, `step until` and `expect trace` accept, and what a
 * lesson may name without a kernel source (tests/lessons-facts.sh).
 */
static void
print_events(void)
{
	const struct trace_event_desc **ev = calloc(trace_events_count, sizeof(*ev));
	unsigned int n = 0;

	if (!ev)
		return;
	for (unsigned int i = 0; i < trace_events_count; i++)
		if (!trace_events_all[i]->is_note)
			ev[n++] = trace_events_all[i];
	qsort(ev, n, sizeof(*ev), cmp_event_name);
	for (unsigned int i = 0; i < n; i++)
		printf("%s\t%s%s\n", ev[i]->name, ev[i]->ksrc, ev[i]->is_inline ? "\tinline" : "");
	free(ev);
}

/* --tap, --addr and --gw: only with --wire tap, and well formed. */
static int
parse_tap_options(struct options *o)
{
	const char *only_tap = o->tap_name ? "--tap" : o->addr ? "--addr" : o->gw ? "--gw" : NULL;

	if (!o->tap) {
		if (only_tap) {
			fprintf(stderr, "netstep: %s needs --wire tap\n", only_tap);
			return 2;
		}
		return 0;
	}
	if (!o->tap_name)
		o->tap_name = TAP_DEFAULT_NAME;
	if (!*o->tap_name || strlen(o->tap_name) > 15) {
		fprintf(stderr, "netstep: invalid --tap '%s' (1 to 15 characters)\n", o->tap_name);
		return 2;
	}
	if (tap_parse_cidr(o->addr ? o->addr : "10.0.0.2/24", &o->tap_cfg.addr,
			   &o->tap_cfg.prefixlen)) {
		fprintf(stderr, "netstep: invalid --addr '%s' (like 10.0.0.2/24)\n", o->addr);
		return 2;
	}
	if (tap_parse_addr(o->gw ? o->gw : "10.0.0.1", &o->tap_cfg.gw)) {
		fprintf(stderr, "netstep: invalid --gw '%s' (like 10.0.0.1)\n", o->gw);
		return 2;
	}
	return 0;
}

/*
 * -e given again appends, as sed's -e does: the scripts run in order, as
 * one script (checked whole before anything runs).  The joined text
 * lives until exit.
 */
static char *joined_script;

static void
free_joined_script(void)
{
	free(joined_script);
}

static int
add_script(struct options *o, const char *script)
{
	size_t n;
	char *j;

	if (!o->script) {
		o->script = script;
		return 0;
	}
	n = strlen(o->script) + 1 + strlen(script) + 1;
	j = malloc(n);
	if (!j) {
		fprintf(stderr, "netstep: out of memory for -e\n");
		return 1;
	}
	snprintf(j, n, "%s\n%s", o->script, script);
	if (!joined_script)
		atexit(free_joined_script);
	free(joined_script);
	joined_script = j;
	o->script = j;
	return 0;
}

/*
 * --packetdrill FILE: in the UI, or with --headless, on a world of its
 * own, so -e and the wire's options are not for it; packetdrill's own
 * options only go with it.  0 or 2.
 */
static int
parse_packetdrill_options(const struct options *o)
{
	const char *other = o->script ? "-e" : o->tap ? "--wire tap" : o->tap_name ? "--tap" :
			    o->addr ? "--addr" : o->gw ? "--gw" : NULL;

	if (!o->pd.path) {
		fprintf(stderr, "netstep: --%s goes with --packetdrill FILE\n", o->pd.names[0]);
		return 2;
	}
	if (other) {
		fprintf(stderr, "netstep: %s does not go with --packetdrill\n", other);
		return 2;
	}
	if (o->headless && (o->ui.keys || o->ui.dump)) {
		fprintf(stderr, "netstep: %s is for the UI (drop --headless)\n",
			o->ui.keys ? "--keys" : "--dump-screen");
		return 2;
	}
	return 0;
}

/* 0 to go on, -1 to exit 0 (help), 2 on bad usage (1: out of memory). */
static int
parse_options(int argc, char **argv, struct options *o)
{
	int ch, ix;

	opterr = 0;
	memset(o, 0, sizeof(*o));
	o->seed = 1;
	while ((ch = getopt_long(argc, argv, ":e:hv", longopts, &ix)) != -1) {
		switch (ch) {
		case 'F': o->pd.path = optarg; break;
		case 'v':
		case 'o':
			if (pd_cli_option(&o->pd, ch == 'v' ? "verbose" : longopts[ix].name,
					  ch == 'v' || !optarg ? "" : optarg))
				return 2;
			break;
		case 'H': o->headless = true; break;
		case 'e':
			if (add_script(o, optarg))
				return 1;
			break;
		case 't': o->trace = optarg; break;
		case 'j': o->trace_json = optarg; break;
		case 'p': o->pcap = optarg; break;
		case 'P': o->pcapng = optarg; break;
		case 'T': o->tap_name = optarg; break;
		case 'a': o->addr = optarg; break;
		case 'g': o->gw = optarg; break;
		case 'K': o->ui.keys = optarg; break;
		case 'D': o->ui.dump = optarg; break;
		case 'w':
			if (strcmp(optarg, "sim") && strcmp(optarg, "tap")) {
				fprintf(stderr, "netstep: invalid --wire '%s' (sim or tap)\n", optarg);
				return 2;
			}
			o->tap = !strcmp(optarg, "tap");
			break;
		case 's':
			if (sim_parse_seed(optarg, &o->seed)) {
				fprintf(stderr, "netstep: invalid --seed '%s'\n", optarg);
				return 2;
			}
			break;
		case 'h': usage(stdout); return -1;
		case 'V': print_version(); return -1;
		case 'E': print_events(); return -1;
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
	if (o->pd.path || o->pd.n)
		return parse_packetdrill_options(o);
	if (!o->headless)		/* the step-through UI (ui/ui.h) */
		return parse_tap_options(o);
	if (o->ui.keys || o->ui.dump) {
		fprintf(stderr, "netstep: %s is for the UI (drop --headless)\n",
			o->ui.keys ? "--keys" : "--dump-screen");
		return 2;
	}
	if (!o->script) {
		fprintf(stderr, "netstep: --headless needs -e 'COMMANDS'\n");
		return 2;
	}
	return parse_tap_options(o);
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
	struct sim_pcapng *pcapng;
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
		/* the TAP wire's frames carry the real date (sim/pcap.h) */
		sim_pcap_set_time_offset(out->pcap, sim_capture_time_offset(&w->eng));
		sim_pcap_attach(out->pcap, sim_igb_port(w->host[SIM_STUDENT]->devs[0]));
	}
	if (o->pcapng) {
		char err[256];

		out->pcapng = sim_pcapng_open(o->pcapng, err, sizeof(err));
		if (!out->pcapng) {
			fprintf(stderr, "netstep: cannot write %s: %s\n", o->pcapng, err);
			return 1;
		}
		sim_pcapng_set_time_offset(out->pcapng, sim_capture_time_offset(&w->eng));
		sim_pcapng_attach(out->pcapng, &w->trace, w->host[SIM_STUDENT],
				  sim_igb_port(w->host[SIM_STUDENT]->devs[0]));
	}
	return 0;
}

/* One line naming @path when its writer failed with @err (an errno): 1. */
static int
output_failed(const char *path, int err)
{
	if (!err)
		return 0;
	fprintf(stderr, "netstep: cannot write %s: %s\n",
		strcmp(path, "-") ? path : "to standard output", strerror(err));
	return 1;
}

/* Every writer checks its writes and its close: 0, or 1 after a line each. */
static int
close_outputs(const struct options *o, struct outputs *out)
{
	int text = trace_text_close(out->text);
	int file = trace_file_close(out->trace);
	int rc = output_failed(o->trace, text ? text : file);

	rc |= output_failed(o->trace_json, trace_file_close(out->json));
	rc |= output_failed(o->pcap, sim_pcap_close(out->pcap));
	rc |= output_failed(o->pcapng, -sim_pcapng_close(out->pcapng));
	return rc;
}

/*
 * capset(2)'s arguments, from <linux/capability.h> (which cannot be
 * included beside kernel/types.h: both define __le64).  Kernel ABI.
 */
#define SIM_CAP_VERSION_3	0x20080522
struct sim_cap_header {
	u32 version;
	int pid;
};
struct sim_cap_data {
	u32 effective;
	u32 permitted;
	u32 inheritable;
};

/*
 * Privileges.  Started through sudo (real uid 0, SUDO_UID and SUDO_GID
 * set), netstep works as the user who typed the command: every file a
 * user names (-e's @FILE, --lesson, --lessons-dir, every output) is
 * opened with that user's rights, never root's.  Only opening the TAP
 * needs root (CAP_NET_ADMIN).  So:
 *  - a command line that cannot be --wire tap (no argument starting
 *    with "--w") becomes the user for good before anything else;
 *  - one that may be: only the effective ids become the user's
 *    (suspend_privileges), so the lesson and option code that runs
 *    next opens files as the user; create_world takes root back for
 *    the one open of the TAP, then drops it for good (drop_privileges).
 * Plain root (no SUDO_UID) stays root; a setcap'ed binary run by a user
 * drops its capabilities the same way.  0, or 1 with a message.
 */
static int
sudo_ids(uid_t *uid, gid_t *gid)
{
	const char *su = getenv("SUDO_UID"), *sg = getenv("SUDO_GID");
	char *e1, *e2;
	unsigned long u, g;

	if (getuid() != 0 || !su || !sg)
		return 0;
	u = strtoul(su, &e1, 10);
	g = strtoul(sg, &e2, 10);
	if (*e1 || *e2 || !*su || !*sg || u > 0xfffffffeUL || g > 0xfffffffeUL) {
		fprintf(stderr, "netstep: invalid SUDO_UID/SUDO_GID '%s'/'%s'\n", su, sg);
		return -1;
	}
	*uid = (uid_t)u;
	*gid = (gid_t)g;
	return 1;
}

static int
drop_privileges(void)
{
	struct sim_cap_header hdr = { .version = SIM_CAP_VERSION_3 };
	struct sim_cap_data none[2];
	uid_t uid;
	gid_t gid;
	int s = sudo_ids(&uid, &gid);

	if (s < 0)
		return 1;
	if (s) {
		/* From suspend_privileges: root again first, to change all ids. */
		if ((geteuid() != 0 && seteuid(0)) || setgroups(0, NULL) || setgid(gid) ||
		    setuid(uid)) {
			fprintf(stderr, "netstep: cannot drop to uid %lu gid %lu: %s\n",
				(unsigned long)uid, (unsigned long)gid, strerror(errno));
			return 1;
		}
		if (uid != 0 && setuid(0) == 0) {
			fprintf(stderr, "netstep: BUG: root could be regained after dropping it\n");
			return 1;
		}
	}
	if (geteuid() != 0) {
		memset(none, 0, sizeof(none));
		(void)syscall(SYS_capset, &hdr, none);	/* dropping never fails */
	}
	return 0;
}

/* The effective ids become the user's; the saved uid stays 0. */
static int
suspend_privileges(void)
{
	uid_t uid;
	gid_t gid;
	int s = sudo_ids(&uid, &gid);

	if (s <= 0)
		return -s;
	if (setgroups(0, NULL) || setegid(gid) || seteuid(uid)) {
		fprintf(stderr, "netstep: cannot act as uid %lu gid %lu: %s\n",
			(unsigned long)uid, (unsigned long)gid, strerror(errno));
		return 1;
	}
	return 0;
}

/* Root again, for tap_open (after suspend_privileges; else a no-op). */
static void
resume_privileges(void)
{
	if (getuid() == 0 && geteuid() != 0 && seteuid(0))
		fprintf(stderr, "netstep: cannot take root back: %s\n", strerror(errno));
}

/* May this command line mean --wire tap (as --wire, --wire=, --wi ...)? */
static bool
may_want_tap(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strncmp(argv[i], "--w", 3))
			return true;
	return false;
}

/* The world of --wire: the simulated classroom, or the student's host on a TAP. */
static int
create_world(const struct options *o, struct sim_world *w, struct sim_tapdev **tapp)
{
	char err[256];
	bool perm;
	int e;

	*tapp = NULL;
	if (!o->tap) {
		if (drop_privileges())
			return 1;
		if (sim_world_create(w, o->seed)) {
			fprintf(stderr, "netstep: cannot build the simulated network\n");
			return 1;
		}
		return 0;
	}
	resume_privileges();
	*tapp = tap_open(o->tap_name, err, sizeof(err), &perm);
	if (!*tapp) {
		if (perm) {
			fprintf(stderr, "netstep: %s (opening a TAP device needs CAP_NET_ADMIN): "
				TAP_EPERM_HINT "\n", err);
			return 2;
		}
		fprintf(stderr, "netstep: %s\n", err);
		return 1;
	}
	if (drop_privileges()) {
		tap_close(*tapp);
		*tapp = NULL;
		return 1;
	}
	e = tap_world_create(w, o->seed, *tapp, &o->tap_cfg);
	if (e) {
		fprintf(stderr, "netstep: cannot build the TAP world: %s\n", strerror(-e));
		tap_close(*tapp);
		*tapp = NULL;
		return 1;
	}
	return 0;
}

/*
 * --packetdrill FILE: load and check the script, build its world, attach
 * the writers asked for, run it to its end (headless, or in the UI:
 * ui/ui.h), and check that no skb is left (sim/packetdrill.h).  The exit
 * status.
 */
static int
run_packetdrill(struct options *o)
{
	struct pd_script *s;
	struct pd_run *r;
	struct outputs out;
	unsigned long leaked;
	int rc;

	rc = pd_cli_setup(&o->pd, o->seed, stdout, &s, &r);
	if (rc)
		return rc;
	rc = open_outputs(o, pd_run_world(r), &out);
	o->ui.seed = o->seed;
	if (!rc && o->headless)
		rc = pd_cli_run(r);
	else if (!rc)
		rc = ui_packetdrill(r, s, &o->ui);
	fflush(stdout);
	trace_mute(&pd_run_world(r)->trace);
	if (close_outputs(o, &out) && !rc)
		rc = 1;
	leaked = pd_run_leaked(r);
	if (leaked) {
		fprintf(stderr, "netstep: BUG: %lu skb(s) leaked\n", leaked);
		rc = rc ? rc : 1;
	}
	pd_run_destroy(r);
	pd_free(s);
	return rc;
}

int
main(int argc, char **argv)
{
	struct options o;
	struct sim_world w;
	struct sim_console con;
	struct outputs out;
	struct sim_tapdev *tap;
	unsigned long leaked;
	int rc;

	switch (help_or_version(argc, argv)) {
	case 'h': usage(stdout); return 0;
	case 'V': print_version(); return 0;
	case 'E': print_events(); return 0;
	}
	/* Before any file a user names is opened (see drop_privileges). */
	rc = may_want_tap(argc, argv) ? suspend_privileges() : drop_privileges();
	if (rc)
		return rc;
	rc = lesson_cli(argc, argv, ui_lesson);	/* --lesson, --list-lessons */
	if (rc >= 0)
		return rc;
	rc = parse_options(argc, argv, &o);

	if (rc)
		return rc < 0 ? 0 : rc;
	if (o.pd.path)
		return run_packetdrill(&o);
	rc = create_world(&o, &w, &tap);
	if (rc)
		return rc;
	if (o.pcapng && !strcmp(o.pcapng, "-"))
		signal(SIGPIPE, SIG_IGN);	/* a closed Wireshark is a write error */
	rc = open_outputs(&o, &w, &out);
	/* With the capture on stdout, what the tools print goes to stderr. */
	console_init(&con, &w, o.pcapng && !strcmp(o.pcapng, "-") ? stderr : stdout, stderr);
	o.ui.seed = o.seed;
	o.ui.tap = o.tap;
	if (!rc && !o.headless)
		rc = ui_run(&w, &con, o.script, &o.ui);
	else if (!rc)
		rc = console_run_script(&con, o.script);
	if (tap && o.headless)
		tap_drain(&w, tap, TAP_DRAIN_NS, stderr);	/* say what is abandoned */
	/* Captures still running end with the run: a -w file that could not
	 * be written is a failure of the run. */
	for (int i = 0; i < SIM_NHOSTS; i++)
		if (w.host[i] && sim_packet_exit(w.host[i]) && !rc)
			rc = 1;
	fflush(stdout);
	/* Teardown is traced too; stop listening before the writers close. */
	trace_mute(&w.trace);
	if (tap)
		tap_world_destroy(&w, tap);
	else
		sim_world_destroy(&w);
	if (close_outputs(&o, &out) && !rc)
		rc = 1;
	leaked = sim_skb_ledger_live(&w.ledger, stderr);
	if (leaked) {
		fprintf(stderr, "netstep: BUG: %lu skb(s) leaked\n", leaked);
		rc = rc ? rc : 1;
	}
	return rc;
}
