/* Pagination: hand-made vertical lists on a small page (200 x 300 pt, text
 * block 260 pt tall = 13 lines of 20 pt), checked for where things land. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <malloc.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "pdf/paginate.h"

#define TOP 20.0
#define BODY 260.0
#define PITCH 20.0
#define INNER 30.0
#define OUTER 20.0
#define GAP 10.0
#define EPS 1e-6

#define assert_near(a, b)                                                                          \
  do {                                                                                             \
    double a_ = (a), b_ = (b);                                                                     \
    if (fabs(a_ - b_) > EPS) fail_msg("%s is %g, not %g", #a, a_, b_);                             \
  } while (0)

static const a2b_pdf_geometry geom = {.page_width = 200,
                                      .page_height = 300,
                                      .top = TOP,
                                      .bottom = 20,
                                      .inner = INNER,
                                      .outer = OUTER,
                                      .pitch = PITCH,
                                      .footnote_gap = GAP};

/* Pages as emitted, copied into the test's arena. */
typedef struct book {
  a2b_arena *arena;
  a2b_pdf_page *pages;
  size_t n, cap;
} book;

static void collect(void *ctx, a2b_pdf_page *page) {
  book *b = ctx;
  if (b->n == b->cap) {
    b->cap = b->cap ? 2 * b->cap : 8;
    b->pages = realloc(b->pages, b->cap * sizeof *b->pages);
  }
  a2b_pdf_page *copy = &b->pages[b->n++];
  *copy = *page;
  copy->items = a2b_memdup(b->arena, page->items, page->n * sizeof *page->items);
}

static int paginate(book *b, const a2b_pdf_vlist *l, int first) {
  a2b_arena *scratch = a2b_arena_new();
  int n = a2b_pdf_paginate(l, &geom, first, scratch, collect, b);
  a2b_arena_free(scratch);
  assert_int_equal(n, (int)b->n);
  return n;
}

static void book_free(book *b) {
  free(b->pages);
  a2b_arena_free(b->arena);
}

/* A line whose `measure` holds `id`, to find it on the pages. */
static a2b_pdf_vitem *add_line(a2b_arena *a, a2b_pdf_vlist *l, double height, int id) {
  a2b_pdf_line *line = a2b_alloc(a, sizeof *line);
  line->width = 100;
  line->measure = id;
  a2b_pdf_vitem *it = a2b_pdf_vlist_push(a, l, A2B_PDF_V_LINE);
  it->height = height;
  it->u.line = line;
  return it;
}

static void add_penalty(a2b_arena *a, a2b_pdf_vlist *l, double penalty) {
  a2b_pdf_vlist_push(a, l, A2B_PDF_V_PENALTY)->penalty = penalty;
}

static void add_glue(a2b_arena *a, a2b_pdf_vlist *l, double height) {
  a2b_pdf_vlist_push(a, l, A2B_PDF_V_GLUE)->height = height;
}

/* `n` body lines with ids from `id`, penalty 0 between them. */
static void add_lines(a2b_arena *a, a2b_pdf_vlist *l, int n, int id) {
  for (int k = 0; k < n; k++) {
    if (k) add_penalty(a, l, 0);
    add_line(a, l, PITCH, id + k);
  }
}

/* Where the line with `id` landed: page index (-1: nowhere), item. */
static int find_line(const book *b, int id, const a2b_pdf_placed **out) {
  for (size_t p = 0; p < b->n; p++)
    for (size_t k = 0; k < b->pages[p].n; k++) {
      const a2b_pdf_placed *it = &b->pages[p].items[k];
      if (it->kind == A2B_PDF_P_LINE && it->u.line->measure == id) {
        if (out) *out = it;
        return (int)p;
      }
    }
  return -1;
}

static size_t count_kind(const a2b_pdf_page *pg, a2b_pdf_pkind kind) {
  size_t n = 0;
  for (size_t k = 0; k < pg->n; k++)
    n += pg->items[k].kind == kind;
  return n;
}

/* Every item inside the text block; lines on the baseline grid of their
 * slot (baseline 0.8 pitch below the slot top for pitch-high lines). */
