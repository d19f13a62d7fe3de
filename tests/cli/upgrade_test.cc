// A command that opens a store written by an older credence migrates it
// first, and says so on stderr (cli/command.h OpenStore): the file changes,
// and on a large store that takes a minute. Once only, and not with --quiet.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "tests/core/report/credence_binary.h"

namespace {

namespace fs = std::filesystem;
using credence::testing::ReadFile;

class Upgrade : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = credence::testing::FreshTestDir("credence-upgrade");
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A store as a version-5 build wrote it (its SQL dump is checked in).
  fs::path OldStore(const std::string& name) {
    const fs::path db = dir_ / name;
    const std::string dump =
        ReadFile(fs::path(CREDENCE_SOURCE_DIR) / "tests/core/store/testdata/store_v5.sql");
    EXPECT_FALSE(dump.empty());
    sqlite3* raw = nullptr;
    EXPECT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(raw, dump.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
    return db;
  }

  // `credence --db DB ARGS`; returns stderr.
  std::string Run(const fs::path& db, const std::string& args) {
    const fs::path out = dir_ / "out", err = dir_ / "err";
    EXPECT_EQ(credence::testing::RunCredence(db, args, out, err), 0) << args << ": " << ReadFile(err);
    return ReadFile(err);
  }

  fs::path dir_;
};

TEST_F(Upgrade, AnOldStoreIsAnnouncedOnceThenOpensSilently) {
  const fs::path db = OldStore("old.db");
  const std::string first = Run(db, "export -o " + (dir_ / "a.jsonl").string());
  EXPECT_EQ(first, "credence: upgrading the store " + db.string() + " from schema version 5 to 7 (once)\n");
  EXPECT_EQ(Run(db, "export -o " + (dir_ / "b.jsonl").string()), "");
  EXPECT_EQ(ReadFile(dir_ / "a.jsonl"), ReadFile(dir_ / "b.jsonl"));
}

TEST_F(Upgrade, QuietSaysNothingButStillUpgrades) {
  const fs::path db = OldStore("old.db");
  EXPECT_EQ(Run(db, "--quiet export -o " + (dir_ / "a.jsonl").string()), "");
  EXPECT_EQ(Run(db, "export -o " + (dir_ / "b.jsonl").string()), "");  // already upgraded
}

TEST_F(Upgrade, ANewStoreIsNotAnUpgrade) {
  const fs::path example = fs::path(CREDENCE_SOURCE_DIR) / "examples/constructed-denials.json";
  const std::string err = Run(dir_ / "new.db", "import " + example.string());
  EXPECT_EQ(err.find("upgrading"), std::string::npos) << err;
}

}  // namespace
