// The packed links and evidence of a claim (schema version 6): what
// PackLinks and PackEvidence write, DecodeLinks and DecodeEvidence read back
// field for field, whatever the text holds; a value that is not such an
// array is a corrupt store naming its claim. The claim's label (version 7): the text a case file holds, read
// back as it was.
#include "core/store/links_codec_internal.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "core/ingest/case_writer.h"
#include "core/model/enums.h"

namespace credence::store {
namespace {

// Text from several scripts, JSON's escapes and control characters.
const std::vector<std::string> kPieces = {
    "a", "s1", "日本語", "Россия", "中文", "😀", "e\xCC\x81", "\"", "\\", "/", "\n", "\t", "\x01",
    "\x1f", " ", "{", "]", ","};

std::string RandomText(std::mt19937& rng, int max_pieces) {
  std::uniform_int_distribution<int> count(1, max_pieces);
  std::uniform_int_distribution<std::size_t> piece(0, kPieces.size() - 1);
  std::string out;
  for (int n = count(rng); n > 0; --n) out += kPieces[piece(rng)];
  return out;
}

StoredLink RandomLink(std::mt19937& rng, int i) {
  std::bernoulli_distribution coin(0.5);
  StoredLink l;
  l.source = "s" + std::to_string(i) + RandomText(rng, 3);
  l.stance = coin(rng) ? "supports" : "refutes";
  l.mode = coin(rng) ? "originates" : "relays";
  std::vector<std::string> via;
  for (int n = std::uniform_int_distribution<int>(0, 3)(rng); n > 0; --n) via.push_back(RandomText(rng, 2));
  l.via = ingest::StringListJson(via);
  if (coin(rng)) l.reported_by = RandomText(rng, 2);
  if (coin(rng)) l.at = "2025-08-05";
  model::Attributes attributes;
  if (coin(rng)) attributes[RandomText(rng, 2)] = ingest::JsonString(RandomText(rng, 4));
  if (coin(rng)) attributes["n"] = "-12.5e-7";
  l.attributes = ingest::AttributesJson(attributes);
  if (coin(rng)) l.import_id = std::uniform_int_distribution<std::int64_t>(1, 1'000'000)(rng);
  l.origin_file = std::uniform_int_distribution<std::int64_t>(1, 9)(rng);
  l.origin_line = std::uniform_int_distribution<std::int64_t>(0, 1LL << 40)(rng);
  if (coin(rng)) l.origin_pointer = "/links/" + std::to_string(i);
  return l;
}

void ExpectSame(const StoredLink& a, const StoredLink& b) {
  EXPECT_EQ(a.source, b.source);
  EXPECT_TRUE(a.SameRecord(b)) << a.source;
  EXPECT_EQ(a.via, b.via);
  EXPECT_EQ(a.attributes, b.attributes);
  EXPECT_EQ(a.import_id, b.import_id);
  EXPECT_EQ(a.origin_file, b.origin_file);
  EXPECT_EQ(a.origin_line, b.origin_line);
  EXPECT_EQ(a.origin_pointer, b.origin_pointer);
}

TEST(LinksCodec, RandomLinksComeBackFieldForField) {
  std::mt19937 rng(20261126);
  for (int round = 0; round < 200; ++round) {
    std::vector<StoredLink> links;
    for (int i = std::uniform_int_distribution<int>(0, 12)(rng); i > 0; --i) links.push_back(RandomLink(rng, i));
    std::sort(links.begin(), links.end(), [](const auto& a, const auto& b) { return a.source < b.source; });
    std::string packed;
    PackLinks(links, &packed);
    std::vector<StoredLink> back;
    ASSERT_TRUE(DecodeLinks("c", packed, &back).ok()) << packed;
    ASSERT_EQ(back.size(), links.size()) << packed;
    for (std::size_t i = 0; i < links.size(); ++i) ExpectSame(back[i], links[i]);
  }
}

// Import packs a link it reads from the via list's ids, a stored link from
// the list's JSON text: the two elements are the same bytes, and the marks
// split them into key, content and origin.
TEST(LinksCodec, AnElementPackedFromIdsIsTheElementPackedFromItsText) {
  std::mt19937 rng(7);
  for (int round = 0; round < 500; ++round) {
    StoredLink l = RandomLink(rng, round);
    l.source = "s" + std::to_string(round);  // an id: written without escapes
    std::vector<std::string> via;
    for (int n = std::uniform_int_distribution<int>(0, 3)(rng); n > 0; --n) via.push_back(RandomText(rng, 2));
    l.via = ingest::StringListJson(via);
    LinkParts from_ids = PartsOf(l);
    from_ids.via = {};
    from_ids.via_ids = &via;
    std::string a = "[", b = "[";
    const ElementMarks marks = AppendLinkElement(from_ids, OriginOf(l), &a);
    AppendLinkElement(PartsOf(l), OriginOf(l), &b);
    ASSERT_EQ(a, b);
    std::string packed;
    PackLinks(std::vector<StoredLink>{l}, &packed);
    EXPECT_EQ(a + "]", packed);
    EXPECT_EQ(marks.begin, 1u);
    EXPECT_EQ(marks.end, a.size());
    EXPECT_EQ(a.substr(marks.begin + 2, marks.key_end - marks.begin - 2), l.source);
    const std::string origin = a.substr(marks.origin, marks.end - marks.origin);
    EXPECT_EQ(origin.substr(0, 4) == "null", !l.import_id.has_value()) << origin;
    // Another origin, the same content; another stance, other content.
    StoredLink moved = l;
    moved.origin_line += 1;
    moved.import_id = 99;
    std::string c;
    const ElementMarks moved_marks = AppendLinkElement(PartsOf(moved), OriginOf(moved), &c);
    EXPECT_EQ(c.substr(moved_marks.key_end, moved_marks.origin - moved_marks.key_end),
              a.substr(marks.key_end, marks.origin - marks.key_end));
    moved.stance = l.stance == "supports" ? "refutes" : "supports";
    std::string d;
    const ElementMarks other = AppendLinkElement(PartsOf(moved), OriginOf(moved), &d);
    EXPECT_NE(d.substr(other.key_end, other.origin - other.key_end),
              a.substr(marks.key_end, marks.origin - marks.key_end));
  }
}

TEST(LinksCodec, AnArrayOutOfOrderComesBackSortedBySource) {
  std::mt19937 rng(7);
  std::vector<StoredLink> links = {RandomLink(rng, 3), RandomLink(rng, 1), RandomLink(rng, 2)};
  std::string packed;
  PackLinks(links, &packed);
  std::vector<StoredLink> back;
  ASSERT_TRUE(DecodeLinks("c", packed, &back).ok());
  ASSERT_EQ(back.size(), 3u);
  ExpectSame(back[0], links[1]);
  ExpectSame(back[1], links[2]);
  ExpectSame(back[2], links[0]);
}

TEST(LinksCodec, WhatTheMigrationWritesIsReadToo) {
  // json_array() in SQL: its own spacing-free form, via and attributes as
  // json(...), a NULL import id for links imported before version 3.
  std::vector<StoredLink> back;
  ASSERT_TRUE(DecodeLinks("c0", R"([["s0","supports","relays",["s2"],null,null,{},null,1,7,""]])", &back)
                  .ok());
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].via, R"(["s2"])");
  EXPECT_EQ(back[0].attributes, "{}");
  EXPECT_FALSE(back[0].import_id.has_value());
  EXPECT_EQ(back[0].origin_line, 7);
}

