#include "core/score/score.h"

#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/score/case_index.h"
#include "tests/core/score/case_generator.h"

namespace credence::score {
namespace {

const rules::RuleSet& BatchRules() {
  static const rules::RuleSet set = *rules::DefaultRuleSet();
  return set;
}

// Keeps the claims of each Take and appends them to `out` when drained,
// noting on which thread each call ran.
class CollectingBatch : public ClaimBatch {
 public:
  CollectingBatch(std::vector<ClaimScore>& out, std::thread::id caller) : out_(out), caller_(caller) {}
  void Take(std::vector<ClaimScore>& claims) override {
    for (ClaimScore& c : claims) taken_.push_back(std::move(c));
  }
  Status Drain() override {
    EXPECT_EQ(std::this_thread::get_id(), caller_);
    for (ClaimScore& c : taken_) out_.push_back(std::move(c));
    taken_.clear();
    return Status::Ok();
  }

 private:
  std::vector<ClaimScore>& out_;
  std::thread::id caller_;
  std::vector<ClaimScore> taken_;
};

TEST(ScoreIndex, BatchesHandOnTheClaimsASinkGetsInTheSameOrder) {
  testing::CaseGenerator gen(11);
  Result<CaseIndex> index = CaseIndex::Of(gen.Make({.sources = 40, .claims = 300}));
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  std::vector<ClaimScore> sunk;
  Result<score::Run> a = ScoreIndex(*index, BatchRules(), {}, [&](ClaimScore&& c) {
    sunk.push_back(std::move(c));
    return Status::Ok();
  });
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_EQ(sunk.size(), 300u);
  for (int threads : {1, 3}) {
    std::vector<ClaimScore> drained;
    std::mutex mu;
    int made = 0;
    const std::thread::id caller = std::this_thread::get_id();
    Result<score::Run> b = ScoreIndex(*index, BatchRules(), {.threads = threads}, [&] {
      std::lock_guard<std::mutex> lock(mu);
      ++made;
      return std::make_unique<CollectingBatch>(drained, caller);
    });
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    EXPECT_TRUE(*a == *b) << threads << " threads";
    EXPECT_TRUE(drained == sunk) << threads << " threads";
    EXPECT_GE(made, 1);
    EXPECT_LE(made, 8 * threads) << threads << " threads";
  }
}

// Copies the claims of each Take and leaves them whole, as a store's row
// encoder does: ScoreIndex then writes later claims into their storage.
class CopyingBatch : public ClaimBatch {
 public:
  explicit CopyingBatch(std::vector<ClaimScore>& out) : out_(out) {}
  void Take(std::vector<ClaimScore>& claims) override { taken_.insert(taken_.end(), claims.begin(), claims.end()); }
  Status Drain() override {
    for (ClaimScore& c : taken_) out_.push_back(std::move(c));
    taken_.clear();
    return Status::Ok();
  }