static void check_in_block(const book *b) {
  for (size_t p = 0; p < b->n; p++)
    for (size_t k = 0; k < b->pages[p].n; k++) {
      const a2b_pdf_placed *it = &b->pages[p].items[k];
      double top = it->y, bottom = it->y + it->h;
      if (it->kind == A2B_PDF_P_LINE) {
        top = it->y - 0.8 * it->h;
        bottom = it->y + 0.2 * it->h;
      } else if (it->kind == A2B_PDF_P_RULE || it->kind == A2B_PDF_P_DEST) {
        bottom = it->y;
      }
      assert_true(top >= TOP - EPS);
      assert_true(bottom <= TOP + BODY + EPS);
    }
}

static void test_fill_pages(void **state) {
  (void)state;
  book b = {.arena = a2b_arena_new()};
  a2b_pdf_vlist l = {0};
  add_lines(b.arena, &l, 30, 0);
  assert_int_equal(paginate(&b, &l, 5), 3);
  check_in_block(&b);
  size_t per_page[] = {13, 13, 4};
  for (size_t p = 0; p < 3; p++) {
    const a2b_pdf_page *pg = &b.pages[p];
    assert_int_equal(pg->number, 5 + (int)p);
    assert_int_equal(pg->show_folio, p > 0);
    assert_true(pg->width == 200 && pg->height == 300);
    assert_int_equal(count_kind(pg, A2B_PDF_P_LINE), per_page[p]);
    double x0 = pg->number % 2 ? INNER : OUTER; /* odd pages: inner margin on the left */
    for (size_t k = 0; k < pg->n; k++) {
      assert_true(pg->items[k].x == x0);
      assert_near(pg->items[k].y, TOP + 0.8 * PITCH + PITCH * k);
    }
  }
  const a2b_pdf_placed *first;
  assert_int_equal(find_line(&b, 13, &first), 1);
  assert_near(first->y, TOP + 16);
  book_free(&b);
}

/* Body lines come back to the half-pitch grid after lines of another pitch
 * (code); those lines themselves are placed as they come. */
static void test_body_lines_on_the_grid(void **state) {
  (void)state;
  book b = {.arena = a2b_arena_new()};
  a2b_pdf_vlist l = {0};
  add_lines(b.arena, &l, 2, 0);
  add_line(b.arena, &l, 13, 100); /* two code lines: 26 pt, off the 8 pt grid */
  add_line(b.arena, &l, 13, 101);
  add_lines(b.arena, &l, 3, 10);
  paginate(&b, &l, 1);
  const a2b_pdf_placed *code, *body;
  find_line(&b, 101, &code);
  assert_near(code->y, TOP + 2 * PITCH + 13 + 0.8 * 13);
  for (int id = 10; id < 13; id++) {
    assert_int_equal(find_line(&b, id, &body), 0);
    double steps = (body->y - TOP - 0.8 * PITCH) / (PITCH / 2);
    assert_near(steps, floor(steps + 0.5));
  }
  find_line(&b, 10, &body);
  assert_true(body->y - code->y < 0.2 * 13 + PITCH + PITCH / 2); /* no more than the gap */
  book_free(&b);
}

static void test_glue_discarded_at_top(void **state) {
  (void)state;
  book b = {.arena = a2b_arena_new()};
  a2b_pdf_vlist l = {0};
  add_glue(b.arena, &l, 30); /* at the top of the first page too */
  add_penalty(b.arena, &l, 0);
  for (int k = 0; k < 12; k++) {
    add_line(b.arena, &l, PITCH, k);
    add_glue(b.arena, &l, PITCH); /* line + glue: 7 lines on a page */
  }
  assert_int_equal(paginate(&b, &l, 1), 2);
  check_in_block(&b);
  assert_int_equal(count_kind(&b.pages[0], A2B_PDF_P_LINE), 7);
  const a2b_pdf_placed *it;
  assert_int_equal(find_line(&b, 0, &it), 0);
  assert_near(it->y, TOP + 16);
  assert_int_equal(find_line(&b, 7, &it), 1);
  assert_near(it->y, TOP + 16);
  assert_int_equal(find_line(&b, 8, &it), 1);
  assert_near(it->y, TOP + 16 + 2 * PITCH);
  book_free(&b);
}

