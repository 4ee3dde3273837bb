#include "pdf/linebreak.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

typedef struct node {
  size_t pos;      /* the break item; SIZE_MAX for the paragraph start */
  size_t start;    /* first item of the line after this break */
  size_t line;     /* lines ended so far */
  int fitness;
  bool flagged;
  double demerits;
  size_t prev;     /* index into nodes; SIZE_MAX for none */
  double ratio;    /* of the line ending here */
  bool overfull;   /* that line is wider than its width */
} node;

typedef struct cand {
  bool set;
  double demerits;
  size_t from;
  double ratio;
  bool overfull;
} cand;

struct a2b_lb_priv {
  double *sw, *sy, *sz; /* prefix sums: items [0, i) */
  size_t sums_cap;
  node *nodes;
  size_t n_nodes, nodes_cap;
  size_t *active, *next_active;
  size_t active_cap;
  cand *cands;
  size_t cands_cap;
  size_t lines_cap;
};

#define HUGE_RATIO 1e9

void a2b_lb_init(a2b_lb *lb) {
  memset(lb, 0, sizeof *lb);
  lb->priv = a2b_xmalloc(sizeof *lb->priv);
  memset(lb->priv, 0, sizeof *lb->priv);
}

void a2b_lb_free(a2b_lb *lb) {
  if (!lb->priv) return;
  struct a2b_lb_priv *q = lb->priv;
  free(q->sw);
  free(q->sy);
  free(q->sz);
  free(q->nodes);
  free(q->active);
  free(q->next_active);
  free(q->cands);
  free(q);
  free(lb->lines);
  memset(lb, 0, sizeof *lb);
}

static double line_width(const a2b_lb_params *p, size_t line) {
  return p->widths[line < p->n_widths ? line : p->n_widths - 1];
}

static bool is_forced(const a2b_lb_item *items, size_t n, size_t i) {
  return i == n || (items[i].kind == A2B_LB_PENALTY && items[i].penalty <= -A2B_LB_INF);
}

static bool is_legal(const a2b_lb_item *items, size_t n, size_t i) {
  if (i == n) return true;
  if (items[i].kind == A2B_LB_PENALTY) return items[i].penalty < A2B_LB_INF;
  if (items[i].kind == A2B_LB_GLUE) return i > 0 && items[i - 1].kind == A2B_LB_BOX;
  return false;
}

/* The first item of the line after a break at `i`. */
static size_t line_start(const a2b_lb_item *items, size_t n, size_t i) {
  size_t j = i + 1;
  while (j < n && items[j].kind != A2B_LB_BOX && !is_forced(items, n, j)) j++;
  return j;
}

/* Adjustment ratio of a line of natural width w, stretch y, shrink z set to
 * width L; *overfull when it cannot shrink enough. */
static double ratio_of(double w, double y, double z, double L, bool natural, bool ragged,
                       bool *overfull) {
  *overfull = false;
  if (w > L) {
    double r = z > 0 ? (L - w) / z : -HUGE_RATIO;
    if (r < -1 - 1e-9) { /* prefix sums are not exact */
      *overfull = true;
      r = z > 0 ? -1 : 0;
    }
    return r < -1 ? -1 : r;
  }
  if (natural || ragged || w == L) return 0;
  return y > 0 ? (L - w) / y : HUGE_RATIO;
}

static void reserve(void **p, size_t *cap, size_t want, size_t size) {
  if (want <= *cap) return;
  size_t c = *cap ? *cap : 64;
  while (c < want) c *= 2;
  *p = a2b_xrealloc(*p, c * size);
  *cap = c;
}

static void push_line(a2b_lb *lb, size_t end, double ratio, bool overfull) {
  reserve((void **)&lb->lines, &lb->priv->lines_cap, lb->n_lines + 1, sizeof *lb->lines);
  lb->lines[lb->n_lines++] = (a2b_lb_line){.end = end, .ratio = ratio, .overfull = overfull};
}

