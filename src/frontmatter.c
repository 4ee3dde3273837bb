/* Front matter: find it, read it (frontmatter_yaml.c, frontmatter_toml.c),
 * and map its keys onto the article. */
#include "frontmatter.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "date.h"
#include "frontmatter_value.h"

/* ---- the value tree ---------------------------------------------------- */

a2b_fmv *a2b_fmv_new(a2b_arena *arena, a2b_fmv_kind kind, const char *text, int line, int col) {
  a2b_fmv *v = a2b_alloc(arena, sizeof *v);
  v->kind = kind;
  v->text = text;
  v->line = line;
  v->col = col;
  return v;
}

void a2b_fmv_push(a2b_arena *arena, a2b_fmv *c, const char *key, a2b_fmv *item) {
  if (c->n == c->cap) {
    size_t cap = c->cap ? 2 * c->cap : 4;
    a2b_fmv **items = a2b_alloc(arena, cap * sizeof *items);
    if (c->n) memcpy(items, c->items, c->n * sizeof *items);
    c->items = items;
    if (c->kind == A2B_FMV_MAP) {
      const char **keys = a2b_alloc(arena, cap * sizeof *keys);
      if (c->n) memcpy(keys, c->keys, c->n * sizeof *keys);
      c->keys = keys;
    }
    c->cap = cap;
  }
  if (c->kind == A2B_FMV_MAP) c->keys[c->n] = key;
  c->items[c->n++] = item;
}

a2b_fmv *a2b_fmv_get(const a2b_fmv *map, const char *key) {
  if (!map || map->kind != A2B_FMV_MAP) return NULL;
  for (size_t i = 0; i < map->n; i++)
    if (!strcmp(map->keys[i], key)) return map->items[i];
  return NULL;
}

const char *a2b_fmv_kind_name(a2b_fmv_kind kind) {
  static const char *names[] = {"null",      "a string", "an integer", "a float",
                                "a boolean", "a date",   "a list",     "a map"};
  return names[kind];
}

bool a2b_fmv_int(const a2b_fmv *v, long *out) {
  if (!v || v->kind != A2B_FMV_INT) return false;
  char digits[64];
  size_t n = 0;
  for (const char *s = v->text; *s && n + 1 < sizeof digits; s++)
    if (*s != '_') digits[n++] = *s;
  digits[n] = '\0';
  const char *s = digits;
  int base = 10;
  bool neg = false;
  if (*s == '+' || *s == '-') neg = *s++ == '-';
  if (s[0] == '0' && s[1] && strchr("xXoObB", s[1])) {
    base = strchr("xX", s[1]) ? 16 : strchr("oO", s[1]) ? 8 : 2;
    s += 2;
  }
  errno = 0;
  char *end;
  unsigned long long u = strtoull(s, &end, base);
  if (errno || *end || end == s || u > (unsigned long long)LONG_MAX + neg) return false;
  *out = neg ? (long)(0 - u) : (long)u;
  return true;
}

/* ---- mapping keys onto the article ------------------------------------- */

typedef struct mapper {
  a2b_arena *arena; /* the model's */
  a2b_article *art;
  const char *path;
  a2b_diags *diags;
  const a2b_fmv *root;
  a2b_meta *extra;
  size_t n_extra, cap_extra;
  bool have_lastmod, have_thumbnail, have_source;
} mapper;

static bool is_scalar(const a2b_fmv *v) {
  return v->kind != A2B_FMV_NULL && v->kind != A2B_FMV_LIST && v->kind != A2B_FMV_MAP;
}

static bool has_key(const a2b_fmv *map, const char *key) {
  for (size_t i = 0; i < map->n; i++)
    if (!strcasecmp(map->keys[i], key) && map->items[i]->kind != A2B_FMV_NULL) return true;
  return false;
}

static void mismatch(mapper *m, const char *key, const a2b_fmv *v, const char *expected) {
  a2b_report(m->diags, A2B_WARNING, m->path, v->line, v->col,
             "front matter key '%s' should be %s, not %s (ignored)", key, expected,
             a2b_fmv_kind_name(v->kind));
}

