#include "core/report/claimreview.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/model/enums.h"
#include "core/report/escape.h"
#include "core/report/number_format.h"
#include "core/report/verdict.h"

namespace credence::report {
namespace {

using Json = nlohmann::ordered_json;

// schema.org type of a source: a person for the kinds that name one.
std::string_view SchemaType(model::SourceKind kind) {
  return kind == model::SourceKind::kOfficial || kind == model::SourceKind::kExpert
             ? "Person"
             : "Organization";
}

Json ItemReviewed(const score::ClaimScore& claim, const model::Claim* record,
                  const std::set<std::string_view>& origins,
                  const std::map<std::string_view, const model::Source*>& sources) {
  Json item;
  item["@type"] = "Claim";
  item["identifier"] = claim.claim_id;
  if (record != nullptr) item["text"] = record->text;
  Json authors = Json::array();
  for (std::string_view id : origins) {
    auto it = sources.find(id);
    if (it == sources.end()) continue;
    Json a;
    a["@type"] = SchemaType(it->second->kind);
    a["name"] = it->second->name;
    authors.push_back(std::move(a));
  }
  if (!authors.empty()) item["author"] = std::move(authors);
  if (record != nullptr && record->made_at) item["datePublished"] = record->made_at->ToString();
  return item;
}

}  // namespace

int ClaimReviewRating(double p) {
  switch (Icd203Band(p)) {
    case Icd203::kAlmostNoChance:
    case Icd203::kVeryUnlikely:
      return 1;
    case Icd203::kUnlikely:
      return 2;
    case Icd203::kRoughlyEvenChance:
      return 3;
    case Icd203::kLikely:
      return 4;
    case Icd203::kVeryLikely:
    case Icd203::kAlmostCertain:
      return 5;
  }
  return 3;
}

Status WriteClaimReview(const score::Run& run, const model::Case& cases,
                        const ClaimReviewOptions& options, std::ostream& out) {
  std::map<std::string_view, const model::Claim*> claims;
  for (const model::Claim& c : cases.claims) claims.emplace(c.id, &c);
  std::map<std::string_view, const model::Source*> sources;
  for (const model::Source& s : cases.sources) sources.emplace(s.id, &s);
  // Who first put each claim out: the sources linked as originating it.
  std::map<std::string_view, std::set<std::string_view>> origins;
  for (const model::Link& l : cases.links) {
    if (l.mode == model::LinkMode::kOriginates) origins[l.claim].insert(l.source);
  }
  static const std::set<std::string_view> kNoOrigin;
  std::map<std::string_view, const score::ClaimScore*> scored;
  for (const score::ClaimScore& c : run.claims) scored.emplace(c.claim_id, &c);

  // created_at is ISO 8601 UTC ("2026-11-26T01:00:00Z"): its date part.
  const std::string date = run.info.created_at.substr(0, 10);
  Json reviews = Json::array();
  for (const auto& [id, claim] : scored) {
    auto record_it = claims.find(id);
    const model::Claim* record = record_it == claims.end() ? nullptr : record_it->second;
    Json r;
    r["@context"] = "https://schema.org";
    r["@type"] = "ClaimReview";
    r["claimReviewed"] = record != nullptr ? record->text : claim->claim_id;
    Json rating;
    rating["@type"] = "Rating";
    rating["ratingValue"] = ClaimReviewRating(claim->p);
    rating["bestRating"] = 5;
    rating["worstRating"] = 1;
    rating["alternateName"] = claim->verdict.icd203_range;
    r["reviewRating"] = std::move(rating);
    auto origin_it = origins.find(id);
    r["itemReviewed"] = ItemReviewed(*claim, record,
                                     origin_it == origins.end() ? kNoOrigin : origin_it->second,
                                     sources);
    Json author;
    author["@type"] = "Organization";
    author["name"] = options.author;
    r["author"] = std::move(author);
    r["datePublished"] = date;
    r["reviewBody"] = "p " + FormatFixed(claim->p, kProbabilityDecimals) + " (" +
                      FormatPercent(run.info.interval_level) + " interval " +
                      FormatFixed(claim->lo, kProbabilityDecimals) + " to " +
                      FormatFixed(claim->hi, kProbabilityDecimals) + "), " +
                      claim->verdict.icd203_range + "; Admiralty credibility " +
                      std::to_string(claim->verdict.admiralty_credibility) + "; credence run " +
                      std::to_string(run.info.id) + ", rules " + run.info.rules_name +
                      " sha256 " + run.info.rules_sha256 + ".";
    reviews.push_back(std::move(r));
  }
  // Sites paste JSON-LD into a <script> element: no case text may close it.
  out << ScriptSafeJson(reviews.dump(2, ' ', false, Json::error_handler_t::replace)) << "\n";
  if (!out.good()) return Status::Io("could not write the ClaimReview (output stream failed)");
  return Status::Ok();
}

}  // namespace credence::report
