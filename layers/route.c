/*
 * layers/route.c - IPv4 routing: the FIB of a host, the output and
 * input route lookups, path-MTU exceptions, and the `route -n`,
 * `ip route show` and `ip route get` views of it all.
 *
 * Mirrors net/ipv4/route.c (the lookups, rtable creation, PMTU),
 * net/ipv4/fib_frontend.c (fib_lookup's two tables, fib_add_ifaddr,
 * inet_addr_type, the netlink add/del handlers) and net/ipv4/fib_trie.c
 * (fib_table_lookup/insert/delete) of Linux 3.10.  Read layers/route.h
 * first (struct dst_entry and struct rtable, what an skb carries); read
 * layers/ip_output.c next (ip_queue_xmit calls ip_route_output_ports,
 * ip_finish_output2 uses rt_nexthop) and layers/ip_input.c
 * (ip_rcv_finish calls ip_route_input_noref).
 *
 * A host has two tables, as a kernel without policy routing:
 *   local (255)  our addresses (RTN_LOCAL) and subnet broadcasts
 *                (RTN_BROADCAST), filled by fib_add_ifaddr();
 *   main  (254)  what `route -n` shows: connected subnets, gateways.
 * fib_lookup() tries local, then main; each table answers with the
 * longest matching prefix, and among equal prefixes the lowest metric.
 *
 * Each route row (struct fib_alias) owns the struct rtable that output
 * lookups hand out, as the per-nexthop cached routes of 3.10 do
 * (nh_rth_output; there is no global route cache since 3.6), plus one
 * for forwarded packets (nh_rth_input) and one per PMTU exception.
 *
 * Left out: policy routing (ip rule) and tables other than local/main,
 * multipath, TOS, realms, the loopback device, multicast routes,
 * reverse-path filtering, ICMP redirects, RTN_UNREACHABLE/PROHIBIT
 * routes, netlink.  Each is marked KERNEL: where it would be.
 */
#include "kernel/trace.h"
#include "layers/skbuff.h"
#include "layers/route.h"
#include "layers/ip.h"
#include "sim/host.h"

#include <stdlib.h>
#include <string.h>

static const char KSRC[] = "net/ipv4/route.c";

/* 10 minutes: how long a learned path MTU lives (ip_rt_mtu_expires). */
#define IP_RT_MTU_EXPIRES	(10 * 60 * HZ)
/* Exceptions kept per nexthop before the oldest is recycled.
 * KERNEL: a 2048-bucket hash per nexthop, 5 deep (FNHE_RECLAIM_DEPTH). */
#define FNHE_SIM_MAX		64
/* route -n flags, include/uapi/linux/route.h */
#define RTF_UP			0x0001
#define RTF_GATEWAY		0x0002
#define RTF_HOST		0x0004

/* ---------------------------------------------------------------- */
/* The objects                                                      */
/* ---------------------------------------------------------------- */

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

/* One prefix (key/len) and its rows, like fib_hash's fib_node. */
struct fib_node {
	struct fib_node *fn_hash_next;	/* next in the zone's bucket */
	__be32 fn_key;			/* prefix, host bits clear */
	int fn_plen;			/* prefix length */
	struct fib_alias *fn_alias;	/* rows, lowest metric first */
};

/* All prefixes of one length: a hash table, like fib_hash's fn_zone. */
struct fn_zone {
	struct fib_node **fz_hash;	/* buckets */
	u32 fz_divisor;			/* number of buckets, a power of two */
	u32 fz_nent;			/* prefixes stored */
	int fz_order;			/* the prefix length */
	__be32 fz_mask;			/* netmask of that length */
};

/*
 * A routing table.
 *
 * KERNEL: 3.10 keeps each table as an LC-trie (fib_trie.c): leaves sorted
 * by key, each with its prefixes by decreasing length.  netstep uses the
 * layout the kernel had before (fib_hash.c, removed in 2.6.39): one hash
 * table per prefix length, probed from /32 down to /0.  A lookup costs
 * at most 33 hash probes whatever the number of routes (the 100,000-route
 * benchmark stays flat), the longest-prefix rule is visible in one loop,
 * and there is no trie rebalancing to explain.  The trie's other gift, a
 * walk in key order for `route -n`, is replaced by a sort when printing.
 */
struct fib_table {
	u32 tb_id;			/* RT_TABLE_LOCAL or RT_TABLE_MAIN */
	struct host *tb_net;		/* owning host */
	struct fn_zone *fn_zones[33];	/* by prefix length; NULL = empty */
	u32 tb_nroutes;			/* rows in the table */
	u32 tb_seq;			/* insertion counter */
	bool tb_index_dirty;		/* fa_index must be renumbered */
	/* Routes that were deleted while an skb might still point at them:
	 * freed in ip_fib_exit().  KERNEL: RCU and dst refcounts free them
	 * once the last reference is gone (dst_destroy via dst_gc_task). */
	struct rtable **dst_garbage;
	u32 dst_garbage_len;
	u32 dst_garbage_cap;
	/* 255.255.255.255 per device (local table only): no row for it. */
	struct rtable *tb_lbcast[HOST_MAX_DEVS];
};

/* ---------------------------------------------------------------- */
/* Small helpers                                                    */
/* ---------------------------------------------------------------- */

/* include/linux/in.h (the other address classes are in layers/ip.h) */
static inline bool
ipv4_is_loopback(__be32 addr)
{
	return (addr & htonl(0xff000000)) == htonl(0x7f000000);
}

/* include/linux/inetdevice.h: the netmask of a prefix length. */
static inline __be32
inet_make_mask(int logmask)
{
	return logmask ? htonl(~0U << (32 - logmask)) : 0;
}

/* Dotted quad for traces and tool output (no kernel counterpart). */
static const char *
sim_ip_str(char *buf, __be32 addr)
{
	struct in_addr in = { .s_addr = addr };

	return inet_ntop(AF_INET, &in, buf, INET_ADDRSTRLEN);
}

static inline struct fib_table *
fib_get_table(struct host *net, u32 id)
{
	return &net->fib[id == RT_TABLE_LOCAL ? 0 : 1];
}

static const char *
fib_table_name(const struct fib_table *tb)
{
	return tb->tb_id == RT_TABLE_LOCAL ? "local" : "main";
}

/* Remember @rt until ip_fib_exit(): an skb may still point at it. */
static void
fib_sim_bury(struct fib_table *tb, struct rtable *rt)
{
	if (!rt)
		return;
	rt->dst.obsolete = 1;
	rt->fa = NULL;
	if (tb->dst_garbage_len == tb->dst_garbage_cap) {
		u32 cap = tb->dst_garbage_cap ? tb->dst_garbage_cap * 2 : 16;
		struct rtable **g = realloc(tb->dst_garbage, cap * sizeof(*g));

		if (!g) {
			/* NOTE: cannot grow the list: leak the rtable rather
			 * than free memory an skb may still read. */
			return;
		}
		tb->dst_garbage = g;
		tb->dst_garbage_cap = cap;
	}
	tb->dst_garbage[tb->dst_garbage_len++] = rt;
}

/* ---------------------------------------------------------------- */
/* dst_entry basics, include/net/dst.h                              */
/* ---------------------------------------------------------------- */

static struct host *
dst_net(const struct dst_entry *dst)
{
	return dst && dst->dev ? dev_net(dst->dev) : NULL;
}

/**
 * dst_hold - take a reference on @dst (skb_dst_force, socket caches).
 */
void
dst_hold(struct dst_entry *dst)
{
	TRACEPOINTF(dst_net(dst), NULL, "refcnt=%d", dst->__refcnt + 1);
	dst->__refcnt++;
}

/**
 * dst_release - drop a reference taken by dst_hold().
 *
 * NOTE: only counts.  Memory is never freed here: a deleted route's
 * rtable waits in the table's dst_garbage list until ip_fib_exit().
 */
void
dst_release(struct dst_entry *dst)
{
	TRACEPOINTF(dst_net(dst), NULL, "refcnt=%d", dst ? dst->__refcnt - 1 : 0);
	if (!dst)
		return;
	if (dst->__refcnt > 0)
		dst->__refcnt--;
}

/**
 * dst_mtu - the MTU packets on @dst must fit in (ipv4_mtu in 3.10).
 *
 * A learned path MTU wins while it has not expired; then the route's
 * own `mtu` metric; then the device MTU.
 */
unsigned int
dst_mtu(const struct dst_entry *dst)
{
	const struct rtable *rt = (const struct rtable *)dst;
	struct host *net = dst_net(dst);
	u32 metric = rt->fa ? rt->fa->fa_info.fib_mtu : 0;
	unsigned int dev_mtu = dst->dev ? dst->dev->mtu : ETH_DATA_LEN;
	TRACEPOINTF(net, NULL, "pmtu=%u metric=%u dev_mtu=%u", rt->rt_pmtu, metric, dev_mtu);

	if (rt->rt_pmtu && net && time_before(host_jiffies(net), rt->rt_pmtu_expires))
		/* NOTE: never above the device MTU, which may have been
		 * lowered after the exception was learned. */
		return min_t(unsigned int, rt->rt_pmtu, dev_mtu);
	if (metric)
		return metric;
	return dev_mtu;
}

