/*
 * layers/skbuff.h - struct sk_buff, the packet as every layer sees it.
 *
 * Mirrors include/linux/skbuff.h and net/core/skbuff.c (Linux 3.10).
 * Read it before anything else in layers/: every function there takes
 * or gives an skb, and its kernel-doc says who owns it afterwards.
 *
 * The buffer: head ... data ... tail ... end, then struct
 * skb_shared_info.  skb_reserve() makes headroom on an empty skb,
 * skb_put() appends at the tail, skb_push() prepends a header (TCP, IP,
 * Ethernet in turn), skb_pull() strips one on receive.
 *
 * The data need not all be there: skb->len counts every byte of the
 * packet, skb_headlen() only the linear part between data and tail.
 * The other skb->data_len bytes follow, in order, in the page frags of
 * skb_shared_info (skb_frag_t: a page, an offset and a size; TCP's
 * payload with scatter-gather) and then in the skbs of its frag_list
 * (the MTU-sized pieces ip_append_data chains for ip_fragment).  Code
 * that reads bytes it cannot be sure are linear uses skb_copy_bits(),
 * skb_header_pointer() or pskb_may_pull() / skb_linearize().
 *
 * Two reference counts, as in the kernel:
 *  - skb->users counts references to this sk_buff header;
 *  - skb_shinfo(skb)->dataref counts sk_buff headers sharing the data
 *    buffer, and with it the shared info: its frags and frag_list.
 *    skb_clone() makes a second header over the same data (dataref 2);
 *    the data is freed when the last header goes, and only then are the
 *    frags' page references dropped and the frag_list freed.
 *
 * netstep additions (not in the kernel): every skb has a stable id
 * (skb#7) and a made-up display address derived from it, so traces are
 * identical run after run, and every live skb sits on its host's
 * engine ledger, so a test can fail on any leak.  The ledger also
 * answers "is this header still alive?" at once, and each data buffer
 * lists the headers that share it, so a reader (the UI) never walks
 * every live skb: with 4096-slot RX rings there are tens of thousands.
 *
 * Headers come from the host's skbuff_head_cache and data from kmalloc
 * (kernel/slab.h), as in the kernel.
 *
 * KERNEL: no fclone slab pairs (skb_clone takes a new header from
 * skbuff_head_cache; the fclone flag is kept for display), no
 * SKBTX_SHARED_FRAG (no sendpage or splice: every frag is the stack's
 * own copy).  netstep's sk_buff and skb_shared_info are not 3.10's, but
 * truesize, which sockets are charged (sk_wmem_alloc, sk_rmem_alloc,
 * sk_wmem_queued), is computed with 3.10's sizes, so buffers fill as on
 * a 3.10 box.
 */
#ifndef NETSTEP_LAYERS_SKBUFF_H
#define NETSTEP_LAYERS_SKBUFF_H

#include "kernel/types.h"
#include "kernel/mm.h"
#include "layers/netdev_features.h"

struct net;
struct sock;
struct net_device;
struct dst_entry;

/* One piece of paged data: @size bytes at @page_offset in @page.p,
 * which it holds a reference on. */
typedef struct skb_frag_struct skb_frag_t;
struct skb_frag_struct {
	struct {
		struct page *p;
	} page;
	u32 page_offset;
	u32 size;
};

/* 64 KiB of data in 4 KiB pages, plus one for an unaligned start. */
#define MAX_SKB_FRAGS	(65536 / PAGE_SIZE + 1)

/* Lives at skb->end, shared by every clone. */
struct skb_shared_info {
	u8 nr_frags;			/* frags[] in use */
	u16 gso_size;			/* payload per segment, 0: not GSO */
	u16 gso_segs;			/* segments it stands for (0: to compute) */
	u16 gso_type;			/* SKB_GSO_TCPV4 ... */
	struct sk_buff *frag_list;	/* more data, in whole skbs */
	int dataref;			/* headers sharing this data */
	skb_frag_t frags[MAX_SKB_FRAGS];	/* the paged data, in order */
	struct list_head sim_sharers;	/* netstep: those headers (skb->sim_share) */
	/* KERNEL: tx_flags, hwtstamps, ip6_frag_id, destructor_arg left out. */
};

