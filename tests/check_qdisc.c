/*
 * tests/check_qdisc.c - the device layer and the qdiscs: bypass vs
 * enqueue, pfifo_fast bands and limit, the 64-packet quota and
 * NET_TX_SOFTIRQ, stopped queues and NETDEV_TX_BUSY, tbf pacing in
 * virtual time, noqueue, XPS/hash queue choice, NAPI budgets, RX
 * dispatch, and `tc` (golden output, bad commands).
 *
 * Besides fixture_fake_dev, the suite builds its own test device
 * ("tdev") whose ndo_start_xmit records each frame and can be told to
 * answer NETDEV_TX_BUSY or to stop its queue, to test backpressure.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fixture.h"
#include "events/net.h"
#include "events/qdisc.h"
#include "layers/sch_generic.h"
#include "tools/tools.h"

#define TDEV_MAX 256

/* Private area of the test device. */
struct tdev {
	int busy_left;			/* answer NETDEV_TX_BUSY this many times */
	int stop_after;			/* stop the queue after this many sends (0: never) */
	int nsent;			/* frames the "driver" took */
	int nbusy;			/* NETDEV_TX_BUSY answers given */
	u32 prio[TDEV_MAX];		/* skb->priority of each sent frame */
	u8 mark[TDEV_MAX];		/* last payload byte of each frame */
	u16 queue[TDEV_MAX];		/* skb->queue_mapping */
	ktime_t ts[TDEV_MAX];		/* virtual time of the send */
};

static netdev_tx_t
tdev_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct tdev *t = netdev_priv(dev);
	u16 queue = skb->queue_mapping;

	if (t->busy_left > 0) {
		t->busy_left--;
		t->nbusy++;
		return NETDEV_TX_BUSY;	/* the skb stays the caller's */
	}
	if (t->nsent < TDEV_MAX) {
		t->prio[t->nsent] = skb->priority;
		t->mark[t->nsent] = skb->data[skb->len - 1];
		t->queue[t->nsent] = queue;
		t->ts[t->nsent] = dev_net(dev)->eng->now;
	}
	t->nsent++;
	consume_skb(skb);
	if (t->stop_after && t->nsent == t->stop_after)
		netif_stop_subqueue(dev, queue);
	return NETDEV_TX_OK;
}

static const struct net_device_ops tdev_ops = {
	.ndo_start_xmit = tdev_xmit,
};

static struct net_device *
tdev_create(struct net *h, const char *name, unsigned int txqs, unsigned long txqlen)
{
	struct net_device *dev = alloc_etherdev_mq(h, name, txqs, sizeof(struct tdev));

	ck_assert_ptr_nonnull(dev);
	dev->netdev_ops = &tdev_ops;
	dev->tx_queue_len = txqlen;
	ck_assert_int_eq(register_netdev(dev), 0);
	ck_assert_int_eq(dev_open(dev), 0);
	return dev;
}

/* An Ethernet/IPv4-typed frame of @len bytes whose last byte is @mark. */
static struct sk_buff *
mkskb(struct net_device *dev, unsigned int len, u32 prio, u8 mark)
{
	struct sk_buff *skb = alloc_skb(dev_net(dev), len + 64);
	struct ethhdr *eth;
	u8 *p;

	ck_assert_ptr_nonnull(skb);
	skb_reserve(skb, 32);
	p = skb_put(skb, len);
	memset(p, 0, len);
	eth = (struct ethhdr *)p;
	memset(eth->h_dest, 0xff, ETH_ALEN);
	memcpy(eth->h_source, dev->dev_addr, ETH_ALEN);
	eth->h_proto = htons(ETH_P_IP);
	p[len - 1] = mark;
	skb->dev = dev;
	skb->protocol = htons(ETH_P_IP);
	skb->priority = prio;
	return skb;
}

static struct Qdisc *
txq_qdisc(struct net_device *dev, unsigned int i)
{
	return netdev_get_tx_queue(dev, i)->qdisc;
}

/* Skbs that __dev_xmit_skb sent @path (bypass, enqueue) with @qlen
 * packets queued before them (-1: any number). */
static int
count_xmit_path(const struct fixture *fx, enum sim_xmit_path path, int qlen)
{
	int n = 0;

	FX_FOR_EACH(&fx->rec, i, 0, NULL, net_xmit_path) {
		const tp_data_net_xmit_path *e = FX_DATA(&fx->rec, i, net_xmit_path);

		if (e->path == path && (qlen < 0 || e->qlen == (u32)qlen))
			n++;
	}
	return n;
}

/* Skbs for which netdev_pick_tx chose @queue (-1: any) the way @how. */
static int
count_pick_tx(const struct fixture *fx, int queue, enum sim_pick_tx_how how)
{
	int n = 0;

	FX_FOR_EACH(&fx->rec, i, 0, NULL, netdev_pick_tx) {
		const tp_data_netdev_pick_tx *e = FX_DATA(&fx->rec, i, netdev_pick_tx);

		if (e->how == how && (queue < 0 || e->queue == queue))
			n++;
	}
	return n;
}

/* ---- test setup ------------------------------------------------------------------ */

/* What every test starts from: one host and one device. */
struct qtest {
	struct fixture fx;
	struct net *h;			/* fx.host[0] */
	struct net_device *dev;		/* "eth0" (noqueue test: "veth0") */
	struct tdev *t;			/* the tdev's recorder; NULL on a fake device */
	struct Qdisc *q;		/* the qdisc of TX queue 0 at setup */
};

/* A tdev @name with @txqs TX queues of @txqlen packets, registered and up. */
static void
qtest_setup(struct qtest *qt, const char *name, unsigned int txqs, unsigned long txqlen)
{
	fixture_setup(&qt->fx, 1);
	qt->h = qt->fx.host[0];
	qt->dev = tdev_create(qt->h, name, txqs, txqlen);
	qt->t = netdev_priv(qt->dev);
	qt->q = txq_qdisc(qt->dev, 0);
}

/* The fixture's fake device "eth0": its frames land in qt->fx.frames. */
static void
qtest_setup_fake(struct qtest *qt)
{
	fixture_setup(&qt->fx, 1);
	qt->h = qt->fx.host[0];
	qt->dev = fixture_fake_dev(&qt->fx, qt->h, "eth0", NULL);
	qt->t = NULL;
	qt->q = txq_qdisc(qt->dev, 0);
}

