#include "core/report/report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "core/report/verdict.h"

namespace credence::report {
namespace {

// Hostile strings a case file may hold.
const std::string kScript = "<script>alert('x')</script>";
const std::string kAnsi = "\x1b[2J\x1b[31mRED";
const std::string kBidi = "evil\u202Etxt.exe";
const std::string kPipes = "a | b | `c` [link](http://x) # not a heading";
const std::string kLongWord(5000, 'w');

score::Run MakeRun() {
  score::Run run;
  run.info = {.id = 7,
              .created_at = "2026-11-26T01:00:00Z",
              .engine = "0.1.0",
              .rules_name = "default",
              .rules_sha256 = std::string(64, 'a'),
              .seed = 42,
              .fit = std::nullopt,
              .interval_level = 0.9};
  // Listed out of id order on purpose: reports sort by id.
  score::ClaimScore c2;
  c2.claim_id = "c2";
  c2.p = c2.p_raw = 0.3;
  c2.log_odds = -0.847298;
  c2.lo = 0.12;
  c2.hi = 0.5;
  c2.lines = 1;
  c2.contributions = {
      {score::ContributionKind::kPrior, "base-rate", -0.847298, "Base rate.", 0},
  };
  score::ClaimScore c1;
  c1.claim_id = "c1";
  c1.log_odds = 1.2;
  c1.p = c1.p_raw = 0.76852478;
  c1.lo = 0.5;
  c1.hi = 0.9;
  c1.lines = 2;
  c1.contributions = {
      {score::ContributionKind::kPrior, "base-rate", -0.5, "Prior " + kPipes, 0},
      {score::ContributionKind::kLink, "tabloid->c1", 0.9, "Says " + kScript, 1},
      {score::ContributionKind::kRule, "hedged", -0.2, "Hedged " + kAnsi, 1},
      {score::ContributionKind::kLink, "paper->c1", 1.0, "Confirms " + kBidi, 2},
  };
  run.claims = {c2, c1};
  run.sources = {
      {.source_id = "tabloid", .alpha = 2, .beta = 2, .mean = 0.5, .rules = {"tabloid"}},
      {.source_id = "paper", .alpha = 45, .beta = 5, .mean = 0.9, .rules = {"newspaper"}},
  };
  AssignVerdicts(run, nullptr);
  return run;
}

model::Case MakeCase() {
  model::Case c;
  c.sources = {
      {.id = "tabloid", .name = "Tabloid " + kScript + kAnsi},
      {.id = "paper", .name = "Paper " + kBidi + kLongWord},
  };
  c.claims = {
      {.id = "c1", .text = "Claim " + kPipes + " " + kScript},
      {.id = "c2", .text = "Second\nclaim " + kAnsi},
  };
  c.links = {
      {.source = "tabloid", .claim = "c1"},
      {.source = "paper", .claim = "c1"},
  };
  return c;
}

std::string Render(ReportFormat format, const ReportOptions& options = {}) {
  std::ostringstream out;
  EXPECT_TRUE(WriteReport(MakeRun(), MakeCase(), format, options, out).ok());
  return out.str();
}

TEST(Report, JsonParsesBackWithTheContractFields) {
  const std::string text = Render(ReportFormat::kJson);
  const nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << text;
  EXPECT_EQ(doc["run"]["id"], 7);
  EXPECT_EQ(doc["run"]["rules_sha256"], std::string(64, 'a'));
  EXPECT_EQ(doc["run"]["seed"], 42);
  EXPECT_EQ(doc["run"]["engine"], "0.1.0");
  EXPECT_TRUE(doc["run"]["fit"].is_null());
  ASSERT_EQ(doc["claims"].size(), 2u);
  const auto& c1 = doc["claims"][0];
  EXPECT_EQ(c1["id"], "c1");
  EXPECT_EQ(doc["claims"][1]["id"], "c2");
  EXPECT_EQ(c1["p"], 0.7685);
  EXPECT_EQ(c1["interval"], nlohmann::json::array({0.5, 0.9}));
  EXPECT_EQ(c1["verdict"]["icd203"], "likely");
  EXPECT_EQ(c1["verdict"]["icd203_range"], "likely, could be roughly even chance or very likely");
  EXPECT_EQ(c1["text"], "Claim " + kPipes + " " + kScript);  // intact after parsing
  ASSERT_EQ(c1["contributions"].size(), 4u);
  EXPECT_EQ(c1["contributions"][1]["kind"], "link");
  EXPECT_EQ(c1["contributions"][1]["ref"], "tabloid->c1");
  EXPECT_EQ(c1["contributions"][1]["weight"], 0.9);
  EXPECT_EQ(c1["contributions"][2]["text"], "Hedged " + kAnsi);
  EXPECT_EQ(doc["sources"][0]["id"], "paper");
  EXPECT_EQ(doc["sources"][0]["admiralty"], "B");
  EXPECT_EQ(doc["sources"][0]["name"], "Paper " + kBidi + kLongWord);
  EXPECT_EQ(doc["sources"][1]["admiralty"], "F");
}

TEST(Report, JsonHasNoRawControlCharacters) {
  const std::string text = Render(ReportFormat::kJson);
  for (char ch : text) {
    EXPECT_FALSE(static_cast<unsigned char>(ch) < 0x20 && ch != '\n') << int(ch);
  }
  EXPECT_NE(text.find("\\u001b[2J"), std::string::npos);
}

TEST(Report, JsonWithInvalidUtf8StillParses) {
  model::Case c = MakeCase();
  c.claims[0].text = "bad \xff byte";
  std::ostringstream out;
  ASSERT_TRUE(WriteReport(MakeRun(), c, ReportFormat::kJson, {}, out).ok());
  const nlohmann::json doc = nlohmann::json::parse(out.str(), nullptr, false);
  ASSERT_FALSE(doc.is_discarded());
  EXPECT_EQ(doc["claims"][0]["text"], "bad \uFFFD byte");
}

TEST(Report, TextAndMarkdownCarryNoTerminalControls) {
  for (ReportFormat f : {ReportFormat::kText, ReportFormat::kMarkdown}) {
    const std::string text = Render(f);
    EXPECT_EQ(text.find('\x1b'), std::string::npos) << Name(f);
    EXPECT_EQ(text.find("\u202E"), std::string::npos) << Name(f);
    EXPECT_NE(text.find(kLongWord), std::string::npos) << Name(f);  // long word intact
    for (char ch : text) EXPECT_FALSE(static_cast<unsigned char>(ch) < 0x20 && ch != '\n');
  }
}

TEST(Report, MarkdownEscapesMarkupFromTheCase) {
  const std::string md = Render(ReportFormat::kMarkdown);
  // Every '<' is escaped: no HTML tag or autolink can open.
  for (std::size_t i = md.find('<'); i != std::string::npos; i = md.find('<', i + 1)) {
    ASSERT_GT(i, 0u);
    EXPECT_EQ(md[i - 1], '\\') << md.substr(i, 20);
  }
  EXPECT_NE(md.find("\\<script>"), std::string::npos);
  EXPECT_NE(md.find("a \\| b \\| \\`c\\` \\[link\\](http://x) \\# not a heading"),
            std::string::npos);
  // Every table row keeps its column count: a pipe from the case cannot add one.
  std::istringstream lines(md);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.starts_with("| step")) continue;
    std::getline(lines, line);  // the alignment row
    const auto columns = [](const std::string& row) {
      int n = 0;
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (row[i] == '|' && (i == 0 || row[i - 1] != '\\')) ++n;
      }
      return n;
    };
    const int expected = columns(line);
    while (std::getline(lines, line) && line.starts_with("|")) EXPECT_EQ(columns(line), expected);
  }
}

