/* The painter: hand-made pages painted to a PDF, checked with qpdf and
 * poppler's tools (each check skips when its tool is missing). With
 * A2B_KEEP set, the PDFs stay in /tmp/a2b-paint-XXXXXX for inspection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <cairo.h>
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <jpeglib.h> /* after stdio.h: it needs FILE */

#include "arena.h"
#include "pdf/drawing.h"
#include "pdf/paint.h"
#include "pdf/render.h"

#define CREATED "2023-11-14T22:13:20Z"
#define MODIFIED "2024-01-02T03:04:05Z"
#define URI "https://example.com/路径 (x)?q='x'&r=\\"

static char dir[64];
static char doc_pdf[96], again_pdf[96], a4_pdf[96];
static a2b_diags paint_diags;

/* Render `pages` to drawing records in a temporary file, as the layout
 * process would, and paint them with `p`. */
static bool paint_pages(a2b_pdf_painter *p, a2b_pdf_ts *ts, const a2b_pdf_style *st,
                        a2b_pdf_page **pages, size_t n) {
  FILE *tmp = tmpfile();
  assert_non_null(tmp);
  a2b_wire_out *w = malloc(sizeof *w);
  a2b_wire_out_init(w, fileno(tmp));
  a2b_pdf_renderer *r = a2b_pdf_renderer_new(ts, st, w);
  for (size_t i = 0; i < n; i++) a2b_pdf_render_page(r, pages[i]);
  a2b_diags none = {0};
  a2b_wire_u32(w, A2B_DRAW_END);
  a2b_wire_diags(w, &none);
  assert_true(a2b_wire_flush(w));
  a2b_pdf_renderer_free(r);
  free(w);
  assert_int_equal(lseek(fileno(tmp), 0, SEEK_SET), 0);
  a2b_wire_in *in = malloc(sizeof *in);
  a2b_wire_in_init(in, fileno(tmp));
  bool ok = a2b_pdf_paint_stream(p, in);
  free(in);
  fclose(tmp);
  return ok;
}

/* Paint `page` alone to <dir>/<name>.pdf (its path in `path`); the
 * painter must finish. */
static void paint_alone(const char *name, a2b_pdf_ts *ts, const a2b_pdf_style *st,
                        a2b_pdf_page *page, a2b_diags *d, char path[128]) {
  snprintf(path, 128, "%s/%s.pdf", dir, name);
  FILE *out = fopen(path, "wb");
  assert_non_null(out);
  a2b_pdf_meta meta = {.create_date = CREATED, .mod_date = CREATED};
  a2b_pdf_painter *p = a2b_pdf_painter_new(out, ts, st, &meta, d);
  a2b_pdf_page *pages[] = {page};
  assert_true(paint_pages(p, ts, st, pages, 1));
  assert_true(a2b_pdf_painter_finish(p));
  a2b_pdf_painter_free(p);
  fclose(out);
}

/* ---- running tools ---------------------------------------------------------- */

static bool have(const char *tool) {
  char *path = g_find_program_in_path(tool);
  g_free(path);
  return path != NULL;
}

#define NEED(tool)                                                                                 \
  do {                                                                                             \
    if (!have(tool)) {                                                                             \
      print_message("%s not installed: check skipped\n", tool);                                    \
      skip();                                                                                      \
    }                                                                                              \
  } while (0)

/* The standard output of `cmd` (a shell command); fails the test when it
 * does not exit 0. g_free() the result. */
static char *run(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *cmd = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  char *out = NULL, *err = NULL;
  int status = 0;
  char *argv[] = {"/bin/sh", "-c", cmd, NULL};
  GError *e = NULL;
  if (!g_spawn_sync(NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &e))
    fail_msg("cannot run %s: %s", cmd, e->message);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    fail_msg("'%s' failed (status %d):\n%s%s", cmd, status, out, err);
  g_free(err);
  g_free(cmd);
  return out;
}

static void assert_contains(const char *haystack, const char *needle) {
  if (!strstr(haystack, needle)) fail_msg("'%s' not found in:\n%s", needle, haystack);
}

/* ---- the document -------------------------------------------------------- */

