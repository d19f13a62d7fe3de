// credence export: writes the store back as one case file.
#include <fcntl.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/command.h"
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
      ("format", po::value<std::string>(), "json or jsonl (default: from -o's extension, else jsonl)")
      ("output,o", po::value<std::string>(), "write to FILE (atomically) instead of stdout");
  po::variables_map vm;
  bool help = false;
  Status parsed =
      ParseArgs("export", "[--format json|jsonl] [-o FILE]", own, nullptr, inv, &vm, &help);
  if (!parsed.ok()) return ReportError(kCommand, parsed);
  if (help) return kExitOk;

  std::string format = "jsonl";
  if (vm.count("format")) {
    format = vm["format"].as<std::string>();
  } else if (vm.count("output") &&
             std::filesystem::path(vm["output"].as<std::string>()).extension() == ".json") {
    format = "json";
  }
  if (format != "json" && format != "jsonl") {
    return ReportError(kCommand, Status::Usage("--format: expected json or jsonl; got \"" +
                                               format + "\""));
  }
  auto encoding = format == "json" ? store::CaseEncoding::kJson : store::CaseEncoding::kJsonl;

  Result<store::Store> store = store::Store::Open(inv.global.db, store::OpenMode::kMustExist);
  if (!store.ok()) return ReportError(kCommand, store.status());
  Status s = vm.count("output")
                 ? ExportToFile(*store, encoding, vm["output"].as<std::string>())
                 : store->ExportCase(encoding, std::cout);
  if (!s.ok()) return ReportError(kCommand, s);
  return kExitOk;
}

}  // namespace credence::cli
