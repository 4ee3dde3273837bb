/* A bump allocator that owns everything in the document model.
 * Allocation never fails: out of memory aborts with a message. */
#ifndef A2B_ARENA_H
#define A2B_ARENA_H

#include <stdarg.h>
#include <stddef.h>

#include "art2book/doc.h"

a2b_arena *a2b_arena_new(void);
/* Free the arena and everything allocated in it. NULL is fine. */
void a2b_arena_free(a2b_arena *arena);
/* Free everything allocated in the arena, keeping one standard chunk for
 * reuse (scratch arenas reset per page). Every pointer into it dies. */
void a2b_arena_reset(a2b_arena *arena);
/* `size` zeroed bytes aligned for any type. */
void *a2b_alloc(a2b_arena *arena, size_t size);
/* Copies; a NULL `s` gives NULL. */
char *a2b_strdup(a2b_arena *arena, const char *s);
char *a2b_strndup(a2b_arena *arena, const char *s, size_t n);
void *a2b_memdup(a2b_arena *arena, const void *p, size_t n);
char *a2b_sprintf(a2b_arena *arena, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Append `s` (copied) to `list`, growing it inside the arena. */
void a2b_strlist_add(a2b_arena *arena, a2b_strlist *list, const char *s);

/* malloc/realloc/strdup that abort on failure, for memory outside arenas. */
void *a2b_xmalloc(size_t size);
void *a2b_xrealloc(void *p, size_t size);
char *a2b_xstrdup(const char *s);
/* printf into a new heap string (caller free()s). */
char *a2b_xsprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
