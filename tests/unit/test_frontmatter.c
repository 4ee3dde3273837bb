/* Front matter: splitting, YAML and TOML reading, key mapping, messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h> /* after the headers it needs */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "frontmatter.h"
#include "frontmatter_value.h"

typedef struct fixture {
  a2b_arena *arena;
  a2b_article art;
  a2b_diags diags;
  size_t body_off;
  int body_line;
  bool ok;
} fixture;

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  f->arena = a2b_arena_new();
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  a2b_diags_clear(&f->diags);
  a2b_arena_free(f->arena);
  free(f);
  return 0;
}

static fixture *parse(void **state, const char *text) {
  fixture *f = *state;
  a2b_diags_clear(&f->diags);
  memset(&f->art, 0, sizeof f->art);
  f->ok = a2b_frontmatter_parse(f->arena, &f->art, "a.md", text, strlen(text), &f->body_off,
                                &f->body_line, &f->diags);
  return f;
}

/* The only diagnostic, printed as `a.md:L:C: severity: message`. */
static void assert_diag(fixture *f, const char *expected) {
  if (f->diags.n != 1) {
    for (size_t i = 0; i < f->diags.n; i++)
      a2b_diag_print(&f->diags.items[i], stderr);
    fail_msg("%zu diagnostics, expected 1: %s", f->diags.n, expected);
  }
  char *buf = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&buf, &len);
  a2b_diag_print(&f->diags.items[0], out);
  fclose(out);
  assert_string_equal(buf, expected);
  free(buf);
}

static void assert_no_diags(fixture *f) {
  for (size_t i = 0; i < f->diags.n; i++)
    a2b_diag_print(&f->diags.items[i], stderr);
  assert_int_equal(f->diags.n, 0);
}

static const char *extra(const fixture *f, const char *key) {
  for (size_t i = 0; i < f->art.n_extra; i++)
    if (!strcmp(f->art.extra[i].key, key)) return f->art.extra[i].value;
  return NULL;
}

static void assert_list(const a2b_strlist *l, const char *const *want, size_t n) {
  assert_int_equal(l->n, n);
  for (size_t i = 0; i < n; i++)
    assert_string_equal(l->items[i], want[i]);
}
#define ASSERT_LIST(l, ...)                                                                        \
  do {                                                                                             \
    const char *const want_[] = {__VA_ARGS__};                                                     \
    assert_list((l), want_, sizeof want_ / sizeof *want_);                                         \
  } while (0)

/* ---- splitting --------------------------------------------------------- */

static void test_no_front_matter(void **state) {
  fixture *f = parse(state, "# Title\n\n---\ntitle: no\n---\n");
  assert_true(f->ok);
  assert_int_equal(f->body_off, 0);
  assert_int_equal(f->body_line, 1);
  assert_null(f->art.title);
  assert_no_diags(f);
  f = parse(state, "");
  assert_true(f->ok);
  assert_int_equal(f->body_line, 1);
  f = parse(state, "----\ntitle: x\n----\n"); /* not a delimiter line */
  assert_true(f->ok);
  assert_null(f->art.title);
}

static void test_body_position_and_later_break(void **state) {
  const char *text = "---\ntitle: T\n---\nbody\n\n---\n\nmore: text\n";
  fixture *f = parse(state, text);
  assert_true(f->ok);
  assert_string_equal(f->art.title, "T");
  assert_int_equal(f->body_line, 4);
  assert_string_equal(text + f->body_off, "body\n\n---\n\nmore: text\n");
  assert_int_equal(f->art.n_extra, 0);
}

static void test_bom_blank_line_and_dots(void **state) {
  const char *text = "\xEF\xBB\xBF---\n\ntitle: \"关于\"\n\n...\nbody";
  fixture *f = parse(state, text);
  assert_true(f->ok);
  assert_string_equal(f->art.title, "关于");
  assert_int_equal(f->body_line, 6);
  assert_string_equal(text + f->body_off, "body");
}

