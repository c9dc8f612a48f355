/*
 * kernel/sha1.c - the SHA-1 compression function [FIPS 180-4 6.1.2].
 *
 * Mirrors lib/sha1.c (Linux 3.10): sha_transform folds one 64-byte
 * block (read as sixteen big-endian words) into @digest; @W is the
 * caller's 16-word message schedule, used as a ring of the last 16
 * words.  The kernel uses it raw, without SHA-1's padding, as a keyed
 * mixing function: syncookies.c seeds the digest with a secret.
 *
 * KERNEL: the kernel unrolls the 80 rounds into macros; this loop does
 * the same arithmetic.  No trace event: it is called per SYN cookie,
 * the event of its caller says enough.
 */
#include "kernel/cryptohash.h"

static inline u32
rol32(u32 w, unsigned int s)
{
	return (w << s) | (w >> (32 - s));
}

void
sha_transform(u32 *digest, const u8 *data, u32 *W)
{
	u32 a = digest[0], b = digest[1], c = digest[2], d = digest[3], e = digest[4];

	for (int t = 0; t < 80; t++) {
		u32 f, k, w, tmp;

		if (t < 16) {
			const u8 *p = data + 4 * t;

			w = (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
		} else {
			/* W[t] = ROTL1(W[t-3] ^ W[t-8] ^ W[t-14] ^ W[t-16]), in a ring of 16 */
			w = rol32(W[(t + 13) & 15] ^ W[(t + 8) & 15] ^ W[(t + 2) & 15] ^ W[t & 15], 1);
		}
		W[t & 15] = w;
		if (t < 20) {
			f = (b & c) | (~b & d);
			k = 0x5a827999;
		} else if (t < 40) {
			f = b ^ c ^ d;
			k = 0x6ed9eba1;
		} else if (t < 60) {
			f = (b & c) | (b & d) | (c & d);
			k = 0x8f1bbcdc;
		} else {
			f = b ^ c ^ d;
			k = 0xca62c1d6;
		}
		tmp = rol32(a, 5) + f + e + k + w;
		e = d;
		d = c;
		c = rol32(b, 30);
		b = a;
		a = tmp;
	}
	digest[0] += a;
	digest[1] += b;
	digest[2] += c;
	digest[3] += d;
	digest[4] += e;
}

/* sha_init - SHA-1's initial hash value [FIPS 180-4 5.3.1]. */
void
sha_init(u32 *buf)
{
	buf[0] = 0x67452301;
	buf[1] = 0xefcdab89;
	buf[2] = 0x98badcfe;
	buf[3] = 0x10325476;
	buf[4] = 0xc3d2e1f0;
}
