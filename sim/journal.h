/*
 * sim/journal.h - what was done to a world, in order, so that a fresh
 * world can be brought to the same point.
 *
 * No kernel counterpart.  A simulated world is deterministic: built
 * with the same seed and given the same calls in the same order, it
 * fires the same events, with the same skbs in the same ring slots.
 * The UI (ui/) and the lesson runner (sim/lesson_run.c) make every
 * change to the world through the calls below, which make the change
 * and write it down: a console command, one engine turn, the blocked
 * calls aborted on an idle world ...  A run of the same call is one
 * entry with a count, so a million engine turns cost one entry every
 * SIM_JOURNAL_RUN_MAX of them.
 *
 * Each call is one step of the journal; its position (jpos) counts the
 * steps made before it.  sim_journal_replay() makes the first steps
 * again on another world built the same way.  The trace may be muted
 * while it does: nothing the model does depends on whether anybody
 * listens (a tracepoint's arguments have no side effects), so a muted
 * replay fires the same events, only faster.  The UI replays to show a
 * step it ran without recording the panes (`p` after `c`), and to take
 * a lesson back to its own position after the student looked around.
 *
 * Calls that the UI or a lesson make only to look (expect, read-only
 * commands, the panes) change nothing and are not written down.  A
 * world on the TAP wire is not deterministic: it is never journaled.
 */
#ifndef NETSTEP_SIM_JOURNAL_H
#define NETSTEP_SIM_JOURNAL_H

#include "kernel/types.h"

struct sim_world;
struct sim_console;
struct console_call;

/* What one entry did. */
enum sim_jop {
	SIM_JOP_CALL,		/* a console command's own call (line) */
	SIM_JOP_RUN,		/* sim_run(eng, until, 1): softirqs, then one event */
	SIM_JOP_ONE,		/* sim_run_one(eng): one event */
	SIM_JOP_ABORT,		/* every host's blocked calls aborted */
	SIM_JOP_STATUS,		/* one host's finished calls' status taken */
	SIM_JOP_MARK,		/* nothing happened to the world: a note (line) */
};

/* Who made a call: the lesson, or the student looking around. */
enum sim_jowner { SIM_JOWN_STUDENT, SIM_JOWN_LESSON };

/* Entries of a RUN or ONE run are cut every so many calls, so that a
 * replay can stop muting close before any point. */
#define SIM_JOURNAL_RUN_MAX	1024

struct sim_jentry {
	enum sim_jop op;
	enum sim_jowner owner;
	u64 first;			/* jpos of its first call */
	u64 count;			/* calls in a row (RUN, ONE; else 1) */
	ktime_t until;			/* RUN */
	int host;			/* STATUS: SIM_* */
	u32 skb;			/* MARK: the skb it shows (0: none) */
	char *line;			/* CALL, MARK */
};

struct sim_journal {
	struct sim_jentry *e;
	size_t n, cap;
	u64 pos;			/* calls made so far: the next one's jpos */
	enum sim_jowner owner;		/* who makes the next calls */
	bool broken;			/* a call could not be written down (out of
					 * memory): never replayed */
	/* Called before every call, with its jpos (a recorder checkpoints). */
	void (*before)(void *arg, u64 jpos);
	void *arg;
};

void sim_journal_init(struct sim_journal *j);
void sim_journal_free(struct sim_journal *j);

/*
 * The calls.  @j may be NULL (a TAP world, a headless lesson): the call
 * is made and nothing is written.  They return what the call returns.
 */
int sim_journal_call(struct sim_journal *j, struct sim_console *con,
		     const struct console_call *call, const char *line);
int sim_journal_run(struct sim_journal *j, struct sim_world *w, ktime_t until);
bool sim_journal_one(struct sim_journal *j, struct sim_world *w);
void sim_journal_abort(struct sim_journal *j, struct sim_world *w);
int sim_journal_status(struct sim_journal *j, struct sim_world *w, int host);
/* A note with no effect on the world (a replay gives it back): @text, @skb. */
void sim_journal_mark(struct sim_journal *j, const char *text, u32 skb);

/* jpos just after the last call @owner made (0: none). */
u64 sim_journal_end_of(const struct sim_journal *j, enum sim_jowner owner);
/* Forget every call from @jpos on. */
void sim_journal_truncate(struct sim_journal *j, u64 jpos);

/*
 * Make calls [0, @upto) of @j again on @w, a fresh world built as the
 * journaled one was.  Before each call, @at(@arg, jpos) may stop the
 * replay (return false); a MARK calls @mark(@arg, the entry).  Either hook
 * may be NULL.  The commands print nothing and write no file (a
 * `tcpdump -w FILE` captures into /dev/null: FILE has it from the first
 * time).  Returns the jpos reached, or -1 for a broken journal or a
 * command that no longer resolves (the worlds differ).
 */
long long sim_journal_replay(const struct sim_journal *j, struct sim_world *w, u64 upto,
			     bool (*at)(void *arg, u64 jpos),
			     void (*mark)(void *arg, const struct sim_jentry *e), void *arg);

#endif