/**
 * ip_rt_bug - dst.input of an output route: never called.
 * Consumes @skb.
 */
static int
ip_rt_bug(struct sk_buff *skb)
{
	TRACEPOINT(skb->host, skb);
	TRACE_NOTE(skb->host, skb, "reason=input_on_output_route");
	kfree_skb(skb);
	return 0;
}

/**
 * rt_dst_alloc - a new rtable for the row @fa (or none) through @dev.
 * The caller fills dst.input/dst.output.  NULL if out of memory.
 */
static struct rtable *
rt_dst_alloc(struct net_device *dev, u16 type, __be32 gw, struct fib_alias *fa)
{
	char gb[INET_ADDRSTRLEN];
	struct rtable *rt;
	TRACEPOINTF(dev_net(dev), NULL, "dev=%s type=%u gw=%s", dev->name, type,
		    sim_ip_str(gb, gw));

	rt = calloc(1, sizeof(*rt));
	if (!rt)
		return NULL;
	rt->dst.dev = dev;
	rt->dst.input = ip_rt_bug;
	rt->dst.output = ip_output;
	rt->rt_type = type;
	rt->rt_gateway = gw;
	rt->fa = fa;
	return rt;
}

/* ---------------------------------------------------------------- */
/* The table: zones of prefixes (fib_hash layout, see fib_table)    */
/* ---------------------------------------------------------------- */

static u32
fn_hash(const struct fn_zone *fz, __be32 key)
{
	u32 h = fz->fz_order ? ntohl(key) >> (32 - fz->fz_order) : 0;

	/* Fibonacci hashing: spreads consecutive prefixes over buckets. */
	return (h * 0x9E3779B1u) >> 16 & (fz->fz_divisor - 1);
}

static struct fn_zone *
fn_new_zone(struct fib_table *tb, int plen)
{
	struct fn_zone *fz = calloc(1, sizeof(*fz));

	if (!fz)
		return NULL;
	fz->fz_divisor = 16;
	fz->fz_hash = calloc(fz->fz_divisor, sizeof(*fz->fz_hash));
	if (!fz->fz_hash) {
		free(fz);
		return NULL;
	}
	fz->fz_order = plen;
	fz->fz_mask = inet_make_mask(plen);
	tb->fn_zones[plen] = fz;
	return fz;
}

/* Double the buckets once the chains get longer than 2 on average. */
static void
fn_rehash_zone(struct fn_zone *fz)
{
	u32 old_div = fz->fz_divisor;
	struct fib_node **old = fz->fz_hash;
	struct fib_node **nh = calloc(old_div * 2, sizeof(*nh));

	if (!nh)
		return;		/* NOTE: keep the old, slower buckets */
	fz->fz_hash = nh;
	fz->fz_divisor = old_div * 2;
	for (u32 i = 0; i < old_div; i++) {
		struct fib_node *f = old[i], *next;

		for (; f; f = next) {
			u32 h = fn_hash(fz, f->fn_key);

			next = f->fn_hash_next;
			f->fn_hash_next = nh[h];
			nh[h] = f;
		}
	}
	free(old);
}

static struct fib_node *
fib_find_node(const struct fn_zone *fz, __be32 key)
{
	struct fib_node *f = fz->fz_hash[fn_hash(fz, key)];

	for (; f; f = f->fn_hash_next)
		if (f->fn_key == key)
			return f;
	return NULL;
}

/* The first usable row of a prefix: lowest metric, right device. */
static struct fib_alias *
fib_sim_check_node(const struct fib_node *f, int oif)
{
	struct fib_alias *fa;

	for (fa = f->fn_alias; fa; fa = fa->fa_next) {
		struct net_device *dev = fa->fa_info.fib_nh.nh_dev;

		if (oif && dev->ifindex != oif)
			continue;
		/* KERNEL: routes through a device that went down are flushed
		 * (fib_sync_down_dev); netstep keeps them and skips them. */
		if (!netif_running(dev))
			continue;
		return fa;
	}
	return NULL;
}

/*
 * The search itself, without side effects: probe every non-empty zone
 * from /32 down; the first prefix that holds a usable row wins.  Used
 * by fib_table_lookup() and, so their tracepoints can show the row that
 * will be picked, by the lookup entry points.
 */
static struct fib_alias *
fib_sim_search(const struct fib_table *tb, __be32 daddr, int oif)
{
	for (int plen = 32; plen >= 0; plen--) {
		const struct fn_zone *fz = tb->fn_zones[plen];
		struct fib_node *f;
		struct fib_alias *fa;

		if (!fz || !fz->fz_nent)
			continue;
		f = fib_find_node(fz, daddr & fz->fz_mask);
		if (f && (fa = fib_sim_check_node(f, oif)) != NULL)
			return fa;
	}
	return NULL;
}

/* fib_lookup's answer without side effects (local, then main). */
static struct fib_alias *
fib_sim_preview(struct host *net, __be32 daddr, int oif)
{
	struct fib_alias *fa = fib_sim_search(fib_get_table(net, RT_TABLE_LOCAL), daddr, oif);

	return fa ? fa : fib_sim_search(fib_get_table(net, RT_TABLE_MAIN), daddr, oif);
}

/* ---------------------------------------------------------------- */
/* Row order and `route -n` numbering                               */
/* ---------------------------------------------------------------- */

/* Key order, as a walk of the kernel's trie gives it: prefix ascending,
 * longer prefix first, then metric, then age. */
static int
fib_sim_cmp(const void *a, const void *b)
{
	const struct fib_alias *x = *(struct fib_alias *const *)a;
	const struct fib_alias *y = *(struct fib_alias *const *)b;
	u32 kx = ntohl(x->fa_node->fn_key), ky = ntohl(y->fa_node->fn_key);

	if (kx != ky)
		return kx < ky ? -1 : 1;
	if (x->fa_node->fn_plen != y->fa_node->fn_plen)
		return x->fa_node->fn_plen > y->fa_node->fn_plen ? -1 : 1;
	if (x->fa_info.fib_priority != y->fa_info.fib_priority)
		return x->fa_info.fib_priority < y->fa_info.fib_priority ? -1 : 1;
	return x->fa_seq < y->fa_seq ? -1 : x->fa_seq > y->fa_seq;
}

/* The rows of @tb in display order (caller frees); NULL with *n = 0 if
 * the table is empty or memory is short. */
static struct fib_alias **
fib_sim_sorted(struct fib_table *tb, u32 *n)
{
	struct fib_alias **v;
	u32 k = 0;

	*n = 0;
	if (!tb->tb_nroutes)
		return NULL;
	v = malloc(tb->tb_nroutes * sizeof(*v));
	if (!v)
		return NULL;
	for (int plen = 32; plen >= 0; plen--) {
		struct fn_zone *fz = tb->fn_zones[plen];

		for (u32 i = 0; fz && i < fz->fz_divisor; i++)
			for (struct fib_node *f = fz->fz_hash[i]; f; f = f->fn_hash_next)
				for (struct fib_alias *fa = f->fn_alias; fa; fa = fa->fa_next)
					if (k < tb->tb_nroutes)
						v[k++] = fa;
	}
	qsort(v, k, sizeof(*v), fib_sim_cmp);
	*n = k;
	return v;
}

/* Renumber fa_index after the table changed (only when asked for). */
static void
fib_sim_renumber(struct fib_table *tb)
{
	struct fib_alias **v;
	u32 n;

	if (!tb->tb_index_dirty)
		return;
	v = fib_sim_sorted(tb, &n);
	for (u32 i = 0; i < n; i++)
		v[i]->fa_index = (int)i;
	free(v);
	tb->tb_index_dirty = false;
}

/**
 * fib_alias_index - row of @fa in `route -n` order (0 = first row),
 * -1 for rows of the local table (route -n does not show them).
 */
int
fib_alias_index(struct host *net, const struct fib_alias *fa)
{
	if (!fa || fa->fa_table->tb_id != RT_TABLE_MAIN)
		return -1;
	fib_sim_renumber(fib_get_table(net, RT_TABLE_MAIN));
	return fa->fa_index;
}

/* ---------------------------------------------------------------- */
/* Lookup, net/ipv4/fib_trie.c and include/net/ip_fib.h             */
/* ---------------------------------------------------------------- */

/* "10.0.0.0/24 gw=10.0.0.1 dev=eth0 row=1" pieces for tracepoints. */
struct fib_sim_desc {
	char matched[24];
	char gw[INET_ADDRSTRLEN];
	const char *dev;
	int row;
};

