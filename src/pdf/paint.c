#include "pdf/paint.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "pdf/paint_image.h"

#define HEAD_COLOR 0x707070u /* running heads and folios */
#define STROKE_WIDTH 0.5     /* A2B_PDF_P_STROKE outlines, pt */
#define OUTLINE_DEPTH 16

typedef struct outline_parent {
  int level, id;
} outline_parent;

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
  outline_parent outline[OUTLINE_DEPTH]; /* open outline entries, outermost first */
  size_t n_outline;
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
  return p;
}

/* ---- small drawing helpers ---------------------------------------------- */

static void set_color(cairo_t *cr, uint32_t rgb) {
  cairo_set_source_rgb(cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0,
                       (rgb & 0xFF) / 255.0);
}

static void fill_rect(cairo_t *cr, uint32_t rgb, double x, double y, double w, double h) {
  set_color(cr, rgb);
  cairo_rectangle(cr, x, y, w, h);
  cairo_fill(cr);
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

static void add_link(a2b_pdf_painter *p, const a2b_pdf_run *r, double x, double y, double w,
                     double h) {
  a2b_buf b = A2B_BUF_INIT;
  if (r->link_uri)
    a2b_buf_puts(&b, "uri="), put_string(&b, r->link_uri);
  else
    a2b_buf_puts(&b, "dest="), put_string(&b, r->link_dest);
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

/* An outline entry under the nearest open entry of a lower level. */
static void outline(a2b_pdf_painter *p, const char *dest_name, const char *title, int level) {
  while (p->n_outline && p->outline[p->n_outline - 1].level >= level)
    p->n_outline--;
  int parent = p->n_outline ? p->outline[p->n_outline - 1].id : CAIRO_PDF_OUTLINE_ROOT;
  a2b_buf b = A2B_BUF_INIT;
  a2b_buf_puts(&b, "dest="), put_string(&b, dest_name);
  int id = cairo_pdf_surface_add_outline(p->surface, parent, title, a2b_buf_cstr(&b), 0);
  a2b_buf_free(&b);
  if (p->n_outline < OUTLINE_DEPTH) p->outline[p->n_outline++] = (outline_parent){level, id};
}

/* ---- lines -------------------------------------------------------------- */

static void decorate(cairo_t *cr, const a2b_pdf_run *r, double x, double baseline) {
  PangoFontMetrics *m = pango_font_get_metrics(r->glyphs->item->analysis.font, NULL);
  if (r->underline)
    fill_rect(cr, r->color, x,
              baseline - pango_font_metrics_get_underline_position(m) / (double)PANGO_SCALE,
              r->width, pango_font_metrics_get_underline_thickness(m) / (double)PANGO_SCALE);
  if (r->strike)
    fill_rect(cr, r->color, x,
              baseline - pango_font_metrics_get_strikethrough_position(m) / (double)PANGO_SCALE,
              r->width, pango_font_metrics_get_strikethrough_thickness(m) / (double)PANGO_SCALE);
  pango_font_metrics_unref(m);
}

static bool same_link(const a2b_pdf_run *a, const a2b_pdf_run *b) {
  if (a->link_uri || b->link_uri)
    return a->link_uri && b->link_uri && !strcmp(a->link_uri, b->link_uri);
  return a->link_dest && b->link_dest && !strcmp(a->link_dest, b->link_dest);
}

/* The line with its left edge at x and its baseline at y. */
static void paint_line(a2b_pdf_painter *p, const a2b_pdf_line *line, double x, double y) {
  cairo_t *cr = p->cr;
  for (size_t i = 0; i < line->n_runs; i++) {
    const a2b_pdf_run *r = &line->runs[i];
    if (!r->glyphs) continue;
    g_assert(r->glyphs->item->offset == 0 && r->glyphs->item->length == r->text_len);
    set_color(cr, r->color);
    cairo_move_to(cr, x + r->x, y - r->rise);
    pango_cairo_show_glyph_item(cr, r->text, r->glyphs);
    if (r->underline || r->strike) decorate(cr, r, x + r->x, y - r->rise);
  }
  /* One annotation per stretch of runs with the same target. */
  for (size_t i = 0, j; i < line->n_runs; i = j) {
    const a2b_pdf_run *r = &line->runs[i];
    for (j = i + 1; j < line->n_runs && same_link(r, &line->runs[j]); j++)
      continue;
    if (!r->link_uri && !r->link_dest) continue;
    const a2b_pdf_run *last = &line->runs[j - 1];
    add_link(p, r, x + r->x, y - line->ascent, last->x + last->width - r->x,
             line->ascent + line->descent);
  }
  /* The line's anchors are DEST items of their own (pagination). */
}

/* ---- running heads and folio -------------------------------------------- */

/* `text` set in the small size, shortened with an ellipsis to fit `avail`. */
static const a2b_pdf_line *head_line(a2b_pdf_painter *p, a2b_arena *a, const a2b_pdf_page *page,
                                     const char *text, double avail, double *width) {
  a2b_pdf_span span = {
      .text = text, .len = strlen(text), .size = p->st->small_size, .color = HEAD_COLOR};
  a2b_pdf_para para = {.lang = page->article ? page->article->lang : NULL,
                       .size = p->st->small_size,
                       .pitch = p->st->small_pitch,
                       .measure = avail,
                       .align = A2B_PDF_LEFT};
  const char *where = page->article ? page->article->path : NULL;
  a2b_pdf_line *line = a2b_pdf_set_line(p->ts, a, &span, 1, &para, width, where);
  if (*width <= avail) return line;
  /* Cut whole characters from the end, starting from a proportional guess. */
  size_t keep = (size_t)((double)g_utf8_strlen(text, -1) * avail / *width);
  for (; keep > 0; keep--) {
    const char *end = g_utf8_offset_to_pointer(text, (glong)keep);
    span.text = a2b_sprintf(a, "%.*s\u2026", (int)(end - text), text);
    span.len = strlen(span.text);
    line = a2b_pdf_set_line(p->ts, a, &span, 1, &para, width, where);
    if (*width <= avail) return line;
  }
  return NULL;
}

static void paint_heads(a2b_pdf_painter *p, const a2b_pdf_page *page) {
  const a2b_pdf_style *st = p->st;
  bool odd = page->number % 2 != 0;
  double left = odd ? st->margin_inner : st->margin_outer;
  double right = st->page_width - (odd ? st->margin_outer : st->margin_inner);
  double measure = right - left, gap = 2 * st->small_size;
  double head_y = st->margin_top / 2 + st->small_size * 0.35;
  a2b_arena *a = a2b_arena_new();
  double lw = 0, rw;
  if (page->head_left) {
    const a2b_pdf_line *l = head_line(p, a, page, page->head_left, measure / 2 - gap / 2, &lw);
    if (l)
      paint_line(p, l, left, head_y);
    else
      lw = 0;
  }
  if (page->head_right) {
    double avail = page->head_left ? measure - lw - gap : measure;
    const a2b_pdf_line *l = head_line(p, a, page, page->head_right, avail, &rw);
    if (l) paint_line(p, l, right - rw, head_y);
  }
  if (page->show_folio) {
    char num[16];
    snprintf(num, sizeof num, "%d", page->number);
    const a2b_pdf_line *l = head_line(p, a, page, num, measure, &rw);
    if (l) paint_line(p, l, left + (measure - rw) / 2, st->page_height - st->margin_bottom / 2);
  }
  a2b_arena_free(a);
}

/* ---- pages -------------------------------------------------------------- */

static void paint_image(a2b_pdf_painter *p, const a2b_pdf_placed *it) {
  cairo_surface_t *s = a2b_pdf_images_get(p->images, it->u.image);
  if (!s || it->w <= 0 || it->h <= 0) return;
  int iw = cairo_image_surface_get_width(s), ih = cairo_image_surface_get_height(s);
  cairo_save(p->cr);
  cairo_translate(p->cr, it->x, it->y);
  cairo_scale(p->cr, it->w / iw, it->h / ih);
  cairo_set_source_surface(p->cr, s, 0, 0);
  cairo_paint(p->cr);
  cairo_restore(p->cr);
}

static void paint_item(a2b_pdf_painter *p, const a2b_pdf_placed *it) {
  cairo_t *cr = p->cr;
  switch (it->kind) {
  case A2B_PDF_P_LINE: paint_line(p, it->u.line, it->x, it->y); break;
  case A2B_PDF_P_IMAGE: paint_image(p, it); break;
  case A2B_PDF_P_RULE: fill_rect(cr, it->color, it->x, it->y - it->h / 2, it->w, it->h); break;
  case A2B_PDF_P_RECT: break; /* painted first, under everything */
  case A2B_PDF_P_STROKE:
    set_color(cr, it->color);
    cairo_set_line_width(cr, STROKE_WIDTH);
    cairo_rectangle(cr, it->x, it->y, it->w, it->h);
    cairo_stroke(cr);
    break;
  case A2B_PDF_P_DEST:
    dest(p, it->u.dest.name, it->x, it->y);
    if (it->u.dest.outline_title)
      outline(p, it->u.dest.name, it->u.dest.outline_title, it->u.dest.outline_level);
    break;
  }
}

void a2b_pdf_paint_page(a2b_pdf_painter *p, const a2b_pdf_page *page) {
  cairo_pdf_surface_set_size(p->surface, p->st->page_width, p->st->page_height);
  /* One structure element around the whole document: cairo 1.16 writes a
   * broken cross-reference table for links outside any structure tag, and
   * asserts at finish with one per page on some documents with images. */
  if (!p->doc_open) {
    cairo_tag_begin(p->cr, "Document", "");
    p->doc_open = true;
  }
  for (size_t i = 0; i < page->n; i++) {
    const a2b_pdf_placed *it = &page->items[i];
    if (it->kind == A2B_PDF_P_RECT) fill_rect(p->cr, it->color, it->x, it->y, it->w, it->h);
  }
  for (size_t i = 0; i < page->n; i++)
    paint_item(p, &page->items[i]);
  paint_heads(p, page);
  cairo_show_page(p->cr);
}

bool a2b_pdf_painter_finish(a2b_pdf_painter *p) {
  if (p->doc_open) cairo_tag_end(p->cr, "Document");
  cairo_status_t status = cairo_status(p->cr);
  cairo_surface_finish(p->surface);
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(p->surface);
  if (!p->write_errno && fflush(p->out) != 0) p->write_errno = errno;
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
  g_free(p);
}
