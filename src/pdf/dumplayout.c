/* --dump-layout: a page's placed items as one JSON object.
 *
 *   {"number":N,"width":W,"height":H,"text_left","text_top","text_width",
 *    "show_folio":B,"head_left":S|null,"head_right":S|null,"article":PATH|null,
 *    "items":[ITEM,...]}
 *   line:   {"type":"line","x","y"(baseline),"width","measure","size",
 *            "role":"body|heading|code|table|caption|footnote|meta",
 *            "para":N (0: none),"justified":B,["hyphen":true,]"text","advances":[pt..],
 *            "chars":[N..] (for each advance: the index in text of the first
 *            character of its glyph's cluster),
 *            "runs":[{"x","width","text","font","size","uri","dest","dots"}]}
 *            (run x is relative to the line; font, size, uri, dest when known;
 *            dots "under" or "over" when its CJK characters carry emphasis
 *            marks; hyphen: the line ends with a hyphen glyph its text does
 *            not hold, added at a hyphenation point (its cluster is empty, so
 *            its "chars" entry is the text's length) or shown for a soft hyphen)
 *   image:  {"type":"image","name","x","y","w","h"}
 *   rule, rect, stroke: {"type",...,"x","y","w","h","color":"#rrggbb"}
 *   dest:   {"type":"dest","name","x","y","outline":S|null,"level":N}
 *
 * Numbers are printed with at most three decimals, trailing zeros dropped.
 * Strings keep UTF-8; quotes, backslashes and control characters are
 * escaped, and bytes that are not UTF-8 become U+FFFD. */
#include <math.h>
#include <string.h>

#include "pdf/paint.h"

static void put_num(FILE *out, double v) {
  char b[64];
  snprintf(b, sizeof b, "%.3f", isfinite(v) ? v : 0.0);
  char *e = b + strlen(b) - 1;
  while (*e == '0')
    *e-- = '\0';
  if (*e == '.') *e = '\0';
  fputs(strcmp(b, "-0") == 0 ? "0" : b, out);
}

/* Length of the well-formed UTF-8 sequence at s (n bytes left), 0 if none. */
static size_t utf8_seq(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  size_t len;
  unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF)
    len = 2;
  else if (c >= 0xE0 && c <= 0xEF)
    len = 3;
  else if (c >= 0xF0 && c <= 0xF4)
    len = 4;
  else
    return 0;
  if (c == 0xE0) lo = 0xA0;
  if (c == 0xED) hi = 0x9F;
  if (c == 0xF0) lo = 0x90;
  if (c == 0xF4) hi = 0x8F;
  if (n < len || s[1] < lo || s[1] > hi) return 0;
  for (size_t k = 2; k < len; k++)
    if ((s[k] & 0xC0) != 0x80) return 0;
  return len;
}

/* The characters of a JSON string, without the quotes. */
static void put_escaped(FILE *out, const char *str, size_t n) {
  const unsigned char *s = (const unsigned char *)str;
  for (size_t i = 0; i < n;) {
    size_t len = utf8_seq(s + i, n - i);
    if (len == 0) {
      fputs("\\ufffd", out);
      i++;
    } else if (s[i] == '"' || s[i] == '\\') {
      fputc('\\', out);
      fputc(s[i++], out);
    } else if (s[i] < 0x20) {
      fprintf(out, "\\u%04x", s[i++]);
    } else {
      fwrite(s + i, 1, len, out);
      i += len;
    }
  }
}

static void put_strn(FILE *out, const char *s, size_t n) {
  fputc('"', out);
  put_escaped(out, s, n);
  fputc('"', out);
}

static void put_str(FILE *out, const char *s) {
  if (s)
    put_strn(out, s, strlen(s));
  else
    fputs("null", out);
}

/* ,"key":number */
static void put_field(FILE *out, const char *key, double v) {
  fprintf(out, ",\"%s\":", key);
  put_num(out, v);
}

static void put_box(FILE *out, const a2b_pdf_placed *p) {
  put_field(out, "x", p->x);
  put_field(out, "y", p->y);
  put_field(out, "w", p->w);
  put_field(out, "h", p->h);
}

static void put_run(FILE *out, const a2b_pdf_run *r) {
  fputs("{\"x\":", out);
  put_num(out, r->x);
  put_field(out, "width", r->width);
  fputs(",\"text\":", out);
  put_strn(out, r->text ? r->text : "", r->text ? (size_t)r->text_len : 0);
  PangoFont *font = r->glyphs && r->glyphs->item ? r->glyphs->item->analysis.font : NULL;
  if (font) {
    PangoFontDescription *d = pango_font_describe_with_absolute_size(font);
    fputs(",\"font\":", out);
    put_str(out, pango_font_description_get_family(d));
    put_field(out, "size", (double)pango_font_description_get_size(d) / PANGO_SCALE);
    pango_font_description_free(d);
  }
  if (r->link_uri) {
    fputs(",\"uri\":", out);
    put_str(out, r->link_uri);
  }
  if (r->link_dest) {
    fputs(",\"dest\":", out);
    put_str(out, r->link_dest);
  }
  if (r->emphasis_dots)
    fprintf(out, ",\"dots\":\"%s\"", r->emphasis_dots == A2B_PDF_DOTS_OVER ? "over" : "under");
  fputc('}', out);
}

/* Does the line end with a hyphen shown at a hyphenation break: a glyph
 * after the text's end, or one drawn for a final soft hyphen? */
