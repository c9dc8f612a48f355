/*
 * ui/ui.c - the ncurses step-through UI: panes, keys, layout, terminal
 * hygiene.  The only file of netstep that includes curses.
 *
 * No kernel counterpart.  The screen renders one recorded snapshot
 * (ui/ui_snap.h) at a time; the model is never read while drawing.
 * Keys follow gdb, less and htop:
 *
 *   s, space, Right  step into: the next trace event
 *   n         step over: skip what the current function calls
 *   f         step out (gdb's finish): run to the current function's return
 *   c         continue to the next breakpoint (or until the world is idle);
 *             while the world runs, any key stops it and q quits
 *   p, Left   step back through the history (read-only)
 *   g N       go to step N (back in the history, or forward)
 *   /TEXT     find TEXT in the history's events, older first (/ Enter
 *             again), N newer: a function, skb#N, an address, a field
 *   b FUNC    set a breakpoint; b alone lists them; d N deletes one
 *   Tab       cycle the focused pane;  z  zoom it;  Up/Down/PgUp/PgDn scroll it
 *   :         console: any console command (ping, send, ip route add ...);
 *             Up/Down recall earlier lines, :help lists the commands
 *   w FILE    FILE.pcapng: the student's frames so far, with comments;
 *             FILE.txt or FILE.trace: the history as --trace writes it
 *   ?, F1     help;  q  quit
 *   l, Enter  lesson (--lesson FILE): the next step, or the answer;
 *             a packetdrill script (--packetdrill FILE): its next line
 *   Up, Down, PgUp, PgDn  scroll the lesson pane (Tab gives it the focus)
 *
 * A `:` line is checked at once, whole (console_check_script): an
 * unknown command or a bad argument is an error before anything of it
 * runs.  Read-only commands (console_read_only: ip route, ss, nstat ...)
 * print at once, with the trace muted so the history gains no steps.
 * Console commands that start work start it when stepping reaches them
 * (a ping sends its first request, a connect its SYN) and stepping
 * advances it; commands of the queue (the -e script) start one after
 * another, when the previous one is done, as in headless mode.  `sleep`
 * lets time run at once, `sim ...` changes the wire at once.  Every
 * change the UI makes to the world goes through sim/journal.h, so that
 * the recorder can replay it.
 *
 * Layouts: below 120x34 a compact one (call stack and skb on the left;
 * route, neighbours and rings on the right, where Tab to the qdisc,
 * frame or console pane shows it instead of the rings); from 120x34 on,
 * every pane at once.  Before the first step, the qdisc and softirqs
 * take the empty call stack's and skb's place.  A lesson adds its pane
 * across the bottom, as tall as what the last `l` brought (a quarter to
 * half the screen).  Nothing is cut: a line too long for its pane gives
 * up padding, then wraps, and a pane whose text does not fit says which
 * rows show and scrolls (the lesson pane too).  Values that changed in
 * the last step are bold (and coloured); the row in use is marked '>'
 * and drawn reversed, so no meaning rests on colour alone (NO_COLOR
 * gives monochrome).  With --packetdrill FILE the Script pane takes the
 * lesson pane's place (ui/ui_script.c: the line of the step shown, the
 * lines done, the result where the run ended); the runner is an engine
 * event of the world, fired through the journal like everything else.
 * A function that Linux 3.10 declares static inline
 * is shown "[inline]", in the call stack and in the line above the
 * panes: a real function_graph trace has no entry for it.
 *
 * `b FUNC` takes only a traced function (a declared event), as gdb
 * refuses a symbol it does not know: a breakpoint that can never hit
 * would only look like a path the packet did not take.
 *
 * Read ui/ui_snap.h before this file.
 */
#include "ui/ui.h"
#include "ui/ui_snap.h"
#include "nic/igb.h"
#include "sim/lesson.h"
#include "sim/packetdrill.h"
#include "sim/pcapng.h"
#include "sim/task.h"
#include "tools/tools.h"
#include "ui/ui_script.h"

#include <ctype.h>
#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define UI_MAX_BPS	16
#define UI_MAX_QUEUE	64
#define UI_ADVANCE_MAX	2000000		/* engine events per step before giving up */
#define UI_RUN_MAX	500000000ULL	/* steps one c/n/f/g may run */
#define UI_POLL_EVERY	4096		/* steps between two looks at the keyboard */
#define UI_HIST_MAX	64		/* `:` lines that Up/Down recall */
#define UI_SEARCH_MAX	128		/* bytes of a /TEXT */

/* One key of --keys, @rep times (s*20). */
struct ui_fed_key {
	int key;
	long rep;
};

enum ui_walk { UI_WALK_OVER, UI_WALK_OUT, UI_WALK_CONT, UI_WALK_GOTO, UI_WALK_LINE };

struct ui {
	struct sim_world *w;
	struct sim_console *con;
	struct ui_rec rec;
	struct sim_journal journal;	/* every change to w (unused on the TAP wire) */
	u32 seed;			/* w was built with it: a replay builds the same */
	bool live;			/* a person at a terminal: poll the keyboard */
	u64 cur;			/* step shown (absolute index) */
	bool started;			/* a step exists: else the world before the first */
	u64 before;			/* step shown before the last key */
	bool has_before;		/* ... if there was one: "changed" is against it */
	/* the walk c, n or f makes (ui_walk_stop, inside the trace sink) */
	enum ui_walk how;
	int level, target;		/* ... from this stack level */
	int where;			/* ... (l, a script) from this line */
	u64 goto_abs;			/* ... (g N) to this step */
	u64 walked;			/* ... steps so far */
	int hit_bp;			/* ... stopped at this breakpoint (1-based), 0 */
	bool hit_key;			/* ... a key stopped it */
	struct timespec drawn;		/* ... when "running..." was last drawn */
	char *queue[UI_MAX_QUEUE];	/* console commands not started yet */
	int qlen;
	const struct trace_event_desc *bps[UI_MAX_BPS];	/* breakpoints: traced functions */
	int nbp;
	int focus;			/* enum ui_pane, or UI_PANE_LESSON */
	/* per pane (the lesson pane last): rows scrolled back from its usual
	 * view, and its text rows as last drawn (a page) */
	int off[UI_NPANES + 1], rows[UI_NPANES + 1];
	bool zoom, help, quit, color;
	char msg[256];			/* status line message */
	FILE *out;			/* console output (a temporary file) */
	long out_read;			/* bytes of it already shown */
	/* keys: --keys first (prompts read their text from it too), then the terminal */
	struct ui_fed_key *fed;
	size_t nfed, ifed;
	bool scripted;			/* --keys given: no terminal input after it */
	char *hist[UI_HIST_MAX];	/* `:` lines typed, oldest first */
	int nhist;
	char search[UI_SEARCH_MAX];	/* the last /TEXT */
	/* w FILE.pcapng: the student's NIC captured since the start, with comments */
	FILE *cap_file;
	struct sim_pcapng *cap;
	/* --lesson: the lesson supplies steps, `l` runs them (NULL: none) */
	struct lesson *les;
	struct lesson_run *lrun;
	char *les_log;			/* the lesson pane's text, newest last */
	size_t les_len;
	size_t les_mark;		/* where the text of the current stop begins */
	const struct lesson_step *les_answer;	/* question/try waiting for its key */
	int les_failed;			/* expects that failed */
	bool les_stopped;		/* the last step that ran the world stopped it */
	bool les_done;
	bool moved;			/* the student moved the world since the lesson did */
	/* --packetdrill: the runner is an engine event of the world (NULL: none) */
	struct pd_run *pd;
	const struct pd_script *pd_s;
	int *pd_lines;			/* the line of each of its events */
	bool pd_ended;			/* it passed or failed ... */
	u64 pd_end;			/* ... at this step: the pane shows the result from here */
	struct pd_run *pd_replay;	/* a replay's runner (ui_show) */
	FILE *pd_null;			/* ... its tool output */
	char *pd_text;			/* the Script pane's text as last drawn */
	/* how a replay builds a fresh world: the classroom's, or a runner's */
	const struct ui_world_ops *wops;
	void *wops_arg;
};

/* The lesson pane is the pane after the last of ui_pane (Tab reaches it). */
#define UI_PANE_LESSON	UI_NPANES

/*
 * NOTE: the one piece of file-scope state in netstep: a signal handler
 * has no argument to find the screen through, and must restore the
 * terminal on SIGINT, SIGTERM and SIGSEGV.
 */
static volatile sig_atomic_t ui_curses_active;

static void
ui_restore_terminal(void)
{
	if (ui_curses_active) {
		ui_curses_active = 0;
		endwin();
	}
}

