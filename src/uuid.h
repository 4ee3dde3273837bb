/* RFC 4122 name-based UUIDs, version 5 (SHA-1). */
#ifndef A2B_UUID_H
#define A2B_UUID_H

#include <stddef.h>

#define A2B_UUID_STRLEN 36 /* "xxxxxxxx-xxxx-5xxx-yxxx-xxxxxxxxxxxx" without the NUL */

/* The RFC 4122 appendix C namespaces, as 16 raw bytes (network order). */
extern const unsigned char A2B_UUID_NAMESPACE_DNS[16];
extern const unsigned char A2B_UUID_NAMESPACE_URL[16];

/* The version 5 UUID of `name` (name_len bytes, any content) in namespace
 * `ns`, written to `out` in lower case with hyphens and a NUL. Never fails. */
void a2b_uuid5(const unsigned char ns[16], const void *name, size_t name_len,
               char out[A2B_UUID_STRLEN + 1]);

#endif
