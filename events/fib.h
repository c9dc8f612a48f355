/*
 * events/fib.h - tracepoints of IPv4 routing: layers/route.c (rtables,
 * input and output routes, path MTU), layers/fib_frontend.c and
 * layers/fib_trie.c (the tables), net/ipv4/ in the kernel.
 * See kernel/trace_event.h for the syntax.
 *
 * A lookup's events name the row it picked as route -n numbers it:
 * "matched=10.0.1.0/24 gw=10.0.0.1 dev=eth0 row=1" (sim_fib_describe).
 */
#if !defined(NETSTEP_EVENTS_FIB_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_FIB_H

/* Classes from other headers (kernel/trace_events.c's later passes read
 * them through all.h, not again from here). */
#ifndef TRACE_HEADER_MULTI_READ
#include "events/common.h"
#include "events/net.h"
#endif

#undef TRACE_SYSTEM
#define TRACE_SYSTEM fib

#include "kernel/trace_event.h"
#include "layers/fib_lookup.h"
#include "layers/netdevice.h"

#ifndef NETSTEP_EVENTS_FIB_HELPERS
#define NETSTEP_EVENTS_FIB_HELPERS

/* tb=: the local table, or main (netstep has no others). */
static inline const char *
sim_fib_table_name(u32 id)
{
	return id == RT_TABLE_LOCAL ? "local" : "main";
}

/* A struct sim_fib_prefix as "10.0.0.0/24". */
static inline void
sim_fib_prefix_print(struct trace_buf *b, const void *p)
{
	struct sim_fib_prefix v;
	const u8 *a = (const u8 *)&v.key;

	memcpy(&v, p, sizeof(v));
	for (int i = 0; i < 4; i++) {
		if (i)
			trace_buf_putc(b, '.');
		trace_buf_u64(b, a[i]);
	}
	trace_buf_putc(b, '/');
	trace_buf_s64(b, v.plen);
}

/* matched=: the prefix of the row a lookup picked, or "none". */
static inline void
sim_fib_matched_print(struct trace_buf *b, const void *p)
{
	struct sim_fib_prefix v;

	memcpy(&v, p, sizeof(v));
	if (v.plen < 0)
		trace_buf_puts(b, "none");
	else
		sim_fib_prefix_print(b, p);
}

/* Whole seconds with their unit: "600s". */
static inline void
sim_fib_seconds_print(struct trace_buf *b, const void *p)
{
	u64 v;

	memcpy(&v, p, sizeof(v));
	trace_buf_u64(b, v);
	trace_buf_putc(b, 's');
}

#endif /* NETSTEP_EVENTS_FIB_HELPERS */

/* ---- layers/route.c ---------------------------------------------------------- */

/* A dst's reference count as the call leaves it. */
DECLARE_EVENT_CLASS(dst_refcnt,
	TP_PROTO(const struct net *net, int refcnt),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_s32(refcnt)),
	TP_ASSIGN(
		__entry->refcnt = refcnt;))
DEFINE_EVENT(dst_refcnt, dst_hold, "include/net/dst.h", TP_INLINE,
	TP_PROTO(struct net *net, const struct dst_entry *dst), TP_ARGS(net, dst->__refcnt + 1))
#define trace_dst_hold(...) TP_FUNC(dst_hold, __VA_ARGS__)

DEFINE_EVENT(dst_refcnt, dst_release, "net/core/dst.c", TP_NOT_INLINE,
	TP_PROTO(struct net *net, const struct dst_entry *dst),
	TP_ARGS(net, dst ? dst->__refcnt - 1 : 0))
#define trace_dst_release(...) TP_FUNC(dst_release, __VA_ARGS__)

TRACE_EVENT(dst_mtu, "include/net/dst.h", TP_INLINE,
	TP_PROTO(struct net *net, const struct rtable *rt, u32 metric, unsigned int dev_mtu),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(pmtu)
		tp_u32(metric)
		tp_u32(dev_mtu)),
	TP_ASSIGN(
		__entry->pmtu = rt->rt_pmtu;
		__entry->metric = metric;
		__entry->dev_mtu = dev_mtu;))
#define trace_dst_mtu(...) TP_FUNC(dst_mtu, __VA_ARGS__)

