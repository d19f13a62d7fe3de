#include "core/report/verdict.h"

#include <algorithm>
#include <boost/math/special_functions/beta.hpp>
#include <cassert>
#include <cmath>

#include "core/report/number_format.h"

namespace credence::report {
namespace {

double Q(double p) { return Quantize(p, kProbabilityDecimals); }

// The index of p's band among edges.size() + 1 ordered bands. Edges below
// `middle` belong to the band above them, the others to the band below: an
// edge value always takes the band nearer to the middle band.
std::size_t OrdinalIndex(double p, std::span<const double> edges, std::size_t middle) {
  std::size_t index = 0;
  for (std::size_t i = 0; i < edges.size(); ++i) {
    if (i < middle ? p >= edges[i] : p > edges[i]) ++index;
  }
  return index;
}

// Persisted spellings (see Name): do not rename.
constexpr std::array<std::string_view, 7> kIcd203Names = {
    "almost no chance", "very unlikely", "unlikely", "roughly even chance",
    "likely",           "very likely",   "almost certain",
};
constexpr std::array<std::string_view, 6> kLiar6Names = {
    "pants-fire", "false", "barely-true", "half-true", "mostly-true", "true",
};
constexpr std::array<std::string_view, 6> kReliabilityWords = {
    "completely reliable",  "usually reliable", "fairly reliable",
    "not usually reliable", "unreliable",       "reliability cannot be judged",
};
constexpr std::array<std::string_view, 6> kCredibilityWords = {
    "confirmed by other sources", "probably true", "possibly true",
    "doubtful",                   "improbable",    "truth cannot be judged",
};

// Index of the middle band (roughly even chance / half-true).
constexpr std::size_t kIcd203Middle = 3;
constexpr std::size_t kLiar6Middle = 3;

constexpr double kEven = 0.5;

// Thresholds of the credibility digits (docs/verdicts.md): the ICD 203 edges
// around even chance, and "very likely" for a confirmed claim.
constexpr double kConfirmedLo = 0.80;
constexpr double kProbablyTrueLo = 0.55;
constexpr double kImprobableHi = 0.45;
constexpr int kConfirmingLines = 2;

// Reliability letter thresholds on the 90% interval of the Beta.
constexpr double kLowerTail = 0.05, kUpperTail = 0.95;
constexpr double kCompletelyReliableQ05 = 0.90;
constexpr double kUsuallyReliableQ05 = 0.70;
constexpr double kUnreliableQ95 = 0.50;

using NoThrow = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::errno_on_error>,
    boost::math::policies::pole_error<boost::math::policies::errno_on_error>,
    boost::math::policies::overflow_error<boost::math::policies::errno_on_error>,
    boost::math::policies::evaluation_error<boost::math::policies::errno_on_error>>;

bool ValidCuts(std::span<const double> cuts) {
  if (cuts.size() != kDefaultLiar6Cuts.size()) return false;
  for (std::size_t i = 0; i < cuts.size(); ++i) {
    if (!(cuts[i] > 0 && cuts[i] < 1)) return false;
    if (i > 0 && !(cuts[i] > cuts[i - 1])) return false;
  }
  return true;
}

}  // namespace

Icd203 Icd203Band(double p) {
  return static_cast<Icd203>(OrdinalIndex(Q(p), kIcd203Edges, kIcd203Middle));
}

std::string_view Name(Icd203 band) { return kIcd203Names[static_cast<std::size_t>(band)]; }

namespace {

// Icd203Range into `out` (its storage reused), `at` being p's band.
void WriteIcd203Range(Icd203 at, double p, double lo, double hi, std::string& out) {
  const Icd203 low = Icd203Band(std::min(lo, p));
  const Icd203 high = Icd203Band(std::max(hi, p));
  // Name first the end that reaches toward even chance: it is the doubt a
  // reader most needs to see.
  Icd203 first = low, second = high;
  if (at < Icd203::kRoughlyEvenChance) std::swap(first, second);
  out.assign(Name(at));
  std::string_view sep = ", could be ";
  for (Icd203 end : {first, second}) {
    if (end == at) continue;
    out += sep;
    out += Name(end);
    sep = " or ";
  }
}

}  // namespace

std::string Icd203Range(double p, double lo, double hi) {
  std::string out;
  WriteIcd203Range(Icd203Band(p), p, lo, hi, out);
  return out;
}

char AdmiraltyReliability(double alpha, double beta) {
  if (!(std::isfinite(alpha) && std::isfinite(beta) && alpha > 0 && beta > 0)) return 'F';
  const double q05 = boost::math::ibeta_inv(alpha, beta, kLowerTail, NoThrow());
  const double q95 = boost::math::ibeta_inv(alpha, beta, kUpperTail, NoThrow());
  if (!(std::isfinite(q05) && std::isfinite(q95))) return 'F';
  const double lo = Q(q05), hi = Q(q95);
  if (Q(hi - lo) > kMaxJudgeableWidth) return 'F';
  if (lo >= kCompletelyReliableQ05) return 'A';
  if (lo >= kUsuallyReliableQ05) return 'B';
  if (hi < kUnreliableQ95) return 'E';
  return Q(alpha / (alpha + beta)) > kEven ? 'C' : 'D';
}

int AdmiraltyCredibility(double p, double lo, double hi, int lines) {
  p = Q(p);
  lo = Q(std::min(lo, p));
  hi = Q(std::max(hi, p));
  if (lines <= 0 || (Icd203Band(lo) <= Icd203::kVeryUnlikely &&
                     Icd203Band(hi) >= Icd203::kVeryLikely)) {
    return 6;
  }
  if (lines >= kConfirmingLines && lo >= kConfirmedLo) return 1;
  if (lo >= kProbablyTrueLo) return 2;
  if (hi <= kImprobableHi) return 5;
  return p >= kEven ? 3 : 4;
}

std::string_view AdmiraltyCredibilityWords(int credibility) {
  if (credibility < 1 || credibility > 6) return "";
  return kCredibilityWords[static_cast<std::size_t>(credibility - 1)];
}

std::string_view AdmiraltyReliabilityWords(char letter) {
  if (letter < 'A' || letter > 'F') return "";
  return kReliabilityWords[static_cast<std::size_t>(letter - 'A')];
}

std::string_view Name(Liar6 label) { return kLiar6Names[static_cast<std::size_t>(label)]; }

Liar6 Liar6Label(double p, std::span<const double> cuts) {
  assert(ValidCuts(cuts));
  if (!ValidCuts(cuts)) cuts = kDefaultLiar6Cuts;  // never index past the labels
  return static_cast<Liar6>(OrdinalIndex(p, cuts, kLiar6Middle));
}

Status CheckVerdictCuts(const learn::Fit& fit) {
  const auto it = fit.ordinal_cuts.find(std::string(kLiar6Scale));
  if (it == fit.ordinal_cuts.end() || ValidCuts(it->second)) return Status::Ok();
  std::string got;
  for (double c : it->second) {
    if (!got.empty()) got += ", ";
    got += FormatFixed(c, kProbabilityDecimals);
  }
  return Status::InvalidInput("expected 5 strictly ascending cut points in (0, 1) for scale \"" +
                                  std::string(kLiar6Scale) + "\"; got [" + got + "]",
                              InputLocation{.json_pointer = "/ordinal_cuts/liar6",
                                            .record_id = fit.name});
}

VerdictAssigner::VerdictAssigner(const learn::Fit* fit) : cuts_(kDefaultLiar6Cuts) {
  // The default cuts are read on the printed p, as the ICD 203 edges are;
  // fitted cuts on p itself: learn placed them between the calibrated values
  // it saw, which may lie closer together than printing shows.
  if (fit != nullptr) {
    assert(CheckVerdictCuts(*fit).ok());
    const auto it = fit->ordinal_cuts.find(std::string(kLiar6Scale));
    if (it != fit->ordinal_cuts.end() && ValidCuts(it->second)) {
      cuts_ = it->second;
      fitted_ = true;
    }
  }
}

void VerdictAssigner::Assign(score::ClaimScore& c) const {
  // A non-finite p would read as "almost no chance": a scorer bug, not input.
  assert(std::isfinite(c.p) && std::isfinite(c.lo) && std::isfinite(c.hi));
  // Written into the claim's strings: a scorer may hand over claims whose
  // strings already have the room.
  const Icd203 band = Icd203Band(c.p);
  c.verdict.icd203.assign(Name(band));
  WriteIcd203Range(band, c.p, c.lo, c.hi, c.verdict.icd203_range);
  c.verdict.admiralty_credibility = AdmiraltyCredibility(c.p, c.lo, c.hi, c.lines);
  c.verdict.politifact.assign(Name(Liar6Label(fitted_ ? c.p : Q(c.p), cuts_)));
}

void VerdictAssigner::Assign(score::SourceRating& s) const {
  constexpr std::size_t kMaxCached = 4096;
  // NaN cannot be a map key (it compares equal to everything).
  if (!(std::isfinite(s.alpha) && std::isfinite(s.beta))) {
    s.admiralty = AdmiraltyReliability(s.alpha, s.beta);
    return;
  }
  const std::pair<double, double> key(s.alpha, s.beta);
  auto it = reliability_.find(key);
  if (it == reliability_.end()) {
    if (reliability_.size() >= kMaxCached) reliability_.clear();
    it = reliability_.emplace(key, AdmiraltyReliability(s.alpha, s.beta)).first;
  }
  s.admiralty = it->second;
}

void AssignVerdicts(score::Run& run, const learn::Fit* fit) {
  const VerdictAssigner verdicts(fit);
  for (score::ClaimScore& c : run.claims) verdicts.Assign(c);
  for (score::SourceRating& s : run.sources) verdicts.Assign(s);
}

}  // namespace credence::report
