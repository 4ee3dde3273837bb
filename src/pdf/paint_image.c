#include "pdf/paint_image.h"

#include <glib.h>
#include <setjmp.h>
#include <stdio.h> /* before jpeglib.h, which needs FILE */
#include <string.h>

#include <gif_lib.h>
#include <jpeglib.h>
#include <librsvg/rsvg.h>

/* cairo's limit on image surfaces. */
#define MAX_SIDE 32767

/* A decoded image and its size in its own units (pixels; CSS px for SVG). */
typedef struct image {
  cairo_surface_t *surface; /* NULL: could not be decoded (reported) */
  double width, height;
} image;

static void image_free(gpointer p) {
  image *im = p;
  if (im->surface) cairo_surface_destroy(im->surface);
  g_free(im);
}

struct a2b_pdf_images {
  GHashTable *images; /* a2b_resource * -> image * */
  a2b_diags *d;
};

a2b_pdf_images *a2b_pdf_images_new(a2b_diags *d) {
  a2b_pdf_images *im = g_new0(a2b_pdf_images, 1);
  im->images = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, image_free);
  im->d = d;
  return im;
}

void a2b_pdf_images_free(a2b_pdf_images *im) {
  if (!im) return;
  g_hash_table_destroy(im->images);
  g_free(im);
}

/* ---- PNG --------------------------------------------------------------- */

typedef struct cursor {
  const unsigned char *data;
  size_t size, pos;
} cursor;

static cairo_status_t read_bytes(void *closure, unsigned char *out, unsigned int n) {
  cursor *c = closure;
  if (c->size - c->pos < n) return CAIRO_STATUS_READ_ERROR;
  memcpy(out, c->data + c->pos, n);
  c->pos += n;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *decode_png(const a2b_resource *res, char **why) {
  cursor c = {res->data, res->size, 0};
  cairo_surface_t *s = cairo_image_surface_create_from_png_stream(read_bytes, &c);
  if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) return s;
  *why = g_strdup(cairo_status_to_string(cairo_surface_status(s)));
  cairo_surface_destroy(s);
  return NULL;
}

/* ---- JPEG -------------------------------------------------------------- */

typedef struct jpeg_failure {
  struct jpeg_error_mgr mgr;
  jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
} jpeg_failure;

static void jpeg_fail(j_common_ptr ci) {
  jpeg_failure *f = (jpeg_failure *)ci->err;
  f->mgr.format_message(ci, f->message);
  longjmp(f->jump, 1);
}

/* libjpeg's warnings (e.g. extraneous bytes) would go to stderr. */
static void jpeg_quiet(j_common_ptr ci) { (void)ci; }

/* One CMYK row (Adobe files store it inverted) into cairo's RGB24. */
static void cmyk_row(const JSAMPLE *in, uint32_t *out, JDIMENSION width, bool inverted) {
  for (JDIMENSION x = 0; x < width; x++, in += 4) {
    unsigned c = in[0], m = in[1], y = in[2], k = in[3];
    if (!inverted) c = 255 - c, m = 255 - m, y = 255 - y, k = 255 - k;
    out[x] = 0xFF000000u | (c * k / 255) << 16 | (m * k / 255) << 8 | (y * k / 255);
  }
}

/* Decode into `*out` (an RGB24 surface made here). False with `f->message`
 * set on a libjpeg error; *out is then NULL or a surface to destroy. */