TEST(LinksCodec, EveryJsonEscapeIsDecoded) {
  // What another writer may escape that PackLinks does not: \/, \u
  // escapes (a surrogate pair for U+1F600), and spaces between tokens.
  std::vector<StoredLink> back;
  Status s = DecodeLinks(
      "c", R"([ ["a\/b\u00e9\ud83d\ude00\"\\\b\f\n\r\t\u0001", "supports" , "relays", [ "x" ], null, "2025", {"k": [1, "]"]}, 3, 1, 0, "/links/0"] ])",
      &back);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].source, "a/b\u00e9\U0001F600\"\\\b\f\n\r\t\x01");
  EXPECT_EQ(back[0].via, R"([ "x" ])");
  EXPECT_EQ(back[0].attributes, R"({"k": [1, "]"]})");
  EXPECT_EQ(back[0].at, std::optional<std::string>("2025"));
  EXPECT_EQ(back[0].origin_pointer, "/links/0");
  for (const char* bad : {R"([["\ud83d","a","b",[],null,null,{},1,1,0,""]])",
                          R"([["\u12","a","b",[],null,null,{},1,1,0,""]])",
                          R"([["\q","a","b",[],null,null,{},1,1,0,""]])"}) {
    EXPECT_FALSE(DecodeLinks("c", bad, &back).ok()) << bad;
  }
}

