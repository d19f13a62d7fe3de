// credence: scores how far to believe a claim, and explains why.
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <new>
#include <string_view>

#include "cli/command.h"

namespace credence::cli {
namespace {

struct CommandEntry {
  const char* name;
  int (*run)(const Invocation&);
  const char* summary;
};

constexpr CommandEntry kCommands[] = {
    {"import", RunImport, "validate and load case files (.json, .jsonl, - for stdin JSONL)"},
    {"export", RunExport, "write the store back as a case file"},
    {"score", RunScore, "score every claim and record a run"},
    {"explain", RunExplain, "the explanation of one claim, a line per contribution"},
    {"report", RunReport, "the report of a run (text, md, json, html)"},
    {"learn", RunLearn, "fit source reliabilities, rule weights and calibration"},
    {"eval", RunEval, "metrics on labeled claims against a run"},
    {"datasets", RunDatasets, "convert a labeled data set into case files"},
};

void PrintUsage(std::ostream& out) {
  out << "usage: credence [--db FILE] [--quiet] COMMAND [ARGS...]\n\n"
         "Scores how far to believe each claim of a store of cases, and why.\n\n"
         "commands:\n";
  for (const CommandEntry& c : kCommands) {
    out << "  " << c.name << std::string(10 - std::strlen(c.name), ' ') << c.summary << "\n";
  }
  out << "\nglobal options:\n"
         "  --db FILE   the store (default: $CREDENCE_DB, else ./credence.db)\n"
         "  --quiet     no progress on stderr\n"
         "  --version   print the engine version\n\n"
         "`credence COMMAND --help` describes one command.\n"
         "exit codes: 0 ok, 1 failure found (e.g. below baseline), 2 bad usage or input,\n"
         "3 internal or I/O error.\n";
}

int Main(int argc, char** argv) {
  Invocation inv;
  if (const char* env = std::getenv("CREDENCE_DB"); env != nullptr && *env != '\0') {
    inv.global.db = env;
  } else {
    inv.global.db = "credence.db";
  }
  const CommandEntry* command = nullptr;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    // Global options are taken before or after the command name.
    if (a == "--db" || a.starts_with("--db=")) {
      if (a == "--db") {
        if (i + 1 >= argc) return ReportError("credence", Status::Usage("--db needs a FILE"));
        inv.global.db = argv[++i];
      } else {
        inv.global.db = std::string(a.substr(5));
      }
    } else if (a == "--quiet" || a == "-q") {
      inv.global.quiet = true;
    } else if (command == nullptr && (a == "--version" || a == "-V")) {
      std::cout << "credence " << CREDENCE_VERSION << "\n";
      return kExitOk;
    } else if (command == nullptr && (a == "--help" || a == "-h" || a == "help")) {
      PrintUsage(std::cout);
      return kExitOk;
    } else if (command == nullptr) {
      for (const CommandEntry& c : kCommands) {
        if (a == c.name) command = &c;
      }
      if (command == nullptr) {
        PrintUsage(std::cerr);
        return ReportError("credence", Status::Usage("unknown command \"" + std::string(a) + "\""));
      }
    } else {
      inv.args.emplace_back(a);
    }
  }
  if (command == nullptr) {
    PrintUsage(std::cerr);
    return kExitBadInput;
  }
  return command->run(inv);
}

}  // namespace
}  // namespace credence::cli

int main(int argc, char** argv) {
  try {
    return credence::cli::Main(argc, argv);
  } catch (const std::bad_alloc&) {
    std::cerr << "credence: error: out of memory\n";
    return credence::cli::kExitInternal;
  }
}
