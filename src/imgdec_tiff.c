/* TIFF decoding through libtiff's RGBA reader, from memory. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tiffio.h>

#include "arena.h"
#include "imgconv.h"

typedef struct source {
  const unsigned char *data;
  toff_t size, pos;
  char message[256]; /* libtiff's first error */
} source;

static tmsize_t read_proc(thandle_t h, void *buf, tmsize_t n) {
  source *s = h;
  if (n < 0) return -1;
  toff_t left = s->pos < s->size ? s->size - s->pos : 0;
  if ((toff_t)n > left) n = (tmsize_t)left;
  memcpy(buf, s->data + s->pos, (size_t)n);
  s->pos += (toff_t)n;
  return n;
}

static tmsize_t write_proc(thandle_t h, void *buf, tmsize_t n) {
  (void)h, (void)buf, (void)n;
  return -1;
}

static toff_t seek_proc(thandle_t h, toff_t off, int whence) {
  source *s = h;
  toff_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? s->pos : s->size;
  s->pos = base + off;
  return s->pos;
}

static int close_proc(thandle_t h) {
  (void)h;
  return 0;
}

static toff_t size_proc(thandle_t h) { return ((source *)h)->size; }

static int on_error(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap) {
  (void)tif, (void)module;
  source *s = user;
  if (!s->message[0]) vsnprintf(s->message, sizeof s->message, fmt, ap);
  return 1;
}

static int on_warning(TIFF *tif, void *user, const char *module, const char *fmt, va_list ap) {
  (void)tif, (void)user, (void)module, (void)fmt, (void)ap;
  return 1;
}

/* libtiff's packed ABGR raster, top row first, into our pixels. The raster
 * is premultiplied whatever the file's kind of alpha; that is undone. */
static void unpack(const uint32_t *raster, a2b_pixels *px, bool premultiplied) {
  size_t n = (size_t)px->width * (size_t)px->height;
  unsigned char *o = px->data;
  for (size_t i = 0; i < n; i++) {
    uint32_t v = raster[i];
    unsigned r = TIFFGetR(v), g = TIFFGetG(v), b = TIFFGetB(v), a = TIFFGetA(v);
    if (premultiplied && a && a < 255) {
      r = r * 255 / a, g = g * 255 / a, b = b * 255 / a;
      if (r > 255) r = 255;
      if (g > 255) g = 255;
      if (b > 255) b = 255;
    }
    if (px->channels <= 2)
      *o++ = (unsigned char)g;
    else
      *o++ = (unsigned char)r, *o++ = (unsigned char)g, *o++ = (unsigned char)b;
    if (px->channels % 2 == 0) *o++ = (unsigned char)a;
  }
}

static bool decode(TIFF *tif, source *s, a2b_decoded *out, char **err) {
  uint32_t w = 0, h = 0;
  TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &w);
  TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &h);
  if ((*err = a2b_image_size_error((long)w, (long)h))) return false;
  uint16_t compression = COMPRESSION_NONE;
  TIFFGetFieldDefaulted(tif, TIFFTAG_COMPRESSION, &compression);
  out->photographic = compression == COMPRESSION_JPEG || compression == COMPRESSION_OJPEG;
  char emsg[1024] = "";
  TIFFRGBAImage img;
  if (!TIFFRGBAImageOK(tif, emsg) || !TIFFRGBAImageBegin(&img, tif, 0, emsg)) {
    *err = a2b_xsprintf("unsupported TIFF (%s)", emsg[0] ? emsg : s->message);
    return false;
  }
  /* The orientation is applied later, with the other pixel operations. */
  out->orientation = img.orientation >= 1 && img.orientation <= 8 ? img.orientation : 1;
  img.orientation = img.req_orientation = ORIENTATION_TOPLEFT;
  bool gray = img.photometric == PHOTOMETRIC_MINISBLACK || img.photometric == PHOTOMETRIC_MINISWHITE;
  a2b_pixels *px = &out->px;
  px->width = (int)w;
  px->height = (int)h;
  px->channels = (gray ? 1 : 3) + (img.alpha ? 1 : 0);
  uint32_t *raster = a2b_xmalloc((size_t)w * h * sizeof *raster);
  bool ok = TIFFRGBAImageGet(&img, raster, w, h);
  TIFFRGBAImageEnd(&img);
  if (ok) {
    px->data = a2b_xmalloc((size_t)w * h * (size_t)px->channels);
    unpack(raster, px, img.alpha != 0);
  } else {
    *err = a2b_xsprintf("corrupt TIFF (%s)", s->message[0] ? s->message : "cannot read the pixels");
  }
  free(raster);
  return ok;
}

bool a2b_tiff_decode(const unsigned char *data, size_t size, a2b_decoded *out, char **err) {
  memset(out, 0, sizeof *out);
  out->orientation = 1;
  *err = NULL;
  source s = {data, size, 0, ""};
  TIFFOpenOptions *opts = TIFFOpenOptionsAlloc();
  TIFFOpenOptionsSetErrorHandlerExtR(opts, on_error, &s);
  TIFFOpenOptionsSetWarningHandlerExtR(opts, on_warning, &s);
  TIFF *tif = TIFFClientOpenExt("image", "rm", &s, read_proc, write_proc, seek_proc, close_proc,
                                size_proc, NULL, NULL, opts);
  TIFFOpenOptionsFree(opts);
  if (!tif) {
    *err = a2b_xsprintf("corrupt TIFF (%s)", s.message[0] ? s.message : "cannot open");
    return false;
  }
  bool ok = decode(tif, &s, out, err);
  TIFFClose(tif);
  if (!ok) a2b_pixels_free(&out->px);
  return ok;
}
