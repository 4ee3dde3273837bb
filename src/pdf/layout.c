/* Block layout: an article's header and body -> a vertical list. This file:
 * the article, the space between blocks, paragraphs, headings, thematic
 * breaks, footnote bodies and destinations. */
#include "pdf/layout.h"

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "pdf/layout_int.h"

/* "@a1" for the first article: '@' is no XML name character, so no node id
 * (resolve makes them XML names) can take the same name. */
const char *a2b_pdf_article_dest(const a2b_article *art, char buf[32]) {
  snprintf(buf, 32, "@a%zu", art->index + 1);
  return buf;
}

/* The EPUB's footnote ids (resolve keeps them free), as destinations. */
const char *a2b_pdf_lay_note_dest(const a2b_pdf_lay *L, int number) {
  return a2b_sprintf(L->a->c->arena, "fn-a%zu-%d", L->a->art->index + 1, number);
}

const char *a2b_pdf_lay_link_dest(const a2b_pdf_lay *L, const a2b_node *link) {
  if (link->u.link.fragment) return link->u.link.fragment;
  char buf[32];
  return a2b_strdup(L->a->c->arena, a2b_pdf_article_dest(link->u.link.target, buf));
}

const a2b_pdf_lay_labels *a2b_pdf_lay_labels_for(const char *lang) {
  static const a2b_pdf_lay_labels en = {
      {"Note", "Tip", "Important", "Warning", "Caution", "Details"}, ", ", "Source: "};
  static const a2b_pdf_lay_labels zh = {
      {"注", "提示", "重要", "警告", "注意", "详情"}, "、", "原文："};
  static const a2b_pdf_lay_labels ja = {
      {"メモ", "ヒント", "重要", "警告", "注意", "詳細"}, "、", "出典："};
  if (lang && !strncmp(lang, "zh", 2)) return &zh;
  if (lang && !strncmp(lang, "ja", 2)) return &ja;
  return &en;
}

static void mark(a2b_pdf_lay *L, const char *dest, const char *title, int level) {
  a2b_pdf_vitem *m = a2b_pdf_lay_push(L, A2B_PDF_V_MARK);
  m->u.mark.dest = dest;
  m->u.mark.outline_title = title;
  m->u.mark.outline_level = level;
}

/* ---- footnote bodies ------------------------------------------------------ */

a2b_pdf_vlist *a2b_pdf_lay_note(a2b_pdf_lay *L, const a2b_node *def) {
  a2b_pdf_lay_art *A = L->a;
  for (size_t i = 0; i < A->n_notes; i++)
    if (A->notes[i] == def) return NULL;
  if (A->n_notes == A->cap_notes) {
    A->cap_notes = A->cap_notes ? A->cap_notes * 2 : 8;
    A->notes = a2b_xrealloc(A->notes, A->cap_notes * sizeof *A->notes);
  }
  A->notes[A->n_notes++] = def;

  a2b_arena *arena = A->c->arena;
  const a2b_pdf_style *st = A->c->st;
  a2b_pdf_vlist *v = a2b_alloc(arena, sizeof *v);
  a2b_pdf_lay N = {0};
  N.a = A;
  N.out = v;
  N.lang = A->art->lang;
  N.size = st->small_size;
  N.pitch = st->small_pitch;
  N.measure = A->c->measure;
  N.no_indent = N.in_note = true;
  N.role = A2B_PDF_ROLE_FOOTNOTE;
  a2b_pdf_span style = a2b_pdf_lay_style(&N);
  a2b_pdf_span *lead = a2b_alloc(arena, 2 * sizeof *lead);
  lead[0] = lead[1] = style;
  lead[0].text = a2b_sprintf(arena, "%d", def->u.footnote.number);
  lead[0].len = strlen(lead[0].text);
  lead[0].anchor = a2b_pdf_lay_note_dest(L, def->u.footnote.number);
  lead[1].text = "  ";
  lead[1].len = 2;
  N.lead = lead;
  N.n_lead = 2;
  if (!def->first_child || def->first_child->type != A2B_NODE_PARAGRAPH) {
    a2b_pdf_spans none = {0};
    a2b_pdf_para p = a2b_pdf_lay_para(&N);
    a2b_pdf_lay_set(&N, &none, &p);
    a2b_pdf_spans_free(&none);
  }
  a2b_pdf_lay_blocks(&N, def->first_child);
  return v;
}

/* ---- paragraphs and headings ------------------------------------------------ */

static bool blank_text(const a2b_node *n) {
  if (n->type == A2B_NODE_SOFTBREAK || n->type == A2B_NODE_LINEBREAK) return true;
  if (n->type != A2B_NODE_TEXT || !n->u.literal) return false;
  return strspn(n->u.literal, " \t\n") == strlen(n->u.literal);
}

