/* Raw inline HTML: cmark hands over one tag (or comment) at a time; open
 * elements are tracked in an a2b_html_inline stack per inline container. */
#include <string.h>

#include "arena.h"
#include "html_internal.h"

typedef struct feeder {
  a2b_load_ctx *ctx;
  a2b_html_inline *st;
  int line, col;
} feeder;

static a2b_node *new_node(feeder *f, a2b_node_type type) {
  return a2b_node_new(f->ctx->arena, type, f->line, f->col);
}

static void append_text(feeder *f, a2b_node *current, const char *s, size_t n) {
  if (!n) return;
  a2b_node *t = new_node(f, A2B_NODE_TEXT);
  t->u.literal = a2b_html_cleandup(f->ctx->arena, s, n);
  a2b_node_append(current, t);
}

/* Text between tags of one fragment: references decoded, white space
 * collapsed. */
static void feed_text(feeder *f, a2b_node *current, const char *s, size_t n) {
  a2b_buf d = A2B_BUF_INIT, c = A2B_BUF_INIT;
  a2b_html_decode(&d, s, n);
  for (const char *p = a2b_buf_cstr(&d); *p; p++) {
    bool space = strchr(" \t\n\r\f", *p) != NULL;
    if (!space || !c.len || c.data[c.len - 1] != ' ') a2b_buf_putc(&c, space ? ' ' : *p);
  }
  append_text(f, current, c.data, c.len);
  a2b_buf_free(&d);
  a2b_buf_free(&c);
}

/* Elements whose content is dropped when they close. */
static bool is_sink(a2b_html_kind kind) {
  return kind == A2B_HK_DROP || kind == A2B_HK_RP || kind == A2B_HK_EMBED;
}

static bool is_media(const char *name) { return !strcmp(name, "video") || !strcmp(name, "audio"); }

/* Done with an element at its close tag. */
static void finish(feeder *f, a2b_node *node, const char *name) {
  a2b_html_kind kind = a2b_html_lookup(name, strlen(name))->kind;
  if (is_sink(kind)) {
    a2b_node_detach(node);
  } else if (kind == A2B_HK_CODE) {
    /* A code element collected its content as inlines; CODE holds text. */
    char *text = a2b_html_collapse(f->ctx->arena, a2b_node_plain_text(f->ctx->arena, node));
    if (text) {
      a2b_node *code = new_node(f, A2B_NODE_CODE);
      code->u.literal = text;
      code->id = node->id;
      code->lang = node->lang;
      code->classes = node->classes;
      a2b_node_insert_before(node, code);
    }
    a2b_node_detach(node);
  } else if (!node->first_child && !node->id) {
    a2b_node_detach(node);
  }
}

static a2b_node *close_tag(feeder *f, a2b_node *current, const a2b_html_elem *e) {
  a2b_html_inline *st = f->st;
  int d = st->depth - 1;
  while (d >= 0 && strcmp(st->name[d], e->name))
    d--;
  if (d < 0) return current; /* unmatched: ignored */
  while (st->depth > d) {
    int i = --st->depth;
    a2b_node *node = st->open[i];
    if (!node) continue; /* an element that made no node */
    current = node->parent;
    finish(f, node, st->name[i]);
  }
  return current;
}

/* `<source src>` of an open video or audio without src of its own. */
static void media_source(feeder *f, const a2b_html_tag *t) {
  a2b_html_inline *st = f->st;
  if (!st->depth || !is_media(st->name[st->depth - 1])) return;
  a2b_node *sink = st->open[st->depth - 1];
  if (sink->prev && sink->prev->type == A2B_NODE_LINK) return; /* has its link */
  a2b_node *link = a2b_html_inside_link(sink->parent)
                       ? NULL
                       : a2b_html_make_embed(f->ctx->arena, a2b_html_attr(&t->attrs, "src"),
                                             a2b_html_attr(&t->attrs, "title"), f->line, f->col);
  if (link) a2b_node_insert_before(sink, link);
}

