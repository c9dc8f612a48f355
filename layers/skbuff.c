/*
 * layers/skbuff.c - allocating, cloning, copying and freeing socket
 * buffers, and walking data that is not all linear.
 *
 * Mirrors net/core/skbuff.c and the inline helpers of
 * include/linux/skbuff.h (Linux 3.10).  Read layers/skbuff.h first for
 * the buffer layout, the page frags and frag_list, and the two reference
 * counts; read the layer that interests you next (layers/ip_output.c for
 * the path down, layers/dev.c for GSO, which calls skb_segment here).
 *
 * What netstep adds: each skb gets a stable id and sits on the engine's
 * ledger until it is freed, so every test can end with "no skb leaked",
 * and traces name skbs the same way in every run.
 *
 * Memory comes from the host's caches (kernel/slub.c): sk_buff headers
 * from skbuff_head_cache (skb_init), data buffers from kmalloc.
 * truesize is what 3.10 on x86-64 charges a socket for an skb: the head
 * as kmalloc gave it (ksize: its size class) plus the sk_buff and
 * skb_shared_info of 3.10 (SKB_TRUESIZE), plus the pages of the frags.
 *
 * Left out: fclone slab pairs, skb_shared_info destructor_arg
 * (zero-copy), skb_segment over a frag_list (only GRO builds such GSO
 * packets).
 */
#include "layers/skbuff.h"
#include "layers/netdevice.h"
#include "layers/route.h"
#include "kernel/trace.h"
#include "layers/net_namespace.h"
#include "events/skb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char KSRC[] = "net/core/skbuff.c";

void
sim_skb_ledger_init(struct skb_ledger *l)
{
	memset(l, 0, sizeof(*l));
	INIT_LIST_HEAD(&l->live);
	INIT_LIST_HEAD(&l->pages);
	l->next_id = 1;
	l->next_page_id = 1;
}

unsigned long
sim_skb_ledger_live(const struct skb_ledger *l, void *f)
{
	const struct sk_buff *skb;
	const struct page *page;
	unsigned long n = 0, skb_objs;

	list_for_each_entry(skb, &l->live, ledger_node) {
		if (f)
			fprintf(f, "leaked skb#%u (host %s, len %u, users %d, dataref %d)\n",
				skb->id, skb->host ? skb->host->name : "?", skb->len,
				skb->users, skb_shinfo(skb)->dataref & SKB_DATAREF_MASK);
		n++;
	}
	list_for_each_entry(page, &l->pages, ledger_node) {
		if (f)
			fprintf(f, "leaked page#%u (host %s, order %u, count %d)\n", page->id,
				page->host ? page->host->name : "?", page->order,
				page_count(page));
		n++;
	}
	/* What the hosts' caches kept beyond the heads and data of the skbs
	 * above: kmalloc memory nobody freed (kernel/slub.c). */
	skb_objs = l->allocated - l->freed + l->data_allocated - l->data_freed;
	if (l->slab_leaked > skb_objs) {
		if (f)
			fprintf(f, "leaked %lu slab object(s) besides the skbs' heads and data\n",
				l->slab_leaked - skb_objs);
		n += l->slab_leaked - skb_objs;
	}
	return n;
}

/* A kernel-looking address that only depends on the id: reproducible. */
unsigned long
sim_skb_display_addr(const struct sk_buff *skb)
{
	return 0xffff880012340000UL + ((unsigned long)skb->id << 8);
}

static struct skb_ledger *
sim_host_ledger(struct net *net)
{
	return net && net->eng ? net->eng->ledger : NULL;
}

static unsigned int
sim_skb_hash(const struct skb_ledger *l, const struct sk_buff *skb)
{
	/* Headers sit on 64-byte lines (SLAB_HWCACHE_ALIGN): the low bits say nothing. */
	return (unsigned int)(((uintptr_t)skb >> 4) * 0x9E3779B97F4A7C15ULL >> 32) &
	       (l->hash_size - 1);
}

bool
sim_skb_ledger_holds(const struct skb_ledger *l, const struct sk_buff *skb)
{
	const struct sk_buff *p;

	if (!l->hash || !skb)
		return false;
	for (p = l->hash[sim_skb_hash(l, skb)]; p; p = p->ledger_hnext)
		if (p == skb)
			return true;
	return false;
}

/*
 * Keep about two live headers per bucket: double the table when there
 * are more.  NOTE: out of memory, the table stays as it is (longer
 * chains); with none at all, sim_skb_ledger_holds() answers false and
 * a reader shows fewer skbs, the model is not affected.
 */
static void
sim_skb_hash_grow(struct skb_ledger *l)
{
	unsigned long live = l->allocated - l->freed + 1;	/* with the one being added */
	unsigned int size = l->hash_size ? l->hash_size * 2 : 1024;
	struct sk_buff **v, *skb;

	if (l->hash && live <= 2UL * l->hash_size)
		return;
	v = calloc(size, sizeof(*v));
	if (!v)
		return;
	free(l->hash);
	l->hash = v;
	l->hash_size = size;
	list_for_each_entry(skb, &l->live, ledger_node) {
		unsigned int b = sim_skb_hash(l, skb);

		skb->ledger_hnext = v[b];
		v[b] = skb;
	}
}

static void
sim_skb_ledger_add(struct sk_buff *skb)
{
	struct skb_ledger *l = sim_host_ledger(skb->host);
	unsigned int b;

	skb->ledger_hnext = NULL;
	if (!l) {
		INIT_LIST_HEAD(&skb->ledger_node);
		return;
	}
	/* The table first: a rehash walks the live list, which lacks @skb yet. */
	sim_skb_hash_grow(l);
	skb->id = l->next_id++;
	l->allocated++;
	list_add_tail(&skb->ledger_node, &l->live);
	if (!l->hash)
		return;
	b = sim_skb_hash(l, skb);
	skb->ledger_hnext = l->hash[b];
	l->hash[b] = skb;
}

static void
sim_skb_ledger_del(struct sk_buff *skb)
{
	struct skb_ledger *l = sim_host_ledger(skb->host);
	struct sk_buff **pp;

	list_del_init(&skb->ledger_node);
	if (!l)
		return;
	l->freed++;
	for (pp = l->hash ? &l->hash[sim_skb_hash(l, skb)] : NULL; pp && *pp;
	     pp = &(*pp)->ledger_hnext) {
		if (*pp == skb) {
			*pp = skb->ledger_hnext;
			break;
		}
	}
	if (l->allocated == l->freed) {
		/* The last one: a world's teardown leaves nothing allocated. */
		free(l->hash);
		l->hash = NULL;
		l->hash_size = 0;
	}
}

/* netstep: @skb is the one header on its (new) data buffer's list. */
static void
sim_skb_sharers_init(struct sk_buff *skb)
{
	INIT_LIST_HEAD(&skb_shinfo(skb)->sim_sharers);
	list_add_tail(&skb->sim_share, &skb_shinfo(skb)->sim_sharers);
}

/**
 * skb_init - the host's cache of sk_buff headers, skbuff_head_cache
 *
 * Made once at boot, after kmalloc's caches (kmem_cache_init).
 * KERNEL: 3.10 also makes skbuff_fclone_cache, for the header pairs of
 * alloc_skb_fclone; netstep has no fclones.  Returns 0 or -ENOMEM.
 */
