/*
 * tests/check_lesson.c - the lesson engine (sim/lesson_*.c): the
 * parser's errors (each names FILE:LINE), names checked against the
 * trace declarations, the `expect` subject table, `expect` evaluated
 * true and false against a live world, breaks and `step until` stopping
 * in the right function, and bad input that must neither crash nor hang.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include "sim/lesson.h"
#include "sim/lesson_priv.h"
#include "sim/topology.h"
#include "tests/fixture.h"

/* A valid header for lessons built in the tests. */
#define HDR "title T\nsummary S\nkernel net/core/dev.c\nlab no: test\n"
#define TRY "try Change one thing.\nanswer Something happens.\n"

static struct lesson *
parse_ok(const char *text)
{
	char err[LESSON_ERR_MAX];
	struct lesson *l = lesson_parse("t.lesson", text, err, sizeof(err));

	ck_assert_msg(l != NULL, "unexpected parse error: %s", err);
	return l;
}

/* Parse @text, expect an error starting with "t.lesson:LINE: " and containing @what. */
static void
parse_fails(const char *text, int line, const char *what)
{
	char err[LESSON_ERR_MAX], prefix[64];
	struct lesson *l = lesson_parse("t.lesson", text, err, sizeof(err));

	ck_assert_msg(l == NULL, "parsed, but should fail with '%s'", what);
	snprintf(prefix, sizeof(prefix), "t.lesson:%d: ", line);
	ck_assert_msg(!strncmp(err, prefix, strlen(prefix)), "error '%s' lacks '%s'", err, prefix);
	ck_assert_msg(strstr(err, what) != NULL, "error '%s' lacks '%s'", err, what);
}

START_TEST(test_parse_steps)
{
	struct lesson *l = parse_ok(HDR
		"netstep layers/dev.c\n"
		"\n"
		"First paragraph, line one\n"
		"and line two.\n"
		"\n"
		"$ ping -c 1 10.0.1.2\n"
		"break arp_solicit on router\n"
		"step until neigh_update\n"
		"continue\n"
		"pause Look.\n"
		"question Why?\n"
		"answer Because\n"
		"  it is so.\n"
		"expect neigh 10.0.0.1 REACHABLE\n"
		"delete\n"
		TRY);
	const struct lesson_step *s;

	ck_assert_str_eq(l->title, "T");
	ck_assert_int_eq(l->nkernel, 1);
	ck_assert_int_eq(l->nnetstep, 1);
	ck_assert(!l->lab_works);
	ck_assert_int_eq(l->nsteps, 10);
	s = lesson_next(l);
	ck_assert_int_eq(s->kind, LESSON_NARRATE);
	ck_assert_str_eq(s->text, "First paragraph, line one and line two.");
	ck_assert_int_eq(s->line, 7);
	s = lesson_next(l);
	ck_assert_int_eq(s->kind, LESSON_RUN);
	ck_assert_str_eq(s->text, "ping -c 1 10.0.1.2");
	ck_assert_int_eq(s->line, 10);
	s = lesson_next(l);
	ck_assert_int_eq(s->kind, LESSON_BREAK);
	ck_assert_str_eq(s->func, "arp_solicit");
	ck_assert_int_eq(s->host, SIM_ROUTER);
	s = lesson_next(l);
	ck_assert_int_eq(s->kind, LESSON_STEP_UNTIL);
	ck_assert_str_eq(s->func, "neigh_update");
	ck_assert_int_eq(s->host, SIM_STUDENT);
	ck_assert_int_eq(lesson_next(l)->kind, LESSON_CONTINUE);
	ck_assert_int_eq(lesson_next(l)->kind, LESSON_PAUSE);
	s = lesson_next(l);
	ck_assert_int_eq(s->kind, LESSON_QUESTION);
	ck_assert_str_eq(s->answer, "Because it is so.");
	ck_assert_int_eq(lesson_next(l)->kind, LESSON_EXPECT);
	s = lesson_next(l);
	ck_assert_int_eq(s->kind, LESSON_DELETE);
	ck_assert_str_eq(s->func, "");
	s = lesson_next(l);
	ck_assert_int_eq(s->kind, LESSON_TRY);
	ck_assert_str_eq(s->answer, "Something happens.");
	ck_assert_ptr_null(lesson_next(l));
	lesson_rewind(l);
	ck_assert_int_eq(lesson_next(l)->kind, LESSON_NARRATE);
	lesson_free(l);
}
END_TEST

