#include <string.h>

#include "arena.h"

a2b_book *a2b_book_new(void) {
  a2b_arena *arena = a2b_arena_new();
  a2b_book *book = a2b_alloc(arena, sizeof *book);
  book->arena = arena;
  return book;
}

void a2b_book_free(a2b_book *book) {
  if (!book) return;
  for (size_t i = 0; i < book->n_load_arenas; i++) a2b_arena_free(book->load_arenas[i]);
  a2b_arena_free(book->arena);
}

void a2b_book_add_article(a2b_book *book, a2b_article *art) {
  /* Capacity doubles from 16; the old array stays in the arena. */
  size_t n = book->n_articles;
  if (n == 0 || (n >= 16 && (n & (n - 1)) == 0)) {
    size_t cap = n ? n * 2 : 16;
    a2b_article **items = a2b_alloc(book->arena, cap * sizeof *items);
    if (n) memcpy(items, book->articles, n * sizeof *items);
    book->articles = items;
  }
  book->articles[book->n_articles++] = art;
}
