/*
 * events/neigh.h - tracepoints of the neighbour subsystem and ARP:
 * layers/neighbour.c (net/core/neighbour.c and the inline helpers of
 * include/net/neighbour.h, include/net/dst.h, include/net/arp.h) and
 * layers/arp.c (net/ipv4/arp.c).  The kernel's own neighbour
 * tracepoints came later (include/trace/events/neigh.h, 4.x); netstep
 * traces every function it models.  See kernel/trace_event.h for the
 * syntax.
 */
#if !defined(NETSTEP_EVENTS_NEIGH_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_NEIGH_H

/* Classes from other headers (kernel/trace_events.c's later passes read
 * them through all.h, not again from here). */
#ifndef TRACE_HEADER_MULTI_READ
#include "events/common.h"
#include "events/net.h"
#endif

#undef TRACE_SYSTEM
#define TRACE_SYSTEM neigh

#include "kernel/trace_event.h"
#include "layers/neighbour.h"
#include "layers/arp.h"

#ifndef NETSTEP_EVENTS_NEIGH_HELPERS
#define NETSTEP_EVENTS_NEIGH_HELPERS

/* nud=: a NUD_* state by name ("REACHABLE"). */
static inline const char *
sim_neigh_nud_name(u32 nud)
{
	return sim_neigh_state_name((u8)nud);
}

/* A NUD change, printed "INCOMPLETE->REACHABLE". */
struct neigh_nud_pair {
	u8 from;
	u8 to;
};

static inline void
sim_neigh_nud_pair_print(struct trace_buf *b, const void *p)
{
	struct neigh_nud_pair v;

	memcpy(&v, p, sizeof(v));
	trace_buf_puts(b, sim_neigh_state_name(v.from));
	trace_buf_puts(b, "->");
	trace_buf_puts(b, sim_neigh_state_name(v.to));
}

/* op=: "request" for ARPOP_REQUEST, "reply" for anything else. */
static inline const char *
sim_arp_op_name(u32 op)
{
	return op == ARPOP_REQUEST ? "request" : "reply";
}

/* An Ethernet destination, or "broadcast" when none was given (set it
 * with tp_set_mac0(field.mac, addr)). */
struct sim_arp_dst_hw {
	u8 mac[7];
};

static inline void
sim_arp_dst_hw_print(struct trace_buf *b, const void *p)
{
	const u8 *m = p;

	if (!m[6]) {
		trace_buf_puts(b, "broadcast");
		return;
	}
	trace_buf_printf(b, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4],
			 m[5]);
}

#endif /* NETSTEP_EVENTS_NEIGH_HELPERS */

/* ---- layers/neighbour.h, layers/neighbour.c ---------------------------------- */

/*
 * An entry changed NUD state, old->new (sim_neigh_set_state): a note of
 * the function that made the change.
 */
TRACE_NOTE_EVENT(neigh_nud_change, "net/core/neighbour.c",
	TP_PROTO(const struct neighbour *n, u8 old),
	TP_HOST(n->tbl->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_ip4(ip)
		tp_str(dev)
		tp_custom(nud, struct neigh_nud_pair, sim_neigh_nud_pair_print)),
	TP_ASSIGN(
		__entry->ip = n->primary_key;
		__entry->dev = n->dev->name;
		__entry->nud = (struct neigh_nud_pair){ old, n->nud_state };))
#define trace_neigh_nud_change(...) TP_NOTE(neigh_nud_change, __VA_ARGS__)

TRACE_EVENT(neigh_blackhole, "net/core/neighbour.c", TP_NOT_INLINE,
	TP_PROTO(const struct neighbour *neigh, const struct sk_buff *skb),
	TP_HOST(neigh->tbl->net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_ip4(ip)
		tp_str(reason)),
	TP_ASSIGN(
		__entry->ip = neigh->primary_key;
		__entry->reason = "dead_entry";))
#define trace_neigh_blackhole(...) TP_FUNC(neigh_blackhole, __VA_ARGS__)

TRACE_EVENT(neigh_hash_grow, "net/core/neighbour.c", TP_NOT_INLINE,
	TP_PROTO(const struct neigh_table *tbl, unsigned int new_shift),
	TP_HOST(tbl->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(entries)
		tp_u32(buckets)
		tp_u32(new_buckets)),
	TP_ASSIGN(
		__entry->entries = tbl->entries;
		__entry->buckets = 1U << tbl->hash_shift;
		__entry->new_buckets = 1U << new_shift;))
