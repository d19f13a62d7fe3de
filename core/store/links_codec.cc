#include "core/store/links_codec_internal.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <limits>

#include "core/ingest/case_reader.h"
#include "core/ingest/case_writer.h"
#include "core/model/enums.h"

namespace credence::store {
namespace {

void AppendOptString(const std::optional<std::string>& s, std::string* out) {
  if (s) {
    ingest::AppendJsonString(*out, *s);
  } else {
    out->append("null");
  }
}

Status Corrupt(std::string_view claim, std::string_view what) {
  return Status::Internal("corrupt store: the links of claim " + ingest::JsonString(claim) + ": " +
                          std::string(what));
}

bool BySource(const StoredLink& a, const StoredLink& b) { return a.source < b.source; }

}  // namespace

void SortBySource(std::vector<StoredLink>* links) {
  if (!std::is_sorted(links->begin(), links->end(), BySource)) {
    std::sort(links->begin(), links->end(), BySource);
  }
}

void PackLinks(std::span<const StoredLink> links, std::string* out) {
  out->clear();
  out->push_back('[');
  for (std::size_t i = 0; i < links.size(); ++i) {
    const StoredLink& l = links[i];
    if (i > 0) out->push_back(',');
    out->push_back('[');
    ingest::AppendJsonString(*out, l.source);
    out->push_back(',');
    ingest::AppendJsonString(*out, l.stance);
    out->push_back(',');
    ingest::AppendJsonString(*out, l.mode);
    out->push_back(',');
    out->append(l.via);
    out->push_back(',');
    AppendOptString(l.reported_by, out);
    out->push_back(',');
    AppendOptString(l.at, out);
    out->push_back(',');
    out->append(l.attributes);
    out->push_back(',');
    if (l.import_id) {
      ingest::AppendJsonInt(*out, *l.import_id);
    } else {
      out->append("null");
    }
    out->push_back(',');
    ingest::AppendJsonInt(*out, l.origin_file);
    out->push_back(',');
    ingest::AppendJsonInt(*out, l.origin_line);
    out->push_back(',');
    ingest::AppendJsonString(*out, l.origin_pointer);
    out->push_back(']');
  }
  out->push_back(']');
}

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

bool OptString(Scanner& in, std::optional<std::string>* out) {
  if (in.Null()) {
    out->reset();
    return true;
  }
  if (!out->has_value()) out->emplace();
  return in.String(&**out);
}

// One element: [source, stance, mode, via, reported_by, at, attributes,
// import_id, origin_file, origin_line, origin_pointer].
bool ScanLink(Scanner& in, StoredLink* l) {
  if (!in.Take('[') || !in.String(&l->source) || !in.Take(',') || !in.String(&l->stance) ||
      !in.Take(',') || !in.String(&l->mode) || !in.Take(',') || !in.Raw('[', &l->via) ||
      !in.Take(',') || !OptString(in, &l->reported_by) || !in.Take(',') ||
      !OptString(in, &l->at) || !in.Take(',') || !in.Raw('{', &l->attributes) ||
      !in.Take(',')) {
    return false;
  }
  if (in.Null()) {
    l->import_id.reset();
  } else {
    std::int64_t id;
    if (!in.Int(&id)) return false;
    l->import_id = id;
  }
  return in.Take(',') && in.Int(&l->origin_file) && in.Take(',') && in.Int(&l->origin_line) &&
         in.Take(',') && in.String(&l->origin_pointer) && in.Take(']');
}

}  // namespace

Status DecodeLinks(std::string_view claim, std::string_view json, std::vector<StoredLink>* out) {
  out->clear();
  Scanner in(json);
  if (!in.Take('[')) return Corrupt(claim, "not a JSON array");
  if (!in.Take(']')) {
    do {
      out->emplace_back();
      if (!ScanLink(in, &out->back())) {
        return Corrupt(claim, "expected [source, stance, mode, via, reported_by, at, attributes, "
                              "import_id, origin_file, origin_line, origin_pointer]");
      }
    } while (in.Take(','));
    if (!in.Take(']')) return Corrupt(claim, "expected , or ] in the array");
  }
  if (!in.AtEnd()) return Corrupt(claim, "text after the array");
  SortBySource(out);
  return Status::Ok();
}

