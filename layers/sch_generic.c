/*
 * layers/sch_generic.c - the generic qdisc machinery: the loop that
 * drains a qdisc into the driver, the two qdiscs a device gets by
 * default (pfifo_fast, 3.10's default, and noqueue), and the life of a
 * qdisc on a device: allocated, attached, activated, deactivated,
 * destroyed.
 *
 * Mirrors net/sched/sch_generic.c (Linux 3.10): __qdisc_run,
 * qdisc_restart, sch_direct_xmit, dev_requeue_skb, pfifo_fast, noqueue,
 * qdisc_alloc, qdisc_create_dflt, qdisc_reset, qdisc_destroy,
 * dev_graft_qdisc, attach_default_qdiscs, dev_activate, dev_deactivate,
 * dev_shutdown.  The other qdiscs live in their own files:
 * layers/sch_fifo.c (bfifo), layers/sch_mq.c (mq), layers/sch_tbf.c.
 *
 * Read layers/dev.c first: dev_queue_xmit picks a TX queue and hands
 * the skb to __dev_xmit_skb, which either bypasses an idle pfifo_fast or
 * enqueues and calls __qdisc_run here.  Read after this file
 * layers/sch_fifo.c and layers/sch_mq.c (the other qdiscs attached
 * here), layers/sch_tbf.c (a qdisc that makes packets wait),
 * layers/sch_api.c (what tc changes), then the driver (nic/igb_main.c)
 * that dev_hard_start_xmit calls.
 *
 * The life of a queued packet: q->enqueue puts it in a band;
 * __qdisc_run loops qdisc_restart -> dequeue_skb -> sch_direct_xmit ->
 * dev_hard_start_xmit -> the driver.  A busy driver (NETDEV_TX_BUSY)
 * gets the skb back into q->gso_skb (requeue); a stopped TX queue ends
 * the loop; 64 packets (weight_p) end it too, and NET_TX_SOFTIRQ goes on
 * later (net_tx_action, in layers/dev.c).
 *
 * Left out: locking (root lock, busylock, HARD_TX_LOCK: one CPU runs
 * everything), noop_qdisc (a deactivated qdisc drops instead), the TX
 * watchdog timer (dev_watchdog), GSO segment lists.
 */
#include "layers/sch_generic.h"
#include "kernel/trace.h"
#include "layers/net_namespace.h"
#include "events/qdisc.h"

#include <stdlib.h>
#include <string.h>

static const char KSRC[] = "net/sched/sch_generic.c";

/* weight_p, net/core/dev.c: packets one __qdisc_run may send. */
#define SIM_WEIGHT_P	64

/* ---- qdisc helpers of include/net/sch_generic.h ----------------------- */

/**
 * qdisc_drop - refuse a packet: free it and count the drop
 * @skb: consumed
 * @sch: the qdisc that had no room
 */
int
qdisc_drop(struct sk_buff *skb, struct Qdisc *sch)
{
	struct net *net = sim_qdisc_net(sch);

	trace_qdisc_drop(skb, sch);
	sch->qstats.drops++;
	NET_INC_STATS(net, SIM_MIB_QDISCDROPS);
	kfree_skb(skb);
	return NET_XMIT_DROP;
}

/**
 * qdisc_enqueue - hand @skb to @sch's enqueue hook
 * @skb: consumed (queued or dropped)
 *
 * Returns NET_XMIT_SUCCESS or NET_XMIT_DROP.
 */
int
qdisc_enqueue(struct sk_buff *skb, struct Qdisc *sch)
{
	/* KERNEL: qdisc_calculate_pkt_len applies a size table (stab) here. */
	return sch->enqueue(skb, sch);
}

/**
 * qdisc_dequeue_peeked - take the skb a previous peek looked at
 * @sch: qdisc; the caller owns the returned skb
 */
struct sk_buff *
qdisc_dequeue_peeked(struct Qdisc *sch)
{
	struct sk_buff *skb = sch->gso_skb;

	if (skb) {
		sch->gso_skb = NULL;
		sch->q.qlen--;
	} else {
		skb = sch->dequeue(sch);
	}
	return skb;
}

