#include "pdf/render.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-font.h>
#include <string.h>

#include "arena.h"
#include "pdf/breakrules.h"
#include "pdf/drawing.h"

#define HEAD_COLOR 0x707070u /* running heads and folios */

struct a2b_pdf_renderer {
  a2b_pdf_ts *ts;
  const a2b_pdf_style *st;
  a2b_wire_out *out;
  GHashTable *fonts; /* PangoFont* -> id + 1 */
  /* per run, reused */
  uint32_t *glyph_ids;
  double *glyph_xy;
  double *glyph_x; /* each glyph's origin in the run, and the run's end */
  uint32_t *clusters;
  size_t cap, cluster_cap;
};

a2b_pdf_renderer *a2b_pdf_renderer_new(a2b_pdf_ts *ts, const a2b_pdf_style *st, a2b_wire_out *out) {
  a2b_pdf_renderer *r = g_new0(a2b_pdf_renderer, 1);
  r->ts = ts, r->st = st, r->out = out;
  r->fonts = g_hash_table_new(g_direct_hash, g_direct_equal);
  return r;
}

void a2b_pdf_renderer_free(a2b_pdf_renderer *r) {
  if (!r) return;
  g_hash_table_destroy(r->fonts);
  g_free(r->glyph_ids);
  g_free(r->glyph_xy);
  g_free(r->glyph_x);
  g_free(r->clusters);
  g_free(r);
}

/* ---- records -------------------------------------------------------------- */

static void put_box(a2b_pdf_renderer *r, double x, double y, double w, double h) {
  a2b_wire_f64(r->out, x), a2b_wire_f64(r->out, y);
  a2b_wire_f64(r->out, w), a2b_wire_f64(r->out, h);
}

/* FILL or STROKE */
static void rect_record(a2b_pdf_renderer *r, uint32_t op, double x, double y, double w, double h,
                        uint32_t color) {
  a2b_wire_u32(r->out, op);
  put_box(r, x, y, w, h);
  a2b_wire_u32(r->out, color);
}

/* The id of `font`, defined with a FONT record on first use. */
static uint32_t font_id(a2b_pdf_renderer *r, PangoFont *font) {
  gpointer known = g_hash_table_lookup(r->fonts, font);
  if (known) return (uint32_t)(GPOINTER_TO_UINT(known) - 1);
  uint32_t id = g_hash_table_size(r->fonts);
  g_hash_table_insert(r->fonts, font, GUINT_TO_POINTER(id + 1));
  PangoFontDescription *desc = pango_font_describe_with_absolute_size(font);
  char *name = pango_font_description_to_string(desc);
  FcChar8 *file = NULL;
  int index = 0;
  FcPattern *pat = PANGO_IS_FC_FONT(font) ? pango_fc_font_get_pattern(PANGO_FC_FONT(font)) : NULL;
  if (pat) {
    FcPatternGetString(pat, FC_FILE, 0, &file);
    FcPatternGetInteger(pat, FC_INDEX, 0, &index);
  }
  a2b_wire_u32(r->out, A2B_DRAW_FONT);
  a2b_wire_u32(r->out, id);
  a2b_wire_str(r->out, name);
  a2b_wire_str(r->out, file ? (const char *)file : "");
  a2b_wire_u32(r->out, (uint32_t)index);
  g_free(name);
  pango_font_description_free(desc);
  return id;
}

static bool drawn(const PangoGlyphInfo *g) {
  return g->glyph != PANGO_GLYPH_EMPTY && !(g->glyph & PANGO_GLYPH_UNKNOWN_FLAG);
}

/* ---- emphasis dots ------------------------------------------------------- */

/* Where the marks go, in em of the run's font: a round dot centred this far
 * under the baseline (below the ideographic em box, whose bottom is about
 * 0.12 em down), a sesame dot this far above it (over the box's top, about
 * 0.88 em up); their sizes (radius; half width and half height). */
#define DOT_BELOW 0.30
#define DOT_RADIUS 0.075
#define SESAME_ABOVE 1.10

static double font_em(PangoFont *font) {
  PangoFontDescription *d = pango_font_describe_with_absolute_size(font);
  double em = pango_font_description_get_size(d) / (double)PANGO_SCALE;
  pango_font_description_free(d);
  return em;
}

