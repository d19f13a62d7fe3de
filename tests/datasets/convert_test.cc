#include "datasets/dataset.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <unistd.h>

namespace credence::datasets {
namespace {

class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("credence-convert-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::filesystem::path Write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
    return path_ / name;
  }

 private:
  std::filesystem::path path_;
};

Result<ConvertStats> ConvertTo(DatasetName name, std::vector<std::filesystem::path> inputs,
                         std::optional<std::filesystem::path> gold, model::Case* out) {
  CaseSink sink;
  auto r = Convert(name, inputs, gold, sink);
  *out = sink.value();
  return r;
}

TEST(Convert, TruthDiscoveryRowsBecomeClaimsLinksExclusiveGroupsAndLabels) {
  TempDir dir;
  auto claims = dir.Write("c.csv",
                          "\"ObjectID\",\"PropertyID\",\"PropertyValue\",\"SourceID\",\"TimeStamp\"\n"
                          "\"abu dhabi\",\"Population2006\",\"1,000,230\",\"0 (68.162.248.83)\",\"null\"\n"
                          "\"abu dhabi\",\"Population2006\",\"1850230\",\"1513217: Mohammedfairouz\",\"null\"\n"
                          "\"abu dhabi\",\"Population2006\",\"1850230.0\",\"42: Other\",\"null\"\n"
                          "\"amsterdam\",\"Population2006\",\"741329\",\"42: Other\",\"null\"\n");
  auto gold = dir.Write("g.csv",
                        "\"ObjectID\",\"PropertyID\",\"PropertyValue\"\n"
                        "\"abu dhabi\",\"Population2006\",\"1850230\"\n"
                        "\"berlin\",\"Population2006\",\"3400000\"\n");
  model::Case c;
  auto stats = ConvertTo(DatasetName::kPopulation, {claims}, gold, &c);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->rows, 4);
  ASSERT_EQ(c.sources.size(), 3u);
  EXPECT_EQ(c.sources[0].id, "s:0-anonymous-");  // an edit without logging in
  EXPECT_EQ(c.sources[0].name, "0 (anonymous)");
  ASSERT_EQ(c.claims.size(), 3u);
  EXPECT_EQ(c.claims[0].id, "population:i1.v1");
  EXPECT_EQ(c.claims[0].text, "abu dhabi | Population2006 = 1000230");
  EXPECT_EQ(c.claims[0].label, (model::Label{false, "", ""}));
  EXPECT_EQ(c.claims[1].text, "abu dhabi | Population2006 = 1850230");
  EXPECT_EQ(c.claims[1].label, (model::Label{true, "", ""}));
  EXPECT_FALSE(c.claims[2].label.has_value());  // amsterdam is not a gold item
  EXPECT_EQ(c.links.size(), 4u);
  ASSERT_EQ(c.relations.size(), 1u);
  EXPECT_EQ(c.relations[0].claims, (std::vector<std::string>{"population:i1.v1", "population:i1.v2"}));
  ASSERT_TRUE(stats->gold.has_value());
  EXPECT_EQ(stats->gold->items, 2);
  EXPECT_EQ(stats->gold->matched, 1);
  EXPECT_EQ(stats->gold->unclaimed, (std::vector<std::string>{"berlin|Population2006"}));
}

TEST(Convert, OutputIsByteIdenticalAcrossRuns) {
  TempDir dir;
  auto claims = dir.Write("dirty.csv",
                          "tuple_id,src,flight,sched_dep_time,act_dep_time,sched_arr_time,act_arr_time\n"
                          "1,aa,AA-1-A-B,7:10 a.m.,7:16 a.m.,9:40 a.m.,\n"
                          "2,ua,AA-1-A-B,7:10 a.m.,7:20 a.m.,Not Available,9:32 a.m.\n");
  std::string first, second;
  for (std::string* out : {&first, &second}) {
    std::ostringstream text;
    JsonlSink sink(text);
    auto r = Convert(DatasetName::kFlights, std::vector<std::filesystem::path>{claims}, std::nullopt, sink);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    *out = text.str();
  }
  EXPECT_EQ(first, second);
  EXPECT_EQ(first.substr(0, first.find('\n')), "{\"format\":\"credence-case/1\"}");
  EXPECT_NE(first.find("\"AA-1-A-B | act_dep_time = 7:20a\""), std::string::npos);
}

TEST(Convert, FlightsInDafnaLayoutNormaliseTimesAndGates) {
  TempDir dir;
  auto claims = dir.Write("claims.csv",
                          "\"ObjectID\",\"PropertyID\",\"PropertyValue\",\"SourceID\",\"TimeStamp\"\n"
                          "\"AA-1-A-B2011-12-04\",\"ExpectedDepartureTime\",\"9:10 AM, Dec 04\",\"boston\",\"2011-12-04\"\n"
                          "\"AA-1-A-B2011-12-04\",\"ExpectedDepartureTime\",\"2011-12-04 9:10 AM\",\"aa\",\"2011-12-04\"\n"
                          "\"AA-1-A-B2011-12-04\",\"DepartureGate\",\"K15\",\"aa\",\"2011-12-04\"\n");
  auto gold = dir.Write("truth.csv",
                        "\"ObjectID\",\"PropertyID\",\"PropertyValue\"\n"
                        "\"AA-1-A-B2011-12-04\",\"ExpectedDepartureTime\",\"12/04/2011 09:10 AM\"\n"
                        "\"AA-1-A-B2011-12-04\",\"DepartureGate\",\"k15\"\n");
  model::Case c;
  auto stats = ConvertTo(DatasetName::kFlights, {claims}, gold, &c);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  ASSERT_EQ(c.claims.size(), 2u);
  EXPECT_EQ(c.claims[0].text, "AA-1-A-B2011-12-04 | DepartureGate = k15");
  EXPECT_EQ(c.claims[1].text, "AA-1-A-B2011-12-04 | ExpectedDepartureTime = 9:10a");
  EXPECT_EQ(c.links.size(), 3u);
  EXPECT_EQ(stats->gold->matched, 2);
}

