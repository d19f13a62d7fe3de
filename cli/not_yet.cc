// Subcommands whose stage is not built yet answer so plainly (exit 3), rather
// than pretending. Each moves to its own file when its stage lands.
#include "cli/command.h"

namespace credence::cli {
namespace {
int NotYet(const char* command) {
  return ReportError(std::string("credence ") + command,
                     Status::Internal("not yet implemented in this build"));
}
}  // namespace

int RunImport(const Invocation&) { return NotYet("import"); }
int RunExport(const Invocation&) { return NotYet("export"); }
int RunScore(const Invocation&) { return NotYet("score"); }
int RunExplain(const Invocation&) { return NotYet("explain"); }
int RunReport(const Invocation&) { return NotYet("report"); }
int RunLearn(const Invocation&) { return NotYet("learn"); }
int RunEval(const Invocation&) { return NotYet("eval"); }

}  // namespace credence::cli
