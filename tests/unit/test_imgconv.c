/* Image conversion: each decoder, the size limit, truncation, EXIF
 * orientation, grayscale, downscaling, encoders and the conversion policy.
 * Test images are the committed fixtures or made here with the libraries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tiffio.h>
#include <unistd.h>
#include <webp/encode.h>

#include "imgconv.h"

/* ---- helpers ------------------------------------------------------------- */

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

/* A w x h image: kind 0 is four flat quadrants (few colours), kind 1 a
 * noisy gradient (thousands of colours, like a photograph). Alpha, when
 * there, is opaque except where `hole` says. */
static a2b_pixels make(int w, int h, int ch, int kind, bool hole) {
  a2b_pixels px = {w, h, ch, malloc((size_t)w * h * ch)};
  static const unsigned char quad[4][3] = {{200, 30, 30}, {30, 200, 30}, {30, 30, 200}, {240, 240, 240}};
  uint32_t seed = 12345;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) {
      unsigned char *p = px.data + ((size_t)y * w + x) * ch, rgb[3];
      if (kind == 0) {
        memcpy(rgb, quad[(y >= h / 2) * 2 + (x >= w / 2)], 3);
      } else {
        seed = seed * 1103515245u + 12345u;
        int noise = (int)(seed >> 28) - 8;
        rgb[0] = (unsigned char)(x * 255 / w);
        rgb[1] = (unsigned char)(y * 255 / h);
        rgb[2] = (unsigned char)(128 + noise);
      }
      if (ch <= 2) {
        p[0] = rgb[1];
      } else {
        memcpy(p, rgb, 3);
      }
      if (ch % 2 == 0) p[ch - 1] = hole && x < w / 4 ? 0 : 255;
    }
  return px;
}

static unsigned char *png_of(const a2b_pixels *px, size_t *n) {
  static const png_uint_32 formats[] = {PNG_FORMAT_GRAY, PNG_FORMAT_GA, PNG_FORMAT_RGB,
                                        PNG_FORMAT_RGBA};
  png_image im = {.version = PNG_IMAGE_VERSION, .width = px->width, .height = px->height,
                  .format = formats[px->channels - 1]};
  png_alloc_size_t size = 0;
  assert_true(png_image_write_to_memory(&im, NULL, &size, 0, px->data, 0, NULL));
  unsigned char *out = malloc(size);
  assert_true(png_image_write_to_memory(&im, out, &size, 0, px->data, 0, NULL));
  *n = size;
  return out;
}

static unsigned char *webp_of(const a2b_pixels *px, bool lossless, size_t *n) {
  uint8_t *out = NULL;
  int stride = px->width * px->channels;
  if (lossless)
    *n = px->channels == 4 ? WebPEncodeLosslessRGBA(px->data, px->width, px->height, stride, &out)
                           : WebPEncodeLosslessRGB(px->data, px->width, px->height, stride, &out);
  else
    *n = px->channels == 4 ? WebPEncodeRGBA(px->data, px->width, px->height, stride, 80, &out)
                           : WebPEncodeRGB(px->data, px->width, px->height, stride, 80, &out);
  assert_true(*n > 0);
  unsigned char *copy = malloc(*n);
  memcpy(copy, out, *n);
  WebPFree(out);
  return copy;
}

static unsigned char *tiff_of(const a2b_pixels *px, int compression, int orientation, size_t *n) {
  char path[] = "/tmp/a2b-imgconv-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  close(fd);
  TIFF *t = TIFFOpen(path, "w");
  assert_non_null(t);
  TIFFSetField(t, TIFFTAG_IMAGEWIDTH, px->width);
  TIFFSetField(t, TIFFTAG_IMAGELENGTH, px->height);
  TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, px->channels);
  TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 8);
  TIFFSetField(t, TIFFTAG_PHOTOMETRIC, px->channels >= 3 ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK);
  TIFFSetField(t, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
  TIFFSetField(t, TIFFTAG_COMPRESSION, compression);
  TIFFSetField(t, TIFFTAG_ORIENTATION, orientation);
  if (px->channels % 2 == 0) {
    uint16_t extra = EXTRASAMPLE_UNASSALPHA;
    TIFFSetField(t, TIFFTAG_EXTRASAMPLES, 1, &extra);
  }
  TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, compression == COMPRESSION_JPEG ? 16 : px->height);
  for (int y = 0; y < px->height; y++)
    assert_true(TIFFWriteScanline(t, px->data + (size_t)y * px->width * px->channels, y, 0) >= 0);
  TIFFClose(t);
  FILE *f = fopen(path, "rb");
  fseek(f, 0, SEEK_END);
  *n = (size_t)ftell(f);
  rewind(f);
  unsigned char *out = malloc(*n);
  assert_int_equal(fread(out, 1, *n, f), *n);
  fclose(f);
  unlink(path);
  return out;
}

