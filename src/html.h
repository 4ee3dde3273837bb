/* Raw HTML from Markdown, sanitised into model nodes from an allow-list.
 *
 * Kept as model nodes: p, br, hr, em/i, strong/b, s/del/strike, u/ins, mark,
 * sub, sup, small, code, kbd, pre, blockquote, ul/ol/li, table/tr/td/th,
 * h1-h6, a (http, https, mailto, relative), img, figure/figcaption,
 * details/summary (aside), ruby/rt/rp, span/div/font/center (containers:
 * their content stays), lang attributes. Dropped with their content: script,
 * style, template, head, title, object, embed, comments. An iframe becomes a
 * link to its source. Event attributes and javascript: URLs are dropped.
 * Tags that are not HTML (prose like `<table-name>`) stay as escaped text. */
#ifndef A2B_HTML_H
#define A2B_HTML_H

#include "load.h"

/* Sanitise one raw HTML block (a cmark HTML_BLOCK literal starting at file
 * position line:col) and append the resulting block nodes to `parent`. */
void a2b_html_block(a2b_load_ctx *ctx, a2b_node *parent, const char *html, int line, int col);

/* Elements opened by earlier inline fragments of the same inline container.
 * Zero-initialise one per container (paragraph, heading, emphasis...). */
enum { A2B_HTML_INLINE_DEPTH = 16 };
typedef struct a2b_html_inline {
  a2b_node *open[A2B_HTML_INLINE_DEPTH];
  const char *name[A2B_HTML_INLINE_DEPTH];
  int depth;
} a2b_html_inline;

/* Feed one raw inline HTML fragment (a cmark HTML_INLINE literal such as
 * `<font color="red">`, `</font>`, `<br>`, `<!-- x -->`). `current` is the
 * node inline content currently goes into; the result is where subsequent
 * inline content goes (an element opened here, or an outer one after a
 * close tag). Unmatched close tags are ignored. */
a2b_node *a2b_html_inline_feed(a2b_load_ctx *ctx, a2b_html_inline *st, a2b_node *current,
                               const char *html, int line, int col);

#endif
