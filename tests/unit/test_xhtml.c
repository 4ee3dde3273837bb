/* The XHTML writer: every node type, links, images, footnotes, splitting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "xhtml.h"

typedef struct fx {
  a2b_arena *a;
  a2b_book book;
  a2b_article *art[3];
} fx;

static a2b_node *nd(fx *f, a2b_node *parent, a2b_node_type type) {
  a2b_node *n = a2b_node_new(f->a, type, 1, 1);
  if (parent) a2b_node_append(parent, n);
  return n;
}

static a2b_node *txt(fx *f, a2b_node *parent, const char *s) {
  a2b_node *n = nd(f, parent, A2B_NODE_TEXT);
  n->u.literal = a2b_strdup(f->a, s);
  return n;
}

static a2b_node *para(fx *f, a2b_node *parent, const char *s) {
  a2b_node *p = nd(f, parent, A2B_NODE_PARAGRAPH);
  txt(f, p, s);
  return p;
}

static a2b_node *heading(fx *f, a2b_node *parent, int level, const char *id, const char *s) {
  a2b_node *h = nd(f, parent, A2B_NODE_HEADING);
  h->u.heading.level = level;
  h->id = id;
  txt(f, h, s);
  return h;
}

/* A book of `n` empty articles (lang zh, titles "文章 N"). */
static int setup(void **state) {
  fx *f = calloc(1, sizeof *f);
  f->a = a2b_arena_new();
  f->book.arena = f->a;
  f->book.lang = "zh";
  f->book.title = "书";
  f->book.articles = (a2b_article **)f->art;
  f->book.n_articles = 3;
  for (size_t i = 0; i < 3; i++) {
    a2b_article *a = a2b_alloc(f->a, sizeof *a);
    a->index = i;
    a->title = a2b_sprintf(f->a, "文章 %zu", i + 1);
    a->lang = "zh-CN";
    a->body = nd(f, NULL, A2B_NODE_DOCUMENT);
    f->art[i] = a;
  }
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fx *f = *state;
  a2b_arena_free(f->a);
  free(f);
  return 0;
}

/* The document of part `i` with parts of at most `max` bytes. */
static char *render(fx *f, size_t max, size_t i) {
  a2b_xhtml_plan *plan = a2b_xhtml_plan_new(&f->book, max, false);
  assert_true(i < plan->n_parts);
  a2b_buf b = A2B_BUF_INIT;
  a2b_xhtml_render(plan, i, &b);
  a2b_xhtml_plan_free(plan);
  return a2b_buf_take(&b);
}

/* xmllint accepts the document (skipped without xmllint). */
static void assert_well_formed(const char *doc) {
  if (system("command -v xmllint >/dev/null 2>&1") != 0) {
    fprintf(stderr, "xmllint not installed: well-formedness not checked\n");
    return;
  }
  char path[] = "/tmp/a2b-xhtml-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  assert_int_equal(write(fd, doc, strlen(doc)), (ssize_t)strlen(doc));
  close(fd);
  char cmd[128];
  snprintf(cmd, sizeof cmd, "xmllint --noout %s", path);
  int rc = system(cmd);
  unlink(path);
  assert_int_equal(rc, 0);
}

#define assert_has(doc, s)                                                                       \
  do {                                                                                           \
    if (!strstr(doc, s)) fail_msg("missing %s in:\n%s", s, doc);                                 \
  } while (0)
#define assert_lacks(doc, s)                                                                     \
  do {                                                                                           \
    if (strstr(doc, s)) fail_msg("unexpected %s in:\n%s", s, doc);                               \
  } while (0)

