/* The EPUB back end: container layout, package document, validity
 * (EPUBCheck, xmllint), reproducibility and failure handling. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "arena.h"
#include "epub.h"
#include "epub_parts.h"
#include "styles.h"

/* A 1x1 PNG. */
static const unsigned char png[] = {
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48,
    0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
    0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78,
    0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00,
    0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82};

typedef struct fx {
  a2b_arena *a;
  a2b_book *book;
  a2b_options opts;
  a2b_diags diags;
  char dir[64];
  char path[128];
} fx;

/* ---- building a resolved book by hand ------------------------------------- */

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
  h->id = a2b_strdup(f->a, id);
  txt(f, h, s);
  return h;
}

static a2b_node *footnote(fx *f, a2b_node *at, a2b_node *body, int number, const char *s) {
  a2b_node *def = nd(f, body, A2B_NODE_FOOTNOTE_DEF);
  def->u.footnote.number = number;
  def->u.footnote.label = a2b_sprintf(f->a, "%d", number);
  para(f, def, s);
  a2b_node *ref = nd(f, at, A2B_NODE_FOOTNOTE_REF);
  ref->u.footnote = def->u.footnote;
  ref->u.footnote.def = def;
  return def;
}

static void toc_add(fx *f, int level, const char *title, a2b_article *art, const char *frag) {
  a2b_book *b = f->book;
  b->toc = realloc(b->toc, (b->n_toc + 1) * sizeof *b->toc); /* freed in teardown */
  b->toc[b->n_toc++] = (a2b_toc_entry){level, title, art, frag};
}

static a2b_resource *resource(fx *f, const char *name) {
  a2b_resource *r = a2b_alloc(f->a, sizeof *r);
  r->source = a2b_sprintf(f->a, "/src/%s", name);
  r->name = a2b_strdup(f->a, name);
  r->media_type = "image/png";
  r->width = r->height = 1;
  r->data = png;
  r->size = sizeof png;
  return r;
}

static a2b_article *article(fx *f, const char *title, const char *lang) {
  a2b_book *b = f->book;
  a2b_article *a = a2b_alloc(f->a, sizeof *a);
  a->title = title;
  a->lang = lang;
  a->index = b->n_articles;
  a->body = nd(f, NULL, A2B_NODE_DOCUMENT);
  b->articles = realloc(b->articles, (b->n_articles + 1) * sizeof *b->articles);
  b->articles[b->n_articles++] = a;
  return a;
}

/* Article 1 (zh) has every node type, footnotes, an image and a link into
 * article 2 (ja); article 3 (en) is long enough to be split. */
