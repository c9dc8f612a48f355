/*
 * events/fib.h - tracepoints of routing: layers/route.c, fib_frontend.c, fib_trie.c (net/ipv4/).
 * See kernel/trace_event.h for the syntax.
 */
#if !defined(NETSTEP_EVENTS_FIB_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_FIB_H

#undef TRACE_SYSTEM
#define TRACE_SYSTEM fib

#include "kernel/trace_event.h"

#endif
