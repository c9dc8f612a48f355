/*
 * ui/ui_snap.c - the recorder: a trace sink and a wire tap that keep
 * the history of events and, where asked, what each pane of the UI
 * shows; and the replay that rebuilds a step's panes.
 *
 * No kernel counterpart (see ui/ui_snap.h for the design).  Everything
 * here only reads the model: the skb ledger, the route table (its rows
 * through sim_fib_for_each_row), the neighbour table (neigh_for_each),
 * the igb rings and the card's TDH/TDT registers (sim_82576_peek: a
 * peek, not a register read with side effects), the qdisc counters and
 * the softirq counters.  A pointer to an skb is read only once the
 * ledger says the header is alive (sim_skb_ledger_holds), so an exit
 * event after the skb was freed, or a ring slot the driver has not
 * cleared yet, is safe.
 *
 * Events are read through their declarations (events/, kernel/trace.h):
 * a field as its struct member (TP_DATA), a function by its descriptor,
 * never by taking the event's text apart.
 *
 * Read after ui/ui_snap.h; ui/ui.c draws what this file records.
 */
#include "ui/ui_snap.h"
#include "events/fib.h"
#include "events/igb.h"
#include "events/neigh.h"
#include "events/net.h"
#include "events/qdisc.h"
#include "layers/neighbour.h"
#include "layers/route.h"
#include "layers/sch_generic.h"
#include "layers/skbuff.h"
#include "nic/e1000_82575.h"
#include "nic/e1000_regs.h"
#include "nic/igb.h"
#include "nic/sim_82576.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const ui_pane_names[UI_NPANES] = {
	"Call stack", "skb", "Route table", "Neighbours (ARP)", "Rings",
	"Qdisc / softirqs", "Frame", "Console",
};

#define UI_CONSOLE_KEEP	16384		/* console log bytes kept */
#define UI_FIELDS_MAX	240		/* bytes of an event's key=value text shown */
#define UI_FRAG_LIST_SHOWN	8	/* skbs of a frag_list named in the skb pane */

/* ---- text building ------------------------------------------------------ */

struct ui_buf {
	FILE *f;			/* NULL when out of memory */
	char **text;
	size_t *len;
};

/*
 * Slot @slot of the recorder's memory streams, emptied.  NOTE: they are
 * opened once and rewound: opening a stream per pane per event was a
 * fifth of the UI's time.
 */
static void
ui_buf_open(struct ui_rec *r, struct ui_buf *b, int slot)
{
	if (!r->ms[slot])
		r->ms[slot] = open_memstream(&r->ms_buf[slot], &r->ms_len[slot]);
	b->f = r->ms[slot];
	b->text = &r->ms_buf[slot];
	b->len = &r->ms_len[slot];
	if (b->f)
		rewind(b->f);
}

/* A copy of what was written since ui_buf_open. */
static char *
ui_buf_copy(struct ui_buf *b)
{
	long n;

	if (!b->f)
		return strdup("");
	n = ftell(b->f);
	fflush(b->f);
	return strndup(*b->text ? *b->text : "", n > 0 ? (size_t)n : 0);
}

/*
 * Pane @idx of @s (ui_pane, or UI_NPANES + ui_pane for the narrow
 * form) is @n bytes of @text.  NOTE: a snapshot's panes share one
 * buffer that its cache slot keeps from one snapshot to the next: a
 * malloc and a free per pane per step cost more than the formatting
 * once the heap holds large rings.
 */
static void
ui_keep(struct ui_snap *s, int idx, const char *text, size_t n)
{
	size_t need = s->len + n + 1;

	if (need > s->cap) {
		size_t cap = need > 2 * s->cap ? need : 2 * s->cap;
		char *v = realloc(s->text, cap);

		if (!v)
			return;		/* the pane stays empty */
		s->text = v;
		s->cap = cap;
	}
	memcpy(s->text + s->len, text, n);
	s->text[s->len + n] = '\0';
	s->at[idx] = s->len + 1;
	s->len = need;
}

/* What was written since ui_buf_open, as pane @idx of @s. */
static void
ui_buf_keep(struct ui_buf *b, struct ui_snap *s, int idx)
{
	long n;

	if (!b->f)
		return;
	n = ftell(b->f);
	fflush(b->f);
	ui_keep(s, idx, *b->text ? *b->text : "", n > 0 ? (size_t)n : 0);
}

#define UI_WIDE(pane)	(pane)
#define UI_NARROW(pane)	(UI_NPANES + (pane))

/* Word-wrap key=value fields at @width columns, each line indented. */
static void
ui_wrap_fields(FILE *f, const char *indent, const char *fields, int width)
{
	int col = 0;
	const char *p = fields;

	while (*p) {
		size_t n;

		while (*p == ' ')
			p++;
		n = strcspn(p, " ");
		if (!n)
			break;
		if (col && col + 1 + (int)n > width) {
			fputc('\n', f);
			col = 0;
		}
		if (!col) {
			fputs(indent, f);
			col = (int)strlen(indent);
		} else {
			fputc(' ', f);
			col++;
		}
		fwrite(p, 1, n, f);
		col += (int)n;
		p += n;
	}
	if (col)
		fputc('\n', f);
}

/* ---- the call stack ----------------------------------------------------- */

/* @ev's key=value text, as the trace prints it (cut at UI_FIELDS_MAX - 1). */
static void
ui_format_fields(const struct trace_rec *ev, char *buf, size_t len)
{
	struct trace_buf b;

	trace_buf_init(&b, buf, len);
	trace_format_rec_fields(ev, &b);
}

static void
ui_build_stack(struct ui_rec *r, const struct trace_rec *rec, struct ui_snap *s)
{
	const struct ui_track *t = &r->t;
	char fields[UI_FIELDS_MAX];
	struct ui_buf b;

	ui_buf_open(r, &b, 0);
	if (t->overflow)
		fprintf(b.f, "  ... %d deeper calls not shown\n", t->overflow);
	for (int i = 0; i < t->nstack; i++) {
		const struct trace_event_desc *fn = t->stack[i];
		bool cur = i == t->nstack - 1 && rec->kind != TRACE_NOTE;
		int ind = i < 14 ? i : 14;

		fprintf(b.f, "%c%*s%s%s%s\n", cur ? '>' : ' ', ind, "", fn->name,
			fn->is_inline ? " " UI_INLINE_MARK : "",
			cur && rec->kind == TRACE_EXIT ? "  <- returns" : "");
	}
	if (rec->kind == TRACE_NOTE)
		fprintf(b.f, ">%*s* %s (inside)\n", t->nstack < 14 ? t->nstack : 14, "",
			trace_rec_func(rec));
	fprintf(b.f, "  %s\n", trace_rec_ksrc(rec));
	fprintf(b.f, "  %s:%d  [%s]\n", rec->site->file, rec->site->line,
		ui_rec_host_name(r, rec));
	if (rec->skb_id)
		fprintf(b.f, "  skb#%u\n", rec->skb_id);
	/* One line: the UI wraps it at the pane's width. */
	ui_format_fields(rec, fields, sizeof(fields));
	if (fields[0])
		fprintf(b.f, "  %s\n", fields);
	ui_buf_keep(&b, s, UI_WIDE(UI_PANE_STACK));
}

/* ---- the skb ------------------------------------------------------------ */

/* @ref's header if the ledger still holds it (only then is it read), else NULL. */
static const struct sk_buff *
ui_skb_alive(const struct ui_rec *r, const struct ui_skbref *ref)
{
	if (!ref->skb || !sim_skb_ledger_holds(&r->w->ledger, ref->skb) || ref->skb->id != ref->id)
		return NULL;
	return ref->skb;
}

/*
 * Follow @skb (@id): the current event's.  Remember the headers sharing
 * its data too, so the pane can show one of them once it is freed.
 * Reads only a live header's few sharers: the same cost with any ring.
 */
static void
ui_focus(struct ui_rec *r, const struct sk_buff *skb, u32 id)
{
	struct ui_track *t = &r->t;
	const struct sk_buff *live, *o;
	int n = 0;

	t->focus = (struct ui_skbref){ skb, id };
	live = ui_skb_alive(r, &t->focus);
	if (!live)
		return;		/* freed: the sharers known before still hold */
	t->focus_data = live->data_id;
	/* alloc_skb's tracepoint: the header exists, its data not yet. */
	if (live->head)
		list_for_each_entry(o, &skb_shinfo(live)->sim_sharers, sim_share)
			if (o != live && n < UI_SHARERS)
				t->share[n++] = (struct ui_skbref){ o, o->id };
	t->nshare = n;
}

static void
ui_skb_bar(FILE *f, const struct sk_buff *skb)
{
	enum { W = 32 };
	unsigned int end = skb->end ? skb->end : 1;
	unsigned int d = (unsigned int)(skb->data - skb->head);
	int a = (int)((u64)d * W / end), t = (int)((u64)skb->tail * W / end);

	if (skb->len && t == a)
		t = a + 1;
	if (t > W)
		t = W;
	fputs(" [", f);
	for (int i = 0; i < W; i++)
		fputc(i < a ? '.' : i < t ? '#' : '-', f);
	fputs("]\n  head  .headroom  #data  -tailroom  end\n", f);
}