TRACE_EVENT(dst_metric_advmss, "include/net/dst.h", TP_INLINE,
	TP_PROTO(struct net *net, const struct rtable *rt, u32 metric),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(metric)
		tp_u32(dev_mtu)),
	TP_ASSIGN(
		__entry->metric = metric;
		__entry->dev_mtu = rt->dst.dev ? rt->dst.dev->mtu : 0;))
#define trace_dst_metric_advmss(...) TP_FUNC(dst_metric_advmss, __VA_ARGS__)

DEFINE_EVENT(no_fields, ip_rt_bug, "net/ipv4/route.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb), TP_ARGS(skb->host, skb))
#define trace_ip_rt_bug(...) TP_FUNC(ip_rt_bug, __VA_ARGS__)

/* Why a routing function stopped early or took an unusual path. */
DEFINE_NOTE_EVENT(reason, fib_reason, "net/ipv4/route.c",
	TP_PROTO(struct net *net, const struct sk_buff *skb, const char *reason),
	TP_ARGS(net, skb, reason))
#define trace_fib_reason(...) TP_NOTE(fib_reason, __VA_ARGS__)

TRACE_EVENT(rt_dst_alloc, "net/ipv4/route.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev, u16 type, __be32 gw),
	TP_HOST(dev_net(dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_u16(type)
		tp_ip4(gw)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->type = type;
		__entry->gw = gw;))
#define trace_rt_dst_alloc(...) TP_FUNC(rt_dst_alloc, __VA_ARGS__)

TRACE_EVENT(rt_cache_route, "net/ipv4/route.c", TP_NOT_INLINE,
	TP_PROTO(const struct fib_nh *nh),
	TP_HOST(dev_net(nh->nh_dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_u8(cached)),
	TP_ASSIGN(
		__entry->dev = nh->nh_dev->name;
		__entry->cached = nh->nh_rth_output != NULL;))
#define trace_rt_cache_route(...) TP_FUNC(rt_cache_route, __VA_ARGS__)

TRACE_EVENT(find_exception, "net/ipv4/route.c", TP_NOT_INLINE,
	TP_PROTO(struct net *net, const struct fib_nh *nh, __be32 daddr),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_ip4(daddr)
		tp_s32(exceptions)),
	TP_ASSIGN(
		__entry->daddr = daddr;
		__entry->exceptions = nh->nh_nexceptions;))
#define trace_find_exception(...) TP_FUNC(find_exception, __VA_ARGS__)

/* find_exception: a learned path MTU has lapsed and goes. */
TRACE_NOTE_EVENT(fib_exception_expired, "net/ipv4/route.c",
	TP_PROTO(struct net *net, const struct fib_nh_exception *fnhe),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_ip4(daddr)
		tp_u32(pmtu)
		tp_str(state)),
	TP_ASSIGN(
		__entry->daddr = fnhe->fnhe_daddr;
		__entry->pmtu = fnhe->fnhe_pmtu;
		__entry->state = "expired";))
#define trace_fib_exception_expired(...) TP_NOTE(fib_exception_expired, __VA_ARGS__)

TRACE_EVENT(__mkroute_output, "net/ipv4/route.c", TP_NOT_INLINE,
	TP_PROTO(struct net *net, const struct fib_alias *fa),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(type)
		tp_str(dev)),
	TP_ASSIGN(
		__entry->type = fa->fa_type;
		__entry->dev = fa->fa_info.fib_nh.nh_dev->name;))
#define trace___mkroute_output(...) TP_FUNC(__mkroute_output, __VA_ARGS__)

TRACE_EVENT(ip_route_output_key, "include/net/route.h", TP_INLINE,
	TP_PROTO(struct net *net, const struct flowi4 *fl4),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_ip4(daddr)
		tp_ip4(saddr)
		tp_s32(oif)),
	TP_ASSIGN(
		__entry->daddr = fl4->daddr;
		__entry->saddr = fl4->saddr;
		__entry->oif = fl4->flowi4_oif;))
#define trace_ip_route_output_key(...) TP_FUNC(ip_route_output_key, __VA_ARGS__)

/* A packet to @daddr cannot be routed, and why. */
TRACE_NOTE_EVENT(fib_reject_daddr, "net/ipv4/route.c",
	TP_PROTO(struct net *net, const struct sk_buff *skb, const char *reason, __be32 daddr),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_ip4(daddr)),
	TP_ASSIGN(
		__entry->reason = reason;
		__entry->daddr = daddr;))