static void
ui_fatal_signal(int sig)
{
	ui_restore_terminal();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* ---- the command queue and the engine ----------------------------------- */

/* Move what commands printed into the console pane's log. */
static void
ui_collect_output(struct ui *u)
{
	char buf[4096];
	long end;
	size_t n;

	if (!u->out)
		return;
	fflush(u->out);
	end = ftell(u->out);
	if (end <= u->out_read)
		return;
	fseek(u->out, u->out_read, SEEK_SET);
	while (u->out_read < end &&
	       (n = fread(buf, 1, sizeof(buf) - 1 < (size_t)(end - u->out_read) ?
			  sizeof(buf) - 1 : (size_t)(end - u->out_read), u->out)) > 0) {
		char *nl;

		buf[n] = '\0';
		u->out_read += (long)n;
		ui_rec_console(&u->rec, buf);
		/* The last complete line also goes to the status line. */
		buf[n && buf[n - 1] == '\n' ? n - 1 : n] = '\0';
		nl = strrchr(buf, '\n');
		snprintf(u->msg, sizeof(u->msg), "%.200s", nl ? nl + 1 : buf);
	}
	fseek(u->out, 0, SEEK_END);
}

static bool
ui_world_busy(struct ui *u)
{
	for (int i = 0; i < SIM_NHOSTS; i++) {
		struct net *h = u->w->host[i];

		if (h && (ping_running(h) || sim_task_pending(h)))
			return true;
	}
	return false;
}

/*
 * `b FUNC` for a function netstep does not trace: refused as gdb
 * refuses one it has no symbol for, with the closest traced functions
 * (a breakpoint that can never hit would look like a stack that never
 * gets there).
 */
static void
ui_bp_unknown(struct ui *u, const char *func)
{
	struct trace_suggest sg;
	int k;

	trace_suggest_functions(&sg, func);
	k = snprintf(u->msg, sizeof(u->msg), "Function \"%.60s\" not defined.", func);
	for (int i = 0; i < sg.n && k > 0 && (size_t)k < sizeof(u->msg); i++)
		k += snprintf(u->msg + k, sizeof(u->msg) - (size_t)k, "%s%s", i ? ", " : "  Closest: ",
			      sg.best[i]);
}

static void
ui_add_bp(struct ui *u, const char *func)
{
	const struct trace_event_desc *fn;

	if (!*func) {
		char *p = u->msg;
		size_t left = sizeof(u->msg);

		if (!u->nbp) {
			snprintf(u->msg, sizeof(u->msg), "no breakpoints (b FUNC sets one)");
			return;
		}
		for (int i = 0; i < u->nbp && left > 1; i++) {
			int k = snprintf(p, left, "%s%d:%s", i ? "  " : "breakpoints: ", i + 1,
					 u->bps[i]->name);

			if (k < 0 || (size_t)k >= left)
				break;
			p += k;
			left -= (size_t)k;
		}
		return;
	}
	fn = trace_event_find(func, false);
	if (!fn) {
		ui_bp_unknown(u, func);
		return;
	}
	if (u->nbp == UI_MAX_BPS) {
		snprintf(u->msg, sizeof(u->msg), "too many breakpoints (max %d)", UI_MAX_BPS);
		return;
	}
	u->bps[u->nbp++] = fn;
	snprintf(u->msg, sizeof(u->msg), "Breakpoint %d at %s", u->nbp, fn->name);
}

static void
ui_del_bp(struct ui *u, const char *arg)
{
	int n = atoi(arg);

	if (n < 1 || n > u->nbp) {
		snprintf(u->msg, sizeof(u->msg), "no breakpoint %s (b lists them)", arg);
		return;
	}
	snprintf(u->msg, sizeof(u->msg), "Deleted breakpoint %d (%s)", n, u->bps[n - 1]->name);
	memmove(u->bps + n - 1, u->bps + n, (size_t)(u->nbp - n) * sizeof(u->bps[0]));
	u->nbp--;
}

/* The commands, into the console pane (:help, and after an unknown one). */
static void
ui_help_commands(struct ui *u)
{
	fputs("commands (on the student's host unless `on HOST`):\n", u->out);
	console_help(u->out);
	fputs("  b FUNC, d N, info: breakpoints;  help: this list\n", u->out);
}

/* The UI's own words at `:` or in the queue, gdb style, and help. */
enum ui_word { UI_WORD_NONE, UI_WORD_BREAK, UI_WORD_DELETE, UI_WORD_INFO, UI_WORD_HELP };

static enum ui_word
ui_word_of(const char *name)
{
	static const struct { const char *name; enum ui_word word; } words[] = {
		{ "b", UI_WORD_BREAK }, { "break", UI_WORD_BREAK }, { "d", UI_WORD_DELETE },
		{ "delete", UI_WORD_DELETE }, { "info", UI_WORD_INFO }, { "help", UI_WORD_HELP },
	};

	for (size_t i = 0; i < ARRAY_SIZE(words); i++)
		if (!strcmp(name, words[i].name))
			return words[i].word;
	return UI_WORD_NONE;
}

/* Do a UI word (argv[0]) at once, wherever it stands. */
static void
ui_word_run(struct ui *u, enum ui_word word, int argc, char **argv)
{
	const char *arg = argc > 1 ? argv[1] : "";

	switch (word) {
	case UI_WORD_BREAK:
		ui_add_bp(u, arg);
		break;
	case UI_WORD_DELETE:
		ui_del_bp(u, arg);
		break;
	case UI_WORD_INFO:
		ui_add_bp(u, "");
		break;
	case UI_WORD_HELP:
		ui_help_commands(u);
		u->focus = UI_PANE_CONSOLE;
		break;
	case UI_WORD_NONE:
		break;
	}
}

/* Let virtual time run to @until, event by event (a walk may stop it). */
static int
ui_sleep(struct ui *u, ktime_t until)
{
	for (long budget = UI_ADVANCE_MAX; budget > 0 && !u->rec.stopped; budget--)
		if (sim_journal_run(u->rec.j, u->w, until) != -EAGAIN)
			return 0;
	return 1;
}

/* Start one console command on the student's host (or `on HOST ...`). */
static void
ui_exec(struct ui *u, const char *line)
{
	char buf[CONSOLE_MAX_LINE], *argv[CONSOLE_MAX_ARGS + 1];
	struct console_call call;
	ktime_t d;
	int argc, rc;

	if (strlen(line) >= sizeof(buf)) {
		snprintf(u->msg, sizeof(u->msg), "command too long (max %d bytes)",
			 CONSOLE_MAX_LINE - 1);
		return;
	}
	argc = console_split(line, buf, argv, CONSOLE_MAX_ARGS, u->out);
	if (argc <= 0) {
		ui_collect_output(u);
		return;
	}
	if (ui_word_of(argv[0]) != UI_WORD_NONE) {
		ui_word_run(u, ui_word_of(argv[0]), argc, argv);
		ui_collect_output(u);
		return;
	}
	fprintf(u->out, "$ %s\n", line);
	ui_collect_output(u);
	if (u->rec.j)
		u->rec.j->owner = SIM_JOWN_STUDENT;
	if (console_resolve(u->con, argc, argv, &call))
		rc = 2;
	else if (call.cmd->kind != CMD_SLEEP)
		rc = sim_journal_call(u->rec.j, u->con, &call, line);	/* stepping carries it on */
	else if (call.argc != 2 || console_parse_duration(call.argv[1], &d))
		rc = console_call(u->con, &call);	/* it says what is wrong */
	else
		rc = ui_sleep(u, u->w->eng.now + d);	/* time runs at once */
	if (rc != 2 && !console_read_only(&call))
		u->moved = true;
	ui_collect_output(u);
	if (rc == 2)
		snprintf(u->msg, sizeof(u->msg), "bad command (see the console pane): %.200s", line);
	ui_rec_mark(&u->rec, UI_MARK_CONSOLE, line, 0);
}

/*
 * The next command of a script at *@p (split at ';' and newlines, blanks
 * trimmed: @len bytes from *@cmd, maybe 0); *@p moves past it.  false
 * at the end.
 */
static bool
ui_next_cmd(const char **p, const char **cmd, size_t *len)
{
	const char *s = *p, *e = *p + strcspn(*p, ";\n");

	if (!**p)
		return false;
	*p = *e ? e + 1 : e;
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	*cmd = s;
	*len = (size_t)(e - s);
	return true;
}

/* Queue a script: commands split at ';' and newlines. */
static void
ui_queue(struct ui *u, const char *script)
{
	const char *cmd;
	size_t len;

	while (ui_next_cmd(&script, &cmd, &len)) {
		char *copy = len && u->qlen < UI_MAX_QUEUE ? strndup(cmd, len) : NULL;

		if (copy)
			u->queue[u->qlen++] = copy;
	}
}

/* ---- the `:` line -------------------------------------------------------- */

/* Remember @line for Up/Down at the next `:` (not twice in a row). */
static void
ui_hist_add(struct ui *u, const char *line)
{
	char *copy;

	if (!*line || (u->nhist && !strcmp(u->hist[u->nhist - 1], line)))
		return;
	copy = strdup(line);
	if (!copy)
		return;
	if (u->nhist == UI_HIST_MAX) {
		free(u->hist[0]);
		memmove(u->hist, u->hist + 1, (UI_HIST_MAX - 1) * sizeof(u->hist[0]));
		u->nhist--;
	}
	u->hist[u->nhist++] = copy;
}

/*
 * Look at the world now: a read-only command (console_read_only), run
 * at once with the trace muted, so the history gains no steps.
 */
static void
ui_look(struct ui *u, const char *line, const struct console_call *call)
{
	u64 newest = u->rec.count ? u->rec.count - 1 : 0;

	fprintf(u->out, "$ %s\n", line);
	trace_mute(&u->w->trace);
	console_call(u->con, call);
	trace_unmute(&u->w->trace);
	if (u->started && u->cur < newest)
		fprintf(u->out, "(that is the world now, at step %llu; the panes show step %llu)\n",
			(unsigned long long)newest + 1, (unsigned long long)u->cur + 1);
}

/*
 * Command @cmd (@len bytes) of a `:` line, split into @argv (*@argcp
 * words, in @buf; 0 for an empty command) and resolved: 0, or 2 after a
 * one-line error on the console's err.  *@word: a UI word; *@ro: a
 * console command that only looks.
 */
static int
ui_resolve(struct ui *u, const char *cmd, size_t len, char (*buf)[CONSOLE_MAX_LINE],
	   char **argv, int *argcp, struct console_call *call, bool *word, bool *ro)
{
	char line[CONSOLE_MAX_LINE];
	int argc;

	*argcp = 0;
	*word = *ro = false;
	argv[0] = NULL;
	if (len >= sizeof(line)) {
		fprintf(u->con->err, "netstep: command too long (max %d bytes)\n",
			CONSOLE_MAX_LINE - 1);
		return 2;
	}
	memcpy(line, cmd, len);
	line[len] = '\0';
	argc = console_split(line, *buf, argv, CONSOLE_MAX_ARGS, u->con->err);
	if (argc <= 0)
		return argc < 0 ? 2 : 0;
	*argcp = argc;
	*word = ui_word_of(argv[0]) != UI_WORD_NONE;
	if (*word)
		return 0;
	if (console_resolve(u->con, argc, argv, call))
		return 2;
	*ro = console_read_only(call);
	return 0;
}

/*
 * Check a `:` line before anything of it runs: every command resolves
 * (else the list of commands follows the error), and the console's
 * commands pass the dry run on a scratch world (console_check_script).
 * 0 or 2; the errors go to the console's err.
 */
static int
ui_check_line(struct ui *u, const char *text, bool *unknown)
{
	char buf[CONSOLE_MAX_LINE], *argv[CONSOLE_MAX_ARGS + 1], *script = NULL;
	size_t slen = 0, len;
	FILE *ss = open_memstream(&script, &slen);
	const char *p = text, *cmd;
	struct console_call call;
	bool word, ro;
	int argc, rc = 0;

	*unknown = false;
	if (!ss)
		return 2;
	while (!rc && ui_next_cmd(&p, &cmd, &len)) {
		rc = ui_resolve(u, cmd, len, &buf, argv, &argc, &call, &word, &ro);
		*unknown = rc && argc;
		if (!rc && argc && !word)
			fprintf(ss, "%.*s;", (int)len, cmd);
	}
	fclose(ss);
	if (!rc && script && *script)
		rc = console_check_script(u->con, script);
	free(script);
	return rc;
}

/*
 * A line typed at `:`, checked at once: an unknown command or a bad
 * argument anywhere in it is an error now, with the list of commands,
 * and nothing of it runs.  Otherwise the UI's words and the read-only
 * commands before the first command that starts work print at once;
 * from that command on, the line is queued and starts when stepping
 * reaches it (a ping sends its first request, a send its first segment).
 */
static void
ui_command(struct ui *u, const char *text)
{
	char buf[CONSOLE_MAX_LINE], *argv[CONSOLE_MAX_ARGS + 1], *errs = NULL;
	size_t elen = 0, len;
	FILE *es = open_memstream(&errs, &elen), *err = u->con->err;
	const char *p = text, *cmd;
	struct console_call call;
	bool unknown = false, word, ro;
	int rc = 2;

	ui_hist_add(u, text);
	if (es) {
		u->con->err = es;
		rc = ui_check_line(u, text, &unknown);
		u->con->err = err;
		fclose(es);
	}
	if (rc) {
		fprintf(u->out, "$ %s\n%s", text, errs ? errs : "");
		if (unknown)
			ui_help_commands(u);
		ui_collect_output(u);
		snprintf(u->msg, sizeof(u->msg), "%.*s (nothing ran)",
			 errs ? (int)strcspn(errs, "\n") : 0, errs ? errs : "");
		u->focus = UI_PANE_CONSOLE;
		free(errs);
		return;
	}
	free(errs);
	while (ui_next_cmd(&p, &cmd, &len)) {
		int argc;

		ui_resolve(u, cmd, len, &buf, argv, &argc, &call, &word, &ro);
		if (word) {
			ui_word_run(u, ui_word_of(argv[0]), argc, argv);
			ui_collect_output(u);
		} else if (ro) {
			char line[CONSOLE_MAX_LINE];

			snprintf(line, sizeof(line), "%.*s", (int)len, cmd);
			ui_look(u, line, &call);
			ui_collect_output(u);
			u->focus = UI_PANE_CONSOLE;
		} else if (argc) {
			ui_queue(u, cmd);
			snprintf(u->msg, sizeof(u->msg), "queued: %.200s (s starts it)", cmd);
			break;
		}
	}
}

/* What the status line says when nothing is left to run. */
static void
ui_idle_msg(struct ui *u)
{
	const char *err = u->pd ? pd_run_error(u->pd) : "";

	if (!u->pd_ended)
		snprintf(u->msg, sizeof(u->msg), "idle: nothing left to run (: starts a command)");
	else if (*err)
		snprintf(u->msg, sizeof(u->msg), "FAIL %.*s",
			 (int)strcspn(err, "\n") < 200 ? (int)strcspn(err, "\n") : 200, err);
	else
		snprintf(u->msg, sizeof(u->msg), "PASS: the script ran to its end (q quits, exit 0)");
}

/* The packetdrill run is over: the pane shows its result from the newest step on. */
static void
ui_pd_ended(struct ui *u)
{
	u->pd_ended = true;
	u->pd_end = u->rec.count ? u->rec.count - 1 : 0;
	ui_idle_msg(u);
}

/* Make at least one new step: start a queued command or fire events. */
static bool
ui_advance(struct ui *u)
{
	u64 before = u->rec.count;
	bool fired;

	if (u->pd_ended)
		return false;	/* the run stops where the script ended, as headless */
	if (u->rec.j)
		u->rec.j->owner = SIM_JOWN_STUDENT;
	for (long budget = UI_ADVANCE_MAX; budget > 0 && !u->rec.stopped; budget--) {
		if (u->rec.count > before)
			break;
		if (u->qlen && !ui_world_busy(u)) {
			char *cmd = u->queue[0];

			memmove(u->queue, u->queue + 1, (size_t)(u->qlen - 1) * sizeof(char *));
			u->qlen--;
			ui_exec(u, cmd);
			free(cmd);
			continue;
		}
		u->moved = true;
		fired = sim_journal_one(u->rec.j, u->w);
		if (u->pd) {
			/* The runner hears what it would hear headless (pd_run_step). */
			if (pd_run_fired(u->pd, fired) != PD_RUNNING) {
				ui_pd_ended(u);
				break;
			}
			continue;
		}
		if (!fired) {
			if (!ui_world_busy(u))
				break;
			/* Asleep on an idle world (a recv nobody answers). */
			sim_journal_abort(u->rec.j, u->w);
		}
	}
	ui_collect_output(u);
	return u->rec.count > before;
}

/* A replay of a packetdrill run: a fresh runner, built and started as u->pd was. */
static struct sim_world *
ui_pd_build(void *arg)
{
	struct ui *u = arg;

	u->pd_null = fopen("/dev/null", "w");
	u->pd_replay = u->pd_null ? pd_run_again(u->pd, u->pd_null) : NULL;
	if (!u->pd_replay && u->pd_null) {
		fclose(u->pd_null);
		u->pd_null = NULL;
	}
	return u->pd_replay ? pd_run_world(u->pd_replay) : NULL;
}

static void
ui_pd_destroy(struct sim_world *w, void *arg)
{
	struct ui *u = arg;

	(void)w;
	pd_run_destroy(u->pd_replay);
	fclose(u->pd_null);
	u->pd_replay = NULL;
	u->pd_null = NULL;
}

static const struct ui_world_ops ui_world_packetdrill = {
	.build = ui_pd_build,
	.destroy = ui_pd_destroy,
};

/*
 * Make sure step @abs has its panes: a step `c` ran through has only
 * its record, so replay the journal to rebuild them.  false (and why on
 * the status line) when that cannot be done.
 */
static bool
ui_show(struct ui *u, u64 abs)
{
	int rc;

	if (ui_rec_get(&u->rec, abs))
		return true;
	if (!u->rec.j) {
		snprintf(u->msg, sizeof(u->msg), "on the TAP wire step back reaches the last %d "
			 "steps (no replay: the real kernel is not deterministic)", UI_SNAPS);
		return false;
	}
	rc = ui_rec_replay(&u->rec, abs, u->wops, u->wops_arg);
	if (rc == -EIO)
		snprintf(u->msg, sizeof(u->msg), "BUG: replaying did not give the same events; "
			 "this step cannot be shown");
	else if (rc)
		snprintf(u->msg, sizeof(u->msg), "step %llu is no longer in the history",
			 (unsigned long long)abs + 1);
	return !rc && ui_rec_get(&u->rec, abs);
}

/* The panes shown: the current step's, or the world before the first. */
static const struct ui_snap *
ui_cur(struct ui *u)
{
	if (!u->started)
		return ui_rec_initial(&u->rec);
	return ui_rec_get(&u->rec, u->cur);
}

/* The step shown (NULL before the first). */
static const struct ui_step *
ui_cur_step(const struct ui *u)
{
	return u->started ? ui_rec_step(&u->rec, u->cur) : NULL;
}

/* Show step @abs, which has its panes (ui_show). */
static void
ui_set_cur(struct ui *u, u64 abs)
{
	u->cur = abs;
	u->started = true;
}

/* One step forward.  false when nothing is left to run. */
static bool
ui_step(struct ui *u)
{
	u64 next = u->started ? u->cur + 1 : u->rec.first;

	if (next < u->rec.first)
		next = u->rec.first;
	if (next >= u->rec.count) {
		u->rec.mode = UI_REC_ALL;
		if (!ui_advance(u)) {
			ui_idle_msg(u);
			return false;
		}
		next = u->rec.count - 1 > next ? next : u->rec.count - 1;
	}
	if (!ui_show(u, next))
		return false;
	ui_set_cur(u, next);
	return true;
}

static void
ui_back(struct ui *u)
{
	bool had;

	if (!u->started || u->cur <= u->rec.first) {
		snprintf(u->msg, sizeof(u->msg), "start of history (the last %u steps are kept)",
			 UI_STEPS);
		return;
	}
	had = ui_rec_get(&u->rec, u->cur - 1) != NULL;
	if (!ui_show(u, u->cur - 1))
		return;
	u->cur--;
	snprintf(u->msg, sizeof(u->msg), "history: %llu steps back (read-only)%s",
		 (unsigned long long)(u->rec.count - 1 - u->cur),
		 had ? "" : "; its panes rebuilt by replaying the run");
}

static int
ui_bp_hit(const struct ui *u, const struct ui_step *s)
{
	if (!s || s->ev.kind != TRACE_ENTER)
		return 0;
	for (int i = 0; i < u->nbp; i++)
		if (trace_rec_desc(&s->ev) == u->bps[i])
			return i + 1;
	return 0;
}

/* Does the walk end at @st, step @abs?  (g N goes past breakpoints.) */
static bool
ui_walk_ends(struct ui *u, const struct ui_step *st, u64 abs)
{
	if (u->how == UI_WALK_GOTO)
		return abs >= u->goto_abs;
	u->hit_bp = ui_bp_hit(u, st);
	if (u->hit_bp)
		return true;
	if (u->how == UI_WALK_LINE)
		return st->where != u->where;
	if (u->how == UI_WALK_OVER && st->level <= u->level)
		return true;
	return u->how == UI_WALK_OUT && st->ev.kind == TRACE_EXIT && st->level <= u->target;
}

static void ui_draw_running(struct ui *u, const struct ui_step *st);

/* A key pressed while the world runs?  ('q' also quits.) */
static bool
ui_key_waiting(struct ui *u)
{
	int ch;

	/* Keys of --keys wait their turn: only a person stops a run. */
	if (!u->live || u->scripted)
		return false;
	nodelay(stdscr, TRUE);
	ch = getch();
	nodelay(stdscr, FALSE);
	if (ch == ERR)
		return false;
	if (ch == 'q')
		u->quit = true;
	return true;
}

/* The recorder asks at every step of a run (inside the trace sink): stop here? */
static bool
ui_walk_stop(void *arg, const struct ui_step *st)
{
	struct ui *u = arg;

	/* The recorder counted this step already. */
	if (ui_walk_ends(u, st, u->rec.count - 1))
		return true;
	if (++u->walked % UI_POLL_EVERY)
		return false;
	ui_draw_running(u, st);
	if (ui_key_waiting(u)) {
		u->hit_key = true;
		return true;
	}
	return u->walked >= UI_RUN_MAX;
}

/*
 * n, f, c and g N: step until the condition holds, a breakpoint hits, a
 * key is pressed or the world is idle.  Through the history first; then
 * the world runs with only its records kept, and the recorder takes the
 * panes once, at the step where it stops.
 */
static void
ui_walk(struct ui *u, enum ui_walk how)
{
	const struct ui_step *st = ui_cur_step(u);
	bool idle = false;
	u64 i;

	u->how = how;
	u->level = st ? st->level : 0;
	u->target = st && st->ev.kind == TRACE_EXIT ? u->level - 1 : u->level;
	u->where = st ? st->where : u->pd ? pd_run_doing(u->pd) : 0;
	u->hit_bp = 0;
	u->hit_key = false;
	u->walked = 0;
	u->msg[0] = '\0';
	for (i = u->started ? u->cur + 1 : u->rec.first; i < u->rec.count; i++)
		if (ui_walk_ends(u, ui_rec_step(&u->rec, i), i))
			break;
	if (i >= u->rec.count) {
		u->rec.mode = u->rec.j ? UI_REC_RUN : UI_REC_ALL;
		u->rec.stop = ui_walk_stop;
		u->rec.stop_arg = u;
		u->rec.stopped = false;
		clock_gettime(CLOCK_MONOTONIC, &u->drawn);
		u->drawn.tv_sec -= 1;
		ui_draw_running(u, NULL);
		while (!u->rec.stopped && !u->quit && ui_advance(u))
			;
		u->rec.stop = NULL;
		u->rec.tail = 0;
		idle = !u->rec.stopped;
		if (idle && u->rec.count)
			ui_rec_stop_here(&u->rec, 0);	/* the panes as it ended */
		u->rec.stopped = false;
		u->rec.mode = UI_REC_ALL;
		i = u->rec.count ? u->rec.stopped_at : 0;
		if (!u->rec.count)
			return;
	}
	if (!ui_show(u, i))
		return;
	ui_set_cur(u, i);
	st = ui_cur_step(u);
	if (u->hit_bp)
		snprintf(u->msg, sizeof(u->msg), "Breakpoint %d, %s () at %s:%d", u->hit_bp,
			 trace_rec_func(&st->ev), st->ev.site->file, st->ev.site->line);
	else if (u->hit_key)
		snprintf(u->msg, sizeof(u->msg), "stopped by a key, %llu steps on",
			 (unsigned long long)u->walked);
	else if (u->walked >= UI_RUN_MAX)
		snprintf(u->msg, sizeof(u->msg), "stopped after %llu steps", UI_RUN_MAX);
	else if (idle)
		ui_idle_msg(u);
	else if (how == UI_WALK_LINE)
		snprintf(u->msg, sizeof(u->msg), "line %d: its first step (l: the next line)",
			 st->where);
}

/* ---- going, finding, writing --------------------------------------------- */

/* g N: step N of the history, or forward until it exists. */
static void
ui_goto(struct ui *u, const char *arg)
{
	char *end;
	unsigned long long n = strtoull(arg, &end, 10);

	if (!*arg || *end || !isdigit((unsigned char)*arg) || n < 1) {
		snprintf(u->msg, sizeof(u->msg), "g: a step number (1, 2, ...), not '%.60s'", arg);
		return;
	}
	if (n - 1 < u->rec.first) {
		snprintf(u->msg, sizeof(u->msg), "step %llu is forgotten: the last %u steps are "
			 "kept (from step %llu)", n, UI_STEPS, (unsigned long long)u->rec.first + 1);
		return;
	}
	if (n - 1 < u->rec.count) {
		if (ui_show(u, n - 1))
			ui_set_cur(u, n - 1);
		return;
	}
	u->goto_abs = n - 1;
	ui_walk(u, UI_WALK_GOTO);
	if (!u->hit_key && u->walked < UI_RUN_MAX && n - 1 >= u->rec.count)
		snprintf(u->msg, sizeof(u->msg), "there are only %llu steps: nothing left to run",
			 (unsigned long long)u->rec.count);
}

/* What /TEXT looks through: a step's event as the trace prints it. */
static void
ui_step_text(const struct ui *u, const struct ui_step *s, char *buf, size_t n)
{
	struct trace_buf b;

	trace_buf_init(&b, buf, n);
	trace_buf_printf(&b, "%s%s %s:%d %s ", s->ev.kind == TRACE_EXIT ? "<- " : "",
			 trace_rec_func(&s->ev), s->ev.site->file, s->ev.site->line,
			 ui_rec_host_name(&u->rec, &s->ev));
	if (s->ev.skb_id)
		trace_buf_printf(&b, "skb#%u ", s->ev.skb_id);
	trace_format_rec_fields(&s->ev, &b);
}

/* Does @hay contain @needle, case aside? */
static bool
ui_contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++) {
		size_t i = 0;

		while (i < n && hay[i] && tolower((unsigned char)hay[i]) ==
		       tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return true;
	}
	return false;
}

