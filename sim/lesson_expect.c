/*
 * sim/lesson_expect.c - the subjects of `expect`: a small regular
 * language that reads the live model.
 *
 *   expect SUBJECT [on HOST] ARGS... [OP] VALUE
 *
 * OP is one of == != < <= > >= (default ==).  See lessons/README.md.
 *
 * No kernel counterpart.  Each subject is one entry of lesson_subjects[]
 * at the end of this file: its name, its usage line, how it parses (at
 * load time, so a bad check is a FILE:LINE error before anything runs)
 * and how it evaluates (against the world, or the trace the runner kept
 * since the last command: sim/lesson_run.c).  Names a check gives are
 * checked against what they name: `trace` against the traced functions
 * and their fields, `note` against the declared notes' fields.
 */
#include "sim/lesson_priv.h"
#include "sim/topology.h"
#include "sim/task.h"
#include "sim/app.h"
#include "layers/neighbour.h"
#include "layers/sch_generic.h"
#include "layers/sock.h"
#include "layers/tcp.h"
#include "nic/igb.h"

#include <stdlib.h>
#include <string.h>

enum lesson_op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE };
static const char *const op_names[] = { "==", "!=", "<", "<=", ">", ">=" };

#define LESSON_PAIRS_MAX	8	/* KEY=VALUE pairs in one check */
#define LESSON_VALUE_MAX	64

/* `trace ... has` and `note`: a field and the text it must print as. */
struct lesson_pair {
	char key[LESSON_FUNC_MAX];
	char value[LESSON_VALUE_MAX];	/* "" = only that the field is there */
};

/* Which variant of a subject (neigh, trace). */
enum lesson_ex_mode {
	EX_NEIGH_STATE, EX_NEIGH_QUEUE,
	EX_TRACE_COUNT, EX_TRACE_BEFORE, EX_TRACE_HAS,
};

