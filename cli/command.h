// The subcommands of `credence` (../shared/spec/cli.md) and what they share:
// the global options, the exit codes, and how an error is printed. cli/ only
// parses arguments and wires stages together; the work is done in core/.
#ifndef CREDENCE_CLI_COMMAND_H_
#define CREDENCE_CLI_COMMAND_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "core/store/store.h"

namespace boost::program_options {
class options_description;
class variables_map;
}  // namespace boost::program_options

namespace credence::model {
struct Case;
}  // namespace credence::model
namespace credence::score {
struct Run;
}  // namespace credence::score
namespace credence::eval {
struct Metrics;
}  // namespace credence::eval

namespace credence::cli {

// Exit codes of cli.md: scripts rely on them. Do not renumber.
enum ExitCode : int {
  kExitOk = 0,
  kExitFailureFound = 1,  // ran, and found what it was asked to look for
  kExitBadInput = 2,      // bad usage or bad input; nothing changed
  kExitInternal = 3,      // internal or I/O error; nothing half-written
};

// Options every subcommand accepts, before or after its name.
struct GlobalOptions {
  std::filesystem::path db;  // --db, else $CREDENCE_DB, else ./credence.db
  bool quiet = false;        // --quiet: no progress on stderr
};

// A parsed command line of one subcommand.
struct Invocation {
  GlobalOptions global;
  std::vector<std::string> args;  // the subcommand's own arguments
};

// Each subcommand: parses `inv.args`, does its work, returns an exit code.
// Human-readable output goes to stdout, diagnostics to stderr.
int RunImport(const Invocation& inv);
int RunExport(const Invocation& inv);
int RunScore(const Invocation& inv);
int RunExplain(const Invocation& inv);
int RunReport(const Invocation& inv);
int RunLearn(const Invocation& inv);
int RunEval(const Invocation& inv);
int RunDatasets(const Invocation& inv);

// Maps a Status onto the exit codes above.
int ExitCodeFor(const Status& status);

// Prints "credence COMMAND: error: ..." (one line per detail) to stderr and
// returns ExitCodeFor(status).
int ReportError(std::string_view command, const Status& status);

// Parses the subcommand's arguments with `own` options (plus --help) and the
// named positional argument (may be empty: none allowed). On --help prints
// usage and sets `*help_shown`. A usage error is a kUsage Status.
Status ParseArgs(std::string_view command, std::string_view synopsis,
                 const boost::program_options::options_description& own,
                 const char* positional_name, const Invocation& inv,
                 boost::program_options::variables_map* vm, bool* help_shown);

// Writes `contents` to a temporary file beside `path` and renames it over
// `path`: readers see the old file or the whole new one, never half of it.
// On error (kIo, naming the path) the temporary file is removed.
Status WriteFileAtomically(const std::filesystem::path& path, std::string_view contents);
// The same, streaming: `write` fills the temporary file (for outputs too large
// to hold in memory); its non-ok Status aborts and is returned.
Status WriteFileAtomically(const std::filesystem::path& path,
                           const std::function<Status(std::ostream&)>& write);

// What explain and report share: loads run `run_id` (the latest when nullopt)
// of the store `inv.global.db` (which must exist) and the store's records,
// renders them with `render` into memory, then writes the text to `out_file`
// (WriteFileAtomically) or, when it is empty, to stdout. Nothing is written
// when loading or rendering fails. Returns the exit code. With `claims`
// (a report on some claims, an explanation), only what those claims need is
// read, by key, so that one claim of a huge store costs little; a claim the
// run does not hold is then the renderer's kNotFound as before.
using RunRenderer =
    std::function<Status(const score::Run&, const model::Case&, std::ostream&)>;
int RenderRun(std::string_view command, const Invocation& inv,
              std::optional<std::int64_t> run_id, const std::vector<std::string>& claims,
              const RunRenderer& render, const std::filesystem::path& out_file);
// The same, also handing the renderer the run's stored evaluation (nullptr
// when the run was never evaluated): the HTML report shows it.
using EvaluatedRunRenderer = std::function<Status(
    const score::Run&, const model::Case&, const eval::Metrics* evaluation, std::ostream&)>;
int RenderRun(std::string_view command, const Invocation& inv,
              std::optional<std::int64_t> run_id, const std::vector<std::string>& claims,
              const EvaluatedRunRenderer& render, const std::filesystem::path& out_file);

// True when stderr is a terminal and --quiet was not given.
bool ShowProgress(const GlobalOptions& global);

// Opens the store at --db in `mode`. A store that must first be migrated to
// this build's schema is changed on disk, which takes about a minute for
// ten million links (docs/store.md), so the command says so on stderr
// before it starts, unless --quiet: "credence: upgrading the store FILE
// from schema version 6 to 7 (once)".
Result<store::Store> OpenStore(const GlobalOptions& global, store::OpenMode mode);

// Progress of a long command (import, score, learn): one line on stderr that
// each Show() overwrites, cleared when the object dies, so the command's
// output and messages start on a clean line. Prints nothing at all unless
// ShowProgress(global): not with --quiet, not when stderr is a file or pipe.
class ProgressLine {
 public:
  explicit ProgressLine(const GlobalOptions& global) : shown_(ShowProgress(global)) {}
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  ~ProgressLine() { Clear(); }

  bool enabled() const { return shown_; }
  // Replaces the line with `text` ("credence score: scoring 12000 claims").
  void Show(std::string_view text);
  // Removes the line (before printing a message to stderr).
  void Clear();

 private:
  bool shown_;
  bool dirty_ = false;
};

}  // namespace credence::cli

#endif  // CREDENCE_CLI_COMMAND_H_