START_TEST(test_parse_errors)
{
	/* Header and structure. */
	parse_fails("summary S\nkernel k\nlab no\n" TRY, 1, "no 'title' line");
	parse_fails("title T\nkernel k\nlab no\n" TRY, 1, "no 'summary' line");
	parse_fails("title T\nsummary S\nlab no\n" TRY, 1, "no 'kernel' line");
	parse_fails("title T\nsummary S\nkernel k\n" TRY, 1, "no 'lab yes|no");
	parse_fails(HDR "title U\n" TRY, 5, "a second 'title' line");
	parse_fails("title T\nsummary S\nkernel k\nlab maybe\n" TRY, 4, "must start with yes or no");
	parse_fails(HDR "kernel a b\n" TRY, 5, "'kernel' takes one path");
	parse_fails(HDR "Just words.\n", 5, "no 'try' exercise");
	parse_fails(HDR TRY "$ ping 10.0.1.2\n", 7, "after the closing 'try'");
	/* Directives. */
	parse_fails(HDR "break\n" TRY, 5, "usage: break FUNCTION");
	parse_fails(HDR "break the packet into pieces\n" TRY, 5, "usage: break FUNCTION");
	parse_fails(HDR "break 9lives\n" TRY, 5, "not a function name");
	parse_fails(HDR "break f on mars\n" TRY, 5, "unknown host 'mars'");
	parse_fails(HDR "step over f\n" TRY, 5, "usage: step until FUNCTION");
	parse_fails(HDR "continue now\n" TRY, 5, "'continue' takes no arguments");
	parse_fails(HDR "$\n" TRY, 5, "'$' needs a console command");
	parse_fails(HDR "answer 42\n" TRY, 5, "'answer' without a question");
	parse_fails(HDR "question Why?\n\nWords.\n" TRY, 5, "question has no answer");
	parse_fails(HDR "question Why?\nanswer A\nanswer B\n" TRY, 7, "a second answer");
	parse_fails(HDR "Bell\a here\n" TRY, 5, "control character 0x07");
	/* Expect. */
	parse_fails(HDR "expect\n" TRY, 5, "expect needs a subject");
	parse_fails(HDR "expect weather sunny\n" TRY, 5, "unknown expect subject 'weather'");
	parse_fails(HDR "expect neigh 10.0.0.300 REACHABLE\n" TRY, 5, "not an IPv4 address");
	parse_fails(HDR "expect neigh 10.0.0.1 HAPPY\n" TRY, 5, "unknown NUD state 'HAPPY'");
	parse_fails(HDR "expect skb refs 2\n" TRY, 5, "unknown skb field 'refs'");
	parse_fails(HDR "expect skb dataref two\n" TRY, 5, "'two' is not a number");
	parse_fails(HDR "expect skb dataref ==\n" TRY, 5, "a number is missing");
	parse_fails(HDR "expect skb dataref 2 3\n" TRY, 5, "unexpected '3'");
	parse_fails(HDR "expect ring eth0 up 0 next_to_use 3\n" TRY, 5, "tx or rx");
	parse_fails(HDR "expect ring eth0 tx 0 next_to_use\n" TRY, 5, "usage: expect ring");
	parse_fails(HDR "expect counter NO_SUCH_MIB 1\n" TRY, 5, "unknown counter 'NO_SUCH_MIB'");
	parse_fails(HDR "expect counter on mars IPSTATS_MIB_FRAGOKS 1\n" TRY, 5,
		    "unknown host 'mars'");
	parse_fails(HDR "expect trace a after b\n" TRY, 5, "usage: expect trace");
	parse_fails(HDR "expect output has x\n" TRY, 5, "'contains' or 'lacks'");
	parse_fails(HDR "expect txq eth0 0 asleep\n" TRY, 5, "stopped|running");
	parse_fails(HDR "expect server 99999 bytes 1\n" TRY, 5, "not a port");
}
END_TEST

