/* Work in a child process: the PDF back end lays out in forked children
 * while the parent paints, because cairo 1.16 and pango are not safe to
 * share between threads (cairo's FreeType face cache), and processes share
 * nothing after the fork.
 *
 * A child is a fork without exec: it starts with a copy of the parent's
 * memory (the book, the style, the typesetter and its caches) and sends its
 * results through a pipe (wire.h). It must only write to that pipe (and to
 * files it opens itself), never to the parent's streams, and ends with
 * _exit(), so no stdio buffer it inherited is flushed twice. */
#ifndef A2B_PDF_CHILD_H
#define A2B_PDF_CHILD_H

#include <stdbool.h>
#include <sys/types.h>

#include "art2book/diag.h"

typedef struct a2b_pdf_child {
  pid_t pid;
  int fd; /* read end of the pipe the child writes to */
} a2b_pdf_child;

/* Run `work(ctx, fd)` in a child whose output pipe is `fd`; the child exits
 * with status 0 when `work` returns true, else 1. Returns false after
 * reporting to `d` when no child could be started. */
bool a2b_pdf_child_start(a2b_pdf_child *c, bool (*work)(void *ctx, int fd), void *ctx,
                         a2b_diags *d);

/* Close the pipe and wait for the child; `kill` first when the parent no
 * longer wants its output. Returns true when it exited with status 0;
 * otherwise reports how it ended to `d` (unless it was killed here). */
bool a2b_pdf_child_finish(a2b_pdf_child *c, bool kill, a2b_diags *d);

#endif