static unsigned char *jpeg_of(const a2b_pixels *px, size_t *n) {
  char *err = NULL;
  unsigned char *out = a2b_jpeg_encode(px, 90, n, &err);
  assert_non_null(out);
  return out;
}

/* The JPEG with an EXIF APP1 (big-endian TIFF, one IFD entry: orientation)
 * inserted after SOI. */
static unsigned char *with_exif(const unsigned char *jpeg, size_t n, int orientation, size_t *out_n) {
  const unsigned char app1[] = {0xFF, 0xE1, 0, 34, 'E', 'x', 'i', 'f', 0, 0,  /* 2 + 32 */
                                'M', 'M', 0, 42, 0, 0, 0, 8,                  /* header */
                                0, 1,                                         /* 1 entry */
                                0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (unsigned char)orientation, 0, 0,
                                0, 0, 0, 0}; /* no next IFD */
  *out_n = n + sizeof app1;
  unsigned char *out = malloc(*out_n);
  memcpy(out, jpeg, 2);
  memcpy(out + 2, app1, sizeof app1);
  memcpy(out + 2 + sizeof app1, jpeg + 2, n - 2);
  return out;
}

static const unsigned char *pixel(const a2b_pixels *px, int x, int y) {
  return px->data + ((size_t)y * px->width + x) * px->channels;
}

static void assert_near(int got, int want, int tolerance) {
  if (abs(got - want) > tolerance) fail_msg("%d is not within %d of %d", got, tolerance, want);
}

/* Equal pixels, where the colour of fully transparent ones does not count
 * (encoders may drop it). */
static void assert_same_visible(const a2b_pixels *a, const a2b_pixels *b) {
  assert_int_equal(a->channels, b->channels);
  size_t n = (size_t)a->width * a->height, ch = (size_t)a->channels;
  for (size_t i = 0; i < n; i++) {
    const unsigned char *p = a->data + i * ch, *q = b->data + i * ch;
    bool hidden = ch % 2 == 0 && q[ch - 1] == 0;
    if (hidden ? p[ch - 1] != 0 : memcmp(p, q, ch) != 0) fail_msg("pixel %zu differs", i);
  }
}

static a2b_decoded decode_ok(const unsigned char *d, size_t n) {
  a2b_image_info info;
  assert_true(a2b_image_sniff(d, n, &info));
  a2b_decoded dec;
  char *err = NULL;
  if (!a2b_image_decode(d, n, &info, &dec, &err)) fail_msg("decode failed: %s", err);
  return dec;
}

/* Run the policy; *changed says whether new bytes came out. Fails the test
 * on an error. Returns the final bytes (the input when unchanged). */
static unsigned char *prepare_ok(const unsigned char *d, size_t n, a2b_image_policy policy,
                                 a2b_image_info *info, size_t *out_n, bool *changed) {
  assert_true(a2b_image_sniff(d, n, info));
  unsigned char *out = NULL;
  char *err = NULL;
  if (!a2b_imgconv_prepare(d, n, info, &policy, &out, out_n, &err)) fail_msg("prepare: %s", err);
  *changed = out != NULL;
  if (!out) {
    out = malloc(n);
    memcpy(out, d, n);
    *out_n = n;
  }
  return out;
}

static char *prepare_err(const unsigned char *d, size_t n, a2b_image_policy policy) {
  a2b_image_info info;
  assert_true(a2b_image_sniff(d, n, &info));
  unsigned char *out = NULL;
  size_t out_n;
  char *err = NULL;
  assert_false(a2b_imgconv_prepare(d, n, &info, &policy, &out, &out_n, &err));
  assert_null(out);
  assert_non_null(err);
  return err;
}

static const a2b_image_policy keep = {1600, false};

/* ---- decoders ------------------------------------------------------------ */

static void test_png(void **state) {
  (void)state;
  size_t n;
  unsigned char *d = slurp("tiny.png", &n); /* pixel (x, y) = (40x, 60y, 200) */
  a2b_decoded dec = decode_ok(d, n);
  assert_int_equal(dec.px.width, 5);
  assert_int_equal(dec.px.height, 3);
  assert_int_equal(dec.px.channels, 3);
  assert_false(dec.photographic);
  assert_memory_equal(pixel(&dec.px, 4, 2), ((unsigned char[]){160, 120, 200}), 3);
  a2b_pixels_free(&dec.px);
  free(d);
  /* Gray + alpha stays two channels, exactly. */
  a2b_pixels ga = make(9, 4, 2, 0, true);
  d = png_of(&ga, &n);
  dec = decode_ok(d, n);
  assert_int_equal(dec.px.channels, 2);
  assert_memory_equal(dec.px.data, ga.data, 9 * 4 * 2);
  a2b_pixels_free(&dec.px);
  a2b_pixels_free(&ga);
  free(d);
}

