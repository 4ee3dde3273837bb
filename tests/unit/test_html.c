/* Raw HTML sanitising: blocks through libxml2, inline fragments one tag at a
 * time. Fixtures are modelled on raw HTML seen in the corpus. */
// clang-format off
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
// clang-format on
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "art2book/diag.h"
#include "buf.h"
#include "html.h"

typedef struct fixture {
  a2b_arena *arena;
  a2b_article art;
  a2b_diags diags;
  a2b_load_ctx ctx;
} fixture;

static int setup(void **state) {
  fixture *fx = calloc(1, sizeof *fx);
  fx->arena = a2b_arena_new();
  fx->art.path = "content/a.md";
  fx->ctx.arena = fx->arena;
  fx->ctx.art = &fx->art;
  fx->ctx.diags = &fx->diags;
  fx->ctx.line_offset = 4;
  *state = fx;
  return 0;
}

static int teardown(void **state) {
  fixture *fx = *state;
  a2b_diags_clear(&fx->diags);
  a2b_arena_free(fx->arena);
  free(fx);
  return 0;
}

/* ---- a compact, stable rendering of a tree ----------------------------- */

static void put_quoted(a2b_buf *b, const char *s) {
  a2b_buf_putc(b, '"');
  for (; s && *s; s++) {
    if (*s == '\n')
      a2b_buf_puts(b, "\\n");
    else if (*s == '"' || *s == '\\')
      a2b_buf_printf(b, "\\%c", *s);
    else
      a2b_buf_putc(b, *s);
  }
  a2b_buf_putc(b, '"');
}

static void dump(a2b_buf *b, const a2b_node *n);

static void dump_children(a2b_buf *b, const a2b_node *n) {
  for (const a2b_node *c = n->first_child; c; c = c->next) {
    if (c != n->first_child) a2b_buf_putc(b, ' ');
    dump(b, c);
  }
}

static void dump(a2b_buf *b, const a2b_node *n) {
  static const char *const align[] = {"", " left", " center", " right"};
  a2b_buf_printf(b, "(%s", a2b_node_type_name(n->type));
  if (n->id) a2b_buf_printf(b, " #%s", n->id);
  if (n->classes) a2b_buf_printf(b, " .%s", n->classes);
  if (n->lang) a2b_buf_printf(b, " @%s", n->lang);
  switch (n->type) {
  case A2B_NODE_TEXT:
  case A2B_NODE_CODE:
    a2b_buf_putc(b, ' ');
    put_quoted(b, n->u.literal);
    break;
  case A2B_NODE_CODE_BLOCK:
    if (n->u.code.lang) a2b_buf_printf(b, " %s", n->u.code.lang);
    a2b_buf_putc(b, ' ');
    put_quoted(b, n->u.code.literal);
    break;
  case A2B_NODE_HEADING: a2b_buf_printf(b, " %d", n->u.heading.level); break;
  case A2B_NODE_LINK:
    a2b_buf_putc(b, ' ');
    put_quoted(b, n->u.link.url);
    if (n->u.link.title) a2b_buf_printf(b, " title=%s", n->u.link.title);
    break;
  case A2B_NODE_IMAGE:
    a2b_buf_putc(b, ' ');
    put_quoted(b, n->u.image.src);
    if (n->u.image.width || n->u.image.height)
      a2b_buf_printf(b, " %dx%d", n->u.image.width, n->u.image.height);
    break;
  case A2B_NODE_LIST:
    a2b_buf_printf(b, " %s", n->u.list.ordered ? "ordered" : "bullet");
    if (n->u.list.ordered) a2b_buf_printf(b, " %d", n->u.list.start);
    a2b_buf_puts(b, n->u.list.tight ? " tight" : " loose");
    break;
  case A2B_NODE_TABLE: a2b_buf_printf(b, " %d", n->u.table.ncols); break;
  case A2B_NODE_TABLE_ROW:
    if (n->u.row.header) a2b_buf_puts(b, " header");
    break;
  case A2B_NODE_TABLE_CELL: a2b_buf_puts(b, align[n->u.cell.align]); break;
  case A2B_NODE_ASIDE:
    a2b_buf_printf(b, " %d", (int)n->u.aside.kind);
    if (n->u.aside.title) {
      a2b_buf_putc(b, ' ');
      put_quoted(b, n->u.aside.title);
    }
    break;
  default: break;
  }
  if (n->first_child) {
    a2b_buf_putc(b, ' ');
    dump_children(b, n);
  }
  a2b_buf_putc(b, ')');
}

