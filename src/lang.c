#include "lang.h"

#include <ctype.h>

#include "arena.h"

const char *a2b_lang_canonical(a2b_arena *arena, const char *tag) {
  char *s = a2b_strdup(arena, tag);
  size_t part = 0;
  for (char *p = s, *start = s;; p++) {
    if (*p == '_') *p = '-';
    if (*p != '-' && *p != '\0') continue;
    size_t len = (size_t)(p - start);
    for (char *q = start; q < p; q++) {
      if (part == 0) *q = (char)tolower((unsigned char)*q);
      else if (len == 2) *q = (char)toupper((unsigned char)*q);            /* region */
      else if (len == 4) *q = (char)(q == start ? toupper((unsigned char)*q)
                                                : tolower((unsigned char)*q)); /* script */
      else *q = (char)tolower((unsigned char)*q);
    }
    if (*p == '\0') break;
    part++;
    start = p + 1;
  }
  return s;
}
