#include "jpegfail.h"

#include <string.h>

void a2b_jpeg_fail(j_common_ptr ci) {
  a2b_jpeg_failure *f = (a2b_jpeg_failure *)ci->err;
  f->mgr.format_message(ci, f->message);
  longjmp(f->jump, 1);
}

static void quiet(j_common_ptr ci, int level) { (void)ci, (void)level; }

struct jpeg_error_mgr *a2b_jpeg_failure_init(a2b_jpeg_failure *f,
                                             void (*warn)(j_common_ptr ci, int level)) {
  memset(f, 0, sizeof *f);
  jpeg_std_error(&f->mgr);
  f->mgr.error_exit = a2b_jpeg_fail;
  f->mgr.emit_message = warn ? warn : quiet;
  return &f->mgr;
}
