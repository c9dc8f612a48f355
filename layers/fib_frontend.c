/*
 * layers/fib_frontend.c - the front of the FIB: what the rest of the
 * stack asks of the routing tables.  fib_lookup() tries the host's two
 * tables in turn; the address helpers say whether an address is ours
 * and which one to send from; an address brings its own routes
 * (fib_add_ifaddr); `ip route add|del` arrive here as netlink requests;
 * and the tables are made and freed with the host.
 *
 * Mirrors net/ipv4/fib_frontend.c of Linux 3.10 (inet_addr_type,
 * fib_validate_source, inet_rtm_newroute/delroute, fib_magic,
 * fib_add_ifaddr/fib_del_ifaddr, ip_fib_init), plus fib_lookup, an
 * inline of include/net/ip_fib.h, and inet_select_addr, which lives in
 * net/ipv4/devinet.c: it sits here beside inet_addr_type because both
 * answer "which of our addresses?" and netstep models no devinet.c.
 * Read layers/fib_lookup.h first (the row and table structures), then
 * this file; read layers/fib_trie.c next (the table these calls search
 * and change) and layers/route.c after it (the rtables made from rows).
 *
 * A host has two tables, as a kernel without policy routing:
 *   local (255)  our addresses (RTN_LOCAL: 10.0.0.2, and 127.0.0.0/8
 *                of lo) and subnet broadcasts (RTN_BROADCAST), filled
 *                by fib_add_ifaddr(); `ip route show table local`;
 *   main  (254)  what `route -n` shows: connected subnets, gateways.
 * fib_lookup() tries local, then main; each table answers with the
 * longest matching prefix, and among equal prefixes the lowest metric.
 *
 * Left out: policy routing (ip rule) and tables other than local/main,
 * netlink itself (the tools fill a struct fib_config directly),
 * reverse-path filtering, secondary addresses, the NETDEV_UP and
 * NETDEV_CHANGEADDR notifiers (NETDEV_DOWN is heard: fib_netdev_event).
 * Each is marked KERNEL: where it would be.
 */
#include "kernel/trace.h"
#include "layers/fib_lookup.h"
#include "layers/arp.h"
#include "layers/route.h"
#include "layers/ip.h"
#include "layers/net_namespace.h"
#include "events/fib.h"

#include <stdlib.h>

static const char KSRC[] = "net/ipv4/fib_frontend.c";

/* ---------------------------------------------------------------- */
/* Lookup across the tables, include/net/ip_fib.h                   */
/* ---------------------------------------------------------------- */

/**
 * fib_lookup - the local table (our addresses, broadcasts), then main.
 * Returns the row or NULL (the kernel's -ENETUNREACH).
 *
 * KERNEL: with CONFIG_IP_MULTIPLE_TABLES the rules decide which tables
 * to try (local, main, default by default).
 */
struct fib_alias *
fib_lookup(struct net *net, __be32 daddr, int oif)
{
	static const char KSRC[] = "include/net/ip_fib.h";
	struct fib_alias *fa;
	trace_fib_lookup(net, daddr, oif);

	fa = fib_table_lookup(fib_get_table(net, RT_TABLE_LOCAL), daddr, oif);
	if (!fa)
		fa = fib_table_lookup(fib_get_table(net, RT_TABLE_MAIN), daddr, oif);
	return fa;
}

/* fib_lookup's answer without side effects (local, then main). */
struct fib_alias *
sim_fib_preview(struct net *net, __be32 daddr, int oif)
{
	struct fib_alias *fa = sim_fib_search(fib_get_table(net, RT_TABLE_LOCAL), daddr, oif);

	return fa ? fa : sim_fib_search(fib_get_table(net, RT_TABLE_MAIN), daddr, oif);
}

/* ---------------------------------------------------------------- */
/* Addresses                                                        */
/* ---------------------------------------------------------------- */

/**
 * inet_addr_type - what @addr is to this host: RTN_LOCAL (ours),
 * RTN_BROADCAST (255.255.255.255, a subnet broadcast), RTN_MULTICAST,
 * else RTN_UNICAST.
 */
