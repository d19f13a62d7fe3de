#include "core/model/case.h"

#include <cstdio>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

namespace credence::model {
namespace {

TEST(Ids, AcceptThePatternOfTheContract) {
  EXPECT_TRUE(IsValidId("c1"));
  EXPECT_TRUE(IsValidId("bild.de/2025:leak-1_a"));
  EXPECT_TRUE(IsValidId(std::string(128, 'a')));
  EXPECT_FALSE(IsValidId(""));
  EXPECT_FALSE(IsValidId("-c1"));
  EXPECT_FALSE(IsValidId("c 1"));
  EXPECT_FALSE(IsValidId(std::string(129, 'a')));
  EXPECT_FALSE(IsValidId("ü"));
}

// The definition IsValidId had before its byte table: the oracle.
bool IsValidIdByComparisons(std::string_view id) {
  auto alnum = [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  };
  if (id.empty() || id.size() > 128 || !alnum(id[0])) return false;
  for (char c : id.substr(1)) {
    if (!alnum(c) && c != '.' && c != '_' && c != ':' && c != '/' && c != '-') return false;
  }
  return true;
}

TEST(Ids, AgreeWithTheComparisonDefinitionOnEveryOneAndTwoByteString) {
  for (int a = 0; a < 256; ++a) {
    std::string one(1, static_cast<char>(a));
    ASSERT_EQ(IsValidId(one), IsValidIdByComparisons(one)) << a;
    for (int b = 0; b < 256; ++b) {
      std::string two = one + static_cast<char>(b);
      ASSERT_EQ(IsValidId(two), IsValidIdByComparisons(two)) << a << " " << b;
    }
  }
}

// Random strings of lengths 0..140 over valid bytes, ASCII that is not, NUL
// and UTF-8 (the lengths cross the 128-byte limit); one bad byte, when
// drawn, lands anywhere, the last position included.
TEST(Ids, AgreeWithTheComparisonDefinitionOnGeneratedStrings) {
  const std::string valid =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:/-";
  const std::vector<std::string> invalid = {" ", "#", "+", "~", "\\", "\"", std::string(1, '\0'),
                                            "\x7f", "\xff", "\x80", "ü", "東", "😀"};
  std::mt19937_64 rng(7);
  int accepted = 0;
  for (int n = 0; n < 20000; ++n) {
    std::size_t len = rng() % 141;
    std::string id;
    for (std::size_t i = 0; i < len; ++i) id += valid[rng() % valid.size()];
    if (len > 0 && rng() % 2 == 0) {
      id.replace(rng() % len, 1, invalid[rng() % invalid.size()]);
    }
    bool want = IsValidIdByComparisons(id);
    accepted += want ? 1 : 0;
    ASSERT_EQ(IsValidId(id), want) << id;
  }
  // Both answers occur often: the comparison above is not one-sided.
  EXPECT_GT(accepted, 2000);
  EXPECT_LT(accepted, 18000);
  for (std::size_t len : {127u, 128u, 129u}) {
    for (char last : {'a', '-', '.', ' ', '\xC3'}) {
      std::string id = std::string(len - 1, 'a') + last;
      EXPECT_EQ(IsValidId(id), IsValidIdByComparisons(id)) << len << " " << last;
    }
  }
}

TEST(Date, ParsesThreePrecisionsAndPrintsThemBack) {
  for (const char* text : {"2025", "2025-08", "2025-08-05", "2024-02-29"}) {
    auto d = Date::Parse(text);
    ASSERT_TRUE(d.has_value()) << text;
    EXPECT_EQ(d->ToString(), text);
  }
}

// ToString writes digits itself; checked against printf's zero padding for
// years of every width and every month and day, at each precision.
TEST(Date, PrintsLikeZeroPaddedPrintf) {
  for (int year : {1, 9, 10, 99, 100, 999, 1000, 2025, 9999}) {
    for (int month = 0; month <= 12; ++month) {
      for (int day = 0; day <= (month == 0 ? 0 : 31); ++day) {
        char want[16];
        if (month == 0) {
          std::snprintf(want, sizeof want, "%04d", year);
        } else if (day == 0) {
          std::snprintf(want, sizeof want, "%04d-%02d", year, month);
        } else {
          std::snprintf(want, sizeof want, "%04d-%02d-%02d", year, month, day);
        }
        EXPECT_EQ((Date{year, month, day}.ToString()), want) << year << " " << month << " " << day;
      }
    }
  }
}

TEST(Date, RejectsImpossibleAndMalformedDates) {
  for (const char* text : {"", "25", "2025-13", "2025-00", "2023-02-29",
                           "2025-04-31", "2025/08/05", "2025-8-5", "0000",
                           "2025-08-05T10:00", "２０２５"}) {
    EXPECT_FALSE(Date::Parse(text).has_value()) << text;
  }
}

// The definition Date::Parse had before it read digits directly: the oracle.
std::optional<Date> ParseDateBySteps(std::string_view s) {
  auto digits = [&s](std::size_t pos, std::size_t n) -> std::optional<int> {
    if (pos + n > s.size()) return std::nullopt;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  auto day_ok = [](int year, int month, int day) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int max = kDays[month - 1];
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (month == 2 && leap) max = 29;
    return day >= 1 && day <= max;
  };
  if (s.size() != 4 && s.size() != 7 && s.size() != 10) return std::nullopt;
  Date d;
  auto y = digits(0, 4);
  if (!y || *y == 0) return std::nullopt;
  d.year = *y;
  if (s.size() >= 7) {
    auto m = digits(5, 2);
    if (s[4] != '-' || !m || *m < 1 || *m > 12) return std::nullopt;
    d.month = *m;
  }
  if (s.size() == 10) {
    auto day = digits(8, 2);
    if (s[7] != '-' || !day || !day_ok(d.year, d.month, *day)) return std::nullopt;
    d.day = *day;
  }
  return d;
}

TEST(Date, ParsesLikeTheStepwiseDefinition) {
  std::vector<std::string> texts;
  char buf[48];  // room for any int in each field: no truncation warning
  for (int year : {0, 1, 99, 1900, 2000, 2023, 2024, 2100, 9999}) {
    std::snprintf(buf, sizeof buf, "%04d", year);
    texts.push_back(buf);
    for (int month = 0; month <= 13; ++month) {
      std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
      texts.push_back(buf);
      for (int day = 0; day <= 32; ++day) {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
        texts.push_back(buf);
      }
    }
  }
  // Random bytes over digits, separators and bytes that are neither,
  // non-ASCII and NUL included, at the three lengths and around them.
  std::string bytes = "0123456789--/ x:\xc3\xbf\x80";
  bytes += '\0';
  std::mt19937_64 rng(11);
  for (int n = 0; n < 200000; ++n) {
    std::size_t len = rng() % 12;
    std::string t;
    for (std::size_t i = 0; i < len; ++i) t += bytes[rng() % bytes.size()];
    texts.push_back(t);
  }
  int accepted = 0;
  for (const std::string& t : texts) {
    auto want = ParseDateBySteps(t);
    accepted += want ? 1 : 0;
    ASSERT_EQ(Date::Parse(t), want) << t;
  }
  EXPECT_GT(accepted, 1000);  // both answers are exercised
}

TEST(Date, OrdersByCalendar) {
  EXPECT_LT(*Date::Parse("2025"), *Date::Parse("2025-01"));
  EXPECT_LT(*Date::Parse("2025-04"), *Date::Parse("2025-04-02"));
  EXPECT_LT(*Date::Parse("2019-12-31"), *Date::Parse("2025"));
}

TEST(Enums, RoundTripEverySpelling) {
  for (std::string_view n : SourceKindNames()) EXPECT_EQ(Name(*ParseSourceKind(n)), n);
  for (std::string_view n : LinkModeNames()) EXPECT_EQ(Name(*ParseLinkMode(n)), n);
  for (std::string_view n : StanceNames()) EXPECT_EQ(Name(*ParseStance(n)), n);
  for (std::string_view n : ClaimKindNames()) EXPECT_EQ(Name(*ParseClaimKind(n)), n);
  EXPECT_FALSE(ParseStance("Supports").has_value());
  EXPECT_FALSE(ParseLinkMode("").has_value());
}

TEST(Relation, KeysNameKindAndClaims) {
  EXPECT_EQ((Relation{RelationKind::kExclusive, {"a", "b"}}).Key(), "exclusive(a,b)");
  EXPECT_EQ((Relation{RelationKind::kImplies, {"a", "b"}}).Key(), "implies(a->b)");
}

}  // namespace
}  // namespace credence::model
