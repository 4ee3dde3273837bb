/* Placing the items chosen for a page.
 *
 * The text block's left edge is the inner margin on odd pages and the outer
 * margin on even ones. Items are stacked in slots [y, y + height) from the
 * top margin down. A LINE's baseline lies 0.2 * min(height, pitch) above the
 * bottom of its slot: a page's first body line has its baseline at
 * top + 0.8 * pitch, and each later line's baseline is its own height below
 * the one before (a fixed grid while heights are multiples of the pitch). */
#include "pdf/pageplace.h"

#include <math.h>

#include "arena.h"

typedef struct slot {
  const a2b_pdf_vitem *it;
  double y;
} slot;

enum { MAX_SHADES = 4 }; /* as in a2b_pdf_vitem.shades */

static double baseline(const a2b_pdf_geometry *g, double y, double h) {
  double d = h < g->pitch ? h : g->pitch;
  return y + h - 0.2 * d;
}

static void place_dest(a2b_arena *a, a2b_pdf_page *page, double x, double y, const char *name,
                       const char *outline_title, int outline_level) {
  a2b_pdf_placed *d = a2b_pdf_page_push(a, page, A2B_PDF_P_DEST);
  d->x = x;
  d->y = y;
  d->u.dest.name = name;
  d->u.dest.outline_title = outline_title;
  d->u.dest.outline_level = outline_level;
}

/* A line in a slot of height `h` from `top`, its baseline at `base`; its
 * anchors become destinations at the slot top. */
static void place_line(a2b_arena *a, a2b_pdf_page *page, const a2b_pdf_line *line, double x0,
                       double top, double h, double base) {
  for (size_t k = 0; k < line->n_anchors; k++)
    place_dest(a, page, x0 + line->x, top, line->anchors[k], NULL, 0);
  a2b_pdf_placed *p = a2b_pdf_page_push(a, page, A2B_PDF_P_LINE);
  p->x = x0 + line->x;
  p->y = base;
  p->w = line->width;
  p->h = h;
  p->u.line = line;
}

/* A frame's outline, its lines centred vertically inside, each as tall as
 * its ascent plus descent. */
static void place_frame(a2b_arena *a, a2b_pdf_page *page, const a2b_pdf_vitem *it, double x0,
                        double y) {
  a2b_pdf_placed *box = a2b_pdf_page_push(a, page, A2B_PDF_P_STROKE);
  box->x = x0 + it->x;
  box->y = y;
  box->w = it->width;
  box->h = it->height;
  double text = 0;
  for (size_t k = 0; k < it->frame_n; k++)
    text += it->u.frame_lines[k]->ascent + it->u.frame_lines[k]->descent;
  double ty = y + (it->height > text ? (it->height - text) / 2 : 0);
  for (size_t k = 0; k < it->frame_n; k++) {
    const a2b_pdf_line *line = it->u.frame_lines[k];
    double h = line->ascent + line->descent;
    place_line(a, page, line, x0 + it->x, ty, h, ty + line->ascent);
    ty += h;
  }
}

static void place_item(a2b_arena *a, a2b_pdf_page *page, const a2b_pdf_geometry *g,
                       const a2b_pdf_vitem *it, double x0, double y) {
  a2b_pdf_placed *p;
  switch (it->kind) {
  case A2B_PDF_V_LINE:
    place_line(a, page, it->u.line, x0, y, it->height, baseline(g, y, it->height));
    break;
  case A2B_PDF_V_GLUE:
  case A2B_PDF_V_PENALTY: break;
  case A2B_PDF_V_IMAGE:
    p = a2b_pdf_page_push(a, page, A2B_PDF_P_IMAGE);
    *p = (a2b_pdf_placed){A2B_PDF_P_IMAGE, x0 + it->x, y, it->width, it->height, 0, {0}};
    p->u.image = it->u.image;
    break;
  case A2B_PDF_V_RULE:
    p = a2b_pdf_page_push(a, page, A2B_PDF_P_RULE);
    *p = (a2b_pdf_placed){
        A2B_PDF_P_RULE, x0 + it->x, y + it->height / 2, it->width, it->u.thickness, 0, {0}};
    break;
  case A2B_PDF_V_FRAME: place_frame(a, page, it, x0, y); break;
  case A2B_PDF_V_BLOCK:
    for (size_t k = 0; k < it->u.block.n; k++) {
      const a2b_pdf_placed *src = &it->u.block.items[k];
      p = a2b_pdf_page_push(a, page, src->kind);
      *p = *src;
      p->x += x0 + it->x;
      p->y += y;
    }
    break;
  case A2B_PDF_V_MARK:
    place_dest(a, page, x0, y, it->u.mark.dest, it->u.mark.outline_title, it->u.mark.outline_level);
    break;
  }
}

/* Whether `a` and `b` lie in the same shade at nesting level `d`. */
static bool same_shade(const a2b_pdf_vitem *a, const a2b_pdf_vitem *b, int d) {
  if (a->shade_depth <= d || b->shade_depth <= d) return false;
  for (int k = 0; k <= d; k++)
    if (a->shades[k] != b->shades[k]) return false;
  return true;
}

