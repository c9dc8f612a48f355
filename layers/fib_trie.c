/*
 * layers/fib_trie.c - the routing table itself: where the route rows of
 * one table are kept, how a destination finds its longest matching
 * prefix, how rows are added and removed, and the walks over a table
 * that `route -n` and `ip route show` print.
 *
 * Mirrors net/ipv4/fib_trie.c of Linux 3.10 (fib_table_lookup,
 * fib_table_insert, fib_table_delete, fib_route_seq_show), with the
 * nexthop check of net/ipv4/fib_semantics.c (fib_check_nh) that the
 * insert path runs.  Read layers/fib_lookup.h first (struct fib_alias
 * and struct fib_table), then layers/fib_frontend.c, which asks this
 * file for rows (fib_lookup, fib_add_ifaddr, the netlink handlers);
 * read layers/route.c after it (what becomes of the row a lookup found).
 *
 * KERNEL: 3.10 keeps each table as an LC-trie: leaves sorted by key,
 * each with its prefixes by decreasing length.  netstep uses the layout
 * the kernel had before (fib_hash.c, removed in 2.6.39): one hash table
 * per prefix length (struct fn_zone), probed from /32 down to /0.  A
 * lookup costs at most 33 hash probes whatever the number of routes
 * (the 100,000-route benchmark stays flat), the longest-prefix rule is
 * visible in one loop, and there is no trie rebalancing to explain.
 * The trie's other gift, a walk in key order for `route -n`, is
 * replaced by a sort when printing.
 *
 * Left out: the trie and its resizing, tables other than local/main,
 * TOS, fib_info sharing between rows, route flushing when a device goes
 * down (rows are kept and skipped), the netlink dump (fib_table_dump).
 */
#include "kernel/trace.h"
#include "layers/fib_lookup.h"
#include "layers/route.h"
#include "layers/neighbour.h"
#include "layers/net_namespace.h"
#include "events/fib.h"

#include <stdlib.h>
#include <string.h>

static const char KSRC[] = "net/ipv4/fib_trie.c";

/* route -n flags, include/uapi/linux/route.h */
#define RTF_UP			0x0001
#define RTF_GATEWAY		0x0002
#define RTF_HOST		0x0004

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

/* Remember @rt until ip_fib_net_exit(): an skb may still point at it. */
void
sim_fib_bury(struct fib_table *tb, struct rtable *rt)
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
/* Zones of prefixes (fib_hash layout, see the head of this file)   */
/* ---------------------------------------------------------------- */

static u32
sim_fn_hash(const struct fn_zone *fz, __be32 key)
{
	u32 h = fz->fz_order ? ntohl(key) >> (32 - fz->fz_order) : 0;

	/* Fibonacci hashing: spreads consecutive prefixes over buckets. */
	return (h * 0x9E3779B1u) >> 16 & (fz->fz_divisor - 1);
}

static struct fn_zone *
sim_fn_new_zone(struct fib_table *tb, int plen)
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
sim_fn_rehash_zone(struct fn_zone *fz)
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
			u32 h = sim_fn_hash(fz, f->fn_key);

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
	struct fib_node *f = fz->fz_hash[sim_fn_hash(fz, key)];

	for (; f; f = f->fn_hash_next)
		if (f->fn_key == key)
			return f;
	return NULL;
}

/* The prefix @key/@plen of @tb (host bits of @key ignored), or NULL. */
static struct fib_node *
sim_fib_find_prefix(const struct fib_table *tb, __be32 key, int plen)
{
	const struct fn_zone *fz = tb->fn_zones[plen];

	return fz ? fib_find_node(fz, key & fz->fz_mask) : NULL;
}

/* The first usable row of a prefix: lowest metric, right device. */
static struct fib_alias *
sim_fib_check_node(const struct fib_node *f, int oif)
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
struct fib_alias *
sim_fib_search(const struct fib_table *tb, __be32 daddr, int oif)
{
	for (int plen = 32; plen >= 0; plen--) {
		const struct fn_zone *fz = tb->fn_zones[plen];
		struct fib_node *f;
		struct fib_alias *fa;

		if (!fz || !fz->fz_nent)
			continue;
		f = fib_find_node(fz, daddr & fz->fz_mask);
		if (f && (fa = sim_fib_check_node(f, oif)) != NULL)
			return fa;
	}
	return NULL;
}