/*
 * What an skb costs, as include/linux/skbuff.h computes it, with the
 * sizes of 3.10's structs on x86-64 (netstep's own differ): struct
 * sk_buff is 232 bytes, struct skb_shared_info 320 (48, then 17 frags of
 * 16).  SKB_TRUESIZE(X): X bytes of head data, the sk_buff and the
 * shared info, each rounded up to a cache line.
 */
#define SMP_CACHE_BYTES		64
#define SIM_SKB_HEAD_SIZE	232	/* sizeof(struct sk_buff), 3.10 x86-64 */
#define SIM_SKB_SHINFO_SIZE	320	/* sizeof(struct skb_shared_info) */
#define SKB_DATA_ALIGN(X)	ALIGN((X), SMP_CACHE_BYTES)
#define SKB_WITH_OVERHEAD(X)	((X) - SKB_DATA_ALIGN(SIM_SKB_SHINFO_SIZE))
#define SKB_TRUESIZE(X)		((X) + SKB_DATA_ALIGN(SIM_SKB_HEAD_SIZE) + \
				 SKB_DATA_ALIGN(SIM_SKB_SHINFO_SIZE))

/* skb_shinfo(skb)->gso_type: which segmentation the skb asks for. */
enum {
	SKB_GSO_TCPV4 = 1 << 0,
	SKB_GSO_UDP = 1 << 1,
	SKB_GSO_DODGY = 1 << 2,		/* from an untrusted source */
	SKB_GSO_TCP_ECN = 1 << 3,
	SKB_GSO_TCPV6 = 1 << 4,
};

#define SKB_DATAREF_SHIFT 16
#define SKB_DATAREF_MASK ((1 << SKB_DATAREF_SHIFT) - 1)

enum { SKB_FCLONE_UNAVAILABLE, SKB_FCLONE_ORIG, SKB_FCLONE_CLONE };
enum { CHECKSUM_NONE, CHECKSUM_UNNECESSARY, CHECKSUM_COMPLETE, CHECKSUM_PARTIAL };
/* "CHECKSUM_PARTIAL" ...: how the trace names skb->ip_summed. */
static inline const char *
sim_skb_summed_name(u32 v)
{
	static const char *const n[] = { "CHECKSUM_NONE", "CHECKSUM_UNNECESSARY",
					 "CHECKSUM_COMPLETE", "CHECKSUM_PARTIAL" };

	return v < 4 ? n[v] : NULL;
}
/* skb->pkt_type, include/uapi/linux/if_packet.h */
enum { PACKET_HOST, PACKET_BROADCAST, PACKET_MULTICAST, PACKET_OTHERHOST, PACKET_OUTGOING };

#define SKB_DST_NOREF	1UL
#define SKB_DST_PTRMASK	~(SKB_DST_NOREF)

struct sk_buff {
	struct sk_buff *next;		/* list linkage: queues, fragments */
	struct sk_buff *prev;
	struct sock *sk;		/* owning socket, NULL after clone */
	struct net_device *dev;		/* in: arrived on; out: leaves by */
	char cb[48] __attribute__((aligned(8)));	/* per-layer scratch */
	unsigned long _skb_refdst;	/* dst pointer, bit 0 = no ref held */
	unsigned int len;		/* bytes of the packet, linear and paged */
	unsigned int data_len;		/* of which in frags and frag_list */
	u16 mac_len;			/* Ethernet header length */
	u16 hdr_len;			/* clone: headroom it may write (nohdr) */
	union {
		__wsum csum;		/* CHECKSUM_NONE/COMPLETE: sum of the data */
		struct {
			u16 csum_start;	/* CHECKSUM_PARTIAL: sum from head + this */
			u16 csum_offset;	/* ... stored this far after it */
		};
	};
	u32 priority;			/* selects the pfifo_fast band */
	u8 cloned:1;			/* data is (or was) shared */
	u8 nohdr:1;			/* payload-only reference */
	u8 fclone:2;			/* SKB_FCLONE_*, display only */
	u8 pkt_type:3;			/* PACKET_HOST, _BROADCAST, ... */
	u8 local_df:1;			/* may fragment despite DF */
	u8 ip_summed:2;			/* CHECKSUM_* */
	u8 ooo_okay:1;			/* XPS may switch queue */
	__be16 protocol;		/* ETH_P_IP, ETH_P_ARP (net order) */
	u16 queue_mapping;		/* TX queue from netdev_pick_tx */
	u16 transport_header;		/* offsets from head, ~0 = unset */
	u16 network_header;
	u16 mac_header;
	void (*destructor)(struct sk_buff *skb);	/* run when freed */
	unsigned int tail;		/* offset of tail from head */
	unsigned int end;		/* offset of shinfo from head */
	unsigned char *head;		/* start of the buffer */
	unsigned char *data;		/* start of the current data */
	unsigned int truesize;		/* memory charged for this skb */
	int users;			/* references to this header */
	unsigned int reserved_tailroom;	/* tail room skb_availroom hides (TCP) */

