/*
 * events/sched.h - notes of sim/task.c: a blocked system call woken, a
 * task finished (with plain values: events/ does not look into sim/).
 * No kernel counterpart for the tasks themselves (see
 * sim/task.h); the wake-ups stand where the kernel's wait queues
 * (kernel/sched/wait.c) would wake a sleeping process.
 * See kernel/trace_event.h for the syntax.
 */
#if !defined(NETSTEP_EVENTS_SCHED_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_SCHED_H

#undef TRACE_SYSTEM
#define TRACE_SYSTEM sched

#include "kernel/trace_event.h"

TRACE_NOTE_EVENT(sim_task_wakeup, "kernel/sched/wait.c",
	TP_PROTO(const struct net *net, const char *comm, const char *why),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(wake)
		tp_str(task)),
	TP_ASSIGN(
		__entry->wake = why;
		__entry->task = comm;))
#define trace_sim_task_wakeup(...) TP_NOTE(sim_task_wakeup, __VA_ARGS__)

TRACE_NOTE_EVENT(sim_task_exit, "kernel/sched/wait.c",
	TP_PROTO(const struct net *net, const char *comm, int rc, unsigned long runs),
	TP_HOST(net),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_str(task)
		tp_s32(exit)
		tp_u64(runs)),
	TP_ASSIGN(
		__entry->task = comm;
		__entry->exit = rc;
		__entry->runs = runs;))
#define trace_sim_task_exit(...) TP_NOTE(sim_task_exit, __VA_ARGS__)

#endif
