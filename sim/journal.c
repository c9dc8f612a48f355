/*
 * sim/journal.c - make a change to a world and write it down; make the
 * same changes again on a fresh world.  See sim/journal.h.
 *
 * No kernel counterpart.
 */
#include "sim/journal.h"
#include "sim/console.h"
#include "sim/task.h"
#include "sim/topology.h"

#include <stdlib.h>
#include <string.h>

void
sim_journal_init(struct sim_journal *j)
{
	memset(j, 0, sizeof(*j));
}

void
sim_journal_free(struct sim_journal *j)
{
	for (size_t i = 0; i < j->n; i++)
		free(j->e[i].line);
	free(j->e);
	memset(j, 0, sizeof(*j));
}

/*
 * Write one call down: a repeat of the last entry's RUN or ONE only
 * counts; anything else is a new entry.  NOTE: out of memory, the call
 * still happens and the journal is marked broken: a replay is refused
 * rather than making a different world.
 */
static void
jot(struct sim_journal *j, enum sim_jop op, ktime_t until, int host, const char *line, u32 skb)
{
	struct sim_jentry *last = j->n ? &j->e[j->n - 1] : NULL;

	if (j->broken)
		return;
	if (last && (op == SIM_JOP_RUN || op == SIM_JOP_ONE) && last->op == op &&
	    last->owner == j->owner && last->until == until &&
	    last->count < SIM_JOURNAL_RUN_MAX && last->first + last->count == j->pos) {
		last->count++;
		j->pos++;
		return;
	}
	if (j->n == j->cap) {
		size_t cap = j->cap ? j->cap * 2 : 256;
		struct sim_jentry *v = realloc(j->e, cap * sizeof(*v));

		if (!v) {
			j->broken = true;
			return;
		}
		j->e = v;
		j->cap = cap;
	}
	last = &j->e[j->n];
	memset(last, 0, sizeof(*last));
	last->op = op;
	last->owner = j->owner;
	last->first = j->pos;
	last->count = 1;
	last->until = until;
	last->host = host;
	last->skb = skb;
	if (line) {
		last->line = strdup(line);
		if (!last->line) {
			j->broken = true;
			return;
		}
	}
	j->n++;
	j->pos++;
}

/* Before a call: the hook sees its position (only a journaled world has one). */
static void
before(struct sim_journal *j)
{
	if (j && j->before)
		j->before(j->arg, j->pos);
}

int
sim_journal_call(struct sim_journal *j, struct sim_console *con,
		 const struct console_call *call, const char *line)
{
	int rc;

	before(j);
	rc = console_call(con, call);
	if (j)
		jot(j, SIM_JOP_CALL, 0, 0, line, 0);
	return rc;
}

int
sim_journal_run(struct sim_journal *j, struct sim_world *w, ktime_t until)
{
	int rc;

	before(j);
	rc = sim_run(&w->eng, until, 1);
	if (j)
		jot(j, SIM_JOP_RUN, until, 0, NULL, 0);
	return rc;
}

bool
sim_journal_one(struct sim_journal *j, struct sim_world *w)
{
	bool fired;

	before(j);
	fired = sim_run_one(&w->eng);
	if (j)
		jot(j, SIM_JOP_ONE, 0, 0, NULL, 0);
	return fired;
}

void
sim_journal_abort(struct sim_journal *j, struct sim_world *w)
{
	before(j);
	for (int i = 0; i < SIM_NHOSTS; i++)
		if (w->host[i])
			sim_task_abort_all(w->host[i]);
	if (j)
		jot(j, SIM_JOP_ABORT, 0, 0, NULL, 0);
}

int
sim_journal_status(struct sim_journal *j, struct sim_world *w, int host)
{
	int st;

	before(j);
	st = w->host[host] ? sim_task_take_status(w->host[host]) : 0;
	if (j)
		jot(j, SIM_JOP_STATUS, 0, host, NULL, 0);
	return st;
}

void
sim_journal_mark(struct sim_journal *j, const char *text, u32 skb)
{
	if (!j)
		return;
	before(j);
	jot(j, SIM_JOP_MARK, 0, 0, text, skb);
}

u64
sim_journal_end_of(const struct sim_journal *j, enum sim_jowner owner)
{
	for (size_t i = j->n; i-- > 0;)
		if (j->e[i].owner == owner)
			return j->e[i].first + j->e[i].count;
	return 0;
}

void
sim_journal_truncate(struct sim_journal *j, u64 jpos)
{
	while (j->n && j->e[j->n - 1].first >= jpos) {
		free(j->e[j->n - 1].line);
		j->n--;
	}
	if (j->n && j->e[j->n - 1].first + j->e[j->n - 1].count > jpos)
		j->e[j->n - 1].count = jpos - j->e[j->n - 1].first;
	j->pos = j->n ? j->e[j->n - 1].first + j->e[j->n - 1].count : 0;
}

/* One journaled call again; false when a command no longer resolves. */
static bool
redo(const struct sim_jentry *e, struct sim_world *w, struct sim_console *con)
{
	char buf[CONSOLE_MAX_LINE], *argv[CONSOLE_MAX_ARGS + 1];
	struct console_call call;
	int argc;

	switch (e->op) {
	case SIM_JOP_CALL:
		argc = console_split(e->line, buf, argv, CONSOLE_MAX_ARGS, NULL);
		if (argc <= 0 || console_resolve(con, argc, argv, &call))
			return false;
		console_call(con, &call);
		return true;
	case SIM_JOP_RUN:
		sim_run(&w->eng, e->until, 1);
		return true;
	case SIM_JOP_ONE:
		sim_run_one(&w->eng);
		return true;
	case SIM_JOP_ABORT:
		for (int i = 0; i < SIM_NHOSTS; i++)
			if (w->host[i])
				sim_task_abort_all(w->host[i]);
		return true;
	case SIM_JOP_STATUS:
		if (w->host[e->host])
			sim_task_take_status(w->host[e->host]);
		return true;
	case SIM_JOP_MARK:
		return true;
	}
	return false;
}

long long
sim_journal_replay(const struct sim_journal *j, struct sim_world *w, u64 upto,
		   bool (*at)(void *arg, u64 jpos),
		   void (*mark)(void *arg, const struct sim_jentry *e), void *arg)
{
	struct sim_console con;
	FILE *devnull = fopen("/dev/null", "w");
	u64 pos = 0;

	if (j->broken || !devnull) {
		if (devnull)
			fclose(devnull);
		return -1;
	}
	/* What the commands print was shown the first time, and what they
	 * write (tcpdump -w) is in its file: a second writer would clobber it. */
	console_init(&con, w, devnull, devnull);
	con.replay = true;
	for (size_t i = 0; i < j->n && pos < upto; i++) {
		const struct sim_jentry *e = &j->e[i];

		for (u64 k = 0; k < e->count && pos < upto; k++, pos++) {
			if (at && !at(arg, pos))
				goto out;
			if (!redo(e, w, &con)) {
				fclose(devnull);
				return -1;
			}
			if (e->op == SIM_JOP_MARK && mark)
				mark(arg, e);
		}
	}
out:
	fclose(devnull);
	return (long long)pos;
}
