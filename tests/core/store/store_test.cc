#include "core/store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <utility>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/ingest/case_reader.h"
#include "core/store/sqlite_internal.h"
#include "tests/core/store/store_test_util.h"

namespace credence::store {
namespace {

constexpr const char* kCase =
    "{\"format\":\"credence-case/1\"}\n"
    "{\"type\":\"source\",\"id\":\"bild\",\"name\":\"Bild\",\"kind\":\"news_outlet\"}\n"
    "{\"type\":\"source\",\"id\":\"afp\",\"name\":\"AFP\",\"kind\":\"wire_service\"}\n"
    "{\"type\":\"claim\",\"id\":\"c2\",\"text\":\"Москва\"}\n"
    "{\"type\":\"claim\",\"id\":\"c1\",\"text\":\"東京\",\"label\":true}\n"
    "{\"type\":\"link\",\"source\":\"bild\",\"claim\":\"c1\",\"stance\":\"supports\","
    "\"mode\":\"relays\",\"via\":[\"afp\"]}\n"
    "{\"type\":\"link\",\"source\":\"afp\",\"claim\":\"c1\",\"stance\":\"supports\","
    "\"mode\":\"originates\"}\n"
    "{\"type\":\"relation\",\"kind\":\"exclusive\",\"claims\":[\"c2\",\"c1\"]}\n";

int RawInt(const std::filesystem::path& path, const char* sql);
void RawExec(const std::filesystem::path& path, const char* sql);
std::string JournalModeSeenFrom(const std::filesystem::path& path);

TEST(Store, ImportsAndLoadsSortedByKey) {
  auto dir = ScratchDir();
  Store store = OpenIn(dir);
  auto stats = store.ImportCaseFile(WriteFile(dir / "a.jsonl", kCase));
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->records_read, 7);
  EXPECT_EQ(stats->records_added, 7);
  auto c = store.LoadCase();
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(c->sources.size(), 2u);
  EXPECT_EQ(c->sources[0].id, "afp");
  EXPECT_EQ(c->claims[0].id, "c1");
  EXPECT_TRUE(c->claims[0].label->truth);
  EXPECT_EQ(c->claims[1].text, "Москва");
  EXPECT_EQ(c->links[0].source, "afp");
  EXPECT_EQ(c->links[1].via, std::vector<std::string>{"afp"});
  EXPECT_EQ(c->relations[0].Key(), "exclusive(c1,c2)");
}

TEST(Store, MissingStoreIsNotFoundUnlessCreating) {
  auto dir = ScratchDir();
  auto s = Store::Open(dir / "none.db", OpenMode::kMustExist);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), ErrorCode::kNotFound);
  EXPECT_FALSE(std::filesystem::exists(dir / "none.db"));
}

TEST(Store, IdenticalReimportIsANoOp) {
  auto dir = ScratchDir();
  Store store = OpenIn(dir);
  auto file = WriteFile(dir / "a.jsonl", kCase);
  ASSERT_TRUE(store.ImportCaseFile(file).ok());
  std::string before = Dump(store);
  auto again = store.ImportCaseFile(WriteFile(dir / "b.jsonl", kCase));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->records_added, 0);
  EXPECT_EQ(again->records_unchanged, 7);
  EXPECT_EQ(Dump(store), before);
}

TEST(Store, RedefinitionNamesBothPlacesAndChangesNothing) {
  auto dir = ScratchDir();
  Store store = OpenIn(dir);
  ASSERT_TRUE(store.ImportCaseFile(WriteFile(dir / "a.jsonl", kCase)).ok());
  std::string before = Dump(store);
  auto file = WriteFile(dir / "b.jsonl",
                        "{\"type\":\"claim\",\"id\":\"c9\",\"text\":\"new\"}\n"
                        "{\"type\":\"source\",\"id\":\"afp\",\"name\":\"A.F.P.\","
                        "\"kind\":\"wire_service\"}\n");
  auto r = store.ImportCaseFile(file);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().ToString(),
            (dir / "b.jsonl").string() + ":2 [afp]: source \"afp\" is already in the store "
            "with a different definition, from " + (dir / "a.jsonl").string() +
            ":3 (import with --replace to replace it)");
  EXPECT_EQ(Dump(store), before);

  auto replaced = store.ImportCaseFile(file, ImportOptions{.replace = true});
  ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
  EXPECT_EQ(replaced->records_replaced, 1);
  EXPECT_EQ(replaced->records_added, 1);
  auto c = store.LoadCase();
  EXPECT_EQ(c->sources[0].name, "A.F.P.");
}

TEST(Store, ViaCycleAcrossFilesIsRejected) {
  auto dir = ScratchDir();
  Store store = OpenIn(dir);
  ASSERT_TRUE(store.ImportCaseFile(WriteFile(dir / "a.jsonl", kCase)).ok());
  // afp now claims to relay bild, which relays afp.
  auto r = store.ImportCaseFile(
      WriteFile(dir / "b.jsonl",
                "{\"type\":\"link\",\"source\":\"afp\",\"claim\":\"c1\",\"stance\":"
                "\"supports\",\"mode\":\"relays\",\"via\":[\"bild\"]}\n"),
      ImportOptions{.replace = true});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().ToString(),
            (dir / "b.jsonl").string() + ":1 [afp->c1]: cycle in \"via\" for claim \"c1\": "
            "afp -> bild -> afp (each names the next as its upstream)");
}

TEST(Store, ReportsProgressByPhase) {
  auto dir = ScratchDir();
  Store store = OpenIn(dir);
  std::vector<std::string> phases;
  std::int64_t last_total = -1;
  ImportOptions options;
  options.progress = [&](std::string_view phase, std::int64_t, std::int64_t total) {
    if (phases.empty() || phases.back() != phase) phases.emplace_back(phase);
    last_total = total;
  };
  ASSERT_TRUE(store.ImportCaseFile(WriteFile(dir / "a.jsonl", kCase), options).ok());
  EXPECT_EQ(phases, (std::vector<std::string>{"reading", "checking"}));
  EXPECT_EQ(last_total, static_cast<std::int64_t>(std::string(kCase).size()));
}

// Records may name records that come later in the file; once imported,
// every reference holds (SQLite's own foreign-key check agrees).
TEST(Store, AcceptsForwardReferencesAndKeepsForeignKeys) {
  auto dir = ScratchDir();
  Store store = OpenIn(dir);
  auto stats = store.ImportCaseFile(WriteFile(
      dir / "a.jsonl",
      "{\"format\":\"credence-case/1\"}\n"
      "{\"type\":\"relation\",\"kind\":\"implies\",\"from\":\"c1\",\"to\":\"c2\"}\n"
      "{\"type\":\"link\",\"source\":\"bild\",\"claim\":\"c1\",\"stance\":\"supports\","
      "\"mode\":\"relays\",\"via\":[\"afp\"],\"reported_by\":\"afp\"}\n"
      "{\"type\":\"evidence\",\"claim\":\"c2\",\"feature\":\"bilingual_original\"}\n"
      "{\"type\":\"claim\",\"id\":\"c1\",\"text\":\"x\"}\n"
      "{\"type\":\"claim\",\"id\":\"c2\",\"text\":\"y\"}\n"
      "{\"type\":\"source\",\"id\":\"bild\",\"name\":\"Bild\",\"kind\":\"news_outlet\"}\n"
      "{\"type\":\"source\",\"id\":\"afp\",\"name\":\"AFP\",\"kind\":\"wire_service\"}\n"));
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->records_added, 7);
  EXPECT_EQ(RawInt(dir / "s.db", "SELECT count(*) FROM pragma_foreign_key_check"), 0);
  EXPECT_EQ(RawInt(dir / "s.db", "SELECT count(*) FROM relation_claims"), 2);
}