static void test_crlf(void **state) {
  const char *text =
      "---\r\ntitle: \"A\"\r\ntags:\r\n  - x\r\n  - y\r\ndraft: true\r\n---\r\nbody\r\n";
  fixture *f = parse(state, text);
  assert_true(f->ok);
  assert_no_diags(f);
  assert_string_equal(f->art.title, "A");
  ASSERT_LIST(&f->art.tags, "x", "y");
  assert_true(f->art.draft);
  assert_int_equal(f->body_line, 8);
  assert_string_equal(text + f->body_off, "body\r\n");
  text = "+++\r\ntitle = \"B\"\r\nx = \"\"\"\r\none\r\ntwo\"\"\"\r\n+++\r\nbody";
  f = parse(state, text);
  assert_true(f->ok);
  assert_no_diags(f);
  assert_string_equal(f->art.title, "B");
  assert_string_equal(extra(f, "x"), "one\ntwo");
  assert_string_equal(text + f->body_off, "body");
}

static void test_never_closed(void **state) {
  fixture *f = parse(state, "---\ntitle: x\n\nbody text\n");
  assert_false(f->ok);
  assert_diag(f, "a.md:1:1: error: front matter opened with '---' is never closed "
                 "(no '---' line follows)\n");
  f = parse(state, "+++\ntitle = 'x'\n---\n");
  assert_false(f->ok);
  assert_diag(f, "a.md:1:1: error: front matter opened with '+++' is never closed "
                 "(no '+++' line follows)\n");
}

static void test_empty_and_not_a_map(void **state) {
  fixture *f = parse(state, "---\n---\nbody");
  assert_true(f->ok);
  assert_int_equal(f->body_line, 3);
  assert_no_diags(f);
  f = parse(state, "---\njust a sentence\n---\n");
  assert_false(f->ok);
  assert_diag(f, "a.md:2:1: error: front matter should be 'key: value' lines, not a string\n");
}

/* ---- YAML keys --------------------------------------------------------- */

static void test_yaml_seed_like(void **state) {
  fixture *f = parse(state, "---\n"
                            "title: \"经观头条｜关于DeepSeek的误读与幻觉\"\n"
                            "date: \"2025-02-08 10:14:08\"\n"
                            "summary: \"周悦/文 过去几周\"\n"
                            "categories:\n  - \"qq\"\n"
                            "lang:\n  - \"zh-CN\"\n"
                            "translations:\n  - \"zh-CN\"\n  - en\n"
                            "tags:\n  - \"qq\"\n"
                            "menu: \"\"\n"
                            "thumbnail: \"https://example.com/t.png\"\n"
                            "comments: false\n"
                            "mathjax:\n"
                            "math:\n  enable: true\n  engine: katex\n"
                            "---\n\n![图片](x)\n");
  assert_true(f->ok);
  assert_no_diags(f);
  assert_string_equal(f->art.title, "经观头条｜关于DeepSeek的误读与幻觉");
  assert_true(f->art.date.set);
  assert_int_equal(f->art.date.year, 2025);
  assert_int_equal(f->art.date.hour, 10);
  assert_string_equal(f->art.summary, "周悦/文 过去几周");
  ASSERT_LIST(&f->art.categories, "qq");
  ASSERT_LIST(&f->art.tags, "qq");
  assert_string_equal(f->art.lang, "zh-CN");
  assert_string_equal(f->art.thumbnail, "https://example.com/t.png");
  assert_false(f->art.draft);
  /* every other key in source order, flattened */
  assert_int_equal(f->art.n_extra, 5);
  assert_string_equal(f->art.extra[0].key, "translations");
  assert_string_equal(f->art.extra[0].value, "zh-CN, en");
  assert_string_equal(f->art.extra[1].key, "menu");
  assert_string_equal(f->art.extra[1].value, "");
  assert_string_equal(f->art.extra[2].key, "comments");
  assert_string_equal(f->art.extra[2].value, "false");
  assert_string_equal(f->art.extra[3].key, "mathjax");
  assert_string_equal(f->art.extra[3].value, "");
  assert_string_equal(f->art.extra[4].key, "math");
  assert_string_equal(f->art.extra[4].value, "enable: true; engine: katex");
  assert_int_equal(f->body_line, 22);
}

