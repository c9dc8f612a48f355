/*
 * kernel/mm.h - struct page: the memory an skb's page frags point at.
 *
 * Mirrors the few parts of include/linux/mm_types.h, include/linux/mm.h
 * and include/linux/gfp.h (Linux 3.10) that the network stack uses:
 * alloc_pages() hands out 2^order contiguous pages with one reference,
 * get_page() takes another, put_page() drops one and frees the pages at
 * zero, page_address() is where their bytes are.  An skb's frags
 * (skb_frag_t, layers/skbuff.h) each hold a reference on their page, so
 * a page lives as long as the last skb (or clone, or segment) that
 * points into it, and the socket's page_frag that fills it.
 *
 * Read this before layers/skbuff.h (frags) and layers/sock.c
 * (sk_page_frag_refill); the page allocator itself is kernel/page_alloc.c.
 *
 * netstep additions: every page has a stable id (page#3) and sits on its
 * world's ledger (the skb ledger, layers/skbuff.h) until it is freed, so
 * a test fails on a leaked page exactly as on a leaked skb.
 *
 * KERNEL: a compound page of order n is 2^n struct pages whose head
 * carries the reference count; netstep makes one struct page per
 * allocation and keeps the order in it.  No zones, no buddy lists, no
 * highmem (page_address always works), no page flags, no mapping.
 */
#ifndef NETSTEP_KERNEL_MM_H
#define NETSTEP_KERNEL_MM_H

#include "kernel/types.h"

struct net;

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)	/* 4096, x86 */

struct page {
	int _count;			/* references: page_count() */
	unsigned int order;		/* netstep: 2^order pages in one (compound) */
	void *virtual;			/* the bytes: page_address() */

	/* netstep only: */
	u32 id;				/* stable id, shown as page#id */
	struct net *host;		/* whose ledger holds it */
	struct list_head ledger_node;	/* on the ledger's page list */
	/* KERNEL: flags, mapping, index, lru, private, the compound tail
	 * pages and the zone omitted. */
};

/*
 * include/linux/mm_types.h: a piece of a page that its owner fills
 * little by little (the socket's, or the task's, frag for tcp_sendmsg
 * and ip_append_data): the next free byte is at @offset.
 */
struct page_frag {
	struct page *page;		/* holds one reference, or NULL */
	u32 offset;			/* first free byte */
	u32 size;			/* PAGE_SIZE << order */
};

/* KERNEL: alloc_pages(gfp_mask, order); netstep passes the owning host
 * instead of GFP flags, as alloc_skb does. */
struct page *alloc_pages(struct net *net, unsigned int order);
void put_page(struct page *page);	/* mm/swap.c */

static inline void get_page(struct page *page)
{
	page->_count++;
}
static inline int page_count(const struct page *page)
{
	return page->_count;
}
static inline void *page_address(const struct page *page)
{
	return page->virtual;
}

#endif
