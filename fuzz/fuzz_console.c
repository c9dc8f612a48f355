/*
 * fuzz/fuzz_console.c - libFuzzer harness: the console command parser,
 * fed whatever a student might type (console_run_script on a world).
 *
 * No kernel counterpart: this is the test bench.  Input: byte 0 picks the
 * mode, the rest is the script text.
 *   even  dry run: every command is parsed and checked on the scratch
 *         world, then applied with no time passing (what `-e` checking
 *         does), so tool argument parsing and validation run in full;
 *   odd   a real run, for scripts whose numbers stay small (no run of
 *         three digits or more: counts, sizes and durations stay tiny, so
 *         a legitimate long job is not mistaken for a hang), that read
 *         no file (no '@') and write none (no tcpdump with a 'w' anywhere:
 *         -w FILE would write wherever the input says).
 * Any skb alive after teardown aborts (a leak is a finding).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/topology.h"
#include "sim/console.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Small numbers only, no "@FILE" (send reads any file it is given), no
 * tcpdump that might write one (-w FILE, -nw FILE ...). */
static bool
fuzz_console_tame(const char *s)
{
	int digits = 0;

	if (strstr(s, "tcpdump") && strchr(s, 'w'))
		return false;

	for (; *s; s++) {
		if (*s == '@')
			return false;
		digits = (*s >= '0' && *s <= '9') ? digits + 1 : 0;
		if (digits >= 3)
			return false;
	}
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct sim_world w;
	struct sim_console con;
	char *script;
	bool real;

	if (size < 1 || size > 2048)
		return 0;
	if (!devnull)
		devnull = fopen("/dev/null", "w");
	script = malloc(size);
	if (!script)
		return 0;
	memcpy(script, data + 1, size - 1);
	script[size - 1] = '\0';
	real = (data[0] & 1) && fuzz_console_tame(script);
	if (sim_world_create(&w, 1))
		abort();
	console_init(&con, &w, devnull, devnull);
	con.dry = !real;
	console_run_script(&con, script);
	sim_world_destroy(&w);
	free(script);
	if (sim_skb_ledger_live(&w.ledger, stderr)) {
		fprintf(stderr, "fuzz_console: skb leaked\n");
		abort();
	}
	return 0;
}
