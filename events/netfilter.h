/*
 * events/netfilter.h - tracepoints of layers/netfilter.c (net/netfilter/core.c, net/ipv4/netfilter/).
 * See kernel/trace_event.h for the syntax.
 */
#if !defined(NETSTEP_EVENTS_NETFILTER_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_NETFILTER_H

#undef TRACE_SYSTEM
#define TRACE_SYSTEM netfilter

#include "kernel/trace_event.h"
#include "layers/netfilter.h"

TRACE_EVENT(ipt_do_table, "net/ipv4/netfilter/ip_tables.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, const struct ipt_chain *c, const struct sk_buff *skb),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(chain)
		tp_u32(rules)),
	TP_ASSIGN(
		__entry->chain = c->name;
		__entry->rules = c->nrules;))
#define trace_ipt_do_table(...) TP_FUNC(ipt_do_table, __VA_ARGS__)

/* ipt_do_table: what the chain decided, and the rule that did (1-based;
 * 0: the chain policy). */
TRACE_NOTE_EVENT(ipt_chain_verdict, "net/ipv4/netfilter/ip_tables.c",
	TP_PROTO(const struct net *net, const struct sk_buff *skb, unsigned int verdict,
		 unsigned int rulenum),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_enum8(verdict, sim_nf_verdict_name)
		tp_u32(rule)),
	TP_ASSIGN(
		__entry->verdict = (u8)verdict;
		__entry->rule = rulenum;))
#define trace_ipt_chain_verdict(...) TP_NOTE(ipt_chain_verdict, __VA_ARGS__)

/* verdict, rule: what @chain (NULL if none is registered) will decide,
 * looked at without counting before ipt_do_table runs it: only while
 * somebody listens. */
TRACE_EVENT(nf_hook, "include/linux/netfilter.h", TP_INLINE,
	TP_PROTO(const struct net *net, const struct sk_buff *skb, unsigned int hook,
		 struct ipt_chain *chain, const struct net_device *in,
		 const struct net_device *out),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_enum8(hook, sim_nf_hook_name)
		tp_str(chain)
		tp_enum8(verdict, sim_nf_verdict_name)
		tp_u32(rule)
		tp_u32(len)),
	TP_ASSIGN(
		unsigned int rulenum;

		__entry->hook = (u8)hook;
		__entry->chain = chain ? chain->name : "none";
		__entry->verdict = (u8)sim_nf_preview(chain, skb, in, out, &rulenum);
		__entry->rule = rulenum;
		__entry->len = skb->len;))
#define trace_nf_hook(...) TP_FUNC(nf_hook, __VA_ARGS__)

/* nf_hook: the filter chain dropped the packet. */
TRACE_NOTE_EVENT(nf_iptables_drop, "net/netfilter/core.c",
	TP_PROTO(const struct net *net, const struct sk_buff *skb, const struct ipt_chain *chain,
		 unsigned int rulenum),
	TP_HOST(net),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_str(chain)
		tp_u32(rule)),
	TP_ASSIGN(
		__entry->reason = "iptables_drop";
		__entry->chain = chain->name;
		__entry->rule = rulenum;))
#define trace_nf_iptables_drop(...) TP_NOTE(nf_iptables_drop, __VA_ARGS__)

/*
 * The libiptc calls have no kernel counterpart (iptables edits the table
 * in user space and replaces it whole, do_replace in ip_tables.c).
 * @chain is the caller's word; the table's own spelling is kept.
 */

/* iptables -I and -D: the chain and the rule's number. */
DECLARE_EVENT_CLASS(iptc_chain_rule,
	TP_PROTO(const struct net *net, const char *chain, unsigned int rulenum),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(chain)
		tp_u32(rule)),
	TP_ASSIGN(
		__entry->chain = sim_ipt_chain_str(chain);
		__entry->rule = rulenum;))
DEFINE_EVENT(iptc_chain_rule, sim_iptc_insert_entry, "net/ipv4/netfilter/ip_tables.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct net *net, const char *chain, unsigned int rulenum),
	TP_ARGS(net, chain, rulenum))
#define trace_sim_iptc_insert_entry(...) TP_FUNC(sim_iptc_insert_entry, __VA_ARGS__)

DEFINE_EVENT(iptc_chain_rule, sim_iptc_delete_num_entry, "net/ipv4/netfilter/ip_tables.c",
	    TP_NOT_INLINE,
	TP_PROTO(const struct net *net, const char *chain, unsigned int rulenum),
	TP_ARGS(net, chain, rulenum))
#define trace_sim_iptc_delete_num_entry(...) TP_FUNC(sim_iptc_delete_num_entry, __VA_ARGS__)

/* iptables -F and -Z: the chain, or "all" for @chain NULL. */
DECLARE_EVENT_CLASS(iptc_chain,
	TP_PROTO(const struct net *net, const char *chain),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(chain)),
	TP_ASSIGN(
		__entry->chain = chain ? sim_ipt_chain_str(chain) : "all";))
DEFINE_EVENT(iptc_chain, sim_iptc_flush_entries, "net/ipv4/netfilter/ip_tables.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, const char *chain), TP_ARGS(net, chain))
#define trace_sim_iptc_flush_entries(...) TP_FUNC(sim_iptc_flush_entries, __VA_ARGS__)

DEFINE_EVENT(iptc_chain, sim_iptc_zero_entries, "net/ipv4/netfilter/ip_tables.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, const char *chain), TP_ARGS(net, chain))
#define trace_sim_iptc_zero_entries(...) TP_FUNC(sim_iptc_zero_entries, __VA_ARGS__)

TRACE_EVENT(sim_iptc_set_policy, "net/ipv4/netfilter/ip_tables.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, const char *chain, unsigned int verdict),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(chain)
		tp_enum8(policy, sim_nf_verdict_name)),
	TP_ASSIGN(
		__entry->chain = sim_ipt_chain_str(chain);
		__entry->policy = (u8)verdict;))
#define trace_sim_iptc_set_policy(...) TP_FUNC(sim_iptc_set_policy, __VA_ARGS__)

/* Register and free a host's filter table, the pernet init/exit of
 * iptable_filter.c (3.10's netfilter_init in net/netfilter/core.c is
 * another job: it sets up the hook lists once at boot). */
TRACE_EVENT(iptable_filter_net_init, "net/ipv4/netfilter/iptable_filter.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net, size_t nchains),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(table)
		tp_u32(chains)),
	TP_ASSIGN(
		__entry->table = "filter";
		__entry->chains = (u32)nchains;))
#define trace_iptable_filter_net_init(...) TP_FUNC(iptable_filter_net_init, __VA_ARGS__)

TRACE_EVENT(iptable_filter_net_exit, "net/ipv4/netfilter/iptable_filter.c", TP_NOT_INLINE,
	TP_PROTO(const struct net *net),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(table)),
	TP_ASSIGN(
		__entry->table = "filter";))
#define trace_iptable_filter_net_exit(...) TP_FUNC(iptable_filter_net_exit, __VA_ARGS__)

#endif
