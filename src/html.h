/* Raw HTML from Markdown, sanitised into model nodes from an allow-list.
 *
 * Kept as model nodes: p, br, hr, em/i, strong/b, s/del/strike, u/ins, mark,
 * sub, sup, small, code/kbd/samp/tt (CODE), pre, blockquote, ul/ol/li,
 * table/tr/td/th (align kept), h1-h6, a (http, https, mailto, relative),
 * img (lazy-load data-src & co. or the largest srcset candidate when src
 * is missing, unusable or a placeholder such as loading.gif),
 * figure/figcaption, details/summary (ASIDE), ruby/rt (rp dropped). id, lang
 * and class are kept on every node; span/font and other phrase elements
 * become a SPAN, div/section/center... a DIV, only when they carry one of
 * those, else their content stays without them. iframe, video and audio
 * become a link to their source. Dropped with their content: script, style,
 * template, head, title, object, embed, svg, math, form controls, comments.
 * noscript keeps its content (the fallback an e-book needs). Every other
 * attribute and javascript:/vbscript:/data: URLs are dropped. Tags that are
 * not HTML (prose like `<table-name>`, `<T>`) stay as text exactly as
 * written. Loose inline content at block level is wrapped in a PARAGRAPH.
 * All strings are valid UTF-8 without C0 controls other than tab and LF.
 * Every node gets the position of the raw HTML it came from.
 * Warning: `script removed from raw HTML` (once per block). */
#ifndef A2B_HTML_H
#define A2B_HTML_H

#include "load.h"

/* Sanitise one raw HTML block (a cmark HTML_BLOCK literal starting at file
 * position line:col) and append the resulting block nodes to `parent`. */
void a2b_html_block(a2b_load_ctx *ctx, a2b_node *parent, const char *html, int line, int col);

/* Block elements (div and its kind, blockquote, details) that one raw HTML
 * block opens and a later one closes, with Markdown blocks in between:
 *
 *     <details><summary>Title</summary>     <- HTML block: opens an ASIDE
 *     Markdown paragraphs, lists...         <- go into the ASIDE
 *     </details>                            <- HTML block: closes it
 *
 * Zero-initialise one per block container (document, quote, item...). */
enum { A2B_HTML_NEST_DEPTH = 16 };
typedef struct a2b_html_nest {
  a2b_node *open[A2B_HTML_NEST_DEPTH]; /* NULL: an element that made no node */
  const char *name[A2B_HTML_NEST_DEPTH];
  int depth;
} a2b_html_nest;

/* a2b_html_block() for a sequence of blocks: close tags without an open tag
 * in `html` first close elements left open by earlier blocks; the blocks are
 * appended to the container then current; the result is where the following
 * blocks of the sequence (Markdown or HTML) go: `parent`, an outer
 * container after a close tag, or a container `html` left open. */
a2b_node *a2b_html_block_nest(a2b_load_ctx *ctx, a2b_html_nest *st, a2b_node *parent,
                              const char *html, int line, int col);

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
