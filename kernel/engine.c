/*
 * kernel/engine.c - the virtual clock, its event heap, timers, hard
 * interrupts and softirqs.  See engine.h for the model.
 *
 * Mirrors kernel/softirq.c (__do_softirq, raise_softirq, open_softirq),
 * kernel/timer.c (mod_timer, del_timer), kernel/hrtimer.c and
 * kernel/irq/handle.c, Linux 3.10.
 */
#define _GNU_SOURCE		/* ppoll(), for the wall-clock mode */
#include "kernel/engine.h"
#include "kernel/trace.h"
#include "events/irq.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char KSRC[] = "kernel/softirq.c";

const char *const softirq_to_name[NR_SOFTIRQS] = {
	"HI", "TIMER", "NET_TX", "NET_RX", "BLOCK", "BLOCK_IOPOLL",
	"TASKLET", "SCHED", "HRTIMER", "RCU"
};

void
sim_engine_init(struct sim_engine *eng, u32 seed)
{
	memset(eng, 0, sizeof(*eng));
	eng->rng = seed ? seed : 1;
}

void
sim_engine_destroy(struct sim_engine *eng)
{
	free(eng->heap);
	eng->heap = NULL;
	eng->heap_len = eng->heap_cap = 0;
}

int
sim_engine_add_cpu(struct sim_engine *eng, struct sim_cpu *cpu, void *owner)
{
	/* A CPU the engine does not know would never run its softirqs. */
	if (eng->ncpus == SIM_MAX_CPUS)
		return -ENOSPC;
	memset(cpu, 0, sizeof(*cpu));
	cpu->eng = eng;
	cpu->owner = owner;
	eng->cpus[eng->ncpus++] = cpu;
	return 0;
}

void
sim_engine_remove_cpu(struct sim_engine *eng, struct sim_cpu *cpu)
{
	for (int i = 0; i < eng->ncpus; i++) {
		if (eng->cpus[i] != cpu)
			continue;
		memmove(&eng->cpus[i], &eng->cpus[i + 1],
			(eng->ncpus - i - 1) * sizeof(eng->cpus[0]));
		eng->ncpus--;
		return;
	}
}

/* xorshift32: cheap, and the same sequence on every machine. */
u32
sim_random(struct sim_engine *eng)
{
	u32 x = eng->rng;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	eng->rng = x;
	return x;
}

/* ---- the event heap ---------------------------------------------------- */

static bool
sim_ev_before(const struct sim_event *a, const struct sim_event *b)
{
	return a->when < b->when || (a->when == b->when && a->seq < b->seq);
}

/*
 * The sifts move a hole instead of swapping: each step copies one event
 * up (or down) and the moving event is written once, where it stops.
 * The order events fire in is the order of (when, seq), which is unique,
 * whatever the heap's shape.
 */
static void
sim_heap_set(struct sim_engine *eng, int i, struct sim_event *ev)
{
	eng->heap[i] = ev;
	ev->heap_idx = i;
}

static void
sim_heap_up(struct sim_engine *eng, int i)
{
	struct sim_event *ev = eng->heap[i];

	while (i > 0) {
		int parent = (i - 1) / 2;

		if (!sim_ev_before(ev, eng->heap[parent]))
			break;
		sim_heap_set(eng, i, eng->heap[parent]);
		i = parent;
	}
	sim_heap_set(eng, i, ev);
}

static void
sim_heap_down(struct sim_engine *eng, int i)
{
	struct sim_event *ev = eng->heap[i];

	for (;;) {
		int c = 2 * i + 1;	/* the earlier child */

		if (c >= eng->heap_len)
			break;
		if (c + 1 < eng->heap_len && sim_ev_before(eng->heap[c + 1], eng->heap[c]))
			c++;
		if (!sim_ev_before(eng->heap[c], ev))
			break;
		sim_heap_set(eng, i, eng->heap[c]);
		i = c;
	}
	sim_heap_set(eng, i, ev);
}

void
sim_event_init(struct sim_event *ev, const char *name,
	       void (*fn)(struct sim_event *ev))
{
	ev->when = 0;
	ev->seq = 0;
	ev->heap_idx = -1;
	ev->fn = fn;
	ev->name = name;
}

