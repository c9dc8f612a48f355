/*
 * fuzz/replay.c - run a fuzz harness on given files, without libFuzzer.
 *
 * No kernel counterpart: this is the test bench.  Linked with one of
 * fuzz/fuzz_*.c and the normal build (any C compiler, no clang needed),
 * it feeds each file named on the command line to the harness once, so
 * `make check` replays every input in fuzz/regressions/ that once made a
 * harness crash, hang or leak.  The harness aborts on a finding; a clean
 * replay exits 0.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		uint8_t *buf = NULL;
		size_t len = 0, cap = 0, n;

		if (!f) {
			perror(argv[i]);
			return 1;
		}
		do {
			if (len == cap) {
				uint8_t *nb = realloc(buf, cap = cap ? 2 * cap : 4096);

				if (!nb) {
					fclose(f);
					free(buf);
					return 1;
				}
				buf = nb;
			}
			n = fread(buf + len, 1, cap - len, f);
			len += n;
		} while (n);
		fclose(f);
		LLVMFuzzerTestOneInput(buf, len);
		free(buf);
		printf("replayed %s\n", argv[i]);
	}
	return 0;
}
