/*
 * layers/netfilter.h - netfilter hooks and the iptables filter table.
 *
 * Mirrors include/linux/netfilter.h, include/uapi/linux/netfilter.h and
 * include/uapi/linux/netfilter_ipv4/ip_tables.h (Linux 3.10).  The IP
 * layer calls NF_HOOK() at five points of a packet's path; the filter
 * table (layers/netfilter.c) hangs its INPUT, FORWARD and OUTPUT chains
 * on three of them.  tools/iptables.c edits the rules through the
 * libiptc-named calls at the end of this file.
 */
#ifndef NETSTEP_LAYERS_NETFILTER_H
#define NETSTEP_LAYERS_NETFILTER_H

#include "kernel/types.h"
#include "layers/netdevice.h"
#include <stdio.h>

struct net;
struct sk_buff;
struct net_device;

/* Protocol families, include/uapi/linux/netfilter.h */
#define NFPROTO_UNSPEC	0
#define NFPROTO_IPV4	2

/* Verdicts */
#define NF_DROP		0
#define NF_ACCEPT	1

/* The five IPv4 hook points, include/uapi/linux/netfilter.h */
enum nf_inet_hooks {
	NF_INET_PRE_ROUTING,		/* ip_rcv, before routing */
	NF_INET_LOCAL_IN,		/* ip_local_deliver: for us */
	NF_INET_FORWARD,		/* ip_forward: through us */
	NF_INET_LOCAL_OUT,		/* __ip_local_out: we sent it */
	NF_INET_POST_ROUTING,		/* ip_output: about to leave */
	NF_INET_NUMHOOKS
};

/*
 * nf_hook - run the hook @hook for @skb.
 * Returns 1 when the packet may continue (the caller then calls @okfn
 * itself); otherwise @skb has been freed and -EPERM is returned.
 */
int nf_hook(u8 pf, unsigned int hook, struct sk_buff *skb, struct net_device *indev,
	    struct net_device *outdev, int (*okfn)(struct sk_buff *));

/* NF_HOOK: hook, then continue with @okfn if accepted (consumes @skb). */
static inline int
NF_HOOK(u8 pf, unsigned int hook, struct sk_buff *skb, struct net_device *in,
	struct net_device *out, int (*okfn)(struct sk_buff *))
{
	int ret = nf_hook(pf, hook, skb, in, out, okfn);

	if (ret == 1)
		ret = okfn(skb);
	return ret;
}

/* NF_HOOK_COND: as NF_HOOK, but the hook only runs when @cond holds. */
static inline int
NF_HOOK_COND(u8 pf, unsigned int hook, struct sk_buff *skb, struct net_device *in,
	     struct net_device *out, int (*okfn)(struct sk_buff *), bool cond)
{
	int ret = 1;

	if (cond)
		ret = nf_hook(pf, hook, skb, in, out, okfn);
	if (ret == 1)
		ret = okfn(skb);
	return ret;
}

/* ---- The rules (include/uapi/linux/netfilter_ipv4/ip_tables.h) ---- */

/* Packet and byte counters of a rule or a chain policy. */
struct xt_counters {
	u64 pcnt;			/* packets */
	u64 bcnt;			/* bytes (IP total length) */
};

/* What a rule matches in the IP header; zero/empty fields match all. */
struct ipt_ip {
	__be32 src, dst;		/* addresses, already masked */
	__be32 smsk, dmsk;		/* netmasks (0 = any) */
	char iniface[IFNAMSIZ];		/* -i, "" = any */
	char outiface[IFNAMSIZ];	/* -o, "" = any */
	u16 proto;			/* IPPROTO_*, 0 = all */
	/* KERNEL: invflags (`!`), flags (IPT_F_FRAG), interface masks
	 * ("eth+") omitted. */
};

/* The tcp/udp match (xt_tcpudp.h): port ranges, inclusive. */
struct xt_tcpudp {
	u16 spts[2];			/* --sport, {0, 0xFFFF} = any */
	u16 dpts[2];			/* --dport */
};

/* Rule verdicts: NF_DROP, NF_ACCEPT, or no target (count and go on). */
#define XT_CONTINUE	0xFFFFFFFF

