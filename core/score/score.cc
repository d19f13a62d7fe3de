#include "core/score/score.h"

#include <algorithm>
#include <bit>
#include <boost/math/distributions/normal.hpp>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "core/graph/lines.h"
#include "core/score/claim_features.h"
#include "core/score/evidence_math.h"
#include "core/score/case_index.h"
#include "core/score/ordered_pool_internal.h"
#include "core/score/relations.h"
#include "core/score/sentence_memo_internal.h"

namespace credence::score {
namespace {

// "%.2f" of `v`: std::to_chars formats exactly as printf does, without the
// locale and format-string work (a run formats millions of these).
std::string Fmt2(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 2);
  if (ec != std::errc()) {
    int n = std::snprintf(buf, sizeof buf, "%.2f", v);
    return std::string(buf, static_cast<std::size_t>(std::max(n, 0)));
  }
  return std::string(buf, end);
}

// `out` becomes the concatenation of `parts`, allocating at most once (chains
// of operator+ allocate once per piece) and not at all when `out` already
// has the room: a worker writes each claim's refs and sentences into the
// strings of an earlier claim (see ClaimWork).
void CatInto(std::string& out, std::initializer_list<std::string_view> parts) {
  std::size_t size = 0;
  for (std::string_view p : parts) size += p.size();
  if (out.capacity() < size) {
    std::string(size, '\0').swap(out);  // sized at once: no copy of the old bytes
  } else {
    out.resize(size);  // every byte is written below
  }
  char* at = out.data();
  for (std::string_view p : parts) {
    if (p.empty()) continue;
    std::memcpy(at, p.data(), p.size());
    at += p.size();
  }
}

std::string Cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  CatInto(out, parts);
  return out;
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

// What the source rules make of a source: the same for every source of one
// kind that matches the same rules, so sources rated alike share one (a case
// of ten million blogs holds one, not ten million copies of its sentences
// and rule names).
struct SourceProfile {
  std::vector<ReliabilityStep> steps;  // steps[0] is the base prior, then the shifts
  std::vector<std::string> rules;      // every rule that matched
  double mean = 0.5;                   // after the steps
  double alpha = 1, beta = 1;          // mean and strength as a Beta
};

// The one step a source has of its own, when it has one: its fitted
// reliability, or its track record.
struct SourceExtra {
  ReliabilityStep step;
  double copy_weight = 1;  // from the fit
  double mean = 0.5, alpha = 1, beta = 1;  // after the step
  std::uint32_t profile = 0;  // the source's profile (SourceTable)
};

// A source's rating as a line reads it: what it shares with sources rated
// alike, and what it has of its own.
struct SourceState {
  const SourceProfile* profile = nullptr;
  const SourceExtra* extra = nullptr;  // null for most sources

  double mean() const { return extra ? extra->mean : profile->mean; }
  double alpha() const { return extra ? extra->alpha : profile->alpha; }
  double beta() const { return extra ? extra->beta : profile->beta; }
  std::size_t step_count() const { return profile->steps.size() + (extra ? 1 : 0); }
  const ReliabilityStep& step(std::size_t i) const {
    return i < profile->steps.size() ? profile->steps[i] : extra->step;
  }
  double copy_weight() const { return extra ? extra->copy_weight : 1; }
};

double BetaVariance(double a, double b) { return a * b / ((a + b) * (a + b) * (a + b + 1)); }

double RuleWeight(const learn::Fit* fit, const std::string& rule) {
  if (fit == nullptr) return 1;
  auto it = fit->rule_weights.find(rule);
  return it == fit->rule_weights.end() ? 1 : it->second;
}

// The profile of a source of kind `kind` that matched `matched` (indexes into
// `rules.rules`, in file order).
std::unique_ptr<SourceProfile> MakeProfile(model::SourceKind kind_value, const std::vector<std::uint32_t>& matched,
                                           const rules::RuleSet& rules, const learn::Fit* fit) {
  auto profile = std::make_unique<SourceProfile>();
  double mean = 0.5, strength = 2;
  const rules::Rule* base_rule = nullptr;
  std::vector<std::pair<const rules::Rule*, double>> shifts;
  double strength_factor = 1;
  profile->rules.reserve(matched.size());
  for (std::uint32_t k : matched) {
    const rules::Rule& r = rules.rules[k];
    profile->rules.push_back(r.name);
    const rules::Effect& e = r.effect;
    if (e.reliability_mean) {
      // The last matching prior wins: rules go from general to specific.
      mean = *e.reliability_mean;
      strength = *e.reliability_strength;
      base_rule = &r;
    }
    if (e.reliability_shift) shifts.emplace_back(&r, *e.reliability_shift * RuleWeight(fit, r.name));
    if (e.strength_factor) strength_factor *= *e.strength_factor;
  }
  strength *= strength_factor;
  profile->steps.reserve(1 + shifts.size());
  std::string_view kind = model::Name(kind_value);
  if (base_rule == nullptr) {
    profile->steps.push_back({ContributionKind::kRule, "structure.flat_prior",
                              Cat({"no rule sets a prior for a ", kind, ", so it starts at even odds"}), mean});
  } else {
    const char* article = std::string_view("aeiou").find(kind[0]) == std::string_view::npos ? "a " : "an ";
    profile->steps.push_back({ContributionKind::kRule, base_rule->name,
                              Cat({article, kind, " starts at reliability ", Fmt2(mean), " (rule ", base_rule->name,
                                   ")"}),
                              mean});
  }
  for (const auto& [rule, shift] : shifts) {
    double before = mean;
    mean = Logistic(Logit(mean) + shift);
    profile->steps.push_back({ContributionKind::kRule, rule->name,
                              Cat({rule->why, " Reliability ", Fmt2(before), " -> ", Fmt2(mean), "."}), mean});
  }
  profile->mean = mean;
  profile->alpha = mean * strength;
  profile->beta = (1 - mean) * strength;
  return profile;
}

// One rating thread's profiles, keyed by the source's kind and the rules it
// matched, numbered in the order they were made.
class ProfileCache {
 public:
  std::uint32_t For(const model::Source& s, const rules::RuleSet& rules, const learn::Fit* fit) {
    key_.first = s.kind;
    key_.second.clear();
    rules::MatchContext ctx;
    ctx.source = &s;
    for (std::size_t k = 0; k < rules.rules.size(); ++k) {
      const rules::Rule& r = rules.rules[k];
      if (r.target == rules::Target::kSource && rules::Matches(r, ctx)) key_.second.push_back(static_cast<std::uint32_t>(k));
    }
    auto it = numbers_.find(key_);
    if (it == numbers_.end()) {
      it = numbers_.emplace(key_, static_cast<std::uint32_t>(profiles_.size())).first;
      profiles_.push_back(MakeProfile(s.kind, key_.second, rules, fit));
    }
    return it->second;
  }
  const SourceProfile& operator[](std::uint32_t k) const { return *profiles_[k]; }
  std::size_t size() const { return profiles_.size(); }