TEST(Report, TextShowsRunHeaderAndRunningTotals) {
  const std::string text = Render(ReportFormat::kText);
  EXPECT_NE(text.find("credence report: run 7\n"), std::string::npos);
  EXPECT_NE(text.find("rules     default, sha256 " + std::string(64, 'a')), std::string::npos);
  EXPECT_NE(text.find("seed      42\n"), std::string::npos);
  EXPECT_NE(text.find("fit       none\n"), std::string::npos);
  // Running totals: -0.5, +0.4, +0.2, +1.2 on lines -, 1, 1, 2.
  EXPECT_NE(text.find("     1     -  prior       -0.500    -0.500  base-rate\n"), std::string::npos);
  EXPECT_NE(text.find("     2     1  link        +0.900    +0.400  tabloid->c1 (Tabloid "),
            std::string::npos);
  EXPECT_NE(text.find("     4     2  link        +1.000    +1.200  paper->c1 (Paper "),
            std::string::npos);
  EXPECT_NE(text.find("per line of evidence: no line -0.500 (1 contribution), line 1 +0.700 (2 "
                      "contributions), line 2 +1.000 (1 contribution)"),
            std::string::npos);
  EXPECT_NE(text.find("<U+001B>[2J<U+001B>[31mRED"), std::string::npos);
  EXPECT_NE(text.find("evil<U+202E>txt.exe"), std::string::npos);
  EXPECT_LT(text.find("claim c1:"), text.find("claim c2:"));
  EXPECT_EQ(text.find("2026-11-26"), std::string::npos);  // no timestamp in the body
}

