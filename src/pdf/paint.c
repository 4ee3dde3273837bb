#include "pdf/paint.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <math.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-font.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "pdf/cover.h"
#include "pdf/drawing.h"
#include "pdf/pagetree.h"
#include "pdf/paint_image.h"

#define OUTLINE_DEPTH 16

typedef struct outline_parent {
  int level, id;
} outline_parent;

/* An outline entry, kept until the page order is final. */
typedef struct outline_entry {
  size_t page, seq; /* painted page index, order of arrival */
  char *dest, *title;
  int level;
} outline_entry;

struct a2b_pdf_painter {
  FILE *out;
  int write_errno; /* errno of the first failed write, or 0 */
  bool discard;    /* freed unfinished: write nothing more */
  bool doc_open;   /* the document structure tag is open */
  cairo_surface_t *surface;
  cairo_t *cr;
  a2b_pdf_ts *ts;
  const a2b_pdf_style *st;
  a2b_diags *d;
  a2b_pdf_images *images;
  GPtrArray *fonts;        /* PangoFont* by FONT id */
  GHashTable *page_images; /* resources drawn on the current page */
  uint32_t color;          /* the current source colour... */
  bool color_set;          /* ...when set */
  cairo_glyph_t *glyphs;   /* GLYPHS buffers, reused */
  cairo_text_cluster_t *clusters;
  size_t glyph_cap, cluster_cap;
  outline_parent outline[OUTLINE_DEPTH]; /* open outline entries, outermost first */
  size_t n_outline;
  GArray *entries;         /* outline_entry, in arrival order */
  size_t pages;            /* pages shown so far */
  size_t move_count, move_to; /* A2B_DRAW_MOVE: the last move_count pages go to move_to */
};

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int len) {
  a2b_pdf_painter *p = closure;
  if (p->discard) return CAIRO_STATUS_SUCCESS;
  if (fwrite(data, 1, len, p->out) != len) {
    if (!p->write_errno) p->write_errno = errno ? errno : EIO;
    return CAIRO_STATUS_WRITE_ERROR;
  }
  return CAIRO_STATUS_SUCCESS;
}

static void set_meta(cairo_surface_t *s, cairo_pdf_metadata_t key, const char *value) {
  if (value && *value) cairo_pdf_surface_set_metadata(s, key, value);
}

a2b_pdf_painter *a2b_pdf_painter_new(FILE *out, a2b_pdf_ts *ts, const a2b_pdf_style *st,
                                     const a2b_pdf_meta *meta, a2b_diags *d) {
  a2b_pdf_painter *p = g_new0(a2b_pdf_painter, 1);
  p->out = out, p->ts = ts, p->st = st, p->d = d;
  p->surface = cairo_pdf_surface_create_for_stream(write_out, p, st->page_width, st->page_height);
  if (cairo_surface_status(p->surface) != CAIRO_STATUS_SUCCESS) {
    a2b_report(d, A2B_ERROR, NULL, 0, 0, "cannot start the PDF: %s",
               cairo_status_to_string(cairo_surface_status(p->surface)));
    cairo_surface_destroy(p->surface);
    g_free(p);
    return NULL;
  }
  set_meta(p->surface, CAIRO_PDF_METADATA_TITLE, meta->title);
  set_meta(p->surface, CAIRO_PDF_METADATA_AUTHOR, meta->author);
  set_meta(p->surface, CAIRO_PDF_METADATA_SUBJECT, meta->subject);
  set_meta(p->surface, CAIRO_PDF_METADATA_KEYWORDS, meta->keywords);
  set_meta(p->surface, CAIRO_PDF_METADATA_CREATOR, meta->creator);
  set_meta(p->surface, CAIRO_PDF_METADATA_CREATE_DATE, meta->create_date);
  set_meta(p->surface, CAIRO_PDF_METADATA_MOD_DATE, meta->mod_date);
  p->cr = cairo_create(p->surface);
  const cairo_font_options_t *fo = pango_cairo_context_get_font_options(a2b_pdf_ts_context(ts));
  if (fo) cairo_set_font_options(p->cr, fo);
  p->images = a2b_pdf_images_new(d);
  p->fonts = g_ptr_array_new_with_free_func(g_object_unref);
  p->page_images = g_hash_table_new(g_direct_hash, g_direct_equal);
  p->entries = g_array_new(FALSE, FALSE, sizeof(outline_entry));
  return p;
}

/* ---- small drawing helpers ---------------------------------------------- */

