/* The PDF back end, built as a loadable module so that an EPUB-only run
 * never loads pango, cairo or fontconfig (src/pdf_module.c loads it). */
#ifndef A2B_PDF_H
#define A2B_PDF_H

#include "art2book/art2book.h"

/* Write the PDF digest of `book` to opts->pdf_path atomically (and the
 * layout JSON to opts->dump_layout_path when set). Returns A2B_EXIT_OK,
 * A2B_EXIT_IO, or A2B_EXIT_USAGE for a bad style; problems reported. */
typedef int (*a2b_pdf_write_fn)(const a2b_book *book, const a2b_options *opts, a2b_diags *d);

/* The entry point inside the module (name looked up with dlsym). */
#define A2B_PDF_ENTRY "a2b_pdf_write"
int a2b_pdf_write(const a2b_book *book, const a2b_options *opts, a2b_diags *d);

/* Draw the book's cover (src/pdf/cover.h) for the EPUB: 1600 x 2560 pixels
 * (A2B_PDF_COVER_WIDTH x A2B_PDF_COVER_HEIGHT), encoded as JPEG when lead
 * images fill part of it, else as PNG; the same book and options give the
 * same bytes. Drawn in a child process, so the caller never holds pango or
 * fontconfig state (a later fork for the PDF stays safe). On success sets
 * *bytes (heap, free()) and *size and returns true; otherwise reports a
 * warning and returns false. */
typedef bool (*a2b_pdf_cover_fn)(const a2b_book *book, const a2b_options *opts,
                                 unsigned char **bytes, size_t *size, a2b_diags *d);

#define A2B_PDF_COVER_ENTRY "a2b_pdf_cover_image"
#define A2B_PDF_COVER_WIDTH 1600
#define A2B_PDF_COVER_HEIGHT 2560
bool a2b_pdf_cover_image(const a2b_book *book, const a2b_options *opts, unsigned char **bytes,
                         size_t *size, a2b_diags *d);

/* In the core: load the module and call it. Reports and returns
 * A2B_EXIT_IO when the module cannot be loaded. */
int a2b_pdf_module_write(const a2b_book *book, const a2b_options *opts, a2b_diags *d);

/* In the core: load the module and call its cover entry (as
 * a2b_pdf_cover_image). A module that cannot be loaded is a warning. */
bool a2b_pdf_module_cover(const a2b_book *book, const a2b_options *opts, unsigned char **bytes,
                          size_t *size, a2b_diags *d);

#endif
