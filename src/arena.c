#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Chunks are linked newest first; big requests get a chunk of their own. */
typedef struct chunk {
  struct chunk *next;
  size_t used, cap;
  _Alignas(max_align_t) unsigned char data[];
} chunk;

struct a2b_arena {
  chunk *head;
};

enum { CHUNK_SIZE = 64 * 1024 };

static void out_of_memory(void) {
  fputs("art2book: fatal: out of memory\n", stderr);
  abort();
}

void *a2b_xmalloc(size_t size) {
  void *p = malloc(size ? size : 1);
  if (!p) out_of_memory();
  return p;
}

void *a2b_xrealloc(void *p, size_t size) {
  void *q = realloc(p, size ? size : 1);
  if (!q) out_of_memory();
  return q;
}

char *a2b_xstrdup(const char *s) {
  size_t n = strlen(s) + 1;
  return memcpy(a2b_xmalloc(n), s, n);
}

char *a2b_xsprintf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  char *out = a2b_xmalloc(n > 0 ? (size_t)n + 1 : 1);
  va_start(ap, fmt);
  vsnprintf(out, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
  va_end(ap);
  if (n <= 0) out[0] = '\0';
  return out;
}

a2b_arena *a2b_arena_new(void) {
  a2b_arena *a = a2b_xmalloc(sizeof *a);
  a->head = NULL;
  return a;
}

void a2b_arena_free(a2b_arena *arena) {
  if (!arena) return;
  for (chunk *c = arena->head, *next; c; c = next) {
    next = c->next;
    free(c);
  }
  free(arena);
}

void a2b_arena_reset(a2b_arena *arena) {
  chunk *keep = NULL;
  for (chunk *c = arena->head, *next; c; c = next) {
    next = c->next;
    if (!keep && c->cap == CHUNK_SIZE) {
      keep = c;
    } else {
      free(c);
    }
  }
  if (keep) {
    keep->used = 0;
    keep->next = NULL;
  }
  arena->head = keep;
}

static chunk *chunk_new(size_t cap) {
  chunk *c = a2b_xmalloc(sizeof *c + cap);
  c->used = 0;
  c->cap = cap;
  return c;
}

void *a2b_alloc(a2b_arena *arena, size_t size) {
  const size_t align = _Alignof(max_align_t);
  size = (size + align - 1) & ~(align - 1);
  if (size == 0) size = align;
  chunk *c = arena->head;
  if (!c || c->cap - c->used < size) {
    if (size > CHUNK_SIZE / 4) {
      /* Oversized: its own chunk, kept behind the current one. */
      chunk *big = chunk_new(size);
      big->used = size;
      if (c) {
        big->next = c->next;
        c->next = big;
      } else {
        big->next = NULL;
        arena->head = big;
      }
      memset(big->data, 0, size);
      return big->data;
    }
    c = chunk_new(CHUNK_SIZE);
    c->next = arena->head;
    arena->head = c;
  }
  void *p = c->data + c->used;
  c->used += size;
  memset(p, 0, size);
  return p;
}

char *a2b_strndup(a2b_arena *arena, const char *s, size_t n) {
  if (!s) return NULL;
  char *p = a2b_alloc(arena, n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *a2b_strdup(a2b_arena *arena, const char *s) {
  return s ? a2b_strndup(arena, s, strlen(s)) : NULL;
}

void *a2b_memdup(a2b_arena *arena, const void *p, size_t n) {
  void *q = a2b_alloc(arena, n);
  if (n) memcpy(q, p, n);
  return q;
}

char *a2b_sprintf(a2b_arena *arena, const char *fmt, ...) {
  va_list ap, ap2;
  va_start(ap, fmt);
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  char *p = a2b_alloc(arena, (size_t)n + 1);
  vsnprintf(p, (size_t)n + 1, fmt, ap2);
  va_end(ap2);
  return p;
}

void a2b_strlist_add(a2b_arena *arena, a2b_strlist *list, const char *s) {
  /* The capacity is implied by n: 4, then doubling. Old arrays stay in the
   * arena until it is freed; lists are short. */
  size_t n = list->n;
  if (n == 0 || (n >= 4 && (n & (n - 1)) == 0)) {
    size_t cap = n ? n * 2 : 4;
    const char **items = a2b_alloc(arena, cap * sizeof *items);
    if (n) memcpy(items, list->items, n * sizeof *items);
    list->items = items;
  }
  list->items[n] = a2b_strdup(arena, s);
  list->n = n + 1;
}