TEST(Report, RenderingTwiceIsByteIdentical) {
  for (ReportFormat f : {ReportFormat::kText, ReportFormat::kMarkdown, ReportFormat::kJson}) {
    EXPECT_EQ(Render(f), Render(f)) << Name(f);
  }
}

TEST(Report, ClaimFilterSelectsClaimsAndTheirSources) {
  const std::string text = Render(ReportFormat::kJson, {.claims = {"c2"}});
  const nlohmann::json doc = nlohmann::json::parse(text);
  ASSERT_EQ(doc["claims"].size(), 1u);
  EXPECT_EQ(doc["claims"][0]["id"], "c2");
  EXPECT_TRUE(doc["sources"].empty());
  const nlohmann::json both =
      nlohmann::json::parse(Render(ReportFormat::kJson, {.claims = {"c2", "c1", "c2"}}));
  EXPECT_EQ(both["claims"].size(), 2u);
  EXPECT_EQ(both["claims"][0]["id"], "c1");
  EXPECT_EQ(both["sources"].size(), 2u);
}

TEST(Report, UnknownClaimIsNotFoundAndWritesNothing) {
  std::ostringstream out;
  const Status s =
      WriteReport(MakeRun(), MakeCase(), ReportFormat::kText, {.claims = {"c1", "nope"}}, out);
  EXPECT_EQ(s.code(), ErrorCode::kNotFound);
  EXPECT_EQ(s.message(), "run 7 has no claim \"nope\"");
  EXPECT_TRUE(out.str().empty());
}

TEST(Report, HtmlIsOnePageWithoutScriptAndEveryStringEscaped) {
  const std::string html = Render(ReportFormat::kHtml);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n", 0), 0u);
  EXPECT_NE(html.find("content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\""),
            std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("\x1b"), std::string::npos);
  EXPECT_EQ(html.find("\u202E"), std::string::npos);
  EXPECT_NE(html.find("Tabloid &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;U+001B&gt;"),
            std::string::npos);
  EXPECT_NE(html.find("Paper evil&lt;U+202E&gt;txt.exe" + kLongWord), std::string::npos);
  EXPECT_NE(html.find("Second claim &lt;U+001B&gt;"), std::string::npos);
  // Both claims, in id order, and the explanation's running total.
  EXPECT_LT(html.find("id=\"claim-1\""), html.find("id=\"claim-2\""));
  EXPECT_LT(html.find(">c1</bdi></span>"), html.find(">c2</bdi></span>"));
  EXPECT_NE(html.find("<td class=\"n\">+1.200</td>"), std::string::npos);
  // The provenance picture: two lanes, one per line of the explanation.
  EXPECT_NE(html.find(">line 1</text>"), std::string::npos);
  EXPECT_NE(html.find(">line 2</text>"), std::string::npos);
  EXPECT_EQ(html.find(">line 3</text>"), std::string::npos);
}

