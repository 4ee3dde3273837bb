/* Raw HTML blocks: entry points, input preparation for libxml2, and block
 * elements left open across Markdown blocks. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "html_walk.h"

/* ---- input ------------------------------------------------------------- */

/* Prepare the source for libxml2: valid UTF-8, and a `<` that starts no
 * HTML tag written as `&lt;` so that prose like `<table-name>` stays text
 * exactly as written. Tags with a namespace prefix (Word's `<o:p>`) go. */
static void prepare(a2b_buf *out, const char *html) {
  a2b_buf clean = A2B_BUF_INIT;
  a2b_html_clean(&clean, html, strlen(html));
  const char *s = a2b_buf_cstr(&clean);
  size_t n = clean.len;
  for (size_t i = 0; i < n;) {
    if (s[i] != '<') {
      a2b_buf_putc(out, s[i++]);
      continue;
    }
    size_t j = i + 1 + (i + 1 < n && s[i + 1] == '/');
    if (i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '?')) {
      a2b_buf_putc(out, s[i++]);
      continue;
    }
    size_t name = j;
    while (j < n && (isalnum((unsigned char)s[j]) || strchr("-_:.", s[j])))
      j++;
    if (j > name && isalpha((unsigned char)s[name]) && memchr(s + name, ':', j - name)) {
      a2b_html_tag t;
      size_t len = a2b_html_scan_tag(s + i, n - i, &t);
      a2b_html_tag_free(&t);
      if (len) {
        i += len;
        continue;
      }
    }
    bool html_tag =
        j > name && isalpha((unsigned char)s[name]) && a2b_html_lookup(s + name, j - name);
    a2b_buf_puts(out, html_tag ? "<" : "&lt;");
    i++;
  }
  a2b_buf_free(&clean);
}

/* ---- nesting across blocks -------------------------------------------- */

static bool nestable(const a2b_html_elem *e) {
  return e && (e->kind == A2B_HK_BLOCK || e->kind == A2B_HK_QUOTE || e->kind == A2B_HK_DETAILS) &&
         strcmp(e->name, "html") && strcmp(e->name, "body");
}

/* Pop `st` down to depth `d`; returns the container outside what was popped. */
static a2b_node *pop_nest(a2b_html_nest *st, int d, a2b_node *current) {
  while (st->depth > d) {
    a2b_node *box = st->open[--st->depth];
    if (!box) continue;
    current = box->parent;
    drop_if_empty(box);
  }
  return current;
}

/* Follow the tags of `s` that open or close nestable elements. A close tag
 * matching nothing earlier in `s` pops `st` (moving *current outwards).
 * Returns how many stay open; their names go to `left`, outermost first. */
static int scan_nesting(const char *s, size_t n, a2b_html_nest *st, a2b_node **current,
                        const char **left) {
  int nleft = 0;
  for (size_t i = 0; i < n;) {
    a2b_html_tag t;
    size_t len = s[i] == '<' ? a2b_html_scan_tag(s + i, n - i, &t) : 0;
    if (!len) {
      i++;
      continue;
    }
    bool open = t.type == A2B_TAG_OPEN, close = t.type == A2B_TAG_CLOSE;
    const a2b_html_elem *e = open || close ? a2b_html_lookup(t.name, t.name_len) : NULL;
    bool self_closing = t.self_closing;
    a2b_html_tag_free(&t);
    i += len;
    if (e && open && (!strcmp(e->name, "script") || !strcmp(e->name, "style"))) {
      size_t k = strlen(e->name); /* raw text up to its end tag */
      while (i < n && !(s[i] == '<' && s[i + 1] == '/' && !strncasecmp(s + i + 2, e->name, k)))
        i++;
      continue;
    }
    if (!nestable(e)) continue;
    if (open) {
      if (!self_closing && nleft < A2B_HTML_NEST_DEPTH) left[nleft++] = e->name;
      continue;
    }
    int d = nleft - 1;
    while (d >= 0 && strcmp(left[d], e->name))
      d--;
    if (d >= 0) {
      nleft = d;
      continue;
    }
    d = st->depth - 1;
    while (d >= 0 && strcmp(st->name[d], e->name))
      d--;
    if (d >= 0) *current = pop_nest(st, d, *current);
  }
  return nleft;
}

/* The elements of `left` on the last-child chain of the parsed document:
 * those libxml2 closed only at the end of the input. */
static void find_targets(a2b_html_walker *w, xmlDoc *doc, const char *const *left, int nleft) {
  xmlNode *cur = (xmlNode *)doc;
  while (w->ntargets < nleft) {
    xmlNode *c = cur->last;
    while (c && c->type != XML_ELEMENT_NODE)
      c = c->prev;
    if (!c) break;
    if (!strcmp((const char *)c->name, left[w->ntargets])) w->target[w->ntargets++] = c;
    cur = c;
  }
}

static a2b_node *sanitise(a2b_load_ctx *ctx, a2b_html_nest *st, a2b_node *parent, const char *html,
                          int line, int col) {
  a2b_buf src = A2B_BUF_INIT;
  prepare(&src, html);
  const char *left[A2B_HTML_NEST_DEPTH];
  int nleft = st ? scan_nesting(a2b_buf_cstr(&src), src.len, st, &parent, left) : 0;
  htmlDocPtr doc = src.len ? htmlReadMemory(src.data, (int)src.len, NULL, "UTF-8",
                                            HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                                HTML_PARSE_NONET | HTML_PARSE_NODEFDTD)
                           : NULL;
  a2b_buf_free(&src);
  if (!doc) return parent;
  a2b_html_walker w = {
      .ctx = ctx, .arena = ctx->arena, .line = line, .col = col, .text = A2B_BUF_INIT};
  find_targets(&w, doc, left, nleft);
  a2b_html_flow f = {parent, NULL};
  /* libxml2 puts head matter (title, style, meta) in an implied <head>,
   * which is dropped like the rest of the non-body vocabulary. */
  for (xmlNode *c = doc->children; c; c = c->next)
    a2b_html_walk_block(&w, &f, c);
  a2b_html_flow_break(&w, &f);
  a2b_buf_free(&w.text);
  a2b_node *next = parent;
  for (int i = 0; st && i < w.ntargets; i++) {
    if (!w.target_box[i]) continue; /* not walked as a block */
    next = w.target_box[i];
    if (st->depth == A2B_HTML_NEST_DEPTH) continue;
    st->open[st->depth] = w.target_real[i] ? next : NULL;
    st->name[st->depth++] =
        a2b_html_lookup((const char *)w.target[i]->name, strlen((const char *)w.target[i]->name))
            ->name;
  }
  xmlFreeDoc(doc);
  return next;
}

void a2b_html_block(a2b_load_ctx *ctx, a2b_node *parent, const char *html, int line, int col) {
  sanitise(ctx, NULL, parent, html, line, col);
}

a2b_node *a2b_html_block_nest(a2b_load_ctx *ctx, a2b_html_nest *st, a2b_node *parent,
                              const char *html, int line, int col) {
  return sanitise(ctx, st, parent, html, line, col);
}
