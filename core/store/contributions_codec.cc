#include "core/store/contributions_codec_internal.h"

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/ingest/case_writer.h"

namespace credence::store {
namespace {

Status BadValue(std::string_view what) {
  return Status::Internal("store holds an invalid claim_scores.contributions value (" +
                          std::string(what) + ")");
}

// A JSON string: refs and kind spellings seldom need escapes, so they are
// copied as they are unless one of their bytes does.
void AppendString(std::string_view text, std::string* out) {
  const bool plain = std::none_of(text.begin(), text.end(), [](char ch) {
    return ch == '"' || ch == '\\' || static_cast<unsigned char>(ch) < 0x20;
  });
  if (!plain) {
    *out += ingest::JsonString(text);
    return;
  }
  out->push_back('"');
  out->append(text);
  out->push_back('"');
}

void AppendWeight(double w, std::string* out) {
  if (std::isnan(w)) {
    *out += "null";
  } else if (std::isinf(w)) {
    *out += w > 0 ? "\"inf\"" : "\"-inf\"";
  } else if (w == 0) {
    // "-0" would read back as the integer 0: the sign matters to "%+.3f".
    // +0 (every relay's weight) is "0", as to_chars writes it.
    *out += std::signbit(w) ? "-0.0" : "0";
  } else {
    // Shortest round trip: the double read back is the double written.
    char buf[32];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, w);
    out->append(buf, end);
  }
}

Result<double> ReadWeight(const nlohmann::json& v) {
  if (v.is_null()) return std::nan("");
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    if (s == "inf") return HUGE_VAL;
    if (s == "-inf") return -HUGE_VAL;
  }
  return BadValue("weight");
}

}  // namespace

std::int64_t TextNumbers::Number(std::string_view text, std::size_t hash, bool* is_new) {
  assert(hash == HashOf(text));
  auto it = known_.find(HashedText{text, hash});  // no key string, no second hash
  if (it != known_.end()) {
    *is_new = false;
    return it->second;
  }
  *is_new = true;
  const std::int64_t n = next_++;
  if (bytes_ + text.size() > max_bytes_) {
    known_.clear();
    bytes_ = 0;
  }
  bytes_ += text.size();
  known_.emplace(std::string(text), n);
  return n;
}

void PackUnnumbered(const std::vector<score::Contribution>& contributions, std::string* json,
                    std::vector<std::uint32_t>* text_at) {
  json->clear();
  text_at->clear();
  json->push_back('[');
  for (std::size_t i = 0; i < contributions.size(); ++i) {
    const score::Contribution& c = contributions[i];
    if (i > 0) json->push_back(',');
    // Kind spellings are plain words: no escapes to look for.
    json->append("[\"");
    json->append(score::Name(c.kind));
    json->append("\",");
    AppendString(c.ref, json);
    json->push_back(',');
    AppendWeight(c.weight, json);
    json->push_back(',');
    assert(json->size() <= UINT32_MAX);
    text_at->push_back(static_cast<std::uint32_t>(json->size()));
    json->push_back(',');
    ingest::AppendJsonInt(*json, c.line);
    json->push_back(']');
  }
  json->push_back(']');
}

void FillTextNumbers(std::string_view json, std::span<const std::uint32_t> text_at,
                     std::span<const std::int64_t> text_ids, std::string* out) {
  assert(text_at.size() == text_ids.size());
  out->clear();
  out->reserve(json.size() + 8 * text_ids.size());
  std::size_t done = 0;
  for (std::size_t i = 0; i < text_at.size(); ++i) {
    out->append(json.substr(done, text_at[i] - done));
    ingest::AppendJsonInt(*out, text_ids[i]);
    done = text_at[i];
  }
  out->append(json.substr(done));
}

Result<std::vector<PackedContribution>> UnpackContributions(std::string_view json) {
  nlohmann::json doc = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_array()) return BadValue("not a JSON array");
  std::vector<PackedContribution> out;
  out.reserve(doc.size());
  for (const nlohmann::json& e : doc) {
    if (!e.is_array() || e.size() != 5 || !e[0].is_string() || !e[1].is_string() ||
        !e[3].is_number_integer() || !e[4].is_number_integer()) {
      return BadValue("expected [kind, ref, weight, text_id, line]");
    }
    std::optional<score::ContributionKind> kind =
        score::ParseContributionKind(e[0].get_ref<const std::string&>());
    if (!kind) return BadValue("kind");
    Result<double> weight = ReadWeight(e[2]);
    if (!weight.ok()) return weight.status();
    PackedContribution p;
    p.contribution.kind = *kind;
    p.contribution.ref = e[1].get<std::string>();
    p.contribution.weight = *weight;
    p.contribution.line = e[4].get<int>();
    p.text_id = e[3].get<std::int64_t>();
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace credence::store
