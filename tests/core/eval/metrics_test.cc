#include "core/eval/metrics.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/eval/baseline.h"
#include "core/eval/gold_items.h"

namespace credence::eval {
namespace {

model::Claim Labeled(const std::string& id, bool truth) {
  model::Claim c;
  c.id = id;
  c.text = id;
  c.label = model::Label{truth, "", ""};
  return c;
}

model::Claim Liar(const std::string& id, const std::string& label) {
  model::Claim c;
  c.id = id;
  c.text = id;
  c.label = model::Label{false, "liar6", "\"" + label + "\""};
  return c;
}

// Two items: {a (true), b} where b wins (wrong), {c (true), d} where c wins.
model::Case TwoItems() {
  model::Case c;
  c.claims = {Labeled("a", true), Labeled("b", false), Labeled("c", true), Labeled("d", false)};
  c.relations = {{model::RelationKind::kExclusive, {"a", "b"}}, {model::RelationKind::kExclusive, {"c", "d"}}};
  return c;
}

std::vector<Prediction> P(std::vector<std::pair<std::string, double>> v) {
  std::vector<Prediction> out;
  for (auto& [id, p] : v) out.push_back({id, p, std::nullopt});
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Metrics, HandComputedAccuracyBrierLogLossEce) {
  auto m = Evaluate(TwoItems(), P({{"a", 0.3}, {"b", 0.6}, {"c", 0.9}, {"d", 0.05}}), nullptr);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->items, 2);
  EXPECT_EQ(m->items_correct, 1);
  EXPECT_DOUBLE_EQ(*m->accuracy, 0.5);
  // Brier: ((0.3-1)^2 + 0.6^2 + (0.9-1)^2 + 0.05^2) / 4 = (0.49 + 0.36 + 0.01 + 0.0025) / 4
  EXPECT_NEAR(*m->brier, 0.8625 / 4, 1e-12);
  EXPECT_NEAR(*m->log_loss, -(std::log(0.3) + std::log(0.4) + std::log(0.9) + std::log(0.95)) / 4, 1e-12);
  // Bins: 0 {0.05: 0}, 3 {0.3: 1}, 6 {0.6: 0}, 9 {0.9: 1}:
  // ECE = (0.05 + 0.7 + 0.6 + 0.1) / 4.
  EXPECT_NEAR(*m->ece, 1.45 / 4, 1e-12);
  EXPECT_EQ(m->bins[3].count, 1);
  EXPECT_DOUBLE_EQ(m->bins[9].frequency, 1);
}

TEST(Metrics, AnItemWithNoTrueClaimAndUnclaimedGoldItemsCountWrong) {
  model::Case c = TwoItems();
  c.claims.push_back(Labeled("e", false));  // a lone claim of a gold item whose value nobody gave
  GoldItems gold;
  gold.items = 5;
  gold.unclaimed = {"x|y"};
  auto m = Evaluate(c, P({{"a", 0.3}, {"b", 0.6}, {"c", 0.9}, {"d", 0.05}, {"e", 0.99}}), &gold);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->items, 4);  // two groups, the lone claim, the unclaimed item
  EXPECT_EQ(m->items_correct, 1);
  EXPECT_DOUBLE_EQ(*m->accuracy, 0.25);
}

TEST(Metrics, SixWayAccuracyAndOrdinalErrorAgainstTheRunsLabels) {
  model::Case c;
  c.claims = {Liar("a", "true"), Liar("b", "pants-fire"), Liar("c", "half-true")};
  std::vector<Prediction> preds = {{"a", 0.9, 5}, {"b", 0.2, 1}, {"c", 0.6, 4}};
  auto m = Evaluate(c, preds, nullptr);
  ASSERT_TRUE(m.ok());
  EXPECT_FALSE(m->accuracy.has_value());
  EXPECT_NEAR(*m->accuracy_6way, 1.0 / 3, 1e-12);
  EXPECT_NEAR(*m->ordinal_mae, 2.0 / 3, 1e-12);
  // Binary reading: true and half-true lean true, pants-fire does not.
  EXPECT_NEAR(*m->brier, (0.01 + 0.04 + 0.16) / 3, 1e-12);
}

TEST(Metrics, ALabeledClaimWithoutAScoreIsAnError) {
  auto m = Evaluate(TwoItems(), P({{"a", 0.3}}), nullptr);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().ToString(), "[b]: expected a score for the labeled claim");
}

TEST(Baseline, WorseMetricsAreListedBetterOnesPass) {
  auto m = Evaluate(TwoItems(), P({{"a", 0.3}, {"b", 0.6}, {"c", 0.9}, {"d", 0.05}}), nullptr);
  ASSERT_TRUE(m.ok());
  auto same = ParseBaseline(MetricsToJson(*m), "b.json");
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_TRUE(CompareWithBaseline(*m, *same).empty());
  auto stricter = ParseBaseline(R"({"metrics": {"accuracy": 0.75, "ece": 0.1, "brier": 0.5}})", "b.json");
  ASSERT_TRUE(stricter.ok());
  std::vector<std::string> worse = CompareWithBaseline(*m, *stricter);
  ASSERT_EQ(worse.size(), 2u);
  EXPECT_EQ(worse[0], "accuracy 0.5 < baseline 0.75");
  EXPECT_EQ(worse[1], "ece 0.3625 > baseline 0.1");
  auto missing = ParseBaseline(R"({"metrics": {"accuracy_6way": 0.3}})", "b.json");
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ(CompareWithBaseline(*m, *missing).at(0), "accuracy_6way is missing (baseline 0.3)");
  auto bad = ParseBaseline(R"({"metrics": {"accuracy": "high"}})", "b.json");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().ToString(), "b.json /metrics/accuracy: expected a number");
}

TEST(GoldItems, RoundTripsAndRejectsBadLines) {
  GoldItems g{308, 293, {"berkeley, new jersey|Population2000", "x|y"}};
  auto back = GoldItemsFromText(GoldItemsToText(g), "g.gold-items");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, g);
  auto bad = GoldItemsFromText("credence-gold-items/1\nitems 3\nwhat\n", "g.gold-items");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().ToString(),
            "g.gold-items:3: expected \"items N\", \"matched N\" or \"unclaimed ITEM\"; got \"what\"");
}

}  // namespace
}  // namespace credence::eval
