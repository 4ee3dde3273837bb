/* The drawing protocol: what the layout process sends the painter.
 *
 * A stream (wire.h) of records, each an opcode (u32) and its fields in the
 * order listed. Coordinates are PDF user space in points, y down, absolute on
 * the page; colours 0xRRGGBB. Pages come in order; a page is PAGE, its
 * drawing records (painted in stream order, so the sender puts backgrounds
 * first), then SHOW_PAGE. The stream ends with END; anything else at its end
 * (the sender died) is an error.
 *
 *   PAGE       f64 width, f64 height
 *   FONT       u32 id, str description (pango_font_description_to_string, with
 *              absolute size), str file, u32 face index: defines `id` before
 *              its first use; the painter loads the same face by description
 *              and checks file and index
 *   GLYPHS     u32 font id, u32 colour, u32 backward (clusters run right to
 *              left), u32 n, n x (u32 glyph, f64 x, f64 y) origins, str text
 *              (UTF-8), u32 m, m x (u32 bytes, u32 glyphs) clusters: exactly
 *              the arguments of cairo_show_text_glyphs, so the PDF maps the
 *              glyphs back to the text
 *   FILL       f64 x, y, w, h, u32 colour: a filled rectangle
 *   STROKE     f64 x, y, w, h, u32 colour: a rectangle outline, 0.5 pt
 *   IMAGE      ptr resource (a2b_resource of the book, shared from before
 *              the fork), f64 x, y, w, h: the image scaled into the box
 *   LINK       f64 x, y, w, h, str uri, str dest (exactly one is not NULL)
 *   DEST       str name, f64 x, y (top left of the view), str outline title
 *              (NULL: no outline entry), u32 outline level (0 articles)
 *   DOTS       u32 sesame (0: round dots), f64 size (radius; a sesame dot is
 *              as wide and twice as tall, tilted), u32 colour, u32 n,
 *              n x (f64 x, f64 y) centres: emphasis marks, filled
 *   COVER      ptr book (shared from before the fork): the whole page is the
 *              cover, drawn by art2book (book->draw_cover, cover.h) or the
 *              book's cover image fitted to the page
 *   SHOW_PAGE  the page is complete
 *   MOVE       u32 count, u32 to: when the document is finished, the last
 *              `count` pages painted so far go to position `to` (0-based),
 *              outline entries following their pages (pagetree.h)
 *   DIAGS      diagnostics of the sender (a2b_wire_diags), reported by the
 *              painter as they arrive
 *   END        the last diagnostics of the sender (a2b_wire_diags) */
#ifndef A2B_PDF_DRAWING_H
#define A2B_PDF_DRAWING_H

enum a2b_draw_op {
  A2B_DRAW_PAGE = 1,
  A2B_DRAW_FONT,
  A2B_DRAW_GLYPHS,
  A2B_DRAW_FILL,
  A2B_DRAW_STROKE,
  A2B_DRAW_IMAGE,
  A2B_DRAW_LINK,
  A2B_DRAW_DEST,
  A2B_DRAW_SHOW_PAGE,
  A2B_DRAW_MOVE,
  A2B_DRAW_DIAGS,
  A2B_DRAW_DOTS,
  A2B_DRAW_COVER,
  A2B_DRAW_END
};

#define A2B_DRAW_STROKE_WIDTH 0.5

#endif
