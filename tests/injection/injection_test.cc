// Injection: names, texts, notes, attribute values, topics, fit names and
// rule-file strings built to break SQL, HTML, SVG, JSON, Markdown and
// terminal output go through every path of the binary and come out inert:
// the import/export round trip is byte-exact, JSON outputs parse back to the
// very strings, and text, explain, Markdown, HTML and SVG hold no raw control
// character, no markup of the case's and every string in its escaped form.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/ingest/case_writer.h"
#include "core/model/case.h"
#include "core/report/escape.h"
#include "tests/core/report/credence_binary.h"

namespace credence::testing {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

// Each aimed at one output; every one is put everywhere.
const std::vector<std::string>& HostileStrings() {
  static const std::vector<std::string> kStrings = {
      // SQL: quotes, comment, statement break, LIKE wildcards.
      "'); DROP TABLE claims; -- \" OR \"1\"=\"1 %_",
      // HTML and SVG: elements, attribute break-out, CDATA, comment, entity.
      "</title></text><script>alert(1)</script><img src=x onerror=alert(1)>",
      "\" onmouseover=\"alert(1)\" x=' <!-- ]]><![CDATA[<svg onload=alert(1)> &amp; &#x3c;",
      // JSON: a forged record, backslashes, JS line terminators, </script>.
      "\"},{\"id\":\"forged\",\"p\":1}\\\\u0000 \u2028\u2029 </script>",
      // Terminal: CSI (clear screen, colour), OSC title, OSC 8 link, OSC 52
      // clipboard write, DCS, backspace and carriage-return overwrites.
      "\x1b[2J\x1b[31mRED\x1b[0m \x1b]0;pwned\x07 \x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\",
      "\x1b]52;c;cHduZWQ=\x07\x1bP+q\x1b\\ safe\b\b\b\bEVIL\rOVERWRITE",
      // Every C0 control but NUL, DEL, and C1 controls (NEL, CSI, OSC, ST).
      "c0:\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17"
      "\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f del:\x7f c1:\u0080\u0085\u008d\u009b\u009c\u009d\u009f",
      // Bidi overrides, embeddings, isolates and marks.
      "invoice\u202Efdp.exe \u202A\u202B\u202C\u202D \u2066\u2067\u2068\u2069 \u200E\u200F\u061C",
      // Markdown and line structure.
      "# h\n| a | b |\n`c` *e* _u_ ~~s~~ $m$ [l](javascript:alert(1)) <http://x>\ttab\r\nend",
      // Ordinary text that must stay intact beside the rest.
      "Путин 日本語 «ok» 🙂 e\u0301",
  };
  return kStrings;
}

// Ids may hold only [A-Za-z0-9._:/-]: the awkward ones of those.
constexpr const char* kSourceIds[] = {"javascript:void", "s/../../etc/passwd", "s.-_:x"};
constexpr const char* kClaimIds[] = {"c:1", "data:text/html", "c/2"};

// A case with hostile strings in every free-text field: source names, claim
// texts and topics, evidence notes, attribute values.
model::Case HostileCase() {
  const std::vector<std::string>& h = HostileStrings();
  model::Case c;
  for (std::size_t i = 0; i < std::size(kSourceIds); ++i) {
    model::Source s;
    s.id = kSourceIds[i];
    s.name = h[i % h.size()] + " | " + h[(i + 4) % h.size()] + " | " + h[(i + 7) % h.size()];
    s.kind = i == 0 ? model::SourceKind::kNewsOutlet : model::SourceKind::kBlog;
    s.attributes["note"] = ingest::JsonString(h[(i + 1) % h.size()]);
    c.sources.push_back(std::move(s));
  }
  for (std::size_t i = 0; i < std::size(kClaimIds); ++i) {
    model::Claim cl;
    cl.id = kClaimIds[i];
    cl.text = h[(2 * i) % h.size()] + " / " + h[(2 * i + 3) % h.size()] + " / " + h[(2 * i + 6) % h.size()] +
              " / " + h[(2 * i + 9) % h.size()];
    cl.topic = h[(i + 5) % h.size()];
    cl.attributes["quote"] = ingest::JsonString(h[(i + 2) % h.size()]);
    cl.label = model::Label{i % 2 == 0, "", ""};
    c.claims.push_back(std::move(cl));
  }
  for (std::size_t i = 0; i < std::size(kClaimIds); ++i) {
    for (std::size_t j = 0; j < std::size(kSourceIds); ++j) {
      model::Link l;
      l.source = kSourceIds[j];
      l.claim = kClaimIds[i];
      l.stance = (i + j) % 3 == 0 ? model::Stance::kRefutes : model::Stance::kSupports;
      l.mode = j == 0 ? model::LinkMode::kOriginates : model::LinkMode::kRelays;
      if (j > 0) l.via = {kSourceIds[0]};
      c.links.push_back(std::move(l));
    }
    model::Evidence e;
    e.claim = kClaimIds[i];
    e.feature = "internal_inconsistency";
    e.value = "true";
    e.note = h[(i + 8) % h.size()];
    c.evidence.push_back(std::move(e));
  }
  return c;
}

// The canonical JSONL of a case, records sorted by key: what export writes.
std::string CanonicalJsonl(model::Case c) {
  auto by = [](auto key) { return [key](const auto& a, const auto& b) { return key(a) < key(b); }; };
  std::sort(c.sources.begin(), c.sources.end(), by([](const model::Source& s) { return s.id; }));
  std::sort(c.claims.begin(), c.claims.end(), by([](const model::Claim& s) { return s.id; }));
  std::sort(c.links.begin(), c.links.end(),
            by([](const model::Link& l) { return std::make_pair(l.source, l.claim); }));
  std::sort(c.evidence.begin(), c.evidence.end(),
            by([](const model::Evidence& e) { return std::make_pair(e.claim, e.feature); }));
  std::ostringstream out;
  ingest::CaseWriter writer(ingest::Encoding::kJsonl, out);
  for (const auto& r : c.sources) writer.Write(r);
  for (const auto& r : c.claims) writer.Write(r);
  for (const auto& r : c.links) writer.Write(r);
  for (const auto& r : c.evidence) writer.Write(r);
  EXPECT_TRUE(writer.Finish());
  return out.str();
}

// The first character a terminal or bidi renderer would obey rather than
// show, described; empty when there is none. Line feeds are allowed (they end
// the output's own lines).
std::string FirstRawControl(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    auto at = [&](const std::string& what) {
      return what + " at byte " + std::to_string(i) + ": ..." +
             report::PlainText(s.substr(i >= 40 ? i - 40 : 0, 80)) + "...";
    };
    if ((b < 0x20 && b != '\n') || b == 0x7f) return at("C0 control " + std::to_string(b));
    if (b == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(s[i + 1]) <= 0x9f) {
      return at("C1 control");
    }
    for (const char* bidi : {"\u061C", "\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D",
                             "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u2028", "\u2029"}) {
      if (s.substr(i).starts_with(bidi)) return at("bidi control or line separator");
    }
  }
  return "";
}

