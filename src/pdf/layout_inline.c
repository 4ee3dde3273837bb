/* Model inlines -> spans for the text engine. */
#include <string.h>

#include "arena.h"
#include "pdf/layout_int.h"

a2b_pdf_span *a2b_pdf_spans_push(a2b_pdf_spans *s, const a2b_pdf_span *style, const char *text,
                                 size_t len) {
  if (s->n == s->cap) {
    s->cap = s->cap ? s->cap * 2 : 16;
    s->v = a2b_xrealloc(s->v, s->cap * sizeof *s->v);
  }
  a2b_pdf_span *sp = &s->v[s->n++];
  *sp = *style;
  sp->text = text;
  sp->len = len;
  return sp;
}

void a2b_pdf_spans_free(a2b_pdf_spans *s) {
  free(s->v);
  free(s->breaks);
  memset(s, 0, sizeof *s);
}

void a2b_pdf_spans_break(a2b_pdf_spans *s) {
  if (s->n_breaks == s->cap_breaks) {
    s->cap_breaks = s->cap_breaks ? s->cap_breaks * 2 : 4;
    s->breaks = a2b_xrealloc(s->breaks, s->cap_breaks * sizeof *s->breaks);
  }
  s->breaks[s->n_breaks++] = s->n;
}

/* Walking state: the style in force and an id waiting for the next span. */
typedef struct walk {
  a2b_pdf_lay *L;
  a2b_pdf_spans *s;
  const char *anchor;
} walk;

static void text(walk *w, const a2b_pdf_span *st, const char *t, size_t len) {
  if (!len) return;
  a2b_pdf_span *sp = a2b_pdf_spans_push(w->s, st, t, len);
  if (w->anchor) sp->anchor = w->anchor, w->anchor = NULL;
}

static void put(walk *w, const a2b_pdf_span *st, const char *t) { text(w, st, t, strlen(t)); }

static void inlines(walk *w, const a2b_node *first, const a2b_pdf_span *st);
static void node(walk *w, const a2b_node *n, const a2b_pdf_span *st);

/* A footnote reference: a raised number linked to the note, which carries
 * the note's body the first time the note is referenced. */
static void note_ref(walk *w, const a2b_node *n, const a2b_pdf_span *st) {
  a2b_pdf_span s = *st;
  s.size = st->size * 0.7;
  s.rise = st->size * 0.35;
  s.link_uri = NULL;
  s.link_dest = NULL;
  a2b_arena *arena = w->L->a->c->arena;
  const a2b_node *def = n->u.footnote.def;
  if (!def) {
    put(w, &s, a2b_sprintf(arena, "[%s]", n->u.footnote.label ? n->u.footnote.label : "?"));
    return;
  }
  s.link_dest = a2b_pdf_lay_note_dest(w->L, n->u.footnote.number);
  s.color = w->L->a->c->st->link_color;
  put(w, &s, a2b_sprintf(arena, "%d", n->u.footnote.number));
  if (!w->L->in_note) w->s->v[w->s->n - 1].footnote = a2b_pdf_lay_note(w->L, def);
}

/* Ruby, until it is drawn above its base: the base, then the reading in
 * parentheses at a smaller size. */
static void ruby(walk *w, const a2b_node *n, const a2b_pdf_span *st) {
  bool cjk = a2b_pdf_lay_cjk(st->lang ? st->lang : w->L->lang);
  a2b_pdf_span small = *st;
  small.size = st->size * 0.7;
  for (const a2b_node *c = n->first_child; c; c = c->next) {
    if (c->type != A2B_NODE_RUBY_TEXT) {
      node(w, c, st);
      continue;
    }
    put(w, &small, cjk ? "\xEF\xBC\x88" : "(");
    inlines(w, c->first_child, &small);
    put(w, &small, cjk ? "\xEF\xBC\x89" : ")");
  }
}

/* An image among text: its alt text in brackets (its file name if none). */
static void inline_image(walk *w, const a2b_node *n, const a2b_pdf_span *st) {
  put(w, st, "[");
  size_t before = w->s->n;
  inlines(w, n->first_child, st);
  if (w->s->n == before && n->u.image.src) {
    const char *slash = strrchr(n->u.image.src, '/');
    put(w, st, slash ? slash + 1 : n->u.image.src);
  }
  put(w, st, "]");
}

static void node(walk *w, const a2b_node *n, const a2b_pdf_span *st) {
  if (n->id) w->anchor = n->id;
  a2b_pdf_span s = *st;
  if (n->lang) s.lang = n->lang;
  const a2b_pdf_style *style = w->L->a->c->st;
  switch (n->type) {
  case A2B_NODE_TEXT: put(w, &s, n->u.literal); return;
  case A2B_NODE_SOFTBREAK: put(w, &s, " "); return;
  case A2B_NODE_LINEBREAK: a2b_pdf_spans_break(w->s); return;
  case A2B_NODE_CODE:
    s.face = A2B_PDF_FACE_MONO, s.code = true, s.size = st->size * 0.92;
    put(w, &s, n->u.literal);
    return;
  case A2B_NODE_MATH_INLINE:
    s.face = A2B_PDF_FACE_MONO, s.size = st->size * 0.92;
    put(w, &s, n->u.literal);
    return;
  case A2B_NODE_EMPH: s.emphasis = true; break;
  case A2B_NODE_STRONG: s.bold = true; break;
  case A2B_NODE_STRIKE: s.strike = true; break;
  case A2B_NODE_UNDERLINE: s.underline = true; break;
  case A2B_NODE_MARK: s.bold = true; break; /* no highlight colour yet */
  case A2B_NODE_SMALL: s.size = st->size * 0.85; break;
  case A2B_NODE_SUB: s.size = st->size * 0.7, s.rise = st->rise - st->size * 0.15; break;
  case A2B_NODE_SUP: s.size = st->size * 0.7, s.rise = st->rise + st->size * 0.35; break;
  case A2B_NODE_RUBY: ruby(w, n, &s); return;
  case A2B_NODE_RUBY_TEXT: /* outside RUBY: shown like its reading */
    s.size = st->size * 0.7;
    break;
  case A2B_NODE_LINK:
    if (n->u.link.target) {
      s.link_dest = a2b_pdf_lay_link_dest(w->L, n);
      s.link_uri = NULL;
      s.color = style->link_color;
    } else if (n->u.link.url && *n->u.link.url) {
      s.link_uri = n->u.link.url;
      s.link_dest = NULL;
      s.color = style->link_color;
    }
    break;
  case A2B_NODE_IMAGE: inline_image(w, n, &s); return;
  case A2B_NODE_FOOTNOTE_REF: note_ref(w, n, &s); return;
  default: break; /* SPAN and anything else: its children */
  }
  inlines(w, n->first_child, &s);
}

static void inlines(walk *w, const a2b_node *first, const a2b_pdf_span *st) {
  for (const a2b_node *n = first; n; n = n->next)
    node(w, n, st);
}

void a2b_pdf_spans_inlines(a2b_pdf_lay *L, const a2b_node *first, const a2b_pdf_span *style,
                           a2b_pdf_spans *s) {
  walk w = {L, s, NULL};
  inlines(&w, first, style);
}
