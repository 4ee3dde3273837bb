/* The book's resource table: each distinct image once, named by its
 * content hash, stored in book->resources (in the book's arena).
 *
 * An a2b_resources object indexes the table (by content hash and by source
 * path) so that lookups stay O(1) for books with thousands of images. While
 * it exists, it is the only thing that appends to book->resources; the array
 * may be reallocated on any add, so keep the returned a2b_resource pointers
 * (which are stable), never indices or the array itself. Not thread-safe. */
#ifndef A2B_RESOURCES_H
#define A2B_RESOURCES_H

#include <stddef.h>

#include "art2book/doc.h"
#include "imgconv.h"

/* Files larger than this are refused. */
#define A2B_RESOURCE_MAX_SIZE ((size_t)64 << 20)

typedef struct a2b_resources a2b_resources;

/* A new index for `book`, covering the resources it already has, with the
 * default image policy (A2B_IMAGE_MAX_WIDTH_DEFAULT, colour). Never NULL. */
a2b_resources *a2b_resources_new(a2b_book *book);
/* How images added from now on are converted (a2b_imgconv_prepare); set it
 * before the first add. `policy` is copied. */
void a2b_resources_set_policy(a2b_resources *rs, const a2b_image_policy *policy);
/* Free the index (not the resources, which the book's arena owns). NULL is fine. */
void a2b_resources_free(a2b_resources *rs);

/* Add the image file at `path` (an absolute, canonical path, e.g. from
 * a2b_respath_resolve; it is the cache key): read it (at most
 * A2B_RESOURCE_MAX_SIZE bytes), sniff its type, sanitise it if SVG, convert
 * it per the policy (WebP, TIFF and BMP to PNG or JPEG; downscale, gray,
 * upright), hash the final bytes (SHA-1). Returns the resource already in
 * the book with the same final (or the same original) bytes, else a new one
 * appended to book->resources, named "images/<first 16 hex digits of the
 * hash>.<ext>", with media type (always PNG, JPEG, GIF or SVG), pixel size
 * (0 if unknown), data and size; its source is `path`.
 * A path is read once: later calls return the same resource or error.
 * On failure returns NULL and sets *err to a heap phrase (free()) without
 * the file name, e.g. "not a recognised image format", "malformed SVG
 * (line 3: ...)" or "truncated JPEG (...)", for the caller to report next
 * to the reference. */
const a2b_resource *a2b_resources_add_file(a2b_resources *rs, const char *path, char **err);

/* The same for bytes already in memory (e.g. a decoded data: URI); `data`
 * is copied. `source` is recorded as the resource's source (copied; may be
 * NULL). Not cached by source. */
const a2b_resource *a2b_resources_add_bytes(a2b_resources *rs, const char *source,
                                            const unsigned char *data, size_t size, char **err);

#endif
