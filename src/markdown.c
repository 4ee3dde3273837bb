/* cmark-gfm tree -> document model. The cmark tree lives and dies inside
 * a2b_markdown_parse(). The walk is iterative so deep nesting cannot
 * overflow the stack. */
#include "markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "html.h"
#include "markdown_int.h"
#include "preprocess.h"

/* One open container: where its inline content currently goes. */
typedef struct frame {
  a2b_node *node;
  a2b_node *current; /* node, or an element opened by raw HTML */
  a2b_html_inline html; /* raw inline HTML elements open in this container */
  a2b_html_nest nest;   /* raw HTML block elements open across blocks */
  cmark_node *src;
  int ncells; /* table rows: cells converted so far */
} frame;

typedef struct conv {
  a2b_load_ctx *ctx;
  frame *stack;
  size_t depth, cap;
  const char **fn_labels; /* footnote definition labels, in cmark's order */
  size_t n_fn;
  size_t fn_next; /* definitions converted so far */
} conv;

static void push(conv *c, cmark_node *src, a2b_node *node) {
  if (c->depth == c->cap) {
    c->cap = c->cap ? c->cap * 2 : 32;
    c->stack = a2b_xrealloc(c->stack, c->cap * sizeof *c->stack);
  }
  frame *f = &c->stack[c->depth++];
  memset(f, 0, sizeof *f);
  f->node = f->current = node;
  f->src = src;
}

static bool type_is(cmark_node *n, const char *name) {
  const char *s = cmark_node_get_type_string(n);
  return s && strcmp(s, name) == 0;
}

/* The label of a footnote definition as written. cmark keeps it only in
 * the node's private literal; its CommonMark renderer prints it first. */
static const char *footnote_def_label(a2b_arena *arena, cmark_node *def) {
  char *md = cmark_render_commonmark(def, CMARK_OPT_DEFAULT, 0);
  const char *label = NULL;
  if (md && strncmp(md, "[^", 2) == 0) {
    char *end = strstr(md, "]:");
    if (end) label = a2b_strndup(arena, md + 2, (size_t)(end - md - 2));
  }
  free(md);
  return label;
}

/* cmark moves the referenced definitions, in first-reference order, to the
 * end of the document and replaces each reference's label by the number of
 * its definition; map numbers back to labels so REF and DEF agree. */
static void collect_footnotes(conv *c, cmark_node *doc) {
  size_t cap = 0;
  for (cmark_node *n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
    if (cmark_node_get_type(n) != CMARK_NODE_FOOTNOTE_DEFINITION) continue;
    if (c->n_fn == cap) {
      cap = cap ? cap * 2 : 8;
      c->fn_labels = a2b_xrealloc(c->fn_labels, cap * sizeof *c->fn_labels);
    }
    const char *label = footnote_def_label(c->ctx->arena, n);
    if (!label) label = a2b_sprintf(c->ctx->arena, "%zu", c->n_fn + 1);
    c->fn_labels[c->n_fn++] = label;
  }
}

static const char *ref_label(conv *c, const char *lit) {
  char *end;
  long k = strtol(lit, &end, 10);
  if (*lit && !*end && k >= 1 && (size_t)k <= c->n_fn) return c->fn_labels[k - 1];
  return a2b_strdup(c->ctx->arena, lit);
}

static const char *nonempty(a2b_arena *arena, const char *s) {
  return s && *s ? a2b_strdup(arena, s) : NULL;
}

static a2b_node *convert_code_block(conv *c, cmark_node *n, int line, int col) {
  a2b_arena *arena = c->ctx->arena;
  const char *lit = cmark_node_get_literal(n);
  int fence_len, fence_offset;
  char fence_char;
  const char *info = cmark_node_get_fenced(n, &fence_len, &fence_offset, &fence_char)
                         ? cmark_node_get_fence_info(n)
                         : NULL;
  if (!lit) lit = "";
  if (info && strcmp(info, A2B_MATH_MARK) == 0) {
    a2b_node *m = a2b_node_new(arena, A2B_NODE_MATH_BLOCK, line, col);
    size_t len = strlen(lit);
    if (len && lit[len - 1] == '\n') len--;
    m->u.literal = a2b_strndup(arena, lit, len);
    return m;
  }
  a2b_node *m = a2b_node_new(arena, A2B_NODE_CODE_BLOCK, line, col);
  m->u.code.literal = a2b_strdup(arena, lit);
  if (info) a2b_markdown_code_info(arena, m, info);
  return m;
}

static void convert_cell(a2b_node *m, frame *row) {
  cmark_node *table = cmark_node_parent(row->src);
  int idx = row->ncells++;
  int ncols = table ? cmark_gfm_extensions_get_table_columns(table) : 0;
  uint8_t *aligns = table ? cmark_gfm_extensions_get_table_alignments(table) : NULL;
  m->u.cell.align = A2B_ALIGN_NONE;
  if (aligns && idx < ncols) {
    switch (aligns[idx]) {
    case 'l': m->u.cell.align = A2B_ALIGN_LEFT; break;
    case 'c': m->u.cell.align = A2B_ALIGN_CENTER; break;
    case 'r': m->u.cell.align = A2B_ALIGN_RIGHT; break;
    default: break;
    }
  }
}

