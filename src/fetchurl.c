#include "fetchurl.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"

static bool needs_escape(unsigned char c) {
  return c <= 0x20 || c >= 0x7F || strchr("<>\"^`{|}", c);
}

char *a2b_fetchurl_normalize(const char *ref) {
  a2b_buf out = A2B_BUF_INIT;
  const char *rest;
  if ((ref[0] == '/' || ref[0] == '\\') && (ref[1] == '/' || ref[1] == '\\')) {
    a2b_buf_puts(&out, "https://");
    rest = ref + 2;
  } else if (!strncasecmp(ref, "http://", 7) || !strncasecmp(ref, "https://", 8)) {
    size_t n = ref[4] == ':' ? 7 : 8;
    for (size_t i = 0; i < n; i++)
      a2b_buf_putc(&out, (char)tolower((unsigned char)ref[i]));
    rest = ref + n;
  } else {
    return NULL;
  }
  size_t host = strcspn(rest, "/\\?#");
  if (host == 0) {
    a2b_buf_free(&out);
    return NULL;
  }
  a2b_buf_append(&out, rest, host);
  static const char hex[] = "0123456789ABCDEF";
  for (const char *p = rest + host; *p && *p != '#'; p++) {
    unsigned char c = (unsigned char)*p;
    if (c == '\\') {
      a2b_buf_putc(&out, '/');
    } else if (needs_escape(c)) {
      char esc[3] = {'%', hex[c >> 4], hex[c & 15]};
      a2b_buf_append(&out, esc, 3);
    } else {
      a2b_buf_putc(&out, (char)c);
    }
  }
  return a2b_buf_take(&out);
}
