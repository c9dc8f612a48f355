/*
 * events/card.h - tracepoints of the modelled 82576 card and its DMA: nic/sim_82576.c, nic/dma.c (no kernel counterpart: the hardware).
 * See kernel/trace_event.h for the syntax.
 */
#if !defined(NETSTEP_EVENTS_CARD_H) || defined(TRACE_HEADER_MULTI_READ)
#define NETSTEP_EVENTS_CARD_H

#undef TRACE_SYSTEM
#define TRACE_SYSTEM card

#include "kernel/trace_event.h"

#endif
