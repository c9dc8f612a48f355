/*
 * sim/console.c - split, check and run console commands.  See
 * sim/console.h.
 */
#include "sim/console.h"
#include "sim/task.h"
#include "sim/tap.h"
#include "tools/tools.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Tools that only ever print. */
static bool
console_always(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return true;
}

/*
 * The one command table: -e scripts, the UI's `:` prompt and lessons all
 * dispatch through it.  Tools do their own call and return; `sleep`
 * and `sim` are the console's own (a caller that watches breakpoints,
 * as lessons do, runs `sleep` itself).  The fourth column says which
 * forms only look (console_read_only): the tools say so, next to the
 * parsers that read their lines (tools/tools.h).
 */
static const struct console_cmd console_cmds[] = {
	{ "ping", CMD_TOOL, tool_ping, NULL, "ping [-c N] [-s SIZE] [-M do|dont|want] [-i SEC] [-W SEC] ADDR" },
	{ "ip", CMD_TOOL, tool_ip, tool_ip_read_only, "ip route|neigh|link|addr ..." },
	{ "route", CMD_TOOL, tool_route, console_always, "route -n" },
	{ "tc", CMD_TOOL, tool_tc, tool_tc_read_only, "tc [-s] qdisc [show|replace ...] [dev DEV]" },
	{ "iptables", CMD_TOOL, tool_iptables, tool_iptables_read_only, "iptables -A|-I|-D|-F|-P|-L|-Z ..." },
	{ "ethtool", CMD_TOOL, tool_ethtool, tool_ethtool_read_only,
	  "ethtool [-S|-g|-c|-i|-k] DEV, -G DEV tx N, -C DEV rx-usecs N, -K DEV FEATURE on|off" },
	{ "cat", CMD_TOOL, tool_cat, console_always, "cat /proc/softirqs|/proc/interrupts|/proc/slabinfo" },
	{ "nstat", CMD_TOOL, tool_nstat, console_always, "nstat [-az]" },
	{ "netstat", CMD_TOOL, tool_netstat, console_always, "netstat -s" },
	{ "socket", CMD_TOOL, tool_socket, NULL, "socket tcp|udp" },
	{ "connect", CMD_TOOL, tool_connect, NULL, "connect [FD] ADDR:PORT" },
	{ "send", CMD_TOOL, tool_send, NULL, "send FD N|\"text\"|@FILE" },
	{ "sendto", CMD_TOOL, tool_sendto, NULL, "sendto FD ADDR:PORT N|\"text\"|@FILE" },
	{ "close", CMD_TOOL, tool_close, NULL, "close FD" },
	{ "ulimit", CMD_TOOL, tool_ulimit, console_always, "ulimit -n" },
	{ "listen", CMD_TOOL, tool_listen, NULL, "listen PORT [rcvbuf BYTES]" },
	{ "recv", CMD_TOOL, tool_recv, NULL, "recv PORT" },
	{ "ss", CMD_TOOL, tool_ss, console_always, "ss [-t] [-u] [-a] [-l] [-i] [-n]" },
	{ "tcpdump", CMD_TOOL, tool_tcpdump, NULL, "tcpdump [-i DEV] [-n] [-c N] [-w FILE]" },
	{ "sysctl", CMD_TOOL, tool_sysctl, tool_sysctl_read_only,
	  "sysctl [-w] [-q] [-n] NAME[=VALUE] ..., sysctl -a" },
	{ "sleep", CMD_SLEEP, NULL, NULL, "sleep DURATION" },
	{ "sim", CMD_SIM, NULL, NULL, "sim link lan|wan mtu N|loss PCT|delay DURATION" },
};

/* See sim/console.h. */
bool
console_read_only(const struct console_call *call)
{
	return call->cmd->read_only && call->cmd->read_only(call->argc, call->argv);
}

const struct console_cmd *
console_find(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(console_cmds); i++)
		if (!strcmp(name, console_cmds[i].name))
			return &console_cmds[i];
	return NULL;
}

void
console_help(FILE *out)
{
	for (size_t i = 0; i < ARRAY_SIZE(console_cmds); i++)
		fprintf(out, "  %s\n", console_cmds[i].synopsis);
	fputs("  on student|router|server COMMAND\n", out);
}

