// Concurrent use: two `credence` processes importing and scoring one store at
// once. Each must either finish correctly or fail cleanly with "store busy"
// (exit 3) after a bounded wait; the store must stay sound, and hold exactly
// what the successful commands wrote, as if they had run one after another.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "tests/crash/store_state.h"

namespace credence::testing {
namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A case of `claims` claims whose ids all start with `prefix`, so cases of
// different prefixes add up without conflict. A source per ten claims, an
// origin and a relay link per claim.
fs::path WriteCase(const fs::path& path, const std::string& prefix, int claims) {
  std::ofstream out(path, std::ios::binary);
  const int sources = claims / 10 + 1;
  for (int s = 0; s < sources; ++s) {
    out << "{\"type\":\"source\",\"id\":\"" << prefix << ".s" << s << "\",\"name\":\"Source " << s
        << "\",\"kind\":\"" << (s % 2 == 0 ? "news_outlet" : "blog") << "\"}\n";
  }
  for (int c = 0; c < claims; ++c) {
    const std::string id = prefix + ".c" + std::to_string(c);
    const std::string origin = prefix + ".s" + std::to_string(c % sources);
    const std::string relay = prefix + ".s" + std::to_string((c + 1) % sources);
    out << "{\"type\":\"claim\",\"id\":\"" << id << "\",\"text\":\"Claim " << c << " of " << prefix
        << "\"}\n";
    out << "{\"type\":\"link\",\"source\":\"" << origin << "\",\"claim\":\"" << id
        << "\",\"stance\":\"supports\",\"mode\":\"originates\"}\n";
    if (relay != origin) {
      out << "{\"type\":\"link\",\"source\":\"" << relay << "\",\"claim\":\"" << id
          << "\",\"stance\":\"" << (c % 3 == 0 ? "refutes" : "supports")
          << "\",\"mode\":\"relays\",\"via\":[\"" << origin << "\"]}\n";
    }
  }
  return path;
}

struct Outcome {
  int exit_code = -1;  // -1: did not exit normally
  std::string log;     // stdout and stderr
};

// Runs every command at once, each in its own process; waits for all.
std::vector<Outcome> RunTogether(const fs::path& db, const std::vector<std::vector<std::string>>& commands,
                                 const fs::path& dir) {
  std::vector<pid_t> pids;
  for (std::size_t i = 0; i < commands.size(); ++i) {
    const fs::path log = dir / ("p" + std::to_string(i) + ".log");
    fs::remove(log);
    pids.push_back(StartCredence(db, commands[i], log));
  }
  std::vector<Outcome> outcomes;
  for (std::size_t i = 0; i < pids.size(); ++i) {
    const int status = Wait(pids[i]);
    Outcome o;
    o.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    o.log = ReadText(dir / ("p" + std::to_string(i) + ".log"));
    outcomes.push_back(std::move(o));
  }
  return outcomes;
}

bool IsCleanBusy(const Outcome& o) {
  return o.exit_code == 3 && o.log.find("store busy") != std::string::npos;
}

std::int64_t CountRows(const fs::path& db, const std::string& sql) {
  sqlite3* h = nullptr;
  sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
  std::vector<std::string> rows = QueryRows(h, sql);
  sqlite3_close(h);
  return rows.size() == 1 && rows[0].starts_with("i") ? std::stoll(rows[0].substr(1)) : -1;
}

// Rounds of two processes at once, the first round on a store that does not
// exist yet (both may create it): import + score, import + import,
// score + score. Afterwards the store must equal, record for record, one that
// imported the successful files one by one, and every run must have scored
// the claims of some whole number of those imports (never half of one).
TEST(Concurrency, TwoProcessesImportingAndScoringOneStore) {
  const fs::path dir = ScratchDir();
  const fs::path db = dir / "shared.db";
  constexpr int kRounds = 12;
  constexpr int kClaimsPerFile = 150;
  std::vector<std::string> imported;  // files whose import succeeded
  int scores = 0;
  int busy = 0;
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const std::string a = "r" + std::to_string(round) + "a";
    const std::string b = "r" + std::to_string(round) + "b";
    const fs::path file_a = WriteCase(dir / (a + ".jsonl"), a, kClaimsPerFile);
    const fs::path file_b = WriteCase(dir / (b + ".jsonl"), b, kClaimsPerFile);
    std::vector<std::vector<std::string>> commands;
    switch (round % 3) {
      case 0: commands = {{"import", file_a.string()}, {"import", file_b.string()}}; break;
      case 1: commands = {{"import", file_a.string()}, {"score"}}; break;
      case 2: commands = {{"score", "--seed", "1"}, {"score", "--seed", "2"}}; break;
    }
    std::vector<Outcome> outcomes = RunTogether(db, commands, dir);
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
      const Outcome& o = outcomes[i];
      if (IsCleanBusy(o)) {
        ++busy;
        continue;
      }
      ASSERT_EQ(o.exit_code, 0) << commands[i][0] << " failed: " << o.log;
      if (commands[i][0] == "import") imported.push_back(commands[i][1]);
      if (commands[i][0] == "score") ++scores;
    }
    ASSERT_EQ(CheckStore(db), "ok");
  }
  std::printf("%d rounds: %zu imports and %d scores succeeded, %d failed store busy\n", kRounds,
              imported.size(), scores, busy);

  // The same files imported one after another into a fresh store.
  const fs::path serial = dir / "serial.db";
  for (const std::string& file : imported) {
    ASSERT_EQ(Wait(StartCredence(serial, {"import", file})), 0) << file;
  }
  const fs::path out = dir / "out.jsonl";
  const fs::path serial_out = dir / "serial_out.jsonl";
  ASSERT_EQ(Wait(StartCredence(db, {"export", "--format", "jsonl", "-o", out.string()})), 0);
  ASSERT_EQ(Wait(StartCredence(serial, {"export", "--format", "jsonl", "-o", serial_out.string()})), 0);
  EXPECT_TRUE(ReadText(out) == ReadText(serial_out)) << "the concurrent store differs from a serial one";

  EXPECT_EQ(CountRows(db, "SELECT count(*) FROM runs"), scores);
  // Each run scored every claim of a prefix of the imports: a multiple of one
  // file's claims, and runs are numbered in the order their data grew.
  sqlite3* h = nullptr;
  sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
  std::vector<std::string> per_run =
      QueryRows(h, "SELECT count(*) FROM runs LEFT JOIN claim_scores ON run_id = id GROUP BY id ORDER BY id");
  sqlite3_close(h);
  std::int64_t previous = 0;
  for (const std::string& r : per_run) {
    const std::int64_t n = std::stoll(r.substr(1));
    EXPECT_EQ(n % kClaimsPerFile, 0) << "a run scored " << n << " claims: part of an import";
    EXPECT_GE(n, previous);
    previous = n;
  }
}

