/* The PDF back end's intermediate forms, shared by its three stages:
 *
 *   layout    model blocks -> a vertical list (a2b_pdf_vlist) per article:
 *             set lines, images, rules, vertical glue and penalties
 *   paginate  vertical list -> pages of placed items (a2b_pdf_page)
 *   paint     pages -> cairo PDF surface;  dump: pages -> JSON
 *
 * Units are PostScript points (1/72 in); y grows downwards from the top of
 * the page. Everything here is allocated in the arena given to the stage
 * that makes it and lives until that arena is freed. Pango objects referred
 * to (fonts, glyph strings) are owned by the typesetter (typeset.h) and
 * outlive every list and page made with it. */
#ifndef A2B_PDF_VLIST_H
#define A2B_PDF_VLIST_H

#include <pango/pango.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "art2book/doc.h"

/* Penalties at or beyond these values forbid / force a break. */
#define A2B_PDF_INF 10000.0

/* ---- set lines ----------------------------------------------------------- */

/* Emphasis marks of CJK characters (not of punctuation or Latin text). */
typedef enum a2b_pdf_dots {
  A2B_PDF_DOTS_NONE,
  A2B_PDF_DOTS_UNDER, /* Chinese 着重号: a round dot under each character */
  A2B_PDF_DOTS_OVER   /* Japanese 傍点: a sesame dot above each character */
} a2b_pdf_dots;

/* A run of glyphs in one font on one line. The glyphs are a slice of a
 * shaped item; `text` is the exact source text they show (for the PDF's
 * ActualText / ToUnicode mapping and for --dump-layout). */
typedef struct a2b_pdf_run {
  PangoGlyphItem *glyphs; /* in the arena with the line (never pango_*_free it);
                             its font is held by the typesetter; positions in
                             Pango units, already adjusted for justification */
  const char *text;       /* UTF-8 of this run, the run's own copy: glyphs->item
                             has offset 0, length text_len, and log clusters
                             index this text, so paint calls
                             pango_cairo_show_glyph_item(cr, text, glyphs) */
  int text_len;
  double x;               /* left edge, relative to the line's x */
  double width;           /* advance of the run */
  double rise;            /* baseline shift, positive up (superscripts) */
  uint32_t color;         /* 0xRRGGBB */
  bool underline, strike;
  unsigned char emphasis_dots; /* a2b_pdf_dots: emphasis marks on its CJK characters */
  const char *link_uri;   /* NULL or an external URL */
  const char *link_dest;  /* NULL or a named destination inside the PDF */
} a2b_pdf_run;

/* One set line. */
/* What a set line belongs to (for --dump-layout and layout tests). */
typedef enum a2b_pdf_role {
  A2B_PDF_ROLE_BODY,     /* paragraphs, list items, quotes, asides */
  A2B_PDF_ROLE_HEADING,
  A2B_PDF_ROLE_CODE,     /* code and math blocks */
  A2B_PDF_ROLE_TABLE,    /* table cells */
  A2B_PDF_ROLE_CAPTION,  /* figure captions, image frames */
  A2B_PDF_ROLE_FOOTNOTE,
  A2B_PDF_ROLE_META      /* article header block, title page, contents */
} a2b_pdf_role;

typedef struct a2b_pdf_line {
  a2b_pdf_role role;
  unsigned para;     /* serial of the paragraph it belongs to (per layout
                        context); 0 = none */
  bool justified;    /* stretched or shrunk to end at the measure */
  double size;       /* the paragraph's body size, pt */
  double x;          /* left edge relative to the text block's left margin */
  double width;      /* natural width after justification (<= the measure) */
  double measure;    /* the width it was set to */
  double ascent, descent; /* of its tallest run, for frames and backgrounds */
  a2b_pdf_run *runs;
  size_t n_runs;
  const char **anchors; /* named destinations that start on this line */
  size_t n_anchors;
} a2b_pdf_line;

/* ---- vertical lists ------------------------------------------------------- */

typedef enum a2b_pdf_vkind {
  A2B_PDF_V_LINE,    /* a set line; height = the line pitch it occupies */
  A2B_PDF_V_GLUE,    /* vertical space; may stretch/shrink; discarded at a page top */
  A2B_PDF_V_PENALTY, /* a possible page break with its cost (A2B_PDF_INF forbids,
                        -A2B_PDF_INF forces) */
  A2B_PDF_V_IMAGE,   /* an image box */
  A2B_PDF_V_RULE,    /* a horizontal rule (thematic break, table borders) */
  A2B_PDF_V_FRAME,   /* a framed box with text inside: missing images (alt text) */
  A2B_PDF_V_BLOCK,   /* an unbreakable group placed as one: a table row, a
                        figure with its caption; `block` holds its items */
  A2B_PDF_V_MARK     /* zero height: a named destination / outline entry here */
} a2b_pdf_vkind;

