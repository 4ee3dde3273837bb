/* Compressing the entries of an EPUB on worker threads.
 *
 * Each worker takes entries in turn, renders or reads their bytes and adds
 * them, deflated at A2B_EPUB_LEVEL, to an in-memory zip archive of its own.
 * The packager then copies every entry's compressed data into the container
 * in its own order (zip_source_zip of a whole entry does not recompress).
 * Deflate is deterministic, so which worker took an entry never changes the
 * bytes of the container. */
#ifndef A2B_EPUB_PARTS_H
#define A2B_EPUB_PARTS_H

#include <stdbool.h>
#include <stddef.h>
#include <zip.h>

#include "xhtml.h"

#define A2B_EPUB_LEVEL 3 /* 93% of level 6's saving in two thirds of its time */
#define A2B_EPUB_MAX_WORKERS 8 /* deflating is cheap enough that more do not pay */

typedef struct a2b_epub_entry {
  const char *name;           /* the entry's name; must stay valid while the set lives */
  const a2b_xhtml_plan *plan; /* non-NULL: the content is plan->parts[part], rendered */
  size_t part;
  const void *data; /* else: these `len` bytes */
  size_t len;
  bool owned; /* the set frees data (free()) when it is done with it */
} a2b_epub_entry;

typedef struct a2b_epub_parts a2b_epub_parts;

/* Deflate entries[0..n) (distinct names) on `workers` threads (<= 0: one per
 * online CPU, at most A2B_EPUB_MAX_WORKERS, never more than n). The entries
 * array must outlive the set; owned data is freed whatever happens. Returns
 * NULL and sets *error (free() it) when libzip fails. */
a2b_epub_parts *a2b_epub_parts_deflate(const a2b_epub_entry *entries, size_t n, int workers,
                                       char **error);

/* A source, for zip_file_add() on `za`, of entry `k`'s compressed data.
 * Returns NULL with the error in `za` on failure. */
zip_source_t *a2b_epub_parts_source(a2b_epub_parts *set, size_t k, zip_t *za);

/* Free the set; only after the archive that took its sources is closed or
 * discarded. NULL is fine. */
void a2b_epub_parts_free(a2b_epub_parts *set);

#endif
