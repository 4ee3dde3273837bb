/* Internal to setpara.c and paraitems.c: a shaped paragraph's clusters
 * (units) and the boxes, glue and penalties made from them, with the CJK
 * rules (break opportunities and prohibitions, CJK-Latin spacing,
 * punctuation compression).
 *
 * Items. A box is a run of clusters between break opportunities
 * (breakrules.h; pango's UAX #14 plus the prohibitions for text it does not
 * know). Spaces are glue (SPACE: natural the space's advance; in Latin
 * paragraphs stretch 1/2 and shrink 1/3 of it, in CJK ones stretch up to
 * 1/2 em; none inside inline code) and vanish at a break. Between two CJK
 * characters a zero-width glue stretches 0.15 em (INTER_IDEOGRAPH). Between
 * a Han/kana character and a Latin letter or digit of a CJK paragraph, with
 * or without spaces between them, a CJK_LATIN glue of 1/4 em (stretch 1/4,
 * shrink 1/8 em) replaces the spaces; not in code, autolinks (link text that
 * is a URL) or next to a no-break space. Where the rules forbid a break, an
 * infinite penalty precedes that glue. Other allowed breaks are penalties
 * (0; 50 and flagged after a hyphen). A newline is a forced break.
 *
 * Hyphenation (when the style asks for it; not in code paragraphs): the
 * hyphenation points of hyphen.h inside a word (between two clusters: not
 * inside a ligature), and the breaks after a soft hyphen (U+00AD) of the
 * source, are flagged penalties of 50 whose width is the hyphen's in the
 * font of the cluster before them (the line ending there shows it). Words
 * in inline code and in link text that is a URL are never hyphenated; a
 * span's own `lang` picks its patterns, else the paragraph's (the Latin
 * words of a CJK paragraph: the English ones). In CJK paragraphs, headings
 * and paragraphs not justified, only words wider than the line are
 * hyphenated (in place of the emergency break).
 *
 * Punctuation ("half" style): a full-width mark (a2b_br_is_compressible)
 * whose glyph has a blank half gives it up at a line end (closing marks),
 * at a line start (opening marks, except on a paragraph's first line), and
 * next to another such mark (the first of the pair gives up its blank right
 * half, else the second its blank left half: `。」` takes 1.5 em). The box
 * holds the glyph without its blank halves; a PUNCT glue after the mark
 * (before, for a blank left half) gives them back in mid-line and vanishes
 * at a break; it may shrink away entirely when a line must shrink.
 *
 * Code paragraphs keep spaces as boxes and may break between any two
 * clusters except where a prohibition forbids it. */
#ifndef A2B_PDF_PARAITEMS_H
#define A2B_PDF_PARAITEMS_H

#include "pdf/shape.h"

enum { A2B_PDF_U_TEXT, A2B_PDF_U_SPACE, A2B_PDF_U_NEWLINE };

/* A cluster: glyphs [g0, g1) showing bytes [b0, b1) of the paragraph. */
struct a2b_pdf_unit {
  int b0, b1;
  unsigned g0, g1;
  int seg;
  int width;          /* natural advance, Pango units */
  int trim_l, trim_r; /* blank halves taken off the glyph (Pango units) */
  int extra;          /* glue and justification added to its last glyph */
  unsigned char kind;
  bool cjk_first, cjk_last; /* a2b_pdf_char_is_cjk of the first and last character */
  bool ideo_first, ideo_last, latin_first, latin_last;
  bool mark;          /* a compressible full-width punctuation mark */
  bool hyphen_last;   /* ends with a hyphen after a letter (a hyphen break) */
  bool hyphen_lead;   /* ends with a hyphen that starts a word (`-v`, `--opt`) */
  bool shy_last;      /* ends with a soft hyphen (U+00AD) */
};

/* Units from ts->shaped (logical order), their break actions (ts->brk) and
 * the blank halves of their marks: `half` when the paragraph compresses
 * punctuation. */
void a2b_pdf_units_make(a2b_pdf_ts *ts, const a2b_pdf_span *spans, const a2b_pdf_para *p,
                        PangoLanguage *lang, bool cjk, bool half);

/* Cost of breaking inside a word too wide for the line: far above any
 * ordinary break, below an overfull line. */
#define A2B_PDF_EMERGENCY_PENALTY 5000.0

/* Break items over the units into ts->items; each item's ref is the unit
 * where it starts (glue between clusters and penalties: the unit after
 * them). `emergency` > 0: a word wider than this may break between any two
 * of its clusters not forbidden to part (with A2B_PDF_EMERGENCY_PENALTY),
 * so that no line sticks out of a narrow column; 0 = never, and no hyphen
 * shown (one line). `hyphenate`: add the hyphenation points (see above;
 * soft hyphens count either way). */
void a2b_pdf_items_make(a2b_pdf_ts *ts, const a2b_pdf_span *spans, const a2b_pdf_para *p,
                        bool cjk, double emergency, bool hyphenate);

/* The item where the line after break item `b` ((size_t)-1: the paragraph
 * start) begins: its first box, or a forced break, or ts->n_items. */
size_t a2b_pdf_items_line_start(const a2b_pdf_ts *ts, size_t b);

/* Give the glue of items [s, b) (one line, trailing glue excluded) its
 * width, changed by ratios[class] times its stretch or shrink (NULL: no
 * change), as `extra` on the unit before it, or, for a space or CJK-Latin
 * glue that stands for spaces, on the first of them (less their width);
 * rounding is cumulative, so the line's width is exact within 1/1024 pt.
 * The units' `extra` must be 0 before. */
void a2b_pdf_items_apply(a2b_pdf_ts *ts, size_t s, size_t b, const double *ratios);

#endif
