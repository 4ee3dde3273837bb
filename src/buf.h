/* A growable byte buffer (heap, not arena). Always NUL-terminated.
 * Growth never fails: out of memory aborts. Free with a2b_buf_free(). */
#ifndef A2B_BUF_H
#define A2B_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct a2b_buf {
  char *data; /* NULL until the first append; a2b_buf_cstr() never is */
  size_t len, cap;
} a2b_buf;

#define A2B_BUF_INIT {NULL, 0, 0}

void a2b_buf_append(a2b_buf *b, const void *p, size_t n);
void a2b_buf_puts(a2b_buf *b, const char *s);
void a2b_buf_putc(a2b_buf *b, char c);
void a2b_buf_printf(a2b_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append `s` escaped for XML text and attribute values (&, <, >, ", '),
 * dropping characters XML 1.0 forbids (C0 controls but tab/LF/CR). */
void a2b_buf_put_xml(a2b_buf *b, const char *s);
void a2b_buf_put_xmln(a2b_buf *b, const char *s, size_t n);
const char *a2b_buf_cstr(const a2b_buf *b);
/* Hand the storage to the caller (free() it); the buffer is left empty. */
char *a2b_buf_take(a2b_buf *b);
void a2b_buf_reset(a2b_buf *b);
void a2b_buf_free(a2b_buf *b);

#endif
