/* Inline math and code spans in Markdown text: finding `$...$`, `$$...$$`,
 * `\(...\)`, `\\(...\\)` and backtick code spans, and writing math as the
 * code spans and fences that preprocess.h promises. */
#ifndef A2B_MATHSPAN_H
#define A2B_MATHSPAN_H

#include <stddef.h>

#include "buf.h"

/* If s[i] starts a code span (a backtick run closed by a run of the same
 * length within s[0..n)), its length through the closing run; else 0. */
size_t a2b_code_span_len(const char *s, size_t n, size_t i);

/* If s[i] starts inline math closed within s[0..n), the construct's length
 * and the TeX in s[*tex .. *tex + *tex_len); else 0. `$` opens only when
 * followed by a non-space, and closes only after a non-space and before a
 * non-digit, so "$5 and $10" is not math. Code spans and backslash escapes
 * inside are skipped over. */
size_t a2b_math_inline_len(const char *s, size_t n, size_t i, size_t *tex, size_t *tex_len);

/* Append a code span holding A2B_MATH_MARK + tex[0..n): fenced by more
 * backticks than any run inside, padded with spaces if tex ends with one. */
void a2b_math_put_span(a2b_buf *out, const char *tex, size_t n);

/* Backticks needed for a code fence around s[0..n): at least 3, and more
 * than the longest backtick run in s. */
size_t a2b_fence_len(const char *s, size_t n);

#endif
