#include "core/score/claim_features.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/learn/fit.h"
#include "core/score/score.h"
#include "rules/rule_set.h"

namespace credence::score {
namespace {

model::Source Speaker() {
  model::Source s;
  s.id = "sp:x";
  s.name = "x";
  s.attributes["party"] = "\"Republican\"";
  s.attributes["history_false"] = "3";
  s.attributes["history_true"] = "1";
  return s;
}

model::Claim Statement() {
  model::Claim c;
  c.id = "c1";
  c.text = "Taxes rose, taxes FELL.";
  c.attributes["subjects"] = "[\"economy\",\"taxes\"]";
  c.attributes["context"] = "\"a TV ad\"";
  return c;
}

TEST(ClaimFeatures, ReadsAttributesHistoryAndWordsSortedAndOnce) {
  const model::Source s = Speaker();
  const model::Source* sources[] = {&s, nullptr};
  const std::vector<ClaimFeature> f = ExtractClaimFeatures(Statement(), sources);
  const std::vector<ClaimFeature> expected = {
      {"claim.context=a tv ad", 1},
      {"claim.context~ad", 1},
      {"claim.context~tv", 1},
      {"claim.subjects=economy", 1},
      {"claim.subjects=taxes", 1},
      {"intercept", 1},
      {"source.history log total", std::log1p(4.0)},
      {"source.history_false share", (3 + 0.5) / 5},
      {"source.history_true share", (1 + 0.5) / 5},
      {"source.party=republican", 1},
      {"text~fell", 1},
      {"text~rose", 1},
      {"text~taxes", 1},
  };
  EXPECT_EQ(f, expected);
}

TEST(ClaimFeatures, ScorerAddsOneNamedFitContributionPerWeightedFeature) {
  model::Case c;
  c.sources.push_back(Speaker());
  c.claims.push_back(Statement());
  model::Link l;
  l.source = "sp:x";
  l.claim = "c1";
  c.links.push_back(l);
  const rules::RuleSet rules = *rules::DefaultRuleSet();
  learn::Fit fit;
  fit.name = "liar";
  ScoreParams params;
  params.fit = &fit;
  auto plain = Score(c, rules, params);
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();

  fit.claim_features = {{"intercept", -0.25}, {"source.party=republican", 0.5}, {"source.history_false share", -2},
                        {"text~unseen", 9}};
  auto with = Score(c, rules, params);
  ASSERT_TRUE(with.ok()) << with.status().ToString();
  const ClaimScore& a = plain->claims[0];
  const ClaimScore& b = with->claims[0];
  EXPECT_NEAR(b.log_odds - a.log_odds, -0.25 + 0.5 - 2 * 0.7, 1e-9);
  std::vector<std::string> refs;
  double sum = 0;
  for (const Contribution& x : b.contributions) {
    sum += x.weight;
    if (x.ref.starts_with("feature:")) {
      EXPECT_EQ(x.kind, ContributionKind::kFit);
      refs.push_back(x.ref);
    }
  }
  EXPECT_NEAR(sum, b.log_odds, 1e-9);
  EXPECT_EQ(refs, (std::vector<std::string>{"feature:intercept", "feature:source.history_false share",
                                            "feature:source.party=republican"}));
  for (const Contribution& x : b.contributions) {
    if (x.ref == "feature:source.party=republican") {
      EXPECT_EQ(x.text, "Learned parameter (fit liar): source.party=republican, weight +0.5.");
    }
  }
}

}  // namespace
}  // namespace credence::score
