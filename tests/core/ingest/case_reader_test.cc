#include "core/ingest/case_reader.h"

#include <gtest/gtest.h>

#include <sstream>

#include "core/ingest/case_writer.h"

namespace credence::ingest {
namespace {

std::string Errors(std::string_view text, Encoding enc = Encoding::kJsonl) {
  auto r = ParseCaseText(text, enc, "t.jsonl");
  return r.ok() ? "ok" : r.status().ToString();
}

TEST(CaseReader, ReadsEveryRecordTypeOfJsonl) {
  auto r = ParseCaseText(
      "{\"format\":\"credence-case/1\"}\n"
      "{\"type\":\"source\",\"id\":\"bild\",\"name\":\"Bild\",\"kind\":\"news_outlet\","
      "\"attributes\":{\"tabloid\":true,\"country\":\"DE\"},"
      "\"track_record\":{\"confirmed\":3,\"refuted\":1,\"unresolved\":0}}\n"
      "\n"
      "{\"type\":\"claim\",\"id\":\"c1\",\"text\":\"東京で地震\",\"made_at\":\"2025-08\","
      "\"label\":{\"scale\":\"liar6\",\"value\":\"half-true\"}}\n"
      "{\"type\":\"link\",\"source\":\"bild\",\"claim\":\"c1\",\"stance\":\"supports\","
      "\"mode\":\"relays\",\"via\":[\"x\"],\"at\":\"2025\"}\n"
      "{\"type\":\"evidence\",\"claim\":\"c1\",\"feature\":\"photo_of_original\"}\n"
      "{\"type\":\"relation\",\"kind\":\"exclusive\",\"claims\":[\"c2\",\"c1\"]}\n"
      "{\"type\":\"relation\",\"kind\":\"implies\",\"from\":\"c1\",\"to\":\"c2\"}",
      Encoding::kJsonl, "t.jsonl");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->sources.size(), 1u);
  EXPECT_EQ(r->sources[0].attributes.at("country"), "\"DE\"");
  EXPECT_EQ(r->sources[0].track_record->confirmed, 3);
  EXPECT_EQ(r->claims[0].text, "東京で地震");
  EXPECT_EQ(r->claims[0].label->value, "\"half-true\"");
  EXPECT_EQ(r->links[0].via, std::vector<std::string>{"x"});
  EXPECT_EQ(r->evidence[0].value, "true");
  EXPECT_EQ(r->relations[0].Key(), "exclusive(c1,c2)");
  EXPECT_EQ(r->relations[1].Key(), "implies(c1->c2)");
}

TEST(CaseReader, JsonAndJsonlGiveTheSameRecords) {
  auto jsonl = ParseCaseText(
      "{\"type\":\"source\",\"id\":\"s\",\"name\":\"S\",\"kind\":\"blog\"}\n"
      "{\"type\":\"claim\",\"id\":\"c\",\"text\":\"t\"}\n",
      Encoding::kJsonl, "a.jsonl");
  auto json = ParseCaseText(
      "{\"format\":\"credence-case/1\",\"sources\":[{\"id\":\"s\",\"name\":\"S\","
      "\"kind\":\"blog\"}],\"claims\":[{\"id\":\"c\",\"text\":\"t\"}]}",
      Encoding::kJson, "a.json");
  ASSERT_TRUE(jsonl.ok() && json.ok());
  EXPECT_EQ(*jsonl, *json);
}

TEST(CaseReader, ReportsEveryErrorWithLineIdAndPointer) {
  EXPECT_EQ(Errors("{\"type\":\"link\",\"source\":\"a\",\"claim\":\"c\",\"stance\":\"maybe\","
                   "\"mode\":\"relays\"}\n"
                   "{\"type\":\"source\",\"id\":\"s\",\"name\":\"S\"}\n"),
            "t.jsonl:1 [a->c] /stance: expected one of supports, refutes, neutral; got "
            "\"maybe\"\n"
            "t.jsonl:2 [s]: missing required field \"kind\"");
}

TEST(CaseReader, RejectsUnknownFieldsButNotUnknownAttributes) {
  EXPECT_EQ(Errors("{\"type\":\"claim\",\"id\":\"c\",\"text\":\"t\",\"colour\":1}"),
            "t.jsonl:1 [c] /colour: unknown field \"colour\"; expected one of id, text, kind, "
            "lang, made_at, topic, attributes, label (extensions go under \"attributes\")");
  EXPECT_EQ(Errors("{\"type\":\"claim\",\"id\":\"c\",\"text\":\"t\",\"attributes\":"
                   "{\"colour\":1}}"),
            "ok");
}

TEST(CaseReader, RejectsBadDatesIdsCountsAndUtf8) {
  EXPECT_EQ(Errors("{\"type\":\"claim\",\"id\":\"c\",\"text\":\"t\",\"made_at\":\"2025-02-30\"}"),
            "t.jsonl:1 [c] /made_at: expected a date YYYY, YYYY-MM or YYYY-MM-DD; got "
            "\"2025-02-30\"");
  EXPECT_EQ(Errors("{\"type\":\"claim\",\"id\":\"-c\",\"text\":\"t\"}"),
            "t.jsonl:1 /id: expected an id matching [A-Za-z0-9][A-Za-z0-9._:/-]{0,127}; got "
            "\"-c\"");
  EXPECT_EQ(Errors("{\"type\":\"source\",\"id\":\"s\",\"name\":\"S\",\"kind\":\"blog\","
                   "\"track_record\":{\"confirmed\":1.5}}"),
            "t.jsonl:1 [s] /track_record/confirmed: expected an integer from 0 to 1000000000; "
            "got 1.5");
  EXPECT_EQ(Errors("{\"type\":\"claim\",\"id\":\"c\",\"text\":\"\xff\"}"),
            "t.jsonl:1: expected UTF-8 text; invalid byte at column 34");
}

TEST(CaseReader, StopsAtTheErrorCap) {
  std::string text;
  for (int i = 0; i < 60; ++i) text += "{\"type\":\"nope\"}\n";
  auto r = ParseCaseText(text, Encoding::kJsonl, "t.jsonl");
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.status().details().size(), 51u);
  EXPECT_EQ(r.status().details().back().message, "too many errors; stopped after 50");
}

