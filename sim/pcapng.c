/*
 * sim/pcapng.c - the --pcapng writer.  See sim/pcapng.h for the format
 * and for why the blocks are written here rather than by libpcap.
 *
 * No kernel counterpart.  Two inputs meet here:
 *   - the port tap (sim/wire.h) gives the frame bytes, its direction and
 *     its time, at the moment it leaves or reaches the card;
 *   - the trace sink (kernel/trace.h) gives what the stack reported on
 *     the way: igb_xmit_frame_ring (TX queue), igb_tx_map (ring slot,
 *     skb id, clone), ip_finish_output2 (route), dst_neigh_output and
 *     friends (neighbour), gso_segs_made (a GSO skb cut in software:
 *     its segments are numbered as they are mapped), the card's
 *     descriptor fetch (card_tx_desc: which slot a frame on the wire
 *     came from) and its TSO (sim_82576_tso_frame: the slot of the
 *     packet it cuts, and which segment this frame is); on RX the card's
 *     write-back (card_rx_writeback: slot) or the note that refused the
 *     frame, igb_rx_done (the skb behind that slot), skb_gro_receive
 *     (the packet GRO merged it into: what goes up from then on), the
 *     input route, neighbour updates and any drop while the skb went up;
 *     the comment is complete when the NAPI poll ends (GRO has sent up
 *     what it held by then).
 * Only events of the watched host are looked at, and only through their
 * declarations in events/ (TP_DATA): a renamed event or field stops the
 * build instead of silently emptying a comment.  Drops are the exception:
 * any note declaring a reason field is one (pcapng_gives_reason), and
 * tests/check_pcapng.c checks that they still reach the comment.
 *
 * All numbers are written in host byte order: the Section Header's
 * byte-order magic tells readers which order that is.
 */
#include "sim/pcapng.h"
#include "events/card.h"
#include "events/fib.h"
#include "events/igb.h"
#include "events/ip.h"
#include "events/neigh.h"
#include "events/net.h"
#include "events/gro.h"
#include "events/skb.h"
#include "events/offload.h"
#include "layers/neighbour.h"
#include "sim/pcap.h"
#include "layers/skbuff.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define PCAPNG_SKB_INFOS	64	/* skbs on their way to the ring */
#define PCAPNG_SLOTS		512	/* TX descriptors mapped, not yet on the wire */

struct pcapng_skbinfo {
	u32 id;				/* 0: free */
	char route[80];			/* "10.0.1.2 via 10.0.0.1 dev eth0" */
	char neigh[64];			/* "10.0.0.1 REACHABLE" */
};

/* What igb_tx_map reported for one TX ring slot. */
struct pcapng_slot {
	bool used;
	int queue;
	unsigned int slot;
	u32 skb_id;
	u32 data_id;			/* skb that allocated the data */
	bool clone;			/* data shared with another skb */
	u32 gso_of;			/* GSO skb it is a segment of, 0: none */
	u32 seg, segs;			/* ... which one (from 1), of how many */
	struct pcapng_skbinfo info;	/* route and neighbour, copied */
};

/* A frame waiting to be written (RX frames wait for the driver). */
struct pcapng_rec {
	struct list_head node;
	bool complete;			/* comment known: may be written */
	enum sim_dir dir;
	ktime_t ts;
	int slot;			/* RX descriptor, -1 until written back */
	u32 skb_id;			/* RX skb, 0 until the driver takes it */
	u32 gro_into;			/* RX: the skb GRO merged it into, 0: none */
	u32 gro_try;			/* ... and the one skb_gro_receive tried */
	char route[80];
	char neigh[64];
	char note[96];			/* a drop and its reason */
	char comment[PCAPNG_COMMENT_MAX];
	unsigned int len;
	u8 data[];
};

