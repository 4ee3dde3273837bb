/* Scanning: which files are articles, their order, translations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scan.h"

static char root[64];

static void touch(const char *rel) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", root, rel);
  for (char *p = path + strlen(root) + 1; *p; p++)
    if (*p == '/') {
      *p = '\0';
      mkdir(path, 0755);
      *p = '/';
    }
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs("x\n", f);
  fclose(f);
}

static int make_tree(void **state) {
  (void)state;
  strcpy(root, "/tmp/a2b-scan-XXXXXX");
  assert_non_null(mkdtemp(root));
  const char *files[] = {"b.md", "a.md", "B.md", "_index.md", ".hidden.md", "notes.txt",
                         "README.md", "posts/x/index.md", "posts/x/index.en.md",
                         "posts/x/index.zh-cn.md", "posts/y/index.en.md", "posts/y/index.ja.md",
                         "posts/z.markdown", ".git/c.md", "posts/x/pic.png", "10.md", "9.md"};
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) touch(files[i]);
  return 0;
}

static int remove_tree(void **state) {
  (void)state;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", root);
  return system(cmd);
}

static char *joined(const a2b_scan *s) {
  static char out[1024];
  out[0] = '\0';
  for (size_t i = 0; i < s->n; i++) {
    strcat(out, s->items[i].rel_path);
    strcat(out, " ");
  }
  return out;
}

static void test_order_and_skips(void **state) {
  (void)state;
  a2b_scan s = {0};
  a2b_diags d = {0};
  const char *inputs[] = {root};
  assert_true(a2b_scan_inputs(inputs, 1, NULL, NULL, &s, &d));
  /* Byte order (not locale order): digits, upper case, lower case. The
   * untagged translation wins without a language; with no untagged one, the
   * first tag in byte order. */
  assert_string_equal(joined(&s),
                      "10.md 9.md B.md a.md b.md posts/x/index.md posts/y/index.en.md "
                      "posts/z.markdown ");
  assert_int_equal(d.n, 0);
  a2b_scan_free(&s);
}

static void test_translation_choice(void **state) {
  (void)state;
  a2b_scan s = {0};
  a2b_diags d = {0};
  const char *inputs[] = {root};
  assert_true(a2b_scan_inputs(inputs, 1, "zh-CN", NULL, &s, &d));
  assert_non_null(strstr(joined(&s), "posts/x/index.zh-cn.md "));
  assert_non_null(strstr(joined(&s), "posts/y/index.en.md "));
  assert_string_equal(s.items[5].lang, "zh-cn");
  a2b_scan_free(&s);
  /* A primary-subtag match when there is no exact one. */
  assert_true(a2b_scan_inputs(inputs, 1, "ja", NULL, &s, &d));
  assert_non_null(strstr(joined(&s), "posts/y/index.ja.md "));
  assert_non_null(strstr(joined(&s), "posts/x/index.md "));
  a2b_scan_free(&s);
  assert_true(a2b_scan_inputs(inputs, 1, "zh", NULL, &s, &d));
  assert_non_null(strstr(joined(&s), "posts/x/index.zh-cn.md "));
  a2b_scan_free(&s);
}

static void test_file_argument_and_missing(void **state) {
  (void)state;
  a2b_scan s = {0};
  a2b_diags d = {0};
  char file[128];
  snprintf(file, sizeof file, "%s/posts/z.markdown", root);
  const char *inputs[] = {file, "/nonexistent/folder"};
  assert_false(a2b_scan_inputs(inputs, 2, NULL, NULL, &s, &d));
  assert_int_equal(s.n, 1);
  assert_string_equal(s.items[0].path, file);
  assert_string_equal(s.items[0].rel_path, "z.markdown");
  assert_int_equal(d.n_errors, 1);
  assert_string_equal(d.items[0].path, "/nonexistent/folder");
  a2b_scan_free(&s);
  a2b_diags_clear(&d);
}

static void test_lang_tag(void **state) {
  (void)state;
  const char *yes[][2] = {{"index.en.md", "en"}, {"index.zh-cn.md", "zh-cn"},
                          {"a.zh_TW.md", "zh-tw"}, {"post.zh-Hant.md", "zh-hant"}};
  for (size_t i = 0; i < 4; i++) {
    char *t = a2b_scan_lang_tag(yes[i][0]);
    assert_non_null(t);
    assert_string_equal(t, yes[i][1]);
    free(t);
  }
  const char *no[] = {"index.md", "en.md", "v1.2.md", "a.b.md", "x.english.md", "a.e.md"};
  for (size_t i = 0; i < 6; i++) assert_null(a2b_scan_lang_tag(no[i]));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_order_and_skips),
      cmocka_unit_test(test_translation_choice),
      cmocka_unit_test(test_file_argument_and_missing),
      cmocka_unit_test(test_lang_tag),
  };
  return cmocka_run_group_tests(tests, make_tree, remove_tree);
}
