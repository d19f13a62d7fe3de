// Importing one case file into an open store (Store::ImportCaseFile).
#ifndef CREDENCE_CORE_STORE_IMPORT_INTERNAL_H_
#define CREDENCE_CORE_STORE_IMPORT_INTERNAL_H_

#include <sqlite3.h>

#include <filesystem>

#include "core/common/status.h"
#include "core/store/store.h"

namespace credence::store {

// Reads `file` into staging tables, checks what needs the whole file and the
// store (duplicates, dangling ids, redefinitions, cycles in `via`) in SQL,
// merges, and commits: one transaction, so any error or a crash leaves the
// store as it was. Memory stays flat for JSONL of any size: the cross-record
// checks run in SQLite, whose caches are bounded, not in RAM sets.
Result<ImportStats> ImportFile(sqlite3* db, const std::filesystem::path& file,
                               const ImportOptions& options);

}  // namespace credence::store

#endif  // CREDENCE_CORE_STORE_IMPORT_INTERNAL_H_
