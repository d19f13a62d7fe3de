// Golden reports: every folder tests/golden/<name>/ holds a case file
// (case.json) and the reports the built binary must print for it
// (expected.txt, expected.md, expected.json, expected.html), compared byte for byte. The pipeline is the
// user's: import into a fresh store, score with the default rules and seed,
// report. The one normalisation: the run's created_at (the only timestamp of a
// report) is replaced by "(normalized)" in expected.json and in the output.
// scripts/update-golden rewrites the expected files the same way.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "tests/core/report/credence_binary.h"

namespace {

namespace fs = std::filesystem;

using credence::testing::ReadFile;
using credence::testing::ShellQuote;

std::string NormalizeCreatedAt(const std::string& json) {
  static const std::regex kCreatedAt("\"created_at\": \"[^\"]*\"");
  return std::regex_replace(json, kCreatedAt, "\"created_at\": \"(normalized)\"",
                            std::regex_constants::format_first_only);
}

// The first line where `got` and `want` differ, for the failure message.
std::string FirstDifference(const std::string& got, const std::string& want) {
  std::istringstream g(got), w(want);
  std::string gl, wl;
  for (int line = 1;; ++line) {
    const bool more_g = static_cast<bool>(std::getline(g, gl));
    const bool more_w = static_cast<bool>(std::getline(w, wl));
    if (!more_g && !more_w) return "(differ only in the final newline)";
    if (gl != wl || more_g != more_w) {
      return "line " + std::to_string(line) + ":\n  got:  " + (more_g ? gl : "(end)") +
             "\n  want: " + (more_w ? wl : "(end)");
    }
  }
}

std::vector<fs::path> GoldenDirs() {
  std::vector<fs::path> dirs;
  const fs::path root = fs::path(CREDENCE_SOURCE_DIR) / "tests" / "golden";
  if (!fs::is_directory(root)) return dirs;
  for (const fs::directory_entry& e : fs::directory_iterator(root)) {
    if (e.is_directory() && fs::exists(e.path() / "case.json")) dirs.push_back(e.path());
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

TEST(Golden, ReportsOfEveryGoldenCaseAreByteIdentical) {
  const std::vector<fs::path> dirs = GoldenDirs();
  ASSERT_FALSE(dirs.empty()) << "no tests/golden/<name>/case.json found";
  for (const fs::path& dir : dirs) {
    const std::string name = dir.filename().string();
    SCOPED_TRACE(name);
    const fs::path tmp = fs::temp_directory_path() /
                         ("credence-golden-" + name + "-" + std::to_string(getpid()));
    fs::remove_all(tmp);
    fs::create_directories(tmp);
    const fs::path db = tmp / "credence.db", out = tmp / "stdout", err = tmp / "stderr";
    const auto credence = [&](const std::string& args) {
      return credence::testing::RunCredence(db, args, out, err);
    };
    ASSERT_EQ(credence("import " + ShellQuote((dir / "case.json").string())), 0) << ReadFile(err);
    ASSERT_EQ(credence("score"), 0) << ReadFile(err);
    ASSERT_EQ(credence("report --format text -o " + ShellQuote((tmp / "r.txt").string())), 0)
        << ReadFile(err);
    ASSERT_EQ(credence("report --format md -o " + ShellQuote((tmp / "r.md").string())), 0)
        << ReadFile(err);
    ASSERT_EQ(credence("report --format json -o " + ShellQuote((tmp / "r.json").string())), 0)
        << ReadFile(err);
    ASSERT_EQ(credence("report --format html -o " + ShellQuote((tmp / "r.html").string())), 0)
        << ReadFile(err);

    const std::pair<std::string, std::string> reports[] = {
        {"expected.txt", ReadFile(tmp / "r.txt")},
        {"expected.md", ReadFile(tmp / "r.md")},
        {"expected.json", NormalizeCreatedAt(ReadFile(tmp / "r.json"))},
        {"expected.html", ReadFile(tmp / "r.html")},
    };
    for (const auto& [file, got] : reports) {
      const std::string want = ReadFile(dir / file);
      EXPECT_FALSE(want.empty()) << "missing " << file << ": run scripts/update-golden";
      EXPECT_TRUE(got == want) << file << " differs at " << FirstDifference(got, want);
    }
    fs::remove_all(tmp);
  }
}

}  // namespace