static void set_color(a2b_pdf_painter *p, uint32_t rgb) {
  if (p->color_set && p->color == rgb) return;
  cairo_set_source_rgb(p->cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0,
                       (rgb & 0xFF) / 255.0);
  p->color = rgb;
  p->color_set = true;
}

/* A number for a tag attribute, whatever the locale. */
static void put_num(a2b_buf *b, double v) {
  char num[G_ASCII_DTOSTR_BUF_SIZE];
  a2b_buf_puts(b, g_ascii_formatd(num, sizeof num, "%.3f", v));
}

/* A quoted string for a tag attribute (a URI or a destination name).
 * cairo 1.16 copies these into PDF strings without escaping, so the
 * characters that would end or escape one, ( ) and backslash, are
 * percent-encoded; so is every byte outside printable ASCII: a URI may not
 * hold them, and cairo writes a non-ASCII name as UTF-8 in the name tree
 * but as UTF-16 in links to it, which then lead nowhere. Links and
 * destinations encode names the same way, so they still match. */
static void put_string(a2b_buf *b, const char *s) {
  a2b_buf_putc(b, '\'');
  for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
    if (*c <= 0x20 || *c >= 0x7F || *c == '(' || *c == ')' || *c == '\\') {
      a2b_buf_printf(b, "%%%02X", *c);
      continue;
    }
    if (*c == '\'') a2b_buf_putc(b, '\\'); /* cairo's attribute syntax */
    a2b_buf_putc(b, (char)*c);
  }
  a2b_buf_putc(b, '\'');
}

static void put_rect(a2b_buf *b, double x, double y, double w, double h) {
  a2b_buf_puts(b, " rect=[");
  put_num(b, x), a2b_buf_putc(b, ' '), put_num(b, y), a2b_buf_putc(b, ' ');
  put_num(b, w), a2b_buf_putc(b, ' '), put_num(b, h);
  a2b_buf_putc(b, ']');
}

/* ---- links, destinations, outline --------------------------------------- */

static void add_link(a2b_pdf_painter *p, const char *uri, const char *dest_name, double x,
                     double y, double w, double h) {
  a2b_buf b = A2B_BUF_INIT;
  if (uri)
    a2b_buf_puts(&b, "uri="), put_string(&b, uri);
  else
    a2b_buf_puts(&b, "dest="), put_string(&b, dest_name);
  put_rect(&b, x, y, w, h);
  cairo_tag_begin(p->cr, CAIRO_TAG_LINK, a2b_buf_cstr(&b));
  cairo_tag_end(p->cr, CAIRO_TAG_LINK);
  a2b_buf_free(&b);
}

static void dest(a2b_pdf_painter *p, const char *name, double x, double y) {
  a2b_buf b = A2B_BUF_INIT;
  a2b_buf_puts(&b, "name="), put_string(&b, name);
  a2b_buf_puts(&b, " x="), put_num(&b, x);
  a2b_buf_puts(&b, " y="), put_num(&b, y);
  cairo_tag_begin(p->cr, CAIRO_TAG_DEST, a2b_buf_cstr(&b));
  cairo_tag_end(p->cr, CAIRO_TAG_DEST);
  a2b_buf_free(&b);
}

/* Where painted page `i` ends up. */
static size_t final_page(const a2b_pdf_painter *p, size_t i) {
  size_t from = p->pages - p->move_count;
  if (i >= from) return p->move_to + (i - from);
  return i >= p->move_to ? i + p->move_count : i;
}