/* ---------------------------------------------------------------- */
/* Row order and `route -n` numbering                               */
/* ---------------------------------------------------------------- */

/* Key order, as a walk of the kernel's trie gives it: prefix ascending,
 * longer prefix first, then metric, then age. */
static int
sim_fib_cmp(const void *a, const void *b)
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
struct fib_alias **
sim_fib_sorted(struct fib_table *tb, u32 *n)
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
	qsort(v, k, sizeof(*v), sim_fib_cmp);
	*n = k;
	return v;
}

/* Renumber fa_index after the table changed (only when asked for). */
static void
sim_fib_renumber(struct fib_table *tb)
{
	struct fib_alias **v;
	u32 n;

	if (!tb->tb_index_dirty)
		return;
	v = sim_fib_sorted(tb, &n);
	for (u32 i = 0; i < n; i++)
		v[i]->fa_index = (int)i;
	free(v);
	tb->tb_index_dirty = false;
}

/**
 * sim_fib_alias_index - row of @fa in `route -n` order (0 = first row),
 * -1 for rows of the local table (route -n does not show them).
 */
int
sim_fib_alias_index(struct net *net, const struct fib_alias *fa)
{
	if (!fa || fa->fa_table->tb_id != RT_TABLE_MAIN)
		return -1;
	sim_fib_renumber(fib_get_table(net, RT_TABLE_MAIN));
	return fa->fa_index;
}

/*
 * What the route events say about the row @fa (or that there is none).
 * NOTE: the row number may renumber the main table first (a cache of
 * route -n order, see sim_fib_alias_index): nothing a reader can see changes.
 */
struct sim_fib_desc
sim_fib_describe(struct net *net, const struct fib_alias *fa)
{
	struct sim_fib_desc d = { { 0, -1 }, 0, "none", -1 };

	if (!fa)
		return d;
	d.matched.key = fa->fa_node->fn_key;
	d.matched.plen = fa->fa_node->fn_plen;
	d.gw = fa->fa_info.fib_nh.nh_gw;
	d.dev = fa->fa_info.fib_nh.nh_dev->name;
	d.row = sim_fib_alias_index(net, fa);
	return d;
}

/* ---------------------------------------------------------------- */
/* Lookup                                                           */
/* ---------------------------------------------------------------- */

/**
 * fib_table_lookup - longest-prefix match for @daddr in @tb.
 * Returns the row, or NULL if no prefix covers @daddr.
 */
struct fib_alias *
fib_table_lookup(struct fib_table *tb, __be32 daddr, int oif)
{
	struct fib_alias *fa = sim_fib_search(tb, daddr, oif);
	trace_fib_table_lookup(tb, daddr, fa);

	return fa;
}

/* ---------------------------------------------------------------- */
/* Insert and delete                                                */
/* ---------------------------------------------------------------- */

/* Is @gw a neighbour on a connected subnet (fib_check_nh, scope link)?
 * Returns the device it is reached by, or NULL. */
static struct net_device *
sim_fib_gw_dev(struct net *net, __be32 gw, struct net_device *dev)
{
	struct fib_alias *fa = sim_fib_search(fib_get_table(net, RT_TABLE_MAIN), gw,
					      dev ? dev->ifindex : 0);

	if (!fa || fa->fa_type != RTN_UNICAST || fa->fa_info.fib_nh.nh_gw)
		return NULL;
	return fa->fa_info.fib_nh.nh_dev;
}

/* Check a new route's nexthop; 0 or -Exxx (fib_create_info / fib_check_nh,
 * both in net/ipv4/fib_semantics.c). */
