#ifndef WORKBOOK_BATCH_HEAP_H
#define WORKBOOK_BATCH_HEAP_H

/// The allocator's set-up for a batch run. A build or a check allocates about
/// 200 MB in small pieces, keeps most of it to the end and lets go of it all
/// at exit. With 4 KiB pages that is about 40,000 page faults, 10-15% of a
/// build's CPU time.
///
/// The Linux binaries link mimalloc. Before any library is initialised (the
/// executable's `.preinit_array`, so before the first allocation), `workbook`
/// asks it for segments backed by 2 MiB pages (transparent huge pages,
/// `madvise`) and to commit every segment as soon as it is mapped, the first
/// one of each thread included. A 1,000-chapter build then takes about 1,000
/// page faults. Peak memory grows by about 40 MB: a huge page is backed whole.
///
/// A user's own `MIMALLOC_LARGE_OS_PAGES` or `MIMALLOC_EAGER_COMMIT_DELAY`
/// wins over these. `workbook-serve`, which runs for hours, does not link this.
typedef struct {
    /// The value for mimalloc's `large_os_pages` option; -1 leaves it alone.
    long large_os_pages;
    /// The value for mimalloc's `eager_commit_delay` option; -1 leaves it alone.
    long eager_commit_delay;
} workbook_batch_heap_settings;

/// What a batch run sets, given the environment (`NAME=value` strings, ending
/// with NULL): each option the environment does not name.
workbook_batch_heap_settings workbook_batch_heap_settings_for(char *const *environment);

#endif
