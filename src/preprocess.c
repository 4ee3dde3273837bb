/* Source rewriting before Markdown parsing (see preprocess.h): a line
 * scanner that skips code (fences, indented blocks, raw HTML blocks whose
 * content is not Markdown), turns block constructs (Zenn blocks, paired
 * shortcodes, display math) into Markdown line for line, and hands runs of
 * other lines to ppinline.c. */
#include "preprocess.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "mathspan.h"
#include "ppinline.h"
#include "shortcodes.h"
#include "zenn.h"

#define NO_RUN SIZE_MAX

typedef struct line {
  size_t s, e; /* t[s..e), without the '\n'; the line has one iff e < n */
} line;

typedef struct scan {
  const a2b_pp_region *r;
  line *lines;
  size_t n_lines;
  size_t run; /* first line of the pending run of text lines, or NO_RUN */
  a2b_buf *out;
} scan;

static void rewrite(const a2b_pp_region *r, a2b_buf *out);

/* ---- line helpers ------------------------------------------------------- */

static bool is_sp(char c) { return c == ' ' || c == '\t' || c == '\r'; }

static bool is_blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!is_sp(s[i])) return false;
  return true;
}

static const char *ltext(const scan *sc, size_t i) { return sc->r->t + sc->lines[i].s; }
static size_t llen(const scan *sc, size_t i) { return sc->lines[i].e - sc->lines[i].s; }

/* Line length without trailing white space (and '\r'). */
static size_t trimmed(const char *s, size_t n) {
  while (n && is_sp(s[n - 1]))
    n--;
  return n;
}

static int indent_of(const char *s, size_t n) {
  int w = 0;
  for (size_t i = 0; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
    w = s[i] == '\t' ? (w + 4) / 4 * 4 : w + 1;
  return w;
}

/* `- `, `* `, `+ `, `1. `, `1) ` at s[0]: its length with one space; else 0. */
static size_t list_marker(const char *s, size_t n) {
  size_t k = 0;
  if (n && (s[0] == '-' || s[0] == '*' || s[0] == '+')) {
    k = 1;
  } else {
    while (k < n && k < 9 && s[k] >= '0' && s[k] <= '9')
      k++;
    if (!k || k >= n || (s[k] != '.' && s[k] != ')')) return 0;
    k++;
  }
  return k < n && (s[k] == ' ' || s[k] == '\t') ? k + 1 : 0;
}

/* Indentation and block quote markers. */
static size_t quote_prefix(const char *s, size_t n) {
  size_t i = 0;
  while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '>'))
    i++;
  return i;
}

/* Indentation, block quote and list markers: what stands before a block. */
static size_t prefix_len(const char *s, size_t n) {
  size_t i = quote_prefix(s, n), m;
  while ((m = list_marker(s + i, n - i)))
    i += m, i += quote_prefix(s + i, n - i);
  return i;
}

static bool has_cr(const scan *sc, size_t i) {
  return llen(sc, i) && ltext(sc, i)[llen(sc, i) - 1] == '\r';
}

/* Finish a generated line i: its '\r' if it had one, and its '\n'. */
static void end_line(scan *sc, size_t i) {
  if (has_cr(sc, i)) a2b_buf_putc(sc->out, '\r');
  if (sc->lines[i].e < sc->r->n) a2b_buf_putc(sc->out, '\n');
}

static void copy_line(scan *sc, size_t i) {
  a2b_sc_put_unescaped(sc->out, ltext(sc, i), llen(sc, i));
  if (sc->lines[i].e < sc->r->n) a2b_buf_putc(sc->out, '\n');
}

/* Rewrite the pending run of text lines, which ends before line `upto`. */
static void flush(scan *sc, size_t upto) {
  if (sc->run == NO_RUN) return;
  a2b_pp_inline(sc->r, sc->lines[sc->run].s, sc->lines[upto - 1].e, sc->out);
  if (sc->lines[upto - 1].e < sc->r->n) a2b_buf_putc(sc->out, '\n');
  sc->run = NO_RUN;
}

/* ---- code fences and raw HTML ------------------------------------------- */

static size_t fence_open(const char *s, size_t n, char *ch) {
  if (!n || (s[0] != '`' && s[0] != '~')) return 0;
  size_t k = 0;
  while (k < n && s[k] == s[0])
    k++;
  if (k < 3 || (s[0] == '`' && memchr(s + k, '`', n - k))) return 0;
  *ch = s[0];
  return k;
}

