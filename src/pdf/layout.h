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

/* The whole article, appended to `out`: a MARK (destination
 * a2b_pdf_article_dest(), outline level 0, the title, `article` set), the
 * header block (title, date, authors, tags, summary, source URL, a rule),
 * then every block of the body: MARKs for headings (destination = node id,
 * outline level = depth below the article's highest heading level, from 1)
 * and for ids of other blocks (no outline entry); a PENALTY A2B_PDF_INF after
 * each heading, which no legal break separates from the next block's first
 * lines. Vertical spaces are multiples of half the body line pitch, and
 * blocks set at other pitches (code, tables, figures) are padded back onto
 * that grid. Footnote bodies hang on the line (or table row BLOCK) that
 * first references them; table body rows name the header BLOCK in
 * u.block.repeat (a copy outside the list, stable while it grows).
 * Internal links become span.link_dest = the target's destination name:
 * a2b_pdf_article_dest() for an article, the node id for a fragment;
 * footnote references link to "fn-a<N>-<number>" (N = index + 1), the
 * anchor of the note's first line. Everything is allocated in c->arena. */
void a2b_pdf_layout_article(a2b_pdf_layout_ctx *c, const a2b_article *art, a2b_pdf_vlist *out);

/* Ragged lines of even length for headings and titles, so that none ends
 * with a lone character or word: narrow p->measure (down to half) as far as
 * `spans` keep the number of lines they take at the full measure, moving
 * p->left so that centred and right-aligned text stays where it was.
 * Justified text, and text on one line, is left alone. */
void a2b_pdf_balance(a2b_pdf_layout_ctx *c, const a2b_pdf_span *spans, size_t n,
                     a2b_pdf_para *p);

/* The destination name of an article's start, "@a<index + 1>" ('@' is no XML
 * name character, so no node id can be the same). Written into buf. */
const char *a2b_pdf_article_dest(const a2b_article *art, char buf[32]);

#endif
