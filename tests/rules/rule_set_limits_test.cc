// The rule reader's nesting limit (rules/rule_set.cc): a rule file nested past
// it is rejected with an error naming the limit, never printed or matched
// recursively. The case reader's limits: tests/core/ingest/case_reader_limits_test.cc.
#include <gtest/gtest.h>

#include <string>

#include "rules/rule_set.h"

namespace credence::rules {
namespace {

// A rule whose "when" value nests `depth` arrays. The document is level 1,
// "rules" 2, the rule 3, "when" 4, so the arrays take levels 5 to 4 + depth.
std::string RuleNesting(std::size_t depth) {
  return R"({"format":"credence-rules/1","name":"deep","rules":[{"name":"r","on":"claim",)"
         R"("when":{"topic":)" +
         std::string(depth, '[') + std::string(depth, ']') +
         R"(},"effect":{"prior_log_odds":1},"why":"w"}]})";
}

TEST(RuleFileLimits, MillionDeepNestingIsRejectedNamingTheLimit) {
  auto r = ParseRuleSet(RuleNesting(1'000'000), "deep.rules");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().ToString(), "deep.rules: expected JSON nested at most 1024 levels deep");
}

TEST(RuleFileLimits, NestingAtTheLimitIsAcceptedAndOneMoreRejected) {
  auto r = ParseRuleSet(RuleNesting(1020), "deep.rules");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->rules.at(0).when.at(0).values.at(0).size(), 2040u);
  EXPECT_FALSE(ParseRuleSet(RuleNesting(1021), "deep.rules").ok());
}

}  // namespace
}  // namespace credence::rules