	/* netstep only: */
	u32 id;				/* stable id, shown as skb#id */
	u32 data_id;			/* id of the skb that allocated the data */
	struct net *host;		/* whose ledger holds it */
	struct list_head ledger_node;	/* on the engine ledger */
	struct sk_buff *ledger_hnext;	/* next in its ledger hash bucket */
	struct list_head sim_share;	/* on shinfo->sim_sharers while it has data */
	/* KERNEL: tstamp, mark, hash, vlan, nf state, secmark, inner_* omitted. */
};

#define SKB_HEADER_UNSET 0xFFFF

/* Every live skb and page in a world; a test fails if it is not empty
 * at the end. */
struct skb_ledger {
	struct list_head live;		/* all allocated sk_buff headers */
	unsigned long allocated;	/* headers ever allocated */
	unsigned long freed;		/* headers freed */
	unsigned long data_allocated;	/* data buffers ever allocated */
	unsigned long data_freed;	/* data buffers freed */
	u32 next_id;			/* id for the next skb */
	struct sk_buff **hash;		/* the live headers by address; allocated
					 * with the first, freed with the last */
	unsigned int hash_size;		/* buckets, a power of two */
	struct list_head pages;		/* every live struct page (kernel/mm.h) */
	unsigned long pages_allocated;	/* pages ever allocated */
	unsigned long pages_freed;	/* pages freed */
	u32 next_page_id;		/* id for the next page */
	unsigned long slab_leaked;	/* objects a host's caches still had at its end */
};

void sim_skb_ledger_init(struct skb_ledger *l);
/* Is @skb a live header of @l?  @skb may point at freed memory: it is
 * only compared, never read. */
bool sim_skb_ledger_holds(const struct skb_ledger *l, const struct sk_buff *skb);
/* Number of skbs and pages still alive, and of slab objects the hosts'
 * caches kept besides those skbs'; prints each to @f (if not NULL). */
unsigned long sim_skb_ledger_live(const struct skb_ledger *l, void *f);
/* Display address: a fake kernel pointer derived from the id. */
unsigned long sim_skb_display_addr(const struct sk_buff *skb);

/* KERNEL: alloc_skb(size, gfp_mask); netstep passes the owning host
 * instead of GFP flags: there is one allocation context, and the host
 * leads to the engine's ledger. */
struct sk_buff *alloc_skb(struct net *net, unsigned int size);
int skb_init(struct net *net);	/* the host's skbuff_head_cache */
struct sk_buff *netdev_alloc_skb(struct net_device *dev, unsigned int length);
struct sk_buff *skb_clone(struct sk_buff *skb);
struct sk_buff *pskb_copy(struct sk_buff *skb);	/* own head, frags shared */
int pskb_expand_head(struct sk_buff *skb, int nhead, int ntail);
/* The metadata a copy inherits (device, protocol, priority, pkt_type,
 * local_df, cb); no data, offsets or route.  See layers/skbuff.c. */
