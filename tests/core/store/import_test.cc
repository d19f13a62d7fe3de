// Import's cycle check in `via`: most claims are cleared from the run of
// links the file gives them; these tests put cycles where that shortcut must
// not miss them (split runs, earlier imports, long runs) and compare import
// with a plain depth-first search on random cases.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/store/known_ids_internal.h"
#include "core/store/store.h"
#include "tests/core/store/store_test_util.h"

namespace credence::store {
namespace {

std::string SourceLine(const std::string& id) {
  return "{\"type\":\"source\",\"id\":\"" + id + "\",\"name\":\"" + id +
         "\",\"kind\":\"news_outlet\"}\n";
}
std::string ClaimLine(const std::string& id) {
  return "{\"type\":\"claim\",\"id\":\"" + id + "\",\"text\":\"t\"}\n";
}
std::string LinkLine(const std::string& source, const std::string& claim,
                     const std::vector<std::string>& via) {
  std::string list;
  for (const auto& v : via) list += (list.empty() ? "\"" : ",\"") + v + "\"";
  return "{\"type\":\"link\",\"source\":\"" + source + "\",\"claim\":\"" + claim +
         "\",\"stance\":\"supports\",\"mode\":\"" + (via.empty() ? "originates" : "relays") +
         "\"" + (via.empty() ? "" : ",\"via\":[" + list + "]") + "}\n";
}

constexpr const char* kCycle = ": cycle in \"via\" for claim \"c1\": ";

// The message of an import rejected for the cycle a -> b -> a in claim c1's
// `via`, reported at `where` of `file` (":4 [a->c1]").
std::string CycleAB(const std::filesystem::path& file, const std::string& where) {
  return file.string() + where + kCycle + "a -> b -> a (each names the next as its upstream)";
}

// Imports `text` into a new store: it must be rejected with CycleAB at
// `where`, the store left empty.
void ExpectCycleAB(const std::string& text, const std::string& where) {
  auto dir = ScratchDir();
  Store store = OpenIn(dir);
  auto file = WriteFile(dir / "a.jsonl", text);
  auto r = store.ImportCaseFile(file);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().ToString(), CycleAB(file, where));
  EXPECT_EQ(Dump(store), "{\"format\":\"credence-case/1\"}\n");
}

TEST(ImportViaCycle, WithinOneRunOfLinks) {
  ExpectCycleAB(SourceLine("a") + SourceLine("b") + ClaimLine("c1") +
                    LinkLine("a", "c1", {"b"}) + LinkLine("b", "c1", {"a"}),
                ":4 [a->c1]");
}

TEST(ImportViaCycle, SplitOverTwoRunsOfOneFile) {
  // c1's links come in two runs, c2's between them; neither run alone has a
  // cycle.
  ExpectCycleAB(SourceLine("a") + SourceLine("b") + SourceLine("z") + ClaimLine("c1") +
                    ClaimLine("c2") + LinkLine("a", "c1", {"b"}) + LinkLine("z", "c1", {}) +
                    LinkLine("a", "c2", {"b"}) + LinkLine("b", "c1", {"a"}),
                ":6 [a->c1]");
}

TEST(ImportViaCycle, SplitOverTwoRunsAfterItsClaim) {
  // c1 is the claim written last when both of its runs start.
  ExpectCycleAB(SourceLine("a") + SourceLine("b") + ClaimLine("c2") + ClaimLine("c1") +
                    LinkLine("a", "c1", {"b"}) + LinkLine("a", "c2", {"b"}) +
                    LinkLine("b", "c1", {"a"}),
                ":5 [a->c1]");
}

TEST(ImportViaCycle, ClosedWithALinkWrittenBeforeItsClaim) {
  // The first link names c1 before the claim record; the second run starts
  // right after the record.
  ExpectCycleAB(SourceLine("a") + SourceLine("b") + ClaimLine("c2") +
                    LinkLine("a", "c1", {"b"}) + LinkLine("a", "c2", {"b"}) + ClaimLine("c1") +
                    LinkLine("b", "c1", {"a"}),
                ":4 [a->c1]");
}

TEST(ImportViaCycle, ClosedAgainstAnEarlierImport) {
  auto dir = ScratchDir();
  Store store = OpenIn(dir);
  ASSERT_TRUE(store
                  .ImportCaseFile(WriteFile(dir / "a.jsonl",
                                            SourceLine("a") + SourceLine("b") + ClaimLine("c1") +
                                                LinkLine("a", "c1", {"b"})))
                  .ok());
  std::string before = Dump(store);
  auto file = WriteFile(dir / "b.jsonl", LinkLine("b", "c1", {"a"}));
  auto r = store.ImportCaseFile(file);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().ToString(), CycleAB(file, ":1 [b->c1]"));
  EXPECT_EQ(Dump(store), before);
}

