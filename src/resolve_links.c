#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "resolve.h"
#include "scan.h"
#include "urlpath.h"

/* The key under which a page is found whatever form a link names it in:
 * absolute, normalised, without `.md`/`.markdown`/`.html`, without a
 * translation tag, without a trailing `/index` or `/_index` (page bundles and
 * pretty URLs name the folder). */
static void page_key(a2b_buf *out, const char *abs_path) {
  a2b_buf_reset(out);
  a2b_path_normalize(out, abs_path);
  static const char *const exts[] = {".md", ".markdown", ".html", ".htm"};
  for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
    size_t n = strlen(exts[i]);
    if (out->len > n && !strcasecmp(out->data + out->len - n, exts[i])) {
      const char *slash = strrchr(out->data, '/');
      char *tag = a2b_scan_lang_tag(slash ? slash + 1 : out->data);
      out->len -= n + (tag ? strlen(tag) + 1 : 0);
      out->data[out->len] = '\0';
      free(tag);
      break;
    }
  }
  static const char *const index_names[] = {"/index", "/_index"};
  for (size_t i = 0; i < 2; i++) {
    size_t n = strlen(index_names[i]);
    if (out->len > n && !strcmp(out->data + out->len - n, index_names[i])) {
      out->len -= n;
      out->data[out->len] = '\0';
    }
  }
}

typedef struct link_pass {
  a2b_book *book;
  a2b_strmap *const *id_maps;
  a2b_strmap *pages; /* page_key -> article */
  const char *base_path; /* path part of the site base URL, without trailing '/' */
  const char *base_url;
  a2b_diags *d;
  a2b_buf key, tmp;
} link_pass;

static a2b_article *find_page(link_pass *p, const char *dir, const char *rel) {
  a2b_buf_reset(&p->tmp);
  a2b_buf_printf(&p->tmp, "%s/%s", dir, rel);
  page_key(&p->key, a2b_buf_cstr(&p->tmp));
  return a2b_strmap_get(p->pages, a2b_buf_cstr(&p->key));
}

static bool has_scheme(const char *url, size_t *len) {
  size_t i = 0;
  if (!isalpha((unsigned char)url[0])) return false;
  while (isalnum((unsigned char)url[i]) || url[i] == '+' || url[i] == '-' || url[i] == '.') i++;
  if (url[i] != ':') return false;
  *len = i;
  return true;
}

static const char *map_fragment(link_pass *p, const a2b_article *target, const char *frag) {
  if (!frag || !*frag) return NULL;
  char *decoded = a2b_percent_decode(frag);
  const char *id = a2b_strmap_get(p->id_maps[target->index], decoded);
  free(decoded);
  return id;
}

