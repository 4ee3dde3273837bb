/* Sniffing image types and sizes from bytes, including every truncation. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"

static unsigned char *slurp(const char *name, size_t *size) {
  char path[512];
  snprintf(path, sizeof path, "%s/tests/fixtures/images/%s", A2B_SRC, name);
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  unsigned char *buf = malloc(1 << 16);
  *size = fread(buf, 1, 1 << 16, f);
  fclose(f);
  return buf;
}

static const struct {
  const char *file, *type, *ext;
  int w, h;
} fixtures[] = {
    {"tiny.png", "image/png", "png", 5, 3},
    {"tiny.gif", "image/gif", "gif", 4, 6},
    {"tiny.jpg", "image/jpeg", "jpg", 13, 7},
    {"tiny.bmp", "image/bmp", "bmp", 3, 2},
    {"tiny-le.tif", "image/tiff", "tif", 4, 3},
    {"tiny-be.tif", "image/tiff", "tif", 2, 5},
    {"tiny-vp8.webp", "image/webp", "webp", 7, 9},
    {"tiny-vp8l.webp", "image/webp", "webp", 300, 200},
    {"tiny-vp8x.webp", "image/webp", "webp", 640, 480},
    {"prolog.svg", "image/svg+xml", "svg", 735, 405},  /* 551pt x 304pt */
    {"viewbox.svg", "image/svg+xml", "svg", 301, 150}, /* width="100%": viewBox */
};

static void test_fixtures(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof fixtures / sizeof *fixtures; i++) {
    size_t n;
    unsigned char *d = slurp(fixtures[i].file, &n);
    a2b_image_info info;
    assert_true(a2b_image_sniff(d, n, &info));
    assert_string_equal(info.media_type, fixtures[i].type);
    assert_string_equal(info.ext, fixtures[i].ext);
    assert_int_equal(info.width, fixtures[i].w);
    assert_int_equal(info.height, fixtures[i].h);
    free(d);
  }
}

/* Every prefix of every fixture, each in an exact-size heap block so that
 * ASan/valgrind catch any read past the end. A prefix never yields a
 * different type or a wrong size: either the full answer, or 0x0. */
static void test_every_prefix(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof fixtures / sizeof *fixtures; i++) {
    size_t n;
    unsigned char *d = slurp(fixtures[i].file, &n);
    for (size_t len = 0; len <= n; len++) {
      unsigned char *p = malloc(len ? len : 1);
      memcpy(p, d, len);
      a2b_image_info info;
      if (a2b_image_sniff(len ? p : NULL, len, &info)) {
        assert_string_equal(info.media_type, fixtures[i].type);
        assert_true((info.width == 0 && info.height == 0) ||
                    (info.width == fixtures[i].w && info.height == fixtures[i].h));
      } else {
        assert_null(info.media_type);
      }
      free(p);
    }
    free(d);
  }
}

/* Corrupt bytes (every byte of each fixture flipped in turn) never crash. */
static void test_corrupt_bytes(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof fixtures / sizeof *fixtures; i++) {
    size_t n;
    unsigned char *d = slurp(fixtures[i].file, &n);
    unsigned char *p = malloc(n);
    for (size_t k = 0; k < n; k++) {
      memcpy(p, d, n);
      p[k] ^= 0xFF;
      a2b_image_info info;
      if (a2b_image_sniff(p, n, &info)) {
        assert_true(info.width >= 0 && info.height >= 0);
        assert_true(info.width <= 1 << 20 && info.height <= 1 << 20);
      }
    }
    free(p);
    free(d);
  }
}

static bool sniff_str(const char *s, a2b_image_info *info) {
  return a2b_image_sniff((const unsigned char *)s, strlen(s), info);
}

static void test_svg_roots(void **state) {
  (void)state;
  a2b_image_info info;
  assert_true(sniff_str("<svg width='20' height=\"10px\"/>", &info));
  assert_int_equal(info.width, 20);
  assert_int_equal(info.height, 10);
  assert_true(sniff_str("<?xml version='1.0'?><!DOCTYPE svg [ <!ENTITY a '>'> ]>"
                        "<?pi x?><!-- <html> --><svg\nviewBox='0 0 40 30' width='80'>",
                        &info));
  assert_int_equal(info.width, 80); /* height from the viewBox aspect ratio */
  assert_int_equal(info.height, 60);
  assert_true(sniff_str("<svg width='2em' height='3em'>", &info)); /* relative: unknown */
  assert_int_equal(info.width, 0);
  assert_false(sniff_str("<svgfoo/>", &info));
  assert_false(sniff_str("<html><svg/></html>", &info));
  assert_false(sniff_str("<!-- unterminated <svg>", &info));
  assert_false(sniff_str("plain text", &info));
  assert_null(info.media_type);
  assert_false(sniff_str("BM but not a bitmap header at all", &info));
}

/* JPEG whose segment length runs past the end, and one with a zero length. */
static void test_jpeg_bad_segments(void **state) {
  (void)state;
  static const unsigned char long_seg[] = {0xFF, 0xD8, 0xFF, 0xE0, 0xFF, 0xF0, 'J', 'F'};
  static const unsigned char zero_len[] = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x00, 0xFF, 0xC0,
                                           0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x10};
  a2b_image_info info;
  assert_true(a2b_image_sniff(long_seg, sizeof long_seg, &info));
  assert_string_equal(info.media_type, "image/jpeg");
  assert_int_equal(info.width, 0);
  assert_true(a2b_image_sniff(zero_len, sizeof zero_len, &info));
  assert_int_equal(info.width, 0);
}

/* Every image in the corpus: the type agrees with the file name, the size is known. */
static int corpus_images;
static int visit(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)ftw;
  const char *dot = strrchr(path, '.');
  if (flag != FTW_F || !dot) return 0;
  const char *ext = strcmp(dot, ".jpeg") == 0 ? "jpg" : dot + 1;
  if (strcmp(ext, "png") && strcmp(ext, "jpg") && strcmp(ext, "gif") && strcmp(ext, "svg") &&
      strcmp(ext, "webp"))
    return 0;
  FILE *f = fopen(path, "rb");
  unsigned char *buf = malloc((size_t)st->st_size);
  size_t n = fread(buf, 1, (size_t)st->st_size, f);
  fclose(f);
  a2b_image_info info;
  if (!a2b_image_sniff(buf, n, &info)) fail_msg("%s: not recognised", path);
  assert_string_equal(info.ext, ext);
  if (info.width <= 0 || info.height <= 0) fail_msg("%s: no size", path);
  corpus_images++;
  free(buf);
  return 0;
}

static void test_corpus_images(void **state) {
  (void)state;
  FILE *probe = fopen(A2B_SRC "/../shared/corpus/uttk-zenn-contents/SOURCE.md", "r");
  if (!probe) skip();
  fclose(probe);
  assert_int_equal(nftw(A2B_SRC "/../shared/corpus", visit, 16, FTW_PHYS), 0);
  assert_true(corpus_images > 100);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fixtures),          cmocka_unit_test(test_every_prefix),
      cmocka_unit_test(test_corrupt_bytes),     cmocka_unit_test(test_svg_roots),
      cmocka_unit_test(test_jpeg_bad_segments), cmocka_unit_test(test_corpus_images),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
