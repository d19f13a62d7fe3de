// A fit: what `credence learn` estimated from a store's data, stored by name
// and usable on another store (`credence score --fit NAME|FILE.json`). The
// scorer reads it as learned parameters; each use appears in explanations as
// a contribution of kind "fit".
#ifndef CREDENCE_CORE_LEARN_FIT_H_
#define CREDENCE_CORE_LEARN_FIT_H_

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/common/status.h"

namespace credence::learn {

// A source's fitted reliability: Beta(alpha, beta) over the probability that
// what it asserts is true (the same quantity as the rules' prior, so the two
// combine as pseudo-counts). copy_weight in (0, 1] scales the source's
// evidence when it was found to copy others (1 = independent).
struct SourceFit {
  std::string source_id;
  double alpha = 1;
  double beta = 1;
  double copy_weight = 1;
  std::vector<std::string> copies_from;  // sorted source ids, may be empty
  bool operator==(const SourceFit&) const = default;
};

// Monotone map from raw p to calibrated p: piecewise linear through points
// sorted by x (isotonic regression's blocks); clamp outside.
struct CalibrationMap {
  std::vector<std::pair<double, double>> points;
  // The calibrated p; p itself when there are no points. Inline because the
  // scorer applies it and does not link the learner.
  double Apply(double p) const {
    if (points.empty()) return p;
    if (p <= points.front().first) return points.front().second;
    if (p >= points.back().first) return points.back().second;
    auto it = std::upper_bound(points.begin(), points.end(), p,
                               [](double v, const std::pair<double, double>& q) { return v < q.first; });
    const auto& [x1, y1] = *it;
    const auto& [x0, y0] = *(it - 1);
    return x1 == x0 ? y1 : y0 + (y1 - y0) * (p - x0) / (x1 - x0);
  }
  bool operator==(const CalibrationMap&) const = default;
};

struct Fit {
  std::string name;
  std::string data_sha256;   // of the store's records the fit read
  std::string data_summary;  // "412 claims, 38 sources, 100 exclusive groups"
  std::vector<SourceFit> sources;  // sorted by source_id
  // Multiplier per rule name on the rule's default weight (absent = 1).
  std::map<std::string, double> rule_weights;
  std::optional<CalibrationMap> calibration;
  // Per ordinal scale (e.g. "liar6"), ascending cut points on calibrated p
  // separating its labels, lowest label first.
  std::map<std::string, std::vector<double>> ordinal_cuts;
  // Learned claim-feature weights (core/score/claim_features.h): feature name
  // -> log-odds per unit of the feature. Empty: the scorer adds none.
  std::map<std::string, double> claim_features;
  bool operator==(const Fit&) const = default;
};

// The fit file format (docs/learning.md): JSON, {"format": "credence-fit/1", ...}.
std::string FitToJson(const Fit& fit);
Result<Fit> FitFromJson(const std::string& text, const std::string& origin);

}  // namespace credence::learn

#endif  // CREDENCE_CORE_LEARN_FIT_H_
