/* The line breaker over boxes, glue and penalties. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/linebreak.h"

static a2b_lb_item box(double w) { return (a2b_lb_item){.kind = A2B_LB_BOX, .width = w}; }
static a2b_lb_item glue(double w, double y, double z) {
  return (a2b_lb_item){.kind = A2B_LB_GLUE, .width = w, .stretch = y, .shrink = z};
}
static a2b_lb_item pen(double p) { return (a2b_lb_item){.kind = A2B_LB_PENALTY, .penalty = p}; }

static a2b_lb_params params(const double *widths, size_t n) {
  return (a2b_lb_params){widths, n, 1.5, 10, 0, 0, false, NULL, 0, NULL, 0};
}

/* Ideographs of width 1 with stretchable glue between them. */
static size_t ideographs(a2b_lb_item *items, size_t count) {
  size_t n = 0;
  for (size_t i = 0; i < count; i++) {
    if (i) items[n++] = glue(0, 0.1, 0);
    items[n++] = box(1);
  }
  return n;
}

static void test_full_lines(void **state) {
  (void)state;
  a2b_lb_item items[64];
  size_t n = ideographs(items, 25);
  double w = 10;
  a2b_lb_params p = params(&w, 1);
  a2b_lb lb;
  a2b_lb_init(&lb);
  assert_int_equal(a2b_lb_break(&lb, items, n, &p), 3);
  assert_int_equal(lb.lines[0].end, 19); /* the glue after the 10th box */
  assert_int_equal(lb.lines[1].end, 39);
  assert_int_equal(lb.lines[2].end, n);
  for (int i = 0; i < 3; i++) assert_true(fabs(lb.lines[i].ratio) < 1e-9);
  assert_false(lb.fallback);
  a2b_lb_free(&lb);
}

static void test_widths_per_line(void **state) {
  (void)state;
  a2b_lb_item items[64];
  size_t n = ideographs(items, 20);
  double w[2] = {5, 10};
  a2b_lb_params p = params(w, 2);
  a2b_lb lb;
  a2b_lb_init(&lb);
  assert_int_equal(a2b_lb_break(&lb, items, n, &p), 3);
  assert_int_equal(lb.lines[0].end, 9);  /* 5 boxes */
  assert_int_equal(lb.lines[1].end, 29); /* 10 more */
  a2b_lb_free(&lb);
}

/* Line widths and ratios as the test sees them. */
static void measure(const a2b_lb_item *it, size_t s, size_t b, size_t n, double *w, double *y,
                    double *z) {
  *w = *y = *z = 0;
  for (size_t i = s; i < b; i++) {
    if (it[i].kind == A2B_LB_PENALTY) continue;
    *w += it[i].width;
    if (it[i].kind == A2B_LB_GLUE) *y += it[i].stretch, *z += it[i].shrink;
  }
  if (b < n && it[b].kind == A2B_LB_PENALTY) *w += it[b].width;
}

/* Demerits of breaking at glue indices `brk` (ascending, then n), or -1
 * when some line is not feasible; fitness and flag demerits are off. */
static double cost(const a2b_lb_item *it, size_t n, const size_t *brk, size_t nb, double L,
                   double tol) {
  double total = 0;
  size_t s = 0;
  for (size_t k = 0; k < nb; k++) {
    size_t b = brk[k];
    double w, y, z, r;
    measure(it, s, b, n, &w, &y, &z);
    if (b == n) r = w <= L ? 0 : (L - w) / z;
    else if (w < L) r = y > 0 ? (L - w) / y : 1e9;
    else r = w > L ? (L - w) / z : 0;
    if (r < -1 - 1e-9 || r > tol) return -1;
    double bad = 100 * fabs(r * r * r);
    total += (10 + bad) * (10 + bad);
    s = b + 1;
  }
  return total;
}

/* Optimality against brute force over every set of breaks, on paragraphs
 * of random words; and the optimum is not always what first fit gives. */
