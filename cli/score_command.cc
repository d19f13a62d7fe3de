// credence score: scores every claim of the store and records a run.
#include <boost/program_options.hpp>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <span>
#include <sstream>
#include <string_view>
#include <thread>

#include "cli/command.h"
#include "core/ingest/case_reader.h"
#include "core/learn/fit.h"
#include "core/report/escape.h"
#include "core/report/verdict.h"
#include "core/score/case_index.h"
#include "core/score/claim_features.h"
#include "core/score/score.h"
#include "core/store/claim_row.h"
#include "core/store/store.h"
#include "rules/rule_set.h"

namespace po = boost::program_options;

namespace credence::cli {
namespace {

// --fit names a fit stored in this store, or a fit file (*.json) written by
// `credence learn --out` on another store.
Result<learn::Fit> LoadFitOption(const store::Store& store, const std::string& fit) {
  std::filesystem::path path(fit);
  if (path.extension() == ".json") {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::NotFound("cannot open fit file " + fit);
    std::ostringstream text;
    text << in.rdbuf();
    return learn::FitFromJson(text.str(), fit);
  }
  Result<store::StoredFit> stored = store.LoadFit(fit);
  if (!stored.ok()) return stored.status();
  return learn::FitFromJson(stored->json, "fit " + fit);
}

// Adds the store's records to the scorer's index as they are read (labels
// are dropped there: the scorer never sees them). Claim texts are kept only
// when `keep_text` (score::WeighsClaimText): otherwise they stay in the
// store, which saves much of the index's memory on a large store.
class IndexBuilder : public store::RecordVisitor {
 public:
  IndexBuilder(score::CaseIndex& index, bool keep_text) : index_(index), keep_text_(keep_text) {}
  void Visit(model::Source&& r) override { index_.Add(std::move(r)); }
  void Visit(model::Claim&& r) override {
    if (!keep_text_) std::string().swap(r.text);
    index_.Add(std::move(r));
  }
  void Visit(model::Link&& r) override { index_.Add(r); }
  void Visit(model::Evidence&& r) override { index_.Add(std::move(r)); }
  void Visit(model::Relation&& r) override { index_.Add(std::move(r)); }
  void VisitEvidence(const EvidenceView& v) override { index_.Add({v.claim, v.feature, v.value, v.note}); }
  // Links straight from the store's text: no record, no string per field.
  void VisitLinks(std::string_view claim, std::span<const LinkView> links) override {
    for (const LinkView& v : links) {
      score::CaseIndex::LinkFields f;
      f.source = v.source;
      f.claim = claim;
      f.stance = v.stance;
      f.mode = v.mode;
      f.via = v.via;
      f.reported_by = v.reported_by;
      if (v.attributes != "{}") f.attributes = &Attributes(v.attributes);
      index_.Add(f);
    }
  }

 private:
  // The attributes a canonical JSON text holds, parsed once per distinct
  // text (a store repeats a few sets); the store checked that they parse.
  const model::Attributes& Attributes(std::string_view json) {
    if (auto it = attributes_.find(json); it != attributes_.end()) return it->second;
    Result<model::Attributes> parsed = ingest::AttributesFromJson(json);
    model::Attributes value = parsed.ok() ? std::move(*parsed) : model::Attributes{};
    if (attributes_.size() >= kMaxAttributeTexts) {
      scratch_ = std::move(value);
      return scratch_;
    }
    return attributes_.emplace(std::string(json), std::move(value)).first->second;
  }
  static constexpr std::size_t kMaxAttributeTexts = 1 << 16;

  score::CaseIndex& index_;
  bool keep_text_;
  std::map<std::string, model::Attributes, std::less<>> attributes_;
  model::Attributes scratch_;
};

// Scored claims on their way to the store: each claim's row is encoded on
// the worker thread that scored it, so the writer's thread (the bottleneck
// of a large run) only numbers the sentences and inserts the rows, in claim
// order.
class RowBatch : public score::ClaimBatch {
 public:
  explicit RowBatch(store::RunWriter& writer) : writer_(writer) {}
  void Take(std::vector<score::ClaimScore>& claims) override {
    if (rows_.size() < claims.size()) rows_.resize(claims.size());
    for (std::size_t i = 0; i < claims.size(); ++i) rows_[i].Encode(claims[i]);
    count_ = claims.size();
  }
  Status Drain() override {
    for (std::size_t i = 0; i < count_; ++i) CREDENCE_RETURN_IF_ERROR(writer_.Add(rows_[i]));
    return Status::Ok();
  }

