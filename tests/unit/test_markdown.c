/* Markdown (cmark-gfm) into the document model. Trees are compared as
 * compact S-expressions, e.g. (paragraph (text "a") (emph (text "b"))). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h> /* after the headers it needs */

#include "arena.h"
#include "art2book/diag.h"
#include "buf.h"
#include "markdown.h"
#include "preprocess.h"

typedef struct fixture {
  a2b_arena *arena;
  a2b_article art;
  a2b_diags diags;
  a2b_load_ctx ctx;
  a2b_buf out;
} fixture;

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  f->arena = a2b_arena_new();
  f->art.path = "t.md";
  f->ctx.arena = f->arena;
  f->ctx.art = &f->art;
  f->ctx.diags = &f->diags;
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  a2b_arena_free(f->arena);
  a2b_diags_clear(&f->diags);
  a2b_buf_free(&f->out);
  free(f);
  return 0;
}

static void put_str(a2b_buf *b, const char *s) {
  a2b_buf_putc(b, '"');
  for (; s && *s; s++) {
    if (*s == '"' || *s == '\\') a2b_buf_putc(b, '\\');
    if (*s == '\n')
      a2b_buf_puts(b, "\\n");
    else
      a2b_buf_putc(b, *s);
  }
  a2b_buf_putc(b, '"');
}

static void dump(a2b_buf *b, const a2b_node *n) {
  static const char *const align[] = {"", " left", " center", " right"};
  static const char *const kinds[] = {"note", "tip", "important", "warning", "caution", "details"};
  a2b_buf_printf(b, "(%s", a2b_node_type_name(n->type));
  if (n->id) a2b_buf_printf(b, " #%s", n->id);
  if (n->classes) a2b_buf_printf(b, " .%s", n->classes);
  switch (n->type) {
  case A2B_NODE_HEADING: a2b_buf_printf(b, " %d", n->u.heading.level); break;
  case A2B_NODE_CODE_BLOCK:
    if (n->u.code.lang) a2b_buf_printf(b, " lang=%s", n->u.code.lang);
    if (n->u.code.filename) a2b_buf_printf(b, " file=%s", n->u.code.filename);
    a2b_buf_putc(b, ' ');
    put_str(b, n->u.code.literal);
    break;
  case A2B_NODE_TEXT:
  case A2B_NODE_CODE:
  case A2B_NODE_MATH_INLINE:
  case A2B_NODE_MATH_BLOCK:
    a2b_buf_putc(b, ' ');
    put_str(b, n->u.literal);
    break;
  case A2B_NODE_ASIDE:
    a2b_buf_printf(b, " %s", kinds[n->u.aside.kind]);
    if (n->u.aside.title) a2b_buf_printf(b, " title=%s", n->u.aside.title);
    break;
  case A2B_NODE_LIST:
    if (n->u.list.ordered) a2b_buf_printf(b, " ordered start=%d", n->u.list.start);
    if (n->u.list.tight) a2b_buf_puts(b, " tight");
    break;
  case A2B_NODE_ITEM:
    if (n->u.item.task) a2b_buf_puts(b, n->u.item.task == 2 ? " [x]" : " [ ]");
    break;
  case A2B_NODE_TABLE: a2b_buf_printf(b, " %d", n->u.table.ncols); break;
  case A2B_NODE_TABLE_ROW:
    if (n->u.row.header) a2b_buf_puts(b, " header");
    break;
  case A2B_NODE_TABLE_CELL: a2b_buf_puts(b, align[n->u.cell.align]); break;
  case A2B_NODE_LINK:
    a2b_buf_putc(b, ' ');
    put_str(b, n->u.link.url);
    if (n->u.link.title) a2b_buf_printf(b, " title=%s", n->u.link.title);
    break;
  case A2B_NODE_IMAGE:
    a2b_buf_putc(b, ' ');
    put_str(b, n->u.image.src);
    if (n->u.image.title) a2b_buf_printf(b, " title=%s", n->u.image.title);
    break;
  case A2B_NODE_FOOTNOTE_REF:
  case A2B_NODE_FOOTNOTE_DEF: a2b_buf_printf(b, " ^%s", n->u.footnote.label); break;
  default: break;
  }
  for (const a2b_node *c = n->first_child; c; c = c->next) {
    assert_ptr_equal(c->parent, n);
    a2b_buf_putc(b, ' ');
    dump(b, c);
  }
  a2b_buf_putc(b, ')');
}