/* dev_queue_xmit @n 60-byte frames marked 0, 1, ...; how many returned @rc. */
static int
xmit_marked(struct net_device *dev, int n, int rc)
{
	int nrc = 0;

	for (int i = 0; i < n; i++)
		if (dev_queue_xmit(mkskb(dev, 60, 0, (u8)i)) == rc)
			nrc++;
	return nrc;
}

/* Put a 60-byte frame straight into @q, its TX queue picked as dev_queue_xmit would. */
static int
enqueue_marked(struct net_device *dev, struct Qdisc *q, u32 prio, u8 mark)
{
	struct sk_buff *skb = mkskb(dev, 60, prio, mark);

	netdev_pick_tx(dev, skb);
	return qdisc_enqueue(skb, q);
}

/* ---- running tc ------------------------------------------------------------------ */

/* What one tc command printed. */
struct tc_result {
	char out[2048];
	char err[512];
};

/* Run tool_tc on @argv; capture stdout and stderr in @r. */
static int
run_tc_argv(struct net *h, struct tc_result *r, int argc, char **argv)
{
	struct fixture_capture io;
	int rc;

	fixture_capture_open(&io);
	rc = tool_tc(h, argc, argv, io.out, io.err);
	fixture_capture_flush(&io);
	snprintf(r->out, sizeof(r->out), "%s", io.outbuf);
	snprintf(r->err, sizeof(r->err), "%s", io.errbuf);
	fixture_capture_close(&io);
	return rc;
}

/* Run tc with a NULL-terminated word list. */
static int
run_tc(struct net *h, struct tc_result *r, ...)
{
	char *argv[32];
	int argc = 0;
	va_list ap;
	const char *w;

	va_start(ap, r);
	while ((w = va_arg(ap, const char *)) != NULL && argc < 31)
		argv[argc++] = (char *)w;
	va_end(ap);
	argv[argc] = NULL;
	return run_tc_argv(h, r, argc, argv);
}

#define PFIFO_LINE "bands 3 priomap  1 2 2 2 1 2 0 0 1 1 1 1 1 1 1 1"

/* ---- bypass and enqueue ----------------------------------------------------- */

START_TEST(test_bypass_when_empty)
{
	struct qtest qt;
	int rc;

	qtest_setup_fake(&qt);
	ck_assert_str_eq(qt.q->ops->id, "pfifo_fast");
	ck_assert(qt.q->flags & TCQ_F_CAN_BYPASS);
	ck_assert(qt.q->flags & TCQ_F_ONETXQUEUE);

	rc = dev_queue_xmit(mkskb(qt.dev, 100, 0, 0x11));
	ck_assert_int_eq(rc, NET_XMIT_SUCCESS);
	/* Out at once, in the caller's context, without touching a band. */
	ck_assert_int_eq(qt.fx.nframes, 1);
	ck_assert_int_eq(qt.fx.frames[0].data[99], 0x11);
	ck_assert_int_eq(count_xmit_path(&qt.fx, SIM_XMIT_BYPASS, -1), 1);
	ck_assert_int_eq(FX_COUNT(&qt.fx.rec, NULL, pfifo_fast_enqueue), 0);
	ck_assert_int_eq(FX_COUNT(&qt.fx.rec, NULL, dev_hard_start_xmit), 1);
	ck_assert_int_eq(qt.q->bstats.packets, 1);
	ck_assert_int_eq(qt.q->bstats.bytes, 100);
	ck_assert_int_eq(qdisc_qlen(qt.q), 0);
	ck_assert_int_eq(netdev_get_tx_queue(qt.dev, 0)->tx_packets, 1);
	ck_assert_int_eq(qt.h->cpu.softirq_pending, 0);
	fixture_teardown(&qt.fx);
}
END_TEST

START_TEST(test_stopped_queue_holds_then_wake_releases)
{
	struct qtest qt;

	qtest_setup(&qt, "eth0", 1, 1000);
	netif_tx_stop_queue(netdev_get_tx_queue(qt.dev, 0));

	ck_assert_int_eq(xmit_marked(qt.dev, 3, NET_XMIT_SUCCESS), 3);
	/* First: bypass tried, queue stopped -> requeued.  Then: qlen > 0, enqueue. */
	ck_assert_int_eq(count_xmit_path(&qt.fx, SIM_XMIT_BYPASS, -1), 1);
	ck_assert_int_eq(count_xmit_path(&qt.fx, SIM_XMIT_ENQUEUE, 1), 1);
	ck_assert_int_eq(count_xmit_path(&qt.fx, SIM_XMIT_ENQUEUE, 2), 1);
	ck_assert_int_eq(qt.t->nsent, 0);
	ck_assert_int_eq(qdisc_qlen(qt.q), 3);
	ck_assert_ptr_nonnull(qt.q->gso_skb);
	fixture_run(&qt.fx);	/* the requeue's NET_TX finds the queue still stopped */
	ck_assert_int_eq(qt.t->nsent, 0);
	ck_assert_int_eq(qdisc_qlen(qt.q), 3);

	fixture_forget(&qt.fx);
	netif_tx_wake_queue(netdev_get_tx_queue(qt.dev, 0));
	ck_assert(qt.h->cpu.softirq_pending & (1UL << NET_TX_SOFTIRQ));
	ck_assert_ptr_eq(qt.h->sd.output_queue, qt.q);
	fixture_run(&qt.fx);
	ck_assert_int_eq(FX_COUNT(&qt.fx.rec, NULL, net_tx_action), 1);
	ck_assert_int_eq(qt.t->nsent, 3);
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(qt.t->mark[i], i);
	ck_assert_int_eq(qdisc_qlen(qt.q), 0);
	ck_assert_ptr_null(qt.h->sd.output_queue);
	/* Waking a queue that runs already schedules nothing. */
	netif_tx_wake_queue(netdev_get_tx_queue(qt.dev, 0));
	ck_assert_int_eq(qt.h->cpu.softirq_pending, 0);
	fixture_teardown(&qt.fx);
}
END_TEST

START_TEST(test_pfifo_fast_band_order)
{
	static const u32 prios[] = { 0, 1, 6, 0, 7, 2, 4, 6 };
	/* Band 0: 6, 7, 6; band 1: 0, 0, 4; band 2: 1, 2 (FIFO in each band). */
	static const u8 want_marks[] = { 2, 4, 7, 0, 3, 6, 1, 5 };
	struct qtest qt;

	qtest_setup(&qt, "eth0", 1, 1000);
	for (unsigned int i = 0; i < ARRAY_SIZE(prios); i++)
		ck_assert_int_eq(enqueue_marked(qt.dev, qt.q, prios[i], (u8)i), NET_XMIT_SUCCESS);
	ck_assert_int_eq(qdisc_qlen(qt.q), 8);
	ck_assert_int_eq(qt.q->qstats.backlog, 8 * 60);
	qdisc_run(qt.q);
	ck_assert_int_eq(qt.t->nsent, 8);
	for (unsigned int i = 0; i < ARRAY_SIZE(want_marks); i++)
		ck_assert_int_eq(qt.t->mark[i], want_marks[i]);
	ck_assert_int_eq(qt.q->qstats.backlog, 0);
	ck_assert(!qdisc_is_running(qt.q));
	fixture_teardown(&qt.fx);
}
END_TEST

