#include "pdf/paraitems.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "pdf/breakrules.h"
#include "pdf/hyphen.h"

/* Cost of a break after a hyphen, shown or in the text (TeX's). */
#define HYPHEN_PENALTY 50.0

/* Glue, in em of the paragraph's size. */
#define INTER_IDEOGRAPH_STRETCH 0.15
#define CJK_LATIN_WIDTH 0.25
#define CJK_LATIN_STRETCH 0.25
#define CJK_LATIN_SHRINK 0.125
#define CJK_SPACE_MAX 0.5 /* a space of a CJK paragraph stretches up to this */

typedef struct a2b_pdf_unit unit;

static void grow(void **p, size_t *cap, size_t want, size_t size) {
  if (want <= *cap) return;
  size_t c = *cap ? *cap : 256;
  while (c < want) c *= 2;
  *p = a2b_xrealloc(*p, c * size);
  *cap = c;
}

/* ---- units ------------------------------------------------------------------ */

static unit *add_unit(a2b_pdf_ts *ts) {
  grow((void **)&ts->units, &ts->units_cap, ts->n_units + 1, sizeof *ts->units);
  unit *u = &ts->units[ts->n_units++];
  memset(u, 0, sizeof *u);
  return u;
}

static bool is_latin(gunichar c) { return c < 0x2000 && g_unichar_isalnum(c); }

static void finish_unit(unit *u, const char *text, const PangoGlyphInfo *glyphs, bool cjk) {
  for (unsigned g = u->g0; g < u->g1; g++) u->width += glyphs[g].geometry.width;
  gunichar first = g_utf8_get_char(text + u->b0);
  gunichar last = g_utf8_get_char(g_utf8_prev_char(text + u->b1));
  u->kind = first == '\n' ? A2B_PDF_U_NEWLINE : first == ' ' ? A2B_PDF_U_SPACE : A2B_PDF_U_TEXT;
  u->cjk_first = a2b_pdf_char_is_cjk(first, cjk);
  u->cjk_last = a2b_pdf_char_is_cjk(last, cjk);
  u->ideo_first = a2b_br_is_ideo(first);
  u->ideo_last = a2b_br_is_ideo(last);
  u->latin_first = is_latin(first);
  u->latin_last = is_latin(last);
  bool hyphen = last == '-' || last == 0x2010;
  const char *at = g_utf8_prev_char(text + u->b1);
  gunichar before = at > text ? g_utf8_get_char(g_utf8_prev_char(at)) : ' ';
  u->hyphen_last = hyphen && g_unichar_isalnum(before);
  u->hyphen_lead = hyphen && !g_unichar_isalnum(before);
  u->shy_last = last == 0xAD;
}

/* Break actions per character into ts->brk: our rules, or pango's UAX #14
 * with the prohibitions for text they do not cover. */
static void find_breaks(a2b_pdf_ts *ts, PangoLanguage *lang, bool cjk) {
  const char *text = a2b_buf_cstr(&ts->text);
  int len = (int)ts->text.len;
  long n = g_utf8_strlen(text, len);
  grow((void **)&ts->brk, &ts->brk_cap, (size_t)n + 1, 1);
  if (a2b_br_find(text, (size_t)len, cjk, ts->brk)) return;
  grow((void **)&ts->log, &ts->log_cap, (size_t)n + 1, sizeof *ts->log);
  pango_get_log_attrs(text, len, -1, lang, ts->log, (int)n + 1);
  for (long i = 0; i <= n; i++) ts->brk[i] = ts->log[i].is_line_break ? A2B_BR_ALLOW : A2B_BR_WORD;
  a2b_br_kinsoku(text, (size_t)len, cjk, ts->brk);
}

