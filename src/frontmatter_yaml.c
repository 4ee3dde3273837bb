/* YAML front matter -> a2b_fmv tree, with libyaml's event API. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "arena.h"
#include "date.h"
#include "frontmatter_value.h"

typedef struct frame {
  a2b_fmv *v;
  const char *key; /* MAP: the key waiting for its value, or NULL */
  size_t start;    /* reader.total when the container opened */
  size_t anchor;   /* index in reader.anchors + 1, or 0 */
} frame;

typedef struct anchor {
  const char *name;
  a2b_fmv *v;
  size_t size; /* values it expands to; 0 while still open */
} anchor;

typedef struct reader {
  a2b_arena *arena;
  const char *path;
  a2b_diags *diags;
  int first_line;
  frame *stack;
  size_t depth, stack_cap;
  anchor *anchors;
  size_t n_anchors, anchors_cap;
  size_t total;     /* values read so far, aliases counted expanded */
  const char *text; /* the YAML, for messages */
  size_t len;
  a2b_fmv *root;
} reader;

static bool all(const char *s, const char *set) { return *s && strspn(s, set) == strlen(s); }

static bool is_yaml_float(const char *s) {
  static const char *special[] = {".inf",  ".Inf",  ".INF",  "+.inf", "+.Inf", "+.INF",
                                  "-.inf", "-.Inf", "-.INF", ".nan",  ".NaN",  ".NAN"};
  for (size_t i = 0; i < sizeof special / sizeof *special; i++)
    if (!strcmp(s, special[i])) return true;
  if (*s == '+' || *s == '-') s++;
  size_t ip = strspn(s, "0123456789");
  s += ip;
  size_t fp = 0;
  if (*s == '.') {
    fp = strspn(++s, "0123456789");
    s += fp;
  }
  if (ip + fp == 0) return false;
  if (*s == 'e' || *s == 'E') {
    s++;
    if (*s == '+' || *s == '-') s++;
    if (!all(s, "0123456789")) return false;
    return true;
  }
  return *s == '\0';
}

/* The YAML 1.2 core schema's reading of a plain scalar, plus timestamps. */
static a2b_fmv_kind plain_kind(const char *s) {
  if (!*s || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL"))
    return A2B_FMV_NULL;
  if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE") || !strcmp(s, "false") ||
      !strcmp(s, "False") || !strcmp(s, "FALSE"))
    return A2B_FMV_BOOL;
  const char *d = (*s == '+' || *s == '-') ? s + 1 : s;
  if (all(d, "0123456789") || (!strncmp(s, "0x", 2) && all(s + 2, "0123456789abcdefABCDEF")) ||
      (!strncmp(s, "0o", 2) && all(s + 2, "01234567")))
    return A2B_FMV_INT;
  if (is_yaml_float(s)) return A2B_FMV_FLOAT;
  a2b_date date;
  if (a2b_date_parse(s, &date)) return A2B_FMV_DATETIME;
  return A2B_FMV_STRING;
}

static a2b_fmv *scalar_value(reader *r, const yaml_event_t *ev, int line, int col) {
  const char *text =
      a2b_strndup(r->arena, (const char *)ev->data.scalar.value, ev->data.scalar.length);
  a2b_fmv_kind kind = A2B_FMV_STRING;
  const char *tag = (const char *)ev->data.scalar.tag;
  if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !(tag && !strcmp(tag, YAML_STR_TAG)))
    kind = plain_kind(text);
  if (kind == A2B_FMV_NULL) text = NULL;
  if (kind == A2B_FMV_BOOL) text = (text[0] == 't' || text[0] == 'T') ? "true" : "false";
  return a2b_fmv_new(r->arena, kind, text, line, col);
}

static void error_at(reader *r, int line, int col, const char *msg) {
  a2b_report(r->diags, A2B_ERROR, r->path, line, col, "%s", msg);
}