int
skb_init(struct net *net)
{
	net->skbuff_head_cache = kmem_cache_create(net, "skbuff_head_cache", sizeof(struct sk_buff),
						   0, SLAB_HWCACHE_ALIGN);
	return net->skbuff_head_cache ? 0 : -ENOMEM;
}

/*
 * kmalloc_reserve: the data buffer, @size bytes and the shared info, as
 * big as 3.10's (netstep's own, at the same place, is no bigger).
 * KERNEL: it may dip into the pfmemalloc reserves; netstep has none.
 * Like 3.10, the shared info starts on a cache line of its own.
 */
static unsigned char *
kmalloc_reserve(struct net *net, unsigned int size)
{
	_Static_assert(sizeof(struct skb_shared_info) <= SIM_SKB_SHINFO_SIZE,
		       "netstep's shared info must fit where 3.10's goes");
	return kmalloc(net, size + SKB_DATA_ALIGN(SIM_SKB_SHINFO_SIZE));
}

/*
 * skb_free_head: the data buffer goes back to kmalloc's cache.
 * KERNEL: a head in a page frag (build_skb) drops its page instead.
 */
static void
skb_free_head(struct sk_buff *skb)
{
	struct skb_ledger *l = sim_host_ledger(skb->host);

	unsigned char *head = skb->head;

	if (l)
		l->data_freed++;
	/* netstep: forgotten before kfree runs, so nothing that watches
	 * kfree's events (the UI's skb pane) reads the freed buffer. */
	skb->head = NULL;
	kfree(head);
}

/**
 * alloc_skb - allocate a network buffer
 * @net: the host that will own it (stands in for the GFP mask)
 * @size: bytes of data room; headroom is made later with skb_reserve()
 *
 * The header comes from the host's skbuff_head_cache, the data from
 * kmalloc.  Returns a new skb with users = 1 and dataref = 1, owned by
 * the caller, or NULL when memory runs out.
 * As 3.10's __alloc_skb, skb->end is all that ksize() says the buffer
 * has, less the shared info at its very end: a 1514-byte frame gets
 * kmalloc-2048 and 1728 bytes of room.
 * netstep's alloc_skb event fires once the skb has its id, so the two
 * allocations print just before it, at its caller's depth.
 */
struct sk_buff *
alloc_skb(struct net *net, unsigned int size)
{
	struct sk_buff *skb;
	struct skb_shared_info *shinfo;
	unsigned char *data;

	size = SKB_DATA_ALIGN(size);
	skb = kmem_cache_alloc(net->skbuff_head_cache);
	if (!skb)
		return NULL;
	data = kmalloc_reserve(net, size);
	if (!data) {
		kmem_cache_free(net->skbuff_head_cache, skb);
		return NULL;
	}
	size = SKB_WITH_OVERHEAD(ksize(data));
	memset(skb, 0, sizeof(*skb));
	skb->host = net;
	sim_skb_ledger_add(skb);
	trace_alloc_skb(net, skb, size);
	skb->truesize = SKB_TRUESIZE(size);
	skb->users = 1;
	skb->head = data;
	skb->data = data;
	skb->tail = 0;
	skb->end = size;
	skb->mac_header = SKB_HEADER_UNSET;
	skb->transport_header = SKB_HEADER_UNSET;
	skb->network_header = 0;
	skb->data_id = skb->id;
	shinfo = skb_shinfo(skb);
	memset(shinfo, 0, sizeof(*shinfo));
	shinfo->dataref = 1;
	sim_skb_sharers_init(skb);
	if (sim_host_ledger(net))
		sim_host_ledger(net)->data_allocated++;
	return skb;
}

/**
 * netdev_alloc_skb - allocate an skb for receiving on @dev
 *
 * Leaves NET_SKB_PAD of headroom, as the kernel does, so a driver can
 * add headers cheaply.  Returns an skb owned by the caller or NULL.
 */
struct sk_buff *
netdev_alloc_skb(struct net_device *dev, unsigned int length)
{
	struct sk_buff *skb = alloc_skb(dev_net(dev), length + NET_SKB_PAD);

	if (skb) {
		skb_reserve(skb, NET_SKB_PAD);
		skb->dev = dev;
	}
	return skb;
}

/**
 * skb_add_rx_frag - attach @size bytes at @off in @page as frag @i of a
 * received skb, whose page reference the caller gives
 * @truesize: what the frag costs in memory (igb: the whole half page)
 */
void
skb_add_rx_frag(struct sk_buff *skb, int i, struct page *page, int off, int size,
		unsigned int truesize)
{
	trace_skb_add_rx_frag(skb, page, off, size, truesize);
	skb_fill_page_desc(skb, i, page, off, size);
	skb->len += size;
	skb->data_len += size;
	skb->truesize += truesize;
}

/* The word skb_data_release prints: "freed" or "kept". */
const char *
sim_skb_data_fate_name(u32 fate)
{
	return fate == SIM_SKB_DATA_KEPT ? "kept" : "freed";
}

/*
 * Let go of the data buffer: it is freed once no header points at it any
 * more, and with it the shared info's page references and frag_list
 * (skb_free_head forgets skb->head then; a header that keeps the data
 * shared with others still points at it).
 */
static void
skb_release_data(struct sk_buff *skb)
{
	struct skb_shared_info *shinfo = skb_shinfo(skb);
	int drop = skb->nohdr ? (1 << SKB_DATAREF_SHIFT) + 1 : 1;
	struct sk_buff *list;

	if (!skb->cloned || ((shinfo->dataref -= drop) & SKB_DATAREF_MASK) == 0) {
		trace_skb_data_release(skb, 0, SIM_SKB_DATA_FREED);
		for (int i = 0; i < shinfo->nr_frags; i++)
			skb_frag_unref(skb, i);
		/* skb_drop_fraglist (the list detached first: see skb_free_head) */
		list = shinfo->frag_list;
		shinfo->frag_list = NULL;
		kfree_skb_list(list);
		skb_free_head(skb);
	} else {
		trace_skb_data_release(skb, shinfo->dataref & SKB_DATAREF_MASK,
				       SIM_SKB_DATA_KEPT);
	}
}

void
__kfree_skb(struct sk_buff *skb)
{
	skb_dst_drop(skb);
	if (skb->destructor)
		skb->destructor(skb);
	list_del_init(&skb->sim_share);
	skb_release_data(skb);
	skb->head = NULL;
	sim_skb_ledger_del(skb);
	/* kfree_skbmem */
	kmem_cache_free(skb->host->skbuff_head_cache, skb);
}

/**
 * kfree_skb - drop a reference; free the skb when it was the last
 *
 * Used when a packet is dropped (the kernel's kfree_skb tracepoint is
 * what `dropwatch` listens to).  Consumes the caller's reference.
 */
void
kfree_skb(struct sk_buff *skb)
{
	if (!skb)
		return;
	trace_kfree_skb(skb);
	if (--skb->users > 0)
		return;
	__kfree_skb(skb);
}