static a2b_resource *load_resource(a2b_arena *a, const char *name, const char *type) {
  char *path = g_strdup_printf("%s/tests/fixtures/images/%s", A2B_SRC, name);
  gchar *data;
  gsize size;
  if (!g_file_get_contents(path, &data, &size, NULL)) fail_msg("cannot read %s", path);
  a2b_resource *r = a2b_alloc(a, sizeof *r);
  r->source = a2b_strdup(a, path);
  r->name = name;
  r->media_type = type;
  r->data = a2b_memdup(a, data, size);
  r->size = size;
  g_free(data);
  g_free(path);
  return r;
}

/* A 16x8 CMYK JPEG made with libjpeg (Adobe marker: stored inverted). */
static a2b_resource *cmyk_jpeg(a2b_arena *a) {
  struct jpeg_compress_struct ci;
  struct jpeg_error_mgr err;
  ci.err = jpeg_std_error(&err);
  jpeg_create_compress(&ci);
  unsigned char *buf = NULL;
  unsigned long size = 0;
  jpeg_mem_dest(&ci, &buf, &size);
  ci.image_width = 16, ci.image_height = 8, ci.input_components = 4;
  ci.in_color_space = JCS_CMYK;
  jpeg_set_defaults(&ci);
  jpeg_start_compress(&ci, TRUE);
  unsigned char row[16 * 4];
  for (int y = 0; y < 8; y++) {
    for (int x = 0; x < 16; x++)
      row[x * 4] = (unsigned char)(x * 16), row[x * 4 + 1] = (unsigned char)(y * 32),
              row[x * 4 + 2] = 128, row[x * 4 + 3] = 255;
    JSAMPROW r = row;
    jpeg_write_scanlines(&ci, &r, 1);
  }
  jpeg_finish_compress(&ci);
  jpeg_destroy_compress(&ci);
  a2b_resource *res = a2b_alloc(a, sizeof *res);
  res->source = "cmyk.jpg", res->name = "images/cmyk.jpg", res->media_type = "image/jpeg";
  res->data = a2b_memdup(a, buf, size), res->size = size;
  free(buf);
  return res;
}

static a2b_pdf_line *set(a2b_pdf_ts *ts, a2b_arena *a, const a2b_pdf_style *st,
                         const a2b_pdf_span *spans, size_t n) {
  a2b_pdf_para para = {.lang = "zh-CN",
                       .size = st->body_size,
                       .pitch = st->line_pitch,
                       .measure = 300,
                       .align = A2B_PDF_LEFT};
  double width;
  a2b_pdf_line *line = a2b_pdf_set_line(ts, a, spans, n, &para, &width, "test.md");
  assert_non_null(line);
  assert_true(width > 0);
  return line;
}

static void add_dest(a2b_arena *a, a2b_pdf_page *page, const char *name, const char *title,
                     int level, double y) {
  a2b_pdf_placed *it = a2b_pdf_page_push(a, page, A2B_PDF_P_DEST);
  it->x = 50, it->y = y;
  it->u.dest.name = name, it->u.dest.outline_title = title, it->u.dest.outline_level = level;
}

static void add_box(a2b_arena *a, a2b_pdf_page *page, a2b_pdf_pkind kind, double x, double y,
                    double w, double h, uint32_t color) {
  a2b_pdf_placed *it = a2b_pdf_page_push(a, page, kind);
  it->x = x, it->y = y, it->w = w, it->h = h, it->color = color;
}

/* Page 1 of `path` rendered at `dpi` by pdftoppm, as <dir>/<name>.png,
 * loaded. cairo_surface_destroy() it. */
static cairo_surface_t *rendered(const char *path, const char *name, int dpi) {
  g_free(run("pdftoppm -r %d -png -singlefile '%s' '%s/%s'", dpi, path, dir, name));
  char png[160];
  snprintf(png, sizeof png, "%s/%s.png", dir, name);
  cairo_surface_t *img = cairo_image_surface_create_from_png(png);
  assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
  return img;
}

/* The pixel at (x, y) of `img` as 0xRRGGBB. */
static uint32_t pixel(cairo_surface_t *img, int x, int y) {
  const unsigned char *row =
      cairo_image_surface_get_data(img) + (size_t)y * cairo_image_surface_get_stride(img);
  return ((const uint32_t *)row)[x] & 0xFFFFFF;
}

static void add_image(a2b_arena *a, a2b_pdf_page *page, const a2b_resource *res, double x, double y,
                      double w, double h) {
  a2b_pdf_placed *it = a2b_pdf_page_push(a, page, A2B_PDF_P_IMAGE);
  it->x = x, it->y = y, it->w = w, it->h = h, it->u.image = res;
}