/* Attach `v` to the open container (or make it the root). False on error. */
static bool attach(reader *r, a2b_fmv *v) {
  if (r->depth == 0) {
    r->root = v;
    return true;
  }
  frame *f = &r->stack[r->depth - 1];
  if (f->v->kind == A2B_FMV_LIST) {
    a2b_fmv_push(r->arena, f->v, NULL, v);
    return true;
  }
  if (!f->key) {
    if (v->kind == A2B_FMV_LIST || v->kind == A2B_FMV_MAP) {
      error_at(r, v->line, v->col, "front matter keys must be plain text, not a list or map");
      return false;
    }
    f->key = v->text ? v->text : "";
    return true;
  }
  for (size_t i = 0; i < f->v->n; i++) {
    if (strcmp(f->v->keys[i], f->key)) continue;
    a2b_report(r->diags, A2B_WARNING, r->path, v->line, v->col,
               "duplicate front matter key '%s' (the last one is used)", f->key);
    f->v->items[i] = v;
    f->key = NULL;
    return true;
  }
  a2b_fmv_push(r->arena, f->v, f->key, v);
  f->key = NULL;
  return true;
}

static bool count(reader *r, size_t n, int line, int col) {
  r->total += n;
  if (r->total <= A2B_FMV_MAX_VALUES) return true;
  char msg[160];
  snprintf(msg, sizeof msg, "front matter refused: its YAML aliases expand to more than %d values",
           A2B_FMV_MAX_VALUES);
  error_at(r, line, col, msg);
  return false;
}

static size_t add_anchor(reader *r, const yaml_char_t *name, a2b_fmv *v, size_t size) {
  if (!name) return 0;
  if (r->n_anchors == r->anchors_cap) {
    r->anchors_cap = r->anchors_cap ? 2 * r->anchors_cap : 8;
    r->anchors = a2b_xrealloc(r->anchors, r->anchors_cap * sizeof *r->anchors);
  }
  r->anchors[r->n_anchors] = (anchor){a2b_strdup(r->arena, (const char *)name), v, size};
  return ++r->n_anchors;
}

static bool alias(reader *r, const char *name, int line, int col) {
  for (size_t i = r->n_anchors; i-- > 0;) {
    if (strcmp(r->anchors[i].name, name)) continue;
    if (r->anchors[i].size == 0) {
      error_at(r, line, col, "front matter refused: a YAML alias refers to its own container");
      return false;
    }
    return count(r, r->anchors[i].size, line, col) && attach(r, r->anchors[i].v);
  }
  char msg[200];
  snprintf(msg, sizeof msg, "undefined YAML alias '*%.100s' in front matter", name);
  error_at(r, line, col, msg);
  return false;
}

static bool open_container(reader *r, a2b_fmv_kind kind, const yaml_char_t *anchor_name, int line,
                           int col) {
  a2b_fmv *v = a2b_fmv_new(r->arena, kind, NULL, line, col);
  if (!count(r, 1, line, col) || !attach(r, v)) return false;
  if (r->depth == r->stack_cap) {
    r->stack_cap = r->stack_cap ? 2 * r->stack_cap : 8;
    r->stack = a2b_xrealloc(r->stack, r->stack_cap * sizeof *r->stack);
  }
  r->stack[r->depth++] = (frame){v, NULL, r->total - 1, add_anchor(r, anchor_name, v, 0)};
  return true;
}

static void close_container(reader *r) {
  frame *f = &r->stack[--r->depth];
  if (f->anchor) r->anchors[f->anchor - 1].size = r->total - f->start;
}

/* The key that line `line` (0-based) of the YAML starts with, if the
 * column `col` lies in its value: `  key: value` or `- key: value`. */
static const char *line_key(reader *r, size_t line, size_t col) {
  const char *s = r->text, *end = r->text + r->len;
  for (; line > 0 && s < end; line--) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    s = nl ? nl + 1 : end;
  }
  const char *p = s;
  while (p < end && (*p == ' ' || *p == '-'))
    p++;
  const char *k = p;
  while (p < end && *p != ':' && *p != '\n' && *p != '#' && *p != '"' && *p != '\'')
    p++;
  if (p == k || p + 1 >= end || p[1] != ' ') return NULL;
  size_t chars = 0; /* libyaml counts columns in characters */
  for (const char *c = s; c <= p; c++)
    if (((unsigned char)*c & 0xC0) != 0x80) chars++;
  if (col < chars) return NULL;
  return a2b_strndup(r->arena, k, (size_t)(p - k));
}

