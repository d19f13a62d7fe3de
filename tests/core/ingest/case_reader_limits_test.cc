// The reader's limits (core/ingest/case_reader.h, docs/case-format.md
// "Limits"): inputs built at run time past each limit get an error naming the
// file, the place and the limit, and the reader stays bounded in memory and
// time. The 10^7-link case is measured by scripts/limits (docs/reliability.md).
#include <gtest/gtest.h>

#include <string>

#include "core/ingest/case_reader.h"

namespace credence::ingest {
namespace {

constexpr std::string_view kHeader = R"({"format":"credence-case/1",)";

std::string Errors(std::string_view text, Encoding enc, std::string_view name) {
  auto r = ParseCaseText(text, enc, name);
  return r.ok() ? "ok" : r.status().ToString();
}

std::string Nested(std::size_t depth) {
  return std::string(depth, '[') + std::string(depth, ']');
}

TEST(CaseReaderLimits, HundredMegabyteStringInJsonIsRejectedNamingTheLimit) {
  std::string text = std::string(kHeader) + R"("claims":[{"id":"c1","text":")" +
                     std::string(100 << 20, 'a') + R"("}]})";
  EXPECT_EQ(Errors(text, Encoding::kJson, "big.json"),
            "big.json [c1] /claims/0/text: expected a string of at most 1048576 bytes (the "
            "string limit); got 104857600 bytes");
}

TEST(CaseReaderLimits, HundredMegabyteLineInJsonlIsSkippedAndReadingGoesOn) {
  std::string text = R"({"format":"credence-case/1"})"
                     "\n"
                     R"({"type":"claim","id":"c1","text":")" +
                     std::string(100 << 20, 'a') +
                     "\"}\n"
                     R"({"type":"claim","id":"c2"})"
                     "\n";
  EXPECT_EQ(Errors(text, Encoding::kJsonl, "big.jsonl"),
            "big.jsonl:2: expected a line of at most 16777216 bytes (the JSONL line limit); the "
            "line is longer\n"
            "big.jsonl:3 [c2]: missing required field \"text\"");
}

TEST(CaseReaderLimits, LineJustUnderTheLineLimitIsParsed) {
  // A line of exactly kMaxLineBytes is read (and its over-long string named).
  std::string head = R"({"type":"claim","id":"c1","text":")";
  std::string text = head + std::string(kMaxLineBytes - head.size() - 2, 'a') + "\"}";
  ASSERT_EQ(text.size(), kMaxLineBytes);
  EXPECT_EQ(Errors(text, Encoding::kJsonl, "edge.jsonl"),
            "edge.jsonl:1 [c1] /text: expected a string of at most 1048576 bytes (the string "
            "limit); got " + std::to_string(kMaxLineBytes - head.size() - 2) + " bytes");
}

TEST(CaseReaderLimits, StringAtTheLimitIsAccepted) {
  std::string text = R"({"type":"claim","id":"c1","text":")" +
                     std::string(kMaxStringBytes, 'a') + "\"}\n";
  auto r = ParseCaseText(text, Encoding::kJsonl, "ok.jsonl");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->claims.at(0).text.size(), kMaxStringBytes);
}

TEST(CaseReaderLimits, LongAttributeValueAndNameAreRejected) {
  std::string big(kMaxStringBytes + 1, 'x');
  std::string text = R"({"type":"source","id":"s","name":"S","kind":"blog","attributes":{"a":{"b":")" +
                     big + R"("},")" + big + R"(":1}})";
  EXPECT_EQ(Errors(text, Encoding::kJsonl, "attr.jsonl"),
            "attr.jsonl:1 [s] /attributes/a/b: expected a string of at most 1048576 bytes (the "
            "string limit); got 1048577 bytes\n"
            "attr.jsonl:1 [s] /attributes: attribute name: expected a string of at most 1048576 "
            "bytes (the string limit); got 1048577 bytes");
}

TEST(CaseReaderLimits, HugeUnknownFieldNameGivesAShortError) {
  std::string text = std::string(kHeader) + "\"" + std::string(50 << 20, 'k') + "\":1}";
  EXPECT_EQ(Errors(text, Encoding::kJson, "key.json"),
            "key.json: field name: expected a string of at most 1048576 bytes (the string "
            "limit); got 52428800 bytes");
}

