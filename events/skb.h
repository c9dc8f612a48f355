/*
 * events/skb.h - tracepoints of layers/skbuff.c (net/core/skbuff.c).
 *
 * See kernel/trace_event.h for the syntax.  The kernel's own skb
 * tracepoints are kfree_skb and consume_skb (include/trace/events/skb.h);
 * netstep traces every skb function it models, so a student sees each
 * skb born, cloned, copied and freed.
 */
#if !defined(NETSTEP_EVENTS_SKB_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_SKB_H

#undef TRACE_SYSTEM
#define TRACE_SYSTEM skb

#include "kernel/trace_event.h"

TRACE_EVENT(alloc_skb, "net/core/skbuff.c", TP_NOT_INLINE,
	TP_PROTO(struct net *net, const struct sk_buff *skb, unsigned int size),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(size)
		tp_x64(addr)),
	TP_ASSIGN(
		__entry->size = size;
		__entry->addr = sim_skb_display_addr(skb);))
#define trace_alloc_skb(...) TP_FUNC(alloc_skb, __VA_ARGS__)

/* skb_release_data: the last header let go of the data ("freed"), or
 * another still points at it ("kept"). */
TRACE_NOTE_EVENT(skb_data_release, "net/core/skbuff.c",
	TP_PROTO(const struct sk_buff *skb, unsigned int dataref, enum sim_skb_data_fate what),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(dataref)
		tp_skb(data_of)
		tp_bare_enum8(what, sim_skb_data_fate_name)),
	TP_ASSIGN(
		__entry->dataref = dataref;
		__entry->data_of = skb->data_id;
		__entry->what = (u8)what;))
#define trace_skb_data_release(...) TP_NOTE(skb_data_release, __VA_ARGS__)

/* kfree_skb (a drop) and consume_skb (done with it) print the same. */
DECLARE_EVENT_CLASS(skb_put_ref,
	TP_PROTO(const struct sk_buff *skb),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_s32(users)
		tp_s32(dataref)),
	TP_ASSIGN(
		__entry->users = skb->users;
		__entry->dataref = skb_shinfo(skb)->dataref & SKB_DATAREF_MASK;))
DEFINE_EVENT(skb_put_ref, kfree_skb, "net/core/skbuff.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb), TP_ARGS(skb))
#define trace_kfree_skb(...) TP_FUNC(kfree_skb, __VA_ARGS__)
DEFINE_EVENT(skb_put_ref, consume_skb, "net/core/skbuff.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb), TP_ARGS(skb))
#define trace_consume_skb(...) TP_FUNC(consume_skb, __VA_ARGS__)

TRACE_EVENT(skb_clone, "net/core/skbuff.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, const struct sk_buff *n),
	TP_HOST(skb->host),
	TP_SKB(n),
	TP_STRUCT(
		tp_skb(orig)
		tp_skb(clone)
		tp_s32(dataref)
		tp_skb(shared_data)),
	TP_ASSIGN(
		__entry->orig = skb->id;
		__entry->clone = n->id;
		__entry->dataref = skb_shinfo(skb)->dataref & SKB_DATAREF_MASK;
		__entry->shared_data = skb->data_id;))
#define trace_skb_clone(...) TP_FUNC(skb_clone, __VA_ARGS__)

/* pskb_copy: a private head for @n, the frags of @skb shared. */
TRACE_EVENT(pskb_copy, "net/core/skbuff.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, const struct sk_buff *n),
	TP_HOST(skb->host),
	TP_SKB(n),
	TP_STRUCT(
		tp_skb(from)
		tp_u32(len)
		tp_u32(headlen)
		tp_u8(nr_frags)),
	TP_ASSIGN(
		__entry->from = skb->id;
		__entry->len = skb->len;
		__entry->headlen = skb_headlen(skb);
		__entry->nr_frags = skb_shinfo(skb)->nr_frags;))
#define trace_pskb_copy(...) TP_FUNC(pskb_copy, __VA_ARGS__)

TRACE_EVENT(pskb_expand_head, "net/core/skbuff.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, int nhead, int ntail),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_s32(nhead)
		tp_s32(ntail)
		tp_u8(cloned)
		tp_s32(dataref)),
	TP_ASSIGN(
		__entry->nhead = nhead;
		__entry->ntail = ntail;
		__entry->cloned = skb_cloned(skb);
		__entry->dataref = skb_shinfo(skb)->dataref & SKB_DATAREF_MASK;))
#define trace_pskb_expand_head(...) TP_FUNC(pskb_expand_head, __VA_ARGS__)

TRACE_EVENT(__pskb_pull_tail, "net/core/skbuff.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, int delta),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_s32(delta)
		tp_u32(headlen)
		tp_u32(data_len)
		tp_u8(nr_frags)
		tp_u8(frag_list)),
	TP_ASSIGN(
		__entry->delta = delta;
		__entry->headlen = skb_headlen(skb);
		__entry->data_len = skb->data_len;
		__entry->nr_frags = skb_shinfo(skb)->nr_frags;
		__entry->frag_list = skb_has_frag_list(skb);))
