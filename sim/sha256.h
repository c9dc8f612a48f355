/*
 * sim/sha256.h - SHA-256 [FIPS 180-4], so a test can prove that a byte
 * stream crossed the simulated wire intact.
 *
 * No kernel counterpart (the kernel's crypto/sha256_generic.c is not on
 * the network path).  Written from the standard's description.
 */
#ifndef NETSTEP_SIM_SHA256_H
#define NETSTEP_SIM_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_SIZE	32
#define SHA256_BLOCK_SIZE	64

struct sim_sha256 {
	uint32_t h[8];			/* the running hash value H(i) */
	uint64_t len;			/* message bytes so far */
	uint8_t buf[SHA256_BLOCK_SIZE];	/* a partial block */
	size_t nbuf;			/* bytes in buf */
};

void sim_sha256_init(struct sim_sha256 *c);
void sim_sha256_update(struct sim_sha256 *c, const void *data, size_t len);
void sim_sha256_final(struct sim_sha256 *c, uint8_t out[SHA256_DIGEST_SIZE]);
/* The digest of what was hashed so far as 64 hex digits (c unchanged). */
void sim_sha256_hex(const struct sim_sha256 *c, char hex[2 * SHA256_DIGEST_SIZE + 1]);

#endif
