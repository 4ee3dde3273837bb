/* A hash map from strings to pointers (open addressing, FNV-1a). Keys are
 * copied into the map; values are the caller's. Not thread-safe. */
#ifndef A2B_STRMAP_H
#define A2B_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct a2b_strmap a2b_strmap;

a2b_strmap *a2b_strmap_new(void);
/* Frees the map and its key copies, not the values. NULL is fine. */
void a2b_strmap_free(a2b_strmap *m);
/* The value stored under `key`, or NULL. */
void *a2b_strmap_get(const a2b_strmap *m, const char *key);
/* Store `value` (not NULL) under `key`, replacing any earlier value. */
void a2b_strmap_put(a2b_strmap *m, const char *key, void *value);
size_t a2b_strmap_count(const a2b_strmap *m);

#endif
