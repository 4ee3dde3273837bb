/* Raw HTML blocks, inline side: text with HTML white space rules, inline
 * elements into model inlines. */
#include <string.h>

#include <libxml/tree.h>

#include "html_walk.h"

static bool has_script(const xmlNode *n) {
  if (n->type != XML_ELEMENT_NODE) return false;
  if (!strcmp((const char *)n->name, "script")) return true;
  for (const xmlNode *c = n->children; c; c = c->next)
    if (has_script(c)) return true;
  return false;
}

/* Called for every element dropped with its content. */
void a2b_html_dropped(a2b_html_walker *w, const xmlNode *n) {
  if (w->warned_script || !has_script(n)) return;
  w->warned_script = true;
  a2b_load_diag(w->ctx, A2B_WARNING, w->line - w->ctx->line_offset, w->col,
                "script removed from raw HTML");
}

const a2b_html_elem *a2b_html_elem_of(const xmlNode *n) {
  return n->type == XML_ELEMENT_NODE
             ? a2b_html_lookup((const char *)n->name, strlen((const char *)n->name))
             : NULL;
}

/* Elements libxml2 made from names outside the vocabulary keep their content. */
a2b_html_kind a2b_html_kind_of(const xmlNode *n) {
  const a2b_html_elem *e = a2b_html_elem_of(n);
  return e ? e->kind : A2B_HK_INLINE;
}

void a2b_html_get_attrs(const xmlNode *n, a2b_html_attrs *a) {
  a->n = 0;
  for (xmlAttr *p = n->properties; p; p = p->next) {
    xmlChar *v = xmlNodeListGetString(n->doc, p->children, 1);
    const char *s = v ? (const char *)v : "";
    a2b_html_attrs_add(a, (const char *)p->name, strlen((const char *)p->name), s, strlen(s));
    xmlFree(v);
  }
}

bool a2b_html_contains_block(const xmlNode *n, int depth) {
  if (depth > A2B_HTML_MAX_DEPTH) return false;
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    a2b_html_kind k = a2b_html_kind_of(c);
    if (a2b_html_is_block(k)) return true;
    if (k != A2B_HK_DROP && k != A2B_HK_EMBED && a2b_html_contains_block(c, depth + 1)) return true;
  }
  return false;
}

/* ---- inline output ----------------------------------------------------- */

void a2b_html_flush_text(a2b_html_walker *w) {
  if (w->text.len && w->text_into) {
    a2b_node *t = new_node(w, A2B_NODE_TEXT);
    t->u.literal = a2b_html_cleandup(w->arena, w->text.data, w->text.len);
    a2b_node_append(w->text_into, t);
  }
  a2b_buf_reset(&w->text);
  w->text_into = NULL;
}

void a2b_html_put(a2b_html_walker *w, a2b_node *into, a2b_node *n) {
  a2b_html_flush_text(w);
  a2b_node_append(into, n);
}

static void put_text(a2b_html_walker *w, a2b_node *into, const char *s, size_t n) {
  if (w->text_into != into) {
    a2b_html_flush_text(w);
    w->text_into = into;
  }
  a2b_buf_append(&w->text, s, n);
}

/* Emit the white space pending before content that goes into `into`. */
static void flush_ws(a2b_html_walker *w, a2b_node *into) {
  a2b_html_ws k = w->ws;
  w->ws = A2B_WS_NONE;
  if (w->bol || k == A2B_WS_NONE || (w->after_space && k != A2B_WS_BREAK)) return;
  if (k == A2B_WS_SPACE)
    put_text(w, into, " ", 1);
  else
    a2b_html_put(w, into,
                 new_node(w, k == A2B_WS_NEWLINE ? A2B_NODE_SOFTBREAK : A2B_NODE_LINEBREAK));
  w->after_space = true;
}

/* Text in normal flow: white space runs collapse to one space, or to a soft
 * break when they hold a line break; none at the start of a line. */
void a2b_html_emit_text(a2b_html_walker *w, a2b_node *into, const char *s) {
  while (*s) {
    size_t run = 0;
    while (s[run] && !is_space(s[run]))
      run++;
    if (run) {
      flush_ws(w, into);
      put_text(w, into, s, run);
      w->bol = w->after_space = false;
      s += run;
    }
    for (; is_space(*s); s++) {
      a2b_html_ws k = *s == '\n' ? A2B_WS_NEWLINE : A2B_WS_SPACE;
      if (k > w->ws) w->ws = k;
    }
  }
}