/*
 * What lies beyond the linear part, for a nonlinear or GSO skb only: the
 * page frags (page+offset:size, as skb_frag_t holds them), the frag_list
 * and what GSO will cut the packet into.  One line each; the UI wraps.
 */
static void
ui_skb_paged(FILE *f, const struct sk_buff *skb)
{
	static const char *const gso_names[] = { "tcpv4", "udp", "dodgy", "tcp_ecn", "tcpv6" };
	const struct skb_shared_info *sh = skb_shinfo(skb);
	const struct sk_buff *list;
	int n = 0;

	if (!skb->data_len && !sh->gso_size)
		return;
	fprintf(f, "linear=%u paged=%u frags=%u", skb_headlen(skb), skb->data_len, sh->nr_frags);
	skb_walk_frags(skb, list)
		n++;
	if (n)
		fprintf(f, " frag_list=%d", n);
	fputc('\n', f);
	if (sh->nr_frags) {
		fprintf(f, "frags (page+off:size):");
		for (int i = 0; i < sh->nr_frags; i++)
			if (skb_frag_page(&sh->frags[i]))
				fprintf(f, " page#%u+%u:%u", skb_frag_page(&sh->frags[i])->id,
					sh->frags[i].page_offset, skb_frag_size(&sh->frags[i]));
			else	/* being let go: put_page is running */
				fprintf(f, " (released)");
		fputc('\n', f);
	}
	if (n) {
		int shown = 0;

		fprintf(f, "frag_list:");
		skb_walk_frags(skb, list)
			if (shown++ < UI_FRAG_LIST_SHOWN)
				fprintf(f, " skb#%u len=%u", list->id, list->len);
		if (n > UI_FRAG_LIST_SHOWN)
			fprintf(f, " (+%d more)", n - UI_FRAG_LIST_SHOWN);
		fputc('\n', f);
	}
	if (sh->gso_size) {
		fprintf(f, "gso_size=%u gso_segs=%u gso_type=", sh->gso_size, sh->gso_segs);
		n = 0;
		for (size_t i = 0; i < ARRAY_SIZE(gso_names); i++)
			if (sh->gso_type & (1u << i))
				fprintf(f, "%s%s", n++ ? "|" : "", gso_names[i]);
		fputs(n ? "\n" : "0\n", f);
	}
}

/* The block of one live header: bar, counts, headers, its sharers. */
static void
ui_skb_block(FILE *f, const struct sk_buff *skb)
{
	unsigned int d = (unsigned int)(skb->data - skb->head);
	int dataref = skb_shinfo(skb)->dataref & SKB_DATAREF_MASK;
	const struct sk_buff *o;

	if (skb->id == skb->data_id)
		fprintf(f, "skb#%u (owns its data)  len=%u\n", skb->id, skb->len);
	else
		fprintf(f, "skb#%u (clone: data of skb#%u)  len=%u\n", skb->id, skb->data_id,
			skb->len);
	ui_skb_bar(f, skb);
	fprintf(f, "headroom=%u len=%u tailroom=%u\n", d, skb->len, skb->end - skb->tail);
	fprintf(f, "users=%d cloned=%u dataref=%d\n", skb->users, skb->cloned, dataref);
	fprintf(f, "hdrs:");
	if (skb->mac_header != SKB_HEADER_UNSET && skb->mac_header >= d)
		fprintf(f, " eth@+%d", skb->mac_header - (int)d);
	if (skb->network_header != SKB_HEADER_UNSET && skb->network_header >= d)
		fprintf(f, " ip@+%d", skb->network_header - (int)d);
	if (skb->transport_header != SKB_HEADER_UNSET && skb->transport_header >= d)
		fprintf(f, " l4@+%d", skb->transport_header - (int)d);
	fprintf(f, "\nproto=0x%04x dev=%s truesize=%u\n", ntohs(skb->protocol),
		skb->dev ? skb->dev->name : "-", skb->truesize);
	ui_skb_paged(f, skb);
	fprintf(f, "data shared by (data_id=%u):\n", skb->data_id);
	list_for_each_entry(o, &skb_shinfo(skb)->sim_sharers, sim_share)
		fprintf(f, "%c skb#%u %s users=%d cloned=%u\n", o == skb ? '*' : ' ', o->id,
			o->id == o->data_id ? "orig " : "clone", o->users, o->cloned);
}

static void
ui_build_skb(struct ui_rec *r, struct ui_snap *s)
{
	const struct ui_track *t = &r->t;
	const struct ui_skbref *focus = r->show.id ? &r->show : &t->focus;
	const struct sk_buff *skb = ui_skb_alive(r, focus);
	unsigned long live = r->w->ledger.allocated - r->w->ledger.freed;
	struct ui_buf b;

	ui_buf_open(r, &b, 0);
	if (!skb && focus->id) {
		/* The skb we follow is gone: say so, and show one still on its data. */
		fprintf(b.f, "skb#%u: freed\n", focus->id);
		for (int i = 0; i < t->nshare && !skb && focus == &t->focus; i++)
			skb = ui_skb_alive(r, &t->share[i]);
		if (skb && skb->head)
			fprintf(b.f, "its data lives on in:\n");
	}
	if (!skb) {
		if (!focus->id)
			fprintf(b.f, "no skb in focus\n");
		fprintf(b.f, "live skbs: %lu\n", live);
	} else if (!skb->head) {
		fprintf(b.f, "skb#%u: a header without data (not given yet, or freed)\n"
			"live skbs: %lu\n", skb->id, live);
	} else {
		ui_skb_block(b.f, skb);
		fprintf(b.f, "live skbs: %lu, pages: %lu\n", live,
			r->w->ledger.pages_allocated - r->w->ledger.pages_freed);
	}
	ui_buf_keep(&b, s, UI_WIDE(UI_PANE_SKB));
}

/* ---- the route table ---------------------------------------------------- */

/*
 * The row a route lookup picked, as route -n numbers it (-1: none, or a
 * row of the local table): from the events that report one.  false if
 * @ev is not a route lookup.
 */
static bool
ui_route_row(const struct trace_rec *ev, int *row)
{
	const tp_data_fib_table_lookup *tl = TP_REC_DATA(ev, fib_table_lookup);
	const tp_data_fib_output_route *out = TP_REC_DATA(ev, fib_output_route);
	const tp_data_ip_route_output_ports *ports = TP_REC_DATA(ev, ip_route_output_ports);
	const tp_data_ip_route_input_noref *in = TP_REC_DATA(ev, ip_route_input_noref);

	if (tl)
		*row = tl->row;
	else if (out)
		*row = out->row;
	else if (ports)
		*row = ports->row;
	else if (in)
		*row = in->row;
	else
		return false;
	return true;
}

struct ui_route_ctx {
	FILE *wide, *narrow;
	int row;			/* rows shown so far */
	int match;			/* the row to mark, -1 = none */
};

static void
ui_route_line(const struct sim_fib_row *row, void *arg)
{
	struct ui_route_ctx *c = arg;
	struct sim_addr_str dst = sim_ip_str(row->dst), gw = sim_ip_str(row->gw);
	char mark = c->row++ == c->match ? '>' : ' ';
	char pfx[24];

	snprintf(pfx, sizeof(pfx), "%s/%d", dst.s, row->plen);
	fprintf(c->wide, "%c%-15s %-15s %-15s %-5s %5lu %s\n", mark, dst.s, gw.s,
		sim_ip_str(row->mask).s, row->flags, row->use, row->dev);
	fprintf(c->narrow, "%c%-15s %-15s %s\n", mark, pfx, gw.s, row->dev);
}

/* Host @i of the world (SIM_*), NULL for none. */
static struct net *
ui_host(const struct ui_rec *r, int i)
{
	return i >= 0 && i < SIM_NHOSTS ? r->w->host[i] : NULL;
}

/* SIM_* of @net, -1 for none. */
static int
ui_host_index(const struct ui_rec *r, const struct net *net)
{
	for (int i = 0; net && i < SIM_NHOSTS; i++)
		if (r->w->host[i] == net)
			return i;
	return -1;
}

/* Is @rec (NULL: none) an event on the host the panes show? */
static bool
ui_on_shown_host(const struct ui_rec *r, const struct trace_rec *rec)
{
	return rec && trace_rec_host(&r->w->trace, rec) == ui_host(r, r->t.last_host);
}

