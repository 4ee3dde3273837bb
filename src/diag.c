#include "art2book/diag.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"

static const char *severity_name(a2b_severity s) {
  switch (s) {
  case A2B_ERROR: return "error";
  case A2B_WARNING: return "warning";
  default: return "note";
  }
}

static void push(a2b_diags *d, a2b_diag item) {
  if (d->n == d->cap) {
    d->cap = d->cap ? d->cap * 2 : 16;
    d->items = a2b_xrealloc(d->items, d->cap * sizeof *d->items);
  }
  d->items[d->n++] = item;
  if (item.severity == A2B_ERROR) d->n_errors++;
  if (item.severity == A2B_WARNING) d->n_warnings++;
  if (d->echo) a2b_diag_print(&item, d->echo);
}

void a2b_vreport(a2b_diags *d, a2b_severity severity, const char *path, int line,
               int col, const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  char *msg = a2b_xmalloc((size_t)n + 1);
  vsnprintf(msg, (size_t)n + 1, fmt, ap2);
  va_end(ap2);
  a2b_diag item = {severity, path ? a2b_xstrdup(path) : NULL, line, col, msg};
  push(d, item);
}

void a2b_report(a2b_diags *d, a2b_severity severity, const char *path, int line,
              int col, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  a2b_vreport(d, severity, path, line, col, fmt, ap);
  va_end(ap);
}

void a2b_diag_print(const a2b_diag *diag, FILE *out) {
  if (!diag->path)
    fputs("art2book", out);
  else if (diag->line > 0 && diag->col > 0)
    fprintf(out, "%s:%d:%d", diag->path, diag->line, diag->col);
  else if (diag->line > 0)
    fprintf(out, "%s:%d", diag->path, diag->line);
  else
    fputs(diag->path, out);
  fprintf(out, ": %s: %s\n", severity_name(diag->severity), diag->message);
}

void a2b_diags_merge(a2b_diags *to, a2b_diags *from) {
  for (size_t i = 0; i < from->n; i++) push(to, from->items[i]);
  free(from->items);
  from->items = NULL;
  from->n = from->cap = from->n_errors = from->n_warnings = 0;
}

void a2b_diags_clear(a2b_diags *d) {
  for (size_t i = 0; i < d->n; i++) {
    free(d->items[i].path);
    free(d->items[i].message);
  }
  free(d->items);
  d->items = NULL;
  d->n = d->cap = d->n_errors = d->n_warnings = 0;
}
