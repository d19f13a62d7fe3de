#include "core/learn/learn.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>

#include "core/learn/claim_feature_fit.h"
#include "core/score/claim_features.h"
#include "core/score/evidence_math.h"

namespace credence::learn {
namespace {

constexpr const char* kLiar6[] = {"\"pants-fire\"", "\"false\"", "\"barely-true\"",
                                  "\"half-true\"", "\"mostly-true\"", "\"true\""};

int Liar6Index(const model::JsonText& value) {
  for (int i = 0; i < 6; ++i) {
    if (value == kLiar6[i]) return i;
  }
  return -1;
}

// The features of each sample's claim, from the claim and the sources of
// its links in source id order (as the scorer's index holds them).
void FillFeatures(const model::Case& c, const std::vector<const model::Claim*>& claims,
                  std::vector<FeatureSample>& samples) {
  std::map<std::string, const model::Source*> sources;
  for (const model::Source& src : c.sources) sources.emplace(src.id, &src);
  std::map<std::string, std::vector<const model::Source*>> asserting;
  for (const model::Link& l : c.links) {
    auto it = sources.find(l.source);
    if (it != sources.end()) asserting[l.claim].push_back(it->second);
  }
  for (auto& [claim, list] : asserting) {
    std::sort(list.begin(), list.end(), [](const model::Source* a, const model::Source* b) { return a->id < b->id; });
  }
  const std::vector<const model::Source*> none;
  for (std::size_t i = 0; i < claims.size(); ++i) {
    auto it = asserting.find(claims[i]->id);
    samples[i].features = score::ExtractClaimFeatures(*claims[i], it == asserting.end() ? none : it->second);
  }
}

}  // namespace

CalibrationMap FitIsotonic(std::vector<std::pair<double, bool>> samples) {
  std::sort(samples.begin(), samples.end());
  struct Block {
    double sum_x = 0, sum_y = 0, n = 0;
    double y() const { return sum_y / n; }
  };
  std::vector<Block> blocks;
  for (std::size_t i = 0; i < samples.size();) {
    Block b;
    const double x = samples[i].first;
    for (; i < samples.size() && samples[i].first == x; ++i) {
      b.sum_x += x;
      b.sum_y += samples[i].second ? 1 : 0;
      b.n += 1;
    }
    blocks.push_back(b);
    // Pool adjacent violators.
    while (blocks.size() >= 2 && blocks[blocks.size() - 2].y() >= blocks.back().y()) {
      Block last = blocks.back();
      blocks.pop_back();
      blocks.back().sum_x += last.sum_x;
      blocks.back().sum_y += last.sum_y;
      blocks.back().n += last.n;
    }
  }
  CalibrationMap map;
  for (const Block& b : blocks) map.points.push_back({b.sum_x / b.n, b.y()});
  return map;
}


std::vector<double> FitOrdinalCuts(const std::vector<std::pair<double, int>>& samples) {
  std::map<double, std::array<std::int64_t, 6>> counts;
  for (const auto& [p, label] : samples) {
    if (label >= 0 && label < 6) ++counts[p][label];
  }
  std::vector<double> v;
  std::vector<std::array<std::int64_t, 6>> c;
  for (const auto& [p, k] : counts) {
    v.push_back(p);
    c.push_back(k);
  }
  const std::size_t n = v.size();
  // best[i][k]: most right answers for values < i with value i-1 labeled k
  // (labels non-decreasing in p).
  std::vector<std::array<std::int64_t, 6>> best(n + 1), from(n + 1);
  best[0].fill(0);
  for (std::size_t i = 1; i <= n; ++i) {
    for (int k = 0; k < 6; ++k) {
      int arg = 0;
      for (int j = 1; j <= k; ++j) {
        if (best[i - 1][j] > best[i - 1][arg]) arg = j;
      }
      best[i][k] = best[i - 1][arg] + c[i - 1][k];
      from[i][k] = arg;
    }
  }
  std::vector<int> label(n, 0);
  if (n > 0) {
    int k = 0;
    for (int j = 1; j < 6; ++j) {
      if (best[n][j] > best[n][k]) k = j;
    }
    for (std::size_t i = n; i >= 1; --i) {
      label[i - 1] = k;
      k = static_cast<int>(from[i][k]);
    }
  }
  std::vector<double> cuts;
  for (int k = 1; k < 6; ++k) {
    std::size_t i = 0;
    while (i < n && label[i] < k) ++i;
    double cut;
    if (n == 0) {
      cut = k / 6.0;
    } else if (i == 0) {
      cut = v[0] / 2;
    } else if (i == n) {
      cut = (v[n - 1] + 1) / 2;
    } else {
      cut = (v[i - 1] + v[i]) / 2;
    }
    cuts.push_back(std::clamp(cut, 1e-6, 1 - 1e-6));
  }
  // A label no value took leaves two equal cuts: separate them by a hair,
  // which no sample falls between.
  for (int k = 3; k >= 0; --k) {
    if (cuts[k] >= cuts[k + 1]) cuts[k] = cuts[k + 1] - 1e-9;
  }
  for (int k = 1; k < 5; ++k) {
    if (cuts[k] <= cuts[k - 1]) cuts[k] = cuts[k - 1] + 1e-9;
  }
  return cuts;
}

Result<Fit> Learn(const model::Case& c, const std::string& data_sha256, const LearnOptions& options,
                  const RawScorer& score_raw, LearnSummary* summary) {
  LearnSummary local;
  LearnSummary& s = summary != nullptr ? *summary : local;
  Fit fit;
  fit.name = options.name;
  fit.data_sha256 = data_sha256;
  std::int64_t exclusive = 0;
  for (const model::Relation& r : c.relations) exclusive += r.kind == model::RelationKind::kExclusive ? 1 : 0;
  if (exclusive > 0) {
    TruthDiscoveryResult td = FitTruthDiscovery(c, options.truth);
    fit.sources = std::move(td.sources);
    s.truth_discovery = true;
    s.iterations = td.iterations;
    s.converged = td.converged;
    s.copiers = td.copiers;
  }
  const bool use_labels =
      options.labels == LabelUse::kUse || (options.labels == LabelUse::kAuto && exclusive == 0);
  std::int64_t labeled = 0;
  for (const model::Claim& cl : c.claims) labeled += cl.label ? 1 : 0;
  if (use_labels && labeled > 0) {
    model::Case unlabeled = c;
    for (model::Claim& cl : unlabeled.claims) cl.label.reset();
    auto raw = score_raw(unlabeled, fit);
    if (!raw.ok()) return raw.status();
    std::map<std::string, const model::Claim*> by_id;
    for (const model::Claim& cl : c.claims) {
      if (cl.label) by_id.emplace(cl.id, &cl);
    }
    std::vector<std::pair<double, bool>> outcomes;
    std::vector<std::pair<double, int>> ordinal_raw;
    std::vector<FeatureSample> samples;
    std::vector<const model::Claim*> sample_claims;
    bool binary = false, liar6 = false;
    for (const auto& [id, p] : *raw) {
      auto it = by_id.find(id);
      if (it == by_id.end()) continue;
      const model::Label& label = *it->second->label;
      FeatureSample sample;
      sample.offset = score::Logit(std::clamp(p, 1e-12, 1 - 1e-12));
      if (label.is_binary()) {
        outcomes.push_back({p, label.truth});
        sample.label = label.truth ? 1 : 0;
        binary = true;
      } else if (label.scale == "liar6") {
        const int k = Liar6Index(label.value);
        if (k < 0) {
          return Status::InvalidInput("expected a liar6 label (pants-fire ... true); got " + label.value,
                                      InputLocation{"", 0, "/label/value", id});
        }
        outcomes.push_back({p, k >= 3});
        ordinal_raw.push_back({p, k});
        sample.label = k;
        liar6 = true;
      } else {
        continue;
      }
      samples.push_back(std::move(sample));
      sample_claims.push_back(it->second);
    }
    s.labeled_claims = static_cast<std::int64_t>(outcomes.size());
    // Claim features, when every labeled claim is on one scale: weights from
    // the labeled claims, and calibration and cuts fitted on the
    // out-of-fold log-odds (what the scorer gives a claim the weights did
    // not see), not on the fitted claims' own.
    if (options.claim_features && binary != liar6 && samples.size() >= options.features.min_claims) {
      FillFeatures(c, sample_claims, samples);
      ClaimFeatureFit cf = FitClaimFeatures(samples, liar6 ? 6 : 2, options.features);
      fit.claim_features = std::move(cf.weights);
      s.claim_features = static_cast<std::int64_t>(fit.claim_features.size());
      s.feature_l2 = cf.l2;
      for (std::size_t i = 0; i < samples.size(); ++i) {
        const double p = score::Logistic(cf.out_of_fold_log_odds[i]);
        outcomes[i].first = p;
        if (liar6) ordinal_raw[i].first = p;
      }
    }
    if (!outcomes.empty()) fit.calibration = FitIsotonic(outcomes);
    if (!ordinal_raw.empty()) {
      for (auto& [p, k] : ordinal_raw) p = fit.calibration->Apply(p);
      fit.ordinal_cuts["liar6"] = FitOrdinalCuts(ordinal_raw);
    }
  }
  fit.data_summary = std::to_string(c.claims.size()) + " claims, " + std::to_string(c.sources.size()) +
                     " sources, " + std::to_string(exclusive) + " exclusive groups, " +
                     std::to_string(s.labeled_claims) + " labeled claims fitted on";
  if (!fit.claim_features.empty()) {
    char l2[32];
    std::snprintf(l2, sizeof l2, "%g", s.feature_l2);
    fit.data_summary += ", " + std::to_string(fit.claim_features.size()) + " claim-feature weights (l2 " + l2 +
                        " by " + std::to_string(options.features.folds) + "-fold cross-validation)";
  }
  return fit;
}

}  // namespace credence::learn
