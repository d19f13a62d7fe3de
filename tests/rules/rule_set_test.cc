#include "rules/rule_set.h"

#include <gtest/gtest.h>

#include "core/common/sha256.h"

namespace credence::rules {
namespace {

std::string Wrap(const std::string& rules) {
  return R"({"format": "credence-rules/1", "name": "t", "rules": [)" + rules + "]}";
}

// The whole message of the first error, as users see it.
std::string FirstError(const std::string& text) {
  Result<RuleSet> r = ParseRuleSet(text, "t.rules");
  EXPECT_FALSE(r.ok());
  return r.ok() ? "" : r.status().details().front().ToString();
}

TEST(RuleSet, DefaultSetLoadsAndIsHashedByItsBytes) {
  Result<RuleSet> set = DefaultRuleSet();
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->name, "default");
  EXPECT_EQ(set->sha256, Sha256Hex(DefaultRuleText()));
  EXPECT_GT(set->rules.size(), 30u);
  for (const Rule& r : set->rules) EXPECT_FALSE(r.why.empty()) << r.name;
}

TEST(RuleSet, CommentsAreAllowed) {
  Result<RuleSet> set = ParseRuleSet(
      "// a desk's rules\n" +
          Wrap(R"(/* why */ {"name": "a", "on": "claim", "effect": {"prior_log_odds": 0.5}, "why": "w"})"),
      "t.rules");
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->rules[0].effect.prior_log_odds, 0.5);
}

TEST(RuleSet, RejectionsNamePointerRuleAndWhatWasExpected) {
  EXPECT_EQ(FirstError(Wrap(R"({"name": "a", "on": "sources", "effect": {"log_lr": 1}, "why": "w"})")),
            "t.rules [a] /rules/0/on: expected one of source, link, evidence, claim");
  EXPECT_EQ(FirstError(Wrap(R"({"name": "a", "on": "link", "effect": {"log_lr": 1}, "why": "w"})")),
            "t.rules [a] /rules/0/effect/log_lr: unknown effect \"log_lr\" for a rule on link; expected weight_factor");
  EXPECT_EQ(FirstError(Wrap(R"({"name": "a", "on": "link", "effect": {"weight_factor": -1}, "why": "w"})")),
            "t.rules [a] /rules/0/effect/weight_factor: expected a number in [0, 10]; got -1");
  EXPECT_EQ(FirstError(Wrap(R"({"name": "a", "on": "source", "effect": {"reliability_mean": 1.5, "reliability_strength": 2}, "why": "w"})")),
            "t.rules [a] /rules/0/effect/reliability_mean: expected a number in (0, 1); got 1.5");
  EXPECT_EQ(FirstError(Wrap(R"({"name": "a", "on": "source", "when": {"colour": "red"}, "effect": {"reliability_shift": 1}, "why": "w"})")),
            "t.rules [a] /rules/0/when/colour: unknown path \"colour\" for a rule on source (see docs/rules.md)");
  EXPECT_EQ(FirstError(Wrap(R"({"name": "a", "on": "source", "when": {"attributes.first_active": {"after": "2025-13"}}, "effect": {"reliability_shift": 1}, "why": "w"})")),
            "t.rules [a] /rules/0/when/attributes.first_active/after: expected a date (2025, 2025-08, 2025-08-05)");
  EXPECT_EQ(FirstError(Wrap(R"({"name": "a", "on": "claim", "effect": {"prior_log_odds": 0}, "why": "two\nlines"})")),
            "t.rules [a] /rules/0/why: expected a one-line rationale (a non-empty string)");
  EXPECT_EQ(FirstError(R"({"format": "credence-rules/2", "name": "t", "rules": []})"),
            "t.rules /format: expected \"format\": \"credence-rules/1\"");
  EXPECT_EQ(FirstError("{\"format\": \"credence-rules/1\",\n \"rules\": [,]}"),
            "t.rules:2: expected valid JSON (comments allowed): syntax error while parsing value - unexpected ','; "
            "expected '[', '{', or a literal");
}

TEST(RuleSet, EveryErrorOfAFileIsReported) {
  Result<RuleSet> r = ParseRuleSet(
      Wrap(R"({"name": "a", "on": "claim", "effect": {"prior_log_odds": 99}, "why": "w"},
              {"name": "a", "on": "claim", "effect": {"prior_log_odds": 0}, "why": "w"},
              {"name": "b", "on": "link", "effect": {}, "why": "w"})"),
      "t.rules");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.status().details().size(), 2u);
  EXPECT_EQ(r.status().details()[0].ToString(),
            "t.rules [a] /rules/0/effect/prior_log_odds: expected a number in [-20, 20]; got 99");
  EXPECT_EQ(r.status().details()[1].ToString(), "t.rules [b] /rules/2/effect: expected a non-empty effect object");
}