/* The body of `md` parsed for an article in `lang`, without the
 * (document ...) wrapper. */
static const char *md(fixture *f, const char *lang, const char *text) {
  f->art.lang = lang;
  a2b_markdown_parse(&f->ctx, text, strlen(text));
  assert_non_null(f->art.body);
  assert_int_equal(f->art.body->type, A2B_NODE_DOCUMENT);
  a2b_buf_reset(&f->out);
  for (const a2b_node *c = f->art.body->first_child; c; c = c->next) {
    if (c != f->art.body->first_child) a2b_buf_putc(&f->out, ' ');
    dump(&f->out, c);
  }
  return a2b_buf_cstr(&f->out);
}

#define EN "en"
#define ZH "zh-CN"

static void test_basic_blocks(void **state) {
  fixture *f = *state;
  assert_string_equal(
      md(f, EN, "a *b* **c** `d` ~~e~~\\\nf"),
      "(paragraph (text \"a \") (emph (text \"b\")) (text \" \") (strong (text \"c\"))"
      " (text \" \") (code \"d\") (text \" \") (strike (text \"e\")) (linebreak)"
      " (text \"f\"))");
  assert_string_equal(md(f, EN, "## Two\n\n***\n\n> q\n\n    indented\n"),
                      "(heading 2 (text \"Two\")) (thematic_break) (quote (paragraph (text \"q\")))"
                      " (code_block \"indented\\n\")");
  assert_string_equal(md(f, EN, "3. x\n4. y\n\n- a\n\n- b\n"),
                      "(list ordered start=3 tight (item (paragraph (text \"x\")))"
                      " (item (paragraph (text \"y\"))))"
                      " (list (item (paragraph (text \"a\"))) (item (paragraph (text \"b\"))))");
}

static void test_positions(void **state) {
  fixture *f = *state;
  f->ctx.line_offset = 10;
  md(f, EN, "para\n\n> quote *x*\n> next\n");
  const a2b_node *p = f->art.body->first_child;
  assert_int_equal(p->line, 11);
  assert_int_equal(p->col, 1);
  const a2b_node *q = p->next;
  assert_int_equal(q->line, 13);
  const a2b_node *para = q->first_child, *emph = para->first_child->next;
  assert_int_equal(para->col, 3);
  assert_int_equal(emph->type, A2B_NODE_EMPH);
  assert_int_equal(emph->line, 13);
  assert_int_equal(emph->col, 9);
  const a2b_node *brk = emph->next; /* no position from cmark: the line it ends */
  assert_int_equal(brk->type, A2B_NODE_SOFTBREAK);
  assert_int_equal(brk->line, 13);
  assert_int_equal(brk->next->line, 14);
  assert_int_equal(brk->next->col, 3);
}

static void test_cjk_soft_breaks(void **state) {
  fixture *f = *state;
  assert_string_equal(md(f, ZH, "中文\n中文"), "(paragraph (text \"中文中文\"))");
  assert_string_equal(md(f, EN, "English\nword"),
                      "(paragraph (text \"English\") (softbreak) (text \"word\"))");
  assert_string_equal(md(f, ZH, "中文\nEnglish"),
                      "(paragraph (text \"中文\") (softbreak) (text \"English\"))");
  assert_string_equal(md(f, ZH, "English\n中文"),
                      "(paragraph (text \"English\") (softbreak) (text \"中文\"))");
  /* Across inline containers, CJK punctuation and full-width forms. */
  assert_string_equal(
      md(f, ZH, "这是*强调*\n文字。\n「引用」\n（注）"),
      "(paragraph (text \"这是\") (emph (text \"强调\")) (text \"文字。「引用」（注）\"))");
  /* Japanese kana. */
  assert_string_equal(md(f, "ja", "ひらがな\nカタカナ"), "(paragraph (text \"ひらがなカタカナ\"))");
  /* Korean separates words with spaces: the break stays. */
  assert_string_equal(md(f, "ko", "한국어\n문장"),
                      "(paragraph (text \"한국어\") (softbreak) (text \"문장\"))");
  /* Code next to the break is not CJK text. */
  assert_string_equal(md(f, ZH, "`代码`\n中文"),
                      "(paragraph (code \"代码\") (softbreak) (text \"中文\"))");
}

