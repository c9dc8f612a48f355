/*
 * events/irq.h - tracepoints of kernel/engine.c's interrupt and softirq
 * model (kernel/softirq.c; the kernel's own are in
 * include/trace/events/irq.h: softirq_raise, softirq_entry ...).
 * See kernel/trace_event.h for the syntax.
 */
#if !defined(NETSTEP_EVENTS_IRQ_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_IRQ_H

#undef TRACE_SYSTEM
#define TRACE_SYSTEM irq

#include "kernel/trace_event.h"

TRACE_EVENT(raise_softirq, "kernel/softirq.c", TP_NOT_INLINE,
	TP_PROTO(const struct sim_cpu *cpu, unsigned int nr),
	TP_HOST((const struct net *)cpu->owner),
	TP_SKB(NULL),
	TP_STRUCT(
		tp_u8(vec)
		tp_str(name)),
	TP_ASSIGN(
		__entry->vec = (u8)nr;
		__entry->name = softirq_to_name[nr];))
#define trace_raise_softirq(...) TP_FUNC(raise_softirq, __VA_ARGS__)

#endif