static const char *render(fixture *fx, const a2b_node *parent) {
  a2b_buf b = A2B_BUF_INIT;
  dump_children(&b, parent);
  const char *s = a2b_strdup(fx->arena, a2b_buf_cstr(&b));
  a2b_buf_free(&b);
  return s;
}

/* The blocks made from one raw HTML block. */
static const char *block(fixture *fx, const char *html) {
  a2b_node *doc = a2b_node_new(fx->arena, A2B_NODE_DOCUMENT, 1, 1);
  a2b_html_block(&fx->ctx, doc, html, 10, 1);
  return render(fx, doc);
}

/* A paragraph fed a sequence of cmark inlines: fragments starting with '<'
 * are raw HTML, the rest plain text. */
static const char *inlines(fixture *fx, const char *const *parts) {
  a2b_node *para = a2b_node_new(fx->arena, A2B_NODE_PARAGRAPH, 1, 1);
  a2b_html_inline st = {0};
  a2b_node *cur = para;
  for (; *parts; parts++) {
    if (**parts == '<') {
      cur = a2b_html_inline_feed(&fx->ctx, &st, cur, *parts, 10, 3);
    } else {
      a2b_node *t = a2b_node_new(fx->arena, A2B_NODE_TEXT, 10, 3);
      t->u.literal = *parts;
      a2b_node_append(cur, t);
    }
  }
  return render(fx, para);
}

#define INLINES(fx, ...) inlines(fx, (const char *const[]){__VA_ARGS__, NULL})

/* ---- blocks ------------------------------------------------------------ */

static void test_styled_containers(void **state) {
  fixture *fx = *state;
  assert_string_equal(block(fx,
                            "<div style=\"color:red\"><font color=\"indigo\">南方电网</font> 为何"
                            "</div>\n"),
                      "(paragraph (text \"南方电网 为何\"))");
  assert_string_equal(block(fx, "<center style=\"font-weight:bold;\">\n"
                                "  <img src=\"/assets/join.png\" alt=\"加入俱乐部\"><br/>\n"
                                "  <p>欢迎加入<br/>扫码联系</p>\n"
                                "</center>\n"),
                      "(paragraph (image \"/assets/join.png\" (text \"加入俱乐部\"))) "
                      "(paragraph (text \"欢迎加入\") (linebreak) (text \"扫码联系\"))");
  /* id, lang and class make a DIV; loose text in it gets a paragraph. */
  assert_string_equal(block(fx, "<div lang=\"ja\" class=\" note  big\" id=\"n1\" style=\"x\">"
                                "テキスト<p>段落</p></div>"),
                      "(div #n1 .note big @ja (paragraph (text \"テキスト\")) "
                      "(paragraph (text \"段落\")))");
  /* Inline markup wrapped around blocks keeps the blocks. */
  assert_string_equal(block(fx, "<font color=\"blue\">\n<p>甲</p>\n<p>乙</p>\n</font>"),
                      "(paragraph (text \"甲\")) (paragraph (text \"乙\"))");
  assert_int_equal(fx->diags.n, 0);
}

static void test_white_space(void **state) {
  fixture *fx = *state;
  assert_string_equal(block(fx, "<div>\n  a\n  b  <em> c </em>\td<span> </span>\n</div>"),
                      "(paragraph (text \"a\") (softbreak) (text \"b \") (emph (text \"c\")) "
                      "(text \" d\"))");
  assert_string_equal(block(fx, "<p>x<br>\n y<br><br></p>"),
                      "(paragraph (text \"x\") (linebreak) (text \"y\"))");
  assert_string_equal(block(fx, "<p> </p><p><b> </b></p>"), "");
}

