/* Pagination: a vertical list -> pages of placed items, streamed. */
#ifndef A2B_PDF_PAGINATE_H
#define A2B_PDF_PAGINATE_H

#include "pdf/vlist.h"

typedef struct a2b_pdf_geometry {
  double page_width, page_height;
  double top, bottom;        /* margins */
  double inner, outer;       /* margins; inner on the left of odd pages */
  double pitch;              /* body line pitch: the baseline grid */
  double footnote_gap;       /* space above the footnote rule */
} a2b_pdf_geometry;

/* Called for each finished page; the page (and its arrays) lives in the
 * paginator's arena until the call returns... the callee must not keep it. */
typedef void (*a2b_pdf_emit_fn)(void *ctx, a2b_pdf_page *page);

/* Lay `list` out on new pages numbered from `first_number`: fill each text
 * block from the top, breaking at the cheapest legal place (penalties, glue;
 * never inside a BLOCK; no break between an item and a following
 * A2B_PDF_INF penalty), discarding glue and penalties at a page top,
 * repeating a table's header BLOCK after a break inside the table, cutting
 * shades at page ends, and placing the footnotes of each LINE at the foot of
 * its page (continued on the next page when they do not fit). Items are
 * placed with absolute page coordinates (x includes the inner/outer margin
 * of that page's side). The first page has show_folio false.
 *
 * Placement: each item fills a slot [y, y + height) stacked from g->top;
 * glue keeps its natural height (ragged bottom). A LINE's baseline lies
 * 0.2 * min(height, g->pitch) above its slot's bottom, so the first body
 * line's baseline is at g->top + 0.8 * g->pitch and each LINE advances by
 * its height. Shades give a RECT (fill) and a RECT (bar) per page, placed
 * before the page's other items; a MARK gives a DEST at its slot top, as
 * does each anchor of a line (outline_title NULL); a FRAME gives a STROKE
 * and its lines centred inside; a BLOCK its items offset to its slot; the
 * footnotes follow the body, below a rule a quarter of the measure wide in
 * the middle of g->footnote_gap, the last ending at the text block's
 * bottom. head_left/head_right are left NULL for `emit` to set; `article`
 * is the article of the last article MARK at or before the page's first
 * box. The page and its items live in `scratch`, which is reset (see
 * a2b_arena_reset) after each call of `emit`: memory does not grow with
 * the number of pages. Returns the number of pages emitted. */
int a2b_pdf_paginate(const a2b_pdf_vlist *list, const a2b_pdf_geometry *g, int first_number,
                     a2b_arena *scratch, a2b_pdf_emit_fn emit, void *ctx);

#endif
