/* Itemizing and shaping a paragraph's text, with a shaping cache; and the
 * typesetter's private state shared by typeset.c and setpara.c. */
#ifndef A2B_PDF_SHAPE_H
#define A2B_PDF_SHAPE_H

#include <pango/pango.h>
#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "pdf/linebreak.h"
#include "pdf/typeset.h"

/* A shaped segment: one font, one span, contiguous text, either all white
 * space or none. Segments are in logical order. */
typedef struct a2b_pdf_seg {
  PangoAnalysis analysis; /* font held by the shaper; extra_attrs NULL */
  int offset, length;     /* bytes in the paragraph text */
  int span;               /* index of the span holding it */
  size_t glyph0, n_glyphs;/* into a2b_pdf_shaped.glyphs / .clusters */
} a2b_pdf_seg;

/* A shaped paragraph. Arrays are reused between calls (no allocation once
 * they are big enough); free with a2b_pdf_shaped_free. */
typedef struct a2b_pdf_shaped {
  a2b_pdf_seg *segs;
  size_t n_segs, segs_cap;
  PangoGlyphInfo *glyphs; /* widths and offsets in Pango units */
  int *clusters;          /* byte offset in the paragraph text of each glyph's cluster */
  size_t n_glyphs, glyphs_cap;
} a2b_pdf_shaped;

typedef struct a2b_pdf_shaper a2b_pdf_shaper;

/* A shaper whose cache holds at most about `cache_bytes` (then starts
 * afresh). It holds a reference on every font it has shaped with, so
 * glyph strings made from its output stay drawable until it is freed. */
a2b_pdf_shaper *a2b_pdf_shaper_new(size_t cache_bytes);
void a2b_pdf_shaper_free(a2b_pdf_shaper *sh);

/* Itemize text[0, len) with `attrs` (font descriptions, language, OpenType
 * features), split the items at the span ends `span_ends` (ascending byte
 * offsets, the last == len), at changes between white space and other
 * text, and after CJK punctuation, and shape each piece (from the cache
 * when it has been seen with the same font, language, features, direction
 * and text). Positions are not rounded. */
void a2b_pdf_shape(a2b_pdf_shaper *sh, PangoContext *ctx, const char *text, int len,
                   PangoAttrList *attrs, const int *span_ends, size_t n_spans,
                   a2b_pdf_shaped *out);
void a2b_pdf_shaped_free(a2b_pdf_shaped *s);

/* Ascent and descent of `font` in points (cached). */
void a2b_pdf_font_extents(a2b_pdf_shaper *sh, PangoFont *font, double *ascent, double *descent);

/* Which half of a glyph of `advance` Pango units has no ink (cached per font
 * and glyph, so one font must not be asked with different advances):
 * A2B_PDF_BLANK_LEFT, A2B_PDF_BLANK_RIGHT, or 0 (ink in both halves, or no
 * ink at all). */
#define A2B_PDF_BLANK_LEFT 1
#define A2B_PDF_BLANK_RIGHT 2
int a2b_pdf_glyph_blank(a2b_pdf_shaper *sh, PangoFont *font, PangoGlyph glyph, int advance);

/* The glyph of a hyphen (U+002D) in the font of `an`, shaped as text in
 * that analysis is (cached per font), into *out. False when the font has
 * no hyphen. */
bool a2b_pdf_hyphen_glyph(a2b_pdf_shaper *sh, const PangoAnalysis *an, PangoGlyphInfo *out);

/* Cache statistics, for tuning. */
void a2b_pdf_shaper_stats(const a2b_pdf_shaper *sh, size_t *hits, size_t *misses);

/* ---- the typesetter's private state (typeset.c, setpara.c) --------------- */

struct a2b_pdf_ts {
  a2b_pdf_style st;           /* a shallow copy: face names belong to the caller */
  a2b_diags *diags;
  void *fc_config;            /* FcConfig with the extra font folders, or NULL */
  PangoFontMap *fontmap;
  PangoContext *ctx;
  PangoLanguage *default_lang;
  a2b_pdf_shaper *shaper;
  GHashTable *missing;        /* code points already reported as missing */
  /* family lists "A,B", made from the style */
  char *fam_body[2], *fam_heading[2], *fam_mono, *fam_emph_cjk; /* [1]: CJK first */
  /* scratch, reused by every paragraph */
  a2b_buf text;
  int *span_ends;
  size_t span_ends_cap;
  a2b_pdf_shaped shaped;
  unsigned char *brk;         /* break action before each character (breakrules.h) */
  size_t brk_cap;
  PangoLogAttr *log;          /* pango's, for text breakrules.h does not know */
  size_t log_cap;
  struct a2b_pdf_hyph *hyph;  /* hyphenation patterns (hyphen.h) */
  unsigned char *hyph_at;     /* 1 before each character a hyphen may precede */
  unsigned char *hyph_skip;   /* 1 for each character never hyphenated (code, URLs) */
  size_t hyph_cap;
  struct a2b_pdf_unit *units;
  size_t n_units, units_cap;
  a2b_lb_item *items;
  size_t n_items, items_cap;
  a2b_lb lb;
};

/* The Pango language for a BCP 47 tag (zh, zh-Hans -> zh-cn; zh-Hant, zh-TW
 * -> zh-tw; zh-HK -> zh-hk; others as given); NULL: the default. */
PangoLanguage *a2b_pdf_ts_language(a2b_pdf_ts *ts, const char *lang);
/* True for languages set with CJK fonts first and CJK line rules (zh, ja). */
bool a2b_pdf_lang_is_cjk(PangoLanguage *lang);
/* True for characters treated as CJK for spacing and emphasis: ideographs,
 * kana, bopomofo, CJK and full-width punctuation; in a CJK paragraph also
 * the punctuation CJK fonts set full width (quotes, dashes, ellipsis). */
bool a2b_pdf_char_is_cjk(gunichar c, bool cjk_para);

/* Append to `attrs` the font description of `sp` (size in pt) over bytes
 * [start, end) of text; emphasis is split between CJK characters (Kai or
 * sans face, upright) and others (italic). */
void a2b_pdf_ts_span_attrs(a2b_pdf_ts *ts, PangoAttrList *attrs, const a2b_pdf_span *sp,
                           double size, bool cjk_para, const char *text, int start, int end);

#endif
