/*
 * ui/ui_snap.h - the recorder behind the step-through UI: what each pane
 * shows, captured at every trace event.
 *
 * No kernel counterpart.  The UI never looks at the live model while it
 * draws.  Instead the recorder subscribes to the trace (kernel/trace.h)
 * and to the wire taps (sim/wire.h); at each enter/exit/note event it
 * writes down, as text, what every pane would show at that moment: the
 * call stack, the skb and the skbs sharing its data, the route table
 * with the matched row, the neighbour table, the TX/RX rings, the qdisc
 * and softirq counters, the last frame on the wire.  Stepping walks
 * through these snapshots; stepping back is reading an older one; a
 * breakpoint is a search over them.  Only when the student steps past
 * the newest snapshot does the UI fire the next engine event
 * (sim_run_one), so the model advances at the student's pace: a frame
 * reaches the wire at the step where the card's DMA puts it there.
 *
 * The history is bounded: the last UI_HISTORY snapshots are kept.
 *
 * Read after kernel/trace.h and kernel/engine.h; ui/ui.c draws these.
 * This file knows nothing of curses (the tests drive it directly).
 */
#ifndef NETSTEP_UI_SNAP_H
#define NETSTEP_UI_SNAP_H

#include "kernel/trace.h"
#include "sim/topology.h"

#define UI_HISTORY	4000		/* snapshots kept for step back */
#define UI_STACK_MAX	32		/* call depth recorded */
#define UI_FRAME_MAX	256		/* frame bytes kept for the hex dump */

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

struct ui_frame_ref {
	const char *func;		/* kernel function (a string literal) */
	const char *file;		/* netstep file */
	int line;
	const char *ksrc;		/* kernel file it mirrors */
	char host[16];
};

/* Everything one step shows. */
struct ui_snap {
	u64 seq;			/* trace sequence number */
	ktime_t ts;			/* virtual time */
	enum trace_kind kind;		/* enter, exit, note */
	char host[16];			/* whose CPU ran it */
	const char *func;		/* current kernel function */
	const char *file;		/* netstep file:line */
	int line;
	const char *ksrc;		/* kernel file it mirrors */
	int level;			/* stack entries incl. the current one */
	u32 skb_id;			/* skb of the event, 0 = none */
	char fields[TRACE_FIELDS_MAX];	/* key=value of the event */
	unsigned long wire_frames;	/* frames that left any port so far */
	unsigned long student_tx;	/* frames that left the student's port */
	char *pane[UI_NPANES];		/* text, lines split by '\n' */
	char *narrow[UI_NPANES];	/* same for panes under 60 columns, or NULL */
};

struct ui_frame {
	char port[24];			/* "student:eth0" */
	enum sim_dir dir;
	unsigned int len;		/* on the wire */
	u8 bytes[UI_FRAME_MAX];		/* the first UI_FRAME_MAX of them */
	ktime_t ts;
	unsigned long no;		/* 1, 2, ... frames seen */
};

struct ui_rec {
	struct sim_world *w;
	struct ui_snap *ring;		/* UI_HISTORY snapshots */
	u64 first;			/* absolute index of the oldest kept */
	u64 count;			/* snapshots ever recorded */
	struct ui_frame_ref stack[UI_STACK_MAX];
	int nstack;			/* live call stack */
	int overflow;			/* frames deeper than UI_STACK_MAX */
	struct net *last_host;		/* host of the last event with one */
	u32 focus_skb;			/* skb the skb pane follows */
	u32 focus_data;			/* ... and its data_id */
	struct net_device *ring_dev;	/* device the ring pane shows */
	struct ui_frame frame;		/* the last frame on the wire */
	unsigned long wire_frames;
	char last_route[TRACE_FIELDS_MAX + 64];
	struct net *last_route_host;	/* ... made on this host */	/* fields of the last route lookup */
	char last_qdisc[96];		/* "bypass" or "enqueue qlen=N" */
	char txq_dev[16];		/* TX queue of the last netdev_pick_tx: */
	struct net *txq_host;		/* ... device name, host */
	int txq;			/* ... and index (-1 = none yet) */
	int quota;			/* quota left in the last __qdisc_run, -1 = none */
	char quota_host[16];		/* ... on this host */
	char last_neigh[96];		/* last NUD transition */
	char *console_log;		/* console output, newest last */
	size_t console_len;
	bool busy;			/* inside our own sink: ignore events */
	char *frame_text[2];		/* frame pane, wide and narrow, built once per frame */
	unsigned long frame_text_no;	/* ... for this frame */
	FILE *ms[3];			/* text buffers reused for every snapshot */
	char *ms_buf[3];
	size_t ms_len[3];
};

int ui_rec_init(struct ui_rec *r, struct sim_world *w);
void ui_rec_exit(struct ui_rec *r);
/* The trace sink (arg = struct ui_rec). */
void ui_rec_trace(void *arg, const struct trace_event *ev);
/* Snapshot @abs (absolute index), NULL if dropped from history or not yet. */
const struct ui_snap *ui_rec_get(const struct ui_rec *r, u64 abs);
/* Append console output (shown in the console pane from the next snapshot). */
void ui_rec_console(struct ui_rec *r, const char *text);
/* Record a snapshot now without a trace event (after a command). */
void ui_rec_mark(struct ui_rec *r, const char *what);
/* The same under another name (a string literal): "(lesson)" after a lesson step. */
void ui_rec_mark_as(struct ui_rec *r, const char *func, const char *what);

/* ui/ui_explain.c: one line about a kernel function, or NULL. */
const char *ui_explain(const char *func);

#endif