static void add_line(a2b_arena *a, a2b_pdf_page *page, a2b_pdf_line *line, double x, double y) {
  a2b_pdf_placed *it = a2b_pdf_page_push(a, page, A2B_PDF_P_LINE);
  it->x = x, it->y = y, it->u.line = line;
}

/* Paint the test document to `path`: two pages with every kind of item.
 * Returns the painter's verdict; diagnostics go to `d`. */
static bool paint_doc(const char *path, const char *paper, a2b_diags *d) {
  a2b_pdf_style st;
  assert_true(a2b_pdf_style_load(&st, NULL, paper, d));
  a2b_pdf_ts *ts = a2b_pdf_ts_new(&st, NULL, d);
  assert_non_null(ts);
  a2b_arena *a = a2b_arena_new();
  a2b_article art = {.path = "test.md", .title = "文章标题", .lang = "zh-CN"};

  const a2b_resource *png = load_resource(a, "tiny.png", "image/png");
  const a2b_resource *jpg = load_resource(a, "tiny.jpg", "image/jpeg");
  const a2b_resource *cmyk = cmyk_jpeg(a);

  a2b_pdf_page p1 = {.number = 1, .article = &art};
  add_box(a, &p1, A2B_PDF_P_RECT, 40, 60, 300, 40, st.code_background);
  add_dest(a, &p1, "a0", "第一篇文章", 0, 60);
  a2b_pdf_span l1[] = {
      {.text = "中文排版测试，", .len = strlen("中文排版测试，")},
      {.text = "Latin text ", .len = 11},
      {.text = "外部链接", .len = strlen("外部链接"), .link_uri = URI, .color = st.link_color},
      {.text = " and ", .len = 5},
      {.text = "内部链接", .len = strlen("内部链接"), .link_dest = "节(1)", .color = st.link_color},
  };
  add_line(a, &p1, set(ts, a, &st, l1, 5), 50, 80);
  add_dest(a, &p1, "节(1)", "第一节", 1, 120);
  add_dest(a, &p1, "sec-1-1", "第一小节", 2, 140);
  a2b_pdf_span l2[] = {
      {.text = "划线", .len = strlen("划线"), .underline = true},
      {.text = "删除", .len = strlen("删除"), .strike = true},
      {.text = "code()", .len = 6, .face = A2B_PDF_FACE_MONO},
  };
  add_line(a, &p1, set(ts, a, &st, l2, 3), 50, 160);
  add_box(a, &p1, A2B_PDF_P_RULE, 50, 180, 300, 0.5, st.rule_color);
  add_box(a, &p1, A2B_PDF_P_STROKE, 50, 190, 100, 30, st.rule_color);
  add_image(a, &p1, png, 50, 230, 100, 60);
  add_image(a, &p1, jpg, 160, 230, 80, 80);
  add_image(a, &p1, cmyk, 250, 230, 64, 32);

  a2b_pdf_page p2 = {.number = 2,
                     .show_folio = true,
                     .head_left = "书名",
                     .head_right = "文章标题",
                     .article = &art};
  add_dest(a, &p2, "a1", "第二篇文章", 0, 60);
  add_dest(a, &p2, "sec-2", "第二篇的一节", 1, 100);
  a2b_pdf_span l3[] = {{.text = "第二页正文。", .len = strlen("第二页正文。")}};
  a2b_pdf_line *with_anchor = set(ts, a, &st, l3, 1);
  /* A line's anchors reach paint as DEST items placed by pagination. */
  add_dest(a, &p2, "fn-1", NULL, 0, 108);
  add_line(a, &p2, with_anchor, 50, 120);
  add_image(a, &p2, jpg, 50, 140, 40, 40); /* the same JPEG again: embedded once */

  FILE *out = fopen(path, "wb");
  assert_non_null(out);
  a2b_pdf_meta meta = {.title = "测试书",
                       .author = "作者甲",
                       .subject = "主题",
                       .keywords = "排版, PDF",
                       .creator = "art2book test",
                       .create_date = CREATED,
                       .mod_date = MODIFIED};
  a2b_pdf_painter *p = a2b_pdf_painter_new(out, ts, &st, &meta, d);
  assert_non_null(p);
  a2b_pdf_page *pages[] = {&p1, &p2};
  assert_true(paint_pages(p, ts, &st, pages, 2));
  bool ok = a2b_pdf_painter_finish(p);
  a2b_pdf_painter_free(p);
  fclose(out);
  a2b_arena_free(a);
  a2b_pdf_ts_free(ts);
  a2b_pdf_style_free(&st);
  return ok;
}

