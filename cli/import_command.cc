// credence import: validates case files and loads them into the store.
#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "core/store/store.h"

namespace po = boost::program_options;

namespace credence::cli {

namespace {

// Imports `files` in turn into `store`; sets `imported` when one went in.
// Errors are printed as `command`'s.
int ImportFiles(const char* command, const std::vector<std::string>& files, const store::ImportOptions& options_in,
                const Invocation& inv, store::Store& store, bool* imported) {
  store::ImportOptions options = options_in;
  ProgressLine progress(inv.global);
  int exit_code = kExitOk;
  for (const std::string& file : files) {
    if (progress.enabled()) {
      options.progress = [&](std::string_view phase, std::int64_t bytes, std::int64_t total) {
        progress.Show(file + ": " + std::string(phase) + " " + std::to_string(bytes / 1'000'000) +
                      (total > 0 ? " of " + std::to_string(total / 1'000'000) : "") + " MB");
      };
    }
    Result<store::ImportStats> stats = store.ImportCaseFile(file, options);
    progress.Clear();
    if (!stats.ok()) {
      int code = ReportError(command, stats.status());
      if (code != kExitBadInput) return code;  // I/O, busy: later files would fare no better
      exit_code = kExitBadInput;
      continue;
    }
    *imported = true;
    std::cout << file << ": " << stats->records_read << " records: " << stats->records_added
              << " added, " << stats->records_unchanged << " unchanged, "
              << stats->records_replaced << " replaced\n";
  }
  return exit_code;
}

}  // namespace

int RunImport(const Invocation& inv) {
  const char* kCommand = "credence import";
  po::options_description own(
      "Validates each case file (.json, .jsonl, - for JSONL on stdin) and loads it into the\n"
      "store (created if missing). Each file is its own transaction: a file with any error\n"
      "changes nothing, and every error of it (up to 50) is printed as\n"
      "  credence import: error: FILE:LINE [ID] /POINTER: what was expected\n"
      "With several files, files before a rejected one stay imported and later files are\n"
      "still tried; the exit code is then 2. A store this command created is removed again\n"
      "when none of the files went in. Re-importing identical records changes nothing;\n"
      "a record that redefines a stored one is an error unless --replace is given.\n\n"
      "import options");
  own.add_options()
      ("replace", "replace stored records that a file redefines, instead of rejecting the file")
      ("file", po::value<std::vector<std::string>>(), "case file (positional, one or more)");
  po::variables_map vm;
  bool help = false;
  Status parsed = ParseArgs("import", "FILE... [--replace]", own, "file", inv, &vm, &help);
  if (!parsed.ok()) return ReportError(kCommand, parsed);
  if (help) return kExitOk;
  if (!vm.count("file")) {
    return ReportError(kCommand, Status::Usage("expected at least one FILE (see `credence "
                                               "import --help`)"));
  }
  store::ImportOptions options;
  options.replace = vm.count("replace") > 0;

  // A store this command creates is removed again when no file goes into it:
  // a rejected file leaves no trace, not even an empty store.
  std::error_code ec;
  const bool existed = std::filesystem::exists(inv.global.db, ec) || ec;
  Result<store::Store> store = OpenStore(inv.global, store::OpenMode::kCreateIfMissing);
  if (!store.ok()) return ReportError(kCommand, store.status());
  bool imported = false;
  int exit_code = ImportFiles(kCommand, vm["file"].as<std::vector<std::string>>(), options, inv, *store, &imported);
  if (!existed && !imported) {
    // Records are counted too, in case another process imported meanwhile.
    Result<store::RecordCounts> counts = store->CountRecords();
    if (!counts.ok() || counts->claims + counts->links + counts->evidence != 0) return exit_code;
    { store::Store close = std::move(store.value()); }
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::path path = inv.global.db;
      path += suffix;
      std::filesystem::remove(path, ec);
    }
  }
  return exit_code;
}

}  // namespace credence::cli
