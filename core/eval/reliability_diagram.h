// A reliability diagram (Guo et al. 2017): per bin of predicted p, the share
// of positive outcomes against the bin's mean p, as a standalone SVG.
#ifndef CREDENCE_CORE_EVAL_RELIABILITY_DIAGRAM_H_
#define CREDENCE_CORE_EVAL_RELIABILITY_DIAGRAM_H_

#include <string>

#include "core/eval/metrics.h"

namespace credence::eval {

// Bars: observed frequency per bin (width = bin); dots: mean p; the
// diagonal is perfect calibration. `title` is escaped. Deterministic text.
std::string ReliabilityDiagramSvg(const Metrics& metrics, const std::string& title);

// Text for XML content and attribute values: & < > " ' escaped.
std::string XmlEscape(const std::string& text);

}  // namespace credence::eval

#endif  // CREDENCE_CORE_EVAL_RELIABILITY_DIAGRAM_H_
