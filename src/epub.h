/* The EPUB 3 back end: package a resolved book as one .epub file.
 *
 * Layout inside the container: mimetype (stored, first), META-INF/container.xml,
 * then under OEBPS/: content.opf, nav.xhtml, toc.ncx, styles/epub.css,
 * styles/user.css (with --css), text/cover.xhtml (with a cover),
 * text/aNNNN[-K].xhtml (see xhtml.h), then each resource under its name.
 * Every entry but mimetype is deflated (level 6), on worker threads.
 * Entry order, times (SOURCE_DATE_EPOCH, else now, as UTC) and contents
 * are deterministic: two runs with the same SOURCE_DATE_EPOCH give the
 * same bytes whatever TZ and locale. */
#ifndef A2B_EPUB_H
#define A2B_EPUB_H

#include "art2book/art2book.h"

#define A2B_EPUB_WARN_SIZE (50L * 1024 * 1024) /* warn above this many bytes */

/* Write `book` (resolved, at least one article) to opts->epub_path through
 * a temporary file in the same folder, adding opts->css when set. Returns
 * A2B_EXIT_OK (possibly after warnings, e.g. a non-core image type left out
 * or a file over 50 MB), or A2B_EXIT_IO after reporting an error; then the
 * previous file at the path is untouched and no temporary file remains. */
int a2b_epub_write(const a2b_book *book, const a2b_options *opts, a2b_diags *diags);

/* a2b_epub_write() compressing on `workers` threads (<= 0: one per online
 * CPU, at most 8). The bytes do not depend on it; tests force one. */
int a2b_epub_write_with(const a2b_book *book, const a2b_options *opts, int workers,
                        a2b_diags *diags);

#endif
