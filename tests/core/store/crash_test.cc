// Crash safety: a `credence import` child process is killed with SIGKILL at
// several points of a large import. Each time the store must pass PRAGMA
// integrity_check and hold exactly the records it held before.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>
#include <vector>

#include "core/ingest/synthetic_case.h"
#include "core/store/store.h"
#include "tests/core/store/store_test_util.h"

namespace credence::store {
namespace {

using Clock = std::chrono::steady_clock;

// Starts `credence --db DB --quiet import FILE`; stdout and stderr go to
// /dev/null.
pid_t StartImport(const std::filesystem::path& db, const std::filesystem::path& file) {
  pid_t pid = fork();
  if (pid == 0) {
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    execl(CREDENCE_BINARY, CREDENCE_BINARY, "--db", db.c_str(), "--quiet", "import",
          file.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  return pid;
}

std::string IntegrityCheck(const std::filesystem::path& db) {
  sqlite3* h = nullptr;
  sqlite3_open(db.c_str(), &h);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, nullptr);
  std::string out;
  while (sqlite3_step(st) == SQLITE_ROW) {
    out += reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  }
  sqlite3_finalize(st);
  sqlite3_close(h);
  return out;
}

TEST(Crash, KilledImportLeavesTheStoreAsItWas) {
  auto dir = ScratchDir();
  auto db = dir / "s.db";
  auto big = dir / "big.jsonl";
  {
    std::ofstream out(big, std::ios::binary);
    ingest::WriteSyntheticJsonl(7, 4'000'000, out);
  }
  std::string before;
  {
    auto store = Store::Open(db, OpenMode::kCreateIfMissing);
    ASSERT_TRUE(store.ok());
    auto base = WriteFile(dir / "base.jsonl",
                          "{\"type\":\"source\",\"id\":\"base.s\",\"name\":\"Base\","
                          "\"kind\":\"blog\"}\n"
                          "{\"type\":\"claim\",\"id\":\"base.c\",\"text\":\"Базовый\"}\n");
    ASSERT_TRUE(store->ImportCaseFile(base).ok());
    before = Dump(*store);
  }
  // How long a whole import takes here, on a copy, to spread the kills; the
  // copy's final contents are the only other state the store may be in.
  std::filesystem::copy_file(db, dir / "probe.db");
  auto t0 = Clock::now();
  int status = 0;
  waitpid(StartImport(dir / "probe.db", big), &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "probe import failed";
  auto full = Clock::now() - t0;
  std::string after;
  {
    auto probe = Store::Open(dir / "probe.db", OpenMode::kMustExist);
    ASSERT_TRUE(probe.ok());
    after = Dump(*probe);
  }

  // Kill points spread over the probe's duration, then shorter fixed delays:
  // how fast an import runs depends on the machine's load, so a kill may come
  // after COMMIT. That outcome is all-or-nothing too; the store is then put
  // back as it was before and the next, earlier, point is tried, until three
  // kills have landed while the import was still running.
  std::filesystem::copy_file(db, dir / "pristine.db");
  auto restore = [&] {
    for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(db.string() + suffix);
    std::filesystem::copy_file(dir / "pristine.db", db, std::filesystem::copy_options::overwrite_existing);
  };
  std::vector<Clock::duration> delays;
  for (double fraction : {0.05, 0.25, 0.5, 0.75, 0.95}) {
    delays.push_back(std::chrono::duration_cast<Clock::duration>(full * fraction));
  }
  for (int ms : {100, 30, 10, 3, 1}) delays.push_back(std::chrono::milliseconds(ms));
  int killed = 0;
  for (Clock::duration delay : delays) {
    if (killed >= 3) break;
    SCOPED_TRACE("kill after " + std::to_string(std::chrono::duration<double>(delay).count()) + " s");
    pid_t pid = StartImport(db, big);
    std::this_thread::sleep_for(delay);
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    EXPECT_EQ(IntegrityCheck(db), "ok");
    auto store = Store::Open(db, OpenMode::kMustExist);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    std::string now = Dump(*store);
    // All or nothing: the import either never committed or committed whole.
    EXPECT_TRUE(now == before || now == after)
        << "the store holds part of an import (" << now.size() << " bytes of export, " << before.size()
        << " before, " << after.size() << " after)";
    if (now == after) {
      restore();
      continue;
    }
    if (WIFSIGNALED(status)) ++killed;
  }
  EXPECT_GE(killed, 3);
}

}  // namespace
}  // namespace credence::store
