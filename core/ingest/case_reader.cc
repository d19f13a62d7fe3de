#include "core/ingest/case_reader.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <simdjson.h>
#include <type_traits>
#include <vector>

namespace credence::ingest {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

constexpr std::string_view kDateExpected = "expected a date YYYY, YYYY-MM or YYYY-MM-DD";

// simdjson enforces the depth limit; the header states it.
static_assert(kMaxDepth == simdjson::DEFAULT_MAX_DEPTH);

// How an over-long string is reported: the limit, and the size that arrived.
std::string StringTooLong(std::size_t bytes) {
  return "expected a string of at most " + std::to_string(kMaxStringBytes) +
         " bytes (the string limit); got " + std::to_string(bytes) + " bytes";
}

// `s` quoted for an error message, cut to its first 100 bytes (at a UTF-8
// character boundary) when longer, so a huge value cannot make a huge message.
std::string Quoted(std::string_view s) {
  constexpr std::size_t kShown = 100;
  if (s.size() <= kShown) return JsonString(s);
  std::size_t cut = kShown;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return JsonString(s.substr(0, cut)) + "... (" + std::to_string(s.size()) + " bytes)";
}

// ---------------------------------------------------------------- messages

std::string TypeName(element_type t) {
  switch (t) {
    case element_type::ARRAY: return "an array";
    case element_type::OBJECT: return "an object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE: return "a number";
    case element_type::STRING: return "a string";
    case element_type::BOOL: return "a boolean";
    case element_type::NULL_VALUE: return "null";
  }
  return "a value";
}


// The position of the first byte that breaks UTF-8, or npos.
std::size_t FirstInvalidUtf8(std::string_view s) {
  std::size_t i = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  while (i < s.size()) {
    unsigned char c = p[i];
    if (c < 0x80) { ++i; continue; }
    std::size_t n;
    std::uint32_t cp;
    if ((c & 0xE0) == 0xC0) { n = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { n = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { n = 4; cp = c & 0x07; }
    else return i;
    if (i + n > s.size()) return i;
    for (std::size_t k = 1; k < n; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    bool overlong = (n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += n;
  }
  return std::string_view::npos;
}

// The 1-based offset of the bracket that opens level kMaxDepth + 1 of `text`
// (outside strings), or 0 when none does. Iterative: the input that needs it
// is the one that would overflow a recursive scanner.
std::size_t DepthExceededAt(std::string_view text) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) return i + 1;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return 0;
}

// Why `text` is not valid JSON, from a second, slower parser that knows where
// it stopped; called only once a document has failed. `*byte` is set to the
// 1-based offset where parsing stopped, 0 when unknown.
std::string SyntaxMessage(std::string_view text, simdjson::error_code code, std::size_t* byte) {
  *byte = 0;
  if (code == simdjson::NUMBER_ERROR) {
    return "expected a number within 64-bit integer or double range";
  }
  if (code == simdjson::DEPTH_ERROR) {
    *byte = DepthExceededAt(text);
    return "expected JSON nested at most " + std::to_string(kMaxDepth) + " levels deep";
  }
  try {
    nlohmann::json ignored = nlohmann::json::parse(text.begin(), text.end());
    (void)ignored;
  } catch (const nlohmann::json::parse_error& e) {
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..."
    auto colon = what.find(": ");
    *byte = e.byte;
    return "expected valid JSON; " +
           (colon == std::string::npos ? what : what.substr(colon + 2));
  } catch (const nlohmann::json::exception&) {
  }
  return std::string("expected valid JSON; ") + simdjson::error_message(code);
}

// 1-based line and column of byte offset `pos` (0-based) in `text`.
std::pair<std::int64_t, std::size_t> LineAndColumn(std::string_view text, std::size_t pos) {
  pos = std::min(pos, text.size());
  auto before = text.substr(0, pos);
  std::int64_t line = 1 + std::count(before.begin(), before.end(), '\n');
  auto nl = before.rfind('\n');
  std::size_t column = nl == std::string_view::npos ? pos + 1 : pos - nl;
  return {line, column};
}

// ---------------------------------------------------------------- canonical JSON

class Canonicalizer {
 public:
  // Appends the canonical text of `e` to `out`; on a duplicate key or a
  // string or key over kMaxStringBytes returns false with `bad_pointer` set
  // (relative to `e`) and error() saying what was expected.
  bool Append(element e, std::string& out, std::string& bad_pointer) {
    switch (e.type()) {
      case element_type::OBJECT: {
        simdjson::dom::object obj;
        if (e.get_object().get(obj) != simdjson::SUCCESS) return false;
        std::vector<std::pair<std::string_view, element>> fields;
        for (auto kv : obj) {
          if (kv.key.size() > kMaxStringBytes) {
            error_ = "object key: " + StringTooLong(kv.key.size());
            return false;
          }
          fields.emplace_back(kv.key, kv.value);
        }
        std::stable_sort(fields.begin(), fields.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        out += '{';
        for (std::size_t i = 0; i < fields.size(); ++i) {
          if (i > 0) {
            if (fields[i].first == fields[i - 1].first) {
              bad_pointer = "/" + JsonPointerToken(fields[i].first);
              error_ = "duplicate key in object";
              return false;
            }
            out += ',';
          }
          out += JsonString(fields[i].first);
          out += ':';
          if (!Append(fields[i].second, out, bad_pointer)) {
            bad_pointer = "/" + JsonPointerToken(fields[i].first) + bad_pointer;
            return false;
          }
        }
        out += '}';
        return true;
      }
      case element_type::ARRAY: {
        out += '[';
        simdjson::dom::array arr;
        if (e.get_array().get(arr) != simdjson::SUCCESS) return false;
        std::size_t i = 0;
        for (element x : arr) {
          if (i > 0) out += ',';
          if (!Append(x, out, bad_pointer)) {
            bad_pointer = "/" + std::to_string(i) + bad_pointer;
            return false;
          }
          ++i;
        }
        out += ']';
        return true;
      }
      case element_type::INT64: {
        std::int64_t v = 0;
        if (e.get_int64().get(v) != simdjson::SUCCESS) return false;
        out += std::to_string(v);
        return true;
      }
      case element_type::UINT64: {
        std::uint64_t v = 0;
        if (e.get_uint64().get(v) != simdjson::SUCCESS) return false;
        out += std::to_string(v);
        return true;
      }
      case element_type::DOUBLE: {
        double d = 0;
        if (e.get_double().get(d) != simdjson::SUCCESS) return false;
        if (d == 0) {  // -0 and 0 are one value
          out += '0';
          return true;
        }
        char buf[32];
        auto res = std::to_chars(buf, buf + sizeof buf, d);
        out.append(buf, res.ptr);
        return true;
      }
      case element_type::STRING: {
        std::string_view v;
        if (e.get_string().get(v) != simdjson::SUCCESS) return false;
        if (v.size() > kMaxStringBytes) {
          error_ = StringTooLong(v.size());
          return false;
        }
        out += JsonString(v);
        return true;
      }
      case element_type::BOOL: {
        bool v = false;
        if (e.get_bool().get(v) != simdjson::SUCCESS) return false;
        out += v ? "true" : "false";
        return true;
      }
      case element_type::NULL_VALUE:
        out += "null";
        return true;
    }
    return false;
  }
  std::string error() const { return error_.empty() ? "expected a JSON value" : error_; }

 private:
  std::string error_;  // empty: the generic message (most instances never fail)
};

// ---------------------------------------------------------------- records

// Collects the errors of one file, up to the cap.
class ErrorList {
 public:
  explicit ErrorList(int cap) : cap_(cap) {}
  void Add(InputLocation where, std::string message) {
    if (full()) return;
    details_.push_back({std::move(where), std::move(message)});
  }
  void AddAll(const Status& s) {
    for (const ErrorDetail& d : s.details()) {
      if (full()) return;
      details_.push_back(d);
    }
  }
  bool full() const { return static_cast<int>(details_.size()) >= cap_; }
  bool empty() const { return details_.empty(); }
  Status ToStatus(const std::string& file) {
    if (full()) {
      details_.push_back({InputLocation{file, 0, "", ""},
                          "too many errors; stopped after " + std::to_string(cap_)});
    }
    return Status::InvalidInput(std::move(details_));
  }

 private:
  int cap_;
  std::vector<ErrorDetail> details_;
};

// Whether `key` is `name`. Field names are a few bytes: comparing them here
// costs less than the call to memcmp that string_view's == makes.
template <class Word>
bool SameWord(const char* a, const char* b) {
  Word x, y;  // fixed-size copies compile to plain loads
  std::memcpy(&x, a, sizeof x);
  std::memcpy(&y, b, sizeof y);
  return x == y;
}
[[gnu::always_inline]] inline bool IsName(std::string_view key, std::string_view name) {
  const std::size_t n = key.size();
  if (n != name.size()) return false;
  const char* a = key.data();
  const char* b = name.data();
  // Two words, overlapping when n is not twice their size, cover n bytes.
  if (n > 16) return std::memcmp(a, b, n) == 0;
  if (n >= 8) return SameWord<std::uint64_t>(a, b) && SameWord<std::uint64_t>(a + n - 8, b + n - 8);
  if (n >= 4) return SameWord<std::uint32_t>(a, b) && SameWord<std::uint32_t>(a + n - 4, b + n - 4);
  if (n >= 2) return SameWord<std::uint16_t>(a, b) && SameWord<std::uint16_t>(a + n - 2, b + n - 2);
  return n == 0 || a[0] == b[0];
}

// Field tables: the fields a record type may carry, in the writer's order.
struct FieldSpec {
  std::string_view name;
  bool required;
};
template <std::size_t N>
struct FieldTable {
  static constexpr std::size_t kMaxName = 15;
  constexpr explicit FieldTable(const std::array<FieldSpec, N>& fields) : specs(fields) {
    for (std::size_t i = 0; i < N; ++i) {
      // Not a constant expression, so a longer name fails to compile.
      if (specs[i].name.size() > kMaxName) throw "field name longer than kMaxName";
      by_length[specs[i].name.size()] |= static_cast<std::uint16_t>(1u << i);
      if (specs[i].required) required |= 1u << i;
    }
  }
  // The index of the field named `key`, or N when there is none. Compares
  // the key with the names of its length only: each record's every key is
  // looked up here.
  std::size_t Find(std::string_view key) const {
    if (key.size() > kMaxName) return N;
    for (unsigned m = by_length[key.size()]; m != 0; m &= m - 1) {
      auto i = static_cast<std::size_t>(std::countr_zero(m));
      if (IsName(key, specs[i].name)) return i;
    }
    return N;
  }
  const FieldSpec& operator[](std::size_t i) const { return specs[i]; }

  std::array<FieldSpec, N> specs;
  std::array<std::uint16_t, kMaxName + 1> by_length{};  // bit i: specs[i] has that length
  unsigned required = 0;                                 // bit i: specs[i] is required
};

// The fields of one record, by their index in its FieldTable.
template <std::size_t N>
class FieldSlots {
 public:
  // The value of field `i`, or nullptr when the record has none.
  const element* operator[](std::size_t i) const {
    return (present_ >> i & 1u) != 0 ? &values_[i].value : nullptr;
  }
  // Sets field `i` unless it is set already; false then.
  bool Set(std::size_t i, element value) {
    if ((present_ >> i & 1u) != 0) return false;
    std::construct_at(&values_[i].value, value);
    present_ |= 1u << i;
    return true;
  }
  unsigned present() const { return present_; }  // bit i: field i is set

 private:
  // Left unconstructed until set, so that a record does not pay for zeroing
  // the slots of the fields it lacks.
  union Slot {
    Slot() {}
    element value;
  };
  static_assert(std::is_trivially_destructible_v<element>);
  std::array<Slot, N> values_;
  unsigned present_ = 0;
};
constexpr FieldTable kSourceFields(std::array<FieldSpec, 5>{{{"id", true},
                                                             {"name", true},
                                                             {"kind", true},
                                                             {"attributes", false},
                                                             {"track_record", false}}});
constexpr FieldTable kClaimFields(std::array<FieldSpec, 8>{{{"id", true},
                                                            {"text", true},
                                                            {"kind", false},
                                                            {"lang", false},
                                                            {"made_at", false},
                                                            {"topic", false},
                                                            {"attributes", false},
                                                            {"label", false}}});
constexpr FieldTable kLinkFields(std::array<FieldSpec, 8>{{{"source", true},
                                                           {"claim", true},
                                                           {"stance", true},
                                                           {"mode", true},
                                                           {"via", false},
                                                           {"reported_by", false},
                                                           {"at", false},
                                                           {"attributes", false}}});
constexpr FieldTable kEvidenceFields(std::array<FieldSpec, 4>{
    {{"claim", true}, {"feature", true}, {"value", false}, {"note", false}}});
constexpr FieldTable kRelationFields(std::array<FieldSpec, 4>{
    {{"kind", true}, {"claims", false}, {"from", false}, {"to", false}}});
constexpr FieldTable kTrackFields(std::array<FieldSpec, 3>{
    {{"confirmed", false}, {"refuted", false}, {"unresolved", false}}});

// The record types, in the order of kRecordTypes.
enum class RecordType { kSource, kClaim, kLink, kEvidence, kRelation };
constexpr std::array<std::string_view, 5> kRecordTypes = {"source", "claim", "link", "evidence",
                                                          "relation"};

// The type named `name`, or nullopt.
std::optional<RecordType> ParseRecordType(std::string_view name) {
  for (std::size_t i = 0; i < kRecordTypes.size(); ++i) {
    if (IsName(name, kRecordTypes[i])) return static_cast<RecordType>(i);
  }
  return std::nullopt;
}

template <std::size_t N>
std::string FieldNames(const FieldTable<N>& table) {
  std::string out;
  for (const FieldSpec& s : table.specs) {
    if (!out.empty()) out += ", ";
    out += s.name;
  }
  return out;
}

// Copies a checked value into a string field of a new record, so still
// empty; a failed check (already reported) leaves it empty. Appending to an
// empty string skips the general replace path of assign().
void Fill(std::string& field, std::optional<std::string_view> value) {
  assert(field.empty());
  if (value) field.append(*value);
}

// Validates one record object. Errors go to `errors` with the record's
// location; fields are addressed by pointer relative to `base`.
class RecordParser {
 public:
  RecordParser(const std::string& file, std::int64_t line, std::string base, ErrorList& errors)
      : file_(file), line_(line), base_(std::move(base)), errors_(errors) {}
  // A record at the root of the document (a JSONL line): an empty base.
  RecordParser(const std::string& file, std::int64_t line, ErrorList& errors)
      : file_(file), line_(line), errors_(errors) {}

  InputLocation Where(std::string_view pointer_suffix = "") const {
    InputLocation where{file_, line_, base_ + std::string(pointer_suffix), ""};
    AppendRecordId(where.record_id);
    return where;
  }
  // Where() into `out`, whose file must be this parser's already, reusing
  // its strings' buffers (one per reader, not one allocation per record).
  void WhereInto(InputLocation& out) const {
    assert(out.file == file_);
    out.line = line_;
    if (base_.empty()) {  // JSONL
      out.json_pointer.clear();
    } else {
      out.json_pointer.assign(base_);
    }
    out.record_id.clear();
    AppendRecordId(out.record_id);
  }
  bool failed() const { return failed_; }

  void Error(std::string_view field, std::string message) {
    failed_ = true;
    errors_.Add(Where(field.empty() ? "" : "/" + JsonPointerToken(field)), std::move(message));
  }
  void ErrorAt(const std::string& pointer, std::string message) {
    failed_ = true;
    errors_.Add(Where(pointer), std::move(message));
  }

  // The record's fields sorted by the table (the first of each name), after
  // `identify(slots)` has set the record id and the unknown, duplicate and
  // missing required fields have been reported, in that order. `skip` names
  // one field the caller has handled ("type" in JSONL).
  template <std::size_t N, class Identify>
  FieldSlots<N> Fields(simdjson::dom::object obj, const FieldTable<N>& specs,
                       std::string_view skip, Identify identify) {
    FieldSlots<N> slots;
    // One pass sorts the fields and notes whether any needs a message; only
    // then is the object read again, by the pass that reports in field order.
    bool clean = true, skip_seen = false;
    for (auto kv : obj) {
      std::size_t i = specs.Find(kv.key);
      if (i < N) {
        if (!slots.Set(i, kv.value)) clean = false;
      } else if (!skip.empty() && IsName(kv.key, skip)) {  // no table has a "type"
        clean = clean && !skip_seen;
        skip_seen = true;
      } else {
        clean = false;
      }
    }
    identify(slots);
    if (!clean) ReportFields(obj, specs, skip);
    RequireFields(specs, slots);
    return slots;
  }
  // Fields() of a record whose id is field 0 (a source, a claim); `id` gets
  // that id when it is a valid one, for IdOf().
  template <std::size_t N>
  FieldSlots<N> IdFields(simdjson::dom::object obj, const FieldTable<N>& specs,
                         std::string_view skip, std::string_view& id) {
    return Fields(obj, specs, skip, [&](const FieldSlots<N>& slots) {
      id = PeekId(slots[0]);
      SetRecordId(id);
    });
  }
  // The same for a record keyed by fields 0 and 1 (a link, evidence), whose
  // id is written first, `sep`, second.
  template <std::size_t N>
  FieldSlots<N> PairFields(simdjson::dom::object obj, const FieldTable<N>& specs,
                           std::string_view skip, std::string_view sep, std::string_view& first,
                           std::string_view& second) {
    return Fields(obj, specs, skip, [&](const FieldSlots<N>& slots) {
      first = PeekId(slots[0]);
      second = PeekId(slots[1]);
      SetPairId(first, sep, second);
    });
  }
  // Reports the object's unknown and duplicate fields (and over-long names),
  // in field order.
  template <std::size_t N>
  void ReportFields(simdjson::dom::object obj, const FieldTable<N>& specs,
                    std::string_view skip) {
    std::array<bool, N> seen{};
    bool skip_seen = false;
    for (auto kv : obj) {
      if (!skip.empty() && kv.key == skip) {
        if (skip_seen) Error(kv.key, "duplicate field \"" + std::string(kv.key) + "\"");
        skip_seen = true;
        continue;
      }
      if (kv.key.size() > kMaxStringBytes) {
        Error("", "field name: " + StringTooLong(kv.key.size()));
        continue;
      }
      std::size_t i = specs.Find(kv.key);
      if (i == N) {
        Error(kv.key, "unknown field " + Quoted(kv.key) + "; expected one of " +
                          FieldNames(specs) + " (extensions go under \"attributes\")");
      } else if (seen[i]) {
        Error(kv.key, "duplicate field \"" + std::string(kv.key) + "\"");
      } else {
        seen[i] = true;
      }
    }
  }
  template <std::size_t N>
  void RequireFields(const FieldTable<N>& specs, const FieldSlots<N>& slots) {
    if ((slots.present() & specs.required) == specs.required) return;
    for (std::size_t i = 0; i < N; ++i) {
      if (specs[i].required && !slots[i]) {
        Error("", "missing required field \"" + std::string(specs[i].name) + "\"");
      }
    }
  }

  // The string value of `e`, or nullopt after reporting.
  std::optional<std::string_view> String(std::string_view field, element e) {
    std::string_view s;
    if (e.get_string().get(s) == simdjson::SUCCESS && s.size() <= kMaxStringBytes) return s;
    NotAString(field, e);
    return std::nullopt;
  }
  // Out of line, so that String() is inlined where it is called.
  [[gnu::noinline]] void NotAString(std::string_view field, element e) {
    std::string_view s;
    if (e.get_string().get(s) != simdjson::SUCCESS) {
      Error(field, "expected a string; got " + TypeName(e.type()));
    } else {
      Error(field, StringTooLong(s.size()));
    }
  }
  // These return views into the parsed document: the caller copies the
  // value once, into the record.
  std::optional<std::string_view> NonEmptyString(std::string_view field, element e) {
    auto s = String(field, e);
    if (!s) return std::nullopt;
    if (s->empty()) {
      Error(field, "expected a non-empty string");
      return std::nullopt;
    }
    return s;
  }
  std::optional<std::string_view> Id(std::string_view field, element e) {
    auto s = String(field, e);
    if (!s) return std::nullopt;
    if (!model::IsValidId(*s)) {
      Error(field, "expected an id matching " + std::string(model::kIdPattern) + "; got " +
                       Quoted(*s));
      return std::nullopt;
    }
    return s;
  }
  // For the record id shown in messages: the raw value when it is a valid id.
  // The id `e` holds if it is a valid one, else empty; a view into the
  // parsed document.
  [[gnu::always_inline]] static std::string_view PeekId(const element* e) {
    std::string_view s;
    if (!e || e->get_string().get(s) != simdjson::SUCCESS || !model::IsValidId(s)) return {};
    return s;
  }
  // The id a field holds: `peeked` (what PeekId found in it) when not
  // empty, else Id() of it, which reports why it is not one.
  std::optional<std::string_view> IdOf(std::string_view peeked, std::string_view field,
                                       element e) {
    if (!peeked.empty()) return peeked;
    return Id(field, e);
  }
  // The record id shown in messages. `id` must outlive the parser's use (a
  // view into the parsed document).
  void SetRecordId(std::string_view id) { id_ = {id, {}, {}}; }
  void SetRecordId(std::string&& id) {
    key_ = std::move(id);
    id_ = {key_, {}, {}};
  }
  // "a->b" for a link, "c#f" for evidence, when both parts are valid ids
  // (so at most kMaxIdBytes each); `sep` is at most 2 bytes.
  void SetPairId(std::string_view x, std::string_view sep, std::string_view y) {
    if (x.empty() || y.empty()) return;
    id_ = {x, sep, y};
  }
  void AppendRecordId(std::string& out) const {
    if (id_[2].empty()) {
      out.append(id_[0]);
      return;
    }
    // Joined here and appended once: an append costs about three copies.
    std::array<char, 2 * model::kMaxIdBytes + 2> joined;
    assert(id_[0].size() + id_[1].size() + id_[2].size() <= joined.size());
    char* end = std::copy(id_[0].begin(), id_[0].end(), joined.data());
    end = std::copy(id_[1].begin(), id_[1].end(), end);
    end = std::copy(id_[2].begin(), id_[2].end(), end);
    out.append(joined.data(), static_cast<std::size_t>(end - joined.data()));
  }

  template <class E>
  std::optional<E> Enum(std::string_view field, element e,
                        std::optional<E> (*parse)(std::string_view),
                        std::span<const std::string_view> names) {
    auto s = String(field, e);
    if (!s) return std::nullopt;
    auto v = parse(*s);
    if (!v) {
      Error(field, "expected one of " + model::JoinNames(names) + "; got " + Quoted(*s));
    }
    return v;
  }
  std::optional<model::Date> DateField(std::string_view field, element e) {
    auto s = String(field, e);
    if (!s) return std::nullopt;
    auto d = model::Date::Parse(*s);
    if (!d) Error(field, std::string(kDateExpected) + "; got " + Quoted(*s));
    return d;
  }
  // The canonical text of `e` into `out`; false after reporting.
  bool Json(std::string_view field, element e, model::JsonText& out) {
    out.clear();
    bool b;
    if (e.get_bool().get(b) == simdjson::SUCCESS) {  // most evidence values
      out.append(b ? std::string_view("true") : std::string_view("false"));
      return true;
    }
    std::string bad;
    Canonicalizer canon;
    if (!canon.Append(e, out, bad)) {
      ErrorAt("/" + JsonPointerToken(field) + bad, canon.error());
      return false;
    }
    return true;
  }
  void Attributes(element e, model::Attributes& out) {
    simdjson::dom::object obj;
    if (e.get_object().get(obj) != simdjson::SUCCESS) {
      Error("attributes", "expected an object; got " + TypeName(e.type()));
      return;
    }
    for (auto kv : obj) {
      if (kv.key.size() > kMaxStringBytes) {
        Error("attributes", "attribute name: " + StringTooLong(kv.key.size()));
        continue;
      }
      std::string pointer = "/attributes/" + JsonPointerToken(kv.key);
      if (kv.key.empty()) {
        ErrorAt(pointer, "expected a non-empty attribute name");
        continue;
      }
      std::string value, bad;
      Canonicalizer canon;
      if (!canon.Append(kv.value, value, bad)) {
        ErrorAt(pointer + bad, canon.error());
        continue;
      }
      if (!out.emplace(std::string(kv.key), std::move(value)).second) {
        ErrorAt(pointer, "duplicate attribute \"" + std::string(kv.key) + "\"");
      }
    }
  }
  // A JSON array of distinct ids, into `out`.
  void IdList(std::string_view field, element e, std::vector<std::string>& out) {
    simdjson::dom::array arr;
    if (e.get_array().get(arr) != simdjson::SUCCESS) {
      Error(field, "expected an array of ids; got " + TypeName(e.type()));
      return;
    }
    // Repeats: a short list (the usual one) is scanned; a long one must not
    // cost n^2, so it is looked up in a set of views into the document.
    constexpr std::size_t kScanned = 16;
    const std::size_t n = arr.size();
    out.reserve(n);
    std::optional<std::set<std::string_view>> seen;
    if (n > kScanned) seen.emplace();
    auto pointer = [&](std::size_t i) {
      return "/" + std::string(field) + "/" + std::to_string(i);
    };
    std::size_t next = 0;
    for (element x : arr) {
      const std::size_t i = next++;
      std::string_view s;
      if (x.get_string().get(s) != simdjson::SUCCESS || !model::IsValidId(s)) {
        ErrorAt(pointer(i), "expected an id matching " + std::string(model::kIdPattern) +
                                "; got " +
                                (x.type() == element_type::STRING ? Quoted(s)
                                                                  : TypeName(x.type())));
        continue;
      }
      bool repeated = n <= kScanned ? std::find(out.begin(), out.end(), s) != out.end()
                                    : !seen->insert(s).second;
      if (repeated) {
        ErrorAt(pointer(i), "repeated id " + JsonString(s));
        continue;
      }
      out.emplace_back(s);
    }
  }
  std::optional<std::int64_t> Count(std::string_view field, element e) {
    std::int64_t v = -1;
    bool is_int = e.type() == element_type::INT64 && e.get_int64().get(v) == simdjson::SUCCESS;
    if (!is_int || v < 0 || v > model::TrackRecord::kMaxCount) {
      std::string got = TypeName(e.type());
      if (e.type() != element_type::OBJECT && e.type() != element_type::ARRAY) {
        std::string text;
        std::string bad;
        Canonicalizer().Append(e, text, bad);
        got = text;
      }
      ErrorAt("/track_record/" + std::string(field),
              "expected an integer from 0 to " + std::to_string(model::TrackRecord::kMaxCount) +
                  "; got " + got);
      return std::nullopt;
    }
    return v;
  }

  // Parse*: the record into `out` (a default-constructed record); false
  // when it has errors, all reported.
  bool ParseSource(simdjson::dom::object obj, std::string_view skip, model::Source& out) {
    std::string_view id;
    auto f = IdFields(obj, kSourceFields, skip, id);
    if (f[0]) Fill(out.id, IdOf(id, "id", *f[0]));
    if (f[1]) Fill(out.name, NonEmptyString("name", *f[1]));
    if (f[2]) {
      auto k = Enum("kind", *f[2], &model::ParseSourceKind, model::SourceKindNames());
      if (k) out.kind = *k;
    }
    if (f[3]) Attributes(*f[3], out.attributes);
    if (f[4]) {
      simdjson::dom::object t;
      if (f[4]->get_object().get(t) != simdjson::SUCCESS) {
        Error("track_record", "expected an object {\"confirmed\": n, \"refuted\": n, "
                              "\"unresolved\": n}; got " + TypeName(f[4]->type()));
      } else {
        model::TrackRecord tr;
        std::array<std::optional<element>, 3> tf;
        for (auto kv : t) {
          std::size_t i = kTrackFields.Find(kv.key);
          if (i == 3) {
            ErrorAt("/track_record/" + JsonPointerToken(kv.key),
                    "unknown field " + Quoted(kv.key) + "; expected one of " +
                        FieldNames(kTrackFields));
          } else if (tf[i]) {
            ErrorAt("/track_record/" + JsonPointerToken(kv.key),
                    "duplicate field \"" + std::string(kv.key) + "\"");
          } else {
            tf[i] = kv.value;
          }
        }
        std::int64_t* counts[] = {&tr.confirmed, &tr.refuted, &tr.unresolved};
        for (std::size_t i = 0; i < 3; ++i) {
          if (tf[i]) *counts[i] = Count(kTrackFields[i].name, *tf[i]).value_or(0);
        }
        out.track_record = tr;
      }
    }
    return !failed_;
  }

  bool ParseClaim(simdjson::dom::object obj, std::string_view skip, model::Claim& out) {
    std::string_view id;
    auto f = IdFields(obj, kClaimFields, skip, id);
    if (f[0]) Fill(out.id, IdOf(id, "id", *f[0]));
    if (f[1]) Fill(out.text, NonEmptyString("text", *f[1]));
    if (f[2]) out.kind = Enum("kind", *f[2], &model::ParseClaimKind, model::ClaimKindNames());
    if (f[3]) out.lang = NonEmptyString("lang", *f[3]);
    if (f[4]) out.made_at = DateField("made_at", *f[4]);
    if (f[5]) out.topic = NonEmptyString("topic", *f[5]);
    if (f[6]) Attributes(*f[6], out.attributes);
    if (f[7]) out.label = LabelField(*f[7]);
    return !failed_;
  }

  std::optional<model::Label> LabelField(element e) {
    model::Label label;
    bool b;
    if (e.get_bool().get(b) == simdjson::SUCCESS) {
      label.truth = b;
      return label;
    }
    simdjson::dom::object obj;
    std::string_view scale;
    element value;
    if (e.get_object().get(obj) == simdjson::SUCCESS && obj.size() == 2 &&
        obj["scale"].get(scale) == simdjson::SUCCESS && !scale.empty() &&
        obj["value"].get(value) == simdjson::SUCCESS) {
      label.scale = std::string(scale);
      if (!Json("label/value", value, label.value)) return std::nullopt;
      return label;
    }
    Error("label", "expected true, false or {\"scale\": NAME, \"value\": V}; got " +
                       TypeName(e.type()));
    return std::nullopt;
  }

  bool ParseLink(simdjson::dom::object obj, std::string_view skip, model::Link& out) {
    std::string_view source, claim;
    auto f = PairFields(obj, kLinkFields, skip, "->", source, claim);
    if (f[0]) Fill(out.source, IdOf(source, "source", *f[0]));
    if (f[1]) Fill(out.claim, IdOf(claim, "claim", *f[1]));
    if (f[2]) {
      auto v = Enum("stance", *f[2], &model::ParseStance, model::StanceNames());
      if (v) out.stance = *v;
    }
    if (f[3]) {
      auto v = Enum("mode", *f[3], &model::ParseLinkMode, model::LinkModeNames());
      if (v) out.mode = *v;
    }
    if (f[4]) IdList("via", *f[4], out.via);
    if (f[5]) {
      out.reported_by = Id("reported_by", *f[5]);
      if (out.reported_by && *out.reported_by == out.source) {
        Error("reported_by", "expected a source other than the link's own source " +
                                 JsonString(out.source));
      }
    }
    if (f[6]) out.at = DateField("at", *f[6]);
    if (f[7]) Attributes(*f[7], out.attributes);
    return !failed_;
  }

  bool ParseEvidence(simdjson::dom::object obj, std::string_view skip, model::Evidence& out) {
    std::string_view claim, feature;
    auto f = PairFields(obj, kEvidenceFields, skip, "#", claim, feature);
    if (f[0]) Fill(out.claim, IdOf(claim, "claim", *f[0]));
    if (f[1]) Fill(out.feature, IdOf(feature, "feature", *f[1]));
    if (f[2]) Json("value", *f[2], out.value);
    if (f[3]) out.note = String("note", *f[3]);
    return !failed_;
  }

  bool ParseRelation(simdjson::dom::object obj, std::string_view skip, model::Relation& out) {
    auto f = Fields(obj, kRelationFields, skip, [](const auto&) {});
    std::optional<model::RelationKind> kind;
    if (f[0]) kind = Enum("kind", *f[0], &model::ParseRelationKind, model::RelationKindNames());
    if (!kind) return false;
    out.kind = *kind;
    if (out.kind == model::RelationKind::kExclusive) {
      for (std::size_t i : {2u, 3u}) {
        if (f[i]) {
          Error(kRelationFields[i].name, "field \"" + std::string(kRelationFields[i].name) +
                                             "\" is not allowed in an exclusive relation");
        }
      }
      if (!f[1]) {
        Error("", "missing required field \"claims\" (an exclusive relation)");
      } else {
        IdList("claims", *f[1], out.claims);
        std::sort(out.claims.begin(), out.claims.end());
        if (!failed_ && out.claims.size() < 2) {
          Error("claims", "expected at least 2 distinct claim ids; got " +
                              std::to_string(out.claims.size()));
        }
      }
    } else {
      if (f[1]) Error("claims", "field \"claims\" is not allowed in an implies relation");
      for (std::size_t i : {2u, 3u}) {
        if (!f[i]) {
          Error("", "missing required field \"" + std::string(kRelationFields[i].name) +
                        "\" (an implies relation)");
        } else if (auto id = Id(kRelationFields[i].name, *f[i])) {
          out.claims.emplace_back(*id);
        }
      }
      if (!failed_ && out.claims[0] == out.claims[1]) {
        Error("to", "expected a claim other than \"from\"; got " + JsonString(out.claims[1]));
      }
    }
    if (failed_) return false;
    SetRecordId(out.Key());
    return true;
  }

 private:
  const std::string& file_;
  std::int64_t line_;
  std::string base_;
  ErrorList& errors_;
  // The record id: id_[0] alone, or id_[0] id_[1] id_[2] ("a" "->" "b").
  // Built only where a message or the sink needs it.
  std::array<std::string_view, 3> id_;
  std::string key_;  // a relation's id, which the document does not hold
  bool failed_ = false;
};

// An empty record of type `type`.
Record NewRecord(RecordType type) {
  switch (type) {
    case RecordType::kSource: return Record(std::in_place_type<model::Source>);
    case RecordType::kClaim: return Record(std::in_place_type<model::Claim>);
    case RecordType::kLink: return Record(std::in_place_type<model::Link>);
    case RecordType::kEvidence: return Record(std::in_place_type<model::Evidence>);
    case RecordType::kRelation: return Record(std::in_place_type<model::Relation>);
  }
  return Record();
}

// Parses one record of type `type` from `obj` and hands it to the sink with
// its location in `where` (the reader's, reused). Returns a non-InvalidInput
// Status only when the sink asks to stop.
Status ParseAndSink(RecordParser& p, RecordType type, simdjson::dom::object obj,
                    std::string_view skip, const RecordSink& sink, ErrorList& errors,
                    ReadStats& stats, InputLocation& where) {
  // Built in place, in the Record the sink receives: nothing is moved.
  Record record = NewRecord(type);
  bool valid = false;
  switch (type) {
    case RecordType::kSource:
      valid = p.ParseSource(obj, skip, std::get<model::Source>(record));
      break;
    case RecordType::kClaim:
      valid = p.ParseClaim(obj, skip, std::get<model::Claim>(record));
      break;
    case RecordType::kLink:
      valid = p.ParseLink(obj, skip, std::get<model::Link>(record));
      break;
    case RecordType::kEvidence:
      valid = p.ParseEvidence(obj, skip, std::get<model::Evidence>(record));
      break;
    case RecordType::kRelation:
      valid = p.ParseRelation(obj, skip, std::get<model::Relation>(record));
      break;
  }
  if (!valid) return Status::Ok();
  p.WhereInto(where);
  Status s = sink(std::move(record), where);
  if (s.ok()) {
    ++stats.records;
    return Status::Ok();
  }
  if (s.code() != ErrorCode::kInvalidInput) return s;
  errors.AddAll(s);
  return Status::Ok();
}

// ---------------------------------------------------------------- JSONL

// Reads lines from a FILE in large blocks; each line it yields is followed by
// at least SIMDJSON_PADDING readable bytes, so simdjson parses it in place.
class LineReader {
 public:
  LineReader(std::FILE* in, const std::function<void(std::int64_t)>& progress)
      : in_(in), progress_(progress), buf_(kBlock + simdjson::SIMDJSON_PADDING) {}

  // The next line without its '\n'; nullopt at the end or on a read error.
  // A line longer than kMaxLineBytes is read past without being kept and
  // yields an empty view with too_long() set until the next call.
  std::optional<std::string_view> Next() {
    too_long_ = false;
    for (;;) {
      const char* nl = static_cast<const char*>(
          std::memchr(buf_.data() + begin_, '\n', end_ - begin_));
      if (nl != nullptr) {
        std::string_view line(buf_.data() + begin_, nl - (buf_.data() + begin_));
        begin_ = nl - buf_.data() + 1;
        return Checked(line);
      }
      if (eof_) {
        if (begin_ == end_) return std::nullopt;
        std::string_view line(buf_.data() + begin_, end_ - begin_);
        begin_ = end_;
        std::memset(buf_.data() + end_, 0, simdjson::SIMDJSON_PADDING);
        return Checked(line);
      }
      if (end_ - begin_ > kMaxLineBytes) {
        SkipRestOfLine();
        too_long_ = true;
        return std::string_view();
      }
      Fill();
    }
  }
  bool too_long() const { return too_long_; }
  bool error() const { return error_; }
  std::int64_t bytes() const { return bytes_; }

 private:
  static constexpr std::size_t kBlock = 1 << 20;

  void Fill() {
    // Move the partial line to the front; grow when one line fills the block.
    std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
    if (buf_.size() - simdjson::SIMDJSON_PADDING - end_ < kBlock / 2) {
      buf_.resize(buf_.size() * 2);
    }
    std::size_t room = buf_.size() - simdjson::SIMDJSON_PADDING - end_;
    std::size_t n = std::fread(buf_.data() + end_, 1, room, in_);
    end_ += n;
    bytes_ += static_cast<std::int64_t>(n);
    if (progress_) progress_(bytes_);
    if (n < room) {
      eof_ = true;
      error_ = std::ferror(in_) != 0;
    }
  }

  std::string_view Checked(std::string_view line) {
    if (line.size() <= kMaxLineBytes) return line;
    too_long_ = true;
    return std::string_view();
  }

  // Drops the buffered part of the current line and reads on to its '\n'
  // (or the end), keeping only what follows.
  void SkipRestOfLine() {
    begin_ = end_ = 0;
    while (!eof_) {
      std::size_t n = std::fread(buf_.data(), 1, kBlock, in_);
      bytes_ += static_cast<std::int64_t>(n);
      if (progress_) progress_(bytes_);
      if (n < kBlock) {
        eof_ = true;
        error_ = std::ferror(in_) != 0;
      }
      const char* nl = static_cast<const char*>(std::memchr(buf_.data(), '\n', n));
      if (nl != nullptr) {
        begin_ = nl - buf_.data() + 1;
        end_ = n;
        return;
      }
    }
  }

  std::FILE* in_;
  const std::function<void(std::int64_t)>& progress_;
  std::vector<char> buf_;
  std::size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
  bool error_ = false;
  bool too_long_ = false;
  std::int64_t bytes_ = 0;
};

bool IsBlank(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

// The format tag check shared by both encodings.
void CheckFormat(RecordParser& p, std::string_view field, element e) {
  auto s = p.String(field, e);
  if (s && *s != model::kCaseFormat) {
    p.Error(field, "expected format " + JsonString(model::kCaseFormat) + "; got " +
                       Quoted(*s));
  }
}

Result<ReadStats> ReadJsonl(std::FILE* in, const std::string& name, const ReadOptions& options,
                            const RecordSink& sink) {
  ReadStats stats;
  ErrorList errors(options.max_errors);
  LineReader reader(in, options.progress);
  simdjson::dom::parser parser;
  std::int64_t line_no = 0;
  bool seen_record = false;
  InputLocation where{name, 0, "", ""};  // the sink's, reused
  while (!errors.full()) {
    auto line = reader.Next();
    if (!line) break;
    ++line_no;
    if (reader.too_long()) {
      RecordParser(name, line_no, errors)
          .Error("", "expected a line of at most " + std::to_string(kMaxLineBytes) +
                         " bytes (the JSONL line limit); the line is longer");
      continue;
    }
    if (line_no == 1 && line->starts_with("\xEF\xBB\xBF")) line->remove_prefix(3);
    if (IsBlank(*line)) continue;
    RecordParser p(name, line_no, errors);
    element doc;
    auto code = parser.parse(line->data(), line->size(), false).get(doc);
    if (code != simdjson::SUCCESS) {
      std::size_t bad = FirstInvalidUtf8(*line);
      if (bad != std::string_view::npos) {
        p.Error("", "expected UTF-8 text; invalid byte at column " + std::to_string(bad + 1));
      } else {
        std::size_t byte = 0;
        std::string why = SyntaxMessage(*line, code, &byte);
        p.Error("", byte > 0 ? "at column " + std::to_string(byte) + ": " + why : why);
      }
      continue;
    }
    simdjson::dom::object obj;
    if (doc.get_object().get(obj) != simdjson::SUCCESS) {
      p.Error("", "expected a JSON object per line; got " + TypeName(doc.type()));
      continue;
    }
    // The first "type" field; "format" matters only in a line without one.
    element type_el, format_el;
    bool has_type = false;
    for (auto kv : obj) {
      if (IsName(kv.key, "type")) {
        type_el = kv.value;
        has_type = true;
        break;
      }
    }
    bool has_format = !has_type && obj["format"].get(format_el) == simdjson::SUCCESS;
    if (has_format && !has_type) {
      if (seen_record) {
        p.Error("format", "expected the format line only as the first line of the file");
        continue;
      }
      seen_record = true;
      if (obj.size() != 1) {
        p.Error("", "expected the format line to hold only {\"format\": " +
                        JsonString(model::kCaseFormat) + "}");
      }
      CheckFormat(p, "format", format_el);
      continue;
    }
    seen_record = true;
    if (!has_type) {
      p.Error("", "missing required field \"type\"");
      continue;
    }
    auto type_name = p.String("type", type_el);
    if (!type_name) continue;
    auto type = ParseRecordType(*type_name);
    if (!type) {
      std::string names;
      for (std::string_view t : kRecordTypes) names += (names.empty() ? "" : ", ") + std::string(t);
      p.Error("type", "unknown record type " + Quoted(*type_name) + "; expected one of " + names);
      continue;
    }
    Status s = ParseAndSink(p, *type, obj, "type", sink, errors, stats, where);
    if (!s.ok()) return s;
  }
  stats.bytes = reader.bytes();
  stats.lines = line_no;
  if (reader.error()) return Status::Io(name + ": read error");
  if (!errors.empty()) return errors.ToStatus(name);
  return stats;
}

// ---------------------------------------------------------------- .json

Result<ReadStats> ReadJsonDocument(std::string_view text, const std::string& name,
                                   const ReadOptions& options, const RecordSink& sink) {
  ReadStats stats;
  stats.bytes = static_cast<std::int64_t>(text.size());
  stats.lines = std::count(text.begin(), text.end(), '\n');
  ErrorList errors(options.max_errors);
  InputLocation where{name, 0, "", ""};  // the sink's, reused
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  simdjson::padded_string padded(text);
  simdjson::dom::parser parser;
  element doc;
  auto code = parser.parse(padded).get(doc);
  if (code != simdjson::SUCCESS) {
    std::size_t bad = FirstInvalidUtf8(text);
    if (bad != std::string_view::npos) {
      auto [line, column] = LineAndColumn(text, bad);
      return Status::InvalidInput("expected UTF-8 text; invalid byte at column " +
                                      std::to_string(column),
                                  InputLocation{name, line, "", ""});
    }
    std::size_t byte = 0;
    std::string why = SyntaxMessage(text, code, &byte);
    if (byte == 0) return Status::InvalidInput(why, InputLocation{name, 0, "", ""});
    auto [line, column] = LineAndColumn(text, byte - 1);
    return Status::InvalidInput("at column " + std::to_string(column) + ": " + why,
                                InputLocation{name, line, "", ""});
  }
  RecordParser top(name, 0, errors);
  simdjson::dom::object obj;
  if (doc.get_object().get(obj) != simdjson::SUCCESS) {
    top.Error("", "expected a JSON object {\"format\": " + JsonString(model::kCaseFormat) +
                      ", \"sources\": [...], ...}; got " + TypeName(doc.type()));
    return errors.ToStatus(name);
  }
  static constexpr std::array<std::pair<std::string_view, RecordType>, 5> kSections = {
      {{"sources", RecordType::kSource},
       {"claims", RecordType::kClaim},
       {"links", RecordType::kLink},
       {"evidence", RecordType::kEvidence},
       {"relations", RecordType::kRelation}}};
  bool has_format = false;
  std::vector<std::string_view> seen;
  for (auto kv : obj) {
    if (errors.full()) break;  // every further field would be one more error
    if (std::find(seen.begin(), seen.end(), kv.key) != seen.end()) {
      top.Error(kv.key, "duplicate field \"" + std::string(kv.key) + "\"");
      continue;
    }
    if (kv.key.size() > kMaxStringBytes) {
      top.Error("", "field name: " + StringTooLong(kv.key.size()));
      continue;
    }
    seen.push_back(kv.key);
    if (kv.key == "format") {
      has_format = true;
      CheckFormat(top, "format", kv.value);
      continue;
    }
    auto section = std::find_if(kSections.begin(), kSections.end(),
                                [&](const auto& s) { return s.first == kv.key; });
    if (section == kSections.end()) {
      top.Error(kv.key, "unknown field " + Quoted(kv.key) +
                            "; expected one of format, sources, claims, links, evidence, "
                            "relations");
      continue;
    }
    simdjson::dom::array arr;
    if (kv.value.get_array().get(arr) != simdjson::SUCCESS) {
      top.Error(kv.key, "expected an array; got " + TypeName(kv.value.type()));
      continue;
    }
    std::size_t i = 0;
    for (element e : arr) {
      if (errors.full()) break;
      RecordParser p(name, 0, "/" + std::string(kv.key) + "/" + std::to_string(i++), errors);
      simdjson::dom::object rec;
      if (e.get_object().get(rec) != simdjson::SUCCESS) {
        p.Error("", "expected a JSON object; got " + TypeName(e.type()));
        continue;
      }
      Status s = ParseAndSink(p, section->second, rec, "", sink, errors, stats, where);
      if (!s.ok()) return s;
    }
  }
  if (!has_format) top.Error("", "missing required field \"format\"");
  if (!errors.empty()) return errors.ToStatus(name);
  return stats;
}

struct CloseFile {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

}  // namespace

Result<Encoding> EncodingOf(const std::filesystem::path& file) {
  if (file == "-") return Encoding::kJsonl;
  auto ext = file.extension();
  if (ext == ".jsonl") return Encoding::kJsonl;
  if (ext == ".json") return Encoding::kJson;
  return Status::Usage(file.string() + ": expected a .json or .jsonl file (or - for JSONL on stdin)");
}

Result<ReadStats> ReadCaseStream(std::FILE* in, std::string_view name, Encoding encoding,
                                 const ReadOptions& options, const RecordSink& sink) {
  std::string n(name);
  if (encoding == Encoding::kJsonl) return ReadJsonl(in, n, options, sink);
  std::string text;
  char buf[1 << 16];
  std::size_t got;
  while ((got = std::fread(buf, 1, sizeof buf, in)) > 0) text.append(buf, got);
  if (std::ferror(in)) return Status::Io(n + ": read error");
  return ReadJsonDocument(text, n, options, sink);
}

Result<ReadStats> ReadCaseFile(const std::filesystem::path& file, const ReadOptions& options,
                               const RecordSink& sink) {
  auto encoding = EncodingOf(file);
  if (!encoding.ok()) return encoding.status();
  if (file == "-") return ReadCaseStream(stdin, "-", Encoding::kJsonl, options, sink);
  std::unique_ptr<std::FILE, CloseFile> in(std::fopen(file.c_str(), "rb"));
  if (!in) {
    std::string why = std::strerror(errno);
    if (errno == ENOENT) return Status::NotFound(file.string() + ": cannot open: " + why);
    return Status::Io(file.string() + ": cannot open: " + why);
  }
  if (std::filesystem::is_directory(file)) {
    return Status::Usage(file.string() + ": is a directory, expected a case file");
  }
  return ReadCaseStream(in.get(), file.string(), *encoding, options, sink);
}

Result<model::Case> ParseCaseText(std::string_view text, Encoding encoding,
                                  std::string_view name) {
  model::Case c;
  auto sink = [&c](Record&& r, const InputLocation&) {
    std::visit(
        [&c](auto&& rec) {
          using T = std::decay_t<decltype(rec)>;
          if constexpr (std::is_same_v<T, model::Source>) c.sources.push_back(std::move(rec));
          if constexpr (std::is_same_v<T, model::Claim>) c.claims.push_back(std::move(rec));
          if constexpr (std::is_same_v<T, model::Link>) c.links.push_back(std::move(rec));
          if constexpr (std::is_same_v<T, model::Evidence>) c.evidence.push_back(std::move(rec));
          if constexpr (std::is_same_v<T, model::Relation>) c.relations.push_back(std::move(rec));
        },
        std::move(r));
    return Status::Ok();
  };
  Result<ReadStats> stats = Status::Internal("unread");
  if (encoding == Encoding::kJson) {
    stats = ReadJsonDocument(text, std::string(name), ReadOptions{}, sink);
  } else {
    std::unique_ptr<std::FILE, CloseFile> in(
        fmemopen(const_cast<char*>(text.data()), text.size(), "rb"));
    if (text.empty()) return c;
    if (!in) return Status::Io("cannot read text in memory");
    stats = ReadJsonl(in.get(), std::string(name), ReadOptions{}, sink);
  }
  if (!stats.ok()) return stats.status();
  return c;
}

Result<model::JsonText> CanonicalJson(std::string_view json) {
  simdjson::padded_string padded(json);
  simdjson::dom::parser parser;
  element doc;
  auto code = parser.parse(padded).get(doc);
  if (code != simdjson::SUCCESS) {
    if (FirstInvalidUtf8(json) != std::string_view::npos) {
      return Status::InvalidInput("expected UTF-8 text");
    }
    std::size_t byte = 0;
    return Status::InvalidInput(SyntaxMessage(json, code, &byte));
  }
  std::string out, bad;
  Canonicalizer canon;
  if (!canon.Append(doc, out, bad)) {
    return Status::InvalidInput(canon.error(), InputLocation{"", 0, bad, ""});
  }
  return out;
}

Result<model::Attributes> AttributesFromJson(std::string_view json) {
  if (json == "{}") return model::Attributes{};  // most records: skip the parser
  simdjson::padded_string padded(json);
  simdjson::dom::parser parser;
  element doc;
  simdjson::dom::object obj;
  if (parser.parse(padded).get(doc) != simdjson::SUCCESS ||
      doc.get_object().get(obj) != simdjson::SUCCESS) {
    return Status::InvalidInput("expected a JSON object of attributes");
  }
  model::Attributes out;
  for (auto kv : obj) {
    std::string value, bad;
    Canonicalizer canon;
    if (!canon.Append(kv.value, value, bad)) {
      return Status::InvalidInput(canon.error(), InputLocation{"", 0, bad, ""});
    }
    out[std::string(kv.key)] = std::move(value);
  }
  return out;
}

Result<std::vector<std::string>> StringListFromJson(std::string_view json) {
  if (json == "[]") return std::vector<std::string>{};
  // Lists of ids hold no escapes: split them without building a parser.
  if (json.size() >= 4 && json.starts_with("[\"") && json.ends_with("\"]") &&
      json.find('\\') == std::string_view::npos) {
    std::vector<std::string> out;
    std::string_view rest = json.substr(2, json.size() - 4);
    for (;;) {
      auto sep = rest.find("\",\"");
      out.emplace_back(rest.substr(0, sep));
      if (sep == std::string_view::npos) break;
      rest.remove_prefix(sep + 3);
    }
    if (std::none_of(out.begin(), out.end(),
                     [](const std::string& s) { return s.find('"') != std::string::npos; })) {
      return out;
    }
  }
  simdjson::padded_string padded(json);
  simdjson::dom::parser parser;
  element doc;
  simdjson::dom::array arr;
  if (parser.parse(padded).get(doc) != simdjson::SUCCESS ||
      doc.get_array().get(arr) != simdjson::SUCCESS) {
    return Status::InvalidInput("expected a JSON array of strings");
  }
  std::vector<std::string> out;
  for (element e : arr) {
    std::string_view s;
    if (e.get_string().get(s) != simdjson::SUCCESS) {
      return Status::InvalidInput("expected a JSON array of strings");
    }
    out.emplace_back(s);
  }
  return out;
}

}  // namespace credence::ingest
