/*
 * tests/check_engine.c - the virtual clock, timers, IRQs and softirqs.
 */
#include "tests/fixture.h"

#include <check.h>

struct probe {
	struct sim_event ev;
	int *log;
	int *n;
	int tag;
};

static void probe_fire(struct sim_event *ev)
{
	struct probe *p = container_of(ev, struct probe, ev);

	p->log[(*p->n)++] = p->tag;
}

START_TEST(test_event_order)
{
	struct sim_engine eng;
	struct probe p[4];
	int log[8], n = 0;
	const ktime_t when[4] = { 300, 100, 100, 200 };

	sim_engine_init(&eng, 1);
	for (int i = 0; i < 4; i++) {
		p[i] = (struct probe){ .log = log, .n = &n, .tag = i };
		sim_event_init(&p[i].ev, "probe", probe_fire);
		sim_event_schedule(&eng, &p[i].ev, when[i]);
	}
	sim_event_cancel(&eng, &p[3].ev);
	ck_assert(!sim_event_pending(&p[3].ev));
	ck_assert_int_eq(sim_run(&eng, 0, 100), 0);
	/* Time order; equal times in scheduling order; cancelled never runs. */
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(log[0], 1);
	ck_assert_int_eq(log[1], 2);
	ck_assert_int_eq(log[2], 0);
	ck_assert_uint_eq(eng.now, 300);
	sim_engine_destroy(&eng);
}
END_TEST

static void reschedule_self(struct sim_event *ev)
{
	struct probe *p = container_of(ev, struct probe, ev);

	(*p->n)++;
	sim_event_schedule((struct sim_engine *)p->log, ev, ev->when + 10);
}

START_TEST(test_run_bound)
{
	struct sim_engine eng;
	struct probe p;
	int n = 0;

	sim_engine_init(&eng, 1);
	p = (struct probe){ .log = (int *)&eng, .n = &n };
	sim_event_init(&p.ev, "storm", reschedule_self);
	sim_event_schedule(&eng, &p.ev, 0);
	ck_assert_int_eq(sim_run(&eng, 0, 50), -EAGAIN);
	ck_assert_int_eq(n, 50);
	/* A time bound stops a storm cleanly, with the clock at the bound. */
	ck_assert_int_eq(sim_run(&eng, 1000, 1000000), 0);
	ck_assert_uint_eq(eng.now, 1000);
	sim_engine_destroy(&eng);
}
END_TEST

static int timer_hits;
static unsigned long timer_jiffies_seen;
static struct sim_engine *timer_eng;

static void timer_fn(unsigned long data)
{
	timer_hits += (int)data;
	timer_jiffies_seen = sim_jiffies(timer_eng);
}

START_TEST(test_timers)
{
	struct sim_engine eng;
	struct sim_cpu cpu;
	struct timer_list t;

	sim_engine_init(&eng, 1);
	sim_engine_add_cpu(&eng, &cpu, NULL);
	timer_eng = &eng;
	timer_hits = 0;
	setup_timer(&cpu, &t, timer_fn, 5);
	ck_assert_int_eq(mod_timer(&t, 100), 0);
	ck_assert_int_eq(mod_timer(&t, 250), 1);	/* was pending: moved */
	ck_assert(timer_pending(&t));
	ck_assert_int_eq(sim_run(&eng, 0, 10), 0);
	ck_assert_int_eq(timer_hits, 5);
	ck_assert_uint_eq(timer_jiffies_seen, 250);
	ck_assert_uint_eq(eng.now, 250 * NSEC_PER_MSEC);	/* HZ = 1000 */
	ck_assert_uint_eq(cpu.softirq_count[TIMER_SOFTIRQ], 1);
	mod_timer(&t, 400);
	ck_assert_int_eq(del_timer(&t), 1);
	ck_assert_int_eq(del_timer(&t), 0);
	ck_assert_int_eq(sim_run(&eng, 0, 10), 0);
	ck_assert_int_eq(timer_hits, 5);
	sim_engine_destroy(&eng);
}
END_TEST

static int rx_runs, tx_runs, handler_saw_pending;

static void rx_action(struct sim_cpu *cpu)
{
	(void)cpu;
	rx_runs++;
}

static void tx_action(struct sim_cpu *cpu)
{
	/* Raising again from inside a handler is served on a restart. */
	if (tx_runs++ == 0)
		raise_softirq(cpu, NET_RX_SOFTIRQ);
}

static irqreturn_t irq_handler(int irq, void *dev_id)
{
	struct sim_cpu *cpu = dev_id;

	(void)irq;
	raise_softirq(cpu, NET_TX_SOFTIRQ);
	/* Softirqs must not run inside the hard IRQ handler. */
	handler_saw_pending = tx_runs == 0 && (cpu->softirq_pending & (1UL << NET_TX_SOFTIRQ));
	return IRQ_HANDLED;
}

