/*
 * sim/lesson_run.c - the lesson runner: executes a lesson's steps
 * against a live world.  See sim/lesson.h for the API.
 *
 * No kernel counterpart.  Read sim/console.c first (the commands a
 * lesson types are the console's), kernel/trace.h (a break is a trace
 * sink watching for a function's enter record) and kernel/engine.h
 * (the runner moves the world one engine event at a time).
 *
 * How a break stops: netstep is one thread, so a function cannot be
 * frozen halfway.  A break therefore stops the world at the end of the
 * engine event - or of the console command's own system call - in
 * which the function was entered; everything that call did
 * synchronously has happened, nothing scheduled for later has.
 *
 * The sink also keeps what `expect` asks about the trace: per function
 * and host, how often and first when it was entered, and the enter and
 * note records themselves (their typed fields), all since the last `$`
 * command began.
 */
#include "sim/lesson_priv.h"
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

static bool
break_matches(const struct trace_event_desc *ev, int want_host, int host,
	      const struct trace_rec *rec)
{
	return (want_host == LESSON_HOST_ANY || want_host == host) && rec->site->ev == ev;
}

static void
lesson_trace_sink(void *arg, const struct trace_event *ev)
{
	struct lesson_run *r = arg;
	const struct trace_rec *rec = &ev->rec;
	int host = event_host(r, ev);
	struct lesson_fstat *f;
	bool stop = false;

	if (!rec->site || rec->kind == TRACE_EXIT)
		return;
	recs_keep(r, rec);
	if (rec->kind != TRACE_ENTER)
		return;
	f = fstat_slot(r, rec->site->ev, host, true);
	if (f && f->epoch != r->epoch) {
		f->epoch = r->epoch;
		f->count = 0;
	}
	if (f && !f->count++)
		f->first_seq = ev->seq;
	if (r->hit)
		return;
	if (r->until)
		stop = break_matches(r->until, r->until_host, host, rec);
	else if (r->watching)
		for (int i = 0; i < r->nbrk && !stop; i++)
			stop = break_matches(r->brk[i].ev, r->brk[i].host, host, rec);
	if (!stop)
		return;
	r->hit = true;
	r->stop.valid = true;
	r->stop.func = rec->site->ev->name;
	r->stop.host = host;
	r->stop.seq = ev->seq;
	r->stop.skb_id = rec->skb_id;
	r->stop.rec = *rec;
	if (rec->skb_id)
		r->cur_skb = rec->skb_id;
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
	r->stop.func = "";
	r->cap = open_memstream(&r->capbuf, &r->caplen);
	if (!r->cap) {
		free(r);
		return NULL;
	}
	console_init(&r->con, w, r->cap, r->cap);
	r->con.dry = dry;
	if (!dry && trace_add_sink(&w->trace, lesson_trace_sink, r)) {
		fclose(r->cap);
		free(r->capbuf);
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
	free(r->recs);
	free(r);
}

const char *
lesson_run_error(const struct lesson_run *r)
{
	return r->err;
}

const struct lesson_stop *
lesson_run_stop(const struct lesson_run *r)
{
	return &r->stop;
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
engine_turn(struct sim_engine *eng)
{
	bool had = eng->heap_len > 0;

	sim_run(eng, 0, 1);
	return had || eng->heap_len > 0;
}

/*
 * Let time run, one event at a time: until a watched function is
 * entered, or (@to_idle) the world has nothing left to do, or (else)
 * no command is still waiting.  0, or 1 with a message.
 */
static int
run_events(struct lesson_run *r, bool to_idle)
{
	u64 budget = LESSON_MAX_EVENTS;
	int rc = 0;

	for (;;) {
		if (r->hit) {
			r->stopped = world_busy(r);
			return 0;
		}
		if (!to_idle && !world_busy(r))
			break;
		if (!budget--)
			return lesson_err(r, "the world did not settle within %llu events",
					  LESSON_MAX_EVENTS);
		if (!engine_turn(&r->w->eng)) {
			/* Idle with a call still asleep (a recv nobody feeds): end it. */
			for (int i = 0; i < SIM_NHOSTS; i++)
				if (r->w->host[i])
					sim_task_abort_all(r->w->host[i]);
			break;
		}
	}
	r->stopped = false;
	for (int i = 0; i < SIM_NHOSTS; i++) {
		int st = r->w->host[i] ? sim_task_take_status(r->w->host[i]) : 0;

		if (!rc)
			rc = st;
	}
	if (rc && !r->last_status)
		r->last_status = rc;
	return 0;
}

/* sleep DURATION, watching the breakpoints. */
static int
run_sleep(struct lesson_run *r, int argc, char **argv)
{
	struct sim_engine *eng = &r->w->eng;
	u64 budget = LESSON_MAX_EVENTS;
	ktime_t d, until;

	if (argc != 2 || console_parse_duration(argv[1], &d)) {
		fprintf(r->cap, "sleep: invalid time interval '%s'\n", argc > 1 ? argv[1] : "");
		return 2;
	}
	if (r->dry)
		return 0;
	until = eng->now + d;
	while (!r->hit) {
		if (!budget--) {
			fprintf(r->cap, "netstep: the stack did not settle within %llu events\n",
				LESSON_MAX_EVENTS);
			return 1;
		}
		if (sim_run(eng, until, 1) != -EAGAIN)
			break;
	}
	if (r->hit)
		r->stopped = true;
	return 0;
}

/* Run the command's own call (the console's table); no time passes
 * here except for `sleep`, which watches the breakpoints. */
static int
cmd_dispatch(struct lesson_run *r, int argc, char **argv)
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
	return console_call(&r->con, &call);
}

static int
run_command(struct lesson_run *r, const char *line)
{
	char buf[CONSOLE_MAX_LINE];
	char *argv[CONSOLE_MAX_ARGS + 1];
	bool was_busy = !r->dry && world_busy(r);
	int argc, rc;

	fflush(r->cap);
	r->cmd_start = r->caplen;
	if (r->out && !r->dry)
		fprintf(r->out, "$ %s\n", line);
	r->echoed = r->caplen;
	argc = console_split(line, buf, argv, CONSOLE_MAX_ARGS, NULL);
	if (argc <= 0)
		return lesson_fail(r, "`", line, "`: unterminated quote or too many words");
	r->last_status = 0;
	r->hit = false;
	r->epoch++;		/* trace checks look at this command onwards */
	r->nrecs = 0;
	r->recs_lost = 0;
	rc = cmd_dispatch(r, argc, argv);
	r->last_status = rc;
	if (rc == 2) {
		char msg[304];
		size_t n;

		fflush(r->cap);
		n = r->caplen - r->cmd_start;
		snprintf(msg, sizeof(msg), "`: %.*s", (int)(n < 299 ? n : 299),
			 r->capbuf + r->cmd_start);
		msg[strcspn(msg, "\n")] = '\0';
		return lesson_fail(r, "bad command `", line, msg);
	}
	if (r->dry)
		return 0;
	/* Stopped at a break before: the command runs at this instant, and
	 * the pending work waits for `continue`. */
	if (was_busy && !r->hit)
		return 0;
	return run_events(r, false);
}

static int
run_step_until(struct lesson_run *r, const struct lesson_step *s)
{
	int rc;

	r->hit = false;
	r->until = s->ev;
	r->until_host = s->host;
	rc = run_events(r, true);
	r->until = NULL;
	if (rc)
		return rc;
	if (!r->hit)
		return lesson_err(r, "step until %s: the world went idle before %s was entered%s",
				  s->func, s->func, s->host != SIM_STUDENT ? "" :
				  " on the student (add 'on HOST' for another host)");
	return 0;
}

static int
run_break(struct lesson_run *r, const struct lesson_step *s)
{
	for (int i = 0; i < r->nbrk; i++)
		if (r->brk[i].ev == s->ev && r->brk[i].host == s->host)
			return 0;
	if (r->nbrk == LESSON_MAX_BREAKS)
		return lesson_err(r, "too many breakpoints (at most %d)", LESSON_MAX_BREAKS);
	r->brk[r->nbrk].ev = s->ev;
	r->brk[r->nbrk++].host = s->host;
	if (r->out)
		fprintf(r->out, "(break at %s)\n", s->func);
	return 0;
}

static int
run_delete(struct lesson_run *r, const struct lesson_step *s)
{
	int k = 0;

	for (int i = 0; i < r->nbrk; i++)
		if (s->ev && (r->brk[i].ev != s->ev || r->brk[i].host != s->host))
			r->brk[k++] = r->brk[i];
	if (s->ev && k == r->nbrk)
		return lesson_err(r, "delete %s: no such breakpoint", s->func);
	r->nbrk = k;
	return 0;
}

/* Where the world stopped, after the step that stopped it. */
static void
show_stop(struct lesson_run *r, const struct lesson_step *s)
{
	const char *host = r->stop.host >= 0 ? sim_host_names[r->stop.host] : "?";
	char fields[256];
	struct trace_buf b;

	if (s->kind != LESSON_STEP_UNTIL) {
		fprintf(r->out, "(stopped in %s on %s, skb#%u)\n", r->stop.func, host,
			r->stop.skb_id);
		return;
	}
	trace_buf_init(&b, fields, sizeof(fields));
	trace_format_rec_fields(&r->stop.rec, &b);
	fprintf(r->out, "(stopped in %s on %s, skb#%u: %s)\n", r->stop.func, host,
		r->stop.skb_id, fields);
}

int
lesson_run_step(struct lesson_run *r, const struct lesson_step *s)
{
	int rc = 0;

	r->cur = s;
	r->err[0] = '\0';
	switch (s->kind) {
	case LESSON_NARRATE:
		if (r->out)
			fprintf(r->out, "\n%s\n\n", s->text);
		break;
	case LESSON_RUN:
		rc = run_command(r, s->text);
		break;
	case LESSON_BREAK:
		rc = run_break(r, s);
		break;
	case LESSON_DELETE:
		rc = run_delete(r, s);
		break;
	case LESSON_STEP_UNTIL:
		if (r->out)
			fprintf(r->out, "(step until %s)\n", s->func);
		rc = run_step_until(r, s);
		break;
	case LESSON_CONTINUE:
		if (r->out)
			fprintf(r->out, "(continue)\n");
		r->hit = false;
		rc = run_events(r, true);
		break;
	case LESSON_PAUSE:
		if (r->out)
			fprintf(r->out, "[pause%s%s]\n", s->text ? ": " : "", s->text ? s->text : "");
		break;
	case LESSON_QUESTION:
	case LESSON_TRY:
		if (r->out) {
			fprintf(r->out, "%s %s\n", s->kind == LESSON_TRY ? "Try this:" : "Question:",
				s->text);
			if (s->answer)
				fprintf(r->out, "Answer: %s\n", s->answer);
		}
		break;
	case LESSON_EXPECT:
		if (!lesson_expect_eval(r, s->expect, s->text)) {
			rc = 1;
			break;
		}
		r->checks++;
		if (r->out)
			fprintf(r->out, "ok: expect %s\n", s->text);
		break;
	}
	if (s->kind != LESSON_RUN && s->kind != LESSON_CONTINUE && s->kind != LESSON_STEP_UNTIL)
		return rc;
	/* `step until` always stops (or failed); a command or `continue` may. */
	if (r->out && (s->kind == LESSON_STEP_UNTIL ? !rc : r->hit))
		show_stop(r, s);
	echo_output(r);
	return rc;
}

int
lesson_run_finish(struct lesson_run *r)
{
	int rc;

	r->cur = NULL;
	r->watching = false;
	r->hit = false;
	rc = run_events(r, true);
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
		if (run_command(r, l->steps[i].text)) {
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
