// Helpers shared by the store tests: a scratch folder per test, file writing
// and a store's full contents as text for before/after comparisons.
#ifndef CREDENCE_TESTS_CORE_STORE_STORE_TEST_UTIL_H_
#define CREDENCE_TESTS_CORE_STORE_STORE_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/store/store.h"

namespace credence::store {

// A fresh, empty folder named after the running test.
inline std::filesystem::path ScratchDir() {
  const auto* info = testing::UnitTest::GetInstance()->current_test_info();
  std::filesystem::path dir = std::filesystem::path(testing::TempDir()) /
                              (std::string("credence_") + info->test_suite_name() + "_" +
                               info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::filesystem::path WriteFile(const std::filesystem::path& path,
                                       const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return path;
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The store s.db in `dir`, created when missing.
inline Store OpenIn(const std::filesystem::path& dir) {
  auto s = Store::Open(dir / "s.db", OpenMode::kCreateIfMissing);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return std::move(s).value();
}

// The canonical JSONL export: equal strings <=> equal stores.
inline std::string Dump(const Store& store) {
  std::ostringstream out;
  Status s = store.ExportCase(CaseEncoding::kJsonl, out);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out.str();
}

}  // namespace credence::store

#endif  // CREDENCE_TESTS_CORE_STORE_STORE_TEST_UTIL_H_
