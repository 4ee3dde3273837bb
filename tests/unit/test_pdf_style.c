/* The print style: built-in defaults, YAML overrides, paper sizes, errors
 * with their positions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pdf/style.h"

#define MM (72.0 / 25.4)

static char path[64];

static int setup(void **state) {
  (void)state;
  strcpy(path, "/tmp/a2b-style-XXXXXX");
  int fd = mkstemp(path);
  if (fd < 0) return -1;
  close(fd);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  return unlink(path);
}

static void write_style(const char *text) {
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  assert_int_equal(fclose(f), 0);
}

static void assert_near(double got, double want) {
  if (fabs(got - want) > 0.01) fail_msg("got %g, want %g", got, want);
}

/* The diagnostic `i` is at line:col of the style file and mentions `word`. */
static void assert_diag(const a2b_diags *d, size_t i, a2b_severity sev, int line, int col,
                        const char *word) {
  assert_true(i < d->n);
  const a2b_diag *g = &d->items[i];
  if (g->severity != sev || g->line != line || g->col != col || !strstr(g->message, word))
    fail_msg("diag %zu: %d at %d:%d '%s'; want %d at %d:%d with '%s'", i, g->severity, g->line,
             g->col, g->message, sev, line, col, word);
  assert_string_equal(g->path, path);
}

static void test_builtin_defaults(void **state) {
  (void)state;
  a2b_pdf_style st;
  a2b_diags d = {0};
  assert_true(a2b_pdf_style_load(&st, NULL, NULL, &d));
  assert_int_equal(d.n, 0); /* the built-in file sets only known keys */
  /* A5 with A5 margins, 10.5 on 18. */
  assert_near(st.page_width, 148 * MM);
  assert_near(st.page_height, 210 * MM);
  assert_near(st.margin_top, 18 * MM);
  assert_near(st.margin_bottom, 20 * MM);
  assert_near(st.margin_inner, 18 * MM);
  assert_near(st.margin_outer, 15 * MM);
  assert_false(st.recto);
  assert_near(st.body_size, 10.5);
  assert_near(st.line_pitch, 18);
  static const double headings[6] = {18, 15, 13, 11.5, 10.5, 10.5};
  for (int i = 0; i < 6; i++)
    assert_near(st.heading_size[i], headings[i]);
  assert_near(st.small_size, 8.5);
  assert_near(st.code_pitch, 13);
  assert_near(st.indent_zh_em, 2);
  assert_near(st.indent_ja_em, 1);
  assert_true(st.hyphenate);
  assert_int_equal(st.hyphen_min_word, 5);
  assert_int_equal(st.hyphen_left, 2);
  assert_int_equal(st.hyphen_right, 3);
  /* Every field is set by the built-in file. */
  assert_true(st.small_pitch > 0 && st.code_size > 0 && st.paragraph_space > 0);
  assert_string_equal(st.body_cjk, "Noto Serif CJK SC");
  assert_string_equal(st.body_latin, "Noto Serif");
  assert_string_equal(st.heading_cjk, "Noto Sans CJK SC");
  assert_string_equal(st.heading_latin, "Noto Sans");
  assert_string_equal(st.mono, "Noto Sans Mono CJK SC");
  assert_string_equal(st.emphasis_cjk, "LXGW WenKai");
  assert_true(st.link_color && st.code_background && st.quote_bar && st.rule_color);
  assert_true(st.text_color < 0x404040); /* near black */
  a2b_pdf_style_free(&st);
  assert_null(st.body_cjk);
}

