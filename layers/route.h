/*
 * layers/route.h - IPv4 routing: the FIB, the route lookup and the
 * dst_entry an skb carries.
 *
 * Mirrors include/net/dst.h, include/net/route.h, include/net/flow.h
 * and the exported calls of net/ipv4/route.c, fib_frontend.c and
 * fib_trie.c (Linux 3.10).  Defined in layers/route.c (lookups, dst,
 * PMTU, `ip route get`), layers/fib_frontend.c (init/exit, addresses,
 * the netlink handlers) and layers/fib_trie.c (the table, `route -n`,
 * `ip route show`); what those three share and nobody else needs is in
 * layers/fib_lookup.h.
 *
 * A lookup (ip_route_output_ports on the way out, ip_route_input_noref
 * on the way in) picks the longest matching prefix and returns a
 * struct rtable whose dst says where the packet goes next:
 * dst.output (ip_output) or dst.input (ip_local_deliver, ip_forward),
 * the device, and the gateway if the destination is not on-link.
 */
#ifndef NETSTEP_LAYERS_ROUTE_H
#define NETSTEP_LAYERS_ROUTE_H

#include "kernel/types.h"
#include <stdio.h>

struct net;
struct sk_buff;
struct sock;
struct net_device;
struct fib_alias;

/* include/net/dst.h */
struct dst_entry {
	struct net_device *dev;		/* device the packet leaves by */
	int (*input)(struct sk_buff *skb);	/* ip_local_deliver / ip_forward */
	int (*output)(struct sk_buff *skb);	/* ip_output */
	int __refcnt;			/* references held (skb_dst_force) */
	unsigned long __use;		/* lookups that returned it */
	int obsolete;			/* route deleted: do not reuse */
	unsigned long lastuse;		/* jiffies of the last lookup */
	/* KERNEL: metrics array, neighbour pointer, xfrm, rcu head omitted. */
};

/* Route types, include/uapi/linux/rtnetlink.h */
enum { RTN_UNSPEC, RTN_UNICAST, RTN_LOCAL, RTN_BROADCAST, RTN_ANYCAST,
       RTN_MULTICAST, RTN_BLACKHOLE, RTN_UNREACHABLE, RTN_PROHIBIT };

/* include/net/route.h */
struct rtable {
	struct dst_entry dst;		/* must be first */
	u16 rt_type;			/* RTN_UNICAST, RTN_LOCAL ... */
	__be32 rt_gateway;		/* next hop if not on-link, else 0 */
	u32 rt_pmtu;			/* learned path MTU, 0 = none */
	unsigned long rt_pmtu_expires;	/* jiffies when rt_pmtu lapses */
	struct fib_alias *fa;		/* the route row it came from */
	/* KERNEL: rt_genid, rt_flags, rt_is_input, rt_iif, rt_uses_gateway omitted. */
};

static inline struct rtable *skb_rtable(const struct sk_buff *skb);
static inline __be32 rt_nexthop(const struct rtable *rt, __be32 daddr)
{
	return rt->rt_gateway ? rt->rt_gateway : daddr;
}

/* include/net/flow.h */
struct flowi4 {
	int flowi4_oif;			/* output interface, 0 = any */
	u8 flowi4_tos;
	u8 flowi4_proto;		/* IPPROTO_* */
	__be32 daddr;
	__be32 saddr;			/* 0: let the route choose */
	__be16 fl4_sport;
	__be16 fl4_dport;
};

/* layers/route.c */
/* ip_route_output_key family: ERR_PTR(-ENETUNREACH) when nothing matches. */
struct rtable *ip_route_output_key(struct net *net, struct flowi4 *fl4);
struct rtable *ip_route_output_ports(struct net *net, struct flowi4 *fl4,
				     struct sock *sk, __be32 daddr, __be32 saddr,
				     __be16 dport, __be16 sport, u8 proto, u8 tos,
				     int oif);
/* Attach an input route to @skb (noref); 0 or -Exxx (counted). */
int ip_route_input_noref(struct sk_buff *skb, __be32 daddr, __be32 saddr, u8 tos,
			 struct net_device *dev);
/* dst_mtu: learned PMTU if still valid, else the route's MTU, else dev->mtu. */
unsigned int dst_mtu(const struct dst_entry *dst);
/* dst_metric_advmss: the route's advmss, else the device MTU less 40. */
unsigned int dst_metric_advmss(const struct dst_entry *dst);
/* ICMP "fragmentation needed" for @daddr: lower its path MTU (min 552). */
void ipv4_update_pmtu(struct net *net, __be32 daddr, u32 mtu);
void dst_hold(struct dst_entry *dst);
void dst_release(struct dst_entry *dst);

static inline int dst_output(struct sk_buff *skb);
static inline int dst_input(struct sk_buff *skb);

/* FIB management: layers/fib_frontend.c */
int ip_fib_init(struct net *net);
void ip_fib_net_exit(struct net *net);
/* Add the connected and local routes for dev->ifa (fib_add_ifaddr). */
void fib_add_ifaddr(struct net_device *dev);
/* layers/fib_trie.c: main-table routes, as `ip route add|del` makes them */
int sim_fib_table_insert(struct net *net, __be32 dst, int plen, __be32 gw,
			 struct net_device *dev, u32 metric, u32 mtu);