TEST(ImportViaCycle, InARunTooLongToClearInMemory) {
  auto dir = ScratchDir();
  Store store = OpenIn(dir);
  // More edges than one run keeps (ViaRun::kMaxEdges = 65,536), the cycle
  // at the end.
  constexpr int kSources = 33'000;
  std::string text = ClaimLine("c1");
  for (int i = 0; i < kSources; ++i) text += SourceLine("s" + std::to_string(i));
  text += LinkLine("s1", "c1", {"s0"});
  for (int i = 2; i < kSources; ++i) {
    text += LinkLine("s" + std::to_string(i), "c1", {"s0", "s" + std::to_string(i - 1)});
  }
  text += LinkLine("s0", "c1", {"s" + std::to_string(kSources - 1)});
  auto file = WriteFile(dir / "a.jsonl", text);
  auto r = store.ImportCaseFile(file);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().ToString().find(kCycle), std::string::npos) << r.status().ToString();
}

// Whether any claim's graph (source -> each id its link's `via` names) has
// a cycle: the obvious search, for comparison.
bool HasCycle(const std::map<std::string, std::map<std::string, std::vector<std::string>>>& g) {
  for (const auto& [claim, edges] : g) {
    std::map<std::string, int> colour;
    std::function<bool(const std::string&)> visit = [&](const std::string& n) {
      colour[n] = 1;
      auto it = edges.find(n);
      if (it != edges.end()) {
        for (const auto& up : it->second) {
          if (colour[up] == 1 || (colour[up] == 0 && visit(up))) return true;
        }
      }
      colour[n] = 2;
      return false;
    };
    for (const auto& [source, unused] : edges) {
      if (colour[source] == 0 && visit(source)) return true;
    }
  }
  return false;
}

TEST(ImportViaCycle, AgreesWithAPlainSearchOnRandomCases) {
  std::mt19937_64 rng(20261126);
  const std::vector<std::string> sources = {"a", "b", "c", "d"};
  const std::vector<std::string> claims = {"c1", "c2"};
  int rejected = 0;
  for (int round = 0; round < 60; ++round) {
    auto dir = ScratchDir();
    Store store = OpenIn(dir);
    struct L {
      std::string source, claim;
      std::vector<std::string> via;
    };
    std::vector<L> links;
    for (const auto& c : claims) {
      for (const auto& s : sources) {
        if (rng() % 3 == 0) continue;
        L l{s, c, {}};
        for (const auto& up : sources) {
          if (up != s && rng() % 4 == 0) l.via.push_back(up);
        }
        links.push_back(l);
      }
    }
    std::shuffle(links.begin(), links.end(), rng);
    // Two files: the first a prefix of the links, the second the rest.
    std::size_t split = links.empty() ? 0 : rng() % (links.size() + 1);
    std::string head, tail;
    for (const auto& s : sources) head += SourceLine(s);
    // Claims before the links, or some after them (links naming a claim
    // that comes later in the file).
    for (const auto& c : claims) (rng() % 3 == 0 ? tail : head) += ClaimLine(c);
    std::map<std::string, std::map<std::string, std::vector<std::string>>> graph;
    bool ok_so_far = true;
    for (int part = 0; part < 2 && ok_so_far; ++part) {
      std::string text = part == 0 ? head : "";
      for (std::size_t i = part == 0 ? 0 : split; i < (part == 0 ? split : links.size()); ++i) {
        text += LinkLine(links[i].source, links[i].claim, links[i].via);
        if (!links[i].via.empty()) graph[links[i].claim][links[i].source] = links[i].via;
      }
      // The claims held back come after the first file's first link.
      if (part == 0) {
        std::size_t at = text.find("\"type\":\"link\"");
        at = at == std::string::npos ? text.size() : text.find('\n', at) + 1;
        text.insert(at, tail);
      }
      auto file = WriteFile(dir / (part == 0 ? "a.jsonl" : "b.jsonl"), text);
      auto r = store.ImportCaseFile(file);
      bool cycle = HasCycle(graph);
      ASSERT_EQ(r.ok(), !cycle) << "round " << round << " part " << part << "\n"
                                << text << (r.ok() ? "" : r.status().ToString());
      if (!r.ok()) {
        EXPECT_NE(r.status().ToString().find("cycle in \"via\""), std::string::npos);
        ++rejected;
        ok_so_far = false;
      }
    }
  }
  // The cases must exercise both answers.
  EXPECT_GT(rejected, 5) << rejected;
  EXPECT_LT(rejected, 55) << rejected;
}

