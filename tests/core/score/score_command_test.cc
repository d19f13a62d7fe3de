// `credence score` as a user runs it: exit codes, messages, what a run records.
#include <gtest/gtest.h>

#include "tests/core/report/credence_binary.h"

namespace credence::score {
namespace {

namespace fs = std::filesystem;
using credence::testing::ReadFile;
using credence::testing::RunCredence;
using credence::testing::ShellQuote;

class ScoreCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           (std::string("credence_score_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  int Run(const std::string& args) { return RunCredence(dir_ / "credence.db", args, dir_ / "out", dir_ / "err"); }
  std::string Out() { return ReadFile(dir_ / "out"); }
  std::string Err() { return ReadFile(dir_ / "err"); }
  std::string Example(const std::string& name) {
    return ShellQuote(std::string(CREDENCE_SOURCE_DIR) + "/examples/" + name);
  }
  fs::path dir_;
};

TEST_F(ScoreCommand, AMissingStoreIsAnErrorNotCreated) {
  EXPECT_EQ(Run("score"), 2);
  EXPECT_NE(Err().find("credence score: error:"), std::string::npos) << Err();
  EXPECT_FALSE(fs::exists(dir_ / "credence.db"));
}

TEST_F(ScoreCommand, RecordsRunsWithRulesHashSeedAndThreadsChangeNothing) {
  ASSERT_EQ(Run("import " + Example("putin-early-warning-2019.json")), 0) << Err();
  ASSERT_EQ(Run("score --seed 42 --threads 1"), 0) << Err();
  EXPECT_EQ(Out().rfind("run 1: scored 1 claims with rules default (sha256 ", 0), 0u) << Out();
  EXPECT_NE(Out().find("seed 42"), std::string::npos) << Out();
  ASSERT_EQ(Run("report --format json --run 1"), 0) << Err();
  std::string first = Out();
  ASSERT_EQ(Run("score --seed 42 --threads 3"), 0) << Err();
  ASSERT_EQ(Run("report --format json --run 2"), 0) << Err();
  std::string second = Out();
  // Same inputs, same rules, same seed: the same report but for run id and time.
  auto body = [](const std::string& s) { return s.substr(s.find("\"claims\"")); };
  EXPECT_EQ(body(first), body(second));
  EXPECT_NE(first.find("\"seed\": 42"), std::string::npos);
}

TEST_F(ScoreCommand, ABadRuleFileIsRejectedWithItsLocationAndNoRunIsRecorded) {
  ASSERT_EQ(Run("import " + Example("putin-early-warning-2019.json")), 0) << Err();
  {
    std::ofstream rules(dir_ / "bad.rules");
    rules << R"({"format": "credence-rules/1", "name": "bad", "rules": [
      {"name": "x", "on": "link", "effect": {"weight_factor": 99}, "why": "w"}]})";
  }
  EXPECT_EQ(Run("score --rules " + ShellQuote((dir_ / "bad.rules").string())), 2);
  EXPECT_EQ(Err(), "credence score: error: " + (dir_ / "bad.rules").string() +
                       " [x] /rules/0/effect/weight_factor: expected a number in [0, 10]; got 99\n");
  EXPECT_EQ(Run("report"), 2);  // still no run
}

TEST_F(ScoreCommand, AnotherRuleSetIsNamedInTheRun) {
  ASSERT_EQ(Run("import " + Example("tatarstan-drone-factory.json")), 0) << Err();
  {
    std::ofstream rules(dir_ / "desk.rules");
    rules << R"({"format": "credence-rules/1", "name": "desk", "rules": [
      // every official at even odds
      {"name": "official", "on": "source", "when": {"kind": "official"},
       "effect": {"reliability_mean": 0.5, "reliability_strength": 2}, "why": "Officials are a coin flip here."}]})";
  }
  ASSERT_EQ(Run("score --rules " + ShellQuote((dir_ / "desk.rules").string())), 0) << Err();
  EXPECT_NE(Out().find("with rules desk"), std::string::npos) << Out();
  ASSERT_EQ(Run("explain tatarstan/drone_factory"), 0) << Err();
  EXPECT_NE(Out().find("rule official"), std::string::npos) << Out();
}

TEST_F(ScoreCommand, AMissingFitIsAnError) {
  ASSERT_EQ(Run("import " + Example("putin-early-warning-2019.json")), 0) << Err();
  EXPECT_EQ(Run("score --fit nowhere"), 2);
  EXPECT_NE(Err().find("nowhere"), std::string::npos) << Err();
  EXPECT_EQ(Run("score --fit " + ShellQuote((dir_ / "missing.json").string())), 2);
}

}  // namespace
}  // namespace credence::score