#define trace_fib_reject_daddr(...) TP_NOTE(fib_reject_daddr, __VA_ARGS__)

/* ip_route_output_key: the row that answered, the next hop and the
 * source address chosen. */
TRACE_NOTE_EVENT(fib_output_route, "net/ipv4/route.c",
	TP_PROTO(struct net *net, const struct fib_alias *fa, const struct rtable *rt,
		 __be32 saddr),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_custom(matched, struct sim_fib_prefix, sim_fib_matched_print)
		tp_ip4(gw)
		tp_str(dev)
		tp_s32(row)
		tp_ip4(saddr)),
	TP_ASSIGN(
		const struct sim_fib_desc d = sim_fib_describe(net, fa);

		__entry->matched = d.matched;
		__entry->gw = rt->rt_gateway;
		__entry->dev = d.dev;
		__entry->row = d.row;
		__entry->saddr = saddr;))
#define trace_fib_output_route(...) TP_NOTE(fib_output_route, __VA_ARGS__)

/* The row is the one ip_route_output_key will pick, looked up here
 * without side effects. */
TRACE_EVENT(ip_route_output_ports, "include/net/route.h", TP_INLINE,
	TP_PROTO(struct net *net, __be32 daddr, int oif, u8 proto, __be16 dport),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_ip4(daddr)
		tp_custom(matched, struct sim_fib_prefix, sim_fib_matched_print)
		tp_ip4(gw)
		tp_str(dev)
		tp_s32(row)
		tp_u8(proto)
		tp_u16(dport)),
	TP_ASSIGN(
		const struct sim_fib_desc d =
			sim_fib_describe(net, sim_fib_preview(net, daddr, oif));

		__entry->daddr = daddr;
		__entry->matched = d.matched;
		__entry->gw = d.gw;
		__entry->dev = d.dev;
		__entry->row = d.row;
		__entry->proto = proto;
		__entry->dport = ntohs(dport);))
#define trace_ip_route_output_ports(...) TP_FUNC(ip_route_output_ports, __VA_ARGS__)

TRACE_EVENT(ip_mkroute_input, "net/ipv4/route.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, const struct fib_alias *fa,
		 const struct net_device *in),
	TP_HOST(dev_net(in)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(in)
		tp_str(out)
		tp_u8(cached)),
	TP_ASSIGN(
		__entry->in = in->name;
		__entry->out = fa->fa_info.fib_nh.nh_dev->name;
		__entry->cached = fa->fa_info.fib_nh.nh_rth_input != NULL;))
#define trace_ip_mkroute_input(...) TP_FUNC(ip_mkroute_input, __VA_ARGS__)

TRACE_EVENT(ip_route_input_slow, "net/ipv4/route.c", TP_NOT_INLINE,
	TP_PROTO(struct net *net, const struct sk_buff *skb, __be32 daddr, __be32 saddr,
		 u8 tos, const struct net_device *dev),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_ip4(daddr)
		tp_ip4(saddr)
		tp_str(in)
		tp_u8(tos)
		tp_s32(forwarding)),
	TP_ASSIGN(
		__entry->daddr = daddr;
		__entry->saddr = saddr;
		__entry->in = dev->name;
		__entry->tos = tos;
		__entry->forwarding = net->ip_forward;))
#define trace_ip_route_input_slow(...) TP_FUNC(ip_route_input_slow, __VA_ARGS__)

/* ip_route_input_slow: the packet is ours ("local"), to be forwarded
 * ("forward") or a broadcast we take ("broadcast"). */
TRACE_NOTE_EVENT(fib_input_result, "net/ipv4/route.c",
	TP_PROTO(struct net *net, const struct sk_buff *skb, const char *result),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(result)),
	TP_ASSIGN(
		__entry->result = result;))
#define trace_fib_input_result(...) TP_NOTE(fib_input_result, __VA_ARGS__)

/* A received packet's source address is one we refuse (a martian). */
TRACE_NOTE_EVENT(fib_reject_saddr, "net/ipv4/route.c",
	TP_PROTO(struct net *net, const struct sk_buff *skb, const char *reason, __be32 saddr),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_ip4(saddr)),
	TP_ASSIGN(
		__entry->reason = reason;
		__entry->saddr = saddr;))
#define trace_fib_reject_saddr(...) TP_NOTE(fib_reject_saddr, __VA_ARGS__)