static const struct fib_sim_desc *
fib_sim_describe(struct host *net, const struct fib_alias *fa, struct fib_sim_desc *d)
{
	char kb[INET_ADDRSTRLEN];

	if (!fa) {
		strcpy(d->matched, "none");
		strcpy(d->gw, "0.0.0.0");
		d->dev = "none";
		d->row = -1;
		return d;
	}
	snprintf(d->matched, sizeof(d->matched), "%s/%d",
		 sim_ip_str(kb, fa->fa_node->fn_key), fa->fa_node->fn_plen);
	sim_ip_str(d->gw, fa->fa_info.fib_nh.nh_gw);
	d->dev = fa->fa_info.fib_nh.nh_dev->name;
	d->row = fib_alias_index(net, fa);
	return d;
}

/**
 * fib_table_lookup - longest-prefix match for @daddr in @tb.
 * Returns the row, or NULL if no prefix covers @daddr.
 */
static struct fib_alias *
fib_table_lookup(struct fib_table *tb, __be32 daddr, int oif)
{
	static const char KSRC[] = "net/ipv4/fib_trie.c";
	struct fib_alias *fa = fib_sim_search(tb, daddr, oif);
	struct fib_sim_desc desc;
	const struct fib_sim_desc *d = fib_sim_describe(tb->tb_net, fa, &desc);
	char db[INET_ADDRSTRLEN];
	TRACEPOINTF(tb->tb_net, NULL, "tb=%s daddr=%s matched=%s gw=%s dev=%s row=%d",
		    fib_table_name(tb), sim_ip_str(db, daddr), d->matched, d->gw, d->dev,
		    d->row);

	return fa;
}

/**
 * fib_lookup - the local table (our addresses, broadcasts), then main.
 * Returns the row or NULL (the kernel's -ENETUNREACH).
 *
 * KERNEL: with CONFIG_IP_MULTIPLE_TABLES the rules decide which tables
 * to try (local, main, default by default).
 */
static struct fib_alias *
fib_lookup(struct host *net, __be32 daddr, int oif)
{
	static const char KSRC[] = "include/net/ip_fib.h";
	char db[INET_ADDRSTRLEN];
	struct fib_alias *fa;
	TRACEPOINTF(net, NULL, "daddr=%s oif=%d", sim_ip_str(db, daddr), oif);

	fa = fib_table_lookup(fib_get_table(net, RT_TABLE_LOCAL), daddr, oif);
	if (!fa)
		fa = fib_table_lookup(fib_get_table(net, RT_TABLE_MAIN), daddr, oif);
	return fa;
}

/* ---------------------------------------------------------------- */
/* Addresses, net/ipv4/fib_frontend.c and devinet.c                 */
/* ---------------------------------------------------------------- */

/**
 * inet_addr_type - what @addr is to this host: RTN_LOCAL (ours),
 * RTN_BROADCAST (255.255.255.255, a subnet broadcast), RTN_MULTICAST,
 * else RTN_UNICAST.
 */
unsigned int
inet_addr_type(struct host *net, __be32 addr)
{
	static const char KSRC[] = "net/ipv4/fib_frontend.c";
	char ab[INET_ADDRSTRLEN];
	struct fib_alias *fa;
	TRACEPOINTF(net, NULL, "addr=%s", sim_ip_str(ab, addr));

	if (ipv4_is_zeronet(addr) || ipv4_is_lbcast(addr))
		return RTN_BROADCAST;
	if (ipv4_is_multicast(addr))
		return RTN_MULTICAST;
	fa = fib_sim_search(fib_get_table(net, RT_TABLE_LOCAL), addr, 0);
	return fa ? fa->fa_type : RTN_UNICAST;
}

/**
 * inet_select_addr - our source address towards @dst through @dev:
 * the device's own address, or, if it has none, the first address of
 * another device of the host (0 if the host has none at all).
 *
 * KERNEL: a device may have several addresses; the kernel prefers one
 * whose subnet holds @dst and whose scope fits.
 */
__be32
inet_select_addr(const struct net_device *dev, __be32 dst)
{
	static const char KSRC[] = "net/ipv4/devinet.c";
	struct host *net = dev_net(dev);
	char ab[INET_ADDRSTRLEN];
	TRACEPOINTF(net, NULL, "dev=%s dst=%s", dev->name, sim_ip_str(ab, dst));

	if (dev->ifa.configured)
		return dev->ifa.ifa_address;
	for (int i = 0; i < net->ndevs; i++)
		if (net->devs[i]->ifa.configured)
			return net->devs[i]->ifa.ifa_address;
	return 0;
}

/* ---------------------------------------------------------------- */
/* Insert and delete, net/ipv4/fib_trie.c                           */
/* ---------------------------------------------------------------- */

/* Is @gw a neighbour on a connected subnet (fib_check_nh, scope link)?
 * Returns the device it is reached by, or NULL. */
static struct net_device *
fib_sim_gw_dev(struct host *net, __be32 gw, struct net_device *dev)
{
	struct fib_alias *fa = fib_sim_search(fib_get_table(net, RT_TABLE_MAIN), gw,
					      dev ? dev->ifindex : 0);

	if (!fa || fa->fa_type != RTN_UNICAST || fa->fa_info.fib_nh.nh_gw)
		return NULL;
	return fa->fa_info.fib_nh.nh_dev;
}

/* Check a new route's nexthop; 0 or -Exxx (fib_create_info / fib_check_nh). */
static int
fib_check_nh(struct host *net, struct fib_config *cfg)
{
	struct net_device *dev = cfg->fc_dev;

	if (cfg->fc_type != RTN_UNICAST)
		return dev ? 0 : -ENODEV;
	if (cfg->fc_gw) {
		if (inet_addr_type(net, cfg->fc_gw) != RTN_UNICAST)
			return -EINVAL;
		/* "Nexthop has invalid gateway": not on a connected subnet. */
		dev = fib_sim_gw_dev(net, cfg->fc_gw, cfg->fc_dev);
		if (!dev)
			return -ENETUNREACH;
		cfg->fc_dev = dev;
	}
	if (!cfg->fc_dev)
		return -ENODEV;
	/* KERNEL: the kernel adds an address's own routes when the device
	 * comes up (NETDEV_UP); netstep adds them at once, whatever the
	 * device state, and lookups skip devices that are down. */
	if (cfg->fc_protocol != RTPROT_KERNEL && !netif_running(cfg->fc_dev))
		return -ENETDOWN;
	return 0;
}

/* Hang @fa on the prefix @key/@plen of @tb, creating zone and node. */
static int
fib_sim_link(struct fib_table *tb, __be32 key, int plen, struct fib_alias *fa)
{
	struct fn_zone *fz = tb->fn_zones[plen];
	struct fib_node *f;
	struct fib_alias **pp;

	if (!fz && !(fz = fn_new_zone(tb, plen)))
		return -ENOBUFS;
	f = fib_find_node(fz, key);
	if (!f) {
		u32 h;

		f = calloc(1, sizeof(*f));
		if (!f)
			return -ENOBUFS;
		f->fn_key = key;
		f->fn_plen = plen;
		if (fz->fz_nent >= 2 * fz->fz_divisor)
			fn_rehash_zone(fz);
		h = fn_hash(fz, key);
		f->fn_hash_next = fz->fz_hash[h];
		fz->fz_hash[h] = f;
		fz->fz_nent++;
	}
	/* Keep the rows of a prefix sorted by metric; new ones go last. */
	for (pp = &f->fn_alias; *pp; pp = &(*pp)->fa_next)
		if ((*pp)->fa_info.fib_priority > fa->fa_info.fib_priority)
			break;
	fa->fa_next = *pp;
	*pp = fa;
	fa->fa_node = f;
	fa->fa_table = tb;
	fa->fa_seq = tb->tb_seq++;
	tb->tb_nroutes++;
	tb->tb_index_dirty = true;
	return 0;
}

/**
 * fib_table_insert_cfg - fib_table_insert of 3.10 (which takes a
 * struct fib_config): add the route @cfg to its table.
 * Returns 0, -EEXIST (same prefix and metric already there), -EINVAL
 * (host bits set in the prefix, bad gateway), -ENETUNREACH (gateway not
 * on a connected subnet), -ENODEV, -ENETDOWN or -ENOBUFS.
 */
