#include "core/report/number_format.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace credence::report {
namespace {

TEST(FormatFixed, FixedDecimalsRoundedToNearest) {
  EXPECT_EQ(FormatFixed(0.83, 4), "0.8300");
  EXPECT_EQ(FormatFixed(0.123456, 4), "0.1235");
  EXPECT_EQ(FormatFixed(-1.38629, 3), "-1.386");
  EXPECT_EQ(FormatFixed(12345.5, 0), "12346");
  EXPECT_EQ(FormatFixed(1e20, 2), "100000000000000000000.00");
}

TEST(FormatFixed, NegativeZeroPrintsAsZero) {
  EXPECT_EQ(FormatFixed(-0.0, 3), "0.000");
  EXPECT_EQ(FormatFixed(-0.0001, 3), "0.000");
  EXPECT_EQ(FormatSigned(-0.0001, 3), "0.000");
}

TEST(FormatFixed, NonFiniteValues) {
  EXPECT_EQ(FormatFixed(std::nan(""), 3), "nan");
  EXPECT_EQ(FormatFixed(std::numeric_limits<double>::infinity(), 3), "inf");
  EXPECT_EQ(FormatFixed(-std::numeric_limits<double>::infinity(), 3), "-inf");
  EXPECT_EQ(FormatSigned(std::nan(""), 3), "nan");
}

TEST(FormatSigned, PlusOnPositiveValues) {
  EXPECT_EQ(FormatSigned(0.42, 3), "+0.420");
  EXPECT_EQ(FormatSigned(-0.42, 3), "-0.420");
  EXPECT_EQ(FormatSigned(0.0, 3), "0.000");
}

TEST(Quantize, ReadsBackThePrintedValue) {
  EXPECT_EQ(Quantize(0.55004, 4), 0.55);
  EXPECT_EQ(Quantize(0.55006, 4), 0.5501);
  EXPECT_EQ(Quantize(-0.0001, 3), 0.0);
  EXPECT_TRUE(std::isnan(Quantize(std::nan(""), 3)));
}

TEST(FormatPercent, TrimsTrailingZero) {
  EXPECT_EQ(FormatPercent(0.9), "90%");
  EXPECT_EQ(FormatPercent(0.975), "97.5%");
}

}  // namespace
}  // namespace credence::report
