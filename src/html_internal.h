/* Internals shared by the raw HTML sanitiser (html_block.c, html_inline.c):
 * the element vocabulary, UTF-8 cleaning, a single-tag tokenizer, entity
 * decoding, and model nodes built from an element's attributes. */
#ifndef A2B_HTML_INTERNAL_H
#define A2B_HTML_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "html.h"

/* What an element becomes. */
typedef enum a2b_html_kind {
  A2B_HK_DROP,   /* dropped with its content */
  A2B_HK_INLINE, /* content kept; a SPAN when it has id/lang/class */
  A2B_HK_FORMAT, /* inline container of node type `arg` */
  A2B_HK_CODE,   /* CODE with the text content */
  A2B_HK_A,
  A2B_HK_IMG,
  A2B_HK_BR,
  A2B_HK_WBR,
  A2B_HK_EMBED, /* iframe, video, audio: a link to the source */
  A2B_HK_RUBY,
  A2B_HK_RT,
  A2B_HK_RP, /* dropped with its content */
  /* block-level from here on */
  A2B_HK_BLOCK,   /* content kept; a DIV when it has id/lang/class */
  A2B_HK_P,       /* PARAGRAPH */
  A2B_HK_HEADING, /* level `arg` */
  A2B_HK_PRE,
  A2B_HK_QUOTE,
  A2B_HK_LIST, /* ordered when `arg` */
  A2B_HK_LI,
  A2B_HK_TABLE,
  A2B_HK_CAPTION,
  A2B_HK_TSECTION, /* thead (arg 1), tbody, tfoot */
  A2B_HK_TR,
  A2B_HK_CELL, /* td, th (arg 1) */
  A2B_HK_HR,
  A2B_HK_DETAILS,
  A2B_HK_SUMMARY,
  A2B_HK_FIGURE,
  A2B_HK_FIGCAPTION
} a2b_html_kind;

typedef struct a2b_html_elem {
  const char *name; /* lower case; a string literal */
  a2b_html_kind kind;
  int arg;
} a2b_html_elem;

/* The vocabulary entry of an element name (any case, `len` bytes), or NULL
 * when the name is not HTML (prose such as `<table-name>` or `<T>`). */
const a2b_html_elem *a2b_html_lookup(const char *name, size_t len);
bool a2b_html_is_block(a2b_html_kind kind);
/* True for elements that never have content or a close tag (br, img...). */
bool a2b_html_is_void(const char *name);

/* Append `s` (`n` bytes) to `out` as valid UTF-8: invalid bytes become
 * U+FFFD, C0 controls other than tab and LF, CR and DEL are dropped, as are
 * the noncharacters U+FFFE/U+FFFF (replaced by U+FFFD). */
void a2b_html_clean(a2b_buf *out, const char *s, size_t n);
/* The cleaned copy of `s` in `arena`. */
char *a2b_html_cleandup(a2b_arena *arena, const char *s, size_t n);
/* Append `s` with HTML character references (`&amp;`, `&#20013;`,
 * `&#x4e2d;`) decoded; unknown references stay as written. */
void a2b_html_decode(a2b_buf *out, const char *s, size_t n);
/* `s` with runs of HTML white space collapsed to one space and trimmed, in
 * `arena`; NULL when nothing is left. */
char *a2b_html_collapse(a2b_arena *arena, const char *s);

/* Attributes of one element: lower-case names and decoded values, both heap
 * strings owned by the struct (a2b_html_attrs_free). Extra ones are ignored. */
enum { A2B_HTML_MAX_ATTRS = 32 };
typedef struct a2b_html_attrs {
  char *name[A2B_HTML_MAX_ATTRS];
  char *value[A2B_HTML_MAX_ATTRS];
  int n;
} a2b_html_attrs;

void a2b_html_attrs_add(a2b_html_attrs *a, const char *name, size_t name_len, const char *value,
                        size_t value_len);
void a2b_html_attrs_free(a2b_html_attrs *a);
/* The value of attribute `name`, or NULL. */
const char *a2b_html_attr(const a2b_html_attrs *a, const char *name);

/* One tag scanned from text starting with '<'. */
typedef enum a2b_html_tag_type {
  A2B_TAG_OPEN,
  A2B_TAG_CLOSE,
  A2B_TAG_COMMENT, /* <!-- --> */
  A2B_TAG_OTHER    /* <!DOCTYPE>, <?pi?>, <![CDATA[ ]]> */
} a2b_html_tag_type;

typedef struct a2b_html_tag {
  a2b_html_tag_type type;
  const char *name; /* points into the scanned text; not NUL-terminated */
  size_t name_len;
  bool self_closing; /* <name/> */
  a2b_html_attrs attrs;
} a2b_html_tag;

/* Scan one tag at the start of `s` (`n` bytes): `<name attr="v" attr='v'
 * attr=v attr>`, `<name/>`, `</name>`, a comment, a declaration or a
 * processing instruction. Returns its length in bytes, or 0 when `s` does not
 * start with a tag (then `t` holds nothing to free). Free with
 * a2b_html_tag_free(). */
size_t a2b_html_scan_tag(const char *s, size_t n, a2b_html_tag *t);
void a2b_html_tag_free(a2b_html_tag *t);

/* Copy id, lang and class from `a` onto `node`. */
void a2b_html_common_attrs(a2b_arena *arena, a2b_node *node, const a2b_html_attrs *a);
/* True when `a` has an id, lang or class worth a SPAN or DIV of its own. */
bool a2b_html_has_common(const a2b_html_attrs *a);
/* True when `node` or one of its ancestors is a LINK. */
bool a2b_html_inside_link(const a2b_node *node);

/* A LINK (no children yet) for `<a>` attributes, or NULL when there is no
 * href or its scheme is not allowed (only http, https, mailto, relative). */
a2b_node *a2b_html_make_link(a2b_arena *arena, const a2b_html_attrs *a, int line, int col);
/* An IMAGE (alt text as a TEXT child) for `<img>` attributes; a TEXT with
 * the alt text when no usable source is left; NULL when neither exists.
 * The source is src, unless it is missing, unusable or a placeholder; then
 * the first usable of data-src, data-original, data-actualsrc,
 * data-lazy-src, and the largest candidate of data-srcset,
 * data-lazy-srcset, srcset; a placeholder src only when none is. */
a2b_node *a2b_html_make_image(a2b_arena *arena, const a2b_html_attrs *a, int line, int col);
/* html_lazy.c: true when an image URL is a lazy-loading placeholder: a
 * data: or about: URL, or a .gif/.svg whose file name says loading, lazy,
 * placeholder, spinner or blank. */
bool a2b_html_is_placeholder(const char *url);
/* The URL (as written, in `arena`) of the largest candidate of a srcset
 * value: the widest by `w` descriptor, else the densest by `x`; NULL when
 * there is none. */
char *a2b_html_srcset_largest(a2b_arena *arena, const char *srcset);
/* A LINK to an embedded player or media file at `src` with the element's
 * title, or "Embedded content: URL", as its text; NULL if `src` is unusable. */
a2b_node *a2b_html_make_embed(a2b_arena *arena, const char *src, const char *title, int line,
                              int col);

#endif