/**
 * consume_skb - like kfree_skb, for a packet that did its job
 *
 * Same logic as kfree_skb; only the tracepoint differs, which is how a
 * reader tells a transmitted packet from a dropped one.
 */
void
consume_skb(struct sk_buff *skb)
{
	if (!skb)
		return;
	trace_consume_skb(skb);
	if (--skb->users > 0)
		return;
	__kfree_skb(skb);
}

void
kfree_skb_list(struct sk_buff *segs)
{
	while (segs) {
		struct sk_buff *next = segs->next;

		kfree_skb(segs);
		segs = next;
	}
}

/* skb_get - take one more reference to the header.  Returns @skb. */
struct sk_buff *
skb_get(struct sk_buff *skb)
{
	skb->users++;
	return skb;
}

/**
 * skb_clone - duplicate an sk_buff header, sharing the data
 * @skb: buffer to clone; it stays owned by its caller
 *
 * The clone gets its own header (users = 1, no socket, no list links)
 * but points at the same bytes; dataref goes up by one and both are
 * marked cloned.  TCP sends the clone down the stack and keeps the
 * original on its write queue.  Returns the clone, owned by the caller.
 */
struct sk_buff *
skb_clone(struct sk_buff *skb)
{
	struct sk_buff *n = kmem_cache_alloc(skb->host->skbuff_head_cache);

	if (!n)
		return NULL;
	memcpy(n, skb, sizeof(*n));
	n->next = n->prev = NULL;
	n->sk = NULL;
	n->destructor = NULL;
	n->users = 1;
	/* The headroom the original promised to keep off is the clone's. */
	n->hdr_len = skb->nohdr ? skb_headroom(skb) : skb->hdr_len;
	n->nohdr = 0;
	n->cloned = 1;
	n->fclone = skb->fclone == SKB_FCLONE_ORIG ? SKB_FCLONE_CLONE : SKB_FCLONE_UNAVAILABLE;
	skb->cloned = 1;
	skb_shinfo(skb)->dataref++;
	list_add_tail(&n->sim_share, &skb_shinfo(skb)->sim_sharers);
	sim_skb_ledger_add(n);
	/* KERNEL: skb_dst_copy takes a dst reference unless it is noref. */
	if (skb_dst(n) && !(n->_skb_refdst & SKB_DST_NOREF))
		dst_hold(skb_dst(n));
	trace_skb_clone(skb, n);
	return n;
}

/**
 * __copy_skb_header - copy the metadata of @old into @new
 *
 * The fields every copy of a packet keeps: device, protocol, priority,
 * pkt_type, local_df and the control block.  Shared by pskb_copy,
 * skb_segment and ip_copy_metadata; each caller copies its own extras
 * (checksum state, header offsets) and decides how the route moves.  Neither skb changes owner.
 * KERNEL: 3.10's __copy_skb_header also copies the header offsets, the
 * route, tstamp, mark, queue_mapping and more; ip_copy_metadata there
 * copies its few fields by hand.
 * NOTE: no tracepoint, so the traces of its callers stay as they were.
 */
void
__copy_skb_header(struct sk_buff *new, const struct sk_buff *old)
{
	new->dev = old->dev;
	new->protocol = old->protocol;
	new->priority = old->priority;
	new->pkt_type = old->pkt_type;
	new->local_df = old->local_df;
	memcpy(new->cb, old->cb, sizeof(new->cb));
}

/*
 * The pointer primitives.  The kernel panics on overflow
 * (skb_over_panic); so does netstep, because an overflow is a bug in
 * netstep itself, never a property of a packet.
 */
static void
skb_panic(const struct sk_buff *skb, unsigned int len, const char *msg)
{
	fprintf(stderr, "netstep: BUG: %s: skb#%u len %u put %u head %p data +%ld tail %u end %u\n",
		msg, skb->id, skb->len, len, (void *)skb->head,
		(long)(skb->data - skb->head), skb->tail, skb->end);
	abort();
}

/* What pskb_copy keeps of @old besides the data: the metadata, checksum
 * state, queue, header offsets (same headroom), GSO state and a
 * reference of its own on the route (copy_skb_header). */
static void
sim_copy_skb_header(struct sk_buff *n, const struct sk_buff *old)
{
	n->sk = NULL;
	__copy_skb_header(n, old);
	n->ip_summed = old->ip_summed;
	n->csum = old->csum;
	n->queue_mapping = old->queue_mapping;
	n->mac_len = old->mac_len;
	n->mac_header = old->mac_header;
	n->network_header = old->network_header;
	n->transport_header = old->transport_header;
	skb_shinfo(n)->gso_size = skb_shinfo(old)->gso_size;
	skb_shinfo(n)->gso_segs = skb_shinfo(old)->gso_segs;
	skb_shinfo(n)->gso_type = skb_shinfo(old)->gso_type;
	if (skb_dst(old)) {
		dst_hold(skb_dst(old));
		skb_dst_set(n, skb_dst(old));
	}
}

/**
 * pskb_copy - a private copy of the linear part; the frags are shared
 * (one more page reference each), the frag_list too (one more user each)
 *
 * What TCP sends when the last transmission of an skb still sits in a
 * driver ring: the header it pushes must not land in the shared head.
 * Returns a new skb owned by the caller, or NULL.
 */
struct sk_buff *
pskb_copy(struct sk_buff *skb)
{
	unsigned int headroom = skb_headroom(skb);
	struct sk_buff *n = alloc_skb(skb->host, headroom + skb_headlen(skb));
	struct skb_shared_info *shinfo = skb_shinfo(skb);
	struct sk_buff *list;

	if (!n)
		return NULL;
	trace_pskb_copy(skb, n);
	skb_reserve(n, headroom);
	memcpy(skb_put(n, skb_headlen(skb)), skb->data, skb_headlen(skb));
	n->truesize += skb->data_len;
	n->data_len = skb->data_len;
	n->len = skb->len;
	for (int i = 0; i < shinfo->nr_frags; i++) {
		skb_shinfo(n)->frags[i] = shinfo->frags[i];
		skb_frag_ref(skb, i);
	}
	skb_shinfo(n)->nr_frags = shinfo->nr_frags;
	/* skb_clone_fraglist */
	skb_shinfo(n)->frag_list = shinfo->frag_list;
	skb_walk_frags(skb, list)
		skb_get(list);
	sim_copy_skb_header(n, skb);
	return n;
}

/**
 * pskb_expand_head - give @skb a head of its own, @nhead bytes more
 * headroom and @ntail more tailroom
 *
 * The linear part (and headroom) is copied; the frags and frag_list stay
 * shared: if the old head was shared (a clone), they gain a reference,
 * since the old head keeps its own.  Afterwards the skb is not cloned.
 * Returns 0 or -ENOMEM (@skb unchanged).
 */