/* ---- pfifo_fast: three FIFO bands, lowest band first ------------------- */

/* skb->priority (TC_PRIO_*) -> band; band 0 is served first. */
static const u8 prio2band[TC_PRIO_MAX + 1] = {
	1, 2, 2, 2, 1, 2, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1
};

/* Lowest non-empty band for each 3-bit occupancy bitmap. */
static const int bitmap2band[] = { -1, 0, 1, 0, 2, 0, 1, 0 };

struct pfifo_fast_priv {
	u32 bitmap;				/* bit b set: band b has skbs */
	struct sk_buff_head q[TC_PRIO_BANDS];	/* the three FIFOs */
};

static struct sk_buff_head *
band2list(struct pfifo_fast_priv *priv, int band)
{
	return priv->q + band;
}

/* The UI's view of one band (declared in sch_generic.h). */
int
sim_pfifo_fast_band(struct Qdisc *q, int band, u32 *bytes)
{
	struct pfifo_fast_priv *priv;
	struct sk_buff *skb;

	if (!q || q->ops != &pfifo_fast_ops || band < 0 || band >= TC_PRIO_BANDS)
		return -EINVAL;
	priv = qdisc_priv(q);
	*bytes = 0;
	skb_queue_walk(band2list(priv, band), skb)
		*bytes += qdisc_pkt_len(skb);
	return (int)band2list(priv, band)->qlen;
}

/**
 * pfifo_fast_enqueue - put @skb at the tail of the band its priority maps to
 * @skb: consumed (queued, or dropped when tx_queue_len skbs already wait)
 */
static int
pfifo_fast_enqueue(struct sk_buff *skb, struct Qdisc *qdisc)
{
	struct pfifo_fast_priv *priv = qdisc_priv(qdisc);
	int band = prio2band[skb->priority & TC_PRIO_MAX];

	trace_pfifo_fast_enqueue(skb, qdisc, band);
	/* The limit counts all bands together, read live from the device. */
	if (skb_queue_len(&qdisc->q) < qdisc_dev(qdisc)->tx_queue_len) {
		priv->bitmap |= 1U << band;
		qdisc->q.qlen++;
		return __qdisc_enqueue_tail(skb, qdisc, band2list(priv, band));
	}
	trace_pfifo_fast_full_drop(qdisc, skb);
	return qdisc_drop(skb, qdisc);
}

/**
 * pfifo_fast_dequeue - take the head of the lowest non-empty band
 * @qdisc: the caller owns the returned skb (NULL if all bands are empty)
 */
static struct sk_buff *
pfifo_fast_dequeue(struct Qdisc *qdisc)
{
	struct pfifo_fast_priv *priv = qdisc_priv(qdisc);
	int band = bitmap2band[priv->bitmap];
	struct sk_buff_head *list;
	struct sk_buff *skb;

	trace_pfifo_fast_dequeue(qdisc, priv->bitmap, band);
	if (unlikely(band < 0))
		return NULL;
	list = band2list(priv, band);
	skb = __qdisc_dequeue_head(qdisc, list);
	qdisc->q.qlen--;
	if (skb_queue_empty(list))
		priv->bitmap &= ~(1U << band);
	return skb;
}

static struct sk_buff *
pfifo_fast_peek(struct Qdisc *qdisc)
{
	struct pfifo_fast_priv *priv = qdisc_priv(qdisc);
	int band = bitmap2band[priv->bitmap];

	if (band < 0)
		return NULL;
	return skb_peek(band2list(priv, band));
}

/* pfifo_fast_reset - drop everything queued (device going down). */
static void
pfifo_fast_reset(struct Qdisc *qdisc)
{
	struct pfifo_fast_priv *priv = qdisc_priv(qdisc);

	trace_pfifo_fast_reset(qdisc);
	for (int band = 0; band < TC_PRIO_BANDS; band++)
		__qdisc_reset_queue(band2list(priv, band));
	priv->bitmap = 0;
	qdisc->qstats.backlog = 0;
	qdisc->q.qlen = 0;
}

