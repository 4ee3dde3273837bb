/* Setting paragraphs: spans -> shaped text -> boxes, glue and penalties
 * (paraitems.h) -> lines of runs in the vertical list.
 *
 * Code paragraphs are set ragged, and continuation lines start with a grey
 * "↪" in the mono face (every line is set to the measure less the marker's
 * width, so continued lines still end inside the measure).
 *
 * Each line's glue is given its width (and justified lines their
 * adjustment, shared among glue classes in clreq order: stretch spaces,
 * then CJK-Latin gaps, then the space between ideographs; shrink spaces,
 * then punctuation, then CJK-Latin gaps) as extra advance of glyphs, so
 * runs stay contiguous. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "pdf/paraitems.h"

typedef struct a2b_pdf_unit unit;

#define CODE_TAB 4
#define MARKER "\xe2\x86\xaa"        /* ↪ */
#define MARKER_COLOR 0x999999u
/* Largest stretch ratio of the lines of justified paragraphs, and of a
 * first try without hyphenation (TeX's \tolerance and \pretolerance are
 * 200 and 100 in badness, 100 r^3: r = 1.26 and 1). */
#define TOLERANCE 1.5
#define PRETOLERANCE 1.0
/* Two hyphenated lines in a row (TeX's \doublehyphendemerits). */
#define DOUBLE_HYPHEN_DEMERITS 10000

static const unsigned char stretch_order[] = {A2B_LB_SPACE, A2B_LB_CJK_LATIN,
                                              A2B_LB_INTER_IDEOGRAPH};
static const unsigned char shrink_order[] = {A2B_LB_SPACE, A2B_LB_PUNCT, A2B_LB_CJK_LATIN};

static void grow(void **p, size_t *cap, size_t want, size_t size) {
  if (want <= *cap) return;
  size_t c = *cap ? *cap : 256;
  while (c < want) c *= 2;
  *p = a2b_xrealloc(*p, c * size);
  *cap = c;
}

/* Concatenate the spans into ts->text (tabs -> spaces: to the next tab stop
 * in code, one space elsewhere) and note where each span ends. */
static void gather(a2b_pdf_ts *ts, const a2b_pdf_span *spans, size_t n, bool code) {
  a2b_buf_reset(&ts->text);
  grow((void **)&ts->span_ends, &ts->span_ends_cap, n + 1, sizeof(int));
  int col = 0;
  for (size_t i = 0; i < n; i++) {
    const char *s = spans[i].text ? spans[i].text : "";
    size_t len = spans[i].text ? spans[i].len : 0;
    size_t from = 0;
    for (size_t j = 0; j < len; j++) {
      unsigned char c = (unsigned char)s[j];
      if (c == '\t') {
        a2b_buf_append(&ts->text, s + from, j - from);
        int k = code ? CODE_TAB - col % CODE_TAB : 1;
        for (int m = 0; m < k; m++) a2b_buf_putc(&ts->text, ' ');
        col += k;
        from = j + 1;
      } else if (c == '\n') {
        col = 0;
      } else if ((c & 0xC0) != 0x80) {
        col++;
      }
    }
    a2b_buf_append(&ts->text, s + from, len - from);
    ts->span_ends[i] = (int)ts->text.len;
  }
}

/* ——, …… and ‥ of CJK text are set a full em wide (CJK fonts draw U+2014
 * narrower): the OpenType feature `fwid` over bytes [start, end). */
static void full_width_dashes(PangoAttrList *attrs, const char *text, int start, int end) {
  for (int i = start; i < end;) {
    int j = i;
    while (j < end && (!memcmp(text + j, "\u2014", 3) || !memcmp(text + j, "\u2026", 3) ||
                       !memcmp(text + j, "\u2025", 3)))
      j += 3;
    if (j > i) {
      PangoAttribute *a = pango_attr_font_features_new("fwid");
      a->start_index = (guint)i;
      a->end_index = (guint)j;
      pango_attr_list_insert(attrs, a);
      i = j;
    } else {
      i = (int)(g_utf8_next_char(text + i) - text);
    }
  }
}