/* Compressible marks and their blank halves. */
static void mark_punct(a2b_pdf_ts *ts, const a2b_pdf_span *spans, const a2b_pdf_para *p) {
  const char *text = a2b_buf_cstr(&ts->text);
  for (size_t k = 0; k < ts->n_units; k++) {
    unit *u = &ts->units[k];
    if (u->kind != A2B_PDF_U_TEXT || u->g1 != u->g0 + 1 || !u->cjk_first) continue;
    const char *s = text + u->b0;
    if (g_utf8_next_char(s) != text + u->b1 || !a2b_br_is_compressible(g_utf8_get_char(s)))
      continue;
    const a2b_pdf_seg *sg = &ts->shaped.segs[u->seg];
    double size = spans[sg->span].size > 0 ? spans[sg->span].size : p->size;
    int em = (int)lround(size * PANGO_SCALE);
    const PangoGlyphInfo *g = &ts->shaped.glyphs[u->g0];
    if (abs(g->geometry.width - em) > em / 20) continue; /* not set full width */
    u->mark = true;
    int blank = a2b_pdf_glyph_blank(ts->shaper, sg->analysis.font, g->glyph, g->geometry.width);
    if (blank & A2B_PDF_BLANK_RIGHT) u->trim_r = g->geometry.width / 2;
    if ((blank & A2B_PDF_BLANK_LEFT) && k > 0) u->trim_l = g->geometry.width / 2;
  }
}

void a2b_pdf_units_make(a2b_pdf_ts *ts, const a2b_pdf_span *spans, const a2b_pdf_para *p,
                        PangoLanguage *lang, bool cjk, bool half) {
  const char *text = a2b_buf_cstr(&ts->text);
  a2b_pdf_shaped *sh = &ts->shaped;
  ts->n_units = 0;
  for (size_t s = 0; s < sh->n_segs; s++) {
    const a2b_pdf_seg *sg = &sh->segs[s];
    if (!sg->n_glyphs) continue;
    unsigned g0 = (unsigned)sg->glyph0, end = (unsigned)(sg->glyph0 + sg->n_glyphs);
    if (sg->analysis.level & 1) { /* right to left: one unbreakable cluster */
      unit *u = add_unit(ts);
      *u = (unit){.b0 = sg->offset, .b1 = sg->offset + sg->length, .g0 = g0, .g1 = end,
                  .seg = (int)s};
      finish_unit(u, text, sh->glyphs, cjk);
      continue;
    }
    for (unsigned g = g0; g < end;) {
      unsigned h = g + 1;
      while (h < end && sh->clusters[h] == sh->clusters[g]) h++;
      unit *u = add_unit(ts);
      u->b0 = sh->clusters[g];
      u->b1 = h < end ? sh->clusters[h] : sg->offset + sg->length;
      u->g0 = g;
      u->g1 = h;
      u->seg = (int)s;
      finish_unit(u, text, sh->glyphs, cjk);
      g = h;
    }
  }
  find_breaks(ts, lang, cjk);
  if (half && !p->code) mark_punct(ts, spans, p);
}

/* ---- items ------------------------------------------------------------------ */

static a2b_lb_item *add_item(a2b_pdf_ts *ts, a2b_lb_kind kind, int ref) {
  grow((void **)&ts->items, &ts->items_cap, ts->n_items + 1, sizeof *ts->items);
  a2b_lb_item *it = &ts->items[ts->n_items++];
  memset(it, 0, sizeof *it);
  it->kind = kind;
  it->ref = ref;
  return it;
}

static void add_penalty(a2b_pdf_ts *ts, double penalty, bool flagged, int ref) {
  a2b_lb_item *it = add_item(ts, A2B_LB_PENALTY, ref);
  it->penalty = penalty;
  it->flagged = flagged;
}

static void add_glue(a2b_pdf_ts *ts, a2b_lb_class cls, double w, double y, double z, int ref) {
  a2b_lb_item *g = add_item(ts, A2B_LB_GLUE, ref);
  g->cls = (unsigned char)cls;
  g->width = w;
  g->stretch = y;
  g->shrink = z;
}

static const a2b_pdf_span *span_of(const a2b_pdf_ts *ts, const a2b_pdf_span *spans,
                                   const unit *u) {
  return &spans[ts->shaped.segs[u->seg].span];
}

/* Link text that is itself a URL. */
static bool is_url(const a2b_pdf_span *sp) {
  return sp->link_uri && sp->text &&
         (memmem(sp->text, sp->len, "://", 3) || (sp->len > 4 && !memcmp(sp->text, "www.", 4)));
}

/* The quarter em between CJK text and Latin text: units a and b side by
 * side in a CJK paragraph, not both in code (inline code next to CJK text
 * is spaced like any Latin word) nor both in one URL. */