struct sim_pcapng {
	FILE *f;
	bool own;			/* fclose at the end */
	int failed;			/* errno of the first failed write: stop writing */
	ktime_t offset;			/* added to timestamps */
	unsigned long frames;		/* EPBs written */
	unsigned long pending;		/* records on the queue */
	struct trace *tr;
	struct net *net;		/* whose events matter */
	struct list_head queue;		/* records in wire order */
	/* TX: what the trace said, until the card fetches the slot */
	struct pcapng_skbinfo skbs[PCAPNG_SKB_INFOS];
	unsigned int next_skb;
	struct pcapng_slot slots[PCAPNG_SLOTS];
	unsigned int next_slot;
	u32 hard_xmit_skb;		/* skb of the last dev_hard_start_xmit */
	u32 gso_segs, gso_seg;		/* its software segments: made, mapped */
	int xmit_queue;			/* ring of the last igb_xmit_frame_ring */
	u32 xmit_skb;			/* ... and its skb */
	__be32 arp_for;			/* target of the last arp_solicit, 0: none */
	int fetch_queue;		/* the card's TX engine: current queue */
	int fetch_slot;			/* first descriptor of the frame, -1 none */
	u32 tso_seg, tso_segs;		/* the frame is the card's segment seg of
					 * segs (0: the card did not cut it) */
	/* RX */
	struct pcapng_rec *arriving;	/* inside the card's receive */
	struct pcapng_rec *rx_cur;	/* going up the stack */
};

/* ---- writing blocks ------------------------------------------------------ */

static void
pcapng_write(struct sim_pcapng *pc, const void *p, size_t n)
{
	if (!pc->failed && n && fwrite(p, 1, n, pc->f) != n)
		pc->failed = errno ? errno : EIO;
}

static void
pcapng_u32(struct sim_pcapng *pc, u32 v)
{
	pcapng_write(pc, &v, 4);
}

static void
pcapng_u16(struct sim_pcapng *pc, u16 v)
{
	pcapng_write(pc, &v, 2);
}

static size_t
pcapng_pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/* One option: code, length, value, padding to 32 bits. */
static void
pcapng_opt(struct sim_pcapng *pc, u16 code, const void *val, size_t len)
{
	static const u8 zeros[4];

	pcapng_u16(pc, code);
	pcapng_u16(pc, (u16)len);
	pcapng_write(pc, val, len);
	pcapng_write(pc, zeros, pcapng_pad4(len) - len);
}

static size_t
pcapng_opt_size(size_t len)
{
	return 4 + pcapng_pad4(len);
}

static void
pcapng_shb(struct sim_pcapng *pc)
{
	static const char appl[] = "netstep";
	u32 total = 28 + (u32)pcapng_opt_size(sizeof(appl) - 1) + 4;
	u64 section_len = ~0ULL;	/* unknown: we stream */

	pcapng_u32(pc, PCAPNG_BT_SHB);
	pcapng_u32(pc, total);
	pcapng_u32(pc, PCAPNG_BYTE_ORDER_MAGIC);
	pcapng_u16(pc, 1);		/* major */
	pcapng_u16(pc, 0);		/* minor */
	pcapng_write(pc, &section_len, 8);
	pcapng_opt(pc, PCAPNG_OPT_SHB_USERAPPL, appl, sizeof(appl) - 1);
	pcapng_u32(pc, PCAPNG_OPT_ENDOFOPT);
	pcapng_u32(pc, total);
}

static void
pcapng_idb(struct sim_pcapng *pc, const char *name)
{
	u8 tsresol = 9;			/* 10^-9 s: virtual time is in ns */
	size_t nlen = strlen(name);
	u32 total = 20 + (u32)(pcapng_opt_size(nlen) + pcapng_opt_size(1)) + 4;

	pcapng_u32(pc, PCAPNG_BT_IDB);
	pcapng_u32(pc, total);
	pcapng_u16(pc, PCAPNG_LINKTYPE_ETHERNET);
	pcapng_u16(pc, 0);		/* reserved */
	pcapng_u32(pc, 0);		/* snaplen: no limit */
	pcapng_opt(pc, PCAPNG_OPT_IF_NAME, name, nlen);
	pcapng_opt(pc, PCAPNG_OPT_IF_TSRESOL, &tsresol, 1);
	pcapng_u32(pc, PCAPNG_OPT_ENDOFOPT);
	pcapng_u32(pc, total);
	fflush(pc->f);
}

