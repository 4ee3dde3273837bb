/* The model as stable text (--dump): for golden tests of the front half
 * independent of the back ends, and for users asking "what did it read?". */
#ifndef A2B_DUMP_H
#define A2B_DUMP_H

#include <stdio.h>

#include "art2book/doc.h"

/* Write the whole book: metadata, then each article's metadata and body
 * tree, one node per line, indented by depth, strings C-escaped. The output
 * depends only on the model (no addresses, no absolute paths). */
void a2b_dump_book(const a2b_book *book, FILE *out);

#endif
