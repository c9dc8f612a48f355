/*
 * sim/task.c - blocked system calls as tasks woken by their socket.
 * See sim/task.h.
 *
 * No kernel counterpart as one file: it plays the scheduler and the
 * socket wait queue.  When a task sleeps on a socket it hooks the
 * socket's callbacks (sk_state_change, sk_data_ready, sk_write_space,
 * sk_error_report): each hook first runs the callback it replaced (the
 * default of layers/sock.c, which traces), then, if the task sleeps for
 * that event, schedules the task to run at the current virtual time.
 * The task re-enters its system call from that engine event, never from
 * inside the softirq that woke it, as a woken process runs later.
 *
 * Write-space wake-ups follow sk_stream_write_space's rule: a writer is
 * woken once a third of the send buffer is free again.
 *
 * Read before: layers/sock.c (the default callbacks).  Read after:
 * tools/sockets.c and sim/app.c (who creates tasks).
 */
#include "sim/task.h"
#include "events/sched.h"
#include "sim/host.h"
#include "layers/sock.h"
#include "kernel/trace.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char KSRC[] = "kernel/sched/wait.c";

void
sim_tasks_init(struct net *net)
{
	INIT_LIST_HEAD(&sim_host(net)->tasks);
	sim_host(net)->task_status = 0;
}

/*
 * The task sleeping on @sk, or NULL.  NOTE: sk_user_data holds the
 * task's id, not a pointer: a sock copied from a listener (a new
 * connection) carries the listener's sk_user_data and callbacks, and
 * must never lead to a task that has gone or sleeps elsewhere.
 */
static struct sim_task *
sk_task(const struct sock *sk)
{
	unsigned long id = (unsigned long)(uintptr_t)sk->sk_user_data;
	struct sim_task *t;

	if (!id)
		return NULL;
	list_for_each_entry(t, &sim_host(sock_net(sk))->tasks, list)
		if (t->id == id)
			return t->sk == sk ? t : NULL;
	return NULL;
}

/* Put the task on the run queue (once) at the current time. */
static void
sim_task_wake(struct sim_task *t, const char *why)
{
	struct net *net = t->net;

	if (sim_event_pending(&t->ev))
		return;
	trace_sim_task_wakeup(t->net, t->comm, why);
	t->wakeups++;
	sim_event_schedule(net->eng, &t->ev, net->eng->now);
}

/* The hooks: the sock's own callback first, then the wake-up. */
static void
sim_task_state_change(struct sock *sk)
{
	struct sim_task *t = sk_task(sk);

	if (!t) {
		sock_def_wakeup(sk);
		return;
	}
	t->saved_state_change(sk);
	if (t->wake_mask & SIM_WAKE_STATE)
		sim_task_wake(t, "state_change");
}

static void
sim_task_data_ready(struct sock *sk, int bytes)
{
	struct sim_task *t = sk_task(sk);

	if (!t) {
		sock_def_readable(sk, bytes);
		return;
	}
	t->saved_data_ready(sk, bytes);
	if (t->wake_mask & SIM_WAKE_READ)
		sim_task_wake(t, "data_ready");
}

static void
sim_task_write_space(struct sock *sk)
{
	struct sim_task *t = sk_task(sk);

	if (!t) {
		if (sk->sk_type == SOCK_STREAM)
			sk_stream_write_space(sk);
		else
			sock_def_write_space(sk);
		return;
	}
	t->saved_write_space(sk);
	/* sk_stream_write_space: only once a third of the buffer is free. */
	if ((t->wake_mask & SIM_WAKE_WRITE) &&
	    (sk->sk_type != SOCK_STREAM || sk_stream_wspace(sk) >= sk_stream_min_wspace(sk)))
		sim_task_wake(t, "write_space");
}

static void
sim_task_error_report(struct sock *sk)
{
	struct sim_task *t = sk_task(sk);

	if (!t) {
		sock_def_error_report(sk);
		return;
	}
	t->saved_error_report(sk);
	sim_task_wake(t, "error_report");
}

/* Give the socket its own callbacks back. */
static void
sim_task_unhook(struct sim_task *t)
{
	struct sock *sk = t->sk;

	if (!sk)
		return;
	sk->sk_state_change = t->saved_state_change;
	sk->sk_data_ready = t->saved_data_ready;
	sk->sk_write_space = t->saved_write_space;
	sk->sk_error_report = t->saved_error_report;
	sk->sk_user_data = NULL;
	t->sk = NULL;
	sock_put(sk);
}

/**
 * sim_task_sleep_on - the task will sleep on @sk for the wake-ups in
 * @mask (called from the task's fn before it returns -EAGAIN).  The task
 * holds a reference on the sock while it sleeps.
 */
void
sim_task_sleep_on(struct sim_task *t, struct sock *sk, unsigned int mask)
{
	t->wake_mask = mask;
	t->chan = NULL;
	if (t->sk == sk)
		return;
	sim_task_unhook(t);
	if (sk_task(sk)) {
		/* NOTE: one sleeper per socket; the newer one wins. */
		sim_task_unhook(sk_task(sk));
	}
	sock_hold(sk);
	t->sk = sk;
	/* A sock born of a hooked listener carries our hooks: save the
	 * defaults instead, so unhooking cannot loop back here. */
	t->saved_state_change = sk->sk_state_change == sim_task_state_change ?
				sock_def_wakeup : sk->sk_state_change;
	t->saved_data_ready = sk->sk_data_ready == sim_task_data_ready ?
			      sock_def_readable : sk->sk_data_ready;
	t->saved_write_space = sk->sk_write_space != sim_task_write_space ? sk->sk_write_space :
			       sk->sk_type == SOCK_STREAM ? sk_stream_write_space :
			       sock_def_write_space;
	t->saved_error_report = sk->sk_error_report == sim_task_error_report ?
				sock_def_error_report : sk->sk_error_report;
	sk->sk_user_data = (void *)(uintptr_t)t->id;
	sk->sk_state_change = sim_task_state_change;
	sk->sk_data_ready = sim_task_data_ready;
	sk->sk_write_space = sim_task_write_space;
	sk->sk_error_report = sim_task_error_report;
}

