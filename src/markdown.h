/* Markdown (cmark-gfm with the table, strikethrough, autolink, tasklist
 * extensions and footnotes) into the document model. */
#ifndef A2B_MARKDOWN_H
#define A2B_MARKDOWN_H

#include <stddef.h>

#include "load.h"

/* Parse `text` (the preprocessed body, see preprocess.h) into a new
 * A2B_NODE_DOCUMENT stored in ctx->art->body. Node positions are file lines
 * (body line + ctx->line_offset). Raw HTML goes through html.h. Problems are
 * warnings; this does not fail. */
void a2b_markdown_parse(a2b_load_ctx *ctx, const char *text, size_t len);

/* One-time registration of the cmark-gfm extensions and libxml2 set-up;
 * call before loading articles in parallel. Idempotent. */
void a2b_markdown_init(void);

#endif
