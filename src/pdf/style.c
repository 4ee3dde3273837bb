#include "pdf/style.h"

#include <errno.h>
#include <glib.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "arena.h"
#include "styles.h"

#define MM (72.0 / 25.4)
#define BUILTIN_NAME "<built-in print style>"
/* PDF viewers cap pages at 200 in. */
#define MAX_PAGE (200.0 * 72.0)

typedef enum kind {
  K_PAPER,  /* page_width and page_height from a paper name or size */
  K_LENGTH, /* double, pt; em = the body size */
  K_EM,     /* double, em: "2em" or a bare number */
  K_SIZES,  /* double[6]: a list of 1 to 6 lengths */
  K_BOOL,
  K_FACE,     /* heap string */
  K_FACE_OPT, /* heap string, or NULL for none / empty */
  K_COLOR,
  K_PUNCT,    /* a2b_pdf_punct: half or full */
  K_COUNT     /* int, 1 to 20 */
} kind;

typedef struct field {
  const char *key; /* dotted path of nested mappings */
  kind kind;
  size_t offset;
} field;

#define F(k, t, m)                                                                                 \
  { k, t, offsetof(a2b_pdf_style, m) }
static const field fields[] = {
    F("paper", K_PAPER, page_width),
    F("margins.top", K_LENGTH, margin_top),
    F("margins.bottom", K_LENGTH, margin_bottom),
    F("margins.inner", K_LENGTH, margin_inner),
    F("margins.outer", K_LENGTH, margin_outer),
    F("recto", K_BOOL, recto),
    F("body.size", K_LENGTH, body_size),
    F("body.pitch", K_LENGTH, line_pitch),
    F("headings", K_SIZES, heading_size),
    F("small.size", K_LENGTH, small_size),
    F("small.pitch", K_LENGTH, small_pitch),
    F("code.size", K_LENGTH, code_size),
    F("code.pitch", K_LENGTH, code_pitch),
    F("indent.zh", K_EM, indent_zh_em),
    F("indent.ja", K_EM, indent_ja_em),
    F("paragraph_space", K_LENGTH, paragraph_space),
    F("punctuation.zh-hans", K_PUNCT, punct_hans),
    F("punctuation.zh-hant", K_PUNCT, punct_hant),
    F("punctuation.ja", K_PUNCT, punct_ja),
    F("hyphenation.enabled", K_BOOL, hyphenate),
    F("hyphenation.min_word", K_COUNT, hyphen_min_word),
    F("hyphenation.left", K_COUNT, hyphen_left),
    F("hyphenation.right", K_COUNT, hyphen_right),
    F("faces.body_cjk", K_FACE, body_cjk),
    F("faces.body_latin", K_FACE, body_latin),
    F("faces.heading_cjk", K_FACE, heading_cjk),
    F("faces.heading_latin", K_FACE, heading_latin),
    F("faces.mono", K_FACE, mono),
    F("faces.emphasis_cjk", K_FACE_OPT, emphasis_cjk),
    F("emphasis_dots", K_BOOL, emphasis_dots),
    F("colors.text", K_COLOR, text_color),
    F("colors.link", K_COLOR, link_color),
    F("colors.code_background", K_COLOR, code_background),
    F("colors.quote_bar", K_COLOR, quote_bar),
    F("colors.rule", K_COLOR, rule_color),
};
#define N_FIELDS (sizeof fields / sizeof *fields)

/* Lengths given in em wait for the file's final body size. */
typedef struct pending_em {
  double *slot;
  double em;
} pending_em;

typedef struct parse {
  a2b_pdf_style *st;
  const char *path;
  yaml_document_t *doc;
  a2b_diags *d;
  bool ok;
  pending_em ems[N_FIELDS];
  size_t n_ems;
} parse;

/* Number and unit of "12pt", "5 mm", "0.5in", "2em", "12". Locale-free. */
static bool split_number(const char *s, double *num, const char **unit) {
  char *end;
  errno = 0;
  *num = g_ascii_strtod(s, &end);
  if (end == s || errno) return false;
  while (*end == ' ')
    end++;
  *unit = end;
  return true;
}

/* Points per `unit` ("pt" or "" for points, mm, cm, in, px; em when allowed:
 * then *is_em and the result is 1). */
