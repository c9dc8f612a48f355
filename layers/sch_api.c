/*
 * layers/sch_api.c - the tc side of the qdisc layer: which qdiscs
 * exist, how tc's new root qdisc is created and grafted onto a device
 * (and the old one destroyed), handle allocation, what `tc qdisc show`
 * walks, and the qdisc watchdog that wakes a shaping qdisc.
 *
 * Mirrors net/sched/sch_api.c (Linux 3.10): qdisc_lookup_ops,
 * qdisc_watchdog, qdisc_alloc_handle, qdisc_create, qdisc_graft, the
 * root decisions of tc_modify_qdisc and tc_get_qdisc, and the parts of
 * tc_fill_qdisc / tc_dump_qdisc_root that tc's output needs.
 *
 * Read layers/sch_generic.c first (qdisc_alloc, dev_graft_qdisc,
 * dev_activate, dev_deactivate: this file strings them together) and
 * layers/sch_tbf.c (the watchdog's one user).  Read tools/tc.c after:
 * it parses the command line and calls the functions at the end of this
 * file.
 *
 * Left out: netlink (RTM_NEWQDISC, RTM_DELQDISC, RTM_GETQDISC:
 * tools/tc.c calls sim_qdisc_root_modify, sim_qdisc_root_delete and
 * sim_qdisc_for_each_shown directly), parents other than root, classes,
 * register_qdisc (the table below is fixed), the qdisc hash, size
 * tables, rate estimators.
 */
#include "layers/sch_generic.h"
#include "kernel/trace.h"
#include "layers/net_namespace.h"
#include "events/qdisc.h"

#include <string.h>

static const char KSRC[] = "net/sched/sch_api.c";

/* ---- the registered qdiscs ------------------------------------------------ */

static const struct Qdisc_ops *const qdisc_base[] = {
	&pfifo_fast_ops, &noqueue_qdisc_ops, &mq_qdisc_ops, &bfifo_qdisc_ops, &tbf_qdisc_ops,
};

/* qdisc_lookup_ops - the registered qdisc called @kind. */
const struct Qdisc_ops *
qdisc_lookup_ops(const char *kind)
{
	for (size_t i = 0; i < ARRAY_SIZE(qdisc_base); i++)
		if (!strcmp(qdisc_base[i]->id, kind))
			return qdisc_base[i];
	return NULL;
}

/* ---- the qdisc watchdog --------------------------------------------------- */

/* qdisc_watchdog - hrtimer expiry: the qdisc may send again. */
static enum hrtimer_restart
qdisc_watchdog(struct hrtimer *timer)
{
	struct qdisc_watchdog *wd = container_of(timer, struct qdisc_watchdog, timer);

	trace_qdisc_watchdog(wd->qdisc);
	qdisc_unthrottled(wd->qdisc);
	/* KERNEL: qdisc_root(); netstep's shaping qdiscs are always roots. */
	__netif_schedule(wd->qdisc);
	return HRTIMER_NORESTART;
}

void
qdisc_watchdog_init(struct qdisc_watchdog *wd, struct Qdisc *qdisc)
{
	hrtimer_init(&sim_qdisc_net(qdisc)->cpu, &wd->timer, qdisc_watchdog);
	wd->qdisc = qdisc;
}

/* Arm the watchdog for absolute virtual time @expires (ns). */
void
qdisc_watchdog_schedule_ns(struct qdisc_watchdog *wd, ktime_t expires)
{
	trace_qdisc_watchdog_schedule_ns(wd, expires);
	if (wd->qdisc->state & (1UL << __QDISC_STATE_DEACTIVATED))
		return;
	qdisc_throttled(wd->qdisc);
	hrtimer_start(&wd->timer, expires);
}

void
qdisc_watchdog_cancel(struct qdisc_watchdog *wd)
{
	hrtimer_cancel(&wd->timer);
	qdisc_unthrottled(wd->qdisc);
}

/* ---- tc at the root ---------------------------------------------------------- */

static bool
sim_qdisc_handle_in_use(struct net_device *dev, u32 handle)
{
	if (dev->qdisc && dev->qdisc->handle == handle)
		return true;
	for (unsigned int i = 0; i < dev->num_tx_queues; i++) {
		struct Qdisc *q = netdev_get_tx_queue(dev, i)->qdisc;

		if (q && q->handle == handle)
			return true;
	}
	return false;
}

/*
 * qdisc_alloc_handle - first free "8001:", "8002:" ...  KERNEL: the
 * kernel's counter is global and never goes back; netstep looks for the
 * first handle free on this device.
 */
static u32
qdisc_alloc_handle(struct net_device *dev)
{
	for (u32 major = 0x8001; major <= 0xFFFF; major++)
		if (!sim_qdisc_handle_in_use(dev, TC_H_MAKE(major << 16, 0)))
			return TC_H_MAKE(major << 16, 0);
	return 0;
}

/*
 * qdisc_create - a new root qdisc of @ops with a fresh handle, its
 * options applied.  Returns the qdisc or an ERR_PTR.
 */
static struct Qdisc *
qdisc_create(struct net_device *dev, const struct Qdisc_ops *ops, const void *opt)
{
	struct Qdisc *sch;
	u32 handle = qdisc_alloc_handle(dev);
	int err;

	trace_qdisc_create(dev, ops, handle);
	if (!handle)
		return ERR_PTR(-ENOMEM);
	sch = qdisc_alloc(netdev_get_tx_queue(dev, 0), ops);
	if (!sch)
		return ERR_PTR(-ENOMEM);
	sch->handle = handle;
	sch->parent = TC_H_ROOT;
	err = ops->init ? ops->init(sch, opt) : 0;
	if (err) {
		sch->refcnt = 1;
		qdisc_destroy(sch);
		return ERR_PTR(err);
	}
	return sch;
}