void
sim_event_cancel(struct sim_engine *eng, struct sim_event *ev)
{
	int i = ev->heap_idx;

	if (i < 0)
		return;
	eng->heap_len--;
	if (i != eng->heap_len) {
		sim_heap_set(eng, i, eng->heap[eng->heap_len]);
		sim_heap_down(eng, i);
		sim_heap_up(eng, i);
	}
	ev->heap_idx = -1;
}

/* An event already pending is moved; the past is clamped to now. */
void
sim_event_schedule(struct sim_engine *eng, struct sim_event *ev, ktime_t when)
{
	sim_event_cancel(eng, ev);
	if (eng->heap_len == eng->heap_cap) {
		int cap = eng->heap_cap ? eng->heap_cap * 2 : 64;
		struct sim_event **h = realloc(eng->heap, cap * sizeof(*h));

		if (!h)
			abort();	/* out of memory: nothing sane to do */
		eng->heap = h;
		eng->heap_cap = cap;
	}
	ev->when = when < eng->now ? eng->now : when;
	ev->seq = eng->next_seq++;
	ev->heap_idx = eng->heap_len;
	eng->heap[eng->heap_len++] = ev;
	sim_heap_up(eng, ev->heap_idx);
}

static void
sim_run_all_softirqs(struct sim_engine *eng)
{
	for (int i = 0; i < eng->ncpus; i++)
		if (eng->cpus[i]->softirq_pending)
			do_softirq(eng->cpus[i]);
}

/* Fire the earliest event, whatever the wall clock says. */
static bool
sim_fire_next(struct sim_engine *eng)
{
	struct sim_event *ev;

	if (!eng->heap_len)
		return false;
	ev = eng->heap[0];
	sim_event_cancel(eng, ev);
	eng->now = ev->when;
	eng->events_run++;
	ev->fn(ev);
	sim_run_all_softirqs(eng);
	return true;
}

/* ---- wall-clock mode (the TAP wire) ------------------------------------- */

static ktime_t
sim_monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ktime_t)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

void
sim_engine_set_wall(struct sim_engine *eng, struct sim_wall *wall)
{
	if (wall) {
		wall->origin = sim_monotonic_ns() - eng->now;
		if (!wall->idle_ns)
			wall->idle_ns = SIM_WALL_IDLE_NS;
	}
	eng->wall = wall;
}

ktime_t
sim_wall_now(const struct sim_engine *eng)
{
	if (!eng->wall)
		return eng->now;
	return sim_monotonic_ns() - eng->wall->origin;
}

/*
 * Sleep until @deadline (virtual ns) or until the wall's fd is readable,
 * whichever comes first.  Data on the fd is handed to readable() at the
 * current time: no event is due before it (the caller only sleeps when
 * the earliest event lies in the future), so the clock never goes back.
 */
static void
sim_wall_wait(struct sim_engine *eng, ktime_t deadline)
{
	struct sim_wall *wall = eng->wall;
	ktime_t now = sim_wall_now(eng);
	ktime_t left = deadline > now ? deadline - now : 0;
	struct timespec ts = { .tv_sec = left / NSEC_PER_SEC, .tv_nsec = left % NSEC_PER_SEC };
	struct pollfd pfd = { .fd = wall->fd, .events = POLLIN };
	int n;

	wall->sleeps++;
	n = ppoll(&pfd, wall->fd >= 0 ? 1 : 0, &ts, NULL);
	if (n <= 0 || !(pfd.revents & (POLLIN | POLLERR | POLLHUP)))
		return;		/* timeout or a signal: the caller re-checks */
	wall->wakeups++;
	now = sim_wall_now(eng);
	if (eng->heap_len && eng->heap[0]->when < now)
		now = eng->heap[0]->when;
	if (now > eng->now)
		eng->now = now;
	wall->readable(wall->arg);
	sim_run_all_softirqs(eng);
}

/* Fire the earliest event once the wall clock has reached it. */
static bool
sim_wall_run_one(struct sim_engine *eng)
{
	/* Look at the fd now and then even when events are due back to back. */
	if ((eng->events_run & 63) == 63)
		sim_wall_wait(eng, 0);
	while (eng->heap_len && sim_wall_now(eng) < eng->heap[0]->when)
		sim_wall_wait(eng, eng->heap[0]->when);
	return sim_fire_next(eng);
}