static bool fence_close(const char *s, size_t n, char ch, size_t len) {
  size_t k = 0;
  while (k < n && s[k] == ch)
    k++;
  return k >= len && is_blank(s + k, n - k);
}

static bool contains_ci(const char *s, size_t n, const char *needle) {
  size_t l = strlen(needle);
  for (size_t i = 0; i + l <= n; i++)
    if (strncasecmp(s + i, needle, l) == 0) return true;
  return false;
}

/* Raw HTML blocks whose content Markdown leaves alone (CommonMark types 1
 * and 2): the string that ends the block, or NULL. */
static const char *html_block_end(const char *s, size_t n) {
  static const char *const tags[][2] = {{"script", "</script>"},
                                        {"pre", "</pre>"},
                                        {"style", "</style>"},
                                        {"textarea", "</textarea>"}};
  if (n >= 4 && memcmp(s, "<!--", 4) == 0) return "-->";
  for (size_t i = 0; n && s[0] == '<' && i < sizeof tags / sizeof *tags; i++) {
    size_t l = strlen(tags[i][0]);
    if (n >= l + 1 && strncasecmp(s + 1, tags[i][0], l) == 0 &&
        (n == l + 1 || s[l + 1] == '>' || is_sp(s[l + 1])))
      return tags[i][1];
  }
  return NULL;
}

/* ---- alert blocks (Zenn blocks, admonitions) ----------------------------- */

/* How many bytes of s match the continuation prefix `cp` (spaces stand for
 * any indentation, '>' for itself). */
static size_t match_prefix(const char *s, size_t n, const char *cp, size_t cl) {
  size_t k = 0;
  while (k < cl && k < n && (cp[k] == '>' ? s[k] == '>' : (s[k] == ' ' || s[k] == '\t')))
    k++;
  return k;
}

/* Lines first..last hold the opening (the marker goes on `last`, earlier
 * lines become blank), close is the closing line (n_lines: none). The inner
 * lines are rewritten as a region of their own, then quoted. */
static void emit_alert(scan *sc, size_t first, size_t last, size_t close, size_t p,
                       const char *head) {
  const a2b_pp_region *r = sc->r;
  flush(sc, first);
  for (size_t k = first; k < last; k++)
    end_line(sc, k);
  const char *pre = ltext(sc, first);
  a2b_buf_append(sc->out, pre, p);
  a2b_buf_puts(sc->out, "> ");
  a2b_buf_puts(sc->out, head);
  end_line(sc, last);

  char *cp = a2b_xmalloc(p + 1); /* the prefix of continuation lines */
  for (size_t k = 0; k < p; k++)
    cp[k] = pre[k] == '>' || pre[k] == '\t' ? pre[k] : ' ';
  size_t m = close - last - 1;
  if (m) {
    a2b_buf inner = A2B_BUF_INIT, done = A2B_BUF_INIT;
    int *coloff = a2b_xmalloc(m * sizeof *coloff);
    for (size_t j = 0; j < m; j++) {
      size_t li = last + 1 + j;
      size_t k = match_prefix(ltext(sc, li), llen(sc, li), cp, p);
      a2b_buf_append(&inner, ltext(sc, li) + k, llen(sc, li) - k);
      if (sc->lines[li].e < r->n) a2b_buf_putc(&inner, '\n');
      coloff[j] = (r->coloff ? r->coloff[li] : 0) + (int)k;
    }
    a2b_pp_region sub = {
        r->ctx, a2b_buf_cstr(&inner), inner.len, r->first_line + (int)last + 1, coloff, r->nl};
    rewrite(&sub, &done);
    const char *d = a2b_buf_cstr(&done), *end = d + done.len;
    for (size_t j = 0; j < m; j++) {
      const char *nl = memchr(d, '\n', (size_t)(end - d));
      size_t len = nl ? (size_t)(nl - d) : (size_t)(end - d);
      if (!nl && !len) break; /* the empty end of an unclosed block */
      a2b_buf_append(sc->out, cp, p);
      if (is_blank(d, len)) {
        a2b_buf_putc(sc->out, '>');
        if (len && d[len - 1] == '\r') a2b_buf_putc(sc->out, '\r');
      } else {
        a2b_buf_puts(sc->out, "> ");
        a2b_buf_append(sc->out, d, len);
      }
      if (nl) a2b_buf_putc(sc->out, '\n');
      d = nl ? nl + 1 : end;
    }
    free(coloff);
    a2b_buf_free(&inner);
    a2b_buf_free(&done);
  }
  free(cp);
  if (close < sc->n_lines) end_line(sc, close);
}

