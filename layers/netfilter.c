/*
 * layers/netfilter.c - netfilter hooks and the iptables filter table.
 *
 * Mirrors net/netfilter/core.c (nf_hook_slow: run what is registered at
 * a hook), net/ipv4/netfilter/ip_tables.c (ipt_do_table: walk a chain,
 * first matching rule decides) and net/ipv4/netfilter/iptable_filter.c
 * (the filter table on LOCAL_IN, FORWARD and LOCAL_OUT) of Linux 3.10.
 * Read layers/netfilter.h first (hooks, verdicts, NF_HOOK); the callers
 * are in layers/ip_output.c (__ip_local_out: OUTPUT), ip_input.c
 * (ip_local_deliver: INPUT) and ip_forward.c (FORWARD).
 *
 * A packet reaching a hook is matched against the chain's rules in
 * order: protocol, source and destination prefix, -i/-o device, and for
 * tcp/udp the ports.  The first rule with a target (ACCEPT, DROP)
 * decides; a rule without one only counts.  If no rule decides, the
 * chain policy does.  Each rule and each policy counts packets and
 * bytes, as `iptables -L -v` shows.
 *
 * Left out: other tables (nat, mangle, raw), user chains, jumps, other
 * matches and targets (REJECT, LOG), connection tracking, inverted
 * matches (`!`), interface wildcards, fragments matching, hook
 * priorities (only the filter table is registered).
 */
#include "kernel/trace.h"
#include "layers/netfilter.h"
#include "layers/skbuff.h"
#include "layers/ip.h"
#include "layers/net_namespace.h"
#include "events/netfilter.h"

#include <stdlib.h>
#include <string.h>

static const char KSRC[] = "net/netfilter/core.c";

/* The filter table of a host (net->nf). */
struct nf_table {
	struct ipt_chain chains[3];	/* INPUT, FORWARD, OUTPUT */
};

static const struct {
	const char *name;
	unsigned int hook;
} sim_ipt_filter_chains[] = {
	{ "INPUT", NF_INET_LOCAL_IN },
	{ "FORWARD", NF_INET_FORWARD },
	{ "OUTPUT", NF_INET_LOCAL_OUT },
};

static const char *const sim_nf_hook_names[NF_INET_NUMHOOKS] = {
	[NF_INET_PRE_ROUTING] = "NF_INET_PRE_ROUTING",
	[NF_INET_LOCAL_IN] = "NF_INET_LOCAL_IN",
	[NF_INET_FORWARD] = "NF_INET_FORWARD",
	[NF_INET_LOCAL_OUT] = "NF_INET_LOCAL_OUT",
	[NF_INET_POST_ROUTING] = "NF_INET_POST_ROUTING",
};

/* Namers for the trace (see netfilter.h). */
const char *
sim_nf_hook_name(u32 hook)
{
	return hook < NF_INET_NUMHOOKS ? sim_nf_hook_names[hook] : "unknown";
}

const char *
sim_nf_verdict_name(u32 verdict)
{
	return verdict == NF_DROP ? "DROP" : "ACCEPT";
}

/* What the rules look at, read once from the packet (no side effects). */
struct sim_ipt_pkt {
	bool ok;			/* a whole IPv4 header is there */
	__be32 saddr, daddr;
	u8 proto;
	bool ports_ok;			/* tcp/udp ports are in the skb */
	u16 sport, dport;		/* host order */
};

/* ---------------------------------------------------------------- */
/* Matching, ip_tables.c (ip_packet_match) and xt_tcpudp.c          */
/* ---------------------------------------------------------------- */

/* Read the IP header and, for tcp/udp first fragments, the ports.
 * Never trusts the packet: every offset is checked against the tail.
 * The IP header is linear (the stack made it so); the ports need not be
 * (a GSO skb's or a datagram's payload may be in frags): they are read
 * with skb_header_pointer, as xt_tcpudp does. */
