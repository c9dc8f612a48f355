/*
 * events/udp.h - tracepoints of layers/udp.c (net/ipv4/udp.c).
 * See kernel/trace_event.h for the syntax.
 */
#if !defined(NETSTEP_EVENTS_UDP_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_UDP_H

#undef TRACE_SYSTEM
#define TRACE_SYSTEM udp

#include "kernel/trace_event.h"

#endif
