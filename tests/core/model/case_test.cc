#include "core/model/case.h"

#include <cstdio>

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
