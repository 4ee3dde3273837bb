/* The text pass over a finished body: soft breaks between CJK characters,
 * smart punctuation for Latin-script articles, merging of text nodes.
 *
 * The body is flattened into one sequence of inline leaves in reading
 * order, with NULL where a block starts or ends, so that a character's
 * neighbours are found across emphasis, links and other inline
 * containers. Image alt text is a sequence of its own. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "markdown_int.h"
#include "utf8.h"

/* The last code point of s[0..len), 0 if empty. */
static uint32_t utf8_last(const char *s, size_t len) {
  if (!len) return 0;
  size_t start = len - 1;
  while (start && len - start < 4 && ((unsigned char)s[start] & 0xC0) == 0x80)
    start--;
  const char *p = s + start;
  uint32_t c = a2b_utf8_next(&p);
  return p == s + len ? c : 0xFFFD;
}

static bool is_hangul(uint32_t c) {
  return (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F) ||
         (c >= 0xAC00 && c <= 0xD7AF);
}

/* Scripts written without spaces between words, where a line break means
 * nothing: Han, kana, CJK punctuation, full-width forms. Not Hangul: Korean
 * separates words with spaces (as in CSS Text 3's segment break rules). */
static bool is_cjk_nospace(uint32_t c) { return a2b_is_cjk(c) && !is_hangul(c); }

