/*
 * layers/ip_fragment.c - reassembly: holding fragments until a whole
 * datagram is there, then handing it up as one packet.
 *
 * Mirrors net/ipv4/ip_fragment.c (Linux 3.10) and the generic queue code
 * it uses from net/ipv4/inet_fragment.c.  (Fragmentation itself, the
 * sending side, is ip_fragment() in layers/ip_output.c.)
 *
 * One queue (struct ipq) per datagram being rebuilt, keyed by what
 * identifies a datagram [RFC 791]: source, destination, IP ID and
 * protocol.  Fragments are kept in offset order.  A queue completes when
 * the first fragment (offset 0) and the last (MF clear) are in and the
 * bytes in between add up; it dies when its 30 s timer fires first
 * (ICMP "fragment reassembly time exceeded" if fragment 0 had come), when
 * fragments overlap or contradict each other, or when memory runs short
 * and it is the oldest.
 *
 * Read before: layers/ip_input.c (ip_local_deliver calls ip_defrag).
 * Read after: layers/icmp.c.
 *
 * Left out: the hash table (a list is searched; few queues exist), the
 * per-peer ID-gap check (ipfrag_max_dist), ECN bits of fragments,
 * defragmentation for conntrack (IP_DEFRAG_* users), frag_list skbs.
 */
#include "layers/ip.h"
#include "layers/inet_frag.h"
#include "layers/route.h"
#include "layers/netdevice.h"
#include "layers/net_namespace.h"
#include "kernel/trace.h"
#include "events/ip.h"

#include <stdlib.h>
#include <string.h>

static const char KSRC[] = "net/ipv4/ip_fragment.c";

/* Defaults of the sysctls, include/net/ip.h and net/ipv4/ip_fragment.c. */
#define IPFRAG_HIGH_THRESH	(4 * 1024 * 1024)	/* ipfrag_high_thresh */
#define IPFRAG_LOW_THRESH	(3 * 1024 * 1024)	/* ipfrag_low_thresh */
#define IP_FRAG_TIME		(30 * HZ)		/* ipfrag_time */

/* Each held fragment remembers its payload offset (FRAG_CB). */
struct ipfrag_skb_cb {
	struct inet_skb_parm h;
	int offset;
};
#define FRAG_CB(skb)	((struct ipfrag_skb_cb *)((skb)->cb))

/* NOTE: ip_frag_nqueues and ip_frag_mem are plain getters for
 * /proc/net/sockstat and the UI, left untraced so that reading them does
 * not add events. */
int
ip_frag_nqueues(struct net *net)
{
	return net->ipfrag ? net->ipfrag->nqueues : 0;
}

int
ip_frag_mem(struct net *net)
{
	return net->ipfrag ? net->ipfrag->mem : 0;
}

void
sim_ipfrag_sysctl(struct net *net, int high_thresh, int low_thresh, int time_s)
{
	struct ipq_table *t = net->ipfrag;

	trace_sim_ipfrag_sysctl(net, high_thresh, low_thresh, time_s);
	if (!t)
		return;
	if (high_thresh >= 0)
		t->high_thresh = high_thresh;
	if (low_thresh >= 0)
		t->low_thresh = low_thresh;
	if (time_s >= 0)
		t->timeout = time_s * HZ;
}

/* ipq_kill - take a queue off the table and stop its timer (inet_frag_kill). */
static void
ipq_kill(struct ipq *qp)
{
	struct ipq_table *t = qp->net->ipfrag;

	trace_ipq_kill(qp);
	del_timer(&qp->timer);
	if (!(qp->last_in & INET_FRAG_COMPLETE)) {
		list_del_init(&qp->lru_list);
		t->nqueues--;
		qp->last_in |= INET_FRAG_COMPLETE;
	}
}

/*
 * inet_frag_destroy - free a killed queue and every fragment it still
 * holds.  KERNEL: reached through ipq_put when the last reference goes.
 */
static void
inet_frag_destroy(struct ipq *qp)
{
	struct ipq_table *t = qp->net->ipfrag;
	struct sk_buff *fp = qp->fragments;

	trace_inet_frag_destroy(qp);
	while (fp) {
		struct sk_buff *next = fp->next;

		fp->next = NULL;
		kfree_skb(fp);
		fp = next;
	}
	t->mem -= qp->mem;
	free(qp);
}

/* A queue given up on: drop it and count the failure. */
static void
sim_ipq_drop(struct ipq *qp, const char *reason)
{
	struct net *net = qp->net;

	trace_ip_reasm_drop(qp, reason);
	IP_INC_STATS(net, IPSTATS_MIB_REASMFAILS);
	ipq_kill(qp);
	inet_frag_destroy(qp);
}

