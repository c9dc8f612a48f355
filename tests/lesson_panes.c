/*
 * tests/lesson_panes.c - does what the panes show agree with what a
 * lesson checks?  Run by tests/lessons-panes.sh over every lesson.
 *
 *	tests/lesson_panes LESSON...
 *
 * Each lesson runs as the UI runs it, without curses: the lesson runner
 * (sim/lesson_run.c) drives a world the UI's recorder (ui/ui_snap.c)
 * listens to, the runner's stops take the panes there, and a mark after
 * each step that runs the world takes them at its end.  Then every
 * `expect` is set beside the snapshot of the moment it was evaluated
 * at (the stop, or the end of the step before it), and each subject a
 * pane shows is read back from the pane's text:
 *
 *	skb FIELD	the skb pane: the lesson's current skb, its dataref,
 *			users, cloned, len; live 0 is "skb#N: freed"
 *	neigh ADDR ...	the neighbour pane (of that host): state, q=
 *	ring DEV tx Q	the ring pane (of that device): ntu, ntc, count,
 *			and in_flight and unused from them
 *	qdisc DEV ...	the qdisc pane: qlen, backlog, drops, requeues
 *	softirq NET_TX|NET_RX	the qdisc pane's softirq rows
 *	sock FD cwnd|packets_out	the call stack's event fields, when the
 *			event has them (cwnd=, in_flight=)
 *	note KEY=VALUE...	the call stack's event fields, when the stop is
 *			that note (every KEY= there, each with its VALUE)
 *
 * Any other subject, or a pane that shows another host or device, is
 * counted as "not on a pane".  It also checks that the lesson's text
 * names only panes that exist (ui_pane_names, or the lesson pane).
 *
 * Prints one line per disagreement, "FILE:LINE: expect ...: the PANE
 * shows ...", and per lesson "ok FILE: N checks beside a pane, M not on
 * a pane"; exits 1 if anything disagrees.
 */
#include "sim/journal.h"
#include "sim/lesson.h"
#include "ui/ui_snap.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct run {
	struct lesson *l;
	struct lesson_run *r;
	struct ui_rec rec;
	int bad, beside, away;
};

/* The runner stops, inside the sink: the panes of that moment, as the UI takes them. */
static void
stop_hook(void *arg, const struct lesson_stop *stop)
{
	struct run *x = arg;

	(void)stop;
	ui_rec_stop_here(&x->rec, lesson_run_skb(x->r));
}

/* The snapshot of the stop @m (its very record), or of the newest step. */
static const struct ui_snap *
snapshot_of(const struct run *x, const struct lesson_stop *m)
{
	const struct ui_rec *r = &x->rec;

	for (u64 i = r->count; m && i-- > r->first;) {
		const struct ui_step *st = ui_rec_step(r, i);

		if (st->seq == m->seq && st->ev.site == m->rec.site && st->ev.kind == m->rec.kind)
			return ui_rec_get(r, i);
	}
	return m || !r->count ? NULL : ui_rec_get(r, r->count - 1);
}

/* The number after @key ("dataref=") in @text, from @from on; -1 if none. */
static long long
field(const char *text, const char *from, const char *key)
{
	const char *p = strstr(from ? from : text, key);

	return p && isdigit((unsigned char)p[strlen(key)]) ? strtoll(p + strlen(key), NULL, 10) : -1;
}

static bool
holds(long long have, const char *op, long long want)
{
	if (!strcmp(op, "!="))
		return have != want;
	if (!strcmp(op, "<"))
		return have < want;
	if (!strcmp(op, "<="))
		return have <= want;
	if (!strcmp(op, ">"))
		return have > want;
	if (!strcmp(op, ">="))
		return have >= want;
	return have == want;
}

/* The line of @text that begins with @head (after one mark column), or NULL. */
static const char *
line_of(const char *text, const char *head)
{
	size_t n = strlen(head);

	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (!strncmp(p + 1, head, n) || !strncmp(p, head, n))
			return p;
	return NULL;
}

enum verdict { AWAY, AGREE, DISAGREE };