static void test_smart_punctuation(void **state) {
  fixture *f = *state;
  assert_string_equal(md(f, EN, "\"Hi,\" she said -- it's 1990--2000... ok---fine `\"x\" --y`"),
                      "(paragraph (text \"\u201CHi,\u201D she said \u2013 it\u2019s 1990\u20132000"
                      "\u2026 ok\u2014fine \") (code \"\\\"x\\\" --y\"))");
  /* Quotes around inline containers take context across nodes. */
  assert_string_equal(md(f, EN, "'*word*' (\"a\")"),
                      "(paragraph (text \"\u2018\") (emph (text \"word\"))"
                      " (text \"\u2019 (\u201Ca\u201D)\"))");
  /* Autolinked URLs stay as written. */
  assert_string_equal(md(f, EN, "see https://x.org/a--b and www.a--b.org"),
                      "(paragraph (text \"see \") (link \"https://x.org/a--b\""
                      " (text \"https://x.org/a--b\")) (text \" and \")"
                      " (link \"http://www.a--b.org\" (text \"www.a--b.org\")))");
  /* Not for Chinese, Japanese, Korean. */
  assert_string_equal(md(f, ZH, "他说\"好\"..."), "(paragraph (text \"他说\\\"好\\\"...\"))");
  assert_string_equal(md(f, "ja-JP", "\"a\" -- b"), "(paragraph (text \"\\\"a\\\" -- b\"))");
  /* Unknown language: decided by the text. */
  assert_string_equal(md(f, NULL, "\"a\" -- b"), "(paragraph (text \"\u201Ca\u201D \u2013 b\"))");
  assert_string_equal(md(f, NULL, "\"a\" -- 中"), "(paragraph (text \"\\\"a\\\" -- 中\"))");
}

static void test_heading_attributes(void **state) {
  fixture *f = *state;
  assert_string_equal(md(f, EN, "# Title {#intro}"), "(heading #intro 1 (text \"Title\"))");
  assert_string_equal(md(f, EN, "## A *b* {.wide}"),
                      "(heading .wide 2 (text \"A \") (emph (text \"b\")))");
  assert_string_equal(md(f, EN, "### X {#my_id .c1 .c2}"),
                      "(heading #my_id .c1 c2 3 (text \"X\"))");
  /* Not attribute blocks: kept as text. */
  assert_string_equal(md(f, EN, "# Set {a, b}"), "(heading 1 (text \"Set {a, b}\"))");
  assert_string_equal(md(f, EN, "# Empty {}"), "(heading 1 (text \"Empty {}\"))");
  assert_string_equal(md(f, EN, "# Code `x` {#c}"), "(heading #c 1 (text \"Code \") (code \"x\"))");
}

static void test_fence_info(void **state) {
  fixture *f = *state;
  assert_string_equal(md(f, EN, "```ts:app.ts\nlet a;\n```"),
                      "(code_block lang=ts file=app.ts \"let a;\\n\")");
  assert_string_equal(md(f, EN, "```:caption text\nx\n```"),
                      "(code_block file=caption text \"x\\n\")");
  assert_string_equal(md(f, EN, "```diff ts:./src/x.ts\n+a\n```"),
                      "(code_block lang=diff file=./src/x.ts \"+a\\n\")");
  assert_string_equal(md(f, EN, "```rust,ignore\nfn\n```"), "(code_block lang=rust \"fn\\n\")");
  assert_string_equal(md(f, EN, "```go {linenos=true}\ngo\n```"), "(code_block lang=go \"go\\n\")");
  assert_string_equal(md(f, EN, "```\n\n```"), "(code_block \"\\n\")");
  assert_string_equal(md(f, EN, "~~~\n~~~"), "(code_block \"\")");
}

