#include "utf8.h"

#include <string.h>

#include "arena.h"
#include "buf.h"

uint32_t a2b_utf8_next(const char **p) {
  const unsigned char *s = (const unsigned char *)*p;
  uint32_t c = s[0];
  int n = 0;
  if (c == 0) return 0;
  if (c < 0x80) n = 1;
  else if ((c & 0xE0) == 0xC0) c &= 0x1F, n = 2;
  else if ((c & 0xF0) == 0xE0) c &= 0x0F, n = 3;
  else c &= 0x07, n = 4;
  for (int i = 1; i < n; i++) {
    if ((s[i] & 0xC0) != 0x80) { /* not valid UTF-8: take the byte alone */
      *p += 1;
      return 0xFFFD;
    }
    c = (c << 6) | (s[i] & 0x3F);
  }
  *p += n;
  return c;
}

/* Length of the valid UTF-8 sequence at s (at most `left` bytes), or 0. */
static size_t valid_seq(const unsigned char *s, size_t left) {
  unsigned char c = s[0];
  if (c == 0) return 0;
  if (c < 0x80) return 1;
  size_t n;
  uint32_t min;
  if (c >= 0xC2 && c <= 0xDF) n = 2, min = 0x80;
  else if ((c & 0xF0) == 0xE0) n = 3, min = 0x800;
  else if (c >= 0xF0 && c <= 0xF4) n = 4, min = 0x10000;
  else return 0;
  if (left < n) return 0;
  uint32_t cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (size_t i = 1; i < n; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

char *a2b_utf8_sanitize(char *s, size_t *len) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0;
  while (i < *len) {
    unsigned c = u[i];
    if (c - 1u < 0x7Fu) { /* ASCII but NUL */
      i++;
      continue;
    }
    if (((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) && i + 2 < *len &&
        (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
      i += 3; /* three bytes, no overlong or surrogate forms possible: CJK */
      continue;
    }
    size_t n = valid_seq(u + i, *len - i);
    if (!n) break;
    i += n;
  }
  if (i == *len) return s;
  a2b_buf b = A2B_BUF_INIT;
  a2b_buf_append(&b, s, i);
  while (i < *len) {
    size_t n = valid_seq(u + i, *len - i);
    if (n) {
      a2b_buf_append(&b, s + i, n);
      i += n;
    } else {
      a2b_buf_puts(&b, "\xEF\xBF\xBD");
      i++;
    }
  }
  *len = b.len;
  return a2b_buf_take(&b);
}

bool a2b_is_han(uint32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x20000 && c <= 0x3134F) || (c >= 0xF900 && c <= 0xFAFF) || c == 0x3007;
}

bool a2b_is_kana(uint32_t c) {
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) ||
         (c >= 0xFF66 && c <= 0xFF9F);
}

bool a2b_is_cjk(uint32_t c) {
  return a2b_is_han(c) || a2b_is_kana(c) || (c >= 0x3000 && c <= 0x303F) || /* punctuation */
         (c >= 0xAC00 && c <= 0xD7AF) ||                                    /* Hangul */
         (c >= 0x1100 && c <= 0x11FF) || (c >= 0xFF00 && c <= 0xFF65) ||   /* full width */
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0x2E80 && c <= 0x2FDF);      /* radicals */
}
