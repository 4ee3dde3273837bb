#include "pdf/wire.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#define NULL_LEN UINT32_MAX

void a2b_wire_out_init(a2b_wire_out *w, int fd) {
  w->fd = fd;
  w->failed = false;
  w->len = 0;
}

static void drain(a2b_wire_out *w) {
  size_t done = 0;
  while (!w->failed && done < w->len) {
    ssize_t k = write(w->fd, w->buf + done, w->len - done);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0)
      w->failed = true;
    else
      done += (size_t)k;
  }
  w->len = 0;
}

void a2b_wire_put(a2b_wire_out *w, const void *p, size_t n) {
  const unsigned char *s = p;
  while (n) {
    if (w->len == sizeof w->buf) drain(w);
    size_t k = sizeof w->buf - w->len;
    if (k > n) k = n;
    memcpy(w->buf + w->len, s, k);
    w->len += k, s += k, n -= k;
  }
}

void a2b_wire_u32(a2b_wire_out *w, uint32_t v) { a2b_wire_put(w, &v, sizeof v); }
void a2b_wire_f64(a2b_wire_out *w, double v) { a2b_wire_put(w, &v, sizeof v); }
void a2b_wire_ptr(a2b_wire_out *w, const void *p) { a2b_wire_put(w, &p, sizeof p); }

void a2b_wire_str(a2b_wire_out *w, const char *s) {
  if (!s) {
    a2b_wire_u32(w, NULL_LEN);
    return;
  }
  size_t n = strlen(s);
  a2b_wire_u32(w, (uint32_t)n);
  a2b_wire_put(w, s, n);
}

bool a2b_wire_flush(a2b_wire_out *w) {
  drain(w);
  return !w->failed;
}

void a2b_wire_in_init(a2b_wire_in *r, int fd) {
  r->fd = fd;
  r->failed = false;
  r->pos = r->len = 0;
}

static bool refill(a2b_wire_in *r) {
  if (r->failed) return false;
  for (;;) {
    ssize_t k = read(r->fd, r->buf, sizeof r->buf);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) {
      r->failed = true;
      return false;
    }
    r->pos = 0;
    r->len = (size_t)k;
    return true;
  }
}

void a2b_wire_get(a2b_wire_in *r, void *p, size_t n) {
  unsigned char *d = p;
  while (n) {
    if (r->pos == r->len && !refill(r)) {
      memset(d, 0, n);
      return;
    }
    size_t k = r->len - r->pos;
    if (k > n) k = n;
    memcpy(d, r->buf + r->pos, k);
    r->pos += k, d += k, n -= k;
  }
}

uint32_t a2b_wire_get_u32(a2b_wire_in *r) {
  uint32_t v;
  a2b_wire_get(r, &v, sizeof v);
  return v;
}

double a2b_wire_get_f64(a2b_wire_in *r) {
  double v;
  a2b_wire_get(r, &v, sizeof v);
  return v;
}

const void *a2b_wire_get_ptr(a2b_wire_in *r) {
  const void *p;
  a2b_wire_get(r, &p, sizeof p);
  return p;
}

char *a2b_wire_get_str(a2b_wire_in *r, a2b_arena *arena) {
  uint32_t n = a2b_wire_get_u32(r);
  if (n == NULL_LEN) return NULL;
  if (r->failed) return a2b_strndup(arena, "", 0);
  char *s = a2b_alloc(arena, (size_t)n + 1);
  a2b_wire_get(r, s, n);
  s[n] = '\0';
  return s;
}

bool a2b_wire_in_ok(const a2b_wire_in *r) { return !r->failed; }

void a2b_wire_diags(a2b_wire_out *w, const a2b_diags *d) {
  a2b_wire_u32(w, (uint32_t)d->n);
  for (size_t i = 0; i < d->n; i++) {
    const a2b_diag *g = &d->items[i];
    a2b_wire_u32(w, (uint32_t)g->severity);
    a2b_wire_str(w, g->path);
    a2b_wire_u32(w, (uint32_t)g->line);
    a2b_wire_u32(w, (uint32_t)g->col);
    a2b_wire_str(w, g->message);
  }
}

void a2b_wire_get_diags(a2b_wire_in *r, a2b_diags *to) {
  a2b_arena *a = a2b_arena_new();
  uint32_t n = a2b_wire_get_u32(r);
  for (uint32_t i = 0; i < n && a2b_wire_in_ok(r); i++) {
    a2b_severity sev = (a2b_severity)a2b_wire_get_u32(r);
    const char *path = a2b_wire_get_str(r, a);
    int line = (int)a2b_wire_get_u32(r), col = (int)a2b_wire_get_u32(r);
    const char *msg = a2b_wire_get_str(r, a);
    if (a2b_wire_in_ok(r)) a2b_report(to, sev, path, line, col, "%s", msg);
  }
  a2b_arena_free(a);
}