/* A moment: FUNC (entry), FUNC return, NOTE in FUNC; each with [on HOST]. */
START_TEST(test_parse_moments)
{
	struct lesson *l = parse_ok(HDR
		"break tcp_transmit_skb return\n"
		"break tcp_cwnd_limited in tcp_write_xmit on any\n"
		"step until neigh_update return on router\n"
		"delete tcp_transmit_skb return\n"
		"step until tcp_sendmsg\n"
		TRY);

	ck_assert_int_eq(l->steps[0].at, LESSON_AT_RETURN);
	ck_assert_str_eq(l->steps[0].func, "tcp_transmit_skb");
	ck_assert_int_eq(l->steps[0].host, SIM_STUDENT);
	ck_assert_int_eq(l->steps[1].at, LESSON_AT_NOTE);
	ck_assert_str_eq(l->steps[1].func, "tcp_cwnd_limited");
	ck_assert_str_eq(l->steps[1].in, "tcp_write_xmit");
	ck_assert_int_eq(l->steps[1].host, LESSON_HOST_ANY);
	ck_assert(l->steps[1].ev->is_note);
	ck_assert_int_eq(l->steps[2].at, LESSON_AT_RETURN);
	ck_assert_int_eq(l->steps[2].host, SIM_ROUTER);
	ck_assert_int_eq(l->steps[3].kind, LESSON_DELETE);
	ck_assert_int_eq(l->steps[3].at, LESSON_AT_RETURN);
	ck_assert_int_eq(l->steps[4].at, LESSON_AT_ENTRY);
	lesson_free(l);
	parse_fails(HDR "break tcp_transmit_skb in\n" TRY, 5, "'in' needs the function");
	parse_fails(HDR "break tcp_sendmsg in tcp_sendmsg\n" TRY, 5,
		    "'tcp_sendmsg' is not a note events/ declares (it is a function");
	parse_fails(HDR "break tcp_cwnd_limited\n" TRY, 5, "is a note, not a traced function");
	parse_fails(HDR "break tcp_sendmsg return now\n" TRY, 5, "unexpected 'now'");
	parse_fails(HDR "step until tcp_sendmsg returns\n" TRY, 5, "unexpected 'returns'");
}
END_TEST

/* A function a step or a check names must be a traced one: a typo is a
 * parse error with the closest declared names, not a break that never stops. */
START_TEST(test_parse_unknown_function)
{
	parse_fails(HDR "break tcp_sendmgs\n" TRY, 5,
		    "'tcp_sendmgs' is not a traced function (did you mean tcp_sendmsg");
	parse_fails(HDR "step until ip_forwrd on router\n" TRY, 5,
		    "'ip_forwrd' is not a traced function (did you mean ip_forward");
	parse_fails(HDR "delete arp_solicti\n" TRY, 5, "did you mean arp_solicit");
	parse_fails(HDR "expect trace neigh_updat\n" TRY, 5,
		    "'neigh_updat' is not a traced function (did you mean neigh_update");
	parse_fails(HDR "expect trace arp_solicit before ip_finish_outptu2\n" TRY, 5,
		    "did you mean ip_finish_output2");
	parse_fails(HDR "expect trace ip_forward count 1\nexpect trace zzzzqqqq count 1\n" TRY, 6,
		    "'zzzzqqqq' is not a traced function (events/ declares them)");
	/* A note is not a function. */
	parse_fails(HDR "break tcp_sendmsg_copy\n" TRY, 5, "is a note, not a traced function");
	/* The break keeps the declaration it found. */
	{
		struct lesson *l = parse_ok(HDR "break ip_forward on router\n" TRY);
		const struct lesson_step *s = lesson_next(l);

		ck_assert_ptr_eq(s->ev, trace_event_find("ip_forward", false));
		ck_assert_str_eq(s->func, "ip_forward");
		lesson_free(l);
	}
}
END_TEST

/* `trace FUNC has` and `note` name fields of the declarations. */
START_TEST(test_parse_unknown_field)
{
	parse_fails(HDR "expect trace ip_finish_output2 has nexthopp=10.0.0.1\n" TRY, 5,
		    "ip_finish_output2 has no field 'nexthopp' "
		    "(its fields: len dev daddr nexthop)");
	parse_fails(HDR "expect trace ip_finish_output2 has nexthop=10.0.0\n" TRY, 5,
		    "'10.0.0' can never be ip_finish_output2's nexthop (an IPv4 address)");
	parse_fails(HDR "expect trace eth_header has len=84b\n" TRY, 5, "(a number)");
	parse_fails(HDR "expect trace ip_forward has 10.0.1.2\n" TRY, 5,
		    "'10.0.1.2' is not KEY=VALUE");
	parse_fails(HDR "expect note nudd=NONE->INCOMPLETE\n" TRY, 5,
		    "no declared note has a field 'nudd' (did you mean nud");
	parse_fails(HDR "expect note copy=1 nud=STALE\n" TRY, 5,
		    "no declared note can have copy=1 nud=STALE");
	parse_fails(HDR "expect note tcp_sendmsg:\n" TRY, 5, "usage: expect note");
	/* Field names are the declarations' (these are in lessons/). */
	lesson_free(parse_ok(HDR "expect trace nf_hook has hook=NF_INET_LOCAL_OUT chain=OUTPUT "
			     "verdict=DROP\nexpect note igb_clean_tx_irq: ntc=\n"
			     "expect note on router nud=NONE->STALE\n" TRY));
}
END_TEST