static void test_jpeg(void **state) {
  (void)state;
  size_t n;
  unsigned char *d = slurp("tiny.jpg", &n); /* 13x7 uniform mid grey, grayscale */
  a2b_decoded dec = decode_ok(d, n);
  assert_int_equal(dec.px.width, 13);
  assert_int_equal(dec.px.height, 7);
  assert_int_equal(dec.px.channels, 1);
  assert_true(dec.photographic);
  assert_int_equal(dec.orientation, 1);
  assert_near(pixel(&dec.px, 12, 6)[0], 128, 2);
  a2b_pixels_free(&dec.px);
  free(d);
  a2b_pixels rgb = make(32, 16, 3, 0, false);
  d = jpeg_of(&rgb, &n);
  dec = decode_ok(d, n);
  assert_int_equal(dec.px.channels, 3);
  for (int c = 0; c < 3; c++) {
    assert_near(pixel(&dec.px, 3, 3)[c], pixel(&rgb, 3, 3)[c], 8);
    assert_near(pixel(&dec.px, 28, 12)[c], pixel(&rgb, 28, 12)[c], 8);
  }
  a2b_pixels_free(&dec.px);
  a2b_pixels_free(&rgb);
  free(d);
}

static void test_webp(void **state) {
  (void)state;
  a2b_pixels rgba = make(20, 10, 4, 0, true);
  size_t n;
  unsigned char *d = webp_of(&rgba, true, &n);
  a2b_decoded dec = decode_ok(d, n);
  assert_int_equal(dec.px.channels, 4);
  assert_false(dec.photographic);
  assert_same_visible(&dec.px, &rgba); /* lossless */
  a2b_pixels_free(&dec.px);
  free(d);
  a2b_pixels rgb = make(20, 10, 3, 1, false);
  d = webp_of(&rgb, false, &n);
  dec = decode_ok(d, n);
  assert_int_equal(dec.px.width, 20);
  assert_int_equal(dec.px.channels, 3);
  assert_true(dec.photographic);
  a2b_pixels_free(&dec.px);
  free(d);
  /* A header-only fixture: decoding fails with a message, not a crash. */
  d = slurp("tiny-vp8l.webp", &n);
  a2b_image_info info;
  assert_true(a2b_image_sniff(d, n, &info));
  char *err = NULL;
  assert_false(a2b_image_decode(d, n, &info, &dec, &err));
  assert_true(strncmp(err, "corrupt WebP (", 14) == 0);
  assert_null(dec.px.data);
  free(err);
  free(d);
  a2b_pixels_free(&rgba);
  a2b_pixels_free(&rgb);
}

static void test_tiff(void **state) {
  (void)state;
  size_t n;
  unsigned char *d = slurp("tiny-be.tif", &n); /* 2x5 gray, big-endian, values 0..9 */
  a2b_decoded dec = decode_ok(d, n);
  assert_int_equal(dec.px.width, 2);
  assert_int_equal(dec.px.height, 5);
  assert_int_equal(dec.px.channels, 1);
  assert_memory_equal(dec.px.data, ((unsigned char[]){0, 1, 2, 3, 4, 5, 6, 7, 8, 9}), 10);
  a2b_pixels_free(&dec.px);
  free(d);
  d = slurp("tiny-le.tif", &n); /* 4x3 gray, little-endian, values 0..11 */
  dec = decode_ok(d, n);
  assert_int_equal(dec.px.width, 4);
  assert_int_equal(pixel(&dec.px, 3, 2)[0], 11);
  a2b_pixels_free(&dec.px);
  free(d);
  a2b_pixels rgba = make(12, 6, 4, 0, true);
  d = tiff_of(&rgba, COMPRESSION_LZW, ORIENTATION_TOPLEFT, &n);
  dec = decode_ok(d, n);
  assert_int_equal(dec.px.channels, 4);
  assert_false(dec.photographic);
  assert_same_visible(&dec.px, &rgba);
  a2b_pixels_free(&dec.px);
  free(d);
  a2b_pixels_free(&rgba);
}

/* A BMP file around a DIB header of `hsize` bytes (fields past the first
 * 40 zero), an optional table (palette or masks) and pixel bytes. */