 private:
  using Key = std::pair<model::SourceKind, std::vector<std::uint32_t>>;
  Key key_;  // scratch: looked up without allocating
  std::map<Key, std::uint32_t> numbers_;
  std::vector<std::unique_ptr<SourceProfile>> profiles_;
};

// Source `s`'s profile (a number from `profiles`) and, when it has one, what
// it has of its own.
std::optional<SourceExtra> RateSource(const model::Source& s, const rules::RuleSet& rules, const learn::Fit* fit,
                                      ProfileCache& profiles, std::uint32_t* profile_number) {
  *profile_number = profiles.For(s, rules, fit);
  const SourceProfile& profile = profiles[*profile_number];
  const double mean = profile.mean;

  const learn::SourceFit* sf = nullptr;
  if (fit != nullptr) {
    auto it = std::lower_bound(fit->sources.begin(), fit->sources.end(), s.id,
                               [](const learn::SourceFit& f, const std::string& id) { return f.source_id < id; });
    if (it != fit->sources.end() && it->source_id == s.id) sf = &*it;
  }
  if (sf != nullptr) {
    // A fit's reliability was learned from the data, and replaces the rules'
    // prior and the track record (docs/model.md §2).
    const double alpha = sf->alpha, beta = sf->beta, after = alpha / (alpha + beta);
    return SourceExtra{
        {ContributionKind::kFit, fit->name,
         Cat({"fitted reliability (fit ", fit->name, ", ", Fmt2(alpha + beta), " pseudo-observations): ",
              Fmt2(mean), " -> ", Fmt2(after)}),
         after},
        sf->copy_weight, after, alpha, beta, *profile_number};
  } else if (s.track_record &&
             (s.track_record->confirmed > 0 || s.track_record->refuted > 0)) {
    const double alpha = profile.alpha + static_cast<double>(s.track_record->confirmed);
    const double beta = profile.beta + static_cast<double>(s.track_record->refuted);
    const double after = alpha / (alpha + beta);
    return SourceExtra{
        {ContributionKind::kRule, "source.track_record",
         Cat({"its track record (", std::to_string(s.track_record->confirmed), " confirmed, ",
              std::to_string(s.track_record->refuted), " refuted) moves reliability ", Fmt2(mean), " -> ",
              Fmt2(after)}),
         after},
        1, after, alpha, beta, *profile_number};
  }
  return std::nullopt;
}

// The ratings of every source: four bytes per source, naming its profile or
// its own extra (which names its profile), so that ten million sources rated
// alike cost forty megabytes. Sources are rated on `threads` threads, each
// range with its own profiles; their numbers are made global afterwards (two
// ranges may each hold an equal profile: the result is the same).
class SourceTable {
 public:
  SourceTable(const CaseIndex& index, const rules::RuleSet& rules, const learn::Fit* fit, int threads)
      : of_(index.source_count()) {
    struct Range {
      std::size_t begin, end;
      ProfileCache profiles;
      std::vector<SourceExtra> extras;
    };
    std::mutex mu;
    std::vector<std::unique_ptr<Range>> ranges;
    ForEachRange(of_.size(), threads, [&](std::size_t begin, std::size_t end) {
      auto range = std::make_unique<Range>(Range{begin, end, {}, {}});
      for (std::size_t s = begin; s < end; ++s) {
        std::uint32_t profile = 0;
        std::optional<SourceExtra> extra = RateSource(index.source(s), rules, fit, range->profiles, &profile);
        if (extra) {
          of_[s] = kOwn | static_cast<std::uint32_t>(range->extras.size());
          range->extras.push_back(std::move(*extra));
        } else {
          of_[s] = profile;
        }
      }
      std::lock_guard<std::mutex> lock(mu);
      ranges.push_back(std::move(range));
    });
    std::sort(ranges.begin(), ranges.end(), [](const auto& a, const auto& b) { return a->begin < b->begin; });
    for (const auto& range : ranges) {
      const auto profile_base = static_cast<std::uint32_t>(profiles_.size());
      const auto extra_base = static_cast<std::uint32_t>(extras_.size());
      for (std::uint32_t k = 0; k < range->profiles.size(); ++k) profiles_.push_back(&range->profiles[k]);
      for (SourceExtra& e : range->extras) {
        e.profile += profile_base;
        extras_.push_back(std::move(e));
      }
      std::vector<SourceExtra>().swap(range->extras);
      for (std::size_t s = range->begin; s < range->end; ++s) {
        of_[s] = of_[s] & kOwn ? kOwn | ((of_[s] & ~kOwn) + extra_base) : of_[s] + profile_base;
      }
      profile_owners_.push_back(std::make_unique<ProfileCache>(std::move(range->profiles)));
    }
  }

  SourceState operator[](std::size_t s) const {
    const std::uint32_t v = of_[s];
    if ((v & kOwn) == 0) return {profiles_[v], nullptr};
    const SourceExtra& e = extras_[v & ~kOwn];
    return {profiles_[e.profile], &e};
  }
  std::size_t size() const { return of_.size(); }

 private:
  static constexpr std::uint32_t kOwn = std::uint32_t{1} << 31;
  std::vector<std::uint32_t> of_;  // by source: a profile number, or kOwn | an extra's
  std::vector<const SourceProfile*> profiles_;
  std::vector<SourceExtra> extras_;
  std::vector<std::unique_ptr<ProfileCache>> profile_owners_;
};

// --- Claims --------------------------------------------------------------------


// Per-claim scratch: the claim's contributions and the derivative of its
// log-odds with respect to each source's reliability (for the interval).
struct ClaimWork {
  // The first `used` are the claim's; those after them are storage an earlier
  // claim of this worker left (see Worker::spare), overwritten in place so
  // that their strings' buffers are reused, not freed and allocated again.
  std::vector<Contribution> contributions;
  std::size_t used = 0;
  double log_odds = 0;
  // (source index, dL/dr), summed per source later: the worker's scratch,
  // cleared for each claim.
  std::vector<std::pair<int, double>>* dlogodds = nullptr;
  // With no conduit every source heads at most one line, and lines come in
  // the order of their head's source: the variance is then summed as the
  // lines are scored, in that order, with no derivatives stored.
  bool direct_variance = false;
  double variance = 0;
  int lines = 0;
  double sigma = 0;
  bool sentences = true;  // ScoreParams::sentences
  SentenceMemo* memo = nullptr;  // the worker's

