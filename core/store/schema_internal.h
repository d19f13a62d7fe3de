// The store's schema (docs/store.md) and its migrations. The version lives in
// PRAGMA user_version; PRAGMA application_id marks the file as a credence
// store so that another program's SQLite file is refused, not altered.
#ifndef CREDENCE_CORE_STORE_SCHEMA_INTERNAL_H_
#define CREDENCE_CORE_STORE_SCHEMA_INTERNAL_H_

#include <sqlite3.h>

#include <functional>

#include "core/common/status.h"

namespace credence::store {

// The schema version this build writes. Bump it with a new migration.
inline constexpr int kSchemaVersion = 7;
// "CRED": PRAGMA application_id of every credence store.
inline constexpr int kApplicationId = 0x43524544;

// Brings the open database to kSchemaVersion in one transaction per step;
// a new store (version 0, no tables) is made at kSchemaVersion in one.
// Returns whether it made the store.
// A newer version is kIncompatible; a foreign SQLite file is kIncompatible.
// `on_upgrade` (may be empty) is called once with the two versions before
// a store of version 1 or later is migrated; a new store (version 0) is not
// an upgrade.
Result<bool> Migrate(sqlite3* db, const std::function<void(int, int)>& on_upgrade = {});

// The version of an open database (PRAGMA user_version).
Result<int> SchemaVersion(sqlite3* db);

}  // namespace credence::store

#endif  // CREDENCE_CORE_STORE_SCHEMA_INTERNAL_H_
