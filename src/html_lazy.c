/* Lazy-loading images from web exports: placeholders in src, the real
 * picture in a data- attribute or a srcset. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "html_internal.h"

bool a2b_html_is_placeholder(const char *url) {
  static const char *const words[] = {"loading", "lazy", "placeholder", "spinner", "blank"};
  if (!strncasecmp(url, "data:", 5) || !strncasecmp(url, "about:", 6)) return true;
  size_t end = strcspn(url, "?#"), start = end;
  while (start && url[start - 1] != '/')
    start--;
  if (end - start < 4) return false;
  const char *ext = url + end - 4;
  if (strncasecmp(ext, ".gif", 4) && strncasecmp(ext, ".svg", 4)) return false;
  char *name = strndup(url + start, end - start);
  if (!name) abort();
  bool hit = false;
  for (size_t i = 0; i < sizeof words / sizeof *words && !hit; i++)
    hit = strcasestr(name, words[i]) != NULL;
  free(name);
  return hit;
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

/* The srcset candidate list as the HTML standard splits it: a URL (a run
 * without white space; trailing commas end the candidate), then descriptors
 * up to the next comma outside parentheses. The winner is the widest `Nw`
 * candidate, or with no widths the densest (`Nx`, none meaning 1x); the
 * first one on ties. */
char *a2b_html_srcset_largest(a2b_arena *arena, const char *s) {
  const char *best = NULL;
  size_t best_len = 0;
  double best_w = -1, best_x = -1;
  bool any_w = false;
  while (*s) {
    while (is_space(*s) || *s == ',')
      s++;
    if (!*s) break;
    const char *url = s;
    while (*s && !is_space(*s))
      s++;
    size_t len = (size_t)(s - url);
    double w = -1, x = 1;
    if (url[len - 1] == ',') {
      while (len && url[len - 1] == ',')
        len--;
    } else {
      while (is_space(*s))
        s++;
      const char *d = s;
      for (int depth = 0; *s && (*s != ',' || depth > 0); s++)
        depth += *s == '(' ? 1 : *s == ')' ? -1 : 0;
      char *end;
      double v = strtod(d, &end);
      if (end != d && (*end == 'w' || *end == 'W')) w = v;
      else if (end != d && (*end == 'x' || *end == 'X')) x = v;
    }
    if (!len) continue;
    bool better = w >= 0 ? (!any_w || w > best_w) : (!any_w && x > best_x);
    if (better) {
      best = url, best_len = len;
      if (w >= 0) any_w = true, best_w = w;
      else best_x = x;
    }
  }
  return best ? a2b_strndup(arena, best, best_len) : NULL;
}
