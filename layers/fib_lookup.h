/*
 * layers/fib_lookup.h - what the three routing files share, and nobody
 * else: the route row (struct fib_alias) with its fib_info, nexthop and
 * PMTU exceptions, the table that holds the rows, and the calls the
 * files make into each other.
 *
 * Mirrors net/ipv4/fib_lookup.h (struct fib_alias, the internal FIB
 * calls) and the parts of include/net/ip_fib.h that the rest of the
 * kernel does not use either (struct fib_nh, fib_info, fib_table,
 * fib_nh_exception, fib_get_table) of Linux 3.10.  Only
 * layers/route.c, layers/fib_frontend.c and layers/fib_trie.c include
 * it, and events/fib.h, whose events read the rows; every other layer
 * routes through layers/route.h.
 *
 * Who defines what:
 *   layers/fib_trie.c      the table: prefixes, lookup, insert, delete,
 *                          walking and printing it, the graveyard;
 *   layers/fib_frontend.c  fib_lookup (local then main), addresses and
 *                          their routes, the netlink handlers, init/exit;
 *   layers/route.c         rtables made from rows: output and input
 *                          routes, path-MTU exceptions.
 */
#ifndef NETSTEP_LAYERS_FIB_LOOKUP_H
#define NETSTEP_LAYERS_FIB_LOOKUP_H

#include "kernel/types.h"
#include "layers/route.h"
#include "layers/net_namespace.h"

#include <stdio.h>

struct fn_zone;		/* private to layers/fib_trie.c */
struct fib_node;	/* private to layers/fib_trie.c */

/* A learned path MTU towards one destination, net/ipv4/route.c. */
struct fib_nh_exception {
	struct fib_nh_exception *fnhe_next;	/* next on the nexthop */
	__be32 fnhe_daddr;		/* the destination it is about */
	u32 fnhe_pmtu;			/* learned path MTU */
	unsigned long fnhe_expires;	/* jiffies when it lapses */
	unsigned long fnhe_stamp;	/* last update, to recycle the oldest */
	struct rtable *fnhe_rth;	/* its own route, rt_pmtu set */
	/* KERNEL: fnhe_gw (redirects), rcu head, genid omitted. */
};

/* Where packets of a route go next, include/net/ip_fib.h. */
struct fib_nh {
	struct net_device *nh_dev;	/* device to leave by */
	__be32 nh_gw;			/* gateway, 0 = destination is on-link */
	struct fib_nh_exception *nh_exceptions;	/* PMTU per destination */
	int nh_nexceptions;		/* entries on nh_exceptions */
	struct rtable *nh_rth_output;	/* cached route for output lookups */
	struct rtable *nh_rth_input;	/* cached route for forwarding */
	/* KERNEL: nh_flags (RTNH_F_DEAD), nh_weight, nh_tclassid omitted. */
};

/* What a route says, include/net/ip_fib.h. */
struct fib_info {
	u8 fib_protocol;		/* RTPROT_KERNEL, _BOOT, _STATIC */
	u8 fib_scope;			/* RT_SCOPE_LINK, _HOST, _UNIVERSE */
	u32 fib_priority;		/* the metric */
	__be32 fib_prefsrc;		/* source address to prefer, 0 = none */
	u32 fib_mtu;			/* RTAX_MTU metric, 0 = none */
	bool fib_mtu_locked;		/* `mtu lock N`: PMTU may not lower it */
	u32 fib_advmss;			/* RTAX_ADVMSS metric, 0 = none */
	struct fib_nh fib_nh;		/* its one nexthop */
	/* KERNEL: shared and refcounted between aliases, fib_metrics[]
	 * (RTAX_*), multipath fib_nhs > 1 omitted. */
};

/* One route row: a prefix plus what to do, net/ipv4/fib_lookup.h. */
struct fib_alias {
	struct fib_alias *fa_next;	/* same prefix, by increasing metric */
	struct fib_node *fa_node;	/* the prefix it hangs on */
	struct fib_table *fa_table;	/* local or main */
	u8 fa_type;			/* RTN_UNICAST, RTN_LOCAL, RTN_BROADCAST */
	struct fib_info fa_info;	/* embedded: one per row here */
	u32 fa_seq;			/* insertion order: the last tie-break */
	int fa_index;			/* row number in `route -n` order */
	/* KERNEL: fa_tos, fa_state omitted. */
};