/* The image of a child that is an image, or a link holding only an image. */
static const a2b_node *image_of(const a2b_node *n) {
  if (n->type == A2B_NODE_LINK && n->first_child && n->first_child == n->last_child)
    n = n->first_child;
  return n->type == A2B_NODE_IMAGE ? n : NULL;
}

/* A paragraph holding images and nothing else shows them as figures. */
static bool only_images(const a2b_node *para) {
  bool any = false;
  for (const a2b_node *c = para->first_child; c; c = c->next) {
    if (image_of(c))
      any = true;
    else if (!blank_text(c))
      return false;
  }
  return any;
}

static void paragraph(a2b_pdf_lay *L, const a2b_node *n) {
  if (only_images(n)) {
    a2b_pdf_lay_flush_marker(L);
    bool first = true;
    for (const a2b_node *c = n->first_child; c; c = c->next) {
      const a2b_node *img = image_of(c);
      if (!img) continue;
      if (!first) a2b_pdf_lay_glue(L, L->a->c->st->line_pitch / 2);
      a2b_pdf_lay_figure(L, img, NULL);
      first = false;
    }
    return;
  }
  a2b_pdf_spans s = {0};
  a2b_pdf_span style = a2b_pdf_lay_style(L);
  a2b_pdf_spans_inlines(L, n->first_child, &style, &s);
  a2b_pdf_para p = a2b_pdf_lay_para(L);
  const a2b_pdf_style *st = L->a->c->st;
  if (!L->no_indent && !L->marker) {
    if (!strncmp(L->lang, "zh", 2))
      p.indent = st->indent_zh_em * L->size;
    else if (!strncmp(L->lang, "ja", 2))
      p.indent = st->indent_ja_em * L->size;
  }
  if (s.n || L->n_lead || L->marker) a2b_pdf_lay_set(L, &s, &p);
  a2b_pdf_spans_free(&s);
}

/* The heading's depth below the article title: 1 for the article's top level. */
static int relative_level(const a2b_pdf_lay *L, const a2b_node *n) {
  int r = n->u.heading.level - L->a->top_level + 1;
  return r < 1 ? 1 : r > 5 ? 5 : r;
}

static void heading(a2b_pdf_lay *L, const a2b_node *n) {
  const a2b_pdf_style *st = L->a->c->st;
  int r = relative_level(L, n);
  double size = st->heading_size[r], pitch = a2b_pdf_lay_grid(L, size * 1.25);
  if (pitch < L->pitch) pitch = L->pitch;
  double body = st->line_pitch;
  double above = r == 1 ? body * 1.5 : r == 2 ? body : body / 2;
  double below = r <= 2 ? body / 2 : 0;
  const a2b_pdf_vitem *last = L->out->n ? &L->out->items[L->out->n - 1] : NULL;
  if (last && !(last->kind == A2B_PDF_V_GLUE && last->shade_depth == L->n_shades))
    a2b_pdf_lay_glue(L, above); /* none after space of this level (the header's) */
  if (n->id) mark(L, n->id, a2b_node_plain_text(L->a->c->arena, n), r);
  a2b_pdf_spans s = {0};
  a2b_pdf_span style = a2b_pdf_lay_style(L);
  style.face = A2B_PDF_FACE_HEADING;
  style.bold = true;
  style.size = size;
  a2b_pdf_spans_inlines(L, n->first_child, &style, &s);
  a2b_pdf_para p = a2b_pdf_lay_para(L);
  p.size = size;
  p.pitch = pitch;
  p.align = A2B_PDF_LEFT;
  p.role = A2B_PDF_ROLE_HEADING;
  size_t from = L->out->n;
  a2b_pdf_lay_balance(L, &s, &p);
  if (s.n) a2b_pdf_lay_set(L, &s, &p);
  a2b_pdf_spans_free(&s);
  a2b_pdf_lay_keep_lines(L, from);
  a2b_pdf_lay_keep_space(L, below);
}

/* A short centred rule. Right under a heading (a rule some authors put
 * there) it is kept with what follows too, so the heading never ends a page. */
static void thematic_break(a2b_pdf_lay *L, const a2b_node *n) {
  double half = L->a->c->st->line_pitch / 2;
  a2b_pdf_lay_glue(L, half);
  a2b_pdf_vitem *r = a2b_pdf_lay_push(L, A2B_PDF_V_RULE);
  r->width = L->measure * 0.3;
  r->x = L->left + (L->measure - r->width) / 2;
  r->u.thickness = 0.6;
  if (n->prev && n->prev->type == A2B_NODE_HEADING)
    a2b_pdf_lay_keep_space(L, half);
  else
    a2b_pdf_lay_glue(L, half);
}

