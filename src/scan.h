/* Scanning the inputs: which files are articles, in a fixed order. */
#ifndef A2B_SCAN_H
#define A2B_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "art2book/diag.h"

typedef struct a2b_scan_entry {
  char *path;     /* as the user would name it: input + relative part */
  char *root;     /* absolute, canonical content root (the input folder, or
                     the folder of a file argument) */
  char *rel_path; /* path below root, '/'-separated */
  char *lang;     /* translation tag from `name.TAG.md`, else NULL */
} a2b_scan_entry;

typedef struct a2b_scan {
  a2b_scan_entry *items;
  size_t n, cap;
} a2b_scan;

/* Scan `inputs` (folders recursively, files as given) for .md/.markdown
 * articles, in byte order of their relative paths within each input, inputs
 * in the order given. Skipped: hidden files and folders, `_index.md` section
 * pages, repository documents (README.md, LICENSE.md, SOURCE.md, ...), other
 * file types; each listed on `verbose` when non-NULL. Of the translations of
 * one page (`index.md`, `index.en.md`, `index.zh-cn.md`), one is kept: the one
 * tagged `lang` (matching by primary subtag when no exact match), else the
 * untagged one, else the first tag in byte order.
 * Returns false after reporting an error for an input that cannot be read;
 * `out` then holds what was found so far. Free with a2b_scan_free(). */
bool a2b_scan_inputs(const char *const *inputs, size_t n_inputs, const char *lang,
                     FILE *verbose, a2b_scan *out, a2b_diags *diags);

void a2b_scan_free(a2b_scan *scan);

/* The translation tag of a file name `stem.TAG.md` (e.g. "zh-cn"), as a heap
 * string, or NULL. Exposed for tests. */
char *a2b_scan_lang_tag(const char *file_name);

#endif
