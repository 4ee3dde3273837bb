/* PDF block layout: articles loaded and resolved from Markdown, laid out,
 * and checked on the vertical list (marks, penalties, indents, lists,
 * tables, images, frames, footnotes, shades). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "config.h"
#include "load.h"
#include "markdown.h"
#include "pdf/layout.h"
#include "resolve.h"
#include "scan.h"

#define MEASURE 300.0
#define NEAR(a, b) (fabs((a) - (b)) < 0.01)

typedef struct fx {
  char dir[64];
  a2b_book *book;
  a2b_diags diags;
  a2b_pdf_style st;
  a2b_pdf_ts *ts;
  a2b_arena *arena;
  a2b_pdf_vlist list;
} fx;

static void style(a2b_pdf_style *st) {
  memset(st, 0, sizeof *st);
  st->body_size = 10;
  st->line_pitch = 18;
  const double hs[6] = {20, 15, 13, 12, 11, 10};
  memcpy(st->heading_size, hs, sizeof hs);
  st->small_size = 8;
  st->small_pitch = 12;
  st->code_size = 8.5;
  st->code_pitch = 13;
  st->indent_zh_em = 2;
  st->indent_ja_em = 1;
  st->paragraph_space = 9;
  st->body_cjk = "Noto Serif CJK SC";
  st->body_latin = "Noto Serif";
  st->heading_cjk = "Noto Sans CJK SC";
  st->heading_latin = "Noto Sans";
  st->mono = "Noto Sans Mono CJK SC";
  st->emphasis_cjk = "LXGW WenKai";
  st->link_color = 0x1F4E99;
  st->code_background = 0xF2F2F2;
  st->quote_bar = 0xBBBBBB;
  st->rule_color = 0x999999;
}

static int setup(void **state) {
  fx *f = calloc(1, sizeof *f);
  strcpy(f->dir, "/tmp/a2b_pdflayout_XXXXXX");
  if (!mkdtemp(f->dir)) return -1;
  style(&f->st);
  f->ts = a2b_pdf_ts_new(&f->st, NULL, &f->diags);
  if (!f->ts) return -1;
  a2b_markdown_init();
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fx *f = *state;
  a2b_pdf_ts_free(f->ts);
  a2b_arena_free(f->arena);
  a2b_book_free(f->book);
  a2b_diags_clear(&f->diags);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
  if (system(cmd) != 0) return -1;
  free(f);
  return 0;
}

static void write_file(fx *f, const char *name, const char *text) {
  char path[128];
  snprintf(path, sizeof path, "%s/%s", f->dir, name);
  FILE *fp = fopen(path, "w");
  assert_non_null(fp);
  fputs(text, fp);
  fclose(fp);
}

static void write_png(fx *f, const char *name, int w, int h) {
  char path[128];
  snprintf(path, sizeof path, "%s/%s", f->dir, name);
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  assert_int_equal(cairo_surface_write_to_png(s, path), CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy(s);
}

/* Load and resolve the folder (articles already written), then lay out
 * article `index` (reading order: by path, as they have no dates). */
static void lay_out(fx *f, size_t index) {
  a2b_options opts = {0};
  const char *inputs[] = {f->dir};
  opts.inputs = inputs;
  opts.n_inputs = 1;
  opts.sort = A2B_SORT_PATH;
  opts.toc_depth = 2;
  a2b_scan scan = {0};
  assert_true(a2b_scan_inputs(inputs, 1, NULL, NULL, &scan, &f->diags));
  f->book = a2b_book_new();
  for (size_t i = 0; i < scan.n; i++) {
    bool failed = false;
    a2b_article *art =
        a2b_load_article(f->book->arena, &scan.items[i], &opts, NULL, &f->diags, &failed);
    assert_non_null(art);
    a2b_book_add_article(f->book, art);
  }
  a2b_scan_free(&scan);
  a2b_config cfg = {0};
  cfg.dir = f->dir;
  assert_true(a2b_resolve(f->book, &opts, &cfg, &f->diags));
  assert_true(index < f->book->n_articles);
  f->arena = a2b_arena_new();
  a2b_pdf_layout_ctx c = {f->ts, f->arena, f->book, &f->st, MEASURE, 400, &f->diags};
  a2b_pdf_layout_article(&c, f->book->articles[index], &f->list);
}

/* ---- looking at the list ----------------------------------------------------- */

