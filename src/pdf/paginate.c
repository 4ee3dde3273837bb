/* Pagination: choosing where each page ends (see paginate.h for the
 * contract and pageplace.c for putting the chosen items on the page).
 *
 * Page building is first-fit with a cost: items are added until one does not
 * fit; among the legal breaks seen, the one with the least cost
 *   penalty + 100 * (unused lines)^3
 * wins (ties: the later one), so with equal penalties the page is filled as
 * far as it goes, and a break one line earlier is taken only to avoid a
 * penalty above 100. Glue keeps its natural height (ragged bottom: the
 * baseline grid holds). Legal breaks: a PENALTY below A2B_PDF_INF (the
 * penalty is discarded), a GLUE right after a box (a LINE, IMAGE, RULE,
 * FRAME or BLOCK) unless an A2B_PDF_INF penalty follows it before the next
 * box. A penalty at or below -A2B_PDF_INF ends the page at once (not at a
 * page top). When a page would hold no box before its first legal break (an
 * unbreakable run longer than a page), it ends after the last box that fits;
 * a box taller than the page is placed alone, overflowing.
 *
 * Footnotes: a LINE's footnote items are added to the foot together with
 * the line; the line moves to the next page unless at least one footnote
 * item fits with it; the rest of a footnote that does not fit is carried to
 * the foot of the following pages (at most half a text block per page while
 * body text remains, unless a later reference needs more: footnotes keep
 * their order, and a line waits for the next page unless the first item of
 * its own footnote fits after those queued before it). */
#include "pdf/paginate.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "pdf/footnotes.h"
#include "pdf/pageplace.h"

#define EPS 1e-6

/* A place to end the page: items [start, at) go on it. */
typedef struct cand {
  size_t at;
  double cost;
  size_t queue_len;          /* footnote entries queued up to here */
  a2b_pdf_foot foot;         /* how far the foot is filled */
  const a2b_pdf_vitem *last; /* the page's last box (table continuation) */
  bool set;
} cand;

typedef struct pager {
  const a2b_pdf_vlist *list;
  const a2b_pdf_geometry *g;
  double body;                    /* text block height */
  a2b_pdf_fnqueue queue;          /* footnotes waiting for a foot */
  const a2b_pdf_vitem *prev_last; /* the previous page's last box */
} pager;

static bool is_discardable(const a2b_pdf_vitem *it) {
  return it->kind == A2B_PDF_V_GLUE || it->kind == A2B_PDF_V_PENALTY;
}

static bool is_box(const a2b_pdf_vitem *it) {
  return !is_discardable(it) && it->kind != A2B_PDF_V_MARK;
}

/* A glue at `i` is a legal break after a box, unless an infinite penalty
 * follows it (keep-with-next). */
static bool glue_breaks(const a2b_pdf_vlist *l, size_t i, size_t start) {
  if (i == start || !is_box(&l->items[i - 1])) return false;
  size_t j = i + 1;
  while (j < l->n && l->items[j].kind == A2B_PDF_V_GLUE)
    j++;
  return !(j < l->n && l->items[j].kind == A2B_PDF_V_PENALTY && l->items[j].penalty >= A2B_PDF_INF);
}

static double waste_cost(const pager *p, double used) {
  double pitch = p->g->pitch > 0 ? p->g->pitch : 1;
  double lines = (p->body - used) / pitch;
  if (lines < 0) lines = 0;
  return 100 * lines * lines * lines;
}

static cand snapshot(const pager *p, size_t at, const a2b_pdf_foot *foot,
                     const a2b_pdf_vitem *last) {
  return (cand){.at = at, .queue_len = p->queue.n, .foot = *foot, .last = last, .set = true};
}

/* Add the footnotes of the line `it` (body height `h` with the line) to the
 * queue and the foot. False (nothing changed) unless its first footnote item
 * fits on the page after those queued before it, or `force`. */
static bool take_footnotes(pager *p, const a2b_pdf_vitem *it, double h, a2b_pdf_foot *foot,
                           bool force) {
  size_t queued = p->queue.n;
  a2b_pdf_fnqueue_push(&p->queue, it->footnotes);
  a2b_pdf_foot f = *foot;
  a2b_pdf_foot_fill(&p->queue, &f, p->g->footnote_gap, h, p->body, force);
  if (!force && (f.q < queued || (f.q == queued && f.j == 0))) {
    p->queue.n = queued;
    return false;
  }
  *foot = f;
  return true;
}

/* Choose where the page starting at item `s` (a non-discardable item, or
 * the end) ends, with `h` already used by a repeated header and the foot
 * holding carried footnotes. */
