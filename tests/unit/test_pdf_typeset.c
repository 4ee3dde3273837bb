/* The typesetter: fonts, shaping, breaking and set lines. Needs the fonts
 * of the install script (Noto Serif/Sans CJK SC, Noto Serif, LXGW WenKai). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "pdf/typeset.h"

typedef struct fixture {
  a2b_pdf_style st;
  a2b_diags diags;
  a2b_pdf_ts *ts;
  a2b_arena *arena;
} fixture;

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  f->st = (a2b_pdf_style){.body_size = 10, .line_pitch = 18, .text_color = 0x111111,
                          .body_cjk = "Noto Serif CJK SC", .body_latin = "Noto Serif",
                          .heading_cjk = "Noto Sans CJK SC", .heading_latin = "Noto Sans",
                          .mono = "Noto Sans Mono CJK SC", .emphasis_cjk = "LXGW WenKai"};
  f->ts = a2b_pdf_ts_new(&f->st, NULL, &f->diags);
  if (!f->ts) return -1;
  f->arena = a2b_arena_new();
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  a2b_pdf_ts_free(f->ts);
  a2b_arena_free(f->arena);
  a2b_diags_clear(&f->diags);
  free(f);
  return 0;
}

static const char ZH[] =
    "排版是一门古老的手艺。好的排版让读者忘记排版本身，只看见文字。为了让每一行都对齐到版心"
    "的右边，我们在汉字之间加入可以伸缩的空隙，而不是在英文单词 Typesetting 的字母之间。"
    "标点符号“引号”和（括号）也需要特别处理，例如 2024 年的数据显示，超过 75% 的读者更喜欢"
    "两端对齐的段落。排版是一门古老的手艺，好的排版让读者只看见文字。";

static const char EN[] =
    "Typesetting by hand was a slow craft: every line was justified by inserting thin "
    "spaces between the words until the line was tight in the composing stick. A good "
    "compositor never broke a word without need, and neither does this program, which "
    "breaks paragraphs with the total-fit algorithm over boxes, glue and penalties.";

static a2b_pdf_para para(const char *lang, double measure) {
  return (a2b_pdf_para){.lang = lang, .size = 10, .pitch = 18, .measure = measure,
                        .align = A2B_PDF_JUSTIFY};
}

static a2b_pdf_line *line_at(const a2b_pdf_vlist *v, size_t k) {
  for (size_t i = 0; i < v->n; i++)
    if (v->items[i].kind == A2B_PDF_V_LINE && k-- == 0) return v->items[i].u.line;
  return NULL;
}

static size_t count_lines(const a2b_pdf_vlist *v) {
  size_t n = 0;
  for (size_t i = 0; i < v->n; i++) n += v->items[i].kind == A2B_PDF_V_LINE;
  return n;
}

/* The lines' text must be the input with only white space removed at the
 * breaks (and newlines); `spaces_at_breaks`: every break consumed one. The
 * input offset where each line starts goes to starts[]. */
static void check_text(const a2b_pdf_vlist *v, const char *input, bool spaces_at_breaks,
                       size_t *starts) {
  size_t pos = 0, len = strlen(input);
  for (size_t k = 0; line_at(v, k); k++) {
    const a2b_pdf_line *l = line_at(v, k);
    size_t skipped = 0;
    size_t most = spaces_at_breaks ? 1 : 100;
    while (pos < len && (input[pos] == '\n' || (k && input[pos] == ' ' && skipped < most)))
      pos++, skipped++;
    if (k && spaces_at_breaks) assert_int_equal(skipped, 1);
    if (starts) starts[k] = pos;
    double x = l->n_runs ? l->runs[0].x : 0, w = 0;
    for (size_t r = 0; r < l->n_runs; r++) {
      const a2b_pdf_run *run = &l->runs[r];
      assert_int_equal(strlen(run->text), (size_t)run->text_len);
      assert_true(pos + (size_t)run->text_len <= len);
      assert_memory_equal(input + pos, run->text, run->text_len);
      pos += (size_t)run->text_len;
      while (pos < len && input[pos] == '\n' && r + 1 < l->n_runs) pos++;
      assert_true(fabs(run->x - x) < 1e-6); /* runs are contiguous */
      x += run->width;
      w += run->width;
      for (int g = 0; g < run->glyphs->glyphs->num_glyphs; g++)
        assert_false(run->glyphs->glyphs->glyphs[g].glyph & PANGO_GLYPH_UNKNOWN_FLAG);
    }
    assert_true(fabs(l->width - (l->n_runs ? l->runs[0].x : 0) - w) < 1e-6);
  }
  assert_int_equal(pos, len);
}