static void
sim_ipt_parse(const struct sk_buff *skb, struct sim_ipt_pkt *p)
{
	const unsigned char *nh, *tail = skb_tail_pointer(skb);
	const struct iphdr *iph;
	unsigned int ihl;

	memset(p, 0, sizeof(*p));
	if (skb->network_header == SKB_HEADER_UNSET)
		return;
	nh = skb_network_header(skb);
	if (nh < skb->head || nh > tail || (size_t)(tail - nh) < sizeof(struct iphdr))
		return;
	iph = (const struct iphdr *)nh;
	ihl = iph->ihl * 4u;
	if (iph->version != IPVERSION || ihl < sizeof(struct iphdr) ||
	    (size_t)(tail - nh) < ihl)
		return;
	p->ok = true;
	p->saddr = iph->saddr;
	p->daddr = iph->daddr;
	p->proto = iph->protocol;
	if ((p->proto == IPPROTO_TCP || p->proto == IPPROTO_UDP) &&
	    !(ntohs(iph->frag_off) & IP_OFFSET)) {
		/* Bytes, not __be16: a retransmission trimmed by an odd
		 * number of acked bytes (tcp_trim_head) puts the headers
		 * at an odd address. */
		u8 buf[4];
		const u8 *ports = skb_header_pointer(skb, (int)(nh + ihl - skb->data),
						     sizeof(buf), buf);

		if (!ports)
			return;
		p->ports_ok = true;
		p->sport = (u16)(ports[0] << 8 | ports[1]);
		p->dport = (u16)(ports[2] << 8 | ports[3]);
	}
}

/* Does rule @e match?  (ip_packet_match, then tcp_mt/udp_mt.) */
static bool
sim_ipt_match(const struct ipt_entry *e, const struct sim_ipt_pkt *p,
	      const struct net_device *in, const struct net_device *out)
{
	const struct ipt_ip *ip = &e->ip;

	if (ip->iniface[0] && (!in || strcmp(ip->iniface, in->name)))
		return false;
	if (ip->outiface[0] && (!out || strcmp(ip->outiface, out->name)))
		return false;
	if (!p->ok)	/* no readable header: only match-all rules apply */
		return !ip->smsk && !ip->dmsk && !ip->proto && !e->has_ports;
	if ((p->saddr & ip->smsk) != ip->src || (p->daddr & ip->dmsk) != ip->dst)
		return false;
	if (ip->proto && ip->proto != p->proto)
		return false;
	if (!e->has_ports)
		return true;
	/* KERNEL: tcp_mt hotdrops a first fragment too short for its ports;
	 * netstep just does not match it. */
	if (!p->ports_ok)
		return false;
	return p->sport >= e->ports.spts[0] && p->sport <= e->ports.spts[1] &&
	       p->dport >= e->ports.dpts[0] && p->dport <= e->ports.dpts[1];
}

/*
 * Walk @c: the first matching rule with a target decides; matching
 * rules without one are passed.  *rulenum = that rule (1-based) or 0
 * when the policy decides.  With @account, counters are bumped.
 */
static unsigned int
sim_ipt_walk(struct ipt_chain *c, const struct sim_ipt_pkt *p, unsigned int len,
	     const struct net_device *in, const struct net_device *out, bool account,
	     unsigned int *rulenum)
{
	for (unsigned int i = 0; i < c->nrules; i++) {
		struct ipt_entry *e = &c->rules[i];

		if (!sim_ipt_match(e, p, in, out))
			continue;
		if (account) {
			e->counters.pcnt++;
			e->counters.bcnt += len;
		}
		if (e->verdict == XT_CONTINUE)
			continue;
		*rulenum = i + 1;
		return e->verdict;
	}
	if (account) {
		c->policy_counters.pcnt++;
		c->policy_counters.bcnt += len;
	}
	*rulenum = 0;
	return c->policy;
}

/**
 * ipt_do_table - run the filter chain @c on @skb, counting every rule
 * that matched and the policy if it decided.  Returns NF_ACCEPT or
 * NF_DROP, and in *@rulenum the rule that decided (1-based; 0: the
 * policy); does not free @skb (nf_hook does).
 */
static unsigned int
ipt_do_table(struct net *net, struct ipt_chain *c, struct sk_buff *skb,
	     const struct sim_ipt_pkt *p, const struct net_device *in,
	     const struct net_device *out, unsigned int *rulenum)
{
	static const char KSRC[] = "net/ipv4/netfilter/ip_tables.c";
	unsigned int verdict;
	trace_ipt_do_table(net, c, skb);

	verdict = sim_ipt_walk(c, p, skb->len, in, out, true, rulenum);
	trace_ipt_chain_verdict(net, skb, verdict, *rulenum);
	return verdict;
}