/* A Zenn block opening at line i: lines consumed, or 0. */
static size_t zenn_block(scan *sc, size_t i, size_t p) {
  a2b_buf head = A2B_BUF_INIT;
  int depth = 0, stack[64];
  stack[depth++] = a2b_zenn_open(ltext(sc, i) + p, llen(sc, i) - p, &head);
  if (!stack[0]) return 0;
  char fch = 0;
  size_t flen = 0, j;
  for (j = i + 1; j < sc->n_lines; j++) {
    size_t q = prefix_len(ltext(sc, j), llen(sc, j));
    const char *s = ltext(sc, j) + q;
    size_t n = llen(sc, j) - q;
    int c;
    if (flen) {
      if (fence_close(s, n, fch, flen)) flen = 0;
    } else if ((flen = fence_open(s, n, &fch))) {
      continue;
    } else if ((c = a2b_zenn_open(s, n, NULL)) && depth < 64) {
      stack[depth++] = c;
    } else if ((c = a2b_zenn_close(s, n)) && c >= stack[depth - 1] && --depth == 0) {
      break;
    }
  }
  emit_alert(sc, i, i, j, p, a2b_buf_cstr(&head));
  a2b_buf_free(&head);
  return (j < sc->n_lines ? j + 1 : j) - i;
}

/* ---- paired block shortcodes --------------------------------------------- */

/* Parse the tag at r->t[at]; true if it ends its line. */
static bool tag_alone(const a2b_pp_region *r, size_t at, a2b_sc_tag *t) {
  if (!a2b_sc_parse(r->t + at, r->n - at, t)) return false;
  size_t k = at + t->len;
  while (k < r->n && is_sp(r->t[k]))
    k++;
  if (k == r->n || r->t[k] == '\n') return true;
  a2b_sc_tag_free(t);
  return false;
}

/* The line closing shortcode `name` opened before line `from`; n_lines if
 * none. A Markdown body may nest the same shortcode and holds code fences. */
static size_t find_sc_close(scan *sc, size_t from, const char *name, bool markdown) {
  int depth = 1;
  char fch = 0;
  size_t flen = 0;
  for (size_t j = from; j < sc->n_lines; j++) {
    size_t q = prefix_len(ltext(sc, j), llen(sc, j));
    const char *s = ltext(sc, j) + q;
    size_t n = llen(sc, j) - q;
    if (markdown && flen) {
      if (fence_close(s, n, fch, flen)) flen = 0;
      continue;
    }
    if (markdown && (flen = fence_open(s, n, &fch))) continue;
    a2b_sc_tag t;
    if (n < 2 || s[0] != '{' || !tag_alone(sc->r, sc->lines[j].s + q, &t)) continue;
    if (strcmp(t.name, name) == 0) {
      if (t.closing && --depth == 0) {
        a2b_sc_tag_free(&t);
        return j;
      }
      if (!t.closing && !t.self_closing && markdown) depth++;
    }
    a2b_sc_tag_free(&t);
  }
  return sc->n_lines;
}

static void emit_code(scan *sc, size_t first, size_t last, size_t close, size_t p,
                      const char *lang) {
  flush(sc, first);
  size_t body = sc->lines[last].e, body_end = sc->lines[close].s;
  size_t ticks = a2b_fence_len(sc->r->t + body, body_end - body);
  for (size_t k = first; k < last; k++)
    end_line(sc, k);
  a2b_buf_append(sc->out, ltext(sc, first), p);
  for (size_t k = 0; k < ticks; k++)
    a2b_buf_putc(sc->out, '`');
  for (; *lang && !is_sp(*lang) && *lang != '`'; lang++)
    a2b_buf_putc(sc->out, *lang);
  end_line(sc, last);
  for (size_t j = last + 1; j < close; j++)
    copy_line(sc, j);
  a2b_buf_append(sc->out, ltext(sc, close), prefix_len(ltext(sc, close), llen(sc, close)));
  for (size_t k = 0; k < ticks; k++)
    a2b_buf_putc(sc->out, '`');
  end_line(sc, close);
}

/* A paired admonition/highlight/mermaid/... opening alone at line i: lines
 * consumed, or 0 (then the inline pass removes the tags with a warning). */