// A rejected file is read twice (on two threads, then on one): the errors
// of the reader and of the writer come in file order, capped, as one
// reader reports them, and the store is unchanged.
// Links are stored per claim, one row of packed links (schema version 5): a
// claim's links may come in several runs of a file, in several files, or in
// parts when a run is longer than an import holds in memory; each is kept
// once, and duplicates and cycles are still found across the parts.
std::vector<std::string> LinkKeys(const Store& store) {
  std::vector<std::string> keys;
  auto c = store.LoadCase();
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  if (c.ok()) {
    for (const model::Link& l : c->links) keys.push_back(l.Key());
  }
  return keys;
}

TEST(ImportLinks, AClaimsLinksFromSeveralRunsAndFilesAreAllKept) {
  auto dir = ScratchDir();
  Store store = OpenIn(dir);
  std::string a;
  for (const char* s : {"s0", "s1", "s2", "s3", "s4"}) a += SourceLine(s);
  a += ClaimLine("c1") + ClaimLine("c2") + LinkLine("s3", "c1", {}) + LinkLine("s1", "c1", {"s3"}) +
       LinkLine("s0", "c2", {}) + LinkLine("s2", "c1", {"s1"});
  auto first = store.ImportCaseFile(WriteFile(dir / "a.jsonl", a));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto second = store.ImportCaseFile(
      WriteFile(dir / "b.jsonl", LinkLine("s4", "c1", {}) + LinkLine("s0", "c1", {"s4"})));
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(LinkKeys(store), (std::vector<std::string>{"s0->c1", "s0->c2", "s1->c1", "s2->c1",
                                                       "s3->c1", "s4->c1"}));
  auto counts = store.CountRecords();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->links, 6);

  const std::string before = Dump(store);
  auto again = store.ImportCaseFile(dir / "a.jsonl");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->records_added, 0);
  EXPECT_EQ(again->records_unchanged, 11);
  EXPECT_EQ(Dump(store), before);
}

// A file sorted by source (as export writes it) lists each claim's links
// far apart: one claim's thousand links, each between two links of other
// claims, all kept once, whether the cache holds them all or not.
TEST(ImportLinks, AClaimsLinksScatteredThroughTheFileAreAllKept) {
  constexpr int kSources = 1000;
  std::string text = ClaimLine("viral");
  for (int i = 0; i < kSources; ++i) text += SourceLine("s" + std::to_string(i)) + ClaimLine("c" + std::to_string(i));
  for (int i = 0; i < kSources; ++i) {
    text += LinkLine("s" + std::to_string(i), "viral", i > 0 ? std::vector<std::string>{"s0"} : std::vector<std::string>{});
    text += LinkLine("s" + std::to_string(i), "c" + std::to_string(i), {});
  }
  for (std::size_t cache : {std::size_t{32} << 20, std::size_t{4096}}) {
    auto dir = ScratchDir();
    Store store = OpenIn(dir);
    ImportOptions options;
    options.link_cache_bytes = cache;
    auto r = store.ImportCaseFile(WriteFile(dir / "a.jsonl", text), options);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->records_added, 1 + 4 * kSources);
    auto c = store.LoadCaseOf({"viral"});
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_EQ(c->links.size(), static_cast<std::size_t>(kSources)) << cache;
    auto counts = store.CountRecords();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts->links, 2 * kSources);
  }
}

TEST(ImportLinks, ASecondCopyInALaterRunOfTheFileIsADuplicate) {
  auto dir = ScratchDir();
  Store store = OpenIn(dir);
  auto file = WriteFile(dir / "a.jsonl", SourceLine("s0") + SourceLine("s1") + ClaimLine("c1") +
                                             ClaimLine("c2") + LinkLine("s1", "c1", {}) +
                                             LinkLine("s0", "c2", {}) + LinkLine("s1", "c1", {}));
  auto r = store.ImportCaseFile(file);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().ToString(), file.string() + ":7 [s1->c1]: duplicate link \"s1->c1\"; first defined at " +
                                       file.string() + ":5");
  EXPECT_EQ(Dump(store), "{\"format\":\"credence-case/1\"}\n");
}

