// Synthetic truth-discovery cases with known source reliabilities and planted
// copiers: what the learn tests check recovery on and bench/learn_bench.cc
// times. Deterministic for a given spec (seeded std::mt19937_64, raw output).
#ifndef CREDENCE_CORE_LEARN_SYNTHETIC_CASE_H_
#define CREDENCE_CORE_LEARN_SYNTHETIC_CASE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/model/case.h"

namespace credence::learn {

struct Copier {
  int original = 0;     // index into reliabilities
  double rate = 0.9;    // share of the original's items it copies
};

struct SyntheticSpec {
  std::vector<double> reliabilities;  // independent sources s0, s1, ...
  std::vector<Copier> copiers;        // extra sources c0, c1, ...
  int items = 1000;
  int values = 5;       // candidate values per item; value 0 is true
  double coverage = 0.6;
  std::uint64_t seed = 7;
};

// Claims "iN.vK" (K = 0 true, labeled), an exclusive relation per item with
// >= 2 observed values, supports links. A false assertion picks a false
// value uniformly; a copier repeats its original's value on `rate` of the
// original's items and says nothing elsewhere.
model::Case MakeSyntheticCase(const SyntheticSpec& spec);

}  // namespace credence::learn

#endif  // CREDENCE_CORE_LEARN_SYNTHETIC_CASE_H_
