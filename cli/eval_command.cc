// credence eval [--run ID] [--json] [--baseline FILE] [--plot FILE.svg] [--gold-items FILE]
#include <algorithm>
#include <boost/program_options.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/command.h"
#include "core/eval/baseline.h"
#include "core/eval/metrics.h"
#include "core/eval/evaluation_json.h"
#include "core/report/escape.h"
#include "core/report/reliability_diagram.h"
#include "core/store/store.h"

namespace po = boost::program_options;

namespace credence::cli {
namespace {

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int RunEval(const Invocation& inv) {
  const char* kCommand = "credence eval";
  po::options_description own("eval options");
  own.add_options()
      ("run", po::value<std::int64_t>(), "the run to evaluate (default: the latest)")
      ("json", "print {\"metrics\": {...}} instead of text")
      ("baseline", po::value<std::string>(), "exit 1 when a metric is worse than this file's")
      ("plot", po::value<std::string>(), "write a reliability diagram (SVG) here")
      ("gold-items", po::value<std::string>(), "gold items file of a truth-discovery set (unclaimed items count wrong)");
  po::variables_map vm;
  bool help = false;
  Status parsed = ParseArgs("eval", "[--run ID] [--json] [--baseline FILE] [--plot FILE.svg] [--gold-items FILE]",
                            own, nullptr, inv, &vm, &help);
  if (!parsed.ok()) return ReportError(kCommand, parsed);
  if (help) return kExitOk;

  std::optional<eval::GoldItems> gold;
  if (vm.count("gold-items")) {
    const std::string path = vm["gold-items"].as<std::string>();
    Result<std::string> text = ReadFile(path);
    if (!text.ok()) return ReportError(kCommand, text.status());
    Result<eval::GoldItems> g = eval::GoldItemsFromText(*text, path);
    if (!g.ok()) return ReportError(kCommand, g.status());
    gold = std::move(*g);
  }
  std::vector<std::pair<std::string, double>> baseline;
  if (vm.count("baseline")) {
    const std::string path = vm["baseline"].as<std::string>();
    Result<std::string> text = ReadFile(path);
    if (!text.ok()) return ReportError(kCommand, text.status());
    auto b = eval::ParseBaseline(*text, path);
    if (!b.ok()) return ReportError(kCommand, b.status());
    baseline = std::move(*b);
  }

  Result<store::Store> store = OpenStore(inv.global, store::OpenMode::kMustExist);
  if (!store.ok()) return ReportError(kCommand, store.status());
  std::optional<std::int64_t> run_id;
  if (vm.count("run")) run_id = vm["run"].as<std::int64_t>();
  Result<score::Run> run = store->LoadRun(run_id);
  if (!run.ok()) return ReportError(kCommand, run.status());
  Result<model::Case> records = store->LoadCase();
  if (!records.ok()) return ReportError(kCommand, records.status());

  if (!gold && !inv.global.quiet &&
      std::any_of(records->relations.begin(), records->relations.end(),
                  [](const model::Relation& r) { return r.kind == model::RelationKind::kExclusive; })) {
    std::cerr << "credence eval: note: no --gold-items file: gold items without any claim are not counted\n";
  }
  std::vector<eval::Prediction> predictions;
  predictions.reserve(run->claims.size());
  for (const score::ClaimScore& c : run->claims) {
    eval::Prediction p;
    p.claim_id = c.claim_id;
    p.p = c.p;
    if (!c.verdict.politifact.empty()) {
      if (std::optional<int> k = eval::Liar6Index("\"" + c.verdict.politifact + "\"")) p.liar6 = *k;
    }
    predictions.push_back(std::move(p));
  }
  std::sort(predictions.begin(), predictions.end());
  Result<eval::Metrics> metrics = eval::Evaluate(*records, predictions, gold ? &*gold : nullptr);
  if (!metrics.ok()) return ReportError(kCommand, metrics.status());
  if (metrics->outcomes == 0 && metrics->items == 0) {
    return ReportError(kCommand, Status::InvalidInput("the store has no labeled claims to evaluate"));
  }

  if (vm.count("json")) {
    std::cout << eval::MetricsToJson(*metrics);
  } else {
    std::cout << "run " << run->info.id << (run->info.fit ? ", fit " + report::PlainText(*run->info.fit) : std::string(", no fit"))
              << "\n";
    if (metrics->accuracy) {
      std::cout << "accuracy      " << eval::FormatMetric(*metrics->accuracy) << "  (" << metrics->items_correct
                << " of " << metrics->items << " items)\n";
    }
    for (const auto& [name, value] : eval::MetricList(*metrics)) {
      if (name == "accuracy") continue;
      std::cout << name << std::string(14 - std::min<std::size_t>(13, name.size()), ' ') << eval::FormatMetric(value)
                << "\n";
    }
    std::cout << "(" << metrics->outcomes << " labeled claims; ECE over 10 equal-width bins)\n";
  }
  if (vm.count("plot")) {
    const std::string path = vm["plot"].as<std::string>();
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << report::ReliabilityDiagramSvg(*metrics, "Reliability diagram, run " + std::to_string(run->info.id) +
                                                     (run->info.fit ? " (fit " + *run->info.fit + ")" : ""));
    if (!out) return ReportError(kCommand, Status::Io(path + ": cannot write the plot"));
  }
  // Kept with the run (the latest evaluation wins), for the HTML report.
  const Status saved = store->SaveEvaluation({run->info.id, "", eval::EvaluationToJson(*metrics)});
  if (!saved.ok()) return ReportError(kCommand, saved);
  if (!baseline.empty()) {
    std::vector<std::string> worse = eval::CompareWithBaseline(*metrics, baseline);
    for (const std::string& w : worse) std::cerr << "credence eval: below baseline: " << w << "\n";
    if (!worse.empty()) return kExitFailureFound;
  }
  return kExitOk;
}

}  // namespace credence::cli
