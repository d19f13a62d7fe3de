#include "core/store/links_codec_internal.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>

#include "core/ingest/case_reader.h"
#include "core/ingest/case_writer.h"
#include "core/model/enums.h"

namespace credence::store {
namespace {

// Writes one element straight into `out`, sized once for it: `bound`
// bytes at least, `write(char*)` returning the end; the rest is cut off.
template <class Write>
void AppendBounded(std::size_t bound, std::string* out, Write&& write) {
  const std::size_t at = out->size();
  out->resize(at + bound);
  char* end = write(out->data() + at);
  out->resize(static_cast<std::size_t>(end - out->data()));
}

std::size_t OptStringBound(const std::string* s) {
  return s != nullptr ? ingest::JsonStringBound(s->size()) : 4;
}
char* WriteOptString(char* p, const std::string* s) {
  if (s != nullptr) return ingest::WriteJsonString(p, *s);
  std::memcpy(p, "null", 4);
  return p + 4;
}
char* WriteRaw(char* p, std::string_view json) {
  std::memcpy(p, json.data(), json.size());
  return p + json.size();
}

// The origin closing an element: import_id, origin_file, origin_line,
// origin_pointer, then the element's ']'.
std::size_t OriginBound(const OriginParts& origin) {
  return 3 * (ingest::kJsonIntBound + 1) + ingest::JsonStringBound(origin.pointer.size()) + 1;
}
char* WriteOrigin(char* p, const OriginParts& origin) {
  if (origin.import_id) {
    p = ingest::WriteJsonInt(p, *origin.import_id);
  } else {
    p = WriteRaw(p, "null");
  }
  *p++ = ',';
  p = ingest::WriteJsonInt(p, origin.file);
  *p++ = ',';
  p = ingest::WriteJsonInt(p, origin.line);
  *p++ = ',';
  p = ingest::WriteJsonString(p, origin.pointer);
  *p++ = ']';
  return p;
}

// An element's opening and key, `["KEY"`, then its content (`write`,
// starting with the comma after the key) and origin; `bound` bounds the
// content.
template <class Write>
ElementMarks AppendElement(std::string_view key, std::size_t bound, const OriginParts& origin,
                           std::string* out, Write&& write) {
  ElementMarks marks;
  marks.begin = out->size();
  AppendBounded(1 + ingest::JsonStringBound(key.size()) + bound + OriginBound(origin), out, [&](char* buf) {
    char* p = buf;
    *p++ = '[';
    p = ingest::WriteJsonString(p, key);
    marks.key_end = marks.begin + static_cast<std::size_t>(p - buf) - 1;
    p = write(p);
    marks.origin = marks.begin + static_cast<std::size_t>(p - buf);
    return WriteOrigin(p, origin);
  });
  marks.end = out->size();
  return marks;
}

const std::string* OptPointer(const std::optional<std::string>& s) { return s ? &*s : nullptr; }

// Stored links or evidence as one array (PackLinks, PackEvidence).
template <class T>
void PackStored(std::span<const T> records, std::string* out) {
  out->clear();
  out->push_back('[');
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendStoredElement(records[i], out);
  }
  out->push_back(']');
}

// kInternal "corrupt store: the NOUN of claim "ID": WHAT".
Status CorruptPacked(std::string_view noun, std::string_view claim, std::string_view what) {
  return Status::Internal("corrupt store: the " + std::string(noun) + " of claim " + ingest::JsonString(claim) +
                          ": " + std::string(what));
}

Status Corrupt(std::string_view claim, std::string_view what) { return CorruptPacked("links", claim, what); }

}  // namespace

LinkParts PartsOf(const StoredLink& l) {
  return {l.source, l.stance, l.mode, l.via, nullptr, OptPointer(l.reported_by), OptPointer(l.at), l.attributes};
}
OriginParts OriginOf(const StoredLink& l) {
  return {l.import_id, l.origin_file, l.origin_line, l.origin_pointer};
}

