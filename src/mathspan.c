/* Inline math and code spans in Markdown text. */
#include "mathspan.h"

#include <stdbool.h>
#include <string.h>

#include "preprocess.h"

static size_t run_len(const char *s, size_t n, size_t i, char c) {
  size_t k = i;
  while (k < n && s[k] == c)
    k++;
  return k - i;
}

static size_t longest_run(const char *s, size_t n, char c) {
  size_t best = 0;
  for (size_t i = 0; i < n;) {
    size_t r = run_len(s, n, i, c);
    if (r > best) best = r;
    i += r ? r : 1;
  }
  return best;
}

size_t a2b_code_span_len(const char *s, size_t n, size_t i) {
  size_t open = run_len(s, n, i, '`');
  if (!open) return 0;
  for (size_t j = i + open; j < n;) {
    size_t r = run_len(s, n, j, '`');
    if (r == open) return j + r - i;
    j += r ? r : 1;
  }
  return 0;
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Index of `close` (length cl) at or after j, skipping escapes and code
 * spans; `dollar`: apply the single-`$` closing rule. n if none. */
static size_t find_close(const char *s, size_t n, size_t j, const char *close, size_t cl,
                         bool dollar) {
  while (j < n) {
    if (cl <= n - j && memcmp(s + j, close, cl) == 0) {
      if (!dollar) return j;
      if (!is_space(s[j - 1]) && (j + 1 >= n || s[j + 1] < '0' || s[j + 1] > '9')) return j;
    }
    if (s[j] == '\\' && close[0] != '\\') {
      j += 2;
    } else if (s[j] == '`') {
      size_t span = a2b_code_span_len(s, n, j);
      j += span ? span : run_len(s, n, j, '`');
    } else {
      j++;
    }
  }
  return n;
}

size_t a2b_math_inline_len(const char *s, size_t n, size_t i, size_t *tex, size_t *tex_len) {
  const char *open, *close;
  bool dollar = false;
  if (n - i >= 2 && s[i] == '$' && s[i + 1] == '$') {
    open = "$$", close = "$$";
  } else if (s[i] == '$') {
    open = "$", close = "$", dollar = true;
    if (i + 1 >= n || is_space(s[i + 1])) return 0;
  } else if (n - i >= 3 && memcmp(s + i, "\\\\(", 3) == 0) {
    open = "\\\\(", close = "\\\\)";
  } else if (n - i >= 2 && memcmp(s + i, "\\(", 2) == 0) {
    open = "\\(", close = "\\)";
  } else {
    return 0;
  }
  size_t ol = strlen(open), cl = strlen(close);
  size_t j = find_close(s, n, i + ol, close, cl, dollar);
  if (j >= n || j == i + ol) return 0;
  *tex = i + ol;
  *tex_len = j - (i + ol);
  bool blank = true;
  for (size_t k = *tex; k < j; k++)
    blank = blank && is_space(s[k]);
  return blank ? 0 : j + cl - i;
}

void a2b_math_put_span(a2b_buf *out, const char *tex, size_t n) {
  size_t ticks = longest_run(tex, n, '`') + 1;
  bool pad = n && tex[n - 1] == '`';
  for (size_t k = 0; k < ticks; k++)
    a2b_buf_putc(out, '`');
  if (pad) a2b_buf_putc(out, ' ');
  a2b_buf_puts(out, A2B_MATH_MARK);
  a2b_buf_append(out, tex, n);
  if (pad) a2b_buf_putc(out, ' ');
  for (size_t k = 0; k < ticks; k++)
    a2b_buf_putc(out, '`');
}

size_t a2b_fence_len(const char *s, size_t n) {
  size_t r = longest_run(s, n, '`') + 1;
  return r < 3 ? 3 : r;
}
