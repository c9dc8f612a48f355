/*
 * events/qdisc.h - tracepoints of the queueing disciplines, layers/sch_*.c (net/sched/).
 * See kernel/trace_event.h for the syntax.
 */
#if !defined(NETSTEP_EVENTS_QDISC_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_QDISC_H

#undef TRACE_SYSTEM
#define TRACE_SYSTEM qdisc

#include "kernel/trace_event.h"

#endif