int sim_fib_table_delete(struct net *net, __be32 dst, int plen, __be32 gw,
			 struct net_device *dev);
/*
 * What `ip route add|del` asks for (net/ipv4/fib_frontend.c builds one
 * from the netlink message in rtm_to_fib_config).  Fields keep the
 * kernel's names; zero means "not given".
 */
#define RT_TABLE_MAIN		254
#define RT_TABLE_LOCAL		255
#define RTPROT_UNSPEC		0
#define RTPROT_KERNEL		2	/* added by the kernel (connected) */
#define RTPROT_BOOT		3	/* added by a user, the default */
#define RTPROT_STATIC		4	/* added by an administrator */
#define RT_SCOPE_UNIVERSE	0	/* via a gateway */
#define RT_SCOPE_LINK		253	/* directly on the link */
#define RT_SCOPE_HOST		254	/* our own address */
#define RTAX_MTU		2	/* metric index; bit in fc_mx_lock */
#define RTAX_ADVMSS		8	/* the MSS TCP advertises on the route */
/* include/uapi/linux/netlink.h: how RTM_NEWROUTE treats an existing row. */
#ifndef NLM_F_REPLACE
#define NLM_F_REPLACE		0x100	/* replace it (ip route change, replace) */
#define NLM_F_EXCL		0x200	/* fail if it exists (ip route add) */
#define NLM_F_CREATE		0x400	/* create if missing (add, replace) */
#endif

struct fib_config {
	u32 fc_table;			/* RT_TABLE_MAIN */
	__be32 fc_dst;			/* prefix, host bits must be 0 */
	int fc_dst_len;			/* prefix length 0..32 */
	__be32 fc_gw;			/* gateway, 0 = on-link */
	struct net_device *fc_dev;	/* device (fc_oif in the kernel) */
	u32 fc_priority;		/* metric */
	u8 fc_protocol;			/* RTPROT_* */
	u8 fc_scope;			/* RT_SCOPE_* */
	u8 fc_type;			/* RTN_UNICAST, RTN_LOCAL, RTN_BROADCAST */
	__be32 fc_prefsrc;		/* preferred source, 0 = none */
	u32 fc_mtu;			/* RTAX_MTU metric, 0 = none */
	u32 fc_mx_lock;			/* 1 << RTAX_MTU: mtu is locked */
	u32 fc_advmss;			/* RTAX_ADVMSS metric, 0 = none */
	u16 fc_nlflags;			/* NLM_F_*; 0 = as `ip route add` */
	bool fc_has_priority;		/* delete: fc_priority was given */
};
/* The netlink handlers behind `ip route add` / `ip route del` (fib_frontend.c). */
int inet_rtm_newroute(struct net *net, struct fib_config *cfg);
int inet_rtm_delroute(struct net *net, struct fib_config *cfg);

/* RTN_LOCAL if @addr is one of ours, RTN_BROADCAST, else RTN_UNICAST. */
unsigned int inet_addr_type(struct net *net, __be32 addr);
/* Our address to use as source towards @dst through @dev (devinet.c in the
 * kernel; layers/fib_frontend.c here). */
__be32 inet_select_addr(const struct net_device *dev, __be32 dst);

/* Output in the formats of the real tools (fib_trie.c; route get: route.c). */
void sim_fib_route_show(struct net *net, FILE *out);	/* route -n */
void sim_fib_ip_route_show(struct net *net, u32 id, FILE *out);	/* ip route show [table] */
int sim_fib_ip_route_get(struct net *net, __be32 daddr, FILE *out);	/* ip route get */

/* For the UI and tests: the row a lookup picked (index in route -n order). */
int sim_fib_alias_index(struct net *net, const struct fib_alias *fa);

/* One row of the main table as `route -n` shows it. */
struct sim_fib_row {
	__be32 dst;			/* the prefix */
	int plen;			/* ... its length */
	__be32 mask;			/* ... as a netmask (Genmask) */
	__be32 gw;			/* gateway, 0 = on-link */
	char flags[4];			/* "U", "UG", "UH", "UGH" */
	u32 metric;
	unsigned long use;		/* lookups that returned it (see sim_fib_route_show) */
	const char *dev;		/* device name */
};
/* Every row of the main table, in route -n order, to @fn (fib_trie.c). */
void sim_fib_for_each_row(struct net *net, void (*fn)(const struct sim_fib_row *row, void *arg),
			  void *arg);

#include "layers/skbuff.h"
static inline struct rtable *skb_rtable(const struct sk_buff *skb)
{
	return (struct rtable *)skb_dst(skb);
}
static inline int dst_output(struct sk_buff *skb)
{
	return skb_dst(skb)->output(skb);
}
static inline int dst_input(struct sk_buff *skb)
{
	return skb_dst(skb)->input(skb);
}

#endif