  // The ref is the concatenation of `ref`; `text(out)` writes the
  // contribution's sentence into `out`, and is called only when sentences
  // are wanted.
  template <class TextFn>
  void Add(ContributionKind kind, std::initializer_list<std::string_view> ref, double weight, int line,
           TextFn&& text) {
    log_odds += weight;
    if (used == contributions.size()) contributions.emplace_back();
    Contribution& c = contributions[used++];
    c.kind = kind;
    CatInto(c.ref, ref);
    c.weight = weight;
    c.line = line;
    if (sentences) {
      text(c.text);
    } else {
      c.text.clear();
    }
  }

  // As Add, the sentence rendered by `text` once per `key` and worker.
  template <class TextFn>
  void AddMemo(ContributionKind kind, std::initializer_list<std::string_view> ref, double weight, int line,
               const SentenceMemo::Key& key, TextFn&& text) {
    Add(kind, ref, weight, line, [&](std::string& out) { CatInto(out, {memo->Get(key, text)}); });
  }

  // The claim's contributions, without the storage left over.
  std::vector<Contribution>&& Take() {
    contributions.resize(used);
    return std::move(contributions);
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

std::string LinePrefix(int line) {
  char digits[16];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, line);
  return Cat({"Line ", std::string_view(digits, ec == std::errc() ? end - digits : 0), ": "});
}

// Value of one line: sign * weight * log LR(r_eff), with r_eff the head's
// reliability passed through its conduit.
double LineValue(double sign, double weight, double r, double fidelity, int rivals) {
  double r_eff = 0.5 + fidelity * (r - 0.5);
  return sign * weight * SupportLogLr(r_eff, sign > 0 ? rivals : 1);
}

// The link rules' weight factors for one link, in file order.
struct Factor {
  const rules::Rule* rule;
  double factor;
};

// Link rules depend on a few features of a link; links that agree on them
// get the same factors, so each combination is matched once. A rule's tests
// on the link's source (or conduit) depend on that source alone, so sources
// that pass the same such tests are one class: the key holds the class (a
// bit per test), not the source, and a case of a hundred thousand sources
// needs a handful of matches, not one per source. The key leaves out the
// claim when no link rule looks at it.
class LinkRules {
 public:
  LinkRules(const CaseIndex& index, const rules::RuleSet& rules, const learn::Fit* fit) : fit_(fit) {
    std::vector<rules::Rule> source_probes, conduit_probes;
    for (const rules::Rule& r : rules.rules) {
      if (r.target != rules::Target::kLink || !r.effect.weight_factor) continue;
      link_rules_.push_back(&r);
      for (const rules::Test& t : r.when) {
        uses_claim_ |= t.path.starts_with("claim.");
        rules::Rule probe;
        probe.target = rules::Target::kLink;
        probe.when = {t};
        if (t.path.starts_with("source.")) source_probes.push_back(std::move(probe));
        else if (t.path.starts_with("conduit.")) conduit_probes.push_back(std::move(probe));
      }
    }
    source_class_ = Classes(index, source_probes, false);
    conduit_class_ = Classes(index, conduit_probes, true);
  }

  // The class of source `s` as the link's source / conduit.
  std::uint32_t source_class(std::int32_t s) const { return source_class_.empty() ? 0 : source_class_[s]; }
  std::uint32_t conduit_class(std::int32_t s) const {
    return s < 0 || conduit_class_.empty() ? 0 : conduit_class_[s];
  }
  bool uses_claim() const { return uses_claim_; }
  const std::vector<const rules::Rule*>& rules() const { return link_rules_; }
  const learn::Fit* fit() const { return fit_; }

 private:
  // Per source, a number for the outcomes of every probe (the same outcomes,
  // the same number); with more than 64 probes, the source's own index
  // (every source its own class). Four bytes per source.
  static std::vector<std::uint32_t> Classes(const CaseIndex& index, const std::vector<rules::Rule>& probes,
                                            bool as_conduit) {
    std::vector<std::uint32_t> classes;
    if (probes.empty()) return classes;
    classes.resize(index.source_count());
    std::map<std::uint64_t, std::uint32_t> numbers;  // outcome bits -> class
    for (std::size_t s = 0; s < classes.size(); ++s) {
      if (probes.size() > 64) {
        classes[s] = static_cast<std::uint32_t>(s);
        continue;
      }
      const model::Source source = index.source(s);
      rules::MatchContext ctx;
      (as_conduit ? ctx.conduit : ctx.source) = &source;
      std::uint64_t bits = 0;
      for (std::size_t k = 0; k < probes.size(); ++k) {
        if (rules::Matches(probes[k], ctx)) bits |= std::uint64_t{1} << k;
      }
      classes[s] = numbers.try_emplace(bits, static_cast<std::uint32_t>(numbers.size())).first->second;
    }
    return classes;
  }

  const learn::Fit* fit_;
  std::vector<const rules::Rule*> link_rules_;
  bool uses_claim_ = false;
  std::vector<std::uint32_t> source_class_, conduit_class_;  // by source; empty = no test
};

// One worker's cache of the factors of each combination of link features.
class LinkRuleCache {
 public:
  explicit LinkRuleCache(const LinkRules& rules) : rules_(&rules) {}