static bool jpeg_pixels(struct jpeg_decompress_struct *ci, jpeg_failure *f,
                        cairo_surface_t *volatile *out) {
  if (setjmp(f->jump)) return false;
  jpeg_read_header(ci, TRUE);
  bool cmyk = ci->jpeg_color_space == JCS_CMYK || ci->jpeg_color_space == JCS_YCCK;
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  ci->out_color_space = cmyk ? JCS_CMYK : JCS_EXT_BGRX;
#else
  ci->out_color_space = cmyk ? JCS_CMYK : JCS_EXT_XRGB;
#endif
  jpeg_start_decompress(ci);
  if (ci->output_width > MAX_SIDE || ci->output_height > MAX_SIDE) {
    snprintf(f->message, sizeof f->message, "%ux%u pixels is too large", ci->output_width,
             ci->output_height);
    return false;
  }
  *out =
      cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ci->output_width, (int)ci->output_height);
  if (cairo_surface_status(*out) != CAIRO_STATUS_SUCCESS) {
    snprintf(f->message, sizeof f->message, "%s",
             cairo_status_to_string(cairo_surface_status(*out)));
    return false;
  }
  cairo_surface_flush(*out);
  unsigned char *pixels = cairo_image_surface_get_data(*out);
  int stride = cairo_image_surface_get_stride(*out);
  JSAMPARRAY cmyk_buf =
      cmyk ? ci->mem->alloc_sarray((j_common_ptr)ci, JPOOL_IMAGE, ci->output_width * 4, 1) : NULL;
  while (ci->output_scanline < ci->output_height) {
    unsigned char *row = pixels + (size_t)ci->output_scanline * (size_t)stride;
    if (cmyk) {
      jpeg_read_scanlines(ci, cmyk_buf, 1);
      cmyk_row(cmyk_buf[0], (uint32_t *)row, ci->output_width, ci->saw_Adobe_marker);
    } else {
      jpeg_read_scanlines(ci, &row, 1);
    }
  }
  jpeg_finish_decompress(ci);
  cairo_surface_mark_dirty(*out);
  return true;
}

static cairo_surface_t *decode_jpeg(const a2b_resource *res, char **why) {
  struct jpeg_decompress_struct ci;
  jpeg_failure f = {0};
  ci.err = jpeg_std_error(&f.mgr);
  f.mgr.error_exit = jpeg_fail;
  f.mgr.output_message = jpeg_quiet;
  jpeg_create_decompress(&ci);
  jpeg_mem_src(&ci, res->data, (unsigned long)res->size);
  cairo_surface_t *volatile s = NULL;
  bool ok = jpeg_pixels(&ci, &f, &s);
  jpeg_destroy_decompress(&ci);
  if (!ok) {
    if (s) cairo_surface_destroy(s);
    *why = g_strdup(f.message);
    return NULL;
  }
  /* The PDF gets the original bytes, not the decoded pixels. */
  cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, res->data, res->size, NULL, NULL);
  return s;
}

/* ---- GIF --------------------------------------------------------------- */

static int read_gif(GifFileType *gif, GifByteType *out, int n) {
  cursor *c = gif->UserData;
  size_t k = c->size - c->pos < (size_t)n ? c->size - c->pos : (size_t)n;
  memcpy(out, c->data + c->pos, k);
  c->pos += k;
  return (int)k;
}

/* The first frame of a GIF (an animation shows as its first picture) on
 * its logical screen, transparent where the frame leaves it so. */
static cairo_surface_t *decode_gif(const a2b_resource *res, char **why) {
  cursor c = {res->data, res->size, 0};
  int err = 0;
  GifFileType *gif = DGifOpen(&c, read_gif, &err);
  if (!gif) {
    *why = g_strdup_printf("not a readable GIF (%s)", GifErrorString(err));
    return NULL;
  }
  cairo_surface_t *s = NULL;
  if (gif->SWidth <= 0 || gif->SHeight <= 0 || gif->SWidth > MAX_SIDE ||
      gif->SHeight > MAX_SIDE) {
    *why = g_strdup_printf("GIF of %d x %d pixels", gif->SWidth, gif->SHeight);
  } else if (DGifSlurp(gif) != GIF_OK || gif->ImageCount < 1) {
    *why = g_strdup_printf("not a readable GIF (%s)", GifErrorString(gif->Error));
  } else {
    const SavedImage *im = &gif->SavedImages[0];
    const GifImageDesc *d = &im->ImageDesc;
    const ColorMapObject *map = d->ColorMap ? d->ColorMap : gif->SColorMap;
    GraphicsControlBlock gcb = {.TransparentColor = NO_TRANSPARENT_COLOR};
    DGifSavedExtensionToGCB(gif, 0, &gcb);
    s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, gif->SWidth, gif->SHeight);
    unsigned char *px = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    cairo_surface_flush(s);
    memset(px, 0, (size_t)stride * (size_t)gif->SHeight); /* transparent */
    for (int y = 0; map && y < d->Height; y++) {
      int sy = d->Top + y;
      if (sy < 0 || sy >= gif->SHeight) continue;
      uint32_t *row = (uint32_t *)(px + (size_t)sy * (size_t)stride);
      for (int x = 0; x < d->Width; x++) {
        int sx = d->Left + x, i = im->RasterBits[(size_t)y * (size_t)d->Width + (size_t)x];
        if (sx < 0 || sx >= gif->SWidth || i == gcb.TransparentColor || i >= map->ColorCount)
          continue;
        const GifColorType *col = &map->Colors[i];
        row[sx] = 0xFF000000u | (uint32_t)col->Red << 16 | (uint32_t)col->Green << 8 | col->Blue;
      }
    }
    cairo_surface_mark_dirty(s);
  }
  DGifCloseFile(gif, &err);
  return s;
}