static void test_optimal_brute_force(void **state) {
  (void)state;
  srand(7);
  double L = 20;
  a2b_lb_params p = params(&L, 1);
  a2b_lb lb;
  a2b_lb_init(&lb);
  int compared = 0, differs = 0;
  for (int round = 0; round < 300; round++) {
    a2b_lb_item items[40];
    size_t glues[20], ng = 0, n = 0;
    int words = 8 + rand() % 6;
    for (int i = 0; i < words; i++) {
      if (i) glues[ng++] = n, items[n++] = glue(1, 0.5, 1.0 / 3);
      items[n++] = box(1 + rand() % 6);
    }
    double best = -1;
    size_t brk[20];
    for (unsigned mask = 0; mask < (1u << ng); mask++) {
      size_t nb = 0;
      for (size_t g = 0; g < ng; g++)
        if (mask & (1u << g)) brk[nb++] = glues[g];
      brk[nb++] = n;
      double c = cost(items, n, brk, nb, L, p.tolerance);
      if (c >= 0 && (best < 0 || c < best)) best = c;
    }
    if (best < 0) continue;
    compared++;
    size_t nl = a2b_lb_break(&lb, items, n, &p);
    size_t got[20];
    for (size_t k = 0; k < nl; k++) got[k] = lb.lines[k].end;
    assert_false(lb.fallback);
    double mine = cost(items, n, got, nl, L, p.tolerance);
    if (fabs(mine - best) >= 1e-6 * best) {
      fprintf(stderr, "round %d: mine %g best %g; breaks:", round, mine, best);
      for (size_t k = 0; k < nl; k++) fprintf(stderr, " %zu(%g)", got[k], lb.lines[k].ratio);
      fprintf(stderr, "\nitems:");
      for (size_t k = 0; k < n; k++) fprintf(stderr, " %g", items[k].width);
      fprintf(stderr, "\n");
    }
    assert_true(fabs(mine - best) < 1e-6 * best);
    /* first fit with shrink: each line takes the most that fits */
    size_t s = 0, k = 0;
    bool same = true;
    while (s < n) {
      size_t take = n;
      for (size_t g = 0; g < ng; g++) {
        if (glues[g] <= s) continue;
        double w, y, z;
        measure(items, s, glues[g], n, &w, &y, &z);
        if (w - z > L) break;
        take = glues[g];
      }
      double w, y, z;
      measure(items, s, n, n, &w, &y, &z);
      if (w - z <= L) take = n;
      if (k >= nl || got[k] != take) same = false;
      k++;
      s = take + 1;
    }
    if (!same || k != nl) differs++;
  }
  assert_true(compared > 100);
  assert_true(differs > 0);
  a2b_lb_free(&lb);
}

static void test_infeasible_first_fit(void **state) {
  (void)state;
  /* boxes with plain break points: no line can be justified */
  a2b_lb_item items[32];
  size_t n = 0;
  for (int i = 0; i < 7; i++) {
    if (i) items[n++] = pen(0);
    items[n++] = box(3);
  }
  double L = 10;
  a2b_lb_params p = params(&L, 1);
  a2b_lb lb;
  a2b_lb_init(&lb);
  assert_int_equal(a2b_lb_break(&lb, items, n, &p), 3);
  assert_true(lb.fallback);
  assert_int_equal(lb.lines[0].end, 5); /* three boxes: 9 <= 10 */
  assert_int_equal(lb.lines[1].end, 11);
  assert_int_equal(lb.lines[2].end, n);
  for (int i = 0; i < 3; i++) assert_false(lb.lines[i].overfull);
  /* a box wider than the line is overfull */
  items[6] = box(15);
  a2b_lb_break(&lb, items, n, &p);
  bool over = false;
  for (size_t i = 0; i < lb.n_lines; i++) over |= lb.lines[i].overfull;
  assert_true(over);
  a2b_lb_free(&lb);
}

