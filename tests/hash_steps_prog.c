/*
 * tests/hash_steps_prog.c - a program for tests/hash_steps.sh to trace.
 *
 *   hash_steps_prog CALLS BYTES
 *
 * Hashes CALLS buffers of BYTES each through EVP_DigestUpdate (SHA-256,
 * as the sink of sim/app.c does) and prints one JSON line, as bench_sim
 * does, for bench/hash_steps to count the instructions of those calls.
 */
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(int argc, char **argv)
{
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len;
	long calls, bytes;
	char *end1, *end2;
	unsigned char *buf;

	if (argc != 3)
		return 2;
	calls = strtol(argv[1], &end1, 10);
	bytes = strtol(argv[2], &end2, 10);
	if (*end1 || *end2 || calls < 0 || calls > 1000 || bytes < 0 || bytes > 1 << 20) {
		fprintf(stderr, "usage: hash_steps_prog CALLS BYTES\n");
		return 2;
	}
	buf = malloc((size_t)bytes + 1);
	if (!c || !buf || !EVP_DigestInit_ex(c, EVP_sha256(), NULL))
		return 1;
	memset(buf, 0x5a, (size_t)bytes + 1);
	for (long i = 0; i < calls; i++)
		if (!EVP_DigestUpdate(c, buf, (size_t)bytes))
			return 1;
	if (!EVP_DigestFinal_ex(c, md, &len))
		return 1;
	printf("{\"calls\":%ld,\"bytes\":%ld,\"first\":%u}\n", calls, bytes, md[0]);
	EVP_MD_CTX_free(c);
	free(buf);
	return 0;
}
