// Seeded random cases for the property tests of the scoring contract
// (../shared/spec/scoring-model.md). Deterministic for a given seed.
#ifndef CREDENCE_TESTS_CORE_SCORE_CASE_GENERATOR_H_
#define CREDENCE_TESTS_CORE_SCORE_CASE_GENERATOR_H_

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>

#include "core/model/case.h"

namespace credence::testing {

struct GeneratorOptions {
  int sources = 12;
  int claims = 8;
  int links_per_claim = 4;  // at most; a claim may get fewer
  bool relations = true;
  bool evidence = true;
};

class CaseGenerator {
 public:
  explicit CaseGenerator(std::uint64_t seed) : rng_(seed) {}

  model::Case Make(const GeneratorOptions& o);

  // Uniform integer in [lo, hi] from the raw engine (portable across
  // standard libraries, unlike std::uniform_int_distribution).
  int Uniform(int lo, int hi) { return lo + static_cast<int>(rng_() % static_cast<std::uint64_t>(hi - lo + 1)); }
  bool Chance(int percent) { return Uniform(1, 100) <= percent; }
  std::mt19937_64& rng() { return rng_; }

 private:
  std::mt19937_64 rng_;
};

inline model::Case CaseGenerator::Make(const GeneratorOptions& o) {
  using namespace model;
  Case c;
  static constexpr SourceKind kKinds[] = {SourceKind::kNewsOutlet, SourceKind::kWireService,
                                          SourceKind::kOfficial,   SourceKind::kGovernment,
                                          SourceKind::kHackerGroup, SourceKind::kBlog,
                                          SourceKind::kThinkTank,  SourceKind::kIntelligenceAgency};
  for (int i = 0; i < o.sources; ++i) {
    Source s;
    s.id = "s" + std::to_string(i);
    s.name = "Source " + std::to_string(i);
    s.kind = kKinds[Uniform(0, 7)];
    if (Chance(25)) s.attributes["anonymous"] = "true";
    if (Chance(15)) s.attributes["tabloid"] = "true";
    if (Chance(15)) s.attributes["interested_party"] = "true";
    if (Chance(30)) s.track_record = TrackRecord{Uniform(0, 30), Uniform(0, 30), Uniform(0, 5)};
    c.sources.push_back(std::move(s));
  }
  static constexpr LinkMode kModes[] = {LinkMode::kOriginates, LinkMode::kFirsthand, LinkMode::kRelays,
                                        LinkMode::kConfirms,   LinkMode::kDenies,    LinkMode::kAssesses};
  for (int i = 0; i < o.claims; ++i) {
    Claim cl;
    cl.id = "c" + std::to_string(i);
    cl.text = "Claim " + std::to_string(i);
    c.claims.push_back(cl);
    int n = Uniform(0, o.links_per_claim);
    std::vector<int> used;
    for (int k = 0; k < n; ++k) {
      int s = Uniform(0, o.sources - 1);
      if (std::find(used.begin(), used.end(), s) != used.end()) continue;
      Link l;
      l.source = "s" + std::to_string(s);
      l.claim = cl.id;
      l.mode = kModes[Uniform(0, 5)];
      l.stance = l.mode == LinkMode::kDenies ? Stance::kRefutes
                 : Chance(75)               ? Stance::kSupports
                 : Chance(80)               ? Stance::kRefutes
                                            : Stance::kNeutral;
      // via only to sources already linked to this claim: acyclic.
      if (!used.empty() && (l.mode == LinkMode::kRelays || Chance(15))) {
        l.via.push_back("s" + std::to_string(used[Uniform(0, static_cast<int>(used.size()) - 1)]));
      }
      if (Chance(15)) l.reported_by = "s" + std::to_string(Uniform(0, o.sources - 1));
      if (Chance(20)) l.attributes["hedged"] = "true";
      if (Chance(15)) l.attributes["verified_independently"] = "true";
      if (Chance(15)) l.attributes["named"] = Chance(50) ? "true" : "false";
      used.push_back(s);
      c.links.push_back(std::move(l));
    }
    if (o.evidence && Chance(25)) {
      static constexpr const char* kFeatures[] = {"bilingual_original", "photo_of_original",
                                                  "internal_inconsistency", "metadata_consistent"};
      c.evidence.push_back(Evidence{cl.id, kFeatures[Uniform(0, 3)], Chance(80) ? "true" : "false", std::nullopt});
    }
  }
  if (o.relations && o.claims >= 4) {
    // A few small exclusive groups and implications among the claims.
    int groups = Uniform(0, 2);
    for (int g = 0; g < groups; ++g) {
      Relation r{RelationKind::kExclusive, {}};
      int size = Uniform(2, 3);
      for (int k = 0; k < size; ++k) r.claims.push_back("c" + std::to_string(Uniform(0, o.claims - 1)));
      std::sort(r.claims.begin(), r.claims.end());
      r.claims.erase(std::unique(r.claims.begin(), r.claims.end()), r.claims.end());
      if (r.claims.size() >= 2) c.relations.push_back(r);
    }
    int implies = Uniform(0, 2);
    for (int k = 0; k < implies; ++k) {
      int a = Uniform(0, o.claims - 1), b = Uniform(0, o.claims - 1);
      if (a != b) c.relations.push_back(Relation{RelationKind::kImplies, {"c" + std::to_string(a), "c" + std::to_string(b)}});
    }
  }
  return c;
}

}  // namespace credence::testing

#endif  // CREDENCE_TESTS_CORE_SCORE_CASE_GENERATOR_H_