static void test_paper_sizes(void **state) {
  (void)state;
  double w, h;
  assert_true(a2b_pdf_paper_size("a4", &w, &h));
  assert_near(w, 595.28), assert_near(h, 841.89);
  assert_true(a2b_pdf_paper_size("A5", &w, &h));
  assert_near(w, 419.53), assert_near(h, 595.28);
  assert_true(a2b_pdf_paper_size("b5", &w, &h)); /* ISO B5 */
  assert_near(w, 176 * MM), assert_near(h, 250 * MM);
  assert_true(a2b_pdf_paper_size("letter", &w, &h));
  assert_near(w, 612), assert_near(h, 792);
  assert_true(a2b_pdf_paper_size("130x184mm", &w, &h));
  assert_near(w, 130 * MM), assert_near(h, 184 * MM);
  assert_true(a2b_pdf_paper_size("5.5x8.5in", &w, &h));
  assert_near(w, 396), assert_near(h, 612);
  assert_true(a2b_pdf_paper_size("400X600pt", &w, &h));
  assert_near(w, 400), assert_near(h, 600);
  static const char *const bad[] = {
      "a3",      "",          "130x184",   "130mm",     "x184mm", "130x184furlongs",
      "0x184mm", "-10x184mm", "130x1e9mm", "130x184mmm"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    if (a2b_pdf_paper_size(bad[i], &w, &h)) fail_msg("'%s' accepted as a paper", bad[i]);
  assert_false(a2b_pdf_paper_size(NULL, &w, &h));
}

static void test_file_overrides(void **state) {
  (void)state;
  write_style("paper: 130x184mm\n"
              "margins:\n"
              "  top: 0.5in\n"
              "  outer: 1cm\n"
              "body: {size: 12, pitch: 20pt}\n"
              "headings: [20pt, 16pt]\n"
              "indent:\n"
              "  zh: 1.5em\n"
              "  ja: 0\n"
              "paragraph_space: 0.5em\n"
              "recto: yes\n"
              "hyphenation: {enabled: off, left: 3}\n"
              "faces:\n"
              "  body_cjk: Source Han Serif SC\n"
              "  emphasis_cjk: none\n"
              "colors:\n"
              "  link: '#abc'\n"
              "  rule: \"0x102030\"\n");
  a2b_pdf_style st;
  a2b_diags d = {0};
  assert_true(a2b_pdf_style_load(&st, path, NULL, &d));
  assert_int_equal(d.n, 0);
  assert_near(st.page_width, 130 * MM);
  assert_near(st.page_height, 184 * MM);
  assert_near(st.margin_top, 36);
  assert_near(st.margin_outer, 10 * MM);
  assert_near(st.margin_bottom, 20 * MM); /* not in the file: the default */
  assert_near(st.body_size, 12);
  assert_near(st.line_pitch, 20);
  assert_near(st.heading_size[0], 20);
  assert_near(st.heading_size[1], 16);
  assert_near(st.heading_size[2], 13); /* the default */
  assert_near(st.indent_zh_em, 1.5);
  assert_near(st.indent_ja_em, 0);
  assert_near(st.paragraph_space, 6); /* 0.5em of the file's 12pt body */
  assert_true(st.recto);
  assert_false(st.hyphenate);
  assert_int_equal(st.hyphen_left, 3);
  assert_int_equal(st.hyphen_right, 3); /* the default */
  assert_string_equal(st.body_cjk, "Source Han Serif SC");
  assert_string_equal(st.body_latin, "Noto Serif");
  assert_null(st.emphasis_cjk);
  assert_int_equal(st.link_color, 0xAABBCC);
  assert_int_equal(st.rule_color, 0x102030);
  a2b_pdf_style_free(&st);

  /* --paper wins over the file. */
  assert_true(a2b_pdf_style_load(&st, path, "a4", &d));
  assert_near(st.page_width, 210 * MM);
  a2b_pdf_style_free(&st);
  a2b_diags_clear(&d);
}

static void test_unknown_keys_warn(void **state) {
  (void)state;
  write_style("body:\n"
              "  size: 11pt\n"
              "  leading: 20pt\n"
              "colour: red\n");
  a2b_pdf_style st;
  a2b_diags d = {0};
  assert_true(a2b_pdf_style_load(&st, path, NULL, &d));
  assert_int_equal(d.n, 2);
  assert_diag(&d, 0, A2B_WARNING, 3, 3, "'body.leading'");
  assert_diag(&d, 1, A2B_WARNING, 4, 1, "'colour'");
  assert_near(st.body_size, 11);
  a2b_pdf_style_free(&st);
  a2b_diags_clear(&d);
}

/* Each bad value is an error at its own line and column. */
static void test_bad_values(void **state) {
  (void)state;
  static const struct {
    const char *yaml;
    int line, col;
    const char *word;
  } cases[] = {
      {"paper: a3\n", 1, 8, "'a3' is not a paper"},
      {"margins:\n  top: 18 furlongs\n", 2, 8, "'margins.top'"},
      {"margins:\n  top: -3mm\n", 2, 8, "not a length"},
      {"body:\n  size: 0\n", 2, 9, "greater than zero"},
      {"body:\n  size: 1em\n", 2, 9, "not a length"},
      {"headings: 12pt\n", 1, 11, "list of 1 to 6"},
      {"headings: [1, 2, 3, 4, 5, 6, 7]\n", 1, 11, "list of 1 to 6"},
      {"headings: [18pt, big]\n", 1, 18, "'headings[2]'"},
      {"indent:\n  zh: 2mm\n", 2, 7, "in em"},
      {"recto: maybe\n", 1, 8, "true or false"},
      {"hyphenation:\n  left: 0\n", 2, 9, "whole number"},
      {"hyphenation:\n  right: 2.5\n", 2, 10, "whole number"},
      {"faces:\n  mono: ''\n", 2, 9, "font family"},
      {"faces:\n  mono: [a, b]\n", 2, 9, "font family"},
      {"colors:\n  text: #333\n", 2, 8, "bare # starts"},
      {"colors:\n  text: blue\n", 2, 9, "not a colour"},
      {"margins: 18mm\n", 1, 10, "mapping"},
      {"- a\n- b\n", 1, 1, "mapping"},
      {"body:\n  size: [1\n", 3, 1, "malformed YAML"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    write_style(cases[i].yaml);
    a2b_pdf_style st;
    a2b_diags d = {0};
    if (a2b_pdf_style_load(&st, path, NULL, &d)) fail_msg("accepted: %s", cases[i].yaml);
    assert_int_equal(d.n_errors, 1);
    assert_diag(&d, d.n - 1, A2B_ERROR, cases[i].line, cases[i].col, cases[i].word);
    assert_null(st.body_cjk); /* nothing left to free */
    a2b_diags_clear(&d);
  }
}

static void test_text_block_too_small(void **state) {
  (void)state;
  write_style("margins: {inner: 70mm, outer: 70mm}\n");
  a2b_pdf_style st;
  a2b_diags d = {0};
  assert_false(a2b_pdf_style_load(&st, path, NULL, &d));
  assert_int_equal(d.n_errors, 1);
  assert_non_null(strstr(d.items[0].message, "text block"));
  a2b_diags_clear(&d);
  /* The default margins fit A4 and letter, not a business card. */
  assert_true(a2b_pdf_style_load(&st, NULL, "letter", &d));
  a2b_pdf_style_free(&st);
  assert_false(a2b_pdf_style_load(&st, NULL, "60x40mm", &d));
  assert_false(a2b_pdf_style_load(&st, NULL, "folio", &d));
  assert_non_null(strstr(d.items[d.n - 1].message, "--paper 'folio'"));
  a2b_diags_clear(&d);
}

static void test_missing_file(void **state) {
  (void)state;
  a2b_pdf_style st;
  a2b_diags d = {0};
  assert_false(a2b_pdf_style_load(&st, "/nonexistent/print.yaml", NULL, &d));
  assert_int_equal(d.n_errors, 1);
  assert_string_equal(d.items[0].path, "/nonexistent/print.yaml");
  assert_non_null(strstr(d.items[0].message, "cannot read"));
  a2b_diags_clear(&d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_builtin_defaults),
      cmocka_unit_test(test_paper_sizes),
      cmocka_unit_test_setup_teardown(test_file_overrides, setup, teardown),
      cmocka_unit_test_setup_teardown(test_unknown_keys_warn, setup, teardown),
      cmocka_unit_test_setup_teardown(test_bad_values, setup, teardown),
      cmocka_unit_test_setup_teardown(test_text_block_too_small, setup, teardown),
      cmocka_unit_test(test_missing_file),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
