// What the renderers of one report share: the claims and sources a report
// shows, in output order, with the case records that name them.
#ifndef CREDENCE_CORE_REPORT_REPORT_INTERNAL_H_
#define CREDENCE_CORE_REPORT_REPORT_INTERNAL_H_

#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "core/eval/metrics.h"
#include "core/model/case.h"
#include "core/report/report.h"
#include "core/score/run.h"

namespace credence::report::internal {

// Borrowed views into a run and a case; valid while both live.
struct ReportView {
  const score::Run* run = nullptr;
  const model::Case* cases = nullptr;  // the records (links for provenance)
  const eval::Metrics* evaluation = nullptr;  // ReportOptions::evaluation
  std::vector<const score::ClaimScore*> claims;    // sorted by claim id
  std::vector<const score::SourceRating*> sources; // sorted by source id
  std::map<std::string_view, const model::Claim*> claim_records;
  std::map<std::string_view, const model::Source*> source_records;

  const model::Claim* FindClaim(std::string_view id) const;
  const model::Source* FindSource(std::string_view id) const;
};

// The view of the claims `options` selects and of the sources they rest on
// (every rated source when no claim filter is given). kNotFound names the
// first selected claim id the run did not score.
Result<ReportView> MakeView(const score::Run& run, const model::Case& cases,
                            const ReportOptions& options);

// Sum of the weights of `claim`'s contributions, in explanation order.
double SumOfContributions(const score::ClaimScore& claim);

// "none" when the run used no fit.
std::string FitName(const score::RunInfo& info);

void WriteText(const ReportView& view, std::ostream& out);
void WriteTextExplanation(const ReportView& view, const score::ClaimScore& claim,
                          std::ostream& out);
void WriteMarkdown(const ReportView& view, std::ostream& out);
void WriteJson(const ReportView& view, std::ostream& out);
void WriteHtml(const ReportView& view, std::ostream& out);

}  // namespace credence::report::internal

#endif  // CREDENCE_CORE_REPORT_REPORT_INTERNAL_H_