/* ---- blocks ------------------------------------------------------------------- */

static bool is_para(const a2b_node *n) { return n->type == A2B_NODE_PARAGRAPH && !only_images(n); }

/* Space between two sibling blocks (headings make their own). */
static void separate(a2b_pdf_lay *L, const a2b_node *prev, const a2b_node *n) {
  if (prev->type == A2B_NODE_HEADING || n->type == A2B_NODE_HEADING) return;
  const a2b_pdf_style *st = L->a->c->st;
  double space;
  if (L->tight)
    space = 0;
  else if (a2b_pdf_lay_cjk(L->lang))
    space =
        (is_para(prev) || prev->type == A2B_NODE_LIST) && (is_para(n) || n->type == A2B_NODE_LIST)
            ? 0
            : st->line_pitch / 2;
  else {
    space = a2b_pdf_lay_grid(L, st->paragraph_space);
    if (!(is_para(prev) && is_para(n)) && space < st->line_pitch / 2) space = st->line_pitch / 2;
  }
  if (space > 0)
    a2b_pdf_lay_glue(L, space);
  else
    a2b_pdf_lay_penalty(L, 0);
}

static void block(a2b_pdf_lay *L, const a2b_node *n) {
  const char *lang = L->lang;
  if (n->lang) L->lang = n->lang;
  if (n->type != A2B_NODE_PARAGRAPH) a2b_pdf_lay_flush_marker(L);
  if (n->id && n->type != A2B_NODE_HEADING) mark(L, n->id, NULL, 0);
  switch (n->type) {
  case A2B_NODE_PARAGRAPH: paragraph(L, n); break;
  case A2B_NODE_HEADING: heading(L, n); break;
  case A2B_NODE_CODE_BLOCK: a2b_pdf_lay_code(L, n); break;
  case A2B_NODE_MATH_BLOCK: a2b_pdf_lay_math(L, n); break;
  case A2B_NODE_QUOTE: a2b_pdf_lay_quote(L, n); break;
  case A2B_NODE_ASIDE: a2b_pdf_lay_aside(L, n); break;
  case A2B_NODE_LIST: a2b_pdf_lay_list(L, n); break;
  case A2B_NODE_TABLE: a2b_pdf_lay_table(L, n); break;
  case A2B_NODE_THEMATIC_BREAK: thematic_break(L, n); break;
  case A2B_NODE_FIGURE: {
    const a2b_node *img = NULL, *cap = NULL;
    for (const a2b_node *c = n->first_child; c; c = c->next)
      if (c->type == A2B_NODE_IMAGE && !img)
        img = c;
      else if (c->type == A2B_NODE_CAPTION && !cap)
        cap = c;
    if (img) a2b_pdf_lay_figure(L, img, cap);
    break;
  }
  case A2B_NODE_FOOTNOTE_DEF: break; /* laid out where referenced */
  default:
    if (a2b_node_is_inline(n->type)) break; /* never a block in a loaded model */
    a2b_pdf_lay_blocks(L, n->first_child);  /* DIV, CAPTION, stray containers */
    break;
  }
  L->lang = lang;
}

void a2b_pdf_lay_blocks(a2b_pdf_lay *L, const a2b_node *first) {
  const a2b_node *prev = NULL;
  for (const a2b_node *n = first; n; n = n->next) {
    if (n->type == A2B_NODE_FOOTNOTE_DEF) continue;
    if (prev) separate(L, prev, n);
    block(L, n);
    prev = n;
  }
}

/* ---- the article ---------------------------------------------------------------- */

static int top_level(const a2b_node *n) {
  int top = 7;
  for (const a2b_node *c = n->first_child; c; c = c->next) {
    int t = c->type == A2B_NODE_HEADING ? c->u.heading.level : top_level(c);
    if (t < top) top = t;
  }
  return top;
}

/* Header text: small, in `color` (a link when `uri` is set). */
static void header_text(a2b_pdf_lay *L, a2b_pdf_spans *s, const char *text, unsigned color,
                        const char *uri) {
  a2b_pdf_span style = a2b_pdf_lay_style(L);
  style.size = L->a->c->st->small_size;
  style.color = color;
  style.link_uri = uri;
  a2b_pdf_spans_push(s, &style, text, strlen(text));
}

/* Set header text as its own paragraph, kept with what comes before. */
static void header_set(a2b_pdf_lay *L, a2b_pdf_spans *s, a2b_pdf_align align) {
  a2b_pdf_para p = a2b_pdf_lay_para(L);
  p.size = L->a->c->st->small_size;
  p.pitch = L->a->c->st->small_pitch;
  p.align = align;
  p.role = A2B_PDF_ROLE_META;
  a2b_pdf_lay_penalty(L, A2B_PDF_INF);
  a2b_pdf_lay_set(L, s, &p);
  a2b_pdf_spans_free(s);
}