 private:
  store::RunWriter& writer_;
  std::vector<store::ClaimRow> rows_;  // reused: rows past count_ are stale
  std::size_t count_ = 0;
};

}  // namespace

int RunScore(const Invocation& inv) {
  const char* kCommand = "credence score";
  po::options_description own("score options");
  own.add_options()
      ("rules", po::value<std::string>(), "rule file (credence-rules/1); default: the built-in set")
      ("seed", po::value<std::uint64_t>()->default_value(0), "seed recorded with the run")
      ("fit", po::value<std::string>(), "a fit stored by `credence learn --name`, or a fit file (.json)")
      ("level", po::value<double>()->default_value(0.9), "credible level of the intervals, in (0, 1)")
      ("threads", po::value<int>()->default_value(0), "worker threads (0: one per core); results do not depend on it");
  po::variables_map vm;
  bool help = false;
  Status parsed = ParseArgs("score", "[--rules FILE] [--seed N] [--fit NAME|FILE.json] [--level L]", own,
                            nullptr, inv, &vm, &help);
  if (!parsed.ok()) return ReportError(kCommand, parsed);
  if (help) return kExitOk;

  Result<rules::RuleSet> rules =
      vm.count("rules") ? rules::LoadRuleFile(vm["rules"].as<std::string>()) : rules::DefaultRuleSet();
  if (!rules.ok()) return ReportError(kCommand, rules.status());

  Result<store::Store> store = OpenStore(inv.global, store::OpenMode::kMustExist);
  if (!store.ok()) return ReportError(kCommand, store.status());

  std::optional<learn::Fit> fit;
  if (vm.count("fit")) {
    Result<learn::Fit> f = LoadFitOption(*store, vm["fit"].as<std::string>());
    if (!f.ok()) return ReportError(kCommand, f.status());
    Status cuts = report::CheckVerdictCuts(*f);
    if (!cuts.ok()) return ReportError(kCommand, cuts);
    fit = std::move(*f);
  }

  score::ScoreParams params;
  params.seed = vm["seed"].as<std::uint64_t>();
  params.interval_level = vm["level"].as<double>();
  params.fit = fit ? &*fit : nullptr;
  int threads = vm["threads"].as<int>();
  if (threads < 0) return ReportError(kCommand, Status::Usage("--threads must be 0 or more"));
  params.threads = threads > 0 ? threads : static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 8u));

  // Progress on a terminal: which step of a long run is under way.
  ProgressLine progress(inv.global);
  progress.Show("credence score: loading the store");
  score::CaseIndex index;
  Result<store::RecordCounts> counts = store->CountRecords();
  if (!counts.ok()) return ReportError(kCommand, counts.status());
  index.Reserve(static_cast<std::size_t>(counts->claims), static_cast<std::size_t>(counts->links),
                static_cast<std::size_t>(counts->evidence));
  IndexBuilder builder(index, fit && score::WeighsClaimText(fit->claim_features));
  Status loaded = store->ReadRecords(builder);
  if (loaded.ok()) loaded = index.Finish();
  progress.Clear();
  if (!loaded.ok()) return ReportError(kCommand, loaded);

  // Each claim goes to the store as soon as it is scored and its verdict
  // assigned; the run becomes visible only when committed.
  Result<store::RunWriter> writer = store->BeginRun();
  if (!writer.ok()) return ReportError(kCommand, writer.status());
  const report::VerdictAssigner verdicts(params.fit);
  progress.Show("credence score: scoring " + std::to_string(index.claim_count()) + " claims, " +
                std::to_string(index.link_count()) + " links");
  // Verdicts are read off each claim on the thread that scored it, and its
  // row encoded there; the store's writer, one thread, only writes.
  params.finish_claim = [&verdicts](score::ClaimScore& c) { verdicts.Assign(c); };
  store::RunWriter& run_writer = *writer;
  Result<score::Run> run = score::ScoreIndex(index, *rules, params,
                                             [&run_writer] { return std::make_unique<RowBatch>(run_writer); });
  progress.Clear();
  if (!run.ok()) return ReportError(kCommand, run.status());
  for (score::SourceRating& s : run->sources) verdicts.Assign(s);
  const std::size_t claims = index.claim_count();  // every claim was sunk
  progress.Show("credence score: saving the run (" + std::to_string(claims) + " claims)");
  Result<std::int64_t> id = writer->Commit(*run);
  progress.Clear();
  if (!id.ok()) return ReportError(kCommand, id.status());
  std::cout << "run " << *id << ": scored " << claims << " claims with rules " << report::PlainText(rules->name) << " (sha256 "
            << rules->sha256.substr(0, 12) << "), seed " << params.seed
            << (fit ? ", fit " + report::PlainText(fit->name) : std::string()) << "\n";
  return kExitOk;
}

}  // namespace credence::cli
