// The allocator's settings for the credence program, when it is linked with
// jemalloc (CREDENCE_JEMALLOC, cli/CMakeLists.txt). jemalloc reads this
// string once, as it starts, before main; MALLOC_CONF in the environment
// overrides it, option by option.
//
// thp:always asks the kernel for 2 MiB pages on the heap (madvise
// MADV_HUGEPAGE; Debian's kernels give them on request only). An import
// first touches tens of megabytes: SQLite's page cache, the claim cache, the
// sets of known ids. In 4 KiB pages that was 14,498 page faults for a 10 MB
// file, 2,271 in huge pages (docs/performance.md, session 10).
#ifdef CREDENCE_JEMALLOC

// The name jemalloc looks up in the program (its manual, "TUNING").
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "thp:always,metadata_thp:always";
}

#endif  // CREDENCE_JEMALLOC
