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
 * Two reference counts, as in the kernel:
 *  - skb->users counts references to this sk_buff header;
 *  - skb_shinfo(skb)->dataref counts sk_buff headers sharing the data
 *    buffer.  skb_clone() makes a second header over the same data
 *    (dataref 2); the data is freed when the last header goes.
 *
 * netstep additions (not in the kernel): every skb has a stable id
 * (skb#7) and a made-up display address derived from it, so traces are
 * identical run after run, and every live skb sits on its host's
 * engine ledger, so a test can fail on any leak.  The ledger also
 * answers "is this header still alive?" at once, and each data buffer
 * lists the headers that share it, so a reader (the UI) never walks
 * every live skb: with 4096-slot RX rings there are tens of thousands.
 *
 * KERNEL: linear skbs only (no page frags, data_len is always 0), no
 * fclone slab pairs (skb_clone allocates a new header; the fclone flag
 * is kept for display), no truesize accounting against socket memory.
 */
#ifndef NETSTEP_LAYERS_SKBUFF_H
#define NETSTEP_LAYERS_SKBUFF_H

#include "kernel/types.h"

struct net;
struct sock;
struct net_device;
struct dst_entry;

/* Lives at skb->end, shared by every clone. */
struct skb_shared_info {
	u8 nr_frags;			/* always 0: linear data only */
	u8 tx_flags;			/* SKBTX_*, unused */
	u16 gso_size;			/* 0: no GSO */
	u16 gso_segs;
	int dataref;			/* headers sharing this data */
	struct list_head sim_sharers;	/* netstep: those headers (skb->sim_share) */
	/* KERNEL: frags[], frag_list, hwtstamps, destructor_arg left out. */
};

#define SKB_DATAREF_SHIFT 16
#define SKB_DATAREF_MASK ((1 << SKB_DATAREF_SHIFT) - 1)

enum { SKB_FCLONE_UNAVAILABLE, SKB_FCLONE_ORIG, SKB_FCLONE_CLONE };
enum { CHECKSUM_NONE, CHECKSUM_UNNECESSARY, CHECKSUM_COMPLETE, CHECKSUM_PARTIAL };
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
	unsigned int len;		/* bytes from data to tail */
	unsigned int data_len;		/* paged bytes: always 0 here */
	u16 mac_len;			/* Ethernet header length */
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

/* Every live skb in a world; a test fails if it is not empty at the end. */
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
};

void sim_skb_ledger_init(struct skb_ledger *l);
/* Is @skb a live header of @l?  @skb may point at freed memory: it is
 * only compared, never read. */
bool sim_skb_ledger_holds(const struct skb_ledger *l, const struct sk_buff *skb);
/* Number of skbs still alive; prints each to @f (if not NULL). */
unsigned long sim_skb_ledger_live(const struct skb_ledger *l, void *f);
/* Display address: a fake kernel pointer derived from the id. */
unsigned long sim_skb_display_addr(const struct sk_buff *skb);

/* KERNEL: alloc_skb(size, gfp_mask); netstep passes the owning host
 * instead of GFP flags: there is one allocation context, and the host
 * leads to the engine's ledger. */
struct sk_buff *alloc_skb(struct net *net, unsigned int size);
struct sk_buff *netdev_alloc_skb(struct net_device *dev, unsigned int length);
struct sk_buff *skb_clone(struct sk_buff *skb);
struct sk_buff *skb_copy(const struct sk_buff *skb);
/* The metadata a copy inherits (device, protocol, priority, pkt_type,
 * local_df, cb); no data, offsets or route.  See layers/skbuff.c. */
void __copy_skb_header(struct sk_buff *new, const struct sk_buff *old);
struct sk_buff *skb_get(struct sk_buff *skb);
void kfree_skb(struct sk_buff *skb);		/* a drop */
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
void skb_trim(struct sk_buff *skb, unsigned int len);
int skb_pad(struct sk_buff *skb, int pad);
int skb_copy_bits(const struct sk_buff *skb, int offset, void *to, int len);

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
static inline bool skb_cloned(const struct sk_buff *skb)
{
	return skb->cloned && (skb_shinfo(skb)->dataref & SKB_DATAREF_MASK) != 1;
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
static inline __sum16 csum_tcpudp_magic(__be32 saddr, __be32 daddr, unsigned short len,
					unsigned short proto, __wsum sum)
{
	return csum_fold(csum_tcpudp_nofold(saddr, daddr, len, proto, sum));
}

#endif