// A record already stored, given twice by a new file: the second copy is a
// duplicate even though the first left the store untouched.
TEST(Store, ADuplicateOfAStoredRecordIsStillADuplicate) {
  auto dir = ScratchDir();
  Store store = OpenIn(dir);
  ASSERT_TRUE(store.ImportCaseFile(WriteFile(dir / "a.jsonl", kCase)).ok());
  std::string before = Dump(store);
  auto again = store.ImportCaseFile(WriteFile(
      dir / "b.jsonl",
      "{\"format\":\"credence-case/1\"}\n"
      "{\"type\":\"claim\",\"id\":\"c2\",\"text\":\"Москва\"}\n"
      "{\"type\":\"claim\",\"id\":\"c2\",\"text\":\"Москва\"}\n"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().details().size(), 1u);
  EXPECT_NE(again.status().ToString().find("duplicate claim \"c2\"; first defined at "),
            std::string::npos)
      << again.status().ToString();
  EXPECT_NE(again.status().ToString().find("b.jsonl:2"), std::string::npos);
  EXPECT_EQ(Dump(store), before);
}

TEST(Store, DataShaIsStableAndFollowsTheData) {
  auto dir = ScratchDir();
  Store store = OpenIn(dir);
  auto empty = store.DataSha256();
  ASSERT_TRUE(empty.ok());
  ASSERT_TRUE(store.ImportCaseFile(WriteFile(dir / "a.jsonl", kCase)).ok());
  auto full = store.DataSha256();
  ASSERT_TRUE(full.ok());
  EXPECT_EQ(full->size(), 64u);
  EXPECT_NE(*full, *empty);
  EXPECT_EQ(*store.DataSha256(), *full);
}

score::Run SampleRun() {
  score::Run run;
  run.info.engine = "0.1.0";
  run.info.rules_name = "default";
  run.info.rules_sha256 = std::string(64, 'a');
  run.info.seed = std::numeric_limits<std::uint64_t>::max();
  run.info.fit = "f1";
  run.info.interval_level = 0.9;
  score::ClaimScore c;
  c.claim_id = "c1";
  c.p = 0.1 + 0.2;  // not a short decimal: must round-trip exactly
  c.p_raw = std::nextafter(0.5, 1.0);
  c.log_odds = -1e-300;
  c.lo = 5e-324;
  c.hi = 1;
  c.lines = 3;
  c.verdict = score::Verdict{"likely", "likely, could be roughly even chance", 2, "mostly-true"};
  c.contributions = {{score::ContributionKind::kPrior, "base_rate", 0.25, "prior", 0},
                     {score::ContributionKind::kLink, "bild->c1", -0.125, "Bild", 1},
                     {score::ContributionKind::kRelation, "exclusive(c1,c2)", 1.0 / 3, "x", 0}};
  score::ClaimScore c0 = c;
  c0.claim_id = "c0";
  c0.contributions.pop_back();
  run.claims = {c0, c};
  run.sources = {{"afp", 2.5, 1.0 / 7, 0.7, 'B', {"wire_service", "named"}},
                 {"bild", 1, 1, 0.5, 'F', {}}};
  return run;
}

TEST(Store, RunsRoundTripEveryFieldExactly) {
  auto dir = ScratchDir();
  Store store = OpenIn(dir);
  score::Run run = SampleRun();
  auto id = store.SaveRun(run);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto id2 = store.SaveRun(run);
  ASSERT_TRUE(id2.ok());
  EXPECT_GT(*id2, *id);

  auto loaded = store.LoadRun(*id);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_FALSE(loaded->info.created_at.empty());
  run.info.id = *id;
  run.info.created_at = loaded->info.created_at;
  EXPECT_EQ(*loaded, run);

  auto latest = store.LoadRun(std::nullopt);
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->info.id, *id2);
  auto list = store.ListRuns();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, *id);
  EXPECT_EQ(store.LoadRun(999).status().code(), ErrorCode::kNotFound);
}

TEST(Store, ACorruptExplanationIsAnErrorNamingTheClaim) {
  auto dir = ScratchDir();
  std::int64_t id = 0;
  {
    Store store = OpenIn(dir);
    auto saved = store.SaveRun(SampleRun());
    ASSERT_TRUE(saved.ok()) << saved.status().ToString();
    id = *saved;
  }
  RawExec(dir / "s.db", "UPDATE claim_scores SET contributions = '[[\"link\",1]]' WHERE claim_id = 'c1'");
  Store store = OpenIn(dir);
  auto run = store.LoadRun(id);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().code(), ErrorCode::kInternal);
  EXPECT_NE(run.status().message().find("claim_scores.contributions"), std::string::npos);
  EXPECT_NE(run.status().message().find("claim c1"), std::string::npos) << run.status().message();
  // A sentence number with no run_texts row is as clear.
  RawExec(dir / "s.db", "UPDATE claim_scores SET contributions = '[[\"rule\",\"r\",1,999,0]]' WHERE claim_id = 'c1'");
  auto again = store.LoadRun(id);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.status().message().find("run_texts"), std::string::npos) << again.status().message();
}

// Commits `writer` with `run`'s info, and expects the run to read back as
// `run` (its claims in id order).
void CommitAndExpectRun(Store& store, RunWriter& writer, score::Run run) {
  auto id = writer.Commit(run);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto loaded = store.LoadRun(*id);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  run.info.id = *id;
  run.info.created_at = loaded->info.created_at;
  EXPECT_EQ(*loaded, run);
}