static void check_justified(const a2b_pdf_vlist *v) {
  size_t n = count_lines(v);
  for (size_t k = 0; k + 1 < n; k++) {
    const a2b_pdf_line *l = line_at(v, k);
    assert_true(fabs(l->width - l->measure) <= 0.1);
  }
  assert_true(line_at(v, n - 1)->width <= line_at(v, n - 1)->measure + 0.1);
}

static void test_chinese_justified(void **state) {
  fixture *f = *state;
  a2b_pdf_span sp = {.text = ZH, .len = strlen(ZH)};
  a2b_pdf_para p = para("zh-CN", 200); /* 20 em */
  p.indent = 20;
  a2b_pdf_vlist v = {0};
  size_t n = a2b_pdf_set_para(f->ts, f->arena, &sp, 1, &p, &v, "zh.md");
  assert_true(n >= 5);
  assert_int_equal(count_lines(&v), n);
  check_justified(&v);
  size_t starts[64];
  assert_true(n < 64);
  check_text(&v, ZH, false, starts);
  assert_true(fabs(line_at(&v, 0)->x - 20) < 1e-9);
  assert_true(fabs(line_at(&v, 0)->measure - 180) < 1e-9);
  assert_true(fabs(line_at(&v, 1)->x) < 1e-9);
  assert_true(fabs(line_at(&v, 1)->measure - 200) < 1e-9);
  /* the last line is set at its natural width, not stretched */
  assert_true(line_at(&v, n - 1)->width < 200 - 5);
  /* no break within the Latin word */
  size_t t0 = (size_t)(strstr(ZH, "Typesetting") - ZH);
  for (size_t k = 0; k < n; k++) assert_false(starts[k] > t0 && starts[k] < t0 + 11);
  /* widow and orphan penalties between lines, pitch as given */
  size_t k = 0;
  for (size_t i = 0; i < v.n; i++) {
    if (v.items[i].kind == A2B_PDF_V_LINE) {
      assert_true(v.items[i].height == 18);
      k++;
    } else {
      assert_int_equal(v.items[i].kind, A2B_PDF_V_PENALTY);
      double want = k == 1 || k == n - 1 ? A2B_PDF_INF : 0;
      assert_true(v.items[i].penalty == want);
    }
  }
  assert_int_equal(f->diags.n, 0);
}

static void test_latin_words_kept(void **state) {
  fixture *f = *state;
  a2b_pdf_span sp = {.text = EN, .len = strlen(EN)};
  a2b_pdf_para p = para("en", 200);
  a2b_pdf_vlist v = {0};
  size_t n = a2b_pdf_set_para(f->ts, f->arena, &sp, 1, &p, &v, "en.md");
  assert_true(n >= 5);
  check_text(&v, EN, true, NULL); /* every break is at a space */
  check_justified(&v);
  /* a Latin font first */
  PangoFontDescription *d = pango_font_describe(line_at(&v, 0)->runs[0].glyphs->item->analysis.font);
  assert_string_equal(pango_font_description_get_family(d), "Noto Serif");
  pango_font_description_free(d);
}

static const PangoGlyphInfo *glyph_of(const a2b_pdf_line *l, const char *s, PangoFont **font) {
  for (size_t r = 0; r < l->n_runs; r++) {
    const char *at = strstr(l->runs[r].text, s);
    if (!at) continue;
    const PangoGlyphString *gs = l->runs[r].glyphs->glyphs;
    for (int g = 0; g < gs->num_glyphs; g++)
      if (gs->log_clusters[g] == at - l->runs[r].text) {
        if (font) *font = l->runs[r].glyphs->item->analysis.font;
        return &gs->glyphs[g];
      }
  }
  return NULL;
}

static bool family_has(PangoFont *font, const char *part) {
  PangoFontDescription *d = pango_font_describe(font);
  bool yes = strstr(pango_font_description_get_family(d), part) != NULL;
  pango_font_description_free(d);
  return yes;
}

