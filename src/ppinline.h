/* The parts of preprocess.c's pass shared between files: a region of body
 * text being rewritten, warnings at byte offsets in it, and the rewriting
 * of inline text (shortcodes, math, escaped tags, Zenn embeds). */
#ifndef A2B_PPINLINE_H
#define A2B_PPINLINE_H

#include <stddef.h>

#include "buf.h"
#include "load.h"

/* Text being rewritten: the body, or the inside of an alert block with its
 * container prefix removed from every line. */
typedef struct a2b_pp_region {
  a2b_load_ctx *ctx;
  const char *t;
  size_t n;
  int first_line;    /* body line of t's first line (1-based) */
  const int *coloff; /* per line: bytes removed before it; NULL: none */
  const char *nl;    /* line break used for padding: "\n" or "\r\n" */
} a2b_pp_region;

/* Warn at byte offset `off` of the region (translated to body line and
 * 1-based byte column). */
void a2b_pp_warn(const a2b_pp_region *r, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Rewrite r->t[from..to), a run of text lines (no code block, no blank
 * line), into `out` with exactly as many '\n' as the input range: inline
 * shortcodes, escaped shortcodes, inline math, `@[service](url)` lines. Code
 * spans are copied (escaped shortcodes unescaped). Where a multi-line
 * shortcode shrinks, the missing line breaks go right after it if it stood
 * alone on its lines, else at the end of the range. */
void a2b_pp_inline(const a2b_pp_region *r, size_t from, size_t to, a2b_buf *out);

#endif