static int group_setup(void **state) {
  (void)state;
  strcpy(dir, "/tmp/a2b-paint-XXXXXX");
  if (!mkdtemp(dir)) return -1;
  snprintf(doc_pdf, sizeof doc_pdf, "%s/doc.pdf", dir);
  snprintf(again_pdf, sizeof again_pdf, "%s/again.pdf", dir);
  snprintf(a4_pdf, sizeof a4_pdf, "%s/a4.pdf", dir);
  a2b_diags scratch = {0};
  bool ok = paint_doc(doc_pdf, NULL, &paint_diags) && paint_doc(again_pdf, NULL, &scratch) &&
            paint_doc(a4_pdf, "a4", &scratch);
  a2b_diags_clear(&scratch);
  return ok ? 0 : -1;
}

static int group_teardown(void **state) {
  (void)state;
  a2b_diags_clear(&paint_diags);
  if (getenv("A2B_KEEP")) return 0;
  char *cmd = g_strdup_printf("rm -rf '%s'", dir);
  int rc = system(cmd);
  g_free(cmd);
  return rc;
}

/* ---- checks --------------------------------------------------------------- */

static void test_no_diagnostics(void **state) {
  (void)state;
  for (size_t i = 0; i < paint_diags.n; i++)
    a2b_diag_print(&paint_diags.items[i], stderr);
  assert_int_equal(paint_diags.n, 0);
}

static void test_qpdf_check(void **state) {
  (void)state;
  NEED("qpdf");
  g_free(run("qpdf --check '%s'", doc_pdf));
  g_free(run("qpdf --check '%s'", a4_pdf));
}

/* Every font embedded, subset, with a ToUnicode map. */
static void test_fonts(void **state) {
  (void)state;
  NEED("pdffonts");
  char *out = run("pdffonts '%s'", doc_pdf);
  char **lines = g_strsplit(out, "\n", -1);
  int fonts = 0;
  for (char **l = lines + 2; *l && **l; l++, fonts++) {
    /* name type encoding emb sub uni object ID: the three flags before the last two. */
    char **f = g_strsplit_set(*l, " ", -1);
    int n = 0;
    for (char **w = f; *w; w++)
      if (**w) f[n++] = *w;
    if (n < 6 || strcmp(f[n - 5], "yes") || strcmp(f[n - 4], "yes") || strcmp(f[n - 3], "yes"))
      fail_msg("font not embedded+subset+unicode: %s", *l);
    g_free(f);
  }
  assert_true(fonts >= 2); /* serif CJK body and the mono face */
  g_strfreev(lines);
  g_free(out);
}

/* `s` without white space (line setting may add or drop spaces). */
static char *squeeze(const char *s) {
  char *out = g_malloc(strlen(s) + 1), *o = out;
  for (; *s; s++)
    if (!g_ascii_isspace(*s)) *o++ = *s;
  *o = '\0';
  return out;
}

/* The text comes back, in order, from the glyph items' clusters. */
static void test_text(void **state) {
  (void)state;
  NEED("pdftotext");
  char *out = run("pdftotext -enc UTF-8 '%s' -", doc_pdf);
  char *flat = squeeze(out);
  assert_contains(flat, "中文排版测试，Latintext外部链接and内部链接");
  assert_contains(flat, "划线删除code()");
  g_free(flat);
  assert_contains(out, "第二页正文。");
  assert_contains(out, "书名");
  assert_contains(out, "文章标题");
  char *page1 = run("pdftotext -enc UTF-8 -f 1 -l 1 '%s' -", doc_pdf);
  if (strstr(page1, "书名")) fail_msg("running head on page 1:\n%s", page1);
  char *page2 = run("pdftotext -enc UTF-8 -f 2 -l 2 '%s' -", doc_pdf);
  assert_contains(page2, "\n2\n"); /* the folio */
  g_free(page2);
  g_free(page1);
  g_free(out);
}