TEST(ImportLinks, LinksBeyondTheCacheAreWrittenInPartsAndStillChecked) {
  auto dir = ScratchDir();
  Store store = OpenIn(dir);
  ImportOptions options;
  options.link_cache_bytes = 1;  // written out after every link
  std::string text = ClaimLine("c1");
  for (int i = 0; i < 10; ++i) text += SourceLine("s" + std::to_string(i));
  for (int i = 9; i >= 0; --i) text += LinkLine("s" + std::to_string(i), "c1", {});
  auto kept = store.ImportCaseFile(WriteFile(dir / "a.jsonl", text), options);
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_EQ(kept->records_added, 21);
  EXPECT_EQ(LinkKeys(store).size(), 10u);
  const std::string before = Dump(store);

  // A duplicate of a link written in an earlier part of the same file.
  std::string dup = SourceLine("t0") + SourceLine("t1") + SourceLine("t2") + SourceLine("t3");
  dup += LinkLine("t0", "c1", {}) + LinkLine("t1", "c1", {}) + LinkLine("t2", "c1", {}) +
         LinkLine("t3", "c1", {}) + LinkLine("t0", "c1", {});
  auto dup_file = WriteFile(dir / "b.jsonl", dup);
  auto r = store.ImportCaseFile(dup_file, options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().ToString(), dup_file.string() + ":9 [t0->c1]: duplicate link \"t0->c1\"; first defined at " +
                                       dup_file.string() + ":5");
  EXPECT_EQ(Dump(store), before);

  // A cycle whose two edges are in different parts.
  std::string cycle = SourceLine("a") + SourceLine("b") + LinkLine("a", "c1", {"b"}) +
                      LinkLine("u0", "c1", {}) + LinkLine("u1", "c1", {}) + LinkLine("u2", "c1", {}) +
                      LinkLine("b", "c1", {"a"}) + SourceLine("u0") + SourceLine("u1") + SourceLine("u2");
  auto cycle_file = WriteFile(dir / "c.jsonl", cycle);
  auto c = store.ImportCaseFile(cycle_file, options);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().ToString(), cycle_file.string() + ":3 [a->c1]: cycle in \"via\" for claim \"c1\": "
                                                         "a -> b -> a (each names the next as its upstream)");
  EXPECT_EQ(Dump(store), before);
}

std::string EvidenceLine(const std::string& claim, const std::string& feature, const std::string& value) {
  return "{\"type\":\"evidence\",\"claim\":\"" + claim + "\",\"feature\":\"" + feature + "\",\"value\":" + value +
         "}\n";
}

// Imports `text` as `dir`/a.jsonl (its path to `file`) with the claim
// cache bounded to `cache` bytes.
Result<ImportStats> ImportWithCache(Store& store, const std::filesystem::path& dir, const std::string& text,
                                    std::size_t cache, std::filesystem::path* file) {
  ImportOptions options;
  options.link_cache_bytes = cache;
  *file = WriteFile(dir / "a.jsonl", text);
  return store.ImportCaseFile(*file, options);
}

// The evidence view's rows (schema version 6: unrolled from the claims
// rows), with their origins, through SQL as a user sees them.
std::vector<std::string> EvidenceRows(const Store& store) {
  std::vector<std::string> rows;
  auto c = store.LoadCase();
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  if (!c.ok()) return rows;
  for (const model::Evidence& e : c->evidence) {
    rows.push_back(e.claim + "#" + e.feature + "=" + e.value + (e.note ? " (" + *e.note + ")" : ""));
  }
  return rows;
}

// Evidence lives in its claim's row (version 6): a second file that adds
// an evidence record to a claim of the first rewrites that row keeping the
// claim, its links and its first evidence; re-importing either file then
// changes nothing, and a different value for a stored feature is a
// redefinition naming both places (replaced under --replace).
TEST(ImportEvidence, ASecondFileAddsEvidenceToAClaimOfTheFirst) {
  auto dir = ScratchDir();
  Store store = OpenIn(dir);
  auto a = WriteFile(dir / "a.jsonl", SourceLine("s0") + ClaimLine("c1") + LinkLine("s0", "c1", {}) +
                                          EvidenceLine("c1", "f1", "true") + ClaimLine("c2"));
  auto b = WriteFile(dir / "b.jsonl", EvidenceLine("c1", "f0", "[1,\"x\"]") + EvidenceLine("c2", "f9", "2.5"));
  ASSERT_TRUE(store.ImportCaseFile(a).ok());
  auto second = store.ImportCaseFile(b);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->records_added, 2);
  EXPECT_EQ(EvidenceRows(store), (std::vector<std::string>{"c1#f0=[1,\"x\"]", "c1#f1=true", "c2#f9=2.5"}));
  EXPECT_EQ(LinkKeys(store), (std::vector<std::string>{"s0->c1"}));
  auto counts = store.CountRecords();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->claims, 2);
  EXPECT_EQ(counts->links, 1);
  EXPECT_EQ(counts->evidence, 3);

  const std::string before = Dump(store);
  for (const auto& file : {a, b}) {
    auto again = store.ImportCaseFile(file);
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_EQ(again->records_added, 0);
    EXPECT_EQ(Dump(store), before);
  }

  auto c = WriteFile(dir / "c.jsonl", EvidenceLine("c1", "f1", "false"));
  auto redefined = store.ImportCaseFile(c);
  ASSERT_FALSE(redefined.ok());
  EXPECT_EQ(redefined.status().ToString(),
            c.string() + ":1 [c1#f1]: evidence \"c1#f1\" is already in the store with a different definition, from " +
                a.string() + ":4 (import with --replace to replace it)");
  EXPECT_EQ(Dump(store), before);
  ImportOptions replace;
  replace.replace = true;
  auto replaced = store.ImportCaseFile(c, replace);
  ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
  EXPECT_EQ(replaced->records_replaced, 1);
  EXPECT_EQ(EvidenceRows(store), (std::vector<std::string>{"c1#f0=[1,\"x\"]", "c1#f1=false", "c2#f9=2.5"}));
}