static bool ends_hyphenated(const a2b_pdf_line *line) {
  const a2b_pdf_run *r = line->n_runs ? &line->runs[line->n_runs - 1] : NULL;
  const PangoGlyphString *gs = r && r->glyphs && r->text ? r->glyphs->glyphs : NULL;
  if (!gs || !gs->num_glyphs || (r->glyphs->item->analysis.level & 1)) return false;
  const PangoGlyphInfo *g = &gs->glyphs[gs->num_glyphs - 1];
  int at = gs->log_clusters[gs->num_glyphs - 1];
  if (g->glyph == PANGO_GLYPH_EMPTY || (g->glyph & PANGO_GLYPH_UNKNOWN_FLAG)) return false;
  return at >= r->text_len ||
         (r->text_len - at == 2 && !memcmp(r->text + at, "\xc2\xad", 2)); /* U+00AD */
}

static void put_line(FILE *out, const a2b_pdf_placed *p) {
  const a2b_pdf_line *line = p->u.line;
  fputs("{\"type\":\"line\"", out);
  put_field(out, "x", p->x);
  put_field(out, "y", p->y);
  put_field(out, "width", line->width);
  put_field(out, "measure", line->measure);
  put_field(out, "size", line->size);
  static const char *const roles[] = {"body", "heading", "code", "table", "caption", "footnote",
                                      "meta"};
  fprintf(out, ",\"role\":\"%s\",\"para\":%u,\"justified\":%s", roles[line->role], line->para,
          line->justified ? "true" : "false");
  if (ends_hyphenated(line)) fputs(",\"hyphen\":true", out);
  fputs(",\"text\":\"", out);
  for (size_t k = 0; k < line->n_runs; k++) {
    const a2b_pdf_run *r = &line->runs[k];
    if (r->text) put_escaped(out, r->text, (size_t)r->text_len);
  }
  fputs("\",\"advances\":[", out);
  bool first = true;
  for (size_t k = 0; k < line->n_runs; k++) {
    const PangoGlyphString *gs = line->runs[k].glyphs ? line->runs[k].glyphs->glyphs : NULL;
    for (int i = 0; gs && i < gs->num_glyphs; i++) {
      if (!first) fputc(',', out);
      first = false;
      put_num(out, (double)gs->glyphs[i].geometry.width / PANGO_SCALE);
    }
  }
  fputs("],\"chars\":[", out);
  first = true;
  long base = 0; /* characters of the runs before */
  for (size_t k = 0; k < line->n_runs; k++) {
    const a2b_pdf_run *r = &line->runs[k];
    const PangoGlyphString *gs = r->glyphs ? r->glyphs->glyphs : NULL;
    for (int i = 0; gs && r->text && i < gs->num_glyphs; i++) {
      if (!first) fputc(',', out);
      first = false;
      fprintf(out, "%ld", base + g_utf8_strlen(r->text, gs->log_clusters[i]));
    }
    if (r->text) base += g_utf8_strlen(r->text, r->text_len);
  }
  fputs("],\"runs\":[", out);
  for (size_t k = 0; k < line->n_runs; k++) {
    if (k) fputc(',', out);
    put_run(out, &line->runs[k]);
  }
  fputs("]}", out);
}

static void put_item(FILE *out, const a2b_pdf_placed *p) {
  switch (p->kind) {
  case A2B_PDF_P_LINE: put_line(out, p); return;
  case A2B_PDF_P_IMAGE:
    fputs("{\"type\":\"image\",\"name\":", out);
    put_str(out, p->u.image ? p->u.image->name : NULL);
    put_box(out, p);
    break;
  case A2B_PDF_P_RULE:
  case A2B_PDF_P_RECT:
  case A2B_PDF_P_STROKE:
    fprintf(out, "{\"type\":\"%s\"",
            p->kind == A2B_PDF_P_RULE   ? "rule"
            : p->kind == A2B_PDF_P_RECT ? "rect"
                                        : "stroke");
    put_box(out, p);
    fprintf(out, ",\"color\":\"#%06x\"", (unsigned)(p->color & 0xFFFFFFu));
    break;
  case A2B_PDF_P_DEST:
    fputs("{\"type\":\"dest\",\"name\":", out);
    put_str(out, p->u.dest.name);
    put_field(out, "x", p->x);
    put_field(out, "y", p->y);
    fputs(",\"outline\":", out);
    put_str(out, p->u.dest.outline_title);
    fprintf(out, ",\"level\":%d", p->u.dest.outline_level);
    break;
  }
  fputc('}', out);
}

void a2b_pdf_dump_page(FILE *out, const a2b_pdf_page *page) {
  fprintf(out, "{\"number\":%d", page->number);
  put_field(out, "width", page->width);
  put_field(out, "height", page->height);
  put_field(out, "text_left", page->text_left);
  put_field(out, "text_top", page->text_top);
  put_field(out, "text_width", page->text_width);
  fprintf(out, ",\"show_folio\":%s,\"head_left\":", page->show_folio ? "true" : "false");
  put_str(out, page->head_left);
  fputs(",\"head_right\":", out);
  put_str(out, page->head_right);
  fputs(",\"article\":", out);
  put_str(out, page->article ? page->article->rel_path : NULL);
  fputs(",\"items\":[", out);
  for (size_t k = 0; k < page->n; k++) {
    fputs(k ? ",\n" : "\n", out);
    put_item(out, &page->items[k]);
  }
  fputs("\n]}", out);
}
