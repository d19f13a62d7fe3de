#include "core/learn/claim_feature_fit.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

#include "core/score/evidence_math.h"

namespace credence::learn {
namespace {

// Samples as sparse rows over the kept vocabulary.
struct Design {
  std::vector<std::string> names;           // kept features, sorted
  std::vector<std::vector<std::pair<int, double>>> rows;
};

Design BuildDesign(const std::vector<FeatureSample>& samples, int min_count) {
  std::map<std::string, int> counts;
  for (const FeatureSample& s : samples) {
    for (const score::ClaimFeature& f : s.features) {
      if (f.name != "intercept") ++counts[f.name];
    }
  }
  Design d;
  for (const auto& [name, n] : counts) {
    if (n >= min_count) d.names.push_back(name);
  }
  d.rows.resize(samples.size());
  for (std::size_t i = 0; i < samples.size(); ++i) {
    for (const score::ClaimFeature& f : samples[i].features) {
      auto it = std::lower_bound(d.names.begin(), d.names.end(), f.name);
      if (it != d.names.end() && *it == f.name) d.rows[i].push_back({static_cast<int>(it - d.names.begin()), f.value});
    }
  }
  return d;
}

struct Model {
  std::vector<double> w;
  std::vector<double> theta;  // ascending, K - 1 of them
};

// log P(label | eta) under the thresholds, and its derivatives in eta and in
// the two thresholds it touches.
struct Term {
  double log_p, d_eta, d_upper, d_lower;
};

Term OrdinalTerm(const std::vector<double>& theta, int label, double eta) {
  const int k_max = static_cast<int>(theta.size());  // K - 1
  const double upper = label < k_max ? score::Logistic(theta[label] - eta) : 1;
  const double lower = label > 0 ? score::Logistic(theta[label - 1] - eta) : 0;
  const double p = std::max(upper - lower, 1e-12);
  const double du = label < k_max ? upper * (1 - upper) : 0;
  const double dl = label > 0 ? lower * (1 - lower) : 0;
  return {std::log(p), (dl - du) / p, du / p, -dl / p};
}

// Maximum a posteriori model on the samples `use` (indices), by full-batch
// Adam. Thresholds are theta_0 and log gaps, so they stay ordered.
Model Train(const Design& d, const std::vector<FeatureSample>& samples, const std::vector<int>& use, int levels,
            double l2, const ClaimFeatureOptions& o) {
  const std::size_t nf = d.names.size();
  const int nt = levels - 1;
  // Start: thresholds at the label frequencies, shifted by the mean offset.
  std::vector<double> freq(levels, 0);
  double mean_offset = 0;
  for (int i : use) {
    freq[samples[i].label] += 1;
    mean_offset += samples[i].offset;
  }
  const double n = static_cast<double>(use.size());
  mean_offset /= n;
  std::vector<double> theta(nt);
  double cum = 0;
  for (int k = 0; k < nt; ++k) {
    cum += freq[k];
    const double share = std::clamp((cum + 0.5) / (n + 1), 1e-3, 1 - 1e-3);
    theta[k] = std::log(share / (1 - share)) + mean_offset;
    if (k > 0) theta[k] = std::max(theta[k], theta[k - 1] + 1e-3);
  }
  // Parameters: w (nf), theta_0, log gaps (nt - 1).
  std::vector<double> x(nf + nt, 0);
  x[nf] = theta[0];
  for (int k = 1; k < nt; ++k) x[nf + k] = std::log(theta[k] - theta[k - 1]);
  std::vector<double> m(x.size(), 0), v(x.size(), 0), g(x.size());
  std::vector<double> dtheta(nt);
  const double b1 = 0.9, b2 = 0.999, eps = 1e-8;
  for (int step = 1; step <= o.steps; ++step) {
    theta[0] = x[nf];
    for (int k = 1; k < nt; ++k) theta[k] = theta[k - 1] + std::exp(x[nf + k]);
    std::fill(g.begin(), g.end(), 0);
    std::fill(dtheta.begin(), dtheta.end(), 0);
    for (int i : use) {
      double eta = samples[i].offset;
      for (const auto& [f, val] : d.rows[i]) eta += x[f] * val;
      const Term t = OrdinalTerm(theta, samples[i].label, eta);
      // Gradient of the negative mean log-likelihood.
      for (const auto& [f, val] : d.rows[i]) g[f] -= t.d_eta * val / n;
      if (samples[i].label < nt) dtheta[samples[i].label] -= t.d_upper / n;
      if (samples[i].label > 0) dtheta[samples[i].label - 1] -= t.d_lower / n;
    }
    for (std::size_t f = 0; f < nf; ++f) g[f] += l2 * x[f] / n;
    // theta_k = x0 + sum_{j<=k, j>=1} exp(x_j): chain rule.
    double tail = 0;
    for (int k = nt - 1; k >= 1; --k) {
      tail += dtheta[k];
      g[nf + k] = tail * std::exp(x[nf + k]);
    }
    g[nf] = tail + dtheta[0];
    const double c1 = 1 - std::pow(b1, step), c2 = 1 - std::pow(b2, step);
    for (std::size_t j = 0; j < x.size(); ++j) {
      m[j] = b1 * m[j] + (1 - b1) * g[j];
      v[j] = b2 * v[j] + (1 - b2) * g[j] * g[j];
      x[j] -= o.learning_rate * (m[j] / c1) / (std::sqrt(v[j] / c2) + eps);
    }
  }
  Model model;
  model.w.assign(x.begin(), x.begin() + static_cast<std::ptrdiff_t>(nf));
  model.theta.resize(nt);
  model.theta[0] = x[nf];
  for (int k = 1; k < nt; ++k) model.theta[k] = model.theta[k - 1] + std::exp(x[nf + k]);
  return model;
}

double Eta(const Model& model, const Design& d, const FeatureSample& s, std::size_t i) {
  double eta = s.offset;
  for (const auto& [f, val] : d.rows[i]) eta += model.w[f] * val;
  return eta;
}

}  // namespace

ClaimFeatureFit FitClaimFeatures(const std::vector<FeatureSample>& samples, int levels,
                                 const ClaimFeatureOptions& options) {
  assert(levels >= 2);
  const int mid = levels / 2 - 1;
  ClaimFeatureFit result;
  const int folds = std::max(2, options.folds);
  const std::size_t n = samples.size();
  if (n < static_cast<std::size_t>(folds) || options.l2_grid.empty()) {
    result.weights["intercept"] = 0;
    result.out_of_fold_log_odds.resize(n);
    for (std::size_t i = 0; i < n; ++i) result.out_of_fold_log_odds[i] = samples[i].offset;
    return result;
  }
  const Design d = BuildDesign(samples, options.min_count);
  double best_ll = -std::numeric_limits<double>::infinity();
  for (double l2 : options.l2_grid) {
    std::vector<double> oof(n);
    double ll = 0;
    for (int fold = 0; fold < folds; ++fold) {
      std::vector<int> train, test;
      for (std::size_t i = 0; i < n; ++i) (static_cast<int>(i % folds) == fold ? test : train).push_back(static_cast<int>(i));
      const Model model = Train(d, samples, train, levels, l2, options);
      for (int i : test) {
        const double eta = Eta(model, d, samples[i], i);
        ll += OrdinalTerm(model.theta, samples[i].label, eta).log_p;
        oof[i] = eta - model.theta[mid];
      }
    }
    ll /= static_cast<double>(n);
    if (ll > best_ll) {
      best_ll = ll;
      result.l2 = l2;
      result.out_of_fold_log_odds = std::move(oof);
    }
  }
  result.out_of_fold_log_likelihood = best_ll;
  std::vector<int> all(n);
  for (std::size_t i = 0; i < n; ++i) all[i] = static_cast<int>(i);
  const Model model = Train(d, samples, all, levels, result.l2, options);
  for (std::size_t f = 0; f < d.names.size(); ++f) {
    if (model.w[f] != 0) result.weights[d.names[f]] = model.w[f];
  }
  result.weights["intercept"] = -model.theta[mid];
  result.thresholds = model.theta;
  return result;
}

}  // namespace credence::learn