/* Every subject is whole: name, usage, parse and eval (LESSON_SUBJECT
 * takes them all), a usage that starts with its name, no two alike. */
START_TEST(test_subject_table_complete)
{
	ck_assert_uint_ge(lesson_nsubjects, 14);
	for (unsigned int i = 0; i < lesson_nsubjects; i++) {
		const struct lesson_subject *sj = &lesson_subjects[i];
		char src[64], why[LESSON_ERR_MAX];
		struct lesson_expect *e;

		ck_assert_ptr_nonnull(sj->name);
		ck_assert_ptr_nonnull(sj->usage);
		ck_assert_ptr_nonnull(sj->parse);
		ck_assert_ptr_nonnull(sj->eval);
		ck_assert_msg(!strncmp(sj->usage, sj->name, strlen(sj->name)) &&
			      sj->usage[strlen(sj->name)] == ' ', "usage of %s: %s", sj->name,
			      sj->usage);
		ck_assert_int_ge(sj->min_words, 0);
		ck_assert(sj->host >= 0 && sj->host < SIM_NHOSTS);
		for (unsigned int k = 0; k < i; k++)
			ck_assert_str_ne(lesson_subjects[k].name, sj->name);
		/* Named alone, each subject is refused with its own usage (or a
		 * word it still needs), never accepted. */
		snprintf(src, sizeof(src), "%s", sj->name);
		e = lesson_expect_parse(src, why, sizeof(why));
		ck_assert_msg(e == NULL, "'expect %s' parsed", sj->name);
		ck_assert_msg(strstr(why, sj->usage) || sj->min_words == 0, "'expect %s': %s",
			      sj->name, why);
	}
}
END_TEST

START_TEST(test_parse_bad_input)
{
	char err[LESSON_ERR_MAX];
	char *big = malloc(70000);
	struct lesson *l;

	/* One line longer than any console command. */
	memset(big, 'x', 69999);
	big[69999] = '\0';
	l = lesson_parse("t.lesson", big, err, sizeof(err));
	ck_assert_ptr_null(l);
	ck_assert(strstr(err, "t.lesson:1: line too long") != NULL);
	/* Too many steps. */
	big[0] = '\0';
	strcat(big, HDR);
	for (int i = 0; i < LESSON_MAX_STEPS + 1; i++)
		strcat(big, "continue\n");
	l = lesson_parse("t.lesson", big, err, sizeof(err));
	ck_assert_ptr_null(l);
	ck_assert(strstr(err, "too many steps") != NULL);
	free(big);
	ck_assert_ptr_null(lesson_load("/nonexistent/x.lesson", err, sizeof(err)));
	ck_assert(strstr(err, "cannot open") != NULL);
	l = lesson_parse("t.lesson", "", err, sizeof(err));
	ck_assert_ptr_null(l);
}
END_TEST

/* A world, a run of @text, every step executed; returns the run. */
struct harness {
	struct sim_world w;
	struct lesson *l;
	struct lesson_run *r;
};

static void
harness_start(struct harness *h, const char *text)
{
	ck_assert_int_eq(sim_world_create(&h->w, 1), 0);
	h->l = parse_ok(text);
	h->r = lesson_run_create(h->l, &h->w, NULL);
	ck_assert_ptr_nonnull(h->r);
}

/* Run steps until the one on @line (exclusive, 0 = all); 0 or 1. */
static int
harness_run_to(struct harness *h, int line)
{
	const struct lesson_step *s;

	while ((s = lesson_next(h->l))) {
		if (line && s->line >= line) {
			h->l->cursor--;
			return 0;
		}
		if (lesson_run_step(h->r, s))
			return 1;
	}
	return 0;
}

static void
harness_end(struct harness *h)
{
	ck_assert_int_eq(lesson_run_finish(h->r), 0);
	lesson_run_destroy(h->r);
	lesson_free(h->l);
	trace_mute(&h->w.trace);
	sim_world_destroy(&h->w);
	ck_assert_uint_eq(sim_skb_ledger_live(&h->w.ledger, NULL), 0);
}

