// credence explain CLAIM_ID [--run ID]: the explanation of one claim of a
// run (the latest by default), a line per contribution.
#include <boost/program_options.hpp>

#include "cli/command.h"
#include "core/report/report.h"

namespace po = boost::program_options;

namespace credence::cli {

int RunExplain(const Invocation& inv) {
  constexpr std::string_view kCommand = "credence explain";
  po::options_description own("explain options");
  std::vector<std::string> claim_ids;
  own.add_options()("run", po::value<std::int64_t>(), "the run (default: the latest)")(
      "claim", po::value(&claim_ids), "CLAIM_ID");
  po::variables_map vm;
  bool help = false;
  const Status parsed = ParseArgs("explain", "CLAIM_ID [--run ID]", own, "claim", inv, &vm, &help);
  if (!parsed.ok()) return ReportError(kCommand, parsed);
  if (help) return kExitOk;
  if (claim_ids.size() != 1) {
    return ReportError(kCommand, Status::Usage("expected one CLAIM_ID, got " +
                                               std::to_string(claim_ids.size())));
  }
  std::optional<std::int64_t> run_id;
  if (vm.count("run")) run_id = vm["run"].as<std::int64_t>();
  return RenderRun(
      kCommand, inv, run_id, claim_ids,
      [&](const score::Run& run, const model::Case& records, std::ostream& out) {
        return report::WriteExplanation(run, records, claim_ids.front(), out);
      },
      /*out_file=*/{});
}

}  // namespace credence::cli
