/*
 * ui/ui.c - the ncurses step-through UI: panes, keys, layout, terminal
 * hygiene.  The only file of netstep that includes curses.
 *
 * No kernel counterpart.  The screen renders one recorded snapshot
 * (ui/ui_snap.h) at a time; the model is never read while drawing.
 * Keys follow gdb and htop:
 *
 *   s, space  step into: the next trace event
 *   n         step over: skip what the current function calls
 *   f         step out (gdb's finish): run to the current function's return
 *   c         continue to the next breakpoint (or until the world is idle);
 *             while the world runs, any key stops it and q quits
 *   p, Left   step back through the history (read-only)
 *   b FUNC    set a breakpoint; b alone lists them; d N deletes one
 *   Tab       cycle the focused pane;  z  zoom it to the full screen
 *   :         console: any console command (ping, send, ip route add ...)
 *   ?, F1     help;  q  quit
 *   l, Enter  lesson (--lesson FILE): the next step, or the answer
 *   Up, Down, PgUp, PgDn  scroll the lesson pane (Tab gives it the focus)
 *
 * Console commands start their work (a ping sends its first request,
 * a connect its SYN) and stepping advances it; commands of the queue
 * (the -e script) start one after another, when the previous one is
 * done, as in headless mode.  `sleep` lets time run at once, `sim ...`
 * changes the wire at once.  Every change the UI makes to the world
 * goes through sim/journal.h, so that the recorder can replay it.
 *
 * Layouts: below 120x34 a compact one (call stack and skb on the left;
 * route, neighbours, rings on the right; qdisc, frame and console
 * through Tab + z); from 120x34 on, every pane at once.  Before the
 * first step, the qdisc and softirqs take the empty call stack's and
 * skb's place.  A lesson adds its pane across the bottom, as tall as
 * what the last `l` brought (a quarter to half the screen).  Values that
 * changed in the last step are bold (and coloured); the row in use is
 * marked '>' and drawn reversed, so no meaning rests on colour alone
 * (NO_COLOR gives monochrome).  A function that Linux 3.10 declares
 * static inline is shown "[inline]", in the call stack and in the line
 * above the panes: a real function_graph trace has no entry for it.
 *
 * `b FUNC` takes only a traced function (a declared event), as gdb
 * refuses a symbol it does not know: a breakpoint that can never hit
 * would only look like a path the packet did not take.
 *
 * Read ui/ui_snap.h before this file.
 */
#include "ui/ui.h"
#include "ui/ui_snap.h"
#include "layers/ping.h"
#include "sim/lesson.h"
#include "sim/task.h"

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
#define UI_RUN_MAX	500000000ULL	/* steps one c/n/f may run */
#define UI_POLL_EVERY	4096		/* steps between two looks at the keyboard */

