/* SHA-1 against the FIPS 180 test vectors; UUID v5 against known values. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "sha1.h"
#include "uuid.h"

static void hex_of(const void *p, size_t n, char out[41]) {
  unsigned char d[A2B_SHA1_SIZE];
  a2b_sha1_digest(p, n, d);
  a2b_sha1_hex(d, out);
}

static void test_fips_vectors(void **state) {
  (void)state;
  char hex[41];
  hex_of("abc", 3, hex);
  assert_string_equal(hex, "a9993e364706816aba3e25717850c26c9cd0d89d");
  hex_of("", 0, hex);
  assert_string_equal(hex, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  const char *m2 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"; /* 448 bits */
  hex_of(m2, strlen(m2), hex);
  assert_string_equal(hex, "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  const char *m3 =
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
      "klmnopqrlmnopqrsmnopqrstnopqrstu"; /* 896 bits */
  hex_of(m3, strlen(m3), hex);
  assert_string_equal(hex, "a49b2446a02c645bf419f995b67091253a04a259");
}

/* One million 'a', fed in uneven pieces so every buffering path runs. */
static void test_million_a_incremental(void **state) {
  (void)state;
  static char a[1000000];
  memset(a, 'a', sizeof a);
  a2b_sha1 s;
  a2b_sha1_init(&s);
  size_t off = 0, step = 1;
  while (off < sizeof a) {
    size_t n = step < sizeof a - off ? step : sizeof a - off;
    a2b_sha1_update(&s, a + off, n);
    off += n;
    step = step * 7 % 131 + 1;
  }
  unsigned char d[A2B_SHA1_SIZE];
  char hex[41];
  a2b_sha1_final(&s, d);
  a2b_sha1_hex(d, hex);
  assert_string_equal(hex, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
  hex_of(a, sizeof a, hex);
  assert_string_equal(hex, "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

/* Lengths at the 55/56/64-byte padding boundaries (one or two final blocks). */
static void test_padding_boundaries(void **state) {
  (void)state;
  char buf[64];
  memset(buf, 'x', sizeof buf);
  /* sha1("x" * 55), sha1("x" * 56), sha1("x" * 64) computed with Python's hashlib */
  char hex[41];
  hex_of(buf, 55, hex);
  assert_string_equal(hex, "cef734ba81a024479e09eb5a75b6ddae62e6abf1");
  hex_of(buf, 56, hex);
  assert_string_equal(hex, "901305367c259952f4e7af8323f480d59f81335b");
  hex_of(buf, 64, hex);
  assert_string_equal(hex, "bb2fa3ee7afb9f54c6dfb5d021f14b1ffe40c163");
}

static void test_uuid5(void **state) {
  (void)state;
  char u[A2B_UUID_STRLEN + 1];
  a2b_uuid5(A2B_UUID_NAMESPACE_DNS, "python.org", 10, u);
  assert_string_equal(u, "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  a2b_uuid5(A2B_UUID_NAMESPACE_DNS, "", 0, u);
  assert_string_equal(u, "4ebd0208-8328-5d69-8c44-ec50939c0967");
  const char *url = "https://example.com/书";
  a2b_uuid5(A2B_UUID_NAMESPACE_URL, url, strlen(url), u);
  assert_string_equal(u, "1f319129-de19-5353-a16b-36a9ce27dbb6");
  assert_int_equal(strlen(u), A2B_UUID_STRLEN);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fips_vectors),
      cmocka_unit_test(test_million_a_incremental),
      cmocka_unit_test(test_padding_boundaries),
      cmocka_unit_test(test_uuid5),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
