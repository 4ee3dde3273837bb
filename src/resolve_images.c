#include <stdlib.h>
#include <string.h>

#include "arena.h"
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

/* Bind a remote image to its fetched bytes, or warn why there are none. */
static void bind_remote(image_pass *p, const a2b_article *art, a2b_node *n) {
  const char *src = n->u.image.src;
  if (!p->remote) {
    a2b_report(p->d, A2B_WARNING, art->path, n->line, n->col,
               "remote image '%s' is not fetched; its alt text is kept", src);
    return;
  }
  const a2b_fetch_item *it = a2b_remote_images_get(p->remote, src);
  if (!it || it->status == A2B_FETCH_FAILED) {
    a2b_report(p->d, A2B_WARNING, art->path, n->line, n->col, "cannot fetch image '%s': %s", src,
               it ? it->error : "not an absolute URL");
    return;
  }
  if (it->note)
    a2b_report(p->d, A2B_NOTE, art->path, n->line, n->col, "image '%s': %s", src, it->note);
  char *err = NULL;
  const a2b_resource *r = a2b_resources_add_bytes(p->res, it->url, it->data, it->size, &err);
  if (!r)
    a2b_report(p->d, A2B_WARNING, art->path, n->line, n->col, "image '%s': %s", src, err);
  else
    n->u.image.res = r;
  free(err);
}

static void bind_image(image_pass *p, const a2b_article *art, const char *dir, a2b_node *n) {
  const char *src = n->u.image.src;
  if (!src || !*src) {
    a2b_report(p->d, A2B_WARNING, art->path, n->line, n->col, "image without a source; its alt text is kept");
    return;
  }
  char *path = NULL, *msg = NULL;
  switch (a2b_respath_resolve(art->root, dir, src, p->base_url, "image", &path, &msg)) {
  case A2B_REF_LOCAL: {
    char *err = NULL;
    const a2b_resource *r = a2b_resources_add_file(p->res, path, &err);
    if (!r) {
      a2b_report(p->d, A2B_WARNING, art->path, n->line, n->col, "image '%s': %s", src, err);
      free(err);
    } else {
      n->u.image.res = r;
    }
    break;
  }
  case A2B_REF_REMOTE:
    bind_remote(p, art, n);
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
                 "data: URI image: %s; its alt text is kept", err ? err : "malformed");
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
    if (n->type == A2B_NODE_IMAGE) bind_image(p, art, dir, n);
    walk(p, art, dir, n->first_child);
  }
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

bool a2b_resolve_images(a2b_book *book, const a2b_options *opts, const char *cover_path,
                        const char *base_url, const a2b_fetch_opts *fetch, a2b_diags *d) {
  a2b_remote_images *remote = fetch ? a2b_remote_images_fetch(book, fetch, d) : NULL;
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
  }
  a2b_resources_free(p.res);
  a2b_remote_images_free(remote);
  return ok;
}