START_TEST(test_softirq_after_irq)
{
	struct sim_engine eng;
	struct sim_cpu cpu;

	sim_engine_init(&eng, 1);
	sim_engine_add_cpu(&eng, &cpu, NULL);
	rx_runs = tx_runs = 0;
	open_softirq(&cpu, NET_RX_SOFTIRQ, rx_action);
	open_softirq(&cpu, NET_TX_SOFTIRQ, tx_action);
	ck_assert_int_eq(request_irq(&cpu, 3, irq_handler, "eth0-TxRx-0", &cpu), 0);
	ck_assert_int_eq(request_irq(&cpu, 3, irq_handler, "again", &cpu), -EBUSY);
	generic_handle_irq(&cpu, 3);
	ck_assert(handler_saw_pending);
	ck_assert_int_eq(tx_runs, 1);
	ck_assert_int_eq(rx_runs, 1);
	ck_assert_uint_eq(cpu.softirq_count[NET_TX_SOFTIRQ], 1);
	ck_assert_uint_eq(cpu.softirq_count[NET_RX_SOFTIRQ], 1);
	ck_assert_uint_eq(cpu.irq[3].count, 1);
	ck_assert_uint_eq(cpu.softirq_pending, 0);
	generic_handle_irq(&cpu, 9);	/* nobody asked for it: ignored */
	free_irq(&cpu, 3, &cpu);
	ck_assert_ptr_null(cpu.irq[3].handler);
	sim_engine_destroy(&eng);
}
END_TEST

/* A muted trace tells no sink, and nests; unmuted it tells them again. */
START_TEST(test_trace_mute)
{
	static struct fixture fx;	/* large: not on the stack */
	struct sk_buff *skb;

	fixture_setup(&fx, 1);
	fixture_forget(&fx);	/* the host's creation */
	trace_mute(&fx.trace);
	trace_mute(&fx.trace);
	skb = alloc_skb(fx.host[0], 64);
	trace_unmute(&fx.trace);
	kfree_skb(skb);
	ck_assert_int_eq(fx.rec.nevents, 0);	/* the recorder is a sink too */
	ck_assert(!trace_listening(&fx.trace));
	trace_unmute(&fx.trace);
	skb = alloc_skb(fx.host[0], 64);
	ck_assert_int_gt(fx.rec.nevents, 0);
	kfree_skb(skb);
	fixture_teardown(&fx);
}
END_TEST

/* The test recorder never drops silently: what does not fit is counted,
 * and fixture_teardown would fail the test. */
START_TEST(test_recorder_overflow_counted)
{
	static struct fixture fx;	/* large: not on the stack */
	struct sk_buff *skb;

	fixture_setup(&fx, 1);
	for (int i = 0; i <= FX_MAX_EVENTS && !fx.rec.overflow; i++) {
		skb = alloc_skb(fx.host[0], 64);
		kfree_skb(skb);
	}
	ck_assert_int_eq(fx.rec.nevents, FX_MAX_EVENTS);
	ck_assert_uint_gt(fx.rec.overflow, 0);
	fixture_forget(&fx);	/* the test looked: forget, so teardown passes */
	ck_assert_uint_eq(fx.rec.overflow, 0);
	fixture_teardown(&fx);
}
END_TEST

START_TEST(test_cpu_limit)
{
	struct sim_engine eng;
	struct sim_cpu cpus[SIM_MAX_CPUS + 1];

	sim_engine_init(&eng, 1);
	for (int i = 0; i < SIM_MAX_CPUS; i++)
		ck_assert_int_eq(sim_engine_add_cpu(&eng, &cpus[i], NULL), 0);
	/* One more would be a host whose softirqs never run: refused. */
	ck_assert_int_eq(sim_engine_add_cpu(&eng, &cpus[SIM_MAX_CPUS], NULL), -ENOSPC);
	sim_engine_remove_cpu(&eng, &cpus[0]);
	ck_assert_int_eq(sim_engine_add_cpu(&eng, &cpus[SIM_MAX_CPUS], NULL), 0);
	sim_engine_destroy(&eng);
}
END_TEST

START_TEST(test_random_deterministic)
{
	struct sim_engine a, b;

	sim_engine_init(&a, 42);
	sim_engine_init(&b, 42);
	for (int i = 0; i < 100; i++)
		ck_assert_uint_eq(sim_random(&a), sim_random(&b));
	sim_engine_init(&b, 43);
	ck_assert_uint_ne(sim_random(&a), sim_random(&b));
}
END_TEST

Suite *engine_suite(void)
{
	Suite *s = suite_create("engine");

	fixture_add_tcase(s, "core", NULL, NULL, 0, (const TTest *const []){
		test_event_order,
		test_run_bound,
		test_timers,
		test_softirq_after_irq,
		test_cpu_limit,
		test_trace_mute,
		test_recorder_overflow_counted,
		test_random_deterministic,
		NULL,
	});
	return s;
}
