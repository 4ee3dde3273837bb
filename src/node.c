/* Document model helpers: construction, tree links, names, plain text. */
#include "node.h"

#include "arena.h"

#include <string.h>

a2b_node *a2b_node_new(a2b_arena *arena, a2b_node_type type, int line, int col) {
  a2b_node *n = a2b_alloc(arena, sizeof *n);
  n->type = type;
  n->line = line;
  n->col = col;
  return n;
}

void a2b_node_append(a2b_node *parent, a2b_node *child) {
  child->parent = parent;
  child->next = NULL;
  child->prev = parent->last_child;
  if (parent->last_child)
    parent->last_child->next = child;
  else
    parent->first_child = child;
  parent->last_child = child;
}

void a2b_node_insert_before(a2b_node *before, a2b_node *node) {
  a2b_node *parent = before->parent;
  node->parent = parent;
  node->next = before;
  node->prev = before->prev;
  if (before->prev)
    before->prev->next = node;
  else if (parent)
    parent->first_child = node;
  before->prev = node;
}

void a2b_node_detach(a2b_node *node) {
  a2b_node *parent = node->parent;
  if (node->prev)
    node->prev->next = node->next;
  else if (parent)
    parent->first_child = node->next;
  if (node->next)
    node->next->prev = node->prev;
  else if (parent)
    parent->last_child = node->prev;
  node->parent = node->prev = node->next = NULL;
}

bool a2b_node_is_inline(a2b_node_type type) { return type >= A2B_NODE_TEXT; }

static const char *const type_names[A2B_NODE__COUNT] = {
    [A2B_NODE_DOCUMENT] = "document",
    [A2B_NODE_PARAGRAPH] = "paragraph",
    [A2B_NODE_HEADING] = "heading",
    [A2B_NODE_CODE_BLOCK] = "code_block",
    [A2B_NODE_MATH_BLOCK] = "math_block",
    [A2B_NODE_QUOTE] = "quote",
    [A2B_NODE_ASIDE] = "aside",
    [A2B_NODE_LIST] = "list",
    [A2B_NODE_ITEM] = "item",
    [A2B_NODE_TABLE] = "table",
    [A2B_NODE_TABLE_ROW] = "table_row",
    [A2B_NODE_TABLE_CELL] = "table_cell",
    [A2B_NODE_THEMATIC_BREAK] = "thematic_break",
    [A2B_NODE_FIGURE] = "figure",
    [A2B_NODE_CAPTION] = "caption",
    [A2B_NODE_FOOTNOTE_DEF] = "footnote_def",
    [A2B_NODE_DIV] = "div",
    [A2B_NODE_TEXT] = "text",
    [A2B_NODE_SOFTBREAK] = "softbreak",
    [A2B_NODE_LINEBREAK] = "linebreak",
    [A2B_NODE_CODE] = "code",
    [A2B_NODE_MATH_INLINE] = "math_inline",
    [A2B_NODE_EMPH] = "emph",
    [A2B_NODE_STRONG] = "strong",
    [A2B_NODE_STRIKE] = "strike",
    [A2B_NODE_UNDERLINE] = "underline",
    [A2B_NODE_MARK] = "mark",
    [A2B_NODE_SUB] = "sub",
    [A2B_NODE_SUP] = "sup",
    [A2B_NODE_SMALL] = "small",
    [A2B_NODE_RUBY] = "ruby",
    [A2B_NODE_RUBY_TEXT] = "ruby_text",
    [A2B_NODE_SPAN] = "span",
    [A2B_NODE_LINK] = "link",
    [A2B_NODE_IMAGE] = "image",
    [A2B_NODE_FOOTNOTE_REF] = "footnote_ref",
};

const char *a2b_node_type_name(a2b_node_type type) {
  return (type >= 0 && type < A2B_NODE__COUNT && type_names[type]) ? type_names[type] : "?";
}

void a2b_node_put_plain_text(a2b_buf *b, const a2b_node *n) {
  switch (n->type) {
  case A2B_NODE_TEXT:
  case A2B_NODE_CODE:
  case A2B_NODE_MATH_INLINE:
  case A2B_NODE_MATH_BLOCK:
    a2b_buf_puts(b, n->u.literal ? n->u.literal : "");
    return;
  case A2B_NODE_CODE_BLOCK:
    a2b_buf_puts(b, n->u.code.literal ? n->u.code.literal : "");
    return;
  case A2B_NODE_SOFTBREAK:
  case A2B_NODE_LINEBREAK:
    a2b_buf_putc(b, ' ');
    return;
  case A2B_NODE_FOOTNOTE_REF:
  case A2B_NODE_RUBY_TEXT:
    return;
  default:
    break;
  }
  for (const a2b_node *c = n->first_child; c; c = c->next) a2b_node_put_plain_text(b, c);
}

char *a2b_node_plain_text(a2b_arena *arena, const a2b_node *node) {
  a2b_buf b = A2B_BUF_INIT;
  a2b_node_put_plain_text(&b, node);
  char *s = a2b_strdup(arena, a2b_buf_cstr(&b));
  a2b_buf_free(&b);
  return s;
}
