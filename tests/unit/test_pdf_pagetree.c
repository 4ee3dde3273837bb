/* Moving pages in a finished cairo PDF (pagetree.h): the contents are
 * painted last and moved to the front. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <cairo-pdf.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "pdf/pagetree.h"

static cairo_status_t to_file(void *closure, const unsigned char *data, unsigned int len) {
  return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* A PDF of `n` pages showing "page-A", "page-B", ... in a temporary file
 * open for reading and writing; with a link on the first page to a
 * destination on the last, and an outline entry for it. */
static FILE *make_pdf(int n) {
  FILE *f = tmpfile();
  assert_non_null(f);
  cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_file, f, 200, 200);
  cairo_t *cr = cairo_create(s);
  cairo_tag_begin(cr, "Document", "");
  for (int i = 0; i < n; i++) {
    char text[16];
    snprintf(text, sizeof text, "page-%c", 'A' + i);
    cairo_move_to(cr, 20, 50);
    cairo_show_text(cr, text);
    if (i == 0) {
      cairo_tag_begin(cr, CAIRO_TAG_LINK, "dest='last' rect=[20 40 50 20]");
      cairo_tag_end(cr, CAIRO_TAG_LINK);
    }
    if (i == n - 1) {
      cairo_tag_begin(cr, CAIRO_TAG_DEST, "name='last' x=0 y=0");
      cairo_tag_end(cr, CAIRO_TAG_DEST);
    }
    cairo_show_page(cr);
  }
  cairo_tag_end(cr, "Document");
  cairo_pdf_surface_add_outline(s, CAIRO_PDF_OUTLINE_ROOT, "last", "dest='last'", 0);
  cairo_destroy(cr);
  cairo_surface_finish(s);
  assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy(s);
  fflush(f);
  return f;
}

static bool have(const char *tool) {
  char *path = g_find_program_in_path(tool);
  g_free(path);
  return path != NULL;
}

/* Copy `f` to a named file and return the text of each page, separated
 * by form feeds (pdftotext), or NULL without pdftotext. */
static char *page_texts(FILE *f, const char *path) {
  rewind(f);
  FILE *out = fopen(path, "wb");
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) fwrite(buf, 1, n, out);
  fclose(out);
  if (!have("pdftotext")) return NULL;
  char *cmd = g_strdup_printf("pdftotext -q '%s' -", path), *text = NULL;
  int status;
  char *argv[] = {"/bin/sh", "-c", cmd, NULL};
  assert_true(g_spawn_sync(NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &text, NULL, &status,
                           NULL));
  g_free(cmd);
  if (have("qpdf")) {
    char *check = g_strdup_printf("qpdf --check '%s' >/dev/null", path);
    assert_int_equal(system(check), 0);
    g_free(check);
  }
  return text;
}

/* The pages of `f` show the letters `want`, in that order (checked when
 * pdftotext is installed). */
static void assert_order(FILE *f, const char *want) {
  const char *path = "/tmp/a2b-pagetree-test.pdf";
  char *text = page_texts(f, path);
  if (text) {
    char got[16], *out = got;
    for (const char *p = text; (p = strstr(p, "page-")) && out < got + 15; p += 5) *out++ = p[5];
    *out = '\0';
    assert_string_equal(got, want);
    g_free(text);
  }
  remove(path);
}

static void test_moves_last_pages_to_the_front(void **state) {
  (void)state;
  FILE *f = make_pdf(5);
  assert_true(a2b_pdf_move_last_pages(f, 5, 2, 1));
  assert_order(f, "ADEBC");
  fclose(f);
}

static void test_moving_nothing_or_everything(void **state) {
  (void)state;
  FILE *f = make_pdf(3);
  assert_true(a2b_pdf_move_last_pages(f, 3, 0, 1));
  assert_true(a2b_pdf_move_last_pages(f, 3, 3, 0));
  assert_true(a2b_pdf_move_last_pages(f, 3, 1, 0));
  assert_order(f, "CAB");
  fclose(f);
}

/* Anything unexpected leaves the file as it was. */
static void test_refuses_what_it_does_not_know(void **state) {
  (void)state;
  FILE *f = make_pdf(3);
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  char *before = malloc((size_t)size);
  rewind(f);
  assert_int_equal(fread(before, 1, (size_t)size, f), (size_t)size);
  assert_false(a2b_pdf_move_last_pages(f, 4, 1, 0)); /* wrong page count */
  assert_false(a2b_pdf_move_last_pages(f, 3, 4, 0)); /* more than there are */
  assert_false(a2b_pdf_move_last_pages(f, 3, 1, 3)); /* past the pages moved */
  char *after = malloc((size_t)size);
  rewind(f);
  assert_int_equal(fread(after, 1, (size_t)size, f), (size_t)size);
  assert_memory_equal(before, after, (size_t)size);
  fclose(f);

  FILE *junk = tmpfile();
  fputs("%PDF-1.5\nnot really a PDF\n", junk);
  assert_false(a2b_pdf_move_last_pages(junk, 1, 1, 0));
  fclose(junk);
  free(before);
  free(after);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_moves_last_pages_to_the_front),
      cmocka_unit_test(test_moving_nothing_or_everything),
      cmocka_unit_test(test_refuses_what_it_does_not_know),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