/*
 * Compare one expect (its words @w) with the snapshot @s; @skb is the
 * lesson's current skb.  @why: what the pane shows, for a disagreement.
 */
static enum verdict
compare(const struct run *x, const struct ui_snap *s, char **w, int n, u32 skb, char *why,
	size_t wl)
{
	const char *host = "student", *op = "==", *pane;
	long long want, have = -1;

	if (n > 3 && !strcmp(w[1], "on")) {
		host = w[2];
		memmove(w + 1, w + 3, (size_t)(n - 3) * sizeof(*w));
		n -= 2;
	}
	if (n >= 3 && strchr("=!<>", w[n - 2][0])) {
		op = w[n - 2];
		memmove(w + n - 2, w + n - 1, sizeof(*w));
		n--;
	}
	want = strtoll(w[n - 1], NULL, 10);
	if (!strcmp(w[0], "skb") && n == 3) {
		char head[32];
		const char *at;

		pane = s->pane[UI_PANE_SKB];
		snprintf(head, sizeof(head), "skb#%u ", skb);
		at = line_of(pane, head);
		snprintf(head, sizeof(head), "skb#%u: freed", skb);
		if (!strcmp(w[1], "live"))
			have = at ? 1 : line_of(pane, head) ? 0 : -1;
		else if (!strcmp(w[1], "dataref") || !strcmp(w[1], "users") ||
			 !strcmp(w[1], "cloned") || !strcmp(w[1], "len")) {
			char key[16];

			snprintf(key, sizeof(key), "%s=", w[1]);
			have = at ? field(pane, at, key) : -1;
		} else {
			return AWAY;	/* on_write_queue: no pane says */
		}
		snprintf(why, wl, "the skb pane shows %s", have < 0 ? "another skb" : "");
		if (have >= 0)
			snprintf(why, wl, "the skb pane shows skb#%u %s %lld", skb, w[1], have);
		return have >= 0 && holds(have, op, want) ? AGREE : DISAGREE;
	}
	if (!strcmp(w[0], "neigh") && n >= 3) {
		char title[64];
		const char *row;

		if (strcmp(ui_rec_host_name(&x->rec, &s->ev), host))
			return AWAY;
		snprintf(title, sizeof(title), "%s ", w[1]);
		row = line_of(s->pane[UI_PANE_NEIGH], title);
		if (n == 3) {
			char st[24] = "NONE";

			if (row)
				sscanf(row + 1 + strlen(w[1]), " %*s %23s", st);
			snprintf(why, wl, "the neighbour pane shows %s %s", w[1], st);
			return !strcmp(st, w[2]) ? AGREE : DISAGREE;
		}
		have = row ? field(row, row, "q=") : -1;
		snprintf(why, wl, "the neighbour pane shows %s q=%lld", w[1], have);
		return have >= 0 && holds(have, op, want) ? AGREE : DISAGREE;
	}
	if (!strcmp(w[0], "ring") && n == 6 && !strcmp(w[2], "tx") && !strcmp(w[3], "0")) {
		char title[48];
		long long ntu, ntc, cnt;

		pane = s->pane[UI_PANE_RING];
		snprintf(title, sizeof(title), "%s:%s\n", host, w[1]);
		if (strncmp(pane, title, strlen(title)))
			return AWAY;
		ntu = field(pane, NULL, "ntu=");
		ntc = field(pane, NULL, "ntc=");
		cnt = field(pane, NULL, "count=");
		if (!strcmp(w[4], "next_to_use"))
			have = ntu;
		else if (!strcmp(w[4], "next_to_clean"))
			have = ntc;
		else if (!strcmp(w[4], "count"))
			have = cnt;
		else if (!strcmp(w[4], "in_flight") && cnt > 0)
			have = (ntu - ntc + cnt) % cnt;
		else if (!strcmp(w[4], "unused") && cnt > 0)
			have = cnt - (ntu - ntc + cnt) % cnt - 1;
		else
			return AWAY;
		snprintf(why, wl, "the ring pane shows %s %lld (ntu=%lld ntc=%lld count=%lld)",
			 w[4], have, ntu, ntc, cnt);
		return holds(have, op, want) ? AGREE : DISAGREE;
	}
	if (!strcmp(w[0], "qdisc") && n == 4) {
		char key[16];

		/* The qdisc pane follows the ring pane's device. */
		pane = s->pane[UI_PANE_QDISC];
		if (strncmp(pane, w[1], strlen(w[1])) || strcmp(host, "student") ||
		    strncmp(s->pane[UI_PANE_RING], "student:", 8) ||
		    (strcmp(w[2], "qlen") && strcmp(w[2], "backlog") && strcmp(w[2], "drops") &&
		     strcmp(w[2], "requeues")))
			return AWAY;
		snprintf(key, sizeof(key), "%s=", w[2]);
		have = field(pane, NULL, key);
		snprintf(why, wl, "the qdisc pane shows %s=%lld", w[2], have);
		return holds(have, op, want) ? AGREE : DISAGREE;
	}
	if (!strcmp(w[0], "softirq") && n == 3 && strcmp(host, "student") == 0 &&
	    (!strcmp(w[1], "NET_TX") || !strcmp(w[1], "NET_RX"))) {
		const char *row = line_of(s->pane[UI_PANE_QDISC], w[1]);

		have = row ? strtoll(strchr(row, ':') + 1, NULL, 10) : -1;
		snprintf(why, wl, "the qdisc pane shows %s %lld on the student", w[1], have);
		return have >= 0 && holds(have, op, want) ? AGREE : DISAGREE;
	}
	if (!strcmp(w[0], "note") && strcmp(w[1], "on")) {
		/* Only the note the stop shows: its fields are the stack pane's last lines. */
		int first = strchr(w[1], '=') ? 1 : 2, found = 0;

		pane = s->pane[UI_PANE_STACK];
		for (int k = first; k < n; k++) {
			char key[64];
			const char *at;

			snprintf(key, sizeof(key), "%.*s", (int)(strchr(w[k], '=') - w[k] + 1), w[k]);
			at = strstr(pane, key);
			if (!at)
				return AWAY;
			if (!strncmp(at, w[k], strlen(w[k])) &&
			    (at[strlen(w[k])] == ' ' || at[strlen(w[k])] == '\n' || !w[k][strlen(key)]))
				found++;
		}
		snprintf(why, wl, "the call stack's fields differ from %s", w[first]);
		return found == n - first ? AGREE : DISAGREE;
	}
	if (!strcmp(w[0], "sock") && n == 4 && !strcmp(host, "student")) {
		const char *key = !strcmp(w[2], "cwnd") ? "cwnd=" :
				  !strcmp(w[2], "packets_out") ? "in_flight=" : NULL;

		have = key ? field(s->pane[UI_PANE_STACK], NULL, key) : -1;
		if (have < 0)
			return AWAY;
		snprintf(why, wl, "the call stack shows %s%lld", key, have);
		return holds(have, op, want) ? AGREE : DISAGREE;
	}
	return AWAY;
}

