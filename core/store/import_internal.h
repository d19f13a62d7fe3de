// Importing one case file into an open store (Store::ImportCaseFile).
#ifndef CREDENCE_CORE_STORE_IMPORT_INTERNAL_H_
#define CREDENCE_CORE_STORE_IMPORT_INTERNAL_H_

#include <sqlite3.h>

#include <filesystem>

#include "core/common/status.h"
#include "core/store/store.h"

namespace credence::store {

// Writes every record of `file` into the case tables, checks what needs the
// whole file and the store (duplicates, dangling ids, redefinitions, cycles
// in `via`), and commits: one transaction, so any error or a crash leaves
// the store as it was (docs/store.md, "Import"). A regular file is parsed on
// a second thread while this one writes (two cores busy); a rejected file is
// then read once more on this thread to report its errors; stdin ("-") and
// pipes are read on this thread only. Memory stays flat for JSONL of any size.
Result<ImportStats> ImportFile(sqlite3* db, const std::filesystem::path& file,
                               const ImportOptions& options);

}  // namespace credence::store

#endif  // CREDENCE_CORE_STORE_IMPORT_INTERNAL_H_
