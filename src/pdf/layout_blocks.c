/* Block layout: lists, block quotes, asides, code and math blocks. */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "pdf/layout_int.h"

/* Open a shade around what is laid out next in L (up to four nest). */
static void open_shade(a2b_pdf_lay *L, double x, double width, unsigned fill, unsigned bar,
                       double bar_width) {
  if (L->n_shades >= 4) return;
  a2b_pdf_shade *s = a2b_alloc(L->a->c->arena, sizeof *s);
  s->x = x;
  s->width = width;
  s->fill = fill;
  s->bar = bar;
  s->bar_width = bar_width;
  L->shades[L->n_shades++] = s;
}

/* ---- lists ----------------------------------------------------------------- */

static const char *marker_text(a2b_arena *arena, const a2b_node *list, int task, int number,
                               int depth) {
  if (task == 1) return "\xE2\x98\x90"; /* ☐ */
  if (task == 2) return "\xE2\x98\x91"; /* ☑ */
  if (list->u.list.ordered) return a2b_sprintf(arena, "%d.", number);
  return depth % 2 ? "\xE2\x97\xA6" : "\xE2\x80\xA2"; /* ◦ •  */
}

static a2b_pdf_line *marker_line(a2b_pdf_lay *L, const char *text, double *width) {
  a2b_pdf_span s = a2b_pdf_lay_style(L);
  s.text = text;
  s.len = strlen(text);
  a2b_pdf_para p = a2b_pdf_lay_para(L);
  p.left = 0;
  p.align = A2B_PDF_LEFT;
  return a2b_pdf_set_line(L->a->c->ts, L->a->c->arena, &s, 1, &p, width, L->a->art->path);
}

void a2b_pdf_lay_list(a2b_pdf_lay *L, const a2b_node *list) {
  a2b_arena *arena = L->a->c->arena;
  const a2b_pdf_style *st = L->a->c->st;
  bool cjk = a2b_pdf_lay_cjk(L->lang);
  double gap = L->size * 0.5, step = L->size * (cjk ? 2 : 1.5);
  int n_items = 0;
  for (const a2b_node *it = list->first_child; it; it = it->next)
    n_items++;
  if (list->u.list.ordered) { /* room for the widest number */
    double w = 0;
    marker_line(L, marker_text(arena, list, 0, list->u.list.start + n_items - 1, 0), &w);
    if (w + gap > step) step = w + gap;
  }
  a2b_pdf_lay I = *L;
  I.left += step;
  I.measure -= step;
  I.no_indent = true;
  I.tight = list->u.list.tight;
  I.list_depth++;
  double space = cjk ? st->line_pitch / 2 : a2b_pdf_lay_grid(L, st->paragraph_space);
  int number = list->u.list.start;
  for (const a2b_node *it = list->first_child; it; it = it->next, number++) {
    if (it != list->first_child) {
      if (list->u.list.tight || space <= 0)
        a2b_pdf_lay_penalty(&I, 0);
      else
        a2b_pdf_lay_glue(&I, space);
    }
    double w = 0;
    I.marker =
        marker_line(&I, marker_text(arena, list, it->u.item.task, number, L->list_depth), &w);
    I.marker_x = I.left - gap - w;
    if (it->id) {
      a2b_pdf_vitem *m = a2b_pdf_lay_push(&I, A2B_PDF_V_MARK);
      m->u.mark.dest = it->id;
    }
    a2b_pdf_lay_blocks(&I, it->first_child);
    a2b_pdf_lay_flush_marker(&I);
  }
}

/* ---- quotes and asides ------------------------------------------------------ */

void a2b_pdf_lay_quote(a2b_pdf_lay *L, const a2b_node *quote) {
  const a2b_pdf_style *st = L->a->c->st;
  a2b_pdf_lay Q = *L;
  double indent = L->size * (a2b_pdf_lay_cjk(L->lang) ? 2 : 1.5);
  open_shade(&Q, L->left, L->measure, A2B_PDF_NO_FILL, st->quote_bar, 2);
  Q.left += indent;
  Q.measure -= indent;
  a2b_pdf_lay_blocks(&Q, quote->first_child);
}

/* Bar colours of the aside kinds, and their tints (8% on white). */
static unsigned aside_color(a2b_aside_kind k) {
  static const unsigned c[] = {0x2F6DB5, 0x2E8B57, 0x7B4FB0, 0xC27C0E, 0xC0392B, 0x888888};
  return c[k <= A2B_ASIDE_DETAILS ? k : 0];
}

static unsigned tint(unsigned rgb) {
  unsigned out = 0;
  for (int sh = 0; sh <= 16; sh += 8) {
    unsigned v = (rgb >> sh) & 0xFF;
    out |= (255 - (255 - v) * 8 / 100) << sh;
  }
  return out;
}

