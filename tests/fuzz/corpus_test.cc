// Replays every seed and past finding of the fuzz corpus
// (tests/fuzz/corpus/<target>/) through the readers with the checks the
// fuzzers apply (tests/fuzz/fuzz_checks.h), so the normal build keeps each
// fixed finding fixed without clang or libFuzzer.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/fuzz/fuzz_checks.h"

namespace credence::fuzz {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> CorpusFiles(std::string_view target) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(CREDENCE_SOURCE_DIR) / "tests/fuzz/corpus" /
                                              std::string(target))) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every file of `target`'s corpus passes `check`; a corpus that has lost its
// files fails too, so the test cannot pass by reading nothing.
template <class Check>
void ReplayCorpus(std::string_view target, const Check& check) {
  auto files = CorpusFiles(target);
  ASSERT_GE(files.size(), 3u) << target;
  for (const fs::path& file : files) {
    EXPECT_EQ(check(Slurp(file)), "") << file;
  }
}

TEST(FuzzCorpus, CaseJsonInputsAreReadOrRejectedCleanly) {
  ReplayCorpus("case_json",
               [](const std::string& data) { return CheckCaseText(data, ingest::Encoding::kJson); });
}

TEST(FuzzCorpus, CaseJsonlInputsAreReadOrRejectedCleanly) {
  ReplayCorpus("case_jsonl", [](const std::string& data) {
    return CheckCaseText(data, ingest::Encoding::kJsonl);
  });
}

TEST(FuzzCorpus, RuleInputsAreReadOrRejectedCleanly) {
  ReplayCorpus("rules", [](const std::string& data) { return CheckRuleText(data); });
}

// The checks themselves notice a broken contract: a rejection that does not
// name the file is a violation.
TEST(FuzzCorpus, CheckRejectionFlagsAnErrorWithoutTheFile) {
  EXPECT_EQ(CheckRejection(Status::InvalidInput("expected x", InputLocation{"fuzz.json"}),
                           "fuzz.json"),
            "");
  EXPECT_EQ(CheckRejection(Status::InvalidInput("expected x", InputLocation{"other.json"}),
                           "fuzz.json"),
            "error does not name the file: other.json: expected x");
  EXPECT_EQ(CheckRejection(Status::Internal("boom"), "fuzz.json"), "not kInvalidInput: boom");
}

}  // namespace
}  // namespace credence::fuzz