#define trace___pskb_pull_tail(...) TP_FUNC(__pskb_pull_tail, __VA_ARGS__)

TRACE_EVENT(skb_split, "net/core/skbuff.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, const struct sk_buff *skb1, u32 len),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_skb(rest_to)
		tp_u32(len)
		tp_u32(from_len)
		tp_u32(headlen)),
	TP_ASSIGN(
		__entry->rest_to = skb1->id;
		__entry->len = len;
		__entry->from_len = skb->len;
		__entry->headlen = skb_headlen(skb);))
#define trace_skb_split(...) TP_FUNC(skb_split, __VA_ARGS__)

/* skb_shift: @shiftlen bytes of @skb's frags go to the end of @tgt's. */
TRACE_EVENT(skb_shift, "net/core/skbuff.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *tgt, const struct sk_buff *skb, int shiftlen),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_skb(to)
		tp_s32(len)
		tp_u8(nr_frags)
		tp_u8(to_frags)),
	TP_ASSIGN(
		__entry->to = tgt->id;
		__entry->len = shiftlen;
		__entry->nr_frags = skb_shinfo(skb)->nr_frags;
		__entry->to_frags = skb_shinfo(tgt)->nr_frags;))
#define trace_skb_shift(...) TP_FUNC(skb_shift, __VA_ARGS__)

/* skb_segment: @sg: the segments share the frags; @csum: the device sums. */
TRACE_EVENT(skb_segment, "net/core/skbuff.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, unsigned int mss, bool sg, bool csum),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_u32(mss)
		tp_u8(nr_frags)
		tp_u8(sg)
		tp_u8(hw_csum)),
	TP_ASSIGN(
		__entry->len = skb->len;
		__entry->mss = mss;
		__entry->nr_frags = skb_shinfo(skb)->nr_frags;
		__entry->sg = sg;
		__entry->hw_csum = csum;))
#define trace_skb_segment(...) TP_FUNC(skb_segment, __VA_ARGS__)

/* skb_add_rx_frag: a driver attaches @size bytes of a received page. */
TRACE_EVENT(skb_add_rx_frag, "net/core/skbuff.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, const struct page *page, int off, int size,
		 unsigned int truesize),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(page)
		tp_u32(off)
		tp_u32(size)
		tp_u32(truesize)
		tp_u8(nr_frags)),
	TP_ASSIGN(
		__entry->page = page->id;
		__entry->off = (u32)off;
		__entry->size = (u32)size;
		__entry->truesize = truesize;
		__entry->nr_frags = skb_shinfo(skb)->nr_frags;))
#define trace_skb_add_rx_frag(...) TP_FUNC(skb_add_rx_frag, __VA_ARGS__)

TRACE_EVENT(___pskb_trim, "net/core/skbuff.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, unsigned int len),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_u32(from_len)
		tp_u8(nr_frags)
		tp_u8(frag_list)),
	TP_ASSIGN(
		__entry->len = len;
		__entry->from_len = skb->len;
		__entry->nr_frags = skb_shinfo(skb)->nr_frags;
		__entry->frag_list = skb_has_frag_list(skb);))
#define trace____pskb_trim(...) TP_FUNC(___pskb_trim, __VA_ARGS__)

TRACE_EVENT(skb_realloc_headroom, "net/core/skbuff.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, unsigned int headroom),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(headroom)
		tp_u32(had)),
	TP_ASSIGN(
		__entry->headroom = headroom;
		__entry->had = skb_headroom(skb);))
#define trace_skb_realloc_headroom(...) TP_FUNC(skb_realloc_headroom, __VA_ARGS__)

/* skb_gro_receive: how @skb's payload joined the held packet @p: its
 * frags moved over ("frags"), or the merge was refused ("full"). */
TRACE_EVENT(skb_gro_receive, "net/core/skbuff.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *p, const struct sk_buff *skb, unsigned int len),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_skb(into)
		tp_u32(len)
		tp_u32(held_len)
		tp_u8(held_frags)),
	TP_ASSIGN(
		__entry->into = p->id;
		__entry->len = len;
		__entry->held_len = p->len;
		__entry->held_frags = skb_shinfo(p)->nr_frags;))
#define trace_skb_gro_receive(...) TP_FUNC(skb_gro_receive, __VA_ARGS__)

/* skb_copy_datagram_iovec (net/core/datagram.c, layers/datagram.c). */
TRACE_EVENT(skb_copy_datagram_iovec, "net/core/datagram.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, int offset, int size),
	TP_HOST(skb->host),
	TP_SKB(skb),
	TP_STRUCT(
		tp_s32(offset)
		tp_s32(size)
		tp_u32(headlen)
		tp_u8(nr_frags)
		tp_u8(frag_list)),
	TP_ASSIGN(
		__entry->offset = offset;
		__entry->size = size;
		__entry->headlen = skb_headlen(skb);
		__entry->nr_frags = skb_shinfo(skb)->nr_frags;
		__entry->frag_list = skb_has_frag_list(skb);))
#define trace_skb_copy_datagram_iovec(...) TP_FUNC(skb_copy_datagram_iovec, __VA_ARGS__)

#endif