START_TEST(test_pfifo_fast_limit_drop)
{
	struct qtest qt;
	int drops;

	qtest_setup(&qt, "eth0", 1, 3);
	netif_tx_stop_queue(netdev_get_tx_queue(qt.dev, 0));
	drops = xmit_marked(qt.dev, 6, NET_XMIT_DROP);
	/* One requeued (it counts in qlen) + two in the band = limit 3. */
	ck_assert_int_eq(drops, 3);
	ck_assert_int_eq(qt.q->qstats.drops, 3);
	ck_assert_int_eq(qt.h->mib[SIM_MIB_QDISCDROPS], 3);
	ck_assert_int_eq(FX_COUNT(&qt.fx.rec, NULL, pfifo_fast_full_drop), 3);
	ck_assert_int_eq(qdisc_qlen(qt.q), 3);
	netif_tx_wake_queue(netdev_get_tx_queue(qt.dev, 0));
	fixture_run(&qt.fx);
	ck_assert_int_eq(qt.t->nsent, 3);
	ck_assert_int_eq(qt.t->mark[0], 0);
	ck_assert_int_eq(qt.t->mark[1], 1);
	ck_assert_int_eq(qt.t->mark[2], 2);
	fixture_teardown(&qt.fx);
}
END_TEST

/* ---- quota, NET_TX_SOFTIRQ, requeue ------------------------------------------ */

START_TEST(test_quota_defers_to_net_tx_softirq)
{
	struct qtest qt;
	struct net *h;
	struct Qdisc *q;

	qtest_setup(&qt, "eth0", 1, 1000);
	h = qt.h;
	q = qt.q;
	for (int i = 0; i < 100; i++)
		ck_assert_int_eq(enqueue_marked(qt.dev, q, 0, (u8)i), NET_XMIT_SUCCESS);
	fixture_forget(&qt.fx);
	/* Process context: __qdisc_run sends weight_p = 64, then gives up. */
	qdisc_run(q);
	ck_assert_int_eq(qt.t->nsent, 64);
	ck_assert_int_eq(qdisc_qlen(q), 36);
	ck_assert_int_eq(FX_COUNT(&qt.fx.rec, NULL, qdisc_quota_exhausted), 1);
	ck_assert_int_eq(FX_COUNT(&qt.fx.rec, NULL, __netif_schedule), 1);
	ck_assert_int_eq(FX_COUNT(&qt.fx.rec, NULL, __netif_reschedule), 1);
	ck_assert(q->state & (1UL << __QDISC_STATE_SCHED));
	ck_assert_ptr_eq(h->sd.output_queue, q);
	ck_assert_ptr_eq(h->sd.output_queue_tailp, &q->next_sched);
	ck_assert(h->cpu.softirq_pending & (1UL << NET_TX_SOFTIRQ));
	ck_assert_int_eq(h->cpu.softirq_count[NET_TX_SOFTIRQ], 0);

	fixture_run(&qt.fx);
	ck_assert_int_eq(h->cpu.softirq_count[NET_TX_SOFTIRQ], 1);
	ck_assert_int_eq(FX_COUNT(&qt.fx.rec, NULL, net_tx_action), 1);
	ck_assert_int_eq(qt.t->nsent, 100);
	for (int i = 0; i < 100; i++)
		ck_assert_int_eq(qt.t->mark[i], i);
	ck_assert(!(q->state & (1UL << __QDISC_STATE_SCHED)));
	ck_assert_ptr_null(h->sd.output_queue);
	fixture_teardown(&qt.fx);
}
END_TEST

START_TEST(test_quota_through_dev_queue_xmit)
{
	struct qtest qt;

	qtest_setup(&qt, "eth0", 1, 1000);
	netif_tx_stop_queue(netdev_get_tx_queue(qt.dev, 0));
	xmit_marked(qt.dev, 150, NET_XMIT_SUCCESS);
	fixture_run(&qt.fx);
	ck_assert_int_eq(qt.t->nsent, 0);
	fixture_forget(&qt.fx);
	netif_tx_wake_queue(netdev_get_tx_queue(qt.dev, 0));
	fixture_run(&qt.fx);
	/* 64 + 64 + 22: each NET_TX run ends on the quota and re-raises. */
	ck_assert_int_eq(qt.t->nsent, 150);
	ck_assert_int_eq(FX_COUNT(&qt.fx.rec, NULL, net_tx_action), 3);
	ck_assert_int_eq(FX_COUNT(&qt.fx.rec, NULL, qdisc_quota_exhausted), 2);
	for (int i = 0; i < 150; i++)
		ck_assert_int_eq(qt.t->mark[i], (u8)i);
	fixture_teardown(&qt.fx);
}
END_TEST

START_TEST(test_tx_busy_requeues_without_loss)
{
	struct qtest qt;
	int busy = 0;

	qtest_setup(&qt, "eth0", 1, 1000);
	qt.t->busy_left = 2;
	ck_assert_int_eq(xmit_marked(qt.dev, 3, NET_XMIT_SUCCESS), 3);
	fixture_run(&qt.fx);
	ck_assert_int_eq(qt.t->nbusy, 2);
	ck_assert_int_eq(qt.t->nsent, 3);
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(qt.t->mark[i], i);
	ck_assert_int_eq(qt.q->qstats.requeues, 2);
	ck_assert_int_eq(qt.q->qstats.drops, 0);
	ck_assert_int_eq(FX_COUNT(&qt.fx.rec, NULL, dev_requeue_skb), 2);
	busy = 0;
	FX_FOR_EACH(&qt.fx.rec, i, 0, NULL, net_dev_xmit)
		if (FX_DATA(&qt.fx.rec, i, net_dev_xmit)->rc == NETDEV_TX_BUSY)
			busy++;
	ck_assert_int_eq(busy, 2);
	ck_assert_ptr_null(qt.q->gso_skb);
	ck_assert_int_eq(qdisc_qlen(qt.q), 0);
	ck_assert_int_eq(netdev_get_tx_queue(qt.dev, 0)->tx_packets, 3);
	fixture_teardown(&qt.fx);
}
END_TEST