TEST(Convert, FlightTimesMarkedAsEstimatesOrRunwayTimesGiveNoStatement) {
  TempDir dir;
  auto raha = dir.Write("dirty.csv",
                        "tuple_id,src,flight,sched_dep_time,act_dep_time,sched_arr_time,act_arr_time\n"
                        "1,aa,AA-1-A-B,7:10 a.m.,7:16 a.m.,9:40 a.m.,9:44 a.m.\n"
                        "2,fs,AA-1-A-B,7:10 a.m.,7:12 a.m. (Estimated runway),9:40 a.m.,9:38 a.m. (Runway)\n");
  model::Case c;
  auto stats = ConvertTo(DatasetName::kFlights, {raha}, std::nullopt, &c);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->rows, 8);
  EXPECT_EQ(stats->dropped_values, 2);
  for (const model::Claim& claim : c.claims) {
    EXPECT_EQ(claim.text.find("7:12a"), std::string::npos) << claim.text;
    EXPECT_EQ(claim.text.find("9:38a"), std::string::npos) << claim.text;
  }
  EXPECT_EQ(c.links.size(), 6u);

  auto dafna = dir.Write("claims.csv",
                         "\"ObjectID\",\"PropertyID\",\"PropertyValue\",\"SourceID\",\"TimeStamp\"\n"
                         "\"AA-1-A-B2011-12-04\",\"ActualDepartureTime\",\"10:12 PM, Dec 04&nbsp(Estimated)\",\"boston\",\"2011-12-04\"\n"
                         "\"AA-1-A-B2011-12-04\",\"ActualDepartureTime\",\"10:20 PM, Dec 04\",\"aa\",\"2011-12-04\"\n");
  auto gold = dir.Write("truth.csv",
                        "\"ObjectID\",\"PropertyID\",\"PropertyValue\"\n"
                        "\"AA-1-A-B2011-12-04\",\"ActualDepartureTime\",\"10:20 PM\"\n");
  stats = ConvertTo(DatasetName::kFlights, {dafna}, gold, &c);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  ASSERT_EQ(c.claims.size(), 1u);
  EXPECT_EQ(c.claims[0].text, "AA-1-A-B2011-12-04 | ActualDepartureTime = 10:20p");
  EXPECT_EQ(stats->dropped_values, 1);
  EXPECT_EQ(stats->gold->matched, 1);
}

TEST(Convert, BadRowsNameFileAndLine) {
  TempDir dir;
  auto claims = dir.Write("bad.csv",
                          "\"ObjectID\",\"PropertyID\",\"PropertyValue\",\"SourceID\",\"TimeStamp\"\n"
                          "\"a\",\"b\",\"1\",\"s\"\n");
  model::Case c;
  auto r = ConvertTo(DatasetName::kWeather, {claims}, std::nullopt, &c);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().ToString(), claims.string() + ":2: expected 5 fields; got 4");
  auto header = dir.Write("h.csv", "a,b,c\n");
  r = ConvertTo(DatasetName::kWeather, {header}, std::nullopt, &c);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().ToString(),
            header.string() + ":1: expected the header ObjectID,PropertyID,PropertyValue,SourceID,TimeStamp");
}

TEST(Convert, LiarSubtractsTheStatementsOwnLabelFromTheCreditHistory) {
  TempDir dir;
  // Columns 9-13: barely-true, false, half-true, mostly-true, pants-fire.
  auto rows = dir.Write("t.tsv",
                        "1.json\tfalse\tSays x.\ttax,budget\tjane-doe\tSenator\tOhio\trepublican\t1\t3\t2\t0\t1\ta speech\n"
                        "2.json\ttrue\tSays y.\ttax\tjane-doe\tSenator\tOhio\trepublican\t1\t3\t2\t0\t1\tan ad\n");
  model::Case c;
  auto stats = ConvertTo(DatasetName::kLiar, {rows}, std::nullopt, &c);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  ASSERT_EQ(c.claims.size(), 2u);
  EXPECT_EQ(c.claims[0].label, (model::Label{false, "liar6", "\"false\""}));
  EXPECT_EQ(c.claims[0].attributes.at("subjects"), "[\"tax\",\"budget\"]");
  ASSERT_EQ(c.sources.size(), 2u);
  const model::Source& own_false = c.sources[0];
  EXPECT_EQ(own_false.id, "sp:jane-doe/1");
  EXPECT_EQ(own_false.attributes.at("history_false"), "2");  // 3 minus its own "false"
  // Leaning true: half-true + mostly-true; false: barely-true + false + pants-fire.
  EXPECT_EQ(own_false.track_record, (model::TrackRecord{2, 4, 0}));
  // "true" has no column: nothing is subtracted.
  EXPECT_EQ(c.sources[1].track_record, (model::TrackRecord{2, 5, 0}));
  EXPECT_EQ(c.links.size(), 2u);
}

}  // namespace
}  // namespace credence::datasets