  const std::vector<Factor>& FactorsFor(const CaseIndex& index, const CaseIndex::Link& l) {
    Key key{rules_->source_class(l.source),
            rules_->conduit_class(l.conduit),
            l.attributes,
            rules_->uses_claim() ? l.claim : -1,
            l.mode_code,
            l.stance_code,
            l.via_count > 0,
            l.conduit >= 0};
    auto [it, inserted] = cache_.try_emplace(key);
    if (!inserted) return it->second;
    // Only what the key holds is visible to the rules: the scratch link's
    // via and reported_by stand for "present", and this link's source and
    // conduit stand for their classes.
    model::Link scratch;
    scratch.mode = l.mode();
    scratch.stance = l.stance();
    if (l.via_count > 0) scratch.via.emplace_back(index.source_id(index.via(l)[0]));
    if (l.conduit >= 0) scratch.reported_by = index.source_id(l.conduit);
    scratch.attributes = index.attributes(l);
    const model::Source source = index.source(l.source);
    const std::optional<model::Source> conduit =
        l.conduit >= 0 ? std::optional<model::Source>(index.source(l.conduit)) : std::nullopt;
    rules::MatchContext ctx;
    ctx.link = &scratch;
    ctx.source = &source;
    const model::Claim claim = index.claim(static_cast<std::size_t>(l.claim));
    ctx.claim = &claim;
    ctx.conduit = conduit ? &*conduit : nullptr;
    for (const rules::Rule* r : rules_->rules()) {
      if (rules::Matches(*r, ctx)) {
        it->second.push_back({r, std::pow(*r->effect.weight_factor, RuleWeight(rules_->fit(), r->name))});
      }
    }
    return it->second;
  }

 private:
  struct Key {
    std::uint64_t source, conduit;
    std::int32_t attributes, claim;
    std::uint8_t mode, stance;
    bool has_via, has_conduit;
    bool operator==(const Key&) const = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const {
      // Mixed field by field, so bucket chains stay short.
      const auto mix = Mix64;
      std::uint64_t a = static_cast<std::uint32_t>(k.attributes) | std::uint64_t{static_cast<std::uint32_t>(k.claim)} << 32;
      std::uint64_t c = k.mode | k.stance << 8 | k.has_via << 16 | k.has_conduit << 17;
      return static_cast<std::size_t>(mix(mix(mix(mix(k.source) ^ k.conduit) ^ a) ^ c));
    }
  };
  const LinkRules* rules_;
  std::unordered_map<Key, std::vector<Factor>, KeyHash> cache_;  // lookup only
};

// One worker's record of the evidence rules (those with a log_lr) each
// evidence record matches. When no such rule looks at the claim, what a
// record matches depends on the record alone, and records equal but for
// their claim are stored once (CaseIndex::evidence), so a record shared by
// a million claims is matched once per worker, not once per claim.
class EvidenceRuleCache {
 public:
  explicit EvidenceRuleCache(const rules::RuleSet& rules) : rules_(rules) {
    for (std::size_t k = 0; k < rules.rules.size(); ++k) {
      const rules::Rule& r = rules.rules[k];
      if (r.target != rules::Target::kEvidence || !r.effect.log_lr) continue;
      evidence_rules_.push_back(static_cast<std::uint32_t>(k));
      for (const rules::Test& t : r.when) uses_claim_ |= t.path.starts_with("claim.");
    }
  }

  // The indexes (into rules.rules, in file order) of the evidence rules that
  // match record `ei` (= `e`) of `claim`. Valid until the next call.
  std::span<const std::uint32_t> Matching(std::int32_t ei, const model::Evidence& e, const model::Claim& claim) {
    const auto at = static_cast<std::size_t>(ei);
    if (uses_claim_ || at >= kMaxCached) {
      scratch_.clear();
      Match(e, claim, scratch_);
      return scratch_;
    }
    if (at >= first_.size()) first_.resize(at + 1, kUnknown);
    if (first_[at] == kUnknown) {
      // [count, rule...] at first_[at] in the pool.
      first_[at] = static_cast<std::uint32_t>(pool_.size());
      pool_.push_back(0);
      Match(e, claim, pool_);
      pool_[first_[at]] = static_cast<std::uint32_t>(pool_.size() - first_[at] - 1);
    }
    return {pool_.data() + first_[at] + 1, pool_[first_[at]]};
  }

 private:
  // Records past this index are matched every time: the cache costs a worker
  // at most 4 bytes per record below it, and a few per rule they match.
  static constexpr std::size_t kMaxCached = std::size_t{1} << 20;
  static constexpr std::uint32_t kUnknown = UINT32_MAX;

  void Match(const model::Evidence& e, const model::Claim& claim, std::vector<std::uint32_t>& out) const {
    rules::MatchContext ctx;
    ctx.evidence = &e;
    ctx.claim = &claim;
    for (std::uint32_t k : evidence_rules_) {
      if (rules::Matches(rules_.rules[k], ctx)) out.push_back(k);
    }
  }