int
pskb_expand_head(struct sk_buff *skb, int nhead, int ntail)
{
	struct skb_ledger *l = sim_host_ledger(skb->host);
	struct skb_shared_info *shinfo = skb_shinfo(skb);
	unsigned int size = SKB_DATA_ALIGN(nhead + skb->end + ntail);
	struct sk_buff *list;
	unsigned char *data;
	long off, doff;

	trace_pskb_expand_head(skb, nhead, ntail);
	if (nhead < 0 || ntail < 0 || skb_shared(skb))
		skb_panic(skb, nhead, "pskb_expand_head");
	data = kmalloc_reserve(skb->host, size);
	if (!data)
		return -ENOMEM;
	/* netstep: the old head's other headers keep its list; @skb starts
	 * the new head's (the copied list head points into the old one). */
	list_del_init(&skb->sim_share);
	memcpy(data + nhead, skb->head, skb->tail);
	memcpy(data + size, shinfo, sizeof(*shinfo));
	doff = skb->data - skb->head;
	if (skb_cloned(skb)) {
		for (int i = 0; i < shinfo->nr_frags; i++)
			skb_frag_ref(skb, i);
		skb_walk_frags(skb, list)
			skb_get(list);
		skb_release_data(skb);
	} else {
		/* The references move with the shared info. */
		skb_free_head(skb);
	}
	if (l)
		l->data_allocated++;
	off = nhead;
	skb->data = data + doff + off;
	skb->head = data;
	skb->end = size;
	skb->tail += off;
	if (skb->transport_header != SKB_HEADER_UNSET)
		skb->transport_header += off;
	if (skb->network_header != SKB_HEADER_UNSET)
		skb->network_header += off;
	if (skb->mac_header != SKB_HEADER_UNSET)
		skb->mac_header += off;
	if (skb->ip_summed == CHECKSUM_PARTIAL)
		skb->csum_start += nhead;
	skb->cloned = 0;
	skb->hdr_len = 0;
	skb->nohdr = 0;
	skb->data_id = skb->id;
	skb_shinfo(skb)->dataref = 1;
	sim_skb_sharers_init(skb);
	return 0;
}

unsigned char *
skb_put(struct sk_buff *skb, unsigned int len)
{
	unsigned char *tmp = skb_tail_pointer(skb);

	skb->tail += len;
	skb->len += len;
	if (unlikely(skb->tail > skb->end))
		skb_panic(skb, len, "skb_over_panic");
	return tmp;
}

unsigned char *
skb_push(struct sk_buff *skb, unsigned int len)
{
	if (unlikely(len > skb_headroom(skb)))
		skb_panic(skb, len, "skb_under_panic");
	skb->data -= len;
	skb->len += len;
	return skb->data;
}

/* Returns the new data pointer, or NULL if @len is more than we hold.
 * Pulling past the linear part is a bug (pskb_pull is for that). */
unsigned char *
skb_pull(struct sk_buff *skb, unsigned int len)
{
	if (len > skb->len)
		return NULL;
	if (unlikely(len > skb_headlen(skb)))
		skb_panic(skb, len, "skb_pull beyond the linear part");
	skb->len -= len;
	skb->data += len;
	return skb->data;
}

void
skb_reserve(struct sk_buff *skb, int len)
{
	if (unlikely((unsigned int)len > skb->end - skb->tail))
		skb_panic(skb, len, "skb_reserve beyond end");
	skb->data += len;
	skb->tail += len;
}

void
skb_trim(struct sk_buff *skb, unsigned int len)
{
	if (skb->len > len) {
		skb->len = len;
		skb->tail = (skb->data - skb->head) + len;
	}
}

/* Zero @pad bytes after the data, as drivers do for runt frames. */
int
skb_pad(struct sk_buff *skb, int pad)
{
	if (pad <= 0)
		return 0;
	if (skb_tailroom(skb) < pad)
		return -ENOMEM;
	memset(skb_tail_pointer(skb), 0, pad);
	return 0;
}

/*
 * sim_skb_walk - call @visit on each run of contiguous bytes among the
 * @len bytes of @skb from @offset, in order: the linear part (a negative
 * @offset reaches into the headroom), the frags, then the frag_list
 * members; @pos is where the run starts counted from @offset, plus
 * @base.  -EFAULT if the skb does not hold them all; a visitor's
 * non-zero return ends the walk and is returned.
 * KERNEL: 3.10's skb_copy_bits, skb_checksum and skb_copy_datagram_iovec
 * each write this walk out (3.16 shares one, __skb_checksum); netstep
 * writes it once.
 */
int
sim_skb_walk(const struct sk_buff *skb, int offset, int len, int base,
	     int (*visit)(const u8 *from, int len, int pos, void *arg), void *arg)
{
	int start = skb_headlen(skb), pos = base;
	struct sk_buff *frag_iter;
	int copy, err;

	if (len < 0 || offset < -(int)skb_headroom(skb) || offset > (int)skb->len - len)
		return -EFAULT;
	if ((copy = start - offset) > 0) {
		if (copy > len)
			copy = len;
		if ((err = visit(skb->data + offset, copy, pos, arg)))
			return err;
		if ((len -= copy) == 0)
			return 0;
		offset += copy;
		pos += copy;
	}
	for (int i = 0; i < skb_shinfo(skb)->nr_frags; i++) {
		const skb_frag_t *f = &skb_shinfo(skb)->frags[i];
		int end = start + (int)skb_frag_size(f);

		if ((copy = end - offset) > 0) {
			if (copy > len)
				copy = len;
			err = visit((u8 *)skb_frag_address(f) + (offset - start), copy, pos, arg);
			if (err)
				return err;
			if ((len -= copy) == 0)
				return 0;
			offset += copy;
			pos += copy;
		}
		start = end;
	}
	skb_walk_frags(skb, frag_iter) {
		int end = start + (int)frag_iter->len;

		if ((copy = end - offset) > 0) {
			if (copy > len)
				copy = len;
			if ((err = sim_skb_walk(frag_iter, offset - start, copy, pos, visit, arg)))
				return err;
			if ((len -= copy) == 0)
				return 0;
			offset += copy;
			pos += copy;
		}
		start = end;
	}
	return len ? -EFAULT : 0;
}

static int
sim_copy_run(const u8 *from, int len, int pos, void *to)
{
	memcpy((u8 *)to + pos, from, len);
	return 0;
}

/**
 * skb_copy_bits - copy @len bytes of the packet from @offset to @to
 *
 * The bytes may be in the linear part (a negative @offset reaches into
 * the headroom), the frags or the frag_list: how every reader that
 * cannot count on linear data gets at them.  0, or -EFAULT if the skb
 * does not hold them.
 */
int
skb_copy_bits(const struct sk_buff *skb, int offset, void *to, int len)
{
	return sim_skb_walk(skb, offset, len, 0, sim_copy_run, to);
}

/*
 * sim_pull_fraglist - the tail of __pskb_pull_tail: @eat bytes beyond the
 * frags were copied from the frag_list; drop the members eaten whole and
 * pull the first one eaten in part (a private clone of it if it is
 * shared).  false if memory ran out (nothing changed).
 * NOTE: inline in 3.10's __pskb_pull_tail; apart here to keep that one
 * readable.
 */