static void test_images(void **state) {
  (void)state;
  NEED("pdfimages");
  char *out = run("pdfimages -list '%s'", doc_pdf);
  /* page num type width height color comp bpc enc interp object ID ... */
  char **lines = g_strsplit(out, "\n", -1);
  int png = 0, jpeg = 0, cmyk = 0;
  char jpeg_object[2][32] = {"", ""};
  for (char **l = lines + 2; *l && **l; l++) {
    char page[8], type[16], color[16], enc[16], object[16], gen[16];
    int w, h;
    if (sscanf(*l, "%7s %*s %15s %d %d %15s %*s %*s %15s %*s %15s %15s", page, type, &w, &h, color,
               enc, object, gen) != 8)
      fail_msg("cannot read: %s", *l);
    if (w == 5 && h == 3 && !strcmp(enc, "image")) png++;
    if (!strcmp(enc, "jpeg") && !strcmp(color, "cmyk") && w == 16 && h == 8) cmyk++;
    if (!strcmp(enc, "jpeg") && strcmp(color, "cmyk") && jpeg < 2)
      snprintf(jpeg_object[jpeg++], sizeof jpeg_object[0], "%s %s", object, gen);
  }
  if (png != 1 || jpeg != 2 || cmyk != 1)
    fail_msg("images: %d png, %d jpeg, %d cmyk:\n%s", png, jpeg, cmyk, out);
  assert_string_equal(jpeg_object[0], jpeg_object[1]); /* one image object, drawn twice */
  g_strfreev(lines);
  g_free(out);

  /* The JPEG's bytes are in the file as they are. */
  gchar *pdf, *jpg;
  gsize pdf_size, jpg_size;
  char *path = g_strdup_printf("%s/tests/fixtures/images/tiny.jpg", A2B_SRC);
  assert_true(g_file_get_contents(doc_pdf, &pdf, &pdf_size, NULL));
  assert_true(g_file_get_contents(path, &jpg, &jpg_size, NULL));
  assert_non_null(memmem(pdf, pdf_size, jpg, jpg_size));
  g_free(pdf), g_free(jpg), g_free(path);
}

static void assert_page_size(const char *pdf, double w, double h) {
  char *out = run("pdfinfo -f 1 -l 2 '%s'", pdf);
  char **lines = g_strsplit(out, "\n", -1);
  int pages = 0;
  for (char **l = lines; *l; l++) {
    int page;
    double pw, ph;
    if (sscanf(*l, "Page %d size: %lf x %lf", &page, &pw, &ph) != 3) continue;
    if (fabs(pw - w) > 0.01 || fabs(ph - h) > 0.01)
      fail_msg("page %d is %gx%g, not %gx%g", page, pw, ph, w, h);
    pages++;
  }
  assert_int_equal(pages, 2);
  g_strfreev(lines);
  g_free(out);
}

static void test_page_size(void **state) {
  (void)state;
  NEED("pdfinfo");
  assert_page_size(doc_pdf, 148 * 72 / 25.4, 210 * 72 / 25.4);
  assert_page_size(a4_pdf, 210 * 72 / 25.4, 297 * 72 / 25.4);
}

static void test_metadata(void **state) {
  (void)state;
  NEED("pdfinfo");
  char *out = run("TZ=UTC pdfinfo -isodates '%s'", doc_pdf);
  assert_contains(out, "Title:           测试书\n");
  assert_contains(out, "Subject:         主题\n");
  assert_contains(out, "Keywords:        排版, PDF\n");
  assert_contains(out, "Author:          作者甲\n");
  assert_contains(out, "Creator:         art2book test\n");
  assert_contains(out, "CreationDate:    " CREATED "\n");
  assert_contains(out, "ModDate:         " MODIFIED "\n");
  g_free(out);
}

/* The outline nests by level: articles at the top, headings below. */
static void test_outline(void **state) {
  (void)state;
  NEED("qpdf");
  NEED("python3");
  char *out =
      run("qpdf --json --json-key=outlines '%s' | python3 -c '"
          "import json, sys\n"
          "def walk(items, depth):\n"
          "    for o in items:\n"
          "        print(\"  \" * depth + o[\"title\"] + \" -> \" + str(o[\"destpageposfrom1\"]))\n"
          "        walk(o[\"kids\"], depth + 1)\n"
          "walk(json.load(sys.stdin)[\"outlines\"], 0)'",
          doc_pdf);
  assert_string_equal(out, "第一篇文章 -> 1\n"
                           "  第一节 -> 1\n"
                           "    第一小节 -> 1\n"
                           "第二篇文章 -> 2\n"
                           "  第二篇的一节 -> 2\n");
  g_free(out);
}

/* Named destinations land on their pages; links point at the URI (quoted
 * characters kept, non-ASCII percent-encoded) and at the destination. */
