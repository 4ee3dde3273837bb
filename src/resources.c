#include "resources.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "fileio.h"
#include "image.h"
#include "imgconv.h"
#include "sha1.h"
#include "svg.h"

/* An open-addressing hash table from heap strings to a resource or an error. */
typedef struct entry {
  char *key; /* NULL: empty slot */
  const a2b_resource *res;
  char *err; /* set when res is NULL */
} entry;

typedef struct table {
  entry *slots;
  size_t cap, n; /* cap is 0 or a power of two */
} table;

struct a2b_resources {
  a2b_book *book;
  a2b_image_policy policy;
  size_t cap;    /* capacity of book->resources */
  table by_hash; /* 40 hex digits of SHA-1 of the final bytes, and of the
                    bytes they were converted from -> resource */
  table by_path; /* source path -> resource or error */
};

static uint64_t hash_str(const char *s) {
  uint64_t h = 1469598103934665603u; /* FNV-1a */
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 1099511628211u;
  return h;
}

static entry *slot(const table *t, const char *key) {
  size_t mask = t->cap - 1;
  for (size_t i = hash_str(key) & mask;; i = (i + 1) & mask)
    if (!t->slots[i].key || strcmp(t->slots[i].key, key) == 0) return &t->slots[i];
}

static entry *lookup(const table *t, const char *key) {
  if (!t->cap) return NULL;
  entry *e = slot(t, key);
  return e->key ? e : NULL;
}

/* Insert a key known to be absent; takes ownership of `err`. */
static void insert(table *t, const char *key, const a2b_resource *res, char *err) {
  if ((t->n + 1) * 10 > t->cap * 7) {
    table grown = {NULL, t->cap ? t->cap * 2 : 64, t->n};
    grown.slots = a2b_xmalloc(grown.cap * sizeof *grown.slots);
    memset(grown.slots, 0, grown.cap * sizeof *grown.slots);
    for (size_t i = 0; i < t->cap; i++)
      if (t->slots[i].key) *slot(&grown, t->slots[i].key) = t->slots[i];
    free(t->slots);
    *t = grown;
  }
  *slot(t, key) = (entry){a2b_xstrdup(key), res, err};
  t->n++;
}

static void table_free(table *t) {
  for (size_t i = 0; i < t->cap; i++) {
    free(t->slots[i].key);
    free(t->slots[i].err);
  }
  free(t->slots);
}

static void hex_digest(const unsigned char *data, size_t size, char hex[41]) {
  unsigned char d[A2B_SHA1_SIZE];
  a2b_sha1_digest(data, size, d);
  a2b_sha1_hex(d, hex);
}

a2b_resources *a2b_resources_new(a2b_book *book) {
  a2b_resources *rs = a2b_xmalloc(sizeof *rs);
  *rs = (a2b_resources){.book = book, .cap = book->n_resources};
  rs->policy = (a2b_image_policy){A2B_IMAGE_MAX_WIDTH_DEFAULT, false};
  for (size_t i = 0; i < book->n_resources; i++) {
    char hex[41];
    hex_digest(book->resources[i]->data, book->resources[i]->size, hex);
    if (!lookup(&rs->by_hash, hex)) insert(&rs->by_hash, hex, book->resources[i], NULL);
  }
  return rs;
}

void a2b_resources_set_policy(a2b_resources *rs, const a2b_image_policy *policy) {
  rs->policy = *policy;
}

void a2b_resources_free(a2b_resources *rs) {
  if (!rs) return;
  table_free(&rs->by_hash);
  table_free(&rs->by_path);
  free(rs);
}

/* Append to book->resources, doubling the arena array when full. */
static void append(a2b_resources *rs, a2b_resource *r) {
  a2b_book *b = rs->book;
  if (b->n_resources == rs->cap) {
    size_t cap = rs->cap ? rs->cap * 2 : 16;
    a2b_resource **grown = a2b_alloc(b->arena, cap * sizeof *grown);
    if (b->n_resources) memcpy(grown, b->resources, b->n_resources * sizeof *grown);
    b->resources = grown;
    rs->cap = cap;
  }
  b->resources[b->n_resources++] = r;
}

const a2b_resource *a2b_resources_add_bytes(a2b_resources *rs, const char *source,
                                            const unsigned char *data, size_t size, char **err) {
  *err = NULL;
  a2b_image_info info;
  if (size > A2B_RESOURCE_MAX_SIZE) {
    *err = a2b_xstrdup("larger than 64 MB");
    return NULL;
  }
  if (!a2b_image_sniff(data, size, &info)) {
    *err = a2b_xstrdup("not a recognised image format (PNG, JPEG, GIF, WebP, SVG, TIFF, BMP)");
    return NULL;
  }
  char *clean = NULL;
  if (strcmp(info.ext, "svg") == 0) {
    size_t clean_len;
    if (!(clean = a2b_svg_sanitize(data, size, &clean_len, err))) return NULL;
    data = (const unsigned char *)clean;
    size = clean_len;
    if (!a2b_image_sniff(data, size, &info)) {
      free(clean);
      *err = a2b_xstrdup("SVG unreadable after sanitising");
      return NULL;
    }
  }
  char hex[41], source_hex[41];
  hex_digest(data, size, hex);
  entry *e = lookup(&rs->by_hash, hex);
  if (e) {
    free(clean);
    return e->res;
  }
  unsigned char *converted = NULL;
  size_t converted_size = 0;
  if (!a2b_imgconv_prepare(data, size, &info, &rs->policy, &converted, &converted_size, err)) {
    free(clean);
    return NULL;
  }
  if (converted) {
    memcpy(source_hex, hex, sizeof hex);
    data = converted;
    size = converted_size;
    hex_digest(data, size, hex);
    if ((e = lookup(&rs->by_hash, hex))) { /* another source converted to the same bytes */
      insert(&rs->by_hash, source_hex, e->res, NULL);
      free(converted);
      free(clean);
      return e->res;
    }
  }
  a2b_arena *arena = rs->book->arena;
  a2b_resource *r = a2b_alloc(arena, sizeof *r);
  r->source = a2b_strdup(arena, source);
  r->name = a2b_sprintf(arena, "images/%.16s.%s", hex, info.ext);
  r->media_type = info.media_type;
  r->width = info.width;
  r->height = info.height;
  r->data = a2b_memdup(arena, data, size);
  r->size = size;
  free(converted);
  free(clean);
  append(rs, r);
  insert(&rs->by_hash, hex, r, NULL);
  if (converted) insert(&rs->by_hash, source_hex, r, NULL);
  return r;
}

const a2b_resource *a2b_resources_add_file(a2b_resources *rs, const char *path, char **err) {
  *err = NULL;
  entry *e = lookup(&rs->by_path, path);
  if (e) {
    if (!e->res) *err = a2b_xstrdup(e->err);
    return e->res;
  }
  size_t size = 0;
  const a2b_resource *r = NULL;
  unsigned char *data = (unsigned char *)a2b_read_file(path, A2B_RESOURCE_MAX_SIZE, &size, err);
  if (data) r = a2b_resources_add_bytes(rs, path, data, size, err);
  free(data);
  insert(&rs->by_path, path, r, r ? NULL : a2b_xstrdup(*err));
  return r;
}
