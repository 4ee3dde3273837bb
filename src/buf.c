#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

static void reserve(a2b_buf *b, size_t extra) {
  size_t need = b->len + extra + 1;
  if (need <= b->cap) return;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < need) cap *= 2;
  b->data = a2b_xrealloc(b->data, cap);
  b->cap = cap;
}

void a2b_buf_append(a2b_buf *b, const void *p, size_t n) {
  reserve(b, n);
  if (n) memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
}

void a2b_buf_puts(a2b_buf *b, const char *s) { a2b_buf_append(b, s, strlen(s)); }

void a2b_buf_putc(a2b_buf *b, char c) { a2b_buf_append(b, &c, 1); }

void a2b_buf_printf(a2b_buf *b, const char *fmt, ...) {
  va_list ap, ap2;
  va_start(ap, fmt);
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  reserve(b, (size_t)n);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
  va_end(ap2);
  b->len += (size_t)n;
}

void a2b_buf_put_xmln(a2b_buf *b, const char *s, size_t n) {
  size_t start = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    const char *rep = NULL;
    switch (c) {
    case '&': rep = "&amp;"; break;
    case '<': rep = "&lt;"; break;
    case '>': rep = "&gt;"; break;
    case '"': rep = "&quot;"; break;
    case '\'': rep = "&#39;"; break;
    default:
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') rep = "";
      break;
    }
    if (rep) {
      a2b_buf_append(b, s + start, i - start);
      a2b_buf_puts(b, rep);
      start = i + 1;
    }
  }
  a2b_buf_append(b, s + start, n - start);
}

void a2b_buf_put_xml(a2b_buf *b, const char *s) { a2b_buf_put_xmln(b, s, strlen(s)); }

const char *a2b_buf_cstr(const a2b_buf *b) { return b->data ? b->data : ""; }

char *a2b_buf_take(a2b_buf *b) {
  char *p = b->data ? b->data : a2b_xstrdup("");
  b->data = NULL;
  b->len = b->cap = 0;
  return p;
}

void a2b_buf_reset(a2b_buf *b) {
  b->len = 0;
  if (b->data) b->data[0] = '\0';
}

void a2b_buf_free(a2b_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
}