/* Scalars as written, lists joined with ", ", maps as "k: v; ...". */
static void flatten(const a2b_fmv *v, a2b_buf *b) {
  switch (v->kind) {
  case A2B_FMV_NULL: break;
  case A2B_FMV_LIST:
    for (size_t i = 0; i < v->n; i++) {
      if (i) a2b_buf_puts(b, ", ");
      flatten(v->items[i], b);
    }
    break;
  case A2B_FMV_MAP:
    for (size_t i = 0; i < v->n; i++) {
      if (i) a2b_buf_puts(b, "; ");
      a2b_buf_printf(b, "%s: ", v->keys[i]);
      flatten(v->items[i], b);
    }
    break;
  default: a2b_buf_puts(b, v->text); break;
  }
}

static void add_extra(mapper *m, const char *key, const a2b_fmv *v) {
  if (m->n_extra == m->cap_extra) {
    m->cap_extra = m->cap_extra ? 2 * m->cap_extra : 16;
    m->extra = a2b_xrealloc(m->extra, m->cap_extra * sizeof *m->extra);
  }
  a2b_buf b = A2B_BUF_INIT;
  flatten(v, &b);
  m->extra[m->n_extra++] =
      (a2b_meta){a2b_strdup(m->arena, key), a2b_strdup(m->arena, a2b_buf_cstr(&b))};
  a2b_buf_free(&b);
}

/* Text from a scalar; NULL (with a warning unless null) otherwise. */
static const char *text_of(mapper *m, const char *key, const a2b_fmv *v) {
  if (is_scalar(v)) return a2b_strdup(m->arena, v->text);
  if (v->kind != A2B_FMV_NULL) mismatch(m, key, v, "text");
  return NULL;
}

static void set_date(mapper *m, const char *key, const a2b_fmv *v, a2b_date *out) {
  if (v->kind == A2B_FMV_NULL) return;
  if (!is_scalar(v)) {
    mismatch(m, key, v, "a date");
  } else if (!a2b_date_parse(v->text, out)) {
    a2b_report(m->diags, A2B_WARNING, m->path, v->line, v->col,
               "front matter key '%s': '%s' is not a date (ignored)", key, v->text);
  }
}

static void set_bool(mapper *m, const char *key, const a2b_fmv *v, bool *out) {
  if (v->kind == A2B_FMV_BOOL)
    *out = !strcmp(v->text, "true");
  else if (v->kind != A2B_FMV_NULL)
    mismatch(m, key, v, "true or false");
}

/* A string, a list of strings, or (when `name_maps`) maps with a `name`. */
static void add_list(mapper *m, const char *key, const a2b_fmv *v, a2b_strlist *out,
                     bool name_maps) {
  if (v->kind == A2B_FMV_STRING) {
    if (*v->text) a2b_strlist_add(m->arena, out, v->text);
    return;
  }
  if (v->kind == A2B_FMV_NULL) return;
  if (name_maps && v->kind == A2B_FMV_MAP) {
    const a2b_fmv *name = a2b_fmv_get(v, "name");
    if (name && is_scalar(name))
      a2b_strlist_add(m->arena, out, name->text);
    else
      mismatch(m, key, v, "a name or a map with a 'name'");
    return;
  }
  if (v->kind != A2B_FMV_LIST) {
    mismatch(m, key, v, "text or a list");
    return;
  }
  for (size_t i = 0; i < v->n; i++) {
    const a2b_fmv *item = v->items[i];
    if (is_scalar(item) && *item->text)
      a2b_strlist_add(m->arena, out, item->text);
    else if (item->kind == A2B_FMV_MAP && name_maps)
      add_list(m, key, item, out, true);
    else if (item->kind != A2B_FMV_NULL && !is_scalar(item))
      mismatch(m, key, item, "a list of text");
  }
}

static void set_lang(mapper *m, const char *key, const a2b_fmv *v) {
  if (v->kind == A2B_FMV_LIST && v->n > 0) v = v->items[0];
  const char *s = text_of(m, key, v);
  if (s && *s) m->art->lang = s;
}

static void set_weight(mapper *m, const char *key, const a2b_fmv *v) {
  long w;
  if (a2b_fmv_int(v, &w)) {
    m->art->weight = w;
    m->art->has_weight = true;
  } else if (v->kind != A2B_FMV_NULL) {
    mismatch(m, key, v, "an integer");
  }
}