static bool unit_points(const char *unit, bool allow_em, double *pt, bool *is_em) {
  *is_em = false;
  if (!*unit || !strcasecmp(unit, "pt"))
    *pt = 1;
  else if (!strcasecmp(unit, "mm"))
    *pt = MM;
  else if (!strcasecmp(unit, "cm"))
    *pt = 10 * MM;
  else if (!strcasecmp(unit, "in"))
    *pt = 72;
  else if (!strcasecmp(unit, "px"))
    *pt = 0.75;
  else if (allow_em && !strcasecmp(unit, "em"))
    *pt = 1, *is_em = true;
  else
    return false;
  return true;
}

/* A length in points; *is_em when given in em (then *pt is the em count). */
static bool parse_length(const char *s, bool allow_em, double *pt, bool *is_em) {
  double v, unit;
  const char *rest;
  if (!split_number(s, &v, &rest) || v < 0 || !unit_points(rest, allow_em, &unit, is_em))
    return false;
  *pt = v * unit;
  return true;
}

bool a2b_pdf_paper_size(const char *spec, double *width, double *height) {
  static const struct {
    const char *name;
    double w, h; /* pt */
  } papers[] = {
      {"a4", 210 * MM, 297 * MM},
      {"a5", 148 * MM, 210 * MM},
      {"b5", 176 * MM, 250 * MM}, /* ISO B5; JIS B5 is 182x257mm */
      {"letter", 612, 792},
  };
  if (!spec) return false;
  for (size_t i = 0; i < sizeof papers / sizeof *papers; i++) {
    if (strcasecmp(spec, papers[i].name)) continue;
    *width = papers[i].w, *height = papers[i].h;
    return true;
  }
  /* WIDTHxHEIGHT<unit>: one unit for both numbers. */
  double w, h, unit;
  bool em;
  char *end;
  errno = 0;
  w = g_ascii_strtod(spec, &end);
  if (end == spec || errno || (*end != 'x' && *end != 'X')) return false;
  const char *second = end + 1;
  h = g_ascii_strtod(second, &end);
  if (end == second || errno || !*end || !unit_points(end, false, &unit, &em)) return false;
  w *= unit, h *= unit;
  if (!(w > 0 && h > 0 && w <= MAX_PAGE && h <= MAX_PAGE)) return false;
  *width = w, *height = h;
  return true;
}

