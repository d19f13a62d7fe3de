// Scoring throughput and peak memory on generated cases of 10k to 10M links
// (docs/performance.md, "Scoring"). Run:
//   build/bench/score_bench --benchmark_filter=BM_Score
// Each case: sources of mixed kinds, claims in exclusive groups of three
// (rival values, as in the truth-discovery data), ten links per claim, a
// third of them relays. Deterministic for a given size.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <random>

#include "core/score/score.h"

namespace credence {
namespace {

model::Case MakeCase(std::int64_t links) {
  std::mt19937_64 rng(links);
  model::Case c;
  const std::int64_t claims = std::max<std::int64_t>(3, links / 10);
  const std::int64_t sources = std::max<std::int64_t>(20, links / 100);
  static constexpr model::SourceKind kKinds[] = {model::SourceKind::kNewsOutlet, model::SourceKind::kBlog,
                                                 model::SourceKind::kOfficial, model::SourceKind::kWireService};
  for (std::int64_t s = 0; s < sources; ++s) {
    model::Source src{"s" + std::to_string(s), "Source " + std::to_string(s), kKinds[rng() % 4], {}, std::nullopt};
    if (rng() % 4 == 0) src.track_record = model::TrackRecord{static_cast<std::int64_t>(rng() % 50),
                                                              static_cast<std::int64_t>(rng() % 20), 0};
    c.sources.push_back(std::move(src));
  }
  for (std::int64_t i = 0; i < claims; ++i) {
    c.claims.push_back({"c" + std::to_string(i), "claim", std::nullopt, std::nullopt, std::nullopt,
                        std::nullopt, {}, std::nullopt});
  }
  for (std::int64_t i = 0; i + 2 < claims; i += 3) {
    c.relations.push_back({model::RelationKind::kExclusive,
                           {"c" + std::to_string(i), "c" + std::to_string(i + 1), "c" + std::to_string(i + 2)}});
  }
  c.links.reserve(links);
  for (std::int64_t l = 0; l < links; ++l) {
    model::Link link;
    std::int64_t claim = l / 10;
    if (claim >= claims) claim = rng() % claims;
    link.claim = "c" + std::to_string(claim);
    link.source = "s" + std::to_string((l * 7919 + claim) % sources);
    link.stance = rng() % 5 == 0 ? model::Stance::kRefutes : model::Stance::kSupports;
    link.mode = model::LinkMode::kFirsthand;
    if (l % 10 >= 7) {  // relays of the claim's first link
      link.mode = model::LinkMode::kRelays;
      link.via = {"s" + std::to_string(((l - l % 10) * 7919 + claim) % sources)};
    }
    c.links.push_back(std::move(link));
  }
  // A source may appear twice on one claim by the modular pattern; keep the first.
  std::sort(c.links.begin(), c.links.end(),
            [](const model::Link& a, const model::Link& b) { return a.Key() < b.Key(); });
  c.links.erase(std::unique(c.links.begin(), c.links.end(),
                            [](const model::Link& a, const model::Link& b) {
                              return a.source == b.source && a.claim == b.claim;
                            }),
                c.links.end());
  return c;
}

double PeakRssMiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

void BM_Score(benchmark::State& state) {
  const model::Case c = MakeCase(state.range(0));
  const rules::RuleSet rules = *rules::DefaultRuleSet();
  for (auto _ : state) {
    Result<score::Run> run = score::Score(c, rules, {});
    if (!run.ok()) state.SkipWithError(run.status().ToString().c_str());
    benchmark::DoNotOptimize(run);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(c.links.size()));
  state.counters["links"] = static_cast<double>(c.links.size());
  state.counters["peak_rss_MiB"] = PeakRssMiB();
}
BENCHMARK(BM_Score)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace credence

BENCHMARK_MAIN();