static void test_long_word_overfull_optimal(void **state) {
  (void)state;
  /* words with spaces, one word longer than the line: only its line is
   * overfull, the others are still optimal (justified) */
  a2b_lb_item items[32];
  size_t n = 0;
  double words[] = {4, 4, 4, 25, 4, 4, 4, 4};
  for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
    if (i) items[n++] = glue(1, 0.5, 1.0 / 3);
    items[n++] = box(words[i]);
  }
  double L = 14;
  a2b_lb_params p = params(&L, 1);
  a2b_lb lb;
  a2b_lb_init(&lb);
  size_t nl = a2b_lb_break(&lb, items, n, &p);
  assert_false(lb.fallback);
  int over = 0;
  for (size_t i = 0; i < nl; i++) over += lb.lines[i].overfull;
  assert_int_equal(over, 1);
  assert_int_equal(lb.lines[0].end, 5); /* "4 4 4": 14 exactly */
  a2b_lb_free(&lb);
}

static void test_forced_break(void **state) {
  (void)state;
  a2b_lb_item items[32];
  size_t n = 0;
  items[n++] = box(3);
  items[n++] = glue(1, 0.5, 0.3);
  items[n++] = box(3);
  items[n++] = pen(-A2B_LB_INF);
  items[n++] = box(4);
  items[n++] = glue(1, 0.5, 0.3);
  items[n++] = box(5);
  double L = 10;
  a2b_lb_params p = params(&L, 1);
  a2b_lb lb;
  a2b_lb_init(&lb);
  assert_int_equal(a2b_lb_break(&lb, items, n, &p), 2);
  assert_int_equal(lb.lines[0].end, 3);
  assert_true(fabs(lb.lines[0].ratio) < 1e-9); /* natural width, not stretched */
  assert_true(fabs(lb.lines[1].ratio) < 1e-9); /* exactly full: 4 + 1 + 5 */
  /* trailing glue and penalties make no empty line */
  items[n++] = pen(-A2B_LB_INF);
  assert_int_equal(a2b_lb_break(&lb, items, n, &p), 2);
  assert_int_equal(lb.lines[1].end, n);
  a2b_lb_free(&lb);
}

static void test_penalty_width(void **state) {
  (void)state;
  a2b_lb_item items[8];
  size_t n = 0;
  items[n++] = box(4);
  items[n++] = glue(1, 1, 1.0 / 3);
  items[n++] = box(4);
  items[n++] = (a2b_lb_item){.kind = A2B_LB_PENALTY, .width = 1, .penalty = 50, .flagged = true};
  items[n++] = box(5);
  items[n++] = glue(1, 1, 1.0 / 3);
  items[n++] = box(4);
  double L = 10;
  a2b_lb_params p = params(&L, 1);
  a2b_lb lb;
  a2b_lb_init(&lb);
  assert_int_equal(a2b_lb_break(&lb, items, n, &p), 2);
  assert_int_equal(lb.lines[0].end, 3);
  assert_true(fabs(lb.lines[0].ratio) < 1e-9); /* the hyphen fills the line */
  a2b_lb_free(&lb);
}

static void test_ragged(void **state) {
  (void)state;
  a2b_lb_item items[64];
  size_t n = 0;
  for (int i = 0; i < 12; i++) {
    if (i) items[n++] = glue(1, 0.5, 0.3);
    items[n++] = box(2 + i % 3);
  }
  double L = 12;
  a2b_lb_params p = params(&L, 1);
  p.first_fit = true;
  a2b_lb lb;
  a2b_lb_init(&lb);
  size_t nl = a2b_lb_break(&lb, items, n, &p);
  assert_true(nl >= 3);
  size_t s = 0;
  for (size_t k = 0; k < nl; k++) {
    assert_true(fabs(lb.lines[k].ratio) < 1e-9);
    double w, y, z;
    measure(items, s, lb.lines[k].end, n, &w, &y, &z);
    assert_true(w <= L);
    if (k + 1 < nl) { /* the next word would not have fitted */
      double w2;
      measure(items, s, lb.lines[k].end + 2, n, &w2, &y, &z);
      assert_true(w2 > L);
    }
    s = lb.lines[k].end + 1;
  }
  a2b_lb_free(&lb);
}

