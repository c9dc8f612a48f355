/*
 * kernel/trace.c - record tracepoints and hand them to whoever listens.
 *
 * See kernel/trace.h for the model.  The two writers here produce the
 * files of --trace (a call graph in the spirit of ftrace's
 * function_graph tracer, one line per call, leaf calls folded to
 * "func();") and --trace-json (one JSON object per event, for tools and
 * tests).  Both print virtual time only, so two runs of the same
 * command give byte-identical files.
 */
#include "kernel/trace.h"
#include "kernel/engine.h"
#include "layers/skbuff.h"
#include "layers/net_namespace.h"

#include <stdarg.h>
#include <string.h>

void
trace_init(struct trace *tr, const struct sim_engine *eng)
{
	memset(tr, 0, sizeof(*tr));
	tr->eng = eng;
}

int
trace_add_sink(struct trace *tr, void (*emit)(void *, const struct trace_event *),
	       void *arg)
{
	if (tr->nsinks == TRACE_MAX_SINKS)
		return -ENOSPC;
	tr->sinks[tr->nsinks].emit = emit;
	tr->sinks[tr->nsinks].arg = arg;
	tr->nsinks++;
	return 0;
}

void
trace_remove_sink(struct trace *tr, void *arg)
{
	for (int i = 0; i < tr->nsinks; i++) {
		if (tr->sinks[i].arg != arg)
			continue;
		memmove(&tr->sinks[i], &tr->sinks[i + 1],
			(tr->nsinks - i - 1) * sizeof(tr->sinks[0]));
		tr->nsinks--;
		i--;
	}
}

static struct trace *
host_trace(const struct net *host)
{
	return host && host->eng ? host->eng->trace : NULL;
}

struct trace *
trace_of(const struct net *host)
{
	return host_trace(host);
}

static void
trace_emit(struct trace *tr, enum trace_kind kind, struct net *host,
	   const char *func, const char *file, int line, const char *ksrc,
	   const struct sk_buff *skb, u32 skb_id, const char *fmt, va_list ap)
{
	struct trace_event ev;

	ev.seq = ++tr->seq;
	ev.ts = tr->eng ? tr->eng->now : 0;
	ev.kind = kind;
	ev.host = host;
	ev.host_name = host ? host->name : "-";
	ev.func = func;
	ev.file = file;
	ev.line = line;
	ev.ksrc = ksrc;
	ev.depth = tr->depth;
	ev.skb = skb;
	ev.skb_id = skb_id;
	ev.fields[0] = '\0';
	if (fmt)
		vsnprintf(ev.fields, sizeof(ev.fields), fmt, ap);
	for (int i = 0; i < tr->nsinks; i++)
		tr->sinks[i].emit(tr->sinks[i].arg, &ev);
}

struct trace_scope
trace_enter(struct net *host, const char *func, const char *file,
	    int line, const char *ksrc, const struct sk_buff *skb,
	    const char *fmt, ...)
{
	struct trace_scope s = { host_trace(host), host, func, file, line, ksrc,
				 skb ? skb->id : 0 };
	va_list ap;

	if (!s.tr)
		return s;
	if (trace_listening(s.tr)) {
		va_start(ap, fmt);
		trace_emit(s.tr, TRACE_ENTER, host, func, file, line, ksrc, skb, s.skb_id,
			   fmt, ap);
		va_end(ap);
	}
	s.tr->depth++;
	return s;
}

/* TRACEPOINTF, first half: the scope, nothing recorded yet. */
struct trace_scope
trace_scope_open(struct net *host, const char *func, const char *file,
		 int line, const char *ksrc, const struct sk_buff *skb)
{
	struct trace_scope s = { host_trace(host), host, func, file, line, ksrc,
				 skb ? skb->id : 0 };

	return s;
}

/* ... second half with a sink: the "enter" event, then one level deeper
 * (its arguments were evaluated first, as trace_enter's are).  Without a
 * sink, trace_scope_push() only counts the depth. */
void
trace_scope_emit(const struct trace_scope *s, const struct sk_buff *skb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	trace_emit(s->tr, TRACE_ENTER, s->host, s->func, s->file, s->line, s->ksrc, skb,
		   s->skb_id, fmt, ap);
	va_end(ap);
	s->tr->depth++;
}