TEST(Store, RunWriterAddsClaimsOneAtATimeAndCommitsOnce) {
  auto dir = ScratchDir();
  Store store = OpenIn(dir);
  score::Run run = SampleRun();
  {
    // Dropped before Commit (an error or a kill mid-run): nothing stays.
    auto writer = store.BeginRun();
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    ASSERT_TRUE(writer->Add(run.claims[0]).ok());
  }
  EXPECT_EQ(store.LoadRun(std::nullopt).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(RawInt(dir / "s.db", "SELECT count(*) FROM claim_scores"), 0);
  EXPECT_EQ(RawInt(dir / "s.db", "SELECT count(*) FROM contributions"), 0);

  auto writer = store.BeginRun();
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  // Claims arrive in scoring order, not id order; the run reads back by id.
  ASSERT_TRUE(writer->Add(run.claims[1]).ok());
  ASSERT_TRUE(writer->Add(run.claims[0]).ok());
  CommitAndExpectRun(store, *writer, run);
  // The checks skipped while writing find nothing.
  EXPECT_EQ(RawInt(dir / "s.db", "SELECT count(*) FROM pragma_foreign_key_check"), 0);
}

// `n` claims c00, c01, ... as SampleRun's c1, each with its own sentence.
score::Run RunOfClaims(int n) {
  score::Run run = SampleRun();
  const score::ClaimScore model = run.claims[1];
  run.claims.clear();
  for (int i = 0; i < n; ++i) {
    score::ClaimScore c = model;
    c.claim_id = (i < 10 ? "c0" : "c") + std::to_string(i);
    c.p = 1.0 / (i + 2);
    c.contributions[i % 3].text = "only " + c.claim_id;
    run.claims.push_back(std::move(c));
  }
  return run;
}

TEST(Store, RunWriterStoresClaimsInFullGroupsAndTheRestAlike) {
  auto dir = ScratchDir();
  Store store = OpenIn(dir);
  // Two groups of 16 claims and 5 more, added in reverse id order.
  score::Run run = RunOfClaims(37);
  auto writer = store.BeginRun();
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  for (auto c = run.claims.rbegin(); c != run.claims.rend(); ++c) ASSERT_TRUE(writer->Add(*c).ok());
  CommitAndExpectRun(store, *writer, run);
  EXPECT_EQ(RawInt(dir / "s.db", "SELECT count(*) FROM claim_scores"), 37);
  // Three shared sentences and one of each claim's own.
  EXPECT_EQ(RawInt(dir / "s.db", "SELECT count(*) FROM run_texts"), 3 + 37);
}

TEST(Store, AClaimThatCannotBeStoredFailsTheRunByTheCommit) {
  auto dir = ScratchDir();
  Store store = OpenIn(dir);
  for (int claims : {3, 20}) {
    // The same claim twice: its second row breaks the key in the first group
    // of 16 (20 claims: the 16th Add fails) or in the rest that Commit
    // writes (3 claims: every Add succeeds).
    score::Run run = RunOfClaims(claims);
    run.claims[claims == 3 ? 2 : 10] = run.claims.front();
    {
      auto writer = store.BeginRun();
      ASSERT_TRUE(writer.ok()) << writer.status().ToString();
      Status added = Status::Ok();
      for (const score::ClaimScore& c : run.claims) {
        if (added.ok()) added = writer->Add(c);
      }
      EXPECT_EQ(added.ok(), claims == 3) << added.ToString();
      Status failed = added;
      if (failed.ok()) failed = writer->Commit(run).status();
      ASSERT_FALSE(failed.ok()) << claims;
      EXPECT_EQ(failed.code(), ErrorCode::kInternal) << claims;
      EXPECT_NE(failed.message().find("UNIQUE constraint failed: claim_scores"), std::string::npos)
          << failed.message();
    }
    EXPECT_EQ(store.LoadRun(std::nullopt).status().code(), ErrorCode::kNotFound) << claims;
    EXPECT_EQ(RawInt(dir / "s.db", "SELECT count(*) FROM claim_scores"), 0) << claims;
  }
}

// Collects what ReadRecords streams.
class Collector : public RecordVisitor {
 public:
  void Visit(model::Source&& r) override { all.sources.push_back(std::move(r)); }
  void Visit(model::Claim&& r) override { all.claims.push_back(std::move(r)); }
  void Visit(model::Link&& r) override { all.links.push_back(std::move(r)); }
  void Visit(model::Evidence&& r) override { all.evidence.push_back(std::move(r)); }
  void Visit(model::Relation&& r) override { all.relations.push_back(std::move(r)); }
  model::Case all;
};

TEST(Store, ReadRecordsStreamsWhatLoadCaseLoads) {
  auto dir = ScratchDir();
  Store store = OpenIn(dir);
  ASSERT_TRUE(store.ImportCaseFile(WriteFile(dir / "a.jsonl", kCase)).ok());
  Collector collected;
  ASSERT_TRUE(store.ReadRecords(collected).ok());
  auto loaded = store.LoadCase();
  ASSERT_TRUE(loaded.ok());
  // The same records; links in storage order (claim, then source).
  auto by_claim = [](const model::Link& a, const model::Link& b) {
    return std::tie(a.claim, a.source) < std::tie(b.claim, b.source);
  };
  EXPECT_TRUE(std::is_sorted(collected.all.links.begin(), collected.all.links.end(), by_claim));
  std::sort(loaded->links.begin(), loaded->links.end(), by_claim);
  EXPECT_EQ(collected.all, *loaded);
  ASSERT_EQ(collected.all.claims.size(), 2u);
  EXPECT_TRUE(collected.all.claims[0].label.has_value());  // c1: labels included
}

TEST(Store, LoadsWhatAReportOnSomeClaimsReadsByKey) {
  auto dir = ScratchDir();
  Store store = OpenIn(dir);
  ASSERT_TRUE(store.ImportCaseFile(WriteFile(dir / "a.jsonl", kCase)).ok());
  ASSERT_TRUE(store.ImportCaseFile(WriteFile(dir / "b.jsonl",
                                             "{\"format\":\"credence-case/1\"}\n"
                                             "{\"type\":\"source\",\"id\":\"tass\",\"name\":\"TASS\","
                                             "\"kind\":\"news_outlet\"}\n"
                                             "{\"type\":\"claim\",\"id\":\"c3\",\"text\":\"x\"}\n"
                                             "{\"type\":\"link\",\"source\":\"tass\",\"claim\":\"c3\","
                                             "\"stance\":\"refutes\",\"mode\":\"originates\"}\n"
                                             "{\"type\":\"evidence\",\"claim\":\"c1\",\"feature\":\"f\","
                                             "\"value\":true}\n"))
                  .ok());
  auto all = store.LoadCase();
  ASSERT_TRUE(all.ok());
  // c1: its two links, the sources they name (bild, and afp as source and
  // via), its evidence and the relation naming it; not c3, not tass.
  auto some = store.LoadCaseOf({"c1", "unknown"});
  ASSERT_TRUE(some.ok()) << some.status().ToString();
  model::Case expected;
  expected.claims = {all->claims[0]};
  expected.links = all->links;
  std::erase_if(expected.links, [](const model::Link& l) { return l.claim != "c1"; });
  expected.sources = all->sources;
  std::erase_if(expected.sources, [](const model::Source& s) { return s.id == "tass"; });
  expected.evidence = all->evidence;
  expected.relations = all->relations;
  EXPECT_EQ(*some, expected);
  EXPECT_EQ(store.LoadCaseOf({"c1", "c2", "c3"}).value(), *all);

  score::Run run = SampleRun();
  auto id = store.SaveRun(run);
  ASSERT_TRUE(id.ok());
  const std::set<std::string> claims = {"c1", "zz"}, sources = {"bild"};
  auto part = store.LoadRunOf(*id, &claims, &sources);
  ASSERT_TRUE(part.ok()) << part.status().ToString();
  ASSERT_EQ(part->claims.size(), 1u);
  EXPECT_EQ(part->claims[0], run.claims[1]);  // c1, with its contributions
  ASSERT_EQ(part->sources.size(), 1u);
  EXPECT_EQ(part->sources[0], run.sources[1]);
  auto whole = store.LoadRunOf(*id, nullptr, nullptr);
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(whole->claims, run.claims);
  EXPECT_EQ(whole->sources, run.sources);
}

TEST(Store, FitsAreSavedByNameAndReplaced) {
  auto dir = ScratchDir();
  Store store = OpenIn(dir);
  EXPECT_EQ(store.LoadFit("f").status().code(), ErrorCode::kNotFound);
  ASSERT_TRUE(store.SaveFit({"f", "2026-01-01T00:00:00Z", "abc", "{\"x\":1}"}).ok());
  ASSERT_TRUE(store.SaveFit({"f", "2026-01-02T00:00:00Z", "def", "{\"x\":2}"}).ok());
  auto fit = store.LoadFit("f");
  ASSERT_TRUE(fit.ok());
  EXPECT_EQ(fit->json, "{\"x\":2}");
  EXPECT_EQ(fit->data_sha256, "def");
}

// Raw SQLite access to craft files the store must refuse.
void RawExec(const std::filesystem::path& path, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

int RawInt(const std::filesystem::path& path, const char* sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
  int v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return v;
}

// A store as a version-1 build wrote it (its SQL dump is checked in).
void WriteVersion1Store(const std::filesystem::path& db) {
  std::string dump = ReadFile(std::filesystem::path(CREDENCE_SOURCE_DIR) /
                              "tests/core/store/testdata/store_v1.sql");
  ASSERT_FALSE(dump.empty());
  RawExec(db, dump.c_str());
}

TEST(StoreSchema, MigratesAnEmptyFileToTheCurrentVersion) {
  auto dir = ScratchDir();
  RawExec(dir / "s.db", "PRAGMA user_version = 0");
  { Store store = OpenIn(dir); }
  EXPECT_EQ(RawInt(dir / "s.db", "PRAGMA user_version"), 7);
  EXPECT_EQ(RawInt(dir / "s.db", "SELECT count(*) FROM pragma_table_info('claims')"), 13);
  EXPECT_EQ(RawInt(dir / "s.db", "SELECT count(*) FROM sqlite_schema WHERE name = 'links' AND type = 'view'"), 1);
  EXPECT_EQ(RawInt(dir / "s.db", "SELECT count(*) FROM sqlite_schema WHERE name = 'evidence' AND type = 'view'"),
            1);
  EXPECT_EQ(RawInt(dir / "s.db", "SELECT count(*) FROM sqlite_schema WHERE name = 'claim_links'"), 0);
}

// A store written by a version-1 build (its SQL dump is checked in) opens
// as version 2 with every record, and takes a new import.
TEST(StoreSchema, MigratesAVersion1StoreKeepingItsRecords) {
  auto dir = ScratchDir();
  ASSERT_NO_FATAL_FAILURE(WriteVersion1Store(dir / "s.db"));
  ASSERT_EQ(RawInt(dir / "s.db", "PRAGMA user_version"), 1);
  std::string before;
  {
    Store store = OpenIn(dir);
    auto c = store.LoadCase();
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_EQ(c->links.size(), 4u);
    EXPECT_EQ(c->links.front().source, "indian_columnist");
    EXPECT_EQ(c->links.front().via, (std::vector<std::string>{"think_tank"}));
    // A record of the version-1 import met again: unchanged, not a duplicate.
    auto again = store.ImportCaseFile(WriteFile(
        dir / "b.jsonl",
        "{\"format\":\"credence-case/1\"}\n"
        "{\"type\":\"link\",\"source\":\"japanese_blog\",\"claim\":\"putin/early_warning_help\","
        "\"stance\":\"supports\",\"mode\":\"relays\",\"via\":[\"indian_columnist\"]}\n"));
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_EQ(again->records_unchanged, 1);
  }
  EXPECT_EQ(RawInt(dir / "s.db", "PRAGMA user_version"), 7);
  EXPECT_EQ(RawInt(dir / "s.db", "SELECT count(*) FROM sqlite_schema WHERE name = 'links_by_claim'"), 0);
  EXPECT_EQ(RawInt(dir / "s.db", "SELECT count(*) FROM pragma_foreign_key_check"), 0);
}

// Links written one row each (before version 5) come back the same after
// the migration packs them per claim, through the `links` view (export,
// LoadCase) and through the decoder (ReadRecords, what `score` reads):
// escapes and scripts in ids and attributes, dates, conduits, and a claim
// whose rows were not in source order.
TEST(StoreSchema, MigrationToVersion5KeepsEveryLinkByBothReadPaths) {
  auto dir = ScratchDir();
  ASSERT_NO_FATAL_FAILURE(WriteVersion1Store(dir / "s.db"));
  RawExec(dir / "s.db",
          "INSERT INTO sources VALUES ('z\"q', 'Z', 'news_outlet', '{}', NULL, NULL, NULL, 1, 9, '');"
          "INSERT INTO sources VALUES ('東京', 'T', 'news_outlet', '{}', NULL, NULL, NULL, 1, 10, '');"
          "INSERT INTO links VALUES ('z\"q', 'putin/early_warning_help', 'refutes', 'denies', "
          "'[\"東京\"]', 'think_tank', '2025-08', '{\"k\":\"a\\\\b\\n😀\",\"n\":1.5}', 1, 11, '');"
          "INSERT INTO links VALUES ('東京', 'putin/early_warning_help', 'supports', 'originates', "
          "'[]', NULL, '2025', '{}', 1, 12, '');");
  Store store = OpenIn(dir);
  auto c = store.LoadCase();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->links.size(), 6u);
  const model::Link* z = nullptr;
  for (const model::Link& l : c->links) {
    if (l.source == "z\"q") z = &l;
  }
  ASSERT_NE(z, nullptr);
  EXPECT_EQ(z->via, (std::vector<std::string>{"東京"}));
  EXPECT_EQ(z->reported_by, std::optional<std::string>("think_tank"));
  EXPECT_EQ(z->at->ToString(), "2025-08");
  EXPECT_EQ(z->attributes.at("k"), "\"a\\\\b\\n😀\"");
  EXPECT_EQ(z->attributes.at("n"), "1.5");

  // What score reads: every link, by claim then source, equal to LoadCase's.
  struct Links : RecordVisitor {
    std::vector<model::Link> links;
    void Visit(model::Source&&) override {}
    void Visit(model::Claim&&) override {}
    void Visit(model::Link&& l) override { links.push_back(std::move(l)); }
    void Visit(model::Evidence&&) override {}
    void Visit(model::Relation&&) override {}
  } read;
  ASSERT_TRUE(store.ReadRecords(read).ok());
  std::vector<model::Link> expected = c->links;
  std::sort(expected.begin(), expected.end(), [](const model::Link& a, const model::Link& b) {
    return std::tie(a.claim, a.source) < std::tie(b.claim, b.source);
  });
  EXPECT_EQ(read.links, expected);
}

// The rows of a view or table, every column, as text: what a store shows
// through SQL.
std::string RawRows(const std::filesystem::path& path, const char* sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) out = std::string("error: ") + sqlite3_errmsg(db);
  while (st != nullptr && sqlite3_step(st) == SQLITE_ROW) {
    for (int i = 0; i < sqlite3_column_count(st); ++i) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
      out += i == 0 ? "" : "|";
      // The type too: a view must give the columns' types, not only their text.
      out += "iftbn"[sqlite3_column_type(st, i) - 1];
      out += text == nullptr ? "NULL" : text;
    }
    out += "\n";
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

// A new store is made at the current version in one step (kSchemaCurrent);
// an old one takes the migrations' steps. Both end with the same schema,
// byte for byte: SQLite keeps each CREATE statement's text. On a
// difference the migrated schema is printed: the text kSchemaCurrent needs.
TEST(StoreSchema, ANewStoreHasTheSchemaItsMigrationsMake) {
  auto dir = ScratchDir();
  { Store made = OpenIn(dir); }
  const auto old = dir / "old.db";
  ASSERT_NO_FATAL_FAILURE(WriteVersion1Store(old));
  {
    auto migrated = Store::Open(old, OpenMode::kMustExist);
    ASSERT_TRUE(migrated.ok()) << migrated.status().ToString();
  }
  constexpr const char* kSchema = "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name";
  std::string migrated = RawRows(old, kSchema);
  EXPECT_EQ(RawRows(dir / "s.db", kSchema), migrated) << "the migrated schema:\n" << migrated;
  EXPECT_EQ(RawInt(dir / "s.db", "PRAGMA user_version"), RawInt(old, "PRAGMA user_version"));
  EXPECT_EQ(RawInt(dir / "s.db", "PRAGMA application_id"), RawInt(old, "PRAGMA application_id"));
  EXPECT_EQ(RawRows(dir / "s.db", "SELECT * FROM record_counts"), "i1|i0|i0|i0\n");
}

// Store::Open tells its caller, once and before it migrates, that an
// existing store is being upgraded (a command prints it: a migration
// rewrites the file); creating a store and opening a current one are not
// upgrades.
TEST(StoreSchema, OpenTellsOfAnUpgradeOnceAndOnlyOfAnOldStore) {
  auto dir = ScratchDir();
  std::vector<std::pair<int, int>> heard;
  auto listen = [&heard](int from, int to) { heard.emplace_back(from, to); };
  {
    auto fresh = Store::Open(dir / "new.db", OpenMode::kCreateIfMissing, listen);
    ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  }
  EXPECT_TRUE(heard.empty());

  const std::filesystem::path testdata = std::filesystem::path(CREDENCE_SOURCE_DIR) / "tests/core/store/testdata";
  std::string dump = ReadFile(testdata / "store_v5.sql");
  ASSERT_FALSE(dump.empty());
  RawExec(dir / "old.db", dump.c_str());
  {
    auto old = Store::Open(dir / "old.db", OpenMode::kMustExist, listen);
    ASSERT_TRUE(old.ok()) << old.status().ToString();
  }
  ASSERT_EQ(heard.size(), 1u);
  EXPECT_EQ(heard[0], std::make_pair(5, 7));
  EXPECT_EQ(RawInt(dir / "old.db", "PRAGMA user_version"), 7);
  {
    auto again = Store::Open(dir / "old.db", OpenMode::kMustExist, listen);
    ASSERT_TRUE(again.ok()) << again.status().ToString();
  }
  EXPECT_EQ(heard.size(), 1u);
}

// A store written by a version-5 build (links packed in claim_links, one
// evidence row per record; its SQL dump is checked in) opens (as version 7,
// through version 6) with every record: its export is byte for byte the version-5 build's, and
// the `links` and `evidence` views show every row the old table and view
// showed, origins and import ids included (a NULL import id too).
TEST(StoreSchema, MigrationToVersion6KeepsEveryRecordAndTheExport) {
  auto dir = ScratchDir();
  const std::filesystem::path testdata = std::filesystem::path(CREDENCE_SOURCE_DIR) / "tests/core/store/testdata";
  std::string dump = ReadFile(testdata / "store_v5.sql");
  ASSERT_FALSE(dump.empty());
  RawExec(dir / "s.db", dump.c_str());
  ASSERT_EQ(RawInt(dir / "s.db", "PRAGMA user_version"), 5);
  constexpr const char* kLinks = "SELECT * FROM links ORDER BY claim, source";
  constexpr const char* kEvidence = "SELECT * FROM evidence ORDER BY claim, feature";
  const std::string links_before = RawRows(dir / "s.db", kLinks);
  const std::string evidence_before = RawRows(dir / "s.db", kEvidence);
  ASSERT_EQ(std::count(links_before.begin(), links_before.end(), '\n'), 7);
  ASSERT_EQ(std::count(evidence_before.begin(), evidence_before.end(), '\n'), 7);
  {
    Store store = OpenIn(dir);
    EXPECT_EQ(Dump(store), ReadFile(testdata / "store_v5_export.jsonl"));
    auto counts = store.CountRecords();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts->links, 7);
    EXPECT_EQ(counts->evidence, 7);
    // Re-importing what the export holds changes nothing.
    auto again = store.ImportCaseFile(WriteFile(dir / "again.jsonl", Dump(store)));
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_EQ(again->records_added, 0);
    EXPECT_EQ(again->records_replaced, 0);
  }
  EXPECT_EQ(RawInt(dir / "s.db", "PRAGMA user_version"), 7);
  EXPECT_EQ(RawInt(dir / "s.db", "SELECT count(*) FROM sqlite_schema WHERE name IN ('claim_links') OR "
                                 "(name = 'evidence' AND type = 'table')"),
            0);
  EXPECT_EQ(RawRows(dir / "s.db", kLinks), links_before);
  EXPECT_EQ(RawRows(dir / "s.db", kEvidence), evidence_before);
  EXPECT_EQ(RawInt(dir / "s.db", "SELECT count(*) FROM pragma_foreign_key_check"), 0);
  EXPECT_EQ(RawInt(dir / "s.db", "SELECT json_array_length(evidence) FROM claims WHERE id = 'c1'"), 3);
}

