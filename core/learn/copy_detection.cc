#include "core/learn/copy_detection.h"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <unordered_map>

#include "core/score/evidence_math.h"

namespace credence::learn {
namespace {

// A copier keeps a sliver of weight: a fit's copy_weight is in (0, 1].
constexpr double kMinCopyWeight = 0.01;

}  // namespace

CopyDetectionResult DetectCopying(const TruthProblem& t, const EmState& state, const CopyDetectionOptions& o) {
  const std::size_t sources = t.source_ids.size();
  CopyDetectionResult result;
  result.copy_weight.assign(sources, 1.0);

  // Inverted index: likely-false claim -> its supporters; count the pairs.
  // Few sources: a dense pair table; many: a hash map of the pairs seen.
  const bool dense = sources <= 2048;
  std::vector<std::int64_t> dense_counts(dense ? sources * sources : 0, 0);
  std::unordered_map<std::uint64_t, std::int64_t> shared_false;  // lookup only; sorted below
  std::vector<int> supporters;
  for (std::size_t c = 0; c < t.claim_ids.size(); ++c) {
    if (state.p[c] >= 0.5) continue;
    supporters.clear();
    for (int li = t.link_start[c]; li < t.link_start[c + 1]; ++li) {
      if (t.link_sign[li] > 0) supporters.push_back(t.link_source[li]);
    }
    if (supporters.size() < 2 || supporters.size() > static_cast<std::size_t>(o.max_supporters)) continue;
    for (std::size_t i = 0; i < supporters.size(); ++i) {
      for (std::size_t j = i + 1; j < supporters.size(); ++j) {
        const std::uint64_t key = static_cast<std::uint64_t>(supporters[i]) * sources + supporters[j];
        if (dense) {
          ++dense_counts[key];
        } else {
          ++shared_false[key];
        }
      }
    }
  }
  std::vector<std::pair<std::uint64_t, std::int64_t>> candidates;
  for (const auto& [key, n] : shared_false) {
    if (n >= o.min_shared_false) candidates.push_back({key, n});
  }
  for (std::size_t key = 0; key < dense_counts.size(); ++key) {
    if (dense_counts[key] >= o.min_shared_false) candidates.push_back({key, dense_counts[key]});
  }
  std::sort(candidates.begin(), candidates.end());
  result.candidate_pairs = static_cast<std::int64_t>(candidates.size());

  const double c = o.copy_rate;
  std::vector<double> log_false_cache;  // per rival count; 0 = not computed (a real value is > 0)
  for (const auto& [key, n_false] : candidates) {
    const int s = static_cast<int>(key / sources), u = static_cast<int>(key % sources);
    const double rs = score::ClampReliability(state.reliability[s]);
    const double ru = score::ClampReliability(state.reliability[u]);
    const double r = (rs + ru) / 2;
    const double pt = rs * ru;
    // The log ratios depend on the pair and on the item's rival count only:
    // computed once per pair (and per rival count met), not per item.
    const double log_true = std::log((r * c + pt * (1 - c)) / pt);
    const double log_different = std::log(1 - c);
    std::vector<double>& log_false = log_false_cache;
    log_false.assign(log_false.size(), 0);
    double log_lr = 0;
    std::int64_t same = 0;
    const int a_end = t.assert_start[s + 1], b_end = t.assert_start[u + 1];
    int i = t.assert_start[s], j = t.assert_start[u];
    // Merge by group: each common group is one observation.
    while (i < a_end && j < b_end) {
      const int ga = t.assert_group[i], gb = t.assert_group[j];
      if (ga < gb) {
        ++i;
      } else if (gb < ga) {
        ++j;
      } else {
        int i2 = i, j2 = j;
        while (i2 < a_end && t.assert_group[i2] == ga) ++i2;
        while (j2 < b_end && t.assert_group[j2] == ga) ++j2;
        int shared = -1;
        for (int x = i; x < i2 && shared < 0; ++x) {
          for (int y = j; y < j2; ++y) {
            if (t.assert_claim[x] == t.assert_claim[y]) {
              shared = t.assert_claim[x];
              break;
            }
          }
        }
        if (shared >= 0) {
          ++same;
          const double p = state.p[shared];
          const std::size_t n = static_cast<std::size_t>(std::lround(std::exp(t.log_rivals[shared])));
          if (n >= log_false.size()) log_false.resize(n + 1, 0);
          if (log_false[n] == 0) {
            const double pf = (1 - rs) * (1 - ru) / static_cast<double>(n);
            log_false[n] = std::log(((1 - r) * c + pf * (1 - c)) / pf);
          }
          log_lr += p * log_true + (1 - p) * log_false[n];
        } else {
          log_lr += log_different;
        }
        i = i2;
        j = j2;
      }
    }
    const double odds = o.prior_copy / (1 - o.prior_copy) * std::exp(std::min(log_lr, 700.0));
    const double posterior = odds / (1 + odds);
    if (!(posterior >= o.min_posterior)) continue;
    const double share_s = static_cast<double>(same) / static_cast<double>(a_end - t.assert_start[s]);
    const double share_u = static_cast<double>(same) / static_cast<double>(b_end - t.assert_start[u]);
    // The copier is the one whose assertions are more fully covered by the
    // other's; on a tie, the later source id (deterministic).
    const bool s_copies = share_s > share_u;
    CopyFinding f;
    f.copier = s_copies ? s : u;
    f.original = s_copies ? u : s;
    f.posterior = posterior;
    f.share = s_copies ? share_s : share_u;
    f.shared_false = n_false;
    result.copy_weight[f.copier] = std::min(result.copy_weight[f.copier], std::max(kMinCopyWeight, 1 - posterior * f.share));
    result.findings.push_back(f);
  }
  std::sort(result.findings.begin(), result.findings.end(), [](const CopyFinding& x, const CopyFinding& y) {
    return std::tie(x.copier, x.original) < std::tie(y.copier, y.original);
  });
  return result;
}

}  // namespace credence::learn