/* As for ip_route_output_ports, the row is looked up again for the trace. */
TRACE_EVENT(ip_route_input_noref, "net/ipv4/route.c", TP_NOT_INLINE,
	TP_PROTO(struct net *net, const struct sk_buff *skb, __be32 daddr, __be32 saddr,
		 const struct net_device *dev),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_ip4(daddr)
		tp_ip4(saddr)
		tp_str(in)
		tp_custom(matched, struct sim_fib_prefix, sim_fib_matched_print)
		tp_ip4(gw)
		tp_str(dev)
		tp_s32(row)),
	TP_ASSIGN(
		const struct sim_fib_desc d =
			sim_fib_describe(net, sim_fib_preview(net, daddr, 0));

		__entry->daddr = daddr;
		__entry->saddr = saddr;
		__entry->in = dev->name;
		__entry->matched = d.matched;
		__entry->gw = d.gw;
		__entry->dev = d.dev;
		__entry->row = d.row;))
#define trace_ip_route_input_noref(...) TP_FUNC(ip_route_input_noref, __VA_ARGS__)

TRACE_EVENT(update_or_create_fnhe, "net/ipv4/route.c", TP_NOT_INLINE,
	TP_PROTO(struct net *net, __be32 daddr, u32 pmtu, unsigned long expires),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_ip4(daddr)
		tp_u32(pmtu)
		tp_custom(expires_in, u64, sim_fib_seconds_print)),
	TP_ASSIGN(
		__entry->daddr = daddr;
		__entry->pmtu = pmtu;
		__entry->expires_in = (expires - sim_host_jiffies(net)) / HZ;))
#define trace_update_or_create_fnhe(...) TP_FUNC(update_or_create_fnhe, __VA_ARGS__)

TRACE_EVENT(__ip_rt_update_pmtu, "net/ipv4/route.c", TP_NOT_INLINE,
	TP_PROTO(struct net *net, const struct fib_alias *fa, u32 mtu),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(mtu)
		tp_str(dev)
		tp_u32(dev_mtu)
		tp_u8(locked)),
	TP_ASSIGN(
		__entry->mtu = mtu;
		__entry->dev = fa->fa_info.fib_nh.nh_dev->name;
		__entry->dev_mtu = fa->fa_info.fib_nh.nh_dev->mtu;
		__entry->locked = fa->fa_info.fib_mtu_locked;))
#define trace___ip_rt_update_pmtu(...) TP_FUNC(__ip_rt_update_pmtu, __VA_ARGS__)

TRACE_EVENT(ipv4_update_pmtu, "net/ipv4/route.c", TP_NOT_INLINE,
	TP_PROTO(struct net *net, __be32 daddr, u32 mtu),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_ip4(daddr)
		tp_u32(mtu)),
	TP_ASSIGN(
		__entry->daddr = daddr;
		__entry->mtu = mtu;))
#define trace_ipv4_update_pmtu(...) TP_FUNC(ipv4_update_pmtu, __VA_ARGS__)

TRACE_EVENT(sim_fib_ip_route_get, "net/ipv4/route.c", TP_NOT_INLINE,
	TP_PROTO(struct net *net, __be32 daddr),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_ip4(daddr)),
	TP_ASSIGN(
		__entry->daddr = daddr;))
#define trace_sim_fib_ip_route_get(...) TP_FUNC(sim_fib_ip_route_get, __VA_ARGS__)

/* ---- layers/fib_frontend.c ------------------------------------------------- */

TRACE_EVENT(fib_lookup, "include/net/ip_fib.h", TP_INLINE,
	TP_PROTO(struct net *net, __be32 daddr, int oif),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_ip4(daddr)
		tp_s32(oif)),
	TP_ASSIGN(
		__entry->daddr = daddr;
		__entry->oif = oif;))
#define trace_fib_lookup(...) TP_FUNC(fib_lookup, __VA_ARGS__)

TRACE_EVENT(inet_addr_type, "net/ipv4/fib_frontend.c", TP_NOT_INLINE,
	TP_PROTO(struct net *net, __be32 addr),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_ip4(addr)),
	TP_ASSIGN(
		__entry->addr = addr;))
#define trace_inet_addr_type(...) TP_FUNC(inet_addr_type, __VA_ARGS__)

