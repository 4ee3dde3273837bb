/* Model helpers that need the internal buffer type. */
#ifndef A2B_NODE_H
#define A2B_NODE_H

#include "art2book/doc.h"
#include "buf.h"

/* Append the plain text of a subtree to `b`, as a2b_node_plain_text(). For
 * back ends, which must not allocate in the (read-only) model's arena. */
void a2b_node_put_plain_text(a2b_buf *b, const a2b_node *node);

#endif
