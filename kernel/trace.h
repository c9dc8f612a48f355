/*
 * kernel/trace.h - the one event stream of netstep.
 *
 * Every modelled kernel function opens with one tracepoint, and things
 * that happen inside a function (a NUD state change, a drop and its
 * reason) are notes.  Both are declared once, with typed fields, in
 * events/<subsystem>.h (see kernel/trace_event.h for the syntax), and a
 * call site is one line:
 *
 *	trace_igb_tx_map(tx_ring, first, i);
 *
 * A tracepoint records an "enter" event and, when the function returns,
 * an "exit" event, so consumers can draw a call graph the way ftrace's
 * function_graph tracer does.  An event is a fixed-size binary record
 * (struct trace_rec, 64 bytes): virtual time, the call site (function,
 * netstep file:line, the kernel file it mirrors), host, nesting depth,
 * skb id and the event's fields as a C struct.  Nothing is formatted
 * when an event happens: the --trace and --trace-json writers, the UI,
 * the pcapng comments and the lessons format or read fields on demand,
 * through the declarations (trace_format_rec_fields(), TP_DATA()).
 *
 * Sinks subscribe with trace_add_sink(); the model never knows who
 * listens.  With no sink a tracepoint costs an inline test (a few loads
 * and a branch) and evaluates none of its arguments.
 *
 * Mirrors include/linux/tracepoint.h, include/trace/ftrace.h (TRACE_EVENT,
 * TP_STRUCT__entry, TP_fast_assign, TP_printk) and ftrace's
 * function_graph tracer; netstep's record format is its own.
 */
#ifndef NETSTEP_KERNEL_TRACE_H
#define NETSTEP_KERNEL_TRACE_H

#include "kernel/types.h"
#include <stdio.h>
#include <stdlib.h>

struct net;
struct sk_buff;
struct sim_engine;

enum trace_kind {
	TRACE_ENTER,			/* a function began */
	TRACE_EXIT,			/* ... and returned */
	TRACE_NOTE,			/* something happened inside it */
};

/* ---- declarations: what an event is ------------------------------------- */

/* How a field is printed (its size says how it is stored). */
enum trace_field_type {
	TF_UINT,			/* u8/u16/u32/u64, decimal */
	TF_SINT,			/* s8/s16/s32/s64, decimal */
	TF_HEX,				/* unsigned, 0x...; with a width, zero-padded */
	TF_IP4,				/* __be32, dotted quad */
	TF_MAC,				/* u8[6], aa:bb:cc:dd:ee:ff */
	TF_MAC0,			/* u8[7]: [6] != 0 -> the MAC, else "none" */
	TF_STR,				/* const char *: static, or a name that outlives the trace */
	TF_ENUM,			/* unsigned, printed by a function (NUD state, qdisc verdict) */
	TF_SKB,				/* u32 skb id, "skb#N" */
	TF_CUSTOM,			/* any bytes, printed by a function */
};

struct trace_buf;

/* One field of an event. */
#define TRACE_FIELD_NAME_MAX 24

struct trace_field {
	/* "ntu", printed as name=value; NUL-padded, so that the text writer
	 * copies the array whole (TP_NAMELEN refuses a name of 24 or more) */
	char name[TRACE_FIELD_NAME_MAX];
	unsigned short namelen;		/* strlen(name) */
	enum trace_field_type type;
	unsigned short size;		/* bytes in the record's (packed) data */
	unsigned short width;		/* TF_HEX: digits (0 = as needed) */
	bool bare;			/* printed without "name=" (JSON key "_") */
	union {
		const char *(*name_of)(u32 v);			/* TF_ENUM */
		void (*print)(struct trace_buf *b, const void *p);	/* TF_CUSTOM */
	} fmt;
};

/* One declared event: a traced kernel function or a note. */
struct trace_event_desc {
	const char *name;		/* "igb_tx_map", or the note's name */
	const char *ksrc;		/* kernel file it mirrors, "drivers/.../igb_main.c" */
	bool is_note;			/* a note, not a function */
	bool is_inline;			/* 3.10 declares the function static inline */
	unsigned short size;		/* bytes of data */
	unsigned short nfields;
	const struct trace_field *fields;
	const char *subsys;		/* the events/ header that declares it */
};

/* One call site: made by the trace_<event>() macros, never by hand. */
struct tp_site {
	const struct trace_event_desc *ev;
	const char *file;		/* netstep source file */
	const char *func;		/* the C function it sits in (a note's "func") */
	const char *ksrc;		/* kernel file of the netstep file (its KSRC) */
	int line;			/* netstep source line */
};

