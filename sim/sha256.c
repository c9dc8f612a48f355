/*
 * sim/sha256.c - SHA-256 as FIPS 180-4 describes it, for the byte sinks
 * of sim/app.c and the tests.
 *
 * No kernel counterpart on the network path.  Written from the standard:
 * section 4.1.2 (the six logical functions), 4.2.2 (the 64 constants:
 * the first 32 bits of the fractional parts of the cube roots of the
 * first 64 primes), 5.1.1 (padding: a 1 bit, zeros, the 64-bit length),
 * 5.3.3 (the initial hash value: square roots of the first 8 primes) and
 * 6.2.2 (the message schedule and the 64 rounds).
 *
 * Read with sim/app.c.  Leaves out SHA-224 and bit-granular messages.
 */
#include "sim/sha256.h"

#include <stdio.h>
#include <string.h>

/* [FIPS 180-4 4.2.2] */
static const uint32_t sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* [FIPS 180-4 5.3.3] */
static const uint32_t sha256_h0[8] = {
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

static inline uint32_t
rotr(uint32_t x, unsigned int n)
{
	return (x >> n) | (x << (32 - n));
}

/* [FIPS 180-4 4.1.2] */
#define CH(x, y, z)	(((x) & (y)) ^ (~(x) & (z)))
#define MAJ(x, y, z)	(((x) & (y)) ^ ((x) & (z)) ^ ((y) & (z)))
#define BSIG0(x)	(rotr(x, 2) ^ rotr(x, 13) ^ rotr(x, 22))
#define BSIG1(x)	(rotr(x, 6) ^ rotr(x, 11) ^ rotr(x, 25))
#define SSIG0(x)	(rotr(x, 7) ^ rotr(x, 18) ^ ((x) >> 3))
#define SSIG1(x)	(rotr(x, 17) ^ rotr(x, 19) ^ ((x) >> 10))

/* One 512-bit block into the running hash [FIPS 180-4 6.2.2]. */
static void
sim_sha256_block(uint32_t h[8], const uint8_t *p)
{
	uint32_t w[64], v[8];

	for (int t = 0; t < 16; t++)
		w[t] = (uint32_t)p[4 * t] << 24 | (uint32_t)p[4 * t + 1] << 16 |
		       (uint32_t)p[4 * t + 2] << 8 | p[4 * t + 3];
	for (int t = 16; t < 64; t++)
		w[t] = SSIG1(w[t - 2]) + w[t - 7] + SSIG0(w[t - 15]) + w[t - 16];
	memcpy(v, h, sizeof(v));
	for (int t = 0; t < 64; t++) {
		/* v[0..7] are the working variables a..h.  NOTE: shifted one
		 * by one rather than with memmove(): a library call per round
		 * was a third of a bulk transfer's time (make bench). */
		uint32_t t1 = v[7] + BSIG1(v[4]) + CH(v[4], v[5], v[6]) + sha256_k[t] + w[t];
		uint32_t t2 = BSIG0(v[0]) + MAJ(v[0], v[1], v[2]);

		v[7] = v[6];
		v[6] = v[5];
		v[5] = v[4];
		v[4] = v[3] + t1;
		v[3] = v[2];
		v[2] = v[1];
		v[1] = v[0];
		v[0] = t1 + t2;
	}
	for (int i = 0; i < 8; i++)
		h[i] += v[i];
}

void
sim_sha256_init(struct sim_sha256 *c)
{
	memcpy(c->h, sha256_h0, sizeof(c->h));
	c->len = 0;
	c->nbuf = 0;
}

void
sim_sha256_update(struct sim_sha256 *c, const void *data, size_t len)
{
	const uint8_t *p = data;

	c->len += len;
	if (c->nbuf) {
		size_t n = SHA256_BLOCK_SIZE - c->nbuf;

		if (n > len)
			n = len;
		memcpy(c->buf + c->nbuf, p, n);
		c->nbuf += n;
		p += n;
		len -= n;
		if (c->nbuf < SHA256_BLOCK_SIZE)
			return;
		sim_sha256_block(c->h, c->buf);
		c->nbuf = 0;
	}
	for (; len >= SHA256_BLOCK_SIZE; p += SHA256_BLOCK_SIZE, len -= SHA256_BLOCK_SIZE)
		sim_sha256_block(c->h, p);
	memcpy(c->buf, p, len);
	c->nbuf = len;
}

/* Padding [FIPS 180-4 5.1.1]: 0x80, zeros to 56 mod 64, the bit length. */
void
sim_sha256_final(struct sim_sha256 *c, uint8_t out[SHA256_DIGEST_SIZE])
{
	uint64_t bits = c->len * 8;
	uint8_t pad[SHA256_BLOCK_SIZE + 8] = { 0x80 };
	size_t npad = (c->nbuf < 56 ? 56 : 120) - c->nbuf;

	for (int i = 0; i < 8; i++)
		pad[npad + i] = (uint8_t)(bits >> (56 - 8 * i));
	sim_sha256_update(c, pad, npad + 8);
	for (int i = 0; i < 8; i++) {
		out[4 * i] = (uint8_t)(c->h[i] >> 24);
		out[4 * i + 1] = (uint8_t)(c->h[i] >> 16);
		out[4 * i + 2] = (uint8_t)(c->h[i] >> 8);
		out[4 * i + 3] = (uint8_t)c->h[i];
	}
}

void
sim_sha256_hex(const struct sim_sha256 *c, char hex[2 * SHA256_DIGEST_SIZE + 1])
{
	struct sim_sha256 copy = *c;
	uint8_t d[SHA256_DIGEST_SIZE];

	sim_sha256_final(&copy, d);
	for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
}
