/*
 * ui/ui_snap.c - the recorder: a trace sink and a wire tap that write
 * down, at every trace event, what each pane of the UI shows.
 *
 * No kernel counterpart (see ui/ui_snap.h for the design).  Everything
 * here only reads the model: the skb ledger, the route table (its rows
 * through sim_fib_for_each_row), the neighbour table (neigh_for_each),
 * the igb rings and the card's TDH/TDT registers (sim_82576_peek: a
 * peek, not a register read with side effects), the qdisc counters and
 * the softirq counters.  The skb pointer in a trace event is never
 * dereferenced: skbs are found by id on the ledger, so an exit event
 * after the skb was freed is safe.
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
ui_buf_close(struct ui_buf *b)
{
	long n;

	if (!b->f)
		return strdup("");
	n = ftell(b->f);
	fflush(b->f);
	return strndup(*b->text ? *b->text : "", n > 0 ? (size_t)n : 0);
}

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
ui_build_stack(struct ui_rec *r, const struct trace_event *ev, struct ui_snap *s)
{
	const struct trace_rec *rec = &ev->rec;
	char fields[UI_FIELDS_MAX];
	struct ui_buf b;

	ui_buf_open(r, &b, 0);
	if (r->overflow)
		fprintf(b.f, "  ... %d deeper calls not shown\n", r->overflow);
	for (int i = 0; i < r->nstack; i++) {
		const struct trace_event_desc *fn = r->stack[i];
		bool cur = i == r->nstack - 1 && rec->kind != TRACE_NOTE;
		int ind = i < 14 ? i : 14;

		fprintf(b.f, "%c%*s%s%s%s\n", cur ? '>' : ' ', ind, "", fn->name,
			fn->is_inline ? " " UI_INLINE_MARK : "",
			cur && rec->kind == TRACE_EXIT ? "  <- returns" : "");
	}
	if (rec->kind == TRACE_NOTE)
		fprintf(b.f, ">%*s* %s (inside)\n", r->nstack < 14 ? r->nstack : 14, "",
			trace_rec_func(rec));
	fprintf(b.f, "  %s\n", trace_rec_ksrc(rec));
	fprintf(b.f, "  %s:%d  [%s]\n", rec->site->file, rec->site->line, ev->host_name);
	if (rec->skb_id)
		fprintf(b.f, "  skb#%u\n", rec->skb_id);
	/* One line: the UI wraps it at the pane's width. */
	ui_format_fields(rec, fields, sizeof(fields));
	if (fields[0])
		fprintf(b.f, "  %s\n", fields);
	s->pane[UI_PANE_STACK] = ui_buf_close(&b);
}

/* ---- the skb ------------------------------------------------------------ */

