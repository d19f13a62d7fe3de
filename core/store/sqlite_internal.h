// RAII over the SQLite C API, private to core/store: the connection, prepared
// statements and transactions, each owning its handle, and the mapping of
// SQLite result codes onto Status. Nothing outside core/store includes
// sqlite3.h.
#ifndef CREDENCE_CORE_STORE_SQLITE_INTERNAL_H_
#define CREDENCE_CORE_STORE_SQLITE_INTERNAL_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/status.h"

namespace credence::store {

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Db = std::unique_ptr<sqlite3, CloseDb>;

struct FinalizeStmt {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

// A Status for SQLite result `rc` on `db`: busy -> kBusy, disk or I/O ->
// kIo, anything else -> kInternal (a query the store got wrong).
Status SqliteError(sqlite3* db, int rc, std::string_view doing);

// One prepared statement. Bind* are 1-based as in SQLite; column readers are
// 0-based. Text columns are returned as UTF-8 bytes, exactly as bound.
class Statement {
 public:
  static Result<Statement> Prepare(sqlite3* db, std::string_view sql);

  Statement& Bind(int i, std::string_view text);
  // Binds without copying: `text` must stay alive and unchanged until the
  // statement's next step is done (the hot path of import binds record
  // fields that outlive the step).
  Statement& BindStatic(int i, std::string_view text);
  Statement& Bind(int i, std::int64_t value);
  Statement& Bind(int i, double value);
  Statement& BindNull(int i);
  Statement& BindOpt(int i, const std::optional<std::string>& text);

  // Steps once: true when a row is ready, false when done.
  Result<bool> Step();
  // Steps to the end (a statement returning no rows) and resets.
  Status Run();
  // Run, but the bound values stay: for a statement whose caller binds
  // every parameter again before each run (the multi-row INSERTs of
  // import's claims and of a run's claim scores), where clearing them only
  // freed what the next binds allocate.
  Status RunAndRebind();
  // The raw result code of one step, for callers that treat a constraint
  // violation as an answer (SQLITE_CONSTRAINT_PRIMARYKEY = duplicate).
  int StepRaw();
  void Reset();

  std::string Text(int col) const;
  // The same bytes without a copy: valid until the statement steps again.
  std::string_view View(int col) const;
  std::optional<std::string> OptText(int col) const;
  std::int64_t Int(int col) const;
  double Real(int col) const;  // NULL (SQLite's NaN) reads as NaN
  bool IsNull(int col) const;

  sqlite3* db() const { return db_; }

 private:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, FinalizeStmt> stmt_;
};

// One row's parameters of a statement that inserts several rows (VALUES
// from ValuesRows): the row's parameter i is the statement's `base` + i.
// Binds as Statement does, so that one row binder serves a single-row
// statement (base 0) and each row of a multi-row one.
class RowBinder {
 public:
  RowBinder(Statement& st, int base) : st_(st), base_(base) {}
  RowBinder& BindStatic(int i, std::string_view text) {
    st_.BindStatic(base_ + i, text);
    return *this;
  }
  RowBinder& Bind(int i, std::int64_t value) {
    st_.Bind(base_ + i, value);
    return *this;
  }
  RowBinder& Bind(int i, double value) {
    st_.Bind(base_ + i, value);
    return *this;
  }
  RowBinder& BindNull(int i) {
    st_.BindNull(base_ + i);
    return *this;
  }

 private:
  Statement& st_;
  int base_;
};

// Runs SQL text with no parameters (schema, pragmas).
Status Exec(sqlite3* db, const char* sql);

// The first column of the first row of SQL text with no parameters, as an
// integer (a pragma's value, a count, an EXISTS); 0 when there is no row.
Result<std::int64_t> QueryInt(sqlite3* db, const char* sql);

// The VALUES list of an INSERT of `rows` rows of `columns` parameters each,
// "(?,?),(?,?)": row r's parameter i (1-based) is number r * columns + i.
std::string ValuesRows(int rows, int columns);

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless Commit()
// succeeded. A store held by another writer past busy_timeout is kBusy.
class Transaction {
 public:
  static Result<Transaction> Begin(sqlite3* db);
  // A read snapshot (deferred BEGIN): never blocks the writer in WAL mode;
  // simply destroyed when the reads are done.
  static Result<Transaction> BeginRead(sqlite3* db);
  Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Status Commit();

 private:
  explicit Transaction(sqlite3* db) : db_(db) {}
  sqlite3* db_;  // null once committed or rolled back
};

// Turns SQLite's per-statement foreign key checks off for a bulk write whose
// writer guarantees the references itself, and back on when destroyed. The
// pragma cannot change inside a transaction: begin this before the
// transaction and end it after.
class ForeignKeysOff {
 public:
  static Result<ForeignKeysOff> Begin(sqlite3* db) {
    CREDENCE_RETURN_IF_ERROR(Exec(db, "PRAGMA foreign_keys = OFF"));
    return ForeignKeysOff(db);
  }
  ForeignKeysOff(ForeignKeysOff&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  ForeignKeysOff& operator=(ForeignKeysOff&&) = delete;
  ~ForeignKeysOff() {
    if (db_ != nullptr) (void)Exec(db_, "PRAGMA foreign_keys = ON");
  }

 private:
  explicit ForeignKeysOff(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

// The settings of one bulk write into a store that holds no case records
// yet (ImportFile), while it lasts:
// - A rollback journal in place of the write-ahead log. In WAL mode every
//   page is written twice, to the log and then, at the checkpoint, into the
//   store; a rollback journal copies only the pages the store held before
//   the write, so into an empty store the data is written once
//   (docs/performance.md, "Written once"). Atomicity is the same: a crash or
//   kill -9 leaves a hot journal that the next connection rolls back.
//   Readers lose only their view of the empty store while the write holds
//   it (they wait, up to the busy timeout). synchronous is FULL, which a
//   rollback journal needs to survive a power cut.
// - secure_delete off (Debian builds SQLite with it on): it zeroes every
//   byte a page split frees, about 3 % of an import's instructions with 64
//   KiB pages, and what such a write frees is only what it wrote itself.
//
// Leaving WAL mode needs that no other connection has the store open: when
// one has, Begin changes nothing and active() is false. The destructor
// restores WAL, synchronous NORMAL and secure_delete; if another connection
// holds the store just then, the next Store::Open restores WAL.
class BulkLoad {
 public:
  static Result<BulkLoad> Begin(sqlite3* db);
  BulkLoad(BulkLoad&& other) noexcept : db_(other.db_), secure_delete_(other.secure_delete_) {
    other.db_ = nullptr;
  }
  BulkLoad& operator=(BulkLoad&&) = delete;
  ~BulkLoad();
  bool active() const { return db_ != nullptr; }

 private:
  BulkLoad(sqlite3* db, std::int64_t secure_delete) : db_(db), secure_delete_(secure_delete) {}
  sqlite3* db_;  // null when the store stayed in WAL mode
  std::int64_t secure_delete_;  // the setting to restore
};

// Sets the connection's journal mode to `mode` ("wal", "delete"). Returns
// false, changing nothing, when another connection's hold on the store
// forbids the change (SQLite refuses it at once, without a busy wait).
Result<bool> SetJournalMode(sqlite3* db, std::string_view mode);

}  // namespace credence::store

#endif  // CREDENCE_CORE_STORE_SQLITE_INTERNAL_H_
