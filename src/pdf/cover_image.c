/* The module's cover entry (src/pdf.h a2b_pdf_cover_image): the cover
 * drawn on an image surface in a child process, encoded, and sent back
 * through a pipe. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "imgconv.h"
#include "pdf.h"
#include "pdf/child.h"
#include "pdf/cover.h"
#include "pdf/typeset.h"

/* JPEG quality of a cover with photographs on it. */
#define COVER_JPEG_QUALITY 88

typedef struct job {
  const a2b_book *book;
  const a2b_options *opts;
} job;

/* cairo's RGB24 (native-endian 0xXXRRGGBB words) to packed RGB. */
static a2b_pixels to_pixels(cairo_surface_t *s) {
  a2b_pixels px = {cairo_image_surface_get_width(s), cairo_image_surface_get_height(s), 3, NULL};
  const unsigned char *data = cairo_image_surface_get_data(s);
  int stride = cairo_image_surface_get_stride(s);
  px.data = a2b_xmalloc((size_t)px.width * (size_t)px.height * 3);
  unsigned char *out = px.data;
  for (int y = 0; y < px.height; y++) {
    const uint32_t *row = (const uint32_t *)(data + (size_t)y * (size_t)stride);
    for (int x = 0; x < px.width; x++) {
      *out++ = (unsigned char)(row[x] >> 16);
      *out++ = (unsigned char)(row[x] >> 8);
      *out++ = (unsigned char)row[x];
    }
  }
  return px;
}

static bool write_all(int fd, const void *p, size_t n) {
  const char *c = p;
  while (n) {
    ssize_t w = write(fd, c, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    c += w;
    n -= (size_t)w;
  }
  return true;
}

/* Draw and encode; *err (heap) says why on failure. */
static unsigned char *draw(const job *j, size_t *size, char **err) {
  a2b_pdf_style st;
  a2b_diags quiet = {0}; /* the PDF run (if any) reports style problems */
  if (!a2b_pdf_style_load(&st, j->opts->style_path, NULL, &quiet)) {
    a2b_diags_clear(&quiet);
    if (!a2b_pdf_style_load(&st, NULL, NULL, &quiet)) {
      *err = a2b_xstrdup("the built-in print style does not load");
      a2b_diags_clear(&quiet);
      return NULL;
    }
  }
  a2b_pdf_ts *ts = a2b_pdf_ts_new(&st, j->opts->font_dir, &quiet);
  unsigned char *bytes = NULL;
  if (!ts) {
    *err = a2b_xstrdup(quiet.n ? quiet.items[quiet.n - 1].message : "no usable font");
  } else {
    cairo_surface_t *s =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, A2B_PDF_COVER_WIDTH, A2B_PDF_COVER_HEIGHT);
    cairo_t *cr = cairo_create(s);
    a2b_pdf_images *images = a2b_pdf_images_new(&quiet);
    int tiles = a2b_pdf_draw_cover(cr, A2B_PDF_COVER_WIDTH, A2B_PDF_COVER_HEIGHT, j->book, &st,
                                   a2b_pdf_ts_context(ts), images);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    a2b_pixels px = to_pixels(s);
    bytes = tiles ? a2b_jpeg_encode(&px, COVER_JPEG_QUALITY, size, err)
                  : a2b_png_encode(&px, true, size, err);
    a2b_pixels_free(&px);
    a2b_pdf_images_free(images);
    cairo_surface_destroy(s);
    a2b_pdf_ts_free(ts);
  }
  a2b_diags_clear(&quiet);
  a2b_pdf_style_free(&st);
  return bytes;
}

/* In the child: 'I' and the image bytes, or 'E' and a message. */
static bool child_work(void *ctx, int fd) {
  size_t size = 0;
  char *err = NULL;
  unsigned char *bytes = draw(ctx, &size, &err);
  bool ok = bytes ? write_all(fd, "I", 1) && write_all(fd, bytes, size)
                  : write_all(fd, "E", 1) && write_all(fd, err, strlen(err));
  free(bytes);
  free(err);
  return ok;
}

bool a2b_pdf_cover_image(const a2b_book *book, const a2b_options *opts, unsigned char **bytes,
                         size_t *size, a2b_diags *d) {
  job j = {book, opts};
  a2b_diags child_diags = {0};
  a2b_pdf_child child;
  a2b_buf got = A2B_BUF_INIT;
  bool started = a2b_pdf_child_start(&child, child_work, &j, &child_diags);
  if (started) {
    char chunk[65536];
    for (;;) {
      ssize_t n = read(child.fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      a2b_buf_append(&got, chunk, (size_t)n);
    }
    started = a2b_pdf_child_finish(&child, false, &child_diags);
  }
  bool ok = started && got.len > 1 && got.data[0] == 'I';
  if (ok) {
    *size = got.len - 1;
    *bytes = a2b_xmalloc(*size);
    memcpy(*bytes, got.data + 1, *size);
  } else {
    const char *why = "the drawing process sent nothing";
    if (got.len > 1 && got.data[0] == 'E')
      why = a2b_buf_cstr(&got) + 1;
    else if (child_diags.n)
      why = child_diags.items[0].message;
    a2b_report(d, A2B_WARNING, NULL, 0, 0, "cannot draw a cover: %s; the book has none", why);
  }
  a2b_buf_free(&got);
  a2b_diags_clear(&child_diags);
  return ok;
}
