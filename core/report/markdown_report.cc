// The Markdown report (docs/reports.md): headings and tables; every string
// from a case file goes through MarkdownText.
#include <string>

#include "core/report/escape.h"
#include "core/report/number_format.h"
#include "core/report/report_internal.h"
#include "core/report/verdict.h"

namespace credence::report::internal {
namespace {

std::string P(double p) { return FormatFixed(p, kProbabilityDecimals); }
std::string W(double w) { return FormatSigned(w, kWeightDecimals); }

void WriteClaim(const ReportView& view, const score::ClaimScore& claim, std::ostream& out) {
  const model::Claim* record = view.FindClaim(claim.claim_id);
  out << "## " << MarkdownText(claim.claim_id) << ": "
      << (record != nullptr ? MarkdownText(record->text) : "(claim text not in the store)")
      << "\n\n"
      << "| | |\n|---|---|\n"
      << "| p | **" << P(claim.p) << "** (before calibration " << P(claim.p_raw) << ") |\n"
      << "| " << FormatPercent(view.run->info.interval_level) << " interval | " << P(claim.lo)
      << " to " << P(claim.hi) << " |\n"
      << "| ICD 203 | " << MarkdownText(claim.verdict.icd203_range) << " |\n"
      << "| Admiralty credibility | " << claim.verdict.admiralty_credibility << " ("
      << AdmiraltyCredibilityWords(claim.verdict.admiralty_credibility) << ") |\n"
      << "| PolitiFact (LIAR) | " << MarkdownText(claim.verdict.politifact) << " |\n"
      << "| independent lines of evidence | " << claim.lines << " |\n\n";

  out << "| step | line | kind | weight | total | traced to | what it says |\n"
      << "|---:|---:|---|---:|---:|---|---|\n";
  double total = 0;
  int step = 0;
  for (const score::Contribution& c : claim.contributions) {
    total += c.weight;
    out << "| " << ++step << " | " << (c.line > 0 ? std::to_string(c.line) : "-") << " | "
        << score::Name(c.kind) << " | " << W(c.weight) << " | " << W(total) << " | "
        << MarkdownText(c.ref) << " | " << MarkdownText(c.text) << " |\n";
  }
  out << "| | | **sum** | **" << W(total) << "** | | log-odds " << W(claim.log_odds)
      << " | |\n\n";
}

void WriteSources(const ReportView& view, std::ostream& out) {
  out << "## Sources\n\n";
  if (view.sources.empty()) {
    out << "(none)\n\n";
    return;
  }
  out << "| id | name | Admiralty reliability | mean | alpha | beta | prior from rules |\n"
      << "|---|---|---|---:|---:|---:|---|\n";
  for (const score::SourceRating* s : view.sources) {
    const model::Source* record = view.FindSource(s->source_id);
    std::string rules;
    for (const std::string& r : s->rules) {
      if (!rules.empty()) rules += ", ";
      rules += MarkdownText(r);
    }
    out << "| " << MarkdownText(s->source_id) << " | "
        << (record != nullptr ? MarkdownText(record->name) : "(not in the store)") << " | "
        << MarkdownText(std::string(1, s->admiralty)) << " ("
        << AdmiraltyReliabilityWords(s->admiralty) << ") | " << P(s->mean) << " | "
        << FormatFixed(s->alpha, kCountDecimals) << " | " << FormatFixed(s->beta, kCountDecimals)
        << " | " << rules << " |\n";
  }
  out << "\n";
}

}  // namespace

void WriteMarkdown(const ReportView& view, std::ostream& out) {
  const score::RunInfo& info = view.run->info;
  out << "# credence report: run " << info.id << "\n\n"
      << "| | |\n|---|---|\n"
      << "| engine | credence " << MarkdownText(info.engine) << " |\n"
      << "| rules | " << MarkdownText(info.rules_name) << ", sha256 "
      << MarkdownText(info.rules_sha256) << " |\n"
      << "| seed | " << info.seed << " |\n"
      << "| fit | " << MarkdownText(FitName(info)) << " |\n"
      << "| interval | " << FormatPercent(info.interval_level) << " credible |\n"
      << "| claims | " << view.claims.size() << " of " << view.run->claims.size()
      << " |\n\n";
  for (const score::ClaimScore* claim : view.claims) WriteClaim(view, *claim, out);
  WriteSources(view, out);
  out << "Weights are in log-odds (natural log); each figure is rounded on its own, so a total "
         "may differ from the sum of printed weights by a few thousandths.\n";
}

}  // namespace credence::report::internal