class Injection : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    // The process id keeps two build trees running this test at once apart.
    dir_ = fs::path(::testing::TempDir()) /
           (std::string("credence_Injection_") + info->name() + "_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = dir_ / "s.db";
    case_jsonl_ = CanonicalJsonl(HostileCase());
    std::ofstream(dir_ / "hostile.jsonl", std::ios::binary) << case_jsonl_;
  }

  // Runs `credence --db DB ARGS`; returns stdout, and fails the test unless
  // the exit code is `expected` and stderr holds no raw control.
  std::string Run(const std::string& args, int expected = 0, const fs::path& db = {}) {
    const fs::path out = dir_ / "out.txt";
    const fs::path err = dir_ / "err.txt";
    const int code = RunCredence(db.empty() ? db_ : db, args, out, err);
    const std::string stderr_text = ReadFile(err);
    EXPECT_EQ(code, expected) << "credence " << args << ": " << report::PlainText(stderr_text);
    EXPECT_EQ(FirstRawControl(stderr_text), "") << "stderr of credence " << args;
    return ReadFile(out);
  }

  void ImportAndScore() {
    Run("import " + ShellQuote((dir_ / "hostile.jsonl").string()));
    Run("score");
  }

  fs::path dir_;
  fs::path db_;
  std::string case_jsonl_;
};

// Every string of `j`, recursively (object keys too).
void CollectStrings(const Json& j, std::set<std::string>& out) {
  if (j.is_string()) out.insert(j.get<std::string>());
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      out.insert(k);
      CollectStrings(v, out);
    }
  }
  if (j.is_array()) {
    for (const Json& v : j) CollectStrings(v, out);
  }
}