TEST(CaseReader, ReadsLinesLongerThanItsBlockAndAFinalLineWithoutNewline) {
  // A 3 MiB line (three strings, each just under the 1 MiB string limit)
  // spans several of the reader's 1 MiB blocks.
  std::string big((1 << 20) - 8, 'x');
  std::string text = "{\"type\":\"claim\",\"id\":\"a\",\"text\":\"" + big +
                     "\",\"attributes\":{\"p\":\"" + big + "\",\"q\":\"" + big +
                     "\"}}\n{\"type\":\"claim\",\"id\":\"b\",\"text\":\"end\"}";
  ASSERT_GT(text.size(), std::size_t{3} << 20);
  auto r = ParseCaseText(text, Encoding::kJsonl, "t.jsonl");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->claims.size(), 2u);
  EXPECT_EQ(r->claims[0].text, big);
  EXPECT_EQ(r->claims[0].attributes.at("q"), "\"" + big + "\"");
  EXPECT_EQ(r->claims[1].text, "end");
}

TEST(StringListFromJson, ReadsWhatTheWriterWrites) {
  for (std::vector<std::string> list :
       {std::vector<std::string>{}, {"a"}, {"a", "b.c/d:e-f"}, {"q\"uote", "back\\slash"},
        {"\",\""}}) {
    auto back = StringListFromJson(StringListJson(list));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, list);
  }
  EXPECT_FALSE(StringListFromJson("[1]").ok());
}

TEST(CanonicalJson, SortsKeysMinifiesAndNormalisesNumbers) {
  EXPECT_EQ(*CanonicalJson(" { \"b\" : [1.0, -0.0, 1e2, 0.1], \"a\": \"x\\u00e9\" } "),
            "{\"a\":\"x\xc3\xa9\",\"b\":[1,0,100,0.1]}");
  EXPECT_FALSE(CanonicalJson("{\"a\":1,\"a\":2}").ok());
  EXPECT_FALSE(CanonicalJson("1e999").ok());
  // Idempotent: the canonical text is its own canonical form.
  for (std::string_view v : {"123456789012345678901234", "1.7976931348623157e308", "-5e-324",
                             "18446744073709551615", "[{\"z\":null,\"\":false}]"}) {
    auto once = CanonicalJson(v);
    if (!once.ok()) continue;
    EXPECT_EQ(*CanonicalJson(*once), *once) << v;
  }
}

TEST(CaseWriter, WritesWhatTheReaderReadsBack) {
  std::string in =
      "{\"format\":\"credence-case/1\"}\n"
      "{\"type\":\"source\",\"id\":\"s\",\"name\":\"Сергей \\\"q\\\"\\n\",\"kind\":\"blog\","
      "\"attributes\":{\"a\":[1,2]},\"track_record\":{\"confirmed\":1,\"refuted\":2,"
      "\"unresolved\":3}}\n"
      "{\"type\":\"claim\",\"id\":\"c\",\"text\":\"😀 e\xcc\x81\",\"kind\":\"event\","
      "\"lang\":\"ru\",\"made_at\":\"2025-08-05\",\"topic\":\"x\",\"label\":false}\n"
      "{\"type\":\"link\",\"source\":\"s\",\"claim\":\"c\",\"stance\":\"refutes\","
      "\"mode\":\"denies\",\"via\":[\"b\",\"a\"],\"reported_by\":\"r\",\"at\":\"2025\"}\n"
      "{\"type\":\"evidence\",\"claim\":\"c\",\"feature\":\"f\",\"value\":0.5,\"note\":\"n\"}\n"
      "{\"type\":\"relation\",\"kind\":\"exclusive\",\"claims\":[\"a\",\"c\"]}\n"
      "{\"type\":\"relation\",\"kind\":\"implies\",\"from\":\"c\",\"to\":\"a\"}\n";
  auto c = ParseCaseText(in, Encoding::kJsonl, "in.jsonl");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  for (Encoding enc : {Encoding::kJsonl, Encoding::kJson}) {
    std::ostringstream out;
    ASSERT_TRUE(WriteCase(*c, enc, out));
    auto back = ParseCaseText(out.str(), enc, "out");
    ASSERT_TRUE(back.ok()) << back.status().ToString() << "\n" << out.str();
    EXPECT_EQ(*back, *c);
    if (enc == Encoding::kJsonl) {
      EXPECT_EQ(out.str(), in);
    }
  }
}

TEST(CaseWriter, EmptyJsonCaseHasEverySection) {
  std::ostringstream out;
  ASSERT_TRUE(WriteCase(model::Case{}, Encoding::kJson, out));
  EXPECT_EQ(out.str(),
            "{\"format\":\"credence-case/1\",\n\"sources\":[],\n\"claims\":[],\n\"links\":[],\n"
            "\"evidence\":[],\n\"relations\":[]}\n");
}

}  // namespace
}  // namespace credence::ingest
