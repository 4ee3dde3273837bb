/* Encoding pixels as JPEG (libjpeg) or PNG (libpng's simplified API). */
#include <png.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "imgconv.h"
#include "jpegfail.h"

/* ---- JPEG ---------------------------------------------------------------- */

static bool compress(struct jpeg_compress_struct *ci, a2b_jpeg_failure *f, const a2b_pixels *px,
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
  a2b_jpeg_failure f;
  ci.err = a2b_jpeg_failure_init(&f, NULL);
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

unsigned char *a2b_png_encode(const a2b_pixels *px, bool fast, size_t *size, char **err) {
  static const png_uint_32 formats[] = {PNG_FORMAT_GRAY, PNG_FORMAT_GA, PNG_FORMAT_RGB,
                                        PNG_FORMAT_RGBA};
  *size = 0;
  png_image im;
  memset(&im, 0, sizeof im);
  im.version = PNG_IMAGE_VERSION;
  im.width = (png_uint_32)px->width;
  im.height = (png_uint_32)px->height;
  im.format = formats[px->channels - 1];
  if (fast) im.flags |= PNG_IMAGE_FLAG_FAST;
  const void *pixels = px->data, *colormap = NULL;
  unsigned char *index = NULL, map[256 * 4];
  if (px->channels >= 3) {
    index = a2b_xmalloc((size_t)px->width * (size_t)px->height);
    int n = a2b_pixels_palette(px, map, index);
    if (n > 0) {
      im.format |= PNG_FORMAT_FLAG_COLORMAP;
      im.colormap_entries = (png_uint_32)n;
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
