/*
 * sim/task.h - the process model: a system call that would block.
 *
 * No kernel counterpart as such; it stands in for the scheduler and the
 * socket wait queue (sk_sleep(sk), wait_event_interruptible, the
 * sk_stream_wait_memory / inet_wait_for_connect / sk_wait_data loops).
 *
 * In the kernel a process calling send() with a full send buffer sleeps
 * inside tcp_sendmsg until an ACK frees room, then carries on from where
 * it stopped.  netstep's protocols never block: they return what they
 * could do (or -EAGAIN, -EINPROGRESS).  A console command that would
 * block becomes a task: it records what is left, sleeps on the socket,
 * and the socket's wake-ups (sk_state_change, sk_write_space,
 * sk_data_ready) put it back on the run queue; when it runs it re-enters
 * the system call with the rest, so the trace shows sys_sendto ->
 * sock_sendmsg -> ... -> tcp_sendmsg once per wake-up.
 *
 * A task runs from an engine event at the time of the wake-up, not from
 * inside the wake-up (that is softirq context, deep in tcp_v4_rcv).
 * Foreground tasks (the console's commands) make the console wait;
 * daemon tasks (the server applications of sim/app.c) do not.  All are
 * freed at host teardown.
 */
#ifndef NETSTEP_SIM_TASK_H
#define NETSTEP_SIM_TASK_H

#include "kernel/engine.h"
#include <stdio.h>

struct net;
struct sock;
struct sim_task;

/*
 * Re-enter the blocked call.  Returns -EAGAIN to go back to sleep (after
 * sim_task_sleep_on() or sim_task_wait_chan() says on what), anything
 * else to finish with that result.
 */
typedef int (*sim_task_fn)(struct sim_task *t);

/* Wake-ups a task can sleep for (several may be or-ed). */
#define SIM_WAKE_STATE	0x1		/* sk_state_change */
#define SIM_WAKE_WRITE	0x2		/* sk_write_space */
#define SIM_WAKE_READ	0x4		/* sk_data_ready */
#define SIM_WAKE_ALL	0x7

#define SIM_TASK_MAX	256		/* per host: a runaway stops here */

struct sim_task {
	struct list_head list;		/* on net->tasks */
	struct net *net;		/* whose process it is */
	const char *comm;		/* "connect", "send", "tcp-sink" ... (kept for good:
					 * the trace's records point at it) */
	sim_task_fn fn;			/* re-enters the system call */
	void (*done)(struct sim_task *t, int rc);	/* finished (rc) */
	void (*destruct)(struct sim_task *t);	/* frees priv */
	void *priv;			/* the call's state: buffer, count ... */
	FILE *out, *err;		/* where the command prints */
	bool daemon;			/* a server app: the console does not wait */
	struct sock *sk;		/* sleeping on this socket, or NULL */
	unsigned int wake_mask;		/* SIM_WAKE_* it sleeps for */
	const void *chan;		/* or on this wait channel */
	struct sim_event ev;		/* the run queue: runs at wake time */
	unsigned long id;		/* what the socket's sk_user_data holds */
	unsigned long wakeups;		/* times it was woken */
	unsigned long runs;		/* times fn ran */
	/* The socket's callbacks before the task hooked them. */
	void (*saved_state_change)(struct sock *sk);
	void (*saved_data_ready)(struct sock *sk, int bytes);
	void (*saved_write_space)(struct sock *sk);
	void (*saved_error_report)(struct sock *sk);
};

void sim_tasks_init(struct net *net);
void sim_tasks_exit(struct net *net);	/* frees every task, done not called */

struct sim_task *sim_task_create(struct net *net, const char *comm, sim_task_fn fn,
				 void *priv, void (*destruct)(struct sim_task *t));
/*
 * Run the task's call once now.  If it finished, done() runs, the task
 * is freed and the result returned; if it sleeps, -EINPROGRESS (the task
 * lives on, owned by the host).
 */
int sim_task_start(struct sim_task *t);
/* From fn, before returning -EAGAIN: what to sleep on. */
void sim_task_sleep_on(struct sim_task *t, struct sock *sk, unsigned int mask);
void sim_task_wait_chan(struct sim_task *t, const void *chan);
/* A timeout ran out (poll's, a blocking call's): put @t on the run
 * queue whatever it sleeps on; its fn decides what the wake-up means. */
void sim_task_wake_up(struct sim_task *t);
/* Wake every task of @net sleeping on @chan. */
void sim_task_wake_chan(struct net *net, const void *chan);
/* The socket is going away: wake (and unhook) anyone sleeping on it. */
void sim_task_sock_gone(struct sock *sk);
/* Foreground tasks still sleeping on @net. */
int sim_task_pending(const struct net *net);
/* The world went idle with tasks asleep: finish them with -ETIMEDOUT. */
void sim_task_abort_all(struct net *net);
/* First non-zero status a finished foreground task left (then cleared). */
int sim_task_take_status(struct net *net);

#endif
