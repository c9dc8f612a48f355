/*
 * fuzz/fuzz_lesson.c - libFuzzer harness: the lesson file parser
 * (sim/lesson.h), fed arbitrary text as if a teacher had written it.
 *
 * No kernel counterpart: this is the test bench.  Each input is parsed
 * with lesson_parse(); a file it accepts is walked step by step, every
 * `expect` source is evaluated once on a fresh world (it reads the model,
 * no time passes), then freed.  A file it refuses must come with its one
 * "FILE:LINE: problem" line.  The lessons' `$ command` steps are not run
 * here: fuzz_console covers the console.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/topology.h"
#include "sim/lesson.h"

#define FUZZ_LESSON_MAX	16384

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[LESSON_ERR_MAX];
	const struct lesson_step *s;
	struct lesson *l;
	char *text;
	bool has_expect = false;

	if (size > FUZZ_LESSON_MAX)
		return 0;
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	err[0] = '\0';
	l = lesson_parse("fuzz.lesson", text, err, sizeof(err));
	free(text);
	if (!l) {
		if (!err[0] || strlen(err) >= sizeof(err))
			abort();	/* a refusal must say why */
		return 0;
	}
	while ((s = lesson_next(l)))
		if (s->kind == LESSON_EXPECT && s->text)
			has_expect = true;
	if (has_expect) {
		struct sim_world w;
		struct lesson_run *r;

		if (sim_world_create(&w, 1))
			abort();
		r = lesson_run_create(l, &w, NULL);
		lesson_rewind(l);
		while (r && (s = lesson_next(l)))
			if (s->kind == LESSON_EXPECT && s->text)
				lesson_run_eval(r, s->text);
		if (r)
			lesson_run_destroy(r);
		sim_world_destroy(&w);
		if (sim_skb_ledger_live(&w.ledger, stderr))
			abort();
	}
	lesson_free(l);
	return 0;
}