ElementMarks AppendLinkElement(const LinkParts& l, const OriginParts& origin, std::string* out) {
  std::size_t via_bound = l.via.size();
  if (l.via_ids != nullptr) {
    via_bound = 2;
    for (const std::string& id : *l.via_ids) via_bound += ingest::JsonStringBound(id.size()) + 1;
  }
  const std::size_t bound = ingest::JsonStringBound(l.stance.size()) + ingest::JsonStringBound(l.mode.size()) +
                            via_bound + OptStringBound(l.reported_by) + OptStringBound(l.at) +
                            l.attributes.size() + 7;
  return AppendElement(l.source, bound, origin, out, [&](char* p) {
    *p++ = ',';
    p = ingest::WriteJsonString(p, l.stance);
    *p++ = ',';
    p = ingest::WriteJsonString(p, l.mode);
    *p++ = ',';
    if (l.via_ids != nullptr) {
      *p++ = '[';
      for (std::size_t i = 0; i < l.via_ids->size(); ++i) {
        if (i > 0) *p++ = ',';
        p = ingest::WriteJsonString(p, (*l.via_ids)[i]);
      }
      *p++ = ']';
    } else {
      p = WriteRaw(p, l.via);
    }
    *p++ = ',';
    p = WriteOptString(p, l.reported_by);
    *p++ = ',';
    p = WriteOptString(p, l.at);
    *p++ = ',';
    p = WriteRaw(p, l.attributes);
    *p++ = ',';
    return p;
  });
}

ElementMarks AppendStoredElement(const StoredLink& l, std::string* out) {
  return AppendLinkElement(PartsOf(l), OriginOf(l), out);
}

void PackLinks(std::span<const StoredLink> links, std::string* out) { PackStored(links, out); }

namespace {

// A reader of the arrays PackLinks writes (and the migration's json_array(),
// the same shape): strings, null, integers, and via / attributes taken as
// their raw JSON text. Specialised because it is on the hot path of `score`
// (every link of the store goes through it); a general parser cost several
// times more per link. Whitespace between tokens is allowed.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

