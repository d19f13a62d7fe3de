#include "core/score/sentence_memo_internal.h"

#include <gtest/gtest.h>

#include <string>

#include "core/model/case.h"
#include "core/score/score.h"
#include "tests/core/score/case_generator.h"

namespace credence::score {
namespace {

TEST(SentenceMemo, RendersEachKeyOnceAndReturnsTheSameBytes) {
  SentenceMemo memo;
  int renders = 0;
  auto render = [&](const std::string& text) {
    return [&renders, text](std::string& out) {
      ++renders;
      out = text;
    };
  };
  const SentenceMemo::Key key{1, 2, 3, 4};
  EXPECT_EQ(memo.Get(key, render("Line 2: Source 3 supports the claim.")), "Line 2: Source 3 supports the claim.");
  EXPECT_EQ(memo.Get(key, render("not rendered again")), "Line 2: Source 3 supports the claim.");
  EXPECT_EQ(renders, 1);
  // A key that differs in any field is another sentence.
  EXPECT_EQ(memo.Get({9, 2, 3, 4}, render("kind")), "kind");
  EXPECT_EQ(memo.Get({1, 9, 3, 4}, render("line")), "line");
  EXPECT_EQ(memo.Get({1, 2, 9, 4}, render("a")), "a");
  EXPECT_EQ(memo.Get({1, 2, 3, 9}, render("b")), "b");
  EXPECT_EQ(renders, 5);
  EXPECT_EQ(memo.size(), 5u);
}

TEST(SentenceMemo, ForgetsEverythingPastItsBytesAndStillAnswersRight) {
  SentenceMemo memo(/*max_bytes=*/20);
  int renders = 0;
  auto text_of = [](std::int64_t a) { return "sentence " + std::to_string(a); };
  for (int round = 0; round < 2; ++round) {
    for (std::int64_t a = 0; a < 10; ++a) {
      EXPECT_EQ(memo.Get({1, 0, a, 0}, [&](std::string& out) { ++renders, out = text_of(a); }), text_of(a));
      EXPECT_LE(memo.size(), 2u);  // two 10-byte sentences fit in 20 bytes
    }
  }
  EXPECT_EQ(renders, 20);
}

TEST(SentenceMemo, StopsStoringAKindWhoseKeysDoNotComeBack) {
  SentenceMemo memo;
  const std::int64_t n = 3 * SentenceMemo::kTrialMisses;
  int renders = 0;
  for (std::int64_t a = 0; a < n; ++a) {
    // Kind 1 never repeats; kind 2 is one sentence asked for again and again.
    EXPECT_EQ(memo.Get({1, 0, a, 0}, [&](std::string& out) { ++renders, out = "new " + std::to_string(a); }),
              "new " + std::to_string(a));
    EXPECT_EQ(memo.Get({2, 0, 0, 0}, [&](std::string& out) { ++renders, out = "again"; }), "again");
  }
  EXPECT_EQ(renders, n + 1);
  EXPECT_EQ(memo.size(), SentenceMemo::kTrialMisses + 1);  // kind 1 stopped at its trial
}

// Sentences found in a worker's memo are the ones rendered afresh: each
// claim of a case whose claims share sources and line numbers (so that
// most sentences are found, not rendered) scores as it does alone, in a case
// of its own with a memo of its own.
TEST(SentenceMemo, ClaimsScoreAsTheyDoAlone) {
  testing::CaseGenerator gen(14);
  const model::Case c = gen.Make({.sources = 6, .claims = 120, .links_per_claim = 5, .relations = false});
  const rules::RuleSet rules = *rules::DefaultRuleSet();
  for (int threads : {1, 2}) {
    ScoreParams params;
    params.threads = threads;
    Result<score::Run> all = Score(c, rules, params);
    ASSERT_TRUE(all.ok()) << all.status().ToString();
    for (const ClaimScore& scored : all->claims) {
      model::Case alone;
      alone.sources = c.sources;
      for (const model::Claim& claim : c.claims) {
        if (claim.id == scored.claim_id) alone.claims.push_back(claim);
      }
      for (const model::Link& l : c.links) {
        if (l.claim == scored.claim_id) alone.links.push_back(l);
      }
      for (const model::Evidence& e : c.evidence) {
        if (e.claim == scored.claim_id) alone.evidence.push_back(e);
      }
      Result<score::Run> one = Score(alone, rules, {});
      ASSERT_TRUE(one.ok()) << one.status().ToString();
      ASSERT_EQ(one->claims.size(), 1u);
      EXPECT_TRUE(one->claims[0] == scored) << scored.claim_id << ", " << threads << " threads";
    }
  }
}

}  // namespace
}  // namespace credence::score