START_TEST(test_driver_stops_queue_mid_burst)
{
	struct qtest qt;

	qtest_setup(&qt, "eth0", 1, 1000);
	qt.t->stop_after = 2;
	for (int i = 0; i < 5; i++)
		enqueue_marked(qt.dev, qt.q, 0, (u8)i);
	qdisc_run(qt.q);
	/* sch_direct_xmit returns 0 once the queue is stopped: the loop ends. */
	ck_assert_int_eq(qt.t->nsent, 2);
	ck_assert_int_eq(qdisc_qlen(qt.q), 3);
	ck_assert(!(qt.q->state & (1UL << __QDISC_STATE_SCHED)));
	qt.t->stop_after = 0;
	netif_wake_subqueue(qt.dev, 0);
	fixture_run(&qt.fx);
	ck_assert_int_eq(qt.t->nsent, 5);
	fixture_teardown(&qt.fx);
}
END_TEST

/* ---- tbf -------------------------------------------------------------------------- */

START_TEST(test_tbf_paces_in_virtual_time)
{
	struct qtest qt;
	struct tc_result r;
	struct Qdisc *q;
	int rc;

	qtest_setup_fake(&qt);
	rc = run_tc(qt.h, &r, "tc", "qdisc", "replace", "dev", "eth0", "root", "tbf", "rate",
		    "1mbit", "burst", "2000", "latency", "50ms", NULL);
	ck_assert_msg(rc == 0, "tc: %s", r.err);
	q = qt.dev->qdisc;
	ck_assert_str_eq(q->ops->id, "tbf");
	ck_assert_ptr_eq(txq_qdisc(qt.dev, 0), q);
	ck_assert(!(q->flags & TCQ_F_CAN_BYPASS));

	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(dev_queue_xmit(mkskb(qt.dev, 1514, 0, (u8)i)), NET_XMIT_SUCCESS);
	/* The full bucket (2000 bytes) lets the first frame out at once. */
	ck_assert_int_eq(qt.fx.nframes, 1);
	ck_assert_int_eq(qdisc_qlen(q), 3);
	ck_assert(qdisc_is_throttled(q));
	fixture_run(&qt.fx);
	ck_assert_int_eq(qt.fx.nframes, 4);
	/* 1514 bytes at 125000 bytes/s = 12.112 ms each.  The second frame
	 * waits for what the first left missing: 12.112 - (16 - 12.112). */
	ck_assert_uint_eq(qt.fx.frames[0].ts, 0);
	ck_assert_uint_eq(qt.fx.frames[1].ts, 8224000);
	ck_assert_uint_eq(qt.fx.frames[2].ts - qt.fx.frames[1].ts, 12112000);
	ck_assert_uint_eq(qt.fx.frames[3].ts - qt.fx.frames[2].ts, 12112000);
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(qt.fx.frames[i].data[1513], i);
	/* Three refusals at t=0, one at each of the first two wake-ups. */
	ck_assert_int_eq(q->qstats.overlimits, 5);
	ck_assert_int_eq(FX_COUNT(&qt.fx.rec, NULL, qdisc_watchdog), 3);
	ck_assert_int_eq(q->bstats.packets, 4);
	ck_assert(!qdisc_is_throttled(q));

	rc = run_tc(qt.h, &r, "tc", "-s", "qdisc", "show", "dev", "eth0", NULL);
	ck_assert_int_eq(rc, 0);
	ck_assert_str_eq(r.out, "qdisc tbf 8001: root refcnt 2 rate 1Mbit burst 2000b lat 50.0ms \n"
				" Sent 6056 bytes 4 pkt (dropped 0, overlimits 5 requeues 0) \n"
				" backlog 0b 0p requeues 0 \n");
	fixture_teardown(&qt.fx);
}
END_TEST

START_TEST(test_tbf_drops_oversize_and_full)
{
	struct qtest qt;
	struct tc_result r;
	struct Qdisc *q;
	int rc;

	qtest_setup_fake(&qt);
	/* burst 1000: a 1514-byte frame can never be sent; limit 3000 bytes. */
	rc = run_tc(qt.h, &r, "tc", "qdisc", "add", "dev", "eth0", "root", "tbf", "rate", "8kbit",
		    "burst", "1000", "limit", "3000", NULL);
	ck_assert_msg(rc == 0, "tc: %s", r.err);
	q = qt.dev->qdisc;
	ck_assert_int_eq(dev_queue_xmit(mkskb(qt.dev, 1514, 0, 0)), NET_XMIT_DROP);
	ck_assert_int_eq(FX_COUNT(&qt.fx.rec, NULL, tbf_oversize_drop), 1);
	/* 8kbit = 1000 bytes/s: 900-byte frames; the first goes, 3 fit (2700). */
	for (int i = 0; i < 5; i++)
		dev_queue_xmit(mkskb(qt.dev, 900, 0, (u8)i));
	ck_assert_int_eq(qt.fx.nframes, 1);
	ck_assert_int_eq(qdisc_qlen(q), 3);
	ck_assert_int_eq(q->qstats.backlog, 2700);
	ck_assert_int_eq(q->qstats.drops, 2);
	ck_assert_int_eq(qt.h->mib[SIM_MIB_QDISCDROPS], 2);
	/* Closing the device frees what waits and stops the watchdog. */
	dev_close(qt.dev);
	ck_assert_int_eq(qdisc_qlen(q), 0);
	ck_assert(!qdisc_is_throttled(q));
	fixture_teardown(&qt.fx);
}
END_TEST

/* ---- noqueue, queue choice, device state --------------------------------------- */

