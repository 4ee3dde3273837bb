/* Reading whole files. */
#ifndef A2B_FILEIO_H
#define A2B_FILEIO_H

#include <stddef.h>

/* The whole regular file at `path` in a NUL-terminated heap buffer (caller
 * free()s), its length in *len. Returns NULL and a heap message in *err
 * (caller free()s): "cannot read (<strerror>)", "not a regular file",
 * "larger than N MB" (over `max_bytes`), "file changed while being read". */
char *a2b_read_file(const char *path, size_t max_bytes, size_t *len, char **err);

#endif