static void
pcapng_epb(struct sim_pcapng *pc, const struct pcapng_rec *r)
{
	static const u8 zeros[4];
	size_t clen = strlen(r->comment);
	u32 flags = r->dir == SIM_DIR_TX ? PCAPNG_EPB_OUTBOUND : PCAPNG_EPB_INBOUND;
	u64 ts = r->ts + pc->offset;
	u32 total = 28 + (u32)pcapng_pad4(r->len) + (u32)pcapng_opt_size(clen) +
		    (u32)pcapng_opt_size(4) + 4 + 4;

	pcapng_u32(pc, PCAPNG_BT_EPB);
	pcapng_u32(pc, total);
	pcapng_u32(pc, 0);		/* interface 0 */
	pcapng_u32(pc, (u32)(ts >> 32));
	pcapng_u32(pc, (u32)ts);
	pcapng_u32(pc, r->len);		/* captured */
	pcapng_u32(pc, r->len);		/* on the wire (no FCS) */
	pcapng_write(pc, r->data, r->len);
	pcapng_write(pc, zeros, pcapng_pad4(r->len) - r->len);
	pcapng_opt(pc, PCAPNG_OPT_COMMENT, r->comment, clen);
	pcapng_opt(pc, PCAPNG_OPT_EPB_FLAGS, &flags, 4);
	pcapng_u32(pc, PCAPNG_OPT_ENDOFOPT);
	pcapng_u32(pc, total);
	pc->frames++;
}

/* Write every record at the head of the queue whose comment is known. */
static void
pcapng_flush(struct sim_pcapng *pc, bool all)
{
	struct pcapng_rec *r, *tmp;
	bool wrote = false;

	list_for_each_entry_safe(r, tmp, &pc->queue, node) {
		if (!r->complete && !all && pc->pending <= PCAPNG_MAX_PENDING)
			break;
		if (!r->complete)
			snprintf(r->comment, sizeof(r->comment),
				 "RX queue=0 slot=%d | not taken by the driver before the capture ended",
				 r->slot);
		if (pc->arriving == r)
			pc->arriving = NULL;
		if (pc->rx_cur == r)
			pc->rx_cur = NULL;
		pcapng_epb(pc, r);
		list_del_init(&r->node);
		pc->pending--;
		free(r);
		wrote = true;
	}
	if (wrote && !pc->failed && fflush(pc->f))
		pc->failed = errno ? errno : EIO;
}

/* ---- reading the trace: transmit ------------------------------------------- */

static struct pcapng_skbinfo *
pcapng_skb(struct sim_pcapng *pc, u32 id, bool create)
{
	struct pcapng_skbinfo *si;

	for (unsigned int i = 0; i < PCAPNG_SKB_INFOS; i++)
		if (pc->skbs[i].id == id)
			return &pc->skbs[i];
	if (!create)
		return NULL;
	si = &pc->skbs[pc->next_skb++ % PCAPNG_SKB_INFOS];
	memset(si, 0, sizeof(*si));
	si->id = id;
	return si;
}

static struct pcapng_slot *
pcapng_find_slot(struct sim_pcapng *pc, int queue, unsigned int slot)
{
	for (unsigned int i = 0; i < PCAPNG_SLOTS; i++)
		if (pc->slots[i].used && pc->slots[i].queue == queue && pc->slots[i].slot == slot)
			return &pc->slots[i];
	return NULL;
}

/* ip_finish_output2: the route (and next hop) this skb leaves by. */
static void
pcapng_on_route(struct sim_pcapng *pc, u32 skb_id, const tp_data_ip_finish_output2 *e)
{
	struct pcapng_skbinfo *si = pcapng_skb(pc, skb_id, true);
	struct sim_addr_str daddr = sim_ip_str(e->daddr), nexthop = sim_ip_str(e->nexthop);

	if (e->daddr != e->nexthop)
		snprintf(si->route, sizeof(si->route), "%s via %s dev %s", daddr.s, nexthop.s,
			 e->dev);
	else
		snprintf(si->route, sizeof(si->route), "%s dev %s (on-link)", daddr.s, e->dev);
}

/*
 * The neighbour entry this skb leaves by, with its NUD state (@nud) or,
 * from neigh_connected_output and neigh_direct_output, without (-1).
 * Those two run inside dst_neigh_output, whose line says more: it stays.
 */
static void
pcapng_on_neigh(struct sim_pcapng *pc, u32 skb_id, __be32 ip, int nud)
{
	struct pcapng_skbinfo *si = pcapng_skb(pc, skb_id, true);

	if (nud >= 0)
		snprintf(si->neigh, sizeof(si->neigh), "%s %s", sim_ip_str(ip).s,
			 sim_neigh_state_name((u8)nud));
	else if (!si->neigh[0])
		snprintf(si->neigh, sizeof(si->neigh), "%s", sim_ip_str(ip).s);
}

