/* Setting paragraphs: spans -> shaped text -> boxes, glue and penalties ->
 * lines of runs in the vertical list.
 *
 * Break items. A box is a run of clusters between break opportunities.
 * Spaces are glue (natural: the space's advance, stretch 1/2, shrink 1/3;
 * none inside inline code), and vanish at a break. Between two CJK
 * characters there is a zero-width glue that stretches (INTER_IDEOGRAPH),
 * preceded by an infinite penalty where UAX #14 forbids a break. Other
 * allowed breaks are penalties (0; 50 and flagged after a hyphen). A newline
 * is a forced break. Code paragraphs keep spaces as boxes, may break at any
 * character, are set ragged, and continuation lines start with a grey "↪"
 * in the mono face (every line is set to the measure less the marker's
 * width, so continued lines still end inside the measure).
 *
 * Justification adds each glue's share of the line's adjustment to the
 * advance of the glyph before it (the space itself, or the ideograph before
 * an inter-ideograph glue), rounding cumulatively, so runs stay contiguous
 * and the line ends at the measure within 1/1024 pt. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "pdf/shape.h"

/* Cost of breaking inside a word too wide for the line: far above any
 * ordinary break, below an overfull line. */
#define EMERGENCY_PENALTY 5000.0

enum { U_TEXT, U_SPACE, U_NEWLINE };

/* A cluster: glyphs [g0, g1) showing bytes [b0, b1) of the paragraph. */
struct a2b_pdf_unit {
  int b0, b1;
  unsigned g0, g1;
  int seg;
  int width; /* natural advance, Pango units */
  int extra; /* justification added to its last glyph, Pango units */
  unsigned char kind;
  bool cjk_first, cjk_last, hyphen_last;
  bool hyphen_lead; /* ends with a hyphen that starts a word (`-v`, `--opt`) */
};
typedef struct a2b_pdf_unit unit;

#define INTER_IDEOGRAPH_STRETCH 0.15 /* em */
#define CODE_TAB 4
#define MARKER "\xe2\x86\xaa"        /* ↪ */
#define MARKER_COLOR 0x999999u

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

static unit *add_unit(a2b_pdf_ts *ts) {
  grow((void **)&ts->units, &ts->units_cap, ts->n_units + 1, sizeof *ts->units);
  unit *u = &ts->units[ts->n_units++];
  memset(u, 0, sizeof *u);
  return u;
}

static void finish_unit(unit *u, const char *text, const PangoGlyphInfo *glyphs, bool cjk) {
  for (unsigned g = u->g0; g < u->g1; g++) u->width += glyphs[g].geometry.width;
  gunichar first = g_utf8_get_char(text + u->b0);
  gunichar last = g_utf8_get_char(g_utf8_prev_char(text + u->b1));
  u->kind = first == '\n' ? U_NEWLINE : first == ' ' ? U_SPACE : U_TEXT;
  u->cjk_first = a2b_pdf_char_is_cjk(first, cjk);
  u->cjk_last = a2b_pdf_char_is_cjk(last, cjk);
  bool hyphen = last == '-' || last == 0x2010;
  const char *at = g_utf8_prev_char(text + u->b1);
  gunichar before = at > text ? g_utf8_get_char(g_utf8_prev_char(at)) : ' ';
  u->hyphen_last = hyphen && g_unichar_isalnum(before);
  u->hyphen_lead = hyphen && !g_unichar_isalnum(before);
}

/* Clusters of the shaped text, in logical order. */
static void make_units(a2b_pdf_ts *ts, bool cjk) {
  const char *text = a2b_buf_cstr(&ts->text);
  a2b_pdf_shaped *sh = &ts->shaped;
  ts->n_units = 0;
  for (size_t s = 0; s < sh->n_segs; s++) {
    const a2b_pdf_seg *sg = &sh->segs[s];
    if (!sg->n_glyphs) continue;
    unsigned g0 = (unsigned)sg->glyph0, end = (unsigned)(sg->glyph0 + sg->n_glyphs);
    if (sg->analysis.level & 1) { /* right to left: one unbreakable cluster */
      unit *u = add_unit(ts);
      *u = (unit){.b0 = sg->offset, .b1 = sg->offset + sg->length, .g0 = g0, .g1 = end,
                  .seg = (int)s};
      finish_unit(u, text, sh->glyphs, cjk);
      continue;
    }
    for (unsigned g = g0; g < end;) {
      unsigned h = g + 1;
      while (h < end && sh->clusters[h] == sh->clusters[g]) h++;
      unit *u = add_unit(ts);
      u->b0 = sh->clusters[g];
      u->b1 = h < end ? sh->clusters[h] : sg->offset + sg->length;
      u->g0 = g;
      u->g1 = h;
      u->seg = (int)s;
      finish_unit(u, text, sh->glyphs, cjk);
      g = h;
    }
  }
}

