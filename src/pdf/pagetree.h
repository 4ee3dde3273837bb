/* Moving pages of a finished PDF, as cairo 1.16 writes it.
 *
 * cairo cannot go back to a page, yet the contents at the front of the book
 * need every article's page number: so the contents are painted last and
 * moved to the front here. cairo writes the page tree as one /Pages object
 * (the catalog's) with a flat /Kids array of "N 0 R" references. Permuting
 * those references in place keeps the array's length, so every byte offset
 * and the cross-reference table stay valid; destinations, links, outline
 * entries and the structure tree point at page objects, not at positions,
 * and follow their pages. */
#ifndef A2B_PDF_PAGETREE_H
#define A2B_PDF_PAGETREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* In a PDF of `n_pages` pages, move the last `count` pages to position `to`
 * (0-based): they come right after the first `to` pages, in their order, and
 * the pages between shift back. `f` is the whole PDF, open for reading and
 * writing. Returns false when the file is not laid out as described above
 * (the file is then unchanged) or cannot be rewritten; errno tells which
 * when it is an I/O error, else it is 0. */
bool a2b_pdf_move_last_pages(FILE *f, size_t n_pages, size_t count, size_t to);

#endif