// Right-to-left case text cannot reorder what follows it: every case string
// in element text is in its own <bdi>, also where a scorer's sentence quotes
// a source name or an evidence note (the longest match first, never nested).
TEST(Report, HtmlIsolatesCaseStringsInBdi) {
  const std::string arabic = "\u0646\u0628\u0623";  // "news"
  const std::string hebrew = "\u05d8\u05e2\u05e0\u05d4 2019";
  score::Run run;
  run.info = {.id = 1, .engine = "0.1.0", .rules_name = "r", .rules_sha256 = "00", .seed = 0,
              .interval_level = 0.9};
  score::ClaimScore c;
  c.claim_id = "c";
  c.p = c.p_raw = 0.6;
  c.lo = 0.4;
  c.hi = 0.8;
  c.lines = 1;
  c.contributions = {{score::ContributionKind::kLink, "long->c", 0.4,
                      "Line 1: " + arabic + " 24 (originates) supports; " + arabic +
                          " agrees; note " + hebrew + ".",
                      1}};
  run.claims = {c};
  run.sources = {{.source_id = "long", .alpha = 2, .beta = 2, .mean = 0.5},
                 {.source_id = "short", .alpha = 2, .beta = 2, .mean = 0.5}};
  AssignVerdicts(run, nullptr);
  model::Case records;
  records.sources = {{.id = "long", .name = arabic + " 24"}, {.id = "short", .name = arabic}};
  records.claims = {{.id = "c", .text = hebrew}};
  records.links = {{.source = "long", .claim = "c"}, {.source = "short", .claim = "c"}};
  records.evidence = {{.claim = "c", .feature = "f", .note = hebrew}};
  std::ostringstream out;
  ASSERT_TRUE(WriteReport(run, records, ReportFormat::kHtml, {}, out).ok());
  const std::string html = out.str();
  EXPECT_NE(html.find("<td>Line 1&#58; <bdi>" + arabic + " 24</bdi> (originates) supports; <bdi>" +
                      arabic + "</bdi> agrees; note <bdi>" + hebrew + "</bdi>.</td>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<br><bdi>" + hebrew + "</bdi></h2>"), std::string::npos);
  EXPECT_NE(html.find("<bdi>long-&gt;c</bdi> (<bdi>" + arabic + " 24</bdi>)"), std::string::npos);
  EXPECT_NE(html.find("<td><bdi>" + arabic + "</bdi></td>"), std::string::npos);
  EXPECT_EQ(html.find("<bdi><bdi>"), std::string::npos);
}

// With an evaluation the run page shows its metrics and reliability diagram;
// without one there is no such section (and no link to it).
TEST(Report, HtmlRunPageShowsTheEvaluationWhenThereIsOne) {
  eval::Metrics m;
  m.outcomes = 3;
  m.brier = 0.125;
  m.log_loss = 0.5;
  m.ece = 0.25;
  m.bins[7] = {3, 0.75, 2.0 / 3.0};
  ReportOptions with;
  with.evaluation = &m;
  const std::string html = Render(ReportFormat::kHtml, with);
  const std::size_t section = html.find("<section id=\"evaluation\">");
  ASSERT_NE(section, std::string::npos);
  EXPECT_LT(section, html.find("<nav>"));
  EXPECT_NE(html.find("<a href=\"#evaluation\">"), std::string::npos);
  EXPECT_NE(html.find("3 labeled claims."), std::string::npos);
  EXPECT_NE(html.find("<tr><td class=\"id\">brier</td><td class=\"n\">0.1250</td>"),
            std::string::npos);
  EXPECT_NE(html.find("<td class=\"id\">ece</td><td class=\"n\">0.2500</td>"), std::string::npos);
  EXPECT_EQ(html.find("<td class=\"id\">accuracy</td>"), std::string::npos);  // no items
  EXPECT_NE(html.find("<svg class=\"reliability\""), std::string::npos);
  EXPECT_NE(html.find("Reliability diagram, run 7</text>"), std::string::npos);
  // The inline diagram names no namespace URL (nor any other).
  EXPECT_EQ(html.substr(section, html.find("<nav>") - section).find("http"), std::string::npos);

  const std::string without = Render(ReportFormat::kHtml);
  EXPECT_EQ(without.find("id=\"evaluation\""), std::string::npos);
  EXPECT_EQ(without.find("#evaluation"), std::string::npos);
}