TEST(RuleSet, DuplicateNamesAreRejected) {
  EXPECT_EQ(FirstError(Wrap(R"({"name": "a", "on": "claim", "effect": {"prior_log_odds": 0}, "why": "w"},
                               {"name": "a", "on": "claim", "effect": {"prior_log_odds": 1}, "why": "w"})")),
            "t.rules [a] /rules/1/name: duplicate rule name");
}

TEST(Matching, MatchersCompareByTypeAndCalendar) {
  Result<RuleSet> set = ParseRuleSet(Wrap(R"(
      {"name": "young", "on": "source", "when": {"attributes.first_active": {"after": "2024-01"}}, "effect": {"strength_factor": 0.5}, "why": "w"},
      {"name": "kinds", "on": "source", "when": {"kind": {"in": ["blog", "expert"]}}, "effect": {"strength_factor": 0.5}, "why": "w"},
      {"name": "count", "on": "source", "when": {"attributes.n": 3, "track_record.total": {"at_least": 10}}, "effect": {"strength_factor": 0.5}, "why": "w"},
      {"name": "absent", "on": "source", "when": {"attributes.tabloid": {"exists": false}}, "effect": {"strength_factor": 0.5}, "why": "w"})"),
                                     "t.rules");
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  model::Source s{"s", "S", model::SourceKind::kBlog, {{"first_active", "\"2025-04\""}, {"n", "3.0"}},
                  model::TrackRecord{8, 2, 0}};
  MatchContext ctx;
  ctx.source = &s;
  EXPECT_TRUE(Matches(set->rules[0], ctx));  // 2025-04 is after 2024-01
  EXPECT_TRUE(Matches(set->rules[1], ctx));
  EXPECT_TRUE(Matches(set->rules[2], ctx));  // 3.0 equals 3; total 10
  EXPECT_TRUE(Matches(set->rules[3], ctx));
  s.attributes["first_active"] = "\"2023\"";
  s.attributes["tabloid"] = "true";
  s.kind = model::SourceKind::kNewsOutlet;
  EXPECT_FALSE(Matches(set->rules[0], ctx));
  EXPECT_FALSE(Matches(set->rules[1], ctx));
  EXPECT_FALSE(Matches(set->rules[3], ctx));
}

// Kinds, ids, modes and features are JSON strings to a test: equal only to
// the same string, never to a number, and dates when they read as one.
TEST(Matching, NamesAndIdsCompareAsJsonStrings) {
  Result<RuleSet> set = ParseRuleSet(Wrap(R"(
      {"name": "id.text", "on": "source", "when": {"id": "5"}, "effect": {"strength_factor": 0.5}, "why": "w"},
      {"name": "id.number", "on": "source", "when": {"id": 5}, "effect": {"strength_factor": 0.5}, "why": "w"},
      {"name": "id.at_least", "on": "source", "when": {"id": {"at_least": 1}}, "effect": {"strength_factor": 0.5}, "why": "w"},
      {"name": "id.not", "on": "source", "when": {"id": {"not": "5"}}, "effect": {"strength_factor": 0.5}, "why": "w"},
      {"name": "id.after", "on": "source", "when": {"id": {"after": "2024-01"}}, "effect": {"strength_factor": 0.5}, "why": "w"},
      {"name": "feature", "on": "evidence", "when": {"feature": "metadata_consistent", "value": true}, "effect": {"log_lr": 0.5}, "why": "w"},
      {"name": "feature.in", "on": "evidence", "when": {"feature": {"in": ["x", "metadata"]}}, "effect": {"log_lr": 0.5}, "why": "w"},
      {"name": "mode", "on": "link", "when": {"mode": "relays", "source.kind": "blog"}, "effect": {"weight_factor": 0.5}, "why": "w"})"),
                                     "t.rules");
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  auto rule = [&](std::string_view name) { return *set->Find(name); };
  model::Source s{"5", "S", model::SourceKind::kBlog, {}, std::nullopt};
  MatchContext ctx;
  ctx.source = &s;
  EXPECT_TRUE(Matches(rule("id.text"), ctx));
  EXPECT_FALSE(Matches(rule("id.number"), ctx));
  EXPECT_FALSE(Matches(rule("id.at_least"), ctx));
  EXPECT_FALSE(Matches(rule("id.not"), ctx));
  EXPECT_FALSE(Matches(rule("id.after"), ctx));
  s.id = "2025-02";
  EXPECT_FALSE(Matches(rule("id.text"), ctx));
  EXPECT_TRUE(Matches(rule("id.not"), ctx));
  EXPECT_TRUE(Matches(rule("id.after"), ctx));

  model::Evidence e{"", "metadata_consistent", "true", std::nullopt};
  MatchContext ectx;
  ectx.evidence = &e;
  EXPECT_TRUE(Matches(rule("feature"), ectx));
  EXPECT_FALSE(Matches(rule("feature.in"), ectx));
  e.value = "false";
  EXPECT_FALSE(Matches(rule("feature"), ectx));
  e.feature = "metadata";
  EXPECT_TRUE(Matches(rule("feature.in"), ectx));
  e.feature = "metadata_consistent_";
  e.value = "true";
  EXPECT_FALSE(Matches(rule("feature"), ectx));

  model::Link l;
  l.mode = model::LinkMode::kRelays;
  MatchContext lctx;
  lctx.link = &l;
  lctx.source = &s;
  EXPECT_TRUE(Matches(rule("mode"), lctx));
  l.mode = model::LinkMode::kFirsthand;
  EXPECT_FALSE(Matches(rule("mode"), lctx));
}

}  // namespace
}  // namespace credence::rules
