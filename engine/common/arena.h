/*
 * arena.h - region allocator for everything a loaded rule set or a result owns.
 *
 * A rule set and a result are built once and freed in one call, so their many
 * small objects come from an arena. Built with -DJX_ARENA_MALLOC every block is
 * a separate malloc (still freed together) so ASan and valgrind see each object.
 */
#ifndef JX_ARENA_H
#define JX_ARENA_H

#include <stddef.h>

typedef struct jx_arena jx_arena;

/* Returns NULL on allocation failure. Free with jx_arena_free(). */
jx_arena *jx_arena_new(void);
/* Frees every block the arena handed out. NULL is a no-op. */
void jx_arena_free(jx_arena *arena);
/* Zeroed, 16-byte aligned memory owned by the arena; NULL when out of memory. */
void *jx_arena_alloc(jx_arena *arena, size_t size);
/* Copies n bytes and a terminating NUL into the arena. */
char *jx_arena_strndup(jx_arena *arena, const char *s, size_t n);
char *jx_arena_strdup(jx_arena *arena, const char *s);
/* printf into the arena. */
char *jx_arena_printf(jx_arena *arena, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
