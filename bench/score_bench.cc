// Scoring throughput and peak memory on generated cases of 10k to 10M links
// (docs/performance.md, "Scoring"). Run one size per process, so that the
// peak RSS is that size's:
//   build/bench/score_bench --benchmark_filter='BM_Score/10000000/2/'
// (the second argument is the number of threads)
// BM_ScoreOneClaim/<links> is the other extreme (docs/reliability.md,
// "Resource limits"): one claim with <links> links from as many sources,
// one link each, all supporting it as their originator.
// Each case: sources of mixed kinds (one per hundred links), claims in
// exclusive groups of three (rival values, as in the truth-discovery data),
// ten links per claim of which three relay the first, an eighth hedged.
// Deterministic for a given size.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <fstream>
#include <random>
#include <string>

#include "core/score/case_index.h"
#include "core/score/score.h"

namespace credence {
namespace {

// "s12", "c7": appended rather than `Id('s', n)`, which g++ 12
// at -O3 flags with a spurious -Wrestrict.
std::string Id(char prefix, std::int64_t n) {
  std::string id(1, prefix);
  id += std::to_string(n);
  return id;
}

// Built straight into the scorer's compact index (a model::Case of ten
// million links would itself take gigabytes).
score::CaseIndex MakeIndex(std::int64_t links) {
  std::mt19937_64 rng(static_cast<std::uint64_t>(links));
  score::CaseIndex index;
  const std::int64_t claims = std::max<std::int64_t>(3, links / 10);
  const std::int64_t sources = std::max<std::int64_t>(20, links / 100);
  static constexpr model::SourceKind kKinds[] = {model::SourceKind::kNewsOutlet, model::SourceKind::kBlog,
                                                 model::SourceKind::kOfficial, model::SourceKind::kWireService};
  for (std::int64_t s = 0; s < sources; ++s) {
    model::Source src{Id('s', s), "Source " + std::to_string(s), kKinds[rng() % 4], {}, std::nullopt};
    if (rng() % 4 == 0) {
      src.track_record = model::TrackRecord{static_cast<std::int64_t>(rng() % 50),
                                            static_cast<std::int64_t>(rng() % 20), 0};
    }
    if (rng() % 10 == 0) src.attributes["anonymous"] = "true";
    index.Add(std::move(src));
  }
  for (std::int64_t i = 0; i < claims; ++i) {
    index.Add(model::Claim{Id('c', i), "claim " + std::to_string(i), std::nullopt, std::nullopt,
                           std::nullopt, std::nullopt, {}, std::nullopt});
  }
  for (std::int64_t i = 0; i + 2 < claims; i += 3) {
    index.Add(model::Relation{model::RelationKind::kExclusive,
                              {Id('c', i), Id('c', i + 1), Id('c', i + 2)}});
  }
  // Ten links per claim from ten distinct sources; the last three relay the first.
  model::Link link;
  for (std::int64_t l = 0; l < links; ++l) {
    std::int64_t claim = l / 10, slot = l % 10;
    if (claim >= claims) break;
    link.claim = Id('c', claim);
    link.source = Id('s', (claim * 31 + slot * 7) % sources);
    link.stance = rng() % 5 == 0 ? model::Stance::kRefutes : model::Stance::kSupports;
    link.mode = slot >= 7 ? model::LinkMode::kRelays : model::LinkMode::kFirsthand;
    link.via.clear();
    if (slot >= 7) link.via.push_back(Id('s', (claim * 31) % sources));
    link.attributes.clear();
    if (rng() % 8 == 0) link.attributes["hedged"] = "true";
    index.Add(link);
  }
  Status finished = index.Finish();
  if (!finished.ok()) std::abort();
  return index;
}

// One claim "c" and `links` sources "s0".. of kind blog, each with one link
// to it (supports, originates): the case of scripts/limits, built the same
// way as MakeIndex.
score::CaseIndex MakeOneClaimIndex(std::int64_t links) {
  score::CaseIndex index;
  for (std::int64_t s = 0; s < links; ++s) {
    index.Add(model::Source{Id('s', s), "Source " + std::to_string(s), model::SourceKind::kBlog, {}, std::nullopt});
  }
  index.Add(model::Claim{"c", "one claim, many links", std::nullopt, std::nullopt, std::nullopt, std::nullopt, {},
                         std::nullopt});
  model::Link link;
  link.claim = "c";
  link.stance = model::Stance::kSupports;
  link.mode = model::LinkMode::kOriginates;
  for (std::int64_t s = 0; s < links; ++s) {
    link.source = Id('s', s);
    index.Add(link);
  }
  Status finished = index.Finish();
  if (!finished.ok()) std::abort();
  return index;
}

double PeakRssMiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

// The process's resident set now (VmRSS), in MiB; 0 where /proc is missing.
double RssMiB() {
  std::ifstream status("/proc/self/status");
  std::string word;
  while (status >> word) {
    if (word == "VmRSS:") {
      double kib = 0;
      status >> kib;
      return kib / 1024.0;
    }
  }
  return 0;
}

void RunScore(benchmark::State& state, bool sentences) {
  const score::CaseIndex index = MakeIndex(state.range(0));
  const rules::RuleSet rules = *rules::DefaultRuleSet();
  std::int64_t contributions = 0;
  for (auto _ : state) {
    // Each finished claim is dropped at once, as `credence score` hands it to
    // the store: peak memory is the index plus one component.
    score::ScoreParams params;
    params.sentences = sentences;
    params.threads = static_cast<int>(state.range(1));
    Result<score::Run> run = score::ScoreIndex(index, rules, params, [&](score::ClaimScore&& s) {
      contributions += static_cast<std::int64_t>(s.contributions.size());
      benchmark::DoNotOptimize(s.p);
      return Status::Ok();
    });
    if (!run.ok()) state.SkipWithError(run.status().ToString().c_str());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(index.link_count()));
  state.counters["links"] = static_cast<double>(index.link_count());
  state.counters["contributions"] = static_cast<double>(contributions);
  state.counters["peak_rss_MiB"] = PeakRssMiB();
}
// Every contribution with its sentence, as `credence score` stores them.
void BM_Score(benchmark::State& state) { RunScore(state, true); }
// Weights traced to rules, links and evidence, without sentences.
void BM_ScoreWeightsOnly(benchmark::State& state) { RunScore(state, false); }

// Scoring one claim with state.range(0) links, with sentences, on one
// thread. peak_rss_MiB is the whole process's peak (building the index
// included); index_MiB the resident set once the index is built;
// bytes_per_link the peak over the links; claim_MiB the size of the finished
// ClaimScore (its contributions and their strings, as allocated), which
// `credence score` hands to the store in one piece.
void BM_ScoreOneClaim(benchmark::State& state) {
  const score::CaseIndex index = MakeOneClaimIndex(state.range(0));
  const double index_mib = RssMiB();
  const rules::RuleSet rules = *rules::DefaultRuleSet();
  std::int64_t contributions = 0, lines = 0;
  double claim_bytes = 0;
  for (auto _ : state) {
    score::ScoreParams params;
    Result<score::Run> run = score::ScoreIndex(index, rules, params, [&](score::ClaimScore&& s) {
      contributions += static_cast<std::int64_t>(s.contributions.size());
      lines += s.lines;
      // Heap strings round up to malloc's 16-byte chunks with 8 bytes of header.
      auto heap = [](const std::string& t) {
        return t.size() < 16 ? 0.0 : static_cast<double>((t.size() + 1 + 8 + 15) / 16 * 16);
      };
      claim_bytes = static_cast<double>(s.contributions.capacity() * sizeof(score::Contribution));
      for (const score::Contribution& k : s.contributions) claim_bytes += heap(k.ref) + heap(k.text);
      benchmark::DoNotOptimize(s.p);
      return Status::Ok();
    });
    if (!run.ok()) state.SkipWithError(run.status().ToString().c_str());
  }
  const double peak = PeakRssMiB();
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(index.link_count()));
  state.counters["links"] = static_cast<double>(index.link_count());
  state.counters["lines"] = static_cast<double>(lines);
  state.counters["contributions"] = static_cast<double>(contributions);
  state.counters["peak_rss_MiB"] = peak;
  state.counters["index_MiB"] = index_mib;
  state.counters["claim_MiB"] = claim_bytes / (1024.0 * 1024.0);
  state.counters["bytes_per_link"] = peak * 1024.0 * 1024.0 / static_cast<double>(index.link_count());
}

// "CPU" is the whole process's CPU time while scoring (every worker's), so
// that on a shared machine the work done can be told from the wait for a core.
BENCHMARK(BM_Score)
    ->ArgsProduct({{10'000, 100'000, 1'000'000, 10'000'000}, {1, 2}})
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Iterations(1);
BENCHMARK(BM_ScoreWeightsOnly)
    ->ArgsProduct({{10'000, 100'000, 1'000'000, 10'000'000}, {1, 2}})
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Iterations(1);
BENCHMARK(BM_ScoreOneClaim)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Arg(10'000'000)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime()
    ->Iterations(1);

}  // namespace
}  // namespace credence

BENCHMARK_MAIN();