TRACE_EVENT(inet_select_addr, "net/ipv4/devinet.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev, __be32 dst),
	TP_HOST(dev_net(dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_ip4(dst)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->dst = dst;))
#define trace_inet_select_addr(...) TP_FUNC(inet_select_addr, __VA_ARGS__)

TRACE_EVENT(fib_validate_source, "net/ipv4/fib_frontend.c", TP_NOT_INLINE,
	TP_PROTO(struct net *net, __be32 saddr, const struct net_device *dev),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_ip4(saddr)
		tp_str(in)),
	TP_ASSIGN(
		__entry->saddr = saddr;
		__entry->in = dev->name;))
#define trace_fib_validate_source(...) TP_FUNC(fib_validate_source, __VA_ARGS__)

/* ip route add and del: the table the request names. */
DECLARE_EVENT_CLASS(inet_rtm_route,
	TP_PROTO(struct net *net, const struct fib_config *cfg),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(table)),
	TP_ASSIGN(
		__entry->table = cfg->fc_table;))
DEFINE_EVENT(inet_rtm_route, inet_rtm_newroute, "net/ipv4/fib_frontend.c", TP_NOT_INLINE,
	TP_PROTO(struct net *net, const struct fib_config *cfg), TP_ARGS(net, cfg))
#define trace_inet_rtm_newroute(...) TP_FUNC(inet_rtm_newroute, __VA_ARGS__)

DEFINE_EVENT(inet_rtm_route, inet_rtm_delroute, "net/ipv4/fib_frontend.c", TP_NOT_INLINE,
	TP_PROTO(struct net *net, const struct fib_config *cfg), TP_ARGS(net, cfg))
#define trace_inet_rtm_delroute(...) TP_FUNC(inet_rtm_delroute, __VA_ARGS__)

