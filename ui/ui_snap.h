/*
 * ui/ui_snap.h - the recorder behind the step-through UI: what each pane
 * shows, captured at every trace event.
 *
 * No kernel counterpart.  The UI never looks at the live model while it
 * draws.  Instead the recorder subscribes to the trace (kernel/trace.h)
 * and to the wire taps (sim/wire.h); at each enter/exit/note event it
 * keeps the event (its 64-byte record) and writes down, as text, what
 * every pane would show at that moment: the call stack, the skb and the
 * skbs sharing its data, the route table with the matched row, the
 * neighbour table, the TX/RX rings, the qdisc and softirq counters, the
 * last frame on the wire.  Stepping walks
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

/*
 * Everything one step shows: its event, kept as the trace's own 64-byte
 * record (read through kernel/trace.h: trace_rec_func, rec.site->file,
 * TP_REC_DATA ...; its key=value text is formatted when drawn), and the
 * panes as they were then.
 */
struct ui_snap {
	struct trace_rec ev;		/* the event */
	u64 seq;			/* ... its trace sequence number */
	int level;			/* stack entries incl. the current one */
	unsigned long wire_frames;	/* frames that left any port so far */
	unsigned long student_tx;	/* frames that left the student's port */
	char *pane[UI_NPANES];		/* text, lines split by '\n' */
	char *narrow[UI_NPANES];	/* same for panes under 60 columns, or NULL */
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

struct ui_dev_field;

struct ui_rec {
	struct sim_world *w;
	struct ui_snap *ring;		/* UI_HISTORY snapshots */
	u64 first;			/* absolute index of the oldest kept */
	u64 count;			/* snapshots ever recorded */
	const struct trace_event_desc *stack[UI_STACK_MAX];	/* live call stack */
	int nstack;			/* ... its depth */
	int overflow;			/* frames deeper than UI_STACK_MAX */
	struct net *last_host;		/* host of the last event with one */
	u32 focus_skb;			/* skb the skb pane follows */
	u32 focus_data;			/* ... and its data_id */
	struct net_device *ring_dev;	/* device the ring pane shows */
	struct ui_dev_field *dev_fields;	/* where events name their device */
	size_t ndev_fields;
	struct ui_frame frame;		/* the last frame on the wire */
	unsigned long wire_frames;
	struct trace_rec last_route;	/* the last route lookup (site NULL: none) */
	struct net *last_route_host;	/* ... made on this host */
	char last_qdisc[96];		/* "path=bypass (student)" */
	char txq_dev[16];		/* TX queue of the last netdev_pick_tx: */
	struct net *txq_host;		/* ... device name, host */
	int txq;			/* ... and index (-1 = none yet) */
	int quota;			/* quota left in the last __qdisc_run, -1 = none */
	char quota_host[16];		/* ... on this host */
	char last_neigh[96];		/* last NUD state an event reported */
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

int ui_rec_init(struct ui_rec *r, struct sim_world *w);
void ui_rec_exit(struct ui_rec *r);
/* The trace sink (arg = struct ui_rec). */
void ui_rec_trace(void *arg, const struct trace_event *ev);
/* Snapshot @abs (absolute index), NULL if dropped from history or not yet. */
const struct ui_snap *ui_rec_get(const struct ui_rec *r, u64 abs);
/* Append console output: the console pane draws it as it is now, the terminal. */
void ui_rec_console(struct ui_rec *r, const char *text);
/*
 * Record a snapshot now without a trace event: a note of the UI's own
 * (not a declared event, and no other sink hears it) that says @what,
 * under the name "(console)" after a command, "(lesson)" after a lesson
 * step.
 */
enum ui_mark { UI_MARK_CONSOLE, UI_MARK_LESSON };
void ui_rec_mark(struct ui_rec *r, enum ui_mark mark, const char *what);
extern const struct trace_event_desc ui_mark_console, ui_mark_lesson;

/* The name of @ev's host, "-" for none. */
const char *ui_rec_host_name(const struct ui_rec *r, const struct trace_rec *ev);

/* ui/ui_explain.c: one line about the function of an event, or NULL. */
const char *ui_explain(const struct trace_rec *ev);

#endif