void a2b_pdf_lay_aside(a2b_pdf_lay *L, const a2b_node *aside) {
  const a2b_pdf_style *st = L->a->c->st;
  a2b_aside_kind kind = aside->u.aside.kind <= A2B_ASIDE_DETAILS ? aside->u.aside.kind : 0;
  bool details = kind == A2B_ASIDE_DETAILS;
  unsigned color = aside_color(kind);
  a2b_pdf_lay A = *L;
  double bar = 3, pad = L->size * 0.75;
  open_shade(&A, L->left, L->measure, details ? A2B_PDF_NO_FILL : tint(color), color, bar);
  A.left += bar + pad;
  A.measure -= bar + 2 * pad;
  double half = st->line_pitch / 2;
  a2b_pdf_lay_glue(&A, half);
  const char *title = aside->u.aside.title && *aside->u.aside.title
                          ? aside->u.aside.title
                          : a2b_pdf_lay_labels_for(L->lang)->aside[kind];
  a2b_pdf_spans s = {0};
  a2b_pdf_span style = a2b_pdf_lay_style(&A);
  style.bold = true;
  if (details)
    style.face = A2B_PDF_FACE_HEADING;
  else
    style.color = color;
  a2b_pdf_spans_push(&s, &style, title, strlen(title));
  a2b_pdf_para p = a2b_pdf_lay_para(&A);
  p.align = A2B_PDF_LEFT;
  size_t from = A.out->n;
  a2b_pdf_lay_set(&A, &s, &p);
  a2b_pdf_spans_free(&s);
  a2b_pdf_lay_keep_lines(&A, from);
  a2b_pdf_lay_penalty(&A, A2B_PDF_INF);
  a2b_pdf_lay_blocks(&A, aside->first_child);
  a2b_pdf_lay_glue(&A, half);
}

/* ---- code and math ---------------------------------------------------------- */

/* Source lines as spans separated by hard breaks (tabs to 4-column stops). */
static void source_lines(a2b_pdf_lay *L, const char *text, const a2b_pdf_span *style,
                         a2b_pdf_spans *s) {
  size_t len = strlen(text);
  if (len && text[len - 1] == '\n') len--;
  const char *end = text + len;
  for (const char *p = text; p <= end;) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (!nl) nl = end;
    if (memchr(p, '\t', (size_t)(nl - p))) {
      char *line = a2b_alloc(L->a->c->arena, (size_t)(nl - p) * 4 + 1);
      size_t k = 0, col = 0;
      for (const char *q = p; q < nl; q++) {
        if (*q == '\t') do
            line[k++] = ' ', col++;
          while (col % 4);
        else {
          line[k++] = *q;
          if ((*q & 0xC0) != 0x80) col++;
        }
      }
      a2b_pdf_spans_push(s, style, line, k);
    } else if (nl > p) {
      a2b_pdf_spans_push(s, style, p, (size_t)(nl - p));
    }
    if (nl == end) break;
    a2b_pdf_spans_break(s);
    p = nl + 1;
  }
}

void a2b_pdf_lay_code(a2b_pdf_lay *L, const a2b_node *code) {
  const a2b_pdf_style *st = L->a->c->st;
  size_t start = L->out->n;
  if (code->u.code.filename && *code->u.code.filename) {
    a2b_pdf_spans f = {0};
    a2b_pdf_span fs = a2b_pdf_lay_style(L);
    fs.face = A2B_PDF_FACE_HEADING;
    fs.size = st->small_size;
    fs.color = A2B_PDF_LAY_GREY;
    a2b_pdf_spans_push(&f, &fs, code->u.code.filename, strlen(code->u.code.filename));
    a2b_pdf_para fp = a2b_pdf_lay_para(L);
    fp.size = st->small_size;
    fp.pitch = st->small_pitch;
    fp.align = A2B_PDF_LEFT;
    a2b_pdf_lay_set(L, &f, &fp);
    a2b_pdf_spans_free(&f);
    a2b_pdf_lay_keep_lines(L, start);
    a2b_pdf_lay_penalty(L, A2B_PDF_INF);
  }
  a2b_pdf_lay C = *L;
  open_shade(&C, L->left, L->measure, st->code_background, A2B_PDF_NO_FILL, 0);
  double pad = st->code_size * 0.6;
  C.left += pad;
  C.measure -= 2 * pad;
  size_t top = C.out->n;
  a2b_pdf_lay_glue(&C, 1); /* the top padding, sized below */
  a2b_pdf_lay_penalty(&C, A2B_PDF_INF);
  a2b_pdf_spans s = {0};
  a2b_pdf_span style = a2b_pdf_lay_style(&C);
  style.face = A2B_PDF_FACE_MONO;
  style.size = st->code_size;
  source_lines(&C, code->u.code.literal ? code->u.code.literal : "", &style, &s);
  a2b_pdf_para p = a2b_pdf_lay_para(&C);
  p.size = st->code_size;
  p.pitch = st->code_pitch;
  p.align = A2B_PDF_LEFT;
  p.code = true;
  p.role = A2B_PDF_ROLE_CODE;
  a2b_pdf_lay_set(&C, &s, &p);
  a2b_pdf_spans_free(&s);
  double h = 0;
  for (size_t i = top + 1; i < C.out->n; i++)
    if (C.out->items[i].kind != A2B_PDF_V_PENALTY) h += C.out->items[i].height;
  double pads = a2b_pdf_lay_grid(L, h + pad) - h; /* both paddings together */
  C.out->items[top].height = pads / 2;
  a2b_pdf_lay_glue(&C, pads / 2);
}

void a2b_pdf_lay_math(a2b_pdf_lay *L, const a2b_node *math) {
  a2b_pdf_spans s = {0};
  a2b_pdf_span style = a2b_pdf_lay_style(L);
  style.face = A2B_PDF_FACE_MONO;
  style.size = L->size * 0.92;
  source_lines(L, math->u.literal ? math->u.literal : "", &style, &s);
  a2b_pdf_para p = a2b_pdf_lay_para(L);
  p.align = A2B_PDF_CENTER;
  p.role = A2B_PDF_ROLE_CODE;
  a2b_pdf_lay_set(L, &s, &p);
  a2b_pdf_spans_free(&s);
}
