/*
 * layers/sch_tbf.c - the Token Bucket Filter: a qdisc that caps the
 * rate at which packets leave, so they visibly wait in virtual time.
 *
 * Mirrors net/sched/sch_tbf.c (Linux 3.10).  Read layers/sch_generic.c
 * first (how __qdisc_run asks a qdisc for packets) and layers/sch_fifo.c
 * (the bfifo that holds tbf's packets); the watchdog that wakes tbf is in
 * layers/sch_api.c.  tools/tc.c is the command that attaches this qdisc
 * ("tc qdisc replace dev eth0 root tbf rate 1mbit burst 2kb latency 50ms").
 *
 * The bucket is kept as time, not bytes: tokens are nanoseconds of
 * transmission at the configured rate, and the bucket holds at most
 * `buffer` ns (= burst / rate).  Time passing since the last send (t_c)
 * refills it.  A packet of len bytes costs l2t(len) = len / rate.  When
 * the head packet costs more than the bucket holds, dequeue returns
 * NULL, counts an overlimit and arms the qdisc watchdog (an hrtimer) for
 * the moment the deficit is paid back; its expiry __netif_schedules the
 * qdisc and NET_TX_SOFTIRQ sends the packet.  Packets are never
 * reordered: a short packet behind a long one waits too.
 *
 * The packets themselves wait in an inner bfifo whose byte limit is
 * tc's "limit" (from latency: limit = rate * latency + burst).
 *
 * Left out: the peak-rate bucket (peakrate/mtu), rate tables and cell
 * sizes (the cost is computed exactly), classes (tbf_graft).
 */
#include "layers/sch_generic.h"
#include "kernel/trace.h"
#include "layers/net_namespace.h"
#include "events/qdisc.h"

static const char KSRC[] = "net/sched/sch_tbf.c";

struct tbf_sched_data {
	u32 limit;			/* backlog bytes allowed in the inner bfifo */
	u32 max_size;			/* largest packet the full bucket can pass */
	u32 rate;			/* bytes per second */
	s64 buffer;			/* bucket depth: burst / rate, in ns */
	s64 tokens;			/* tokens in the bucket, ns */
	s64 t_c;			/* time of the last check-point, ns */
	struct Qdisc *qdisc;		/* inner qdisc: a bfifo holding the packets */
	struct qdisc_watchdog watchdog;	/* wakes us when tokens suffice */
	/* KERNEL: peak (psched_ratecfg), ptokens, mtu, peak_present left out. */
};

/* psched_l2t_ns: how long @len bytes take at @rate bytes/s, in ns. */
static s64
psched_l2t_ns(u32 rate, unsigned int len)
{
	return (s64)((u64)len * NSEC_PER_SEC / rate);
}

static s64
sim_tbf_now(struct Qdisc *sch)
{
	return (s64)ktime_get(sim_qdisc_net(sch)->eng);
}

/**
 * tbf_enqueue - queue @skb in the inner bfifo
 * @skb: consumed (queued, or dropped when too big or the bfifo is full)
 */
static int
tbf_enqueue(struct sk_buff *skb, struct Qdisc *sch)
{
	struct tbf_sched_data *q = qdisc_priv(sch);
	int ret;

	trace_tbf_enqueue(skb, sch, q->max_size);
	if (qdisc_pkt_len(skb) > q->max_size) {
		/* It could never gather enough tokens. KERNEL: qdisc_reshape_fail. */
		trace_tbf_oversize_drop(sch, skb);
		return qdisc_drop(skb, sch);
	}
	ret = qdisc_enqueue(skb, q->qdisc);
	if (ret != NET_XMIT_SUCCESS) {
		sch->qstats.drops++;	/* the bfifo counted its own drop too */
		return ret;
	}
	sch->q.qlen++;
	/* KERNEL: tbf_dump copies the backlog; kept current here instead. */
	sch->qstats.backlog = q->qdisc->qstats.backlog;
	return NET_XMIT_SUCCESS;
}

/**
 * tbf_dequeue - release the head packet if the bucket holds enough tokens
 * @sch: the caller owns the returned skb; NULL means empty or "not yet"
 *
 * toks = min(now - t_c, buffer) + tokens, capped at buffer, minus the
 * cost of the packet.  toks >= 0: send, and the rest stays in the bucket.
 * toks < 0: -toks ns are missing; the watchdog fires then.
 */
static struct sk_buff *
tbf_dequeue(struct Qdisc *sch)
{
	struct tbf_sched_data *q = qdisc_priv(sch);
	struct sk_buff *skb = q->qdisc->ops->peek(q->qdisc);
	unsigned int len;
	s64 now, toks;

	trace_tbf_dequeue(sch, skb, q->tokens);
	if (!skb)
		return NULL;
	len = qdisc_pkt_len(skb);
	now = sim_tbf_now(sch);
	toks = now - q->t_c;
	if (toks > q->buffer)
		toks = q->buffer;
	toks += q->tokens;
	if (toks > q->buffer)
		toks = q->buffer;
	toks -= psched_l2t_ns(q->rate, len);

	if (toks >= 0) {
		skb = qdisc_dequeue_peeked(q->qdisc);
		if (unlikely(!skb))
			return NULL;
		q->t_c = now;
		q->tokens = toks;
		sch->q.qlen--;
		sch->qstats.backlog = q->qdisc->qstats.backlog;
		qdisc_unthrottled(sch);
		qdisc_bstats_update(sch, skb);
		trace_tbf_verdict_send(sch, skb, len, toks);
		return skb;
	}
	trace_tbf_verdict_wait(sch, skb, len, toks);
	qdisc_watchdog_schedule_ns(&q->watchdog, (ktime_t)(now - toks));
	/* Sending a shorter packet from further back would fit, but would
	 * reorder the flow: tbf never does that. */
	sch->qstats.overlimits++;
	return NULL;
}

