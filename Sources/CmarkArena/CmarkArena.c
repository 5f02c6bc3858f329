#include "CmarkArena.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// A block of the arena: allocations are laid end to end in `data`.
typedef struct chunk {
    struct chunk *next;
    size_t size;
    _Alignas(16) char data[];
} chunk;

/// Each allocation starts with its size, so `realloc` knows how much to copy.
enum { HEADER = 16, ALIGN = 16 };
/// A chapter's parse fits in one chunk; a larger document takes more.
static const size_t CHUNK_SIZE = 1u << 20;
/// What a thread keeps between parses; chunks past it are freed at a full release.
static const size_t KEEP = 16u << 20;

static _Thread_local chunk *first;
static _Thread_local chunk *current;
static _Thread_local char *top;
static _Thread_local char *end;

static pthread_key_t exit_key;
static pthread_once_t exit_once = PTHREAD_ONCE_INIT;

static void free_chunks(chunk *c) {
    while (c) {
        chunk *next = c->next;
        free(c);
        c = next;
    }
}

/// Frees a thread's chunks when it exits (serve's threads come and go).
static void thread_exit(void *head) {
    free_chunks(head);
    first = current = NULL;
    top = end = NULL;
}

static void make_exit_key(void) { pthread_key_create(&exit_key, thread_exit); }

static size_t aligned(size_t size) { return (size + (ALIGN - 1)) & ~(size_t)(ALIGN - 1); }

static void out_of_memory(void) {
    fputs("workbook: out of memory while parsing Markdown\n", stderr);
    abort();
}

static chunk *new_chunk(size_t at_least) {
    size_t size = at_least > CHUNK_SIZE ? at_least : CHUNK_SIZE;
    chunk *c = malloc(sizeof(chunk) + size);
    if (!c) out_of_memory();
    c->next = NULL;
    c->size = size;
    return c;
}

/// Makes `c` the chunk allocations come from.
static void enter(chunk *c) {
    current = c;
    top = c->data;
    end = c->data + c->size;
}

static void start(void) {
    pthread_once(&exit_once, make_exit_key);
    first = new_chunk(CHUNK_SIZE);
    pthread_setspecific(exit_key, first);
    enter(first);
}

static void *allocate(size_t size) {
    if (size > SIZE_MAX - HEADER - ALIGN) out_of_memory();
    size_t need = HEADER + aligned(size);
    if (!first) start();
    if ((size_t)(end - top) < need) {
        // The next chunk, when one is kept and large enough; else a new one in its place.
        chunk *next = current->next;
        if (!next || next->size < need) {
            chunk *fresh = new_chunk(need);
            fresh->next = next;
            current->next = fresh;
            next = fresh;
        }
        enter(next);
    }
    char *block = top;
    *(size_t *)block = size;
    top += need;
    return block + HEADER;
}

void *workbook_arena_calloc(size_t count, size_t size) {
    if (size && count > SIZE_MAX / size) out_of_memory();
    void *pointer = allocate(count * size);
    memset(pointer, 0, count * size);
    return pointer;
}

void *workbook_arena_realloc(void *pointer, size_t size) {
    if (!pointer) return allocate(size);
    char *block = (char *)pointer - HEADER;
    size_t old = *(size_t *)block;
    // The last allocation grows (or shrinks) in place while its chunk has room.
    if ((char *)pointer + aligned(old) == top && size <= SIZE_MAX - ALIGN && aligned(size) <= (size_t)(end - (char *)pointer)) {
        *(size_t *)block = size;
        top = (char *)pointer + aligned(size);
        return pointer;
    }
    void *moved = allocate(size);
    memcpy(moved, pointer, old < size ? old : size);
    return moved;
}

void workbook_arena_free(void *pointer) { (void)pointer; }

workbook_arena_mark workbook_arena_mark_now(void) {
    if (!first) start();
    workbook_arena_mark mark = {current, top};
    return mark;
}

void workbook_arena_release(workbook_arena_mark mark) {
    chunk *c = mark.chunk;
    current = c;
    top = mark.top;
    end = c->data + c->size;
    if (c != first || top != first->data) return;
    // Back to empty: keep KEEP bytes of chunks for the next parse, free the rest.
    size_t kept = first->size;
    chunk *last = first;
    while (last->next && kept + last->next->size <= KEEP) {
        kept += last->next->size;
        last = last->next;
    }
    free_chunks(last->next);
    last->next = NULL;
}

size_t workbook_arena_reserved(void) {
    size_t total = 0;
    for (chunk *c = first; c; c = c->next) total += c->size;
    return total;
}
