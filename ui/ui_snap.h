/*
 * ui/ui_snap.h - the recorder behind the step-through UI: the history
 * of trace events, and what each pane shows at a step.
 *
 * No kernel counterpart.  The UI never looks at the live model while it
 * draws.  Instead the recorder subscribes to the trace (kernel/trace.h)
 * and to the wire taps (sim/wire.h) and keeps two things:
 *
 *  - the history: every event as the trace's own 64-byte record, in a
 *    ring of the last UI_STEPS steps, and what the panes follow (the
 *    call stack, the skb in focus, the last route lookup and frame ...:
 *    struct ui_track, a few hundred bytes updated at every event);
 *  - snapshots: the text of every pane (the skb and its sharers, the
 *    route table with the matched row, the neighbours, the visible
 *    window of the rings, the qdisc and softirq counters, the frame) at
 *    one step, cached for the last UI_SNAPS steps that had one.
 *
 * A snapshot costs the same whatever the size of the model: it reads
 * the ring slots it shows, the skb in focus and the headers sharing its
 * data (layers/skbuff.h indexes them), never every live skb.  Still,
 * taking one at every event is what made `c` slow; so the recorder has
 * two modes.  UI_REC_ALL snapshots every step (the student steps with
 * s, one engine event at a time).  UI_REC_RUN (c, n, f, a lesson step)
 * keeps only the records, asks a predicate at each event whether to
 * stop there, and snapshots once, at the stop, in the sink: the panes
 * show that very moment.  The rest of that engine event, which runs
 * on (one thread: a function cannot be frozen), is then snapshotted
 * step by step, so `s` from a stop is immediate.
 *
 * A step of the history with no snapshot (`p` back into what `c` ran)
 * is rebuilt: the world is deterministic and every change the UI made
 * to it is in a journal (sim/journal.h), so ui_rec_replay() builds a
 * fresh world, replays the journal with the trace muted up to the last
 * checkpoint (the recorder's small state, saved every UI_CKPT_EVERY
 * steps) before the step, and snapshots from there, checking that each
 * event is the one the history holds.  TAP worlds are not
 * deterministic: there the recorder snapshots every step and step back
 * reaches only the last UI_SNAPS.
 *
 * Read after kernel/trace.h and kernel/engine.h; ui/ui.c draws these.
 * This file knows nothing of curses (the tests drive it directly).
 */
#ifndef NETSTEP_UI_SNAP_H
#define NETSTEP_UI_SNAP_H

#include "kernel/trace.h"
#include "sim/journal.h"
#include "sim/topology.h"

#define UI_STEPS	(1u << 18)	/* steps of history (records) kept */
#define UI_SNAPS	4096		/* snapshots cached (a power of two) */
#define UI_CKPT_EVERY	4096		/* steps between two checkpoints */
#define UI_CKPTS	(UI_STEPS / UI_CKPT_EVERY + 2)
#define UI_STACK_MAX	32		/* call depth recorded */
#define UI_FRAME_MAX	256		/* frame bytes kept for the hex dump */
/* After a function that Linux 3.10 declares static inline: shown, but
 * not one to look for in a real function_graph trace. */
#define UI_INLINE_MARK	"[inline]"

enum ui_pane {
	UI_PANE_STACK,
	UI_PANE_SKB,
	UI_PANE_ROUTE,
	UI_PANE_NEIGH,
	UI_PANE_RING,
	UI_PANE_QDISC,
	UI_PANE_FRAME,
	UI_PANE_CONSOLE,
	UI_NPANES
};
extern const char *const ui_pane_names[UI_NPANES];

/* One step of the history: the event, and where it stands. */
struct ui_step {
	struct trace_rec ev;		/* the trace's record (read through kernel/trace.h) */
	u64 seq;			/* its trace sequence number (a mark repeats the last) */
	int level;			/* stack entries incl. the current one */
	int where;			/* what the driver was at (ui_rec.where), 0 */
	unsigned long wire_frames;	/* frames that left any port so far */
};

/*
 * Everything one step shows: its event (a copy of the step), and the
 * panes as they were then.
 */