struct lesson_expect {
	const struct lesson_subject *subj;
	int host;			/* SIM_* */
	enum lesson_ex_mode mode;
	char name[LESSON_FUNC_MAX];	/* as written: device, address, counter, note's FUNC */
	const struct trace_event_desc *ev;	/* trace: FUNC */
	const struct trace_event_desc *ev2;	/* trace before: FUNC2 */
	__be32 addr;			/* neigh */
	int field;			/* the subject's field; counter, softirq number */
	unsigned int q;			/* queue number, port, fd */
	int want_state;			/* neigh: NUD_* (-1: no entry) */
	bool flag;			/* ring: tx (else rx); output: lacks */
	enum lesson_op op;
	long long value;
	struct lesson_pair pair[LESSON_PAIRS_MAX];
	int npairs;
	char text[256];			/* output's TEXT; the pairs as written */
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

/* ---- parsing helpers ------------------------------------------------------ */

static int
usage(const struct lesson_expect *e, char *why, size_t wl)
{
	snprintf(why, wl, "usage: expect %s", e->subj->usage);
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

/* "[OP] VALUE" at a->w[i..], the last words: 0 or -1. */
static int
parse_cmp(struct lesson_expect *e, const struct lesson_args *a, int i, char *why, size_t wl)
{
	e->op = OP_EQ;
	if (i < a->n) {
		for (int k = 0; k < (int)ARRAY_SIZE(op_names); k++) {
			if (!strcmp(a->w[i], op_names[k])) {
				e->op = k;
				i++;
				break;
			}
		}
	}
	if (i >= a->n) {
		snprintf(why, wl, "a number is missing at the end");
		return -1;
	}
	if (i != a->n - 1) {
		snprintf(why, wl, "unexpected '%s' after the value", a->w[i + 1]);
		return -1;
	}
	if (!lesson_parse_ll(a->w[i], &e->value)) {
		snprintf(why, wl, "'%s' is not a number", a->w[i]);
		return -1;
	}
	return 0;
}

/* FIELD [OP] N, FIELD from @table, at a->w[i]. */
static int
parse_field_cmp(struct lesson_expect *e, const struct lesson_args *a, int i,
		const char *const *table, char *why, size_t wl)
{
	char list[200];

	e->field = lesson_word_index(table, a->w[i]);
	if (e->field < 0) {
		join_table(table, list, sizeof(list));
		snprintf(why, wl, "unknown %s field '%s' (%s)", e->subj->name, a->w[i], list);
		return -1;
	}
	return parse_cmp(e, a, i + 1, why, wl);
}

/* A queue number at a->w[i]. */
static int
parse_queue(struct lesson_expect *e, const struct lesson_args *a, int i, char *why, size_t wl)
{
	long long q;

	if (!lesson_parse_ll(a->w[i], &q) || q < 0 || q > 15) {
		snprintf(why, wl, "'%s' is not a queue number", a->w[i]);
		return -1;
	}
	e->q = (unsigned int)q;
	return 0;
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

/* KEY=VALUE words from a->w[from] to the end; the keys are the caller's to check. */
static int
parse_pairs(struct lesson_expect *e, const struct lesson_args *a, int from, char *why,
	    size_t wl)
{
	if (a->n - from > LESSON_PAIRS_MAX) {
		snprintf(why, wl, "at most %d KEY=VALUE pairs in one check", LESSON_PAIRS_MAX);
		return -1;
	}
	for (int i = from; i < a->n; i++) {
		struct lesson_pair *p = &e->pair[e->npairs++];
		const char *eq = strchr(a->w[i], '=');
		size_t klen = eq ? (size_t)(eq - a->w[i]) : 0;

		if (!eq || !klen || klen >= sizeof(p->key)) {
			snprintf(why, wl, "'%s' is not KEY=VALUE (usage: expect %s)", a->w[i],
				 e->subj->usage);
			return -1;
		}
		memcpy(p->key, a->w[i], klen);
		p->key[klen] = '\0';
		if (!lesson_is_ident(p->key)) {
			snprintf(why, wl, "'%s' is not a field name", p->key);
			return -1;
		}
		if (strlen(eq + 1) >= sizeof(p->value)) {
			snprintf(why, wl, "the value of %s is too long", p->key);
			return -1;
		}
		strcpy(p->value, eq + 1);
	}
	copy_text(e->text, sizeof(e->text), lesson_after_words(a->src, a->skip + from));
	return 0;
}

/* Can @f ever print as @v?  Catches a value that could never match. */
static const char *
value_misfit(const struct trace_field *f, const char *v)
{
	__be32 addr;
	size_t n;

	if (!*v)
		return NULL;	/* "the field is there" */
	switch (f->type) {
	case TF_UINT:
		n = strspn(v, "0123456789");
		return v[n] ? "a number" : NULL;
	case TF_SINT:
		n = strspn(v + (*v == '-'), "0123456789");
		return n && !v[n + (*v == '-')] ? NULL : "a number";
	case TF_HEX:
		n = strspn(v + 2, "0123456789abcdef");
		return !strncmp(v, "0x", 2) && n && !v[n + 2] ? NULL : "0x and hex digits";
	case TF_IP4:
		return parse_ip(v, &addr) ? NULL : "an IPv4 address";
	case TF_SKB:
		n = strspn(v + 4, "0123456789");
		return !strncmp(v, "skb#", 4) && n && !v[n + 4] ? NULL : "skb#N";
	default:
		return NULL;	/* names, addresses and custom texts: compared as written */
	}
}

/* Do @d's fields include every pair's key, with a value it can print? */
static bool
desc_fits(const struct trace_event_desc *d, const struct lesson_expect *e)
{
	for (int i = 0; i < e->npairs; i++) {
		const struct trace_field *f = trace_desc_field(d, e->pair[i].key);

		if (!f || value_misfit(f, e->pair[i].value))
			return false;
	}
	return true;
}

/* ---- evaluation helpers --------------------------------------------------- */

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

/* A numeric check: @have against the expect's [OP] VALUE; @what names it. */
static int
check_value(const struct lesson_expect *e, long long have, const char *what, char *why,
	    size_t wl)
{
	if (cmp(have, e->op, e->value))
		return 1;
	snprintf(why, wl, "%s is %lld", what, have);
	return 0;
}

/* The device a check names, or NULL with @why. */
static struct net_device *
expect_dev(struct net *net, const struct lesson_expect *e, char *why, size_t wl)
{
	struct net_device *dev = dev_get_by_name(net, e->name);

	if (!dev)
		snprintf(why, wl, "%s has no device %s", net->name, e->name);
	return dev;
}

/* Where @f sits in the packed data of an event of @d. */
static unsigned int
field_offset(const struct trace_event_desc *d, const struct trace_field *f)
{
	unsigned int off = 0;

	for (const struct trace_field *p = d->fields; p != f; p++)
		off += p->size;
	return off;
}

/* The field @key of @rec as the trace prints it; false if it has none. */
static bool
rec_field_text(const struct trace_rec *rec, const char *key, char *buf, size_t len)
{
	const struct trace_event_desc *d = trace_rec_desc(rec);
	const struct trace_field *f = d ? trace_desc_field(d, key) : NULL;
	struct trace_buf b;

	if (!f)
		return false;
	trace_buf_init(&b, buf, len);
	trace_field_print(&b, f, rec->data + field_offset(d, f));
	return true;
}

/* Does @rec hold every KEY=VALUE of @e? */
static bool
rec_matches(const struct trace_rec *rec, const struct lesson_expect *e)
{
	char text[128];

	for (int i = 0; i < e->npairs; i++) {
		const struct lesson_pair *p = &e->pair[i];

		if (!rec_field_text(rec, p->key, text, sizeof(text)))
			return false;
		if (p->value[0] && strcmp(text, p->value))
			return false;
	}
	return true;
}

/* " (N later events were not kept)" when the runner had to drop some. */
static void
lost_note(const struct lesson_run *r, char *buf, size_t len)
{
	buf[0] = '\0';
	if (r->recs_lost)
		snprintf(buf, len, " (%lu later events were not kept)", r->recs_lost);
}

/* ---- neigh ADDR STATE|NONE, neigh ADDR queue [OP] N ------------------------ */

static int
ex_neigh_parse(struct lesson_expect *e, const struct lesson_args *a, char *why, size_t wl)
{
	char list[200];

	if (!parse_ip(a->w[0], &e->addr)) {
		snprintf(why, wl, "'%s' is not an IPv4 address", a->w[0]);
		return -1;
	}
	snprintf(e->name, sizeof(e->name), "%s", a->w[0]);
	if (!strcmp(a->w[1], "queue")) {
		e->mode = EX_NEIGH_QUEUE;
		return parse_cmp(e, a, 2, why, wl);
	}
	e->mode = EX_NEIGH_STATE;
	if (a->n != 2)
		return usage(e, why, wl);
	if (!strcmp(a->w[1], "NONE")) {
		e->want_state = -1;
		return 0;
	}
	e->want_state = lesson_word_index(nud_names, a->w[1]);
	if (e->want_state < 0) {
		join_table(nud_names, list, sizeof(list));
		snprintf(why, wl, "unknown NUD state '%s' (%s|NONE)", a->w[1], list);
		return -1;
	}
	e->want_state = nud_values[e->want_state];
	return 0;
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

static int
ex_neigh_eval(struct lesson_run *r, const struct lesson_expect *e, struct net *net, char *why,
	      size_t wl)
{
	struct neigh_find f = { .addr = e->addr };
	char what[100];

	(void)r;
	neigh_for_each(net, neigh_find_cb, &f);
	if (e->mode == EX_NEIGH_QUEUE) {
		if (!f.n)
			return snprintf(why, wl, "%s has no neighbour %s", net->name, e->name), 0;
		snprintf(what, sizeof(what), "arp_queue of %s", e->name);
		return check_value(e, skb_queue_len(&f.n->arp_queue), what, why, wl);
	}
	if (e->want_state < 0 ? !f.n : f.n && f.n->nud_state == e->want_state)
		return 1;
	snprintf(why, wl, "%s %s", e->name, f.n ? sim_neigh_state_name(f.n->nud_state) :
		 "has no entry");
	return 0;
}

/* ---- skb FIELD [OP] N: the current skb -------------------------------------- */

static int
ex_skb_parse(struct lesson_expect *e, const struct lesson_args *a, char *why, size_t wl)
{
	return parse_field_cmp(e, a, 0, skb_fields, why, wl);
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

static int
ex_skb_eval(struct lesson_run *r, const struct lesson_expect *e, struct net *net, char *why,
	    size_t wl)
{
	struct sk_buff *skb = find_skb(r, r->cur_skb);
	char what[100];
	long long have;

	(void)net;
	if (!r->cur_skb)
		return snprintf(why, wl, "no current skb (no break has stopped on one)"), 0;
	snprintf(what, sizeof(what), "skb#%u %s", r->cur_skb, skb_fields[e->field]);
	if (e->field == 4)
		return check_value(e, skb != NULL, what, why, wl);
	if (!skb)
		return snprintf(why, wl, "skb#%u has been freed", r->cur_skb), 0;
	switch (e->field) {
	case 0: have = skb_shinfo(skb)->dataref & SKB_DATAREF_MASK; break;
	case 1: have = skb->users; break;
	case 2: have = skb->len; break;
	case 3: have = skb->cloned; break;
	default: have = skb_on_write_queue(r, skb); break;
	}
	return check_value(e, have, what, why, wl);
}

/* ---- ring DEV tx|rx QUEUE FIELD [OP] N -------------------------------------- */

static int
ex_ring_parse(struct lesson_expect *e, const struct lesson_args *a, char *why, size_t wl)
{
	snprintf(e->name, sizeof(e->name), "%s", a->w[0]);
	if (strcmp(a->w[1], "tx") && strcmp(a->w[1], "rx")) {
		snprintf(why, wl, "ring direction must be tx or rx, not '%s'", a->w[1]);
		return -1;
	}
	e->flag = !strcmp(a->w[1], "tx");
	if (parse_queue(e, a, 2, why, wl))
		return -1;
	return parse_field_cmp(e, a, 3, ring_fields, why, wl);
}

static int
ex_ring_eval(struct lesson_run *r, const struct lesson_expect *e, struct net *net, char *why,
	     size_t wl)
{
	struct net_device *dev = expect_dev(net, e, why, wl);
	const char *dir = e->flag ? "tx" : "rx";
	struct igb_adapter *adapter;
	struct igb_ring *ring;
	char what[100];
	long long have;

	(void)r;
	if (!dev)
		return 0;
	if (!sim_igb_card(dev))
		return snprintf(why, wl, "%s is not an igb device", e->name), 0;
	adapter = netdev_priv(dev);
	if ((int)e->q >= (e->flag ? adapter->num_tx_queues : adapter->num_rx_queues))
		return snprintf(why, wl, "%s has no %s ring %u", e->name, dir, e->q), 0;
	ring = e->flag ? adapter->tx_ring[e->q] : adapter->rx_ring[e->q];
	if (!ring)
		return snprintf(why, wl, "%s %s ring %u is not set up", e->name, dir, e->q), 0;
	switch (e->field) {
	case 0: have = ring->next_to_use; break;
	case 1: have = ring->next_to_clean; break;
	case 2: have = ring->count; break;
	case 3: have = ring->count ? igb_desc_unused(ring) : 0; break;
	default: have = ring->count ? ring->count - 1 - igb_desc_unused(ring) : 0; break;
	}
	snprintf(what, sizeof(what), "%s %s ring %u %s", e->name, dir, e->q,
		 ring_fields[e->field]);
	return check_value(e, have, what, why, wl);
}

/* ---- counter NAME [OP] N ------------------------------------------------------ */

/* NAME (a->w[0]) one of @n @names (a table with no NULL end):
 * e->field is its index; false if NAME is none of them. */
static bool
parse_name(struct lesson_expect *e, const struct lesson_args *a, const char *const *names, int n)
{
	for (e->field = 0; e->field < n; e->field++)
		if (!strcmp(a->w[0], names[e->field])) {
			snprintf(e->name, sizeof(e->name), "%s", a->w[0]);
			return true;
		}
	return false;
}

static int
ex_counter_parse(struct lesson_expect *e, const struct lesson_args *a, char *why, size_t wl)
{
	if (!parse_name(e, a, sim_snmp_counter_name, SNMP_MIB_MAX) &&
	    !parse_name(e, a, sim_snmp_counter_label, SNMP_MIB_MAX)) {
		snprintf(why, wl, "unknown counter '%s' (see nstat -az)", a->w[0]);
		return -1;
	}
	return parse_cmp(e, a, 1, why, wl);
}

static int
ex_counter_eval(struct lesson_run *r, const struct lesson_expect *e, struct net *net, char *why,
		size_t wl)
{
	char what[100];

	(void)r;
	snprintf(what, sizeof(what), "%s on %s", e->name, net->name);
	return check_value(e, net->mib[e->field], what, why, wl);
}

/* ---- softirq NAME [OP] N ------------------------------------------------------ */

static int
ex_softirq_parse(struct lesson_expect *e, const struct lesson_args *a, char *why, size_t wl)
{
	if (!parse_name(e, a, softirq_to_name, NR_SOFTIRQS)) {
		snprintf(why, wl, "unknown softirq '%s' (NET_TX, NET_RX, TIMER ...)", a->w[0]);
		return -1;
	}
	return parse_cmp(e, a, 1, why, wl);
}

static int
ex_softirq_eval(struct lesson_run *r, const struct lesson_expect *e, struct net *net, char *why,
		size_t wl)
{
	char what[100];

	(void)r;
	snprintf(what, sizeof(what), "%s softirqs on %s", e->name, net->name);
	return check_value(e, net->cpu.softirq_count[e->field], what, why, wl);
}

/* ---- server PORT FIELD [OP] N: a sink of sim/app.h ---------------------------- */

static int
ex_server_parse(struct lesson_expect *e, const struct lesson_args *a, char *why, size_t wl)
{
	long long port;

	if (!lesson_parse_ll(a->w[0], &port) || port <= 0 || port > 65535) {
		snprintf(why, wl, "'%s' is not a port", a->w[0]);
		return -1;
	}
	e->q = (unsigned int)port;
	return parse_field_cmp(e, a, 1, server_fields, why, wl);
}

static int
ex_server_eval(struct lesson_run *r, const struct lesson_expect *e, struct net *net, char *why,
	       size_t wl)
{
	struct sim_app *app = sim_app_find(net, IPPROTO_TCP, e->q);
	char what[100];
	long long have;

	(void)r;
	if (!app)
		app = sim_app_find(net, IPPROTO_UDP, e->q);
	if (!app)
		return snprintf(why, wl, "no sink on %s port %u", net->name, e->q), 0;
	switch (e->field) {
	case 0: have = app->bytes; break;
	case 1: case 2: have = app->nconns; break;
	default: have = sim_app_settled(app); break;
	}
	snprintf(what, sizeof(what), "sink %u %s", e->q, server_fields[e->field]);
	return check_value(e, have, what, why, wl);
}

/* ---- trace FUNC [count [OP] N | never | before FUNC2 | has KEY=VALUE...] -------- */

static int
ex_trace_parse(struct lesson_expect *e, const struct lesson_args *a, char *why, size_t wl)
{
	const char *how = a->n > 1 ? a->w[1] : "";

	if (!lesson_is_ident(a->w[0])) {
		snprintf(why, wl, "'%s' is not a function name", a->w[0]);
		return -1;
	}
	/* FUNC alone: entered at least once; never: not at all. */
	e->mode = EX_TRACE_COUNT;
	e->op = a->n == 1 ? OP_GE : OP_EQ;
	e->value = a->n == 1;
	if (!strcmp(how, "before") && a->n == 3)
		e->mode = EX_TRACE_BEFORE;
	else if (!strcmp(how, "has") && a->n >= 3)
		e->mode = EX_TRACE_HAS;
	else if (a->n != 1 && strcmp(how, "count") && (strcmp(how, "never") || a->n != 2))
		return usage(e, why, wl);
	e->ev = lesson_func_find(a->w[0], why, wl);
	if (!e->ev)
		return -1;
	if (!strcmp(how, "count"))
		return parse_cmp(e, a, 2, why, wl);
	if (e->mode == EX_TRACE_BEFORE) {
		e->ev2 = lesson_func_find(a->w[2], why, wl);
		return e->ev2 ? 0 : -1;
	}
	if (e->mode != EX_TRACE_HAS)
		return 0;
	if (parse_pairs(e, a, 2, why, wl))
		return -1;
	for (int i = 0; i < e->npairs; i++) {
		const struct trace_field *f = trace_desc_field(e->ev, e->pair[i].key);
		const char *kind = f ? value_misfit(f, e->pair[i].value) : NULL;
		struct trace_buf b;

		if (kind) {
			snprintf(why, wl, "'%s' can never be %s's %s (%s)", e->pair[i].value,
				 e->ev->name, f->name, kind);
			return -1;
		}
		if (f)
			continue;
		trace_buf_init(&b, why, wl);
		trace_buf_printf(&b, "%s has no field '%s' (its fields:", e->ev->name,
				 e->pair[i].key);
		for (unsigned int k = 0; k < e->ev->nfields; k++)
			trace_buf_printf(&b, " %s", e->ev->fields[k].name);
		trace_buf_puts(&b, e->ev->nfields ? ")" : " none)");
		return -1;
	}
	return 0;
}

/* Some call of FUNC printed every KEY=VALUE; else why not, with what the last call had. */
static int
ex_trace_has_eval(struct lesson_run *r, const struct lesson_expect *e, struct net *net,
		  char *why, size_t wl)
{
	const struct trace_rec *last = NULL;
	char lost[64], text[128];
	struct trace_buf b;

	for (size_t i = 0; i < r->nrecs; i++) {
		const struct trace_rec *rec = &r->recs[i];

		if (rec->kind != TRACE_ENTER || rec->site->ev != e->ev ||
		    trace_rec_host(&r->w->trace, rec) != net)
			continue;
		if (rec_matches(rec, e))
			return 1;
		last = rec;
	}
	lost_note(r, lost, sizeof(lost));
	trace_buf_init(&b, why, wl);
	trace_buf_printf(&b, "no call of %s on %s has %s", e->ev->name, net->name, e->text);
	if (last) {
		trace_buf_puts(&b, " (the last had");
		for (int i = 0; i < e->npairs; i++) {
			rec_field_text(last, e->pair[i].key, text, sizeof(text));
			trace_buf_printf(&b, " %s=%s", e->pair[i].key, text);
		}
		trace_buf_putc(&b, ')');
	}
	trace_buf_puts(&b, lost);
	return 0;
}

static int
ex_trace_eval(struct lesson_run *r, const struct lesson_expect *e, struct net *net, char *why,
	      size_t wl)
{
	const struct lesson_fstat *a, *b;
	char what[160];

	switch (e->mode) {
	case EX_TRACE_BEFORE:
		a = lesson_run_calls(r, e->ev, e->host);
		b = lesson_run_calls(r, e->ev2, e->host);
		if (a && (!b || a->first_seq < b->first_seq))
			return 1;
		snprintf(why, wl, "%s", !a ? "the first function was never entered" :
			 "the second function was entered first");
		return 0;
	case EX_TRACE_HAS:
		return ex_trace_has_eval(r, e, net, why, wl);
	default:
		a = lesson_run_calls(r, e->ev, e->host);
		snprintf(what, sizeof(what), "calls of %s on %s", e->ev->name, net->name);
		return check_value(e, a ? (long long)a->count : 0, what, why, wl);
	}
}

/* ---- note [FUNC:] KEY=VALUE...: a note (in FUNC) with these fields ------------ */

static int
ex_note_parse(struct lesson_expect *e, const struct lesson_args *a, char *why, size_t wl)
{
	size_t n = strlen(a->w[0]);
	int from = 0, fits = 0;

	if (a->w[0][n - 1] == ':' && !strchr(a->w[0], '=')) {
		/* The C function the note sits in, as the trace shows it: it
		 * may be an untraced helper (skb_release_data), so it cannot
		 * be checked against the declarations. */
		snprintf(e->name, sizeof(e->name), "%.*s", (int)(n - 1), a->w[0]);
		if (n - 1 >= sizeof(e->name) || !lesson_is_ident(e->name)) {
			snprintf(why, wl, "'%s' is not a function name", a->w[0]);
			return -1;
		}
		from = 1;
	}
	if (a->n == from)
		return usage(e, why, wl);
	if (parse_pairs(e, a, from, why, wl))
		return -1;
	for (int i = 0; i < e->npairs; i++) {
		struct trace_suggest sg;
		char hint[3 * LESSON_FUNC_MAX + 32];
		bool known = false;

		trace_suggest_init(&sg, e->pair[i].key);
		for (unsigned int k = 0; k < trace_events_count && !known; k++) {
			const struct trace_event_desc *d = trace_events_all[k];

			for (unsigned int f = 0; d->is_note && f < d->nfields; f++)
				trace_suggest_add(&sg, d->fields[f].name);
			known = d->is_note && trace_desc_field(d, e->pair[i].key);
		}
		if (!known) {
			trace_suggest_str(&sg, hint, sizeof(hint));
			snprintf(why, wl, "no declared note has a field '%s'%s", e->pair[i].key,
				 hint);
			return -1;
		}
	}
	for (unsigned int k = 0; k < trace_events_count; k++)
		fits += trace_events_all[k]->is_note && desc_fits(trace_events_all[k], e);
	if (!fits) {
		snprintf(why, wl, "no declared note can have %s (the fields belong to different "
			 "notes, or a value is not one they print)", e->text);
		return -1;
	}
	return 0;
}

static int
ex_note_eval(struct lesson_run *r, const struct lesson_expect *e, struct net *net, char *why,
	     size_t wl)
{
	char lost[64];

	for (size_t i = 0; i < r->nrecs; i++) {
		const struct trace_rec *rec = &r->recs[i];

		if (rec->kind != TRACE_NOTE || trace_rec_host(&r->w->trace, rec) != net)
			continue;
		if ((!e->name[0] || !strcmp(trace_rec_func(rec), e->name)) && rec_matches(rec, e))
			return 1;
	}
	lost_note(r, lost, sizeof(lost));
	snprintf(why, wl, "no note%s%s on %s has %s%s", e->name[0] ? " in " : "", e->name,
		 net->name, e->text, lost);
	return 0;
}

/* ---- output contains|lacks TEXT, status [OP] N: the last command ------------ */

static int
ex_output_parse(struct lesson_expect *e, const struct lesson_args *a, char *why, size_t wl)
{
	if (strcmp(a->w[0], "contains") && strcmp(a->w[0], "lacks")) {
		snprintf(why, wl, "expect output needs 'contains' or 'lacks', not '%s'", a->w[0]);
		return -1;
	}
	e->flag = !strcmp(a->w[0], "lacks");
	copy_text(e->text, sizeof(e->text), lesson_after_words(a->src, a->skip + 1));
	return 0;
}

static int
ex_output_eval(struct lesson_run *r, const struct lesson_expect *e, struct net *net, char *why,
	       size_t wl)
{
	const char *out;
	size_t len;
	char *o;
	bool found;

	(void)net;
	out = lesson_run_output(r, &len);
	o = strndup(out, len);
	if (!o)
		abort();
	found = strstr(o, e->text) != NULL;
	free(o);
	if (found != e->flag)
		return 1;
	snprintf(why, wl, "the last command's output %s '%s'",
		 e->flag ? "contains" : "does not contain", e->text);
	return 0;
}

static int
ex_status_parse(struct lesson_expect *e, const struct lesson_args *a, char *why, size_t wl)
{
	return parse_cmp(e, a, 0, why, wl);
}

static int
ex_status_eval(struct lesson_run *r, const struct lesson_expect *e, struct net *net, char *why,
	       size_t wl)
{
	(void)net;
	if (r->in_call) {
		/* Stopped inside the command's own call: it has not returned. */
		snprintf(why, wl, "the command has not returned yet (the break stopped inside "
			 "its call)");
		return 0;
	}
	return check_value(e, r->last_status, "exit status of the last command", why, wl);
}

/* ---- qdisc DEV FIELD [OP] N, txq DEV QUEUE stopped|running -------------------- */

/* DEV FIELD [OP] N, for qdisc and dev. */
static int
ex_dev_field_parse(struct lesson_expect *e, const struct lesson_args *a, const char *const *table,
		   char *why, size_t wl)
{
	snprintf(e->name, sizeof(e->name), "%s", a->w[0]);
	return parse_field_cmp(e, a, 1, table, why, wl);
}

static int
ex_qdisc_parse(struct lesson_expect *e, const struct lesson_args *a, char *why, size_t wl)
{
	return ex_dev_field_parse(e, a, qdisc_fields, why, wl);
}

static int
ex_qdisc_eval(struct lesson_run *r, const struct lesson_expect *e, struct net *net, char *why,
	      size_t wl)
{
	struct net_device *dev = expect_dev(net, e, why, wl);
	/* The qdiscs that feed the queues (mq's children, or the one root
	 * every queue shares), added up as `tc -s` does for mq. */
	struct Qdisc *seen[16];
	int nseen = 0;
	long long have = 0;
	char what[100];

	(void)r;
	if (!dev)
		return 0;
	for (unsigned int i = 0; i < dev->real_num_tx_queues && nseen < 16; i++) {
		struct Qdisc *q = netdev_get_tx_queue(dev, i)->qdisc;
		bool dup = false;

		for (int k = 0; k < nseen; k++)
			dup |= seen[k] == q;
		if (!q || dup)
			continue;
		seen[nseen++] = q;
		switch (e->field) {
		case 0: have += q->q.qlen; break;
		case 1: have += q->qstats.backlog; break;
		case 2: have += q->qstats.drops; break;
		case 3: have += q->qstats.requeues; break;
		default: have += q->qstats.overlimits; break;
		}
	}
	if (!nseen)
		return snprintf(why, wl, "%s has no qdisc", e->name), 0;
	snprintf(what, sizeof(what), "qdisc of %s %s", e->name, qdisc_fields[e->field]);
	return check_value(e, have, what, why, wl);
}

static int
ex_txq_parse(struct lesson_expect *e, const struct lesson_args *a, char *why, size_t wl)
{
	snprintf(e->name, sizeof(e->name), "%s", a->w[0]);
	if (parse_queue(e, a, 1, why, wl))
		return -1;
	if (a->n != 3 || (strcmp(a->w[2], "stopped") && strcmp(a->w[2], "running")))
		return usage(e, why, wl);
	e->op = OP_EQ;
	e->value = !strcmp(a->w[2], "stopped");
	return 0;
}

static int
ex_txq_eval(struct lesson_run *r, const struct lesson_expect *e, struct net *net, char *why,
	    size_t wl)
{
	struct net_device *dev = expect_dev(net, e, why, wl);
	char what[100];

	(void)r;
	if (!dev)
		return 0;
	if (e->q >= dev->real_num_tx_queues)
		return snprintf(why, wl, "%s has no TX queue %u", e->name, e->q), 0;
	snprintf(what, sizeof(what), "%s queue %u stopped", e->name, e->q);
	return check_value(e, netif_tx_queue_stopped(netdev_get_tx_queue(dev, e->q)), what, why,
			   wl);
}

/* ---- sock FD FIELD [OP] N, dev DEV FIELD [OP] N -------------------------------- */

static int
ex_sock_parse(struct lesson_expect *e, const struct lesson_args *a, char *why, size_t wl)
{
	long long fd;

	if (!lesson_parse_ll(a->w[0], &fd) || fd < 0 || fd >= SIM_NR_OPEN) {
		snprintf(why, wl, "'%s' is not a descriptor", a->w[0]);
		return -1;
	}
	e->q = (unsigned int)fd;
	return parse_field_cmp(e, a, 1, sock_fields, why, wl);
}

static int
ex_sock_eval(struct lesson_run *r, const struct lesson_expect *e, struct net *net, char *why,
	     size_t wl)
{
	struct socket *sock = net->files ? net->files->fd[e->q] : NULL;
	struct sk_buff *p;
	struct tcp_sock *tp;
	long long have = 0;
	char what[100];

	(void)r;
	if (!sock || !sock->sk || sock->type != SOCK_STREAM)
		return snprintf(why, wl, "fd %u on %s is not a TCP socket", e->q, net->name), 0;
	tp = tcp_sk(sock->sk);
	switch (e->field) {
	case 0: have = skb_queue_len(&sock->sk->sk_write_queue); break;
	case 1: have = tp->snd_cwnd; break;
	case 2: have = tp->snd_ssthresh; break;
	case 3: have = tp->packets_out; break;
	case 4: have = tp->total_retrans; break;
	default:
		for (p = sock->sk->sk_send_head;
		     p && p != (struct sk_buff *)&sock->sk->sk_write_queue; p = p->next)
			have++;
		break;
	}
	snprintf(what, sizeof(what), "fd %u %s", e->q, sock_fields[e->field]);
	return check_value(e, have, what, why, wl);
}

static int
ex_dev_parse(struct lesson_expect *e, const struct lesson_args *a, char *why, size_t wl)
{
	return ex_dev_field_parse(e, a, dev_fields, why, wl);
}

static int
ex_dev_eval(struct lesson_run *r, const struct lesson_expect *e, struct net *net, char *why,
	    size_t wl)
{
	struct net_device *dev = expect_dev(net, e, why, wl);
	char what[100];
	long long have;

	(void)r;
	if (!dev)
		return 0;
	switch (e->field) {
	case 0: have = dev->mtu; break;
	case 1: have = dev->stats.tx_packets; break;
	case 2: have = dev->stats.rx_packets; break;
	case 3: have = dev->stats.tx_dropped; break;
	default: have = dev->stats.rx_dropped; break;
	}
	snprintf(what, sizeof(what), "%s %s", e->name, dev_fields[e->field]);
	return check_value(e, have, what, why, wl);
}

/* ---- the table ---------------------------------------------------------------- */

const struct lesson_subject lesson_subjects[] = {
	LESSON_SUBJECT("neigh", SIM_STUDENT, 2,
		       "neigh [on HOST] ADDR STATE|NONE  or  neigh ADDR queue [OP] N",
		       ex_neigh_parse, ex_neigh_eval),
	LESSON_SUBJECT("skb", SIM_STUDENT, 2, "skb FIELD [OP] N", ex_skb_parse, ex_skb_eval),
	LESSON_SUBJECT("ring", SIM_STUDENT, 5, "ring [on HOST] DEV tx|rx QUEUE FIELD [OP] N",
		       ex_ring_parse, ex_ring_eval),
	LESSON_SUBJECT("counter", SIM_STUDENT, 2, "counter [on HOST] NAME [OP] N",
		       ex_counter_parse, ex_counter_eval),
	LESSON_SUBJECT("softirq", SIM_STUDENT, 2, "softirq [on HOST] NET_TX|NET_RX|TIMER... [OP] N",
		       ex_softirq_parse, ex_softirq_eval),
	LESSON_SUBJECT("server", SIM_SERVER, 3, "server [on HOST] PORT FIELD [OP] N",
		       ex_server_parse, ex_server_eval),
	LESSON_SUBJECT("trace", SIM_STUDENT, 1,
		       "trace [on HOST] FUNC [count [OP] N | before FUNC2 | has KEY=VALUE... "
		       "| never]", ex_trace_parse, ex_trace_eval),
	LESSON_SUBJECT("note", SIM_STUDENT, 1, "note [on HOST] [FUNC:] KEY=VALUE...",
		       ex_note_parse, ex_note_eval),
	LESSON_SUBJECT("output", SIM_STUDENT, 2, "output contains|lacks TEXT",
		       ex_output_parse, ex_output_eval),
	LESSON_SUBJECT("status", SIM_STUDENT, 0, "status [OP] N", ex_status_parse, ex_status_eval),
	LESSON_SUBJECT("qdisc", SIM_STUDENT, 3, "qdisc [on HOST] DEV FIELD [OP] N",
		       ex_qdisc_parse, ex_qdisc_eval),
	LESSON_SUBJECT("txq", SIM_STUDENT, 3, "txq [on HOST] DEV QUEUE stopped|running",
		       ex_txq_parse, ex_txq_eval),
	LESSON_SUBJECT("sock", SIM_STUDENT, 3, "sock [on HOST] FD FIELD [OP] N",
		       ex_sock_parse, ex_sock_eval),
	LESSON_SUBJECT("dev", SIM_STUDENT, 3, "dev [on HOST] DEV FIELD [OP] N",
		       ex_dev_parse, ex_dev_eval),
};
const unsigned int lesson_nsubjects = ARRAY_SIZE(lesson_subjects);

/* ---- parse and evaluate --------------------------------------------------------- */

/* "neigh, skb, ring, ...": the subjects' names. */
static void
subject_names(char *buf, size_t len)
{
	struct trace_buf b;

	trace_buf_init(&b, buf, len);
	for (unsigned int i = 0; i < lesson_nsubjects; i++)
		trace_buf_printf(&b, "%s%s", i ? ", " : "", lesson_subjects[i].name);
}

struct lesson_expect *
lesson_expect_parse(const char *src, char *why, size_t wl)
{
	struct lesson_expect *e;
	char buf[CONSOLE_MAX_LINE + 64], names[160];
	char *w[24];
	int n = lesson_split_words(src, buf, sizeof(buf), w, 24);
	struct lesson_args a = { .w = w + 1, .n = n - 1, .src = src, .skip = 1 };

	if (n < 0) {
		snprintf(why, wl, "too many words in expect");
		return NULL;
	}
	subject_names(names, sizeof(names));
	if (n == 0) {
		snprintf(why, wl, "expect needs a subject (%s)", names);
		return NULL;
	}
	e = calloc(1, sizeof(*e));
	if (!e)
		abort();
	for (unsigned int i = 0; i < lesson_nsubjects && !e->subj; i++)
		if (!strcmp(w[0], lesson_subjects[i].name))
			e->subj = &lesson_subjects[i];
	if (!e->subj) {
		snprintf(why, wl, "unknown expect subject '%s' (%s)", w[0], names);
		goto fail;
	}
	e->host = e->subj->host;
	if (n >= 3 && !strcmp(w[1], "on")) {
		e->host = lesson_host_index(w[2]);
		if (e->host < 0) {
			snprintf(why, wl, "unknown host '%s' (student, router or server)", w[2]);
			goto fail;
		}
		a.w += 2;
		a.n -= 2;
		a.skip += 2;
	}
	if (a.n < e->subj->min_words) {
		usage(e, why, wl);
		goto fail;
	}
	if (e->subj->parse(e, &a, why, wl))
		goto fail;
	return e;
fail:
	free(e);
	return NULL;
}

int
lesson_expect_eval(struct lesson_run *r, const struct lesson_expect *e, const char *src)
{
	struct net *net = r->w->host[e->host];
	char why[LESSON_ERR_MAX / 2], reason[LESSON_ERR_MAX / 2 + 16];

	if (!net)
		snprintf(why, sizeof(why), "there is no %s in this world",
			 sim_host_names[e->host]);
	else if (e->subj->eval(r, e, net, why, sizeof(why)))
		return 1;
	snprintf(reason, sizeof(reason), ": failed: %s", why);
	lesson_fail(r, "expect ", src, reason);
	return 0;
}

int
lesson_run_eval(struct lesson_run *r, const char *src)
{
	struct lesson_expect *e;
	char why[LESSON_ERR_MAX / 2], reason[LESSON_ERR_MAX / 2 + 4];
	int rc;

	e = lesson_expect_parse(src, why, sizeof(why));
	if (!e) {
		snprintf(reason, sizeof(reason), ": %s", why);
		lesson_fail(r, "expect ", src, reason);
		return -1;
	}
	rc = lesson_expect_eval(r, e, src);
	free(e);
	return rc;
}
