// Claim features: named facts read off a claim and the sources that assert
// it, which `credence learn` weighs on labeled data (Fit::claim_features,
// docs/learning.md §4) and the scorer adds to a claim's log-odds, one
// contribution per feature that has a learned weight.
//
// Features (names are persisted in fit files: do not change their spelling):
//   source.ATTR=value   a string attribute of an asserting source, lowercased
//   claim.ATTR=value    a string attribute of the claim, or each string of an
//                       array attribute (LIAR's subjects), lowercased
//   claim.ATTR~word     each word of a string attribute of the claim
//   text~word           each word of the claim's text
//   source.history_X share   for sources with `history_*` count attributes (a
//                       past-verdict distribution, as the LIAR adapter
//                       writes): the share of verdict X, smoothed as
//                       (count + 1/K) / (total + 1) over the K verdicts
//   source.history log total  ln(1 + total count)
//   intercept           always present, value 1
// Indicators have value 1; a word is counted once per claim. Words are
// lowercased runs of ASCII letters and digits of length 2 or more.
//
// Pure and deterministic; no labels are read.
#ifndef CREDENCE_CORE_SCORE_CLAIM_FEATURES_H_
#define CREDENCE_CORE_SCORE_CLAIM_FEATURES_H_

#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/model/case.h"

namespace credence::score {

struct ClaimFeature {
  std::string name;
  double value = 1;
  bool operator==(const ClaimFeature&) const = default;
};

// The features of `claim` asserted by `sources` (null entries are skipped),
// sorted by name and unique (a source attribute shared by two sources of
// the claim counts once; numbers are taken from the first source that has
// them).
std::vector<ClaimFeature> ExtractClaimFeatures(const model::Claim& claim,
                                               std::span<const model::Source* const> sources);

// A present feature with its learned weight: the contribution weight * value.
struct WeightedFeature {
  const ClaimFeature* feature = nullptr;
  double weight = 0;
  double contribution() const { return weight * feature->value; }
};

// The features of `features` that `weights` names, in name order.
std::vector<WeightedFeature> WeighClaimFeatures(const std::vector<ClaimFeature>& features,
                                                const std::map<std::string, double>& weights);

// True when `weights` names a word of the claim's text ("text~..."): only
// then does scoring read a claim's text.
bool WeighsClaimText(const std::map<std::string, double>& weights);

// The sentence a report shows for one weighted feature.
std::string DescribeClaimFeature(const WeightedFeature& f, const std::string& fit_name);

}  // namespace credence::score

#endif  // CREDENCE_CORE_SCORE_CLAIM_FEATURES_H_