/* One rule, as ipt_entry (matches and target folded in). */
struct ipt_entry {
	struct ipt_ip ip;		/* header fields to match */
	bool has_ports;			/* --sport/--dport given (-m tcp|udp) */
	struct xt_tcpudp ports;		/* valid when has_ports */
	unsigned int verdict;		/* NF_ACCEPT, NF_DROP or XT_CONTINUE */
	struct xt_counters counters;	/* packets and bytes it matched */
};

/* One built-in chain of the filter table.  KERNEL: the kernel keeps the
 * whole table as one blob of ipt_entry records with hook_entry/underflow
 * offsets; libiptc's chain_head is the per-chain view netstep keeps. */
struct ipt_chain {
	const char *name;		/* "INPUT", "FORWARD", "OUTPUT" */
	unsigned int hook;		/* NF_INET_LOCAL_IN ... */
	unsigned int policy;		/* NF_ACCEPT or NF_DROP */
	struct xt_counters policy_counters;	/* packets the policy decided */
	struct ipt_entry *rules;	/* nrules entries, in order */
	unsigned int nrules;
	unsigned int cap;		/* allocated entries */
};

/* NOTE: netstep keeps at most this many rules per chain. */
#define SIM_IPT_MAX_RULES	1024

/*
 * Editing the filter table.  KERNEL: iptables reads the whole table with
 * getsockopt(IPT_SO_GET_ENTRIES), edits it in user space with libiptc
 * and writes it back with setsockopt(IPT_SO_SET_REPLACE) (do_replace in
 * ip_tables.c).  netstep's tool calls these libiptc-named functions,
 * which edit the table in place.  @chain is "INPUT", "FORWARD" or
 * "OUTPUT"; rule numbers start at 1 as on the command line.  Errors:
 * -ENOENT (no such chain), -E2BIG (rule number too big), -ENOSPC
 * (chain full), -ESRCH (no matching rule), -ENOMEM.
 */
int sim_iptc_is_chain(const char *chain);
int sim_iptc_append_entry(struct net *net, const char *chain, const struct ipt_entry *e);
int sim_iptc_insert_entry(struct net *net, const char *chain, const struct ipt_entry *e,
			  unsigned int rulenum);
int sim_iptc_delete_num_entry(struct net *net, const char *chain, unsigned int rulenum);
int sim_iptc_delete_entry(struct net *net, const char *chain, const struct ipt_entry *e);
int sim_iptc_flush_entries(struct net *net, const char *chain);
int sim_iptc_zero_entries(struct net *net, const char *chain);
int sim_iptc_set_policy(struct net *net, const char *chain, unsigned int verdict);
/* Policy (NF_ACCEPT/NF_DROP) and its counters; -ENOENT. */
int sim_iptc_get_policy(struct net *net, const char *chain, struct xt_counters *c);
/* Rules of @chain: how many, and the n-th (1-based; NULL if none). */
unsigned int sim_iptc_num_rules(struct net *net, const char *chain);
const struct ipt_entry *sim_iptc_get_rule(struct net *net, const char *chain,
					  unsigned int rulenum);
/* The chains in listing order: "INPUT", "FORWARD", "OUTPUT", NULL. */
const char *sim_iptc_chain_name(unsigned int i);
/* @chain as the table spells it (a string that lives as long as the
 * program) if it names a chain, else @chain itself.  For the trace. */
const char *sim_ipt_chain_str(const char *chain);

/* For the trace (events/netfilter.h): "NF_INET_LOCAL_IN" ... or
 * "unknown"; "DROP" for NF_DROP, "ACCEPT" for anything else. */
const char *sim_nf_hook_name(u32 hook);
const char *sim_nf_verdict_name(u32 verdict);

/* The verdict chain @c (NULL: none) will give @skb, and in *@rulenum the
 * rule that will decide, looked at without counting: what the nf_hook
 * tracepoint shows before ipt_do_table runs the chain. */
unsigned int sim_nf_preview(struct ipt_chain *c, const struct sk_buff *skb,
			    const struct net_device *in, const struct net_device *out,
			    unsigned int *rulenum);

/* Per-host setup and teardown of the filter table. */
int iptable_filter_net_init(struct net *net);
void iptable_filter_net_exit(struct net *net);

#endif