static void build_book(fx *f) {
  a2b_book *b = f->book;
  b->title = "测试书 & <digest>";
  b->lang = "zh-CN";
  b->identifier = "urn:uuid:12345678-1234-4234-8234-123456789abc";
  b->description = "一本测试用的书。";
  b->publisher = "art2book";
  b->rights = "CC BY 4.0";
  b->cover = resource(f, "images/cover.png");
  a2b_resource *img = resource(f, "images/pic-1.png");
  b->resources = realloc(b->resources, sizeof *b->resources);
  b->resources[0] = img;
  b->n_resources = 1;

  a2b_article *a1 = article(f, "第一篇：全部节点", "zh-CN");
  a2b_article *a2 = article(f, "二本目", "ja");
  a2b_article *a3 = article(f, "A long English article", "en");
  a1->date = (a2b_date){.set = true, .year = 2024, .month = 5, .day = 1};
  a2->date = (a2b_date){.set = true, .has_time = true, .has_tz = true, .year = 2024, .month = 6,
                        .day = 2, .hour = 9, .min = 30, .tz_minutes = 540};
  a2b_strlist_add(f->a, &a1->authors, "张三");
  a2b_strlist_add(f->a, &a2->authors, "山田");
  a2b_strlist_add(f->a, &a3->authors, "张三");
  a2b_strlist_add(f->a, &a1->tags, "Linux");
  a2b_strlist_add(f->a, &a2->tags, "Linux");
  a2b_strlist_add(f->a, &a2->tags, "日本");
  a1->summary = "摘要";
  a1->source_url = "https://example.com/文章?id=1&x=2";

  a2b_node *body = a1->body;
  heading(f, body, 1, "引言", "引言");
  a2b_node *p = para(f, body, "第一段，");
  txt(f, nd(f, p, A2B_NODE_EMPH), "强调");
  txt(f, nd(f, p, A2B_NODE_STRONG), "加粗");
  txt(f, nd(f, p, A2B_NODE_STRIKE), "删除");
  txt(f, nd(f, p, A2B_NODE_UNDERLINE), "下划线");
  txt(f, nd(f, p, A2B_NODE_MARK), "标记");
  txt(f, nd(f, p, A2B_NODE_SUB), "2");
  txt(f, nd(f, p, A2B_NODE_SUP), "3");
  txt(f, nd(f, p, A2B_NODE_SMALL), "小");
  nd(f, p, A2B_NODE_SOFTBREAK);
  a2b_node *code = nd(f, p, A2B_NODE_CODE);
  code->u.literal = "x < y";
  a2b_node *mi = nd(f, p, A2B_NODE_MATH_INLINE);
  mi->u.literal = "E=mc^2";
  nd(f, p, A2B_NODE_LINEBREAK);
  a2b_node *ruby = nd(f, p, A2B_NODE_RUBY);
  txt(f, ruby, "汉");
  txt(f, nd(f, ruby, A2B_NODE_RUBY_TEXT), "hàn");
  a2b_node *span = nd(f, p, A2B_NODE_SPAN);
  span->lang = "en";
  span->classes = "latin";
  txt(f, span, "span");
  footnote(f, p, body, 1, "脚注一。");
  a2b_node *link = nd(f, p, A2B_NODE_LINK);
  link->u.link.url = "../b/#sec-2";
  link->u.link.target = a2;
  link->u.link.fragment = "sec-2";
  txt(f, link, "内部链接");
  a2b_node *ext = nd(f, p, A2B_NODE_LINK);
  ext->u.link.url = "https://example.com/路径 空格?q=a&b=%20";
  txt(f, ext, "外部链接");
  a2b_node *local = nd(f, p, A2B_NODE_LINK);
  local->u.link.url = "other.md";
  txt(f, local, "无目标");
  a2b_node *remote = nd(f, p, A2B_NODE_IMAGE);
  remote->u.image.src = "https://example.com/remote.png";
  txt(f, remote, "远程图片");
  a2b_node *fig = nd(f, body, A2B_NODE_FIGURE);
  a2b_node *im = nd(f, fig, A2B_NODE_IMAGE);
  im->u.image.src = "pic-1.png";
  im->u.image.res = img;
  txt(f, im, "示意图");
  txt(f, nd(f, fig, A2B_NODE_CAPTION), "图一");
  heading(f, body, 2, "代码", "代码与公式");
  a2b_node *cb = nd(f, body, A2B_NODE_CODE_BLOCK);
  cb->u.code.literal = "int main(void) { return 0 < 1; }\n";
  cb->u.code.lang = "c";
  cb->u.code.filename = "main.c";
  a2b_node *mb = nd(f, body, A2B_NODE_MATH_BLOCK);
  mb->u.literal = "\\sum_{i<n} i";
  para(f, nd(f, body, A2B_NODE_QUOTE), "引用。");
  for (int k = A2B_ASIDE_NOTE; k <= A2B_ASIDE_DETAILS; k++) {
    a2b_node *as = nd(f, body, A2B_NODE_ASIDE);
    as->u.aside.kind = (a2b_aside_kind)k;
    para(f, as, "提示内容");
  }
  a2b_node *ol = nd(f, body, A2B_NODE_LIST);
  ol->u.list.ordered = true;
  ol->u.list.start = 2;
  ol->u.list.tight = true;
  para(f, nd(f, ol, A2B_NODE_ITEM), "二");
  a2b_node *nested = nd(f, nd(f, ol, A2B_NODE_ITEM), A2B_NODE_LIST);
  para(f, nd(f, nested, A2B_NODE_ITEM), "嵌套");
  a2b_node *tasks = nd(f, body, A2B_NODE_LIST);
  for (int t = 1; t <= 2; t++) {
    a2b_node *it = nd(f, tasks, A2B_NODE_ITEM);
    it->u.item.task = t;
    para(f, it, t == 2 ? "已完成" : "未完成");
  }
  a2b_node *tab = nd(f, body, A2B_NODE_TABLE);
  tab->u.table.ncols = 2;
  for (int r = 0; r < 3; r++) {
    a2b_node *row = nd(f, tab, A2B_NODE_TABLE_ROW);
    row->u.row.header = r == 0;
    for (int c = 0; c < 2; c++) {
      a2b_node *cell = nd(f, row, A2B_NODE_TABLE_CELL);
      cell->u.cell.align = c ? A2B_ALIGN_CENTER : A2B_ALIGN_NONE;
      txt(f, cell, r ? "值" : "列");
    }
  }
  nd(f, body, A2B_NODE_THEMATIC_BREAK);
  a2b_node *div = nd(f, body, A2B_NODE_DIV);
  div->classes = "box";
  para(f, div, "容器");
  txt(f, nd(f, body, A2B_NODE_CAPTION), "独立说明");
  p = para(f, body, "第二个脚注");
  footnote(f, p, body, 2, "脚注二。");

  heading(f, a2->body, 1, "sec-1", "最初");
  para(f, a2->body, "日本語の本文です。");
  heading(f, a2->body, 2, "sec-2", "次");
  p = para(f, a2->body, "");
  ruby = nd(f, p, A2B_NODE_RUBY);
  txt(f, ruby, "漢字");
  txt(f, nd(f, ruby, A2B_NODE_RUBY_TEXT), "かんじ");

  /* ~400 KB: split into at least two files */
  char filler[4001];
  for (int i = 0; i < 4000; i++) filler[i] = "lorem ipsum "[i % 12];
  filler[4000] = '\0';
  for (int s = 1; s <= 10; s++) {
    char *id = a2b_sprintf(f->a, "part-%d", s);
    heading(f, a3->body, 1, id, a2b_sprintf(f->a, "Section %d", s));
    if (s % 3 == 0) heading(f, a3->body, 3, a2b_sprintf(f->a, "deep-%d", s), "Deep");
    for (int k = 0; k < 10; k++) {
      p = para(f, a3->body, filler);
      if (s == 9 && k == 0) footnote(f, p, a3->body, 1, "A late note.");
    }
  }

  toc_add(f, 0, a1->title, a1, NULL);
  toc_add(f, 1, "引言", a1, "引言");
  toc_add(f, 1, "代码与公式", a1, "代码");
  toc_add(f, 0, a2->title, a2, NULL);
  toc_add(f, 1, "最初", a2, "sec-1");
  toc_add(f, 2, "次", a2, "sec-2");
  toc_add(f, 0, a3->title, a3, NULL);
  for (int s = 1; s <= 10; s++) {
    toc_add(f, 1, a2b_sprintf(f->a, "Section %d", s), a3, a2b_sprintf(f->a, "part-%d", s));
    if (s % 3 == 0) toc_add(f, 3, "Deep", a3, a2b_sprintf(f->a, "deep-%d", s));
  }
}