static char *line_text(const a2b_pdf_line *l) {
  a2b_buf b = A2B_BUF_INIT;
  for (size_t i = 0; i < l->n_runs; i++)
    a2b_buf_append(&b, l->runs[i].text, l->runs[i].text_len);
  char *s = a2b_buf_take(&b);
  return s ? s : a2b_xstrdup("");
}

/* Index of the first LINE at or after `from` whose text contains `needle`. */
static size_t find_line(const a2b_pdf_vlist *v, size_t from, const char *needle) {
  for (size_t i = from; i < v->n; i++) {
    if (v->items[i].kind != A2B_PDF_V_LINE) continue;
    char *t = line_text(v->items[i].u.line);
    bool hit = strstr(t, needle) != NULL;
    free(t);
    if (hit) return i;
  }
  fail_msg("no line contains '%s'", needle);
  return 0;
}

static size_t find_kind(const a2b_pdf_vlist *v, size_t from, a2b_pdf_vkind kind) {
  for (size_t i = from; i < v->n; i++)
    if (v->items[i].kind == kind) return i;
  return SIZE_MAX;
}

static const a2b_pdf_vitem *find_mark(const a2b_pdf_vlist *v, const char *dest) {
  for (size_t i = 0; i < v->n; i++)
    if (v->items[i].kind == A2B_PDF_V_MARK && !strcmp(v->items[i].u.mark.dest, dest))
      return &v->items[i];
  return NULL;
}

static size_t next_line(const a2b_pdf_vlist *v, size_t from) {
  size_t i = find_kind(v, from, A2B_PDF_V_LINE);
  assert_true(i != SIZE_MAX);
  return i;
}

/* No legal page break in (a, b): only INF penalties, and glue only between
 * INF penalties. */
static void assert_unbreakable(const a2b_pdf_vlist *v, size_t a, size_t b) {
  for (size_t i = a + 1; i < b; i++) {
    const a2b_pdf_vitem *it = &v->items[i];
    if (it->kind == A2B_PDF_V_PENALTY) assert_true(it->penalty >= A2B_PDF_INF);
    if (it->kind == A2B_PDF_V_GLUE) {
      assert_int_equal(v->items[i - 1].kind, A2B_PDF_V_PENALTY);
      assert_true(v->items[i - 1].penalty >= A2B_PDF_INF);
      assert_true(i + 1 < b && v->items[i + 1].kind == A2B_PDF_V_PENALTY &&
                  v->items[i + 1].penalty >= A2B_PDF_INF);
    }
  }
}

/* ---- tests ----------------------------------------------------------------------- */

static void test_article_start(void **state) {
  fx *f = *state;
  write_file(f, "a.md",
             "---\ntitle: 第一篇\ndate: 2024-03-16\nauthor: 陈一禾\ntags: [排版]\n"
             "source_url: https://example.com/x\n---\n\n正文。\n");
  write_file(f, "b.md", "---\ntitle: Second\n---\n\nBody.\n");
  lay_out(f, 1);
  const a2b_pdf_vlist *v = &f->list;
  assert_true(v->n > 0);
  assert_int_equal(v->items[0].kind, A2B_PDF_V_MARK);
  char buf[32];
  assert_string_equal(v->items[0].u.mark.dest, a2b_pdf_article_dest(f->book->articles[1], buf));
  assert_string_not_equal(buf, a2b_pdf_article_dest(f->book->articles[0], (char[32]){0}));
  assert_int_equal(v->items[0].u.mark.outline_level, 0);
  assert_string_equal(v->items[0].u.mark.outline_title, "Second");
  assert_ptr_equal(v->items[0].u.mark.article, f->book->articles[1]);
  assert_true(find_line(v, 0, "Second") < find_line(v, 0, "Body."));
}