static bool
ui_step_matches(const struct ui *u, u64 abs, const char *text)
{
	char line[1024];

	ui_step_text(u, ui_rec_step(&u->rec, abs), line, sizeof(line));
	return ui_contains(line, text);
}

/*
 * /TEXT: the nearest kept step whose event mentions TEXT (a function, an
 * skb id, an address, any field), older first (@dir -1) or newer first
 * (+1), wrapping around the history.  An empty TEXT repeats the last.
 */
static void
ui_search(struct ui *u, const char *text, int dir)
{
	u64 span = u->rec.count - u->rec.first, pos = u->cur - u->rec.first;
	u64 found = span, matches = 0, rank = 0;

	if (*text)
		snprintf(u->search, sizeof(u->search), "%s", text);
	if (!u->search[0]) {
		snprintf(u->msg, sizeof(u->msg), "/TEXT finds TEXT in the history (a function, "
			 "skb#N, an address)");
		return;
	}
	for (u64 k = 1; k <= span && found == span; k++) {
		u64 j = dir < 0 ? (pos + span - k % span) % span : (pos + k) % span;

		if (ui_step_matches(u, u->rec.first + j, u->search))
			found = j;
	}
	if (found == span) {
		snprintf(u->msg, sizeof(u->msg), "/%.100s: not in the history (the last %llu steps)",
			 u->search, (unsigned long long)span);
		return;
	}
	for (u64 j = 0; j < span; j++)
		if (ui_step_matches(u, u->rec.first + j, u->search)) {
			matches++;
			rank += j <= found;
		}
	/* A step `c` ran through is rebuilt by replaying (else why not, said). */
	if (!ui_show(u, u->rec.first + found))
		return;
	ui_set_cur(u, u->rec.first + found);
	snprintf(u->msg, sizeof(u->msg), "/%.100s: step %llu, match %llu of %llu%s (/ Enter: "
		 "older, N: newer)", u->search, (unsigned long long)u->cur + 1,
		 (unsigned long long)rank, (unsigned long long)matches,
		 (dir < 0) == (found > pos) ? ", wrapped" : "");
}

/* Close @f, written to: 0, or the errno of the first failure. */
static int
ui_fclose(FILE *f)
{
	int bad = ferror(f);

	if (fclose(f))
		return errno;
	return bad ? EIO : 0;
}

/* Copy the capture kept since the start into @f. */
static int
ui_copy_capture(struct ui *u, FILE *f)
{
	char buf[65536];
	size_t n;
	int rc = 0;

	if (fflush(u->cap_file) || fseek(u->cap_file, 0, SEEK_SET))
		return -EIO;
	while ((n = fread(buf, 1, sizeof(buf), u->cap_file)) > 0)
		if (fwrite(buf, 1, n, f) != n) {
			rc = -EIO;
			break;
		}
	if (ferror(u->cap_file))
		rc = -EIO;
	/* The writer goes on appending. */
	fseek(u->cap_file, 0, SEEK_END);
	return rc;
}

/* The kept history as --trace prints it (the same writer). */
static void
ui_write_trace(struct ui *u, FILE *f)
{
	struct trace_text_state *st;

	trace_text_header(f);
	if (u->rec.first)
		fprintf(f, "# steps %llu to %llu: the UI keeps the last %u, older ones are gone\n",
			(unsigned long long)u->rec.first + 1, (unsigned long long)u->rec.count,
			UI_STEPS);
	st = trace_text_open(f);
	for (u64 i = u->rec.first; st && i < u->rec.count; i++) {
		const struct ui_step *sn = ui_rec_step(&u->rec, i);
		struct trace_event ev = {
			.seq = sn->seq,
			.host = trace_rec_host(&u->w->trace, &sn->ev),
			.host_name = ui_rec_host_name(&u->rec, &sn->ev),
			.rec = sn->ev,
		};

		trace_text_sink(st, &ev);
	}
	trace_text_close(st);
}

/*
 * w FILE: what happened so far.  FILE.pcapng: every frame that crossed
 * the student's NIC since the start, each with its comment (the
 * --pcapng writer, kept running from the start); FILE.txt or
 * FILE.trace: the kept history as --trace writes it.
 */
static void
ui_write(struct ui *u, const char *path)
{
	const char *dot = strrchr(path, '.');
	bool pcapng = dot && !strcmp(dot, ".pcapng");
	bool text = dot && (!strcmp(dot, ".txt") || !strcmp(dot, ".trace"));
	FILE *f;
	int err, k;

	if (!pcapng && !text) {
		snprintf(u->msg, sizeof(u->msg), "w: FILE.pcapng (frames) or FILE.txt (trace), "
			 "not '%.60s'", path);
		return;
	}
	if (pcapng && !u->cap) {
		snprintf(u->msg, sizeof(u->msg), "w: no capture was kept (no temporary file)");
		return;
	}
	f = fopen(path, "w");
	if (!f) {
		snprintf(u->msg, sizeof(u->msg), "w: cannot write %.120s: %s", path, strerror(errno));
		return;
	}
	err = pcapng && ui_copy_capture(u, f) ? EIO : 0;
	if (!pcapng)
		ui_write_trace(u, f);
	k = ui_fclose(f);
	if (!err)
		err = k;
	if (err) {
		snprintf(u->msg, sizeof(u->msg), "w: cannot write %.120s: %s", path, strerror(err));
		return;
	}
	if (pcapng)
		snprintf(u->msg, sizeof(u->msg), "wrote %.120s: %lu frame%s of student:eth0, with "
			 "comments", path, sim_pcapng_frames(u->cap),
			 sim_pcapng_frames(u->cap) == 1 ? "" : "s");
	else if (!u->rec.count)
		snprintf(u->msg, sizeof(u->msg), "wrote %.120s: no step yet, only the header", path);
	else
		snprintf(u->msg, sizeof(u->msg), "wrote %.120s: the trace of steps %llu to %llu",
			 path, (unsigned long long)u->rec.first + 1, (unsigned long long)u->rec.count);
}