static bool cjk_latin_gap(const a2b_pdf_ts *ts, const a2b_pdf_span *spans, const unit *a,
                          const unit *b) {
  if (!((a->ideo_last && b->latin_first) || (a->latin_last && b->ideo_first))) return false;
  const a2b_pdf_span *x = span_of(ts, spans, a), *y = span_of(ts, spans, b);
  if (x->code && y->code) return false;
  return !(x == y && is_url(x));
}

/* Characters in units [k, end). */
static int chars_in(const a2b_pdf_ts *ts, size_t k, size_t end) {
  const char *text = a2b_buf_cstr(&ts->text);
  int n = 0;
  for (; k < end; k++)
    n += (int)g_utf8_strlen(text + ts->units[k].b0, ts->units[k].b1 - ts->units[k].b0);
  return n;
}

/* The items of a space (outside code) at unit k, character ci. */
static void space_items(a2b_pdf_ts *ts, const a2b_pdf_span *spans, bool cjk, double em,
                        size_t k, int ci, bool in_box) {
  unit *u = &ts->units[k];
  const unit *prev = k ? &ts->units[k - 1] : NULL;
  int ref = (int)k;
  double w = u->width / (double)PANGO_SCALE;
  bool fixed = span_of(ts, spans, u)->code;
  double y = fixed ? 0 : cjk ? fmax(0, CJK_SPACE_MAX * em - w) : w / 2, z = fixed ? 0 : w / 3;
  a2b_lb_item *last = ts->n_items ? &ts->items[ts->n_items - 1] : NULL;
  if (!in_box && last && last->kind == A2B_LB_GLUE && prev && prev->kind == A2B_PDF_U_SPACE) {
    if (last->cls == A2B_LB_SPACE) /* consecutive spaces: one glue */
      last->width += w, last->stretch += y, last->shrink += z;
    return;                        /* (a CJK-Latin gap stands for all of them) */
  }
  size_t next = k;
  while (next < ts->n_units && ts->units[next].kind == A2B_PDF_U_SPACE) next++;
  bool can = ts->brk[ci + chars_in(ts, k, next)] == A2B_BR_ALLOW;
  if (in_box && !can) add_penalty(ts, A2B_LB_INF, false, ref);
  if (in_box && prev->trim_r) {
    double t = prev->trim_r / (double)PANGO_SCALE;
    add_glue(ts, A2B_LB_PUNCT, t, 0, t, ref);
  }
  if (cjk && !fixed && prev && prev->kind == A2B_PDF_U_TEXT && next < ts->n_units &&
      ts->units[next].kind == A2B_PDF_U_TEXT &&
      cjk_latin_gap(ts, spans, prev, &ts->units[next]))
    add_glue(ts, A2B_LB_CJK_LATIN, CJK_LATIN_WIDTH * em, CJK_LATIN_STRETCH * em,
             CJK_LATIN_SHRINK * em, ref);
  else
    add_glue(ts, A2B_LB_SPACE, w, y, z, ref);
}

/* ---- hyphenation -------------------------------------------------------- */

/* The language whose patterns hyphenate a span. */
static const char *hyph_lang(const a2b_pdf_span *sp, const char *para, bool cjk) {
  if (sp->lang && *sp->lang) return sp->lang;
  return cjk ? "en" : para;
}

/* Hyphenation points per character into ts->hyph_at: the words of each
 * run of spans with one language, code spans and URL links skipped. */
