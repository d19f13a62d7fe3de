#include "core/ingest/case_writer.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <tuple>

namespace credence::ingest {
namespace {

bool NeedsEscape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

// The escape of a byte that needs one (NeedsEscape), written at `out`: at
// most 6 bytes. Returns the end.
char* WriteEscape(char* out, unsigned char c) {
  *out++ = '\\';
  switch (c) {
    case '"': *out++ = '"'; break;
    case '\\': *out++ = '\\'; break;
    case '\b': *out++ = 'b'; break;
    case '\f': *out++ = 'f'; break;
    case '\n': *out++ = 'n'; break;
    case '\r': *out++ = 'r'; break;
    case '\t': *out++ = 't'; break;
    default: {
      constexpr char kHex[] = "0123456789abcdef";
      *out++ = 'u';
      *out++ = '0';
      *out++ = '0';
      *out++ = kHex[c >> 4];
      *out++ = kHex[c & 0xf];
    }
  }
  return out;
}

void AppendString(std::string& out, std::string_view text) {
  out += '"';
  // Runs of characters that need no escape (nearly all) are copied whole.
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (!NeedsEscape(c)) continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    char buf[8];
    out.append(buf, WriteEscape(buf, c));
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
}

// Appends ,"name": before a field; the first field of a body has no comma.
void Key(std::string& out, std::string_view name) {
  if (!out.empty()) out += ',';
  AppendString(out, name);
  out += ':';
}

void StringField(std::string& out, std::string_view name, std::string_view value) {
  Key(out, name);
  AppendString(out, value);
}

void RawField(std::string& out, std::string_view name, std::string_view json) {
  Key(out, name);
  out += json;
}

}  // namespace

void AppendAttributesJson(std::string& out, const model::Attributes& attributes) {
  out += '{';
  bool first = true;
  for (const auto& [name, value] : attributes) {
    if (!first) out += ',';
    first = false;
    AppendString(out, name);
    out += ':';
    out += value;
  }
  out += '}';
}

namespace {

void AttributesField(std::string& out, const model::Attributes& attributes) {
  if (attributes.empty()) return;
  Key(out, "attributes");
  AppendAttributesJson(out, attributes);
}

}  // namespace

void AppendStringListJson(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    AppendString(out, items[i]);
  }
  out += ']';
}

void AppendLabelJson(std::string& out, const model::Label& label) {
  if (label.is_binary()) {
    out += label.truth ? "true" : "false";
    return;
  }
  out += "{\"scale\":";
  AppendString(out, label.scale);
  out += ",\"value\":";
  out += label.value;
  out += '}';
}

namespace {

void StringArrayField(std::string& out, std::string_view name,
                      const std::vector<std::string>& items) {
  Key(out, name);
  AppendStringListJson(out, items);
}

std::string Body(const model::Source& s) {
  std::string out;
  StringField(out, "id", s.id);
  StringField(out, "name", s.name);
  StringField(out, "kind", model::Name(s.kind));
  AttributesField(out, s.attributes);
  if (s.track_record) {
    const model::TrackRecord& t = *s.track_record;
    Key(out, "track_record");
    out += "{\"confirmed\":" + std::to_string(t.confirmed) +
           ",\"refuted\":" + std::to_string(t.refuted) +
           ",\"unresolved\":" + std::to_string(t.unresolved) + "}";
  }
  return out;
}

std::string Body(const model::Claim& c) {
  std::string out;
  StringField(out, "id", c.id);
  StringField(out, "text", c.text);
  if (c.kind) StringField(out, "kind", model::Name(*c.kind));
  if (c.lang) StringField(out, "lang", *c.lang);
  if (c.made_at) StringField(out, "made_at", c.made_at->ToString());
  if (c.topic) StringField(out, "topic", *c.topic);
  AttributesField(out, c.attributes);
  if (c.label) {
    Key(out, "label");
    AppendLabelJson(out, *c.label);
  }
  return out;
}

std::string Body(const model::Link& l) {
  std::string out;
  StringField(out, "source", l.source);
  StringField(out, "claim", l.claim);
  StringField(out, "stance", model::Name(l.stance));
  StringField(out, "mode", model::Name(l.mode));
  if (!l.via.empty()) StringArrayField(out, "via", l.via);
  if (l.reported_by) StringField(out, "reported_by", *l.reported_by);
  if (l.at) StringField(out, "at", l.at->ToString());
  AttributesField(out, l.attributes);
  return out;
}

std::string Body(const model::Evidence& e) {
  std::string out;
  StringField(out, "claim", e.claim);
  StringField(out, "feature", e.feature);
  RawField(out, "value", e.value);
  if (e.note) StringField(out, "note", *e.note);
  return out;
}

std::string Body(const model::Relation& r) {
  std::string out;
  StringField(out, "kind", model::Name(r.kind));
  if (r.kind == model::RelationKind::kImplies && r.claims.size() == 2) {
    StringField(out, "from", r.claims[0]);
    StringField(out, "to", r.claims[1]);
  } else {
    StringArrayField(out, "claims", r.claims);
  }
  return out;
}

std::string Line(std::string_view type, const std::string& body) {
  std::string out = "{\"type\":";
  AppendString(out, type);
  out += ',';
  out += body;
  out += '}';
  return out;
}

std::string Object(const std::string& body) { return "{" + body + "}"; }

}  // namespace

