/*
 * nic/dma.h - DMA mappings: how a driver tells a card where memory is.
 *
 * Mirrors the driver-facing half of include/linux/dma-mapping.h (Linux
 * 3.10): dma_map_single(), dma_unmap_single(), dma_map_page(),
 * dma_unmap_page(), skb_frag_dma_map(), dma_mapping_error(),
 * dma_alloc_coherent() and dma_free_coherent().  Read it before
 * nic/igb_main.c (the driver maps every skb it hands to the card) and
 * nic/sim_82576.c (the card reads and writes memory only through the
 * addresses made here).
 *
 * A card never sees a CPU pointer.  It sees a dma_addr_t (an I/O virtual
 * address, IOVA) that the driver wrote into a descriptor or a register.
 * netstep models the IOMMU that turns an IOVA back into memory: each
 * struct device owns a table of live mappings; sim_dma_read() and
 * sim_dma_write() (the bus side, used by the card model) translate
 * through it, and an address that is not mapped, or not mapped for that
 * direction, is refused with -EFAULT and counted as a DMA fault, the way
 * an IOMMU reports a "DMAR fault" instead of letting the card scribble
 * over memory.
 *
 * Addresses are handed out by a bump allocator starting at 0x10000000,
 * so they are the same on every run and an address is never reused: a
 * card that uses a stale descriptor after the driver unmapped its buffer
 * hits a fault instead of someone else's data.
 *
 * A translation is found the way an IOMMU finds it, by page: the device
 * keeps a page table of its IOVA space, hashed on the 4 KiB page number,
 * whose entries say which live mapping covers the page.  A lookup is one
 * hash and a short chain (the few mappings that share a page), whatever
 * the number of mappings.
 *
 * KERNEL: no real IOMMU or swiotlb, no scatterlists (dma_map_sg), no
 * dma_sync_* (the model is coherent), no DMA masks, no struct dma_map_ops.
 * The IOVA allocator and sim_dma_* are netstep's own.
 */
#ifndef NETSTEP_NIC_DMA_H
#define NETSTEP_NIC_DMA_H

#include "kernel/types.h"
#include "kernel/mm.h"
#include "layers/skbuff.h"

struct net;

/* include/linux/dma-direction.h */
enum dma_data_direction {
	DMA_BIDIRECTIONAL = 0,
	DMA_TO_DEVICE = 1,		/* the card reads (TX buffers) */
	DMA_FROM_DEVICE = 2,		/* the card writes (RX buffers) */
	DMA_NONE = 3,
};

/*
 * What a failed mapping returns.  KERNEL: 3.10 asks the platform's
 * dma_map_ops->mapping_error(); the DMA_MAPPING_ERROR constant is the
 * name later kernels (5.0+) use for the same idea.
 */
#define DMA_MAPPING_ERROR	(~(dma_addr_t)0)

#define SIM_DMA_IOVA_BASE	0x10000000ULL	/* first address handed out */
#define SIM_DMA_ALIGN		64		/* streaming mappings */
#define SIM_DMA_COHERENT_ALIGN	4096		/* rings: page aligned */
#define SIM_DMA_MAX_MAPS	16384		/* live mappings per device */
#define SIM_DMA_PAGE_SHIFT	12		/* the page table's pages: 4 KiB */
#define SIM_DMA_HASH_SIZE	4096		/* its buckets (a power of two) */

/* One mapping: IOVA range -> CPU memory; a free slot when !live. */
struct sim_dma_map {
	dma_addr_t iova;		/* first bus address */
	size_t size;			/* bytes mapped */
	void *cpu_addr;			/* the memory behind it */
	enum dma_data_direction dir;	/* who may read/write it */
	bool coherent;			/* from dma_alloc_coherent */
	bool live;			/* mapped; else on the free list */
	int next_free;			/* free list: next free slot, -1 = end */
};