static int
pfifo_fast_dump(struct Qdisc *qdisc, void *opt, size_t len)
{
	struct tc_prio_qopt o = { .bands = TC_PRIO_BANDS };

	(void)qdisc;
	memcpy(o.priomap, prio2band, sizeof(o.priomap));
	return sim_qdisc_put_opt(opt, len, &o, sizeof(o));
}

/* pfifo_fast_init - empty bands; an empty pfifo_fast may be bypassed. */
static int
pfifo_fast_init(struct Qdisc *qdisc, const void *opt)
{
	struct pfifo_fast_priv *priv = qdisc_priv(qdisc);

	trace_pfifo_fast_init(qdisc);
	(void)opt;
	for (int band = 0; band < TC_PRIO_BANDS; band++)
		skb_queue_head_init(band2list(priv, band));
	/* It is work-conserving and FIFO per band: skipping it when empty
	 * sends exactly what dequeue would have sent. */
	qdisc->flags |= TCQ_F_CAN_BYPASS;
	return 0;
}

const struct Qdisc_ops pfifo_fast_ops = {
	.id		= "pfifo_fast",
	.priv_size	= sizeof(struct pfifo_fast_priv),
	.enqueue	= pfifo_fast_enqueue,
	.dequeue	= pfifo_fast_dequeue,
	.peek		= pfifo_fast_peek,
	.init		= pfifo_fast_init,
	.reset		= pfifo_fast_reset,
	.dump		= pfifo_fast_dump,
};

/* ---- noqueue: no queue at all ----------------------------------------- */

static struct sk_buff *
noop_dequeue(struct Qdisc *qdisc)
{
	(void)qdisc;
	return NULL;
}

/*
 * sim_noqueue_init - clear the enqueue hook: dev_queue_xmit sees NULL and
 * calls the driver directly.  KERNEL: 3.10 has one static noqueue_qdisc
 * (TCQ_F_BUILTIN) that tc cannot attach; 4.3's noqueue_init does
 * exactly this on an allocated qdisc, which is what netstep does.
 */
static int
sim_noqueue_init(struct Qdisc *qdisc, const void *opt)
{
	trace_sim_noqueue_init(qdisc);
	(void)opt;
	qdisc->enqueue = NULL;
	return 0;
}

const struct Qdisc_ops noqueue_qdisc_ops = {
	.id		= "noqueue",
	.dequeue	= noop_dequeue,
	.peek		= noop_dequeue,
	.init		= sim_noqueue_init,
};

/* ---- allocation and teardown -------------------------------------------- */

/**
 * qdisc_alloc - a zeroed qdisc of @ops feeding @dev_queue, refcnt 1
 *
 * Returns NULL on allocation failure.
 */
struct Qdisc *
qdisc_alloc(struct netdev_queue *dev_queue, const struct Qdisc_ops *ops)
{
	size_t size = ALIGN(sizeof(struct Qdisc), 16) + ops->priv_size;
	struct Qdisc *sch = calloc(1, size);

	if (!sch)
		return NULL;
	skb_queue_head_init(&sch->q);
	sch->ops = ops;
	sch->enqueue = ops->enqueue;
	sch->dequeue = ops->dequeue;
	sch->dev_queue = dev_queue;
	sch->refcnt = 1;
	return sch;
}

/**
 * qdisc_create_dflt - allocate and init a qdisc with default options
 * @parentid: TC_H_ROOT, or the mq class it hangs under
 *
 * Handle 0: default qdiscs have none (tc shows them as "0:").
 */
struct Qdisc *
qdisc_create_dflt(struct netdev_queue *dev_queue, const struct Qdisc_ops *ops,
		  u32 parentid)
{
	struct Qdisc *sch;

	trace_qdisc_create_dflt(dev_queue, ops, parentid);
	sch = qdisc_alloc(dev_queue, ops);
	if (!sch)
		return NULL;
	sch->parent = parentid;
	if (!ops->init || ops->init(sch, NULL) == 0)
		return sch;
	qdisc_destroy(sch);
	return NULL;
}