static struct sk_buff *
ui_find_skb(struct ui_rec *r, u32 id, u32 data_id)
{
	struct sk_buff *skb;

	list_for_each_entry(skb, &r->w->ledger.live, ledger_node) {
		if (id && skb->id == id)
			return skb;
		if (!id && skb->data_id == data_id)
			return skb;
	}
	return NULL;
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

/* The paged data: "frags=2: 1448 1448  gso_segs=2 gso_size=1448". */
static void
ui_skb_frags(FILE *f, const struct sk_buff *skb)
{
	const struct skb_shared_info *sh = skb_shinfo(skb);

	fprintf(f, "frags=%u:", sh->nr_frags);
	for (int i = 0; i < sh->nr_frags && i < 6; i++)
		fprintf(f, " %u", skb_frag_size(&sh->frags[i]));
	if (sh->nr_frags > 6)
		fputs(" ...", f);
	if (sh->frag_list)
		fputs(" +frag_list", f);
	if (sh->gso_size)
		fprintf(f, "  gso_segs=%u gso_size=%u", sh->gso_segs, sh->gso_size);
	fputc('\n', f);
}

static void
ui_build_skb(struct ui_rec *r, struct ui_snap *s)
{
	struct sk_buff *skb = r->focus_skb ? ui_find_skb(r, r->focus_skb, 0) : NULL, *o;
	unsigned long live = r->w->ledger.allocated - r->w->ledger.freed;
	struct ui_buf b;

	u32 gone = skb ? 0 : r->focus_skb;

	ui_buf_open(r, &b, 0);
	if (gone) {
		/* The event's skb is freed: show one that shared its data. */
		skb = ui_find_skb(r, 0, r->focus_data);
		fprintf(b.f, "skb#%u is freed%s\n", gone, skb ? "; its data lives on in:" : "");
	}
	if (!skb) {
		fprintf(b.f, "%slive skbs: %lu\n", gone ? "" : "no skb in focus\n", live);
		s->pane[UI_PANE_SKB] = ui_buf_close(&b);
		return;
	}
	r->focus_data = skb->data_id;
	if (!skb->head) {
		/* alloc_skb's tracepoint: the header exists, its data not yet. */
		fprintf(b.f, "skb#%u: header allocated, no data yet\nlive skbs: %lu\n", skb->id,
			live);
		s->pane[UI_PANE_SKB] = ui_buf_close(&b);
		return;
	}
	{
		unsigned int d = (unsigned int)(skb->data - skb->head);
		int dataref = skb_shinfo(skb)->dataref & SKB_DATAREF_MASK;

		if (skb->id == skb->data_id)
			fprintf(b.f, "skb#%u (owns its data)  len=%u\n", skb->id, skb->len);
		else
			fprintf(b.f, "skb#%u (clone: data of skb#%u)  len=%u\n", skb->id,
				skb->data_id, skb->len);
		ui_skb_bar(b.f, skb);
		fprintf(b.f, "headroom=%u len=%u tailroom=%u\n", d, skb->len,
			skb->end - skb->tail);
		fprintf(b.f, "users=%d cloned=%u dataref=%d\n", skb->users, skb->cloned, dataref);
		fprintf(b.f, "hdrs:");
		if (skb->mac_header != SKB_HEADER_UNSET && skb->mac_header >= d)
			fprintf(b.f, " eth@+%d", skb->mac_header - (int)d);
		if (skb->network_header != SKB_HEADER_UNSET && skb->network_header >= d)
			fprintf(b.f, " ip@+%d", skb->network_header - (int)d);
		if (skb->transport_header != SKB_HEADER_UNSET && skb->transport_header >= d)
			fprintf(b.f, " l4@+%d", skb->transport_header - (int)d);
		fprintf(b.f, "\nproto=0x%04x dev=%s truesize=%u\n", ntohs(skb->protocol),
			skb->dev ? skb->dev->name : "-", skb->truesize);
		ui_skb_frags(b.f, skb);
		fprintf(b.f, "data shared by (data_id=%u):\n", skb->data_id);
		list_for_each_entry(o, &r->w->ledger.live, ledger_node) {
			if (o->data_id != skb->data_id)
				continue;
			fprintf(b.f, "%c skb#%u %s users=%d cloned=%u\n", o == skb ? '*' : ' ',
				o->id, o->id == o->data_id ? "orig " : "clone", o->users, o->cloned);
		}
		fprintf(b.f, "live skbs: %lu, pages: %lu\n", live,
			r->w->ledger.pages_allocated - r->w->ledger.pages_freed);
	}
	s->pane[UI_PANE_SKB] = ui_buf_close(&b);
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

static void
ui_build_route(struct ui_rec *r, const struct trace_event *ev, struct ui_snap *s)
{
	struct net *net = r->last_host;
	struct ui_buf wide, narrow;
	struct ui_route_ctx c = { NULL, NULL, 0, -1 };

	if (ev->host != net || !ui_route_row(&ev->rec, &c.match))
		c.match = -1;
	ui_buf_open(r, &wide, 1);
	ui_buf_open(r, &narrow, 2);
	c.wide = wide.f;
	c.narrow = narrow.f;
	fprintf(wide.f, " Destination     Gateway         Genmask         Flags   Use Iface\n");
	fprintf(narrow.f, " Destination     Gateway         Iface\n");
	if (net && wide.f && narrow.f)
		sim_fib_for_each_row(net, ui_route_line, &c);
	if (r->last_route.site && r->last_route_host == net) {
		char fields[UI_FIELDS_MAX], text[UI_FIELDS_MAX + 64];

		ui_format_fields(&r->last_route, fields, sizeof(fields));
		snprintf(text, sizeof(text), "%s %s", trace_rec_func(&r->last_route), fields);
		fprintf(wide.f, "\nlast lookup (dst cached on the skb):\n");
		ui_wrap_fields(wide.f, "  ", text, 64);
		fprintf(narrow.f, "\nlast lookup:\n");
		ui_wrap_fields(narrow.f, "  ", text, 36);
	}
	s->pane[UI_PANE_ROUTE] = ui_buf_close(&wide);
	s->narrow[UI_PANE_ROUTE] = ui_buf_close(&narrow);
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
ui_build_neigh(struct ui_rec *r, const struct trace_event *ev, struct ui_snap *s)
{
	struct ui_buf wide, narrow;
	struct ui_neigh_ctx c;
	int n = 0;

	ui_buf_open(r, &wide, 1);
	ui_buf_open(r, &narrow, 2);
	c.wide = wide.f;
	c.narrow = narrow.f;
	c.ev = ev->host == r->last_host ? &ev->rec : NULL;
	fprintf(wide.f, " IP address      HW address        State      Queue Last change\n");
	fprintf(narrow.f, " IP address      State      Queue\n");
	if (r->last_host && wide.f && narrow.f)
		n = neigh_for_each(r->last_host, ui_neigh_row, &c);
	if (!n) {
		fprintf(wide.f, "  (empty)\n");
		fprintf(narrow.f, "  (empty)\n");
	}
	if (r->last_neigh[0]) {
		fprintf(wide.f, "last: %s\n", r->last_neigh);
		fprintf(narrow.f, "last: %s\n", r->last_neigh);
	}
	s->pane[UI_PANE_NEIGH] = ui_buf_close(&wide);
	s->narrow[UI_PANE_NEIGH] = ui_buf_close(&narrow);
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

static struct net_device *
ui_ring_dev(struct ui_rec *r, const struct trace_event *ev)
{
	struct net *net = r->last_host;
	const char *name = ui_event_dev(r, &ev->rec);

	if (!net || !net->ndevs)
		return NULL;
	if (name) {
		const char *colon = strchr(name, ':');
		const char *dn = colon ? colon + 1 : name;

		for (int i = 0; i < net->ndevs; i++)
			if (net->devs[i] && !strcmp(net->devs[i]->name, dn))
				r->ring_dev = net->devs[i];
	}
	for (int i = 0; i < net->ndevs; i++)
		if (net->devs[i] == r->ring_dev)
			return r->ring_dev;
	r->ring_dev = net->devs[0];
	return r->ring_dev;
}

/* The id of @ptr if it is a live skb, else 0: rings may hold a freed one
 * for a moment (igb_clean_tx_irq frees before it clears the slot). */
static u32
ui_live_id(struct ui_rec *r, const struct sk_buff *ptr)
{
	struct sk_buff *skb;

	list_for_each_entry(skb, &r->w->ledger.live, ledger_node)
		if (skb == ptr)
			return skb->id;
	return 0;
}

/* Is one of @funcs (NULL-terminated) on the live call stack? */
static bool
ui_inside(const struct ui_rec *r, const struct trace_event_desc *const *funcs)
{
	for (int i = 0; i < r->nstack; i++)
		for (int k = 0; funcs[k]; k++)
			if (r->stack[i] == funcs[k])
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

static void
ui_build_tx_ring(struct ui_rec *r, FILE *f, struct igb_adapter *ad, struct igb_ring *ring)
{
	struct sim_82576 *hw = ad->hw.hw_addr;
	unsigned int tdh = sim_82576_peek(hw, E1000_TDH(ring->reg_idx));
	unsigned int tdt = sim_82576_peek(hw, E1000_TDT(ring->reg_idx));
	unsigned int cnt = ring->count, from, n;

	fprintf(f, "TX ring %u  count=%u\n", ring->queue_index, cnt);
	fprintf(f, "ntu=%u ntc=%u TDH=%u TDT=%u\n", ring->next_to_use, ring->next_to_clean,
		tdh, tdt);
	fprintf(f, " slot mark dma         len  DD  skb\n");
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
		fprintf(f, " %4u %-4s 0x%08llx %4u %-3s", i, mark, (unsigned long long)tb->dma,
			tb->len, le32_to_cpu(d->wb.status) & E1000_TXD_STAT_DD ? "DD" : "-");
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
ui_build_ring(struct ui_rec *r, const struct trace_event *ev, struct ui_snap *s)
{
	struct net_device *dev = ui_ring_dev(r, ev);
	struct igb_adapter *ad = dev && sim_igb_card(dev) ? netdev_priv(dev) : NULL;
	struct ui_buf b;

	ui_buf_open(r, &b, 0);
	if (!ad || !ad->num_tx_queues || !ad->tx_ring[0]) {
		fprintf(b.f, "no igb ring here\n");
		s->pane[UI_PANE_RING] = ui_buf_close(&b);
		return;
	}
	fprintf(b.f, "%s:%s\n", r->last_host->name, dev->name);
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
	s->pane[UI_PANE_RING] = ui_buf_close(&b);
}

/* ---- qdisc and softirqs ------------------------------------------------- */

/* The TX queue the current packet uses: that of the last netdev_pick_tx on @dev. */
static unsigned int
ui_txq(const struct ui_rec *r, const struct net_device *dev)
{
	if (r->txq >= 0 && r->txq_host == dev_net(dev) && !strcmp(r->txq_dev, dev->name) &&
	    (unsigned int)r->txq < dev->real_num_tx_queues)
		return (unsigned int)r->txq;
	return 0;
}

static void
ui_build_qdisc(struct ui_rec *r, struct ui_snap *s)
{
	static const struct trace_event_desc *const grafting[] = {
		&tp_ev_qdisc_graft, &tp_ev_dev_shutdown, NULL
	};
	static const struct trace_event_desc *const running[] = { &tp_ev___qdisc_run, NULL };
	struct net_device *dev = r->ring_dev;
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
	fprintf(b.f, "last: %s", r->last_qdisc[0] ? r->last_qdisc : "-");
	if (r->quota < 0)
		fprintf(b.f, "  quota: -\n");
	else
		fprintf(b.f, "  quota left=%d%s (%s)\n", r->quota,
			ui_inside(r, running) ? "" : " at end", r->quota_host);
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
	s->pane[UI_PANE_QDISC] = ui_buf_close(&b);
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
	const struct ui_frame *fr = &r->frame;
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
		r->frame_text[0] = ui_buf_close(&wide);
		r->frame_text[1] = ui_buf_close(&narrow);
		r->frame_text_no = fr->no;
	}
	s->pane[UI_PANE_FRAME] = strdup(r->frame_text[0] ? r->frame_text[0] : "");
	s->narrow[UI_PANE_FRAME] = strdup(r->frame_text[1] ? r->frame_text[1] : "");
}

/* ---- recording ---------------------------------------------------------- */

static void
ui_snap_free(struct ui_snap *s)
{
	for (int i = 0; i < UI_NPANES; i++) {
		free(s->pane[i]);
		free(s->narrow[i]);
		s->pane[i] = s->narrow[i] = NULL;
	}
}

static void
ui_record(struct ui_rec *r, const struct trace_event *ev)
{
	struct ui_snap *s = &r->ring[r->count % UI_HISTORY];
	struct net *st = r->w->host[SIM_STUDENT];

	ui_snap_free(s);
	s->ev = ev->rec;
	s->seq = ev->seq;
	s->level = r->nstack + r->overflow;
	s->wire_frames = r->wire_frames;
	s->student_tx = st && st->ndevs && sim_igb_port(st->devs[0]) ?
			sim_igb_port(st->devs[0])->tx_frames : 0;
	/* NOTE: every pane only reads the model, through nothing that traces
	 * (the route pane walks the rows rather than calling sim_fib_route_show):
	 * an event raised here would reach the sinks out of order. */
	ui_build_stack(r, ev, s);
	ui_build_skb(r, s);
	ui_build_route(r, ev, s);
	ui_build_neigh(r, ev, s);
	ui_build_ring(r, ev, s);
	ui_build_qdisc(r, s);
	ui_build_frame(r, s);
	/* NOTE: no console text: the console pane is the terminal, drawn from
	 * r->console_log as it is now (a command that only looks prints at
	 * once, between steps). */
	r->count++;
	if (r->count > UI_HISTORY)
		r->first = r->count - UI_HISTORY;
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

	if (pick) {
		r->txq = pick->queue;
		snprintf(r->txq_dev, sizeof(r->txq_dev), "%s", pick->dev);
		r->txq_host = ev->host;
	}
	if (run) {
		r->quota = run->quota;
		snprintf(r->quota_host, sizeof(r->quota_host), "%s", ev->host_name);
	}
	if (ev->rec.kind == TRACE_EXIT && !r->overflow && r->nstack >= 3 && r->quota > 0 &&
	    TP_IS(ev, sch_direct_xmit) && r->stack[r->nstack - 2] == &tp_ev_qdisc_restart &&
	    r->stack[r->nstack - 3] == &tp_ev___qdisc_run)
		r->quota--;
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
		snprintf(r->last_qdisc, sizeof(r->last_qdisc), "path=%s (%s)",
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
	snprintf(r->last_neigh, sizeof(r->last_neigh), "nud=%s (%s)", v, ev->host_name);
}

void
ui_rec_trace(void *arg, const struct trace_event *ev)
{
	struct ui_rec *r = arg;
	int row;

	/* An untyped event (TRANSITION: none are left) has nothing to read. */
	if (!ev->rec.site)
		return;
	if (ev->host)
		r->last_host = ev->host;
	if (ev->rec.kind == TRACE_ENTER) {
		if (r->nstack < UI_STACK_MAX)
			r->stack[r->nstack++] = ev->rec.site->ev;
		else
			r->overflow++;
	}
	/* The skb pane shows the skb of the current event (of its function's
	 * entry, at an exit), else the last one an event had. */
	if (ev->rec.skb_id)
		r->focus_skb = ev->rec.skb_id;
	if (ui_route_row(&ev->rec, &row)) {
		r->last_route = ev->rec;
		r->last_route_host = ev->host;
	}
	ui_track_paths(r, ev);
	ui_track_qdisc(r, ev);
	ui_record(r, ev);
	if (ev->rec.kind == TRACE_EXIT) {
		if (r->overflow)
			r->overflow--;
		else if (r->nstack)
			r->nstack--;
	}
}

static void
ui_rec_tap(void *arg, const struct sim_port *port, enum sim_dir dir, const u8 *frame,
	   unsigned int len, ktime_t ts)
{
	struct ui_rec *r = arg;
	struct ui_frame *f = &r->frame;

	if (dir != SIM_DIR_TX)
		return;		/* each frame once: as it leaves a port */
	r->wire_frames++;
	snprintf(f->port, sizeof(f->port), "%s", port->name);
	f->dir = dir;
	f->len = len;
	memcpy(f->bytes, frame, len < UI_FRAME_MAX ? len : UI_FRAME_MAX);
	f->ts = ts;
	f->no = r->wire_frames;
}

void
ui_rec_console(struct ui_rec *r, const char *text)
{
	size_t n = strlen(text);
	char *p;

	if (r->console_len + n > UI_CONSOLE_KEEP) {
		size_t drop = r->console_len + n - UI_CONSOLE_KEEP;

		if (drop > r->console_len)
			drop = r->console_len;
		memmove(r->console_log, r->console_log + drop, r->console_len - drop);
		r->console_len -= drop;
	}
	p = realloc(r->console_log, r->console_len + n + 1);
	if (!p)
		return;
	r->console_log = p;
	memcpy(p + r->console_len, text, n < UI_CONSOLE_KEEP ? n : UI_CONSOLE_KEEP);
	r->console_len += n < UI_CONSOLE_KEEP ? n : UI_CONSOLE_KEEP;
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

void
ui_rec_mark(struct ui_rec *r, enum ui_mark mark, const char *what)
{
	struct trace_event ev;
	const char *text = ui_mark_text(r, what);

	memset(&ev, 0, sizeof(ev));
	ev.seq = r->w->trace.seq;
	ev.host = r->w->host[SIM_STUDENT];
	ev.host_name = ev.host ? ev.host->name : "-";
	ev.rec.ts = r->w->eng.now;
	ev.rec.site = &ui_mark_sites[mark];
	ev.rec.kind = TRACE_NOTE;
	ev.rec.host = ev.host ? trace_host_index(&r->w->trace, ev.host) : 0xff;
	memcpy(ev.rec.data, &text, sizeof(text));
	ui_rec_trace(r, &ev);
}

const char *
ui_rec_host_name(const struct ui_rec *r, const struct trace_rec *ev)
{
	const struct net *host = trace_rec_host(&r->w->trace, ev);

	return host ? host->name : "-";
}

const struct ui_snap *
ui_rec_get(const struct ui_rec *r, u64 abs)
{
	if (abs < r->first || abs >= r->count)
		return NULL;
	return &r->ring[abs % UI_HISTORY];
}

/* Every port of every host gets our tap; ui_rec_exit takes it off. */
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

int
ui_rec_init(struct ui_rec *r, struct sim_world *w)
{
	memset(r, 0, sizeof(*r));
	r->w = w;
	r->last_host = w->host[SIM_STUDENT];
	r->txq = -1;
	r->quota = -1;
	r->ring = calloc(UI_HISTORY, sizeof(*r->ring));
	if (!r->ring || ui_dev_fields_init(r)) {
		free(r->ring);
		return -ENOMEM;
	}
	if (trace_add_sink(&w->trace, ui_rec_trace, r)) {
		free(r->ring);
		free(r->dev_fields);
		return -ENOSPC;
	}
	ui_rec_taps(r, true);
	return 0;
}

void
ui_rec_exit(struct ui_rec *r)
{
	trace_remove_sink(&r->w->trace, r);
	ui_rec_taps(r, false);
	for (int i = 0; r->ring && i < UI_HISTORY; i++)
		ui_snap_free(&r->ring[i]);
	free(r->ring);
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
	r->ring = NULL;
	r->console_log = NULL;
}