static void test_links_and_dests(void **state) {
  (void)state;
  NEED("pdfinfo");
  char *out = run("pdfinfo -dests '%s'", doc_pdf);
  static const char *const dests[][2] = {{"a0", "1"},      {"\"%E8%8A%82%281%29\"", "1"},
                                         {"sec-1-1", "1"}, {"a1", "2"},
                                         {"sec-2", "2"},   {"fn-1", "2"}};
  for (size_t i = 0; i < sizeof dests / sizeof *dests; i++) {
    char *want = g_strdup_printf("%4s [", dests[i][1]);
    const char *line = strstr(out, dests[i][0]);
    if (!line) fail_msg("destination %s missing:\n%s", dests[i][0], out);
    const char *start = line;
    while (start > out && start[-1] != '\n')
      start--;
    if (strncmp(start, want, strlen(want)))
      fail_msg("%s not on page %s:\n%s", dests[i][0], dests[i][1], out);
    g_free(want);
  }
  g_free(out);

  NEED("qpdf");
  NEED("python3");
  out = run("qpdf --json --json-key=qpdf '%s' | python3 -c '"
            "import json, sys\n"
            "objs = json.load(sys.stdin)[\"qpdf\"][1]\n"
            "for k, v in sorted(objs.items()):\n"
            "    d = v.get(\"value\")\n"
            "    if isinstance(d, dict) and d.get(\"/Subtype\") == \"/Link\":\n"
            "        a = d.get(\"/A\", {})\n"
            "        print(a.get(\"/URI\") or d.get(\"/Dest\") or a.get(\"/D\"))'",
            doc_pdf);
  assert_contains(out, "https://example.com/%E8%B7%AF%E5%BE%84%20%28x%29?q='x'&r=%5C\n");
  assert_contains(out, "u:%E8%8A%82%281%29\n");
  g_free(out);
}

static void test_reproducible(void **state) {
  (void)state;
  gchar *a, *b;
  gsize na, nb;
  assert_true(g_file_get_contents(doc_pdf, &a, &na, NULL));
  assert_true(g_file_get_contents(again_pdf, &b, &nb, NULL));
  assert_int_equal(na, nb);
  assert_memory_equal(a, b, na);
  g_free(a), g_free(b);
}

/* Images that cannot be decoded are warned about once and left out. */
static void test_bad_image(void **state) {
  (void)state;
  a2b_diags d = {0};
  a2b_pdf_style st;
  assert_true(a2b_pdf_style_load(&st, NULL, NULL, &d));
  a2b_pdf_ts *ts = a2b_pdf_ts_new(&st, NULL, &d);
  a2b_arena *a = a2b_arena_new();
  static const unsigned char junk[] = "\xFF\xD8\xFF\xE0 not really a jpeg";
  a2b_resource bad_jpeg = {.source = "/x/bad.jpg",
                           .name = "images/bad.jpg",
                           .media_type = "image/jpeg",
                           .data = junk,
                           .size = sizeof junk};
  a2b_resource bad_png = {.source = "/x/bad.png",
                          .name = "images/bad.png",
                          .media_type = "image/png",
                          .data = junk,
                          .size = 8};
  a2b_resource gif = {
      .source = NULL, .name = "images/x.gif", .media_type = "image/gif", .data = junk, .size = 8};
  a2b_pdf_page page = {.number = 3};
  for (int i = 0; i < 2; i++) {
    add_image(a, &page, &bad_jpeg, 10, 10, 50, 50);
    add_image(a, &page, &bad_png, 10, 70, 50, 50);
    add_image(a, &page, &gif, 10, 130, 50, 50);
  }
  char path[128];
  paint_alone("bad", ts, &st, &page, &d, path);
  assert_int_equal(d.n, 3); /* once per resource */
  assert_int_equal(d.n_warnings, 3);
  assert_string_equal(d.items[0].path, "/x/bad.jpg");
  assert_string_equal(d.items[1].path, "/x/bad.png");
  assert_null(d.items[2].path);
  assert_contains(d.items[2].message, "images/x.gif");
  assert_contains(d.items[2].message, "not a readable GIF");
  if (have("qpdf")) g_free(run("qpdf --check '%s'", path));
  a2b_diags_clear(&d);
  a2b_arena_free(a);
  a2b_pdf_ts_free(ts);
  a2b_pdf_style_free(&st);
}

