/* Painting pages on cairo's PDF surface. */
#ifndef A2B_PDF_PAINT_H
#define A2B_PDF_PAINT_H

#include <stdio.h>

#include "art2book/diag.h"
#include "pdf/style.h"
#include "pdf/typeset.h"
#include "pdf/vlist.h"
#include "pdf/wire.h"

typedef struct a2b_pdf_painter a2b_pdf_painter;

/* Document information; NULL or empty fields are left out. */
typedef struct a2b_pdf_meta {
  const char *title, *author, *subject, *keywords, *creator;
  /* "YYYY-MM-DDThh:mm:ssZ" (from SOURCE_DATE_EPOCH when set). Always pass
   * both: cairo stamps a missing creation date from the clock. */
  const char *create_date, *mod_date;
} a2b_pdf_meta;

/* A painter writing to `out` (an open file: the atomic temporary), with
 * pages of the style's size. Every page is wrapped in one structure tag
 * ("Document") so that cairo 1.16 writes a valid cross-reference table with
 * link tags. `ts` (whose fonts and font options the painter uses) and `st`
 * must outlive the painter; `out` stays open until a2b_pdf_painter_free().
 * NULL after reporting. */
a2b_pdf_painter *a2b_pdf_painter_new(FILE *out, a2b_pdf_ts *ts, const a2b_pdf_style *st,
                                     const a2b_pdf_meta *meta, a2b_diags *d);

/* Paint the drawing records of `in` (drawing.h) up to END, whose
 * diagnostics are reported to the painter's collector. Text with
 * cairo_show_text_glyphs (so it maps back exactly); images decoded once per
 * document and embedded once (paint_image.h: JPEG as is, PNG decoded, SVG
 * as vectors; other types left out with a warning once per resource);
 * destinations, and outline entries each under the nearest earlier entry of
 * a lower level (articles at the top). Destination names and URIs are
 * percent-encoded outside printable ASCII and for ( ) \ (cairo 1.16 writes
 * them unescaped, and non-ASCII names inconsistently); links and
 * destinations encode alike, so any name works. Returns false when the
 * stream ends early or holds a malformed record (not reported: the caller
 * knows why its sender stopped) or a font cannot be loaded again (reported).
 * Drawing problems are reported and surface in a2b_pdf_painter_finish(). */
bool a2b_pdf_paint_stream(a2b_pdf_painter *p, a2b_wire_in *in);

/* Finish the document and flush it to `out`. Returns false after reporting
 * a write error (e.g. a full disk) or a cairo error. */
bool a2b_pdf_painter_finish(a2b_pdf_painter *p);
/* Free the painter; an unfinished document is dropped (nothing more is
 * written to `out`). NULL is fine. */
void a2b_pdf_painter_free(a2b_pdf_painter *p);

/* --dump-layout: one page as a JSON object (lines with text, x, y, width and
 * per-glyph advances; images; rules; rects; dests). The caller writes the
 * surrounding array. */
void a2b_pdf_dump_page(FILE *out, const a2b_pdf_page *page);

#endif