/**
 * qdisc_graft - make @new the root qdisc of @dev (NULL: back to the
 * defaults).  The old root and every qdisc it leaves are destroyed,
 * freeing what they held.
 */
static void
qdisc_graft(struct net_device *dev, struct Qdisc *new)
{
	bool up = netif_running(dev);
	unsigned int num_q = dev->num_tx_queues;

	trace_qdisc_graft(dev, new);
	if (up)
		dev_deactivate(dev);
	if (new && new->ops->attach) {
		new->ops->attach(new);
		num_q = 0;
	}
	for (unsigned int i = 0; i < num_q; i++) {
		struct Qdisc *old = dev_graft_qdisc(netdev_get_tx_queue(dev, i), new);

		/* Every queue holds a reference to a shared root. */
		if (new && i > 0)
			new->refcnt++;
		if (old)
			qdisc_destroy(old);
	}
	if (dev->qdisc)
		qdisc_destroy(dev->qdisc);
	if (new && !new->ops->attach)
		new->refcnt++;
	dev->qdisc = new;
	/* NULL root: dev_activate attaches the defaults again. */
	if (!new)
		attach_default_qdiscs(dev);
	if (up)
		dev_activate(dev);
	else
		dev_deactivate(dev);
}

/**
 * sim_qdisc_root_modify - tc qdisc add|replace|change ... root
 *
 * Same decisions as tc_modify_qdisc: a default root (handle 0) is always
 * replaced; an existing root of the same kind is changed in place under
 * replace; add over an existing root is -EEXIST.
 */
int
sim_qdisc_root_modify(struct net_device *dev, const char *kind, const void *opt, bool replace,
		      bool excl)
{
	struct Qdisc *q = dev->qdisc;
	const struct Qdisc_ops *ops = NULL;
	struct Qdisc *new;

	trace_sim_qdisc_root_modify(dev, kind, replace, excl);
	if (kind) {
		ops = qdisc_lookup_ops(kind);
		if (!ops)
			return -ENOENT;
	}
	if (q && q->handle == 0)
		q = NULL;	/* a default qdisc: ignore it */
	if (q && replace && ops && (excl || ops != q->ops))
		q = NULL;	/* create and graft a new one */
	else if (q) {
		if (excl)
			return -EEXIST;
		if (ops && ops != q->ops)
			return -EINVAL;
		if (!opt)
			return 0;
		if (!q->ops->change)
			return -EINVAL;
		return q->ops->change(q, opt);
	}
	if (!ops)
		return -ENOENT;
	new = qdisc_create(dev, ops, opt);
	if (IS_ERR(new))
		return PTR_ERR(new);
	qdisc_graft(dev, new);
	return 0;
}

/**
 * sim_qdisc_root_delete - tc qdisc del dev DEV root: back to the defaults.
 * A default root cannot be deleted (-ENOENT), as in tc_get_qdisc.
 */
int
sim_qdisc_root_delete(struct net_device *dev)
{
	trace_sim_qdisc_root_delete(dev);
	if (!dev->qdisc || dev->qdisc->handle == 0)
		return -ENOENT;
	qdisc_graft(dev, NULL);
	return 0;
}

/* tc_dump_qdisc_root: the root, then the mq children of real queues. */
void
sim_qdisc_for_each_shown(struct net_device *dev, void (*fn)(struct Qdisc *q, void *arg),
			 void *arg)
{
	if (!dev->qdisc)
		return;
	fn(dev->qdisc, arg);
	if (dev->qdisc->ops != &mq_qdisc_ops)
		return;
	for (unsigned int i = 0; i < dev->real_num_tx_queues; i++) {
		struct Qdisc *q = netdev_get_tx_queue(dev, i)->qdisc;

		if (q && q != dev->qdisc)
			fn(q, arg);
	}
}

/*
 * sim_qdisc_put_opt - what nla_put(skb, TCA_OPTIONS, size, data) is to
 * a kernel dump hook: copy the qdisc's option struct @data out to @opt
 * if the @len bytes there can hold it.  Returns the bytes written or
 * -EMSGSIZE (nothing written).  No kernel counterpart of this shape.
 */
int
sim_qdisc_put_opt(void *opt, size_t len, const void *data, size_t size)
{
	if (len < size)
		return -EMSGSIZE;
	memcpy(opt, data, size);
	return (int)size;
}

/*
 * sim_qdisc_dump_stats - the counters tc_fill_qdisc puts in its answer
 * (TCA_STATS2).  As there, ops->dump runs first: mq refreshes its
 * totals in it.  The options it writes are not kept here; tools/tc.c
 * asks ops->dump for them itself.
 */
void
sim_qdisc_dump_stats(struct Qdisc *q, struct gnet_stats_basic_packed *b,
		     struct gnet_stats_queue *st)
{
	union {
		struct tc_prio_qopt prio;
		struct tc_tbf_qopt tbf;
		struct tc_fifo_qopt fifo;
	} opt;

	if (q->ops->dump)
		q->ops->dump(q, &opt, sizeof(opt));
	*b = q->bstats;
	*st = q->qstats;
	st->qlen = q->q.qlen;
}