static void test_iframe(void **state) {
  fixture *fx = *state;
  const char *u = "https://player.example.com/player.html?bvid=BV1x&page=1";
  char want[512];
  snprintf(want, sizeof want, "(paragraph (link \"%s\" (text \"Embedded content: %s\")))", u, u);
  assert_string_equal(block(fx, "<div style=\"position: relative; padding: 30% 45%;\">\n"
                                "<iframe style=\"position: absolute;\" src=\"//player.example.com/"
                                "player.html?bvid=BV1x&amp;page=1\" scrolling=\"no\" "
                                "allowfullscreen=\"true\">fallback</iframe>\n</div>\n"),
                      want);
  assert_string_equal(block(fx, "<iframe src=\"https://www.youtube-nocookie.com/embed/X\" "
                                "title=\"YouTube video player\" allowfullscreen></iframe>"),
                      "(paragraph (link \"https://www.youtube-nocookie.com/embed/X\" "
                      "(text \"YouTube video player\")))");
  assert_string_equal(block(fx, "<iframe src=\"javascript:alert(1)\"></iframe>"), "");
  assert_string_equal(block(fx, "<video controls><source src=\"clip.mp4\" type=\"video/mp4\">"
                                "Your browser cannot play it.</video>"),
                      "(paragraph (link \"clip.mp4\" (text \"Embedded content: clip.mp4\")))");
  assert_string_equal(block(fx, "<audio src=\"a.mp3\" title=\"Episode 1\"></audio>"),
                      "(paragraph (link \"a.mp3\" (text \"Episode 1\")))");
}

static void test_ruby(void **state) {
  fixture *fx = *state;
  assert_string_equal(block(fx, "<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp>字<rt>ji</rt></ruby>"),
                      "(paragraph (ruby (text \"漢\") (ruby_text (text \"kan\")) (text \"字\") "
                      "(ruby_text (text \"ji\"))))");
  /* <rt> without end tags, as HTML allows. */
  assert_string_equal(block(fx, "<p><ruby lang=\"ja\">東京<rt>とう<rt>きょう</ruby></p>"),
                      "(paragraph (ruby @ja (text \"東京\") (ruby_text (text \"とう\")) "
                      "(ruby_text (text \"きょう\"))))");
}

static void test_details(void **state) {
  fixture *fx = *state;
  assert_string_equal(block(fx, "<details><summary>Files <b>copied</b> (3)</summary>\n\n"
                                "- not markdown here\n<p>para</p></details>"),
                      "(aside 5 \"Files copied (3)\" (paragraph (text \"- not markdown here\")) "
                      "(paragraph (text \"para\")))");
  assert_string_equal(block(fx, "<details>\n<p>x</p>\n</details>"),
                      "(aside 5 (paragraph (text \"x\")))");
}

static void test_tables(void **state) {
  fixture *fx = *state;
  assert_string_equal(
      block(fx, "<table style=\"width:100%\">\n<caption>Results</caption>\n"
                "<thead><tr><th>Name</th><th align=\"right\">Score</th></tr></thead>\n"
                "<tbody><tr><td>甲</td><td align=\"RIGHT\" colspan=\"2\">9</td></tr>\n"
                "<tr><td>乙</td></tr>\n<tr><th>合计</th><th>9</th><th>!</th></tr></tbody>\n"
                "</table>"),
      "(paragraph (text \"Results\")) (table 3 "
      "(table_row header (table_cell (text \"Name\")) (table_cell right (text \"Score\")) "
      "(table_cell)) "
      "(table_row (table_cell (text \"甲\")) (table_cell right (text \"9\")) (table_cell)) "
      "(table_row (table_cell (text \"乙\")) (table_cell) (table_cell)) "
      "(table_row header (table_cell (text \"合计\")) (table_cell (text \"9\")) "
      "(table_cell (text \"!\"))))");
  /* Blocks inside a cell are flattened to lines. */
  assert_string_equal(block(fx, "<table><tr><td><p>a</p><p>b</p></td></tr></table>"),
                      "(table 1 (table_row (table_cell (text \"a\") (linebreak) (text \"b\"))))");
}

