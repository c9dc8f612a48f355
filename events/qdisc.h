/*
 * events/qdisc.h - tracepoints of the queueing disciplines, layers/sch_*.c (net/sched/).
 * See kernel/trace_event.h for the syntax.
 */
#if !defined(NETSTEP_EVENTS_QDISC_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_QDISC_H

/* Classes from other headers (kernel/trace_events.c's later passes read
 * them through all.h, not again from here). */
#ifndef TRACE_HEADER_MULTI_READ
#include "events/common.h"
#include "events/net.h"
#endif

#undef TRACE_SYSTEM
#define TRACE_SYSTEM qdisc

#include "kernel/trace_event.h"
#include "layers/sch_generic.h"

#ifndef NETSTEP_EVENTS_QDISC_HELPERS
#define NETSTEP_EVENTS_QDISC_HELPERS

/* A tc handle's major number as tc writes a qdisc's handle: "8001:". */
static inline void
sim_tc_handle_major_print(struct trace_buf *b, const void *p)
{
	u32 h;

	memcpy(&h, p, sizeof(h));
	trace_buf_printf(b, "%x:", TC_H_MAJ(h) >> 16);
}

/* A whole tc handle, "major:minor" in hex: "ffff:0", "8001:1". */
static inline void
sim_tc_handle_print(struct trace_buf *b, const void *p)
{
	u32 h;

	memcpy(&h, p, sizeof(h));
	trace_buf_printf(b, "%x:%x", TC_H_MAJ(h) >> 16, TC_H_MIN(h));
}
#endif

/* ---- layers/sch_generic.c ---------------------------------------------------- */

/* drops= counts this drop already. */
TRACE_EVENT(qdisc_drop, "include/net/sch_generic.h", TP_INLINE,
	TP_PROTO(const struct sk_buff *skb, const struct Qdisc *sch),
	TP_HOST(sim_qdisc_net(sch)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(qdisc)
		tp_u32(qlen)
		tp_u32(drops)),
	TP_ASSIGN(
		__entry->qdisc = sch->ops->id;
		__entry->qlen = qdisc_qlen(sch);
		__entry->drops = sch->qstats.drops + 1;))
#define trace_qdisc_drop(...) TP_FUNC(qdisc_drop, __VA_ARGS__)

TRACE_EVENT(pfifo_fast_enqueue, "net/sched/sch_generic.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, const struct Qdisc *qdisc, int band),
	TP_HOST(sim_qdisc_net(qdisc)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(prio)
		tp_s32(band)
		tp_u32(qlen)
		tp_u64(limit)),
	TP_ASSIGN(
		__entry->prio = skb->priority;
		__entry->band = band;
		__entry->qlen = qdisc_qlen(qdisc);
		__entry->limit = qdisc_dev(qdisc)->tx_queue_len;))
#define trace_pfifo_fast_enqueue(...) TP_FUNC(pfifo_fast_enqueue, __VA_ARGS__)

/* pfifo_fast_enqueue: tx_queue_len skbs wait already. */
TRACE_NOTE_EVENT(pfifo_fast_full_drop, "net/sched/sch_generic.c",
	TP_PROTO(const struct Qdisc *qdisc, const struct sk_buff *skb),
	TP_HOST(sim_qdisc_net(qdisc)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_u32(qlen)),
	TP_ASSIGN(
		__entry->reason = "qdisc_full";
		__entry->qlen = qdisc_qlen(qdisc);))
#define trace_pfifo_fast_full_drop(...) TP_NOTE(pfifo_fast_full_drop, __VA_ARGS__)

/* @bitmap: the non-empty bands; @band: the one served (-1: none). */
TRACE_EVENT(pfifo_fast_dequeue, "net/sched/sch_generic.c", TP_NOT_INLINE,
	TP_PROTO(const struct Qdisc *qdisc, u32 bitmap, int band),
	TP_HOST(sim_qdisc_net(qdisc)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_x32(bitmap)
		tp_s32(band)
		tp_u32(qlen)),
	TP_ASSIGN(
		__entry->bitmap = bitmap;
		__entry->band = band;
		__entry->qlen = qdisc_qlen(qdisc);))
#define trace_pfifo_fast_dequeue(...) TP_FUNC(pfifo_fast_dequeue, __VA_ARGS__)