static void test_math(void **state) {
  fixture *f = *state;
  assert_string_equal(md(f, EN, "a `" A2B_MATH_MARK "x^2` b"),
                      "(paragraph (text \"a \") (math_inline \"x^2\") (text \" b\"))");
  assert_string_equal(md(f, EN, "```" A2B_MATH_MARK "\nx^2\n+ \\alpha\n```"),
                      "(math_block \"x^2\\n+ \\\\alpha\")");
  /* Code without the mark stays code. */
  assert_string_equal(md(f, EN, "`x^2`"), "(paragraph (code \"x^2\"))");
}

static void test_alerts(void **state) {
  fixture *f = *state;
  assert_string_equal(md(f, EN, "> [!NOTE]\n> Body *x*.\n"),
                      "(aside note (paragraph (text \"Body \") (emph (text \"x\")) (text \".\")))");
  assert_string_equal(md(f, ZH, "> [!warning] 小心 *热*\n> 正文\n> 内容\n"),
                      "(aside warning title=小心 热 (paragraph (text \"正文内容\")))");
  assert_string_equal(md(f, EN, "> [!Details] More info\n>\n> hidden\n"),
                      "(aside details title=More info (paragraph (text \"hidden\")))");
  assert_string_equal(md(f, EN, "> [!TIP]\n"), "(aside tip)");
  /* Wiki.js marks its alerts with a class on the quote's last line. */
  assert_string_equal(md(f, ZH, "> 校对正在进行中。\n{.is-warning}\n"),
                      "(aside warning (paragraph (text \"校对正在进行中。\")))");
  assert_string_equal(md(f, EN, "> Note this.\n>\n> {.is-info}\n"),
                      "(aside note (paragraph (text \"Note this.\")))");
  /* Not alerts. */
  assert_string_equal(md(f, EN, "> x {.is-warning}\n"),
                      "(quote (paragraph (text \"x {.is-warning}\")))");
  assert_string_equal(md(f, EN, "> [!FOO] x\n"), "(quote (paragraph (text \"[!FOO] x\")))");
  assert_string_equal(md(f, EN, "> [!NOTE]x\n"), "(quote (paragraph (text \"[!NOTE]x\")))");
  assert_string_equal(md(f, EN, "> text [!NOTE]\n"), "(quote (paragraph (text \"text [!NOTE]\")))");
}

static void test_footnotes(void **state) {
  fixture *f = *state;
  assert_string_equal(
      md(f, EN,
         "A[^Zed] b[^abc] c[^zed] [^none]\n\n[^abc]: First.\n\n"
         "[^zed]: Second.\n\n    More.\n\n[^unused]: x\n\nEnd."),
      "(paragraph (text \"A\") (footnote_ref ^zed) (text \" b\")"
      " (footnote_ref ^abc) (text \" c\") (footnote_ref ^zed)"
      " (text \" [^none]\")) (paragraph (text \"End.\"))"
      " (footnote_def ^zed (paragraph (text \"Second.\")) (paragraph (text \"More.\")))"
      " (footnote_def ^abc (paragraph (text \"First.\")))");
}

static void test_tables(void **state) {
  fixture *f = *state;
  assert_string_equal(
      md(f, EN, "| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | *2* | | 4 |\n"),
      "(table 4 (table_row header (table_cell left (text \"a\"))"
      " (table_cell center (text \"b\")) (table_cell right (text \"c\"))"
      " (table_cell (text \"d\")))"
      " (table_row (table_cell left (text \"1\")) (table_cell center (emph (text \"2\")))"
      " (table_cell right) (table_cell (text \"4\"))))");
}

static void test_task_lists(void **state) {
  fixture *f = *state;
  assert_string_equal(
      md(f, EN, "- [ ] todo\n- [x] done\n- plain\n"),
      "(list tight (item [ ] (paragraph (text \"todo\")))"
      " (item [x] (paragraph (text \"done\"))) (item (paragraph (text \"plain\"))))");
}

