// A reliability diagram (Guo et al. 2017) of an evaluation: per bin of
// predicted p, the share of positive outcomes against the bin's mean p, as
// one SVG. `credence eval --plot` writes it as a file; the HTML report shows
// it on the run page when the run has a stored evaluation.
#ifndef CREDENCE_CORE_REPORT_RELIABILITY_DIAGRAM_H_
#define CREDENCE_CORE_REPORT_RELIABILITY_DIAGRAM_H_

#include <string>
#include <string_view>

#include "core/eval/metrics.h"

namespace credence::report {

// Bars: observed frequency per bin (width = bin); dots: mean p; the
// diagonal is perfect calibration. `title` is escaped with HtmlText
// (core/report/escape.h), which serves standalone SVG and inline SVG alike.
// Numbers go through FormatFixed. Deterministic text. `standalone`: a file
// of its own (with the SVG namespace); else for inline use in HTML, which
// needs none (so the page names no external URL at all).
std::string ReliabilityDiagramSvg(const eval::Metrics& metrics, std::string_view title,
                                  bool standalone = true);

}  // namespace credence::report

#endif  // CREDENCE_CORE_REPORT_RELIABILITY_DIAGRAM_H_
