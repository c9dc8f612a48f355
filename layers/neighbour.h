/*
 * layers/neighbour.h - the neighbour table: which link-layer address
 * answers for a next-hop IP address, and the state machine (NUD,
 * "neighbour unreachability detection") that keeps that answer fresh.
 *
 * Mirrors include/net/neighbour.h, include/uapi/linux/neighbour.h and
 * the hh_cache of include/linux/netdevice.h (Linux 3.10).  The code is
 * in layers/neighbour.c (protocol-independent machinery) and
 * layers/arp.c (IPv4 over Ethernet: the constructor, solicit, receive).
 *
 * Read layers/ip_output.c (ip_finish_output2) first: it looks up or
 * creates the neighbour of the next hop and calls dst_neigh_output().
 * Read layers/dev.c (dev_queue_xmit) after: every frame built here
 * leaves through it.
 */
#ifndef NETSTEP_LAYERS_NEIGHBOUR_H
#define NETSTEP_LAYERS_NEIGHBOUR_H

#include "kernel/types.h"
#include "kernel/engine.h"
#include "layers/skbuff.h"
#include "layers/netdevice.h"

#include <stdio.h>

struct net;
struct dst_entry;

/* NUD states, include/uapi/linux/neighbour.h (one bit each). */
#define NUD_NONE	0x00	/* just created, nothing known */
#define NUD_INCOMPLETE	0x01	/* resolving: requests sent, packets queued */
#define NUD_REACHABLE	0x02	/* confirmed within reachable_time */
#define NUD_STALE	0x04	/* usable, unconfirmed: next use -> DELAY */
#define NUD_DELAY	0x08	/* used while stale: wait for a confirmation */
#define NUD_PROBE	0x10	/* unicast probes to the cached address */
#define NUD_FAILED	0x20	/* resolution failed */
#define NUD_NOARP	0x40	/* needs no resolution (broadcast, multicast) */
#define NUD_PERMANENT	0x80	/* static entry (ip neigh add ... permanent) */

/* Composite masks, include/net/neighbour.h */
#define NUD_IN_TIMER	(NUD_INCOMPLETE | NUD_REACHABLE | NUD_DELAY | NUD_PROBE)
#define NUD_VALID	(NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE | NUD_PROBE | \
			 NUD_STALE | NUD_DELAY)
#define NUD_CONNECTED	(NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE)

/* neigh_update() flags, include/net/neighbour.h */
#define NEIGH_UPDATE_F_OVERRIDE		0x00000001	/* replace a different lladdr */
#define NEIGH_UPDATE_F_WEAK_OVERRIDE	0x00000002	/* ... only by going STALE */
#define NEIGH_UPDATE_F_OVERRIDE_ISROUTER 0x00000004	/* IPv6 only, kept for the name */
#define NEIGH_UPDATE_F_ISROUTER		0x40000000
#define NEIGH_UPDATE_F_ADMIN		0x80000000	/* from `ip neigh`: may touch PERMANENT */

/* The cached link-layer header, include/linux/netdevice.h (hh_cache). */
#define HH_DATA_MOD	16
#define HH_DATA_OFF(__len)	(HH_DATA_MOD - (((__len) - 1) & (HH_DATA_MOD - 1)) - 1)
#define HH_DATA_ALIGN(__len)	(((__len) + (HH_DATA_MOD - 1)) & ~(HH_DATA_MOD - 1))
/* LL_RESERVED_SPACE: headroom a frame for @dev needs (16 for Ethernet). */
#define LL_RESERVED_SPACE(dev)	((((dev)->hard_header_len) & ~(HH_DATA_MOD - 1)) + HH_DATA_MOD)

