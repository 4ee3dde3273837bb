#include "urlpath.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"

static int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

char *a2b_percent_decode(const char *s) {
  a2b_buf b = A2B_BUF_INIT;
  for (const char *p = s; *p; p++) {
    int hi, lo;
    if (*p == '%' && (hi = hex(p[1])) >= 0 && (lo = hex(p[2])) >= 0) {
      char c = (char)(hi * 16 + lo);
      if (c == '\0') a2b_buf_puts(&b, "%00");
      else a2b_buf_putc(&b, c);
      p += 2;
    } else {
      a2b_buf_putc(&b, *p);
    }
  }
  return a2b_buf_take(&b);
}

void a2b_path_normalize(a2b_buf *out, const char *path) {
  size_t start = out->len;
  bool absolute = path[0] == '/';
  if (absolute) a2b_buf_putc(out, '/');
  size_t floor = out->len; /* ".." never removes below this */
  for (const char *p = path; *p;) {
    while (*p == '/') p++;
    size_t n = strcspn(p, "/");
    if (n == 0) break;
    if (n == 1 && p[0] == '.') {
      /* skip */
    } else if (n == 2 && p[0] == '.' && p[1] == '.' && out->len > floor &&
               !(out->len - floor >= 2 && !strncmp(out->data + out->len - 2, "..", 2) &&
                 (out->len - floor == 2 || out->data[out->len - 3] == '/'))) {
      while (out->len > floor && out->data[out->len - 1] != '/') out->len--;
      if (out->len > floor) out->len--; /* the '/' before the component */
      out->data[out->len] = '\0';
    } else if (n == 2 && p[0] == '.' && p[1] == '.' && absolute) {
      /* ".." above the root stays at the root */
    } else {
      if (out->len > floor) a2b_buf_putc(out, '/');
      a2b_buf_append(out, p, n);
    }
    p += n;
  }
  if (out->len == start) a2b_buf_putc(out, absolute ? '/' : '.');
}