#define trace_neigh_hash_grow(...) TP_FUNC(neigh_hash_grow, __VA_ARGS__)

/* How many entries a table holds (0 for @tbl NULL). */
DECLARE_EVENT_CLASS(neigh_entries,
	TP_PROTO(struct net *net, const struct neigh_table *tbl),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(entries)),
	TP_ASSIGN(
		__entry->entries = tbl ? tbl->entries : 0;))
DEFINE_EVENT(neigh_entries, neigh_forced_gc, "net/core/neighbour.c", TP_NOT_INLINE,
	TP_PROTO(const struct neigh_table *tbl), TP_ARGS(tbl->net, tbl))
#define trace_neigh_forced_gc(...) TP_FUNC(neigh_forced_gc, __VA_ARGS__)

/* A device (@dev NULL: all of them) and how many entries the table
 * holds (@tbl NULL: none, and no host to record on). */
DECLARE_EVENT_CLASS(neigh_dev_entries,
	TP_PROTO(const struct neigh_table *tbl, const struct net_device *dev),
	TP_HOST(tbl ? tbl->net : NULL),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_s32(entries)),
	TP_ASSIGN(
		__entry->dev = dev ? dev->name : "all";
		__entry->entries = tbl ? tbl->entries : 0;))
DEFINE_EVENT(neigh_dev_entries, neigh_alloc, "net/core/neighbour.c", TP_NOT_INLINE,
	TP_PROTO(const struct neigh_table *tbl, const struct net_device *dev), TP_ARGS(tbl, dev))
#define trace_neigh_alloc(...) TP_FUNC(neigh_alloc, __VA_ARGS__)

/* neigh_alloc: the table is full and the forced GC freed nothing. */
TRACE_NOTE_EVENT(neigh_table_full, "net/core/neighbour.c",
	TP_PROTO(const struct neigh_table *tbl, int entries),
	TP_HOST(tbl->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(reason)
		tp_s32(entries)
		tp_s32(gc_thresh3)),
	TP_ASSIGN(
		__entry->reason = "table_full";
		__entry->entries = entries;
		__entry->gc_thresh3 = tbl->gc_thresh3;))
#define trace_neigh_table_full(...) TP_NOTE(neigh_table_full, __VA_ARGS__)

/* An entry, and the packets still waiting on it for an address. */
DECLARE_EVENT_CLASS(neigh_arp_queue,
	TP_PROTO(const struct neighbour *neigh),
	TP_HOST(neigh->tbl->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_ip4(ip)
		tp_u32(queued)),
	TP_ASSIGN(
		__entry->ip = neigh->primary_key;
		__entry->queued = skb_queue_len(&neigh->arp_queue);))
DEFINE_EVENT(neigh_arp_queue, neigh_destroy, "net/core/neighbour.c", TP_NOT_INLINE,
	TP_PROTO(const struct neighbour *neigh), TP_ARGS(neigh))
#define trace_neigh_destroy(...) TP_FUNC(neigh_destroy, __VA_ARGS__)

/* neigh_destroy: the entry is still in the table (the kernel WARNs). */
TRACE_NOTE_EVENT(neigh_destroy_alive, "net/core/neighbour.c",
	TP_PROTO(const struct neighbour *neigh),
	TP_HOST(neigh->tbl->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(reason)
		tp_ip4(ip)),
	TP_ASSIGN(
		__entry->reason = "destroy_alive";
		__entry->ip = neigh->primary_key;))
#define trace_neigh_destroy_alive(...) TP_NOTE(neigh_destroy_alive, __VA_ARGS__)

/* An IPv4 address on a device: the key of a neighbour entry. */
DECLARE_EVENT_CLASS(neigh_ip_dev,
	TP_PROTO(const struct net *net, const struct sk_buff *skb, __be32 ip,
		 const struct net_device *dev),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_ip4(ip)
		tp_str(dev)),
	TP_ASSIGN(
		__entry->ip = ip;
		__entry->dev = dev->name;))
DEFINE_EVENT(neigh_ip_dev, __ipv4_neigh_lookup_noref, "include/net/arp.h", TP_INLINE,
	TP_PROTO(const struct net_device *dev, u32 key), TP_ARGS(dev_net(dev), NULL, key, dev))
#define trace___ipv4_neigh_lookup_noref(...) TP_FUNC(__ipv4_neigh_lookup_noref, __VA_ARGS__)