/* The model node for `n`, appended to the open container `top`; NULL when
 * the content went elsewhere (raw HTML). */
static a2b_node *convert(conv *c, cmark_node *n, frame *top) {
  a2b_load_ctx *ctx = c->ctx;
  a2b_arena *arena = ctx->arena;
  /* Soft breaks and extension autolinks have no position: take the
   * preceding sibling's, else the container's. */
  const a2b_node *near = top->current->last_child ? top->current->last_child : top->current;
  int sl = cmark_node_get_start_line(n);
  int line = sl > 0 ? sl + ctx->line_offset : near->line;
  int col = sl > 0 ? cmark_node_get_start_column(n) : near->col;
  const char *lit;
  a2b_node *m = NULL;

  switch (cmark_node_get_type(n)) {
  case CMARK_NODE_BLOCK_QUOTE: m = a2b_node_new(arena, A2B_NODE_QUOTE, line, col); break;
  case CMARK_NODE_LIST:
    m = a2b_node_new(arena, A2B_NODE_LIST, line, col);
    m->u.list.ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
    m->u.list.tight = cmark_node_get_list_tight(n);
    m->u.list.start = m->u.list.ordered ? cmark_node_get_list_start(n) : 0;
    break;
  case CMARK_NODE_ITEM:
    m = a2b_node_new(arena, A2B_NODE_ITEM, line, col);
    if (type_is(n, "tasklist"))
      m->u.item.task = cmark_gfm_extensions_get_tasklist_item_checked(n) ? 2 : 1;
    break;
  case CMARK_NODE_CODE_BLOCK: m = convert_code_block(c, n, line, col); break;
  case CMARK_NODE_HTML_BLOCK:
    lit = cmark_node_get_literal(n);
    top->current = a2b_html_block_nest(ctx, &top->nest, top->current, lit ? lit : "", line, col);
    return NULL;
  case CMARK_NODE_CUSTOM_BLOCK: m = a2b_node_new(arena, A2B_NODE_DIV, line, col); break;
  case CMARK_NODE_PARAGRAPH: m = a2b_node_new(arena, A2B_NODE_PARAGRAPH, line, col); break;
  case CMARK_NODE_HEADING:
    m = a2b_node_new(arena, A2B_NODE_HEADING, line, col);
    m->u.heading.level = cmark_node_get_heading_level(n);
    break;
  case CMARK_NODE_THEMATIC_BREAK:
    m = a2b_node_new(arena, A2B_NODE_THEMATIC_BREAK, line, col);
    break;
  case CMARK_NODE_FOOTNOTE_DEFINITION:
    m = a2b_node_new(arena, A2B_NODE_FOOTNOTE_DEF, line, col);
    m->u.footnote.label =
        c->fn_next < c->n_fn ? c->fn_labels[c->fn_next++] : footnote_def_label(arena, n);
    break;
  case CMARK_NODE_TEXT:
    m = a2b_node_new(arena, A2B_NODE_TEXT, line, col);
    lit = cmark_node_get_literal(n);
    m->u.literal = a2b_strdup(arena, lit ? lit : "");
    break;
  case CMARK_NODE_SOFTBREAK: m = a2b_node_new(arena, A2B_NODE_SOFTBREAK, line, col); break;
  case CMARK_NODE_LINEBREAK: m = a2b_node_new(arena, A2B_NODE_LINEBREAK, line, col); break;
  case CMARK_NODE_CODE:
    lit = cmark_node_get_literal(n);
    if (!lit) lit = "";
    if (strncmp(lit, A2B_MATH_MARK, strlen(A2B_MATH_MARK)) == 0) {
      m = a2b_node_new(arena, A2B_NODE_MATH_INLINE, line, col);
      lit += strlen(A2B_MATH_MARK);
    } else {
      m = a2b_node_new(arena, A2B_NODE_CODE, line, col);
    }
    m->u.literal = a2b_strdup(arena, lit);
    break;
  case CMARK_NODE_HTML_INLINE:
    lit = cmark_node_get_literal(n);
    top->current = a2b_html_inline_feed(ctx, &top->html, top->current, lit ? lit : "", line, col);
    return NULL;
  case CMARK_NODE_CUSTOM_INLINE: m = a2b_node_new(arena, A2B_NODE_SPAN, line, col); break;
  case CMARK_NODE_EMPH: m = a2b_node_new(arena, A2B_NODE_EMPH, line, col); break;
  case CMARK_NODE_STRONG: m = a2b_node_new(arena, A2B_NODE_STRONG, line, col); break;
  case CMARK_NODE_LINK:
    m = a2b_node_new(arena, A2B_NODE_LINK, line, col);
    lit = cmark_node_get_url(n);
    m->u.link.url = a2b_strdup(arena, lit ? lit : "");
    m->u.link.title = nonempty(arena, cmark_node_get_title(n));
    break;
  case CMARK_NODE_IMAGE:
    m = a2b_node_new(arena, A2B_NODE_IMAGE, line, col);
    lit = cmark_node_get_url(n);
    m->u.image.src = a2b_strdup(arena, lit ? lit : "");
    m->u.image.title = nonempty(arena, cmark_node_get_title(n));
    break;
  case CMARK_NODE_FOOTNOTE_REFERENCE:
    m = a2b_node_new(arena, A2B_NODE_FOOTNOTE_REF, line, col);
    lit = cmark_node_get_literal(n);
    m->u.footnote.label = ref_label(c, lit ? lit : "");
    break;
  default:
    if (type_is(n, "table")) {
      m = a2b_node_new(arena, A2B_NODE_TABLE, line, col);
      m->u.table.ncols = cmark_gfm_extensions_get_table_columns(n);
    } else if (type_is(n, "table_row") || type_is(n, "table_header")) {
      m = a2b_node_new(arena, A2B_NODE_TABLE_ROW, line, col);
      m->u.row.header = cmark_gfm_extensions_get_table_row_is_header(n);
    } else if (type_is(n, "table_cell")) {
      m = a2b_node_new(arena, A2B_NODE_TABLE_CELL, line, col);
      convert_cell(m, top);
    } else if (type_is(n, "strikethrough")) {
      m = a2b_node_new(arena, A2B_NODE_STRIKE, line, col);
    } else if ((cmark_node_get_type(n) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_INLINE) {
      m = a2b_node_new(arena, A2B_NODE_SPAN, line, col);
    } else {
      m = a2b_node_new(arena, A2B_NODE_DIV, line, col);
    }
    break;
  }
  a2b_node_append(top->current, m);
  return m;
}

/* Block rewrites that need the node's children complete. */
static void finish(a2b_arena *arena, a2b_node *m) {
  if (!m->first_child) return;
  a2b_markdown_merge_text(arena, m);
  switch (m->type) {
  case A2B_NODE_HEADING: a2b_markdown_heading_attrs(arena, m); break;
  case A2B_NODE_PARAGRAPH: a2b_markdown_figure(arena, m); break;
  case A2B_NODE_QUOTE: a2b_markdown_alert(arena, m); break;
  default: break;
  }
}

static void walk(conv *c, cmark_node *doc, a2b_node *body) {
  push(c, doc, body);
  cmark_node *n = cmark_node_first_child(doc);
  while (n) {
    a2b_node *m = convert(c, n, &c->stack[c->depth - 1]);
    cmark_node *child = m ? cmark_node_first_child(n) : NULL;
    if (child) {
      push(c, n, m);
      n = child;
      continue;
    }
    if (m) finish(c->ctx->arena, m);
    /* Climb until a next sibling, closing finished containers. */
    while (n && !cmark_node_next(n)) {
      n = cmark_node_parent(n);
      frame *f = &c->stack[--c->depth];
      finish(c->ctx->arena, f->node);
      if (n == doc) n = NULL;
    }
    if (n) n = cmark_node_next(n);
  }
}

void a2b_markdown_init(void) {
  cmark_gfm_core_extensions_ensure_registered();
  xmlInitParser(); /* raw HTML goes through libxml2 (html.c) */
}

/* cmark-gfm adds its extensions' special characters to one global table when
 * a parser attaches them and removes them when it finishes (known upstream
 * problem), so two parses at once can lose each other's strikethrough or
 * autolinks. Parses are serialised; converting the tree is not. */
static pthread_mutex_t cmark_lock = PTHREAD_MUTEX_INITIALIZER;

void a2b_markdown_parse(a2b_load_ctx *ctx, const char *text, size_t len) {
  static const char *const exts[] = {"table", "strikethrough", "autolink", "tasklist"};
  cmark_gfm_core_extensions_ensure_registered();
  pthread_mutex_lock(&cmark_lock);
  cmark_parser *parser = cmark_parser_new(CMARK_OPT_FOOTNOTES) /* the loader sanitised UTF-8 */;
  for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
    cmark_syntax_extension *ext = cmark_find_syntax_extension(exts[i]);
    if (ext) cmark_parser_attach_syntax_extension(parser, ext);
  }
  cmark_parser_feed(parser, text, len);
  cmark_node *doc = cmark_parser_finish(parser);
  pthread_mutex_unlock(&cmark_lock);

  a2b_node *body = a2b_node_new(ctx->arena, A2B_NODE_DOCUMENT, 1 + ctx->line_offset, 1);
  conv c = {.ctx = ctx};
  collect_footnotes(&c, doc);
  walk(&c, doc, body);
  free(c.stack);
  free(c.fn_labels);
  cmark_node_free(doc);
  cmark_parser_free(parser);

  bool smart = a2b_markdown_wants_smart(ctx->art->lang, text, len);
  a2b_markdown_text_pass(ctx->arena, body, smart);
  ctx->art->body = body;
}
