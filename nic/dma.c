/*
 * nic/dma.c - the modelled IOMMU: DMA mappings of one bus device.
 *
 * Mirrors the API of include/linux/dma-mapping.h (Linux 3.10); the
 * bodies are netstep's own, since the kernel's come from the platform
 * (swiotlb, intel-iommu).  Read nic/dma.h first; read nic/igb_main.c
 * (the driver that maps) and nic/sim_82576.c (the card that reads and
 * writes through sim_dma_read/sim_dma_write) next.
 *
 * Mappings live in a table of slots (a free list gives a slot back);
 * the page table says which slot covers each IOVA page in use: a chained
 * hash on the page number, one entry per page of each mapping.  Mappings
 * are 64-byte aligned, so a page holds a few of them at most.  Unmapping
 * takes the entries out; the address range is never handed out again.
 *
 * KERNEL: an IOMMU walks multi-level page tables of whole pages (and
 * caches them in an IOTLB); this table is one hash that keeps each
 * mapping's exact bounds.  No bounce buffers, no sync calls, no
 * scatter-gather; a "fault" here is a counted refusal, not a DMAR report.
 */
#include "nic/dma.h"
#include "events/card.h"
#include "layers/net_namespace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char KSRC[] = "include/linux/dma-mapping.h";

static const char *const sim_dma_dir_name[] = {
	[DMA_BIDIRECTIONAL] = "bidirectional",
	[DMA_TO_DEVICE] = "to_device",
	[DMA_FROM_DEVICE] = "from_device",
	[DMA_NONE] = "none",
};

/* The name of a direction, for the traces (dir=to_device). */
const char *
sim_dma_data_direction_name(u32 dir)
{
	return sim_dma_dir_name[dir & 3];
}

int
sim_device_init(struct device *dev, struct net *net, const char *name)
{
	memset(dev, 0, sizeof(*dev));
	snprintf(dev->name, sizeof(dev->name), "%s", name);
	dev->net = net;
	dev->next_iova = SIM_DMA_IOVA_BASE;
	dev->free_map = -1;
	dev->free_pte = -1;
	dev->maps = calloc(SIM_DMA_MAX_MAPS, sizeof(*dev->maps));
	dev->pt_hash = malloc(SIM_DMA_HASH_SIZE * sizeof(*dev->pt_hash));
	if (!dev->maps || !dev->pt_hash) {
		sim_device_destroy(dev);
		return -ENOMEM;
	}
	for (int i = 0; i < SIM_DMA_HASH_SIZE; i++)
		dev->pt_hash[i] = -1;
	return 0;
}

void
sim_device_destroy(struct device *dev)
{
	/* A coherent region still mapped is the driver's leak; free it so
	 * the process stays clean, the count already told the tests. */
	for (unsigned int i = 0; i < dev->nr_slots; i++)
		if (dev->maps[i].live && dev->maps[i].coherent)
			free(dev->maps[i].cpu_addr);
	free(dev->maps);
	free(dev->pt_hash);
	free(dev->ptes);
	dev->maps = NULL;
	dev->pt_hash = NULL;
	dev->ptes = NULL;
	dev->nr_maps = dev->nr_slots = 0;
	dev->nr_ptes = dev->cap_ptes = 0;
}

/* ---- the page table ------------------------------------------------------- */

static inline u64
sim_dma_pfn(dma_addr_t iova)
{
	return iova >> SIM_DMA_PAGE_SHIFT;
}

static inline int *
sim_dma_bucket(const struct device *dev, u64 pfn)
{
	return &dev->pt_hash[pfn & (SIM_DMA_HASH_SIZE - 1)];
}

/* Enter page @pfn of mapping @map; 0 or -ENOMEM. */
static int
sim_dma_pte_add(struct device *dev, u64 pfn, int map)
{
	int i = dev->free_pte, *bucket = sim_dma_bucket(dev, pfn);
	struct sim_dma_pte *pte;

	if (i >= 0) {
		dev->free_pte = dev->ptes[i].next;
	} else {
		if (dev->nr_ptes == dev->cap_ptes) {
			unsigned int cap = dev->cap_ptes ? 2 * dev->cap_ptes : 1024;
			struct sim_dma_pte *p = realloc(dev->ptes, cap * sizeof(*p));

			if (!p)
				return -ENOMEM;
			dev->ptes = p;
			dev->cap_ptes = cap;
		}
		i = (int)dev->nr_ptes++;
	}
	pte = &dev->ptes[i];
	pte->map = map;
	pte->next = *bucket;
	*bucket = i;
	return 0;
}

/*
 * Take page @pfn of mapping @map out (its entry goes on the free list).
 * Two pages of one mapping may share a bucket: either entry will do,
 * since all its pages go.
 */