TRACE_EVENT(fib_magic, "net/ipv4/fib_frontend.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev, u32 table, u8 type, __be32 dst, int plen),
	TP_HOST(dev_net(dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_enum(tb, sim_fib_table_name)
		tp_u8(type)
		tp_custom(dst, struct sim_fib_prefix, sim_fib_prefix_print)
		tp_str(dev)),
	TP_ASSIGN(
		__entry->tb = table;
		__entry->type = type;
		__entry->dst = (struct sim_fib_prefix){ dst, plen };
		__entry->dev = dev->name;))
#define trace_fib_magic(...) TP_FUNC(fib_magic, __VA_ARGS__)

/* A route could not be added: the reason and the error. */
DEFINE_NOTE_EVENT(reason_err, fib_failed, "net/ipv4/fib_frontend.c",
	TP_PROTO(struct net *net, const char *reason, int err), TP_ARGS(net, NULL, reason, err))
#define trace_fib_failed(...) TP_NOTE(fib_failed, __VA_ARGS__)

DEFINE_EVENT(netdev, fib_del_ifaddr, "net/ipv4/fib_frontend.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev), TP_ARGS(dev))
#define trace_fib_del_ifaddr(...) TP_FUNC(fib_del_ifaddr, __VA_ARGS__)

TRACE_EVENT(fib_add_ifaddr, "net/ipv4/fib_frontend.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev),
	TP_HOST(dev_net(dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_custom(addr, struct sim_fib_prefix, sim_fib_prefix_print)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->addr = (struct sim_fib_prefix){ dev->ifa.ifa_address,
							 dev->ifa.ifa_prefixlen };))
#define trace_fib_add_ifaddr(...) TP_FUNC(fib_add_ifaddr, __VA_ARGS__)

TRACE_EVENT(ip_fib_init, "net/ipv4/fib_frontend.c", TP_NOT_INLINE,
	TP_PROTO(struct net *net),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(tables)),
	TP_ASSIGN(
		__entry->tables = "local,main";))
#define trace_ip_fib_init(...) TP_FUNC(ip_fib_init, __VA_ARGS__)

DEFINE_EVENT(no_fields, ip_fib_net_exit, "net/ipv4/fib_frontend.c", TP_NOT_INLINE,
	TP_PROTO(struct net *net), TP_ARGS(net, NULL))
#define trace_ip_fib_net_exit(...) TP_FUNC(ip_fib_net_exit, __VA_ARGS__)

/* ---- layers/fib_trie.c ------------------------------------------------------ */

TRACE_EVENT(fib_table_lookup, "net/ipv4/fib_trie.c", TP_NOT_INLINE,
	TP_PROTO(const struct fib_table *tb, __be32 daddr, const struct fib_alias *fa),
	TP_HOST(tb->tb_net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_enum(tb, sim_fib_table_name)
		tp_ip4(daddr)
		tp_custom(matched, struct sim_fib_prefix, sim_fib_matched_print)
		tp_ip4(gw)
		tp_str(dev)
		tp_s32(row)),
	TP_ASSIGN(
		const struct sim_fib_desc d = sim_fib_describe(tb->tb_net, fa);

		__entry->tb = tb->tb_id;
		__entry->daddr = daddr;
		__entry->matched = d.matched;
		__entry->gw = d.gw;
		__entry->dev = d.dev;
		__entry->row = d.row;))
#define trace_fib_table_lookup(...) TP_FUNC(fib_table_lookup, __VA_ARGS__)

TRACE_EVENT(fib_table_insert, "net/ipv4/fib_trie.c", TP_NOT_INLINE,
	TP_PROTO(struct net *net, const struct fib_config *cfg),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_enum(tb, sim_fib_table_name)
		tp_custom(dst, struct sim_fib_prefix, sim_fib_prefix_print)
		tp_ip4(gw)
		tp_str(dev)
		tp_u32(metric)
		tp_u32(mtu)),
	TP_ASSIGN(
		__entry->tb = cfg->fc_table;
		__entry->dst = (struct sim_fib_prefix){ cfg->fc_dst, cfg->fc_dst_len };
		__entry->gw = cfg->fc_gw;
		__entry->dev = cfg->fc_dev ? cfg->fc_dev->name : "none";
		__entry->metric = cfg->fc_priority;
		__entry->mtu = cfg->fc_mtu;))
#define trace_fib_table_insert(...) TP_FUNC(fib_table_insert, __VA_ARGS__)

TRACE_EVENT(fib_table_delete, "net/ipv4/fib_trie.c", TP_NOT_INLINE,
	TP_PROTO(struct net *net, const struct fib_config *cfg),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_enum(tb, sim_fib_table_name)
		tp_custom(dst, struct sim_fib_prefix, sim_fib_prefix_print)
		tp_ip4(gw)
		tp_str(dev)),
	TP_ASSIGN(
		__entry->tb = cfg->fc_table;
		__entry->dst = (struct sim_fib_prefix){ cfg->fc_dst, cfg->fc_dst_len };
		__entry->gw = cfg->fc_gw;
		__entry->dev = cfg->fc_dev ? cfg->fc_dev->name : "any";))
#define trace_fib_table_delete(...) TP_FUNC(fib_table_delete, __VA_ARGS__)

/* route -n and ip route: the rows of the main table. */
DECLARE_EVENT_CLASS(fib_main_rows,
	TP_PROTO(struct net *net),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(rows)),
	TP_ASSIGN(
		__entry->rows = fib_get_table(net, RT_TABLE_MAIN)->tb_nroutes;))
DEFINE_EVENT(fib_main_rows, sim_fib_route_show, "net/ipv4/fib_trie.c", TP_NOT_INLINE,
	TP_PROTO(struct net *net), TP_ARGS(net))
#define trace_sim_fib_route_show(...) TP_FUNC(sim_fib_route_show, __VA_ARGS__)

DEFINE_EVENT(fib_main_rows, sim_fib_ip_route_show, "net/ipv4/fib_trie.c", TP_NOT_INLINE,
	TP_PROTO(struct net *net), TP_ARGS(net))
#define trace_sim_fib_ip_route_show(...) TP_FUNC(sim_fib_ip_route_show, __VA_ARGS__)

/* fib_frontend.c's netdevice notifier and what it does on NETDEV_DOWN. */
DEFINE_EVENT(netdev_cmd, fib_netdev_event, "net/ipv4/fib_frontend.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev, unsigned long cmd), TP_ARGS(dev, cmd))
#define trace_fib_netdev_event(...) TP_FUNC(fib_netdev_event, __VA_ARGS__)
DEFINE_EVENT(netdev, fib_disable_ip, "net/ipv4/fib_frontend.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev), TP_ARGS(dev))
#define trace_fib_disable_ip(...) TP_FUNC(fib_disable_ip, __VA_ARGS__)

#endif