/**
 * qdisc_reset - free every skb the qdisc holds (its own and a requeued one)
 */
void
qdisc_reset(struct Qdisc *qdisc)
{
	const struct Qdisc_ops *ops = qdisc->ops;

	trace_qdisc_reset(qdisc);
	if (ops->reset)
		ops->reset(qdisc);
	if (qdisc->gso_skb) {
		kfree_skb(qdisc->gso_skb);
		qdisc->gso_skb = NULL;
		qdisc->q.qlen = 0;
	}
}

/*
 * No kernel counterpart: take @q off the softnet output_queue.  The
 * kernel never frees a scheduled qdisc because dev_deactivate waits for
 * NET_TX_SOFTIRQ (synchronize_net, some_qdisc_is_busy) and frees via
 * RCU; netstep frees at once, so it unlinks first.
 */
static void
sim_qdisc_unschedule(struct Qdisc *q)
{
	struct softnet_data *sd = &sim_qdisc_net(q)->sd;
	struct Qdisc **pp;

	if (!(q->state & (1UL << __QDISC_STATE_SCHED)))
		return;
	for (pp = &sd->output_queue; *pp; pp = &(*pp)->next_sched) {
		if (*pp != q)
			continue;
		*pp = q->next_sched;
		if (sd->output_queue_tailp == &q->next_sched)
			sd->output_queue_tailp = pp;
		break;
	}
	q->state &= ~(1UL << __QDISC_STATE_SCHED);
}

/**
 * qdisc_destroy - drop one reference; free the qdisc with the last one
 *
 * Queued skbs are freed (kfree_skb), then ops->destroy frees private
 * resources (tbf's inner bfifo, mq's children not yet attached).
 */
void
qdisc_destroy(struct Qdisc *qdisc)
{
	const struct Qdisc_ops *ops = qdisc->ops;

	trace_qdisc_destroy(qdisc);
	if ((qdisc->flags & TCQ_F_BUILTIN) || --qdisc->refcnt > 0)
		return;
	sim_qdisc_unschedule(qdisc);
	if (ops->reset)
		ops->reset(qdisc);
	if (ops->destroy)
		ops->destroy(qdisc);
	kfree_skb(qdisc->gso_skb);
	free(qdisc);
}

/**
 * dev_graft_qdisc - make @qdisc the one feeding @dev_queue
 *
 * Returns the previous qdisc (the caller destroys it); it is reset now
 * if nobody else uses it.
 */
struct Qdisc *
dev_graft_qdisc(struct netdev_queue *dev_queue, struct Qdisc *qdisc)
{
	struct Qdisc *oqdisc = dev_queue->qdisc;

	trace_dev_graft_qdisc(dev_queue, qdisc);
	if (oqdisc && oqdisc->refcnt <= 1)
		qdisc_reset(oqdisc);
	dev_queue->qdisc = qdisc;
	return oqdisc;
}

/* ---- running a qdisc ----------------------------------------------------- */

/**
 * dev_requeue_skb - the driver was busy: keep @skb as the next to send
 * @skb: now owned by @q (in q->gso_skb)
 *
 * Counts a requeue and asks NET_TX_SOFTIRQ to try again.  Returns 0 so
 * the __qdisc_run loop stops.
 */
static int
dev_requeue_skb(struct sk_buff *skb, struct Qdisc *q)
{
	trace_dev_requeue_skb(skb, q);
	skb_dst_force(skb);
	q->gso_skb = skb;
	q->qstats.requeues++;
	q->q.qlen++;		/* it is still part of the queue */
	__netif_schedule(q);
	return 0;
}

/*
 * dequeue_skb - next skb to send: a requeued one first (if its queue
 * runs again), else the qdisc's own dequeue.  A qdisc that feeds one
 * stopped queue is not even asked.
 */
