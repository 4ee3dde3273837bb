/* The drawn cover (src/pdf/cover.c) and the module's cover entry
 * (src/pdf/cover_image.c): text on a quiet ground, a mosaic of distinct lead
 * images in a full grid, the EPUB image's size, format and reproducibility,
 * and text that stays text on a PDF page. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "image.h"
#include "imgconv.h"
#include "pdf.h"
#include "pdf/cover.h"
#include "pdf/typeset.h"

#define PAPER 0xF3EFE6u

typedef struct fx {
  a2b_pdf_style st;
  a2b_pdf_ts *ts;
  a2b_book *book;
  a2b_diags d;
} fx;

/* Without a typesetter: the cover entry forks, which this process must do
 * before it makes any pango object (see src/pdf/pdf.c). */
static int setup_book(void **state) {
  fx *f = calloc(1, sizeof *f);
  assert_true(a2b_pdf_style_load(&f->st, NULL, NULL, &f->d));
  f->book = a2b_book_new();
  *state = f;
  return 0;
}

static int setup(void **state) {
  setup_book(state);
  fx *f = *state;
  f->ts = a2b_pdf_ts_new(&f->st, NULL, &f->d);
  assert_non_null(f->ts);
  return 0;
}

static int teardown(void **state) {
  fx *f = *state;
  a2b_book_free(f->book);
  if (f->ts) a2b_pdf_ts_free(f->ts);
  a2b_pdf_style_free(&f->st);
  a2b_diags_clear(&f->d);
  free(f);
  return 0;
}

/* A 60x40 PNG resource of one colour, in the book's arena. */
static const a2b_resource *png_resource(a2b_book *book, unsigned rgb) {
  a2b_pixels px = {60, 40, 3, malloc(60 * 40 * 3)};
  for (int i = 0; i < 60 * 40; i++) {
    px.data[3 * i] = rgb >> 16 & 0xFF;
    px.data[3 * i + 1] = rgb >> 8 & 0xFF;
    px.data[3 * i + 2] = rgb & 0xFF;
  }
  size_t size;
  char *err = NULL;
  unsigned char *bytes = a2b_png_encode(&px, false, &size, &err);
  assert_non_null(bytes);
  a2b_pixels_free(&px);
  a2b_resource *r = a2b_alloc(book->arena, sizeof *r);
  unsigned char *copy = a2b_alloc(book->arena, size);
  memcpy(copy, bytes, size);
  free(bytes);
  *r = (a2b_resource){NULL, "images/x.png", "image/png", 60, 40, copy, size};
  return r;
}

/* `n` dated articles in `lang`; lead[i] (when `lead` is not NULL) is each
 * one's lead image. */
static void fill_book(a2b_book *book, const char *title, const char *lang, size_t n,
                      const a2b_resource **lead) {
  book->title = title;
  book->lang = lang;
  for (size_t i = 0; i < n; i++) {
    a2b_article *art = a2b_alloc(book->arena, sizeof *art);
    memset(art, 0, sizeof *art);
    art->title = a2b_sprintf(book->arena, "Article %zu", i + 1);
    art->lang = lang;
    art->date = (a2b_date){.set = true, .year = 2024, .month = 1 + (int)i % 12, .day = 5};
    art->body = a2b_node_new(book->arena, A2B_NODE_DOCUMENT, 1, 1);
    art->lead_image = lead ? lead[i] : NULL;
    a2b_book_add_article(book, art);
  }
}

static unsigned pixel(cairo_surface_t *s, int x, int y) {
  const unsigned char *row =
      cairo_image_surface_get_data(s) + (size_t)y * cairo_image_surface_get_stride(s);
  return ((const uint32_t *)row)[x] & 0xFFFFFF;
}

/* Pixels in rows [y0, y1) that are not the paper colour. */
static long inked(cairo_surface_t *s, int y0, int y1) {
  long n = 0;
  for (int y = y0; y < y1; y++)
    for (int x = 0; x < cairo_image_surface_get_width(s); x++)
      n += pixel(s, x, y) != PAPER;
  return n;
}

static cairo_surface_t *draw(fx *f, int w, int h, int *tiles) {
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create(s);
  a2b_pdf_images *im = a2b_pdf_images_new(&f->d);
  *tiles = a2b_pdf_draw_cover(cr, w, h, f->book, &f->st, a2b_pdf_ts_context(f->ts), im);
  assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
  cairo_destroy(cr);
  a2b_pdf_images_free(im);
  cairo_surface_flush(s);
  return s;
}

static void test_text_only(void **state) {
  fx *f = *state;
  fill_book(f->book, "慢读周刊", "zh-CN", 3, NULL);
  f->book->subtitle = "春季合订本";
  int tiles;
  cairo_surface_t *s = draw(f, 400, 640, &tiles);
  assert_int_equal(tiles, 0);
  assert_int_equal(pixel(s, 0, 0), PAPER);
  assert_int_equal(inked(s, 0, 150), 0);        /* nothing above the title block */
  assert_true(inked(s, 170, 260) > 2000);       /* the title */
  assert_true(inked(s, 560, 640 - 34) > 300);   /* dates and count at the foot */
  assert_int_equal(inked(s, 640 - 30, 640), 0); /* inside the bottom margin */
  cairo_surface_destroy(s);
}

