/*
 * events/sock.h - tracepoints of the socket layer: layers/socket.c, sock.c, af_inet.c.
 * See kernel/trace_event.h for the syntax.
 */
#if !defined(NETSTEP_EVENTS_SOCK_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_SOCK_H

#undef TRACE_SYSTEM
#define TRACE_SYSTEM sock

#include "kernel/trace_event.h"

#endif