static struct sk_buff *
dequeue_skb(struct Qdisc *q)
{
	struct sk_buff *skb = q->gso_skb;
	const struct netdev_queue *txq = q->dev_queue;

	trace_dequeue_skb(q, skb);
	if (unlikely(skb)) {
		txq = netdev_get_tx_queue(txq->dev, skb->queue_mapping);
		if (!netif_xmit_frozen_or_stopped(txq)) {
			q->gso_skb = NULL;
			q->q.qlen--;
		} else {
			skb = NULL;
		}
	} else if (!(q->flags & TCQ_F_ONETXQUEUE) || !netif_xmit_frozen_or_stopped(txq)) {
		skb = q->dequeue(q);
	}
	return skb;
}

/**
 * sch_direct_xmit - hand one dequeued skb to the driver
 * @skb: consumed (sent, dropped by the driver, or requeued into @q)
 *
 * Returns the qdisc length when it is worth going on, 0 when the loop
 * must stop (queue empty, driver busy, or the TX queue got stopped).
 */
int
sch_direct_xmit(struct sk_buff *skb, struct Qdisc *q, struct net_device *dev,
		struct netdev_queue *txq)
{
	int ret = NETDEV_TX_BUSY;

	trace_sch_direct_xmit(skb, q, dev, txq);
	/* KERNEL: drops the root lock and takes HARD_TX_LOCK around this. */
	if (!netif_xmit_frozen_or_stopped(txq))
		ret = dev_hard_start_xmit(skb, dev, txq);

	if (ret < NET_XMIT_MASK) {
		/* dev_xmit_complete: the driver took the skb (sent or dropped). */
		ret = qdisc_qlen(q);
	} else {
		/* KERNEL: NETDEV_TX_LOCKED (handle_dev_cpu_collision) cannot
		 * happen with one CPU; everything else is treated as busy. */
		trace_qdisc_xmit_busy(dev, skb);
		ret = dev_requeue_skb(skb, q);
	}
	if (ret && netif_xmit_frozen_or_stopped(txq))
		ret = 0;
	return ret;
}

/*
 * qdisc_restart - dequeue one skb and send it.  Returns what
 * sch_direct_xmit returns: non-zero while there is more to do.
 */
static int
qdisc_restart(struct Qdisc *q)
{
	struct netdev_queue *txq;
	struct net_device *dev;
	struct sk_buff *skb;

	trace_qdisc_restart(q);
	skb = dequeue_skb(q);
	if (unlikely(!skb))
		return 0;
	dev = qdisc_dev(q);
	txq = netdev_get_tx_queue(dev, skb->queue_mapping);
	return sch_direct_xmit(skb, q, dev, txq);
}

/**
 * __qdisc_run - drain @q until it is empty, the queue stops, or the
 * quota (weight_p = 64 packets) is used up; then hand the rest to
 * NET_TX_SOFTIRQ.  The caller holds the RUNNING bit; this drops it.
 */
void
__qdisc_run(struct Qdisc *q)
{
	int quota = SIM_WEIGHT_P;

	trace___qdisc_run(q, quota);
	while (qdisc_restart(q)) {
		/* KERNEL: also stops when need_resched(); netstep never
		 * preempts, so only the quota counts. */
		if (--quota <= 0) {
			trace_qdisc_quota_exhausted(q);
			__netif_schedule(q);
			break;
		}
	}
	qdisc_run_end(q);
}

/* qdisc_run (include/net/pkt_sched.h): run @q unless someone already does. */
void
qdisc_run(struct Qdisc *q)
{
	if (qdisc_run_begin(q))
		__qdisc_run(q);
}

/* ---- attaching qdiscs to a device ---------------------------------------- */

static void
attach_one_default_qdisc(struct net_device *dev, struct netdev_queue *dev_queue)
{
	const struct Qdisc_ops *ops = dev->tx_queue_len ? &pfifo_fast_ops : &noqueue_qdisc_ops;
	struct Qdisc *qdisc;

	trace_attach_one_default_qdisc(dev, dev_queue, ops);
	qdisc = qdisc_create_dflt(dev_queue, ops, TC_H_ROOT);
	if (!qdisc)
		return;		/* transmits drop until a qdisc is attached */
	if (!netif_is_multiqueue(dev))
		qdisc->flags |= TCQ_F_ONETXQUEUE;
	dev_queue->qdisc = qdisc;
}