TEST(LinksCodec, ACorruptValueIsAnInternalErrorNamingTheClaim) {
  std::vector<StoredLink> back;
  for (const char* bad : {"", "not json", "{}", "[1]", R"([["s"]])", "[] x", "[", R"([["s")",
                          R"([["s","supports","relays",[],null,null,{},1,1,7,""]] ])",
                          R"([["s","supports","relays",[],null,null,{"a":"}],1,1,7,""]])",
                          R"([["s","supports","relays","[]",null,null,{},1,1,7,""]])",
                          R"([["s","supports","relays",[],null,null,{},1,1,7,"",9]])",
                          R"([["s","supports","relays",[],null,null,{},1,1.5,7,""]])",
                          R"([["s","supports","relays",[],7,null,{},1,1,7,""]])"}) {
    Status s = DecodeLinks("c\"9", bad, &back);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.code(), ErrorCode::kInternal) << bad;
    EXPECT_NE(s.ToString().find("corrupt store: the links of claim \"c\\\"9\""), std::string::npos)
        << s.ToString();
  }
}

// The slices ReadRecords decodes into hold what DecodeLinks reads, field
// for field (origins aside), for arrays appended one after another to one
// text; escaped strings come back unescaped.
TEST(LinksCodec, SlicesHoldWhatDecodeLinksReads) {
  std::mt19937 rng(20261127);
  std::string text = "prefix";
  std::vector<LinkSlice> slices;
  std::vector<TextSlice> via;
  std::vector<StoredLink> expected;
  for (int round = 0; round < 100; ++round) {
    std::vector<StoredLink> links;
    for (int i = std::uniform_int_distribution<int>(0, 6)(rng); i > 0; --i) links.push_back(RandomLink(rng, i));
    std::string packed;
    PackLinks(links, &packed);  // in any order: both decoders sort by source
    std::vector<StoredLink> back;
    ASSERT_TRUE(DecodeLinks("c", packed, &back).ok());
    expected.insert(expected.end(), back.begin(), back.end());
    Status s = DecodeLinkSlices("c", packed, &text, &slices, &via);
    ASSERT_TRUE(s.ok()) << s.ToString() << packed;
  }
  ASSERT_EQ(slices.size(), expected.size());
  for (std::size_t i = 0; i < slices.size(); ++i) {
    const LinkSlice& l = slices[i];
    const StoredLink& e = expected[i];
    EXPECT_EQ(l.source.In(text), e.source);
    EXPECT_EQ(model::Name(l.stance), e.stance);
    EXPECT_EQ(model::Name(l.mode), e.mode);
    std::vector<std::string> ids;
    for (std::uint32_t k = 0; k < l.via_count; ++k) ids.emplace_back(via[l.via_begin + k].In(text));
    EXPECT_EQ(ingest::StringListJson(ids), e.via);
    EXPECT_EQ(l.has_reported_by, e.reported_by.has_value());
    if (e.reported_by) {
      EXPECT_EQ(l.reported_by.In(text), *e.reported_by);
    }
    EXPECT_EQ(l.at.has_value(), e.at.has_value());
    if (e.at) {
      EXPECT_EQ(l.at->ToString(), *e.at);
    }
    EXPECT_EQ(l.attributes.In(text), e.attributes);
  }
}

