/*
 * layers/sch_generic.h - struct Qdisc and struct Qdisc_ops: the queueing
 * disciplines that sit between dev_queue_xmit() and the driver.
 *
 * Mirrors include/net/sch_generic.h and include/uapi/linux/pkt_sched.h
 * (Linux 3.10).  Read layers/dev.c first (dev_queue_xmit and
 * __dev_xmit_skb decide whether a qdisc is used at all), then
 * layers/sch_generic.c (__qdisc_run, pfifo_fast, noqueue, the default
 * qdiscs), layers/sch_fifo.c (bfifo), layers/sch_mq.c (mq),
 * layers/sch_tbf.c (the token bucket) and layers/sch_api.c (what tc
 * changes: grafting a root, handles, the watchdog).  tools/tc.c is the
 * user side.
 *
 * A qdisc is an object with two hooks, enqueue and dequeue, plus a
 * little state that the generic code owns: the RUNNING bit (only one
 * caller drains a qdisc at a time), the SCHED bit (it waits on the
 * softnet output_queue for NET_TX_SOFTIRQ), a requeued skb the driver
 * refused (gso_skb) and the counters `tc -s qdisc` prints.
 *
 * KERNEL: no classes (Qdisc_class_ops), no filters, no size tables, no
 * rate estimators, no busylock, no netlink: tools/tc.c calls the
 * functions at the end of this file directly instead of sending
 * RTM_NEWQDISC messages.
 */
#ifndef NETSTEP_LAYERS_SCH_GENERIC_H
#define NETSTEP_LAYERS_SCH_GENERIC_H

#include "kernel/types.h"
#include "kernel/engine.h"
#include "layers/skbuff.h"
#include "layers/netdevice.h"

struct Qdisc;

/* q->flags, include/net/sch_generic.h (3.10 values) */
#define TCQ_F_BUILTIN		1	/* static qdisc, never freed (noqueue) */
#define TCQ_F_INGRESS		2
#define TCQ_F_CAN_BYPASS	4	/* an empty queue may be skipped */
#define TCQ_F_MQROOT		8	/* root mq of a multiqueue device */
#define TCQ_F_ONETXQUEUE	0x10	/* feeds exactly one TX queue */

/* q->state bits */
enum qdisc_state_t {
	__QDISC_STATE_SCHED,		/* on the softnet output_queue */
	__QDISC_STATE_DEACTIVATED,	/* device down: drop what comes */
	__QDISC_STATE_THROTTLED,	/* a watchdog will wake it (tbf) */
};

/* q->__state bits: protected by the root lock in the kernel */
enum qdisc___state_t {
	__QDISC___STATE_RUNNING = 1,	/* someone is inside __qdisc_run */
};

/* include/uapi/linux/gen_stats.h */
struct gnet_stats_basic_packed {
	u64 bytes;			/* handed on by dequeue */
	u32 packets;
};

struct gnet_stats_queue {
	u32 qlen;			/* skbs waiting (copied from q.qlen) */
	u32 backlog;			/* bytes waiting */
	u32 drops;			/* refused by enqueue */
	u32 requeues;			/* given back by a busy driver */
	u32 overlimits;			/* dequeue said "not yet" (tbf) */
};

/*
 * The kernel passes qdisc options as netlink attributes (struct nlattr
 * *opt).  netstep passes the uapi struct a qdisc understands: a
 * struct tc_tbf_qopt for tbf, a struct tc_fifo_qopt for bfifo, NULL for
 * the others.
 */
struct Qdisc_ops {
	const char *id;			/* "pfifo_fast", as tc names it */
	int priv_size;			/* bytes of private data after struct Qdisc */
	/* take an skb (consumes it): NET_XMIT_SUCCESS or NET_XMIT_DROP */
	int (*enqueue)(struct sk_buff *skb, struct Qdisc *sch);
	/* the next skb to send (caller owns it), NULL: none or not yet */
	struct sk_buff *(*dequeue)(struct Qdisc *sch);
	/* the skb dequeue would return, left in place */
	struct sk_buff *(*peek)(struct Qdisc *sch);
	int (*init)(struct Qdisc *sch, const void *opt);	/* new qdisc: 0 or -Exxx */
	int (*change)(struct Qdisc *sch, const void *opt);	/* tc change/replace */
	void (*reset)(struct Qdisc *sch);	/* drop everything queued */
	void (*destroy)(struct Qdisc *sch);	/* free private resources */
	void (*attach)(struct Qdisc *sch);	/* mq: graft the children */
	/* Copy the options out as their uapi struct (TCA_OPTIONS, with
	 * sim_qdisc_put_opt): bytes written, 0 if the qdisc has none,
	 * -EMSGSIZE if @len is short.  mq's dump also refreshes its
	 * counters (the children's sum). */
	int (*dump)(struct Qdisc *sch, void *opt, size_t len);
	/* KERNEL: cl_ops, drop, dump_stats, owner left out. */
};

