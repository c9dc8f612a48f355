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
#include "layers/neighbour.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <string.h>

void
trace_init(struct trace *tr, const struct sim_engine *eng)
{
	memset(tr, 0, sizeof(*tr));
	tr->eng = eng;
}

static void
trace_update_on(struct trace *tr)
{
	tr->on = tr->nsinks > 0 && tr->muted <= 0;
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
	trace_update_on(tr);
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
	trace_update_on(tr);
}

void
trace_mute(struct trace *tr)
{
	tr->muted++;
	trace_update_on(tr);
}

void
trace_unmute(struct trace *tr)
{
	tr->muted--;
	trace_update_on(tr);
}

/* See kernel/trace.h. */
u8
trace_host_index(struct trace *tr, const struct net *host)
{
	int i;

	for (i = 0; i < tr->nhosts; i++)
		if (tr->hosts[i] == host)
			return (u8)i;
	if (tr->nhosts == TRACE_MAX_HOSTS)
		return 0xff;
	tr->hosts[tr->nhosts] = (struct net *)host;
	return (u8)tr->nhosts++;
}

struct net *
trace_rec_host(const struct trace *tr, const struct trace_rec *r)
{
	return r->host < tr->nhosts ? tr->hosts[r->host] : NULL;
}

const char *
trace_rec_func(const struct trace_rec *r)
{
	return r->kind == TRACE_NOTE ? r->site->func : r->site->ev->name;
}

/* Start tr->cur: the header of the record and the sink's view of it. */
static struct trace_event *
trace_cur_begin(struct trace *tr, enum trace_kind kind, const struct net *host,
		const struct sk_buff *skb, u32 skb_id)
{
	struct trace_event *ev = &tr->cur;

	ev->seq = ++tr->seq;
	ev->host = (struct net *)host;
	ev->host_name = host ? host->name : "-";
	ev->skb = skb;
	ev->rec.ts = tr->eng ? tr->eng->now : 0;
	ev->rec.skb_id = skb_id;
	ev->rec.depth = (u16)tr->depth;
	ev->rec.kind = (u8)kind;
	ev->rec.host = host ? trace_host_index(tr, host) : 0xff;
	memset(ev->rec.data, tr->poison, sizeof(ev->rec.data));
	return ev;
}

/* Hand tr->cur to every sink. */
static void
trace_cur_emit(struct trace *tr)
{
	struct trace_event *ev = &tr->cur;

	for (int i = 0; i < tr->nsinks; i++)
		tr->sinks[i].emit(tr->sinks[i].arg, ev);
}

struct trace_rec *
trace_rec_begin(struct trace *tr, const struct tp_site *site, enum trace_kind kind,
		const struct net *host, const struct sk_buff *skb)
{
	struct trace_event *ev = trace_cur_begin(tr, kind, host, skb, skb ? skb->id : 0);

	ev->rec.site = site;
	return &ev->rec;
}

void
trace_rec_commit(struct trace *tr)
{
	struct trace_event *ev = &tr->cur;

	trace_cur_emit(tr);
	if (ev->rec.kind != TRACE_ENTER)
		return;
	if (tr->depth < TRACE_STACK_MAX) {
		struct trace_frame *fr = &tr->stack[tr->depth];

		fr->site = ev->rec.site;
		fr->skb_id = ev->rec.skb_id;
		fr->host = ev->rec.host;
	}
	tr->depth++;
}

/* A typed function returns (it was entered while somebody listened). */
void
trace_scope_end(struct tp_scope *s)
{
	struct trace *tr = s->tr;
	const struct trace_frame *fr;
	struct trace_event *ev;

	tr->depth--;
	if (!trace_listening(tr) || tr->depth < 0 || tr->depth >= TRACE_STACK_MAX)
		return;
	fr = &tr->stack[tr->depth];
	ev = trace_cur_begin(tr, TRACE_EXIT, fr->host < tr->nhosts ? tr->hosts[fr->host] : NULL,
			     NULL, fr->skb_id);
	ev->rec.site = fr->site;
	trace_cur_emit(tr);
}

