// credence export: writes the store back as one case file.
#include <fcntl.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/command.h"
#include "core/report/claimreview.h"
#include "core/store/store.h"

namespace po = boost::program_options;

namespace credence::cli {
namespace {

// Writes through a temporary file beside `target`, flushed to disk, then
// renamed over it: a crash leaves either the old file or the whole new one.
Status ExportToFile(const store::Store& store, store::CaseEncoding encoding,
                    const std::filesystem::path& target) {
  std::filesystem::path tmp = target;
  tmp += ".tmp-" + std::to_string(getpid());
  Status s;
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Status::Io("cannot write " + tmp.string());
    s = store.ExportCase(encoding, out);
    out.close();
    if (s.ok() && !out) s = Status::Io("write error on " + tmp.string());
  }
  if (s.ok()) {
    int fd = ::open(tmp.c_str(), O_RDONLY);
    if (fd < 0 || ::fsync(fd) != 0) s = Status::Io("cannot flush " + tmp.string());
    if (fd >= 0) ::close(fd);
  }
  if (s.ok() && std::rename(tmp.c_str(), target.c_str()) != 0) {
    s = Status::Io("cannot rename " + tmp.string() + " to " + target.string());
  }
  if (!s.ok()) {
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
  }
  return s;
}

}  // namespace

int RunExport(const Invocation& inv) {
  const char* kCommand = "credence export";
  po::options_description own(
      "Writes every record of the store as one case file that re-imports to the same store.\n"
      "The output is canonical: records sorted by key, fields in a fixed order, so identical\n"
      "stores export byte-identical files.\n\n"
      "export options");
  own.add_options()
      ("format", po::value<std::string>(), "json or jsonl (default: from -o's extension, else jsonl),\n"
                                           "or claimreview: schema.org ClaimReview JSON-LD of a run")
      ("output,o", po::value<std::string>(), "write to FILE (atomically) instead of stdout")
      ("run", po::value<std::int64_t>(), "claimreview: the run (default: the latest)")
      ("author", po::value<std::string>(), "claimreview: the reviewing organization (default: credence)");
  po::variables_map vm;
  bool help = false;
  Status parsed = ParseArgs("export",
                            "[--format json|jsonl|claimreview] [--run ID] [--author NAME] [-o FILE]",
                            own, nullptr, inv, &vm, &help);
  if (!parsed.ok()) return ReportError(kCommand, parsed);
  if (help) return kExitOk;

  std::string format = "jsonl";
  if (vm.count("format")) {
    format = vm["format"].as<std::string>();
  } else if (vm.count("output") &&
             std::filesystem::path(vm["output"].as<std::string>()).extension() == ".json") {
    format = "json";
  }
  if (format == "claimreview") {
    report::ClaimReviewOptions options;
    if (vm.count("author")) options.author = vm["author"].as<std::string>();
    std::optional<std::int64_t> run_id;
    if (vm.count("run")) run_id = vm["run"].as<std::int64_t>();
    return RenderRun(
        kCommand, inv, run_id, /*claims=*/{},
        [&](const score::Run& run, const model::Case& records, std::ostream& out) {
          return report::WriteClaimReview(run, records, options, out);
        },
        vm.count("output") ? vm["output"].as<std::string>() : std::string());
  }
  if (vm.count("run") || vm.count("author")) {
    return ReportError(kCommand, Status::Usage("--run and --author go with --format claimreview"));
  }
  if (format != "json" && format != "jsonl") {
    return ReportError(kCommand, Status::Usage("--format: expected json, jsonl or claimreview; "
                                               "got \"" + format + "\""));
  }
  auto encoding = format == "json" ? store::CaseEncoding::kJson : store::CaseEncoding::kJsonl;

  Result<store::Store> store = OpenStore(inv.global, store::OpenMode::kMustExist);
  if (!store.ok()) return ReportError(kCommand, store.status());
  Status s = vm.count("output")
                 ? ExportToFile(*store, encoding, vm["output"].as<std::string>())
                 : store->ExportCase(encoding, std::cout);
  if (!s.ok()) return ReportError(kCommand, s);
  return kExitOk;
}

}  // namespace credence::cli
