#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "pdf.h"
#include "remote_images.h"
#include "resolve.h"
#include "resources.h"
#include "respath.h"
#include "urlpath.h"

typedef struct image_pass {
  a2b_book *book;
  a2b_resources *res;
  const char *base_url;
  const a2b_remote_images *remote; /* NULL: remote images are not fetched */
  a2b_diags *d;
} image_pass;

/* Bind a remote image to its fetched bytes, or warn why there are none.
 * `what` names it in messages ("image", "lead image"). */
static void bind_remote(image_pass *p, const a2b_article *art, a2b_node *n, const char *what) {
  const char *src = n->u.image.src;
  if (!p->remote) {
    a2b_report(p->d, A2B_WARNING, art->path, n->line, n->col,
               "remote %s '%s' is not fetched; its alt text is kept", what, src);
    return;
  }
  const a2b_fetch_item *it = a2b_remote_images_get(p->remote, src);
  if (!it || it->status == A2B_FETCH_FAILED) {
    a2b_report(p->d, A2B_WARNING, art->path, n->line, n->col, "cannot fetch %s '%s': %s", what,
               src, it ? it->error : "not an absolute URL");
    return;
  }
  if (it->note)
    a2b_report(p->d, A2B_NOTE, art->path, n->line, n->col, "%s '%s': %s", what, src, it->note);
  char *err = NULL;
  const a2b_resource *r = a2b_resources_add_bytes(p->res, it->url, it->data, it->size, &err);
  if (!r)
    a2b_report(p->d, A2B_WARNING, art->path, n->line, n->col, "%s '%s': %s", what, src, err);
  else
    n->u.image.res = r;
  free(err);
}

static void bind_image(image_pass *p, const a2b_article *art, const char *dir, a2b_node *n,
                       const char *what) {
  const char *src = n->u.image.src;
  if (!src || !*src) {
    a2b_report(p->d, A2B_WARNING, art->path, n->line, n->col, "image without a source; its alt text is kept");
    return;
  }
  char *path = NULL, *msg = NULL;
  switch (a2b_respath_resolve(art->root, dir, src, p->base_url, what, &path, &msg)) {
  case A2B_REF_LOCAL: {
    char *err = NULL;
    const a2b_resource *r = a2b_resources_add_file(p->res, path, &err);
    if (!r) {
      a2b_report(p->d, A2B_WARNING, art->path, n->line, n->col, "%s '%s': %s", what, src, err);
      free(err);
    } else {
      n->u.image.res = r;
    }
    break;
  }
  case A2B_REF_REMOTE:
    bind_remote(p, art, n, what);
    break;
  case A2B_REF_DATA: {
    size_t size;
    unsigned char *bytes = a2b_data_uri_decode(src, &size);
    char *err = NULL;
    const a2b_resource *r =
        bytes ? a2b_resources_add_bytes(p->res, NULL, bytes, size, &err) : NULL;
    free(bytes);
    if (!r)
      a2b_report(p->d, A2B_WARNING, art->path, n->line, n->col,
                 "data: URI %s: %s; its alt text is kept", what, err ? err : "malformed");
    else
      n->u.image.res = r;
    free(err);
    break;
  }
  case A2B_REF_MISSING:
  case A2B_REF_REFUSED:
    a2b_report(p->d, A2B_WARNING, art->path, n->line, n->col, "%s", msg);
    break;
  }
  free(path);
  free(msg);
}

static void walk(image_pass *p, const a2b_article *art, const char *dir, a2b_node *n) {
  for (; n; n = n->next) {
    if (n->type == A2B_NODE_IMAGE) bind_image(p, art, dir, n, "image");
    walk(p, art, dir, n->first_child);
  }
}

/* The first image node under `n` (and its siblings) written as `src` or
 * bound to `res` (when not NULL), or NULL. */
static const a2b_node *find_image(const a2b_node *n, const char *src, const a2b_resource *res) {
  for (; n; n = n->next) {
    if (n->type == A2B_NODE_IMAGE &&
        ((src && n->u.image.src && !strcmp(n->u.image.src, src)) || (res && n->u.image.res == res)))
      return n;
    const a2b_node *found = find_image(n->first_child, src, res);
    if (found) return found;
  }
  return NULL;
}