struct Qdisc {
	int (*enqueue)(struct sk_buff *skb, struct Qdisc *sch);	/* NULL: noqueue */
	struct sk_buff *(*dequeue)(struct Qdisc *sch);	/* copied from ops */
	unsigned int flags;		/* TCQ_F_* */
	u32 limit;			/* bytes (bfifo); pfifo_fast reads tx_queue_len */
	const struct Qdisc_ops *ops;	/* what kind of qdisc this is */
	u32 handle;			/* major:minor, 0 for default qdiscs */
	u32 parent;			/* TC_H_ROOT or the mq class */
	int refcnt;			/* txqs + dev->qdisc pointing here */
	struct netdev_queue *dev_queue;	/* the TX queue it feeds (first one) */
	struct sk_buff *gso_skb;	/* the skb a busy driver gave back */
	struct Qdisc *next_sched;	/* link on softnet_data.output_queue */
	unsigned long state;		/* __QDISC_STATE_* bits */
	unsigned int __state;		/* __QDISC___STATE_RUNNING */
	struct sk_buff_head q;		/* FIFO for simple qdiscs; q.qlen for all */
	struct gnet_stats_basic_packed bstats;	/* sent: `tc -s` "Sent" */
	struct gnet_stats_queue qstats;	/* drops, requeues, overlimits, backlog */
	/* private data (ops->priv_size bytes) follows, see qdisc_priv() */
	/* KERNEL: hash list, stab, rate_est, busylock, rcu_head, u32 padded
	 * alignment left out. */
};

static inline void *qdisc_priv(struct Qdisc *q)
{
	return (char *)q + ALIGN(sizeof(struct Qdisc), 16);
}

static inline struct net_device *qdisc_dev(const struct Qdisc *q)
{
	return q->dev_queue->dev;
}

static inline struct net *sim_qdisc_net(const struct Qdisc *q)
{
	return dev_net(qdisc_dev(q));
}

static inline u32 qdisc_qlen(const struct Qdisc *q)
{
	return q->q.qlen;
}

/*
 * qdisc_pkt_len - the bytes @skb will put on the wire: its length, and
 * for a GSO skb the headers each further segment repeats (MAC, IP and
 * TCP, or 8 for UDP).  What tbf measures against its bucket and what
 * `tc -s qdisc` counts as sent.
 * KERNEL: 3.10 works it out once in qdisc_pkt_len_init (__dev_xmit_skb)
 * and keeps it in qdisc_skb_cb(skb)->pkt_len; netstep works it out when
 * asked (a queued skb does not change).
 */
static inline unsigned int qdisc_pkt_len(const struct sk_buff *skb)
{
	const struct skb_shared_info *shinfo = skb_shinfo(skb);
	unsigned int hdr_len;

	if (!shinfo->gso_size)
		return skb->len;
	hdr_len = skb->transport_header - skb->mac_header;
	if (shinfo->gso_type & (SKB_GSO_TCPV4 | SKB_GSO_TCPV6))
		hdr_len += (skb_transport_header(skb)[12] >> 4) * 4;	/* tcp_hdrlen */
	else
		hdr_len += 8;	/* sizeof(struct udphdr) */
	return skb->len + (shinfo->gso_segs - 1) * hdr_len;
}

static inline bool qdisc_is_running(const struct Qdisc *q)
{
	return q->__state & __QDISC___STATE_RUNNING;
}

/* Take the RUNNING bit; false if another caller is already draining. */
static inline bool qdisc_run_begin(struct Qdisc *q)
{
	if (qdisc_is_running(q))
		return false;
	q->__state |= __QDISC___STATE_RUNNING;
	return true;
}

static inline void qdisc_run_end(struct Qdisc *q)
{
	q->__state &= ~__QDISC___STATE_RUNNING;
}

static inline bool qdisc_is_throttled(const struct Qdisc *q)
{
	return q->state & (1UL << __QDISC_STATE_THROTTLED);
}

static inline void qdisc_throttled(struct Qdisc *q)
{
	q->state |= 1UL << __QDISC_STATE_THROTTLED;
}

