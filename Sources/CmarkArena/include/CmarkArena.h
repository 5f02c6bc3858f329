#ifndef WORKBOOK_CMARK_ARENA_H
#define WORKBOOK_CMARK_ARENA_H

#include <stddef.h>

/// A bump allocator for libcmark, one per thread. cmark makes about 1,400
/// allocations for a 15 KB chapter (nodes, strings, buffers) and frees them
/// all when the tree is freed: here each is a pointer bump in memory that the
/// thread's next parse reuses, freeing is nothing, and a whole parse is let go
/// at once by rewinding to where it began (`workbook_arena_release`).
///
/// The three allocation functions have the shape of cmark's `cmark_mem`.
/// Allocations are LIFO-scoped: a parse started while another's tree is still
/// read (a table cell parsed from inside a paragraph) takes memory above it
/// and releases back to its own mark.

void *workbook_arena_calloc(size_t count, size_t size);
void *workbook_arena_realloc(void *pointer, size_t size);
void workbook_arena_free(void *pointer);

/// Where the calling thread's arena stands now.
typedef struct {
    void *chunk;
    char *top;
} workbook_arena_mark;

workbook_arena_mark workbook_arena_mark_now(void);

/// Gives back everything the calling thread allocated since `mark`.
void workbook_arena_release(workbook_arena_mark mark);

/// Bytes the calling thread's arena holds from the system (for tests).
size_t workbook_arena_reserved(void);

#endif
