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
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) max = 29;
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
  // Checked byte by byte: import parses a date for most claims.
  const std::size_t n = s.size();
  if (n != 4 && n != 7 && n != 10) return std::nullopt;
  // The byte at `i` as a digit: above 9 for any byte that is not one.
  auto digit = [&s](std::size_t i) { return static_cast<unsigned char>(s[i]) - unsigned{'0'}; };
  const unsigned y0 = digit(0), y1 = digit(1), y2 = digit(2), y3 = digit(3);
  if (y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9) return std::nullopt;
  Date d;
  d.year = static_cast<int>(y0 * 1000 + y1 * 100 + y2 * 10 + y3);
  if (d.year == 0) return std::nullopt;
  if (n >= 7) {
    const unsigned m0 = digit(5), m1 = digit(6);
    if (s[4] != '-' || m0 > 9 || m1 > 9) return std::nullopt;
    d.month = static_cast<int>(m0 * 10 + m1);
    if (d.month < 1 || d.month > 12) return std::nullopt;
  }
  if (n == 10) {
    const unsigned d0 = digit(8), d1 = digit(9);
    if (s[7] != '-' || d0 > 9 || d1 > 9) return std::nullopt;
    const int day = static_cast<int>(d0 * 10 + d1);
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
