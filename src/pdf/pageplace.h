/* Pagination internals: putting the items chosen for a page on it. */
#ifndef A2B_PDF_PAGEPLACE_H
#define A2B_PDF_PAGEPLACE_H

#include "pdf/footnotes.h"
#include "pdf/paginate.h"

/* State carried from page to page. Zero-initialise, then set g and body. */
typedef struct a2b_pdf_placer {
  const a2b_pdf_geometry *g;
  double body;                /* text block height */
  const a2b_article *article; /* of the last article MARK placed */
} a2b_pdf_placer;

/* Fill `page` (number set; items appended in `arena`): shade rectangles,
 * then the repeated table `header` (or NULL) and `items[0..n)` stacked from
 * the top of the text block, then, when foot.height > 0, the footnote rule
 * and the footnote items `foot` took from `queue`, stacked so that the last
 * one ends at the bottom of the text block. Sets page->article. */
void a2b_pdf_place_page(a2b_pdf_placer *pl, a2b_arena *arena, a2b_pdf_page *page,
                        const a2b_pdf_vitem *header, const a2b_pdf_vitem *items, size_t n,
                        const a2b_pdf_fnqueue *queue, a2b_pdf_foot foot);

/* Space to add before `it`, `used` points below the top of the text block,
 * so that a body line (a LINE as tall as the body pitch) sits on the grid of
 * half the pitch again after something off it (code lines, a table row, a
 * code block continued from the page before). 0 for everything else. Both
 * the break choice and the placing use it. */
double a2b_pdf_grid_gap(const a2b_pdf_geometry *g, const a2b_pdf_vitem *it, double used);

#endif