/**
 * ip_expire - the queue's timer: reassembly took longer than ipfrag_time
 * @arg: the ipq
 *
 * If fragment 0 had arrived, its sender hears ICMP time exceeded
 * (code 1, "fragment reassembly time exceeded") quoting it [RFC 792];
 * without fragment 0 there is nothing meaningful to quote.
 */
static void
ip_expire(unsigned long arg)
{
	struct ipq *qp = (struct ipq *)arg;
	struct net *net = qp->net;
	struct sk_buff *head = qp->fragments;

	trace_ip_expire(qp);
	if (qp->last_in & INET_FRAG_COMPLETE)
		return;

	ipq_kill(qp);
	IP_INC_STATS(net, IPSTATS_MIB_REASMTIMEOUT);
	IP_INC_STATS(net, IPSTATS_MIB_REASMFAILS);

	if ((qp->last_in & INET_FRAG_FIRST_IN) && head &&
	    FRAG_CB(head)->offset == 0 && head->dev) {
		const struct iphdr *iph = ip_hdr(head);

		/* The route was dropped while the fragment waited; icmp_send
		 * needs one, and only answers for datagrams that were ours. */
		if (!ip_route_input_noref(head, iph->daddr, iph->saddr, iph->tos, head->dev) &&
		    skb_rtable(head)->rt_type == RTN_LOCAL)
			icmp_send(head, ICMP_TIME_EXCEEDED, ICMP_EXC_FRAGTIME, 0);
	}

	inet_frag_destroy(qp);
}

/*
 * Memory is short: drop whole queues, least recently fed first, until
 * below the low threshold (inet_frag_evictor).
 */
static void
ip_evictor(struct net *net)
{
	struct ipq_table *t = net->ipfrag;
	int bound = t->nqueues;

	trace_ip_evictor(net);
	while (t->mem > t->low_thresh && !list_empty(&t->lru_list) && bound-- > 0) {
		struct ipq *qp = list_first_entry(&t->lru_list, struct ipq, lru_list);

		sim_ipq_drop(qp, "evicted");
	}
}

/* Find the queue of this fragment's datagram, or start one (ip_find). */
static struct ipq *
ip_find(struct net *net, const struct iphdr *iph)
{
	struct ipq_table *t = net->ipfrag;
	struct ipq *qp;

	trace_ip_find(net, iph);
	list_for_each_entry(qp, &t->lru_list, lru_list) {
		if (qp->id == iph->id && qp->saddr == iph->saddr &&
		    qp->daddr == iph->daddr && qp->protocol == iph->protocol)
			return qp;
	}
	qp = calloc(1, sizeof(*qp));
	if (!qp)
		return NULL;
	qp->net = net;
	qp->saddr = iph->saddr;
	qp->daddr = iph->daddr;
	qp->id = iph->id;
	qp->protocol = iph->protocol;
	INIT_LIST_HEAD(&qp->lru_list);
	setup_timer(&net->cpu, &qp->timer, ip_expire, (unsigned long)qp);
	/* The clock starts with the first fragment; later ones do not
	 * extend it [RFC 791: the timer is set once]. */
	mod_timer(&qp->timer, sim_host_jiffies(net) + t->timeout);
	list_add_tail(&qp->lru_list, &t->lru_list);
	t->nqueues++;
	trace_ip_reasm_new_queue(qp);
	return qp;
}

/*
 * Add a fragment to its queue in offset order (ip_frag_queue).
 * Returns 0 when held, 1 when the fragment was a harmless duplicate and
 * was freed, or -Exxx when it was freed (and possibly the queue killed).
 */