static int setup(void **state) {
  fx *f = calloc(1, sizeof *f);
  f->a = a2b_arena_new();
  f->book = a2b_alloc(f->a, sizeof *f->book);
  f->book->arena = f->a;
  build_book(f);
  strcpy(f->dir, "/tmp/a2b-epub-XXXXXX");
  assert_non_null(mkdtemp(f->dir));
  snprintf(f->path, sizeof f->path, "%s/book.epub", f->dir);
  f->opts.epub_path = f->path;
  setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fx *f = *state;
  char cmd[160];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
  int rc = system(cmd);
  free(f->book->articles);
  free(f->book->resources);
  free(f->book->toc);
  a2b_diags_clear(&f->diags);
  a2b_arena_free(f->a);
  free(f);
  return rc;
}

/* ---- reading the result ----------------------------------------------------- */

static char *entry(zip_t *za, const char *name) {
  zip_stat_t st;
  if (zip_stat(za, name, 0, &st) != 0) fail_msg("no entry %s", name);
  char *s = malloc(st.size + 1);
  zip_file_t *zf = zip_fopen(za, name, 0);
  assert_non_null(zf);
  assert_int_equal(zip_fread(zf, s, st.size), (zip_int64_t)st.size);
  zip_fclose(zf);
  s[st.size] = '\0';
  return s;
}

static char *slurp(const char *path, size_t *len) {
  FILE *fp = fopen(path, "rb");
  assert_non_null(fp);
  fseek(fp, 0, SEEK_END);
  *len = (size_t)ftell(fp);
  rewind(fp);
  char *s = malloc(*len + 1);
  assert_int_equal(fread(s, 1, *len, fp), *len);
  s[*len] = '\0';
  fclose(fp);
  return s;
}

#define assert_has(doc, s)                                                                       \
  do {                                                                                           \
    if (!strstr(doc, s)) fail_msg("missing %s", s);                                              \
  } while (0)

static void write_ok(fx *f) {
  assert_int_equal(a2b_epub_write(f->book, &f->opts, &f->diags), A2B_EXIT_OK);
  assert_int_equal(f->diags.n_errors, 0);
}