/* A leaf with content (image, code, embedded link). */
static void emit_leaf(a2b_html_walker *w, a2b_node *into, a2b_node *leaf) {
  flush_ws(w, into);
  a2b_html_put(w, into, leaf);
  w->bol = w->after_space = false;
}

static void emit_break(a2b_html_walker *w, a2b_node *into) {
  w->ws = A2B_WS_NONE;
  a2b_html_put(w, into, new_node(w, A2B_NODE_LINEBREAK));
  w->bol = true;
}

void a2b_html_begin_inline(a2b_html_walker *w) {
  a2b_html_flush_text(w);
  w->ws = A2B_WS_NONE;
  w->bol = true;
}

static bool is_container(a2b_node_type t) {
  return t != A2B_NODE_TEXT && t != A2B_NODE_CODE && t != A2B_NODE_IMAGE &&
         t != A2B_NODE_LINEBREAK && t != A2B_NODE_SOFTBREAK;
}

/* Drop trailing white space and breaks, and inline containers left empty. */
static void trim_end(a2b_node *n) {
  for (a2b_node *c; (c = n->last_child);) {
    if (c->type == A2B_NODE_TEXT) {
      size_t len = strlen(c->u.literal);
      while (len && c->u.literal[len - 1] == ' ')
        len--;
      if (len) {
        ((char *)c->u.literal)[len] = '\0'; /* our own arena copy */
        return;
      }
    } else if (c->type == A2B_NODE_LINEBREAK || c->type == A2B_NODE_SOFTBREAK) {
    } else if (is_container(c->type)) {
      trim_end(c);
      if (c->first_child || c->id) return;
    } else {
      return;
    }
    a2b_node_detach(c);
  }
}

void a2b_html_end_inline(a2b_html_walker *w, a2b_node *container) {
  a2b_html_flush_text(w);
  w->ws = A2B_WS_NONE;
  w->bol = true;
  trim_end(container);
}

static a2b_node *open_inline(a2b_html_walker *w, a2b_node *into, a2b_node_type type,
                             const a2b_html_attrs *a) {
  flush_ws(w, into);
  a2b_node *n = new_node(w, type);
  if (a) a2b_html_common_attrs(w->arena, n, a);
  a2b_html_put(w, into, n);
  return n;
}

static void close_inline(a2b_html_walker *w, a2b_node *n) {
  a2b_html_flush_text(w);
  if (!n->first_child && !n->id) a2b_node_detach(n);
}

/* ---- inline walk ------------------------------------------------------- */

void a2b_html_walk_inline_children(a2b_html_walker *w, a2b_node *into, xmlNode *c) {
  for (; c; c = c->next)
    a2b_html_walk_inline(w, into, c);
}

void a2b_html_collect_text(const xmlNode *n, a2b_buf *b, bool pre) {
  for (const xmlNode *c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
      a2b_buf_puts(b, (const char *)c->content);
    else if (pre && c->type == XML_ELEMENT_NODE && a2b_html_kind_of(c) == A2B_HK_BR)
      a2b_buf_putc(b, '\n');
    else if (c->type == XML_ELEMENT_NODE && a2b_html_kind_of(c) != A2B_HK_DROP)
      a2b_html_collect_text(c, b, pre);
  }
}

static void inline_code(a2b_html_walker *w, a2b_node *into, xmlNode *n, const a2b_html_attrs *a) {
  a2b_buf b = A2B_BUF_INIT;
  a2b_html_collect_text(n, &b, false);
  if (!all_space(a2b_buf_cstr(&b))) {
    a2b_buf c = A2B_BUF_INIT;
    for (const char *s = a2b_buf_cstr(&b); *s; s++) {
      if (!is_space(*s))
        a2b_buf_putc(&c, *s);
      else if (!c.len || c.data[c.len - 1] != ' ')
        a2b_buf_putc(&c, ' ');
    }
    a2b_node *code = new_node(w, A2B_NODE_CODE);
    a2b_html_common_attrs(w->arena, code, a);
    code->u.literal = a2b_html_cleandup(w->arena, c.data, c.len);
    emit_leaf(w, into, code);
    a2b_buf_free(&c);
  }
  a2b_buf_free(&b);
}