/* The article's thumbnail as its lead image: bound like a body image (its
 * problems reported at the front matter line) and, unless the body already
 * shows the same resource, put at the top of the body in a figure. */
static void add_lead_image(image_pass *p, a2b_article *art, const char *dir) {
  const a2b_node *shown = find_image(art->body->first_child, art->thumbnail, NULL);
  if (shown) { /* written the same way in the body: bound (or reported) there */
    art->lead_image = shown->u.image.res;
    return;
  }
  a2b_node *img = a2b_node_new(p->book->arena, A2B_NODE_IMAGE, art->thumbnail_line, 0);
  img->u.image.src = art->thumbnail;
  bind_image(p, art, dir, img, "lead image");
  art->lead_image = img->u.image.res;
  if (!img->u.image.res || find_image(art->body->first_child, NULL, img->u.image.res)) return;
  a2b_node *fig = a2b_node_new(p->book->arena, A2B_NODE_FIGURE, art->thumbnail_line, 0);
  fig->classes = "lead-image";
  a2b_node_append(fig, img);
  if (art->body->first_child)
    a2b_node_insert_before(art->body->first_child, fig);
  else
    a2b_node_append(art->body, fig);
}

static bool add_cover(image_pass *p, const char *cover_path) {
  char *abs = realpath(cover_path, NULL);
  char *err = NULL;
  const a2b_resource *r = abs ? a2b_resources_add_file(p->res, abs, &err) : NULL;
  free(abs);
  if (!r) {
    a2b_report(p->d, A2B_ERROR, cover_path, 0, 0, "cover image: %s", err ? err : "file not found");
    free(err);
    return false;
  }
  if (!strcmp(r->media_type, "image/svg+xml")) {
    a2b_report(p->d, A2B_ERROR, cover_path, 0, 0, "cover image must be PNG, JPEG or GIF, not %s",
               r->media_type);
    return false;
  }
  p->book->cover = r;
  return true;
}

/* The cover art2book draws (in the PDF module) as the EPUB's cover image.
 * Failures were reported there; the book then has no cover image. */
static void add_drawn_cover(image_pass *p, const a2b_options *opts) {
  unsigned char *bytes;
  size_t size;
  if (!a2b_pdf_module_cover(p->book, opts, &bytes, &size, p->d)) return;
  char *err = NULL;
  const a2b_resource *r = a2b_resources_add_bytes(p->res, NULL, bytes, size, &err);
  if (r)
    p->book->cover = r;
  else
    a2b_report(p->d, A2B_WARNING, NULL, 0, 0, "drawn cover: %s; the book has no cover", err);
  free(err);
  free(bytes);
}

bool a2b_resolve_images(a2b_book *book, const a2b_options *opts, const char *cover_path,
                        const char *base_url, const a2b_fetch_opts *fetch, a2b_diags *d) {
  bool leads = !opts->no_lead_images;
  a2b_remote_images *remote = fetch ? a2b_remote_images_fetch(book, leads, fetch, d) : NULL;
  image_pass p = {book, a2b_resources_new(book), base_url, remote, d};
  a2b_image_policy policy = {opts->max_image_width, opts->grayscale};
  a2b_resources_set_policy(p.res, &policy);
  bool ok = true;
  if (cover_path) ok = add_cover(&p, cover_path);
  for (size_t i = 0; i < book->n_articles; i++) {
    a2b_article *art = book->articles[i];
    const char *slash = strrchr(art->rel_path, '/');
    const char *dir = slash ? a2b_sprintf(book->arena, "%s/%.*s", art->root,
                                          (int)(slash - art->rel_path), art->rel_path)
                            : art->root;
    walk(&p, art, dir, art->body->first_child);
    if (leads && art->thumbnail) add_lead_image(&p, art, dir);
  }
  book->draw_cover = !cover_path && !opts->no_cover;
  if (book->draw_cover && opts->epub_path) add_drawn_cover(&p, opts);
  a2b_resources_free(p.res);
  a2b_remote_images_free(remote);
  return ok;
}
