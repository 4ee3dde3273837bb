/* Zenn's Markdown extensions, recognized line by line: `:::message`,
 * `:::message alert`, `:::details Title` blocks closed by a line of colons
 * (more colons for the outer of nested blocks), and `@[service](arg)`
 * embeds on a line of their own. */
#ifndef A2B_ZENN_H
#define A2B_ZENN_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* If the line s[0..n) (without its line break, indentation removed) opens
 * a Zenn block, append its alert marker (`[!NOTE]`, `[!WARNING]` or
 * `[!DETAILS] Title`) to `head` (unless NULL) and return its number of colons; else 0. */
int a2b_zenn_open(const char *s, size_t n, a2b_buf *head);

/* The number of colons (>= 3) if the line s[0..n) is only colons and
 * white space; else 0. */
int a2b_zenn_close(const char *s, size_t n);

/* If the line s[0..n) is `@[service](arg)` and white space, append a
 * Markdown link for it and return the length of the `@[...](...)`; else 0
 * (also for services it cannot link). */
size_t a2b_zenn_embed(const char *s, size_t n, a2b_buf *out);

#endif
