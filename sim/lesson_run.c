/*
 * sim/lesson_run.c - the lesson runner: executes a lesson's steps
 * against a live world.  See sim/lesson.h for the API.
 *
 * No kernel counterpart.  Read sim/console.c first (the commands a
 * lesson types are the console's), kernel/trace.h (a break is a trace
 * sink watching for a function's enter record) and kernel/engine.h
 * (the runner moves the world one engine event at a time).
 *
 * How a break stops.  A break waits for a moment: a function's entry
 * (its enter record), its return (its exit record) or a note inside it.
 * The moment comes inside the trace sink, while the function runs; and
 * netstep is one thread, so the function cannot be frozen there.  So at
 * that instant, still inside the sink and with the trace muted (nothing
 * a reader calls may emit events while a sink runs), the runner does
 * the steps that follow and only look: narration, pauses, questions,
 * `expect`s and read-only `$` commands (console_read_only), up to the
 * next step that would change the world, and keeps what each gave; a
 * `break`/`delete` after the stop is applied, and a `continue` or `step
 * until` armed, so a second moment of the same engine event can stop it
 * too.  Then the engine event runs on to its end, and the caller walks
 * the steps in order, each reporting what it gave at the stop.  The UI
 * records its panes at the same instant (lesson_run_set_stop_hook), so
 * what the student sees is what the checks saw.  A command that changes
 * the world waits for its turn: it runs once that engine event is over.
 *
 * The sink also keeps what `expect` asks about the trace: per function
 * and host, how often and first when it was entered, and the enter and
 * note records themselves (their typed fields), all since the last `$`
 * command began.
 *
 * Every change the runner makes to the world goes through sim/journal.h,
 * so the UI can build the same world again.
 */
#include "sim/lesson_priv.h"
#include "sim/journal.h"
#include "sim/topology.h"
#include "sim/task.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- errors ----------------------------------------------------------------- */

int
lesson_fail(struct lesson_run *r, const char *head, const char *echo, const char *reason)
{
	size_t size = sizeof(r->err), n = 0, room, keep = strlen(echo), rlen = strlen(reason);
	int k = 0;

	if (r->cur)
		k = snprintf(r->err, size, "%s:%d: ", r->l ? r->l->path : "lesson", r->cur->line);
	n = k < 0 ? 0 : (size_t)k < size ? (size_t)k : size - 1;
	k = snprintf(r->err + n, size - n, "%s", head);
	n += k < 0 ? 0 : (size_t)k < size - n ? (size_t)k : size - n - 1;
	room = size - 1 - n;
	if (keep + rlen > room) {
		/* Cut the echo, never the reason; not inside a UTF-8 sequence. */
		keep = room > rlen + 3 ? room - rlen - 3 : 0;
		while (keep && ((unsigned char)echo[keep] & 0xc0) == 0x80)
			keep--;
		snprintf(r->err + n, size - n, "%.*s...%s", (int)keep, echo, reason);
	} else {
		snprintf(r->err + n, size - n, "%s%s", echo, reason);
	}
	return 1;
}