struct hh_cache {
	u16 hh_len;			/* 0: not built yet; ETH_HLEN once built */
	/* The header sits right-aligned in a 16-byte slot, so copying the
	 * whole slot in front of skb->data lands it exactly before the IP
	 * header (HH_DATA_OFF gives the 2 pad bytes for Ethernet). */
	u8 hh_data[HH_DATA_MOD];
	/* KERNEL: hh_lock (a seqlock) left out: one thread, no torn reads. */
};

/* Tunables of one table, include/net/neighbour.h (struct neigh_parms).
 * All times in jiffies (HZ = 1000, so milliseconds). */
struct neigh_parms {
	unsigned long base_reachable_time;	/* 30 s: mean of reachable_time */
	unsigned long reachable_time;	/* randomised: base/2 .. 3*base/2 */
	unsigned long retrans_time;	/* 1 s between probes */
	unsigned long delay_probe_time;	/* 5 s in DELAY before probing */
	unsigned long gc_staletime;	/* 60 s: STALE entries may be collected */
	unsigned int queue_len_bytes;	/* 64 KiB of truesize on arp_queue */
	int ucast_probes;		/* 3 unicast probes (PROBE state) */
	int app_probes;			/* 0: no user-space resolver (arpd) */
	int mcast_probes;		/* 3 broadcast probes (INCOMPLETE) */
	unsigned long locktime;		/* 1 s: first reply wins within it */
	unsigned long last_rand;	/* jiffies reachable_time was drawn */
	/* KERNEL: per-device copies (in_dev->arp_parms), anycast_delay,
	 * proxy_delay, proxy_qlen, refcnt and the sysctl table left out. */
};

struct neighbour;

/* Per-protocol operations, include/net/neighbour.h (arp_hh_ops ...). */
struct neigh_ops {
	int family;			/* AF_INET */
	void (*solicit)(struct neighbour *neigh, struct sk_buff *skb);	/* send a probe */
	void (*error_report)(struct neighbour *neigh, struct sk_buff *skb);	/* consumes skb */
	int (*output)(struct neighbour *neigh, struct sk_buff *skb);	/* while unconfirmed */
	int (*connected_output)(struct neighbour *neigh, struct sk_buff *skb);	/* confirmed */
};

/* One remembered state change, for the UI's history of an entry. */
struct neigh_transition {
	ktime_t when;			/* virtual time of the change */
	u8 from;			/* NUD_* before */
	u8 to;				/* NUD_* after */
};
#define NEIGH_HISTORY_LEN	8

/* One entry of the cache, include/net/neighbour.h (struct neighbour). */
struct neighbour {
	struct neighbour *next;		/* hash chain in the table */
	struct list_head all;		/* netstep: creation order, for show */
	struct neigh_table *tbl;	/* table it lives in */
	struct neigh_parms *parms;	/* timers and limits */
	unsigned long confirmed;	/* jiffies of the last reachability proof */
	unsigned long updated;		/* jiffies of the last state/lladdr change */
	unsigned long used;		/* jiffies of the last packet sent through it */
	struct timer_list timer;	/* drives INCOMPLETE/REACHABLE/DELAY/PROBE */
	int refcnt;			/* table's ref + timer's ref + callers' */
	struct sk_buff_head arp_queue;	/* packets waiting for resolution */
	unsigned int arp_queue_len_bytes;	/* sum of their truesize */
	int probes;			/* probes sent in this round */
	u8 flags;			/* NTF_* (unused) */
	u8 nud_state;			/* NUD_* */
	u8 type;			/* RTN_UNICAST / RTN_BROADCAST / ... */
	u8 dead;			/* unlinked from the table, waiting for refcnt 0 */
	unsigned char ha[ETH_ALEN];	/* the link-layer address, once known */
	struct hh_cache hh;		/* prebuilt Ethernet header */
	int (*output)(struct neighbour *neigh, struct sk_buff *skb);	/* ops->output or connected_output */
	const struct neigh_ops *ops;	/* arp_hh_ops ... */
	struct net_device *dev;		/* device the neighbour sits behind */
	__be32 primary_key;		/* the IPv4 address (kernel: u8 primary_key[0]) */
	struct neigh_transition hist[NEIGH_HISTORY_LEN];	/* netstep: recent changes */
	unsigned int nhist;		/* netstep: changes ever recorded */
	/* KERNEL: lock, ha_lock (seqlocks), rcu head, NTF flags use left out. */
};