static void
sim_dma_pte_del(struct device *dev, u64 pfn, int map)
{
	int *link = sim_dma_bucket(dev, pfn);

	while (*link >= 0) {
		struct sim_dma_pte *pte = &dev->ptes[*link];
		int i = *link;

		if (pte->map == map) {
			*link = pte->next;
			pte->next = dev->free_pte;
			dev->free_pte = i;
			return;
		}
		link = &pte->next;
	}
}

/* Take pages [@first, @last) of mapping @map out. */
static void
sim_dma_unlink(struct device *dev, int map, u64 first, u64 last)
{
	for (u64 pfn = first; pfn < last; pfn++)
		sim_dma_pte_del(dev, pfn, map);
}

/* Index of the live mapping that contains @iova, or -1: one walk of the
 * chain of @iova's page. */
static int
sim_dma_find(const struct device *dev, dma_addr_t iova)
{
	if (!dev->pt_hash)
		return -1;
	for (int i = *sim_dma_bucket(dev, sim_dma_pfn(iova)); i >= 0; i = dev->ptes[i].next) {
		const struct sim_dma_map *m = &dev->maps[dev->ptes[i].map];

		if (iova >= m->iova && iova - m->iova < m->size)
			return dev->ptes[i].map;
	}
	return -1;
}

/* ---- mappings --------------------------------------------------------------- */

static dma_addr_t
sim_dma_insert(struct device *dev, void *cpu_addr, size_t size,
	       enum dma_data_direction dir, bool coherent)
{
	dma_addr_t align = coherent ? SIM_DMA_COHERENT_ALIGN : SIM_DMA_ALIGN;
	dma_addr_t iova = ALIGN(dev->next_iova, align);
	u64 pfn, first = sim_dma_pfn(iova), last;
	struct sim_dma_map *m;
	int idx;

	if (!dev->maps || dev->nr_maps >= SIM_DMA_MAX_MAPS || size == 0)
		goto refuse;
	/* A live count below the maximum leaves a slot, fresh or freed. */
	idx = dev->free_map >= 0 ? dev->free_map : (int)dev->nr_slots;
	last = sim_dma_pfn(iova + size - 1) + 1;
	for (pfn = first; pfn < last; pfn++) {
		if (sim_dma_pte_add(dev, pfn, idx)) {
			sim_dma_unlink(dev, idx, first, pfn);
			goto refuse;
		}
	}
	if (idx == dev->free_map)
		dev->free_map = dev->maps[idx].next_free;
	else
		dev->nr_slots++;
	m = &dev->maps[idx];
	m->iova = iova;
	m->size = size;
	m->cpu_addr = cpu_addr;
	m->dir = dir;
	m->coherent = coherent;
	m->live = true;
	dev->nr_maps++;
	dev->next_iova = iova + size;
	dev->map_total++;
	return iova;
refuse:
	dev->map_errors++;
	return DMA_MAPPING_ERROR;
}

/* Unmap: the pages leave the page table, the slot goes on the free list. */
static void
sim_dma_remove(struct device *dev, int idx)
{
	struct sim_dma_map *m = &dev->maps[idx];

	sim_dma_unlink(dev, idx, sim_dma_pfn(m->iova), sim_dma_pfn(m->iova + m->size - 1) + 1);
	m->live = false;
	m->next_free = dev->free_map;
	dev->free_map = idx;
	dev->nr_maps--;
}

/**
 * dma_map_single - make @size bytes at @cpu_addr visible to the card
 * @dev: the bus device (the adapter's pdev)
 * @cpu_addr: the memory (for TX, skb->data)
 * @size: bytes
 * @dir: DMA_TO_DEVICE for TX buffers, DMA_FROM_DEVICE for RX buffers
 *
 * Returns the bus address to put in a descriptor, or DMA_MAPPING_ERROR
 * (check with dma_mapping_error()).  The memory stays owned by the
 * caller; it must not be freed before dma_unmap_single().
 */
dma_addr_t
dma_map_single(struct device *dev, void *cpu_addr, size_t size,
	       enum dma_data_direction dir)
{
	trace_dma_map_single(dev, size, dir);
	if (!cpu_addr) {
		dev->map_errors++;
		return DMA_MAPPING_ERROR;
	}
	return sim_dma_insert(dev, cpu_addr, size, dir, false);
}

/*
 * sim_dma_unmap - drop the streaming mapping at @addr.  Unmapping an
 * unknown address is a driver bug: noted, ignored.
 * NOTE: what dma_unmap_single and dma_unmap_page have in common (in 3.10
 * the dma_map_ops' unmap_page serves both).
 */