struct ui_snap {
	u64 abs;			/* the step (absolute index) */
	bool valid;			/* this cache slot holds it */
	struct trace_rec ev;		/* the event */
	u64 seq;			/* ... its trace sequence number */
	int level;			/* stack entries incl. the current one */
	unsigned long wire_frames;	/* frames that left any port so far */
	unsigned long student_tx;	/* frames that left the student's port */
	char *pane[UI_NPANES];		/* text, lines split by '\n' (in text) */
	char *narrow[UI_NPANES];	/* same for panes under 60 columns, or NULL */
	char *text;			/* every pane's text, one buffer kept from one
					 * snapshot of this cache slot to the next */
	size_t len, cap;		/* ... used, allocated */
	size_t at[2 * UI_NPANES];	/* ... where each pane begins, +1 (0: none) */
};
_Static_assert(sizeof(((struct ui_snap *)0)->ev) <= 64, "a step keeps its event in 64 bytes");

struct ui_frame {
	char port[24];			/* "student:eth0" */
	enum sim_dir dir;
	unsigned int len;		/* on the wire */
	u8 bytes[UI_FRAME_MAX];		/* the first UI_FRAME_MAX of them */
	ktime_t ts;
	unsigned long no;		/* 1, 2, ... frames seen */
};

#define UI_SHARERS	4		/* headers sharing the focus's data, remembered */

/* An skb header as the recorder remembers it: read only while the ledger holds it. */
struct ui_skbref {
	const struct sk_buff *skb;
	u32 id;
};

/*
 * What the panes follow, updated at every event: a plain struct, so a
 * checkpoint is a copy.  Hosts and devices are indices, valid in any
 * world built the same way; the records' strings (device names) point
 * into the world they came from.
 */
struct ui_track {
	const struct trace_event_desc *stack[UI_STACK_MAX];	/* live call stack */
	struct ui_skbref stack_skb[UI_STACK_MAX];	/* ... the skb each was entered with */
	int nstack;			/* ... its depth */
	int overflow;			/* frames deeper than UI_STACK_MAX */
	bool pop;			/* the top frame returned: popped at the next event */
	int last_host;			/* SIM_* of the last event with a host */
	struct ui_skbref focus;		/* skb the skb pane follows: the current event's */
	u32 focus_data;			/* ... its data_id */
	struct ui_skbref share[UI_SHARERS];	/* ... the other headers on its data */
	int nshare;
	int ring_host, ring_dev;	/* device the ring pane shows (-1: the host's first) */
	struct ui_frame frame;		/* the last frame on the wire */
	unsigned long wire_frames;
	struct trace_rec last_route;	/* the last route lookup (site NULL: none) */
	int last_route_host;		/* ... made on this host */
	char last_qdisc[96];		/* "path=bypass (student)" */
	char txq_dev[16];		/* TX queue of the last netdev_pick_tx: */
	int txq_host;			/* ... device name, host */
	int txq;			/* ... and index (-1 = none yet) */
	int quota;			/* quota left in the last __qdisc_run, -1 = none */
	char quota_host[16];		/* ... on this host */
	char last_neigh[96];		/* last NUD state an event reported */
};

/* The recorder's state before a call of the journal, every UI_CKPT_EVERY steps. */
struct ui_ckpt {
	u64 jpos;			/* the call it came before */
	u64 abs;			/* steps recorded until then */
	u64 seq;			/* the trace's last sequence number then */
	struct ui_track t;
};

enum ui_rec_mode {
	UI_REC_ALL,			/* a snapshot at every step */
	UI_REC_RUN,			/* records only; a snapshot where the run stops */
};

struct ui_dev_field;

struct ui_rec {
	struct sim_world *w;
	struct sim_journal *j;		/* every change to w (NULL: no replay, TAP) */
	struct ui_step *steps;		/* UI_STEPS records */
	u64 first;			/* absolute index of the oldest kept */
	u64 count;			/* steps ever recorded */
	struct ui_snap *snaps;		/* UI_SNAPS snapshots, slot = abs % UI_SNAPS */
	struct ui_snap initial;		/* the world before the first step */
	struct ui_track t;
	struct ui_ckpt *ckpt;		/* UI_CKPTS checkpoints, a ring */
	u64 nckpt;			/* ever taken */
	/* how it records */
	enum ui_rec_mode mode;
	/* UI_REC_RUN: stop at this step?  (The UI's breakpoints, n, f, a key.) */
	bool (*stop)(void *arg, const struct ui_step *st);
	void *stop_arg;
	/* What a driver outside the trace is at, kept with every step (a
	 * packetdrill script's line: the pane shows it at any step), or NULL. */
	int (*where)(void *arg);
	void *where_arg;
	bool stopped;			/* a run stopped (at abs stopped_at) */
	u64 stopped_at;
	long tail;			/* snapshots still to take after a stop */
	struct ui_skbref show;		/* the skb pane's skb in the snapshot being
					 * taken, if not the tracker's (a lesson's stop) */
	/* a replay (ui_rec_replay) writes into another recorder's cache */
	struct ui_rec *into;		/* NULL: this is the UI's own */
	u64 want_lo, want_hi;		/* ... the steps it wants */
	u64 seq_base;			/* ... what its trace's numbers start from */
	bool rewrite;			/* replaying the UI's own history in place ... */
	u64 rewrite_end;		/* ... which had this many steps */
	bool diverged;			/* an event differed from the history */
	struct ui_dev_field *dev_fields;	/* where events name their device */
	size_t ndev_fields;
	char **marks;			/* texts of the console/lesson marks */
	size_t nmarks;
	char *console_log;		/* console output, newest last */
	size_t console_len;
	char *frame_text[2];		/* frame pane, wide and narrow, built once per frame */
	unsigned long frame_text_no;	/* ... for this frame */
	FILE *ms[3];			/* text buffers reused for every snapshot */
	char *ms_buf[3];
	size_t ms_len[3];
};