static void
ui_build_route(struct ui_rec *r, const struct trace_rec *rec, struct ui_snap *s)
{
	struct net *net = ui_host(r, r->t.last_host);
	struct ui_buf wide, narrow;
	struct ui_route_ctx c = { NULL, NULL, 0, -1 };

	if (!ui_on_shown_host(r, rec) || !ui_route_row(rec, &c.match))
		c.match = -1;
	ui_buf_open(r, &wide, 1);
	ui_buf_open(r, &narrow, 2);
	c.wide = wide.f;
	c.narrow = narrow.f;
	fprintf(wide.f, " Destination     Gateway         Genmask         Flags   Use Iface\n");
	fprintf(narrow.f, " Destination     Gateway         Iface\n");
	if (net && wide.f && narrow.f)
		sim_fib_for_each_row(net, ui_route_line, &c);
	if (r->t.last_route.site && r->t.last_route_host == r->t.last_host) {
		char fields[UI_FIELDS_MAX], text[UI_FIELDS_MAX + 64];

		ui_format_fields(&r->t.last_route, fields, sizeof(fields));
		snprintf(text, sizeof(text), "%s %s", trace_rec_func(&r->t.last_route), fields);
		fprintf(wide.f, "\nlast lookup (dst cached on the skb):\n");
		ui_wrap_fields(wide.f, "  ", text, 64);
		fprintf(narrow.f, "\nlast lookup:\n");
		ui_wrap_fields(narrow.f, "  ", text, 36);
	}
	ui_buf_keep(&wide, s, UI_WIDE(UI_PANE_ROUTE));
	ui_buf_keep(&narrow, s, UI_NARROW(UI_PANE_ROUTE));
}

/* ---- the neighbour table ------------------------------------------------ */

struct ui_neigh_ctx {
	FILE *wide, *narrow;
	const struct trace_rec *ev;	/* the event, if on the host shown */
};

/* Does @ev carry @ip in one of its address fields (the entry it uses)? */
static bool
ui_names_ip(const struct trace_rec *ev, __be32 ip)
{
	const struct trace_event_desc *d = ev ? trace_rec_desc(ev) : NULL;
	unsigned int off = 0;

	if (!d || ev->kind == TRACE_EXIT)
		return false;
	for (unsigned int i = 0; i < d->nfields; i++) {
		if (d->fields[i].type == TF_IP4 && !memcmp(ev->data + off, &ip, sizeof(ip)))
			return true;
		off += d->fields[i].size;
	}
	return false;
}

/* " skb#3 skb#7" for the skbs waiting in @n's arp_queue, "" if none. */
static void
ui_neigh_queue(const struct neighbour *n, char *out, size_t len)
{
	const struct sk_buff *skb;
	size_t used = 0;
	int shown = 0;

	out[0] = '\0';
	for (skb = n->arp_queue.next; skb && skb != (const struct sk_buff *)&n->arp_queue;
	     skb = skb->next) {
		if (++shown > 4) {
			snprintf(out + used, len - used, " ...");
			return;
		}
		used += snprintf(out + used, len - used, " skb#%u", skb->id);
		if (used >= len)
			return;
	}
}

static void
ui_neigh_row(const struct neighbour *n, void *arg)
{
	struct ui_neigh_ctx *c = arg;
	struct sim_addr_str ip = sim_ip_str(n->primary_key), mac = sim_mac_str(n->ha);
	char tr[32] = "", ids[64];
	bool inuse = ui_names_ip(c->ev, n->primary_key);

	if (n->nhist) {
		const struct neigh_transition *t = &n->hist[(n->nhist - 1) % NEIGH_HISTORY_LEN];

		snprintf(tr, sizeof(tr), "%s->%s", sim_neigh_state_name(t->from),
			 sim_neigh_state_name(t->to));
	}
	if (!(n->nud_state & NUD_VALID))
		mac = (struct sim_addr_str){ "(incomplete)" };
	ui_neigh_queue(n, ids, sizeof(ids));
	fprintf(c->wide, "%c%-15s %-17s %-10s q=%u %s\n", inuse ? '>' : ' ', ip.s, mac.s,
		sim_neigh_state_name(n->nud_state), n->arp_queue.qlen, tr);
	if (ids[0])
		fprintf(c->wide, "   unresolved queue (arp_queue):%s\n", ids);
	fprintf(c->narrow, "%c%-15s %-10s q=%u\n   %s%s%s\n", inuse ? '>' : ' ', ip.s,
		sim_neigh_state_name(n->nud_state), n->arp_queue.qlen, mac.s, ids[0] ? " q:" : "",
		ids);
}

static void
ui_build_neigh(struct ui_rec *r, const struct trace_rec *rec, struct ui_snap *s)
{
	struct net *net = ui_host(r, r->t.last_host);
	struct ui_buf wide, narrow;
	struct ui_neigh_ctx c;
	int n = 0;

	ui_buf_open(r, &wide, 1);
	ui_buf_open(r, &narrow, 2);
	c.wide = wide.f;
	c.narrow = narrow.f;
	c.ev = ui_on_shown_host(r, rec) ? rec : NULL;
	fprintf(wide.f, " IP address      HW address        State      Queue Last change\n");
	fprintf(narrow.f, " IP address      State      Queue\n");
	if (net && wide.f && narrow.f)
		n = neigh_for_each(net, ui_neigh_row, &c);
	if (!n) {
		fprintf(wide.f, "  (empty)\n");
		fprintf(narrow.f, "  (empty)\n");
	}
	if (r->t.last_neigh[0]) {
		fprintf(wide.f, "last: %s\n", r->t.last_neigh);
		fprintf(narrow.f, "last: %s\n", r->t.last_neigh);
	}
	ui_buf_keep(&wide, s, UI_WIDE(UI_PANE_NEIGH));
	ui_buf_keep(&narrow, s, UI_NARROW(UI_PANE_NEIGH));
}

/* ---- the rings ---------------------------------------------------------- */

/*
 * Where an event names the device it is about, for the ring and qdisc
 * panes: the string field its declaration calls "dev" (a device name)
 * or, for the card's events, "port" ("host:ethN").  Some 140
 * declarations carry one, so they are found in the declarations once,
 * when the recorder starts, rather than listed here (tests/ui.sh checks
 * that the ring pane follows the router's second port).
 */
struct ui_dev_field {
	const struct trace_event_desc *ev;
	unsigned int off;		/* of its const char * in rec.data */
};

static int
ui_dev_field_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct ui_dev_field *)a)->ev;
	uintptr_t y = (uintptr_t)((const struct ui_dev_field *)b)->ev;

	return x < y ? -1 : x > y;
}

/* Where in @desc's data its string field @name lies, or -1. */
static int
ui_str_field(const struct trace_event_desc *desc, const char *name)
{
	unsigned int off = 0;

	for (unsigned int i = 0; i < desc->nfields; i++) {
		const struct trace_field *f = &desc->fields[i];

		if (f->type == TF_STR && !strcmp(f->name, name))
			return (int)off;
		off += f->size;
	}
	return -1;
}

static int
ui_dev_fields_init(struct ui_rec *r)
{
	struct ui_dev_field *v = calloc(trace_events_count, sizeof(*v));
	size_t n = 0;

	if (!v)
		return -ENOMEM;
	for (unsigned int i = 0; i < trace_events_count; i++) {
		const struct trace_event_desc *d = trace_events_all[i];
		int off = ui_str_field(d, "dev");

		if (off < 0)
			off = ui_str_field(d, "port");
		if (off >= 0)
			v[n++] = (struct ui_dev_field){ d, (unsigned int)off };
	}
	qsort(v, n, sizeof(*v), ui_dev_field_cmp);
	r->dev_fields = v;
	r->ndev_fields = n;
	return 0;
}

/* The device @ev is about ("eth0", or a port "router:eth1"), or NULL. */
static const char *
ui_event_dev(const struct ui_rec *r, const struct trace_rec *ev)
{
	const struct ui_dev_field key = { trace_rec_desc(ev), 0 }, *f;
	const char *name;

	if (!key.ev || ev->kind == TRACE_EXIT)
		return NULL;
	f = bsearch(&key, r->dev_fields, r->ndev_fields, sizeof(key), ui_dev_field_cmp);
	if (!f)
		return NULL;
	memcpy(&name, ev->data + f->off, sizeof(name));
	return name;
}

/*
 * The device the ring and qdisc panes follow: the one the last event on
 * the shown host named, as an index (valid in a replayed world too).
 */
static void
ui_track_dev(struct ui_rec *r, const struct trace_rec *ev)
{
	struct net *net = ui_host(r, r->t.last_host);
	const char *name = ui_event_dev(r, ev);
	const char *colon, *dn;

	if (!net || !name)
		return;
	colon = strchr(name, ':');
	dn = colon ? colon + 1 : name;
	for (int i = 0; i < net->ndevs; i++) {
		if (net->devs[i] && !strcmp(net->devs[i]->name, dn)) {
			r->t.ring_host = r->t.last_host;
			r->t.ring_dev = i;
		}
	}
}

/* That device, or the shown host's first. */
static struct net_device *
ui_ring_dev(const struct ui_rec *r)
{
	struct net *net = ui_host(r, r->t.last_host);

	if (!net || !net->ndevs)
		return NULL;
	if (r->t.ring_host == r->t.last_host && r->t.ring_dev >= 0 && r->t.ring_dev < net->ndevs)
		return net->devs[r->t.ring_dev];
	return net->devs[0];
}