/* The text of line k, runs concatenated (static buffer). */
static const char *line_text(const a2b_pdf_vlist *v, size_t k) {
  static char buf[1024];
  buf[0] = '\0';
  const a2b_pdf_line *l = line_at(v, k);
  for (size_t i = 0; l && i < l->n_runs; i++) strncat(buf, l->runs[i].text, l->runs[i].text_len);
  return buf;
}

/* A word wider than the line breaks inside rather than sticking out; a
 * hyphen that starts a word (`-Zflag`) never ends a line. */
static void test_emergency_breaks_and_leading_hyphens(void **state) {
  fixture *f = *state;
  const char *word = "slightly_smiling_face_with_open_mouth_and_smiling_eyes";
  a2b_pdf_span sp = {.text = word, .len = strlen(word)};
  a2b_pdf_para p = para("en", 60);
  p.align = A2B_PDF_LEFT;
  a2b_pdf_vlist v = {0};
  size_t before = f->diags.n_warnings;
  size_t n = a2b_pdf_set_para(f->ts, f->arena, &sp, 1, &p, &v, "t.md");
  assert_true(n >= 3);
  for (size_t k = 0; k < n; k++) assert_true(line_at(&v, k)->width <= 60 + 0.1);
  assert_int_equal(f->diags.n_warnings, before); /* no overfull line */

  const char *opts = "Stabilizing `-Znext-solver=coherence` and --verbose options in rustc";
  for (double measure = 40; measure <= 200; measure += 7) {
    a2b_pdf_span s2 = {.text = opts, .len = strlen(opts)};
    a2b_pdf_para p2 = para("en", measure);
    a2b_pdf_vlist v2 = {0};
    size_t m = a2b_pdf_set_para(f->ts, f->arena, &s2, 1, &p2, &v2, "t.md");
    for (size_t k = 0; k + 1 < m; k++) {
      const char *t = line_text(&v2, k);
      size_t len = strlen(t);
      bool leading = len >= 2 && t[len - 1] == '-' && (t[len - 2] == '`' || t[len - 2] == '-' ||
                                                       t[len - 2] == ' ');
      if (len == 1 && t[0] == '-') leading = true;
      assert_false(leading);
    }
  }
}

static void test_full_width_quotes(void **state) {
  fixture *f = *state;
  const char *s = "他说“好”。";
  a2b_pdf_span sp = {.text = s, .len = strlen(s)};
  a2b_pdf_para zh = para("zh-Hans", 200), en = para("en", 200);
  a2b_pdf_line *l = a2b_pdf_set_line(f->ts, f->arena, &sp, 1, &zh, NULL, "q.md");
  PangoFont *font;
  /* “ in mid-line takes a full em: its blank left half is the advance of
   * the character before it */
  const PangoGlyphInfo *g = glyph_of(l, "“", &font), *before = glyph_of(l, "说", NULL);
  assert_non_null(g);
  assert_true(fabs((g->geometry.width + before->geometry.width) / (double)PANGO_SCALE - 20) < 0.1);
  assert_true(fabs(g->geometry.x_offset / (double)PANGO_SCALE + 5) < 0.1);
  assert_true(family_has(font, "CJK"));
  /* ” gives up its blank half before 。 (the pair takes 1.5 em) */
  g = glyph_of(l, "”", &font);
  assert_true(fabs(g->geometry.width / (double)PANGO_SCALE - 5) < 0.1);
  /* in an English paragraph the Latin face comes first: narrow quotes */
  l = a2b_pdf_set_line(f->ts, f->arena, &sp, 1, &en, NULL, "q.md");
  g = glyph_of(l, "“", &font);
  assert_true(g->geometry.width / (double)PANGO_SCALE < 7);
  assert_false(family_has(font, "CJK"));
}

static void test_glyph_forms_by_language(void **state) {
  fixture *f = *state;
  const char *s = "骨";
  a2b_pdf_span sp = {.text = s, .len = strlen(s)};
  PangoGlyph gl[3];
  const char *langs[] = {"zh-CN", "zh-TW", "ja"};
  for (int i = 0; i < 3; i++) {
    a2b_pdf_para p = para(langs[i], 200);
    a2b_pdf_line *l = a2b_pdf_set_line(f->ts, f->arena, &sp, 1, &p, NULL, "g.md");
    gl[i] = glyph_of(l, s, NULL)->glyph;
  }
  assert_true(gl[0] != gl[1]);
  assert_true(gl[0] != gl[2]);
}

