#include "pdf/hyphen.h"

#include <ctype.h>
#include <glib.h>
#include <hyphen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"

#define DEFAULT_DIR "/usr/share/hyphen"
#define MAX_WORD 64           /* longer "words" are not words: left whole */
#define CACHE_WORDS 100000    /* a dictionary's cache starts afresh beyond this */

/* A loaded dictionary and the points of the words it has seen: lower-case
 * word -> one byte per character, 1 where a hyphen may follow it. */
typedef struct dict {
  HyphenDict *hd;
  GHashTable *words;
} dict;

struct a2b_pdf_hyph {
  char *dir;
  GHashTable *langs; /* "ll" or "ll_RR" -> dict, or NULL: none installed */
};

static void dict_free(gpointer p) {
  dict *d = p;
  if (!d) return;
  hnj_hyphen_free(d->hd);
  g_hash_table_destroy(d->words);
  free(d);
}

a2b_pdf_hyph *a2b_pdf_hyph_new(const char *dir) {
  a2b_pdf_hyph *h = a2b_xmalloc(sizeof *h);
  h->dir = a2b_xstrdup(dir ? dir : DEFAULT_DIR);
  h->langs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, dict_free);
  return h;
}

void a2b_pdf_hyph_free(a2b_pdf_hyph *h) {
  if (!h) return;
  g_hash_table_destroy(h->langs);
  free(h->dir);
  free(h);
}

static HyphenDict *load(const a2b_pdf_hyph *h, const char *name) {
  char *path = g_strdup_printf("%s/hyph_%s.dic", h->dir, name);
  HyphenDict *hd = access(path, R_OK) == 0 ? hnj_hyphen_load(path) : NULL;
  g_free(path);
  return hd;
}

/* The dictionary for a BCP 47 tag (language, optional script, optional
 * region), or NULL. */
static dict *dict_for(a2b_pdf_hyph *h, const char *lang) {
  char ll[4] = {0}, rr[4] = {0};
  const char *p = lang ? lang : "";
  size_t n = 0;
  while (n < 3 && isalpha((unsigned char)p[n])) ll[n] = (char)tolower((unsigned char)p[n]), n++;
  if (n < 2 || isalpha((unsigned char)p[n])) return NULL;
  p += n;
  while (*p == '-' || *p == '_') {
    p++;
    size_t m = strcspn(p, "-_");
    if (m == 2 && !rr[0])
      for (size_t i = 0; i < 2; i++) rr[i] = (char)toupper((unsigned char)p[i]);
    p += m;
  }
  char key[8];
  snprintf(key, sizeof key, rr[0] ? "%s_%s" : "%s", ll, rr);
  gpointer found;
  if (g_hash_table_lookup_extended(h->langs, key, NULL, &found)) return found;
  char upper[4] = {0};
  for (size_t i = 0; ll[i]; i++) upper[i] = (char)toupper((unsigned char)ll[i]);
  char cand[3][8];
  snprintf(cand[0], sizeof cand[0], "%s", key);
  snprintf(cand[1], sizeof cand[1], "%s", ll);
  if (!strcmp(ll, "en"))
    snprintf(cand[2], sizeof cand[2], "en_US");
  else
    snprintf(cand[2], sizeof cand[2], "%s_%s", ll, upper);
  HyphenDict *hd = NULL;
  for (size_t i = 0; i < 3 && !hd; i++) hd = load(h, cand[i]);
  dict *d = NULL;
  if (hd) {
    d = a2b_xmalloc(sizeof *d);
    d->hd = hd;
    d->words = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  }
  g_hash_table_insert(h->langs, g_strdup(key), d);
  return d;
}

bool a2b_pdf_hyph_has(a2b_pdf_hyph *h, const char *lang) { return dict_for(h, lang) != NULL; }

/* The pattern points of a lower-case word of n characters (cached), or NULL
 * when the dictionary cannot spell it. */
static const unsigned char *points(dict *d, const char *word, long n) {
  const unsigned char *hit = g_hash_table_lookup(d->words, word);
  if (hit) return hit;
  char *conv = d->hd->utf8 ? g_strdup(word)
                           : g_convert(word, -1, d->hd->cset, "UTF-8", NULL, NULL, NULL);
  if (!conv) return NULL;
  int size = (int)strlen(conv);
  char *marks = g_malloc0((size_t)size + 5);
  char **rep = NULL;
  int *pos = NULL, *cut = NULL;
  unsigned char *pts = g_malloc0((size_t)n);
  if (hnj_hyphen_hyphenate2(d->hd, conv, size, marks, NULL, &rep, &pos, &cut) == 0) {
    for (long j = 0; j < n; j++) pts[j] = (marks[j] & 1) && !(rep && rep[j]);
  }
  if (rep) {
    for (int j = 0; j < size; j++) free(rep[j]);
    free(rep);
    free(pos);
    free(cut);
  }
  g_free(marks);
  g_free(conv);
  if (g_hash_table_size(d->words) >= CACHE_WORDS) g_hash_table_remove_all(d->words);
  g_hash_table_insert(d->words, g_strdup(word), pts);
  return pts;
}