/* The id of @ptr if it is a live skb, else 0: rings may hold a freed one
 * for a moment (igb_clean_tx_irq frees before it clears the slot). */
static u32
ui_live_id(const struct ui_rec *r, const struct sk_buff *ptr)
{
	return sim_skb_ledger_holds(&r->w->ledger, ptr) ? ptr->id : 0;
}

/* Is one of @funcs (NULL-terminated) on the live call stack? */
static bool
ui_inside(const struct ui_rec *r, const struct trace_event_desc *const *funcs)
{
	for (int i = 0; i < r->t.nstack; i++)
		for (int k = 0; funcs[k]; k++)
			if (r->t.stack[i] == funcs[k])
				return true;
	return false;
}

/*
 * Inside igb_free_{tx,rx}_resources a ring's arrays are going away (its
 * buffer_info array is freed before the descriptors, whose free traces):
 * the slots are not read then, only the indices.
 */
static bool
ui_rings_freeing(const struct ui_rec *r)
{
	static const struct trace_event_desc *const f[] = {
		&tp_ev_igb_free_tx_resources, &tp_ev_igb_free_rx_resources, NULL
	};

	return ui_inside(r, f);
}

/*
 * One TX slot as the card's array holds it.  A context descriptor
 * (igb_tso, igb_tx_csum) carries no buffer: its row says so, with the
 * MSS (0: checksum only) and the L4 header length [82576 7.2.2.2]; its
 * tx_buffer_info entry is the packet's `first` (the skb, and the mapping
 * of the head, whose data descriptor is the next slot).  A data
 * descriptor's row shows the buffer the card will read: its address,
 * its length, and DD once written back.
 */
static void
ui_tx_slot(FILE *f, unsigned int i, const char *mark, const union e1000_adv_tx_desc *d)
{
	const struct e1000_adv_tx_context_desc *c = (const void *)d;
	u32 type = le32_to_cpu(c->type_tucmd_mlhl);

	if ((type & E1000_TXD_CMD_DEXT) &&
	    (type & E1000_ADVTXD_DTYP_MASK) == E1000_ADVTXD_DTYP_CTXT) {
		u32 mss_l4 = le32_to_cpu(c->mss_l4len_idx);
		u32 mss = mss_l4 >> E1000_ADVTXD_MSS_SHIFT;
		u32 l4len = (mss_l4 >> E1000_ADVTXD_L4LEN_SHIFT) & 0xFF;

		if (mss)
			fprintf(f, "%4u %-4s ctx mss=%u l4len=%u", i, mark, mss, l4len);
		else
			fprintf(f, "%4u %-4s ctx csum l4len=%u", i, mark, l4len);
		return;
	}
	fprintf(f, "%4u %-4s 0x%08llx %4u %-3s", i, mark,
		(unsigned long long)le64_to_cpu(d->read.buffer_addr),
		le32_to_cpu(d->read.cmd_type_len) & E1000_ADVTXD_DTALEN_MASK,
		le32_to_cpu(d->wb.status) & E1000_TXD_STAT_DD ? "DD" : "-");
}

static void
ui_build_tx_ring(const struct ui_rec *r, FILE *f, struct igb_adapter *ad, struct igb_ring *ring)
{
	struct sim_82576 *hw = ad->hw.hw_addr;
	unsigned int tdh = sim_82576_peek(hw, E1000_TDH(ring->reg_idx));
	unsigned int tdt = sim_82576_peek(hw, E1000_TDT(ring->reg_idx));
	unsigned int cnt = ring->count, from, n;

	fprintf(f, "TX ring %u  count=%u\n", ring->queue_index, cnt);
	fprintf(f, "ntu=%u ntc=%u TDH=%u TDT=%u\n", ring->next_to_use, ring->next_to_clean,
		tdh, tdt);
	fprintf(f, "slot mark dma         len  DD  skb\n");
	if (!cnt || !ring->desc || !ring->tx_buffer_info || ui_rings_freeing(r))
		return;
	/* A window from just before next_to_clean to just after next_to_use. */
	from = (ring->next_to_clean + cnt - 1) % cnt;
	n = (ring->next_to_use + cnt - from) % cnt + 2;
	if (n > 8)
		n = 8;
	for (unsigned int k = 0; k < n; k++) {
		unsigned int i = (from + k) % cnt;
		const struct igb_tx_buffer *tb = &ring->tx_buffer_info[i];
		const union e1000_adv_tx_desc *d = IGB_TX_DESC(ring, i);
		char mark[5], *m = mark;
		u32 id = tb->skb ? ui_live_id(r, tb->skb) : 0;

		if (i == ring->next_to_use)
			*m++ = 'U';
		if (i == ring->next_to_clean)
			*m++ = 'C';
		if (i == tdh)
			*m++ = 'H';
		if (i == tdt)
			*m++ = 'T';
		*m = '\0';
		ui_tx_slot(f, i, mark, d);
		if (id)
			fprintf(f, " skb#%u", id);
		fputc('\n', f);
	}
	fprintf(f, " U=next_to_use C=next_to_clean\n H=TDH (card) T=TDT (tail)\n");
}

/* RX: a few slots from just before next_to_clean; DD = the card filled it. */
static void
ui_build_rx_slots(FILE *f, struct igb_ring *rx, unsigned int rdh, unsigned int rdt)
{
	unsigned int cnt = rx->count;

	if (!cnt || !rx->desc || !rx->rx_buffer_info)
		return;
	fprintf(f, " slot mark dma         DD\n");
	for (unsigned int k = 0; k < 4; k++) {
		unsigned int i = (rx->next_to_clean + cnt - 1 + k) % cnt;
		union e1000_adv_rx_desc *d = IGB_RX_DESC(rx, i);
		char mark[5], *m = mark;

		if (i == rx->next_to_clean)
			*m++ = 'C';
		if (i == rdh)
			*m++ = 'H';
		if (i == rdt)
			*m++ = 'T';
		*m = '\0';
		fprintf(f, " %4u %-4s 0x%08llx %s\n", i, mark,
			(unsigned long long)rx->rx_buffer_info[i].dma,
			igb_test_staterr(d, E1000_RXD_STAT_DD) ? "DD" : "-");
	}
	fprintf(f, " C=next_to_clean H=RDH (card)\n T=RDT (tail)\n");
}

static void
ui_build_ring(struct ui_rec *r, struct ui_snap *s)
{
	struct net_device *dev = ui_ring_dev(r);
	struct igb_adapter *ad = dev && sim_igb_card(dev) ? netdev_priv(dev) : NULL;
	struct ui_buf b;

	ui_buf_open(r, &b, 0);
	if (!ad || !ad->num_tx_queues || !ad->tx_ring[0]) {
		fprintf(b.f, "no igb ring here\n");
		ui_buf_keep(&b, s, UI_WIDE(UI_PANE_RING));
		return;
	}
	fprintf(b.f, "%s:%s\n", ui_host(r, r->t.last_host)->name, dev->name);
	ui_build_tx_ring(r, b.f, ad, ad->tx_ring[0]);
	if (ad->num_rx_queues && ad->rx_ring[0]) {
		struct igb_ring *rx = ad->rx_ring[0];
		struct sim_82576 *hw = ad->hw.hw_addr;

		fprintf(b.f, "RX ring %u  count=%u\n", rx->queue_index, rx->count);
		fprintf(b.f, "ntc=%u nta=%u RDH=%u RDT=%u\n", rx->next_to_clean, rx->next_to_alloc,
			sim_82576_peek(hw, E1000_RDH(rx->reg_idx)),
			sim_82576_peek(hw, E1000_RDT(rx->reg_idx)));
		if (!ui_rings_freeing(r))
			ui_build_rx_slots(b.f, rx, sim_82576_peek(hw, E1000_RDH(rx->reg_idx)),
					  sim_82576_peek(hw, E1000_RDT(rx->reg_idx)));
	}
	ui_buf_keep(&b, s, UI_WIDE(UI_PANE_RING));
}

/* ---- qdisc and softirqs ------------------------------------------------- */

/* The TX queue the current packet uses: that of the last netdev_pick_tx on @dev. */
static unsigned int
ui_txq(const struct ui_rec *r, const struct net_device *dev)
{
	if (r->t.txq >= 0 && ui_host(r, r->t.txq_host) == dev_net(dev) &&
	    !strcmp(r->t.txq_dev, dev->name) && (unsigned int)r->t.txq < dev->real_num_tx_queues)
		return (unsigned int)r->t.txq;
	return 0;
}

