// credence report [--format text|md|json|html] [--claim ID...] [--run ID]
// [-o FILE]: the report of a run (the latest by default).
#include <boost/program_options.hpp>
#include <iostream>
#include <set>
#include <sstream>

#include "cli/command.h"
#include "core/eval/evaluation_json.h"
#include "core/report/report.h"
#include "core/store/store.h"

namespace po = boost::program_options;

namespace credence::cli {

int RenderRun(std::string_view command, const Invocation& inv,
              std::optional<std::int64_t> run_id, const std::vector<std::string>& claims,
              const RunRenderer& render, const std::filesystem::path& out_file) {
  return RenderRun(
      command, inv, run_id, claims,
      EvaluatedRunRenderer([&](const score::Run& run, const model::Case& records,
                               const eval::Metrics*, std::ostream& out) {
        return render(run, records, out);
      }),
      out_file);
}

int RenderRun(std::string_view command, const Invocation& inv,
              std::optional<std::int64_t> run_id, const std::vector<std::string>& claims,
              const EvaluatedRunRenderer& render, const std::filesystem::path& out_file) {
  Result<store::Store> store = OpenStore(inv.global, store::OpenMode::kMustExist);
  if (!store.ok()) return ReportError(command, store.status());
  Result<model::Case> records = claims.empty() ? store->LoadCase() : store->LoadCaseOf(claims);
  if (!records.ok()) return ReportError(command, records.status());
  // With claims, only the ratings of the sources the records name: the
  // report shows no other.
  const std::set<std::string> wanted(claims.begin(), claims.end());
  std::set<std::string> sources;
  if (!claims.empty()) {
    for (const model::Source& s : records->sources) sources.insert(s.id);
  }
  Result<score::Run> run =
      claims.empty() ? store->LoadRun(run_id) : store->LoadRunOf(run_id, &wanted, &sources);
  if (!run.ok()) return ReportError(command, run.status());
  Result<std::optional<store::StoredEvaluation>> stored = store->LoadEvaluation(run->info.id);
  if (!stored.ok()) return ReportError(command, stored.status());
  std::optional<eval::Metrics> evaluation;
  if (*stored) {
    Result<eval::Metrics> m = eval::EvaluationFromJson(
        (*stored)->json, "evaluation of run " + std::to_string(run->info.id));
    if (!m.ok()) return ReportError(command, m.status());
    evaluation = std::move(*m);
  }

  // Rendered whole first: a bad claim id leaves stdout and the file untouched.
  std::ostringstream text;
  const Status rendered = render(*run, *records, evaluation ? &*evaluation : nullptr, text);
  if (!rendered.ok()) return ReportError(command, rendered);
  if (!out_file.empty()) {
    const Status saved = WriteFileAtomically(out_file, text.str());
    return saved.ok() ? kExitOk : ReportError(command, saved);
  }
  std::cout << text.str() << std::flush;
  if (!std::cout) return ReportError(command, Status::Io("cannot write to stdout"));
  return kExitOk;
}

int RunReport(const Invocation& inv) {
  constexpr std::string_view kCommand = "credence report";
  po::options_description own("report options");
  std::string format_name = "text";
  std::string out_file;
  report::ReportOptions options;
  own.add_options()("format", po::value(&format_name)->default_value("text"),
                    "text, md, json or html")(
      "claim", po::value(&options.claims)->multitoken(), "only these claims (ids)")(
      "run", po::value<std::int64_t>(), "the run (default: the latest)")(
      "out,o", po::value(&out_file), "write to FILE (replaced whole) instead of stdout");
  po::variables_map vm;
  bool help = false;
  const Status parsed = ParseArgs(
      "report", "[--format text|md|json|html] [--claim ID...] [--run ID] [-o FILE]", own,
      nullptr, inv, &vm, &help);
  if (!parsed.ok()) return ReportError(kCommand, parsed);
  if (help) return kExitOk;

  const std::optional<report::ReportFormat> format = report::ParseReportFormat(format_name);
  if (!format) {
    return ReportError(kCommand, Status::Usage("--format: expected one of text, md, json, html; "
                                               "got \"" + format_name + "\""));
  }
  std::optional<std::int64_t> run_id;
  if (vm.count("run")) run_id = vm["run"].as<std::int64_t>();
  return RenderRun(
      kCommand, inv, run_id, options.claims,
      EvaluatedRunRenderer([&](const score::Run& run, const model::Case& records,
                               const eval::Metrics* evaluation, std::ostream& out) {
        options.evaluation = evaluation;
        return report::WriteReport(run, records, *format, options, out);
      }),
      out_file);
}

}  // namespace credence::cli