/* lesson_run_eval of each expression must give its value (1 true, 0 false,
 * -1 malformed), and, where given, an error that contains @err. */
struct eval_case {
	const char *expr;
	int want;
	const char *err;
};

static void
harness_evals(struct harness *h, const struct eval_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int got = lesson_run_eval(h->r, c[i].expr);

		ck_assert_msg(got == c[i].want, "eval '%s': %d, want %d", c[i].expr, got,
			      c[i].want);
		if (c[i].err)
			ck_assert_msg(strstr(lesson_run_error(h->r), c[i].err) != NULL,
				      "eval '%s': error '%s' lacks '%s'", c[i].expr,
				      lesson_run_error(h->r), c[i].err);
	}
}

/*
 * Run all of @text: some step must fail, with an error that contains @msg
 * (is exactly @msg if @whole); then the usual teardown checks.
 */
static void
harness_expect_fail(const char *text, const char *msg, bool whole)
{
	struct harness h;

	harness_start(&h, text);
	ck_assert_int_eq(harness_run_to(&h, 0), 1);
	if (whole)
		ck_assert_str_eq(lesson_run_error(h.r), msg);
	else
		ck_assert_msg(strstr(lesson_run_error(h.r), msg) != NULL,
			      "error '%s' lacks '%s'", lesson_run_error(h.r), msg);
	harness_end(&h);
}

START_TEST(test_expect_true_false)
{
	struct harness h;
	static const struct eval_case before[] = {
		{ "neigh 10.0.0.1 NONE", 1, NULL },
		{ "neigh 10.0.0.1 REACHABLE", 0, "has no entry" },
		{ "ring eth0 tx 0 count 256", 1, NULL },
		{ "ring eth0 tx 0 next_to_use 3", 0, NULL },
		{ "ring eth9 tx 0 count 256", 0, "no device eth9" },
		{ "skb dataref 1", 0, "no current skb" },
		{ "server 9000 bytes 0", 1, NULL },
		{ "server 9001 datagrams 0", 1, NULL },
		{ "server 9002 bytes 0", 0, NULL },
		{ "txq eth0 0 running", 1, NULL },
		{ "txq eth0 0 stopped", 0, NULL },
		{ "qdisc eth0 qlen 0", 1, NULL },
		{ "dev eth0 mtu 1500", 1, NULL },
		{ "sock 3 cwnd 10", 0, NULL },
		{ "weather sunny", -1, NULL },
	};
	static const struct eval_case after_ping[] = {
		{ "neigh 10.0.0.1 REACHABLE", 1, NULL },
		{ "neigh on router 10.0.0.2 NONE", 0, NULL },
		{ "status 0", 1, NULL },
		{ "status != 0", 0, NULL },
		{ "counter ICMP_MIB_OUTECHOS 1", 1, NULL },
		{ "counter ICMP_MIB_OUTECHOS > 1", 0, "ICMP_MIB_OUTECHOS on student is 1" },
		{ "counter on server ICMP_MIB_INECHOS >= 1", 1, NULL },
		{ "ring eth0 tx 0 next_to_use 2", 1, NULL },
		{ "ring eth0 tx 0 in_flight 0", 1, NULL },
		{ "trace arp_solicit before ip_finish_output2", 0, NULL },
		{ "trace ip_finish_output2 before arp_solicit", 1, NULL },
		{ "trace arp_solicit count 1", 1, NULL },
		{ "trace on router ip_forward", 1, NULL },
		{ "trace tcp_sendmsg never", 1, NULL },
		{ "trace ip_finish_output2 has nexthop=10.0.0.1", 1, NULL },
		{ "trace ip_finish_output2 has nexthop=10.0.1.2", 0,
		  "failed: no call of ip_finish_output2 on student has nexthop=10.0.1.2 "
		  "(the last had nexthop=10.0.0.1)" },
		{ "trace ip_finish_output2 has daddr=10.0.1.2 nexthop=10.0.0.1", 1, NULL },
		/* All pairs on one call: the ARP request went to ff:ff..., the
		 * IP packet (0x0800) to the router's MAC. */
		{ "trace eth_header has type=0x0806 daddr=ff:ff:ff:ff:ff:ff", 1, NULL },
		{ "trace eth_header has type=0x0800 daddr=02:00:00:00:00:01", 1, NULL },
		{ "trace eth_header has type=0x0800 daddr=ff:ff:ff:ff:ff:ff", 0,
		  "(the last had type=0x0800 daddr=02:00:00:00:00:01)" },
		{ "trace eth_header has len=", 1, NULL },
		{ "trace on server eth_header has daddr=ff:ff:ff:ff:ff:ff", 0,
		  "no call of eth_header on server has daddr=ff:ff:ff:ff:ff:ff "
		  "(the last had daddr=02:" },
		{ "trace tcp_sendmsg has size=1", 0,
		  "no call of tcp_sendmsg on student has size=1" },
		{ "trace ip_finish_output2 has nexthopp=1", -1, "has no field 'nexthopp'" },
		{ "note nud=INCOMPLETE->REACHABLE", 1, NULL },
		{ "note nud=REACHABLE->FAILED", 0, "no note on student has nud=REACHABLE->FAILED" },
		{ "note neigh_update: nud=INCOMPLETE->REACHABLE", 1, NULL },
		{ "note __neigh_event_send: nud=INCOMPLETE->REACHABLE", 0,
		  "no note in __neigh_event_send on student has nud=INCOMPLETE->REACHABLE" },
		{ "note __neigh_event_send: nud=", 1, NULL },
		{ "note on router neigh_update: nud=NONE->STALE", 1, NULL },
		{ "note ip=10.0.0.1 nud=NONE->INCOMPLETE", 1, NULL },
		{ "note ip=10.0.0.2 nud=NONE->INCOMPLETE", 0, NULL },
		{ "output contains 1 received", 1, NULL },
		{ "output lacks 1 received", 0, NULL },
		{ "softirq NET_RX >= 1", 1, NULL },
		{ "softirq NET_TX > 100", 0, NULL },
	};

	harness_start(&h, HDR "$ ping -c 1 10.0.1.2\n" TRY);
	/* Before anything ran. */
	harness_evals(&h, before, ARRAY_SIZE(before));
	/* The ping. */
	ck_assert_int_eq(harness_run_to(&h, 0), 0);
	harness_evals(&h, after_ping, ARRAY_SIZE(after_ping));
	ck_assert_int_eq(lesson_run_checks(h.r), 0);	/* eval does not count */
	harness_end(&h);
}
END_TEST