/* active and next_active swap roles, so they always have the same size */
static void grow_active(struct a2b_lb_priv *q, size_t want) {
  if (want <= q->active_cap) return;
  size_t c = q->active_cap ? q->active_cap * 2 : 64;
  while (c < want) c *= 2;
  q->active = a2b_xrealloc(q->active, c * sizeof *q->active);
  q->next_active = a2b_xrealloc(q->next_active, c * sizeof *q->next_active);
  q->active_cap = c;
}

static size_t add_node(struct a2b_lb_priv *q, node nd) {
  reserve((void **)&q->nodes, &q->nodes_cap, q->n_nodes + 1, sizeof *q->nodes);
  q->nodes[q->n_nodes] = nd;
  return q->n_nodes++;
}

static int fitness_of(double r) {
  if (r < -0.5) return 0;
  if (r <= 0.5) return 1;
  if (r <= 1) return 2;
  return 3;
}

/* One Knuth-Plass pass with ratios up to `tol`. False when no feasible
 * breaks exist. */
static bool optimal(a2b_lb *lb, const a2b_lb_item *items, size_t n, const a2b_lb_params *p,
                    double tol) {
  struct a2b_lb_priv *q = lb->priv;
  const double *sw = q->sw, *sy = q->sy, *sz = q->sz;
  size_t n_classes = p->n_widths + 1;
  reserve((void **)&q->cands, &q->cands_cap, n_classes * 4, sizeof *q->cands);
  q->n_nodes = 0;
  size_t n_active = 0;
  size_t first = line_start(items, n, (size_t)-1);
  q->active[n_active++] = add_node(q, (node){SIZE_MAX, first, 0, 1, false, 0, SIZE_MAX, 0, false});

  size_t prev_legal = SIZE_MAX;
  for (size_t i = 0; i <= n && n_active; prev_legal = is_legal(items, n, i) ? i : prev_legal, i++) {
    if (!is_legal(items, n, i)) continue;
    bool forced = is_forced(items, n, i);
    const a2b_lb_item *it = i < n ? &items[i] : NULL;
    double pen = it && it->kind == A2B_LB_PENALTY ? it->penalty : 0;
    double pw = it && it->kind == A2B_LB_PENALTY ? it->width : 0;
    bool flagged = it && it->kind == A2B_LB_PENALTY && it->flagged;
    memset(q->cands, 0, n_classes * 4 * sizeof *q->cands);
    bool any = false;
    size_t n_next = 0;
    for (size_t k = 0; k < n_active; k++) {
      node *a = &q->nodes[q->active[k]];
      size_t s = a->start;
      bool keep = !forced;
      if (s > i || (s == i && !forced)) { /* nothing on the line yet */
        q->next_active[n_next++] = q->active[k];
        continue;
      }
      double L = line_width(p, a->line);
      double w = sw[i] - sw[s] + pw, y = sy[i] - sy[s], z = sz[i] - sz[s];
      bool over;
      double r = ratio_of(w, y, z, L, forced, false, &over);
      if (over) keep = false;
      if (keep) q->next_active[n_next++] = q->active[k];
      /* a line with no break inside that is too wide anyway: accept it
       * overfull, since no choice of breaks can avoid it */
      bool unavoidable = over && (prev_legal == SIZE_MAX || prev_legal < s);
      if ((over && !unavoidable) || r > tol) continue;
      double bad = unavoidable ? 1e5 : fabs(r) >= 10 ? 1e5 : 100 * fabs(r * r * r);
      double d = (p->line_penalty + bad) * (p->line_penalty + bad);
      if (pen >= 0) d += pen * pen;
      else if (pen > -A2B_LB_INF) d -= pen * pen;
      if (flagged && a->flagged) d += p->flagged_demerits;
      int fit = fitness_of(r);
      if (abs(fit - a->fitness) > 1) d += p->fitness_demerits;
      double total = a->demerits + d;
      size_t cls = a->line + 1 < p->n_widths ? a->line + 1 : p->n_widths;
      cand *c = &q->cands[cls * 4 + (size_t)fit];
      if (!c->set || total < c->demerits) *c = (cand){true, total, q->active[k], r, over};
      any = true;
    }
    size_t *t = q->active;
    q->active = q->next_active;
    q->next_active = t;
    n_active = n_next;
    if (!any) continue;
    size_t start = i < n ? line_start(items, n, i) : n;
    for (size_t c = 0; c < n_classes * 4; c++) {
      if (!q->cands[c].set) continue;
      node *from = &q->nodes[q->cands[c].from];
      node nd = {i, start, from->line + 1, (int)(c % 4), flagged, q->cands[c].demerits,
                 q->cands[c].from, q->cands[c].ratio, q->cands[c].overfull};
      size_t idx = add_node(q, nd);
      grow_active(q, n_active + 1);
      q->active[n_active++] = idx;
    }
  }
  /* the best node at the end */
  size_t best = SIZE_MAX;
  for (size_t k = 0; k < q->n_nodes; k++)
    if (q->nodes[k].pos == n && (best == SIZE_MAX || q->nodes[k].demerits < q->nodes[best].demerits))
      best = k;
  if (best == SIZE_MAX) return false;
  size_t count = 0;
  for (size_t k = best; q->nodes[k].prev != SIZE_MAX; k = q->nodes[k].prev) count++;
  lb->n_lines = 0;
  for (size_t j = 0; j < count; j++) push_line(lb, 0, 0, false);
  size_t j = count;
  for (size_t k = best; q->nodes[k].prev != SIZE_MAX; k = q->nodes[k].prev) {
    j--;
    lb->lines[j] = (a2b_lb_line){.end = q->nodes[k].pos, .ratio = q->nodes[k].ratio,
                                 .overfull = q->nodes[k].overfull};
  }
  return true;
}

