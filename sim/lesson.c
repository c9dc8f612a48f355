/*
 * sim/lesson.c - the lesson engine: parser, step runner, `expect`
 * evaluation and the headless runner.  See sim/lesson.h for the API and
 * lessons/README.md for the file format.
 *
 * No kernel counterpart.  Read sim/console.c first (the commands a
 * lesson types are the console's), kernel/trace.h (a break is a trace
 * sink watching for a function's enter event) and kernel/engine.h
 * (the runner moves the world one engine event at a time).
 *
 * How a break stops: netstep is one thread, so a function cannot be
 * frozen halfway.  A break therefore stops the world at the end of the
 * engine event - or of the console command's own system call - in
 * which the function was entered; everything that call did
 * synchronously has happened, nothing scheduled for later has.
 */
#include "sim/lesson.h"
#include "sim/datadir.h"
#include "sim/console.h"
#include "sim/topology.h"
#include "sim/task.h"
#include "sim/app.h"
#include "sim/pcapng.h"
#include "layers/ping.h"
#include "layers/neighbour.h"
#include "layers/sch_generic.h"
#include "layers/sock.h"
#include "layers/tcp.h"
#include "nic/igb.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ======================================================================
 * Expect: a small regular language.
 *
 *   expect SUBJECT [on HOST] ARGS... [OP] VALUE
 *
 * OP is one of == != < <= > >= (default ==).  See lessons/README.md.
 * ==================================================================== */

enum lesson_ex_kind {
	EX_NEIGH_STATE, EX_NEIGH_QUEUE, EX_SKB, EX_RING, EX_COUNTER, EX_SOFTIRQ,
	EX_SERVER, EX_TRACE_BEFORE, EX_TRACE_COUNT, EX_NOTE, EX_OUTPUT, EX_STATUS,
	EX_QDISC, EX_TXQ, EX_SOCK, EX_DEV, EX_TRACE_HAS,
};

enum lesson_op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE };
static const char *const op_names[] = { "==", "!=", "<", "<=", ">", ">=" };

struct lesson_expect {
	enum lesson_ex_kind kind;
	int host;			/* SIM_* */
	char a[LESSON_FUNC_MAX];	/* address, device, function, counter ... */
	char b[LESSON_FUNC_MAX];	/* second function, field ... */
	int field;			/* index into the subject's field table */
	unsigned int q;			/* queue number, port, fd */
	int want_state;			/* NUD_* (-1: no entry), txq stopped */
	bool negate;			/* output lacks */
	enum lesson_op op;
	long long value;
	char text[256];			/* note / output text */
};

static const char *const skb_fields[] = { "dataref", "users", "len", "cloned", "live",
					  "on_write_queue", NULL };
static const char *const ring_fields[] = { "next_to_use", "next_to_clean", "count", "unused",
					   "in_flight", NULL };
static const char *const server_fields[] = { "bytes", "connections", "datagrams", "eof", NULL };
static const char *const qdisc_fields[] = { "qlen", "backlog", "drops", "requeues",
					    "overlimits", NULL };
static const char *const sock_fields[] = { "write_queue", "cwnd", "ssthresh", "packets_out",
					   "retrans", "unsent", NULL };
static const char *const dev_fields[] = { "mtu", "tx_packets", "rx_packets", "tx_dropped",
					  "rx_dropped", NULL };
static const char *const nud_names[] = { "INCOMPLETE", "REACHABLE", "STALE", "DELAY", "PROBE",
					 "FAILED", "NOARP", "PERMANENT", NULL };
static const u8 nud_values[] = { NUD_INCOMPLETE, NUD_REACHABLE, NUD_STALE, NUD_DELAY, NUD_PROBE,
				 NUD_FAILED, NUD_NOARP, NUD_PERMANENT };

static int
word_index(const char *const *table, const char *w)
{
	for (int i = 0; table[i]; i++)
		if (!strcmp(table[i], w))
			return i;
	return -1;
}

static void
join_table(const char *const *table, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int i = 0; table[i] && n < len; i++)
		n += snprintf(buf + n, len - n, "%s%s", i ? "|" : "", table[i]);
}

static int
host_index(const char *name)
{
	for (int i = 0; i < SIM_NHOSTS; i++)
		if (!strcmp(name, sim_host_names[i]))
			return i;
	return -2;
}

