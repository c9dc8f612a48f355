/*
 * layers/sch_mq.c - mq: the root qdisc of a multiqueue device.  It has
 * no queue of its own; it gives each TX queue a child qdisc and adds up
 * their counters for `tc -s qdisc`.
 *
 * Mirrors net/sched/sch_mq.c (Linux 3.10): mq_init, mq_destroy,
 * mq_attach, mq_dump and mq_qdisc_ops.
 *
 * Read layers/sch_generic.c first: attach_default_qdiscs creates mq on a
 * device with several TX queues, and each child is a pfifo_fast.
 * Packets never pass through mq: netdev_pick_tx (layers/dev.c) chooses
 * the TX queue, and __dev_xmit_skb uses that queue's child directly.
 * Read layers/sch_api.c after: qdisc_graft calls mq_attach, and
 * `tc qdisc show` lists the children after the root.
 *
 * Left out: the class interface (mq_select_queue, mq_graft, mq_leaf,
 * mq_walk, mq_dump_class...), so no child can be replaced with tc.
 */
#include "layers/sch_generic.h"
#include "kernel/trace.h"
#include "layers/net_namespace.h"
#include "events/qdisc.h"

#include <stdlib.h>
#include <string.h>

static const char KSRC[] = "net/sched/sch_mq.c";

struct mq_sched {
	struct Qdisc **qdiscs;		/* children until mq_attach gives them away */
};

static void
mq_destroy(struct Qdisc *sch)
{
	struct mq_sched *priv = qdisc_priv(sch);

	trace_mq_destroy(sch, priv->qdiscs);
	if (!priv->qdiscs)
		return;
	for (unsigned int ntx = 0; ntx < qdisc_dev(sch)->num_tx_queues; ntx++)
		if (priv->qdiscs[ntx])
			qdisc_destroy(priv->qdiscs[ntx]);
	free(priv->qdiscs);
	priv->qdiscs = NULL;
}

/**
 * mq_init - create one pfifo_fast per TX queue, with class :1, :2 ...
 * as parent.  Only as the root of a multiqueue device.
 */
static int
mq_init(struct Qdisc *sch, const void *opt)
{
	struct net_device *dev = qdisc_dev(sch);
	struct mq_sched *priv = qdisc_priv(sch);

	(void)opt;
	trace_mq_init(sch);
	if (sch->parent != TC_H_ROOT || !netif_is_multiqueue(dev))
		return -EOPNOTSUPP;
	priv->qdiscs = calloc(dev->num_tx_queues, sizeof(priv->qdiscs[0]));
	if (!priv->qdiscs)
		return -ENOMEM;
	for (unsigned int ntx = 0; ntx < dev->num_tx_queues; ntx++) {
		struct Qdisc *qdisc;

		/* KERNEL: 3.12+ uses default_qdisc_ops; 3.10 hard-codes pfifo_fast. */
		qdisc = qdisc_create_dflt(netdev_get_tx_queue(dev, ntx), &pfifo_fast_ops,
					  TC_H_MAKE(TC_H_MAJ(sch->handle), TC_H_MIN(ntx + 1)));
		if (!qdisc) {
			mq_destroy(sch);
			return -ENOMEM;
		}
		qdisc->flags |= TCQ_F_ONETXQUEUE;
		priv->qdiscs[ntx] = qdisc;
	}
	sch->flags |= TCQ_F_MQROOT;
	return 0;
}

/* mq_attach - graft each child onto its TX queue; the queues own them now. */
static void
mq_attach(struct Qdisc *sch)
{
	struct net_device *dev = qdisc_dev(sch);
	struct mq_sched *priv = qdisc_priv(sch);

	trace_mq_attach(sch);
	for (unsigned int ntx = 0; ntx < dev->num_tx_queues; ntx++) {
		struct Qdisc *qdisc = priv->qdiscs[ntx];
		struct Qdisc *old = dev_graft_qdisc(qdisc->dev_queue, qdisc);

		if (old)
			qdisc_destroy(old);
	}
	free(priv->qdiscs);
	priv->qdiscs = NULL;
}

/*
 * mq_dump - mq has no options (returns 0).  As in the kernel, the dump
 * is where the root's counters are refreshed: the sum of its children's.
 */
static int
mq_dump(struct Qdisc *sch, void *opt, size_t len)
{
	struct net_device *dev = qdisc_dev(sch);

	(void)opt;
	(void)len;
	sch->q.qlen = 0;
	memset(&sch->bstats, 0, sizeof(sch->bstats));
	memset(&sch->qstats, 0, sizeof(sch->qstats));
	for (unsigned int ntx = 0; ntx < dev->num_tx_queues; ntx++) {
		struct Qdisc *qdisc = netdev_get_tx_queue(dev, ntx)->qdisc;

		if (!qdisc || qdisc == sch)
			continue;
		sch->q.qlen += qdisc->q.qlen;
		sch->bstats.bytes += qdisc->bstats.bytes;
		sch->bstats.packets += qdisc->bstats.packets;
		sch->qstats.backlog += qdisc->qstats.backlog;
		sch->qstats.drops += qdisc->qstats.drops;
		sch->qstats.requeues += qdisc->qstats.requeues;
		sch->qstats.overlimits += qdisc->qstats.overlimits;
	}
	return 0;
}

const struct Qdisc_ops mq_qdisc_ops = {
	.id		= "mq",
	.priv_size	= sizeof(struct mq_sched),
	.init		= mq_init,
	.destroy	= mq_destroy,
	.attach		= mq_attach,
	.dump		= mq_dump,
	/* No enqueue: packets go to the children through the TX queues. */
};
