// `credence report` and `credence explain` as a user runs them: exit codes,
// messages, and that a failed command writes nothing (cli.md).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "tests/core/report/credence_binary.h"

namespace {

namespace fs = std::filesystem;

using credence::testing::ReadFile;
using credence::testing::ShellQuote;

struct Outcome {
  int exit_code = -1;
  std::string out, err;
};

class ReportCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = credence::testing::FreshTestDir("credence-report-cmd");
    const fs::path hostile = fs::path(CREDENCE_SOURCE_DIR) / "tests/golden/hostile/case.json";
    ASSERT_EQ(Run("import " + ShellQuote(hostile.string())).exit_code, 0);
    ASSERT_EQ(Run("score").exit_code, 0);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs `credence --db DIR/credence.db ARGS` (ARGS already shell-quoted).
  Outcome Run(const std::string& args) {
    const fs::path out = dir_ / "stdout", err = dir_ / "stderr";
    const int code = credence::testing::RunCredence(dir_ / "credence.db", args, out, err);
    return {code, ReadFile(out), ReadFile(err)};
  }

  fs::path dir_;
};

TEST_F(ReportCommand, UnknownClaimIsExit2WithAClearMessageAndNoOutput) {
  const Outcome r = Run("report --claim h1 --claim nope");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "credence report: error: run 1 has no claim \"nope\"\n");
  const Outcome e = Run("explain nope");
  EXPECT_EQ(e.exit_code, 2);
  EXPECT_EQ(e.out, "");
  EXPECT_EQ(e.err, "credence explain: error: run 1 has no claim \"nope\"\n");
}

TEST_F(ReportCommand, HtmlIsWrittenToTheFileNamed) {
  const Outcome r = Run("report --format html -o " + ShellQuote((dir_ / "r.html").string()));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(ReadFile(dir_ / "r.html").rfind("<!DOCTYPE html>", 0), 0u);
}

TEST_F(ReportCommand, ClaimReviewExportParsesWithOneReviewPerClaim) {
  const Outcome r = Run("export --format claimreview --author 'Example Checkers'");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json doc = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_TRUE(doc.is_array()) << r.out;
  const nlohmann::json report = nlohmann::json::parse(Run("report --format json").out);
  ASSERT_EQ(doc.size(), report["claims"].size());
  for (std::size_t i = 0; i < doc.size(); ++i) {
    EXPECT_EQ(doc[i]["@type"], "ClaimReview");
    EXPECT_EQ(doc[i]["itemReviewed"]["identifier"], report["claims"][i]["id"]);
    EXPECT_EQ(doc[i]["claimReviewed"], report["claims"][i]["text"]);
    EXPECT_EQ(doc[i]["reviewRating"]["alternateName"],
              report["claims"][i]["verdict"]["icd203_range"]);
    EXPECT_EQ(doc[i]["author"]["name"], "Example Checkers");
    EXPECT_EQ(doc[i]["datePublished"],
              report["run"]["created_at"].get<std::string>().substr(0, 10));
  }
  const Outcome missing = Run("export --format claimreview --run 9");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.out, "");
  EXPECT_EQ(Run("export --format jsonl --author x").exit_code, 2);
}

TEST_F(ReportCommand, UnknownFormatAndRunAreExit2) {
  EXPECT_EQ(Run("report --format pdf").exit_code, 2);
  const Outcome r = Run("report --run 5");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(Run("explain").exit_code, 2);
  EXPECT_EQ(Run("explain h1 h2").exit_code, 2);
}

TEST_F(ReportCommand, OutputFileEqualsStdoutAndLeavesNoTemporary) {
  const Outcome to_stdout = Run("report --format md");
  ASSERT_EQ(to_stdout.exit_code, 0) << to_stdout.err;
  const fs::path file = dir_ / "report.md";
  std::ofstream(file) << "old contents";
  const Outcome to_file = Run("report --format md -o " + ShellQuote(file.string()));
  ASSERT_EQ(to_file.exit_code, 0) << to_file.err;
  EXPECT_EQ(to_file.out, "");
  EXPECT_EQ(ReadFile(file), to_stdout.out);
  for (const fs::directory_entry& e : fs::directory_iterator(dir_)) {
    EXPECT_EQ(e.path().filename().string().find(".tmp"), std::string::npos) << e.path();
  }
}

TEST_F(ReportCommand, FailedReportLeavesTheOutputFileAlone) {
  const fs::path file = dir_ / "report.txt";
  std::ofstream(file) << "old contents";
  EXPECT_EQ(Run("report --claim nope -o " + ShellQuote(file.string())).exit_code, 2);
  EXPECT_EQ(ReadFile(file), "old contents");
}

TEST_F(ReportCommand, ExplainIsTheClaimsBlockOfTheReport) {
  const Outcome e = Run("explain h2 --run 1");
  ASSERT_EQ(e.exit_code, 0) << e.err;
  const Outcome r = Run("report --claim h2");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string block = e.out.substr(e.out.find("claim h2:"));
  const std::string tail = block.substr(0, block.find("\n\nEach figure"));
  EXPECT_NE(r.out.find(tail), std::string::npos);
  EXPECT_TRUE(e.out.starts_with("credence explain: claim h2, run 1\n"));
}

}  // namespace
