// The case store: one SQLite file holding any number of cases, the runs that
// scored them and the fits learned from them. docs/store.md documents the
// schema, its version and migrations.
//
// A Store is not thread-safe: use one per thread. Several processes may open
// one file; a writer waits a bounded time for another, then fails kBusy.
#ifndef CREDENCE_CORE_STORE_STORE_H_
#define CREDENCE_CORE_STORE_STORE_H_

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "core/model/case.h"
#include "core/score/run.h"
#include "core/store/claim_row.h"

namespace credence::store {

enum class OpenMode {
  kCreateIfMissing,  // import: a missing store is created
  kMustExist,        // every other command: a missing store is kNotFound
};

enum class CaseEncoding { kJson, kJsonl };

struct ImportOptions {
  // A record whose id exists with a different definition replaces it instead
  // of being a rejection (--replace).
  bool replace = false;
  // At most this many errors are reported for one rejected file.
  int max_errors = 50;
  // Memory (about) for the claims an import has touched (a new claim's
  // record, the links and evidence of each), kept so that a claim's row is
  // written once even when a file lists its records far apart (links sorted
  // by source, as export writes them); past it the rows are written out and
  // read back when met again. Tests lower it to reach that path.
  std::size_t link_cache_bytes = std::size_t{32} << 20;
  // Progress of a long import, for display; may be empty. Called with the
  // phase ("reading", then "checking"), the bytes read so far and
  // the file's size (0 when unknown, e.g. stdin).
  std::function<void(std::string_view phase, std::int64_t bytes_read, std::int64_t total)>
      progress;
};

struct ImportStats {
  std::int64_t records_read = 0;
  std::int64_t records_added = 0;     // new records
  std::int64_t records_unchanged = 0; // identical re-imports (no-ops)
  std::int64_t records_replaced = 0;  // only with ImportOptions::replace
  std::int64_t bytes_read = 0;
};

// A stored fit: the fit file's JSON text as `credence learn` wrote it.
struct StoredFit {
  std::string name;
  std::string created_at;
  std::string data_sha256;
  std::string json;
};

// The latest evaluation of a run: its metrics as core/eval's JSON
// (core/eval/evaluation_json.h), as `credence eval` computed them.
struct StoredEvaluation {
  std::int64_t run_id = 0;
  std::string created_at;  // assigned by SaveEvaluation when empty
  std::string json;
};

// Receives a store's records one at a time (Store::ReadRecords), in the
// order they are stored in: the sources by id; then the claims by id, each
// followed by its links (by source) and its evidence (by feature), as the
// claim's one row holds them (schema version 6); then the relations by key.
// Labels are included: visitors that must not see them (the scorer's index)
// drop them.
class RecordVisitor {
 public:
  // A link as the store holds it, its strings viewing the store's text:
  // valid only during the VisitLinks call that passes it.
  struct LinkView {
    std::string_view source;
    model::Stance stance = model::Stance::kNeutral;
    model::LinkMode mode = model::LinkMode::kRelays;
    std::span<const std::string_view> via;
    std::optional<std::string_view> reported_by;
    std::optional<model::Date> at;
    std::string_view attributes;  // a canonical JSON object ("{}": none)
  };

  virtual ~RecordVisitor() = default;
  virtual void Visit(model::Source&& source) = 0;
  virtual void Visit(model::Claim&& claim) = 0;
  virtual void Visit(model::Link&& link) = 0;
  virtual void Visit(model::Evidence&& evidence) = 0;
  virtual void Visit(model::Relation&& relation) = 0;
  // The links of one claim, sorted by source, in place of a Visit(Link)
  // each: a visitor that keeps only some of each link, or keeps it in its
  // own form, overrides this to skip building the records (on a large store
  // their strings are most of what reading costs). By default, each link as
  // a record to Visit(Link).
  virtual void VisitLinks(std::string_view claim, std::span<const LinkView> links);

  // An evidence record as the store holds it, viewing the store's text:
  // valid only during the VisitEvidence call that passes it.
  struct EvidenceView {
    std::string_view claim, feature;
    std::string_view value;  // canonical JSON
    std::optional<std::string_view> note;
  };
  // Each evidence record, in place of Visit(Evidence), for the reason of
  // VisitLinks. By default, as a record to Visit(Evidence).
  virtual void VisitEvidence(const EvidenceView& evidence);
};

// A run written while it is scored (Store::BeginRun): each claim's score as
// it is finished, then the run's info and source ratings, all in one write
// transaction, so memory does not grow with the run. Until Commit succeeds
// nothing of the run is visible; destroyed uncommitted (an error, a kill),
// it leaves the store as it was. Holds the store's write lock from BeginRun
// to Commit; must not outlive its Store.
class RunWriter {
 public:
  RunWriter(RunWriter&&) noexcept;
  RunWriter& operator=(RunWriter&&) noexcept;
  ~RunWriter();

