#include "core/store/links_codec_internal.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>

#include "core/ingest/case_reader.h"
#include "core/ingest/case_writer.h"
#include "core/model/enums.h"

namespace credence::store {
namespace {

void AppendInt(std::int64_t v, std::string* out) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, end);
}

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
      AppendInt(*l.import_id, out);
    } else {
      out->append("null");
    }
    out->push_back(',');
    AppendInt(l.origin_file, out);
    out->push_back(',');
    AppendInt(l.origin_line, out);
    out->push_back(',');
    ingest::AppendJsonString(*out, l.origin_pointer);
    out->push_back(']');
  }
  out->push_back(']');
}

struct LinksDecoder::Impl {
  simdjson::ondemand::parser parser;
  std::string buffer;  // the value and simdjson's padding
};

LinksDecoder::LinksDecoder() : impl_(std::make_unique<Impl>()) {}
LinksDecoder::~LinksDecoder() = default;

Status LinksDecoder::Decode(std::string_view claim, std::string_view json,
                            std::vector<StoredLink>* out) {
  out->clear();
  std::string& buffer = impl_->buffer;
  buffer.assign(json);
  buffer.append(simdjson::SIMDJSON_PADDING, ' ');
  namespace od = simdjson::ondemand;
  od::document doc;
  od::array links;
  if (impl_->parser.iterate(buffer.data(), json.size(), buffer.size()).get(doc) ||
      doc.get_array().get(links)) {
    return Corrupt(claim, "not a JSON array");
  }
  // Each field in turn; false on the first one that is not what PackLinks
  // writes.
  auto read = [](od::array fields, StoredLink& l) {
    auto it = fields.begin();
    auto end = fields.end();
    auto next = [&](auto&& take) {
      if (it.error() || it == end) return false;
      od::value v;
      if ((*it).get(v)) return false;
      bool ok = take(v);
      ++it;
      return ok;
    };
    auto string = [](std::string& to) {
      return [&to](od::value& v) {
        std::string_view s;
        if (v.get_string().get(s)) return false;
        to.assign(s);
        return true;
      };
    };
    auto opt_string = [](std::optional<std::string>& to) {
      return [&to](od::value& v) {
        od::json_type type;
        if (v.type().get(type)) return false;
        if (type == od::json_type::null) {
          to.reset();
          return true;
        }
        std::string_view s;
        if (v.get_string().get(s)) return false;
        to.emplace(s);
        return true;
      };
    };
    auto raw_array = [&l](od::value& v) {
      od::array a;
      std::string_view raw;
      if (v.get_array().get(a) || a.raw_json().get(raw)) return false;
      l.via.assign(raw);
      return true;
    };
    auto raw_object = [&l](od::value& v) {
      od::object o;
      std::string_view raw;
      if (v.get_object().get(o) || o.raw_json().get(raw)) return false;
      l.attributes.assign(raw);
      return true;
    };
    auto opt_int = [&l](od::value& v) {
      od::json_type type;
      if (v.type().get(type)) return false;
      if (type == od::json_type::null) {
        l.import_id.reset();
        return true;
      }
      std::int64_t n;
      if (v.get_int64().get(n)) return false;
      l.import_id = n;
      return true;
    };
    auto integer = [](std::int64_t& to) {
      return [&to](od::value& v) { return !v.get_int64().get(to); };
    };
    bool ok = next(string(l.source)) && next(string(l.stance)) && next(string(l.mode)) &&
              next(raw_array) && next(opt_string(l.reported_by)) && next(opt_string(l.at)) &&
              next(raw_object) && next(opt_int) && next(integer(l.origin_file)) &&
              next(integer(l.origin_line)) && next(string(l.origin_pointer));
    return ok && !it.error() && it == end;
  };
  for (auto element : links) {
    od::array fields;
    if (element.get_array().get(fields)) return Corrupt(claim, "a link is not an array");
    out->emplace_back();
    if (!read(fields, out->back())) {
      return Corrupt(claim, "expected [source, stance, mode, via, reported_by, at, attributes, "
                            "import_id, origin_file, origin_line, origin_pointer]");
    }
  }
  if (!std::is_sorted(out->begin(), out->end(), BySource)) {
    std::sort(out->begin(), out->end(), BySource);
  }
  return Status::Ok();
}

Result<model::Link> ToLink(std::string_view claim, StoredLink&& stored) {
  model::Link r;
  r.claim.assign(claim);
  auto stance = model::ParseStance(stored.stance);
  if (!stance) return Corrupt(claim, "stance " + ingest::JsonString(stored.stance));
  r.stance = *stance;
  auto mode = model::ParseLinkMode(stored.mode);
  if (!mode) return Corrupt(claim, "link mode " + ingest::JsonString(stored.mode));
  r.mode = *mode;
  auto via = ingest::StringListFromJson(stored.via);
  if (!via.ok()) return Corrupt(claim, "via list");
  r.via = std::move(*via);
  r.reported_by = std::move(stored.reported_by);
  if (stored.at) {
    auto at = model::Date::Parse(*stored.at);
    if (!at) return Corrupt(claim, "date " + ingest::JsonString(*stored.at));
    r.at = *at;
  }
  auto attributes = ingest::AttributesFromJson(stored.attributes);
  if (!attributes.ok()) return Corrupt(claim, "attributes");
  r.attributes = std::move(*attributes);
  r.source = std::move(stored.source);
  return r;
}

}  // namespace credence::store
