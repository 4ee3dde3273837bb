/* The on-disk cache of fetched images, so that a weekly run downloads only
 * new or changed ones.
 *
 * One file per URL in the cache folder, named by the SHA-1 of the URL (40
 * lower-case hex digits): a text header, an empty line, then the body.
 *
 *     art2book-cache 1
 *     url https://example.com/a.png
 *     etag "5f3e-1a"                       (optional)
 *     last-modified Tue, 02 Jan 2024 ...   (optional)
 *     type image/png
 *     size 6714
 *
 * Writes are atomic (src/atomic.h): a reader sees the old entry or the new
 * one, never a mix. An entry whose header is damaged, whose URL is not the
 * one asked for or whose body is not `size` bytes is treated as absent.
 * Nothing is ever evicted. */
#ifndef A2B_FETCHCACHE_H
#define A2B_FETCHCACHE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct a2b_cache_entry {
  char *etag;          /* NULL or the ETag as the server sent it */
  char *last_modified; /* NULL or the Last-Modified date as sent */
  char *media_type;    /* the type sniffed from the body, e.g. "image/png" */
  unsigned char *data; /* the body */
  size_t size;
} a2b_cache_entry;

/* The default cache folder: "$XDG_CACHE_HOME/art2book" when
 * `xdg_cache_home` is an absolute path, else "$HOME/.cache/art2book" when
 * `home` is one; NULL when neither is (pass getenv()'s values). Heap string
 * (caller free()s). */
char *a2b_fetchcache_default_dir(const char *xdg_cache_home, const char *home);

/* Read the entry for `url` from folder `dir` into *e (all fields heap; free
 * with a2b_fetchcache_entry_free). Returns false, with *e zeroed, when there
 * is none, it is damaged, or its body exceeds `max_size` bytes. */
bool a2b_fetchcache_read(const char *dir, const char *url, size_t max_size, a2b_cache_entry *e);

/* Store `e` (media_type and data required; validators holding a line break
 * are left out) as the entry for `url` in `dir`, creating the folder and
 * its parents (mode 0700) as needed. Returns NULL, or a heap message
 * (caller free()s) such as "cannot create folder '/x/y' (Permission
 * denied)". */
char *a2b_fetchcache_write(const char *dir, const char *url, const a2b_cache_entry *e);

/* Free the fields of *e and zero it. NULL fields are fine. */
void a2b_fetchcache_entry_free(a2b_cache_entry *e);

#endif
