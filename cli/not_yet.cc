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

int RunLearn(const Invocation&) { return NotYet("learn"); }
int RunEval(const Invocation&) { return NotYet("eval"); }

}  // namespace credence::cli