static int
ip_frag_queue(struct ipq *qp, struct sk_buff *skb)
{
	struct net *net = qp->net;
	struct ipq_table *t = net->ipfrag;
	const struct iphdr *iph = ip_hdr(skb);
	unsigned int ihl = iph->ihl * 4;
	int flags = ntohs(iph->frag_off);
	int offset = (flags & IP_OFFSET) << 3;
	int end = offset + (int)(skb->len - ihl);
	struct sk_buff *prev, *next;

	trace_ip_frag_queue(qp, skb, offset, end);

	if (ihl + end > 65535) {
		sim_ipq_drop(qp, "oversize");
		goto drop;
	}
	if (!(flags & IP_MF)) {
		/* The last fragment fixes the length; it must agree with
		 * everything already seen. */
		if (end < qp->len ||
		    ((qp->last_in & INET_FRAG_LAST_IN) && end != qp->len)) {
			sim_ipq_drop(qp, "conflicting_end");
			goto drop;
		}
		qp->last_in |= INET_FRAG_LAST_IN;
		qp->len = end;
	} else {
		/* All but the last carry a multiple of 8 bytes; trim a stray
		 * tail as the kernel does. */
		if (end & 7) {
			end &= ~7;
			if (pskb_trim_rcsum(skb, ihl + end - offset)) {
				trace_ip_drop(skb, "no_memory");
				goto drop_one;
			}
		}
		if (end > qp->len) {
			if (qp->last_in & INET_FRAG_LAST_IN) {
				sim_ipq_drop(qp, "beyond_end");
				goto drop;
			}
			qp->len = end;
		}
	}
	if (end <= offset) {
		trace_ip_drop(skb, "empty_fragment");
		goto drop_one;
	}

	/* Find the place: prev ends at or before us, next starts after. */
	prev = NULL;
	for (next = qp->fragments; next; next = next->next) {
		if (FRAG_CB(next)->offset >= offset)
			break;
		prev = next;
	}
	/*
	 * Overlap.  An exact copy of what is held is a harmless duplicate
	 * (a retransmission); anything else can only be a mistake or an
	 * attack, and the whole datagram is discarded.
	 * KERNEL: 3.10 trims the overlapping parts and keeps going; since
	 * 4.19 overlaps drop the queue, as RFC 5722 asks of IPv6.
	 */
	if (next && FRAG_CB(next)->offset == offset &&
	    FRAG_CB(next)->offset + (int)(next->len - ip_hdrlen(next)) == end) {
		trace_ip_reasm_duplicate(skb, offset);
		kfree_skb(skb);
		IP_INC_STATS(net, IPSTATS_MIB_INDISCARDS);
		return 1;
	}
	if ((prev && FRAG_CB(prev)->offset + (int)(prev->len - ip_hdrlen(prev)) > offset) ||
	    (next && FRAG_CB(next)->offset < end)) {
		IP_INC_STATS(net, IPSTATS_MIB_REASMOVERLAPS);
		sim_ipq_drop(qp, "overlap");
		goto drop;
	}

	FRAG_CB(skb)->offset = offset;
	skb->next = next;
	if (prev)
		prev->next = skb;
	else
		qp->fragments = skb;

	qp->meat += end - offset;
	qp->mem += skb->truesize;
	t->mem += skb->truesize;
	if (offset == 0)
		qp->last_in |= INET_FRAG_FIRST_IN;
	if (skb->len > qp->max_size)
		qp->max_size = skb->len;
	/* Most recently fed goes to the back of the eviction line. */
	list_del_init(&qp->lru_list);
	list_add_tail(&qp->lru_list, &t->lru_list);
	trace_ip_reasm_held(qp, skb);
	return 0;

drop:
	kfree_skb(skb);
	return -EINVAL;
drop_one:
	IP_INC_STATS(net, IPSTATS_MIB_REASMFAILS);
	kfree_skb(skb);
	return -EINVAL;
}

/* Headroom of the rebuilt datagram (the kernel's NET_SKB_PAD). */
#define IPFRAG_HEADROOM		64

/*
 * Build the datagram (ip_frag_reasm): one new linear skb with the first
 * fragment's header, every payload copied to its offset, the header fixed
 * up as if never fragmented.  @skb, the fragment that completed the queue,
 * lends its route and device.  Returns the datagram or NULL.
 * KERNEL: no copy; the first fragment becomes the head and the rest are
 * chained on its frag_list.
 */