static unsigned char *bmp_file(int w, int h, int bpp, int compression, uint32_t hsize,
                               const void *table, size_t table_n, const void *pixels,
                               size_t pixels_n, size_t *n) {
  *n = 14 + hsize + table_n + pixels_n;
  unsigned char *d = calloc(1, *n);
  uint32_t off = 14 + hsize + (uint32_t)table_n;
  memcpy(d, "BM", 2);
  memcpy(d + 2, &(uint32_t){(uint32_t)*n}, 4);
  memcpy(d + 10, &off, 4);
  memcpy(d + 14, &hsize, 4);
  memcpy(d + 18, &(int32_t){w}, 4);
  memcpy(d + 22, &(int32_t){h}, 4);
  memcpy(d + 26, &(uint16_t){1}, 2);
  memcpy(d + 28, &(uint16_t){(uint16_t)bpp}, 2);
  memcpy(d + 30, &(uint32_t){(uint32_t)compression}, 4);
  if (table_n) memcpy(d + 14 + hsize, table, table_n);
  memcpy(d + off, pixels, pixels_n);
  return d;
}

static a2b_decoded bmp_ok_at(unsigned char *d, size_t n, int line) {
  a2b_decoded dec;
  char *err = NULL;
  if (!a2b_bmp_decode(d, n, &dec, &err)) fail_msg("BMP at line %d: %s", line, err);
  free(d);
  return dec;
}
#define bmp_ok(d, n) bmp_ok_at(d, n, __LINE__)

static void test_bmp(void **state) {
  (void)state;
  size_t n;
  unsigned char *d = slurp("tiny.bmp", &n); /* 3x2, 24 bits, top-down, all (255, 128, 0) */
  a2b_decoded dec = decode_ok(d, n);
  assert_int_equal(dec.px.width, 3);
  assert_int_equal(dec.px.height, 2);
  assert_memory_equal(pixel(&dec.px, 2, 1), ((unsigned char[]){255, 128, 0}), 3);
  a2b_pixels_free(&dec.px);
  free(d);

  /* 1 bit, bottom-up: rows are stored last row first, padded to 4 bytes. */
  const unsigned char pal2[] = {0, 0, 0, 0, 255, 255, 255, 0};
  const unsigned char bits1[] = {0x80, 0, 0, 0, 0x40, 0, 0, 0}; /* row 1: x=0 set; row 0: x=1 */
  d = bmp_file(3, 2, 1, 0, 40, pal2, sizeof pal2, bits1, sizeof bits1, &n);
  dec = bmp_ok(d, n);
  assert_int_equal(pixel(&dec.px, 0, 1)[0], 255);
  assert_int_equal(pixel(&dec.px, 1, 0)[0], 255);
  assert_int_equal(pixel(&dec.px, 0, 0)[0], 0);
  a2b_pixels_free(&dec.px);

  /* 4 bits, palette entry 1 is blue (B G R order in the file). */
  const unsigned char pal16[16 * 4] = {[4] = 255};
  const unsigned char bits4[] = {0x10, 0, 0, 0};
  d = bmp_file(2, 1, 4, 0, 40, pal16, sizeof pal16, bits4, sizeof bits4, &n);
  dec = bmp_ok(d, n);
  assert_memory_equal(pixel(&dec.px, 0, 0), ((unsigned char[]){0, 0, 255}), 3);
  assert_memory_equal(pixel(&dec.px, 1, 0), ((unsigned char[]){0, 0, 0}), 3);
  a2b_pixels_free(&dec.px);

  /* 8 bits, RLE8: a run of 3 x index 1, an absolute run (2, 1, 2), end. */
  unsigned char pal256[256 * 4] = {0};
  pal256[4 + 2] = 255; /* index 1: red */
  pal256[8 + 1] = 255; /* index 2: green */
  const unsigned char rle[] = {3, 1, 0, 0, 0, 3, 2, 1, 2, 0, 0, 1};
  d = bmp_file(3, 2, 8, 1, 40, pal256, sizeof pal256, rle, sizeof rle, &n);
  dec = bmp_ok(d, n);
  assert_memory_equal(pixel(&dec.px, 2, 1), ((unsigned char[]){255, 0, 0}), 3); /* bottom row */
  assert_memory_equal(pixel(&dec.px, 0, 0), ((unsigned char[]){0, 255, 0}), 3);
  assert_memory_equal(pixel(&dec.px, 1, 0), ((unsigned char[]){255, 0, 0}), 3);
  a2b_pixels_free(&dec.px);

  /* 32 bits with bit fields and an alpha mask (V5 header), top-down. */
  unsigned char v5[124 - 40] = {0};
  const uint32_t masks[4] = {0x00FF0000, 0x0000FF00, 0x000000FF, 0xFF000000};
  memcpy(v5, masks, sizeof masks);
  const uint32_t px32[2] = {0x80FF0000, 0xFF0000FF}; /* half-transparent red, opaque blue */
  unsigned char *f = bmp_file(2, -1, 32, 3, 124, NULL, 0, px32, sizeof px32, &n);
  memcpy(f + 14 + 40, v5, sizeof v5);
  dec = bmp_ok(f, n);
  assert_int_equal(dec.px.channels, 4);
  assert_memory_equal(dec.px.data, ((unsigned char[]){255, 0, 0, 128, 0, 0, 255, 255}), 8);
  a2b_pixels_free(&dec.px);

  /* Refused forms say what they are. */
  char *err = NULL;
  d = bmp_file(2, 1, 4, 2, 40, pal16, sizeof pal16, bits4, sizeof bits4, &n);
  assert_false(a2b_bmp_decode(d, n, &dec, &err));
  assert_string_equal(err, "BMP with RLE4 compression is not supported");
  free(err);
  free(d);
  d = bmp_file(2, 1, 24, 0, 40, NULL, 0, "\1\2\3", 3, &n); /* row needs 8 bytes */
  assert_false(a2b_bmp_decode(d, n, &dec, &err));
  assert_string_equal(err, "truncated BMP (pixel data ends early)");
  free(err);
  free(d);
}

