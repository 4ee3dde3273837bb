/* Byte streams between the PDF back end's processes (pdf.c forks the layout
 * work; see child.h): a buffered writer and reader over a pipe.
 *
 * Both ends are the same program on the same machine, so values travel in
 * native byte order. Strings carry their length; NULL travels as a distinct
 * value. A writer stops writing after the first failure (the reader has
 * gone); a reader that meets the end of the stream or a read error returns
 * zeros and empty strings from then on and reports it through
 * a2b_wire_in_ok(), so that decoding code can read a whole record and check
 * once. */
#ifndef A2B_PDF_WIRE_H
#define A2B_PDF_WIRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "art2book/diag.h"

#define A2B_WIRE_BUF 65536

typedef struct a2b_wire_out {
  int fd;
  bool failed;
  size_t len;
  unsigned char buf[A2B_WIRE_BUF];
} a2b_wire_out;

typedef struct a2b_wire_in {
  int fd;
  bool failed; /* end of stream or read error met */
  size_t pos, len;
  unsigned char buf[A2B_WIRE_BUF];
} a2b_wire_in;

void a2b_wire_out_init(a2b_wire_out *w, int fd);
void a2b_wire_put(a2b_wire_out *w, const void *p, size_t n);
void a2b_wire_u32(a2b_wire_out *w, uint32_t v);
void a2b_wire_f64(a2b_wire_out *w, double v);
void a2b_wire_ptr(a2b_wire_out *w, const void *p); /* only for memory both sides
                                                      share from before the fork */
void a2b_wire_str(a2b_wire_out *w, const char *s); /* NULL allowed */
/* Write what is buffered. Returns false when any write so far failed. */
bool a2b_wire_flush(a2b_wire_out *w);

void a2b_wire_in_init(a2b_wire_in *r, int fd);
/* Fill p with n bytes; zeros once the stream failed. */
void a2b_wire_get(a2b_wire_in *r, void *p, size_t n);
uint32_t a2b_wire_get_u32(a2b_wire_in *r);
double a2b_wire_get_f64(a2b_wire_in *r);
const void *a2b_wire_get_ptr(a2b_wire_in *r);
/* A string written by a2b_wire_str, NUL-terminated in `arena` (NULL if NULL
 * was written; "" once the stream failed). */
char *a2b_wire_get_str(a2b_wire_in *r, a2b_arena *arena);
bool a2b_wire_in_ok(const a2b_wire_in *r);

/* Diagnostics across the pipe: every one of `d` in order; the reader
 * reports them to `to` as if they had been reported there. */
void a2b_wire_diags(a2b_wire_out *w, const a2b_diags *d);
void a2b_wire_get_diags(a2b_wire_in *r, a2b_diags *to);

#endif