static void report_at(parse *p, a2b_severity sev, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void report_at(parse *p, a2b_severity sev, const yaml_node_t *n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  a2b_vreport(p->d, sev, p->path, (int)n->start_mark.line + 1, (int)n->start_mark.column + 1, fmt,
              ap);
  va_end(ap);
  if (sev == A2B_ERROR) p->ok = false;
}

static const char *scalar(const yaml_node_t *n) {
  return n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static bool parse_color(const char *s, unsigned *out) {
  if (*s == '#')
    s++;
  else if (!strncasecmp(s, "0x", 2))
    s += 2;
  else
    return false;
  size_t n = strlen(s);
  if ((n != 6 && n != 3) || strspn(s, "0123456789abcdefABCDEF") != n) return false;
  unsigned v = (unsigned)strtoul(s, NULL, 16);
  if (n == 3) /* #rgb = #rrggbb */
    v = ((v & 0xF00) * 0x1100) | ((v & 0x0F0) * 0x110) | ((v & 0x00F) * 0x11);
  *out = v;
  return true;
}

static void set_face(const char **slot, const char *value) {
  free((char *)*slot);
  *slot = value ? a2b_xstrdup(value) : NULL;
}

static void set_length(parse *p, const field *f, const yaml_node_t *v, double *slot,
                       const char *what) {
  const char *s = scalar(v);
  double pt;
  bool em;
  bool allow_em = f->offset != offsetof(a2b_pdf_style, body_size);
  if (!s || !parse_length(s, allow_em, &pt, &em)) {
    report_at(p, A2B_ERROR, v, "'%s': '%s' is not a length (a number with pt, mm, cm, in%s)", what,
              s ? s : "", allow_em ? " or em" : "");
    return;
  }
  if (pt == 0 && strcmp(f->key, "paragraph_space") && strncmp(f->key, "margins.", 8)) {
    report_at(p, A2B_ERROR, v, "'%s' must be greater than zero", what);
    return;
  }
  *slot = pt;
  if (em) p->ems[p->n_ems++] = (pending_em){slot, pt};
}

static void apply(parse *p, const field *f, const yaml_node_t *v) {
  void *slot = (char *)p->st + f->offset;
  const char *s = scalar(v);
  switch (f->kind) {
  case K_PAPER:
    if (!s || !a2b_pdf_paper_size(s, &p->st->page_width, &p->st->page_height))
      report_at(p, A2B_ERROR, v,
                "'paper': '%s' is not a paper (a4, a5, b5, letter or WIDTHxHEIGHTmm)", s ? s : "");
    return;
  case K_LENGTH: set_length(p, f, v, slot, f->key); return;
  case K_EM: {
    double em;
    const char *unit;
    if (!s || !split_number(s, &em, &unit) || em < 0 || (*unit && strcasecmp(unit, "em")))
      report_at(p, A2B_ERROR, v, "'%s': '%s' is not a length in em (e.g. 2em)", f->key, s ? s : "");
    else
      *(double *)slot = em;
    return;
  }
  case K_SIZES: {
    yaml_node_item_t *start = NULL, *top = NULL;
    if (v->type == YAML_SEQUENCE_NODE)
      start = v->data.sequence.items.start, top = v->data.sequence.items.top;
    if (top - start < 1 || top - start > 6) {
      report_at(p, A2B_ERROR, v, "'%s' must be a list of 1 to 6 sizes, for levels 1 to 6", f->key);
      return;
    }
    for (yaml_node_item_t *it = start; it < top; it++) {
      char what[32];
      snprintf(what, sizeof what, "%s[%d]", f->key, (int)(it - start) + 1);
      set_length(p, f, yaml_document_get_node(p->doc, *it), (double *)slot + (it - start), what);
    }
    return;
  }
  case K_BOOL:
    if (s && (!strcasecmp(s, "true") || !strcasecmp(s, "yes") || !strcasecmp(s, "on")))
      *(bool *)slot = true;
    else if (s && (!strcasecmp(s, "false") || !strcasecmp(s, "no") || !strcasecmp(s, "off")))
      *(bool *)slot = false;
    else
      report_at(p, A2B_ERROR, v, "'%s' must be true or false", f->key);
    return;
  case K_FACE:
  case K_FACE_OPT:
    if (!s || (f->kind == K_FACE && !*s)) {
      report_at(p, A2B_ERROR, v, "'%s' must be a font family name", f->key);
    } else {
      bool none = f->kind == K_FACE_OPT &&
                  (!*s || !strcasecmp(s, "none") || !strcmp(s, "~") || !strcasecmp(s, "null"));
      set_face((const char **)slot, none ? NULL : s);
    }
    return;
  case K_PUNCT:
    if (s && !strcasecmp(s, "half"))
      *(a2b_pdf_punct *)slot = A2B_PDF_PUNCT_HALF;
    else if (s && !strcasecmp(s, "full"))
      *(a2b_pdf_punct *)slot = A2B_PDF_PUNCT_FULL;
    else
      report_at(p, A2B_ERROR, v, "'%s' must be half or full", f->key);
    return;
  case K_COUNT: {
    char *end = NULL;
    long n = s ? strtol(s, &end, 10) : 0;
    if (!s || end == s || *end || n < 1 || n > 20)
      report_at(p, A2B_ERROR, v, "'%s' must be a whole number from 1 to 20", f->key);
    else
      *(int *)slot = (int)n;
    return;
  }
  case K_COLOR:
    if (!s || !*s)
      report_at(p, A2B_ERROR, v,
                "'%s' has no colour (quote \"#RRGGBB\": a bare # starts a "
                "YAML comment)",
                f->key);
    else if (!parse_color(s, slot))
      report_at(p, A2B_ERROR, v, "'%s': '%s' is not a colour (\"#RRGGBB\")", f->key, s);
    return;
  }
}

static const field *find_field(const char *key) {
  for (size_t i = 0; i < N_FIELDS; i++)
    if (!strcmp(fields[i].key, key)) return &fields[i];
  return NULL;
}

/* True when some field's key starts with `prefix` followed by a dot. */
static bool is_group(const char *prefix) {
  size_t n = strlen(prefix);
  for (size_t i = 0; i < N_FIELDS; i++)
    if (!strncmp(fields[i].key, prefix, n) && fields[i].key[n] == '.') return true;
  return false;
}

static void walk(parse *p, const yaml_node_t *map, const char *prefix) {
  for (yaml_node_pair_t *pair = map->data.mapping.pairs.start; pair < map->data.mapping.pairs.top;
       pair++) {
    yaml_node_t *k = yaml_document_get_node(p->doc, pair->key);
    yaml_node_t *v = yaml_document_get_node(p->doc, pair->value);
    if (!k || !v) continue;
    const char *name = scalar(k);
    if (!name) {
      report_at(p, A2B_WARNING, k, "ignoring a key that is not text");
      continue;
    }
    char *key = prefix ? g_strdup_printf("%s.%s", prefix, name) : g_strdup(name);
    const field *f = find_field(key);
    if (f) {
      apply(p, f, v);
    } else if (is_group(key)) {
      if (v->type == YAML_MAPPING_NODE)
        walk(p, v, key);
      else
        report_at(p, A2B_ERROR, v, "'%s' must be a mapping of keys", key);
    } else {
      report_at(p, A2B_WARNING, k, "unknown key '%s' in the print style (ignored)", key);
    }
    g_free(key);
  }
}

/* Apply the YAML document `parser` reads (named `path` in messages). */
static bool apply_yaml(a2b_pdf_style *st, const char *path, yaml_parser_t *parser, a2b_diags *d) {
  yaml_document_t doc;
  parse p = {.st = st, .path = path, .doc = &doc, .d = d, .ok = true};
  if (!yaml_parser_load(parser, &doc)) {
    a2b_report(d, A2B_ERROR, path, (int)parser->problem_mark.line + 1,
               (int)parser->problem_mark.column + 1, "malformed YAML: %s",
               parser->problem ? parser->problem : "syntax error");
    return false;
  }
  yaml_node_t *root = yaml_document_get_root_node(&doc);
  if (root && root->type == YAML_MAPPING_NODE)
    walk(&p, root, NULL);
  else if (root)
    report_at(&p, A2B_ERROR, root, "a print style must be a mapping of keys");
  for (size_t i = 0; i < p.n_ems; i++)
    *p.ems[i].slot = p.ems[i].em * st->body_size;
  yaml_document_delete(&doc);
  return p.ok;
}

static bool apply_builtin(a2b_pdf_style *st, a2b_diags *d) {
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, (const unsigned char *)a2b_style_print_yaml,
                               a2b_style_print_yaml_len);
  bool ok = apply_yaml(st, BUILTIN_NAME, &parser, d);
  yaml_parser_delete(&parser);
  return ok;
}

static bool apply_file(a2b_pdf_style *st, const char *path, a2b_diags *d) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    a2b_report(d, A2B_ERROR, path, 0, 0, "cannot read the print style: %s", strerror(errno));
    return false;
  }
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_file(&parser, f);
  bool ok = apply_yaml(st, path, &parser, d);
  yaml_parser_delete(&parser);
  fclose(f);
  return ok;
}

