/* The typesetter: fonts (fontconfig + pango at 72 dpi, unhinted, unrounded),
 * languages and font descriptions. Setting paragraphs is in setpara.c. */
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <limits.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "pdf/hyphen.h"
#include "pdf/shape.h"

#define SHAPE_CACHE_BYTES (32u << 20)

static bool is_dir(const char *path) {
  struct stat sb;
  return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* The project's fonts/ folder beside the program: <bin>/fonts,
 * <bin>/../fonts (the build tree) or <bin>/../share/art2book/fonts. */
static bool program_fonts(char *out, size_t size) {
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0) return false;
  exe[n] = 0;
  char *slash = strrchr(exe, '/');
  if (!slash) return false;
  *slash = 0;
  static const char *const rel[] = {"/fonts", "/../fonts", "/../share/art2book/fonts"};
  for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
    snprintf(out, size, "%s%s", exe, rel[i]);
    if (is_dir(out)) return true;
  }
  return false;
}

static char *family_list(const char *first, const char *second) {
  if (!first || !*first) return a2b_xstrdup(second ? second : "serif");
  if (!second || !*second) return a2b_xstrdup(first);
  size_t a = strlen(first), b = strlen(second);
  char *s = a2b_xmalloc(a + b + 2);
  memcpy(s, first, a);
  s[a] = ',';
  memcpy(s + a + 1, second, b + 1);
  return s;
}

/* Warn when fontconfig substitutes another family for `family`. */
static void check_family(a2b_pdf_ts *ts, const char *family) {
  if (!family || !*family) return;
  PangoFontDescription *desc = pango_font_description_new();
  pango_font_description_set_family_static(desc, family);
  pango_font_description_set_absolute_size(desc, 10 * PANGO_SCALE);
  PangoFont *font = pango_font_map_load_font(ts->fontmap, ts->ctx, desc);
  pango_font_description_free(desc);
  if (!font) {
    a2b_report(ts->diags, A2B_WARNING, NULL, 0, 0, "font '%s' not found", family);
    return;
  }
  PangoFontDescription *got = pango_font_describe(font);
  const char *name = pango_font_description_get_family(got);
  if (!name || strcasecmp(name, family) != 0)
    a2b_report(ts->diags, A2B_WARNING, NULL, 0, 0, "font '%s' not found (using '%s')", family,
               name ? name : "?");
  pango_font_description_free(got);
  g_object_unref(font);
}

