#include "core/learn/truth_discovery.h"

#include <gtest/gtest.h>

#include "core/learn/copy_detection.h"
#include "core/learn/synthetic_case.h"

namespace credence::learn {
namespace {

const SourceFit& FitOf(const TruthDiscoveryResult& r, const std::string& id) {
  for (const SourceFit& f : r.sources) {
    if (f.source_id == id) return f;
  }
  ADD_FAILURE() << "no fit for " << id;
  return r.sources.front();
}

double Mean(const SourceFit& f) { return f.alpha / (f.alpha + f.beta); }

// Tolerance of the recovered reliabilities: 0.05 absolute with 1,000 items
// at 60% coverage (about 600 assertions a source: a binomial standard error
// of 0.012-0.02, so 0.05 leaves room for the model's own approximation).
constexpr double kTolerance = 0.05;

TEST(TruthDiscovery, RecoversKnownReliabilitiesWithoutLabels) {
  SyntheticSpec spec;
  spec.reliabilities = {0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.5, 0.4};
  TruthDiscoveryOptions options;
  options.detect_copying = false;
  TruthDiscoveryResult r = FitTruthDiscovery(MakeSyntheticCase(spec), options);
  EXPECT_TRUE(r.converged);
  for (std::size_t s = 0; s < spec.reliabilities.size(); ++s) {
    EXPECT_NEAR(Mean(FitOf(r, "s" + std::to_string(s))), spec.reliabilities[s], kTolerance) << "s" << s;
  }
}

TEST(TruthDiscovery, IgnoresLabels) {
  SyntheticSpec spec;
  spec.reliabilities = {0.9, 0.8, 0.7, 0.6};
  spec.items = 200;
  model::Case c = MakeSyntheticCase(spec);
  model::Case unlabeled = c;
  for (model::Claim& cl : unlabeled.claims) cl.label.reset();
  TruthDiscoveryOptions options;
  TruthDiscoveryResult a = FitTruthDiscovery(c, options);
  TruthDiscoveryResult b = FitTruthDiscovery(unlabeled, options);
  EXPECT_EQ(a.sources, b.sources);
  EXPECT_EQ(a.p, b.p);
}

TEST(TruthDiscovery, IsDeterministicAndIndependentOfRecordOrder) {
  SyntheticSpec spec;
  spec.reliabilities = {0.9, 0.7, 0.6};
  spec.copiers = {{2, 0.9}};
  spec.items = 300;
  model::Case c = MakeSyntheticCase(spec);
  model::Case shuffled = c;
  std::reverse(shuffled.links.begin(), shuffled.links.end());
  std::reverse(shuffled.claims.begin(), shuffled.claims.end());
  std::reverse(shuffled.sources.begin(), shuffled.sources.end());
  TruthDiscoveryOptions options;
  TruthDiscoveryResult a = FitTruthDiscovery(c, options);
  TruthDiscoveryResult b = FitTruthDiscovery(shuffled, options);
  EXPECT_EQ(a.sources, b.sources);
  EXPECT_EQ(a.claim_ids, b.claim_ids);
  EXPECT_EQ(a.p, b.p);
}

TEST(TruthDiscovery, PosteriorOfAGroupIsTheScorersExclusivePosterior) {
  // One item, two values: s0 (alone) against s1 and s2 together.
  model::Case c;
  for (const char* s : {"s0", "s1", "s2"}) c.sources.push_back({s, s, model::SourceKind::kOther, {}, {}});
  c.claims.push_back({"a", "a"});
  c.claims.push_back({"b", "b"});
  c.links.push_back({"s0", "a", model::Stance::kSupports, model::LinkMode::kOriginates});
  c.links.push_back({"s1", "b", model::Stance::kSupports, model::LinkMode::kOriginates});
  c.links.push_back({"s2", "b", model::Stance::kSupports, model::LinkMode::kOriginates});
  c.relations.push_back({model::RelationKind::kExclusive, {"a", "b"}});
  TruthProblem t = BuildTruthProblem(c);
  TruthDiscoveryOptions options;
  EmState state;
  state.reliability = {0.8, 0.8, 0.8};
  state.copy_weight = {1, 1, 1};
  EStep(t, options, state);
  // L_a = ln 4, L_b = 2 ln 4 (rivals = 1): p = e^L / (1 + e^La + e^Lb).
  EXPECT_NEAR(state.p[0], 4.0 / 21.0, 1e-12);
  EXPECT_NEAR(state.p[1], 16.0 / 21.0, 1e-12);
  EmState fixed = state;
  options.activity_prior = false;
  MStep(t, options, fixed);
  EXPECT_NEAR(fixed.alpha[0], options.prior_alpha + 4.0 / 21.0, 1e-12);
  EXPECT_NEAR(fixed.beta[0], options.prior_beta + 17.0 / 21.0, 1e-12);
  // With the activity prior, the three sources (one assertion each) share a
  // class whose prior mean is their pooled expected accuracy, shrunk toward
  // Beta(1.6, 0.4): (1.6 + 4/21 + 16/21 + 16/21) / (2 + 3).
  options.activity_prior = true;
  MStep(t, options, state);
  const double m = (options.prior_alpha + 36.0 / 21.0) / (options.prior_alpha + options.prior_beta + 3);
  EXPECT_NEAR(state.alpha[0], 2 * m + 4.0 / 21.0, 1e-12);
  EXPECT_NEAR(state.beta[0], 2 * (1 - m) + 17.0 / 21.0, 1e-12);
  EXPECT_NEAR(state.alpha[1], 2 * m + 16.0 / 21.0, 1e-12);
}

// The rival count is the number of other values the case holds for the item,
// not a domain size (docs/model.md section 4; a domain-size term was measured
// and not kept, docs/accuracy.md): a source below 1/2 counts against its
// value when that value has one rival, and for it when it has two.
TEST(TruthDiscovery, RivalsAreTheOtherValuesTheCaseHolds) {
  model::Case c;
  for (const char* s : {"s0", "s1"}) c.sources.push_back({s, s, model::SourceKind::kOther, {}, {}});
  for (const char* id : {"x1", "x2", "y1", "y2", "y3"}) c.claims.push_back({id, id});
  c.links.push_back({"s0", "x1", model::Stance::kSupports, model::LinkMode::kOriginates});
  c.links.push_back({"s0", "y1", model::Stance::kSupports, model::LinkMode::kOriginates});
  c.links.push_back({"s1", "x2", model::Stance::kSupports, model::LinkMode::kOriginates});
  c.links.push_back({"s1", "y2", model::Stance::kSupports, model::LinkMode::kOriginates});
  c.links.push_back({"s1", "y3", model::Stance::kSupports, model::LinkMode::kOriginates});
  c.relations.push_back({model::RelationKind::kExclusive, {"x1", "x2"}});
  c.relations.push_back({model::RelationKind::kExclusive, {"y1", "y2", "y3"}});
  TruthProblem t = BuildTruthProblem(c);
  TruthDiscoveryOptions options;
  EmState state;
  state.reliability = {0.3, 0.5};
  state.copy_weight = {1, 1};
  EStep(t, options, state);
  // Claims are sorted: x1 x2 y1 y2 y3. s1 at 1/2 gives L = ln k.
  // x: L_x1 = ln(0.3/0.7) < 0, L_x2 = 0.
  EXPECT_NEAR(state.p[0], (3.0 / 7) / (1 + 3.0 / 7 + 1), 1e-12);
  EXPECT_LT(state.p[0], state.p[1]);
  // y: L_y1 = ln(2 * 0.3/0.7) = ln(6/7), L_y2 = L_y3 = ln 2.
  EXPECT_NEAR(state.p[2], (6.0 / 7) / (1 + 6.0 / 7 + 2 + 2), 1e-12);
  EXPECT_GT(state.p[2], (3.0 / 7) / (1 + 3.0 / 7 + 2 + 2));
}

TEST(CopyDetection, FlagsPlantedCopiersAndDiscountsThem) {
  SyntheticSpec spec;
  spec.reliabilities = {0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.55};
  spec.copiers = {{6, 0.9}, {6, 0.85}};  // two copies of the worst source
  TruthDiscoveryResult r = FitTruthDiscovery(MakeSyntheticCase(spec), TruthDiscoveryOptions{});
  for (const char* copier : {"c0", "c1"}) {
    const SourceFit& f = FitOf(r, copier);
    EXPECT_LT(f.copy_weight, 0.5) << copier;
    ASSERT_FALSE(f.copies_from.empty()) << copier;
    EXPECT_TRUE(std::find(f.copies_from.begin(), f.copies_from.end(), "s6") != f.copies_from.end() ||
                std::find(f.copies_from.begin(), f.copies_from.end(), copier == std::string("c0") ? "c1" : "c0") !=
                    f.copies_from.end())
        << copier;
  }
  for (int s = 0; s < 6; ++s) {
    const SourceFit& f = FitOf(r, "s" + std::to_string(s));
    EXPECT_EQ(f.copy_weight, 1) << "independent source s" << s << " was flagged";
    EXPECT_NEAR(Mean(f), spec.reliabilities[s], kTolerance) << "s" << s;
  }
}

TEST(CopyDetection, ComparesOnlyPairsThatShareFalseValues) {
  SyntheticSpec spec;
  spec.reliabilities.assign(40, 0.9);
  spec.items = 300;
  model::Case c = MakeSyntheticCase(spec);
  TruthProblem t = BuildTruthProblem(c);
  EmState state;
  state.reliability.assign(t.source_ids.size(), 0.8);
  state.copy_weight.assign(t.source_ids.size(), 1);
  RunEm(t, TruthDiscoveryOptions{}, state, nullptr);
  CopyDetectionResult found = DetectCopying(t, state, CopyDetectionOptions{});
  EXPECT_LT(found.candidate_pairs, 40 * 39 / 2);
  EXPECT_TRUE(found.findings.empty());
}

}  // namespace
}  // namespace credence::learn