std::string JsonString(std::string_view text) {
  std::string out;
  AppendString(out, text);
  return out;
}

void AppendJsonString(std::string& out, std::string_view text) { AppendString(out, text); }

void AppendJsonInt(std::string& out, std::int64_t value) {
  char buf[kJsonIntBound];
  out.append(buf, WriteJsonInt(buf, value));
}

char* WriteJsonString(char* out, std::string_view text) {
  *out++ = '"';
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (NeedsEscape(c)) {
      out = WriteEscape(out, c);
    } else {
      *out++ = ch;
    }
  }
  *out++ = '"';
  return out;
}

char* WriteJsonInt(char* out, std::int64_t value) {
  return std::to_chars(out, out + kJsonIntBound, value).ptr;
}

std::string AttributesJson(const model::Attributes& attributes) {
  std::string out;
  AppendAttributesJson(out, attributes);
  return out;
}

std::string StringListJson(const std::vector<std::string>& items) {
  std::string out;
  AppendStringListJson(out, items);
  return out;
}

std::string FormatJsonLine() {
  return "{\"format\":" + JsonString(model::kCaseFormat) + "}";
}

std::string ToJsonLine(const model::Source& r) { return Line("source", Body(r)); }
std::string ToJsonLine(const model::Claim& r) { return Line("claim", Body(r)); }
std::string ToJsonLine(const model::Link& r) { return Line("link", Body(r)); }
std::string ToJsonLine(const model::Evidence& r) { return Line("evidence", Body(r)); }
std::string ToJsonLine(const model::Relation& r) { return Line("relation", Body(r)); }

std::string ToJsonObject(const model::Source& r) { return Object(Body(r)); }
std::string ToJsonObject(const model::Claim& r) { return Object(Body(r)); }
std::string ToJsonObject(const model::Link& r) { return Object(Body(r)); }
std::string ToJsonObject(const model::Evidence& r) { return Object(Body(r)); }
std::string ToJsonObject(const model::Relation& r) { return Object(Body(r)); }

CaseWriter::CaseWriter(Encoding encoding, std::ostream& out)
    : encoding_(encoding), out_(out) {}

void CaseWriter::Write(const model::Source& r) { Emit(Section::kSources, "source", Body(r)); }
void CaseWriter::Write(const model::Claim& r) { Emit(Section::kClaims, "claim", Body(r)); }
void CaseWriter::Write(const model::Link& r) { Emit(Section::kLinks, "link", Body(r)); }
void CaseWriter::Write(const model::Evidence& r) {
  Emit(Section::kEvidence, "evidence", Body(r));
}
void CaseWriter::Write(const model::Relation& r) {
  Emit(Section::kRelations, "relation", Body(r));
}

// A .json file lists every section, empty ones too, so that its shape does
// not depend on the data; records sit one per line for readable diffs.
void CaseWriter::Begin(Section section) {
  static constexpr const char* kNames[] = {"", "sources", "claims", "links", "evidence",
                                           "relations"};
  if (!started_) {
    started_ = true;
    if (encoding_ == Encoding::kJsonl) {
      out_ << FormatJsonLine() << '\n';
    } else {
      out_ << "{\"format\":" << JsonString(model::kCaseFormat);
    }
  }
  if (encoding_ == Encoding::kJsonl) {
    section_ = section;
    return;
  }
  assert(section >= section_);
  while (section_ < section) {
    if (section_ != Section::kNone) out_ << (first_in_section_ ? "]" : "\n]");
    section_ = static_cast<Section>(static_cast<int>(section_) + 1);
    out_ << ",\n\"" << kNames[static_cast<int>(section_)] << "\":[";
    first_in_section_ = true;
  }
}

void CaseWriter::Emit(Section section, std::string_view type, const std::string& body) {
  Begin(section);
  if (encoding_ == Encoding::kJsonl) {
    out_ << Line(type, body) << '\n';
    return;
  }
  out_ << (first_in_section_ ? "\n{" : ",\n{") << body << '}';
  first_in_section_ = false;
}

bool CaseWriter::Finish() {
  Begin(encoding_ == Encoding::kJsonl ? Section::kNone : Section::kRelations);
  if (encoding_ == Encoding::kJson) out_ << (first_in_section_ ? "]}\n" : "\n]}\n");
  out_.flush();
  return static_cast<bool>(out_);
}

bool WriteCase(const model::Case& c, Encoding encoding, std::ostream& out) {
  auto sorted = [](auto records, auto key) {
    std::sort(records.begin(), records.end(),
              [&](const auto& a, const auto& b) { return key(a) < key(b); });
    return records;
  };
  CaseWriter writer(encoding, out);
  for (const auto& r : sorted(c.sources, [](const model::Source& s) { return s.id; })) {
    writer.Write(r);
  }
  for (const auto& r : sorted(c.claims, [](const model::Claim& s) { return s.id; })) {
    writer.Write(r);
  }
  for (const auto& r : sorted(c.links, [](const model::Link& l) {
         return std::tie(l.source, l.claim);
       })) {
    writer.Write(r);
  }
  for (const auto& r : sorted(c.evidence, [](const model::Evidence& e) {
         return std::tie(e.claim, e.feature);
       })) {
    writer.Write(r);
  }
  for (const auto& r : sorted(c.relations, [](const model::Relation& r) { return r.Key(); })) {
    writer.Write(r);
  }
  return writer.Finish();
}

}  // namespace credence::ingest