  // Stores one claim's score, verdict and contributions. Claims are written
  // a few at a time: a claim's row may go to SQLite only at a later Add or
  // at Commit, so an error storing it may be returned there; either way the
  // run is then not stored.
  Status Add(const score::ClaimScore& claim);
  // The same for a claim encoded beforehand, possibly on another thread:
  // the row stored is the one Add(claim) would store. Claims must come in
  // the same order either way (the run's sentences are numbered in order of
  // first use).
  Status Add(const ClaimRow& row);
  // Stores `run`'s info and source ratings (its claims are ignored: Add
  // them), commits, and returns the run's id.
  Result<std::int64_t> Commit(const score::Run& run);

 private:
  friend class Store;
  struct Impl;
  explicit RunWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// How many claims, links and evidence records a store holds (the records
// whose number sizes a scorer's index).
struct RecordCounts {
  std::int64_t claims = 0, links = 0, evidence = 0;
};

class Store {
 public:
  // Told, once and before anything changes, that an existing store is about
  // to be migrated: its schema version and the one it gets. Not called for a
  // store being created. A migration rewrites the file's tables and can take
  // a minute on a large store (docs/store.md), so a command says so.
  using UpgradeNotice = std::function<void(int from_version, int to_version)>;

  // Opens or creates `path`, migrating an older schema (`on_upgrade`, when
  // set, hears of it first). A file from a newer credence is refused
  // (kIncompatible), not altered.
  static Result<Store> Open(const std::filesystem::path& path, OpenMode mode,
                            const UpgradeNotice& on_upgrade = {});

  // How long a write waits for another process's write before failing
  // kBusy "store busy" (default 10 s).
  Status SetBusyTimeout(int milliseconds);

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  // Validates and imports one case file (.json, .jsonl; "-" reads JSONL from
  // stdin) in one transaction. On error the store is unchanged and the Status
  // lists every error found (up to options.max_errors), each with file, line
  // or JSON pointer, record id and what was expected.
  Result<ImportStats> ImportCaseFile(const std::filesystem::path& file,
                                     const ImportOptions& options = {});

  // Every record of the store; each vector sorted by its key (id, link key,
  // evidence key, relation key). Labels are included: callers that must not
  // see them (score) drop them.
  Result<model::Case> LoadCase() const;
  // The same records, one at a time, from one snapshot: memory does not
  // grow with the store.
  Status ReadRecords(RecordVisitor& visitor) const;
  // The number of claims, links and evidence records (the totals each
  // import updates: one row read, whatever the store's size).
  Result<RecordCounts> CountRecords() const;
  // What a report on `claim_ids` reads, found by key (however large the
  // store): those claims, their links and evidence, the relations naming
  // them, and the sources their links name (source, via, reported_by); in
  // LoadCase's orders. Ids not in the store are skipped.
  Result<model::Case> LoadCaseOf(const std::vector<std::string>& claim_ids) const;

  // Writes the whole store as one case file that re-imports to the same
  // store; byte-identical for identical stores.
  Status ExportCase(CaseEncoding encoding, std::ostream& out) const;

  // Hex sha256 over the canonical JSONL export of the store's records: names
  // the data a fit was learned from.
  Result<std::string> DataSha256() const;

  // Runs: SaveRun assigns RunInfo::id and created_at and stores every claim
  // score, contribution and source rating in one transaction. BeginRun does
  // the same for a run written claim by claim as it is scored; it waits for
  // another writer as any write does (kBusy after the busy timeout).
  Result<std::int64_t> SaveRun(score::Run run);
  Result<RunWriter> BeginRun();
  // The run `id`, or the latest run when nullopt. kNotFound if none.
  Result<score::Run> LoadRun(std::optional<std::int64_t> id) const;
  // The same, holding only the scores of `claims` and the ratings of
  // `sources` (null: all); ids the run does not hold are skipped.
  Result<score::Run> LoadRunOf(std::optional<std::int64_t> id, const std::set<std::string>* claims,
                               const std::set<std::string>* sources) const;
  Result<std::vector<score::RunInfo>> ListRuns() const;

  // Fits, by name; saving an existing name replaces it.
  Status SaveFit(const StoredFit& fit);
  Result<StoredFit> LoadFit(const std::string& name) const;  // kNotFound if none

  // Evaluations, one per run: saving replaces the run's previous one.
  // kNotFound when the run does not exist.
  Status SaveEvaluation(const StoredEvaluation& evaluation);
  // The run's evaluation; nullopt when the run was never evaluated.
  Result<std::optional<StoredEvaluation>> LoadEvaluation(std::int64_t run_id) const;

 private:
  struct Impl;  // owns the sqlite3 handle and prepared statements
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace credence::store

#endif  // CREDENCE_CORE_STORE_STORE_H_