/*
 * One page of a mapping in the device's hashed IOVA page table, chained
 * in the bucket of its page number (iova >> SIM_DMA_PAGE_SHIFT).  A
 * lookup walks the chain and asks each mapping whether it holds the
 * address: pages that share the bucket are told apart by that.
 */
struct sim_dma_pte {
	int map;			/* the mapping: index in maps[] */
	int next;			/* next entry of the bucket (or free), -1 = end */
};

/*
 * A bus device: the thing a driver maps memory for.  KERNEL: struct
 * device is the driver-model object behind every pci_dev; netstep keeps
 * only what DMA needs, plus the modelled IOMMU state.
 */
struct device {
	char name[24];			/* "0000:01:00.0"-like, for traces */
	struct net *net;		/* host whose memory is mapped */
	struct sim_dma_map *maps;	/* SIM_DMA_MAX_MAPS slots */
	unsigned int nr_maps;		/* live mappings */
	unsigned int nr_slots;		/* slots ever used: maps[0..nr_slots) */
	int free_map;			/* first free slot below nr_slots, -1 = none */
	int *pt_hash;			/* SIM_DMA_HASH_SIZE buckets: first pte, -1 */
	struct sim_dma_pte *ptes;	/* the page table's entries */
	unsigned int cap_ptes;		/* entries allocated */
	unsigned int nr_ptes;		/* entries ever used: ptes[0..nr_ptes) */
	int free_pte;			/* first free entry below nr_ptes, -1 = none */
	dma_addr_t next_iova;		/* bump allocator */
	unsigned long map_total;	/* mappings ever made */
	unsigned long map_errors;	/* dma_map_single refusals (table full) */
	unsigned long faults;		/* card accesses refused (-EFAULT) */
	dma_addr_t last_fault;		/* address of the last refused access */
};

/* Set up / tear down the device and its (empty) IOVA space. */
int sim_device_init(struct device *dev, struct net *net, const char *name);
void sim_device_destroy(struct device *dev);	/* frees leftover mappings */
static inline unsigned int sim_dma_map_count(const struct device *dev)
{
	return dev->nr_maps;
}

/* Driver side, include/linux/dma-mapping.h */
dma_addr_t dma_map_single(struct device *dev, void *cpu_addr, size_t size,
			  enum dma_data_direction dir);
void dma_unmap_single(struct device *dev, dma_addr_t addr, size_t size,
		      enum dma_data_direction dir);
dma_addr_t dma_map_page(struct device *dev, struct page *page, size_t offset, size_t size,
			enum dma_data_direction dir);
void dma_unmap_page(struct device *dev, dma_addr_t addr, size_t size,
		    enum dma_data_direction dir);
/* skb_frag_dma_map (include/linux/skbuff.h): map @size bytes of a frag
 * from @offset on.  NOTE: here, not in layers/skbuff.h, which knows
 * nothing of DMA. */
static inline dma_addr_t skb_frag_dma_map(struct device *dev, const skb_frag_t *frag,
					  size_t offset, size_t size,
					  enum dma_data_direction dir)
{
	return dma_map_page(dev, skb_frag_page(frag), frag->page_offset + offset, size, dir);
}
static inline int dma_mapping_error(struct device *dev, dma_addr_t addr)
{
	(void)dev;
	return addr == DMA_MAPPING_ERROR;
}
/* KERNEL: takes a gfp_t flag; netstep has one allocation context. */
void *dma_alloc_coherent(struct device *dev, size_t size, dma_addr_t *dma_handle);
void dma_free_coherent(struct device *dev, size_t size, void *cpu_addr,
		       dma_addr_t dma_handle);

/* Bus side, used only by card models: 0 or -EFAULT (counted). */
int sim_dma_read(struct device *dev, dma_addr_t iova, void *buf, size_t len);
int sim_dma_write(struct device *dev, dma_addr_t iova, const void *buf, size_t len);

/* "to_device" ...: the namer of the dir field of events/card.h. */
const char *sim_dma_data_direction_name(u32 dir);

#endif