static void find_hyphens(a2b_pdf_ts *ts, const a2b_pdf_span *spans, const a2b_pdf_para *p,
                         bool cjk) {
  const char *text = a2b_buf_cstr(&ts->text);
  size_t len = ts->text.len, n = (size_t)g_utf8_strlen(text, (gssize)len);
  grow((void **)&ts->hyph_at, &ts->hyph_cap, n + 1, 1);
  ts->hyph_skip = a2b_xrealloc(ts->hyph_skip, ts->hyph_cap);
  memset(ts->hyph_at, 0, n + 1);
  if (!len) return;
  const char *para = pango_language_to_string(a2b_pdf_ts_language(ts, p->lang));
  a2b_pdf_hyph_rules r = {ts->st.hyphen_min_word, ts->st.hyphen_left, ts->st.hyphen_right};
  size_t ci = 0;
  for (size_t i = 0, b = 0; b < len; i++) { /* span i: bytes [b, span_ends[i]) */
    size_t e = (size_t)ts->span_ends[i], k = (size_t)g_utf8_strlen(text + b, (gssize)(e - b));
    memset(ts->hyph_skip + ci, spans[i].code || is_url(&spans[i]), k);
    ci += k;
    b = e;
  }
  ci = 0;
  for (size_t i = 0, b = 0; b < len;) { /* spans [i, j) share a language */
    const char *lang = hyph_lang(&spans[i], para, cjk);
    size_t j = i + 1;
    while ((size_t)ts->span_ends[j - 1] < len && !strcmp(hyph_lang(&spans[j], para, cjk), lang))
      j++;
    size_t e = (size_t)ts->span_ends[j - 1];
    a2b_pdf_hyph_text(ts->hyph, lang, &r, text + b, e - b, ts->hyph_skip + ci, ts->hyph_at + ci);
    ci += (size_t)g_utf8_strlen(text + b, (gssize)(e - b));
    b = e;
    i = j;
  }
}

/* Drop the points of words (units between break opportunities) no wider
 * than `width`. */
static void keep_wide_words(a2b_pdf_ts *ts, double width) {
  const char *text = a2b_buf_cstr(&ts->text);
  int ci = 0, word_ci = 0, w = 0;
  for (size_t k = 0; k <= ts->n_units; k++) {
    const unit *u = k < ts->n_units ? &ts->units[k] : NULL;
    if (!u || u->kind != A2B_PDF_U_TEXT || ts->brk[ci] == A2B_BR_ALLOW) {
      if (w / (double)PANGO_SCALE <= width)
        memset(ts->hyph_at + word_ci, 0, (size_t)(ci - word_ci));
      word_ci = ci;
      w = 0;
    }
    if (!u) break;
    if (u->kind == A2B_PDF_U_TEXT) w += u->width;
    ci += (int)g_utf8_strlen(text + u->b0, u->b1 - u->b0);
  }
}

/* The penalty of a hyphen shown after unit `prev`: flagged, as wide as the
 * hyphen in its font. False when the font has none. */
static bool add_hyphen(a2b_pdf_ts *ts, const unit *prev, int ref) {
  PangoGlyphInfo g;
  if (!a2b_pdf_hyphen_glyph(ts->shaper, &ts->shaped.segs[prev->seg].analysis, &g)) return false;
  add_penalty(ts, HYPHEN_PENALTY, true, ref);
  ts->items[ts->n_items - 1].width = g.geometry.width / (double)PANGO_SCALE;
  return true;
}

