// One claim with more lines than the scorer's large-claim threshold (4,096)
// takes paths of its own: buffers sized exactly in a first pass, lines not
// stored when every link is an origin, the variance summed as lines are
// scored. Each of its lines must weigh, and read, what the same link does
// alone on a claim of its own.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "core/score/score.h"
#include "tests/core/score/case_generator.h"

namespace credence::score {
namespace {

constexpr int kSources = 6'000;

const rules::RuleSet& Rules() {
  static const rules::RuleSet set = *rules::DefaultRuleSet();
  return set;
}

// The contributions of `claim` on line `line` but those of relays of
// `source`, without their line number (in the sentence's "Line N: " prefix
// too) and link refs without their claim.
std::vector<Contribution> LineOf(const ClaimScore& claim, int line, const std::string& source) {
  std::vector<Contribution> out;
  const std::string prefix = "Line " + std::to_string(line) + ": ";
  for (Contribution k : claim.contributions) {
    if (k.line != line) continue;
    if (k.kind == ContributionKind::kLink) {
      k.ref.erase(k.ref.find("->"));
      if (k.ref != source) continue;
    }
    if (k.text.starts_with(prefix)) k.text.erase(0, prefix.size());
    k.line = 0;
    out.push_back(std::move(k));
  }
  return out;
}

// Sources of every kind and attribute the generator makes; claim "big" gets
// one link from each (`link(k)` makes source k's), and every 50th source
// also links alone to claim "one<k>".
template <class MakeLink>
Run ScoreBigAndAlone(MakeLink&& link, std::vector<int>* alone) {
  testing::CaseGenerator gen(11);
  testing::GeneratorOptions o;
  o.sources = kSources;
  o.claims = 0;
  model::Case c = gen.Make(o);
  model::Claim big;
  big.id = "big";
  big.text = "many links";
  c.claims.push_back(big);
  for (int k = 0; k < kSources; ++k) {
    model::Link l = link(k);
    l.claim = "big";
    c.links.push_back(l);
    if (k % 50 == 0) {
      model::Claim one;
      one.id = "one" + std::to_string(k);
      one.text = "one link";
      c.claims.push_back(one);
      l.claim = one.id;
      l.via.clear();  // alone, a relay's upstream is absent: compare origins only
      c.links.push_back(l);
      alone->push_back(k);
    }
  }
  Result<Run> run = Score(c, Rules(), ScoreParams{});
  EXPECT_TRUE(run.ok()) << run.status().ToString();
  return run.ok() ? *run : Run{};
}

void ExpectLinesAsAlone(const Run& run, const std::vector<int>& alone, bool (*compare)(int)) {
  std::map<std::string, const ClaimScore*> by_id;
  for (const ClaimScore& c : run.claims) by_id[c.claim_id] = &c;
  const ClaimScore& big = *by_id.at("big");
  double sum = 0;
  std::map<std::string, int> line_of;  // source -> its line in "big"
  for (const Contribution& k : big.contributions) {
    sum += k.weight;
    if (k.kind == ContributionKind::kLink && k.line > 0) line_of.emplace(k.ref.substr(0, k.ref.find("->")), k.line);
  }
  EXPECT_NEAR(sum, big.log_odds, 1e-9 * (1 + std::abs(big.log_odds)));
  int compared = 0;
  for (int k : alone) {
    if (!compare(k)) continue;
    const std::string source = "s" + std::to_string(k);
    ASSERT_TRUE(line_of.count(source)) << source;
    const std::vector<Contribution> in_big = LineOf(big, line_of[source], source);
    const std::vector<Contribution> by_itself = LineOf(*by_id.at("one" + std::to_string(k)), 1, source);
    ASSERT_FALSE(in_big.empty()) << source;
    EXPECT_EQ(in_big, by_itself) << source;
    ++compared;
  }
  EXPECT_GT(compared, 20);
}

TEST(LargeClaim, EveryLinkAnOriginWeighsAsAlone) {
  std::vector<int> alone;
  const score::Run run = ScoreBigAndAlone(
      [](int k) {
        model::Link l;
        l.source = "s" + std::to_string(k);
        l.mode = k % 5 == 0 ? model::LinkMode::kFirsthand : model::LinkMode::kOriginates;
        l.stance = k % 7 == 0 ? model::Stance::kRefutes : k % 11 == 0 ? model::Stance::kNeutral : model::Stance::kSupports;
        if (k % 3 == 0) l.attributes["hedged"] = "true";
        return l;
      },
      &alone);
  for (const ClaimScore& c : run.claims) {
    if (c.claim_id == "big") {
      EXPECT_EQ(c.lines, kSources);
    }
  }
  ExpectLinesAsAlone(run, alone, [](int) { return true; });
}

TEST(LargeClaim, RelaysAndConduitsKeepTheirLinesAndWeighAsAlone) {
  // Every third link relays the one before; every fourth is known through a
  // conduit (so derivatives are stored and summed per source).
  std::vector<int> alone;
  const score::Run run = ScoreBigAndAlone(
      [](int k) {
        model::Link l;
        l.source = "s" + std::to_string(k);
        l.stance = k % 7 == 0 ? model::Stance::kRefutes : model::Stance::kSupports;
        l.mode = model::LinkMode::kOriginates;
        if (k % 3 == 1) {
          l.mode = model::LinkMode::kRelays;
          l.via.push_back("s" + std::to_string(k - 1));
        }
        if (k % 4 == 0) l.reported_by = "s" + std::to_string((k + 2) % kSources);
        return l;
      },
      &alone);
  for (const ClaimScore& c : run.claims) {
    if (c.claim_id == "big") {
      EXPECT_EQ(c.lines, kSources - kSources / 3);
    }
  }
  ExpectLinesAsAlone(run, alone, [](int k) { return k % 3 != 1; });
}

}  // namespace
}  // namespace credence::score
