// The compact form of a case that truth discovery iterates on, and the state
// of the iteration. Shared by truth_discovery.h and copy_detection.h.
#ifndef CREDENCE_CORE_LEARN_TRUTH_PROBLEM_H_
#define CREDENCE_CORE_LEARN_TRUTH_PROBLEM_H_

#include <string>
#include <vector>

#include "core/model/case.h"

namespace credence::learn {

// The compact form the EM iterates on: claims in groups, links as
// (claim, source, sign) sorted by claim. Built once per case.
struct TruthProblem {
  std::vector<std::string> source_ids;  // sorted
  std::vector<std::string> claim_ids;   // sorted
  std::vector<int> claim_group;         // claim -> group
  std::vector<int> group_start;         // group g = claims [group_start[g], group_start[g+1]) of `group_claims`
  std::vector<int> group_claims;
  std::vector<double> log_rivals;       // per claim: log(max(1, rivals))
  std::vector<int> link_start;          // claim c = links [link_start[c], link_start[c+1])
  std::vector<int> link_source;
  std::vector<signed char> link_sign;   // +1 supports, -1 refutes (neutral links are dropped)
  // What each source supports, sorted by (group, claim): source s =
  // entries [assert_start[s], assert_start[s+1]). Copy detection merges these.
  std::vector<int> assert_start;
  std::vector<int> assert_group;
  std::vector<int> assert_claim;
};

// Groups are the exclusive relations (a claim in several takes the first by
// key) and, for every other claim, a group of its own.
TruthProblem BuildTruthProblem(const model::Case& c);

struct EmState {
  std::vector<double> reliability;  // per source
  std::vector<double> alpha, beta;  // per source: the Beta posterior counts
  std::vector<double> copy_weight;  // per source, 1 = independent
  std::vector<double> p;            // per claim
  int iterations = 0;
  bool converged = false;
};

}  // namespace credence::learn

#endif  // CREDENCE_CORE_LEARN_TRUTH_PROBLEM_H_
