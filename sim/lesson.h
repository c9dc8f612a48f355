/*
 * sim/lesson.h - lessons: a teacher's plain-text script that narrates,
 * drives the console, stops at kernel functions and checks the model.
 *
 * No kernel counterpart: this is the classroom around the stack.  The
 * file format is described in lessons/README.md; in short, one
 * directive per line (`title`, `summary`, `kernel`, `netstep`, `lab`,
 * `$ COMMAND`, `break FUNC`, `delete`, `step until FUNC`, `continue`,
 * `pause`, `question`/`answer`, `expect ...`, `try`), and any other
 * text is narration.
 *
 * Three parts, one file each (sim/lesson_priv.h says what they share):
 *  - the parser (lesson_load / lesson_parse, sim/lesson_parse.c) turns
 *    a file into a list of steps, or one error "FILE:LINE: problem";
 *    every function a step names must be a traced function declared in
 *    events/, and every field a check names one of its fields;
 *  - the runner (lesson_run_*, sim/lesson_run.c) executes steps against
 *    a live world: commands go to the tools; a break stops at a moment
 *    (a function's entry, its return, a note inside it), and the steps
 *    after it that only look (narration, questions, `expect`, read-only
 *    commands) are evaluated at that moment;
 *  - the `expect` subjects (sim/lesson_expect.c) read the model (hosts,
 *    neighbours, rings, counters, the server's sinks) and the trace
 *    records kept since the last command.
 * sim/lesson_cli.c is the command line and the headless runner.
 *
 * The UI drives a lesson step by step with the same calls the headless
 * runner uses:
 *
 *	struct lesson *l = lesson_load(path, err, sizeof(err));
 *	if (!l || lesson_validate(l, seed, stderr)) ... report, stop
 *	struct lesson_run *r = lesson_run_create(l, &world, out);
 *	const struct lesson_step *s;
 *	while ((s = lesson_next(l))) {
 *		show(s);				// narration, question...
 *		if (s->kind == LESSON_PAUSE) wait_for_key();
 *		if (lesson_run_step(r, s)) { show(lesson_run_error(r)); break; }
 *	}
 *	lesson_run_finish(r);  lesson_run_destroy(r);  lesson_free(l);
 *
 * lesson_run_step never blocks on a person: pauses and questions are
 * for the caller to present (the answer is in step->answer).
 */
#ifndef NETSTEP_SIM_LESSON_H
#define NETSTEP_SIM_LESSON_H

#include <stdio.h>
#include "kernel/types.h"
#include "kernel/trace.h"

struct sim_world;

#define LESSON_MAX_STEPS	1024	/* a file with more is refused */
#define LESSON_MAX_FILES	8	/* `kernel` / `netstep` lines */
#define LESSON_MAX_BREAKS	16	/* armed breakpoints */
#define LESSON_FUNC_MAX		64	/* longest function name */
#define LESSON_ERR_MAX		512	/* "FILE:LINE: problem" (an echoed command
					 * or check is cut, the problem never) */
/* A step that would run longer stops here instead of hanging. */
#define LESSON_MAX_EVENTS	20000000ULL

enum lesson_step_kind {
	LESSON_NARRATE,		/* text: one paragraph */
	LESSON_RUN,		/* text: a console command (`$ ping -c 1 10.0.1.2`) */
	LESSON_BREAK,		/* func, host: arm a breakpoint */
	LESSON_DELETE,		/* func (NULL: all): disarm */
	LESSON_STEP_UNTIL,	/* func, host: run event by event until it is entered */
	LESSON_CONTINUE,	/* run until a breakpoint or the world is idle */
	LESSON_PAUSE,		/* text (may be NULL): wait for the student */
	LESSON_QUESTION,	/* text, answer: ask, reveal the answer on a key */
	LESSON_EXPECT,		/* text: a check on the model */
	LESSON_TRY,		/* text, answer (may be NULL): the closing exercise */
};

/* Which host a break, step or expect looks at. */
enum { LESSON_HOST_ANY = -1 };	/* otherwise SIM_STUDENT, SIM_ROUTER, SIM_SERVER */

/* The moment a break or `step until` stops at. */
enum lesson_at {
	LESSON_AT_ENTRY,	/* `FUNC`: its enter record */
	LESSON_AT_RETURN,	/* `FUNC return`: its exit record */
	LESSON_AT_NOTE,		/* `NOTE in FUNC`: the note, inside FUNC */
};

