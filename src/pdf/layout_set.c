/* Layout helpers: vertical items with their shades, the baseline grid, and
 * setting spans as paragraphs (hard breaks, leads, hanging list markers). */
#include <math.h>
#include <string.h>

#include "arena.h"
#include "pdf/layout_int.h"

bool a2b_pdf_lay_cjk(const char *lang) {
  return lang && (!strncmp(lang, "zh", 2) || !strncmp(lang, "ja", 2)) &&
         (lang[2] == '\0' || lang[2] == '-');
}

static void shade(const a2b_pdf_lay *L, a2b_pdf_vitem *it) {
  it->shade_depth = L->n_shades;
  for (int i = 0; i < L->n_shades; i++)
    it->shades[i] = L->shades[i];
}

a2b_pdf_vitem *a2b_pdf_lay_push(a2b_pdf_lay *L, a2b_pdf_vkind kind) {
  a2b_pdf_vitem *it = a2b_pdf_vlist_push(L->a->c->arena, L->out, kind);
  shade(L, it);
  return it;
}

void a2b_pdf_lay_glue(a2b_pdf_lay *L, double height) {
  if (height > 0) a2b_pdf_lay_push(L, A2B_PDF_V_GLUE)->height = height;
}

void a2b_pdf_lay_penalty(a2b_pdf_lay *L, double penalty) {
  a2b_pdf_lay_push(L, A2B_PDF_V_PENALTY)->penalty = penalty;
}

void a2b_pdf_lay_keep_space(a2b_pdf_lay *L, double height) {
  a2b_pdf_lay_penalty(L, A2B_PDF_INF);
  if (height <= 0) return;
  a2b_pdf_lay_glue(L, height);
  a2b_pdf_lay_penalty(L, A2B_PDF_INF);
}

double a2b_pdf_lay_grid(const a2b_pdf_lay *L, double height) {
  double half = L->a->c->st->line_pitch / 2;
  if (height <= 0 || half <= 0) return height > 0 ? height : 0;
  return ceil(height / half - 1e-6) * half;
}

void a2b_pdf_lay_snap(a2b_pdf_lay *L, size_t from) {
  double h = 0;
  for (size_t i = from; i < L->out->n; i++) {
    const a2b_pdf_vitem *it = &L->out->items[i];
    if (it->kind != A2B_PDF_V_PENALTY && it->kind != A2B_PDF_V_MARK) h += it->height;
  }
  double pad = a2b_pdf_lay_grid(L, h) - h;
  if (pad > 0.01) a2b_pdf_lay_glue(L, pad);
}

/* Lines of `spans` set with `p` (warnings dropped: this is a trial). */
static size_t trial_lines(a2b_pdf_layout_ctx *c, const a2b_pdf_span *spans, size_t n,
                          const a2b_pdf_para *p) {
  a2b_diags dropped = {0};
  a2b_diags *real = a2b_pdf_ts_set_diags(c->ts, &dropped);
  a2b_pdf_vlist tmp = {0};
  size_t lines = a2b_pdf_set_para(c->ts, c->arena, spans, n, p, &tmp, NULL);
  a2b_pdf_ts_set_diags(c->ts, real);
  a2b_diags_clear(&dropped);
  return lines;
}

void a2b_pdf_balance(a2b_pdf_layout_ctx *c, const a2b_pdf_span *spans, size_t n,
                     a2b_pdf_para *p) {
  if (!n || p->align == A2B_PDF_JUSTIFY) return;
  size_t lines = trial_lines(c, spans, n, p);
  if (lines < 2) return;
  double full = p->measure, lo = full / 2, hi = full; /* hi always gives that many lines */
  a2b_pdf_para q = *p;
  for (int i = 0; i < 8 && hi - lo > 1; i++) {
    q.measure = (lo + hi) / 2;
    if (trial_lines(c, spans, n, &q) == lines)
      hi = q.measure;
    else
      lo = q.measure;
  }
  p->measure = hi;
  if (p->align != A2B_PDF_LEFT) p->left += (full - hi) / (p->align == A2B_PDF_CENTER ? 2 : 1);
}

void a2b_pdf_lay_balance(a2b_pdf_lay *L, const a2b_pdf_spans *s, a2b_pdf_para *p) {
  if (!s->n_breaks) a2b_pdf_balance(L->a->c, s->v, s->n, p);
}

a2b_pdf_para a2b_pdf_lay_para(const a2b_pdf_lay *L) {
  a2b_pdf_para p = {0};
  p.lang = L->lang;
  p.size = L->size;
  p.pitch = L->pitch;
  p.measure = L->measure;
  p.left = L->left;
  p.align = A2B_PDF_JUSTIFY;
  p.role = L->role;
  return p;
}

a2b_pdf_span a2b_pdf_lay_style(const a2b_pdf_lay *L) {
  a2b_pdf_span s = {0};
  s.face = A2B_PDF_FACE_BODY;
  s.size = L->size;
  return s;
}

