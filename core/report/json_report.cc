// The JSON report: the fields of cli.md ("run", "claims" with id, p,
// interval, verdict, contributions) plus p_raw, log_odds, lines, text and the
// sources with their Admiralty letters (docs/reports.md). Keys are written in
// a fixed order (ordered_json); numbers are the printed values (Quantize), so
// the JSON agrees with the text report to the last digit.
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/report/number_format.h"
#include "core/report/report_internal.h"

namespace credence::report::internal {
namespace {

using Json = nlohmann::ordered_json;

// JSON has no NaN or infinity: such a value is written as null.
Json Number(double value, int decimals) {
  if (!std::isfinite(value)) return nullptr;
  return Quantize(value, decimals);
}
Json Prob(double p) { return Number(p, kProbabilityDecimals); }
Json Weight(double w) { return Number(w, kWeightDecimals); }

Json RunObject(const score::RunInfo& info) {
  Json run;
  run["id"] = info.id;
  run["created_at"] = info.created_at;
  run["engine"] = info.engine;
  run["rules_name"] = info.rules_name;
  run["rules_sha256"] = info.rules_sha256;
  run["seed"] = info.seed;
  run["fit"] = info.fit ? Json(*info.fit) : Json(nullptr);
  run["interval_level"] = Prob(info.interval_level);
  return run;
}

Json ClaimObject(const ReportView& view, const score::ClaimScore& claim) {
  Json c;
  c["id"] = claim.claim_id;
  const model::Claim* record = view.FindClaim(claim.claim_id);
  c["text"] = record != nullptr ? Json(record->text) : Json(nullptr);
  c["p"] = Prob(claim.p);
  c["interval"] = Json::array({Prob(claim.lo), Prob(claim.hi)});
  c["p_raw"] = Prob(claim.p_raw);
  c["log_odds"] = Weight(claim.log_odds);
  c["lines"] = claim.lines;
  Json verdict;
  verdict["icd203"] = claim.verdict.icd203;
  verdict["icd203_range"] = claim.verdict.icd203_range;
  verdict["admiralty_credibility"] = claim.verdict.admiralty_credibility;
  verdict["politifact"] = claim.verdict.politifact;
  c["verdict"] = std::move(verdict);
  Json contributions = Json::array();
  for (const score::Contribution& k : claim.contributions) {
    Json item;
    item["kind"] = score::Name(k.kind);
    item["ref"] = k.ref;
    item["weight"] = Weight(k.weight);
    item["text"] = k.text;
    item["line"] = k.line;
    contributions.push_back(std::move(item));
  }
  c["contributions"] = std::move(contributions);
  return c;
}

Json SourceObject(const ReportView& view, const score::SourceRating& s) {
  Json o;
  o["id"] = s.source_id;
  const model::Source* record = view.FindSource(s.source_id);
  o["name"] = record != nullptr ? Json(record->name) : Json(nullptr);
  o["admiralty"] = std::string(1, s.admiralty);
  o["mean"] = Prob(s.mean);
  o["alpha"] = Number(s.alpha, kCountDecimals);
  o["beta"] = Number(s.beta, kCountDecimals);
  o["rules"] = s.rules;
  return o;
}

}  // namespace

void WriteJson(const ReportView& view, std::ostream& out) {
  Json doc;
  doc["run"] = RunObject(view.run->info);
  Json claims = Json::array();
  for (const score::ClaimScore* claim : view.claims) claims.push_back(ClaimObject(view, *claim));
  doc["claims"] = std::move(claims);
  Json sources = Json::array();
  for (const score::SourceRating* s : view.sources) sources.push_back(SourceObject(view, *s));
  doc["sources"] = std::move(sources);
  // Invalid UTF-8 from a case file becomes U+FFFD rather than an exception.
  out << doc.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

}  // namespace credence::report::internal
