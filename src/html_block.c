/* Raw HTML blocks, block side: paragraphs, lists, tables, details,
 * figures, code blocks and containers from libxml2's tree. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "html_walk.h"

/* ---- blocks ------------------------------------------------------------ */

static a2b_node *flow_para(a2b_html_walker *w, a2b_html_flow *f) {
  if (!f->para) {
    f->para = new_node(w, A2B_NODE_PARAGRAPH);
    a2b_html_put(w, f->box, f->para);
    a2b_html_begin_inline(w);
  }
  return f->para;
}

void a2b_html_flow_break(a2b_html_walker *w, a2b_html_flow *f) {
  if (!f->para) return;
  a2b_html_end_inline(w, f->para);
  if (!f->para->first_child) a2b_node_detach(f->para);
  f->para = NULL;
}

static void walk_block_children(a2b_html_walker *w, a2b_html_flow *f, xmlNode *c) {
  for (; c; c = c->next)
    a2b_html_walk_block(w, f, c);
}

/* A new block container appended to f's box, filled from `children`. */
static a2b_node *sub_flow(a2b_html_walker *w, a2b_html_flow *f, a2b_node_type type,
                          const a2b_html_attrs *a, xmlNode *children) {
  a2b_node *box = new_node(w, type);
  if (a) a2b_html_common_attrs(w->arena, box, a);
  a2b_html_put(w, f->box, box);
  a2b_html_flow g = {box, NULL};
  walk_block_children(w, &g, children);
  a2b_html_flow_break(w, &g);
  return box;
}

/* A block of inline content (paragraph, heading, cell, caption). */
static a2b_node *inline_block(a2b_html_walker *w, a2b_node *parent, a2b_node_type type,
                              const a2b_html_attrs *a, xmlNode *children) {
  a2b_node *b = new_node(w, type);
  if (a) a2b_html_common_attrs(w->arena, b, a);
  a2b_html_put(w, parent, b);
  a2b_html_begin_inline(w);
  a2b_html_walk_inline_children(w, b, children);
  a2b_html_end_inline(w, b);
  return b;
}

/* Note where the children of `n` went if it is left open; true if it is. */
bool a2b_html_record_target(a2b_html_walker *w, const xmlNode *n, a2b_node *box, bool real) {
  for (int i = 0; i < w->ntargets; i++) {
    if (w->target[i] != n) continue;
    w->target_box[i] = box;
    w->target_real[i] = real;
    return true;
  }
  return false;
}

static const char *class_lang(a2b_html_walker *w, const char *classes) {
  for (const char *s = classes; s && *s;) {
    while (is_space(*s))
      s++;
    size_t len = strcspn(s, " \t\n\r\f");
    size_t skip = !strncmp(s, "language-", 9) ? 9 : !strncmp(s, "lang-", 5) ? 5 : 0;
    if (skip && len > skip) return a2b_html_cleandup(w->arena, s + skip, len - skip);
    s += len;
  }
  return NULL;
}

static void code_block(a2b_html_walker *w, a2b_html_flow *f, xmlNode *n, const a2b_html_attrs *a) {
  a2b_buf b = A2B_BUF_INIT;
  a2b_html_collect_text(n, &b, true);
  const char *s = a2b_buf_cstr(&b);
  if (*s == '\n') s++; /* HTML ignores a newline right after <pre> */
  a2b_node *code = new_node(w, A2B_NODE_CODE_BLOCK);
  a2b_html_common_attrs(w->arena, code, a);
  size_t len = strlen(s);
  code->u.code.literal = a2b_sprintf(w->arena, "%s%s", a2b_html_cleandup(w->arena, s, len),
                                     len && s[len - 1] != '\n' ? "\n" : "");
  code->u.code.lang = class_lang(w, a2b_html_attr(a, "class"));
  for (xmlNode *c = n->children; c && !code->u.code.lang; c = c->next) {
    const a2b_html_elem *e = a2b_html_elem_of(c);
    if (e && e->kind == A2B_HK_CODE) {
      xmlChar *cls = xmlGetProp(c, (const xmlChar *)"class");
      code->u.code.lang = class_lang(w, (const char *)cls);
      xmlFree(cls);
    }
  }
  a2b_html_put(w, f->box, code);
  a2b_buf_free(&b);
}