static void test_header_block(void **state) {
  fx *f = *state;
  write_file(f, "a.md",
             "---\ntitle: 第一篇\ndate: 2024-03-16T21:40:00+08:00\nauthor: 陈一禾\n"
             "tags: [排版, CJK]\nsummary: 一句摘要。\n"
             "source_url: https://example.com/x\n---\n\n正文。\n");
  lay_out(f, 0);
  const a2b_pdf_vlist *v = &f->list;
  size_t title = find_line(v, 0, "第一篇"), date = find_line(v, 0, "2024-03-16");
  size_t tags = find_line(v, 0, "#CJK"), sum = find_line(v, 0, "一句摘要");
  size_t src = find_line(v, 0, "https://example.com/x"), body = find_line(v, 0, "正文");
  assert_true(title < date && date < tags && tags < sum && sum < src && src < body);
  char *t = line_text(v->items[date].u.line);
  assert_non_null(strstr(t, "陈一禾"));
  free(t);
  bool linked = false;
  const a2b_pdf_line *l = v->items[src].u.line;
  for (size_t i = 0; i < l->n_runs; i++)
    if (l->runs[i].link_uri && !strcmp(l->runs[i].link_uri, "https://example.com/x")) linked = true;
  assert_true(linked);
  assert_true(find_kind(v, src, A2B_PDF_V_RULE) < body);
  assert_unbreakable(v, title, src);
}

static void test_headings(void **state) {
  fx *f = *state;
  write_file(f, "a.md",
             "---\ntitle: T\nlang: zh-CN\n---\n\n开头。\n\n## 第一节\n\n"
             "一段话。\n\n### 小节 {#sub}\n\n再一段话。\n");
  lay_out(f, 0);
  const a2b_pdf_vlist *v = &f->list;
  const a2b_pdf_vitem *m = find_mark(v, "第一节");
  assert_non_null(m);
  assert_int_equal(m->u.mark.outline_level, 1);
  assert_string_equal(m->u.mark.outline_title, "第一节");
  m = find_mark(v, "sub");
  assert_non_null(m);
  assert_int_equal(m->u.mark.outline_level, 2);
  size_t h = find_line(v, 0, "第一节");
  assert_int_equal(v->items[h + 1].kind, A2B_PDF_V_PENALTY);
  assert_true(v->items[h + 1].penalty >= A2B_PDF_INF);
  /* kept with the next paragraph: no break before its first line */
  size_t p = find_line(v, h + 1, "一段话");
  assert_unbreakable(v, h, p);
  /* the mark comes right before the heading's line; bigger headings, more pitch */
  size_t s = find_line(v, 0, "小节");
  assert_ptr_equal(m, &v->items[s - 1]);
  assert_true(v->items[h].height >= v->items[s].height);
  assert_true(v->items[s].height >= f->st.line_pitch);
}

/* A heading one character too long for a line is set in two lines of even
 * length, not a full line and a lone character; so is the article title. */
static void test_balanced_headings(void **state) {
  fx *f = *state;
  double size = f->st.heading_size[1];
  int per_line = (int)(MEASURE / size);
  a2b_buf md = A2B_BUF_INIT, title = A2B_BUF_INIT;
  a2b_buf_puts(&md, "---\ntitle: ");
  for (int i = 0; i <= (int)(MEASURE / f->st.heading_size[0]); i++) a2b_buf_puts(&title, "题");
  a2b_buf_puts(&md, a2b_buf_cstr(&title));
  a2b_buf_puts(&md, "\nlang: zh-CN\n---\n\n开头。\n\n## ");
  for (int i = 0; i <= per_line; i++) a2b_buf_puts(&md, "节");
  a2b_buf_puts(&md, "\n\n正文。\n");
  write_file(f, "a.md", a2b_buf_cstr(&md));
  a2b_buf_free(&md);
  a2b_buf_free(&title);
  lay_out(f, 0);
  const a2b_pdf_vlist *v = &f->list;
  const char *needles[] = {"题题", "节节"};
  for (int k = 0; k < 2; k++) {
    size_t a = find_line(v, 0, needles[k]), b = next_line(v, a + 1);
    assert_true(b < v->n);
    const a2b_pdf_line *l1 = v->items[a].u.line, *l2 = v->items[b].u.line;
    assert_non_null(strstr(line_text(l2), needles[k]));
    assert_true(l2->width >= 0.7 * l1->width);
    assert_true(l1->width <= l1->measure + 0.01);
  }
}