START_TEST(test_noqueue_sends_directly)
{
	struct qtest qt;
	struct tc_result r;
	int i;

	qtest_setup(&qt, "veth0", 1, 0);
	ck_assert_str_eq(qt.dev->qdisc->ops->id, "noqueue");
	ck_assert_ptr_null(qt.q->enqueue);
	ck_assert_int_eq(run_tc(qt.h, &r, "tc", "qdisc", NULL), 0);
	ck_assert_str_eq(r.out, "qdisc noqueue 0: dev veth0 root refcnt 2 \n");

	ck_assert_int_eq(dev_queue_xmit(mkskb(qt.dev, 60, 0, 1)), NETDEV_TX_OK);
	ck_assert_int_eq(qt.t->nsent, 1);
	ck_assert_int_eq(FX_COUNT(&qt.fx.rec, NULL, __dev_xmit_skb), 0);
	ck_assert_int_eq(FX_COUNT(&qt.fx.rec, NULL, dev_hard_start_xmit), 1);

	/* Nowhere to keep a refused packet: dropped and counted. */
	qt.t->busy_left = 1;
	ck_assert_int_eq(dev_queue_xmit(mkskb(qt.dev, 60, 0, 2)), -ENETDOWN);
	ck_assert_int_eq(qt.h->mib[SIM_MIB_TXBUSY], 1);
	i = FX_FIND(&qt.fx.rec, 0, NULL, net_xmit_drop);
	ck_assert_int_ge(i, 0);
	ck_assert_str_eq(FX_DATA(&qt.fx.rec, i, net_xmit_drop)->reason,
			 "virtual_device_asks_to_queue");
	ck_assert_int_eq(FX_COUNT(&qt.fx.rec, NULL, net_xmit_drop), 1);
	dev_close(qt.dev);
	ck_assert_int_eq(dev_queue_xmit(mkskb(qt.dev, 60, 0, 3)), -ENETDOWN);
	ck_assert_int_eq(qt.h->mib[SIM_MIB_TXDEVDOWN], 1);
	ck_assert_int_eq(qt.dev->stats.tx_dropped, 2);
	ck_assert_int_eq(qt.t->nsent, 1);
	fixture_teardown(&qt.fx);
}
END_TEST

START_TEST(test_xps_vs_hash_queue_choice)
{
	struct qtest qt;
	struct net_device *dev, *one;
	struct sk_buff *skb;
	u16 hq;

	qtest_setup(&qt, "eth0", 4, 1000);
	dev = qt.dev;
	one = tdev_create(qt.h, "eth1", 1, 1000);
	/* Multiqueue: mq root, one pfifo_fast per TX queue. */
	ck_assert_str_eq(dev->qdisc->ops->id, "mq");
	for (unsigned int i = 0; i < 4; i++) {
		ck_assert_str_eq(txq_qdisc(dev, i)->ops->id, "pfifo_fast");
		ck_assert_ptr_eq(txq_qdisc(dev, i)->dev_queue, netdev_get_tx_queue(dev, i));
		ck_assert(txq_qdisc(dev, i)->flags & TCQ_F_ONETXQUEUE);
	}

	dev->xps_queue = 2;
	dev_queue_xmit(mkskb(dev, 60, 0, 1));
	ck_assert_int_eq(qt.t->queue[0], 2);
	ck_assert_int_eq(count_pick_tx(&qt.fx, 2, SIM_PICK_TX_XPS), 1);
	ck_assert_int_eq(netdev_get_tx_queue(dev, 2)->tx_packets, 1);
	ck_assert_int_eq(txq_qdisc(dev, 2)->bstats.packets, 1);

	/* No XPS map: the hash picks the same queue for the same flow. */
	dev->xps_queue = -1;
	skb = mkskb(dev, 60, 0, 2);
	hq = netdev_pick_tx(dev, skb)->index;
	ck_assert_uint_lt(hq, 4);
	ck_assert_int_eq(skb->queue_mapping, hq);
	kfree_skb(skb);
	dev_queue_xmit(mkskb(dev, 60, 0, 3));
	dev_queue_xmit(mkskb(dev, 60, 0, 4));
	ck_assert_int_eq(qt.t->queue[1], hq);
	ck_assert_int_eq(qt.t->queue[2], hq);
	ck_assert_int_ge(count_pick_tx(&qt.fx, -1, SIM_PICK_TX_HASH), 3);
	/* An XPS map beyond the real queues is ignored. */
	dev->xps_queue = 7;
	skb = mkskb(dev, 60, 0, 5);
	ck_assert_int_eq(netdev_pick_tx(dev, skb)->index, hq);
	kfree_skb(skb);

	skb = mkskb(one, 60, 0, 6);
	ck_assert_int_eq(netdev_pick_tx(one, skb)->index, 0);
	kfree_skb(skb);
	ck_assert_int_eq(count_pick_tx(&qt.fx, 0, SIM_PICK_TX_SINGLE), 1);
	fixture_teardown(&qt.fx);
}
END_TEST

START_TEST(test_dev_close_frees_queue_and_drops)
{
	struct qtest qt;
	struct net_device *dev;
	struct net *h;
	int i;

	qtest_setup(&qt, "eth0", 1, 1000);
	dev = qt.dev;
	h = qt.h;
	netif_tx_stop_queue(netdev_get_tx_queue(dev, 0));
	xmit_marked(dev, 5, NET_XMIT_SUCCESS);
	ck_assert_int_eq(qdisc_qlen(qt.q), 5);
	dev_close(dev);
	ck_assert_int_eq(qdisc_qlen(qt.q), 0);
	ck_assert_ptr_null(qt.q->gso_skb);
	ck_assert_uint_eq(qt.fx.ledger.allocated, qt.fx.ledger.freed);
	ck_assert(!(dev->flags & IFF_UP));

	ck_assert_int_eq(dev_queue_xmit(mkskb(dev, 60, 0, 9)), NET_XMIT_DROP);
	ck_assert_int_eq(h->mib[SIM_MIB_QDISCDROPS], 1);
	ck_assert_int_eq(FX_COUNT(&qt.fx.rec, NULL, net_xmit_path_drop), 1);
	i = FX_FIND(&qt.fx.rec, 0, NULL, net_xmit_path_drop);
	ck_assert_str_eq(FX_DATA(&qt.fx.rec, i, net_xmit_path_drop)->reason, "qdisc_deactivated");

	netif_tx_start_all_queues(dev);
	ck_assert_int_eq(dev_open(dev), 0);
	ck_assert_int_eq(dev_queue_xmit(mkskb(dev, 60, 0, 10)), NET_XMIT_SUCCESS);
	ck_assert_int_eq(qt.t->nsent, 1);
	ck_assert_int_eq(qt.t->mark[0], 10);

	ck_assert_int_eq(dev_set_mtu(dev, 67), -EINVAL);
	ck_assert_int_eq(dev_set_mtu(dev, 9001), -EINVAL);
	ck_assert_int_eq(dev_set_mtu(dev, 1400), 0);
	ck_assert_int_eq(dev->mtu, 1400);
	ck_assert_ptr_eq(dev_get_by_name(h, "eth0"), dev);
	ck_assert_ptr_null(dev_get_by_name(h, "eth1"));
	ck_assert_int_eq(register_netdev(dev), -EEXIST);
	fixture_teardown(&qt.fx);
}
END_TEST

