/* Break opportunities and prohibitions (breakrules.h): pure, no fonts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "pdf/breakrules.h"

/* The text with '|' where a2b_br_find allows a break and '#' where it
 * forbids one outright (NEVER); a static buffer. */
static const char *marked(const char *s, bool cjk) {
  static char out[1024];
  unsigned char act[256];
  assert_true(a2b_br_find(s, strlen(s), cjk, act));
  size_t o = 0, i = 0;
  for (const char *p = s; *p; i++) {
    size_t n = 1;
    while ((p[n] & 0xC0) == 0x80) n++;
    if (i > 0 && act[i] == A2B_BR_ALLOW) out[o++] = '|';
    if (i > 0 && act[i] == A2B_BR_NEVER) out[o++] = '#';
    memcpy(out + o, p, n);
    o += n;
    p += n;
  }
  out[o] = 0;
  return out;
}

static void test_latin(void **state) {
  (void)state;
  assert_string_equal(marked("an API call", false), "an |API |call");
  assert_string_equal(marked("well-known 3.14 1,000", false), "well-|known |3#.14 |1#,000");
  assert_string_equal(marked("f(x) (see)", false), "f(#x#) |(#see#)");
  assert_string_equal(marked("don\u2019t \u201cquote\u201d", false),
                      "don#\u2019t |\u201c#quote#\u201d");
  assert_string_equal(marked("a\u00a0b c", false), "a#\u00a0#b |c");
  assert_string_equal(marked("http://a.com/b", false), "http#://|a#.com/|b");
}

static void test_chinese(void **state) {
  (void)state;
  /* between ideographs; never before closing marks, never after opening */
  assert_string_equal(marked("他说：“好的。”", true), "他|说#：|“#好|的#。#”");
  assert_string_equal(marked("（注）和《书》", true), "（#注#）|和|《#书#》");
  /* Latin words and numbers stay whole; breaks at their edges */
  assert_string_equal(marked("使用Pango进行", true), "使|用|Pango|进|行");
  assert_string_equal(marked("2024年", true), "2024|年");
  /* —— and …… never split nor at a line start; · and ～ never at a start */
  assert_string_equal(marked("等——好……吧", true), "等#—#—|好#…#…|吧");
  assert_string_equal(marked("乔治·华盛顿", true), "乔|治#·|华|盛|顿");
  assert_string_equal(marked("九点～十点", true), "九|点#～|十|点");
  /* a closing mark stays off a line start even after spaces */
  assert_string_equal(marked("好 。", true), "好 #。");
  /* outside CJK text · is a letter */
  assert_string_equal(marked("l\u00b7l", false), "l\u00b7l");
}

static void test_japanese(void **state) {
  (void)state;
  assert_string_equal(marked("ちょっとコーヒー", true), "ち#ょ#っ|と|コ#ー|ヒ#ー");
  assert_string_equal(marked("「はい」と", true), "「#は|い#」|と");
}

static void test_unknown_scripts(void **state) {
  (void)state;
  unsigned char act[64];
  assert_false(a2b_br_find("\u0e20\u0e32\u0e29\u0e32", 12, false, act)); /* Thai */
  assert_false(a2b_br_find("ok \U0001F44D", 7, false, act));             /* emoji */
  /* prohibitions over another implementation's answer */
  const char *s = "好\u0e01，“好";
  unsigned char a[8] = {A2B_BR_NEVER, A2B_BR_ALLOW, A2B_BR_ALLOW, A2B_BR_ALLOW, A2B_BR_ALLOW,
                        A2B_BR_ALLOW};
  a2b_br_kinsoku(s, strlen(s), true, a);
  assert_int_equal(a[1], A2B_BR_ALLOW);
  assert_int_equal(a[2], A2B_BR_NEVER); /* before ， */
  assert_int_equal(a[3], A2B_BR_ALLOW); /* before “ */
  assert_int_equal(a[4], A2B_BR_NEVER); /* after “ */
}

static void test_classes(void **state) {
  (void)state;
  assert_true(a2b_br_no_start(0x3002, true));  /* 。 */
  assert_true(a2b_br_no_start(0x00B7, true));  /* · */
  assert_false(a2b_br_no_start(0x00B7, false));
  assert_true(a2b_br_no_start(0x30FC, true));  /* ー */
  assert_false(a2b_br_no_start(0x4E2D, true)); /* 中 */
  assert_true(a2b_br_no_end(0x300C));          /* 「 */
  assert_true(a2b_br_no_end(0x201C));          /* “ */
  assert_false(a2b_br_no_end(0x201D));
  assert_true(a2b_br_is_compressible(0xFF0C)); /* ， */
  assert_true(a2b_br_is_compressible(0x300D)); /* 」 */
  assert_false(a2b_br_is_compressible(0x4E2D));
  assert_false(a2b_br_is_compressible(0x3000));
  assert_true(a2b_br_is_ideo(0x4E2D));
  assert_true(a2b_br_is_ideo(0x3042));         /* あ */
  assert_false(a2b_br_is_ideo(0x3002));
  assert_false(a2b_br_is_ideo('A'));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_latin),         cmocka_unit_test(test_chinese),
      cmocka_unit_test(test_japanese),      cmocka_unit_test(test_unknown_scripts),
      cmocka_unit_test(test_classes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
