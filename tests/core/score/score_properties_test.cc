// The properties of ../shared/spec/scoring-model.md, each checked on many
// seeded random cases (tests/core/score/case_generator.h).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/score/evidence_math.h"
#include "core/score/score.h"
#include "tests/core/score/case_generator.h"

namespace credence::score {
namespace {

constexpr int kCases = 200;
constexpr double kImpossible = 1e-15;

const rules::RuleSet& Rules() {
  static const rules::RuleSet set = *rules::DefaultRuleSet();
  return set;
}

Run MustScore(const model::Case& c, ScoreParams params = {}) {
  Result<Run> r = Score(c, Rules(), params);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : Run{};
}

std::map<std::string, const ClaimScore*> ById(const Run& run) {
  std::map<std::string, const ClaimScore*> m;
  for (const ClaimScore& c : run.claims) m[c.claim_id] = &c;
  return m;
}

// Links of claims in no relation, to test single-claim properties cleanly.
bool InRelation(const model::Case& c, const std::string& claim) {
  for (const model::Relation& r : c.relations) {
    if (std::find(r.claims.begin(), r.claims.end(), claim) != r.claims.end()) return true;
  }
  return false;
}

TEST(ScoreProperties, RelayInvariance) {
  for (int seed = 0; seed < kCases; ++seed) {
    testing::CaseGenerator gen(seed);
    model::Case c = gen.Make({});
    score::Run before = MustScore(c);
    // Add up to five plain relays of an existing link, chained.
    if (c.links.empty()) continue;
    const model::Link target = c.links[gen.Uniform(0, static_cast<int>(c.links.size()) - 1)];
    std::string upstream = target.source;
    int relays = gen.Uniform(1, 5);
    for (int k = 0; k < relays; ++k) {
      std::string id = "relay" + std::to_string(k);
      c.sources.push_back({id, "Relay " + std::to_string(k), model::SourceKind::kBlog, {}, std::nullopt});
      model::Link l;
      l.source = id;
      l.claim = target.claim;
      l.stance = target.stance;
      l.mode = model::LinkMode::kRelays;
      l.via = {upstream};
      c.links.push_back(l);
      upstream = id;
    }
    score::Run after = MustScore(c);
    auto b = ById(before);
    for (const ClaimScore& a : after.claims) {
      EXPECT_LT(std::abs(a.p - b[a.claim_id]->p), 0.01) << "seed " << seed << " claim " << a.claim_id;
    }
  }
}

TEST(ScoreProperties, IndependentCorroborationRaisesAndRefutationLowers) {
  for (int seed = 0; seed < kCases; ++seed) {
    testing::CaseGenerator gen(seed);
    model::Case c = gen.Make({});
    score::Run before = MustScore(c);
    const std::string claim = "c" + std::to_string(gen.Uniform(0, 7));
    for (model::Stance stance : {model::Stance::kSupports, model::Stance::kRefutes}) {
      model::Case d = c;
      // A wire service (prior reliability above one half) investigating firsthand.
      d.sources.push_back({"new_line", "New line", model::SourceKind::kWireService, {}, std::nullopt});
      model::Link l;
      l.source = "new_line";
      l.claim = claim;
      l.stance = stance;
      l.mode = model::LinkMode::kFirsthand;
      d.links.push_back(l);
      score::Run after = MustScore(d);
      double pb = ById(before)[claim]->p, pa = ById(after)[claim]->p;
      // A claim its relations make impossible (it implies its own rival)
      // stays impossible whatever is said of it.
      if (pb < kImpossible) continue;
      if (stance == model::Stance::kSupports) {
        EXPECT_GT(pa, pb) << "seed " << seed;
      } else {
        EXPECT_LT(pa, pb) << "seed " << seed;
      }
    }
  }
}

TEST(ScoreProperties, BetterTrackRecordOfASupportingSourceNeverLowersP) {
  for (int seed = 0; seed < kCases; ++seed) {
    testing::CaseGenerator gen(seed);
    model::Case c = gen.Make({});
    // Make s0 a source that only supports and is nobody's conduit.
    for (model::Link& l : c.links) {
      if (l.source == "s0") {
        l.stance = model::Stance::kSupports;
        if (l.mode == model::LinkMode::kDenies) l.mode = model::LinkMode::kConfirms;
      }
      if (l.reported_by == "s0") l.reported_by.reset();
    }
    score::Run before = MustScore(c);
    model::Source& s0 = c.sources[0];
    model::TrackRecord t = s0.track_record.value_or(model::TrackRecord{});
    t.confirmed += gen.Uniform(1, 20);
    s0.track_record = t;
    score::Run after = MustScore(c);
    auto b = ById(before);
    for (const model::Link& l : c.links) {
      if (l.source != "s0") continue;
      // Within one exclusive group s0 may support rivals; skip those claims.
      if (InRelation(c, l.claim)) continue;
      EXPECT_GE(ById(after)[l.claim]->p, b[l.claim]->p) << "seed " << seed << " claim " << l.claim;
    }
  }
}

TEST(ScoreProperties, InterestedDenialMovesLessThanDisinterested) {
  for (int seed = 0; seed < kCases; ++seed) {
    testing::CaseGenerator gen(seed);
    model::Case c = gen.Make({});
    const std::string claim = "c" + std::to_string(gen.Uniform(0, 7));
    score::Run base = MustScore(c);
    if (ById(base)[claim]->p < kImpossible) continue;
    double moved[2];
    for (int interested = 0; interested < 2; ++interested) {
      model::Case d = c;
      model::Source s{"denier", "Denier", model::SourceKind::kGovernment, {}, std::nullopt};
      if (interested) s.attributes["interested_party"] = "true";
      d.sources.push_back(s);
      model::Link l;
      l.source = "denier";
      l.claim = claim;
      l.stance = model::Stance::kRefutes;
      l.mode = model::LinkMode::kDenies;
      d.links.push_back(l);
      moved[interested] = std::abs(ById(MustScore(d))[claim]->p - ById(base)[claim]->p);
    }
    EXPECT_LT(moved[1], moved[0]) << "seed " << seed;
  }
}

TEST(ScoreProperties, ExclusiveSumsAtMostOneAndImpliesOrders) {
  int checked = 0;
  for (int seed = 0; seed < kCases; ++seed) {
    testing::CaseGenerator gen(seed);
    model::Case c = gen.Make({.sources = 10, .claims = 8, .links_per_claim = 5});
    score::Run run = MustScore(c);
    auto p = ById(run);
    for (const model::Relation& r : c.relations) {
      ++checked;
      if (r.kind == model::RelationKind::kExclusive) {
        double sum = 0;
        for (const std::string& id : r.claims) sum += p[id]->p;
        EXPECT_LE(sum, 1 + 1e-9) << "seed " << seed << " " << r.Key();
      } else {
        EXPECT_GE(p[r.claims[1]]->p, p[r.claims[0]]->p - 1e-9) << "seed " << seed << " " << r.Key();
      }
    }
  }
  EXPECT_GT(checked, 100);
}

TEST(ScoreProperties, ShufflingRecordsChangesNothing) {
  for (int seed = 0; seed < kCases; ++seed) {
    testing::CaseGenerator gen(seed);
    model::Case c = gen.Make({});
    score::Run a = MustScore(c);
    std::shuffle(c.sources.begin(), c.sources.end(), gen.rng());
    std::shuffle(c.claims.begin(), c.claims.end(), gen.rng());
    std::shuffle(c.links.begin(), c.links.end(), gen.rng());
    std::shuffle(c.evidence.begin(), c.evidence.end(), gen.rng());
    std::shuffle(c.relations.begin(), c.relations.end(), gen.rng());
    score::Run b = MustScore(c);
    EXPECT_TRUE(a == b) << "seed " << seed;
  }
}

TEST(ScoreProperties, SameInputsSameRun) {
  for (int seed = 0; seed < 50; ++seed) {
    testing::CaseGenerator gen(seed);
    // Enough units for every thread to take many chunks.
    model::Case c = gen.Make({.sources = 40, .claims = 150});
    EXPECT_TRUE(MustScore(c, {.seed = 7}) == MustScore(c, {.seed = 7})) << "seed " << seed;
    // Threads change nothing: chunks finish in any order on three workers.
    EXPECT_TRUE(MustScore(c, {.seed = 7}) == MustScore(c, {.seed = 7, .threads = 3})) << "seed " << seed;
  }
}

TEST(ScoreProperties, IntervalContainsPAndNarrowsAsSourcesAreBetterKnown) {
  for (int seed = 0; seed < kCases; ++seed) {
    testing::CaseGenerator gen(seed);
    model::Case c = gen.Make({});
    score::Run run = MustScore(c);
    for (const ClaimScore& s : run.claims) {
      EXPECT_LE(s.lo, s.p) << "seed " << seed << " " << s.claim_id;
      EXPECT_GE(s.hi, s.p) << "seed " << seed << " " << s.claim_id;
    }
    // Ten times the record at the same ratios: every source better known.
    model::Case d = c;
    for (model::Source& s : d.sources) {
      model::TrackRecord t = s.track_record.value_or(model::TrackRecord{});
      s.track_record = model::TrackRecord{t.confirmed * 10 + 20, t.refuted * 10 + 10, t.unresolved};
    }
    model::Case e = c;
    for (model::Source& s : e.sources) {
      model::TrackRecord t = s.track_record.value_or(model::TrackRecord{});
      s.track_record = model::TrackRecord{t.confirmed * 100 + 200, t.refuted * 100 + 100, t.unresolved};
    }
    score::Run wide_run = MustScore(d), narrow_run = MustScore(e);
    auto narrow = ById(narrow_run);
    for (const ClaimScore& s : wide_run.claims) {
      const ClaimScore& t = *narrow[s.claim_id];
      EXPECT_LE(t.hi - t.lo, s.hi - s.lo + 1e-12) << "seed " << seed << " " << s.claim_id;
    }
  }
}

TEST(ScoreProperties, ContributionsAddUpToTheLogOdds) {
  for (int seed = 0; seed < kCases; ++seed) {
    testing::CaseGenerator gen(seed);
    score::Run run = MustScore(gen.Make({}));
    for (const ClaimScore& s : run.claims) {
      double sum = 0;
      for (const Contribution& k : s.contributions) sum += k.weight;
      EXPECT_NEAR(sum, s.log_odds, 1e-9) << "seed " << seed << " " << s.claim_id;
      EXPECT_NEAR(Logistic(s.log_odds), s.p_raw, 1e-9) << "seed " << seed << " " << s.claim_id;
      for (const Contribution& k : s.contributions) {
        EXPECT_FALSE(k.ref.empty());
        EXPECT_FALSE(k.text.empty());
      }
    }
  }
}

TEST(ScoreProperties, WithoutSentencesEveryWeightAndRefIsTheSame) {
  for (int seed = 0; seed < 50; ++seed) {
    testing::CaseGenerator gen(seed);
    model::Case c = gen.Make({});
    score::Run full = MustScore(c);
    score::Run bare = MustScore(c, {.sentences = false});
    for (ClaimScore& s : full.claims) {
      for (Contribution& k : s.contributions) k.text.clear();
    }
    EXPECT_TRUE(full == bare) << "seed " << seed;
  }
}

TEST(ScoreProperties, LabelsAreNeverRead) {
  testing::CaseGenerator gen(3);
  model::Case c = gen.Make({});
  score::Run a = MustScore(c);
  for (model::Claim& cl : c.claims) cl.label = model::Label{true, "", ""};
  EXPECT_TRUE(a == MustScore(c));
}

}  // namespace
}  // namespace credence::score
