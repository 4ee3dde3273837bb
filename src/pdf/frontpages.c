#include "pdf/frontpages.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "date.h"

/* Words of the front pages in the book's language. */
typedef struct words {
  const char *contents;
  const char *count_fmt; /* printf format with one %zu */
} words;

static words words_for(const char *lang) {
  if (!strncmp(lang, "zh", 2)) {
    bool hant = strstr(lang, "Hant") || strstr(lang, "TW") || strstr(lang, "HK");
    return (words){hant ? "目錄" : "目录", hant ? "共 %zu 篇文章" : "共 %zu 篇文章"};
  }
  if (!strncmp(lang, "ja", 2)) return (words){"目次", "全 %zu 本の記事"};
  return (words){"Contents", "%zu articles"};
}

static a2b_pdf_span span_of(const char *text, a2b_pdf_face face, double size, bool bold) {
  a2b_pdf_span s = {0};
  s.text = text;
  s.len = strlen(text);
  s.face = face;
  s.size = size;
  s.bold = bold;
  return s;
}

static a2b_pdf_para para_of(a2b_pdf_layout_ctx *c, double size, double pitch, a2b_pdf_align align) {
  a2b_pdf_para p = {0};
  p.lang = c->book->lang;
  p.size = size;
  p.pitch = pitch;
  p.measure = c->measure;
  p.align = align;
  p.role = A2B_PDF_ROLE_META;
  return p;
}

static void glue(a2b_pdf_layout_ctx *c, a2b_pdf_vlist *out, double height) {
  a2b_pdf_vitem *g = a2b_pdf_vlist_push(c->arena, out, A2B_PDF_V_GLUE);
  g->height = height;
}

static void centred(a2b_pdf_layout_ctx *c, a2b_pdf_vlist *out, const char *text, a2b_pdf_face face,
                    double size, double pitch, bool bold) {
  if (!text || !*text) return;
  a2b_pdf_span s = span_of(text, face, size, bold);
  a2b_pdf_para p = para_of(c, size, pitch, A2B_PDF_CENTER);
  a2b_pdf_balance(c, &s, 1, &p);
  a2b_pdf_set_para(c->ts, c->arena, &s, 1, &p, out, NULL);
}

/* "2024-03-01 – 2024-06-01" over the articles with a date, or NULL. */
static const char *date_range(a2b_pdf_layout_ctx *c) {
  const a2b_date *first = NULL, *last = NULL;
  for (size_t i = 0; i < c->book->n_articles; i++) {
    const a2b_date *d = &c->book->articles[i]->date;
    if (!d->set) continue;
    if (!first || a2b_date_cmp(d, first) < 0) first = d;
    if (!last || a2b_date_cmp(d, last) > 0) last = d;
  }
  if (!first) return NULL;
  char a[32], b[32];
  a2b_date_format(first, false, a);
  a2b_date_format(last, false, b);
  return strcmp(a, b) ? a2b_sprintf(c->arena, "%s – %s", a, b) : a2b_strdup(c->arena, a);
}

void a2b_pdf_layout_title_page(a2b_pdf_layout_ctx *c, a2b_pdf_vlist *out) {
  const a2b_pdf_style *st = c->st;
  double text_height = st->page_height - st->margin_top - st->margin_bottom;
  double big = st->heading_size[0] * 1.6;
  glue(c, out, text_height * 0.22);
  centred(c, out, c->book->title, A2B_PDF_FACE_HEADING, big, big * 1.5, true);
  glue(c, out, st->line_pitch * 0.5);
  centred(c, out, c->book->subtitle, A2B_PDF_FACE_HEADING, st->heading_size[2],
          st->heading_size[2] * 1.6, false);
  glue(c, out, text_height * 0.25);
  a2b_buf authors = A2B_BUF_INIT;
  for (size_t i = 0; i < c->book->authors.n; i++) {
    if (i) a2b_buf_puts(&authors, "  ");
    a2b_buf_puts(&authors, c->book->authors.items[i]);
  }
  centred(c, out, a2b_strdup(c->arena, a2b_buf_cstr(&authors)), A2B_PDF_FACE_BODY, st->body_size,
          st->line_pitch, false);
  a2b_buf_free(&authors);
  centred(c, out, date_range(c), A2B_PDF_FACE_BODY, st->small_size, st->small_pitch, false);
  words w = words_for(c->book->lang);
  centred(c, out, a2b_sprintf(c->arena, w.count_fmt, c->book->n_articles), A2B_PDF_FACE_BODY,
          st->small_size, st->small_pitch, false);
  centred(c, out, c->book->publisher, A2B_PDF_FACE_BODY, st->small_size, st->small_pitch, false);
}

/* Destination name of a contents entry. */
static const char *entry_dest(a2b_pdf_layout_ctx *c, const a2b_toc_entry *e) {
  if (e->fragment) return e->fragment;
  char buf[32];
  return a2b_strdup(c->arena, a2b_pdf_article_dest(e->article, buf));
}

/* One entry: its title set in the column left of the page numbers, dot
 * leaders after its last line, the number flush right; one BLOCK so an
 * entry never splits across pages. */
