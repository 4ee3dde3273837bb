/* SVG sanitising: what is kept, what is stripped, what is refused. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <libxml/parser.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"
#include "svg.h"

#define NS "xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\""

static char *san(const char *in, char **err) {
  size_t len = 0;
  char *out = a2b_svg_sanitize((const unsigned char *)in, strlen(in), &len, err);
  if (out) assert_int_equal(len, strlen(out));
  return out;
}

/* The output parses on its own (no DTD, no network) with an <svg> root. */
static void assert_standalone(const char *out) {
  assert_true(strncmp(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg", 43) == 0);
  xmlDoc *doc = xmlReadMemory(out, (int)strlen(out), NULL, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  assert_non_null(doc);
  assert_null(doc->intSubset);
  xmlNode *root = xmlDocGetRootElement(doc);
  assert_string_equal((const char *)root->name, "svg");
  assert_non_null(root->ns);
  assert_string_equal((const char *)root->ns->href, "http://www.w3.org/2000/svg");
  xmlFreeDoc(doc);
}

static void test_keeps_clean_drawing(void **state) {
  (void)state;
  const char *in =
      "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
      "<!-- Created with a drawing tool -->\n"
      "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
      "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n"
      "<svg " NS " xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" "
      "viewBox=\"0 0 551 304\" width=\"551pt\" height=\"304pt\" inkscape:version=\"1.0\">\n"
      "<defs><linearGradient id=\"g\"/><style>.a { fill: url(#g) }</style></defs>\n"
      "<use xlink:href=\"#g\"/><rect class=\"a\" fill=\"url(#g)\" width=\"10\" height=\"5\"/>\n"
      "<text>中文 &amp; <![CDATA[x < y]]></text>\n"
      "<image href=\"data:image/png;base64,iVBORw0KGgo=\"/>\n</svg>\n";
  char *err = NULL, *out = san(in, &err);
  assert_non_null(out);
  assert_null(err);
  assert_standalone(out);
  assert_null(strstr(out, "DOCTYPE"));
  assert_null(strstr(out, "Created with"));
  assert_non_null(strstr(out, "xlink:href=\"#g\""));
  assert_non_null(strstr(out, "fill=\"url(#g)\""));
  assert_non_null(strstr(out, ".a { fill: url(#g) }"));
  assert_non_null(strstr(out, "中文 &amp; "));
  assert_non_null(strstr(out, "x < y"));
  assert_non_null(strstr(out, "href=\"data:image/png;base64,iVBORw0KGgo=\""));
  assert_non_null(strstr(out, "inkscape:version=\"1.0\""));
  a2b_image_info info; /* the size survives */
  assert_true(a2b_image_sniff((const unsigned char *)out, strlen(out), &info));
  assert_int_equal(info.width, 735);
  free(out);
}

static void test_strips_active_and_remote(void **state) {
  (void)state;
  const char *in =
      "<?xml-stylesheet href=\"http://evil.example/s.css\"?>\n"
      "<svg " NS " onload=\"alert(1)\">\n"
      "<script>alert(2)</script><SCRIPT>alert(3)</SCRIPT>\n"
      "<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">html</div></foreignObject>\n"
      "<a xlink:href=\"javascript:alert(4)\"><rect onClick=\"alert(5)\" width=\"1\"/></a>\n"
      "<a href=\"https://evil.example/\">link</a>\n"
      "<image href=\"https://evil.example/track.png\"/><image xlink:href=\"local.png\"/>\n"
      "<use href=\" #ok\"/>\n"
      "<set attributeName=\"xlink:href\" to=\"javascript:alert(6)\"/>\n"
      "<animate attributeName=\"onclick\" to=\"alert(7)\"/><animate attributeName=\"x\"/>\n"
      "<rect style=\"fill: url( 'http://evil.example/p' )\" width=\"2\"/>\n"
      "<style>@import url(http://evil.example/x.css);</style>\n"
      "<?php echo 1 ?>\n"
      "</svg>";
  char *err = NULL, *out = san(in, &err);
  assert_non_null(out);
  assert_standalone(out);
  static const char *const gone[] = {"evil", "alert",   "script",     "SCRIPT",    "foreignObject",
                                     "html", "onload",  "onClick",    "local.png", "<set",
                                     "php",  "@import", "javascript", "stylesheet"};
  for (size_t i = 0; i < sizeof gone / sizeof *gone; i++)
    if (strstr(out, gone[i])) fail_msg("'%s' survived in:\n%s", gone[i], out);
  assert_non_null(strstr(out, "href=\" #ok\""));
  assert_non_null(strstr(out, "<animate attributeName=\"x\"/>"));
  assert_non_null(strstr(out, ">link</a>"));
  assert_non_null(strstr(out, "<rect width=\"2\"/>"));
  free(out);
}

static void test_entities(void **state) {
  (void)state;
  char *err = NULL;
  char *out = san("<!DOCTYPE svg [ <!ENTITY ns_x \"http://ns.example/x\"> <!ENTITY w \"42\"> ]>"
                  "<svg " NS " xmlns:x=\"&ns_x;\" width=\"&w;\"><text>&w; px</text></svg>",
                  &err);
  assert_non_null(out); /* internal entities (as Illustrator writes them) are expanded */
  assert_standalone(out);
  assert_non_null(strstr(out, "xmlns:x=\"http://ns.example/x\""));
  assert_non_null(strstr(out, "<text>42 px</text>"));
  free(out);

  out = san("<!DOCTYPE svg [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]>"
            "<svg " NS "><text>&x;</text></svg>",
            &err);
  assert_null(out);
  assert_string_equal(err, "SVG declares external or parameter entities (refused)");
  free(err);

  out = san("<!DOCTYPE svg [ <!ENTITY % p SYSTEM \"http://evil.example/p.dtd\"> %p; ]>"
            "<svg " NS "/>",
            &err);
  assert_null(out);
  assert_non_null(err);
  free(err);

  out = san("<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
            "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">"
            "<svg " NS "><text>a&nbsp;b</text></svg>",
            &err);
  assert_null(out);
  assert_non_null(err);
  free(err);

  /* Exponential entity expansion is stopped, not performed. */
  out = san(
      "<!DOCTYPE svg [ <!ENTITY a \"aaaaaaaaaa\">"
      "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
      "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
      "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
      "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\"><!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">"
      "]><svg " NS "><text>&i;&i;&i;&i;&i;&i;&i;&i;&i;&i;</text></svg>",
      &err);
  if (out)
    assert_true(strlen(out) < 100000000);
  else
    free(err);
  free(out);
}

static void test_refused(void **state) {
  (void)state;
  char *err = NULL;
  assert_null(san("<svg " NS "><g></svg>", &err));
  assert_true(strncmp(err, "malformed SVG (line 1: ", 23) == 0);
  free(err);
  assert_null(san("<html><svg/></html>", &err));
  assert_string_equal(err, "root element <html> is not <svg>");
  free(err);
  assert_null(san("<svg xmlns=\"http://example.com/not-svg\"/>", &err));
  assert_non_null(err);
  free(err);
  assert_null(san("", &err));
  assert_non_null(err);
  free(err);
}

static void test_adds_namespace(void **state) {
  (void)state;
  char *err = NULL, *out = san("<svg width=\"3\"><rect width=\"1\"/></svg>", &err);
  assert_non_null(out);
  assert_standalone(out);
  assert_non_null(strstr(out, "<rect width=\"1\"/>"));
  free(out);
}

/* Every SVG in the corpus survives sanitising with its size intact. */
static int corpus_svgs;
static int visit(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)ftw;
  size_t n = strlen(path);
  if (flag != FTW_F || n < 4 || strcmp(path + n - 4, ".svg") != 0) return 0;
  FILE *f = fopen(path, "rb");
  unsigned char *buf = malloc((size_t)st->st_size);
  size_t got = fread(buf, 1, (size_t)st->st_size, f);
  fclose(f);
  a2b_image_info before, after;
  assert_true(a2b_image_sniff(buf, got, &before));
  size_t len;
  char *err = NULL, *out = a2b_svg_sanitize(buf, got, &len, &err);
  if (!out) fail_msg("%s: %s", path, err);
  assert_standalone(out);
  assert_true(a2b_image_sniff((unsigned char *)out, len, &after));
  assert_int_equal(before.width, after.width);
  assert_int_equal(before.height, after.height);
  corpus_svgs++;
  free(out);
  free(buf);
  return 0;
}

static void test_corpus_svgs(void **state) {
  (void)state;
  const char *corpus = A2B_SRC "/../shared/corpus";
  FILE *probe = fopen(A2B_SRC "/../shared/corpus/rust-lang-blog.rust-lang.org/SOURCE.md", "r");
  if (!probe) skip();
  fclose(probe);
  assert_int_equal(nftw(corpus, visit, 16, FTW_PHYS), 0);
  assert_true(corpus_svgs > 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_keeps_clean_drawing),
      cmocka_unit_test(test_strips_active_and_remote),
      cmocka_unit_test(test_entities),
      cmocka_unit_test(test_refused),
      cmocka_unit_test(test_adds_namespace),
      cmocka_unit_test(test_corpus_svgs),
  };
  int rc = cmocka_run_group_tests(tests, NULL, NULL);
  xmlCleanupParser();
  return rc;
}
