/*
 * kernel/slub.c - object caches and kmalloc: where skbs come from.
 *
 * Mirrors mm/slub.c and the kmalloc caches of mm/slab_common.c (Linux
 * 3.10, whose default allocator is SLUB).  Read kernel/slab.h first; its
 * users are layers/skbuff.c (skb_init, alloc_skb, skb_clone, the frees)
 * and sim/host.c (a host's caches live and die with it).
 *
 * A cache cuts slabs of PAGE_SIZE << order bytes into objects of one
 * size.  Free objects sit on the cache's free list, each holding the
 * address of the next in its first word, as SLUB's free pointer does;
 * kmem_cache_alloc() takes the first and kmem_cache_free() puts one back
 * in front, so the object freed last is the next one handed out (it is
 * still in the CPU's cache).  A cache only grows: a new slab when the
 * list is empty.  kmalloc() picks a kmalloc-N cache by size
 * (kmalloc_index); above KMALLOC_MAX_CACHE_SIZE it takes whole pages.
 *
 * KERNEL: SLUB keeps a free list per slab and a current slab per CPU,
 * frees slabs that empty beyond min_partial and merges caches of like
 * size (skbuff_head_cache can share kmalloc-256's slabs); netstep has
 * one free list per cache, keeps its slabs until the cache is destroyed
 * and merges nothing.  A slab's descriptor sits in its first 64 bytes
 * (3.10's SLAB does that for small objects; SLUB uses the slab's struct
 * page), so slabs hold a little less than SLUB's; every slab and large
 * block is aligned to SIM_SLAB_ALIGN, which is how kfree() finds the
 * descriptor of a pointer (the kernel: virt_to_head_page).  Slab memory
 * comes from the C library, not from alloc_pages(): no mm_page_alloc in
 * the trace, and page ids stay those of the skbs' frags.  No GFP flags,
 * NUMA nodes, debugging red zones or poisoning (but see sim_poison).
 */
#include "kernel/slab.h"
#include "layers/net_namespace.h"
#include "layers/skbuff.h"
#include "events/kmem.h"

#include <stdlib.h>
#include <string.h>

static const char KSRC[] = "mm/slub.c";

#define SIM_SLAB_MIN_OBJECTS	8	/* 4 * (fls(nr_cpu_ids) + 1), one CPU */

_Static_assert(sizeof(struct slab) <= SIM_SLAB_RESERVED, "struct slab outgrew its room");

/*
 * Under AddressSanitizer a free object is out of bounds, as it was when
 * each skb had its own malloc: a use after free still fails there.
 */
#if defined(__SANITIZE_ADDRESS__)
#define SIM_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SIM_ASAN 1
#endif
#endif
#ifdef SIM_ASAN
#include <sanitizer/asan_interface.h>
#define sim_poison(p, n)	ASAN_POISON_MEMORY_REGION(p, n)
#define sim_unpoison(p, n)	ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define sim_poison(p, n)	((void)(p), (void)(n))
#define sim_unpoison(p, n)	((void)(p), (void)(n))
#endif

static const char *const kmalloc_names[KMALLOC_SHIFT_HIGH + 1] = {
	[1] = "kmalloc-96", [2] = "kmalloc-192", [3] = "kmalloc-8", [4] = "kmalloc-16",
	[5] = "kmalloc-32", [6] = "kmalloc-64", [7] = "kmalloc-128", [8] = "kmalloc-256",
	[9] = "kmalloc-512", [10] = "kmalloc-1024", [11] = "kmalloc-2048",
	[12] = "kmalloc-4096", [13] = "kmalloc-8192",
};
_Static_assert(KMALLOC_SHIFT_HIGH == 13, "kmalloc_names lists kmalloc-8 to kmalloc-8192");

static void
slab_bug(const char *what, const struct kmem_cache *s, const void *x)
{
	fprintf(stderr, "netstep: BUG: %s: cache %s object %p\n", what, s ? s->name : "-", x);
	abort();
}

/* Objects of @size bytes a slab of @order holds beside its descriptor. */
static unsigned int
order_objects(unsigned int order, unsigned int size)
{
	return (unsigned int)(((PAGE_SIZE << order) - SIM_SLAB_RESERVED) / size);
}

/*
 * The smallest order whose slab holds SIM_SLAB_MIN_OBJECTS, up to
 * slub_max_order (PAGE_ALLOC_COSTLY_ORDER).  KERNEL: SLUB's
 * calculate_order also weighs the bytes a slab wastes.
 */
static unsigned int
calculate_order(unsigned int size)
{
	unsigned int order;

	for (order = 0; order < SIM_SLAB_MAX_ORDER; order++)
		if (order_objects(order, size) >= SIM_SLAB_MIN_OBJECTS)
			break;
	return order;
}

