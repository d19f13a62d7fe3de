// Truth discovery: time per EM iteration against data size (it should grow
// linearly), and the whole fit and copy detection on the largest shared data
// sets when ../shared/datasets is present (CREDENCE_SHARED_DIR, else the
// folder beside the repository). docs/learning.md quotes these figures.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>

#include "core/learn/copy_detection.h"
#include "core/learn/synthetic_case.h"
#include "core/learn/truth_discovery.h"
#include "datasets/dataset.h"

namespace credence::learn {
namespace {

SyntheticSpec Spec(int items) {
  SyntheticSpec spec;
  for (int s = 0; s < 16; ++s) spec.reliabilities.push_back(0.55 + 0.025 * s);
  spec.copiers = {{0, 0.9}, {1, 0.8}};
  spec.items = items;
  spec.coverage = 0.5;
  return spec;
}

// One E-step plus one M-step; items processed = links.
void BM_EmIteration(benchmark::State& state) {
  const model::Case c = MakeSyntheticCase(Spec(static_cast<int>(state.range(0))));
  const TruthProblem t = BuildTruthProblem(c);
  EmState s;
  s.reliability.assign(t.source_ids.size(), 0.8);
  s.copy_weight.assign(t.source_ids.size(), 1);
  const TruthDiscoveryOptions options;
  for (auto _ : state) {
    EStep(t, options, s);
    MStep(t, options, s);
    benchmark::DoNotOptimize(s.reliability.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(t.link_source.size()));
  state.counters["links"] = static_cast<double>(t.link_source.size());
}
BENCHMARK(BM_EmIteration)->RangeMultiplier(4)->Range(1 << 10, 1 << 18)->Unit(benchmark::kMillisecond);

std::filesystem::path SharedDatasets() {
  if (const char* env = std::getenv("CREDENCE_SHARED_DIR"); env != nullptr && *env != '\0') {
    return std::filesystem::path(env) / "datasets";
  }
  return std::filesystem::path(CREDENCE_SOURCE_DIR) / ".." / "shared" / "datasets";
}

// Loads a shared data set once per benchmark run; skips when absent.
bool LoadShared(benchmark::State& state, datasets::DatasetName name, const char* file, model::Case* out) {
  const std::filesystem::path path = SharedDatasets() / file;
  if (!std::filesystem::exists(path)) {
    state.SkipWithError(("absent: " + path.string()).c_str());
    return false;
  }
  datasets::CaseSink sink;
  std::vector<std::filesystem::path> inputs{path};
  auto stats = datasets::Convert(name, inputs, std::nullopt, sink);
  if (!stats.ok()) {
    state.SkipWithError(stats.status().ToString().c_str());
    return false;
  }
  *out = std::move(sink.value());
  return true;
}

// The whole fit (problem build, EM, copy detection) on Weather: 365,890
// statements, 137,114 claims.
void BM_FitWeather(benchmark::State& state) {
  model::Case c;
  if (!LoadShared(state, datasets::DatasetName::kWeather, "weather/weather_claims.csv.gz", &c)) return;
  for (auto _ : state) {
    TruthDiscoveryResult r = FitTruthDiscovery(c, TruthDiscoveryOptions{});
    state.counters["iterations"] = r.iterations;
    benchmark::DoNotOptimize(r.p.data());
  }
  state.counters["claims"] = static_cast<double>(c.claims.size());
}
BENCHMARK(BM_FitWeather)->Unit(benchmark::kSecond)->Iterations(1);

// One copy-detection pass on Population (2,518 sources once the anonymous
// edits are one source) after the EM.
void BM_CopyDetectionPopulation(benchmark::State& state) {
  model::Case c;
  if (!LoadShared(state, datasets::DatasetName::kPopulation, "population/population_claims.csv.gz", &c)) return;
  const TruthProblem t = BuildTruthProblem(c);
  EmState s;
  s.reliability.assign(t.source_ids.size(), 0.8);
  s.copy_weight.assign(t.source_ids.size(), 1);
  RunEm(t, TruthDiscoveryOptions{}, s, nullptr);
  std::int64_t pairs = 0;
  for (auto _ : state) {
    CopyDetectionResult r = DetectCopying(t, s, CopyDetectionOptions{});
    pairs = r.candidate_pairs;
    benchmark::DoNotOptimize(r.copy_weight.data());
  }
  state.counters["candidate_pairs"] = static_cast<double>(pairs);
  state.counters["all_pairs"] = static_cast<double>(t.source_ids.size()) * (t.source_ids.size() - 1) / 2;
}
BENCHMARK(BM_CopyDetectionPopulation)->Unit(benchmark::kMillisecond);

// The whole fit on Population, copy detection included.
void BM_FitPopulation(benchmark::State& state) {
  model::Case c;
  if (!LoadShared(state, datasets::DatasetName::kPopulation, "population/population_claims.csv.gz", &c)) return;
  for (auto _ : state) {
    TruthDiscoveryResult r = FitTruthDiscovery(c, TruthDiscoveryOptions{});
    benchmark::DoNotOptimize(r.p.data());
  }
}
BENCHMARK(BM_FitPopulation)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace
}  // namespace credence::learn

BENCHMARK_MAIN();