static int
sim_wall_run(struct sim_engine *eng, ktime_t until, u64 max_events)
{
	u64 n = 0;

	sim_run_all_softirqs(eng);
	for (;;) {
		ktime_t now = sim_wall_now(eng);
		ktime_t deadline;

		if (eng->heap_len && eng->heap[0]->when <= now &&
		    (!until || eng->heap[0]->when <= until)) {
			if (n++ >= max_events)
				return -EAGAIN;
			sim_wall_run_one(eng);
			continue;
		}
		if (until && now >= until) {
			if (eng->now < until)
				eng->now = until;
			return 0;
		}
		if (!until && (!eng->heap_len || eng->heap[0]->when > now + eng->wall->idle_ns))
			return 0;
		deadline = eng->heap_len ? eng->heap[0]->when : until;
		if (until && until < deadline)
			deadline = until;
		sim_wall_wait(eng, deadline);
	}
}

bool
sim_run_one(struct sim_engine *eng)
{
	/*
	 * What a process raised and did not run (the SYN a connect sent to
	 * lo sits on the backlog) runs before the clock moves on: in 3.10 it
	 * ran at the local_bh_enable that ended the send.
	 */
	for (int i = 0; i < eng->ncpus; i++) {
		if (eng->cpus[i]->softirq_pending) {
			sim_run_all_softirqs(eng);
			return true;
		}
	}
	if (eng->wall)
		return sim_wall_run_one(eng);
	return sim_fire_next(eng);
}

int
sim_run(struct sim_engine *eng, ktime_t until, u64 max_events)
{
	u64 n = 0;

	if (eng->wall)
		return sim_wall_run(eng, until, max_events);
	sim_run_all_softirqs(eng);
	while (eng->heap_len) {
		if (until && eng->heap[0]->when > until) {
			eng->now = until;
			return 0;
		}
		if (n++ >= max_events)
			return -EAGAIN;
		sim_run_one(eng);
	}
	if (until && eng->now < until)
		eng->now = until;
	return 0;
}

/* ---- softirqs ------------------------------------------------------------ */

void
open_softirq(struct sim_cpu *cpu, int nr, void (*action)(struct sim_cpu *cpu))
{
	cpu->softirq_vec[nr] = action;
}

void
raise_softirq(struct sim_cpu *cpu, unsigned int nr)
{
	trace_raise_softirq(cpu, nr);
	cpu->softirq_pending |= 1UL << nr;
}

/*
 * __do_softirq: take the pending mask, clear it, run each handler in
 * number order; handlers may raise more, so restart a bounded number of
 * times.  What is still pending afterwards waits for the next engine
 * turn (where the kernel would wake ksoftirqd).
 */
void
do_softirq(struct sim_cpu *cpu)
{
	int restart = MAX_SOFTIRQ_RESTART;

	if (cpu->in_irq || cpu->in_softirq)
		return;		/* runs on the way out, as irq_exit() */
	cpu->in_softirq++;
	while (cpu->softirq_pending && restart--) {
		unsigned long pending = cpu->softirq_pending;

		cpu->softirq_pending = 0;
		for (int nr = 0; nr < NR_SOFTIRQS; nr++) {
			if (!(pending & (1UL << nr)))
				continue;
			cpu->softirq_count[nr]++;
			if (cpu->softirq_vec[nr])
				cpu->softirq_vec[nr](cpu);
		}
	}
	cpu->in_softirq--;
}

/*
 * local_bh_enable - the end of a section that ran with softirqs off: in
 * process context the softirqs raised meanwhile (NET_RX for a packet
 * sent to lo) run now, before the caller carries on; in a softirq or an
 * interrupt they run on its way out, as before.  3.10 gets here from the
 * rcu_read_unlock_bh() that ends dev_queue_xmit; netstep from the end of
 * sock_sendmsg (layers/socket.c says why).
 * NOTE: no tracepoint: what it runs shows.
 */