bool a2b_markdown_wants_smart(const char *lang, const char *text, size_t len) {
  if (lang) {
    static const char *const cjk[] = {"zh", "ja", "ko"};
    for (size_t i = 0; i < 3; i++)
      if (strncasecmp(lang, cjk[i], 2) == 0 &&
          (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_'))
        return false;
    return true;
  }
  const char *p = text, *end = text + len;
  while (p < end) {
    unsigned char b = (unsigned char)*p;
    size_t need = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
    if (need > (size_t)(end - p)) break;
    uint32_t c = a2b_utf8_next(&p);
    if (!c)
      p++;
    else if (a2b_is_han(c) || a2b_is_kana(c) || is_hangul(c))
      return false;
  }
  return true;
}

/* ---- flattening -------------------------------------------------------- */

typedef struct seq {
  a2b_node **items; /* inline leaves; NULL marks a block boundary */
  size_t n, cap;
} seq;

static void seq_add(seq *s, a2b_node *n) {
  if (s->n == s->cap) {
    s->cap = s->cap ? s->cap * 2 : 64;
    s->items = a2b_xrealloc(s->items, s->cap * sizeof *s->items);
  }
  s->items[s->n++] = n;
}

/* Inline containers whose content flows with their surroundings. */
static bool is_transparent(a2b_node_type t) {
  return a2b_node_is_inline(t) && t != A2B_NODE_IMAGE && t != A2B_NODE_RUBY_TEXT &&
         t != A2B_NODE_CODE && t != A2B_NODE_MATH_INLINE;
}

/* Leaves of root's subtree in reading order (not root itself); image alt
 * text is skipped and each IMAGE is added to `images`. */
static void flatten(a2b_node *root, seq *out, seq *images) {
  a2b_node *n = root->first_child;
  while (n) {
    bool descend = n->first_child && (is_transparent(n->type) || !a2b_node_is_inline(n->type));
    if (!a2b_node_is_inline(n->type) || n->type == A2B_NODE_RUBY_TEXT)
      seq_add(out, NULL);
    else if (!descend)
      seq_add(out, n);
    if (n->type == A2B_NODE_IMAGE) seq_add(images, n);
    if (descend) {
      n = n->first_child;
      continue;
    }
    for (;;) {
      if (!a2b_node_is_inline(n->type) || n->type == A2B_NODE_RUBY_TEXT) seq_add(out, NULL);
      if (n->next) {
        n = n->next;
        break;
      }
      n = n->parent;
      if (n == root) {
        n = NULL;
        break;
      }
    }
  }
}

/* ---- soft breaks ------------------------------------------------------- */

static uint32_t last_char(const a2b_node *n) {
  return n && n->type == A2B_NODE_TEXT ? utf8_last(n->u.literal, strlen(n->u.literal)) : 0;
}

static uint32_t first_char(const a2b_node *n) {
  const char *p = n && n->type == A2B_NODE_TEXT ? n->u.literal : "";
  return a2b_utf8_next(&p);
}

/* Drop soft breaks between two CJK characters; compacts the sequence. */
static void cjk_breaks(seq *s) {
  size_t out = 0;
  for (size_t i = 0; i < s->n; i++) {
    a2b_node *n = s->items[i];
    if (n && n->type == A2B_NODE_SOFTBREAK && i > 0 && i + 1 < s->n &&
        is_cjk_nospace(last_char(s->items[i - 1])) && is_cjk_nospace(first_char(s->items[i + 1]))) {
      a2b_node_detach(n);
      continue;
    }
    s->items[out++] = n;
  }
  s->n = out;
}

/* ---- smart punctuation ------------------------------------------------- */

enum { CTX_SPACE = ' ', CTX_WORD = 'a' };

/* The character a leaf shows next to its neighbour, for quote context. */
static uint32_t edge_char(const a2b_node *n, bool last) {
  if (!n || n->type == A2B_NODE_SOFTBREAK || n->type == A2B_NODE_LINEBREAK) return CTX_SPACE;
  if (n->type != A2B_NODE_TEXT) return CTX_WORD;
  uint32_t c = last ? last_char(n) : first_char(n);
  return c ? c : CTX_SPACE;
}

static bool ctx_space(uint32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x3000;
}

static bool ctx_opening(uint32_t c) {
  return ctx_space(c) || c == '(' || c == '[' || c == '{' || c == '<' || c == '-' || c == '/' ||
         c == 0x2013 || c == 0x2014 || c == 0x201C || c == 0x2018;
}

/* Curly form of straight quote q between prev and next, or 0 to keep it. */
static const char *curly(char q, uint32_t prev, uint32_t next) {
  bool open = ctx_opening(prev) && !ctx_space(next);
  if (!open && ctx_space(prev) && ctx_space(next)) return NULL;
  if (q == '"') return open ? "\u201C" : "\u201D";
  return open ? "\u2018" : "\u2019";
}

static void put_hyphens(a2b_buf *b, size_t n) {
  size_t em, en;
  if (n % 3 == 0)
    em = n / 3, en = 0;
  else if (n % 2 == 0)
    em = 0, en = n / 2;
  else if (n % 3 == 2)
    em = (n - 2) / 3, en = 1;
  else
    em = (n - 4) / 3, en = 2;
  while (em--)
    a2b_buf_puts(b, "\u2014");
  while (en--)
    a2b_buf_puts(b, "\u2013");
}

static const char *smarten(a2b_arena *arena, const char *s, uint32_t prev, uint32_t next_ctx) {
  if (!strpbrk(s, "\"'-.")) return s;
  a2b_buf b = A2B_BUF_INIT;
  size_t len = strlen(s);
  for (size_t i = 0; i < len;) {
    char c = s[i];
    if (c == '"' || c == '\'') {
      const char *p = s + i + 1;
      uint32_t next = i + 1 < len ? a2b_utf8_next(&p) : next_ctx;
      const char *q = curly(c, prev, next);
      if (q)
        a2b_buf_puts(&b, q);
      else
        a2b_buf_putc(&b, c);
      p = q ? q : "";
      prev = q ? a2b_utf8_next(&p) : (uint32_t)c;
      i++;
    } else if (c == '-' && s[i + 1] == '-') {
      size_t n = 0;
      while (s[i + n] == '-')
        n++;
      put_hyphens(&b, n);
      prev = 0x2014;
      i += n;
    } else if (c == '.' && s[i + 1] == '.' && s[i + 2] == '.') {
      a2b_buf_puts(&b, "\u2026");
      prev = 0x2026;
      i += 3;
    } else {
      const char *p = s + i;
      prev = a2b_utf8_next(&p);
      a2b_buf_append(&b, s + i, (size_t)(p - (s + i)));
      i = (size_t)(p - s);
    }
  }
  const char *out = a2b_strdup(arena, a2b_buf_cstr(&b));
  a2b_buf_free(&b);
  return out;
}

/* Link text that shows its own URL (autolinks: the URL, or its end as in
 * "www.x.org" for "http://www.x.org") stays as written. */
static bool shows_url(const a2b_node *t) {
  const a2b_node *p = t->parent;
  if (!p || p->type != A2B_NODE_LINK || p->first_child != t || t->next) return false;
  size_t ul = strlen(p->u.link.url), tl = strlen(t->u.literal);
  return tl <= ul && strcmp(p->u.link.url + ul - tl, t->u.literal) == 0;
}

static void smart(a2b_arena *arena, seq *s) {
  for (size_t i = 0; i < s->n; i++) {
    a2b_node *n = s->items[i];
    if (!n || n->type != A2B_NODE_TEXT || shows_url(n)) continue;
    uint32_t prev = edge_char(i ? s->items[i - 1] : NULL, true);
    uint32_t next = edge_char(i + 1 < s->n ? s->items[i + 1] : NULL, false);
    n->u.literal = smarten(arena, n->u.literal, prev, next);
  }
}

/* ---- the pass ---------------------------------------------------------- */

static void merge_all(a2b_arena *arena, a2b_node *root) {
  a2b_node *n = root;
  while (n) {
    if (n->first_child) {
      a2b_markdown_merge_text(arena, n);
      if (n->first_child) {
        n = n->first_child;
        continue;
      }
    }
    while (n && n != root && !n->next)
      n = n->parent;
    n = n && n != root ? n->next : NULL;
  }
}

void a2b_markdown_text_pass(a2b_arena *arena, a2b_node *body, bool use_smart) {
  seq images = {0};
  a2b_node *root = body;
  for (size_t next_image = 0;;) {
    seq s = {0};
    flatten(root, &s, &images);
    cjk_breaks(&s);
    if (use_smart) smart(arena, &s);
    free(s.items);
    if (next_image == images.n) break;
    root = images.items[next_image++];
  }
  free(images.items);
  merge_all(arena, body);
}