/* An SVG is drawn as vectors (no raster image in the PDF) where its box is. */
static void test_svg_as_vectors(void **state) {
  (void)state;
  NEED("pdftoppm");
  NEED("pdfimages");
  a2b_diags d = {0};
  a2b_pdf_style st;
  assert_true(a2b_pdf_style_load(&st, NULL, NULL, &d));
  a2b_pdf_ts *ts = a2b_pdf_ts_new(&st, NULL, &d);
  a2b_arena *a = a2b_arena_new();
  static const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" "
                            "height=\"20\"><rect x=\"0\" y=\"0\" width=\"20\" height=\"20\" "
                            "fill=\"#ff0000\"/></svg>";
  a2b_resource res = {.source = "/x/a.svg",
                      .name = "images/a.svg",
                      .media_type = "image/svg+xml",
                      .width = 40,
                      .height = 20,
                      .data = (const unsigned char *)svg,
                      .size = sizeof svg - 1};
  a2b_pdf_page page = {.number = 1};
  add_image(a, &page, &res, 100, 100, 200, 100); /* red on the left half only */
  char path[128];
  paint_alone("svg", ts, &st, &page, &d, path);
  assert_int_equal(d.n, 0);
  char *images = run("pdfimages -list '%s' | tail -n +3", path);
  assert_string_equal(images, ""); /* no raster image: vectors */
  g_free(images);
  cairo_surface_t *img = rendered(path, "svg", 72);
  assert_int_equal(pixel(img, 150, 150), 0xFF0000); /* left half */
  assert_int_equal(pixel(img, 250, 150), 0xFFFFFF); /* right half */
  cairo_surface_destroy(img);
  a2b_arena_free(a);
  a2b_pdf_ts_free(ts);
  a2b_pdf_style_free(&st);
}

/* Emphasis dots (the default style's) are drawn under emphasised Chinese
 * characters: ink in a band 0.3 em under the baseline there, none under
 * plain text. */
static void test_emphasis_dots_drawn(void **state) {
  (void)state;
  NEED("pdftoppm");
  a2b_diags d = {0};
  a2b_pdf_style st;
  assert_true(a2b_pdf_style_load(&st, NULL, NULL, &d));
  assert_true(st.emphasis_dots);
  a2b_pdf_ts *ts = a2b_pdf_ts_new(&st, NULL, &d);
  a2b_arena *a = a2b_arena_new();
  a2b_pdf_span sp[2] = {{.text = "普通文字", .len = strlen("普通文字")},
                        {.text = "强调文字", .len = strlen("强调文字"), .emphasis = true}};
  a2b_pdf_page page = {.number = 1};
  add_line(a, &page, set(ts, a, &st, sp, 2), 100, 100);
  char path[128];
  paint_alone("dots", ts, &st, &page, &d, path);
  cairo_surface_t *img = rendered(path, "dots", 144);
  double em = st.body_size, scale = 2; /* 144 dpi */
  int band = (int)((100 + 0.3 * em) * scale);
  size_t plain = 0, marked = 0;
  for (int y = band - 2; y <= band + 2; y++)
    for (int x = (int)(100 * scale); x < (int)((100 + 8 * em) * scale); x++) {
      uint32_t v = pixel(img, x, y) & 0xFF;
      if (v < 128) *(x < (100 + 4 * em) * scale ? &plain : &marked) += 1;
    }
  assert_int_equal(plain, 0);
  assert_true(marked >= 4);
  cairo_surface_destroy(img);
  a2b_arena_free(a);
  a2b_pdf_ts_free(ts);
  a2b_pdf_style_free(&st);
  a2b_diags_clear(&d);
}

/* A GIF (4 x 4: the left half red, the right half blue) is decoded and
 * drawn. */
