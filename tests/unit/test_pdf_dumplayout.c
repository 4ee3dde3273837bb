/* --dump-layout: a hand-made page dumped as JSON, read back with python3's
 * json module (the test skips when python3 is absent). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "pdf/paint.h"

static char dir[64];

static int setup(void **state) {
  (void)state;
  strcpy(dir, "/tmp/a2b-dumplayout-XXXXXX");
  return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  return system(cmd);
}

/* Shaped runs of `text`, one per pango item, laid end to end. */
static a2b_pdf_line *shaped_line(a2b_arena *a, PangoContext *ctx, const char *text) {
  GList *items = pango_itemize(ctx, text, 0, (int)strlen(text), NULL, NULL);
  a2b_pdf_line *line = a2b_alloc(a, sizeof *line);
  line->runs = a2b_alloc(a, g_list_length(items) * sizeof *line->runs);
  for (GList *l = items; l; l = l->next) {
    PangoItem *item = l->data;
    PangoGlyphItem *gi = g_new0(PangoGlyphItem, 1);
    gi->item = item;
    gi->glyphs = pango_glyph_string_new();
    pango_shape(text + item->offset, item->length, &item->analysis, gi->glyphs);
    a2b_pdf_run *r = &line->runs[line->n_runs++];
    r->glyphs = gi;
    r->text = text + item->offset;
    r->text_len = item->length;
    r->x = line->width;
    r->width = pango_glyph_string_get_width(gi->glyphs) / (double)PANGO_SCALE;
    line->width += r->width;
  }
  g_list_free(items);
  return line;
}

static void free_line(a2b_pdf_line *line) {
  for (size_t k = 0; k < line->n_runs; k++) {
    pango_glyph_string_free(line->runs[k].glyphs->glyphs);
    pango_item_free(line->runs[k].glyphs->item);
    g_free(line->runs[k].glyphs);
  }
}

static char *slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  static char buf[1 << 16];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  buf[n] = '\0';
  fclose(f);
  return buf;
}

/* What python reads back: one fact per line. */
static const char *reader =
    "import json,sys\n"
    "p=json.load(open(sys.argv[1]))\n"
    "it=p['items']\n"
    "print(p['number'],p['show_folio'],p['head_left'],len(it))\n"
    "ln=[i for i in it if i['type']=='line']\n"
    "print(json.dumps(ln[0]['text']),ln[0]['x'],ln[0]['y'])\n"
    "print(len(ln[0]['advances']),'%.3f'%sum(ln[0]['advances']),ln[0]['width'])\n"
    "print(''.join(r['text'] for r in ln[0]['runs'])==ln[0]['text'],"
    "all(r.get('font') for r in ln[0]['runs']))\n"
    "print(json.dumps(ln[1]['text']),ln[1]['advances'],json.dumps(ln[1]['runs']))\n"
    "d=[i for i in it if i['type']=='dest'][0]\n"
    "print(json.dumps(d['name']),d['outline'],d['level'])\n"
    "m=[i for i in it if i['type']=='image'][0]\n"
    "print(m['name'],m['x'],m['y'],m['w'],m['h'])\n"
    "r=[i for i in it if i['type'] in ('rect','rule','stroke')]\n"
    "print(' '.join('%s:%s:%s'%(i['type'],i['color'],i['h']) for i in r))\n";