static void
ui_build_qdisc(struct ui_rec *r, struct ui_snap *s)
{
	static const struct trace_event_desc *const grafting[] = {
		&tp_ev_qdisc_graft, &tp_ev_dev_shutdown, NULL
	};
	static const struct trace_event_desc *const running[] = { &tp_ev___qdisc_run, NULL };
	struct net_device *dev = ui_ring_dev(r);
	struct ui_buf b;

	ui_buf_open(r, &b, 0);
	/* While qdiscs are swapped, dev->qdisc may point at a freed one. */
	if (ui_inside(r, grafting)) {
		fprintf(b.f, "%s: the qdisc is being replaced\n", dev ? dev->name : "-");
	} else if (dev && dev->qdisc && dev->qdisc->ops) {
		unsigned int txq = ui_txq(r, dev);
		struct Qdisc *q = dev->_tx ? dev->_tx[txq].qdisc : NULL;
		u32 bytes;

		/* Under mq, the numbers live in the TX queue's own qdisc. */
		if (!q || !q->ops)
			q = dev->qdisc;
		fprintf(b.f, "%s txq %u: %s", dev->name, txq, q->ops->id);
		if (q != dev->qdisc)
			fprintf(b.f, " (root %s)", dev->qdisc->ops->id);
		fputc('\n', b.f);
		fprintf(b.f, "qlen=%u backlog=%ub drops=%u requeues=%u sent=%llub/%up\n",
			q->q.qlen, q->qstats.backlog, q->qstats.drops, q->qstats.requeues,
			(unsigned long long)q->bstats.bytes, q->bstats.packets);
		if (sim_pfifo_fast_band(q, 0, &bytes) >= 0) {
			fprintf(b.f, "bands:");
			for (int band = 0; band < TC_PRIO_BANDS; band++) {
				int n = sim_pfifo_fast_band(q, band, &bytes);

				fprintf(b.f, " %d:%dp/%ub", band, n, bytes);
			}
			fputc('\n', b.f);
		}
	}
	fprintf(b.f, "last: %s", r->t.last_qdisc[0] ? r->t.last_qdisc : "-");
	if (r->t.quota < 0)
		fprintf(b.f, "  quota: -\n");
	else
		fprintf(b.f, "  quota left=%d%s (%s)\n", r->t.quota,
			ui_inside(r, running) ? "" : " at end", r->t.quota_host);
	/* The hosts on this wire: on a TAP the router and the server are the
	 * real kernel (their slots hold hosts without a NIC). */
	fprintf(b.f, "softirq     ");
	for (int i = 0; i < SIM_NHOSTS; i++)
		if (r->w->host[i] && r->w->host[i]->ndevs)
			fprintf(b.f, " %7.7s", r->w->host[i]->name);
	fputc('\n', b.f);
	for (int nr = NET_TX_SOFTIRQ; nr <= NET_RX_SOFTIRQ; nr++) {
		fprintf(b.f, "%-11s:", softirq_to_name[nr]);
		for (int i = 0; i < SIM_NHOSTS; i++)
			if (r->w->host[i] && r->w->host[i]->ndevs)
				fprintf(b.f, " %7u", r->w->host[i]->cpu.softirq_count[nr]);
		fputc('\n', b.f);
	}
	ui_buf_keep(&b, s, UI_WIDE(UI_PANE_QDISC));
}

/* ---- the frame ---------------------------------------------------------- */

static void
ui_decode(FILE *f, const u8 *p, unsigned int len)
{
	unsigned int type, ihl;
	__be32 a, b;

	if (len < 14) {
		fprintf(f, "runt frame (%u bytes)\n", len);
		return;
	}
	type = (unsigned int)(p[12] << 8 | p[13]);
	fprintf(f, "Ethernet II\n  dst %02x:%02x:%02x:%02x:%02x:%02x\n"
		"  src %02x:%02x:%02x:%02x:%02x:%02x type 0x%04x\n",
		p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], type);
	p += 14;
	len -= 14;
	if (type == 0x0806 && len >= 28) {
		unsigned int op = (unsigned int)(p[6] << 8 | p[7]);

		memcpy(&a, p + 14, 4);
		memcpy(&b, p + 24, 4);
		fprintf(f, "ARP %s\n  sender %s %02x:%02x:%02x:%02x:%02x:%02x\n"
			"  target %s\n", op == 1 ? "request" : op == 2 ? "reply" : "?",
			sim_ip_str(a).s, p[8], p[9], p[10], p[11], p[12], p[13], sim_ip_str(b).s);
		return;
	}
	if (type != 0x0800 || len < 20)
		return;
	ihl = (p[0] & 0xf) * 4u;
	memcpy(&a, p + 12, 4);
	memcpy(&b, p + 16, 4);
	fprintf(f, "IPv4 %s > %s\n  len=%u id=0x%04x ttl=%u proto=%u\n", sim_ip_str(a).s,
		sim_ip_str(b).s, (unsigned int)(p[2] << 8 | p[3]),
		(unsigned int)(p[4] << 8 | p[5]), p[8], p[9]);
	if (ihl < 20 || len < ihl + 8)
		return;
	len -= ihl;
	switch (p[9]) {
	case 6: {
		const u8 *t = p + ihl;
		static const char fl[] = "FSRPAU";
		char flags[8], *q = flags;

		for (int i = 0; i < 6; i++)
			if (t[13] & (1 << i))
				*q++ = fl[i];
		*q = '\0';
		fprintf(f, "TCP %u > %u [%s]\n", (unsigned int)(t[0] << 8 | t[1]),
			(unsigned int)(t[2] << 8 | t[3]), flags);
		if (len >= 20)
			fprintf(f, "  seq=%u ack=%u win=%u\n",
				(u32)t[4] << 24 | (u32)t[5] << 16 | (u32)t[6] << 8 | t[7],
				(u32)t[8] << 24 | (u32)t[9] << 16 | (u32)t[10] << 8 | t[11],
				(unsigned int)(t[14] << 8 | t[15]));
		break;
	}
	case 17:
		fprintf(f, "UDP %u > %u len=%u\n", (unsigned int)(p[ihl] << 8 | p[ihl + 1]),
			(unsigned int)(p[ihl + 2] << 8 | p[ihl + 3]),
			(unsigned int)(p[ihl + 4] << 8 | p[ihl + 5]));
		break;
	case 1:
		fprintf(f, "ICMP type=%u code=%u\n", p[ihl], p[ihl + 1]);
		break;
	}
}

static void
ui_hex(FILE *f, const u8 *p, unsigned int len, unsigned int per)
{
	for (unsigned int o = 0; o < len; o += per) {
		fprintf(f, "%04x ", o);
		for (unsigned int i = 0; i < per; i++) {
			if (o + i < len)
				fprintf(f, "%02x ", p[o + i]);
			else
				fputs("   ", f);
		}
		for (unsigned int i = 0; i < per && o + i < len; i++)
			fputc(p[o + i] >= 0x20 && p[o + i] < 0x7f ? p[o + i] : '.', f);
		fputc('\n', f);
	}
}

static void
ui_build_frame(struct ui_rec *r, struct ui_snap *s)
{
	const struct ui_frame *fr = &r->t.frame;
	struct ui_buf wide, narrow;
	unsigned int shown = fr->len < UI_FRAME_MAX ? fr->len : UI_FRAME_MAX;

	/* The hex dump is the dearest text: made once per frame. */
	if (!r->frame_text[0] || r->frame_text_no != fr->no) {
		free(r->frame_text[0]);
		free(r->frame_text[1]);
		ui_buf_open(r, &wide, 1);
		ui_buf_open(r, &narrow, 2);
		if (!fr->no) {
			fputs("no frame on the wire yet\n", wide.f);
			fputs("no frame on the wire yet\n", narrow.f);
		} else {
			FILE *fs[2] = { wide.f, narrow.f };

			for (int i = 0; i < 2; i++) {
				fprintf(fs[i], "frame %lu %s %s %u bytes\n", fr->no, fr->port,
					fr->dir == SIM_DIR_TX ? "out" : "in", fr->len);
				ui_decode(fs[i], fr->bytes, shown);
			}
			ui_hex(wide.f, fr->bytes, shown, 16);
			ui_hex(narrow.f, fr->bytes, shown < 128 ? shown : 128, 8);
		}
		r->frame_text[0] = ui_buf_copy(&wide);
		r->frame_text[1] = ui_buf_copy(&narrow);
		r->frame_text_no = fr->no;
	}
	for (int i = 0; i < 2 && r->frame_text[i]; i++)
		ui_keep(s, i ? UI_NARROW(UI_PANE_FRAME) : UI_WIDE(UI_PANE_FRAME), r->frame_text[i],
			strlen(r->frame_text[i]));
}

/* ---- recording ---------------------------------------------------------- */

/* Forget @s's panes (its buffer stays for the next snapshot of the slot). */
static void
ui_snap_free(struct ui_snap *s)
{
	for (int i = 0; i < UI_NPANES; i++)
		s->pane[i] = s->narrow[i] = NULL;
	memset(s->at, 0, sizeof(s->at));
	s->len = 0;
	s->valid = false;
}

