/* Rendering: pages of placed items -> drawing records (drawing.h), in the
 * layout process. Everything that needs fonts happens here: glyph origins and
 * text clusters of each run, underline and strike-through from the font's
 * metrics, link rectangles, running heads and folios; the painter at the
 * other end of the stream only replays the records on cairo. */
#ifndef A2B_PDF_RENDER_H
#define A2B_PDF_RENDER_H

#include "pdf/style.h"
#include "pdf/typeset.h"
#include "pdf/vlist.h"
#include "pdf/wire.h"

typedef struct a2b_pdf_renderer a2b_pdf_renderer;

/* A renderer writing to `out`, setting running heads with `ts` (which, with
 * `st`, must outlive it). Never NULL. */
a2b_pdf_renderer *a2b_pdf_renderer_new(a2b_pdf_ts *ts, const a2b_pdf_style *st, a2b_wire_out *out);
void a2b_pdf_renderer_free(a2b_pdf_renderer *r);

/* One page: PAGE; FILL for the RECT items, under everything; then in order
 * lines (GLYPHS per run, a FILL per underline or strike-through, one LINK
 * over each stretch of runs with the same target, as tall as the line's
 * ascent plus descent), images, rules (FILL, thickness h centred on y),
 * STROKE outlines, destinations with their outline entries; then the running
 * heads (small size, grey, on the head line in the middle of the top
 * margin: head_left at the text block's left edge, head_right at its right
 * edge, shortened with an ellipsis so that they do not meet) and, when
 * show_folio, the page number centred under the text block in the middle of
 * the bottom margin. Odd pages have the inner margin on the left. Ends with
 * SHOW_PAGE. A FONT record precedes each font's first use. */
void a2b_pdf_render_page(a2b_pdf_renderer *r, const a2b_pdf_page *page);

#endif