static a2b_lb_item cglue(a2b_lb_class c, double w, double y, double z) {
  a2b_lb_item g = glue(w, y, z);
  g.cls = (unsigned char)c;
  return g;
}

/* Glue classes give in the order asked for: each its whole stretch or
 * shrink before the next; the last one with stretch takes any excess. */
static void test_class_priority(void **state) {
  (void)state;
  a2b_lb_item it[] = {box(5), cglue(A2B_LB_INTER_IDEOGRAPH, 0, 1, 0), box(5),
                      cglue(A2B_LB_SPACE, 1, 1, 1), box(5), cglue(A2B_LB_PUNCT, 1, 0, 1),
                      box(5)};
  size_t n = sizeof it / sizeof *it;
  const unsigned char up[] = {A2B_LB_SPACE, A2B_LB_CJK_LATIN, A2B_LB_INTER_IDEOGRAPH};
  const unsigned char down[] = {A2B_LB_SPACE, A2B_LB_PUNCT};
  struct { double width, space, ideo, punct; } cases[] = {
      {23.5, 1, 0.5, 0},   /* stretch 1.5: the space all, then half the ideographic glue */
      {25, 1, 2, 0},       /* stretch 3: the excess goes to the last class */
      {21.5, -0.5, 0, 0},  /* shrink 0.5: the space first */
      {20.5, -1, 0, -0.5}, /* shrink 1.5: the space, then punctuation */
  };
  for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
    double w = cases[k].width;
    a2b_lb_params p = params(&w, 1);
    p.tolerance = 10;
    p.stretch_order = up, p.n_stretch_order = sizeof up;
    p.shrink_order = down, p.n_shrink_order = sizeof down;
    a2b_lb lb;
    a2b_lb_item two[16];
    size_t m = 0;
    for (size_t i = 0; i < n; i++) two[m++] = it[i];
    two[m++] = pen(0);
    two[m++] = box(100); /* a second line, so the first is justified */
    a2b_lb_init(&lb);
    assert_true(a2b_lb_break(&lb, two, m, &p) >= 2);
    assert_int_equal(lb.lines[0].end, m - 2);
    const double *r = lb.lines[0].ratios;
    assert_true(fabs(r[A2B_LB_SPACE] - cases[k].space) < 1e-9);
    assert_true(fabs(r[A2B_LB_INTER_IDEOGRAPH] - cases[k].ideo) < 1e-9);
    assert_true(fabs(r[A2B_LB_PUNCT] - cases[k].punct) < 1e-9);
    a2b_lb_free(&lb);
  }
  /* no order: every class at the line's ratio */
  double w = 23;
  a2b_lb_params p = params(&w, 1);
  a2b_lb_item two[] = {box(5), cglue(A2B_LB_INTER_IDEOGRAPH, 0, 1, 0), box(5),
                       cglue(A2B_LB_SPACE, 1, 1, 1), box(5), cglue(A2B_LB_PUNCT, 1, 0, 1),
                       box(5), pen(0), box(100)};
  a2b_lb lb;
  a2b_lb_init(&lb);
  a2b_lb_break(&lb, two, sizeof two / sizeof *two, &p);
  assert_true(fabs(lb.lines[0].ratios[A2B_LB_SPACE] - 0.5) < 1e-9);
  assert_true(fabs(lb.lines[0].ratios[A2B_LB_INTER_IDEOGRAPH] - 0.5) < 1e-9);
  a2b_lb_free(&lb);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_class_priority),
      cmocka_unit_test(test_full_lines),
      cmocka_unit_test(test_widths_per_line),
      cmocka_unit_test(test_optimal_brute_force),
      cmocka_unit_test(test_infeasible_first_fit),
      cmocka_unit_test(test_long_word_overfull_optimal),
      cmocka_unit_test(test_forced_break),
      cmocka_unit_test(test_penalty_width),
      cmocka_unit_test(test_ragged),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
