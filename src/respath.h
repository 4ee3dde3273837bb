/* Resolving a resource reference written in an article (an image src, a
 * cover path) to a local file inside the content root, or classifying it.
 *
 * Local references: `?query` and `#fragment` are dropped, %XX sequences are
 * decoded and backslashes read as '/'. A relative reference resolves
 * against the article's folder (Hugo page bundles). A site-absolute one
 * ("/images/x.png"), after removing the base URL's path ("/kernel-portal"),
 * is looked up in order under: the content root, root/static, root/assets,
 * then the same three under the site root (the nearest ancestor of the
 * article folder, up to and including the content root, holding a static/,
 * assets/ or content/ folder or a config.toml, hugo.toml, hugo.yaml,
 * config.yaml, config.yml or zola.toml). The result is canonical (realpath)
 * and always inside the real content root. */
#ifndef A2B_RESPATH_H
#define A2B_RESPATH_H

typedef enum a2b_ref_kind {
  A2B_REF_LOCAL,   /* *path: canonical absolute path of a regular file inside the root */
  A2B_REF_MISSING, /* local, but no such file anywhere: *msg = "image 'x.png' not found" */
  A2B_REF_REMOTE,  /* http:, https: or //host/...: nothing to read */
  A2B_REF_DATA,    /* a data: URI: the caller decodes it */
  A2B_REF_REFUSED  /* *msg says why: it leaves the root (.., symlink, absolute path),
                      uses file: or another scheme, holds a NUL byte, is not a
                      regular file, is empty, or cannot be accessed */
} a2b_ref_kind;

/* Resolve `ref` (as written, e.g. "../img/a%20b.png?v=2") found in a file in
 * folder `article_dir`, for the content root `root` (both absolute or
 * relative to the working directory; the article folder must lie inside the
 * root). `base_url` is NULL or the site's base URL, e.g.
 * "https://openeuler.gitee.io/kernel-portal/". `what` names the reference in
 * messages ("image", "cover"; NULL means "image").
 *
 * Sets *path (A2B_REF_LOCAL only) and *msg (A2B_REF_MISSING and
 * A2B_REF_REFUSED only) to heap strings the caller frees; both are NULL
 * otherwise. Messages are lower-case, quote `ref` as written and carry no
 * file:line, e.g. "image path '../../etc/passwd' leaves the content root".
 * Never aborts on bad input; only the file system is consulted (read-only). */
a2b_ref_kind a2b_respath_resolve(const char *root, const char *article_dir, const char *ref,
                                 const char *base_url, const char *what, char **path, char **msg);

#endif