static void list_block(a2b_html_walker *w, a2b_html_flow *f, xmlNode *n, const a2b_html_attrs *a,
                       bool ordered) {
  a2b_node *list = new_node(w, A2B_NODE_LIST);
  a2b_html_common_attrs(w->arena, list, a);
  list->u.list.ordered = ordered;
  const char *start = a2b_html_attr(a, "start");
  list->u.list.start = ordered ? (start ? atoi(start) : 1) : 0;
  list->u.list.tight = true;
  a2b_html_put(w, f->box, list);
  a2b_html_flow lf = {list, NULL};
  a2b_node *item = NULL;
  for (xmlNode *c = n->children; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && a2b_html_kind_of(c) == A2B_HK_LI) {
      a2b_html_attrs ia;
      a2b_html_get_attrs(c, &ia);
      item = sub_flow(w, &lf, A2B_NODE_ITEM, &ia, c->children);
      a2b_html_attrs_free(&ia);
    } else if ((c->type == XML_TEXT_NODE && !all_space((const char *)c->content)) ||
               c->type == XML_ELEMENT_NODE) {
      /* Content between items (often a nested list) joins the item before. */
      if (!item) {
        item = new_node(w, A2B_NODE_ITEM);
        a2b_html_put(w, list, item);
      }
      a2b_html_flow g = {item, NULL};
      a2b_html_walk_block(w, &g, c);
      a2b_html_flow_break(w, &g);
    }
  }
  for (a2b_node *it = list->first_child; it; it = it->next)
    if (it->first_child && it->first_child != it->last_child) list->u.list.tight = false;
  drop_if_empty(list);
}

static void table_row(a2b_html_walker *w, a2b_node *table, xmlNode *tr, bool header) {
  a2b_node *row = new_node(w, A2B_NODE_TABLE_ROW);
  a2b_html_put(w, table, row);
  bool all_th = true;
  for (xmlNode *c = tr->children; c; c = c->next) {
    const a2b_html_elem *e = a2b_html_elem_of(c);
    if (!e || e->kind != A2B_HK_CELL) continue;
    a2b_html_attrs a;
    a2b_html_get_attrs(c, &a);
    a2b_node *cell = inline_block(w, row, A2B_NODE_TABLE_CELL, &a, c->children);
    const char *align = a2b_html_attr(&a, "align");
    if (align && !strcasecmp(align, "left")) cell->u.cell.align = A2B_ALIGN_LEFT;
    if (align && !strcasecmp(align, "center")) cell->u.cell.align = A2B_ALIGN_CENTER;
    if (align && !strcasecmp(align, "right")) cell->u.cell.align = A2B_ALIGN_RIGHT;
    all_th = all_th && e->arg;
    a2b_html_attrs_free(&a);
  }
  row->u.row.header = header || all_th;
  if (!row->first_child) a2b_node_detach(row);
}

static void table_block(a2b_html_walker *w, a2b_html_flow *f, xmlNode *n, const a2b_html_attrs *a) {
  a2b_node *table = new_node(w, A2B_NODE_TABLE);
  a2b_html_common_attrs(w->arena, table, a);
  a2b_html_put(w, f->box, table);
  for (xmlNode *c = n->children; c; c = c->next) {
    const a2b_html_elem *e = a2b_html_elem_of(c);
    if (!e) continue;
    if (e->kind == A2B_HK_CAPTION) {
      a2b_node *p = new_node(w, A2B_NODE_PARAGRAPH);
      a2b_html_flush_text(w);
      a2b_node_insert_before(table, p);
      a2b_html_begin_inline(w);
      a2b_html_walk_inline_children(w, p, c->children);
      a2b_html_end_inline(w, p);
      drop_if_empty(p);
    } else if (e->kind == A2B_HK_TSECTION) {
      for (xmlNode *r = c->children; r; r = r->next)
        if (a2b_html_kind_of(r) == A2B_HK_TR && r->type == XML_ELEMENT_NODE)
          table_row(w, table, r, e->arg);
    } else if (e->kind == A2B_HK_TR) {
      table_row(w, table, c, false);
    }
  }
  int ncols = 0;
  for (a2b_node *r = table->first_child; r; r = r->next) {
    int k = 0;
    for (a2b_node *c = r->first_child; c; c = c->next)
      k++;
    if (k > ncols) ncols = k;
  }
  table->u.table.ncols = ncols;
  for (a2b_node *r = table->first_child; r; r = r->next) {
    int k = 0;
    for (a2b_node *c = r->first_child; c; c = c->next)
      k++;
    for (; k < ncols; k++)
      a2b_node_append(r, new_node(w, A2B_NODE_TABLE_CELL));
  }
  if (!table->first_child) a2b_node_detach(table);
}

static void details_block(a2b_html_walker *w, a2b_html_flow *f, xmlNode *n,
                          const a2b_html_attrs *a) {
  a2b_node *aside = new_node(w, A2B_NODE_ASIDE);
  a2b_html_common_attrs(w->arena, aside, a);
  aside->u.aside.kind = A2B_ASIDE_DETAILS;
  a2b_html_put(w, f->box, aside);
  xmlNode *summary = NULL;
  for (xmlNode *c = n->children; c && !summary; c = c->next)
    if (a2b_html_kind_of(c) == A2B_HK_SUMMARY && c->type == XML_ELEMENT_NODE) summary = c;
  if (summary) {
    a2b_buf b = A2B_BUF_INIT;
    a2b_html_collect_text(summary, &b, false);
    aside->u.aside.title = a2b_html_collapse(w->arena, a2b_buf_cstr(&b));
    a2b_buf_free(&b);
  }
  a2b_html_flow g = {aside, NULL};
  for (xmlNode *c = n->children; c; c = c->next)
    if (c != summary) a2b_html_walk_block(w, &g, c);
  a2b_html_flow_break(w, &g);
  a2b_html_record_target(w, n, aside, true);
}

