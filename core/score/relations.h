// Coherence across claims: `exclusive` (at most one true) and `implies`
// (from -> to). Each claim's own evidence gives it log-odds L_c as if it stood
// alone; the relations then restrict which combinations of truth values are
// possible, and each claim's probability is its marginal under
//   P(x) ∝ exp(sum_c x_c L_c) over the allowed assignments x in {0,1}^n.
// That makes p(to) >= p(from) and sum p <= 1 over an exclusive group hold by
// construction (docs/model.md §5).
#ifndef CREDENCE_CORE_SCORE_RELATIONS_H_
#define CREDENCE_CORE_SCORE_RELATIONS_H_

#include <string>
#include <string_view>
#include <vector>

namespace credence::score {

struct ClaimSolution {
  double p = 0.5;
  double lo = 0, hi = 1;
  double log_odds = 0;  // logit(p), computed in log space (finite for any L)
  std::string ref;      // relation key(s) behind the adjustment, if any
  std::string note;     // the explanation line; built only when sentences are asked for
};

class RelationGraph {
 public:
  explicit RelationGraph(std::size_t claims);

  // `members` are claim indexes; `key` names the relation in explanations
  // and must outlive the graph (it is not copied).
  void AddExclusive(const std::vector<int>& members, std::string_view key);
  void AddImplies(int from, int to, std::string_view key);

  // Claims joined by relations, each component with >= 2 claims; claims
  // ascending, components ordered by their first claim.
  struct Component {
    std::vector<int> claims;
    std::vector<int> exclusive;  // relation indexes
    std::vector<int> implies;
  };
  std::vector<Component> Components() const;

  // Marginals of one component's claims. `log_odds` and `sigma` are by
  // position in component.claims, and so is `out`. The interval is
  // logistic(logit(p) +- z * sigma) (exact: a claim's marginal log-odds moves
  // one for one with its own L). Components of more than `max_exact` claims
  // fall back to treating every claim's exclusive rivals as one group and
  // skip `implies` (said in the explanation). Every claim of a component
  // gets a non-empty ref; `sentences` asks for its note too.
  void SolveComponent(const Component& component, const std::vector<double>& log_odds,
                      const std::vector<double>& sigma, double z, int max_exact, bool sentences,
                      std::vector<ClaimSolution>* out) const;

  // A claim in no relation: p = logistic(L).
  static ClaimSolution Alone(double log_odds, double sigma, double z);

 private:
  struct Exclusive {
    std::vector<int> members;
    std::string_view key;
  };
  struct Implies {
    int from, to;
    std::string_view key;
  };
  int Find(int x) const;

  mutable std::vector<int> parent_;
  std::vector<Exclusive> exclusive_;
  std::vector<Implies> implies_;
};

}  // namespace credence::score

#endif  // CREDENCE_CORE_SCORE_RELATIONS_H_
