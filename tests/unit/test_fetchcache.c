/* The image cache on disk: round trips, validators, damaged entries,
 * folder creation, the default folder. */
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

#include "fetchcache.h"
#include "sha1.h"

static char dir[64];

static int setup(void **state) {
  (void)state;
  strcpy(dir, "/tmp/a2b-fetchcache-XXXXXX");
  return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  return system(cmd);
}

static char *path_of(const char *d, const char *url) {
  unsigned char digest[A2B_SHA1_SIZE];
  char hex[41];
  a2b_sha1_digest(url, strlen(url), digest);
  a2b_sha1_hex(digest, hex);
  char *p = malloc(strlen(d) + 42);
  sprintf(p, "%s/%s", d, hex);
  return p;
}

static size_t count_files(const char *d) {
  DIR *dh = opendir(d);
  assert_non_null(dh);
  size_t n = 0;
  for (struct dirent *de; (de = readdir(dh));)
    if (de->d_name[0] != '.' || (de->d_name[1] && strcmp(de->d_name, ".."))) n++;
  closedir(dh);
  return n;
}

/* A body with NUL bytes and an empty line, as image bytes can have. */
static const unsigned char body[] = {0x89, 'P', 'N', 'G', '\n', '\n', 0, 0, 0x1a, '\n', 'x'};

static void test_round_trip(void **state) {
  (void)state;
  const char *url = "https://img.example.com/a/b%20c.png?x=1";
  a2b_cache_entry e = {.etag = "\"abc-1\"", .last_modified = "Tue, 02 Jan 2024 10:00:00 GMT",
                       .media_type = "image/png", .data = (unsigned char *)body,
                       .size = sizeof body};
  char *msg = a2b_fetchcache_write(dir, url, &e);
  assert_null(msg);
  a2b_cache_entry r;
  assert_true(a2b_fetchcache_read(dir, url, 1 << 20, &r));
  assert_string_equal(r.etag, "\"abc-1\"");
  assert_string_equal(r.last_modified, "Tue, 02 Jan 2024 10:00:00 GMT");
  assert_string_equal(r.media_type, "image/png");
  assert_int_equal(r.size, sizeof body);
  assert_memory_equal(r.data, body, sizeof body);
  a2b_fetchcache_entry_free(&r);
  assert_null(r.data);

  /* Another URL is another entry; the body cap applies on reading. */
  assert_false(a2b_fetchcache_read(dir, "https://img.example.com/a/other.png", 1 << 20, &r));
  assert_null(r.media_type);
  assert_false(a2b_fetchcache_read(dir, url, sizeof body - 1, &r));
  assert_true(a2b_fetchcache_read(dir, url, sizeof body, &r));
  a2b_fetchcache_entry_free(&r);

  /* Replacing an entry leaves one file and no temporary file behind. */
  a2b_cache_entry e2 = {.media_type = "image/gif", .data = (unsigned char *)"GIF89a", .size = 6};
  assert_null(a2b_fetchcache_write(dir, url, &e2));
  assert_true(a2b_fetchcache_read(dir, url, 1 << 20, &r));
  assert_null(r.etag);
  assert_null(r.last_modified);
  assert_string_equal(r.media_type, "image/gif");
  assert_int_equal(r.size, 6);
  a2b_fetchcache_entry_free(&r);
  assert_int_equal(count_files(dir), 1);
}

static void test_validator_with_line_break(void **state) {
  (void)state;
  const char *url = "http://example.com/x.gif";
  a2b_cache_entry e = {.etag = "\"a\"\nsize 0", .last_modified = "today\r",
                       .media_type = "image/gif", .data = (unsigned char *)"GIF89a", .size = 6};
  assert_null(a2b_fetchcache_write(dir, url, &e));
  a2b_cache_entry r;
  assert_true(a2b_fetchcache_read(dir, url, 1 << 20, &r));
  assert_null(r.etag);
  assert_null(r.last_modified);
  assert_int_equal(r.size, 6);
  a2b_fetchcache_entry_free(&r);
  char *msg = a2b_fetchcache_write(dir, "http://example.com/\nx", &e);
  assert_non_null(msg);
  free(msg);
}

static void write_raw(const char *path, const char *bytes, size_t n) {
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(bytes, 1, n, f), n);
  assert_int_equal(fclose(f), 0);
}

