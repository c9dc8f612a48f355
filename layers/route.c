/*
 * layers/route.c - IPv4 route resolution: turning the route row a FIB
 * lookup found into the struct rtable an skb carries, for packets we
 * send (ip_route_output_key) and packets we receive
 * (ip_route_input_noref: deliver, forward or drop), plus the path-MTU
 * exceptions that ICMP "fragmentation needed" leaves behind, and
 * `ip route get`.
 *
 * Mirrors net/ipv4/route.c of Linux 3.10 (and the dst_entry helpers of
 * include/net/dst.h).  Read layers/route.h first (struct dst_entry and
 * struct rtable, what an skb carries), then layers/fib_lookup.h,
 * layers/fib_frontend.c and layers/fib_trie.c (the tables and
 * fib_lookup, which this file calls); read layers/ip_output.c next
 * (ip_queue_xmit calls ip_route_output_ports, ip_finish_output2 uses
 * rt_nexthop) and layers/ip_input.c (ip_rcv_finish calls
 * ip_route_input_noref).
 *
 * Each route row (struct fib_alias) owns the struct rtable that output
 * lookups hand out, as the per-nexthop cached routes of 3.10 do
 * (nh_rth_output; there is no global route cache since 3.6), plus one
 * for forwarded packets (nh_rth_input) and one per PMTU exception.
 *
 * A route to one of our own addresses (a local row: 10.0.0.2, or
 * 127.0.0.0/8) leaves by the loopback device, whatever device the row
 * names: the packet goes down to lo and comes back up (layers/loopback.c).
 *
 * Left out: multipath, TOS, realms, multicast routes, ICMP redirects,
 * RTN_UNREACHABLE/PROHIBIT routes, per-CPU route caches.  Each is
 * marked KERNEL: where it would be.
 */
#include "kernel/trace.h"
#include "layers/skbuff.h"
#include "layers/fib_lookup.h"
#include "layers/route.h"
#include "layers/ip.h"
#include "layers/net_namespace.h"
#include "layers/neighbour.h"
#include "events/fib.h"

#include <stdlib.h>
#include <string.h>

static const char KSRC[] = "net/ipv4/route.c";

/* 10 minutes: how long a learned path MTU lives (ip_rt_mtu_expires). */
#define IP_RT_MTU_EXPIRES	(10 * 60 * HZ)
/* Exceptions kept per nexthop before the oldest is recycled.
 * KERNEL: a 2048-bucket hash per nexthop, 5 deep (FNHE_RECLAIM_DEPTH). */
#define SIM_FNHE_MAX		64

/* include/linux/in.h (the other address classes are in layers/ip.h) */
static inline bool
ipv4_is_loopback(__be32 addr)
{
	return (addr & htonl(0xff000000)) == htonl(0x7f000000);
}

/* ---------------------------------------------------------------- */
/* dst_entry basics, include/net/dst.h                              */
/* ---------------------------------------------------------------- */

static struct net *
sim_dst_net(const struct dst_entry *dst)
{
	return dst && dst->dev ? dev_net(dst->dev) : NULL;
}

/**
 * dst_hold - take a reference on @dst (skb_dst_force, socket caches).
 */
void
dst_hold(struct dst_entry *dst)
{
	trace_dst_hold(sim_dst_net(dst), dst);
	dst->__refcnt++;
}

/**
 * dst_release - drop a reference taken by dst_hold().
 *
 * NOTE: only counts.  Memory is never freed here: a deleted route's
 * rtable waits in the table's dst_garbage list until ip_fib_net_exit().
 */
void
dst_release(struct dst_entry *dst)
{
	trace_dst_release(sim_dst_net(dst), dst);
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
	struct net *net = sim_dst_net(dst);
	u32 metric = rt->fa ? rt->fa->fa_info.fib_mtu : 0;
	unsigned int dev_mtu = dst->dev ? dst->dev->mtu : ETH_DATA_LEN;
	trace_dst_mtu(net, rt, metric, dev_mtu);

	if (rt->rt_pmtu && net && time_before(sim_host_jiffies(net), rt->rt_pmtu_expires))
		/* NOTE: never above the device MTU, which may have been
		 * lowered after the exception was learned. */
		return min_t(unsigned int, rt->rt_pmtu, dev_mtu);
	if (metric)
		return metric;
	return dev_mtu;
}