static void test_header_and_skeleton(void **state) {
  fx *f = *state;
  a2b_article *a = f->art[0];
  a->date = (a2b_date){.set = true, .has_time = true, .has_tz = true, .year = 2024, .month = 3,
                       .day = 9, .hour = 8, .min = 5, .sec = 0, .tz_minutes = 480};
  a2b_strlist_add(f->a, &a->authors, "张三");
  a2b_strlist_add(f->a, &a->authors, "李四");
  a2b_strlist_add(f->a, &a->tags, "Linux");
  a->summary = "摘要 <b>";
  a->source_url = "https://example.com/a b";
  para(f, a->body, "正文");
  char *doc = render(f, A2B_XHTML_PART_MAX, 0);
  assert_true(!strncmp(doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n", 54));
  assert_has(doc, "xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"zh-CN\" xml:lang=\"zh-CN\"");
  assert_has(doc, "<title>文章 1</title>");
  assert_has(doc, "href=\"../styles/epub.css\"");
  assert_lacks(doc, "user.css");
  assert_has(doc, "<h1>文章 1</h1>");
  assert_has(doc, "<time datetime=\"2024-03-09T08:05:00+08:00\">2024-03-09</time>");
  assert_has(doc, "<span class=\"author\">张三</span>、<span class=\"author\">李四</span>");
  assert_has(doc, "<span class=\"tag\">Linux</span>");
  assert_has(doc, "<p class=\"article-summary\">摘要 &lt;b&gt;</p>");
  assert_has(doc, "原文：<a href=\"https://example.com/a%20b\">https://example.com/a b</a>");
  assert_well_formed(doc);
  free(doc);
}

static void test_blocks(void **state) {
  fx *f = *state;
  a2b_node *body = f->art[0]->body;
  heading(f, body, 1, "intro", "引言");
  heading(f, body, 6, NULL, "深");
  a2b_node *code = nd(f, body, A2B_NODE_CODE_BLOCK);
  code->u.code.literal = "if (a < b) {}\n";
  code->u.code.lang = "c";
  code->u.code.filename = "main.c";
  a2b_node *math = nd(f, body, A2B_NODE_MATH_BLOCK);
  math->u.literal = "a^2 < b";
  a2b_node *q = nd(f, body, A2B_NODE_QUOTE);
  para(f, q, "引用");
  a2b_node *warn = nd(f, body, A2B_NODE_ASIDE);
  warn->u.aside.kind = A2B_ASIDE_WARNING;
  para(f, warn, "小心");
  a2b_node *tip = nd(f, body, A2B_NODE_ASIDE);
  tip->u.aside.kind = A2B_ASIDE_TIP;
  tip->u.aside.title = "自定义";
  a2b_node *det = nd(f, body, A2B_NODE_ASIDE);
  det->u.aside.kind = A2B_ASIDE_DETAILS;
  det->u.aside.title = "展开";
  para(f, det, "隐藏");
  a2b_node *ol = nd(f, body, A2B_NODE_LIST);
  ol->u.list.ordered = true;
  ol->u.list.tight = true;
  ol->u.list.start = 3;
  para(f, nd(f, ol, A2B_NODE_ITEM), "三");
  a2b_node *ul = nd(f, body, A2B_NODE_LIST);
  a2b_node *t1 = nd(f, ul, A2B_NODE_ITEM);
  t1->u.item.task = 1;
  para(f, t1, "待办");
  a2b_node *t2 = nd(f, ul, A2B_NODE_ITEM);
  t2->u.item.task = 2;
  para(f, t2, "完成");
  a2b_node *tab = nd(f, body, A2B_NODE_TABLE);
  tab->u.table.ncols = 2;
  for (int r = 0; r < 2; r++) {
    a2b_node *row = nd(f, tab, A2B_NODE_TABLE_ROW);
    row->u.row.header = r == 0;
    a2b_node *c1 = nd(f, row, A2B_NODE_TABLE_CELL);
    c1->u.cell.align = A2B_ALIGN_RIGHT;
    txt(f, c1, r ? "1" : "数");
    txt(f, nd(f, row, A2B_NODE_TABLE_CELL), r ? "x" : "名");
  }
  nd(f, body, A2B_NODE_THEMATIC_BREAK);
  a2b_node *div = nd(f, body, A2B_NODE_DIV);
  div->classes = "box wide";
  div->lang = "ja";
  para(f, div, "日本語");
  char *doc = render(f, A2B_XHTML_PART_MAX, 0);
  assert_has(doc, "<h2 id=\"intro\">引言</h2>");
  assert_has(doc, "<h6>深</h6>");
  assert_has(doc, "<div class=\"code-caption\">main.c</div>\n"
                  "<pre><code class=\"language-c\">if (a &lt; b) {}\n</code></pre>");
  assert_has(doc, "<pre class=\"math\">a^2 &lt; b</pre>");
  assert_has(doc, "<blockquote>\n<p>引用</p>\n</blockquote>");
  assert_has(doc, "<aside class=\"note note-warning\" role=\"note\">\n"
                  "<p class=\"note-title\">警告</p>\n<p>小心</p>\n</aside>");
  assert_has(doc, "<p class=\"note-title\">自定义</p>");
  assert_has(doc, "<details open=\"open\">\n<summary>展开</summary>\n<p>隐藏</p>\n</details>");
  assert_has(doc, "<ol start=\"3\">\n<li>三</li>\n</ol>");
  assert_has(doc, "<ul class=\"task-list\">");
  assert_has(doc, "<li class=\"task\"><p><span class=\"task-box\">☐</span> 待办</p>");
  assert_has(doc, "<li class=\"task done\"><p><span class=\"task-box\">☑</span> 完成</p>");
  assert_has(doc, "<thead>\n<tr><th class=\"align-right\">数</th><th>名</th></tr>\n</thead>\n"
                  "<tbody>\n<tr><td class=\"align-right\">1</td><td>x</td></tr>\n</tbody>");
  assert_has(doc, "<hr/>");
  assert_has(doc, "<div class=\"box wide\" lang=\"ja\" xml:lang=\"ja\">\n<p>日本語</p>");
  assert_well_formed(doc);
  free(doc);
}

/* Articles whose headings start at ## still get <h2> under the <h1> title. */
static void test_heading_levels_follow_the_article(void **state) {
  fx *f = *state;
  a2b_node *body = f->art[0]->body;
  heading(f, body, 2, "a", "二级");
  heading(f, body, 3, "b", "三级");
  char *doc = render(f, A2B_XHTML_PART_MAX, 0);
  assert_has(doc, "<h2 id=\"a\">二级</h2>");
  assert_has(doc, "<h3 id=\"b\">三级</h3>");
  free(doc);
}

static void test_inlines(void **state) {
  fx *f = *state;
  a2b_node *p = nd(f, f->art[0]->body, A2B_NODE_PARAGRAPH);
  static const a2b_node_type simple[] = {A2B_NODE_EMPH, A2B_NODE_STRONG, A2B_NODE_STRIKE,
                                         A2B_NODE_UNDERLINE, A2B_NODE_MARK, A2B_NODE_SUB,
                                         A2B_NODE_SUP, A2B_NODE_SMALL};
  for (size_t i = 0; i < sizeof simple / sizeof *simple; i++) txt(f, nd(f, p, simple[i]), "x");
  a2b_node *ruby = nd(f, p, A2B_NODE_RUBY);
  txt(f, ruby, "漢字");
  txt(f, nd(f, ruby, A2B_NODE_RUBY_TEXT), "かんじ");
  a2b_node *span = nd(f, p, A2B_NODE_SPAN);
  span->lang = "en";
  txt(f, span, "word");
  a2b_node *code = nd(f, p, A2B_NODE_CODE);
  code->u.literal = "a&b";
  a2b_node *m = nd(f, p, A2B_NODE_MATH_INLINE);
  m->u.literal = "x_1";
  txt(f, p, "中文");
  nd(f, p, A2B_NODE_SOFTBREAK);
  txt(f, p, "续行 end");
  nd(f, p, A2B_NODE_SOFTBREAK);
  txt(f, p, "next");
  nd(f, p, A2B_NODE_LINEBREAK);
  txt(f, p, "ctl\x01\x7f bad\xff ok");
  char *doc = render(f, A2B_XHTML_PART_MAX, 0);
  assert_has(doc, "<p><em>x</em><strong>x</strong><s>x</s><u>x</u><mark>x</mark><sub>x</sub>"
                  "<sup>x</sup><small>x</small>");
  assert_has(doc, "<ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>");
  assert_has(doc, "<span lang=\"en\" xml:lang=\"en\">word</span>");
  assert_has(doc, "<code>a&amp;b</code><code class=\"math\">x_1</code>");
  assert_has(doc, "中文续行 end\nnext<br/>\nctl bad\xEF\xBF\xBD ok</p>");
  assert_well_formed(doc);
  free(doc);
}

static void test_links(void **state) {
  fx *f = *state;
  a2b_node *p = nd(f, f->art[0]->body, A2B_NODE_PARAGRAPH);
  a2b_node *ext = nd(f, p, A2B_NODE_LINK);
  ext->u.link.url = "https://例子.com/a b?q=1&r=%E4%B8&x=%zz#f#g";
  ext->u.link.title = "t\"";
  txt(f, ext, "ext");
  a2b_node *in = nd(f, p, A2B_NODE_LINK);
  in->u.link.url = "../b/#sec";
  in->u.link.target = f->art[1];
  in->u.link.fragment = "sec";
  txt(f, in, "in");
  a2b_node *self = nd(f, p, A2B_NODE_LINK);
  self->u.link.url = "#top";
  txt(f, self, "self");
  a2b_node *bad = nd(f, p, A2B_NODE_LINK);
  bad->u.link.url = "javascript:alert(1)";
  txt(f, bad, "bad");
  a2b_node *rel = nd(f, p, A2B_NODE_LINK);
  rel->u.link.url = "missing.md";
  rel->id = "kept";
  txt(f, rel, "rel");
  a2b_node *outer = nd(f, p, A2B_NODE_LINK);
  outer->u.link.url = "https://a.example/";
  a2b_node *inner = nd(f, outer, A2B_NODE_LINK);
  inner->u.link.url = "https://b.example/";
  txt(f, inner, "nested");
  heading(f, f->art[0]->body, 1, "top", "顶");
  heading(f, f->art[1]->body, 1, "sec", "节");
  char *doc = render(f, A2B_XHTML_PART_MAX, 0);
  assert_has(doc, "<a href=\"https://%E4%BE%8B%E5%AD%90.com/a%20b?q=1&amp;r=%E4%B8&amp;x=%25zz"
                  "#f%23g\" title=\"t&quot;\">ext</a>");
  assert_has(doc, "<a href=\"a0002.xhtml#sec\">in</a>");
  assert_has(doc, "<a href=\"#top\">self</a>");
  assert_has(doc, "bad<span id=\"kept\">rel</span>");
  assert_has(doc, "<a href=\"https://a.example/\">nested</a>");
  assert_lacks(doc, "javascript");
  assert_lacks(doc, "missing.md");
  assert_well_formed(doc);
  free(doc);
}

static void test_images(void **state) {
  fx *f = *state;
  a2b_resource png = {.name = "images/p q.png", .media_type = "image/png"};
  a2b_resource webp = {.name = "images/w.webp", .media_type = "image/webp"};
  a2b_node *fig = nd(f, f->art[0]->body, A2B_NODE_FIGURE);
  a2b_node *img = nd(f, fig, A2B_NODE_IMAGE);
  img->u.image.res = &png;
  img->u.image.src = "p q.png";
  txt(f, img, "图 \"1\"");
  txt(f, nd(f, fig, A2B_NODE_CAPTION), "说明");
  a2b_node *p = nd(f, f->art[0]->body, A2B_NODE_PARAGRAPH);
  a2b_node *remote = nd(f, p, A2B_NODE_IMAGE);
  remote->u.image.src = "https://example.com/x.png";
  txt(f, remote, "远程");
  a2b_node *missing = nd(f, p, A2B_NODE_IMAGE);
  missing->u.image.src = "gone.png";
  txt(f, missing, "丢失");
  a2b_node *w = nd(f, p, A2B_NODE_IMAGE);
  w->u.image.res = &webp;
  txt(f, w, "webp");
  a2b_node *noalt = nd(f, p, A2B_NODE_IMAGE);
  noalt->u.image.src = "https://example.com/y.png";
  a2b_xhtml_plan *plan = a2b_xhtml_plan_new(&f->book, A2B_XHTML_PART_MAX, true);
  assert_int_equal(plan->n_images, 1);
  assert_int_equal(plan->n_images_alt, 1);
  a2b_xhtml_plan_free(plan);
  char *doc = render(f, A2B_XHTML_PART_MAX, 0);
  assert_has(doc, "<figure>\n<img src=\"../images/p%20q.png\" alt=\"图 &quot;1&quot;\"/>"
                  "<figcaption>说明</figcaption>\n</figure>");
  assert_has(doc, "<a class=\"image-link\" href=\"https://example.com/x.png\">远程</a>");
  assert_has(doc, "<span class=\"image-missing\">丢失</span>");
  assert_has(doc, "<span class=\"image-missing\">webp</span>");
  assert_has(doc, "href=\"https://example.com/y.png\">https://example.com/y.png</a>");
  assert_lacks(doc, "src=\"http");
  assert_lacks(doc, "w.webp");
  assert_well_formed(doc);
  free(doc);
}

static a2b_node *fnref(fx *f, a2b_node *parent, a2b_node *def, int number) {
  a2b_node *r = nd(f, parent, A2B_NODE_FOOTNOTE_REF);
  r->u.footnote.def = def;
  r->u.footnote.number = number;
  r->u.footnote.label = a2b_sprintf(f->a, "%d", number);
  return r;
}

static void test_footnotes_and_split(void **state) {
  fx *f = *state;
  f->art[1]->body = nd(f, NULL, A2B_NODE_DOCUMENT); /* article 2 */
  a2b_node *body = f->art[1]->body;
  a2b_node *def1 = a2b_node_new(f->a, A2B_NODE_FOOTNOTE_DEF, 1, 1);
  a2b_node *def2 = a2b_node_new(f->a, A2B_NODE_FOOTNOTE_DEF, 1, 1);
  def1->u.footnote.number = 1;
  def2->u.footnote.number = 2;
  para(f, def1, "注一");
  para(f, def2, "注二");
  char filler[1501];
  memset(filler, 'x', 1500);
  filler[1500] = '\0';
  a2b_node *p = para(f, body, "开头");
  fnref(f, p, def1, 1);
  fnref(f, p, def1, 1);
  para(f, body, filler);
  heading(f, body, 2, "second", "第二节");
  para(f, body, filler);
  heading(f, body, 3, "deep", "深节"); /* later, but a level-2 heading is preferred */
  para(f, body, filler);
  p = para(f, body, "第二");
  fnref(f, p, def2, 2);
  a2b_node_append(body, def1);
  a2b_node_append(body, def2);

  a2b_xhtml_plan *plan = a2b_xhtml_plan_new(&f->book, 5000, false);
  /* article 1 (empty) has one part, article 2 two, article 3 one */
  assert_int_equal(plan->n_parts, 4);
  assert_string_equal(plan->parts[1].name, "a0002.xhtml");
  assert_string_equal(plan->parts[2].name, "a0002-2.xhtml");
  assert_int_equal(plan->parts[2].first->type, A2B_NODE_HEADING);
  assert_string_equal(plan->parts[2].first->id, "second");
  char *href = a2b_xhtml_href(plan, f->art[1], "second");
  assert_string_equal(href, "a0002-2.xhtml#second");
  free(href);
  href = a2b_xhtml_href(plan, f->art[1], "deep");
  assert_string_equal(href, "a0002-2.xhtml#deep");
  free(href);
  href = a2b_xhtml_href(plan, f->art[1], "nowhere");
  assert_string_equal(href, "a0002.xhtml");
  free(href);
  a2b_xhtml_plan_free(plan);

  char *one = render(f, 5000, 1), *two = render(f, 5000, 2);
  assert_has(one, "<sup><a epub:type=\"noteref\" role=\"doc-noteref\" href=\"#fn-a2-1\" "
                  "id=\"fnref-a2-1\">1</a></sup>");
  assert_has(one, "id=\"fnref-a2-1-2\">1</a>");
  assert_has(one, "<aside epub:type=\"footnote\" role=\"doc-footnote\" id=\"fn-a2-1\">\n"
                  "<p><a role=\"doc-backlink\" href=\"#fnref-a2-1\">1</a> 注一</p>");
  assert_lacks(one, "注二");
  assert_lacks(one, "第二节");
  assert_has(two, "id=\"fn-a2-2\"");
  assert_has(two, "注二");
  assert_lacks(two, "注一");
  assert_lacks(two, "<h1>"); /* the title block opens only the first part */
  assert_has(two, "<title>文章 2</title>");
  assert_well_formed(one);
  assert_well_formed(two);
  free(one);
  free(two);
}

static void test_urls_ids_text(void **state) {
  fx *f = *state;
  a2b_buf b = A2B_BUF_INIT;
  a2b_xhtml_put_url(&b, "a b/ü%41%g<>\"{}|\\^`");
  assert_string_equal(a2b_buf_cstr(&b), "a%20b/%C3%BC%41%25g%3C%3E%22%7B%7D%7C%5C%5E%60");
  a2b_buf_free(&b);
  a2b_xhtml_put_text(&b, "\xC0\xAF<\xED\xA0\x80>\xEF\xBF\xBE\xC2\x85");
  assert_string_equal(a2b_buf_cstr(&b), "\xEF\xBF\xBD\xEF\xBF\xBD&lt;\xEF\xBF\xBD\xEF\xBF\xBD"
                                        "\xEF\xBF\xBD&gt;");
  a2b_buf_free(&b);
  assert_true(a2b_xhtml_lang_ok("zh-Hant-TW"));
  assert_false(a2b_xhtml_lang_ok("zh_CN"));
  assert_false(a2b_xhtml_lang_ok("\"x"));
  assert_false(a2b_xhtml_lang_ok(""));

  /* ids that are no XML names are mapped the same way at both ends */
  heading(f, f->art[2]->body, 1, "1 引言", "引言");
  a2b_node *p = nd(f, f->art[0]->body, A2B_NODE_PARAGRAPH);
  a2b_node *l = nd(f, p, A2B_NODE_LINK);
  l->u.link.url = "x";
  l->u.link.target = f->art[2];
  l->u.link.fragment = "1 引言";
  txt(f, l, "go");
  char *doc = render(f, A2B_XHTML_PART_MAX, 0), *target = render(f, A2B_XHTML_PART_MAX, 2);
  assert_has(doc, "href=\"a0003.xhtml#id-1_20_%E5%BC%95%E8%A8%80\"");
  assert_has(target, "<h2 id=\"id-1_20_引言\">");
  assert_well_formed(target);
  free(doc);
  free(target);
}

/* Text and URLs take fast paths for ASCII and three-byte UTF-8 (most CJK);
 * every byte that leaves them must still be escaped, dropped or replaced. */
static void test_text_and_url_edges(void **state) {
  (void)state;
  static const struct {
    const char *in, *out;
  } text[] = {
      {"中文，“引号”。", "中文，“引号”。"},  /* E4.., EF BC 8C, E2 80 9C, E3 80 82 */
      {"a&b\"c'<>", "a&amp;b&quot;c'&lt;&gt;"},
      {"\t\n\r\x01\x1F\x7F|", "\t\n\r|"},                 /* C0 controls and DEL dropped */
      {"\xE1\x80\x80\xEC\xBF\xBF", "\xE1\x80\x80\xEC\xBF\xBF"}, /* U+1000, U+CFFF */
      {"\xED\x9F\xBF\xEE\x80\x80", "\xED\x9F\xBF\xEE\x80\x80"}, /* U+D7FF, U+E000 */
      {"\xEF\xBF\xBD\xEF\xBF\xBE\xEF\xBF\xBFx", "\xEF\xBF\xBDx"}, /* U+FFFE, U+FFFF dropped */
      {"\xE0\xA4\xB9", "\xE0\xA4\xB9"},                             /* U+0939 */
      {"\xE0\x80\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},   /* overlong */
      {"\xED\xB0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},   /* surrogate */
      {"\xE4\xB8<", "\xEF\xBF\xBD\xEF\xBF\xBD&lt;"},              /* cut short */
      {"\xE4\xB8", "\xEF\xBF\xBD\xEF\xBF\xBD"},                   /* at the end */
      {"\xE4\x41\xB8", "\xEF\xBF\xBD" "A\xEF\xBF\xBD"},
      {"\xF0\x9F\x98\x80\xC3\xA9", "\xF0\x9F\x98\x80\xC3\xA9"},   /* U+1F600, U+00E9 */
      {"\xF4\x90\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"}, /* > U+10FFFF */
      {"\xC2\x9F\xC2\xA0", "\xC2\xA0"},                           /* C1 control dropped */
      {"", ""},
  };
  for (size_t i = 0; i < sizeof text / sizeof *text; i++) {
    a2b_buf b = A2B_BUF_INIT;
    a2b_buf_puts(&b, "=");
    a2b_xhtml_put_text(&b, text[i].in);
    if (strcmp(a2b_buf_cstr(&b) + 1, text[i].out)) fail_msg("text %zu: %s", i, b.data);
    a2b_buf_free(&b);
  }
  static const struct {
    const char *in, *out;
  } url[] = {
      {"a0001.xhtml#引言#2", "a0001.xhtml#%E5%BC%95%E8%A8%80%232"},
      {"x?a=1&b=%2f%", "x?a=1&amp;b=%2f%25"},
      {"%zz\x7F\x01 ", "%25zz%7F%01%20"},
      {"", ""},
  };
  for (size_t i = 0; i < sizeof url / sizeof *url; i++) {
    a2b_buf b = A2B_BUF_INIT;
    a2b_buf_puts(&b, "=");
    a2b_xhtml_put_url(&b, url[i].in);
    if (strcmp(a2b_buf_cstr(&b) + 1, url[i].out)) fail_msg("url %zu: %s", i, b.data);
    a2b_buf_free(&b);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_header_and_skeleton, setup, teardown),
      cmocka_unit_test_setup_teardown(test_blocks, setup, teardown),
      cmocka_unit_test_setup_teardown(test_heading_levels_follow_the_article, setup, teardown),
      cmocka_unit_test_setup_teardown(test_inlines, setup, teardown),
      cmocka_unit_test_setup_teardown(test_links, setup, teardown),
      cmocka_unit_test_setup_teardown(test_images, setup, teardown),
      cmocka_unit_test_setup_teardown(test_footnotes_and_split, setup, teardown),
      cmocka_unit_test_setup_teardown(test_urls_ids_text, setup, teardown),
      cmocka_unit_test(test_text_and_url_edges),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
