// How every number in a report is printed: one function, fixed notation, a
// fixed number of decimals per quantity, the same bytes on every machine.
// Verdicts are read off the printed values (Quantize), so a p printed as
// 0.5500 is judged as exactly 0.55: what the reader sees is what was judged.
#ifndef CREDENCE_CORE_REPORT_NUMBER_FORMAT_H_
#define CREDENCE_CORE_REPORT_NUMBER_FORMAT_H_

#include <string>

namespace credence::report {

// Decimals per quantity. Changing one changes every report and golden file.
inline constexpr int kProbabilityDecimals = 4;  // p, p_raw, interval ends, Beta means
inline constexpr int kWeightDecimals = 3;       // log-odds weights and totals
inline constexpr int kCountDecimals = 2;        // Beta pseudo-counts alpha, beta

// `value` in fixed notation with `decimals` decimals, rounded to nearest
// (std::to_chars: locale-independent). Negative zero prints as zero;
// NaN prints "nan", infinities "inf" / "-inf".
std::string FormatFixed(double value, int decimals);

// As FormatFixed, with a leading '+' on values that print above zero
// ("+0.420", "-1.386", "0.000"): weights read as additions.
std::string FormatSigned(double value, int decimals);

// The value FormatFixed prints, read back: Quantize(0.55004, 4) == 0.55.
// NaN and infinities are returned unchanged.
double Quantize(double value, int decimals);

// A fraction as a percentage without trailing zeros: 0.9 -> "90%",
// 0.975 -> "97.5%" (one decimal at most).
std::string FormatPercent(double fraction);

}  // namespace credence::report

#endif  // CREDENCE_CORE_REPORT_NUMBER_FORMAT_H_
