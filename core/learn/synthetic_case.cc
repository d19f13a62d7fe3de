#include "core/learn/synthetic_case.h"

#include <algorithm>
#include <random>

namespace credence::learn {
namespace {

// Uniform double in [0, 1) from the raw engine output (portable across
// standard libraries, unlike std::uniform_real_distribution).
double Uniform(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

}  // namespace

model::Case MakeSyntheticCase(const SyntheticSpec& spec) {
  std::mt19937_64 rng(spec.seed);
  model::Case c;
  const int n = static_cast<int>(spec.reliabilities.size());
  const int m = static_cast<int>(spec.copiers.size());
  for (int s = 0; s < n; ++s) c.sources.push_back({"s" + std::to_string(s), "s", model::SourceKind::kOther, {}, {}});
  for (int k = 0; k < m; ++k) c.sources.push_back({"c" + std::to_string(k), "c", model::SourceKind::kOther, {}, {}});
  for (int i = 0; i < spec.items; ++i) {
    std::vector<int> given(n + m, -1);
    for (int s = 0; s < n; ++s) {
      if (Uniform(rng) >= spec.coverage) continue;
      given[s] = Uniform(rng) < spec.reliabilities[s]
                     ? 0
                     : 1 + static_cast<int>(rng() % static_cast<std::uint64_t>(spec.values - 1));
    }
    for (int k = 0; k < m; ++k) {
      const Copier& cp = spec.copiers[k];
      if (given[cp.original] >= 0 && Uniform(rng) < cp.rate) given[n + k] = given[cp.original];
    }
    std::vector<std::string> ids;
    for (int v = 0; v < spec.values; ++v) {
      std::string id = "i" + std::to_string(i) + ".v" + std::to_string(v);
      bool any = false;
      for (int s = 0; s < n + m; ++s) {
        if (given[s] != v) continue;
        any = true;
        model::Link l;
        l.source = c.sources[s].id;
        l.claim = id;
        l.stance = model::Stance::kSupports;
        l.mode = model::LinkMode::kOriginates;
        c.links.push_back(l);
      }
      if (!any) continue;
      model::Claim cl;
      cl.id = id;
      cl.text = id;
      cl.label = model::Label{v == 0, "", ""};
      c.claims.push_back(cl);
      ids.push_back(id);
    }
    if (ids.size() >= 2) {
      std::sort(ids.begin(), ids.end());
      c.relations.push_back({model::RelationKind::kExclusive, ids});
    }
  }
  return c;
}

}  // namespace credence::learn