static inline void qdisc_unthrottled(struct Qdisc *q)
{
	q->state &= ~(1UL << __QDISC_STATE_THROTTLED);
}

/* `tc -s` counts what goes on the wire: a GSO skb as its segments. */
static inline void qdisc_bstats_update(struct Qdisc *sch, const struct sk_buff *skb)
{
	sch->bstats.bytes += qdisc_pkt_len(skb);
	sch->bstats.packets += skb_is_gso(skb) ? skb_shinfo(skb)->gso_segs : 1;
}

/* The FIFO helpers pfifo_fast (sch_generic.c) and bfifo (sch_fifo.c) share. */
static inline int __qdisc_enqueue_tail(struct sk_buff *skb, struct Qdisc *sch,
				       struct sk_buff_head *list)
{
	__skb_queue_tail(list, skb);
	sch->qstats.backlog += qdisc_pkt_len(skb);
	return NET_XMIT_SUCCESS;
}

static inline struct sk_buff *__qdisc_dequeue_head(struct Qdisc *sch, struct sk_buff_head *list)
{
	struct sk_buff *skb = __skb_dequeue(list);

	if (likely(skb != NULL)) {
		sch->qstats.backlog -= qdisc_pkt_len(skb);
		qdisc_bstats_update(sch, skb);
	}
	return skb;
}

/* Free every skb of @list (counted as drops by kfree_skb's tracepoint). */
static inline void __qdisc_reset_queue(struct sk_buff_head *list)
{
	__skb_queue_purge(list);
}

/*
 * include/linux/netdevice.h: more than one TX queue.  NOTE: kept here
 * because only the qdisc code (sch_generic.c, sch_mq.c) asks.
 */
static inline bool netif_is_multiqueue(const struct net_device *dev)
{
	return dev->num_tx_queues > 1;
}

/* tc handles, include/uapi/linux/pkt_sched.h */
#define TC_H_MAJ_MASK		0xFFFF0000U
#define TC_H_MIN_MASK		0x0000FFFFU
#define TC_H_MAJ(h)		((h) & TC_H_MAJ_MASK)
#define TC_H_MIN(h)		((h) & TC_H_MIN_MASK)
#define TC_H_MAKE(maj, min)	(((maj) & TC_H_MAJ_MASK) | ((min) & TC_H_MIN_MASK))
#define TC_H_UNSPEC		0U
#define TC_H_ROOT		0xFFFFFFFFU

/* skb->priority values, include/uapi/linux/pkt_sched.h */
#define TC_PRIO_BESTEFFORT		0
#define TC_PRIO_FILLER			1
#define TC_PRIO_BULK			2
#define TC_PRIO_INTERACTIVE_BULK	4
#define TC_PRIO_INTERACTIVE		6
#define TC_PRIO_CONTROL			7
#define TC_PRIO_MAX			15

#define TC_PRIO_BANDS		3	/* PFIFO_FAST_BANDS */

/* pfifo_fast and prio options, include/uapi/linux/pkt_sched.h */
struct tc_prio_qopt {
	int bands;			/* 3 for pfifo_fast */
	u8 priomap[TC_PRIO_MAX + 1];	/* skb->priority -> band */
};

/* bfifo/pfifo options, include/uapi/linux/pkt_sched.h */
struct tc_fifo_qopt {
	u32 limit;			/* bytes (bfifo) or packets (pfifo) */
};

/*
 * tbf options as tc hands them over.  KERNEL: the kernel's struct
 * tc_tbf_qopt carries struct tc_ratespec rate/peakrate plus a 256-entry
 * rate table (TCA_TBF_RTAB); netstep needs only the byte rate.
 */
struct tc_tbf_qopt {
	u32 rate;			/* bytes per second */
	u32 peakrate;			/* 0: no peak bucket (not modelled) */
	u32 limit;			/* backlog bytes for the inner bfifo */
	u32 buffer;			/* bucket depth in psched ticks (64 ns) */
	u32 mtu;			/* peak bucket depth, ticks */
};

/* psched time: a tick is 64 ns, include/net/pkt_sched.h */
#define PSCHED_SHIFT		6
#define PSCHED_TICKS2NS(x)	((s64)(x) << PSCHED_SHIFT)
#define PSCHED_NS2TICKS(x)	((x) >> PSCHED_SHIFT)

