// Regression baselines: the metrics a data set's evaluation must not fall
// below, kept in the repository (datasets/baselines/NAME.json) in the format
// `credence eval --json` prints: {"metrics": {"accuracy": 0.94, ...}}.
#ifndef CREDENCE_CORE_EVAL_BASELINE_H_
#define CREDENCE_CORE_EVAL_BASELINE_H_

#include <string>
#include <utility>
#include <vector>

#include "core/common/status.h"
#include "core/eval/metrics.h"

namespace credence::eval {

// {"metrics": {...}} with the metrics of MetricList, numbers printed with
// 6 significant digits (the precision baselines are compared at).
std::string MetricsToJson(const Metrics& m);

// Reads a baseline file's text; `origin` names it in messages.
Result<std::vector<std::pair<std::string, double>>> ParseBaseline(const std::string& text,
                                                                   const std::string& origin);

// One line per metric that is worse than its baseline by more than 1e-6
// ("accuracy 0.91 < baseline 0.94"), or missing from `m`. Empty: no
// regression.
std::vector<std::string> CompareWithBaseline(const Metrics& m,
                                             const std::vector<std::pair<std::string, double>>& baseline);

// A metric printed as MetricsToJson prints it ("0.9375").
std::string FormatMetric(double v);

}  // namespace credence::eval

#endif  // CREDENCE_CORE_EVAL_BASELINE_H_