/* net/ipv4/route.c: the smallest MSS a route's default may give. */
#define SIM_IP_RT_MIN_ADVMSS	256

/**
 * dst_metric_advmss - the MSS TCP advertises for @dst: the route's
 * `advmss` metric if set, else ipv4_default_advmss: the device MTU less
 * 40 bytes of IP and TCP headers, at least ip_rt_min_advmss (256), at
 * most 65535 - 40.  NOTE: the device's MTU, not dst_mtu: a route's `mtu`
 * or a learned path MTU lowers what we send (tcp_sync_mss), not what we
 * advertise.
 */
unsigned int
dst_metric_advmss(const struct dst_entry *dst)
{
	const struct rtable *rt = (const struct rtable *)dst;
	unsigned int advmss = rt->fa ? rt->fa->fa_info.fib_advmss : 0;

	trace_dst_metric_advmss(sim_dst_net(dst), rt, advmss);
	if (!advmss) {
		advmss = max_t(unsigned int, (dst->dev ? dst->dev->mtu : ETH_DATA_LEN) - 40,
			       SIM_IP_RT_MIN_ADVMSS);
		if (advmss > 65535 - 40)
			advmss = 65535 - 40;
	}
	return advmss;
}

/**
 * ip_rt_bug - dst.input of an output route: never called.
 * Consumes @skb.
 */