/* ---- limits and broken files --------------------------------------------- */

static uint32_t crc32_of(const unsigned char *p, size_t n) {
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; i++) {
    c ^= p[i];
    for (int k = 0; k < 8; k++)
      c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
  }
  return ~c;
}

/* A PNG that declares 100000 x 100000 pixels and has no pixel data at all:
 * refused by its header, before any decoding. */
static void test_absurd_size(void **state) {
  (void)state;
  unsigned char d[33] = "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR";
  const unsigned char ihdr[] = {0, 1, 0x86, 0xA0, 0, 1, 0x86, 0xA0, 8, 2, 0, 0, 0};
  memcpy(d + 16, ihdr, sizeof ihdr);
  uint32_t crc = crc32_of(d + 12, 17);
  unsigned char be[4] = {(unsigned char)(crc >> 24), (unsigned char)(crc >> 16),
                         (unsigned char)(crc >> 8), (unsigned char)crc};
  memcpy(d + 29, be, 4);
  char *err = prepare_err(d, sizeof d, keep);
  assert_string_equal(err, "declared size 100000x100000 pixels is too large (limit: 30000 a "
                           "side, 100 megapixels)");
  free(err);
  /* The decoder checks the same before allocating. */
  a2b_decoded dec;
  assert_false(a2b_png_decode(d, sizeof d, &dec, &err));
  if (strncmp(err, "declared size 100000x100000", 27)) fail_msg("%s", err);
  free(err);
  /* Each side within the limit, the area not: 20000 x 20000 = 400 MP. */
  d[18] = 0x4E, d[19] = 0x20, d[22] = 0x4E, d[23] = 0x20;
  d[17] = d[21] = 0;
  err = prepare_err(d, sizeof d, keep);
  assert_non_null(strstr(err, "20000x20000"));
  free(err);
}

static void test_truncated(void **state) {
  (void)state;
  a2b_pixels rgb = make(64, 64, 3, 1, false);
  size_t n;
  unsigned char *d = jpeg_of(&rgb, &n);
  /* Kept as it is when whole, refused when cut anywhere after the header. */
  a2b_image_info info;
  size_t out_n;
  bool changed;
  free(prepare_ok(d, n, keep, &info, &out_n, &changed));
  assert_false(changed);
  char *err = prepare_err(d, n / 2, keep);
  assert_string_equal(err, "truncated JPEG (it ends before its end-of-image marker)");
  free(err);
  /* Decoding the cut file (e.g. to scale it) fails too: no grey fill. */
  a2b_decoded dec;
  assert_false(a2b_jpeg_decode(d, n / 2, &dec, &err));
  assert_string_equal(err, "corrupt JPEG (Premature end of JPEG file)");
  assert_null(dec.px.data);
  free(err);
  free(d);
  d = png_of(&rgb, &n);
  err = prepare_err(d, n - 20, keep);
  assert_string_equal(err, "truncated PNG (it ends before its IEND chunk)");
  free(err);
  free(d);
  a2b_pixels_free(&rgb);
}

/* ---- orientation --------------------------------------------------------- */