/* No page ends with a line that an infinite penalty (with only glue
 * between) keeps with what follows. */
static void check_kept(const book *b, const a2b_pdf_vlist *l) {
  for (size_t p = 0; p + 1 < b->n; p++) {
    const a2b_pdf_page *pg = &b->pages[p];
    const a2b_pdf_placed *last = NULL;
    for (size_t k = 0; k < pg->n; k++)
      if (pg->items[k].kind == A2B_PDF_P_LINE) last = &pg->items[k];
    assert_non_null(last);
    size_t i = 0;
    while (l->items[i].kind != A2B_PDF_V_LINE || l->items[i].u.line != last->u.line)
      i++;
    for (i++; i < l->n && l->items[i].kind == A2B_PDF_V_GLUE; i++) {
    }
    if (i < l->n && l->items[i].kind == A2B_PDF_V_PENALTY)
      assert_true(l->items[i].penalty < A2B_PDF_INF);
  }
}

static void test_infinite_penalty(void **state) {
  (void)state;
  book b = {.arena = a2b_arena_new()};
  a2b_pdf_vlist l = {0};
  add_lines(b.arena, &l, 12, 0);
  add_glue(b.arena, &l, 0);
  add_line(b.arena, &l, PITCH, 100); /* a heading on the last line of page 1 */
  add_penalty(b.arena, &l, A2B_PDF_INF);
  add_lines(b.arena, &l, 11, 200);
  add_line(b.arena, &l, PITCH, 101); /* a heading, glue, then the penalty */
  add_glue(b.arena, &l, 0);
  add_penalty(b.arena, &l, A2B_PDF_INF);
  add_lines(b.arena, &l, 3, 300);
  assert_int_equal(paginate(&b, &l, 1), 3);
  check_in_block(&b);
  check_kept(&b, &l);
  assert_int_equal(find_line(&b, 100, NULL), 1);
  assert_int_equal(find_line(&b, 101, NULL), 2);
  assert_int_equal(count_kind(&b.pages[0], A2B_PDF_P_LINE), 12);
  book_free(&b);
}

static void test_unbreakable_run(void **state) {
  (void)state;
  book b = {.arena = a2b_arena_new()};
  a2b_pdf_vlist l = {0};
  for (int k = 0; k < 20; k++) {
    if (k) add_penalty(b.arena, &l, A2B_PDF_INF);
    add_line(b.arena, &l, PITCH, k);
  }
  assert_int_equal(paginate(&b, &l, 1), 2);
  check_in_block(&b);
  assert_int_equal(count_kind(&b.pages[0], A2B_PDF_P_LINE), 13);
  assert_int_equal(count_kind(&b.pages[1], A2B_PDF_P_LINE), 7);
  book_free(&b);
}

static void test_cheaper_break(void **state) {
  (void)state;
  book b = {.arena = a2b_arena_new()};
  a2b_pdf_vlist l = {0};
  add_lines(b.arena, &l, 13, 0);
  add_penalty(b.arena, &l, 500); /* one line earlier costs 100 */
  add_lines(b.arena, &l, 5, 13);
  assert_int_equal(paginate(&b, &l, 1), 2);
  assert_int_equal(count_kind(&b.pages[0], A2B_PDF_P_LINE), 12);
  book_free(&b);
}

