/* Loading one article: read the file, split and parse the front matter,
 * rewrite the body's non-Markdown syntax (shortcodes, math, Zenn blocks),
 * parse Markdown into the model. */
#ifndef A2B_LOAD_H
#define A2B_LOAD_H

#include <stdbool.h>

#include "art2book/art2book.h"
#include "scan.h"

/* What every load stage needs. Not shared between threads. */
typedef struct a2b_load_ctx {
  a2b_arena *arena;        /* where the model is allocated */
  a2b_article *art;        /* the article being loaded */
  a2b_diags *diags;        /* where problems are reported */
  const a2b_options *opts;
  int line_offset;         /* file line = body line + line_offset */
} a2b_load_ctx;

/* Report against the article's file; `line` is a body line (1-based) which
 * is translated to a file line, or 0 for the file as a whole. */
void a2b_load_diag(a2b_load_ctx *ctx, a2b_severity sev, int body_line, int col,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Load the article of scan entry `e` into `arena`. Returns NULL when the
 * article is left out: *failed is then true if an error was reported (bad
 * file, malformed front matter), false for a draft without --drafts.
 * `book_lang` is the language given for the book (NULL if none); it is the
 * fallback for articles with neither a declared nor a detectable language. */
a2b_article *a2b_load_article(a2b_arena *arena, const a2b_scan_entry *e, const a2b_options *opts,
                              const char *book_lang, a2b_diags *diags, bool *failed);

#endif
