// credence learn [--name NAME] [--out FIT.json] [--labels auto|use|ignore] [--no-copy-detection]
#include <boost/program_options.hpp>
#include <fstream>
#include <iostream>

#include "cli/command.h"
#include "core/learn/learn.h"
#include "core/score/score.h"
#include "core/store/store.h"
#include "rules/rule_set.h"

namespace po = boost::program_options;

namespace credence::cli {

int RunLearn(const Invocation& inv) {
  const char* kCommand = "credence learn";
  po::options_description own("learn options");
  own.add_options()
      ("name", po::value<std::string>()->default_value("default"), "store the fit under this name")
      ("out,o", po::value<std::string>(), "also write the fit file (credence-fit/1 JSON) here")
      ("no-store", "do not store the fit in the store (with --out)")
      ("labels", po::value<std::string>()->default_value("auto"),
       "auto: fit calibration on labeled claims only when the store has no exclusive relations; use; ignore")
      ("rules", po::value<std::string>(), "rule file the scorer uses for calibration (default: built-in set)")
      ("no-copy-detection", "fit reliabilities without discounting copiers")
      ("activity-prior", "centre each source's prior on its activity class's accuracy (docs/learning.md)");
  po::variables_map vm;
  bool help = false;
  Status parsed = ParseArgs("learn",
                            "[--name NAME] [--out FIT.json] [--no-store] [--labels auto|use|ignore] "
                            "[--rules FILE] [--no-copy-detection] [--activity-prior]",
                            own, nullptr, inv, &vm, &help);
  if (!parsed.ok()) return ReportError(kCommand, parsed);
  if (help) return kExitOk;

  learn::LearnOptions options;
  options.name = vm["name"].as<std::string>();
  if (!model::IsValidId(options.name)) {
    return ReportError(kCommand, Status::Usage("expected --name matching " + std::string(model::kIdPattern) +
                                               "; got \"" + options.name + "\""));
  }
  const std::string labels = vm["labels"].as<std::string>();
  if (labels == "auto") {
    options.labels = learn::LabelUse::kAuto;
  } else if (labels == "use") {
    options.labels = learn::LabelUse::kUse;
  } else if (labels == "ignore") {
    options.labels = learn::LabelUse::kIgnore;
  } else {
    return ReportError(kCommand, Status::Usage("expected --labels auto, use or ignore; got \"" + labels + "\""));
  }
  options.truth.detect_copying = vm.count("no-copy-detection") == 0;
  options.truth.activity_prior = vm.count("activity-prior") > 0;
  if (vm.count("no-store") && !vm.count("out")) {
    return ReportError(kCommand, Status::Usage("--no-store needs --out FIT.json"));
  }

  Result<rules::RuleSet> rules =
      vm.count("rules") ? rules::LoadRuleFile(vm["rules"].as<std::string>()) : rules::DefaultRuleSet();
  if (!rules.ok()) return ReportError(kCommand, rules.status());
  Result<store::Store> store = OpenStore(inv.global, store::OpenMode::kMustExist);
  if (!store.ok()) return ReportError(kCommand, store.status());
  ProgressLine progress(inv.global);  // on a terminal: the step under way
  progress.Show("credence learn: loading the store");
  Result<model::Case> records = store->LoadCase();
  progress.Clear();
  if (!records.ok()) return ReportError(kCommand, records.status());
  Result<std::string> sha = store->DataSha256();
  if (!sha.ok()) return ReportError(kCommand, sha.status());

  // The scorer as `credence score` runs it; learn hands it unlabeled records.
  learn::RawScorer score_raw = [&](const model::Case& c, const learn::Fit& fit)
      -> Result<std::vector<std::pair<std::string, double>>> {
    score::ScoreParams params;
    params.fit = &fit;
    Result<score::Run> run = score::Score(c, *rules, params);
    if (!run.ok()) return run.status();
    std::vector<std::pair<std::string, double>> out;
    for (const score::ClaimScore& s : run->claims) out.push_back({s.claim_id, s.p_raw});
    return out;
  };
  learn::LearnSummary summary;
  progress.Show("credence learn: fitting on " + std::to_string(records->claims.size()) +
                " claims, " + std::to_string(records->links.size()) + " links");
  Result<learn::Fit> fit = learn::Learn(*records, *sha, options, score_raw, &summary);
  progress.Clear();
  if (!fit.ok()) return ReportError(kCommand, fit.status());
  const std::string json = learn::FitToJson(*fit);

  if (vm.count("out")) {
    const std::filesystem::path out = vm["out"].as<std::string>();
    std::filesystem::path tmp = out;
    tmp += ".tmp";
    {
      std::ofstream file(tmp, std::ios::binary | std::ios::trunc);
      file << json;
      file.flush();
      if (!file) {
        std::error_code ec;
        std::filesystem::remove(tmp, ec);
        return ReportError(kCommand, Status::Io(out.string() + ": cannot write the fit file"));
      }
    }
    std::error_code ec;
    std::filesystem::rename(tmp, out, ec);
    if (ec) return ReportError(kCommand, Status::Io(out.string() + ": " + ec.message()));
  }
  if (!vm.count("no-store")) {
    store::StoredFit stored;
    stored.name = fit->name;
    stored.data_sha256 = fit->data_sha256;
    stored.json = json;
    Status saved = store->SaveFit(stored);
    if (!saved.ok()) return ReportError(kCommand, saved);
  }
  if (!inv.global.quiet) {
    std::cerr << "fit " << fit->name << ": " << fit->data_summary;
    if (summary.truth_discovery) {
      std::cerr << "; truth discovery: " << summary.iterations << " EM iterations ("
                << (summary.converged ? "converged" : "not converged") << "), " << summary.copiers
                << " sources found copying";
    }
    if (fit->calibration) std::cerr << "; isotonic calibration with " << fit->calibration->points.size() << " points";
    if (fit->ordinal_cuts.contains("liar6")) std::cerr << "; liar6 cut points";
    std::cerr << "\n";
  }
  return kExitOk;
}

}  // namespace credence::cli
