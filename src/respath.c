#include "respath.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "buf.h"

/* Length of an RFC 3986 scheme before ':' at the start of s, or 0. */
static size_t scheme_len(const char *s) {
  if (!isalpha((unsigned char)s[0])) return 0;
  size_t n = 1;
  while (isalnum((unsigned char)s[n]) || s[n] == '+' || s[n] == '-' || s[n] == '.')
    n++;
  return s[n] == ':' ? n : 0;
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* The local part of ref: up to '?' or '#', %XX decoded, '\' as '/'.
 * Heap string; *nul is set when a NUL byte was decoded. */
static char *decode_local(const char *ref, bool *nul) {
  size_t n = strcspn(ref, "?#");
  char *out = a2b_xmalloc(n + 1), *o = out;
  *nul = false;
  for (size_t i = 0; i < n; i++) {
    char c = ref[i];
    if (c == '%' && i + 2 < n && hexval(ref[i + 1]) >= 0 && hexval(ref[i + 2]) >= 0) {
      c = (char)(hexval(ref[i + 1]) * 16 + hexval(ref[i + 2]));
      i += 2;
      if (c == '\0') *nul = true;
    }
    *o++ = c == '\\' ? '/' : c;
  }
  *o = '\0';
  return out;
}

/* Join base (a '/'-separated relative path, may be "") and p, resolving "."
 * and "..". NULL if ".." would climb above the base's root. Heap string. */
static char *normalise(const char *base, const char *p) {
  size_t cap = strlen(base) + strlen(p) + 2;
  char *in = a2b_xmalloc(cap), *out = a2b_xmalloc(cap);
  snprintf(in, cap, "%s/%s", base, p);
  size_t len = 0;
  for (char *seg = in, *next; seg; seg = next) {
    next = strchr(seg, '/');
    if (next) *next++ = '\0';
    if (!*seg || strcmp(seg, ".") == 0) continue;
    if (strcmp(seg, "..") == 0) {
      if (len == 0) {
        free(in);
        free(out);
        return NULL;
      }
      while (len > 0 && out[len - 1] != '/')
        len--;
      if (len > 0) len--; /* the separator */
      continue;
    }
    if (len) out[len++] = '/';
    memcpy(out + len, seg, strlen(seg));
    len += strlen(seg);
  }
  out[len] = '\0';
  free(in);
  return out;
}

/* True if canonical `path` is `root` or below it. */
static bool inside(const char *root, const char *path) {
  size_t n = strlen(root);
  if (n == 1 && root[0] == '/') return path[0] == '/';
  return strncmp(root, path, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

typedef enum { FOUND, ABSENT, NOT_FILE, LINK_OUT, NO_ACCESS } probe;

/* Look for root/dir/rel (dir may be ""). On FOUND *real is the heap path. */
static probe probe_file(const char *root, const char *dir, const char *rel, char **real, int *err) {
  a2b_buf b = A2B_BUF_INIT;
  a2b_buf_puts(&b, root);
  if (*dir) a2b_buf_printf(&b, "/%s", dir);
  if (*rel) a2b_buf_printf(&b, "/%s", rel);
  char *r = realpath(a2b_buf_cstr(&b), NULL);
  a2b_buf_free(&b);
  if (!r) {
    *err = errno;
    return errno == ENOENT || errno == ENOTDIR ? ABSENT : NO_ACCESS;
  }
  struct stat st;
  probe res = !inside(root, r)                            ? LINK_OUT
              : stat(r, &st) != 0 || !S_ISREG(st.st_mode) ? NOT_FILE
                                                          : FOUND;
  if (res == FOUND)
    *real = r;
  else
    free(r);
  return res;
}

static bool exists(const char *dir, const char *name, bool want_dir) {
  char path[4096];
  struct stat st;
  if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path) return false;
  return stat(path, &st) == 0 && (want_dir ? S_ISDIR(st.st_mode) : S_ISREG(st.st_mode));
}

/* The site root of canonical folder `dir` below canonical `root`, relative
 * to root ("" for root itself); NULL if none. Heap string. */
static char *site_root(const char *root, const char *dir) {
  static const char *const dirs[] = {"static", "assets", "content"};
  static const char *const files[] = {"config.toml", "hugo.toml",  "hugo.yaml",
                                      "config.yaml", "config.yml", "zola.toml"};
  char *d = a2b_xstrdup(dir);
  size_t root_len = strlen(root);
  for (;;) {
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++)
      if (exists(d, dirs[i], true)) goto found;
    for (size_t i = 0; i < sizeof files / sizeof *files; i++)
      if (exists(d, files[i], false)) goto found;
    if (strlen(d) <= root_len) break;
    *strrchr(d, '/') = '\0';
    if (strlen(d) < root_len) break; /* root is "/" */
  }
  free(d);
  return NULL;
found:;
  char *rel = a2b_xstrdup(d[root_len] == '/' ? d + root_len + 1 : d + root_len);
  free(d);
  return rel;
}

/* The path of a base URL without its trailing '/': "/kernel-portal" or "". */
static char *base_path(const char *base_url) {
  if (!base_url) return a2b_xstrdup("");
  const char *p = strstr(base_url, "//");
  p = p ? strchr(p + 2, '/') : base_url;
  if (!p) return a2b_xstrdup("");
  size_t n = strcspn(p, "?#");
  while (n > 0 && p[n - 1] == '/')
    n--;
  char *out = a2b_xmalloc(n + 1);
  memcpy(out, p, n);
  out[n] = '\0';
  return out;
}

typedef struct query {
  const char *ref, *what;
  char **path, **msg;
} query;

/* Turn a probe into the outcome; *done is false for ABSENT and NOT_FILE
 * when more candidates may follow. */
static a2b_ref_kind outcome(const query *q, probe p, char *real, int err, bool *done) {
  *done = true;
  switch (p) {
  case FOUND: *q->path = real; return A2B_REF_LOCAL;
  case LINK_OUT:
    *q->msg =
        a2b_xsprintf("%s path '%s' leads outside the content root through a symbolic link", q->what, q->ref);
    return A2B_REF_REFUSED;
  case NO_ACCESS:
    *q->msg = a2b_xsprintf("cannot access %s '%s': %s", q->what, q->ref, strerror(err));
    return A2B_REF_REFUSED;
  case NOT_FILE:
  case ABSENT: break;
  }
  *done = false;
  return A2B_REF_MISSING;
}

static a2b_ref_kind missing(const query *q) {
  *q->msg = a2b_xsprintf("%s '%s' not found", q->what, q->ref);
  return A2B_REF_MISSING;
}

static a2b_ref_kind resolve_relative(const query *q, const char *root, const char *rel_dir,
                                     const char *local) {
  char *rel = normalise(rel_dir, local);
  if (!rel) {
    *q->msg = a2b_xsprintf("%s path '%s' leaves the content root", q->what, q->ref);
    return A2B_REF_REFUSED;
  }
  char *real = NULL;
  int err = 0;
  bool done;
  probe p = probe_file(root, "", rel, &real, &err);
  free(rel);
  a2b_ref_kind k = outcome(q, p, real, err, &done);
  if (done) return k;
  if (p == NOT_FILE) {
    *q->msg = a2b_xsprintf("%s path '%s' is not a regular file", q->what, q->ref);
    return A2B_REF_REFUSED;
  }
  return missing(q);
}

/* A path written as an absolute file system path: accepted only inside root. */
static a2b_ref_kind resolve_fs_absolute(const query *q, const char *root, const char *local) {
  char *real = realpath(local, NULL);
  struct stat st;
  if (!real) return missing(q);
  if (inside(root, real) && stat(real, &st) == 0 && S_ISREG(st.st_mode)) {
    *q->path = real;
    return A2B_REF_LOCAL;
  }
  bool out = !inside(root, real);
  free(real);
  if (out) {
    *q->msg = a2b_xsprintf("%s path '%s' is an absolute path outside the content root", q->what, q->ref);
    return A2B_REF_REFUSED;
  }
  return missing(q);
}

static a2b_ref_kind resolve_site_absolute(const query *q, const char *root, const char *dir,
                                          const char *base_url, const char *local) {
  char *bp = base_path(base_url);
  size_t bn = strlen(bp);
  const char *p = local;
  if (bn && strncmp(p, bp, bn) == 0 && (p[bn] == '/' || p[bn] == '\0')) p += bn;
  free(bp);
  char *rel = normalise("", p);
  if (!rel) {
    *q->msg = a2b_xsprintf("%s path '%s' leaves the content root", q->what, q->ref);
    return A2B_REF_REFUSED;
  }
  char *site = site_root(root, dir);
  const char *bases[2] = {"", site && *site ? site : NULL};
  static const char *const subs[] = {"", "static", "assets"};
  a2b_ref_kind k = A2B_REF_MISSING;
  bool done = false;
  for (int b = 0; b < 2 && !done; b++) {
    for (int s = 0; s < 3 && bases[b] && !done; s++) {
      char sub[4096];
      snprintf(sub, sizeof sub, "%s%s%s", bases[b], *bases[b] && *subs[s] ? "/" : "", subs[s]);
      char *real = NULL;
      int err = 0;
      probe pr = probe_file(root, sub, rel, &real, &err);
      k = outcome(q, pr, real, err, &done);
    }
  }
  free(site);
  free(rel);
  return done ? k : resolve_fs_absolute(q, root, local);
}

static a2b_ref_kind classify_scheme(const query *q, size_t n) {
  char scheme[16] = {0};
  for (size_t i = 0; i < n && i < sizeof scheme - 1; i++)
    scheme[i] = (char)tolower((unsigned char)q->ref[i]);
  if (n == 1 && (q->ref[2] == '\\' || q->ref[2] == '/')) { /* C:\x, a Windows drive */
    *q->msg = a2b_xsprintf("%s path '%s' is an absolute path outside the content root", q->what, q->ref);
    return A2B_REF_REFUSED;
  }
  if (n < sizeof scheme && (strcmp(scheme, "http") == 0 || strcmp(scheme, "https") == 0))
    return A2B_REF_REMOTE;
  if (n < sizeof scheme && strcmp(scheme, "data") == 0) return A2B_REF_DATA;
  if (n < sizeof scheme && strcmp(scheme, "file") == 0)
    *q->msg = a2b_xsprintf("%s '%s' is a file: URL (refused: write a path inside the content root)", q->what,
                  q->ref);
  else
    *q->msg = a2b_xsprintf("%s '%s' has unsupported scheme '%.*s'", q->what, q->ref, (int)n, q->ref);
  return A2B_REF_REFUSED;
}

a2b_ref_kind a2b_respath_resolve(const char *root, const char *article_dir, const char *ref,
                                 const char *base_url, const char *what, char **path, char **msg) {
  query q = {ref, what ? what : "image", path, msg};
  *path = *msg = NULL;
  if (!*ref) {
    *msg = a2b_xsprintf("empty %s path", q.what);
    return A2B_REF_REFUSED;
  }
  if ((ref[0] == '/' || ref[0] == '\\') && (ref[1] == '/' || ref[1] == '\\'))
    return A2B_REF_REMOTE; /* protocol-relative //host/x */
  size_t sn = scheme_len(ref);
  if (sn) return classify_scheme(&q, sn);

  bool nul;
  char *local = decode_local(ref, &nul);
  char *real_root = NULL, *real_dir = NULL;
  a2b_ref_kind k = A2B_REF_REFUSED;
  if (nul)
    *msg = a2b_xsprintf("%s path '%s' contains a NUL byte", q.what, ref);
  else if (!*local)
    *msg = a2b_xsprintf("%s path '%s' names no file", q.what, ref);
  else if (!(real_root = realpath(root, NULL)))
    *msg = a2b_xsprintf("content root '%s' is not accessible: %s", root, strerror(errno));
  else if (!(real_dir = realpath(article_dir, NULL)) || !inside(real_root, real_dir))
    *msg = a2b_xsprintf("folder '%s' of the %s reference '%s' is not inside the content root", article_dir,
               q.what, ref);
  else if (local[0] == '/')
    k = resolve_site_absolute(&q, real_root, real_dir, base_url, local);
  else {
    size_t n = strlen(real_root);
    const char *rel_dir = real_dir + n + (real_dir[n] == '/');
    if (n == 1) rel_dir = real_dir + 1; /* root is "/" */
    k = resolve_relative(&q, real_root, rel_dir, local);
  }
  free(local);
  free(real_root);
  free(real_dir);
  return k;
}
