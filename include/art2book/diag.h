/* Diagnostics in compiler style: `path:line:col: error: message`.
 *
 * A collector keeps every diagnostic in report order and counts them; it can
 * also echo each one to a stream as it is reported. It is not thread-safe:
 * give each concurrent worker its own collector and merge them in order. */
#ifndef ART2BOOK_DIAG_H
#define ART2BOOK_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

typedef enum a2b_severity { A2B_NOTE, A2B_WARNING, A2B_ERROR } a2b_severity;

typedef struct a2b_diag {
  a2b_severity severity;
  char *path; /* NULL: not tied to a file (printed as "art2book:") */
  int line;   /* 0: no line */
  int col;    /* 0: no column */
  char *message;
} a2b_diag;

typedef struct a2b_diags {
  a2b_diag *items;
  size_t n, cap;
  size_t n_errors, n_warnings;
  FILE *echo; /* NULL: keep silently; else print each one when reported */
} a2b_diags;

/* Record one diagnostic (printf-style message, no trailing newline). */
void a2b_report(a2b_diags *d, a2b_severity severity, const char *path, int line,
                int col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void a2b_vreport(a2b_diags *d, a2b_severity severity, const char *path, int line,
               int col, const char *fmt, va_list ap);

/* Print one diagnostic as `path:line:col: severity: message\n`. */
void a2b_diag_print(const a2b_diag *diag, FILE *out);

/* Append all of `from` to `to` (echoing them if `to` echoes); empties `from`. */
void a2b_diags_merge(a2b_diags *to, a2b_diags *from);

/* Free every diagnostic; the collector is left empty and reusable. */
void a2b_diags_clear(a2b_diags *d);

#endif
