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
