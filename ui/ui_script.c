/*
 * ui/ui_script.c - the Script pane's text: a packetdrill script's lines,
 * the one being executed, the ones done, and at the end the result.
 *
 * No kernel counterpart.  The UI drives a packetdrill run (sim/
 * packetdrill.h) as it drives a console script: one engine event at a
 * time, recording every trace event.  With each step it keeps the line
 * the runner was at (pd_run_doing), so the pane can be built for any
 * step of the history, back or forward.  This file only turns that into
 * text; ui/ui.c draws it (and is the only file that knows curses).
 *
 * One row per line of the file, numbered as packetdrill numbers them:
 *
 *	ok   9  +0  listen(3, 1) = 0
 *	>   10  +0  < S 0:0(0) win 32792 <mss 1000,sackOK,nop,nop,nop,wscale 7>
 *	    11  +0  > S. 0:0(0) ack 1 <mss 1460,nop,nop,sackOK,nop,wscale 7>
 *
 * `>` the line being executed (drawn reversed: not colour alone), `ok`
 * the lines whose events are done, nothing on comments and lines to
 * come.  A failure stops at its line: packetdrill's report follows it,
 * each row marked `!!`.  A pass ends the text with a PASS row.
 */
#include "ui/ui_script.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UI_TAB	8

struct ui_buf {
	char *p;
	size_t len, cap;
	bool failed;			/* out of memory */
};

static void
ui_put(struct ui_buf *b, const char *s, size_t n)
{
	if (b->failed)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->cap ? b->cap * 2 : 4096) + n;
		char *p = realloc(b->p, cap);

		if (!p) {
			b->failed = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* One line of the script, tabs expanded (rows of a pane have no tabs). */
static void
ui_put_line(struct ui_buf *b, const char *s, size_t n)
{
	size_t col = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\t') {
			do
				ui_put(b, " ", 1);
			while (++col % UI_TAB);
			continue;
		}
		if (s[i] == '\r')
			continue;
		ui_put(b, &s[i], 1);
		col++;
	}
	ui_put(b, "\n", 1);
}

/* packetdrill's report, one `!!` row per line of it. */
static void
ui_put_error(struct ui_buf *b, const char *err)
{
	while (*err) {
		size_t n = strcspn(err, "\n");

		ui_put(b, "!! ", 3);
		ui_put_line(b, err, n);
		err += n + (err[n] == '\n');
	}
}

/* Is line @line the line of an event done (before @upto)? */
static bool
ui_done(const struct ui_script_view *v, int line, int upto)
{
	for (int i = 0; i < v->nev && v->events[i] < upto; i++)
		if (v->events[i] == line)
			return true;
	return false;
}

char *
ui_script_text(const struct ui_script_view *v)
{
	struct ui_buf b = { NULL, 0, 0, false };
	const char *s = v->text, *end = v->text + v->len;
	int cur = v->result < 0 ? v->fail_line : v->result > 0 ? 0 : v->cur;
	/* Done: every event before the current line; after a pass, all. */
	int upto = v->result > 0 ? 1 << 30 : cur;
	int lines = 1, width = 1, line = 1;
	char num[32];

	for (const char *p = s; p < end; p++)
		lines += *p == '\n';
	for (int n = lines; n >= 10; n /= 10)
		width++;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
		int k = snprintf(num, sizeof(num), "%s%*d  ", line == cur ? ">  " :
				 ui_done(v, line, upto) ? "ok " : "   ", width, line);

		ui_put(&b, num, (size_t)k);
		ui_put_line(&b, s, n);
		if (line == cur && v->result < 0)
			ui_put_error(&b, v->error ? v->error : "");
		s += n + (nl != NULL);
		line++;
	}
	if (v->result > 0) {
		const char *pass = "PASS: every line ran as written (exit status 0)\n";

		ui_put(&b, pass, strlen(pass));
	}
	if (b.failed) {
		free(b.p);
		return NULL;
	}
	return b.p ? b.p : strdup("");
}
