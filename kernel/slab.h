/*
 * kernel/slab.h - object caches: kmem_cache_alloc() and kmalloc().
 *
 * Mirrors include/linux/slab.h and include/linux/slub_def.h (Linux
 * 3.10, SLUB, its default allocator).  The kernel does not malloc each
 * object: a cache (struct kmem_cache) hands out objects of one size cut
 * from slabs of whole pages, and takes them back to a free list that
 * serves the next allocation, the last one freed first.  A subsystem
 * makes a cache for its own object (net/core/skbuff.c makes
 * skbuff_head_cache for the sk_buff headers); everything else asks
 * kmalloc(), which picks one of the shared caches by size: kmalloc-8,
 * -16, -32, -64, -96, -128, -192, -256, ... -8192, each a power of two
 * but two.  Above 8 KiB kmalloc() takes whole pages (kmalloc_large).
 * ksize() says how many bytes an object really has, which is the size
 * of its class, not what was asked.
 *
 * netstep: every host owns its caches (struct net: slab_caches,
 * kmalloc_caches, skbuff_head_cache), made by kmem_cache_init() and
 * skb_init() when the host boots and destroyed with it.  `cat
 * /proc/slabinfo` on a host lists them.  The allocator itself is
 * kernel/slub.c; read layers/skbuff.c for its main user.
 */
#ifndef NETSTEP_KERNEL_SLAB_H
#define NETSTEP_KERNEL_SLAB_H

#include "kernel/mm.h"

#include <stdio.h>

struct net;

/*
 * Every slab and kmalloc_large block starts on a SIM_SLAB_ALIGN boundary
 * with its descriptor; its objects follow SIM_SLAB_RESERVED bytes in.
 * A slab is at most PAGE_SIZE << SIM_SLAB_MAX_ORDER (slub_max_order).
 */
#define SIM_SLAB_MAX_ORDER	3
#define SIM_SLAB_ALIGN		(PAGE_SIZE << SIM_SLAB_MAX_ORDER)
#define SIM_SLAB_RESERVED	64

/* SLUB: kmalloc-8 up to kmalloc-8192 (PAGE_SIZE * 2); index 1 and 2 are
 * kmalloc-96 and kmalloc-192. */
#define KMALLOC_SHIFT_LOW	3
#define KMALLOC_SHIFT_HIGH	(PAGE_SHIFT + 1)
#define KMALLOC_MAX_CACHE_SIZE	(1UL << KMALLOC_SHIFT_HIGH)

#define SLAB_HWCACHE_ALIGN	0x00002000UL	/* objects on cache lines (64 bytes) */

struct kmem_cache {
	const char *name;		/* "skbuff_head_cache", "kmalloc-512" */
	unsigned int object_size;	/* what the user asked for */
	unsigned int size;		/* one object with its alignment */
	unsigned int order;		/* a slab is PAGE_SIZE << order bytes */
	unsigned int objects;		/* objects in one slab */
	void *freelist;			/* free objects, each holding the next */
	struct slab *slabs;		/* every slab of the cache */
	unsigned long active_objs;	/* objects handed out */
	unsigned long num_objs;		/* objects in all its slabs */
	unsigned long num_slabs;	/* slabs */
	struct net *host;		/* the host that owns it */
	struct list_head list;		/* on the host's slab_caches */
	/* KERNEL: SLUB's per-CPU slab, per-node partial lists, the free
	 * pointer's offset (netstep: the object's first word), min_partial,
	 * ctor, refcount for merged caches, reserved, memcg params omitted. */
};

/*
 * A slab's descriptor, at the start of its memory (3.10's SLAB keeps
 * one there too; SLUB keeps it in the struct page of the slab's first
 * page).  A kmalloc_large block has one too, with no cache.
 */
struct slab {
	struct kmem_cache *cache;	/* whose objects, NULL for kmalloc_large */
	struct net *host;		/* the owner */
	struct slab *next;		/* the cache's next slab */
	unsigned int order;		/* PAGE_SIZE << order bytes */
};

/* KERNEL: kmem_cache_create(name, size, align, flags, ctor) and the
 * allocation calls take GFP flags; netstep passes the owning host instead,
 * as alloc_skb() and alloc_pages() do.  No constructors. */
struct kmem_cache *kmem_cache_create(struct net *net, const char *name, size_t size,
				     size_t align, unsigned long flags);
void kmem_cache_destroy(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s);
void kmem_cache_free(struct kmem_cache *s, void *x);

void *kmalloc(struct net *net, size_t size);
void kfree(const void *x);
size_t ksize(const void *x);

/* mm/slub.c: the kmalloc caches of a host at boot; every cache at its end. */
int kmem_cache_init(struct net *net);
void sim_kmem_cache_exit(struct net *net);

/* The slab (or kmalloc_large block) of an object, NULL for NULL.
 * KERNEL: virt_to_head_page(x), whose struct page holds slab_cache. */
static inline struct slab *
sim_virt_to_slab(const void *x)
{
	return (struct slab *)((uintptr_t)x & ~(uintptr_t)(SIM_SLAB_ALIGN - 1));
}

/* asm-generic/getorder.h: the order of pages that holds @size bytes. */
static inline unsigned int
get_order(size_t size)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

/* `cat /proc/slabinfo` (mm/slab_common.c, slabinfo 2.1). */
void sim_slabinfo_show(const struct net *net, FILE *out);

#endif
