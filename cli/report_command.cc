// credence report [--format text|md|json|html] [--claim ID...] [--run ID]
// [-o FILE]: the report of a run (the latest by default).
#include <boost/program_options.hpp>
#include <iostream>
#include <sstream>

#include "cli/command.h"
#include "core/report/report.h"
#include "core/store/store.h"

namespace po = boost::program_options;

namespace credence::cli {

Status LoadRunAndCase(const GlobalOptions& global, std::optional<std::int64_t> run_id,
                      score::Run* run, model::Case* records) {
  Result<store::Store> store = store::Store::Open(global.db, store::OpenMode::kMustExist);
  if (!store.ok()) return store.status();
  Result<score::Run> loaded_run = store->LoadRun(run_id);
  if (!loaded_run.ok()) return loaded_run.status();
  Result<model::Case> loaded_case = store->LoadCase();
  if (!loaded_case.ok()) return loaded_case.status();
  *run = std::move(*loaded_run);
  *records = std::move(*loaded_case);
  return Status::Ok();
}

int RunReport(const Invocation& inv) {
  constexpr std::string_view kCommand = "credence report";
  po::options_description own("report options");
  std::string format_name = "text";
  report::ReportOptions options;
  own.add_options()("format", po::value(&format_name)->default_value("text"),
                    "text, md or json (html: not yet)")(
      "claim", po::value(&options.claims)->multitoken(), "only these claims (ids)")(
      "run", po::value<std::int64_t>(), "the run (default: the latest)")(
      "out,o", po::value<std::string>(), "write to FILE (replaced whole) instead of stdout");
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
  if (*format == report::ReportFormat::kHtml) {
    return ReportError(kCommand,
                       Status::Internal("--format html: not yet implemented in this build"));
  }

  score::Run run;
  model::Case records;
  std::optional<std::int64_t> run_id;
  if (vm.count("run")) run_id = vm["run"].as<std::int64_t>();
  const Status loaded = LoadRunAndCase(inv.global, run_id, &run, &records);
  if (!loaded.ok()) return ReportError(kCommand, loaded);

  // Rendered whole first: a bad claim id leaves stdout and FILE untouched.
  std::ostringstream text;
  const Status written = report::WriteReport(run, records, *format, options, text);
  if (!written.ok()) return ReportError(kCommand, written);
  if (vm.count("out")) {
    const Status saved = WriteFileAtomically(vm["out"].as<std::string>(), text.str());
    if (!saved.ok()) return ReportError(kCommand, saved);
    return kExitOk;
  }
  std::cout << text.str() << std::flush;
  if (!std::cout) return ReportError(kCommand, Status::Io("cannot write to stdout"));
  return kExitOk;
}

}  // namespace credence::cli
