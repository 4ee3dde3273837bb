/* SHA-1 (FIPS 180-4) of byte buffers: for RFC 4122 version 5 UUIDs and
 * content hashes (naming and deduplicating resources). Not for security. */
#ifndef A2B_SHA1_H
#define A2B_SHA1_H

#include <stddef.h>
#include <stdint.h>

#define A2B_SHA1_SIZE 20

/* Incremental state; initialise with a2b_sha1_init before each use. */
typedef struct a2b_sha1 {
  uint32_t h[5];
  uint64_t len; /* bytes hashed so far */
  unsigned char block[64];
  size_t used; /* bytes waiting in `block` */
} a2b_sha1;

void a2b_sha1_init(a2b_sha1 *s);
/* Hash `n` more bytes; `p` may be NULL when n is 0. */
void a2b_sha1_update(a2b_sha1 *s, const void *p, size_t n);
/* Write the 20-byte digest to `out`; `s` must be re-initialised to reuse. */
void a2b_sha1_final(a2b_sha1 *s, unsigned char out[A2B_SHA1_SIZE]);

/* One-shot digest of data[0..n). */
void a2b_sha1_digest(const void *data, size_t n, unsigned char out[A2B_SHA1_SIZE]);
/* Lower-case hex of a digest into out (40 digits and a NUL). */
void a2b_sha1_hex(const unsigned char digest[A2B_SHA1_SIZE], char out[2 * A2B_SHA1_SIZE + 1]);

#endif