void
trace_note(struct net *host, const char *func, const char *file, int line,
	   const char *ksrc, const struct sk_buff *skb, const char *fmt, ...)
{
	struct trace *tr = host_trace(host);
	va_list ap;

	if (!trace_listening(tr))
		return;
	va_start(ap, fmt);
	trace_emit(tr, TRACE_NOTE, host, func, file, line, ksrc, skb, skb ? skb->id : 0,
		   fmt, ap);
	va_end(ap);
}

/* Runs when a traced function returns; the skb may be gone by now. */
void
trace_scope_exit(struct trace_scope *s)
{
	va_list none;

	if (!s->tr)
		return;
	s->tr->depth--;
	if (trace_listening(s->tr))
		trace_emit(s->tr, TRACE_EXIT, s->host, s->func, s->file, s->line, s->ksrc,
			   NULL, s->skb_id, NULL, none);
}

/* ---- --trace: function_graph-like text --------------------------------- */

/*
 * The text writer holds back each "enter" line for one event: if the
 * very next event is its own exit, the call was a leaf and prints as
 * "func();", as function_graph does.
 */
struct trace_text_state {
	FILE *f;
	bool pending;
	struct trace_event held;
};

/* Right-aligned decimal in @width columns (printf's %<width>llu). */
static char *
text_put_u64(char *p, unsigned long long v, int width, char pad)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (; width > n; width--)
		*p++ = pad;
	while (n)
		*p++ = tmp[--n];
	return p;
}

/* Left-aligned string in at least @width columns (printf's %-<width>s). */
static char *
text_put_str(char *p, const char *s, unsigned int width)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	p += n;
	while (n++ < width)
		*p++ = ' ';
	return p;
}

/* The line as the format string says it (the reference for text_line). */
static void
text_line_printf(FILE *f, const struct trace_event *ev, const char *skb, const char *suffix,
		 bool with_fields)
{
	fprintf(f, "%10llu.%03llu | %-8s | %-8s | %*s", (unsigned long long)(ev->ts / 1000),
		(unsigned long long)(ev->ts % 1000), ev->host_name, skb, ev->depth * 2, "");
	if (ev->kind == TRACE_EXIT)
		fprintf(f, "} /* %s */", ev->func);	/* as function_graph closes */
	else
		fprintf(f, "%s%s%s", ev->kind == TRACE_NOTE ? "/* " : "", ev->func, suffix);
	if (with_fields && ev->fields[0])
		fprintf(f, "  %s", ev->fields);
	if (ev->kind == TRACE_NOTE)
		fputs(" */", f);
	fputc('\n', f);
}

/*
 * One line of the --trace file.  NOTE: built by hand rather than with
 * fprintf(): a traced bulk transfer writes millions of these, and the
 * format-string parsing was most of the trace-on cost (make bench).
 * The bytes are those of the fprintf() it replaces:
 *   "%10llu.%03llu | %-8s | %-8s | %*s" then the call, fields, " *\/".
 */
static void
text_line(FILE *f, const struct trace_event *ev, const char *suffix,
	  bool with_fields)
{
	char buf[1024], skb[16] = "", *p = buf;
	int indent = ev->depth * 2 < 0 ? -ev->depth * 2 : ev->depth * 2;
	size_t need = 64 + strlen(ev->host_name) + (size_t)indent + strlen(ev->func) +
		      strlen(suffix) + strlen(ev->fields);

	if (ev->skb_id) {
		memcpy(skb, "skb#", 4);
		*text_put_u64(skb + 4, ev->skb_id, 0, ' ') = '\0';
	}
	if (need > sizeof(buf)) {	/* deep nesting or a long name: the slow way */
		text_line_printf(f, ev, skb, suffix, with_fields);
		return;
	}
	p = text_put_u64(p, (unsigned long long)(ev->ts / 1000), 10, ' ');
	*p++ = '.';
	p = text_put_u64(p, (unsigned long long)(ev->ts % 1000), 3, '0');
	memcpy(p, " | ", 3);
	p = text_put_str(p + 3, ev->host_name, 8);
	memcpy(p, " | ", 3);
	p = text_put_str(p + 3, skb, 8);
	memcpy(p, " | ", 3);
	p += 3;
	memset(p, ' ', indent);
	p += indent;
	if (ev->kind == TRACE_EXIT) {
		p = text_put_str(p, "} /* ", 0);	/* as function_graph closes */
		p = text_put_str(p, ev->func, 0);
		p = text_put_str(p, " */", 0);
	} else {
		if (ev->kind == TRACE_NOTE)
			p = text_put_str(p, "/* ", 0);
		p = text_put_str(p, ev->func, 0);
		p = text_put_str(p, suffix, 0);
	}
	if (with_fields && ev->fields[0]) {
		p = text_put_str(p, "  ", 0);
		p = text_put_str(p, ev->fields, 0);
	}
	if (ev->kind == TRACE_NOTE)
		p = text_put_str(p, " */", 0);
	*p++ = '\n';
	fwrite(buf, 1, p - buf, f);
}