  bool AtEnd() {
    SkipSpace();
    return p_ == end_;
  }
  bool Take(char c) {
    SkipSpace();
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }
  bool Peek(char c) {
    SkipSpace();
    return p_ != end_ && *p_ == c;
  }
  bool Null() {
    SkipSpace();
    if (end_ - p_ < 4 || std::string_view(p_, 4) != "null") return false;
    p_ += 4;
    return true;
  }
  bool Int(std::int64_t* out) {
    SkipSpace();
    auto [next, ec] = std::from_chars(p_, end_, *out);
    if (ec != std::errc() || next == p_) return false;
    if (next != end_ && (*next == '.' || *next == 'e' || *next == 'E')) return false;
    p_ = next;
    return true;
  }
  // A JSON string, unescaped into `out`.
  bool String(std::string* out) {
    if (!Take('"')) return false;
    out->clear();
    const char* run = p_;
    while (p_ != end_) {
      char c = *p_;
      if (c == '"') {
        out->append(run, p_);
        ++p_;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') {
        ++p_;
        continue;
      }
      out->append(run, p_);
      if (++p_ == end_) return false;
      switch (*p_++) {
        case '"': out->push_back('"'); break;
        case '\\': out->push_back('\\'); break;
        case '/': out->push_back('/'); break;
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case 'n': out->push_back('\n'); break;
        case 'r': out->push_back('\r'); break;
        case 't': out->push_back('\t'); break;
        case 'u':
          if (!Unicode(out)) return false;
          break;
        default: return false;
      }
      run = p_;
    }
    return false;
  }
  // Where the next token starts (whitespace skipped).
  const char* Here() {
    SkipSpace();
    return p_;
  }
  // An origin closing an element, only checked (as ScanOrigin reads it):
  // import_id (an integer or null), origin_file, origin_line (integers),
  // origin_pointer (a string), then the element's ']'. A fast path for the
  // text the store writes (no whitespace, no escape in the pointer): every
  // link and evidence record of a store goes through it when `score` reads.
  bool SkipOrigin() {
    const char* start = p_;
    auto digits = [&] {
      if (p_ != end_ && *p_ == '-') ++p_;
      const char* first = p_;
      while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
      return p_ != first && p_ != end_ && *p_ == ',';
    };
    bool fast = end_ - p_ >= 4 && std::string_view(p_, 4) == "null" ? (p_ += 4, p_ != end_ && *p_ == ',')
                                                                     : digits();
    fast = fast && (++p_, digits()) && (++p_, digits()) && (++p_, p_ != end_ && *p_ == '"');
    if (fast) {
      ++p_;
      while (p_ != end_ && kPlain[static_cast<unsigned char>(*p_)]) ++p_;
      if (end_ - p_ >= 2 && p_[0] == '"' && p_[1] == ']') {
        p_ += 2;
        return true;
      }
    }
    p_ = start;  // the general path
    std::string scratch;
    std::string_view pointer;
    return (Null() || SkipInt()) && Take(',') && SkipInt() && Take(',') && SkipInt() && Take(',') &&
           StringView(&pointer, &scratch) && Take(']');
  }
  // An integer as Int reads one, not converted (for fields that are only
  // checked).
  bool SkipInt() {
    SkipSpace();
    const char* start = p_;
    if (p_ != end_ && *p_ == '-') ++p_;
    const char* digits = p_;
    while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    if (p_ == digits || (p_ != end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E'))) {
      p_ = start;
      return false;
    }
    return true;
  }
  // A JSON string: a view of it as written when it holds no escape (ids,
  // enum spellings and dates never do), else its unescaped text in
  // `scratch`.
  bool StringView(std::string_view* out, std::string* scratch) {
    if (!Take('"')) return false;
    const char* start = p_;
    while (p_ != end_ && kPlain[static_cast<unsigned char>(*p_)]) ++p_;
    if (p_ != end_ && *p_ == '"') {
      *out = std::string_view(start, static_cast<std::size_t>(p_ - start));
      ++p_;
      return true;
    }
    p_ = start - 1;  // back to the quote: the general path
    if (!String(scratch)) return false;
    *out = *scratch;
    return true;
  }
  // A JSON array or object (`open` '[' or '{'), its text as written.
  bool Raw(char open, std::string* out) {
    std::string_view view;
    if (!RawView(open, &view)) return false;
    out->assign(view);
    return true;
  }
  // Any JSON value, its text as written: a string, an array or object, or
  // a literal (number, true, false, null) up to the next delimiter.
  bool RawValueView(std::string_view* out) {
    SkipSpace();
    if (p_ == end_) return false;
    if (*p_ == '[' || *p_ == '{') return RawView(*p_, out);
    const char* start = p_;
    if (*p_ == '"') {
      ++p_;
      while (p_ != end_ && *p_ != '"') p_ += *p_ == '\\' && end_ - p_ > 1 ? 2 : 1;
      if (p_ == end_) return false;
      ++p_;
    } else {
      while (p_ != end_ && *p_ != ',' && *p_ != ']' && *p_ != '}' && *p_ != ' ' && *p_ != '\n' &&
             *p_ != '\t' && *p_ != '\r') {
        ++p_;
      }
      if (p_ == start) return false;
    }
    *out = std::string_view(start, static_cast<std::size_t>(p_ - start));
    return true;
  }
  bool RawView(char open, std::string_view* out) {
    SkipSpace();
    if (p_ == end_ || *p_ != open) return false;
    const char* start = p_;
    int depth = 0;
    while (p_ != end_) {
      char c = *p_++;
      if (c == '"') {
        while (p_ != end_ && *p_ != '"') p_ += *p_ == '\\' && end_ - p_ > 1 ? 2 : 1;
        if (p_ == end_) return false;
        ++p_;
      } else if (c == '[' || c == '{') {
        ++depth;
      } else if (c == ']' || c == '}') {
        if (--depth == 0) {
          *out = std::string_view(start, static_cast<std::size_t>(p_ - start));
          return true;
        }
      }
    }
    return false;
  }

 private:
  void SkipSpace() {
    // PackLinks writes no whitespace: one test, usually.
    while (p_ != end_ && static_cast<unsigned char>(*p_) <= ' ' &&
           (*p_ == ' ' || *p_ == '\n' || *p_ == '\t' || *p_ == '\r')) {
      ++p_;
    }
  }
  // Bytes a JSON string holds as they are: not the quote, the backslash or
  // a control character.
  static constexpr std::array<bool, 256> kPlain = [] {
    std::array<bool, 256> plain{};
    for (int c = 0x20; c < 256; ++c) plain[c] = c != '"' && c != '\\';
    return plain;
  }();
  bool Hex4(unsigned* v) {
    if (end_ - p_ < 4) return false;
    auto [next, ec] = std::from_chars(p_, p_ + 4, *v, 16);
    if (ec != std::errc() || next != p_ + 4) return false;
    p_ += 4;
    return true;
  }
  // After "\u": one code point (a surrogate pair takes two escapes), as UTF-8.
  bool Unicode(std::string* out) {
    unsigned cp;
    if (!Hex4(&cp)) return false;
    if (cp >= 0xD800 && cp < 0xDC00) {
      unsigned low;
      if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
      p_ += 2;
      if (!Hex4(&low) || low < 0xDC00 || low >= 0xE000) return false;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    } else if (cp >= 0xDC00 && cp < 0xE000) {
      return false;
    }
    if (cp < 0x80) {
      out->push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
    return true;
  }

  const char* p_;
  const char* end_;
};

// Text of one claim's array being decoded into a shared buffer: each
// string the scanner gives becomes a slice of the buffer (appended when it
// was unescaped, then not in the array as written).
class SliceText {
 public:
  SliceText(std::string_view json, std::string* text) : json_(json), text_(text), base_(text->size()) {}

  // Whether the buffer can take the array (slices are 32-bit): unescaping
  // never lengthens a string, so the array and its unescaped strings take
  // at most twice its size.
  bool Fits() const { return base_ + 2 * json_.size() <= std::numeric_limits<std::uint32_t>::max(); }
  void Start() { text_->append(json_); }

  TextSlice Slice(std::string_view v) {
    if (v.data() >= json_.data() && v.data() + v.size() <= json_.data() + json_.size()) {
      return TextSlice{static_cast<std::uint32_t>(base_ + static_cast<std::size_t>(v.data() - json_.data())),
                       static_cast<std::uint32_t>(v.size())};
    }
    TextSlice out{static_cast<std::uint32_t>(text_->size()), static_cast<std::uint32_t>(v.size())};
    text_->append(v);
    return out;
  }

 private:
  std::string_view json_;
  std::string* text_;
  std::size_t base_;
};

// The origin closing an element: import_id, origin_file, origin_line,
// origin_pointer, then the element's ']'. Converted into `out` when it is
// not null, else only checked.
bool ScanOrigin(Scanner& in, SliceText& text, std::string* scratch, OriginSlice* out) {
  std::string_view v;
  if (out == nullptr) return in.SkipOrigin();
  if (in.Null()) {
    out->import_id.reset();
  } else {
    std::int64_t id;
    if (!in.Int(&id)) return false;
    out->import_id = id;
  }
  if (!in.Take(',') || !in.Int(&out->file) || !in.Take(',') || !in.Int(&out->line) || !in.Take(',') ||
      !in.StringView(&v, scratch) || !in.Take(']')) {
    return false;
  }
  out->pointer = text.Slice(v);
  return true;
}

// Sorts the elements appended from `first` on by `key`, their origins (if
// any) alongside.
template <class Slice, class Key>
void SortAppended(std::vector<Slice>* slices, std::vector<OriginSlice>* origins, std::size_t first,
                  std::string_view text, Key key) {
  const auto begin = slices->begin() + static_cast<std::ptrdiff_t>(first);
  auto less = [&](const Slice& a, const Slice& b) { return key(a).In(text) < key(b).In(text); };
  if (std::is_sorted(begin, slices->end(), less)) return;
  if (origins == nullptr) {
    std::sort(begin, slices->end(), less);
    return;
  }
  const std::size_t n = slices->size() - first;
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return less((*slices)[first + a], (*slices)[first + b]); });
  std::vector<Slice> sorted_slices;
  std::vector<OriginSlice> sorted_origins;
  for (std::size_t i : order) {
    sorted_slices.push_back((*slices)[first + i]);
    sorted_origins.push_back((*origins)[origins->size() - n + i]);
  }
  std::copy(sorted_slices.begin(), sorted_slices.end(), begin);
  std::copy(sorted_origins.begin(), sorted_origins.end(), origins->end() - static_cast<std::ptrdiff_t>(n));
}

