#include "core/score/relations.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "core/score/evidence_math.h"

namespace credence::score {
namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

// log(exp(a) + exp(b)), stable, with -inf as the empty sum.
double LogAdd(double a, double b) {
  if (a == kNegInf) return b;
  if (b == kNegInf) return a;
  double m = std::max(a, b);
  return m + std::log1p(std::exp(std::min(a, b) - m));
}

std::string JoinKeys(const std::vector<std::string>& keys) {
  std::string out;
  for (const std::string& k : keys) {
    if (!out.empty()) out += ' ';
    out += k;
  }
  return out;
}

void SetInterval(ClaimSolution& s, double sigma, double z) {
  s.p = Logistic(s.log_odds);
  s.lo = std::min(s.p, Logistic(s.log_odds - z * sigma));
  s.hi = std::max(s.p, Logistic(s.log_odds + z * sigma));
}

std::string Describe(double delta) {
  return delta < 0 ? "lowers" : "raises";
}

}  // namespace

RelationGraph::RelationGraph(std::size_t claims) : parent_(claims) {
  for (std::size_t i = 0; i < claims; ++i) parent_[i] = static_cast<int>(i);
}

int RelationGraph::Find(int x) const {
  while (parent_[x] != x) {
    parent_[x] = parent_[parent_[x]];
    x = parent_[x];
  }
  return x;
}

void RelationGraph::AddExclusive(const std::vector<int>& members, const std::string& key) {
  std::vector<int> m = members;
  std::sort(m.begin(), m.end());
  m.erase(std::unique(m.begin(), m.end()), m.end());
  if (m.size() < 2) return;
  for (int x : m) parent_[Find(x)] = Find(m[0]);
  exclusive_.push_back({std::move(m), key});
}

void RelationGraph::AddImplies(int from, int to, const std::string& key) {
  if (from == to) return;
  parent_[Find(from)] = Find(to);
  implies_.push_back({from, to, key});
}

RelationSolution RelationGraph::Solve(const std::vector<double>& log_odds, const std::vector<double>& sigma,
                                      double z, int max_exact) const {
  const int n = static_cast<int>(log_odds.size());
  RelationSolution out;
  out.claims.resize(n);
  // Components, each listing its claims (ascending) and relations.
  std::map<int, std::vector<int>> members;
  std::map<int, std::vector<int>> comp_excl, comp_impl;
  for (int i = 0; i < n; ++i) members[Find(i)].push_back(i);
  for (int e = 0; e < static_cast<int>(exclusive_.size()); ++e) {
    comp_excl[Find(exclusive_[e].members[0])].push_back(e);
  }
  for (int k = 0; k < static_cast<int>(implies_.size()); ++k) comp_impl[Find(implies_[k].from)].push_back(k);

  for (const auto& [root, claims] : members) {
    if (claims.size() == 1) {
      ClaimSolution& s = out.claims[claims[0]];
      s.log_odds = log_odds[claims[0]];
      SetInterval(s, sigma[claims[0]], z);
      continue;
    }
    const std::vector<int>& excl = comp_excl[root];
    const std::vector<int>& impl = comp_impl[root];
    // Relation keys per claim, for the explanation.
    std::map<int, std::vector<std::string>> keys;
    for (int e : excl) {
      for (int c : exclusive_[e].members) keys[c].push_back(exclusive_[e].key);
    }
    for (int k : impl) {
      keys[implies_[k].from].push_back(implies_[k].key);
      keys[implies_[k].to].push_back(implies_[k].key);
    }

    if (static_cast<int>(claims.size()) <= max_exact) {
      // Exact: enumerate the allowed assignments by depth-first search.
      const int m = static_cast<int>(claims.size());
      std::map<int, int> local;
      for (int i = 0; i < m; ++i) local[claims[i]] = i;
      std::vector<std::vector<int>> groups;
      for (int e : excl) {
        std::vector<int> g;
        for (int c : exclusive_[e].members) g.push_back(local[c]);
        groups.push_back(std::move(g));
      }
      std::vector<std::pair<int, int>> edges;
      for (int k : impl) edges.push_back({local[implies_[k].from], local[implies_[k].to]});
      std::vector<double> on(m, kNegInf), off(m, kNegInf);
      std::vector<char> x(m, 0);
      auto allowed = [&]() {
        for (const auto& g : groups) {
          int count = 0;
          for (int v : g) count += x[v];
          if (count > 1) return false;
        }
        for (const auto& [f, t] : edges) {
          if (x[f] && !x[t]) return false;
        }
        return true;
      };
      // Iterate over all 2^m assignments in a fixed order (m is small).
      for (std::uint64_t bits = 0; bits < (std::uint64_t{1} << m); ++bits) {
        double w = 0;
        for (int i = 0; i < m; ++i) {
          x[i] = static_cast<char>((bits >> i) & 1);
          if (x[i]) w += log_odds[claims[i]];
        }
        if (!allowed()) continue;
        for (int i = 0; i < m; ++i) {
          if (x[i]) {
            on[i] = LogAdd(on[i], w);
          } else {
            off[i] = LogAdd(off[i], w);
          }
        }
      }
      for (int i = 0; i < m; ++i) {
        int c = claims[i];
        ClaimSolution& s = out.claims[c];
        // The all-false assignment is always allowed, so off[i] is finite; a
        // claim that can never be true (it implies its own rival) has on=-inf.
        s.log_odds = on[i] == kNegInf ? -50.0 : on[i] - off[i];
        SetInterval(s, sigma[c], z);
        double delta = s.log_odds - log_odds[c];
        s.ref = JoinKeys(keys[c]);
        s.note = "Relations " + s.ref + ": what is known of the related claims " + Describe(delta) +
                 " this one's odds (exact over " + std::to_string(m) + " related claims).";
      }
      continue;
    }

    // Fallback for large components: each claim against the union of its
    // exclusive rivals; implications skipped.
    std::map<int, std::vector<int>> rivals;
    for (int e : excl) {
      for (int a : exclusive_[e].members) {
        for (int b : exclusive_[e].members) {
          if (a != b) rivals[a].push_back(b);
        }
      }
    }
    for (int c : claims) {
      std::vector<int>& r = rivals[c];
      std::sort(r.begin(), r.end());
      r.erase(std::unique(r.begin(), r.end()), r.end());
      double lse = 0;  // log(1): the "none of them" assignment
      for (int j : r) lse = LogAdd(lse, log_odds[j]);
      ClaimSolution& s = out.claims[c];
      s.log_odds = log_odds[c] - lse;
      SetInterval(s, sigma[c], z);
      s.ref = JoinKeys(keys[c]);
      if (r.empty() && impl.empty()) continue;
      s.note = "Relations " + s.ref + ": rival claims' evidence " + Describe(s.log_odds - log_odds[c]) +
               " this one's odds";
      s.note += impl.empty() ? "." : "; implications not applied (group of " + std::to_string(claims.size()) +
                                         " related claims is too large to solve exactly).";
    }
  }
  return out;
}

}  // namespace credence::score
