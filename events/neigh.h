/*
 * events/neigh.h - tracepoints of the neighbour subsystem and ARP: layers/neighbour.c, arp.c.
 * See kernel/trace_event.h for the syntax.
 */
#if !defined(NETSTEP_EVENTS_NEIGH_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_NEIGH_H

#undef TRACE_SYSTEM
#define TRACE_SYSTEM neigh

#include "kernel/trace_event.h"

#endif