/* Each line takes the last break at which it still fits. */
static void first_fit(a2b_lb *lb, const a2b_lb_item *items, size_t n, const a2b_lb_params *p) {
  const double *sw = lb->priv->sw, *sy = lb->priv->sy, *sz = lb->priv->sz;
  lb->n_lines = 0;
  size_t s = line_start(items, n, (size_t)-1);
  while (s < n || lb->n_lines == 0) {
    double L = line_width(p, lb->n_lines);
    size_t take = SIZE_MAX;
    for (size_t i = s; i <= n; i++) {
      if (!is_legal(items, n, i) || (i == s && !is_forced(items, n, i))) continue;
      double pw = i < n && items[i].kind == A2B_LB_PENALTY ? items[i].width : 0;
      double w = sw[i] - sw[s] + pw, z = sz[i] - sz[s];
      bool fits = p->first_fit ? w <= L + 1e-9 : w - z <= L + 1e-9;
      if (!fits) {
        if (take == SIZE_MAX) take = i; /* overfull: the first break */
        break;
      }
      take = i;
      if (is_forced(items, n, i)) break;
    }
    if (take == SIZE_MAX) take = n;
    double pw = take < n && items[take].kind == A2B_LB_PENALTY ? items[take].width : 0;
    bool over;
    double r = ratio_of(sw[take] - sw[s] + pw, sy[take] - sy[s], sz[take] - sz[s], L,
                        is_forced(items, n, take), p->first_fit, &over);
    if (r >= HUGE_RATIO) r = 0; /* a short line with nothing to stretch */
    push_line(lb, take, r, over);
    if (take == n) break;
    s = line_start(items, n, take);
    if (s == n && !is_forced(items, n, take)) break;
  }
}

/* The classes in the order they give: `order` first, then the others. */
static size_t full_order(const unsigned char *order, size_t n, unsigned char *out) {
  bool seen[A2B_LB_N_CLASSES] = {false};
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (order[i] < A2B_LB_N_CLASSES && !seen[order[i]]) seen[order[i]] = true, out[k++] = order[i];
  for (unsigned char c = 0; c < A2B_LB_N_CLASSES; c++)
    if (!seen[c]) out[k++] = c;
  return k;
}

