/* The print style: page geometry, sizes and faces of the PDF digest.
 * Defaults come from styles/print.yaml (compiled in); --style FILE and a few
 * flags override them. */
#ifndef A2B_PDF_STYLE_H
#define A2B_PDF_STYLE_H

#include <stdbool.h>

#include "art2book/diag.h"

/* Widths of CJK punctuation marks (see styles/print.yaml). */
typedef enum a2b_pdf_punct {
  A2B_PDF_PUNCT_HALF, /* GB/T 15834, jlreq: blank halves given up at line ends,
                         line starts and between two marks */
  A2B_PDF_PUNCT_FULL  /* every mark a full em */
} a2b_pdf_punct;

typedef struct a2b_pdf_style {
  /* page */
  double page_width, page_height;            /* pt */
  double margin_top, margin_bottom;          /* pt; the text block lies between */
  double margin_inner, margin_outer;         /* pt; inner = binding side */
  bool recto;                                /* articles start on odd pages */
  /* text */
  double body_size;                          /* pt, e.g. 10.5 */
  double line_pitch;                         /* pt, baseline to baseline, e.g. 18 */
  double heading_size[6];                    /* pt, level 1..6 (article title: [0]) */
  double small_size;                         /* footnotes, captions, running heads */
  double small_pitch;
  double code_size;
  double code_pitch;
  double indent_zh_em, indent_ja_em;         /* first-line indents in em */
  double paragraph_space;                    /* pt between Latin paragraphs (CJK: 0) */
  a2b_pdf_punct punct_hans, punct_hant, punct_ja; /* punctuation widths */
  bool hyphenate;                            /* hyphenate Latin words (hyphen.h) */
  int hyphen_min_word;                       /* shortest word hyphenated, letters */
  int hyphen_left, hyphen_right;             /* least letters before / after a hyphen */
  /* faces: fontconfig family names */
  const char *body_cjk;                      /* "Noto Serif CJK SC" */
  const char *body_latin;                    /* "Noto Serif" */
  const char *heading_cjk;                   /* "Noto Sans CJK SC" */
  const char *heading_latin;                 /* "Noto Sans" */
  const char *mono;                          /* "Noto Sans Mono CJK SC" */
  const char *emphasis_cjk;                  /* "LXGW WenKai" (Kai face), or NULL */
  bool emphasis_dots;                        /* CJK emphasis as dots (else the face above) */
  /* colours 0xRRGGBB */
  unsigned text_color, link_color, code_background, quote_bar, rule_color;
} a2b_pdf_style;

/* Fill `st` with the built-in style, then apply the YAML file `path` (NULL:
 * none) and `paper` ("a4", "a5", "b5", "letter" or "WIDTHxHEIGHTmm"; NULL:
 * keep). Face names are heap copies freed by a2b_pdf_style_free(). Returns
 * false after reporting a malformed file or value (with its line and
 * column) or margins that leave no room for text; `st` then holds nothing
 * to free. Unknown keys are warnings. The keys are documented in
 * styles/print.yaml. */
bool a2b_pdf_style_load(a2b_pdf_style *st, const char *path, const char *paper, a2b_diags *d);
void a2b_pdf_style_free(a2b_pdf_style *st);

/* Parse a paper name (a4, a5, b5 = ISO B5 176x250mm, letter; any case) or
 * size "WIDTHxHEIGHT<unit>" (unit mm, cm, in or pt, e.g. "130x184mm") into
 * points. False if it is neither, or a side is not in (0, 200in]. */
bool a2b_pdf_paper_size(const char *spec, double *width, double *height);

#endif
