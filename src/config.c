#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "arena.h"

typedef struct field {
  const char *key;
  size_t offset; /* of a `const char *` in a2b_config */
} field;

#define FIELD(k, m) {k, offsetof(a2b_config, m)}
static const field string_fields[] = {
    FIELD("title", title),           FIELD("subtitle", subtitle),
    FIELD("lang", lang),             FIELD("language", lang),
    FIELD("identifier", identifier), FIELD("description", description),
    FIELD("publisher", publisher),   FIELD("rights", rights),
    FIELD("date", date),             FIELD("cover", cover),
    FIELD("base_url", base_url),     FIELD("baseURL", base_url),
    FIELD("baseurl", base_url),
};

static bool is_file(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *a2b_config_find(const char *first_input) {
  struct stat st;
  if (stat(first_input, &st) != 0) return NULL;
  char *dir = a2b_xstrdup(first_input);
  if (!S_ISDIR(st.st_mode)) {
    char *slash = strrchr(dir, '/');
    if (slash) *slash = '\0';
    else strcpy(dir, ".");
  }
  static const char *const names[] = {"book.yaml", "book.yml"};
  for (size_t i = 0; i < 2; i++) {
    size_t n = strlen(dir) + strlen(names[i]) + 2;
    char *p = a2b_xmalloc(n);
    snprintf(p, n, "%s/%s", dir, names[i]);
    if (is_file(p)) {
      free(dir);
      return p;
    }
    free(p);
  }
  free(dir);
  return NULL;
}

static void report_at(a2b_diags *d, a2b_severity sev, const char *path, yaml_mark_t m,
                      const char *msg, const char *key) {
  a2b_report(d, sev, path, (int)m.line + 1, (int)m.column + 1, msg, key);
}

/* Value node of `key`: a scalar into *slot, or (authors) scalars of a list. */
static void read_value(a2b_arena *arena, yaml_document_t *doc, const char *path, const char *key,
                       yaml_node_t *v, a2b_config *cfg, a2b_diags *d) {
  if (!strcmp(key, "author") || !strcmp(key, "authors")) {
    if (v->type == YAML_SCALAR_NODE) {
      a2b_strlist_add(arena, &cfg->authors, (const char *)v->data.scalar.value);
      return;
    }
    if (v->type == YAML_SEQUENCE_NODE) {
      for (yaml_node_item_t *it = v->data.sequence.items.start; it < v->data.sequence.items.top;
           it++) {
        yaml_node_t *item = yaml_document_get_node(doc, *it);
        if (item && item->type == YAML_SCALAR_NODE)
          a2b_strlist_add(arena, &cfg->authors, (const char *)item->data.scalar.value);
        else
          report_at(d, A2B_WARNING, path, item ? item->start_mark : v->start_mark,
                    "'%s' items must be names (text)", key);
      }
      return;
    }
    report_at(d, A2B_WARNING, path, v->start_mark, "'%s' must be a name or a list of names", key);
    return;
  }
  for (size_t i = 0; i < sizeof string_fields / sizeof *string_fields; i++) {
    if (strcmp(key, string_fields[i].key)) continue;
    if (v->type != YAML_SCALAR_NODE) {
      report_at(d, A2B_WARNING, path, v->start_mark, "'%s' must be text; ignored", key);
      return;
    }
    const char **slot = (const char **)((char *)cfg + string_fields[i].offset);
    const char *s = (const char *)v->data.scalar.value;
    *slot = *s ? a2b_strdup(arena, s) : NULL;
    return;
  }
  report_at(d, A2B_WARNING, path, v->start_mark, "unknown key '%s' in book configuration", key);
}

bool a2b_config_read(a2b_arena *arena, const char *path, a2b_config *cfg, a2b_diags *diags) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    a2b_report(diags, A2B_ERROR, path, 0, 0, "cannot read book configuration: %s", strerror(errno));
    return false;
  }
  cfg->path = a2b_strdup(arena, path);
  const char *slash = strrchr(path, '/');
  cfg->dir = slash ? a2b_strndup(arena, path, (size_t)(slash - path)) : ".";
  if (slash == path) cfg->dir = "/";

  yaml_parser_t parser;
  yaml_document_t doc;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_file(&parser, f);
  bool ok = yaml_parser_load(&parser, &doc);
  if (!ok) {
    a2b_report(diags, A2B_ERROR, path, (int)parser.problem_mark.line + 1,
               (int)parser.problem_mark.column + 1, "malformed YAML: %s",
               parser.problem ? parser.problem : "syntax error");
  } else {
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    if (root && root->type == YAML_MAPPING_NODE) {
      for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
           p++) {
        yaml_node_t *k = yaml_document_get_node(&doc, p->key);
        yaml_node_t *v = yaml_document_get_node(&doc, p->value);
        if (!k || !v || k->type != YAML_SCALAR_NODE) continue;
        read_value(arena, &doc, path, (const char *)k->data.scalar.value, v, cfg, diags);
      }
    } else if (root) {
      a2b_report(diags, A2B_ERROR, path, (int)root->start_mark.line + 1,
                 (int)root->start_mark.column + 1, "book configuration must be a mapping of keys");
      ok = false;
    }
    yaml_document_delete(&doc);
  }
  yaml_parser_delete(&parser);
  fclose(f);
  return ok;
}
