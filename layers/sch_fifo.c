/*
 * layers/sch_fifo.c - bfifo: one FIFO with a byte limit, the simplest
 * qdisc that refuses packets.
 *
 * Mirrors net/sched/sch_fifo.c (Linux 3.10): bfifo_enqueue, fifo_init
 * (bfifo only here; the default limit is tx_queue_len frames of MTU
 * size), fifo_dump and bfifo_qdisc_ops.  The kernel's dequeue, peek and
 * reset are the FIFO helpers of include/net/sch_generic.h,
 * qdisc_dequeue_head, qdisc_peek_head and qdisc_reset_queue; netstep
 * defines them here, over the __qdisc_* helpers of layers/sch_generic.h,
 * since only bfifo uses them.
 *
 * Read layers/sch_generic.c first (pfifo_fast is three such FIFOs, and
 * __qdisc_run is what dequeues); read layers/sch_tbf.c after: tbf keeps
 * its waiting packets in a bfifo whose limit is tc's "limit".  netstep's
 * tc does not attach a bfifo by itself (tools/tc.c refuses "bfifo").
 *
 * Left out: pfifo (a limit in packets) and pfifo_head_drop,
 * fifo_set_limit / fifo_create_dflt (tbf calls qdisc_create_dflt and
 * ops->change itself), qdisc_reshape_fail.
 */
#include "layers/sch_generic.h"
#include "kernel/trace.h"
#include "layers/net_namespace.h"
#include "events/qdisc.h"

static const char KSRC[] = "net/sched/sch_fifo.c";

/* psched_mtu: the largest frame the device sends. */
static unsigned int
psched_mtu(const struct net_device *dev)
{
	return dev->mtu + dev->hard_header_len;
}

/**
 * bfifo_enqueue - queue @skb if the backlog stays within limit bytes
 * @skb: consumed
 */
static int
bfifo_enqueue(struct sk_buff *skb, struct Qdisc *sch)
{
	trace_bfifo_enqueue(skb, sch);
	if (likely(sch->qstats.backlog + qdisc_pkt_len(skb) <= sch->limit))
		return __qdisc_enqueue_tail(skb, sch, &sch->q);
	/* KERNEL: qdisc_reshape_fail (a CBQ hook); same as a drop here. */
	trace_bfifo_full_drop(sch, skb);
	return qdisc_drop(skb, sch);
}

/* The FIFO helpers bfifo_qdisc_ops uses: static inline in 3.10's
 * include/net/sch_generic.h, here beside their only user. */
static struct sk_buff *
qdisc_dequeue_head(struct Qdisc *sch)
{
	trace_qdisc_dequeue_head(sch);
	return __qdisc_dequeue_head(sch, &sch->q);
}

static struct sk_buff *
qdisc_peek_head(struct Qdisc *sch)
{
	return skb_peek(&sch->q);
}

static void
qdisc_reset_queue(struct Qdisc *sch)
{
	__qdisc_reset_queue(&sch->q);
	sch->qstats.backlog = 0;
}

/* fifo_init: limit from the options, else tx_queue_len frames of MTU size
 * (3.10's also serves pfifo, whose limit counts frames). */
static int
fifo_init(struct Qdisc *sch, const void *opt)
{
	const struct tc_fifo_qopt *ctl = opt;
	struct net_device *dev = qdisc_dev(sch);

	if (!ctl) {
		u32 limit = dev->tx_queue_len ? dev->tx_queue_len : 1;

		sch->limit = limit * psched_mtu(dev);
	} else {
		sch->limit = ctl->limit;
	}
	/* Bypass only if a full-size frame would always have fitted. */
	if (sch->limit >= psched_mtu(dev))
		sch->flags |= TCQ_F_CAN_BYPASS;
	else
		sch->flags &= ~TCQ_F_CAN_BYPASS;
	return 0;
}

static int
fifo_dump(struct Qdisc *sch, void *opt, size_t len)
{
	struct tc_fifo_qopt o = { .limit = sch->limit };

	return sim_qdisc_put_opt(opt, len, &o, sizeof(o));
}

const struct Qdisc_ops bfifo_qdisc_ops = {
	.id		= "bfifo",
	.enqueue	= bfifo_enqueue,
	.dequeue	= qdisc_dequeue_head,
	.peek		= qdisc_peek_head,
	.init		= fifo_init,
	.change		= fifo_init,
	.reset		= qdisc_reset_queue,
	.dump		= fifo_dump,
};