// Scans `json`, an array whose elements `scan_one` reads.
template <class ScanOne, class CorruptFn>
Status ScanArray(Scanner& in, const ScanOne& scan_one, const CorruptFn& corrupt) {
  if (!in.Take('[')) return corrupt("not a JSON array");
  if (!in.Take(']')) {
    do {
      CREDENCE_RETURN_IF_ERROR(scan_one());
    } while (in.Take(','));
    if (!in.Take(']')) return corrupt("expected , or ] in the array");
  }
  if (!in.AtEnd()) return corrupt("text after the array");
  return Status::Ok();
}

}  // namespace

Status DecodeLinkSlices(std::string_view claim, std::string_view json, std::string* text,
                        std::vector<LinkSlice>* links, std::vector<TextSlice>* via,
                        std::vector<OriginSlice>* origins) {
  SliceText slices(json, text);
  if (!slices.Fits()) return Corrupt(claim, "more links than one read batch holds");
  slices.Start();
  const std::size_t first = links->size();
  std::string scratch;
  constexpr std::string_view kShape =
      "expected [source, stance, mode, via, reported_by, at, attributes, import_id, origin_file, "
      "origin_line, origin_pointer]";
  Scanner in(json);
  auto scan_one = [&]() -> Status {
    LinkSlice l;
    std::string_view v;
    if (!in.Take('[') || !in.StringView(&v, &scratch)) return Corrupt(claim, kShape);
    l.source = slices.Slice(v);
    if (!in.Take(',') || !in.StringView(&v, &scratch)) return Corrupt(claim, kShape);
    auto stance = model::ParseStance(v);
    if (!stance) return Corrupt(claim, "stance " + ingest::JsonString(v));
    l.stance = *stance;
    if (!in.Take(',') || !in.StringView(&v, &scratch)) return Corrupt(claim, kShape);
    auto mode = model::ParseLinkMode(v);
    if (!mode) return Corrupt(claim, "link mode " + ingest::JsonString(v));
    l.mode = *mode;
    if (!in.Take(',')) return Corrupt(claim, kShape);
    const char* via_start = in.Here();
    if (!in.Take('[')) return Corrupt(claim, "via list");
    l.via_begin = static_cast<std::uint32_t>(via->size());
    if (!in.Take(']')) {
      do {
        if (!in.StringView(&v, &scratch)) return Corrupt(claim, "via list");
        via->push_back(slices.Slice(v));
      } while (in.Take(','));
      if (!in.Take(']')) return Corrupt(claim, "via list");
    }
    l.via_text = slices.Slice(std::string_view(via_start, static_cast<std::size_t>(in.Here() - via_start)));
    l.via_count = static_cast<std::uint32_t>(via->size() - l.via_begin);
    if (!in.Take(',')) return Corrupt(claim, kShape);
    if (!in.Null()) {
      if (!in.StringView(&v, &scratch)) return Corrupt(claim, kShape);
      l.reported_by = slices.Slice(v);
      l.has_reported_by = true;
    }
    if (!in.Take(',')) return Corrupt(claim, kShape);
    if (!in.Null()) {
      if (!in.StringView(&v, &scratch)) return Corrupt(claim, kShape);
      l.at = model::Date::Parse(v);
      if (!l.at) return Corrupt(claim, "date " + ingest::JsonString(v));
    }
    if (!in.Take(',') || !in.RawView('{', &v) || !in.Take(',')) return Corrupt(claim, kShape);
    l.attributes = slices.Slice(v);
    OriginSlice* origin = origins != nullptr ? &origins->emplace_back() : nullptr;
    if (!ScanOrigin(in, slices, &scratch, origin)) return Corrupt(claim, kShape);
    links->push_back(l);
    return Status::Ok();
  };
  CREDENCE_RETURN_IF_ERROR(ScanArray(in, scan_one, [&](std::string_view what) { return Corrupt(claim, what); }));
  SortAppended(links, origins, first, *text, [](const LinkSlice& l) { return l.source; });
  return Status::Ok();
}

