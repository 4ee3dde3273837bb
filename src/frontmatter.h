/* Front matter: YAML between `---` lines, TOML between `+++` lines, or none.
 * Fills the article's metadata fields from the keys it knows (title, date,
 * lastmod, author/authors, summary/description, tags, categories, topics,
 * lang, draft, published, weight, slug, thumbnail/image/featured_image/
 * featuredImage/cover (text, or a map with image or src), source/link/url)
 * and keeps every other key in art->extra; the first text of an `images`
 * list is the thumbnail when no other key gives one. */
#ifndef A2B_FRONTMATTER_H
#define A2B_FRONTMATTER_H

#include <stdbool.h>
#include <stddef.h>

#include "art2book/diag.h"
#include "art2book/doc.h"

/* Parse the front matter at the start of `text` (the whole file, `len`
 * bytes, UTF-8; a leading BOM is skipped) into `art`. `path` names the file in
 * diagnostics, whose lines are file lines.
 * On success returns true and sets *body_off to the byte offset where the
 * Markdown body starts and *body_line to its 1-based file line (1 and 0 when
 * there is no front matter). On a malformed front matter reports an error
 * and returns false; `art` may then be partly filled, and *body_off and
 * *body_line still point past the closing line (or are 0 and 1 when the
 * front matter is never closed). Type mismatches in known keys (`draft:
 * maybe`) are warnings and the key is ignored. */
bool a2b_frontmatter_parse(a2b_arena *arena, a2b_article *art, const char *path,
                           const char *text, size_t len, size_t *body_off,
                           int *body_line, a2b_diags *diags);

#endif
