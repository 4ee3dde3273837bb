/* The text engine: fonts through fontconfig and pango, shaping (cached), our
 * own line breaker over boxes, glue and penalties, and set lines.
 *
 * pango is used for itemizing (pango_itemize), font selection, shaping
 * (pango_shape) and break opportunities (pango_get_log_attrs); lines are
 * broken by linebreak.h, never by PangoLayout, because CJK typography needs
 * lines that can shrink. Set-up: 72 dpi, no hint metrics, no glyph position
 * rounding. Not thread-safe: one typesetter per thread. */
#ifndef A2B_PDF_TYPESET_H
#define A2B_PDF_TYPESET_H

#include <stdbool.h>
#include <stddef.h>

#include "art2book/diag.h"
#include "pdf/style.h"
#include "pdf/vlist.h"

typedef struct a2b_pdf_ts a2b_pdf_ts;

/* Fonts from fontconfig plus those in `font_dir` (NULL: none) and the
 * project's fonts/ folder when found beside the program. Returns NULL after
 * reporting when no usable font exists. Owns every pango object it makes. */
a2b_pdf_ts *a2b_pdf_ts_new(const a2b_pdf_style *st, const char *font_dir, a2b_diags *d);
void a2b_pdf_ts_free(a2b_pdf_ts *ts);

/* The language of paragraphs whose `lang` is NULL (the book's); copied.
 * Until set: "en". */
void a2b_pdf_ts_set_lang(a2b_pdf_ts *ts, const char *lang);

/* Send the typesetter's warnings to `d` from now on; returns the collector
 * used so far. (The second layout pass repeats the first: it reports into a
 * collector that is thrown away.) */
a2b_diags *a2b_pdf_ts_set_diags(a2b_pdf_ts *ts, a2b_diags *d);

/* The pango context (for paint: font options must match). */
PangoContext *a2b_pdf_ts_context(a2b_pdf_ts *ts);

typedef enum a2b_pdf_face {
  A2B_PDF_FACE_BODY,    /* serif */
  A2B_PDF_FACE_HEADING, /* sans */
  A2B_PDF_FACE_MONO     /* code */
} a2b_pdf_face;

/* Inline content with one style. The text is not copied: it must live as
 * long as the lines made from it are used (model strings, arena strings). */
typedef struct a2b_pdf_span {
  const char *text;
  size_t len;
  a2b_pdf_face face;
  double size;              /* pt; 0 = the paragraph's body size */
  bool bold, emphasis;      /* emphasis: Kai face / dots for CJK, italic for Latin */
  bool strike, underline;
  bool code;                /* inline code: mono face, tinted, never stretched */
  double rise;              /* pt, positive up: superscript footnote numbers */
  unsigned color;           /* 0xRRGGBB; 0 = the style's text colour */
  const char *link_uri;     /* external link */
  const char *link_dest;    /* internal link: named destination */
  const char *anchor;       /* a named destination at the start of this span */
  const char *lang;         /* BCP 47 of this span (raw HTML lang=); NULL = the paragraph's */
  a2b_pdf_vlist *footnote;  /* a footnote body referenced right after this span:
                               attached to the line holding the span's end */
} a2b_pdf_span;

typedef enum a2b_pdf_align {
  A2B_PDF_JUSTIFY, /* last line flush left */
  A2B_PDF_LEFT,
  A2B_PDF_CENTER,
  A2B_PDF_RIGHT
} a2b_pdf_align;

typedef struct a2b_pdf_para {
  const char *lang;    /* BCP 47: glyph forms (SC/TC/JP), CJK rules; NULL = book's */
  double size;         /* body size of this paragraph, pt */
  double pitch;        /* baseline-to-baseline, pt */
  double measure;      /* line width, pt */
  double left;         /* x of every line relative to the margin (lists, quotes) */
  double indent;       /* extra x of the first line (2 em for Chinese) */
  double hang;         /* extra x of the other lines (list item bodies) */
  a2b_pdf_align align;
  bool code;           /* code: break anywhere when needed, continuation marker */
  a2b_pdf_role role;   /* copied to the lines (default: body text) */
  unsigned para;       /* copied to the lines: the paragraph's serial */
} a2b_pdf_para;

/* Shape `spans`, break them into lines of p->measure and append them to
 * `out` as LINE items of height p->pitch, with a PENALTY between lines:
 * A2B_PDF_INF after the first line and before the last one (no single
 * orphan or widow line on a page), 0 elsewhere. Lines, runs, glyph items and
 * strings are allocated in `arena`. A character no font has is reported once
 * per typesetter (with `where`, the article path) and left out (an empty
 * glyph; its text stays in the run), never drawn as a box. A line too wide
 * for the measure (a word longer than it) is reported once per paragraph.
 *
 * Justified lines end at the measure (within 1/1024 pt); the last line and
 * lines ending in a newline keep their natural width. Spaces at breaks are
 * dropped from the runs; newlines never appear in runs. A span's anchor goes
 * to the line where the span starts, its footnote to the LINE item where it
 * ends (vitem.footnotes). Code paragraphs are set ragged, break at any
 * character when a line is too long, and every continuation line starts with
 * a grey "↪" run (mono face) followed by a quarter em: all code lines are set
 * to the measure less that width. Text with no break opportunity (empty
 * spans) gives no line. Returns the number of lines.
 *
 * Hyphenation (style `hyphenation:`, patterns by language, see paraitems.h):
 * a justified Latin paragraph is first broken without it, and hyphenated
 * only when some line would stretch beyond ratio 1 or a word be cut. A line
 * ending at a hyphenation point ends with a hyphen glyph (in the font of the
 * letter before it) appended to its last run, in an empty cluster (its log
 * cluster is the run's text length): the run's text stays the source's and
 * the PDF maps the hyphen to no character. At a soft hyphen of the source
 * the hyphen glyph is in the soft hyphen's cluster. */
size_t a2b_pdf_set_para(a2b_pdf_ts *ts, a2b_arena *arena, const a2b_pdf_span *spans, size_t n,
                        const a2b_pdf_para *p, a2b_pdf_vlist *out, const char *where);

/* One line of text with no breaking (running heads, folios, TOC entries,
 * table column measurement): its natural width in *width (NULL: not
 * wanted). x = p->left + p->indent, aligned in p->measure - p->indent for
 * CENTER/RIGHT. Newlines are left out. Never NULL. */
a2b_pdf_line *a2b_pdf_set_line(a2b_pdf_ts *ts, a2b_arena *arena, const a2b_pdf_span *spans,
                               size_t n, const a2b_pdf_para *p, double *width, const char *where);

#endif
