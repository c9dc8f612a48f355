/*
 * events/kmem.h - tracepoints of kernel/page_alloc.c: pages born and
 * let go.  The kernel's own are mm_page_alloc and mm_page_free
 * (include/trace/events/kmem.h); netstep traces the calls the network
 * stack makes, so a student sees the page behind a frag allocated once
 * and freed when the last skb pointing into it is gone.
 * See kernel/trace_event.h for the syntax.
 */
#if !defined(NETSTEP_EVENTS_KMEM_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_KMEM_H

#undef TRACE_SYSTEM
#define TRACE_SYSTEM kmem

#include "kernel/trace_event.h"
#include "kernel/mm.h"

TRACE_EVENT(alloc_pages, "include/linux/gfp.h", TP_INLINE,
	TP_PROTO(struct net *net, const struct page *page, unsigned int order),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(page)
		tp_u32(order)
		tp_u32(bytes)),
	TP_ASSIGN(
		__entry->page = page->id;
		__entry->order = order;
		__entry->bytes = (u32)(PAGE_SIZE << order);))
#define trace_alloc_pages(...) TP_FUNC(alloc_pages, __VA_ARGS__)

/* put_page: @count is what is left; 0 means the pages went back. */
TRACE_EVENT(put_page, "mm/swap.c", TP_NOT_INLINE,
	TP_PROTO(const struct page *page, int count),
	TP_HOST(page->host),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(page)
		tp_s32(count)),
	TP_ASSIGN(
		__entry->page = page->id;
		__entry->count = count;))
#define trace_put_page(...) TP_FUNC(put_page, __VA_ARGS__)

#endif
