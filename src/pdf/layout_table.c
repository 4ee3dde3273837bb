/* Block layout: tables. Columns get their natural widths, shrunk in
 * proportion to fit the measure (never below their longest word); each row
 * is one unbreakable BLOCK; the header rows are one BLOCK that every body
 * row names for repetition after a page break. */
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "pdf/layout_int.h"
#include "utf8.h"

typedef struct cell {
  const a2b_node *node;
  a2b_pdf_spans spans;
  double natural, min; /* text widths, without padding */
} cell;

typedef struct table {
  a2b_pdf_lay T; /* text settings inside cells */
  size_t n_rows, n_cols;
  const a2b_node **rows;
  cell *cells;      /* n_rows * n_cols */
  a2b_align *align; /* per column */
  double *width;    /* per column, with padding */
  double hpad, vpad;
} table;

static bool wide(uint32_t c) { return c >= 0x2E80; }

/* The cell's longest unbreakable stretch: Latin words measured, CJK
 * characters counted as two (a character and the punctuation kept with it). */
static double min_width(table *t, cell *ce, const a2b_pdf_span *style, const a2b_pdf_para *p) {
  a2b_pdf_layout_ctx *c = t->T.a->c;
  const char *text = a2b_node_plain_text(c->arena, ce->node);
  const char *best = NULL, *word = NULL;
  size_t best_len = 0;
  double min = 0;
  for (const char *q = text;;) {
    const char *at = q;
    uint32_t u = *q ? a2b_utf8_next(&q) : 0;
    bool ends = !u || u == ' ' || u == '\t' || u == '\n' || wide(u);
    if (ends && word) {
      if ((size_t)(at - word) > best_len) best = word, best_len = (size_t)(at - word);
      word = NULL;
    }
    if (!u) break;
    if (wide(u))
      min = 2 * t->T.size;
    else if (!ends && !word)
      word = at;
  }
  if (best) {
    a2b_pdf_span s = *style;
    s.text = best;
    s.len = best_len;
    double w = 0;
    a2b_pdf_set_line(c->ts, c->arena, &s, 1, p, &w, t->T.a->art->path);
    if (w > min) min = w;
  }
  return min;
}

static void measure_cells(table *t) {
  a2b_pdf_layout_ctx *c = t->T.a->c;
  a2b_pdf_para p = a2b_pdf_lay_para(&t->T);
  p.left = 0;
  p.align = A2B_PDF_LEFT;
  for (size_t r = 0; r < t->n_rows; r++) {
    size_t j = 0;
    for (const a2b_node *n = t->rows[r]->first_child; n && j < t->n_cols; n = n->next, j++) {
      cell *ce = &t->cells[r * t->n_cols + j];
      ce->node = n;
      if (!t->align[j]) t->align[j] = n->u.cell.align;
      a2b_pdf_span style = a2b_pdf_lay_style(&t->T);
      style.bold = t->rows[r]->u.row.header;
      a2b_pdf_spans_inlines(&t->T, n->first_child, &style, &ce->spans);
      if (!ce->spans.n) continue;
      a2b_pdf_set_line(c->ts, c->arena, ce->spans.v, ce->spans.n, &p, &ce->natural,
                       t->T.a->art->path);
      ce->min = min_width(t, ce, &style, &p);
    }
  }
}

/* Natural column widths when they fit; else shrink what exceeds each
 * column's minimum in proportion. */
static void column_widths(table *t, double measure) {
  double nat = 0, min = 0;
  double *cmin = a2b_xmalloc(t->n_cols * sizeof *cmin);
  for (size_t j = 0; j < t->n_cols; j++) {
    double wn = 0, wm = 0;
    for (size_t r = 0; r < t->n_rows; r++) {
      const cell *ce = &t->cells[r * t->n_cols + j];
      if (ce->natural > wn) wn = ce->natural;
      if (ce->min > wm) wm = ce->min;
    }
    t->width[j] = wn + 2 * t->hpad;
    cmin[j] = wm + 2 * t->hpad;
    if (cmin[j] > t->width[j]) t->width[j] = cmin[j];
    nat += t->width[j];
    min += cmin[j];
  }
  if (nat > measure) {
    for (size_t j = 0; j < t->n_cols; j++) {
      if (min >= measure)
        t->width[j] = cmin[j] * measure / min;
      else
        t->width[j] = cmin[j] + (t->width[j] - cmin[j]) * (measure - min) / (nat - min);
    }
  }
  free(cmin);
}

static a2b_pdf_align align_of(a2b_align a) {
  return a == A2B_ALIGN_CENTER  ? A2B_PDF_CENTER
         : a == A2B_ALIGN_RIGHT ? A2B_PDF_RIGHT
                                : A2B_PDF_LEFT;
}

static void add_notes(a2b_arena *arena, a2b_pdf_vitem *to, const a2b_pdf_vlist *notes) {
  if (!to->footnotes) to->footnotes = a2b_alloc(arena, sizeof *to->footnotes);
  for (size_t i = 0; i < notes->n; i++)
    *a2b_pdf_vlist_push(arena, to->footnotes, notes->items[i].kind) = notes->items[i];
}

