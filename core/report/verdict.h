// Verdicts: a claim's p and interval, and a source's reliability, read on the
// scales editors and analysts already know. docs/verdicts.md states every
// rule below with its reason and its source:
// - ICD 203 estimative words (ODNI, Intelligence Community Directive 203,
//   2015, "expressions of likelihood") for a claim's p, and a range phrase
//   that never claims more certainty than the interval allows;
// - the Admiralty/NATO code (AJP-2.1): reliability A-F per source, from its
//   Beta (mean and amount of evidence), and information credibility 1-6 per
//   claim, from p, its interval and the number of independent lines;
// - the six PolitiFact labels of the LIAR data set (Wang 2017), from p.
//
// Every comparison reads the values as reports print them (Quantize to
// kProbabilityDecimals): the verdict agrees with the printed figure. The one
// exception is a fit's LIAR cut points (see AssignVerdicts).
#ifndef CREDENCE_CORE_REPORT_VERDICT_H_
#define CREDENCE_CORE_REPORT_VERDICT_H_

#include <array>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "core/common/status.h"
#include "core/learn/fit.h"
#include "core/score/run.h"

namespace credence::report {

// The seven ICD 203 words, lowest first.
enum class Icd203 {
  kAlmostNoChance,     // 1-5%  (and below 1%)
  kVeryUnlikely,       // 5-20%
  kUnlikely,           // 20-45%
  kRoughlyEvenChance,  // 45-55%
  kLikely,             // 55-80%
  kVeryLikely,         // 80-95%
  kAlmostCertain,      // 95-99% (and above 99%)
};

// The published band edges, in ascending order: 0.05 0.20 0.45 0.55 0.80
// 0.95. A p exactly on an edge takes the word nearer to even chance (0.55 is
// "roughly even chance", 0.80 "likely", 0.20 "unlikely"): the less confident
// word, so an edge never adds certainty.
inline constexpr std::array<double, 6> kIcd203Edges = {0.05, 0.20, 0.45, 0.55, 0.80, 0.95};

// The word for p; p below 0.01 is still "almost no chance" and above 0.99
// "almost certain": ICD 203 has no stronger words, by design.
Icd203 Icd203Band(double p);

// Persisted spelling ("roughly even chance"): stored in runs and read by
// scripts from report JSON. Do not rename.
std::string_view Name(Icd203 band);

// The headline word with the bands the interval [lo, hi] reaches: the word of
// p alone when the interval stays in p's band, otherwise
//   "<word of p>, could be <band toward even chance>[ or <band on the other side>]"
// e.g. "likely, could be roughly even chance" or
// "likely, could be unlikely or very likely". For a p in "roughly even
// chance" the lower band is named first. lo and hi are widened to contain p.
std::string Icd203Range(double p, double lo, double hi);

// Admiralty source reliability letter from Beta(alpha, beta) over the
// probability that what the source asserts is true. With [q05, q95] the
// central 90% interval of the Beta and mean = alpha / (alpha + beta), first
// rule that holds:
//   F  cannot be judged   q95 - q05 > kMaxJudgeableWidth (too little evidence),
//                         or alpha/beta not positive and finite
//   A  completely reliable   q05 >= 0.90
//   B  usually reliable      q05 >= 0.70
//   E  unreliable            q95 <  0.50
//   C  fairly reliable       mean > 0.50
//   D  not usually reliable  mean <= 0.50
// Reading the lower bound makes A need a record: Beta(1+n, 1) reaches
// q05 >= 0.90 only from n = 28 confirmed and none refuted.
char AdmiraltyReliability(double alpha, double beta);

// Above this width of its 90% interval (half of all probabilities) a source's
// reliability "cannot be judged" (F).
inline constexpr double kMaxJudgeableWidth = 0.5;

// Admiralty information credibility of a claim (p, interval [lo, hi],
// independent lines of evidence), first rule that holds:
//   6 cannot be judged     lines == 0, or the interval reaches both
//                          "very unlikely" and "very likely" (lo < 0.20 and
//                          hi > 0.80, edges as in Icd203Band)
//   1 confirmed by others  lines >= 2 and lo >= 0.80
//   2 probably true        lo >= 0.55 (the whole interval above even chance)
//   5 improbable           hi <= 0.45 (the whole interval below even chance)
//   3 possibly true        p >= 0.50
//   4 doubtful             p <  0.50
int AdmiraltyCredibility(double p, double lo, double hi, int lines);

// The words of the digits, for reports: 1 -> "confirmed by other sources".
// Of the letters: 'A' -> "completely reliable". Unknown values -> "".
std::string_view AdmiraltyCredibilityWords(int credibility);
std::string_view AdmiraltyReliabilityWords(char letter);

// The six PolitiFact Truth-O-Meter labels in the spelling of the LIAR data
// set, lowest first.
enum class Liar6 { kPantsFire, kFalse, kBarelyTrue, kHalfTrue, kMostlyTrue, kTrue };

// Persisted spelling ("barely-true"): the LIAR data set's own, so labels
// compare with its files; stored in runs. Do not rename.
std::string_view Name(Liar6 label);

// The fit scale name whose ordinal_cuts replace the default cuts.
inline constexpr std::string_view kLiar6Scale = "liar6";

// Default cut points between the six labels: the ICD 203 edges, with
// "almost certain" and "very likely" both "true", so both scales agree
// (pants-fire = almost no chance ... half-true = roughly even chance).
// A judgment, not a fitted value: `credence learn` fits its own.
inline constexpr std::array<double, 5> kDefaultLiar6Cuts = {0.05, 0.20, 0.45, 0.55, 0.80};

// Five ascending cuts in (0, 1) separate the six labels. An edge value takes
// the label nearer to half-true, as for ICD 203. `p` is compared as given
// (AssignVerdicts passes the printed p for the default cuts, p itself for
// fitted ones).
Liar6 Liar6Label(double p, std::span<const double> cuts);

// Checks that the fit's "liar6" cuts, when present, are five strictly
// ascending numbers in (0, 1). Callers that load a fit check it before
// AssignVerdicts; the message names the fit and what was expected.
Status CheckVerdictCuts(const learn::Fit& fit);

// Turns a run's numbers into words: fills ClaimScore::verdict and
// SourceRating::admiralty from their numbers, one record at a time (a run
// written as it is scored never holds all its claims). `fit` may be null;
// when it has "liar6" cuts they replace kDefaultLiar6Cuts. Precondition:
// CheckVerdictCuts(*fit) is ok. The fit must outlive the object.
class VerdictAssigner {
 public:
  explicit VerdictAssigner(const learn::Fit* fit);
  void Assign(score::ClaimScore& claim) const;
  // Not thread-safe (a cache): one object per thread.
  void Assign(score::SourceRating& source) const;

 private:
  std::span<const double> cuts_;
  bool fitted_ = false;  // cuts from the fit: compared on p, not printed p
  // AdmiraltyReliability by (alpha, beta): two Beta quantiles cost ~50 us,
  // and the sources of a large store mostly share a few ratings (those rated
  // by the same rules with no track record). Bounded; cleared when full.
  mutable std::map<std::pair<double, double>, char> reliability_;
};

// VerdictAssigner over every claim and source of `run`.
void AssignVerdicts(score::Run& run, const learn::Fit* fit);

}  // namespace credence::report

#endif  // CREDENCE_CORE_REPORT_VERDICT_H_
