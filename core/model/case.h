// The records of a case (credence-case/1): sources, claims, links, evidence
// and relations, as plain value types. Every stage speaks these types: ingest
// produces them, the store persists them, the graph and the scorer read them.
//
// Free-form JSON values (attributes, evidence values, ordinal labels) are held
// as canonical JSON text (JsonText): minified, object keys sorted, numbers in
// their shortest round-tripping form. Two values are equal exactly when their
// canonical texts are equal, which keeps the model free of any JSON library
// and makes re-import of identical records a byte comparison.
#ifndef CREDENCE_CORE_MODEL_CASE_H_
#define CREDENCE_CORE_MODEL_CASE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/date.h"
#include "core/model/enums.h"

namespace credence::model {

// Canonical JSON text of one value: `true`, `3`, `"DE"`, `[1,2]`, `{"a":1}`.
using JsonText = std::string;

// Attribute name -> canonical JSON value. std::map: output order is by name.
using Attributes = std::map<std::string, JsonText>;

// The format tag of case files this build reads and writes.
inline constexpr std::string_view kCaseFormat = "credence-case/1";

// Past claims of a source, resolved. Counts are >= 0 and <= kMaxCount.
struct TrackRecord {
  static constexpr std::int64_t kMaxCount = 1'000'000'000;
  std::int64_t confirmed = 0;
  std::int64_t refuted = 0;
  std::int64_t unresolved = 0;
  bool operator==(const TrackRecord&) const = default;
};

struct Source {
  std::string id;
  std::string name;
  SourceKind kind = SourceKind::kOther;
  Attributes attributes;
  std::optional<TrackRecord> track_record;
  bool operator==(const Source&) const = default;
};

// Gold truth, read only by learn and eval, never by score.
struct Label {
  // Binary label (`true` / `false`) when scale is empty; otherwise an
  // ordinal label {"scale": scale, "value": value}.
  bool truth = false;
  std::string scale;
  JsonText value;  // canonical JSON of the ordinal value; empty when binary
  bool is_binary() const { return scale.empty(); }
  bool operator==(const Label&) const = default;
};

struct Claim {
  std::string id;
  std::string text;
  std::optional<ClaimKind> kind;
  std::optional<std::string> lang;
  std::optional<Date> made_at;
  std::optional<std::string> topic;
  Attributes attributes;
  std::optional<Label> label;
  bool operator==(const Claim&) const = default;
};

// A source's stance on a claim. A source has at most one link per claim:
// (source, claim) is the link's key, written "source->claim" in messages.
struct Link {
  std::string source;
  std::string claim;
  Stance stance = Stance::kNeutral;
  LinkMode mode = LinkMode::kRelays;
  std::vector<std::string> via;            // upstream source ids, in file order
  std::optional<std::string> reported_by;  // downstream conduit source id
  std::optional<Date> at;
  Attributes attributes;

  std::string Key() const { return source + "->" + claim; }
  bool operator==(const Link&) const = default;
};

// A feature of an artifact bearing on a claim. (claim, feature) is the key,
// written "claim#feature" in messages.
struct Evidence {
  std::string claim;
  std::string feature;  // an id-like name: bilingual_original, ...
  JsonText value = "true";
  std::optional<std::string> note;

  std::string Key() const { return claim + "#" + feature; }
  bool operator==(const Evidence&) const = default;
};

// exclusive: at most one of `claims` is true (kept sorted, >= 2 distinct).
// implies: claims == {from, to}, in that order.
struct Relation {
  RelationKind kind = RelationKind::kExclusive;
  std::vector<std::string> claims;

  // "exclusive(a,b,c)" or "implies(a->b)"; unique per store.
  std::string Key() const;
  bool operator==(const Relation&) const = default;
};

// All records of one case file, or of a whole store. Vectors are in the
// order records were read; consumers that emit output sort by key.
struct Case {
  std::vector<Source> sources;
  std::vector<Claim> claims;
  std::vector<Link> links;
  std::vector<Evidence> evidence;
  std::vector<Relation> relations;
  bool operator==(const Case&) const = default;
};

// Ids match [A-Za-z0-9][A-Za-z0-9._:/-]{0,127}.
bool IsValidId(std::string_view id);
inline constexpr std::size_t kMaxIdBytes = 128;
inline constexpr std::string_view kIdPattern = "[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}";

}  // namespace credence::model

#endif  // CREDENCE_CORE_MODEL_CASE_H_