/* <figure> holding one image and at most one caption becomes a FIGURE. */
static bool figure_block(a2b_html_walker *w, a2b_html_flow *f, xmlNode *n,
                         const a2b_html_attrs *a) {
  xmlNode *img = NULL, *cap = NULL;
  for (xmlNode *c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE && all_space((const char *)c->content)) continue;
    if (c->type == XML_COMMENT_NODE) continue;
    a2b_html_kind k = c->type == XML_ELEMENT_NODE ? a2b_html_kind_of(c) : A2B_HK_INLINE;
    if (k == A2B_HK_IMG && !img)
      img = c;
    else if (k == A2B_HK_FIGCAPTION && !cap)
      cap = c;
    else
      return false;
  }
  if (!img) return false;
  a2b_html_attrs ia;
  a2b_html_get_attrs(img, &ia);
  a2b_node *image = a2b_html_make_image(w->arena, &ia, w->line, w->col);
  if (image && image->type == A2B_NODE_IMAGE) a2b_html_common_attrs(w->arena, image, &ia);
  a2b_html_attrs_free(&ia);
  if (!image || image->type != A2B_NODE_IMAGE) return false;
  a2b_node *fig = new_node(w, A2B_NODE_FIGURE);
  a2b_html_common_attrs(w->arena, fig, a);
  a2b_html_put(w, f->box, fig);
  a2b_node_append(fig, image);
  if (cap) drop_if_empty(inline_block(w, fig, A2B_NODE_CAPTION, NULL, cap->children));
  return true;
}

static void block_element(a2b_html_walker *w, a2b_html_flow *f, xmlNode *n,
                          const a2b_html_attrs *a) {
  const a2b_html_elem *e = a2b_html_elem_of(n);
  a2b_html_kind kind = e ? e->kind : A2B_HK_INLINE;
  if (kind == A2B_HK_DROP || kind == A2B_HK_RP) {
    a2b_html_dropped(w, n);
    return;
  }
  if (!a2b_html_is_block(kind)) {
    if (!a2b_html_contains_block(n, 0)) {
      a2b_html_walk_inline(w, flow_para(w, f), n);
      return;
    }
    /* Inline markup around blocks: keep the blocks, lose the markup. */
    kind = A2B_HK_BLOCK;
  }
  a2b_html_flow_break(w, f);
  switch (kind) {
  case A2B_HK_P:
  case A2B_HK_SUMMARY:
  case A2B_HK_FIGCAPTION:
  case A2B_HK_CAPTION:
    drop_if_empty(inline_block(w, f->box, A2B_NODE_PARAGRAPH, a, n->children));
    break;
  case A2B_HK_HEADING: {
    a2b_node *h = inline_block(w, f->box, A2B_NODE_HEADING, a, n->children);
    h->u.heading.level = e->arg;
    drop_if_empty(h);
    break;
  }
  case A2B_HK_PRE: code_block(w, f, n, a); break;
  case A2B_HK_QUOTE: {
    a2b_node *q = sub_flow(w, f, A2B_NODE_QUOTE, a, n->children);
    if (!a2b_html_record_target(w, n, q, true)) drop_if_empty(q);
    break;
  }
  case A2B_HK_LIST: list_block(w, f, n, a, e->arg); break;
  case A2B_HK_TABLE: table_block(w, f, n, a); break;
  case A2B_HK_HR: a2b_html_put(w, f->box, new_node(w, A2B_NODE_THEMATIC_BREAK)); break;
  case A2B_HK_DETAILS: details_block(w, f, n, a); break;
  case A2B_HK_FIGURE:
    if (figure_block(w, f, n, a)) break;
    /* fall through */
  default: /* div and its kind, stray table and list parts */
    if (a2b_html_has_common(a)) {
      a2b_node *div = sub_flow(w, f, A2B_NODE_DIV, a, n->children);
      if (!a2b_html_record_target(w, n, div, true)) drop_if_empty(div);
    } else {
      walk_block_children(w, f, n->children);
      a2b_html_record_target(w, n, f->box, false);
    }
    break;
  }
  a2b_html_flow_break(w, f);
}

void a2b_html_walk_block(a2b_html_walker *w, a2b_html_flow *f, xmlNode *n) {
  if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
    if (f->para || !all_space((const char *)n->content))
      a2b_html_emit_text(w, flow_para(w, f), (const char *)n->content);
    return;
  }
  if (n->type != XML_ELEMENT_NODE) return;
  if (w->depth >= A2B_HTML_MAX_DEPTH) {
    a2b_html_walk_inline(w, flow_para(w, f), n); /* reports and drops */
    return;
  }
  a2b_html_attrs a;
  a2b_html_get_attrs(n, &a);
  w->depth++;
  block_element(w, f, n, &a);
  w->depth--;
  a2b_html_attrs_free(&a);
}
