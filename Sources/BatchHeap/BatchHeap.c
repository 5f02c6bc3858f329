#include "BatchHeap.h"

#include <stddef.h>
#include <string.h>

static int names(char *const *environment, const char *name) {
    size_t length = strlen(name);
    for (char *const *entry = environment; entry != NULL && *entry != NULL; entry++) {
        if (strncmp(*entry, name, length) == 0 && (*entry)[length] == '=') return 1;
    }
    return 0;
}

workbook_batch_heap_settings workbook_batch_heap_settings_for(char *const *environment) {
    workbook_batch_heap_settings settings;
    settings.large_os_pages = names(environment, "MIMALLOC_LARGE_OS_PAGES") ? -1 : 1;
    settings.eager_commit_delay = names(environment, "MIMALLOC_EAGER_COMMIT_DELAY") ? -1 : 0;
    return settings;
}

#if __has_include(<mimalloc.h>) && defined(__ELF__)
#include <mimalloc.h>

/// Runs before every library's initialiser, mimalloc's included: an option set
/// here is one mimalloc does not read from the environment at its start.
static void apply(int argc, char **argv, char **environment) {
    (void)argc;
    (void)argv;
    workbook_batch_heap_settings settings = workbook_batch_heap_settings_for(environment);
    if (settings.large_os_pages >= 0) mi_option_set(mi_option_large_os_pages, settings.large_os_pages);
    if (settings.eager_commit_delay >= 0) mi_option_set(mi_option_eager_commit_delay, settings.eager_commit_delay);
}

__attribute__((section(".preinit_array"), used))
static void (*const workbook_batch_heap_entry)(int, char **, char **) = apply;

#endif