static void resolve_link(link_pass *p, a2b_article *art, a2b_node *n) {
  const char *url = n->u.link.url;
  if (!url || !*url) return;
  size_t scheme_len;
  if (url[0] == '#') {
    n->u.link.target = art;
    n->u.link.fragment = map_fragment(p, art, url + 1);
    return;
  }
  if (url[0] == '/' && url[1] == '/') {
    n->u.link.url = a2b_sprintf(p->book->arena, "https:%s", url);
    return;
  }
  if (has_scheme(url, &scheme_len)) {
    static const char *const unsafe[] = {"javascript", "vbscript", "data", "file"};
    for (size_t i = 0; i < sizeof unsafe / sizeof *unsafe; i++)
      if (strlen(unsafe[i]) == scheme_len && !strncasecmp(url, unsafe[i], scheme_len)) {
        a2b_report(p->d, A2B_WARNING, art->path, n->line, n->col,
                   "%.*s: link removed; its text is kept", (int)scheme_len, url);
        n->u.link.url = NULL;
        return;
      }
    return; /* http, https, mailto, ...: external */
  }

  /* A local path: an article of the book, perhaps with a fragment. */
  size_t path_len = strcspn(url, "?#");
  const char *frag = url[path_len] == '#' ? url + path_len + 1 : NULL;
  char *raw = a2b_strndup(p->book->arena, url, path_len);
  char *path = a2b_percent_decode(raw);
  const char *rel = path;
  if (!strncmp(rel, "@/", 2)) rel += 1; /* Zola: relative to the content root */
  if (p->base_path && *rel == '/' && !strncmp(rel, p->base_path, strlen(p->base_path)) &&
      (rel[strlen(p->base_path)] == '/' || !rel[strlen(p->base_path)]))
    rel += strlen(p->base_path);

  a2b_article *target = NULL;
  if (*path == '\0') {
    target = art;
  } else if (*rel == '/' || rel != path) {
    target = find_page(p, art->root, rel);
    if (!target) {
      a2b_buf_reset(&p->tmp);
      a2b_buf_printf(&p->tmp, "%s/content", art->root);
      char *content_root = a2b_strdup(p->book->arena, a2b_buf_cstr(&p->tmp));
      target = find_page(p, content_root, rel);
    }
  } else {
    const char *slash = strrchr(art->rel_path, '/');
    a2b_buf_reset(&p->tmp);
    if (slash) a2b_buf_printf(&p->tmp, "%s/%.*s", art->root, (int)(slash - art->rel_path), art->rel_path);
    else a2b_buf_puts(&p->tmp, art->root);
    char *dir = a2b_strdup(p->book->arena, a2b_buf_cstr(&p->tmp));
    target = find_page(p, dir, rel);
    if (!target) target = find_page(p, art->root, rel);
  }
  if (target) {
    n->u.link.target = target;
    n->u.link.fragment = map_fragment(p, target, frag);
  } else if (*rel == '/' && p->base_url) {
    /* A page of the site that is not in the book: link to it online. */
    n->u.link.url = a2b_sprintf(p->book->arena, "%s%s", p->base_url, url + (rel - path) + 1);
  } else {
    /* Pages have no extension or a page one; anything else is a file. */
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    const char *ext = strrchr(base, '.');
    bool page = !ext || !strcasecmp(ext, ".md") || !strcasecmp(ext, ".markdown") ||
                !strcasecmp(ext, ".html") || !strcasecmp(ext, ".htm");
    a2b_report(p->d, A2B_WARNING, art->path, n->line, n->col,
               page ? "link to '%s' is not an article of this book; its text is kept"
                    : "link to the local file '%s' cannot be followed in a book; its text is kept",
               url);
    n->u.link.url = NULL;
  }
  free(path);
}

static void walk(link_pass *p, a2b_article *art, a2b_node *n) {
  for (; n; n = n->next) {
    if (n->type == A2B_NODE_LINK) resolve_link(p, art, n);
    walk(p, art, n->first_child);
  }
}

void a2b_resolve_links(a2b_book *book, a2b_strmap *const *id_maps, const char *base_url,
                       a2b_diags *d) {
  link_pass p = {book, id_maps, a2b_strmap_new(), NULL, NULL, d, A2B_BUF_INIT, A2B_BUF_INIT};
  if (base_url) {
    /* https://host/blog/ -> base path "/blog", origin URL "https://host/blog/" */
    const char *host = strstr(base_url, "://");
    const char *path = host ? strchr(host + 3, '/') : NULL;
    if (path) {
      size_t n = strlen(path);
      while (n > 0 && path[n - 1] == '/') n--;
      p.base_path = n ? a2b_strndup(book->arena, path, n) : NULL;
    }
    size_t n = strlen(base_url);
    p.base_url = base_url[n - 1] == '/' ? base_url : a2b_sprintf(book->arena, "%s/", base_url);
  }
  for (size_t i = 0; i < book->n_articles; i++) {
    a2b_article *art = book->articles[i];
    a2b_buf_reset(&p.tmp);
    a2b_buf_printf(&p.tmp, "%s/%s", art->root, art->rel_path);
    page_key(&p.key, a2b_buf_cstr(&p.tmp));
    if (!a2b_strmap_get(p.pages, a2b_buf_cstr(&p.key))) a2b_strmap_put(p.pages, a2b_buf_cstr(&p.key), art);
  }
  for (size_t i = 0; i < book->n_articles; i++)
    walk(&p, book->articles[i], book->articles[i]->body->first_child);
  a2b_strmap_free(p.pages);
  a2b_buf_free(&p.key);
  a2b_buf_free(&p.tmp);
}
