#include "core/eval/gold_items.h"

#include <charconv>
#include <sstream>
#include <string_view>

namespace credence::eval {
namespace {
constexpr std::string_view kFormat = "credence-gold-items/1";

bool ParseCount(std::string_view text, std::int64_t* out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && ptr == text.data() + text.size() && *out >= 0;
}
}  // namespace

std::string GoldItemsToText(const GoldItems& gold) {
  std::string out(kFormat);
  out += "\nitems " + std::to_string(gold.items) + "\nmatched " + std::to_string(gold.matched) + "\n";
  for (const std::string& item : gold.unclaimed) out += "unclaimed " + item + "\n";
  return out;
}

Result<GoldItems> GoldItemsFromText(const std::string& text, const std::string& origin) {
  GoldItems gold;
  std::istringstream in(text);
  std::string line;
  std::int64_t number = 0;
  bool seen_items = false;
  while (std::getline(in, line)) {
    ++number;
    InputLocation where{origin, number, "", ""};
    std::string_view l = line;
    if (number == 1) {
      if (l != kFormat) {
        return Status::InvalidInput("expected \"" + std::string(kFormat) + "\"; got \"" + line + "\"", where);
      }
      continue;
    }
    if (l.empty()) continue;
    if (l.starts_with("items ")) {
      if (!ParseCount(l.substr(6), &gold.items)) return Status::InvalidInput("expected \"items N\" with N >= 0", where);
      seen_items = true;
    } else if (l.starts_with("matched ")) {
      if (!ParseCount(l.substr(8), &gold.matched)) return Status::InvalidInput("expected \"matched N\" with N >= 0", where);
    } else if (l.starts_with("unclaimed ") && l.size() > 10) {
      gold.unclaimed.emplace_back(l.substr(10));
    } else {
      return Status::InvalidInput("expected \"items N\", \"matched N\" or \"unclaimed ITEM\"; got \"" + line + "\"", where);
    }
  }
  if (number == 0) return Status::InvalidInput("expected \"" + std::string(kFormat) + "\"; the file is empty", {origin});
  if (!seen_items) return Status::InvalidInput("expected an \"items N\" line", {origin});
  if (gold.matched + static_cast<std::int64_t>(gold.unclaimed.size()) > gold.items) {
    return Status::InvalidInput("matched plus unclaimed items exceed items", {origin});
  }
  return gold;
}

}  // namespace credence::eval
