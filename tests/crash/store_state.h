// What the crash and concurrency tests share: a scratch folder, a store
// file's whole state as text, its integrity, and running `credence` as a child
// process that can be killed. Reads the file with SQLite directly, not through Store, so that a
// damage Store would hide or repair is still seen.
#ifndef CREDENCE_TESTS_CRASH_STORE_STATE_H_
#define CREDENCE_TESTS_CRASH_STORE_STATE_H_

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace credence::testing {

// A fresh, empty folder named after the running test and this process: the
// build machine is shared, and two build trees may run one test at once.
inline std::filesystem::path ScratchDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) /
                              (std::string("credence_") + info->test_suite_name() + "_" + info->name() +
                               "_" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// Runs one query; every row as one string of its columns ("\x1f"-separated).
inline std::vector<std::string> QueryRows(sqlite3* db, const std::string& sql,
                                          const std::string& normalized_column = "") {
  std::vector<std::string> rows;
  sqlite3_stmt* st = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    rows.push_back("(prepare failed: " + std::string(sqlite3_errmsg(db)) + ")");
    return rows;
  }
  int rc = SQLITE_OK;
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    std::string row;
    for (int c = 0; c < sqlite3_column_count(st); ++c) {
      if (c > 0) row += '\x1f';
      if (!normalized_column.empty() && normalized_column == sqlite3_column_name(st, c)) {
        row += "(normalized)";
        continue;
      }
      switch (sqlite3_column_type(st, c)) {
        case SQLITE_NULL:
          row += "NULL";
          break;
        case SQLITE_INTEGER:
          row += "i" + std::to_string(sqlite3_column_int64(st, c));
          break;
        case SQLITE_FLOAT: {
          char buf[40];
          std::snprintf(buf, sizeof buf, "f%.17g", sqlite3_column_double(st, c));
          row += buf;
          break;
        }
        default: {  // text and blobs, byte for byte
          const auto* p = static_cast<const char*>(sqlite3_column_blob(st, c));
          row += "t" + std::string(p == nullptr ? "" : p,
                                   static_cast<std::size_t>(sqlite3_column_bytes(st, c)));
        }
      }
    }
    rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) rows.push_back("(step failed: " + std::string(sqlite3_errmsg(db)) + ")");
  sqlite3_finalize(st);
  return rows;
}

// The result of PRAGMA integrity_check and foreign_key_check on `path`: "ok"
// for a sound store.
inline std::string CheckStore(const std::filesystem::path& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    std::string e = "cannot open: " + std::string(sqlite3_errmsg(db));
    sqlite3_close(db);
    return e;
  }
  std::string out;
  for (const std::string& r : QueryRows(db, "PRAGMA integrity_check")) out += r;
  for (const std::string& r : QueryRows(db, "PRAGMA foreign_key_check")) out += "; fk: " + r;
  sqlite3_close(db);
  return out == "tok" ? "ok" : out;
}

// Every row of every table of the store (sqlite_sequence included), tables by
// name and rows sorted, so equal text <=> equal contents. Columns named
// created_at hold the wall-clock time of a run or fit and read as
// "(normalized)": a command re-run later writes the same state but a
// different time.
inline std::string DumpStore(const std::filesystem::path& path) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return "(cannot open " + path.string() + ")";
  }
  std::string out;
  for (std::string table :
       QueryRows(db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")) {
    table.erase(0, 1);  // the type tag
    std::vector<std::string> rows = QueryRows(db, "SELECT * FROM \"" + table + "\"", "created_at");
    std::sort(rows.begin(), rows.end());
    out += "== " + table + " (" + std::to_string(rows.size()) + " rows)\n";
    for (const std::string& r : rows) out += r + "\n";
  }
  sqlite3_close(db);
  return out;
}

// Copies store `from` (no -wal or -shm beside it) over `to`, removing `to`'s
// -wal and -shm.
inline void CopyStore(const std::filesystem::path& from, const std::filesystem::path& to) {
  for (const char* suffix : {"-wal", "-shm"}) std::filesystem::remove(to.string() + suffix);
  std::filesystem::copy_file(from, to, std::filesystem::copy_options::overwrite_existing);
}

// Starts `credence --db DB --quiet ARGS...` as a child; stdout and stderr go to
// `log` (appended), or /dev/null when empty. Returns its pid.
inline pid_t StartCredence(const std::filesystem::path& db, const std::vector<std::string>& args,
                           const std::filesystem::path& log = {}) {
  std::vector<std::string> all = {CREDENCE_BINARY, "--db", db.string(), "--quiet"};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    int fd = log.empty() ? open("/dev/null", O_WRONLY)
                         : open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    close(fd);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

// Waits for `pid`; its wait status.
inline int Wait(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

}  // namespace credence::testing

#endif  // CREDENCE_TESTS_CRASH_STORE_STATE_H_
