/* Internals of the Markdown stage, shared by src/markdown*.c only.
 * markdown.c turns the cmark tree into model nodes; markdown_blocks.c
 * rewrites finished blocks (code info strings, heading attributes, alerts,
 * figures); markdown_text.c runs the text pass over the whole body (CJK
 * soft breaks, smart punctuation, merging of text nodes). */
#ifndef A2B_MARKDOWN_INT_H
#define A2B_MARKDOWN_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "load.h"

/* Merge runs of adjacent TEXT children of `parent` into one node each and
 * drop empty TEXT children. Linear in the children's text size. */
void a2b_markdown_merge_text(a2b_arena *arena, a2b_node *parent);

/* Set code->u.code.lang and .filename from a fence info string (as cmark
 * gives it, trimmed): "ts:app.ts", ":caption", "diff ts:./x.ts",
 * "rust,ignore", "go {linenos=true}". Empty parts stay NULL. */
void a2b_markdown_code_info(a2b_arena *arena, a2b_node *code, const char *info);

/* A heading whose last text ends with `{#id .class ...}`: set id/classes
 * and strip the braces (and the white space before them). Headings
 * without a well-formed attribute block are left alone. */
void a2b_markdown_heading_attrs(a2b_arena *arena, a2b_node *heading);

/* A QUOTE whose first paragraph starts with `[!KIND] optional title`
 * becomes an ASIDE; the marker line is removed (and the paragraph if it is
 * left empty). Other quotes are left alone. */
void a2b_markdown_alert(a2b_arena *arena, a2b_node *quote);

/* A PARAGRAPH holding only one IMAGE with a title (white space around it
 * ignored) becomes a FIGURE: the IMAGE, then a CAPTION with the title. */
void a2b_markdown_figure(a2b_arena *arena, a2b_node *para);

/* Whether smart punctuation applies: `lang` (NULL: unknown) is not zh, ja
 * or ko; when unknown, `text` holds no Han, kana or Hangul. */
bool a2b_markdown_wants_smart(const char *lang, const char *text, size_t len);

/* The text pass over a finished body: drop soft breaks between two CJK
 * characters, apply smart punctuation outside code if `smart`, then merge
 * adjacent text nodes everywhere. */
void a2b_markdown_text_pass(a2b_arena *arena, a2b_node *body, bool smart);

#endif