static int by_final_page(const void *a, const void *b, void *ctx) {
  const outline_entry *x = a, *y = b;
  size_t px = final_page(ctx, x->page), py = final_page(ctx, y->page);
  if (px != py) return px < py ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* An outline entry under the nearest open entry of a lower level. */
static void add_outline(a2b_pdf_painter *p, const char *dest_name, const char *title, int level) {
  while (p->n_outline && p->outline[p->n_outline - 1].level >= level)
    p->n_outline--;
  int parent = p->n_outline ? p->outline[p->n_outline - 1].id : CAIRO_PDF_OUTLINE_ROOT;
  a2b_buf b = A2B_BUF_INIT;
  a2b_buf_puts(&b, "dest="), put_string(&b, dest_name);
  int id = cairo_pdf_surface_add_outline(p->surface, parent, title, a2b_buf_cstr(&b), 0);
  a2b_buf_free(&b);
  if (p->n_outline < OUTLINE_DEPTH) p->outline[p->n_outline++] = (outline_parent){level, id};
}

/* ---- fonts ------------------------------------------------------------------ */

/* FONT: load the face the layout process used, by its description, and make
 * sure it is the same file. */
static bool define_font(a2b_pdf_painter *p, a2b_wire_in *in, a2b_arena *a) {
  uint32_t id = a2b_wire_get_u32(in);
  const char *name = a2b_wire_get_str(in, a);
  const char *file = a2b_wire_get_str(in, a);
  int index = (int)a2b_wire_get_u32(in);
  if (!a2b_wire_in_ok(in) || id != p->fonts->len) return false;
  PangoContext *ctx = a2b_pdf_ts_context(p->ts);
  PangoFontDescription *desc = pango_font_description_from_string(name);
  PangoFont *font = pango_font_map_load_font(pango_context_get_font_map(ctx), ctx, desc);
  pango_font_description_free(desc);
  FcChar8 *got_file = NULL;
  int got_index = -1;
  FcPattern *pat = font && PANGO_IS_FC_FONT(font) ? pango_fc_font_get_pattern(PANGO_FC_FONT(font))
                                                  : NULL;
  if (pat) {
    FcPatternGetString(pat, FC_FILE, 0, &got_file);
    FcPatternGetInteger(pat, FC_INDEX, 0, &got_index);
  }
  if (!got_file || strcmp((const char *)got_file, file) || got_index != index) {
    a2b_report(p->d, A2B_ERROR, NULL, 0, 0, "font '%s' (%s) not found again for painting", name,
               file);
    if (font) g_object_unref(font);
    return false;
  }
  g_ptr_array_add(p->fonts, font);
  return true;
}

/* ---- records ------------------------------------------------------------------ */

static void get_box(a2b_wire_in *in, double b[4]) {
  for (int i = 0; i < 4; i++) b[i] = a2b_wire_get_f64(in);
}

static bool show_glyphs(a2b_pdf_painter *p, a2b_wire_in *in, a2b_arena *a) {
  uint32_t font = a2b_wire_get_u32(in), color = a2b_wire_get_u32(in);
  bool backward = a2b_wire_get_u32(in);
  size_t n = a2b_wire_get_u32(in);
  if (!a2b_wire_in_ok(in) || font >= p->fonts->len) return false;
  if (n > p->glyph_cap) {
    p->glyph_cap = n * 2;
    p->glyphs = g_renew(cairo_glyph_t, p->glyphs, p->glyph_cap);
  }
  for (size_t i = 0; i < n; i++) {
    p->glyphs[i].index = a2b_wire_get_u32(in);
    p->glyphs[i].x = a2b_wire_get_f64(in);
    p->glyphs[i].y = a2b_wire_get_f64(in);
  }
  const char *text = a2b_wire_get_str(in, a);
  size_t m = a2b_wire_get_u32(in);
  if (!a2b_wire_in_ok(in) || !text) return false;
  if (m > p->cluster_cap) {
    p->cluster_cap = m * 2;
    p->clusters = g_renew(cairo_text_cluster_t, p->clusters, p->cluster_cap);
  }
  for (size_t i = 0; i < m; i++) {
    p->clusters[i].num_bytes = (int)a2b_wire_get_u32(in);
    p->clusters[i].num_glyphs = (int)a2b_wire_get_u32(in);
  }
  if (!a2b_wire_in_ok(in)) return false;
  set_color(p, color);
  cairo_set_scaled_font(p->cr,
                        pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(p->fonts->pdata[font])));
  cairo_show_text_glyphs(p->cr, text, (int)strlen(text), p->glyphs, (int)n, p->clusters, (int)m,
                         backward ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : 0);
  return true;
}

static void paint_image(a2b_pdf_painter *p, const a2b_resource *res, const double b[4]) {
  double iw, ih;
  cairo_surface_t *s = a2b_pdf_images_get(p->images, res, &iw, &ih);
  if (!s || b[2] <= 0 || b[3] <= 0 || iw <= 0 || ih <= 0) return;
  /* cairo 1.16 lists an image drawn twice on a page twice in the page's
   * resources (a duplicated key, which qpdf rejects): draw it again from
   * inside a group, whose own resources hold it. */
  bool again = !g_hash_table_add(p->page_images, (gpointer)res);
  if (again) cairo_push_group(p->cr);
  cairo_save(p->cr);
  cairo_translate(p->cr, b[0], b[1]);
  cairo_scale(p->cr, b[2] / iw, b[3] / ih);
  cairo_set_source_surface(p->cr, s, 0, 0);
  cairo_paint(p->cr);
  cairo_restore(p->cr);
  if (again) {
    cairo_pop_group_to_source(p->cr);
    cairo_paint(p->cr);
  }
  p->color_set = false;
}