static void test_paragraph_indents(void **state) {
  fx *f = *state;
  write_file(f, "a.md",
             "---\ntitle: 中文\nlang: zh-CN\n---\n\n第一段。\n\n## 节\n\n第二段。\n\n"
             "第三段。\n");
  write_file(f, "b.md",
             "---\ntitle: English\nlang: en\n---\n\nFirst paragraph.\n\n"
             "Second paragraph.\n");
  lay_out(f, 0);
  const a2b_pdf_vlist *v = &f->list;
  double em2 = 2 * f->st.body_size;
  size_t p1 = find_line(v, 0, "第一段"), p2 = find_line(v, 0, "第二段");
  size_t p3 = find_line(v, 0, "第三段");
  assert_true(NEAR(v->items[p1].u.line->x, em2));
  assert_true(NEAR(v->items[p2].u.line->x, em2)); /* also after a heading */
  assert_true(NEAR(v->items[p3].u.line->x, em2));
  assert_true(NEAR(v->items[p2].height, f->st.line_pitch));
  for (size_t i = p2 + 1; i < p3; i++)
    assert_int_not_equal(v->items[i].kind, A2B_PDF_V_GLUE);

  a2b_pdf_vlist en = {0};
  a2b_pdf_layout_ctx c = {f->ts, f->arena, f->book, &f->st, MEASURE, 0, &f->diags};
  a2b_pdf_layout_article(&c, f->book->articles[1], &en);
  size_t e1 = find_line(&en, 0, "First"), e2 = find_line(&en, 0, "Second paragraph");
  assert_true(NEAR(en.items[e1].u.line->x, 0));
  assert_true(NEAR(en.items[e2].u.line->x, 0));
  size_t g = find_kind(&en, e1, A2B_PDF_V_GLUE);
  assert_true(g < e2);
  assert_true(NEAR(en.items[g].height, f->st.paragraph_space));
}

static void test_hard_break_and_spans(void **state) {
  fx *f = *state;
  write_file(f, "a.md",
             "---\ntitle: T\nlang: en\n---\n\nfirst line\\\nsecond *emph* "
             "**bold** `code` [ext](https://example.org/) [in](b.md#part) [art](b.md)\n");
  write_file(f, "b.md", "---\ntitle: B\nlang: en\n---\n\n## Part {#part}\n\nx\n");
  lay_out(f, 0);
  const a2b_pdf_vlist *v = &f->list;
  size_t l1 = find_line(v, 0, "first line"), l2 = find_line(v, 0, "second");
  assert_true(l2 > l1);
  char *t = line_text(v->items[l1].u.line);
  assert_null(strstr(t, "second"));
  free(t);
  const a2b_pdf_line *l = v->items[l2].u.line;
  char dest[32];
  a2b_pdf_article_dest(f->book->articles[1], dest);
  bool ext = false, in = false, art = false;
  for (size_t i = 0; i < l->n_runs; i++) {
    if (l->runs[i].link_dest && !strcmp(l->runs[i].link_dest, dest)) art = true;
    if (l->runs[i].link_uri && !strcmp(l->runs[i].link_uri, "https://example.org/")) ext = true;
    if (l->runs[i].link_dest && !strcmp(l->runs[i].link_dest, "part")) in = true;
  }
  assert_true(ext);
  assert_true(in);
  assert_true(art);
}

static void test_lists(void **state) {
  fx *f = *state;
  write_file(f, "a.md",
             "---\ntitle: T\nlang: zh-CN\n---\n\n"
             "- 第一项的文字比较长，长到一行放不下，一定会折到第二行去，这样才能看出"
             "悬挂缩进是不是对的，再多写几个字吧。\n"
             "  - 嵌套的项\n"
             "- [x] 完成的任务\n");
  lay_out(f, 0);
  const a2b_pdf_vlist *v = &f->list;
  size_t a = find_line(v, 0, "第一项");
  size_t b = next_line(v, a + 1);
  const a2b_pdf_line *first = v->items[a].u.line, *second = v->items[b].u.line;
  double step = 2 * f->st.body_size;
  assert_true(NEAR(second->x, step));    /* the body hangs at the step */
  assert_true(first->x < second->x - 1); /* the marker hangs left of it */
  assert_string_equal(first->runs[0].text, "\xE2\x80\xA2");
  /* the first line's text starts where the other lines do */
  size_t k = 1;
  while (k < first->n_runs && !strstr(first->runs[k].text, "第"))
    k++;
  assert_true(k < first->n_runs);
  assert_true(NEAR(first->x + first->runs[k].x, second->x));
  size_t n = find_line(v, 0, "嵌套");
  const a2b_pdf_line *nested = v->items[n].u.line;
  assert_true(nested->x + nested->runs[nested->n_runs - 1].x > second->x + step - 1);
  assert_string_equal(nested->runs[0].text, "\xE2\x97\xA6");
  size_t t = find_line(v, 0, "完成");
  assert_string_equal(v->items[t].u.line->runs[0].text, "\xE2\x98\x91");
}

