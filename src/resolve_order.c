#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "resolve.h"

typedef int (*article_cmp)(const a2b_article *a, const a2b_article *b);

static int by_path(const a2b_article *a, const a2b_article *b) { return strcmp(a->path, b->path); }

static int by_date(const a2b_article *a, const a2b_article *b) {
  int c = a2b_date_cmp(&a->date, &b->date);
  return c ? c : by_path(a, b);
}

static int by_weight(const a2b_article *a, const a2b_article *b) {
  if (a->has_weight != b->has_weight) return a->has_weight ? -1 : 1;
  if (a->has_weight && a->weight != b->weight) return a->weight < b->weight ? -1 : 1;
  return by_date(a, b);
}

static int by_title(const a2b_article *a, const a2b_article *b) {
  int c = strcmp(a->title, b->title);
  return c ? c : by_path(a, b);
}

typedef struct order {
  article_cmp cmp;
  bool reverse;
} order;

static int cmp_articles(const void *pa, const void *pb, void *arg) {
  const order *o = arg;
  int c = o->cmp(*(a2b_article *const *)pa, *(a2b_article *const *)pb);
  return o->reverse ? -c : c;
}

void a2b_resolve_order(a2b_book *book, const a2b_options *opts) {
  order o = {by_date, opts->reverse};
  switch (opts->sort) {
  case A2B_SORT_WEIGHT: o.cmp = by_weight; break;
  case A2B_SORT_TITLE: o.cmp = by_title; break;
  case A2B_SORT_PATH: o.cmp = by_path; break;
  case A2B_SORT_DATE: break;
  }
  qsort_r(book->articles, book->n_articles, sizeof *book->articles, cmp_articles, &o);
  for (size_t i = 0; i < book->n_articles; i++) book->articles[i]->index = i;
}