static void test_images(void **state) {
  fixture *fx = *state;
  assert_string_equal(block(fx, "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" "
                                "data-src=\"https://img.example.com/a.jpg\" width=\"300\" "
                                "height=\"200px\" alt=\" A \n cat \" onload=\"x()\">"),
                      "(paragraph (image \"https://img.example.com/a.jpg\" 300x200 "
                      "(text \"A cat\")))");
  assert_string_equal(block(fx, "<p><img data-original=\"b.png\" width=\"50%\"></p>"),
                      "(paragraph (image \"b.png\"))");
  /* No usable source: the alt text stays. */
  assert_string_equal(
      block(fx, "<p>see <img src=\"data:image/png;base64,AAAA\" alt=\"chart\"></p>"),
      "(paragraph (text \"see chart\"))");
  assert_string_equal(block(fx, "<figure><img src=\"f.png\" alt=\"F\">\n"
                                "<figcaption>The <em>caption</em></figcaption></figure>"),
                      "(figure (image \"f.png\" (text \"F\")) "
                      "(caption (text \"The \") (emph (text \"caption\"))))");
  /* A chart whose image is the noscript fallback, and download links. */
  assert_string_equal(
      block(fx, "<div>\n    <div class=\"pie-chart\" id=\"where\" style=\"height:600px;\">"
                "<noscript>\n<img alt=\"where\" height=\"600\" src=\"where.png\"/>\n</noscript>"
                "</div>\n    <div style=\"display: flex;\">\n        <span>[<a href=\"where.png\" "
                "target=\"_blank\" title=\"Download chart\">PNG</a>]</span>&nbsp;</div>\n</div>"),
      "(div #where .pie-chart (paragraph (image \"where.png\" 0x600 (text \"where\")))) "
      "(paragraph (text \"[\") (link \"where.png\" title=Download chart (text \"PNG\")) "
      "(text \"]\xC2\xA0\"))");
}

/* Lazy-loading exports: placeholders in src give way to data- attributes
 * and the largest srcset candidate. */
static void test_lazy_images(void **state) {
  fixture *fx = *state;
  assert_string_equal(block(fx, "<img src=\"/themes/x/images/loading.gif\" "
                                "data-lazy-src=\"real.png\">"),
                      "(paragraph (image \"real.png\"))");
  assert_string_equal(block(fx, "<img src=\"about:blank\" srcset=\"s.jpg 480w, l.jpg 1080w,\n"
                                "  m.jpg 800w\">"),
                      "(paragraph (image \"l.jpg\"))");
  /* Density descriptors; a data: URL full of commas is one candidate. */
  assert_string_equal(block(fx, "<img srcset=\"data:image/gif;base64,R0lGOD,lhAQ, "
                                "b.png 2x, c.png 1.5x, a.png\">"),
                      "(paragraph (image \"b.png\"))");
  assert_string_equal(block(fx, "<img src=\"\" data-srcset=\"x.png 100w\" srcset=\"y.png 2x\">"),
                      "(paragraph (image \"x.png\"))");
  /* A spinner is a placeholder only when something else is there. */
  assert_string_equal(block(fx, "<img src=\"img/Spinner.SVG?v=2\" data-original=\"o.webp\">"),
                      "(paragraph (image \"o.webp\"))");
  assert_string_equal(block(fx, "<img src=\"lazy-cat.gif\" alt=\"cat\">"),
                      "(paragraph (image \"lazy-cat.gif\" (text \"cat\")))");
  /* A real src wins over everything. */
  assert_string_equal(block(fx, "<img src=\"real.jpg\" data-src=\"other.jpg\" "
                                "srcset=\"big.jpg 2000w\">"),
                      "(paragraph (image \"real.jpg\"))");
  /* A placeholder data- attribute is skipped like a placeholder src. */
  assert_string_equal(block(fx, "<img data-src=\"blank.gif\" data-original=\"p.png\">"),
                      "(paragraph (image \"p.png\"))");
}