static void test_ordered_list_numbers(void **state) {
  fx *f = *state;
  write_file(f, "a.md", "---\ntitle: T\nlang: en\n---\n\n7. seven\n8. eight\n");
  lay_out(f, 0);
  const a2b_pdf_vlist *v = &f->list;
  assert_string_equal(v->items[find_line(v, 0, "seven")].u.line->runs[0].text, "7.");
  assert_string_equal(v->items[find_line(v, 0, "eight")].u.line->runs[0].text, "8.");
}

static void test_table(void **state) {
  fx *f = *state;
  write_file(f, "a.md",
             "---\ntitle: T\nlang: zh-CN\n---\n\n"
             "| 材料 | 用量 |\n|:--|--:|\n| 番茄 | 两个 |\n| 鸡蛋 | 三个 |\n"
             "| 葱 | 一根，切成葱花，炒菜的最后撒进去，这一格的文字很长，长到一定要折行"
             "才放得下，折行以后这一行会比别的行高。 |\n");
  lay_out(f, 0);
  const a2b_pdf_vlist *v = &f->list;
  size_t i = find_kind(v, 0, A2B_PDF_V_BLOCK);
  assert_true(i != SIZE_MAX);
  const a2b_pdf_vitem *head = &v->items[i];
  assert_null(head->u.block.repeat);
  size_t rows = 0;
  double last_height = 0;
  for (size_t j = find_kind(v, i + 1, A2B_PDF_V_BLOCK); j != SIZE_MAX;
       j = find_kind(v, j + 1, A2B_PDF_V_BLOCK)) {
    const a2b_pdf_vitem *r = &v->items[j];
    assert_non_null(r->u.block.repeat);
    assert_int_equal(r->u.block.repeat->kind, A2B_PDF_V_BLOCK);
    assert_int_equal(r->u.block.repeat->u.block.n, head->u.block.n);
    assert_true(NEAR(r->u.block.repeat->height, head->height));
    assert_true(r->x >= -0.01 && r->x + r->width <= MEASURE + 0.01);
    last_height = r->height;
    rows++;
  }
  assert_int_equal(rows, 3);
  /* the long cell wraps inside the measure: its row is taller */
  assert_true(last_height > head->height + 1);
  /* header text and alignment: "用量" right-aligned in the last column */
  const a2b_pdf_placed *used = NULL, *mat = NULL;
  for (size_t k = 0; k < head->u.block.n; k++) {
    const a2b_pdf_placed *p = &head->u.block.items[k];
    if (p->kind != A2B_PDF_P_LINE) continue;
    char *t = line_text(p->u.line);
    if (strstr(t, "用量")) used = p;
    if (strstr(t, "材料")) mat = p;
    free(t);
  }
  assert_non_null(used);
  assert_non_null(mat);
  assert_true(used->x > mat->x);
  assert_true(fabs(used->x + used->w - head->width) < f->st.small_size);
}

static void test_images(void **state) {
  fx *f = *state;
  write_png(f, "wide.png", 800, 400);
  write_png(f, "small.png", 100, 50);
  write_file(f, "a.md",
             "---\ntitle: T\nlang: zh-CN\n---\n\n![宽图](wide.png \"图的标题\")\n\n"
             "![小图](small.png)\n\n![不见了](missing.png)\n");
  lay_out(f, 0);
  const a2b_pdf_vlist *v = &f->list;
  size_t i = find_kind(v, 0, A2B_PDF_V_IMAGE);
  assert_true(i != SIZE_MAX);
  assert_true(NEAR(v->items[i].width, MEASURE));
  assert_true(NEAR(v->items[i].height, MEASURE / 2));
  assert_non_null(v->items[i].u.image);
  size_t cap = find_line(v, i, "图的标题");
  assert_unbreakable(v, i, cap);
  size_t j = find_kind(v, i + 1, A2B_PDF_V_IMAGE);
  assert_true(j != SIZE_MAX);
  assert_true(NEAR(v->items[j].width, 75)); /* 96 dpi, never enlarged */
  assert_true(NEAR(v->items[j].x, (MEASURE - 75) / 2));
  size_t k = find_kind(v, 0, A2B_PDF_V_FRAME);
  assert_true(k != SIZE_MAX && k > j);
  assert_true(v->items[k].frame_n >= 1);
  char *t = line_text(v->items[k].u.frame_lines[0]);
  assert_non_null(strstr(t, "不见了"));
  free(t);
  assert_true(v->items[k].width <= MEASURE);
}