/* __ipv4_neigh_lookup_noref found the entry, in this state ... */
TRACE_NOTE_EVENT(neigh_lookup_hit, "net/core/neighbour.c",
	TP_PROTO(struct net *net, const struct neighbour *n),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(hit)
		tp_enum8(nud, sim_neigh_nud_name)),
	TP_ASSIGN(
		__entry->hit = 1;
		__entry->nud = n->nud_state;))
#define trace_neigh_lookup_hit(...) TP_NOTE(neigh_lookup_hit, __VA_ARGS__)

/* ... or there is none. */
TRACE_NOTE_EVENT(neigh_lookup_miss, "net/core/neighbour.c",
	TP_PROTO(struct net *net),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(hit)),
	TP_ASSIGN(
		__entry->hit = 0;))
#define trace_neigh_lookup_miss(...) TP_NOTE(neigh_lookup_miss, __VA_ARGS__)

DEFINE_EVENT(neigh_ip_dev, neigh_lookup, "net/core/neighbour.c", TP_NOT_INLINE,
	TP_PROTO(const struct neigh_table *tbl, __be32 key, const struct net_device *dev),
	TP_ARGS(tbl->net, NULL, key, dev))
#define trace_neigh_lookup(...) TP_FUNC(neigh_lookup, __VA_ARGS__)

TRACE_EVENT(__neigh_create, "net/core/neighbour.c", TP_NOT_INLINE,
	TP_PROTO(const struct neigh_table *tbl, const void *pkey, const struct net_device *dev,
		 bool want_ref),
	TP_HOST(tbl->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_ip4(ip)
		tp_str(dev)
		tp_u8(want_ref)),
	TP_ASSIGN(
		__entry->ip = *(const __be32 *)pkey;
		__entry->dev = dev->name;
		__entry->want_ref = want_ref;))
#define trace___neigh_create(...) TP_FUNC(__neigh_create, __VA_ARGS__)

/* __neigh_create: the new entry is in the table. */
TRACE_NOTE_EVENT(neigh_created, "net/core/neighbour.c",
	TP_PROTO(const struct neighbour *n),
	TP_HOST(n->tbl->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_ip4(ip)
		tp_enum8(nud, sim_neigh_nud_name)
		tp_u8(created)),
	TP_ASSIGN(
		__entry->ip = n->primary_key;
		__entry->nud = n->nud_state;
		__entry->created = 1;))
#define trace_neigh_created(...) TP_NOTE(neigh_created, __VA_ARGS__)

TRACE_EVENT(__neigh_lookup, "include/net/neighbour.h", TP_INLINE,
	TP_PROTO(const struct neigh_table *tbl, const void *pkey, int creat),
	TP_HOST(tbl->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_ip4(ip)
		tp_s32(creat)),
	TP_ASSIGN(
		__entry->ip = *(const __be32 *)pkey;
		__entry->creat = creat;))
#define trace___neigh_lookup(...) TP_FUNC(__neigh_lookup, __VA_ARGS__)

TRACE_EVENT(neigh_event_ns, "net/core/neighbour.c", TP_NOT_INLINE,
	TP_PROTO(const struct neigh_table *tbl, const u8 *lladdr, const void *saddr),
	TP_HOST(tbl->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_ip4(ip)
		tp_mac0(lladdr)),
	TP_ASSIGN(
		__entry->ip = *(const __be32 *)saddr;
		tp_set_mac0(__entry->lladdr, lladdr);))
#define trace_neigh_event_ns(...) TP_FUNC(neigh_event_ns, __VA_ARGS__)

DEFINE_EVENT(neigh_arp_queue, neigh_invalidate, "net/core/neighbour.c", TP_NOT_INLINE,
	TP_PROTO(const struct neighbour *neigh), TP_ARGS(neigh))
#define trace_neigh_invalidate(...) TP_FUNC(neigh_invalidate, __VA_ARGS__)

TRACE_EVENT(neigh_probe, "net/core/neighbour.c", TP_NOT_INLINE,
	TP_PROTO(const struct neighbour *neigh, const struct sk_buff *skb),
	TP_HOST(neigh->tbl->net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_ip4(ip)
		tp_enum8(nud, sim_neigh_nud_name)
		tp_s32(probes)),
	TP_ASSIGN(
		__entry->ip = neigh->primary_key;
		__entry->nud = neigh->nud_state;
		__entry->probes = neigh->probes;))