static bool
sim_pull_fraglist(struct sk_buff *skb, int eat)
{
	struct sk_buff *list = skb_shinfo(skb)->frag_list;
	struct sk_buff *clone = NULL, *insp = NULL;

	while (eat) {
		if ((int)list->len <= eat) {
			eat -= list->len;		/* eaten as whole */
			list = list->next;
			insp = list;
			continue;
		}
		if (skb_shared(list)) {			/* eaten partly, fork it */
			clone = skb_clone(list);
			if (!clone)
				return false;
			insp = list->next;
			list = clone;
		} else {
			insp = list;
		}
		if (!pskb_may_pull(list, eat) || !skb_pull(list, eat)) {
			kfree_skb(clone);
			return false;
		}
		break;
	}
	while ((list = skb_shinfo(skb)->frag_list) != insp) {
		skb_shinfo(skb)->frag_list = list->next;
		list->next = NULL;
		kfree_skb(list);
	}
	if (clone) {
		clone->next = list;
		skb_shinfo(skb)->frag_list = clone;
	}
	return true;
}

/*
 * sim_skb_frags_eat - drop the first @eat bytes of @skb's page frags:
 * frags wholly eaten let go of their page, the first one left starts
 * later.  skb->len and data_len are the caller's to fix.
 * KERNEL: __pskb_pull_tail and tcp_output.c's __pskb_trim_head each
 * open-code this loop.
 */
void
sim_skb_frags_eat(struct sk_buff *skb, int eat)
{
	struct skb_shared_info *shinfo = skb_shinfo(skb);
	int k = 0;

	for (int i = 0; i < shinfo->nr_frags; i++) {
		int size = skb_frag_size(&shinfo->frags[i]);

		if (size <= eat) {
			skb_frag_unref(skb, i);
			eat -= size;
			continue;
		}
		shinfo->frags[k] = shinfo->frags[i];
		if (eat) {
			shinfo->frags[k].page_offset += eat;
			skb_frag_size_sub(&shinfo->frags[k], eat);
			eat = 0;
		}
		k++;
	}
	shinfo->nr_frags = k;
}

/**
 * __pskb_pull_tail - move @delta bytes from the frags (then the
 * frag_list) into the linear part, after the tail
 *
 * Reallocates the head if it is too small or shared.  Frags emptied by
 * the pull drop their page reference.  Returns the new tail, or NULL
 * when memory ran out.  pskb_may_pull() and skb_linearize() use it.
 */
unsigned char *
__pskb_pull_tail(struct sk_buff *skb, int delta)
{
	struct skb_shared_info *shinfo = skb_shinfo(skb);
	int eat = (int)(skb->tail + delta) - (int)skb->end;

	trace___pskb_pull_tail(skb, delta);
	if (eat > 0 || skb_cloned(skb)) {
		if (pskb_expand_head(skb, 0, eat > 0 ? eat + 128 : 0))
			return NULL;
		shinfo = skb_shinfo(skb);
	}
	if (skb_copy_bits(skb, skb_headlen(skb), skb_tail_pointer(skb), delta))
		skb_panic(skb, delta, "__pskb_pull_tail");
	if (skb_has_frag_list(skb)) {
		eat = delta;
		for (int i = 0; i < shinfo->nr_frags && eat > 0; i++)
			eat -= (int)skb_frag_size(&shinfo->frags[i]);
		if (eat > 0 && !sim_pull_fraglist(skb, eat))
			return NULL;
	}
	sim_skb_frags_eat(skb, delta);
	skb->tail += delta;
	skb->data_len -= delta;
	return skb_tail_pointer(skb);
}

/**
 * ___pskb_trim - cut a nonlinear @skb to its first @len bytes
 *
 * Frags past the end let go of their page, the one the end falls in
 * shrinks; frag_list members past it are freed and the one it falls in
 * is trimmed (a private clone of it if it is shared).  A cloned head is
 * made private first.  0 or -ENOMEM.  pskb_trim() calls it.
 */
int
___pskb_trim(struct sk_buff *skb, unsigned int len)
{
	struct skb_shared_info *shinfo;
	unsigned int offset = skb_headlen(skb);
	struct sk_buff **fragp, *frag, *list;
	int nfrags, i = 0;

	trace____pskb_trim(skb, len);
	if (skb_cloned(skb) && pskb_expand_head(skb, 0, 0))
		return -ENOMEM;
	shinfo = skb_shinfo(skb);
	nfrags = shinfo->nr_frags;
	/* The frags: keep those that start before @len, the last one cut. */
	while (i < nfrags && offset < len) {
		unsigned int end = offset + skb_frag_size(&shinfo->frags[i]);

		if (end >= len)
			skb_frag_size_set(&shinfo->frags[i], len - offset);
		offset = end;
		i++;
	}
	if (offset >= len) {
		shinfo->nr_frags = i;
		for (; i < nfrags; i++)
			skb_frag_unref(skb, i);
		list = shinfo->frag_list;	/* skb_drop_fraglist, detached first */
		shinfo->frag_list = NULL;
		kfree_skb_list(list);
	} else {
		/* The end is in the frag_list. */
		for (fragp = &shinfo->frag_list; (frag = *fragp); fragp = &frag->next) {
			unsigned int end = offset + frag->len;

			if (skb_shared(frag)) {
				struct sk_buff *nfrag = skb_clone(frag);

				if (unlikely(!nfrag))
					return -ENOMEM;
				nfrag->next = frag->next;
				consume_skb(frag);
				frag = nfrag;
				*fragp = frag;
			}
			if (end < len) {
				offset = end;
				continue;
			}
			if (end > len && pskb_trim(frag, len - offset))
				return -ENOMEM;
			kfree_skb_list(frag->next);	/* skb_drop_list */
			frag->next = NULL;
			break;
		}
	}
	if (len > skb_headlen(skb)) {
		skb->data_len -= skb->len - len;
		skb->len = len;
	} else {
		skb->len = len;
		skb->data_len = 0;
		skb->tail = (skb->data - skb->head) + len;	/* skb_set_tail_pointer */
	}
	return 0;
}

/**
 * skb_realloc_headroom - a copy of @skb with at least @headroom bytes in
 * front: a private head (pskb_copy, or a clone given a bigger head); the
 * frags and frag_list stay shared.  @skb stays the caller's.  Returns
 * the copy, owned by the caller, or NULL.
 */
struct sk_buff *
skb_realloc_headroom(struct sk_buff *skb, unsigned int headroom)
{
	int delta = (int)headroom - (int)skb_headroom(skb);
	struct sk_buff *skb2;

	trace_skb_realloc_headroom(skb, headroom);
	if (delta <= 0)
		return pskb_copy(skb);
	skb2 = skb_clone(skb);
	if (skb2 && pskb_expand_head(skb2, SKB_DATA_ALIGN(delta), 0)) {
		kfree_skb(skb2);
		skb2 = NULL;
	}
	return skb2;
}

/**
 * skb_split - move everything after the first @len bytes of @skb to
 * @skb1, a fresh skb (its linear room must hold what is cut from the
 * linear part)
 *
 * A frag cut in two is shared by both, each holding a page reference.
 * tcp_fragment and tso_fragment use it to cut a write-queue skb.
 */