static void test_removed(void **state) {
  fixture *fx = *state;
  assert_string_equal(
      block(fx, "<p onclick=\"evil()\" style=\"x\">a<script>alert(1)</script><style>p{}</style>"
                "<a href=\"javascript:alert(1)\">b</a> <a href=\" JaVa&#9;Script:x\">c</a> "
                "<a href=\"data:text/html,x\">d</a> "
                "<a href=\"https://ok.example/\" onclick=\"x\" style=\"y\">ok</a></p>"
                "<script>more()</script><object data=\"x.swf\">flash</object>"
                "<form><input value=\"v\"><button>Go</button><select><option>o</select></form>"
                "<template><p>t</p></template><svg><text>s</text></svg>"),
      "(paragraph (text \"ab c d \") (link \"https://ok.example/\" (text \"ok\")))");
  assert_int_equal(fx->diags.n, 1);
  assert_string_equal(fx->diags.items[0].message, "script removed from raw HTML");
  assert_int_equal(fx->diags.items[0].line, 10);
  /* Leading head matter goes into libxml2's implied <head>: still noticed. */
  assert_string_equal(block(fx, "<title>t</title><script>x</script><meta charset=\"utf-8\">b"),
                      "(paragraph (text \"b\"))");
  assert_int_equal(fx->diags.n, 2);
}

static void test_comments(void **state) {
  fixture *fx = *state;
  assert_string_equal(block(fx, "<!-- Chart where-do-you-live start -->\n"), "");
  assert_string_equal(block(fx, "<div>a<!-- x -->b<?php echo 1 ?></div>"),
                      "(paragraph (text \"ab\"))");
}

static void test_not_html(void **state) {
  fixture *fx = *state;
  assert_string_equal(block(fx, "<div>Use <table-name> or <T attr=\"1\">x</T> here</div>"),
                      "(paragraph (text \"Use <table-name> or <T attr=\\\"1\\\">x</T> here\"))");
  assert_string_equal(block(fx, "<Foo>\nbar < baz"),
                      "(paragraph (text \"<Foo>\") (softbreak) (text \"bar < baz\"))");
  /* Word's namespaced tags disappear, their content stays. */
  assert_string_equal(block(fx, "<p>x<o:p>y</o:p></p>"), "(paragraph (text \"xy\"))");
}

static void test_entities_and_bytes(void **state) {
  fixture *fx = *state;
  assert_string_equal(block(fx, "<p>a&amp;b &lt;c&gt; &nbsp;&#x4e2d;&#25991; &copy; &bogus;</p>"),
                      "(paragraph (text \"a&b <c> \xC2\xA0中文 © &bogus;\"))");
  assert_string_equal(block(fx, "<p>a\xff\xfe"
                                "b\x01\x7f"
                                "c \xe4\xb8 中</p>"),
                      "(paragraph (text \"a\xEF\xBF\xBD\xEF\xBF\xBD"
                      "bc \xEF\xBF\xBD\xEF\xBF\xBD 中\"))");
  assert_string_equal(INLINES(fx, "<a href=\"x\xffy\" title=\"t&amp;\x02u\">", "z", "</a>"),
                      "(link \"x\xEF\xBF\xBDy\" title=t&u (text \"z\"))");
  assert_string_equal(INLINES(fx, "<span lang=\"en&#0;\">", "a", "</span>"),
                      "(span @en\xEF\xBF\xBD (text \"a\"))");
}

static void test_code(void **state) {
  fixture *fx = *state;
  assert_string_equal(
      block(fx, "<pre class=\"x\"><code class=\"hljs language-rust\">fn main() {\n"
                "    let v: Vec<T> = &lt;T&gt;::new();\n}</code></pre>"),
      "(code_block .x rust \"fn main() {\\n    let v: Vec<T> = <T>::new();\\n}\\n\")");
  assert_string_equal(block(fx, "<pre>\n  a<br>b\n</pre>"), "(code_block \"  a\\nb\\n\")");
  assert_string_equal(
      block(fx, "<p>Press <kbd>Ctrl</kbd>+<tt> x  y </tt></p>"),
      "(paragraph (text \"Press \") (code \"Ctrl\") (text \"+\") (code \" x y \"))");
}

