/* The book's remote images, fetched in one batch (parallel transfers)
 * before images are bound to resources. */
#ifndef A2B_REMOTE_IMAGES_H
#define A2B_REMOTE_IMAGES_H

#include <stdbool.h>
#include <stddef.h>

#include "art2book/doc.h"
#include "fetch.h"

typedef struct a2b_remote_images a2b_remote_images;

/* Collect the src of every image node in the book's articles (and, when
 * `thumbnails`, each article's front matter thumbnail) that
 * a2b_fetchurl_normalize accepts (http:, https:, protocol-relative) and
 * fetch each distinct URL once with a2b_fetch_all(o). Cache problems are
 * reported on `d`; per-image outcomes are left to the caller, who knows
 * where each reference is. Never NULL; free with a2b_remote_images_free. */
a2b_remote_images *a2b_remote_images_fetch(const a2b_book *book, bool thumbnails,
                                           const a2b_fetch_opts *o, a2b_diags *d);

/* The outcome for an image src as written, or NULL when that src is not a
 * fetchable URL (so was not collected). Valid until the object is freed. */
const a2b_fetch_item *a2b_remote_images_get(const a2b_remote_images *ri, const char *src);

/* Free the object and every fetched body. NULL is fine. */
void a2b_remote_images_free(a2b_remote_images *ri);

#endif