/* tbf_reset - drop what waits, refill the bucket, stop the watchdog. */
static void
tbf_reset(struct Qdisc *sch)
{
	struct tbf_sched_data *q = qdisc_priv(sch);

	trace_tbf_reset(sch);
	if (q->qdisc)
		qdisc_reset(q->qdisc);
	sch->q.qlen = 0;
	sch->qstats.backlog = 0;
	q->t_c = sim_tbf_now(sch);
	q->tokens = q->buffer;
	if (q->watchdog.qdisc)
		qdisc_watchdog_cancel(&q->watchdog);
}

/**
 * tbf_change - apply tc's options: rate, bucket depth, byte limit
 * @opt: a struct tc_tbf_qopt; 0 or -EINVAL with nothing changed.
 */
static int
tbf_change(struct Qdisc *sch, const void *opt)
{
	const struct tc_tbf_qopt *qopt = opt;
	struct tbf_sched_data *q = qdisc_priv(sch);
	struct tc_fifo_qopt fopt;
	s64 buffer;
	u64 max_size;
	int err;

	if (!qopt)
		return -EINVAL;
	trace_tbf_change(sch, qopt);
	/* KERNEL: a peak rate adds a second bucket; not modelled. */
	if (!qopt->rate || !qopt->buffer || !qopt->limit || qopt->peakrate)
		return -EINVAL;
	buffer = PSCHED_TICKS2NS(qopt->buffer);
	/* KERNEL: found by scanning the rate table for the first size whose
	 * transmit time exceeds the buffer; computed exactly here. */
	max_size = (u64)qopt->rate * (u64)buffer / NSEC_PER_SEC;
	if (max_size == 0)
		return -EINVAL;

	fopt.limit = qopt->limit;
	if (q->qdisc) {
		err = q->qdisc->ops->change(q->qdisc, &fopt);
		if (err)
			return err;
	} else {
		q->qdisc = qdisc_create_dflt(sch->dev_queue, &bfifo_qdisc_ops,
					     TC_H_MAKE(sch->handle, 1));
		if (!q->qdisc)
			return -ENOMEM;
		q->qdisc->ops->change(q->qdisc, &fopt);
	}
	q->limit = qopt->limit;
	q->max_size = max_size > 0xFFFFFFFFULL ? 0xFFFFFFFFU : (u32)max_size;
	q->buffer = buffer;
	q->tokens = q->buffer;
	q->rate = qopt->rate;
	return 0;
}

/* tbf_init - a full bucket at the current time, then the options. */
static int
tbf_init(struct Qdisc *sch, const void *opt)
{
	struct tbf_sched_data *q = qdisc_priv(sch);

	trace_tbf_init(sch);
	qdisc_watchdog_init(&q->watchdog, sch);
	q->t_c = sim_tbf_now(sch);
	if (!opt)
		return -EINVAL;
	q->qdisc = NULL;	/* KERNEL: &noop_qdisc until tbf_change */
	return tbf_change(sch, opt);
}

/* tbf_destroy - stop the watchdog; free the inner bfifo and what it holds. */
static void
tbf_destroy(struct Qdisc *sch)
{
	struct tbf_sched_data *q = qdisc_priv(sch);

	trace_tbf_destroy(sch);
	if (q->watchdog.qdisc)
		qdisc_watchdog_cancel(&q->watchdog);
	if (q->qdisc)
		qdisc_destroy(q->qdisc);
	q->qdisc = NULL;
}

/* tbf_dump - the options as tc reads them back (bucket depth in ticks). */
static int
tbf_dump(struct Qdisc *sch, void *opt, size_t len)
{
	struct tbf_sched_data *q = qdisc_priv(sch);
	struct tc_tbf_qopt o = {
		.rate	= q->rate,
		.limit	= q->limit,
		.buffer	= (u32)PSCHED_NS2TICKS(q->buffer),
		/* peakrate and mtu stay 0: no peak bucket */
	};

	return sim_qdisc_put_opt(opt, len, &o, sizeof(o));
}

const struct Qdisc_ops tbf_qdisc_ops = {
	.id		= "tbf",
	.priv_size	= sizeof(struct tbf_sched_data),
	.enqueue	= tbf_enqueue,
	.dequeue	= tbf_dequeue,
	.init		= tbf_init,
	.change		= tbf_change,
	.reset		= tbf_reset,
	.destroy	= tbf_destroy,
	.dump		= tbf_dump,
	/* KERNEL: .peek = qdisc_peek_dequeued, used only by a parent qdisc. */
};
