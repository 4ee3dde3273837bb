#include "scan.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "arena.h"

typedef struct strvec {
  char **items;
  size_t n, cap;
} strvec;

static void strvec_push(strvec *v, char *s) {
  if (v->n == v->cap) {
    v->cap = v->cap ? v->cap * 2 : 64;
    v->items = a2b_xrealloc(v->items, v->cap * sizeof *v->items);
  }
  v->items[v->n++] = s;
}

static void strvec_free(strvec *v) {
  for (size_t i = 0; i < v->n; i++) free(v->items[i]);
  free(v->items);
}

static int cmp_bytes(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_suffix(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool is_markdown(const char *name) {
  return has_suffix(name, ".md") || has_suffix(name, ".markdown");
}

/* Repository documents that sit among content files but are not articles. */
static bool is_repo_document(const char *name) {
  static const char *const names[] = {"README", "LICENSE", "LICENCE", "SOURCE", "CHANGELOG",
                                      "CONTRIBUTING", "CODE_OF_CONDUCT", "SECURITY", "AUTHORS"};
  size_t stem = strcspn(name, ".");
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (strlen(names[i]) == stem && strncmp(name, names[i], stem) == 0) return true;
  return false;
}

/* Why `name` (a file) is not an article, or NULL if it is one. */
static const char *skip_reason(const char *name) {
  if (name[0] == '.') return "hidden file";
  if (!is_markdown(name)) return "not a Markdown file";
  if (strncmp(name, "_index.", 7) == 0) return "section page";
  if (is_repo_document(name)) return "repository document, not an article";
  return NULL;
}

char *a2b_scan_lang_tag(const char *file_name) {
  /* stem.TAG.md: TAG is a 2-3 letter primary subtag, optionally followed by
   * -/_ and 2-8 alphanumerics (zh-cn, zh-Hant, pt_BR). */
  const char *ext = strrchr(file_name, '.');
  if (!ext || ext == file_name) return NULL;
  const char *dot = ext - 1;
  while (dot > file_name && *dot != '.') dot--;
  if (*dot != '.' || dot == file_name) return NULL;
  const char *tag = dot + 1;
  size_t len = (size_t)(ext - tag), i = 0;
  while (i < len && isalpha((unsigned char)tag[i])) i++;
  if (i < 2 || i > 3) return NULL;
  if (i < len) {
    if (tag[i] != '-' && tag[i] != '_') return NULL;
    size_t j = i + 1;
    while (j < len && isalnum((unsigned char)tag[j])) j++;
    if (j != len || j - i - 1 < 2 || j - i - 1 > 8) return NULL;
  }
  char *out = a2b_xmalloc(len + 1);
  for (size_t k = 0; k < len; k++)
    out[k] = tag[k] == '_' ? '-' : (char)tolower((unsigned char)tag[k]);
  out[len] = '\0';
  return out;
}

/* Collect the relative paths of candidate files below root/rel. */
static bool walk(const char *root, const char *rel, FILE *verbose, strvec *files,
                 a2b_diags *diags, const char *display_root) {
  char dir_path[PATH_MAX];
  snprintf(dir_path, sizeof dir_path, "%s%s%s", root, *rel ? "/" : "", rel);
  DIR *dir = opendir(dir_path);
  if (!dir) {
    a2b_report(diags, A2B_ERROR, dir_path, 0, 0, "cannot read folder: %s", strerror(errno));
    return false;
  }
  strvec names = {0};
  for (struct dirent *e; (e = readdir(dir));) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    strvec_push(&names, a2b_xstrdup(e->d_name));
  }
  closedir(dir);
  qsort(names.items, names.n, sizeof *names.items, cmp_bytes);

  bool ok = true;
  for (size_t i = 0; i < names.n; i++) {
    const char *name = names.items[i];
    char child_rel[PATH_MAX], child_path[PATH_MAX];
    if ((size_t)snprintf(child_rel, sizeof child_rel, "%s%s%s", rel, *rel ? "/" : "", name) >=
            sizeof child_rel ||
        (size_t)snprintf(child_path, sizeof child_path, "%s/%s", root, child_rel) >=
            sizeof child_path) {
      a2b_report(diags, A2B_WARNING, display_root, 0, 0, "skipped '%s/%s': path too long", rel, name);
      continue;
    }
    struct stat st;
    if (stat(child_path, &st) != 0) continue; /* dangling link: not content */
    if (S_ISDIR(st.st_mode)) {
      if (name[0] == '.') {
        if (verbose) fprintf(verbose, "art2book: skipped %s/%s/: hidden folder\n", display_root, child_rel);
        continue;
      }
      ok &= walk(root, child_rel, verbose, files, diags, display_root);
    } else if (S_ISREG(st.st_mode)) {
      const char *why = skip_reason(name);
      if (why) {
        if (verbose && is_markdown(name))
          fprintf(verbose, "art2book: skipped %s/%s: %s\n", display_root, child_rel, why);
        continue;
      }
      strvec_push(files, a2b_xstrdup(child_rel));
    }
  }
  strvec_free(&names);
  return ok;
}

typedef struct candidate {
  char *rel;  /* relative path (owned) */
  char *tag;  /* translation tag (owned) or NULL */
  size_t key; /* length of the group key: rel without `.TAG.md` / `.md` */
} candidate;

static int cmp_candidate(const void *pa, const void *pb) {
  const candidate *a = pa, *b = pb;
  size_t n = a->key < b->key ? a->key : b->key;
  int c = memcmp(a->rel, b->rel, n);
  if (c) return c;
  if (a->key != b->key) return a->key < b->key ? -1 : 1;
  return strcmp(a->rel, b->rel);
}

static bool tag_matches(const char *tag, const char *want, bool exact) {
  if (!tag || !want) return false;
  if (exact) return strcasecmp(tag, want) == 0;
  size_t a = strcspn(tag, "-"), b = strcspn(want, "-_");
  return a == b && strncasecmp(tag, want, a) == 0;
}

static int candidate_score(const candidate *c, const char *lang) {
  if (tag_matches(c->tag, lang, true)) return 3;
  if (tag_matches(c->tag, lang, false)) return 2;
  return c->tag ? 0 : 1;
}

static int cmp_entry(const void *a, const void *b) {
  return strcmp(((const a2b_scan_entry *)a)->rel_path, ((const a2b_scan_entry *)b)->rel_path);
}

static void add_entry(a2b_scan *out, const char *root, const char *display_root, candidate *c) {
  if (out->n == out->cap) {
    out->cap = out->cap ? out->cap * 2 : 64;
    out->items = a2b_xrealloc(out->items, out->cap * sizeof *out->items);
  }
  a2b_scan_entry *e = &out->items[out->n++];
  size_t plen = strlen(display_root) + strlen(c->rel) + 2;
  e->path = a2b_xmalloc(plen);
  snprintf(e->path, plen, "%s/%s", display_root, c->rel);
  e->root = a2b_xstrdup(root);
  e->rel_path = c->rel;
  e->lang = c->tag;
  c->rel = c->tag = NULL;
}

/* From the files of one input, keep one translation per page; append the
 * chosen ones to `out` in byte order of their relative paths. */
static void select_translations(strvec *files, const char *root, const char *display_root,
                                const char *lang, FILE *verbose, a2b_scan *out) {
  candidate *cs = a2b_xmalloc((files->n ? files->n : 1) * sizeof *cs);
  for (size_t i = 0; i < files->n; i++) {
    const char *rel = files->items[i];
    const char *slash = strrchr(rel, '/');
    cs[i].rel = files->items[i];
    cs[i].tag = a2b_scan_lang_tag(slash ? slash + 1 : rel);
    cs[i].key = strlen(rel) - strlen(strrchr(rel, '.')) - (cs[i].tag ? strlen(cs[i].tag) + 1 : 0);
    files->items[i] = NULL;
  }
  qsort(cs, files->n, sizeof *cs, cmp_candidate);
  size_t first_new = out->n;
  for (size_t i = 0, j; i < files->n; i = j) {
    size_t pick = i;
    for (j = i + 1; j < files->n && cs[j].key == cs[i].key &&
                    memcmp(cs[j].rel, cs[i].rel, cs[i].key) == 0; j++)
      if (candidate_score(&cs[j], lang) > candidate_score(&cs[pick], lang)) pick = j;
    for (size_t k = i; k < j; k++) {
      if (k == pick) {
        add_entry(out, root, display_root, &cs[k]);
        continue;
      }
      if (verbose)
        fprintf(verbose, "art2book: skipped %s/%s: another translation was chosen\n",
                display_root, cs[k].rel);
      free(cs[k].rel);
      free(cs[k].tag);
    }
  }
  free(cs);
  qsort(out->items + first_new, out->n - first_new, sizeof *out->items, cmp_entry);
  files->n = 0;
}

/* The input as the user wrote it, without trailing slashes ("." for "./"). */
static char *display_name(const char *input) {
  char *s = a2b_xstrdup(input);
  size_t n = strlen(s);
  while (n > 1 && s[n - 1] == '/') s[--n] = '\0';
  return s;
}

bool a2b_scan_inputs(const char *const *inputs, size_t n_inputs, const char *lang,
                     FILE *verbose, a2b_scan *out, a2b_diags *diags) {
  bool ok = true;
  for (size_t i = 0; i < n_inputs; i++) {
    struct stat st;
    if (stat(inputs[i], &st) != 0) {
      a2b_report(diags, A2B_ERROR, inputs[i], 0, 0, "cannot read input: %s", strerror(errno));
      ok = false;
      continue;
    }
    char *display = display_name(inputs[i]);
    strvec files = {0};
    char *root = NULL;
    if (S_ISDIR(st.st_mode)) {
      root = realpath(inputs[i], NULL);
      if (root) ok &= walk(root, "", verbose, &files, diags, display);
      select_translations(&files, root ? root : "", display, lang, verbose, out);
    } else {
      /* A file argument: its folder is the content root. */
      char *abs = realpath(inputs[i], NULL);
      const char *slash = abs ? strrchr(abs, '/') : NULL;
      if (abs && slash) {
        root = a2b_xstrdup(abs);
        root[slash - abs > 0 ? slash - abs : 1] = '\0';
        strvec_push(&files, a2b_xstrdup(slash + 1));
        /* The display path is the input itself: strip its file name so that
         * add_entry's "display/rel" gives it back. */
        char *cut = strrchr(display, '/');
        if (cut) *cut = '\0';
        else strcpy(display, ".");
        candidate c = {files.items[0], a2b_scan_lang_tag(slash + 1), 0};
        add_entry(out, root, display, &c);
        if (!strcmp(display, ".")) {
          a2b_scan_entry *e = &out->items[out->n - 1];
          free(e->path);
          e->path = a2b_xstrdup(inputs[i]);
        }
        files.n = 0;
      }
      free(abs);
    }
    if (!root) {
      a2b_report(diags, A2B_ERROR, inputs[i], 0, 0, "cannot resolve input path: %s", strerror(errno));
      ok = false;
    }
    free(root);
    strvec_free(&files);
    free(display);
  }
  return ok;
}

void a2b_scan_free(a2b_scan *scan) {
  for (size_t i = 0; i < scan->n; i++) {
    free(scan->items[i].path);
    free(scan->items[i].root);
    free(scan->items[i].rel_path);
    free(scan->items[i].lang);
  }
  free(scan->items);
  scan->items = NULL;
  scan->n = scan->cap = 0;
}