/* The text of @s a student reads (narration, pause, question, answer, try). */
static void
check_pane_names(struct run *x, const char *path, const struct lesson_step *s)
{
	const char *texts[2] = { s->text, s->answer };

	if (s->kind == LESSON_RUN || s->kind == LESSON_EXPECT)
		return;
	for (int t = 0; t < 2; t++) {
		for (const char *p = texts[t]; p && (p = strstr(p, " pane")); p += 5) {
			const char *e = p, *b;
			char word[32];
			bool known = false;

			if (isalpha((unsigned char)p[5]))
				continue;	/* "panes", "panel" */
			for (b = e; b > texts[t] && b[-1] != ' '; b--)
				;
			snprintf(word, sizeof(word), "%.*s", (int)(e - b), b);
			for (char *c = word; *c; c++)
				*c = (char)tolower((unsigned char)*c);
			/* "the pane", "each pane": no name to check. */
			known = !strcmp(word, "lesson") || !strcmp(word, "the") ||
				!strcmp(word, "a") || !strcmp(word, "each") || !strcmp(word, "every");
			for (int i = 0; i < UI_NPANES && !known; i++) {
				char name[64], *tok, *save = NULL;

				snprintf(name, sizeof(name), "%s", ui_pane_names[i]);
				for (char *c = name; *c; c++)
					*c = (char)tolower((unsigned char)*c);
				for (tok = strtok_r(name, " /()", &save); tok && !known;
				     tok = strtok_r(NULL, " /()", &save)) {
					size_t k = strlen(word);

					known = !strcmp(tok, word) ||
						(!strncmp(tok, word, k) && !strcmp(tok + k, "s"));
				}
			}
			if (!known) {
				printf("%s:%d: names the %s pane, which the UI does not have\n", path,
				       s->line, word);
				x->bad++;
			}
		}
	}
}

