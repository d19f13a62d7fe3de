// Reports of a scoring run: every claim's p, interval, verdicts and the
// contributions that explain it, and the sources' Admiralty letters, as
// terminal text, Markdown, JSON or one self-contained HTML page
// (docs/reports.md describes each format).
//
// Reports are deterministic: the same run and case give the same bytes.
// Claims are listed by id. Every number is printed through FormatFixed
// (core/report/number_format.h); the only timestamp is the run's created_at,
// in the JSON run object. Every string from a case file is escaped for its
// context (core/report/escape.h); the JSON library escapes JSON strings.
#ifndef CREDENCE_CORE_REPORT_REPORT_H_
#define CREDENCE_CORE_REPORT_REPORT_H_

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "core/eval/metrics.h"
#include "core/model/case.h"
#include "core/score/run.h"

namespace credence::report {

enum class ReportFormat { kText, kMarkdown, kJson, kHtml };

// Spellings of --format: "text", "md", "json", "html". Part of the command
// line contract (cli.md): do not rename. nullopt for anything else.
std::optional<ReportFormat> ParseReportFormat(std::string_view name);
std::string_view Name(ReportFormat format);

struct ReportOptions {
  // Only these claims (any order, duplicates ignored); empty = every claim.
  std::vector<std::string> claims;
  // The run's stored evaluation (`credence eval`), borrowed for the call:
  // the HTML report shows its metrics and reliability diagram on the run
  // page. nullptr = none; the other formats ignore it.
  const eval::Metrics* evaluation = nullptr;
};

// Writes the report of `run` to `out`. `cases` supplies claim texts and
// source names (a record missing from it is reported as such, not an error).
// Errors: kNotFound naming the first claim id of `options` that the run did
// not score (nothing written); kIo when `out` fails.
Status WriteReport(const score::Run& run, const model::Case& cases, ReportFormat format,
                   const ReportOptions& options, std::ostream& out);

// Writes the explanation of one claim as terminal text: the run header, then
// a line per contribution with its line of evidence, weight (log-odds) and
// running total, then p, interval and verdicts. kNotFound when the run did
// not score `claim_id`; kIo when `out` fails.
Status WriteExplanation(const score::Run& run, const model::Case& cases,
                        std::string_view claim_id, std::ostream& out);

}  // namespace credence::report

#endif  // CREDENCE_CORE_REPORT_REPORT_H_