// A store written by a version-6 build (claims of 18 columns; its SQL dump
// is checked in: binary and ordinal labels, a scale with escapes, links,
// evidence, relations, a run and an evaluation, records with and without
// import ids, JSONL lines and .json pointers as origins) opens as version
// 7, `claims` rebuilt with 13 columns, and nothing else changes: the export
// is byte for byte the version-6 build's, score reads the records the
// export holds, the counts, the views, the relation members, every claim's
// origin and the run's and evaluation's rows are as they were, and an
// import compares, places and replaces claims as before.
TEST(StoreSchema, MigrationToVersion7KeepsEveryRecordRunAndTheExport) {
  auto dir = ScratchDir();
  const std::filesystem::path db = dir / "s.db";
  const std::filesystem::path testdata = std::filesystem::path(CREDENCE_SOURCE_DIR) / "tests/core/store/testdata";
  std::string dump = ReadFile(testdata / "store_v6.sql");
  ASSERT_FALSE(dump.empty());
  RawExec(db, dump.c_str());
  ASSERT_EQ(RawInt(db, "PRAGMA user_version"), 6);
  // What only SQL shows, the same query before and after.
  constexpr const char* kUnchanged[] = {
      "SELECT id, text, kind, lang, made_at, topic, attributes, origin_file, import_id, links, evidence "
      "FROM claims ORDER BY id",
      "SELECT * FROM links ORDER BY claim, source",
      "SELECT * FROM evidence ORDER BY claim, feature",
      "SELECT * FROM relations ORDER BY key",
      "SELECT * FROM relation_claims ORDER BY relation, claim",
      "SELECT * FROM runs",
      "SELECT * FROM claim_scores ORDER BY run_id, claim_id",
      "SELECT * FROM run_texts ORDER BY run_id, id",
      "SELECT * FROM contributions ORDER BY run_id, claim_id, position",
      "SELECT * FROM source_ratings ORDER BY run_id, source_id",
      "SELECT * FROM evaluations",
      "SELECT * FROM files",
      "SELECT * FROM imports",
  };
  std::vector<std::string> before;
  for (const char* sql : kUnchanged) before.push_back(RawRows(db, sql));
  EXPECT_EQ(std::count(before[0].begin(), before[0].end(), '\n'), 10);
  EXPECT_EQ(std::count(before[4].begin(), before[4].end(), '\n'), 7);
  EXPECT_EQ(std::count(before[6].begin(), before[6].end(), '\n'), 10);
  // Labels and origins as version 6 held them, read back as version 7 does.
  const std::string origins_before = RawRows(db, "SELECT id, origin_line, origin_pointer FROM claims ORDER BY id");
  const std::string counts_before =
      RawRows(db, "SELECT count(*), sum(n), sum(n_evidence), count(label_truth), count(label_scale) FROM claims");
  const std::string v6_export = ReadFile(testdata / "store_v6_export.jsonl");
  auto v6_case = ingest::ParseCaseText(v6_export, ingest::Encoding::kJsonl, "v6.jsonl");
  ASSERT_TRUE(v6_case.ok()) << v6_case.status().ToString();
  {
    Store store = OpenIn(dir);
    EXPECT_EQ(Dump(store), v6_export);
    for (std::size_t i = 0; i < std::size(kUnchanged); ++i) {
      EXPECT_EQ(RawRows(db, kUnchanged[i]), before[i]) << kUnchanged[i];
    }
    EXPECT_EQ(RawRows(db, "SELECT id, iif(typeof(origin_place) = 'integer', origin_place, 0), "
                          "iif(typeof(origin_place) = 'text', origin_place, '') FROM claims ORDER BY id"),
              origins_before);
    // What `score` reads: the export's records, in the store's orders.
    Collector read;
    ASSERT_TRUE(store.ReadRecords(read).ok());
    model::Case expected = *v6_case;
    std::sort(expected.links.begin(), expected.links.end(), [](const model::Link& a, const model::Link& b) {
      return std::tie(a.claim, a.source) < std::tie(b.claim, b.source);
    });
    EXPECT_EQ(read.all, expected);
    const model::Claim* ordinal = nullptr;
    for (const model::Claim& c : read.all.claims) {
      if (c.id == "l_ord") ordinal = &c;
    }
    ASSERT_NE(ordinal, nullptr);
    ASSERT_TRUE(ordinal->label.has_value());
    EXPECT_EQ(ordinal->label->scale, "pf \"six\"\n\x01\u00e9");
    EXPECT_EQ(ordinal->label->value, "{\"a\":\"x\",\"b\":[1,2.5]}");
    auto counts = store.CountRecords();
    ASSERT_TRUE(counts.ok()) << counts.status().ToString();
    EXPECT_EQ("i" + std::to_string(counts->claims) + "|i" + std::to_string(counts->links) + "|i" +
                  std::to_string(counts->evidence) + "|i3|i3\n",
              counts_before);
    // Re-importing the export compares every claim equal (labels included).
    auto again = store.ImportCaseFile(WriteFile(dir / "again.jsonl", v6_export));
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_EQ(again->records_added, 0);
    EXPECT_EQ(again->records_replaced, 0);
  }
  EXPECT_EQ(RawInt(db, "PRAGMA user_version"), 7);
  EXPECT_EQ(RawInt(db, "SELECT count(*) FROM pragma_table_info('claims')"), 13);
  EXPECT_EQ(RawInt(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
  EXPECT_EQ(RawInt(db, "SELECT count(*) FROM sqlite_schema WHERE name LIKE '%v7%' OR name LIKE 'migrate%'"), 0);

  // A claim's place names it in messages: a line (l.jsonl) or a pointer
  // (o.json); --replace writes the new label and place.
  Store store = OpenIn(dir);
  auto redefined = store.ImportCaseFile(WriteFile(
      dir / "r.jsonl",
      "{\"format\":\"credence-case/1\"}\n"
      "{\"type\":\"claim\",\"id\":\"l_true\",\"text\":\"labelled true\",\"label\":false}\n"
      "{\"type\":\"claim\",\"id\":\"j_lab\",\"text\":\"from json\",\"label\":{\"scale\":\"s\",\"value\":\"w\"}}\n"));
  ASSERT_FALSE(redefined.ok());
  const std::string message = redefined.status().ToString();
  EXPECT_NE(message.find("from l.jsonl:4"), std::string::npos) << message;
  EXPECT_NE(message.find("from o.json /claims/0"), std::string::npos) << message;
  ImportOptions replace;
  replace.replace = true;
  auto replaced = store.ImportCaseFile(dir / "r.jsonl", replace);
  ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
  EXPECT_EQ(replaced->records_replaced, 2);
  auto loaded = store.LoadCase();
  ASSERT_TRUE(loaded.ok());
  for (const model::Claim& c : loaded->claims) {
    if (c.id == "l_true") {
      EXPECT_EQ(c.label, (model::Label{false, "", ""}));
    }
    if (c.id == "j_lab") {
      EXPECT_EQ(c.label, (model::Label{false, "s", "\"w\""}));
    }
  }
  EXPECT_EQ(RawRows(db, "SELECT origin_place FROM claims WHERE id IN ('j_lab', 'l_true') ORDER BY id"),
            "i3\ni2\n");
}

// ReadRecords hands the records over from a reading thread in batches:
// enough of them to fill its queue many times come in the store's order,
// by type and by key, each once.
TEST(Store, ReadRecordsVisitsEveryRecordInKeyOrderAcrossManyBatches) {
  auto dir = ScratchDir();
  Store store = OpenIn(dir);
  std::string text = "{\"format\":\"credence-case/1\"}\n";
  constexpr int kSources = 50, kClaims = 6000;
  for (int i = 0; i < kSources; ++i) {
    text += "{\"type\":\"source\",\"id\":\"s" + std::to_string(i) + "\",\"name\":\"n\",\"kind\":\"blog\"}\n";
  }
  for (int i = 0; i < kClaims; ++i) {
    const std::string c = "c" + std::to_string(i);
    text += "{\"type\":\"claim\",\"id\":\"" + c + "\",\"text\":\"t\"}\n";
    for (int k = 0; k < 3; ++k) {
      text += "{\"type\":\"link\",\"source\":\"s" + std::to_string((i + 7 * k) % kSources) + "\",\"claim\":\"" + c +
              "\",\"stance\":\"supports\",\"mode\":\"originates\"}\n";
    }
    text += "{\"type\":\"evidence\",\"claim\":\"" + c + "\",\"feature\":\"f\",\"value\":true}\n";
  }
  auto imported = store.ImportCaseFile(WriteFile(dir / "a.jsonl", text));
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();

  struct Keys : RecordVisitor {
    std::vector<std::string> keys;
    void Visit(model::Source&& r) override { keys.push_back("S " + r.id); }
    void Visit(model::Claim&& r) override { keys.push_back("C " + r.id); }
    void Visit(model::Link&& r) override { keys.push_back("L " + r.claim + " " + r.source); }
    void Visit(model::Evidence&& r) override { keys.push_back("E " + r.claim + " " + r.feature); }
    void Visit(model::Relation&& r) override { keys.push_back("R " + r.Key()); }
  } read;
  ASSERT_TRUE(store.ReadRecords(read).ok());
  ASSERT_EQ(read.keys.size(), static_cast<std::size_t>(kSources + kClaims * 5));
  // The sources by id, then each claim (by id) followed by its links (by
  // source) and its evidence: the order of the rows; every record once.
  std::vector<std::string> expected;
  std::vector<std::string> sources, claims;
  for (int i = 0; i < kSources; ++i) sources.push_back("s" + std::to_string(i));
  for (int i = 0; i < kClaims; ++i) claims.push_back("c" + std::to_string(i));
  std::sort(sources.begin(), sources.end());
  std::sort(claims.begin(), claims.end());
  for (const std::string& id : sources) expected.push_back("S " + id);
  for (const std::string& c : claims) {
    expected.push_back("C " + c);
    const int i = std::stoi(c.substr(1));
    std::vector<std::string> links;
    for (int k = 0; k < 3; ++k) links.push_back("s" + std::to_string((i + 7 * k) % kSources));
    std::sort(links.begin(), links.end());
    for (const std::string& l : links) expected.push_back("L " + c + " " + l);
    expected.push_back("E " + c + " f");
  }
  EXPECT_EQ(read.keys, expected);
}

// A visitor's exception reaches the caller (not swallowed by the reading
// thread, which it stops), and the store is usable afterwards (the read
// snapshot ended). That the reading thread stops early, rather than reading
// on to the end, is not observable here without timing it.
TEST(Store, ReadRecordsPassesOnAVisitorsException) {
  auto dir = ScratchDir();
  Store store = OpenIn(dir);
  std::string text = "{\"format\":\"credence-case/1\"}\n";
  for (int i = 0; i < 20000; ++i) {
    text += "{\"type\":\"claim\",\"id\":\"c" + std::to_string(i) + "\",\"text\":\"t\"}\n";
  }
  ASSERT_TRUE(store.ImportCaseFile(WriteFile(dir / "a.jsonl", text)).ok());
  struct Throws : RecordVisitor {
    int claims = 0;
    void Visit(model::Source&&) override {}
    void Visit(model::Claim&&) override {
      if (++claims == 1500) throw std::runtime_error("visitor gave up");
    }
    void Visit(model::Link&&) override {}
    void Visit(model::Evidence&&) override {}
    void Visit(model::Relation&&) override {}
  } visitor;
  EXPECT_THROW({ Status s = store.ReadRecords(visitor); }, std::runtime_error);
  EXPECT_EQ(visitor.claims, 1500);
  auto more = store.ImportCaseFile(WriteFile(dir / "b.jsonl", "{\"type\":\"claim\",\"id\":\"z\",\"text\":\"t\"}\n"));
  ASSERT_TRUE(more.ok()) << more.status().ToString();
  auto counts = store.CountRecords();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->claims, 20001);
}

// A run written one row per contribution (before version 4) reads back
// the same after the migration packs it: positions in order even when the
// rows were not, weights bit for bit (NaN and infinities included), each
// sentence once in run_texts, and the old rows still visible through the
// `contributions` view.
TEST(StoreSchema, MigrationToVersion4KeepsEveryContributionOfOldRuns) {
  auto dir = ScratchDir();
  ASSERT_NO_FATAL_FAILURE(WriteVersion1Store(dir / "s.db"));
  RawExec(dir / "s.db",
          "INSERT INTO runs VALUES (3, '2026-01-01T00:00:00Z', '0.1.0', 'default', 'ab', 1, NULL, 0.9);"
          "INSERT INTO claim_scores VALUES (3, 'a', 0.7, 0.7, 0.8, 0.5, 0.9, 2, 'likely', 'likely', 2, 'true');"
          "INSERT INTO claim_scores VALUES (3, 'b', 0.5, 0.5, 0, 0, 1, 0, 'x', 'x', 6, 'half-true');"
          "INSERT INTO contributions VALUES (3, 'a', 2, 'link', 's->a', 0.30000000000000004, '東京 \"q\" ✓', 1);"
          "INSERT INTO contributions VALUES (3, 'a', 0, 'prior', 'p', -0.0, 'Prior.', 0);"
          "INSERT INTO contributions VALUES (3, 'a', 1, 'rule', 'r', NULL, 'Prior.', 0);"
          "INSERT INTO contributions VALUES (3, 'a', 3, 'evidence', 'a#f', 9e999, 'e', 2);"
          "INSERT INTO contributions VALUES (3, 'a', 4, 'fit', 'f', -9e999, 'Prior.', 0);");
  Store store = OpenIn(dir);
  auto run = store.LoadRun(3);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_EQ(run->claims.size(), 2u);
  const std::vector<score::Contribution>& k = run->claims[0].contributions;
  ASSERT_EQ(k.size(), 5u);
  EXPECT_EQ(k[0], (score::Contribution{score::ContributionKind::kPrior, "p", 0.0, "Prior.", 0}));
  EXPECT_EQ(k[1].ref, "r");
  EXPECT_TRUE(std::isnan(k[1].weight));
  EXPECT_EQ(k[2], (score::Contribution{score::ContributionKind::kLink, "s->a", 0.1 + 0.2, "東京 \"q\" ✓", 1}));
  EXPECT_EQ(k[3].weight, std::numeric_limits<double>::infinity());
  EXPECT_EQ(k[4].weight, -std::numeric_limits<double>::infinity());
  EXPECT_EQ(k[4].text, "Prior.");
  EXPECT_TRUE(run->claims[1].contributions.empty());
  EXPECT_EQ(RawInt(dir / "s.db", "SELECT count(*) FROM run_texts WHERE run_id = 3"), 3);
  EXPECT_EQ(RawInt(dir / "s.db", "SELECT count(*) FROM contributions WHERE run_id = 3"), 5);
  EXPECT_EQ(RawInt(dir / "s.db",
                   "SELECT position FROM contributions WHERE claim_id = 'a' AND text LIKE '東京%'"),
            2);
}

// Refused files keep every byte: Open sets WAL (which writes the header)
// only once Migrate has accepted the file.
TEST(StoreSchema, RefusesANewerStoreWithoutTouchingIt) {
  auto dir = ScratchDir();
  { Store store = OpenIn(dir); }
  RawExec(dir / "s.db", "PRAGMA user_version = 99");
  const std::string before = ReadFile(dir / "s.db");
  auto s = Store::Open(dir / "s.db", OpenMode::kMustExist);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), ErrorCode::kIncompatible);
  EXPECT_EQ(RawInt(dir / "s.db", "PRAGMA user_version"), 99);
  EXPECT_EQ(ReadFile(dir / "s.db"), before);
}