static void test_container(void **state) {
  fx *f = *state;
  write_ok(f);
  size_t len;
  char *raw = slurp(f->path, &len);
  /* mimetype first, stored, no extra field: readers sniff these bytes */
  assert_memory_equal(raw, "PK\x03\x04", 4);
  assert_int_equal(raw[8] | raw[9] << 8, 0);   /* method: stored */
  assert_int_equal(raw[28] | raw[29] << 8, 0); /* extra field length */
  assert_memory_equal(raw + 30, "mimetypeapplication/epub+zip", 28);
  free(raw);

  zip_t *za = zip_open(f->path, ZIP_RDONLY, NULL);
  assert_non_null(za);
  assert_string_equal(zip_get_name(za, 0, 0), "mimetype");
  assert_string_equal(zip_get_name(za, 1, 0), "META-INF/container.xml");
  zip_int64_t n = zip_get_num_entries(za, 0);
  for (zip_int64_t i = 0; i < n; i++) {
    zip_stat_t st;
    assert_int_equal(zip_stat_index(za, (zip_uint64_t)i, 0, &st), 0);
    assert_int_equal(st.comp_method, i == 0 ? ZIP_CM_STORE : ZIP_CM_DEFLATE);
    assert_int_equal(zip_file_extra_fields_count(za, (zip_uint64_t)i, ZIP_FL_CENTRAL), 0);
  }
  char *names[] = {"OEBPS/content.opf", "OEBPS/nav.xhtml", "OEBPS/toc.ncx",
                   "OEBPS/styles/epub.css", "OEBPS/text/cover.xhtml", "OEBPS/text/a0001.xhtml",
                   "OEBPS/text/a0003-2.xhtml", "OEBPS/images/pic-1.png",
                   "OEBPS/images/cover.png"};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    assert_true(zip_name_locate(za, names[i], 0) >= 0);
  assert_true(zip_name_locate(za, "OEBPS/styles/user.css", 0) < 0);

  char *opf = entry(za, "OEBPS/content.opf");
  assert_has(opf, "<dc:title>测试书 &amp; &lt;digest&gt;</dc:title>");
  assert_has(opf, "<dc:language>zh-CN</dc:language>");
  /* no book authors: the article authors, most frequent first */
  assert_has(opf, "<dc:creator>张三</dc:creator>\n    <dc:creator>山田</dc:creator>");
  assert_has(opf, "<dc:date>2024-06-02T09:30:00+09:00</dc:date>");
  assert_has(opf, "<dc:subject>Linux</dc:subject>\n    <dc:subject>日本</dc:subject>");
  assert_has(opf, "<meta property=\"dcterms:modified\">2023-11-14T22:13:20Z</meta>");
  assert_has(opf, "<meta property=\"schema:accessMode\">visual</meta>");
  assert_has(opf, "<meta property=\"schema:accessibilityFeature\">alternativeText</meta>");
  assert_has(opf, "<meta name=\"cover\" content=\"cover-image\"/>");
  assert_has(opf, "href=\"images/cover.png\" media-type=\"image/png\" properties=\"cover-image\"");
  assert_has(opf, "href=\"images/pic-1.png\" media-type=\"image/png\"");
  assert_has(opf, "<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" "
                  "properties=\"nav\"/>");
  assert_has(opf, "<spine toc=\"ncx\">\n    <itemref idref=\"cover\"/>\n    <itemref "
                  "idref=\"nav\"/>\n    <itemref idref=\"t-a0001\"/>");
  assert_has(opf, "<itemref idref=\"t-a0003-2\"/>");
  free(opf);

  char *nav = entry(za, "OEBPS/nav.xhtml");
  assert_has(nav, "<li><a href=\"text/a0002.xhtml\">二本目</a>\n<ol>\n"
                  "<li><a href=\"text/a0002.xhtml#sec-1\">最初</a>\n<ol>\n"
                  "<li><a href=\"text/a0002.xhtml#sec-2\">次</a></li>\n</ol>\n</li>\n</ol>\n"
                  "</li>");
  assert_has(nav, "<a epub:type=\"bodymatter\" href=\"text/a0001.xhtml\">");
  assert_has(nav, "<a epub:type=\"toc\" href=\"nav.xhtml#toc\">");
  free(nav);
  /* a heading in a later part is linked there, from the TOC and the NCX */
  char *ncx = entry(za, "OEBPS/toc.ncx");
  assert_has(ncx, "<content src=\"text/a0003-2.xhtml#part-");
  assert_has(ncx, "<meta name=\"dtb:uid\" content=\"urn:uuid:12345678-1234-4234-8234-"
                  "123456789abc\"/>");
  free(ncx);
  /* the late footnote sits in the part that references it, and only there */
  int with_ref = 0;
  for (int k = 1; k <= 9; k++) {
    char name[64];
    snprintf(name, sizeof name, k == 1 ? "OEBPS/text/a0003.xhtml" : "OEBPS/text/a0003-%d.xhtml", k);
    if (zip_name_locate(za, name, 0) < 0) break;
    char *part = entry(za, name);
    bool ref = strstr(part, "id=\"fnref-a3-1\"") != NULL;
    with_ref += ref;
    assert_int_equal(ref, strstr(part, "<aside epub:type=\"footnote\" role=\"doc-footnote\" "
                                       "id=\"fn-a3-1\">\n<p><a role=\"doc-backlink\" "
                                       "href=\"#fnref-a3-1\">1</a> A late note.</p>") != NULL);
    free(part);
  }
  assert_int_equal(with_ref, 1);
  zip_close(za);
}