/**
 * kmem_cache_create - a cache of objects of @size bytes, owned by @net
 * @align: the least alignment; SLAB_HWCACHE_ALIGN in @flags puts every
 * object on its own cache lines
 *
 * Takes no memory for objects yet.  Returns the cache, or NULL.
 */
struct kmem_cache *
kmem_cache_create(struct net *net, const char *name, size_t size, size_t align,
		  unsigned long flags)
{
	struct kmem_cache *s;

	if (flags & SLAB_HWCACHE_ALIGN)
		align = max_t(size_t, align, 64);	/* cache_line_size() */
	align = max_t(size_t, align, sizeof(void *));
	if (size == 0 || size > (PAGE_SIZE << SIM_SLAB_MAX_ORDER) - SIM_SLAB_RESERVED)
		return NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->name = name;
	s->object_size = (unsigned int)size;
	s->size = (unsigned int)ALIGN(max_t(size_t, size, sizeof(void *)), align);
	s->order = calculate_order(s->size);
	s->objects = order_objects(s->order, s->size);
	s->host = net;
	/* At the head, as the kernel's slab_caches: /proc/slabinfo lists the
	 * newest first. */
	list_add(&s->list, &net->slab_caches);
	return s;
}

/* @bytes starting with a descriptor, aligned so that sim_virt_to_slab()
 * finds it. */
static struct slab *
sim_slab_block(struct net *net, struct kmem_cache *s, unsigned int order, size_t bytes)
{
	void *mem;

	if (posix_memalign(&mem, SIM_SLAB_ALIGN, bytes))
		return NULL;
	((struct slab *)mem)->cache = s;
	((struct slab *)mem)->host = net;
	((struct slab *)mem)->next = NULL;
	((struct slab *)mem)->order = order;
	return mem;
}

/* new_slab: one more slab for @s, its objects on the free list in
 * address order.  -ENOMEM when memory runs out. */
static int
new_slab(struct kmem_cache *s)
{
	/* The descriptor takes the first SIM_SLAB_RESERVED bytes of the
	 * pages (order_objects left room for it). */
	struct slab *slab = sim_slab_block(s->host, s, s->order, PAGE_SIZE << s->order);
	char *start;

	if (!slab)
		return -ENOMEM;
	start = (char *)slab + SIM_SLAB_RESERVED;
	for (unsigned int i = s->objects; i-- > 0;) {
		void *object = start + (size_t)i * s->size;

		*(void **)object = s->freelist;
		s->freelist = object;
		sim_poison(object, s->size);
	}
	slab->next = s->slabs;
	s->slabs = slab;
	s->num_objs += s->objects;
	s->num_slabs++;
	return 0;
}

/* slab_alloc: the first free object of @s (a new slab if there is none). */
static inline void *
slab_alloc(struct kmem_cache *s)
{
	void *object = s->freelist;

	if (unlikely(!object)) {
		if (new_slab(s))
			return NULL;
		object = s->freelist;
	}
	sim_unpoison(object, s->size);
	s->freelist = *(void **)object;
	s->active_objs++;
	return object;
}

/* slab_free: @x goes in front of @s's free list. */
static inline void
slab_free(struct kmem_cache *s, void *x)
{
	/* The kernel's set_freepointer check: the same object twice in a row. */
	if (unlikely(x == s->freelist))
		slab_bug("double free", s, x);
	*(void **)x = s->freelist;
	s->freelist = x;
	s->active_objs--;
	sim_poison(x, s->size);
}

/**
 * kmem_cache_alloc - an object of @s: uninitialised, owned by the caller
 *
 * Returns NULL when memory runs out.
 */
void *
kmem_cache_alloc(struct kmem_cache *s)
{
	trace_kmem_cache_alloc(s);
	return slab_alloc(s);
}

/**
 * kmem_cache_free - give @x back to @s, the cache it came from
 */
void
kmem_cache_free(struct kmem_cache *s, void *x)
{
	trace_kmem_cache_free(s);
	/* cache_from_obj: an object freed to another cache is a bug. */
	if (unlikely(sim_virt_to_slab(x)->cache != s))
		slab_bug("kmem_cache_free to the wrong cache", s, x);
	slab_free(s, x);
}

/* include/linux/slab.h: which kmalloc cache serves @size bytes. */
static inline unsigned int
kmalloc_index(size_t size)
{
	if (size <= 8)
		return 3;
	if (size > 64 && size <= 96)
		return 1;
	if (size > 128 && size <= 192)
		return 2;
	/* The smallest power of two that holds @size. */
	return 64 - (unsigned int)__builtin_clzll((unsigned long long)size - 1);
}

/* kmalloc_large: whole pages for a request above KMALLOC_MAX_CACHE_SIZE. */
static void *
kmalloc_large(struct net *net, size_t size)
{
	unsigned int order = get_order(size);
	struct slab *block = sim_slab_block(net, NULL, order,
					    SIM_SLAB_RESERVED + (PAGE_SIZE << order));

	if (!block)
		return NULL;
	net->sim_kmalloc_large++;
	return (char *)block + SIM_SLAB_RESERVED;
}