static void test_gif_drawn(void **state) {
  (void)state;
  NEED("pdftoppm");
  static const unsigned char gif[] = {
      0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x04, 0x00, 0x04, 0x00, 0xf0, 0x00, 0x00, 0xff, 0x00, 0x00,
      0x00, 0x00, 0xff, 0x21, 0xf9, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00,
      0x04, 0x00, 0x04, 0x00, 0x00, 0x02, 0x06, 0x04, 0x12, 0x86, 0x9a, 0x17, 0x05, 0x00, 0x3b};
  a2b_diags d = {0};
  a2b_pdf_style st;
  assert_true(a2b_pdf_style_load(&st, NULL, NULL, &d));
  a2b_pdf_ts *ts = a2b_pdf_ts_new(&st, NULL, &d);
  a2b_arena *a = a2b_arena_new();
  a2b_resource res = {.source = "/x/a.gif", .name = "images/a.gif", .media_type = "image/gif",
                      .width = 4, .height = 4, .data = gif, .size = sizeof gif};
  a2b_pdf_page page = {.number = 1};
  add_image(a, &page, &res, 100, 100, 100, 100);
  char path[128];
  paint_alone("gif", ts, &st, &page, &d, path);
  assert_int_equal(d.n, 0);
  cairo_surface_t *img = rendered(path, "gif", 72);
  assert_int_equal(pixel(img, 125, 125), 0xFF0000);
  assert_int_equal(pixel(img, 175, 125), 0x0000FF);
  cairo_surface_destroy(img);
  a2b_arena_free(a);
  a2b_pdf_ts_free(ts);
  a2b_pdf_style_free(&st);
}

/* A stream that stops before END (the layout process died) or holds a
 * record the painter does not know is not a complete document. */
static void test_broken_stream(void **state) {
  (void)state;
  a2b_diags d = {0};
  a2b_pdf_style st;
  assert_true(a2b_pdf_style_load(&st, NULL, NULL, &d));
  a2b_pdf_ts *ts = a2b_pdf_ts_new(&st, NULL, &d);
  const uint32_t cut[] = {A2B_DRAW_PAGE}, unknown[] = {999};
  const uint32_t *streams[] = {cut, unknown};
  for (int i = 0; i < 2; i++) {
    FILE *tmp = tmpfile(), *out = tmpfile();
    fwrite(streams[i], sizeof(uint32_t), 1, tmp);
    fflush(tmp);
    rewind(tmp);
    a2b_pdf_meta meta = {.create_date = CREATED, .mod_date = CREATED};
    a2b_pdf_painter *p = a2b_pdf_painter_new(out, ts, &st, &meta, &d);
    a2b_wire_in *in = malloc(sizeof *in);
    a2b_wire_in_init(in, fileno(tmp));
    assert_false(a2b_pdf_paint_stream(p, in));
    free(in);
    a2b_pdf_painter_free(p);
    fclose(out);
    fclose(tmp);
  }
  assert_int_equal(d.n_errors, 0);
  a2b_diags_clear(&d);
  a2b_pdf_ts_free(ts);
  a2b_pdf_style_free(&st);
}

/* A full disk is an error of finish, not a crash or a silent success. */
static void test_write_error(void **state) {
  (void)state;
  FILE *out = fopen("/dev/full", "wb");
  if (!out) skip();
  a2b_diags d = {0};
  a2b_pdf_style st;
  assert_true(a2b_pdf_style_load(&st, NULL, NULL, &d));
  a2b_pdf_ts *ts = a2b_pdf_ts_new(&st, NULL, &d);
  a2b_pdf_meta meta = {.create_date = CREATED, .mod_date = CREATED};
  a2b_pdf_painter *p = a2b_pdf_painter_new(out, ts, &st, &meta, &d);
  a2b_pdf_page page = {.number = 1, .show_folio = true};
  a2b_pdf_page *pages[] = {&page};
  assert_true(paint_pages(p, ts, &st, pages, 1));
  assert_false(a2b_pdf_painter_finish(p));
  a2b_pdf_painter_free(p);
  fclose(out);
  assert_int_equal(d.n_errors, 1);
  assert_contains(d.items[0].message, "cannot write the PDF");
  a2b_diags_clear(&d);
  a2b_pdf_ts_free(ts);
  a2b_pdf_style_free(&st);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_no_diagnostics),  cmocka_unit_test(test_qpdf_check),
      cmocka_unit_test(test_fonts),           cmocka_unit_test(test_text),
      cmocka_unit_test(test_images),          cmocka_unit_test(test_page_size),
      cmocka_unit_test(test_metadata),        cmocka_unit_test(test_outline),
      cmocka_unit_test(test_links_and_dests), cmocka_unit_test(test_reproducible),
      cmocka_unit_test(test_bad_image),       cmocka_unit_test(test_write_error),
      cmocka_unit_test(test_broken_stream),   cmocka_unit_test(test_svg_as_vectors),
      cmocka_unit_test(test_emphasis_dots_drawn), cmocka_unit_test(test_gif_drawn),
  };
  return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