START_TEST(test_dev_kfree_skb_any_in_irq)
{
	struct qtest qt;
	struct net *h;
	struct sk_buff *skb;

	qtest_setup_fake(&qt);
	h = qt.h;
	skb = mkskb(qt.dev, 60, 0, 0);
	h->cpu.in_irq = 1;
	dev_kfree_skb_any(skb);
	h->cpu.in_irq = 0;
	/* Not freed in the hard IRQ: parked for NET_TX_SOFTIRQ. */
	ck_assert_ptr_eq(h->sd.completion_queue, skb);
	ck_assert(h->cpu.softirq_pending & (1UL << NET_TX_SOFTIRQ));
	ck_assert_uint_eq(qt.fx.ledger.allocated - qt.fx.ledger.freed, 1);
	fixture_run(&qt.fx);
	ck_assert_ptr_null(h->sd.completion_queue);
	ck_assert_uint_eq(qt.fx.ledger.allocated, qt.fx.ledger.freed);
	/* Outside an IRQ it is freed at once. */
	dev_kfree_skb_any(mkskb(qt.dev, 60, 0, 0));
	ck_assert_uint_eq(qt.fx.ledger.allocated, qt.fx.ledger.freed);
	ck_assert_int_eq(h->cpu.softirq_pending, 0);
	fixture_teardown(&qt.fx);
}
END_TEST

/* ---- NAPI and receive ------------------------------------------------------------- */

struct tnapi {
	struct napi_struct napi;
	int calls;			/* poll invocations */
	int last_budget;		/* budget passed to the last poll */
	int work;			/* what each poll reports */
	bool complete;			/* call napi_complete when under weight */
};

static int
tnapi_poll(struct napi_struct *napi, int budget)
{
	struct tnapi *tn = container_of(napi, struct tnapi, napi);

	tn->calls++;
	tn->last_budget = budget;
	if (tn->work < budget && tn->complete)
		napi_complete(napi);
	return tn->work;
}

START_TEST(test_napi_schedule_and_poll)
{
	struct qtest qt;
	struct net *h;
	struct tnapi tn = { .work = 3, .complete = true };

	qtest_setup_fake(&qt);
	h = qt.h;
	netif_napi_add(qt.dev, &tn.napi, tnapi_poll, NAPI_POLL_WEIGHT);
	/* Disabled until napi_enable: scheduling does nothing. */
	napi_schedule(&tn.napi);
	ck_assert(list_empty(&h->sd.poll_list));
	napi_enable(&tn.napi);

	napi_schedule(&tn.napi);
	napi_schedule(&tn.napi);	/* already scheduled: no second entry */
	ck_assert(h->cpu.softirq_pending & (1UL << NET_RX_SOFTIRQ));
	ck_assert_ptr_eq(h->sd.poll_list.next, &tn.napi.poll_list);
	ck_assert_ptr_eq(h->sd.poll_list.prev, &tn.napi.poll_list);
	fixture_run(&qt.fx);
	ck_assert_int_eq(tn.calls, 1);
	ck_assert_int_eq(tn.last_budget, 64);
	ck_assert_int_eq(h->cpu.softirq_count[NET_RX_SOFTIRQ], 1);
	ck_assert(list_empty(&h->sd.poll_list));
	ck_assert(!(tn.napi.state & (1UL << NAPI_STATE_SCHED)));
	napi_disable(&tn.napi);
	fixture_teardown(&qt.fx);
}
END_TEST

START_TEST(test_net_rx_action_budget)
{
	struct qtest qt;
	struct net *h;
	struct tnapi a = { .work = 64 }, b = { .work = 64 };
	int i;

	qtest_setup_fake(&qt);
	h = qt.h;
	netif_napi_add(qt.dev, &a.napi, tnapi_poll, NAPI_POLL_WEIGHT);
	netif_napi_add(qt.dev, &b.napi, tnapi_poll, NAPI_POLL_WEIGHT);
	napi_enable(&a.napi);
	napi_enable(&b.napi);
	napi_schedule(&a.napi);
	napi_schedule(&b.napi);
	h->cpu.softirq_pending = 0;
	/* One NET_RX run: a, b, a, b, a = 320 >= 300, then squeeze. */
	h->cpu.softirq_vec[NET_RX_SOFTIRQ](&h->cpu);
	ck_assert_int_eq(a.calls, 3);
	ck_assert_int_eq(b.calls, 2);
	ck_assert_int_eq(a.last_budget, 64);
	ck_assert_uint_eq(h->sd.time_squeeze, 1);
	ck_assert(h->cpu.softirq_pending & (1UL << NET_RX_SOFTIRQ));
	/* Weight used up: both stay scheduled, b now first (a went to the tail). */
	ck_assert_ptr_eq(h->sd.poll_list.next, &b.napi.poll_list);
	ck_assert_int_eq(FX_COUNT(&qt.fx.rec, NULL, net_rx_squeeze), 1);
	i = FX_FIND(&qt.fx.rec, 0, NULL, net_rx_squeeze);
	ck_assert_uint_eq(FX_DATA(&qt.fx.rec, i, net_rx_squeeze)->time_squeeze, 1);
	napi_disable(&a.napi);
	napi_disable(&b.napi);
	ck_assert(list_empty(&h->sd.poll_list));
	h->cpu.softirq_pending = 0;
	fixture_teardown(&qt.fx);
}
END_TEST

struct tproto {
	struct packet_type pt;
	int calls;
	unsigned int len;
};

static int
tproto_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
	   struct net_device *orig_dev)
{
	struct tproto *tp = container_of(pt, struct tproto, pt);

