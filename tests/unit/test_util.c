/* Small shared helpers: UTF-8, paths and URLs, the string map, BCP 47. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "lang.h"
#include "strmap.h"
#include "urlpath.h"
#include "utf8.h"

static void test_utf8_sanitize(void **state) {
  (void)state;
  char ok[] = "中文 text";
  size_t len = strlen(ok);
  assert_ptr_equal(a2b_utf8_sanitize(ok, &len), ok);
  char bad[] = "a\xff" "b\xe4\xb8" "c\xed\xa0\x80" "d";
  len = sizeof bad - 1;
  char *fixed = a2b_utf8_sanitize(bad, &len);
  assert_string_equal(fixed, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD" "c"
                             "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "d");
  assert_int_equal(len, strlen(fixed));
  free(fixed);
  char nul[] = {'a', '\0', 'b'};
  len = 3;
  fixed = a2b_utf8_sanitize(nul, &len);
  assert_string_equal(fixed, "a\xEF\xBF\xBD" "b");
  free(fixed);
}

static void test_utf8_classes(void **state) {
  (void)state;
  const char *s = "中かカ한。A";
  assert_true(a2b_is_han(a2b_utf8_next(&s)));
  uint32_t hira = a2b_utf8_next(&s), kata = a2b_utf8_next(&s);
  assert_true(a2b_is_kana(hira) && a2b_is_kana(kata) && !a2b_is_han(hira));
  assert_true(a2b_is_cjk(a2b_utf8_next(&s)));
  assert_true(a2b_is_cjk(a2b_utf8_next(&s)));
  uint32_t a = a2b_utf8_next(&s);
  assert_int_equal(a, 'A');
  assert_false(a2b_is_cjk(a));
  assert_int_equal(a2b_utf8_next(&s), 0);
}

static void check_norm(const char *in, const char *want) {
  a2b_buf b = A2B_BUF_INIT;
  a2b_path_normalize(&b, in);
  assert_string_equal(a2b_buf_cstr(&b), want);
  a2b_buf_free(&b);
}

static void test_paths(void **state) {
  (void)state;
  check_norm("/a/b/../c/./d/", "/a/c/d");
  check_norm("/a/../../x", "/x");
  check_norm("a/../../x", "../x");
  check_norm("../../x", "../../x");
  check_norm("a//b", "a/b");
  check_norm("./", ".");
  char *s = a2b_percent_decode("%E4%B8%AD%2e%2E/x%20y%zz%00");
  assert_string_equal(s, "中../x y%zz%00");
  free(s);
}

static void test_data_uri(void **state) {
  (void)state;
  size_t n;
  unsigned char *d = a2b_data_uri_decode("data:image/png;base64,iVBO\nRw0K", &n);
  assert_non_null(d);
  assert_int_equal(n, 6);
  assert_memory_equal(d, "\x89PNG\r\n", 6);
  free(d);
  d = a2b_data_uri_decode("data:text/plain,a%20b", &n);
  assert_non_null(d);
  assert_int_equal(n, 3);
  assert_memory_equal(d, "a b", 3);
  free(d);
  assert_null(a2b_data_uri_decode("data:image/png;base64,@@@", &n));
  assert_null(a2b_data_uri_decode("data:image/png;base64", &n));
  assert_null(a2b_data_uri_decode("https://x/a.png", &n));
}

static void test_strmap(void **state) {
  (void)state;
  a2b_strmap *m = a2b_strmap_new();
  char key[32];
  for (int i = 0; i < 1000; i++) {
    snprintf(key, sizeof key, "k%d", i);
    a2b_strmap_put(m, key, (void *)(intptr_t)(i + 1));
  }
  a2b_strmap_put(m, "k5", (void *)(intptr_t)99);
  assert_int_equal(a2b_strmap_count(m), 1000);
  assert_int_equal((intptr_t)a2b_strmap_get(m, "k5"), 99);
  assert_int_equal((intptr_t)a2b_strmap_get(m, "k999"), 1000);
  assert_null(a2b_strmap_get(m, "k1000"));
  a2b_strmap_free(m);
}

static void test_lang_canonical(void **state) {
  (void)state;
  a2b_arena *a = a2b_arena_new();
  assert_string_equal(a2b_lang_canonical(a, "zh-cn"), "zh-CN");
  assert_string_equal(a2b_lang_canonical(a, "ZH_hant_tw"), "zh-Hant-TW");
  assert_string_equal(a2b_lang_canonical(a, "EN"), "en");
  a2b_arena_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_utf8_sanitize), cmocka_unit_test(test_utf8_classes),
      cmocka_unit_test(test_paths),         cmocka_unit_test(test_strmap),
      cmocka_unit_test(test_data_uri),
      cmocka_unit_test(test_lang_canonical),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