/*
 * A routing table, include/net/ip_fib.h.  Its prefixes live in
 * fn_zones, whose layout only layers/fib_trie.c knows (see there).
 */
struct fib_table {
	u32 tb_id;			/* RT_TABLE_LOCAL or RT_TABLE_MAIN */
	struct net *tb_net;		/* owning host */
	struct fn_zone *fn_zones[33];	/* by prefix length; NULL = empty */
	u32 tb_nroutes;			/* rows in the table */
	u32 tb_seq;			/* insertion counter */
	bool tb_index_dirty;		/* fa_index must be renumbered */
	/* Routes that were deleted while an skb might still point at them:
	 * freed in ip_fib_net_exit().  KERNEL: RCU and dst refcounts free them
	 * once the last reference is gone (dst_destroy via dst_gc_task). */
	struct rtable **dst_garbage;
	u32 dst_garbage_len;
	u32 dst_garbage_cap;
	/* 255.255.255.255 per device (local table only): no row for it. */
	struct rtable *tb_lbcast[HOST_MAX_DEVS];
};

/* include/linux/inetdevice.h: the netmask of a prefix length. */
static inline __be32
inet_make_mask(int logmask)
{
	return logmask ? htonl(~0U << (32 - logmask)) : 0;
}

/* include/net/ip_fib.h (no policy routing): the host's two tables. */
static inline struct fib_table *
fib_get_table(struct net *net, u32 id)
{
	return &net->fib[id == RT_TABLE_LOCAL ? 0 : 1];
}

/* A fib_config naming the route @dst/@plen [via @gw] [dev @dev] of
 * table @table; every other field zero, "not given". */
static inline struct fib_config
sim_fib_config(u32 table, __be32 dst, int plen, __be32 gw, struct net_device *dev)
{
	struct fib_config cfg = {
		.fc_table = table,
		.fc_dst = dst,
		.fc_dst_len = plen,
		.fc_gw = gw,
		.fc_dev = dev,
	};

	return cfg;
}

/* A prefix as a trace field (events/fib.h prints it "10.0.0.0/24"). */
struct sim_fib_prefix {
	__be32 key;
	s32 plen;			/* as given; -1 in sim_fib_desc: no row */
} __attribute__((packed));

/* What the route events say about a row: "matched=10.0.0.0/24
 * gw=10.0.0.1 dev=eth0 row=1", or "matched=none gw=0.0.0.0 dev=none
 * row=-1" (sim_fib_describe). */
struct sim_fib_desc {
	struct sim_fib_prefix matched;
	__be32 gw;
	const char *dev;
	int row;
};

/* layers/fib_trie.c: the table */
struct fib_alias *sim_fib_search(const struct fib_table *tb, __be32 daddr, int oif);
struct fib_alias *fib_table_lookup(struct fib_table *tb, __be32 daddr, int oif);
int fib_table_insert(struct net *net, struct fib_config *cfg);
int fib_table_delete(struct net *net, struct fib_config *cfg);
void sim_fib_unlink(struct fib_alias *fa);
struct fib_alias **sim_fib_sorted(struct fib_table *tb, u32 *n);
struct sim_fib_desc sim_fib_describe(struct net *net, const struct fib_alias *fa);
void sim_fib_bury(struct fib_table *tb, struct rtable *rt);
void sim_fib_print_mtu(FILE *out, u32 mtu, bool locked);
void sim_fib_free_table(struct fib_table *tb);

/* layers/fib_frontend.c: lookups across both tables, addresses */
struct fib_alias *fib_lookup(struct net *net, __be32 daddr, int oif);
struct fib_alias *sim_fib_preview(struct net *net, __be32 daddr, int oif);
int fib_validate_source(struct net *net, __be32 saddr, struct net_device *dev);

#endif