static PangoAttrList *make_attrs(a2b_pdf_ts *ts, const a2b_pdf_span *spans, size_t n,
                                 const a2b_pdf_para *p, PangoLanguage *lang, bool cjk) {
  PangoAttrList *attrs = pango_attr_list_new();
  pango_attr_list_insert(attrs, pango_attr_language_new(lang));
  const char *text = a2b_buf_cstr(&ts->text);
  int start = 0;
  for (size_t i = 0; i < n; i++) {
    double size = spans[i].size > 0 ? spans[i].size : p->size;
    a2b_pdf_span sp = spans[i];
    if (p->code) sp.face = A2B_PDF_FACE_MONO;
    a2b_pdf_ts_span_attrs(ts, attrs, &sp, size, cjk, text, start, ts->span_ends[i]);
    if (cjk && !p->code && !sp.code) full_width_dashes(attrs, text, start, ts->span_ends[i]);
    start = ts->span_ends[i];
  }
  return attrs;
}

/* Glyphs no font has: report each character once per typesetter, and
 * leave them out (empty glyphs, no advance). */
static void drop_missing(a2b_pdf_ts *ts, const char *where) {
  a2b_pdf_shaped *sh = &ts->shaped;
  for (size_t i = 0; i < sh->n_glyphs; i++) {
    PangoGlyphInfo *g = &sh->glyphs[i];
    if (!(g->glyph & PANGO_GLYPH_UNKNOWN_FLAG)) continue;
    gunichar c = g->glyph & ~PANGO_GLYPH_UNKNOWN_FLAG;
    GUnicodeType t = g_unichar_type(c);
    bool invisible = t == G_UNICODE_CONTROL || t == G_UNICODE_FORMAT ||
                     t == G_UNICODE_LINE_SEPARATOR || t == G_UNICODE_PARAGRAPH_SEPARATOR;
    if (g->glyph != PANGO_GLYPH_INVALID_INPUT && !invisible &&
        !g_hash_table_contains(ts->missing, GUINT_TO_POINTER(c))) {
      g_hash_table_add(ts->missing, GUINT_TO_POINTER(c));
      char u[8] = {0};
      g_unichar_to_utf8(c, u);
      a2b_report(ts->diags, A2B_WARNING, where, 0, 0, "no font has U+%04X '%s' (left out)",
                 (unsigned)c, u);
    }
    g->glyph = PANGO_GLYPH_EMPTY;
    g->geometry.width = 0;
  }
}

static bool same_run(const a2b_pdf_ts *ts, const unit *a, const unit *b) {
  const a2b_pdf_seg *x = &ts->shaped.segs[a->seg], *y = &ts->shaped.segs[b->seg];
  return a->b1 == b->b0 && x->span == y->span && x->analysis.font == y->analysis.font &&
         x->analysis.level == y->analysis.level && x->analysis.language == y->analysis.language &&
         b->g0 == a->g1;
}

/* A run of units [u0, u1) at x. `hyphen`: the line breaks at a hyphenation
 * point after it, so it ends with a hyphen glyph; the glyph maps to no
 * character of the text (its cluster is empty: the PDF's text stays the
 * source's), or to the soft hyphen the run ends with. */