TEST(StoreSchema, RefusesAnotherProgramsDatabaseWithoutTouchingIt) {
  auto dir = ScratchDir();
  RawExec(dir / "s.db", "CREATE TABLE t (x)");
  const std::string before = ReadFile(dir / "s.db");
  auto s = Store::Open(dir / "s.db", OpenMode::kMustExist);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), ErrorCode::kIncompatible);
  EXPECT_EQ(ReadFile(dir / "s.db"), before);
  EXPECT_FALSE(std::filesystem::exists(dir / "s.db-wal"));
  EXPECT_EQ(JournalModeSeenFrom(dir / "s.db"), "delete");
}

TEST(StoreLocking, AWriterWaitsThenReportsBusy) {
  auto dir = ScratchDir();
  { Store store = OpenIn(dir); }
  sqlite3* holder = nullptr;
  ASSERT_EQ(sqlite3_open((dir / "s.db").c_str(), &holder), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(holder, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  auto store = Store::Open(dir / "s.db", OpenMode::kMustExist);
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(store->SetBusyTimeout(50).ok());
  auto r = store->ImportCaseFile(WriteFile(dir / "a.jsonl", kCase));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kBusy);
  sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(holder);
}

// The journal mode a new connection finds the store in ("wal", "delete"),
// as persisted in its header, while another connection may be writing it.
std::string JournalModeSeenFrom(const std::filesystem::path& path) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, nullptr);
  std::string mode = sqlite3_step(st) == SQLITE_ROW
                         ? reinterpret_cast<const char*>(sqlite3_column_text(st, 0))
                         : "error: " + std::string(sqlite3_errmsg(db));
  sqlite3_finalize(st);
  sqlite3_close(db);
  return mode;
}

