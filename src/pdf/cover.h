/* The cover art2book draws when the book has no cover file: the title,
 * subtitle, authors, the date range of the articles and their count, over a
 * mosaic of the articles' lead images when there are some, on a quiet
 * paper-coloured ground, in the print style's faces.
 *
 * The same function draws the EPUB's cover image (an image surface, see
 * a2b_pdf_cover_image in src/pdf.h) and the PDF's first page (the PDF
 * surface: text stays text, SVG stays vectors). */
#ifndef A2B_PDF_COVER_H
#define A2B_PDF_COVER_H

#include <cairo.h>
#include <pango/pango.h>

#include "art2book/doc.h"
#include "pdf/paint_image.h"
#include "pdf/style.h"

/* Most lead images in the mosaic (the first articles in reading order
 * that have one, each image once). */
#define A2B_PDF_COVER_MAX_TILES 12

/* Draw the cover of `book` on `cr` over the rectangle (0, 0)-(width,
 * height) in cr's user units (points on a PDF page, pixels on an image
 * surface), painting all of it. Text is set with pango layouts made from
 * `ctx` (a pangocairo context, e.g. a2b_pdf_ts_context(); its resolution
 * should be 72 so that sizes are in user units) in the faces of `st`
 * (heading and body faces, CJK first for CJK books); lead images come from
 * `images` (those it cannot decode are left out of the mosaic). cr's
 * state is saved and restored; the page is not shown. Returns the number
 * of lead images drawn. */
int a2b_pdf_draw_cover(cairo_t *cr, double width, double height, const a2b_book *book,
                       const a2b_pdf_style *st, PangoContext *ctx, a2b_pdf_images *images);

#endif
