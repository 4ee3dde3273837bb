#include "fetchcache.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "atomic.h"
#include "buf.h"
#include "fileio.h"
#include "sha1.h"

#define MAGIC "art2book-cache 1\n"
#define MAX_HEADER 8192

char *a2b_fetchcache_default_dir(const char *xdg_cache_home, const char *home) {
  if (xdg_cache_home && xdg_cache_home[0] == '/')
    return a2b_xsprintf("%s/art2book", xdg_cache_home);
  if (home && home[0] == '/') return a2b_xsprintf("%s/.cache/art2book", home);
  return NULL;
}

static char *entry_path(const char *dir, const char *url) {
  unsigned char digest[A2B_SHA1_SIZE];
  char hex[2 * A2B_SHA1_SIZE + 1];
  a2b_sha1_digest(url, strlen(url), digest);
  a2b_sha1_hex(digest, hex);
  return a2b_xsprintf("%s/%s", dir, hex);
}

void a2b_fetchcache_entry_free(a2b_cache_entry *e) {
  free(e->etag);
  free(e->last_modified);
  free(e->media_type);
  free(e->data);
  memset(e, 0, sizeof *e);
}

/* Parse the header lines in h[0..n) (without the empty line) into *e;
 * returns the declared body size, or -1 when the header is not ours. */
static long long parse_header(char *h, const char *url, a2b_cache_entry *e) {
  long long size = -1;
  bool url_ok = false;
  for (char *line = h, *next; line; line = next) {
    next = strchr(line, '\n');
    if (next) *next++ = '\0';
    char *value = strchr(line, ' ');
    if (!value) return -1;
    *value++ = '\0';
    if (!strcmp(line, "url")) {
      url_ok = !strcmp(value, url);
    } else if (!strcmp(line, "etag")) {
      free(e->etag);
      e->etag = a2b_xstrdup(value);
    } else if (!strcmp(line, "last-modified")) {
      free(e->last_modified);
      e->last_modified = a2b_xstrdup(value);
    } else if (!strcmp(line, "type")) {
      free(e->media_type);
      e->media_type = a2b_xstrdup(value);
    } else if (!strcmp(line, "size")) {
      char *end;
      errno = 0;
      size = strtoll(value, &end, 10);
      if (errno || *end || end == value || size < 0) return -1;
    }
  }
  return url_ok && e->media_type ? size : -1;
}

bool a2b_fetchcache_read(const char *dir, const char *url, size_t max_size, a2b_cache_entry *e) {
  memset(e, 0, sizeof *e);
  char *path = entry_path(dir, url), *err = NULL;
  size_t len = 0;
  char *file = a2b_read_file(path, max_size + MAX_HEADER, &len, &err);
  free(path);
  free(err);
  if (!file) return false;
  bool ok = false;
  char *end = len > strlen(MAGIC) ? strstr(file, "\n\n") : NULL;
  if (end && !strncmp(file, MAGIC, strlen(MAGIC))) {
    *end = '\0';
    size_t body = (size_t)(end + 2 - file);
    long long size = parse_header(file + strlen(MAGIC), url, e);
    if (size >= 0 && (size_t)size == len - body && (size_t)size <= max_size) {
      e->size = (size_t)size;
      e->data = a2b_xmalloc(e->size ? e->size : 1);
      memcpy(e->data, file + body, e->size);
      ok = true;
    }
  }
  free(file);
  if (!ok) a2b_fetchcache_entry_free(e);
  return ok;
}

/* mkdir -p with mode 0700 for what it creates. */
static char *make_dirs(const char *dir) {
  if (!*dir) return a2b_xstrdup("the cache folder name is empty");
  char *p = a2b_xstrdup(dir);
  char *msg = NULL;
  for (char *s = p + 1;; s++) {
    if (*s != '/' && *s) continue;
    char saved = *s;
    *s = '\0';
    struct stat st;
    if (mkdir(p, 0700) != 0 && errno != EEXIST)
      msg = a2b_xsprintf("cannot create folder '%s' (%s)", p, strerror(errno));
    else if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))
      msg = a2b_xsprintf("'%s' is not a folder", p);
    *s = saved;
    if (msg || !saved) break;
  }
  free(p);
  return msg;
}

static bool one_line(const char *s) { return s && !strpbrk(s, "\r\n"); }

static void put_header(a2b_buf *b, const char *url, const a2b_cache_entry *e) {
  a2b_buf_puts(b, MAGIC);
  a2b_buf_printf(b, "url %s\n", url);
  if (one_line(e->etag)) a2b_buf_printf(b, "etag %s\n", e->etag);
  if (one_line(e->last_modified)) a2b_buf_printf(b, "last-modified %s\n", e->last_modified);
  a2b_buf_printf(b, "type %s\nsize %zu\n\n", e->media_type, e->size);
}

char *a2b_fetchcache_write(const char *dir, const char *url, const a2b_cache_entry *e) {
  if (!one_line(url) || !one_line(e->media_type))
    return a2b_xstrdup("URL or type holds a line break");
  char *msg = make_dirs(dir);
  if (msg) return msg;
  a2b_buf head = A2B_BUF_INIT;
  put_header(&head, url, e);
  char *path = entry_path(dir, url);
  a2b_diags d = {0};
  a2b_atomic_file *af = a2b_atomic_open(path, &d);
  if (af) {
    FILE *f = fopen(a2b_atomic_temp_path(af), "wb");
    bool ok = f && fwrite(head.data, 1, head.len, f) == head.len &&
              fwrite(e->data, 1, e->size, f) == e->size;
    if (f && fclose(f) != 0) ok = false;
    if (!ok) {
      msg = a2b_xsprintf("cannot write '%s' (%s)", a2b_atomic_temp_path(af), strerror(errno));
      a2b_atomic_abort(af);
    } else {
      a2b_atomic_commit(af, &d);
    }
  }
  if (!msg && d.n) msg = a2b_xsprintf("%s: %s", path, d.items[0].message);
  a2b_diags_clear(&d);
  a2b_buf_free(&head);
  free(path);
  return msg;
}