typedef struct a2b_pdf_vitem a2b_pdf_vitem;
typedef struct a2b_pdf_vlist a2b_pdf_vlist;
typedef struct a2b_pdf_placed a2b_pdf_placed;

struct a2b_pdf_vlist {
  a2b_pdf_vitem *items;
  size_t n, cap;
};

/* A tinted background or side bar behind a span of a vertical list (code
 * blocks, asides, quotes): `depth` nests them; pagination cuts and repeats
 * them across pages. */
typedef struct a2b_pdf_shade {
  double x, width;   /* relative to the text block's left margin */
  uint32_t fill;     /* 0xRRGGBB, or A2B_PDF_NO_FILL */
  uint32_t bar;      /* left bar colour (quotes, asides) or A2B_PDF_NO_FILL */
  double bar_width;
} a2b_pdf_shade;
#define A2B_PDF_NO_FILL 0xFFFFFFFFu

struct a2b_pdf_vitem {
  a2b_pdf_vkind kind;
  double height;          /* natural height consumed on the page */
  double stretch, shrink; /* GLUE */
  double penalty;         /* PENALTY */
  double x;               /* IMAGE/RULE/FRAME/BLOCK: left edge rel. to the margin */
  double width;           /* IMAGE/RULE/FRAME/BLOCK */
  int shade_depth;        /* how many shades (below) are open around this item */
  const a2b_pdf_shade *shades[4]; /* open shades, outermost first */
  union {
    a2b_pdf_line *line;                  /* LINE */
    const a2b_resource *image;           /* IMAGE */
    double thickness;                    /* RULE */
    a2b_pdf_line **frame_lines;          /* FRAME: its text, n in frame_n: lines
                                            at the style's small size, x relative
                                            to the frame's left edge, stacked by
                                            their ascent + descent and centred
                                            vertically in the frame */
    struct {
      a2b_pdf_placed *items;             /* BLOCK: items relative to its top-left */
      size_t n;
      const a2b_pdf_vitem *repeat;       /* table rows: the header BLOCK to repeat
                                            at the top of a continuation page */
    } block;
    struct {
      const char *dest;                  /* named destination */
      const char *outline_title;         /* NULL: no outline entry */
      int outline_level;                 /* 0 article, 1.. headings */
      const a2b_article *article;        /* MARK at an article start: whose */
    } mark;
  } u;
  size_t frame_n;
  /* Footnote bodies referenced on this item (a LINE, or a BLOCK: those of
   * its lines): placed at the foot of the page this item lands on
   * (continued on the next page if long). The items of every body referenced
   * on the line, copied one after another in reference order; NULL when
   * none. */
  a2b_pdf_vlist *footnotes;
};

/* ---- pages ------------------------------------------------------------------ */

typedef enum a2b_pdf_pkind {
  A2B_PDF_P_LINE,  /* left edge at x (the line's own x included), baseline at
                      y, width w, h the height of the slot it fills */
  A2B_PDF_P_IMAGE, /* top-left at x,y; size w,h */
  A2B_PDF_P_RULE,  /* from (x,y) to (x+w,y), thickness h; color 0: the
                      style's rule colour */
  A2B_PDF_P_RECT,  /* filled rectangle x,y,w,h in `color` (shades, frames) */
  A2B_PDF_P_STROKE,/* stroked rectangle outline x,y,w,h (frames); color 0: the
                      style's rule colour */
  A2B_PDF_P_DEST,  /* named destination showing (x, y) at the top left of the
                      view, and an outline entry when outline_title is set */
} a2b_pdf_pkind;

struct a2b_pdf_placed {
  a2b_pdf_pkind kind;
  double x, y, w, h;
  uint32_t color;
  union {
    const a2b_pdf_line *line;
    const a2b_resource *image;
    struct {
      const char *name;
      const char *outline_title;
      int outline_level;
    } dest;
  } u;
};

typedef struct a2b_pdf_page {
  int number;                /* folio, 1-based over the whole PDF */
  double text_left, text_top, text_width; /* the text block on this page */
  double width, height;      /* page size, pt */
  bool show_folio;           /* false on title pages and article first pages */
  const char *head_left;     /* running head texts, NULL for none */
  const char *head_right;
  const a2b_article *article;/* the article the page belongs to, if any */
  a2b_pdf_placed *items;
  size_t n, cap;
} a2b_pdf_page;

/* Append helpers: the arena grows the arrays (old copies stay in it). */
a2b_pdf_vitem *a2b_pdf_vlist_push(a2b_arena *arena, a2b_pdf_vlist *list, a2b_pdf_vkind kind);
a2b_pdf_placed *a2b_pdf_page_push(a2b_arena *arena, a2b_pdf_page *page, a2b_pdf_pkind kind);

#endif
