#include "core/model/case.h"

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