/* igb_tx_map: this skb now sits in ring slot @slot of the last xmit's queue. */
static void
pcapng_on_tx_map(struct sim_pcapng *pc, const struct trace_event *ev, unsigned int slot)
{
	u32 skb_id = ev->rec.skb_id;
	int queue = pc->xmit_skb == skb_id ? pc->xmit_queue : 0;
	struct pcapng_skbinfo *si = pcapng_skb(pc, skb_id, false);
	struct pcapng_slot *s = pcapng_find_slot(pc, queue, slot);

	if (!s)
		s = &pc->slots[pc->next_slot++ % PCAPNG_SLOTS];
	memset(s, 0, sizeof(*s));
	s->used = true;
	s->queue = queue;
	s->slot = slot;
	s->skb_id = skb_id;
	if (ev->skb) {
		s->data_id = ev->skb->data_id;
		s->clone = skb_cloned(ev->skb);
	}
	if (!si && pc->hard_xmit_skb != skb_id) {
		/* A segment dev_hard_start_xmit cut from a GSO skb: it leaves by
		 * the GSO skb's route (kept for the segments still to come). */
		const struct pcapng_skbinfo *gso = pcapng_skb(pc, pc->hard_xmit_skb, false);

		if (gso) {
			s->info = *gso;
			s->gso_of = pc->hard_xmit_skb;
			s->seg = ++pc->gso_seg;
			s->segs = pc->gso_segs;
		}
	} else if (si) {
		s->info = *si;
		si->id = 0;	/* the skb's trip down is over */
	} else if (pc->arp_for) {
		snprintf(s->info.route, sizeof(s->info.route), "none (ARP)");
		snprintf(s->info.neigh, sizeof(s->info.neigh), "%s (solicit)",
			 sim_ip_str(pc->arp_for).s);
		pc->arp_for = 0;
	}
}

/* What each event on the way down says about the frame it will become. */
static void
pcapng_on_tx_event(struct sim_pcapng *pc, const struct trace_event *ev)
{
	const tp_data_ip_finish_output2 *route = TP_DATA(ev, ip_finish_output2);
	const tp_data_dst_neigh_output *dst_neigh = TP_DATA(ev, dst_neigh_output);
	const tp_data_neigh_resolve_output *resolve = TP_DATA(ev, neigh_resolve_output);
	const tp_data_neigh_connected_output *connected = TP_DATA(ev, neigh_connected_output);
	const tp_data_neigh_direct_output *direct = TP_DATA(ev, neigh_direct_output);
	const tp_data_arp_solicit *solicit = TP_DATA(ev, arp_solicit);
	const tp_data_dev_hard_start_xmit *hard = TP_DATA(ev, dev_hard_start_xmit);
	const tp_data_igb_xmit_frame_ring *xmit = TP_DATA(ev, igb_xmit_frame_ring);
	const tp_data_igb_tx_map *map = TP_DATA(ev, igb_tx_map);
	const tp_data_sim_82576_tx_frame *frame = TP_DATA(ev, sim_82576_tx_frame);
	const tp_data_card_tx_desc *desc = TP_DATA(ev, card_tx_desc);
	const tp_data_gso_segs_made *made = TP_DATA(ev, gso_segs_made);
	const tp_data_sim_82576_tso_frame *tso = TP_DATA(ev, sim_82576_tso_frame);
	u32 skb_id = ev->rec.skb_id;

	if (route)
		pcapng_on_route(pc, skb_id, route);
	if (dst_neigh)
		pcapng_on_neigh(pc, skb_id, dst_neigh->ip, dst_neigh->nud);
	if (resolve)
		pcapng_on_neigh(pc, skb_id, resolve->ip, resolve->nud);
	if (connected)
		pcapng_on_neigh(pc, skb_id, connected->ip, -1);
	if (direct)
		pcapng_on_neigh(pc, skb_id, direct->ip, -1);
	if (solicit)		/* the next frame mapped without a route is its request */
		pc->arp_for = solicit->ip;
	if (hard)
		pc->hard_xmit_skb = skb_id;
	if (xmit) {
		pc->xmit_queue = xmit->ring;
		pc->xmit_skb = skb_id;
	}
	if (map)
		pcapng_on_tx_map(pc, ev, map->slot);
	if (made) {		/* dev_hard_start_xmit's skb, cut in software */
		pc->gso_segs = made->segs;
		pc->gso_seg = 0;
	}
	if (frame) {		/* the card's TX engine starts a frame */
		pc->fetch_queue = frame->queue;
		pc->fetch_slot = -1;
		pc->tso_segs = 0;
	}
	if (desc && pc->fetch_slot < 0)	/* the frame's first descriptor */
		pc->fetch_slot = (int)desc->slot;
	if (tso) {		/* ... or a segment the card cuts from a packet */
		pc->fetch_slot = (int)tso->slot;
		pc->tso_seg = tso->seg;
		pc->tso_segs = tso->segs;
	}
}

