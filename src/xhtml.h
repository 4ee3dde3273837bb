/* Model -> XHTML: one or more XHTML5 content documents per article.
 *
 * A plan decides, for a resolved book, which top-level blocks of each
 * article go into which file (long articles are split before headings),
 * and maps every node id to its file so that links and the table of
 * contents point into the right part. The plan only reads the book; it
 * must not outlive it. */
#ifndef A2B_XHTML_H
#define A2B_XHTML_H

#include <stdbool.h>
#include <stddef.h>

#include "art2book/doc.h"
#include "buf.h"

/* Files sit in "text/"; they link "../styles/epub.css" (and, with a user
 * stylesheet, "../styles/user.css") and images as "../" + resource name. */
#define A2B_XHTML_DIR "text/"
#define A2B_XHTML_PART_MAX (256 * 1024) /* bytes of XHTML per file, roughly */

typedef struct a2b_xhtml_part {
  const a2b_article *article;
  size_t article_no;     /* 1-based position in book->articles */
  int number;            /* 1-based part of the article */
  char *name;            /* file name inside A2B_XHTML_DIR: "a0001.xhtml", "a0001-2.xhtml" */
  const a2b_node *first; /* first top-level body block in this part; NULL: none */
  const a2b_node *last;  /* last one (inclusive) */
} a2b_xhtml_part;

typedef struct a2b_xhtml_plan {
  const a2b_book *book;
  bool user_css;         /* link styles/user.css after the default */
  a2b_xhtml_part *parts; /* in reading order */
  size_t n_parts;
  size_t n_images;     /* embedded <img> elements in all parts */
  size_t n_images_alt; /* ... of which carry a non-empty alt text */
  /* private */
  size_t *article_first;    /* per article: index of its first part */
  struct a2b_xhtml_id *ids; /* sorted by id */
  size_t n_ids;
} a2b_xhtml_plan;

/* Plan the book's files with parts of about `part_max` bytes (split before a
 * heading of level <= 2 when possible, else before any heading, else before
 * any block). Never NULL; free with a2b_xhtml_plan_free(). */
a2b_xhtml_plan *a2b_xhtml_plan_new(const a2b_book *book, size_t part_max, bool user_css);
void a2b_xhtml_plan_free(a2b_xhtml_plan *plan);

/* Where `fragment` (an id, or NULL for the article's start) of `article`
 * lives: "a0001-2.xhtml#frag", relative to A2B_XHTML_DIR, percent-encoded.
 * An id not found in the article gives the article's first file. Returns
 * NULL for an article not in the book. The caller frees the result. */
char *a2b_xhtml_href(const a2b_xhtml_plan *plan, const a2b_article *article, const char *fragment);

/* Append the complete XHTML document of plan->parts[part] to `out`. */
void a2b_xhtml_render(const a2b_xhtml_plan *plan, size_t part, a2b_buf *out);

/* Append `s` as XML text or attribute value: escaped, invalid UTF-8 bytes
 * replaced by U+FFFD, characters XML or HTML forbid (C0 and C1 controls
 * but tab/LF/CR, U+FFFE, U+FFFF) dropped. */
void a2b_xhtml_put_text(a2b_buf *out, const char *s);

/* Append `url` percent-encoded where it is not a valid URL: spaces,
 * non-ASCII bytes, controls and "<>\"\\^`{|}" and a second '#'; existing
 * "%XX" escapes are kept, a bare '%' becomes "%25". XML-escaped. */
void a2b_xhtml_put_url(a2b_buf *out, const char *url);

/* True if `tag` looks like a BCP 47 language tag (letters, digits and
 * hyphens, starting with a letter), safe for lang and xml:lang. */
bool a2b_xhtml_lang_ok(const char *tag);

/* True for the image media types EPUB 3 readers must support (core media
 * types); others are not embedded. */
bool a2b_xhtml_core_image(const char *media_type);

#endif
