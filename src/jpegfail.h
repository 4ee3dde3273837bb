/* libjpeg errors as a return instead of exit(): a2b_jpeg_failure_init puts
 * an error manager on a (de)compressor whose errors longjmp to f->jump with
 * the message in f->message; the caller setjmp()s there around its libjpeg
 * calls. Shared by the JPEG decoder (imgdec_jpeg.c) and encoder
 * (imgencode.c). */
#ifndef A2B_JPEGFAIL_H
#define A2B_JPEGFAIL_H

#include <setjmp.h>
#include <stdio.h> /* before jpeglib.h, which needs FILE */

#include <jpeglib.h>

typedef struct a2b_jpeg_failure {
  struct jpeg_error_mgr mgr;
  jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
} a2b_jpeg_failure;

/* Zero `f` and return its error manager (for ci.err); warnings go to
 * `warn` (level < 0) or are dropped when it is NULL. */
struct jpeg_error_mgr *a2b_jpeg_failure_init(a2b_jpeg_failure *f,
                                             void (*warn)(j_common_ptr ci, int level));

/* Fail now: f->message from ci's current message, then longjmp. */
void a2b_jpeg_fail(j_common_ptr ci);

#endif