/*
 * w FILE.pcapng writes what the student's NIC saw since the start: the
 * --pcapng writer runs from the start into a temporary file (without
 * one, `w` says so).
 */
static void
ui_open_capture(struct ui *u)
{
	struct net *st = u->w->host[SIM_STUDENT];
	struct sim_port *port = st && st->ndevs ? sim_igb_port(st->devs[0]) : NULL;
	char err[256];

	u->cap_file = port ? tmpfile() : NULL;
	u->cap = u->cap_file ? sim_pcapng_fopen(u->cap_file, err, sizeof(err)) : NULL;
	if (u->cap && sim_pcapng_attach(u->cap, &u->w->trace, st, port)) {
		sim_pcapng_close(u->cap);
		u->cap = NULL;
	}
}

static void
ui_close_capture(struct ui *u)
{
	sim_pcapng_close(u->cap);
	if (u->cap_file)
		fclose(u->cap_file);
	u->cap = NULL;
	u->cap_file = NULL;
}

/* ---- the lesson (--lesson FILE) ----------------------------------------- */

/*
 * The lesson supplies steps; the UI decides when each runs (`l`) and
 * shows it.  Steps that touch the world go through lesson_run_step, the
 * runner --check uses, so a lesson behaves in the UI as it does in CI;
 * the recorder is a trace sink like the runner, so every event it fires
 * becomes a snapshot the student can step through and back over.
 * Narration, pauses, questions and the exercise only print in the
 * runner: the UI presents those itself (an answer must wait for a key).
 */