/* Run a shell command; its exit status. */
static int run(const char *fmt, const char *arg, const char *arg2) {
  char cmd[512];
  snprintf(cmd, sizeof cmd, fmt, arg, arg2);
  int rc = system(cmd);
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static void test_validity(void **state) {
  fx *f = *state;
  write_ok(f);
  char out[160];
  snprintf(out, sizeof out, "%s/x", f->dir);
  if (run("command -v unzip >/dev/null && command -v xmllint >/dev/null", "", "") == 0) {
    assert_int_equal(run("unzip -q '%s' -d '%s'", f->path, out), 0);
    assert_int_equal(run("xmllint --noout '%s'/OEBPS/*.xhtml '%s'/OEBPS/text/*.xhtml", out, out),
                     0);
  } else {
    fprintf(stderr, "unzip or xmllint not installed: XHTML well-formedness not checked\n");
  }
  /* Debian's epubcheck is a jar that needs binfmt_misc; fall back to java -jar. */
  static const char *const checkers[] = {"epubcheck", "java -jar /usr/share/java/epubcheck.jar"};
  const char *checker = NULL;
  for (size_t i = 0; i < 2 && !checker; i++)
    if (run("%s --version 2>&1 | grep -q EPUBCheck", checkers[i], "") == 0) checker = checkers[i];
  if (!checker) {
    fprintf(stderr, "epubcheck not installed: EPUB validity not checked\n");
    return;
  }
  char log[160], cmd[512];
  snprintf(log, sizeof log, "%s/epubcheck.log", f->dir);
  snprintf(cmd, sizeof cmd, "%s '%%s' >'%%s' 2>&1", checker);
  int rc = run(cmd, f->path, log);
  size_t len;
  char *text = slurp(log, &len);
  if (rc != 0 || strstr(text, "WARNING") || strstr(text, "ERROR"))
    fail_msg("epubcheck (exit %d):\n%s", rc, text);
  free(text);
}

static void test_reproducible(void **state) {
  fx *f = *state;
  setenv("TZ", "Asia/Shanghai", 1);
  setenv("LANG", "zh_CN.UTF-8", 1);
  tzset();
  write_ok(f);
  size_t n1, n2;
  char *one = slurp(f->path, &n1);
  setenv("TZ", "America/Los_Angeles", 1);
  setenv("LANG", "C", 1);
  tzset();
  write_ok(f);
  char *two = slurp(f->path, &n2);
  unsetenv("TZ");
  tzset();
  assert_int_equal(n1, n2);
  assert_memory_equal(one, two, n1);
  /* the entry time is SOURCE_DATE_EPOCH in UTC: 2023-11-14 22:13:20 */
  unsigned dtime = (unsigned char)one[10] | (unsigned char)one[11] << 8;
  unsigned ddate = (unsigned char)one[12] | (unsigned char)one[13] << 8;
  assert_int_equal(dtime, (22u << 11) | (13u << 5) | (20u / 2));
  assert_int_equal(ddate, ((2023u - 1980) << 9) | (11u << 5) | 14u);
  free(one);
  free(two);
}

static size_t count_entries(const char *dir) {
  DIR *d = opendir(dir);
  assert_non_null(d);
  size_t n = 0;
  struct dirent *e;
  while ((e = readdir(d)))
    if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) n++;
  closedir(d);
  return n;
}

static void test_failures_leave_old_file(void **state) {
  fx *f = *state;
  char bad[160];
  snprintf(bad, sizeof bad, "%s/missing/book.epub", f->dir);
  f->opts.epub_path = bad;
  assert_int_equal(a2b_epub_write(f->book, &f->opts, &f->diags), A2B_EXIT_IO);
  assert_int_equal(f->diags.n_errors, 1);

  FILE *fp = fopen(f->path, "w");
  fputs("previous", fp);
  fclose(fp);
  f->opts.epub_path = f->path;
  f->opts.css = "/nonexistent/user.css";
  assert_int_equal(a2b_epub_write(f->book, &f->opts, &f->diags), A2B_EXIT_IO);
  assert_int_equal(f->diags.n_errors, 2);
  assert_non_null(strstr(f->diags.items[1].message, "stylesheet: cannot read"));
  size_t len;
  char *s = slurp(f->path, &len);
  assert_int_equal(len, 8);
  assert_memory_equal(s, "previous", 8);
  free(s);
  assert_int_equal(count_entries(f->dir), 1);
}