enum ui_walk { UI_WALK_OVER, UI_WALK_OUT, UI_WALK_CONT };

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
	u64 walked;			/* ... steps so far */
	int hit_bp;			/* ... stopped at this breakpoint (1-based), 0 */
	bool hit_key;			/* ... a key stopped it */
	struct timespec drawn;		/* ... when "running..." was last drawn */
	char *queue[UI_MAX_QUEUE];	/* console commands not started yet */
	int qlen;
	const struct trace_event_desc *bps[UI_MAX_BPS];	/* breakpoints: traced functions */
	int nbp;
	int focus;			/* enum ui_pane */
	bool zoom, help, quit, color;
	char msg[256];			/* status line message */
	FILE *out;			/* console output (a temporary file) */
	long out_read;			/* bytes of it already shown */
	/* --lesson: the lesson supplies steps, `l` runs them (NULL: none) */
	struct lesson *les;
	struct lesson_run *lrun;
	char *les_log;			/* the lesson pane's text, newest last */
	size_t les_len;
	size_t les_mark;		/* where the text of the current stop begins */
	int les_scroll;			/* lines scrolled from where the pane would start */
	const struct lesson_step *les_answer;	/* question/try waiting for its key */
	int les_failed;			/* expects that failed */
	bool les_stopped;		/* the last step that ran the world stopped it */
	bool les_done;
	bool moved;			/* the student moved the world since the lesson did */
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
	/* The UI's own words, gdb style. */
	if (!strcmp(argv[0], "b") || !strcmp(argv[0], "break")) {
		ui_add_bp(u, argc > 1 ? argv[1] : "");
		return;
	}
	if (!strcmp(argv[0], "d") || !strcmp(argv[0], "delete")) {
		ui_del_bp(u, argc > 1 ? argv[1] : "");
		return;
	}
	if (!strcmp(argv[0], "info")) {
		ui_add_bp(u, "");
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

/* Queue a script: commands split at ';' and newlines. */
static void
ui_queue(struct ui *u, const char *script)
{
	const char *p = script;

	while (*p) {
		size_t n = strcspn(p, ";\n");
		char *cmd = strndup(p, n), *s = cmd, *e;

		while (s && (*s == ' ' || *s == '\t'))
			s++;
		e = s ? s + strlen(s) : NULL;
		while (e && e > s && (e[-1] == ' ' || e[-1] == '\t'))
			*--e = '\0';
		if (s && *s && u->qlen < UI_MAX_QUEUE)
			u->queue[u->qlen++] = strdup(s);
		free(cmd);
		p += n;
		if (*p)
			p++;
	}
}

/* Make at least one new step: start a queued command or fire events. */
static bool
ui_advance(struct ui *u)
{
	u64 before = u->rec.count;

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
		if (!sim_journal_one(u->rec.j, u->w)) {
			if (!ui_world_busy(u))
				break;
			/* Asleep on an idle world (a recv nobody answers). */
			sim_journal_abort(u->rec.j, u->w);
		}
	}
	ui_collect_output(u);
	return u->rec.count > before;
}

/* What a replay builds: a world like the one the UI started with. */
static int
ui_build_world(struct sim_world *w, void *arg)
{
	const struct ui *u = arg;

	return sim_world_create(w, u->seed);
}

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
	rc = ui_rec_replay(&u->rec, abs, ui_build_world, u);
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

/* Show step @abs, which has its panes. */
static void
ui_goto(struct ui *u, u64 abs)
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
			snprintf(u->msg, sizeof(u->msg), "idle: nothing left to run (: starts a "
				 "command)");
			return false;
		}
		next = u->rec.count - 1 > next ? next : u->rec.count - 1;
	}
	if (!ui_show(u, next))
		return false;
	ui_goto(u, next);
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