#define trace_neigh_probe(...) TP_FUNC(neigh_probe, __VA_ARGS__)

/* An entry, its state and the probes it has sent. */
DECLARE_EVENT_CLASS(neigh_probes,
	TP_PROTO(const struct net *net, const struct neighbour *neigh, const struct sk_buff *skb),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_ip4(ip)
		tp_str(dev)
		tp_enum8(nud, sim_neigh_nud_name)
		tp_s32(probes)),
	TP_ASSIGN(
		__entry->ip = neigh->primary_key;
		__entry->dev = neigh->dev->name;
		__entry->nud = neigh->nud_state;
		__entry->probes = neigh->probes;))
DEFINE_EVENT(neigh_probes, neigh_timer_handler, "net/core/neighbour.c", TP_NOT_INLINE,
	TP_PROTO(const struct neighbour *neigh), TP_ARGS(neigh->tbl->net, neigh, NULL))
#define trace_neigh_timer_handler(...) TP_FUNC(neigh_timer_handler, __VA_ARGS__)

/* neigh_timer_handler: every probe of the round went unanswered. */
TRACE_NOTE_EVENT(neigh_probes_exhausted, "net/core/neighbour.c",
	TP_PROTO(const struct neighbour *neigh),
	TP_HOST(neigh->tbl->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(reason)
		tp_s32(probes)),
	TP_ASSIGN(
		__entry->reason = "max_probes";
		__entry->probes = neigh->probes;))
#define trace_neigh_probes_exhausted(...) TP_NOTE(neigh_probes_exhausted, __VA_ARGS__)

TRACE_EVENT(__neigh_event_send, "net/core/neighbour.c", TP_NOT_INLINE,
	TP_PROTO(const struct neighbour *neigh, const struct sk_buff *skb),
	TP_HOST(neigh->tbl->net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_ip4(ip)
		tp_str(dev)
		tp_enum8(nud, sim_neigh_nud_name)
		tp_u32(queued)),
	TP_ASSIGN(
		__entry->ip = neigh->primary_key;
		__entry->dev = neigh->dev->name;
		__entry->nud = neigh->nud_state;
		__entry->queued = skb_queue_len(&neigh->arp_queue);))
#define trace___neigh_event_send(...) TP_FUNC(__neigh_event_send, __VA_ARGS__)

/* A packet the neighbour layer drops, and why. */
DEFINE_NOTE_EVENT(reason, neigh_drop, "net/core/neighbour.c",
	TP_PROTO(struct net *net, const struct sk_buff *skb, const char *reason),
	TP_ARGS(net, skb, reason))
#define trace_neigh_drop(...) TP_NOTE(neigh_drop, __VA_ARGS__)

/* __neigh_event_send: the oldest waiting packet (@skb) makes room on a
 * full arp_queue; what stays queued, in bytes of truesize. */
TRACE_NOTE_EVENT(neigh_arp_queue_full, "net/core/neighbour.c",
	TP_PROTO(const struct neighbour *neigh, const struct sk_buff *skb),
	TP_HOST(neigh->tbl->net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_u32(queued_bytes)),
	TP_ASSIGN(
		__entry->reason = "arp_queue_full";
		__entry->queued_bytes = neigh->arp_queue_len_bytes;))
#define trace_neigh_arp_queue_full(...) TP_NOTE(neigh_arp_queue_full, __VA_ARGS__)

/* __neigh_event_send: @skb now waits on arp_queue. */
TRACE_NOTE_EVENT(neigh_queued, "net/core/neighbour.c",
	TP_PROTO(const struct neighbour *neigh, const struct sk_buff *skb),
	TP_HOST(neigh->tbl->net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(queued)
		tp_u32(queued_bytes)),
	TP_ASSIGN(
		__entry->queued = skb_queue_len(&neigh->arp_queue);
		__entry->queued_bytes = neigh->arp_queue_len_bytes;))
#define trace_neigh_queued(...) TP_NOTE(neigh_queued, __VA_ARGS__)

TRACE_EVENT(neigh_event_send, "include/net/neighbour.h", TP_INLINE,
	TP_PROTO(const struct neighbour *neigh, const struct sk_buff *skb),
	TP_HOST(neigh->tbl->net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_ip4(ip)
		tp_enum8(nud, sim_neigh_nud_name)),
	TP_ASSIGN(
		__entry->ip = neigh->primary_key;
		__entry->nud = neigh->nud_state;))