void
skb_split(struct sk_buff *skb, struct sk_buff *skb1, const u32 len)
{
	struct skb_shared_info *sh = skb_shinfo(skb), *sh1 = skb_shinfo(skb1);
	int pos = skb_headlen(skb);
	int nfrags = sh->nr_frags, k = 0;

	trace_skb_split(skb, skb1, len);
	if ((int)len < pos) {
		/* skb_split_inside_header: the cut is in the linear part. */
		memcpy(skb_put(skb1, pos - len), skb->data + len, pos - len);
		for (int i = 0; i < nfrags; i++)
			sh1->frags[i] = sh->frags[i];
		sh1->nr_frags = nfrags;
		sh->nr_frags = 0;
		skb1->data_len = skb->data_len;
		skb1->len += skb1->data_len;
		skb->data_len = 0;
		skb->len = len;
		skb->tail = (skb->data - skb->head) + len;
		return;
	}
	/* skb_split_no_header: the cut is in the frags. */
	sh->nr_frags = 0;
	skb1->len = skb1->data_len = skb->len - len;
	skb->len = len;
	skb->data_len = len - pos;
	for (int i = 0; i < nfrags; i++) {
		int size = skb_frag_size(&sh->frags[i]);

		if (pos + size > (int)len) {
			sh1->frags[k] = sh->frags[i];
			if (pos < (int)len) {
				skb_frag_ref(skb, i);
				sh1->frags[0].page_offset += len - pos;
				skb_frag_size_sub(&sh1->frags[0], len - pos);
				skb_frag_size_set(&sh->frags[i], len - pos);
				sh->nr_frags++;
			}
			k++;
		} else {
			sh->nr_frags++;
		}
		pos += size;
	}
	sh1->nr_frags = k;
}

/* skb_prepare_for_shift: frags about to move must be @skb's own. */
static int
skb_prepare_for_shift(struct sk_buff *skb)
{
	return skb_cloned(skb) && pskb_expand_head(skb, 0, 0);
}

/**
 * skb_shift - move the first @shiftlen bytes of @skb's page frags to the
 * end of @tgt's (TCP: SACKed data joining the SACKed skb before it)
 *
 * @skb must hold page data only (no linear part).  A frag that continues
 * @tgt's last one on the same page just makes it longer; others move
 * whole (their page reference with them), and a frag cut in two is
 * shared, one reference each.  All or nothing: returns @shiftlen, or 0
 * if @tgt would need more than MAX_SKB_FRAGS frags (nothing moved).  The
 * caller frees @skb if it is left empty.
 */
int
skb_shift(struct sk_buff *tgt, struct sk_buff *skb, int shiftlen)
{
	int todo = shiftlen, from = 0, to, merge = -1;
	skb_frag_t *fragfrom, *fragto;

	trace_skb_shift(tgt, skb, shiftlen);
	to = skb_shinfo(tgt)->nr_frags;
	fragfrom = &skb_shinfo(skb)->frags[0];
	if (to && skb_can_coalesce(tgt, to, skb_frag_page(fragfrom), fragfrom->page_offset)) {
		merge = to - 1;
		todo -= skb_frag_size(fragfrom);
		if (todo < 0) {
			/* Less than that first frag moves: sizes change only. */
			if (skb_prepare_for_shift(skb) || skb_prepare_for_shift(tgt))
				return 0;
			fragfrom = &skb_shinfo(skb)->frags[0];
			skb_frag_size_add(&skb_shinfo(tgt)->frags[merge], shiftlen);
			skb_frag_size_sub(fragfrom, shiftlen);
			fragfrom->page_offset += shiftlen;
			goto done;
		}
		from++;
	}
	/* Everything would move, but cannot fit: do not even start. */
	if (shiftlen == (int)skb->len &&
	    skb_shinfo(skb)->nr_frags - from > (int)MAX_SKB_FRAGS - to)
		return 0;
	if (skb_prepare_for_shift(skb) || skb_prepare_for_shift(tgt))
		return 0;
	/* Copy the frag descriptors over; nr_frags of @tgt says nothing yet. */
	while (todo > 0 && from < skb_shinfo(skb)->nr_frags) {
		if (to == MAX_SKB_FRAGS)
			return 0;
		fragfrom = &skb_shinfo(skb)->frags[from];
		fragto = &skb_shinfo(tgt)->frags[to];
		if (todo >= (int)skb_frag_size(fragfrom)) {
			*fragto = *fragfrom;
			todo -= skb_frag_size(fragfrom);
			from++;
			to++;
		} else {
			__skb_frag_ref(fragfrom);
			*fragto = *fragfrom;
			skb_frag_size_set(fragto, todo);
			fragfrom->page_offset += todo;
			skb_frag_size_sub(fragfrom, todo);
			todo = 0;
			to++;
			break;
		}
	}
	/* Commit: @tgt owns them, the merged frag grows, @skb keeps the rest. */
	skb_shinfo(tgt)->nr_frags = to;
	if (merge >= 0) {
		fragfrom = &skb_shinfo(skb)->frags[0];
		skb_frag_size_add(&skb_shinfo(tgt)->frags[merge], skb_frag_size(fragfrom));
		__skb_frag_unref(fragfrom);
	}
	to = 0;
	while (from < skb_shinfo(skb)->nr_frags)
		skb_shinfo(skb)->frags[to++] = skb_shinfo(skb)->frags[from++];
	skb_shinfo(skb)->nr_frags = to;
done:
	/* Sums are the device's (or software GSO's) to make again. */
	tgt->ip_summed = CHECKSUM_PARTIAL;
	skb->ip_summed = CHECKSUM_PARTIAL;
	skb->len -= shiftlen;
	skb->data_len -= shiftlen;
	skb->truesize -= shiftlen;
	tgt->len += shiftlen;
	tgt->data_len += shiftlen;
	tgt->truesize += shiftlen;
	return shiftlen;
}

/*
 * sim_csum_run - add one run to the sum: the first run starts the sum
 * (csum_partial from @csum), each further one is summed alone and added
 * at its byte position (csum_block_add swaps an odd-placed run).
 */
static int
sim_csum_run(const u8 *from, int len, int pos, void *arg)
{
	__wsum *csum = arg;

	if (!pos)
		*csum = csum_partial(from, len, *csum);
	else
		*csum = csum_block_add(*csum, csum_partial(from, len, 0), pos);
	return 0;
}

/**
 * skb_checksum - the partial sum (csum_partial) of @len bytes from
 * @offset, wherever they are, starting from @csum
 */
__wsum
skb_checksum(const struct sk_buff *skb, int offset, int len, __wsum csum)
{
	if (sim_skb_walk(skb, offset, len, 0, sim_csum_run, &csum))
		skb_panic(skb, len, "skb_checksum");
	return csum;
}

/**
 * skb_copy_and_csum_bits - skb_copy_bits to @to, and the sum of what was
 * copied added to @csum
 * NOTE: the kernel sums while it copies; netstep copies, then sums the
 * (now linear) copy: the same sum.
 */
__wsum
skb_copy_and_csum_bits(const struct sk_buff *skb, int offset, u8 *to, int len, __wsum csum)
{
	if (skb_copy_bits(skb, offset, to, len))
		skb_panic(skb, len, "skb_copy_and_csum_bits");
	return csum_partial(to, len, csum);
}

