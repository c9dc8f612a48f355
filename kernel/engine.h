/*
 * kernel/engine.h - one thread, one virtual clock, and everything that
 * "happens later" in a kernel: timers, hard interrupts and softirqs.
 *
 * Mirrors the parts of kernel/softirq.c, kernel/timer.c,
 * kernel/hrtimer.c and kernel/irq/ (Linux 3.10) that the network path
 * depends on.  Read this first: every other file schedules its future
 * work through it.
 *
 * The engine owns a clock in nanoseconds and a heap of events ordered
 * by (time, sequence number), so two runs of the same command line fire
 * the same events in the same order and produce byte-identical output.
 * Each host contributes one struct sim_cpu (a host is a one-CPU
 * machine): its pending softirq bits, the handlers opened with
 * open_softirq(), the per-softirq counters that /proc/softirqs shows,
 * and an interrupt table filled by request_irq().
 *
 * After every event the engine runs the pending softirqs of every CPU,
 * as irq_exit() does on the way out of an interrupt; and softirqs a
 * process raised outside any event (a system call that sent to lo) run
 * before the next event, as local_bh_enable() would have run them.
 *
 * KERNEL: no preemption, no ksoftirqd (MAX_SOFTIRQ_RESTART is honoured
 * by re-running on the next engine turn instead), one CPU per host.
 */
#ifndef NETSTEP_KERNEL_ENGINE_H
#define NETSTEP_KERNEL_ENGINE_H

#include "kernel/types.h"

struct sim_engine;
struct sim_cpu;

/* One thing that will happen at a point of virtual time. */
struct sim_event {
	ktime_t when;			/* absolute virtual time, ns */
	u64 seq;			/* order of scheduling: the tie-break */
	int heap_idx;			/* position in the heap, -1 if idle */
	void (*fn)(struct sim_event *ev);	/* runs when the clock reaches when */
	const char *name;		/* for the trace and debugging */
};

/* Softirq numbers, include/linux/interrupt.h (3.10). */
enum {
	HI_SOFTIRQ = 0,
	TIMER_SOFTIRQ,
	NET_TX_SOFTIRQ,
	NET_RX_SOFTIRQ,
	BLOCK_SOFTIRQ,
	BLOCK_IOPOLL_SOFTIRQ,
	TASKLET_SOFTIRQ,
	SCHED_SOFTIRQ,
	HRTIMER_SOFTIRQ,
	RCU_SOFTIRQ,
	NR_SOFTIRQS
};
extern const char *const softirq_to_name[NR_SOFTIRQS];

#define MAX_SOFTIRQ_RESTART	10	/* kernel/softirq.c */
#define SIM_MAX_IRQS		16	/* MSI-X vectors per host */
#define SIM_MAX_CPUS		8	/* hosts sharing one engine */

typedef int irqreturn_t;
#define IRQ_NONE	0
#define IRQ_HANDLED	1
typedef irqreturn_t (*irq_handler_t)(int irq, void *dev_id);

struct irqaction {
	irq_handler_t handler;		/* NULL when the vector is free */
	void *dev_id;			/* handed back to the handler */
	char name[24];			/* as /proc/interrupts shows it */
	unsigned long count;		/* interrupts delivered */
};

/* include/linux/cpumask.h: a netstep host has one CPU. */
static inline unsigned int num_online_cpus(void)
{
	return 1;
}

/* The per-CPU state of one host: what a softirq or IRQ needs. */
struct sim_cpu {
	struct sim_engine *eng;		/* the clock this CPU runs on */
	void *owner;			/* the host (opaque here) */
	unsigned long softirq_pending;	/* bit n = softirq n raised */
	void (*softirq_vec[NR_SOFTIRQS])(struct sim_cpu *cpu);
	unsigned int softirq_count[NR_SOFTIRQS];	/* /proc/softirqs */
	struct irqaction irq[SIM_MAX_IRQS];	/* request_irq() table */
	int in_irq;			/* >0 while a hard IRQ handler runs */
	int in_softirq;			/* >0 while softirqs run */
};

/* The world: one clock and the events waiting on it. */
struct sim_engine {
	ktime_t now;			/* virtual time, ns */
	u64 next_seq;			/* sequence for the next event */
	struct sim_event **heap;	/* min-heap on (when, seq) */
	int heap_len;			/* events scheduled */
	int heap_cap;			/* allocated slots */
	struct sim_cpu *cpus[SIM_MAX_CPUS];	/* CPUs whose softirqs run */
	int ncpus;			/* entries in cpus[] */
	u64 events_run;			/* total events fired */
	u32 rng;			/* deterministic PRNG state (loss, ISN) */
	struct trace *trace;		/* event stream, kernel/trace.h */
	struct skb_ledger *ledger;	/* every live skb, layers/skbuff.h */
	struct sim_wall *wall;		/* NULL: pure virtual time (the default) */
};

/*
 * Wall-clock mode (the TAP wire, sim/tap.c).  When the real kernel is the
 * peer, virtual time must keep pace with real time: a ping's one-second
 * interval is a real second, and a frame the kernel writes into the TAP
 * arrives "now".  With a struct sim_wall set, the engine sleeps in
 * ppoll() on @fd until the next event is due, fires events only when
 * the wall clock has reached them, and calls readable() whenever @fd has
 * data (which injects frames: they schedule events at the current time).
 *
 * sim_run(eng, 0, n) ("until idle") returns once nothing is due within
 * idle_ns: a real network never goes fully idle (neighbour timers,
 * TIME_WAIT), and a teacher should not wait a minute for an ARP entry
 * to go stale.  NOTE: runs in this mode are not deterministic.
 */
