/*
 * tests/check_ui_snap.c - the UI's recorder (ui/ui_snap.c) without
 * curses: a run stops where its predicate says and takes the panes
 * there, whether it takes them at every step (the TAP wire) or only
 * there; a step it did not take is rebuilt by replaying the journal,
 * and the rebuilt panes are the ones a run taking every step saw.
 * The Script pane's text (ui/ui_script.c): the line being executed,
 * the lines done, a failure's report, a pass.
 */
#include "sim/console.h"
#include "sim/journal.h"
#include "ui/ui_script.h"
#include "ui/ui_snap.h"
#include "events/tcp.h"
#include "tests/fixture.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

static const u32 seed3 = 3;

/* Stop at the entry of tcp_transmit_skb. */
static bool
at_transmit(void *arg, const struct ui_step *st)
{
	(void)arg;
	return st->ev.kind == TRACE_ENTER && TP_REC_IS(&st->ev, tcp_transmit_skb);
}

/* Commands, then events until no command waits: all through @j. */
static void
run(struct sim_journal *j, struct sim_console *con, struct ui_rec *r)
{
	static const char *const lines[] = { "socket tcp", "connect 10.0.1.2:9000", "send 3 3000" };

	for (size_t i = 0; i < ARRAY_SIZE(lines); i++) {
		char buf[64], *argv[CONSOLE_MAX_ARGS + 1];
		struct console_call call;
		int argc = console_split(lines[i], buf, argv, CONSOLE_MAX_ARGS, NULL);

		ck_assert_int_eq(console_resolve(con, argc, argv, &call), 0);
		ck_assert_int_eq(sim_journal_call(j, con, &call, lines[i]), 0);
		for (int k = 0; k < 100000 && console_busy(con) && !r->stopped; k++)
			sim_journal_one(j, con->w);
	}
}

struct side {
	struct sim_world w;
	struct sim_console con;
	struct sim_journal j;
	struct ui_rec r;
	FILE *null;
};

static void
side_open(struct side *x, bool journal, enum ui_rec_mode mode)
{
	ck_assert_int_eq(sim_world_create(&x->w, 3), 0);
	x->null = fopen("/dev/null", "w");
	ck_assert_ptr_nonnull(x->null);
	console_init(&x->con, &x->w, x->null, x->null);
	sim_journal_init(&x->j);
	ck_assert_int_eq(ui_rec_init(&x->r, &x->w, journal ? &x->j : NULL), 0);
	x->r.mode = mode;
	x->r.stop = at_transmit;
}

static void
side_close(struct side *x)
{
	ui_rec_exit(&x->r);
	sim_journal_free(&x->j);
	trace_mute(&x->w.trace);
	sim_world_destroy(&x->w);
	fclose(x->null);
	ck_assert_uint_eq(sim_skb_ledger_live(&x->w.ledger, NULL), 0);
}

START_TEST(test_run_stops_and_replays)
{
	struct side *all = calloc(1, sizeof(*all)), *rec = calloc(1, sizeof(*rec));
	const struct ui_snap *a, *b;
	u64 at, back;

	ck_assert(all && rec);
	/* Every step taken (the TAP wire's way): the run stops all the same. */
	side_open(all, false, UI_REC_ALL);
	run(&all->j, &all->con, &all->r);
	ck_assert(all->r.stopped);
	at = all->r.stopped_at;
	ck_assert(TP_REC_IS(&ui_rec_step(&all->r, at)->ev, tcp_transmit_skb));
	/* Only the records, the panes at the stop. */
	side_open(rec, true, UI_REC_RUN);
	run(&rec->j, &rec->con, &rec->r);
	ck_assert(rec->r.stopped);
	ck_assert_uint_eq(rec->r.stopped_at, at);
	ck_assert_ptr_nonnull(ui_rec_get(&rec->r, at));
	back = at - 50;
	ck_assert_ptr_null(ui_rec_get(&rec->r, back));
	/* Replayed, the step before has the panes the first run took. */
	ck_assert_int_eq(ui_rec_replay(&rec->r, back, &ui_world_classroom, (void *)&seed3), 0);
	a = ui_rec_get(&all->r, back);
	b = ui_rec_get(&rec->r, back);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	for (int p = 0; p < UI_NPANES; p++) {
		/* The console pane is the terminal as it is now: no step has one. */
		if (p == UI_PANE_CONSOLE) {
			ck_assert(!a->pane[p] && !b->pane[p]);
			continue;
		}
		ck_assert_msg(a->pane[p] && b->pane[p] && !strcmp(a->pane[p], b->pane[p]),
			      "pane %s differs:\n%s\n---\n%s", ui_pane_names[p], a->pane[p],
			      b->pane[p]);
	}
	ck_assert(!memcmp(&a->ev, &b->ev, offsetof(struct trace_rec, data)));
	/* Beyond the history: nothing to rebuild. */
	ck_assert_int_eq(ui_rec_replay(&rec->r, rec->r.count + 5, &ui_world_classroom,
				       (void *)&seed3), -ENOENT);
	side_close(all);
	side_close(rec);
	free(all);
	free(rec);
}
END_TEST

#define SCRIPT "// a comment\n0 socket(...) = 3\n\t+0 bind(3, ..., ...) = 0\n+0 listen(3, 1) = 0\n"

static const int script_events[] = { 2, 3, 4 };

/* The pane's text for a script at line @cur with @result. */
static char *
script_pane(int cur, int result, const char *error, int fail_line)
{
	struct ui_script_view v = {
		.text = SCRIPT, .len = strlen(SCRIPT), .events = script_events, .nev = 3,
		.cur = cur, .result = result, .error = error, .fail_line = fail_line,
	};

	return ui_script_text(&v);
}

START_TEST(test_script_pane)
{
	char *t = script_pane(3, 0, "", 0);

	/* Running: '>' on line 3 (its tab expanded), 'ok' on the event before. */
	ck_assert_str_eq(t, "   1  // a comment\n"
			    "ok 2  0 socket(...) = 3\n"
			    ">  3          +0 bind(3, ..., ...) = 0\n"
			    "   4  +0 listen(3, 1) = 0\n");
	free(t);
	/* Failed at 3: the report follows its line, each row marked. */
	t = script_pane(4, -1, "t.pkt:3: bad\nscript packet: x", 3);
	ck_assert_str_eq(t, "   1  // a comment\n"
			    "ok 2  0 socket(...) = 3\n"
			    ">  3          +0 bind(3, ..., ...) = 0\n"
			    "!! t.pkt:3: bad\n"
			    "!! script packet: x\n"
			    "   4  +0 listen(3, 1) = 0\n");
	free(t);
	/* Passed: every event done, a PASS row last. */
	t = script_pane(0, 1, "", 0);
	ck_assert_str_eq(t, "   1  // a comment\n"
			    "ok 2  0 socket(...) = 3\n"
			    "ok 3          +0 bind(3, ..., ...) = 0\n"
			    "ok 4  +0 listen(3, 1) = 0\n"
			    "PASS: every line ran as written (exit status 0)\n");
	free(t);
}
END_TEST

Suite *
ui_snap_suite(void)
{
	Suite *s = suite_create("ui_snap");

	fixture_add_tcase(s, "recorder", NULL, NULL, 30, (const TTest *const []){
		test_run_stops_and_replays,
		NULL,
	});
	fixture_add_tcase(s, "script pane", NULL, NULL, 4, (const TTest *const []){
		test_script_pane,
		NULL,
	});
	return s;
}
