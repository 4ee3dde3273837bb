/* The PDF digest: title page, contents, articles.
 *
 * One layout pass, in a forked child (child.h), and painting in this
 * process, so the two use both cores and share no pango or cairo state. The
 * child lays out and paginates the book, renders each page to drawing
 * records (render.h) and sends them down a pipe; this process paints them
 * (paint.h) as they arrive.
 *
 * cairo cannot go back to a page, yet the contents need every article's
 * page number. The contents are laid out first with placeholder numbers,
 * only to learn how many pages they take (an entry's lines do not depend on
 * its number); the articles follow, numbered after them; then the contents
 * are laid out again with the numbers learnt and painted last, and the
 * painter moves their pages to the front (pagetree.h).
 *
 * Each article's layout lives in its own arena, freed once it is rendered,
 * and pages stream through the pipe, so memory does not grow with the book. */
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
#include "pdf/child.h"
#include "pdf/drawing.h"
#include "pdf/frontpages.h"
#include "pdf/layout.h"
#include "pdf/paginate.h"
#include "pdf/paint.h"
#include "pdf/render.h"
#include "pdf/wire.h"
#include "strmap.h"

typedef struct run {
  const a2b_book *book;
  const a2b_options *opts;
  a2b_diags *d;
  a2b_pdf_style st;
  a2b_pdf_ts *ts;
  a2b_pdf_geometry g;
  /* in the layout child */
  a2b_arena *scratch;        /* pagination, reset per page */
  a2b_wire_out *wire;        /* to the painter */
  a2b_pdf_renderer *renderer;
  a2b_strmap *dest_pages;    /* destination name -> page number (as intptr_t) */
  int next_page;             /* number of the next page to emit */
  size_t pages_sent;
  const a2b_article *article; /* being emitted */
  FILE *json;                /* --dump-layout pages go here, or NULL */
  bool first_json_page;
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

/* Placeholder contents: only counted. */
static void count_page(void *ctx, a2b_pdf_page *page) {
  run *r = ctx;
  r->next_page = page->number + 1;
}

/* Running heads, destinations noted, rendered, dumped. */
static void send_page(void *ctx, a2b_pdf_page *page) {
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
  for (size_t i = 0; i < page->n; i++)
    if (page->items[i].kind == A2B_PDF_P_DEST)
      a2b_strmap_put(r->dest_pages, page->items[i].u.dest.name, (void *)(intptr_t)page->number);
  a2b_pdf_render_page(r->renderer, page);
  r->pages_sent++;
  if (r->json) {
    fputs(r->first_json_page ? "[\n" : ",\n", r->json);
    a2b_pdf_dump_page(r->json, page);
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

/* ---- laying out ----------------------------------------------------------- */

static a2b_pdf_layout_ctx layout_ctx(run *r, a2b_arena *arena, a2b_diags *d) {
  a2b_pdf_layout_ctx c = {
      .ts = r->ts,
      .arena = arena,
      .book = r->book,
      .st = &r->st,
      .measure = r->st.page_width - r->st.margin_inner - r->st.margin_outer,
      .text_height = r->st.page_height - r->st.margin_top - r->st.margin_bottom,
      .diags = d,
  };
  return c;
}

static void emit_title_page(run *r, a2b_diags *d) {
  a2b_arena *arena = a2b_arena_new();
  a2b_pdf_layout_ctx c = layout_ctx(r, arena, d);
  a2b_pdf_vlist front = {0};
  a2b_pdf_layout_title_page(&c, &front);
  paginate(r, &front, send_page);
  a2b_arena_free(arena);
}

/* The contents from r->next_page, numbered from `page_of` (NULL:
 * placeholders). Returns the number of pages. */
static int emit_contents(run *r, a2b_pdf_emit_fn emit, const a2b_strmap *page_of, a2b_diags *d) {
  a2b_arena *arena = a2b_arena_new();
  a2b_pdf_layout_ctx c = layout_ctx(r, arena, d);
  a2b_pdf_vlist toc = {0};
  a2b_pdf_layout_contents(&c, page_of, &toc);
  int n = paginate(r, &toc, emit);
  a2b_arena_free(arena);
  return n;
}

/* Article i, from r->next_page (after a blank page for --recto). */
static void emit_article(run *r, size_t i, a2b_diags *d) {
  const a2b_article *art = r->book->articles[i];
  if (r->st.recto && r->next_page % 2 == 0) emit_blank_page(r, send_page);
  a2b_arena *arena = a2b_arena_new();
  a2b_pdf_layout_ctx c = layout_ctx(r, arena, d);
  a2b_pdf_vlist body = {0};
  a2b_pdf_layout_article(&c, art, &body);
  r->article = art;
  paginate(r, &body, send_page);
  r->article = NULL;
  a2b_arena_free(arena);
}

/* The cover, page 1 (an empty page in the dump). */
static void send_cover(run *r) {
  a2b_wire_u32(r->wire, A2B_DRAW_PAGE);
  a2b_wire_f64(r->wire, r->st.page_width);
  a2b_wire_f64(r->wire, r->st.page_height);
  a2b_wire_u32(r->wire, A2B_DRAW_COVER);
  a2b_wire_ptr(r->wire, r->book);
  a2b_wire_u32(r->wire, A2B_DRAW_SHOW_PAGE);
  r->pages_sent++;
  a2b_pdf_page page = {.number = r->next_page, .width = r->st.page_width,
                       .height = r->st.page_height};
  if (r->json) {
    fputs("[\n", r->json);
    a2b_pdf_dump_page(r->json, &page);
    r->first_json_page = false;
  }
  r->next_page++;
}

/* Send what `d` holds so far (a DIAGS record) and empty it. */
static void send_diags(run *r, a2b_diags *d) {
  if (!d->n) return;
  a2b_wire_u32(r->wire, A2B_DRAW_DIAGS);
  a2b_wire_diags(r->wire, d);
  a2b_diags_clear(d);
}

/* Append the JSON of `from` (the articles' pages) to r->json. */
static bool append_json(run *r, FILE *from) {
  char buf[65536];
  size_t n;
  if (fflush(from) != 0 || fseek(from, 0, SEEK_SET) != 0) return false;
  while ((n = fread(buf, 1, sizeof buf, from)) > 0)
    if (fwrite(buf, 1, n, r->json) != n) return false;
  return !ferror(from);
}

/* The layout child: the whole book as drawing records; layout warnings as
 * DIAGS records after each part; the JSON dump, in page order (the
 * articles' pages wait in a temporary file while the contents are laid out
 * again). Returns false when the painter went away. */
static bool lay_out_book(void *ctx, int fd) {
  run *r = ctx;
  a2b_wire_out *w = malloc(sizeof *w);
  a2b_wire_out_init(w, fd);
  r->wire = w;
  a2b_diags d = {0}, repeated = {0};
  r->ts = a2b_pdf_ts_new(&r->st, r->opts->font_dir, &d);
  if (!r->ts) {
    a2b_wire_u32(w, A2B_DRAW_END);
    a2b_wire_diags(w, &d);
    a2b_wire_flush(w);
    return false;
  }
  a2b_pdf_ts_set_lang(r->ts, r->book->lang);
  r->scratch = a2b_arena_new();
  r->dest_pages = a2b_strmap_new();
  r->renderer = a2b_pdf_renderer_new(r->ts, &r->st, w);
  r->first_json_page = true;
  const char *json_path = r->opts->dump_layout_path;
  FILE *json = json_path ? fopen(json_path, "w") : NULL, *later = NULL;
  if (json_path && !json)
    a2b_report(&d, A2B_ERROR, json_path, 0, 0, "cannot write: %s", strerror(errno));
  if (json && !(later = tmpfile()))
    a2b_report(&d, A2B_ERROR, json_path, 0, 0, "cannot write: %s", strerror(errno));
  r->json = json;

  r->next_page = 1;
  if (r->book->draw_cover || r->book->cover) send_cover(r);
  emit_title_page(r, &d);
  int contents_at = r->next_page;
  int n_contents = emit_contents(r, count_page, NULL, &d);
  send_diags(r, &d);
  r->json = later;
  for (size_t i = 0; i < r->book->n_articles; i++) {
    emit_article(r, i, &d);
    send_diags(r, &d);
  }
  int after = r->next_page;
  r->next_page = contents_at;
  r->json = json;
  a2b_pdf_ts_set_diags(r->ts, &repeated);
  size_t before = r->pages_sent;
  int again = emit_contents(r, send_page, r->dest_pages, &repeated);
  a2b_pdf_ts_set_diags(r->ts, &d);
  if (again != n_contents)
    a2b_report(&d, A2B_ERROR, NULL, 0, 0,
               "internal error: the contents took %d pages, then %d", n_contents, again);
  a2b_wire_u32(w, A2B_DRAW_MOVE);
  a2b_wire_u32(w, (uint32_t)(r->pages_sent - before));
  a2b_wire_u32(w, (uint32_t)(contents_at - 1));
  r->next_page = after;
  if (json) {
    bool ok = !later || append_json(r, later);
    fputs(r->first_json_page ? "[]\n" : "\n]\n", json);
    if (fclose(json) != 0 || !ok)
      a2b_report(&d, A2B_ERROR, json_path, 0, 0, "cannot write: %s", strerror(errno));
  }
  if (later) fclose(later);
  a2b_wire_u32(w, A2B_DRAW_END);
  a2b_wire_diags(w, &d);
  bool ok = a2b_wire_flush(w);
  a2b_pdf_renderer_free(r->renderer);
  a2b_strmap_free(r->dest_pages);
  a2b_arena_free(r->scratch);
  a2b_diags_clear(&d);
  a2b_diags_clear(&repeated);
  free(w);
  return ok;
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

/* Paint what `child` sends into the atomic temporary file; reap it.
 * Returns an exit status. */
static int paint_into_file(run *r, a2b_pdf_child *child) {
  a2b_atomic_file *af = a2b_atomic_open(r->opts->pdf_path, r->d);
  FILE *out = af ? fopen(a2b_atomic_temp_path(af), "w+b") : NULL;
  if (af && !out) {
    a2b_report(r->d, A2B_ERROR, r->opts->pdf_path, 0, 0, "cannot write: %s", strerror(errno));
    a2b_atomic_abort(af);
  }
  if (!out) {
    a2b_pdf_child_finish(child, true, r->d);
    return A2B_EXIT_IO;
  }
  a2b_arena *meta_arena = a2b_arena_new();
  char date[32];
  iso_date(build_time(), date);
  a2b_pdf_meta meta = {r->book->title, joined_authors(meta_arena, r->book),
                       r->book->description ? r->book->description : r->book->subtitle,
                       keywords(meta_arena, r->book), "art2book " A2B_VERSION, date, date};
  a2b_pdf_painter *painter = a2b_pdf_painter_new(out, r->ts, &r->st, &meta, r->d);
  bool ok = painter != NULL, complete = false;
  if (ok) {
    a2b_wire_in *in = malloc(sizeof *in);
    a2b_wire_in_init(in, child->fd);
    size_t errors = r->d->n_errors;
    complete = a2b_pdf_paint_stream(painter, in);
    free(in);
    ok = complete && r->d->n_errors == errors && a2b_pdf_painter_finish(painter);
  }
  ok = a2b_pdf_child_finish(child, !complete, r->d) && ok;
  a2b_pdf_painter_free(painter);
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

/* Start the layout child and paint what it sends into the atomic temporary
 * file. Returns an exit status.
 *
 * The child is started before this process makes any pango object: pango
 * runs fontconfig work on threads of its own, and a fork while one of them
 * holds fontconfig's lock would leave the child's copy locked for ever. So
 * each process has its own typesetter; this one only loads the fonts the
 * child names, and its warnings (the same as the child's) are dropped. */
static int paint_book(run *r) {
  a2b_pdf_child child;
  if (!a2b_pdf_child_start(&child, lay_out_book, r, r->d)) return A2B_EXIT_IO;
  a2b_diags same = {0};
  r->ts = a2b_pdf_ts_new(&r->st, r->opts->font_dir, &same);
  if (!r->ts) {
    a2b_diags_merge(r->d, &same);
    a2b_pdf_child_finish(&child, true, r->d);
    return A2B_EXIT_IO;
  }
  a2b_diags_clear(&same);
  int status = paint_into_file(r, &child);
  a2b_pdf_ts_free(r->ts);
  return status;
}

int a2b_pdf_write(const a2b_book *book, const a2b_options *opts, a2b_diags *d) {
  run r = {.book = book, .opts = opts, .d = d};
  if (!a2b_pdf_style_load(&r.st, opts->style_path, opts->paper, d)) return A2B_EXIT_USAGE;
  if (opts->recto) r.st.recto = true;
  geometry_from_style(&r.g, &r.st);
  int status = paint_book(&r);
  a2b_pdf_style_free(&r.st);
  return status;
}