static const char *media_source(const xmlNode *n, const a2b_html_attrs *a) {
  const char *src = a2b_html_attr(a, "src");
  if (src) return src;
  for (const xmlNode *c = n->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && !strcmp((const char *)c->name, "source"))
      for (xmlAttr *p = c->properties; p; p = p->next)
        if (!strcmp((const char *)p->name, "src") && p->children && p->children->content)
          return (const char *)p->children->content;
  return NULL;
}

static void inline_element(a2b_html_walker *w, a2b_node *into, xmlNode *n,
                           const a2b_html_attrs *a) {
  a2b_html_kind kind = a2b_html_kind_of(n);
  a2b_node_type type = A2B_NODE_SPAN;
  switch (kind) {
  case A2B_HK_DROP: a2b_html_dropped(w, n); return;
  case A2B_HK_RP:
  case A2B_HK_WBR: return;
  case A2B_HK_INLINE:
    if (!a2b_html_has_common(a)) {
      a2b_html_walk_inline_children(w, into, n->children);
      return;
    }
    break;
  case A2B_HK_FORMAT: type = (a2b_node_type)a2b_html_elem_of(n)->arg; break;
  case A2B_HK_CODE: inline_code(w, into, n, a); return;
  case A2B_HK_A: {
    a2b_node *link =
        a2b_html_inside_link(into) ? NULL : a2b_html_make_link(w->arena, a, w->line, w->col);
    const char *name = a2b_html_attr(a, "name");
    if (link) {
      flush_ws(w, into);
      a2b_html_common_attrs(w->arena, link, a);
      a2b_html_put(w, into, link);
      a2b_html_walk_inline_children(w, link, n->children);
      close_inline(w, link);
      return;
    }
    if (!a2b_html_has_common(a) && (!name || all_space(name))) {
      a2b_html_walk_inline_children(w, into, n->children);
      return;
    }
    a2b_node *span = open_inline(w, into, A2B_NODE_SPAN, a);
    if (!span->id && name) span->id = a2b_html_collapse(w->arena, name);
    a2b_html_walk_inline_children(w, span, n->children);
    close_inline(w, span);
    return;
  }
  case A2B_HK_IMG: {
    a2b_node *img = a2b_html_make_image(w->arena, a, w->line, w->col);
    if (img && img->type == A2B_NODE_TEXT) {
      a2b_html_emit_text(w, into, img->u.literal); /* the alt text of a lost image */
    } else if (img) {
      a2b_html_common_attrs(w->arena, img, a);
      emit_leaf(w, into, img);
    }
    return;
  }
  case A2B_HK_BR: emit_break(w, into); return;
  case A2B_HK_EMBED: {
    a2b_node *link = a2b_html_inside_link(into)
                         ? NULL
                         : a2b_html_make_embed(w->arena, media_source(n, a),
                                               a2b_html_attr(a, "title"), w->line, w->col);
    if (link) emit_leaf(w, into, link);
    return;
  }
  case A2B_HK_RUBY: type = A2B_NODE_RUBY; break;
  case A2B_HK_RT:
    if (into->type == A2B_NODE_RUBY_TEXT) {
      /* <rt> left open: this one follows it inside the ruby. */
      a2b_html_flush_text(w);
      into = into->parent;
    }
    if (into->type != A2B_NODE_RUBY) {
      a2b_html_walk_inline_children(w, into, n->children);
      return;
    }
    type = A2B_NODE_RUBY_TEXT;
    break;
  default: /* a block inside inline content: its own line */
    if (w->ws < A2B_WS_BREAK) w->ws = A2B_WS_BREAK;
    a2b_html_walk_inline_children(w, into, n->children);
    w->ws = A2B_WS_BREAK;
    return;
  }
  a2b_node *c = open_inline(w, into, type, a);
  a2b_html_walk_inline_children(w, c, n->children);
  close_inline(w, c);
}

void a2b_html_walk_inline(a2b_html_walker *w, a2b_node *into, xmlNode *n) {
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
    a2b_html_emit_text(w, into, (const char *)n->content);
    return;
  }
  if (n->type != XML_ELEMENT_NODE) return;
  if (w->depth >= A2B_HTML_MAX_DEPTH) {
    if (!w->warned_depth)
      a2b_load_diag(w->ctx, A2B_WARNING, w->line - w->ctx->line_offset, w->col,
                    "raw HTML nested too deeply (inner content dropped)");
    w->warned_depth = true;
    return;
  }
  a2b_html_attrs a;
  a2b_html_get_attrs(n, &a);
  w->depth++;
  inline_element(w, into, n, &a);
  w->depth--;
  a2b_html_attrs_free(&a);
}
