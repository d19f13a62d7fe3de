#include "core/learn/truth_problem.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace credence::learn {

TruthProblem BuildTruthProblem(const model::Case& c) {
  TruthProblem t;
  for (const model::Source& s : c.sources) t.source_ids.push_back(s.id);
  std::sort(t.source_ids.begin(), t.source_ids.end());
  for (const model::Claim& cl : c.claims) t.claim_ids.push_back(cl.id);
  std::sort(t.claim_ids.begin(), t.claim_ids.end());
  std::unordered_map<std::string, int> source_index, claim_index;  // lookup only
  for (std::size_t i = 0; i < t.source_ids.size(); ++i) source_index.emplace(t.source_ids[i], static_cast<int>(i));
  for (std::size_t i = 0; i < t.claim_ids.size(); ++i) claim_index.emplace(t.claim_ids[i], static_cast<int>(i));
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
      auto it = claim_index.find(id);
      if (it == claim_index.end()) continue;
      // The scorer's rivals: the largest exclusive relation a claim is in.
      rivals[it->second] = std::max(rivals[it->second], static_cast<int>(r->claims.size()) - 1);
      if (group[it->second] < 0) m.push_back(it->second);
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
    auto ci = claim_index.find(l.claim);
    auto si = source_index.find(l.source);
    if (ci == claim_index.end() || si == source_index.end()) continue;
    by_claim[ci->second].push_back({si->second, l.stance == model::Stance::kSupports ? 1 : -1});
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
  return t;
}

}  // namespace credence::learn