/* ---------------------------------------------------------------- */
/* The hook, net/netfilter/core.c                                   */
/* ---------------------------------------------------------------- */

static struct net *
sim_nf_net(const struct sk_buff *skb, const struct net_device *in,
	   const struct net_device *out)
{
	if (out)
		return dev_net(out);
	if (in)
		return dev_net(in);
	return skb->host;
}

/* The filter chain registered at @hook, NULL if none. */
static struct ipt_chain *
sim_nf_chain(struct net *net, u8 pf, unsigned int hook)
{
	if (!net || !net->nf || pf != NFPROTO_IPV4)
		return NULL;
	for (unsigned int i = 0; i < ARRAY_SIZE(sim_ipt_filter_chains); i++)
		if (net->nf->chains[i].hook == hook)
			return &net->nf->chains[i];
	return NULL;
}

unsigned int
sim_nf_preview(struct ipt_chain *c, const struct sk_buff *skb, const struct net_device *in,
	       const struct net_device *out, unsigned int *rulenum)
{
	struct sim_ipt_pkt p;

	*rulenum = 0;
	if (!c)
		return NF_ACCEPT;
	sim_ipt_parse(skb, &p);
	return sim_ipt_walk(c, &p, skb->len, in, out, false, rulenum);
}

/**
 * nf_hook - pass @skb through what is registered at @hook.
 *
 * Returns 1 when the packet may go on: the caller then calls @okfn (as
 * NF_HOOK does).  Otherwise @skb has been freed (kfree_skb, counted in
 * SIM_MIB_NFDROPS) and -EPERM is returned.  The tracepoint's rule= is the
 * deciding rule (1-based), 0 when the chain policy decided.
 *
 * KERNEL: 3.10 inlines nf_hook_thresh, which returns 1 at once when no
 * hook is registered, else calls nf_hook_slow -> nf_iterate ->
 * iptable_filter_hook -> ipt_do_table.  netstep has only the filter
 * table, so nf_hook calls ipt_do_table directly.
 */
int
nf_hook(u8 pf, unsigned int hook, struct sk_buff *skb, struct net_device *indev,
	struct net_device *outdev, int (*okfn)(struct sk_buff *))
{
	struct net *net = sim_nf_net(skb, indev, outdev);
	struct ipt_chain *chain = sim_nf_chain(net, pf, hook);
	struct sim_ipt_pkt pkt;
	unsigned int rulenum, verdict;
	trace_nf_hook(net, skb, hook, chain, indev, outdev);

	(void)okfn;	/* NF_HOOK calls it when we return 1 */
	if (!chain)
		return 1;
	sim_ipt_parse(skb, &pkt);
	verdict = ipt_do_table(net, chain, skb, &pkt, indev, outdev, &rulenum);
	if (verdict == NF_ACCEPT)
		return 1;
	NET_INC_STATS(net, SIM_MIB_NFDROPS);
	trace_nf_iptables_drop(net, skb, chain, rulenum);
	kfree_skb(skb);
	return -EPERM;
}

/* ---------------------------------------------------------------- */
/* Editing the table (libiptc's calls, see netfilter.h)             */
/* ---------------------------------------------------------------- */

static int
sim_ipt_chain_index(const char *chain)
{
	for (unsigned int i = 0; chain && i < ARRAY_SIZE(sim_ipt_filter_chains); i++)
		if (!strcmp(chain, sim_ipt_filter_chains[i].name))
			return (int)i;
	return -1;
}

static struct ipt_chain *
sim_ipt_chain(struct net *net, const char *chain)
{
	int i = sim_ipt_chain_index(chain);

	return i < 0 || !net->nf ? NULL : &net->nf->chains[i];
}

int
sim_iptc_is_chain(const char *chain)
{
	return sim_ipt_chain_index(chain) >= 0;
}