static void test_emphasis_faces(void **state) {
  fixture *f = *state;
  a2b_pdf_span sp[3] = {{.text = "普通的文字，", .len = strlen("普通的文字，")},
                        {.text = "强调的文字 and words", .len = strlen("强调的文字 and words"),
                         .emphasis = true},
                        {.text = "。", .len = strlen("。")}};
  a2b_pdf_para p = para("zh-CN", 300);
  a2b_pdf_line *l = a2b_pdf_set_line(f->ts, f->arena, sp, 3, &p, NULL, "e.md");
  PangoFont *font;
  assert_non_null(glyph_of(l, "强", &font));
  PangoFontDescription *d = pango_font_describe(font);
  assert_string_equal(pango_font_description_get_family(d), "LXGW WenKai");
  assert_int_equal(pango_font_description_get_style(d), PANGO_STYLE_NORMAL);
  pango_font_description_free(d);
  assert_non_null(glyph_of(l, "words", &font));
  d = pango_font_describe(font);
  assert_int_equal(pango_font_description_get_style(d), PANGO_STYLE_ITALIC);
  assert_false(family_has(font, "CJK"));
  pango_font_description_free(d);
  assert_non_null(glyph_of(l, "普", &font));
  assert_true(family_has(font, "Noto Serif CJK"));
}

/* The run holding `s` (its first occurrence). */
static const a2b_pdf_run *run_of(const a2b_pdf_line *l, const char *s) {
  for (size_t r = 0; r < l->n_runs; r++)
    if (strstr(l->runs[r].text, s)) return &l->runs[r];
  return NULL;
}

/* With emphasis_dots, CJK emphasis keeps the body face and carries marks:
 * under the characters in Chinese, above them in Japanese. */
static void test_emphasis_dots(void **state) {
  fixture *f = *state;
  a2b_pdf_style st = f->st;
  st.emphasis_dots = true;
  a2b_diags d = {0};
  a2b_pdf_ts *ts = a2b_pdf_ts_new(&st, NULL, &d);
  a2b_pdf_span sp[2] = {{.text = "普通的文字，", .len = strlen("普通的文字，")},
                        {.text = "强调的文字 and words", .len = strlen("强调的文字 and words"),
                         .emphasis = true}};
  a2b_pdf_para p = para("zh-CN", 300);
  a2b_pdf_line *l = a2b_pdf_set_line(ts, f->arena, sp, 2, &p, NULL, "e.md");
  PangoFont *font;
  assert_non_null(glyph_of(l, "强", &font));
  assert_true(family_has(font, "Noto Serif CJK"));
  assert_int_equal(run_of(l, "强")->emphasis_dots, A2B_PDF_DOTS_UNDER);
  assert_int_equal(run_of(l, "普")->emphasis_dots, A2B_PDF_DOTS_NONE);
  assert_non_null(glyph_of(l, "words", &font));
  PangoFontDescription *desc = pango_font_describe(font);
  assert_int_equal(pango_font_description_get_style(desc), PANGO_STYLE_ITALIC);
  pango_font_description_free(desc);

  a2b_pdf_span ja[1] = {{.text = "とても大切な話", .len = strlen("とても大切な話"), .emphasis = true}};
  p = para("ja", 300);
  l = a2b_pdf_set_line(ts, f->arena, ja, 1, &p, NULL, "j.md");
  assert_int_equal(run_of(l, "大切")->emphasis_dots, A2B_PDF_DOTS_OVER);
  a2b_pdf_ts_free(ts);
  a2b_diags_clear(&d);
}

/* A word wider than the line is cut where it would stick out, even right
 * before a mark that may not start a line (here the closing colon). */