/* A qdisc's own reset: the packets it throws away. */
DECLARE_EVENT_CLASS(qdisc_len,
	TP_PROTO(const struct Qdisc *qdisc),
	TP_HOST(sim_qdisc_net(qdisc)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(qlen)),
	TP_ASSIGN(
		__entry->qlen = qdisc_qlen(qdisc);))
DEFINE_EVENT(qdisc_len, pfifo_fast_reset, "net/sched/sch_generic.c", TP_NOT_INLINE,
	TP_PROTO(const struct Qdisc *qdisc), TP_ARGS(qdisc))
#define trace_pfifo_fast_reset(...) TP_FUNC(pfifo_fast_reset, __VA_ARGS__)

TRACE_EVENT(pfifo_fast_init, "net/sched/sch_generic.c", TP_NOT_INLINE,
	TP_PROTO(const struct Qdisc *qdisc),
	TP_HOST(sim_qdisc_net(qdisc)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_u8(bands)),
	TP_ASSIGN(
		__entry->dev = qdisc_dev(qdisc)->name;
		__entry->bands = TC_PRIO_BANDS;))
#define trace_pfifo_fast_init(...) TP_FUNC(pfifo_fast_init, __VA_ARGS__)

/* KERNEL: 3.10 has a static noqueue_qdisc and no init; 4.3's noqueue_init
 * does what this does. */
DEFINE_EVENT(netdev, sim_noqueue_init, "net/sched/sch_generic.c", TP_NOT_INLINE,
	TP_PROTO(const struct Qdisc *qdisc), TP_ARGS(qdisc_dev(qdisc)))
#define trace_sim_noqueue_init(...) TP_FUNC(sim_noqueue_init, __VA_ARGS__)

