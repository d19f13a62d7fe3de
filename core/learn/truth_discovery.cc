#include "core/learn/truth_discovery.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include "core/learn/copy_detection.h"
#include "core/score/evidence_math.h"

namespace credence::learn {

void EStep(const TruthProblem& t, const TruthDiscoveryOptions& options, EmState& state) {
  const std::size_t sources = t.source_ids.size();
  std::vector<double> logit(sources);
  for (std::size_t s = 0; s < sources; ++s) logit[s] = score::Logit(score::ClampReliability(state.reliability[s]));
  state.p.resize(t.claim_ids.size());
  std::vector<double> l, p;
  const std::size_t groups = t.group_start.size() - 1;
  for (std::size_t g = 0; g < groups; ++g) {
    const int begin = t.group_start[g], end = t.group_start[g + 1];
    l.assign(end - begin, 0);
    p.resize(end - begin);
    for (int k = begin; k < end; ++k) {
      const int c = t.group_claims[k];
      double sum = options.claim_prior_log_odds;
      for (int li = t.link_start[c]; li < t.link_start[c + 1]; ++li) {
        const int s = t.link_source[li];
        // SupportLogLr(r, rivals) = log(rivals) + logit(r); a refutation uses rivals = 1.
        const double lr = t.link_sign[li] > 0 ? t.log_rivals[c] + logit[s] : -logit[s];
        sum += state.copy_weight[s] * lr;
      }
      l[k - begin] = sum;
    }
    score::ExclusivePosterior(l, p);
    for (int k = begin; k < end; ++k) state.p[t.group_claims[k]] = p[k - begin];
  }
}

void MStep(const TruthProblem& t, const TruthDiscoveryOptions& options, EmState& state) {
  const std::size_t sources = t.source_ids.size();
  // A claim alone in its group with one supporting link ("solo") has
  // p = logistic(L0 + w logit r) of its own source's r: it carries no
  // information about r, but summing its p at the old r makes the EM crawl
  // for sources with thousands of such claims. Their share is solved for
  // jointly with r below, which gives the same fixed point in one step.
  std::vector<double> right(sources, 0), total(sources, 0), solo(sources, 0);
  for (std::size_t c = 0; c < t.claim_ids.size(); ++c) {
    const int g = t.claim_group[c];
    const bool alone = t.group_start[g + 1] - t.group_start[g] == 1 && t.link_start[c + 1] - t.link_start[c] == 1 &&
                       t.link_sign[t.link_start[c]] > 0;
    for (int li = t.link_start[c]; li < t.link_start[c + 1]; ++li) {
      const int s = t.link_source[li];
      if (alone) {
        solo[s] += 1;
        continue;
      }
      right[s] += t.link_sign[li] > 0 ? state.p[c] : 1 - state.p[c];
      total[s] += 1;
    }
  }
  state.alpha.resize(sources);
  state.beta.resize(sources);
  const double strength = options.prior_alpha + options.prior_beta;
  // Empirical-Bayes prior by activity class (floor of log2 of a source's
  // assertions): the class's pooled expected accuracy on contested claims,
  // itself shrunk toward the fixed prior. Solo claims say nothing about
  // accuracy and are left out of the pool.
  std::vector<double> class_mean;
  std::vector<int> source_class(sources, 0);
  if (options.activity_prior) {
    std::vector<double> class_right, class_total;
    for (std::size_t s = 0; s < sources; ++s) {
      const double n = total[s] + solo[s];
      const int k = n >= 1 ? static_cast<int>(std::floor(std::log2(n))) : 0;
      source_class[s] = k;
      if (static_cast<std::size_t>(k) >= class_right.size()) {
        class_right.resize(k + 1, 0);
        class_total.resize(k + 1, 0);
      }
      class_right[k] += right[s];
      class_total[k] += total[s];
    }
    class_mean.resize(class_right.size());
    for (std::size_t k = 0; k < class_right.size(); ++k) {
      // Floored at 1/2: below chance, the symmetric witness model would make
      // agreement count against a value (with one rival, logit r < 0), and
      // the EM can then settle on the inverted solution.
      class_mean[k] = std::max(0.5, (options.prior_alpha + class_right[k]) / (strength + class_total[k]));
    }
  }
  for (std::size_t s = 0; s < sources; ++s) {
    const double a0 = options.activity_prior ? strength * class_mean[source_class[s]] : options.prior_alpha;
    const double b0 = strength - a0;
    auto solo_p = [&](double r) {
      return score::Logistic(options.claim_prior_log_odds +
                             state.copy_weight[s] * score::Logit(score::ClampReliability(r)));
    };
    double r = (a0 + right[s]) / (a0 + b0 + total[s]);
    if (solo[s] > 0) {
      // Root of r (a0 + b0 + n + u) = a0 + right + u p_solo(r) on (0, 1):
      // negative near 0, positive near 1; bisection.
      const double n = a0 + b0 + total[s] + solo[s];
      double lo = 0, hi = 1;
      for (int k = 0; k < 60; ++k) {
        const double mid = (lo + hi) / 2;
        (mid * n - a0 - right[s] - solo[s] * solo_p(mid) < 0 ? lo : hi) = mid;
      }
      r = (lo + hi) / 2;
    }
    const double solo_right = solo[s] > 0 ? solo[s] * solo_p(r) : 0;
    state.alpha[s] = a0 + right[s] + solo_right;
    state.beta[s] = b0 + total[s] - right[s] + solo[s] - solo_right;
    state.reliability[s] = state.alpha[s] / (state.alpha[s] + state.beta[s]);
  }
}

void RunEm(const TruthProblem& t, const TruthDiscoveryOptions& options, EmState& state,
           std::vector<CopyFinding>* findings) {
  state.converged = false;
  for (int it = 0; it < options.max_iterations; ++it) {
    std::vector<double> before = state.reliability;
    std::vector<double> weights_before = state.copy_weight;
    EStep(t, options, state);
    const bool detect = findings != nullptr && (it < options.copy_every_iteration_until || it % 10 == 0);
    if (detect) {
      // Copying is re-assessed between the E and M steps (as in Dong et
      // al.): a bloc of copiers found only after convergence would already
      // have taken over the truth it repeats. After the first iterations it
      // is re-assessed every tenth, which keeps large fits fast.
      CopyDetectionResult found = DetectCopying(t, state, options.copy);
      state.copy_weight = std::move(found.copy_weight);
      *findings = std::move(found.findings);
    }
    MStep(t, options, state);
    ++state.iterations;
    double moved = 0;
    for (std::size_t s = 0; s < before.size(); ++s) {
      moved = std::max(moved, std::abs(state.reliability[s] - before[s]));
      moved = std::max(moved, std::abs(state.copy_weight[s] - weights_before[s]));
    }
    if (moved < options.tolerance && (findings == nullptr || detect)) {
      state.converged = true;
      break;
    }
  }
  EStep(t, options, state);
}

TruthDiscoveryResult FitTruthDiscovery(const model::Case& c, const TruthDiscoveryOptions& options) {
  const TruthProblem t = BuildTruthProblem(c);
  const std::size_t sources = t.source_ids.size();
  EmState state;
  const double r0 = options.prior_alpha / (options.prior_alpha + options.prior_beta);
  state.reliability.assign(sources, r0);
  state.alpha.assign(sources, options.prior_alpha);
  state.beta.assign(sources, options.prior_beta);
  state.copy_weight.assign(sources, 1.0);
  std::vector<CopyFinding> findings;
  RunEm(t, options, state, options.detect_copying ? &findings : nullptr);
  std::vector<std::vector<int>> copies_from(sources);
  for (const CopyFinding& f : findings) copies_from[f.copier].push_back(f.original);
  TruthDiscoveryResult result;
  result.iterations = state.iterations;
  result.converged = state.converged;
  for (std::size_t s = 0; s < sources; ++s) {
    SourceFit f;
    f.source_id = t.source_ids[s];
    f.alpha = state.alpha[s];
    f.beta = state.beta[s];
    f.copy_weight = state.copy_weight[s];
    for (int o : copies_from[s]) f.copies_from.push_back(t.source_ids[o]);
    std::sort(f.copies_from.begin(), f.copies_from.end());
    if (f.copy_weight < 1) ++result.copiers;
    result.sources.push_back(std::move(f));
  }
  result.claim_ids = t.claim_ids;
  result.p = state.p;
  return result;
}

}  // namespace credence::learn