/* DOTS: one filled path for all the marks of a run. */
static bool paint_dots(a2b_pdf_painter *p, a2b_wire_in *in) {
  bool sesame = a2b_wire_get_u32(in);
  double r = a2b_wire_get_f64(in);
  uint32_t color = a2b_wire_get_u32(in);
  uint32_t n = a2b_wire_get_u32(in);
  if (!a2b_wire_in_ok(in)) return false;
  for (uint32_t i = 0; i < n; i++) {
    double x = a2b_wire_get_f64(in), y = a2b_wire_get_f64(in);
    cairo_new_sub_path(p->cr);
    if (!sesame) {
      cairo_arc(p->cr, x, y, r, 0, 2 * G_PI);
      continue;
    }
    cairo_save(p->cr); /* a tilted drop: an ellipse leaning right */
    cairo_translate(p->cr, x, y);
    cairo_rotate(p->cr, G_PI / 6);
    cairo_scale(p->cr, r, 2 * r);
    cairo_arc(p->cr, 0, 0, 1, 0, 2 * G_PI);
    cairo_restore(p->cr);
  }
  set_color(p, color);
  cairo_fill(p->cr);
  return a2b_wire_in_ok(in);
}

/* COVER: drawn (cover.h), or the cover image fitted to the page, centred
 * on white. */
static void paint_cover(a2b_pdf_painter *p, const a2b_book *book) {
  double w = p->st->page_width, h = p->st->page_height;
  if (book->draw_cover) {
    a2b_pdf_draw_cover(p->cr, w, h, book, p->st, a2b_pdf_ts_context(p->ts), p->images);
  } else if (book->cover) {
    double iw, ih;
    if (a2b_pdf_images_get(p->images, book->cover, &iw, &ih) && iw > 0 && ih > 0) {
      double k = fmin(w / iw, h / ih);
      double box[4] = {(w - iw * k) / 2, (h - ih * k) / 2, iw * k, ih * k};
      paint_image(p, book->cover, box);
    }
  }
  p->color_set = false;
}

static void start_page(a2b_pdf_painter *p, double width, double height) {
  cairo_pdf_surface_set_size(p->surface, width, height);
  /* One structure element around the whole document: cairo 1.16 writes a
   * broken cross-reference table for links outside any structure tag, and
   * asserts at finish with one per page on some documents with images. */
  if (!p->doc_open) {
    cairo_tag_begin(p->cr, "Document", "");
    p->doc_open = true;
  }
}

/* One record after its opcode; false on a malformed record. */
static bool paint_record(a2b_pdf_painter *p, uint32_t op, a2b_wire_in *in, a2b_arena *a) {
  double b[4];
  switch (op) {
  case A2B_DRAW_PAGE: {
    double w = a2b_wire_get_f64(in), h = a2b_wire_get_f64(in);
    start_page(p, w, h);
    return true;
  }
  case A2B_DRAW_FONT: return define_font(p, in, a);
  case A2B_DRAW_GLYPHS: return show_glyphs(p, in, a);
  case A2B_DRAW_FILL:
  case A2B_DRAW_STROKE:
    get_box(in, b);
    set_color(p, a2b_wire_get_u32(in));
    cairo_rectangle(p->cr, b[0], b[1], b[2], b[3]);
    if (op == A2B_DRAW_FILL) {
      cairo_fill(p->cr);
    } else {
      cairo_set_line_width(p->cr, A2B_DRAW_STROKE_WIDTH);
      cairo_stroke(p->cr);
    }
    return true;
  case A2B_DRAW_IMAGE: {
    const a2b_resource *res = a2b_wire_get_ptr(in);
    get_box(in, b);
    if (a2b_wire_in_ok(in)) paint_image(p, res, b);
    return true;
  }
  case A2B_DRAW_LINK: {
    get_box(in, b);
    const char *uri = a2b_wire_get_str(in, a), *name = a2b_wire_get_str(in, a);
    if (!a2b_wire_in_ok(in) || (!uri && !name)) return false;
    add_link(p, uri, name, b[0], b[1], b[2], b[3]);
    return true;
  }
  case A2B_DRAW_DEST: {
    const char *name = a2b_wire_get_str(in, a);
    double x = a2b_wire_get_f64(in), y = a2b_wire_get_f64(in);
    const char *title = a2b_wire_get_str(in, a);
    int level = (int)a2b_wire_get_u32(in);
    if (!a2b_wire_in_ok(in) || !name) return false;
    dest(p, name, x, y);
    if (title) {
      outline_entry e = {p->pages, p->entries->len, g_strdup(name), g_strdup(title), level};
      g_array_append_val(p->entries, e);
    }
    return true;
  }
  case A2B_DRAW_SHOW_PAGE:
    cairo_show_page(p->cr);
    g_hash_table_remove_all(p->page_images);
    p->pages++;
    return true;
  case A2B_DRAW_DOTS: return paint_dots(p, in);
  case A2B_DRAW_COVER: {
    const a2b_book *book = a2b_wire_get_ptr(in);
    if (!a2b_wire_in_ok(in) || !book) return false;
    paint_cover(p, book);
    return true;
  }
  case A2B_DRAW_DIAGS: a2b_wire_get_diags(in, p->d); return a2b_wire_in_ok(in);
  case A2B_DRAW_MOVE:
    p->move_count = a2b_wire_get_u32(in);
    p->move_to = a2b_wire_get_u32(in);
    return a2b_wire_in_ok(in) && p->move_count <= p->pages && p->move_to <= p->pages - p->move_count;
  default: return false;
  }
}

