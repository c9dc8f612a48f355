/*
 * kernel/trace.h - the one event stream of netstep.
 *
 * Every modelled kernel function opens with one tracepoint:
 *
 *	TRACEPOINT(net, skb);
 *	TRACEPOINTF(net, skb, "ntu=%u len=%u", ring->next_to_use, skb->len);
 *
 * The macro records an "enter" event (sequence number, virtual time,
 * host, kernel function, netstep file:line, the kernel source file the
 * function mirrors, nesting depth, skb id, key=value fields) and, when
 * the function returns, an "exit" event, so consumers can draw a call
 * graph the way ftrace's function_graph tracer does.  TRACE_NOTE()
 * records something that happened inside a function (a NUD state
 * change, a drop and its reason).
 *
 * Each .c file that uses tracepoints defines, once, the kernel file it
 * mirrors:
 *
 *	static const char KSRC[] = "net/ipv4/ip_output.c";
 *
 * Sinks (the --trace writer, the JSON writer, the UI, tests) subscribe
 * with trace_add_sink(); the model never knows who listens.  With no
 * sink attached a tracepoint costs a depth counter and nothing else.
 *
 * Mirrors the idea of include/linux/tracepoint.h and ftrace's
 * function_graph tracer; netstep's record format is its own.
 */
#ifndef NETSTEP_KERNEL_TRACE_H
#define NETSTEP_KERNEL_TRACE_H

#include "kernel/types.h"
#include <stdio.h>
#include <stdlib.h>

struct net;
struct sk_buff;

enum trace_kind {
	TRACE_ENTER,			/* a function began */
	TRACE_EXIT,			/* ... and returned */
	TRACE_NOTE,			/* something happened inside it */
};

#define TRACE_FIELDS_MAX 240

struct trace_event {
	u64 seq;			/* 1, 2, 3 ... across all hosts */
	ktime_t ts;			/* virtual time, ns */
	enum trace_kind kind;		/* enter, exit or note */
	struct net *host;		/* whose CPU ran it (may be NULL) */
	const char *host_name;		/* "student", "router", ... */
	const char *func;		/* kernel function name */
	const char *file;		/* netstep source file */
	int line;			/* netstep source line */
	const char *ksrc;		/* kernel file it mirrors */
	int depth;			/* nesting, 0 = outermost */
	const struct sk_buff *skb;	/* live skb, for sinks that look */
	u32 skb_id;			/* stable skb id, 0 = none */
	char fields[TRACE_FIELDS_MAX];	/* "key=value key=value" */
};

struct trace_sink {
	void (*emit)(void *arg, const struct trace_event *ev);
	void *arg;			/* handed back to emit */
};

#define TRACE_MAX_SINKS 8

struct trace {
	struct trace_sink sinks[TRACE_MAX_SINKS];	/* who listens */
	int nsinks;			/* entries in sinks[] */
	int muted;			/* >0: sinks hear nothing (trace_mute) */
	u64 seq;			/* last sequence number given out */
	int depth;			/* current nesting */
	const struct sim_engine *eng;	/* for the timestamp */
};

void trace_init(struct trace *tr, const struct sim_engine *eng);
int trace_add_sink(struct trace *tr, void (*emit)(void *, const struct trace_event *),
		   void *arg);
void trace_remove_sink(struct trace *tr, void *arg);

/* Writers for --trace (function_graph-like text) and --trace-json. */
struct trace_text_state;
struct trace_text_state *trace_text_open(FILE *f);	/* arg for trace_text_sink */
void trace_text_close(struct trace_text_state *st);	/* flushes, frees */
void trace_text_sink(void *state, const struct trace_event *ev);
void trace_json_sink(void *file, const struct trace_event *ev);
void trace_text_header(FILE *f);
/*
 * The value of "key=" in an event's @fields ("key=value key=value") into
 * @out (cut to @outlen - 1 bytes); false if @key is absent.  For sinks
 * that read the trace (pcapng comments, the UI's panes).
 */
bool trace_field(const char *fields, const char *key, char *out, size_t outlen);

/* What the macros expand to; not for direct use. */
struct trace_scope {
	struct trace *tr;		/* NULL when tracing is off */
	struct net *host;
	const char *func;
	const char *file;
	int line;
	const char *ksrc;
	u32 skb_id;			/* read at entry: the skb may be freed inside */
};
struct trace_scope trace_enter(struct net *host, const char *func, const char *file,
			       int line, const char *ksrc, const struct sk_buff *skb,
			       const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
void trace_note(struct net *host, const char *func, const char *file, int line,
		const char *ksrc, const struct sk_buff *skb, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
void trace_scope_exit(struct trace_scope *s);
/* The same, split so that nothing is formatted while no sink listens:
 * open (skb id), then either emit the event or only count the depth. */
struct trace_scope trace_scope_open(struct net *host, const char *func, const char *file,
				    int line, const char *ksrc, const struct sk_buff *skb);
void trace_scope_emit(const struct trace_scope *s, const struct sk_buff *skb,
		      const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
struct trace *trace_of(const struct net *host);

static inline bool
trace_listening(const struct trace *tr)
{
	return tr && tr->nsinks && !tr->muted;
}

/*
 * Silence every sink for a while: a reader that calls traced code to
 * look at the model (a UI pane printing the route table), or teardown
 * after the writers have stopped caring.  Nests; numbering and depth
 * go on as if nobody listened.
 */
static inline void trace_mute(struct trace *tr) { tr->muted++; }
static inline void trace_unmute(struct trace *tr) { tr->muted--; }

static inline void
trace_scope_push(struct trace_scope *s)
{
	if (s->tr)
		s->tr->depth++;
}

/*
 * NOTE: the key=value arguments (address strings, flag names ...) are
 * evaluated only when a sink listens: with none, a tracepoint costs a
 * call and a depth counter, like a disabled static key in the kernel.
 * So tracepoint arguments must have no side effects.
 */
#define TRACEPOINTF(host, skb, ...)						\
	struct trace_scope __tp_scope __attribute__((cleanup(trace_scope_exit), unused)) = \
		trace_scope_open((host), __func__, __FILE__, __LINE__, KSRC, (skb)); \
	if (trace_listening(__tp_scope.tr))					\
		trace_scope_emit(&__tp_scope, (skb), __VA_ARGS__);		\
	else									\
		trace_scope_push(&__tp_scope)
#define TRACEPOINT(host, skb)	TRACEPOINTF(host, skb, "%s", "")
#define TRACE_NOTE(host, skb, ...)						\
	(trace_listening(trace_of(host)) ?					\
	 trace_note((host), __func__, __FILE__, __LINE__, KSRC, (skb), __VA_ARGS__) : (void)0)

#endif