// A claim's records may come in any order: its evidence before or after
// its links, both before the claim itself. Whatever the order, and whether
// the cache holds the file or is written out after every record (its
// bound passed), the store ends the same, and a duplicate is found across
// the parts.
TEST(ImportEvidence, AClaimsRecordsInAnyOrderAndAnyCacheBound) {
  const std::string sources = SourceLine("s0") + SourceLine("s1");
  const std::vector<std::string> orders = {
      // claim, links, evidence
      sources + ClaimLine("c1") + LinkLine("s0", "c1", {}) + LinkLine("s1", "c1", {"s0"}) +
          EvidenceLine("c1", "f2", "1") + EvidenceLine("c1", "f1", "\"a\"") + ClaimLine("c2") +
          EvidenceLine("c2", "f1", "null"),
      // evidence, then links, then the claim
      EvidenceLine("c1", "f1", "\"a\"") + EvidenceLine("c2", "f1", "null") + LinkLine("s1", "c1", {"s0"}) +
          EvidenceLine("c1", "f2", "1") + LinkLine("s0", "c1", {}) + ClaimLine("c2") + ClaimLine("c1") + sources,
      // links, the claim, evidence
      LinkLine("s1", "c1", {"s0"}) + sources + LinkLine("s0", "c1", {}) + ClaimLine("c1") +
          EvidenceLine("c1", "f2", "1") + ClaimLine("c2") + EvidenceLine("c2", "f1", "null") +
          EvidenceLine("c1", "f1", "\"a\""),
  };
  std::string expected;
  for (const std::string& order : orders) {
    for (std::size_t cache : {std::size_t{32} << 20, std::size_t{1}}) {
      auto dir = ScratchDir();
      Store store = OpenIn(dir);
      std::filesystem::path file;
      auto r = ImportWithCache(store, dir, order, cache, &file);
      ASSERT_TRUE(r.ok()) << r.status().ToString() << "\n" << order;
      EXPECT_EQ(r->records_added, 9);
      EXPECT_EQ(EvidenceRows(store), (std::vector<std::string>{"c1#f1=\"a\"", "c1#f2=1", "c2#f1=null"})) << order;
      EXPECT_EQ(LinkKeys(store), (std::vector<std::string>{"s0->c1", "s1->c1"})) << order;
      if (expected.empty()) expected = Dump(store);
      EXPECT_EQ(Dump(store), expected) << order << cache;

      auto again = ImportWithCache(store, dir, order, cache, &file);
      ASSERT_TRUE(again.ok()) << again.status().ToString();
      EXPECT_EQ(again->records_unchanged, 9);
      EXPECT_EQ(Dump(store), expected);
    }
  }
  // Duplicates: a claim and an evidence record met a second time, with the
  // cache written out in between or not.
  for (const auto& [text, message] : std::vector<std::pair<std::string, std::string>>{
           {ClaimLine("c1") + EvidenceLine("c1", "f", "1") + ClaimLine("c1"),
            ":3 [c1]: duplicate claim \"c1\"; first defined at :1"},
           {ClaimLine("c1") + EvidenceLine("c1", "f", "1") + ClaimLine("c2") + EvidenceLine("c1", "f", "1"),
            ":4 [c1#f]: duplicate evidence \"c1#f\"; first defined at :2"},
           {EvidenceLine("c1", "f", "1") + ClaimLine("c2") + EvidenceLine("c1", "f", "1") + ClaimLine("c1"),
            ":3 [c1#f]: duplicate evidence \"c1#f\"; first defined at :1"}}) {
    for (std::size_t cache : {std::size_t{32} << 20, std::size_t{1}}) {
      auto dir = ScratchDir();
      Store store = OpenIn(dir);
      std::filesystem::path file;
      auto r = ImportWithCache(store, dir, text, cache, &file);
      ASSERT_FALSE(r.ok()) << text;
      // message: ":LINE [id]: ... first defined at :FIRST", both in `file`.
      const std::size_t at = message.rfind(':');
      EXPECT_EQ(r.status().ToString(), file.string() + message.substr(0, at) + file.string() + message.substr(at))
          << cache;
      EXPECT_EQ(Dump(store), "{\"format\":\"credence-case/1\"}\n");
    }
  }
}

