/* The PDF digest: title page, contents, articles.
 *
 * cairo cannot go back to a page, so the page numbers the contents show are
 * learnt first: pass 1 lays out and paginates everything, keeping only page
 * numbers; pass 2 lays out again (shaping is cached) and paints page by page.
 * Each article's layout lives in its own arena, freed once it is painted, so
 * memory does not grow with the book. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "atomic.h"
#include "buf.h"
#include "date.h"
#include "pdf.h"
#include "pdf/frontpages.h"
#include "pdf/layout.h"
#include "pdf/paginate.h"
#include "pdf/paint.h"
#include "strmap.h"

typedef struct run {
  const a2b_book *book;
  const a2b_options *opts;
  a2b_diags *d;
  a2b_diags *layout_d;     /* where layout warnings go: `d` in the first pass,
                              a collector thrown away in the second (the same
                              warnings again) */
  a2b_pdf_style st;
  a2b_pdf_ts *ts;
  a2b_pdf_geometry g;
  a2b_arena *scratch;      /* pagination, reset per page */
  /* pass 1 results */
  a2b_strmap *dest_pages;  /* destination name -> page number (as intptr_t) */
  int next_page;           /* number of the next page to emit */
  /* pass 2 */
  a2b_pdf_painter *painter;
  FILE *layout_json;       /* --dump-layout, or NULL */
  bool first_json_page;
  const a2b_article *article; /* being emitted */
} run;

static void geometry_from_style(a2b_pdf_geometry *g, const a2b_pdf_style *st) {
  g->page_width = st->page_width;
  g->page_height = st->page_height;
  g->top = st->margin_top;
  g->bottom = st->margin_bottom;
  g->inner = st->margin_inner;
  g->outer = st->margin_outer;
  g->pitch = st->line_pitch;
  g->footnote_gap = st->line_pitch;
}

/* ---- emitting pages ------------------------------------------------------- */

static void record_dests(run *r, const a2b_pdf_page *page) {
  for (size_t i = 0; i < page->n; i++)
    if (page->items[i].kind == A2B_PDF_P_DEST)
      a2b_strmap_put(r->dest_pages, page->items[i].u.dest.name, (void *)(intptr_t)page->number);
}

/* Pass 1: remember where every destination lands. */
static void count_page(void *ctx, a2b_pdf_page *page) {
  run *r = ctx;
  record_dests(r, page);
  r->next_page = page->number + 1;
}

/* Pass 2: running heads, then paint (and dump). */
static void paint_page(void *ctx, a2b_pdf_page *page) {
  run *r = ctx;
  if (r->article && page->show_folio) { /* no running heads on an article's first page */
    bool even = page->number % 2 == 0;
    const char *book_title = r->book->title, *art_title = r->article->title;
    page->head_left = even ? book_title : NULL;
    page->head_right = even ? NULL : art_title;
    if (!r->st.recto) { /* one-sided: both heads on every page */
      page->head_left = book_title;
      page->head_right = art_title;
    }
  }
  if (r->article) page->article = r->article;
  a2b_pdf_paint_page(r->painter, page);
  if (r->layout_json) {
    fputs(r->first_json_page ? "[\n" : ",\n", r->layout_json);
    a2b_pdf_dump_page(r->layout_json, page);
    r->first_json_page = false;
  }
  r->next_page = page->number + 1;
}

static void emit_blank_page(run *r, a2b_pdf_emit_fn emit) {
  a2b_pdf_page blank = {.number = r->next_page, .show_folio = false};
  emit(r, &blank);
}

static int paginate(run *r, const a2b_pdf_vlist *list, a2b_pdf_emit_fn emit) {
  return a2b_pdf_paginate(list, &r->g, r->next_page, r->scratch, emit, r);
}

/* ---- the book --------------------------------------------------------------- */

static a2b_pdf_layout_ctx layout_ctx(run *r, a2b_arena *arena) {
  a2b_pdf_layout_ctx c = {
      .ts = r->ts,
      .arena = arena,
      .book = r->book,
      .st = &r->st,
      .measure = r->st.page_width - r->st.margin_inner - r->st.margin_outer,
      .text_height = r->st.page_height - r->st.margin_top - r->st.margin_bottom,
      .diags = r->layout_d,
  };
  return c;
}

/* Lay out and paginate the whole book once, through `emit`. `page_of`
 * gives the contents its page numbers (NULL in pass 1: placeholders). */
static void emit_book(run *r, a2b_pdf_emit_fn emit, const a2b_strmap *page_of) {
  r->next_page = 1;
  r->article = NULL;
  a2b_arena *arena = a2b_arena_new();
  a2b_pdf_layout_ctx c = layout_ctx(r, arena);
  a2b_pdf_vlist front = {0};
  a2b_pdf_layout_title_page(&c, &front);
  paginate(r, &front, emit);
  a2b_pdf_vlist toc = {0};
  a2b_pdf_layout_contents(&c, page_of, &toc);
  paginate(r, &toc, emit);
  a2b_arena_free(arena);

  for (size_t i = 0; i < r->book->n_articles; i++) {
    const a2b_article *art = r->book->articles[i];
    if (r->st.recto && r->next_page % 2 == 0) emit_blank_page(r, emit);
    arena = a2b_arena_new();
    c = layout_ctx(r, arena);
    a2b_pdf_vlist body = {0};
    a2b_pdf_layout_article(&c, art, &body);
    r->article = art;
    paginate(r, &body, emit);
    r->article = NULL;
    a2b_arena_free(arena);
  }
}