TRACE_EVENT(qdisc_create_dflt, "net/sched/sch_generic.c", TP_NOT_INLINE,
	TP_PROTO(const struct netdev_queue *dev_queue, const struct Qdisc_ops *ops, u32 parentid),
	TP_HOST(dev_net(dev_queue->dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(queue)
		tp_str(kind)
		tp_custom(parent, u32, sim_tc_handle_print)),
	TP_ASSIGN(
		__entry->dev = dev_queue->dev->name;
		__entry->queue = dev_queue->index;
		__entry->kind = ops->id;
		__entry->parent = parentid;))
#define trace_qdisc_create_dflt(...) TP_FUNC(qdisc_create_dflt, __VA_ARGS__)

/* A qdisc by its kind, and the packets it holds. */
DECLARE_EVENT_CLASS(qdisc_id_len,
	TP_PROTO(const struct Qdisc *qdisc),
	TP_HOST(sim_qdisc_net(qdisc)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(qdisc)
		tp_u32(qlen)),
	TP_ASSIGN(
		__entry->qdisc = qdisc->ops->id;
		__entry->qlen = qdisc_qlen(qdisc);))
DEFINE_EVENT(qdisc_id_len, qdisc_reset, "net/sched/sch_generic.c", TP_NOT_INLINE,
	TP_PROTO(const struct Qdisc *qdisc), TP_ARGS(qdisc))
#define trace_qdisc_reset(...) TP_FUNC(qdisc_reset, __VA_ARGS__)

/* refcnt= before this call drops one. */
TRACE_EVENT(qdisc_destroy, "net/sched/sch_generic.c", TP_NOT_INLINE,
	TP_PROTO(const struct Qdisc *qdisc),
	TP_HOST(sim_qdisc_net(qdisc)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(qdisc)
		tp_custom(handle, u32, sim_tc_handle_major_print)
		tp_s32(refcnt)),
	TP_ASSIGN(
		__entry->qdisc = qdisc->ops->id;
		__entry->handle = qdisc->handle;
		__entry->refcnt = qdisc->refcnt;))
#define trace_qdisc_destroy(...) TP_FUNC(qdisc_destroy, __VA_ARGS__)

TRACE_EVENT(dev_graft_qdisc, "net/sched/sch_generic.c", TP_NOT_INLINE,
	TP_PROTO(const struct netdev_queue *dev_queue, const struct Qdisc *qdisc),
	TP_HOST(dev_net(dev_queue->dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(queue)
		tp_str(old)
		tp_str(new)),
	TP_ASSIGN(
		__entry->dev = dev_queue->dev->name;
		__entry->queue = dev_queue->index;
		__entry->old = dev_queue->qdisc ? dev_queue->qdisc->ops->id : "none";
		__entry->new = qdisc ? qdisc->ops->id : "none";))
#define trace_dev_graft_qdisc(...) TP_FUNC(dev_graft_qdisc, __VA_ARGS__)

/* requeues= counts this requeue already. */
TRACE_EVENT(dev_requeue_skb, "net/sched/sch_generic.c", TP_INLINE,
	TP_PROTO(const struct sk_buff *skb, const struct Qdisc *q),
	TP_HOST(sim_qdisc_net(q)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(qdisc)
		tp_u32(requeues)),
	TP_ASSIGN(
		__entry->qdisc = q->ops->id;
		__entry->requeues = q->qstats.requeues + 1;))
#define trace_dev_requeue_skb(...) TP_FUNC(dev_requeue_skb, __VA_ARGS__)

/* @skb: the requeued skb (q->gso_skb), NULL if there is none. */
TRACE_EVENT(dequeue_skb, "net/sched/sch_generic.c", TP_INLINE,
	TP_PROTO(const struct Qdisc *q, const struct sk_buff *skb),
	TP_HOST(sim_qdisc_net(q)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(qdisc)
		tp_u32(qlen)
		tp_u8(requeued)),
	TP_ASSIGN(
		__entry->qdisc = q->ops->id;
		__entry->qlen = qdisc_qlen(q);
		__entry->requeued = skb != NULL;))
#define trace_dequeue_skb(...) TP_FUNC(dequeue_skb, __VA_ARGS__)

TRACE_EVENT(sch_direct_xmit, "net/sched/sch_generic.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, const struct Qdisc *q, const struct net_device *dev,
		 const struct netdev_queue *txq),
	TP_HOST(dev_net(dev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(queue)
		tp_u32(qlen)
		tp_u8(stopped)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->queue = txq->index;
		__entry->qlen = qdisc_qlen(q);
		__entry->stopped = netif_xmit_frozen_or_stopped(txq);))
#define trace_sch_direct_xmit(...) TP_FUNC(sch_direct_xmit, __VA_ARGS__)

/* sch_direct_xmit: the driver was busy, the skb goes back to the qdisc. */
TRACE_NOTE_EVENT(qdisc_xmit_busy, "net/sched/sch_generic.c",
	TP_PROTO(const struct net_device *dev, const struct sk_buff *skb),
	TP_HOST(dev_net(dev)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u8(busy)
		tp_str(action)),
	TP_ASSIGN(
		__entry->busy = 1;
		__entry->action = "requeue";))
#define trace_qdisc_xmit_busy(...) TP_NOTE(qdisc_xmit_busy, __VA_ARGS__)

DEFINE_EVENT(qdisc_id_len, qdisc_restart, "net/sched/sch_generic.c", TP_INLINE,
	TP_PROTO(const struct Qdisc *q), TP_ARGS(q))
#define trace_qdisc_restart(...) TP_FUNC(qdisc_restart, __VA_ARGS__)

TRACE_EVENT(__qdisc_run, "net/sched/sch_generic.c", TP_NOT_INLINE,
	TP_PROTO(const struct Qdisc *q, int quota),
	TP_HOST(sim_qdisc_net(q)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(qdisc)
		tp_u32(qlen)
		tp_s32(quota)),
	TP_ASSIGN(
		__entry->qdisc = q->ops->id;
		__entry->qlen = qdisc_qlen(q);
		__entry->quota = quota;))
#define trace___qdisc_run(...) TP_FUNC(__qdisc_run, __VA_ARGS__)

/* __qdisc_run: weight_p packets sent, NET_TX_SOFTIRQ does the rest. */
TRACE_NOTE_EVENT(qdisc_quota_exhausted, "net/sched/sch_generic.c",
	TP_PROTO(const struct Qdisc *q),
	TP_HOST(sim_qdisc_net(q)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(quota)
		tp_u32(qlen)),
	TP_ASSIGN(
		__entry->quota = "exhausted";
		__entry->qlen = qdisc_qlen(q);))
#define trace_qdisc_quota_exhausted(...) TP_NOTE(qdisc_quota_exhausted, __VA_ARGS__)

TRACE_EVENT(attach_one_default_qdisc, "net/sched/sch_generic.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev, const struct netdev_queue *dev_queue,
		 const struct Qdisc_ops *ops),
	TP_HOST(dev_net(dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(queue)
		tp_str(kind)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->queue = dev_queue->index;
		__entry->kind = ops->id;))
#define trace_attach_one_default_qdisc(...) TP_FUNC(attach_one_default_qdisc, __VA_ARGS__)

TRACE_EVENT(attach_default_qdiscs, "net/sched/sch_generic.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev),
	TP_HOST(dev_net(dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_u32(txqs)
		tp_u64(tx_queue_len)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->txqs = dev->num_tx_queues;
		__entry->tx_queue_len = dev->tx_queue_len;))
#define trace_attach_default_qdiscs(...) TP_FUNC(attach_default_qdiscs, __VA_ARGS__)

DEFINE_EVENT(netdev, dev_activate, "net/sched/sch_generic.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev), TP_ARGS(dev))
#define trace_dev_activate(...) TP_FUNC(dev_activate, __VA_ARGS__)

DEFINE_EVENT(netdev, dev_deactivate, "net/sched/sch_generic.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev), TP_ARGS(dev))
#define trace_dev_deactivate(...) TP_FUNC(dev_deactivate, __VA_ARGS__)

DEFINE_EVENT(netdev, dev_shutdown, "net/sched/sch_generic.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev), TP_ARGS(dev))
#define trace_dev_shutdown(...) TP_FUNC(dev_shutdown, __VA_ARGS__)

/* ---- layers/sch_api.c -------------------------------------------------------- */

TRACE_EVENT(qdisc_watchdog, "net/sched/sch_api.c", TP_NOT_INLINE,
	TP_PROTO(const struct Qdisc *q),
	TP_HOST(sim_qdisc_net(q)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(qdisc)
		tp_custom(handle, u32, sim_tc_handle_major_print)),
	TP_ASSIGN(
		__entry->qdisc = q->ops->id;
		__entry->handle = q->handle;))
#define trace_qdisc_watchdog(...) TP_FUNC(qdisc_watchdog, __VA_ARGS__)

TRACE_EVENT(qdisc_watchdog_schedule_ns, "net/sched/sch_api.c", TP_NOT_INLINE,
	TP_PROTO(const struct qdisc_watchdog *wd, ktime_t expires),
	TP_HOST(sim_qdisc_net(wd->qdisc)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(qdisc)
		tp_u64(expires_ns)),
	TP_ASSIGN(
		__entry->qdisc = wd->qdisc->ops->id;
		__entry->expires_ns = (u64)expires;))
#define trace_qdisc_watchdog_schedule_ns(...) TP_FUNC(qdisc_watchdog_schedule_ns, __VA_ARGS__)

/* @handle: the one just allocated (0: none was free). */
TRACE_EVENT(qdisc_create, "net/sched/sch_api.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev, const struct Qdisc_ops *ops, u32 handle),
	TP_HOST(dev_net(dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_str(kind)
		tp_custom(handle, u32, sim_tc_handle_major_print)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->kind = ops->id;
		__entry->handle = handle;))
#define trace_qdisc_create(...) TP_FUNC(qdisc_create, __VA_ARGS__)

TRACE_EVENT(qdisc_graft, "net/sched/sch_api.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev, const struct Qdisc *new),
	TP_HOST(dev_net(dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_str(new)),
	TP_ASSIGN(
		__entry->dev = dev->name;
		__entry->new = new ? new->ops->id : "default";))
#define trace_qdisc_graft(...) TP_FUNC(qdisc_graft, __VA_ARGS__)

/* No kernel counterpart (tc_modify_qdisc's root case).  @kind is tc's
 * word: a registered qdisc's own name is kept, which outlives the trace. */
TRACE_EVENT(sim_qdisc_root_modify, "net/sched/sch_api.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev, const char *kind, bool replace, bool excl),
	TP_HOST(dev_net(dev)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(dev)
		tp_str(kind)
		tp_u8(replace)
		tp_u8(excl)),
	TP_ASSIGN(
		const struct Qdisc_ops *ops = kind ? qdisc_lookup_ops(kind) : NULL;

		__entry->dev = dev->name;
		__entry->kind = ops ? ops->id : kind ? kind : "-";
		__entry->replace = replace;
		__entry->excl = excl;))
#define trace_sim_qdisc_root_modify(...) TP_FUNC(sim_qdisc_root_modify, __VA_ARGS__)

/* No kernel counterpart (tc_get_qdisc's RTM_DELQDISC at the root). */
DEFINE_EVENT(netdev, sim_qdisc_root_delete, "net/sched/sch_api.c", TP_NOT_INLINE,
	TP_PROTO(const struct net_device *dev), TP_ARGS(dev))
#define trace_sim_qdisc_root_delete(...) TP_FUNC(sim_qdisc_root_delete, __VA_ARGS__)

/* ---- layers/sch_fifo.c ------------------------------------------------------- */

TRACE_EVENT(bfifo_enqueue, "net/sched/sch_fifo.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, const struct Qdisc *sch),
	TP_HOST(sim_qdisc_net(sch)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_u32(backlog)
		tp_u32(limit)),
	TP_ASSIGN(
		__entry->len = qdisc_pkt_len(skb);
		__entry->backlog = sch->qstats.backlog;
		__entry->limit = sch->limit;))
#define trace_bfifo_enqueue(...) TP_FUNC(bfifo_enqueue, __VA_ARGS__)

/* bfifo_enqueue: the skb would take the backlog past limit bytes. */
TRACE_NOTE_EVENT(bfifo_full_drop, "net/sched/sch_fifo.c",
	TP_PROTO(const struct Qdisc *sch, const struct sk_buff *skb),
	TP_HOST(sim_qdisc_net(sch)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(reason)
		tp_u32(backlog)),
	TP_ASSIGN(
		__entry->reason = "bfifo_full";
		__entry->backlog = sch->qstats.backlog;))
#define trace_bfifo_full_drop(...) TP_NOTE(bfifo_full_drop, __VA_ARGS__)

/* bfifo's dequeue, as in 3.10 (an inline of include/net/sch_generic.h,
 * defined in layers/sch_fifo.c); the skb is the head, if any. */
TRACE_EVENT(qdisc_dequeue_head, "include/net/sch_generic.h", TP_INLINE,
	TP_PROTO(const struct Qdisc *sch),
	TP_HOST(sim_qdisc_net(sch)),
	TP_SKB(skb_peek(&sch->q)),
	TP_STRUCT(
		tp_u32(qlen)
		tp_u32(backlog)),
	TP_ASSIGN(
		__entry->qlen = qdisc_qlen(sch);
		__entry->backlog = sch->qstats.backlog;))
#define trace_qdisc_dequeue_head(...) TP_FUNC(qdisc_dequeue_head, __VA_ARGS__)

/* ---- layers/sch_mq.c --------------------------------------------------------- */

/* @qdiscs: the children mq still holds (NULL once mq_attach gave them away). */
TRACE_EVENT(mq_destroy, "net/sched/sch_mq.c", TP_NOT_INLINE,
	TP_PROTO(const struct Qdisc *sch, struct Qdisc *const *qdiscs),
	TP_HOST(sim_qdisc_net(sch)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(children_held)),
	TP_ASSIGN(
		__entry->children_held = qdiscs != NULL;))
#define trace_mq_destroy(...) TP_FUNC(mq_destroy, __VA_ARGS__)

DEFINE_EVENT(netdev_txqs, mq_init, "net/sched/sch_mq.c", TP_NOT_INLINE,
	TP_PROTO(const struct Qdisc *sch), TP_ARGS(qdisc_dev(sch)))
#define trace_mq_init(...) TP_FUNC(mq_init, __VA_ARGS__)

DEFINE_EVENT(netdev_txqs, mq_attach, "net/sched/sch_mq.c", TP_NOT_INLINE,
	TP_PROTO(const struct Qdisc *sch), TP_ARGS(qdisc_dev(sch)))
#define trace_mq_attach(...) TP_FUNC(mq_attach, __VA_ARGS__)

/* ---- layers/sch_tbf.c -------------------------------------------------------- */

/* @max_size: the largest packet a full bucket passes. */
TRACE_EVENT(tbf_enqueue, "net/sched/sch_tbf.c", TP_NOT_INLINE,
	TP_PROTO(const struct sk_buff *skb, const struct Qdisc *sch, u32 max_size),
	TP_HOST(sim_qdisc_net(sch)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(len)
		tp_u32(max_size)
		tp_u32(qlen)),
	TP_ASSIGN(
		__entry->len = qdisc_pkt_len(skb);
		__entry->max_size = max_size;
		__entry->qlen = qdisc_qlen(sch);))
#define trace_tbf_enqueue(...) TP_FUNC(tbf_enqueue, __VA_ARGS__)

/* tbf_enqueue: the packet is bigger than the bucket could ever hold. */
DEFINE_NOTE_EVENT(reason_len, tbf_oversize_drop, "net/sched/sch_tbf.c",
	TP_PROTO(const struct Qdisc *sch, const struct sk_buff *skb),
	TP_ARGS(sim_qdisc_net(sch), skb, "bigger_than_burst", qdisc_pkt_len(skb)))
#define trace_tbf_oversize_drop(...) TP_NOTE(tbf_oversize_drop, __VA_ARGS__)

/* @skb: the head packet (peeked), NULL if none; @tokens: the bucket, ns. */
TRACE_EVENT(tbf_dequeue, "net/sched/sch_tbf.c", TP_NOT_INLINE,
	TP_PROTO(const struct Qdisc *sch, const struct sk_buff *skb, s64 tokens),
	TP_HOST(sim_qdisc_net(sch)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_u32(qlen)
		tp_s64(tokens_ns)),
	TP_ASSIGN(
		__entry->qlen = qdisc_qlen(sch);
		__entry->tokens_ns = tokens;))
#define trace_tbf_dequeue(...) TP_FUNC(tbf_dequeue, __VA_ARGS__)

/* tbf_dequeue: enough tokens, the packet leaves; @toks: what is left, ns. */
TRACE_NOTE_EVENT(tbf_verdict_send, "net/sched/sch_tbf.c",
	TP_PROTO(const struct Qdisc *sch, const struct sk_buff *skb, unsigned int len, s64 toks),
	TP_HOST(sim_qdisc_net(sch)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(verdict)
		tp_u32(len)
		tp_s64(tokens_left_ns)),
	TP_ASSIGN(
		__entry->verdict = "send";
		__entry->len = len;
		__entry->tokens_left_ns = toks;))
#define trace_tbf_verdict_send(...) TP_NOTE(tbf_verdict_send, __VA_ARGS__)

/* tbf_dequeue: -@toks ns of tokens are missing; overlimits= counts this one. */
TRACE_NOTE_EVENT(tbf_verdict_wait, "net/sched/sch_tbf.c",
	TP_PROTO(const struct Qdisc *sch, const struct sk_buff *skb, unsigned int len, s64 toks),
	TP_HOST(sim_qdisc_net(sch)),
	TP_SKB(skb),
	TP_STRUCT(
		tp_str(verdict)
		tp_u32(len)
		tp_s64(wait_ns)
		tp_u32(overlimits)),
	TP_ASSIGN(
		__entry->verdict = "wait";
		__entry->len = len;
		__entry->wait_ns = -toks;
		__entry->overlimits = sch->qstats.overlimits + 1;))
#define trace_tbf_verdict_wait(...) TP_NOTE(tbf_verdict_wait, __VA_ARGS__)

DEFINE_EVENT(qdisc_len, tbf_reset, "net/sched/sch_tbf.c", TP_NOT_INLINE,
	TP_PROTO(const struct Qdisc *sch), TP_ARGS(sch))
#define trace_tbf_reset(...) TP_FUNC(tbf_reset, __VA_ARGS__)

TRACE_EVENT(tbf_change, "net/sched/sch_tbf.c", TP_NOT_INLINE,
	TP_PROTO(const struct Qdisc *sch, const struct tc_tbf_qopt *qopt),
	TP_HOST(sim_qdisc_net(sch)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u32(rate)
		tp_u32(buffer_ticks)
		tp_u32(limit)),
	TP_ASSIGN(
		__entry->rate = qopt->rate;
		__entry->buffer_ticks = qopt->buffer;
		__entry->limit = qopt->limit;))
#define trace_tbf_change(...) TP_FUNC(tbf_change, __VA_ARGS__)

TRACE_EVENT(tbf_init, "net/sched/sch_tbf.c", TP_NOT_INLINE,
	TP_PROTO(const struct Qdisc *sch),
	TP_HOST(sim_qdisc_net(sch)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_custom(handle, u32, sim_tc_handle_major_print)),
	TP_ASSIGN(
		__entry->handle = sch->handle;))
#define trace_tbf_init(...) TP_FUNC(tbf_init, __VA_ARGS__)

TRACE_EVENT(tbf_destroy, "net/sched/sch_tbf.c", TP_NOT_INLINE,
	TP_PROTO(const struct Qdisc *sch),
	TP_HOST(sim_qdisc_net(sch)),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_custom(handle, u32, sim_tc_handle_major_print)
		tp_u32(qlen)),
	TP_ASSIGN(
		__entry->handle = sch->handle;
		__entry->qlen = qdisc_qlen(sch);))
#define trace_tbf_destroy(...) TP_FUNC(tbf_destroy, __VA_ARGS__)

#endif