static int
run_lesson(const char *path)
{
	struct run *x = calloc(1, sizeof(*x));
	struct sim_journal j;
	struct sim_world *w;
	const struct lesson_step *s;
	int rc;

	if (!x)
		return 1;
	sim_journal_init(&j);
	rc = lesson_open_world(path, 1, stderr, &x->l, &w);
	if (rc) {
		free(x);
		return rc;
	}
	if (ui_rec_init(&x->rec, w, &j) || !(x->r = lesson_run_create(x->l, w, NULL))) {
		fprintf(stderr, "%s: cannot start\n", path);
		return 1;
	}
	lesson_run_set_journal(x->r, &j);
	lesson_run_set_stop_hook(x->r, stop_hook, x);
	while ((s = lesson_next(x->l))) {
		/* As the UI: a `$` that ran at a stop only looked. */
		bool world = (s->kind == LESSON_RUN && !lesson_run_step_moment(x->r, s)) ||
			     s->kind == LESSON_CONTINUE || s->kind == LESSON_STEP_UNTIL;
		const struct lesson_stop *m;
		const struct ui_snap *snap;
		char buf[512], *wv[16], why[256];
		int n = 0;

		check_pane_names(x, path, s);
		if (world)
			x->rec.mode = UI_REC_RUN;
		/* Before an expect in its own turn, m is NULL: the newest step. */
		m = lesson_run_step_moment(x->r, s);
		snap = s->kind == LESSON_EXPECT ? snapshot_of(x, m) : NULL;
		rc = lesson_run_step(x->r, s);
		x->rec.mode = UI_REC_ALL;
		x->rec.tail = 0;
		x->rec.stopped = false;
		if (world)
			ui_rec_mark(&x->rec, UI_MARK_LESSON, s->text ? s->text : "step",
				    lesson_run_skb(x->r));
		if (rc) {
			printf("%s\n", lesson_run_error(x->r));
			x->bad++;
			break;
		}
		if (s->kind != LESSON_EXPECT)
			continue;
		if (!snap) {
			printf("%s:%d: expect %s: no snapshot of its moment\n", path, s->line, s->text);
			x->bad++;
			continue;
		}
		snprintf(buf, sizeof(buf), "%s", s->text);
		for (char *t = strtok(buf, " \t"); t && n < 15; t = strtok(NULL, " \t"))
			wv[n++] = t;
		switch (compare(x, snap, wv, n, m && m->skb_id ? m->skb_id : lesson_run_skb(x->r),
				why, sizeof(why))) {
		case AWAY:
			x->away++;
			break;
		case AGREE:
			x->beside++;
			break;
		case DISAGREE:
			printf("%s:%d: expect %s: %s\n", path, s->line, s->text, why);
			x->bad++;
			break;
		}
	}
	if (!x->bad)
		printf("ok %s: %d check(s) beside a pane that agrees, %d not on a pane\n", path,
		       x->beside, x->away);
	rc = x->bad ? 1 : 0;
	lesson_run_destroy(x->r);
	ui_rec_exit(&x->rec);
	sim_journal_free(&j);
	trace_mute(&w->trace);
	sim_world_destroy(w);
	rc = lesson_close_world(x->l, w, rc, stderr);
	free(x);
	return rc;
}

int
main(int argc, char **argv)
{
	int rc = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s LESSON...\n", argv[0]);
		return 2;
	}
	for (int i = 1; i < argc; i++)
		if (run_lesson(argv[i]))
			rc = 1;
	return rc;
}