TEST(LinksCodec, SlicesRejectAFieldTheStoreNeverWrites) {
  std::string text;
  std::vector<LinkSlice> slices;
  std::vector<TextSlice> via;
  for (const char* bad : {R"([["s","maybe","relays",[],null,null,{},1,1,7,""]])",
                          R"([["s","supports","echoes",[],null,null,{},1,1,7,""]])",
                          R"([["s","supports","relays",[],null,"2025-13",{},1,1,7,""]])",
                          R"([["s","supports","relays",[1],null,null,{},1,1,7,""]])",
                          R"([["s","supports","relays","[]",null,null,{},1,1,7,""]])",
                          R"([["s","supports","relays",[],null,null,{},1,1,7,""]] ])", "[1]", "",
                          R"([["s","supports","relays",[],null,null,{},1,1.5,7,""]])",
                          R"([["s","supports","relays",[],null,null,{},1e3,1,7,""]])",
                          R"([["s","supports","relays",[],null,null,{},1,1,-,""]])",
                          R"([["s","supports","relays",[],null,null,{},1,1,"7",""]])"}) {
    Status s = DecodeLinkSlices("c9", bad, &text, &slices, &via);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.code(), ErrorCode::kInternal) << bad;
    EXPECT_NE(s.ToString().find("corrupt store: the links of claim \"c9\""), std::string::npos) << s.ToString();
  }
}

StoredEvidence RandomEvidence(std::mt19937& rng, int i) {
  std::bernoulli_distribution coin(0.5);
  StoredEvidence e;
  e.feature = "f" + std::to_string(i) + RandomText(rng, 3);
  // Every kind of canonical JSON value, embedded as it is.
  const std::vector<std::string> values = {"true", "false", "null", "0", "-12.5e-7", "12345678901234",
                                           ingest::JsonString(RandomText(rng, 4)),
                                           "[1,\"]\",{\"a\":[]}]", "{\"k\":\"}\\\"\",\"n\":{}}", "[]", "{}"};
  e.value = values[std::uniform_int_distribution<std::size_t>(0, values.size() - 1)(rng)];
  if (coin(rng)) e.note = RandomText(rng, 4);
  if (coin(rng)) e.import_id = std::uniform_int_distribution<std::int64_t>(1, 1'000'000)(rng);
  e.origin_file = std::uniform_int_distribution<std::int64_t>(1, 9)(rng);
  e.origin_line = std::uniform_int_distribution<std::int64_t>(0, 1LL << 40)(rng);
  if (coin(rng)) e.origin_pointer = "/evidence/" + std::to_string(i);
  return e;
}

// What PackEvidence writes (any order of features) comes back sorted by
// feature, every field and origin as it was; the slices ReadRecords uses
// hold the same (origins asked for or not).
TEST(EvidenceCodec, RandomEvidenceComesBackFieldForField) {
  std::mt19937 rng(20261128);
  std::string text = "prefix";
  for (int round = 0; round < 200; ++round) {
    std::vector<StoredEvidence> evidence;
    for (int i = std::uniform_int_distribution<int>(0, 8)(rng); i > 0; --i) evidence.push_back(RandomEvidence(rng, i));
    std::string packed;
    PackEvidence(evidence, &packed);
    std::vector<StoredEvidence> back;
    ASSERT_TRUE(DecodeEvidence("c", packed, &back).ok()) << packed;
    SortByKey(&evidence);
    ASSERT_EQ(back.size(), evidence.size()) << packed;
    std::vector<EvidenceSlice> slices;
    ASSERT_TRUE(DecodeEvidenceSlices("c", packed, &text, &slices).ok());
    ASSERT_EQ(slices.size(), evidence.size());
    for (std::size_t i = 0; i < evidence.size(); ++i) {
      const StoredEvidence& e = evidence[i];
      EXPECT_EQ(back[i].feature, e.feature);
      EXPECT_EQ(back[i].value, e.value);
      EXPECT_EQ(back[i].note, e.note);
      EXPECT_EQ(back[i].import_id, e.import_id);
      EXPECT_EQ(back[i].origin_file, e.origin_file);
      EXPECT_EQ(back[i].origin_line, e.origin_line);
      EXPECT_EQ(back[i].origin_pointer, e.origin_pointer);
      EXPECT_EQ(slices[i].feature.In(text), e.feature);
      EXPECT_EQ(slices[i].value.In(text), e.value);
      EXPECT_EQ(slices[i].has_note, e.note.has_value());
      if (e.note) {
        EXPECT_EQ(slices[i].note.In(text), *e.note);
      }
    }
  }
}

