#include "dump.h"

#include <string.h>

#include "date.h"

static void put_quoted(FILE *out, const char *s) {
  fputc('"', out);
  for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
    switch (*p) {
    case '"': fputs("\\\"", out); break;
    case '\\': fputs("\\\\", out); break;
    case '\n': fputs("\\n", out); break;
    case '\r': fputs("\\r", out); break;
    case '\t': fputs("\\t", out); break;
    default:
      if (*p < 0x20) fprintf(out, "\\x%02x", *p);
      else fputc(*p, out);
    }
  }
  fputc('"', out);
}

static void put_field(FILE *out, int indent, const char *key, const char *value) {
  if (!value) return;
  fprintf(out, "%*s%s: ", indent, "", key);
  put_quoted(out, value);
  fputc('\n', out);
}

static void put_list(FILE *out, int indent, const char *key, const a2b_strlist *l) {
  if (!l->n) return;
  fprintf(out, "%*s%s: [", indent, "", key);
  for (size_t i = 0; i < l->n; i++) {
    if (i) fputs(", ", out);
    put_quoted(out, l->items[i]);
  }
  fputs("]\n", out);
}

static void put_date(FILE *out, int indent, const char *key, const a2b_date *d) {
  if (!d->set) return;
  char buf[32];
  a2b_date_format(d, true, buf);
  fprintf(out, "%*s%s: %s\n", indent, "", key, buf);
}

static const char *align_name(a2b_align a) {
  switch (a) {
  case A2B_ALIGN_LEFT: return "left";
  case A2B_ALIGN_CENTER: return "center";
  case A2B_ALIGN_RIGHT: return "right";
  default: return NULL;
  }
}

static const char *const aside_names[] = {"note", "tip", "important", "warning", "caution",
                                          "details"};

static void put_attr(FILE *out, const char *key, const char *value) {
  if (!value) return;
  fprintf(out, " %s=", key);
  put_quoted(out, value);
}

static void dump_node(const a2b_node *n, int depth, FILE *out) {
  fprintf(out, "%*s%s", 2 * depth, "", a2b_node_type_name(n->type));
  put_attr(out, "id", n->id);
  put_attr(out, "class", n->classes);
  put_attr(out, "lang", n->lang);
  switch (n->type) {
  case A2B_NODE_HEADING: fprintf(out, " level=%d", n->u.heading.level); break;
  case A2B_NODE_CODE_BLOCK:
    put_attr(out, "lang", n->u.code.lang);
    put_attr(out, "file", n->u.code.filename);
    fputc(' ', out);
    put_quoted(out, n->u.code.literal);
    break;
  case A2B_NODE_TEXT:
  case A2B_NODE_CODE:
  case A2B_NODE_MATH_INLINE:
  case A2B_NODE_MATH_BLOCK:
    fputc(' ', out);
    put_quoted(out, n->u.literal);
    break;
  case A2B_NODE_ASIDE:
    fprintf(out, " kind=%s", aside_names[n->u.aside.kind]);
    put_attr(out, "title", n->u.aside.title);
    break;
  case A2B_NODE_LIST:
    fprintf(out, " %s%s", n->u.list.ordered ? "ordered" : "bullet", n->u.list.tight ? " tight" : "");
    if (n->u.list.ordered) fprintf(out, " start=%d", n->u.list.start);
    break;
  case A2B_NODE_ITEM:
    if (n->u.item.task) fprintf(out, " task=%s", n->u.item.task == 2 ? "done" : "open");
    break;
  case A2B_NODE_TABLE: fprintf(out, " cols=%d", n->u.table.ncols); break;
  case A2B_NODE_TABLE_ROW:
    if (n->u.row.header) fputs(" header", out);
    break;
  case A2B_NODE_TABLE_CELL:
    if (align_name(n->u.cell.align)) fprintf(out, " align=%s", align_name(n->u.cell.align));
    break;
  case A2B_NODE_LINK:
    put_attr(out, "url", n->u.link.url);
    put_attr(out, "title", n->u.link.title);
    if (n->u.link.target) fprintf(out, " target=%zu", n->u.link.target->index + 1);
    put_attr(out, "fragment", n->u.link.fragment);
    break;
  case A2B_NODE_IMAGE:
    put_attr(out, "src", n->u.image.src);
    put_attr(out, "title", n->u.image.title);
    put_attr(out, "resource", n->u.image.res ? n->u.image.res->name : NULL);
    break;
  case A2B_NODE_FOOTNOTE_REF:
  case A2B_NODE_FOOTNOTE_DEF:
    put_attr(out, "label", n->u.footnote.label);
    if (n->u.footnote.number) fprintf(out, " number=%d", n->u.footnote.number);
    break;
  default: break;
  }
  if (n->line) fprintf(out, " @%d:%d", n->line, n->col);
  fputc('\n', out);
  for (const a2b_node *c = n->first_child; c; c = c->next) dump_node(c, depth + 1, out);
}

void a2b_dump_book(const a2b_book *book, FILE *out) {
  fputs("book\n", out);
  put_field(out, 2, "title", book->title);
  put_field(out, 2, "subtitle", book->subtitle);
  put_list(out, 2, "authors", &book->authors);
  put_field(out, 2, "lang", book->lang);
  put_field(out, 2, "identifier", book->identifier);
  put_field(out, 2, "description", book->description);
  put_field(out, 2, "publisher", book->publisher);
  put_field(out, 2, "rights", book->rights);
  put_date(out, 2, "date", &book->date);
  if (book->cover) put_field(out, 2, "cover", book->cover->name);
  for (size_t i = 0; i < book->n_resources; i++) {
    const a2b_resource *r = book->resources[i];
    fprintf(out, "  resource %s %s %dx%d %zu bytes\n", r->name, r->media_type, r->width,
            r->height, r->size);
  }
  for (size_t i = 0; i < book->n_toc; i++) {
    const a2b_toc_entry *t = &book->toc[i];
    fprintf(out, "  toc %*s%zu", 2 * t->level, "", t->article->index + 1);
    if (t->fragment) fprintf(out, "#%s", t->fragment);
    fputc(' ', out);
    put_quoted(out, t->title);
    fputc('\n', out);
  }
  for (size_t i = 0; i < book->n_articles; i++) {
    const a2b_article *a = book->articles[i];
    fprintf(out, "article %zu %s\n", a->index + 1, a->rel_path);
    put_field(out, 2, "title", a->title);
    put_field(out, 2, "slug", a->slug);
    put_field(out, 2, "lang", a->lang);
    put_date(out, 2, "date", &a->date);
    put_date(out, 2, "lastmod", &a->lastmod);
    put_list(out, 2, "authors", &a->authors);
    put_field(out, 2, "summary", a->summary);
    put_list(out, 2, "tags", &a->tags);
    put_list(out, 2, "categories", &a->categories);
    if (a->draft) fputs("  draft: true\n", out);
    if (a->has_weight) fprintf(out, "  weight: %ld\n", a->weight);
    put_field(out, 2, "thumbnail", a->thumbnail);
    put_field(out, 2, "source", a->source_url);
    for (size_t j = 0; j < a->n_extra; j++) {
      fprintf(out, "  extra ");
      put_quoted(out, a->extra[j].key);
      fputs(": ", out);
      put_quoted(out, a->extra[j].value);
      fputc('\n', out);
    }
    fprintf(out, "  body_line: %d\n", a->body_line);
    if (a->body) dump_node(a->body, 1, out);
  }
}
