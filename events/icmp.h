/*
 * events/icmp.h - tracepoints of ICMP and the ping socket: layers/icmp.c, ping.c.
 * See kernel/trace_event.h for the syntax.
 */
#if !defined(NETSTEP_EVENTS_ICMP_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_ICMP_H

#undef TRACE_SYSTEM
#define TRACE_SYSTEM icmp

#include "kernel/trace_event.h"

#endif
