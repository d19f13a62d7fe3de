#include "datasets/normalise.h"

#include <gtest/gtest.h>

namespace credence::datasets {
namespace {

TEST(IsEstimatedOrRunwayTime, FlagsEstimatesAndRunwayTimesOnly) {
  EXPECT_TRUE(IsEstimatedOrRunwayTime("5:42 a.m. (Estimated runway)"));
  EXPECT_TRUE(IsEstimatedOrRunwayTime("10:12 PM, Dec 04&nbsp(Estimated)"));
  EXPECT_TRUE(IsEstimatedOrRunwayTime("3:29 p.m. (Runway)"));
  EXPECT_TRUE(IsEstimatedOrRunwayTime("ESTIMATED 7:10"));
  EXPECT_FALSE(IsEstimatedOrRunwayTime("7:10 a.m."));
  EXPECT_FALSE(IsEstimatedOrRunwayTime("12:35 p.m.            Delayed"));
  EXPECT_FALSE(IsEstimatedOrRunwayTime("1:50 p.m. (+8:00)"));
  EXPECT_FALSE(IsEstimatedOrRunwayTime("Not Available"));
}

TEST(NormaliseTime, ReducesClockTimesToHourMinuteAndHalfDay) {
  EXPECT_EQ(NormaliseTime("7:10 a.m."), "7:10a");
  EXPECT_EQ(NormaliseTime("12/02/2011 6:55 a.m."), "6:55a");
  EXPECT_EQ(NormaliseTime("09:05 PM"), "9:05p");
  EXPECT_EQ(NormaliseTime("9:30aDec 4"), "9:30a");
  EXPECT_EQ(NormaliseTime("10:40 p.m. (Estimated runway)"), "10:40p");
  EXPECT_EQ(NormaliseTime("9:05P 12-04-11"), "9:05p");
  EXPECT_EQ(NormaliseTime("Thu  18:30"), "6:30p");  // a 24-hour clock
  EXPECT_EQ(NormaliseTime("Not Available"), std::nullopt);
  EXPECT_EQ(NormaliseTime("Contact Airline"), std::nullopt);
  EXPECT_EQ(NormaliseTime(""), std::nullopt);
}

TEST(WikipediaEditor, PoolsEditsMadeWithoutLoggingIn) {
  EXPECT_EQ(WikipediaEditor("0 (68.162.248.83)"), "0 (anonymous)");
  EXPECT_EQ(WikipediaEditor("0 (2001:db8::1)"), "0 (anonymous)");
  EXPECT_EQ(WikipediaEditor("1513217: Mohammedfairouz"), "1513217: Mohammedfairouz");
  EXPECT_EQ(WikipediaEditor("10 (x)"), "10 (x)");
}

TEST(NormaliseNumber, ComparesNumbersAsNumbers) {
  EXPECT_EQ(NormaliseNumber("1,850,230"), "1850230");
  EXPECT_EQ(NormaliseNumber("48.0"), "48");
  EXPECT_EQ(NormaliseNumber("30.10"), "30.1");
  EXPECT_EQ(NormaliseNumber(" -0 "), "0");
  EXPECT_EQ(NormaliseNumber("N/A"), std::nullopt);
  EXPECT_EQ(NormaliseNumber("Calm"), "calm");
}

TEST(NormaliseAuthors, AgreesAcrossTheShopsFormats) {
  for (const char* cell : {"Knuth, Donald E.", "Donald E. Knuth", "KNUTH, DONALD E.", "Donald Ervin Knuth",
                           "Knuth, Donald (EDT)"}) {
    EXPECT_EQ(NormaliseAuthors(cell), "knuth_d") << cell;
  }
  EXPECT_EQ(NormaliseAuthors("C. J. Date, Hugh Darwen"), "darwen_h;date_c");
  EXPECT_EQ(NormaliseAuthors("Hughes, Cameron; Hughes, Tracey"), "hughes_c;hughes_t");
  EXPECT_EQ(NormaliseAuthors("EBERHART, RUSSELL KENNEDY, JAMES SHI, YUHUI ET AL"), "eberhart_r;kennedy_j;shi_y");
  EXPECT_EQ(NormaliseAuthors("Makofske, David/ Donahoo, Michael J./ Ca"), "ca;donahoo_m;makofske_d");
  EXPECT_EQ(NormaliseAuthors("Adams &amp; Scollard"), "adams;scollard");
  EXPECT_EQ(NormaliseAuthors("Peter van der Linden"), "vanderlinden_p");
  EXPECT_EQ(NormaliseAuthors("Not Available"), std::nullopt);
  EXPECT_EQ(NormaliseAuthors(""), std::nullopt);
}

TEST(NormaliseAuthors, ResolvesEntitiesRepairsMojibakeAndFoldsAccents) {
  EXPECT_EQ(NormaliseAuthors("Hoos, Holger H.; St&uuml;tzle, Thomas"), "hoos_h;stutzle_t");
  EXPECT_EQ(NormaliseAuthors("Marcad\xc3\xa9, Erik"), "marcade_e");                // UTF-8
  EXPECT_EQ(NormaliseAuthors("Marcad&Atilde;&copy;, Erik"), "marcade_e");          // UTF-8 read as Latin-1
  EXPECT_EQ(NormaliseAuthors("Marcad\xc3\x83\xc2\xa9, Erik"), "marcade_e");      // the same, re-encoded
  EXPECT_EQ(NormaliseAuthors("by Holger H. Hoos"), "hoos_h");
}

TEST(NormaliseAuthors, GoldFormatGivesTheSameKeys) {
  EXPECT_EQ(NormaliseGoldAuthors("aiken, peter ;  allen, m. david;"), "aiken_p;allen_m");
  EXPECT_EQ(NormaliseGoldAuthors("knuth, donald e.;"), NormaliseAuthors("Donald E. Knuth"));
  EXPECT_EQ(NormaliseGoldAuthors("van der linden, peter;"), NormaliseAuthors("Peter van der Linden"));
}

}  // namespace
}  // namespace credence::datasets
