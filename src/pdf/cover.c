#include "pdf/cover.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "pdf/breakrules.h"
#include "date.h"

/* Colours of the cover: paper, ink, the quieter ink of the details, the
 * accent rule, and the ground of empty tiles. */
#define PAPER 0xF3EFE6u
#define INK 0x1E2328u
#define QUIET 0x5C6066u
#define ACCENT 0x9A4032u

static void set_rgb(cairo_t *cr, unsigned rgb) {
  cairo_set_source_rgb(cr, (rgb >> 16 & 0xFF) / 255.0, (rgb >> 8 & 0xFF) / 255.0,
                       (rgb & 0xFF) / 255.0);
}

static bool is_cjk_lang(const char *lang) {
  return !strncmp(lang, "zh", 2) || !strncmp(lang, "ja", 2) || !strncmp(lang, "ko", 2);
}

/* ---- the mosaic -------------------------------------------------------- */

typedef struct tile {
  cairo_surface_t *surface;
  double width, height;
} tile;

/* The lead images to show: the first articles' (reading order), each
 * resource once, those that decode. Returns how many are in tiles[]. */
static int pick_tiles(const a2b_book *book, a2b_pdf_images *images, tile *tiles) {
  const a2b_resource *seen[A2B_PDF_COVER_MAX_TILES];
  int n = 0;
  for (size_t i = 0; i < book->n_articles && n < A2B_PDF_COVER_MAX_TILES; i++) {
    const a2b_resource *res = book->articles[i]->lead_image;
    bool again = false;
    for (int j = 0; j < n && !again; j++)
      again = seen[j] == res;
    if (!res || again) continue;
    tile t = {0};
    t.surface = a2b_pdf_images_get(images, res, &t.width, &t.height);
    if (!t.surface || t.width <= 0 || t.height <= 0) continue;
    seen[n] = res;
    tiles[n++] = t;
  }
  return n;
}

/* Columns and rows of a full grid for n tiles; returns how many it holds. */
static int grid_for(int n, int *cols, int *rows) {
  static const int grids[][2] = {{4, 3}, {3, 3}, {3, 2}, {2, 2}, {3, 1}, {2, 1}, {1, 1}};
  for (size_t i = 0; i < sizeof grids / sizeof grids[0]; i++)
    if (n >= grids[i][0] * grids[i][1]) {
      *cols = grids[i][0];
      *rows = grids[i][1];
      return *cols * *rows;
    }
  return 0;
}

/* Fill the cell (x, y, w, h) with the image, scaled to cover it and
 * cropped about its centre. */