#define trace_neigh_event_send(...) TP_FUNC(neigh_event_send, __VA_ARGS__)

TRACE_EVENT(neigh_update, "net/core/neighbour.c", TP_NOT_INLINE,
	TP_PROTO(const struct neighbour *neigh, const u8 *lladdr, u8 new, u32 flags),
	TP_HOST(neigh->tbl->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_ip4(ip)
		tp_str(dev)
		tp_enum8(nud, sim_neigh_nud_name)
		tp_enum8(new, sim_neigh_nud_name)
		tp_mac0(lladdr)
		tp_x32(flags)),
	TP_ASSIGN(
		__entry->ip = neigh->primary_key;
		__entry->dev = neigh->dev->name;
		__entry->nud = neigh->nud_state;
		__entry->new = new;
		tp_set_mac0(__entry->lladdr, lladdr);
		__entry->flags = flags;))
#define trace_neigh_update(...) TP_FUNC(neigh_update, __VA_ARGS__)

/* neigh_update: a different address may not replace the one cached. */
TRACE_NOTE_EVENT(neigh_no_override, "net/core/neighbour.c",
	TP_PROTO(const struct neighbour *neigh),
	TP_HOST(neigh->tbl->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(reason)
		tp_mac(lladdr_kept)),
	TP_ASSIGN(
		__entry->reason = "no_override";
		memcpy(__entry->lladdr_kept, neigh->ha, ETH_ALEN);))
#define trace_neigh_no_override(...) TP_NOTE(neigh_no_override, __VA_ARGS__)

/* neigh_update: the entry holds a new link-layer address. */
TRACE_NOTE_EVENT(neigh_lladdr_change, "net/core/neighbour.c",
	TP_PROTO(const struct neighbour *neigh),
	TP_HOST(neigh->tbl->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_ip4(ip)
		tp_mac(lladdr)),
	TP_ASSIGN(
		__entry->ip = neigh->primary_key;
		memcpy(__entry->lladdr, neigh->ha, ETH_ALEN);))
#define trace_neigh_lladdr_change(...) TP_NOTE(neigh_lladdr_change, __VA_ARGS__)

DEFINE_EVENT(neigh_ip_dev, neigh_hh_init, "net/core/neighbour.c", TP_NOT_INLINE,
	TP_PROTO(const struct neighbour *n, const struct net_device *dev),
	TP_ARGS(n->tbl->net, NULL, n->primary_key, dev))
#define trace_neigh_hh_init(...) TP_FUNC(neigh_hh_init, __VA_ARGS__)

TRACE_EVENT(neigh_hh_output, "include/net/neighbour.h", TP_INLINE,
	TP_PROTO(struct net *net, const struct hh_cache *hh, const struct sk_buff *skb),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u16(hh_len)
		tp_u32(len)
		tp_u32(headroom)),
	TP_ASSIGN(
		__entry->hh_len = hh->hh_len;
		__entry->len = skb->len;
		__entry->headroom = skb_headroom(skb);))
#define trace_neigh_hh_output(...) TP_FUNC(neigh_hh_output, __VA_ARGS__)

TRACE_EVENT(dst_neigh_output, "include/net/dst.h", TP_INLINE,
	TP_PROTO(const struct neighbour *n, const struct sk_buff *skb),
	TP_HOST(n->tbl->net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_ip4(ip)
		tp_str(dev)
		tp_enum8(nud, sim_neigh_nud_name)
		tp_u16(hh_len)),
	TP_ASSIGN(
		__entry->ip = n->primary_key;
		__entry->dev = n->dev->name;
		__entry->nud = n->nud_state;
		__entry->hh_len = n->hh.hh_len;))
#define trace_dst_neigh_output(...) TP_FUNC(dst_neigh_output, __VA_ARGS__)

TRACE_EVENT(neigh_resolve_output, "net/core/neighbour.c", TP_NOT_INLINE,
	TP_PROTO(const struct neighbour *neigh, const struct sk_buff *skb),
	TP_HOST(neigh->tbl->net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_ip4(ip)
		tp_str(dev)
		tp_enum8(nud, sim_neigh_nud_name)
		tp_u32(len)),
	TP_ASSIGN(
		__entry->ip = neigh->primary_key;
		__entry->dev = neigh->dev->name;
		__entry->nud = neigh->nud_state;
		__entry->len = skb->len;))
#define trace_neigh_resolve_output(...) TP_FUNC(neigh_resolve_output, __VA_ARGS__)