	(void)dev;
	(void)orig_dev;
	tp->calls++;
	tp->len = skb->len;
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

START_TEST(test_receive_dispatch_and_unknown)
{
	struct qtest qt;
	struct net_device *dev;
	struct tproto tp = { .pt = { .type = htons(0x88b5), .func = tproto_rcv } };
	u8 frame[64] = { 0 };
	unsigned long rx_before;
	int i;

	qtest_setup_fake(&qt);
	dev = qt.dev;
	dev_add_pack(qt.h, &tp.pt);
	memcpy(frame, dev->dev_addr, ETH_ALEN);
	frame[6] = 0x02;
	frame[12] = 0x88;		/* local experimental EtherType 0x88b5 */
	frame[13] = 0xb5;
	rx_before = dev->stats.rx_packets;
	fixture_inject(dev, frame, sizeof(frame));
	ck_assert_int_eq(tp.calls, 1);
	ck_assert_uint_eq(tp.len, sizeof(frame) - ETH_HLEN);
	ck_assert_uint_eq(dev->stats.rx_packets, rx_before + 1);
	ck_assert_uint_ge(dev->stats.rx_bytes, sizeof(frame));

	/* IPv6 from a TAP's kernel: dropped quietly and counted. */
	frame[12] = 0x86;
	frame[13] = 0xdd;
	fixture_inject(dev, frame, sizeof(frame));
	ck_assert_int_eq(tp.calls, 1);
	ck_assert_int_eq(qt.h->mib[SIM_MIB_RXUNKNOWNPROTO], 1);
	ck_assert_uint_eq(dev->stats.rx_dropped, 1);
	ck_assert_int_eq(FX_COUNT(&qt.fx.rec, NULL, net_rx_unknown_proto), 1);
	i = FX_FIND(&qt.fx.rec, 0, NULL, net_rx_unknown_proto);
	ck_assert_uint_eq(FX_DATA(&qt.fx.rec, i, net_rx_unknown_proto)->proto, ETH_P_IPV6);
	list_del_init(&tp.pt.list);
	fixture_teardown(&qt.fx);
}
END_TEST

/* ---- tc ---------------------------------------------------------------------------- */

/* `tc qdisc show dev @dev` must print exactly @want. */
static void
assert_tc_show(struct net *h, const char *dev, const char *want)
{
	struct tc_result r;

	ck_assert_int_eq(run_tc(h, &r, "tc", "qdisc", "show", "dev", dev, NULL), 0);
	ck_assert_str_eq(r.out, want);
	ck_assert_str_eq(r.err, "");
}

START_TEST(test_tc_show_golden)
{
	struct qtest qt;
	struct net *h;
	struct net_device *dev;
	struct tc_result r;

	qtest_setup_fake(&qt);
	h = qt.h;
	dev = qt.dev;
	assert_tc_show(h, "eth0", "qdisc pfifo_fast 0: root refcnt 2 " PFIFO_LINE "\n");

	dev_queue_xmit(mkskb(dev, 100, 0, 0));
	dev_queue_xmit(mkskb(dev, 1514, 0, 0));
	ck_assert_int_eq(run_tc(h, &r, "tc", "-s", "qdisc", NULL), 0);
	ck_assert_str_eq(r.out, "qdisc pfifo_fast 0: dev eth0 root refcnt 2 " PFIFO_LINE "\n"
				" Sent 1614 bytes 2 pkt (dropped 0, overlimits 0 requeues 0) \n"
				" backlog 0b 0p requeues 0 \n");

	/* Multiqueue: mq root and its children, stats summed at the root. */
	tdev_create(h, "eth1", 2, 1000);
	dev_queue_xmit(mkskb(dev_get_by_name(h, "eth1"), 2048, 0, 0));
	ck_assert_int_eq(run_tc(h, &r, "tc", "-s", "q", "ls", "dev", "eth1", NULL), 0);
	{
		struct net_device *d1 = dev_get_by_name(h, "eth1");
		u16 q = ((struct tdev *)netdev_priv(d1))->queue[0];
		char want[1024];

		snprintf(want, sizeof(want),
			 "qdisc mq 0: root \n"
			 " Sent 2048 bytes 1 pkt (dropped 0, overlimits 0 requeues 0) \n"
			 " backlog 0b 0p requeues 0 \n"
			 "qdisc pfifo_fast 0: parent :1 " PFIFO_LINE "\n"
			 " Sent %s bytes %s pkt (dropped 0, overlimits 0 requeues 0) \n"
			 " backlog 0b 0p requeues 0 \n"
			 "qdisc pfifo_fast 0: parent :2 " PFIFO_LINE "\n"
			 " Sent %s bytes %s pkt (dropped 0, overlimits 0 requeues 0) \n"
			 " backlog 0b 0p requeues 0 \n",
			 q == 0 ? "2048" : "0", q == 0 ? "1" : "0",
			 q == 1 ? "2048" : "0", q == 1 ? "1" : "0");
		ck_assert_str_eq(r.out, want);
	}

	/* tbf with kb units, then changed in place, then deleted. */
	ck_assert_int_eq(run_tc(h, &r, "tc", "qdisc", "add", "dev", "eth0", "root", "tbf", "rate",
				"10mbit", "burst", "10kb", "limit", "30000", NULL), 0);
	assert_tc_show(h, "eth0", "qdisc tbf 8001: root refcnt 2 rate 10Mbit burst 10Kb lat 15.8ms \n");
	ck_assert_int_eq(run_tc(h, &r, "tc", "qdisc", "replace", "dev", "eth0", "root", "tbf",
				"rate", "1500kbit", "burst", "1600", "latency", "1s", NULL), 0);
	/* tc rounds 1600 bytes down to whole microseconds and ticks. */
	assert_tc_show(h, "eth0",
		       "qdisc tbf 8001: root refcnt 2 rate 1500Kbit burst 1599b lat 1.0s \n");
	ck_assert_int_eq(run_tc(h, &r, "tc", "qdisc", "replace", "dev", "eth0", "root", "noqueue",
				NULL), 0);
	assert_tc_show(h, "eth0", "qdisc noqueue 8002: root refcnt 2 \n");
	ck_assert_int_eq(run_tc(h, &r, "tc", "qdisc", "del", "dev", "eth0", "root", NULL), 0);
	assert_tc_show(h, "eth0", "qdisc pfifo_fast 0: root refcnt 2 " PFIFO_LINE "\n");
	ck_assert_ptr_eq(txq_qdisc(dev, 0), dev->qdisc);

	/* A shared root on a multiqueue device: one reference per queue + dev. */
	ck_assert_int_eq(run_tc(h, &r, "tc", "qdisc", "replace", "dev", "eth1", "root",
				"pfifo_fast", NULL), 0);
	assert_tc_show(h, "eth1", "qdisc pfifo_fast 8001: root refcnt 3 " PFIFO_LINE "\n");
	fixture_teardown(&qt.fx);
}
END_TEST

START_TEST(test_tc_runtime_refusals)
{
	struct qtest qt;
	struct tc_result r;
	struct Qdisc *q;

	qtest_setup_fake(&qt);
	q = qt.dev->qdisc;
	/* A default root cannot be deleted. */
	ck_assert_int_eq(run_tc(qt.h, &r, "tc", "qdisc", "del", "dev", "eth0", "root", NULL), 1);
	ck_assert_str_eq(r.err, "RTNETLINK answers: No such file or directory\n");
	ck_assert_ptr_eq(qt.dev->qdisc, q);
	ck_assert_int_eq(run_tc(qt.h, &r, "tc", "qdisc", "add", "dev", "eth0", "root",
				"pfifo_fast", NULL), 0);
	q = qt.dev->qdisc;
	ck_assert_int_eq(q->handle, 0x80010000);
	ck_assert_int_eq(run_tc(qt.h, &r, "tc", "qdisc", "add", "dev", "eth0", "root",
				"pfifo_fast", NULL), 1);
	ck_assert_str_eq(r.err, "RTNETLINK answers: File exists\n");
	/* mq needs several TX queues. */
	ck_assert_int_eq(run_tc(qt.h, &r, "tc", "qdisc", "replace", "dev", "eth0", "root", "mq",
				NULL), 1);
	ck_assert_str_eq(r.err, "RTNETLINK answers: Operation not supported\n");
	ck_assert_ptr_eq(qt.dev->qdisc, q);
	fixture_teardown(&qt.fx);
}
END_TEST

START_TEST(test_tc_bad_commands_change_nothing)
{
	static const char *const bad[][16] = {
		{ "tc", "qdisc", "replace", "dev", "eth9", "root", "pfifo_fast" },
		{ "tc", "qdisc", "replace", "dev", "eth0", "root", "tbf", "rate", "fast",
		  "burst", "2k", "latency", "50ms" },
		{ "tc", "qdisc", "replace", "dev", "eth0", "root", "tbf", "rate", "1mbit",
		  "burst", "2k" },
		{ "tc", "qdisc", "replace", "dev", "eth0", "root", "tbf", "burst", "2k",
		  "latency", "5ms" },
		{ "tc", "qdisc", "replace", "dev", "eth0", "root", "tbf", "rate", "1mbit",
		  "burst", "2k", "latency", "5parsecs" },
		{ "tc", "qdisc", "replace", "dev", "eth0", "root", "tbf", "rate", "1mbit",
		  "burst", "2k", "latency", "50ms", "bogus", "1" },
		{ "tc", "qdisc", "replace", "dev", "eth0", "root", "tbf", "rate", "1mbit",
		  "burst", "2k", "latency", "50ms", "limit", "3000" },
		{ "tc", "qdisc", "replace", "dev", "eth0", "root", "tbf", "rate", "1mbit",
		  "burst", "2zz", "latency", "50ms" },
		{ "tc", "qdisc", "replace", "dev", "eth0", "root", "tbf", "rate" },
		{ "tc", "qdisc", "replace", "dev", "eth0", "root", "sfq" },
		{ "tc", "qdisc", "replace", "dev", "eth0", "root", "pfifo_fast", "bands" },
		{ "tc", "qdisc", "replace", "dev", "eth0", "tbf", "rate", "1mbit" },
		{ "tc", "qdisc", "replace", "dev", "eth0", "parent", "1:1", "pfifo_fast" },
		{ "tc", "qdisc", "frob" },
		{ "tc", "-x", "qdisc" },
		{ "tc", "class", "show" },
		{ "tc", "qdisc", "show", "dev", "nope" },
		{ "tc", "qdisc", "show", "dev", "eth0", "extra" },
	};
	static const char *const word[] = {
		"eth9", "fast", "latency", "rate", "5parsecs", "bogus", "limit", "2zz", "rate",
		"sfq", "bands", "root", "parent", "frob", "-x", "class", "nope", "extra",
	};
	struct qtest qt;
	struct Qdisc *q;

	qtest_setup_fake(&qt);
	q = qt.dev->qdisc;
	ck_assert_int_eq(ARRAY_SIZE(bad), ARRAY_SIZE(word));
	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		struct tc_result r;
		char *argv[16];
		int argc = 0, rc;

		while (argc < 16 && bad[i][argc]) {
			argv[argc] = (char *)bad[i][argc];
			argc++;
		}
		rc = run_tc_argv(qt.h, &r, argc, argv);
		ck_assert_msg(rc == 2, "case %u: rc %d", i, rc);
		ck_assert_msg(!strncmp(r.err, "tc: ", 4), "case %u: %s", i, r.err);
		ck_assert_msg(strstr(r.err, word[i]) != NULL, "case %u: '%s' lacks '%s'", i, r.err,
			      word[i]);
		ck_assert_msg(strchr(r.err, '\n') == r.err + strlen(r.err) - 1,
			      "case %u: not one line: %s", i, r.err);
		ck_assert_str_eq(r.out, "");
		/* Nothing applied. */
		ck_assert_ptr_eq(qt.dev->qdisc, q);
		ck_assert_ptr_eq(txq_qdisc(qt.dev, 0), q);
		ck_assert_str_eq(q->ops->id, "pfifo_fast");
	}
	fixture_teardown(&qt.fx);
}
END_TEST

