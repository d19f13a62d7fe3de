#include "core/learn/truth_problem.h"

#include <algorithm>
#include <cmath>

namespace credence::learn {

TruthProblem BuildTruthProblem(const model::Case& c) {
  TruthProblem t;
  for (const model::Source& s : c.sources) t.source_ids.push_back(s.id);
  // Stores hand records sorted by id already: then this is one linear check.
  if (!std::is_sorted(t.source_ids.begin(), t.source_ids.end())) std::sort(t.source_ids.begin(), t.source_ids.end());
  for (const model::Claim& cl : c.claims) t.claim_ids.push_back(cl.id);
  if (!std::is_sorted(t.claim_ids.begin(), t.claim_ids.end())) std::sort(t.claim_ids.begin(), t.claim_ids.end());
  // Ids are looked up by binary search in the sorted id lists: no hashing
  // of 100k-claim stores' strings.
  auto index_in = [](const std::vector<std::string>& ids, const std::string& id) {
    auto it = std::lower_bound(ids.begin(), ids.end(), id);
    return it != ids.end() && *it == id ? static_cast<int>(it - ids.begin()) : -1;
  };
  const std::size_t n = t.claim_ids.size();

  // Groups: exclusive relations in key order, a claim joining the first.
  std::vector<std::pair<std::string, const model::Relation*>> keyed;
  for (const model::Relation& r : c.relations) {
    if (r.kind == model::RelationKind::kExclusive) keyed.push_back({r.Key(), &r});
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<const model::Relation*> relations;
  for (const auto& [key, r] : keyed) relations.push_back(r);
  std::vector<int> group(n, -1);
  std::vector<int> rivals(n, 1);
  std::vector<std::vector<int>> members;
  for (const model::Relation* r : relations) {
    std::vector<int> m;
    for (const std::string& id : r->claims) {
      const int ci = index_in(t.claim_ids, id);
      if (ci < 0) continue;
      // The scorer's rivals: the largest exclusive relation a claim is in.
      rivals[ci] = std::max(rivals[ci], static_cast<int>(r->claims.size()) - 1);
      if (group[ci] < 0) m.push_back(ci);
    }
    if (m.empty()) continue;
    for (int ci : m) group[ci] = static_cast<int>(members.size());
    members.push_back(std::move(m));
  }
  for (std::size_t ci = 0; ci < n; ++ci) {
    if (group[ci] < 0) {
      group[ci] = static_cast<int>(members.size());
      members.push_back({static_cast<int>(ci)});
    }
  }
  t.claim_group = group;
  t.group_start.push_back(0);
  for (const auto& m : members) {
    t.group_claims.insert(t.group_claims.end(), m.begin(), m.end());
    t.group_start.push_back(static_cast<int>(t.group_claims.size()));
  }
  t.log_rivals.resize(n);
  for (std::size_t ci = 0; ci < n; ++ci) t.log_rivals[ci] = std::log(static_cast<double>(std::max(1, rivals[ci])));

  std::vector<std::vector<std::pair<int, signed char>>> by_claim(n);
  for (const model::Link& l : c.links) {
    if (l.stance == model::Stance::kNeutral) continue;
    const int ci = index_in(t.claim_ids, l.claim);
    const int si = index_in(t.source_ids, l.source);
    if (ci < 0 || si < 0) continue;
    by_claim[ci].push_back({si, static_cast<signed char>(l.stance == model::Stance::kSupports ? 1 : -1)});
  }
  t.link_start.push_back(0);
  for (auto& links : by_claim) {
    std::sort(links.begin(), links.end());
    for (auto [s, sign] : links) {
      t.link_source.push_back(s);
      t.link_sign.push_back(sign);
    }
    t.link_start.push_back(static_cast<int>(t.link_source.size()));
  }
  // Supporting assertions per source, by (group, claim): a counting sort.
  const std::size_t sources = t.source_ids.size();
  t.assert_start.assign(sources + 1, 0);
  for (std::size_t li = 0; li < t.link_source.size(); ++li) {
    if (t.link_sign[li] > 0) ++t.assert_start[t.link_source[li] + 1];
  }
  for (std::size_t s = 0; s < sources; ++s) t.assert_start[s + 1] += t.assert_start[s];
  t.assert_group.resize(t.assert_start[sources]);
  t.assert_claim.resize(t.assert_start[sources]);
  std::vector<int> next(t.assert_start.begin(), t.assert_start.end() - 1);
  for (std::size_t g = 0; g + 1 < t.group_start.size(); ++g) {
    for (int k = t.group_start[g]; k < t.group_start[g + 1]; ++k) {
      const int claim = t.group_claims[k];
      for (int li = t.link_start[claim]; li < t.link_start[claim + 1]; ++li) {
        if (t.link_sign[li] <= 0) continue;
        const int at = next[t.link_source[li]]++;
        t.assert_group[at] = static_cast<int>(g);
        t.assert_claim[at] = claim;
      }
    }
  }
  return t;
}

}  // namespace credence::learn
