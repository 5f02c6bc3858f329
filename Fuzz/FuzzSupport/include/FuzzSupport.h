#ifndef WORKBOOK_FUZZ_SUPPORT_H
#define WORKBOOK_FUZZ_SUPPORT_H

#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (compiler-rt's libclang_rt.fuzzer, linked by
/// -sanitize=fuzzer). SwiftPM links an executable target with
/// `--defsym main=<Target>_main`, so libFuzzer's own `main` is never used:
/// each fuzz target's `<Target>_main` hands over to this instead.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
