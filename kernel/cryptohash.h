/*
 * kernel/cryptohash.h - the SHA-1 block function the kernel keeps for
 * its own hashes (SYN cookies use it, layers/syncookies.c).
 *
 * Mirrors include/linux/cryptohash.h (Linux 3.10): one 64-byte block
 * folded into a 5-word digest, with a 16-word scratch area from the
 * caller.  No padding, no length: callers that want a real SHA-1 of a
 * message do that themselves (sha_init gives the standard start).
 */
#ifndef NETSTEP_KERNEL_CRYPTOHASH_H
#define NETSTEP_KERNEL_CRYPTOHASH_H

#include "kernel/types.h"

#define SHA_DIGEST_WORDS	5
#define SHA_MESSAGE_BYTES	(512 / 8)
#define SHA_WORKSPACE_WORDS	16

void sha_init(u32 *buf);
void sha_transform(u32 *digest, const u8 *data, u32 *W);

#endif