TEST_F(Injection, ImportExportRoundTripIsByteExact) {
  Run("import " + ShellQuote((dir_ / "hostile.jsonl").string()));
  EXPECT_TRUE(Run("export --format jsonl") == case_jsonl_) << "export differs from the imported file";
  // Through the .json encoding and a second store: the same bytes again.
  const std::string json = Run("export --format json");
  std::ofstream(dir_ / "again.json", std::ios::binary) << json;
  const fs::path second = dir_ / "second.db";
  Run("import " + ShellQuote((dir_ / "again.json").string()), 0, second);
  EXPECT_TRUE(Run("export --format jsonl", 0, second) == case_jsonl_);
  // The hostile SQL did nothing: every table is still there and full.
  EXPECT_NE(Run("export --format jsonl", 0, second).find("\"type\":\"claim\""), std::string::npos);
}

TEST_F(Injection, TextReportAndExplainShowControlsInert) {
  ImportAndScore();
  const model::Case c = HostileCase();
  std::vector<std::pair<std::string, std::string>> outputs = {{"report text", Run("report --format text")}};
  for (const model::Claim& cl : c.claims) {
    outputs.push_back({"explain " + cl.id, Run("explain " + ShellQuote(cl.id))});
  }
  for (const auto& [what, text] : outputs) {
    SCOPED_TRACE(what);
    EXPECT_EQ(FirstRawControl(text), "");
    EXPECT_EQ(text.find("\x1b"), std::string::npos);
  }
  const std::string& report = outputs[0].second;
  for (const model::Claim& cl : c.claims) {
    EXPECT_NE(report.find(report::PlainText(cl.text)), std::string::npos) << "claim " << cl.id << " text not intact";
  }
  for (std::size_t i = 0; i < c.claims.size(); ++i) {
    EXPECT_NE(outputs[i + 1].second.find(report::PlainText(c.claims[i].text)), std::string::npos)
        << "explain " << c.claims[i].id << " lacks the claim's text";
  }
}

TEST_F(Injection, MarkdownReportHasNoMarkupFromTheCase) {
  ImportAndScore();
  const std::string md = Run("report --format md");
  EXPECT_EQ(FirstRawControl(md), "");
  // MarkdownText puts a backslash before < [ ]: only an unescaped one counts.
  for (const std::string markup : {"<script", "<img", "<svg", "](javascript", "<http"}) {
    for (std::size_t at = md.find(markup); at != std::string::npos; at = md.find(markup, at + 1)) {
      EXPECT_TRUE(at > 0 && md[at - 1] == '\\') << "unescaped " << markup << " at byte " << at;
    }
  }
  for (const model::Claim& cl : HostileCase().claims) {
    EXPECT_NE(md.find(report::MarkdownText(cl.text)), std::string::npos) << cl.id;
  }
}

TEST_F(Injection, HtmlReportHasNoMarkupFromTheCase) {
  ImportAndScore();
  const std::string html = Run("report --format html");
  EXPECT_EQ(FirstRawControl(html), "");
  for (const char* markup : {"<script", "<img", "<svg onload", "onmouseover=\"", "javascript:", "<![CDATA["}) {
    EXPECT_EQ(html.find(markup), std::string::npos) << markup;
  }
  for (const model::Claim& cl : HostileCase().claims) {
    EXPECT_NE(html.find(report::HtmlText(cl.text)), std::string::npos) << cl.id;
  }
}