Status DecodeLinkSlices(std::string_view claim, std::string_view json, std::string* text,
                        std::vector<LinkSlice>* links, std::vector<TextSlice>* via) {
  const std::size_t base = text->size();
  // Unescaping never lengthens a string: the array and its unescaped
  // strings take at most twice its size.
  if (base + 2 * json.size() > std::numeric_limits<std::uint32_t>::max()) {
    return Corrupt(claim, "more links than one read batch holds");
  }
  text->append(json);
  const std::size_t first = links->size();
  std::string scratch;
  // A string the scanner gave: where it lies in `text`, appended if it was
  // unescaped (then not in `json`).
  auto slice = [&](std::string_view v) {
    if (v.data() >= json.data() && v.data() + v.size() <= json.data() + json.size()) {
      return TextSlice{static_cast<std::uint32_t>(base + static_cast<std::size_t>(v.data() - json.data())),
                       static_cast<std::uint32_t>(v.size())};
    }
    TextSlice out{static_cast<std::uint32_t>(text->size()), static_cast<std::uint32_t>(v.size())};
    text->append(v);
    return out;
  };
  constexpr std::string_view kShape =
      "expected [source, stance, mode, via, reported_by, at, attributes, import_id, origin_file, "
      "origin_line, origin_pointer]";
  Scanner in(json);
  auto scan_one = [&]() -> Status {
    LinkSlice l;
    std::string_view v;
    if (!in.Take('[') || !in.StringView(&v, &scratch)) return Corrupt(claim, kShape);
    l.source = slice(v);
    if (!in.Take(',') || !in.StringView(&v, &scratch)) return Corrupt(claim, kShape);
    auto stance = model::ParseStance(v);
    if (!stance) return Corrupt(claim, "stance " + ingest::JsonString(v));
    l.stance = *stance;
    if (!in.Take(',') || !in.StringView(&v, &scratch)) return Corrupt(claim, kShape);
    auto mode = model::ParseLinkMode(v);
    if (!mode) return Corrupt(claim, "link mode " + ingest::JsonString(v));
    l.mode = *mode;
    if (!in.Take(',') || !in.Take('[')) return Corrupt(claim, "via list");
    l.via_begin = static_cast<std::uint32_t>(via->size());
    if (!in.Take(']')) {
      do {
        if (!in.StringView(&v, &scratch)) return Corrupt(claim, "via list");
        via->push_back(slice(v));
      } while (in.Take(','));
      if (!in.Take(']')) return Corrupt(claim, "via list");
    }
    l.via_count = static_cast<std::uint32_t>(via->size() - l.via_begin);
    if (!in.Take(',')) return Corrupt(claim, kShape);
    if (!in.Null()) {
      if (!in.StringView(&v, &scratch)) return Corrupt(claim, kShape);
      l.reported_by = slice(v);
      l.has_reported_by = true;
    }
    if (!in.Take(',')) return Corrupt(claim, kShape);
    if (!in.Null()) {
      if (!in.StringView(&v, &scratch)) return Corrupt(claim, kShape);
      l.at = model::Date::Parse(v);
      if (!l.at) return Corrupt(claim, "date " + ingest::JsonString(v));
    }
    if (!in.Take(',') || !in.RawView('{', &v) || !in.Take(',')) return Corrupt(claim, kShape);
    l.attributes = slice(v);
    // The origin (import_id, origin_file, origin_line, origin_pointer):
    // checked, not kept.
    if (!in.Null() && !in.SkipInt()) return Corrupt(claim, kShape);
    if (!in.Take(',') || !in.SkipInt() || !in.Take(',') || !in.SkipInt() || !in.Take(',') ||
        !in.StringView(&v, &scratch) || !in.Take(']')) {
      return Corrupt(claim, kShape);
    }
    links->push_back(l);
    return Status::Ok();
  };
  if (!in.Take('[')) return Corrupt(claim, "not a JSON array");
  if (!in.Take(']')) {
    do {
      CREDENCE_RETURN_IF_ERROR(scan_one());
    } while (in.Take(','));
    if (!in.Take(']')) return Corrupt(claim, "expected , or ] in the array");
  }
  if (!in.AtEnd()) return Corrupt(claim, "text after the array");
  const std::string_view all = *text;
  auto by_source = [all](const LinkSlice& a, const LinkSlice& b) { return a.source.In(all) < b.source.In(all); };
  auto begin = links->begin() + static_cast<std::ptrdiff_t>(first);
  if (!std::is_sorted(begin, links->end(), by_source)) std::sort(begin, links->end(), by_source);
  return Status::Ok();
}

}  // namespace credence::store