static void
ui_les_log(struct ui *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
ui_les_log(struct ui *u, const char *fmt, ...)
{
	char buf[2048];
	size_t n;
	char *p;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (p = buf; *p; p++)
		if (*p == '\t')
			*p = ' ';
	n = strlen(buf);
	p = realloc(u->les_log, u->les_len + n + 2);
	if (!p)
		return;
	u->les_log = p;
	memcpy(p + u->les_len, buf, n);
	u->les_len += n;
	p[u->les_len++] = '\n';
	p[u->les_len] = '\0';
}

/* Narration that follows a stop is shown at once: reading runs nothing. */
static void
ui_les_narrate(struct ui *u)
{
	struct lesson *l = u->les;

	while (l->cursor < l->nsteps && l->steps[l->cursor].kind == LESSON_NARRATE)
		ui_les_log(u, "%s\n", lesson_next(l)->text);
}

/*
 * Mirror the lesson's breaks at a function's entry in the UI's list, so
 * `c` stops there too (the UI's breakpoints are entries; a name the
 * declarations lack is the lesson runner's error to report).
 */
static void
ui_les_breaks(struct ui *u, const struct lesson_step *s)
{
	const struct trace_event_desc *fn = s->ev && s->at == LESSON_AT_ENTRY ? s->ev : NULL;
	int k = 0;

	if (s->kind == LESSON_BREAK) {
		for (int i = 0; i < u->nbp; i++)
			if (u->bps[i] == fn)
				return;
		if (fn && u->nbp < UI_MAX_BPS)
			u->bps[u->nbp++] = fn;
		return;
	}
	for (int i = 0; i < u->nbp; i++)
		if (s->ev && u->bps[i] != fn)
			u->bps[k++] = u->bps[i];
	u->nbp = k;
}

/* The runner stops at a moment, inside the trace sink: take the panes there. */
static void
ui_les_stop_hook(void *arg, const struct lesson_stop *stop)
{
	struct ui *u = arg;

	(void)stop;
	ui_rec_stop_here(&u->rec, lesson_run_skb(u->lrun));
}

/* Show the lesson's stop (its very record), else the newest step. */
static void
ui_les_show(struct ui *u, const struct lesson_stop *stop)
{
	u64 at;

	if (!u->rec.count)
		return;
	at = u->rec.count - 1;
	for (u64 i = u->rec.count; stop && i-- > u->rec.first;) {
		const struct ui_step *st = ui_rec_step(&u->rec, i);

		/* Only an event the trace numbered has its own seq (a mark
		 * repeats the last one, as a note). */
		if (st->seq == stop->seq && st->ev.site == stop->rec.site &&
		    st->ev.kind == stop->rec.kind) {
			at = i;
			break;
		}
		if (st->seq < stop->seq)
			break;
	}
	if (ui_show(u, at))
		ui_set_cur(u, at);
}

/*
 * The student moved the world (s, n, f, c, `:`) since the lesson last
 * did: build the world again and replay the lesson's own changes to it
 * (sim/journal.h: the runs are deterministic), so the lesson goes on
 * from its own position.  false, with why, when that fails.
 */
static bool
ui_les_return(struct ui *u)
{
	struct sim_world *w = ui_world_classroom.build(&u->seed), *old = u->w;
	u64 jpos = sim_journal_end_of(&u->journal, SIM_JOWN_LESSON);
	u64 steps = u->rec.count;
	unsigned long leaked;

	int rc;

	if (!w) {
		snprintf(u->msg, sizeof(u->msg), "cannot rebuild the world (out of memory)");
		return false;
	}
	/* On the new world from here, whatever the replay says; its capture
	 * (w FILE.pcapng) starts over and sees the lesson's frames again. */
	ui_close_capture(u);
	u->w = w;
	ui_open_capture(u);
	rc = ui_rec_rebuild(&u->rec, w, jpos);
	if (lesson_run_rebind(u->lrun, w))
		rc = -ENOSPC;
	console_init(u->con, w, u->out, u->out);
	for (int i = 0; i < u->qlen; i++)
		free(u->queue[i]);
	u->qlen = 0;
	trace_mute(&old->trace);
	sim_world_destroy(old);
	leaked = sim_skb_ledger_live(&old->ledger, u->out);
	free(old);
	u->moved = false;
	/* At a stop, its moment again: what the lesson says next was
	 * evaluated there (the same step of the same history). */
	ui_les_show(u, u->les_stopped ? lesson_run_stop(u->lrun) : NULL);
	if (rc)
		ui_les_log(u, "-> BUG: replaying the lesson did not give the same events (%s)",
			   strerror(-rc));
	else
		ui_les_log(u, "-> back at the lesson's own position: the world was built again "
			   "and the lesson's steps replayed (your %llu steps are gone)%s",
			   (unsigned long long)(steps - u->rec.count),
			   leaked ? "; BUG: the old world leaked skbs (console pane)" : "");
	return true;
}

/* Run one step.  true: wait for the student's key. */
static bool
ui_les_step(struct ui *u, const struct lesson_step *s)
{
	const struct lesson_stop *stop;
	int rc = 0;

	switch (s->kind) {
	case LESSON_NARRATE:
		ui_les_log(u, "%s\n", s->text);
		return false;
	case LESSON_PAUSE:
		ui_les_log(u, "[pause] %s", s->text ? s->text : "");
		snprintf(u->msg, sizeof(u->msg), "lesson: paused (l goes on)");
		return true;
	case LESSON_QUESTION:
	case LESSON_TRY:
		ui_les_log(u, "%s %s", s->kind == LESSON_TRY ? "Try this:" : "Question:", s->text);
		u->les_answer = s->answer ? s : NULL;
		snprintf(u->msg, sizeof(u->msg), "lesson: %s", s->answer ?
			 "think, then l shows the answer" : "l goes on");
		return true;
	case LESSON_EXPECT:
		rc = lesson_run_step(u->lrun, s);
		if (rc)
			u->les_failed++;
		ui_les_log(u, rc ? "FAIL %s" : "ok   expect %s", rc ? lesson_run_error(u->lrun) :
			   s->text);
		if (rc)
			snprintf(u->msg, sizeof(u->msg), "lesson: a check failed (l goes on)");
		return rc != 0;
	case LESSON_BREAK:
	case LESSON_DELETE:
		rc = lesson_run_step(u->lrun, s);
		ui_les_breaks(u, s);
		ui_les_log(u, "%s %s%s%s%s", s->kind == LESSON_BREAK ? "break" : "delete",
			   s->func[0] ? s->func : "(all)", s->at == LESSON_AT_RETURN ? " return" : "",
			   s->at == LESSON_AT_NOTE ? " in " : "", s->at == LESSON_AT_NOTE ? s->in : "");
		break;
	case LESSON_RUN:
	case LESSON_STEP_UNTIL:
	case LESSON_CONTINUE:
		if (s->kind == LESSON_RUN && lesson_run_step_moment(u->lrun, s)) {
			/* A read-only command the runner ran at the stop: the panes stay. */
			ui_les_log(u, "$ %s", s->text);
			rc = lesson_run_step(u->lrun, s);
			ui_collect_output(u);
			break;
		}
		if (s->kind == LESSON_RUN)
			ui_les_log(u, "$ %s%s", s->text, u->les_stopped ? "   (runs now: the engine "
				   "event of the stop ran to its end first)" : "");
		else
			ui_les_log(u, "%s%s%s%s%s", s->kind == LESSON_CONTINUE ? "continue" :
				   "step until ", s->kind == LESSON_CONTINUE ? "" : s->func,
				   s->at == LESSON_AT_RETURN ? " return" : "",
				   s->at == LESSON_AT_NOTE ? " in " : "",
				   s->at == LESSON_AT_NOTE ? s->in : "");
		/* Records only while it runs; the hook takes the panes at a stop. */
		u->rec.mode = u->rec.j ? UI_REC_RUN : UI_REC_ALL;
		rc = lesson_run_step(u->lrun, s);
		u->rec.mode = UI_REC_ALL;
		u->rec.tail = 0;
		u->rec.stopped = false;
		ui_collect_output(u);
		ui_rec_mark(&u->rec, UI_MARK_LESSON, s->kind == LESSON_RUN ? s->text :
			    s->kind == LESSON_CONTINUE ? "continue" : "step until",
			    lesson_run_skb(u->lrun));
		stop = lesson_run_step_stop(u->lrun, s);
		u->les_stopped = !rc && stop;
		if (!rc && stop) {
			char moment[160];

			lesson_stop_moment(stop, moment, sizeof(moment));
			ui_les_show(u, stop);
			ui_les_log(u, "-> stopped at %s on %s (skb#%u)", moment,
				   stop->host >= 0 ? sim_host_names[stop->host] : "?", stop->skb_id);
			snprintf(u->msg, sizeof(u->msg), "lesson: stopped at %s (s n f c p look "
				 "around, l goes on)", moment);
			return true;
		}
		ui_les_show(u, NULL);
		break;
	}
	if (rc) {
		ui_les_log(u, "error: %s", lesson_run_error(u->lrun));
		snprintf(u->msg, sizeof(u->msg), "lesson: a step failed (l goes on)");
		return true;
	}
	return false;
}

/*
 * At a stop: what the lesson says about it was evaluated at its moment
 * (sim/lesson_run.c), so show it all now, up to a pause, a question, a
 * failed check or a step that runs the world.
 */
static void
ui_les_at_stop(struct ui *u, const struct lesson_stop *stop)
{
	struct lesson *l = u->les;

	while (l->cursor < l->nsteps) {
		const struct lesson_step *t = &l->steps[l->cursor];

		if (t->kind == LESSON_CONTINUE || t->kind == LESSON_STEP_UNTIL ||
		    (t->kind != LESSON_NARRATE && lesson_run_step_moment(u->lrun, t) != stop))
			return;
		if (ui_les_step(u, lesson_next(l)))
			return;
	}
}

/* `l`: the answer waiting for its key, or the steps up to the next stop. */
static void
ui_les_next(struct ui *u)
{
	const struct lesson_step *s = NULL;
	bool returned;

	if (!u->les) {
		snprintf(u->msg, sizeof(u->msg), "no lesson (netstep --lesson FILE)");
		return;
	}
	/* Whatever it shows next starts here: the pane keeps it in view. */
	u->les_mark = u->les_len;
	u->off[UI_PANE_LESSON] = 0;
	if (u->les_answer) {
		ui_les_log(u, "Answer: %s\n", u->les_answer->answer);
		u->les_answer = NULL;
		ui_les_narrate(u);
		if (u->les->cursor >= u->les->nsteps)
			snprintf(u->msg, sizeof(u->msg), "lesson: l ends it");
		return;
	}
	if (u->les_done) {
		snprintf(u->msg, sizeof(u->msg), "the lesson is over: q quits");
		return;
	}
	returned = u->moved;
	if (u->moved && !ui_les_return(u))
		return;
	u->before = u->cur;
	u->has_before = u->started;
	while ((s = lesson_next(u->les)) && !ui_les_step(u, s))
		;
	/* What comes after a pause or a question waits for the next key. */
	if (s && lesson_run_step_stop(u->lrun, s))
		ui_les_at_stop(u, lesson_run_step_stop(u->lrun, s));
	if (returned) {
		char was[sizeof(u->msg)];

		snprintf(was, sizeof(was), "%s", u->msg);
		snprintf(u->msg, sizeof(u->msg), "lesson: back at its own position (world rebuilt); "
			 "%.180s", was);
	}
	if (s)
		return;
	/* The end: let the world settle, as the headless run does. */
	u->rec.mode = u->rec.j ? UI_REC_RUN : UI_REC_ALL;
	if (lesson_run_finish(u->lrun)) {
		ui_les_log(u, "error: %s", lesson_run_error(u->lrun));
		u->les_failed++;
	}
	u->rec.mode = UI_REC_ALL;
	ui_collect_output(u);
	ui_rec_mark(&u->rec, UI_MARK_LESSON, "end of the lesson", lesson_run_skb(u->lrun));
	ui_les_show(u, NULL);
	u->les_done = true;
	ui_les_log(u, "== end of the lesson: %d check(s) passed, %d failed ==",
		   lesson_run_checks(u->lrun), u->les_failed);
	snprintf(u->msg, sizeof(u->msg), "lesson over: %d check(s) passed, %d failed (q quits)",
		 lesson_run_checks(u->lrun), u->les_failed);
}

/* ---- drawing ------------------------------------------------------------ */

enum { UI_C_CHANGED = 1, UI_C_ROW, UI_C_BAR, UI_C_TITLE };

struct ui_box {
	int y, x, h, w;
};

/* Line @i of @text into @out (at most @n bytes); false past the end. */
static bool
ui_line(const char *text, int i, char *out, size_t n)
{
	const char *p = text;
	size_t len;

	if (!p)
		return false;
	while (i-- > 0) {
		p = strchr(p, '\n');
		if (!p || !*++p)
			return false;
	}
	if (!*p)
		return false;
	len = strcspn(p, "\n");
	if (len >= n)
		len = n - 1;
	memcpy(out, p, len);
	out[len] = '\0';
	return true;
}

/* The longest line of @text. */
static int
ui_text_width(const char *text)
{
	int w = 0;

	while (text && *text) {
		int n = (int)strcspn(text, "\n");

		w = n > w ? n : w;
		text += n + (text[n] == '\n');
	}
	return w;
}

/* A pane's text at @width: the wide one where it fits, else the narrow one. */
static const char *
ui_pane_text(const struct ui_snap *s, int pane, int width)
{
	if (!s)
		return NULL;
	if (s->narrow[pane] && ui_text_width(s->pane[pane]) > width)
		return s->narrow[pane];
	return s->pane[pane];
}

/* The line-drawn border of @b (the panes and the lesson box). */
static void
ui_draw_frame(struct ui_box b)
{
	mvaddch(b.y, b.x, ACS_ULCORNER);
	mvhline(b.y, b.x + 1, ACS_HLINE, b.w - 2);
	mvaddch(b.y, b.x + b.w - 1, ACS_URCORNER);
	mvvline(b.y + 1, b.x, ACS_VLINE, b.h - 2);
	mvvline(b.y + 1, b.x + b.w - 1, ACS_VLINE, b.h - 2);
	mvaddch(b.y + b.h - 1, b.x, ACS_LLCORNER);
	mvhline(b.y + b.h - 1, b.x + 1, ACS_HLINE, b.w - 2);
	mvaddch(b.y + b.h - 1, b.x + b.w - 1, ACS_LRCORNER);
}

/*
 * The rows a text takes in a box @w columns wide: nothing is cut.  A
 * line too long for the box gives up its leading blanks (after a '>'
 * mark: the call stack's indentation) and the blanks that pad its
 * columns if that makes it fit; else it wraps at blanks, its rows after
 * the first indented @hang more than it (a word longer than the box is
 * split).
 */
struct ui_rows {
	const char *next;		/* the next line of the text */
	const char *rest;		/* what the current line has left, NULL: none */
	int w, hang;
	int line;			/* the current line: 0, 1, ... */
	int indent;			/* of its continuation rows */
	char buf[1024];			/* the current line, blanks given up */
};

static void
ui_rows_init(struct ui_rows *r, const char *text, int w, int hang)
{
	r->next = text;
	r->rest = NULL;
	r->w = w < 1 ? 1 : w;
	r->hang = hang;
	r->line = -1;
}

/*
 * A line of @len bytes in r->buf, too long for the box: if giving up
 * its leading blanks (all but one), then the blanks that pad its
 * columns (to one each), makes it fit, give them up; else leave it to
 * wrap as it is.  *@lead: its leading blanks after a '>' mark (@at).
 */
static void
ui_rows_squeeze(struct ui_rows *r, size_t len, size_t at, size_t *lead)
{
	char tight[sizeof(r->buf)], *o = tight;
	size_t keep = *lead > 1 ? 1 : *lead;
	const char *i = r->buf + at + *lead;

	memcpy(tight, r->buf, at);
	o += at;
	memset(o, ' ', keep);
	o += keep;
	if (len - (*lead - keep) <= (size_t)r->w) {
		/* The indentation alone: the columns stay aligned. */
		memmove(r->buf + at + keep, i, len - at - *lead + 1);
		*lead = keep;
		return;
	}
	for (; *i; i++)
		if (*i != ' ' || i[1] != ' ')
			*o++ = *i;
	*o = '\0';
	if (strlen(tight) > (size_t)r->w)
		return;
	memcpy(r->buf, tight, (size_t)(o - tight) + 1);
	*lead = keep;
}

/* Take the next line of the text into r->buf. */
static bool
ui_rows_line(struct ui_rows *r)
{
	const char *line = r->next;
	size_t len, lead, at;

	if (!line || !*line)
		return false;
	len = strcspn(line, "\n");
	r->next = line + len + (line[len] == '\n');
	if (len >= sizeof(r->buf))
		len = sizeof(r->buf) - 1;
	memcpy(r->buf, line, len);
	r->buf[len] = '\0';
	at = r->buf[0] == '>';
	lead = strspn(r->buf + at, " ");
	if (len > (size_t)r->w)
		ui_rows_squeeze(r, len, at, &lead);
	r->indent = (int)(at + lead) + r->hang;
	if (r->indent > r->w / 2)
		r->indent = r->w / 2;
	r->rest = r->buf;
	r->line++;
	return true;
}

/* The next row into @out (n > w); *@x: its indent.  false at the end. */
static bool
ui_rows_next(struct ui_rows *r, char *out, size_t n, int *x)
{
	size_t len, take, room, lead;

	if (!r->rest && !ui_rows_line(r))
		return false;
	*x = r->rest == r->buf ? 0 : r->indent;
	room = (size_t)(r->w - *x);
	len = strlen(r->rest);
	take = len;
	/* A blank of the line's indentation is no place to break: a row of
	 * blanks would stand before the word, which is split anyway. */
	lead = strspn(r->rest, " ");
	if (len > room) {
		take = room;
		for (size_t k = room; k > lead; k--)
			if (r->rest[k] == ' ') {
				take = k;
				break;
			}
	}
	if (take >= n)
		take = n - 1;
	memcpy(out, r->rest, take);
	out[take] = '\0';
	r->rest += take;
	while (*r->rest == ' ')
		r->rest++;
	if (!*r->rest)
		r->rest = NULL;
	return true;
}

/*
 * The window onto @rows rows of a box @h high: its usual first row moved
 * back by the pane's scroll, which is clamped to what there is.
 */
static int
ui_first_row(int *off, int rows, int h, int usual)
{
	int last = rows > h ? rows - h : 0, first;

	usual = usual > last ? last : usual;
	first = usual - *off;
	first = first < 0 ? 0 : first > last ? last : first;
	*off = usual - first;
	return first;
}

/* "3-20/31" on the bottom border when the text does not fit. */
static void
ui_draw_position(struct ui_box b, int first, int rows)
{
	char pos[48];
	int h = b.h - 2, n;

	if (rows <= h)
		return;
	n = snprintf(pos, sizeof(pos), " %d-%d/%d ", first + 1, first + h, rows);
	if (n < b.w - 4)
		mvaddstr(b.y + b.h - 1, b.x + b.w - 2 - n, pos);
}

/* The line of @text that byte @at is on. */
static int
ui_line_of(const char *text, size_t at)
{
	int n = 0;

	for (size_t i = 0; text && text[i] && i < at; i++)
		n += text[i] == '\n';
	return n;
}

/*
 * The rows @text takes at @w columns (@hang: see ui_rows), and the rows
 * a pane keeps in view by default: *@mark_row, the first row of line
 * @mark_line (-1 if none), and *@cur_row, the first row of a line that
 * starts with '>' (-1 if none).
 */
static int
ui_count_rows(const char *text, int w, int hang, int mark_line, int *mark_row, int *cur_row)
{
	struct ui_rows r;
	char row[1024];
	int rows = 0, li = -1, x;

	*mark_row = *cur_row = -1;
	ui_rows_init(&r, text, w, hang);
	while (ui_rows_next(&r, row, sizeof(row), &x)) {
		if (r.line != li) {
			li = r.line;
			if (li == mark_line && *mark_row < 0)
				*mark_row = rows;
			if (r.buf[0] == '>' && *cur_row < 0)
				*cur_row = rows;
		}
		rows++;
	}
	return rows;
}

/* The lesson's text rows at @w (the lesson pane is as wide as the screen),
 * and *@from: the row where what the last `l` brought begins. */
static int
ui_les_rows(const struct ui *u, int w, int *from)
{
	int cur;

	return ui_count_rows(u->les_log, w, 0, ui_line_of(u->les_log, u->les_mark), from, &cur);
}

/*
 * The Script pane's text at the step shown: the line the runner was at
 * then (kept with the step), and the result once the step is the one
 * where the run ended, or after it.
 */
static const char *
ui_pd_pane_text(struct ui *u)
{
	const struct ui_step *st = ui_cur_step(u);
	bool over = u->pd_ended && (!st || u->cur >= u->pd_end);
	struct ui_script_view v = {
		.events = u->pd_lines, .nev = pd_script_lines(u->pd_s),
		.cur = st ? st->where : pd_run_doing(u->pd),
		.result = !over ? 0 : pd_run_status(u->pd) == PD_PASSED ? 1 : -1,
		.error = pd_run_error(u->pd), .fail_line = pd_run_fail_line(u->pd),
	};

	v.text = pd_script_text(u->pd_s, &v.len);
	free(u->pd_text);
	u->pd_text = ui_script_text(&v);
	return u->pd_text;
}

/* A pane's title: its name, the host for the host's tables; [ ] when focused. */
static void
ui_pane_title(struct ui *u, int pane, const struct ui_snap *s, char *title, size_t n)
{
	bool focus = u->focus == pane;

	if (pane == UI_PANE_LESSON && u->pd)
		snprintf(title, n, focus ? "[Script: %s]" : " Script: %s ", pd_script_name(u->pd_s));
	else if (pane == UI_PANE_LESSON)
		snprintf(title, n, focus ? "[Lesson: %s (l: next)]" : " Lesson: %s (l: next) ",
			 u->les->title ? u->les->title : "");
	else if ((pane == UI_PANE_STACK || pane == UI_PANE_ROUTE || pane == UI_PANE_NEIGH) &&
		 s && u->started)
		snprintf(title, n, focus ? "[%s: %s]" : " %s: %s ", ui_pane_names[pane],
			 ui_rec_host_name(&u->rec, &s->ev));
	else
		snprintf(title, n, focus ? "[%s]" : " %s ", ui_pane_names[pane]);
}

/*
 * One pane in box @b: a snapshot's pane, the console (the terminal as it
 * is now) or the lesson pane (everything the lesson said).  Every pane
 * scrolls the same way (u->off); what it shows unscrolled: the top; the
 * end for the console and the call stack, whose current function (its
 * '>' line) never leaves the top; for the lesson, the newest rows, but
 * never below the first row of what the last `l` brought.
 */
static void
ui_draw_pane(struct ui *u, int pane, struct ui_box b)
{
	const struct ui_snap *s = pane == UI_PANE_LESSON ? NULL : ui_cur(u), *prev = NULL;
	int inner_w = b.w - 2, inner_h = b.h - 2, first, rows, x, y = 0, li = -1;
	int hang = pane != UI_PANE_LESSON ? 2 : u->pd ? 8 : 0, mark_row, cur_row, usual = 0;
	attr_t a = A_NORMAL;
	int pair = 0;
	const char *text, *ptext;
	char title[192], row[1024], line[1024], pline[1024];
	struct ui_rows r;

	if (b.h < 3 || b.w < 10)
		return;
	if (s && u->started && u->has_before && u->before != u->cur)
		prev = ui_rec_get(&u->rec, u->before);
	text = ui_pane_text(s, pane, inner_w);
	ptext = ui_pane_text(prev, pane, inner_w);
	/* The console is the terminal: everything typed and printed so far. */
	if (pane == UI_PANE_CONSOLE || pane == UI_PANE_LESSON) {
		text = pane == UI_PANE_CONSOLE ? u->rec.console_log : u->pd ? ui_pd_pane_text(u) :
		       u->les_log;
		ptext = NULL;
		prev = NULL;
	}
	/* The frame. */
	if (u->focus == pane)
		attron(A_BOLD);
	ui_draw_frame(b);
	ui_pane_title(u, pane, s, title, sizeof(title));
	mvaddnstr(b.y, b.x + 2, title, b.w - 4);
	if (u->focus == pane)
		attroff(A_BOLD);
	u->rows[pane] = inner_h;
	if (!text)
		return;
	rows = ui_count_rows(text, inner_w, hang, pane == UI_PANE_LESSON && !u->pd ?
			     ui_line_of(text, u->les_mark) : -1, &mark_row, &cur_row);
	if (pane == UI_PANE_CONSOLE)
		usual = rows;
	else if (pane == UI_PANE_LESSON && u->pd)
		/* The script's line in view with a third of the pane before it
		 * (a failure's report after it); after a pass, the end. */
		usual = cur_row < 0 ? rows : cur_row < inner_h / 3 ? 0 :
			cur_row - (u->pd_ended && u->cur >= u->pd_end ? 0 : inner_h / 3);
	else if (pane == UI_PANE_STACK)
		usual = cur_row >= 0 && cur_row < rows - inner_h ? cur_row : rows;
	else if (pane == UI_PANE_LESSON)
		usual = mark_row >= 0 && rows - mark_row > inner_h ? mark_row : rows;
	first = ui_first_row(&u->off[pane], rows, inner_h, usual);
	ui_draw_position(b, first, rows);
	ui_rows_init(&r, text, inner_w, hang);
	for (int i = 0; y < inner_h && ui_rows_next(&r, row, sizeof(row), &x); i++) {
		if (r.line != li) {
			/* A new line: reversed if in use, bold if changed in the
			 * last step (or, in the lesson, a failure or a stop). */
			li = r.line;
			a = A_NORMAL;
			pair = 0;
			if (r.buf[0] == '>') {
				a = A_REVERSE;
				pair = u->color ? UI_C_ROW : 0;
			} else if (pane == UI_PANE_LESSON) {
				a = !strncmp(r.buf, "FAIL", 4) || !strncmp(r.buf, "-> ", 3) ||
				    !strncmp(r.buf, "!! ", 3) || !strncmp(r.buf, "PASS", 4) ?
				    A_BOLD : A_NORMAL;
			} else if (prev && (!ui_line(text, li, line, sizeof(line)) ||
					    !ui_line(ptext, li, pline, sizeof(pline)) ||
					    strcmp(line, pline))) {
				a = A_BOLD;
				pair = u->color ? UI_C_CHANGED : 0;
			}
		}
		if (i < first)
			continue;
		attron(a | COLOR_PAIR(pair));
		mvaddnstr(b.y + 1 + y++, b.x + 1 + x, row, inner_w - x);
		attroff(a | COLOR_PAIR(pair));
	}
}

/* Is the whole run known: nothing queued, nothing running, no event left? */
static bool
ui_total_known(struct ui *u)
{
	if (u->pd)
		return u->pd_ended;
	return !u->qlen && !ui_world_busy(u) && !u->w->eng.heap_len;
}

/* Rows under the top bar for the current function's line: two on a narrow screen. */
static int
ui_header_rows(void)
{
	return COLS < 120 ? 2 : 1;
}

/* Rows for the lesson pane: what the last `l` brought, within a quarter
 * and a half of the screen, 40% in the compact layout, whose panes are
 * short already (more is reached by scrolling, or z). */
static int
ui_les_height(const struct ui *u, int avail)
{
	int from, rows = ui_les_rows(u, COLS - 2, &from);
	int need = (from >= 0 ? rows - from : 0) + 3;
	int lo = avail / 4 < 5 ? 5 : avail / 4;
	int hi = COLS < 120 || LINES < 34 ? avail * 40 / 100 : avail / 2;

	return need < lo ? lo : need > hi ? hi : need;
}

/* Rows for the Script pane: the script and its result, within 5 rows and
 * a third of the screen (35% in the compact layout); the rest scrolls. */
static int
ui_pd_height(struct ui *u, int avail)
{
	int mark, cur, need = ui_count_rows(ui_pd_pane_text(u), COLS - 2, 8, -1, &mark, &cur) + 2;
	int hi = COLS < 120 || LINES < 34 ? avail * 35 / 100 : avail / 3;

	hi = hi < 5 ? 5 : hi;
	return need < 5 ? 5 : need > hi ? hi : need;
}

/*
 * The top bar (step, time, host, frames on the wire) and, under it, the
 * current function and its one-line explanation, or before the first
 * step what is queued and the key that starts it.  The step counter
 * gives the total only when it is known (the run is over); looking back,
 * it says how far.
 */
static void
ui_draw_header(struct ui *u)
{
	const struct ui_snap *s = u->started ? ui_cur(u) : NULL;
	char top[512], ex[1024], row[1024];
	int rows = ui_header_rows(), x, y = 1;
	struct ui_rows r;

	if (s) {
		u64 newest = u->rec.count - 1;
		char of[48] = "";

		if (ui_total_known(u))
			snprintf(of, sizeof(of), "/%llu", (unsigned long long)newest + 1);
		else if (u->cur < newest)
			snprintf(of, sizeof(of), " (newest %llu)", (unsigned long long)newest + 1);
		snprintf(top, sizeof(top), " netstep  step %llu%s  t=%lld.%06llds  %s  wire:%lu",
			 (unsigned long long)u->cur + 1, of, (long long)(s->ev.ts / 1000000000),
			 (long long)(s->ev.ts % 1000000000 / 1000), ui_rec_host_name(&u->rec, &s->ev),
			 s->wire_frames);
	} else {
		snprintf(top, sizeof(top), " netstep  ready: the world before the first step, "
			 "? for help");
	}
	attron(A_REVERSE | COLOR_PAIR(u->color ? UI_C_BAR : 0));
	mvhline(0, 0, ' ', COLS);
	mvaddnstr(0, 0, top, COLS);
	attroff(A_REVERSE | COLOR_PAIR(u->color ? UI_C_BAR : 0));
	if (!s && u->les) {
		snprintf(ex, sizeof(ex), " lesson: nothing has run yet; l runs its first steps");
	} else if (!s && u->pd) {
		snprintf(ex, sizeof(ex), " l runs the script line by line, s steps into its first "
			 "line, c runs it (b FUNC first stops in that function)");
	} else if (!s && !u->qlen) {
		snprintf(ex, sizeof(ex), " queued: nothing (: starts a command)");
	} else if (!s) {
		/* The first screen: the key that starts it, and what will run. */
		int k = snprintf(ex, sizeof(ex), " s steps into it, c runs it, : adds a command; "
				 "queued:");

		for (int i = 0; i < u->qlen && k > 0 && (size_t)k < sizeof(ex); i++)
			k += snprintf(ex + k, sizeof(ex) - (size_t)k, "%s %s", i ? ";" : "",
				      u->queue[i]);
	} else {
		const char *ksrc = trace_rec_ksrc(&s->ev);
		const char *why = ui_explain(&s->ev);
		const char *mark = s->ev.kind == TRACE_NOTE ? " note" :
				   trace_rec_inline(&s->ev) ? " " UI_INLINE_MARK : "";
		const char *arrow = s->ev.kind == TRACE_EXIT ? "<- " : "";

		snprintf(ex, sizeof(ex), " %s%s%s (%s)%s%s", arrow, trace_rec_func(&s->ev), mark,
			 ksrc && *ksrc ? ksrc : "netstep", why ? ": " : "", why ? why : "");
		/* The kernel file is in the call stack too: it goes first. */
		if ((int)strlen(ex) > rows * COLS)
			snprintf(ex, sizeof(ex), " %s%s%s%s%s", arrow, trace_rec_func(&s->ev), mark,
				 why ? ": " : "", why ? why : "");
	}
	attron(A_BOLD);
	ui_rows_init(&r, ex, COLS, 3);
	while (y <= rows && ui_rows_next(&r, row, sizeof(row), &x))
		mvaddnstr(y++, x, row, COLS - x);
	attroff(A_BOLD);
}

/*
 * While c, n or f let the world run: say so on the status line, with
 * how far it got (at most every 100 ms, from inside the trace sink).
 */
static void
ui_draw_running(struct ui *u, const struct ui_step *st)
{
	struct timespec now;
	char line[160];

	if (!u->live)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if ((now.tv_sec - u->drawn.tv_sec) * 1000 + (now.tv_nsec - u->drawn.tv_nsec) / 1000000 < 100)
		return;
	u->drawn = now;
	snprintf(line, sizeof(line), " running... any key stops (q quits)   %llu steps  t=%lld.%06llds",
		 (unsigned long long)u->walked, st ? (long long)(st->ev.ts / 1000000000) : 0LL,
		 st ? (long long)(st->ev.ts % 1000000000 / 1000) : 0LL);
	attron(A_REVERSE | COLOR_PAIR(u->color ? UI_C_BAR : 0));
	mvhline(LINES - 1, 0, ' ', COLS);
	mvaddnstr(LINES - 1, 0, line, COLS);
	attroff(A_REVERSE | COLOR_PAIR(u->color ? UI_C_BAR : 0));
	refresh();
}

static void
ui_draw_footer(struct ui *u)
{
	/* The words where they fit (with a lesson, from 124 columns), else the letters. */
	const char *words = u->les || u->pd ? u->pd ?
		" l line  s step  n next  f finish  c cont  p back  g go  / find  b break"
		"  w write  Tab pane  z zoom  : cmd  ? help  q quit" :
		" l lesson  s step  n next  f finish  c cont  p back  g go  / find  b break"
		"  w write  Tab pane  z zoom  : cmd  ? help  q quit" :
		" s step  n next  f finish  c cont  p back  g go  / find  b break  w write"
		"  Tab pane  z zoom  : cmd  ? help  q quit";
	const char *keys = (int)strlen(words) <= COLS ? words : u->les || u->pd ?
		" l s n f c p g / b w Tab z : ? q" : " s n f c p g / b w Tab z : ? q";
	char line[512];

	if (u->msg[0])
		snprintf(line, sizeof(line), " %s", u->msg);
	else
		snprintf(line, sizeof(line), "%s", keys);
	attron(A_REVERSE | COLOR_PAIR(u->color ? UI_C_BAR : 0));
	mvhline(LINES - 1, 0, ' ', COLS);
	mvaddnstr(LINES - 1, 0, line, COLS);
	attroff(A_REVERSE | COLOR_PAIR(u->color ? UI_C_BAR : 0));
}

static void
ui_draw_help(void)
{
	static const char *const lines[] = {
		"s, space, Right  step into (the next trace event)",
		"n        step over the calls of this function",
		"f        step out: run until this function returns",
		"c        continue to the next breakpoint",
		"         (while the world runs, any key stops it)",
		"p, Left  step back through the history (read-only)",
		"g N      go to step N",
		"/TEXT    find TEXT in the history (a function, skb#N,",
		"         an address), older first; / again, N newer",
		"b FUNC   breakpoint on a kernel function;",
		"         b alone lists them, d N deletes one",
		"Tab      next pane (the lesson's too);  z  zoom it",
		"Up/Down, PgUp/PgDn  scroll the focused pane",
		":        console command (ping, send, ip, tc ...);",
		"         Up/Down recall earlier ones, :help lists all",
		"w FILE   write FILE.pcapng (frames) or FILE.txt (trace)",
		"?, F1    this help;  q  quit",
		"l, Enter lesson: next step / the answer; script: next line",
		"'>' marks the current function, row, script line;",
		UI_INLINE_MARK ": static inline in 3.10, absent from ftrace;",
		"bold: changed in the last step.  Any key closes.",
	};
	int h = (int)ARRAY_SIZE(lines) + 2, w = 60;
	int y = (LINES - h) / 2, x = (COLS - w) / 2;

	if (y < 0)
		y = 0;
	if (x < 0)
		x = 0;
	for (int i = 0; i < h && y + i < LINES; i++) {
		mvhline(y + i, x, ' ', w < COLS ? w : COLS);
		mvaddch(y + i, x, '|');
		if (x + w - 1 < COLS)
			mvaddch(y + i, x + w - 1, '|');
	}
	for (size_t i = 0; i < ARRAY_SIZE(lines); i++)
		mvaddnstr(y + 1 + (int)i, x + 2, lines[i], COLS - x - 2);
	attron(A_BOLD);
	mvaddnstr(y, x, "+--------------------------- help ---------------------------+",
		  COLS - x);
	mvaddnstr(y + h - 1, x, "+----------------------------------------------------------+",
		  COLS - x);
	attroff(A_BOLD);
}

/* Panes only the large layout shows; the compact one shows the focused one in the Rings box. */
static bool
ui_pane_hidden_when_compact(int pane)
{
	return pane == UI_PANE_QDISC || pane == UI_PANE_FRAME || pane == UI_PANE_CONSOLE;
}

/* Rows @pane's text takes in a box @w wide, with its border. */
static int
ui_pane_rows(struct ui *u, int pane, int w)
{
	const char *text = ui_pane_text(ui_cur(u), pane, w - 2);
	int mark, cur;

	return text ? ui_count_rows(text, w - 2, 2, -1, &mark, &cur) + 2 : 3;
}

/*
 * The panes in the box (@top, @avail rows, all columns).  Compact, below
 * 120x34: call stack and skb on the left; route, neighbours and rings on
 * the right (Tab to the qdisc, frame or console pane shows it in place of
 * the rings).  Large: three columns, every pane, sized for what each
 * shows at 120x40 without cutting a field: the call stack's functions,
 * file:line and fields, the skb pane's lines, the qdisc pane with its
 * NET_TX/NET_RX rows, a TX ring window; what does not fit scrolls.
 * Before the first step the call stack and the skb have nothing to
 * show: the qdisc and softirqs, the host's tables and the rings get the
 * room.
 */
static void
ui_layout(struct ui *u, int top, int avail)
{
	if (u->zoom) {
		ui_draw_pane(u, u->focus, (struct ui_box){ top, 0, avail, COLS });
	} else if (COLS < 120 || LINES < 34) {
		int lw = COLS * 48 / 100, rw = COLS - lw;
		int h1 = avail * 45 / 100, r1 = avail * 30 / 100, r2 = avail * 30 / 100;
		int last = ui_pane_hidden_when_compact(u->focus) ? u->focus : UI_PANE_RING;

		if (u->started) {
			ui_draw_pane(u, UI_PANE_STACK, (struct ui_box){ top, 0, h1, lw });
			ui_draw_pane(u, UI_PANE_SKB, (struct ui_box){ top + h1, 0, avail - h1, lw });
		} else {
			ui_draw_pane(u, UI_PANE_QDISC, (struct ui_box){ top, 0, avail, lw });
			last = last == UI_PANE_QDISC ? UI_PANE_RING : last;
		}
		ui_draw_pane(u, UI_PANE_ROUTE, (struct ui_box){ top, lw, r1, rw });
		ui_draw_pane(u, UI_PANE_NEIGH, (struct ui_box){ top + r1, lw, r2, rw });
		ui_draw_pane(u, last, (struct ui_box){ top + r1 + r2, lw, avail - r1 - r2, rw });
	} else if (!u->started) {
		/* A ring slot needs 42 columns, as below; the qdisc pane 50 (its
		 * counters on one line) and 9 rows (with NET_TX/NET_RX). */
		int w1 = COLS * 36 / 100 > 50 ? COLS * 36 / 100 : 50;
		int w2 = COLS * 34 / 100 > 42 ? COLS * 34 / 100 : 42;
		int w3 = COLS - w1 - w2;
		int q = avail > 27 ? avail * 30 / 100 : 9, rt = (avail - q) / 2, g = avail / 2;

		ui_draw_pane(u, UI_PANE_QDISC, (struct ui_box){ top, 0, q, w1 });
		ui_draw_pane(u, UI_PANE_ROUTE, (struct ui_box){ top + q, 0, rt, w1 });
		ui_draw_pane(u, UI_PANE_NEIGH, (struct ui_box){ top + q + rt, 0, avail - q - rt, w1 });
		ui_draw_pane(u, UI_PANE_RING, (struct ui_box){ top, w1, avail, w2 });
		ui_draw_pane(u, UI_PANE_FRAME, (struct ui_box){ top, w1 + w2, g, w3 });
		ui_draw_pane(u, UI_PANE_CONSOLE, (struct ui_box){ top + g, w1 + w2, avail - g, w3 });
	} else {
		/* 38 + 40 + 42 columns at 120 (a narrow route table and a ring slot
		 * fit); wider screens give the middle one most (at 200 columns
		 * the route and neighbour tables show their wide forms). */
		int w1 = COLS * 30 / 100 > 38 ? COLS * 30 / 100 : 38;
		int w2 = COLS * 37 / 100 > 40 ? COLS * 37 / 100 : 40;
		int w3, skb, route, neigh, qdisc, rings;

		if (w2 > COLS - w1 - 42)
			w2 = COLS - w1 - 42;
		w3 = COLS - w1 - w2;
		/* The skb pane's whole text (17 rows at most) where that leaves
		 * the call stack 9 rows (its current function stays in view:
		 * ui_draw_pane); the qdisc pane's (NET_TX/NET_RX last) before
		 * the console's, which scrolls (3 rows at least).  A lesson's
		 * pane leaves them less room. */
		skb = ui_pane_rows(u, UI_PANE_SKB, w1);
		skb = skb < 17 ? skb : 17;
		skb = skb < avail - 9 ? skb : avail - 9 > 5 ? avail - 9 : 5;
		route = avail * 30 / 100;
		neigh = avail * 22 / 100;
		qdisc = ui_pane_rows(u, UI_PANE_QDISC, w2);
		if (qdisc > avail - route - neigh - 3) {
			/* Short of rows: the route table gives up those it leaves empty. */
			int slack = route - ui_pane_rows(u, UI_PANE_ROUTE, w2);
			int need = qdisc - (avail - route - neigh - 3);

			route -= slack < 0 ? 0 : slack < need ? slack : need;
		}
		qdisc = qdisc < avail - route - neigh - 3 ? qdisc : avail - route - neigh - 3;
		rings = avail * 62 / 100;
		ui_draw_pane(u, UI_PANE_STACK, (struct ui_box){ top, 0, avail - skb, w1 });
		ui_draw_pane(u, UI_PANE_SKB, (struct ui_box){ top + avail - skb, 0, skb, w1 });
		ui_draw_pane(u, UI_PANE_ROUTE, (struct ui_box){ top, w1, route, w2 });
		ui_draw_pane(u, UI_PANE_NEIGH, (struct ui_box){ top + route, w1, neigh, w2 });
		ui_draw_pane(u, UI_PANE_QDISC, (struct ui_box){ top + route + neigh, w1, qdisc, w2 });
		ui_draw_pane(u, UI_PANE_CONSOLE, (struct ui_box){ top + route + neigh + qdisc, w1,
								  avail - route - neigh - qdisc, w2 });
		ui_draw_pane(u, UI_PANE_RING, (struct ui_box){ top, w1 + w2, rings, w3 });
		ui_draw_pane(u, UI_PANE_FRAME, (struct ui_box){ top + rings, w1 + w2, avail - rings,
								w3 });
	}
}

static void
ui_render(struct ui *u)
{
	int top = 1 + ui_header_rows(), avail = LINES - 2 - ui_header_rows();

	erase();
	if (LINES < 10 || COLS < 40) {
		mvaddnstr(0, 0, "netstep: the terminal is too small (40x10 at least)", COLS);
		refresh();
		return;
	}
	ui_draw_header(u);
	ui_draw_footer(u);
	if ((u->les || u->pd) && !(u->zoom && u->focus == UI_PANE_LESSON)) {
		/* The lesson's or the script's pane across the bottom (a zoomed
		 * pane takes the rest). */
		int lh = u->pd ? ui_pd_height(u, avail) : ui_les_height(u, avail);

		avail -= lh;
		ui_draw_pane(u, UI_PANE_LESSON, (struct ui_box){ top + avail, 0, lh, COLS });
	}
	ui_layout(u, top, avail);
	if (u->help)
		ui_draw_help();
	refresh();
}

/* The screen as plain text into @f (closed here); 0, or 1 naming @path. */
static int
ui_dump_screen(FILE *f, const char *path)
{
	char line[1024];
	int err;

	for (int y = 0; y < LINES; y++) {
		int n = COLS < (int)sizeof(line) - 1 ? COLS : (int)sizeof(line) - 1;
		chtype cells[1024];

		/* Line-drawing characters come back as their ACS letters. */
		if (mvinchnstr(y, 0, cells, n) == ERR)
			cells[0] = 0;
		for (int k = 0; k <= n; k++) {
			chtype c = k < n ? cells[k] : 0;
			char ch = (char)(c & A_CHARTEXT);

			if (!c) {
				line[k] = '\0';
				break;
			}
			if (c & A_ALTCHARSET)
				ch = ch == 'q' ? '-' : ch == 'x' ? '|' : '+';
			line[k] = ch;
		}
		line[n] = '\0';
		for (int k = (int)strlen(line); k > 0 && line[k - 1] == ' '; k--)
			line[k - 1] = '\0';
		fprintf(f, "%s\n", line);
	}
	err = ui_fclose(f);
	if (err)
		fprintf(stderr, "netstep: cannot write %s: %s\n", path, strerror(err));
	return err ? 1 : 0;
}

/* ---- keys --------------------------------------------------------------- */

/*
 * Keys by name, for --keys ("Tab", "s*20") and inside a typed line
 * ("<Up>" recalls the last `:` line).  Only keys the UI answers.
 */
static const struct { const char *name; int key; } ui_named_keys[] = {
	{ "Tab", '\t' }, { "BTab", KEY_BTAB }, { "Left", KEY_LEFT }, { "Right", KEY_RIGHT },
	{ "Up", KEY_UP }, { "Down", KEY_DOWN }, { "PgUp", KEY_PPAGE }, { "PgDn", KEY_NPAGE },
	{ "Space", ' ' }, { "F1", KEY_F(1) }, { "Resize", KEY_RESIZE }, { "Enter", '\n' },
	{ "Esc", 27 }, { "Backspace", KEY_BACKSPACE },
};
/* Keys that are one letter; b d g w take a word, : a line, / a text. */
static const char ui_letter_keys[] = "snfcpgNbdw/:zql?";

/* Keys of --keys not read yet? */
static bool
ui_fed_left(struct ui *u)
{
	while (u->ifed < u->nfed && u->fed[u->ifed].rep <= 0)
		u->ifed++;
	return u->ifed < u->nfed;
}

/* The next key: from --keys while it lasts, then the terminal (ERR: none). */
static int
ui_getkey(struct ui *u)
{
	if (ui_fed_left(u)) {
		u->fed[u->ifed].rep--;
		return u->fed[u->ifed].key;
	}
	return u->scripted ? ERR : getch();
}

/*
 * Read a line at the bottom of the screen; false on Esc (or when --keys
 * ends inside it).  With @recall, Up and Down walk the `:` lines typed
 * before.
 */
static bool
ui_prompt(struct ui *u, const char *label, char *buf, size_t n, bool recall)
{
	char typed[CONSOLE_MAX_LINE] = "";	/* the new line, while an old one shows */
	int h = u->nhist;			/* u->nhist: the new line */
	size_t len = 0;

	buf[0] = '\0';
	curs_set(1);
	for (;;) {
		int ch, lw = (int)strlen(label), room = COLS - lw - 1;

		attron(A_REVERSE);
		mvhline(LINES - 1, 0, ' ', COLS);
		mvaddnstr(LINES - 1, 0, label, COLS);
		/* A line longer than the screen shows its end. */
		if (room > 0)
			mvaddnstr(LINES - 1, lw, (int)len > room ? buf + len - (size_t)room : buf,
				  room);
		attroff(A_REVERSE);
		refresh();
		ch = ui_getkey(u);
		if (ch == '\n' || ch == '\r' || ch == KEY_ENTER)
			break;
		if (ch == 27 || ch == ERR) {
			curs_set(0);
			u->msg[0] = '\0';
			return false;
		}
		if (recall && (ch == KEY_UP || ch == KEY_DOWN)) {
			if (ch == KEY_UP ? h == 0 : h == u->nhist)
				continue;
			if (h == u->nhist)
				snprintf(typed, sizeof(typed), "%s", buf);
			h += ch == KEY_UP ? -1 : 1;
			snprintf(buf, n, "%s", h == u->nhist ? typed : u->hist[h]);
			len = strlen(buf);
		} else if ((ch == KEY_BACKSPACE || ch == 127 || ch == 8) && len) {
			buf[--len] = '\0';
		} else if (ch >= 32 && ch < 127 && len + 1 < n) {
			buf[len++] = (char)ch;
			buf[len] = '\0';
		}
	}
	curs_set(0);
	return true;
}

/*
 * Scroll the focused pane: Up/Down a row, PgUp/PgDn a page, its rows as
 * last drawn less one (the scroll is clamped when drawn).
 */
static void
ui_scroll(struct ui *u, int ch)
{
	int page = u->rows[u->focus] > 2 ? u->rows[u->focus] - 1 : 1;

	switch (ch) {
	case KEY_UP: u->off[u->focus]++; break;
	case KEY_DOWN: u->off[u->focus]--; break;
	case KEY_PPAGE: u->off[u->focus] += page; break;
	case KEY_NPAGE: u->off[u->focus] -= page; break;
	}
}

static void
ui_key(struct ui *u, int ch)
{
	char buf[CONSOLE_MAX_LINE];

	if (u->help && ch != ERR) {
		u->help = false;
		return;
	}
	u->msg[0] = '\0';
	if ((ch > 0 && ch < 256 && strchr("snfcpgN/ ", ch)) || ch == KEY_LEFT || ch == KEY_RIGHT) {
		u->before = u->cur;
		u->has_before = u->started;
	}
	switch (ch) {
	case 's': case ' ': case KEY_RIGHT:
		ui_step(u);
		break;
	case 'n':
		ui_walk(u, UI_WALK_OVER);
		break;
	case 'f':
		ui_walk(u, UI_WALK_OUT);
		break;
	case 'c':
		ui_walk(u, UI_WALK_CONT);
		break;
	case 'p': case KEY_LEFT:
		ui_back(u);
		break;
	case 'g':
		if (ui_prompt(u, "go to step: ", buf, sizeof(buf), false))
			ui_goto(u, buf);
		break;
	case '/':
		if (ui_prompt(u, "find (older first): /", buf, sizeof(buf), false))
			ui_search(u, buf, -1);
		break;
	case 'N':
		ui_search(u, "", 1);
		break;
	case 'w':
		if (ui_prompt(u, "write FILE.pcapng (frames) or FILE.txt (trace): ", buf,
			      sizeof(buf), false))
			ui_write(u, buf);
		break;
	case 'b':
		if (ui_prompt(u, "break at (empty: list): ", buf, sizeof(buf), false))
			ui_add_bp(u, buf);
		break;
	case 'd':
		if (ui_prompt(u, "delete breakpoint number: ", buf, sizeof(buf), false))
			ui_del_bp(u, buf);
		break;
	case ':':
		if (ui_prompt(u, ":", buf, sizeof(buf), true) && buf[0])
			ui_command(u, buf);
		break;
	case KEY_UP: case KEY_DOWN: case KEY_PPAGE: case KEY_NPAGE:
		ui_scroll(u, ch);
		break;
	case '\t':
	case KEY_BTAB: {
		/* The lesson pane is one more stop of the cycle. */
		int n = UI_NPANES + (u->les || u->pd ? 1 : 0);

		u->focus = (u->focus + (ch == '\t' ? 1 : n - 1)) % n;
		snprintf(u->msg, sizeof(u->msg), "pane: %s (z zooms, Up/Down/PgUp/PgDn scroll)",
			 u->focus != UI_PANE_LESSON ? ui_pane_names[u->focus] : u->pd ? "Script" :
			 "Lesson");
		break;
	}
	case 'z':
		u->zoom = !u->zoom;
		break;
	case '?': case KEY_F(1):
		u->help = true;
		break;
	case 'q':
		u->quit = true;
		break;
	case 'l': case '\n': case '\r': case KEY_ENTER:
		if (!u->pd) {
			ui_les_next(u);
			break;
		}
		/* A script: run until the next of its lines makes a step. */
		u->before = u->cur;
		u->has_before = u->started;
		ui_walk(u, UI_WALK_LINE);
		break;
	default:	/* KEY_RESIZE redraws; anything else does nothing */
		break;
	}
}

/* Append @rep x @key to u->fed; false without memory. */
static bool
ui_feed(struct ui *u, int key, long rep)
{
	struct ui_fed_key *v = realloc(u->fed, (u->nfed + 1) * sizeof(*v));

	if (!v)
		return false;
	u->fed = v;
	u->fed[u->nfed++] = (struct ui_fed_key){ key, rep };
	return true;
}

/* A key by name ("Tab") or as one known letter; -1 if neither. */
static int
ui_key_named(const char *t)
{
	for (size_t i = 0; i < ARRAY_SIZE(ui_named_keys); i++)
		if (!strcmp(t, ui_named_keys[i].name))
			return ui_named_keys[i].key;
	if (t[0] && !t[1] && strchr(ui_letter_keys, t[0]))
		return (unsigned char)t[0];
	return -1;
}

/* Type @word into a prompt: its letters, or the key a "<Name>" names. */
static bool
ui_feed_word(struct ui *u, const char *word);

/*
 * --keys: "s s n b tcp_transmit_skb c : ping -c 1 10.0.1.2 ; /skb#3 q".
 * The whole string is checked before any key runs: a word that is no
 * key is refused (2), as is KEY*N on a key that takes text.  The text
 * of b, d, g and w is the next word; of `:` the words up to ';' (where
 * "<Up>" is the Up key, recalling an earlier line); of / the rest of
 * its word ("/" alone repeats the last search).
 */
static int
ui_parse_keys(struct ui *u, const char *keys)
{
	char *copy = strdup(keys), *save = NULL, *t;
	int rc = 0;

	for (t = copy ? strtok_r(copy, " ", &save) : NULL; t && !rc;
	     t = strtok_r(NULL, " ", &save)) {
		char *star = strchr(t, '*'), *end = NULL;
		long rep = 1;
		int key;

		if (star && star != t && star[1]) {
			rep = strtol(star + 1, &end, 10);
			*star = '\0';
		}
		key = t[0] == '/' ? '/' : ui_key_named(t);
		if (end && (*end || rep < 1 || rep > 1000000)) {
			fprintf(stderr, "netstep: --keys: '%s*%s': KEY*N repeats 1 to 1000000 times\n",
				t, star + 1);
			rc = 2;
			break;
		}
		if (key < 0) {
			fprintf(stderr, "netstep: --keys: unknown key '%s' (one letter of \"%s\", "
				"or Tab BTab Left Right Up Down PgUp PgDn Space Enter Esc F1; "
				"KEY*N repeats)\n", t, ui_letter_keys);
			rc = 2;
			break;
		}
		if (rep > 1 && key < 128 && strchr("bdgw:/", key)) {
			fprintf(stderr, "netstep: --keys: '%s*%ld': a key that takes text does not "
				"repeat\n", t, rep);
			rc = 2;
			break;
		}
		if (!ui_feed(u, key, rep)) {
			rc = 1;
			break;
		}
		if (key == '/' || (key < 128 && strchr("bdgw", key))) {
			const char *text = key == '/' ? t + 1 : strtok_r(NULL, " ", &save);

			if (!ui_feed_word(u, text ? text : "") || !ui_feed(u, '\n', 1))
				rc = 1;
		} else if (key == ':') {
			bool first = true;

			while (!rc && (t = strtok_r(NULL, " ", &save)) && strcmp(t, ";")) {
				if ((!first && t[0] != '<' && !ui_feed(u, ' ', 1)) ||
				    !ui_feed_word(u, t))
					rc = 1;
				first = false;
			}
			if (!rc && !ui_feed(u, '\n', 1))
				rc = 1;
		}
	}
	free(copy);
	if (!copy && !rc)
		rc = 1;
	if (rc == 1)
		fprintf(stderr, "netstep: --keys: out of memory\n");
	return rc;
}

static bool
ui_feed_word(struct ui *u, const char *word)
{
	size_t n = strlen(word);

	if (n > 2 && word[0] == '<' && word[n - 1] == '>') {
		char name[16];
		int key;

		snprintf(name, sizeof(name), "%.*s", (int)(n - 2), word + 1);
		key = ui_key_named(name);
		if (key >= 0 && (key >= 128 || !strchr(ui_letter_keys, key)))
			return ui_feed(u, key, 1);
	}
	for (; *word; word++)
		if (!ui_feed(u, (unsigned char)*word, 1))
			return false;
	return true;
}

/* ---- setup and the main loop ------------------------------------------- */

static SCREEN *
ui_open_screen(bool offscreen, FILE **devnull)
{
	const char *term = getenv("TERM");
	SCREEN *scr;

	*devnull = NULL;
	if (!offscreen)
		return newterm(NULL, stdout, stdin);
	/* A screen nobody sees: its size comes from COLUMNS/LINES. */
	if (!getenv("COLUMNS"))
		setenv("COLUMNS", "80", 1);
	if (!getenv("LINES"))
		setenv("LINES", "24", 1);
	*devnull = fopen("/dev/null", "r+");
	if (!*devnull)
		return NULL;
	scr = newterm(term && *term && strcmp(term, "dumb") ? term : "xterm", *devnull, *devnull);
	if (!scr)
		scr = newterm("vt100", *devnull, *devnull);
	return scr;
}

/* Everything ui_main made, in the reverse order. */
static void
ui_free(struct ui *u)
{
	for (int i = 0; i < u->qlen; i++)
		free(u->queue[i]);
	for (int i = 0; i < u->nhist; i++)
		free(u->hist[i]);
	free(u->fed);
	lesson_run_destroy(u->lrun);
	free(u->les_log);
	free(u->pd_lines);
	free(u->pd_text);
	ui_close_capture(u);
	ui_rec_exit(&u->rec);
	sim_journal_free(&u->journal);
	/* Tasks still asleep may print at teardown: keep u->out open. */
	u->con->out = stdout;
	u->con->err = stderr;
	free(u);
}

/* The line the runner is at, for the recorder to keep with each step. */
static int
ui_pd_where(void *arg)
{
	return pd_run_doing(arg);
}

/* --packetdrill: the runner drives the world, the Script pane shows it. */
static bool
ui_pd_start(struct ui *u, struct pd_run *r, const struct pd_script *s)
{
	int n = pd_script_lines(s);

	u->pd = r;
	u->pd_s = s;
	u->wops = &ui_world_packetdrill;
	u->wops_arg = u;
	u->pd_lines = calloc((size_t)n, sizeof(int));
	if (!u->pd_lines || !u->out)
		return false;
	for (int i = 0; i < n; i++)
		u->pd_lines[i] = pd_script_line(s, i);
	/* What its shell lines print is the console's. */
	pd_run_set_out(r, u->out);
	u->rec.where = ui_pd_where;
	u->rec.where_arg = r;
	u->focus = UI_PANE_LESSON;
	snprintf(u->msg, sizeof(u->msg), "packetdrill: l runs line %d, s steps into it, c runs "
		 "the script (? help)", pd_run_doing(r));
	return true;
}

/*
 * The UI on @w; with @les (already validated) the lesson supplies the
 * steps, with @pd (started, @pds its script) a packetdrill runner.
 */
static int
ui_main(struct sim_world **wp, struct sim_console *con, const char *script,
	const struct ui_config *cfg, struct lesson *les, struct pd_run *pd,
	const struct pd_script *pds)
{
	struct ui *u = calloc(1, sizeof(*u));
	bool offscreen = cfg->dump || !isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO);
	const char *nc = getenv("NO_COLOR");
	struct sim_world *w = *wp;
	FILE *devnull, *dump = NULL;
	SCREEN *scr;
	int rc = 0;

	if (u)
		sim_journal_init(&u->journal);
	/* The TAP wire is not deterministic: no journal, nothing to replay. */
	if (!u || ui_rec_init(&u->rec, w, cfg->tap ? NULL : &u->journal)) {
		fprintf(stderr, "netstep: cannot start the UI (out of memory)\n");
		free(u);
		return 1;
	}
	u->w = w;
	u->seed = cfg->seed;
	u->wops = &ui_world_classroom;
	u->wops_arg = &u->seed;
	u->live = !offscreen;
	u->con = con;
	u->out = tmpfile();
	if (u->out) {
		con->out = u->out;	/* `sleep` and `sim` print through the console */
		con->err = u->out;
	}
	u->scripted = cfg->keys != NULL;
	rc = cfg->keys ? ui_parse_keys(u, cfg->keys) : 0;
	if (!rc && cfg->dump) {
		/* Refused now, not after the keys ran. */
		dump = fopen(cfg->dump, "w");
		if (!dump) {
			fprintf(stderr, "netstep: cannot write %s: %s\n", cfg->dump, strerror(errno));
			rc = 1;
		}
	}
	if (rc) {
		ui_free(u);
		return rc;
	}
	ui_open_capture(u);
	ui_queue(u, script ? script : UI_DEFAULT_SCRIPT);
	if (les) {
		u->les = les;
		u->lrun = lesson_run_create(les, w, u->out);
		if (!u->out || !u->lrun) {
			fprintf(stderr, "netstep: cannot start the lesson\n");
			if (dump)
				fclose(dump);
			ui_free(u);
			return 1;
		}
		lesson_run_set_journal(u->lrun, u->rec.j);
		lesson_run_set_stop_hook(u->lrun, ui_les_stop_hook, u);
		ui_les_log(u, "%s", les->summary ? les->summary : "");
		for (int i = 0; i < les->nkernel; i++)
			ui_les_log(u, "  kernel:  %s", les->kernel[i]);
		for (int i = 0; i < les->nnetstep; i++)
			ui_les_log(u, "  netstep: %s", les->netstep[i]);
		ui_les_log(u, "%s", "");
		ui_les_narrate(u);
		snprintf(u->msg, sizeof(u->msg), "lesson: read, then press l (? for help)");
	}
	if (pd && !ui_pd_start(u, pd, pds)) {
		fprintf(stderr, "netstep: cannot start the UI (out of memory)\n");
		if (dump)
			fclose(dump);
		ui_free(u);
		return 1;
	}

	scr = ui_open_screen(offscreen, &devnull);
	if (!scr) {
		fprintf(stderr, "netstep: cannot open the terminal (TERM=%s)\n",
			getenv("TERM") ? getenv("TERM") : "");
		if (dump)
			fclose(dump);
		ui_free(u);
		return 1;
	}
	ui_curses_active = 1;
	atexit(ui_restore_terminal);
	signal(SIGINT, ui_fatal_signal);
	signal(SIGTERM, ui_fatal_signal);
	signal(SIGSEGV, ui_fatal_signal);
	signal(SIGABRT, ui_fatal_signal);
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	u->color = has_colors() && !(nc && *nc);
	if (u->color) {
		start_color();
		use_default_colors();
		init_pair(UI_C_CHANGED, COLOR_YELLOW, -1);
		init_pair(UI_C_ROW, COLOR_BLACK, COLOR_CYAN);
		init_pair(UI_C_BAR, COLOR_BLACK, COLOR_WHITE);
	}
	/* --keys first, each drawn as if typed (a pane's scroll is clamped to
	 * what it shows when drawn); then the terminal, unless there is none. */
	while (!u->quit && ui_fed_left(u)) {
		ui_key(u, ui_getkey(u));
		ui_render(u);
	}
	u->scripted = false;
	if (dump) {
		ui_render(u);
		rc = ui_dump_screen(dump, cfg->dump);
	} else if (!offscreen) {
		while (!u->quit) {
			ui_render(u);
			ui_key(u, ui_getkey(u));
		}
	}
	ui_restore_terminal();
	delscreen(scr);
	if (devnull)
		fclose(devnull);
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGSEGV, SIG_DFL);
	signal(SIGABRT, SIG_DFL);
	if (u->pd && !rc) {
		/* What the headless run says and gives, from where the student
		 * left it (a quit before the end runs the rest unseen, the
		 * recorder keeping only its records). */
		u->rec.mode = UI_REC_RUN;
		rc = pd_cli_finish(u->pd);
	}
	*wp = u->w;	/* a lesson may have gone on in a rebuilt world */
	ui_free(u);
	return rc;
}

int
ui_run(struct sim_world *w, struct sim_console *con, const char *script,
       const struct ui_config *cfg)
{
	return ui_main(&w, con, script, cfg, NULL, NULL, NULL);
}

int
ui_packetdrill(struct pd_run *r, const struct pd_script *s, const struct ui_config *cfg)
{
	struct sim_world *w = pd_run_world(r);
	struct sim_console con;

	console_init(&con, w, stdout, stderr);
	pd_run_start(r);
	return ui_main(&w, &con, "", cfg, NULL, r, s);
}

int
ui_lesson(const char *path, u32 seed, const struct lesson_ui_opts *opts)
{
	struct ui_config cfg = { opts ? opts->keys : NULL, opts ? opts->dump : NULL, seed, false };
	struct lesson *l;
	struct sim_world *w;
	struct sim_console con;
	int rc;

	rc = lesson_open_world(path, seed, stderr, &l, &w);
	if (rc)
		return rc;
	console_init(&con, w, stdout, stderr);
	rc = ui_main(&w, &con, "", &cfg, l, NULL, NULL);
	trace_mute(&w->trace);
	sim_world_destroy(w);
	return lesson_close_world(l, w, rc, stderr);
}