static int
ip_rt_bug(struct sk_buff *skb)
{
	trace_ip_rt_bug(skb);
	trace_fib_reason(skb->host, skb, "input_on_output_route");
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
	struct rtable *rt;
	trace_rt_dst_alloc(dev, type, gw);

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
/* Output routes                                                    */
/* ---------------------------------------------------------------- */

/**
 * rt_cache_route - the rtable a row hands out, made on first use.
 *
 * Unicast rows: dst.output = ip_output, the gateway as rt_gateway.
 * Local and broadcast rows (local table): dst.input = ip_local_deliver.
 * A local row's rtable leaves by lo (__ip_route_output_key: dev_out =
 * net->loopback_dev), so a packet to our own address comes back in
 * through it with this route still attached.
 * KERNEL: 3.10 keeps one per CPU (nh_pcpu_rth_output), and a second
 * rtable for input (nh_rth_input: dev lo, dst.output = ip_rt_bug);
 * netstep's one rtable of a local row serves both ways.
 */
static struct rtable *
rt_cache_route(struct fib_alias *fa)
{
	struct fib_nh *nh = &fa->fa_info.fib_nh;
	trace_rt_cache_route(nh);

	if (!nh->nh_rth_output) {
		__be32 gw = fa->fa_type == RTN_UNICAST ? nh->nh_gw : 0;
		struct net_device *dev = fa->fa_type == RTN_LOCAL ?
					 dev_net(nh->nh_dev)->loopback_dev : nh->nh_dev;
		struct rtable *rt = rt_dst_alloc(dev, fa->fa_type, gw, fa);

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
	struct net *net = dev_net(nh->nh_dev);
	struct fib_nh_exception **pp, *fnhe;
	trace_find_exception(net, nh, daddr);

	for (pp = &nh->nh_exceptions; (fnhe = *pp) != NULL; pp = &fnhe->fnhe_next) {
		if (fnhe->fnhe_daddr != daddr)
			continue;
		if (time_after_eq(sim_host_jiffies(net), fnhe->fnhe_expires)) {
			trace_fib_exception_expired(net, fnhe);
			*pp = fnhe->fnhe_next;
			nh->nh_nexceptions--;
			sim_fib_bury(fa->fa_table, fnhe->fnhe_rth);
			free(fnhe);
			return NULL;
		}
		return fnhe;
	}
	return NULL;
}

/* Count a lookup on @rt: `route -n` shows the sum as Use. */
static struct rtable *
sim_rt_use(struct net *net, struct rtable *rt)
{
	rt->dst.__use++;
	rt->dst.lastuse = sim_host_jiffies(net);
	return rt;
}

/**
 * __mkroute_output - turn the row @fa into the rtable for @fl4, and
 * pick the source address if the caller left it 0.
 */
static struct rtable *
__mkroute_output(struct net *net, struct fib_alias *fa, struct flowi4 *fl4)
{
	struct fib_nh *nh = &fa->fa_info.fib_nh;
	struct fib_nh_exception *fnhe = NULL;
	struct rtable *rth;
	trace___mkroute_output(net, fa);

	if (!fl4->saddr)
		fl4->saddr = fa->fa_info.fib_prefsrc ? fa->fa_info.fib_prefsrc
			     : inet_select_addr(nh->nh_dev, fl4->daddr);
	if (fa->fa_type == RTN_UNICAST)
		fnhe = find_exception(fa, fl4->daddr);
	rth = fnhe ? fnhe->fnhe_rth : rt_cache_route(fa);
	if (!rth)
		return ERR_PTR(-ENOBUFS);
	return sim_rt_use(net, rth);
}

/* The route for 255.255.255.255: out of @fl4's device, or the first one
 * with an address.  No row in any table covers it. */
static struct rtable *
sim_ip_lbcast_route(struct net *net, struct net_device *dev)
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
	return sim_rt_use(net, tb->tb_lbcast[i]);
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
ip_route_output_key(struct net *net, struct flowi4 *fl4)
{
	struct fib_alias *fa;
	struct rtable *rt;
	trace_ip_route_output_key(net, fl4);

	if (fl4->saddr && (ipv4_is_multicast(fl4->saddr) || ipv4_is_lbcast(fl4->saddr) ||
			   inet_addr_type(net, fl4->saddr) != RTN_LOCAL)) {
		trace_fib_reason(net, NULL, "saddr_not_local");
		return ERR_PTR(-EINVAL);
	}
	if (ipv4_is_lbcast(fl4->daddr)) {
		struct net_device *dev = fl4->flowi4_oif ?
					 dev_get_by_index(net, fl4->flowi4_oif) : NULL;

		rt = sim_ip_lbcast_route(net, dev);
		if (!IS_ERR(rt) && !fl4->saddr)
			fl4->saddr = inet_select_addr(rt->dst.dev, fl4->daddr);
		return rt;
	}
	/* 0.0.0.0 is "this host": the source, or 127.0.0.1 (and from it).
	 * KERNEL: 3.10 makes the local route through lo without a lookup;
	 * netstep looks the address up, which finds the same local row. */
	if (!fl4->daddr) {
		if (!fl4->saddr)
			fl4->saddr = htonl(INADDR_LOOPBACK);
		fl4->daddr = fl4->saddr;
	}
	fa = fib_lookup(net, fl4->daddr, fl4->flowi4_oif);
	if (!fa) {
		IP_INC_STATS(net, IPSTATS_MIB_OUTNOROUTES);
		trace_fib_reject_daddr(net, NULL, "no_route", fl4->daddr);
		return ERR_PTR(-ENETUNREACH);
	}
	rt = __mkroute_output(net, fa, fl4);
	if (!IS_ERR(rt))
		trace_fib_output_route(net, fa, rt, fl4->saddr);
	return rt;
}

/**
 * ip_route_output_ports - route lookup for a socket's packet
 * (include/net/route.h): fills @fl4 from the arguments, as
 * flowi4_init_output() does, then ip_route_output_key().
 */
struct rtable *
ip_route_output_ports(struct net *net, struct flowi4 *fl4, struct sock *sk,
		      __be32 daddr, __be32 saddr, __be16 dport, __be16 sport,
		      u8 proto, u8 tos, int oif)
{
	static const char KSRC[] = "include/net/route.h";
	trace_ip_route_output_ports(net, daddr, oif, proto, dport);

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
/* Input routes                                                     */
/* ---------------------------------------------------------------- */

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
	struct net *net = dev_net(in);
	trace_ip_mkroute_input(skb, fa, in);

	if (!nh->nh_rth_input) {
		struct rtable *rt = rt_dst_alloc(nh->nh_dev, RTN_UNICAST, nh->nh_gw, fa);

		if (!rt)
			return -ENOBUFS;
		rt->dst.input = ip_forward;
		rt->dst.output = ip_output;
		nh->nh_rth_input = rt;
	}
	skb_dst_set_noref(skb, &sim_rt_use(net, nh->nh_rth_input)->dst);
	return 0;
}

/* Local delivery of a broadcast: the row's rtable or 255.255.255.255's. */
static int
sim_ip_brd_input(struct sk_buff *skb, struct fib_alias *fa, struct net_device *dev)
{
	struct net *net = dev_net(dev);
	struct rtable *rt = fa ? rt_cache_route(fa) : sim_ip_lbcast_route(net, dev);

	if (!rt || IS_ERR(rt))
		return rt ? (int)PTR_ERR(rt) : -ENOBUFS;
	skb_dst_set_noref(skb, &sim_rt_use(net, rt)->dst);
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
	struct net *net = dev_net(dev);
	struct fib_alias *fa = NULL;
	int err;
	trace_ip_route_input_slow(net, skb, daddr, saddr, tos, dev);

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
		rt = rt_cache_route(fa);
		if (!rt)
			return -ENOBUFS;
		skb_dst_set_noref(skb, &sim_rt_use(net, rt)->dst);
		trace_fib_input_result(net, skb, "local");
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
	trace_fib_input_result(net, skb, "forward");
	return ip_mkroute_input(skb, fa, dev);

brd_input:
	if (saddr && fib_validate_source(net, saddr, dev))
		goto martian_source;
	trace_fib_input_result(net, skb, "broadcast");
	return sim_ip_brd_input(skb, fa, dev);

no_route:
	IP_INC_STATS(net, err == -EHOSTUNREACH ? IPSTATS_MIB_INADDRERRORS
					       : IPSTATS_MIB_INNOROUTES);
	trace_fib_reject_daddr(net, skb, err == -EHOSTUNREACH ? "not_forwarding" : "no_route",
			       daddr);
	return err;
martian_destination:
	NET_INC_STATS(net, RT_CACHE_STAT_IN_MARTIAN_DST);
	trace_fib_reject_daddr(net, skb, "martian_destination", daddr);
	return -EINVAL;
martian_source:
	NET_INC_STATS(net, RT_CACHE_STAT_IN_MARTIAN_SRC);
	trace_fib_reject_saddr(net, skb, "martian_source", saddr);
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
	struct net *net = dev_net(dev);
	trace_ip_route_input_noref(net, skb, daddr, saddr, dev);

	/* KERNEL: a multicast group the device joined goes to
	 * ip_route_input_mc; netstep joins none. */
	if (ipv4_is_multicast(daddr)) {
		NET_INC_STATS(net, RT_CACHE_STAT_IN_MARTIAN_DST);
		trace_fib_reject_daddr(net, skb, "multicast_not_joined", daddr);
		return -EINVAL;
	}
	return ip_route_input_slow(skb, daddr, saddr, tos, dev);
}

/* ---------------------------------------------------------------- */
/* Path MTU                                                         */
/* ---------------------------------------------------------------- */

/**
 * update_or_create_fnhe - remember @pmtu for @daddr on @fa's nexthop
 * until @expires; the exception gets its own rtable, which output
 * lookups for @daddr return from now on.
 */
static void
update_or_create_fnhe(struct net *net, struct fib_alias *fa, __be32 daddr, u32 pmtu,
		      unsigned long expires)
{
	struct fib_nh *nh = &fa->fa_info.fib_nh;
	struct fib_nh_exception *fnhe, *oldest = NULL;
	trace_update_or_create_fnhe(net, daddr, pmtu, expires);

	for (fnhe = nh->nh_exceptions; fnhe; fnhe = fnhe->fnhe_next) {
		if (fnhe->fnhe_daddr == daddr)
			break;
		if (!oldest || time_before(fnhe->fnhe_stamp, oldest->fnhe_stamp))
			oldest = fnhe;
	}
	if (!fnhe && nh->nh_nexceptions >= SIM_FNHE_MAX) {
		/* Full: recycle the oldest, as the kernel's fnhe_oldest(). */
		fnhe = oldest;
		sim_fib_bury(fa->fa_table, fnhe->fnhe_rth);
		fnhe->fnhe_rth = NULL;
		fnhe->fnhe_daddr = daddr;
		trace_fib_reason(net, NULL, "recycled_oldest");
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
	fnhe->fnhe_stamp = sim_host_jiffies(net);
	fnhe->fnhe_rth->rt_pmtu = pmtu;
	fnhe->fnhe_rth->rt_pmtu_expires = expires;
}

/**
 * __ip_rt_update_pmtu - lower the path MTU towards @daddr to @mtu,
 * unless the route's MTU is locked or @mtu is above the device MTU;
 * never below IP_RT_MIN_PMTU (552, ip_rt_min_pmtu), so an ICMP claiming
 * 68 bytes (or 0, from a router before RFC 1191) gives 552.
 */
static void
__ip_rt_update_pmtu(struct net *net, struct fib_alias *fa, __be32 daddr, u32 mtu)
{
	struct net_device *dev = fa->fa_info.fib_nh.nh_dev;
	trace___ip_rt_update_pmtu(net, fa, mtu);

	if (fa->fa_info.fib_mtu_locked) {
		trace_fib_reason(net, NULL, "mtu_locked");
		return;
	}
	if (dev->mtu < mtu) {
		trace_fib_reason(net, NULL, "above_device_mtu");
		return;
	}
	if (mtu < IP_RT_MIN_PMTU)
		mtu = IP_RT_MIN_PMTU;
	update_or_create_fnhe(net, fa, daddr, mtu, sim_host_jiffies(net) + IP_RT_MTU_EXPIRES);
}

/**
 * ipv4_update_pmtu - an ICMP "fragmentation needed" said packets to
 * @daddr must be at most @mtu bytes: record a nexthop exception.
 * Called by the protocol the ICMP quoted once it found the socket the
 * quote belongs to (tcp_v4_mtu_reduced, udp_err, ping_err), never for
 * an error nobody can vouch for.  KERNEL: 3.10's takes the ICMP and
 * builds the flow from the quoted header (ipv4_sk_update_pmtu for a
 * socket); the destination is what netstep's exceptions need.
 */
void
ipv4_update_pmtu(struct net *net, __be32 daddr, u32 mtu)
{
	struct fib_alias *fa;
	trace_ipv4_update_pmtu(net, daddr, mtu);

	fa = fib_lookup(net, daddr, 0);
	if (!fa || fa->fa_type != RTN_UNICAST) {
		trace_fib_reason(net, NULL, "no_unicast_route");
		return;
	}
	__ip_rt_update_pmtu(net, fa, daddr, mtu);
}

/* ---------------------------------------------------------------- */
/* `ip route get`                                                   */
/* ---------------------------------------------------------------- */

/**
 * sim_fib_ip_route_get - `ip route get ADDR`: the route an output lookup
 * returns, printed as iproute2 prints a cloned route, e.g.
 *   10.0.1.2 via 10.0.0.1 dev eth0  src 10.0.0.2 
 *       cache  expires 599sec mtu 1400
 * Returns 0, or the lookup's -Exxx (nothing printed).
 *
 * KERNEL: RTM_GETROUTE reaches inet_rtm_getroute (net/ipv4/route.c),
 * which without an input device calls ip_route_output_key too and
 * answers with rt_fill_info; iproute2 prints the reply.  netstep
 * prints the route directly.
 */
int
sim_fib_ip_route_get(struct net *net, __be32 daddr, FILE *out)
{
	struct flowi4 fl4 = { .daddr = daddr };
	unsigned long now = sim_host_jiffies(net);
	struct rtable *rt;
	u32 mtu = 0;
	bool locked = false;
	trace_sim_fib_ip_route_get(net, daddr);

	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt))
		return (int)PTR_ERR(rt);
	if (rt->rt_type == RTN_LOCAL)
		fprintf(out, "local ");
	else if (rt->rt_type == RTN_BROADCAST)
		fprintf(out, "broadcast ");
	fprintf(out, "%s ", sim_ip_str(daddr).s);
	if (rt->rt_gateway)
		fprintf(out, "via %s ", sim_ip_str(rt->rt_gateway).s);
	fprintf(out, "dev %s ", rt->dst.dev->name);
	fprintf(out, " src %s ", sim_ip_str(fl4.saddr).s);
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
	sim_fib_print_mtu(out, mtu, locked);
	fprintf(out, "\n");
	return 0;
}