static struct sk_buff *
ip_frag_reasm(struct ipq *qp, struct sk_buff *skb)
{
	struct net *net = qp->net;
	struct sk_buff *head = qp->fragments;
	unsigned int ihl = ip_hdrlen(head);
	struct sk_buff *whole, *fp;
	struct iphdr *iph;

	trace_ip_frag_reasm(qp, skb);
	whole = alloc_skb(net, IPFRAG_HEADROOM + ihl + qp->len);
	if (!whole)
		return NULL;
	skb_reserve(whole, IPFRAG_HEADROOM);
	skb_put(whole, ihl + qp->len);
	skb_reset_network_header(whole);
	memcpy(whole->data, skb_network_header(head), ihl);
	for (fp = head; fp; fp = fp->next) {
		unsigned int fihl = ip_hdrlen(fp);

		/* The payload may be in page frags (igb): copied from there. */
		if (skb_copy_bits(fp, fihl, whole->data + ihl + FRAG_CB(fp)->offset,
				  fp->len - fihl)) {
			kfree_skb(whole);
			return NULL;
		}
	}
	whole->transport_header = whole->network_header + ihl;
	whole->dev = skb->dev;
	whole->pkt_type = skb->pkt_type;
	whole->protocol = skb->protocol;
	whole->priority = skb->priority;
	/* The route of the last fragment travels on with the datagram. */
	whole->_skb_refdst = skb->_skb_refdst;
	skb->_skb_refdst = 0;

	iph = ip_hdr(whole);
	iph->frag_off = 0;
	iph->tot_len = htons(ihl + qp->len);
	ip_send_check(iph);
	memset(IPCB(whole), 0, sizeof(struct inet_skb_parm));
	IPCB(whole)->flags |= IPSKB_FRAG_COMPLETE;
	IPCB(whole)->frag_max_size = qp->max_size;
	return whole;
}

/**
 * ip_defrag - feed one fragment to reassembly
 * @skbp: the fragment (IP header at ->data); on success replaced by the
 *        whole datagram
 *
 * Returns 0 with the datagram in *@skbp when this fragment completed it,
 * -EINPROGRESS when the fragment is held, or -Exxx when it was dropped
 * (*@skbp is then NULL in both cases: the fragment is no longer the
 * caller's).
 */
int
ip_defrag(struct sk_buff **skbp)
{
	struct sk_buff *skb = *skbp;
	struct net *net = skb->host;
	struct ipq_table *t = net->ipfrag;
	const struct iphdr *iph = ip_hdr(skb);
	struct sk_buff *whole;
	struct ipq *qp;
	int ret;

	trace_ip_defrag(skb);
	*skbp = NULL;
	IP_INC_STATS(net, IPSTATS_MIB_REASMREQDS);
	if (!t) {
		IP_INC_STATS(net, IPSTATS_MIB_REASMFAILS);
		kfree_skb(skb);
		return -ENOMEM;
	}
	if (t->mem > t->high_thresh)
		ip_evictor(net);

	qp = ip_find(net, iph);
	if (!qp) {
		IP_INC_STATS(net, IPSTATS_MIB_REASMFAILS);
		kfree_skb(skb);
		return -ENOMEM;
	}
	ret = ip_frag_queue(qp, skb);
	if (ret < 0)
		return ret;
	if (ret > 0)
		return -EINPROGRESS;
	if (!(qp->last_in & INET_FRAG_FIRST_IN) || !(qp->last_in & INET_FRAG_LAST_IN) ||
	    qp->meat != qp->len) {
		/* Held: it lets go of its route (the fragment that completes
		 * the datagram lends it its own). */
		skb_dst_drop(skb);
		if (t->mem > t->high_thresh)
			ip_evictor(net);
		return -EINPROGRESS;
	}

	/* Complete.  The fragment that completed it is still on the queue
	 * and lends the datagram its route and device. */
	ipq_kill(qp);
	whole = ip_frag_reasm(qp, skb);
	inet_frag_destroy(qp);
	if (!whole) {
		IP_INC_STATS(net, IPSTATS_MIB_REASMFAILS);
		return -ENOMEM;
	}
	IP_INC_STATS(net, IPSTATS_MIB_REASMOKS);
	trace_ip_reasm_done(whole);
	*skbp = whole;
	return 0;
}

/* ipfrag_init: the host's empty table with the default sysctls. */
void
ipfrag_init(struct net *net)
{
	struct ipq_table *t = calloc(1, sizeof(*t));

	trace_ipfrag_init(net);
	net->ipfrag = t;
	if (!t)
		return;
	INIT_LIST_HEAD(&t->lru_list);
	t->high_thresh = IPFRAG_HIGH_THRESH;
	t->low_thresh = IPFRAG_LOW_THRESH;
	t->timeout = IP_FRAG_TIME;
}

/* ipv4_frags_exit_net: free every queue and fragment still held. */
void
ipv4_frags_exit_net(struct net *net)
{
	struct ipq_table *t = net->ipfrag;

	trace_ipv4_frags_exit_net(net);
	if (!t)
		return;
	while (!list_empty(&t->lru_list)) {
		struct ipq *qp = list_first_entry(&t->lru_list, struct ipq, lru_list);

		ipq_kill(qp);
		inet_frag_destroy(qp);
	}
	free(t);
	net->ipfrag = NULL;
}