void __copy_skb_header(struct sk_buff *new, const struct sk_buff *old);
struct sk_buff *skb_get(struct sk_buff *skb);
void kfree_skb(struct sk_buff *skb);		/* a drop */
/* Free @skb, its last reference gone, with no tracepoint: GRO's end of
 * an skb whose data moved into another (napi_skb_finish). */
void __kfree_skb(struct sk_buff *skb);
void consume_skb(struct sk_buff *skb);		/* normal end of life */
#define dev_kfree_skb(a)	consume_skb(a)
void kfree_skb_list(struct sk_buff *segs);
/* What skb_release_data did with the data (its skb_data_release note). */
enum sim_skb_data_fate {
	SIM_SKB_DATA_FREED,		/* the last header let go of it */
	SIM_SKB_DATA_KEPT,		/* another header still points at it */
};
const char *sim_skb_data_fate_name(u32 fate);

unsigned char *skb_put(struct sk_buff *skb, unsigned int len);
unsigned char *skb_push(struct sk_buff *skb, unsigned int len);
unsigned char *skb_pull(struct sk_buff *skb, unsigned int len);
void skb_reserve(struct sk_buff *skb, int len);
/* The headroom netdev_alloc_skb leaves: max(32, L1_CACHE_BYTES). */
#define NET_SKB_PAD		64
/* The header alignment a driver adds before the IP header:
 * arch/x86/include/asm/processor.h sets it to 0 (unaligned access is
 * cheap there); the generic default is 2. */
#define NET_IP_ALIGN		0
/* netdev_alloc_skb, then NET_IP_ALIGN more headroom (igb's RX skbs). */
static inline struct sk_buff *netdev_alloc_skb_ip_align(struct net_device *dev,
							unsigned int length)
{
	struct sk_buff *skb = netdev_alloc_skb(dev, length + NET_IP_ALIGN);

	if (skb)
		skb_reserve(skb, NET_IP_ALIGN);
	return skb;
}
void skb_trim(struct sk_buff *skb, unsigned int len);
int skb_pad(struct sk_buff *skb, int pad);
int skb_copy_bits(const struct sk_buff *skb, int offset, void *to, int len);
/* The walk skb_copy_bits and skb_checksum share (layers/skbuff.c). */
int sim_skb_walk(const struct sk_buff *skb, int offset, int len, int base,
		 int (*visit)(const u8 *from, int len, int pos, void *arg), void *arg);
/* layers/datagram.c: @size bytes from @offset into the user's iovecs. */
int skb_copy_datagram_iovec(const struct sk_buff *from, int offset, struct iovec *to,
			    int size);
void skb_add_rx_frag(struct sk_buff *skb, int i, struct page *page, int off, int size,
		     unsigned int truesize);
int ___pskb_trim(struct sk_buff *skb, unsigned int len);
struct sk_buff *skb_realloc_headroom(struct sk_buff *skb, unsigned int headroom);
void sim_skb_frags_eat(struct sk_buff *skb, int eat);
unsigned char *__pskb_pull_tail(struct sk_buff *skb, int delta);
void skb_split(struct sk_buff *skb, struct sk_buff *skb1, const u32 len);
int skb_shift(struct sk_buff *tgt, struct sk_buff *skb, int shiftlen);
struct sk_buff *skb_segment(struct sk_buff *skb, netdev_features_t features);
__wsum skb_checksum(const struct sk_buff *skb, int offset, int len, __wsum csum);
__wsum skb_copy_and_csum_bits(const struct sk_buff *skb, int offset, u8 *to, int len,
			      __wsum csum);

static inline struct skb_shared_info *skb_shinfo(const struct sk_buff *skb)
{
	return (struct skb_shared_info *)(skb->head + skb->end);
}
static inline unsigned char *skb_tail_pointer(const struct sk_buff *skb)
{
	return skb->head + skb->tail;
}
static inline unsigned char *skb_end_pointer(const struct sk_buff *skb)
{
	return skb->head + skb->end;
}
static inline unsigned int skb_headroom(const struct sk_buff *skb)
{
	return skb->data - skb->head;
}
static inline int skb_tailroom(const struct sk_buff *skb)
{
	return skb->data_len ? 0 : (int)(skb->end - skb->tail);
}
/* What a writer may still append: the tail room minus what the owner
 * reserved (sk_stream_alloc_skb reserves all but one MSS). */
