// Metrics of a run's probabilities against the store's labels (read here and
// in core/learn only, never by the scorer). docs/accuracy.md defines each.
//
// - Item accuracy (truth-discovery sets): an item is an exclusive group with
//   a labeled claim, or a labeled claim in no group. It is right when its
//   claim of highest p (ties: the smaller claim id) is labeled true; an item
//   whose claims are all labeled false, and every unclaimed gold item
//   (gold_items.h), is wrong.
// - Brier, log loss (natural log, p clamped to [1e-6, 1 - 1e-6]) and expected
//   calibration error (10 equal-width bins on [0, 1], the last closed,
//   weighted by bin size) over binary outcomes: a binary label, or for a
//   liar6 label whether it leans true (half-true, mostly-true, true).
// - Six-way accuracy and mean absolute ordinal error (in label steps) for
//   liar6 labels, against the six-way verdict the run assigned (report's
//   PolitiFact verdict, read off p with the fit's ordinal cuts).
#ifndef CREDENCE_CORE_EVAL_METRICS_H_
#define CREDENCE_CORE_EVAL_METRICS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/common/status.h"
#include "core/eval/gold_items.h"
#include "core/model/case.h"

namespace credence::eval {

struct CalibrationBin {
  std::int64_t count = 0;
  double mean_p = 0;     // mean predicted p of the bin (0 when empty)
  double frequency = 0;  // share of positive outcomes (0 when empty)
};

struct Metrics {
  std::int64_t items = 0;          // truth-discovery items (with unclaimed gold)
  std::int64_t items_correct = 0;
  std::optional<double> accuracy;  // items_correct / items
  std::int64_t outcomes = 0;       // binary outcomes counted for brier/log loss/ECE
  std::optional<double> brier, log_loss, ece;
  std::array<CalibrationBin, 10> bins{};
  std::int64_t ordinal = 0;        // liar6 claims predicted
  std::optional<double> accuracy_6way, ordinal_mae;
};

// What a run says about one claim: its (calibrated) p and, where the run
// assigned one, its six-way label (0 = pants-fire ... 5 = true).
struct Prediction {
  std::string claim_id;
  double p = 0.5;
  std::optional<int> liar6;
  bool operator<(const Prediction& o) const { return claim_id < o.claim_id; }
};

// `predictions` sorted by claim id. A labeled claim without a prediction is
// an error (kInvalidInput naming it). Six-way metrics count the liar6-labeled
// claims whose prediction carries a six-way label.
Result<Metrics> Evaluate(const model::Case& c, const std::vector<Prediction>& predictions,
                         const GoldItems* gold_items);

// The metrics that apply, in a fixed order: accuracy, brier, log_loss, ece,
// accuracy_6way, ordinal_mae (name, value).
std::vector<std::pair<std::string, double>> MetricList(const Metrics& m);

// Whether a larger value of the named metric is better (accuracy figures).
bool HigherIsBetter(const std::string& metric);

// The liar6 scale, lowest first, and a label's index (nullopt if unknown).
std::optional<int> Liar6Index(const model::JsonText& value);

}  // namespace credence::eval

#endif  // CREDENCE_CORE_EVAL_METRICS_H_
