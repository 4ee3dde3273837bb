/* Front matter as a tree of typed values: what the YAML and TOML readers
 * build and what a2b_frontmatter_parse() maps onto an article.
 *
 * Every value and string lives in the arena passed to the reader. A YAML
 * alias makes two parents share one value, so the tree is read-only. */
#ifndef A2B_FRONTMATTER_VALUE_H
#define A2B_FRONTMATTER_VALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "art2book/diag.h"
#include "art2book/doc.h"

typedef enum a2b_fmv_kind {
  A2B_FMV_NULL,     /* YAML `~`, `null` or nothing */
  A2B_FMV_STRING,   /* text: the string's value (escapes decoded) */
  A2B_FMV_INT,      /* text: as written, e.g. "1_000", "0x1F" */
  A2B_FMV_FLOAT,    /* text: as written */
  A2B_FMV_BOOL,     /* text: "true" or "false" */
  A2B_FMV_DATETIME, /* text: as written, for a2b_date_parse() */
  A2B_FMV_LIST,     /* items[0..n) */
  A2B_FMV_MAP       /* keys[i] -> items[i], i in [0..n), in source order */
} a2b_fmv_kind;

typedef struct a2b_fmv a2b_fmv;
struct a2b_fmv {
  a2b_fmv_kind kind;
  const char *text; /* scalars; NULL for NULL, LIST, MAP */
  int line, col;    /* 1-based file position of the value */
  a2b_fmv **items;
  const char **keys; /* MAP only */
  size_t n, cap;
  unsigned flags; /* reader-private bookkeeping */
};

/* A new value of `kind` at line:col; `text` is used as is (not copied). */
a2b_fmv *a2b_fmv_new(a2b_arena *arena, a2b_fmv_kind kind, const char *text, int line, int col);
/* Append `item` to a LIST, or `key` -> `item` to a MAP (key not copied). */
void a2b_fmv_push(a2b_arena *arena, a2b_fmv *list_or_map, const char *key, a2b_fmv *item);
/* The value of `key` in a MAP, or NULL (also when `map` is not a MAP). */
a2b_fmv *a2b_fmv_get(const a2b_fmv *map, const char *key);
/* A kind for messages: "a string", "an integer", "a list", ... */
const char *a2b_fmv_kind_name(a2b_fmv_kind kind);
/* An INT's value (underscores, 0x, 0o, 0b and signs understood). False when
 * `v` is not an INT or does not fit in a long. */
bool a2b_fmv_int(const a2b_fmv *v, long *out);

/* Read YAML `text` (`len` bytes) whose first line is file line `first_line`.
 * Aliases may expand to at most `A2B_FMV_MAX_VALUES` values in all. Returns
 * the root (NULL kind for an empty document), or NULL after reporting an
 * error as `path`:line:col to `diags`. Duplicate keys are warnings (the last
 * one wins). */
a2b_fmv *a2b_yaml_read(a2b_arena *arena, const char *text, size_t len, int first_line,
                       const char *path, a2b_diags *diags);

/* Read TOML `text` the same way (at most `A2B_FMV_MAX_VALUES` values).
 * Returns the root MAP (tables become MAPs, arrays of tables LISTs of MAPs),
 * or NULL after reporting an error. */
a2b_fmv *a2b_toml_read(a2b_arena *arena, const char *text, size_t len, int first_line,
                       const char *path, a2b_diags *diags);

enum { A2B_FMV_MAX_VALUES = 10000 };

#endif
