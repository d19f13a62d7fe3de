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
  // Checked digit by digit: import parses a date for most claims.
  const std::size_t n = s.size();
  if (n != 4 && n != 7 && n != 10) return std::nullopt;
  // The value of the digit at `i`; above 9 for any other byte.
  auto digit = [&s](std::size_t i) { return static_cast<unsigned>(s[i]) - '0'; };
  for (std::size_t i : {0u, 1u, 2u, 3u}) {
    if (digit(i) > 9) return std::nullopt;
  }
  Date d;
  d.year = static_cast<int>(digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3));
  if (d.year == 0) return std::nullopt;
  if (n >= 7) {
    if (s[4] != '-' || digit(5) > 9 || digit(6) > 9) return std::nullopt;
    d.month = static_cast<int>(digit(5) * 10 + digit(6));
    if (d.month < 1 || d.month > 12) return std::nullopt;
  }
  if (n == 10) {
    if (s[7] != '-' || digit(8) > 9 || digit(9) > 9) return std::nullopt;
    int day = static_cast<int>(digit(8) * 10 + digit(9));
    if (!DaysInMonthOk(d.year, d.month, day)) return std::nullopt;
    d.day = day;
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
