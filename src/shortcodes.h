/* Hugo shortcode tags: parsing `{{< name args >}}` / `{{% name args %}}`,
 * and the Markdown that replaces the shortcodes expanded inline. Block
 * shortcodes (admonition, highlight, mermaid, ...) are placed by
 * preprocess.c; this module only classifies them and reads their args. */
#ifndef A2B_SHORTCODES_H
#define A2B_SHORTCODES_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

typedef struct a2b_sc_arg {
  char *key; /* NULL for a positional argument */
  char *val; /* unquoted */
} a2b_sc_arg;

typedef struct a2b_sc_tag {
  size_t len;        /* bytes from the first '{' to the last '}' */
  bool closing;      /* {{< /name >}} */
  bool self_closing; /* {{< name />}} */
  char name[64];
  a2b_sc_arg *args; /* heap; free with a2b_sc_tag_free() */
  size_t n_args;
} a2b_sc_tag;

typedef enum a2b_sc_kind {
  A2B_SC_UNKNOWN,
  A2B_SC_INLINE, /* replaced in place: figure, image, ref, link, embeds */
  A2B_SC_ALERT,  /* paired, Markdown body: admonition */
  A2B_SC_CODE    /* paired, raw body: highlight, mermaid, echarts, ... */
} a2b_sc_kind;

/* Parse the tag starting at s[0] ("{{<" or "{{%"), looking at most at
 * s[0..n). Returns false (tag untouched) when it is not a well-formed tag,
 * e.g. an escaped one, unterminated, or crossing a blank line. */
bool a2b_sc_parse(const char *s, size_t n, a2b_sc_tag *tag);
void a2b_sc_tag_free(a2b_sc_tag *tag);

/* The value of named argument `key`, else of positional argument number
 * `pos` (0-based; -1: none), else NULL. Owned by the tag. */
const char *a2b_sc_arg_get(const a2b_sc_tag *tag, const char *key, int pos);

/* What kind of shortcode the (opening or closing) tag names. */
a2b_sc_kind a2b_sc_classify(const a2b_sc_tag *tag);

/* Length of an escaped tag starting at s[0], or 0 if there is none within
 * s[0..n). An escaped tag has a C comment's opener right after `{{<` (or
 * `{{%`) and its closer right before `>}}` (or `%}}`). */
size_t a2b_sc_escaped_len(const char *s, size_t n);

/* Append s[0..n) with every escaped tag unescaped (the comment opener and
 * closer dropped: Hugo shows `{{< x >}}`). Used for all text copied
 * verbatim. */
void a2b_sc_put_unescaped(a2b_buf *out, const char *s, size_t n);

/* Append the Markdown for an A2B_SC_INLINE opening tag. Line breaks inside
 * argument values become spaces, so the output holds no '\n'. Returns
 * false (nothing appended) when a required argument (src, href, id, ...)
 * is missing. */
bool a2b_sc_expand_inline(const a2b_sc_tag *tag, a2b_buf *out);

/* A2B_SC_CODE: the fence info string (language), possibly "". */
const char *a2b_sc_code_lang(const a2b_sc_tag *tag);

/* A2B_SC_ALERT: append the alert marker `[!KIND]` (+ " Title" if any). */
void a2b_sc_put_alert_head(const a2b_sc_tag *tag, a2b_buf *out);

/* Append a Markdown link for an embedded service (`youtube`, `vimeo`,
 * `bilibili`, `codesandbox`, `tweet`, `card`, ...) given its id or URL.
 * Returns false (nothing appended) for a service it does not know whose
 * argument is not a URL. */
bool a2b_embed_link(a2b_buf *out, const char *service, const char *arg, size_t arg_len);

#endif
