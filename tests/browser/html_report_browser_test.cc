// The HTML report in a real browser (headless Chromium, tests/browser/chromium.h):
// the report of the bundled examples and of the hostile case
// (tests/golden/hostile) is opened at a desktop and a phone width, and
// - no script ran: the page compiled no script at all (the debugger saw none),
//   its title is the report's, no console message, exception or dialog
//   (alert/confirm/prompt) happened;
// - nothing complained: no console or log entry of level warning or error
//   (a Content-Security-Policy violation is one);
// - every claim of the run shows what docs/reports.md promises, checked
//   against `credence report --format json` of the same run: p, the interval
//   and its bar, the ICD 203 word, the Admiralty credibility digit, each
//   linked source's reliability letter, the explanation table (a row per
//   contribution, the sum), the provenance picture (a box per linked source);
// - the page does not scroll sideways (a phone-width viewport included);
// - right-to-left case text is isolated (<bdi>) so it cannot reorder what
//   follows it.
// The checker itself is tested on deliberately broken pages (a script that
// runs, a script the CSP blocks, a missing picture), so it is known to fail.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/browser/chromium.h"
#include "tests/core/report/credence_binary.h"

namespace {

namespace fs = std::filesystem;
using credence::testing::Chromium;
using credence::testing::ReadFile;
using credence::testing::ShellQuote;
using nlohmann::json;

// What the page shows, read in the page by the browser (after load).
constexpr const char* kReadPage = R"js((() => {
  const t = e => e ? e.textContent.replace(/\s+/g, ' ').trim() : null;
  const box = e => { const r = e.getBoundingClientRect(); return {w: r.width, h: r.height}; };
  const claims = [...document.querySelectorAll('main section.claim')].map(s => {
    const fields = {};
    for (const dt of s.querySelectorAll('dl.kv > dt')) fields[t(dt)] = t(dt.nextElementSibling);
    const bar = s.querySelector('figure svg.bar');
    const table = s.querySelector('table.explanation');
    const prov = s.querySelector('figure svg.provenance');
    return {
      id: t(s.querySelector('h2 .id')),
      fields,
      bar: bar ? {label: bar.getAttribute('aria-label'), box: box(bar),
                  shapes: bar.querySelectorAll('rect, line').length} : null,
      rows: table && table.tBodies.length ?
          [...table.tBodies[0].rows].map(r => [...r.cells].map(t)) : null,
      sum: table && table.tFoot ? t(table.tFoot) : null,
      provenance: prov ? {box: box(prov), frame: box(prov.parentElement),
                          boxes: [...prov.querySelectorAll('g > title')].map(t)} : null,
    };
  });
  return JSON.stringify({
    title: document.title,
    claims,
    sources: [...document.querySelectorAll('#sources tbody tr')].map(r => t(r.cells[0])),
    evaluation: (() => {
      const e = document.querySelector('section#evaluation');
      if (!e) return null;
      const svg = e.querySelector('figure svg.reliability');
      return {
        metrics: [...e.querySelectorAll('table.metrics tbody tr')].map(r => [...r.cells].map(t)),
        diagram: svg ? {box: box(svg), bars: svg.querySelectorAll('rect[fill=steelblue]').length}
                     : null,
      };
    })(),
    scripts: document.scripts.length,
    viewport: window.innerWidth,
    page_width: document.documentElement.scrollWidth,
    rtl: (() => {
      // Right-to-left text outside SVG: inside a <bdi>, and what follows the
      // <bdi> on its line is drawn to its right (not pulled into its run).
      const out = {isolated: 0, loose: [], misplaced: []};
      const rtl = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
      const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        if (!rtl.test(n.data) || n.parentElement.closest('svg')) continue;
        const b = n.parentElement.closest('bdi');
        if (!b) { out.loose.push(n.data); continue; }
        out.isolated++;
        const next = b.nextSibling;
        if (!next || next.nodeType !== 3 || next.data.search(/\S/) < 0) continue;
        const i = next.data.search(/\S/);
        const r = document.createRange();
        r.setStart(next, i);
        r.setEnd(next, i + 1);
        const after = r.getClientRects()[0];
        const rects = b.getClientRects();
        const last = rects[rects.length - 1];
        if (after && last && Math.abs(after.top - last.top) < 2 && after.left < last.right - 1) {
          out.misplaced.push(b.textContent);
        }
      }
      return out;
    })(),
  });
})())js";