void
sim_task_wait_chan(struct sim_task *t, const void *chan)
{
	sim_task_unhook(t);
	t->wake_mask = 0;
	t->chan = chan;
}

void
sim_task_wake_up(struct sim_task *t)
{
	sim_task_wake(t, "timeout");
}

void
sim_task_wake_chan(struct net *net, const void *chan)
{
	struct sim_task *t;

	list_for_each_entry(t, &sim_host(net)->tasks, list)
		if (t->chan == chan)
			sim_task_wake(t, "chan");
}

/* The socket is being freed: its sleeper must let go of it. */
void
sim_task_sock_gone(struct sock *sk)
{
	struct sim_task *t = sk_task(sk);

	if (!t)
		return;
	sim_task_unhook(t);
	sim_task_wake(t, "sock_gone");
}

static void
sim_task_free(struct sim_task *t)
{
	sim_event_cancel(t->net->eng, &t->ev);
	sim_task_unhook(t);
	list_del_init(&t->list);
	if (t->destruct)
		t->destruct(t);
	free(t);
}

/* Finish: report, free. */
static void
sim_task_finish(struct sim_task *t, int rc)
{
	trace_sim_task_exit(t->net, t->comm, rc, t->runs);
	if (t->done)
		t->done(t, rc);
	sim_task_free(t);
}

/* Run the call once: 1 if it went back to sleep, else 0 and *rc. */
static int
sim_task_run(struct sim_task *t, int *rc)
{
	int ret;

	t->runs++;
	ret = t->fn(t);
	if (ret == -EAGAIN && (t->sk || t->chan))
		return 1;
	if (ret == -EAGAIN)
		ret = -EIO;	/* NOTE: asked to sleep on nothing: a bug; do not hang */
	*rc = ret;
	sim_task_finish(t, ret);
	return 0;
}

/* The engine event: the scheduler picked the woken task. */
static void
sim_task_event(struct sim_event *ev)
{
	struct sim_task *t = container_of(ev, struct sim_task, ev);
	int rc;

	sim_task_run(t, &rc);
}

/*
 * The name a task goes by, in a table that lives as long as the program:
 * the trace's records point at it (tp_str), and they outlive the task
 * (the UI's history writes them out later).  The names are few (one per
 * kind of command); past SIM_TASK_NAMES new ones share "task".
 */
#define SIM_TASK_NAMES	64
static const char *
sim_task_comm(const char *comm)
{
	static char names[SIM_TASK_NAMES][16];
	int i;

	for (i = 0; i < SIM_TASK_NAMES && names[i][0]; i++)
		if (!strncmp(names[i], comm, sizeof(names[i]) - 1))
			return names[i];
	if (i == SIM_TASK_NAMES)
		return "task";
	strncpy(names[i], comm, sizeof(names[i]) - 1);
	return names[i];
}

struct sim_task *
sim_task_create(struct net *net, const char *comm, sim_task_fn fn, void *priv,
		void (*destruct)(struct sim_task *t))
{
	struct sim_task *t;
	int n = 0;

	list_for_each_entry(t, &sim_host(net)->tasks, list)
		n++;
	if (n >= SIM_TASK_MAX)
		return NULL;
	t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->net = net;
	t->id = ++sim_host(net)->task_next_id;
	t->comm = sim_task_comm(comm);
	t->fn = fn;
	t->priv = priv;
	t->destruct = destruct;
	t->out = stdout;
	t->err = stderr;
	sim_event_init(&t->ev, "sim_task", sim_task_event);
	list_add_tail(&t->list, &sim_host(net)->tasks);
	return t;
}

int
sim_task_start(struct sim_task *t)
{
	int rc;

	/* If it finishes at once the task is freed: touch nothing after. */
	if (sim_task_run(t, &rc))
		return -EINPROGRESS;
	return rc;
}

int
sim_task_pending(const struct net *net)
{
	const struct sim_task *t;
	int n = 0;

	list_for_each_entry(t, &sim_host(net)->tasks, list)
		if (!t->daemon)
			n++;
	return n;
}

void
sim_task_abort_all(struct net *net)
{
	struct sim_task *t, *tmp;

	list_for_each_entry_safe(t, tmp, &sim_host(net)->tasks, list)
		if (!t->daemon)
			sim_task_finish(t, -ETIMEDOUT);
}

int
sim_task_take_status(struct net *net)
{
	int rc = sim_host(net)->task_status;

	sim_host(net)->task_status = 0;
	return rc;
}

void
sim_tasks_exit(struct net *net)
{
	struct sim_task *t, *tmp;

	if (!sim_host(net)->tasks.next)
		return;
	list_for_each_entry_safe(t, tmp, &sim_host(net)->tasks, list)
		sim_task_free(t);
}