static void iso_date(time_t t, char out[32]) {
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Creation and modification dates: SOURCE_DATE_EPOCH when set, else now. */
static time_t build_time(void) {
  const char *s = getenv("SOURCE_DATE_EPOCH");
  if (s && *s) {
    char *end;
    long long v = strtoll(s, &end, 10);
    if (!*end && v >= 0) return (time_t)v;
  }
  return time(NULL);
}

/* Distinct tags of all articles, comma-separated (for /Keywords). */
static char *keywords(a2b_arena *arena, const a2b_book *book) {
  a2b_strmap *seen = a2b_strmap_new();
  a2b_buf b = A2B_BUF_INIT;
  for (size_t i = 0; i < book->n_articles; i++)
    for (size_t j = 0; j < book->articles[i]->tags.n; j++) {
      const char *tag = book->articles[i]->tags.items[j];
      if (a2b_strmap_get(seen, tag)) continue;
      a2b_strmap_put(seen, tag, (void *)tag);
      if (b.len) a2b_buf_puts(&b, ", ");
      a2b_buf_puts(&b, tag);
    }
  a2b_strmap_free(seen);
  char *s = a2b_strdup(arena, a2b_buf_cstr(&b));
  a2b_buf_free(&b);
  return s;
}

static char *joined_authors(a2b_arena *arena, const a2b_book *book) {
  a2b_buf b = A2B_BUF_INIT;
  for (size_t i = 0; i < book->authors.n; i++) {
    if (i) a2b_buf_puts(&b, ", ");
    a2b_buf_puts(&b, book->authors.items[i]);
  }
  char *s = b.len ? a2b_strdup(arena, a2b_buf_cstr(&b)) : NULL;
  a2b_buf_free(&b);
  return s;
}

/* Pass 2 into the atomic temporary file. Returns an exit status. */
static int paint_book(run *r) {
  a2b_atomic_file *af = a2b_atomic_open(r->opts->pdf_path, r->d);
  if (!af) return A2B_EXIT_IO;
  FILE *out = fopen(a2b_atomic_temp_path(af), "wb");
  if (!out) {
    a2b_report(r->d, A2B_ERROR, r->opts->pdf_path, 0, 0, "cannot write: %s", strerror(errno));
    a2b_atomic_abort(af);
    return A2B_EXIT_IO;
  }
  a2b_arena *meta_arena = a2b_arena_new();
  char date[32];
  iso_date(build_time(), date);
  a2b_pdf_meta meta = {r->book->title, joined_authors(meta_arena, r->book),
                       r->book->description ? r->book->description : r->book->subtitle,
                       keywords(meta_arena, r->book), "art2book " A2B_VERSION, date, date};
  r->painter = a2b_pdf_painter_new(out, r->ts, &r->st, &meta, r->d);
  bool ok = r->painter != NULL;
  if (ok) {
    a2b_diags repeated = {0};
    r->layout_d = &repeated;
    a2b_diags *real = a2b_pdf_ts_set_diags(r->ts, &repeated);
    emit_book(r, paint_page, r->dest_pages);
    a2b_pdf_ts_set_diags(r->ts, real);
    r->layout_d = r->d;
    a2b_diags_clear(&repeated);
    ok = a2b_pdf_painter_finish(r->painter);
    a2b_pdf_painter_free(r->painter);
  }
  a2b_arena_free(meta_arena);
  if (fclose(out) != 0 && ok) {
    a2b_report(r->d, A2B_ERROR, r->opts->pdf_path, 0, 0, "cannot write: %s", strerror(errno));
    ok = false;
  }
  if (!ok) {
    a2b_atomic_abort(af);
    return A2B_EXIT_IO;
  }
  return a2b_atomic_commit(af, r->d) == 0 ? A2B_EXIT_OK : A2B_EXIT_IO;
}

int a2b_pdf_write(const a2b_book *book, const a2b_options *opts, a2b_diags *d) {
  run r = {.book = book, .opts = opts, .d = d, .layout_d = d, .first_json_page = true};
  if (!a2b_pdf_style_load(&r.st, opts->style_path, opts->paper, d)) return A2B_EXIT_USAGE;
  if (opts->recto) r.st.recto = true;
  geometry_from_style(&r.g, &r.st);
  int status = A2B_EXIT_IO;
  r.ts = a2b_pdf_ts_new(&r.st, opts->font_dir, d);
  if (r.ts) {
    a2b_pdf_ts_set_lang(r.ts, book->lang);
    r.scratch = a2b_arena_new();
    r.dest_pages = a2b_strmap_new();
    emit_book(&r, count_page, NULL);
    if (opts->dump_layout_path) {
      r.layout_json = fopen(opts->dump_layout_path, "w");
      if (!r.layout_json)
        a2b_report(d, A2B_ERROR, opts->dump_layout_path, 0, 0, "cannot write: %s",
                   strerror(errno));
    }
    if (!opts->dump_layout_path || r.layout_json) status = paint_book(&r);
    if (r.layout_json) {
      fputs(r.first_json_page ? "[]\n" : "\n]\n", r.layout_json);
      if (fclose(r.layout_json) != 0 && status == A2B_EXIT_OK) {
        a2b_report(d, A2B_ERROR, opts->dump_layout_path, 0, 0, "cannot write: %s",
                   strerror(errno));
        status = A2B_EXIT_IO;
      }
    }
    a2b_strmap_free(r.dest_pages);
    a2b_arena_free(r.scratch);
    a2b_pdf_ts_free(r.ts);
  }
  a2b_pdf_style_free(&r.st);
  return status;
}