// Evidence for a claim the file never defines (kept aside while the cache
// is written out in parts) is a dangling reference, and nothing is stored.
TEST(ImportEvidence, EvidenceOfAnUndefinedClaimIsRejectedWhateverTheCache) {
  for (std::size_t cache : {std::size_t{32} << 20, std::size_t{1}}) {
    auto dir = ScratchDir();
    Store store = OpenIn(dir);
    std::filesystem::path file;
    auto r = ImportWithCache(store, dir, ClaimLine("c1") + EvidenceLine("zz", "f", "1") + ClaimLine("c2") +
                                             EvidenceLine("zz", "g", "2"),
                             cache, &file);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().ToString(),
              file.string() + ":2 [zz#f] /claim: unknown claim \"zz\": no claim with this id in the file or the store\n" +
                  file.string() + ":4 [zz#g] /claim: unknown claim \"zz\": no claim with this id in the file or the store");
    EXPECT_EQ(Dump(store), "{\"format\":\"credence-case/1\"}\n");
  }
}

TEST(ImportErrors, ReaderAndWriterErrorsInFileOrder) {
  auto dir = ScratchDir();
  Store store = OpenIn(dir);
  ASSERT_TRUE(store.ImportCaseFile(WriteFile(dir / "a.jsonl", SourceLine("a"))).ok());
  std::string before = Dump(store);
  std::string text = SourceLine("b") + SourceLine("b") +            // 1, 2: duplicate
                     "{\"type\":\"claim\",\"id\":\"c1\"}\n" +  // 3: no text
                     SourceLine("a") +                              // 4: unchanged
                     "{\"type\":\"source\",\"id\":\"a\",\"name\":\"x\",\"kind\":\"ngo\"}\n" +
                     "not json\n";                                  // 5: redefined, 6
  auto file = WriteFile(dir / "b.jsonl", text);
  auto r = store.ImportCaseFile(file);
  ASSERT_FALSE(r.ok());
  std::string all = r.status().ToString();
  std::vector<std::size_t> at;
  for (const char* where : {":2 [b]", ":3 [c1]", ":5 [a]", ":6"}) {
    at.push_back(all.find(file.string() + where));
    ASSERT_NE(at.back(), std::string::npos) << where << " in\n" << all;
  }
  EXPECT_TRUE(std::is_sorted(at.begin(), at.end())) << all;
  EXPECT_NE(all.find("duplicate source \"b\"; first defined at " + file.string() + ":1"),
            std::string::npos)
      << all;

  ImportOptions two;
  two.max_errors = 2;
  auto capped = store.ImportCaseFile(file, two);
  ASSERT_FALSE(capped.ok());
  std::string first_two = capped.status().ToString();
  EXPECT_NE(first_two.find(file.string() + ":3 [c1]"), std::string::npos) << first_two;
  EXPECT_EQ(first_two.find(file.string() + ":5"), std::string::npos) << first_two;
  EXPECT_NE(first_two.find("too many errors; stopped after 2"), std::string::npos) << first_two;
  EXPECT_EQ(Dump(store), before);
}

