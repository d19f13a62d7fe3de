// The arithmetic both the scorer and the truth-discovery fit use, so that what
// `learn` estimates means exactly what `score` applies (docs/model.md §3-4).
#ifndef CREDENCE_CORE_SCORE_EVIDENCE_MATH_H_
#define CREDENCE_CORE_SCORE_EVIDENCE_MATH_H_

#include <algorithm>
#include <cmath>
#include <span>

namespace credence::score {

// Reliabilities are kept away from 0 and 1: no source is infallible.
inline constexpr double kMinReliability = 0.01;
inline constexpr double kMaxReliability = 0.99;

inline double ClampReliability(double r) {
  return std::clamp(r, kMinReliability, kMaxReliability);
}

// Log likelihood ratio of one assertion for the claim it supports, from a
// source whose assertions are true with probability `r`. In an exclusive group
// with `rivals` other candidate claims, a false assertion is spread over the
// rivals (Dong et al. 2009, ACCU): LR = rivals * r / (1 - r). A lone binary
// claim has rivals = 1.
inline double SupportLogLr(double r, int rivals) {
  r = ClampReliability(r);
  return std::log(std::max(1, rivals) * r / (1.0 - r));
}

// Posterior of the candidates of an exclusive group (at most one true) from
// their unconstrained log-odds: p_i = e^{L_i} / (1 + sum_j e^{L_j}); the 1 is
// "none of them". Writes into `p` (same size as `log_odds`). Stable for large
// |L|.
inline void ExclusivePosterior(std::span<const double> log_odds, std::span<double> p) {
  double m = 0;  // the "none" term has log-odds 0
  for (double l : log_odds) m = std::max(m, l);
  double z = std::exp(-m);
  for (double l : log_odds) z += std::exp(l - m);
  for (std::size_t i = 0; i < log_odds.size(); ++i) p[i] = std::exp(log_odds[i] - m) / z;
}

inline double Logistic(double l) { return 1.0 / (1.0 + std::exp(-l)); }
inline double Logit(double p) { return std::log(p / (1.0 - p)); }

}  // namespace credence::score

#endif  // CREDENCE_CORE_SCORE_EVIDENCE_MATH_H_
