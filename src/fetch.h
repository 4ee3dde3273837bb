/* Fetching remote images over HTTP and HTTPS with libcurl: several
 * transfers at a time, through the cache (src/fetchcache.h).
 *
 * Safety: only http and https, also on redirects (at most max_redirects);
 * every address a connection is about to be made to (each DNS answer, each
 * redirect) is checked with src/netaddr.h first: blocked addresses are
 * always refused, private ones unless allow_private. Proxy settings from
 * the environment are ignored, so the address checked is the one
 * connected. The body is capped at max_bytes (decompressed), the whole
 * transfer at timeout_ms.
 *
 * Cache: with a cache folder, a cached URL is revalidated (If-None-Match,
 * If-Modified-Since) and its bytes reused on 304; new bytes (200) replace
 * the entry. When the server cannot be reached or answers with an error,
 * a cached copy is still used (with a note). Offline, only the cache is
 * read; address checks apply to network fetches, not to cache reads. */
#ifndef A2B_FETCH_H
#define A2B_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#include "art2book/diag.h"

typedef struct a2b_fetch_opts {
  const char *cache_dir; /* NULL: no cache */
  bool offline;          /* read the cache only; never connect */
  bool allow_private;    /* also connect to private addresses (netaddr.h) */
  long connect_timeout_ms;
  long timeout_ms;  /* whole transfer, redirects included */
  size_t max_bytes; /* body cap */
  int max_redirects;
  int parallel; /* transfers at a time, >= 1 */
} a2b_fetch_opts;

/* Defaults: no cache, online, public addresses only, connect 10 s, total
 * 30 s, 64 MB (A2B_RESOURCE_MAX_SIZE), 5 redirects, 8 at a time. */
a2b_fetch_opts a2b_fetch_defaults(void);

typedef enum a2b_fetch_status {
  A2B_FETCH_FAILED,       /* `error` says why */
  A2B_FETCH_DOWNLOADED,   /* new bytes from the server */
  A2B_FETCH_NOT_MODIFIED, /* the server confirmed the cached copy (304) */
  A2B_FETCH_CACHED        /* the cached copy without the server's word:
                             offline, or the fetch failed (`note` says why) */
} a2b_fetch_status;

typedef struct a2b_fetch_item {
  const char *url; /* in: absolute http: or https: URL (a2b_fetchurl_normalize) */
  /* out: */
  a2b_fetch_status status;
  unsigned char *data; /* heap; NULL when FAILED */
  size_t size;
  const char *media_type; /* static, sniffed from the bytes; NULL when FAILED */
  char *error;            /* FAILED: heap phrase, e.g. "HTTP error 404" */
  char *note;             /* CACHED after a failure: heap phrase; else NULL */
} a2b_fetch_item;

/* Fetch items[0..n) (distinct URLs), at most o->parallel at a time, and
 * fill in their results. Only bodies that are images (src/image.h) are
 * accepted and cached; anything else fails with "not an image (...)". A
 * cache that cannot be written is reported once on `d` as a warning; the
 * fetched bytes are still returned. Never aborts except out of memory. */
void a2b_fetch_all(const a2b_fetch_opts *o, a2b_fetch_item *items, size_t n, a2b_diags *d);

/* Free an item's results (not its url) and reset them. */
void a2b_fetch_item_clear(a2b_fetch_item *it);

#endif
