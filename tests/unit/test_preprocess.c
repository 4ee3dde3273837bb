/* Source rewriting before Markdown parsing: input -> exact output, with the
 * number of lines always preserved. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
/* cmocka.h needs the headers above first */
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "art2book/diag.h"
#include "art2book/doc.h"
#include "preprocess.h"

#define M A2B_MATH_MARK

static size_t count_nl(const char *s, size_t n) {
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    k += s[i] == '\n';
  return k;
}

/* Rewrite `in` with diagnostics going to `diags`; assert the line count. */
static char *run_diags(const char *in, a2b_diags *diags) {
  a2b_article art = {0};
  art.path = "a.md";
  a2b_load_ctx ctx = {0};
  ctx.art = &art;
  ctx.diags = diags;
  size_t len = 0;
  char *out = a2b_preprocess(&ctx, in, strlen(in), &len);
  assert_non_null(out);
  assert_int_equal(strlen(out), len);
  assert_int_equal(count_nl(out, len), count_nl(in, strlen(in)));
  return out;
}

/* Rewrite `in`, expect `want` and no diagnostics. */
static void check(const char *in, const char *want) {
  a2b_diags d = {0};
  char *out = run_diags(in, &d);
  assert_string_equal(out, want);
  assert_int_equal(d.n, 0);
  free(out);
}

/* Rewrite `in`, expect `want` and exactly one warning at line:col. */
static void check_warn(const char *in, const char *want, int line, int col, const char *msg) {
  a2b_diags d = {0};
  char *out = run_diags(in, &d);
  assert_string_equal(out, want);
  assert_int_equal(d.n, 1);
  assert_int_equal(d.items[0].severity, A2B_WARNING);
  assert_int_equal(d.items[0].line, line);
  assert_int_equal(d.items[0].col, col);
  assert_string_equal(d.items[0].message, msg);
  a2b_diags_clear(&d);
  free(out);
}

static void test_plain_text_unchanged(void **state) {
  (void)state;
  check("", "");
  check("# 标题\n\n正文，*强调*。\n", "# 标题\n\n正文，*强调*。\n");
  check("no final newline", "no final newline");
  check("a {{ b }} {{< c\n\nd >}}\n", "a {{ b }} {{< c\n\nd >}}\n"); /* not shortcodes */
  check("<!--more-->\nrest\n", "<!--more-->\nrest\n");
}

static void test_code_untouched(void **state) {
  (void)state;
  const char *fenced = "```go\nx := \"$a$ {{< ref \\\"x\\\" >}}\"\n```\n"
                       "~~~~\n:::message\n```\n~~~~\n"
                       "   ```\n$$\n   ```\n";
  check(fenced, fenced);
  check("> ```\n> $a$\n> ```\n", "> ```\n> $a$\n> ```\n");
  check("- item\n  ```\n  $a$ {{< x >}}\n  ```\n", "- item\n  ```\n  $a$ {{< x >}}\n  ```\n");
  check("text\n\n    $a$ {{< x >}}\n\n    $$\nafter $b$\n",
        "text\n\n    $a$ {{< x >}}\n\n    $$\nafter `" M "b`\n");
  check("`$a$` and ``{{< x >}} ` `` and $b$\n", "`$a$` and ``{{< x >}} ` `` and `" M "b`\n");
  check("<script>\nvar a = $x$;\n</script>\n$y$\n",
        "<script>\nvar a = $x$;\n</script>\n`" M "y`\n");
  check("<!--\n{{< x >}}\n-->\n", "<!--\n{{< x >}}\n-->\n");
}

static void test_list_continuation_not_code(void **state) {
  (void)state;
  /* 4 spaces inside a `- ` item are paragraph text, 6 would be code */
  check_warn("- item\n\n    {{< version 1.0 >}} since $x$\n\n      $y$\n",
             "- item\n\n     since `" M "x`\n\n      $y$\n", 3, 5,
             "unknown shortcode 'version' (tags removed, content kept)");
  /* the list ends at a paragraph in column 0 */
  check("- a\n\nb\n\n    $c$\n", "- a\n\nb\n\n    $c$\n");
}

static void test_escaped_shortcodes(void **state) {
  (void)state;
  check("{{</* mermaid */>}}\n", "{{< mermaid >}}\n");
  check("```\n{{</* link \"x\" */>}}\n{{%/* x */%}}\n```\n",
        "```\n{{< link \"x\" >}}\n{{% x %}}\n```\n");
  check("`{{</* x */>}}` and {{</* ref \"$a$\" */>}}\n", "`{{< x >}}` and {{< ref \"$a$\" >}}\n");
  check("    {{</* figure\n    src=x\n    */>}}\n", "    {{< figure\n    src=x\n    >}}\n");
}