Suite *qdisc_suite(void);

Suite *
qdisc_suite(void)
{
	Suite *s = suite_create("qdisc");

	fixture_add_tcase(s, "xmit", NULL, NULL, 0, (const TTest *const []){
		test_bypass_when_empty,
		test_stopped_queue_holds_then_wake_releases,
		test_pfifo_fast_band_order,
		test_pfifo_fast_limit_drop,
		test_quota_defers_to_net_tx_softirq,
		test_quota_through_dev_queue_xmit,
		test_tx_busy_requeues_without_loss,
		test_driver_stops_queue_mid_burst,
		NULL,
	});

	fixture_add_tcase(s, "shaping", NULL, NULL, 0, (const TTest *const []){
		test_tbf_paces_in_virtual_time,
		test_tbf_drops_oversize_and_full,
		NULL,
	});

	fixture_add_tcase(s, "device", NULL, NULL, 0, (const TTest *const []){
		test_noqueue_sends_directly,
		test_xps_vs_hash_queue_choice,
		test_dev_close_frees_queue_and_drops,
		test_dev_kfree_skb_any_in_irq,
		NULL,
	});

	fixture_add_tcase(s, "napi", NULL, NULL, 0, (const TTest *const []){
		test_napi_schedule_and_poll,
		test_net_rx_action_budget,
		test_receive_dispatch_and_unknown,
		NULL,
	});

	fixture_add_tcase(s, "tc", NULL, NULL, 0, (const TTest *const []){
		test_tc_show_golden,
		test_tc_runtime_refusals,
		test_tc_bad_commands_change_nothing,
		NULL,
	});
	return s;
}