static void test_user_css(void **state) {
  fx *f = *state;
  char css[160];
  snprintf(css, sizeof css, "%s/my.css", f->dir);
  FILE *fp = fopen(css, "w");
  fputs("p { color: #333; }\n", fp);
  fclose(fp);
  f->opts.css = css;
  write_ok(f);
  zip_t *za = zip_open(f->path, ZIP_RDONLY, NULL);
  assert_non_null(za);
  char *s = entry(za, "OEBPS/styles/user.css");
  assert_string_equal(s, "p { color: #333; }\n");
  free(s);
  s = entry(za, "OEBPS/text/a0002.xhtml");
  assert_has(s, "<link rel=\"stylesheet\" type=\"text/css\" href=\"../styles/user.css\"/>");
  free(s);
  s = entry(za, "OEBPS/content.opf");
  assert_has(s, "href=\"styles/user.css\" media-type=\"text/css\"");
  free(s);
  zip_close(za);
}

static void test_no_cover(void **state) {
  fx *f = *state;
  f->book->cover = NULL;
  write_ok(f);
  zip_t *za = zip_open(f->path, ZIP_RDONLY, NULL);
  assert_non_null(za);
  assert_true(zip_name_locate(za, "OEBPS/text/cover.xhtml", 0) < 0);
  assert_true(zip_name_locate(za, "OEBPS/images/cover.png", 0) < 0);
  char *opf = entry(za, "OEBPS/content.opf");
  assert_null(strstr(opf, "cover"));
  assert_has(opf, "<spine toc=\"ncx\">\n    <itemref idref=\"nav\"/>");
  free(opf);
  char *nav = entry(za, "OEBPS/nav.xhtml");
  assert_null(strstr(nav, "epub:type=\"cover\""));
  free(nav);
  zip_close(za);
}

static void test_large_book_warns(void **state) {
  fx *f = *state;
  size_t size = A2B_EPUB_WARN_SIZE + 1024 * 1024;
  unsigned char *noise = malloc(size); /* incompressible */
  uint64_t x = 88172645463325252u;
  for (size_t i = 0; i < size; i++) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    noise[i] = (unsigned char)x;
  }
  a2b_resource *big = resource(f, "images/big.png");
  big->data = noise;
  big->size = size;
  a2b_book *b = f->book;
  b->resources = realloc(b->resources, (b->n_resources + 1) * sizeof *b->resources);
  b->resources[b->n_resources++] = big;
  write_ok(f);
  free(noise);
  assert_int_equal(f->diags.n_warnings, 1);
  assert_non_null(strstr(f->diags.items[0].message, "over 50 MB"));
}

/* Kindle's converter rejects some CSS; the default stylesheet uses none of it. */
static void test_default_css_is_plain(void **state) {
  (void)state;
  const char *css = a2b_style_epub_css;
  assert_int_equal(strlen(css), a2b_style_epub_css_len);
  static const char *const banned[] = {"position:", "float:", "calc(", "@import", "var(", "--"};
  for (size_t i = 0; i < sizeof banned / sizeof *banned; i++)
    for (const char *p = css; (p = strstr(p, banned[i])); p++)
      if (p == css || p[-1] != '-') /* a property of its own, not text-emphasis-position */
        fail_msg("default CSS uses %s", banned[i]);
  for (const char *p = css; *p; p++)
    if (*p >= '0' && *p <= '9' && (!strncmp(p + 1, "rem", 3) || !strncmp(p + 1, "vw", 2) ||
                                   !strncmp(p + 1, "vh", 2)))
      fail_msg("default CSS uses a viewport or root-relative unit: %.12s", p);
  assert_non_null(strstr(css, "text-indent: 2em"));
  /* The CJK rules of the PDF, as progressive enhancements. */
  static const char *const cjk[] = {"text-autospace: ideograph-alpha ideograph-numeric",
                                    "text-spacing-trim: trim-start", "hanging-punctuation:",
                                    "text-emphasis-style: filled dot",
                                    "text-emphasis-position: under",
                                    "text-emphasis-style: filled sesame"};
  for (size_t i = 0; i < sizeof cjk / sizeof *cjk; i++)
    if (!strstr(css, cjk[i])) fail_msg("default CSS lacks %s", cjk[i]);
}