static void test_figure_and_image(void **state) {
  (void)state;
  check("{{< figure src=\"a.png\" title=\"T\" >}}\n", "![T](a.png \"T\")\n");
  check("{{< figure src=\"a b.png\" alt=\"An [x]\" caption='Say \"hi\"' >}}\n",
        "![An \\[x\\]](<a b.png> \"Say \\\"hi\\\"\")\n");
  check("{{< image \"/i/x.jpg\" \"alt\" \"cap\" />}}\n", "![alt](/i/x.jpg \"cap\")\n");
  check("{{< figure src=`raw\\path.png` >}}\n", "![](raw\\path.png)\n");
  check("{{< image src=a.png/>}}\n", "![](a.png)\n");
  /* multi-line: alone on its lines, so the padding follows it */
  check("before\n\n{{< figure\n  src=\"z.jpg\"\n  caption=\"Zion\"\n>}}\nafter\n",
        "before\n\n![Zion](z.jpg \"Zion\")\n\n\n\nafter\n");
  /* inside a paragraph: padding after the paragraph */
  check("see {{< image\nsrc=a.png >}} here\nmore\n\nnext\n",
        "see ![](a.png) here\nmore\n\n\nnext\n");
}

static void test_ref_link_embeds(void **state) {
  (void)state;
  check("[text]({{< ref \"posts/x.md\" >}}) [b]({{< relref \"y.md#anchor\" >}})\n",
        "[text](posts/x.md) [b](y.md#anchor)\n");
  check("[t]({{% ref path=\"p.md\" %}})\n", "[t](p.md)\n");
  check("{{< link \"https://a.io\" >}} {{< link href=\"mailto:x@y\" content=Mail >}}\n",
        "[https://a.io](https://a.io) [Mail](mailto:x@y)\n");
  check("{{< link \"https://a.io\" A \"Go!\" >}}\n", "[A](https://a.io \"Go!\")\n");
  check("{{< youtube w7Ft2 >}}\n{{< vimeo 146022717 >}}\n{{< bilibili id=BV1S p=3 >}}\n",
        "[YouTube video: w7Ft2](https://www.youtube.com/watch?v=w7Ft2)\n"
        "[Vimeo video: 146022717](https://vimeo.com/146022717)\n"
        "[Bilibili video: BV1S?p=3](https://www.bilibili.com/video/BV1S?p=3)\n");
  check("{{< x user=Hugo id=917 >}}\n", "[Post by @Hugo](https://x.com/Hugo/status/917)\n");
  check("@[youtube](abc)\n@[codesandbox](https://codesandbox.io/embed/q?x=1)\n"
        "@[tweet](https://x.com/a/status/1)\n@[card](https://e.com/p)\n",
        "[YouTube video: abc](https://www.youtube.com/watch?v=abc)\n"
        "[CodeSandbox: https://codesandbox.io/embed/q?x=1](https://codesandbox.io/embed/q?x=1)\n"
        "[Tweet: https://x.com/a/status/1](https://x.com/a/status/1)\n"
        "[https://e.com/p](https://e.com/p)\n");
  /* not alone on its line, or an unknown service with an id: left as is */
  check("see @[card](https://e.com)\n@[foo](bar)\n", "see @[card](https://e.com)\n@[foo](bar)\n");
  check_warn("{{< figure alt=x >}}\n", "\n", 1, 1,
             "shortcode 'figure' lacks a required argument (removed)");
}

static void test_highlight_and_diagrams(void **state) {
  (void)state;
  check("{{< highlight go \"linenos=table\" >}}\nfunc main() {\n\n}\n{{< /highlight >}}\n",
        "```go\nfunc main() {\n\n}\n```\n");
  /* a body holding a fence gets a longer one; `{{< / name >}}` closes too */
  check("{{< highlight markdown >}}\n```js\n$a$\n```\n{{< / highlight >}}\n",
        "````markdown\n```js\n$a$\n```\n````\n");
  check("- x\n  {{< mermaid >}}\n  graph TD;\n  {{< /mermaid >}}\n",
        "- x\n  ```mermaid\n  graph TD;\n  ```\n");
  check("{{< echarts >}}\n{\"a\": \"{{< x >}}\"}\n{{< /echarts >}}\n",
        "```json\n{\"a\": \"{{< x >}}\"}\n```\n");
  check("{{< typeit code=java >}}\nclass A {}\n{{< /typeit >}}\n", "```java\nclass A {}\n```\n");
}

