#include "remote_images.h"

#include <stdint.h>
#include <stdlib.h>

#include "arena.h"
#include "fetchurl.h"
#include "strmap.h"

struct a2b_remote_images {
  a2b_fetch_item *items; /* urls are heap strings owned here */
  size_t n, cap;
  a2b_strmap *by_url; /* normalised URL -> index + 1 */
};

/* Add `src` to the batch when it is a fetchable URL not seen yet. */
static void add_src(a2b_remote_images *ri, const char *src) {
  char *url = src ? a2b_fetchurl_normalize(src) : NULL;
  if (url && !a2b_strmap_get(ri->by_url, url)) {
    if (ri->n == ri->cap) {
      ri->cap = ri->cap ? 2 * ri->cap : 16;
      ri->items = a2b_xrealloc(ri->items, ri->cap * sizeof *ri->items);
    }
    ri->items[ri->n] = (a2b_fetch_item){.url = url};
    a2b_strmap_put(ri->by_url, url, (void *)(uintptr_t)++ri->n);
  } else {
    free(url);
  }
}

static void collect(a2b_remote_images *ri, const a2b_node *n) {
  for (; n; n = n->next) {
    if (n->type == A2B_NODE_IMAGE) add_src(ri, n->u.image.src);
    collect(ri, n->first_child);
  }
}

a2b_remote_images *a2b_remote_images_fetch(const a2b_book *book, bool thumbnails,
                                           const a2b_fetch_opts *o, a2b_diags *d) {
  a2b_remote_images *ri = a2b_xmalloc(sizeof *ri);
  *ri = (a2b_remote_images){.by_url = a2b_strmap_new()};
  for (size_t i = 0; i < book->n_articles; i++) {
    if (thumbnails) add_src(ri, book->articles[i]->thumbnail);
    collect(ri, book->articles[i]->body);
  }
  a2b_fetch_all(o, ri->items, ri->n, d);
  return ri;
}

const a2b_fetch_item *a2b_remote_images_get(const a2b_remote_images *ri, const char *src) {
  char *url = a2b_fetchurl_normalize(src);
  uintptr_t i = url ? (uintptr_t)a2b_strmap_get(ri->by_url, url) : 0;
  free(url);
  return i ? &ri->items[i - 1] : NULL;
}

void a2b_remote_images_free(a2b_remote_images *ri) {
  if (!ri) return;
  for (size_t i = 0; i < ri->n; i++) {
    free((char *)ri->items[i].url);
    a2b_fetch_item_clear(&ri->items[i]);
  }
  free(ri->items);
  a2b_strmap_free(ri->by_url);
  free(ri);
}