/* A drop whose reason comes with an error code. */
DEFINE_NOTE_EVENT(reason_err, neigh_drop_err, "net/core/neighbour.c",
	TP_PROTO(struct net *net, const struct sk_buff *skb, const char *reason, int err),
	TP_ARGS(net, skb, reason, err))
#define trace_neigh_drop_err(...) TP_NOTE(neigh_drop_err, __VA_ARGS__)

TRACE_EVENT(neigh_connected_output, "net/core/neighbour.c", TP_NOT_INLINE,
	TP_PROTO(const struct neighbour *neigh, const struct sk_buff *skb),
	TP_HOST(neigh->tbl->net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_ip4(ip)
		tp_str(dev)
		tp_u32(len)),
	TP_ASSIGN(
		__entry->ip = neigh->primary_key;
		__entry->dev = neigh->dev->name;
		__entry->len = skb->len;))
#define trace_neigh_connected_output(...) TP_FUNC(neigh_connected_output, __VA_ARGS__)

TRACE_EVENT(neigh_direct_output, "net/core/neighbour.c", TP_NOT_INLINE,
	TP_PROTO(const struct neighbour *neigh, const struct sk_buff *skb),
	TP_HOST(neigh->tbl->net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_ip4(ip)
		tp_u32(len)),
	TP_ASSIGN(
		__entry->ip = neigh->primary_key;
		__entry->len = skb->len;))
#define trace_neigh_direct_output(...) TP_FUNC(neigh_direct_output, __VA_ARGS__)

/* neigh_flush_dev: an entry leaves the table (its queue is dropped). */
TRACE_NOTE_EVENT(neigh_removed, "net/core/neighbour.c",
	TP_PROTO(const struct neighbour *n),
	TP_HOST(n->tbl->net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_ip4(ip)
		tp_str(dev)
		tp_enum8(nud, sim_neigh_nud_name)
		tp_u32(queued)
		tp_u8(removed)),
	TP_ASSIGN(
		__entry->ip = n->primary_key;
		__entry->dev = n->dev->name;
		__entry->nud = n->nud_state;
		__entry->queued = skb_queue_len(&n->arp_queue);
		__entry->removed = 1;))
#define trace_neigh_removed(...) TP_NOTE(neigh_removed, __VA_ARGS__)

DEFINE_EVENT(neigh_dev_entries, neigh_ifdown, "net/core/neighbour.c", TP_NOT_INLINE,
	TP_PROTO(const struct neigh_table *tbl, const struct net_device *dev), TP_ARGS(tbl, dev))
#define trace_neigh_ifdown(...) TP_FUNC(neigh_ifdown, __VA_ARGS__)

TRACE_EVENT(sim_neigh_flush, "net/core/neighbour.c", TP_NOT_INLINE,
	TP_PROTO(struct net *net, const struct net_device *dev),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)),
	TP_ASSIGN(
		__entry->dev = dev ? dev->name : "all";))
#define trace_sim_neigh_flush(...) TP_FUNC(sim_neigh_flush, __VA_ARGS__)

TRACE_EVENT(neigh_table_init, "net/core/neighbour.c", TP_NOT_INLINE,
	TP_PROTO(struct net *net, const struct neigh_table *tmpl),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(id)),
	TP_ASSIGN(
		__entry->id = tmpl->id;))
#define trace_neigh_table_init(...) TP_FUNC(neigh_table_init, __VA_ARGS__)

DEFINE_EVENT(neigh_entries, neigh_table_clear, "net/core/neighbour.c", TP_NOT_INLINE,
	TP_PROTO(struct net *net, const struct neigh_table *tbl), TP_ARGS(net, tbl))
#define trace_neigh_table_clear(...) TP_FUNC(neigh_table_clear, __VA_ARGS__)

/* neigh_table_clear: entries are still held, so the table is kept. */
TRACE_NOTE_EVENT(neigh_leakage, "net/core/neighbour.c",
	TP_PROTO(struct net *net, const struct neigh_table *tbl),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(reason)
		tp_s32(entries)),
	TP_ASSIGN(
		__entry->reason = "neighbour_leakage";
		__entry->entries = tbl->entries;))
#define trace_neigh_leakage(...) TP_NOTE(neigh_leakage, __VA_ARGS__)

/* ---- layers/arp.c ------------------------------------------------------------ */

