// Rules as data: a rule set is a file (credence-rules/1, JSON with // comments)
// of named rules, each a condition on one kind of record and an effect on the
// score, with a one-line rationale that reports show. docs/rules.md documents
// the language; rules/default.rules is the default set.
//
// Rules are matched in file order. Every effect a rule has on a score is
// recorded under the rule's name, so each contribution of an explanation
// traces to the rule that caused it.
#ifndef CREDENCE_RULES_RULE_SET_H_
#define CREDENCE_RULES_RULE_SET_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "core/model/case.h"

namespace credence::rules {

// What a rule's condition is evaluated on.
enum class Target { kSource, kLink, kEvidence, kClaim };
std::string_view Name(Target t);

// One test of a condition: the value at `path` must satisfy the matcher.
// Paths by target (docs/rules.md):
//   source:   kind, id, attributes.NAME, track_record.{confirmed,refuted,unresolved,total}
//   link:     mode, stance, has_via, has_reported_by, attributes.NAME,
//             source.<source path>, claim.<claim path>, conduit.<source path>
//   evidence: feature, value, claim.<claim path>
//   claim:    kind, lang, topic, attributes.NAME
struct Test {
  enum class Op { kEquals, kIn, kNot, kAfter, kBefore, kAtLeast, kAtMost, kExists };
  std::string path;
  Op op = Op::kEquals;
  std::vector<model::JsonText> values;  // canonical JSON; kIn has several
  bool operator==(const Test&) const = default;
};

// The effects a rule may have. Each applies only to its target:
//   source:   reliability (a Beta prior as mean and strength), reliability_shift
//             (log-odds added to the mean), strength_factor
//   link:     weight_factor (multiplies the line's log likelihood ratio)
//   evidence: log_lr (log-odds added to the claim)
//   claim:    prior_log_odds
struct Effect {
  std::optional<double> reliability_mean;      // (0, 1)
  std::optional<double> reliability_strength;  // pseudo-observations, > 0
  std::optional<double> reliability_shift;     // log-odds
  std::optional<double> strength_factor;       // > 0
  std::optional<double> weight_factor;         // >= 0
  std::optional<double> log_lr;
  std::optional<double> prior_log_odds;
  bool operator==(const Effect&) const = default;
};

struct Rule {
  std::string name;  // unique in the set; id-like
  Target target = Target::kSource;
  std::vector<Test> when;  // all must hold; empty = always
  Effect effect;
  std::string why;   // one line, shown in reports
  bool operator==(const Rule&) const = default;
};

struct RuleSet {
  std::string name;    // the set's "name" field
  std::string sha256;  // of the file's bytes, recorded with every run
  std::vector<Rule> rules;

  const Rule* Find(std::string_view rule_name) const;
};

// Reads and validates a rule file. Errors name the file, line, JSON pointer,
// rule name and what was expected; all errors of the file are reported.
Result<RuleSet> LoadRuleFile(const std::filesystem::path& path);
// The same from text; `origin` names it in errors.
Result<RuleSet> ParseRuleSet(std::string_view text, const std::string& origin);

// The rule set compiled into the binary (rules/default.rules, verbatim).
Result<RuleSet> DefaultRuleSet();
std::string_view DefaultRuleText();

// --- Matching ---------------------------------------------------------------

// The records a condition may look at; pointers may be null when absent
// (e.g. no conduit). Pointed-to records outlive the call.
struct MatchContext {
  const model::Source* source = nullptr;
  const model::Link* link = nullptr;
  const model::Claim* claim = nullptr;
  const model::Evidence* evidence = nullptr;
  const model::Source* conduit = nullptr;
};

// True when every test of `rule` holds in `ctx`. A path that names an absent
// value fails every test but {"exists": false}.
bool Matches(const Rule& rule, const MatchContext& ctx);

}  // namespace credence::rules

#endif  // CREDENCE_RULES_RULE_SET_H_