void console_init(struct sim_console *c, struct sim_world *w, FILE *out, FILE *err)
{
	c->w = w;
	c->net = w->host[SIM_STUDENT];
	c->out = out;
	c->err = err;
	c->dry = false;
	c->replay = false;
}

/* See sim/console.h. */
int console_split(const char *line, char *buf, char **argv, int max, FILE *err)
{
	int argc = 0;
	char *o = buf;
	const char *p = line;

	for (;;) {
		char quote = 0;

		while (isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		if (argc == max) {
			if (err)
				fprintf(err, "netstep: too many words in command (max %d)\n",
					max);
			return -1;
		}
		argv[argc++] = o;
		while (*p && (quote || !isspace((unsigned char)*p))) {
			if (!quote && (*p == '\'' || *p == '"'))
				quote = *p;
			else if (quote && *p == quote)
				quote = 0;
			else
				*o++ = *p;
			p++;
		}
		if (quote) {
			if (err)
				fprintf(err, "netstep: unterminated quote in: %s\n", line);
			return -1;
		}
		*o++ = '\0';
	}
	argv[argc] = NULL;
	return argc;
}

int console_parse_duration(const char *s, ktime_t *ns)
{
	char *end;
	double v = strtod(s, &end);
	double scale = NSEC_PER_SEC;

	/* NOTE: !(v >= 0) also refuses NaN, which every comparison fails. */
	if (end == s || !(v >= 0) || v > 86400.0 * 365)
		return -EINVAL;
	if (!strcmp(end, "ms"))
		scale = NSEC_PER_MSEC;
	else if (!strcmp(end, "us"))
		scale = NSEC_PER_USEC;
	else if (!strcmp(end, "ns"))
		scale = 1;
	else if (*end && strcmp(end, "s"))
		return -EINVAL;
	*ns = (ktime_t)(v * scale);
	return 0;
}

static int console_sleep(struct sim_console *c, int argc, char **argv)
{
	ktime_t d;

	if (argc != 2 || console_parse_duration(argv[1], &d)) {
		fprintf(c->err, "sleep: invalid time interval '%s'\n", argc > 1 ? argv[1] : "");
		return 2;
	}
	if (c->dry)
		return 0;
	if (sim_run(&c->w->eng, c->w->eng.now + d, CONSOLE_MAX_EVENTS)) {
		fprintf(c->err, "netstep: the stack did not settle within %llu events\n",
			CONSOLE_MAX_EVENTS);
		return 1;
	}
	return 0;
}

/* The settings of a simulated link that `sim` can change. */
enum sim_setting { SIM_SET_MTU, SIM_SET_LOSS, SIM_SET_DELAY, SIM_SET_NONE };

static enum sim_setting
console_sim_setting(const char *word)
{
	static const char *const names[] = { "mtu", "loss", "delay" };

	for (int i = 0; i < (int)ARRAY_SIZE(names); i++)
		if (!strcmp(word, names[i]))
			return i;
	return SIM_SET_NONE;
}

/* -1 if @word names no link of this world (the TAP world has no wan). */
static int
console_sim_link(struct sim_console *c, const char *word)
{
	for (int i = 0; i < SIM_NLINKS; i++)
		if (!strcmp(word, sim_link_names[i]))
			return c->w->link[i] ? i : -1;
	return -1;
}

/*
 * Parse VALUE of @what: an MTU (68..9000), a loss percentage (0..100,
 * "%" allowed) or a delay (up to 10 s; a bare number is milliseconds,
 * as in "sim delay 200").  0, or 2 after a one-line error.
 */
static int
console_sim_value(struct sim_console *c, enum sim_setting what, const char *arg, u64 *val)
{
	char *end;

	switch (what) {
	case SIM_SET_MTU: {
		long mtu = strtol(arg, &end, 10);

		if (!*arg || *end || mtu < ETH_MIN_MTU || mtu > 9000)
			break;
		*val = mtu;
		return 0;
	}
	case SIM_SET_LOSS: {
		double pct = strtod(arg, &end);

		if (end == arg || (*end && strcmp(end, "%")) || !(pct >= 0 && pct <= 100))
			break;	/* (NaN fails every comparison) */
		*val = (u64)(pct * 10000.0 + 0.5);	/* per million */
		return 0;
	}
	case SIM_SET_DELAY: {
		bool bare = *arg && strspn(arg, "0123456789.") == strlen(arg);
		ktime_t d;

		if (console_parse_duration(arg, &d))
			break;
		if (bare)
			d /= NSEC_PER_SEC / NSEC_PER_MSEC;
		if (d > 10 * NSEC_PER_SEC)
			break;
		*val = d;
		return 0;
	}
	case SIM_SET_NONE:
		break;
	}
	fprintf(c->err, "sim: invalid %s '%s' (%s)\n",
		what == SIM_SET_MTU ? "mtu" : what == SIM_SET_LOSS ? "loss" : "delay", arg,
		what == SIM_SET_MTU ? "68..9000" : what == SIM_SET_LOSS ? "0..100%" : "up to 10s");
	return 2;
}

/* Apply to one link, or to every link of the world when @link < 0. */
static int
console_sim_apply(struct sim_console *c, int link, enum sim_setting what, u64 val)
{
	for (int i = 0; i < SIM_NLINKS; i++) {
		struct sim_link *l = c->w->link[i];

		if (!l || (link >= 0 && i != link))
			continue;
		if (what == SIM_SET_MTU && sim_link_set_mtu(c->w, i, val))
			return 1;
		if (what == SIM_SET_LOSS)
			l->loss_ppm = val;
		if (what == SIM_SET_DELAY)
			l->delay = val;
	}
	return 0;
}

/*
 * Two spellings of the same thing:
 *   sim link lan|wan mtu N|loss PCT|delay DURATION
 *   sim mtu lan|wan N   sim loss PCT   sim delay MS   (loss and delay: every link)
 * Everything is checked before anything changes.
 */
static int
console_sim_wire(struct sim_console *c, int argc, char **argv)
{
	bool long_form = !strcmp(argv[1], "link");
	int at = long_form ? 3 : 1;	/* where the setting's name stands */
	enum sim_setting what = argc > at ? console_sim_setting(argv[at]) : SIM_SET_NONE;
	int want = long_form || what == SIM_SET_MTU ? 4 + long_form : 3;
	const char *link_word = long_form ? argv[2] : what == SIM_SET_MTU ? argv[2] : NULL;
	int link = -1;
	u64 val;

	if (argc != want || what == SIM_SET_NONE) {
		fprintf(c->err, "sim: usage: sim link lan|wan mtu N|loss PCT|delay DURATION, "
			"or sim mtu lan|wan N, sim loss PCT, sim delay MS\n");
		return 2;
	}
	if (link_word) {
		link = console_sim_link(c, link_word);
		if (link < 0) {
			fprintf(c->err, "sim: no link '%s' on this wire\n", link_word);
			return 2;
		}
	}
	if (console_sim_value(c, what, argv[argc - 1], &val))
		return 2;
	return console_sim_apply(c, link, what, val);
}

static int console_sim(struct sim_console *c, int argc, char **argv)
{
	if (argc >= 2 && (!strcmp(argv[1], "link") || console_sim_setting(argv[1]) != SIM_SET_NONE))
		return console_sim_wire(c, argc, argv);
	fprintf(c->err, "sim: unknown command '%s'\n", argc > 1 ? argv[1] : "");
	return 2;
}

/* See sim/console.h. */
int console_resolve(struct sim_console *c, int argc, char **argv, struct console_call *call)
{
	call->net = c->net;
	call->argc = argc;
	call->argv = argv;
	if (!strcmp(argv[0], "on")) {
		struct net *net = argc > 1 ? sim_world_host(c->w, argv[1]) : NULL;

		if (argc < 3) {
			fprintf(c->err, "on: usage: on student|router|server COMMAND\n");
			return 2;
		}
		if (!net) {
			fprintf(c->err, "on: unknown host '%s' (student, router or server)\n",
				argv[1]);
			return 2;
		}
		if (!net->ndevs) {
			/* The TAP world: the real kernel plays the router and the server. */
			fprintf(c->err, "on: host '%s' is not on this wire (the real kernel plays it)\n",
				argv[1]);
			return 2;
		}
		call->net = net;
		call->argc -= 2;
		call->argv += 2;
		if (!strcmp(call->argv[0], "on")) {
			fprintf(c->err, "on: 'on' cannot follow 'on HOST'\n");
			return 2;
		}
	}
	call->cmd = console_find(call->argv[0]);
	if (!call->cmd) {
		fprintf(c->err, "netstep: unknown command '%s' (:help lists them)\n", call->argv[0]);
		return 2;
	}
	if (call->cmd->kind != CMD_TOOL && call->net != c->net) {
		fprintf(c->err, "netstep: '%s' cannot follow 'on HOST'\n", call->argv[0]);
		return 2;
	}
	return 0;
}

/* See sim/console.h. */
int console_call(struct sim_console *c, const struct console_call *call)
{
	switch (call->cmd->kind) {
	case CMD_SLEEP:
		return console_sleep(c, call->argc, call->argv);
	case CMD_SIM:
		return console_sim(c, call->argc, call->argv);
	case CMD_TOOL:
		break;
	}
	sim_host(call->net)->dry = c->dry;
	sim_host(call->net)->replay = c->replay;
	/* A dry run must not start what would outlive it: tcpdump's capture
	 * and the file it opens.  Its words are checked all the same. */
	if (c->dry && call->cmd->fn == tool_tcpdump)
		return tool_tcpdump_check(call->net, call->argc, call->argv, c->out, c->err);
	return call->cmd->fn(call->net, call->argc, call->argv, c->out, c->err);
}

static int console_exec(struct sim_console *c, int argc, char **argv)
{
	struct console_call call;

	if (console_resolve(c, argc, argv, &call))
		return 2;
	return console_call(c, &call);
}

/* See sim/console.h. */
bool console_busy(const struct sim_console *c)
{
	for (int i = 0; i < SIM_NHOSTS; i++)
		if (c->w->host[i] && (ping_running(c->w->host[i]) ||
				      sim_task_pending(c->w->host[i])))
			return true;
	return false;
}

/* Bytes the commands' tasks have sent so far, on every host. */
static u64 console_task_bytes(const struct sim_console *c)
{
	u64 n = 0;

	for (int i = 0; i < SIM_NHOSTS; i++)
		if (c->w->host[i])
			n += sim_host(c->w->host[i])->task_bytes;
	return n;
}

/*
 * Let time run while any host still has a ping in flight or a command
 * blocked in a system call.  If the world goes idle with a command still
 * asleep (a recv nobody sends to), the command ends with -ETIMEDOUT.
 * Then the first failure a finished command left is the status.
 */
static int console_wait(struct sim_console *c)
{
	u64 budget = CONSOLE_MAX_EVENTS, sent = console_task_bytes(c);
	int rc = 0;

	for (;;) {
		if (!console_busy(c))
			break;
		if (!budget--) {
			u64 now_sent = console_task_bytes(c);

			if (now_sent == sent) {
				fprintf(c->err, "netstep: the stack did not settle within %llu "
					"events\n", CONSOLE_MAX_EVENTS);
				return 1;
			}
			sent = now_sent;	/* a long send: it is moving on */
			budget = CONSOLE_MAX_EVENTS;
		}
		if (!sim_run_one(&c->w->eng)) {
			bool tasks = false;

			for (int i = 0; i < SIM_NHOSTS; i++) {
				tasks |= sim_task_pending(c->w->host[i]) > 0;
				sim_task_abort_all(c->w->host[i]);
			}
			if (!tasks) {
				fprintf(c->err, "netstep: internal error: a ping waits on an idle world\n");
				return 1;
			}
		}
	}
	for (int i = 0; i < SIM_NHOSTS; i++) {
		int st = sim_task_take_status(c->w->host[i]);

		if (!rc)
			rc = st;
	}
	return rc;
}

int console_run_line(struct sim_console *c, const char *line)
{
	char buf[CONSOLE_MAX_LINE];
	char *argv[CONSOLE_MAX_ARGS + 1];
	int argc, rc;

	if (strlen(line) >= sizeof(buf)) {
		fprintf(c->err, "netstep: command too long (max %d bytes)\n",
			CONSOLE_MAX_LINE - 1);
		return 2;
	}
	argc = console_split(line, buf, argv, CONSOLE_MAX_ARGS, c->err);
	if (argc < 0)
		return 2;
	if (argc == 0)
		return 0;
	rc = console_exec(c, argc, argv);
	if (rc == 2)
		return rc;
	return console_wait(c) ? 1 : rc;
}

/*
 * Calls @fn for each command of @script.  A refusal (2) stops it; after
 * a runtime failure (1: a ping without a reply, a refused connect) the
 * next commands still run, as in a shell, so a script can look at what
 * went wrong (ping; ip neigh).  Returns the first failure, or 0.
 */
static int console_foreach(struct sim_console *c, const char *script,
			   int (*fn)(struct sim_console *, const char *))
{
	const char *p = script;
	char line[CONSOLE_MAX_LINE];
	int first = 0;

	while (*p) {
		size_t n = strcspn(p, ";\n");
		int rc;

		if (n >= sizeof(line)) {
			fprintf(c->err, "netstep: command too long (max %d bytes)\n",
				CONSOLE_MAX_LINE - 1);
			return 2;
		}
		memcpy(line, p, n);
		line[n] = '\0';
		rc = fn(c, line);
		if (rc == 2)
			return rc;
		if (!first)
			first = rc;
		p += n;
		if (*p)
			p++;
	}
	return first;
}

/*
 * Check one line on the scratch world.  Only a refusal (status 2) is
 * reported: a call that fails there (a descriptor an earlier script
 * opened, a port nothing listens on yet) may well work in the real
 * world, so its message is dropped.
 */
static int console_check_line(struct sim_console *c, const char *line)
{
	char buf[CONSOLE_MAX_LINE];
	char *argv[CONSOLE_MAX_ARGS + 1];
	int argc = console_split(line, buf, argv, CONSOLE_MAX_ARGS, c->err);
	FILE *real_err = c->err;
	char *msg = NULL;
	size_t msglen = 0;
	FILE *cap;
	int rc;

	if (argc <= 0)
		return argc < 0 ? 2 : 0;
	cap = open_memstream(&msg, &msglen);
	if (cap)
		c->err = cap;
	rc = console_exec(c, argc, argv);
	c->err = real_err;
	if (cap) {
		fclose(cap);
		if (rc == 2)
			fputs(msg, real_err);
		free(msg);
	}
	return rc == 2 ? 2 : 0;
}

/*
 * A scratch world of the same kind as @w: the classroom, or, on the TAP
 * wire, the student's host alone (so `on router ...` and `sim link wan`
 * are refused there before anything reaches the real wire).
 */
static int console_scratch_create(struct sim_world *scratch, const struct sim_world *w)
{
	if (w->tap)
		return tap_world_create_scratch(scratch, w->eng.rng, w->tap);
	return sim_world_create(scratch, w->eng.rng);
}

/* See sim/console.h: the script applied to a scratch copy of the world. */
int console_check_script(struct sim_console *c, const char *script)
{
	struct sim_world *scratch = malloc(sizeof(*scratch));
	struct sim_console sc;
	FILE *sink = fopen("/dev/null", "w");
	int rc;

	if (!scratch || !sink || console_scratch_create(scratch, c->w)) {
		fprintf(c->err, "netstep: cannot build a scratch world to check the script\n");
		free(scratch);
		if (sink)
			fclose(sink);
		return 1;
	}
	console_init(&sc, scratch, sink, c->err);
	sc.dry = true;
	rc = console_foreach(&sc, script, console_check_line);
	if (scratch->tap)
		tap_world_destroy(scratch, scratch->tap);
	else
		sim_world_destroy(scratch);
	free(scratch);
	fclose(sink);
	return rc;
}

int console_run_script(struct sim_console *c, const char *script)
{
	int rc = console_check_script(c, script);

	if (rc)
		return rc;
	rc = console_foreach(c, script, console_run_line);
	/* On the TAP wire "idle" never comes for sure: the caller drains
	 * with a bound in time (sim/tap.h, tap_drain). */
	if (c->w->eng.wall)
		return rc;
	if (sim_run(&c->w->eng, 0, CONSOLE_MAX_EVENTS)) {
		fprintf(c->err, "netstep: the stack did not go idle within %llu events\n",
			CONSOLE_MAX_EVENTS);
		return rc ? rc : 1;
	}
	return rc;
}