struct lesson_expect;		/* parsed `expect`, private to sim/lesson_expect.c */

struct lesson_step {
	enum lesson_step_kind kind;
	int line;			/* line in the file where the step starts */
	char *text;			/* narration, command, question, expect source */
	char *answer;			/* QUESTION, TRY */
	const struct trace_event_desc *ev;	/* BREAK, DELETE, STEP_UNTIL: the function,
					 * or the note (NULL = all for DELETE) */
	const char *func;		/* its name ("" = all for DELETE) */
	enum lesson_at at;		/* ... which moment of it */
	char in[LESSON_FUNC_MAX];	/* LESSON_AT_NOTE: the C function it sits in */
	int host;			/* BREAK, STEP_UNTIL: SIM_* or LESSON_HOST_ANY */
	struct lesson_expect *expect;	/* EXPECT */
};

struct lesson {
	char *path;			/* as given, for messages */
	char *title;			/* `title` */
	char *summary;			/* `summary`: one line for --list-lessons */
	char *lab;			/* `lab yes|no ...`: the TAP wire note */
	bool lab_works;			/* `lab yes` */
	char *kernel[LESSON_MAX_FILES];	/* kernel files to open side by side */
	int nkernel;
	char *netstep[LESSON_MAX_FILES];	/* netstep files to read with them */
	int nnetstep;
	struct lesson_step *steps;
	int nsteps;
	int cursor;			/* lesson_next() position */
};

/*
 * Parse a lesson.  On error returns NULL and writes one line
 * "FILE:LINE: problem" into @err.  @name is what messages call the file.
 */
struct lesson *lesson_parse(const char *name, const char *text, char *err, size_t errlen);
struct lesson *lesson_load(const char *path, char *err, size_t errlen);
void lesson_free(struct lesson *l);
/*
 * Try every `$` command on a scratch world (no time passes): a command
 * the tools refuse is reported as "FILE:LINE: bad command ..." on @err.
 * 0, 2 for a refused command, 1 if the scratch world cannot be built.
 */
int lesson_validate(struct lesson *l, u32 seed, FILE *err);
/* The next step, NULL after the last; lesson_rewind() starts over. */
const struct lesson_step *lesson_next(struct lesson *l);
void lesson_rewind(struct lesson *l);
const char *lesson_step_kind_name(enum lesson_step_kind kind);

/* ---- running ---- */

struct lesson_run;

/*
 * Run @l on @w (built by the caller with sim_world_create).  Tool output
 * and the runner's transcript go to @out (NULL: discarded); the runner
 * never writes to @err except through lesson_run_error().
 */
struct lesson_run *lesson_run_create(struct lesson *l, struct sim_world *w, FILE *out);
/*
 * Execute one step, the next of the lesson in order.  0 on success (a
 * break may have stopped the world: see lesson_run_stop), 1 when the
 * step failed (a command error, a `step until` that never arrived, a
 * failed `expect`): the message, "FILE:LINE: ...", is in
 * lesson_run_error().  A step that only looks and follows a stop was
 * already evaluated at the stop's moment: this reports what it gave.
 */
int lesson_run_step(struct lesson_run *r, const struct lesson_step *s);
/* Let the world run to idle (no breakpoints), as at the end of a lesson. 0 or 1. */
int lesson_run_finish(struct lesson_run *r);
const char *lesson_run_error(const struct lesson_run *r);
void lesson_run_destroy(struct lesson_run *r);

/*
 * Where the world stopped: the record (enter, exit or note) that hit
 * the break.  The world then ran on to the end of that engine event
 * (netstep is one thread: a function cannot be frozen halfway), but
 * every step that only looks was evaluated at this moment.
 */
struct lesson_stop {
	bool valid;			/* a break or `step until` stopped here */
	const char *func;		/* the function's (or note's) name ("" before any stop) */
	enum lesson_at at;		/* which moment */
	const char *in;			/* LESSON_AT_NOTE: the C function it sits in */
	int host;			/* SIM_* */
	u64 seq;			/* trace sequence number */
	u32 skb_id;			/* skb of the record, 0 = none */
	struct trace_rec rec;		/* the record: time, typed fields */
};
/* The stop of the last step that stopped (valid false before any). */
const struct lesson_stop *lesson_run_stop(const struct lesson_run *r);
/* "the entry of tcp_transmit_skb", "the return of ...", "the note
 * neigh_nud_change in neigh_update": what a stop shows. */