static void test_yaml_hugo_keys(void **state) {
  fixture *f =
      parse(state, "---\n"
                   "weight: 5\n"
                   "title: Theme Documentation - Basics\n"
                   "date: 2020-03-06T21:40:32+08:00\n"
                   "lastmod: 2020-03-07T10:00:00+08:00\n"
                   "draft: false\n"
                   "author: \"Dillon\"\n"
                   "description: \"About LoveIt\"\n"
                   "slug: basics\n"
                   "images: [\"/a.png\", \"/b.png\"]\n"
                   "resources:\n- name: \"featured-image\"\n  src: \"featured-image.jpg\"\n"
                   "tags: [\"installation\", \"configuration\"]\n"
                   "source: https://example.com/orig\n"
                   "url: /ignored/\n"
                   "---\n");
  assert_true(f->ok);
  assert_no_diags(f);
  assert_true(f->art.has_weight);
  assert_int_equal(f->art.weight, 5);
  assert_string_equal(f->art.title, "Theme Documentation - Basics");
  assert_int_equal(f->art.date.tz_minutes, 480);
  assert_int_equal(f->art.lastmod.day, 7);
  ASSERT_LIST(&f->art.authors, "Dillon");
  assert_string_equal(f->art.summary, "About LoveIt");
  assert_string_equal(f->art.slug, "basics");
  ASSERT_LIST(&f->art.tags, "installation", "configuration");
  assert_string_equal(f->art.source_url, "https://example.com/orig");
  assert_string_equal(extra(f, "images"), "/a.png, /b.png");
  assert_string_equal(extra(f, "resources"), "name: featured-image; src: featured-image.jpg");
  assert_string_equal(extra(f, "url"), "/ignored/");
  /* no thumbnail key: the first of `images` (which also stays an extra key) */
  assert_string_equal(f->art.thumbnail, "/a.png");
  assert_int_equal(f->art.thumbnail_line, 10);
}

/* The lead image's keys as themes write them, with the line of the value. */
static void test_thumbnail_keys(void **state) {
  fixture *f = parse(state, "---\n"
                            "images: [\"/social.png\"]\n"
                            "title: t\n"
                            "cover:\n"
                            "  alt: a cat\n"
                            "  image: \"cat.jpg\"\n"
                            "---\n");
  assert_true(f->ok);
  assert_no_diags(f);
  /* cover.image wins over images[0], though images comes first */
  assert_string_equal(f->art.thumbnail, "cat.jpg");
  assert_int_equal(f->art.thumbnail_line, 6);
  assert_string_equal(extra(f, "images"), "/social.png");

  f = parse(state, "---\nfeaturedImage: \"\"\nimages: []\ntitle: t\n---\n");
  assert_true(f->ok);
  assert_null(f->art.thumbnail); /* empty values name no image */

  f = parse(state, "+++\ntitle = \"t\"\n\nfeaturedImage = \"/img/f.webp\"\n+++\n");
  assert_true(f->ok);
  assert_string_equal(f->art.thumbnail, "/img/f.webp");
  assert_int_equal(f->art.thumbnail_line, 4);
}

static void test_yaml_authors_forms(void **state) {
  fixture *f = parse(state, "---\nauthors:\n  - name: Ann\n    email: a@x\n  - Bob\n"
                            "author: Cy\n---\n");
  assert_true(f->ok);
  assert_no_diags(f);
  ASSERT_LIST(&f->art.authors, "Ann", "Bob", "Cy");
  f = parse(state, "---\nauthors: Solo\nauthor: {name: Map}\n---\n");
  assert_no_diags(f);
  ASSERT_LIST(&f->art.authors, "Solo", "Map");
}

static void test_summary_preferred(void **state) {
  fixture *f = parse(state, "---\ndescription: D\nsummary: S\n---\n");
  assert_no_diags(f);
  assert_string_equal(f->art.summary, "S");
  assert_string_equal(extra(f, "description"), "D");
  f = parse(state, "---\ndescription: D\n---\n");
  assert_string_equal(f->art.summary, "D");
  assert_null(extra(f, "description"));
}

