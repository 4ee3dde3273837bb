/* TOML front matter -> a2b_fmv tree. The subset front matter uses: key/value
 * pairs with bare, quoted and dotted keys; basic, literal and multi-line
 * strings; integers, floats, booleans, dates and times (kept as text);
 * arrays; inline tables; [table] and [[array of tables]] headers; comments. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "date.h"
#include "frontmatter_value.h"

enum {
  DEFINED = 1, /* [table] header seen */
  FROZEN = 2,  /* inline table or array value: cannot be extended */
  AOT = 4      /* the LIST of an [[array of tables]] */
};

typedef struct toml {
  a2b_arena *arena;
  const char *path;
  a2b_diags *diags;
  const char *start, *p, *end;
  /* position cache for line/column look-ups */
  const char *at;
  int first_line, line;
  const char *line_start;
  size_t n_values;
  bool failed;
} toml;

/* File line and column (in characters) of `q`. */
static void pos(toml *t, const char *q, int *line, int *col) {
  if (q < t->at) {
    t->at = t->line_start = t->start;
    t->line = t->first_line;
  }
  for (; t->at < q; t->at++)
    if (*t->at == '\n') {
      t->line++;
      t->line_start = t->at + 1;
    }
  *line = t->line;
  *col = 1;
  for (const char *c = t->line_start; c < q; c++)
    if (((unsigned char)*c & 0xC0) != 0x80) (*col)++;
}

