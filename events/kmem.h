/*
 * events/kmem.h - tracepoints of kernel/page_alloc.c and kernel/slub.c:
 * pages, slab objects and kmalloc memory born and let go.
 *
 * For pages the kernel's own are mm_page_alloc and mm_page_free
 * (include/trace/events/kmem.h); netstep traces the calls the network
 * stack makes, so a student sees the page behind a frag allocated once
 * and freed when the last skb pointing into it is gone.  The slab events
 * are the kernel's: kmem_cache_alloc and kmalloc print bytes_req (asked)
 * and bytes_alloc (given: the object's size, its kmalloc class);
 * kmem_cache_free and kfree say where the memory goes back.
 * KERNEL: 3.10's events print call_site and ptr, and gfp_flags on the
 * allocations; netstep's trace shows the caller as the parent call and
 * prints no addresses (they differ run to run).  It prints the cache's
 * name instead, as kernels since 6.0 do for kmem_cache_alloc and
 * kmem_cache_free ("pages" for kmalloc_large's whole pages).
 * See kernel/trace_event.h for the syntax.
 */
#if !defined(NETSTEP_EVENTS_KMEM_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_KMEM_H

#undef TRACE_SYSTEM
#define TRACE_SYSTEM kmem

#include "kernel/trace_event.h"
#include "kernel/mm.h"
#include "kernel/slab.h"

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

/* An object from cache @s (NULL: whole pages) for a request of @bytes_req. */
DECLARE_EVENT_CLASS(kmem_alloc,
	TP_PROTO(struct net *net, const struct kmem_cache *s, size_t bytes_req),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(bytes_req)
		tp_u32(bytes_alloc)
		tp_str(name)),
	TP_ASSIGN(
		__entry->bytes_req = (u32)bytes_req;
		__entry->bytes_alloc = (u32)(s ? s->size : PAGE_SIZE << get_order(bytes_req));
		__entry->name = s ? s->name : "pages";))
DEFINE_EVENT(kmem_alloc, kmem_cache_alloc, "mm/slub.c", TP_NOT_INLINE,
	TP_PROTO(const struct kmem_cache *s),
	TP_ARGS(s->host, s, s->object_size))
#define trace_kmem_cache_alloc(...) TP_FUNC(kmem_cache_alloc, __VA_ARGS__)
DEFINE_EVENT(kmem_alloc, kmalloc, "include/linux/slub_def.h", TP_INLINE,
	TP_PROTO(struct net *net, const struct kmem_cache *s, size_t size),
	TP_ARGS(net, s, size))
#define trace_kmalloc(...) TP_FUNC(kmalloc, __VA_ARGS__)

/* Memory goes back to cache @s (NULL: whole pages to the page allocator). */
DECLARE_EVENT_CLASS(kmem_free,
	TP_PROTO(struct net *net, const struct kmem_cache *s),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(name)),
	TP_ASSIGN(
		__entry->name = s ? s->name : "pages";))
DEFINE_EVENT(kmem_free, kmem_cache_free, "mm/slub.c", TP_NOT_INLINE,
	TP_PROTO(const struct kmem_cache *s),
	TP_ARGS(s->host, s))
#define trace_kmem_cache_free(...) TP_FUNC(kmem_cache_free, __VA_ARGS__)
/* kfree(NULL) has no slab and no host: nothing is recorded. */
DEFINE_EVENT(kmem_free, kfree, "mm/slub.c", TP_NOT_INLINE,
	TP_PROTO(const struct slab *slab),
	TP_ARGS(slab ? slab->host : NULL, slab ? slab->cache : NULL))
#define trace_kfree(...) TP_FUNC(kfree, __VA_ARGS__)

#endif