static void test_links_images_figures(void **state) {
  fixture *f = *state;
  assert_string_equal(md(f, EN, "[a](u \"T\") [empty]() <mailto:x@y.z> www.x.org"),
                      "(paragraph (link \"u\" title=T (text \"a\")) (text \" \")"
                      " (link \"\" (text \"empty\")) (text \" \")"
                      " (link \"mailto:x@y.z\" (text \"mailto:x@y.z\")) (text \" \")"
                      " (link \"http://www.x.org\" (text \"www.x.org\")))");
  assert_string_equal(md(f, EN, "![alt *t*](a.png \"Cap\")\n"),
                      "(figure (image \"a.png\" title=Cap (text \"alt \") (emph (text \"t\")))"
                      " (caption (text \"Cap\")))");
  /* No title, or more than the image: stays a paragraph. */
  assert_string_equal(md(f, EN, "![alt](a.png)"), "(paragraph (image \"a.png\" (text \"alt\")))");
  assert_string_equal(md(f, EN, "x ![alt](a.png \"T\")"),
                      "(paragraph (text \"x \") (image \"a.png\" title=T (text \"alt\")))");
  /* Alt text gets the text pass too (smart quotes, CJK breaks). */
  assert_string_equal(md(f, EN, "![\"q\"](a.png)"),
                      "(paragraph (image \"a.png\" (text \"\u201Cq\u201D\")))");
}

static void test_raw_html(void **state) {
  fixture *f = *state;
  assert_string_equal(md(f, EN, "a <b>x *y*</b> z\n"),
                      "(paragraph (text \"a \") (strong (text \"x \") (emph (text \"y\")))"
                      " (text \" z\"))");
  /* Inline HTML state is per container: the emphasis has its own. */
  assert_string_equal(md(f, EN, "*a <b>b</b>* c"),
                      "(paragraph (emph (text \"a \") (strong (text \"b\"))) (text \" c\"))");
  assert_string_equal(md(f, EN, "one\n\n<hr>\n\ntwo\n"),
                      "(paragraph (text \"one\")) (thematic_break) (paragraph (text \"two\"))");
}

static void test_text_merging(void **state) {
  fixture *f = *state;
  /* cmark splits at delimiters and brackets; the model has one node. */
  assert_string_equal(md(f, EN, "a [b] _c * d! e"), "(paragraph (text \"a [b] _c * d! e\"))");
  assert_string_equal(md(f, ZH, "文_字\n文*字"), "(paragraph (text \"文_字文*字\"))");
}

static void test_deep_nesting(void **state) {
  fixture *f = *state;
  enum { DEPTH = 5000 };
  char *s = malloc(DEPTH + 2);
  memset(s, '>', DEPTH);
  s[DEPTH] = 'x';
  s[DEPTH + 1] = '\0';
  a2b_markdown_parse(&f->ctx, s, strlen(s));
  free(s);
  int depth = 0;
  const a2b_node *n = f->art.body;
  while (n->first_child)
    n = n->first_child, depth++;
  assert_int_equal(n->type, A2B_NODE_TEXT);
  assert_true(depth > 100);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_basic_blocks, setup, teardown),
      cmocka_unit_test_setup_teardown(test_positions, setup, teardown),
      cmocka_unit_test_setup_teardown(test_cjk_soft_breaks, setup, teardown),
      cmocka_unit_test_setup_teardown(test_smart_punctuation, setup, teardown),
      cmocka_unit_test_setup_teardown(test_heading_attributes, setup, teardown),
      cmocka_unit_test_setup_teardown(test_fence_info, setup, teardown),
      cmocka_unit_test_setup_teardown(test_math, setup, teardown),
      cmocka_unit_test_setup_teardown(test_alerts, setup, teardown),
      cmocka_unit_test_setup_teardown(test_footnotes, setup, teardown),
      cmocka_unit_test_setup_teardown(test_tables, setup, teardown),
      cmocka_unit_test_setup_teardown(test_task_lists, setup, teardown),
      cmocka_unit_test_setup_teardown(test_links_images_figures, setup, teardown),
      cmocka_unit_test_setup_teardown(test_raw_html, setup, teardown),
      cmocka_unit_test_setup_teardown(test_text_merging, setup, teardown),
      cmocka_unit_test_setup_teardown(test_deep_nesting, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
