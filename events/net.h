/*
 * events/net.h - tracepoints of layers/dev.c and layers/eth.c (net/core/dev.c, net/ethernet/eth.c).
 * See kernel/trace_event.h for the syntax.
 */
#if !defined(NETSTEP_EVENTS_NET_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_NET_H

#undef TRACE_SYSTEM
#define TRACE_SYSTEM net

#include "kernel/trace_event.h"

#endif
