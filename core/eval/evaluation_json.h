// An evaluation (Metrics) as the store keeps it beside its run, for reports
// to show later: one JSON object, format "credence-eval/1". Numbers keep
// full precision (they round-trip exactly); a metric that does not apply is
// null. A reader rejects another format name rather than guess.
#ifndef CREDENCE_CORE_EVAL_EVALUATION_JSON_H_
#define CREDENCE_CORE_EVAL_EVALUATION_JSON_H_

#include <string>

#include "core/common/status.h"
#include "core/eval/metrics.h"

namespace credence::eval {

// {"format": "credence-eval/1", "items", "items_correct", "accuracy",
//  "outcomes", "brier", "log_loss", "ece", "bins": [{"count", "mean_p",
//  "frequency"} x 10], "ordinal", "accuracy_6way", "ordinal_mae"}.
// Deterministic: the same metrics give the same bytes.
std::string EvaluationToJson(const Metrics& m);

// The inverse. kInvalidInput naming `origin` and the JSON pointer of the
// first field that is missing or of the wrong type.
Result<Metrics> EvaluationFromJson(const std::string& text, const std::string& origin);

}  // namespace credence::eval

#endif  // CREDENCE_CORE_EVAL_EVALUATION_JSON_H_
