#include "urlpath.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

static int base64_value(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

unsigned char *a2b_data_uri_decode(const char *uri, size_t *len) {
  if (strncasecmp(uri, "data:", 5) != 0) return NULL;
  const char *comma = strchr(uri + 5, ',');
  if (!comma) return NULL;
  const char *payload = comma + 1;
  bool base64 = comma - uri >= 12 && !strncasecmp(comma - 7, ";base64", 7);
  if (!base64) {
    char *text = a2b_percent_decode(payload);
    *len = strlen(text);
    return (unsigned char *)text;
  }
  size_t n = strlen(payload);
  unsigned char *out = a2b_xmalloc(n / 4 * 3 + 3);
  size_t k = 0;
  unsigned acc = 0;
  int bits = 0;
  for (const char *p = payload; *p && *p != '='; p++) {
    if (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t') continue;
    int v = base64_value((unsigned char)*p);
    if (v < 0) {
      free(out);
      return NULL;
    }
    acc = (acc << 6) | (unsigned)v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[k++] = (unsigned char)(acc >> bits);
      acc &= (1u << bits) - 1;
    }
  }
  *len = k;
  return out;
}
