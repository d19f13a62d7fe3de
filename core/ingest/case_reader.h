// Reading and validating credence-case/1 files (docs/case-format.md), both
// encodings. Everything a single record can get wrong is checked here: JSON
// syntax, UTF-8, required and unknown fields, types, id pattern, enum
// spellings, dates, number ranges. What needs other records (dangling ids,
// duplicates, cycles in `via`, redefinitions) is checked by the store, which
// sees the whole file and the existing data (core/store/store.h).
//
// Extension policy: a field a record type does not define is rejected (a
// typo must not drop data silently); free-form additions go under
// "attributes", which accepts any name (docs/case-format.md).
//
// Memory: a .jsonl file (or stdin) is read as a stream, one line at a time,
// so memory stays flat whatever the file size (a line is at most
// kMaxLineBytes); a .json file is read whole (its size, plus the parser's
// tape, about three times the file). Large data
// sets belong in JSONL.
#ifndef CREDENCE_CORE_INGEST_CASE_READER_H_
#define CREDENCE_CORE_INGEST_CASE_READER_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/common/status.h"
#include "core/ingest/case_writer.h"
#include "core/model/case.h"

namespace credence::ingest {

// One record of a case file.
using Record = std::variant<model::Source, model::Claim, model::Link, model::Evidence,
                            model::Relation>;

// Limits on one input (docs/case-format.md, "Limits"). Past one, the input
// is rejected with an error that names the limit and where it was passed; it
// is never read into unbounded memory or recursion.
//   a string (a field, an attribute or evidence value, an object key): 1 MiB;
//   one JSONL line (one record): 16 MiB, a longer line is skipped unparsed;
//   nesting of arrays and objects: 1024 levels.
inline constexpr std::size_t kMaxStringBytes = std::size_t{1} << 20;
inline constexpr std::size_t kMaxLineBytes = std::size_t{16} << 20;
inline constexpr std::size_t kMaxDepth = 1024;

struct ReadOptions {
  // Reading stops after this many errors; the Status then ends with a line
  // saying so.
  int max_errors = 50;
  // Called after each block read (about every MiB) with the bytes read so
  // far, for progress display; may be empty. JSONL only.
  std::function<void(std::int64_t bytes_read)> progress;
};

struct ReadStats {
  std::int64_t records = 0;  // valid records passed to the sink
  std::int64_t bytes = 0;    // bytes of input read
  std::int64_t lines = 0;    // lines read (JSONL) or of the file (.json)
};

// Receives every valid record, in file order, with where it was read: file,
// line (JSONL) or JSON pointer of the record (.json, "/links/3"), record id.
// `where` is valid during the call only (the reader reuses it).
// Returning an InvalidInput Status adds its details to the file's errors and
// reading goes on; any other non-ok Status stops reading and is returned.
using RecordSink = std::function<Status(Record&& record, const InputLocation& where)>;

// The encoding of `file` by its extension: .json or .jsonl; "-" is JSONL
// (stdin). Anything else is a kUsage error.
Result<Encoding> EncodingOf(const std::filesystem::path& file);

// Reads `file` ("-": stdin as JSONL), validating every record and passing the
// valid ones to `sink`. On any error returns a non-ok Status listing every
// error found (up to options.max_errors), each naming file, line or pointer,
// record id when known, and what was expected. A missing file is kNotFound.
// Records already passed to the sink stay passed: callers that must be
// all-or-nothing (the store) stage them and discard on error.
Result<ReadStats> ReadCaseFile(const std::filesystem::path& file, const ReadOptions& options,
                               const RecordSink& sink);

// The same over an open stream; `name` is used in messages. `in` is not closed.
Result<ReadStats> ReadCaseStream(std::FILE* in, std::string_view name, Encoding encoding,
                                 const ReadOptions& options, const RecordSink& sink);

// Convenience for small inputs (tests, converters): every record of `text`
// in file order. Dangling ids and the like are NOT checked (store's job).
Result<model::Case> ParseCaseText(std::string_view text, Encoding encoding,
                                  std::string_view name);

// The canonical text of one JSON value (model::JsonText): minified, object
// keys sorted by their UTF-8 bytes, numbers in shortest round-trip form
// (integers as integers, -0 as 0). Duplicate object keys, invalid JSON or
// UTF-8, numbers beyond 64-bit integers or doubles are kInvalidInput.
Result<model::JsonText> CanonicalJson(std::string_view json);

// A canonical JSON object (as the writer writes "attributes") back into
// model::Attributes. kInvalidInput when `json` is not a JSON object.
Result<model::Attributes> AttributesFromJson(std::string_view json);

// A JSON array of strings (as StringListJson writes it) back into a vector.
Result<std::vector<std::string>> StringListFromJson(std::string_view json);

}  // namespace credence::ingest

#endif  // CREDENCE_CORE_INGEST_CASE_READER_H_