a2b_pdf_ts *a2b_pdf_ts_new(const a2b_pdf_style *st, const char *font_dir, a2b_diags *d) {
  char own[PATH_MAX];
  bool has_own = program_fonts(own, sizeof own);
  if (font_dir && !is_dir(font_dir)) {
    a2b_report(d, A2B_WARNING, NULL, 0, 0, "font folder '%s' not found", font_dir);
    font_dir = NULL;
  }
  FcConfig *cfg = NULL;
  if (font_dir || has_own) {
    cfg = FcInitLoadConfigAndFonts();
    if (!cfg) {
      a2b_report(d, A2B_ERROR, NULL, 0, 0, "cannot load the fontconfig configuration");
      return NULL;
    }
    if (has_own) FcConfigAppFontAddDir(cfg, (const FcChar8 *)own);
    if (font_dir) FcConfigAppFontAddDir(cfg, (const FcChar8 *)font_dir);
  }
  FcFontSet *all = FcConfigGetFonts(cfg, FcSetSystem);
  FcFontSet *app = FcConfigGetFonts(cfg, FcSetApplication);
  if ((!all || all->nfont == 0) && (!app || app->nfont == 0)) {
    a2b_report(d, A2B_ERROR, NULL, 0, 0, "no fonts found (install fonts-noto-cjk)");
    if (cfg) FcConfigDestroy(cfg);
    return NULL;
  }

  a2b_pdf_ts *ts = a2b_xmalloc(sizeof *ts);
  memset(ts, 0, sizeof *ts);
  ts->st = *st;
  ts->diags = d;
  ts->fc_config = cfg;
  ts->fontmap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
  if (cfg) pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(ts->fontmap), cfg);
  ts->ctx = pango_font_map_create_context(ts->fontmap);
  pango_cairo_context_set_resolution(ts->ctx, 72);
  cairo_font_options_t *fo = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(ts->ctx, fo);
  cairo_font_options_destroy(fo);
  pango_context_set_round_glyph_positions(ts->ctx, FALSE);
  pango_context_set_base_dir(ts->ctx, PANGO_DIRECTION_LTR);
  ts->default_lang = pango_language_from_string("en");
  ts->shaper = a2b_pdf_shaper_new(SHAPE_CACHE_BYTES);
  ts->missing = g_hash_table_new(g_direct_hash, g_direct_equal);
  ts->hyph = a2b_pdf_hyph_new(NULL);

  ts->fam_body[0] = family_list(st->body_latin, st->body_cjk);
  ts->fam_body[1] = family_list(st->body_cjk, st->body_latin);
  ts->fam_heading[0] = family_list(st->heading_latin, st->heading_cjk);
  ts->fam_heading[1] = family_list(st->heading_cjk, st->heading_latin);
  ts->fam_mono = family_list(st->mono, NULL);
  ts->fam_emph_cjk = st->emphasis_cjk && *st->emphasis_cjk
                         ? family_list(st->emphasis_cjk, st->body_latin)
                         : a2b_xstrdup(ts->fam_heading[1]);
  const char *faces[] = {st->body_cjk, st->body_latin, st->heading_cjk, st->heading_latin,
                         st->mono, st->emphasis_cjk};
  for (size_t i = 0; i < sizeof faces / sizeof *faces; i++) check_family(ts, faces[i]);
  a2b_lb_init(&ts->lb);
  return ts;
}

void a2b_pdf_ts_free(a2b_pdf_ts *ts) {
  if (!ts) return;
  a2b_pdf_shaper_free(ts->shaper);
  g_object_unref(ts->ctx);
  g_object_unref(ts->fontmap);
  if (ts->fc_config) FcConfigDestroy(ts->fc_config);
  g_hash_table_destroy(ts->missing);
  for (int i = 0; i < 2; i++) {
    free(ts->fam_body[i]);
    free(ts->fam_heading[i]);
  }
  free(ts->fam_mono);
  free(ts->fam_emph_cjk);
  a2b_buf_free(&ts->text);
  free(ts->span_ends);
  a2b_pdf_shaped_free(&ts->shaped);
  free(ts->brk);
  free(ts->log);
  a2b_pdf_hyph_free(ts->hyph);
  free(ts->hyph_at);
  free(ts->hyph_skip);
  free(ts->units);
  free(ts->items);
  a2b_lb_free(&ts->lb);
  free(ts);
}

PangoContext *a2b_pdf_ts_context(a2b_pdf_ts *ts) { return ts->ctx; }

static bool tag_is(const char *tag, const char *prefix) {
  size_t n = strlen(prefix);
  return strncasecmp(tag, prefix, n) == 0 && (tag[n] == 0 || tag[n] == '-' || tag[n] == '_');
}

PangoLanguage *a2b_pdf_ts_language(a2b_pdf_ts *ts, const char *lang) {
  if (!lang || !*lang) return ts->default_lang;
  if (tag_is(lang, "zh")) {
    const char *rest = lang + 2;
    if (*rest) rest++;
    bool hk = strcasestr(rest, "hk") || strcasestr(rest, "mo");
    bool tw = strcasestr(rest, "hant") || strcasestr(rest, "tw");
    if (strcasestr(rest, "hans")) hk = tw = false;
    return pango_language_from_string(hk ? "zh-hk" : tw ? "zh-tw" : "zh-cn");
  }
  return pango_language_from_string(lang);
}

