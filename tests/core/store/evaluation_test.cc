// Stored evaluations (schema version 2): one per run, replaced by the next,
// gone with the run's store history intact; a version-1 store migrates.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "core/store/store.h"
#include "tests/core/store/store_test_util.h"

namespace credence::store {
namespace {

score::Run SomeRun() {
  score::Run run;
  run.info.engine = "0.1.0";
  run.info.rules_name = "default";
  run.info.rules_sha256 = "ab";
  return run;
}

// Runs `sql` on the file directly, outside the Store.
void RawSql(const std::filesystem::path& db, const char* sql) {
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(handle, sql, nullptr, nullptr, &error), SQLITE_OK) << error;
  sqlite3_free(error);
  sqlite3_close(handle);
}

TEST(StoreEvaluation, OnePerRunTheLatestWins) {
  const auto dir = ScratchDir();
  auto store = Store::Open(dir / "s.db", OpenMode::kCreateIfMissing);
  ASSERT_TRUE(store.ok());
  auto first = store->SaveRun(SomeRun());
  auto second = store->SaveRun(SomeRun());
  ASSERT_TRUE(first.ok() && second.ok());
  auto none = store->LoadEvaluation(*first);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());

  ASSERT_TRUE(store->SaveEvaluation({*first, "", "{\"a\":1}"}).ok());
  ASSERT_TRUE(store->SaveEvaluation({*first, "2026-01-01T00:00:00Z", "{\"a\":2}"}).ok());
  auto got = store->LoadEvaluation(*first);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->run_id, *first);
  EXPECT_EQ((*got)->json, "{\"a\":2}");
  EXPECT_EQ((*got)->created_at, "2026-01-01T00:00:00Z");
  auto other = store->LoadEvaluation(*second);
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->has_value());
}

TEST(StoreEvaluation, AnUnknownRunIsNotFoundAndNothingIsStored) {
  const auto dir = ScratchDir();
  auto store = Store::Open(dir / "s.db", OpenMode::kCreateIfMissing);
  ASSERT_TRUE(store.ok());
  const Status s = store->SaveEvaluation({42, "", "{}"});
  EXPECT_EQ(s.code(), ErrorCode::kNotFound);
  EXPECT_EQ(s.message(), "no run 42 in the store");
  auto got = store->LoadEvaluation(42);
  ASSERT_TRUE(got.ok());
  EXPECT_FALSE(got->has_value());
}

TEST(StoreEvaluation, AVersionOneStoreMigratesKeepingItsRuns) {
  const auto dir = ScratchDir();
  // A store as a version-1 build wrote it (SQL dump checked in), plus a run.
  const std::string dump = ReadFile(std::filesystem::path(CREDENCE_SOURCE_DIR) /
                                    "tests/core/store/testdata/store_v1.sql");
  ASSERT_FALSE(dump.empty());
  RawSql(dir / "s.db", dump.c_str());
  RawSql(dir / "s.db",
         "INSERT INTO runs (id, created_at, engine, rules_name, rules_sha256, seed, fit, "
         "interval_level) VALUES (7, '2026-01-01T00:00:00Z', '0.1.0', 'default', 'ab', 1, "
         "NULL, 0.9)");
  const std::int64_t run_id = 7;
  auto store = Store::Open(dir / "s.db", OpenMode::kMustExist);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto run = store->LoadRun(run_id);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->info.rules_sha256, "ab");
  EXPECT_TRUE(store->SaveEvaluation({run_id, "", "{}"}).ok());
  auto got = store->LoadEvaluation(run_id);
  ASSERT_TRUE(got.ok() && got->has_value());
}

}  // namespace
}  // namespace credence::store