void a2b_pdf_items_make(a2b_pdf_ts *ts, const a2b_pdf_span *spans, const a2b_pdf_para *p,
                        bool cjk, double emergency, bool hyphenate) {
  const char *text = a2b_buf_cstr(&ts->text);
  const unsigned char *brk = ts->brk;
  bool code = p->code;
  double em = p->size;
  ts->n_items = 0;
  hyphenate = hyphenate && emergency > 0 && ts->st.hyphenate && !code;
  if (hyphenate) {
    find_hyphens(ts, spans, p, cjk);
    if (cjk || p->role == A2B_PDF_ROLE_HEADING || p->align != A2B_PDF_JUSTIFY)
      keep_wide_words(ts, emergency);
  }
  int ci = 0;          /* character index of the unit's first byte */
  bool in_box = false; /* the last item is a box still growing */
  for (size_t k = 0; k < ts->n_units; k++) {
    unit *u = &ts->units[k];
    const unit *prev = k ? &ts->units[k - 1] : NULL;
    int ref = (int)k;
    double w = (u->width - u->trim_l - u->trim_r) / (double)PANGO_SCALE;
    if (u->kind == A2B_PDF_U_NEWLINE) {
      add_penalty(ts, -A2B_LB_INF, false, ref);
      in_box = false;
    } else if (u->kind == A2B_PDF_U_SPACE && !code) {
      space_items(ts, spans, cjk, em, k, ci, in_box);
      in_box = false;
    } else {
      unsigned char act = brk[ci];
      if (in_box && prev) {
        bool can = act == A2B_BR_ALLOW;
        /* blank halves given back in mid-line: all but one half of a pair */
        int pair = prev->mark && u->mark ? (prev->trim_r ? prev->trim_r : u->trim_l) : 0;
        double pw = (prev->trim_r + u->trim_l - pair) / (double)PANGO_SCALE;
        bool gap = cjk && !code && cjk_latin_gap(ts, spans, prev, u);
        bool ideo = !code && prev->cjk_last && u->cjk_first;
        if (pw > 0 || gap || ideo) {
          if (!can) add_penalty(ts, A2B_LB_INF, false, ref);
          if (pw > 0) add_glue(ts, A2B_LB_PUNCT, pw, 0, pw, ref);
          if (gap)
            add_glue(ts, A2B_LB_CJK_LATIN, CJK_LATIN_WIDTH * em, CJK_LATIN_STRETCH * em,
                     CJK_LATIN_SHRINK * em, ref);
          if (ideo) add_glue(ts, A2B_LB_INTER_IDEOGRAPH, 0, INTER_IDEOGRAPH_STRETCH * em, 0, ref);
          in_box = false;
        } else if (can && emergency > 0 && !code && prev->shy_last && add_hyphen(ts, prev, ref)) {
          in_box = false; /* after a soft hyphen: the hyphen shows */
        } else if ((can && !(prev->hyphen_lead && !code)) || (code && act != A2B_BR_NEVER)) {
          /* never a break after a hyphen that starts a word: `-Zflag`, `--opt` */
          bool hy = prev->hyphen_last && !code;
          add_penalty(ts, hy ? HYPHEN_PENALTY : 0, hy, ref);
          in_box = false;
        } else if (hyphenate && act == A2B_BR_WORD && ts->hyph_at[ci] &&
                   add_hyphen(ts, prev, ref)) {
          in_box = false;
        }
      } else if (!in_box && u->trim_l && ts->n_items) {
        double t = u->trim_l / (double)PANGO_SCALE; /* after a space: given back */
        add_glue(ts, A2B_LB_PUNCT, t, 0, t, ref);
      }
      /* A word wider than the line is cut where it would stick out, even
       * before a mark that may not start a line: a cut rule beats text
       * across a table's border. */
      if (in_box && emergency > 0 && ts->items[ts->n_items - 1].width + w > emergency) {
        add_penalty(ts, A2B_PDF_EMERGENCY_PENALTY, false, ref);
        in_box = false;
      }
      if (in_box) {
        ts->items[ts->n_items - 1].width += w;
      } else {
        add_item(ts, A2B_LB_BOX, ref)->width = w;
        in_box = true;
      }
    }
    ci += (int)g_utf8_strlen(text + u->b0, u->b1 - u->b0);
  }
}

size_t a2b_pdf_items_line_start(const a2b_pdf_ts *ts, size_t b) {
  size_t j = b + 1;
  while (j < ts->n_items && ts->items[j].kind != A2B_LB_BOX &&
         !(ts->items[j].kind == A2B_LB_PENALTY && ts->items[j].penalty <= -A2B_LB_INF))
    j++;
  return j;
}

void a2b_pdf_items_apply(a2b_pdf_ts *ts, size_t s, size_t b, const double *ratios) {
  double acc = 0;
  long applied = 0;
  for (size_t i = s; i < b; i++) {
    const a2b_lb_item *it = &ts->items[i];
    if (it->kind != A2B_LB_GLUE) continue;
    double r = ratios ? ratios[it->cls] : 0;
    double width = it->width + (r > 0 ? r * it->stretch : r * it->shrink);
    size_t target = (size_t)it->ref - 1;
    if (it->cls != A2B_LB_PUNCT && (size_t)it->ref < ts->n_units &&
        ts->units[it->ref].kind == A2B_PDF_U_SPACE) {
      target = (size_t)it->ref; /* the glue takes the place of the spaces */
      for (size_t j = target; j < ts->n_units && ts->units[j].kind == A2B_PDF_U_SPACE; j++)
        width -= ts->units[j].width / (double)PANGO_SCALE;
    }
    acc += width;
    long total = lround(acc * PANGO_SCALE);
    ts->units[target].extra += (int)(total - applied);
    applied = total;
  }
}
