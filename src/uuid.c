#include "uuid.h"

#include "sha1.h"

const unsigned char A2B_UUID_NAMESPACE_DNS[16] = {0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
                                                  0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};
const unsigned char A2B_UUID_NAMESPACE_URL[16] = {0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
                                                  0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};

void a2b_uuid5(const unsigned char ns[16], const void *name, size_t name_len,
               char out[A2B_UUID_STRLEN + 1]) {
  static const char hex[] = "0123456789abcdef";
  unsigned char d[A2B_SHA1_SIZE];
  a2b_sha1 s;
  a2b_sha1_init(&s);
  a2b_sha1_update(&s, ns, 16);
  a2b_sha1_update(&s, name, name_len);
  a2b_sha1_final(&s, d);
  d[6] = (unsigned char)((d[6] & 0x0F) | 0x50); /* version 5 */
  d[8] = (unsigned char)((d[8] & 0x3F) | 0x80); /* RFC 4122 variant */
  char *o = out;
  for (int i = 0; i < 16; i++) {
    if (i == 4 || i == 6 || i == 8 || i == 10) *o++ = '-';
    *o++ = hex[d[i] >> 4];
    *o++ = hex[d[i] & 15];
  }
  *o = '\0';
}
