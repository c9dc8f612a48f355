/*
 * tests/check_main.c - the runner table: one Check suite per layer.
 *
 * CK_RUN_SUITE=route ./tests/check_netstep runs one suite;
 * CK_FORK=no runs in-process (for gdb).
 */
#include <check.h>
#include <stdlib.h>

Suite *engine_suite(void);
Suite *skbuff_suite(void);
Suite *slab_suite(void);
Suite *route_suite(void);
Suite *netfilter_suite(void);
Suite *neighbour_suite(void);
Suite *qdisc_suite(void);
Suite *ip_suite(void);
Suite *igb_suite(void);
Suite *console_suite(void);
Suite *pcapng_suite(void);
Suite *socket_suite(void);
Suite *udp_suite(void);
Suite *tcp_suite(void);
Suite *tcp_recovery_suite(void);
Suite *offload_suite(void);
Suite *igb_offload_suite(void);
Suite *gro_suite(void);
Suite *lesson_suite(void);
Suite *harden_suite(void);
Suite *trace_suite(void);
Suite *trace_format_suite(void);
Suite *ui_explain_suite(void);
Suite *tcpdump_suite(void);
Suite *ui_snap_suite(void);
Suite *packetdrill_suite(void);
Suite *tcp_cubic_suite(void);
Suite *loopback_suite(void);

static Suite *(*const suites[])(void) = {
	engine_suite,
	skbuff_suite,
	slab_suite,
	route_suite,
	netfilter_suite,
	neighbour_suite,
	qdisc_suite,
	ip_suite,
	igb_suite,
	console_suite,
	pcapng_suite,
	socket_suite,
	udp_suite,
	tcp_suite,
	tcp_recovery_suite,	/* SACK scoreboard, PRR, probes, undo */
	offload_suite,	/* features, GSO in software, UDP fragments */
	igb_offload_suite,	/* context descriptors, the card's TSO and sums */
	gro_suite,	/* RX half pages, GRO, what TCP makes of it */
	lesson_suite,
	harden_suite,	/* harden: bad input, floods */
	trace_suite,	/* every declared event and field, emitted */
	trace_format_suite,	/* fields and lines as text */
	ui_explain_suite,	/* the UI's line for every function run */
	tcpdump_suite,	/* the packet taps, the packet socket, the tcpdump command */
	ui_snap_suite,	/* the UI's recorder: stops, replay */
	packetdrill_suite,	/* sim/packetdrill*.c: parser, evaluator, runner */
	tcp_cubic_suite,	/* congestion control: CUBIC, HyStart, the host's list */
	loopback_suite,	/* lo, the backlog, local routes, raw sockets */
};

int main(void)
{
	SRunner *sr = srunner_create(NULL);
	int failed;

	for (size_t i = 0; i < sizeof(suites) / sizeof(suites[0]); i++)
		srunner_add_suite(sr, suites[i]());
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