static void test_footnotes(void **state) {
  fx *f = *state;
  write_file(f, "a.md",
             "---\ntitle: T\nlang: zh-CN\n---\n\n一句话[^n]。又一句[^n]。\n\n"
             "[^n]: 注释的内容。\n");
  lay_out(f, 0);
  const a2b_pdf_vlist *v = &f->list;
  size_t l = find_line(v, 0, "一句话");
  const a2b_pdf_vitem *it = &v->items[l];
  assert_non_null(it->footnotes);
  size_t fl = find_line(it->footnotes, 0, "注释的内容");
  const a2b_pdf_line *note = it->footnotes->items[fl].u.line;
  char *t = line_text(note);
  assert_true(!strncmp(t, "1", 1));
  free(t);
  assert_true(note->n_anchors >= 1);
  bool linked = false;
  for (size_t i = 0; i < it->u.line->n_runs; i++)
    if (it->u.line->runs[i].link_dest && !strcmp(it->u.line->runs[i].link_dest, note->anchors[0]))
      linked = true;
  assert_true(linked);
  /* the body is attached once, and the definition is not in the body */
  size_t bodies = 0;
  for (size_t i = 0; i < it->footnotes->n; i++)
    bodies += it->footnotes->items[i].kind == A2B_PDF_V_LINE;
  assert_int_equal(bodies, 1);
  for (size_t i = 0; i < v->n; i++)
    if (v->items[i].kind == A2B_PDF_V_LINE) {
      char *s = line_text(v->items[i].u.line);
      assert_null(strstr(s, "注释的内容"));
      free(s);
    }
}

static void test_shaded_blocks(void **state) {
  fx *f = *state;
  write_file(f, "a.md",
             "---\ntitle: T\nlang: en\n---\n\n```c:app.c\nint x;\n\n"
             "int y;\n```\n\n> quoted\n\n> [!WARNING]\n> careful\n");
  lay_out(f, 0);
  const a2b_pdf_vlist *v = &f->list;
  size_t name = find_line(v, 0, "app.c"), x = find_line(v, 0, "int x;");
  size_t y = find_line(v, 0, "int y;");
  assert_true(name < x && x < y);
  assert_unbreakable(v, name, x);
  assert_int_equal(v->items[name].shade_depth, 0);
  assert_int_equal(v->items[x].shade_depth, 1);
  assert_int_equal(v->items[x].shades[0]->fill, f->st.code_background);
  assert_ptr_equal(v->items[x].shades[0], v->items[y].shades[0]);
  assert_true(v->items[x].u.line->x > 0);
  assert_true(NEAR(v->items[x].height, f->st.code_pitch));
  size_t q = find_line(v, 0, "quoted");
  assert_int_equal(v->items[q].shade_depth, 1);
  assert_int_equal(v->items[q].shades[0]->bar, f->st.quote_bar);
  assert_true(v->items[q].u.line->x > 0);
  size_t w = find_line(v, 0, "careful");
  assert_int_equal(v->items[w].shade_depth, 1);
  assert_int_not_equal(v->items[w].shades[0]->fill, A2B_PDF_NO_FILL);
  assert_true(find_line(v, q, "Warning") < w);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_article_start, setup, teardown),
      cmocka_unit_test_setup_teardown(test_header_block, setup, teardown),
      cmocka_unit_test_setup_teardown(test_headings, setup, teardown),
      cmocka_unit_test_setup_teardown(test_balanced_headings, setup, teardown),
      cmocka_unit_test_setup_teardown(test_paragraph_indents, setup, teardown),
      cmocka_unit_test_setup_teardown(test_hard_break_and_spans, setup, teardown),
      cmocka_unit_test_setup_teardown(test_lists, setup, teardown),
      cmocka_unit_test_setup_teardown(test_ordered_list_numbers, setup, teardown),
      cmocka_unit_test_setup_teardown(test_table, setup, teardown),
      cmocka_unit_test_setup_teardown(test_images, setup, teardown),
      cmocka_unit_test_setup_teardown(test_footnotes, setup, teardown),
      cmocka_unit_test_setup_teardown(test_shaded_blocks, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