// Unknown ids are reported beside the records' own errors, in line order,
// within the cap; not when the cap stopped the reading (a later line might
// have defined them); never an id a rejected record defines.
TEST(ImportErrors, UnknownIdsBesideRecordErrorsWithinTheCap) {
  auto dir = ScratchDir();
  Store store = OpenIn(dir);
  std::string before = Dump(store);
  std::string text = "{\"type\":\"source\",\"id\":\"s1\",\"name\":\"n\",\"kind\":\"tabloid\"}\n" +
                     ClaimLine("c1") +              // 1: kind "tabloid"; 2
                     LinkLine("s1", "c1", {}) +     // 3: to the rejected source: not reported
                     LinkLine("ghost", "c1", {}) +  // 4: unknown
                     "{\"type\":\"claim\",\"id\":\"c2\"}\n" +  // 5: no text
                     LinkLine("phantom", "c1", {});            // 6: unknown
  auto file = WriteFile(dir / "a.jsonl", text);
  const std::string f = file.string();

  auto all = store.ImportCaseFile(file);
  ASSERT_FALSE(all.ok());
  std::vector<std::string> lines;
  for (const ErrorDetail& d : all.status().details()) lines.push_back(d.where.ToString());
  EXPECT_EQ(lines, (std::vector<std::string>{f + ":1 [s1] /kind", f + ":4 [ghost->c1] /source",
                                             f + ":5 [c2]", f + ":6 [phantom->c1] /source"}))
      << all.status().ToString();

  ImportOptions three;  // read to the end; four errors capped to three
  three.max_errors = 3;
  auto capped = store.ImportCaseFile(file, three);
  ASSERT_FALSE(capped.ok());
  ASSERT_EQ(capped.status().details().size(), 4u) << capped.status().ToString();
  EXPECT_EQ(capped.status().details()[2].where.ToString(), f + ":5 [c2]");
  EXPECT_EQ(capped.status().details()[3].message, "too many errors; stopped after 3");

  ImportOptions one;  // stopped at line 1: nothing else is known
  one.max_errors = 1;
  auto stopped = store.ImportCaseFile(file, one);
  ASSERT_FALSE(stopped.ok());
  EXPECT_EQ(stopped.status().ToString().find("unknown"), std::string::npos)
      << stopped.status().ToString();
  EXPECT_EQ(Dump(store), before);
}

// A named pipe cannot be read twice: a rejected one must still report its
// errors, from its only reading. (Read twice, the second reading would wait
// for a writer; this test's writer then opens the pipe again and closes it
// empty, so that the import would wrongly succeed instead of hanging.)
TEST(ImportErrors, ANamedPipeIsReadOnce) {
  auto dir = ScratchDir();
  Store store = OpenIn(dir);
  std::string before = Dump(store);
  auto pipe = dir / "p.jsonl";
  ASSERT_EQ(mkfifo(pipe.c_str(), 0600), 0);
  std::atomic<bool> done{false};
  std::thread writer([&] {
    WriteFile(pipe, SourceLine("b") + SourceLine("b"));
    while (!done) {
      int fd = open(pipe.c_str(), O_WRONLY | O_NONBLOCK);
      if (fd >= 0) close(fd);
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });
  auto r = store.ImportCaseFile(pipe);
  done = true;
  writer.join();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().ToString(), pipe.string() + ":2 [b]: duplicate source \"b\"; first defined at " +
                                       pipe.string() + ":1");
  EXPECT_EQ(Dump(store), before);
}

// KnownIds against a std::set that forgets everything at the same moment:
// short and long ids (inline and not), repeats, growing, several times past
// the bound.
void CheckKnownIds(std::size_t capacity, int universe_size, int steps) {
  KnownIds known(capacity);
  std::set<std::string> oracle;
  std::mt19937_64 rng(capacity);
  std::vector<std::string> universe;
  for (int i = 0; i < universe_size; ++i) {
    std::string id = "s" + std::to_string(i);
    if (i % 3 == 0) id += std::string(20 + i % 40, 'x');  // past the inline bytes
    universe.push_back(id);
  }
  int clears = 0;
  for (int step = 0; step < steps; ++step) {
    const std::string& id = universe[rng() % universe.size()];
    if (oracle.count(id) == 0 && oracle.size() == capacity) {
      oracle.clear();
      ++clears;
    }
    oracle.insert(id);
    known.Add(id);
    ASSERT_EQ(known.size(), oracle.size());
    ASSERT_EQ(known.forgot(), clears > 0);
    if (step % (steps / 40) == 0) {
      for (const auto& u : universe) ASSERT_EQ(known.Contains(u), oracle.count(u) != 0) << u;
    }
  }
  EXPECT_GT(clears, 2);
}

TEST(KnownIds, HoldsWhatWasAddedUntilFullThenStartsOver) { CheckKnownIds(100, 400, 5000); }

TEST(KnownIds, GrowsPastItsFirstSlotsKeepingEveryId) { CheckKnownIds(3000, 8000, 40000); }