static void test_emergency_cut_before_closing_mark(void **state) {
  fixture *f = *state;
  const char *head = "skull_and_crossbones_and_more", *word = "skull_and_crossbones_and_more:";
  a2b_pdf_span h = {.text = head, .len = strlen(head)}, w = {.text = word, .len = strlen(word)};
  a2b_pdf_para p = para("zh-CN", 1000);
  p.align = A2B_PDF_LEFT;
  double width = 0;
  a2b_pdf_set_line(f->ts, f->arena, &h, 1, &p, &width, "w.md");
  p.measure = width + 0.1; /* the word fits but for its colon */
  a2b_pdf_vlist v = {0};
  size_t n = a2b_pdf_set_para(f->ts, f->arena, &w, 1, &p, &v, "w.md");
  assert_int_equal(n, 2);
  for (size_t k = 0; k < n; k++) assert_true(line_at(&v, k)->width <= p.measure + 0.01);
}

/* Inline code next to Chinese text is spaced a quarter em like any Latin
 * word, with or without spaces in the source. */
static void test_code_next_to_cjk_spaced(void **state) {
  fixture *f = *state;
  const char *befores[] = {"使用", "使用 "}, *afters[] = {"进行", " 进行"};
  for (int i = 0; i < 2; i++) {
    a2b_pdf_span sp[3] = {{.text = befores[i], .len = strlen(befores[i])},
                          {.text = "Pango", .len = 5, .code = true},
                          {.text = afters[i], .len = strlen(afters[i])}};
    a2b_pdf_para p = para("zh-CN", 300);
    p.align = A2B_PDF_LEFT;
    a2b_pdf_line *l = a2b_pdf_set_line(f->ts, f->arena, sp, 3, &p, NULL, "c.md");
    const a2b_pdf_run *a = run_of(l, "使用"), *c = run_of(l, "Pango"), *b = run_of(l, "进行");
    assert_non_null(a), assert_non_null(c), assert_non_null(b);
    /* Gaps: what lies between one run's natural width and the next run. */
    double em = f->st.body_size, code_width;
    a2b_pdf_set_line(f->ts, f->arena, &sp[1], 1, &p, &code_width, "c.md");
    assert_true(fabs(c->x - a->x - 2 * em - 0.25 * em) < 0.01 * em);
    assert_true(fabs(b->x - c->x - code_width - 0.25 * em) < 0.01 * em);
  }
}

static void test_missing_character(void **state) {
  fixture *f = *state;
  const char *s = "没有字体的字符\xf4\x8f\xbf\xbd在这里，还有一个\xf4\x8f\xbf\xbd。";
  const char *t = "第二段也有\xf4\x8f\xbf\xbd。";
  a2b_pdf_span a = {.text = s, .len = strlen(s)}, b = {.text = t, .len = strlen(t)};
  a2b_pdf_para p = para("zh-CN", 200);
  a2b_pdf_vlist v = {0}, w = {0};
  a2b_pdf_set_para(f->ts, f->arena, &a, 1, &p, &v, "m.md");
  a2b_pdf_set_para(f->ts, f->arena, &b, 1, &p, &w, "n.md");
  check_text(&v, s, false, NULL); /* checks for unknown glyphs too */
  check_text(&w, t, false, NULL);
  size_t warned = 0;
  for (size_t i = 0; i < f->diags.n; i++)
    warned += strstr(f->diags.items[i].message, "U+10FFFD") != NULL;
  assert_int_equal(warned, 1);
  assert_string_equal(f->diags.items[0].path, "m.md");
}

static void test_code_wraps_with_marker(void **state) {
  fixture *f = *state;
  const char *code = "    result = compute_something_long(first_argument, second_argument, "
                     "third_argument)\n}";
  a2b_pdf_span sp = {.text = code, .len = strlen(code)};
  a2b_pdf_para p = para("en", 200);
  p.code = true;
  p.align = A2B_PDF_LEFT;
  p.size = 9;
  a2b_pdf_vlist v = {0};
  size_t n = a2b_pdf_set_para(f->ts, f->arena, &sp, 1, &p, &v, "c.md");
  assert_true(n >= 3);
  for (size_t k = 0; k < n; k++) assert_true(line_at(&v, k)->width <= 200 + 0.01);
  /* continuation lines start with the marker; the line after the newline does not */
  assert_string_not_equal(line_at(&v, 0)->runs[0].text, "\xe2\x86\xaa");
  for (size_t k = 1; k + 1 < n; k++) {
    a2b_pdf_line *l = line_at(&v, k);
    assert_string_equal(l->runs[0].text, "\xe2\x86\xaa");
    assert_true(l->runs[1].x > l->runs[0].width);
  }
  assert_string_equal(line_at(&v, n - 1)->runs[0].text, "}");
  /* without the markers, the text is the code itself: spaces are kept */
  a2b_buf all = A2B_BUF_INIT;
  for (size_t k = 0; k < n; k++) {
    a2b_pdf_line *l = line_at(&v, k);
    if (k == n - 1) a2b_buf_putc(&all, '\n');
    for (size_t r = k > 0 && k + 1 < n; r < l->n_runs; r++) a2b_buf_puts(&all, l->runs[r].text);
  }
  assert_string_equal(a2b_buf_cstr(&all), code);
  a2b_buf_free(&all);
}