static a2b_lb_item *add_item(a2b_pdf_ts *ts, a2b_lb_kind kind, int ref) {
  grow((void **)&ts->items, &ts->items_cap, ts->n_items + 1, sizeof *ts->items);
  a2b_lb_item *it = &ts->items[ts->n_items++];
  memset(it, 0, sizeof *it);
  it->kind = kind;
  it->ref = ref;
  return it;
}

static void add_penalty(a2b_pdf_ts *ts, double penalty, bool flagged, int ref) {
  a2b_lb_item *it = add_item(ts, A2B_LB_PENALTY, ref);
  it->penalty = penalty;
  it->flagged = flagged;
}

/* Break items over the units; each item's ref is the unit where it starts
 * (glue between clusters and penalties: the unit after them). */
/* `emergency` > 0: a word wider than this may break between any two of its
 * clusters (at a high cost), so that no line sticks out of a narrow column;
 * 0 = never. */
static void make_items(a2b_pdf_ts *ts, const a2b_pdf_span *spans, bool code, double em,
                       double emergency) {
  const PangoLogAttr *attrs = ts->shaped.attrs;
  const char *text = a2b_buf_cstr(&ts->text);
  ts->n_items = 0;
  int ci = 0;          /* character index of the unit's first byte */
  bool in_box = false; /* the last item is a box still growing */
  for (size_t k = 0; k < ts->n_units; k++) {
    unit *u = &ts->units[k];
    const unit *prev = k ? &ts->units[k - 1] : NULL;
    int ref = (int)k;
    double w = u->width / (double)PANGO_SCALE;
    if (u->kind == U_NEWLINE) {
      add_penalty(ts, -A2B_LB_INF, false, ref);
      in_box = false;
    } else if (u->kind == U_SPACE && !code) {
      a2b_lb_item *last = ts->n_items ? &ts->items[ts->n_items - 1] : NULL;
      bool fixed = spans[ts->shaped.segs[u->seg].span].code;
      if (!in_box && last && last->kind == A2B_LB_GLUE && last->cls == A2B_LB_SPACE) {
        last->width += w; /* consecutive spaces: one glue */
        if (!fixed) last->stretch += w / 2, last->shrink += w / 3;
      } else {
        if (in_box && !attrs[ci + 1].is_line_break) add_penalty(ts, A2B_LB_INF, false, ref);
        a2b_lb_item *g = add_item(ts, A2B_LB_GLUE, ref);
        g->cls = A2B_LB_SPACE;
        g->width = w;
        if (!fixed) g->stretch = w / 2, g->shrink = w / 3;
      }
      in_box = false;
    } else {
      if (in_box && prev) {
        bool can = attrs[ci].is_line_break;
        if (!code && prev->cjk_last && u->cjk_first) {
          if (!can) add_penalty(ts, A2B_LB_INF, false, ref);
          a2b_lb_item *g = add_item(ts, A2B_LB_GLUE, ref);
          g->cls = A2B_LB_INTER_IDEOGRAPH;
          g->stretch = INTER_IDEOGRAPH_STRETCH * em;
          in_box = false;
        } else if ((can && !(prev->hyphen_lead && !code)) ||
                   (code && attrs[ci].is_cursor_position)) {
          /* never a break after a hyphen that starts a word: `-Zflag`, `--opt` */
          bool hy = prev->hyphen_last && !code;
          add_penalty(ts, hy ? 50 : 0, hy, ref);
          in_box = false;
        }
      }
      if (in_box && emergency > 0 && ts->items[ts->n_items - 1].width + w > emergency) {
        add_penalty(ts, EMERGENCY_PENALTY, false, ref);
        in_box = false;
      }
      if (in_box) {
        ts->items[ts->n_items - 1].width += w;
      } else {
        add_item(ts, A2B_LB_BOX, ref)->width = w;
        in_box = true;
      }
    }
    ci += (int)g_utf8_strlen(text + u->b0, u->b1 - u->b0);
  }
}