static cand choose_break(pager *p, size_t s, double h, a2b_pdf_foot foot) {
  const a2b_pdf_vlist *l = p->list;
  cand best = {0}, fallback = {0};
  size_t boxes = 0;
  const a2b_pdf_vitem *last = NULL;
  bool full = false;
  for (size_t i = s; i < l->n && !full; i++) {
    const a2b_pdf_vitem *it = &l->items[i];
    if (it->kind == A2B_PDF_V_PENALTY) {
      if (!boxes || it->penalty >= A2B_PDF_INF) continue;
      cand c = snapshot(p, i, &foot, last);
      if (it->penalty <= -A2B_PDF_INF) return c;
      c.cost = it->penalty + waste_cost(p, h + foot.height);
      if (!best.set || c.cost <= best.cost) best = c;
      continue;
    }
    if (it->kind == A2B_PDF_V_GLUE) {
      if (glue_breaks(l, i, s)) {
        cand c = snapshot(p, i, &foot, last);
        c.cost = waste_cost(p, h + foot.height);
        if (!best.set || c.cost <= best.cost) best = c;
      }
      /* Before any box a page cannot end: tall glue there just overflows. */
      full = boxes && h + it->height + foot.height > p->body + EPS;
      h += it->height;
      continue;
    }
    h += a2b_pdf_grid_gap(p->g, it, h);
    double nh = h + it->height;
    bool has_notes = it->kind == A2B_PDF_V_LINE && it->footnotes && it->footnotes->n;
    bool carried = foot.q < p->queue.n; /* a carried footnote is not all placed */
    bool fits = nh + foot.height <= p->body + EPS;
    if (fits && has_notes) fits = take_footnotes(p, it, nh, &foot, false);
    if (!fits) {
      if (boxes) {
        full = true;
        break;
      }
      if (has_notes && carried) {
        /* Its footnote cannot start here: a page of carried footnotes. */
        a2b_pdf_foot_fill(&p->queue, &foot, p->g->footnote_gap, 0, p->body, false);
        return snapshot(p, s, &foot, NULL);
      }
      /* Nothing on the page yet: place it anyway. */
      if (has_notes) take_footnotes(p, it, nh, &foot, true);
    }
    h = nh;
    if (is_box(it)) {
      boxes++;
      last = it;
      fallback = snapshot(p, i + 1, &foot, last);
    }
  }
  if (!full) return snapshot(p, l->n, &foot, last);
  if (best.set) return best;
  return fallback; /* set: `full` is only set after a box */
}

/* Blocks are the same when they hold the same items (the list may hold a
 * copy of the header a row points to). */
static bool same_block(const a2b_pdf_vitem *a, const a2b_pdf_vitem *b) {
  return a && b && a->kind == A2B_PDF_V_BLOCK && b->kind == A2B_PDF_V_BLOCK &&
         a->u.block.items == b->u.block.items;
}

/* The header BLOCK to repeat at the top of a page that starts with `first`
 * after a page that ended with `prev` (the header or a row of the same
 * table), or NULL. */
static const a2b_pdf_vitem *repeated_header(const a2b_pdf_vitem *prev, const a2b_pdf_vitem *first) {
  if (!prev || first->kind != A2B_PDF_V_BLOCK) return NULL;
  const a2b_pdf_vitem *head = first->u.block.repeat;
  if (!head) return NULL;
  if (same_block(prev, head) ||
      (prev->kind == A2B_PDF_V_BLOCK && same_block(prev->u.block.repeat, head)))
    return head;
  return NULL;
}

int a2b_pdf_paginate(const a2b_pdf_vlist *list, const a2b_pdf_geometry *g, int first_number,
                     a2b_arena *scratch, a2b_pdf_emit_fn emit, void *ctx) {
  pager p = {.list = list, .g = g, .body = g->page_height - g->top - g->bottom};
  a2b_pdf_placer placer = {.g = g, .body = p.body};
  size_t pos = 0;
  int pages = 0;
  for (;;) {
    size_t s = pos;
    while (s < list->n && is_discardable(&list->items[s]))
      s++;
    if (s == list->n && p.queue.n == 0) break;
    const a2b_pdf_vitem *header =
        s < list->n ? repeated_header(p.prev_last, &list->items[s]) : NULL;
    double h = header ? header->height : 0;
    a2b_pdf_foot foot = a2b_pdf_foot_start(&p.queue);
    /* Carried footnotes first: at most half the block while text remains. */
    a2b_pdf_foot_fill(&p.queue, &foot, g->footnote_gap, 0, s < list->n ? p.body / 2 : p.body, true);
    cand c = s < list->n ? choose_break(&p, s, h, foot) : snapshot(&p, s, &foot, NULL);

    a2b_pdf_page *page = a2b_alloc(scratch, sizeof *page);
    page->number = first_number + pages;
    page->show_folio = pages > 0;
    page->width = g->page_width;
    page->height = g->page_height;
    a2b_pdf_place_page(&placer, scratch, page, header, list->items + s, c.at - s, &p.queue, c.foot);
    emit(ctx, page);
    a2b_arena_reset(scratch);
    pages++;

    p.queue.n = c.queue_len;
    a2b_pdf_fnqueue_consume(&p.queue, c.foot);
    p.prev_last = c.last;
    pos = c.at;
  }
  a2b_pdf_fnqueue_free(&p.queue);
  return pages;
}
