/* The walk from libxml2's tree to model nodes, shared by html_flow.c
 * (inline content, white space) and html_block.c (block structure). */
#ifndef A2B_HTML_WALK_H
#define A2B_HTML_WALK_H

#include <libxml/tree.h>

#include "arena.h"
#include "html_internal.h"

/* Deeper elements are dropped: the walk is recursive. */
enum { A2B_HTML_MAX_DEPTH = 200 };

/* White space seen since the last content, strongest wins. */
typedef enum a2b_html_ws { A2B_WS_NONE, A2B_WS_SPACE, A2B_WS_NEWLINE, A2B_WS_BREAK } a2b_html_ws;

typedef struct a2b_html_walker {
  a2b_load_ctx *ctx;
  a2b_arena *arena;
  int line, col;
  int depth;
  bool warned_script, warned_depth;
  a2b_buf text; /* text not yet made a node, destined for text_into */
  a2b_node *text_into;
  a2b_html_ws ws;
  bool bol;         /* nothing emitted since the inline container or line began */
  bool after_space; /* the last thing emitted was white space */
  /* Elements left open for the Markdown blocks that follow (a2b_html_nest):
   * the box their children went into, NULL until walked. */
  const xmlNode *target[A2B_HTML_NEST_DEPTH];
  a2b_node *target_box[A2B_HTML_NEST_DEPTH];
  bool target_real[A2B_HTML_NEST_DEPTH];
  int ntargets;
} a2b_html_walker;

/* A block container and the paragraph its loose inline content goes into. */
typedef struct a2b_html_flow {
  a2b_node *box;
  a2b_node *para;
} a2b_html_flow;

static inline bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static inline bool all_space(const char *s) {
  while (s && is_space(*s))
    s++;
  return !s || !*s;
}

static inline a2b_node *new_node(a2b_html_walker *w, a2b_node_type type) {
  return a2b_node_new(w->arena, type, w->line, w->col);
}

static inline void drop_if_empty(a2b_node *n) {
  if (!n->first_child && !n->id) a2b_node_detach(n);
}

/* ---- html_flow.c ---- */

/* An element dropped with its content (reports a script once). */
void a2b_html_dropped(a2b_html_walker *w, const xmlNode *n);
/* The vocabulary entry of an element node, NULL for other nodes and names
 * outside the vocabulary; its kind (unknown names: A2B_HK_INLINE). */
const a2b_html_elem *a2b_html_elem_of(const xmlNode *n);
a2b_html_kind a2b_html_kind_of(const xmlNode *n);
/* The attributes of element `n` (free with a2b_html_attrs_free). */
void a2b_html_get_attrs(const xmlNode *n, a2b_html_attrs *a);
/* True when a block-level element is inside `n`. */
bool a2b_html_contains_block(const xmlNode *n, int depth);
/* Append the text content of `n` to `b`; `pre`: <br> as a line break. */
void a2b_html_collect_text(const xmlNode *n, a2b_buf *b, bool pre);

/* Inline output into `into`: pending text becomes a node at the next
 * a2b_html_put or a2b_html_flush_text. */
void a2b_html_flush_text(a2b_html_walker *w);
void a2b_html_put(a2b_html_walker *w, a2b_node *into, a2b_node *n);
void a2b_html_emit_text(a2b_html_walker *w, a2b_node *into, const char *s);
/* Around the content of one inline container: no white space at its start,
 * trailing white space, breaks and empty containers removed at its end. */
void a2b_html_begin_inline(a2b_html_walker *w);
void a2b_html_end_inline(a2b_html_walker *w, a2b_node *container);
void a2b_html_walk_inline(a2b_html_walker *w, a2b_node *into, xmlNode *n);
void a2b_html_walk_inline_children(a2b_html_walker *w, a2b_node *into, xmlNode *c);

/* ---- html_block.c ---- */

/* Walk `n` as block content of `f`. */
void a2b_html_walk_block(a2b_html_walker *w, a2b_html_flow *f, xmlNode *n);
/* End f's open paragraph, if any. */
void a2b_html_flow_break(a2b_html_walker *w, a2b_html_flow *f);

#endif
