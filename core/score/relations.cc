#include "core/score/relations.h"

#include <algorithm>
#include <cmath>
#include <limits>

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

std::string JoinKeys(const std::vector<std::string_view>& keys) {
  std::string out;
  for (std::string_view k : keys) {
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

void RelationGraph::AddExclusive(const std::vector<int>& members, std::string_view key) {
  std::vector<int> m = members;
  std::sort(m.begin(), m.end());
  m.erase(std::unique(m.begin(), m.end()), m.end());
  if (m.size() < 2) return;
  for (int x : m) parent_[Find(x)] = Find(m[0]);
  exclusive_.push_back({std::move(m), key});
}

void RelationGraph::AddImplies(int from, int to, std::string_view key) {
  if (from == to) return;
  parent_[Find(from)] = Find(to);
  implies_.push_back({from, to, key});
}

std::vector<RelationGraph::Component> RelationGraph::Components() const {
  // Components by root, numbered in order of first sight (lookup only: the
  // output is sorted by first claim below).
  std::vector<int> of_root(parent_.size(), -1);
  std::vector<Component> out;
  auto component = [&](int claim) -> Component& {
    int& k = of_root[Find(claim)];
    if (k < 0) {
      k = static_cast<int>(out.size());
      out.emplace_back();
    }
    return out[k];
  };
  for (int e = 0; e < static_cast<int>(exclusive_.size()); ++e) component(exclusive_[e].members[0]).exclusive.push_back(e);
  for (int k = 0; k < static_cast<int>(implies_.size()); ++k) component(implies_[k].from).implies.push_back(k);
  for (Component& comp : out) {
    for (int e : comp.exclusive) comp.claims.insert(comp.claims.end(), exclusive_[e].members.begin(),
                                                    exclusive_[e].members.end());
    for (int k : comp.implies) {
      comp.claims.push_back(implies_[k].from);
      comp.claims.push_back(implies_[k].to);
    }
    std::sort(comp.claims.begin(), comp.claims.end());
    comp.claims.erase(std::unique(comp.claims.begin(), comp.claims.end()), comp.claims.end());
  }
  std::sort(out.begin(), out.end(),
            [](const Component& a, const Component& b) { return a.claims.front() < b.claims.front(); });
  return out;
}

ClaimSolution RelationGraph::Alone(double log_odds, double sigma, double z) {
  ClaimSolution s;
  s.log_odds = log_odds;
  SetInterval(s, sigma, z);
  return s;
}

void RelationGraph::SolveComponent(const Component& comp, const std::vector<double>& log_odds,
                                   const std::vector<double>& sigma, double z, int max_exact, bool sentences,
                                   std::vector<ClaimSolution>* out) const {
  const std::vector<int>& claims = comp.claims;
  const int m = static_cast<int>(claims.size());
  out->assign(m, ClaimSolution{});
  auto local = [&](int claim) {
    return static_cast<int>(std::lower_bound(claims.begin(), claims.end(), claim) - claims.begin());
  };
  if (comp.implies.empty() && comp.exclusive.size() == 1) {
    // One exclusive group: the closed form p_i = e^{L_i} / (1 + sum_j e^{L_j}),
    // i.e. logit(p_i) = L_i - log(1 + sum_{j != i} e^{L_j}).
    for (int i = 0; i < m; ++i) {
      ClaimSolution& s = (*out)[i];
      // log(1 + sum_{j != i} e^{L_j}), computed without cancellation.
      double others = 0;
      for (int j = 0; j < m; ++j) {
        if (j != i) others = LogAdd(others, log_odds[j]);
      }
      s.log_odds = log_odds[i] - others;
      SetInterval(s, sigma[i], z);
      s.ref = std::string(exclusive_[comp.exclusive.front()].key);
      if (sentences) {
        s.note = "Relations " + s.ref + ": rival claims' evidence " + Describe(s.log_odds - log_odds[i]) +
                 " this one's odds (at most one of " + std::to_string(m) + " can be true).";
      }
    }
    return;
  }

  // Relation keys per claim, for the explanation.
  std::vector<std::vector<std::string_view>> keys(m);
  for (int e : comp.exclusive) {
    for (int c : exclusive_[e].members) keys[local(c)].push_back(exclusive_[e].key);
  }
  for (int k : comp.implies) {
    keys[local(implies_[k].from)].push_back(implies_[k].key);
    keys[local(implies_[k].to)].push_back(implies_[k].key);
  }

  if (m <= max_exact) {
    // Exact: every assignment in a fixed order (m is small), the allowed
    // ones summed in log space.
    std::vector<std::vector<int>> groups;
    for (int e : comp.exclusive) {
      std::vector<int> g;
      for (int c : exclusive_[e].members) g.push_back(local(c));
      groups.push_back(std::move(g));
    }
    std::vector<std::pair<int, int>> edges;
    for (int k : comp.implies) edges.push_back({local(implies_[k].from), local(implies_[k].to)});
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
    for (std::uint64_t bits = 0; bits < (std::uint64_t{1} << m); ++bits) {
      double w = 0;
      for (int i = 0; i < m; ++i) {
        x[i] = static_cast<char>((bits >> i) & 1);
        if (x[i]) w += log_odds[i];
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
      ClaimSolution& s = (*out)[i];
      // The all-false assignment is always allowed, so off[i] is finite; a
      // claim that can never be true (it implies its own rival) has on=-inf.
      s.log_odds = on[i] == kNegInf ? -50.0 : on[i] - off[i];
      SetInterval(s, sigma[i], z);
      s.ref = JoinKeys(keys[i]);
      if (sentences) {
        s.note = "Relations " + s.ref + ": what is known of the related claims " +
                 Describe(s.log_odds - log_odds[i]) + " this one's odds (exact over " + std::to_string(m) +
                 " related claims).";
      }
    }
    return;
  }

  // Fallback for large components: each claim against the union of its
  // exclusive rivals; implications skipped.
  std::vector<std::vector<int>> rivals(m);
  for (int e : comp.exclusive) {
    for (int a : exclusive_[e].members) {
      for (int b : exclusive_[e].members) {
        if (a != b) rivals[local(a)].push_back(local(b));
      }
    }
  }
  for (int i = 0; i < m; ++i) {
    std::vector<int>& r = rivals[i];
    std::sort(r.begin(), r.end());
    r.erase(std::unique(r.begin(), r.end()), r.end());
    double lse = 0;  // log(1): the "none of them" assignment
    for (int j : r) lse = LogAdd(lse, log_odds[j]);
    ClaimSolution& s = (*out)[i];
    s.log_odds = log_odds[i] - lse;
    SetInterval(s, sigma[i], z);
    s.ref = JoinKeys(keys[i]);
    if (sentences) {
      s.note = "Relations " + s.ref + ": rival claims' evidence " + Describe(s.log_odds - log_odds[i]) +
               " this one's odds";
      s.note += comp.implies.empty() ? "." : "; implications not applied (group of " + std::to_string(m) +
                                                 " related claims is too large to solve exactly).";
    }
  }
}

}  // namespace credence::score