static void test_wikijs_keys(void **state) {
  fixture *f = parse(state, "---\ntitle: 【睡前消息498】\ndescription: 分析\npublished: true\n"
                            "tags: \neditor: markdown\ndateCreated: 2023-01-29T05:44:17.107Z\n"
                            "---\n");
  assert_true(f->ok);
  assert_no_diags(f);
  assert_false(f->art.draft);
  assert_int_equal(f->art.tags.n, 0);
  assert_true(f->art.date.set);
  assert_int_equal(f->art.date.year, 2023);
  assert_int_equal(f->art.date.min, 44);
  assert_string_equal(f->art.summary, "分析");
  assert_string_equal(extra(f, "editor"), "markdown");
  assert_null(extra(f, "dateCreated"));
  /* with a `date`, dateCreated is just extra metadata */
  f = parse(state, "---\ndate: 2024-10-19T15:39:11.720Z\ndateCreated: 2024-10-19T15:38:09.820Z\n"
                   "---\n");
  assert_int_equal(f->art.date.min, 39);
  assert_string_equal(extra(f, "dateCreated"), "2024-10-19T15:38:09.820Z");
}

static void test_zenn_keys(void **state) {
  fixture *f = parse(state, "---\ntitle: \"Docker Alpine Linuxで\"\nemoji: \"😕\"\n"
                            "type: \"tech\" # tech: 技術記事\n"
                            "topics: [\"docker\", \"nvm\"]\npublished: false\n---\n");
  assert_true(f->ok);
  assert_no_diags(f);
  ASSERT_LIST(&f->art.tags, "docker", "nvm");
  assert_true(f->art.draft);
  assert_string_equal(extra(f, "emoji"), "😕");
  assert_string_equal(extra(f, "type"), "tech");
}

static void test_thumbnail_and_source_forms(void **state) {
  fixture *f = parse(state, "---\ncover:\n  image: c.png\n  alt: x\nimage: i.png\n"
                            "link: https://l\nsource_url: https://s\nlang: ja\n---\n");
  assert_no_diags(f);
  assert_string_equal(f->art.thumbnail, "c.png");
  assert_string_equal(extra(f, "image"), "i.png");
  assert_string_equal(f->art.source_url, "https://l");
  assert_string_equal(extra(f, "source_url"), "https://s");
  assert_string_equal(f->art.lang, "ja");
  f = parse(state, "---\nthumbnail:\nfeatured_image: {src: f.jpg}\n---\n");
  assert_no_diags(f);
  assert_string_equal(f->art.thumbnail, "f.jpg");
}

static void test_updated_and_date_modified(void **state) {
  fixture *f = parse(state, "---\nupdated: 2024-05-06\ndateModified: 2024-07-08\n---\n");
  assert_no_diags(f);
  assert_int_equal(f->art.lastmod.month, 5);
  assert_string_equal(extra(f, "dateModified"), "2024-07-08");
  f = parse(state, "---\ndateModified: 2024-07-08T01:02:03Z\n---\n");
  assert_int_equal(f->art.lastmod.month, 7);
  assert_true(f->art.lastmod.has_tz);
}

static void test_type_mismatches(void **state) {
  fixture *f = parse(state, "---\ntitle: T\ntags: 5\n---\n");
  assert_true(f->ok);
  assert_diag(f, "a.md:3:7: warning: front matter key 'tags' should be text or a list, "
                 "not an integer (ignored)\n");
  assert_int_equal(f->art.tags.n, 0);
  assert_null(extra(f, "tags"));
  f = parse(state, "---\ndraft: maybe\n---\n");
  assert_true(f->ok);
  assert_false(f->art.draft);
  assert_diag(f, "a.md:2:8: warning: front matter key 'draft' should be true or false, "
                 "not a string (ignored)\n");
  f = parse(state, "---\n\nweight: abc\n---\n");
  assert_false(f->art.has_weight);
  assert_diag(f, "a.md:3:9: warning: front matter key 'weight' should be an integer, "
                 "not a string (ignored)\n");
  f = parse(state, "---\ntitle:\n  - a\n  - b\n---\n");
  assert_null(f->art.title);
  assert_diag(f, "a.md:3:3: warning: front matter key 'title' should be text, not a list "
                 "(ignored)\n");
  f = parse(state, "---\ndate: next tuesday\n---\n");
  assert_false(f->art.date.set);
  assert_diag(f, "a.md:2:7: warning: front matter key 'date': 'next tuesday' is not a date "
                 "(ignored)\n");
  f = parse(state, "---\ndate: 2025-02-30\n---\n");
  assert_false(f->art.date.set);
  assert_diag(f, "a.md:2:7: warning: front matter key 'date': '2025-02-30' is not a date "
                 "(ignored)\n");
  f = parse(state, "---\ncategories: [a, [b]]\n---\n");
  ASSERT_LIST(&f->art.categories, "a");
  assert_diag(f, "a.md:2:17: warning: front matter key 'categories' should be a list of "
                 "text, not a list (ignored)\n");
}

