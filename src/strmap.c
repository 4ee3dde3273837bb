#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

typedef struct slot {
  char *key; /* NULL: empty */
  uint64_t hash;
  void *value;
} slot;

struct a2b_strmap {
  slot *slots;
  size_t cap; /* power of two */
  size_t count;
};

static uint64_t fnv1a(const char *s) {
  uint64_t h = 1469598103934665603ULL;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
  return h;
}

a2b_strmap *a2b_strmap_new(void) {
  a2b_strmap *m = a2b_xmalloc(sizeof *m);
  m->cap = 64;
  m->count = 0;
  m->slots = a2b_xmalloc(m->cap * sizeof *m->slots);
  memset(m->slots, 0, m->cap * sizeof *m->slots);
  return m;
}

void a2b_strmap_free(a2b_strmap *m) {
  if (!m) return;
  for (size_t i = 0; i < m->cap; i++) free(m->slots[i].key);
  free(m->slots);
  free(m);
}

static slot *find(const a2b_strmap *m, const char *key, uint64_t h) {
  for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
    slot *s = &m->slots[i];
    if (!s->key || (s->hash == h && !strcmp(s->key, key))) return s;
  }
}

void *a2b_strmap_get(const a2b_strmap *m, const char *key) {
  slot *s = find(m, key, fnv1a(key));
  return s->key ? s->value : NULL;
}

static void grow(a2b_strmap *m) {
  slot *old = m->slots;
  size_t old_cap = m->cap;
  m->cap *= 2;
  m->slots = a2b_xmalloc(m->cap * sizeof *m->slots);
  memset(m->slots, 0, m->cap * sizeof *m->slots);
  for (size_t i = 0; i < old_cap; i++)
    if (old[i].key) *find(m, old[i].key, old[i].hash) = old[i];
  free(old);
}

void a2b_strmap_put(a2b_strmap *m, const char *key, void *value) {
  if ((m->count + 1) * 4 > m->cap * 3) grow(m);
  uint64_t h = fnv1a(key);
  slot *s = find(m, key, h);
  if (!s->key) {
    s->key = a2b_xstrdup(key);
    s->hash = h;
    m->count++;
  }
  s->value = value;
}

size_t a2b_strmap_count(const a2b_strmap *m) { return m->count; }