Status DecodeLinks(std::string_view claim, std::string_view json, std::vector<StoredLink>* out) {
  out->clear();
  std::string text;
  std::vector<LinkSlice> links;
  std::vector<TextSlice> via;
  std::vector<OriginSlice> origins;
  CREDENCE_RETURN_IF_ERROR(DecodeLinkSlices(claim, json, &text, &links, &via, &origins));
  out->reserve(links.size());
  for (std::size_t i = 0; i < links.size(); ++i) {
    const LinkSlice& l = links[i];
    StoredLink& s = out->emplace_back();
    s.source = l.source.In(text);
    s.stance = model::Name(l.stance);
    s.mode = model::Name(l.mode);
    s.via = l.via_text.In(text);
    if (l.has_reported_by) s.reported_by.emplace(l.reported_by.In(text));
    if (l.at) s.at = l.at->ToString();
    s.attributes = l.attributes.In(text);
    s.import_id = origins[i].import_id;
    s.origin_file = origins[i].file;
    s.origin_line = origins[i].line;
    s.origin_pointer = origins[i].pointer.In(text);
  }
  return Status::Ok();
}

namespace {

Status CorruptEvidence(std::string_view claim, std::string_view what) {
  return CorruptPacked("evidence", claim, what);
}

}  // namespace

