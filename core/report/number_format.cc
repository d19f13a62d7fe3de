#include "core/report/number_format.h"

#include <array>
#include <charconv>
#include <cmath>

namespace credence::report {

std::string FormatFixed(double value, int decimals) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  // 309 integer digits + sign + point + decimals: enough for any double.
  std::array<char, 400> buf;
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value,
                                 std::chars_format::fixed, decimals);
  if (ec != std::errc()) return "nan";  // cannot happen with this buffer size
  std::string out(buf.data(), end);
  // "-0.000": a tiny negative rounds to zero and must print as zero, so that
  // the same figure never prints two ways.
  if (out.front() == '-' && out.find_first_not_of("-0.") == std::string::npos) out.erase(0, 1);
  return out;
}

std::string FormatSigned(double value, int decimals) {
  std::string out = FormatFixed(value, decimals);
  if (out.front() != '-' && out.find_first_not_of("0.") != std::string::npos &&
      out != "nan") {
    out.insert(0, 1, '+');
  }
  return out;
}

double Quantize(double value, int decimals) {
  if (!std::isfinite(value)) return value;
  // Verdicts quantize every p and interval end several times, and printing
  // and reading back cost thousands of instructions a claim. The printed
  // value is the exact product value * 10^decimals rounded to the nearest
  // integer n, over 10^decimals. Rounding is monotone and k + 1/2 is a double
  // below 2^52, so the rounded product x (and x - floor(x)) lies strictly
  // below or above k + 1/2 only when the exact product does: n is exact
  // unless x sits on the tie itself. n / 10^decimals, both exact, rounds to
  // the nearest double, as reading the printed digits back does. On a tie
  // (or for large values) the digits decide.
  constexpr std::array<double, 10> kPowersOfTen = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  constexpr double kFastLimit = 2147483648.0;  // 2^31: n and the product stay far below 2^52
  if (decimals >= 0 && static_cast<std::size_t>(decimals) < kPowersOfTen.size()) {
    const double scale = kPowersOfTen[static_cast<std::size_t>(decimals)];
    const double x = value * scale;
    if (std::fabs(x) < kFastLimit) {
      const double below = std::floor(x);
      const double frac = x - below;
      if (frac != 0.5) {
        const double n = frac < 0.5 ? below : below + 1;
        return n == 0 ? 0.0 : n / scale;  // a value printed as zero reads back as +0
      }
    }
  }
  const std::string text = FormatFixed(value, decimals);
  double out = 0;
  std::from_chars(text.data(), text.data() + text.size(), out);
  return out;
}

std::string FormatPercent(double fraction) {
  std::string out = FormatFixed(fraction * 100, 1);
  if (out.ends_with(".0")) out.resize(out.size() - 2);
  return out + "%";
}

}  // namespace credence::report
