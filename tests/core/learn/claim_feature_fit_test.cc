#include "core/learn/claim_feature_fit.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>

#include "core/learn/learn.h"

namespace credence::learn {
namespace {

// Samples whose six-way label rises with a latent score made of a party
// effect (+1 for "a", -1 for "b") and a numeric feature in [0, 1] with
// weight 2, plus logistic noise; "noise" features carry nothing.
std::vector<FeatureSample> Synthetic(int n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto uniform = [&] { return static_cast<double>(rng() >> 11) / 9007199254740992.0; };
  std::vector<FeatureSample> out;
  for (int i = 0; i < n; ++i) {
    FeatureSample s;
    const bool a = rng() % 2 == 0;
    const double x = uniform();
    const double u = std::clamp(uniform(), 1e-9, 1 - 1e-9);
    const double latent = (a ? 1.0 : -1.0) + 2 * x + std::log(u / (1 - u));
    const double cuts[5] = {-2, -1, 0, 1, 2};
    s.label = 0;
    for (double c : cuts) s.label += latent > c ? 1 : 0;
    s.features = {{"intercept", 1}, {"noise=" + std::to_string(rng() % 50), 1}, {a ? "party=a" : "party=b", 1},
                  {"x share", x}};
    std::sort(s.features.begin(), s.features.end(),
              [](const score::ClaimFeature& l, const score::ClaimFeature& r) { return l.name < r.name; });
    out.push_back(std::move(s));
  }
  return out;
}

TEST(ClaimFeatureFit, RecoversTheSignsAndSizeOfPlantedEffects) {
  const std::vector<FeatureSample> samples = Synthetic(3000, 7);
  ClaimFeatureOptions options;
  const ClaimFeatureFit fit = FitClaimFeatures(samples, 6, options);
  ASSERT_TRUE(fit.weights.contains("party=a"));
  ASSERT_TRUE(fit.weights.contains("party=b"));
  ASSERT_TRUE(fit.weights.contains("intercept"));
  // Only the difference of the two party weights is identified (they sum to
  // one indicator): planted difference 2.
  EXPECT_NEAR(fit.weights.at("party=a") - fit.weights.at("party=b"), 2.0, 0.35);
  EXPECT_NEAR(fit.weights.at("x share"), 2.0, 0.5);
  EXPECT_EQ(fit.thresholds.size(), 5u);
  for (std::size_t k = 1; k < fit.thresholds.size(); ++k) EXPECT_GT(fit.thresholds[k], fit.thresholds[k - 1]);
  for (const auto& [name, w] : fit.weights) {
    if (name.starts_with("noise=")) {
      EXPECT_LT(std::abs(w), 0.5) << name;
    }
  }
  EXPECT_EQ(fit.out_of_fold_log_odds.size(), samples.size());
  // The held-out log-likelihood beats the label frequencies alone (ln 6 is
  // uniform; the marginal is about -1.7).
  EXPECT_GT(fit.out_of_fold_log_likelihood, -1.65);
}

TEST(ClaimFeatureFit, DropsRareFeaturesAndIsDeterministic) {
  std::vector<FeatureSample> samples = Synthetic(400, 3);
  samples[0].features.push_back({"zz rare", 1});
  ClaimFeatureOptions options;
  options.l2_grid = {4};
  options.steps = 100;
  const ClaimFeatureFit a = FitClaimFeatures(samples, 6, options);
  const ClaimFeatureFit b = FitClaimFeatures(samples, 6, options);
  EXPECT_EQ(a.weights, b.weights);
  EXPECT_EQ(a.out_of_fold_log_odds, b.out_of_fold_log_odds);
  EXPECT_FALSE(a.weights.contains("zz rare"));
  EXPECT_EQ(a.l2, 4);
}

TEST(ClaimFeatureFit, BinaryLabelsAreLogisticRegression) {
  std::vector<FeatureSample> samples = Synthetic(2000, 11);
  for (FeatureSample& s : samples) s.label = s.label >= 3 ? 1 : 0;
  const ClaimFeatureFit fit = FitClaimFeatures(samples, 2, ClaimFeatureOptions{});
  EXPECT_NEAR(fit.weights.at("party=a") - fit.weights.at("party=b"), 2.0, 0.4);
  EXPECT_EQ(fit.thresholds.size(), 1u);
  EXPECT_DOUBLE_EQ(fit.weights.at("intercept"), -fit.thresholds[0]);
}

TEST(ClaimFeatureFit, FewerSamplesThanFoldsGiveOnlyTheOffset) {
  std::vector<FeatureSample> samples = Synthetic(3, 1);
  const ClaimFeatureFit fit = FitClaimFeatures(samples, 6, ClaimFeatureOptions{});
  EXPECT_EQ(fit.weights, (std::map<std::string, double>{{"intercept", 0}}));
  for (std::size_t i = 0; i < samples.size(); ++i) EXPECT_EQ(fit.out_of_fold_log_odds[i], samples[i].offset);
}

TEST(Learn, FitsClaimFeaturesOnLiarLabelsAndCalibratesOnHeldOutFolds) {
  // 300 statements: speakers of party "a" lean true, of party "b" false.
  model::Case c;
  const char* labels[] = {"pants-fire", "false", "barely-true", "half-true", "mostly-true", "true"};
  std::mt19937_64 rng(5);
  for (int i = 0; i < 300; ++i) {
    const bool a = i % 2 == 0;
    model::Source s;
    s.id = "sp:" + std::to_string(i);
    s.name = s.id;
    s.attributes["party"] = a ? "\"a\"" : "\"b\"";
    model::Claim cl;
    cl.id = "liar:" + std::to_string(i);
    cl.text = "statement";
    const int k = static_cast<int>(rng() % 3) + (a ? 3 : 0);
    cl.label = model::Label{false, "liar6", std::string("\"") + labels[k] + "\""};
    model::Link l;
    l.source = s.id;
    l.claim = cl.id;
    c.sources.push_back(s);
    c.claims.push_back(cl);
    c.links.push_back(l);
  }
  int calls = 0;
  RawScorer scorer = [&](const model::Case& unlabeled, const Fit& fit)
      -> Result<std::vector<std::pair<std::string, double>>> {
    ++calls;
    EXPECT_TRUE(fit.claim_features.empty()) << "offsets are the scorer's log-odds without features";
    std::vector<std::pair<std::string, double>> out;
    for (const model::Claim& cl : unlabeled.claims) {
      EXPECT_FALSE(cl.label.has_value());
      out.push_back({cl.id, 0.5});
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  LearnSummary summary;
  auto fit = Learn(c, "sha", LearnOptions{}, scorer, &summary);
  ASSERT_TRUE(fit.ok()) << fit.status().ToString();
  EXPECT_EQ(calls, 1);
  ASSERT_TRUE(fit->claim_features.contains("source.party=a"));
  EXPECT_GT(fit->claim_features.at("source.party=a"), fit->claim_features.at("source.party=b") + 1);
  EXPECT_EQ(summary.claim_features, static_cast<std::int64_t>(fit->claim_features.size()));
  ASSERT_TRUE(fit->calibration.has_value());
  ASSERT_TRUE(fit->ordinal_cuts.contains("liar6"));

  LearnOptions without;
  without.claim_features = false;
  auto plain = Learn(c, "sha", without, scorer, nullptr);
  ASSERT_TRUE(plain.ok());
  EXPECT_TRUE(plain->claim_features.empty());
}

}  // namespace
}  // namespace credence::learn
