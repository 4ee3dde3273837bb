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

/* In the core: load the module and call it. Reports and returns
 * A2B_EXIT_IO when the module cannot be loaded. */
int a2b_pdf_module_write(const a2b_book *book, const a2b_options *opts, a2b_diags *d);

#endif