/* ---- YAML errors -------------------------------------------------------- */

static void test_yaml_colon_in_plain_value(void **state) {
  /* The shape of a real Wiki.js export: a Python dict leaked into a value. */
  fixture *f = parse(state, "---\ntitle: 【睡前消息】茅台\n"
                            "description: 分析压力。', 'dynamic': '遵义人口多于贵阳\n"
                            "published: true\n---\n");
  assert_false(f->ok);
  assert_diag(f, "a.md:3:31: error: malformed YAML front matter: mapping values are not "
                 "allowed in this context; the value of 'description' contains ': ', so it "
                 "must be put in quotes\n");
}

static void test_yaml_unclosed_quote(void **state) {
  fixture *f = parse(state, "---\ntitle: \"open\nbody: x\n---\n");
  assert_false(f->ok);
  assert_diag(f, "a.md:4:1: error: malformed YAML front matter: found unexpected end of stream "
                 "while scanning a quoted scalar that began at line 2, column 8; check that "
                 "every quote is closed and inner quotes are escaped\n");
}

static void test_yaml_bad_indentation(void **state) {
  fixture *f = parse(state, "---\ntags:\n  - a\n - b\n---\n");
  assert_false(f->ok);
  assert_diag(f, "a.md:4:2: error: malformed YAML front matter: did not find expected key "
                 "while parsing a block mapping; check the indentation and the quotes of this "
                 "line and the one before\n");
}