static void test_forced_break(void **state) {
  (void)state;
  book b = {.arena = a2b_arena_new()};
  a2b_pdf_vlist l = {0};
  add_penalty(b.arena, &l, -A2B_PDF_INF); /* at a page top: no empty page */
  add_lines(b.arena, &l, 3, 0);
  add_penalty(b.arena, &l, -A2B_PDF_INF);
  add_glue(b.arena, &l, 10);
  add_penalty(b.arena, &l, -A2B_PDF_INF);
  add_lines(b.arena, &l, 3, 3);
  add_penalty(b.arena, &l, -2 * A2B_PDF_INF);
  add_lines(b.arena, &l, 2, 6);
  assert_int_equal(paginate(&b, &l, 1), 3);
  assert_int_equal(count_kind(&b.pages[0], A2B_PDF_P_LINE), 3);
  assert_int_equal(count_kind(&b.pages[1], A2B_PDF_P_LINE), 3);
  assert_int_equal(count_kind(&b.pages[2], A2B_PDF_P_LINE), 2);
  const a2b_pdf_placed *it;
  assert_int_equal(find_line(&b, 3, &it), 1);
  assert_near(it->y, TOP + 16);
  book_free(&b);
}

/* A table row: a BLOCK 30 pt tall holding a line (id) and a bottom rule. */
static a2b_pdf_vitem *add_row(a2b_arena *a, a2b_pdf_vlist *l, int id, const a2b_pdf_vitem *header) {
  a2b_pdf_line *line = a2b_alloc(a, sizeof *line);
  line->measure = id;
  a2b_pdf_placed *items = a2b_alloc(a, 2 * sizeof *items);
  items[0] = (a2b_pdf_placed){.kind = A2B_PDF_P_LINE, .x = 5, .y = 20, .w = 50, .h = 20};
  items[0].u.line = line;
  items[1] = (a2b_pdf_placed){.kind = A2B_PDF_P_RULE, .x = 0, .y = 30, .w = 150, .h = 0.5};
  a2b_pdf_vitem *it = a2b_pdf_vlist_push(a, l, A2B_PDF_V_BLOCK);
  it->height = 30;
  it->width = 150;
  it->x = 10;
  it->u.block.items = items;
  it->u.block.n = 2;
  it->u.block.repeat = header;
  return it;
}

static void test_table_rows(void **state) {
  (void)state;
  book b = {.arena = a2b_arena_new()};
  a2b_pdf_vlist l = {0};
  add_lines(b.arena, &l, 3, 0);
  add_glue(b.arena, &l, 10);
  /* The rows point to the header; the list holds a copy of it. */
  a2b_pdf_vlist tmp = {0};
  a2b_pdf_vitem *header = add_row(b.arena, &tmp, 1000, NULL);
  *a2b_pdf_vlist_push(b.arena, &l, A2B_PDF_V_BLOCK) = *header;
  add_penalty(b.arena, &l, A2B_PDF_INF);
  for (int k = 1; k <= 12; k++) {
    if (k > 1) add_penalty(b.arena, &l, 0);
    add_row(b.arena, &l, 100 + k, header);
  }
  add_glue(b.arena, &l, 0);
  add_lines(b.arena, &l, 2, 50);
  assert_int_equal(paginate(&b, &l, 1), 3);
  check_in_block(&b);
  /* The header once on each page of the table, first on the continuation. */
  const a2b_pdf_placed *it;
  for (int p = 0; p < 3; p++) {
    size_t headers = 0;
    for (size_t k = 0; k < b.pages[p].n; k++) {
      it = &b.pages[p].items[k];
      headers += it->kind == A2B_PDF_P_LINE && it->u.line->measure == 1000;
    }
    assert_int_equal(headers, p < 2);
  }
  it = &b.pages[1].items[0];
  assert_true(it->kind == A2B_PDF_P_LINE && it->u.line->measure == 1000);
  assert_near(it->y, TOP + 20);
  assert_near(it->x, OUTER + 10 + 5);
  /* Rows whole: each row's rule on its line's page, 10 pt below it. */
  for (int k = 1; k <= 12; k++) {
    int p = find_line(&b, 100 + k, &it);
    assert_int_equal(p, k <= 5 ? 0 : 1);
    bool rule = false;
    for (size_t j = 0; j < b.pages[p].n; j++) {
      const a2b_pdf_placed *r = &b.pages[p].items[j];
      rule |= r->kind == A2B_PDF_P_RULE && r->y == it->y + 10 && r->w == 150;
    }
    assert_true(rule);
  }
  assert_int_equal(find_line(&b, 50, NULL), 1);
  assert_int_equal(find_line(&b, 51, NULL), 2);
  book_free(&b);
}

