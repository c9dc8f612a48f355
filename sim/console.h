/*
 * sim/console.h - the command line a student types into: `-e` in
 * headless mode, the `:` prompt of the UI, and lesson files.
 *
 * No kernel counterpart: this is the shell.  A script is commands
 * separated by ';' or newlines.  Each command runs on the console's
 * host (the student's machine) unless it starts with `on HOST`; after
 * it, the console lets virtual time run until the command's work is
 * done (a ping waits for its replies, a blocking connect or send waits
 * on its socket: sim/task.h), and at the end of a script until the
 * whole world is idle.
 *
 * Commands: the tools of tools/tools.h (ping, ip, route, tc, iptables,
 * ethtool, cat, nstat; socket, connect, send, sendto, close, listen,
 * recv, ss; tcpdump, sysctl) plus the console's own:
 *   sleep DURATION                      let virtual time run (1, 1.5s, 200ms)
 *   sim link lan|wan mtu N|loss PCT|delay DURATION   change one simulated link
 *   sim mtu lan|wan N, sim loss PCT, sim delay MS    the same, short (loss and
 *                                       delay on every link)
 *   on HOST COMMAND...                  run COMMAND on student|router|server
 */
#ifndef NETSTEP_SIM_CONSOLE_H
#define NETSTEP_SIM_CONSOLE_H

#include <stdio.h>
#include "sim/topology.h"
#include "tools/tools.h"

#define CONSOLE_MAX_ARGS	64
#define CONSOLE_MAX_LINE	4096
/* A runaway (an event storm) stops here instead of hanging: this many
 * events with no byte sent by a command (a send of a big file goes on). */
#define CONSOLE_MAX_EVENTS	50000000ULL

struct sim_console {
	struct sim_world *w;		/* the world commands act on */
	struct net *net;		/* default host: the student's */
	FILE *out;			/* tool output */
	FILE *err;			/* one-line errors */
	bool dry;			/* checking a script: no time passes */
	bool replay;			/* making a journal's calls again (sim/journal.h):
					 * the files they write are left alone */
};

void console_init(struct sim_console *c, struct sim_world *w, FILE *out, FILE *err);

/* One entry of the command table. */
enum console_cmd_kind {
	CMD_TOOL,			/* a tool: its own call, no time passes */
	CMD_SLEEP,			/* sleep: lets virtual time run */
	CMD_SIM,			/* sim ...: changes the simulated wire */
};
struct console_cmd {
	const char *name;		/* the first word */
	enum console_cmd_kind kind;
	tool_fn fn;			/* CMD_TOOL */
	tool_ro_fn read_only;		/* which of its forms change nothing
					 * (NULL: none; see console_read_only) */
	const char *synopsis;		/* one line for :help */
};
/* The command called @name, or NULL. */
const struct console_cmd *console_find(const char *name);
/* Every command's synopsis, one per line (the UI's :help). */
void console_help(FILE *out);

/* A command split into words and resolved: which host, which entry. */
struct console_call {
	struct net *net;		/* the host it runs on */
	const struct console_cmd *cmd;
	int argc;			/* the words after `on HOST`, if any */
	char **argv;
};
/*
 * Resolve `[on HOST] COMMAND ARGS...` (argc >= 1): 0, or 2 after a
 * one-line error on c->err (unknown host or command, a host the TAP
 * world does not have, `sleep`/`sim` after `on HOST`).
 */
int console_resolve(struct sim_console *c, int argc, char **argv, struct console_call *call);
/*
 * Does @call only look (ip route, ip neigh, ss, nstat, netstat -s,
 * ethtool -S/-g/-i, tc -s qdisc, cat /proc/..., iptables -L ...)?  A
 * read-only command schedules nothing, lets no time pass and changes
 * nothing a later event could see, so the UI runs it at once without
 * stepping and a lesson runs it at a stop, inside the stopped function.
 * Each tool decides with the parser that reads its lines (a line the
 * tool refuses changes nothing either); a tool with no such function
 * in the table has no read-only form.
 */
bool console_read_only(const struct console_call *call);
/* The command's own call; `sleep` runs time, a tool returns at once. */
int console_call(struct sim_console *c, const struct console_call *call);
/* Does any host have a ping in flight or a command blocked in a call? */
bool console_busy(const struct sim_console *c);
/* One command. Returns the tool's status: 0, 1 (runtime), 2 (bad command). */
int console_run_line(struct sim_console *c, const char *line);
/*
 * Check @script on a scratch world of the same kind as c->w (the
 * classroom, or a TAP world: sim/tap.h), where it is parsed and applied
 * with no time passing and no payload made (host->dry), without running
 * it: 0, or 2 after the refusal's one-line message on c->err.
 * console_run_script starts with this.
 */
int console_check_script(struct sim_console *c, const char *script);
/*
 * A whole script.  It is first checked (console_check_script), so a bad
 * command anywhere is reported before anything runs: status 2, nothing
 * applied.  Then it runs for real (a command that fails, as a ping
 * nobody answers, does not stop the ones after it), and the world runs
 * until idle (in wall-clock mode, the TAP wire, it returns after the
 * last command: the caller drains with a time bound, sim/tap.h
 * tap_drain).  Returns the first non-zero status, or 0.
 */
int console_run_script(struct sim_console *c, const char *script);
/*
 * Shell-like word splitting, shared by the console and lesson files:
 * blanks separate words, '...' and "..." group.  Writes the words into
 * @buf (as long as @line) and at most @max pointers plus a NULL into
 * @argv.  Returns argc, or -1 on an unterminated quote or too many
 * words, with a one-line message on @err unless @err is NULL.
 */
int console_split(const char *line, char *buf, char **argv, int max, FILE *err);
/* Parse a duration: "2", "1.5s", "200ms", "50us". 0 or -EINVAL. */
int console_parse_duration(const char *s, ktime_t *ns);

#endif
