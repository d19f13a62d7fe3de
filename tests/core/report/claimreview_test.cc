#include "core/report/claimreview.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "core/report/verdict.h"

namespace credence::report {
namespace {

score::Run MakeRun() {
  score::Run run;
  run.info = {.id = 3, .created_at = "2026-11-26T01:02:03Z", .engine = "0.1.0",
              .rules_name = "default", .rules_sha256 = std::string(64, 'b'), .seed = 0,
              .fit = std::nullopt, .interval_level = 0.9};
  score::ClaimScore low{.claim_id = "low", .p = 0.1, .p_raw = 0.1, .lo = 0.05, .hi = 0.15,
                        .lines = 1};
  score::ClaimScore high{.claim_id = "high", .p = 0.9, .p_raw = 0.9, .lo = 0.85, .hi = 0.93,
                         .lines = 2};
  run.claims = {high, low};
  AssignVerdicts(run, nullptr);
  return run;
}

model::Case MakeCase() {
  model::Case c;
  c.sources = {{.id = "wire", .name = "A \"wire\" <agency>"},
               {.id = "expert", .name = "Dr Who", .kind = model::SourceKind::kExpert}};
  c.claims = {{.id = "high", .text = "It <happened>.", .made_at = model::Date{2025, 8, 5}},
              {.id = "low", .text = "It did not."}};
  c.links = {{.source = "wire", .claim = "high", .mode = model::LinkMode::kOriginates},
             {.source = "expert", .claim = "high", .mode = model::LinkMode::kAssesses}};
  return c;
}

nlohmann::json Render(const ClaimReviewOptions& options = {}) {
  std::ostringstream out;
  EXPECT_TRUE(WriteClaimReview(MakeRun(), MakeCase(), options, out).ok());
  const nlohmann::json doc = nlohmann::json::parse(out.str(), nullptr, false);
  EXPECT_FALSE(doc.is_discarded()) << out.str();
  return doc;
}

TEST(ClaimReview, RatingFollowsTheIcd203Bands) {
  EXPECT_EQ(ClaimReviewRating(0.01), 1);
  EXPECT_EQ(ClaimReviewRating(0.10), 1);
  EXPECT_EQ(ClaimReviewRating(0.30), 2);
  EXPECT_EQ(ClaimReviewRating(0.50), 3);
  EXPECT_EQ(ClaimReviewRating(0.55), 3);  // an edge takes the less confident word
  EXPECT_EQ(ClaimReviewRating(0.70), 4);
  EXPECT_EQ(ClaimReviewRating(0.90), 5);
  EXPECT_EQ(ClaimReviewRating(0.999), 5);
}

TEST(ClaimReview, EveryClaimHasTheRequiredFields) {
  const nlohmann::json doc = Render();
  ASSERT_TRUE(doc.is_array());
  ASSERT_EQ(doc.size(), 2u);
  for (const nlohmann::json& r : doc) {
    EXPECT_EQ(r["@context"], "https://schema.org");
    EXPECT_EQ(r["@type"], "ClaimReview");
    EXPECT_TRUE(r["claimReviewed"].is_string());
    EXPECT_EQ(r["reviewRating"]["@type"], "Rating");
    EXPECT_EQ(r["reviewRating"]["bestRating"], 5);
    EXPECT_EQ(r["reviewRating"]["worstRating"], 1);
    EXPECT_TRUE(r["reviewRating"]["ratingValue"].is_number_integer());
    EXPECT_TRUE(r["reviewRating"]["alternateName"].is_string());
    EXPECT_EQ(r["itemReviewed"]["@type"], "Claim");
    EXPECT_EQ(r["author"]["@type"], "Organization");
    EXPECT_EQ(r["author"]["name"], "credence");
    EXPECT_EQ(r["datePublished"], "2026-11-26");
  }
}

TEST(ClaimReview, ClaimsByIdWithTheirVerdictAndOrigin) {
  const nlohmann::json doc = Render({.author = "Example Checkers"});
  const nlohmann::json& high = doc[0];
  EXPECT_EQ(high["claimReviewed"], "It <happened>.");
  EXPECT_EQ(high["reviewRating"]["ratingValue"], 5);
  EXPECT_EQ(high["reviewRating"]["alternateName"], "very likely");
  EXPECT_EQ(high["author"]["name"], "Example Checkers");
  EXPECT_EQ(high["itemReviewed"]["identifier"], "high");
  EXPECT_EQ(high["itemReviewed"]["datePublished"], "2025-08-05");
  ASSERT_EQ(high["itemReviewed"]["author"].size(), 1u);  // only the originating source
  EXPECT_EQ(high["itemReviewed"]["author"][0]["name"], "A \"wire\" <agency>");
  EXPECT_EQ(high["itemReviewed"]["author"][0]["@type"], "Organization");
  const nlohmann::json& low = doc[1];
  EXPECT_EQ(low["itemReviewed"]["identifier"], "low");
  EXPECT_EQ(low["reviewRating"]["ratingValue"], 1);
  EXPECT_FALSE(low["itemReviewed"].contains("author"));
}

}  // namespace
}  // namespace credence::report