static void
sim_dma_unmap(struct device *dev, dma_addr_t addr)
{
	int idx = sim_dma_find(dev, addr);

	if (idx < 0 || dev->maps[idx].iova != addr || dev->maps[idx].coherent) {
		trace_dma_bad_iova(dev, "bad_unmap", addr);
		return;
	}
	sim_dma_remove(dev, idx);
}

/**
 * dma_unmap_single - take a streaming mapping away from the card
 * @addr: what dma_map_single() returned; @size and @dir as mapped
 *
 * After this the card can no longer reach the memory; the caller may
 * free it.
 */
void
dma_unmap_single(struct device *dev, dma_addr_t addr, size_t size,
		 enum dma_data_direction dir)
{
	trace_dma_unmap_single(dev, addr, size);
	(void)dir;
	sim_dma_unmap(dev, addr);
}

/**
 * dma_map_page - dma_map_single for @size bytes at @offset in @page (a
 * page frag of an skb; skb_frag_dma_map calls it)
 *
 * Returns the bus address or DMA_MAPPING_ERROR.
 * KERNEL: 3.10 pages may sit outside the kernel's address map (highmem);
 * netstep's never do, so the page is mapped by its address.
 */
dma_addr_t
dma_map_page(struct device *dev, struct page *page, size_t offset, size_t size,
	     enum dma_data_direction dir)
{
	trace_dma_map_page(dev, size, dir);
	return sim_dma_insert(dev, (u8 *)page_address(page) + offset, size, dir, false);
}

/**
 * dma_unmap_page - take back what dma_map_page() mapped
 */
void
dma_unmap_page(struct device *dev, dma_addr_t addr, size_t size,
	       enum dma_data_direction dir)
{
	trace_dma_unmap_page(dev, addr, size);
	(void)dir;
	sim_dma_unmap(dev, addr);
}

/**
 * dma_alloc_coherent - memory both the CPU and the card may access
 * @size: bytes (igb rounds rings up to 4096)
 * @dma_handle: gets the bus address
 *
 * Returns the CPU address (zeroed) or NULL.  Descriptor rings live here.
 */
void *
dma_alloc_coherent(struct device *dev, size_t size, dma_addr_t *dma_handle)
{
	void *cpu;
	dma_addr_t iova;

	trace_dma_alloc_coherent(dev, size);
	cpu = calloc(1, size);
	if (!cpu)
		return NULL;
	iova = sim_dma_insert(dev, cpu, size, DMA_BIDIRECTIONAL, true);
	if (iova == DMA_MAPPING_ERROR) {
		free(cpu);
		return NULL;
	}
	*dma_handle = iova;
	return cpu;
}

/* dma_free_coherent - give back a dma_alloc_coherent() region. */
void
dma_free_coherent(struct device *dev, size_t size, void *cpu_addr, dma_addr_t dma_handle)
{
	int idx;

	trace_dma_free_coherent(dev, dma_handle, size);
	idx = sim_dma_find(dev, dma_handle);
	if (idx < 0 || dev->maps[idx].cpu_addr != cpu_addr || !dev->maps[idx].coherent) {
		trace_dma_bad_iova(dev, "bad_free", dma_handle);
		return;
	}
	sim_dma_remove(dev, idx);
	free(cpu_addr);
}

/*
 * The bus side: translate [iova, iova+len) to memory, or refuse.  The
 * whole range must sit in one mapping, and the mapping must allow the
 * direction (a card may not write into a TX buffer).
 */
static void *
sim_dma_translate(struct device *dev, dma_addr_t iova, size_t len, bool write)
{
	const struct sim_dma_map *m;
	int idx;

	if (len == 0)
		return NULL;
	idx = sim_dma_find(dev, iova);
	if (idx < 0)
		goto fault;
	m = &dev->maps[idx];
	if (iova + len < iova || iova + len > m->iova + m->size)
		goto fault;
	if (write && m->dir == DMA_TO_DEVICE)
		goto fault;
	if (!write && m->dir == DMA_FROM_DEVICE)
		goto fault;
	return (char *)m->cpu_addr + (iova - m->iova);
fault:
	dev->faults++;
	dev->last_fault = iova;
	trace_dma_fault(dev, iova, len, write);
	return NULL;
}

int
sim_dma_read(struct device *dev, dma_addr_t iova, void *buf, size_t len)
{
	void *src = sim_dma_translate(dev, iova, len, false);

	if (!src)
		return -EFAULT;
	memcpy(buf, src, len);
	return 0;
}

int
sim_dma_write(struct device *dev, dma_addr_t iova, const void *buf, size_t len)
{
	void *dst = sim_dma_translate(dev, iova, len, true);

	if (!dst)
		return -EFAULT;
	memcpy(dst, buf, len);
	return 0;
}