TEST(EvidenceCodec, WhatTheMigrationWritesIsReadToo) {
  // json_array(feature, json(value), note, import_id, ...) in SQL.
  std::vector<StoredEvidence> back;
  Status s = DecodeEvidence("c0", R"([["b",{"x":[1,2]},null,null,1,0,"/evidence/0"],["a","s\"",  "n",2,3,4,""]])",
                            &back);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].feature, "a");
  EXPECT_EQ(back[0].value, R"("s\"")");
  EXPECT_EQ(back[0].note, std::optional<std::string>("n"));
  EXPECT_EQ(back[1].value, R"({"x":[1,2]})");
  EXPECT_FALSE(back[1].import_id.has_value());
  EXPECT_EQ(back[1].origin_pointer, "/evidence/0");
}

TEST(EvidenceCodec, ACorruptValueIsAnInternalErrorNamingTheClaim) {
  std::vector<StoredEvidence> back;
  for (const char* bad : {"", "{}", "[1]", R"([["f"]])", R"([["f",true]])", "[] x", R"([["f",true,null,1,1,7,""]] ])",
                          R"([["f",true,7,1,1,7,""]])", R"([["f",true,null,1,1.5,7,""]])",
                          R"([["f",true,null,1,1,7,"",9]])", R"([["f",,null,1,1,7,""]])",
                          R"([["f","open,null,1,1,7,""]])", R"([[7,true,null,1,1,7,""]])"}) {
    Status s = DecodeEvidence("c\"9", bad, &back);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.code(), ErrorCode::kInternal) << bad;
    EXPECT_NE(s.ToString().find("corrupt store: the evidence of claim \"c\\\"9\""), std::string::npos)
        << s.ToString();
  }
}

// A label's text is what a case file holds for it (ingest::ToJsonLine
// ends with it), and reads back as the label it was.
TEST(ClaimLabel, TheTextIsTheCaseFilesAndReadsBack) {
  std::mt19937 rng(7);
  const std::vector<std::string> values = {"true", "null", "-12.5e-7", "\"a\\\"b\"", "[1,\"]\",{\"a\":[]}]",
                                           "{\"k\":\"}\\\"\",\"n\":{}}"};
  std::vector<model::Label> labels = {{true, "", ""}, {false, "", ""}};
  for (int i = 0; i < 100; ++i) {
    labels.push_back({false, RandomText(rng, 4),
                      values[std::uniform_int_distribution<std::size_t>(0, values.size() - 1)(rng)]});
  }
  for (const model::Label& label : labels) {
    std::string text;
    ingest::AppendLabelJson(text, label);
    model::Claim claim;
    claim.id = "c";
    claim.text = "t";
    claim.label = label;
    const std::string line = ingest::ToJsonLine(claim);
    EXPECT_TRUE(line.ends_with(",\"label\":" + text + "}")) << line;
    auto back = DecodeLabel("c", text);
    ASSERT_TRUE(back.ok()) << text << ": " << back.status().ToString();
    EXPECT_EQ(*back, label) << text;
  }
  for (const char* bad : {"", "1", "True", "{}", "{\"scale\":\"\",\"value\":1}", "{\"value\":1,\"scale\":\"s\"}",
                          "{\"scale\":\"s\"}", "{\"scale\":\"s\",\"value\":1} x", "{\"scale\":1,\"value\":1}"}) {
    auto back = DecodeLabel("c\"9", bad);
    ASSERT_FALSE(back.ok()) << bad;
    EXPECT_EQ(back.status().code(), ErrorCode::kInternal) << bad;
    EXPECT_NE(back.status().ToString().find("corrupt store: the label of claim \"c\\\"9\""), std::string::npos)
        << back.status().ToString();
  }
}

}  // namespace
}  // namespace credence::store