START_TEST(test_break_stops_in_function)
{
	struct harness h;
	const struct lesson_stop *st;

	harness_start(&h, HDR "break arp_solicit\n$ ping -c 1 10.0.1.2\n"
		      "expect neigh 10.0.0.1 INCOMPLETE\n"
		      "step until neigh_update\nstep until neigh_update\ncontinue\n" TRY);
	ck_assert_int_eq(harness_run_to(&h, 7), 0);
	st = lesson_run_stop(h.r);
	ck_assert(st->valid);
	ck_assert_str_eq(st->func, "arp_solicit");
	ck_assert_int_eq(st->host, SIM_STUDENT);
	ck_assert_uint_ne(lesson_run_skb(h.r), 0);	/* the queued echo request */
	ck_assert_uint_eq(st->skb_id, lesson_run_skb(h.r));
	/* Stopped: the echo waits on the unresolved queue, no reply yet. */
	ck_assert_int_eq(lesson_run_eval(h.r, "neigh 10.0.0.1 queue 1"), 1);
	ck_assert_int_eq(lesson_run_eval(h.r, "counter ICMP_MIB_INECHOREPS 0"), 1);
	ck_assert_int_eq(lesson_run_eval(h.r, "skb live 1"), 1);
	ck_assert_int_eq(lesson_run_eval(h.r, "trace neigh_update never"), 1);
	/* The expect step, then two steps until neigh_update: student's is second. */
	ck_assert_int_eq(harness_run_to(&h, 9), 0);
	ck_assert_int_eq(lesson_run_checks(h.r), 1);
	st = lesson_run_stop(h.r);
	ck_assert_str_eq(st->func, "neigh_update");
	ck_assert_int_eq(st->host, SIM_STUDENT);
	ck_assert_int_eq(lesson_run_eval(h.r, "neigh 10.0.0.1 REACHABLE"), 1);
	ck_assert_int_eq(harness_run_to(&h, 0), 0);
	ck_assert_int_eq(lesson_run_eval(h.r, "counter ICMP_MIB_INECHOREPS 1"), 1);
	harness_end(&h);
}
END_TEST

/*
 * A stop is a moment, and the steps after it that only look see that
 * moment: at the entry of tcp_transmit_skb there is no clone yet; a
 * read-only command runs there; a `step until` armed at the stop stops
 * at a later moment of the same call (the clone's note); the return
 * shows what the function did; a command that changes the world runs
 * after the stop's event, and the transcript says so.
 */
