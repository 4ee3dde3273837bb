#include "pdf/vlist.h"

#include <string.h>

#include "arena.h"

/* Arrays double from 16; the old copy stays in the arena. */
static void *grow(a2b_arena *arena, void *items, size_t n, size_t *cap, size_t size) {
  if (n < *cap) return items;
  size_t new_cap = *cap ? *cap * 2 : 16;
  void *bigger = a2b_alloc(arena, new_cap * size);
  if (n) memcpy(bigger, items, n * size);
  *cap = new_cap;
  return bigger;
}

a2b_pdf_vitem *a2b_pdf_vlist_push(a2b_arena *arena, a2b_pdf_vlist *list, a2b_pdf_vkind kind) {
  list->items = grow(arena, list->items, list->n, &list->cap, sizeof *list->items);
  a2b_pdf_vitem *it = &list->items[list->n++];
  memset(it, 0, sizeof *it);
  it->kind = kind;
  return it;
}

a2b_pdf_placed *a2b_pdf_page_push(a2b_arena *arena, a2b_pdf_page *page, a2b_pdf_pkind kind) {
  page->items = grow(arena, page->items, page->n, &page->cap, sizeof *page->items);
  a2b_pdf_placed *it = &page->items[page->n++];
  memset(it, 0, sizeof *it);
  it->kind = kind;
  return it;
}