static int
fib_table_insert_cfg(struct host *net, struct fib_config *cfg)
{
	static const char KSRC[] = "net/ipv4/fib_trie.c";
	struct fib_table *tb = fib_get_table(net, cfg->fc_table);
	char db[INET_ADDRSTRLEN], gb[INET_ADDRSTRLEN];
	struct fn_zone *fz;
	struct fib_node *f;
	struct fib_alias *fa;
	int err;
	TRACEPOINTF(net, NULL, "tb=%s dst=%s/%d gw=%s dev=%s metric=%u mtu=%u",
		    fib_table_name(tb), sim_ip_str(db, cfg->fc_dst), cfg->fc_dst_len,
		    sim_ip_str(gb, cfg->fc_gw), cfg->fc_dev ? cfg->fc_dev->name : "none",
		    cfg->fc_priority, cfg->fc_mtu);

	if (cfg->fc_dst_len < 0 || cfg->fc_dst_len > 32)
		return -EINVAL;
	if (cfg->fc_dst & ~inet_make_mask(cfg->fc_dst_len))
		return -EINVAL;		/* "Invalid prefix for given prefix length" */
	err = fib_check_nh(net, cfg);
	if (err) {
		TRACE_NOTE(net, NULL, "reason=bad_nexthop err=%d", err);
		return err;
	}
	/* NLM_F_EXCL, as `ip route add` sends: same prefix and metric exist. */
	fz = tb->fn_zones[cfg->fc_dst_len];
	f = fz ? fib_find_node(fz, cfg->fc_dst) : NULL;
	for (fa = f ? f->fn_alias : NULL; fa; fa = fa->fa_next)
		if (fa->fa_info.fib_priority == cfg->fc_priority)
			return -EEXIST;

	fa = calloc(1, sizeof(*fa));
	if (!fa)
		return -ENOBUFS;
	fa->fa_type = cfg->fc_type;
	fa->fa_info.fib_protocol = cfg->fc_protocol;
	fa->fa_info.fib_scope = cfg->fc_scope;
	fa->fa_info.fib_priority = cfg->fc_priority;
	fa->fa_info.fib_prefsrc = cfg->fc_prefsrc;
	fa->fa_info.fib_mtu = cfg->fc_mtu;
	fa->fa_info.fib_mtu_locked = cfg->fc_mx_lock & (1U << RTAX_MTU);
	fa->fa_info.fib_nh.nh_dev = cfg->fc_dev;
	fa->fa_info.fib_nh.nh_gw = cfg->fc_gw;
	err = fib_sim_link(tb, cfg->fc_dst, cfg->fc_dst_len, fa);
	if (err)
		free(fa);
	return err;
}

/* Unlink @fa from its prefix and free it; its rtables go to the graveyard. */
static void
fib_sim_unlink(struct fib_alias *fa)
{
	struct fib_table *tb = fa->fa_table;
	struct fib_node *f = fa->fa_node;
	struct fib_nh *nh = &fa->fa_info.fib_nh;
	struct fib_alias **pp;

	for (pp = &f->fn_alias; *pp != fa; pp = &(*pp)->fa_next)
		;
	*pp = fa->fa_next;
	fib_sim_bury(tb, nh->nh_rth_output);
	fib_sim_bury(tb, nh->nh_rth_input);
	while (nh->nh_exceptions) {
		struct fib_nh_exception *fnhe = nh->nh_exceptions;

		nh->nh_exceptions = fnhe->fnhe_next;
		fib_sim_bury(tb, fnhe->fnhe_rth);
		free(fnhe);
	}
	tb->tb_nroutes--;
	tb->tb_index_dirty = true;
	free(fa);
	if (!f->fn_alias) {
		struct fn_zone *fz = tb->fn_zones[f->fn_plen];
		struct fib_node **fp = &fz->fz_hash[fn_hash(fz, f->fn_key)];

		while (*fp != f)
			fp = &(*fp)->fn_hash_next;
		*fp = f->fn_hash_next;
		fz->fz_nent--;
		free(f);
	}
}

/**
 * fib_table_delete_cfg - fib_table_delete of 3.10: remove the first row
 * matching @cfg (prefix, and gateway/device/metric/protocol/type when
 * given).  0, or -ESRCH if none matches.
 */
static int
fib_table_delete_cfg(struct host *net, struct fib_config *cfg)
{
	static const char KSRC[] = "net/ipv4/fib_trie.c";
	struct fib_table *tb = fib_get_table(net, cfg->fc_table);
	char db[INET_ADDRSTRLEN], gb[INET_ADDRSTRLEN];
	struct fn_zone *fz;
	struct fib_node *f;
	struct fib_alias *fa;
	TRACEPOINTF(net, NULL, "tb=%s dst=%s/%d gw=%s dev=%s", fib_table_name(tb),
		    sim_ip_str(db, cfg->fc_dst), cfg->fc_dst_len, sim_ip_str(gb, cfg->fc_gw),
		    cfg->fc_dev ? cfg->fc_dev->name : "any");

	if (cfg->fc_dst_len < 0 || cfg->fc_dst_len > 32)
		return -EINVAL;
	fz = tb->fn_zones[cfg->fc_dst_len];
	f = fz ? fib_find_node(fz, cfg->fc_dst & fz->fz_mask) : NULL;
	for (fa = f ? f->fn_alias : NULL; fa; fa = fa->fa_next) {
		const struct fib_info *fi = &fa->fa_info;

		if (cfg->fc_gw && fi->fib_nh.nh_gw != cfg->fc_gw)
			continue;
		if (cfg->fc_dev && fi->fib_nh.nh_dev != cfg->fc_dev)
			continue;
		if (cfg->fc_has_priority && fi->fib_priority != cfg->fc_priority)
			continue;
		if (cfg->fc_protocol && fi->fib_protocol != cfg->fc_protocol)
			continue;
		if (cfg->fc_type && fa->fa_type != cfg->fc_type)
			continue;
		fib_sim_unlink(fa);
		return 0;
	}
	return -ESRCH;
}

/**
 * inet_rtm_newroute - what an RTM_NEWROUTE message (`ip route add`)
 * reaches: add the route @cfg.  0 or -Exxx (see fib_table_insert_cfg).
 */
int
inet_rtm_newroute(struct host *net, struct fib_config *cfg)
{
	static const char KSRC[] = "net/ipv4/fib_frontend.c";
	TRACEPOINTF(net, NULL, "table=%u", cfg->fc_table);

	return fib_table_insert_cfg(net, cfg);
}

/**
 * inet_rtm_delroute - what an RTM_DELROUTE message (`ip route del`)
 * reaches: remove the first route matching @cfg.  0 or -ESRCH.
 */
int
inet_rtm_delroute(struct host *net, struct fib_config *cfg)
{
	static const char KSRC[] = "net/ipv4/fib_frontend.c";
	TRACEPOINTF(net, NULL, "table=%u", cfg->fc_table);

	return fib_table_delete_cfg(net, cfg);
}

/**
 * fib_table_insert - add a unicast route to the main table, as
 * `ip route add DST/PLEN [via GW] [dev DEV] [metric N] [mtu N]` does
 * (proto boot; scope link when there is no gateway).
 */
int
fib_table_insert(struct host *net, __be32 dst, int plen, __be32 gw,
		 struct net_device *dev, u32 metric, u32 mtu)
{
	struct fib_config cfg = {
		.fc_table = RT_TABLE_MAIN,
		.fc_dst = dst,
		.fc_dst_len = plen,
		.fc_gw = gw,
		.fc_dev = dev,
		.fc_priority = metric,
		.fc_protocol = RTPROT_BOOT,
		.fc_scope = gw ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK,
		.fc_type = RTN_UNICAST,
		.fc_mtu = mtu,
	};

	return fib_table_insert_cfg(net, &cfg);
}

/**
 * fib_table_delete - remove a main-table route (`ip route del`):
 * @gw and @dev narrow the match when non-zero.  0 or -ESRCH.
 */
int
fib_table_delete(struct host *net, __be32 dst, int plen, __be32 gw,
		 struct net_device *dev)
{
	struct fib_config cfg = {
		.fc_table = RT_TABLE_MAIN,
		.fc_dst = dst,
		.fc_dst_len = plen,
		.fc_gw = gw,
		.fc_dev = dev,
	};

	return fib_table_delete_cfg(net, &cfg);
}

/* ---------------------------------------------------------------- */
/* Routes of an address, net/ipv4/fib_frontend.c                    */
/* ---------------------------------------------------------------- */

/**
 * fib_magic - add one kernel route for an address (RTPROT_KERNEL).
 */
static void
fib_magic(struct net_device *dev, u32 table, u8 type, __be32 dst, int plen,
	  __be32 prefsrc)
{
	static const char KSRC[] = "net/ipv4/fib_frontend.c";
	struct host *net = dev_net(dev);
	char db[INET_ADDRSTRLEN];
	struct fib_config cfg = {
		.fc_table = table,
		.fc_dst = dst,
		.fc_dst_len = plen,
		.fc_dev = dev,
		.fc_protocol = RTPROT_KERNEL,
		.fc_scope = type == RTN_LOCAL ? RT_SCOPE_HOST : RT_SCOPE_LINK,
		.fc_type = type,
		.fc_prefsrc = prefsrc,
	};
	int err;
	TRACEPOINTF(net, NULL, "tb=%s type=%u dst=%s/%d dev=%s",
		    table == RT_TABLE_LOCAL ? "local" : "main", type,
		    sim_ip_str(db, dst), plen, dev->name);

	err = fib_table_insert_cfg(net, &cfg);
	if (err && err != -EEXIST)
		TRACE_NOTE(net, NULL, "reason=insert_failed err=%d", err);
}