const char *
sim_iptc_chain_name(unsigned int i)
{
	return i < ARRAY_SIZE(sim_ipt_filter_chains) ? sim_ipt_filter_chains[i].name : NULL;
}

/* See netfilter.h: the table's own spelling of @chain, for the trace. */
const char *
sim_ipt_chain_str(const char *chain)
{
	int i = sim_ipt_chain_index(chain);

	return i < 0 ? chain : sim_ipt_filter_chains[i].name;
}

/**
 * sim_iptc_insert_entry - put a copy of @e before rule @rulenum (1-based;
 * nrules + 1 appends), with its counters cleared.
 */
int
sim_iptc_insert_entry(struct net *net, const char *chain, const struct ipt_entry *e,
		      unsigned int rulenum)
{
	static const char KSRC[] = "net/ipv4/netfilter/ip_tables.c";
	struct ipt_chain *c = sim_ipt_chain(net, chain);
	trace_sim_iptc_insert_entry(net, chain, rulenum);

	if (!c)
		return -ENOENT;
	if (rulenum < 1 || rulenum > c->nrules + 1)
		return -E2BIG;
	if (c->nrules >= SIM_IPT_MAX_RULES)
		return -ENOSPC;
	if (c->nrules == c->cap) {
		unsigned int cap = c->cap ? c->cap * 2 : 8;
		struct ipt_entry *r = realloc(c->rules, cap * sizeof(*r));

		if (!r)
			return -ENOMEM;
		c->rules = r;
		c->cap = cap;
	}
	memmove(&c->rules[rulenum], &c->rules[rulenum - 1],
		(c->nrules - (rulenum - 1)) * sizeof(*c->rules));
	c->rules[rulenum - 1] = *e;
	memset(&c->rules[rulenum - 1].counters, 0, sizeof(struct xt_counters));
	c->nrules++;
	return 0;
}

/* sim_iptc_append_entry - add a copy of @e at the end of @chain. */
int
sim_iptc_append_entry(struct net *net, const char *chain, const struct ipt_entry *e)
{
	struct ipt_chain *c = sim_ipt_chain(net, chain);

	return c ? sim_iptc_insert_entry(net, chain, e, c->nrules + 1) : -ENOENT;
}

/**
 * sim_iptc_delete_num_entry - remove rule @rulenum (1-based) of @chain.
 * 0, -ENOENT or -E2BIG.
 */
int
sim_iptc_delete_num_entry(struct net *net, const char *chain, unsigned int rulenum)
{
	static const char KSRC[] = "net/ipv4/netfilter/ip_tables.c";
	struct ipt_chain *c = sim_ipt_chain(net, chain);
	trace_sim_iptc_delete_num_entry(net, chain, rulenum);

	if (!c)
		return -ENOENT;
	if (rulenum < 1 || rulenum > c->nrules)
		return -E2BIG;
	memmove(&c->rules[rulenum - 1], &c->rules[rulenum],
		(c->nrules - rulenum) * sizeof(*c->rules));
	c->nrules--;
	return 0;
}

/* Same rule, counters aside (libiptc compares with a mask the same way). */
static bool
sim_ipt_same(const struct ipt_entry *a, const struct ipt_entry *b)
{
	if (memcmp(&a->ip, &b->ip, sizeof(a->ip)) || a->verdict != b->verdict ||
	    a->has_ports != b->has_ports)
		return false;
	return !a->has_ports || !memcmp(&a->ports, &b->ports, sizeof(a->ports));
}

/* sim_iptc_delete_entry - remove the first rule of @chain equal to @e. */
int
sim_iptc_delete_entry(struct net *net, const char *chain, const struct ipt_entry *e)
{
	struct ipt_chain *c = sim_ipt_chain(net, chain);

	if (!c)
		return -ENOENT;
	for (unsigned int i = 0; i < c->nrules; i++)
		if (sim_ipt_same(&c->rules[i], e))
			return sim_iptc_delete_num_entry(net, chain, i + 1);
	return -ESRCH;
}