static void test_tall_box(void **state) {
  (void)state;
  book b = {.arena = a2b_arena_new()};
  a2b_pdf_vlist l = {0};
  add_lines(b.arena, &l, 2, 0);
  add_glue(b.arena, &l, 0);
  a2b_pdf_vitem *img = a2b_pdf_vlist_push(b.arena, &l, A2B_PDF_V_IMAGE);
  img->height = 400; /* taller than the text block: alone on its page */
  img->width = 100;
  add_glue(b.arena, &l, 0);
  add_lines(b.arena, &l, 2, 2);
  assert_int_equal(paginate(&b, &l, 1), 3);
  assert_int_equal(b.pages[1].n, 1);
  assert_int_equal(b.pages[1].items[0].kind, A2B_PDF_P_IMAGE);
  assert_near(b.pages[1].items[0].y, TOP);
  assert_int_equal(find_line(&b, 2, NULL), 2);
  book_free(&b);
}

/* A footnote body of `n` lines 12 pt high with ids from `id`. */
static a2b_pdf_vlist *footnote(a2b_arena *a, int n, int id) {
  a2b_pdf_vlist *fn = a2b_alloc(a, sizeof *fn);
  for (int k = 0; k < n; k++)
    add_line(a, fn, 12, id + k);
  return fn;
}

/* Footnote lines below the page's body, above the bottom margin, after a
 * rule; returns how many the page holds. */
static size_t check_foot(const a2b_pdf_page *pg) {
  double body_end = TOP, foot_start = TOP + BODY, rule = -1;
  size_t n = 0;
  for (size_t k = 0; k < pg->n; k++) {
    const a2b_pdf_placed *it = &pg->items[k];
    if (it->kind == A2B_PDF_P_RULE) rule = it->y;
    if (it->kind != A2B_PDF_P_LINE) continue;
    if (it->u.line->measure >= 1000) {
      n++;
      if (it->y - 0.8 * it->h < foot_start) foot_start = it->y - 0.8 * it->h;
      assert_true(it->y <= TOP + BODY + EPS);
    } else {
      body_end = it->y + 0.2 * it->h;
      assert_true(n == 0); /* body lines come first */
    }
  }
  if (n) {
    assert_true(rule > body_end - EPS && rule < foot_start);
    assert_near(foot_start - rule, GAP / 2);
  }
  return n;
}

static void test_footnotes(void **state) {
  (void)state;
  book b = {.arena = a2b_arena_new()};
  a2b_pdf_vlist l = {0};
  add_lines(b.arena, &l, 13, 0);
  l.items[2 * 9].footnotes = footnote(b.arena, 2, 1000); /* line 9 */
  add_penalty(b.arena, &l, 0);
  add_lines(b.arena, &l, 13, 13);
  l.items[2 * 23].footnotes = footnote(b.arena, 2, 1100); /* would be line 13 of page 2 */
  assert_int_equal(paginate(&b, &l, 1), 3);
  check_in_block(&b);
  /* Page 1: 11 lines leave 40 pt for the gap and two footnote lines. */
  assert_int_equal(count_kind(&b.pages[0], A2B_PDF_P_LINE), 11 + 2);
  assert_int_equal(check_foot(&b.pages[0]), 2);
  const a2b_pdf_placed *it;
  assert_int_equal(find_line(&b, 1001, &it), 0);
  assert_near(it->y, TOP + BODY - 0.2 * 12);
  /* Line 23 does not fit with its footnote: both move to page 3. */
  assert_int_equal(find_line(&b, 22, NULL), 1);
  assert_int_equal(find_line(&b, 23, NULL), 2);
  assert_int_equal(find_line(&b, 1100, NULL), 2);
  assert_int_equal(check_foot(&b.pages[1]), 0);
  assert_int_equal(check_foot(&b.pages[2]), 2);
  book_free(&b);
}