/* The card's TX engine wrote a frame to the wire: comment it, queue it. */
static void
pcapng_tx_comment(struct sim_pcapng *pc, struct pcapng_rec *r)
{
	struct pcapng_slot *s = pc->fetch_slot >= 0 ?
		pcapng_find_slot(pc, pc->fetch_queue, (unsigned int)pc->fetch_slot) : NULL;
	char clone[40], gso[64] = "";

	if (!s) {
		snprintf(r->comment, sizeof(r->comment), "TX (no igb_tx_map seen for this frame)");
		return;
	}
	if (!s->clone)
		snprintf(clone, sizeof(clone), "clone=no");
	else if (s->data_id && s->data_id != s->skb_id)
		snprintf(clone, sizeof(clone), "clone=yes(data of skb#%u)", s->data_id);
	else
		snprintf(clone, sizeof(clone), "clone=yes");
	if (pc->tso_segs)
		snprintf(gso, sizeof(gso), " gso=segment %u/%u of skb#%u (cut by the card)",
			 pc->tso_seg, pc->tso_segs, s->skb_id);
	else if (s->gso_of)
		snprintf(gso, sizeof(gso), " gso=segment %u/%u of skb#%u (cut in software)",
			 s->seg, s->segs, s->gso_of);
	snprintf(r->comment, sizeof(r->comment),
		 "TX skb#%u %s%s queue=%d slot=%u len=%u | route %s | neigh %s",
		 s->skb_id, clone, gso, s->queue, s->slot, r->len,
		 s->info.route[0] ? s->info.route : "none (not IP)",
		 s->info.neigh[0] ? s->info.neigh : "none");
	/* A packet the card cuts keeps its slot until its last segment. */
	if (pc->tso_seg == pc->tso_segs)
		s->used = false;
}

/* ---- reading the trace: receive --------------------------------------------- */

/*
 * Does @ev say why a packet went no further?  Every note that does
 * declares the cause as a field named reason (events/: reason=no_socket,
 * reason=oversize ...), so the declaration answers, for notes that exist
 * today and for those added later.
 */
static bool
pcapng_gives_reason(const struct trace_event *ev)
{
	const struct trace_event_desc *d = trace_rec_desc(&ev->rec);

	return ev->rec.kind == TRACE_NOTE && d && trace_desc_field(d, "reason");
}

/* A note's fields as the trace prints them: "reason=oversize len=1514 max=1522". */
static void
pcapng_note_fields(const struct trace_event *ev, char *buf, size_t len)
{
	struct trace_buf b;

	trace_buf_init(&b, buf, len);
	trace_format_rec_fields(&ev->rec, &b);
}

static void
pcapng_rx_complete(struct pcapng_rec *r)
{
	if (r->note[0] && !r->skb_id) {
		snprintf(r->comment, sizeof(r->comment), "RX dropped by the card: %s", r->note);
	} else {
		char gro[32] = "";

		if (r->gro_into)
			snprintf(gro, sizeof(gro), " | GRO: into skb#%u", r->gro_into);
		snprintf(r->comment, sizeof(r->comment),
			 "RX skb#%u clone=no queue=0 slot=%d len=%u | route %s | neigh %s%s%s%s",
			 r->skb_id, r->slot, r->len, r->route[0] ? r->route : "none",
			 r->neigh[0] ? r->neigh : "none", gro, r->note[0] ? " | " : "", r->note);
	}
	r->complete = true;
}

/*
 * The card receives pc->arriving: the slot it writes it to, or why not.
 * Only the card runs until sim_82576_receive returns, so a note giving a
 * reason is the card refusing the frame (card_rx_oversize ...).
 */