static void
text_flush(struct trace_text_state *st)
{
	if (st->pending)
		text_line(st->f, &st->held, "() {", true);
	st->pending = false;
}

/* See kernel/trace.h. */
bool
trace_field(const char *fields, const char *key, char *out, size_t outlen)
{
	size_t klen = strlen(key);
	const char *p = fields;

	while ((p = strstr(p, key)) != NULL) {
		if ((p == fields || p[-1] == ' ') && p[klen] == '=') {
			size_t n = strcspn(p + klen + 1, " ");

			if (n >= outlen)
				n = outlen - 1;
			memcpy(out, p + klen + 1, n);
			out[n] = '\0';
			return true;
		}
		p += klen;
	}
	return false;
}

void
trace_text_header(FILE *f)
{
	fputs("# netstep trace: virtual time in microseconds (ns after the dot)\n"
	      "#    TIME(us)  | HOST     | SKB      | FUNCTION\n", f);
}

void
trace_text_sink(void *arg, const struct trace_event *ev)
{
	struct trace_text_state *st = arg;

	if (ev->kind == TRACE_EXIT && st->pending && ev->func == st->held.func &&
	    ev->depth == st->held.depth) {
		text_line(st->f, &st->held, "();", true);
		st->pending = false;
		return;
	}
	text_flush(st);
	switch (ev->kind) {
	case TRACE_ENTER:
		st->held = *ev;
		st->pending = true;
		break;
	case TRACE_EXIT:
		text_line(st->f, ev, "", false);
		break;
	case TRACE_NOTE:
		text_line(st->f, ev, ":", true);
		break;
	}
}

struct trace_text_state *
trace_text_open(FILE *f)
{
	static const struct trace_text_state zero;
	struct trace_text_state *st = malloc(sizeof(*st));

	if (st) {
		*st = zero;
		st->f = f;
	}
	return st;
}

void
trace_text_close(struct trace_text_state *st)
{
	if (!st)
		return;
	text_flush(st);
	free(st);
}

/* ---- --trace-json: one object per line ------------------------------------ */

static void
json_str(FILE *f, const char *s, size_t n)
{
	fputc('"', f);
	for (size_t i = 0; i < n && s[i]; i++) {
		unsigned char c = s[i];

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* "k=v k2=v2" becomes {"k":"v","k2":"v2"}; a word without '=' keys "_". */
static void
json_fields(FILE *f, const char *fields)
{
	const char *p = fields;
	bool first = true;

	fputc('{', f);
	while (*p) {
		const char *end, *eq;

		while (*p == ' ')
			p++;
		if (!*p)
			break;
		end = strchr(p, ' ');
		if (!end)
			end = p + strlen(p);
		eq = memchr(p, '=', end - p);
		if (!first)
			fputc(',', f);
		first = false;
		if (eq) {
			json_str(f, p, eq - p);
			fputc(':', f);
			json_str(f, eq + 1, end - eq - 1);
		} else {
			json_str(f, "_", 1);
			fputc(':', f);
			json_str(f, p, end - p);
		}
		p = end;
	}
	fputc('}', f);
}

void
trace_json_sink(void *file, const struct trace_event *ev)
{
	static const char *const kinds[] = { "enter", "exit", "note" };
	FILE *f = file;

	fprintf(f, "{\"seq\":%llu,\"ts_ns\":%llu,\"kind\":\"%s\",\"host\":",
		(unsigned long long)ev->seq, (unsigned long long)ev->ts, kinds[ev->kind]);
	json_str(f, ev->host_name, 64);
	fputs(",\"func\":", f);
	json_str(f, ev->func, 128);
	fputs(",\"file\":", f);
	json_str(f, ev->file, 256);
	fprintf(f, ",\"line\":%d,\"ksrc\":", ev->line);
	json_str(f, ev->ksrc ? ev->ksrc : "", 256);
	fprintf(f, ",\"depth\":%d,\"skb\":%u,\"fields\":", ev->depth, ev->skb_id);
	json_fields(f, ev->fields);
	fputs("}\n", f);
}
