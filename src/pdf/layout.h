/* Block layout: the model's blocks -> a vertical list, per article. */
#ifndef A2B_PDF_LAYOUT_H
#define A2B_PDF_LAYOUT_H

#include "pdf/typeset.h"

typedef struct a2b_pdf_layout_ctx {
  a2b_pdf_ts *ts;
  a2b_arena *arena;           /* everything made here */
  const a2b_book *book;
  const a2b_pdf_style *st;
  double measure;             /* text block width, pt */
  double text_height;         /* text block height, pt: taller images are scaled
                                 down to it; 0 = no limit */
  a2b_diags *diags;
} a2b_pdf_layout_ctx;

/* The whole article: a MARK (destination "a<index>" and outline level 0),
 * the header block (title, date, author, tags, summary, source URL), then
 * every block of the body with MARKs for headings (destination = node id,
 * outline level = relative heading depth) and for ids of other nodes.
 * Internal links become span.link_dest = the target's destination name:
 * "a<index>" for an article, the node id for a fragment. */
void a2b_pdf_layout_article(a2b_pdf_layout_ctx *c, const a2b_article *art, a2b_pdf_vlist *out);

/* The destination name of an article's start. Static-size result in buf. */
const char *a2b_pdf_article_dest(const a2b_article *art, char buf[32]);

#endif
