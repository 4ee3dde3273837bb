/* Remote image references into URLs for libcurl and the cache key. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "fetchurl.h"

static void check(const char *ref, const char *want) {
  char *got = a2b_fetchurl_normalize(ref);
  if (!want) {
    if (got) fail_msg("'%s' gave '%s', expected NULL", ref, got);
    return;
  }
  if (!got) fail_msg("'%s' gave NULL, expected '%s'", ref, want);
  if (strcmp(got, want)) fail_msg("'%s' gave '%s', expected '%s'", ref, got, want);
  free(got);
}

static void test_forms(void **state) {
  (void)state;
  check("https://img.example.com/a.png", "https://img.example.com/a.png");
  check("HTTP://Example.com/A.PNG", "http://Example.com/A.PNG");
  check("//cdn.example.com/x/y.jpg?w=200", "https://cdn.example.com/x/y.jpg?w=200");
  check("\\\\cdn.example.com\\x\\y.jpg", "https://cdn.example.com/x/y.jpg");
  check("https://example.com/a.png#frag", "https://example.com/a.png");
  check("https://example.com#top", "https://example.com");
  check("https://example.com?q=1", "https://example.com?q=1");
}

static void test_escapes(void **state) {
  (void)state;
  /* Raw UTF-8 and spaces in the path (Chinese file names) are encoded;
   * existing escapes stay. */
  check("https://example.com/图 1.png", "https://example.com/%E5%9B%BE%201.png");
  check("https://example.com/a%20b.png", "https://example.com/a%20b.png");
  check("https://example.com/x?a=\"<{|}>\"^`",
        "https://example.com/x?a=%22%3C%7B%7C%7D%3E%22%5E%60");
  check("https://example.com/a\tb\x7f", "https://example.com/a%09b%7F");
  /* The host is kept as written. */
  check("https://例子.测试/a.png", "https://例子.测试/a.png");
}

static void test_refused(void **state) {
  (void)state;
  check("ftp://example.com/a.png", NULL);
  check("http:example.com/a.png", NULL);
  check("https:///a.png", NULL);
  check("//", NULL);
  check("///x", NULL);
  check("images/a.png", NULL);
  check("", NULL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_forms),
      cmocka_unit_test(test_escapes),
      cmocka_unit_test(test_refused),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