bool a2b_pdf_paint_stream(a2b_pdf_painter *p, a2b_wire_in *in) {
  a2b_arena *a = a2b_arena_new();
  bool ok = true;
  for (;;) {
    uint32_t op = a2b_wire_get_u32(in);
    if (!a2b_wire_in_ok(in)) {
      ok = false;
      break;
    }
    if (op == A2B_DRAW_END) {
      a2b_wire_get_diags(in, p->d);
      break;
    }
    if (!paint_record(p, op, in, a)) {
      ok = false;
      break;
    }
    if (op == A2B_DRAW_SHOW_PAGE) a2b_arena_reset(a);
  }
  a2b_arena_free(a);
  return ok;
}

bool a2b_pdf_painter_finish(a2b_pdf_painter *p) {
  if (p->doc_open) cairo_tag_end(p->cr, "Document");
  g_array_sort_with_data(p->entries, by_final_page, p);
  for (guint i = 0; i < p->entries->len; i++) {
    const outline_entry *e = &g_array_index(p->entries, outline_entry, i);
    add_outline(p, e->dest, e->title, e->level);
  }
  cairo_status_t status = cairo_status(p->cr);
  cairo_surface_finish(p->surface);
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(p->surface);
  if (!p->write_errno && fflush(p->out) != 0) p->write_errno = errno;
  if (!p->write_errno && status == CAIRO_STATUS_SUCCESS && p->move_count &&
      !a2b_pdf_move_last_pages(p->out, p->pages, p->move_count, p->move_to)) {
    if (errno) {
      p->write_errno = errno;
    } else {
      a2b_report(p->d, A2B_ERROR, NULL, 0, 0, "cannot move the contents to the front: "
                 "cairo wrote an unexpected page tree");
      return false;
    }
  }
  if (p->write_errno) {
    a2b_report(p->d, A2B_ERROR, NULL, 0, 0, "cannot write the PDF: %s", strerror(p->write_errno));
    return false;
  }
  if (status != CAIRO_STATUS_SUCCESS) {
    a2b_report(p->d, A2B_ERROR, NULL, 0, 0, "cannot make the PDF: %s",
               cairo_status_to_string(status));
    return false;
  }
  return true;
}

void a2b_pdf_painter_free(a2b_pdf_painter *p) {
  if (!p) return;
  p->discard = true; /* an unfinished document is dropped, not written */
  cairo_destroy(p->cr);
  cairo_surface_destroy(p->surface);
  a2b_pdf_images_free(p->images);
  g_ptr_array_free(p->fonts, TRUE);
  g_hash_table_destroy(p->page_images);
  for (guint i = 0; i < p->entries->len; i++) {
    g_free(g_array_index(p->entries, outline_entry, i).dest);
    g_free(g_array_index(p->entries, outline_entry, i).title);
  }
  g_array_free(p->entries, TRUE);
  g_free(p->glyphs);
  g_free(p->clusters);
  g_free(p);
}