/*
 * Write down every pane for @st (the newest event, or NULL: the world
 * before the first step) into @s.  NOTE: every pane only reads the
 * model, through nothing that traces (the route pane walks the rows
 * rather than calling sim_fib_route_show): an event raised here would
 * reach the sinks out of order.
 */
static void
ui_snap_build(struct ui_rec *r, const struct ui_step *st, u64 abs, struct ui_snap *s)
{
	struct net *stu = r->w->host[SIM_STUDENT];
	const struct trace_rec *rec = st ? &st->ev : NULL;

	ui_snap_free(s);
	s->abs = abs;
	memset(&s->ev, 0, sizeof(s->ev));
	s->seq = st ? st->seq : 0;
	s->level = st ? st->level : 0;
	s->wire_frames = r->t.wire_frames;
	s->student_tx = stu && stu->ndevs && sim_igb_port(stu->devs[0]) ?
			sim_igb_port(stu->devs[0])->tx_frames : 0;
	if (rec) {
		s->ev = *rec;
		ui_build_stack(r, rec, s);
	} else {
		static const char none[] = "  nothing has run yet\n";

		ui_keep(s, UI_WIDE(UI_PANE_STACK), none, sizeof(none) - 1);
	}
	ui_build_skb(r, s);
	ui_build_route(r, rec, s);
	ui_build_neigh(r, rec, s);
	ui_build_ring(r, s);
	ui_build_qdisc(r, s);
	ui_build_frame(r, s);
	/* NOTE: no console text: the console pane is the terminal, drawn from
	 * the UI's r->console_log as it is now (a command that only looks
	 * prints at once, between steps). */
	for (int i = 0; i < UI_NPANES; i++) {
		s->pane[i] = s->at[UI_WIDE(i)] ? s->text + s->at[UI_WIDE(i)] - 1 : NULL;
		s->narrow[i] = s->at[UI_NARROW(i)] ? s->text + s->at[UI_NARROW(i)] - 1 : NULL;
	}
	s->valid = true;
}

/* The cache slot of step @abs (of the recorder whose cache it is). */
static struct ui_snap *
ui_slot(struct ui_rec *r, u64 abs)
{
	return &r->snaps[abs % UI_SNAPS];
}

/*
 * The TX queue of the last netdev_pick_tx, and the quota of the running
 * __qdisc_run: 64 (weight_p) at its start, one less for each skb that
 * qdisc_restart hands to sch_direct_xmit (counted as that returns).
 */
static void
ui_track_qdisc(struct ui_rec *r, const struct trace_event *ev)
{
	const tp_data_netdev_pick_tx *pick = TP_DATA(ev, netdev_pick_tx);
	const tp_data___qdisc_run *run = TP_DATA(ev, __qdisc_run);
	struct ui_track *t = &r->t;

	if (pick) {
		t->txq = pick->queue;
		snprintf(t->txq_dev, sizeof(t->txq_dev), "%s", pick->dev);
		t->txq_host = ui_host_index(r, ev->host);
	}
	if (run) {
		t->quota = run->quota;
		snprintf(t->quota_host, sizeof(t->quota_host), "%s", ev->host_name);
	}
	if (ev->rec.kind == TRACE_EXIT && !t->overflow && t->nstack >= 3 && t->quota > 0 &&
	    TP_IS(ev, sch_direct_xmit) && t->stack[t->nstack - 2] == &tp_ev_qdisc_restart &&
	    t->stack[t->nstack - 3] == &tp_ev___qdisc_run)
		t->quota--;
}

/* The NUD state an event of the neighbour subsystem reports, -1 if none. */
static int
ui_nud(const struct trace_rec *ev)
{
#define UI_NUD(name)	if (TP_REC_DATA(ev, name)) return TP_REC_DATA(ev, name)->nud
	UI_NUD(neigh_lookup_hit);
	UI_NUD(neigh_created);
	UI_NUD(neigh_removed);
	UI_NUD(neigh_probe);
	UI_NUD(neigh_timer_handler);
	UI_NUD(__neigh_event_send);
	UI_NUD(neigh_event_send);
	UI_NUD(neigh_update);
	UI_NUD(dst_neigh_output);
	UI_NUD(neigh_resolve_output);
	UI_NUD(arp_solicit);
#undef UI_NUD
	return -1;
}

/* The way __dev_xmit_skb sent the skb, and the last NUD state reported. */
static void
ui_track_paths(struct ui_rec *r, const struct trace_event *ev)
{
	const tp_data_net_xmit_path *path = TP_DATA(ev, net_xmit_path);
	const tp_data_net_xmit_path_drop *drop = TP_DATA(ev, net_xmit_path_drop);
	const tp_data_neigh_nud_change *change = TP_DATA(ev, neigh_nud_change);
	int nud = ui_nud(&ev->rec);
	char v[48];
	struct trace_buf b;

	if (path || drop)
		snprintf(r->t.last_qdisc, sizeof(r->t.last_qdisc), "path=%s (%s)",
			 sim_xmit_path_name(path ? path->path : drop->path), ev->host_name);
	trace_buf_init(&b, v, sizeof(v));
	if (change) {
		const struct neigh_nud_pair pair = change->nud;

		sim_neigh_nud_pair_print(&b, &pair);
	} else if (nud >= 0) {
		trace_buf_puts(&b, sim_neigh_nud_name((u32)nud));
	} else {
		return;
	}
	snprintf(r->t.last_neigh, sizeof(r->t.last_neigh), "nud=%s (%s)", v, ev->host_name);
}

/* What the panes follow, as @ev moves it (the stack pops at the next event). */
static void
ui_track(struct ui_rec *r, const struct trace_event *ev)
{
	struct ui_track *t = &r->t;
	int row, host = ui_host_index(r, ev->host);

	if (t->pop) {
		t->pop = false;
		if (t->overflow)
			t->overflow--;
		else if (t->nstack)
			t->nstack--;
	}
	if (host >= 0)
		t->last_host = host;
	if (ev->rec.kind == TRACE_ENTER) {
		if (t->nstack < UI_STACK_MAX) {
			t->stack_skb[t->nstack] = (struct ui_skbref){ ev->skb, ev->rec.skb_id };
			t->stack[t->nstack++] = ev->rec.site->ev;
		} else {
			t->overflow++;
		}
	}
	/* The skb pane follows the current event's skb: at an exit, the one
	 * the function was entered with (it may be freed by now). */
	if (ev->rec.skb_id && ev->rec.kind != TRACE_EXIT)
		ui_focus(r, ev->skb, ev->rec.skb_id);
	else if (ev->rec.skb_id && !t->overflow && t->nstack &&
		 t->stack_skb[t->nstack - 1].id == ev->rec.skb_id)
		ui_focus(r, t->stack_skb[t->nstack - 1].skb, ev->rec.skb_id);
	if (ui_route_row(&ev->rec, &row)) {
		t->last_route = ev->rec;
		t->last_route_host = host;
	}
	ui_track_dev(r, &ev->rec);
	ui_track_paths(r, ev);
	ui_track_qdisc(r, ev);
	if (ev->rec.kind == TRACE_EXIT)
		t->pop = true;
}

/* Was @st, a replayed step, the one the history holds at @abs? */
static bool
ui_same_step(const struct ui_step *a, const struct ui_step *b)
{
	return a->ev.site == b->ev.site && a->ev.kind == b->ev.kind &&
	       a->ev.skb_id == b->ev.skb_id && a->ev.ts == b->ev.ts && a->seq == b->seq;
}

/* A snapshot of the newest step, @st at @abs, into the cache it belongs to. */
static void
ui_snap_now(struct ui_rec *r, const struct ui_step *st, u64 abs)
{
	struct ui_rec *cache = r->into ? r->into : r;

	ui_snap_build(r, st, abs, ui_slot(cache, abs));
}

static void
ui_record(struct ui_rec *r, const struct trace_event *ev)
{
	struct ui_step st = {
		.ev = ev->rec, .seq = ev->seq + r->seq_base,
		.level = r->t.nstack + r->t.overflow, .wire_frames = r->t.wire_frames,
		.where = r->where ? r->where(r->where_arg) : 0,
	};
	u64 abs = r->count++;
	bool snap;

	if (r->into) {
		/* A replay: check against the history, snapshot the steps wanted. */
		const struct ui_step *h = ui_rec_step(r->into, abs);

		if (h && !ui_same_step(h, &st))
			r->diverged = true;
		if (h && abs >= r->want_lo && abs <= r->want_hi)
			ui_snap_now(r, &st, abs);
		return;
	}
	if (r->rewrite) {
		/* Rebuilding the UI's own world: the same steps, pointing into it. */
		struct ui_step *h = abs >= r->first && abs < r->first + UI_STEPS &&
				    abs < r->rewrite_end ? &r->steps[abs % UI_STEPS] : NULL;

		if (h && !ui_same_step(h, &st))
			r->diverged = true;
		if (h)
			*h = st;
		return;
	}
	r->steps[abs % UI_STEPS] = st;
	if (r->count > UI_STEPS)
		r->first = r->count - UI_STEPS;
	snap = r->mode == UI_REC_ALL || r->tail > 0;
	if (r->tail > 0)
		r->tail--;
	/* A run asks at every step, whether the panes are taken or not (the
	 * TAP wire takes them at every step: it cannot replay). */
	if (r->stop && !r->stopped && r->stop(r->stop_arg, &st)) {
		r->stopped = true;
		r->stopped_at = abs;
		r->tail = UI_SNAPS / 2;
		snap = true;
	}
	if (snap)
		ui_snap_now(r, &st, abs);
}

