#include "core/report/number_format.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

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

// What Quantize promises, computed the slow way: print, then read back.
double PrintedValue(double value, int decimals) {
  const std::string text = FormatFixed(value, decimals);
  double out = 0;
  std::from_chars(text.data(), text.data() + text.size(), out);
  return out;
}

// Bit for bit: a quantized zero must be +0, as the printed "0.000" reads.
void ExpectSameBits(double value, int decimals) {
  const double want = PrintedValue(value, decimals), got = Quantize(value, decimals);
  EXPECT_EQ(std::signbit(got), std::signbit(want)) << value << " to " << decimals;
  EXPECT_EQ(got, want) << value << " to " << decimals << ": " << FormatFixed(value, decimals);
}

TEST(Quantize, EqualsThePrintedValueReadBack) {
  std::mt19937_64 rng(20261126);
  for (int decimals = 0; decimals <= 12; ++decimals) {
    const double scale = std::pow(10.0, decimals);
    for (int i = 0; i < 20000; ++i) {
      // Probabilities, log-odds and anything else: uniform in [-3, 3], and
      // spread over magnitudes from 1e-12 to 1e12.
      const double u = static_cast<double>(rng() >> 11) * 0x1p-53;
      ExpectSameBits(6 * u - 3, decimals);
      const double e = static_cast<double>(rng() % 25) - 12;
      ExpectSameBits((rng() % 2 ? 1 : -1) * u * std::pow(10.0, e), decimals);
      // Ties and their neighbours: k + 0.5 units of the last decimal, the
      // doubles around it.
      const double tie = (static_cast<double>(rng() % 200000) - 100000 + 0.5) / scale;
      ExpectSameBits(tie, decimals);
      ExpectSameBits(std::nextafter(tie, 1e300), decimals);
      ExpectSameBits(std::nextafter(tie, -1e300), decimals);
    }
  }
  // Doubles that are exact ties: printing decides (half to even).
  for (double v : {0.125, 0.375, -0.125, 0.0625, 2.5, 3.5, -2.5}) {
    for (int decimals : {0, 1, 2, 3}) ExpectSameBits(v, decimals);
  }
  for (double v : {0.0, -0.0, 0.00005, -0.00005, 0.00015, 0.55, 0.95, 0.05, 0.45, 1e-300, -1e-300, 2147483647.5,
                   4e9, -4e9, 1e300, std::numeric_limits<double>::denorm_min()}) {
    for (int decimals : {0, 2, 3, 4, 9, 15}) ExpectSameBits(v, decimals);
  }
}

TEST(FormatPercent, TrimsTrailingZero) {
  EXPECT_EQ(FormatPercent(0.9), "90%");
  EXPECT_EQ(FormatPercent(0.975), "97.5%");
}

}  // namespace
}  // namespace credence::report
