/* Line breaking over boxes, glue and penalties (Knuth and Plass, "Breaking
 * paragraphs into lines", 1981): a pure algorithm, no fonts.
 *
 * A paragraph is a sequence of items. A box has a fixed width. Glue has a
 * natural width that may stretch and shrink; it is a legal break when the
 * item before it is a box, and vanishes at a break. A penalty is a legal
 * break with a cost (>= A2B_LB_INF forbids it, <= -A2B_LB_INF forces it);
 * its width is added only when the line ends there (a hyphen). The end of
 * the items is a forced break; glue and penalties after the last box are
 * ignored (no empty last line). Items after a break are dropped up to the next
 * box or forced break (glue and penalties at the start of a line).
 *
 * Lines ending in a forced break (and so the last line) are set at their
 * natural width when it fits; other lines are justified: adjustment ratio r
 * in [-1, tolerance] (the line's total change over its total stretch, or
 * shrink). Feasibility and badness depend on r only.
 *
 * How the change is shared among the glue of a line depends on its class:
 * with no priority order every glue changes by r * stretch (r > 0) or
 * r * shrink (r < 0). With an order (a2b_lb_params.stretch_order,
 * shrink_order: classes listed first give first, unlisted classes follow in
 * enum order), the classes give in turn: each one its whole stretch
 * (ratio 1) or shrink (ratio -1) before the next one gives any; the class
 * where the change is used up takes the rest at a ratio in between, and
 * later classes stay at their natural width. A line that must stretch
 * further than all its stretch puts the excess on the last class in the
 * order that has stretch on the line (its ratio exceeds 1). The result is
 * a ratio per class: a2b_lb_line.ratios. */
#ifndef A2B_PDF_LINEBREAK_H
#define A2B_PDF_LINEBREAK_H

#include <stdbool.h>
#include <stddef.h>

#define A2B_LB_INF 10000.0

typedef enum a2b_lb_kind { A2B_LB_BOX, A2B_LB_GLUE, A2B_LB_PENALTY } a2b_lb_kind;

/* What a glue stands for, so that justification can use them in the order
 * CJK typography asks for (see above). */
typedef enum a2b_lb_class {
  A2B_LB_SPACE,           /* an inter-word space */
  A2B_LB_INTER_IDEOGRAPH, /* between two CJK characters */
  A2B_LB_CJK_LATIN,       /* the quarter em between CJK and Latin text */
  A2B_LB_PUNCT,           /* the blank half of a CJK punctuation mark */
  A2B_LB_N_CLASSES
} a2b_lb_class;

typedef struct a2b_lb_item {
  a2b_lb_kind kind;
  unsigned char cls;    /* GLUE: a2b_lb_class */
  bool flagged;         /* PENALTY: a hyphen break; two in a row cost more */
  double width;         /* BOX, GLUE, PENALTY (width added when breaking here) */
  double stretch, shrink; /* GLUE */
  double penalty;       /* PENALTY */
  int ref;              /* free for the caller */
} a2b_lb_item;

typedef struct a2b_lb_params {
  const double *widths; /* line i is widths[min(i, n_widths - 1)] wide */
  size_t n_widths;      /* >= 1 */
  double tolerance;     /* largest stretch ratio of the optimal pass (e.g. 2) */
  double line_penalty;  /* added to every line's badness (e.g. 10) */
  double flagged_demerits;  /* two flagged breaks in a row (e.g. 3000) */
  double fitness_demerits;  /* adjacent lines of very different tightness (e.g. 3000) */
  bool first_fit;       /* ragged text: each line takes as much as fits at its
                           natural width, ratios are 0 unless a line must shrink */
  const unsigned char *stretch_order; /* a2b_lb_class values; NULL: all alike */
  size_t n_stretch_order;
  const unsigned char *shrink_order;  /* a2b_lb_class values; NULL: all alike */
  size_t n_shrink_order;
} a2b_lb_params;

typedef struct a2b_lb_line {
  size_t end;    /* index of the break item ending the line; n for the last line */
  double ratio;  /* adjustment ratio of the whole line */
  double ratios[A2B_LB_N_CLASSES]; /* applied to the glue of each class */
  bool overfull; /* wider than its width even at full shrink */
} a2b_lb_line;

/* Reusable working memory and result: one per thread, reused across
 * paragraphs (no allocation once it is big enough). */
typedef struct a2b_lb {
  a2b_lb_line *lines;
  size_t n_lines;
  bool fallback;       /* no feasible breaks: first fit was used */
  /* private */
  struct a2b_lb_priv *priv;
} a2b_lb;

void a2b_lb_init(a2b_lb *lb);
void a2b_lb_free(a2b_lb *lb);

/* Break `items` into lines: the optimal (least total demerits) breaks with
 * ratios up to p->tolerance; failing that with ratios up to 10 times it;
 * failing that (or with p->first_fit) first fit. A line too wide even at
 * full shrink is marked overfull: the optimal passes accept one only when
 * it has no legal break inside (a word longer than the line). Results in lb->lines[0..n_lines); an
 * empty paragraph gives 0 lines. Returns lb->n_lines. */
size_t a2b_lb_break(a2b_lb *lb, const a2b_lb_item *items, size_t n, const a2b_lb_params *p);

#endif