static void test_yaml_aliases(void **state) {
  fixture *f = parse(state, "---\nx: &t [a, b]\ntags: *t\n---\n");
  assert_true(f->ok);
  assert_no_diags(f);
  ASSERT_LIST(&f->art.tags, "a", "b");
  assert_string_equal(extra(f, "x"), "a, b");
  a2b_buf bomb = A2B_BUF_INIT;
  a2b_buf_puts(&bomb, "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
  for (char c = 'b'; c <= 'f'; c++)
    a2b_buf_printf(&bomb, "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n", c, c,
                   c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1);
  a2b_buf_puts(&bomb, "---\n");
  f = parse(state, a2b_buf_cstr(&bomb));
  a2b_buf_free(&bomb);
  assert_false(f->ok);
  assert_int_equal(f->art.n_extra, 0);
  assert_int_equal(f->diags.n_errors, 1);
  assert_int_equal(f->diags.items[0].line, 5); /* d: 1 + 10 * 1111 values */
  assert_string_equal(f->diags.items[0].message,
                      "front matter refused: its YAML aliases expand to more than 10000 values");
  f = parse(state, "---\na: *nope\n---\n");
  assert_false(f->ok);
  assert_diag(f, "a.md:2:4: error: undefined YAML alias '*nope' in front matter\n");
}

static void test_yaml_duplicate_key(void **state) {
  fixture *f = parse(state, "---\ntitle: A\ntitle: B\n---\n");
  assert_true(f->ok);
  assert_string_equal(f->art.title, "B");
  assert_diag(f, "a.md:3:8: warning: duplicate front matter key 'title' (the last one is "
                 "used)\n");
}

/* ---- TOML --------------------------------------------------------------- */

static void test_toml_zola_page(void **state) {
  const char *text = "+++\n"
                     "path = \"2025/02/13/survey\"\n"
                     "title = \"2024 State of Rust Survey Results\" # the title\n"
                     "authors = [\"The Rust Survey Team\", 'Ann']\n"
                     "aliases = [\n"
                     "    \"2021/07/29/Rust-1.54.0.html\",\n"
                     "    \"releases/1.54.0\", # trailing comma\n"
                     "]\n"
                     "date = 2025-02-13T10:00:00+01:00\n"
                     "draft = true\n"
                     "weight = 1_000\n"
                     "\n"
                     "[taxonomies]\n"
                     "tags = [\"survey\", \"community\"]\n"
                     "categories = [\"news\"]\n"
                     "series = [\"s\"]\n"
                     "\n"
                     "[extra]\n"
                     "team = \"Leadership Council\"\n"
                     "release = true\n"
                     "+++\n"
                     "\nHello\n";
  fixture *f = parse(state, text);
  assert_true(f->ok);
  assert_no_diags(f);
  assert_string_equal(f->art.title, "2024 State of Rust Survey Results");
  ASSERT_LIST(&f->art.authors, "The Rust Survey Team", "Ann");
  assert_int_equal(f->art.date.tz_minutes, 60);
  assert_int_equal(f->art.date.hour, 10);
  assert_true(f->art.draft);
  assert_int_equal(f->art.weight, 1000);
  ASSERT_LIST(&f->art.tags, "survey", "community");
  ASSERT_LIST(&f->art.categories, "news");
  assert_int_equal(f->art.n_extra, 5);
  assert_string_equal(f->art.extra[0].key, "path");
  assert_string_equal(f->art.extra[1].key, "aliases");
  assert_string_equal(f->art.extra[1].value, "2021/07/29/Rust-1.54.0.html, releases/1.54.0");
  assert_string_equal(f->art.extra[2].key, "taxonomies.series");
  assert_string_equal(f->art.extra[3].key, "extra.team");
  assert_string_equal(f->art.extra[3].value, "Leadership Council");
  assert_string_equal(f->art.extra[4].key, "extra.release");
  assert_string_equal(f->art.extra[4].value, "true");
  assert_int_equal(f->body_line, 22);
  assert_string_equal(text + f->body_off, "\nHello\n");
}

static void test_toml_strings(void **state) {
  fixture *f = parse(state, "+++\n"
                            "a = \"tab\\there \\\"q\\\" back\\\\slash\\nnl\"\n"
                            "b = \"\\u00e9\\U0001F600\"\n"
                            "c = 'C:\\path\\no escapes'\n"
                            "d = \"\"\"\n"
                            "This is the <b>main</b>. \\\n"
                            "   use this blog.\"\"\"\n"
                            "e = '''\n"
                            "raw \\n\n"
                            "two'''\n"
                            "text = \"\"\"the \"Inside Rust\" blog\"\"\"\n"
                            "g = \"\"\"ends with quotes\"\"\"\"\"\n"
                            "h = \"\"\n"
                            "+++\n");
  assert_true(f->ok);
  assert_no_diags(f);
  assert_string_equal(extra(f, "a"), "tab\there \"q\" back\\slash\nnl");
  assert_string_equal(extra(f, "b"), "é😀");
  assert_string_equal(extra(f, "c"), "C:\\path\\no escapes");
  assert_string_equal(extra(f, "d"), "This is the <b>main</b>. use this blog.");
  assert_string_equal(extra(f, "e"), "raw \\n\ntwo");
  assert_string_equal(extra(f, "text"), "the \"Inside Rust\" blog");
  assert_string_equal(extra(f, "g"), "ends with quotes\"\"");
  assert_string_equal(extra(f, "h"), "");
}

static void test_toml_numbers_and_dates(void **state) {
  fixture *f = parse(state, "+++\nweight = 0x1F\nf = -3.5e2\ni = +7\nn = nan\n"
                            "date = 1979-05-27 07:32:00\nlastmod = 1979-05-27\n"
                            "t = 07:32:00.5\nz = 2024-01-01T00:00:00.123Z\n+++\n");
  assert_true(f->ok);
  assert_no_diags(f);
  assert_int_equal(f->art.weight, 31);
  assert_string_equal(extra(f, "f"), "-3.5e2");
  assert_string_equal(extra(f, "i"), "+7");
  assert_string_equal(extra(f, "n"), "nan");
  assert_int_equal(f->art.date.min, 32);
  assert_false(f->art.date.has_tz);
  assert_false(f->art.lastmod.has_time);
  assert_string_equal(extra(f, "t"), "07:32:00.5");
  assert_string_equal(extra(f, "z"), "2024-01-01T00:00:00.123Z");
  f = parse(state, "+++\nweight = -0b101\n+++\n"); /* no sign on 0b */
  assert_false(f->ok);
  assert_int_equal(f->diags.n_errors, 1);
  f = parse(state, "+++\nweight = -12\n+++\n");
  assert_int_equal(f->art.weight, -12);
}

static void test_toml_tables(void **state) {
  fixture *f = parse(state, "+++\n"
                            "\"quoted key\" = 1\n"
                            "taxonomies.tags = [\"t\"]\n"
                            "thumbnail = { image = \"th.png\", alt = 'x' }\n"
                            "site.owner.name = \"O\"\n"
                            "nested = [[1, 2], [\"x\", { k = 'v' }],]\n"
                            "[extra]\n"
                            "index_title = \"Blog\"\n"
                            "[[extra.see_also]]\n"
                            "path = \"/inside-rust/\"\n"
                            "[[extra.see_also]]\n"
                            "path = \"/releases/\"\n"
                            "text = \"release announcements\"\n"
                            "[ site . 'more' ]\n"
                            "x = 1\n"
                            "+++\n");
  assert_true(f->ok);
  assert_no_diags(f);
  ASSERT_LIST(&f->art.tags, "t");
  assert_string_equal(f->art.thumbnail, "th.png");
  assert_string_equal(extra(f, "quoted key"), "1");
  assert_string_equal(extra(f, "site"), "owner: name: O; more: x: 1");
  assert_string_equal(extra(f, "nested"), "1, 2, x, k: v");
  assert_string_equal(extra(f, "extra.index_title"), "Blog");
  assert_string_equal(extra(f, "extra.see_also"),
                      "path: /inside-rust/, path: /releases/; text: release announcements");
}

static void test_toml_tree(void **state) {
  fixture *f = *state;
  const char *text = "a = [[1, 2], ['x']]\n[[b]]\nc = 1\n[[b]]\n[b.d]\ne = true\n";
  a2b_fmv *root = a2b_toml_read(f->arena, text, strlen(text), 2, "a.md", &f->diags);
  assert_non_null(root);
  a2b_fmv *a = a2b_fmv_get(root, "a");
  assert_int_equal(a->kind, A2B_FMV_LIST);
  assert_int_equal(a->n, 2);
  assert_int_equal(a->items[0]->n, 2);
  assert_int_equal(a->items[0]->items[1]->kind, A2B_FMV_INT);
  assert_int_equal(a->items[1]->items[0]->kind, A2B_FMV_STRING);
  assert_int_equal(a->items[1]->items[0]->line, 2);
  assert_int_equal(a->items[1]->items[0]->col, 15);
  a2b_fmv *b = a2b_fmv_get(root, "b");
  assert_int_equal(b->kind, A2B_FMV_LIST);
  assert_int_equal(b->n, 2);
  assert_non_null(a2b_fmv_get(b->items[0], "c"));
  a2b_fmv *d = a2b_fmv_get(b->items[1], "d");
  assert_int_equal(a2b_fmv_get(d, "e")->kind, A2B_FMV_BOOL);
  assert_int_equal(a2b_fmv_get(d, "e")->line, 7);
}

static void test_toml_errors(void **state) {
  static const struct {
    const char *text, *diag;
  } cases[] = {
      {"+++\ntitle \"x\"\n+++\n",
       "a.md:2:7: error: malformed TOML front matter: expected '=' after the key 'title', "
       "found '\"'\n"},
      {"+++\ntitle = \"open\n+++\n",
       "a.md:2:9: error: malformed TOML front matter: string is not closed (use \"\"\" or ''' "
       "for text over several lines)\n"},
      {"+++\ntitle = \"bad \\q\"\n+++\n",
       "a.md:2:14: error: malformed TOML front matter: unknown escape '\\q' in a string "
       "(write '\\\\' for a backslash)\n"},
      {"+++\ntitle = \"中文 \\u12\"\n+++\n",
       "a.md:2:13: error: malformed TOML front matter: '\\u' needs 4 hexadecimal digits\n"},
      {"+++\na = 1\n\na = 2\n+++\n",
       "a.md:4:1: error: malformed TOML front matter: key 'a' is defined twice\n"},
      {"+++\ntitle = hello\n+++\n",
       "a.md:2:9: error: malformed TOML front matter: invalid value 'hello' (text must be in "
       "quotes)\n"},
      {"+++\n[extra]\nx = 1\n[extra]\n+++\n",
       "a.md:4:1: error: malformed TOML front matter: table 'extra' is defined twice\n"},
      {"+++\ntags = [\"a\",\n  \"b\"\n+++\n",
       "a.md:2:8: error: malformed TOML front matter: array is not closed with ']'\n"},
      {"+++\ntags = [\"a\" \"b\"]\n+++\n",
       "a.md:2:13: error: malformed TOML front matter: expected ',' or ']' in an array, "
       "found '\"'\n"},
      {"+++\na = 1 b = 2\n+++\n",
       "a.md:2:7: error: malformed TOML front matter: expected the end of the line, found 'b'\n"},
      {"+++\na = 1\na.b = 2\n+++\n",
       "a.md:3:1: error: malformed TOML front matter: 'a' is already an integer, not a table\n"},
      {"+++\nt = {x = 1}\n[t]\n+++\n",
       "a.md:3:1: error: malformed TOML front matter: table 't' is defined twice\n"},
      {"+++\n[extra\n+++\n",
       "a.md:2:7: error: malformed TOML front matter: expected ']' to close the table header, "
       "found the end of the line\n"},
      {"+++\nd = 2025-02-30\n+++\n",
       "a.md:2:5: error: malformed TOML front matter: invalid value '2025-02-30' (text must be "
       "in quotes)\n"},
      {"+++\nk =\n+++\n",
       "a.md:2:4: error: malformed TOML front matter: expected a value, found the end of the "
       "line\n"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    fixture *f = parse(state, cases[i].text);
    assert_false(f->ok);
    assert_diag(f, cases[i].diag);
  }
}

static void test_toml_value_cap(void **state) {
  a2b_buf b = A2B_BUF_INIT;
  a2b_buf_puts(&b, "+++\nx = [");
  for (int i = 0; i < A2B_FMV_MAX_VALUES; i++) a2b_buf_puts(&b, "1,");
  a2b_buf_puts(&b, "]\n+++\n");
  fixture *f = parse(state, a2b_buf_cstr(&b));
  a2b_buf_free(&b);
  assert_false(f->ok);
  assert_diag(f, "a.md:2:20004: error: malformed TOML front matter: more than 10000 values\n");
}

static void test_toml_mismatch_warning(void **state) {
  fixture *f = parse(state, "+++\ntitle = \"x\"\nweight = \"5\"\n+++\n");
  assert_true(f->ok);
  assert_false(f->art.has_weight);
  assert_diag(f, "a.md:3:10: warning: front matter key 'weight' should be an integer, not a "
                 "string (ignored)\n");
}

static void test_fmv_int(void **state) {
  (void)state;
  long v;
  a2b_fmv i = {.kind = A2B_FMV_INT, .text = "0o17"};
  assert_true(a2b_fmv_int(&i, &v));
  assert_int_equal(v, 15);
  i.text = "99999999999999999999999";
  assert_false(a2b_fmv_int(&i, &v));
  a2b_fmv s = {.kind = A2B_FMV_STRING, .text = "5"};
  assert_false(a2b_fmv_int(&s, &v));
}

int main(void) {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
  const struct CMUnitTest tests[] = {
      T(test_no_front_matter),
      T(test_body_position_and_later_break),
      T(test_bom_blank_line_and_dots),
      T(test_crlf),
      T(test_never_closed),
      T(test_empty_and_not_a_map),
      T(test_yaml_seed_like),
      T(test_yaml_hugo_keys),
      T(test_thumbnail_keys),
      T(test_yaml_authors_forms),
      T(test_summary_preferred),
      T(test_wikijs_keys),
      T(test_zenn_keys),
      T(test_thumbnail_and_source_forms),
      T(test_updated_and_date_modified),
      T(test_type_mismatches),
      T(test_yaml_colon_in_plain_value),
      T(test_yaml_unclosed_quote),
      T(test_yaml_bad_indentation),
      T(test_yaml_aliases),
      T(test_yaml_duplicate_key),
      T(test_toml_zola_page),
      T(test_toml_strings),
      T(test_toml_numbers_and_dates),
      T(test_toml_tables),
      T(test_toml_tree),
      T(test_toml_errors),
      T(test_toml_value_cap),
      T(test_toml_mismatch_warning),
      T(test_fmv_int),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