static void test_orient_pixels(void **state) {
  (void)state;
  /* 3 x 2, one channel:  1 2 3
   *                      4 5 6   */
  static const struct {
    int o, w, h;
    unsigned char want[6];
  } cases[] = {
      {1, 3, 2, {1, 2, 3, 4, 5, 6}}, {2, 3, 2, {3, 2, 1, 6, 5, 4}}, {3, 3, 2, {6, 5, 4, 3, 2, 1}},
      {4, 3, 2, {4, 5, 6, 1, 2, 3}}, {5, 2, 3, {1, 4, 2, 5, 3, 6}}, {6, 2, 3, {4, 1, 5, 2, 6, 3}},
      {7, 2, 3, {6, 3, 5, 2, 4, 1}}, {8, 2, 3, {3, 6, 2, 5, 1, 4}},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    a2b_pixels px = {3, 2, 1, malloc(6)};
    memcpy(px.data, (unsigned char[]){1, 2, 3, 4, 5, 6}, 6);
    a2b_pixels_orient(&px, cases[i].o);
    assert_int_equal(px.width, cases[i].w);
    assert_int_equal(px.height, cases[i].h);
    if (memcmp(px.data, cases[i].want, 6)) fail_msg("orientation %d", cases[i].o);
    a2b_pixels_free(&px);
  }
}

static void test_exif(void **state) {
  (void)state;
  const unsigned char le[] = {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0,
                              8, 0, 0, 0};
  assert_int_equal(a2b_exif_orientation(le, sizeof le), 8);
  assert_int_equal(a2b_exif_orientation(le, sizeof le - 4), 1); /* entry cut off */
  unsigned char bad[sizeof le];
  memcpy(bad, le, sizeof le);
  bad[18] = 9; /* out of range */
  assert_int_equal(a2b_exif_orientation(bad, sizeof bad), 1);
}

/* A landscape JPEG, left half red, right half blue, tagged orientation 6
 * (rotate 90 degrees clockwise to view): the result is portrait, red on top,
 * and carries no orientation any more. */
static void test_exif_rotates(void **state) {
  (void)state;
  a2b_pixels px = {64, 32, 3, malloc(64 * 32 * 3)};
  for (int i = 0; i < 64 * 32; i++)
    memcpy(px.data + i * 3, i % 64 < 32 ? "\xff\0\0" : "\0\0\xff", 3);
  size_t n, tagged_n, out_n;
  unsigned char *plain = jpeg_of(&px, &n), *tagged = with_exif(plain, n, 6, &tagged_n);
  a2b_decoded dec = decode_ok(tagged, tagged_n);
  assert_int_equal(dec.orientation, 6);
  a2b_pixels_free(&dec.px);
  a2b_image_info info;
  bool changed;
  unsigned char *out = prepare_ok(tagged, tagged_n, keep, &info, &out_n, &changed);
  assert_true(changed);
  assert_string_equal(info.media_type, "image/jpeg");
  assert_int_equal(info.width, 32);
  assert_int_equal(info.height, 64);
  dec = decode_ok(out, out_n);
  assert_int_equal(dec.orientation, 1);
  assert_true(pixel(&dec.px, 16, 8)[0] > 200 && pixel(&dec.px, 16, 8)[2] < 50);  /* red */
  assert_true(pixel(&dec.px, 16, 56)[2] > 200 && pixel(&dec.px, 16, 56)[0] < 50); /* blue */
  a2b_pixels_free(&dec.px);
  free(out);
  /* Orientation 1 in the tag: kept byte for byte. */
  free(tagged);
  tagged = with_exif(plain, n, 1, &tagged_n);
  free(prepare_ok(tagged, tagged_n, keep, &info, &out_n, &changed));
  assert_false(changed);
  free(tagged);
  free(plain);
  a2b_pixels_free(&px);
}

/* ---- scaling and gray ---------------------------------------------------- */

static void test_downscale_linear(void **state) {
  (void)state;
  /* Black and white columns average to half the light: sRGB 188, not 128. */
  a2b_pixels px = {4, 2, 1, malloc(8)};
  memcpy(px.data, (unsigned char[]){0, 255, 0, 255, 0, 255, 0, 255}, 8);
  a2b_pixels_downscale(&px, 2);
  assert_int_equal(px.width, 2);
  assert_int_equal(px.height, 1);
  assert_int_equal(px.data[0], 188);
  assert_int_equal(px.data[1], 188);
  a2b_pixels_free(&px);
  /* A transparent pixel's colour does not bleed into its opaque neighbour. */
  px = (a2b_pixels){2, 1, 4, malloc(8)};
  memcpy(px.data, (unsigned char[]){255, 0, 0, 0, 0, 0, 255, 255}, 8);
  a2b_pixels_downscale(&px, 1);
  assert_memory_equal(px.data, ((unsigned char[]){0, 0, 255, 128}), 4);
  a2b_pixels_free(&px);
  /* Fractional coverage: 3 -> 2 columns; each output column takes one
   * black pixel whole and half the white one: linear 1/3, sRGB 156. */
  px = (a2b_pixels){3, 1, 1, malloc(3)};
  memcpy(px.data, (unsigned char[]){0, 255, 0}, 3);
  a2b_pixels_downscale(&px, 2);
  assert_memory_equal(px.data, ((unsigned char[]){156, 156}), 2);
  a2b_pixels_free(&px);
}

