// The HTML report of the hostile case (tests/golden/hostile/case.json), as a
// user makes it: nothing in it can run, fetch or reorder text, and every
// string of the case is there, escaped.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "core/report/escape.h"
#include "tests/core/report/credence_binary.h"

namespace {

namespace fs = std::filesystem;

using credence::testing::ReadFile;
using credence::testing::ShellQuote;

class HostileHtml : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("credence-hostile-html-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    const fs::path db = dir_ / "credence.db", out = dir_ / "out", err = dir_ / "err";
    case_file_ = fs::path(CREDENCE_SOURCE_DIR) / "tests/golden/hostile/case.json";
    ASSERT_EQ(credence::testing::RunCredence(db, "import " + ShellQuote(case_file_.string()),
                                             out, err),
              0)
        << ReadFile(err);
    ASSERT_EQ(credence::testing::RunCredence(db, "score", out, err), 0) << ReadFile(err);
    ASSERT_EQ(credence::testing::RunCredence(
                  db, "report --format html -o " + ShellQuote((dir_ / "r.html").string()), out,
                  err),
              0)
        << ReadFile(err);
    html_ = ReadFile(dir_ / "r.html");
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_, case_file_;
  std::string html_;
};

TEST_F(HostileHtml, NothingCanRunOrFetch) {
  ASSERT_FALSE(html_.empty());
  // The case holds "<script>", "javascript:" and "<img src=x onerror=...>".
  EXPECT_EQ(html_.find("<script"), std::string::npos);
  EXPECT_EQ(html_.find("javascript:"), std::string::npos);
  EXPECT_EQ(html_.find("<img"), std::string::npos);
  EXPECT_EQ(html_.find("http://"), std::string::npos);
  EXPECT_EQ(html_.find("https://"), std::string::npos);
  EXPECT_NE(html_.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                       "'none'; style-src 'unsafe-inline'; img-src data:\">"),
            std::string::npos);
  // Every href is a fragment of the page itself.
  for (std::size_t at = html_.find("href=\""); at != std::string::npos;
       at = html_.find("href=\"", at + 1)) {
    EXPECT_EQ(html_[at + 6], '#') << html_.substr(at, 40);
  }
}

TEST_F(HostileHtml, NoRawControlOrBidiCharacter) {
  for (const char* bidi : {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067",
                           "\u2068", "\u2069", "\u200F", "\u061C"}) {
    EXPECT_EQ(html_.find(bidi), std::string::npos) << "raw bidi control in the page";
  }
  for (char c = 0; c < 0x20; ++c) {
    if (c == '\n') continue;
    EXPECT_EQ(html_.find(c), std::string::npos) << "raw control " << static_cast<int>(c);
  }
  EXPECT_NE(html_.find("&lt;U+202E&gt;"), std::string::npos);
  EXPECT_NE(html_.find("overflow-wrap:anywhere"), std::string::npos);
}

TEST_F(HostileHtml, EveryCaseStringIsThereEscaped) {
  const nlohmann::json doc = nlohmann::json::parse(ReadFile(case_file_));
  int checked = 0;
  for (const char* section : {"sources", "claims"}) {
    for (const nlohmann::json& record : doc[section]) {
      for (const char* field : {"id", "name", "text"}) {
        if (!record.contains(field)) continue;
        const std::string value = record[field].get<std::string>();
        EXPECT_NE(html_.find(credence::report::HtmlText(value)), std::string::npos)
            << section << " " << field << ": " << value;
        ++checked;
      }
    }
  }
  EXPECT_GE(checked, 10);
}

}  // namespace
