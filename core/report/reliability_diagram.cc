#include "core/report/reliability_diagram.h"

#include "core/report/escape.h"
#include "core/report/number_format.h"

namespace credence::report {
namespace {

std::string Num(double v) { return FormatFixed(v, 2); }

}  // namespace

std::string ReliabilityDiagramSvg(const eval::Metrics& m, std::string_view title,
                                  bool standalone) {
  // Plot area: x 60..460, y 40..440 (p = 0 at the bottom).
  const double x0 = 60, y0 = 440, size = 400;
  auto X = [&](double p) { return Num(x0 + p * size); };
  auto Y = [&](double p) { return Num(y0 - p * size); };
  std::string svg = standalone ? "<svg xmlns=\"http://www.w3.org/2000/svg\" " : "<svg ";
  svg += "class=\"reliability\" width=\"520\" height=\"500\" viewBox=\"0 0 520 500\">\n"
         "<rect width=\"520\" height=\"500\" fill=\"white\"/>\n";
  svg += "<text x=\"260\" y=\"24\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"14\">" +
         HtmlText(title) + "</text>\n";
  svg += "<rect x=\"60\" y=\"40\" width=\"400\" height=\"400\" fill=\"none\" stroke=\"black\"/>\n";
  svg += "<line x1=\"" + X(0) + "\" y1=\"" + Y(0) + "\" x2=\"" + X(1) + "\" y2=\"" + Y(1) +
         "\" stroke=\"gray\" stroke-dasharray=\"4 4\"/>\n";
  for (int i = 0; i < 10; ++i) {
    const eval::CalibrationBin& b = m.bins[i];
    if (b.count == 0) continue;
    const double lo = i / 10.0;
    svg += "<rect x=\"" + X(lo) + "\" y=\"" + Y(b.frequency) + "\" width=\"" + Num(size / 10) + "\" height=\"" +
           Num(b.frequency * size) + "\" fill=\"steelblue\" fill-opacity=\"0.6\" stroke=\"steelblue\"><title>" +
           HtmlText("p " + Num(lo) + "-" + Num(lo + 0.1) + ": " + std::to_string(b.count) + " claims, observed " +
                     Num(b.frequency) + ", mean p " + Num(b.mean_p)) +
           "</title></rect>\n";
    svg += "<circle cx=\"" + X(b.mean_p) + "\" cy=\"" + Y(b.frequency) + "\" r=\"3\" fill=\"black\"/>\n";
  }
  for (int i = 0; i <= 10; i += 2) {
    const double v = i / 10.0;
    svg += "<text x=\"" + X(v) + "\" y=\"458\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"11\">" +
           Num(v) + "</text>\n";
    svg += "<text x=\"52\" y=\"" + Num(y0 - v * size + 4) +
           "\" text-anchor=\"end\" font-family=\"sans-serif\" font-size=\"11\">" + Num(v) + "</text>\n";
  }
  svg += "<text x=\"260\" y=\"480\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"12\">"
         "predicted p (10 equal-width bins)</text>\n";
  svg += "<text x=\"16\" y=\"240\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"12\" "
         "transform=\"rotate(-90 16 240)\">observed share true</text>\n";
  std::string caption = "ECE " + (m.ece ? Num(*m.ece) : std::string("n/a")) + ", Brier " +
                        (m.brier ? Num(*m.brier) : std::string("n/a")) + ", " + std::to_string(m.outcomes) +
                        " labeled claims";
  svg += "<text x=\"455\" y=\"60\" text-anchor=\"end\" font-family=\"sans-serif\" font-size=\"11\">" +
         HtmlText(caption) + "</text>\n</svg>\n";
  return svg;
}

}  // namespace credence::report