/* DOTS for the ideographs and kana of a run with emphasis marks (never for
 * punctuation, digits or Latin letters): one at the middle of each such
 * cluster. `gx` holds the x of every glyph's origin and, at num_glyphs, the
 * run's end, relative to its origin (x, y). */
static void dots_record(a2b_pdf_renderer *r, const a2b_pdf_run *run, const double *gx, double x,
                        double y) {
  PangoGlyphItem *gi = run->glyphs;
  bool backward = gi->item->analysis.level & 1;
  double em = font_em(gi->item->analysis.font);
  size_t n = 0;
  PangoGlyphItemIter it;
  for (gboolean ok = pango_glyph_item_iter_init_start(&it, gi, run->text); ok;
       ok = pango_glyph_item_iter_next_cluster(&it)) {
    if (!a2b_br_is_ideo(g_utf8_get_char(run->text + it.start_index))) continue;
    int lo = backward ? it.end_glyph + 1 : it.start_glyph;
    int hi = backward ? it.start_glyph + 1 : it.end_glyph;
    r->glyph_xy[2 * n] = x + (gx[lo] + gx[hi]) / 2;
    r->glyph_xy[2 * n + 1] = run->emphasis_dots == A2B_PDF_DOTS_OVER ? y - SESAME_ABOVE * em
                                                                     : y + DOT_BELOW * em;
    n++;
  }
  if (!n) return;
  a2b_wire_u32(r->out, A2B_DRAW_DOTS);
  a2b_wire_u32(r->out, run->emphasis_dots == A2B_PDF_DOTS_OVER);
  a2b_wire_f64(r->out, DOT_RADIUS * em);
  a2b_wire_u32(r->out, run->color);
  a2b_wire_u32(r->out, (uint32_t)n);
  a2b_wire_put(r->out, r->glyph_xy, 2 * n * sizeof *r->glyph_xy);
}

/* GLYPHS for one run with its origin at (x, y): what
 * pango_cairo_show_glyph_item would pass to cairo_show_text_glyphs. */
static void glyphs_record(a2b_pdf_renderer *r, const a2b_pdf_run *run, double x, double y) {
  PangoGlyphItem *gi = run->glyphs;
  PangoGlyphString *gs = gi->glyphs;
  size_t n = (size_t)gs->num_glyphs;
  if (n + 1 > r->cap) {
    r->cap = (n + 1) * 2;
    r->glyph_ids = g_renew(uint32_t, r->glyph_ids, r->cap);
    r->glyph_xy = g_renew(double, r->glyph_xy, 2 * r->cap);
    r->glyph_x = g_renew(double, r->glyph_x, r->cap);
  }
  size_t count = 0;
  int pos = 0;
  for (size_t i = 0; i < n; i++) {
    const PangoGlyphInfo *g = &gs->glyphs[i];
    r->glyph_x[i] = pos / (double)PANGO_SCALE;
    if (drawn(g)) {
      r->glyph_ids[count] = g->glyph;
      r->glyph_xy[2 * count] = x + (pos + g->geometry.x_offset) / (double)PANGO_SCALE;
      r->glyph_xy[2 * count + 1] = y + g->geometry.y_offset / (double)PANGO_SCALE;
      count++;
    }
    pos += g->geometry.width;
  }
  r->glyph_x[n] = pos / (double)PANGO_SCALE;
  /* Clusters in logical order; for right-to-left items they map the glyph
   * array from its end (cairo's backward flag). */
  bool backward = gi->item->analysis.level & 1;
  size_t m = 0;
  PangoGlyphItemIter it;
  for (gboolean ok = pango_glyph_item_iter_init_start(&it, gi, run->text); ok;
       ok = pango_glyph_item_iter_next_cluster(&it)) {
    if (2 * (m + 1) > r->cluster_cap) {
      r->cluster_cap = 2 * (m + 1) * 2;
      r->clusters = g_renew(uint32_t, r->clusters, r->cluster_cap);
    }
    int lo = backward ? it.end_glyph + 1 : it.start_glyph;
    int hi = backward ? it.start_glyph + 1 : it.end_glyph;
    uint32_t k = 0;
    for (int i = lo; i < hi; i++) k += drawn(&gs->glyphs[i]);
    r->clusters[2 * m] = (uint32_t)(it.end_index - it.start_index);
    r->clusters[2 * m + 1] = k;
    m++;
  }
  if (!count) return; /* nothing drawn: left-out characters only */
  uint32_t font = font_id(r, gi->item->analysis.font); /* may define it first */
  a2b_wire_u32(r->out, A2B_DRAW_GLYPHS);
  a2b_wire_u32(r->out, font);
  a2b_wire_u32(r->out, run->color);
  a2b_wire_u32(r->out, backward);
  a2b_wire_u32(r->out, (uint32_t)count);
  for (size_t i = 0; i < count; i++) {
    a2b_wire_u32(r->out, r->glyph_ids[i]);
    a2b_wire_f64(r->out, r->glyph_xy[2 * i]);
    a2b_wire_f64(r->out, r->glyph_xy[2 * i + 1]);
  }
  a2b_wire_u32(r->out, (uint32_t)run->text_len);
  a2b_wire_put(r->out, run->text, (size_t)run->text_len);
  a2b_wire_u32(r->out, (uint32_t)m);
  a2b_wire_put(r->out, r->clusters, 2 * m * sizeof *r->clusters);
  if (run->emphasis_dots) dots_record(r, run, r->glyph_x, x, y);
}

