/* Hyphenation points (hyphen.h): Debian's English patterns, the minimums,
 * the words never hyphenated, and the choice of dictionary by language
 * (tiny dictionaries in tests/fixtures/hyphen). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "pdf/hyphen.h"

static const a2b_pdf_hyph_rules STD = {5, 2, 3};

/* `s` with '=' where a2b_pdf_hyph_text puts a point (a static buffer);
 * `skip`: characters marked as code, as a string of '.' (text) and 'c'. */
static const char *marked_skip(a2b_pdf_hyph *h, const char *lang, const a2b_pdf_hyph_rules *r,
                               const char *s, const char *skip) {
  static char out[1024];
  unsigned char pts[256], sk[256];
  memset(pts, 0, sizeof pts);
  memset(sk, 0, sizeof sk);
  for (size_t i = 0; skip && skip[i]; i++) sk[i] = skip[i] == 'c';
  size_t set = a2b_pdf_hyph_text(h, lang, r, s, strlen(s), skip ? sk : NULL, pts);
  size_t o = 0, i = 0, count = 0;
  for (const char *p = s; *p; i++) {
    size_t n = 1;
    while ((p[n] & 0xC0) == 0x80) n++;
    if (pts[i]) out[o++] = '=', count++;
    memcpy(out + o, p, n);
    o += n;
    p += n;
  }
  out[o] = 0;
  assert_int_equal(set, count);
  return out;
}

static const char *marked(a2b_pdf_hyph *h, const char *lang, const char *s) {
  return marked_skip(h, lang, &STD, s, NULL);
}

static void test_english(void **state) {
  (void)state;
  a2b_pdf_hyph *h = a2b_pdf_hyph_new(NULL);
  assert_true(a2b_pdf_hyph_has(h, "en"));
  assert_string_equal(marked(h, "en", "hyphenation"), "hy=phen=ation");
  assert_string_equal(marked(h, "en", "typesetting algorithm"), "type=set=ting al=go=rithm");
  assert_string_equal(marked(h, "en-US", "representation"), "rep=re=sen=ta=tion");
  /* capitalized words as their lower case; punctuation around a word */
  assert_string_equal(marked(h, "en", "(Hyphenation, paragraph.)"), "(Hy=phen=ation, para=graph.)");
  /* character (not byte) positions after a two-byte letter */
  assert_string_equal(marked(h, "en", "caf\u00e9 hyphenation"), "caf\u00e9 hy=phen=ation");
  /* both halves of a hyphenated compound are words of their own */
  assert_string_equal(marked(h, "en", "typesetting-algorithm"), "type=set=ting-al=go=rithm");
  /* the second lookup comes from the cache and agrees */
  assert_string_equal(marked(h, "en", "hyphenation"), "hy=phen=ation");
  a2b_pdf_hyph_free(h);
}

static void test_minimums(void **state) {
  (void)state;
  a2b_pdf_hyph *h = a2b_pdf_hyph_new(NULL);
  a2b_pdf_hyph_rules r = {5, 3, 3};
  assert_string_equal(marked_skip(h, "en", &r, "algorithm", NULL), "algo=rithm");
  r = (a2b_pdf_hyph_rules){5, 2, 5};
  assert_string_equal(marked_skip(h, "en", &r, "representation", NULL), "rep=re=sen=tation");
  r = (a2b_pdf_hyph_rules){10, 2, 3};
  assert_string_equal(marked_skip(h, "en", &r, "algorithm hyphenation", NULL),
                      "algorithm hy=phen=ation");
  r = (a2b_pdf_hyph_rules){1, 1, 1};
  assert_string_equal(marked_skip(h, "en", &r, "hyphenation", NULL), "hy=phen=ation");
  a2b_pdf_hyph_free(h);
}

static void test_never(void **state) {
  (void)state;
  a2b_pdf_hyph *h = a2b_pdf_hyph_new(NULL);
  /* acronyms, mixed case, digits, URLs, paths, identifiers, addresses */
  assert_string_equal(marked(h, "en", "HYPHENATION JavaScript iPhone"),
                      "HYPHENATION JavaScript iPhone");
  assert_string_equal(marked(h, "en", "hyphenation2 x86representation"),
                      "hyphenation2 x86representation");
  assert_string_equal(marked(h, "en", "https://hyphenation.org/representation"),
                      "https://hyphenation.org/representation");
  assert_string_equal(marked(h, "en", "www.hyphenation.com typesetting@example.org"),
                      "www.hyphenation.com typesetting@example.org");
  assert_string_equal(marked(h, "en", "typesetting_algorithm src/hyphenation"),
                      "typesetting_algorithm src/hyphenation");
  /* the author's soft hyphens are the only points of their word */
  assert_string_equal(marked(h, "en", "hyphen\u00adation typesetting"),
                      "hyphen\u00adation type=set=ting");
  /* words of skipped text (code) are left whole, the others not */
  assert_string_equal(marked_skip(h, "en", &STD, "typesetting algorithm",
                                  "ccccccccccc.........."),
                      "typesetting al=go=rithm");
  /* no dictionary: no points */
  assert_false(a2b_pdf_hyph_has(h, "zh-Hans"));
  assert_string_equal(marked(h, "zh", "hyphenation"), "hyphenation");
  assert_string_equal(marked(h, NULL, "hyphenation"), "hyphenation");
  a2b_pdf_hyph_free(h);
}

static void test_dictionary_choice(void **state) {
  (void)state;
  a2b_pdf_hyph *h = a2b_pdf_hyph_new(A2B_SRC "/tests/fixtures/hyphen");
  a2b_pdf_hyph_rules r = {3, 1, 1};
  /* en and an English region not installed: en_US */
  assert_string_equal(marked_skip(h, "en", &r, "aaxaa", NULL), "aa=x=aa");
  assert_string_equal(marked_skip(h, "en-GB", &r, "aaxaa", NULL), "aa=x=aa");
  /* a region's own file first, then the language's */
  assert_string_equal(marked_skip(h, "zz-QQ", &r, "aajaakaa", NULL), "aa=j=aakaa");
  assert_string_equal(marked_skip(h, "zz-Latn-RR", &r, "aajaakaa", NULL), "aajaa=k=aa");
  assert_string_equal(marked_skip(h, "ZZ", &r, "aajaakaa", NULL), "aajaa=k=aa");
  /* the language's own region last (es -> es_ES) */
  assert_string_equal(marked_skip(h, "zy", &r, "aaqaa", NULL), "aa=q=aa");
  /* an 8-bit dictionary: the word is converted, positions stay characters */
  assert_string_equal(marked_skip(h, "zl", &r, "b\u00e4cker", NULL), "b\u00e4=cker");
  assert_false(a2b_pdf_hyph_has(h, "fr"));
  assert_false(a2b_pdf_hyph_has(h, "x"));
  a2b_pdf_hyph_free(h);
  /* a folder that does not exist: nothing is hyphenated */
  h = a2b_pdf_hyph_new("/nonexistent/hyphen");
  assert_false(a2b_pdf_hyph_has(h, "en"));
  assert_string_equal(marked(h, "en", "hyphenation"), "hyphenation");
  a2b_pdf_hyph_free(h);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_english),
      cmocka_unit_test(test_minimums),
      cmocka_unit_test(test_never),
      cmocka_unit_test(test_dictionary_choice),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