static int
fib_check_nh(struct net *net, struct fib_config *cfg)
{
	struct net_device *dev = cfg->fc_dev;

	if (cfg->fc_type != RTN_UNICAST)
		return dev ? 0 : -ENODEV;
	if (cfg->fc_gw) {
		if (inet_addr_type(net, cfg->fc_gw) != RTN_UNICAST)
			return -EINVAL;
		/* "Nexthop has invalid gateway": not on a connected subnet. */
		dev = sim_fib_gw_dev(net, cfg->fc_gw, cfg->fc_dev);
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
sim_fib_link(struct fib_table *tb, __be32 key, int plen, struct fib_alias *fa)
{
	struct fn_zone *fz = tb->fn_zones[plen];
	struct fib_node *f;
	struct fib_alias **pp;

	if (!fz && !(fz = sim_fn_new_zone(tb, plen)))
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
			sim_fn_rehash_zone(fz);
		h = sim_fn_hash(fz, key);
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

/* A row says what @cfg says (fib_create_info, one fib_info per row). */
static void
sim_fib_fill_info(struct fib_alias *fa, const struct fib_config *cfg)
{
	fa->fa_type = cfg->fc_type;
	fa->fa_info.fib_protocol = cfg->fc_protocol;
	fa->fa_info.fib_scope = cfg->fc_scope;
	fa->fa_info.fib_priority = cfg->fc_priority;
	fa->fa_info.fib_prefsrc = cfg->fc_prefsrc;
	fa->fa_info.fib_mtu = cfg->fc_mtu;
	fa->fa_info.fib_mtu_locked = cfg->fc_mx_lock & (1U << RTAX_MTU);
	fa->fa_info.fib_advmss = cfg->fc_advmss;
	fa->fa_info.fib_nh.nh_dev = cfg->fc_dev;
	fa->fa_info.fib_nh.nh_gw = cfg->fc_gw;
}

/* Drop what a nexthop cached: its rtables and PMTU exceptions (the
 * rtables go to the graveyard, where holders see them obsolete). */
static void
sim_fib_nh_release(struct fib_table *tb, struct fib_nh *nh)
{
	sim_fib_bury(tb, nh->nh_rth_output);
	sim_fib_bury(tb, nh->nh_rth_input);
	nh->nh_rth_output = nh->nh_rth_input = NULL;
	while (nh->nh_exceptions) {
		struct fib_nh_exception *fnhe = nh->nh_exceptions;

		nh->nh_exceptions = fnhe->fnhe_next;
		sim_fib_bury(tb, fnhe->fnhe_rth);
		free(fnhe);
	}
	nh->nh_nexceptions = 0;
}

/**
 * fib_table_insert - add the route @cfg to its table (3.10 passes the
 * struct fib_table; here @cfg->fc_table names it in @net), or with
 * NLM_F_REPLACE change the row of the same prefix and metric.
 * Returns 0, -EEXIST (same prefix and metric already there and no
 * NLM_F_REPLACE), -ENOENT (NLM_F_REPLACE without NLM_F_CREATE and no
 * such row), -EINVAL
 * (host bits set in the prefix, bad gateway), -ENETUNREACH (gateway not
 * on a connected subnet), -ENODEV, -ENETDOWN or -ENOBUFS.
 */
int
fib_table_insert(struct net *net, struct fib_config *cfg)
{
	struct fib_table *tb = fib_get_table(net, cfg->fc_table);
	struct fib_node *f;
	struct fib_alias *fa;
	int err;
	trace_fib_table_insert(net, cfg);

	if (cfg->fc_dst_len < 0 || cfg->fc_dst_len > 32)
		return -EINVAL;
	if (cfg->fc_dst & ~inet_make_mask(cfg->fc_dst_len))
		return -EINVAL;		/* "Invalid prefix for given prefix length" */
	err = fib_check_nh(net, cfg);
	if (err) {
		trace_fib_failed(net, "bad_nexthop", err);
		return err;
	}
	f = sim_fib_find_prefix(tb, cfg->fc_dst, cfg->fc_dst_len);
	for (fa = f ? f->fn_alias : NULL; fa; fa = fa->fa_next)
		if (fa->fa_info.fib_priority == cfg->fc_priority)
			break;
	if (fa) {
		/* NLM_F_EXCL (`ip route add`): the row is there.  KERNEL:
		 * without EXCL 3.10 would append a second row (ip route
		 * append); netstep keeps one per prefix and metric. */
		if (!(cfg->fc_nlflags & NLM_F_REPLACE))
			return -EEXIST;
		/* NLM_F_REPLACE (`ip route change|replace`): the row takes
		 * the new nexthop and metrics; what was cached from the old
		 * one goes, as rt_cache_flush makes every cached route stale. */
		sim_fib_nh_release(tb, &fa->fa_info.fib_nh);
		sim_fib_fill_info(fa, cfg);
		return 0;
	}
	if ((cfg->fc_nlflags & NLM_F_REPLACE) && !(cfg->fc_nlflags & NLM_F_CREATE))
		return -ENOENT;		/* `ip route change` of a route that is not there */

	fa = calloc(1, sizeof(*fa));
	if (!fa)
		return -ENOBUFS;
	sim_fib_fill_info(fa, cfg);
	err = sim_fib_link(tb, cfg->fc_dst, cfg->fc_dst_len, fa);
	if (err)
		free(fa);
	return err;
}

/* Unlink @fa from its prefix and free it; its rtables go to the graveyard. */
void
sim_fib_unlink(struct fib_alias *fa)
{
	struct fib_table *tb = fa->fa_table;
	struct fib_node *f = fa->fa_node;
	struct fib_alias **pp;

	for (pp = &f->fn_alias; *pp != fa; pp = &(*pp)->fa_next)
		;
	*pp = fa->fa_next;
	sim_fib_nh_release(tb, &fa->fa_info.fib_nh);
	tb->tb_nroutes--;
	tb->tb_index_dirty = true;
	free(fa);
	if (!f->fn_alias) {
		struct fn_zone *fz = tb->fn_zones[f->fn_plen];
		struct fib_node **fp = &fz->fz_hash[sim_fn_hash(fz, f->fn_key)];

		while (*fp != f)
			fp = &(*fp)->fn_hash_next;
		*fp = f->fn_hash_next;
		fz->fz_nent--;
		free(f);
	}
}

/* Does the row @fa match what `ip route del` gave (0 = not given)? */
static bool
sim_fib_match(const struct fib_alias *fa, const struct fib_config *cfg)
{
	const struct fib_info *fi = &fa->fa_info;

	if (cfg->fc_gw && fi->fib_nh.nh_gw != cfg->fc_gw)
		return false;
	if (cfg->fc_dev && fi->fib_nh.nh_dev != cfg->fc_dev)
		return false;
	if (cfg->fc_has_priority && fi->fib_priority != cfg->fc_priority)
		return false;
	if (cfg->fc_protocol && fi->fib_protocol != cfg->fc_protocol)
		return false;
	return !cfg->fc_type || fa->fa_type == cfg->fc_type;
}

/**
 * fib_table_delete - remove the first row of @cfg->fc_table
 * matching @cfg (prefix, and gateway/device/metric/protocol/type when
 * given).  0, or -ESRCH if none matches.
 */
int
fib_table_delete(struct net *net, struct fib_config *cfg)
{
	struct fib_table *tb = fib_get_table(net, cfg->fc_table);
	struct fib_node *f;
	trace_fib_table_delete(net, cfg);

	if (cfg->fc_dst_len < 0 || cfg->fc_dst_len > 32)
		return -EINVAL;
	f = sim_fib_find_prefix(tb, cfg->fc_dst, cfg->fc_dst_len);
	for (struct fib_alias *fa = f ? f->fn_alias : NULL; fa; fa = fa->fa_next) {
		if (sim_fib_match(fa, cfg)) {
			sim_fib_unlink(fa);
			return 0;
		}
	}
	return -ESRCH;
}

/**
 * sim_fib_table_insert - add a unicast route to the main table, as
 * `ip route add DST/PLEN [via GW] [dev DEV] [metric N] [mtu N]` does
 * (proto boot; scope link when there is no gateway).  A setup helper
 * for the topology, the TAP world and the tests: it fills a fib_config
 * and calls fib_table_insert.
 */
int
sim_fib_table_insert(struct net *net, __be32 dst, int plen, __be32 gw,
		     struct net_device *dev, u32 metric, u32 mtu)
{
	struct fib_config cfg = sim_fib_config(RT_TABLE_MAIN, dst, plen, gw, dev);

	cfg.fc_priority = metric;
	cfg.fc_protocol = RTPROT_BOOT;
	cfg.fc_scope = gw ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
	cfg.fc_type = RTN_UNICAST;
	cfg.fc_mtu = mtu;
	return fib_table_insert(net, &cfg);
}

/**
 * sim_fib_table_delete - remove a main-table route (`ip route del`):
 * @gw and @dev narrow the match when non-zero.  0 or -ESRCH.  The
 * setup helper's pair: fills a fib_config, calls fib_table_delete.
 */
int
sim_fib_table_delete(struct net *net, __be32 dst, int plen, __be32 gw,
		     struct net_device *dev)
{
	struct fib_config cfg = sim_fib_config(RT_TABLE_MAIN, dst, plen, gw, dev);

	return fib_table_delete(net, &cfg);
}

/* ---------------------------------------------------------------- */
/* What the tools print: /proc/net/route and the rtnetlink dump     */
/* ---------------------------------------------------------------- */

/* Print every row of table @id, in `route -n` order (the order of the
 * kernel's dump: by address, longer prefixes first), with @show_row. */
static void
sim_fib_show_rows(struct net *net, u32 id, FILE *out,
		  void (*show_row)(FILE *out, const struct fib_alias *fa))
{
	struct fib_alias **v;
	u32 n;

	v = sim_fib_sorted(fib_get_table(net, id), &n);
	for (u32 i = 0; i < n; i++)
		show_row(out, v[i]);
	free(v);
}

/* Lookups that returned any rtable of @fa: `route -n`'s Use column. */
static unsigned long
sim_fib_use(const struct fib_alias *fa)
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

/* What `route -n` shows of the row @fa. */
static struct sim_fib_row
sim_fib_row_of(const struct fib_alias *fa)
{
	const struct fib_info *fi = &fa->fa_info;
	struct sim_fib_row row = {
		.dst = fa->fa_node->fn_key,
		.plen = fa->fa_node->fn_plen,
		.mask = inet_make_mask(fa->fa_node->fn_plen),
		.gw = fi->fib_nh.nh_gw,
		.metric = fi->fib_priority,
		.use = sim_fib_use(fa),
		.dev = fi->fib_nh.nh_dev->name,
	};
	char *p = row.flags;

	*p++ = 'U';
	if (row.gw)
		*p++ = 'G';
	if (row.plen == 32)
		*p++ = 'H';
	*p = '\0';
	return row;
}

/* One `route -n` line (what fib_route_seq_show writes for a row). */
static void
sim_fib_route_line(FILE *out, const struct fib_alias *fa)
{
	const struct sim_fib_row row = sim_fib_row_of(fa);

	fprintf(out, "%-15s %-15s %-15s %-5s %-6d %-2d %7lu %s\n", sim_ip_str(row.dst).s,
		sim_ip_str(row.gw).s, sim_ip_str(row.mask).s, row.flags, (int)row.metric, 0,
		row.use, row.dev);
}

/**
 * sim_fib_for_each_row - hand @fn every row of the main table as
 * `route -n` shows it, in that order (row 0 first, as the route events'
 * row= counts).  Reads only and traces nothing: for readers of the
 * model, such as the UI's route pane.
 */
void
sim_fib_for_each_row(struct net *net, void (*fn)(const struct sim_fib_row *row, void *arg),
		     void *arg)
{
	struct fib_alias **v;
	u32 n;

	v = sim_fib_sorted(fib_get_table(net, RT_TABLE_MAIN), &n);
	for (u32 i = 0; i < n; i++) {
		const struct sim_fib_row row = sim_fib_row_of(v[i]);

		fn(&row, arg);
	}
	free(v);
}

/**
 * sim_fib_route_show - the main table as net-tools' `route -n` prints it
 * (it reads /proc/net/route, written by fib_route_seq_show).
 *
 * NOTE: 3.10's /proc/net/route always says 0 in Use (there is no
 * route cache to count in); netstep shows its per-row lookup count,
 * which is what the column meant and what a student wants to see.
 */
void
sim_fib_route_show(struct net *net, FILE *out)
{
	trace_sim_fib_route_show(net);

	fprintf(out, "Kernel IP routing table\n");
	fprintf(out, "Destination     Gateway         Genmask         "
		"Flags Metric Ref    Use Iface\n");
	sim_fib_show_rows(net, RT_TABLE_MAIN, out, sim_fib_route_line);
}

static const char *
sim_rtnl_rtprot_n2a(u8 proto)
{
	switch (proto) {
	case RTPROT_KERNEL: return "kernel";
	case RTPROT_BOOT: return "boot";
	case RTPROT_STATIC: return "static";
	default: return "unspec";
	}
}

/* The RTA_METRICS part of a line: " mtu 1400" or " mtu lock 1400". */
void
sim_fib_print_mtu(FILE *out, u32 mtu, bool locked)
{
	if (mtu)
		fprintf(out, " mtu %s%u", locked ? "lock " : "", mtu);
}

/* One `ip route show` line (what fib_dump_info sends for a row, as
 * iproute2 prints it). */
static void
sim_fib_ip_route_line(FILE *out, const struct fib_alias *fa)
{
	const struct fib_info *fi = &fa->fa_info;

	/* iproute2 names every type but unicast. */
	if (fa->fa_type == RTN_LOCAL)
		fprintf(out, "local ");
	else if (fa->fa_type == RTN_BROADCAST)
		fprintf(out, "broadcast ");
	if (fa->fa_node->fn_plen == 0)
		fprintf(out, "default ");
	else if (fa->fa_node->fn_plen == 32)
		fprintf(out, "%s ", sim_ip_str(fa->fa_node->fn_key).s);
	else
		fprintf(out, "%s/%d ", sim_ip_str(fa->fa_node->fn_key).s,
			fa->fa_node->fn_plen);
	if (fi->fib_nh.nh_gw)
		fprintf(out, "via %s ", sim_ip_str(fi->fib_nh.nh_gw).s);
	fprintf(out, "dev %s ", fi->fib_nh.nh_dev->name);
	if (fi->fib_protocol != RTPROT_BOOT)
		fprintf(out, " proto %s ", sim_rtnl_rtprot_n2a(fi->fib_protocol));
	if (fi->fib_scope == RT_SCOPE_LINK)
		fprintf(out, " scope link ");
	else if (fi->fib_scope == RT_SCOPE_HOST)
		fprintf(out, " scope host ");
	if (fi->fib_prefsrc)
		fprintf(out, " src %s ", sim_ip_str(fi->fib_prefsrc).s);
	if (fi->fib_priority)
		fprintf(out, " metric %d ", (int)fi->fib_priority);
	sim_fib_print_mtu(out, fi->fib_mtu, fi->fib_mtu_locked);
	if (fi->fib_advmss)
		fprintf(out, " advmss %u", fi->fib_advmss);
	fprintf(out, "\n");
}

/**
 * sim_fib_ip_route_show - table @id (RT_TABLE_MAIN or RT_TABLE_LOCAL) as
 * `ip route show [table local]` prints it (iproute2 of the 3.10 era:
 * double spaces and a trailing blank are part of that format).
 *
 * KERNEL: the kernel answers RTM_GETROUTE with NLM_F_DUMP through
 * inet_dump_fib (fib_frontend.c) and fib_table_dump (here), and
 * iproute2 formats the messages; netstep formats the rows directly.
 */
void
sim_fib_ip_route_show(struct net *net, u32 id, FILE *out)
{
	trace_sim_fib_ip_route_show(net);

	sim_fib_show_rows(net, id, out, sim_fib_ip_route_line);
}

/* ---------------------------------------------------------------- */
/* Teardown                                                         */
/* ---------------------------------------------------------------- */

static void
sim_fib_free_alias(struct fib_alias *fa)
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

/* Free every zone, prefix, row and rtable of @tb, buried ones too
 * (ip_fib_net_exit; the kernel's fib_table_flush and fib_free_table). */
void
sim_fib_free_table(struct fib_table *tb)
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
					sim_fib_free_alias(fa);
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