static size_t shortcode_block(scan *sc, size_t i, size_t p) {
  const char *s = ltext(sc, i) + p;
  size_t n = llen(sc, i) - p, at = sc->lines[i].s + p;
  a2b_sc_tag t;
  if (n < 3 || s[0] != '{' || !tag_alone(sc->r, at, &t)) return 0;
  a2b_sc_kind kind = a2b_sc_classify(&t);
  size_t used = 0;
  if (!t.closing && !t.self_closing && (kind == A2B_SC_ALERT || kind == A2B_SC_CODE)) {
    size_t last = i;
    for (size_t k = at; k < at + t.len; k++)
      last += sc->r->t[k] == '\n';
    size_t close = find_sc_close(sc, last + 1, t.name, kind == A2B_SC_ALERT);
    if (close < sc->n_lines) {
      if (kind == A2B_SC_ALERT) {
        a2b_buf head = A2B_BUF_INIT;
        a2b_sc_put_alert_head(&t, &head);
        emit_alert(sc, i, last, close, p, a2b_buf_cstr(&head));
        a2b_buf_free(&head);
      } else {
        emit_code(sc, i, last, close, p, a2b_sc_code_lang(&t));
      }
      used = close - i + 1;
    }
  }
  a2b_sc_tag_free(&t);
  return used;
}

/* ---- display math -------------------------------------------------------- */

static bool has_str(const char *s, size_t n, const char *needle) {
  size_t l = strlen(needle);
  for (size_t i = 0; i + l <= n; i++)
    if (memcmp(s + i, needle, l) == 0) return true;
  return false;
}

/* Display math opening at line i: lines consumed, or 0. On one or two lines
 * it becomes an inline math span; on more, a fenced block, the TeX on the
 * delimiter lines folded into the neighbouring lines. */
static size_t math_block(scan *sc, size_t i, size_t p) {
  static const char *const delims[][2] = {{"$$", "$$"}, {"\\\\[", "\\\\]"}, {"\\[", "\\]"}};
  const char *t = sc->r->t, *s = ltext(sc, i) + p;
  size_t n = llen(sc, i) - p, d = 0;
  while (d < 3 && (n < strlen(delims[d][0]) || memcmp(s, delims[d][0], strlen(delims[d][0]))))
    d++;
  if (d == 3) return 0;
  const char *close = delims[d][1];
  size_t ol = strlen(delims[d][0]), cl = strlen(close);
  size_t tex = sc->lines[i].s + p + ol, tex_end = 0, k;
  for (k = i; k < sc->n_lines; k++) {
    if (k > i && is_blank(ltext(sc, k), llen(sc, k))) return 0;
    size_t e = sc->lines[k].s + trimmed(ltext(sc, k), llen(sc, k));
    size_t from = k == i ? tex : sc->lines[k].s;
    if (e >= from + cl && memcmp(t + e - cl, close, cl) == 0 && (k > i || e - cl > from)) {
      tex_end = e - cl;
      break;
    }
  }
  if (k == sc->n_lines || has_str(t + tex, tex_end - tex, close) ||
      is_blank(t + tex, tex_end - tex))
    return 0;
  flush(sc, i);
  a2b_buf *out = sc->out;
  if (k <= i + 1) {
    a2b_buf_append(out, ltext(sc, i), p);
    a2b_math_put_span(out, t + tex, tex_end - tex);
    a2b_buf_append(out, t + tex_end + cl, sc->lines[k].e - (tex_end + cl));
    if (sc->lines[k].e < sc->r->n) a2b_buf_putc(out, '\n');
    return k - i + 1;
  }
  size_t ticks = a2b_fence_len(t + tex, tex_end - tex);
  const char *before = t + tex;
  size_t before_len = trimmed(before, sc->lines[i].e - tex);
  while (before_len && is_sp(*before))
    before++, before_len--;
  size_t kq = quote_prefix(ltext(sc, k), llen(sc, k));
  const char *after = ltext(sc, k) + kq;
  size_t after_len = trimmed(after, (size_t)(t + tex_end - after));

  a2b_buf_append(out, ltext(sc, i), p);
  for (size_t j = 0; j < ticks; j++)
    a2b_buf_putc(out, '`');
  a2b_buf_puts(out, A2B_MATH_MARK);
  end_line(sc, i);
  for (size_t j = i + 1; j < k; j++) {
    const char *s = ltext(sc, j);
    size_t q = quote_prefix(s, llen(sc, j)), len = llen(sc, j) - has_cr(sc, j);
    a2b_buf_append(out, s, q);
    if (j == i + 1 && before_len) {
      a2b_buf_append(out, before, before_len);
      a2b_buf_putc(out, ' ');
    }
    a2b_buf_append(out, s + q, len - q);
    if (j == k - 1 && after_len) {
      a2b_buf_putc(out, ' ');
      a2b_buf_append(out, after, after_len);
    }
    end_line(sc, j);
  }
  a2b_buf_append(out, ltext(sc, k), kq);
  for (size_t j = 0; j < ticks; j++)
    a2b_buf_putc(out, '`');
  end_line(sc, k);
  return k - i + 1;
}

