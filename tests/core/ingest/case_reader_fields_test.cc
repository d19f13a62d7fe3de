// The reader sorts a record's fields in one pass and reports only when that
// pass found something wrong; these pin the reports of that second pass, the
// record ids it names, and what the sink is told about each record.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/ingest/case_reader.h"

namespace credence::ingest {
namespace {

std::string ErrorsOf(std::string_view text, Encoding encoding = Encoding::kJsonl) {
  auto r = ParseCaseText(text, encoding, encoding == Encoding::kJsonl ? "t.jsonl" : "t.json");
  return r.ok() ? "ok" : r.status().ToString();
}

struct Seen {
  std::string file;
  std::int64_t line;
  std::string pointer;
  std::string record_id;
  bool operator==(const Seen&) const = default;
};

// Every location the sink is given, in order.
std::vector<Seen> Locations(std::string text, Encoding encoding, std::string_view name) {
  std::vector<Seen> seen;
  struct Close {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  std::unique_ptr<std::FILE, Close> in(fmemopen(text.data(), text.size(), "rb"));
  auto stats = ReadCaseStream(in.get(), name, encoding, {},
                              [&seen](Record&&, const InputLocation& where) {
                                seen.push_back({where.file, where.line, where.json_pointer,
                                                where.record_id});
                                return Status::Ok();
                              });
  EXPECT_TRUE(stats.ok()) << stats.status().ToString();
  return seen;
}

TEST(CaseReaderFields, UnknownRepeatedAndMissingFieldsAreReportedInFieldOrder) {
  EXPECT_EQ(ErrorsOf("{\"type\":\"link\",\"stance\":\"supports\",\"typo\":1,\"source\":\"a\","
                   "\"stance\":\"refutes\",\"type\":\"link\"}\n"),
            "t.jsonl:1 /typo: unknown field \"typo\"; expected one of source, claim, stance, "
            "mode, via, reported_by, at, attributes (extensions go under \"attributes\")\n"
            "t.jsonl:1 /stance: duplicate field \"stance\"\n"
            "t.jsonl:1 /type: duplicate field \"type\"\n"
            "t.jsonl:1: missing required field \"claim\"\n"
            "t.jsonl:1: missing required field \"mode\"");
}

TEST(CaseReaderFields, ARepeatedIdFieldLeavesTheFirstAsTheRecordId) {
  EXPECT_EQ(ErrorsOf("{\"type\":\"claim\",\"id\":\"a\",\"id\":\"b\",\"text\":\"t\","
                   "\"made_at\":\"2025-02-30\"}\n"),
            "t.jsonl:1 [a] /id: duplicate field \"id\"\n"
            "t.jsonl:1 [a] /made_at: expected a date YYYY, YYYY-MM or YYYY-MM-DD; got "
            "\"2025-02-30\"");
}

// Lists of up to 16 ids are checked for repeats by a scan, longer ones by a
// set: both give the same messages.
TEST(CaseReaderFields, RepeatedIdsAreFoundInShortAndLongLists) {
  std::string long_list;
  for (int i = 0; i < 20; ++i) {
    long_list += (i > 0 ? "," : "") + std::string("\"v") +
                 std::to_string(i == 17 ? 3 : i == 19 ? 0 : i) + "\"";
  }
  EXPECT_EQ(ErrorsOf("{\"type\":\"link\",\"source\":\"s\",\"claim\":\"c\",\"stance\":\"supports\","
                   "\"mode\":\"relays\",\"via\":[\"x\",\"y\",\"x\"]}\n"
                   "{\"type\":\"link\",\"source\":\"s\",\"claim\":\"c2\",\"stance\":\"supports\","
                   "\"mode\":\"relays\",\"via\":[" +
                   long_list + "]}\n"),
            "t.jsonl:1 [s->c] /via/2: repeated id \"x\"\n"
            "t.jsonl:2 [s->c2] /via/17: repeated id \"v3\"\n"
            "t.jsonl:2 [s->c2] /via/19: repeated id \"v0\"");
}

TEST(CaseReaderFields, AFieldNamedLikeAnotherOfItsLengthIsUnknown) {
  // "stance" and "source" share a length; "sourcf" matches neither.
  EXPECT_EQ(ErrorsOf("{\"type\":\"link\",\"sourcf\":\"s\",\"claim\":\"c\",\"stance\":\"supports\","
                   "\"mode\":\"relays\"}\n"),
            "t.jsonl:1 /sourcf: unknown field \"sourcf\"; expected one of source, claim, "
            "stance, mode, via, reported_by, at, attributes (extensions go under "
            "\"attributes\")\n"
            "t.jsonl:1: missing required field \"source\"");
}

TEST(CaseReaderFields, TheSinkIsToldEachRecordsLineAndId) {
  const std::string records =
      "{\"type\":\"source\",\"id\":\"s\",\"name\":\"S\",\"kind\":\"blog\"}\n"
      "{\"type\":\"claim\",\"id\":\"c\",\"text\":\"t\"}\n"
      "{\"type\":\"link\",\"source\":\"s\",\"claim\":\"c\",\"stance\":\"supports\","
      "\"mode\":\"originates\"}\n"
      "{\"type\":\"evidence\",\"claim\":\"c\",\"feature\":\"a_rather_long_feature_name\"}\n"
      "{\"type\":\"relation\",\"kind\":\"implies\",\"from\":\"c\",\"to\":\"d\"}\n";
  EXPECT_EQ(Locations(records, Encoding::kJsonl, "a.jsonl"),
            (std::vector<Seen>{{"a.jsonl", 1, "", "s"},
                               {"a.jsonl", 2, "", "c"},
                               {"a.jsonl", 3, "", "s->c"},
                               {"a.jsonl", 4, "", "c#a_rather_long_feature_name"},
                               {"a.jsonl", 5, "", "implies(c->d)"}}));
  const std::string id(128, 'x');
  EXPECT_EQ(Locations("{\"format\":\"credence-case/1\",\"links\":[{\"source\":\"" + id +
                          "\",\"claim\":\"" + id +
                          "\",\"stance\":\"refutes\",\"mode\":\"relays\"}],"
                          "\"evidence\":[{\"claim\":\"c\",\"feature\":\"f\",\"value\":false}]}",
                      Encoding::kJson, "a.json"),
            (std::vector<Seen>{{"a.json", 0, "/links/0", id + "->" + id},
                               {"a.json", 0, "/evidence/0", "c#f"}}));
}

}  // namespace
}  // namespace credence::ingest