// One page load as the browser saw it.
struct PageVisit {
  std::string error;            // the browser failed (not the page)
  std::vector<json> events;     // session events from navigation to load
  json page;                    // kReadPage's answer
};

PageVisit Visit(Chromium& browser, const fs::path& file, int width, int height) {
  PageVisit visit;
  std::string& error = visit.error;
  const json target = browser.Call("Target.createTarget", {{"url", "about:blank"}}, "", &error);
  if (!error.empty()) return visit;
  const json attached = browser.Call(
      "Target.attachToTarget", {{"targetId", target["targetId"]}, {"flatten", true}}, "", &error);
  if (!error.empty()) return visit;
  const std::string session = attached["sessionId"];
  for (const char* domain : {"Page.enable", "Runtime.enable", "Log.enable", "Debugger.enable"}) {
    browser.Call(domain, {}, session, &error);
    if (!error.empty()) return visit;
  }
  browser.Call("Emulation.setDeviceMetricsOverride",
               {{"width", width}, {"height", height}, {"deviceScaleFactor", 1},
                {"mobile", width < 600}},
               session, &error);
  if (!error.empty()) return visit;
  const std::size_t first = browser.events().size();
  browser.Call("Page.navigate", {{"url", "file://" + fs::absolute(file).string()}}, session,
               &error);
  if (!error.empty()) return visit;
  if (!browser.WaitForEvent("Page.loadEventFired", session, first, &error)) return visit;
  // A round trip after load (one that compiles no script), so that anything
  // the page logged while loading has arrived before the events are read.
  browser.Call("Page.getFrameTree", {}, session, &error);
  if (!error.empty()) return visit;
  const std::size_t last = browser.events().size();
  for (std::size_t i = first; i < last; ++i) {
    if (browser.events()[i].value("sessionId", "") == session) {
      visit.events.push_back(browser.events()[i]);
    }
  }
  const json read = browser.Call("Runtime.evaluate",
                                 {{"expression", kReadPage}, {"returnByValue", true}},
                                 session, &error);
  if (!error.empty()) return visit;
  visit.page = json::parse(read["result"].value("value", "null"), nullptr, false);
  if (!visit.page.is_object()) error = "the page could not be read: " + read.dump();
  browser.Call("Target.closeTarget", {{"targetId", target["targetId"]}}, "", &error);
  return visit;
}

double Number(const std::string& text) {
  try {
    return std::stod(text);
  } catch (...) {
    return NAN;
  }
}

bool Near(double a, double b) { return std::fabs(a - b) < 5e-5; }