static void make_run(a2b_pdf_ts *ts, a2b_arena *arena, a2b_pdf_run *r, const a2b_pdf_span *spans,
                     size_t u0, size_t u1, double x, a2b_pdf_line *line, bool hyphen) {
  const unit *first = &ts->units[u0], *last = &ts->units[u1 - 1];
  const a2b_pdf_seg *sg = &ts->shaped.segs[first->seg];
  const a2b_pdf_span *sp = &spans[sg->span];
  const char *text = a2b_buf_cstr(&ts->text);
  int b0 = first->b0, len = last->b1 - first->b0;
  int n = (int)(last->g1 - first->g0);
  PangoGlyphInfo hg;
  hyphen = hyphen && a2b_pdf_hyphen_glyph(ts->shaper, &sg->analysis, &hg);
  int total = n + hyphen;
  PangoGlyphString *gs = a2b_alloc(arena, sizeof *gs);
  gs->num_glyphs = total;
  gs->space = total;
  gs->glyphs = a2b_alloc(arena, (size_t)total * sizeof *gs->glyphs);
  memcpy(gs->glyphs, ts->shaped.glyphs + first->g0, (size_t)n * sizeof *gs->glyphs);
  gs->log_clusters = a2b_alloc(arena, (size_t)total * sizeof(int));
  for (int i = 0; i < n; i++) gs->log_clusters[i] = ts->shaped.clusters[first->g0 + i] - b0;
  if (hyphen) {
    hg.geometry.x_offset = hg.geometry.y_offset = 0;
    gs->glyphs[n] = hg;
    gs->log_clusters[n] = last->shy_last ? (int)(g_utf8_prev_char(text + last->b1) - text) - b0
                                         : len;
  }
  int width = 0;
  for (size_t k = u0; k < u1; k++) {
    const unit *u = &ts->units[k];
    PangoGlyphGeometry *g0 = &gs->glyphs[u->g0 - first->g0].geometry;
    g0->x_offset -= u->trim_l; /* a blank left half given up */
    g0->width -= u->trim_l;
    gs->glyphs[u->g1 - 1 - first->g0].geometry.width += u->extra - u->trim_r;
    width += u->width - u->trim_l - u->trim_r + u->extra;
  }
  if (hyphen) width += hg.geometry.width;
  PangoItem *item = a2b_alloc(arena, sizeof *item);
  item->offset = 0;
  item->length = len;
  item->num_chars = (int)g_utf8_strlen(text + b0, len);
  item->analysis = sg->analysis;
  PangoGlyphItem *gi = a2b_alloc(arena, sizeof *gi);
  gi->item = item;
  gi->glyphs = gs;
  r->glyphs = gi;
  r->text = a2b_strndup(arena, text + b0, (size_t)len);
  r->text_len = len;
  r->x = x;
  r->width = width / (double)PANGO_SCALE;
  r->rise = sp->rise;
  r->color = sp->color ? sp->color : ts->st.text_color;
  r->underline = sp->underline;
  r->strike = sp->strike;
  r->link_uri = sp->link_uri;
  r->link_dest = sp->link_dest;
  if (sp->emphasis && !sp->code && ts->st.emphasis_dots)
    r->emphasis_dots = pango_language_matches(sg->analysis.language, "ja") ? A2B_PDF_DOTS_OVER
                                                                           : A2B_PDF_DOTS_UNDER;
  double asc, desc;
  a2b_pdf_font_extents(ts->shaper, sg->analysis.font, &asc, &desc);
  if (asc + sp->rise > line->ascent) line->ascent = asc + sp->rise;
  if (desc - sp->rise > line->descent) line->descent = desc - sp->rise;
}

/* A line of units [u0, u1) (newlines skipped), after `lead` runs; ending
 * with a hyphen when `hyphen`. */
static a2b_pdf_line *make_line(a2b_pdf_ts *ts, a2b_arena *arena, const a2b_pdf_span *spans,
                               size_t u0, size_t u1, const a2b_pdf_line *lead, bool hyphen) {
  a2b_pdf_line *line = a2b_alloc(arena, sizeof *line);
  size_t n_runs = lead ? lead->n_runs : 0;
  for (size_t k = u0; k < u1; k++)
    if (ts->units[k].kind != A2B_PDF_U_NEWLINE &&
        (k == u0 || ts->units[k - 1].kind == A2B_PDF_U_NEWLINE || !same_run(ts, &ts->units[k - 1],
                                                                   &ts->units[k])))
      n_runs++;
  line->runs = a2b_alloc(arena, (n_runs ? n_runs : 1) * sizeof *line->runs);
  double x = 0;
  if (lead) {
    for (size_t i = 0; i < lead->n_runs; i++) line->runs[line->n_runs++] = lead->runs[i];
    x = lead->width;
    line->ascent = lead->ascent;
    line->descent = lead->descent;
  }
  for (size_t k = u0; k < u1;) {
    if (ts->units[k].kind == A2B_PDF_U_NEWLINE) {
      k++;
      continue;
    }
    size_t e = k + 1;
    while (e < u1 && ts->units[e].kind != A2B_PDF_U_NEWLINE && same_run(ts, &ts->units[e - 1],
                                                                &ts->units[e]))
      e++;
    a2b_pdf_run *r = &line->runs[line->n_runs++];
    make_run(ts, arena, r, spans, k, e, x, line, hyphen && e == u1);
    x += r->width;
    k = e;
  }
  line->width = x;
  return line;
}