/* Every entry but mimetype is deflated (really smaller), readable with a
 * correct CRC, and in the fixed order whatever thread compressed it. */
static void test_entries_deflated_in_order(void **state) {
  fx *f = *state;
  assert_int_equal(a2b_epub_write_with(f->book, &f->opts, 3, &f->diags), A2B_EXIT_OK);
  zip_t *za = zip_open(f->path, ZIP_RDONLY | ZIP_CHECKCONS, NULL);
  assert_non_null(za);
  const char *head[] = {"mimetype",
                        "META-INF/container.xml",
                        "OEBPS/content.opf",
                        "OEBPS/nav.xhtml",
                        "OEBPS/toc.ncx",
                        "OEBPS/styles/epub.css",
                        "OEBPS/text/cover.xhtml",
                        "OEBPS/text/a0001.xhtml",
                        "OEBPS/text/a0002.xhtml",
                        "OEBPS/text/a0003.xhtml"};
  size_t n = (size_t)zip_get_num_entries(za, 0), i = 0;
  for (; i < sizeof head / sizeof *head; i++)
    assert_string_equal(zip_get_name(za, i, 0), head[i]);
  for (int part = 2; i < n && strncmp(zip_get_name(za, i, 0), "OEBPS/images/", 13); part++, i++) {
    char name[64];
    snprintf(name, sizeof name, "OEBPS/text/a0003-%d.xhtml", part);
    assert_string_equal(zip_get_name(za, i, 0), name);
  }
  assert_true(i >= sizeof head / sizeof *head + 1); /* the long article was split */
  assert_int_equal(n, i + 2);
  assert_string_equal(zip_get_name(za, i, 0), "OEBPS/images/pic-1.png");
  assert_string_equal(zip_get_name(za, i + 1, 0), "OEBPS/images/cover.png");
  for (i = 0; i < n; i++) {
    zip_stat_t st;
    assert_int_equal(zip_stat_index(za, i, 0, &st), 0);
    assert_int_equal(st.comp_method, i == 0 ? ZIP_CM_STORE : ZIP_CM_DEFLATE);
    if (strstr(st.name, ".xhtml") || strstr(st.name, ".css"))
      assert_true(st.comp_size < st.size * 3 / 4);
    char *data = malloc(st.size + 1);
    zip_file_t *zf = zip_fopen_index(za, i, 0);
    assert_non_null(zf);
    /* libzip checks the CRC on the last read and fails on a mismatch */
    assert_int_equal(zip_fread(zf, data, st.size + 1), (zip_int64_t)st.size);
    assert_int_equal(zip_fclose(zf), 0);
    free(data);
  }
  zip_close(za);
}

/* More parts than workers: the book is complete, and the bytes are those of a
 * single-threaded run. */
static void test_workers_do_not_change_bytes(void **state) {
  fx *f = *state;
  for (int i = 0; i < 50; i++) {
    a2b_article *a = article(f, a2b_sprintf(f->a, "Short %d", i + 4), "en");
    para(f, a->body, a2b_sprintf(f->a, "Body of article %d, which is short.", i + 4));
  }
  assert_int_equal(a2b_epub_write_with(f->book, &f->opts, 1, &f->diags), A2B_EXIT_OK);
  size_t n1, n2;
  char *one = slurp(f->path, &n1);
  assert_int_equal(a2b_epub_write_with(f->book, &f->opts, 4, &f->diags), A2B_EXIT_OK);
  char *many = slurp(f->path, &n2);
  assert_int_equal(f->diags.n_errors, 0);
  assert_int_equal(n1, n2);
  assert_memory_equal(one, many, n1);
  free(one);
  free(many);
  zip_t *za = zip_open(f->path, ZIP_RDONLY, NULL);
  assert_non_null(za);
  for (int i = 4; i <= 53; i++) {
    char name[64], want[64];
    snprintf(name, sizeof name, "OEBPS/text/a%04d.xhtml", i);
    snprintf(want, sizeof want, "<p>Body of article %d, which is short.</p>", i);
    char *doc = entry(za, name);
    assert_has(doc, want);
    free(doc);
  }
  zip_close(za);
}

