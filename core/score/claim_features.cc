#include "core/score/claim_features.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string_view>

namespace credence::score {

constexpr std::string_view kTextWordPrefix = "text~";

bool WeighsClaimText(const std::map<std::string, double>& weights) {
  auto it = weights.lower_bound(std::string(kTextWordPrefix));
  return it != weights.end() && it->first.starts_with(kTextWordPrefix);
}

namespace {

// Reads the canonical JSON string at text[pos] (a '"'), lowercased; escapes
// other than \uXXXX are decoded, \uXXXX kept as written. Advances pos past
// the closing quote. nullopt when text[pos] is not a string.
std::optional<std::string> ReadString(std::string_view text, std::size_t& pos) {
  if (pos >= text.size() || text[pos] != '"') return std::nullopt;
  std::string out;
  for (++pos; pos < text.size(); ++pos) {
    char c = text[pos];
    if (c == '"') {
      ++pos;
      return out;
    }
    if (c == '\\' && pos + 1 < text.size()) {
      c = text[++pos];
      if (c == 'u') {
        out += "\\u";
        continue;
      }
      if (c == 'n' || c == 't' || c == 'r' || c == 'b' || c == 'f') c = ' ';
    }
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return std::nullopt;
}

// The strings of a JSON string or array of strings; empty for other values.
std::vector<std::string> Strings(const model::JsonText& json) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  if (json.starts_with("\"")) {
    if (auto s = ReadString(json, pos)) out.push_back(std::move(*s));
    return out;
  }
  if (!json.starts_with("[")) return out;
  for (pos = 1; pos < json.size() && json[pos] != ']';) {
    auto s = ReadString(json, pos);
    if (!s) return {};
    out.push_back(std::move(*s));
    if (pos < json.size() && json[pos] == ',') ++pos;
  }
  return out;
}

std::optional<double> Number(const model::JsonText& json) {
  double v = 0;
  auto [ptr, ec] = std::from_chars(json.data(), json.data() + json.size(), v);
  if (ec != std::errc() || ptr != json.data() + json.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

void AddWords(std::string_view text, const std::string& prefix, std::vector<ClaimFeature>& out) {
  std::string word;
  auto flush = [&] {
    if (word.size() >= 2) out.push_back({prefix + word, 1});
    word.clear();
  };
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      word += c;
    } else {
      flush();
    }
  }
  flush();
}

constexpr std::string_view kHistoryPrefix = "history_";

}  // namespace

std::vector<ClaimFeature> ExtractClaimFeatures(const model::Claim& claim,
                                               std::span<const model::Source* const> sources) {
  std::vector<ClaimFeature> out;
  out.push_back({"intercept", 1});
  bool history_seen = false;
  for (const model::Source* s : sources) {
    if (s == nullptr) continue;
    std::vector<std::pair<std::string, double>> history;
    for (const auto& [name, value] : s->attributes) {
      if (name.starts_with(kHistoryPrefix)) {
        if (auto n = Number(value); n && *n >= 0) history.push_back({name, *n});
        continue;
      }
      for (const std::string& v : Strings(value)) out.push_back({"source." + name + "=" + v, 1});
    }
    if (history.empty() || history_seen) continue;
    history_seen = true;
    double total = 0;
    for (const auto& [name, n] : history) total += n;
    const double k = static_cast<double>(history.size());
    for (const auto& [name, n] : history) out.push_back({"source." + name + " share", (n + 1 / k) / (total + 1)});
    out.push_back({"source.history log total", std::log1p(total)});
  }
  for (const auto& [name, value] : claim.attributes) {
    for (const std::string& v : Strings(value)) {
      out.push_back({"claim." + name + "=" + v, 1});
      if (value.starts_with("\"")) AddWords(v, "claim." + name + "~", out);
    }
  }
  AddWords(claim.text, std::string(kTextWordPrefix), out);
  // Sorted by name; a repeated name (a word said twice) counts once.
  std::stable_sort(out.begin(), out.end(), [](const ClaimFeature& a, const ClaimFeature& b) { return a.name < b.name; });
  out.erase(std::unique(out.begin(), out.end(), [](const ClaimFeature& a, const ClaimFeature& b) { return a.name == b.name; }),
            out.end());
  return out;
}

std::vector<WeightedFeature> WeighClaimFeatures(const std::vector<ClaimFeature>& features,
                                                const std::map<std::string, double>& weights) {
  std::vector<WeightedFeature> out;
  if (weights.empty()) return out;
  for (const ClaimFeature& f : features) {
    auto it = weights.find(f.name);
    if (it != weights.end()) out.push_back({&f, it->second});
  }
  return out;
}

std::string DescribeClaimFeature(const WeightedFeature& f, const std::string& fit_name) {
  char number[64];
  std::string text = "Learned parameter (fit " + fit_name + "): " + f.feature->name;
  if (f.feature->value != 1) {
    std::snprintf(number, sizeof number, " = %.3g, weight %+.3g per unit", f.feature->value, f.weight);
  } else {
    std::snprintf(number, sizeof number, ", weight %+.3g", f.weight);
  }
  return text + number + ".";
}

}  // namespace credence::score