static void test_mosaic_full_grid(void **state) {
  fx *f = *state;
  const a2b_resource *lead[14];
  static const unsigned colours[] = {0xC03020, 0x2040A0, 0x30A050, 0xD0A020, 0x8020A0};
  for (size_t i = 0; i < 14; i++)
    lead[i] = png_resource(f->book, colours[i % 5] + (unsigned)i);
  lead[1] = lead[0]; /* the same image twice counts once */
  lead[2] = NULL;    /* an article without one */
  fill_book(f->book, "Weekly", "en", 5, lead);
  int tiles;
  cairo_surface_t *s = draw(f, 400, 640, &tiles);
  /* 3 distinct images: a row of three */
  assert_int_equal(tiles, 3);
  double margin = 0.085 * 400;
  unsigned first = pixel(s, (int)(margin + 20), (int)(margin + 20));
  assert_int_equal(first, 0xC03020);
  cairo_surface_destroy(s);

  a2b_book_free(f->book);
  f->book = a2b_book_new();
  for (size_t i = 0; i < 14; i++)
    lead[i] = png_resource(f->book, colours[i % 5] + (unsigned)i);
  fill_book(f->book, "Weekly", "en", 14, lead);
  s = draw(f, 400, 640, &tiles);
  assert_int_equal(tiles, A2B_PDF_COVER_MAX_TILES);
  cairo_surface_destroy(s);
}

static void test_cover_image_entry(void **state) {
  fx *f = *state;
  a2b_options opts = {0};
  fill_book(f->book, "The Quiet Hours", "en", 2, NULL);
  unsigned char *a = NULL, *b = NULL;
  size_t na = 0, nb = 0;
  assert_true(a2b_pdf_cover_image(f->book, &opts, &a, &na, &f->d));
  assert_true(a2b_pdf_cover_image(f->book, &opts, &b, &nb, &f->d));
  a2b_image_info info;
  assert_true(a2b_image_sniff(a, na, &info));
  assert_string_equal(info.media_type, "image/png");
  assert_int_equal(info.width, A2B_PDF_COVER_WIDTH);
  assert_int_equal(info.height, A2B_PDF_COVER_HEIGHT);
  assert_int_equal(na, nb); /* the same bytes every time */
  assert_memory_equal(a, b, na);
  a2b_decoded dec;
  char *err = NULL;
  assert_true(a2b_png_decode(a, na, &dec, &err));
  long inked_px = 0;
  for (long i = 0; i < (long)dec.px.width * dec.px.height; i++) {
    const unsigned char *p = dec.px.data + i * dec.px.channels;
    inked_px += (unsigned)(p[0] << 16 | p[1] << 8 | p[2]) != PAPER;
  }
  assert_true(inked_px > 20000);
  a2b_pixels_free(&dec.px);
  free(a);
  free(b);

  /* with lead images: a JPEG (photographs), same size */
  a2b_book_free(f->book);
  f->book = a2b_book_new();
  const a2b_resource *lead[2] = {png_resource(f->book, 0x336699), png_resource(f->book, 0x996633)};
  fill_book(f->book, "The Quiet Hours", "en", 2, lead);
  assert_true(a2b_pdf_cover_image(f->book, &opts, &a, &na, &f->d));
  assert_true(a2b_image_sniff(a, na, &info));
  assert_string_equal(info.media_type, "image/jpeg");
  assert_int_equal(info.width, A2B_PDF_COVER_WIDTH);
  assert_int_equal(info.height, A2B_PDF_COVER_HEIGHT);
  free(a);
  assert_int_equal(f->d.n, 0);
}

/* On a PDF page the title is text (pdftotext gets it back). */
static void test_pdf_page_has_text(void **state) {
  fx *f = *state;
  if (system("command -v pdftotext >/dev/null 2>&1") != 0) skip();
  fill_book(f->book, "慢读周刊 Slow Reading", "zh-CN", 4, NULL);
  char path[] = "/tmp/a2b-cover-XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  close(fd);
  cairo_surface_t *s = cairo_pdf_surface_create(path, f->st.page_width, f->st.page_height);
  cairo_t *cr = cairo_create(s);
  int tiles;
  a2b_pdf_images *im = a2b_pdf_images_new(&f->d);
  tiles = a2b_pdf_draw_cover(cr, f->st.page_width, f->st.page_height, f->book, &f->st,
                             a2b_pdf_ts_context(f->ts), im);
  assert_int_equal(tiles, 0);
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_destroy(s);
  a2b_pdf_images_free(im);
  char cmd[128], text[512] = "";
  snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 %s -", path);
  FILE *p = popen(cmd, "r");
  assert_non_null(p);
  size_t n = fread(text, 1, sizeof text - 1, p);
  text[n] = '\0';
  pclose(p);
  unlink(path);
  assert_non_null(strstr(text, "慢读周刊 Slow")); /* the title wraps on A5 */
  assert_non_null(strstr(text, "Reading"));
  assert_non_null(strstr(text, "共 4 篇文章"));
  assert_non_null(strstr(text, "2024-01-05 – 2024-04-05"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_cover_image_entry, setup_book, teardown), /* first */
      cmocka_unit_test_setup_teardown(test_text_only, setup, teardown),
      cmocka_unit_test_setup_teardown(test_mosaic_full_grid, setup, teardown),
      cmocka_unit_test_setup_teardown(test_pdf_page_has_text, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
