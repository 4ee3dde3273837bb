/* The model's building blocks: arena, buffers, node links, diagnostics. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "art2book/diag.h"
#include "buf.h"

static void test_arena_strings(void **state) {
  (void)state;
  a2b_arena *a = a2b_arena_new();
  char *s = a2b_sprintf(a, "%s-%d", "x", 42);
  assert_string_equal(s, "x-42");
  char big[100000];
  memset(big, 'a', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  assert_int_equal(strlen(a2b_strdup(a, big)), sizeof big - 1);
  a2b_strlist l = {0};
  for (int i = 0; i < 20; i++) a2b_strlist_add(a, &l, a2b_sprintf(a, "%d", i));
  assert_int_equal(l.n, 20);
  for (int i = 0; i < 20; i++) assert_int_equal(atoi(l.items[i]), i);
  a2b_arena_free(a);
}

static void test_buf_xml_escape(void **state) {
  (void)state;
  a2b_buf b = A2B_BUF_INIT;
  a2b_buf_put_xml(&b, "a<b>&\"'\x01z");
  assert_string_equal(a2b_buf_cstr(&b), "a&lt;b&gt;&amp;&quot;&#39;z");
  a2b_buf_free(&b);
}

static void test_node_links(void **state) {
  (void)state;
  a2b_arena *a = a2b_arena_new();
  a2b_node *p = a2b_node_new(a, A2B_NODE_PARAGRAPH, 1, 1);
  a2b_node *x = a2b_node_new(a, A2B_NODE_TEXT, 1, 1);
  a2b_node *y = a2b_node_new(a, A2B_NODE_TEXT, 1, 2);
  a2b_node *z = a2b_node_new(a, A2B_NODE_SOFTBREAK, 1, 3);
  x->u.literal = "甲";
  y->u.literal = "乙";
  a2b_node_append(p, x);
  a2b_node_append(p, y);
  a2b_node_insert_before(y, z);
  assert_string_equal(a2b_node_plain_text(a, p), "甲 乙");
  a2b_node_detach(z);
  assert_string_equal(a2b_node_plain_text(a, p), "甲乙");
  a2b_node_detach(x);
  assert_ptr_equal(p->first_child, y);
  assert_ptr_equal(p->last_child, y);
  assert_string_equal(a2b_node_type_name(A2B_NODE_CODE_BLOCK), "code_block");
  a2b_arena_free(a);
}

static void test_diag_format(void **state) {
  (void)state;
  a2b_diags d = {0};
  a2b_report(&d, A2B_WARNING, "content/a.md", 14, 3, "image '%s' not found", "x.png");
  a2b_report(&d, A2B_ERROR, NULL, 0, 0, "no articles");
  assert_int_equal(d.n_warnings, 1);
  assert_int_equal(d.n_errors, 1);
  char out[256] = {0};
  FILE *f = fmemopen(out, sizeof out, "w");
  a2b_diag_print(&d.items[0], f);
  a2b_diag_print(&d.items[1], f);
  fclose(f);
  assert_string_equal(out, "content/a.md:14:3: warning: image 'x.png' not found\n"
                           "art2book: error: no articles\n");
  a2b_diags_clear(&d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_arena_strings),
      cmocka_unit_test(test_buf_xml_escape),
      cmocka_unit_test(test_node_links),
      cmocka_unit_test(test_diag_format),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
