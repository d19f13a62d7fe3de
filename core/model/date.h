// A calendar date of ISO 8601 reduced precision: a year, a month or a day.
#ifndef CREDENCE_CORE_MODEL_DATE_H_
#define CREDENCE_CORE_MODEL_DATE_H_

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace credence::model {

struct Date {
  int year = 0;   // 0001..9999
  int month = 0;  // 1..12, or 0 when only the year is known
  int day = 0;    // 1..31 (checked against the month), or 0 when unknown

  // Accepts exactly "YYYY", "YYYY-MM" or "YYYY-MM-DD" with a real day
  // (leap years counted); nullopt otherwise.
  static std::optional<Date> Parse(std::string_view text);
  // The same precision it was parsed with: "2025", "2025-08", "2025-08-05".
  std::string ToString() const;

  // Orders by (year, month, day); a year-only date sorts before its months.
  auto operator<=>(const Date&) const = default;
};

}  // namespace credence::model

#endif  // CREDENCE_CORE_MODEL_DATE_H_