static inline int skb_availroom(const struct sk_buff *skb)
{
	return skb->data_len ? 0 : (int)(skb->end - skb->tail - skb->reserved_tailroom);
}
static inline unsigned int skb_headlen(const struct sk_buff *skb)
{
	return skb->len - skb->data_len;
}
static inline bool skb_is_nonlinear(const struct sk_buff *skb)
{
	return skb->data_len;
}
static inline bool skb_cloned(const struct sk_buff *skb)
{
	return skb->cloned && (skb_shinfo(skb)->dataref & SKB_DATAREF_MASK) != 1;
}
/* Is the header part shared with a header that did not promise to keep
 * off it (skb_header_release)? */
static inline bool skb_header_cloned(const struct sk_buff *skb)
{
	int dataref;

	if (!skb->cloned)
		return false;
	dataref = skb_shinfo(skb)->dataref;
	dataref = (dataref & SKB_DATAREF_MASK) - (dataref >> SKB_DATAREF_SHIFT);
	return dataref != 1;
}
/* May this clone write the first @len bytes of headroom + data without a
 * private copy?  Only the headroom the original left it (hdr_len). */
static inline bool skb_clone_writable(const struct sk_buff *skb, unsigned int len)
{
	return !skb_header_cloned(skb) && skb_headroom(skb) + len <= skb->hdr_len;
}
/* A private copy of the head if it is shared (the frags stay shared). */
static inline int skb_unclone(struct sk_buff *skb)
{
	return skb_cloned(skb) ? pskb_expand_head(skb, 0, 0) : 0;
}

/* ---- page frags, include/linux/skbuff.h ---- */

static inline struct page *skb_frag_page(const skb_frag_t *frag)
{
	return frag->page.p;
}
static inline unsigned int skb_frag_size(const skb_frag_t *frag)
{
	return frag->size;
}
static inline void skb_frag_size_set(skb_frag_t *frag, unsigned int size)
{
	frag->size = size;
}
static inline void skb_frag_size_add(skb_frag_t *frag, int delta)
{
	frag->size += delta;
}
static inline void skb_frag_size_sub(skb_frag_t *frag, int delta)
{
	frag->size -= delta;
}
static inline void *skb_frag_address(const skb_frag_t *frag)
{
	return (u8 *)page_address(skb_frag_page(frag)) + frag->page_offset;
}
static inline void __skb_frag_ref(skb_frag_t *frag)
{
	get_page(skb_frag_page(frag));
}
static inline void skb_frag_ref(struct sk_buff *skb, int f)
{
	__skb_frag_ref(&skb_shinfo(skb)->frags[f]);
}
static inline void __skb_frag_unref(skb_frag_t *frag)
{
	struct page *page = skb_frag_page(frag);

	/* netstep: the frag forgets its page first, so what watches
	 * put_page's events (the UI's skb pane) never reads a freed page. */
	frag->page.p = NULL;
	put_page(page);
}
static inline void skb_frag_unref(struct sk_buff *skb, int f)
{
	__skb_frag_unref(&skb_shinfo(skb)->frags[f]);
}
/* Point frag @i at @size bytes of @page (whose reference the caller gives). */
static inline void __skb_fill_page_desc(struct sk_buff *skb, int i, struct page *page,
					int off, int size)
{
	skb_frag_t *frag = &skb_shinfo(skb)->frags[i];

	frag->page.p = page;
	frag->page_offset = off;
	skb_frag_size_set(frag, size);
}
static inline void skb_fill_page_desc(struct sk_buff *skb, int i, struct page *page,
				      int off, int size)
{
	__skb_fill_page_desc(skb, i, page, off, size);
	skb_shinfo(skb)->nr_frags = i + 1;
}
/* Do @page at @off continue the last of @i frags, so it can just grow? */
static inline bool skb_can_coalesce(struct sk_buff *skb, int i, const struct page *page,
				    int off)
{
	if (i) {
		const skb_frag_t *frag = &skb_shinfo(skb)->frags[i - 1];

		return page == skb_frag_page(frag) &&
		       off == (int)(frag->page_offset + skb_frag_size(frag));
	}
	return false;
}
/* The linear part and the frags: all but the frag_list. */
static inline unsigned int skb_pagelen(const struct sk_buff *skb)
{
	unsigned int len = 0;

	for (int i = skb_shinfo(skb)->nr_frags - 1; i >= 0; i--)
		len += skb_frag_size(&skb_shinfo(skb)->frags[i]);
	return len + skb_headlen(skb);
}
static inline bool skb_has_frag_list(const struct sk_buff *skb)
{
	return skb_shinfo(skb)->frag_list != NULL;
}
#define skb_walk_frags(skb, iter)					\
	for (iter = skb_shinfo(skb)->frag_list; iter; iter = iter->next)
