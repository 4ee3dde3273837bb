/* Zenn blocks and embeds. */
#include "zenn.h"

#include <string.h>

#include "shortcodes.h"

static bool is_blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return false;
  return true;
}

static size_t colons(const char *s, size_t n) {
  size_t k = 0;
  while (k < n && s[k] == ':')
    k++;
  return k >= 3 ? k : 0;
}

/* Does s[0..n) start with the word `w` followed by white space or end? */
static size_t word(const char *s, size_t n, const char *w) {
  size_t l = strlen(w);
  if (n < l || memcmp(s, w, l) != 0) return 0;
  return (l == n || s[l] == ' ' || s[l] == '\t' || s[l] == '\r') ? l : 0;
}

static size_t skip_sp(const char *s, size_t n, size_t i) {
  while (i < n && (s[i] == ' ' || s[i] == '\t'))
    i++;
  return i;
}

int a2b_zenn_open(const char *s, size_t n, a2b_buf *head) {
  size_t c = colons(s, n);
  if (!c) return 0;
  size_t i = skip_sp(s, n, c), w;
  while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
    n--;
  if ((w = word(s + i, n - i, "message"))) {
    i = skip_sp(s, n, i + w);
    if (i == n) {
      if (head) a2b_buf_puts(head, "[!NOTE]");
      return (int)c;
    }
    if (word(s + i, n - i, "alert") == n - i) {
      if (head) a2b_buf_puts(head, "[!WARNING]");
      return (int)c;
    }
    return 0;
  }
  if ((w = word(s + i, n - i, "details"))) {
    i = skip_sp(s, n, i + w);
    if (!head) return (int)c;
    a2b_buf_puts(head, "[!DETAILS]");
    if (i < n) {
      a2b_buf_putc(head, ' ');
      a2b_buf_append(head, s + i, n - i);
    }
    return (int)c;
  }
  return 0;
}

int a2b_zenn_close(const char *s, size_t n) {
  size_t c = colons(s, n);
  return c && is_blank(s + c, n - c) ? (int)c : 0;
}

size_t a2b_zenn_embed(const char *s, size_t n, a2b_buf *out) {
  if (n < 6 || s[0] != '@' || s[1] != '[') return 0;
  const char *close = memchr(s, ']', n);
  if (!close || (size_t)(close - s) + 1 >= n || close[1] != '(') return 0;
  size_t svc = 2, svc_len = (size_t)(close - s) - 2;
  size_t arg = (size_t)(close - s) + 2;
  const char *end = memchr(s + arg, ')', n - arg);
  if (!end || svc_len == 0 || svc_len > 32) return 0;
  size_t len = (size_t)(end - s) + 1;
  if (!is_blank(s + len, n - len)) return 0;
  char service[33];
  memcpy(service, s + svc, svc_len);
  service[svc_len] = '\0';
  size_t a = skip_sp(s, n, arg), b = (size_t)(end - s);
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
    b--;
  return a < b && a2b_embed_link(out, service, s + a, b - a) ? len : 0;
}