/* ---- SVG --------------------------------------------------------------- */

/* The drawing as a recording surface, which cairo's PDF surface writes as
 * vectors; its size is the SVG's own (CSS px), else the size sniffed from
 * its viewBox, else 300 x 150 as in a browser. */
static cairo_surface_t *decode_svg(const a2b_resource *res, double *w, double *h, char **why) {
  GError *err = NULL;
  RsvgHandle *svg = rsvg_handle_new_from_data(res->data, res->size, &err);
  if (!svg) {
    *why = g_strdup(err ? err->message : "malformed SVG");
    g_clear_error(&err);
    return NULL;
  }
  if (!rsvg_handle_get_intrinsic_size_in_pixels(svg, w, h) || *w <= 0 || *h <= 0) {
    *w = res->width > 0 ? res->width : 300;
    *h = res->height > 0 ? res->height : 150;
  }
  cairo_rectangle_t extents = {0, 0, *w, *h};
  cairo_surface_t *s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents);
  cairo_t *cr = cairo_create(s);
  RsvgRectangle viewport = {0, 0, *w, *h};
  if (!rsvg_handle_render_document(svg, cr, &viewport, &err)) {
    *why = g_strdup(err ? err->message : "cannot draw the SVG");
    g_clear_error(&err);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    g_object_unref(svg);
    return NULL;
  }
  cairo_destroy(cr);
  g_object_unref(svg);
  return s;
}

/* ---- the cache --------------------------------------------------------- */

cairo_surface_t *a2b_pdf_images_get(a2b_pdf_images *im, const a2b_resource *res, double *width,
                                    double *height) {
  image *found = g_hash_table_lookup(im->images, res);
  if (found) {
    *width = found->width, *height = found->height;
    return found->surface;
  }
  char *why = NULL;
  cairo_surface_t *s = NULL;
  double w = 0, h = 0;
  const char *type = res->media_type ? res->media_type : "";
  if (!strcmp(type, "image/png"))
    s = decode_png(res, &why);
  else if (!strcmp(type, "image/jpeg"))
    s = decode_jpeg(res, &why);
  else if (!strcmp(type, "image/gif"))
    s = decode_gif(res, &why);
  else if (!strcmp(type, "image/svg+xml"))
    s = decode_svg(res, &w, &h, &why);
  else
    why = g_strdup_printf("%s images cannot go into the PDF", *type ? type : "unknown");
  if (s && cairo_surface_get_type(s) == CAIRO_SURFACE_TYPE_IMAGE) {
    w = cairo_image_surface_get_width(s);
    h = cairo_image_surface_get_height(s);
  }
  if (!s && res->source)
    a2b_report(im->d, A2B_WARNING, res->source, 0, 0, "image left out of the PDF: %s", why);
  else if (!s)
    a2b_report(im->d, A2B_WARNING, NULL, 0, 0, "image '%s' left out of the PDF: %s", res->name,
               why);
  g_free(why);
  image *entry = g_new0(image, 1);
  entry->surface = s, entry->width = w, entry->height = h;
  g_hash_table_insert(im->images, (gpointer)res, entry);
  *width = w, *height = h;
  return s;
}