static void report_overfull(a2b_pdf_ts *ts, const a2b_pdf_line *line, const char *where) {
  const char *t = line->n_runs ? line->runs[0].text : "";
  int n = 0;
  while (t[n] && n < 30) n = (int)(g_utf8_next_char(t + n) - t);
  a2b_report(ts->diags, A2B_WARNING, where, 0, 0, "line too wide by %.1f pt: '%.*s'",
             line->width - line->measure, n, t);
}

/* Does the paragraph's language set punctuation in the half style? */
static bool half_punct(const a2b_pdf_ts *ts, PangoLanguage *lang) {
  const char *s = pango_language_to_string(lang);
  if (!strncmp(s, "ja", 2)) return ts->st.punct_ja == A2B_PDF_PUNCT_HALF;
  if (!strcmp(s, "zh-tw") || !strcmp(s, "zh-hk")) return ts->st.punct_hant == A2B_PDF_PUNCT_HALF;
  if (!strncmp(s, "zh", 2)) return ts->st.punct_hans == A2B_PDF_PUNCT_HALF;
  return false;
}

/* Shape the spans into ts: text, glyphs, units. Returns whether the
 * paragraph is Chinese or Japanese. */
static bool prepare(a2b_pdf_ts *ts, const a2b_pdf_span *spans, size_t n, const a2b_pdf_para *p,
                    const char *where) {
  PangoLanguage *lang = a2b_pdf_ts_language(ts, p->lang);
  bool cjk = a2b_pdf_lang_is_cjk(lang);
  gather(ts, spans, n, p->code);
  PangoAttrList *attrs = make_attrs(ts, spans, n, p, lang, cjk);
  a2b_pdf_shape(ts->shaper, ts->ctx, a2b_buf_cstr(&ts->text), (int)ts->text.len, attrs,
                ts->span_ends, n, &ts->shaped);
  pango_attr_list_unref(attrs);
  drop_missing(ts, where);
  a2b_pdf_units_make(ts, spans, p, lang, cjk, half_punct(ts, lang));
  return cjk;
}

/* One past the last box of ts->items (0: none): glue after it never shows. */
static size_t end_of_boxes(const a2b_pdf_ts *ts) {
  size_t e = ts->n_items;
  while (e && ts->items[e - 1].kind != A2B_LB_BOX) e--;
  return e;
}

/* The first unit of the line starting at item i. */
static size_t first_unit(const a2b_pdf_ts *ts, size_t i) {
  return i < ts->n_items ? (size_t)ts->items[i].ref : ts->n_units;
}

a2b_pdf_line *a2b_pdf_set_line(a2b_pdf_ts *ts, a2b_arena *arena, const a2b_pdf_span *spans,
                               size_t n, const a2b_pdf_para *p, double *width, const char *where) {
  bool cjk = prepare(ts, spans, n, p, where);
  a2b_pdf_items_make(ts, spans, p, cjk, 0, false);
  a2b_pdf_items_apply(ts, a2b_pdf_items_line_start(ts, (size_t)-1), end_of_boxes(ts), NULL);
  a2b_pdf_line *line = make_line(ts, arena, spans, 0, ts->n_units, NULL, false);
  line->x = p->left + p->indent;
  line->measure = p->measure - p->indent;
  if (p->align == A2B_PDF_CENTER) line->x += (line->measure - line->width) / 2;
  else if (p->align == A2B_PDF_RIGHT) line->x += line->measure - line->width;
  if (width) *width = line->width;
  return line;
}

