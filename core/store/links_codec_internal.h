// How a claim's links, evidence and label are stored (schema versions 6
// and 7, docs/store.md): in the claim's own row of `claims`, each JSON text.
// `links` has one element per link, sorted by source id:
//
//   [source, stance, mode, via, reported_by, at, attributes,
//    import_id, origin_file, origin_line, origin_pointer]
//
// via (a JSON array of source ids) and attributes (a canonical JSON object)
// are embedded as the JSON they are; reported_by, at and import_id are null
// when absent. `evidence` has one element per evidence record, sorted by
// feature:
//
//   [feature, value, note, import_id, origin_file, origin_line, origin_pointer]
//
// value (canonical JSON) embedded as it is; note and import_id null when
// absent. SQLite's cost is per row, and a claim has a few links and an
// evidence record or two: one row per claim is what lets import write, and
// scoring read, a claim at once (docs/performance.md). The `links` and
// `evidence` views unroll the arrays into the old tables' columns for SQL.
// Both arrays are read by one scanner (links_codec.cc). The arrays' element
// counts are not stored (version 7: the store's totals are, record_counts).
// `label` (version 7) is the canonical JSON of the claim's label, as a case
// file writes it: `true`, `false` or {"scale":NAME,"value":V}; NULL when the
// claim has none (ingest::AppendLabelJson, DecodeLabel).
#ifndef CREDENCE_CORE_STORE_LINKS_CODEC_INTERNAL_H_
#define CREDENCE_CORE_STORE_LINKS_CODEC_INTERNAL_H_

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/status.h"
#include "core/model/case.h"

namespace credence::store {

// One link as the store holds it: the record's fields as their stored text
// (enum spellings, the date as written, canonical JSON), and where it was
// imported from.
struct StoredLink {
  std::string source;
  std::string stance, mode;  // enum spellings
  std::string via = "[]";    // JSON array of source ids
  std::optional<std::string> reported_by;
  std::optional<std::string> at;  // a date as written: 2025, 2025-08, 2025-08-05
  std::string attributes = "{}";  // canonical JSON object
  std::optional<std::int64_t> import_id;  // null: written before version 3
  std::int64_t origin_file = 0;           // a `files` row
  std::int64_t origin_line = 0;           // JSONL line, else 0
  std::string origin_pointer;             // .json pointer, else ""

  // Whether the record is the same (origin and import aside): what import
  // compares to tell a re-import from a redefinition.
  bool SameRecord(const StoredLink& other) const {
    return stance == other.stance && mode == other.mode && via == other.via &&
           reported_by == other.reported_by && at == other.at && attributes == other.attributes;
  }
};


// One element of either array as its parts' text, for the writers below:
// PackLinks and PackEvidence write StoredLinks and StoredEvidence with them,
// and import writes the records it reads with them directly (no StoredLink
// in between, core/store/import.cc).
struct LinkParts {
  std::string_view source, stance, mode;
  std::string_view via;  // JSON array of source ids, or:
  const std::vector<std::string>* via_ids = nullptr;  // the ids, written as that array
  const std::string* reported_by = nullptr;  // null: absent
  const std::string* at = nullptr;           // null: absent
  std::string_view attributes;               // canonical JSON object
};
struct EvidenceParts {
  std::string_view feature;
  std::string_view value;  // canonical JSON
  const std::string* note = nullptr;  // null: absent
};
// Where a packed record was imported from.
struct OriginParts {
  std::optional<std::int64_t> import_id;  // null: written before version 3
  std::int64_t file = 0, line = 0;
  std::string_view pointer;
};
LinkParts PartsOf(const StoredLink& link);
OriginParts OriginOf(const StoredLink& link);

// Where an element appended to a text lies in it (offsets into the text).
// The key is the first string, which is an id and so written without
// escapes: text[begin + 2, key_end). The content, what SameRecord
// compares, is text[key_end, origin): the same record packed twice gives
// the same bytes. The origin runs from `origin` to `end`.
struct ElementMarks {
  std::size_t begin = 0, key_end = 0, origin = 0, end = 0;
};

// Append one element of a claims.links / claims.evidence array (no comma
// before it).
ElementMarks AppendLinkElement(const LinkParts& link, const OriginParts& origin, std::string* out);
ElementMarks AppendEvidenceElement(const EvidenceParts& evidence, const OriginParts& origin,
                                   std::string* out);

// A stored link's element: its parts and origin (PartsOf, OriginOf),
// appended as AppendLinkElement does.
ElementMarks AppendStoredElement(const StoredLink& link, std::string* out);

// Writes `links` (sorted by source) as one claims.links array into
// `out` (cleared first).
void PackLinks(std::span<const StoredLink> links, std::string* out);

// The links of a claims.links array into `out` (cleared first), sorted by
// source whatever order the array holds them in, origins included. Anything
// but an array of the shape PackLinks writes (a store edited by hand, a
// torn value) is kInternal "corrupt store: ..." naming `claim`. Decoded by
// DecodeLinkSlices: one reader of the format.
Status DecodeLinks(std::string_view claim, std::string_view json, std::vector<StoredLink>* out);

// A claim's links decoded where they lie, for reading a whole store: every
// string a slice of a text buffer that a batch of claims shares, so that
// no field needs a string of its own and the batch can be decoded on one
// thread and visited on another (Store::ReadRecords).
struct TextSlice {
  std::uint32_t at = 0, size = 0;
  std::string_view In(std::string_view text) const { return text.substr(at, size); }
};
struct LinkSlice {
  TextSlice source, reported_by, attributes;
  TextSlice via_text;  // the via array as written
  bool has_reported_by = false;
  model::Stance stance = model::Stance::kNeutral;
  model::LinkMode mode = model::LinkMode::kRelays;
  std::optional<model::Date> at;
  std::uint32_t via_begin = 0, via_count = 0;  // into the via slices
};

// Where a record was imported from, as the arrays hold it.
struct OriginSlice {
  std::optional<std::int64_t> import_id;
  std::int64_t file = 0, line = 0;
  TextSlice pointer;
};

// Appends `json` (a claims.links array of `claim`) to `text` and decodes
// it: its links, sorted by source, to `links`, their via ids to `via`, and
// when `origins` is not null each link's origin to it, in the order of
// `links` (all appended to). A string written with escapes is unescaped and
// appended to `text`, after the array. Without `origins`, origins are
// checked, not converted (the hot path of `score`). kInternal "corrupt
// store: ..." as DecodeLinks, and when `text` would pass 4 GiB.
Status DecodeLinkSlices(std::string_view claim, std::string_view json, std::string* text,
                        std::vector<LinkSlice>* links, std::vector<TextSlice>* via,
                        std::vector<OriginSlice>* origins = nullptr);

// One evidence record as the store holds it (the evidence array's element).
struct StoredEvidence {
  std::string feature;
  std::string value;  // canonical JSON
  std::optional<std::string> note;
  std::optional<std::int64_t> import_id;  // null: written before version 3
  std::int64_t origin_file = 0;
  std::int64_t origin_line = 0;
  std::string origin_pointer;

