/*
 * events/igb.h - tracepoints of the igb driver: nic/igb_main.c, igb_ethtool.c (drivers/net/ethernet/intel/igb/).
 * See kernel/trace_event.h for the syntax.
 */
#if !defined(NETSTEP_EVENTS_IGB_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_IGB_H

#undef TRACE_SYSTEM
#define TRACE_SYSTEM igb

#include "kernel/trace_event.h"

#endif