static const char *joined(a2b_arena *arena, const a2b_strlist *l, const char *before,
                          const char *sep) {
  const char *out = "";
  for (size_t i = 0; i < l->n; i++)
    out = a2b_sprintf(arena, "%s%s%s%s", out, i ? sep : "", before, l->items[i]);
  return out;
}

/* Title, date and authors, tags, summary, source URL, then a rule. */
static void header(a2b_pdf_lay *L, const a2b_article *art) {
  a2b_pdf_layout_ctx *c = L->a->c;
  const a2b_pdf_style *st = c->st;
  char buf[32];
  a2b_pdf_vitem *m = a2b_pdf_lay_push(L, A2B_PDF_V_MARK);
  m->u.mark.dest = a2b_strdup(c->arena, a2b_pdf_article_dest(art, buf));
  m->u.mark.outline_title = art->title;
  m->u.mark.outline_level = 0;
  m->u.mark.article = art;

  size_t from = L->out->n;
  a2b_pdf_spans s = {0};
  a2b_pdf_span style = a2b_pdf_lay_style(L);
  style.face = A2B_PDF_FACE_HEADING;
  style.bold = true;
  style.size = st->heading_size[0];
  a2b_pdf_spans_push(&s, &style, art->title, strlen(art->title));
  a2b_pdf_para p = a2b_pdf_lay_para(L);
  p.size = st->heading_size[0];
  p.pitch = a2b_pdf_lay_grid(L, st->heading_size[0] * 1.35);
  p.align = A2B_PDF_LEFT;
  p.role = A2B_PDF_ROLE_META;
  a2b_pdf_lay_balance(L, &s, &p);
  a2b_pdf_lay_set(L, &s, &p);
  a2b_pdf_spans_free(&s);
  a2b_pdf_lay_keep_space(L, st->line_pitch / 2);

  const a2b_pdf_lay_labels *lb = a2b_pdf_lay_labels_for(art->lang);
  const char *meta = "";
  if (art->date.set)
    meta = a2b_sprintf(c->arena, "%04d-%02d-%02d", art->date.year, art->date.month, art->date.day);
  if (art->authors.n)
    meta = a2b_sprintf(c->arena, "%s%s%s", meta, *meta ? "  \xC2\xB7  " : "",
                       joined(c->arena, &art->authors, "", lb->author_sep));
  a2b_pdf_spans t = {0};
  if (*meta) {
    header_text(L, &t, meta, A2B_PDF_LAY_GREY, NULL);
    header_set(L, &t, A2B_PDF_LEFT);
  }
  if (art->tags.n) {
    header_text(L, &t, joined(c->arena, &art->tags, "#", "  "), A2B_PDF_LAY_GREY, NULL);
    header_set(L, &t, A2B_PDF_LEFT);
  }
  if (art->summary && *art->summary) {
    header_text(L, &t, art->summary, A2B_PDF_LAY_GREY, NULL);
    header_set(L, &t, A2B_PDF_JUSTIFY);
  }
  if (art->source_url && *art->source_url) {
    header_text(L, &t, lb->source, A2B_PDF_LAY_GREY, NULL);
    header_text(L, &t, art->source_url, st->link_color, art->source_url);
    header_set(L, &t, A2B_PDF_LEFT);
  }
  a2b_pdf_lay_keep_lines(L, from);
  a2b_pdf_lay_snap(L, from);
  a2b_pdf_lay_glue(L, st->line_pitch / 2);
  a2b_pdf_vitem *r = a2b_pdf_lay_push(L, A2B_PDF_V_RULE);
  r->x = L->left;
  r->width = L->measure;
  r->u.thickness = 0.5;
  a2b_pdf_lay_glue(L, st->line_pitch);
}

void a2b_pdf_layout_article(a2b_pdf_layout_ctx *c, const a2b_article *art, a2b_pdf_vlist *out) {
  a2b_pdf_lay_art A = {0};
  A.c = c;
  A.art = art;
  A.top_level = art->body ? top_level(art->body) : 7;
  if (A.top_level > 6) A.top_level = 1;
  a2b_pdf_lay L = {0};
  L.a = &A;
  L.out = out;
  L.lang = art->lang ? art->lang : "en";
  L.size = c->st->body_size;
  L.pitch = c->st->line_pitch;
  L.measure = c->measure;
  header(&L, art);
  if (art->body) a2b_pdf_lay_blocks(&L, art->body->first_child);
  free(A.notes);
}
