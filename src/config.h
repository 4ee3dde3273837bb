/* Book metadata from book.yaml (or --config FILE). */
#ifndef A2B_CONFIG_H
#define A2B_CONFIG_H

#include <stdbool.h>

#include "art2book/diag.h"
#include "art2book/doc.h"

typedef struct a2b_config {
  const char *path; /* the file read, or NULL when there was none */
  const char *title, *subtitle, *lang, *identifier, *description, *publisher, *rights;
  const char *date;     /* as written */
  const char *cover;    /* as written, relative to the config's folder */
  const char *base_url; /* site base URL (base_url / baseURL) */
  const char *dir;      /* folder of the config file ("." when none) */
  a2b_strlist authors;  /* author (string) or authors (list) */
} a2b_config;

/* Read the top-level mapping of the YAML file `path` into `cfg` (strings
 * in `arena`). Unknown keys are warnings; a malformed file is an error with
 * its line and column. Returns false on an error (reported). */
bool a2b_config_read(a2b_arena *arena, const char *path, a2b_config *cfg, a2b_diags *diags);

/* The config file to use when --config is not given: book.yaml (or
 * book.yml) in the first input folder, or beside the first input file.
 * Returns a heap path, or NULL when there is none. */
char *a2b_config_find(const char *first_input);

#endif