/*
 * sim_segment_one - the skb_segment of one segment: @len bytes of
 * payload from @offset, after a copy of the @doffset bytes of headers.
 * Without SG everything is copied into the new skb's linear part and
 * summed on the way; with SG the bytes still linear in @skb are copied
 * and the rest are references to @skb's frags (from frag *@i, whose
 * start is at *@pos).  Without checksum offload the payload is summed
 * here (CHECKSUM_NONE, the sum in nskb->csum).  NULL on -ENOMEM.
 * NOTE: the body of 3.10's loop in skb_segment, apart to keep it readable.
 */
static struct sk_buff *
sim_segment_one(struct sk_buff *skb, unsigned int offset, unsigned int len,
		unsigned int doffset, unsigned int headroom, bool sg, bool csum, int *i,
		int *pos)
{
	struct skb_shared_info *sh = skb_shinfo(skb);
	int hsize = (int)skb_headlen(skb) - (int)offset;
	struct sk_buff *nskb;
	skb_frag_t *frag;

	if (hsize < 0)
		hsize = 0;
	if (hsize > (int)len || !sg)
		hsize = len;
	nskb = alloc_skb(skb->host, hsize + doffset + headroom);
	if (!nskb)
		return NULL;
	skb_reserve(nskb, headroom);
	skb_put(nskb, doffset);
	__copy_skb_header(nskb, skb);
	nskb->ip_summed = skb->ip_summed;
	nskb->csum = skb->csum;
	nskb->queue_mapping = skb->queue_mapping;
	if (nskb->ip_summed == CHECKSUM_PARTIAL)
		nskb->csum_start += skb_headroom(nskb) - headroom;
	skb_reset_mac_header(nskb);
	skb_set_network_header(nskb, skb->mac_len);
	nskb->transport_header = nskb->network_header + skb_network_header_len(skb);
	skb_reset_mac_len(nskb);
	memcpy(nskb->data, skb->data, doffset);
	if (!sg) {
		nskb->ip_summed = CHECKSUM_NONE;
		nskb->csum = skb_copy_and_csum_bits(skb, offset, skb_put(nskb, len), len, 0);
		return nskb;
	}
	memcpy(skb_put(nskb, hsize), skb->data + offset, hsize);
	frag = skb_shinfo(nskb)->frags;
	while (*pos < (int)(offset + len) && *i < sh->nr_frags) {
		int size;

		*frag = sh->frags[*i];
		__skb_frag_ref(frag);
		size = skb_frag_size(frag);
		if (*pos < (int)offset) {
			frag->page_offset += offset - *pos;
			skb_frag_size_sub(frag, offset - *pos);
		}
		skb_shinfo(nskb)->nr_frags++;
		if (*pos + size > (int)(offset + len)) {
			skb_frag_size_sub(frag, *pos + size - (offset + len));
			break;
		}
		(*i)++;
		*pos += size;
		frag++;
	}
	nskb->data_len = len - hsize;
	nskb->len += nskb->data_len;
	nskb->truesize += nskb->data_len;
	if (!csum) {
		nskb->csum = skb_checksum(nskb, doffset, nskb->len - doffset, 0);
		nskb->ip_summed = CHECKSUM_NONE;
	}
	return nskb;
}

/**
 * skb_segment - cut a GSO skb into gso_size pieces, each a packet of its
 * own with a copy of the headers (which the protocol's gso_segment then
 * fixes up: sequence numbers, IP IDs, lengths, checksums)
 * @skb: data at the payload, mac_header/mac_len and the other header
 *	offsets set (skb_mac_gso_segment); not consumed
 * @features: the device's; with NETIF_F_SG the segments share @skb's
 *	frags (a page reference each), else they are linear copies
 *
 * Returns the segments linked through ->next, or ERR_PTR(-ENOMEM /
 * -EINVAL).
 */
struct sk_buff *
skb_segment(struct sk_buff *skb, netdev_features_t features)
{
	struct sk_buff *segs = NULL, *tail = NULL;
	unsigned int mss = skb_shinfo(skb)->gso_size;
	unsigned int doffset = skb->data - skb_mac_header(skb);
	unsigned int offset = doffset, headroom, len;
	bool sg = features & NETIF_F_SG;
	bool csum = can_checksum_protocol(features, skb->protocol);
	int i = 0, pos;

	trace_skb_segment(skb, mss, sg, csum);
	if (unlikely(!skb->protocol || skb_has_frag_list(skb)))
		return ERR_PTR(-EINVAL);
	skb_push(skb, doffset);
	headroom = skb_headroom(skb);
	pos = skb_headlen(skb);
	do {
		struct sk_buff *nskb;

		len = skb->len - offset;
		if (len > mss)
			len = mss;
		nskb = sim_segment_one(skb, offset, len, doffset, headroom, sg, csum, &i, &pos);
		if (!nskb) {
			kfree_skb_list(segs);
			return ERR_PTR(-ENOMEM);
		}
		if (segs)
			tail->next = nskb;
		else
			segs = nskb;
		tail = nskb;
	} while ((offset += len) < skb->len);
	return segs;
}

/* skb_gso_transport_seglen - a segment's TCP header and payload (a UDP
 * GSO skb's gso_size already counts its header). */
unsigned int
skb_gso_transport_seglen(const struct sk_buff *skb)
{
	const struct skb_shared_info *shinfo = skb_shinfo(skb);

	if (likely(shinfo->gso_type & (SKB_GSO_TCPV4 | SKB_GSO_TCPV6)))
		return (skb_transport_header(skb)[12] >> 4) * 4 + shinfo->gso_size;	/* tcp_hdrlen */
	return shinfo->gso_size;
}

/**
 * skb_gro_receive - GRO's merge: move the payload of @skb, a segment that
 * continues the held packet *@head, into it
 *
 * @skb's page frags move over to the held packet (the first one made to
 * start after any header bytes still in it); the held packet counts one
 * more segment and grows by the payload and its truesize.  @skb keeps
 * only its head: napi_skb_finish frees it (NAPI_GRO_FREE).  0, or -E2BIG
 * when the held packet would reach 64 KiB or run out of frags, or @skb
 * has payload in its linear part (see below): nothing changed then.
 */