/* ---- records: what happened ------------------------------------------------ */

#define TRACE_DATA_MAX 40

/* One event as recorded: 64 bytes, whatever the event. */
struct trace_rec {
	ktime_t ts;			/* virtual time, ns */
	const struct tp_site *site;	/* the call site, and through it the event */
	u32 skb_id;			/* stable skb id, 0 = none */
	u16 depth;			/* nesting, 0 = outermost */
	u8 kind;			/* enum trace_kind */
	u8 host;			/* index into trace->hosts */
	u8 data[TRACE_DATA_MAX] __attribute__((aligned(8)));	/* the event's struct */
};

/* What a sink receives: the record and what it points at right now. */
struct trace_event {
	u64 seq;			/* 1, 2, 3 ... across all hosts */
	struct net *host;		/* whose CPU ran it (may be NULL) */
	const char *host_name;		/* "student", "router", ..., "-" */
	const struct sk_buff *skb;	/* live skb at enter/note; NULL at exit */
	struct trace_rec rec;
};

struct trace_sink {
	void (*emit)(void *arg, const struct trace_event *ev);
	void *arg;			/* handed back to emit */
};

#define TRACE_MAX_SINKS 8
#define TRACE_MAX_HOSTS 16
#define TRACE_STACK_MAX 128

/* An open typed scope: what its exit event will say. */
struct trace_frame {
	const struct tp_site *site;
	u32 skb_id;
	u8 host;
};

struct trace {
	bool on;			/* a sink listens and nothing mutes it */
	struct trace_sink sinks[TRACE_MAX_SINKS];	/* who listens */
	int nsinks;			/* entries in sinks[] */
	int muted;			/* >0: sinks hear nothing (trace_mute) */
	u8 poison;			/* what a record's data holds before TP_ASSIGN: 0;
					 * a test sets a marker to see unfilled fields */
	u64 seq;			/* last sequence number given out */
	int depth;			/* current nesting */
	const struct sim_engine *eng;	/* for the timestamp */
	struct net *hosts[TRACE_MAX_HOSTS];	/* rec.host indexes this */
	int nhosts;
	struct trace_frame stack[TRACE_STACK_MAX];	/* open typed scopes, by depth */
	struct trace_event cur;		/* the event being built */
};

void trace_init(struct trace *tr, const struct sim_engine *eng);
int trace_add_sink(struct trace *tr, void (*emit)(void *, const struct trace_event *),
		   void *arg);
void trace_remove_sink(struct trace *tr, void *arg);

/*
 * Silence every sink for a while: a reader that calls traced code to
 * look at the model (a UI pane printing the route table), or teardown
 * after the writers have stopped caring.  Nests; numbering and depth
 * go on as if nobody listened.
 */
void trace_mute(struct trace *tr);
void trace_unmute(struct trace *tr);

static inline bool
trace_listening(const struct trace *tr)
{
	return tr && tr->on;
}

/* ---- reading events ---------------------------------------------------------- */

/* The declaration of an event. */
static inline const struct trace_event_desc *
trace_rec_desc(const struct trace_rec *r)
{
	return r->site->ev;
}

/* The function name a reader shows: the event's for enter/exit, the
 * enclosing function's for a note. */
const char *trace_rec_func(const struct trace_rec *r);
/* The kernel file a record's function mirrors (a note: its netstep file's). */
static inline const char *
trace_rec_ksrc(const struct trace_rec *r)
{
	if (!r->site)
		return NULL;
	return r->kind == TRACE_NOTE ? r->site->ksrc : r->site->ev->ksrc;
}
/* The host of a record. */
struct net *trace_rec_host(const struct trace *tr, const struct trace_rec *r);
/* What rec.host holds for @host (added to the table if new; 0xff when
 * it is full): for a reader that builds a record of its own. */
u8 trace_host_index(struct trace *tr, const struct net *host);
/* Is the event's function static inline in 3.10? */
static inline bool
trace_rec_inline(const struct trace_rec *r)
{
	return r->site && r->kind != TRACE_NOTE && r->site->ev->is_inline;
}