TEST_F(Injection, JsonReportAndClaimReviewCarryTheExactStrings) {
  ImportAndScore();
  const model::Case c = HostileCase();
  for (const std::string args : {"report --format json", "export --format claimreview"}) {
    SCOPED_TRACE(args);
    const std::string text = Run(args);
    const Json j = Json::parse(text, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << "not JSON";
    std::set<std::string> strings;
    CollectStrings(j, strings);
    for (const model::Claim& cl : c.claims) {
      EXPECT_TRUE(strings.contains(cl.text)) << "claim " << cl.id << " text not exact";
    }
    EXPECT_FALSE(strings.contains("forged"));
  }
  // JSON-LD is pasted into <script type="application/ld+json">: nothing in it
  // may end that element or open a comment.
  const std::string ld = Run("export --format claimreview");
  for (const char* markup : {"</script", "<!--", "<script", "\u2028"}) {
    EXPECT_EQ(ld.find(markup), std::string::npos) << markup;
  }
}

// A fit file's name is free text (only `learn --name` checks it): it reaches
// the run, the reports and eval's SVG plot.
TEST_F(Injection, FitNameIsInertInReportsAndThePlot) {
  ImportAndScore();
  const fs::path fit_file = dir_ / "fit.json";
  Run("learn --no-store --out " + ShellQuote(fit_file.string()));
  Json fit = Json::parse(ReadFile(fit_file));
  const std::string hostile = HostileStrings()[1] + HostileStrings()[4] + HostileStrings()[7];
  fit["name"] = hostile;
  std::ofstream(fit_file, std::ios::binary | std::ios::trunc) << fit.dump();
  const std::string scored = Run("score --fit " + ShellQuote(fit_file.string()));
  EXPECT_EQ(FirstRawControl(scored), "");

  const fs::path plot = dir_ / "plot.svg";
  Run("eval --plot " + ShellQuote(plot.string()));
  const std::string svg = ReadFile(plot);
  EXPECT_EQ(FirstRawControl(svg), "");
  for (const char* markup : {"<script", "<img", "<svg onload", "<![CDATA["}) {
    EXPECT_EQ(svg.find(markup), std::string::npos) << markup;
  }
  for (const char* shown : {"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;U+001B&gt;[2J", "&lt;U+202E&gt;"}) {
    EXPECT_NE(svg.find(shown), std::string::npos) << "fit name not shown escaped: " << shown;
  }

  EXPECT_EQ(FirstRawControl(Run("eval")), "");
  EXPECT_EQ(FirstRawControl(Run("report --format text")), "");
  const std::string md = Run("report --format md");
  EXPECT_EQ(FirstRawControl(md), "");
  const std::string html = Run("report --format html");
  EXPECT_EQ(FirstRawControl(html), "");
  EXPECT_EQ(html.find("<script"), std::string::npos);
  const Json j = Json::parse(Run("report --format json"), nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j["run"]["fit"], hostile);
}

// A rule file's rationales ("why") are free text that reaches every
// explanation and report (its set name must be an id).
TEST_F(Injection, RuleFileStringsAreInert) {
  Run("import " + ShellQuote((dir_ / "hostile.jsonl").string()));
  std::string rules = ReadFile(fs::path(CREDENCE_SOURCE_DIR) / "rules/default.rules");
  const std::string name = "javascript:void";
  const std::string why = HostileStrings()[7] + HostileStrings()[4] + HostileStrings()[1];
  auto replace = [&](const std::string& from, const std::string& to) {
    const std::size_t at = rules.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    rules.replace(at, from.size(), to);
  };
  replace("\"name\": \"default\"", "\"name\": " + Json(name).dump());
  // The even prior's rationale: it is part of every claim's explanation.
  replace("\"why\": \"Before any source is heard",
          "\"why\": " + Json(why).dump().substr(0, Json(why).dump().size() - 1) + " Before any source is heard");
  std::ofstream(dir_ / "hostile.rules", std::ios::binary) << rules;
  EXPECT_EQ(FirstRawControl(Run("score --rules " + ShellQuote((dir_ / "hostile.rules").string()))), "");
  std::vector<std::string> outputs = {Run("report --format text"), Run("report --format md"),
                                      Run("report --format html")};
  for (const model::Claim& cl : HostileCase().claims) outputs.push_back(Run("explain " + ShellQuote(cl.id)));
  for (const std::string& out : outputs) EXPECT_EQ(FirstRawControl(out), "");
  EXPECT_EQ(outputs[2].find("<script"), std::string::npos) << "in the HTML report";
  const Json j = Json::parse(Run("report --format json"), nullptr, false);
  ASSERT_FALSE(j.is_discarded());
  std::set<std::string> strings;
  CollectStrings(j, strings);
  EXPECT_TRUE(strings.contains(name)) << "the rule set name is not carried exactly";
  bool why_exact = false;
  for (const std::string& text : strings) why_exact = why_exact || text.find(why) != std::string::npos;
  EXPECT_TRUE(why_exact) << "no contribution carries the rationale exactly";
}

// Rejections quote what arrived: the quote must not reach the terminal raw.
TEST_F(Injection, ErrorMessagesShowControlsInert) {
  std::ofstream(dir_ / "bad.jsonl", std::ios::binary)
      << "{\"type\":\"source\",\"id\":\"x\\u001b]0;pwned\\u0007\\u202e\",\"name\":\"n\",\"kind\":\"blog\"}\n"
         "{\"type\":\"claim\",\"id\":\"c\",\"text\":\"t\",\"kind\":\"\\u001b[2J\"}\n";
  Run("import " + ShellQuote((dir_ / "bad.jsonl").string()), 2);
  Run("explain " + ShellQuote("c\x1b[2J\u202e"), 2);
}

}  // namespace
}  // namespace credence::testing
