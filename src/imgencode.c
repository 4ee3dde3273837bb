/* Encoding pixels as JPEG (libjpeg) or PNG (libpng's simplified API). */
#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h> /* before jpeglib.h, which needs FILE */
#include <stdlib.h>
#include <string.h>

#include <jpeglib.h>

#include "arena.h"
#include "imgconv.h"

/* ---- JPEG ---------------------------------------------------------------- */

typedef struct failure {
  struct jpeg_error_mgr mgr;
  jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
} failure;

static void fail(j_common_ptr ci) {
  failure *f = (failure *)ci->err;
  f->mgr.format_message(ci, f->message);
  longjmp(f->jump, 1);
}

static void quiet(j_common_ptr ci, int level) { (void)ci, (void)level; }

static bool compress(struct jpeg_compress_struct *ci, failure *f, const a2b_pixels *px,
                     int quality) {
  if (setjmp(f->jump)) return false;
  ci->image_width = (JDIMENSION)px->width;
  ci->image_height = (JDIMENSION)px->height;
  ci->input_components = px->channels;
  ci->in_color_space = px->channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_set_defaults(ci);
  jpeg_set_quality(ci, quality, TRUE);
  ci->optimize_coding = TRUE;
  jpeg_start_compress(ci, TRUE);
  size_t stride = (size_t)px->width * (size_t)px->channels;
  while (ci->next_scanline < ci->image_height) {
    JSAMPROW row = px->data + (size_t)ci->next_scanline * stride;
    jpeg_write_scanlines(ci, &row, 1);
  }
  jpeg_finish_compress(ci);
  return true;
}

unsigned char *a2b_jpeg_encode(const a2b_pixels *px, int quality, size_t *size, char **err) {
  *size = 0;
  if (px->channels != 1 && px->channels != 3) {
    *err = a2b_xsprintf("cannot write %d-channel pixels as JPEG", px->channels);
    return NULL;
  }
  struct jpeg_compress_struct ci;
  failure f = {0};
  ci.err = jpeg_std_error(&f.mgr);
  f.mgr.error_exit = fail;
  f.mgr.emit_message = quiet;
  jpeg_create_compress(&ci);
  unsigned char *volatile buf = NULL;
  unsigned long len = 0;
  jpeg_mem_dest(&ci, (unsigned char **)&buf, &len);
  bool ok = compress(&ci, &f, px, quality);
  jpeg_destroy_compress(&ci);
  if (!ok) {
    free(buf);
    *err = a2b_xsprintf("cannot encode JPEG (%s)", f.message);
    return NULL;
  }
  *size = len;
  return buf;
}

/* ---- PNG ----------------------------------------------------------------- */

/* Up to 256 distinct RGB(A) values: fill the palette (in order of first
 * appearance) and the index of each pixel; false when there are more. */
static bool palette(const a2b_pixels *px, unsigned char *map, unsigned *n, unsigned char *index) {
  enum { CAP = 1024 };
  uint32_t keys[CAP];
  int16_t slot[CAP];
  memset(slot, -1, sizeof slot);
  *n = 0;
  size_t count = (size_t)px->width * (size_t)px->height;
  int ch = px->channels;
  for (size_t i = 0; i < count; i++) {
    const unsigned char *p = px->data + i * (size_t)ch;
    uint32_t v = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
                 (ch == 4 ? p[3] : 255u);
    size_t k = (v * 2654435761u) >> 22;
    while (slot[k] >= 0 && keys[k] != v)
      k = (k + 1) % CAP;
    if (slot[k] < 0) {
      if (*n == 256) return false;
      keys[k] = v;
      slot[k] = (int16_t)*n;
      memcpy(map + (size_t)*n * (size_t)ch, p, (size_t)ch);
      (*n)++;
    }
    index[i] = (unsigned char)slot[k];
  }
  return true;
}

unsigned char *a2b_png_encode(const a2b_pixels *px, size_t *size, char **err) {
  static const png_uint_32 formats[] = {PNG_FORMAT_GRAY, PNG_FORMAT_GA, PNG_FORMAT_RGB,
                                        PNG_FORMAT_RGBA};
  *size = 0;
  png_image im;
  memset(&im, 0, sizeof im);
  im.version = PNG_IMAGE_VERSION;
  im.width = (png_uint_32)px->width;
  im.height = (png_uint_32)px->height;
  im.format = formats[px->channels - 1];
  const void *pixels = px->data, *colormap = NULL;
  unsigned char *index = NULL, map[256 * 4];
  if (px->channels >= 3) {
    index = a2b_xmalloc((size_t)px->width * (size_t)px->height);
    unsigned n;
    if (palette(px, map, &n, index)) {
      im.format |= PNG_FORMAT_FLAG_COLORMAP;
      im.colormap_entries = n;
      pixels = index;
      colormap = map;
    }
  }
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  if (!f) abort(); /* out of memory */
  int ok = png_image_write_to_stdio(&im, f, 0, pixels, 0, colormap);
  if (fclose(f) != 0) ok = 0;
  free(index);
  if (!ok) {
    *err = a2b_xsprintf("cannot encode PNG (%s)", im.message);
    png_image_free(&im);
    free(buf);
    return NULL;
  }
  png_image_free(&im);
  *size = len;
  return (unsigned char *)buf;
}