static bool is_mark(gunichar c) {
  GUnicodeType t = g_unichar_type(c);
  return t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_SPACING_MARK ||
         t == G_UNICODE_ENCLOSING_MARK;
}

/* Latin, Greek and Cyrillic letters; the soft hyphen joins a word too (a
 * word holding one keeps only the author's points). */
static bool is_letter(gunichar c) {
  return c == 0xAD || (c < 0x530 && g_unichar_isalpha(c)) ||
         (c >= 0x1E00 && c < 0x2000 && g_unichar_isalpha(c));
}

static bool is_gap(gunichar c) {
  return g_unichar_isspace(c) || c == 0xA0 || c == 0x202F || c == 0x200B || c == 0x2060;
}

/* A token (between white space) that is not prose: digits, URL, path,
 * identifier, e-mail address. */
static bool technical(const gunichar *u, long t0, long t1) {
  for (long i = t0; i < t1; i++) {
    gunichar c = u[i];
    if (g_unichar_isdigit(c) || (c && c < 0x80 && strchr("/\\@_=<>{}#~|^*+&%$", (int)c)))
      return true;
    if ((c == '.' || c == ':') && i + 1 < t1 && g_unichar_isalnum(u[i + 1])) return true;
  }
  return false;
}

/* Points of the word u[w0, w1) into out[w0 + 1 .. w1 - 1]. */
static size_t word_points(dict *d, const a2b_pdf_hyph_rules *r, const gunichar *u, long w0,
                          long w1, const unsigned char *skip, unsigned char *out) {
  long n = w1 - w0, letters = 0;
  if (n > MAX_WORD) return 0;
  for (long i = w0; i < w1; i++) {
    if (u[i] == 0xAD || (skip && skip[i])) return 0;
    if ((g_unichar_isupper(u[i]) || g_unichar_istitle(u[i])) && i > w0) return 0;
    if (!is_mark(u[i])) letters++;
  }
  if (letters < r->min_word || n < r->left + r->right) return 0;
  char word[MAX_WORD * 6 + 1];
  size_t len = 0;
  for (long i = w0; i < w1; i++) len += (size_t)g_unichar_to_utf8(u[i], word + len);
  char *lower = g_utf8_strdown(word, (gssize)len);
  size_t set = 0;
  if (g_utf8_strlen(lower, -1) == n) {
    const unsigned char *pts = points(d, lower, n);
    for (long j = r->left; pts && j <= n - r->right; j++) {
      /* pts[j - 1]: a hyphen may follow character j - 1 */
      if (j > 0 && pts[j - 1] && !is_mark(u[w0 + j]) && !out[w0 + j]) {
        out[w0 + j] = 1;
        set++;
      }
    }
  }
  g_free(lower);
  return set;
}

size_t a2b_pdf_hyph_text(a2b_pdf_hyph *h, const char *lang, const a2b_pdf_hyph_rules *r,
                         const char *text, size_t len, const unsigned char *skip,
                         unsigned char *out) {
  dict *d = dict_for(h, lang);
  if (!d || !len) return 0;
  glong n = 0;
  gunichar *u = g_utf8_to_ucs4_fast(text, (glong)len, &n);
  size_t set = 0;
  for (long t0 = 0; t0 < n;) {
    if (is_gap(u[t0])) {
      t0++;
      continue;
    }
    long t1 = t0;
    while (t1 < n && !is_gap(u[t1])) t1++;
    if (!technical(u, t0, t1)) {
      for (long w0 = t0; w0 < t1;) {
        if (!is_letter(u[w0])) {
          w0++;
          continue;
        }
        long w1 = w0 + 1;
        while (w1 < t1 && (is_letter(u[w1]) || is_mark(u[w1]))) w1++;
        set += word_points(d, r, u, w0, w1, skip, out);
        w0 = w1;
      }
    }
    t0 = t1;
  }
  g_free(u);
  return set;
}