struct sim_wall {
	int fd;				/* wake when readable; -1: just sleep */
	void (*readable)(void *arg);	/* drain @fd; may schedule events */
	void *arg;			/* handed back to readable() */
	ktime_t idle_ns;		/* "idle" horizon for sim_run(.., 0, ..) */
	ktime_t origin;			/* CLOCK_MONOTONIC ns at virtual time 0 */
	unsigned long sleeps;		/* times the engine waited */
	unsigned long wakeups;		/* ... and was woken by @fd */
};

#define SIM_WALL_IDLE_NS	(2 * NSEC_PER_SEC)

/* Switch @eng to wall-clock mode from now on (NULL: back to virtual). */
void sim_engine_set_wall(struct sim_engine *eng, struct sim_wall *wall);
/* The wall clock on the virtual time scale (eng->now if not in wall mode). */
ktime_t sim_wall_now(const struct sim_engine *eng);

void sim_engine_init(struct sim_engine *eng, u32 seed);
void sim_engine_destroy(struct sim_engine *eng);
/* 0, or -ENOSPC when SIM_MAX_CPUS hosts already share the engine. */
int sim_engine_add_cpu(struct sim_engine *eng, struct sim_cpu *cpu, void *owner);
void sim_engine_remove_cpu(struct sim_engine *eng, struct sim_cpu *cpu);
u32 sim_random(struct sim_engine *eng);

void sim_event_init(struct sim_event *ev, const char *name,
		    void (*fn)(struct sim_event *ev));
void sim_event_schedule(struct sim_engine *eng, struct sim_event *ev, ktime_t when);
void sim_event_cancel(struct sim_engine *eng, struct sim_event *ev);
static inline bool sim_event_pending(const struct sim_event *ev)
{
	return ev->heap_idx >= 0;
}

/*
 * Run events in time order until none is left, the clock would pass
 * @until (0: no limit) or @max_events have fired.  Returns 0 when the
 * world went idle or reached @until, -EAGAIN when the event bound was
 * hit (something keeps scheduling work: a bug or a flood).
 */
int sim_run(struct sim_engine *eng, ktime_t until, u64 max_events);
/* Fire exactly one event (the UI steps with this), or first the softirqs a
 * process left pending.  false if idle. */
bool sim_run_one(struct sim_engine *eng);
/* When the next event is due; false if none is scheduled. */
static inline bool sim_next_event_time(const struct sim_engine *eng, ktime_t *when)
{
	if (!eng->heap_len)
		return false;
	*when = eng->heap[0]->when;
	return true;
}

/* Softirqs, kernel/softirq.c */
void open_softirq(struct sim_cpu *cpu, int nr, void (*action)(struct sim_cpu *cpu));
void raise_softirq(struct sim_cpu *cpu, unsigned int nr);
void do_softirq(struct sim_cpu *cpu);
void local_bh_enable(struct sim_cpu *cpu);	/* run what a process raised */

/* Hard interrupts, kernel/irq/ */
int request_irq(struct sim_cpu *cpu, unsigned int irq, irq_handler_t handler,
		const char *name, void *dev_id);
void free_irq(struct sim_cpu *cpu, unsigned int irq, void *dev_id);
/* Deliver one interrupt: handler in hard-IRQ context, then irq_exit(). */
void generic_handle_irq(struct sim_cpu *cpu, unsigned int irq);

/* Timers, kernel/timer.c: jiffies-based, run from TIMER_SOFTIRQ. */
struct timer_list {
	struct sim_event ev;		/* the engine event behind it */
	unsigned long expires;		/* in jiffies */
	void (*function)(unsigned long data);	/* 3.10 signature */
	unsigned long data;		/* argument for function */
	struct sim_cpu *cpu;		/* CPU the timer was set up on */
};

void setup_timer(struct sim_cpu *cpu, struct timer_list *t,
		 void (*function)(unsigned long), unsigned long data);
int mod_timer(struct timer_list *t, unsigned long expires);
int del_timer(struct timer_list *t);
static inline int timer_pending(const struct timer_list *t)
{
	return sim_event_pending(&t->ev);
}

/* High-resolution timers, kernel/hrtimer.c: nanosecond deadlines.  The
 * callback runs in hard-IRQ context (hrtimer_interrupt), softirqs after. */
enum hrtimer_restart { HRTIMER_NORESTART, HRTIMER_RESTART };
struct hrtimer {
	struct sim_event ev;		/* the engine event behind it */
	enum hrtimer_restart (*function)(struct hrtimer *t);
	struct sim_cpu *cpu;		/* CPU whose softirqs run after it */
};
void hrtimer_init(struct sim_cpu *cpu, struct hrtimer *t,
		  enum hrtimer_restart (*function)(struct hrtimer *));
void hrtimer_start(struct hrtimer *t, ktime_t expires_abs);
int hrtimer_cancel(struct hrtimer *t);

static inline ktime_t ktime_get(const struct sim_engine *eng) { return eng->now; }
/* KERNEL: jiffies starts at INITIAL_JIFFIES (-5 min) to catch wrap bugs. */
static inline unsigned long sim_jiffies(const struct sim_engine *eng)
{
	return (unsigned long)(eng->now / (NSEC_PER_SEC / HZ));
}
#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)
#define time_after_eq(a, b)	((long)((a) - (b)) >= 0)
#define time_before_eq(a, b)	time_after_eq(b, a)

#endif