/* ---- lines ---------------------------------------------------------------- */

static void decorate(a2b_pdf_renderer *r, const a2b_pdf_run *run, double x, double baseline) {
  PangoFontMetrics *m = pango_font_get_metrics(run->glyphs->item->analysis.font, NULL);
  if (run->underline)
    rect_record(r, A2B_DRAW_FILL, x,
                baseline - pango_font_metrics_get_underline_position(m) / (double)PANGO_SCALE,
                run->width, pango_font_metrics_get_underline_thickness(m) / (double)PANGO_SCALE,
                run->color);
  if (run->strike)
    rect_record(r, A2B_DRAW_FILL, x,
                baseline - pango_font_metrics_get_strikethrough_position(m) / (double)PANGO_SCALE,
                run->width, pango_font_metrics_get_strikethrough_thickness(m) / (double)PANGO_SCALE,
                run->color);
  pango_font_metrics_unref(m);
}

static bool same_link(const a2b_pdf_run *a, const a2b_pdf_run *b) {
  if (a->link_uri || b->link_uri)
    return a->link_uri && b->link_uri && !strcmp(a->link_uri, b->link_uri);
  return a->link_dest && b->link_dest && !strcmp(a->link_dest, b->link_dest);
}

/* The line with its left edge at x and its baseline at y. Its anchors are
 * DEST items of their own (pagination). */
static void render_line(a2b_pdf_renderer *r, const a2b_pdf_line *line, double x, double y) {
  for (size_t i = 0; i < line->n_runs; i++) {
    const a2b_pdf_run *run = &line->runs[i];
    if (!run->glyphs) continue;
    glyphs_record(r, run, x + run->x, y - run->rise);
    if (run->underline || run->strike) decorate(r, run, x + run->x, y - run->rise);
  }
  /* One link per stretch of runs with the same target. */
  for (size_t i = 0, j; i < line->n_runs; i = j) {
    const a2b_pdf_run *run = &line->runs[i];
    for (j = i + 1; j < line->n_runs && same_link(run, &line->runs[j]); j++)
      continue;
    if (!run->link_uri && !run->link_dest) continue;
    const a2b_pdf_run *last = &line->runs[j - 1];
    a2b_wire_u32(r->out, A2B_DRAW_LINK);
    put_box(r, x + run->x, y - line->ascent, last->x + last->width - run->x,
            line->ascent + line->descent);
    a2b_wire_str(r->out, run->link_uri);
    a2b_wire_str(r->out, run->link_uri ? NULL : run->link_dest);
  }
}

/* ---- running heads and folio ---------------------------------------------- */