static void test_admonitions(void **state) {
  (void)state;
  check("{{< admonition type=warning title=\"Be careful\" open=false >}}\nline1\n\nline2\n"
        "{{< /admonition >}}\nafter\n",
        "> [!WARNING] Be careful\n> line1\n>\n> line2\n\nafter\n");
  check("{{< admonition tip \"This is a tip\" false >}}\nA **tip**\n{{< /admonition >}}\n",
        "> [!TIP] This is a tip\n> A **tip**\n\n");
  /* nested, with shortcodes and math inside */
  check("{{< admonition >}}\nouter {{< link \"u\" L >}}\n{{< admonition tip \"In\" >}}\n"
        "inner $x$\n{{< /admonition >}}\nend\n{{< /admonition >}}\n",
        "> [!NOTE]\n> outer [L](u)\n> > [!TIP] In\n> > inner `" M "x`\n>\n> end\n\n");
  /* a closing tag inside a code fence does not close */
  check("{{% admonition %}}\n```\n{{< /admonition >}}\n```\n{{% /admonition %}}\n",
        "> [!NOTE]\n> ```\n> {{< /admonition >}}\n> ```\n\n");
  /* inside list items and block quotes */
  check("- item\n  {{< admonition tip >}}\n  text\n\n  more\n  {{< /admonition >}}\n",
        "- item\n  > [!TIP]\n  > text\n  >\n  > more\n\n");
  check("- {{< admonition >}}\n  text\n  {{< /admonition >}}\n", "- > [!NOTE]\n  > text\n\n");
  check("> {{< admonition >}}\n> q\n> {{< /admonition >}}\n", "> > [!NOTE]\n> > q\n\n");
  /* a Zenn block inside, and unknown paired tags around */
  check("{{< admonition >}}\n:::message\nz\n:::\n{{< /admonition >}}\n",
        "> [!NOTE]\n> > [!NOTE]\n> > z\n>\n\n");
  a2b_diags d = {0};
  char *out = run_diags("{{< center >}}\n{{< admonition >}}\nx\n{{< /admonition >}}\n"
                        "{{< /center >}}\n",
                        &d);
  assert_string_equal(out, "\n> [!NOTE]\n> x\n\n\n");
  assert_int_equal(d.n, 1);
  a2b_diags_clear(&d);
  free(out);
  /* a multi-line opening tag: the marker goes on its last line */
  check("{{< admonition\n  type=danger >}}\nx\n{{< /admonition >}}\n", "\n> [!CAUTION]\n> x\n\n");
}

static void test_admonition_misplaced(void **state) {
  (void)state;
  const char *msg =
      "shortcode 'admonition' needs lines of its own and a closing tag (tags removed, content "
      "kept)";
  check_warn("a {{< admonition >}}b{{< /admonition >}}\n", "a b\n", 1, 3, msg);
  check_warn("text\n{{< admonition >}}\nnever closed\n", "text\n\nnever closed\n", 2, 1, msg);
}

static void test_unknown_shortcodes(void **state) {
  (void)state;
  const char *msg = "unknown shortcode 'music' (tags removed, content kept)";
  check_warn("Text {{< music url=\"x\" >}} end\n", "Text  end\n", 1, 6, msg);
  check_warn("a\nb {{< music />}}\n", "a\nb \n", 2, 3, msg);
  check_warn("{{< style \"p {}\" >}}\n*styled*\n{{< /style >}}\n", "\n*styled*\n\n", 1, 1,
             "unknown shortcode 'style' (tags removed, content kept)");
  check_warn("{{% notice info %}}\n**bold** $x$\n{{% /notice %}}\n", "\n**bold** `" M "x`\n\n", 1,
             1, "unknown shortcode 'notice' (tags removed, content kept)");
  /* positions inside a quoted block point into the source line */
  check_warn("- a\n  {{< admonition >}}\n  see {{< music >}}\n  {{< /admonition >}}\n",
             "- a\n  > [!NOTE]\n  > see \n\n", 3, 7, msg);
  check_warn(":::message\n> {{< music >}}\n:::\n", "> [!NOTE]\n> > \n\n", 2, 3, msg);
}

static void test_admonition_kinds(void **state) {
  (void)state;
  const char *types[][2] = {{"abstract", "NOTE"},  {"info", "NOTE"},       {"quote", "NOTE"},
                            {"example", "NOTE"},   {"tip", "TIP"},         {"success", "TIP"},
                            {"question", "TIP"},   {"warning", "WARNING"}, {"bug", "WARNING"},
                            {"danger", "CAUTION"}, {"failure", "CAUTION"}, {"odd", "NOTE"}};
  for (size_t i = 0; i < sizeof types / sizeof *types; i++) {
    char in[200], want[200];
    snprintf(in, sizeof in, "{{< admonition %s >}}\nx\n{{< /admonition >}}\n", types[i][0]);
    snprintf(want, sizeof want, "> [!%s]\n> x\n\n", types[i][1]);
    check(in, want);
  }
}

