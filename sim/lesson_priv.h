/*
 * sim/lesson_priv.h - what the files of the lesson engine share, and
 * nobody else (sim/lesson.h is the API):
 *
 *	sim/lesson_parse.c	the parser: text -> steps; every function or
 *				field a lesson names is checked against the
 *				trace declarations (events/) here
 *	sim/lesson_expect.c	the `expect` subjects, one table entry each
 *	sim/lesson_run.c	the runner: steps against a live world; its
 *				trace sink keeps the records `expect` reads
 *	sim/lesson_cli.c	--lesson, --list-lessons, --check: the
 *				headless runner around the three
 *
 * No kernel counterpart.
 */
#ifndef NETSTEP_SIM_LESSON_PRIV_H
#define NETSTEP_SIM_LESSON_PRIV_H

#include "sim/lesson.h"
#include "sim/console.h"
#include "kernel/trace.h"

/* ---- words and names (lesson_parse.c) ---------------------------------- */

/* Index of @w in the NULL-terminated @table, or -1. */
int lesson_word_index(const char *const *table, const char *w);
/* SIM_STUDENT, SIM_ROUTER, SIM_SERVER for a host's name, or -2. */
int lesson_host_index(const char *name);
bool lesson_parse_ll(const char *s, long long *v);
/* A C identifier shorter than LESSON_FUNC_MAX. */
bool lesson_is_ident(const char *s);
/* Split @s into at most @max blank-separated words, copied into @buf:
 * the count, or -1 for too many words or a @buf too small. */
int lesson_split_words(const char *s, char *buf, size_t buflen, char **w, int max);
/* The text of @src after its first @skip words (raw: tabs and quotes kept). */
const char *lesson_after_words(const char *src, int skip);

/*
 * The declaration of the traced function @name (its enter events), or
 * NULL with @why: "'tcp_sendmgs' is not a traced function (did you
 * mean tcp_sendmsg?)".  How a lesson's `break`, `step until` and
 * `expect trace` find their function, so a typo is a parse error.
 */
const struct trace_event_desc *lesson_func_find(const char *name, char *why, size_t wl);

/* ---- expect (lesson_expect.c) ------------------------------------------- */

/* What a subject's parser gets: the words after `expect SUBJECT [on HOST]`. */
struct lesson_args {
	char **w;			/* the words */
	int n;				/* how many */
	const char *src;		/* the whole expect text, for a raw TEXT ... */
	int skip;			/* ... which has this many words before w[0] */
};

/*
 * One `expect` subject.  Adding a subject is adding one entry to
 * lesson_subjects[] (sim/lesson_expect.c) with LESSON_SUBJECT, which
 * takes every member, so an entry cannot be left half-defined.
 */
struct lesson_subject {
	const char *name;		/* the word after `expect` */
	int host;			/* the host without `on HOST` (SIM_*) */
	int min_words;			/* fewer after the subject: a usage error */
	const char *usage;		/* after "usage: expect " */
	/* Fill @e from @a: 0, or -1 with @why. */
	int (*parse)(struct lesson_expect *e, const struct lesson_args *a, char *why,
		     size_t wl);
	/* 1 the check holds, 0 it does not, with @why ("skb#7 dataref is 2"). */
	int (*eval)(struct lesson_run *r, const struct lesson_expect *e, struct net *net,
		    char *why, size_t wl);
};
#define LESSON_SUBJECT(name_, host_, min_words_, usage_, parse_, eval_)		\
	{ .name = (name_), .host = (host_), .min_words = (min_words_),		\
	  .usage = (usage_), .parse = (parse_), .eval = (eval_) }

extern const struct lesson_subject lesson_subjects[];
extern const unsigned int lesson_nsubjects;

/* Parse the text after `expect`: a new expect (freed with free()), or
 * NULL with @why. */
struct lesson_expect *lesson_expect_parse(const char *src, char *why, size_t wl);
/* 1 holds, 0 failed: "FILE:LINE: expect SRC: failed: ..." in r->err. */
int lesson_expect_eval(struct lesson_run *r, const struct lesson_expect *e, const char *src);

/* ---- the runner (lesson_run.c) ---------------------------------------- */

/* How often, and first when, a function was entered on a host since
 * the last `$` command began. */
struct lesson_fstat {
	const struct trace_event_desc *ev;	/* the function; NULL: a free slot */
	int host;			/* SIM_*, -2 for a host outside the world */
	u64 first_seq;
	unsigned long count;
	unsigned int epoch;		/* the command these counts belong to */
};