static void test_damaged_entries(void **state) {
  (void)state;
  const char *url = "https://example.com/d.png";
  char *path = path_of(dir, url);
  static const struct {
    const char *text;
  } bad[] = {
      {"art2book-cache 1\nurl https://example.com/d.png\ntype image/png\nsize 5\n\nabcd"},
      {"art2book-cache 1\nurl https://example.com/d.png\ntype image/png\nsize 5\n\nabcdef"},
      {"art2book-cache 1\nurl https://example.com/other.png\ntype image/png\nsize 4\n\nabcd"},
      {"art2book-cache 1\nurl https://example.com/d.png\nsize 4\n\nabcd"},
      {"art2book-cache 1\nurl https://example.com/d.png\ntype image/png\nsize -4\n\nabcd"},
      {"art2book-cache 1\nurl https://example.com/d.png\ntype image/png\nsize 4x\n\nabcd"},
      {"art2book-cache 1\nurl https://example.com/d.png\ntype image/png\nsize 4\nabcd"},
      {"art2book-cache 2\nurl https://example.com/d.png\ntype image/png\nsize 4\n\nabcd"},
      {"art2book-cache 1\nurl https://example.com/d.png\ntypeimage/png\nsize 4\n\nabcd"},
      {""},
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    write_raw(path, bad[i].text, strlen(bad[i].text));
    a2b_cache_entry r;
    if (a2b_fetchcache_read(dir, url, 1 << 20, &r)) fail_msg("entry %zu was accepted", i);
    assert_null(r.data);
  }
  /* The good form of the same entry is accepted. */
  const char *good =
      "art2book-cache 1\nurl https://example.com/d.png\ntype image/png\nsize 4\n\nabcd";
  write_raw(path, good, strlen(good));
  a2b_cache_entry r;
  assert_true(a2b_fetchcache_read(dir, url, 1 << 20, &r));
  assert_memory_equal(r.data, "abcd", 4);
  a2b_fetchcache_entry_free(&r);
  free(path);
}

static void test_creates_folders(void **state) {
  (void)state;
  char nested[128];
  snprintf(nested, sizeof nested, "%s/a/b/c/", dir);
  a2b_cache_entry e = {.media_type = "image/gif", .data = (unsigned char *)"GIF89a", .size = 6};
  assert_null(a2b_fetchcache_write(nested, "http://e.com/1", &e));
  struct stat st;
  snprintf(nested, sizeof nested, "%s/a/b/c", dir);
  assert_int_equal(stat(nested, &st), 0);
  assert_true(S_ISDIR(st.st_mode));
  assert_int_equal(st.st_mode & 0777, 0700);
  a2b_cache_entry r;
  assert_true(a2b_fetchcache_read(nested, "http://e.com/1", 100, &r));
  a2b_fetchcache_entry_free(&r);

  /* A file where a folder should be: a message, not a crash. */
  char file[128], below[160];
  snprintf(file, sizeof file, "%s/plain", dir);
  write_raw(file, "x", 1);
  snprintf(below, sizeof below, "%s/sub", file);
  char *msg = a2b_fetchcache_write(below, "http://e.com/1", &e);
  assert_non_null(msg);
  assert_non_null(strstr(msg, "plain"));
  free(msg);
  msg = a2b_fetchcache_write("", "http://e.com/1", &e);
  assert_non_null(msg);
  free(msg);
}

static void test_default_dir(void **state) {
  (void)state;
  char *d = a2b_fetchcache_default_dir("/xdg", "/home/u");
  assert_string_equal(d, "/xdg/art2book");
  free(d);
  d = a2b_fetchcache_default_dir(NULL, "/home/u");
  assert_string_equal(d, "/home/u/.cache/art2book");
  free(d);
  /* XDG requires absolute paths; a relative one is ignored. */
  d = a2b_fetchcache_default_dir("rel", "/home/u");
  assert_string_equal(d, "/home/u/.cache/art2book");
  free(d);
  d = a2b_fetchcache_default_dir("", "/home/u");
  assert_string_equal(d, "/home/u/.cache/art2book");
  free(d);
  assert_null(a2b_fetchcache_default_dir(NULL, NULL));
  assert_null(a2b_fetchcache_default_dir("rel", ""));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
      cmocka_unit_test_setup_teardown(test_validator_with_line_break, setup, teardown),
      cmocka_unit_test_setup_teardown(test_damaged_entries, setup, teardown),
      cmocka_unit_test_setup_teardown(test_creates_folders, setup, teardown),
      cmocka_unit_test(test_default_dir),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