static void test_anchors_and_footnotes(void **state) {
  fixture *f = *state;
  a2b_pdf_vlist note = {0};
  a2b_pdf_vlist_push(f->arena, &note, A2B_PDF_V_GLUE)->height = 3;
  a2b_pdf_vlist_push(f->arena, &note, A2B_PDF_V_GLUE)->height = 4;
  const char *a = "这是一段很长的文字，用来占据好几行的位置，这样后面的锚点和脚注就会落在后面的某一行"
                  "上面，而不是第一行。";
  const char *b = "锚点从这里开始，脚注在这句话的末尾";
  const char *c = "。后面还有一些文字，让段落再多出一行来，这样就能看清楚了。";
  a2b_pdf_span sp[3] = {{.text = a, .len = strlen(a)},
                        {.text = b, .len = strlen(b), .anchor = "here", .footnote = &note},
                        {.text = c, .len = strlen(c)}};
  a2b_pdf_para p = para("zh-CN", 150);
  a2b_pdf_vlist v = {0};
  size_t n = a2b_pdf_set_para(f->ts, f->arena, sp, 3, &p, &v, "f.md");
  char all[1024];
  snprintf(all, sizeof all, "%s%s%s", a, b, c);
  size_t starts[64];
  assert_true(n < 64);
  check_text(&v, all, false, starts);
  size_t b0 = strlen(a), b1 = b0 + strlen(b);
  size_t anchor_line = 0, note_line = 0;
  while (anchor_line + 1 < n && starts[anchor_line + 1] <= b0) anchor_line++;
  while (note_line + 1 < n && starts[note_line + 1] < b1) note_line++;
  assert_true(anchor_line > 0);
  size_t k = 0;
  for (size_t i = 0; i < v.n; i++) {
    if (v.items[i].kind != A2B_PDF_V_LINE) continue;
    const a2b_pdf_line *l = v.items[i].u.line;
    if (k == anchor_line) {
      assert_int_equal(l->n_anchors, 1);
      assert_string_equal(l->anchors[0], "here");
    } else {
      assert_int_equal(l->n_anchors, 0);
    }
    if (k == note_line) {
      assert_non_null(v.items[i].footnotes);
      assert_int_equal(v.items[i].footnotes->n, 2);
      assert_true(v.items[i].footnotes->items[1].height == 4);
    } else {
      assert_null(v.items[i].footnotes);
    }
    k++;
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_chinese_justified, setup, teardown),
      cmocka_unit_test_setup_teardown(test_latin_words_kept, setup, teardown),
      cmocka_unit_test_setup_teardown(test_emergency_breaks_and_leading_hyphens, setup, teardown),
      cmocka_unit_test_setup_teardown(test_full_width_quotes, setup, teardown),
      cmocka_unit_test_setup_teardown(test_glyph_forms_by_language, setup, teardown),
      cmocka_unit_test_setup_teardown(test_emphasis_faces, setup, teardown),
      cmocka_unit_test_setup_teardown(test_emphasis_dots, setup, teardown),
      cmocka_unit_test_setup_teardown(test_code_next_to_cjk_spaced, setup, teardown),
      cmocka_unit_test_setup_teardown(test_emergency_cut_before_closing_mark, setup, teardown),
      cmocka_unit_test_setup_teardown(test_missing_character, setup, teardown),
      cmocka_unit_test_setup_teardown(test_code_wraps_with_marker, setup, teardown),
      cmocka_unit_test_setup_teardown(test_anchors_and_footnotes, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