void a2b_pdf_lay_keep_lines(a2b_pdf_lay *L, size_t from) {
  for (size_t i = from; i < L->out->n; i++)
    if (L->out->items[i].kind == A2B_PDF_V_PENALTY) L->out->items[i].penalty = A2B_PDF_INF;
}

/* Put the list marker line's runs in front of `line`, which keeps its
 * text where it is: the marker hangs left of it at L->marker_x. */
static void join_marker(a2b_pdf_lay *L, a2b_pdf_line *line) {
  const a2b_pdf_line *m = L->marker;
  double shift = line->x - L->marker_x;
  size_t n = m->n_runs + line->n_runs;
  a2b_pdf_run *runs = a2b_alloc(L->a->c->arena, (n ? n : 1) * sizeof *runs);
  for (size_t i = 0; i < m->n_runs; i++)
    runs[i] = m->runs[i]; /* x rel. to its line */
  for (size_t i = 0; i < line->n_runs; i++) {
    runs[m->n_runs + i] = line->runs[i];
    runs[m->n_runs + i].x += shift;
  }
  line->runs = runs;
  line->n_runs = n;
  line->x = L->marker_x;
  line->width += shift;
  line->measure += shift;
  if (m->ascent > line->ascent) line->ascent = m->ascent;
  if (m->descent > line->descent) line->descent = m->descent;
  L->marker = NULL;
}

void a2b_pdf_lay_flush_marker(a2b_pdf_lay *L) {
  if (!L->marker) return;
  a2b_pdf_vitem *it = a2b_pdf_lay_push(L, A2B_PDF_V_LINE);
  it->height = L->pitch;
  it->u.line = L->marker;
  it->u.line->x = L->marker_x;
  L->marker = NULL;
}

/* Penalties between lines set separately (hard-break segments): no page
 * break leaving a single line of the whole paragraph alone. */
static void fix_penalties(a2b_pdf_lay *L, size_t from, const size_t *pens, size_t n_pens) {
  size_t total = 0;
  for (size_t i = from; i < L->out->n; i++)
    total += L->out->items[i].kind == A2B_PDF_V_LINE;
  for (size_t k = 0; k < n_pens; k++) {
    size_t before = 0;
    for (size_t i = from; i < pens[k]; i++)
      before += L->out->items[i].kind == A2B_PDF_V_LINE;
    bool lone = before <= 1 || total - before <= 1;
    L->out->items[pens[k]].penalty = lone ? A2B_PDF_INF : 0;
  }
}

size_t a2b_pdf_lay_set(a2b_pdf_lay *L, a2b_pdf_spans *s, const a2b_pdf_para *p0) {
  a2b_pdf_layout_ctx *c = L->a->c;
  if (L->n_lead) { /* the lead goes first; hard breaks move along */
    a2b_pdf_spans all = {0};
    for (size_t i = 0; i < L->n_lead; i++)
      a2b_pdf_spans_push(&all, &L->lead[i], L->lead[i].text, L->lead[i].len);
    for (size_t i = 0; i < s->n; i++)
      a2b_pdf_spans_push(&all, &s->v[i], s->v[i].text, s->v[i].len);
    all.breaks = s->breaks, all.n_breaks = s->n_breaks, all.cap_breaks = s->cap_breaks;
    for (size_t i = 0; i < all.n_breaks; i++)
      all.breaks[i] += L->n_lead;
    free(s->v);
    *s = all;
    L->lead = NULL, L->n_lead = 0;
  }
  size_t from = L->out->n, lines = 0;
  size_t *pens = a2b_xmalloc((s->n_breaks + 1) * sizeof *pens), n_pens = 0;
  a2b_pdf_para p = *p0;
  p.para = ++L->a->n_paras;
  size_t start = 0;
  for (size_t seg = 0; seg <= s->n_breaks; seg++) {
    size_t end = seg < s->n_breaks ? s->breaks[seg] : s->n;
    if (end < start) end = start;
    if (end == start) { /* an empty line between two hard breaks */
      if (seg > 0 && seg < s->n_breaks && lines) a2b_pdf_lay_glue(L, p.pitch);
      continue;
    }
    if (lines) {
      pens[n_pens++] = L->out->n;
      a2b_pdf_lay_penalty(L, 0);
    }
    lines +=
        a2b_pdf_set_para(c->ts, c->arena, s->v + start, end - start, &p, L->out, L->a->art->path);
    p.indent = 0;
    start = end;
  }
  for (size_t i = from; i < L->out->n; i++)
    shade(L, &L->out->items[i]);
  fix_penalties(L, from, pens, n_pens);
  free(pens);
  if (L->marker)
    for (size_t i = from; i < L->out->n; i++)
      if (L->out->items[i].kind == A2B_PDF_V_LINE) {
        join_marker(L, L->out->items[i].u.line);
        break;
      }
  return lines;
}
