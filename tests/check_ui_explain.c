/*
 * tests/check_ui_explain.c - the UI's one line per function
 * (ui/ui_explain.c): every function the reference scenarios
 * (tests/fixture.h) and the lessons of lessons/ORDER run has one, and a
 * line chosen by the event's fields says what that event did.
 *
 * The scenarios run on the classroom world and each lesson through the
 * lesson runner, as --check runs it; a trace sink asks ui_explain about
 * every record it hears, so lines chosen by fields are asked with real
 * fields.
 */
#include "tests/fixture.h"
#include "events/all.h"
#include "sim/console.h"
#include "sim/lesson.h"
#include "ui/ui_snap.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#define CE_MAX_MISSING	512

/* The two ways a function whose line depends on its fields went. */
enum { CE_CLONE, CE_NO_CLONE, CE_RING_BUSY, CE_RING_OK, CE_ARP_REQUEST, CE_ARP_REPLY,
       CE_TSO, CE_NO_TSO, CE_CSUM, CE_NO_CSUM, CE_NWAYS };
static const char *const ce_way_says[CE_NWAYS] = {
	"clone_it=1", "clone_it=0", "NETDEV_TX_BUSY", "maps the skb", "ARP request", "ARP reply",
	"the card will cut", "no segmentation", "the card will insert", "summed this skb already",
};

/* What the sink heard. */
static struct {
	const struct trace_event_desc *missing[CE_MAX_MISSING];	/* functions without a line */
	int nmissing;
	unsigned long functions;	/* enter records asked about */
	unsigned long ways[CE_NWAYS];	/* records that went each way */
	const char *bad;		/* a line that contradicts its event */
} ce;

/* Which way @ev went, by its fields as the test reads them; -1: none of these. */
static int
ce_way(const struct trace_event *ev)
{
	const tp_data_tcp_transmit_skb *tx = TP_DATA(ev, tcp_transmit_skb);
	const tp_data_igb_xmit_frame_ring *ring = TP_DATA(ev, igb_xmit_frame_ring);
	const tp_data_arp_process *arp = TP_DATA(ev, arp_process);
	const tp_data_igb_tso *tso = TP_DATA(ev, igb_tso);
	const tp_data_igb_tx_csum *csum = TP_DATA(ev, igb_tx_csum);

	if (tx)
		return tx->clone_it ? CE_CLONE : CE_NO_CLONE;
	if (ring)	/* a descriptor per buffer, plus igb's 3 spare */
		return ring->unused < (ring->headlen + 32767) / 32768 + ring->frags + 3 ?
		       CE_RING_BUSY : CE_RING_OK;
	if (tso)
		return tso->gso_size && tso->ip_summed == CHECKSUM_PARTIAL ? CE_TSO : CE_NO_TSO;
	if (csum)
		return csum->ip_summed == CHECKSUM_PARTIAL ? CE_CSUM : CE_NO_CSUM;
	if (arp)
		return arp->op == 1 ? CE_ARP_REQUEST : CE_ARP_REPLY;
	return -1;
}

static void
ce_sink(void *arg, const struct trace_event *ev)
{
	const struct trace_event_desc *d = trace_rec_desc(&ev->rec);
	const char *line;
	int way;

	(void)arg;
	if (ev->rec.kind != TRACE_ENTER || !d)
		return;
	line = ui_explain(&ev->rec);
	ce.functions++;
	way = ce_way(ev);
	if (way >= 0) {
		ce.ways[way]++;
		if (!line || !strstr(line, ce_way_says[way]))
			ce.bad = line ? line : d->name;
	}
	if (line)
		return;
	for (int i = 0; i < ce.nmissing; i++)
		if (ce.missing[i] == d)
			return;
	if (ce.nmissing < CE_MAX_MISSING)
		ce.missing[ce.nmissing++] = d;
}

/* Fail naming every function heard without a line. */
static void
ce_assert_all_explained(const char *where)
{
	char names[2048];
	struct trace_buf b;

	trace_buf_init(&b, names, sizeof(names));
	for (int i = 0; i < ce.nmissing; i++)
		trace_buf_printf(&b, " %s", ce.missing[i]->name);
	ck_assert_msg(ce.functions > 0, "%s: no function was heard", where);
	ck_assert_msg(ce.nmissing == 0, "%s: %d function(s) without a line in ui/ui_explain.c:%s",
		      where, ce.nmissing, names);
}

START_TEST(test_reference_scenarios)
{
	memset(&ce, 0, sizeof(ce));
	for (size_t i = 0; i < fixture_nreference_scripts; i++) {
		struct fixture_capture cap;
		struct sim_console con;
		struct sim_world *w = fixture_world_open(&con, &cap, 1 + (u32)i);

		ck_assert_int_eq(trace_add_sink(&w->trace, ce_sink, &ce), 0);
		ck_assert_int_eq(fixture_console_run(&con, &cap, fixture_reference_scripts[i].script),
				 fixture_reference_scripts[i].status);
		/* The world's teardown is not the scenario (--trace stops before it). */
		trace_remove_sink(&w->trace, &ce);
		fixture_world_close(w, &cap);
	}
	ce_assert_all_explained("the reference scenarios");
	/* Each way ran (the data cloned, pure ACKs not; ARP asked and
	 * answered; igb only says BUSY if its queue was not stopped in time,
	 * which the full ring does not reach) and got the line saying so. */
	for (int i = 0; i < CE_NWAYS; i++)
		ck_assert_msg(ce.ways[i] > 0 || i == CE_RING_BUSY,
			      "no event went the way that says \"%s\"", ce_way_says[i]);
	ck_assert_msg(!ce.bad, "\"%s\" contradicts its event's fields", ce.bad);
}
END_TEST

/* Run the lesson at @path as --check does, with the sink listening. */
static void
ce_lesson(const char *path)
{
	const struct lesson_step *s;
	struct lesson_run *r;
	struct sim_world *w;
	struct lesson *l;

	ck_assert_msg(lesson_open_world(path, 1, stderr, &l, &w) == 0, "%s does not load", path);
	ck_assert_int_eq(trace_add_sink(&w->trace, ce_sink, &ce), 0);
	r = lesson_run_create(l, w, NULL);
	ck_assert_ptr_nonnull(r);
	while ((s = lesson_next(l)))
		ck_assert_msg(!lesson_run_step(r, s), "%s", lesson_run_error(r));
	ck_assert_msg(!lesson_run_finish(r), "%s", lesson_run_error(r));
	lesson_run_destroy(r);
	trace_mute(&w->trace);
	sim_world_destroy(w);
	ck_assert_int_eq(lesson_close_world(l, w, 0, stderr), 0);
}

START_TEST(test_lessons)
{
	FILE *order = fopen("lessons/ORDER", "r");
	char name[256], path[300];
	int n = 0;

	ck_assert_msg(order != NULL, "lessons/ORDER (run from the top of the tree)");
	memset(&ce, 0, sizeof(ce));
	while (fgets(name, sizeof(name), order)) {
		name[strcspn(name, "\r\n")] = '\0';
		if (!name[0] || name[0] == '#')
			continue;
		snprintf(path, sizeof(path), "lessons/%s", name);
		ce_lesson(path);
		n++;
	}
	fclose(order);
	ck_assert_int_gt(n, 0);
	ce_assert_all_explained("the lessons");
}
END_TEST

Suite *
ui_explain_suite(void)
{
	Suite *s = suite_create("ui_explain");

	fixture_add_tcase(s, "coverage", NULL, NULL, 120, (const TTest *const []){
		test_reference_scenarios,
		test_lessons,
		NULL,
	});
	return s;
}