void
ui_rec_trace(void *arg, const struct trace_event *ev)
{
	struct ui_rec *r = arg;

	/* An untyped event (TRANSITION: none are left) has nothing to read. */
	if (!ev->rec.site)
		return;
	ui_track(r, ev);
	ui_record(r, ev);
}

/* The skb pane of the next snapshot shows @skb_id (0: the tracker's). */
static void
ui_show_skb(struct ui_rec *r, u32 skb_id)
{
	struct sk_buff *skb;

	r->show = (struct ui_skbref){ NULL, 0 };
	if (!skb_id || skb_id == r->t.focus.id)
		return;
	/* Once per stop or mark, not per step: the walk may cost what it costs. */
	r->show.id = skb_id;
	list_for_each_entry(skb, &r->w->ledger.live, ledger_node)
		if (skb->id == skb_id)
			r->show.skb = skb;
}

void
ui_rec_stop_here(struct ui_rec *r, u32 skb_id)
{
	const struct ui_step *st = r->count ? ui_rec_step(r, r->count - 1) : NULL;

	if (!st || r->into || r->rewrite)
		return;
	ui_show_skb(r, skb_id);
	ui_snap_now(r, st, r->count - 1);
	r->show = (struct ui_skbref){ NULL, 0 };
	r->stopped = true;
	r->stopped_at = r->count - 1;
	r->tail = UI_SNAPS / 2;
}

static void
ui_rec_tap(void *arg, const struct sim_port *port, enum sim_dir dir, const u8 *frame,
	   unsigned int len, ktime_t ts)
{
	struct ui_rec *r = arg;
	struct ui_frame *f = &r->t.frame;

	if (dir != SIM_DIR_TX)
		return;		/* each frame once: as it leaves a port */
	r->t.wire_frames++;
	snprintf(f->port, sizeof(f->port), "%s", port->name);
	f->dir = dir;
	f->len = len;
	memcpy(f->bytes, frame, len < UI_FRAME_MAX ? len : UI_FRAME_MAX);
	f->ts = ts;
	f->no = r->t.wire_frames;
}

void
ui_rec_console(struct ui_rec *r, const char *text)
{
	size_t n = strlen(text);
	char *p;

	if (n > UI_CONSOLE_KEEP) {
		text += n - UI_CONSOLE_KEEP;
		n = UI_CONSOLE_KEEP;
	}
	if (r->console_len + n > UI_CONSOLE_KEEP) {
		size_t drop = r->console_len + n - UI_CONSOLE_KEEP;

		memmove(r->console_log, r->console_log + drop, r->console_len - drop);
		r->console_len -= drop;
	}
	p = realloc(r->console_log, r->console_len + n + 1);
	if (!p)
		return;
	r->console_log = p;
	memcpy(p + r->console_len, text, n);
	r->console_len += n;
	p[r->console_len] = '\0';
}

/*
 * The UI's own notes: declared here, not in events/ (the trace never
 * records them), so a step after a command reads like any other.  Their
 * one field is the text, kept in r->marks while the UI runs.
 */
static const struct trace_field ui_mark_fields[] = {
	{ .name = "what", .namelen = 4, .type = TF_STR, .size = sizeof(const char *), .bare = true },
};
const struct trace_event_desc ui_mark_console = {
	.name = "ui_mark_console", .ksrc = "", .is_note = true,
	.size = sizeof(const char *), .nfields = 1, .fields = ui_mark_fields, .subsys = "ui",
};
const struct trace_event_desc ui_mark_lesson = {
	.name = "ui_mark_lesson", .ksrc = "", .is_note = true,
	.size = sizeof(const char *), .nfields = 1, .fields = ui_mark_fields, .subsys = "ui",
};
static const struct tp_site ui_mark_sites[] = {
	[UI_MARK_CONSOLE] = { &ui_mark_console, "ui/ui.c", "(console)", "", 0 },
	[UI_MARK_LESSON] = { &ui_mark_lesson, "ui/ui.c", "(lesson)", "", 0 },
};

/* A copy of @what that lives as long as the recorder ("" without memory). */
static const char *
ui_mark_text(struct ui_rec *r, const char *what)
{
	char **v = realloc(r->marks, (r->nmarks + 1) * sizeof(*v));
	char *text;

	if (!v)
		return "";
	r->marks = v;
	text = strdup(what);
	if (!text)
		return "";
	r->marks[r->nmarks++] = text;
	return text;
}

/* The mark itself: a step like any other, always snapshotted (a replay: if wanted). */
static void
ui_mark_step(struct ui_rec *r, enum ui_mark mark, const char *what, u32 skb_id)
{
	struct trace_event ev;
	const char *text = ui_mark_text(r, what);
	enum ui_rec_mode mode = r->mode;

	memset(&ev, 0, sizeof(ev));
	ev.seq = r->w->trace.seq;
	ev.host = r->w->host[SIM_STUDENT];
	ev.host_name = ev.host ? ev.host->name : "-";
	ev.rec.ts = r->w->eng.now;
	ev.rec.site = &ui_mark_sites[mark];
	ev.rec.kind = TRACE_NOTE;
	ev.rec.host = ev.host ? trace_host_index(&r->w->trace, ev.host) : 0xff;
	memcpy(ev.rec.data, &text, sizeof(text));
	r->mode = UI_REC_ALL;
	ui_show_skb(r, skb_id);
	ui_rec_trace(r, &ev);
	r->show = (struct ui_skbref){ NULL, 0 };
	r->mode = mode;
}

void
ui_rec_mark(struct ui_rec *r, enum ui_mark mark, const char *what, u32 skb_id)
{
	if (r->j) {
		enum sim_jowner owner = r->j->owner;

		r->j->owner = mark == UI_MARK_LESSON ? SIM_JOWN_LESSON : SIM_JOWN_STUDENT;
		sim_journal_mark(r->j, what, skb_id);
		r->j->owner = owner;
	}
	ui_mark_step(r, mark, what, skb_id);
}

const char *
ui_rec_host_name(const struct ui_rec *r, const struct trace_rec *ev)
{
	const struct net *host = trace_rec_host(&r->w->trace, ev);

	return host ? host->name : "-";
}

const struct ui_step *
ui_rec_step(const struct ui_rec *r, u64 abs)
{
	if (abs < r->first || abs >= r->count)
		return NULL;
	return &r->steps[abs % UI_STEPS];
}

const struct ui_snap *
ui_rec_get(const struct ui_rec *r, u64 abs)
{
	const struct ui_snap *s = &r->snaps[abs % UI_SNAPS];

	return abs >= r->first && abs < r->count && s->valid && s->abs == abs ? s : NULL;
}

const struct ui_snap *
ui_rec_initial(struct ui_rec *r)
{
	if (!r->initial.valid)
		ui_snap_build(r, NULL, 0, &r->initial);
	return &r->initial;
}

/* ---- checkpoints and replay ---------------------------------------------- */

/* The journal's hook: before a call, maybe keep the recorder's state. */
static void
ui_rec_before(void *arg, u64 jpos)
{
	struct ui_rec *r = arg;
	const struct ui_ckpt *last = r->nckpt ? &r->ckpt[(r->nckpt - 1) % UI_CKPTS] : NULL;
	struct ui_ckpt *c;

	/* Between two calls no traced function is open: the stack is empty
	 * (or its last frame returned).  Otherwise this is no place to start. */
	if ((last && r->count - last->abs < UI_CKPT_EVERY) || r->t.overflow ||
	    r->t.nstack > (r->t.pop ? 1 : 0))
		return;
	c = &r->ckpt[r->nckpt++ % UI_CKPTS];
	c->jpos = jpos;
	c->abs = r->count;
	c->seq = r->w->trace.seq + r->seq_base;
	c->t = r->t;
}

/* The skb headers a checkpoint names, found again in @r's own world. */
static void
ui_rec_relocate(struct ui_rec *r)
{
	struct ui_track *t = &r->t;
	struct ui_skbref *refs[UI_SHARERS + 2];
	int n = 0;
	struct sk_buff *skb;

	refs[n++] = &t->focus;
	if (t->nstack)
		refs[n++] = &t->stack_skb[0];
	for (int i = 0; i < t->nshare; i++)
		refs[n++] = &t->share[i];
	for (int i = 0; i < n; i++)
		refs[i]->skb = NULL;
	list_for_each_entry(skb, &r->w->ledger.live, ledger_node)
		for (int i = 0; i < n; i++)
			if (refs[i]->id == skb->id)
				refs[i]->skb = skb;
}

