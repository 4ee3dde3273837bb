/* Atomic output files: write to a temporary file in the target's folder,
 * then rename it over the target. Until a2b_atomic_commit() succeeds the
 * previous file at the target path is untouched; after any failure no
 * temporary file remains.
 *
 * Usage: open, write the temporary file by its name (fopen, zip_open with
 * ZIP_TRUNCATE, ...) and close it, then commit; on a failure of your own,
 * abort. Writers may replace the temporary file by renaming another file
 * over it (libzip does): commit syncs whatever file is at the temp path. */
#ifndef A2B_ATOMIC_H
#define A2B_ATOMIC_H

#include "art2book/diag.h"

typedef struct a2b_atomic_file a2b_atomic_file;

/* Create an empty `.<name>.XXXXXX` beside `path` with mode 0644 minus the
 * umask. Returns NULL after reporting an error (e.g. the folder does not
 * exist or is not writable). Free with a2b_atomic_commit() or _abort(). */
a2b_atomic_file *a2b_atomic_open(const char *path, a2b_diags *d);

/* The temporary file's path; valid until commit or abort. */
const char *a2b_atomic_temp_path(const a2b_atomic_file *f);

/* fsync the temporary file, rename it to the target, fsync the folder.
 * Returns 0, or -1 after reporting an error and removing the temporary file.
 * Frees `f` in both cases. */
int a2b_atomic_commit(a2b_atomic_file *f, a2b_diags *d);

/* Remove the temporary file and free `f`. NULL is fine. */
void a2b_atomic_abort(a2b_atomic_file *f);

#endif