/* The unit where the line after break item `b` starts. */
static size_t first_unit_after(const a2b_pdf_ts *ts, size_t b) {
  size_t j = b + 1;
  while (j < ts->n_items && ts->items[j].kind != A2B_LB_BOX &&
         !(ts->items[j].kind == A2B_LB_PENALTY && ts->items[j].penalty <= -A2B_LB_INF))
    j++;
  return j < ts->n_items ? (size_t)ts->items[j].ref : ts->n_units;
}

/* Spread the line's adjustment over its glue. Items [s, b). */
static void justify(a2b_pdf_ts *ts, size_t s, size_t b, double ratio) {
  double acc = 0;
  long applied = 0;
  for (size_t i = s; i < b; i++) {
    const a2b_lb_item *it = &ts->items[i];
    if (it->kind != A2B_LB_GLUE) continue;
    acc += ratio > 0 ? ratio * it->stretch : ratio * it->shrink;
    long total = lround(acc * PANGO_SCALE);
    int target = it->cls == A2B_LB_SPACE ? it->ref : it->ref - 1;
    ts->units[target].extra += (int)(total - applied);
    applied = total;
  }
}

static bool same_run(const a2b_pdf_ts *ts, const unit *a, const unit *b) {
  const a2b_pdf_seg *x = &ts->shaped.segs[a->seg], *y = &ts->shaped.segs[b->seg];
  return a->b1 == b->b0 && x->span == y->span && x->analysis.font == y->analysis.font &&
         x->analysis.level == y->analysis.level && x->analysis.language == y->analysis.language &&
         b->g0 == a->g1;
}

static void make_run(a2b_pdf_ts *ts, a2b_arena *arena, a2b_pdf_run *r, const a2b_pdf_span *spans,
                     size_t u0, size_t u1, double x, a2b_pdf_line *line) {
  const unit *first = &ts->units[u0], *last = &ts->units[u1 - 1];
  const a2b_pdf_seg *sg = &ts->shaped.segs[first->seg];
  const a2b_pdf_span *sp = &spans[sg->span];
  const char *text = a2b_buf_cstr(&ts->text);
  int b0 = first->b0, len = last->b1 - first->b0;
  int n = (int)(last->g1 - first->g0);
  PangoGlyphString *gs = a2b_alloc(arena, sizeof *gs);
  gs->num_glyphs = n;
  gs->space = n;
  gs->glyphs = a2b_memdup(arena, ts->shaped.glyphs + first->g0, (size_t)n * sizeof *gs->glyphs);
  gs->log_clusters = a2b_alloc(arena, (size_t)n * sizeof(int));
  for (int i = 0; i < n; i++) gs->log_clusters[i] = ts->shaped.clusters[first->g0 + i] - b0;
  int width = 0;
  for (size_t k = u0; k < u1; k++) {
    const unit *u = &ts->units[k];
    if (u->extra) gs->glyphs[u->g1 - 1 - first->g0].geometry.width += u->extra;
    width += u->width + u->extra;
  }
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
  double asc, desc;
  a2b_pdf_font_extents(ts->shaper, sg->analysis.font, &asc, &desc);
  if (asc + sp->rise > line->ascent) line->ascent = asc + sp->rise;
  if (desc - sp->rise > line->descent) line->descent = desc - sp->rise;
}

