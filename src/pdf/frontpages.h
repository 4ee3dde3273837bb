/* The pages before the articles: the title page and the contents. */
#ifndef A2B_PDF_FRONTPAGES_H
#define A2B_PDF_FRONTPAGES_H

#include "pdf/layout.h"
#include "strmap.h"

/* Title, subtitle, authors, the date range of the articles and their count,
 * centred on one page. */
void a2b_pdf_layout_title_page(a2b_pdf_layout_ctx *c, a2b_pdf_vlist *out);

/* The contents: a heading (with an outline entry) and one entry per
 * book->toc line, indented by level, with dot leaders and the page number
 * from `page_of` (destination name -> page, as intptr_t; NULL: a
 * placeholder of the same width, for the first pass). Every entry links to
 * its destination. */
void a2b_pdf_layout_contents(a2b_pdf_layout_ctx *c, const a2b_strmap *page_of,
                             a2b_pdf_vlist *out);

#endif
