/*
 * ui/ui_script.h - the Script pane of `netstep --packetdrill FILE`: the
 * script's lines at one step of the history (ui/ui_script.c).
 *
 * No kernel counterpart.  Knows nothing of curses (the tests call it).
 */
#ifndef NETSTEP_UI_UI_SCRIPT_H
#define NETSTEP_UI_UI_SCRIPT_H

#include "kernel/types.h"

struct ui_script_view {
	const char *text;		/* the script as read (pd_script_text) */
	size_t len;			/* ... its bytes */
	const int *events;		/* the line of each event, in order */
	int nev;			/* ... how many */
	int cur;			/* the line being executed (0: none) */
	int result;			/* 0 running, 1 passed, -1 failed */
	const char *error;		/* failed: packetdrill's report */
	int fail_line;			/* ... the line it names */
};

/*
 * The pane's text (malloc'd; NULL without memory): every line of the
 * script as "MARK NUM  TEXT", MARK `>` for the line being executed (the
 * failing one after a failure, followed by the report in `!!` rows),
 * `ok` for a line whose event is done; after a pass a last PASS row.
 */
char *ui_script_text(const struct ui_script_view *v);

#endif