/* Drop the kernel routes a previous address of @dev left behind. */
static void
fib_del_ifaddr(struct net_device *dev)
{
	static const char KSRC[] = "net/ipv4/fib_frontend.c";
	struct host *net = dev_net(dev);
	TRACEPOINTF(net, NULL, "dev=%s", dev->name);

	for (int t = 0; t < 2; t++) {
		struct fib_table *tb = &net->fib[t];
		struct fib_alias **v;
		u32 n;

		v = fib_sim_sorted(tb, &n);
		for (u32 i = 0; i < n; i++)
			if (v[i]->fa_info.fib_nh.nh_dev == dev &&
			    v[i]->fa_info.fib_protocol == RTPROT_KERNEL)
				fib_sim_unlink(v[i]);
		free(v);
	}
}

/**
 * fib_add_ifaddr - the routes an IPv4 address brings with it:
 *   local  10.0.0.2/32    RTN_LOCAL      (it is ours)
 *   main   10.0.0.0/24    dev eth0 proto kernel scope link src 10.0.0.2
 *   local  10.0.0.0/32 and 10.0.0.255/32  RTN_BROADCAST
 * Routes of an earlier address of @dev are removed first.
 */
void
fib_add_ifaddr(struct net_device *dev)
{
	static const char KSRC[] = "net/ipv4/fib_frontend.c";
	const struct in_ifaddr *ifa = &dev->ifa;
	__be32 prefix = ifa->ifa_address & ifa->ifa_mask;
	char ab[INET_ADDRSTRLEN];
	TRACEPOINTF(dev_net(dev), NULL, "dev=%s addr=%s/%u", dev->name,
		    sim_ip_str(ab, ifa->ifa_address), ifa->ifa_prefixlen);

	fib_del_ifaddr(dev);
	if (!ifa->configured)
		return;
	fib_magic(dev, RT_TABLE_LOCAL, RTN_LOCAL, ifa->ifa_address, 32, ifa->ifa_address);
	if (ipv4_is_zeronet(prefix) || ifa->ifa_prefixlen == 32)
		return;
	fib_magic(dev, RT_TABLE_MAIN, RTN_UNICAST, prefix, ifa->ifa_prefixlen,
		  ifa->ifa_address);
	/* A /31 or /32 has no room for network and broadcast addresses. */
	if (ifa->ifa_prefixlen < 31) {
		fib_magic(dev, RT_TABLE_LOCAL, RTN_BROADCAST, prefix, 32, ifa->ifa_address);
		fib_magic(dev, RT_TABLE_LOCAL, RTN_BROADCAST, prefix | ~ifa->ifa_mask, 32,
			  ifa->ifa_address);
	}
}

/* ---------------------------------------------------------------- */
/* Output routes, net/ipv4/route.c                                  */
/* ---------------------------------------------------------------- */

/**
 * rt_cache_route - the rtable a row hands out, made on first use.
 *
 * Unicast rows: dst.output = ip_output, the gateway as rt_gateway.
 * Local and broadcast rows (local table): the same rtable also serves
 * input, dst.input = ip_local_deliver.
 * KERNEL: 3.10 keeps one per CPU (nh_pcpu_rth_output) and sends local
 * traffic through the loopback device; netstep has one CPU and no lo.
 */
static struct rtable *
rt_cache_route(struct fib_alias *fa)
{
	struct fib_nh *nh = &fa->fa_info.fib_nh;
	TRACEPOINTF(dev_net(nh->nh_dev), NULL, "dev=%s cached=%d", nh->nh_dev->name,
		    nh->nh_rth_output != NULL);

	if (!nh->nh_rth_output) {
		__be32 gw = fa->fa_type == RTN_UNICAST ? nh->nh_gw : 0;
		struct rtable *rt = rt_dst_alloc(nh->nh_dev, fa->fa_type, gw, fa);

		if (!rt)
			return NULL;
		if (fa->fa_type != RTN_UNICAST)
			rt->dst.input = ip_local_deliver;
		nh->nh_rth_output = rt;
	}
	return nh->nh_rth_output;
}

/**
 * find_exception - the PMTU exception of @fa's nexthop for @daddr.
 * An expired one is removed on the way (its rtable kept until exit).
 */
static struct fib_nh_exception *
find_exception(struct fib_alias *fa, __be32 daddr)
{
	struct fib_nh *nh = &fa->fa_info.fib_nh;
	struct host *net = dev_net(nh->nh_dev);
	struct fib_nh_exception **pp, *fnhe;
	char db[INET_ADDRSTRLEN];
	TRACEPOINTF(net, NULL, "daddr=%s exceptions=%d", sim_ip_str(db, daddr),
		    nh->nh_nexceptions);

	for (pp = &nh->nh_exceptions; (fnhe = *pp) != NULL; pp = &fnhe->fnhe_next) {
		if (fnhe->fnhe_daddr != daddr)
			continue;
		if (time_after_eq(host_jiffies(net), fnhe->fnhe_expires)) {
			TRACE_NOTE(net, NULL, "daddr=%s pmtu=%u state=expired", db,
				   fnhe->fnhe_pmtu);
			*pp = fnhe->fnhe_next;
			nh->nh_nexceptions--;
			fib_sim_bury(fa->fa_table, fnhe->fnhe_rth);
			free(fnhe);
			return NULL;
		}
		return fnhe;
	}
	return NULL;
}

/* Count a lookup on @rt: `route -n` shows the sum as Use. */
static struct rtable *
rt_sim_use(struct host *net, struct rtable *rt)
{
	rt->dst.__use++;
	rt->dst.lastuse = host_jiffies(net);
	return rt;
}

/**
 * __mkroute_output - turn the row @fa into the rtable for @fl4, and
 * pick the source address if the caller left it 0.
 */
static struct rtable *
__mkroute_output(struct host *net, struct fib_alias *fa, struct flowi4 *fl4)
{
	struct fib_nh *nh = &fa->fa_info.fib_nh;
	struct fib_nh_exception *fnhe = NULL;
	struct rtable *rth;
	TRACEPOINTF(net, NULL, "type=%u dev=%s", fa->fa_type, nh->nh_dev->name);

	if (!fl4->saddr)
		fl4->saddr = fa->fa_info.fib_prefsrc ? fa->fa_info.fib_prefsrc
			     : inet_select_addr(nh->nh_dev, fl4->daddr);
	if (fa->fa_type == RTN_UNICAST)
		fnhe = find_exception(fa, fl4->daddr);
	rth = fnhe ? fnhe->fnhe_rth : rt_cache_route(fa);
	if (!rth)
		return ERR_PTR(-ENOBUFS);
	return rt_sim_use(net, rth);
}

/* The route for 255.255.255.255: out of @fl4's device, or the first one
 * with an address.  No row in any table covers it. */
static struct rtable *
ip_sim_lbcast_route(struct host *net, struct net_device *dev)
{
	struct fib_table *tb = fib_get_table(net, RT_TABLE_LOCAL);
	int i;

	for (i = 0; i < net->ndevs && i < HOST_MAX_DEVS; i++) {
		struct net_device *d = net->devs[i];

		if (dev ? d == dev : (d->ifa.configured && netif_running(d)))
			break;
	}
	if (i == net->ndevs || i == HOST_MAX_DEVS)
		return ERR_PTR(-ENETUNREACH);
	if (!tb->tb_lbcast[i]) {
		struct rtable *rt = rt_dst_alloc(net->devs[i], RTN_BROADCAST, 0, NULL);

		if (!rt)
			return ERR_PTR(-ENOBUFS);
		rt->dst.input = ip_local_deliver;
		tb->tb_lbcast[i] = rt;
	}
	return rt_sim_use(net, tb->tb_lbcast[i]);
}

static struct net_device *
sim_dev_by_index(struct host *net, int ifindex)
{
	for (int i = 0; i < net->ndevs; i++)
		if (net->devs[i]->ifindex == ifindex)
			return net->devs[i];
	return NULL;
}

/**
 * ip_route_output_key - the route for a packet we send (3.10:
 * ip_route_output_key -> ip_route_output_flow -> __ip_route_output_key).
 *
 * Fills fl4->saddr if it is 0.  Returns the rtable (owned by the route
 * row: the caller takes no reference) or ERR_PTR(-ENETUNREACH), counted
 * in IPSTATS_MIB_OUTNOROUTES, or ERR_PTR(-EINVAL) for a source address
 * that is not ours.
 *
 * KERNEL: 3.10 counts OUTNOROUTES in the callers (ip_queue_xmit,
 * udp_sendmsg ...); netstep counts it here, once for every caller.
 */