// Imports `file` into `store` (at `db`); returns the journal mode a new
// connection found the store in while the import's transaction was open
// (its "checking" phase), "" if it never got there.
std::string JournalModeDuringImport(Store& store, const std::filesystem::path& db,
                                    const std::filesystem::path& file) {
  std::string seen;
  ImportOptions options;
  options.progress = [&](std::string_view phase, std::int64_t, std::int64_t) {
    if (phase == "checking") seen = JournalModeSeenFrom(db);
  };
  auto stats = store.ImportCaseFile(file, options);
  EXPECT_TRUE(stats.ok()) << stats.status().ToString();
  return seen;
}

// An import into a store with no cases writes under a rollback journal
// (BulkLoad), and the store is back in WAL mode after; into a store
// with cases it writes to the WAL. The mode is read while the import's
// transaction is open, from its "checking" phase.
TEST(StoreJournal, AnImportIntoAnEmptyStoreAloneWritesUnderARollbackJournal) {
  auto dir = ScratchDir();
  const auto db = dir / "s.db";
  Store store = OpenIn(dir);
  EXPECT_EQ(JournalModeDuringImport(store, db, WriteFile(dir / "a.jsonl", kCase)), "delete");
  EXPECT_EQ(JournalModeSeenFrom(db), "wal");
  EXPECT_FALSE(std::filesystem::exists(db.string() + "-journal"));
  const std::string more =
      "{\"type\":\"source\",\"id\":\"tass\",\"name\":\"TASS\",\"kind\":\"news_outlet\"}\n";
  EXPECT_EQ(JournalModeDuringImport(store, db, WriteFile(dir / "b.jsonl", more)), "wal");
  EXPECT_EQ(JournalModeSeenFrom(db), "wal");
  EXPECT_EQ(store.LoadCase()->sources.size(), 3u);
}