/* A small output buffer for formatting (never overflows; cuts). */
struct trace_buf {
	char *p;			/* next byte */
	char *end;			/* last usable byte (room for the NUL) */
};
static inline void
trace_buf_init(struct trace_buf *b, char *buf, size_t len)
{
	b->p = buf;
	b->end = buf + (len ? len - 1 : 0);
	if (len)
		*buf = '\0';
}
static inline void
trace_buf_putc(struct trace_buf *b, char c)
{
	if (b->p < b->end) {
		*b->p++ = c;
		*b->p = '\0';
	}
}
void trace_buf_putn(struct trace_buf *b, const char *s, size_t n);
void trace_buf_puts(struct trace_buf *b, const char *s);
void trace_buf_fill(struct trace_buf *b, char c, size_t n);
void trace_buf_u64(struct trace_buf *b, unsigned long long v);
/* ... right-aligned in @width columns of @pad (printf's %<width>llu). */
void trace_buf_u64w(struct trace_buf *b, unsigned long long v, int width, char pad);
void trace_buf_s64(struct trace_buf *b, long long v);
void trace_buf_printf(struct trace_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* One field's value as text (no name). */
void trace_field_print(struct trace_buf *b, const struct trace_field *f, const u8 *data);
/* "key=value key=value": what an event's fields print as. */
void trace_format_rec_fields(const struct trace_rec *r, struct trace_buf *b);
/* The field called @name of @desc, or NULL. */
const struct trace_field *trace_desc_field(const struct trace_event_desc *desc,
					   const char *name);

/*
 * Typed access: the event's fields as their declared struct, or NULL
 * when @ev is not an enter or note of the event @name.
 *	const tp_data_igb_tx_map *e = TP_DATA(ev, igb_tx_map);
 */
#define TP_IS(ev, name)								\
	((ev)->rec.site && (ev)->rec.site->ev == &tp_ev_##name)
#define TP_DATA(ev, name)	TP_REC_DATA(&(ev)->rec, name)
/* The same for a record kept on its own (a history, a test recorder). */
#define TP_REC_IS(r, name)							\
	((r)->site && (r)->site->ev == &tp_ev_##name)
#define TP_REC_DATA(r, name)							\
	(TP_REC_IS(r, name) && (r)->kind != TRACE_EXIT ?			\
	 (const tp_data_##name *)(const void *)(r)->data : NULL)

/* Every declared event (kernel/trace_events.c), and lookup by name. */
extern const struct trace_event_desc *const trace_events_all[];
extern const unsigned int trace_events_count;
const struct trace_event_desc *trace_event_find(const char *name, bool note);

/*
 * The closest declared names to a typo (a `b FUNC`, a lesson's `break`):
 * at most TRACE_SUGGEST_MAX, closest first, within a third of the name.
 */
#define TRACE_SUGGEST_MAX	3
#define TRACE_NAME_MAX		64	/* longer names are never close */
struct trace_suggest {
	const char *want;		/* what was written */
	const char *best[TRACE_SUGGEST_MAX];	/* closest first */
	unsigned int dist[TRACE_SUGGEST_MAX];
	int n;
};
void trace_suggest_init(struct trace_suggest *s, const char *want);
void trace_suggest_add(struct trace_suggest *s, const char *cand);
/* ... among the declared (traced) functions. */
void trace_suggest_functions(struct trace_suggest *s, const char *want);
/* " (did you mean a or b?)", or "" when nothing was close. */
void trace_suggest_str(const struct trace_suggest *s, char *buf, size_t len);

/* ---- writers ---------------------------------------------------------------- */

/* Writers for --trace (function_graph-like text) and --trace-json. */
struct trace_text_state;
struct trace_text_state *trace_text_open(FILE *f);	/* arg for trace_text_sink */
/* Writes what it holds, frees; 0, or the errno of its first failed write. */
int trace_text_close(struct trace_text_state *st);
/*
 * Flush and close a writer's file (stdout is only flushed): 0, or the
 * errno of the failure, counting a write that failed earlier (ferror;
 * EIO when its errno is gone).
 */
int trace_file_close(FILE *f);
void trace_text_sink(void *state, const struct trace_event *ev);
void trace_json_sink(void *file, const struct trace_event *ev);
void trace_text_header(FILE *f);

/* ---- recording: what the trace_<event>() macros expand to ------------------ */

/* The scope of a traced function: its exit is recorded when it returns
 * (the entry's site, host and skb wait on trace->stack). */
struct tp_scope {
	struct trace *tr;		/* NULL: nobody listened at entry */
};

/* Start an event of @kind; the caller fills ->data, then commits. */
struct trace_rec *trace_rec_begin(struct trace *tr, const struct tp_site *site,
				  enum trace_kind kind, const struct net *host,
				  const struct sk_buff *skb);
void trace_rec_commit(struct trace *tr);
void trace_scope_end(struct tp_scope *s);

static inline void
tp_scope_exit(struct tp_scope *s)
{
	if (unlikely(s->tr != NULL))
		trace_scope_end(s);
}

#endif