static void contents_entry(a2b_pdf_layout_ctx *c, const a2b_toc_entry *e, const char *number,
                           a2b_pdf_vlist *out) {
  const a2b_pdf_style *st = c->st;
  double size = e->level == 0 ? st->body_size : st->small_size;
  double pitch = e->level == 0 ? st->line_pitch : st->small_pitch;
  double number_col = 3 * st->body_size;
  double indent = e->level * 1.5 * st->body_size;
  const char *dest = entry_dest(c, e);

  a2b_pdf_span title = span_of(e->title, e->level == 0 ? A2B_PDF_FACE_HEADING : A2B_PDF_FACE_BODY,
                               size, false);
  title.link_dest = dest;
  a2b_pdf_para p = para_of(c, size, pitch, A2B_PDF_LEFT);
  p.left = indent;
  p.measure = c->measure - indent - number_col;
  a2b_pdf_vlist lines = {0};
  size_t n = a2b_pdf_set_para(c->ts, c->arena, &title, 1, &p, &lines, NULL);
  if (n == 0) return;

  a2b_pdf_vitem *block = a2b_pdf_vlist_push(c->arena, out, A2B_PDF_V_BLOCK);
  block->width = c->measure;
  block->height = n * pitch;
  size_t cap = n + 2;
  block->u.block.items = a2b_alloc(c->arena, cap * sizeof *block->u.block.items);
  double baseline = 0;
  const a2b_pdf_line *last = NULL;
  for (size_t i = 0; i < lines.n; i++) {
    if (lines.items[i].kind != A2B_PDF_V_LINE) continue;
    baseline += pitch;
    a2b_pdf_placed *pl = &block->u.block.items[block->u.block.n++];
    last = lines.items[i].u.line;
    *pl = (a2b_pdf_placed){.kind = A2B_PDF_P_LINE, .x = last->x, .y = baseline - pitch * 0.2,
                           .w = last->width, .h = pitch};
    pl->u.line = last;
  }
  a2b_pdf_span num = span_of(number, A2B_PDF_FACE_BODY, size, false);
  num.link_dest = dest;
  double num_width = 0;
  a2b_pdf_para np = para_of(c, size, pitch, A2B_PDF_LEFT);
  a2b_pdf_line *num_line = a2b_pdf_set_line(c->ts, c->arena, &num, 1, &np, &num_width, NULL);
  double y = baseline - pitch * 0.2; /* as pagination places lines in their slot */
  /* Leaders between the end of the title and the number column. */
  double from = last->x + last->width + 0.5 * size;
  double to = c->measure - num_width - 0.5 * size;
  a2b_pdf_span dot = span_of(" .", A2B_PDF_FACE_BODY, size, false);
  double dot_width = 0;
  a2b_pdf_set_line(c->ts, c->arena, &dot, 1, &np, &dot_width, NULL);
  if (dot_width > 0 && to - from > dot_width) {
    size_t k = (size_t)((to - from) / dot_width);
    char *dots = a2b_alloc(c->arena, 2 * k + 1);
    for (size_t i = 0; i < k; i++) memcpy(dots + 2 * i, " .", 2);
    a2b_pdf_span leader = span_of(dots, A2B_PDF_FACE_BODY, size, false);
    leader.color = 0x808080;
    double w = 0;
    a2b_pdf_line *leader_line = a2b_pdf_set_line(c->ts, c->arena, &leader, 1, &np, &w, NULL);
    a2b_pdf_placed *pl = &block->u.block.items[block->u.block.n++];
    *pl = (a2b_pdf_placed){.kind = A2B_PDF_P_LINE, .x = to - w, .y = y};
    pl->u.line = leader_line;
  }
  a2b_pdf_placed *pl = &block->u.block.items[block->u.block.n++];
  *pl = (a2b_pdf_placed){.kind = A2B_PDF_P_LINE, .x = c->measure - num_width, .y = y};
  pl->u.line = num_line;
}

void a2b_pdf_layout_contents(a2b_pdf_layout_ctx *c, const a2b_strmap *page_of,
                             a2b_pdf_vlist *out) {
  words w = words_for(c->book->lang);
  a2b_pdf_vitem *mark = a2b_pdf_vlist_push(c->arena, out, A2B_PDF_V_MARK);
  mark->u.mark.dest = "contents";
  mark->u.mark.outline_title = w.contents;
  mark->u.mark.outline_level = 0;
  double size = c->st->heading_size[1];
  a2b_pdf_span head = span_of(w.contents, A2B_PDF_FACE_HEADING, size, true);
  a2b_pdf_para p = para_of(c, size, c->st->line_pitch * 2, A2B_PDF_LEFT);
  a2b_pdf_set_para(c->ts, c->arena, &head, 1, &p, out, NULL);
  glue(c, out, c->st->line_pitch);
  for (size_t i = 0; i < c->book->n_toc; i++) {
    const a2b_toc_entry *e = &c->book->toc[i];
    const char *number = "000";
    if (page_of) {
      intptr_t page = (intptr_t)a2b_strmap_get(page_of, entry_dest(c, e));
      number = page ? a2b_sprintf(c->arena, "%ld", (long)page) : "";
    }
    if (e->level == 0 && i > 0) glue(c, out, c->st->line_pitch * 0.25);
    contents_entry(c, e, number, out);
  }
}