// Another connection holding the store open keeps it in WAL mode for an
// import into it, even empty: leaving WAL would need the store to itself.
// The reader opens a store made before, which Open puts in WAL mode.
TEST(StoreJournal, AnImportIntoAnEmptyStoreOpenElsewhereKeepsTheWal) {
  auto dir = ScratchDir();
  const auto db = dir / "s.db";
  { Store made = OpenIn(dir); }
  auto reader = Store::Open(db, OpenMode::kMustExist);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(JournalModeSeenFrom(db), "wal");
  ASSERT_TRUE(reader->LoadCase().ok());  // the reader has read the store
  Store store = OpenIn(dir);
  EXPECT_EQ(JournalModeDuringImport(store, db, WriteFile(dir / "a.jsonl", kCase)), "wal");
  auto c = reader->LoadCase();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->claims.size(), 2u);
}

// A new store is made under a rollback journal and stays under it until its
// first import, which writes under one anyway and leaves it in WAL mode; or
// until the next Open. Switching to WAL at once and back would cost the
// import two transactions and a checkpoint.
TEST(StoreJournal, ANewStoreStaysUnderARollbackJournalUntilItsFirstImport) {
  auto dir = ScratchDir();
  const auto db = dir / "s.db";
  {
    Store store = OpenIn(dir);
    EXPECT_EQ(JournalModeSeenFrom(db), "delete");
    EXPECT_EQ(JournalModeDuringImport(store, db, WriteFile(dir / "a.jsonl", kCase)), "delete");
    EXPECT_EQ(JournalModeSeenFrom(db), "wal");
    EXPECT_EQ(store.LoadCase()->claims.size(), 2u);
  }
  const auto other = dir / "t.db";
  { auto made = Store::Open(other, OpenMode::kCreateIfMissing); ASSERT_TRUE(made.ok()); }
  EXPECT_EQ(JournalModeSeenFrom(other), "delete");
  { auto opened = Store::Open(other, OpenMode::kMustExist); ASSERT_TRUE(opened.ok()); }
  EXPECT_EQ(JournalModeSeenFrom(other), "wal");
}