/* Share the line's change `delta` (> 0: stretch) among the classes of
 * glue with total stretch or shrink `amount` per class. */
static void share(double delta, const double *amount, const unsigned char *order,
                  double *ratios) {
  double sign = delta > 0 ? 1 : -1, left = fabs(delta);
  int last = -1;
  for (size_t k = 0; k < A2B_LB_N_CLASSES; k++) {
    int c = order[k];
    if (amount[c] <= 0) continue;
    last = c;
    double take = left < amount[c] ? left : amount[c];
    ratios[c] = sign * take / amount[c];
    left -= take;
  }
  if (left > 0 && last >= 0 && sign > 0) ratios[last] += left / amount[last];
}

/* Ratios per class of each line. */
static void class_ratios(a2b_lb *lb, const a2b_lb_item *items, size_t n, const a2b_lb_params *p) {
  unsigned char up[A2B_LB_N_CLASSES], down[A2B_LB_N_CLASSES];
  full_order(p->stretch_order, p->stretch_order ? p->n_stretch_order : 0, up);
  full_order(p->shrink_order, p->shrink_order ? p->n_shrink_order : 0, down);
  size_t s = line_start(items, n, (size_t)-1);
  for (size_t k = 0; k < lb->n_lines; k++) {
    a2b_lb_line *l = &lb->lines[k];
    size_t b = l->end < n ? l->end : n;
    double r = l->ratio;
    for (int c = 0; c < A2B_LB_N_CLASSES; c++) l->ratios[c] = 0;
    bool ordered = r > 0 ? p->stretch_order != NULL : p->shrink_order != NULL;
    if (r != 0 && !ordered) {
      for (int c = 0; c < A2B_LB_N_CLASSES; c++) l->ratios[c] = r;
    } else if (r != 0) {
      double amount[A2B_LB_N_CLASSES] = {0}, total = 0;
      for (size_t i = s; i < b; i++) {
        if (items[i].kind != A2B_LB_GLUE || items[i].cls >= A2B_LB_N_CLASSES) continue;
        double a = r > 0 ? items[i].stretch : items[i].shrink;
        amount[items[i].cls] += a;
        total += a;
      }
      share(r * total, amount, r > 0 ? up : down, l->ratios);
    }
    if (b < n) s = line_start(items, n, b);
  }
}

size_t a2b_lb_break(a2b_lb *lb, const a2b_lb_item *items, size_t n, const a2b_lb_params *p) {
  struct a2b_lb_priv *q = lb->priv;
  lb->n_lines = 0;
  lb->fallback = false;
  size_t all = n;
  while (n && items[n - 1].kind != A2B_LB_BOX) n--; /* trailing glue and penalties */
  if (n == 0) return 0;
  reserve((void **)&q->sw, &q->sums_cap, n + 1, sizeof(double));
  size_t cap = q->sums_cap;
  q->sy = a2b_xrealloc(q->sy, cap * sizeof(double));
  q->sz = a2b_xrealloc(q->sz, cap * sizeof(double));
  q->sw[0] = q->sy[0] = q->sz[0] = 0;
  for (size_t i = 0; i < n; i++) {
    bool counts = items[i].kind != A2B_LB_PENALTY;
    bool glue = items[i].kind == A2B_LB_GLUE;
    q->sw[i + 1] = q->sw[i] + (counts ? items[i].width : 0);
    q->sy[i + 1] = q->sy[i] + (glue ? items[i].stretch : 0);
    q->sz[i + 1] = q->sz[i] + (glue ? items[i].shrink : 0);
  }
  grow_active(q, 1);
  bool done = false;
  if (!p->first_fit) {
    done = optimal(lb, items, n, p, p->tolerance) || optimal(lb, items, n, p, p->tolerance * 10);
    lb->fallback = !done;
  }
  if (!done) first_fit(lb, items, n, p);
  class_ratios(lb, items, n, p);
  lb->lines[lb->n_lines - 1].end = all;
  return lb->n_lines;
}