static void test_downscale_3000(void **state) {
  (void)state;
  a2b_pixels big = make(3000, 90, 3, 0, false);
  size_t n, out_n;
  a2b_image_info info;
  bool changed;
  unsigned char *d = png_of(&big, &n);
  unsigned char *out = prepare_ok(d, n, keep, &info, &out_n, &changed);
  assert_true(changed);
  assert_string_equal(info.media_type, "image/png");
  assert_int_equal(info.width, 1600);
  assert_int_equal(info.height, 48);
  a2b_decoded dec = decode_ok(out, out_n);
  /* Flat areas keep their colour exactly. */
  assert_memory_equal(pixel(&dec.px, 10, 5), pixel(&big, 10, 5), 3);
  assert_memory_equal(pixel(&dec.px, 1590, 40), pixel(&big, 2990, 85), 3);
  assert_int_equal(out_n < n ? 1 : 0, 1);
  a2b_pixels_free(&dec.px);
  free(out);
  free(d);
  /* Few colours stay few: where area averaging blends two quadrants (the
   * edge falls inside output column 799), the pixel is mapped back to one
   * of the image's own colours, and the PNG is colour-mapped (type 3). */
  a2b_pixels odd = make(3001, 90, 3, 0, false);
  d = png_of(&odd, &n);
  out = prepare_ok(d, n, keep, &info, &out_n, &changed);
  assert_int_equal(info.width, 1600);
  assert_int_equal(out[25], 3);
  dec = decode_ok(out, out_n);
  const unsigned char *edge = pixel(&dec.px, 799, 5);
  assert_true(!memcmp(edge, pixel(&odd, 0, 0), 3) || !memcmp(edge, pixel(&odd, 3000, 0), 3));
  a2b_pixels_free(&dec.px);
  a2b_pixels_free(&odd);
  free(out);
  free(d);
  /* JPEG stays JPEG; --max-image-width 0 keeps everything. */
  d = jpeg_of(&big, &n);
  out = prepare_ok(d, n, keep, &info, &out_n, &changed);
  assert_true(changed);
  assert_string_equal(info.media_type, "image/jpeg");
  assert_int_equal(info.width, 1600);
  free(out);
  free(prepare_ok(d, n, (a2b_image_policy){0, false}, &info, &out_n, &changed));
  assert_false(changed);
  assert_int_equal(info.width, 3000);
  free(d);
  a2b_pixels_free(&big);
}

static void test_grayscale(void **state) {
  (void)state;
  a2b_pixels px = {2, 1, 3, malloc(6)};
  memcpy(px.data, (unsigned char[]){255, 0, 0, 255, 255, 255}, 6);
  a2b_pixels_grayscale(&px);
  assert_int_equal(px.channels, 1);
  assert_int_equal(px.data[0], 127); /* linear 0.2126 */
  assert_int_equal(px.data[1], 255);
  a2b_pixels_free(&px);

  const a2b_image_policy gray = {1600, true};
  a2b_pixels rgb = make(40, 20, 3, 1, false);
  size_t n, out_n;
  a2b_image_info info;
  bool changed;
  unsigned char *d = png_of(&rgb, &n);
  unsigned char *out = prepare_ok(d, n, gray, &info, &out_n, &changed);
  assert_true(changed);
  assert_string_equal(info.media_type, "image/png");
  assert_int_equal(out[25], 0); /* PNG colour type 0: gray */
  free(out);
  free(d);
  d = jpeg_of(&rgb, &n);
  out = prepare_ok(d, n, gray, &info, &out_n, &changed);
  assert_true(changed);
  a2b_decoded dec = decode_ok(out, out_n);
  assert_string_equal(info.media_type, "image/jpeg");
  assert_int_equal(dec.px.channels, 1);
  a2b_pixels_free(&dec.px);
  /* Already gray: kept as it is. */
  unsigned char *again = prepare_ok(out, out_n, gray, &info, &n, &changed);
  assert_false(changed);
  free(again);
  free(out);
  free(d);
  a2b_pixels_free(&rgb);
}

/* ---- conversion choices --------------------------------------------------- */

static const char *converted_type(unsigned char *d, size_t n) {
  a2b_image_info info;
  size_t out_n;
  bool changed;
  free(prepare_ok(d, n, keep, &info, &out_n, &changed));
  free(d);
  assert_true(changed);
  return info.media_type;
}