START_TEST(test_stop_moments)
{
	struct harness h;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	const struct lesson_stop *entry, *note;

	ck_assert_ptr_nonnull(out);
	ck_assert_int_eq(sim_world_create(&h.w, 1), 0);
	h.l = parse_ok(HDR "$ socket tcp\n$ connect 10.0.1.2:9000\n$ sleep 1ms\n"
		       "break tcp_transmit_skb\n"		/* 8 */
		       "$ send 3 1000\n"			/* 9 */
		       "expect skb dataref 1\n"		/* 10: before the clone */
		       "expect skb cloned 0\n"
		       "$ ss -tn\n"				/* 12: read-only: at the stop */
		       "expect output contains ESTAB\n"
		       "expect status 0\n"			/* 14: ss's own status */
		       "step until tcp_xmit_clone in tcp_transmit_skb\n"	/* 15 */
		       "expect skb dataref 2\n"		/* 16: the clone's */
		       "delete\n"
		       "step until tcp_transmit_skb return\n"	/* 18 */
		       "expect skb on_write_queue 1\n"
		       "expect skb dataref 2\n"
		       "$ send 3 10\n"				/* 21: after the event */
		       TRY);
	h.r = lesson_run_create(h.l, &h.w, out);
	ck_assert_ptr_nonnull(h.r);
	ck_assert_int_eq(harness_run_to(&h, 0), 0);
	ck_assert_int_eq(lesson_run_checks(h.r), 7);
	entry = lesson_run_step_stop(h.r, &h.l->steps[4]);
	ck_assert_ptr_nonnull(entry);
	ck_assert_int_eq(entry->at, LESSON_AT_ENTRY);
	/* The checks after the send ran at its stop; so did ss. */
	for (int i = 5; i <= 10; i++)
		ck_assert_ptr_eq(lesson_run_step_moment(h.r, &h.l->steps[i]), entry);
	note = lesson_run_step_stop(h.r, &h.l->steps[10]);
	ck_assert_ptr_nonnull(note);
	ck_assert_int_eq(note->at, LESSON_AT_NOTE);
	ck_assert_str_eq(note->in, "tcp_transmit_skb");
	/* The same call: the same instant, a later record. */
	ck_assert_uint_eq(note->rec.ts, entry->rec.ts);
	ck_assert_uint_gt(note->seq, entry->seq);
	ck_assert_ptr_eq(lesson_run_step_moment(h.r, &h.l->steps[11]), note);
	ck_assert_int_eq(lesson_run_step_stop(h.r, &h.l->steps[13])->at, LESSON_AT_RETURN);
	fflush(out);
	ck_assert_ptr_nonnull(strstr(text, "(stopped at the entry of tcp_transmit_skb on student, skb#"));
	ck_assert_ptr_nonnull(strstr(text, "(stopped at the note tcp_xmit_clone in tcp_transmit_skb"));
	ck_assert_ptr_nonnull(strstr(text, "(stopped at the return of tcp_transmit_skb"));
	ck_assert_ptr_nonnull(strstr(text, "$ ss -tn\nState"));
	ck_assert_ptr_nonnull(strstr(text, "$ send 3 10\n(runs now: the engine event of the "
				     "last stop ran to its end first)"));
	harness_end(&h);
	fclose(out);
	free(text);
}
END_TEST

/* Stopped inside a command's own call, the command has no status yet. */
START_TEST(test_status_inside_call)
{
	harness_expect_fail(HDR "$ socket tcp\n$ connect 10.0.1.2:9000\nbreak tcp_transmit_skb\n"
			    "$ send 3 1000\nexpect status 0\n" TRY,
			    "t.lesson:9: expect status 0: failed: the command has not returned yet",
			    false);
}
END_TEST

START_TEST(test_break_on_other_host)
{
	struct harness h;

	harness_start(&h, HDR "break ip_forward on router\n$ ping -c 1 10.0.1.2\n" TRY);
	ck_assert_int_eq(harness_run_to(&h, 0), 0);
	ck_assert_str_eq(lesson_run_stop(h.r)->func, "ip_forward");
	ck_assert_int_eq(lesson_run_stop(h.r)->host, SIM_ROUTER);
	/* The echo is on the router, the reply not back yet. */
	ck_assert_int_eq(lesson_run_eval(h.r, "counter ICMP_MIB_INECHOREPS 0"), 1);
	harness_end(&h);
}
END_TEST