struct rtable *
ip_route_output_key(struct host *net, struct flowi4 *fl4)
{
	char db[INET_ADDRSTRLEN], sb[INET_ADDRSTRLEN];
	struct fib_sim_desc desc;
	struct fib_alias *fa;
	struct rtable *rt;
	TRACEPOINTF(net, NULL, "daddr=%s saddr=%s oif=%d", sim_ip_str(db, fl4->daddr),
		    sim_ip_str(sb, fl4->saddr), fl4->flowi4_oif);

	if (fl4->saddr && (ipv4_is_multicast(fl4->saddr) || ipv4_is_lbcast(fl4->saddr) ||
			   inet_addr_type(net, fl4->saddr) != RTN_LOCAL)) {
		TRACE_NOTE(net, NULL, "reason=saddr_not_local");
		return ERR_PTR(-EINVAL);
	}
	if (ipv4_is_lbcast(fl4->daddr)) {
		struct net_device *dev = fl4->flowi4_oif ?
					 sim_dev_by_index(net, fl4->flowi4_oif) : NULL;

		rt = ip_sim_lbcast_route(net, dev);
		if (!IS_ERR(rt) && !fl4->saddr)
			fl4->saddr = inet_select_addr(rt->dst.dev, fl4->daddr);
		return rt;
	}
	/* KERNEL: daddr 0.0.0.0 means "this host" and goes to lo. */
	fa = fib_lookup(net, fl4->daddr, fl4->flowi4_oif);
	if (!fa) {
		IP_INC_STATS(net, IPSTATS_MIB_OUTNOROUTES);
		TRACE_NOTE(net, NULL, "reason=no_route daddr=%s", db);
		return ERR_PTR(-ENETUNREACH);
	}
	rt = __mkroute_output(net, fa, fl4);
	if (!IS_ERR(rt)) {
		fib_sim_describe(net, fa, &desc);
		TRACE_NOTE(net, NULL, "matched=%s gw=%s dev=%s row=%d saddr=%s", desc.matched,
			   sim_ip_str(db, rt->rt_gateway), desc.dev, desc.row,
			   sim_ip_str(sb, fl4->saddr));
	}
	return rt;
}

/**
 * ip_route_output_ports - route lookup for a socket's packet
 * (include/net/route.h): fills @fl4 from the arguments, as
 * flowi4_init_output() does, then ip_route_output_key().
 */
struct rtable *
ip_route_output_ports(struct host *net, struct flowi4 *fl4, struct sock *sk,
		      __be32 daddr, __be32 saddr, __be16 dport, __be16 sport,
		      u8 proto, u8 tos, int oif)
{
	static const char KSRC[] = "include/net/route.h";
	struct fib_sim_desc desc;
	const struct fib_sim_desc *d = fib_sim_describe(net, fib_sim_preview(net, daddr, oif),
							&desc);
	char db[INET_ADDRSTRLEN];
	TRACEPOINTF(net, NULL, "daddr=%s matched=%s gw=%s dev=%s row=%d proto=%u dport=%u",
		    sim_ip_str(db, daddr), d->matched, d->gw, d->dev, d->row, proto,
		    ntohs(dport));

	(void)sk;	/* KERNEL: sk gives the mark, bound device, flags */
	memset(fl4, 0, sizeof(*fl4));
	fl4->flowi4_oif = oif;
	fl4->flowi4_tos = tos;
	fl4->flowi4_proto = proto;
	fl4->daddr = daddr;
	fl4->saddr = saddr;
	fl4->fl4_dport = dport;
	fl4->fl4_sport = sport;
	return ip_route_output_key(net, fl4);
}

/* ---------------------------------------------------------------- */
/* Input routes, net/ipv4/route.c                                   */
/* ---------------------------------------------------------------- */

/**
 * fib_validate_source - refuse a packet that claims to come from one of
 * our own addresses or from a broadcast address.  0 or -EINVAL.
 *
 * KERNEL: also the reverse-path check (rp_filter): would a reply to
 * saddr leave by the device the packet came in on?
 */
static int
fib_validate_source(struct host *net, __be32 saddr, struct net_device *dev)
{
	static const char KSRC[] = "net/ipv4/fib_frontend.c";
	char sb[INET_ADDRSTRLEN];
	unsigned int type;
	TRACEPOINTF(net, NULL, "saddr=%s in=%s", sim_ip_str(sb, saddr), dev->name);

	type = inet_addr_type(net, saddr);
	return type == RTN_UNICAST ? 0 : -EINVAL;
}

/**
 * ip_mkroute_input - a packet to forward: attach the row's forwarding
 * rtable (dst.input = ip_forward, dst.output = ip_output).
 * Does not consume @skb.
 *
 * KERNEL: when the packet leaves by the device it came in on, 3.10 also
 * marks the route RTCF_DOREDIRECT so ip_forward sends an ICMP redirect;
 * PMTU exceptions are honoured for forwarded packets too.
 */
static int
ip_mkroute_input(struct sk_buff *skb, struct fib_alias *fa, struct net_device *in)
{
	struct fib_nh *nh = &fa->fa_info.fib_nh;
	struct host *net = dev_net(in);
	TRACEPOINTF(net, skb, "in=%s out=%s cached=%d", in->name, nh->nh_dev->name,
		    nh->nh_rth_input != NULL);

	if (!nh->nh_rth_input) {
		struct rtable *rt = rt_dst_alloc(nh->nh_dev, RTN_UNICAST, nh->nh_gw, fa);

		if (!rt)
			return -ENOBUFS;
		rt->dst.input = ip_forward;
		rt->dst.output = ip_output;
		nh->nh_rth_input = rt;
	}
	skb_dst_set_noref(skb, &rt_sim_use(net, nh->nh_rth_input)->dst);
	return 0;
}

/* Local delivery of a broadcast: the row's rtable or 255.255.255.255's. */
static int
ip_sim_brd_input(struct sk_buff *skb, struct fib_alias *fa, struct net_device *dev)
{
	struct host *net = dev_net(dev);
	struct rtable *rt = fa ? rt_cache_route(fa) : ip_sim_lbcast_route(net, dev);

	if (!rt || IS_ERR(rt))
		return rt ? (int)PTR_ERR(rt) : -ENOBUFS;
	skb_dst_set_noref(skb, &rt_sim_use(net, rt)->dst);
	return 0;
}

/**
 * ip_route_input_slow - decide what happens to a received packet:
 * deliver locally, forward, or drop.  Does not consume @skb: on an
 * error the caller (ip_rcv_finish) drops it.
 *
 * Returns 0 with the route attached (skb_dst_set_noref), -EINVAL for a
 * martian (counted RT_CACHE_STAT_IN_MARTIAN_*), -EHOSTUNREACH when it
 * is not ours and we do not forward (IPSTATS_MIB_INADDRERRORS), or
 * -ENETUNREACH when no route covers it (IPSTATS_MIB_INNOROUTES).
 *
 * KERNEL: for the last two the kernel attaches an rtable whose
 * dst.input is ip_error, which counts and sends ICMP unreachable;
 * netstep counts here and lets the caller drop.
 */
static int
ip_route_input_slow(struct sk_buff *skb, __be32 daddr, __be32 saddr, u8 tos,
		    struct net_device *dev)
{
	struct host *net = dev_net(dev);
	char db[INET_ADDRSTRLEN], sb[INET_ADDRSTRLEN];
	struct fib_alias *fa = NULL;
	int err;
	TRACEPOINTF(net, skb, "daddr=%s saddr=%s in=%s tos=%u forwarding=%d",
		    sim_ip_str(db, daddr), sim_ip_str(sb, saddr), dev->name, tos,
		    net->ip_forward);

	if (ipv4_is_multicast(saddr) || ipv4_is_lbcast(saddr))
		goto martian_source;
	if (ipv4_is_lbcast(daddr) || (saddr == 0 && daddr == 0))
		goto brd_input;
	if (ipv4_is_zeronet(saddr) || ipv4_is_loopback(saddr))
		goto martian_source;
	if (ipv4_is_zeronet(daddr) || ipv4_is_loopback(daddr))
		goto martian_destination;