static void test_long_footnote(void **state) {
  (void)state;
  book b = {.arena = a2b_arena_new()};
  a2b_pdf_vlist l = {0};
  add_lines(b.arena, &l, 40, 0);
  l.items[2 * 1].footnotes = footnote(b.arena, 50, 1000);
  l.items[2 * 3].footnotes = footnote(b.arena, 3, 2000); /* waits for the first */
  paginate(&b, &l, 1);
  check_in_block(&b);
  /* Every footnote line once, in order, from the page of its reference. */
  int prev_page = 0;
  for (int k = 0; k < 50; k++) {
    int p = find_line(&b, 1000 + k, NULL);
    assert_true(p >= prev_page);
    prev_page = p;
  }
  assert_int_equal(find_line(&b, 1000, NULL), find_line(&b, 1, NULL));
  assert_true(prev_page > 0); /* continued */
  assert_int_equal(find_line(&b, 2000, NULL), find_line(&b, 3, NULL));
  assert_true(find_line(&b, 2000, NULL) >= prev_page);
  size_t notes = 0;
  for (size_t p = 0; p < b.n; p++)
    notes += check_foot(&b.pages[p]);
  assert_int_equal(notes, 53);
  for (int k = 0; k < 40; k++)
    assert_true(find_line(&b, k, NULL) >= 0);
  book_free(&b);
}

static void test_footnotes_after_text(void **state) {
  (void)state;
  book b = {.arena = a2b_arena_new()};
  a2b_pdf_vlist l = {0};
  add_lines(b.arena, &l, 2, 0);
  l.items[2].footnotes = footnote(b.arena, 60, 1000); /* longer than two pages */
  assert_int_equal(paginate(&b, &l, 1), 4);
  size_t notes = 0;
  for (size_t p = 0; p < b.n; p++)
    notes += check_foot(&b.pages[p]);
  assert_int_equal(notes, 60);
  book_free(&b);
}

static const a2b_pdf_shade code = {.x = 0, .width = 150, .fill = 0xEEEEEE, .bar = A2B_PDF_NO_FILL};
static const a2b_pdf_shade quote = {
    .x = 5, .width = 140, .fill = A2B_PDF_NO_FILL, .bar = 0x888888, .bar_width = 3};

static void test_shades(void **state) {
  (void)state;
  book b = {.arena = a2b_arena_new()};
  a2b_pdf_vlist l = {0};
  add_lines(b.arena, &l, 30, 0);
  for (size_t i = 0; i < l.n; i++) {
    a2b_pdf_vitem *it = &l.items[i];
    int id = it->kind == A2B_PDF_V_LINE ? (int)it->u.line->measure : -1;
    bool in = i > 2 * 4 && i <= 2 * 23; /* lines 5..23 and the penalties between */
    if (in) it->shades[it->shade_depth++] = &quote;
    if (id >= 10 && id <= 20) it->shades[it->shade_depth++] = &code;
  }
  assert_int_equal(paginate(&b, &l, 1), 3);
  struct {
    double y0, y1;
    uint32_t color;
    double x, w;
  } want[2][2] = {
      {{TOP + 5 * PITCH, TOP + BODY, 0x888888, INNER + 5, 3},
       {TOP + 10 * PITCH, TOP + BODY, 0xEEEEEE, INNER, 150}},
      {{TOP, TOP + 11 * PITCH, 0x888888, OUTER + 5, 3},
       {TOP, TOP + 8 * PITCH, 0xEEEEEE, OUTER, 150}},
  };
  for (int p = 0; p < 2; p++) {
    const a2b_pdf_page *pg = &b.pages[p];
    assert_int_equal(count_kind(pg, A2B_PDF_P_RECT), 2);
    for (int r = 0; r < 2; r++) { /* outer first, before any line */
      const a2b_pdf_placed *it = &pg->items[r];
      assert_int_equal(it->kind, A2B_PDF_P_RECT);
      assert_near(it->y, want[p][r].y0);
      assert_near(it->y + it->h, want[p][r].y1);
      assert_int_equal(it->color, want[p][r].color);
      assert_near(it->x, want[p][r].x);
      assert_near(it->w, want[p][r].w);
    }
  }
  assert_int_equal(count_kind(&b.pages[2], A2B_PDF_P_RECT), 0);
  book_free(&b);
}