int
skb_gro_receive(struct sk_buff **head, struct sk_buff *skb)
{
	struct sk_buff *p = *head;
	struct skb_shared_info *skbinfo = skb_shinfo(skb), *pinfo = skb_shinfo(p);
	unsigned int len = skb_gro_len(skb), offset = skb_gro_offset(skb);
	unsigned int headlen = skb_headlen(skb), delta_truesize;
	int i = skbinfo->nr_frags, nr_frags = pinfo->nr_frags + i;
	skb_frag_t *frag, *frag2;

	trace_skb_gro_receive(p, skb, len);
	if (p->len + len >= 65536)
		return -E2BIG;
	/* KERNEL: 3.10 also merges a segment with payload in its linear
	 * part (one igb copied whole, IGB_RX_HDR_LEN bytes or less): a head
	 * that is a page frag (head_frag, from netdev_alloc_frag) becomes a
	 * frag of the held packet; any other head makes the held packet a
	 * frag_list of whole skbs.  netstep's heads are plain allocations
	 * and it has no frag_list path: such a segment is not merged. */
	if (headlen > offset || nr_frags > (int)MAX_SKB_FRAGS)
		return -E2BIG;
	offset -= headlen;
	pinfo->nr_frags = nr_frags;
	skbinfo->nr_frags = 0;
	frag = pinfo->frags + nr_frags;
	frag2 = skbinfo->frags + i;
	do {
		*--frag = *--frag2;	/* the page references move with them */
	} while (--i);
	frag->page_offset += offset;
	skb_frag_size_sub(frag, offset);
	/* What the frags cost moves to the held packet; the head stays. */
	delta_truesize = skb->truesize - SKB_TRUESIZE(skb->end);
	skb->truesize -= skb->data_len;
	skb->len -= skb->data_len;
	skb->data_len = 0;
	NAPI_GRO_CB(skb)->free = NAPI_GRO_FREE;

	NAPI_GRO_CB(p)->count++;
	p->data_len += len;
	p->truesize += delta_truesize;
	p->len += len;
	NAPI_GRO_CB(skb)->same_flow = 1;
	return 0;
}

/* ---- dst references -------------------------------------------------- */

void
skb_dst_set(struct sk_buff *skb, struct dst_entry *dst)
{
	skb->_skb_refdst = (unsigned long)dst;
}

/* Queued skbs outlive the lookup that attached their route: take a ref. */
void
skb_dst_force(struct sk_buff *skb)
{
	if (skb->_skb_refdst & SKB_DST_NOREF) {
		skb->_skb_refdst &= SKB_DST_PTRMASK;
		dst_hold(skb_dst(skb));
	}
}

void
skb_dst_drop(struct sk_buff *skb)
{
	if (skb->_skb_refdst && !(skb->_skb_refdst & SKB_DST_NOREF))
		dst_release(skb_dst(skb));
	skb->_skb_refdst = 0;
}

/* ---- queues ------------------------------------------------------------ */

void
skb_queue_head_init(struct sk_buff_head *list)
{
	list->next = list->prev = (struct sk_buff *)list;
	list->qlen = 0;
}

static void
__skb_insert(struct sk_buff *newsk, struct sk_buff *prev,
	     struct sk_buff *next, struct sk_buff_head *list)
{
	newsk->next = next;
	newsk->prev = prev;
	next->prev = prev->next = newsk;
	list->qlen++;
}

void
__skb_queue_tail(struct sk_buff_head *list, struct sk_buff *newsk)
{
	__skb_insert(newsk, list->prev, (struct sk_buff *)list, list);
}

void
__skb_queue_head(struct sk_buff_head *list, struct sk_buff *newsk)
{
	__skb_insert(newsk, (struct sk_buff *)list, list->next, list);
}

void
__skb_unlink(struct sk_buff *skb, struct sk_buff_head *list)
{
	list->qlen--;
	skb->next->prev = skb->prev;
	skb->prev->next = skb->next;
	skb->next = skb->prev = NULL;
}

struct sk_buff *
__skb_dequeue(struct sk_buff_head *list)
{
	struct sk_buff *skb = skb_peek(list);

	if (skb)
		__skb_unlink(skb, list);
	return skb;
}

void
__skb_queue_purge(struct sk_buff_head *list)
{
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(list)) != NULL)
		kfree_skb(skb);
}

/*
 * ---- Internet checksum (RFC 1071) ------------------------------------------
 *
 * NOTE: netstep's __wsum accumulates the packet's 16-bit words as
 * big-endian numbers; the kernel sums in the CPU's byte order.  Both
 * fold to the same bytes in the header, which is all that matters.
 */

/* Add the halves of @x, then the carry that gives (lib/checksum.c). */
static inline u32
from64to32(u64 x)
{
	x = (x & 0xffffffff) + (x >> 32);
	x = (x & 0xffffffff) + (x >> 32);
	return (u32)x;
}

static inline u16
from32to16(u32 x)
{
	x = (x & 0xffff) + (x >> 16);
	x = (x & 0xffff) + (x >> 16);
	return (u16)x;
}

/*
 * do_csum - the ones' complement sum of @len bytes as a 16-bit word of
 * the packet, the way lib/checksum.c's generic version does it: 32-bit
 * words in the CPU's byte order (here eight of them a turn), their
 * carries kept (here in a 64-bit total), folded at the end.  Words of the CPU's order sum to the
 * byte-swapped sum of the packet's big-endian words [RFC 1071 2(B)], so
 * a little-endian CPU swaps the result once.
 *
 * KERNEL: do_csum first aligns @buff (an odd start rotates the result)
 * because some CPUs cannot load unaligned words; memcpy() loads any.
 */
static u16
do_csum(const u8 *buff, int len)
{
	u64 sum = 0, w[4];
	u32 w32;
	u16 h, result;

	/* 32 bytes a turn, as the 32-bit halves of four 64-bit words: the
	 * total grows by less than 2^35 a turn, far from overflowing. */
	for (; len >= 32; buff += 32, len -= 32) {
		memcpy(w, buff, sizeof(w));
		for (int i = 0; i < 4; i++)
			sum += (w[i] & 0xffffffff) + (w[i] >> 32);
	}
	for (; len >= 4; buff += 4, len -= 4) {
		memcpy(&w32, buff, 4);
		sum += w32;
	}
	if (len >= 2) {
		memcpy(&h, buff, 2);
		sum += h;
		buff += 2;
		len -= 2;
	}
	result = from32to16(from64to32(sum));
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	result = (u16)(result << 8 | result >> 8);
#endif
	/* An odd last byte is the high half of a word padded with zero. */
	if (len)
		result = from32to16((u32)result + (buff[0] << 8));
	return result;
}

/**
 * csum_partial - the ones' complement sum of @len bytes at @buff, added to
 * @sum: a 32-bit partial sum to fold (csum_fold) or to feed back in
 * (only the last piece may have an odd length).
 */
__wsum
csum_partial(const void *buff, int len, __wsum sum)
{
	u32 result = len > 0 ? do_csum(buff, len) : 0;

	result += sum;
	if (sum > result)
		result += 1;	/* the end-around carry */
	return (__wsum)result;
}

/* Fold to 16 bits and complement; the result is in network byte order. */
__sum16
csum_fold(__wsum sum)
{
	u32 s = sum;

	s = (s & 0xffff) + (s >> 16);
	s = (s & 0xffff) + (s >> 16);
	return htons((u16)~s);
}

__sum16
ip_fast_csum(const void *iph, unsigned int ihl)
{
	return csum_fold(csum_partial(iph, ihl * 4, 0));
}

/* Pseudo-header sum for TCP and UDP (RFC 793, RFC 768). */
__wsum
csum_tcpudp_nofold(__be32 saddr, __be32 daddr, unsigned short len,
		   unsigned short proto, __wsum sum)
{
	u64 acc = sum;
	u32 s = ntohl(saddr), d = ntohl(daddr);

	acc += (s >> 16) + (s & 0xffff) + (d >> 16) + (d & 0xffff);
	acc += proto + len;
	while (acc >> 32)
		acc = (acc & 0xffffffff) + (acc >> 32);
	return (__wsum)acc;
}