	fa = fib_lookup(net, daddr, 0);
	if (!fa) {
		err = net->ip_forward ? -ENETUNREACH : -EHOSTUNREACH;
		goto no_route;
	}
	if (fa->fa_type == RTN_BROADCAST)
		goto brd_input;
	if (fa->fa_type == RTN_LOCAL) {
		struct rtable *rt;

		if (fib_validate_source(net, saddr, dev))
			goto martian_source;
		/* KERNEL: the kernel's local input route uses lo as dst.dev. */
		rt = rt_cache_route(fa);
		if (!rt)
			return -ENOBUFS;
		skb_dst_set_noref(skb, &rt_sim_use(net, rt)->dst);
		TRACE_NOTE(net, skb, "result=local");
		return 0;
	}
	if (!net->ip_forward) {
		err = -EHOSTUNREACH;
		goto no_route;
	}
	if (fa->fa_type != RTN_UNICAST)
		goto martian_destination;
	if (fib_validate_source(net, saddr, dev))
		goto martian_source;
	TRACE_NOTE(net, skb, "result=forward");
	return ip_mkroute_input(skb, fa, dev);

brd_input:
	if (saddr && fib_validate_source(net, saddr, dev))
		goto martian_source;
	TRACE_NOTE(net, skb, "result=broadcast");
	return ip_sim_brd_input(skb, fa, dev);

no_route:
	IP_INC_STATS(net, err == -EHOSTUNREACH ? IPSTATS_MIB_INADDRERRORS
					       : IPSTATS_MIB_INNOROUTES);
	TRACE_NOTE(net, skb, "reason=%s daddr=%s",
		   err == -EHOSTUNREACH ? "not_forwarding" : "no_route", db);
	return err;
martian_destination:
	NET_INC_STATS(net, RT_CACHE_STAT_IN_MARTIAN_DST);
	TRACE_NOTE(net, skb, "reason=martian_destination daddr=%s", db);
	return -EINVAL;
martian_source:
	NET_INC_STATS(net, RT_CACHE_STAT_IN_MARTIAN_SRC);
	TRACE_NOTE(net, skb, "reason=martian_source saddr=%s", sb);
	return -EINVAL;
}

/**
 * ip_route_input_noref - route a received packet (see
 * ip_route_input_slow for the results).  Does not consume @skb.
 */
int
ip_route_input_noref(struct sk_buff *skb, __be32 daddr, __be32 saddr, u8 tos,
		     struct net_device *dev)
{
	struct host *net = dev_net(dev);
	struct fib_sim_desc desc;
	const struct fib_sim_desc *d = fib_sim_describe(net, fib_sim_preview(net, daddr, 0),
							&desc);
	char db[INET_ADDRSTRLEN], sb[INET_ADDRSTRLEN];
	TRACEPOINTF(net, skb, "daddr=%s saddr=%s in=%s matched=%s gw=%s dev=%s row=%d",
		    sim_ip_str(db, daddr), sim_ip_str(sb, saddr), dev->name, d->matched,
		    d->gw, d->dev, d->row);

	/* KERNEL: a multicast group the device joined goes to
	 * ip_route_input_mc; netstep joins none. */
	if (ipv4_is_multicast(daddr)) {
		NET_INC_STATS(net, RT_CACHE_STAT_IN_MARTIAN_DST);
		TRACE_NOTE(net, skb, "reason=multicast_not_joined daddr=%s", db);
		return -EINVAL;
	}
	return ip_route_input_slow(skb, daddr, saddr, tos, dev);
}

/* ---------------------------------------------------------------- */
/* Path MTU, net/ipv4/route.c                                       */
/* ---------------------------------------------------------------- */

/**
 * update_or_create_fnhe - remember @pmtu for @daddr on @fa's nexthop
 * until @expires; the exception gets its own rtable, which output
 * lookups for @daddr return from now on.
 */
static void
update_or_create_fnhe(struct host *net, struct fib_alias *fa, __be32 daddr, u32 pmtu,
		      unsigned long expires)
{
	struct fib_nh *nh = &fa->fa_info.fib_nh;
	struct fib_nh_exception *fnhe, *oldest = NULL;
	char db[INET_ADDRSTRLEN];
	TRACEPOINTF(net, NULL, "daddr=%s pmtu=%u expires_in=%lus", sim_ip_str(db, daddr),
		    pmtu, (expires - host_jiffies(net)) / HZ);

	for (fnhe = nh->nh_exceptions; fnhe; fnhe = fnhe->fnhe_next) {
		if (fnhe->fnhe_daddr == daddr)
			break;
		if (!oldest || time_before(fnhe->fnhe_stamp, oldest->fnhe_stamp))
			oldest = fnhe;
	}
	if (!fnhe && nh->nh_nexceptions >= FNHE_SIM_MAX) {
		/* Full: recycle the oldest, as the kernel's fnhe_oldest(). */
		fnhe = oldest;
		fib_sim_bury(fa->fa_table, fnhe->fnhe_rth);
		fnhe->fnhe_rth = NULL;
		fnhe->fnhe_daddr = daddr;
		TRACE_NOTE(net, NULL, "reason=recycled_oldest");
	} else if (!fnhe) {
		fnhe = calloc(1, sizeof(*fnhe));
		if (!fnhe)
			return;
		fnhe->fnhe_daddr = daddr;
		fnhe->fnhe_next = nh->nh_exceptions;
		nh->nh_exceptions = fnhe;
		nh->nh_nexceptions++;
	}
	if (!fnhe->fnhe_rth) {
		fnhe->fnhe_rth = rt_dst_alloc(nh->nh_dev, RTN_UNICAST, nh->nh_gw, fa);
		if (!fnhe->fnhe_rth) {
			/* NOTE: no memory: leave the exception without a
			 * route; it expires unused. */
			fnhe->fnhe_pmtu = 0;
			return;
		}
	}
	fnhe->fnhe_pmtu = pmtu;
	fnhe->fnhe_expires = expires;
	fnhe->fnhe_stamp = host_jiffies(net);
	fnhe->fnhe_rth->rt_pmtu = pmtu;
	fnhe->fnhe_rth->rt_pmtu_expires = expires;
}

/**
 * __ip_rt_update_pmtu - lower the path MTU towards @daddr to @mtu,
 * unless the route's MTU is locked or @mtu is no smaller than the
 * device MTU; never below IP_RT_MIN_PMTU (552).
 */
static void
__ip_rt_update_pmtu(struct host *net, struct fib_alias *fa, __be32 daddr, u32 mtu)
{
	struct net_device *dev = fa->fa_info.fib_nh.nh_dev;
	TRACEPOINTF(net, NULL, "mtu=%u dev=%s dev_mtu=%u locked=%d", mtu, dev->name,
		    dev->mtu, fa->fa_info.fib_mtu_locked);

	if (fa->fa_info.fib_mtu_locked) {
		TRACE_NOTE(net, NULL, "reason=mtu_locked");
		return;
	}
	if (mtu < IP_RT_MIN_PMTU)
		mtu = IP_RT_MIN_PMTU;
	if (mtu >= dev->mtu) {
		TRACE_NOTE(net, NULL, "reason=not_below_device_mtu");
		return;
	}
	update_or_create_fnhe(net, fa, daddr, mtu, host_jiffies(net) + IP_RT_MTU_EXPIRES);
}

/**
 * ipv4_update_pmtu - an ICMP "fragmentation needed" said packets to
 * @daddr must be at most @mtu bytes: record a nexthop exception.
 */
void
ipv4_update_pmtu(struct host *net, __be32 daddr, u32 mtu)
{
	char db[INET_ADDRSTRLEN];
	struct fib_alias *fa;
	TRACEPOINTF(net, NULL, "daddr=%s mtu=%u", sim_ip_str(db, daddr), mtu);

	fa = fib_lookup(net, daddr, 0);
	if (!fa || fa->fa_type != RTN_UNICAST) {
		TRACE_NOTE(net, NULL, "reason=no_unicast_route");
		return;
	}
	__ip_rt_update_pmtu(net, fa, daddr, mtu);
}

/* ---------------------------------------------------------------- */
/* What the tools print, fib_trie.c (/proc/net/route) and rtnetlink */
/* ---------------------------------------------------------------- */

/* Lookups that returned any rtable of @fa: `route -n`'s Use column. */
static unsigned long
fib_sim_use(const struct fib_alias *fa)
{
	const struct fib_nh *nh = &fa->fa_info.fib_nh;
	unsigned long use = 0;

	if (nh->nh_rth_output)
		use += nh->nh_rth_output->dst.__use;
	if (nh->nh_rth_input)
		use += nh->nh_rth_input->dst.__use;
	for (const struct fib_nh_exception *f = nh->nh_exceptions; f; f = f->fnhe_next)
		if (f->fnhe_rth)
			use += f->fnhe_rth->dst.__use;
	return use;
}

/**
 * fib_route_show - the main table as net-tools' `route -n` prints it
 * (it reads /proc/net/route, written by fib_route_seq_show).
 *
 * NOTE: 3.10's /proc/net/route always says 0 in Use (there is no
 * route cache to count in); netstep shows its per-row lookup count,
 * which is what the column meant and what a student wants to see.
 */