void
local_bh_enable(struct sim_cpu *cpu)
{
	if (!cpu->in_irq && !cpu->in_softirq && cpu->softirq_pending)
		do_softirq(cpu);
}

/* ---- hard interrupts ------------------------------------------------------ */

int
request_irq(struct sim_cpu *cpu, unsigned int irq, irq_handler_t handler,
	    const char *name, void *dev_id)
{
	struct irqaction *a;

	if (irq >= SIM_MAX_IRQS)
		return -EINVAL;
	a = &cpu->irq[irq];
	if (a->handler)
		return -EBUSY;
	a->handler = handler;
	a->dev_id = dev_id;
	a->count = 0;
	strncpy(a->name, name, sizeof(a->name) - 1);
	return 0;
}

void
free_irq(struct sim_cpu *cpu, unsigned int irq, void *dev_id)
{
	if (irq < SIM_MAX_IRQS && cpu->irq[irq].dev_id == dev_id)
		memset(&cpu->irq[irq], 0, sizeof(cpu->irq[irq]));
}

void
generic_handle_irq(struct sim_cpu *cpu, unsigned int irq)
{
	struct irqaction *a;

	if (irq >= SIM_MAX_IRQS || !cpu->irq[irq].handler)
		return;		/* spurious: nobody asked for this vector */
	a = &cpu->irq[irq];
	a->count++;
	cpu->in_irq++;
	a->handler(irq, a->dev_id);
	cpu->in_irq--;
	do_softirq(cpu);	/* irq_exit() */
}

/* ---- timers ---------------------------------------------------------------- */

static void
sim_timer_fire(struct sim_event *ev)
{
	struct timer_list *t = container_of(ev, struct timer_list, ev);
	struct sim_cpu *cpu = t->cpu;	/* the handler may free its own timer */

	/* KERNEL: run_timer_softirq runs expired timers from TIMER_SOFTIRQ. */
	cpu->softirq_count[TIMER_SOFTIRQ]++;
	cpu->in_softirq++;
	t->function(t->data);
	cpu->in_softirq--;
}

void
setup_timer(struct sim_cpu *cpu, struct timer_list *t,
	    void (*function)(unsigned long), unsigned long data)
{
	sim_event_init(&t->ev, "timer", sim_timer_fire);
	t->function = function;
	t->data = data;
	t->cpu = cpu;
	t->expires = 0;
}

/* Returns 1 if the timer was pending (and is now moved), as the kernel. */
int
mod_timer(struct timer_list *t, unsigned long expires)
{
	int was = timer_pending(t);

	t->expires = expires;
	sim_event_schedule(t->cpu->eng, &t->ev,
			   (ktime_t)expires * (NSEC_PER_SEC / HZ));
	return was;
}

int
del_timer(struct timer_list *t)
{
	int was = timer_pending(t);

	if (t->cpu)
		sim_event_cancel(t->cpu->eng, &t->ev);
	return was;
}

static void
sim_hrtimer_fire(struct sim_event *ev)
{
	struct hrtimer *t = container_of(ev, struct hrtimer, ev);
	struct sim_cpu *cpu = t->cpu;	/* the handler may free its own timer */

	/* KERNEL: with high-resolution timers on, hrtimer_interrupt runs an
	 * expired callback in hard-IRQ context (HRTIMER_SOFTIRQ only catches
	 * a timer started already expired), so /proc/softirqs does not
	 * count it; what the callback raised runs on the way out. */
	cpu->in_irq++;
	t->function(t);
	cpu->in_irq--;
	do_softirq(cpu);	/* irq_exit() */
}

void
hrtimer_init(struct sim_cpu *cpu, struct hrtimer *t,
	     enum hrtimer_restart (*function)(struct hrtimer *))
{
	sim_event_init(&t->ev, "hrtimer", sim_hrtimer_fire);
	t->function = function;
	t->cpu = cpu;
}

void
hrtimer_start(struct hrtimer *t, ktime_t expires_abs)
{
	sim_event_schedule(t->cpu->eng, &t->ev, expires_abs);
}

int
hrtimer_cancel(struct hrtimer *t)
{
	int was = sim_event_pending(&t->ev);

	if (t->cpu)
		sim_event_cancel(t->cpu->eng, &t->ev);
	return was;
}