/* The hash starts with 2^NEIGH_HASH_SHIFT buckets and doubles when the
 * entries outnumber the buckets (neigh_hash_grow), as the kernel's
 * neigh_hash_table does.  KERNEL: starts at 2^3, swapped under RCU. */
#define NEIGH_HASH_SHIFT	5
#define NEIGH_HASH_SIZE		(1U << NEIGH_HASH_SHIFT)	/* initial size */

/* A protocol's table, include/net/neighbour.h (arp_tbl for IPv4). */
struct neigh_table {
	struct net *net;		/* owning host (the kernel's arp_tbl is global) */
	int family;			/* AF_INET */
	int key_len;			/* 4 */
	u32 (*hash)(const void *pkey, const struct net_device *dev, u32 hash_rnd);
	int (*constructor)(struct neighbour *neigh);	/* arp_constructor */
	const char *id;			/* "arp_cache" */
	struct neigh_parms parms;	/* defaults, 3.10 arp_tbl */
	int gc_thresh1;			/* 128: below, never collect */
	int gc_thresh2;			/* 512: soft limit */
	int gc_thresh3;			/* 1024: hard limit, creation fails */
	int entries;			/* entries in the table */
	unsigned long last_flush;	/* jiffies of the last forced GC */
	u32 hash_rnd;			/* hash seed, from sim_random */
	struct neighbour **hash_buckets;	/* chains: 1 << hash_shift of them */
	unsigned int hash_shift;	/* kernel: neigh_hash_table.hash_shift */
	struct list_head all;		/* netstep: entries in creation order */
	struct packet_type ptype;	/* netstep: this host's arp_packet_type */
	/* KERNEL: gc_work (periodic GC), proxy timer/queue, per-cpu stats,
	 * parms list, locks left out.  Statistics live in net->mib
	 * (NEIGH_LOOKUPS, NEIGH_HITS ...). */
};

static inline void neigh_hold(struct neighbour *n)
{
	n->refcnt++;
}
void neigh_destroy(struct neighbour *neigh);
static inline void neigh_release(struct neighbour *n)
{
	if (--n->refcnt == 0)
		neigh_destroy(n);
}

/* Table lifetime (neigh_table_init / neigh_table_clear). */
int neigh_table_init(struct net *net, const struct neigh_table *tmpl);
void neigh_table_clear(struct net *net);

/* Lookup and creation, net/core/neighbour.c, include/net/arp.h */
struct neighbour *__ipv4_neigh_lookup_noref(struct net_device *dev, u32 key);
struct neighbour *neigh_lookup(struct neigh_table *tbl, const void *pkey,
			       struct net_device *dev);	/* takes a ref */
struct neighbour *__neigh_create(struct neigh_table *tbl, const void *pkey,
				 struct net_device *dev, bool want_ref);
static inline struct neighbour *neigh_create(struct neigh_table *tbl, const void *pkey,
					     struct net_device *dev)
{
	return __neigh_create(tbl, pkey, dev, true);
}
struct neighbour *__neigh_lookup(struct neigh_table *tbl, const void *pkey,
				 struct net_device *dev, int creat);	/* takes a ref */
struct neighbour *neigh_event_ns(struct neigh_table *tbl, const u8 *lladdr,
				 const void *saddr, struct net_device *dev);	/* takes a ref */

/* The state machine. */
int neigh_update(struct neighbour *neigh, const u8 *lladdr, u8 new, u32 flags);
int __neigh_event_send(struct neighbour *neigh, struct sk_buff *skb);
int neigh_event_send(struct neighbour *neigh, struct sk_buff *skb);
unsigned long neigh_rand_reach_time(struct net *net, unsigned long base);

