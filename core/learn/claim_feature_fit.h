// Weights of claim features (core/score/claim_features.h) learned from
// labeled claims by a regularised ordinal logistic model (proportional odds,
// McCullagh 1980), docs/learning.md §3:
//
//   P(label <= k) = logistic(theta_k - eta),   eta = offset + sum_f w_f x_f
//
// with K ordered labels (K = 2 is logistic regression), `offset` the
// scorer's log-odds without features (rules, track record, fitted sources),
// and a Gaussian prior of precision `l2` on each w_f (thresholds are not
// penalised). The stored weights are the w_f and, as the feature
// "intercept", -theta_m with m = K/2 - 1: then offset + sum w x is the
// model's log-odds that the label is in the upper half (true-leaning), the
// quantity the scorer's p means.
//
// `l2` is chosen from a grid by `folds`-fold cross-validation on the samples
// given (held-out log-likelihood), so nothing is tuned on data the caller
// evaluates on. Deterministic: folds are sample index mod `folds`, the
// optimiser is full-batch Adam with a fixed number of steps, sums in sample
// order.
#ifndef CREDENCE_CORE_LEARN_CLAIM_FEATURE_FIT_H_
#define CREDENCE_CORE_LEARN_CLAIM_FEATURE_FIT_H_

#include <map>
#include <string>
#include <vector>

#include "core/score/claim_features.h"

namespace credence::learn {

struct FeatureSample {
  std::vector<score::ClaimFeature> features;  // as ExtractClaimFeatures gives them
  double offset = 0;                          // log-odds without features
  int label = 0;                              // 0..K-1, ordered
};

struct ClaimFeatureOptions {
  int min_count = 5;  // a feature present in fewer samples gets no weight:
                      // too rare to estimate, and it keeps fits small
  std::vector<double> l2_grid = {2, 8, 32, 128};  // candidate prior precisions
  int folds = 5;
  int steps = 300;           // Adam steps per fit
  double learning_rate = 0.05;
};

struct ClaimFeatureFit {
  std::map<std::string, double> weights;  // feature name -> weight, with "intercept"
  double l2 = 0;                          // the precision chosen
  std::vector<double> thresholds;         // theta_0..theta_{K-2}
  // Per sample (same order): offset + sum w x (with the intercept) from the
  // fold model that did not see the sample: honest log-odds on which a
  // calibration map and cut points can be fitted.
  std::vector<double> out_of_fold_log_odds;
  double out_of_fold_log_likelihood = 0;  // mean, at the chosen l2
};

// `levels` = K >= 2; every label must be in [0, K). Fewer samples than
// `folds` give no features (weights hold the intercept only).
ClaimFeatureFit FitClaimFeatures(const std::vector<FeatureSample>& samples, int levels,
                                 const ClaimFeatureOptions& options);

}  // namespace credence::learn

#endif  // CREDENCE_CORE_LEARN_CLAIM_FEATURE_FIT_H_
