/* Painting pages on cairo's PDF surface. */
#ifndef A2B_PDF_PAINT_H
#define A2B_PDF_PAINT_H

#include <stdio.h>

#include "art2book/diag.h"
#include "pdf/style.h"
#include "pdf/typeset.h"
#include "pdf/vlist.h"

typedef struct a2b_pdf_painter a2b_pdf_painter;

typedef struct a2b_pdf_meta {
  const char *title, *author, *subject, *keywords, *creator;
  const char *create_date, *mod_date; /* "YYYY-MM-DDThh:mm:ssZ" (SOURCE_DATE_EPOCH) */
} a2b_pdf_meta;

/* A painter writing to `out` (an open file: the atomic temporary). Every
 * page is wrapped in one structure tag ("Document") so that cairo 1.16
 * writes a valid cross-reference table with link tags. NULL after reporting. */
a2b_pdf_painter *a2b_pdf_painter_new(FILE *out, a2b_pdf_ts *ts, const a2b_pdf_style *st,
                                     const a2b_pdf_meta *meta, a2b_diags *d);

/* Paint one page: lines (pango_cairo_show_glyph_item, so the text maps back
 * exactly), images (JPEG embedded as is via its MIME data; PNG decoded;
 * SVG later), rules, rectangles, link annotations (uri or named dest),
 * destinations and outline entries (nested by level), running heads and
 * folio. */
void a2b_pdf_paint_page(a2b_pdf_painter *p, const a2b_pdf_page *page);

/* Finish the document and flush it to `out`. Returns false after reporting. */
bool a2b_pdf_painter_finish(a2b_pdf_painter *p);
void a2b_pdf_painter_free(a2b_pdf_painter *p);

/* --dump-layout: one page as a JSON object (lines with text, x, y, width and
 * per-glyph advances; images; rules; rects; dests). The caller writes the
 * surrounding array. */
void a2b_pdf_dump_page(FILE *out, const a2b_pdf_page *page);

#endif