static bool
parse_ip(const char *s, __be32 *addr)
{
	unsigned int a, b, c, d;
	char tail;

	if (sscanf(s, "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) != 4 || a > 255 || b > 255 ||
	    c > 255 || d > 255)
		return false;
	*addr = htonl((a << 24) | (b << 16) | (c << 8) | d);
	return true;
}

static bool
parse_ll(const char *s, long long *v)
{
	char *end;

	if (!*s)
		return false;
	errno = 0;
	*v = strtoll(s, &end, 0);
	return !*end && !errno;
}

static bool
is_ident(const char *s)
{
	if (!*s || strlen(s) >= LESSON_FUNC_MAX || isdigit((unsigned char)*s))
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

/* Split @s into at most @max words (blank separated) in @buf. */
static int
split_words(const char *s, char *buf, size_t buflen, char **w, int max)
{
	int n = 0;

	snprintf(buf, buflen, "%s", s);
	for (char *p = strtok(buf, " \t"); p; p = strtok(NULL, " \t")) {
		if (n == max)
			return -1;
		w[n++] = p;
	}
	return n;
}

/* "[OP] VALUE" at w[i..]; returns words used (1 or 2) or 0. */
static int
parse_cmp(char **w, int n, int i, struct lesson_expect *e, char *why, size_t wl)
{
	int used = 1;

	e->op = OP_EQ;
	if (i < n) {
		for (int k = 0; k < (int)ARRAY_SIZE(op_names); k++) {
			if (!strcmp(w[i], op_names[k])) {
				e->op = k;
				i++;
				used = 2;
				break;
			}
		}
	}
	if (i >= n) {
		snprintf(why, wl, "a number is missing at the end");
		return 0;
	}
	if (i != n - 1) {
		snprintf(why, wl, "unexpected '%s' after the value", w[i + 1]);
		return 0;
	}
	if (!parse_ll(w[i], &e->value)) {
		snprintf(why, wl, "'%s' is not a number", w[i]);
		return 0;
	}
	return used;
}

static bool
field_of(const char *const *table, const char *w, int *field, const char *what, char *why,
	 size_t wl)
{
	char list[200];

	*field = w ? word_index(table, w) : -1;
	if (*field >= 0)
		return true;
	join_table(table, list, sizeof(list));
	snprintf(why, wl, "unknown %s field '%s' (%s)", what, w ? w : "", list);
	return false;
}

static bool
snmp_index(const char *name, int *idx)
{
	for (int i = 0; i < SNMP_MIB_MAX; i++)
		if (!strcmp(name, snmp_counter_name[i]) || !strcmp(name, snmp_counter_label[i])) {
			*idx = i;
			return true;
		}
	return false;
}

/* Text after the first @skip words of @src (for note/output). */
static const char *
after_words(const char *src, int skip)
{
	const char *p = src;

	for (int i = 0; i < skip; i++) {
		while (*p == ' ' || *p == '\t')
			p++;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

static void
copy_text(char *dst, size_t len, const char *src)
{
	size_t n = strlen(src);

	/* A quoted text loses its quotes: output contains "lladdr 52:54". */
	if (n >= 2 && (src[0] == '"' || src[0] == '\'') && src[n - 1] == src[0]) {
		src++;
		n -= 2;
	}
	if (n >= len)
		n = len - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Parse the text after `expect`.  0, or -1 with @why. */
static int
expect_parse(const char *src, struct lesson_expect *e, char *why, size_t wl)
{
	char buf[512];
	char *w[24];
	int n = split_words(src, buf, sizeof(buf), w, 24), i = 1;
	const char *subj;

	memset(e, 0, sizeof(*e));
	if (n < 0) {
		snprintf(why, wl, "too many words in expect");
		return -1;
	}
	if (n == 0) {
		snprintf(why, wl, "expect needs a subject (neigh, skb, ring, counter, softirq, "
			 "server, trace, note, output, status, qdisc, txq, sock, dev)");
		return -1;
	}
	subj = w[0];
	e->host = !strcmp(subj, "server") ? SIM_SERVER : SIM_STUDENT;
	if (n >= 3 && !strcmp(w[1], "on")) {
		e->host = host_index(w[2]);
		if (e->host < 0) {
			snprintf(why, wl, "unknown host '%s' (student, router or server)", w[2]);
			return -1;
		}
		i = 3;
	}
#define NEED(k, usage)								\
	do {									\
		if (n - i < (k)) {						\
			snprintf(why, wl, "usage: expect %s", usage);		\
			return -1;						\
		}								\
	} while (0)
	if (!strcmp(subj, "neigh")) {
		__be32 addr;

		NEED(2, "neigh [on HOST] ADDR STATE|NONE  or  neigh ADDR queue [OP] N");
		if (!parse_ip(w[i], &addr)) {
			snprintf(why, wl, "'%s' is not an IPv4 address", w[i]);
			return -1;
		}
		snprintf(e->a, sizeof(e->a), "%s", w[i]);
		e->q = addr;
		if (!strcmp(w[i + 1], "queue")) {
			e->kind = EX_NEIGH_QUEUE;
			return parse_cmp(w, n, i + 2, e, why, wl) ? 0 : -1;
		}
		e->kind = EX_NEIGH_STATE;
		if (n - i != 2) {
			snprintf(why, wl, "usage: expect neigh [on HOST] ADDR STATE");
			return -1;
		}
		e->want_state = !strcmp(w[i + 1], "NONE") ? -1 : word_index(nud_names, w[i + 1]);
		if (e->want_state == -1 && strcmp(w[i + 1], "NONE")) {
			char list[200];

			join_table(nud_names, list, sizeof(list));
			snprintf(why, wl, "unknown NUD state '%s' (%s|NONE)", w[i + 1], list);
			return -1;
		}
		if (e->want_state >= 0)
			e->want_state = nud_values[e->want_state];
		return 0;
	}
	if (!strcmp(subj, "skb")) {
		e->kind = EX_SKB;
		NEED(2, "skb FIELD [OP] N");
		if (!field_of(skb_fields, w[i], &e->field, "skb", why, wl))
			return -1;
		return parse_cmp(w, n, i + 1, e, why, wl) ? 0 : -1;
	}
	if (!strcmp(subj, "ring")) {
		long long q;

		e->kind = EX_RING;
		NEED(5, "ring [on HOST] DEV tx|rx QUEUE FIELD [OP] N");
		snprintf(e->a, sizeof(e->a), "%s", w[i]);
		if (strcmp(w[i + 1], "tx") && strcmp(w[i + 1], "rx")) {
			snprintf(why, wl, "ring direction must be tx or rx, not '%s'", w[i + 1]);
			return -1;
		}
		snprintf(e->b, sizeof(e->b), "%s", w[i + 1]);
		if (!parse_ll(w[i + 2], &q) || q < 0 || q > 15) {
			snprintf(why, wl, "'%s' is not a queue number", w[i + 2]);
			return -1;
		}
		e->q = q;
		if (!field_of(ring_fields, w[i + 3], &e->field, "ring", why, wl))
			return -1;
		return parse_cmp(w, n, i + 4, e, why, wl) ? 0 : -1;
	}
	if (!strcmp(subj, "counter")) {
		e->kind = EX_COUNTER;
		NEED(2, "counter [on HOST] NAME [OP] N");
		if (!snmp_index(w[i], &e->field)) {
			snprintf(why, wl, "unknown counter '%s' (see nstat -az)", w[i]);
			return -1;
		}
		snprintf(e->a, sizeof(e->a), "%s", w[i]);
		return parse_cmp(w, n, i + 1, e, why, wl) ? 0 : -1;
	}
	if (!strcmp(subj, "softirq")) {
		e->kind = EX_SOFTIRQ;
		NEED(2, "softirq [on HOST] NET_TX|NET_RX|TIMER... [OP] N");
		e->field = -1;	/* softirq_to_name has no NULL end: no word_index() */
		for (int k = 0; k < NR_SOFTIRQS; k++)
			if (!strcmp(w[i], softirq_to_name[k]))
				e->field = k;
		if (e->field < 0) {
			snprintf(why, wl, "unknown softirq '%s' (NET_TX, NET_RX, TIMER ...)", w[i]);
			return -1;
		}
		snprintf(e->a, sizeof(e->a), "%s", w[i]);
		return parse_cmp(w, n, i + 1, e, why, wl) ? 0 : -1;
	}
	if (!strcmp(subj, "server")) {
		long long port;

		e->kind = EX_SERVER;
		NEED(3, "server [on HOST] PORT FIELD [OP] N");
		if (!parse_ll(w[i], &port) || port <= 0 || port > 65535) {
			snprintf(why, wl, "'%s' is not a port", w[i]);
			return -1;
		}
		e->q = port;
		if (!field_of(server_fields, w[i + 1], &e->field, "server", why, wl))
			return -1;
		return parse_cmp(w, n, i + 2, e, why, wl) ? 0 : -1;
	}
	if (!strcmp(subj, "trace")) {
		NEED(1, "trace [on HOST] FUNC [count [OP] N | before FUNC2 | has TEXT | never]");
		if (!is_ident(w[i])) {
			snprintf(why, wl, "'%s' is not a function name", w[i]);
			return -1;
		}
		snprintf(e->a, sizeof(e->a), "%s", w[i]);
		e->kind = EX_TRACE_COUNT;
		if (n - i == 1) {
			e->op = OP_GE;
			e->value = 1;
			return 0;
		}
		if (!strcmp(w[i + 1], "never") && n - i == 2) {
			e->op = OP_EQ;
			e->value = 0;
			return 0;
		}
		if (!strcmp(w[i + 1], "before") && n - i == 3 && is_ident(w[i + 2])) {
			e->kind = EX_TRACE_BEFORE;
			snprintf(e->b, sizeof(e->b), "%s", w[i + 2]);
			return 0;
		}
		if (!strcmp(w[i + 1], "count"))
			return parse_cmp(w, n, i + 2, e, why, wl) ? 0 : -1;
		if (!strcmp(w[i + 1], "has") && n - i >= 3) {
			e->kind = EX_TRACE_HAS;
			copy_text(e->text, sizeof(e->text), after_words(src, i + 2));
			return 0;
		}
		snprintf(why, wl, "usage: expect trace [on HOST] FUNC [count [OP] N | before FUNC2 "
			 "| has TEXT | never]");
		return -1;
	}
	if (!strcmp(subj, "note")) {
		e->kind = EX_NOTE;
		NEED(1, "note [on HOST] TEXT");
		copy_text(e->text, sizeof(e->text), after_words(src, i));
		return 0;
	}
	if (!strcmp(subj, "output")) {
		e->kind = EX_OUTPUT;
		NEED(2, "output contains|lacks TEXT");
		if (strcmp(w[i], "contains") && strcmp(w[i], "lacks")) {
			snprintf(why, wl, "expect output needs 'contains' or 'lacks', not '%s'", w[i]);
			return -1;
		}
		e->negate = !strcmp(w[i], "lacks");
		copy_text(e->text, sizeof(e->text), after_words(src, i + 1));
		return 0;
	}
	if (!strcmp(subj, "status")) {
		e->kind = EX_STATUS;
		return parse_cmp(w, n, i, e, why, wl) ? 0 : -1;
	}
	if (!strcmp(subj, "qdisc")) {
		e->kind = EX_QDISC;
		NEED(3, "qdisc [on HOST] DEV FIELD [OP] N");
		snprintf(e->a, sizeof(e->a), "%s", w[i]);
		if (!field_of(qdisc_fields, w[i + 1], &e->field, "qdisc", why, wl))
			return -1;
		return parse_cmp(w, n, i + 2, e, why, wl) ? 0 : -1;
	}
	if (!strcmp(subj, "txq")) {
		long long q;

		e->kind = EX_TXQ;
		NEED(3, "txq [on HOST] DEV QUEUE stopped|running");
		snprintf(e->a, sizeof(e->a), "%s", w[i]);
		if (!parse_ll(w[i + 1], &q) || q < 0 || q > 15) {
			snprintf(why, wl, "'%s' is not a queue number", w[i + 1]);
			return -1;
		}
		e->q = q;
		if (n - i != 3 || (strcmp(w[i + 2], "stopped") && strcmp(w[i + 2], "running"))) {
			snprintf(why, wl, "usage: expect txq [on HOST] DEV QUEUE stopped|running");
			return -1;
		}
		e->want_state = !strcmp(w[i + 2], "stopped");
		e->op = OP_EQ;
		e->value = e->want_state;
		return 0;
	}
	if (!strcmp(subj, "sock")) {
		long long fd;

		e->kind = EX_SOCK;
		NEED(3, "sock [on HOST] FD FIELD [OP] N");
		if (!parse_ll(w[i], &fd) || fd < 0 || fd >= SIM_NR_OPEN) {
			snprintf(why, wl, "'%s' is not a descriptor", w[i]);
			return -1;
		}
		e->q = fd;
		if (!field_of(sock_fields, w[i + 1], &e->field, "sock", why, wl))
			return -1;
		return parse_cmp(w, n, i + 2, e, why, wl) ? 0 : -1;
	}
	if (!strcmp(subj, "dev")) {
		e->kind = EX_DEV;
		NEED(3, "dev [on HOST] DEV FIELD [OP] N");
		snprintf(e->a, sizeof(e->a), "%s", w[i]);
		if (!field_of(dev_fields, w[i + 1], &e->field, "dev", why, wl))
			return -1;
		return parse_cmp(w, n, i + 2, e, why, wl) ? 0 : -1;
	}
#undef NEED
	snprintf(why, wl, "unknown expect subject '%s' (neigh, skb, ring, counter, softirq, "
		 "server, trace, note, output, status, qdisc, txq, sock, dev)", subj);
	return -1;
}

/* ======================================================================
 * Parser
 * ==================================================================== */

struct lesson_parser {
	struct lesson *l;
	const char *name;
	char *err;
	size_t errlen;
	int line;			/* current line number */
	struct lesson_step *open;	/* step that takes indented continuations */
	struct lesson_step *para;	/* narration paragraph being built */
	struct lesson_step *asked;	/* last QUESTION / TRY, for `answer` */
	bool open_answer;		/* continuations go to open->answer */
};

static const char *const keywords[] = {
	"title", "summary", "kernel", "netstep", "lab", "$", "break", "delete", "step",
	"continue", "pause", "question", "answer", "expect", "try", NULL
};

static int
perr(struct lesson_parser *p, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int
perr(struct lesson_parser *p, int line, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(p->err, p->errlen, "%s:%d: ", p->name, line);

	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < p->errlen)
		vsnprintf(p->err + n, p->errlen - n, fmt, ap);
	va_end(ap);
	return -1;
}

static char *
xstrdup(const char *s)
{
	char *d = strdup(s ? s : "");

	if (!d)
		abort();	/* NOTE: out of memory in a teaching tool: give up loudly */
	return d;
}

static void
append_text(char **dst, const char *more, const char *sep)
{
	size_t a = *dst ? strlen(*dst) : 0, b = strlen(more), s = strlen(sep);
	char *n = realloc(*dst, a + s + b + 1);

	if (!n)
		abort();
	if (a) {
		memcpy(n + a, sep, s);
		a += s;
	}
	memcpy(n + a, more, b + 1);
	*dst = n;
}

static struct lesson_step *
new_step(struct lesson_parser *p, enum lesson_step_kind kind)
{
	struct lesson *l = p->l;
	struct lesson_step *s;

	if (l->nsteps == LESSON_MAX_STEPS) {
		perr(p, p->line, "too many steps (at most %d)", LESSON_MAX_STEPS);
		return NULL;
	}
	if (!l->steps) {
		l->steps = calloc(LESSON_MAX_STEPS, sizeof(*l->steps));
		if (!l->steps)
			abort();
	}
	s = &l->steps[l->nsteps++];
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->line = p->line;
	s->host = SIM_STUDENT;
	return s;
}

/* FUNC [on HOST] into the step. */
static int
parse_func_host(struct lesson_parser *p, struct lesson_step *s, const char *args,
		const char *usage, bool func_optional)
{
	char buf[256];
	char *w[8];
	int n = split_words(args, buf, sizeof(buf), w, 8);

	if (n == 0 && func_optional)
		return 0;
	if (n != 1 && n != 3)
		return perr(p, s->line, "usage: %s", usage);
	if (!is_ident(w[0]))
		return perr(p, s->line, "'%s' is not a function name (usage: %s)", w[0], usage);
	snprintf(s->func, sizeof(s->func), "%s", w[0]);
	if (n == 3) {
		if (strcmp(w[1], "on"))
			return perr(p, s->line, "unexpected '%s' (usage: %s)", w[1], usage);
		s->host = !strcmp(w[2], "any") ? LESSON_HOST_ANY : host_index(w[2]);
		if (s->host == -2)
			return perr(p, s->line, "unknown host '%s' (student, router, server or any)",
				    w[2]);
	}
	return 0;
}

static int
set_header(struct lesson_parser *p, char **field, const char *kw, const char *rest)
{
	if (*field)
		return perr(p, p->line, "a second '%s' line", kw);
	if (!*rest)
		return perr(p, p->line, "'%s' needs text", kw);
	*field = xstrdup(rest);
	return 0;
}

static int
add_file(struct lesson_parser *p, char **files, int *n, const char *kw, const char *rest)
{
	if (!*rest || strchr(rest, ' ') || strchr(rest, '\t'))
		return perr(p, p->line, "'%s' takes one path", kw);
	if (*n == LESSON_MAX_FILES)
		return perr(p, p->line, "too many '%s' lines (at most %d)", kw, LESSON_MAX_FILES);
	files[(*n)++] = xstrdup(rest);
	return 0;
}

/* A question (or try) whose answer never came. */
static int
check_answered(struct lesson_parser *p)
{
	if (p->asked && p->asked->kind == LESSON_QUESTION && !p->asked->answer)
		return perr(p, p->asked->line, "question has no answer line after it");
	return 0;
}

static int
parse_directive(struct lesson_parser *p, const char *kw, const char *rest)
{
	struct lesson *l = p->l;
	struct lesson_step *s;
	char why[256];

	if (strcmp(kw, "answer") && check_answered(p))
		return -1;
	if (strcmp(kw, "answer"))
		p->asked = NULL;
	if (!strcmp(kw, "title"))
		return set_header(p, &l->title, kw, rest);
	if (!strcmp(kw, "summary"))
		return set_header(p, &l->summary, kw, rest);
	if (!strcmp(kw, "lab")) {
		if (strncmp(rest, "yes", 3) && strncmp(rest, "no", 2))
			return perr(p, p->line, "'lab' must start with yes or no (does the lesson "
				    "also work on the TAP wire?)");
		l->lab_works = !strncmp(rest, "yes", 3);
		return set_header(p, &l->lab, kw, rest);
	}
	if (!strcmp(kw, "kernel"))
		return add_file(p, l->kernel, &l->nkernel, kw, rest);
	if (!strcmp(kw, "netstep"))
		return add_file(p, l->netstep, &l->nnetstep, kw, rest);
	if (!strcmp(kw, "answer")) {
		if (!p->asked)
			return perr(p, p->line, "'answer' without a question or try before it");
		if (p->asked->answer)
			return perr(p, p->line, "a second answer for the question on line %d",
				    p->asked->line);
		if (!*rest)
			return perr(p, p->line, "'answer' needs text");
		p->asked->answer = xstrdup(rest);
		p->open = p->asked;
		p->open_answer = true;
		return 0;
	}
	if (!strcmp(kw, "$")) {
		if (!*rest)
			return perr(p, p->line, "'$' needs a console command");
		if (strlen(rest) >= CONSOLE_MAX_LINE)
			return perr(p, p->line, "command too long");
		if (!(s = new_step(p, LESSON_RUN)))
			return -1;
		s->text = xstrdup(rest);
		return 0;
	}
	if (!strcmp(kw, "break")) {
		if (!(s = new_step(p, LESSON_BREAK)))
			return -1;
		return parse_func_host(p, s, rest, "break FUNCTION [on HOST]", false);
	}
	if (!strcmp(kw, "delete")) {
		if (!(s = new_step(p, LESSON_DELETE)))
			return -1;
		return parse_func_host(p, s, rest, "delete [FUNCTION [on HOST]]", true);
	}
	if (!strcmp(kw, "step")) {
		if (strncmp(rest, "until", 5) || (rest[5] && rest[5] != ' ' && rest[5] != '\t'))
			return perr(p, p->line, "usage: step until FUNCTION [on HOST]");
		if (!(s = new_step(p, LESSON_STEP_UNTIL)))
			return -1;
		return parse_func_host(p, s, after_words(rest, 1),
				       "step until FUNCTION [on HOST]", false);
	}
	if (!strcmp(kw, "continue")) {
		if (*rest)
			return perr(p, p->line, "'continue' takes no arguments");
		return new_step(p, LESSON_CONTINUE) ? 0 : -1;
	}
	if (!strcmp(kw, "pause")) {
		if (!(s = new_step(p, LESSON_PAUSE)))
			return -1;
		s->text = *rest ? xstrdup(rest) : NULL;
		return 0;
	}
	if (!strcmp(kw, "question") || !strcmp(kw, "try")) {
		if (!*rest)
			return perr(p, p->line, "'%s' needs text", kw);
		if (!(s = new_step(p, *kw == 'q' ? LESSON_QUESTION : LESSON_TRY)))
			return -1;
		s->text = xstrdup(rest);
		p->asked = s;
		p->open = s;
		p->open_answer = false;
		return 0;
	}
	/* expect */
	if (!(s = new_step(p, LESSON_EXPECT)))
		return -1;
	s->text = xstrdup(rest);
	s->expect = calloc(1, sizeof(*s->expect));
	if (!s->expect)
		abort();
	if (expect_parse(rest, s->expect, why, sizeof(why)))
		return perr(p, p->line, "%s", why);
	return 0;
}

static int
parse_line(struct lesson_parser *p, char *line)
{
	size_t n = strlen(line);
	char kw[16];
	const char *rest;
	int k;

	while (n && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
		line[--n] = '\0';
	for (const char *c = line; *c; c++)
		if ((unsigned char)*c < 0x20 && *c != '\t')
			return perr(p, p->line, "control character 0x%02x in the text",
				    (unsigned char)*c);
	if (!n) {			/* a blank line ends a paragraph */
		p->para = NULL;
		p->open = NULL;
		return 0;
	}
	if (line[0] == '#')
		return 0;
	if (line[0] == ' ' || line[0] == '\t') {
		const char *t = line + strspn(line, " \t");

		if (p->open) {		/* continuation of a question, answer or try */
			if (p->open_answer)
				append_text(&p->open->answer, t, " ");
			else
				append_text(&p->open->text, t, " ");
			return 0;
		}
		line = (char *)t;	/* indented narration */
	}
	k = (int)strcspn(line, " \t");
	snprintf(kw, sizeof(kw), "%.*s", k < 15 ? k : 15, line);
	if (k < 16 && word_index(keywords, kw) >= 0) {
		p->para = NULL;
		p->open = NULL;
		rest = line + k;
		rest += strspn(rest, " \t");
		return parse_directive(p, kw, rest);
	}
	if (check_answered(p))
		return -1;
	p->asked = NULL;
	p->open = NULL;
	if (p->para) {
		append_text(&p->para->text, line, " ");
		return 0;
	}
	if (!(p->para = new_step(p, LESSON_NARRATE)))
		return -1;
	p->para->text = xstrdup(line);
	return 0;
}

/* What every lesson must have, checked once the file is read. */
static int
parse_finish(struct lesson_parser *p)
{
	struct lesson *l = p->l;
	int last = p->line;

	if (check_answered(p))
		return -1;
	if (!l->title)
		return perr(p, 1, "no 'title' line");
	if (!l->summary)
		return perr(p, 1, "no 'summary' line (one line for --list-lessons)");
	if (!l->nkernel)
		return perr(p, 1, "no 'kernel' line: name the kernel files to open side by side");
	if (!l->lab)
		return perr(p, 1, "no 'lab yes|no ...' line: say whether it works on the TAP wire");
	for (int i = 0; i < l->nsteps; i++) {
		if (l->steps[i].kind != LESSON_TRY)
			continue;
		for (int j = i + 1; j < l->nsteps; j++)
			if (l->steps[j].kind != LESSON_NARRATE)
				return perr(p, l->steps[j].line, "'%s' after the closing 'try': the "
					    "exercise ends the lesson",
					    lesson_step_kind_name(l->steps[j].kind));
		return 0;
	}
	return perr(p, last, "no 'try' exercise at the end of the lesson");
}

struct lesson *
lesson_parse(const char *name, const char *text, char *err, size_t errlen)
{
	struct lesson_parser p = { .name = name, .err = err, .errlen = errlen };
	const char *s = text;
	char line[CONSOLE_MAX_LINE + 64];

	if (errlen)
		err[0] = '\0';
	p.l = calloc(1, sizeof(*p.l));
	if (!p.l)
		abort();
	p.l->path = xstrdup(name);
	while (*s) {
		size_t n = strcspn(s, "\n");

		p.line++;
		if (n >= sizeof(line)) {
			perr(&p, p.line, "line too long (max %zu bytes)", sizeof(line) - 1);
			goto fail;
		}
		memcpy(line, s, n);
		line[n] = '\0';
		if (memchr(s, '\0', n)) {
			perr(&p, p.line, "NUL byte in the text");
			goto fail;
		}
		if (parse_line(&p, line))
			goto fail;
		s += n;
		if (*s)
			s++;
	}
	if (parse_finish(&p))
		goto fail;
	return p.l;
fail:
	lesson_free(p.l);
	return NULL;
}

#define LESSON_MAX_FILE	(1 << 20)

struct lesson *
lesson_load(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;
	struct lesson *l;

	if (!f) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	buf = malloc(LESSON_MAX_FILE + 1);
	if (!buf)
		abort();
	n = fread(buf, 1, LESSON_MAX_FILE + 1, f);
	fclose(f);
	if (n > LESSON_MAX_FILE) {
		snprintf(err, errlen, "%s: larger than %d bytes", path, LESSON_MAX_FILE);
		free(buf);
		return NULL;
	}
	if (memchr(buf, '\0', n)) {
		size_t at = (char *)memchr(buf, '\0', n) - buf;
		int line = 1;

		for (size_t i = 0; i < at; i++)
			line += buf[i] == '\n';
		snprintf(err, errlen, "%s:%d: NUL byte in the text (not a lesson file?)", path,
			 line);
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	l = lesson_parse(path, buf, err, errlen);
	free(buf);
	return l;
}

void
lesson_free(struct lesson *l)
{
	if (!l)
		return;
	for (int i = 0; i < l->nsteps; i++) {
		free(l->steps[i].text);
		free(l->steps[i].answer);
		free(l->steps[i].expect);
	}
	for (int i = 0; i < l->nkernel; i++)
		free(l->kernel[i]);
	for (int i = 0; i < l->nnetstep; i++)
		free(l->netstep[i]);
	free(l->steps);
	free(l->path);
	free(l->title);
	free(l->summary);
	free(l->lab);
	free(l);
}

const struct lesson_step *
lesson_next(struct lesson *l)
{
	return l->cursor < l->nsteps ? &l->steps[l->cursor++] : NULL;
}

void
lesson_rewind(struct lesson *l)
{
	l->cursor = 0;
}

const char *
lesson_step_kind_name(enum lesson_step_kind kind)
{
	static const char *const names[] = {
		[LESSON_NARRATE] = "narration", [LESSON_RUN] = "$", [LESSON_BREAK] = "break",
		[LESSON_DELETE] = "delete", [LESSON_STEP_UNTIL] = "step until",
		[LESSON_CONTINUE] = "continue", [LESSON_PAUSE] = "pause",
		[LESSON_QUESTION] = "question", [LESSON_EXPECT] = "expect", [LESSON_TRY] = "try",
	};

	return (unsigned int)kind < ARRAY_SIZE(names) ? names[kind] : "?";
}

/* ======================================================================
 * Runner
 * ==================================================================== */

/* How often, and first when, each function was entered on each host. */
struct lesson_fstat {
	const char *func;		/* __func__ of the model: lives forever */
	int host;
	u64 first_seq;
	unsigned long count;
	unsigned int epoch;		/* the command these counts belong to */
};

#define LESSON_FSTAT_SLOTS	4096
#define LESSON_NOTES_MAX	(4u << 20)	/* bytes of TRACE_NOTE text kept */

struct lesson_break {
	char func[LESSON_FUNC_MAX];
	int host;
};

struct lesson_run {
	struct lesson *l;
	struct sim_world *w;
	struct sim_console con;		/* for `sim ...` and commands it alone knows */
	FILE *out;			/* transcript, may be NULL */
	bool dry;			/* validating on a scratch world */
	/* what the tools print: one stream for the whole run (a ping prints later) */
	FILE *cap;
	char *capbuf;
	size_t caplen;
	size_t cmd_start;		/* where the last command's output begins */
	size_t echoed;			/* transcript has shown up to here */
	int last_status;
	/* breakpoints and where we stopped */
	struct lesson_break brk[LESSON_MAX_BREAKS];
	int nbrk;
	bool watching;			/* breakpoints active (not while finishing) */
	const char *until;		/* step until: function */
	int until_host;
	bool hit;			/* a watched function was entered */
	struct lesson_stop stop;
	bool stopped;			/* work is pending behind the stop */
	u32 cur_skb;
	/* the trace so far */
	struct lesson_fstat fstat[LESSON_FSTAT_SLOTS];
	int nfstat;
	unsigned int epoch;		/* bumped by each `$` command */
	char *notes;
	size_t noteslen;
	size_t notescap;		/* bytes allocated for notes */
	size_t notes_start;		/* notes since the last command */
	int checks;
	char err[LESSON_ERR_MAX];
	const struct lesson_step *cur;	/* step being run, for messages */
};

static int
rerr(struct lesson_run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
rerr(struct lesson_run *r, const char *fmt, ...)
{
	va_list ap;
	int n = 0;

	if (r->cur)
		n = snprintf(r->err, sizeof(r->err), "%s:%d: ", r->l ? r->l->path : "lesson",
			     r->cur->line);
	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < sizeof(r->err))
		vsnprintf(r->err + n, sizeof(r->err) - n, fmt, ap);
	va_end(ap);
	return 1;
}

static int
event_host(const struct lesson_run *r, const struct trace_event *ev)
{
	for (int i = 0; i < SIM_NHOSTS; i++)
		if (ev->host && ev->host == r->w->host[i])
			return i;
	return -2;
}

static struct lesson_fstat *
fstat_slot(struct lesson_run *r, const char *func, int host, bool create)
{
	unsigned long h = 5381;

	for (const char *c = func; *c; c++)
		h = h * 33 + (unsigned char)*c;
	h = (h * 7 + (unsigned long)(host + 2)) % LESSON_FSTAT_SLOTS;
	for (int i = 0; i < LESSON_FSTAT_SLOTS; i++) {
		struct lesson_fstat *f = &r->fstat[(h + i) % LESSON_FSTAT_SLOTS];

		if (!f->func) {
			if (!create || r->nfstat >= LESSON_FSTAT_SLOTS - 1)
				return NULL;
			f->func = func;
			f->host = host;
			r->nfstat++;
			return f;
		}
		if (f->host == host && !strcmp(f->func, func))
			return f;
	}
	return NULL;
}

static bool
break_matches(const char *func, int want_host, int host, const struct trace_event *ev)
{
	return (want_host == LESSON_HOST_ANY || want_host == host) && !strcmp(func, ev->func);
}

static void
lesson_trace_sink(void *arg, const struct trace_event *ev)
{
	struct lesson_run *r = arg;
	int host = event_host(r, ev);
	bool stop = false;

	if (ev->kind == TRACE_NOTE || ev->kind == TRACE_ENTER) {
		char line[TRACE_FIELDS_MAX + 96];
		int n = snprintf(line, sizeof(line), "%d %s%s %s\n", host, ev->func,
				 ev->kind == TRACE_NOTE ? ":" : "()", ev->fields);

		if (n > 0 && r->noteslen + n >= LESSON_NOTES_MAX && r->notes_start) {
			/* Keep only what the last command produced. */
			memmove(r->notes, r->notes + r->notes_start, r->noteslen - r->notes_start + 1);
			r->noteslen -= r->notes_start;
			r->notes_start = 0;
		}
		if (n > 0 && r->noteslen + n + 1 > r->notescap &&
		    r->noteslen + n < LESSON_NOTES_MAX) {
			/* Grow by doubling: one realloc per event would copy quadratically. */
			size_t cap = r->notescap ? r->notescap * 2 : 65536;
			char *nb;

			while (cap < r->noteslen + n + 1)
				cap *= 2;
			nb = realloc(r->notes, cap);
			if (nb) {
				r->notes = nb;
				r->notescap = cap;
			}
		}
		if (n > 0 && r->noteslen + n + 1 <= r->notescap) {
			memcpy(r->notes + r->noteslen, line, n + 1);
			r->noteslen += n;
		}
		if (ev->kind == TRACE_NOTE)
			return;
	}
	if (ev->kind != TRACE_ENTER || !ev->func)
		return;
	{
		struct lesson_fstat *f = fstat_slot(r, ev->func, host, true);

		if (f && f->epoch != r->epoch) {
			f->epoch = r->epoch;
			f->count = 0;
		}
		if (f && !f->count++)
			f->first_seq = ev->seq;
	}
	if (r->hit)
		return;
	if (r->until)
		stop = break_matches(r->until, r->until_host, host, ev);
	else if (r->watching)
		for (int i = 0; i < r->nbrk && !stop; i++)
			stop = break_matches(r->brk[i].func, r->brk[i].host, host, ev);
	if (!stop)
		return;
	r->hit = true;
	memset(&r->stop, 0, sizeof(r->stop));
	r->stop.valid = true;
	snprintf(r->stop.func, sizeof(r->stop.func), "%s", ev->func);
	r->stop.host = host;
	r->stop.seq = ev->seq;
	r->stop.ts = ev->ts;
	r->stop.skb_id = ev->skb_id;
	snprintf(r->stop.fields, sizeof(r->stop.fields), "%s", ev->fields);
	if (ev->skb_id)
		r->cur_skb = ev->skb_id;
}

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
	free(r->notes);
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
			return rerr(r, "the world did not settle within %llu events",
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
		return rerr(r, "`%s`: unterminated quote or too many words", line);
	r->last_status = 0;
	r->hit = false;
	r->epoch++;		/* trace checks look at this command onwards */
	r->notes_start = r->noteslen;
	rc = cmd_dispatch(r, argc, argv);
	r->last_status = rc;
	if (rc == 2) {
		char msg[300];
		size_t n;

		fflush(r->cap);
		n = r->caplen - r->cmd_start;
		snprintf(msg, sizeof(msg), "%.*s", (int)(n < 299 ? n : 299),
			 r->capbuf + r->cmd_start);
		msg[strcspn(msg, "\n")] = '\0';
		return rerr(r, "bad command `%s`: %s", line, msg);
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
	r->until = s->func;
	r->until_host = s->host;
	rc = run_events(r, true);
	r->until = NULL;
	if (rc)
		return rc;
	if (!r->hit)
		return rerr(r, "step until %s: the world went idle before %s was entered%s%s",
			    s->func, s->func, s->host == SIM_STUDENT ? " on the student" : "",
			    s->host == SIM_STUDENT ? " (add 'on HOST' for another host)" : "");
	return 0;
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
		for (int i = 0; i < r->nbrk; i++)
			if (!strcmp(r->brk[i].func, s->func) && r->brk[i].host == s->host)
				goto out;
		if (r->nbrk == LESSON_MAX_BREAKS) {
			rc = rerr(r, "too many breakpoints (at most %d)", LESSON_MAX_BREAKS);
			break;
		}
		snprintf(r->brk[r->nbrk].func, LESSON_FUNC_MAX, "%s", s->func);
		r->brk[r->nbrk++].host = s->host;
		if (r->out)
			fprintf(r->out, "(break at %s)\n", s->func);
		break;
	case LESSON_DELETE: {
		int k = 0;

		for (int i = 0; i < r->nbrk; i++)
			if (s->func[0] && (strcmp(r->brk[i].func, s->func) ||
					   r->brk[i].host != s->host))
				r->brk[k++] = r->brk[i];
		if (s->func[0] && k == r->nbrk)
			rc = rerr(r, "delete %s: no such breakpoint", s->func);
		r->nbrk = k;
		break;
	}
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
	case LESSON_EXPECT: {
		int v = lesson_run_eval(r, s->text);

		if (v == 1) {
			r->checks++;
			if (r->out)
				fprintf(r->out, "ok: expect %s\n", s->text);
		} else {
			rc = 1;
		}
		break;
	}
	}
out:
	if (r->hit && s->kind != LESSON_STEP_UNTIL && (s->kind == LESSON_RUN ||
						       s->kind == LESSON_CONTINUE) && r->out)
		fprintf(r->out, "(stopped in %s on %s, skb#%u)\n", r->stop.func,
			r->stop.host >= 0 ? sim_host_names[r->stop.host] : "?", r->stop.skb_id);
	if (s->kind == LESSON_STEP_UNTIL && !rc && r->out)
		fprintf(r->out, "(stopped in %s on %s, skb#%u: %s)\n", r->stop.func,
			r->stop.host >= 0 ? sim_host_names[r->stop.host] : "?", r->stop.skb_id,
			r->stop.fields);
	if (s->kind == LESSON_RUN || s->kind == LESSON_CONTINUE || s->kind == LESSON_STEP_UNTIL)
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

/* ---- evaluating an expect ---- */

/* A function's calls since the last command began, or NULL. */
static struct lesson_fstat *
trace_stat(struct lesson_run *r, const char *func, int host)
{
	struct lesson_fstat *f = fstat_slot(r, func, host, false);

	return f && f->epoch == r->epoch && f->count ? f : NULL;
}

static bool
cmp(long long have, enum lesson_op op, long long want)
{
	switch (op) {
	case OP_EQ: return have == want;
	case OP_NE: return have != want;
	case OP_LT: return have < want;
	case OP_LE: return have <= want;
	case OP_GT: return have > want;
	case OP_GE: return have >= want;
	}
	return false;
}

struct neigh_find {
	__be32 addr;
	const struct neighbour *n;
};

static void
neigh_find_cb(const struct neighbour *n, void *arg)
{
	struct neigh_find *f = arg;

	if (n->primary_key == f->addr && !f->n)
		f->n = n;
}

static struct sk_buff *
find_skb(struct lesson_run *r, u32 id)
{
	struct sk_buff *skb;

	if (!id)
		return NULL;
	list_for_each_entry(skb, &r->w->ledger.live, ledger_node)
		if (skb->id == id)
			return skb;
	return NULL;
}

static bool
skb_on_write_queue(struct lesson_run *r, const struct sk_buff *skb)
{
	for (int h = 0; h < SIM_NHOSTS; h++) {
		struct sim_fdtable *ft = r->w->host[h] ? r->w->host[h]->files : NULL;

		for (int fd = 0; ft && fd < SIM_NR_OPEN; fd++) {
			struct socket *sock = ft->fd[fd];
			struct sk_buff *p;

			if (!sock || !sock->sk || sock->type != SOCK_STREAM)
				continue;
			skb_queue_walk(&sock->sk->sk_write_queue, p)
				if (p == skb)
					return true;
		}
	}
	return false;
}

/* The value an expect reads; 0 with *have set, or 1 with an error. */
static int
expect_value(struct lesson_run *r, const struct lesson_expect *e, long long *have, char *what,
	     size_t wl)
{
	struct net *net = r->w->host[e->host];
	struct net_device *dev = NULL;

	if (!net)
		return snprintf(what, wl, "there is no %s in this world", sim_host_names[e->host]), 1;

	if (e->kind == EX_RING || e->kind == EX_QDISC || e->kind == EX_TXQ || e->kind == EX_DEV) {
		dev = dev_get_by_name(net, e->a);
		if (!dev)
			return snprintf(what, wl, "%s has no device %s", net->name, e->a), 1;
	}
	switch (e->kind) {
	case EX_NEIGH_QUEUE: {
		struct neigh_find f = { .addr = (__be32)e->q };

		neigh_for_each(net, neigh_find_cb, &f);
		if (!f.n)
			return snprintf(what, wl, "%s has no neighbour %s", net->name, e->a), 1;
		*have = skb_queue_len(&f.n->arp_queue);
		snprintf(what, wl, "arp_queue of %s", e->a);
		return 0;
	}
	case EX_SKB: {
		struct sk_buff *skb = find_skb(r, r->cur_skb);

		if (!r->cur_skb)
			return snprintf(what, wl, "no current skb (no break has stopped on one)"), 1;
		snprintf(what, wl, "skb#%u %s", r->cur_skb, skb_fields[e->field]);
		if (e->field == 4) {
			*have = skb != NULL;
			return 0;
		}
		if (!skb)
			return snprintf(what, wl, "skb#%u has been freed", r->cur_skb), 1;
		switch (e->field) {
		case 0: *have = skb_shinfo(skb)->dataref & SKB_DATAREF_MASK; break;
		case 1: *have = skb->users; break;
		case 2: *have = skb->len; break;
		case 3: *have = skb->cloned; break;
		default: *have = skb_on_write_queue(r, skb); break;
		}
		return 0;
	}
	case EX_RING: {
		struct igb_adapter *adapter;
		struct igb_ring *ring;
		bool tx = !strcmp(e->b, "tx");

		if (!sim_igb_card(dev))
			return snprintf(what, wl, "%s is not an igb device", e->a), 1;
		adapter = netdev_priv(dev);
		if ((int)e->q >= (tx ? adapter->num_tx_queues : adapter->num_rx_queues))
			return snprintf(what, wl, "%s has no %s ring %u", e->a, e->b, e->q), 1;
		ring = tx ? adapter->tx_ring[e->q] : adapter->rx_ring[e->q];
		if (!ring)
			return snprintf(what, wl, "%s %s ring %u is not set up", e->a, e->b, e->q), 1;
		switch (e->field) {
		case 0: *have = ring->next_to_use; break;
		case 1: *have = ring->next_to_clean; break;
		case 2: *have = ring->count; break;
		case 3: *have = ring->count ? igb_desc_unused(ring) : 0; break;
		default: *have = ring->count ? ring->count - 1 - igb_desc_unused(ring) : 0; break;
		}
		snprintf(what, wl, "%s %s ring %u %s", e->a, e->b, e->q, ring_fields[e->field]);
		return 0;
	}
	case EX_COUNTER:
		*have = net->mib[e->field];
		snprintf(what, wl, "%s on %s", e->a, net->name);
		return 0;
	case EX_SOFTIRQ:
		*have = net->cpu.softirq_count[e->field];
		snprintf(what, wl, "%s softirqs on %s", e->a, net->name);
		return 0;
	case EX_SERVER: {
		struct sim_app *app = sim_app_find(net, IPPROTO_TCP, e->q);

		if (!app)
			app = sim_app_find(net, IPPROTO_UDP, e->q);
		if (!app)
			return snprintf(what, wl, "no sink on %s port %u", net->name, e->q), 1;
		switch (e->field) {
		case 0: *have = app->bytes; break;
		case 1: case 2: *have = app->nconns; break;
		default: *have = sim_app_settled(app); break;
		}
		snprintf(what, wl, "sink %u %s", e->q, server_fields[e->field]);
		return 0;
	}
	case EX_TRACE_COUNT: {
		struct lesson_fstat *f = trace_stat(r, e->a, e->host);

		*have = f ? (long long)f->count : 0;
		snprintf(what, wl, "calls of %s on %s", e->a, net->name);
		return 0;
	}
	case EX_STATUS:
		*have = r->last_status;
		snprintf(what, wl, "exit status of the last command");
		return 0;
	case EX_QDISC: {
		/* The qdiscs that feed the queues (mq's children, or the one
		 * root every queue shares), added up as `tc -s` does for mq. */
		struct Qdisc *seen[16];
		int nseen = 0;

		*have = 0;
		for (unsigned int i = 0; i < dev->real_num_tx_queues && nseen < 16; i++) {
			struct Qdisc *q = netdev_get_tx_queue(dev, i)->qdisc;
			bool dup = false;

			for (int k = 0; k < nseen; k++)
				dup |= seen[k] == q;
			if (!q || dup)
				continue;
			seen[nseen++] = q;
			switch (e->field) {
			case 0: *have += q->q.qlen; break;
			case 1: *have += q->qstats.backlog; break;
			case 2: *have += q->qstats.drops; break;
			case 3: *have += q->qstats.requeues; break;
			default: *have += q->qstats.overlimits; break;
			}
		}
		if (!nseen)
			return snprintf(what, wl, "%s has no qdisc", e->a), 1;
		snprintf(what, wl, "qdisc of %s %s", e->a, qdisc_fields[e->field]);
		return 0;
	}
	case EX_TXQ:
		if (e->q >= dev->real_num_tx_queues)
			return snprintf(what, wl, "%s has no TX queue %u", e->a, e->q), 1;
		*have = netif_tx_queue_stopped(netdev_get_tx_queue(dev, e->q));
		snprintf(what, wl, "%s queue %u stopped", e->a, e->q);
		return 0;
	case EX_SOCK: {
		struct socket *sock = net->files ? net->files->fd[e->q] : NULL;
		struct tcp_sock *tp;

		if (!sock || !sock->sk || sock->type != SOCK_STREAM)
			return snprintf(what, wl, "fd %u on %s is not a TCP socket", e->q,
					net->name), 1;
		tp = tcp_sk(sock->sk);
		switch (e->field) {
		case 0: *have = skb_queue_len(&sock->sk->sk_write_queue); break;
		case 1: *have = tp->snd_cwnd; break;
		case 2: *have = tp->snd_ssthresh; break;
		case 3: *have = tp->packets_out; break;
		case 4: *have = tp->total_retrans; break;
		default: {
			struct sk_buff *p = sock->sk->sk_send_head;
			long long n = 0;

			for (; p && p != (struct sk_buff *)&sock->sk->sk_write_queue;
			     p = p->next)
				n++;
			*have = n;
			break;
		}
		}
		snprintf(what, wl, "fd %u %s", e->q, sock_fields[e->field]);
		return 0;
	}
	case EX_DEV:
		switch (e->field) {
		case 0: *have = dev->mtu; break;
		case 1: *have = dev->stats.tx_packets; break;
		case 2: *have = dev->stats.rx_packets; break;
		case 3: *have = dev->stats.tx_dropped; break;
		default: *have = dev->stats.rx_dropped; break;
		}
		snprintf(what, wl, "%s %s", e->a, dev_fields[e->field]);
		return 0;
	default:
		break;
	}
	return snprintf(what, wl, "internal: no value"), 1;
}

static int
expect_eval(struct lesson_run *r, const struct lesson_expect *e, const char *src)
{
	char what[200];
	long long have;
	struct net *net = r->w->host[e->host];

	if (!net) {
		rerr(r, "expect %s: failed: there is no %s in this world", src,
		     sim_host_names[e->host]);
		return 0;
	}
	switch (e->kind) {
	case EX_NEIGH_STATE: {
		struct neigh_find f = { .addr = (__be32)e->q };

		neigh_for_each(net, neigh_find_cb, &f);
		if (e->want_state < 0 ? !f.n : f.n && f.n->nud_state == e->want_state)
			return 1;
		rerr(r, "expect %s: failed: %s %s", src, e->a,
		     f.n ? neigh_state_name(f.n->nud_state) : "has no entry");
		return 0;
	}
	case EX_TRACE_BEFORE: {
		struct lesson_fstat *a = trace_stat(r, e->a, e->host);
		struct lesson_fstat *b = trace_stat(r, e->b, e->host);

		if (a && (!b || a->first_seq < b->first_seq))
			return 1;
		rerr(r, "expect %s: failed: %s", src, !a ? "the first function was never entered" :
		     "the second function was entered first");
		return 0;
	}
	case EX_NOTE:
	case EX_TRACE_HAS: {
		char *p = r->notes ? r->notes + r->notes_start : NULL;
		char prefix[LESSON_FUNC_MAX + 4];

		snprintf(prefix, sizeof(prefix), "%s() ", e->a);
		for (; p && *p; p += strcspn(p, "\n") + 1) {
			size_t n = strcspn(p, "\n");
			char line[TRACE_FIELDS_MAX + 96];
			const char *body;

			snprintf(line, sizeof(line), "%.*s", (int)n, p);
			const char *sp;
			bool is_note;

			body = strchr(line, ' ') + 1;
			sp = strchr(body, ' ');
			is_note = sp && sp > body && sp[-1] == ':';	/* "func: ..." */
			if (atoi(line) == e->host &&
			    (e->kind == EX_NOTE ? is_note : !strncmp(body, prefix, strlen(prefix))) &&
			    strstr(body, e->text))
				return 1;
			if (!p[n])
				break;
		}
		if (e->kind == EX_NOTE)
			rerr(r, "expect %s: failed: no trace note on %s contains '%s'", src,
			     net->name, e->text);
		else
			rerr(r, "expect %s: failed: no call of %s on %s has '%s'", src, e->a,
			     net->name, e->text);
		return 0;
	}
	case EX_OUTPUT: {
		char *o;
		bool found;

		fflush(r->cap);
		o = strndup(r->capbuf + r->cmd_start, r->caplen - r->cmd_start);
		if (!o)
			abort();
		found = strstr(o, e->text) != NULL;
		free(o);
		if (found != e->negate)
			return 1;
		rerr(r, "expect %s: failed: the last command's output %s '%s'", src,
		     e->negate ? "contains" : "does not contain", e->text);
		return 0;
	}
	default:
		break;
	}
	if (expect_value(r, e, &have, what, sizeof(what))) {
		rerr(r, "expect %s: failed: %s", src, what);
		return 0;
	}
	if (cmp(have, e->op, e->value))
		return 1;
	rerr(r, "expect %s: failed: %s is %lld", src, what, have);
	return 0;
}

int
lesson_run_eval(struct lesson_run *r, const char *src)
{
	struct lesson_expect e;
	char why[256];

	if (expect_parse(src, &e, why, sizeof(why))) {
		rerr(r, "expect %s: %s", src, why);
		return -1;
	}
	return expect_eval(r, &e, src);
}

/* ======================================================================
 * Headless runner and command line
 * ==================================================================== */

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

static void
print_header(const struct lesson *l, FILE *out)
{
	fprintf(out, "== %s ==\n%s\n", l->title, l->summary);
	for (int i = 0; i < l->nkernel; i++)
		fprintf(out, "  kernel:  %s\n", l->kernel[i]);
	for (int i = 0; i < l->nnetstep; i++)
		fprintf(out, "  netstep: %s\n", l->netstep[i]);
	fprintf(out, "  TAP lab: %s\n", l->lab);
}

/* --trace and --pcapng for a lesson run, as main.c attaches them. */
struct lesson_files {
	FILE *trace;
	struct trace_text_state *text;
	struct sim_pcapng *pcapng;
};

static int
open_files(const struct lesson_outputs *o, struct sim_world *w, struct lesson_files *f,
	   FILE *err)
{
	char msg[256];

	memset(f, 0, sizeof(*f));
	if (!o)
		return 0;
	if (o->trace) {
		f->trace = fopen(o->trace, "w");
		if (!f->trace) {
			fprintf(err, "netstep: cannot write %s: %s\n", o->trace, strerror(errno));
			return 1;
		}
		trace_text_header(f->trace);
		f->text = trace_text_open(f->trace);
		if (trace_add_sink(&w->trace, trace_text_sink, f->text))
			return 1;
	}
	if (o->pcapng) {
		f->pcapng = sim_pcapng_open(o->pcapng, msg, sizeof(msg));
		if (!f->pcapng) {
			fprintf(err, "netstep: cannot write %s: %s\n", o->pcapng, msg);
			return 1;
		}
		sim_pcapng_attach(f->pcapng, &w->trace, w->host[SIM_STUDENT],
				  igb_port(w->host[SIM_STUDENT]->devs[0]));
	}
	return 0;
}

static int
close_files(struct lesson_files *f)
{
	int rc = 0;

	trace_text_close(f->text);
	if (f->trace && fclose(f->trace))
		rc = 1;
	if (sim_pcapng_close(f->pcapng))
		rc = 1;
	return rc;
}

/* See sim/lesson.h. */
int
lesson_open_world(const char *path, u32 seed, FILE *err, struct lesson **lp,
		  struct sim_world **wp)
{
	char msg[LESSON_ERR_MAX];
	struct lesson *l = lesson_load(path, msg, sizeof(msg));
	struct sim_world *w;
	int rc;

	if (!l) {
		fprintf(err, "%s\n", msg);
		return 2;
	}
	rc = lesson_validate(l, seed, err);
	if (rc) {
		lesson_free(l);
		return rc;
	}
	w = calloc(1, sizeof(*w));
	if (!w || sim_world_create(w, seed)) {
		fprintf(err, "netstep: cannot build the simulated network\n");
		free(w);
		lesson_free(l);
		return 1;
	}
	*lp = l;
	*wp = w;
	return 0;
}

/* See sim/lesson.h. */
int
lesson_close_world(struct lesson *l, struct sim_world *w, int rc, FILE *err)
{
	unsigned long leaked = skb_ledger_live(&w->ledger, err);

	if (leaked) {
		fprintf(err, "netstep: BUG: %lu skb(s) leaked\n", leaked);
		rc = rc ? rc : 1;
	}
	free(w);
	lesson_free(l);
	return rc;
}

int
lesson_run_file(const char *path, u32 seed, bool check, const struct lesson_outputs *o,
		FILE *out, FILE *err)
{
	struct lesson *l;
	struct sim_world *w;
	struct lesson_run *r;
	struct lesson_files files;
	const struct lesson_step *s;
	int rc;

	rc = lesson_open_world(path, seed, err, &l, &w);
	if (rc)
		return rc;
	if (!check)
		print_header(l, out);
	r = open_files(o, w, &files, err) ? NULL : lesson_run_create(l, w, check ? NULL : out);
	if (!r) {
		rc = 1;
		fprintf(err, "netstep: cannot start the lesson\n");
	}
	while (r && (s = lesson_next(l))) {
		if (lesson_run_step(r, s)) {
			fprintf(err, "%s\n", lesson_run_error(r));
			rc = 1;
			break;
		}
	}
	if (r && !rc && lesson_run_finish(r)) {
		fprintf(err, "%s: %s\n", path, lesson_run_error(r));
		rc = 1;
	}
	if (!rc)
		fprintf(out, "lesson %s: ok, %d check(s) passed\n", path,
			lesson_run_checks(r));
	lesson_run_destroy(r);
	trace_mute(&w->trace);
	sim_world_destroy(w);
	if (close_files(&files) && !rc) {
		fprintf(err, "netstep: error writing an output file\n");
		rc = 1;
	}
	return lesson_close_world(l, w, rc, err);
}

/* Calls @cb(number, file name) for each entry of DIR/ORDER.  0 or 2. */
static int
for_each_ordered(const char *dir, FILE *err, int (*cb)(void *, int, const char *), void *arg)
{
	char path[600], line[256];
	FILE *f;
	int n = 0, lineno = 0, rc = 0;

	snprintf(path, sizeof(path), "%s/ORDER", dir);
	f = fopen(path, "r");
	if (!f) {
		fprintf(err, "netstep: cannot read %s: %s\n", path, strerror(errno));
		return 2;
	}
	while (!rc && fgets(line, sizeof(line), f)) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		if (strchr(line, '/') || strchr(line, ' ')) {
			fprintf(err, "%s:%d: a file name in the lessons folder, please\n", path,
				lineno);
			return fclose(f), 2;
		}
		rc = cb(arg, ++n, line);
	}
	fclose(f);
	return rc;
}

struct list_ctx {
	const char *dir;
	FILE *out, *err;
	int want;			/* resolve: number wanted */
	char found[600];
};

static int
list_one(void *arg, int num, const char *name)
{
	struct list_ctx *c = arg;
	char path[600], msg[LESSON_ERR_MAX];
	struct lesson *l;
	int nl = (int)strlen(name);

	snprintf(path, sizeof(path), "%s/%s", c->dir, name);
	l = lesson_load(path, msg, sizeof(msg));
	if (!l) {
		fprintf(c->err, "%s\n", msg);
		return 2;
	}
	if (nl > 7 && !strcmp(name + nl - 7, ".lesson"))
		nl -= 7;
	fprintf(c->out, "%2d  %-22.*s %s\n", num, nl, name, l->summary);
	lesson_free(l);
	return 0;
}

int
lesson_list(const char *dir, FILE *out, FILE *err)
{
	struct list_ctx c = { .dir = dir, .out = out, .err = err };

	return for_each_ordered(dir, err, list_one, &c);
}

static int
find_numbered(void *arg, int num, const char *name)
{
	struct list_ctx *c = arg;

	if (num == c->want)
		snprintf(c->found, sizeof(c->found), "%s/%s", c->dir, name);
	return 0;
}

/* FILE as given, or a number from ORDER, or a name in the folder. */
static void
resolve_lesson(const char *dir, const char *arg, char *buf, size_t len)
{
	struct list_ctx c = { .dir = dir };
	char *end;
	long n = strtol(arg, &end, 10);
	FILE *null = fopen("/dev/null", "w");

	snprintf(buf, len, "%s", arg);
	if (!access(arg, R_OK) || strchr(arg, '/'))
		goto out;
	if (!*end && n > 0 && null) {
		c.want = n;
		c.err = null;
		if (!for_each_ordered(dir, null, find_numbered, &c) && c.found[0])
			snprintf(buf, len, "%s", c.found);
		goto out;
	}
	snprintf(buf, len, "%s/%s", dir, arg);
	if (access(buf, R_OK))
		snprintf(buf, len, "%s/%s.lesson", dir, arg);
out:
	if (null)
		fclose(null);
}

int
lesson_cli(int argc, char **argv, lesson_ui_fn ui)
{
	const char *lesson = NULL, *dir = NULL;
	struct lesson_outputs outs = { NULL, NULL };
	const char *missing = NULL;
	bool list = false, check = false, headless = false;
	struct lesson_ui_opts uiopts = { NULL, NULL };
	u32 seed = 1;
	char dirbuf[600], path[700];

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--trace") || !strcmp(argv[i], "--pcapng")) {
			/* Only taken here; checked once we know it is a lesson run. */
			if (i + 1 >= argc)
				missing = argv[i];
			else if (argv[i][2] == 't')
				outs.trace = argv[++i];
			else
				outs.pcapng = argv[++i];
		} else if (!strcmp(argv[i], "--keys") || !strcmp(argv[i], "--dump-screen")) {
			/* The UI's: see ui/ui.h. */
			if (i + 1 >= argc)
				missing = argv[i];
			else if (argv[i][2] == 'k')
				uiopts.keys = argv[++i];
			else
				uiopts.dump = argv[++i];
		} else if (!strcmp(argv[i], "--lesson") || !strcmp(argv[i], "--lessons-dir") ||
		    !strcmp(argv[i], "--seed")) {
			if (i + 1 >= argc) {
				fprintf(stderr, "netstep: option '%s' needs an argument\n", argv[i]);
				return 2;
			}
			if (argv[i][2] == 'l' && argv[i][8] == '\0')
				lesson = argv[++i];
			else if (argv[i][2] == 'l')
				dir = argv[++i];
			else {
				char *end;

				seed = strtoul(argv[++i], &end, 0);
				if (*end || !*argv[i]) {
					fprintf(stderr, "netstep: invalid --seed '%s'\n", argv[i]);
					return 2;
				}
			}
		} else if (!strncmp(argv[i], "--lesson=", 9)) {
			lesson = argv[i] + 9;
		} else if (!strcmp(argv[i], "--list-lessons")) {
			list = true;
		} else if (!strcmp(argv[i], "--check")) {
			check = true;
		} else if (!strcmp(argv[i], "--headless")) {
			headless = true;
		}
	}
	if (!lesson && !list) {
		if (check) {
			fprintf(stderr, "netstep: --check needs --lesson FILE\n");
			return 2;
		}
		return -1;
	}
	/* Anything else on the line does not belong with a lesson. */
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--lesson") || !strcmp(argv[i], "--lessons-dir") ||
		    !strcmp(argv[i], "--seed") || !strcmp(argv[i], "--trace") ||
		    !strcmp(argv[i], "--pcapng") || !strcmp(argv[i], "--keys") ||
		    !strcmp(argv[i], "--dump-screen")) {
			i++;
			continue;
		}
		if (strncmp(argv[i], "--lesson=", 9) && strcmp(argv[i], "--list-lessons") &&
		    strcmp(argv[i], "--check") && strcmp(argv[i], "--headless")) {
			fprintf(stderr, "netstep: '%s' cannot be used with --lesson/--list-lessons "
				"(see --help)\n", argv[i]);
			return 2;
		}
	}
	if (missing) {
		fprintf(stderr, "netstep: option '%s' needs an argument\n", missing);
		return 2;
	}
	if ((outs.trace && !strcmp(outs.trace, "-")) || (outs.pcapng && !strcmp(outs.pcapng, "-"))) {
		fprintf(stderr, "netstep: with --lesson, --trace and --pcapng need a file name\n");
		return 2;
	}
	if (!dir) {		/* --lessons-dir, else sim/datadir.h's rule */
		sim_lessons_dir(dirbuf, sizeof(dirbuf));
		dir = dirbuf;
	}
	if ((uiopts.keys || uiopts.dump) && (headless || list)) {
		fprintf(stderr, "netstep: %s is for the UI: drop --headless/--list-lessons\n",
			uiopts.keys ? "--keys" : "--dump-screen");
		return 2;
	}
	if (list)
		return lesson_list(dir, stdout, stderr);
	resolve_lesson(dir, lesson, path, sizeof(path));
	if (!headless) {
		if (ui)
			return ui(path, seed, &uiopts);
		fprintf(stderr, "netstep: the step-through UI cannot run lessons yet; run it as "
			"text: netstep --headless --lesson %s [--check]\n", lesson);
		return 2;
	}
	return lesson_run_file(path, seed, check, &outs, stdout, stderr);
}