static bool fail_at(toml *t, const char *q, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool fail_at(toml *t, const char *q, const char *fmt, ...) {
  if (t->failed) return false;
  t->failed = true;
  char msg[300];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  int line, col;
  pos(t, q, &line, &col);
  a2b_report(t->diags, A2B_ERROR, t->path, line, col, "malformed TOML front matter: %s", msg);
  return false;
}

/* A printable description of the character at `q` for messages. */
static const char *what(toml *t, const char *q) {
  if (q >= t->end) return "the end of the front matter";
  if (*q == '\n' || (*q == '\r' && q + 1 < t->end && q[1] == '\n')) return "the end of the line";
  int n = 1;
  while (q + n < t->end && n < 4 && ((unsigned char)q[n] & 0xC0) == 0x80)
    n++;
  return a2b_sprintf(t->arena, "'%.*s'", n, q);
}

static bool at_end(toml *t) { return t->p >= t->end; }
static char peek(toml *t, size_t k) { return t->p + k < t->end ? t->p[k] : '\0'; }
static bool at_newline(toml *t) {
  return peek(t, 0) == '\n' || (peek(t, 0) == '\r' && peek(t, 1) == '\n');
}
static void skip_newline(toml *t) { t->p += peek(t, 0) == '\r' ? 2 : 1; }
static void skip_ws(toml *t) {
  while (peek(t, 0) == ' ' || peek(t, 0) == '\t')
    t->p++;
}
static void skip_comment(toml *t) {
  if (peek(t, 0) != '#') return;
  while (!at_end(t) && !at_newline(t))
    t->p++;
}
/* White space, comments and newlines (inside arrays and inline tables). */
static void skip_blank(toml *t) {
  for (;;) {
    skip_ws(t);
    skip_comment(t);
    if (!at_newline(t)) return;
    skip_newline(t);
  }
}

/* After a key/value pair or a header: only a comment may follow. */
static bool end_of_line(toml *t) {
  skip_ws(t);
  skip_comment(t);
  if (at_end(t)) return true;
  if (at_newline(t)) {
    skip_newline(t);
    return true;
  }
  return fail_at(t, t->p, "expected the end of the line, found %s", what(t, t->p));
}

static a2b_fmv *value_at(toml *t, a2b_fmv_kind kind, const char *text, const char *q) {
  int line, col;
  pos(t, q, &line, &col);
  t->n_values++;
  return a2b_fmv_new(t->arena, kind, text, line, col);
}

/* Front matter is small: refuse what would make key look-ups slow. */
static bool too_many(toml *t) {
  if (t->n_values < A2B_FMV_MAX_VALUES) return false;
  fail_at(t, t->p, "more than %d values", A2B_FMV_MAX_VALUES);
  return true;
}

/* ---- strings ----------------------------------------------------------- */

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static void put_utf8(a2b_buf *b, unsigned long cp) {
  char u[4];
  size_t n;
  if (cp < 0x80) {
    u[0] = (char)cp;
    n = 1;
  } else if (cp < 0x800) {
    u[0] = (char)(0xC0 | (cp >> 6));
    u[1] = (char)(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    u[0] = (char)(0xE0 | (cp >> 12));
    u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[2] = (char)(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    u[0] = (char)(0xF0 | (cp >> 18));
    u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    u[3] = (char)(0x80 | (cp & 0x3F));
    n = 4;
  }
  a2b_buf_append(b, u, n);
}

/* The escape at t->p (just after the backslash) into `b`. */
static bool escape(toml *t, a2b_buf *b) {
  const char *esc = t->p - 1;
  char c = peek(t, 0);
  t->p++;
  switch (c) {
  case 'b': a2b_buf_putc(b, '\b'); return true;
  case 't': a2b_buf_putc(b, '\t'); return true;
  case 'n': a2b_buf_putc(b, '\n'); return true;
  case 'f': a2b_buf_putc(b, '\f'); return true;
  case 'r': a2b_buf_putc(b, '\r'); return true;
  case 'e': a2b_buf_putc(b, '\x1b'); return true;
  case '"': a2b_buf_putc(b, '"'); return true;
  case '\\': a2b_buf_putc(b, '\\'); return true;
  case 'u':
  case 'U': {
    int n = c == 'u' ? 4 : 8;
    unsigned long cp = 0;
    for (int i = 0; i < n; i++) {
      int h = hexval(peek(t, 0));
      if (h < 0) return fail_at(t, esc, "'\\%c' needs %d hexadecimal digits", c, n);
      cp = cp * 16 + (unsigned long)h;
      t->p++;
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return fail_at(t, esc, "'\\%c' names no Unicode scalar value", c);
    put_utf8(b, cp);
    return true;
  }
  default:
    return fail_at(t, esc, "unknown escape '\\%s' in a string (write '\\\\' for a backslash)",
                   c ? a2b_strndup(t->arena, &c, 1) : "");
  }
}

/* A string starting at t->p with `q` (one quote char). `basic`: escapes. */
static const char *string(toml *t, bool basic) {
  const char q = basic ? '"' : '\'';
  const char *open = t->p;
  bool multi = peek(t, 1) == q && peek(t, 2) == q;
  t->p += multi ? 3 : 1;
  if (multi && at_newline(t)) skip_newline(t);
  a2b_buf b = A2B_BUF_INIT;
  for (;;) {
    if (at_end(t) || (!multi && at_newline(t))) {
      a2b_buf_free(&b);
      fail_at(t, open, "string is not closed%s",
              multi ? "" : " (use \"\"\" or ''' for text over several lines)");
      return NULL;
    }
    char c = peek(t, 0);
    if (c == q && (!multi || (peek(t, 1) == q && peek(t, 2) == q))) {
      t->p += multi ? 3 : 1;
      /* `""""` ends with a quote: up to two more quotes are content. */
      for (int i = 0; multi && i < 2 && peek(t, 0) == q; i++, t->p++)
        a2b_buf_putc(&b, q);
      break;
    }
    if (at_newline(t)) {
      skip_newline(t);
      a2b_buf_putc(&b, '\n');
    } else if (c == '\\' && basic) {
      t->p++;
      const char *after = t->p;
      skip_ws(t);
      if (multi && at_newline(t)) { /* line-ending backslash */
        while (at_newline(t) || peek(t, 0) == ' ' || peek(t, 0) == '\t')
          t->p++;
      } else {
        t->p = after;
        if (!escape(t, &b)) {
          a2b_buf_free(&b);
          return NULL;
        }
      }
    } else if ((unsigned char)c < 0x20 && c != '\t') {
      a2b_buf_free(&b);
      fail_at(t, t->p, "control character U+%04X in a string", (unsigned)c);
      return NULL;
    } else {
      a2b_buf_putc(&b, c);
      t->p++;
    }
  }
  const char *s = a2b_strdup(t->arena, a2b_buf_cstr(&b));
  a2b_buf_free(&b);
  return s;
}

/* ---- keys -------------------------------------------------------------- */

static bool is_bare(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

typedef struct key {
  const char **parts;
  const char **at; /* where each part starts */
  size_t n;
} key;

static bool key_part(toml *t, const char **out) {
  char c = peek(t, 0);
  if (c == '"' || c == '\'') {
    if (peek(t, 1) == c && peek(t, 2) == c)
      return fail_at(t, t->p, "a key cannot be a multi-line string");
    *out = string(t, c == '"');
    return *out != NULL;
  }
  const char *s = t->p;
  while (is_bare(peek(t, 0)))
    t->p++;
  if (t->p == s) return fail_at(t, s, "expected a key, found %s", what(t, s));
  *out = a2b_strndup(t->arena, s, (size_t)(t->p - s));
  return true;
}

/* `a.b."c d"` with optional white space around the dots. */
static bool dotted_key(toml *t, key *k) {
  size_t cap = 0;
  k->n = 0;
  for (;;) {
    if (k->n == cap) {
      cap = cap ? 2 * cap : 4;
      const char **parts = a2b_alloc(t->arena, cap * sizeof *parts);
      const char **at = a2b_alloc(t->arena, cap * sizeof *at);
      if (k->n) {
        memcpy(parts, k->parts, k->n * sizeof *parts);
        memcpy(at, k->at, k->n * sizeof *at);
      }
      k->parts = parts;
      k->at = at;
    }
    k->at[k->n] = t->p;
    if (!key_part(t, &k->parts[k->n])) return false;
    k->n++;
    skip_ws(t);
    if (peek(t, 0) != '.') return true;
    t->p++;
    skip_ws(t);
  }
}

static const char *key_text(toml *t, const key *k, size_t n) {
  a2b_buf b = A2B_BUF_INIT;
  for (size_t i = 0; i < n; i++) {
    if (i) a2b_buf_putc(&b, '.');
    a2b_buf_puts(&b, k->parts[i]);
  }
  const char *s = a2b_strdup(t->arena, a2b_buf_cstr(&b));
  a2b_buf_free(&b);
  return s;
}

/* The table `k.parts[i]` names inside `table`, created when absent.
 * Through an array of tables, its last table. */
static a2b_fmv *subtable(toml *t, a2b_fmv *table, const key *k, size_t i, bool headers) {
  a2b_fmv *v = a2b_fmv_get(table, k->parts[i]);
  if (!v) {
    v = value_at(t, A2B_FMV_MAP, NULL, k->at[i]);
    a2b_fmv_push(t->arena, table, k->parts[i], v);
    return v;
  }
  if (headers && v->kind == A2B_FMV_LIST && (v->flags & AOT)) return v->items[v->n - 1];
  if (v->kind != A2B_FMV_MAP || (v->flags & FROZEN)) {
    fail_at(t, k->at[i], "'%s' is already %s, not a table", key_text(t, k, i + 1),
            v->flags & FROZEN && v->kind == A2B_FMV_MAP ? "a finished inline table"
                                                        : a2b_fmv_kind_name(v->kind));
    return NULL;
  }
  return v;
}

/* ---- values ------------------------------------------------------------ */

static a2b_fmv *value(toml *t);
static bool keyval(toml *t, a2b_fmv *table);

static bool digits_with_underscores(const char *s, const char *set) {
  if (!*s || !strchr(set, *s)) return false;
  for (; *s; s++) {
    if (*s == '_') {
      if (!s[1] || !strchr(set, s[1])) return false;
    } else if (!strchr(set, *s)) {
      return false;
    }
  }
  return true;
}

static bool is_int(const char *s) {
  if (s[0] == '0' && s[1] && strchr("xob", s[1]))
    return digits_with_underscores(s + 2, s[1] == 'x'   ? "0123456789abcdefABCDEF"
                                          : s[1] == 'o' ? "01234567"
                                                        : "01");
  if (*s == '+' || *s == '-') s++;
  if (s[0] == '0') return s[1] == '\0';
  return digits_with_underscores(s, "0123456789");
}

static bool is_float(const char *s) {
  if (*s == '+' || *s == '-') s++;
  if (!strcmp(s, "inf") || !strcmp(s, "nan")) return true;
  const char *dot = strchr(s, '.'), *e = strpbrk(s, "eE");
  if (!dot && !e) return false;
  size_t ilen = (size_t)((dot ? dot : e) - s);
  char buf[128];
  if (ilen == 0 || ilen >= sizeof buf) return false;
  memcpy(buf, s, ilen);
  buf[ilen] = '\0';
  if (!(buf[0] == '0' ? ilen == 1 : digits_with_underscores(buf, "0123456789"))) return false;
  if (dot) {
    size_t flen = (size_t)((e && e > dot ? e : dot + strlen(dot)) - dot - 1);
    if (flen == 0 || flen >= sizeof buf) return false;
    memcpy(buf, dot + 1, flen);
    buf[flen] = '\0';
    if (!digits_with_underscores(buf, "0123456789")) return false;
  }
  if (e) {
    if (dot && e < dot) return false;
    const char *x = e + 1;
    if (*x == '+' || *x == '-') x++;
    if (!digits_with_underscores(x, "0123456789")) return false;
  }
  return true;
}

static bool is_local_time(const char *s) {
  int h, m, sec;
  char rest;
  if (sscanf(s, "%2d:%2d:%2d%c", &h, &m, &sec, &rest) < 3 || strlen(s) < 8) return false;
  const char *f = s + 8;
  if (*f == '.') f += 1 + strspn(f + 1, "0123456789");
  return *f == '\0' && s[2] == ':' && s[5] == ':' && h < 24 && m < 60 && sec <= 60;
}

/* Numbers, booleans, dates and times: a run of such characters. */
static a2b_fmv *bare_value(toml *t) {
  const char *s = t->p;
  for (;;) {
    char c = peek(t, 0);
    if (is_bare(c) || c == '+' || c == '.' || c == ':') {
      t->p++;
    } else if (c == ' ' && t->p - s == 10 && s[4] == '-' && peek(t, 1) >= '0' &&
               peek(t, 1) <= '9') {
      t->p++; /* `1979-05-27 07:32:00` */
    } else {
      break;
    }
  }
  const char *text = a2b_strndup(t->arena, s, (size_t)(t->p - s));
  a2b_date d;
  a2b_fmv_kind kind;
  if (!strcmp(text, "true") || !strcmp(text, "false"))
    kind = A2B_FMV_BOOL;
  else if (is_int(text))
    kind = A2B_FMV_INT;
  else if (is_float(text))
    kind = A2B_FMV_FLOAT;
  else if (a2b_date_parse(text, &d) || is_local_time(text))
    kind = A2B_FMV_DATETIME;
  else if (t->p == s)
    return fail_at(t, s, "expected a value, found %s", what(t, s)), NULL;
  else
    return fail_at(t, s, "invalid value '%s' (text must be in quotes)", text), NULL;
  return value_at(t, kind, text, s);
}

static a2b_fmv *array(toml *t) {
  a2b_fmv *list = value_at(t, A2B_FMV_LIST, NULL, t->p);
  list->flags |= FROZEN;
  const char *open = t->p++;
  for (;;) {
    skip_blank(t);
    if (peek(t, 0) == ']') break;
    if (at_end(t)) return fail_at(t, open, "array is not closed with ']'"), NULL;
    a2b_fmv *v = value(t);
    if (!v) return NULL;
    a2b_fmv_push(t->arena, list, NULL, v);
    skip_blank(t);
    if (peek(t, 0) == ',') {
      t->p++;
    } else if (peek(t, 0) != ']') {
      if (at_end(t)) return fail_at(t, open, "array is not closed with ']'"), NULL;
      return fail_at(t, t->p, "expected ',' or ']' in an array, found %s", what(t, t->p)), NULL;
    }
  }
  t->p++;
  return list;
}

static a2b_fmv *inline_table(toml *t) {
  a2b_fmv *map = value_at(t, A2B_FMV_MAP, NULL, t->p);
  const char *open = t->p++;
  for (;;) {
    skip_blank(t);
    if (peek(t, 0) == '}') break;
    if (at_end(t)) return fail_at(t, open, "inline table is not closed with '}'"), NULL;
    if (!keyval(t, map)) return NULL;
    skip_blank(t);
    if (peek(t, 0) == ',') {
      t->p++;
    } else if (peek(t, 0) != '}') {
      if (at_end(t)) return fail_at(t, open, "inline table is not closed with '}'"), NULL;
      return fail_at(t, t->p, "expected ',' or '}' in an inline table, found %s", what(t, t->p)),
             NULL;
    }
  }
  t->p++;
  map->flags |= FROZEN;
  return map;
}

static a2b_fmv *value(toml *t) {
  if (too_many(t)) return NULL;
  const char *s = t->p;
  char c = peek(t, 0);
  if (c == '"' || c == '\'') {
    const char *text = string(t, c == '"');
    return text ? value_at(t, A2B_FMV_STRING, text, s) : NULL;
  }
  if (c == '[') return array(t);
  if (c == '{') return inline_table(t);
  return bare_value(t);
}

/* `key = value` into `table`. */
static bool keyval(toml *t, a2b_fmv *table) {
  key k;
  if (!dotted_key(t, &k)) return false;
  for (size_t i = 0; i + 1 < k.n; i++)
    if (!(table = subtable(t, table, &k, i, false))) return false;
  const char *last = k.parts[k.n - 1];
  if (a2b_fmv_get(table, last))
    return fail_at(t, k.at[k.n - 1], "key '%s' is defined twice", key_text(t, &k, k.n));
  if (table->flags & FROZEN)
    return fail_at(t, k.at[0], "cannot add '%s' to a finished inline table", key_text(t, &k, k.n));
  if (peek(t, 0) != '=')
    return fail_at(t, t->p, "expected '=' after the key '%s', found %s", key_text(t, &k, k.n),
                   what(t, t->p));
  t->p++;
  skip_ws(t);
  a2b_fmv *v = value(t);
  if (!v) return false;
  a2b_fmv_push(t->arena, table, last, v);
  return true;
}

/* `[a.b]` or `[[a.b]]`; returns the table that following keys go into. */
static a2b_fmv *header(toml *t, a2b_fmv *root) {
  if (too_many(t)) return NULL;
  const char *open = t->p;
  bool aot = peek(t, 1) == '[';
  t->p += aot ? 2 : 1;
  skip_ws(t);
  key k;
  if (!dotted_key(t, &k)) return NULL;
  if (peek(t, 0) != ']' || (aot && peek(t, 1) != ']'))
    return fail_at(t, t->p, "expected '%s' to close the table header, found %s", aot ? "]]" : "]",
                   what(t, t->p)),
           NULL;
  t->p += aot ? 2 : 1;
  a2b_fmv *table = root;
  for (size_t i = 0; i + 1 < k.n; i++)
    if (!(table = subtable(t, table, &k, i, true))) return NULL;
  const char *last = k.parts[k.n - 1];
  a2b_fmv *v = a2b_fmv_get(table, last);
  const char *name = key_text(t, &k, k.n);
  if (aot) {
    if (!v) {
      v = value_at(t, A2B_FMV_LIST, NULL, open);
      v->flags |= AOT;
      a2b_fmv_push(t->arena, table, last, v);
    } else if (v->kind != A2B_FMV_LIST || !(v->flags & AOT)) {
      return fail_at(t, open, "'%s' is already %s, not an array of tables", name,
                     a2b_fmv_kind_name(v->kind)),
             NULL;
    }
    a2b_fmv *item = value_at(t, A2B_FMV_MAP, NULL, open);
    a2b_fmv_push(t->arena, v, NULL, item);
    return item;
  }
  if (!v) {
    v = value_at(t, A2B_FMV_MAP, NULL, open);
    a2b_fmv_push(t->arena, table, last, v);
  } else if (v->kind != A2B_FMV_MAP || (v->flags & (DEFINED | FROZEN))) {
    return fail_at(t, open, "table '%s' is defined twice", name), NULL;
  }
  v->flags |= DEFINED;
  return v;
}

a2b_fmv *a2b_toml_read(a2b_arena *arena, const char *text, size_t len, int first_line,
                       const char *path, a2b_diags *diags) {
  toml t = {.arena = arena,
            .path = path,
            .diags = diags,
            .start = text,
            .p = text,
            .end = text + len,
            .at = text,
            .first_line = first_line,
            .line = first_line,
            .line_start = text};
  a2b_fmv *root = a2b_fmv_new(arena, A2B_FMV_MAP, NULL, first_line, 1);
  a2b_fmv *table = root;
  for (;;) {
    skip_blank(&t);
    if (at_end(&t)) break;
    if (peek(&t, 0) == '[')
      table = header(&t, root);
    else if (!keyval(&t, table))
      table = NULL;
    if (!table || !end_of_line(&t)) return NULL;
  }
  return root;
}
