#include "pdf/shape.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

/* One cached shaping: the key (font, language, bidi level, text) and the
 * glyphs, in one block. */
typedef struct centry {
  PangoFont *font;
  PangoLanguage *lang;
  GQuark features; /* OpenType features asked for (0: none) */
  int level;
  int len;
  unsigned hash;
  int n_glyphs;
  PangoGlyphInfo *glyphs;
  int *clusters; /* relative to the piece */
  char text[];
} centry;

typedef struct fontinfo {
  double ascent, descent;
  GHashTable *blank; /* glyph -> A2B_PDF_BLANK_* + 1 */
  int hyphen_state;  /* 0: not shaped yet, 1: `hyphen` holds it, 2: the font has none */
  PangoGlyphInfo hyphen;
} fontinfo;

struct a2b_pdf_shaper {
  GHashTable *cache; /* centry* -> centry* (the same) */
  size_t bytes, max_bytes;
  size_t hits, misses;
  GHashTable *fonts; /* PangoFont* (ref held) -> fontinfo* */
  PangoGlyphString *gs;
  centry *probe;     /* scratch key for look-ups */
  size_t probe_cap;
};

static unsigned hash_bytes(const char *s, int len, unsigned h) {
  for (int i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

static guint centry_hash(gconstpointer p) { return ((const centry *)p)->hash; }

static gboolean centry_equal(gconstpointer a, gconstpointer b) {
  const centry *x = a, *y = b;
  return x->font == y->font && x->lang == y->lang && x->features == y->features &&
         x->level == y->level && x->len == y->len &&
         memcmp(x->text, y->text, (size_t)x->len) == 0;
}

static void fontinfo_unref_font(gpointer font) { g_object_unref(font); }

static void fontinfo_free(gpointer p) {
  fontinfo *fi = p;
  if (fi->blank) g_hash_table_destroy(fi->blank);
  free(fi);
}

a2b_pdf_shaper *a2b_pdf_shaper_new(size_t cache_bytes) {
  a2b_pdf_shaper *sh = a2b_xmalloc(sizeof *sh);
  memset(sh, 0, sizeof *sh);
  sh->cache = g_hash_table_new_full(centry_hash, centry_equal, NULL, free);
  sh->max_bytes = cache_bytes;
  sh->fonts = g_hash_table_new_full(g_direct_hash, g_direct_equal, fontinfo_unref_font,
                                    fontinfo_free);
  sh->gs = pango_glyph_string_new();
  return sh;
}

void a2b_pdf_shaper_free(a2b_pdf_shaper *sh) {
  if (!sh) return;
  g_hash_table_destroy(sh->cache);
  g_hash_table_destroy(sh->fonts);
  pango_glyph_string_free(sh->gs);
  free(sh->probe);
  free(sh);
}

void a2b_pdf_shaper_stats(const a2b_pdf_shaper *sh, size_t *hits, size_t *misses) {
  *hits = sh->hits;
  *misses = sh->misses;
}

static fontinfo *hold_font(a2b_pdf_shaper *sh, PangoFont *font) {
  fontinfo *fi = g_hash_table_lookup(sh->fonts, font);
  if (fi) return fi;
  fi = a2b_xmalloc(sizeof *fi);
  memset(fi, 0, sizeof *fi);
  PangoFontMetrics *m = pango_font_get_metrics(font, NULL);
  fi->ascent = pango_font_metrics_get_ascent(m) / (double)PANGO_SCALE;
  fi->descent = pango_font_metrics_get_descent(m) / (double)PANGO_SCALE;
  pango_font_metrics_unref(m);
  g_hash_table_insert(sh->fonts, g_object_ref(font), fi);
  return fi;
}

void a2b_pdf_font_extents(a2b_pdf_shaper *sh, PangoFont *font, double *ascent, double *descent) {
  fontinfo *fi = hold_font(sh, font);
  *ascent = fi->ascent;
  *descent = fi->descent;
}

int a2b_pdf_glyph_blank(a2b_pdf_shaper *sh, PangoFont *font, PangoGlyph glyph, int advance) {
  fontinfo *fi = hold_font(sh, font);
  if (!fi->blank) fi->blank = g_hash_table_new(g_direct_hash, g_direct_equal);
  gpointer key = GUINT_TO_POINTER(glyph);
  int v = GPOINTER_TO_INT(g_hash_table_lookup(fi->blank, key));
  if (v) return v - 1;
  PangoRectangle ink;
  pango_font_get_glyph_extents(font, glyph, &ink, NULL);
  int half = advance / 2, tol = advance / 32;
  v = 0;
  if (ink.width > 0 && ink.x + ink.width <= half + tol) v |= A2B_PDF_BLANK_RIGHT;
  if (ink.width > 0 && ink.x >= half - tol) v |= A2B_PDF_BLANK_LEFT;
  g_hash_table_insert(fi->blank, key, GINT_TO_POINTER(v + 1));
  return v;
}

bool a2b_pdf_hyphen_glyph(a2b_pdf_shaper *sh, const PangoAnalysis *an, PangoGlyphInfo *out) {
  fontinfo *fi = hold_font(sh, an->font);
  if (!fi->hyphen_state) {
    PangoAnalysis a = *an;
    a.extra_attrs = NULL;
    a.level = 0;
    pango_shape_with_flags("-", 1, "-", 1, &a, sh->gs, PANGO_SHAPE_NONE);
    const PangoGlyphInfo *g = sh->gs->num_glyphs == 1 ? &sh->gs->glyphs[0] : NULL;
    bool ok = g && g->glyph != PANGO_GLYPH_EMPTY && !(g->glyph & PANGO_GLYPH_UNKNOWN_FLAG);
    fi->hyphen_state = ok ? 1 : 2;
    if (ok) fi->hyphen = *g;
  }
  if (fi->hyphen_state != 1) return false;
  *out = fi->hyphen;
  return true;
}

static void grow(void **p, size_t *cap, size_t want, size_t size) {
  if (want <= *cap) return;
  size_t c = *cap ? *cap : 256;
  while (c < want) c *= 2;
  *p = a2b_xrealloc(*p, c * size);
  *cap = c;
}

/* Shape text[off, off+len) with `an` (its extra attributes ask for the
 * OpenType `features`) and append its glyphs to `out`. */
static void shape_piece(a2b_pdf_shaper *sh, const char *text, int off, int len,
                        const PangoAnalysis *an, GQuark features, a2b_pdf_shaped *out) {
  const char *s = text + off;
  grow((void **)&sh->probe, &sh->probe_cap, sizeof(centry) + (size_t)len, 1);
  centry *k = sh->probe;
  k->font = an->font;
  k->lang = an->language;
  k->features = features;
  k->level = an->level;
  k->len = len;
  memcpy(k->text, s, (size_t)len);
  k->hash = hash_bytes(s, len, 2166136261u ^ (unsigned)(uintptr_t)an->font ^
                                   ((unsigned)(uintptr_t)an->language << 7) ^ an->level ^
                                   (features << 3));
  centry *e = g_hash_table_lookup(sh->cache, k);
  if (e) {
    sh->hits++;
  } else {
    sh->misses++;
    pango_shape_with_flags(s, len, s, len, an, sh->gs, PANGO_SHAPE_NONE);
    int n = sh->gs->num_glyphs;
    size_t head = (sizeof(centry) + (size_t)len + 1 + 7) & ~(size_t)7;
    size_t size = head + (size_t)n * (sizeof(PangoGlyphInfo) + sizeof(int));
    if (sh->bytes + size > sh->max_bytes) {
      g_hash_table_remove_all(sh->cache);
      sh->bytes = 0;
    }
    e = a2b_xmalloc(size);
    memcpy(e, k, sizeof(centry) + (size_t)len);
    e->text[len] = 0;
    e->n_glyphs = n;
    e->glyphs = (PangoGlyphInfo *)((char *)e + head);
    e->clusters = (int *)(e->glyphs + n);
    memcpy(e->glyphs, sh->gs->glyphs, (size_t)n * sizeof(PangoGlyphInfo));
    memcpy(e->clusters, sh->gs->log_clusters, (size_t)n * sizeof(int));
    g_hash_table_add(sh->cache, e);
    sh->bytes += size;
  }
  size_t g0 = out->n_glyphs;
  size_t old_cap = out->glyphs_cap;
  grow((void **)&out->glyphs, &out->glyphs_cap, g0 + (size_t)e->n_glyphs, sizeof(PangoGlyphInfo));
  if (out->glyphs_cap != old_cap)
    out->clusters = a2b_xrealloc(out->clusters, out->glyphs_cap * sizeof(int));
  memcpy(out->glyphs + g0, e->glyphs, (size_t)e->n_glyphs * sizeof(PangoGlyphInfo));
  for (int i = 0; i < e->n_glyphs; i++) out->clusters[g0 + (size_t)i] = off + e->clusters[i];
  out->n_glyphs += (size_t)e->n_glyphs;
}

static bool is_space(gunichar c) { return c == ' ' || c == '\t' || c == '\n'; }

/* Full-width punctuation after which a piece may end. */
static bool is_cjk_punct(gunichar c) {
  return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF0F) ||
         (c >= 0xFF1A && c <= 0xFF20);
}

/* The OpenType features an item asks for, as a quark (0: none). */
static GQuark item_features(const PangoItem *item) {
  for (GSList *l = item->analysis.extra_attrs; l; l = l->next) {
    const PangoAttribute *a = l->data;
    if (a->klass->type == PANGO_ATTR_FONT_FEATURES)
      return g_quark_from_string(((const PangoAttrFontFeatures *)a)->features);
  }
  return 0;
}

static void add_seg(a2b_pdf_shaper *sh, const char *text, const PangoItem *item, int off,
                    int len, int span, a2b_pdf_shaped *out) {
  grow((void **)&out->segs, &out->segs_cap, out->n_segs + 1, sizeof *out->segs);
  a2b_pdf_seg *sg = &out->segs[out->n_segs++];
  sg->analysis = item->analysis;
  sg->analysis.extra_attrs = NULL;
  hold_font(sh, item->analysis.font);
  sg->offset = off;
  sg->length = len;
  sg->span = span;
  sg->glyph0 = out->n_glyphs;
  GQuark features = item->analysis.extra_attrs ? item_features(item) : 0;
  shape_piece(sh, text, off, len, features ? &item->analysis : &sg->analysis, features, out);
  sg->n_glyphs = out->n_glyphs - sg->glyph0;
}

void a2b_pdf_shape(a2b_pdf_shaper *sh, PangoContext *ctx, const char *text, int len,
                   PangoAttrList *attrs, const int *span_ends, size_t n_spans,
                   a2b_pdf_shaped *out) {
  out->n_segs = out->n_glyphs = 0;
  if (len == 0) return;
  GList *items = pango_itemize(ctx, text, 0, len, attrs, NULL);
  size_t span = 0;
  for (GList *l = items; l; l = l->next) {
    PangoItem *item = l->data;
    int end = item->offset + item->length;
    int start = item->offset;
    if (item->analysis.level & 1) { /* right to left: one piece per span */
      for (int p = start; p < end;) {
        while (span + 1 < n_spans && span_ends[span] <= p) span++;
        int q = span_ends[span] < end ? span_ends[span] : end;
        add_seg(sh, text, item, p, q - p, (int)span, out);
        p = q;
      }
      pango_item_free(item);
      continue;
    }
    int p = start;
    while (span + 1 < n_spans && span_ends[span] <= p) span++;
    gunichar c = g_utf8_get_char(text + p);
    bool sp = is_space(c);
    for (int i = p; i < end;) {
      const char *next = g_utf8_next_char(text + i);
      int j = (int)(next - text);
      gunichar d = j < end ? g_utf8_get_char(next) : 0;
      bool cut = j >= end || j >= span_ends[span] || is_space(d) != sp || is_cjk_punct(c);
      if (cut) {
        add_seg(sh, text, item, p, j - p, (int)span, out);
        p = j;
        sp = is_space(d);
        while (span + 1 < n_spans && span_ends[span] <= p) span++;
      }
      c = d;
      i = j;
    }
    pango_item_free(item);
  }
  g_list_free(items);
}

void a2b_pdf_shaped_free(a2b_pdf_shaped *s) {
  free(s->segs);
  free(s->glyphs);
  free(s->clusters);
  memset(s, 0, sizeof *s);
}