/* NCX entries with the same target share the play order of the first. */
static void test_ncx_shared_play_order(void **state) {
  fx *f = *state;
  toc_add(f, 0, "Again", f->book->articles[0], NULL);
  toc_add(f, 1, "Gone", f->book->articles[1], "no-such-id"); /* the article's file */
  write_ok(f);
  zip_t *za = zip_open(f->path, ZIP_RDONLY, NULL);
  assert_non_null(za);
  char *ncx = entry(za, "OEBPS/toc.ncx");
  assert_has(ncx, "playOrder=\"1\"><navLabel><text>第一篇：全部节点</text>");
  assert_has(ncx, "playOrder=\"2\"><navLabel><text>引言</text>");
  assert_has(ncx, "playOrder=\"1\"><navLabel><text>Again</text>");
  char *two = strstr(ncx, "<text>二本目</text></navLabel><content src=\"text/a0002.xhtml\"/>");
  assert_non_null(two);
  char order[32];
  const char *at = two;
  while (at > ncx && strncmp(at, "playOrder=\"", 11)) at--;
  snprintf(order, sizeof order, "%.*s", (int)(strchr(at + 11, '"') - at + 1), at);
  char want[64];
  snprintf(want, sizeof want, "%s><navLabel><text>Gone</text>", order);
  assert_has(ncx, want);
  /* play orders are 1..max with no gap */
  int max = 0;
  for (const char *p = ncx; (p = strstr(p, "playOrder=\"")); p++)
    if (atoi(p + 11) > max) max = atoi(p + 11);
  for (int k = 1; k <= max; k++) {
    snprintf(want, sizeof want, "playOrder=\"%d\"", k);
    assert_has(ncx, want);
  }
  free(ncx);
  zip_close(za);
}

/* The parts' sources hand out deflated data, which zip_close() copies as it
 * is; stored data would be compressed again, on one thread. */
static void test_parts_sources_are_deflated(void **state) {
  fx *f = *state;
  a2b_xhtml_plan *plan = a2b_xhtml_plan_new(f->book, A2B_XHTML_PART_MAX, false);
  size_t n = plan->n_parts + 2;
  a2b_epub_entry *e = calloc(n, sizeof *e);
  char *names = calloc(n, 32);
  for (size_t k = 0; k < plan->n_parts; k++)
    e[k] = (a2b_epub_entry){.name = names + 32 * k, .plan = plan, .part = k};
  char *owned = malloc(20000);
  for (int i = 0; i < 20000; i++) owned[i] = "abcdefgh"[i % 7];
  e[n - 2] = (a2b_epub_entry){.name = names + 32 * (n - 2), .data = owned, .len = 20000,
                              .owned = true};
  e[n - 1] = (a2b_epub_entry){.name = names + 32 * (n - 1), .data = a2b_style_epub_css,
                              .len = a2b_style_epub_css_len};
  for (size_t k = 0; k < n; k++) snprintf(names + 32 * k, 32, "e%zu", k);
  char *err = NULL;
  a2b_epub_parts *set = a2b_epub_parts_deflate(e, n, 3, &err);
  assert_non_null(set);
  assert_null(err);
  zip_t *za = zip_open_from_source(zip_source_buffer_create(NULL, 0, 0, NULL), ZIP_TRUNCATE, NULL);
  assert_non_null(za);
  for (size_t k = 0; k < n; k++) {
    zip_source_t *src = a2b_epub_parts_source(set, k, za);
    assert_non_null(src);
    zip_stat_t st;
    assert_int_equal(zip_source_stat(src, &st), 0);
    assert_true(st.valid & ZIP_STAT_COMP_METHOD);
    assert_int_equal(st.comp_method, ZIP_CM_DEFLATE);
    assert_true(st.comp_size < st.size);
    if (k == n - 2) assert_int_equal(st.size, 20000);
    if (k == n - 1) assert_int_equal(st.size, a2b_style_epub_css_len);
    zip_source_free(src);
  }
  zip_discard(za);
  a2b_epub_parts_free(set);
  free(names);
  free(e);
  a2b_xhtml_plan_free(plan);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_container, setup, teardown),
      cmocka_unit_test_setup_teardown(test_validity, setup, teardown),
      cmocka_unit_test_setup_teardown(test_reproducible, setup, teardown),
      cmocka_unit_test_setup_teardown(test_failures_leave_old_file, setup, teardown),
      cmocka_unit_test_setup_teardown(test_user_css, setup, teardown),
      cmocka_unit_test_setup_teardown(test_no_cover, setup, teardown),
      cmocka_unit_test_setup_teardown(test_large_book_warns, setup, teardown),
      cmocka_unit_test(test_default_css_is_plain),
      cmocka_unit_test_setup_teardown(test_entries_deflated_in_order, setup, teardown),
      cmocka_unit_test_setup_teardown(test_workers_do_not_change_bytes, setup, teardown),
      cmocka_unit_test_setup_teardown(test_ncx_shared_play_order, setup, teardown),
      cmocka_unit_test_setup_teardown(test_parts_sources_are_deflated, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