static a2b_node *open_tag(feeder *f, a2b_node *current, const a2b_html_tag *t,
                          const a2b_html_elem *e) {
  a2b_arena *arena = f->ctx->arena;
  const a2b_html_attrs *a = &t->attrs;
  a2b_html_inline *st = f->st;
  a2b_node *node = NULL;
  if (e->kind == A2B_HK_BR) {
    a2b_node_append(current, new_node(f, A2B_NODE_LINEBREAK));
    return current;
  }
  if (e->kind == A2B_HK_IMG) {
    node = a2b_html_make_image(arena, a, f->line, f->col);
    if (node && node->type == A2B_NODE_IMAGE) a2b_html_common_attrs(arena, node, a);
    if (node) a2b_node_append(current, node);
    return current;
  }
  if (a2b_html_is_block(e->kind)) {
    /* A block tag inside a paragraph: at least start a new line. */
    if (current->last_child && current->last_child->type != A2B_NODE_LINEBREAK)
      a2b_node_append(current, new_node(f, A2B_NODE_LINEBREAK));
    return current;
  }
  if (!strcmp(e->name, "source")) media_source(f, t);
  if (t->self_closing || a2b_html_is_void(e->name) || st->depth >= A2B_HTML_INLINE_DEPTH)
    return current;
  switch (e->kind) {
  case A2B_HK_DROP:
  case A2B_HK_RP:
    if (!strcmp(e->name, "script"))
      a2b_load_diag(f->ctx, A2B_WARNING, f->line - f->ctx->line_offset, f->col,
                    "script removed from raw HTML");
    node = new_node(f, A2B_NODE_SPAN);
    break;
  case A2B_HK_EMBED: {
    const char *src = a2b_html_attr(a, "src");
    a2b_node *link =
        src && !a2b_html_inside_link(current)
            ? a2b_html_make_embed(arena, src, a2b_html_attr(a, "title"), f->line, f->col)
            : NULL;
    if (link) a2b_node_append(current, link);
    node = new_node(f, A2B_NODE_SPAN); /* fallback content, dropped */
    break;
  }
  case A2B_HK_CODE:
    node = new_node(f, A2B_NODE_SPAN);
    a2b_html_common_attrs(arena, node, a);
    break;
  case A2B_HK_INLINE:
    if (a2b_html_has_common(a)) {
      node = new_node(f, A2B_NODE_SPAN);
      a2b_html_common_attrs(arena, node, a);
    }
    break;
  case A2B_HK_FORMAT:
    node = new_node(f, (a2b_node_type)e->arg);
    a2b_html_common_attrs(arena, node, a);
    break;
  case A2B_HK_A: {
    const char *name = a2b_html_attr(a, "name");
    node = a2b_html_inside_link(current) ? NULL : a2b_html_make_link(arena, a, f->line, f->col);
    if (!node && (a2b_html_has_common(a) || (name && *name))) node = new_node(f, A2B_NODE_SPAN);
    if (node) a2b_html_common_attrs(arena, node, a);
    if (node && !node->id && name) node->id = a2b_html_collapse(arena, name);
    break;
  }
  case A2B_HK_RUBY:
    node = new_node(f, A2B_NODE_RUBY);
    a2b_html_common_attrs(arena, node, a);
    break;
  case A2B_HK_RT:
    if (current->type == A2B_NODE_RUBY_TEXT && st->depth && st->open[st->depth - 1] == current)
      current = close_tag(f, current, e); /* the previous <rt> was left open */
    if (current->type == A2B_NODE_RUBY) {
      node = new_node(f, A2B_NODE_RUBY_TEXT);
      a2b_html_common_attrs(arena, node, a);
    }
    break;
  default: break;
  }
  st->open[st->depth] = node;
  st->name[st->depth] = e->name;
  st->depth++;
  if (!node) return current;
  a2b_node_append(current, node);
  return node;
}

static a2b_node *feed_tag(feeder *f, a2b_node *current, const a2b_html_tag *t, const char *raw,
                          size_t len) {
  if (t->type == A2B_TAG_COMMENT || t->type == A2B_TAG_OTHER) return current;
  if (memchr(t->name, ':', t->name_len)) return current; /* <o:p> and the like */
  const a2b_html_elem *e = a2b_html_lookup(t->name, t->name_len);
  if (!e) {
    append_text(f, current, raw, len); /* not HTML: prose as written */
    return current;
  }
  return t->type == A2B_TAG_CLOSE ? close_tag(f, current, e) : open_tag(f, current, t, e);
}

a2b_node *a2b_html_inline_feed(a2b_load_ctx *ctx, a2b_html_inline *st, a2b_node *current,
                               const char *html, int line, int col) {
  feeder f = {ctx, st, line, col};
  a2b_buf clean = A2B_BUF_INIT;
  a2b_html_clean(&clean, html, strlen(html));
  const char *s = a2b_buf_cstr(&clean);
  size_t n = clean.len;
  for (size_t i = 0; i < n;) {
    a2b_html_tag t;
    size_t len = s[i] == '<' ? a2b_html_scan_tag(s + i, n - i, &t) : 0;
    if (len) {
      current = feed_tag(&f, current, &t, s + i, len);
      a2b_html_tag_free(&t);
      i += len;
      continue;
    }
    size_t j = i + 1;
    while (j < n && s[j] != '<')
      j++;
    feed_text(&f, current, s + i, j - i);
    i = j;
  }
  a2b_buf_free(&clean);
  return current;
}