START_TEST(test_step_until_never_fails)
{
	harness_expect_fail(HDR "$ ping -c 1 10.0.1.2\nstep until tcp_sendmsg\n" TRY,
			    "t.lesson:6: step until tcp_sendmsg: the world went idle", false);
}
END_TEST

START_TEST(test_failed_expect_names_line)
{
	harness_expect_fail(HDR "$ ping -c 1 10.0.1.2\n\nexpect neigh 10.0.0.1 STALE\n" TRY,
			    "t.lesson:7: expect neigh 10.0.0.1 STALE: failed: 10.0.0.1 REACHABLE",
			    true);
}
END_TEST

START_TEST(test_bad_command_and_busy_sim)
{
	harness_expect_fail(HDR "$ frobnicate now\n" TRY,
			    "t.lesson:5: bad command `frobnicate now`", false);
	/* `sim` while a blocked call waits behind a break is refused, not run. */
	harness_expect_fail(HDR "$ socket tcp\nbreak tcp_v4_connect\n$ connect 10.0.1.2:9000\n"
			    "$ sim link wan loss 5\n" TRY, "'continue' first", false);
}
END_TEST

START_TEST(test_runaway_is_bounded)
{
	/* A long sleep with nothing to do ends; a step that never comes fails. */
	harness_expect_fail(HDR "$ sleep 100000\nstep until tcp_sendmsg\n" TRY,
			    "the world went idle before tcp_sendmsg was entered", false);
}
END_TEST

/* An error on a long line cuts what it echoes, never the reason. */
START_TEST(test_long_line_error_keeps_reason)
{
	static const char reason[] = "`: ping: invalid argument: 'banana'";
	char text[2048], long_host[1000], err[LESSON_ERR_MAX + 64];
	struct harness h;
	FILE *f;
	size_t n;

	memset(long_host, 'h', sizeof(long_host) - 1);
	long_host[sizeof(long_host) - 1] = '\0';
	snprintf(text, sizeof(text), HDR "$ ping -c banana %s\n" TRY, long_host);
	harness_start(&h, text);
	ck_assert_int_eq(harness_run_to(&h, 0), 1);
	n = strlen(lesson_run_error(h.r));
	ck_assert_uint_lt(n, LESSON_ERR_MAX);
	ck_assert_msg(!strncmp(lesson_run_error(h.r), "t.lesson:5: bad command `ping -c banana hh",
			       40), "%s", lesson_run_error(h.r));
	ck_assert_msg(n > strlen(reason) + 3 &&
		      !strcmp(lesson_run_error(h.r) + n - strlen(reason), reason) &&
		      !strncmp(lesson_run_error(h.r) + n - strlen(reason) - 3, "...", 3),
		      "error '%s' lost its reason", lesson_run_error(h.r));
	/* And the check a headless run makes before anything runs. */
	f = fmemopen(err, sizeof(err), "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(lesson_validate(h.l, 1, f), 2);
	fclose(f);
	ck_assert_msg(strstr(err, reason) != NULL, "validate: '%s' lost its reason", err);
	/* An expect on a long line: the same. */
	snprintf(text, sizeof(text), "output contains %s", long_host);
	ck_assert_int_eq(lesson_run_eval(h.r, text), 0);
	ck_assert_uint_lt(strlen(lesson_run_error(h.r)), LESSON_ERR_MAX);
	ck_assert_msg(strstr(lesson_run_error(h.r), "...: failed: the last command's output "
			     "does not contain 'hhh") != NULL, "%s", lesson_run_error(h.r));
	harness_end(&h);
}
END_TEST

Suite *
lesson_suite(void)
{
	Suite *s = suite_create("lesson");

	fixture_add_tcase(s, "parse", NULL, NULL, 0, (const TTest *const []){
		test_parse_steps,
		test_parse_errors,
		test_parse_unknown_function,
		test_parse_moments,
		test_parse_unknown_field,
		test_subject_table_complete,
		test_parse_bad_input,
		NULL,
	});

	fixture_add_tcase(s, "run", NULL, NULL, 20, (const TTest *const []){
		test_expect_true_false,
		test_break_stops_in_function,
		test_stop_moments,
		test_status_inside_call,
		test_break_on_other_host,
		test_step_until_never_fails,
		test_failed_expect_names_line,
		test_bad_command_and_busy_sim,
		test_runaway_is_bounded,
		test_long_line_error_keeps_reason,
		NULL,
	});
	return s;
}