/* Rows [r0, r1) set as one BLOCK placed at x. `last`: the table's last row. */
static a2b_pdf_vitem *row_block(table *t, size_t r0, size_t r1, double x, double width, bool header,
                                bool last) {
  a2b_pdf_layout_ctx *c = t->T.a->c;
  const a2b_pdf_style *st = c->st;
  a2b_pdf_page blk = {0}; /* only its item array is used */
  a2b_pdf_vitem *it = a2b_pdf_lay_push(&t->T, A2B_PDF_V_BLOCK);
  double y = 0, size = t->T.size, pitch = t->T.pitch;
  double baseline = pitch / 2 + 0.38 * size; /* an em box centred in the pitch */
  if (header) {
    a2b_pdf_placed *rule = a2b_pdf_page_push(c->arena, &blk, A2B_PDF_P_RULE);
    rule->w = width, rule->h = 0.8, rule->color = st->rule_color;
  }
  for (size_t r = r0; r < r1; r++) {
    size_t most = 1;
    double cx = 0;
    for (size_t j = 0; j < t->n_cols; j++) {
      cell *ce = &t->cells[r * t->n_cols + j];
      if (ce->spans.n) {
        a2b_pdf_para p = a2b_pdf_lay_para(&t->T);
        p.left = 0;
        p.measure = t->width[j] - 2 * t->hpad;
        p.align = align_of(t->align[j]);
        a2b_pdf_vlist lines = {0};
        a2b_pdf_set_para(c->ts, c->arena, ce->spans.v, ce->spans.n, &p, &lines, t->T.a->art->path);
        size_t k = 0;
        for (size_t i = 0; i < lines.n; i++) {
          if (lines.items[i].kind != A2B_PDF_V_LINE) continue;
          const a2b_pdf_line *ln = lines.items[i].u.line;
          a2b_pdf_placed *pl = a2b_pdf_page_push(c->arena, &blk, A2B_PDF_P_LINE);
          pl->x = cx + t->hpad + ln->x;
          pl->y = y + t->vpad + k * pitch + baseline;
          pl->w = ln->width;
          pl->h = pitch;
          pl->u.line = ln;
          if (lines.items[i].footnotes) add_notes(c->arena, it, lines.items[i].footnotes);
          k++;
        }
        if (k > most) most = k;
      }
      cx += t->width[j];
    }
    y += most * pitch + 2 * t->vpad;
    bool rule_here = header ? r + 1 == r1 : true;
    if (rule_here) {
      a2b_pdf_placed *rule = a2b_pdf_page_push(c->arena, &blk, A2B_PDF_P_RULE);
      rule->y = y;
      rule->w = width;
      rule->h = header || last ? (last ? 0.8 : 0.5) : 0.3;
      rule->color = st->rule_color;
    }
  }
  it->x = x;
  it->width = width;
  it->height = y;
  it->u.block.items = blk.items;
  it->u.block.n = blk.n;
  return it;
}

void a2b_pdf_lay_table(a2b_pdf_lay *L, const a2b_node *tbl) {
  const a2b_pdf_style *st = L->a->c->st;
  table t = {0};
  t.T = *L;
  t.T.size = st->small_size;
  t.T.pitch = st->small_pitch;
  t.T.no_indent = true;
  t.T.role = A2B_PDF_ROLE_TABLE;
  t.n_cols = tbl->u.table.ncols > 0 ? (size_t)tbl->u.table.ncols : 0;
  for (const a2b_node *r = tbl->first_child; r; r = r->next) {
    t.n_rows++;
    size_t k = 0;
    for (const a2b_node *ce = r->first_child; ce; ce = ce->next)
      k++;
    if (k > t.n_cols) t.n_cols = k;
  }
  if (!t.n_rows || !t.n_cols) return;
  t.rows = a2b_xmalloc(t.n_rows * sizeof *t.rows);
  t.cells = a2b_xmalloc(t.n_rows * t.n_cols * sizeof *t.cells);
  memset(t.cells, 0, t.n_rows * t.n_cols * sizeof *t.cells);
  t.align = a2b_xmalloc(t.n_cols * sizeof *t.align);
  memset(t.align, 0, t.n_cols * sizeof *t.align);
  t.width = a2b_xmalloc(t.n_cols * sizeof *t.width);
  size_t k = 0;
  for (const a2b_node *r = tbl->first_child; r; r = r->next)
    t.rows[k++] = r;
  t.hpad = t.T.size * 0.5;
  t.vpad = t.T.size * 0.3;
  measure_cells(&t);
  column_widths(&t, L->measure);
  double width = 0;
  for (size_t j = 0; j < t.n_cols; j++)
    width += t.width[j];
  double x = L->left + (width < L->measure ? (L->measure - width) / 2 : 0);

  size_t start = L->out->n, n_head = 0;
  while (n_head < t.n_rows && t.rows[n_head]->u.row.header)
    n_head++;
  const a2b_pdf_vitem *head = NULL;
  if (n_head) {
    a2b_pdf_vitem *h = row_block(&t, 0, n_head, x, width, true, n_head == t.n_rows);
    head = a2b_memdup(L->a->c->arena, h, sizeof *h); /* stable while the list grows */
  }
  for (size_t r = n_head; r < t.n_rows; r++) {
    if (r > 0) a2b_pdf_lay_penalty(L, r == n_head ? A2B_PDF_INF : 0);
    a2b_pdf_vitem *row = row_block(&t, r, r + 1, x, width, false, r + 1 == t.n_rows);
    row->u.block.repeat = head;
  }
  a2b_pdf_lay_snap(L, start);
  for (size_t i = 0; i < t.n_rows * t.n_cols; i++)
    a2b_pdf_spans_free(&t.cells[i].spans);
  free(t.rows);
  free(t.cells);
  free(t.align);
  free(t.width);
}