static inline bool skb_is_gso(const struct sk_buff *skb)
{
	return skb_shinfo(skb)->gso_size;
}
/* How long each segment of a GSO skb is, from its transport header on
 * (layers/skbuff.c), and from its network header on: what must fit the
 * MTU when the segments are made. */
unsigned int skb_gso_transport_seglen(const struct sk_buff *skb);
static inline unsigned int skb_gso_network_seglen(const struct sk_buff *skb)
{
	return (skb->transport_header - skb->network_header) + skb_gso_transport_seglen(skb);
}

/* Make the first @len bytes linear (pulling from frags and frag_list);
 * false if the skb is shorter or memory ran out. */
static inline bool pskb_may_pull(struct sk_buff *skb, unsigned int len)
{
	if (likely(len <= skb_headlen(skb)))
		return true;
	if (unlikely(len > skb->len))
		return false;
	return __pskb_pull_tail(skb, len - skb_headlen(skb)) != NULL;
}
/* Every byte linear: 0 or -ENOMEM. */
static inline int __skb_linearize(struct sk_buff *skb)
{
	return __pskb_pull_tail(skb, skb->data_len) ? 0 : -ENOMEM;
}
static inline int skb_linearize(struct sk_buff *skb)
{
	return skb_is_nonlinear(skb) ? __skb_linearize(skb) : 0;
}
/* Pull @len bytes off the front, making them linear first: the new
 * data pointer, or NULL if the skb is shorter or memory ran out. */
static inline unsigned char *pskb_pull(struct sk_buff *skb, unsigned int len)
{
	if (unlikely(len > skb->len))
		return NULL;
	if (len > skb_headlen(skb) && !__pskb_pull_tail(skb, len - skb_headlen(skb)))
		return NULL;
	return skb_pull(skb, len);
}
/* Cut the packet to @len bytes, wherever its end is: 0 or -ENOMEM. */
static inline int pskb_trim(struct sk_buff *skb, unsigned int len)
{
	if (len >= skb->len)
		return 0;
	if (!skb->data_len) {
		skb_trim(skb, len);
		return 0;
	}
	return ___pskb_trim(skb, len);
}
/* pskb_trim on receive; a CHECKSUM_COMPLETE sum would no longer cover
 * the packet, so it is forgotten. */
static inline int pskb_trim_rcsum(struct sk_buff *skb, unsigned int len)
{
	if (likely(len >= skb->len))
		return 0;
	if (skb->ip_summed == CHECKSUM_COMPLETE)
		skb->ip_summed = CHECKSUM_NONE;
	return pskb_trim(skb, len);
}
/* Was the checksum verified already (by the card, or by GRO)?
 * CHECKSUM_PARTIAL (a GRO'd skb) has the CHECKSUM_UNNECESSARY bit too. */
static inline bool skb_csum_unnecessary(const struct sk_buff *skb)
{
	return skb->ip_summed & CHECKSUM_UNNECESSARY;
}
/*
 * skb_cow - make the head ours to write, with at least @headroom bytes
 * in front: a private head (the frags stay shared) if it is cloned or
 * too small.  0 or -ENOMEM.  What a router does before it changes the
 * TTL of a packet somebody else (a tap) may still read.
 */
