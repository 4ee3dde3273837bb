/* Source rewriting before Markdown parsing: the syntax cmark-gfm does not
 * know is turned into Markdown it does, keeping every line where it was.
 *
 * - Hugo shortcodes ({{< >}}, {{% %}}, paired and self-closing; escaped
 *   ones, whose delimiters hold a C comment's opener and closer, become the
 *   literal {{< x >}}, even in code): figure/image -> image with title,
 *   ref/relref -> the target path, highlight -> fenced code, youtube/vimeo/
 *   bilibili -> a link, admonition -> an alert block (below); unknown ones
 *   lose their tags only, with a warning naming the shortcode.
 * - Zenn blocks (:::message, :::message alert, :::details Title) and
 *   admonitions -> alert block quotes: a first line `> [!KIND] Title`, every
 *   inner line prefixed with `> `. KIND is NOTE, TIP, IMPORTANT, WARNING,
 *   CAUTION or DETAILS (the same syntax as GitHub alerts, plus a title).
 * - Math: `$...$` / `\(...\)` inline -> a code span whose content starts with
 *   A2B_MATH_MARK; `$$...$$` / `\[...\]` on lines of their own -> a fenced
 *   code block whose info string is A2B_MATH_MARK. The TeX is kept verbatim.
 * - Zenn embeds `@[service](url)` -> a link.
 * Code (fenced, indented, inline spans) is never rewritten. */
#ifndef A2B_PREPROCESS_H
#define A2B_PREPROCESS_H

#include <stddef.h>

#include "load.h"

/* U+E000 (private use): marks code spans and fences that hold math. */
#define A2B_MATH_MARK "\xEE\x80\x80"

/* Rewrite `body` (`len` bytes). Returns a heap string (caller free()s) with
 * exactly as many '\n' as `body`; its length goes to *out_len. Warnings go
 * through ctx (body lines). Never fails except out of memory. */
char *a2b_preprocess(a2b_load_ctx *ctx, const char *body, size_t len, size_t *out_len);

#endif