static void test_choices(void **state) {
  (void)state;
  size_t n;
  unsigned char *d;
  a2b_pixels photo = make(48, 32, 3, 1, false), flat = make(48, 32, 3, 0, false);
  a2b_pixels photo_a = make(48, 32, 4, 1, true);
  /* WebP: lossy and opaque -> JPEG; lossy with transparency -> PNG;
   * lossless with few colours -> PNG; lossless with many, opaque -> JPEG. */
  d = webp_of(&photo, false, &n);
  assert_string_equal(converted_type(d, n), "image/jpeg");
  d = webp_of(&photo_a, false, &n);
  assert_string_equal(converted_type(d, n), "image/png");
  d = webp_of(&flat, true, &n);
  assert_string_equal(converted_type(d, n), "image/png");
  d = webp_of(&photo, true, &n);
  assert_string_equal(converted_type(d, n), "image/jpeg");
  /* TIFF: JPEG-compressed -> JPEG (even with few colours); LZW flat -> PNG. */
  d = tiff_of(&flat, COMPRESSION_JPEG, 1, &n);
  assert_string_equal(converted_type(d, n), "image/jpeg");
  d = tiff_of(&flat, COMPRESSION_LZW, 1, &n);
  assert_string_equal(converted_type(d, n), "image/png");
  /* BMP with few colours -> PNG, which is then colour-mapped (type 3). */
  size_t bmp_n;
  unsigned char *bmp = slurp("tiny.bmp", &bmp_n), *out;
  a2b_image_info info;
  bool changed;
  out = prepare_ok(bmp, bmp_n, keep, &info, &n, &changed);
  assert_string_equal(info.media_type, "image/png");
  assert_int_equal(out[25], 3);
  free(out);
  free(bmp);
  /* GIF and SVG pass through even under --grayscale. */
  unsigned char *gif = slurp("tiny.gif", &n);
  free(prepare_ok(gif, n, (a2b_image_policy){1, true}, &info, &bmp_n, &changed));
  assert_false(changed);
  free(gif);
  a2b_pixels_free(&photo);
  a2b_pixels_free(&flat);
  a2b_pixels_free(&photo_a);
}

/* A TIFF's own orientation tag is applied like EXIF's. */
static void test_tiff_orientation(void **state) {
  (void)state;
  a2b_pixels px = {3, 2, 1, malloc(6)};
  memcpy(px.data, (unsigned char[]){10, 20, 30, 40, 50, 60}, 6);
  size_t n;
  unsigned char *d = tiff_of(&px, COMPRESSION_NONE, ORIENTATION_RIGHTTOP, &n); /* 6 */
  a2b_decoded dec = decode_ok(d, n);
  assert_int_equal(dec.orientation, 6);
  assert_memory_equal(dec.px.data, px.data, 6); /* reported, not yet applied */
  a2b_pixels_free(&dec.px);
  a2b_image_info info;
  size_t out_n;
  bool changed;
  unsigned char *out = prepare_ok(d, n, keep, &info, &out_n, &changed);
  assert_int_equal(info.width, 2);
  assert_int_equal(info.height, 3);
  dec = decode_ok(out, out_n);
  assert_memory_equal(dec.px.data, ((unsigned char[]){40, 10, 50, 20, 60, 30}), 6);
  a2b_pixels_free(&dec.px);
  free(out);
  free(d);
  a2b_pixels_free(&px);
}

static void test_colour_count(void **state) {
  (void)state;
  a2b_pixels px = make(64, 64, 3, 1, false), flat = make(64, 64, 4, 0, true);
  assert_true(a2b_pixels_more_colours(&px, 256));
  assert_false(a2b_pixels_more_colours(&flat, 4));
  assert_true(a2b_pixels_more_colours(&flat, 3));
  assert_false(a2b_pixels_opaque(&flat));
  a2b_pixels_drop_alpha(&flat);
  assert_int_equal(flat.channels, 3);
  assert_true(a2b_pixels_opaque(&flat));
  assert_memory_equal(pixel(&flat, 63, 63), ((unsigned char[]){240, 240, 240}), 3);
  a2b_pixels_free(&px);
  a2b_pixels_free(&flat);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_png),
      cmocka_unit_test(test_jpeg),
      cmocka_unit_test(test_webp),
      cmocka_unit_test(test_tiff),
      cmocka_unit_test(test_bmp),
      cmocka_unit_test(test_absurd_size),
      cmocka_unit_test(test_truncated),
      cmocka_unit_test(test_orient_pixels),
      cmocka_unit_test(test_exif),
      cmocka_unit_test(test_exif_rotates),
      cmocka_unit_test(test_downscale_linear),
      cmocka_unit_test(test_downscale_3000),
      cmocka_unit_test(test_grayscale),
      cmocka_unit_test(test_choices),
      cmocka_unit_test(test_tiff_orientation),
      cmocka_unit_test(test_colour_count),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