void a2b_pdf_ts_set_lang(a2b_pdf_ts *ts, const char *lang) {
  ts->default_lang = lang && *lang ? a2b_pdf_ts_language(ts, lang)
                                   : pango_language_from_string("en");
}

bool a2b_pdf_lang_is_cjk(PangoLanguage *lang) {
  const char *s = pango_language_to_string(lang);
  return tag_is(s, "zh") || tag_is(s, "ja");
}

bool a2b_pdf_char_is_cjk(gunichar c, bool cjk_para) {
  if (c < 0x2000) return cjk_para && c == 0xB7;
  if (c >= 0x2E80 && c <= 0x9FFF) return true;  /* radicals .. CJK unified ideographs */
  if (c >= 0xF900 && c <= 0xFAFF) return true;  /* compatibility ideographs */
  if (c >= 0xFE30 && c <= 0xFE4F) return true;  /* compatibility forms */
  if (c >= 0xFF01 && c <= 0xFF60) return true;  /* full-width forms */
  if (c >= 0x20000 && c <= 0x3FFFF) return true; /* extensions B.. */
  if (cjk_para)
    return (c >= 0x2014 && c <= 0x201F) || c == 0x2026 || c == 0x2025 || c == 0x2027;
  return false;
}

static PangoAttribute *font_attr(const char *family, const a2b_pdf_span *sp, double size,
                                 PangoStyle style, int start, int end) {
  PangoFontDescription *desc = pango_font_description_new();
  pango_font_description_set_family_static(desc, family);
  pango_font_description_set_weight(desc, sp->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(desc, style);
  pango_font_description_set_absolute_size(desc, size * PANGO_SCALE);
  PangoAttribute *a = pango_attr_font_desc_new(desc);
  pango_font_description_free(desc);
  a->start_index = (guint)start;
  a->end_index = (guint)end;
  return a;
}

void a2b_pdf_ts_span_attrs(a2b_pdf_ts *ts, PangoAttrList *attrs, const a2b_pdf_span *sp,
                           double size, bool cjk_para, const char *text, int start, int end) {
  if (start >= end) return;
  a2b_pdf_face face = sp->code ? A2B_PDF_FACE_MONO : sp->face;
  const char *fam = face == A2B_PDF_FACE_MONO      ? ts->fam_mono
                    : face == A2B_PDF_FACE_HEADING ? ts->fam_heading[cjk_para]
                                                   : ts->fam_body[cjk_para];
  if (!sp->emphasis || face == A2B_PDF_FACE_MONO) {
    pango_attr_list_insert(attrs, font_attr(fam, sp, size, PANGO_STYLE_NORMAL, start, end));
    return;
  }
  /* emphasis: CJK characters upright, in their own face (emphasis dots) or
   * in the emphasis face; others italic in a Latin-first list (so no CJK
   * font is ever slanted) */
  const char *italic = face == A2B_PDF_FACE_HEADING ? ts->fam_heading[0] : ts->fam_body[0];
  int p = start;
  bool cjk = a2b_pdf_char_is_cjk(g_utf8_get_char(text + p), cjk_para);
  for (int i = p; i <= end;) {
    bool c = i < end && a2b_pdf_char_is_cjk(g_utf8_get_char(text + i), cjk_para);
    if (i == end || c != cjk) {
      const char *cjk_fam = ts->st.emphasis_dots ? fam : ts->fam_emph_cjk;
      pango_attr_list_insert(attrs, cjk ? font_attr(cjk_fam, sp, size, PANGO_STYLE_NORMAL, p, i)
                                        : font_attr(italic, sp, size, PANGO_STYLE_ITALIC, p, i));
      p = i;
      cjk = c;
    }
    if (i == end) break;
    i = (int)(g_utf8_next_char(text + i) - text);
  }
}

a2b_diags *a2b_pdf_ts_set_diags(a2b_pdf_ts *ts, a2b_diags *d) {
  a2b_diags *old = ts->diags;
  ts->diags = d;
  return old;
}