static void
pcapng_on_card_rx(struct sim_pcapng *pc, const struct trace_event *ev)
{
	const tp_data_card_rx_writeback *wb = TP_DATA(ev, card_rx_writeback);
	struct pcapng_rec *r = pc->arriving;
	char fields[96];

	if (wb) {
		r->slot = (int)wb->writeback_slot;
	} else if (pcapng_gives_reason(ev)) {
		pcapng_note_fields(ev, fields, sizeof(fields));
		snprintf(r->note, sizeof(r->note), "%.90s", fields);
	} else if (ev->rec.kind == TRACE_EXIT && TP_IS(ev, sim_82576_receive)) {
		if (r->slot < 0) {
			if (!r->note[0])
				snprintf(r->note, sizeof(r->note), "not stored");
			pcapng_rx_complete(r);
		}
		pc->arriving = NULL;
	}
}

/* ip_route_input_noref: the row the packet matched, "10.0.0.0/24 dev eth0". */
static void
pcapng_on_input_route(struct pcapng_rec *r, const tp_data_ip_route_input_noref *e)
{
	struct sim_fib_prefix matched = e->matched;
	struct trace_buf b;

	trace_buf_init(&b, r->route, sizeof(r->route));
	sim_fib_matched_print(&b, &matched);	/* as the trace prints it: "none" if no row */
	trace_buf_printf(&b, " dev %s", e->dev);
}

/* ip_local_deliver or ip_forward: where the route took the packet. */
static void
pcapng_rx_route_end(struct pcapng_rec *r, const char *how)
{
	size_t n = strlen(r->route);

	snprintf(r->route + n, sizeof(r->route) - n, n ? " (%s)" : "%s", how);
}

/* The frame not yet written whose skb (or the packet GRO merged it
 * into) is @id, or NULL. */
static struct pcapng_rec *
pcapng_rx_by_skb(struct sim_pcapng *pc, u32 id)
{
	struct pcapng_rec *q;

	if (!id)
		return NULL;
	list_for_each_entry(q, &pc->queue, node)
		if (q->dir == SIM_DIR_RX && !q->complete && (q->skb_id == id || q->gro_into == id))
			return q;
	return NULL;
}

/* What happened to @r's packet on the way up (the event is about it). */
static void
pcapng_rx_went(struct pcapng_rec *r, const struct trace_event *ev)
{
	const tp_data_ip_route_input_noref *input = TP_DATA(ev, ip_route_input_noref);

	if (input) {
		pcapng_on_input_route(r, input);
	} else if (TP_DATA(ev, ip_local_deliver)) {
		pcapng_rx_route_end(r, "local");
	} else if (TP_DATA(ev, ip_forward)) {
		pcapng_rx_route_end(r, "forward");
	} else if (pcapng_gives_reason(ev)) {
		char fields[96];

		pcapng_note_fields(ev, fields, sizeof(fields));
		snprintf(r->note, sizeof(r->note), "dropped in %.30s: %.50s",
			 trace_rec_func(&ev->rec), fields);
	}
}

/* The driver takes frames from the ring; each goes up the stack, alone
 * or merged by GRO into another. */
static void
pcapng_on_rx_event(struct sim_pcapng *pc, const struct trace_event *ev)
{
	const tp_data_igb_rx_done *done = TP_DATA(ev, igb_rx_done);
	const tp_data_skb_gro_receive *merge = TP_DATA(ev, skb_gro_receive);
	const tp_data_napi_skb_finish *finish = TP_DATA(ev, napi_skb_finish);
	const tp_data_neigh_update *update = TP_DATA(ev, neigh_update);
	struct pcapng_rec *r, *q;

	if (done) {		/* the skb behind the slot the card wrote */
		list_for_each_entry(q, &pc->queue, node) {
			if (q->dir == SIM_DIR_RX && !q->complete && !q->skb_id &&
			    q->slot == done->ntc) {
				q->skb_id = ev->rec.skb_id;
				pc->rx_cur = q;
				break;
			}
		}
		return;
	}
	if (ev->rec.kind == TRACE_EXIT && TP_IS(ev, igb_poll)) {
		list_for_each_entry(q, &pc->queue, node)
			if (q->dir == SIM_DIR_RX && !q->complete && q->skb_id)
				pcapng_rx_complete(q);
		pc->rx_cur = NULL;
		return;
	}
	if (update && pc->rx_cur) {	/* no skb: the entry this packet (an ARP reply) updates */
		r = pc->rx_cur;
		snprintf(r->neigh, sizeof(r->neigh), "%s %s %s", sim_ip_str(update->ip).s,
			 update->lladdr[6] ? sim_mac_str(update->lladdr).s : "none",
			 sim_neigh_state_name(update->new));
		return;
	}
	r = pcapng_rx_by_skb(pc, ev->rec.skb_id);
	if (!r)
		return;
	if (merge) {		/* tried; napi_skb_finish says if it worked */
		r->gro_try = merge->into;
		return;
	}
	if (finish) {
		if (finish->ret == GRO_MERGED_FREE)
			r->gro_into = r->gro_try;
		return;
	}
	/* Every frame merged into this packet shares what happens to it. */
	list_for_each_entry(q, &pc->queue, node)
		if (q->dir == SIM_DIR_RX && !q->complete &&
		    (q->skb_id == ev->rec.skb_id || q->gro_into == ev->rec.skb_id))
			pcapng_rx_went(q, ev);
}

