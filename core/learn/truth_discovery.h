// Truth discovery: source reliabilities learned without labels from how the
// sources agree, over the `exclusive` groups of a case (docs/learning.md).
//
// The model is the scorer's (core/score/evidence_math.h), so a fitted
// reliability means what `credence score` does with it:
//   E-step: each claim c of group g gets log-odds
//     L_c = prior + sum_{links s->c} sign * w_s * SupportLogLr(r_s, rivals_c)
//   and the group's posterior is ExclusivePosterior(L) ("none" has 0);
//   M-step: r_s = (a0 + sum_links q) / (a0 + b0 + n_s), q = p_c for a
//   supporting link and 1 - p_c for a refuting one.
// Iterated from r = a0 / (a0 + b0) until no reliability moves by more than
// `tolerance`. Copy detection (copy_detection.h) runs between the E and M
// steps of every iteration and discounts copiers (w_s = copy_weight).
//
// Labels are never read. Deterministic: same case, same options -> same fit.
#ifndef CREDENCE_CORE_LEARN_TRUTH_DISCOVERY_H_
#define CREDENCE_CORE_LEARN_TRUTH_DISCOVERY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/status.h"
#include "core/learn/copy_detection.h"
#include "core/learn/fit.h"
#include "core/learn/truth_problem.h"
#include "core/model/case.h"

namespace credence::learn {

struct TruthDiscoveryOptions {
  // Beta(prior_alpha, prior_beta) on every source's reliability: mean 0.8, the
  // initial accuracy of Dong et al.'s ACCU, worth two assertions so that a
  // source's own record soon dominates.
  double prior_alpha = 1.6;
  double prior_beta = 0.4;
  // Centre each source's prior on the pooled accuracy of the sources of its
  // activity class (floor(log2 of its assertions)), estimated in every
  // M-step without labels; the strength stays prior_alpha + prior_beta.
  // Occasional sources are then judged by how occasional sources fare.
  // Off by default: it helps Population whole and hurts it restricted to
  // its gold cities (docs/accuracy.md).
  bool activity_prior = false;
  double claim_prior_log_odds = 0;  // the default rules' claim.prior.even
  int max_iterations = 500;
  double tolerance = 1e-6;          // on reliabilities
  bool detect_copying = true;
  CopyDetectionOptions copy;
  int copy_every_iteration_until = 10;  // then every tenth iteration
};

// One E-step: p from reliabilities and copy weights.
void EStep(const TruthProblem& problem, const TruthDiscoveryOptions& options, EmState& state);
// One M-step: reliabilities (and alpha, beta) from p.
void MStep(const TruthProblem& problem, const TruthDiscoveryOptions& options, EmState& state);
// EM from the current reliabilities until neither reliabilities nor copy
// weights move by more than options.tolerance, or max_iterations. With
// `findings`, copying is detected at every iteration (between E and M steps)
// and state.copy_weight updated; without, copy weights stay as they are.
void RunEm(const TruthProblem& problem, const TruthDiscoveryOptions& options, EmState& state,
           std::vector<CopyFinding>* findings);

struct TruthDiscoveryResult {
  std::vector<SourceFit> sources;  // sorted by source id
  std::vector<std::string> claim_ids;  // sorted
  std::vector<double> p;           // posterior per claim (same order)
  int iterations = 0;              // EM iterations, all rounds
  bool converged = false;
  int copiers = 0;                 // sources with copy_weight < 1
};

// The whole fit: EM, then copy detection and EM again (options.copy_rounds).
TruthDiscoveryResult FitTruthDiscovery(const model::Case& c, const TruthDiscoveryOptions& options);

}  // namespace credence::learn

#endif  // CREDENCE_CORE_LEARN_TRUTH_DISCOVERY_H_