/* qdisc_watchdog, net/sched/sch_api.c: an hrtimer that reschedules. */
struct qdisc_watchdog {
	struct hrtimer timer;		/* fires when tokens suffice */
	struct Qdisc *qdisc;		/* the qdisc to __netif_schedule */
};
void qdisc_watchdog_init(struct qdisc_watchdog *wd, struct Qdisc *qdisc);
void qdisc_watchdog_schedule_ns(struct qdisc_watchdog *wd, ktime_t expires);
void qdisc_watchdog_cancel(struct qdisc_watchdog *wd);

/* The qdiscs (net/sched/sch_generic.c, sch_fifo.c, sch_mq.c, sch_tbf.c). */
extern const struct Qdisc_ops pfifo_fast_ops;
/*
 * sim_pfifo_fast_band - skbs and bytes waiting in band @band of a
 * pfifo_fast qdisc @q, for the UI's per-band backlog.  No kernel
 * counterpart (pfifo_fast has no classes to dump in 3.10); -EINVAL when
 * @q is not pfifo_fast or @band is out of range.
 */
int sim_pfifo_fast_band(struct Qdisc *q, int band, u32 *bytes);
extern const struct Qdisc_ops noqueue_qdisc_ops;
extern const struct Qdisc_ops mq_qdisc_ops;
extern const struct Qdisc_ops bfifo_qdisc_ops;
extern const struct Qdisc_ops tbf_qdisc_ops;
/* sch_api.c: look up by tc name ("tbf"); NULL if netstep has no such qdisc. */
const struct Qdisc_ops *qdisc_lookup_ops(const char *kind);

/* Creation and teardown, net/sched/sch_generic.c */
struct Qdisc *qdisc_alloc(struct netdev_queue *dev_queue, const struct Qdisc_ops *ops);
struct Qdisc *qdisc_create_dflt(struct netdev_queue *dev_queue,
				const struct Qdisc_ops *ops, u32 parentid);
void qdisc_reset(struct Qdisc *qdisc);
void qdisc_destroy(struct Qdisc *qdisc);
struct Qdisc *dev_graft_qdisc(struct netdev_queue *dev_queue, struct Qdisc *qdisc);
int qdisc_enqueue(struct sk_buff *skb, struct Qdisc *sch);	/* consumes @skb */
int qdisc_drop(struct sk_buff *skb, struct Qdisc *sch);		/* consumes @skb */
struct sk_buff *qdisc_dequeue_peeked(struct Qdisc *sch);

/* Running a qdisc, net/sched/sch_generic.c */
void __qdisc_run(struct Qdisc *q);
void qdisc_run(struct Qdisc *q);
int sch_direct_xmit(struct sk_buff *skb, struct Qdisc *q, struct net_device *dev,
		    struct netdev_queue *txq);
void __netif_schedule(struct Qdisc *q);		/* layers/dev.c */

/* Device hooks, net/sched/sch_generic.c */
void dev_init_scheduler(struct net_device *dev);	/* attach_default_qdiscs */
/* NOTE: static in the kernel; qdisc_graft (sch_api.c) calls it to put the
 * defaults back on a device that is down, where dev_activate does not run. */
void attach_default_qdiscs(struct net_device *dev);
void dev_activate(struct net_device *dev);
void dev_deactivate(struct net_device *dev);
void dev_shutdown(struct net_device *dev);		/* free every qdisc */

/*
 * What tc's RTM_NEWQDISC / RTM_DELQDISC do at the root (tc_modify_qdisc,
 * tc_get_qdisc, qdisc_graft in net/sched/sch_api.c).  @replace follows
 * NLM_F_REPLACE, @excl NLM_F_EXCL (tc add).  @kind NULL with @opt means
 * "change the current root".  0 or -Exxx.
 */
int sim_qdisc_root_modify(struct net_device *dev, const char *kind, const void *opt,
			  bool replace, bool excl);
int sim_qdisc_root_delete(struct net_device *dev);
/* Visit every qdisc `tc qdisc show dev` lists: root first, then mq children. */
void sim_qdisc_for_each_shown(struct net_device *dev,
			      void (*fn)(struct Qdisc *q, void *arg), void *arg);
/* Fill @st with the counters tc prints (mq: the children summed). */
void sim_qdisc_dump_stats(struct Qdisc *q, struct gnet_stats_basic_packed *b,
			  struct gnet_stats_queue *st);
/* For ops->dump: copy @size bytes of options to @opt if @len has room. */
int sim_qdisc_put_opt(void *opt, size_t len, const void *data, size_t size);

#endif