unsigned int
inet_addr_type(struct net *net, __be32 addr)
{
	struct fib_alias *fa;
	trace_inet_addr_type(net, addr);

	if (ipv4_is_zeronet(addr) || ipv4_is_lbcast(addr))
		return RTN_BROADCAST;
	if (ipv4_is_multicast(addr))
		return RTN_MULTICAST;
	fa = sim_fib_search(fib_get_table(net, RT_TABLE_LOCAL), addr, 0);
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
	struct net *net = dev_net(dev);
	trace_inet_select_addr(dev, dst);

	if (dev->ifa.configured)
		return dev->ifa.ifa_address;
	for (int i = 0; i < net->ndevs; i++)
		if (net->devs[i]->ifa.configured)
			return net->devs[i]->ifa.ifa_address;
	return 0;
}

/**
 * fib_validate_source - refuse a packet that claims to come from one of
 * our own addresses or from a broadcast address.  0 or -EINVAL.
 *
 * KERNEL: also the reverse-path check (rp_filter): would a reply to
 * saddr leave by the device the packet came in on?
 */
int
fib_validate_source(struct net *net, __be32 saddr, struct net_device *dev)
{
	unsigned int type;
	trace_fib_validate_source(net, saddr, dev);

	type = inet_addr_type(net, saddr);
	return type == RTN_UNICAST ? 0 : -EINVAL;
}

/* ---------------------------------------------------------------- */
/* `ip route add|del`: the rtnetlink handlers                       */
/* ---------------------------------------------------------------- */

/**
 * inet_rtm_newroute - what an RTM_NEWROUTE message (`ip route add`)
 * reaches: add the route @cfg.  0 or -Exxx (see fib_table_insert).
 *
 * KERNEL: rtm_to_fib_config first turns the netlink attributes into
 * @cfg; tools/iproute.c fills it directly.
 */
int
inet_rtm_newroute(struct net *net, struct fib_config *cfg)
{
	trace_inet_rtm_newroute(net, cfg);

	return fib_table_insert(net, cfg);
}

/**
 * inet_rtm_delroute - what an RTM_DELROUTE message (`ip route del`)
 * reaches: remove the first route matching @cfg.  0 or -ESRCH.
 */
int
inet_rtm_delroute(struct net *net, struct fib_config *cfg)
{
	trace_inet_rtm_delroute(net, cfg);

	return fib_table_delete(net, cfg);
}

/* ---------------------------------------------------------------- */
/* Routes of an address                                             */
/* ---------------------------------------------------------------- */

/**
 * fib_magic - add one kernel route for an address (RTPROT_KERNEL): a
 * unicast route goes to the main table, a local or broadcast one to
 * the local table.
 */
static void
fib_magic(struct net_device *dev, u8 type, __be32 dst, int plen, __be32 prefsrc)
{
	struct net *net = dev_net(dev);
	u32 table = type == RTN_UNICAST ? RT_TABLE_MAIN : RT_TABLE_LOCAL;
	struct fib_config cfg = sim_fib_config(table, dst, plen, 0, dev);
	int err;
	trace_fib_magic(dev, table, type, dst, plen);

	cfg.fc_protocol = RTPROT_KERNEL;
	cfg.fc_scope = type == RTN_LOCAL ? RT_SCOPE_HOST : RT_SCOPE_LINK;
	cfg.fc_type = type;
	cfg.fc_prefsrc = prefsrc;
	err = fib_table_insert(net, &cfg);
	if (err && err != -EEXIST)
		trace_fib_failed(net, "insert_failed", err);
}

/* Drop the kernel routes a previous address of @dev left behind. */
static void
fib_del_ifaddr(struct net_device *dev)
{
	struct net *net = dev_net(dev);
	trace_fib_del_ifaddr(dev);

	for (int t = 0; t < 2; t++) {
		struct fib_table *tb = &net->fib[t];
		struct fib_alias **v;
		u32 n;

		v = sim_fib_sorted(tb, &n);
		for (u32 i = 0; i < n; i++)
			if (v[i]->fa_info.fib_nh.nh_dev == dev &&
			    v[i]->fa_info.fib_protocol == RTPROT_KERNEL)
				sim_fib_unlink(v[i]);
		free(v);
	}
}

