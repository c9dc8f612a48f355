/*
 * kernel/page_alloc.c - allocating and freeing pages.
 *
 * Mirrors alloc_pages (include/linux/gfp.h -> __alloc_pages_nodemask in
 * mm/page_alloc.c) and put_page (mm/swap.c) of Linux 3.10, for the one
 * user netstep has: the network stack's page frags.  Read kernel/mm.h
 * first; read layers/sock.c (sk_page_frag_refill) and layers/skbuff.c
 * (frags, skb_release_data) for who takes and drops the references.
 *
 * What netstep adds: each page gets a stable id and sits on its world's
 * ledger until it is freed, so every test can end with "no page leaked".
 *
 * Left out: the buddy allocator, zones, watermarks, reclaim; a failed
 * allocation is only malloc failing.
 */
#include "kernel/mm.h"
#include "layers/skbuff.h"
#include "layers/net_namespace.h"
#include "events/kmem.h"

#include <stdlib.h>

static const char KSRC[] = "mm/page_alloc.c";

static struct skb_ledger *
sim_page_ledger(const struct net *net)
{
	return net && net->eng ? net->eng->ledger : NULL;
}

/**
 * alloc_pages - 2^@order contiguous pages with one reference (the caller's)
 * @net: the host that will own them (stands in for the GFP mask)
 *
 * Returns the (head) page, or NULL when memory runs out.
 */
struct page *
alloc_pages(struct net *net, unsigned int order)
{
	struct skb_ledger *l = sim_page_ledger(net);
	struct page *page = calloc(1, sizeof(*page));

	if (page)
		page->virtual = malloc(PAGE_SIZE << order);
	if (!page || !page->virtual) {
		free(page);
		return NULL;
	}
	page->_count = 1;
	page->order = order;
	page->host = net;
	if (l) {
		page->id = l->next_page_id++;
		l->pages_allocated++;
		list_add_tail(&page->ledger_node, &l->pages);
	} else {
		INIT_LIST_HEAD(&page->ledger_node);
	}
	trace_alloc_pages(net, page, order);
	return page;
}

/* __free_pages: the last reference went: back to the allocator. */
static void
__free_pages(struct page *page)
{
	struct skb_ledger *l = sim_page_ledger(page->host);

	list_del_init(&page->ledger_node);
	if (l)
		l->pages_freed++;
	free(page->virtual);
	free(page);
}

/**
 * put_page - drop a reference; free the pages when it was the last
 */
void
put_page(struct page *page)
{
	trace_put_page(page, page->_count - 1);
	if (--page->_count == 0)
		__free_pages(page);
}
