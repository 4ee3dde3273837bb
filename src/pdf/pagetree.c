#include "pdf/pagetree.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"

#define TAIL 2048 /* bytes at the end holding startxref and the trailer */

/* `n` bytes at `offset` into a NUL-terminated heap copy, or NULL. */
static char *read_at(FILE *f, long offset, size_t n) {
  if (offset < 0 || fseek(f, offset, SEEK_SET) != 0) return NULL;
  char *s = a2b_xmalloc(n + 1);
  size_t got = fread(s, 1, n, f);
  s[got] = '\0';
  return s;
}

/* The number after `key` in s (e.g. "/Root 12 0 R" -> 12), or -1. */
static long number_after(const char *s, const char *key) {
  const char *k = strstr(s, key);
  if (!k) return -1;
  char *end;
  long v = strtol(k + strlen(key), &end, 10);
  return end == k + strlen(key) ? -1 : v;
}

/* Byte offset of object `num` from the classic cross-reference table at
 * `xref` (one or more subsections of 20-byte entries), or -1. */
static long object_offset(FILE *f, long xref, long num) {
  char *head = read_at(f, xref, 64);
  long result = -1;
  if (head && !strncmp(head, "xref", 4)) {
    long pos = xref + 4;
    for (;;) { /* subsections: "first count" then entries */
      char *sub = read_at(f, pos, 64);
      char *p = sub, *end;
      while (*p == '\r' || *p == '\n' || *p == ' ') p++;
      long first = strtol(p, &end, 10), count;
      if (end == p) {
        free(sub);
        break;
      }
      count = strtol(end, &p, 10);
      while (*p == ' ') p++;
      while (*p == '\r' || *p == '\n') p++;
      long entries = pos + (p - sub);
      free(sub);
      if (num >= first && num < first + count) {
        char *e = read_at(f, entries + 20 * (num - first), 20);
        if (e && e[17] == 'n') result = strtol(e, NULL, 10);
        free(e);
        break;
      }
      pos = entries + 20 * count;
    }
  }
  free(head);
  return result;
}

/* The text of object `num` (up to `max` bytes), checked to start as one. */
static char *object_text(FILE *f, long xref, long num, size_t max, long *offset) {
  *offset = object_offset(f, xref, num);
  char *s = read_at(f, *offset, max);
  char want[32];
  snprintf(want, sizeof want, "%ld 0 obj", num);
  if (s && strncmp(s, want, strlen(want))) {
    free(s);
    s = NULL;
  }
  return s;
}

bool a2b_pdf_move_last_pages(FILE *f, size_t n_pages, size_t count, size_t to) {
  errno = 0;
  if (fflush(f) != 0 || fseek(f, 0, SEEK_END) != 0) return false;
  long size = ftell(f);
  char *tail = read_at(f, size > TAIL ? size - TAIL : 0, TAIL);
  const char *sx = tail ? strstr(tail, "startxref") : NULL;
  long xref = sx ? strtol(sx + 9, NULL, 10) : -1;
  const char *tr = tail ? strstr(tail, "trailer") : NULL;
  long root = tr ? number_after(tr, "/Root ") : -1;
  free(tail);
  if (xref <= 0 || root <= 0) return false;

  long off;
  char *catalog = object_text(f, xref, root, 512, &off);
  long pages = catalog ? number_after(catalog, "/Pages ") : -1;
  free(catalog);
  if (pages <= 0) return false;

  /* Each reference "N 0 R " takes at most 24 bytes. */
  size_t from = n_pages - count;
  char *tree = object_text(f, xref, pages, 256 + 24 * (n_pages + 1024), &off);
  const char *kids = tree ? strstr(tree, "/Kids [") : NULL;
  const char *close = kids ? strchr(kids, ']') : NULL;
  long declared = tree ? number_after(tree, "/Count ") : -1;
  bool ok = false;
  if (close && declared >= 0 && (size_t)declared == n_pages && count <= n_pages && to <= from) {
    size_t n = n_pages;
    long *refs = a2b_xmalloc(n * sizeof *refs);
    size_t k = 0;
    const char *p = kids + 7;
    char *end;
    while (k < n) {
      long v = strtol(p, &end, 10);
      if (end == p || strncmp(end, " 0 R", 4)) break;
      refs[k++] = v;
      p = end + 4;
    }
    while (*p == ' ' || *p == '\n' || *p == '\r') p++;
    if (k == n && p == close) {
      /* Rebuild the array in the new order: same references, same length. */
      a2b_buf b = A2B_BUF_INIT;
      a2b_buf_puts(&b, "/Kids [ ");
      for (size_t i = 0; i < n; i++) {
        size_t src = i < to ? i : i < to + count ? from + (i - to) : i - count;
        a2b_buf_printf(&b, "%ld 0 R ", refs[src]);
      }
      size_t old_len = (size_t)(close - kids);
      if (b.len == old_len) { /* "/Kids [ " ... up to the ']' */
        long at = off + (kids - tree);
        ok = fseek(f, at, SEEK_SET) == 0 && fwrite(b.data, 1, b.len, f) == b.len &&
             fflush(f) == 0;
      }
      a2b_buf_free(&b);
    }
    free(refs);
  }
  free(tree);
  return ok;
}