/* ---- the scanner --------------------------------------------------------- */

/* Keep `*list` at the content column of the innermost open list, -1 when
 * outside lists: needed to tell indented code from list continuation. */
static void track_list(const char *s, size_t n, int ind, bool prev_blank, int *list) {
  size_t ws = 0;
  while (ws < n && (s[ws] == ' ' || s[ws] == '\t'))
    ws++;
  size_t m = list_marker(s + ws, n - ws);
  if (m && ind <= (*list >= 0 ? *list + 3 : 3)) {
    size_t extra = 0;
    while (extra < 3 && ws + m + extra < n && s[ws + m + extra] == ' ')
      extra++;
    *list = ind + (int)(m + extra);
  } else if (ind == 0 && (prev_blank || s[ws] == '#')) {
    *list = -1;
  }
}

static line *split_lines(const char *t, size_t n, size_t *count) {
  size_t c = 1;
  for (size_t i = 0; i < n; i++)
    c += t[i] == '\n';
  line *lines = a2b_xmalloc(c * sizeof *lines);
  size_t k = 0, start = 0;
  for (size_t i = 0; i < n; i++)
    if (t[i] == '\n') lines[k++] = (line){start, i}, start = i + 1;
  lines[k] = (line){start, n};
  *count = c;
  return lines;
}

static void rewrite(const a2b_pp_region *r, a2b_buf *out) {
  scan sc = {r, NULL, 0, NO_RUN, out};
  sc.lines = split_lines(r->t, r->n, &sc.n_lines);
  char fch = 0;
  size_t flen = 0;         /* open code fence length */
  const char *html = NULL; /* open raw HTML block: its end */
  int code_indent = -1;    /* open indented code block: its indentation */
  int list = -1;
  bool prev_blank = true;
  for (size_t i = 0; i < sc.n_lines; i++) {
    const char *s = ltext(&sc, i);
    size_t n = llen(&sc, i), p = prefix_len(s, n), used;
    if (flen) {
      copy_line(&sc, i);
      if (fence_close(s + p, n - p, fch, flen)) flen = 0;
      continue;
    }
    if (html) {
      copy_line(&sc, i);
      if (contains_ci(s, n, html)) html = NULL;
      continue;
    }
    bool blank = is_blank(s, n);
    int ind = indent_of(s, n);
    if (code_indent >= 0 && (blank || ind >= code_indent)) {
      copy_line(&sc, i);
      continue;
    }
    code_indent = -1;
    if (blank) {
      flush(&sc, i);
      copy_line(&sc, i);
      prev_blank = true;
      continue;
    }
    int base = list >= 0 ? list : 0;
    bool was_blank = prev_blank;
    prev_blank = false;
    if (was_blank && ind >= base + 4) {
      flush(&sc, i);
      code_indent = base + 4;
      copy_line(&sc, i);
      continue;
    }
    track_list(s, n, ind, was_blank, &list);
    if ((flen = fence_open(s + p, n - p, &fch)) || (html = html_block_end(s + p, n - p))) {
      flush(&sc, i);
      copy_line(&sc, i);
      if (html && contains_ci(s + p + 1, n - p - 1, html)) html = NULL;
      continue;
    }
    if ((used = zenn_block(&sc, i, p)) || (used = shortcode_block(&sc, i, p))) {
      i += used - 1;
      prev_blank = true; /* the closing line became blank */
      continue;
    }
    if ((used = math_block(&sc, i, p))) {
      i += used - 1;
      continue;
    }
    if (sc.run == NO_RUN) sc.run = i;
  }
  flush(&sc, sc.n_lines);
  free(sc.lines);
}

char *a2b_preprocess(a2b_load_ctx *ctx, const char *body, size_t len, size_t *out_len) {
  bool crlf = memchr(body, '\r', len) && has_str(body, len, "\r\n");
  a2b_pp_region r = {ctx, body, len, 1, NULL, crlf ? "\r\n" : "\n"};
  a2b_buf out = A2B_BUF_INIT;
  rewrite(&r, &out);
  *out_len = out.len;
  return a2b_buf_take(&out);
}