static void test_structure(void **state) {
  fixture *fx = *state;
  assert_string_equal(block(fx, "<h2 id=\"s1\">Title <small>x</small></h2>\n"
                                "<blockquote><p>q</p>tail</blockquote><hr>"),
                      "(heading #s1 2 (text \"Title \") (small (text \"x\"))) "
                      "(quote (paragraph (text \"q\")) (paragraph (text \"tail\"))) "
                      "(thematic_break)");
  assert_string_equal(block(fx, "<ol start=\"3\"><li>a<li>b<ul><li>c</ul></ol>"),
                      "(list ordered 3 loose (item (paragraph (text \"a\"))) "
                      "(item (paragraph (text \"b\")) (list bullet tight "
                      "(item (paragraph (text \"c\"))))))");
  /* A nested list written between items joins the item before it. */
  assert_string_equal(block(fx, "<ul>\n<li>a</li>\n<ul><li>b</li></ul>\n</ul>"),
                      "(list bullet loose (item (paragraph (text \"a\")) "
                      "(list bullet tight (item (paragraph (text \"b\"))))))");
  a2b_node *doc = a2b_node_new(fx->arena, A2B_NODE_DOCUMENT, 1, 1);
  a2b_html_block(&fx->ctx, doc, "<div class=\"c\"><p>x</p></div>", 7, 2);
  assert_int_equal(doc->first_child->line, 7);
  assert_int_equal(doc->first_child->first_child->first_child->col, 2);
}

static void test_deep_nesting(void **state) {
  fixture *fx = *state;
  a2b_buf b = A2B_BUF_INIT;
  for (int i = 0; i < 400; i++)
    a2b_buf_puts(&b, "<span>");
  a2b_buf_puts(&b, "deep");
  a2b_node *doc = a2b_node_new(fx->arena, A2B_NODE_DOCUMENT, 1, 1);
  a2b_html_block(&fx->ctx, doc, a2b_buf_cstr(&b), 1, 1);
  a2b_buf_free(&b);
  assert_int_equal(fx->diags.n, 1);
  assert_non_null(strstr(fx->diags.items[0].message, "nested too deeply"));
}

/* ---- elements left open across Markdown blocks ------------------------- */

static a2b_node *md_para(fixture *fx, a2b_node *into, const char *text) {
  a2b_node *p = a2b_node_new(fx->arena, A2B_NODE_PARAGRAPH, 1, 1);
  a2b_node *t = a2b_node_new(fx->arena, A2B_NODE_TEXT, 1, 1);
  t->u.literal = text;
  a2b_node_append(p, t);
  a2b_node_append(into, p);
  return p;
}

static void test_nest(void **state) {
  fixture *fx = *state;
  a2b_node *doc = a2b_node_new(fx->arena, A2B_NODE_DOCUMENT, 1, 1);
  a2b_html_nest st = {0};
  a2b_node *cur = a2b_html_block_nest(&fx->ctx, &st, doc,
                                      "<details>\n<summary>Read the goals.</summary>\n", 3, 1);
  assert_int_equal(cur->type, A2B_NODE_ASIDE);
  md_para(fx, cur, "inside");
  cur = a2b_html_block_nest(&fx->ctx, &st, cur, "</details>\n", 7, 1);
  assert_ptr_equal(cur, doc);
  assert_int_equal(st.depth, 0);
  /* A div without attributes makes no node: the Markdown stays where it is. */
  cur = a2b_html_block_nest(&fx->ctx, &st, cur, "<div align=\"center\">\n", 9, 1);
  assert_ptr_equal(cur, doc);
  assert_int_equal(st.depth, 1);
  md_para(fx, cur, "centred");
  /* Close, then open another: a quote in a classed div. */
  cur = a2b_html_block_nest(&fx->ctx, &st, cur,
                            "</div>\n<div class=\"box\"><p>head</p><blockquote>\n", 12, 1);
  assert_int_equal(cur->type, A2B_NODE_QUOTE);
  assert_int_equal(st.depth, 2);
  md_para(fx, cur, "quoted");
  cur = a2b_html_block_nest(&fx->ctx, &st, cur, "</blockquote></div>", 15, 1);
  assert_ptr_equal(cur, doc);
  /* Unmatched close tags and an element opened and closed at once. */
  cur = a2b_html_block_nest(&fx->ctx, &st, cur, "</section>\n<div class=\"x\">y</div>", 17, 1);
  assert_ptr_equal(cur, doc);
  /* Opened and closed with nothing in between: dropped. */
  cur = a2b_html_block_nest(&fx->ctx, &st, cur, "<section id=\"\" class=\"e\">", 19, 1);
  assert_int_equal(cur->type, A2B_NODE_DIV);
  cur = a2b_html_block_nest(&fx->ctx, &st, cur, "</section>", 20, 1);
  assert_ptr_equal(cur, doc);
  assert_string_equal(
      render(fx, doc),
      "(aside 5 \"Read the goals.\" (paragraph (text \"inside\"))) "
      "(paragraph (text \"centred\")) "
      "(div .box (paragraph (text \"head\")) (quote (paragraph (text \"quoted\")))) "
      "(div .x (paragraph (text \"y\")))");
}