/* Does the walk end at @st? */
static bool
ui_walk_ends(struct ui *u, const struct ui_step *st)
{
	u->hit_bp = ui_bp_hit(u, st);
	if (u->hit_bp)
		return true;
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

	if (!u->live)
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

	if (ui_walk_ends(u, st))
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
 * n, f and c: step until the condition holds, a breakpoint hits, a key
 * is pressed or the world is idle.  Through the history first; then the
 * world runs with only its records kept, and the recorder takes the
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
	u->hit_bp = 0;
	u->hit_key = false;
	u->walked = 0;
	u->msg[0] = '\0';
	for (i = u->started ? u->cur + 1 : u->rec.first; i < u->rec.count; i++)
		if (ui_walk_ends(u, ui_rec_step(&u->rec, i)))
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
	ui_goto(u, i);
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
		snprintf(u->msg, sizeof(u->msg), "idle: nothing left to run (: starts a command)");
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
		ui_goto(u, at);
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
	struct sim_world *w = calloc(1, sizeof(*w)), *old = u->w;
	u64 jpos = sim_journal_end_of(&u->journal, SIM_JOWN_LESSON);
	u64 steps = u->rec.count;
	unsigned long leaked;

	int rc;

	if (!w || ui_build_world(w, u)) {
		free(w);
		snprintf(u->msg, sizeof(u->msg), "cannot rebuild the world (out of memory)");
		return false;
	}
	/* On the new world from here, whatever the replay says. */
	rc = ui_rec_rebuild(&u->rec, w, jpos);
	if (lesson_run_rebind(u->lrun, w))
		rc = -ENOSPC;
	console_init(u->con, w, u->out, u->out);
	u->w = w;
	for (int i = 0; i < u->qlen; i++)
		free(u->queue[i]);
	u->qlen = 0;
	trace_mute(&old->trace);
	sim_world_destroy(old);
	leaked = sim_skb_ledger_live(&old->ledger, u->out);
	free(old);
	u->moved = false;
	ui_goto(u, u->rec.count - 1);
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
	u->les_scroll = 0;
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

static int
ui_nlines(const char *text)
{
	int n = 0;
	char tmp[2];

	while (ui_line(text, n, tmp, sizeof(tmp)))
		n++;
	return n;
}

static const char *
ui_pane_text(const struct ui_snap *s, int pane, int width)
{
	if (!s)
		return NULL;
	if (width < (pane == UI_PANE_FRAME ? 72 : 60) && s->narrow[pane])
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

static void
ui_draw_pane(struct ui *u, int pane, struct ui_box b)
{
	const struct ui_snap *s = ui_cur(u), *prev = NULL;
	int inner_w = b.w - 2, inner_h = b.h - 2, first = 0, n;
	const char *text, *ptext;
	char title[64], line[512], pline[512];

	if (b.h < 3 || b.w < 10)
		return;
	if (s && u->started && u->has_before && u->before != u->cur)
		prev = ui_rec_get(&u->rec, u->before);
	text = ui_pane_text(s, pane, inner_w);
	ptext = ui_pane_text(prev, pane, inner_w);
	if (pane == UI_PANE_CONSOLE && !text)
		text = u->rec.console_log;
	/* The frame. */
	if (u->focus == pane)
		attron(A_BOLD);
	ui_draw_frame(b);
	snprintf(title, sizeof(title), u->focus == pane ? "[%s]" : " %s ", ui_pane_names[pane]);
	if ((pane == UI_PANE_STACK || pane == UI_PANE_ROUTE || pane == UI_PANE_NEIGH) && s)
		snprintf(title, sizeof(title), u->focus == pane ? "[%s: %s]" : " %s: %s ",
			 ui_pane_names[pane], ui_rec_host_name(&u->rec, &s->ev));
	mvaddnstr(b.y, b.x + 2, title, b.w - 4);
	if (u->focus == pane)
		attroff(A_BOLD);
	if (!text)
		return;
	n = ui_nlines(text);
	/* The call stack grows at the bottom: keep its end in view, but never
	 * lose the current function (its '>' line) off the top. */
	if ((pane == UI_PANE_STACK || pane == UI_PANE_CONSOLE) && n > inner_h)
		first = n - inner_h;
	for (int i = first - 1; pane == UI_PANE_STACK && i >= 0; i--) {
		if (ui_line(text, i, line, sizeof(line)) && line[0] == '>') {
			first = i;
			break;
		}
	}
	for (int i = 0; i < inner_h && ui_line(text, first + i, line, sizeof(line)); i++) {
		attr_t a = A_NORMAL;
		int pair = 0;
		bool changed = prev && (!ui_line(ptext, first + i, pline, sizeof(pline)) ||
					strcmp(line, pline));

		if (line[0] == '>') {
			a |= A_REVERSE;
			pair = u->color ? UI_C_ROW : 0;
		} else if (changed) {
			a |= A_BOLD;
			pair = u->color ? UI_C_CHANGED : 0;
		}
		attron(a | COLOR_PAIR(pair));
		mvaddnstr(b.y + 1 + i, b.x + 1, line, inner_w);
		attroff(a | COLOR_PAIR(pair));
	}
}

/* Next line of @text (from *@p) wrapped at @w columns into @out; false at the end. */
static bool
ui_wrap_next(const char **p, int w, char *out, size_t n)
{
	const char *t = *p;
	size_t len, take, skip = 0;

	if (!t || !*t)
		return false;
	if (w < 1)
		w = 1;
	if ((size_t)w >= n)
		w = (int)n - 1;
	len = strcspn(t, "\n");
	take = len;
	if (len > (size_t)w) {
		take = (size_t)w;
		for (size_t k = (size_t)w; k > 0; k--)
			if (t[k] == ' ') {
				take = k;
				skip = 1;
				break;
			}
	} else if (t[len] == '\n') {
		skip = 1;
	}
	memcpy(out, t, take);
	out[take] = '\0';
	*p = t + take + skip;
	return true;
}

/* Lines of the lesson's text wrapped at @w; *@from: the line where the
 * current stop's text (from u->les_mark) begins. */
static int
ui_les_lines(const struct ui *u, int w, int *from)
{
	const char *p = u->les_log;
	char line[512];
	int n = 0;

	*from = -1;
	while (p && *p) {
		if (*from < 0 && (size_t)(p - u->les_log) >= u->les_mark)
			*from = n;
		if (!ui_wrap_next(&p, w, line, sizeof(line)))
			break;
		n++;
	}
	if (*from < 0)
		*from = n;
	return n;
}

/*
 * The lesson pane: everything the lesson said, wrapped.  Unless the
 * student scrolls (Up/Down/PgUp/PgDn once it has the focus), it shows
 * the newest lines, but never starts below the beginning of what the
 * last `l` brought: that is always in view from its first line.
 */
static void
ui_draw_lesson(struct ui *u, struct ui_box b)
{
	int inner_w = b.w - 2, inner_h = b.h - 2, from, n, top, max;
	const char *p = u->les_log;
	char line[512], title[192];
	bool focus = u->focus == UI_PANE_LESSON;

	if (b.h < 3 || b.w < 10)
		return;
	n = ui_les_lines(u, inner_w, &from);
	max = n > inner_h ? n - inner_h : 0;
	top = (n - from > inner_h ? from : max) + u->les_scroll;
	top = top < 0 ? 0 : top > max ? max : top;
	u->les_scroll = top - (n - from > inner_h ? from : max);
	if (focus)
		attron(A_BOLD);
	ui_draw_frame(b);
	snprintf(title, sizeof(title), focus ? "[Lesson: %s (l: next)]" : " Lesson: %s (l: next) ",
		 u->les->title ? u->les->title : "");
	mvaddnstr(b.y, b.x + 2, title, b.w - 4);
	if (focus)
		attroff(A_BOLD);
	if (top > 0)
		mvaddnstr(b.y, b.x + b.w - 12, " more: Up ", 10);
	if (top < max)
		mvaddnstr(b.y + b.h - 1, b.x + b.w - 14, " more: Down ", 12);
	for (int i = 0, y = 0; y < inner_h && ui_wrap_next(&p, inner_w, line, sizeof(line)); i++) {
		bool hot = !strncmp(line, "FAIL", 4) || !strncmp(line, "-> ", 3);

		if (i < top)
			continue;
		if (hot)
			attron(A_BOLD);
		mvaddnstr(b.y + 1 + y++, b.x + 1, line, inner_w);
		if (hot)
			attroff(A_BOLD);
	}
}

/* Rows for the lesson pane: what the last `l` brought, within a quarter
 * and a half of the screen, 40% in the compact layout, whose panes are
 * short already (more is reached by scrolling, or z). */
static int
ui_les_height(const struct ui *u, int avail)
{
	int from, need = ui_les_lines(u, COLS - 2, &from) - from + 3;
	int lo = avail / 4 < 5 ? 5 : avail / 4;
	int hi = COLS < 120 || LINES < 34 ? avail * 40 / 100 : avail / 2;

	return need < lo ? lo : need > hi ? hi : need;
}

static void
ui_draw_header(struct ui *u)
{
	const struct ui_snap *s = u->started ? ui_cur(u) : NULL;
	char top[512], ex[512];

	if (s)
		snprintf(top, sizeof(top), " netstep  step %llu/%llu  t=%lld.%06llds  %s  wire:%lu",
			 (unsigned long long)u->cur + 1, (unsigned long long)u->rec.count,
			 (long long)(s->ev.ts / 1000000000), (long long)(s->ev.ts % 1000000000 / 1000),
			 ui_rec_host_name(&u->rec, &s->ev), s->wire_frames);
	else
		snprintf(top, sizeof(top), " netstep  ready: the world before the first step, "
			 "? for help");
	attron(A_REVERSE | COLOR_PAIR(u->color ? UI_C_BAR : 0));
	mvhline(0, 0, ' ', COLS);
	mvaddnstr(0, 0, top, COLS);
	attroff(A_REVERSE | COLOR_PAIR(u->color ? UI_C_BAR : 0));
	if (!s && u->les) {
		snprintf(ex, sizeof(ex), " lesson %s: nothing has run yet; l runs its first steps",
			 u->les->title ? u->les->title : "");
	} else if (!s) {
		/* The first screen: the key that starts it, and what will run. */
		int k = snprintf(ex, sizeof(ex), " %s", u->qlen ?
				 "s steps into it, c runs it, : adds a command; queued:" :
				 "nothing queued (: starts a command)");

		for (int i = 0; i < u->qlen && k > 0 && (size_t)k < sizeof(ex); i++)
			k += snprintf(ex + k, sizeof(ex) - (size_t)k, " %s%s", u->queue[i],
				      i + 1 < u->qlen ? ";" : "");
	} else {
		const char *ksrc = trace_rec_ksrc(&s->ev);
		const char *why = ui_explain(&s->ev);

		snprintf(ex, sizeof(ex), " %s%s %s (%s)%s%s", s->ev.kind == TRACE_EXIT ? "<- " : "",
			 trace_rec_func(&s->ev), s->ev.kind == TRACE_NOTE ? "note" :
			 trace_rec_inline(&s->ev) ? UI_INLINE_MARK : "", ksrc && *ksrc ? ksrc :
			 "netstep", why ? ": " : "", why ? why : "");
	}
	attron(A_BOLD);
	mvaddnstr(1, 0, ex, COLS);
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
	const char *keys = COLS >= 100 ?
		" s step  n next  f finish  c cont  p back  b break  Tab pane  z zoom  : cmd  ? help  q quit" :
		" s n f c p b Tab z : ? q";
	char line[512];

	if (u->les)
		keys = COLS >= 100 ?
			" l lesson  s step  n next  f finish  c cont  p back  b break  Tab pane  z zoom"
			"  : cmd  ? help  q quit" :
			" l s n f c p b Tab z : ? q";
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
		"netstep step-through UI",
		"",
		"s, space  step into (next trace event)",
		"n         step over the calls of this function",
		"f         step out: run until this function returns",
		"c         continue to the next breakpoint",
		"          (while it runs, any key stops it)",
		"p, Left   step back through history (read-only)",
		"b FUNC    breakpoint on a kernel function",
		"b         list breakpoints;  d N  delete one",
		"Tab       next pane;  z  zoom the pane",
		":         console command (ping, send, ip, tc ...)",
		"?, F1     this help;  q  quit",
		"l, Enter  lesson: next step / show the answer",
		"Up/Down, PgUp/PgDn  scroll the lesson pane (Tab)",
		"",
		"'>' marks the current function / row in use;",
		UI_INLINE_MARK ": static inline in 3.10, absent from ftrace;",
		"bold: changed in the last step.  Any key closes.",
	};
	int h = (int)ARRAY_SIZE(lines) + 2, w = 56;
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
	mvaddnstr(y, x, "+------------------------- help -------------------------+", COLS - x);
	mvaddnstr(y + h - 1, x, "+--------------------------------------------------------+",
		  COLS - x);
	attroff(A_BOLD);
}

static void
ui_render(struct ui *u)
{
	int top = 2, avail = LINES - 3;

	erase();
	if (LINES < 10 || COLS < 40) {
		mvaddnstr(0, 0, "netstep: the terminal is too small (40x10 at least)", COLS);
		refresh();
		return;
	}
	ui_draw_header(u);
	ui_draw_footer(u);
	if (u->zoom && u->focus == UI_PANE_LESSON) {
		ui_draw_lesson(u, (struct ui_box){ top, 0, avail, COLS });
	} else if (u->les) {
		/* The lesson pane across the bottom; the panes share the rest. */
		int lh = ui_les_height(u, avail);

		avail -= lh;
		ui_draw_lesson(u, (struct ui_box){ top + avail, 0, lh, COLS });
	}
	if (u->zoom && u->focus == UI_PANE_LESSON) {
		/* drawn above */
	} else if (u->zoom) {
		ui_draw_pane(u, u->focus, (struct ui_box){ top, 0, avail, COLS });
	} else if (COLS < 120 || LINES < 34) {
		/* Compact: two columns.  Before the first step the call stack and
		 * the skb are empty: the qdisc and softirqs take their place. */
		int lw = COLS * 48 / 100, rw = COLS - lw;
		int h1 = avail * 45 / 100, r1 = avail * 30 / 100, r2 = avail * 30 / 100;

		if (u->started) {
			ui_draw_pane(u, UI_PANE_STACK, (struct ui_box){ top, 0, h1, lw });
			ui_draw_pane(u, UI_PANE_SKB, (struct ui_box){ top + h1, 0, avail - h1, lw });
		} else {
			ui_draw_pane(u, UI_PANE_QDISC, (struct ui_box){ top, 0, avail, lw });
		}
		ui_draw_pane(u, UI_PANE_ROUTE, (struct ui_box){ top, lw, r1, rw });
		ui_draw_pane(u, UI_PANE_NEIGH, (struct ui_box){ top + r1, lw, r2, rw });
		ui_draw_pane(u, UI_PANE_RING, (struct ui_box){ top + r1 + r2, lw,
							       avail - r1 - r2, rw });
	} else if (!u->started) {
		/* Large, before the first step: nothing for the call stack and
		 * the skb to show; the host's tables and the rings get the room. */
		int w1 = COLS * 38 / 100, w2 = COLS * 34 / 100, w3 = COLS - w1 - w2;
		int q = avail * 30 / 100, rt = avail * 25 / 100, g = avail / 2;

		ui_draw_pane(u, UI_PANE_QDISC, (struct ui_box){ top, 0, q, w1 });
		ui_draw_pane(u, UI_PANE_ROUTE, (struct ui_box){ top + q, 0, rt, w1 });
		ui_draw_pane(u, UI_PANE_NEIGH, (struct ui_box){ top + q + rt, 0, avail - q - rt, w1 });
		ui_draw_pane(u, UI_PANE_RING, (struct ui_box){ top, w1, avail, w2 });
		ui_draw_pane(u, UI_PANE_FRAME, (struct ui_box){ top, w1 + w2, g, w3 });
		ui_draw_pane(u, UI_PANE_CONSOLE, (struct ui_box){ top + g, w1 + w2, avail - g, w3 });
	} else {
		/* Large: three columns, every pane. */
		int w1 = COLS * 28 / 100, w2 = COLS * 38 / 100, w3 = COLS - w1 - w2;
		int s1 = avail * 58 / 100;
		int a = avail * 26 / 100, bq = avail * 30 / 100, c = avail * 20 / 100;
		int g = avail * 42 / 100;

		ui_draw_pane(u, UI_PANE_STACK, (struct ui_box){ top, 0, s1, w1 });
		ui_draw_pane(u, UI_PANE_SKB, (struct ui_box){ top + s1, 0, avail - s1, w1 });
		ui_draw_pane(u, UI_PANE_ROUTE, (struct ui_box){ top, w1, a, w2 });
		ui_draw_pane(u, UI_PANE_NEIGH, (struct ui_box){ top + a, w1, bq, w2 });
		ui_draw_pane(u, UI_PANE_QDISC, (struct ui_box){ top + a + bq, w1, c, w2 });
		ui_draw_pane(u, UI_PANE_CONSOLE, (struct ui_box){ top + a + bq + c, w1,
								  avail - a - bq - c, w2 });
		ui_draw_pane(u, UI_PANE_RING, (struct ui_box){ top, w1 + w2, g, w3 });
		ui_draw_pane(u, UI_PANE_FRAME, (struct ui_box){ top + g, w1 + w2, avail - g, w3 });
	}
	if (u->help)
		ui_draw_help();
	refresh();
}

static int
ui_dump_screen(const char *path)
{
	FILE *f = fopen(path, "w");
	char line[1024];

	if (!f) {
		perror(path);
		return 1;
	}
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
	return fclose(f) ? 1 : 0;
}

/* ---- keys --------------------------------------------------------------- */

/* One key.  @arg: the text a b/d/: key takes (scripted), or NULL to prompt. */
static void
ui_key(struct ui *u, int ch, const char *arg);

/* Read a line at the bottom of the screen; false on Esc. */
static bool
ui_prompt(struct ui *u, const char *label, char *buf, size_t n)
{
	size_t len = 0;

	buf[0] = '\0';
	curs_set(1);
	for (;;) {
		int ch;

		attron(A_REVERSE);
		mvhline(LINES - 1, 0, ' ', COLS);
		mvprintw(LINES - 1, 0, "%s%s", label, buf);
		attroff(A_REVERSE);
		refresh();
		ch = getch();
		if (ch == '\n' || ch == '\r' || ch == KEY_ENTER)
			break;
		if (ch == 27) {
			curs_set(0);
			u->msg[0] = '\0';
			return false;
		}
		if ((ch == KEY_BACKSPACE || ch == 127 || ch == 8) && len)
			buf[--len] = '\0';
		else if (ch >= 32 && ch < 127 && len + 1 < n) {
			buf[len++] = (char)ch;
			buf[len] = '\0';
		}
	}
	curs_set(0);
	return true;
}

static void
ui_key(struct ui *u, int ch, const char *arg)
{
	char buf[CONSOLE_MAX_LINE];

	if (u->help && ch != ERR) {
		u->help = false;
		return;
	}
	u->msg[0] = '\0';
	if ((ch > 0 && ch < 256 && strchr("snfcp ", ch)) || ch == KEY_LEFT) {
		u->before = u->cur;
		u->has_before = u->started;
	}
	switch (ch) {
	case 's': case ' ':
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
	case 'b':
		if (arg)
			ui_add_bp(u, arg);
		else if (ui_prompt(u, "break at (empty: list): ", buf, sizeof(buf)))
			ui_add_bp(u, buf);
		break;
	case 'd':
		if (arg)
			ui_del_bp(u, arg);
		else if (ui_prompt(u, "delete breakpoint number: ", buf, sizeof(buf)))
			ui_del_bp(u, buf);
		break;
	case ':':
		if (arg || ui_prompt(u, ":", buf, sizeof(buf))) {
			ui_queue(u, arg ? arg : buf);
			snprintf(u->msg, sizeof(u->msg), "queued: %.200s (step to run it)",
				 arg ? arg : buf);
		}
		break;
	case '\t':
	case KEY_BTAB: {
		/* The lesson pane is one more stop of the cycle. */
		int n = UI_NPANES + (u->les ? 1 : 0);

		u->focus = (u->focus + (ch == '\t' ? 1 : n - 1)) % n;
		snprintf(u->msg, sizeof(u->msg), "pane: %s (z zooms%s)", u->focus == UI_PANE_LESSON ?
			 "Lesson" : ui_pane_names[u->focus], u->focus == UI_PANE_LESSON ?
			 ", Up/Down/PgUp/PgDn scroll" : "");
		break;
	}
	case KEY_UP: case KEY_DOWN: case KEY_PPAGE: case KEY_NPAGE:
		if (u->focus == UI_PANE_LESSON) {
			/* A page: the lesson pane's text rows in this layout, less one. */
			int rows = (u->zoom ? LINES - 3 : ui_les_height(u, LINES - 3)) - 2;
			int page = rows > 2 ? rows - 1 : 1;

			u->les_scroll += ch == KEY_UP ? -1 : ch == KEY_DOWN ? 1 :
					 ch == KEY_PPAGE ? -page : page;
		}
		break;
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
		ui_les_next(u);
		break;
	case KEY_RESIZE:
		break;
	default:
		break;
	}
}

/* Scripted keys: "s s n b tcp_transmit_skb c : ping -c 1 10.0.1.2 ; q". */
static int
ui_run_keys(struct ui *u, const char *keys)
{
	char *copy = strdup(keys), *save = NULL, *t;
	static const struct { const char *name; int key; } named[] = {
		{ "Tab", '\t' }, { "Left", KEY_LEFT }, { "Space", ' ' }, { "F1", KEY_F(1) },
		{ "Resize", KEY_RESIZE }, { "Enter", '\n' }, { "Up", KEY_UP }, { "Down", KEY_DOWN },
		{ "PgUp", KEY_PPAGE }, { "PgDn", KEY_NPAGE },
	};

	if (!copy)
		return 1;
	for (t = strtok_r(copy, " ", &save); t && !u->quit; t = strtok_r(NULL, " ", &save)) {
		int rep = 1, key = -1;
		char *star = strchr(t, '*');

		if (star && star != t && star[1]) {
			rep = atoi(star + 1);
			*star = '\0';
		}
		for (size_t i = 0; i < ARRAY_SIZE(named); i++)
			if (!strcmp(t, named[i].name))
				key = named[i].key;
		if (key < 0 && strlen(t) == 1)
			key = (unsigned char)t[0];
		if (key == 'b' || key == 'd') {
			char *a = strtok_r(NULL, " ", &save);

			ui_key(u, key, a ? a : "");
			continue;
		}
		if (key == ':') {
			char cmd[CONSOLE_MAX_LINE] = "", *a;

			while ((a = strtok_r(NULL, " ", &save)) && strcmp(a, ";")) {
				if (strlen(cmd) + strlen(a) + 2 >= sizeof(cmd))
					break;
				if (cmd[0])
					strcat(cmd, " ");
				strcat(cmd, a);
			}
			ui_key(u, ':', cmd);
			continue;
		}
		if (key < 0) {
			ui_restore_terminal();
			fprintf(stderr, "netstep: --keys: unknown key '%s'\n", t);
			free(copy);
			return 2;
		}
		for (int i = 0; i < rep && i < 1000000 && !u->quit; i++)
			ui_key(u, key, NULL);
	}
	free(copy);
	return 0;
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

/* The UI on @w; with @les (already validated) the lesson supplies the steps. */
static int
ui_main(struct sim_world **wp, struct sim_console *con, const char *script,
	const struct ui_config *cfg, struct lesson *les)
{
	struct ui *u = calloc(1, sizeof(*u));
	bool offscreen = cfg->dump || !isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO);
	const char *nc = getenv("NO_COLOR");
	struct sim_world *w = *wp;
	FILE *devnull;
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
	u->live = !offscreen;
	u->con = con;
	u->out = tmpfile();
	if (u->out) {
		con->out = u->out;	/* `sleep` and `sim` print through the console */
		con->err = u->out;
	}
	ui_queue(u, script ? script : UI_DEFAULT_SCRIPT);
	if (les) {
		u->les = les;
		u->lrun = lesson_run_create(les, w, u->out);
		if (!u->out || !u->lrun) {
			fprintf(stderr, "netstep: cannot start the lesson\n");
			lesson_run_destroy(u->lrun);
			ui_rec_exit(&u->rec);
			sim_journal_free(&u->journal);
			free(u);
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

	scr = ui_open_screen(offscreen, &devnull);
	if (!scr) {
		fprintf(stderr, "netstep: cannot open the terminal (TERM=%s)\n",
			getenv("TERM") ? getenv("TERM") : "");
		lesson_run_destroy(u->lrun);
		free(u->les_log);
		ui_rec_exit(&u->rec);
		sim_journal_free(&u->journal);
		free(u);
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
	if (cfg->keys)
		rc = ui_run_keys(u, cfg->keys);
	if (!rc && cfg->dump) {
		ui_render(u);
		rc = ui_dump_screen(cfg->dump);
	} else if (!rc && !offscreen) {
		while (!u->quit) {
			ui_render(u);
			ui_key(u, getch(), NULL);
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
	for (int i = 0; i < u->qlen; i++)
		free(u->queue[i]);
	lesson_run_destroy(u->lrun);
	free(u->les_log);
	ui_rec_exit(&u->rec);
	sim_journal_free(&u->journal);
	/* Tasks still asleep may print at teardown: keep u->out open. */
	con->out = stdout;
	con->err = stderr;
	*wp = u->w;	/* a lesson may have gone on in a rebuilt world */
	free(u);
	return rc;
}

int
ui_run(struct sim_world *w, struct sim_console *con, const char *script,
       const struct ui_config *cfg)
{
	return ui_main(&w, con, script, cfg, NULL);
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
	rc = ui_main(&w, &con, "", &cfg, l);
	trace_mute(&w->trace);
	sim_world_destroy(w);
	return lesson_close_world(l, w, rc, stderr);
}
