#include "pdf/paint_image.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include <gif_lib.h>
#include <librsvg/rsvg.h>

#include "imgconv.h"

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

/* ---- PNG and JPEG: the core's decoders (imgconv.h) ---------------------- */

/* `px` as a cairo image surface: RGB24 when it has no alpha channel, else
 * ARGB32 with premultiplied alpha. */
static cairo_surface_t *to_surface(const a2b_pixels *px) {
  bool alpha = px->channels == 2 || px->channels == 4, gray = px->channels <= 2;
  cairo_surface_t *s = cairo_image_surface_create(alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24,
                                                  px->width, px->height);
  cairo_surface_flush(s);
  unsigned char *out = cairo_image_surface_get_data(s);
  int stride = cairo_image_surface_get_stride(s);
  for (int y = 0; y < px->height; y++) {
    const unsigned char *in = px->data + (size_t)y * px->width * px->channels;
    uint32_t *row = (uint32_t *)(out + (size_t)y * stride);
    for (int x = 0; x < px->width; x++, in += px->channels) {
      unsigned r = in[0], g = gray ? in[0] : in[1], b = gray ? in[0] : in[2];
      unsigned a = alpha ? in[px->channels - 1] : 255;
      row[x] = a << 24 | (r * a / 255) << 16 | (g * a / 255) << 8 | (b * a / 255);
    }
  }
  cairo_surface_mark_dirty(s);
  return s;
}

/* PNG and JPEG decoded to pixels; a JPEG surface carries the original
 * bytes as CAIRO_MIME_TYPE_JPEG, so the PDF holds the JPEG stream as it is. */
static cairo_surface_t *decode_raster(const a2b_resource *res, char **why) {
  a2b_image_info info;
  a2b_decoded d;
  char *err = NULL;
  if (!a2b_image_sniff(res->data, res->size, &info) ||
      !a2b_image_decode(res->data, res->size, &info, &d, &err)) {
    *why = g_strdup(err ? err : "not a readable image");
    free(err);
    return NULL;
  }
  cairo_surface_t *s = to_surface(&d.px);
  a2b_pixels_free(&d.px);
  if (!strcmp(info.media_type, "image/jpeg"))
    cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, res->data, res->size, NULL, NULL);
  return s;
}

/* ---- GIF --------------------------------------------------------------- */

typedef struct cursor {
  const unsigned char *data;
  size_t size, pos;
} cursor;

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
  if (gif->SWidth <= 0 || gif->SHeight <= 0 || gif->SWidth > MAX_SIDE || gif->SHeight > MAX_SIDE) {
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
  if (!strcmp(type, "image/png") || !strcmp(type, "image/jpeg"))
    s = decode_raster(res, &why);
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