  const rules::RuleSet& rules_;
  std::vector<std::uint32_t> evidence_rules_;
  bool uses_claim_ = false;
  std::vector<std::uint32_t> first_;  // by record: where its matches start in pool_, or kUnknown
  std::vector<std::uint32_t> pool_;
  std::vector<std::uint32_t> scratch_;
};

struct Context {
  const CaseIndex& index;
  const rules::RuleSet& rules;
  const learn::Fit* fit;
  const SourceTable& sources;
  LinkRuleCache& link_rules;
  EvidenceRuleCache& evidence_rules;
};

// The sentences a worker memoizes (SentenceMemo::Key::kind): those whose
// inputs are few in any case (a rule and its factor, an evidence record
// shared by many claims). Sentences that quote a source are rendered each
// time: keyed by source, a store of 324,000 sources made so many keys that
// the memo's table cost more time (cache misses) than rendering saved.
enum class SentenceKind : std::uint32_t { kFactor = 1, kEvidence };

void ScoreLine(const Context& cx, const graph::Line& line, int line_no, std::span<const CaseIndex::Link> links,
               int rivals, ClaimWork& work) {
  const CaseIndex::Link& head = links[line.head];
  const SourceState src = cx.sources[head.source];
  const std::string_view who = cx.index.source_name(head.source);
  const std::string prefix = work.sentences ? LinePrefix(line_no) : std::string();
  double sign = head.stance() == model::Stance::kSupports ? 1 : head.stance() == model::Stance::kRefutes ? -1 : 0;

  // "Line 2: <who the line is and what it says><tail><end>"
  auto head_text = [&](std::string& out, std::string_view tail, std::string_view step, std::string_view end) {
    switch (line.kind) {
      case graph::LineKind::kOrigin:
        return CatInto(out, {prefix, who, " (", model::Name(head.mode()), ") ", Verb(head.stance()), " the claim", tail,
                             step, end});
      case graph::LineKind::kAbsentUpstream:
        return CatInto(out, {prefix, who, " relays ", cx.index.source_name(line.upstream),
                             ", who has no link of its own here, and ", Verb(head.stance()), " the claim", tail, step,
                             end});
      case graph::LineKind::kUnknownUpstream:
        return CatInto(out, {prefix, who, " relays an origin the case does not name and ", Verb(head.stance()),
                             " the claim", tail, step, end});
    }
    out.clear();
  };
  // "source->claim", as CaseIndex::Key writes it.
  const std::string_view claim_id = cx.index.claim_id(static_cast<std::size_t>(head.claim));
  const std::string_view head_id = cx.index.source_id(head.source);
  // Conduit: a statement known only through another source.
  const bool has_conduit = head.conduit >= 0;
  const SourceState conduit = has_conduit ? cx.sources[head.conduit] : SourceState{};
  const std::string_view conduit_name = head.conduit >= 0 ? cx.index.source_name(head.conduit) : "";
  const std::vector<Factor>& factors = cx.link_rules.FactorsFor(cx.index, head);

  // Replay: base prior, source steps, conduit, weight factors, copy weight.
  const ReliabilityStep& base = src.step(0);
  double r = base.mean_after;
  double prev = LineValue(sign, 1, r, 1, rivals);
  if (sign == 0) {
    work.Add(ContributionKind::kLink, {head_id, "->", claim_id}, 0, line_no,
             [&](std::string& out) { head_text(out, "; it carries no weight.", "", ""); });
  } else {
    work.Add(ContributionKind::kLink, {head_id, "->", claim_id}, prev, line_no,
             [&](std::string& out) { head_text(out, "; ", base.text, "."); });
    for (std::size_t i = 1, steps = src.step_count(); i < steps; ++i) {
      const ReliabilityStep& step = src.step(i);
      r = step.mean_after;
      double v = LineValue(sign, 1, r, 1, rivals);
      work.Add(step.kind, {step.ref}, v - prev, line_no,
               [&](std::string& out) { CatInto(out, {prefix, who, ": ", step.text}); });
      prev = v;
    }
    double fidelity = 1;
    if (has_conduit) {
      fidelity = conduit.mean();
      double v = LineValue(sign, 1, r, fidelity, rivals);
      work.Add(ContributionKind::kRule, {"structure.conduit"}, v - prev, line_no, [&](std::string& out) {
        CatInto(out, {prefix, who, "'s statement is known only through ", conduit_name, " (reliability ",
                    Fmt2(fidelity), "), so it keeps that share of its strength."});
      });
      prev = v;
    }
    double weight = 1;
    for (const Factor& f : factors) {
      weight *= f.factor;
      double v = LineValue(sign, weight, r, fidelity, rivals);
      // Keyed by the rule, the factor and the line: a handful of sentences.
      work.AddMemo(ContributionKind::kRule, {f.rule->name}, v - prev, line_no,
                   {static_cast<std::uint32_t>(SentenceKind::kFactor), line_no,
                    static_cast<std::int64_t>(reinterpret_cast<std::uintptr_t>(f.rule)),
                    std::bit_cast<std::int64_t>(f.factor)},
                   [&](std::string& out) { CatInto(out, {prefix, f.rule->why, " (x", Fmt2(f.factor), ")"}); });
      prev = v;
    }
    if (const double copy_weight = src.copy_weight(); copy_weight != 1) {
      weight *= copy_weight;
      double v = LineValue(sign, weight, r, fidelity, rivals);
      work.Add(ContributionKind::kFit, {cx.fit->name}, v - prev, line_no, [&](std::string& out) {
        CatInto(out, {prefix, who, " was found to copy other sources (fit ", cx.fit->name, "); its weight is x",
                    Fmt2(copy_weight), "."});
      });
      prev = v;
    }
    // Derivatives for the interval (clamping ignored: a conservative bound).
    double r_eff = ClampReliability(0.5 + fidelity * (r - 0.5));
    double dv = sign * weight / (r_eff * (1 - r_eff));
    if (work.direct_variance) {
      const double d = dv * fidelity;
      work.variance += d * d * BetaVariance(src.alpha(), src.beta());
    } else {
      work.dlogodds->emplace_back(head.source, dv * fidelity);
      if (has_conduit) work.dlogodds->emplace_back(head.conduit, dv * (r - 0.5));
    }
  }
  for (int relay : line.relays) {
    const CaseIndex::Link& l = links[relay];
    work.Add(ContributionKind::kLink, {cx.index.source_id(l.source), "->", claim_id}, 0, line_no, [&](std::string& out) {
      CatInto(out, {prefix, cx.index.source_name(l.source), " repeats this line's origin (mode ",
                  model::Name(l.mode()), "); a repetition of one origin adds nothing."});
    });
  }
}

// Everything about claim `ci` on its own: prior, lines, evidence, sigma.
// A worker's buffers, reused from claim to claim.
struct ClaimScratch {
  std::vector<graph::LinkView> views;
  graph::LineScratch line_scratch;
  std::vector<graph::Line> lines;
};

// Claims with more lines than this get their buffers sized exactly (and the
// worker's scratch given back after them): one claim of ten million links
// must not hold a half-empty doubling of every buffer.
constexpr std::size_t kLargeClaim = 4096;

// Frees `v`'s storage when it holds more than a large claim's worth.
template <class T>
void ReleaseIfLarge(std::vector<T>& v) {
  if (v.capacity() > kLargeClaim) std::vector<T>().swap(v);
}

// The number of contributions ScoreLine adds for `line`, and of derivatives
// it records.
std::pair<std::size_t, std::size_t> CountLine(const Context& cx, const graph::Line& line,
                                              std::span<const CaseIndex::Link> links) {
  const CaseIndex::Link& head = links[line.head];
  std::size_t contributions = 1 + line.relays.size(), derivatives = 0;
  if (head.stance() != model::Stance::kNeutral) {
    const SourceState src = cx.sources[head.source];
    contributions += src.step_count() - 1 + (head.conduit >= 0 ? 1 : 0) +
                     cx.link_rules.FactorsFor(cx.index, head).size() + (src.copy_weight() != 1 ? 1 : 0);
    derivatives = head.conduit >= 0 ? 2 : 1;
  }
  return {contributions, derivatives};
}

void ScoreClaim(const Context& cx, std::size_t ci, int rivals, ClaimScratch& scratch, ClaimWork& w) {
  const model::Claim claim = cx.index.claim(ci);
  w.dlogodds->clear();
  rules::MatchContext ctx;
  ctx.claim = &claim;
  bool prior_seen = false;
  for (const rules::Rule& r : cx.rules.rules) {
    if (r.target != rules::Target::kClaim || !r.effect.prior_log_odds || !rules::Matches(r, ctx)) continue;
    prior_seen = true;
    w.Add(ContributionKind::kPrior, {r.name}, *r.effect.prior_log_odds * RuleWeight(cx.fit, r.name), 0,
          [&](std::string& out) { CatInto(out, {"Prior: ", r.why}); });
  }
  if (!prior_seen) {
    w.Add(ContributionKind::kPrior, {"structure.even_prior"}, 0, 0, [](std::string& out) {
      out.assign("Prior: no rule sets a prior for this claim, so it starts at even odds.");
    });
  }
  std::span<const CaseIndex::Link> links = cx.index.links_of(ci);
  // When every link speaks for itself (the common case), line k is headed by
  // link k and has no relays: nothing to find, nothing to store.
  const bool all_origins = std::all_of(links.begin(), links.end(), [](const CaseIndex::Link& l) { return l.independent; });
  std::vector<graph::Line>& lines = scratch.lines;
  if (!all_origins) {
    std::vector<graph::LinkView>& views = scratch.views;
    views.clear();
    views.reserve(links.size());
    for (const CaseIndex::Link& l : links) views.push_back({l.source, cx.index.via(l), l.independent});
    graph::FindLines(views, scratch.line_scratch, lines);
    ReleaseIfLarge(views);
    ReleaseIfLarge(scratch.line_scratch.root);
    ReleaseIfLarge(scratch.line_scratch.line_of);
  }
  const std::size_t line_count = all_origins ? links.size() : lines.size();
  // Each source heads at most one line (see ClaimWork::direct_variance)
  // when no link has a conduit and each link is on one line.
  w.variance = 0;
  w.direct_variance =
      std::none_of(links.begin(), links.end(), [](const CaseIndex::Link& l) { return l.conduit >= 0; }) &&
      (all_origins || std::all_of(links.begin(), links.end(), [](const CaseIndex::Link& l) { return l.via_count <= 1; }));
  graph::Line origin;
  auto line_at = [&](std::size_t li) -> const graph::Line& {
    if (!all_origins) return lines[li];
    origin.head = static_cast<int>(li);
    return origin;
  };
  if (line_count > kLargeClaim) {
    // Sized exactly (with room for the evidence, the learned features and
    // the relation that follow), rather than doubled as they fill.
    std::size_t contributions = 0, derivatives = 0;
    for (std::size_t li = 0; li < line_count; ++li) {
      auto [c, d] = CountLine(cx, line_at(li), links);
      contributions += c;
      derivatives += d;
    }
    std::size_t evidence_rules = 0;
    for (const rules::Rule& r : cx.rules.rules) evidence_rules += r.target == rules::Target::kEvidence ? 1 : 0;
    contributions += cx.index.evidence_of(ci).size() * std::max<std::size_t>(1, evidence_rules) + 1;
    if (cx.fit != nullptr) contributions += cx.fit->claim_features.size();
    w.contributions.reserve(w.used + contributions);
    if (!w.direct_variance) w.dlogodds->reserve(derivatives);
  }
  w.lines = static_cast<int>(line_count);
  for (std::size_t li = 0; li < line_count; ++li) {
    ScoreLine(cx, line_at(li), static_cast<int>(li) + 1, links, rivals, w);
  }
  ReleaseIfLarge(lines);
  for (const std::int32_t ei : cx.index.evidence_of(ci)) {
    const model::Evidence& e = cx.index.evidence(ei);
    // model::Evidence::Key ("claim#feature"): e has no claim.
    const std::initializer_list<std::string_view> key = {claim.id, "#", e.feature};
    bool matched = false;
    for (const std::uint32_t k : cx.evidence_rules.Matching(ei, e, claim)) {
      const rules::Rule& r = cx.rules.rules[k];
      matched = true;
      const SentenceMemo::Key sentence{static_cast<std::uint32_t>(SentenceKind::kEvidence), 0, ei, k};
      w.AddMemo(ContributionKind::kEvidence, key, *r.effect.log_lr * RuleWeight(cx.fit, r.name), 0, sentence,
                [&](std::string& out) {
        std::string_view note = e.note ? std::string_view(*e.note) : std::string_view();
        CatInto(out, {"Artifact: ", e.feature, e.note ? " (" : "", note, e.note ? ")" : "", ": ", r.why, " [rule ",
                      r.name, "]"});
      });
    }
    if (!matched) {
      const SentenceMemo::Key sentence{static_cast<std::uint32_t>(SentenceKind::kEvidence), 0, ei, -1};
      w.AddMemo(ContributionKind::kEvidence, key, 0, 0, sentence, [&](std::string& out) {
        CatInto(out, {"Artifact: ", e.feature, ": no rule gives this feature a weight."});
      });
    }
  }
  if (cx.fit != nullptr && !cx.fit->claim_features.empty()) {
    // Learned claim features (a fit's claim_features): one contribution each.
    std::vector<model::Source> sources;
    sources.reserve(links.size());
    for (const CaseIndex::Link& l : links) sources.push_back(cx.index.source(l.source));
    std::vector<const model::Source*> asserting;
    asserting.reserve(sources.size());
    for (const model::Source& s : sources) asserting.push_back(&s);
    const std::vector<ClaimFeature> features = ExtractClaimFeatures(claim, asserting);
    for (const WeightedFeature& f : WeighClaimFeatures(features, cx.fit->claim_features)) {
      w.Add(ContributionKind::kFit, {"feature:", f.feature->name}, f.contribution(), 0,
            [&](std::string& out) { out = DescribeClaimFeature(f, cx.fit->name); });
    }
  }
  if (w.direct_variance) {
    w.sigma = std::sqrt(w.variance);
    return;
  }
  // A source on several lines (or both head and conduit) contributes its
  // summed derivative once: sort by source, in a fixed order.
  std::vector<std::pair<int, double>>& dl = *w.dlogodds;
  std::sort(dl.begin(), dl.end());
  double var = 0;
  for (std::size_t k = 0; k < dl.size();) {
    int s = dl[k].first;
    double d = 0;
    for (; k < dl.size() && dl[k].first == s; ++k) d += dl[k].second;
    var += d * d * BetaVariance(cx.sources[s].alpha(), cx.sources[s].beta());
  }
  w.sigma = std::sqrt(var);
  ReleaseIfLarge(dl);
}


// Fills `cs` (a fresh ClaimScore, or one a ClaimBatch left, whose strings'
// storage is reused) with the claim's score.
void Finish(std::string_view claim_id, ClaimWork&& w, ClaimSolution&& s, double base_log_odds, const learn::Fit* fit,
            ClaimScore& cs) {
  cs.claim_id.assign(claim_id);
  cs.contributions = w.Take();
  // A verdict is assigned later (ScoreParams::finish_claim, or the caller);
  // until then the claim has the default one, as a fresh ClaimScore has.
  static_assert(sizeof(Verdict) == 3 * sizeof(std::string) + 8, "reset every field of Verdict here");
  const Verdict none;
  cs.verdict.icd203.assign(none.icd203);
  cs.verdict.icd203_range.assign(none.icd203_range);
  cs.verdict.admiralty_credibility = none.admiralty_credibility;
  cs.verdict.politifact.assign(none.politifact);
  cs.lines = w.lines;
  if (!s.ref.empty()) {
    cs.contributions.push_back(
        {ContributionKind::kRelation, std::move(s.ref), s.log_odds - base_log_odds, std::move(s.note), 0});
  }
  // The reported log-odds is the sum of the contributions, in their order.
  cs.log_odds = 0;
  for (const Contribution& k : cs.contributions) cs.log_odds += k.weight;
  cs.p_raw = s.p;
  cs.lo = s.lo;
  cs.hi = s.hi;
  cs.p = cs.p_raw;
  if (fit != nullptr && fit->calibration && !fit->calibration->points.empty()) {
    cs.p = fit->calibration->Apply(cs.p_raw);
    cs.lo = std::min(fit->calibration->Apply(cs.lo), cs.p);
    cs.hi = std::max(fit->calibration->Apply(cs.hi), cs.p);
  }
}

// ScoreIndex's ClaimSink as a batch: the claims are sunk one by one on the
// calling thread. What the sink leaves of them (all of a claim it only
// read, nothing of one it moved away) goes back to the worker that next
// fills this batch, which writes new claims into it (Worker::Recycle).
class SinkBatch : public ClaimBatch {
 public:
  explicit SinkBatch(const ClaimSink& sink) : sink_(sink) {}
  void Take(std::vector<ClaimScore>& claims) override { claims_.swap(claims); }
  Status Drain() override {
    for (ClaimScore& cs : claims_) CREDENCE_RETURN_IF_ERROR(sink_(std::move(cs)));
    return Status::Ok();
  }

