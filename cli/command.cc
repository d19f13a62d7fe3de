#include "cli/command.h"

#include <unistd.h>

#include <boost/program_options.hpp>
#include <fstream>
#include <iostream>

#include "core/report/escape.h"

namespace po = boost::program_options;

namespace credence::cli {

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case ErrorCode::kOk:
      return kExitOk;
    case ErrorCode::kInvalidInput:
    case ErrorCode::kNotFound:
    case ErrorCode::kUsage:
    case ErrorCode::kIncompatible:
      return kExitBadInput;
    case ErrorCode::kIo:
    case ErrorCode::kBusy:
    case ErrorCode::kInternal:
      return kExitInternal;
  }
  return kExitInternal;
}

int ReportError(std::string_view command, const Status& status) {
  std::string prefix = std::string(command) + ": error: ";
  for (const ErrorDetail& d : status.details()) {
    // Messages quote input (ids, values, file names): shown inert on a terminal.
    std::cerr << prefix << report::PlainText(d.ToString()) << "\n";
  }
  return ExitCodeFor(status);
}

Status ParseArgs(std::string_view command, std::string_view synopsis,
                 const po::options_description& own, const char* positional_name,
                 const Invocation& inv, po::variables_map* vm, bool* help_shown) {
  *help_shown = false;
  po::options_description all;
  all.add(own);
  all.add_options()("help,h", "show this help");
  po::positional_options_description pos;
  if (positional_name != nullptr) pos.add(positional_name, -1);
  try {
    po::store(po::command_line_parser(inv.args).options(all).positional(pos).run(), *vm);
    po::notify(*vm);
  } catch (const po::error& e) {
    return Status::Usage(std::string(e.what()) + " (see `credence " + std::string(command) +
                         " --help`)");
  }
  if (vm->count("help")) {
    std::cout << "usage: credence [--db FILE] [--quiet] " << command << " " << synopsis
              << "\n\n"
              << all << "\n";
    *help_shown = true;
  }
  return Status::Ok();
}

Status WriteFileAtomically(const std::filesystem::path& path,
                           const std::function<Status(std::ostream&)>& write) {
  // The process id keeps two concurrent writers of one path apart.
  std::filesystem::path tmp = path;
  tmp += ".tmp-" + std::to_string(getpid());
  std::error_code ec;
  {
    std::ofstream file(tmp, std::ios::binary | std::ios::trunc);
    Status status = file ? write(file) : Status::Io(path.string() + ": cannot open for writing");
    if (status.ok() && file) file.close();
    if (status.ok() && !file) status = Status::Io(path.string() + ": cannot write");
    if (!status.ok()) {
      file.close();
      std::filesystem::remove(tmp, ec);
      return status;
    }
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    return Status::Io(path.string() + ": cannot rename into place: " + ec.message());
  }
  return Status::Ok();
}

Status WriteFileAtomically(const std::filesystem::path& path, std::string_view contents) {
  return WriteFileAtomically(path, [&](std::ostream& out) {
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    return Status::Ok();
  });
}

bool ShowProgress(const GlobalOptions& global) {
  return !global.quiet && isatty(STDERR_FILENO) == 1;
}

Result<store::Store> OpenStore(const GlobalOptions& global, store::OpenMode mode) {
  store::Store::UpgradeNotice notice;
  if (!global.quiet) {
    notice = [&global](int from, int to) {
      std::cerr << "credence: upgrading the store " << global.db.string() << " from schema version "
                << from << " to " << to << " (once)" << std::endl;
    };
  }
  return store::Store::Open(global.db, mode, notice);
}

void ProgressLine::Show(std::string_view text) {
  if (!shown_) return;
  // Carriage return, then erase to the end of the line (ECMA-48 EL).
  std::cerr << "\r\033[K" << text << std::flush;
  dirty_ = true;
}

void ProgressLine::Clear() {
  if (!dirty_) return;
  std::cerr << "\r\033[K" << std::flush;
  dirty_ = false;
}

}  // namespace credence::cli