bool StartsWith(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

// Everything wrong with `visit` as the page of `report` (the JSON report of
// the same run); empty when the page is right.
std::vector<std::string> Problems(const PageVisit& visit, const json& report) {
  std::vector<std::string> problems;
  auto problem = [&](std::string text) { problems.push_back(std::move(text)); };
  // Inert: nothing ran, nothing complained.
  for (const json& e : visit.events) {
    const std::string method = e.value("method", "");
    const json params = e.value("params", json::object());
    if (method == "Debugger.scriptParsed") {
      problem("a script was compiled: " + params.value("url", "(inline)") + " line " +
              std::to_string(params.value("startLine", 0)));
    } else if (method == "Runtime.consoleAPICalled") {
      problem("console." + params.value("type", "?") + " was called: " + params["args"].dump());
    } else if (method == "Runtime.exceptionThrown") {
      problem("exception: " + params["exceptionDetails"].dump());
    } else if (method == "Page.javascriptDialogOpening") {
      problem("a dialog opened: " + params.value("type", "?") + " " + params.value("message", ""));
    } else if (method == "Log.entryAdded") {
      const json entry = params.value("entry", json::object());
      const std::string level = entry.value("level", "");
      if (level == "error" || level == "warning") {
        problem("console " + level + ": " + entry.value("text", ""));
      }
    }
  }
  const json& page = visit.page;
  const std::string title = "credence report: run " + std::to_string(report["run"]["id"].get<int>());
  if (page.value("title", "") != title) problem("title is \"" + page.value("title", "") + "\"");
  if (page.value("scripts", -1) != 0) problem("the document holds script elements");
  const int viewport = page.value("viewport", 0);
  if (page.value("page_width", 1 << 20) > viewport) {
    problem("the page scrolls sideways: " + std::to_string(page.value("page_width", 0)) +
            " px wide in a " + std::to_string(viewport) + " px viewport");
  }

  const json rtl = page.value("rtl", json::object());
  for (const json& text : rtl.value("loose", json::array())) {
    problem("right-to-left text outside <bdi>: " + text.get<std::string>());
  }
  for (const json& text : rtl.value("misplaced", json::array())) {
    problem("the text after \"" + text.get<std::string>() + "\" is drawn before it");
  }

  // Complete: each claim of the run, as the JSON report has it.
  std::map<std::string, char> letters;
  for (const json& s : report["sources"]) {
    letters[s["id"]] = s["admiralty"].get<std::string>()[0];
  }
  const json& claims = page.value("claims", json::array());
  if (claims.size() != report["claims"].size()) {
    problem("the page shows " + std::to_string(claims.size()) + " claims, the run has " +
            std::to_string(report["claims"].size()));
  }
  for (std::size_t i = 0; i < claims.size() && i < report["claims"].size(); ++i) {
    const json& shown = claims[i];
    const json& want = report["claims"][i];
    const std::string id = want["id"];
    auto claim_problem = [&](const std::string& text) { problem("claim " + id + ": " + text); };
    if (shown.value("id", "") != id) claim_problem("shown as \"" + shown.value("id", "") + "\"");
    const json fields = shown.value("fields", json::object());
    auto field = [&](const std::string& name) { return fields.value(name, std::string()); };
    if (!Near(Number(field("p")), want["p"].get<double>())) claim_problem("p is " + field("p"));
    std::string interval;
    for (const auto& [name, value] : fields.items()) {
      if (name.size() > 9 && name.ends_with(" interval")) interval = value;
    }
    const std::size_t to = interval.find(" to ");
    if (to == std::string::npos || !Near(Number(interval), want["interval"][0].get<double>()) ||
        !Near(Number(interval.substr(to + 4)), want["interval"][1].get<double>())) {
      claim_problem("interval is \"" + interval + "\"");
    }
    if (!StartsWith(field("ICD 203"), want["verdict"]["icd203"].get<std::string>() + " ") &&
        field("ICD 203") != want["verdict"]["icd203"]) {
      claim_problem("ICD 203 is \"" + field("ICD 203") + "\"");
    }
    if (!StartsWith(field("Admiralty credibility"),
                    std::to_string(want["verdict"]["admiralty_credibility"].get<int>()) + " (")) {
      claim_problem("Admiralty credibility is \"" + field("Admiralty credibility") + "\"");
    }
    const json bar = shown.value("bar", json());
    if (!bar.is_object() || bar["box"]["w"].get<double>() <= 0 ||
        bar["box"]["w"].get<double>() > viewport || bar["shapes"].get<int>() < 4 ||
        bar.value("label", "").find("p " + field("p").substr(0, 6)) == std::string::npos) {
      claim_problem("no probability bar (or an empty or oversized one): " + bar.dump());
    }
    const json rows = shown.value("rows", json());
    const json& contributions = want["contributions"];
    if (!rows.is_array() || rows.size() != std::max<std::size_t>(contributions.size(), 1)) {
      claim_problem("explanation table has " + (rows.is_array() ? std::to_string(rows.size()) : "no") +
                    " rows for " + std::to_string(contributions.size()) + " contributions");
    } else {
      for (std::size_t r = 0; r < contributions.size(); ++r) {
        if (rows[r].size() != 7 || rows[r][2] != contributions[r]["kind"] ||
            !StartsWith(rows[r][5].get<std::string>(), contributions[r]["ref"].get<std::string>())) {
          claim_problem("explanation row " + std::to_string(r + 1) + " is " + rows[r].dump());
        }
      }
    }
    if (shown.value("sum", "").find("log-odds") == std::string::npos) {
      claim_problem("explanation table has no sum row");
    }
    const json provenance = shown.value("provenance", json());
    const std::string reliability = field("sources' reliability");
    for (const json& c : contributions) {
      if (c["kind"] != "link") continue;
      const std::string ref = c["ref"];
      const std::string source = ref.substr(0, ref.find("->"));
      const std::string letter(1, letters.count(source) ? letters[source] : '?');
      if (reliability.find(source + " " + letter) == std::string::npos) {
        claim_problem("source " + source + " without its reliability letter " + letter + " in \"" +
                      reliability + "\"");
      }
      bool drawn = false;
      if (provenance.is_object()) {
        for (const json& b : provenance["boxes"]) {
          drawn = drawn || b.get<std::string>().find("(" + source + "), reliability " + letter) !=
                               std::string::npos;
        }
      }
      if (!drawn) claim_problem("source " + source + " has no box in the provenance picture");
    }
    // The picture keeps its natural size on a phone and scrolls inside its
    // own frame; the frame must fit the page.
    if (provenance.is_object() && (provenance["box"]["w"].get<double>() <= 0 ||
                                   provenance["frame"]["w"].get<double>() > viewport)) {
      claim_problem("provenance picture is " + provenance["box"].dump() + " in a frame " +
                    provenance["frame"].dump());
    }
  }
  if (page.value("sources", json::array()).size() != report["sources"].size()) {
    problem("the sources table has " + std::to_string(page.value("sources", json::array()).size()) +
            " rows, the run rated " + std::to_string(report["sources"].size()) + " sources");
  }
  return problems;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& l : lines) text += "  " + l.substr(0, 600) + "\n";
  return text;
}

class BrowserReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() /
                        ("credence-browser-" + std::to_string(getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_ / "profile");
    std::string error;
    browser_ = Chromium::Launch(*dir_ / "profile", &error).release();
    launch_error_ = new std::string(error);
  }
  static void TearDownTestSuite() {
    delete browser_;
    browser_ = nullptr;
    fs::remove_all(*dir_);
    delete dir_;
    delete launch_error_;
  }
  void SetUp() override {
    ASSERT_NE(browser_, nullptr) << *launch_error_;
  }

  // Imports `files` into a fresh store named `name`, scores it, and writes
  // its HTML report (returned) and JSON report (*report).
  fs::path MakeReport(const std::string& name, const std::vector<fs::path>& files, json* report) {
    const fs::path db = *dir_ / (name + ".db"), out = *dir_ / "out", err = *dir_ / "err";
    std::string args = "import";
    for (const fs::path& f : files) args += " " + ShellQuote(f.string());
    EXPECT_EQ(credence::testing::RunCredence(db, args, out, err), 0) << ReadFile(err);
    EXPECT_EQ(credence::testing::RunCredence(db, "score", out, err), 0) << ReadFile(err);
    const fs::path html = *dir_ / (name + ".html");
    EXPECT_EQ(credence::testing::RunCredence(
                  db, "report --format html -o " + ShellQuote(html.string()), out, err),
              0)
        << ReadFile(err);
    EXPECT_EQ(credence::testing::RunCredence(db, "report --format json", out, err), 0)
        << ReadFile(err);
    *report = json::parse(ReadFile(out), nullptr, false);
    return html;
  }

  fs::path Examples(json* report) {
    std::vector<fs::path> files;
    for (const fs::directory_entry& e :
         fs::directory_iterator(fs::path(CREDENCE_SOURCE_DIR) / "examples")) {
      if (e.path().extension() == ".json") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    return MakeReport("examples", files, report);
  }

  fs::path Hostile(json* report) {
    return MakeReport("hostile",
                      {fs::path(CREDENCE_SOURCE_DIR) / "tests/golden/hostile/case.json"}, report);
  }

  // The problems of `html` at a desktop and at a phone width.
  std::vector<std::string> Check(const fs::path& html, const json& report) {
    std::vector<std::string> all;
    for (const auto& [width, height] : {std::pair{1200, 900}, std::pair{390, 844}}) {
      const PageVisit visit = Visit(*browser_, html, width, height);
      if (!visit.error.empty()) {
        ADD_FAILURE() << "browser: " << visit.error << "\n" << browser_->Log();
        return {"(browser failed)"};
      }
      last_page_ = visit.page;
      for (const std::string& p : Problems(visit, report)) {
        all.push_back(std::to_string(width) + " px: " + p);
      }
    }
    return all;
  }

  // `html` with `from` replaced by `to` (the first or every occurrence; there
  // must be one), as a new file.
  fs::path Broken(const fs::path& html, const std::string& name, const std::string& from,
                  const std::string& to, bool every = false) {
    std::string text = ReadFile(html);
    EXPECT_NE(text.find(from), std::string::npos) << from;
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = every ? text.find(from, at + to.size()) : std::string::npos) {
      text.replace(at, from.size(), to);
    }
    const fs::path broken = *dir_ / (name + ".html");
    std::ofstream(broken, std::ios::binary) << text;
    return broken;
  }

  static inline fs::path* dir_ = nullptr;
  static inline Chromium* browser_ = nullptr;
  static inline std::string* launch_error_ = nullptr;
  json last_page_;  // what Check() read at the last width
};