// IdFilter never says "no" for an id added, and rarely "maybe" for one not
// added while it holds few ids for its bits.
TEST(IdFilter, NeverMissesAnIdAddedAndRarelyMatchesAnother) {
  IdFilter filter(16);  // 65,536 bits
  for (int i = 0; i < 4000; ++i) filter.Add("c" + std::to_string(i));
  for (int i = 0; i < 4000; ++i) ASSERT_TRUE(filter.MayContain("c" + std::to_string(i))) << i;
  int false_maybes = 0;
  for (int i = 4000; i < 14000; ++i) false_maybes += filter.MayContain("c" + std::to_string(i)) ? 1 : 0;
  // (1 - e^(-4 * 4000 / 65536))^4 = 0.22 % expected: 22 of 10,000.
  EXPECT_LT(false_maybes, 100);
  EXPECT_FALSE(IdFilter(16).MayContain("c0"));
}

// The store's record counts (schema version 7: totals each import
// updates, not counts in the claim rows) stay the records the store holds,
// whatever an import does: links and evidence before their claim (set
// aside, with a cache small enough to flush mid-file), records added to
// stored claims, re-imports, replacements both ways, and a rejected import
// (rolled back with the rest).
TEST(ImportCounts, TheStoresTotalsFollowEveryImport) {
  for (std::size_t cache : {std::size_t{32} << 20, std::size_t{256}}) {
    auto dir = ScratchDir();
    Store store = OpenIn(dir);
    ImportOptions options;
    options.link_cache_bytes = cache;
    ImportOptions replace = options;
    replace.replace = true;
    auto expect_counts = [&](const char* step) {
      auto c = store.LoadCase();
      ASSERT_TRUE(c.ok()) << c.status().ToString();
      auto counts = store.CountRecords();
      ASSERT_TRUE(counts.ok()) << counts.status().ToString();
      EXPECT_EQ(counts->claims, static_cast<std::int64_t>(c->claims.size())) << step << " " << cache;
      EXPECT_EQ(counts->links, static_cast<std::int64_t>(c->links.size())) << step << " " << cache;
      EXPECT_EQ(counts->evidence, static_cast<std::int64_t>(c->evidence.size())) << step << " " << cache;
    };
    expect_counts("empty");
    std::string a;
    for (int i = 0; i < 10; ++i) a += SourceLine("s" + std::to_string(i));
    for (int i = 0; i < 6; ++i) a += LinkLine("s" + std::to_string(i), "c1", {}) + EvidenceLine("c2", "f" + std::to_string(i), "1");
    for (int i = 1; i <= 5; ++i) a += ClaimLine("c" + std::to_string(i)) + LinkLine("s9", "c" + std::to_string(i), {});
    ASSERT_TRUE(store.ImportCaseFile(WriteFile(dir / "a.jsonl", a), options).ok());
    expect_counts("a");
    const std::string b = ClaimLine("c6") + LinkLine("s7", "c1", {}) + LinkLine("s0", "c1", {}) +
                          EvidenceLine("c2", "g", "2") + EvidenceLine("c6", "f0", "1") + LinkLine("s1", "c6", {});
    auto second = store.ImportCaseFile(WriteFile(dir / "b.jsonl", b), options);
    ASSERT_TRUE(second.ok()) << second.status().ToString();
    EXPECT_EQ(second->records_unchanged, 1);
    expect_counts("b");
    auto rejected = store.ImportCaseFile(
        WriteFile(dir / "c.jsonl", ClaimLine("c7") + LinkLine("s1", "c7", {}) + EvidenceLine("c1", "h", "3") +
                                       LinkLine("nobody", "c7", {})),
        options);
    ASSERT_FALSE(rejected.ok());
    expect_counts("rejected");
    auto replaced = store.ImportCaseFile(
        WriteFile(dir / "d.jsonl", LinkLine("s0", "c1", {"s9"}) + EvidenceLine("c2", "f1", "false") +
                                       LinkLine("s8", "c3", {}) + ClaimLine("c8")),
        replace);
    ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
    EXPECT_EQ(replaced->records_replaced, 2);
    expect_counts("replaced");
    auto again = store.ImportCaseFile(dir / "d.jsonl", options);
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_EQ(again->records_unchanged, 4);
    expect_counts("d again");
    auto back = store.ImportCaseFile(dir / "a.jsonl", replace);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(back->records_replaced, 2);
    expect_counts("a replacing");
    auto counts = store.CountRecords();
    ASSERT_TRUE(counts.ok());
    EXPECT_EQ(counts->claims, 7);
    EXPECT_EQ(counts->links, 14);
    EXPECT_EQ(counts->evidence, 8);
  }
}

}  // namespace
}  // namespace credence::store