static void test_zenn_blocks(void **state) {
  (void)state;
  check(":::message\nHello $x$\n:::\nafter\n", "> [!NOTE]\n> Hello `" M "x`\n\nafter\n");
  check(":::details タイトル\n本文\n:::\n", "> [!DETAILS] タイトル\n> 本文\n\n");
  /* code fences inside get the prefix; a `:::` inside them does not close */
  check(":::message alert\n```sh\necho $HOME\n:::\n```\n:::\n",
        "> [!WARNING]\n> ```sh\n> echo $HOME\n> :::\n> ```\n\n");
  check("::::details Outer\n:::message\ninner\n:::\n::::\n",
        "> [!DETAILS] Outer\n> > [!NOTE]\n> > inner\n>\n\n");
  check(":::message\nunclosed\n", "> [!NOTE]\n> unclosed\n");
  check(":::note\nx\n:::\n", ":::note\nx\n:::\n");
}

static void test_inline_math(void **state) {
  (void)state;
  check("Cost $5 and $10.\n", "Cost $5 and $10.\n");
  check("$a$, $b_1$ and $c$5\n", "`" M "a`, `" M "b_1` and $c$5\n");
  check("\\$x\\$ and $ a$ and $a $\n", "\\$x\\$ and $ a$ and $a $\n");
  check("$x \\$ y$\n", "`" M "x \\$ y`\n");
  check("\\(x+1\\) and \\\\(y\\\\)\n", "`" M "x+1` and `" M "y`\n");
  check("a $x\ny$ b\n", "a `" M "x\ny` b\n");
  check("a $x\n\ny$\n", "a $x\n\ny$\n");
  check("mid $$x$$ text\n", "mid `" M "x` text\n");
  check("$`a`$\n", "`` " M "`a` ``\n");
  check("`$a` b$\n", "`$a` b$\n");
}

static void test_display_math(void **state) {
  (void)state;
  check("$$\nE = mc^2\n$$\n", "```" M "\nE = mc^2\n```\n");
  check("$$ c = \\pm $$\n", "`" M " c = \\pm `\n");
  check("\\\\[\nx\n\\\\]\n", "```" M "\nx\n```\n");
  check("\\[x\\]\n", "`" M "x`\n");
  check("> $$\n> x\n> $$\n", "> ```" M "\n> x\n> ```\n");
  check("$$\\begin{a}\nx \\\\\n\\end{a}$$\n", "```" M "\n\\begin{a} x \\\\ \\end{a}\n```\n");
  check("$$a\nb$$\n", "`" M "a\nb`\n");
  check("$$\n```\n$$\n", "````" M "\n```\n````\n");
  check("$$\nx\n\ny\n", "$$\nx\n\ny\n");
  check("\\[注\\] text\n", "\\[注\\] text\n");
}

static void test_crlf(void **state) {
  (void)state;
  check("{{< admonition >}}\r\nx\r\n\r\n{{< /admonition >}}\r\n", "> [!NOTE]\r\n> x\r\n>\r\n\r\n");
  check("$$\r\nx\r\n$$\r\n", "```" M "\r\nx\r\n```\r\n");
  check("{{< figure\r\nsrc=a >}}\r\nz\r\n", "![](a)\r\n\r\nz\r\n");
  check(":::message\r\nhi\r\n:::\r\n", "> [!NOTE]\r\n> hi\r\n\r\n");
  check("{{< highlight c >}}\r\nx;\r\n{{< /highlight >}}\r\n", "```c\r\nx;\r\n```\r\n");
  check("$a$\r\n", "`" M "a`\r\n");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_plain_text_unchanged),
      cmocka_unit_test(test_code_untouched),
      cmocka_unit_test(test_list_continuation_not_code),
      cmocka_unit_test(test_escaped_shortcodes),
      cmocka_unit_test(test_figure_and_image),
      cmocka_unit_test(test_ref_link_embeds),
      cmocka_unit_test(test_highlight_and_diagrams),
      cmocka_unit_test(test_admonitions),
      cmocka_unit_test(test_admonition_kinds),
      cmocka_unit_test(test_admonition_misplaced),
      cmocka_unit_test(test_unknown_shortcodes),
      cmocka_unit_test(test_zenn_blocks),
      cmocka_unit_test(test_inline_math),
      cmocka_unit_test(test_display_math),
      cmocka_unit_test(test_crlf),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
