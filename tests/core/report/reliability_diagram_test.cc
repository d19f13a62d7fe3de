#include "core/report/reliability_diagram.h"

#include <gtest/gtest.h>

#include <string>

namespace credence::report {
namespace {

eval::Metrics FourBins() {
  eval::Metrics m;
  m.outcomes = 4;
  m.ece = 0.25;
  m.brier = 0.2;
  for (int i : {0, 3, 6, 9}) m.bins[i] = {1, i / 10.0 + 0.05, i >= 6 ? 1.0 : 0.0};
  return m;
}

int Count(const std::string& text, const std::string& what) {
  int n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(ReliabilityDiagram, EscapesTextAndDrawsOneBarPerNonEmptyBin) {
  const std::string svg = ReliabilityDiagramSvg(FourBins(), "run <1> & \"fit\" \x1b[31m");
  // The one HTML escaper (escape.h): markup, quotes and controls are inert.
  EXPECT_NE(svg.find("run &lt;1&gt; &amp; &quot;fit&quot; &lt;U+001B&gt;[31m"), std::string::npos)
      << svg;
  EXPECT_EQ(svg.find("<1>"), std::string::npos);
  EXPECT_EQ(svg.find('\x1b'), std::string::npos);
  EXPECT_EQ(Count(svg, "fill=\"steelblue\""), 4);
  EXPECT_EQ(svg, ReliabilityDiagramSvg(FourBins(), "run <1> & \"fit\" \x1b[31m"));
}

TEST(ReliabilityDiagram, StandaloneFileNamesItsNamespaceInlineDoesNot) {
  const std::string file = ReliabilityDiagramSvg(FourBins(), "t");
  const std::string inline_svg = ReliabilityDiagramSvg(FourBins(), "t", /*standalone=*/false);
  EXPECT_EQ(file.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"reliability\"", 0), 0u);
  EXPECT_EQ(inline_svg.rfind("<svg class=\"reliability\"", 0), 0u);
  EXPECT_EQ(inline_svg.find("http"), std::string::npos);
  EXPECT_EQ(file.substr(file.find('>')), inline_svg.substr(inline_svg.find('>')));
}

}  // namespace
}  // namespace credence::report
