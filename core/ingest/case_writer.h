// Writing case records as credence-case/1 text (docs/case-format.md): the one
// place that decides how a record looks on disk, used by `credence export`,
// the store's data hash and the data-set converters.
//
// Output is canonical: fields in a fixed order (the order of the contract's
// tables), optional fields omitted when absent or empty, strings minimally
// escaped (", \ and control characters; every other character is written as
// its UTF-8 bytes), JSON values (attributes, evidence values, ordinal labels)
// written as the canonical JsonText the model holds. Equal records give
// byte-identical text, and reading a written line gives back an equal record.
//
// The writer does not validate: a record must already satisfy the format
// (ids, non-empty relation claims, canonical JsonText). Records read by
// core/ingest/case_reader.h always do.
#ifndef CREDENCE_CORE_INGEST_CASE_WRITER_H_
#define CREDENCE_CORE_INGEST_CASE_WRITER_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/case.h"

namespace credence::ingest {

// The two encodings of a case file.
enum class Encoding {
  kJson,   // one object {"format": ..., "sources": [...], ...}
  kJsonl,  // a format line, then one record per line with a "type" field
};

// One JSONL line, without the trailing newline:
// {"type":"source","id":"bild","name":"Bild","kind":"news_outlet"}
std::string ToJsonLine(const model::Source& source);
std::string ToJsonLine(const model::Claim& claim);
std::string ToJsonLine(const model::Link& link);
std::string ToJsonLine(const model::Evidence& evidence);
std::string ToJsonLine(const model::Relation& relation);

// The first line of every JSONL file written: {"format":"credence-case/1"}
std::string FormatJsonLine();

// The same record as an element of a .json file's arrays: the line without
// its "type" field.
std::string ToJsonObject(const model::Source& source);
std::string ToJsonObject(const model::Claim& claim);
std::string ToJsonObject(const model::Link& link);
std::string ToJsonObject(const model::Evidence& evidence);
std::string ToJsonObject(const model::Relation& relation);

// `text` as a JSON string literal, quotes included. `text` must be UTF-8.
std::string JsonString(std::string_view text);
// The same, appended to `out`.
void AppendJsonString(std::string& out, std::string_view text);
// An integer as JSON writes it, appended to `out`.
void AppendJsonInt(std::string& out, std::int64_t value);

// The same two written at `out`, which has room for the bound: for writers
// that size a buffer once (core/store/links_codec.cc). Return the end.
constexpr std::size_t JsonStringBound(std::size_t bytes) { return 2 + 6 * bytes; }
constexpr std::size_t kJsonIntBound = 20;
char* WriteJsonString(char* out, std::string_view text);
char* WriteJsonInt(char* out, std::int64_t value);

// Canonical JSON of an attribute map ("{}" when empty) and of a list of
// strings ("[]" when empty), as they appear inside records.
std::string AttributesJson(const model::Attributes& attributes);
std::string StringListJson(const std::vector<std::string>& items);
// The same two appended to `out`.
void AppendAttributesJson(std::string& out, const model::Attributes& attributes);
void AppendStringListJson(std::string& out, const std::vector<std::string>& items);
// Canonical JSON of a claim's label, as a record holds it: `true`, `false`
// or {"scale":NAME,"value":V}; appended to `out` (the store keeps these
// bytes too: core/store/links_codec_internal.h).
void AppendLabelJson(std::string& out, const model::Label& label);

// Streams a whole case file. Records must arrive grouped by type in file
// order: all sources, then claims, links, evidence, relations (a type may be
// empty); within a type, in the order they should appear (callers that want
// canonical files sort by key). Writes nothing until the first call; Finish()
// closes the file (a .json needs its closing brackets) and must be called
// once, also for an empty case.
//
// Not thread-safe. Keeps no records in memory: use it for stores of any size.
class CaseWriter {
 public:
  CaseWriter(Encoding encoding, std::ostream& out);

  void Write(const model::Source& source);
  void Write(const model::Claim& claim);
  void Write(const model::Link& link);
  void Write(const model::Evidence& evidence);
  void Write(const model::Relation& relation);

  // Closes the file. Returns false when the stream reported a write error.
  bool Finish();

 private:
  // Sections of a .json file, in order.
  enum class Section { kNone, kSources, kClaims, kLinks, kEvidence, kRelations };
  void Begin(Section section);
  // `body` is the record's fields without braces and without "type".
  void Emit(Section section, std::string_view type, const std::string& body);

  Encoding encoding_;
  std::ostream& out_;
  bool started_ = false;
  Section section_ = Section::kNone;
  bool first_in_section_ = true;
};

// The whole case, each type sorted by key (sources and claims by id, links by
// (source, claim), evidence by (claim, feature), relations by Key()): what
// `credence export` writes for a store holding exactly `c`. Returns false on a stream write error.
bool WriteCase(const model::Case& c, Encoding encoding, std::ostream& out);

}  // namespace credence::ingest

#endif  // CREDENCE_CORE_INGEST_CASE_WRITER_H_
