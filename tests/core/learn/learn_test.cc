#include "core/learn/learn.h"

#include <gtest/gtest.h>

namespace credence::learn {
namespace {

TEST(Isotonic, PoolsViolatorsIntoMonotoneBlocks) {
  // x: 0.1 (0), 0.2 (1), 0.3 (0), 0.4 (1), 0.4 (1): 0.2 and 0.3 pool to 0.5.
  CalibrationMap map = FitIsotonic({{0.4, true}, {0.1, false}, {0.3, false}, {0.2, true}, {0.4, true}});
  ASSERT_EQ(map.points.size(), 3u);
  EXPECT_DOUBLE_EQ(map.points[0].first, 0.1);
  EXPECT_DOUBLE_EQ(map.points[0].second, 0);
  EXPECT_DOUBLE_EQ(map.points[1].first, 0.25);
  EXPECT_DOUBLE_EQ(map.points[1].second, 0.5);
  EXPECT_DOUBLE_EQ(map.points[2].second, 1);
  EXPECT_DOUBLE_EQ(map.Apply(0.05), 0);
  EXPECT_DOUBLE_EQ(map.Apply(0.175), 0.25);
  EXPECT_DOUBLE_EQ(map.Apply(0.9), 1);
}

TEST(OrdinalCuts, SeparateCleanlyOrderedLabelsMidway) {
  std::vector<std::pair<double, int>> samples;
  for (int k = 0; k < 6; ++k) {
    samples.push_back({0.1 + 0.15 * k, k});
    samples.push_back({0.1 + 0.15 * k, k});
  }
  std::vector<double> cuts = FitOrdinalCuts(samples);
  ASSERT_EQ(cuts.size(), 5u);
  for (int k = 0; k < 5; ++k) EXPECT_NEAR(cuts[k], 0.175 + 0.15 * k, 1e-12) << k;
}

TEST(OrdinalCuts, AreStrictlyAscendingInsideTheUnitIntervalWhenLabelsAreMissing) {
  std::vector<double> cuts = FitOrdinalCuts({{0.3, 1}, {0.3, 1}, {0.7, 4}});
  ASSERT_EQ(cuts.size(), 5u);
  for (int k = 0; k < 5; ++k) {
    EXPECT_GT(cuts[k], 0);
    EXPECT_LT(cuts[k], 1);
    if (k > 0) {
      EXPECT_GT(cuts[k], cuts[k - 1]);
    }
  }
  auto label = [&](double p) {
    int n = 0;
    for (double c : cuts) n += p >= c ? 1 : 0;
    return n;
  };
  EXPECT_EQ(label(0.3), 1);
  EXPECT_EQ(label(0.7), 4);
}

TEST(Learn, FitsCalibrationOnLabelsOnlyWithoutExclusiveRelations) {
  model::Case c;
  for (int i = 0; i < 4; ++i) {
    model::Claim cl;
    cl.id = "c" + std::to_string(i);
    cl.text = cl.id;
    cl.label = model::Label{i >= 2, "", ""};
    c.claims.push_back(cl);
  }
  int calls = 0;
  RawScorer scorer = [&](const model::Case& unlabeled, const Fit&)
      -> Result<std::vector<std::pair<std::string, double>>> {
    ++calls;
    for (const model::Claim& cl : unlabeled.claims) EXPECT_FALSE(cl.label.has_value());
    return std::vector<std::pair<std::string, double>>{{"c0", 0.2}, {"c1", 0.4}, {"c2", 0.6}, {"c3", 0.8}};
  };
  LearnSummary summary;
  auto fit = Learn(c, "sha", LearnOptions{}, scorer, &summary);
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(summary.labeled_claims, 4);
  ASSERT_TRUE(fit->calibration.has_value());
  EXPECT_DOUBLE_EQ(fit->calibration->Apply(0.2), 0);
  EXPECT_DOUBLE_EQ(fit->calibration->Apply(0.8), 1);

  c.relations.push_back({model::RelationKind::kExclusive, {"c0", "c1"}});
  auto td = Learn(c, "sha", LearnOptions{}, scorer, &summary);
  ASSERT_TRUE(td.ok());
  EXPECT_EQ(calls, 1) << "a truth-discovery store's gold must not be fitted on by default";
  EXPECT_FALSE(td->calibration.has_value());
}

}  // namespace
}  // namespace credence::learn