/* ---- formatting ----------------------------------------------------------- */

/*
 * The text trace formats some 150 events per frame of a bulk transfer
 * (make bench), so formatting writes straight into the buffer: the
 * appends below do not terminate, a value of bounded length (a number,
 * an address) is written after one room check, and the public
 * trace_buf_*() calls put the NUL once, at their end.
 */

/* The longest bounded value: "-9223372036854775808", "0x" and 18 hex
 * digits, a MAC address (17), "skb#" and 10 digits. */
#define BUF_VALUE_MAX	24

static inline void
buf_term(struct trace_buf *b)
{
	if (b->p <= b->end)
		*b->p = '\0';
}

static inline void
buf_put(struct trace_buf *b, const char *s, size_t n)
{
	size_t room = (size_t)(b->end - b->p);

	if (n > room)
		n = room;
	memcpy(b->p, s, n);
	b->p += n;
}

/* Copy @n bytes of @s, a buffer of @max (a constant) readable bytes:
 * all @max at once when there is room (a few moves instead of a call;
 * the bytes past @n are overwritten next or never written out). */
static inline void
buf_put_padded(struct trace_buf *b, const char *s, size_t n, size_t max)
{
	if ((size_t)(b->end - b->p) >= max) {
		memcpy(b->p, s, max);
		b->p += n;
	} else {
		buf_put(b, s, n);
	}
}

static inline void
buf_putc(struct trace_buf *b, char c)
{
	if (b->p < b->end)
		*b->p++ = c;
}

static inline void
buf_fill(struct trace_buf *b, char c, size_t n)
{
	size_t room = (size_t)(b->end - b->p);

	if (n > room)
		n = room;
	memset(b->p, c, n);
	b->p += n;
}

void
trace_buf_putn(struct trace_buf *b, const char *s, size_t n)
{
	buf_put(b, s, n);
	buf_term(b);
}

void
trace_buf_fill(struct trace_buf *b, char c, size_t n)
{
	buf_fill(b, c, n);
	buf_term(b);
}

void
trace_buf_puts(struct trace_buf *b, const char *s)
{
	trace_buf_putn(b, s, strlen(s));
}

/* The decimal digits of @v at @p (room for 20); returns their end.
 * Two digits a turn from a table, in 32 bits once the value fits. */
static inline char *
fmt_u64(char *p, u64 v)
{
	static const char pairs[] =
		"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
		"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
		"8081828384858687888990919293949596979899";
	static const u64 pow10[] = {
		1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
		100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL,
		1000000000000ULL, 10000000000000ULL, 100000000000000ULL,
		1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL,
		1000000000000000000ULL, 10000000000000000000ULL,
	};
	/* The number of digits: log2 times log10(2) (1233 / 4096), then one
	 * comparison; v | 1 has as many digits as v and a bit set. */
	u64 w = v | 1;
	unsigned int t = (unsigned int)(64 - __builtin_clzll(w)) * 1233 >> 12;
	unsigned int n = t + 1 - (w < pow10[t]), v32, i;
	char *q = p + n;

	while (v > 0xFFFFFFFFULL) {
		i = (unsigned int)(v % 100) * 2;
		v /= 100;
		q -= 2;
		q[0] = pairs[i];
		q[1] = pairs[i + 1];
	}
	v32 = (unsigned int)v;
	while (v32 >= 100) {
		i = v32 % 100 * 2;
		v32 /= 100;
		q -= 2;
		q[0] = pairs[i];
		q[1] = pairs[i + 1];
	}
	if (v32 >= 10) {
		q[-2] = pairs[v32 * 2];
		q[-1] = pairs[v32 * 2 + 1];
	} else {
		q[-1] = (char)('0' + v32);
	}
	return p + n;
}

/* "0x" and the hex digits of @v, zero-padded to @width (at most 18). */
static inline char *
fmt_hex(char *p, u64 v, unsigned int width)
{
	static const char digits[] = "0123456789abcdef";
	unsigned int n = 1;
	char *q;

	while (n < 16 && (v >> (4 * n)))
		n++;
	if (width > 18)
		width = 18;
	*p++ = '0';
	*p++ = 'x';
	for (; n < width; width--)
		*p++ = '0';
	q = p + n;
	do {
		*--q = digits[v & 15];
		v >>= 4;
	} while (q > p);
	return p + n;
}