/* Output paths (include/net/dst.h, include/net/neighbour.h). */
int dst_neigh_output(struct dst_entry *dst, struct neighbour *n, struct sk_buff *skb);
int neigh_hh_output(const struct hh_cache *hh, struct sk_buff *skb);
int neigh_resolve_output(struct neighbour *neigh, struct sk_buff *skb);
int neigh_connected_output(struct neighbour *neigh, struct sk_buff *skb);
int neigh_direct_output(struct neighbour *neigh, struct sk_buff *skb);

/* Administration: ip neigh show / flush, device down. */
void neigh_ifdown(struct neigh_table *tbl, struct net_device *dev);
int sim_neigh_flush(struct net *net, struct net_device *dev);	/* entries removed */
void sim_neigh_show(struct net *net, FILE *out);	/* ip neigh show */
/* ip neigh show dev DEV (dev != NULL: only its entries, no "dev DEV" column). */
void sim_neigh_show_dev(struct net *net, const struct net_device *dev, FILE *out);
const char *sim_neigh_state_name(u8 nud);
/* Calls @cb for every entry in creation order; returns the count. */
int neigh_for_each(struct net *net, void (*cb)(const struct neighbour *, void *), void *arg);

/* netstep: every NUD change goes through here, so the trace shows
 * "nud=INCOMPLETE->REACHABLE" (the note neigh_nud_change, in the
 * function that changes the state: its file includes events/neigh.h)
 * and the UI can draw the entry's history. */
bool sim_neigh_record_state(struct neighbour *n, u8 new_state);	/* false: unchanged */
#define sim_neigh_set_state(n, new_state)					\
	do {									\
		struct neighbour *__sn = (n);					\
		u8 __sn_old = __sn->nud_state;					\
										\
		if (sim_neigh_record_state(__sn, (new_state)))			\
			trace_neigh_nud_change(__sn, __sn_old);			\
	} while (0)

/*
 * netstep: addresses as text, "10.0.0.1", "52:54:00:00:00:01".  sim_ip_str
 * is netstep's one way to print an IPv4 address (the kernel's %pI4): the
 * trace, the tools, the programs and the UI all use it, e.g.
 *	fprintf(out, "via %s", sim_ip_str(rt->rt_gateway).s);
 * It formats without printf, as the trace formats its fields.
 */
struct sim_addr_str {
	char s[20];
};
/* The dotted quad at @p (at most 15 bytes, no NUL); returns its end. */
static inline char *
sim_ip_fmt(char *p, __be32 addr)
{
	const u8 *b = (const u8 *)&addr;

	for (int i = 0; i < 4; i++) {
		unsigned int v = b[i];

		if (i)
			*p++ = '.';
		if (v >= 100)
			*p++ = (char)('0' + v / 100);
		if (v >= 10)
			*p++ = (char)('0' + v / 10 % 10);
		*p++ = (char)('0' + v % 10);
	}
	return p;
}
static inline struct sim_addr_str
sim_ip_str(__be32 addr)
{
	struct sim_addr_str r;

	*sim_ip_fmt(r.s, addr) = '\0';
	return r;
}
static inline struct sim_addr_str
sim_mac_str(const u8 *ha)
{
	struct sim_addr_str r;

	snprintf(r.s, sizeof(r.s), "%02x:%02x:%02x:%02x:%02x:%02x",
		 ha[0], ha[1], ha[2], ha[3], ha[4], ha[5]);
	return r;
}

/* Header cache hooks of Ethernet (net/ethernet/eth.c, layers/eth.c). */
int eth_header_cache(const struct neighbour *neigh, struct hh_cache *hh, __be16 type);
void eth_header_cache_update(struct hh_cache *hh, const struct net_device *dev,
			     const unsigned char *haddr);

#endif