DEFINE_EVENT(neigh_ip_dev, arp_mc_map, "net/ipv4/arp.c", TP_NOT_INLINE,
	TP_PROTO(__be32 addr, const struct net_device *dev), TP_ARGS(dev_net(dev), NULL, addr, dev))
#define trace_arp_mc_map(...) TP_FUNC(arp_mc_map, __VA_ARGS__)

DEFINE_EVENT(neigh_ip_dev, arp_constructor, "net/ipv4/arp.c", TP_NOT_INLINE,
	TP_PROTO(const struct neighbour *neigh),
	TP_ARGS(dev_net(neigh->dev), NULL, neigh->primary_key, neigh->dev))
#define trace_arp_constructor(...) TP_FUNC(arp_constructor, __VA_ARGS__)

DEFINE_EVENT(neigh_ip_dev, arp_error_report, "net/ipv4/arp.c", TP_NOT_INLINE,
	TP_PROTO(const struct neighbour *neigh, const struct sk_buff *skb),
	TP_ARGS(dev_net(neigh->dev), skb, neigh->primary_key, neigh->dev))
#define trace_arp_error_report(...) TP_FUNC(arp_error_report, __VA_ARGS__)

DEFINE_EVENT(neigh_probes, arp_solicit, "net/ipv4/arp.c", TP_NOT_INLINE,
	TP_PROTO(const struct neighbour *neigh, const struct sk_buff *skb),
	TP_ARGS(dev_net(neigh->dev), neigh, skb))
#define trace_arp_solicit(...) TP_FUNC(arp_solicit, __VA_ARGS__)

/* arp_solicit: the request goes to the cached MAC ("unicast", to
 * re-validate it) or to everyone ("broadcast"), from @saddr. */
TRACE_NOTE_EVENT(arp_solicit_mode, "net/ipv4/arp.c",
	TP_PROTO(struct net *net, const struct sk_buff *skb, const u8 *dst_hw, __be32 saddr),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(mode)
		tp_ip4(saddr)),
	TP_ASSIGN(
		__entry->mode = dst_hw ? "unicast" : "broadcast";
		__entry->saddr = saddr;))
#define trace_arp_solicit_mode(...) TP_NOTE(arp_solicit_mode, __VA_ARGS__)

TRACE_EVENT(arp_create, "net/ipv4/arp.c", TP_NOT_INLINE,
	TP_PROTO(int type, const struct net_device *dev, __be32 src_ip, __be32 dest_ip,
		 const unsigned char *dest_hw),
	TP_HOST(dev_net(dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(op)
		tp_str(dev)
		tp_ip4(sip)
		tp_ip4(tip)
		tp_custom(dst, struct sim_arp_dst_hw, sim_arp_dst_hw_print)),
	TP_ASSIGN(
		__entry->op = type;
		__entry->dev = dev->name;
		__entry->sip = src_ip;
		__entry->tip = dest_ip;
		tp_set_mac0(__entry->dst.mac, dest_hw);))
#define trace_arp_create(...) TP_FUNC(arp_create, __VA_ARGS__)

DEFINE_EVENT(netdev_skb_len, arp_xmit, "net/ipv4/arp.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb), TP_ARGS(skb->dev, skb))
#define trace_arp_xmit(...) TP_FUNC(arp_xmit, __VA_ARGS__)

TRACE_EVENT(arp_send, "net/ipv4/arp.c", TP_NOT_INLINE,
	TP_PROTO(int type, const struct net_device *dev, __be32 dest_ip),
	TP_HOST(dev_net(dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_enum(op, sim_arp_op_name)
		tp_str(dev)
		tp_ip4(tip)),
	TP_ASSIGN(
		__entry->op = type;
		__entry->dev = dev->name;
		__entry->tip = dest_ip;))
#define trace_arp_send(...) TP_FUNC(arp_send, __VA_ARGS__)

TRACE_EVENT(arp_process, "net/ipv4/arp.c", TP_NOT_INLINE,
	TP_PROTO(struct net *net, const struct sk_buff *skb, u16 op),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(dev)
		tp_u16(op)),
	TP_ASSIGN(
		__entry->dev = skb->dev->name;
		__entry->op = op;))
#define trace_arp_process(...) TP_FUNC(arp_process, __VA_ARGS__)

/* arp_process: not Ethernet/IPv4, or not a request or reply. */
TRACE_NOTE_EVENT(arp_bad_header, "net/ipv4/arp.c",
	TP_PROTO(struct net *net, const struct sk_buff *skb, const struct arphdr *arp, u16 op),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_u16(hrd)
		tp_x32w(pro, 4)
		tp_u16(op)),
	TP_ASSIGN(
		__entry->reason = "bad_header";
		__entry->hrd = ntohs(arp->ar_hrd);
		__entry->pro = ntohs(arp->ar_pro);
		__entry->op = op;))
#define trace_arp_bad_header(...) TP_NOTE(arp_bad_header, __VA_ARGS__)

/* arp_process: what the packet says. */
TRACE_NOTE_EVENT(arp_packet, "net/ipv4/arp.c",
	TP_PROTO(struct net *net, const struct sk_buff *skb, u16 op, __be32 sip,
		 const unsigned char *sha, __be32 tip),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_enum(op, sim_arp_op_name)
		tp_ip4(sip)
		tp_mac(sha)
		tp_ip4(tip)),
	TP_ASSIGN(
		__entry->op = op;
		__entry->sip = sip;
		memcpy(__entry->sha, sha, ETH_ALEN);
		__entry->tip = tip;))