/**
 * attach_default_qdiscs - 3.10's defaults: pfifo_fast (noqueue when
 * tx_queue_len is 0) on a one-queue device; mq with one pfifo_fast per
 * TX queue on a multiqueue device.
 */
void
attach_default_qdiscs(struct net_device *dev)
{
	struct netdev_queue *txq = netdev_get_tx_queue(dev, 0);
	struct Qdisc *qdisc;

	trace_attach_default_qdiscs(dev);
	if (!netif_is_multiqueue(dev) || dev->tx_queue_len == 0) {
		for (unsigned int i = 0; i < dev->num_tx_queues; i++)
			attach_one_default_qdisc(dev, netdev_get_tx_queue(dev, i));
		dev->qdisc = txq->qdisc;
		if (dev->qdisc)
			dev->qdisc->refcnt++;	/* dev->qdisc is a reference too */
	} else {
		qdisc = qdisc_create_dflt(txq, &mq_qdisc_ops, TC_H_ROOT);
		if (qdisc) {
			qdisc->ops->attach(qdisc);
			dev->qdisc = qdisc;
		}
	}
}

/*
 * dev_init_scheduler - called by register_netdev.  KERNEL: the kernel
 * points every queue at noop_qdisc here and attaches the defaults at the
 * first dev_open (dev_activate); netstep attaches them now, deactivated,
 * so `tc qdisc show` on a down device shows pfifo_fast, not noop.
 */
void
dev_init_scheduler(struct net_device *dev)
{
	attach_default_qdiscs(dev);
	dev_deactivate(dev);
}

static void
transition_one_qdisc(struct netdev_queue *dev_queue)
{
	if (dev_queue->qdisc)
		dev_queue->qdisc->state &= ~(1UL << __QDISC_STATE_DEACTIVATED);
}

/**
 * dev_activate - the device came up: let its qdiscs take packets
 *
 * Attaches the defaults first if the device has no qdisc (after
 * `tc qdisc del ... root`).
 */
void
dev_activate(struct net_device *dev)
{
	trace_dev_activate(dev);
	if (!dev->qdisc)
		attach_default_qdiscs(dev);
	for (unsigned int i = 0; i < dev->num_tx_queues; i++)
		transition_one_qdisc(netdev_get_tx_queue(dev, i));
}

/* dev_deactivate_queue: mark the qdisc deactivated and drop its skbs. */
static void
dev_deactivate_queue(struct netdev_queue *dev_queue)
{
	struct Qdisc *qdisc = dev_queue->qdisc;

	if (!qdisc)
		return;
	qdisc->state |= 1UL << __QDISC_STATE_DEACTIVATED;
	qdisc_reset(qdisc);
}

/**
 * dev_deactivate - the device goes down: every queued skb is freed and
 * new ones are dropped in __dev_xmit_skb until dev_activate.
 *
 * KERNEL: swaps noop_qdisc in and waits for running qdiscs to finish.
 */
void
dev_deactivate(struct net_device *dev)
{
	trace_dev_deactivate(dev);
	for (unsigned int i = 0; i < dev->num_tx_queues; i++)
		dev_deactivate_queue(netdev_get_tx_queue(dev, i));
}

/* dev_shutdown - free_netdev: release every qdisc of @dev. */
void
dev_shutdown(struct net_device *dev)
{
	trace_dev_shutdown(dev);
	for (unsigned int i = 0; i < dev->num_tx_queues; i++) {
		struct netdev_queue *dev_queue = netdev_get_tx_queue(dev, i);
		struct Qdisc *qdisc = dev_queue->qdisc;

		dev_queue->qdisc = NULL;
		if (qdisc)
			qdisc_destroy(qdisc);
	}
	if (dev->qdisc)
		qdisc_destroy(dev->qdisc);
	dev->qdisc = NULL;
}
