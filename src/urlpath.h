/* Small helpers for paths and URLs written in articles. */
#ifndef A2B_URLPATH_H
#define A2B_URLPATH_H

#include "buf.h"

/* Percent-decode `s` (invalid escapes stay as written) into a new heap
 * string. A decoded NUL byte is kept as "%00" so the result stays a C string
 * that cannot be cut short. */
char *a2b_percent_decode(const char *s);

/* Append `path` to `out` normalised lexically: repeated '/' folded, "."
 * removed, ".." removing the previous component (never above the start: a
 * leading ".." of a relative path stays), trailing '/' removed. */
void a2b_path_normalize(a2b_buf *out, const char *path);

/* The bytes of a `data:` URI (`data:[type][;base64],payload`): base64
 * decoded, or percent-decoded without `;base64`. Returns a heap buffer
 * (caller free()s) and its length, or NULL when `uri` is not a well-formed
 * data URI. White space inside base64 is skipped. */
unsigned char *a2b_data_uri_decode(const char *uri, size_t *len);

#endif