void lesson_stop_moment(const struct lesson_stop *st, char *buf, size_t len);
/* Did @s (a `$`, `continue` or `step until` already run) stop the world? */
const struct lesson_stop *lesson_run_step_stop(const struct lesson_run *r,
					       const struct lesson_step *s);
/* The stop whose moment @s (already run) was evaluated at, or NULL when
 * it ran in its own turn (on the world as the steps before it left it). */
const struct lesson_stop *lesson_run_step_moment(const struct lesson_run *r,
						 const struct lesson_step *s);
/*
 * Called at every stop, inside the trace sink, with the trace muted and
 * the world at the stop's moment (the UI records its panes there).
 */
void lesson_run_set_stop_hook(struct lesson_run *r,
			      void (*hook)(void *arg, const struct lesson_stop *stop), void *arg);
/* Make every change to the world through @j (sim/journal.h), as @owner. */
struct sim_journal;
void lesson_run_set_journal(struct lesson_run *r, struct sim_journal *j);
/* Go on with @w, a world the journal brought to where the run's own
 * world was (the UI replays it after the student looked around). */
int lesson_run_rebind(struct lesson_run *r, struct sim_world *w);
/* id of the "current skb" that `expect skb` reads (0 = none yet). */
u32 lesson_run_skb(const struct lesson_run *r);
/* Number of `expect` checks that passed so far. */
int lesson_run_checks(const struct lesson_run *r);
/* Evaluate one expect source line now ("neigh 10.0.0.1 REACHABLE"): 1 true,
 * 0 false (why in lesson_run_error), -1 when it does not parse. For tests
 * and the UI's `:expect` prompt. */
int lesson_run_eval(struct lesson_run *r, const char *expect_src);

/* ---- command line ---- */

/*
 * What `netstep --lesson FILE` does without --headless: the UI helper
 * passes its entry point to lesson_cli() from main.c.  Returns the exit
 * status.
 */
struct lesson_ui_opts {
	const char *keys;		/* --keys: keys to apply first, or NULL */
	const char *dump;		/* --dump-screen FILE, or NULL */
};
typedef int (*lesson_ui_fn)(const char *lesson_path, u32 seed,
			    const struct lesson_ui_opts *opts);

/*
 * Handles --lesson FILE, --list-lessons, --check (and --lessons-dir DIR,
 * --seed N, --headless, --trace FILE, --pcapng FILE alongside them; --keys and
 * --dump-screen only without --headless, for the UI).  Returns -1 when none of
 * --lesson / --list-lessons is on the command line (main goes on),
 * otherwise the exit status: 0 ok, 1 a failed check or runtime error,
 * 2 bad usage or a bad lesson file.
 */
int lesson_cli(int argc, char **argv, lesson_ui_fn ui);
/* Files a headless lesson run can also write (NULL: none). */
struct lesson_outputs {
	const char *trace;		/* --trace FILE: the function-graph text trace */
	const char *pcapng;		/* --pcapng FILE: the student's frames, commented */
};
/* Run one lesson headless; @check: quiet, one summary line.  0, 1 or 2. */
int lesson_run_file(const char *path, u32 seed, bool check, const struct lesson_outputs *o,
		    FILE *out, FILE *err);
/*
 * The start and end every lesson runner shares (headless and UI).
 * lesson_open_world: load and validate @path, then build a fresh world
 * for it.  0 with *@lp and *@wp set, or the exit status (2 for a file
 * that does not load, lesson_validate's status, 1 when the world cannot
 * be built) with a message on @err and nothing left allocated.
 * lesson_close_world: after sim_world_destroy(@w), check that no skb
 * leaked (a leak is a bug: reported on @err, status 1 unless @rc is
 * already an error), then free @w and @l.  Returns the final status.
 */
int lesson_open_world(const char *path, u32 seed, FILE *err, struct lesson **lp,
		      struct sim_world **wp);
int lesson_close_world(struct lesson *l, struct sim_world *w, int rc, FILE *err);
/* Print lessons/ORDER: number, name, summary.  0, or 2 with a message. */
int lesson_list(const char *dir, FILE *out, FILE *err);

#endif
