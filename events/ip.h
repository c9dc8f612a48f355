/*
 * events/ip.h - tracepoints of IPv4: layers/ip_output.c, ip_input.c, ip_forward.c, ip_fragment.c.
 * See kernel/trace_event.h for the syntax.
 */
#if !defined(NETSTEP_EVENTS_IP_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_IP_H

#undef TRACE_SYSTEM
#define TRACE_SYSTEM ip

#include "kernel/trace_event.h"

#endif