/* The text block must hold at least a few lines and a few characters. */
static bool check_block(const a2b_pdf_style *st, a2b_diags *d) {
  double w = st->page_width - st->margin_inner - st->margin_outer;
  double h = st->page_height - st->margin_top - st->margin_bottom;
  if (w >= 4 * st->body_size && h >= 4 * st->line_pitch) return true;
  a2b_report(d, A2B_ERROR, NULL, 0, 0,
             "the margins leave a text block of %.0fx%.0fmm on a %.0fx%.0fmm page: too small "
             "for %gpt text on a %gpt pitch",
             w / MM, h / MM, st->page_width / MM, st->page_height / MM, st->body_size,
             st->line_pitch);
  return false;
}

bool a2b_pdf_style_load(a2b_pdf_style *st, const char *path, const char *paper, a2b_diags *d) {
  memset(st, 0, sizeof *st);
  bool ok = apply_builtin(st, d) && (!path || apply_file(st, path, d));
  if (ok && paper && !a2b_pdf_paper_size(paper, &st->page_width, &st->page_height)) {
    a2b_report(d, A2B_ERROR, NULL, 0, 0,
               "--paper '%s': not a paper (a4, a5, b5, letter or WIDTHxHEIGHTmm)", paper);
    ok = false;
  }
  ok = ok && check_block(st, d);
  if (!ok) a2b_pdf_style_free(st);
  return ok;
}

void a2b_pdf_style_free(a2b_pdf_style *st) {
  const char **faces[] = {&st->body_cjk,      &st->body_latin, &st->heading_cjk,
                          &st->heading_latin, &st->mono,       &st->emphasis_cjk};
  for (size_t i = 0; i < sizeof faces / sizeof *faces; i++)
    set_face(faces[i], NULL);
}
