// The motivating cases of the brief (examples/), scored with the default
// rules. These check the judgments the issue asks of the model, not tuned
// numbers: orderings, leanings, and what the explanation must say.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/ingest/case_reader.h"
#include "core/score/score.h"

namespace credence::score {
namespace {

score::Run ScoreExample(const std::string& name) {
  std::ifstream in(std::string(CREDENCE_SOURCE_DIR) + "/examples/" + name, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  Result<model::Case> c = ingest::ParseCaseText(text.str(), ingest::Encoding::kJson, name);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  Result<Run> run = Score(*c, *rules::DefaultRuleSet(), {});
  EXPECT_TRUE(run.ok()) << run.status().ToString();
  return *run;
}

const ClaimScore& Only(const score::Run& run) {
  EXPECT_EQ(run.claims.size(), 1u);
  return run.claims.front();
}

TEST(Examples, FsbDocumentIsMoreCredibleThanBlackMoonContract) {
  score::Run fsb = ScoreExample("fsb-document-ares-leaks.json");
  score::Run black_moon = ScoreExample("black-moon-airborne-contract.json");
  EXPECT_GT(Only(fsb).p, Only(black_moon).p);
  // Black Moon still leans true, with a visibly wide interval.
  EXPECT_GT(Only(black_moon).p, 0.5);
  EXPECT_GT(Only(black_moon).hi - Only(black_moon).lo, Only(fsb).hi - Only(fsb).lo);
  EXPECT_GT(Only(black_moon).hi - Only(black_moon).lo, 0.3);
}

TEST(Examples, TheUnnamedOfficialCountsThroughTheTabloid) {
  score::Run run = ScoreExample("black-moon-airborne-contract.json");
  const ClaimScore& c = Only(run);
  bool conduit = false;
  for (const Contribution& k : c.contributions) {
    if (k.ref == "structure.conduit") {
      conduit = true;
      EXPECT_LT(k.weight, 0) << "a conduit can only weaken a statement";
      EXPECT_NE(k.text.find("BILD"), std::string::npos) << k.text;
    }
  }
  EXPECT_TRUE(conduit);
  EXPECT_EQ(c.lines, 2);  // Black Moon (with BILD's relay) and the official
}

TEST(Examples, PutinRelayedThreeTimesIsOneLine) {
  score::Run run = ScoreExample("putin-early-warning-2019.json");
  const ClaimScore& c = Only(run);
  EXPECT_EQ(c.lines, 1);
  int relays = 0;
  for (const Contribution& k : c.contributions) {
    if (k.kind == ContributionKind::kLink && k.weight == 0 &&
        k.text.find("adds nothing") != std::string::npos) {
      ++relays;
      EXPECT_EQ(k.line, 1);
    }
  }
  EXPECT_EQ(relays, 3);
}

TEST(Examples, IransInterestedDenialWeighsLittle) {
  score::Run run = ScoreExample("tatarstan-drone-factory.json");
  const ClaimScore& c = Only(run);
  double denial = 0;
  for (const Contribution& k : c.contributions) {
    if (k.line > 0 && k.text.find("Government of Iran") != std::string::npos) denial += k.weight;
    if (k.ref == "link.denial.interested_party") denial += k.weight;
  }
  EXPECT_LT(denial, 0);
  EXPECT_GT(denial, -0.15) << "an interested party's denial should carry little information";
}

TEST(Examples, ConstructedDenialsDiffer) {
  score::Run run = ScoreExample("constructed-denials.json");
  ASSERT_EQ(run.claims.size(), 2u);
  // claims sorted by id: denial_disinterested, denial_interested
  EXPECT_GT(run.claims[1].p, run.claims[0].p);
}

TEST(Examples, ConstructedRivalsSumAtMostOneAndTheBestSupportedLeads) {
  score::Run run = ScoreExample("constructed-rival-figures.json");
  ASSERT_EQ(run.claims.size(), 3u);
  double sum = 0;
  for (const ClaimScore& c : run.claims) sum += c.p;
  EXPECT_LE(sum, 1.0);
  EXPECT_GT(run.claims[0].p, run.claims[1].p);  // 12: two sources; 24: one
  EXPECT_GT(run.claims[1].p, run.claims[2].p);  // 37: an anonymous channel
}

TEST(Examples, ConstructedImplicationLiftsTheImpliedClaim) {
  score::Run run = ScoreExample("constructed-implication.json");
  ASSERT_EQ(run.claims.size(), 2u);
  const ClaimScore& signed_ = run.claims[0];
  const ClaimScore& talks = run.claims[1];
  EXPECT_EQ(signed_.claim_id, "constructed/contract_signed");
  EXPECT_GE(talks.p, signed_.p);
}

}  // namespace
}  // namespace credence::score
