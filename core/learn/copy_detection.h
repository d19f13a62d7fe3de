// Copy detection in the spirit of Dong, Berti-Equille and Srivastava (VLDB
// 2009): two independent sources seldom give the same FALSE value, so many
// shared false values betray copying (docs/learning.md, "Copy detection").
//
// No all-pairs comparison: candidate pairs come from an inverted index from
// each likely-false claim (p < 0.5) to the sources supporting it; only pairs
// that share at least `min_shared_false` such claims are examined. For each
// candidate pair the items both cover are compared and Dong's likelihood
// ratio of copying against independence is computed:
//   same value, p true:  (r c + Pt (1 - c)) / Pt,   Pt = r_s r_t
//   same value, false:   ((1 - r) c + Pf (1 - c)) / Pf,  Pf = (1 - r_s)(1 - r_t) / n
//   different values:    (1 - c)
// with r = (r_s + r_t) / 2, copy rate c, n the item's rival count; a shared
// claim of posterior p counts p as true and 1 - p as false. The posterior of
// copying uses prior `prior_copy`. The copier is the pair's source whose
// shared values are the larger share of its own assertions; its copy_weight
// is 1 - P(copy) * share (at least 0.01), the smallest over the sources it
// copies.
#ifndef CREDENCE_CORE_LEARN_COPY_DETECTION_H_
#define CREDENCE_CORE_LEARN_COPY_DETECTION_H_

#include <cstdint>
#include <vector>

#include "core/learn/truth_problem.h"

namespace credence::learn {

struct CopyDetectionOptions {
  double copy_rate = 0.8;       // c: Dong et al.'s default
  double prior_copy = 0.2;      // prior probability that a pair is dependent (Dong et al.)
  double min_posterior = 0.5;   // a pair below this is independent
  int min_shared_false = 2;     // candidate pairs share at least this many likely-false claims
  int max_supporters = 64;      // a false claim with more supporters adds no pairs (it is popular, not copied)
};

struct CopyFinding {
  int copier = 0;     // source index
  int original = 0;   // source index
  double posterior = 0;
  double share = 0;   // of the copier's assertions that agree with the original
  std::int64_t shared_false = 0;
};

struct CopyDetectionResult {
  std::vector<CopyFinding> findings;   // sorted by (copier, original)
  std::vector<double> copy_weight;     // per source
  std::int64_t candidate_pairs = 0;    // pairs examined (never all pairs)
};

CopyDetectionResult DetectCopying(const TruthProblem& problem, const EmState& state,
                                  const CopyDetectionOptions& options);

}  // namespace credence::learn

#endif  // CREDENCE_CORE_LEARN_COPY_DETECTION_H_
