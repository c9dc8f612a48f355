/*
 * events/netfilter.h - tracepoints of layers/netfilter.c (net/netfilter/core.c, net/ipv4/netfilter/).
 * See kernel/trace_event.h for the syntax.
 */
#if !defined(NETSTEP_EVENTS_NETFILTER_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_NETFILTER_H

#undef TRACE_SYSTEM
#define TRACE_SYSTEM netfilter

#include "kernel/trace_event.h"

#endif
