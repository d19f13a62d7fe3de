// The Bayesian core: from the records of a case and a rule set to, for every
// claim, a probability, a credible interval and an explanation whose
// contributions add up to the claim's log-odds. docs/model.md gives the
// equations and the reasons for each choice.
//
// Scoring is pure: no I/O, no clock, no hidden state. Same inputs, same
// rules, same params -> identical Run (byte-identical once rendered).
#ifndef CREDENCE_CORE_SCORE_SCORE_H_
#define CREDENCE_CORE_SCORE_SCORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "core/common/status.h"
#include "core/learn/fit.h"
#include "core/model/case.h"
#include "core/score/run.h"
#include "rules/rule_set.h"

namespace credence::score {

struct ScoreParams {
  double interval_level = 0.9;  // two-sided credible level of ClaimScore::lo/hi
  std::uint64_t seed = 0;       // recorded with the run; the scorer is exact
                                // and draws no random numbers today
  const learn::Fit* fit = nullptr;  // learned parameters, or null
  // Components of claims joined by relations are solved exactly by
  // enumeration up to this many claims (docs/model.md §5).
  int max_exact_component = 18;
  // Write each contribution's sentence. Without them a run still traces every
  // weight to its rule, link, evidence or fit (kind and ref); bulk runs that
  // will never be read line by line can skip the cost.
  bool sentences = true;
  // Worker threads. Results are identical for any count: claims are scored
  // independently once sources are rated, and handed over in a fixed order.
  int threads = 1;
  // Called on the worker thread that scored a claim, before the claim goes
  // to the sink or batch: per-claim work that can run in parallel instead
  // of on the sink's thread (verdicts). Must be thread-safe and
  // deterministic.
  std::function<void(ClaimScore&)> finish_claim;
};

class CaseIndex;

// Receives each claim's score as it is finished. A non-ok Status stops
// scoring and is returned.
using ClaimSink = std::function<Status(ClaimScore&&)>;

// Scored claims on their way from the worker threads to the caller, one
// chunk at a time, for a sink whose work per claim splits into a part that
// can run in parallel and a part that must run in claim order (a store's
// writer: encoding the row, then numbering its sentences and inserting it).
// ScoreIndex reuses each batch: Take, Drain, Take, Drain, ..., never two
// calls at once, each call seeing what the previous one left.
class ClaimBatch {
 public:
  virtual ~ClaimBatch() = default;
  // On the worker thread that scored `claims` (after finish_claim): the
  // claims of one chunk, in sink order. May move from them; ScoreIndex
  // then takes `claims` back, on the same thread, and writes later claims
  // into what is left of them (their strings' storage), or frees it.
  virtual void Take(std::vector<ClaimScore>& claims) = 0;
  // On the calling thread, batches in the order their claims come: hands the
  // claims of the last Take on. A non-ok Status stops scoring and is
  // returned by ScoreIndex.
  virtual Status Drain() = 0;
};

// Makes the batches of one ScoreIndex call: at most 8 per thread, each made
// on a worker thread, so it must be thread-safe.
using ClaimBatchFactory = std::function<std::unique_ptr<ClaimBatch>()>;

// Scores every claim of `index`, streaming each ClaimScore to `sink` as it is
// finished: claims in no relation in id order, claims joined by relations
// together when the first of them comes up. The order is the same for any
// number of threads, and `sink` is always called on the calling thread, one
// claim at a time, while the workers go on scoring. Memory beyond the index
// is that of the claims not yet sunk: at most 8 chunks of 16 units (a claim,
// or a component of related claims) per thread. Returns the run's info and
// source ratings (claims empty).
Result<Run> ScoreIndex(const CaseIndex& index, const rules::RuleSet& rules, const ScoreParams& params,
                       const ClaimSink& sink);

// The same, each chunk of claims going through a batch of `batches`: the
// order of the claims is the same, and the memory bound is the same plus the
// batches' own.
Result<Run> ScoreIndex(const CaseIndex& index, const rules::RuleSet& rules, const ScoreParams& params,
                       const ClaimBatchFactory& batches);

// Scores every claim of `c`. Labels are ignored. Records that reference
// unknown ids (impossible after a validated import) are an kInvalidInput.
// RunInfo::id and created_at are left for the store to assign; verdicts are
// left for report::AssignVerdicts.
Result<Run> Score(const model::Case& c, const rules::RuleSet& rules, const ScoreParams& params);

}  // namespace credence::score

#endif  // CREDENCE_CORE_SCORE_SCORE_H_