/* Apply @fn to @chain, or to every chain if @chain is NULL. */
static int
sim_ipt_each(struct net *net, const char *chain, void (*fn)(struct ipt_chain *))
{
	if (chain) {
		struct ipt_chain *c = sim_ipt_chain(net, chain);

		if (!c)
			return -ENOENT;
		fn(c);
		return 0;
	}
	if (!net->nf)
		return -ENOENT;
	for (unsigned int i = 0; i < ARRAY_SIZE(sim_ipt_filter_chains); i++)
		fn(&net->nf->chains[i]);
	return 0;
}

static void
sim_ipt_flush(struct ipt_chain *c)
{
	c->nrules = 0;
}

static void
sim_ipt_zero(struct ipt_chain *c)
{
	memset(&c->policy_counters, 0, sizeof(c->policy_counters));
	for (unsigned int i = 0; i < c->nrules; i++)
		memset(&c->rules[i].counters, 0, sizeof(c->rules[i].counters));
}

int
sim_iptc_flush_entries(struct net *net, const char *chain)
{
	static const char KSRC[] = "net/ipv4/netfilter/ip_tables.c";
	trace_sim_iptc_flush_entries(net, chain);

	return sim_ipt_each(net, chain, sim_ipt_flush);
}

int
sim_iptc_zero_entries(struct net *net, const char *chain)
{
	static const char KSRC[] = "net/ipv4/netfilter/ip_tables.c";
	trace_sim_iptc_zero_entries(net, chain);

	return sim_ipt_each(net, chain, sim_ipt_zero);
}

int
sim_iptc_set_policy(struct net *net, const char *chain, unsigned int verdict)
{
	static const char KSRC[] = "net/ipv4/netfilter/ip_tables.c";
	struct ipt_chain *c = sim_ipt_chain(net, chain);
	trace_sim_iptc_set_policy(net, chain, verdict);

	if (!c)
		return -ENOENT;
	if (verdict != NF_ACCEPT && verdict != NF_DROP)
		return -EINVAL;
	c->policy = verdict;
	return 0;
}

int
sim_iptc_get_policy(struct net *net, const char *chain, struct xt_counters *counters)
{
	struct ipt_chain *c = sim_ipt_chain(net, chain);

	if (!c)
		return -ENOENT;
	if (counters)
		*counters = c->policy_counters;
	return (int)c->policy;
}

unsigned int
sim_iptc_num_rules(struct net *net, const char *chain)
{
	struct ipt_chain *c = sim_ipt_chain(net, chain);

	return c ? c->nrules : 0;
}

const struct ipt_entry *
sim_iptc_get_rule(struct net *net, const char *chain, unsigned int rulenum)
{
	struct ipt_chain *c = sim_ipt_chain(net, chain);

	if (!c || rulenum < 1 || rulenum > c->nrules)
		return NULL;
	return &c->rules[rulenum - 1];
}

/* ---------------------------------------------------------------- */
/* Setup, net/ipv4/netfilter/iptable_filter.c                       */
/* ---------------------------------------------------------------- */

/**
 * iptable_filter_net_init - register the filter table of @net: INPUT, FORWARD
 * and OUTPUT, empty, policy ACCEPT.  0 or -ENOMEM.
 */
int
iptable_filter_net_init(struct net *net)
{
	static const char KSRC[] = "net/ipv4/netfilter/iptable_filter.c";
	trace_iptable_filter_net_init(net, ARRAY_SIZE(sim_ipt_filter_chains));

	net->nf = calloc(1, sizeof(*net->nf));
	if (!net->nf)
		return -ENOMEM;
	for (unsigned int i = 0; i < ARRAY_SIZE(sim_ipt_filter_chains); i++) {
		net->nf->chains[i].name = sim_ipt_filter_chains[i].name;
		net->nf->chains[i].hook = sim_ipt_filter_chains[i].hook;
		net->nf->chains[i].policy = NF_ACCEPT;
	}
	return 0;
}

/**
 * iptable_filter_net_exit - unregister and free the filter table of @net.
 */
void
iptable_filter_net_exit(struct net *net)
{
	static const char KSRC[] = "net/ipv4/netfilter/iptable_filter.c";
	trace_iptable_filter_net_exit(net);

	if (!net->nf)
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(sim_ipt_filter_chains); i++)
		free(net->nf->chains[i].rules);
	free(net->nf);
	net->nf = NULL;
}