#define trace_arp_packet(...) TP_NOTE(arp_packet, __VA_ARGS__)

/* arp_process: a target we do not answer for: bogus (the packet is
 * dropped) or not ours (only the sender's entry may still be refreshed). */
TRACE_NOTE_EVENT(arp_bad_target, "net/ipv4/arp.c",
	TP_PROTO(struct net *net, const struct sk_buff *skb, const char *reason, __be32 tip),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_ip4(tip)),
	TP_ASSIGN(
		__entry->reason = reason;
		__entry->tip = tip;))
#define trace_arp_bad_target(...) TP_NOTE(arp_bad_target, __VA_ARGS__)

TRACE_EVENT(arp_rcv, "net/ipv4/arp.c", TP_NOT_INLINE,
	TP_PROTO(struct net *net, const struct sk_buff *skb, const struct net_device *dev),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(len)
		tp_u8(pkt_type)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->len = skb->len;
		__entry->pkt_type = skb->pkt_type;))
#define trace_arp_rcv(...) TP_FUNC(arp_rcv, __VA_ARGS__)

/* arp_rcv: a frame dropped before arp_process, and why. */
DEFINE_NOTE_EVENT(reason, arp_drop, "net/ipv4/arp.c",
	TP_PROTO(struct net *net, const struct sk_buff *skb, const char *reason),
	TP_ARGS(net, skb, reason))
#define trace_arp_drop(...) TP_NOTE(arp_drop, __VA_ARGS__)

/* arp_rcv: shorter than an ARP packet for this device. */
TRACE_NOTE_EVENT(arp_truncated, "net/ipv4/arp.c",
	TP_PROTO(struct net *net, const struct sk_buff *skb, unsigned int need),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_u32(len)
		tp_u32(need)),
	TP_ASSIGN(
		__entry->reason = "truncated";
		__entry->len = skb->len;
		__entry->need = need;))
#define trace_arp_truncated(...) TP_NOTE(arp_truncated, __VA_ARGS__)

/* arp_rcv: address lengths other than the device's and IPv4's. */
TRACE_NOTE_EVENT(arp_bad_addr_len, "net/ipv4/arp.c",
	TP_PROTO(struct net *net, const struct sk_buff *skb, const struct arphdr *arp),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_u8(hln)
		tp_u8(pln)),
	TP_ASSIGN(
		__entry->reason = "bad_addr_len";
		__entry->hln = arp->ar_hln;
		__entry->pln = arp->ar_pln;))
#define trace_arp_bad_addr_len(...) TP_NOTE(arp_bad_addr_len, __VA_ARGS__)

DEFINE_EVENT(netdev, arp_ifdown, "net/ipv4/arp.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev), TP_ARGS(dev))
#define trace_arp_ifdown(...) TP_FUNC(arp_ifdown, __VA_ARGS__)

DEFINE_EVENT(no_fields, arp_init, "net/ipv4/arp.c", TP_NOT_INLINE,
	TP_PROTO(struct net *net), TP_ARGS(net, NULL))
#define trace_arp_init(...) TP_FUNC(arp_init, __VA_ARGS__)

DEFINE_EVENT(no_fields, sim_arp_exit, "net/ipv4/arp.c", TP_NOT_INLINE,
	TP_PROTO(struct net *net), TP_ARGS(net, NULL))
#define trace_sim_arp_exit(...) TP_FUNC(sim_arp_exit, __VA_ARGS__)

#endif