static void test_marks_and_anchors(void **state) {
  (void)state;
  book b = {.arena = a2b_arena_new()};
  a2b_pdf_vlist l = {0};
  a2b_article art = {.rel_path = "a.md"};
  add_lines(b.arena, &l, 12, 0);
  add_glue(b.arena, &l, 0);
  a2b_pdf_vitem *mark = a2b_pdf_vlist_push(b.arena, &l, A2B_PDF_V_MARK);
  mark->u.mark.dest = "h1";
  mark->u.mark.outline_title = "Heading";
  mark->u.mark.outline_level = 1;
  mark->u.mark.article = &art;
  a2b_pdf_vitem *h = add_line(b.arena, &l, 2 * PITCH, 100);
  static const char *anchors[] = {"x"};
  h->u.line->anchors = anchors;
  h->u.line->n_anchors = 1;
  add_penalty(b.arena, &l, A2B_PDF_INF);
  add_lines(b.arena, &l, 2, 200);
  assert_int_equal(paginate(&b, &l, 1), 2);
  const a2b_pdf_page *pg = &b.pages[1];
  assert_ptr_equal(pg->article, &art);
  assert_null(b.pages[0].article);
  assert_int_equal(pg->items[0].kind, A2B_PDF_P_DEST);
  assert_string_equal(pg->items[0].u.dest.name, "h1");
  assert_string_equal(pg->items[0].u.dest.outline_title, "Heading");
  assert_int_equal(pg->items[0].u.dest.outline_level, 1);
  assert_near(pg->items[0].y, TOP);
  assert_int_equal(pg->items[1].kind, A2B_PDF_P_DEST);
  assert_string_equal(pg->items[1].u.dest.name, "x");
  /* A two-pitch heading: baseline on the grid's second line. */
  assert_near(pg->items[2].y, TOP + 1.8 * PITCH);
  const a2b_pdf_placed *next;
  find_line(&b, 200, &next);
  assert_near(next->y, TOP + 2.8 * PITCH);
  book_free(&b);
}

typedef struct heap_watch {
  int pages;
  size_t at10, peak;
} heap_watch;

static void watch(void *ctx, a2b_pdf_page *page) {
  heap_watch *w = ctx;
  (void)page;
  size_t used = mallinfo2().uordblks;
  if (++w->pages == 10) w->at10 = used;
  if (used > w->peak) w->peak = used;
}

static void test_memory_per_page(void **state) {
  (void)state;
  a2b_arena *a = a2b_arena_new();
  a2b_pdf_vlist l = {0};
  add_lines(a, &l, 10000, 0);
  a2b_arena *scratch = a2b_arena_new();
  heap_watch w = {0};
  int n = a2b_pdf_paginate(&l, &geom, 1, scratch, watch, &w);
  assert_int_equal(n, (10000 + 12) / 13);
  assert_int_equal(w.pages, n);
  /* Without the reset each page would keep about 3 KB: 2 MB in all. */
  assert_true(w.peak - w.at10 < 16 * 1024);
  a2b_arena_free(scratch);
  a2b_arena_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fill_pages),
      cmocka_unit_test(test_body_lines_on_the_grid),
      cmocka_unit_test(test_glue_discarded_at_top),
      cmocka_unit_test(test_infinite_penalty),
      cmocka_unit_test(test_unbreakable_run),
      cmocka_unit_test(test_cheaper_break),
      cmocka_unit_test(test_forced_break),
      cmocka_unit_test(test_table_rows),
      cmocka_unit_test(test_tall_box),
      cmocka_unit_test(test_footnotes),
      cmocka_unit_test(test_long_footnote),
      cmocka_unit_test(test_footnotes_after_text),
      cmocka_unit_test(test_shades),
      cmocka_unit_test(test_marks_and_anchors),
      cmocka_unit_test(test_memory_per_page),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