/* Every host known to the trace, in one order: a record's host index
 * then means the same in a replayed world. */
static void
ui_rec_hosts(struct ui_rec *r)
{
	for (int i = 0; i < SIM_NHOSTS; i++)
		if (r->w->host[i])
			trace_host_index(&r->w->trace, r->w->host[i]);
}

static void
ui_track_reset(struct ui_track *t)
{
	memset(t, 0, sizeof(*t));
	t->last_host = SIM_STUDENT;
	t->ring_host = t->ring_dev = -1;
	t->last_route_host = -1;
	t->txq = -1;
	t->txq_host = -1;
	t->quota = -1;
}

/* Every port of every host gets our tap; @add false takes it off. */
static void
ui_rec_taps(struct ui_rec *r, bool add)
{
	for (int h = 0; h < SIM_NHOSTS; h++) {
		struct net *net = r->w->host[h];

		for (int i = 0; net && i < net->ndevs; i++) {
			struct sim_port *p = net->devs[i] ? sim_igb_port(net->devs[i]) : NULL;

			if (!p)
				continue;
			if (add) {
				struct sim_tap t = { .frame = ui_rec_tap, .arg = r };

				sim_port_add_tap(p, &t);
				continue;
			}
			for (int k = 0; k < p->ntaps; k++) {
				if (p->taps[k].arg != r)
					continue;
				memmove(&p->taps[k], &p->taps[k + 1],
					(size_t)(p->ntaps - k - 1) * sizeof(p->taps[0]));
				p->ntaps--;
				k--;
			}
		}
	}
}

/* Listen to @w: the trace and the wire. */
static int
ui_rec_attach(struct ui_rec *r, struct sim_world *w)
{
	r->w = w;
	ui_rec_hosts(r);
	if (trace_add_sink(&w->trace, ui_rec_trace, r))
		return -ENOSPC;
	ui_rec_taps(r, true);
	return 0;
}

static void
ui_rec_detach(struct ui_rec *r)
{
	trace_remove_sink(&r->w->trace, r);
	ui_rec_taps(r, false);
}

/* What a replay of a journal does at each call and at each mark. */
struct ui_replay {
	struct ui_rec *rr;		/* the recorder on the replayed world */
	const struct ui_ckpt *c;	/* where it starts listening (NULL: at once) */
	bool on;			/* ... and has */
	u64 stop;			/* steps after which it may end (0: never) */
};

static bool
ui_replay_at(void *arg, u64 jpos)
{
	struct ui_replay *x = arg;
	struct ui_rec *rr = x->rr;

	if (x->c && !x->on && jpos == x->c->jpos) {
		rr->t = x->c->t;
		rr->count = x->c->abs;
		rr->seq_base = x->c->seq - rr->w->trace.seq;
		ui_rec_relocate(rr);
		trace_unmute(&rr->w->trace);
		x->on = true;
	}
	if (rr->rewrite)
		ui_rec_before(rr, jpos);
	return !x->stop || rr->count <= x->stop;
}

static void
ui_replay_mark(void *arg, const struct sim_jentry *e)
{
	struct ui_replay *x = arg;

	if (x->on)
		ui_mark_step(x->rr, e->owner == SIM_JOWN_LESSON ? UI_MARK_LESSON : UI_MARK_CONSOLE,
			     e->line, e->skb);
}

static struct sim_world *
ui_classroom_build(void *arg)
{
	struct sim_world *w = calloc(1, sizeof(*w));

	if (w && sim_world_create(w, *(const u32 *)arg)) {
		free(w);
		return NULL;
	}
	return w;
}

static void
ui_classroom_destroy(struct sim_world *w, void *arg)
{
	(void)arg;
	sim_world_destroy(w);
	free(w);
}

const struct ui_world_ops ui_world_classroom = {
	.build = ui_classroom_build,
	.destroy = ui_classroom_destroy,
};

int
ui_rec_replay(struct ui_rec *r, u64 abs, const struct ui_world_ops *ops, void *arg)
{
	struct ui_rec *rr;
	struct sim_world *w;
	struct ui_replay x = { NULL, NULL, false, 0 };
	u64 lo, hi;
	long long got;
	int rc;

	if (!r->j || r->j->broken || abs < r->first || abs >= r->count)
		return -ENOENT;
	/* Mostly behind @abs: `p` goes on backwards, `s` a little forwards. */
	lo = abs > UI_SNAPS * 3 / 4 ? abs - UI_SNAPS * 3 / 4 : 0;
	if (lo < r->first)
		lo = r->first;
	hi = lo + UI_SNAPS - 1 < r->count - 1 ? lo + UI_SNAPS - 1 : r->count - 1;
	for (u64 i = r->nckpt; i-- > 0 && r->nckpt - i <= UI_CKPTS;) {
		if (r->ckpt[i % UI_CKPTS].abs <= lo) {
			x.c = &r->ckpt[i % UI_CKPTS];
			break;
		}
	}
	if (!x.c)
		return -ENOENT;
	rr = calloc(1, sizeof(*rr));
	w = rr ? ops->build(arg) : NULL;
	if (!w) {
		free(rr);
		return -ENOMEM;
	}
	rc = ui_rec_init(rr, w, NULL);
	if (!rc) {
		rr->into = r;
		rr->want_lo = lo;
		rr->want_hi = hi;
		rr->mode = UI_REC_RUN;
		x.rr = rr;
		x.stop = hi + 1;
		trace_mute(&w->trace);
		got = sim_journal_replay(r->j, w, r->j->pos, ui_replay_at, ui_replay_mark, &x);
		rc = got < 0 ? -ENOENT : rr->diverged ? -EIO : 0;
		if (!x.on)
			trace_unmute(&w->trace);
		ui_rec_exit(rr);
	}
	trace_mute(&w->trace);
	ops->destroy(w, arg);
	free(rr);
	return rc;
}

int
ui_rec_rebuild(struct ui_rec *r, struct sim_world *w, u64 jpos)
{
	struct ui_replay x = { r, NULL, true, 0 };
	long long got;

	ui_rec_detach(r);
	if (ui_rec_attach(r, w))
		return -ENOMEM;
	ui_track_reset(&r->t);
	r->rewrite = true;
	r->rewrite_end = r->count;
	r->count = 0;
	r->nckpt = 0;
	r->seq_base = 0;
	r->diverged = false;
	got = sim_journal_replay(r->j, w, jpos, ui_replay_at, ui_replay_mark, &x);
	r->rewrite = false;
	/* The steps after the lesson's position are gone, and so are their panes. */
	for (u64 i = r->count; i < r->rewrite_end; i++)
		if (ui_slot(r, i)->abs == i)
			ui_snap_free(ui_slot(r, i));
	if (r->first > r->count)
		r->first = r->count;
	sim_journal_truncate(r->j, jpos);
	return got < 0 || r->diverged ? -EIO : 0;
}

int
ui_rec_init(struct ui_rec *r, struct sim_world *w, struct sim_journal *j)
{
	memset(r, 0, sizeof(*r));
	r->j = j;
	ui_track_reset(&r->t);
	/* NOTE: a replay's recorder never writes its steps: calloc's pages stay untouched. */
	r->steps = calloc(UI_STEPS, sizeof(*r->steps));
	r->snaps = calloc(UI_SNAPS, sizeof(*r->snaps));
	r->ckpt = calloc(UI_CKPTS, sizeof(*r->ckpt));
	if (!r->steps || !r->snaps || !r->ckpt || ui_dev_fields_init(r)) {
		free(r->steps);
		free(r->snaps);
		free(r->ckpt);
		return -ENOMEM;
	}
	if (ui_rec_attach(r, w)) {
		free(r->steps);
		free(r->snaps);
		free(r->ckpt);
		free(r->dev_fields);
		return -ENOSPC;
	}
	if (j) {
		j->before = ui_rec_before;
		j->arg = r;
	}
	return 0;
}

void
ui_rec_exit(struct ui_rec *r)
{
	ui_rec_detach(r);
	if (r->j && r->j->arg == r)
		r->j->before = NULL;
	for (int i = 0; r->snaps && i < UI_SNAPS; i++)
		free(r->snaps[i].text);
	free(r->initial.text);
	free(r->snaps);
	free(r->steps);
	free(r->ckpt);
	free(r->dev_fields);
	for (size_t i = 0; i < r->nmarks; i++)
		free(r->marks[i]);
	free(r->marks);
	free(r->console_log);
	free(r->frame_text[0]);
	free(r->frame_text[1]);
	for (int i = 0; i < 3; i++) {
		if (r->ms[i])
			fclose(r->ms[i]);
		free(r->ms_buf[i]);
		r->ms[i] = NULL;
		r->ms_buf[i] = NULL;
	}
	r->snaps = NULL;
	r->steps = NULL;
	r->console_log = NULL;
}
