// Report rendering throughput (docs/reports.md, "Speed"): a scored random
// case of N claims (core/ingest RandomCase, default rules, verdicts assigned)
// rendered as text, Markdown and JSON into memory.
//   build/bench/report_bench
// Items are claims; bytes are the report's size.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <map>
#include <sstream>

#include "core/ingest/synthetic_case.h"
#include "core/report/report.h"
#include "core/report/verdict.h"
#include "core/score/score.h"
#include "rules/rule_set.h"

namespace credence {
namespace {

struct Scored {
  model::Case records;
  score::Run run;
};

const Scored& ScoredCase(int claims) {
  static std::map<int, Scored> cache;  // built once per size, outside the timing
  auto it = cache.find(claims);
  if (it != cache.end()) return it->second;
  Scored s;
  s.records = ingest::RandomCase(/*seed=*/claims, claims);
  for (model::Claim& c : s.records.claims) c.label.reset();
  Result<rules::RuleSet> rules = rules::DefaultRuleSet();
  Result<score::Run> run = score::Score(s.records, *rules, score::ScoreParams{});
  if (!run.ok()) std::abort();
  s.run = std::move(*run);
  report::AssignVerdicts(s.run, nullptr);
  return cache.emplace(claims, std::move(s)).first->second;
}

void BM_Report(benchmark::State& state, report::ReportFormat format) {
  const Scored& s = ScoredCase(static_cast<int>(state.range(0)));
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::ostringstream out;
    if (!report::WriteReport(s.run, s.records, format, {}, out).ok()) std::abort();
    bytes = out.str().size();
    benchmark::DoNotOptimize(bytes);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(s.run.claims.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
}

BENCHMARK_CAPTURE(BM_Report, text, report::ReportFormat::kText)->Arg(1000)->Arg(10000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Report, md, report::ReportFormat::kMarkdown)->Arg(1000)->Arg(10000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Report, json, report::ReportFormat::kJson)->Arg(1000)->Arg(10000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Report, html, report::ReportFormat::kHtml)->Arg(1000)->Arg(10000)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace credence

BENCHMARK_MAIN();
