/* Image surfaces for the painter: each resource decoded once per document,
 * so that cairo embeds an image used twice only once. */
#ifndef A2B_PDF_PAINT_IMAGE_H
#define A2B_PDF_PAINT_IMAGE_H

#include <cairo.h>

#include "art2book/diag.h"
#include "art2book/doc.h"

typedef struct a2b_pdf_images a2b_pdf_images;

/* An empty cache; problems are reported to `d`. Never NULL. */
a2b_pdf_images *a2b_pdf_images_new(a2b_diags *d);
/* Release every surface (cairo keeps its own references while it needs
 * them). NULL is fine. */
void a2b_pdf_images_free(a2b_pdf_images *im);

/* The surface showing `res`, owned by the cache, with its size in its own
 * units in *width and *height (scale it to the box it fills). PNG and
 * JPEG are decoded by the core's decoders (imgconv.h); a JPEG carries the
 * original bytes as CAIRO_MIME_TYPE_JPEG, so the PDF holds the JPEG stream
 * as it is (the resource's bytes must outlive the cairo surface: they live
 * in the book's arena). GIF shows its first frame, decoded with giflib. SVG
 * (already sanitised) is drawn by librsvg into a recording surface, so the
 * PDF gets vectors. Returns NULL
 * when the image cannot be decoded or its type cannot go into the PDF,
 * after a warning reported once per resource. */
cairo_surface_t *a2b_pdf_images_get(a2b_pdf_images *im, const a2b_resource *res, double *width,
                                    double *height);

#endif
