/*
 * fuzz/fuzz_packetdrill.c - libFuzzer harness: packetdrill scripts
 * (sim/packetdrill.h), fed arbitrary text as if someone had written one.
 *
 * No kernel counterpart: this is the test bench.  Each input is parsed
 * with pd_parse(); a refusal must come with its "fuzz.pkt:LINE: problem"
 * line.  A script it accepts has its options applied and its shell lines
 * checked; one that gets through is run on a fresh world for at most
 * FUZZ_PD_STEPS engine events (a failure must say why), and the world
 * must then free every skb, whatever line the script was at.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/packetdrill.h"

#define FUZZ_PD_MAX	16384		/* bytes of script */
#define FUZZ_PD_STEPS	200000		/* engine events a run may take */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Run @s bounded: abort on a failure with no report or a leaked skb. */
static void
fuzz_pd_run(const struct pd_script *s, const struct pd_config *c, FILE *out)
{
	struct pd_run *r = pd_run_create(s, c, 1, out);

	if (!r)
		abort();
	pd_run_start(r);
	for (int n = 0; n < FUZZ_PD_STEPS && pd_run_step(r) == PD_RUNNING; n++)
		;
	if (pd_run_status(r) == PD_FAILED && !pd_run_error(r)[0])
		abort();	/* a failure must say why */
	if (pd_run_leaked(r))
		abort();
	pd_run_destroy(r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[PD_ERR_MAX];
	struct pd_config c;
	struct pd_script *s;
	FILE *out;

	if (size > FUZZ_PD_MAX)
		return 0;
	err[0] = '\0';
	s = pd_parse("fuzz.pkt", (const char *)data, size, err, sizeof(err));
	if (!s) {
		if (strncmp(err, "fuzz.pkt", 8) || strchr(err, '\n'))
			abort();	/* a refusal must say where, in one line */
		return 0;
	}
	pd_config_default(&c);
	out = fopen("/dev/null", "w");
	if (!out)
		abort();
	if (!pd_script_options(s, &c, err, sizeof(err)) && !pd_check(s, &c, 1, err, sizeof(err)))
		fuzz_pd_run(s, &c, out);
	fclose(out);
	pd_free(s);
	return 0;
}