// A store opened while an import into it (empty) holds it under a rollback
// journal opens, reads the store as it was, and sees the import once it has
// committed.
TEST(StoreJournal, AStoreOpenedDuringAnImportIntoItWhileEmptyReadsTheStoreAsItWas) {
  auto dir = ScratchDir();
  const auto db = dir / "s.db";
  Store store = OpenIn(dir);
  std::optional<Store> reader;
  std::size_t claims_seen = 99;
  ImportOptions options;
  options.progress = [&](std::string_view phase, std::int64_t, std::int64_t) {
    if (phase != "checking" || reader) return;
    auto opened = Store::Open(db, OpenMode::kMustExist);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    reader.emplace(std::move(*opened));
    auto c = reader->LoadCase();
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    claims_seen = c->claims.size();
  };
  ASSERT_TRUE(store.ImportCaseFile(WriteFile(dir / "a.jsonl", kCase), options).ok());
  ASSERT_TRUE(reader.has_value());
  EXPECT_EQ(claims_seen, 0u);
  auto c = reader->LoadCase();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->claims.size(), 2u);
}

// A store left in rollback mode (an import into it while empty was killed
// before it could return to WAL) is back in WAL mode once opened.
TEST(StoreJournal, OpeningAStoreLeftInRollbackModeReturnsItToWal) {
  auto dir = ScratchDir();
  const auto db = dir / "s.db";
  { Store store = OpenIn(dir); }
  RawExec(db, "PRAGMA journal_mode = DELETE");
  EXPECT_EQ(JournalModeSeenFrom(db), "delete");
  Store store = OpenIn(dir);
  EXPECT_EQ(JournalModeSeenFrom(db), "wal");
}

// A pragma's value on `db`, as text.
std::string PragmaText(sqlite3* db, const char* pragma) {
  auto st = Statement::Prepare(db, pragma);
  if (!st.ok()) return st.status().ToString();
  auto row = st->Step();
  if (!row.ok() || !*row) return "no row";
  return st->Text(0);
}

// BulkLoad sets its three settings on a connection that has the store to
// itself, and its end restores the connection's own (secure_delete either
// way), WAL and synchronous NORMAL; with another connection open it changes
// nothing.
TEST(StoreJournal, ABulkLoadSetsItsModesAndRestoresTheConnectionsOwn) {
  auto dir = ScratchDir();
  const std::string path = (dir / "raw.db").string();
  for (const char* secure : {"1", "0"}) {
    SCOPED_TRACE(std::string("secure_delete ") + secure);
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    ASSERT_TRUE(Exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
                         "CREATE TABLE IF NOT EXISTS t (x)").ok());
    ASSERT_TRUE(Exec(db, (std::string("PRAGMA secure_delete = ") + secure).c_str()).ok());
    {
      auto bulk = BulkLoad::Begin(db);
      ASSERT_TRUE(bulk.ok()) << bulk.status().ToString();
      EXPECT_TRUE(bulk->active());
      EXPECT_EQ(PragmaText(db, "PRAGMA journal_mode"), "delete");
      EXPECT_EQ(PragmaText(db, "PRAGMA synchronous"), "2");
      EXPECT_EQ(PragmaText(db, "PRAGMA secure_delete"), "0");
    }
    EXPECT_EQ(PragmaText(db, "PRAGMA journal_mode"), "wal");
    EXPECT_EQ(PragmaText(db, "PRAGMA synchronous"), "1");
    EXPECT_EQ(PragmaText(db, "PRAGMA secure_delete"), secure);

    sqlite3* other = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &other), SQLITE_OK);
    EXPECT_EQ(PragmaText(other, "SELECT count(*) FROM t"), "0");  // holds the store open
    {
      auto bulk = BulkLoad::Begin(db);
      ASSERT_TRUE(bulk.ok()) << bulk.status().ToString();
      EXPECT_FALSE(bulk->active());
      EXPECT_EQ(PragmaText(db, "PRAGMA journal_mode"), "wal");
      EXPECT_EQ(PragmaText(db, "PRAGMA secure_delete"), secure);
    }
    sqlite3_close(other);
    sqlite3_close(db);
  }
}

}  // namespace
}  // namespace credence::store