/**
 * fib_add_ifaddr - the routes an IPv4 address brings with it:
 *   local  10.0.0.2/32    RTN_LOCAL      (it is ours)
 *   main   10.0.0.0/24    dev eth0 proto kernel scope link src 10.0.0.2
 *   local  10.0.0.0/32 and 10.0.0.255/32  RTN_BROADCAST
 * On a loopback device the prefix is ours too: 127.0.0.0/8 is a local
 * route (RTN_LOCAL, local table), so every 127.x.y.z answers.
 * Routes of an earlier address of @dev are removed first.
 */
void
fib_add_ifaddr(struct net_device *dev)
{
	const struct in_ifaddr *ifa = &dev->ifa;
	__be32 prefix = ifa->ifa_address & ifa->ifa_mask;
	trace_fib_add_ifaddr(dev);

	fib_del_ifaddr(dev);
	if (!ifa->configured)
		return;
	fib_magic(dev, RTN_LOCAL, ifa->ifa_address, 32, ifa->ifa_address);
	if (ipv4_is_zeronet(prefix) || ifa->ifa_prefixlen == 32)
		return;
	fib_magic(dev, (dev->flags & IFF_LOOPBACK) ? RTN_LOCAL : RTN_UNICAST, prefix,
		  ifa->ifa_prefixlen, ifa->ifa_address);
	/* A /31 or /32 has no room for network and broadcast addresses. */
	if (ifa->ifa_prefixlen < 31) {
		fib_magic(dev, RTN_BROADCAST, prefix, 32, ifa->ifa_address);
		fib_magic(dev, RTN_BROADCAST, prefix | ~ifa->ifa_mask, 32, ifa->ifa_address);
	}
}

/* ---------------------------------------------------------------- */
/* Setup and teardown                                               */
/* ---------------------------------------------------------------- */

/*
 * fib_disable_ip - @dev went down: forget what was learnt through it.
 * KERNEL: the kernel also marks the routes through @dev dead
 * (fib_sync_down_dev) and flushes them; netstep keeps its rows and
 * skips those of a device that is down (fib_trie.c).
 */
static void
fib_disable_ip(struct net_device *dev)
{
	trace_fib_disable_ip(dev);
	arp_ifdown(dev);
}

/* fib_netdev_event - the fib's netdevice notifier. */
static int
fib_netdev_event(struct notifier_block *nb, unsigned long event, void *ptr)
{
	struct net_device *dev = ptr;

	(void)nb;
	trace_fib_netdev_event(dev, event);
	if (event == NETDEV_DOWN)
		fib_disable_ip(dev);
	return NOTIFY_DONE;
}

/**
 * ip_fib_init - give @net its local and main tables (empty).
 * 0 or -ENOMEM.
 */
int
ip_fib_init(struct net *net)
{
	trace_ip_fib_init(net);

	net->fib = calloc(2, sizeof(*net->fib));
	if (!net->fib)
		return -ENOMEM;
	net->fib_netdev_notifier.notifier_call = fib_netdev_event;
	register_netdevice_notifier(net, &net->fib_netdev_notifier);
	net->fib[0].tb_id = RT_TABLE_LOCAL;
	net->fib[1].tb_id = RT_TABLE_MAIN;
	net->fib[0].tb_net = net;
	net->fib[1].tb_net = net;
	return 0;
}

/**
 * ip_fib_net_exit - free both tables and every rtable ever handed out.
 * Runs after the host's devices and skbs are gone, so nothing can
 * point at a route any more.
 */
void
ip_fib_net_exit(struct net *net)
{
	trace_ip_fib_net_exit(net);

	if (!net->fib)
		return;
	sim_fib_free_table(&net->fib[0]);
	sim_fib_free_table(&net->fib[1]);
	free(net->fib);
	net->fib = NULL;
}