TEST(CaseReaderLimits, LongBadValuesAreQuotedShortInErrors) {
  std::string text = R"({"type":"source","id":"s","name":"S","kind":")" + std::string(5000, 'k') +
                     "\"}\n";
  EXPECT_EQ(Errors(text, Encoding::kJsonl, "kind.jsonl"),
            "kind.jsonl:1 [s] /kind: expected one of news_outlet, wire_service, state_media, "
            "official, government, intelligence_agency, military, hacker_group, leak_platform, "
            "think_tank, academic, expert, blog, social_media_account, company, ngo, other; got \"" +
                std::string(100, 'k') + "\"... (5000 bytes)");
}

TEST(CaseReaderLimits, MillionDeepNestingInJsonIsRejectedWhereItPassesTheLimit) {
  std::string prefix = std::string(kHeader) +
                       "\n" R"("sources":[{"id":"s","name":"S","kind":"blog","attributes":{"x":)";
  std::string text = prefix + Nested(1'000'000) + "}}]}";
  // Levels 1-4 are the document, "sources", the record and "attributes": the
  // bracket opening level 1025 is the 1021st of the value.
  std::size_t column = prefix.size() - prefix.find('\n') - 1 + 1021;
  EXPECT_EQ(Errors(text, Encoding::kJson, "deep.json"),
            "deep.json:2: at column " + std::to_string(column) +
                ": expected JSON nested at most 1024 levels deep");
}

TEST(CaseReaderLimits, MillionDeepNestingInJsonlIsRejectedWithItsLineAndColumn) {
  std::string record = R"({"type":"evidence","claim":"c","feature":"f","value":)";
  std::string text = "\n" + record + Nested(1'000'000) + "}\n";
  EXPECT_EQ(Errors(text, Encoding::kJsonl, "deep.jsonl"),
            "deep.jsonl:2: at column " + std::to_string(record.size() + 1024) +
                ": expected JSON nested at most 1024 levels deep");
}

TEST(CaseReaderLimits, UnclosedMillionDeepNestingIsRejected) {
  std::string opened(1'000'000, '{');
  for (Encoding enc : {Encoding::kJson, Encoding::kJsonl}) {
    std::string error = Errors(opened, enc, "open");
    EXPECT_TRUE(error.starts_with("open:1: ")) << error.substr(0, 300);
    EXPECT_LT(error.size(), 300u) << error.substr(0, 300);
  }
}

TEST(CaseReaderLimits, NestingAtTheDepthLimitIsAccepted) {
  // The record is level 1, the value's outermost array level 2.
  std::string text = R"({"type":"evidence","claim":"c","feature":"f","value":)" +
                     Nested(kMaxDepth - 1) + "}\n";
  auto r = ParseCaseText(text, Encoding::kJsonl, "ok.jsonl");
  ASSERT_TRUE(r.ok()) << r.status().ToString().substr(0, 300);
  EXPECT_EQ(r->evidence.at(0).value.size(), 2 * (kMaxDepth - 1));
}

TEST(CaseReaderLimits, LongViaListIsReadInLinearTime) {
  // A quadratic duplicate check would take minutes here (the suite's timeout
  // catches it); duplicates must still be found.
  std::string via;
  for (int i = 0; i < 300'000; ++i) via += (i ? ",\"s" : "\"s") + std::to_string(i) + "\"";
  std::string text = R"({"type":"link","source":"a","claim":"c","stance":"supports","mode":"relays","via":[)" +
                     via + R"(,"s7"]})";
  EXPECT_EQ(Errors(text, Encoding::kJsonl, "via.jsonl"),
            "via.jsonl:1 [a->c] /via/300000: repeated id \"s7\"");
}

TEST(CaseReaderLimits, ManyUnknownTopLevelFieldsStopAtTheErrorCap) {
  std::string text = std::string(kHeader);
  for (int i = 0; i < 500'000; ++i) text += "\"k" + std::to_string(i) + "\":0,";
  text += "\"sources\":[]}";
  auto r = ParseCaseText(text, Encoding::kJson, "many.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().details().size(), 51u);
  EXPECT_EQ(r.status().details().back().message, "too many errors; stopped after 50");
}

TEST(CaseReaderLimits, HundredThousandLinksToOneClaimAreRead) {
  std::string text = R"({"type":"claim","id":"c","text":"t"})"
                     "\n";
  for (int i = 0; i < 100'000; ++i) {
    std::string s = "s" + std::to_string(i);
    text += R"({"type":"source","id":")" + s + R"(","name":"n","kind":"blog"})"
            "\n"
            R"({"type":"link","source":")" + s + R"(","claim":"c","stance":"supports","mode":"firsthand"})"
            "\n";
  }
  auto r = ParseCaseText(text, Encoding::kJsonl, "links.jsonl");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->links.size(), 100'000u);
}

}  // namespace
}  // namespace credence::ingest