/* ---- inline fragments -------------------------------------------------- */

static void test_inline_pairs(void **state) {
  fixture *fx = *state;
  assert_string_equal(
      INLINES(fx, "<font color=\"red\">", "红", "<b>", "粗", "</b>", "</font>", "后"),
      "(text \"红\") (strong (text \"粗\")) (text \"后\")");
  assert_string_equal(INLINES(fx, "<span lang=\"ja\" style=\"x\">", "日本", "</span>", "<sup>", "1",
                              "</sup>", "<a href=\"https://e.example/\" title=\"T\">", "e", "</a>"),
                      "(span @ja (text \"日本\")) (sup (text \"1\")) "
                      "(link \"https://e.example/\" title=T (text \"e\"))");
  /* A close tag closes what was left open inside it. */
  assert_string_equal(INLINES(fx, "<b>", "<i>", "x", "</b>", "y"),
                      "(strong (emph (text \"x\"))) (text \"y\")");
  /* Unclosed at the end of the container: the node stays. */
  assert_string_equal(INLINES(fx, "<del>", "gone"), "(strike (text \"gone\"))");
  assert_string_equal(INLINES(fx, "<em>", "</em>", "x"), "(text \"x\")");
}

static void test_inline_unmatched(void **state) {
  fixture *fx = *state;
  assert_string_equal(INLINES(fx, "a", "</b>", "b"), "(text \"a\") (text \"b\")");
  assert_string_equal(INLINES(fx, "<u>", "a", "</i>", "b", "</u>", "</u>", "c"),
                      "(underline (text \"a\") (text \"b\")) (text \"c\")");
}

static void test_inline_current(void **state) {
  fixture *fx = *state;
  a2b_node *p = a2b_node_new(fx->arena, A2B_NODE_PARAGRAPH, 1, 1);
  a2b_html_inline st = {0};
  a2b_node *b = a2b_html_inline_feed(&fx->ctx, &st, p, "<strong>", 1, 1);
  assert_int_equal(b->type, A2B_NODE_STRONG);
  assert_ptr_equal(b->parent, p);
  assert_int_equal(st.depth, 1);
  assert_ptr_equal(a2b_html_inline_feed(&fx->ctx, &st, b, "<font color=red>", 1, 1), b);
  assert_ptr_equal(a2b_html_inline_feed(&fx->ctx, &st, b, "<br>", 1, 1), b);
  assert_int_equal(b->last_child->type, A2B_NODE_LINEBREAK);
  assert_ptr_equal(a2b_html_inline_feed(&fx->ctx, &st, b, "</strong>", 1, 1), p);
  assert_int_equal(st.depth, 0);
}

