#include "core/store/sqlite_internal.h"

#include <limits>

namespace credence::store {

Status SqliteError(sqlite3* db, int rc, std::string_view doing) {
  std::string msg = std::string(doing) + ": " +
                    (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::Busy("store busy: another process holds the store (" + msg + ")");
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_NOMEM:
      return Status::Io(msg);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::Incompatible("not a readable credence store: " + msg);
    default:
      return Status::Internal(msg);
  }
}

Result<Statement> Statement::Prepare(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db, rc, "prepare");
  return Statement(db, stmt);
}

Statement& Statement::Bind(int i, std::string_view text) {
  sqlite3_bind_text(stmt_.get(), i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::BindStatic(int i, std::string_view text) {
  sqlite3_bind_text(stmt_.get(), i, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  return *this;
}
Statement& Statement::Bind(int i, std::int64_t value) {
  sqlite3_bind_int64(stmt_.get(), i, value);
  return *this;
}
Statement& Statement::Bind(int i, double value) {
  sqlite3_bind_double(stmt_.get(), i, value);
  return *this;
}
Statement& Statement::BindNull(int i) {
  sqlite3_bind_null(stmt_.get(), i);
  return *this;
}
Statement& Statement::BindOpt(int i, const std::optional<std::string>& text) {
  return text ? Bind(i, std::string_view(*text)) : BindNull(i);
}

int Statement::StepRaw() { return sqlite3_step(stmt_.get()); }

Result<bool> Statement::Step() {
  int rc = StepRaw();
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  Status s = SqliteError(db_, rc, "query");
  Reset();
  return s;
}

Status Statement::Run() {
  Status s = RunAndRebind();
  sqlite3_clear_bindings(stmt_.get());
  return s;
}

Status Statement::RunAndRebind() {
  int rc = StepRaw();
  sqlite3_reset(stmt_.get());
  if (rc == SQLITE_DONE || rc == SQLITE_ROW) return Status::Ok();
  return SqliteError(db_, rc, "write");
}

void Statement::Reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

std::string Statement::Text(int col) const { return std::string(View(col)); }
std::string_view Statement::View(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_.get(), col));
  int n = sqlite3_column_bytes(stmt_.get(), col);
  return p == nullptr ? std::string_view() : std::string_view(p, static_cast<std::size_t>(n));
}
std::optional<std::string> Statement::OptText(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Text(col);
}
std::int64_t Statement::Int(int col) const { return sqlite3_column_int64(stmt_.get(), col); }
double Statement::Real(int col) const {
  if (IsNull(col)) return std::numeric_limits<double>::quiet_NaN();
  return sqlite3_column_double(stmt_.get(), col);
}
bool Statement::IsNull(int col) const {
  return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL;
}

std::string ValuesRows(int rows, int columns) {
  std::string one = "(";
  for (int i = 0; i < columns; ++i) one += i == 0 ? "?" : ",?";
  one += ")";
  std::string values;
  for (int r = 0; r < rows; ++r) {
    if (r > 0) values += ',';
    values += one;
  }
  return values;
}

Result<std::int64_t> QueryInt(sqlite3* db, const char* sql) {
  auto st = Statement::Prepare(db, sql);
  if (!st.ok()) return st.status();
  auto row = st->Step();
  if (!row.ok()) return row.status();
  return *row ? st->Int(0) : 0;
}

Status Exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
  sqlite3_free(err);
  if (rc != SQLITE_OK) return SqliteError(db, rc, "exec");
  return Status::Ok();
}

Result<Transaction> Transaction::Begin(sqlite3* db) {
  CREDENCE_RETURN_IF_ERROR(Exec(db, "BEGIN IMMEDIATE"));
  return Transaction(db);
}

Result<Transaction> Transaction::BeginRead(sqlite3* db) {
  CREDENCE_RETURN_IF_ERROR(Exec(db, "BEGIN"));
  return Transaction(db);
}

Transaction::~Transaction() {
  if (db_ != nullptr) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}

Status Transaction::Commit() {
  Status s = Exec(db_, "COMMIT");
  if (s.ok()) db_ = nullptr;
  return s;
}

Result<bool> SetJournalMode(sqlite3* db, std::string_view mode) {
  // PRAGMA takes no parameters; callers pass a constant mode name.
  std::string sql = "PRAGMA journal_mode = " + std::string(mode);
  auto st = Statement::Prepare(db, sql);
  if (!st.ok()) return st.status();
  int rc = st->StepRaw();
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) return false;
  if (rc != SQLITE_ROW) return SqliteError(db, rc, "journal mode");
  // The pragma answers the mode now in force.
  return st->View(0) == mode;
}

Result<BulkLoad> BulkLoad::Begin(sqlite3* db) {
  auto secure_delete = QueryInt(db, "PRAGMA secure_delete");
  if (!secure_delete.ok()) return secure_delete.status();
  auto changed = SetJournalMode(db, "delete");
  if (!changed.ok()) return changed.status();
  if (!*changed) return BulkLoad(nullptr, *secure_delete);
  BulkLoad load(db, *secure_delete);
  CREDENCE_RETURN_IF_ERROR(Exec(db, "PRAGMA synchronous = FULL; PRAGMA secure_delete = OFF"));
  return load;
}

BulkLoad::~BulkLoad() {
  if (db_ == nullptr) return;
  (void)SetJournalMode(db_, "wal");
  // PRAGMA takes no parameters; the value is one SQLite gave.
  const std::string restore = "PRAGMA synchronous = NORMAL; PRAGMA secure_delete = " +
                              std::to_string(secure_delete_);
  (void)Exec(db_, restore.c_str());
}

}  // namespace credence::store
