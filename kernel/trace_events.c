/*
 * kernel/trace_events.c - the descriptors of every declared event and
 * their table, made from the events/ headers (see kernel/trace_event.h).
 *
 * The headers are read three times here: once as everywhere else (the
 * structs), once to define each event's descriptor (tp_ev_<name>: name,
 * kernel file, inline flag, fields), once to list them all, so that the
 * UI can refuse a breakpoint on a function netstep does not trace and a
 * test can check that every declared field is emitted.
 */
#include "events/all.h"

#define TRACE_HEADER_MULTI_READ
#define TP_PASS_DESC
#include "events/all.h"
#undef TP_PASS_DESC

#define TP_PASS_TABLE
const struct trace_event_desc *const trace_events_all[] = {
#include "events/all.h"
};
#undef TP_PASS_TABLE

const unsigned int trace_events_count = ARRAY_SIZE(trace_events_all);