// A writer that holds the store longer than the busy timeout (10 s): import
// and score started meanwhile each wait, then fail "store busy" with exit 3,
// and change nothing.
TEST(Concurrency, HeldStoreFailsStoreBusyAfterABoundedWait) {
  const fs::path dir = ScratchDir();
  const fs::path db = dir / "held.db";
  ASSERT_EQ(Wait(StartCredence(db, {"import", WriteCase(dir / "a.jsonl", "a", 50).string()})), 0);
  const std::string before = DumpStore(db);

  sqlite3* holder = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &holder), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(holder, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  const auto t0 = Clock::now();
  std::vector<Outcome> outcomes = RunTogether(
      db, {{"import", WriteCase(dir / "b.jsonl", "b", 50).string()}, {"score"}}, dir);
  const double waited = std::chrono::duration<double>(Clock::now() - t0).count();
  sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(holder);

  for (const Outcome& o : outcomes) {
    EXPECT_TRUE(IsCleanBusy(o)) << "exit " << o.exit_code << ": " << o.log;
  }
  EXPECT_GE(waited, 9.0) << "gave up before the busy timeout";
  EXPECT_LT(waited, 60.0) << "the wait is not bounded";
  EXPECT_EQ(CheckStore(db), "ok");
  EXPECT_TRUE(DumpStore(db) == before) << "a busy command changed the store";
}

}  // namespace
}  // namespace credence::testing