 private:
  std::vector<ClaimScore>& out_;
  std::vector<ClaimScore> taken_;
};

TEST(ScoreIndex, ClaimsWrittenIntoTheStorageOfEarlierClaimsEqualFreshOnes) {
  testing::CaseGenerator gen(13);
  Result<CaseIndex> index = CaseIndex::Of(gen.Make({.sources = 40, .claims = 300, .links_per_claim = 6}));
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  for (bool sentences : {true, false}) {
    ScoreParams params;
    params.sentences = sentences;
    // A verdict on every other claim only: a claim written where a marked
    // one was must not keep its verdict.
    params.finish_claim = [](ClaimScore& c) {
      if (c.claim_id.back() % 2 == 1) {
        c.verdict.icd203 = "marked " + c.claim_id;
        c.verdict.admiralty_credibility = 1;
      }
    };
    std::vector<ClaimScore> sunk;
    Result<score::Run> a = ScoreIndex(*index, BatchRules(), params, [&](ClaimScore&& c) {
      sunk.push_back(std::move(c));
      return Status::Ok();
    });
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    ASSERT_EQ(sunk.size(), 300u);
    for (int threads : {1, 3}) {
      params.threads = threads;
      // A sink that only reads each claim leaves it whole, as a batch that
      // copies does.
      std::vector<ClaimScore> read;
      Result<score::Run> c = ScoreIndex(*index, BatchRules(), params, [&](ClaimScore&& claim) {
        read.push_back(claim);
        return Status::Ok();
      });
      ASSERT_TRUE(c.ok()) << c.status().ToString();
      EXPECT_TRUE(read == sunk) << threads << " threads, sentences " << sentences;
      std::vector<ClaimScore> drained;
      std::mutex mu;
      Result<score::Run> b = ScoreIndex(*index, BatchRules(), params, [&] {
        std::lock_guard<std::mutex> lock(mu);
        return std::make_unique<CopyingBatch>(drained);
      });
      ASSERT_TRUE(b.ok()) << b.status().ToString();
      ASSERT_EQ(drained.size(), sunk.size());
      for (std::size_t i = 0; i < sunk.size(); ++i) {
        EXPECT_TRUE(drained[i] == sunk[i]) << sunk[i].claim_id << ", " << threads << " threads, sentences "
                                           << sentences;
      }
    }
  }
}

// Records equal but for their claim are stored once; an evidence rule that
// looks at the claim must still be matched claim by claim.
TEST(ScoreIndex, EvidenceRulesOnTheClaimAreMatchedPerClaim) {
  Result<rules::RuleSet> set = rules::ParseRuleSet(R"({"format": "credence-rules/1", "name": "t", "rules": [
      {"name": "e.quantity", "on": "evidence", "when": {"feature": "f", "claim.kind": "quantity"},
       "effect": {"log_lr": 1.5}, "why": "w"},
      {"name": "e.any", "on": "evidence", "when": {"feature": "f"}, "effect": {"log_lr": 0.25}, "why": "v"}]})",
                                                   "t.rules");
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  model::Case c;
  for (int i = 0; i < 6; ++i) {
    model::Claim claim;
    claim.id = "c" + std::to_string(i);
    claim.kind = i % 2 == 0 ? model::ClaimKind::kQuantity : model::ClaimKind::kEvent;
    c.claims.push_back(claim);
    c.evidence.push_back(model::Evidence{claim.id, "f", "true", std::nullopt});
  }
  for (int threads : {1, 2}) {
    Result<score::Run> run = Score(c, *set, {.threads = threads});
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    for (const ClaimScore& s : run->claims) {
      const bool quantity = (s.claim_id.back() - '0') % 2 == 0;
      std::vector<std::string> refs;
      for (const Contribution& k : s.contributions) {
        if (k.kind == ContributionKind::kEvidence) refs.push_back(k.ref + " " + k.text);
      }
      std::vector<std::string> want;
      if (quantity) want.push_back(s.claim_id + "#f Artifact: f: w [rule e.quantity]");
      want.push_back(s.claim_id + "#f Artifact: f: v [rule e.any]");
      EXPECT_EQ(refs, want) << s.claim_id << ", " << threads << " threads";
    }
  }
}

// Fails its third Drain.
class FailingBatch : public ClaimBatch {
 public:
  explicit FailingBatch(int& drains) : drains_(drains) {}
  void Take(std::vector<ClaimScore>&) override {}
  Status Drain() override { return ++drains_ == 3 ? Status::Io("disk full") : Status::Ok(); }

 private:
  int& drains_;
};

TEST(ScoreIndex, ADrainErrorStopsScoringAndIsReturned) {
  testing::CaseGenerator gen(12);
  Result<CaseIndex> index = CaseIndex::Of(gen.Make({.sources = 40, .claims = 300}));
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  for (int threads : {1, 3}) {
    int drains = 0;
    Result<score::Run> run = ScoreIndex(*index, BatchRules(), {.threads = threads},
                                 [&drains] { return std::make_unique<FailingBatch>(drains); });
    ASSERT_FALSE(run.ok());
    EXPECT_EQ(run.status().ToString(), Status::Io("disk full").ToString());
    EXPECT_EQ(drains, 3) << threads << " threads";
  }
}

}  // namespace
}  // namespace credence::score