TEST(Report, HtmlIsTheSameBytesEveryTime) {
  EXPECT_EQ(Render(ReportFormat::kHtml), Render(ReportFormat::kHtml));
}

TEST(Report, MissingCaseRecordsAreSaidNotFatal) {
  std::ostringstream out;
  ASSERT_TRUE(WriteReport(MakeRun(), model::Case{}, ReportFormat::kText, {}, out).ok());
  EXPECT_NE(out.str().find("claim c1: (claim text not in the store)"), std::string::npos);
  EXPECT_NE(out.str().find("(not in the store)"), std::string::npos);
}

TEST(Report, FailedStreamIsAnIoError) {
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  EXPECT_EQ(WriteReport(MakeRun(), MakeCase(), ReportFormat::kText, {}, out).code(),
            ErrorCode::kIo);
}

TEST(ReportFormatNames, RoundTrip) {
  for (std::string_view n : {"text", "md", "json", "html"}) {
    ASSERT_TRUE(ParseReportFormat(n).has_value()) << n;
    EXPECT_EQ(Name(*ParseReportFormat(n)), n);
  }
  EXPECT_FALSE(ParseReportFormat("markdown").has_value());
}

TEST(Explanation, LinesAddUpAndEndWithTheVerdict) {
  std::ostringstream out;
  ASSERT_TRUE(WriteExplanation(MakeRun(), MakeCase(), "c1", out).ok());
  const std::string text = out.str();
  EXPECT_TRUE(text.starts_with("credence explain: claim c1, run 7\n"));
  EXPECT_NE(text.find("sum of contributions (log-odds)  +1.200\n"), std::string::npos);
  EXPECT_EQ(text.find("recorded log-odds"), std::string::npos);  // the sum matches
  EXPECT_NE(text.find("p before calibration  0.7685  (= 1 / (1 + e^-(+1.200)))\n"),
            std::string::npos);
  EXPECT_NE(text.find("interval              0.5000 to 0.9000  (90% credible)\n"),
            std::string::npos);
  EXPECT_NE(text.find("ICD 203               likely, could be roughly even chance or very likely\n"),
            std::string::npos);
  EXPECT_LT(text.find("step  line"), text.find("ICD 203"));
  EXPECT_EQ(text.find("claim c2"), std::string::npos);
}

TEST(Explanation, SumThatMissesTheRecordedLogOddsIsShown) {
  score::Run run = MakeRun();
  run.claims[1].log_odds = 1.5;
  std::ostringstream out;
  ASSERT_TRUE(WriteExplanation(run, MakeCase(), "c1", out).ok());
  EXPECT_NE(out.str().find("recorded log-odds                +1.500  (differs from the sum of "
                           "contributions)"),
            std::string::npos);
}

TEST(Explanation, UnknownClaimIsNotFound) {
  std::ostringstream out;
  EXPECT_EQ(WriteExplanation(MakeRun(), MakeCase(), "zz", out).code(), ErrorCode::kNotFound);
}

}  // namespace
}  // namespace credence::report
