#include "core/report/escape.h"

#include <gtest/gtest.h>

#include <string>

namespace credence::report {
namespace {

TEST(PlainText, KeepsOrdinaryUnicode) {
  EXPECT_EQ(PlainText("Путин сказал «да» — 2019"), "Путин сказал «да» — 2019");
  EXPECT_EQ(PlainText("a <b> & c | d"), "a <b> & c | d");
}

TEST(PlainText, AnsiEscapeSequencesBecomeInert) {
  EXPECT_EQ(PlainText("\x1b[31mred\x1b[0m"), "<U+001B>[31mred<U+001B>[0m");
  EXPECT_EQ(PlainText("\x1b]0;title\x07"), "<U+001B>]0;title<U+0007>");
  // C1 CSI (U+009B) in UTF-8.
  EXPECT_EQ(PlainText("x\xc2\x9b" "2J"), "x<U+009B>2J");
  EXPECT_EQ(PlainText(std::string("a\0b", 3)), "a<U+0000>b");
  EXPECT_EQ(PlainText("del\x7f"), "del<U+007F>");
}

TEST(PlainText, BidiControlsAreShownNotObeyed) {
  EXPECT_EQ(PlainText("abc\u202Etxt.exe"), "abc<U+202E>txt.exe");
  EXPECT_EQ(PlainText("\u2066x\u2069\u200F\u061C"), "<U+2066>x<U+2069><U+200F><U+061C>");
}

TEST(PlainText, LineBreaksBecomeSpaces) {
  EXPECT_EQ(PlainText("one\ntwo\r\nthree\tfour\u2028five"), "one two  three four five");
}

TEST(PlainText, InvalidUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(PlainText("a\xff" "b"), "a\uFFFD" "b");
  EXPECT_EQ(PlainText("\xc0\xaf"), "\uFFFD\uFFFD");   // overlong '/'
  EXPECT_EQ(PlainText("\xed\xa0\x80"), "\uFFFD\uFFFD\uFFFD");  // surrogate
  EXPECT_EQ(PlainText("\xe2\x82"), "\uFFFD\uFFFD");  // truncated
}

TEST(PlainText, VeryLongWordKeptWhole) {
  const std::string word(100000, 'x');
  EXPECT_EQ(PlainText(word), word);
}

TEST(MarkdownText, MarkupCannotStart) {
  EXPECT_EQ(MarkdownText("<script>alert(1)</script>"),
            "\\<script>alert(1)\\</script>");
  EXPECT_EQ(MarkdownText("a | b"), "a \\| b");
  EXPECT_EQ(MarkdownText("`code` *em* _em_ ~~s~~"),
            "\\`code\\` \\*em\\* \\_em\\_ \\~\\~s\\~\\~");
  EXPECT_EQ(MarkdownText("[x](javascript:alert(1))"), "\\[x\\](javascript:alert(1))");
  EXPECT_EQ(MarkdownText("<http://evil>"), "\\<http://evil>");
  EXPECT_EQ(MarkdownText("# heading"), "\\# heading");
  EXPECT_EQ(MarkdownText("&amp; $x$ \\"), "\\&amp; \\$x\\$ \\\\");
}

TEST(MarkdownText, ControlsAndLineBreaksHandledFirst) {
  EXPECT_EQ(MarkdownText("a\nb\x1b[1m\u202E"), "a b\\<U+001B>\\[1m\\<U+202E>");
}

TEST(HtmlText, MarkupAndQuotesBecomeCharacterReferences) {
  EXPECT_EQ(HtmlText("<script>alert(\"x\")</script>"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
  EXPECT_EQ(HtmlText("a & b's"), "a &amp; b&#39;s");
  EXPECT_EQ(HtmlText("\" onmouseover=\"x"), "&quot; onmouseover=&quot;x");
}

TEST(HtmlText, NoUrlSchemeSurvives) {
  EXPECT_EQ(HtmlText("javascript:alert(1)"), "javascript&#58;alert(1)");
  EXPECT_EQ(HtmlText("data:text/html,x"), "data&#58;text/html,x");
}

TEST(HtmlText, ControlsAndBidiAreVisibleAndEscaped) {
  // The "<U+202E>" PlainText writes is itself escaped: it shows, it is no tag.
  EXPECT_EQ(HtmlText("abc\u202Etxt"), "abc&lt;U+202E&gt;txt");
  EXPECT_EQ(HtmlText("\x1b[2J\u2066"), "&lt;U+001B&gt;[2J&lt;U+2066&gt;");
  EXPECT_EQ(HtmlText("a\xff"), "a\uFFFD");
}

TEST(HtmlText, OrdinaryTextAndLongWordsKept) {
  EXPECT_EQ(HtmlText("Путин сказал «да» — 2019"), "Путин сказал «да» — 2019");
  const std::string word(5000, 'w');
  EXPECT_EQ(HtmlText(word), word);
}

TEST(ScriptSafeJson, NothingCanCloseOrCommentTheScriptElement) {
  EXPECT_EQ(ScriptSafeJson(R"(["</script><!-- a&b -->"])"),
            R"(["\u003c/script\u003e\u003c!-- a\u0026b --\u003e"])");
  EXPECT_EQ(ScriptSafeJson("[\"a\u2028b\u2029c\"]"), R"(["a\u2028b\u2029c"])");
}

TEST(ScriptSafeJson, OtherBytesUnchanged) {
  const std::string json = R"({"k":"Путин \"q\" \\ \u001b 日本 \u2027"})";
  EXPECT_EQ(ScriptSafeJson(json), json);
  EXPECT_EQ(ScriptSafeJson("\"\u2027\u202F\""), "\"\u2027\u202F\"");
  EXPECT_EQ(ScriptSafeJson("\xE2\x80"), "\xE2\x80");  // a cut sequence is left as is
}

}  // namespace
}  // namespace credence::report
