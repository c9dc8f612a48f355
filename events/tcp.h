/*
 * events/tcp.h - tracepoints of TCP: layers/tcp*.c (net/ipv4/tcp*.c).
 * See kernel/trace_event.h for the syntax.
 */
#if !defined(NETSTEP_EVENTS_TCP_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_TCP_H

#undef TRACE_SYSTEM
#define TRACE_SYSTEM tcp

#include "kernel/trace_event.h"

#endif