void
fib_route_show(struct host *net, FILE *out)
{
	static const char KSRC[] = "net/ipv4/fib_trie.c";
	struct fib_table *tb = fib_get_table(net, RT_TABLE_MAIN);
	struct fib_alias **v;
	u32 n;
	TRACEPOINTF(net, NULL, "rows=%u", tb->tb_nroutes);

	v = fib_sim_sorted(tb, &n);
	fprintf(out, "Kernel IP routing table\n");
	fprintf(out, "Destination     Gateway         Genmask         "
		"Flags Metric Ref    Use Iface\n");
	for (u32 i = 0; i < n; i++) {
		const struct fib_alias *fa = v[i];
		const struct fib_info *fi = &fa->fa_info;
		char db[INET_ADDRSTRLEN], gb[INET_ADDRSTRLEN], mb[INET_ADDRSTRLEN];
		char flags[4], *p = flags;

		*p++ = 'U';
		if (fi->fib_nh.nh_gw)
			*p++ = 'G';
		if (fa->fa_node->fn_plen == 32)
			*p++ = 'H';
		*p = '\0';
		fprintf(out, "%-15s %-15s %-15s %-5s %-6d %-2d %7lu %s\n",
			sim_ip_str(db, fa->fa_node->fn_key), sim_ip_str(gb, fi->fib_nh.nh_gw),
			sim_ip_str(mb, inet_make_mask(fa->fa_node->fn_plen)), flags,
			(int)fi->fib_priority, 0, fib_sim_use(fa), fi->fib_nh.nh_dev->name);
	}
	free(v);
}

static const char *
rtnl_rtprot_n2a(u8 proto)
{
	switch (proto) {
	case RTPROT_KERNEL: return "kernel";
	case RTPROT_BOOT: return "boot";
	case RTPROT_STATIC: return "static";
	default: return "unspec";
	}
}

/* The RTA_METRICS part of a line: " mtu 1400" or " mtu lock 1400". */
static void
fib_sim_print_mtu(FILE *out, u32 mtu, bool locked)
{
	if (mtu)
		fprintf(out, " mtu %s%u", locked ? "lock " : "", mtu);
}

/**
 * fib_ip_route_show - the main table as `ip route show` prints it
 * (iproute2 of the 3.10 era: double spaces and a trailing blank are
 * part of that format).
 */
void
fib_ip_route_show(struct host *net, FILE *out)
{
	static const char KSRC[] = "net/ipv4/fib_trie.c";
	struct fib_table *tb = fib_get_table(net, RT_TABLE_MAIN);
	struct fib_alias **v;
	u32 n;
	TRACEPOINTF(net, NULL, "rows=%u", tb->tb_nroutes);

	v = fib_sim_sorted(tb, &n);
	for (u32 i = 0; i < n; i++) {
		const struct fib_alias *fa = v[i];
		const struct fib_info *fi = &fa->fa_info;
		char ab[INET_ADDRSTRLEN];

		if (fa->fa_node->fn_plen == 0)
			fprintf(out, "default ");
		else if (fa->fa_node->fn_plen == 32)
			fprintf(out, "%s ", sim_ip_str(ab, fa->fa_node->fn_key));
		else
			fprintf(out, "%s/%d ", sim_ip_str(ab, fa->fa_node->fn_key),
				fa->fa_node->fn_plen);
		if (fi->fib_nh.nh_gw)
			fprintf(out, "via %s ", sim_ip_str(ab, fi->fib_nh.nh_gw));
		fprintf(out, "dev %s ", fi->fib_nh.nh_dev->name);
		if (fi->fib_protocol != RTPROT_BOOT)
			fprintf(out, " proto %s ", rtnl_rtprot_n2a(fi->fib_protocol));
		if (fi->fib_scope == RT_SCOPE_LINK)
			fprintf(out, " scope link ");
		else if (fi->fib_scope == RT_SCOPE_HOST)
			fprintf(out, " scope host ");
		if (fi->fib_prefsrc)
			fprintf(out, " src %s ", sim_ip_str(ab, fi->fib_prefsrc));
		if (fi->fib_priority)
			fprintf(out, " metric %d ", (int)fi->fib_priority);
		fib_sim_print_mtu(out, fi->fib_mtu, fi->fib_mtu_locked);
		fprintf(out, "\n");
	}
	free(v);
}

/**
 * fib_ip_route_get - `ip route get ADDR`: the route an output lookup
 * returns, printed as iproute2 prints a cloned route, e.g.
 *   10.0.1.2 via 10.0.0.1 dev eth0  src 10.0.0.2 
 *       cache  expires 599sec mtu 1400
 * Returns 0, or the lookup's -Exxx (nothing printed).
 */
int
fib_ip_route_get(struct host *net, __be32 daddr, FILE *out)
{
	static const char KSRC[] = "net/ipv4/route.c";
	struct flowi4 fl4 = { .daddr = daddr };
	char ab[INET_ADDRSTRLEN];
	unsigned long now = host_jiffies(net);
	struct rtable *rt;
	u32 mtu = 0;
	bool locked = false;
	TRACEPOINTF(net, NULL, "daddr=%s", sim_ip_str(ab, daddr));

	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt))
		return (int)PTR_ERR(rt);
	if (rt->rt_type == RTN_LOCAL)
		fprintf(out, "local ");
	else if (rt->rt_type == RTN_BROADCAST)
		fprintf(out, "broadcast ");
	fprintf(out, "%s ", sim_ip_str(ab, daddr));
	if (rt->rt_gateway)
		fprintf(out, "via %s ", sim_ip_str(ab, rt->rt_gateway));
	fprintf(out, "dev %s ", rt->dst.dev->name);
	fprintf(out, " src %s ", sim_ip_str(ab, fl4.saddr));
	fprintf(out, "\n    cache ");
	if (rt->rt_type == RTN_LOCAL)
		fprintf(out, "<local> ");
	else if (rt->rt_type == RTN_BROADCAST)
		fprintf(out, "<local,brd> ");
	if (rt->fa) {
		mtu = rt->fa->fa_info.fib_mtu;
		locked = rt->fa->fa_info.fib_mtu_locked;
	}
	if (rt->rt_pmtu && time_before(now, rt->rt_pmtu_expires)) {
		fprintf(out, " expires %lusec", (rt->rt_pmtu_expires - now) / HZ);
		mtu = rt->rt_pmtu;
	}
	fib_sim_print_mtu(out, mtu, locked);
	fprintf(out, "\n");
	return 0;
}

/* ---------------------------------------------------------------- */
/* Setup and teardown, net/ipv4/fib_frontend.c                      */
/* ---------------------------------------------------------------- */

/**
 * ip_fib_init - give @net its local and main tables (empty).
 * 0 or -ENOMEM.
 */
int
ip_fib_init(struct host *net)
{
	static const char KSRC[] = "net/ipv4/fib_frontend.c";
	TRACEPOINTF(net, NULL, "tables=local,main");

	net->fib = calloc(2, sizeof(*net->fib));
	if (!net->fib)
		return -ENOMEM;
	net->fib[0].tb_id = RT_TABLE_LOCAL;
	net->fib[1].tb_id = RT_TABLE_MAIN;
	net->fib[0].tb_net = net;
	net->fib[1].tb_net = net;
	return 0;
}

static void
fib_sim_free_alias(struct fib_alias *fa)
{
	struct fib_nh *nh = &fa->fa_info.fib_nh;

	free(nh->nh_rth_output);
	free(nh->nh_rth_input);
	while (nh->nh_exceptions) {
		struct fib_nh_exception *fnhe = nh->nh_exceptions;

		nh->nh_exceptions = fnhe->fnhe_next;
		free(fnhe->fnhe_rth);
		free(fnhe);
	}
	free(fa);
}

/* Free every zone, prefix, row and rtable of @tb, buried ones too. */
static void
fib_sim_free_table(struct fib_table *tb)
{
	for (int plen = 0; plen <= 32; plen++) {
		struct fn_zone *fz = tb->fn_zones[plen];

		for (u32 i = 0; fz && i < fz->fz_divisor; i++) {
			struct fib_node *f = fz->fz_hash[i], *fnext;

			for (; f; f = fnext) {
				struct fib_alias *fa = f->fn_alias, *anext;

				fnext = f->fn_hash_next;
				for (; fa; fa = anext) {
					anext = fa->fa_next;
					fib_sim_free_alias(fa);
				}
				free(f);
			}
		}
		if (fz)
			free(fz->fz_hash);
		free(fz);
	}
	for (u32 i = 0; i < tb->dst_garbage_len; i++)
		free(tb->dst_garbage[i]);
	free(tb->dst_garbage);
	for (int i = 0; i < HOST_MAX_DEVS; i++)
		free(tb->tb_lbcast[i]);
}

/**
 * ip_fib_exit - free both tables and every rtable ever handed out.
 * Runs after the host's devices and skbs are gone, so nothing can
 * point at a route any more.
 */
void
ip_fib_exit(struct host *net)
{
	static const char KSRC[] = "net/ipv4/fib_frontend.c";
	TRACEPOINTF(net, NULL, "%s", "");

	if (!net->fib)
		return;
	fib_sim_free_table(&net->fib[0]);
	fib_sim_free_table(&net->fib[1]);
	free(net->fib);
	net->fib = NULL;
}