/* The grey continuation marker of code lines, with a quarter em after it. */
static a2b_pdf_line *code_marker(a2b_pdf_ts *ts, a2b_arena *arena, const a2b_pdf_para *p,
                                 const char *where) {
  a2b_pdf_span sp = {.text = MARKER, .len = strlen(MARKER), .face = A2B_PDF_FACE_MONO,
                     .color = MARKER_COLOR};
  a2b_pdf_para mp = *p;
  mp.code = false;
  mp.align = A2B_PDF_LEFT;
  mp.indent = 0;
  a2b_pdf_line *m = a2b_pdf_set_line(ts, arena, &sp, 1, &mp, NULL, where);
  m->width += p->size / 4;
  return m;
}

/* Did the last break set every line within PRETOLERANCE, with no word cut
 * (an emergency break) and none sticking out? */
static bool sets_well(const a2b_pdf_ts *ts) {
  if (ts->lb.fallback || !ts->lb.n_lines) return false;
  for (size_t k = 0; k < ts->lb.n_lines; k++) {
    const a2b_lb_line *l = &ts->lb.lines[k];
    if (l->overfull || l->ratio > PRETOLERANCE + 1e-9) return false;
    if (l->end < ts->n_items && ts->items[l->end].kind == A2B_LB_PENALTY &&
        ts->items[l->end].penalty >= A2B_PDF_EMERGENCY_PENALTY)
      return false;
  }
  return true;
}

static void attach(a2b_arena *arena, const a2b_pdf_span *spans, size_t n, const int *ends,
                   a2b_pdf_vitem **lines, const int *line_b0, size_t n_lines) {
  size_t k = 0;
  int start = 0;
  for (size_t i = 0; i < n; i++) {
    int end = ends[i];
    if (spans[i].anchor) {
      size_t l = 0;
      while (l + 1 < n_lines && line_b0[l + 1] <= start) l++;
      a2b_pdf_line *ln = lines[l]->u.line;
      const char **a = a2b_alloc(arena, (ln->n_anchors + 1) * sizeof *a);
      if (ln->n_anchors) memcpy(a, ln->anchors, ln->n_anchors * sizeof *a);
      a[ln->n_anchors++] = spans[i].anchor;
      ln->anchors = a;
    }
    if (spans[i].footnote) {
      while (k + 1 < n_lines && line_b0[k + 1] < end) k++;
      a2b_pdf_vitem *v = lines[k];
      if (!v->footnotes) v->footnotes = a2b_alloc(arena, sizeof *v->footnotes);
      const a2b_pdf_vlist *f = spans[i].footnote;
      for (size_t j = 0; j < f->n; j++) {
        a2b_pdf_vitem *c = a2b_pdf_vlist_push(arena, v->footnotes, f->items[j].kind);
        *c = f->items[j];
      }
    }
    start = end;
  }
}

