#include "arena.h"
#include "resolve.h"

/* Headings that belong in the contents: top level of the body, or inside
 * top-level containers (divs, asides), never in quotes, lists or notes. */
static void collect(a2b_node *n, a2b_node **out, size_t *k, int *min_level) {
  for (; n; n = n->next) {
    if (n->type == A2B_NODE_HEADING) {
      if (out) out[*k] = n;
      (*k)++;
      if (n->u.heading.level < *min_level) *min_level = n->u.heading.level;
    } else if (n->type == A2B_NODE_DIV || n->type == A2B_NODE_ASIDE) {
      collect(n->first_child, out, k, min_level);
    }
  }
}

void a2b_resolve_toc(a2b_book *book, int depth) {
  size_t total = book->n_articles;
  for (size_t i = 0; i < book->n_articles; i++) {
    size_t k = 0;
    int min_level = 7;
    collect(book->articles[i]->body->first_child, NULL, &k, &min_level);
    total += k;
  }
  book->toc = a2b_alloc(book->arena, (total ? total : 1) * sizeof *book->toc);
  book->n_toc = 0;
  for (size_t i = 0; i < book->n_articles; i++) {
    a2b_article *art = book->articles[i];
    book->toc[book->n_toc++] = (a2b_toc_entry){0, art->title, art, NULL};
    size_t k = 0;
    int min_level = 7;
    collect(art->body->first_child, NULL, &k, &min_level);
    if (!k || depth <= 0) continue;
    a2b_node **heads = a2b_alloc(book->arena, k * sizeof *heads);
    size_t m = 0;
    collect(art->body->first_child, heads, &m, &min_level);
    for (size_t j = 0; j < k; j++) {
      int level = heads[j]->u.heading.level - min_level + 1;
      const char *title = a2b_node_plain_text(book->arena, heads[j]);
      if (level > depth || !*title) continue;
      book->toc[book->n_toc++] = (a2b_toc_entry){level, title, art, heads[j]->id};
    }
  }
}
