// The labeled data sets credence converts into case files (credence-case/1),
// and the sinks that receive the converted records. docs/accuracy.md states
// each adapter's normalisation; datasets/README.md lists the inputs.
//
// Truth-discovery sets (book, flights, weather, population): one claim per
// (object, attribute, normalised value), one `exclusive` relation per
// (object, attribute) with at least two candidates, one `supports` /
// `originates` link per (source, claim). With a gold file, the claims of each
// gold item get `label` true (value among the gold values) or false.
//
// LIAR: one claim per statement with its six-way label, one source per
// (speaker, statement) whose track record is the speaker's credit history
// minus the statement's own label (see liar.cc for why).
#ifndef CREDENCE_DATASETS_DATASET_H_
#define CREDENCE_DATASETS_DATASET_H_

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "core/eval/gold_items.h"
#include "core/model/case.h"

namespace credence::datasets {

// Persisted spelling (command line, docs, baselines): do not rename.
enum class DatasetName { kBook, kFlights, kWeather, kPopulation, kLiar };
std::optional<DatasetName> ParseDatasetName(std::string_view name);
std::string_view Name(DatasetName name);
std::span<const std::string_view> DatasetNames();

// Receives converted records in an order that imports: every source, then
// every claim, then links, then relations; each group sorted by key.
class RecordSink {
 public:
  virtual ~RecordSink() = default;
  virtual Status Put(const model::Source& source) = 0;
  virtual Status Put(const model::Claim& claim) = 0;
  virtual Status Put(const model::Link& link) = 0;
  virtual Status Put(const model::Relation& relation) = 0;
};

// Collects the records into one in-memory case (tests, in-process runs).
class CaseSink : public RecordSink {
 public:
  Status Put(const model::Source& source) override;
  Status Put(const model::Claim& claim) override;
  Status Put(const model::Link& link) override;
  Status Put(const model::Relation& relation) override;
  model::Case& value() { return case_; }

 private:
  model::Case case_;
};

// Writes each record as one canonical JSONL line (credence-case/1: keys
// sorted, minified), after a first {"format": "credence-case/1"} line.
class JsonlSink : public RecordSink {
 public:
  explicit JsonlSink(std::ostream& out);  // `out` must outlive the sink
  Status Put(const model::Source& source) override;
  Status Put(const model::Claim& claim) override;
  Status Put(const model::Link& link) override;
  Status Put(const model::Relation& relation) override;

 private:
  Status Write(const std::string& line);
  std::ostream& out_;
};

struct ConvertStats {
  std::int64_t rows = 0;            // input statements read
  std::int64_t dropped_values = 0;  // statements whose value normalised to nothing
  std::int64_t sources = 0, claims = 0, links = 0, relations = 0;
  std::int64_t labeled_claims = 0;
  std::int64_t history_without_own_label = 0;  // LIAR rows whose history lacked their label
  std::optional<eval::GoldItems> gold;    // truth-discovery sets given --gold
};

// Reads `inputs` (plain or gzip-compressed) and `gold` (truth-discovery sets
// only; LIAR carries its labels) and writes the records to `sink`. Bad input
// is kInvalidInput naming the file, line and what was expected; an I/O
// failure is kIo. On error the sink may have received some records: write to
// a temporary file and rename it on success.
Result<ConvertStats> Convert(DatasetName name, std::span<const std::filesystem::path> inputs,
                             const std::optional<std::filesystem::path>& gold, RecordSink& sink);

}  // namespace credence::datasets

#endif  // CREDENCE_DATASETS_DATASET_H_