constexpr const char* kCsp =
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src "
    "'unsafe-inline'; img-src data:\">";

TEST_F(BrowserReport, ExamplesReportIsInertAndComplete) {
  json report;
  const fs::path html = Examples(&report);
  ASSERT_TRUE(report.is_object());
  ASSERT_GE(report["claims"].size(), 5u);
  const std::vector<std::string> problems = Check(html, report);
  EXPECT_TRUE(problems.empty()) << Join(problems);
}

TEST_F(BrowserReport, HostileReportIsInertAndComplete) {
  json report;
  const fs::path html = Hostile(&report);
  ASSERT_TRUE(report.is_object());
  const std::vector<std::string> problems = Check(html, report);
  EXPECT_TRUE(problems.empty()) << Join(problems);
  // The case's Arabic and Hebrew strings were found, isolated, in the page.
  EXPECT_GE(last_page_["rtl"].value("isolated", 0), 4) << last_page_["rtl"].dump();
}

// A run with a stored evaluation shows its metrics and reliability diagram.
TEST_F(BrowserReport, EvaluatedRunShowsMetricsAndDiagram) {
  const fs::path labeled = *dir_ / "labeled.json";
  std::ofstream(labeled) << R"({"format": "credence-case/1",
    "sources": [{"id": "wire", "name": "A wire service", "kind": "wire_service"},
                {"id": "blog", "name": "An anonymous blog", "kind": "blog",
                 "attributes": {"anonymous": true}}],
    "claims": [{"id": "t1", "text": "True one", "label": true},
               {"id": "t2", "text": "True two", "label": true},
               {"id": "f1", "text": "False one", "label": false},
               {"id": "f2", "text": "False two", "label": false}],
    "links": [{"source": "wire", "claim": "t1", "stance": "supports", "mode": "originates"},
              {"source": "wire", "claim": "t2", "stance": "supports", "mode": "originates"},
              {"source": "blog", "claim": "t2", "stance": "refutes", "mode": "originates"},
              {"source": "blog", "claim": "f1", "stance": "supports", "mode": "originates"},
              {"source": "wire", "claim": "f2", "stance": "refutes", "mode": "originates"}]})";
  json report;
  MakeReport("evaluated", {labeled}, &report);  // scored, not yet evaluated
  const fs::path db = *dir_ / "evaluated.db", out = *dir_ / "out", err = *dir_ / "err";
  ASSERT_EQ(credence::testing::RunCredence(db, "eval", out, err), 0) << ReadFile(err);
  const fs::path html = *dir_ / "evaluated.html";
  ASSERT_EQ(credence::testing::RunCredence(
                db, "report --format html -o " + ShellQuote(html.string()), out, err),
            0)
      << ReadFile(err);
  const std::vector<std::string> problems = Check(html, report);
  EXPECT_TRUE(problems.empty()) << Join(problems);
  const json evaluation = last_page_.value("evaluation", json());
  ASSERT_TRUE(evaluation.is_object()) << "no evaluation section";
  std::vector<std::string> names;
  for (const json& row : evaluation["metrics"]) names.push_back(row[0]);
  EXPECT_EQ(names, (std::vector<std::string>{"accuracy", "brier", "log_loss", "ece"}));
  for (const json& row : evaluation["metrics"]) {
    const double v = Number(row[1]);
    EXPECT_TRUE(v >= 0 && v <= 10) << row.dump();
  }
  ASSERT_TRUE(evaluation["diagram"].is_object()) << "no reliability diagram";
  EXPECT_GE(evaluation["diagram"]["bars"].get<int>(), 1);
  EXPECT_GT(evaluation["diagram"]["box"]["w"].get<double>(), 0);
  EXPECT_LE(evaluation["diagram"]["box"]["w"].get<double>(), 390);

  // The examples were never evaluated: no such section.
  json examples;
  Check(Examples(&examples), examples);
  EXPECT_TRUE(last_page_.value("evaluation", json()).is_null());
}