/* thumbnail: text, or a map with `image` or `src`. */
static void set_thumbnail(mapper *m, const char *key, const a2b_fmv *v) {
  const a2b_fmv *src = v;
  if (v->kind == A2B_FMV_MAP) {
    src = a2b_fmv_get(v, "image");
    if (!src) src = a2b_fmv_get(v, "src");
    if (!src || !is_scalar(src)) {
      mismatch(m, key, v, "text or a map with 'image' or 'src'");
      return;
    }
  }
  const char *s = text_of(m, key, src);
  if (s && *s) {
    m->art->thumbnail = s;
    m->art->thumbnail_line = src->line;
    m->have_thumbnail = true;
  }
}

/* Hugo's `images` (for social cards): its first text item is the thumbnail
 * when no other key names one. The key itself stays in art->extra. */
static void thumbnail_from_images(mapper *m) {
  for (size_t i = 0; i < m->root->n && !m->have_thumbnail; i++) {
    const a2b_fmv *v = m->root->items[i];
    if (strcasecmp(m->root->keys[i], "images") || v->kind != A2B_FMV_LIST || !v->n) continue;
    if (v->items[0]->kind == A2B_FMV_STRING && *v->items[0]->text) {
      m->art->thumbnail = a2b_strdup(m->arena, v->items[0]->text);
      m->art->thumbnail_line = v->items[0]->line;
      m->have_thumbnail = true;
    }
  }
}

static void map_key(mapper *m, const char *key, const a2b_fmv *v);

/* Zola's [taxonomies] and [extra] tables. */
static void map_table(mapper *m, const char *key, const a2b_fmv *v) {
  bool taxonomies = !strcasecmp(key, "taxonomies");
  for (size_t i = 0; i < v->n; i++) {
    const char *k = v->keys[i];
    if (taxonomies && !strcasecmp(k, "tags"))
      add_list(m, "taxonomies.tags", v->items[i], &m->art->tags, false);
    else if (taxonomies && !strcasecmp(k, "categories"))
      add_list(m, "taxonomies.categories", v->items[i], &m->art->categories, false);
    else
      add_extra(m, a2b_sprintf(m->arena, "%s.%s", key, k), v->items[i]);
  }
}

static bool key_is(const char *key, const char *const *names) {
  for (; *names; names++)
    if (!strcasecmp(key, *names)) return true;
  return false;
}

static void map_key(mapper *m, const char *key, const a2b_fmv *v) {
  static const char *const lastmod[] = {"lastmod", "updated", "dateModified", NULL};
  static const char *const thumbs[] = {"thumbnail", "image", "featured_image", "featuredImage",
                                         "cover", NULL};
  static const char *const sources[] = {"source", "link", "url", "source_url", NULL};
  static const char *const tags[] = {"tags", "topics", NULL};
  static const char *const authors[] = {"author", "authors", NULL};
  a2b_article *art = m->art;
  if (!strcasecmp(key, "title")) {
    const char *s = text_of(m, key, v);
    if (s) art->title = s;
  } else if (!strcasecmp(key, "date") ||
             (!strcasecmp(key, "dateCreated") && !has_key(m->root, "date"))) {
    set_date(m, key, v, &art->date);
  } else if (key_is(key, lastmod) && !m->have_lastmod) {
    set_date(m, key, v, &art->lastmod);
    m->have_lastmod = art->lastmod.set;
  } else if (key_is(key, authors)) {
    add_list(m, key, v, &art->authors, true);
  } else if (!strcasecmp(key, "summary") ||
             (!strcasecmp(key, "description") && !has_key(m->root, "summary"))) {
    const char *s = text_of(m, key, v);
    if (s) art->summary = s;
  } else if (key_is(key, tags)) {
    add_list(m, key, v, &art->tags, false);
  } else if (!strcasecmp(key, "categories")) {
    add_list(m, key, v, &art->categories, false);
  } else if (!strcasecmp(key, "lang")) {
    set_lang(m, key, v);
  } else if (!strcasecmp(key, "draft")) {
    bool draft = art->draft;
    set_bool(m, key, v, &draft);
    art->draft = art->draft || draft;
  } else if (!strcasecmp(key, "published")) {
    bool published = true;
    set_bool(m, key, v, &published);
    art->draft = art->draft || !published;
  } else if (!strcasecmp(key, "weight")) {
    set_weight(m, key, v);
  } else if (!strcasecmp(key, "slug")) {
    const char *s = text_of(m, key, v);
    if (s && *s) art->slug = s;
  } else if (key_is(key, thumbs) && !m->have_thumbnail) {
    set_thumbnail(m, key, v);
  } else if (key_is(key, sources) && !m->have_source) {
    const char *s = text_of(m, key, v);
    if (s && *s) {
      art->source_url = s;
      m->have_source = true;
    }
  } else if ((!strcasecmp(key, "extra") || !strcasecmp(key, "taxonomies")) &&
             v->kind == A2B_FMV_MAP) {
    map_table(m, key, v);
  } else {
    add_extra(m, key, v);
  }
}

