/* The resource table: reading, sniffing, sanitising, naming, deduplicating. */
#include <limits.h>
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

#include "arena.h"
#include "resources.h"
#include "sha1.h"

static char dir[PATH_MAX];

static char *tmp_path(const char *name) {
  static char p[PATH_MAX * 2];
  snprintf(p, sizeof p, "%s/%s", dir, name);
  return p;
}

static void write_file(const char *name, const void *data, size_t n) {
  FILE *f = fopen(tmp_path(name), "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(data, 1, n, f), n);
  fclose(f);
}

static unsigned char *fixture(const char *name, size_t *n) {
  char p[PATH_MAX];
  snprintf(p, sizeof p, "%s/tests/fixtures/images/%s", A2B_SRC, name);
  FILE *f = fopen(p, "rb");
  assert_non_null(f);
  unsigned char *buf = malloc(1 << 16);
  *n = fread(buf, 1, 1 << 16, f);
  fclose(f);
  return buf;
}

static int setup(void **state) {
  char tmpl[] = "/tmp/a2b-res-XXXXXX";
  assert_non_null(mkdtemp(tmpl));
  strcpy(dir, tmpl);
  a2b_book *book = calloc(1, sizeof *book);
  book->arena = a2b_arena_new();
  *state = book;
  return 0;
}

static int teardown(void **state) {
  a2b_book *book = *state;
  a2b_arena_free(book->arena);
  free(book);
  char cmd[PATH_MAX + 16];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  return system(cmd);
}

static void expected_name(const unsigned char *data, size_t n, const char *ext, char *out) {
  unsigned char d[A2B_SHA1_SIZE];
  char hex[41];
  a2b_sha1_digest(data, n, d);
  a2b_sha1_hex(d, hex);
  sprintf(out, "images/%.16s.%s", hex, ext);
}

static void test_file_dedupe_and_cache(void **state) {
  a2b_book *book = *state;
  a2b_resources *rs = a2b_resources_new(book);
  size_t n;
  unsigned char *png = fixture("tiny.png", &n);
  write_file("a.png", png, n);
  write_file("copy-of-a.bin", png, n);
  char *err = NULL, name[64];
  const a2b_resource *r = a2b_resources_add_file(rs, tmp_path("a.png"), &err);
  assert_non_null(r);
  assert_null(err);
  expected_name(png, n, "png", name);
  assert_string_equal(r->name, name);
  assert_string_equal(r->media_type, "image/png");
  assert_string_equal(r->source, tmp_path("a.png"));
  assert_int_equal(r->width, 5);
  assert_int_equal(r->height, 3);
  assert_int_equal(r->size, n);
  assert_memory_equal(r->data, png, n);
  assert_int_equal(book->n_resources, 1);
  assert_ptr_equal(book->resources[0], r);

  /* Same bytes under another name: the same resource. */
  assert_ptr_equal(a2b_resources_add_file(rs, tmp_path("copy-of-a.bin"), &err), r);
  /* A path is read once: changing the file afterwards changes nothing. */
  write_file("a.png", "not an image", 12);
  assert_ptr_equal(a2b_resources_add_file(rs, tmp_path("a.png"), &err), r);
  assert_int_equal(book->n_resources, 1);

  /* Same bytes through add_bytes. */
  assert_ptr_equal(a2b_resources_add_bytes(rs, NULL, png, n, &err), r);
  a2b_resources_free(rs);

  /* A new index over the same book knows the existing resources. */
  rs = a2b_resources_new(book);
  assert_ptr_equal(a2b_resources_add_bytes(rs, "data:", png, n, &err), r);
  assert_int_equal(book->n_resources, 1);
  a2b_resources_free(rs);
  free(png);
}

static void test_errors(void **state) {
  a2b_book *book = *state;
  a2b_resources *rs = a2b_resources_new(book);
  char *err = NULL;
  write_file("notes.txt", "hello", 5);
  assert_null(a2b_resources_add_file(rs, tmp_path("notes.txt"), &err));
  assert_string_equal(err, "not a recognised image format (PNG, JPEG, GIF, WebP, SVG, TIFF, BMP)");
  free(err);
  /* The failure is cached too, even after the file is fixed. */
  size_t n;
  unsigned char *gif = fixture("tiny.gif", &n);
  write_file("notes.txt", gif, n);
  assert_null(a2b_resources_add_file(rs, tmp_path("notes.txt"), &err));
  assert_string_equal(err, "not a recognised image format (PNG, JPEG, GIF, WebP, SVG, TIFF, BMP)");
  free(err);
  free(gif);

  assert_null(a2b_resources_add_file(rs, tmp_path("absent.png"), &err));
  assert_string_equal(err, "cannot read (No such file or directory)");
  free(err);
  assert_null(a2b_resources_add_file(rs, dir, &err));
  assert_string_equal(err, "not a regular file");
  free(err);

  const char *bad_svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><g></svg>";
  write_file("bad.svg", bad_svg, strlen(bad_svg));
  assert_null(a2b_resources_add_file(rs, tmp_path("bad.svg"), &err));
  assert_true(strncmp(err, "malformed SVG (line 1: ", 23) == 0);
  free(err);

  /* A sparse file just over the limit. */
  FILE *f = fopen(tmp_path("huge.png"), "wb");
  assert_non_null(f);
  assert_int_equal(ftruncate(fileno(f), (off_t)A2B_RESOURCE_MAX_SIZE + 1), 0);
  fclose(f);
  assert_null(a2b_resources_add_file(rs, tmp_path("huge.png"), &err));
  assert_string_equal(err, "larger than 64 MB");
  free(err);
  assert_int_equal(book->n_resources, 0);
  a2b_resources_free(rs);
}

static void test_svg_is_sanitised(void **state) {
  a2b_book *book = *state;
  a2b_resources *rs = a2b_resources_new(book);
  const char *svg = "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"svg11.dtd\">"
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"30\" "
                    "onload=\"x()\"><script>x()</script><rect width=\"4\"/></svg>";
  write_file("d.svg", svg, strlen(svg));
  char *err = NULL, name[64];
  const a2b_resource *r = a2b_resources_add_file(rs, tmp_path("d.svg"), &err);
  assert_non_null(r);
  assert_string_equal(r->media_type, "image/svg+xml");
  assert_int_equal(r->width, 40);
  assert_int_equal(r->height, 30);
  char *text = strndup((const char *)r->data, r->size);
  assert_null(strstr(text, "script"));
  assert_null(strstr(text, "onload"));
  assert_null(strstr(text, "DOCTYPE"));
  assert_non_null(strstr(text, "<rect width=\"4\"/>"));
  free(text);
  expected_name(r->data, r->size, "svg", name); /* named by the final bytes */
  assert_string_equal(r->name, name);
  a2b_resources_free(rs);
}

/* Thousands of distinct images: the array grows, pointers stay valid,
 * lookups find each one again. */
static void test_many(void **state) {
  a2b_book *book = *state;
  a2b_resources *rs = a2b_resources_new(book);
  enum { N = 3000 };
  const a2b_resource **seen = malloc(N * sizeof *seen);
  unsigned char gif[16] = "GIF89a";
  char *err = NULL;
  for (int i = 0; i < N; i++) {
    gif[6] = (unsigned char)(i & 0xFF);
    gif[7] = (unsigned char)(i >> 8);
    gif[8] = 1;
    seen[i] = a2b_resources_add_bytes(rs, NULL, gif, sizeof gif, &err);
    assert_non_null(seen[i]);
  }
  assert_int_equal(book->n_resources, N);
  for (int i = 0; i < N; i++) {
    gif[6] = (unsigned char)(i & 0xFF);
    gif[7] = (unsigned char)(i >> 8);
    assert_ptr_equal(a2b_resources_add_bytes(rs, NULL, gif, sizeof gif, &err), seen[i]);
    assert_ptr_equal(book->resources[i], seen[i]);
    assert_int_equal(seen[i]->width, i);
  }
  assert_int_equal(book->n_resources, N);
  free(seen);
  a2b_resources_free(rs);
}

/* WebP, TIFF and BMP go in converted; the converted image is named by its
 * own bytes, and the same source bytes (under any name) or the converted
 * bytes themselves find it again. */
static void test_converted(void **state) {
  a2b_book *book = *state;
  a2b_resources *rs = a2b_resources_new(book);
  size_t n;
  unsigned char *bmp = fixture("tiny.bmp", &n);
  write_file("a.bmp", bmp, n);
  write_file("b.bmp", bmp, n);
  char *err = NULL, name[64];
  const a2b_resource *r = a2b_resources_add_file(rs, tmp_path("a.bmp"), &err);
  assert_non_null(r);
  assert_string_equal(r->media_type, "image/png");
  assert_int_equal(r->width, 3);
  assert_int_equal(r->height, 2);
  assert_memory_equal(r->data, "\x89PNG", 4);
  expected_name(r->data, r->size, "png", name);
  assert_string_equal(r->name, name);
  assert_string_equal(r->source, tmp_path("a.bmp"));
  assert_ptr_equal(a2b_resources_add_file(rs, tmp_path("b.bmp"), &err), r);
  assert_ptr_equal(a2b_resources_add_bytes(rs, NULL, r->data, r->size, &err), r);
  assert_int_equal(book->n_resources, 1);
  free(bmp);

  /* A policy set on the index applies to what is added next. */
  a2b_resources_set_policy(rs, &(a2b_image_policy){2, true});
  unsigned char *png = fixture("tiny.png", &n);
  r = a2b_resources_add_bytes(rs, NULL, png, n, &err);
  assert_non_null(r);
  assert_int_equal(r->width, 2);
  assert_int_equal(r->height, 1);
  assert_int_equal(r->data[25], 0); /* gray */
  assert_int_equal(book->n_resources, 2);
  free(png);

  /* A cut JPEG is refused with a reason, and nothing is added. */
  unsigned char *jpg = fixture("tiny.jpg", &n);
  write_file("cut.jpg", jpg, n / 2);
  assert_null(a2b_resources_add_file(rs, tmp_path("cut.jpg"), &err));
  assert_string_equal(err, "truncated JPEG (it ends before its end-of-image marker)");
  free(err);
  assert_int_equal(book->n_resources, 2);
  free(jpg);
  a2b_resources_free(rs);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_file_dedupe_and_cache, setup, teardown),
      cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
      cmocka_unit_test_setup_teardown(test_svg_is_sanitised, setup, teardown),
      cmocka_unit_test_setup_teardown(test_many, setup, teardown),
      cmocka_unit_test_setup_teardown(test_converted, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
