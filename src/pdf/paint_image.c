#include "pdf/paint_image.h"

#include <glib.h>
#include <setjmp.h>
#include <stdio.h> /* before jpeglib.h, which needs FILE */
#include <string.h>

#include <jpeglib.h>

/* cairo's limit on image surfaces. */
#define MAX_SIDE 32767

struct a2b_pdf_images {
  GHashTable *surfaces; /* a2b_resource * -> cairo_surface_t *, NULL for failures */
  a2b_diags *d;
};

a2b_pdf_images *a2b_pdf_images_new(a2b_diags *d) {
  a2b_pdf_images *im = g_new0(a2b_pdf_images, 1);
  im->surfaces = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                       (GDestroyNotify)cairo_surface_destroy);
  im->d = d;
  return im;
}

void a2b_pdf_images_free(a2b_pdf_images *im) {
  if (!im) return;
  g_hash_table_destroy(im->surfaces);
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

/* ---- the cache --------------------------------------------------------- */

cairo_surface_t *a2b_pdf_images_get(a2b_pdf_images *im, const a2b_resource *res) {
  gpointer found;
  if (g_hash_table_lookup_extended(im->surfaces, res, NULL, &found)) return found;
  char *why = NULL;
  cairo_surface_t *s = NULL;
  const char *type = res->media_type ? res->media_type : "";
  if (!strcmp(type, "image/png"))
    s = decode_png(res, &why);
  else if (!strcmp(type, "image/jpeg"))
    s = decode_jpeg(res, &why);
  else
    why = g_strdup_printf("%s images cannot go into the PDF yet", *type ? type : "unknown");
  if (!s && res->source)
    a2b_report(im->d, A2B_WARNING, res->source, 0, 0, "image left out of the PDF: %s", why);
  else if (!s)
    a2b_report(im->d, A2B_WARNING, NULL, 0, 0, "image '%s' left out of the PDF: %s", res->name,
               why);
  g_free(why);
  g_hash_table_insert(im->surfaces, (gpointer)res, s);
  return s;
}
