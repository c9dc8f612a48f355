/*
 * nic/dma.c - the modelled IOMMU: DMA mappings of one bus device.
 *
 * Mirrors the API of include/linux/dma-mapping.h (Linux 3.10); the
 * bodies are netstep's own, since the kernel's come from the platform
 * (swiotlb, intel-iommu).  Read nic/dma.h first; read nic/igb_main.c
 * (the driver that maps) and nic/sim_82576.c (the card that reads and
 * writes through sim_dma_read/sim_dma_write) next.
 *
 * The mapping table is kept sorted by IOVA.  Because the allocator only
 * ever moves up, a new mapping is always appended at the end, and a
 * lookup is a binary search.  Unmapping removes the entry; the address
 * range is never handed out again.
 *
 * KERNEL: no IOMMU page tables, no bounce buffers, no sync calls, no
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
	dev->maps = calloc(SIM_DMA_MAX_MAPS, sizeof(*dev->maps));
	return dev->maps ? 0 : -ENOMEM;
}

void
sim_device_destroy(struct device *dev)
{
	/* A coherent region still mapped is the driver's leak; free it so
	 * the process stays clean, the count already told the tests. */
	for (unsigned int i = 0; i < dev->nr_maps; i++)
		if (dev->maps[i].coherent && !dev->maps[i].dead)
			free(dev->maps[i].cpu_addr);
	free(dev->maps);
	dev->maps = NULL;
	dev->nr_maps = 0;
	dev->nr_dead = 0;
}

/* Index of the live mapping that contains @iova, or -1. */
static int
sim_dma_find(const struct device *dev, dma_addr_t iova)
{
	int lo = 0, hi = (int)dev->nr_maps - 1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		const struct sim_dma_map *m = &dev->maps[mid];

		if (iova < m->iova)
			hi = mid - 1;
		else if (iova >= m->iova + m->size)
			lo = mid + 1;
		else
			return m->dead ? -1 : mid;
	}
	return -1;
}

/* Squeeze the unmapped slots out, keeping the order by IOVA. */
static void
sim_dma_compact(struct device *dev)
{
	unsigned int j = 0;

	for (unsigned int i = 0; i < dev->nr_maps; i++)
		if (!dev->maps[i].dead)
			dev->maps[j++] = dev->maps[i];
	dev->nr_maps = j;
	dev->nr_dead = 0;
}

static dma_addr_t
sim_dma_insert(struct device *dev, void *cpu_addr, size_t size,
	       enum dma_data_direction dir, bool coherent)
{
	dma_addr_t align = coherent ? SIM_DMA_COHERENT_ALIGN : SIM_DMA_ALIGN;
	struct sim_dma_map *m;

	if (dev->maps && dev->nr_maps == SIM_DMA_MAX_MAPS && dev->nr_dead)
		sim_dma_compact(dev);
	if (!dev->maps || dev->nr_maps >= SIM_DMA_MAX_MAPS || size == 0) {
		dev->map_errors++;
		return DMA_MAPPING_ERROR;
	}
	m = &dev->maps[dev->nr_maps++];
	m->iova = ALIGN(dev->next_iova, align);
	m->size = size;
	m->cpu_addr = cpu_addr;
	m->dir = dir;
	m->coherent = coherent;
	m->dead = false;
	dev->next_iova = m->iova + size;
	dev->map_total++;
	return m->iova;
}

/*
 * Unmapping marks the slot dead instead of moving the rest of the table
 * down: a driver unmaps a whole ring in IOVA order at close, and moving
 * the table each time would make that quadratic.  Dead slots at the end
 * are dropped at once; the rest go when they are half the table.
 */
static void
sim_dma_remove(struct device *dev, int idx)
{
	dev->maps[idx].dead = true;
	dev->nr_dead++;
	while (dev->nr_maps && dev->maps[dev->nr_maps - 1].dead) {
		dev->nr_maps--;
		dev->nr_dead--;
	}
	if (dev->nr_dead > 64 && 2 * dev->nr_dead > dev->nr_maps)
		sim_dma_compact(dev);
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
