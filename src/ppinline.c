/* Rewriting inline text before Markdown parsing. */
#include "ppinline.h"

#include <stdio.h>
#include <string.h>

#include "mathspan.h"
#include "shortcodes.h"
#include "zenn.h"

void a2b_pp_warn(const a2b_pp_region *r, size_t off, const char *fmt, ...) {
  int line = 0;
  size_t start = 0;
  for (size_t i = 0; i < off && i < r->n; i++)
    if (r->t[i] == '\n') line++, start = i + 1;
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  int col = (int)(off - start) + 1 + (r->coloff ? r->coloff[line] : 0);
  a2b_load_diag(r->ctx, A2B_WARNING, r->first_line + line, col, "%s", msg);
}

static size_t count_nl(const char *s, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    k += s[i] == '\n';
  return k;
}

static bool only_ws(const char *s, size_t from, size_t to) {
  for (size_t i = from; i < to; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return false;
  return true;
}

static size_t line_start(const char *s, size_t from, size_t i) {
  while (i > from && s[i - 1] != '\n')
    i--;
  return i;
}

static size_t line_end(const char *s, size_t to, size_t i) {
  while (i < to && s[i] != '\n')
    i++;
  return i;
}

/* Replace the tag at s[i] (already parsed) by its Markdown. */
static void put_tag(const a2b_pp_region *r, size_t i, const a2b_sc_tag *t, a2b_buf *out) {
  if (t->closing) return; /* the opening tag was reported */
  switch (a2b_sc_classify(t)) {
  case A2B_SC_INLINE:
    if (!a2b_sc_expand_inline(t, out))
      a2b_pp_warn(r, i, "shortcode '%s' lacks a required argument (removed)", t->name);
    break;
  case A2B_SC_ALERT:
  case A2B_SC_CODE:
    a2b_pp_warn(r, i,
                "shortcode '%s' needs lines of its own and a closing tag (tags removed, "
                "content kept)",
                t->name);
    break;
  case A2B_SC_UNKNOWN:
    a2b_pp_warn(r, i, "unknown shortcode '%s' (tags removed, content kept)", t->name);
    break;
  }
}

void a2b_pp_inline(const a2b_pp_region *r, size_t from, size_t to, a2b_buf *out) {
  const char *s = r->t;
  size_t deficit = 0, i = from;
  while (i < to) {
    char c = s[i];
    size_t len, tex, tex_len;
    if (c == '`') {
      len = a2b_code_span_len(s, to, i);
      if (!len) /* an unmatched backtick run is literal text */
        while (i + len < to && s[i + len] == '`')
          len++;
      a2b_sc_put_unescaped(out, s + i, len);
      i += len;
    } else if ((c == '$' || c == '\\') && (len = a2b_math_inline_len(s, to, i, &tex, &tex_len))) {
      a2b_math_put_span(out, s + tex, tex_len);
      i += len;
    } else if (c == '$') {
      for (; i < to && s[i] == '$'; i++)
        a2b_buf_putc(out, '$');
    } else if (c == '\\' && i + 1 < to && s[i + 1] != '\n' && s[i + 1] != '{') {
      a2b_buf_append(out, s + i, 2);
      i += 2;
    } else if (c == '{' && (len = a2b_sc_escaped_len(s + i, to - i))) {
      a2b_sc_put_unescaped(out, s + i, len);
      i += len;
    } else if (c == '{' && i + 1 < to && s[i + 1] == '{') {
      a2b_sc_tag t;
      if (!a2b_sc_parse(s + i, to - i, &t)) {
        a2b_buf_append(out, "{{", 2);
        i += 2;
        continue;
      }
      put_tag(r, i, &t, out);
      size_t lost = count_nl(s + i, t.len);
      bool alone = only_ws(s, line_start(s, from, i), i) &&
                   only_ws(s, i + t.len, line_end(s, to, i + t.len));
      i += t.len;
      a2b_sc_tag_free(&t);
      if (alone)
        while (lost--)
          a2b_buf_puts(out, r->nl);
      else
        deficit += lost;
    } else if (c == '@' && only_ws(s, line_start(s, from, i), i) &&
               (len = a2b_zenn_embed(s + i, line_end(s, to, i) - i, out))) {
      i += len;
    } else {
      /* Plain text up to the next character that may start something. */
      size_t j = i + 1;
      while (j < to && s[j] != '`' && s[j] != '$' && s[j] != '\\' && s[j] != '{' &&
             s[j] != '@')
        j++;
      a2b_buf_append(out, s + i, j - i);
      i = j;
    }
  }
  while (deficit--)
    a2b_buf_puts(out, r->nl);
}
