/* Whole-book passes over the loaded articles. After a2b_resolve the model is
 * read-only: articles ordered and indexed, ids unique across the book,
 * footnotes numbered and linked, internal links pointing at their article,
 * images bound to resources, the table of contents built, book metadata
 * settled. */
#ifndef A2B_RESOLVE_H
#define A2B_RESOLVE_H

#include <stdbool.h>

#include "art2book/art2book.h"
#include "config.h"
#include "fetch.h"
#include "strmap.h"

/* Settle book metadata (command line over book.yaml over what the articles
 * say), order the articles and run every pass. Problems in articles are
 * warnings. Returns false after reporting an error that leaves no book
 * (a --cover that cannot be read). */
bool a2b_resolve(a2b_book *book, const a2b_options *opts, const a2b_config *cfg, a2b_diags *d);

/* ---- the passes, each in its own file ---------------------------------- */

/* resolve_order.c: sort book->articles per opts (ties by path), set index. */
void a2b_resolve_order(a2b_book *book, const a2b_options *opts);

/* resolve_ids.c: give every heading an id (the author's, else a slug of its
 * text as Hugo makes it), make all ids unique across the book and valid XML
 * names; number footnotes per article in order of first reference, link
 * references to definitions, drop unreferenced definitions. `id_maps[i]`
 * (one per article, created here) maps each id as the author could have
 * written it to the final id. */
void a2b_resolve_ids(a2b_book *book, a2b_strmap **id_maps, a2b_diags *d);

/* resolve_links.c: point links to other articles (relative .md paths, Hugo
 * ref/relref targets, pretty URLs) and to fragments at their target; make
 * protocol-relative URLs https; links that cannot work in a book lose their
 * URL (they become text) with a warning. */
void a2b_resolve_links(a2b_book *book, a2b_strmap *const *id_maps, const char *base_url,
                       a2b_diags *d);

/* resolve_images.c: bind image nodes to embedded resources, converted per
 * opts->max_image_width and opts->grayscale. Remote images are fetched
 * first, all in one batch, with `fetch` (NULL: not fetched) and then bound
 * like local files. Images that are missing, cannot be fetched or decoded
 * keep their alt text, with a warning. Unless opts->no_lead_images, each
 * article's thumbnail (fetched in the same batch) becomes art->lead_image
 * and, when the body does not show that resource, a FIGURE (class
 * "lead-image") at the top of the body; its problems are warnings at its
 * front matter line. Adds the cover file; without one (and without
 * opts->no_cover) sets book->draw_cover and, when an EPUB is written, makes
 * book->cover the drawn cover (a2b_pdf_module_cover; failure: a warning, no
 * cover). Returns false if an explicitly given cover cannot be used. */
bool a2b_resolve_images(a2b_book *book, const a2b_options *opts, const char *cover_path,
                        const char *base_url, const a2b_fetch_opts *fetch, a2b_diags *d);

/* toc.c: the flattened table of contents: each article, and its headings
 * down to `depth` levels below the article's highest heading level. */
void a2b_resolve_toc(a2b_book *book, int depth);

#endif