#define LESSON_FSTAT_SLOTS	4096
/* Records kept for one command (64 bytes each): past this, the later
 * ones are counted as lost, and a failed check says so. */
#define LESSON_RECS_MAX		(1u << 18)

/* A moment a break or `step until` waits for. */
struct lesson_break {
	const struct trace_event_desc *ev;	/* the function, or the note */
	enum lesson_at at;
	const char *in;			/* LESSON_AT_NOTE: its C function */
	int host;			/* SIM_* or LESSON_HOST_ANY */
};

/*
 * What a step gave when it ran ahead of its turn, at a stop's moment
 * (it only looks), or that it began there (`continue`, `step until`
 * armed at the stop), and the stop of a step that stopped.
 */
struct lesson_kept {
	bool done;			/* ran at a stop: report, do not run again */
	bool started;			/* continue / step until: armed at a stop */
	int rc;				/* its result */
	char *text;			/* what it printed for the transcript */
	char *err;			/* lesson_run_error() it left (rc != 0) */
	int status;			/* `$`: the command's exit status */
	int moment;			/* the step whose stop it ran at, -1 */
	bool stopped;			/* `$`, continue, step until: it stopped ... */
	struct lesson_stop stop_at;	/* ... here */
};

struct lesson_run {
	struct lesson *l;
	struct sim_world *w;
	struct sim_console con;		/* the console's command table */
	FILE *out;			/* transcript, may be NULL */
	bool dry;			/* validating on a scratch world */
	struct sim_journal *journal;	/* where changes to the world go (NULL: none) */
	/* what the tools print: one stream for the whole run (a ping prints later) */
	FILE *cap;
	char *capbuf;
	size_t caplen;
	size_t cmd_start;		/* where the last command's output begins */
	size_t echoed;			/* transcript has shown up to here */
	const char *look_out;		/* the last command's output when it ran at a
					 * stop (in kept[].text), else NULL */
	size_t look_len;
	int last_status;
	bool in_call;			/* a command's own call is running */
	/* breakpoints and where we stopped */
	struct lesson_break brk[LESSON_MAX_BREAKS];
	int nbrk;
	bool watching;			/* breakpoints active (not while finishing) */
	bool until_armed;		/* step until: waiting for this moment ... */
	struct lesson_break until;	/* ... (breaks are ignored meanwhile) */
	bool running;			/* inside lesson_run_step/finish: the sink looks */
	int waiting;			/* step a stop now belongs to (-1: none) */
	int ahead;			/* first step not yet run ahead of its turn */
	unsigned long nstops;		/* stops so far */
	int shown;			/* step whose stop lesson_run_stop() gives, -1 */
	struct lesson_stop none;	/* ... before any */
	bool past_stop;			/* the world ran on past the last stop shown */
	bool stopped;			/* work is pending behind the stop */
	u32 cur_skb;
	struct lesson_kept *kept;	/* one per step */
	void (*stop_hook)(void *arg, const struct lesson_stop *stop);
	void *stop_arg;
	/* the trace since the last command: counts, and the enter and note records */
	struct lesson_fstat fstat[LESSON_FSTAT_SLOTS];
	int nfstat;
	unsigned int epoch;		/* bumped by each `$` command */
	struct trace_rec *recs;
	size_t nrecs;
	size_t recscap;			/* records allocated */
	unsigned long recs_lost;	/* past LESSON_RECS_MAX */
	int checks;
	char err[LESSON_ERR_MAX];
	const struct lesson_step *cur;	/* step being run, for messages */
};

/* r->err = "FILE:LINE: " @fmt...; returns 1. */
int lesson_err(struct lesson_run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * r->err = "FILE:LINE: " @head @echo @reason, where @echo is what the
 * lesson wrote (a command, an expect): it is cut short, ending in
 * "...", so that @reason always fits in LESSON_ERR_MAX.  Returns 1.
 */
int lesson_fail(struct lesson_run *r, const char *head, const char *echo, const char *reason);
/* The last command's output (for `expect output`): @len bytes. */
const char *lesson_run_output(struct lesson_run *r, size_t *len);
/* @ev's calls on @host since the last command began, or NULL if none. */
const struct lesson_fstat *lesson_run_calls(const struct lesson_run *r,
					    const struct trace_event_desc *ev, int host);

#endif
