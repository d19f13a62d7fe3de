#include "core/model/case.h"

#include <array>
#include <cstdint>
#include <cstdio>

namespace credence::model {
namespace {

// What each byte may be in an id (kIdPattern): kIdFirst for the first byte,
// kIdRest for the others. A table: ids are checked several times per record
// on import, and a byte lookup costs less than a chain of comparisons.
constexpr std::uint8_t kIdFirst = 1;
constexpr std::uint8_t kIdRest = 2;
constexpr std::array<std::uint8_t, 256> kIdBytes = [] {
  std::array<std::uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    bool mark = c == '.' || c == '_' || c == ':' || c == '/' || c == '-';
    t[c] = static_cast<std::uint8_t>((alnum ? kIdFirst | kIdRest : 0) | (mark ? kIdRest : 0));
  }
  return t;
}();

bool DaysInMonthOk(int year, int month, int day) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int max = kDays[month - 1];
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && leap) max = 29;
  return day >= 1 && day <= max;
}

// Reads exactly `n` ASCII digits at `s[pos]`.
std::optional<int> Digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

}  // namespace

bool IsValidId(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdBytes) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(id.data());
  if ((kIdBytes[p[0]] & kIdFirst) == 0) return false;
  // Accumulated without a branch per byte: ids are short and mostly valid.
  std::uint8_t all = kIdRest;
  for (std::size_t i = 1; i < id.size(); ++i) all &= kIdBytes[p[i]];
  return all != 0;
}

std::string Relation::Key() const {
  std::string out(Name(kind));
  out += '(';
  const char* sep = kind == RelationKind::kImplies ? "->" : ",";
  for (std::size_t i = 0; i < claims.size(); ++i) {
    if (i > 0) out += sep;
    out += claims[i];
  }
  out += ')';
  return out;
}

std::optional<Date> Date::Parse(std::string_view s) {
  if (s.size() != 4 && s.size() != 7 && s.size() != 10) return std::nullopt;
  Date d;
  auto y = Digits(s, 0, 4);
  if (!y || *y == 0) return std::nullopt;
  d.year = *y;
  if (s.size() >= 7) {
    auto m = Digits(s, 5, 2);
    if (s[4] != '-' || !m || *m < 1 || *m > 12) return std::nullopt;
    d.month = *m;
  }
  if (s.size() == 10) {
    auto day = Digits(s, 8, 2);
    if (s[7] != '-' || !day || !DaysInMonthOk(d.year, d.month, *day)) {
      return std::nullopt;
    }
    d.day = *day;
  }
  return d;
}

std::string Date::ToString() const {
  // Written digit by digit: import derives a claim's date text per record,
  // where snprintf cost about 1,300 instructions a date.
  const bool in_range = year >= 0 && year <= 9999 && month >= 0 && month <= 99 && day >= 0 && day <= 99;
  if (!in_range) {  // not a Date that Parse makes; printed the slow, general way
    char buf[40];
    if (month == 0) {
      std::snprintf(buf, sizeof buf, "%04d", year);
    } else if (day == 0) {
      std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    } else {
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    }
    return buf;
  }
  char buf[10] = {static_cast<char>('0' + year / 1000), static_cast<char>('0' + year / 100 % 10),
                  static_cast<char>('0' + year / 10 % 10), static_cast<char>('0' + year % 10),
                  '-', static_cast<char>('0' + month / 10), static_cast<char>('0' + month % 10),
                  '-', static_cast<char>('0' + day / 10), static_cast<char>('0' + day % 10)};
  return std::string(buf, month == 0 ? 4 : day == 0 ? 7 : 10);
}

}  // namespace credence::model