int
lesson_err(struct lesson_run *r, const char *fmt, ...)
{
	char reason[LESSON_ERR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	return lesson_fail(r, "", "", reason);
}

/* ---- the trace so far --------------------------------------------------------- */

static int
event_host(const struct lesson_run *r, const struct trace_event *ev)
{
	for (int i = 0; i < SIM_NHOSTS; i++)
		if (ev->host && ev->host == r->w->host[i])
			return i;
	return -2;
}

static struct lesson_fstat *
fstat_slot(struct lesson_run *r, const struct trace_event_desc *ev, int host, bool create)
{
	/* Declarations are 8-byte aligned statics: drop the low bits. */
	unsigned long h = ((uintptr_t)ev >> 3) * 7 + (unsigned long)(host + 2);

	for (int i = 0; i < LESSON_FSTAT_SLOTS; i++) {
		struct lesson_fstat *f = &r->fstat[(h + i) % LESSON_FSTAT_SLOTS];

		if (!f->ev) {
			if (!create || r->nfstat >= LESSON_FSTAT_SLOTS - 1)
				return NULL;
			f->ev = ev;
			f->host = host;
			r->nfstat++;
			return f;
		}
		if (f->ev == ev && f->host == host)
			return f;
	}
	return NULL;
}

const struct lesson_fstat *
lesson_run_calls(const struct lesson_run *r, const struct trace_event_desc *ev, int host)
{
	const struct lesson_fstat *f = fstat_slot((struct lesson_run *)r, ev, host, false);

	return f && f->epoch == r->epoch && f->count ? f : NULL;
}

/* Keep an enter or note record for `expect trace ... has` and `note`. */
static void
recs_keep(struct lesson_run *r, const struct trace_rec *rec)
{
	if (r->nrecs == r->recscap) {
		/* Grow by doubling: one realloc per event would copy quadratically. */
		size_t cap = r->recscap ? r->recscap * 2 : 4096;
		struct trace_rec *v = cap <= LESSON_RECS_MAX ? realloc(r->recs, cap * sizeof(*v)) :
				      NULL;

		if (!v) {
			r->recs_lost++;
			return;
		}
		r->recs = v;
		r->recscap = cap;
	}
	r->recs[r->nrecs++] = *rec;
}

/* Does @rec, on @host, make the moment @b waits for? */
static bool
moment_matches(const struct lesson_break *b, int host, const struct trace_rec *rec)
{
	if ((b->host != LESSON_HOST_ANY && b->host != host) || rec->site->ev != b->ev)
		return false;
	switch (b->at) {
	case LESSON_AT_ENTRY:
		return rec->kind == TRACE_ENTER;
	case LESSON_AT_RETURN:
		return rec->kind == TRACE_EXIT;
	case LESSON_AT_NOTE:
		return rec->kind == TRACE_NOTE && (!b->in || !strcmp(rec->site->func, b->in));
	}
	return false;
}

static void run_ahead(struct lesson_run *r, int stop_step);

/* A moment the waiting step wanted: stop there (see the head of this file). */
static void
stop_here(struct lesson_run *r, const struct trace_event *ev, int host,
	  const struct lesson_break *b)
{
	const struct trace_rec *rec = &ev->rec;
	int i = r->waiting;
	struct lesson_stop *st = &r->kept[i].stop_at;

	st->valid = true;
	st->func = rec->site->ev->name;
	st->at = b->at;
	st->in = rec->kind == TRACE_NOTE ? rec->site->func : NULL;
	st->host = host;
	st->seq = ev->seq;
	st->skb_id = rec->skb_id;
	st->rec = *rec;
	r->kept[i].stopped = true;
	if (rec->skb_id)
		r->cur_skb = rec->skb_id;
	r->until_armed = false;
	r->waiting = -1;
	r->nstops++;
	trace_mute(&r->w->trace);
	if (r->stop_hook)
		r->stop_hook(r->stop_arg, st);
	run_ahead(r, i);
	trace_unmute(&r->w->trace);
}

static void
lesson_trace_sink(void *arg, const struct trace_event *ev)
{
	struct lesson_run *r = arg;
	const struct trace_rec *rec = &ev->rec;
	int host;
	struct lesson_fstat *f;

	if (!r->running || !rec->site)
		return;
	host = event_host(r, ev);
	if (rec->kind == TRACE_ENTER || rec->kind == TRACE_NOTE)
		recs_keep(r, rec);
	if (rec->kind == TRACE_ENTER) {
		f = fstat_slot(r, rec->site->ev, host, true);
		if (f && f->epoch != r->epoch) {
			f->epoch = r->epoch;
			f->count = 0;
		}
		if (f && !f->count++)
			f->first_seq = ev->seq;
	}
	if (r->waiting < 0)
		return;
	if (r->until_armed) {
		if (moment_matches(&r->until, host, rec))
			stop_here(r, ev, host, &r->until);
		return;
	}
	for (int i = 0; r->watching && i < r->nbrk; i++) {
		if (moment_matches(&r->brk[i], host, rec)) {
			stop_here(r, ev, host, &r->brk[i]);
			return;
		}
	}
}

/* ---- a run ---------------------------------------------------------------- */

static struct lesson_run *
run_create(struct lesson *l, struct sim_world *w, FILE *out, bool dry)
{
	struct lesson_run *r = calloc(1, sizeof(*r));

	if (!r)
		return NULL;
	r->l = l;
	r->w = w;
	r->out = out;
	r->dry = dry;
	r->watching = true;
	r->waiting = -1;
	r->shown = -1;
	r->none.func = "";
	r->kept = calloc(l->nsteps ? (size_t)l->nsteps : 1, sizeof(*r->kept));
	r->cap = open_memstream(&r->capbuf, &r->caplen);
	if (!r->cap || !r->kept) {
		if (r->cap)
			fclose(r->cap);
		free(r->capbuf);
		free(r->kept);
		free(r);
		return NULL;
	}
	for (int i = 0; i < l->nsteps; i++)
		r->kept[i].moment = -1;
	console_init(&r->con, w, r->cap, r->cap);
	r->con.dry = dry;
	if (!dry && trace_add_sink(&w->trace, lesson_trace_sink, r)) {
		fclose(r->cap);
		free(r->capbuf);
		free(r->kept);
		free(r);
		return NULL;
	}
	return r;
}

struct lesson_run *
lesson_run_create(struct lesson *l, struct sim_world *w, FILE *out)
{
	return run_create(l, w, out, false);
}

void
lesson_run_destroy(struct lesson_run *r)
{
	if (!r)
		return;
	if (!r->dry)
		trace_remove_sink(&r->w->trace, r);
	fclose(r->cap);
	free(r->capbuf);
	for (int i = 0; i < r->l->nsteps; i++) {
		free(r->kept[i].text);
		free(r->kept[i].err);
	}
	free(r->kept);
	free(r->recs);
	free(r);
}

void
lesson_run_set_stop_hook(struct lesson_run *r,
			 void (*hook)(void *arg, const struct lesson_stop *stop), void *arg)
{
	r->stop_hook = hook;
	r->stop_arg = arg;
}

void
lesson_run_set_journal(struct lesson_run *r, struct sim_journal *j)
{
	r->journal = j;
}

int
lesson_run_rebind(struct lesson_run *r, struct sim_world *w)
{
	trace_remove_sink(&r->w->trace, r);
	r->w = w;
	console_init(&r->con, w, r->cap, r->cap);
	return trace_add_sink(&w->trace, lesson_trace_sink, r);
}

const char *
lesson_run_error(const struct lesson_run *r)
{
	return r->err;
}

const struct lesson_stop *
lesson_run_stop(const struct lesson_run *r)
{
	return r->shown >= 0 ? &r->kept[r->shown].stop_at : &r->none;
}

const struct lesson_stop *
lesson_run_step_stop(const struct lesson_run *r, const struct lesson_step *s)
{
	const struct lesson_kept *k = &r->kept[s - r->l->steps];

	return k->stopped ? &k->stop_at : NULL;
}

const struct lesson_stop *
lesson_run_step_moment(const struct lesson_run *r, const struct lesson_step *s)
{
	const struct lesson_kept *k = &r->kept[s - r->l->steps];

	return k->moment >= 0 ? &r->kept[k->moment].stop_at : NULL;
}

void
lesson_stop_moment(const struct lesson_stop *st, char *buf, size_t len)
{
	switch (st->at) {
	case LESSON_AT_ENTRY:
		snprintf(buf, len, "the entry of %s", st->func);
		break;
	case LESSON_AT_RETURN:
		snprintf(buf, len, "the return of %s", st->func);
		break;
	case LESSON_AT_NOTE:
		snprintf(buf, len, "the note %s in %s", st->func, st->in ? st->in : "?");
		break;
	}
}

u32
lesson_run_skb(const struct lesson_run *r)
{
	return r->cur_skb;
}

int
lesson_run_checks(const struct lesson_run *r)
{
	return r->checks;
}

const char *
lesson_run_output(struct lesson_run *r, size_t *len)
{
	if (r->look_out) {
		*len = r->look_len;
		return r->look_out;
	}
	fflush(r->cap);
	*len = r->caplen - r->cmd_start;
	return r->capbuf + r->cmd_start;
}

/* Show what the tools printed since last time. */
static void
echo_output(struct lesson_run *r)
{
	fflush(r->cap);
	if (r->out && r->caplen > r->echoed)
		fwrite(r->capbuf + r->echoed, 1, r->caplen - r->echoed, r->out);
	r->echoed = r->caplen;
}

/* Does any host have a ping in flight or a system call blocked? */
static bool
world_busy(struct lesson_run *r)
{
	return console_busy(&r->con);
}

/* One engine turn (pending softirqs, one event).  false if idle. */
static bool
engine_turn(struct lesson_run *r)
{
	bool had = r->w->eng.heap_len > 0;

	sim_journal_run(r->journal, r->w, 0);
	return had || r->w->eng.heap_len > 0;
}

/*
 * Let time run, one event at a time, for step @i: until a stop (one
 * more than @stops), or (@to_idle) the world has nothing left to do, or
 * (else) no command is still waiting.  0, or 1 with a message.
 */
static int
run_events(struct lesson_run *r, int i, bool to_idle, unsigned long stops)
{
	u64 budget = LESSON_MAX_EVENTS;
	int rc = 0;

	for (;;) {
		if (r->nstops != stops) {
			r->stopped = world_busy(r);
			goto out;
		}
		if (!to_idle && !world_busy(r))
			break;
		if (!budget--) {
			rc = lesson_err(r, "the world did not settle within %llu events",
					LESSON_MAX_EVENTS);
			goto out;
		}
		if (!engine_turn(r)) {
			/* Idle with a call still asleep (a recv nobody feeds): end it. */
			sim_journal_abort(r->journal, r->w);
			break;
		}
	}
	r->stopped = false;
	for (int h = 0; h < SIM_NHOSTS; h++) {
		int st = r->w->host[h] ? sim_journal_status(r->journal, r->w, h) : 0;

		if (!rc)
			rc = st;
	}
	if (rc && !r->last_status)
		r->last_status = rc;
	rc = 0;
out:
	if (r->waiting == i)
		r->waiting = -1;
	return rc;
}

/* sleep DURATION, watching the breakpoints (a stop ends it). */
static int
run_sleep(struct lesson_run *r, int argc, char **argv)
{
	u64 budget = LESSON_MAX_EVENTS;
	unsigned long stops = r->nstops;
	ktime_t d, until;

	if (argc != 2 || console_parse_duration(argv[1], &d)) {
		fprintf(r->cap, "sleep: invalid time interval '%s'\n", argc > 1 ? argv[1] : "");
		return 2;
	}
	if (r->dry)
		return 0;
	until = r->w->eng.now + d;
	while (r->nstops == stops) {
		if (!budget--) {
			fprintf(r->cap, "netstep: the stack did not settle within %llu events\n",
				LESSON_MAX_EVENTS);
			return 1;
		}
		if (sim_journal_run(r->journal, r->w, until) != -EAGAIN)
			break;
	}
	return 0;
}

/* Run the command's own call (the console's table); no time passes
 * here except for `sleep`, which watches the breakpoints. */
static int
cmd_dispatch(struct lesson_run *r, int argc, char **argv, const char *line)
{
	struct console_call call;

	if (console_resolve(&r->con, argc, argv, &call))
		return 2;
	if (call.cmd->kind == CMD_SLEEP)
		return run_sleep(r, call.argc, call.argv);
	if (call.cmd->kind == CMD_SIM && !r->dry && world_busy(r)) {
		fprintf(r->cap, "netstep: '%s' while the world is stopped at a break: "
			"'continue' first\n", argv[0]);
		return 2;
	}
	if (r->dry)
		return console_call(&r->con, &call);
	return sim_journal_call(r->journal, &r->con, &call, line);
}

/* "FILE:LINE: bad command `LINE`: what the tool said", from @n bytes at @said. */
static int
bad_command(struct lesson_run *r, const char *line, const char *said, size_t n)
{
	char msg[304];

	snprintf(msg, sizeof(msg), "`: %.*s", (int)(n < 299 ? n : 299), said);
	msg[strcspn(msg, "\n")] = '\0';
	return lesson_fail(r, "bad command `", line, msg);
}

static int
run_command(struct lesson_run *r, const char *line, int i)
{
	char buf[CONSOLE_MAX_LINE];
	char *argv[CONSOLE_MAX_ARGS + 1];
	bool was_busy = !r->dry && world_busy(r);
	unsigned long stops = r->nstops;
	int argc, rc;

	fflush(r->cap);
	r->cmd_start = r->caplen;
	r->look_out = NULL;
	if (r->out && !r->dry) {
		fprintf(r->out, "$ %s\n", line);
		if (r->past_stop)
			fprintf(r->out, "(runs now: the engine event of the last stop ran to its "
				"end first)\n");
	}
	r->past_stop = false;
	r->echoed = r->caplen;
	argc = console_split(line, buf, argv, CONSOLE_MAX_ARGS, NULL);
	if (argc <= 0)
		return lesson_fail(r, "`", line, "`: unterminated quote or too many words");
	r->last_status = 0;
	r->epoch++;		/* trace checks look at this command onwards */
	r->nrecs = 0;
	r->recs_lost = 0;
	r->waiting = r->dry ? -1 : i;
	r->in_call = true;
	rc = cmd_dispatch(r, argc, argv, line);
	r->in_call = false;
	r->last_status = rc;
	if (rc == 2) {
		if (r->waiting == i)
			r->waiting = -1;
		fflush(r->cap);
		return bad_command(r, line, r->capbuf + r->cmd_start, r->caplen - r->cmd_start);
	}
	if (r->dry)
		return 0;
	/* Stopped at a break before: the command runs at this instant, and
	 * the pending work waits for `continue`. */
	if (was_busy && r->nstops == stops) {
		if (r->waiting == i)
			r->waiting = -1;
		return 0;
	}
	return run_events(r, i, false, stops);
}

/* Arm `step until` for step @i (ignoring the breaks until it comes). */
static void
arm_until(struct lesson_run *r, const struct lesson_step *s, int i)
{
	r->until_armed = true;
	r->until.ev = s->ev;
	r->until.at = s->at;
	r->until.in = s->at == LESSON_AT_NOTE ? s->in : NULL;
	r->until.host = s->host;
	r->waiting = i;
}

static int
run_step_until(struct lesson_run *r, const struct lesson_step *s, int i)
{
	int rc = 0;

	if (!r->kept[i].stopped) {
		if (!r->kept[i].started)
			arm_until(r, s, i);
		rc = run_events(r, i, true, r->nstops);
	}
	/* Never came: disarm (a stop disarmed it, and may have armed a later step's). */
	if (r->waiting < 0)
		r->until_armed = false;
	if (rc)
		return rc;
	if (!r->kept[i].stopped)
		return lesson_err(r, "step until %s: the world went idle before %s%s%s%s",
				  s->func, s->func, s->at == LESSON_AT_RETURN ? " returned" :
				  s->at == LESSON_AT_NOTE ? " came in " : " was entered",
				  s->at == LESSON_AT_NOTE ? s->in : "",
				  s->host != SIM_STUDENT ? "" :
				  " on the student (add 'on HOST' for another host)");
	return 0;
}

static int
run_break(struct lesson_run *r, const struct lesson_step *s)
{
	struct lesson_break b = { s->ev, s->at, s->at == LESSON_AT_NOTE ? s->in : NULL, s->host };

	for (int i = 0; i < r->nbrk; i++)
		if (r->brk[i].ev == b.ev && r->brk[i].at == b.at && r->brk[i].host == b.host &&
		    (r->brk[i].in == b.in || (r->brk[i].in && b.in && !strcmp(r->brk[i].in, b.in))))
			return 0;
	if (r->nbrk == LESSON_MAX_BREAKS)
		return lesson_err(r, "too many breakpoints (at most %d)", LESSON_MAX_BREAKS);
	r->brk[r->nbrk++] = b;
	if (r->out)
		fprintf(r->out, "(break at %s)\n", s->func);
	return 0;
}

static int
run_delete(struct lesson_run *r, const struct lesson_step *s)
{
	int k = 0;

	for (int i = 0; i < r->nbrk; i++)
		if (s->ev && (r->brk[i].ev != s->ev || r->brk[i].at != s->at ||
			      r->brk[i].host != s->host))
			r->brk[k++] = r->brk[i];
	if (s->ev && k == r->nbrk)
		return lesson_err(r, "delete %s: no such breakpoint", s->func);
	r->nbrk = k;
	return 0;
}

/* Where the world stopped, after the step that stopped it. */
static void
show_stop(struct lesson_run *r, const struct lesson_step *s, const struct lesson_stop *st)
{
	const char *host = st->host >= 0 ? sim_host_names[st->host] : "?";
	char fields[256], moment[160];
	struct trace_buf b;

	lesson_stop_moment(st, moment, sizeof(moment));
	if (s->kind != LESSON_STEP_UNTIL || st->at == LESSON_AT_RETURN) {
		fprintf(r->out, "(stopped at %s on %s, skb#%u)\n", moment, host, st->skb_id);
		return;
	}
	trace_buf_init(&b, fields, sizeof(fields));
	trace_format_rec_fields(&st->rec, &b);
	fprintf(r->out, "(stopped at %s on %s, skb#%u: %s)\n", moment, host, st->skb_id,
		fields);
}

/* A step that only looks (or only changes the breaks): run it now. */
static int
look_step(struct lesson_run *r, const struct lesson_step *s)
{
	switch (s->kind) {
	case LESSON_NARRATE:
		if (r->out)
			fprintf(r->out, "\n%s\n\n", s->text);
		return 0;
	case LESSON_BREAK:
		return run_break(r, s);
	case LESSON_DELETE:
		return run_delete(r, s);
	case LESSON_PAUSE:
		if (r->out)
			fprintf(r->out, "[pause%s%s]\n", s->text ? ": " : "", s->text ? s->text : "");
		return 0;
	case LESSON_QUESTION:
	case LESSON_TRY:
		if (r->out) {
			fprintf(r->out, "%s %s\n", s->kind == LESSON_TRY ? "Try this:" : "Question:",
				s->text);
			if (s->answer)
				fprintf(r->out, "Answer: %s\n", s->answer);
		}
		return 0;
	case LESSON_EXPECT:
		if (!lesson_expect_eval(r, s->expect, s->text))
			return 1;
		if (r->out)
			fprintf(r->out, "ok: expect %s\n", s->text);
		return 0;
	case LESSON_RUN:
	case LESSON_STEP_UNTIL:
	case LESSON_CONTINUE:
		break;
	}
	return 0;
}

/*
 * A `$` at a stop: run it now if it only prints (its output is the
 * transcript's, and `expect output` reads it), else false: it waits.
 */
static bool
look_command(struct lesson_run *r, const struct lesson_step *s, FILE *o, long *from)
{
	char buf[CONSOLE_MAX_LINE], *argv[CONSOLE_MAX_ARGS + 1];
	struct console_call call;
	FILE *cap = r->con.out;
	int argc = console_split(s->text, buf, argv, CONSOLE_MAX_ARGS, NULL);

	if (argc <= 0 || console_resolve(&r->con, argc, argv, &call) ||
	    call.cmd->kind != CMD_TOOL || !console_read_only(&call))
		return false;
	fprintf(o, "$ %s\n", s->text);
	*from = ftell(o);
	r->con.out = r->con.err = o;
	r->epoch++;
	r->nrecs = 0;
	r->recs_lost = 0;
	r->in_call = false;
	r->last_status = console_call(&r->con, &call);
	r->con.out = r->con.err = cap;
	return true;
}

/* Run step @i ahead of its turn, into @k; false: it has to wait. */
static bool
ahead_one(struct lesson_run *r, int i, int stop_step)
{
	const struct lesson_step *s = &r->l->steps[i];
	struct lesson_kept *k = &r->kept[i];
	FILE *out = r->out, *o;
	char *text = NULL;
	size_t len = 0;
	long from = 0;
	bool ran = true;

	if (s->kind == LESSON_CONTINUE || s->kind == LESSON_STEP_UNTIL) {
		/* Armed here: a later moment of this very event may be its stop. */
		if (s->kind == LESSON_STEP_UNTIL)
			arm_until(r, s, i);
		r->waiting = i;
		k->started = true;
		k->moment = stop_step;
		return false;
	}
	o = open_memstream(&text, &len);
	if (!o)
		return false;
	r->cur = s;
	r->err[0] = '\0';
	if (s->kind == LESSON_RUN) {
		ran = look_command(r, s, o, &from);
		k->status = r->last_status;
	} else {
		r->out = o;
		k->rc = look_step(r, s);
		r->out = out;
	}
	fclose(o);
	if (!ran) {
		free(text);
		return false;
	}
	k->text = text;
	if (s->kind == LESSON_RUN) {
		/* `expect output` after it, at this stop, reads what it printed. */
		r->look_out = text + from;
		r->look_len = len - (size_t)from;
		k->rc = k->status == 2 ? bad_command(r, s->text, r->look_out, r->look_len) : 0;
	}
	if (k->rc)
		k->err = strdup(r->err);
	k->done = true;
	k->moment = stop_step;
	return true;
}

/* At a stop of step @stop_step: the steps after it that only look run now. */
static void
run_ahead(struct lesson_run *r, int stop_step)
{
	const struct lesson_step *cur = r->cur;
	bool in_call = r->in_call;
	int status = r->last_status;

	while (r->ahead < r->l->nsteps) {
		int i = r->ahead;

		if (!ahead_one(r, i, stop_step)) {
			if (r->kept[i].started)
				r->ahead = i + 1;
			break;
		}
		r->ahead = i + 1;
	}
	/* The command the stop came in goes on as it was. */
	r->cur = cur;
	r->in_call = in_call;
	r->last_status = status;
	r->look_out = NULL;
}

/* A step that ran ahead at a stop: say what it gave, in its turn. */
static int
report_kept(struct lesson_run *r, const struct lesson_step *s, const struct lesson_kept *k)
{
	if (r->out && k->text)
		fputs(k->text, r->out);
	if (k->err)
		snprintf(r->err, sizeof(r->err), "%s", k->err);
	if (s->kind == LESSON_EXPECT && !k->rc)
		r->checks++;
	if (s->kind == LESSON_RUN) {
		size_t off = strcspn(k->text, "\n");

		r->last_status = k->status;
		r->look_out = k->text[off] ? k->text + off + 1 : k->text + off;
		r->look_len = strlen(r->look_out);
	}
	return k->rc;
}

int
lesson_run_step(struct lesson_run *r, const struct lesson_step *s)
{
	int i = (int)(s - r->l->steps);
	struct lesson_kept *k = &r->kept[i];
	int rc = 0;

	r->cur = s;
	r->err[0] = '\0';
	if (k->done)
		return report_kept(r, s, k);
	if (r->ahead <= i)
		r->ahead = i + 1;
	r->running = true;
	if (r->journal)
		r->journal->owner = SIM_JOWN_LESSON;
	switch (s->kind) {
	case LESSON_RUN:
		rc = run_command(r, s->text, i);
		break;
	case LESSON_STEP_UNTIL:
		if (r->out)
			fprintf(r->out, "(step until %s%s%s%s)\n", s->func,
				s->at == LESSON_AT_RETURN ? " return" : "",
				s->at == LESSON_AT_NOTE ? " in " : "", s->at == LESSON_AT_NOTE ? s->in : "");
		rc = run_step_until(r, s, i);
		break;
	case LESSON_CONTINUE:
		if (r->out)
			fprintf(r->out, "(continue)\n");
		if (k->stopped) {
			/* It stopped already, in the engine event it was armed in. */
			r->stopped = world_busy(r);
			break;
		}
		r->waiting = i;
		rc = run_events(r, i, true, r->nstops);
		break;
	default:
		rc = look_step(r, s);
		if (s->kind == LESSON_EXPECT && !rc)
			r->checks++;
		break;
	}
	r->running = false;
	if (s->kind != LESSON_RUN && s->kind != LESSON_CONTINUE && s->kind != LESSON_STEP_UNTIL)
		return rc;
	/* The next command runs past this stop's moment (a run that did
	 * not stop leaves none behind). */
	r->past_stop = k->stopped;
	if (k->stopped) {
		r->shown = i;
		if (r->out)
			show_stop(r, s, &k->stop_at);
	}
	echo_output(r);
	return rc;
}

int
lesson_run_finish(struct lesson_run *r)
{
	int rc;

	r->cur = NULL;
	r->watching = false;
	r->until_armed = false;
	r->waiting = -1;
	r->running = true;
	if (r->journal)
		r->journal->owner = SIM_JOWN_LESSON;
	rc = run_events(r, -1, true, r->nstops);
	r->running = false;
	echo_output(r);
	return rc;
}

/* Try every command on a scratch world, no time passing: refusals are errors. */
int
lesson_validate(struct lesson *l, u32 seed, FILE *err)
{
	struct sim_world *scratch = calloc(1, sizeof(*scratch));
	struct lesson_run *r;
	int rc = 0;

	if (!scratch || sim_world_create(scratch, seed)) {
		fprintf(err, "netstep: cannot build a scratch world to check the lesson\n");
		free(scratch);
		return 1;
	}
	r = run_create(l, scratch, NULL, true);
	for (int i = 0; r && i < l->nsteps && !rc; i++) {
		if (l->steps[i].kind != LESSON_RUN)
			continue;
		r->cur = &l->steps[i];
		if (run_command(r, l->steps[i].text, i)) {
			fprintf(err, "%s\n", r->err);
			rc = 2;
		}
	}
	if (!r)
		rc = 1;
	lesson_run_destroy(r);
	sim_world_destroy(scratch);
	free(scratch);
	return rc;
}