static inline int skb_cow(struct sk_buff *skb, unsigned int headroom)
{
	int delta = headroom > skb_headroom(skb) ? (int)(headroom - skb_headroom(skb)) : 0;

	if (delta || skb_cloned(skb))
		return pskb_expand_head(skb, ALIGN(delta, NET_SKB_PAD), 0);
	return 0;
}
/*
 * skb_header_pointer - @len bytes at @offset from skb->data: a pointer
 * into the skb when they are linear, else a copy in @buffer; NULL if the
 * skb is shorter.  How a reader looks at headers it cannot be sure are
 * linear.
 */
static inline void *skb_header_pointer(const struct sk_buff *skb, int offset, int len,
				       void *buffer)
{
	if (offset >= 0 && len >= 0 && (unsigned int)(offset + len) <= skb_headlen(skb))
		return skb->data + offset;
	if (skb_copy_bits(skb, offset, buffer, len) < 0)
		return NULL;
	return buffer;
}
static inline bool skb_shared(const struct sk_buff *skb)
{
	return skb->users != 1;
}
static inline void skb_header_release(struct sk_buff *skb)
{
	skb->nohdr = 1;
	skb_shinfo(skb)->dataref += 1 << SKB_DATAREF_SHIFT;
}

/* Header offsets, include/linux/skbuff.h */
static inline unsigned char *skb_network_header(const struct sk_buff *skb)
{
	return skb->head + skb->network_header;
}
static inline unsigned char *skb_transport_header(const struct sk_buff *skb)
{
	return skb->head + skb->transport_header;
}
static inline unsigned char *skb_mac_header(const struct sk_buff *skb)
{
	return skb->head + skb->mac_header;
}
static inline void skb_reset_network_header(struct sk_buff *skb)
{
	skb->network_header = skb->data - skb->head;
}
static inline void skb_reset_transport_header(struct sk_buff *skb)
{
	skb->transport_header = skb->data - skb->head;
}
static inline void skb_reset_mac_header(struct sk_buff *skb)
{
	skb->mac_header = skb->data - skb->head;
}
static inline void skb_set_transport_header(struct sk_buff *skb, int offset)
{
	skb->transport_header = skb->data - skb->head + offset;
}
static inline void skb_set_network_header(struct sk_buff *skb, int offset)
{
	skb->network_header = skb->data - skb->head + offset;
}
static inline void skb_reset_tail_pointer(struct sk_buff *skb)
{
	skb->tail = skb->data - skb->head;
}
static inline void skb_reset_mac_len(struct sk_buff *skb)
{
	skb->mac_len = skb->network_header - skb->mac_header;
}
static inline unsigned int skb_network_header_len(const struct sk_buff *skb)
{
	return skb->transport_header - skb->network_header;
}
/* CHECKSUM_PARTIAL: where the sum starts, counted from skb->data. */
static inline int skb_checksum_start_offset(const struct sk_buff *skb)
{
	return skb->csum_start - skb_headroom(skb);
}
static inline int skb_transport_offset(const struct sk_buff *skb)
{
	return skb_transport_header(skb) - skb->data;
}
static inline int skb_network_offset(const struct sk_buff *skb)
{
	return skb->network_header - (skb->data - skb->head);
}
static inline bool skb_transport_header_was_set(const struct sk_buff *skb)
{
	return skb->transport_header != SKB_HEADER_UNSET;
}

/* Route attached to the skb, include/linux/skbuff.h */
static inline struct dst_entry *skb_dst(const struct sk_buff *skb)
{
	return (struct dst_entry *)(skb->_skb_refdst & SKB_DST_PTRMASK);
}
/* 3.10's ip_queue_xmit: attach without taking a reference. */
static inline void skb_dst_set_noref(struct sk_buff *skb, struct dst_entry *dst)
{
	skb->_skb_refdst = (unsigned long)dst | SKB_DST_NOREF;
}
void skb_dst_set(struct sk_buff *skb, struct dst_entry *dst);	/* owns a ref */
/* skb_orphan: the skb leaves its socket (the destructor gives the
 * charge back) and belongs to nobody. */