  // Whether the record is the same (origin and import aside).
  bool SameRecord(const StoredEvidence& other) const { return value == other.value && note == other.note; }
};

// The key of a claim's packed record: a link's source, an evidence
// record's feature. A claim holds one record per key, sorted by it.
inline const std::string& KeyOf(const StoredLink& l) { return l.source; }
inline const std::string& KeyOf(const StoredEvidence& e) { return e.feature; }

// Puts a claim's links or evidence in the order the store keeps them: by
// KeyOf (cheap when they already are).
template <class T>
void SortByKey(std::vector<T>* records) {
  auto by_key = [](const T& a, const T& b) { return KeyOf(a) < KeyOf(b); };
  if (!std::is_sorted(records->begin(), records->end(), by_key)) {
    std::sort(records->begin(), records->end(), by_key);
  }
}

EvidenceParts PartsOf(const StoredEvidence& evidence);
OriginParts OriginOf(const StoredEvidence& evidence);
// A stored evidence record's element, as AppendEvidenceElement appends it.
ElementMarks AppendStoredElement(const StoredEvidence& evidence, std::string* out);

// Writes `evidence` (sorted by feature) as one claims.evidence array into
// `out` (cleared first).
void PackEvidence(std::span<const StoredEvidence> evidence, std::string* out);

// An evidence record decoded where it lies (as LinkSlice).
struct EvidenceSlice {
  TextSlice feature, value, note;
  bool has_note = false;
};

// Appends `json` (a claims.evidence array of `claim`) to `text` and decodes
// it into `evidence` (sorted by feature) and, when not null, `origins`, as
// DecodeLinkSlices does links; the same scanner. kInternal "corrupt store:
// the evidence of claim ...".
Status DecodeEvidenceSlices(std::string_view claim, std::string_view json, std::string* text,
                            std::vector<EvidenceSlice>* evidence,
                            std::vector<OriginSlice>* origins = nullptr);

// The evidence of a claims.evidence array into `out` (cleared first),
// sorted by feature, origins included (DecodeEvidenceSlices).
Status DecodeEvidence(std::string_view claim, std::string_view json, std::vector<StoredEvidence>* out);

// The label a claims.label text holds (as ingest::AppendLabelJson writes it; the
// ordinal value taken as written). kInternal "corrupt store: the label of
// claim ..." for anything else.
Result<model::Label> DecodeLabel(std::string_view claim, std::string_view json);

}  // namespace credence::store

#endif  // CREDENCE_CORE_STORE_LINKS_CODEC_INTERNAL_H_