/**
 * kmalloc - @size bytes of @net's memory, uninitialised, for the caller
 *
 * From the kmalloc cache of the smallest class that holds @size (ksize()
 * says how much that is), or whole pages above 8 KiB.  Returns NULL when
 * memory runs out.  KERNEL: in 3.10 kmalloc is inline and its call is
 * __kmalloc (or, for skb data, __kmalloc_node_track_caller), which emits
 * the kmalloc tracepoint.
 */
void *
kmalloc(struct net *net, size_t size)
{
	struct kmem_cache *s = size > KMALLOC_MAX_CACHE_SIZE ? NULL :
			       net->kmalloc_caches[kmalloc_index(size)];

	trace_kmalloc(net, s, size);
	return s ? slab_alloc(s) : kmalloc_large(net, size);
}

/**
 * kfree - give back memory kmalloc() gave; NULL is allowed
 */
void
kfree(const void *x)
{
	struct slab *slab = sim_virt_to_slab(x);

	trace_kfree(slab);
	if (!x)
		return;
	if (slab->cache) {
		slab_free(slab->cache, (void *)x);
		return;
	}
	slab->host->sim_kmalloc_large--;
	free(slab);
}

/**
 * ksize - the bytes an object from kmalloc() really has: its class's
 */
size_t
ksize(const void *x)
{
	const struct slab *slab = sim_virt_to_slab(x);

	return slab->cache ? slab->cache->object_size : PAGE_SIZE << slab->order;
}

/* create_kmalloc_caches (mm/slab_common.c): every class, in the kernel's order. */
int
kmem_cache_init(struct net *net)
{
	INIT_LIST_HEAD(&net->slab_caches);
	for (unsigned int i = KMALLOC_SHIFT_LOW; i <= KMALLOC_SHIFT_HIGH; i++) {
		net->kmalloc_caches[i] = kmem_cache_create(net, kmalloc_names[i], 1UL << i, 0, 0);
		if (!net->kmalloc_caches[i])
			return -ENOMEM;
		/* 96 and 192 right after their powers of two below. */
		if (i == 6 && !(net->kmalloc_caches[1] = kmem_cache_create(net, kmalloc_names[1],
									     96, 0, 0)))
			return -ENOMEM;
		if (i == 7 && !(net->kmalloc_caches[2] = kmem_cache_create(net, kmalloc_names[2],
									     192, 0, 0)))
			return -ENOMEM;
	}
	return 0;
}

/*
 * kmem_cache_destroy - free @s with its slabs
 *
 * Objects still handed out are a leak: their slabs stay (so the ledger
 * can still name a leaked skb) and the ledger counts them, which fails
 * the run (layers/skbuff.c, sim_skb_ledger_live).
 */
void
kmem_cache_destroy(struct kmem_cache *s)
{
	struct skb_ledger *l;
	struct slab *slab, *next;

	list_del_init(&s->list);
	if (s->active_objs) {
		l = s->host->eng ? s->host->eng->ledger : NULL;
		if (l)
			l->slab_leaked += s->active_objs;
		free(s);
		return;
	}
	for (slab = s->slabs; slab; slab = next) {
		next = slab->next;
		free(slab);
	}
	free(s);
}

/* netstep: the host goes; so do its caches, and what kmalloc_large gave
 * and nobody freed counts as leaked as well. */
void
sim_kmem_cache_exit(struct net *net)
{
	struct skb_ledger *l = net->eng ? net->eng->ledger : NULL;
	struct kmem_cache *s, *n;

	if (net->sim_kmalloc_large && l)
		l->slab_leaked += net->sim_kmalloc_large;
	list_for_each_entry_safe(s, n, &net->slab_caches, list)
		kmem_cache_destroy(s);
	memset(net->kmalloc_caches, 0, sizeof(net->kmalloc_caches));
	net->skbuff_head_cache = NULL;
}

/* s_show / cache_show (mm/slab_common.c) with SLUB's get_slabinfo. */
void
sim_slabinfo_show(const struct net *net, FILE *out)
{
	const struct kmem_cache *s;

	fprintf(out, "slabinfo - version: 2.1\n");
	fprintf(out, "# name            <active_objs> <num_objs> <objsize> <objperslab> "
		"<pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata "
		"<active_slabs> <num_slabs> <sharedavail>\n");
	list_for_each_entry(s, &net->slab_caches, list)
		fprintf(out, "%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u %4u : slabdata "
			"%6lu %6lu %6lu\n", s->name, s->active_objs, s->num_objs, s->size,
			s->objects, 1 << s->order, 0, 0, 0, s->num_slabs, s->num_slabs, 0UL);
}
