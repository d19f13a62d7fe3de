#include "core/report/report.h"

#include <algorithm>
#include <array>
#include <set>

#include "core/report/report_internal.h"

namespace credence::report {
namespace {

struct FormatEntry {
  ReportFormat format;
  std::string_view name;  // --format spelling (cli.md): do not rename
};
constexpr std::array<FormatEntry, 4> kFormats = {{
    {ReportFormat::kText, "text"},
    {ReportFormat::kMarkdown, "md"},
    {ReportFormat::kJson, "json"},
    {ReportFormat::kHtml, "html"},
}};

Status CheckStream(const std::ostream& out) {
  if (out.good()) return Status::Ok();
  return Status::Io("could not write the report (output stream failed)");
}

}  // namespace

std::optional<ReportFormat> ParseReportFormat(std::string_view name) {
  for (const FormatEntry& e : kFormats) {
    if (e.name == name) return e.format;
  }
  return std::nullopt;
}

std::string_view Name(ReportFormat format) {
  for (const FormatEntry& e : kFormats) {
    if (e.format == format) return e.name;
  }
  return "";
}

namespace internal {

const model::Claim* ReportView::FindClaim(std::string_view id) const {
  auto it = claim_records.find(id);
  return it == claim_records.end() ? nullptr : it->second;
}

const model::Source* ReportView::FindSource(std::string_view id) const {
  auto it = source_records.find(id);
  return it == source_records.end() ? nullptr : it->second;
}

Result<ReportView> MakeView(const score::Run& run, const model::Case& cases,
                            const ReportOptions& options) {
  ReportView view;
  view.run = &run;
  view.cases = &cases;
  view.evaluation = options.evaluation;
  for (const model::Claim& c : cases.claims) view.claim_records.emplace(c.id, &c);
  for (const model::Source& s : cases.sources) view.source_records.emplace(s.id, &s);

  std::map<std::string_view, const score::ClaimScore*> scored;
  for (const score::ClaimScore& c : run.claims) scored.emplace(c.claim_id, &c);
  if (options.claims.empty()) {
    for (const auto& [id, claim] : scored) view.claims.push_back(claim);
  } else {
    std::set<std::string_view> wanted(options.claims.begin(), options.claims.end());
    for (const std::string& id : options.claims) {
      if (!scored.contains(id)) {
        return Status::NotFound("run " + std::to_string(run.info.id) + " has no claim \"" + id +
                                "\"");
      }
    }
    for (std::string_view id : wanted) view.claims.push_back(scored.at(id));
  }

  // With a claim filter, only the sources those claims rest on: each link's
  // source, its upstream (via) and its conduit (reported_by).
  std::set<std::string_view> shown;
  if (!options.claims.empty()) {
    std::set<std::string_view> claim_ids;
    for (const score::ClaimScore* c : view.claims) claim_ids.insert(c->claim_id);
    for (const model::Link& l : cases.links) {
      if (!claim_ids.contains(l.claim)) continue;
      shown.insert(l.source);
      shown.insert(l.via.begin(), l.via.end());
      if (l.reported_by) shown.insert(*l.reported_by);
    }
  }
  for (const score::SourceRating& s : run.sources) {
    if (options.claims.empty() || shown.contains(s.source_id)) view.sources.push_back(&s);
  }
  std::sort(view.sources.begin(), view.sources.end(),
            [](const score::SourceRating* a, const score::SourceRating* b) {
              return a->source_id < b->source_id;
            });
  return view;
}

double SumOfContributions(const score::ClaimScore& claim) {
  double sum = 0;
  for (const score::Contribution& c : claim.contributions) sum += c.weight;
  return sum;
}

std::string FitName(const score::RunInfo& info) { return info.fit.value_or("none"); }

}  // namespace internal

Status WriteReport(const score::Run& run, const model::Case& cases, ReportFormat format,
                   const ReportOptions& options, std::ostream& out) {
  Result<internal::ReportView> view = internal::MakeView(run, cases, options);
  if (!view.ok()) return view.status();
  switch (format) {
    case ReportFormat::kText:
      internal::WriteText(*view, out);
      break;
    case ReportFormat::kMarkdown:
      internal::WriteMarkdown(*view, out);
      break;
    case ReportFormat::kJson:
      internal::WriteJson(*view, out);
      break;
    case ReportFormat::kHtml:
      internal::WriteHtml(*view, out);
      break;
  }
  return CheckStream(out);
}

Status WriteExplanation(const score::Run& run, const model::Case& cases,
                        std::string_view claim_id, std::ostream& out) {
  Result<internal::ReportView> view =
      internal::MakeView(run, cases, ReportOptions{.claims = {std::string(claim_id)}});
  if (!view.ok()) return view.status();
  internal::WriteTextExplanation(*view, *view->claims.front(), out);
  return CheckStream(out);
}

}  // namespace credence::report