static bool apply(a2b_arena *arena, a2b_article *art, const char *path, const a2b_fmv *root,
                  a2b_diags *diags) {
  if (root->kind == A2B_FMV_NULL) return true;
  if (root->kind != A2B_FMV_MAP) {
    a2b_report(diags, A2B_ERROR, path, root->line, root->col,
               "front matter should be 'key: value' lines, not %s", a2b_fmv_kind_name(root->kind));
    return false;
  }
  mapper m = {.arena = arena, .art = art, .path = path, .diags = diags, .root = root};
  for (size_t i = 0; i < root->n; i++)
    map_key(&m, root->keys[i], root->items[i]);
  thumbnail_from_images(&m);
  if (m.n_extra) {
    a2b_meta *all = a2b_alloc(arena, (art->n_extra + m.n_extra) * sizeof *all);
    if (art->n_extra) memcpy(all, art->extra, art->n_extra * sizeof *all);
    memcpy(all + art->n_extra, m.extra, m.n_extra * sizeof *all);
    art->extra = all;
    art->n_extra += m.n_extra;
  }
  free(m.extra);
  return true;
}

/* ---- finding the front matter ------------------------------------------ */

/* If [s, end) starts with a line holding only `mark` (3 chars; trailing
 * blanks allowed), the offset just past that line's end; else 0. */
static size_t mark_line(const char *s, const char *end, const char *mark) {
  if (end - s < 3 || memcmp(s, mark, 3)) return 0;
  const char *p = s + 3;
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  if (p < end && *p == '\r' && p + 1 < end && p[1] == '\n') p++;
  if (p < end && *p != '\n') return 0;
  return (size_t)(p - s) + (p < end);
}

bool a2b_frontmatter_parse(a2b_arena *arena, a2b_article *art, const char *path, const char *text,
                           size_t len, size_t *body_off, int *body_line, a2b_diags *diags) {
  *body_off = 0;
  *body_line = 1;
  const char *end = text + len, *p = text;
  if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) p += 3;
  bool yaml = true;
  size_t n = mark_line(p, end, "---");
  if (!n) {
    n = mark_line(p, end, "+++");
    yaml = false;
  }
  if (!n) return true;
  const char *fm = p + n, *close = NULL;
  int line = 2;
  for (const char *l = fm; l < end; line++) {
    size_t k = mark_line(l, end, yaml ? "---" : "+++");
    if (!k && yaml) k = mark_line(l, end, "...");
    if (k) {
      close = l;
      *body_off = (size_t)(l + k - text);
      *body_line = line + 1;
      break;
    }
    const char *nl = memchr(l, '\n', (size_t)(end - l));
    l = nl ? nl + 1 : end;
  }
  if (!close) {
    a2b_report(diags, A2B_ERROR, path, 1, 1,
               "front matter opened with '%s' is never closed (no '%s' line follows)",
               yaml ? "---" : "+++", yaml ? "---" : "+++");
    *body_off = 0;
    *body_line = 1;
    return false;
  }
  a2b_arena *tmp = a2b_arena_new();
  a2b_fmv *root = yaml ? a2b_yaml_read(tmp, fm, (size_t)(close - fm), 2, path, diags)
                       : a2b_toml_read(tmp, fm, (size_t)(close - fm), 2, path, diags);
  bool ok = root && apply(arena, art, path, root, diags);
  a2b_arena_free(tmp);
  return ok;
}