/* A hint for libyaml's most common complaints about hand-written files. */
static const char *hint(reader *r, const yaml_parser_t *p) {
  const char *problem = p->problem ? p->problem : "";
  const char *context = p->context ? p->context : "";
  if (strstr(problem, "mapping values are not allowed")) {
    const char *key = line_key(r, p->problem_mark.line, p->problem_mark.column);
    if (key)
      return a2b_sprintf(r->arena, "; the value of '%s' contains ': ', so it must be put in quotes",
                         key);
    return "; a value containing ': ' must be put in quotes";
  }
  if (strstr(problem, "cannot start any token"))
    return "; a value starting with this character must be put in quotes";
  if (strstr(context, "quoted scalar"))
    return "; check that every quote is closed and inner quotes are escaped";
  if (strstr(problem, "expected key") || strstr(problem, "expected ':'") ||
      strstr(problem, "expected <block end>"))
    return "; check the indentation and the quotes of this line and the one before";
  if (strstr(problem, "tab")) return "; indent with spaces, not tabs";
  return "";
}

static void parse_error(reader *r, const yaml_parser_t *p) {
  yaml_mark_t m = p->problem_mark, c = p->context_mark;
  char began[80] = "";
  if (p->context && !strncmp(p->context, "while scanning", 14) && c.line != m.line)
    snprintf(began, sizeof began, " that began at line %d, column %d", r->first_line + (int)c.line,
             (int)c.column + 1);
  a2b_report(r->diags, A2B_ERROR, r->path, r->first_line + (int)m.line, (int)m.column + 1,
             "malformed YAML front matter: %s%s%s%s%s", p->problem ? p->problem : "syntax error",
             p->context ? " " : "", p->context ? p->context : "", began, hint(r, p));
}

a2b_fmv *a2b_yaml_read(a2b_arena *arena, const char *text, size_t len, int first_line,
                       const char *path, a2b_diags *diags) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    a2b_report(diags, A2B_ERROR, path, first_line, 0, "cannot start the YAML parser");
    return NULL;
  }
  yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
  reader r = {.arena = arena,
              .path = path,
              .diags = diags,
              .first_line = first_line,
              .text = text,
              .len = len};
  bool ok = true, done = false;
  while (ok && !done) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&parser, &ev)) {
      parse_error(&r, &parser);
      ok = false;
      break;
    }
    int line = first_line + (int)ev.start_mark.line, col = (int)ev.start_mark.column + 1;
    switch (ev.type) {
    case YAML_SCALAR_EVENT: {
      a2b_fmv *v = scalar_value(&r, &ev, line, col);
      ok = count(&r, 1, line, col) && attach(&r, v);
      add_anchor(&r, ev.data.scalar.anchor, v, 1);
      break;
    }
    case YAML_ALIAS_EVENT: ok = alias(&r, (const char *)ev.data.alias.anchor, line, col); break;
    case YAML_SEQUENCE_START_EVENT:
      ok = open_container(&r, A2B_FMV_LIST, ev.data.sequence_start.anchor, line, col);
      break;
    case YAML_MAPPING_START_EVENT:
      ok = open_container(&r, A2B_FMV_MAP, ev.data.mapping_start.anchor, line, col);
      break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT: close_container(&r); break;
    case YAML_DOCUMENT_END_EVENT:
    case YAML_STREAM_END_EVENT: done = true; break;
    default: break;
    }
    yaml_event_delete(&ev);
  }
  yaml_parser_delete(&parser);
  free(r.stack);
  free(r.anchors);
  if (!ok) return NULL;
  return r.root ? r.root : a2b_fmv_new(arena, A2B_FMV_NULL, NULL, first_line, 1);
}
