/* Internal to src/pdf/layout*.c: the state of laying out one article and the
 * helpers its files share. Nothing here is used outside the layout stage. */
#ifndef A2B_PDF_LAYOUT_INT_H
#define A2B_PDF_LAYOUT_INT_H

#include "pdf/layout.h"

/* What stays the same for the whole article. */
typedef struct a2b_pdf_lay_art {
  a2b_pdf_layout_ctx *c;
  const a2b_article *art;
  int top_level;             /* the article's highest heading level (1..6) */
  unsigned n_paras;          /* paragraphs set so far: their serials */
  const a2b_node **notes;    /* footnote definitions already laid out */
  size_t n_notes, cap_notes; /* (heap; freed at the end of the article) */
} a2b_pdf_lay_art;

/* Where blocks go and how they look there; copied and changed for nested
 * blocks (list items, quotes, footnote bodies, table cells). */
typedef struct a2b_pdf_lay {
  a2b_pdf_lay_art *a;
  a2b_pdf_vlist *out;
  const char *lang;     /* language of the text here (never NULL) */
  double size, pitch;   /* text size and line pitch here */
  double left, measure; /* x of the text rel. to the margin, and its width */
  int n_shades;         /* shades open around what is laid out here */
  const a2b_pdf_shade *shades[4];
  a2b_pdf_role role;        /* what the text here is (lines record it) */
  bool tight;               /* tight list item: no space between its blocks */
  bool no_indent;           /* no first-line indent (items, cells, notes) */
  bool in_note;             /* footnote body: references make no further bodies */
  int list_depth;           /* open lists (bullet shape) */
  const a2b_pdf_span *lead; /* spans put before the next paragraph's text */
  size_t n_lead;            /* (a footnote's number) */
  a2b_pdf_line *marker;     /* list marker joined to the next paragraph's first */
  double marker_x;          /* line, hanging at this x */
} a2b_pdf_lay;

/* ---- spans (layout_inline.c) ----------------------------------------------- */

/* Inline content as spans, heap-grown; `breaks` are the span indexes where a
 * forced line break (hard break) starts a new line. */
typedef struct a2b_pdf_spans {
  a2b_pdf_span *v;
  size_t n, cap;
  size_t *breaks;
  size_t n_breaks, cap_breaks;
} a2b_pdf_spans;

/* Append a span styled as `style` showing text[0..len). Never NULL. */
a2b_pdf_span *a2b_pdf_spans_push(a2b_pdf_spans *s, const a2b_pdf_span *style, const char *text,
                                 size_t len);
/* Append the spans of the inline siblings from `first` on, styled from
 * `style` (size absolute). */
void a2b_pdf_spans_inlines(a2b_pdf_lay *L, const a2b_node *first, const a2b_pdf_span *style,
                           a2b_pdf_spans *s);
/* A forced line break before the next span pushed. */
void a2b_pdf_spans_break(a2b_pdf_spans *s);
void a2b_pdf_spans_free(a2b_pdf_spans *s);

/* ---- vertical list helpers (layout.c) ------------------------------------- */

/* Push an item carrying the shades open in L. */
a2b_pdf_vitem *a2b_pdf_lay_push(a2b_pdf_lay *L, a2b_pdf_vkind kind);
void a2b_pdf_lay_glue(a2b_pdf_lay *L, double height);
void a2b_pdf_lay_penalty(a2b_pdf_lay *L, double penalty);
/* Space that never becomes a page break: PENALTY INF, GLUE, PENALTY INF. */
void a2b_pdf_lay_keep_space(a2b_pdf_lay *L, double height);
/* Pad with glue so the items from index `from` on fill a whole number of
 * half body pitches (the baseline grid). */
void a2b_pdf_lay_snap(a2b_pdf_lay *L, size_t from);
/* `height` rounded up to the half body pitch; 0 stays 0. */
double a2b_pdf_lay_grid(const a2b_pdf_lay *L, double height);
/* The default paragraph settings of L (justified, L's size, pitch, left,
 * measure and language, no indent). */
a2b_pdf_para a2b_pdf_lay_para(const a2b_pdf_lay *L);
/* The default span style of L: body face at L's size. */
a2b_pdf_span a2b_pdf_lay_style(const a2b_pdf_lay *L);
/* Set spans as a paragraph into L->out (forced breaks end lines; only the
 * first line gets p->indent), with L's shades, the pending lead and list
 * marker. Returns the number of lines. */
size_t a2b_pdf_lay_set(a2b_pdf_lay *L, a2b_pdf_spans *s, const a2b_pdf_para *p);
/* a2b_pdf_balance() for text without hard breaks. */
void a2b_pdf_lay_balance(a2b_pdf_lay *L, const a2b_pdf_spans *s, a2b_pdf_para *p);

/* A pending list marker that no paragraph took: a line of its own. */
void a2b_pdf_lay_flush_marker(a2b_pdf_lay *L);
/* The lines from item `from` on: set every PENALTY between them to INF. */
void a2b_pdf_lay_keep_lines(a2b_pdf_lay *L, size_t from);
/* True for zh and ja (no space between paragraphs, first-line indents). */
bool a2b_pdf_lay_cjk(const char *lang);
/* Words the layout adds, in the article's language. */
typedef struct a2b_pdf_lay_labels {
  const char *aside[A2B_ASIDE_DETAILS + 1]; /* default aside titles */
  const char *author_sep, *source;
} a2b_pdf_lay_labels;
const a2b_pdf_lay_labels *a2b_pdf_lay_labels_for(const char *lang);
/* Grey used for secondary text (dates, captions, file names). */
#define A2B_PDF_LAY_GREY 0x666666u

/* ---- blocks ------------------------------------------------------------------ */

/* Lay out block siblings from `first` on, with the space between them. */
void a2b_pdf_lay_blocks(a2b_pdf_lay *L, const a2b_node *first);
/* The body of a footnote definition as its own vertical list ("N  text" at
 * the small size), or NULL when it was laid out already for this article. */
a2b_pdf_vlist *a2b_pdf_lay_note(a2b_pdf_lay *L, const a2b_node *def);
/* The destination name of footnote `number` of the article. */
const char *a2b_pdf_lay_note_dest(const a2b_pdf_lay *L, int number);
/* The destination of an internal link's target, in the arena. */
const char *a2b_pdf_lay_link_dest(const a2b_pdf_lay *L, const a2b_node *link);

/* layout_blocks.c */
void a2b_pdf_lay_list(a2b_pdf_lay *L, const a2b_node *list);
void a2b_pdf_lay_quote(a2b_pdf_lay *L, const a2b_node *quote);
void a2b_pdf_lay_aside(a2b_pdf_lay *L, const a2b_node *aside);
void a2b_pdf_lay_code(a2b_pdf_lay *L, const a2b_node *code);
void a2b_pdf_lay_math(a2b_pdf_lay *L, const a2b_node *math);
/* layout_figure.c: a FIGURE, or an IMAGE standing alone in a paragraph with
 * `caption` (NULL: its title, if any). */
void a2b_pdf_lay_figure(a2b_pdf_lay *L, const a2b_node *image, const a2b_node *caption);
/* layout_table.c */
void a2b_pdf_lay_table(a2b_pdf_lay *L, const a2b_node *table);

#endif