static void test_inline_special(void **state) {
  fixture *fx = *state;
  assert_string_equal(INLINES(fx, "Use ", "<table-name>", " and ", "</T>"),
                      "(text \"Use \") (text \"<table-name>\") (text \" and \") (text \"</T>\")");
  assert_string_equal(INLINES(fx, "<code>", "x ", "<b>", "y", "</b>", "</code>", "<kbd>", "</kbd>"),
                      "(code \"x y\")");
  assert_string_equal(INLINES(fx, "a", "<!-- note -->", "<script>", "alert(1)", "</script>", "b"),
                      "(text \"a\") (text \"b\")");
  assert_int_equal(fx->diags.n, 1);
  assert_int_equal(fx->diags.items[0].line, 10);
  assert_string_equal(INLINES(fx, "<iframe src=\"//v.example/p\" title=\"Video\">", "</iframe>"),
                      "(link \"https://v.example/p\" (text \"Video\"))");
  assert_string_equal(INLINES(fx, "<iframe src=\"//v.example/p\"></iframe>"),
                      "(link \"https://v.example/p\" (text \"Embedded content: "
                      "https://v.example/p\"))");
  assert_string_equal(INLINES(fx, "<video>", "<source src=\"m.webm\">", "no video", "</video>"),
                      "(link \"m.webm\" (text \"Embedded content: m.webm\"))");
  assert_string_equal(
      INLINES(fx, "<ruby>", "漢", "<rp>", "(", "</rp>", "<rt>", "kan", "<rt>", "x", "</ruby>"),
      "(ruby (text \"漢\") (ruby_text (text \"kan\")) (ruby_text (text \"x\")))");
  assert_string_equal(INLINES(fx, "<a href=\"vbscript:x\" onclick=\"y\">", "t", "</a>",
                              "<a name=\"top\">", "</a>", "<img src=\"i.png\" alt=\"I\">", "<wbr>",
                              "<p>", "q"),
                      "(text \"t\") (span #top) (image \"i.png\" (text \"I\")) (linebreak) "
                      "(text \"q\")");
}

static void test_inline_no_nested_links(void **state) {
  fixture *fx = *state;
  a2b_node *p = a2b_node_new(fx->arena, A2B_NODE_PARAGRAPH, 1, 1);
  a2b_node *link = a2b_node_new(fx->arena, A2B_NODE_LINK, 1, 1);
  link->u.link.url = "outer";
  a2b_node_append(p, link);
  a2b_html_inline st = {0};
  a2b_node *cur = a2b_html_inline_feed(&fx->ctx, &st, link, "<a href=\"inner\">", 1, 1);
  assert_ptr_equal(cur, link);
  assert_ptr_equal(a2b_html_inline_feed(&fx->ctx, &st, cur, "</a>", 1, 1), link);
  assert_null(link->first_child);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_styled_containers, setup, teardown),
      cmocka_unit_test_setup_teardown(test_white_space, setup, teardown),
      cmocka_unit_test_setup_teardown(test_iframe, setup, teardown),
      cmocka_unit_test_setup_teardown(test_ruby, setup, teardown),
      cmocka_unit_test_setup_teardown(test_details, setup, teardown),
      cmocka_unit_test_setup_teardown(test_tables, setup, teardown),
      cmocka_unit_test_setup_teardown(test_images, setup, teardown),
      cmocka_unit_test_setup_teardown(test_lazy_images, setup, teardown),
      cmocka_unit_test_setup_teardown(test_removed, setup, teardown),
      cmocka_unit_test_setup_teardown(test_comments, setup, teardown),
      cmocka_unit_test_setup_teardown(test_not_html, setup, teardown),
      cmocka_unit_test_setup_teardown(test_entities_and_bytes, setup, teardown),
      cmocka_unit_test_setup_teardown(test_code, setup, teardown),
      cmocka_unit_test_setup_teardown(test_structure, setup, teardown),
      cmocka_unit_test_setup_teardown(test_deep_nesting, setup, teardown),
      cmocka_unit_test_setup_teardown(test_nest, setup, teardown),
      cmocka_unit_test_setup_teardown(test_inline_pairs, setup, teardown),
      cmocka_unit_test_setup_teardown(test_inline_unmatched, setup, teardown),
      cmocka_unit_test_setup_teardown(test_inline_current, setup, teardown),
      cmocka_unit_test_setup_teardown(test_inline_special, setup, teardown),
      cmocka_unit_test_setup_teardown(test_inline_no_nested_links, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
