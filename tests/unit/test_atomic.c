/* Atomic output files: temp beside the target, rename on commit, nothing
 * left behind on failure. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"

static char dir[64];

static int setup(void **state) {
  (void)state;
  strcpy(dir, "/tmp/a2b-atomic-XXXXXX");
  return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  return system(cmd);
}

static void write_file(const char *path, const char *s) {
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(s, f);
  assert_int_equal(fclose(f), 0);
}

static void assert_file(const char *path, const char *s) {
  char buf[256] = {0};
  FILE *f = fopen(path, "r");
  assert_non_null(f);
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[n] = '\0';
  assert_string_equal(buf, s);
}

static size_t count_entries(void) {
  DIR *d = opendir(dir);
  assert_non_null(d);
  size_t n = 0;
  struct dirent *e;
  while ((e = readdir(d)))
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
  closedir(d);
  return n;
}

static void test_commit_replaces(void **state) {
  (void)state;
  char path[128];
  snprintf(path, sizeof path, "%s/out.epub", dir);
  write_file(path, "old");
  a2b_diags d = {0};
  mode_t mask = umask(027);
  a2b_atomic_file *f = a2b_atomic_open(path, &d);
  umask(mask);
  assert_non_null(f);
  const char *temp = a2b_atomic_temp_path(f);
  char prefix[160];
  snprintf(prefix, sizeof prefix, "%s/.out.epub.", dir);
  assert_int_equal(strncmp(temp, prefix, strlen(prefix)), 0);
  struct stat st;
  assert_int_equal(stat(temp, &st), 0);
  assert_int_equal(st.st_mode & 0777, 0640);
  write_file(temp, "new");
  assert_file(path, "old");
  assert_int_equal(a2b_atomic_commit(f, &d), 0);
  assert_file(path, "new");
  assert_int_equal(count_entries(), 1);
  assert_int_equal(d.n, 0);
  a2b_diags_clear(&d);
}

static void test_abort_keeps_old(void **state) {
  (void)state;
  char path[128];
  snprintf(path, sizeof path, "%s/out.epub", dir);
  write_file(path, "old");
  a2b_diags d = {0};
  a2b_atomic_file *f = a2b_atomic_open(path, &d);
  assert_non_null(f);
  write_file(a2b_atomic_temp_path(f), "half");
  a2b_atomic_abort(f);
  assert_file(path, "old");
  assert_int_equal(count_entries(), 1);
}

static void test_missing_folder(void **state) {
  (void)state;
  char path[128];
  snprintf(path, sizeof path, "%s/no/such/out.epub", dir);
  a2b_diags d = {0};
  assert_null(a2b_atomic_open(path, &d));
  assert_int_equal(d.n_errors, 1);
  assert_non_null(strstr(d.items[0].message, "cannot create a file in"));
  assert_int_equal(count_entries(), 0);
  a2b_diags_clear(&d);
}

static void test_failed_rename_cleans_up(void **state) {
  (void)state;
  char path[128];
  snprintf(path, sizeof path, "%s/taken", dir);
  assert_int_equal(mkdir(path, 0755), 0);
  char inner[160];
  snprintf(inner, sizeof inner, "%s/keep", path);
  write_file(inner, "x"); /* a non-empty folder cannot be replaced by a file */
  a2b_diags d = {0};
  a2b_atomic_file *f = a2b_atomic_open(path, &d);
  assert_non_null(f);
  assert_int_equal(a2b_atomic_commit(f, &d), -1);
  assert_int_equal(d.n_errors, 1);
  assert_int_equal(count_entries(), 1); /* only the folder */
  assert_file(inner, "x");
  a2b_diags_clear(&d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_commit_replaces, setup, teardown),
      cmocka_unit_test_setup_teardown(test_abort_keeps_old, setup, teardown),
      cmocka_unit_test_setup_teardown(test_missing_folder, setup, teardown),
      cmocka_unit_test_setup_teardown(test_failed_rename_cleans_up, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