 private:
  const ClaimSink& sink_;
  std::vector<ClaimScore> claims_;
};

}  // namespace

Result<Run> ScoreIndex(const CaseIndex& index, const rules::RuleSet& rules, const ScoreParams& params,
                       const ClaimSink& sink) {
  return ScoreIndex(index, rules, params, [&sink] { return std::make_unique<SinkBatch>(sink); });
}

Result<Run> ScoreIndex(const CaseIndex& index, const rules::RuleSet& rules, const ScoreParams& params,
                       const ClaimBatchFactory& batches) {
  if (!(params.interval_level > 0 && params.interval_level < 1)) {
    return Status::Usage("interval level must be in (0, 1)");
  }
  const int threads = std::max(1, params.threads);
  const SourceTable sources(index, rules, params.fit, threads);

  const std::size_t n = index.claim_count();
  RelationGraph relations(n);
  std::vector<int> rivals(n, 1);
  std::vector<int> members;
  for (std::size_t ri = 0; ri < index.relations().size(); ++ri) {
    const model::Relation& r = index.relations()[ri];
    std::span<const std::int32_t> claims = index.relation_claims(ri);
    members.assign(claims.begin(), claims.end());
    if (r.kind == model::RelationKind::kExclusive) {
      for (int m : members) rivals[m] = std::max(rivals[m], static_cast<int>(members.size()) - 1);
      relations.AddExclusive(members, index.relation_key(ri));
    } else if (members.size() == 2) {
      relations.AddImplies(members[0], members[1], index.relation_key(ri));
    }
  }
  std::vector<RelationGraph::Component> components = relations.Components();
  std::vector<int> component_of(n, -1);
  for (std::size_t k = 0; k < components.size(); ++k) {
    for (int c : components[k].claims) component_of[c] = static_cast<int>(k);
  }

  boost::math::normal_distribution<double> normal;
  const double z = boost::math::quantile(normal, 0.5 + params.interval_level / 2);

  // Units of work: a claim in no relation, or a whole component (solved
  // together), in the order of their first claim.
  std::vector<std::int64_t> units;  // claim index >= 0, or -1 - component
  units.reserve(n);
  for (std::size_t ci = 0; ci < n; ++ci) {
    int k = component_of[ci];
    if (k < 0) {
      units.push_back(static_cast<std::int64_t>(ci));
    } else if (components[k].claims.front() == static_cast<int>(ci)) {
      units.push_back(-1 - k);
    }
  }

  // Each worker has its own rule cache and scratch; units are independent
  // given the source ratings, so the results do not depend on the number of
  // threads, and they are handed to the sink in unit order.
  const LinkRules link_rules(index, rules, params.fit);
  struct Worker {
    LinkRuleCache link_rules;
    EvidenceRuleCache evidence_rules;
    ClaimScratch scratch;
    std::vector<std::pair<int, double>> dlogodds;
    std::vector<ClaimWork> work;
    std::vector<double> log_odds, sigma;
    std::vector<ClaimSolution> solved;
    // Claims a batch has done with (what its Take left of them), whose
    // vectors and strings the next claims of this worker are written into:
    // a claim's ~15 strings then cost no allocation and no free, and stay
    // on the thread that allocated them.
    std::vector<ClaimScore> spare;
    SentenceMemo memo;

    // A ClaimScore to fill, with the storage of a spare one when there is
    // one, and `w` holding its contributions' storage.
    void Start(ClaimWork& w, std::vector<ClaimScore>& out) {
      if (spare.empty()) {
        out.emplace_back();
      } else {
        out.push_back(std::move(spare.back()));
        spare.pop_back();
      }
      w.contributions = std::move(out.back().contributions);
      if (w.contributions.capacity() == 0) w.contributions.reserve(16);
    }

    // Keeps what the batch left of `done` for later claims, within bounds
    // (a worker keeps at most kSpareClaims claims of at most
    // kSpareContributions contributions, strings of at most kSpareBytes
    // each: a chunk of 16 components of up to 8 claims, never a large
    // claim's storage; 32 claims kept 16 of the 48 of a chunk of
    // three-claim components allocating).
    void Recycle(std::vector<ClaimScore>& done) {
      constexpr std::size_t kSpareClaims = 128, kSpareContributions = 64, kSpareBytes = 1024;
      for (ClaimScore& cs : done) {
        if (spare.size() >= kSpareClaims) break;
        if (cs.contributions.capacity() > kSpareContributions) continue;
        for (Contribution& c : cs.contributions) {
          if (c.ref.capacity() > kSpareBytes) std::string().swap(c.ref);
          if (c.text.capacity() > kSpareBytes) std::string().swap(c.text);
        }
        spare.push_back(std::move(cs));
      }
      done.clear();
    }
  };
  std::vector<std::unique_ptr<Worker>> workers;
  for (int t = 0; t < threads; ++t) {
    workers.push_back(std::make_unique<Worker>(Worker{LinkRuleCache(link_rules), EvidenceRuleCache(rules), {}, {}, {}, {}, {}, {}, {}, SentenceMemo()}));
  }
  auto score_unit = [&](Worker& wk, std::int64_t unit, std::vector<ClaimScore>& out) {
    Context cx{index, rules, params.fit, sources, wk.link_rules, wk.evidence_rules};
    ClaimWork blank;
    blank.sentences = params.sentences;
    blank.dlogodds = &wk.dlogodds;
    blank.memo = &wk.memo;
    if (unit >= 0) {
      ClaimWork w = blank;
      wk.Start(w, out);
      ScoreClaim(cx, static_cast<std::size_t>(unit), rivals[unit], wk.scratch, w);
      double l = w.log_odds;
      ClaimSolution s = RelationGraph::Alone(l, w.sigma, z);
      Finish(index.claim_id(static_cast<std::size_t>(unit)), std::move(w), std::move(s), l, params.fit, out.back());
      return;
    }
    const RelationGraph::Component& comp = components[-1 - unit];
    wk.work.assign(comp.claims.size(), blank);
    wk.log_odds.assign(comp.claims.size(), 0);
    wk.sigma.assign(comp.claims.size(), 0);
    const std::size_t first = out.size();
    for (std::size_t i = 0; i < comp.claims.size(); ++i) {
      wk.Start(wk.work[i], out);
      ScoreClaim(cx, comp.claims[i], rivals[comp.claims[i]], wk.scratch, wk.work[i]);
      wk.log_odds[i] = wk.work[i].log_odds;
      wk.sigma[i] = wk.work[i].sigma;
    }
    relations.SolveComponent(comp, wk.log_odds, wk.sigma, z, params.max_exact_component, params.sentences,
                             &wk.solved);
    for (std::size_t i = 0; i < comp.claims.size(); ++i) {
      Finish(index.claim_id(comp.claims[i]), std::move(wk.work[i]), std::move(wk.solved[i]), wk.log_odds[i],
             params.fit, out[first + i]);
    }
  };

  // Workers take chunks of units in turn and the sink receives them in
  // chunk order; the window of chunks in flight bounds the memory of
  // finished-but-not-yet-sunk claims (at most 16 * 8 units per thread).
  // Small runs get small chunks, so that every thread has a share. One
  // thread sinks every unit as soon as it is scored: the next claim is then
  // written into the storage the last one left (Worker::Recycle) while it is
  // still in the cache (measured before the reuse, when claims were freed:
  // 8% fewer instructions than 128 units).
  // Several threads take 16 units at a time, so that handing chunks over
  // costs little; smaller chunks saved no instructions until a single unit.
  const std::size_t threads_z = static_cast<std::size_t>(threads);
  const std::size_t chunk_units =
      std::clamp<std::size_t>(units.size() / (16 * threads_z), 1, threads == 1 ? 1 : 16);
  const std::size_t window = 8 * threads_z;
  const std::size_t chunks = (units.size() + chunk_units - 1) / chunk_units;
  // A slot's batch is made by the first worker to fill the slot.
  struct Slot {
    std::vector<ClaimScore> claims;
    std::unique_ptr<ClaimBatch> batch;
  };
  Status sunk = RunOrdered<Slot>(
      chunks, threads, window,
      [&](int t, std::size_t chunk, Slot& slot) {
        std::vector<ClaimScore>& out = slot.claims;
        const std::size_t end = std::min(units.size(), (chunk + 1) * chunk_units);
        for (std::size_t u = chunk * chunk_units; u < end; ++u) score_unit(*workers[t], units[u], out);
        if (params.finish_claim) {
          for (ClaimScore& cs : out) params.finish_claim(cs);
        }
        if (!slot.batch) slot.batch = batches();
        slot.batch->Take(out);
        workers[t]->Recycle(out);  // what Take left is reused or freed on this thread
      },
      [&](std::size_t, Slot& slot) { return slot.batch->Drain(); });
  CREDENCE_RETURN_IF_ERROR(sunk);
  workers.clear();  // their scratch is not needed for the ratings

  Run run;
  run.info.engine = CREDENCE_VERSION;
  run.info.rules_name = rules.name;
  run.info.rules_sha256 = rules.sha256;
  run.info.seed = params.seed;
  run.info.interval_level = params.interval_level;
  if (params.fit != nullptr) run.info.fit = params.fit->name;
  run.sources.reserve(sources.size());
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const SourceState s = sources[i];
    SourceRating r;
    r.source_id = index.source_id(i);
    r.alpha = s.alpha();
    r.beta = s.beta();
    r.mean = s.mean();
    r.rules = s.profile->rules;
    run.sources.push_back(std::move(r));
  }
  return run;
}

Result<Run> Score(const model::Case& c, const rules::RuleSet& rules, const ScoreParams& params) {
  Result<CaseIndex> index = CaseIndex::Of(c);
  if (!index.ok()) return index.status();
  std::vector<ClaimScore> claims;
  claims.reserve(index->claim_count());
  Result<Run> run = ScoreIndex(*index, rules, params, [&](ClaimScore&& s) {
    claims.push_back(std::move(s));
    return Status::Ok();
  });
  if (!run.ok()) return run.status();
  std::sort(claims.begin(), claims.end(),
            [](const ClaimScore& a, const ClaimScore& b) { return a.claim_id < b.claim_id; });
  run->claims = std::move(claims);
  return run;
}

}  // namespace credence::score