// The checker on deliberately broken copies of the reports: each defect must
// be reported (one test, so that the browser starts once for all of them).
TEST_F(BrowserReport, CheckerCatchesEveryBrokenPage) {
  json examples, hostile;
  const fs::path good = Examples(&examples);
  const fs::path rtl = Hostile(&hostile);
  const fs::path no_csp = Broken(good, "no-csp", kCsp, "");
  struct Case {
    const char* name;
    fs::path page;
    const json* report;
    std::vector<std::string> found;      // problems that must be reported
    std::vector<std::string> not_found;  // and ones that must not
  };
  const std::vector<Case> cases = {
      // No CSP and a script: it runs, retitles the page and logs.
      {"script-runs",
       Broken(no_csp, "script-runs", "<main>",
              "<main><script>document.title='pwned';console.log('ran')</script>"),
       &examples,
       {"a script was compiled", "title is \"pwned\"", "console.log was called"},
       {}},
      {"handler-runs", Broken(no_csp, "handler-runs", "<main>", "<main><svg onload=\"alert(1)\"></svg>"),
       &examples, {"a dialog opened: alert"}, {}},
      // The CSP stops the script, and says so on the console: still a failure.
      {"script-blocked",
       Broken(good, "script-blocked", "<main>", "<main><script>document.title='pwned'</script>"),
       &examples, {"console error"}, {"a script was compiled"}},
      {"no-bar", Broken(good, "no-bar", "<svg class=\"bar\"", "<svg class=\"gone\""), &examples,
       {"no probability bar"}, {}},
      {"no-picture",
       Broken(good, "no-picture", "<svg class=\"provenance\"", "<svg class=\"gone\""), &examples,
       {"has no box in the provenance picture"}, {}},
      {"too-wide",
       Broken(good, "too-wide", "<main>", "<main><div style=\"width:3000px\">x</div>"), &examples,
       {"scrolls sideways"}, {}},
      {"no-bdi",
       Broken(Broken(rtl, "no-bdi-open", "<bdi>", "", true), "no-bdi", "</bdi>", "", true),
       &hostile, {"right-to-left text outside <bdi>"}, {}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string problems = Join(Check(c.page, *c.report));
    for (const std::string& p : c.found) {
      EXPECT_NE(problems.find(p), std::string::npos) << p << " not in:\n" << problems;
    }
    for (const std::string& p : c.not_found) {
      EXPECT_EQ(problems.find(p), std::string::npos) << p << " in:\n" << problems;
    }
  }
}

}  // namespace
