#include "core/score/score.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <unordered_map>

#include "core/graph/lines.h"
#include "core/score/evidence_math.h"
#include "core/score/relations.h"

namespace credence::score {
namespace {

std::string Fmt2(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// --- Sources -------------------------------------------------------------------

// One step in the making of a source's reliability mean, replayed per line of
// evidence so that each rule's share of the line's weight is its own
// contribution.
struct ReliabilityStep {
  ContributionKind kind;
  std::string ref;
  std::string text;  // "tabloid (rule source.tabloid)"
  double mean_after;
};

struct SourceState {
  const model::Source* source = nullptr;
  double alpha = 1, beta = 1;
  double mean = 0.5;
  double variance = 1.0 / 12;
  std::vector<ReliabilityStep> steps;  // steps[0] is the base prior
  std::vector<std::string> rules;      // every rule that matched
  double copy_weight = 1;
  std::string fit_name;
};

double BetaVariance(double a, double b) { return a * b / ((a + b) * (a + b) * (a + b + 1)); }

double RuleWeight(const learn::Fit* fit, const std::string& rule) {
  if (fit == nullptr) return 1;
  auto it = fit->rule_weights.find(rule);
  return it == fit->rule_weights.end() ? 1 : it->second;
}

SourceState RateSource(const model::Source& s, const rules::RuleSet& rules, const learn::Fit* fit) {
  SourceState st;
  st.source = &s;
  double mean = 0.5, strength = 2;
  std::string base_rule;
  std::string base_why;
  struct Shift {
    const rules::Rule* rule;
    double shift;
  };
  std::vector<Shift> shifts;
  double strength_factor = 1;
  rules::MatchContext ctx;
  ctx.source = &s;
  for (const rules::Rule& r : rules.rules) {
    if (r.target != rules::Target::kSource || !rules::Matches(r, ctx)) continue;
    st.rules.push_back(r.name);
    const rules::Effect& e = r.effect;
    if (e.reliability_mean) {
      // The last matching prior wins: rules go from general to specific.
      mean = *e.reliability_mean;
      strength = *e.reliability_strength;
      base_rule = r.name;
    }
    if (e.reliability_shift) shifts.push_back({&r, *e.reliability_shift * RuleWeight(fit, r.name)});
    if (e.strength_factor) strength_factor *= *e.strength_factor;
  }
  strength *= strength_factor;
  std::string kind(model::Name(s.kind));
  if (base_rule.empty()) {
    st.steps.push_back({ContributionKind::kRule, "structure.flat_prior",
                        "no rule sets a prior for a " + kind + ", so it starts at even odds", mean});
  } else {
    const char* article = std::string_view("aeiou").find(kind[0]) == std::string_view::npos ? "a " : "an ";
    st.steps.push_back({ContributionKind::kRule, base_rule,
                        article + kind + " starts at reliability " + Fmt2(mean) + " (rule " + base_rule + ")",
                        mean});
  }
  for (const Shift& sh : shifts) {
    double before = mean;
    mean = Logistic(Logit(mean) + sh.shift);
    st.steps.push_back({ContributionKind::kRule, sh.rule->name,
                        sh.rule->why + " Reliability " + Fmt2(before) + " -> " + Fmt2(mean) + ".", mean});
  }
  st.alpha = mean * strength;
  st.beta = (1 - mean) * strength;

  const learn::SourceFit* sf = nullptr;
  if (fit != nullptr) {
    auto it = std::lower_bound(fit->sources.begin(), fit->sources.end(), s.id,
                               [](const learn::SourceFit& f, const std::string& id) { return f.source_id < id; });
    if (it != fit->sources.end() && it->source_id == s.id) sf = &*it;
  }
  if (sf != nullptr) {
    // A fit's reliability was learned from the data, and replaces the rules'
    // prior and the track record (docs/model.md §2).
    double before = mean;
    st.alpha = sf->alpha;
    st.beta = sf->beta;
    mean = st.alpha / (st.alpha + st.beta);
    st.copy_weight = sf->copy_weight;
    st.fit_name = fit->name;
    st.steps.push_back({ContributionKind::kFit, fit->name,
                        "fitted reliability (fit " + fit->name + ", " +
                            Fmt2(st.alpha + st.beta) + " pseudo-observations): " + Fmt2(before) +
                            " -> " + Fmt2(mean),
                        mean});
  } else if (s.track_record &&
             (s.track_record->confirmed > 0 || s.track_record->refuted > 0)) {
    double before = mean;
    st.alpha += static_cast<double>(s.track_record->confirmed);
    st.beta += static_cast<double>(s.track_record->refuted);
    mean = st.alpha / (st.alpha + st.beta);
    st.steps.push_back({ContributionKind::kRule, "source.track_record",
                        "its track record (" + std::to_string(s.track_record->confirmed) + " confirmed, " +
                            std::to_string(s.track_record->refuted) + " refuted) moves reliability " +
                            Fmt2(before) + " -> " + Fmt2(mean),
                        mean});
  }
  st.mean = mean;
  st.variance = BetaVariance(st.alpha, st.beta);
  return st;
}

// --- Claims --------------------------------------------------------------------

struct Indexes {
  std::vector<SourceState> sources;                        // sorted by id
  std::unordered_map<std::string_view, int> source_index;  // lookup only
  std::unordered_map<std::string_view, int> claim_index;   // lookup only
};

// Per-claim scratch: the claim's contributions and the derivative of its
// log-odds with respect to each source's reliability (for the interval).
struct ClaimWork {
  std::vector<Contribution> contributions;
  double log_odds = 0;
  std::vector<std::pair<int, double>> dlogodds;  // (source index, dL/dr), summed per source later
  int lines = 0;

  void Add(Contribution c) {
    log_odds += c.weight;
    contributions.push_back(std::move(c));
  }
};

const char* Verb(model::Stance s) {
  switch (s) {
    case model::Stance::kSupports:
      return "supports";
    case model::Stance::kRefutes:
      return "refutes";
    case model::Stance::kNeutral:
      return "takes no stance on";
  }
  return "";
}

std::string LinePrefix(int line) { return "Line " + std::to_string(line) + ": "; }

// Value of one line: sign * weight * log LR(r_eff), with r_eff the head's
// reliability passed through its conduit.
double LineValue(double sign, double weight, double r, double fidelity, int rivals) {
  double r_eff = 0.5 + fidelity * (r - 0.5);
  return sign * weight * SupportLogLr(r_eff, sign > 0 ? rivals : 1);
}

// `link_sources[i]` is the source index of `links[i]`, `link_conduits[i]` that
// of its reported_by (-1 when none).
void ScoreLine(const graph::Line& line, int line_no, std::span<const model::Link* const> links,
               std::span<const int> link_sources, std::span<const int> link_conduits, const model::Claim& claim,
               int rivals, const Indexes& idx, const rules::RuleSet& rules, const learn::Fit* fit,
               ClaimWork& work) {
  const model::Link& head = *links[line.head];
  const SourceState& src = idx.sources[link_sources[line.head]];
  std::string who = src.source->name;
  std::string prefix = LinePrefix(line_no);
  double sign = head.stance == model::Stance::kSupports ? 1 : head.stance == model::Stance::kRefutes ? -1 : 0;

  std::string how;
  switch (line.kind) {
    case graph::LineKind::kOrigin:
      how = who + " (" + std::string(model::Name(head.mode)) + ") " + Verb(head.stance) + " the claim";
      break;
    case graph::LineKind::kAbsentUpstream:
      how = who + " relays " + line.upstream + ", who has no link of its own here, and " + Verb(head.stance) +
            " the claim";
      break;
    case graph::LineKind::kUnknownUpstream:
      how = who + " relays an origin the case does not name and " + Verb(head.stance) + " the claim";
      break;
  }

  // Conduit: a statement known only through another source.
  const SourceState* conduit = link_conduits[line.head] >= 0 ? &idx.sources[link_conduits[line.head]] : nullptr;

  // Link rules: weight factors in file order.
  rules::MatchContext ctx;
  ctx.source = src.source;
  ctx.link = &head;
  ctx.claim = &claim;
  ctx.conduit = conduit != nullptr ? conduit->source : nullptr;
  struct Factor {
    const rules::Rule* rule;
    double factor;
  };
  std::vector<Factor> factors;
  for (const rules::Rule& r : rules.rules) {
    if (r.target != rules::Target::kLink || !r.effect.weight_factor || !rules::Matches(r, ctx)) continue;
    // A fitted rule weight scales the rule's effect in log space.
    factors.push_back({&r, std::pow(*r.effect.weight_factor, RuleWeight(fit, r.name))});
  }

  // Replay: base prior, source steps, conduit, weight factors, copy weight.
  double r = src.steps.front().mean_after;
  double prev = LineValue(sign, 1, r, 1, rivals);
  if (sign == 0) {
    work.Add({ContributionKind::kLink, head.Key(), 0, prefix + how + "; it carries no weight.", line_no});
  } else {
    work.Add({ContributionKind::kLink, head.Key(), prev,
              prefix + how + "; " + src.steps.front().text + ".", line_no});
    for (std::size_t i = 1; i < src.steps.size(); ++i) {
      const ReliabilityStep& step = src.steps[i];
      r = step.mean_after;
      double v = LineValue(sign, 1, r, 1, rivals);
      work.Add({step.kind, step.ref, v - prev, prefix + who + ": " + step.text, line_no});
      prev = v;
    }
    double fidelity = 1;
    if (conduit != nullptr) {
      fidelity = conduit->mean;
      double v = LineValue(sign, 1, r, fidelity, rivals);
      work.Add({ContributionKind::kRule, "structure.conduit", v - prev,
                prefix + who + "'s statement is known only through " + conduit->source->name +
                    " (reliability " + Fmt2(fidelity) + "), so it keeps that share of its strength.",
                line_no});
      prev = v;
    }
    double weight = 1;
    for (const Factor& f : factors) {
      weight *= f.factor;
      double v = LineValue(sign, weight, r, fidelity, rivals);
      work.Add({ContributionKind::kRule, f.rule->name, v - prev,
                prefix + f.rule->why + " (x" + Fmt2(f.factor) + ")", line_no});
      prev = v;
    }
    if (src.copy_weight != 1) {
      weight *= src.copy_weight;
      double v = LineValue(sign, weight, r, fidelity, rivals);
      work.Add({ContributionKind::kFit, src.fit_name, v - prev,
                prefix + who + " was found to copy other sources (fit " + src.fit_name + "); its weight is x" +
                    Fmt2(src.copy_weight) + ".",
                line_no});
      prev = v;
    }
    // Derivatives for the interval (clamping ignored: a conservative bound).
    double r_eff = ClampReliability(0.5 + fidelity * (r - 0.5));
    double dv = sign * weight / (r_eff * (1 - r_eff));
    work.dlogodds.emplace_back(link_sources[line.head], dv * fidelity);
    if (conduit != nullptr) work.dlogodds.emplace_back(link_conduits[line.head], dv * (r - 0.5));
  }
  for (int relay : line.relays) {
    const model::Link& l = *links[relay];
    const std::string& relay_name = idx.sources[link_sources[relay]].source->name;
    work.Add({ContributionKind::kLink, l.Key(), 0,
              prefix + relay_name + " repeats this line's origin (mode " + std::string(model::Name(l.mode)) +
                  "); a repetition of one origin adds nothing.",
              line_no});
  }
}

}  // namespace

Result<Run> Score(const model::Case& c, const rules::RuleSet& rules, const ScoreParams& params) {
  if (!(params.interval_level > 0 && params.interval_level < 1)) {
    return Status::Usage("interval level must be in (0, 1)");
  }
  Indexes idx;
  // Sort pointers, not records: the Case stays as given.
  std::vector<const model::Source*> sources;
  sources.reserve(c.sources.size());
  for (const model::Source& s : c.sources) sources.push_back(&s);
  std::sort(sources.begin(), sources.end(), [](auto* a, auto* b) { return a->id < b->id; });
  idx.sources.reserve(sources.size());
  for (const model::Source* s : sources) {
    idx.source_index.emplace(s->id, static_cast<int>(idx.sources.size()));
    idx.sources.push_back(RateSource(*s, rules, params.fit));
  }

  std::vector<const model::Claim*> claims;
  claims.reserve(c.claims.size());
  for (const model::Claim& cl : c.claims) claims.push_back(&cl);
  std::sort(claims.begin(), claims.end(), [](auto* a, auto* b) { return a->id < b->id; });
  for (std::size_t i = 0; i < claims.size(); ++i) idx.claim_index.emplace(claims[i]->id, static_cast<int>(i));

  auto claim_of = [&](const std::string& id) {
    auto it = idx.claim_index.find(id);
    return it == idx.claim_index.end() ? -1 : it->second;
  };
  auto source_of = [&](const std::string& id) {
    auto it = idx.source_index.find(id);
    return it == idx.source_index.end() ? -1 : it->second;
  };
  auto unknown = [](const std::string& what, const std::string& record) {
    return Status::InvalidInput("unknown " + what, InputLocation{"", 0, "", record});
  };

  // Links grouped by claim, each group sorted by source id.
  // Links grouped by claim, each group sorted by source id, with their
  // source and conduit indexes resolved once.
  struct LinkEntry {
    const model::Link* link;
    int source;
    int conduit;
  };
  std::vector<std::vector<LinkEntry>> entries(claims.size());
  for (const model::Link& l : c.links) {
    int ci = claim_of(l.claim);
    int si = source_of(l.source);
    int co = l.reported_by ? source_of(*l.reported_by) : -1;
    if (ci < 0) return unknown("claim in link", l.Key());
    if (si < 0 || (l.reported_by && co < 0)) return unknown("source in link", l.Key());
    entries[ci].push_back({&l, si, co});
  }
  std::vector<std::vector<const model::Evidence*>> evidence(claims.size());
  for (const model::Evidence& e : c.evidence) {
    int ci = claim_of(e.claim);
    if (ci < 0) return unknown("claim in evidence", e.Key());
    evidence[ci].push_back(&e);
  }
  for (auto& group : evidence) {
    std::sort(group.begin(), group.end(), [](auto* a, auto* b) { return a->feature < b->feature; });
  }

  // Relations, as claim indexes; rivals per claim from exclusive groups.
  RelationGraph relations(claims.size());
  std::vector<int> rivals(claims.size(), 1);
  std::vector<const model::Relation*> sorted_relations;
  for (const model::Relation& r : c.relations) sorted_relations.push_back(&r);
  std::sort(sorted_relations.begin(), sorted_relations.end(),
            [](auto* a, auto* b) { return a->Key() < b->Key(); });
  for (const model::Relation* r : sorted_relations) {
    std::vector<int> members;
    for (const std::string& id : r->claims) {
      int ci = claim_of(id);
      if (ci < 0) return unknown("claim in relation", r->Key());
      members.push_back(ci);
    }
    if (r->kind == model::RelationKind::kExclusive) {
      for (int m : members) rivals[m] = std::max(rivals[m], static_cast<int>(members.size()) - 1);
      relations.AddExclusive(members, r->Key());
    } else if (members.size() == 2) {
      relations.AddImplies(members[0], members[1], r->Key());
    }
  }

  boost::math::normal_distribution<double> normal;
  const double z = boost::math::quantile(normal, 0.5 + params.interval_level / 2);

  std::vector<ClaimWork> work(claims.size());
  std::vector<const model::Link*> links;
  std::vector<int> link_sources, link_conduits;
  std::vector<double> sigma(claims.size(), 0);
  for (std::size_t ci = 0; ci < claims.size(); ++ci) {
    const model::Claim& claim = *claims[ci];
    ClaimWork& w = work[ci];
    rules::MatchContext ctx;
    ctx.claim = &claim;
    bool prior_seen = false;
    for (const rules::Rule& r : rules.rules) {
      if (r.target != rules::Target::kClaim || !r.effect.prior_log_odds || !rules::Matches(r, ctx)) continue;
      prior_seen = true;
      double v = *r.effect.prior_log_odds * RuleWeight(params.fit, r.name);
      w.Add({ContributionKind::kPrior, r.name, v, "Prior: " + r.why, 0});
    }
    if (!prior_seen) {
      w.Add({ContributionKind::kPrior, "structure.even_prior", 0,
             "Prior: no rule sets a prior for this claim, so it starts at even odds.", 0});
    }
    std::vector<LinkEntry>& group = entries[ci];
    std::sort(group.begin(), group.end(),
              [](const LinkEntry& a, const LinkEntry& b) { return a.link->source < b.link->source; });
    links.clear();
    link_sources.clear();
    link_conduits.clear();
    for (const LinkEntry& e : group) {
      links.push_back(e.link);
      link_sources.push_back(e.source);
      link_conduits.push_back(e.conduit);
    }
    std::vector<graph::Line> lines = graph::FindLines(links);
    w.lines = static_cast<int>(lines.size());
    for (std::size_t li = 0; li < lines.size(); ++li) {
      ScoreLine(lines[li], static_cast<int>(li) + 1, links, link_sources, link_conduits, claim, rivals[ci], idx,
                rules, params.fit, w);
    }
    for (const model::Evidence* e : evidence[ci]) {
      rules::MatchContext ectx;
      ectx.evidence = e;
      ectx.claim = &claim;
      bool matched = false;
      for (const rules::Rule& r : rules.rules) {
        if (r.target != rules::Target::kEvidence || !r.effect.log_lr || !rules::Matches(r, ectx)) continue;
        matched = true;
        double v = *r.effect.log_lr * RuleWeight(params.fit, r.name);
        std::string note = e->note ? " (" + *e->note + ")" : "";
        w.Add({ContributionKind::kEvidence, e->Key(), v,
               "Artifact: " + e->feature + note + ": " + r.why + " [rule " + r.name + "]", 0});
      }
      if (!matched) {
        w.Add({ContributionKind::kEvidence, e->Key(), 0,
               "Artifact: " + e->feature + ": no rule gives this feature a weight.", 0});
      }
    }
    // A source on several lines (or both head and conduit) contributes its
    // summed derivative once: sort by source, in a fixed order.
    std::sort(w.dlogodds.begin(), w.dlogodds.end());
    double var = 0;
    for (std::size_t k = 0; k < w.dlogodds.size();) {
      int s = w.dlogodds[k].first;
      double d = 0;
      for (; k < w.dlogodds.size() && w.dlogodds[k].first == s; ++k) d += w.dlogodds[k].second;
      var += d * d * idx.sources[s].variance;
    }
    sigma[ci] = std::sqrt(var);
  }

  // Coherence across claims (exclusive, implies), exactly where feasible.
  std::vector<double> base_log_odds(claims.size());
  for (std::size_t i = 0; i < claims.size(); ++i) base_log_odds[i] = work[i].log_odds;
  RelationSolution solved = relations.Solve(base_log_odds, sigma, z, params.max_exact_component);

  Run run;
  run.info.engine = CREDENCE_VERSION;
  run.info.rules_name = rules.name;
  run.info.rules_sha256 = rules.sha256;
  run.info.seed = params.seed;
  run.info.interval_level = params.interval_level;
  if (params.fit != nullptr) run.info.fit = params.fit->name;
  run.claims.reserve(claims.size());
  for (std::size_t i = 0; i < claims.size(); ++i) {
    ClaimScore cs;
    cs.claim_id = claims[i]->id;
    cs.contributions = std::move(work[i].contributions);
    cs.lines = work[i].lines;
    const ClaimSolution& s = solved.claims[i];
    double adjust = s.log_odds - base_log_odds[i];
    if (!s.note.empty()) {
      cs.contributions.push_back({ContributionKind::kRelation, s.ref, adjust, s.note, 0});
    }
    // The reported log-odds is the sum of the contributions, in their order.
    cs.log_odds = 0;
    for (const Contribution& k : cs.contributions) cs.log_odds += k.weight;
    cs.p_raw = s.p;
    cs.lo = s.lo;
    cs.hi = s.hi;
    cs.p = cs.p_raw;
    if (params.fit != nullptr && params.fit->calibration && !params.fit->calibration->points.empty()) {
      const auto& pts = params.fit->calibration->points;
      auto map = [&](double x) {
        if (x <= pts.front().first) return pts.front().second;
        if (x >= pts.back().first) return pts.back().second;
        auto it = std::upper_bound(pts.begin(), pts.end(), x,
                                   [](double v, const std::pair<double, double>& p) { return v < p.first; });
        const auto& [x1, y1] = *it;
        const auto& [x0, y0] = *(it - 1);
        return x1 == x0 ? y1 : y0 + (y1 - y0) * (x - x0) / (x1 - x0);
      };
      cs.p = map(cs.p_raw);
      cs.lo = std::min(map(cs.lo), cs.p);
      cs.hi = std::max(map(cs.hi), cs.p);
    }
    run.claims.push_back(std::move(cs));
  }
  run.sources.reserve(idx.sources.size());
  for (const SourceState& s : idx.sources) {
    SourceRating r;
    r.source_id = s.source->id;
    r.alpha = s.alpha;
    r.beta = s.beta;
    r.mean = s.mean;
    r.rules = s.rules;
    run.sources.push_back(std::move(r));
  }
  return run;
}

}  // namespace credence::score
