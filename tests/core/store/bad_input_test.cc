// Runs the corpus tests/bad_input/: every NAME.json / NAME.jsonl must be
// rejected with exactly the lines of NAME.error (Status::ToString(): one line
// per error, "FILE:LINE [ID] /POINTER: message"), and the store must hold
// exactly what it held before. The store starts from tests/bad_input/base/.
// Setting CREDENCE_UPDATE_BAD_INPUT=1 rewrites the .error files instead;
// review their diff before committing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "core/store/store.h"
#include "tests/core/store/store_test_util.h"

namespace credence::store {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> CorpusFiles() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(CREDENCE_SOURCE_DIR) / "tests/bad_input")) {
    auto ext = e.path().extension();
    if (e.is_regular_file() && (ext == ".json" || ext == ".jsonl")) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(BadInput, EveryFileIsRejectedWithItsMessageAndTheStoreUnchanged) {
  // Messages name files as given: relative to the source tree.
  fs::current_path(CREDENCE_SOURCE_DIR);
  const bool update = std::getenv("CREDENCE_UPDATE_BAD_INPUT") != nullptr;
  auto files = CorpusFiles();
  ASSERT_GE(files.size(), 40u);
  auto dir = ScratchDir();
  for (const fs::path& abs : files) {
    SCOPED_TRACE(abs.string());
    fs::path file = fs::relative(abs, CREDENCE_SOURCE_DIR);
    fs::path db = dir / (abs.filename().string() + ".db");
    auto store = Store::Open(db, OpenMode::kCreateIfMissing);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    auto base = store->ImportCaseFile("tests/bad_input/base/base.jsonl");
    ASSERT_TRUE(base.ok()) << base.status().ToString();
    std::string before = Dump(*store);

    auto result = store->ImportCaseFile(file);
    ASSERT_FALSE(result.ok()) << "accepted";
    EXPECT_EQ(result.status().code(), ErrorCode::kInvalidInput);
    fs::path expected_file = abs;
    expected_file.replace_extension(abs.extension() == ".json" ? ".json.error" : ".jsonl.error");
    if (update) {
      WriteFile(expected_file, result.status().ToString() + "\n");
    } else {
      ASSERT_TRUE(fs::exists(expected_file)) << "missing " << expected_file;
      EXPECT_EQ(result.status().ToString() + "\n", ReadFile(expected_file));
    }
    EXPECT_EQ(Dump(*store), before);
  }
}

}  // namespace
}  // namespace credence::store
