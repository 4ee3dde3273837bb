/* Loading one article: file -> front matter -> preprocess -> Markdown. */
#include "load.h"

#include <stdarg.h>

void a2b_load_diag(a2b_load_ctx *ctx, a2b_severity sev, int body_line, int col,
                   const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int line = body_line > 0 ? body_line + ctx->line_offset : 0;
  a2b_vreport(ctx->diags, sev, ctx->art->path, line, line ? col : 0, fmt, ap);
  va_end(ap);
}