static void shade_rect(a2b_arena *a, a2b_pdf_page *page, const a2b_pdf_shade *s, double x0,
                       double y0, double y1) {
  if (s->fill != A2B_PDF_NO_FILL) {
    a2b_pdf_placed *r = a2b_pdf_page_push(a, page, A2B_PDF_P_RECT);
    *r = (a2b_pdf_placed){A2B_PDF_P_RECT, x0 + s->x, y0, s->width, y1 - y0, s->fill, {0}};
  }
  if (s->bar != A2B_PDF_NO_FILL && s->bar_width > 0) {
    a2b_pdf_placed *r = a2b_pdf_page_push(a, page, A2B_PDF_P_RECT);
    *r = (a2b_pdf_placed){A2B_PDF_P_RECT, x0 + s->x, y0, s->bar_width, y1 - y0, s->bar, {0}};
  }
}

/* One rectangle (and bar) per run of consecutive slots in the same shade,
 * outer shades first so that inner ones paint over them. Zero-height marks
 * and penalties neither break nor extend a run. */
static void place_shades(a2b_arena *a, a2b_pdf_page *page, const slot *slots, size_t n, double x0) {
  for (int d = 0; d < MAX_SHADES; d++) {
    const a2b_pdf_vitem *open = NULL;
    double y0 = 0, y1 = 0;
    for (size_t k = 0; k < n; k++) {
      const a2b_pdf_vitem *it = slots[k].it;
      if (it->kind == A2B_PDF_V_MARK || it->kind == A2B_PDF_V_PENALTY) continue;
      if (open && same_shade(open, it, d)) {
        y1 = slots[k].y + it->height;
        continue;
      }
      if (open) shade_rect(a, page, open->shades[d], x0, y0, y1);
      open = it->shade_depth > d ? it : NULL;
      y0 = slots[k].y;
      y1 = y0 + it->height;
    }
    if (open) shade_rect(a, page, open->shades[d], x0, y0, y1);
  }
}

/* The footnote rule (a quarter of the measure, 0.5 pt, in the middle of the
 * gap) and the footnote items, ending at the bottom of the text block. */
static void place_foot(a2b_pdf_placer *pl, a2b_arena *a, a2b_pdf_page *page, double x0,
                       const a2b_pdf_fnqueue *queue, a2b_pdf_foot foot) {
  const a2b_pdf_geometry *g = pl->g;
  double measure = g->page_width - g->inner - g->outer;
  double top = g->top + pl->body - foot.height;
  a2b_pdf_placed *rule = a2b_pdf_page_push(a, page, A2B_PDF_P_RULE);
  *rule = (a2b_pdf_placed){A2B_PDF_P_RULE, x0, top + g->footnote_gap / 2, measure / 4, 0.5, 0, {0}};
  double y = top + g->footnote_gap;
  for (size_t q = 0; q <= foot.q && q < queue->n; q++) {
    const a2b_pdf_fnentry *e = &queue->e[q];
    size_t end = q < foot.q ? e->body->n : foot.j;
    for (size_t j = e->next; j < end; j++) {
      place_item(a, page, g, &e->body->items[j], x0, y);
      y += e->body->items[j].height;
    }
  }
}

void a2b_pdf_place_page(a2b_pdf_placer *pl, a2b_arena *arena, a2b_pdf_page *page,
                        const a2b_pdf_vitem *header, const a2b_pdf_vitem *items, size_t n,
                        const a2b_pdf_fnqueue *queue, a2b_pdf_foot foot) {
  const a2b_pdf_geometry *g = pl->g;
  double x0 = page->number % 2 != 0 ? g->inner : g->outer;
  page->text_left = x0;
  page->text_top = g->top;
  page->text_width = g->page_width - g->inner - g->outer;
  slot *slots = a2b_alloc(arena, (n + 1) * sizeof *slots);
  size_t ns = 0;
  double y = g->top;
  if (header) {
    slots[ns++] = (slot){header, y};
    y += header->height;
  }
  for (size_t k = 0; k < n; k++) {
    y += a2b_pdf_grid_gap(g, &items[k], y - g->top);
    slots[ns++] = (slot){&items[k], y};
    y += items[k].height;
  }
  place_shades(arena, page, slots, ns, x0);

  page->article = pl->article;
  bool boxed = false;
  for (size_t k = 0; k < ns; k++) {
    const a2b_pdf_vitem *it = slots[k].it;
    if (it->kind == A2B_PDF_V_MARK && it->u.mark.article) {
      pl->article = it->u.mark.article;
      if (!boxed) page->article = pl->article;
    } else if (it->kind != A2B_PDF_V_GLUE && it->kind != A2B_PDF_V_PENALTY) {
      boxed = true;
    }
    place_item(arena, page, g, it, x0, slots[k].y);
  }
  if (foot.height > 0) place_foot(pl, arena, page, x0, queue, foot);
}

double a2b_pdf_grid_gap(const a2b_pdf_geometry *g, const a2b_pdf_vitem *it, double used) {
  if (it->kind != A2B_PDF_V_LINE || g->pitch <= 0 || fabs(it->height - g->pitch) > 1e-6) return 0;
  double half = g->pitch / 2, steps = used / half;
  double off = steps - floor(steps);
  if (off < 1e-6 || off > 1 - 1e-6) return 0;
  return (1 - off) * half;
}