static inline char *
fmt_mac(char *p, const u8 *m)
{
	static const char digits[] = "0123456789abcdef";

	for (int i = 0; i < 6; i++) {
		if (i)
			*p++ = ':';
		*p++ = digits[m[i] >> 4];
		*p++ = digits[m[i] & 15];
	}
	return p;
}

/* Decimal digits of @v, right-aligned in @width columns of @pad. */
void
trace_buf_u64w(struct trace_buf *b, unsigned long long v, int width, char pad)
{
	char tmp[BUF_VALUE_MAX];
	size_t n = (size_t)(fmt_u64(tmp, v) - tmp);

	if (width > (int)n)
		buf_fill(b, pad, (size_t)width - n);
	trace_buf_putn(b, tmp, n);
}

void
trace_buf_u64(struct trace_buf *b, unsigned long long v)
{
	trace_buf_u64w(b, v, 0, ' ');
}

void
trace_buf_s64(struct trace_buf *b, long long v)
{
	if (v < 0) {
		trace_buf_putc(b, '-');
		trace_buf_u64(b, 0ULL - (unsigned long long)v);
	} else {
		trace_buf_u64(b, (unsigned long long)v);
	}
}

void
trace_buf_printf(struct trace_buf *b, const char *fmt, ...)
{
	size_t room = (size_t)(b->end - b->p) + 1;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(b->p, room, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	b->p += (size_t)n < room ? (size_t)n : room - 1;
}

/* An unsigned field of @size bytes (1, 2, 4, 8). */
static inline u64
trace_field_uint(const u8 *p, unsigned int size)
{
	u8 v8;
	u16 v16;
	u32 v32;
	u64 v64;

	switch (size) {
	case 1:
		memcpy(&v8, p, 1);
		return v8;
	case 2:
		memcpy(&v16, p, 2);
		return v16;
	case 4:
		memcpy(&v32, p, 4);
		return v32;
	default:
		memcpy(&v64, p, 8);
		return v64;
	}
}

/* ... and signed. */
static inline s64
trace_field_sint(const u8 *p, unsigned int size)
{
	u64 v = trace_field_uint(p, size);

	switch (size) {
	case 1:
		return (s8)v;
	case 2:
		return (s16)v;
	case 4:
		return (s32)v;
	default:
		return (s64)v;
	}
}

/*
 * One field's value, unterminated.  Strings and enum names are cut at
 * the end of the room; a value of bounded length is written in place,
 * or aside and cut when the room is short.
 */
static inline __attribute__((always_inline)) void
field_text(struct trace_buf *b, const struct trace_field *f, const u8 *p)
{
	char tmp[BUF_VALUE_MAX];
	char *o = (size_t)(b->end - b->p) >= BUF_VALUE_MAX ? b->p : tmp;
	char *e;

	switch (f->type) {
	case TF_UINT:
		e = fmt_u64(o, trace_field_uint(p, f->size));
		break;
	case TF_SINT: {
		s64 v = trace_field_sint(p, f->size);

		if (v >= 0) {
			e = fmt_u64(o, (u64)v);
		} else {
			*o = '-';
			e = fmt_u64(o + 1, 0ULL - (u64)v);
		}
		break;
	}
	case TF_HEX:
		e = fmt_hex(o, trace_field_uint(p, f->size), f->width);
		break;
	case TF_IP4: {
		__be32 addr;

		memcpy(&addr, p, sizeof(addr));
		e = sim_ip_fmt(o, addr);
		break;
	}
	case TF_MAC0:
		if (!p[6]) {
			buf_put(b, "none", 4);
			return;
		}
		/* fall through */
	case TF_MAC:
		e = fmt_mac(o, p);
		break;
	case TF_SKB:
		memcpy(o, "skb#", 4);
		e = fmt_u64(o + 4, trace_field_uint(p, 4));
		break;
	case TF_STR: {
		const char *s;

		memcpy(&s, p, sizeof(s));
		if (!s)
			s = "(null)";
		buf_put(b, s, strlen(s));
		return;
	}
	case TF_ENUM: {
		u32 v = (u32)trace_field_uint(p, f->size);
		const char *s = f->fmt.name_of ? f->fmt.name_of(v) : NULL;

		if (s) {
			buf_put(b, s, strlen(s));
			return;
		}
		e = fmt_u64(o, v);
		break;
	}
	case TF_CUSTOM:
		f->fmt.print(b, p);
		return;
	default:
		return;
	}
	if (o == tmp)
		buf_put(b, tmp, (size_t)(e - tmp));
	else
		b->p = e;
}

void
trace_field_print(struct trace_buf *b, const struct trace_field *f, const u8 *p)
{
	field_text(b, f, p);
	buf_term(b);
}

/* "name=value name=value", unterminated. */
static inline void
fields_text(const struct trace_rec *r, struct trace_buf *b)
{
	const struct trace_event_desc *d = trace_rec_desc(r);
	const u8 *data = r->data;

	for (unsigned int i = 0; i < d->nfields; i++) {
		const struct trace_field *f = &d->fields[i];

		if (i)
			buf_putc(b, ' ');
		if (!f->bare) {
			if ((size_t)(b->end - b->p) > sizeof(f->name)) {
				/* The whole padded name at once, then '='. */
				memcpy(b->p, f->name, sizeof(f->name));
				b->p += f->namelen;
				*b->p++ = '=';
			} else {
				buf_put(b, f->name, f->namelen);
				buf_putc(b, '=');
			}
		}
		field_text(b, f, data);
		data += f->size;
	}
}

void
trace_format_rec_fields(const struct trace_rec *r, struct trace_buf *b)
{
	if (r->kind != TRACE_EXIT && trace_rec_desc(r))
		fields_text(r, b);
	buf_term(b);
}

const struct trace_field *
trace_desc_field(const struct trace_event_desc *desc, const char *name)
{
	for (unsigned int i = 0; i < desc->nfields; i++)
		if (!strcmp(desc->fields[i].name, name))
			return &desc->fields[i];
	return NULL;
}

const struct trace_event_desc *
trace_event_find(const char *name, bool note)
{
	for (unsigned int i = 0; i < trace_events_count; i++)
		if (trace_events_all[i]->is_note == note && !strcmp(trace_events_all[i]->name, name))
			return trace_events_all[i];
	return NULL;
}

/* ---- suggestions: the closest names to a typo ---------------------------- */

/* Levenshtein distance; names longer than any declared name are never close. */
static unsigned int
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	unsigned int row[TRACE_NAME_MAX + 1];

	if (la > TRACE_NAME_MAX || lb > TRACE_NAME_MAX)
		return UINT_MAX;
	for (size_t j = 0; j <= lb; j++)
		row[j] = (unsigned int)j;
	for (size_t i = 1; i <= la; i++) {
		unsigned int diag = row[0];

		row[0] = (unsigned int)i;
		for (size_t j = 1; j <= lb; j++) {
			unsigned int up = row[j];
			unsigned int best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

void
trace_suggest_init(struct trace_suggest *s, const char *want)
{
	memset(s, 0, sizeof(*s));
	s->want = want;
}

void
trace_suggest_add(struct trace_suggest *s, const char *cand)
{
	/* A typo: a third of the name wrong at most (two letters for short ones). */
	unsigned int close = strlen(s->want) / 3 > 2 ? (unsigned int)strlen(s->want) / 3 : 2;
	unsigned int d = edit_distance(s->want, cand);
	int at;

	if (d > close)
		return;
	for (int i = 0; i < s->n; i++)
		if (!strcmp(s->best[i], cand))
			return;		/* a field name many notes share */
	for (at = s->n; at > 0 && s->dist[at - 1] > d; at--)
		;
	if (at == TRACE_SUGGEST_MAX)
		return;
	if (s->n < TRACE_SUGGEST_MAX)
		s->n++;
	memmove(&s->best[at + 1], &s->best[at], (s->n - 1 - at) * sizeof(s->best[0]));
	memmove(&s->dist[at + 1], &s->dist[at], (s->n - 1 - at) * sizeof(s->dist[0]));
	s->best[at] = cand;
	s->dist[at] = d;
}

void
trace_suggest_str(const struct trace_suggest *s, char *buf, size_t len)
{
	struct trace_buf b;

	trace_buf_init(&b, buf, len);
	for (int i = 0; i < s->n; i++) {
		trace_buf_puts(&b, !i ? " (did you mean " : i == s->n - 1 ? " or " : ", ");
		trace_buf_puts(&b, s->best[i]);
	}
	if (s->n)
		trace_buf_puts(&b, "?)");
}

void
trace_suggest_functions(struct trace_suggest *s, const char *want)
{
	trace_suggest_init(s, want);
	for (unsigned int i = 0; i < trace_events_count; i++)
		if (!trace_events_all[i]->is_note)
			trace_suggest_add(s, trace_events_all[i]->name);
}

/* ---- --trace: function_graph-like text --------------------------------- */

#define TEXT_HEADS_BITS	10
#define TEXT_HEADS	(1 << TEXT_HEADS_BITS)	/* line heads kept */
#define TEXT_INDENT_FAST 64		/* indentation copied at once */

/*
 * The text writer holds back each "enter" line for one event: if the
 * very next event is its own exit, the call was a leaf and prints as
 * "func();", as function_graph does.
 */

struct trace_text_state {
	FILE *f;
	bool pending;
	struct trace_event held;
	/* The time | host | skb | columns of the last line: consecutive
	 * events mostly share them (make bench), so they are kept. */
	ktime_t pre_ts;
	const char *pre_host;
	u32 pre_skb;
	size_t pre_len;			/* 0: nothing kept yet */
	char pre[64];
	ktime_t ts_key;			/* the time of ts_text */
	size_t ts_len;			/* 0: nothing kept yet */
	char ts_text[32];
	/* Line heads ("func() {  ") by function name and form. */
	struct text_head {
		const char *func;	/* NULL: empty */
		unsigned int key;	/* form << 1 | has fields */
		u8 len;
		char s[64];
	} heads[TEXT_HEADS];
	/* Lines are built in place and written in big blocks, except on a
	 * stream the console's output shares (--trace -): there each line
	 * goes out at once, so the two stay in order. */
	bool shared;
	int err;			/* errno of the first failed write */
	size_t out_len;
	char out[1 << 16];
};

#define TEXT_LINE_MAX	4096		/* room kept for one line */

static void
text_write_out(struct trace_text_state *st)
{
	if (st->out_len && fwrite(st->out, 1, st->out_len, st->f) != st->out_len && !st->err)
		st->err = errno ? errno : EIO;
	st->out_len = 0;
}

/* Left-aligned string in at least @width columns (printf's %-<width>s). */
static void
text_put_str(struct trace_buf *b, const char *s, size_t n, unsigned int width)
{
	buf_put(b, s, n);
	if (n < width)
		buf_fill(b, ' ', width - n);
}

/* The time | host | skb | columns of @ev into st->pre, "%10llu.%03llu |
 * %-8s | %-8s | "; the time's text is kept apart, it changes least. */
static void
text_prefix(struct trace_text_state *st, const struct trace_event *ev)
{
	const struct trace_rec *r = &ev->rec;
	char skb[BUF_VALUE_MAX];
	size_t skb_len = 0;
	struct trace_buf pb;

	if (!st->ts_len || st->ts_key != r->ts) {
		trace_buf_init(&pb, st->ts_text, sizeof(st->ts_text));
		trace_buf_u64w(&pb, (unsigned long long)(r->ts / 1000), 10, ' ');
		trace_buf_putc(&pb, '.');
		trace_buf_u64w(&pb, (unsigned long long)(r->ts % 1000), 3, '0');
		st->ts_len = (size_t)(pb.p - st->ts_text);
		st->ts_key = r->ts;
	}
	if (r->skb_id) {
		memcpy(skb, "skb#", 4);
		skb_len = (size_t)(fmt_u64(skb + 4, r->skb_id) - skb);
	}
	trace_buf_init(&pb, st->pre, sizeof(st->pre));
	buf_put(&pb, st->ts_text, st->ts_len);
	buf_put(&pb, " | ", 3);
	text_put_str(&pb, ev->host_name, strlen(ev->host_name), 8);
	buf_put(&pb, " | ", 3);
	text_put_str(&pb, skb, skb_len, 8);
	buf_put(&pb, " | ", 3);
	st->pre_len = (size_t)(pb.p - st->pre);
	st->pre_ts = r->ts;
	st->pre_host = ev->host_name;
	st->pre_skb = r->skb_id;
}

/* The part of a line between the indentation and the fields. */
enum text_form {
	TEXT_CALL,			/* "func() {" */
	TEXT_LEAF,			/* "func();" */
	TEXT_EXIT,			/* "} /\* func *\/" */
	TEXT_NOTE,			/* "/\* func:" */
};

/* @func in @form, then the two spaces before fields if @fields. */
static void
text_head_build(struct trace_buf *b, const char *func, enum text_form form, bool fields)
{
	static const char *const before[] = { "", "", "} /* ", "/* " };
	static const char *const after[] = { "() {", "();", " */", ":" };

	trace_buf_puts(b, before[form]);
	trace_buf_puts(b, func);
	trace_buf_puts(b, after[form]);
	if (fields)
		trace_buf_puts(b, "  ");
}

/* The head of a line, from the cache (a few hundred functions repeat
 * millions of times in a bulk transfer). */
static void
text_head(struct trace_text_state *st, struct trace_buf *b, const char *func,
	  enum text_form form, bool fields)
{
	unsigned int key = (unsigned int)form << 1 | fields;
	/* Fibonacci hashing: names sit close together in memory. */
	u64 hash = ((u64)(uintptr_t)func ^ key) * 0x9E3779B97F4A7C15ULL;
	struct text_head *h = &st->heads[hash >> (64 - TEXT_HEADS_BITS)];

	if (h->func != func || h->key != key) {
		struct trace_buf hb;

		trace_buf_init(&hb, h->s, sizeof(h->s));
		text_head_build(&hb, func, form, fields);
		if (hb.p == hb.end) {		/* too long to keep */
			h->func = NULL;
			text_head_build(b, func, form, fields);
			return;
		}
		h->func = func;
		h->key = key;
		h->len = (u8)(hb.p - h->s);
	}
	buf_put_padded(b, h->s, h->len, sizeof(h->s));
}

/*
 * One line of the --trace file:
 *   "%10llu.%03llu | %-8s | %-8s | %*s" then the call, its fields, and
 *   " *\/" closing a note or " /\* inline *\/" marking an inline function.
 * NOTE: built by hand rather than with fprintf(): a traced bulk transfer
 * writes millions of these (make bench).
 */
static void
text_line(struct trace_text_state *st, const struct trace_event *ev, enum text_form form)
{
	static const char spaces[TEXT_INDENT_FAST] =
		"                                "
		"                                ";
	const struct trace_rec *r = &ev->rec;
	bool fields = form != TEXT_EXIT && trace_rec_desc(r)->nfields;
	size_t indent = (size_t)r->depth * 2;
	struct trace_buf b;

	if (sizeof(st->out) - st->out_len < TEXT_LINE_MAX)
		text_write_out(st);
	if (!st->pre_len || st->pre_ts != r->ts || st->pre_host != ev->host_name ||
	    st->pre_skb != r->skb_id)
		text_prefix(st, ev);
	/* The last byte of the room is the newline's: a line cut at
	 * TEXT_LINE_MAX still ends. */
	b.p = st->out + st->out_len;
	b.end = b.p + TEXT_LINE_MAX - 1;
	buf_put_padded(&b, st->pre, st->pre_len, sizeof(st->pre));
	if (indent <= sizeof(spaces))
		buf_put_padded(&b, spaces, indent, sizeof(spaces));
	else
		buf_fill(&b, ' ', indent);
	text_head(st, &b, trace_rec_func(r), form, fields);
	if (fields)
		fields_text(r, &b);
	if (r->kind == TRACE_NOTE)
		buf_put(&b, " */", 3);
	else if (r->kind == TRACE_ENTER && trace_rec_inline(r))
		buf_put(&b, " /* inline */", 13);
	*b.p++ = '\n';
	st->out_len = (size_t)(b.p - st->out);
	if (st->shared)
		text_write_out(st);
}

/* The held enter line (a call that was no leaf after all). */
static void
text_flush(struct trace_text_state *st)
{
	if (st->pending)
		text_line(st, &st->held, TEXT_CALL);
	st->pending = false;
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

	if (ev->rec.kind == TRACE_EXIT && st->pending && ev->rec.site == st->held.rec.site &&
	    ev->rec.depth == st->held.rec.depth) {
		text_line(st, &st->held, TEXT_LEAF);
		st->pending = false;
		return;
	}
	text_flush(st);
	switch (ev->rec.kind) {
	case TRACE_ENTER:
		st->held = *ev;
		st->pending = true;
		break;
	case TRACE_EXIT:
		text_line(st, ev, TEXT_EXIT);
		break;
	case TRACE_NOTE:
		text_line(st, ev, TEXT_NOTE);
		break;
	}
}

struct trace_text_state *
trace_text_open(FILE *f)
{
	struct trace_text_state *st = calloc(1, sizeof(*st));

	if (st) {
		st->f = f;
		st->shared = f == stdout || f == stderr;
	}
	return st;
}

int
trace_text_close(struct trace_text_state *st)
{
	int err;

	if (!st)
		return 0;
	text_flush(st);
	text_write_out(st);
	err = st->err;
	free(st);
	return err;
}

int
trace_file_close(FILE *f)
{
	int err = 0;

	if (!f)
		return 0;
	errno = 0;
	if (fflush(f) || ferror(f))
		err = errno ? errno : EIO;
	errno = 0;
	if (f != stdout && fclose(f) && !err)
		err = errno ? errno : EIO;
	return err;
}

/* ---- --trace-json: one object per line ------------------------------------ */

static void
json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (size_t i = 0; s[i]; i++) {
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

/* The fields as {"key":"value",...}; a field printed without its name keys "_". */
static void
json_fields(FILE *f, const struct trace_rec *r)
{
	const struct trace_event_desc *d = trace_rec_desc(r);
	unsigned int off = 0;

	fputc('{', f);
	for (unsigned int i = 0; r->kind != TRACE_EXIT && i < d->nfields; i++) {
		const struct trace_field *fd = &d->fields[i];
		char val[256];
		struct trace_buf b;

		trace_buf_init(&b, val, sizeof(val));
		trace_field_print(&b, fd, r->data + off);
		off += fd->size;
		if (i)
			fputc(',', f);
		json_str(f, fd->bare ? "_" : fd->name);
		fputc(':', f);
		json_str(f, val);
	}
	fputc('}', f);
}

void
trace_json_sink(void *file, const struct trace_event *ev)
{
	static const char *const kinds[] = { "enter", "exit", "note" };
	const struct trace_rec *r = &ev->rec;
	FILE *f = file;

	fprintf(f, "{\"seq\":%llu,\"ts_ns\":%llu,\"kind\":\"%s\",\"host\":",
		(unsigned long long)ev->seq, (unsigned long long)r->ts, kinds[r->kind]);
	json_str(f, ev->host_name);
	fputs(",\"func\":", f);
	json_str(f, trace_rec_func(r));
	if (trace_rec_inline(r))
		fputs(",\"inline\":true", f);
	fputs(",\"file\":", f);
	json_str(f, r->site->file);
	fprintf(f, ",\"line\":%d,\"ksrc\":", r->site->line);
	json_str(f, trace_rec_ksrc(r));
	fprintf(f, ",\"depth\":%d,\"skb\":%u,\"fields\":", r->depth, r->skb_id);
	json_fields(f, r);
	fputs("}\n", f);
}
