// The terminal text report and the explanation of one claim (docs/reports.md).
#include <map>
#include <string>

#include "core/report/escape.h"
#include "core/report/number_format.h"
#include "core/report/report_internal.h"
#include "core/report/verdict.h"
#include "core/score/evidence_math.h"

namespace credence::report::internal {
namespace {

std::string P(double p) { return FormatFixed(p, kProbabilityDecimals); }
std::string W(double w) { return FormatSigned(w, kWeightDecimals); }

std::string PadLeft(std::string s, std::size_t width) {
  if (s.size() < width) s.insert(0, width - s.size(), ' ');
  return s;
}
std::string PadRight(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

void WriteRunFields(const score::RunInfo& info, std::ostream& out) {
  out << "  engine    credence " << PlainText(info.engine) << "\n"
      << "  rules     " << PlainText(info.rules_name) << ", sha256 "
      << PlainText(info.rules_sha256) << "\n"
      << "  seed      " << info.seed << "\n"
      << "  fit       " << PlainText(FitName(info)) << "\n"
      << "  interval  " << FormatPercent(info.interval_level) << " credible interval\n";
}

// "nyt->c1 (The New York Times)": a link's ref with its source's name.
std::string RefText(const ReportView& view, const score::Contribution& c) {
  std::string out = PlainText(c.ref);
  if (c.kind != score::ContributionKind::kLink) return out;
  const std::size_t arrow = c.ref.find("->");
  if (arrow == std::string::npos) return out;
  if (const model::Source* s = view.FindSource(std::string_view(c.ref).substr(0, arrow))) {
    out += " (" + PlainText(s->name) + ")";
  }
  return out;
}

std::string ClaimTitle(const ReportView& view, const score::ClaimScore& claim) {
  const model::Claim* record = view.FindClaim(claim.claim_id);
  return "claim " + PlainText(claim.claim_id) + ": " +
         (record != nullptr ? PlainText(record->text) : "(claim text not in the store)");
}

void WriteContributions(const ReportView& view, const score::ClaimScore& claim,
                        std::ostream& out) {
  out << "  step  line  kind        weight     total  traced to\n";
  double total = 0;
  // Subtotals per line of evidence; key 0 gathers what belongs to no line.
  std::map<int, std::pair<double, int>> by_line;
  int step = 0;
  for (const score::Contribution& c : claim.contributions) {
    total += c.weight;
    auto& [sum, count] = by_line[c.line];
    sum += c.weight;
    ++count;
    out << "  " << PadLeft(std::to_string(++step), 4) << "  "
        << PadLeft(c.line > 0 ? std::to_string(c.line) : "-", 4) << "  "
        << PadRight(std::string(score::Name(c.kind)), 8) << PadLeft(W(c.weight), 10)
        << PadLeft(W(total), 10) << "  " << RefText(view, c) << "\n";
    if (!c.text.empty()) out << "              " << PlainText(c.text) << "\n";
  }
  if (claim.contributions.empty()) out << "  (no contributions)\n";
  out << "  sum of contributions (log-odds)  " << W(total) << "\n";
  if (W(total) != W(claim.log_odds)) {
    out << "  recorded log-odds                " << W(claim.log_odds)
        << "  (differs from the sum of contributions)\n";
  }
  out << "  per line of evidence:";
  const char* sep = " ";
  for (const auto& [line, sum_count] : by_line) {
    out << sep << (line > 0 ? "line " + std::to_string(line) : std::string("no line")) << " "
        << W(sum_count.first) << " (" << sum_count.second
        << (sum_count.second == 1 ? " contribution)" : " contributions)");
    sep = ", ";
  }
  out << "\n";
}

void WriteResult(const ReportView& view, const score::ClaimScore& claim, std::ostream& out) {
  const score::RunInfo& info = view.run->info;
  out << "  p before calibration  " << P(claim.p_raw);
  // Say how p follows from the log-odds only where it does (a claim of an
  // exclusive group gets its p from the group's posterior).
  if (P(score::Logistic(claim.log_odds)) == P(claim.p_raw)) {
    out << "  (= 1 / (1 + e^-(" << W(claim.log_odds) << ")))";
  }
  out << "\n"
      << "  p                     " << P(claim.p)
      << (P(claim.p) == P(claim.p_raw) ? "  (no change by calibration)\n"
                                       : "  (calibrated by fit " + PlainText(FitName(info)) + ")\n")
      << "  interval              " << P(claim.lo) << " to " << P(claim.hi) << "  ("
      << FormatPercent(info.interval_level) << " credible)\n"
      << "  independent lines     " << claim.lines << "\n"
      << "  ICD 203               " << PlainText(claim.verdict.icd203_range) << "\n"
      << "  Admiralty             " << claim.verdict.admiralty_credibility << " ("
      << AdmiraltyCredibilityWords(claim.verdict.admiralty_credibility) << ")\n"
      << "  PolitiFact (LIAR)     " << PlainText(claim.verdict.politifact) << "\n";
}

void WriteClaim(const ReportView& view, const score::ClaimScore& claim, std::ostream& out) {
  out << ClaimTitle(view, claim) << "\n";
  WriteContributions(view, claim, out);
  WriteResult(view, claim, out);
}

void WriteSources(const ReportView& view, std::ostream& out) {
  out << "sources (Admiralty reliability, from each source's Beta)\n";
  if (view.sources.empty()) {
    out << "  (none)\n";
    return;
  }
  std::size_t id_width = 2;
  for (const score::SourceRating* s : view.sources) {
    id_width = std::max(id_width, PlainText(s->source_id).size());
  }
  out << "  " << PadRight("id", id_width) << "  " << PadRight("reliability", 30)
      << "  mean    Beta(alpha, beta)  name\n";
  for (const score::SourceRating* s : view.sources) {
    const model::Source* record = view.FindSource(s->source_id);
    const std::string beta = "Beta(" + FormatFixed(s->alpha, kCountDecimals) + ", " +
                             FormatFixed(s->beta, kCountDecimals) + ")";
    out << "  " << PadRight(PlainText(s->source_id), id_width) << "  "
        << PadRight(std::string(1, s->admiralty) + " " +
                        std::string(AdmiraltyReliabilityWords(s->admiralty)),
                    30)
        << "  " << P(s->mean) << "  " << PadRight(beta, 17) << "  "
        << (record != nullptr ? PlainText(record->name) : "(not in the store)") << "\n";
    if (!s->rules.empty()) {
      out << "  " << std::string(id_width, ' ') << "  prior from rules:";
      for (const std::string& r : s->rules) out << " " << PlainText(r);
      out << "\n";
    }
  }
}

constexpr std::string_view kRoundingNote =
    "Each figure is rounded on its own (weights to 0.001, probabilities to 0.0001),\n"
    "so a printed total may differ from the sum of printed weights by a few thousandths.\n";

}  // namespace

void WriteText(const ReportView& view, std::ostream& out) {
  out << "credence report: run " << view.run->info.id << "\n";
  WriteRunFields(view.run->info, out);
  out << "  claims    " << view.claims.size() << " of " << view.run->claims.size() << "\n";
  for (const score::ClaimScore* claim : view.claims) {
    out << "\n";
    WriteClaim(view, *claim, out);
  }
  out << "\n";
  WriteSources(view, out);
  out << "\n" << kRoundingNote;
}

void WriteTextExplanation(const ReportView& view, const score::ClaimScore& claim,
                          std::ostream& out) {
  out << "credence explain: claim " << PlainText(claim.claim_id) << ", run " << view.run->info.id
      << "\n";
  WriteRunFields(view.run->info, out);
  out << "\n";
  WriteClaim(view, claim, out);
  out << "\n" << kRoundingNote;
}

}  // namespace credence::report::internal