static void
pcapng_sink(void *arg, const struct trace_event *ev)
{
	struct sim_pcapng *pc = arg;

	if (ev->host != pc->net)
		return;
	if (pc->arriving)
		pcapng_on_card_rx(pc, ev);
	pcapng_on_rx_event(pc, ev);
	pcapng_on_tx_event(pc, ev);
}

/* ---- the port tap ----------------------------------------------------------- */

static void
pcapng_frame(void *arg, const struct sim_port *port, enum sim_dir dir,
	     const u8 *frame, unsigned int len, ktime_t ts)
{
	struct sim_pcapng *pc = arg;
	struct pcapng_rec *r = calloc(1, sizeof(*r) + len);

	(void)port;
	if (!r) {
		pc->failed = ENOMEM;
		return;
	}
	r->dir = dir;
	r->ts = ts;
	r->slot = -1;
	r->len = len;
	memcpy(r->data, frame, len);
	list_add_tail(&r->node, &pc->queue);
	pc->pending++;
	if (dir == SIM_DIR_TX) {
		pcapng_tx_comment(pc, r);
		r->complete = true;
	} else {
		pc->arriving = r;	/* the card's receive runs next */
	}
	pcapng_flush(pc, false);
}

/* ---- life cycle -------------------------------------------------------------- */

struct sim_pcapng *
sim_pcapng_fopen(FILE *f, char *err, size_t errlen)
{
	struct sim_pcapng *pc = calloc(1, sizeof(*pc));

	if (!pc) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	pc->f = f;
	pc->offset = SIM_CAPTURE_EPOCH_NS;	/* see sim/pcap.h */
	pc->fetch_slot = -1;
	INIT_LIST_HEAD(&pc->queue);
	pcapng_shb(pc);
	return pc;
}

struct sim_pcapng *
sim_pcapng_open(const char *path, char *err, size_t errlen)
{
	bool is_stdout = !strcmp(path, "-");
	FILE *f = is_stdout ? stdout : fopen(path, "wb");
	struct sim_pcapng *pc;

	if (!f) {
		snprintf(err, errlen, "%s", strerror(errno));
		return NULL;
	}
	pc = sim_pcapng_fopen(f, err, errlen);
	if (!pc) {
		if (!is_stdout)
			fclose(f);
		return NULL;
	}
	pc->own = !is_stdout;
	return pc;
}

int
sim_pcapng_attach(struct sim_pcapng *pc, struct trace *tr, struct net *net,
		  struct sim_port *port)
{
	struct sim_tap tap = { .frame = pcapng_frame, .arg = pc };
	int err;

	if (pc->tr)
		return -EBUSY;
	err = trace_add_sink(tr, pcapng_sink, pc);
	if (err)
		return err;
	err = sim_port_add_tap(port, &tap);
	if (err) {
		trace_remove_sink(tr, pc);
		return err;
	}
	pc->tr = tr;
	pc->net = net;
	pcapng_idb(pc, port->name);
	return 0;
}

void
sim_pcapng_set_time_offset(struct sim_pcapng *pc, ktime_t offset_ns)
{
	pc->offset = offset_ns;
}

unsigned long
sim_pcapng_frames(const struct sim_pcapng *pc)
{
	return pc->frames;
}

int
sim_pcapng_close(struct sim_pcapng *pc)
{
	int rc;

	if (!pc)
		return 0;
	pcapng_flush(pc, true);
	if (pc->tr)
		trace_remove_sink(pc->tr, pc);
	if (fflush(pc->f) && !pc->failed)
		pc->failed = errno ? errno : EIO;
	if (pc->own && fclose(pc->f) && !pc->failed)
		pc->failed = errno ? errno : EIO;
	rc = -pc->failed;
	free(pc);
	return rc;
}