/* `text` set in the small size, shortened with an ellipsis to fit `avail`. */
static const a2b_pdf_line *head_line(a2b_pdf_renderer *r, a2b_arena *a, const a2b_pdf_page *page,
                                     const char *text, double avail, double *width) {
  a2b_pdf_span span = {
      .text = text, .len = strlen(text), .size = r->st->small_size, .color = HEAD_COLOR};
  a2b_pdf_para para = {.lang = page->article ? page->article->lang : NULL,
                       .size = r->st->small_size,
                       .pitch = r->st->small_pitch,
                       .measure = avail,
                       .align = A2B_PDF_LEFT};
  const char *where = page->article ? page->article->path : NULL;
  a2b_pdf_line *line = a2b_pdf_set_line(r->ts, a, &span, 1, &para, width, where);
  if (*width <= avail) return line;
  /* Cut whole characters from the end, starting from a proportional guess. */
  size_t keep = (size_t)((double)g_utf8_strlen(text, -1) * avail / *width);
  for (; keep > 0; keep--) {
    const char *end = g_utf8_offset_to_pointer(text, (glong)keep);
    span.text = a2b_sprintf(a, "%.*s\u2026", (int)(end - text), text);
    span.len = strlen(span.text);
    line = a2b_pdf_set_line(r->ts, a, &span, 1, &para, width, where);
    if (*width <= avail) return line;
  }
  return NULL;
}

static void render_heads(a2b_pdf_renderer *r, const a2b_pdf_page *page) {
  const a2b_pdf_style *st = r->st;
  bool odd = page->number % 2 != 0;
  double left = odd ? st->margin_inner : st->margin_outer;
  double right = st->page_width - (odd ? st->margin_outer : st->margin_inner);
  double measure = right - left, gap = 2 * st->small_size;
  double head_y = st->margin_top / 2 + st->small_size * 0.35;
  a2b_arena *a = a2b_arena_new();
  double lw = 0, rw;
  if (page->head_left) {
    const a2b_pdf_line *l = head_line(r, a, page, page->head_left, measure / 2 - gap / 2, &lw);
    if (l)
      render_line(r, l, left, head_y);
    else
      lw = 0;
  }
  if (page->head_right) {
    double avail = page->head_left ? measure - lw - gap : measure;
    const a2b_pdf_line *l = head_line(r, a, page, page->head_right, avail, &rw);
    if (l) render_line(r, l, right - rw, head_y);
  }
  if (page->show_folio) {
    char num[16];
    snprintf(num, sizeof num, "%d", page->number);
    const a2b_pdf_line *l = head_line(r, a, page, num, measure, &rw);
    if (l) render_line(r, l, left + (measure - rw) / 2, st->page_height - st->margin_bottom / 2);
  }
  a2b_arena_free(a);
}

/* ---- pages ------------------------------------------------------------------ */

static void render_item(a2b_pdf_renderer *r, const a2b_pdf_placed *it) {
  switch (it->kind) {
  case A2B_PDF_P_LINE: render_line(r, it->u.line, it->x, it->y); break;
  case A2B_PDF_P_IMAGE:
    a2b_wire_u32(r->out, A2B_DRAW_IMAGE);
    a2b_wire_ptr(r->out, it->u.image);
    put_box(r, it->x, it->y, it->w, it->h);
    break;
  case A2B_PDF_P_RULE:
    rect_record(r, A2B_DRAW_FILL, it->x, it->y - it->h / 2, it->w, it->h, it->color);
    break;
  case A2B_PDF_P_RECT: break; /* first, under everything */
  case A2B_PDF_P_STROKE:
    rect_record(r, A2B_DRAW_STROKE, it->x, it->y, it->w, it->h, it->color);
    break;
  case A2B_PDF_P_DEST:
    a2b_wire_u32(r->out, A2B_DRAW_DEST);
    a2b_wire_str(r->out, it->u.dest.name);
    a2b_wire_f64(r->out, it->x), a2b_wire_f64(r->out, it->y);
    a2b_wire_str(r->out, it->u.dest.outline_title);
    a2b_wire_u32(r->out, (uint32_t)it->u.dest.outline_level);
    break;
  }
}

void a2b_pdf_render_page(a2b_pdf_renderer *r, const a2b_pdf_page *page) {
  a2b_wire_u32(r->out, A2B_DRAW_PAGE);
  a2b_wire_f64(r->out, r->st->page_width);
  a2b_wire_f64(r->out, r->st->page_height);
  for (size_t i = 0; i < page->n; i++) {
    const a2b_pdf_placed *it = &page->items[i];
    if (it->kind == A2B_PDF_P_RECT)
      rect_record(r, A2B_DRAW_FILL, it->x, it->y, it->w, it->h, it->color);
  }
  for (size_t i = 0; i < page->n; i++)
    render_item(r, &page->items[i]);
  render_heads(r, page);
  a2b_wire_u32(r->out, A2B_DRAW_SHOW_PAGE);
}