size_t a2b_pdf_set_para(a2b_pdf_ts *ts, a2b_arena *arena, const a2b_pdf_span *spans, size_t n,
                        const a2b_pdf_para *p, a2b_pdf_vlist *out, const char *where) {
  a2b_pdf_line *marker = p->code ? code_marker(ts, arena, p, where) : NULL;
  bool cjk = prepare(ts, spans, n, p, where);
  double mw = marker ? marker->width : 0;
  double widths[2] = {p->measure - p->indent - mw, p->measure - p->hang - mw};
  double emergency = widths[0] < widths[1] ? widths[0] : widths[1];
  bool justified = p->align == A2B_PDF_JUSTIFY && !p->code;
  a2b_lb_params lp = {widths, 2, PRETOLERANCE, 10, DOUBLE_HYPHEN_DEMERITS, 3000, !justified,
                      stretch_order, sizeof stretch_order, shrink_order, sizeof shrink_order};
  size_t n_lines = 0;
  /* As TeX does: a justified Latin paragraph that sets well without
   * hyphenation keeps its words whole. */
  if (justified && !cjk && p->role != A2B_PDF_ROLE_HEADING && ts->st.hyphenate) {
    a2b_pdf_items_make(ts, spans, p, cjk, emergency, false);
    n_lines = a2b_lb_break(&ts->lb, ts->items, ts->n_items, &lp);
    if (!sets_well(ts)) n_lines = 0;
  }
  if (!n_lines) {
    a2b_pdf_items_make(ts, spans, p, cjk, emergency, true);
    lp.tolerance = TOLERANCE;
    n_lines = a2b_lb_break(&ts->lb, ts->items, ts->n_items, &lp);
  }
  if (!n_lines) return 0;
  size_t boxes_end = end_of_boxes(ts);

  a2b_pdf_vitem **items = a2b_alloc(arena, n_lines * sizeof *items);
  size_t *at = a2b_alloc(arena, n_lines * sizeof *at);
  int *line_b0 = a2b_alloc(arena, n_lines * sizeof *line_b0);
  bool reported = false;
  size_t s_item = a2b_pdf_items_line_start(ts, (size_t)-1);
  size_t s = first_unit(ts, s_item);
  for (size_t k = 0; k < n_lines; k++) {
    const a2b_lb_line *bl = &ts->lb.lines[k];
    size_t b = bl->end;
    size_t u1 = b < ts->n_items ? (size_t)ts->items[b].ref : ts->n_units;
    for (size_t u = s; u < u1; u++) ts->units[u].extra = 0;
    a2b_pdf_items_apply(ts, s_item, b < boxes_end ? b : boxes_end, justified ? bl->ratios : NULL);
    bool continued = marker && k > 0 &&
                     !(ts->items[ts->lb.lines[k - 1].end].kind == A2B_LB_PENALTY &&
                       ts->items[ts->lb.lines[k - 1].end].penalty <= -A2B_LB_INF);
    /* a break at a hyphenation point or soft hyphen shows a hyphen */
    bool hyphen = b < ts->n_items && ts->items[b].kind == A2B_LB_PENALTY &&
                  ts->items[b].flagged && ts->items[b].width > 0;
    a2b_pdf_line *line = make_line(ts, arena, spans, s, u1, continued ? marker : NULL, hyphen);
    line->measure = widths[k ? 1 : 0] + mw;
    line->x = p->left + (k ? p->hang : p->indent);
    line->role = p->role;
    line->para = p->para;
    line->size = p->size;
    /* The last line, and one ending in a forced break, keep their natural width. */
    line->justified = justified && k + 1 < n_lines &&
                      !(b < ts->n_items && ts->items[b].kind == A2B_LB_PENALTY &&
                        ts->items[b].penalty <= -A2B_LB_INF);
    /* A line with nothing to stretch (a long URL cut by an emergency break)
     * stays at its natural width: it is set flush left, not justified. */
    if (line->justified && fabs(line->width - widths[k ? 1 : 0]) > 0.05) line->justified = false;
    if (p->align == A2B_PDF_CENTER) line->x += (line->measure - line->width) / 2;
    else if (p->align == A2B_PDF_RIGHT) line->x += line->measure - line->width;
    if (bl->overfull && !reported && line->width > line->measure + 0.05) {
      report_overfull(ts, line, where);
      reported = true;
    }
    if (k) {
      a2b_pdf_vitem *pen = a2b_pdf_vlist_push(arena, out, A2B_PDF_V_PENALTY);
      pen->penalty = k == 1 || k == n_lines - 1 ? A2B_PDF_INF : 0;
    }
    a2b_pdf_vitem *v = a2b_pdf_vlist_push(arena, out, A2B_PDF_V_LINE);
    v->height = p->pitch;
    v->u.line = line;
    at[k] = out->n - 1; /* the list may move as it grows */
    line_b0[k] = s < ts->n_units ? ts->units[s].b0 : (int)ts->text.len;
    if (b >= ts->n_items) break;
    s_item = a2b_pdf_items_line_start(ts, b);
    s = first_unit(ts, s_item);
  }
  for (size_t k = 0; k < n_lines; k++) items[k] = &out->items[at[k]];
  attach(arena, spans, n, ts->span_ends, items, line_b0, n_lines);
  return n_lines;
}