EvidenceParts PartsOf(const StoredEvidence& e) { return {e.feature, e.value, OptPointer(e.note)}; }
OriginParts OriginOf(const StoredEvidence& e) {
  return {e.import_id, e.origin_file, e.origin_line, e.origin_pointer};
}

ElementMarks AppendEvidenceElement(const EvidenceParts& e, const OriginParts& origin, std::string* out) {
  const std::size_t bound = e.value.size() + OptStringBound(e.note) + 3;
  return AppendElement(e.feature, bound, origin, out, [&](char* p) {
    *p++ = ',';
    p = WriteRaw(p, e.value);
    *p++ = ',';
    p = WriteOptString(p, e.note);
    *p++ = ',';
    return p;
  });
}

ElementMarks AppendStoredElement(const StoredEvidence& e, std::string* out) {
  return AppendEvidenceElement(PartsOf(e), OriginOf(e), out);
}

void PackEvidence(std::span<const StoredEvidence> evidence, std::string* out) { PackStored(evidence, out); }

Status DecodeEvidenceSlices(std::string_view claim, std::string_view json, std::string* text,
                            std::vector<EvidenceSlice>* evidence, std::vector<OriginSlice>* origins) {
  SliceText slices(json, text);
  if (!slices.Fits()) return CorruptEvidence(claim, "more evidence than one read batch holds");
  slices.Start();
  const std::size_t first = evidence->size();
  std::string scratch;
  constexpr std::string_view kShape =
      "expected [feature, value, note, import_id, origin_file, origin_line, origin_pointer]";
  Scanner in(json);
  auto scan_one = [&]() -> Status {
    EvidenceSlice e;
    std::string_view v;
    if (!in.Take('[') || !in.StringView(&v, &scratch)) return CorruptEvidence(claim, kShape);
    e.feature = slices.Slice(v);
    if (!in.Take(',') || !in.RawValueView(&v) || !in.Take(',')) return CorruptEvidence(claim, kShape);
    e.value = slices.Slice(v);
    if (!in.Null()) {
      if (!in.StringView(&v, &scratch)) return CorruptEvidence(claim, kShape);
      e.note = slices.Slice(v);
      e.has_note = true;
    }
    if (!in.Take(',')) return CorruptEvidence(claim, kShape);
    OriginSlice* origin = origins != nullptr ? &origins->emplace_back() : nullptr;
    if (!ScanOrigin(in, slices, &scratch, origin)) return CorruptEvidence(claim, kShape);
    evidence->push_back(e);
    return Status::Ok();
  };
  CREDENCE_RETURN_IF_ERROR(
      ScanArray(in, scan_one, [&](std::string_view what) { return CorruptEvidence(claim, what); }));
  SortAppended(evidence, origins, first, *text, [](const EvidenceSlice& e) { return e.feature; });
  return Status::Ok();
}

Status DecodeEvidence(std::string_view claim, std::string_view json, std::vector<StoredEvidence>* out) {
  out->clear();
  std::string text;
  std::vector<EvidenceSlice> evidence;
  std::vector<OriginSlice> origins;
  CREDENCE_RETURN_IF_ERROR(DecodeEvidenceSlices(claim, json, &text, &evidence, &origins));
  out->reserve(evidence.size());
  for (std::size_t i = 0; i < evidence.size(); ++i) {
    const EvidenceSlice& e = evidence[i];
    StoredEvidence& s = out->emplace_back();
    s.feature = e.feature.In(text);
    s.value = e.value.In(text);
    if (e.has_note) s.note.emplace(e.note.In(text));
    s.import_id = origins[i].import_id;
    s.origin_file = origins[i].file;
    s.origin_line = origins[i].line;
    s.origin_pointer = origins[i].pointer.In(text);
  }
  return Status::Ok();
}

Result<model::Label> DecodeLabel(std::string_view claim, std::string_view json) {
  if (json == "true" || json == "false") return model::Label{json == "true", "", ""};
  Scanner in(json);
  std::string key, scale;
  std::string_view value;
  if (in.Take('{') && in.String(&key) && key == "scale" && in.Take(':') && in.String(&scale) && !scale.empty() &&
      in.Take(',') && in.String(&key) && key == "value" && in.Take(':') && in.RawValueView(&value) &&
      in.Take('}') && in.AtEnd()) {
    return model::Label{false, std::move(scale), std::string(value)};
  }
  return CorruptPacked("label", claim, "expected true, false or {\"scale\": NAME, \"value\": V}");
}

}  // namespace credence::store