/* A line of units [u0, u1) (newlines skipped), after `lead` runs. */
static a2b_pdf_line *make_line(a2b_pdf_ts *ts, a2b_arena *arena, const a2b_pdf_span *spans,
                               size_t u0, size_t u1, const a2b_pdf_line *lead) {
  a2b_pdf_line *line = a2b_alloc(arena, sizeof *line);
  size_t n_runs = lead ? lead->n_runs : 0;
  for (size_t k = u0; k < u1; k++)
    if (ts->units[k].kind != U_NEWLINE &&
        (k == u0 || ts->units[k - 1].kind == U_NEWLINE || !same_run(ts, &ts->units[k - 1],
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
    if (ts->units[k].kind == U_NEWLINE) {
      k++;
      continue;
    }
    size_t e = k + 1;
    while (e < u1 && ts->units[e].kind != U_NEWLINE && same_run(ts, &ts->units[e - 1],
                                                                &ts->units[e]))
      e++;
    a2b_pdf_run *r = &line->runs[line->n_runs++];
    make_run(ts, arena, r, spans, k, e, x, line);
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

/* Shape the spans into ts: text, glyphs, units. */
static void prepare(a2b_pdf_ts *ts, const a2b_pdf_span *spans, size_t n, const a2b_pdf_para *p,
                    const char *where) {
  PangoLanguage *lang = a2b_pdf_ts_language(ts, p->lang);
  bool cjk = a2b_pdf_lang_is_cjk(lang);
  gather(ts, spans, n, p->code);
  PangoAttrList *attrs = make_attrs(ts, spans, n, p, lang, cjk);
  a2b_pdf_shape(ts->shaper, ts->ctx, a2b_buf_cstr(&ts->text), (int)ts->text.len, attrs, lang,
                ts->span_ends, n, &ts->shaped);
  pango_attr_list_unref(attrs);
  drop_missing(ts, where);
  make_units(ts, cjk);
}

a2b_pdf_line *a2b_pdf_set_line(a2b_pdf_ts *ts, a2b_arena *arena, const a2b_pdf_span *spans,
                               size_t n, const a2b_pdf_para *p, double *width, const char *where) {
  prepare(ts, spans, n, p, where);
  a2b_pdf_line *line = make_line(ts, arena, spans, 0, ts->n_units, NULL);
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
  prepare(ts, spans, n, p, where);
  double mw = marker ? marker->width : 0;
  double widths[2] = {p->measure - p->indent - mw, p->measure - p->hang - mw};
  make_items(ts, spans, p->code, p->size, widths[0] < widths[1] ? widths[0] : widths[1]);
  bool justified = p->align == A2B_PDF_JUSTIFY && !p->code;
  a2b_lb_params lp = {widths, 2, 1.5, 10, 3000, 3000, !justified};
  size_t n_lines = a2b_lb_break(&ts->lb, ts->items, ts->n_items, &lp);
  if (!n_lines) return 0;

  a2b_pdf_vitem **items = a2b_alloc(arena, n_lines * sizeof *items);
  size_t *at = a2b_alloc(arena, n_lines * sizeof *at);
  int *line_b0 = a2b_alloc(arena, n_lines * sizeof *line_b0);
  bool reported = false;
  size_t s = first_unit_after(ts, (size_t)-1), s_item = 0;
  while (s_item < ts->n_items && (size_t)ts->items[s_item].ref < s) s_item++;
  for (size_t k = 0; k < n_lines; k++) {
    const a2b_lb_line *bl = &ts->lb.lines[k];
    size_t b = bl->end;
    size_t u1 = b < ts->n_items ? (size_t)ts->items[b].ref : ts->n_units;
    for (size_t u = s; u < u1; u++) ts->units[u].extra = 0;
    if (justified) justify(ts, s_item, b, bl->ratio);
    bool continued = marker && k > 0 &&
                     !(ts->items[ts->lb.lines[k - 1].end].kind == A2B_LB_PENALTY &&
                       ts->items[ts->lb.lines[k - 1].end].penalty <= -A2B_LB_INF);
    a2b_pdf_line *line = make_line(ts, arena, spans, s, u1, continued ? marker : NULL);
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
    if (bl->overfull && !reported) {
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
    s = first_unit_after(ts, b);
    s_item = b + 1;
    while (s_item < ts->n_items && (size_t)ts->items[s_item].ref < s) s_item++;
  }
  for (size_t k = 0; k < n_lines; k++) items[k] = &out->items[at[k]];
  attach(arena, spans, n, ts->span_ends, items, line_b0, n_lines);
  return n_lines;
}