static inline void skb_orphan(struct sk_buff *skb)
{
	if (skb->destructor)
		skb->destructor(skb);
	skb->destructor = NULL;
	skb->sk = NULL;
}
void skb_dst_force(struct sk_buff *skb);	/* turn noref into a ref */
void skb_dst_drop(struct sk_buff *skb);

/* A FIFO of skbs: qdisc bands, the ARP queue, socket queues. */
struct sk_buff_head {
	struct sk_buff *next;		/* must match sk_buff's first two */
	struct sk_buff *prev;
	u32 qlen;			/* skbs on the list */
};
void skb_queue_head_init(struct sk_buff_head *list);
void __skb_queue_tail(struct sk_buff_head *list, struct sk_buff *newsk);
void __skb_queue_head(struct sk_buff_head *list, struct sk_buff *newsk);
struct sk_buff *__skb_dequeue(struct sk_buff_head *list);
void __skb_unlink(struct sk_buff *skb, struct sk_buff_head *list);
void __skb_queue_purge(struct sk_buff_head *list);	/* kfree_skb each */
static inline struct sk_buff *skb_peek(const struct sk_buff_head *list)
{
	struct sk_buff *skb = list->next;

	return skb == (const struct sk_buff *)list ? NULL : skb;
}
static inline struct sk_buff *skb_peek_tail(const struct sk_buff_head *list)
{
	struct sk_buff *skb = list->prev;

	return skb == (const struct sk_buff *)list ? NULL : skb;
}
static inline u32 skb_queue_len(const struct sk_buff_head *list) { return list->qlen; }
static inline bool skb_queue_empty(const struct sk_buff_head *list)
{
	return list->next == (const struct sk_buff *)list;
}
#define skb_queue_walk(queue, skb)					\
	for (skb = (queue)->next; skb != (struct sk_buff *)(queue); skb = skb->next)

/* Checksums, include/net/checksum.h and lib/checksum.c */
__wsum csum_partial(const void *buff, int len, __wsum sum);
__sum16 csum_fold(__wsum sum);
__sum16 ip_fast_csum(const void *iph, unsigned int ihl);
__wsum csum_tcpudp_nofold(__be32 saddr, __be32 daddr, unsigned short len,
			  unsigned short proto, __wsum sum);
/* One's complement addition of two partial sums (include/net/checksum.h). */
static inline __wsum csum_add(__wsum csum, __wsum addend)
{
	u32 res = csum + addend;

	return res + (res < addend);
}
static inline __wsum csum_sub(__wsum csum, __wsum addend)
{
	return csum_add(csum, ~addend);
}
/*
 * The sum of a block that starts at byte @offset of what @csum covers:
 * a block at an odd offset has its bytes in the other halves of the
 * 16-bit words, so its own sum is byte-swapped first.
 */
static inline __wsum csum_block_add(__wsum csum, __wsum csum2, int offset)
{
	u32 sum = csum2;

	if (offset & 1)
		sum = ((sum & 0xFF00FF) << 8) + ((sum >> 8) & 0xFF00FF);
	return csum_add(csum, sum);
}
static inline __wsum csum_block_sub(__wsum csum, __wsum csum2, int offset)
{
	u32 sum = csum2;

	if (offset & 1)
		sum = ((sum & 0xFF00FF) << 8) + ((sum >> 8) & 0xFF00FF);
	return csum_sub(csum, sum);
}
/* A 16-bit field covered by the checksum *@sum changed from @from to @to:
 * patch the sum instead of summing again [RFC 1624 eqn. 3]. */
static inline void csum_replace2(__sum16 *sum, __be16 from, __be16 to)
{
	__wsum s = (u16)~ntohs(*sum);

	s = csum_add(s, (u16)~ntohs(from));
	s = csum_add(s, ntohs(to));
	*sum = csum_fold(s);
}
static inline __sum16 csum_tcpudp_magic(__be32 saddr, __be32 daddr, unsigned short len,
					unsigned short proto, __wsum sum)
{
	return csum_fold(csum_tcpudp_nofold(saddr, daddr, len, proto, sum));
}

#endif