static void draw_tile(cairo_t *cr, const tile *t, double x, double y, double w, double h) {
  double scale = fmax(w / t->width, h / t->height);
  cairo_save(cr);
  cairo_rectangle(cr, x, y, w, h);
  cairo_clip(cr);
  cairo_translate(cr, x + (w - t->width * scale) / 2, y + (h - t->height * scale) / 2);
  cairo_scale(cr, scale, scale);
  cairo_set_source_surface(cr, t->surface, 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
  cairo_paint(cr);
  cairo_restore(cr);
}

static void draw_mosaic(cairo_t *cr, const tile *tiles, int cols, int rows, double x, double y,
                        double w, double h, double gap) {
  double cw = (w - (cols - 1) * gap) / cols, ch = (h - (rows - 1) * gap) / rows;
  for (int r = 0; r < rows; r++)
    for (int c = 0; c < cols; c++)
      draw_tile(cr, &tiles[r * cols + c], x + c * (cw + gap), y + r * (ch + gap), cw, ch);
}

/* ---- text -------------------------------------------------------------- */

typedef struct setter {
  cairo_t *cr;
  PangoContext *ctx;
  const char *lang;
  const char *serif, *sans; /* comma-separated family lists */
  double measure;
} setter;

static bool is_latin_or_digit(gunichar c) {
  return c < 0x2E80 && g_unichar_isalnum(c);
}

/* `text` with a quarter em between Han or kana and Latin letters or digits,
 * as the typesetter puts it (breakrules.h): a space there, the source's or
 * an added one, shaped as an empty box 0.25 em wide (attributes added to
 * `attrs`). g_free() the result. */
static char *cjk_latin_spaced(const char *text, double size, PangoAttrList *attrs) {
  GString *out = g_string_new(NULL);
  gunichar prev = 0;
  for (const char *p = text; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    gunichar next = c == ' ' ? g_utf8_get_char(g_utf8_next_char(p)) : 0;
    bool at_space = c == ' ' && next &&
                    ((a2b_br_is_ideo(prev) && is_latin_or_digit(next)) ||
                     (is_latin_or_digit(prev) && a2b_br_is_ideo(next)));
    bool between = prev && ((a2b_br_is_ideo(prev) && is_latin_or_digit(c)) ||
                            (is_latin_or_digit(prev) && a2b_br_is_ideo(c)));
    if (at_space || between) {
      int w = (int)(size * PANGO_SCALE / 4);
      PangoRectangle ink = {0, 0, 0, 0}, logical = {0, -(int)(size * 0.88 * PANGO_SCALE), w,
                                                      (int)(size * PANGO_SCALE)};
      PangoAttribute *a = pango_attr_shape_new(&ink, &logical);
      a->start_index = (guint)out->len;
      a->end_index = (guint)out->len + 1;
      pango_attr_list_insert(attrs, a);
      g_string_append_c(out, ' ');
      if (at_space) {
        prev = c;
        continue;
      }
    }
    g_string_append_unichar(out, c);
    prev = c;
  }
  return g_string_free(out, FALSE);
}

/* A layout of `text` in `families` at `size` (user units), wrapped to the
 * measure, at most `max_lines` lines (ellipsised after). Free with
 * g_object_unref. */
static PangoLayout *layout_of(const setter *s, const char *text, const char *families, double size,
                              bool bold, int max_lines) {
  PangoLayout *l = pango_layout_new(s->ctx);
  PangoFontDescription *fd = pango_font_description_new();
  pango_font_description_set_family(fd, families);
  pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
  pango_layout_set_font_description(l, fd);
  pango_font_description_free(fd);
  PangoAttrList *attrs = pango_attr_list_new();
  pango_attr_list_insert(attrs, pango_attr_language_new(pango_language_from_string(s->lang)));
  char *spaced = cjk_latin_spaced(text, size, attrs);
  pango_layout_set_attributes(l, attrs);
  pango_attr_list_unref(attrs);
  pango_layout_set_width(l, (int)(s->measure * PANGO_SCALE));
  pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_line_spacing(l, 1.15f);
  pango_layout_set_height(l, -max_lines);
  pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
  pango_layout_set_text(l, spaced, -1);
  g_free(spaced);
  return l;
}

static double layout_height(PangoLayout *l) {
  PangoRectangle logical;
  pango_layout_get_extents(l, NULL, &logical);
  return (double)logical.height / PANGO_SCALE;
}

/* Show `l` with its top at (x, y) in `rgb`; returns its height. */
static double show(const setter *s, PangoLayout *l, double x, double y, unsigned rgb) {
  cairo_save(s->cr);
  set_rgb(s->cr, rgb);
  cairo_move_to(s->cr, x, y);
  pango_cairo_show_layout(s->cr, l);
  cairo_restore(s->cr);
  return layout_height(l);
}

/* The title, made smaller (down to 60%) until it fits in three lines. */
static PangoLayout *title_layout(const setter *s, const char *title, double size) {
  PangoLayout *l = NULL;
  for (double f = 1.0; f > 0.55; f -= 0.1) {
    if (l) g_object_unref(l);
    l = layout_of(s, title, s->serif, size * f, true, 4);
    pango_layout_set_line_spacing(l, 1.05f);
    if (pango_layout_get_line_count(l) <= 3 && !pango_layout_is_ellipsized(l)) break;
  }
  return l;
}

/* "2024-03-01 – 2024-06-01" over the articles with a date ("" if none). */
static void date_range(const a2b_book *book, char *out, size_t size) {
  const a2b_date *first = NULL, *last = NULL;
  for (size_t i = 0; i < book->n_articles; i++) {
    const a2b_date *d = &book->articles[i]->date;
    if (!d->set) continue;
    if (!first || a2b_date_cmp(d, first) < 0) first = d;
    if (!last || a2b_date_cmp(d, last) > 0) last = d;
  }
  *out = '\0';
  if (!first) return;
  char a[32], b[32];
  a2b_date_format(first, false, a);
  a2b_date_format(last, false, b);
  if (strcmp(a, b))
    snprintf(out, size, "%s – %s", a, b);
  else
    snprintf(out, size, "%s", a);
}

/* "共 12 篇文章", "全 12 本の記事", "12 articles". */
static void article_count(const char *lang, size_t n, char *out, size_t size) {
  if (!strncmp(lang, "zh", 2))
    snprintf(out, size, "共 %zu 篇文章", n);
  else if (!strncmp(lang, "ja", 2))
    snprintf(out, size, "全 %zu 本の記事", n);
  else
    snprintf(out, size, n == 1 ? "%zu article" : "%zu articles", n);
}

static char *families(const char *first, const char *second) {
  if (!first) return g_strdup(second);
  if (!second) return g_strdup(first);
  return g_strdup_printf("%s,%s", first, second);
}

/* ---- the cover --------------------------------------------------------- */

int a2b_pdf_draw_cover(cairo_t *cr, double width, double height, const a2b_book *book,
                       const a2b_pdf_style *st, PangoContext *ctx, a2b_pdf_images *images) {
  cairo_save(cr);
  set_rgb(cr, PAPER);
  cairo_rectangle(cr, 0, 0, width, height);
  cairo_fill(cr);

  double margin = 0.085 * width;
  bool cjk = is_cjk_lang(book->lang);
  setter s = {cr, ctx, book->lang, NULL, NULL, width - 2 * margin};
  char *serif =
      cjk ? families(st->body_cjk, st->body_latin) : families(st->body_latin, st->body_cjk);
  char *sans = cjk ? families(st->heading_cjk, st->heading_latin)
                   : families(st->heading_latin, st->heading_cjk);
  s.serif = serif;
  s.sans = sans;

  tile tiles[A2B_PDF_COVER_MAX_TILES];
  int cols = 0, rows = 0;
  int shown = grid_for(pick_tiles(book, images, tiles), &cols, &rows);
  double y;
  if (shown) {
    double mosaic_h = fmin(0.62 * width, 0.46 * height);
    draw_mosaic(cr, tiles, cols, rows, margin, margin, width - 2 * margin, mosaic_h, 0.012 * width);
    y = margin + mosaic_h + 0.065 * height;
  } else {
    y = 0.27 * height;
  }

  /* the accent rule, the title and the subtitle */
  double rule = fmax(0.0045 * width, 0.5);
  set_rgb(cr, ACCENT);
  cairo_rectangle(cr, margin, y, 0.09 * width, rule);
  cairo_fill(cr);
  y += rule + 0.03 * height;
  PangoLayout *l = title_layout(&s, book->title, (shown ? 0.074 : 0.088) * width);
  y += show(&s, l, margin, y, INK);
  g_object_unref(l);
  if (book->subtitle && *book->subtitle) {
    y += 0.018 * height;
    l = layout_of(&s, book->subtitle, s.serif, 0.04 * width, false, 3);
    show(&s, l, margin, y, QUIET);
    g_object_unref(l);
  }

  /* the details, set upwards from the bottom margin */
  char range[80], count[64];
  date_range(book, range, sizeof range);
  article_count(book->lang, book->n_articles, count, sizeof count);
  a2b_buf details = A2B_BUF_INIT;
  a2b_buf_puts(&details, range);
  if (*range) a2b_buf_puts(&details, "  ·  ");
  a2b_buf_puts(&details, count);
  double bottom = height - margin;
  l = layout_of(&s, a2b_buf_cstr(&details), s.sans, 0.027 * width, false, 2);
  bottom -= layout_height(l);
  show(&s, l, margin, bottom, QUIET);
  g_object_unref(l);
  a2b_buf_free(&details);
  a2b_buf authors = A2B_BUF_INIT;
  for (size_t i = 0; i < book->authors.n; i++) {
    if (i) a2b_buf_puts(&authors, cjk ? "、" : ", ");
    a2b_buf_puts(&authors, book->authors.items[i]);
  }
  if (authors.len) {
    l = layout_of(&s, a2b_buf_cstr(&authors), s.sans, 0.034 * width, false, 2);
    bottom -= layout_height(l) + 0.008 * height;
    show(&s, l, margin, bottom, INK);
    g_object_unref(l);
  }
  a2b_buf_free(&authors);
  set_rgb(cr, QUIET);
  cairo_rectangle(cr, margin, bottom - 0.022 * height, width - 2 * margin,
                  fmax(0.001 * width, 0.25));
  cairo_fill(cr);

  g_free(serif);
  g_free(sans);
  cairo_restore(cr);
  return shown;
}
