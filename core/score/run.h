// What one scoring run produces: per claim a probability, its interval, its
// verdicts and the contributions that explain it. These records are what the
// store persists (tables runs, claim_scores, contributions, source_ratings)
// and what reports render; they hold no behaviour.
#ifndef CREDENCE_CORE_SCORE_RUN_H_
#define CREDENCE_CORE_SCORE_RUN_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace credence::score {

// What a contribution is traced to. Persisted spelling: do not rename.
enum class ContributionKind {
  kPrior,     // the claim's prior log-odds (a rule on claim kind / base rate)
  kRule,      // a named rule's adjustment (hedged, conduit, interested party...)
  kLink,      // one line of evidence: a source's stance, weighted by reliability
  kEvidence,  // an artifact feature (evidence record) through a named rule
  kFit,       // a learned parameter (fitted reliability, calibration)
  kRelation,  // exclusive / implies coherence adjustment
};
std::string_view Name(ContributionKind kind);
// nullopt for an unknown spelling.
std::optional<ContributionKind> ParseContributionKind(std::string_view name);

// One line of an explanation. Weights are in natural-log odds (nats); the
// weights of one claim add up to ClaimScore::log_odds.
struct Contribution {
  ContributionKind kind = ContributionKind::kRule;
  std::string ref;     // rule name, link key "src->claim", evidence key "claim#feature", fit name
  double weight = 0;   // log-odds
  std::string text;    // one sentence a journalist can check against the case file
  int line = 0;        // line of evidence this belongs to (1-based), 0 = none
  bool operator==(const Contribution&) const = default;
};

// Verdict words read off p and its interval.
struct Verdict {
  std::string icd203;        // "likely"
  std::string icd203_range;  // "likely, could be roughly even chance" when the interval straddles bands
  int admiralty_credibility = 6;  // information credibility 1..6 (6 = cannot be judged)
  std::string politifact;    // "mostly-true"
  bool operator==(const Verdict&) const = default;
};

struct ClaimScore {
  std::string claim_id;
  double p = 0.5;          // calibrated probability (== p_raw when no calibration)
  double p_raw = 0.5;      // before calibration
  double log_odds = 0;     // uncalibrated log-odds: sum of contributions
  double lo = 0, hi = 1;   // credible interval of p (level: Run::interval_level)
  int lines = 0;           // independent lines of evidence
  Verdict verdict;
  std::vector<Contribution> contributions;  // in explanation order
  bool operator==(const ClaimScore&) const = default;
};

// A source's reliability as the run saw it: a Beta(alpha, beta) on the
// probability that what the source asserts is true.
struct SourceRating {
  std::string source_id;
  double alpha = 1, beta = 1;
  double mean = 0.5;
  char admiralty = 'F';    // reliability A..F (F = cannot be judged)
  std::vector<std::string> rules;  // names of the rules that set the prior
  bool operator==(const SourceRating&) const = default;
};

struct RunInfo {
  std::int64_t id = 0;         // assigned by the store
  std::string created_at;      // UTC, ISO 8601; kept out of report bodies
  std::string engine;          // CREDENCE_VERSION
  std::string rules_name;      // rule set name (file stem or "default")
  std::string rules_sha256;    // of the rule file's bytes
  std::uint64_t seed = 0;
  std::optional<std::string> fit;  // fit name, when --fit was given
  double interval_level = 0.9;
  bool operator==(const RunInfo&) const = default;
};

// Everything one `credence score` produced. Claims sorted by id, sources by id.
struct Run {
  RunInfo info;
  std::vector<ClaimScore> claims;
  std::vector<SourceRating> sources;
  bool operator==(const Run&) const = default;
};

}  // namespace credence::score

#endif  // CREDENCE_CORE_SCORE_RUN_H_
