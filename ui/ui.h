/*
 * ui/ui.h - the ncurses step-through UI: what main.c calls.
 *
 * No kernel counterpart.  `netstep` without --headless opens the UI on
 * the student's host: the console script (-e, or UI_DEFAULT_SCRIPT) is
 * queued, and nothing runs until the student steps.  Each step shows
 * the state at one trace event (ui/ui_snap.h records them); stepping
 * past the newest one fires the next engine event.
 *
 * Scripted use (tests, screenshots): --keys "s s n c q" feeds keys as
 * if typed, --dump-screen FILE writes the final screen as plain text
 * and exits; the size then comes from COLUMNS/LINES (default 80x24).
 *
 * With --lesson FILE a lesson drives it: see ui_lesson() below and
 * lessons/README.md.
 *
 * Only ui/ includes curses.  Read ui/ui_snap.h first, then ui/ui.c.
 */
#ifndef NETSTEP_UI_UI_H
#define NETSTEP_UI_UI_H

#include "sim/console.h"

/* The ready scenario of `make run`: a TCP connection sends 4 KiB. */
#define UI_DEFAULT_SCRIPT \
	"socket tcp; connect 10.0.1.2:9000; send 3 4096; close 3"

struct ui_config {
	const char *keys;		/* --keys: keys to apply first, or NULL */
	const char *dump;		/* --dump-screen FILE: dump and exit */
	u32 seed;			/* the world was built with it (a replay builds the same) */
	bool tap;			/* the TAP wire: not deterministic, never replayed */
};

/*
 * Run the UI on @w with @script queued (NULL: UI_DEFAULT_SCRIPT).
 * Returns the exit status: 0, 1 (runtime failure), 2 (bad --keys).
 */
int ui_run(struct sim_world *w, struct sim_console *con, const char *script,
	   const struct ui_config *cfg);

/*
 * `netstep --lesson FILE` (main.c hands this to lesson_cli): build the
 * simulated world, open the UI with a lesson pane and let the student
 * walk the lesson with `l` (or Enter).  The lesson supplies the steps;
 * each runs through sim/lesson.c's runner (the same one --check uses)
 * while the UI records every trace event, so breaks stop the UI at the
 * function and s/n/f/c/p work from there.  Exit status as ui_run, or
 * 2 for a bad lesson file.
 */
struct lesson_ui_opts;
int ui_lesson(const char *path, u32 seed, const struct lesson_ui_opts *opts);

/*
 * `netstep --packetdrill FILE` (main.c loads and checks the script and
 * builds the runner, sim/packetdrill.h): the UI on the runner's world,
 * with a Script pane across the bottom.  The runner is one of the
 * world's engine events, so the UI's stepping (s n f c, breakpoints)
 * runs it as it runs a console command, and reaches every kernel
 * function a line makes run (`l` goes a line at a time); the pane
 * shows the line of each step, the lines done, and where the run ends,
 * the result.  The run stops there.
 * Exit status as headless: 0 passed, 1 failed (packetdrill's report on
 * stderr once the terminal is back); a quit before the end lets the
 * rest run without the UI to know which.  2 for bad --keys.
 */
struct pd_run;
struct pd_script;
int ui_packetdrill(struct pd_run *r, const struct pd_script *s, const struct ui_config *cfg);

#endif