static void test_dump_page(void **state) {
  (void)state;
  if (system("command -v python3 >/dev/null 2>&1") != 0) skip();
  a2b_arena *a = a2b_arena_new();
  PangoContext *ctx = pango_font_map_create_context(pango_cairo_font_map_get_default());
  PangoFontDescription *desc = pango_font_description_from_string("Noto Serif CJK SC 10.5");
  pango_context_set_font_description(ctx, desc);
  pango_context_set_language(ctx, pango_language_from_string("zh-cn"));
  const char *text = "中文，“引号” and \"quotes\\\"";
  a2b_pdf_line *line = shaped_line(a, ctx, text);
  assert_true(line->n_runs >= 2); /* Han and Latin items */
  int glyphs = 0;
  double sum = 0;
  for (size_t k = 0; k < line->n_runs; k++) {
    PangoGlyphString *gs = line->runs[k].glyphs->glyphs;
    glyphs += gs->num_glyphs;
    for (int i = 0; i < gs->num_glyphs; i++)
      sum += round(gs->glyphs[i].geometry.width * 1000.0 / PANGO_SCALE) / 1000;
  }
  /* A line with a control character and a byte that is not UTF-8. */
  a2b_pdf_line *odd = a2b_alloc(a, sizeof *odd);
  a2b_pdf_run run = {.text = "a\tb\x01\xff", .text_len = 5};
  odd->runs = &run;
  odd->n_runs = 1;
  a2b_resource res = {.name = "images/x.png"};

  a2b_pdf_page page = {.number = 7, .width = 419.528, .height = 595.2756, .show_folio = true};
  a2b_pdf_placed *p = a2b_pdf_page_push(a, &page, A2B_PDF_P_RECT);
  *p = (a2b_pdf_placed){A2B_PDF_P_RECT, 10, 20, 100, 30.5, 0xEEEEEE, {0}};
  p = a2b_pdf_page_push(a, &page, A2B_PDF_P_DEST);
  *p = (a2b_pdf_placed){A2B_PDF_P_DEST, 10, 20, 0, 0, 0, {0}};
  p->u.dest.name = "sec\"1\n";
  p->u.dest.outline_title = "Sec";
  p->u.dest.outline_level = 2;
  p = a2b_pdf_page_push(a, &page, A2B_PDF_P_LINE);
  *p = (a2b_pdf_placed){A2B_PDF_P_LINE, 56.6929, 100.4, line->width, 18, 0, {0}};
  p->u.line = line;
  p = a2b_pdf_page_push(a, &page, A2B_PDF_P_LINE);
  *p = (a2b_pdf_placed){A2B_PDF_P_LINE, 56.6929, 118.4, 0, 18, 0, {0}};
  p->u.line = odd;
  p = a2b_pdf_page_push(a, &page, A2B_PDF_P_IMAGE);
  *p = (a2b_pdf_placed){A2B_PDF_P_IMAGE, 60, 140, 200.25, 100, 0, {0}};
  p->u.image = &res;
  p = a2b_pdf_page_push(a, &page, A2B_PDF_P_RULE);
  *p = (a2b_pdf_placed){A2B_PDF_P_RULE, 60, 250, 80, 0.5, 0, {0}};
  p = a2b_pdf_page_push(a, &page, A2B_PDF_P_STROKE);
  *p = (a2b_pdf_placed){A2B_PDF_P_STROKE, 60, 260, 80, -0.0001, 0x123456, {0}};

  char path[128], cmd[512];
  snprintf(path, sizeof path, "%s/page.json", dir);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  a2b_pdf_dump_page(f, &page);
  assert_int_equal(fclose(f), 0);
  const char *json = slurp(path);
  assert_non_null(strstr(json, "\"width\":419.528,\"height\":595.276,"));
  assert_non_null(strstr(json, "\"x\":56.693,\"y\":100.4,"));

  snprintf(cmd, sizeof cmd, "python3 -m json.tool %s >/dev/null", path);
  assert_int_equal(system(cmd), 0);
  char script[128];
  snprintf(script, sizeof script, "%s/read.py", dir);
  f = fopen(script, "w");
  fputs(reader, f);
  fclose(f);
  snprintf(cmd, sizeof cmd, "python3 %s %s", script, path);
  FILE *py = popen(cmd, "r");
  assert_non_null(py);
  char got[8][512] = {{0}};
  for (int k = 0; k < 8; k++) {
    assert_non_null(fgets(got[k], sizeof got[k], py));
    got[k][strcspn(got[k], "\n")] = '\0';
  }
  assert_int_equal(pclose(py), 0);

  assert_string_equal(got[0], "7 True None 7");
  assert_string_equal(got[1], "\"\\u4e2d\\u6587\\uff0c\\u201c\\u5f15\\u53f7\\u201d and "
                              "\\\"quotes\\\\\\\"\" 56.693 100.4");
  int n;
  double adv, width;
  assert_int_equal(sscanf(got[2], "%d %lf %lf", &n, &adv, &width), 3);
  assert_int_equal(n, glyphs);
  assert_true(fabs(adv - sum) < 0.0005);
  assert_true(fabs(width - round(line->width * 1000) / 1000) < 1e-9);
  assert_string_equal(got[3], "True True");
  assert_string_equal(got[4], "\"a\\tb\\u0001\\ufffd\" [] [{\"x\": 0, \"width\": 0, \"text\": "
                              "\"a\\tb\\u0001\\ufffd\"}]");
  assert_string_equal(got[5], "\"sec\\\"1\\n\" Sec 2");
  assert_string_equal(got[6], "images/x.png 60 140 200.25 100");
  assert_string_equal(got[7], "rect:#eeeeee:30.5 rule:#000000:0.5 stroke:#123456:0");

  free_line(line);
  pango_font_description_free(desc);
  g_object_unref(ctx);
  a2b_arena_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_dump_page, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
