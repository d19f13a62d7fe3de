// `credence learn`: from a store's records to a Fit (docs/learning.md).
//
// 1. Truth discovery (truth_discovery.h) when the case has exclusive
//    relations: a SourceFit for every source, learned without labels.
// 2. Labeled claims (when `labels` allows): the scorer's uncalibrated p for
//    each labeled claim under the fit so far, then an isotonic calibration
//    map fitted on (p_raw, outcome), and for "liar6" labels the five ordinal
//    cut points on calibrated p that maximise six-way accuracy on these
//    claims. Before that, when the labeled claims are all binary or all
//    liar6, claim-feature weights (claim_feature_fit.h) are fitted with the
//    scorer's log-odds as offset, and the map and cuts are fitted on their
//    out-of-fold log-odds.
//
// Deterministic. The labels of the store are read in step 2 only.
#ifndef CREDENCE_CORE_LEARN_LEARN_H_
#define CREDENCE_CORE_LEARN_LEARN_H_

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/common/status.h"
#include "core/learn/claim_feature_fit.h"
#include "core/learn/fit.h"
#include "core/learn/truth_discovery.h"
#include "core/model/case.h"

namespace credence::learn {

enum class LabelUse {
  kAuto,    // labels are fitted on only when the case has no exclusive relation:
            // the gold of a truth-discovery set is for evaluation
  kUse,     // always fit calibration (and cuts) on labeled claims
  kIgnore,  // never read labels
};

struct LearnOptions {
  std::string name = "default";
  LabelUse labels = LabelUse::kAuto;
  TruthDiscoveryOptions truth;
  // Fit claim-feature weights (claim_feature_fit.h) when labels are used and
  // all labeled claims are on one scale (binary or liar6).
  bool claim_features = true;
  struct Features : ClaimFeatureOptions {
    std::size_t min_claims = 100;  // fewer labeled claims: no feature weights
  } features;
};

struct LearnSummary {
  bool truth_discovery = false;
  int iterations = 0;
  bool converged = false;
  int copiers = 0;
  std::int64_t labeled_claims = 0;  // labeled claims fitted on (0: no labels read)
  std::int64_t claim_features = 0;  // claim-feature weights learned (0: none)
  double feature_l2 = 0;            // their prior precision, chosen by cross-validation
};

// The scorer's uncalibrated p (ClaimScore::p_raw) for every claim of a case
// under a fit, as (claim id, p_raw) sorted by claim id. Passed in so that
// learn does not pick the rule set: the CLI scores as `credence score` does.
using RawScorer =
    std::function<Result<std::vector<std::pair<std::string, double>>>(const model::Case&, const Fit&)>;

// `data_sha256` names the records (Store::DataSha256).
Result<Fit> Learn(const model::Case& c, const std::string& data_sha256, const LearnOptions& options,
                  const RawScorer& score_raw, LearnSummary* summary);

// Isotonic regression (pool adjacent violators) of outcomes on p: the
// calibration map's points, one per pooled block (mean p, share positive),
// ascending in both. Empty input gives an empty map.
CalibrationMap FitIsotonic(std::vector<std::pair<double, bool>> samples);

// Five strictly ascending cuts in (0, 1) on p separating six ordinal labels
// (0..5) so that the number of samples whose label equals the count of cuts
// at or below their p is largest; each cut sits midway between the values it
// separates. Ties go to the lower label.
std::vector<double> FitOrdinalCuts(const std::vector<std::pair<double, int>>& samples);

}  // namespace credence::learn

#endif  // CREDENCE_CORE_LEARN_LEARN_H_