/* Start recording @w; @j (may be NULL) is where every change to @w goes. */
int ui_rec_init(struct ui_rec *r, struct sim_world *w, struct sim_journal *j);
void ui_rec_exit(struct ui_rec *r);
/* The trace sink (arg = struct ui_rec). */
void ui_rec_trace(void *arg, const struct trace_event *ev);
/* The step @abs, NULL if dropped from history or not yet. */
const struct ui_step *ui_rec_step(const struct ui_rec *r, u64 abs);
/* Snapshot of step @abs if the cache has it, else NULL (ui_rec_replay makes it). */
const struct ui_snap *ui_rec_get(const struct ui_rec *r, u64 abs);
/* The world before the first step (route table, neighbours, rings ...). */
const struct ui_snap *ui_rec_initial(struct ui_rec *r);
/*
 * Snapshot the newest step now, at the moment it shows (a lesson's stop:
 * called inside the trace sink), and the rest of this engine event.
 * @skb_id (0: none) is the skb the skb pane shows there: the lesson's
 * current skb, which a stop on a function without one keeps.
 */
void ui_rec_stop_here(struct ui_rec *r, u32 skb_id);
/*
 * How a replay gets a fresh world built as r->w was, and ends it: a
 * world of the classroom's, or a packetdrill runner's (whose world the
 * runner owns).
 */
struct ui_world_ops {
	struct sim_world *(*build)(void *arg);		/* NULL: out of memory */
	void (*destroy)(struct sim_world *w, void *arg);
};
/*
 * Rebuild the snapshots around step @abs (about UI_SNAPS of them) by
 * replaying the journal on a fresh world from @ops.  0, or -ENOENT when
 * the step is gone from history or the world cannot be replayed (no
 * journal, a TAP world), -ENOMEM, -EIO when the replay went another way
 * than the history (a bug: the model depends on who listens).
 */
int ui_rec_replay(struct ui_rec *r, u64 abs, const struct ui_world_ops *ops, void *arg);
/* The classroom's world (sim_world_create), @arg a const u32 *: its seed. */
extern const struct ui_world_ops ui_world_classroom;
/*
 * Go on with @w, a fresh world built as r->w was: replay the journal up
 * to @jpos on it, recording again (and checking) the steps it makes, and
 * drop the history after them.  The UI does this to take a lesson back
 * to its own position.  0, or -EIO (the history differs), -ENOMEM.
 */
int ui_rec_rebuild(struct ui_rec *r, struct sim_world *w, u64 jpos);
/* Append console output: the console pane draws it as it is now, the terminal. */
void ui_rec_console(struct ui_rec *r, const char *text);
/*
 * Record a step now without a trace event: a note of the UI's own (not
 * a declared event, and no other sink hears it) that says @what, under
 * the name "(console)" after a command, "(lesson)" after a lesson step;
 * its skb pane shows @skb_id (0: the current event's, as any step).  It
 * is written in the journal, so a replay makes it again.
 */
enum ui_mark { UI_MARK_CONSOLE, UI_MARK_LESSON };
void ui_rec_mark(struct ui_rec *r, enum ui_mark mark, const char *what, u32 skb_id);
extern const struct trace_event_desc ui_mark_console, ui_mark_lesson;

/* The name of @ev's host, "-" for none. */
const char *ui_rec_host_name(const struct ui_rec *r, const struct trace_rec *ev);

/* ui/ui_explain.c: one line about the function of an event, or NULL. */
const char *ui_explain(const struct trace_rec *ev);

#endif
