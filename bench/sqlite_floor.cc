// What SQLite alone costs for the row shapes credence writes and reads: the
// floor under `credence import` and `credence score` on this machine, for
// weighing the performance targets (docs/performance.md, "The floor").
//
//   sqlite_floor [--claims N] [--dir DIR] [--only PREFIX] [--page-size BYTES]
//                (default: 3240000 /tmp, all shapes but claims-*, 65536)
//
// This program, alone outside core/store/, speaks to SQLite directly: it
// measures SQLite itself, with the store's connection settings
// (core/store/store.cc: 64 KiB pages, WAL, synchronous NORMAL, 64 MiB cache)
// and no credence code in between. Each shape is written to a fresh file in
// one transaction with one prepared statement, then read back by a full scan.
// Per shape it prints rows read back, bytes bound, the CPU seconds (user + system,
// getrusage) and wall seconds of the inserts, of the commit and of the
// close (the WAL checkpoint), and of the scan.
//
// Shapes, N claims each:
//   run-rows     one `claim_scores` row per claim as schema v5 writes it:
//                (run, claim id) key, five doubles, an int, four short
//                verdict texts, a 240-byte contributions text;
//   run-compact  the same with the verdicts as small ints and a 90-byte
//                contributions blob (what a binary encoding would write);
//   run-blocks   the compact rows' bytes, 32 claims to a row;
//   case-3rows   import's rows per claim in schema v5: a claim row, its
//                packed links (240 bytes) and one evidence row;
//   case-1row    the same bytes as one row per claim.
//   claims-CCcol-Rrun  claim rows as import writes them into an empty store
//                (rollback journal, secure_delete off): CC columns (18, as
//                schema v6 had; 13, as schema v7 has: the most for which
//                SQLite compares keys by its fast string path,
//                docs/store.md "Thirteen columns"), ids "c0", "c1", ... in R
//                runs each sorted by id, as R flushes of import's claim
//                cache write them (the 100 MB synthetic file fills it 7
//                times), 16 rows an INSERT OR FAIL. Their order is text
//                order, so each later run's rows go between stored ones.
//                claims-rowid18-Rrun: the same 18 columns in a rowid table
//                with a unique index on id (appends to a rowid table split
//                pages cheaply; the index has two columns).
//                They run only when named: `--only claims-`.
// The values are synthetic (their content does not matter to SQLite's cost,
// only their sizes and key order, which follow the synthetic stores': claim
// ids "c0000000" in key order).
#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fs = std::filesystem;

namespace {

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto sec = [](const timeval& t) { return double(t.tv_sec) + double(t.tv_usec) / 1e6; };
  return sec(u.ru_utime) + sec(u.ru_stime);
}

double WallSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Dies with SQLite's message: a floor measurement has no error to recover from.
void Check(sqlite3* db, int rc, const char* what) {
  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW) return;
  std::fprintf(stderr, "sqlite_floor: %s: %s\n", what, sqlite3_errmsg(db));
  std::exit(1);
}

void Exec(sqlite3* db, const std::string& sql) {
  Check(db, sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), sql.c_str());
}

// One prepared statement, finalized on scope exit.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) : db_(db) {
    Check(db, sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st_, nullptr), sql);
  }
  ~Stmt() { sqlite3_finalize(st_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  sqlite3_stmt* get() { return st_; }
  void Step() {
    Check(db_, sqlite3_step(st_), "step");
    sqlite3_reset(st_);
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
};

struct Shape {
  const char* name;
  std::vector<const char*> schema;  // CREATE TABLE statements
  // Inserts the rows of claims [0, n) through the shape's statements;
  // returns the bytes bound.
  std::function<std::int64_t(sqlite3*, std::int64_t n)> insert;
  // SELECTs that together read everything written (score reads a claim's
  // rows by merging sorted scans of their tables, not by joins).
  std::vector<const char*> scans;
  // Written as import writes into an empty store: a rollback journal and
  // secure_delete off (core/store/sqlite_internal.h, BulkLoad). These
  // shapes run only when --only names them.
  bool bulk_load = false;
};

void BindBytes(sqlite3_stmt* st, int i, const std::string& bytes) {
  sqlite3_bind_blob(st, i, bytes.data(), static_cast<int>(bytes.size()), SQLITE_STATIC);
}

// A buffer of `size` bytes that differs from row to row (so that no page
// compresses or repeats), as text columns hold.
class Filler {
 public:
  explicit Filler(std::size_t size) : bytes_(size, 'x') {}
  const std::string& Next(std::int64_t i) {
    bytes_[static_cast<std::size_t>(i) % bytes_.size()] = static_cast<char>('a' + i % 26);
    return bytes_;
  }

 private:
  std::string bytes_;
};

std::string ClaimId(std::int64_t i) {
  char id[24];
  std::snprintf(id, sizeof id, "c%07lld", static_cast<long long>(i));
  return id;
}

std::int64_t InsertRunRows(sqlite3* db, std::int64_t n, bool compact) {
  Stmt st(db, "INSERT INTO claim_scores VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, 2, ?7, ?8, ?9, ?10, ?11)");
  Filler contributions(compact ? 90 : 240);
  std::int64_t bytes = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    std::string id = ClaimId(i);
    sqlite3_bind_text(st.get(), 1, id.data(), static_cast<int>(id.size()), SQLITE_STATIC);
    for (int k = 2; k <= 6; ++k) sqlite3_bind_double(st.get(), k, 0.5 + double(i % 1000) * 1e-4 * k);
    if (compact) {
      for (int k = 7; k <= 10; ++k) sqlite3_bind_int(st.get(), k, static_cast<int>(i % 6));
    } else {
      sqlite3_bind_text(st.get(), 7, "roughly even chance", -1, SQLITE_STATIC);
      sqlite3_bind_text(st.get(), 8, "45-55%", -1, SQLITE_STATIC);
      sqlite3_bind_text(st.get(), 9, "3", -1, SQLITE_STATIC);
      sqlite3_bind_text(st.get(), 10, "half-true", -1, SQLITE_STATIC);
    }
    const std::string& c = contributions.Next(i);
    BindBytes(st.get(), 11, c);
    st.Step();
    bytes += static_cast<std::int64_t>(id.size() + 5 * 8 + (compact ? 4 : 35) + c.size());
  }
  return bytes;
}

std::int64_t InsertRunBlocks(sqlite3* db, std::int64_t n) {
  constexpr std::int64_t kClaimsPerRow = 32;
  constexpr std::size_t kClaimBytes = 8 + 5 * 8 + 4 + 90;  // id, doubles, verdicts, contributions
  Stmt st(db, "INSERT INTO run_blocks VALUES (1, ?1, ?2, ?3)");
  Filler block(kClaimBytes * kClaimsPerRow);
  std::int64_t bytes = 0;
  for (std::int64_t first = 0; first < n; first += kClaimsPerRow) {
    std::string id = ClaimId(first);
    std::int64_t count = std::min(kClaimsPerRow, n - first);
    sqlite3_bind_text(st.get(), 1, id.data(), static_cast<int>(id.size()), SQLITE_STATIC);
    sqlite3_bind_int64(st.get(), 2, count);
    const std::string& b = block.Next(first);
    sqlite3_bind_blob(st.get(), 3, b.data(), static_cast<int>(kClaimBytes * count), SQLITE_STATIC);
    st.Step();
    bytes += static_cast<std::int64_t>(id.size() + kClaimBytes * count);
  }
  return bytes;
}

// A claim row as import writes it (text 60 bytes, kind, lang, date,
// attributes "{}", origin, import id); then, unless `one_row`, its packed
// links and one evidence record in rows of their own.
std::int64_t InsertCaseRows(sqlite3* db, std::int64_t n, bool one_row) {
  Stmt claim(db, one_row ? "INSERT INTO claims VALUES (?1, ?2, 'event', 'en', '2025-08', '{}', 1, ?3, '', 1, 3, ?4, ?5)"
                         : "INSERT INTO claims VALUES (?1, ?2, 'event', 'en', '2025-08', '{}', 1, ?3, '', 1)");
  std::optional<Stmt> links, evidence;
  if (!one_row) {
    links.emplace(db, "INSERT INTO claim_links VALUES (?1, 3, ?2)");
    evidence.emplace(db, "INSERT INTO evidence VALUES (?1, 'bilingual_original', 'true', NULL, 1, ?2, '', 1)");
  }
  Filler text(60), packed(240), packed_evidence(50);
  std::int64_t bytes = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    std::string id = ClaimId(i);
    const std::string& t = text.Next(i);
    const std::string& l = packed.Next(i);
    sqlite3_bind_text(claim.get(), 1, id.data(), static_cast<int>(id.size()), SQLITE_STATIC);
    sqlite3_bind_text(claim.get(), 2, t.data(), static_cast<int>(t.size()), SQLITE_STATIC);
    sqlite3_bind_int64(claim.get(), 3, 5 * i + 1);
    bytes += static_cast<std::int64_t>(id.size() + t.size() + 30 + l.size() + 50);
    if (one_row) {
      BindBytes(claim.get(), 4, l);
      BindBytes(claim.get(), 5, packed_evidence.Next(i));
      claim.Step();
      continue;
    }
    claim.Step();
    sqlite3_bind_text(links->get(), 1, id.data(), static_cast<int>(id.size()), SQLITE_STATIC);
    BindBytes(links->get(), 2, l);
    links->Step();
    sqlite3_bind_text(evidence->get(), 1, id.data(), static_cast<int>(id.size()), SQLITE_STATIC);
    sqlite3_bind_int64(evidence->get(), 2, 5 * i + 5);
    evidence->Step();
  }
  return bytes;
}

// A claim row of schema v6's size (text 60 bytes, packed links 280, evidence
// 45, then small values) with `columns` columns, ids in `runs` sorted runs,
// `kRows` rows an INSERT OR FAIL (as core/store/import.cc). Returns the
// bytes bound.
std::int64_t InsertClaimRuns(sqlite3* db, std::int64_t n, int columns, int runs) {
  constexpr int kRows = 16;
  std::string sql = "INSERT OR FAIL INTO claims VALUES ";
  for (int r = 0; r < kRows; ++r) {
    sql += r == 0 ? "(" : ",(";
    for (int c = 0; c < columns; ++c) sql += (c == 0 ? "?" : ",?") + std::to_string(r * columns + c + 1);
    sql += ")";
  }
  Stmt st(db, sql.c_str());
  std::vector<std::string> ids(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) ids[static_cast<std::size_t>(i)] = "c" + std::to_string(i);
  const std::int64_t per_run = (n + runs - 1) / runs;
  for (std::int64_t b = 0; b < n; b += per_run) {
    std::sort(ids.begin() + b, ids.begin() + std::min(n, b + per_run));
  }
  Filler text(60), links(280), evidence(45);
  std::int64_t bytes = 0;
  const std::int64_t whole = n - n % kRows;  // the rest is not written
  for (std::int64_t i = 0; i < whole; ++i) {
    const int o = static_cast<int>(i % kRows) * columns;
    const std::string& id = ids[static_cast<std::size_t>(i)];
    sqlite3_bind_text(st.get(), o + 1, id.data(), static_cast<int>(id.size()), SQLITE_STATIC);
    BindBytes(st.get(), o + 2, text.Next(i));
    BindBytes(st.get(), o + 3, links.Next(i));
    BindBytes(st.get(), o + 4, evidence.Next(i));
    for (int c = 5; c <= columns; ++c) {
      if (c % 3 == 0) {
        sqlite3_bind_null(st.get(), o + c);
      } else if (c % 3 == 1) {
        sqlite3_bind_int64(st.get(), o + c, i % 100);
      } else {
        sqlite3_bind_text(st.get(), o + c, "{}", 2, SQLITE_STATIC);
      }
    }
    bytes += static_cast<std::int64_t>(id.size() + 60 + 280 + 45 + 2 * (columns - 4));
    if (i % kRows == kRows - 1) st.Step();
  }
  return bytes;
}

constexpr const char* kRunTable =
    "CREATE TABLE claim_scores (run_id INTEGER, claim_id TEXT, p REAL, p_raw REAL, "
    "log_odds REAL, lo REAL, hi REAL, lines INTEGER, icd203 TEXT, icd203_range TEXT, "
    "admiralty_credibility TEXT, politifact TEXT, contributions TEXT, "
    "PRIMARY KEY (run_id, claim_id)) WITHOUT ROWID";
constexpr const char* kClaimColumns =
    "id TEXT PRIMARY KEY, text TEXT, kind TEXT, lang TEXT, made_at TEXT, attributes TEXT, "
    "origin_file INTEGER, origin_line INTEGER, origin_pointer TEXT, import_id INTEGER";

// CREATE TABLE claims with `columns` columns: the key, then c1, c2, ...;
// WITHOUT ROWID, or a rowid table with a unique index on the key.
std::string ClaimsTable(int columns, bool rowid = false) {
  std::string sql = rowid ? "CREATE TABLE claims (id TEXT NOT NULL UNIQUE"
                          : "CREATE TABLE claims (id TEXT PRIMARY KEY";
  for (int c = 1; c < columns; ++c) sql += ", c" + std::to_string(c);
  return sql + (rowid ? ")" : ") WITHOUT ROWID");
}

std::vector<Shape> Shapes() {
  static const std::string claims3 = std::string("CREATE TABLE claims (") + kClaimColumns + ") WITHOUT ROWID";
  static const std::string claims1 =
      std::string("CREATE TABLE claims (") + kClaimColumns + ", n INTEGER, links TEXT, evidence TEXT) WITHOUT ROWID";
  static const std::string claims18 = ClaimsTable(18);
  static const std::string claims13 = ClaimsTable(13);
  static const std::string claims_rowid = ClaimsTable(18, /*rowid=*/true);
  return {
      {"run-rows", {kRunTable}, [](sqlite3* db, std::int64_t n) { return InsertRunRows(db, n, false); },
       {"SELECT * FROM claim_scores"}},
      {"run-compact", {kRunTable}, [](sqlite3* db, std::int64_t n) { return InsertRunRows(db, n, true); },
       {"SELECT * FROM claim_scores"}},
      {"run-blocks",
       {"CREATE TABLE run_blocks (run_id INTEGER, first_claim TEXT, n INTEGER, claims BLOB, "
        "PRIMARY KEY (run_id, first_claim)) WITHOUT ROWID"},
       InsertRunBlocks, {"SELECT * FROM run_blocks"}},
      {"case-3rows",
       {claims3.c_str(),
        "CREATE TABLE claim_links (claim TEXT PRIMARY KEY, n INTEGER, links TEXT) WITHOUT ROWID",
        "CREATE TABLE evidence (claim TEXT, feature TEXT, value TEXT, note TEXT, origin_file INTEGER, "
        "origin_line INTEGER, origin_pointer TEXT, import_id INTEGER, PRIMARY KEY (claim, feature)) "
        "WITHOUT ROWID"},
       [](sqlite3* db, std::int64_t n) { return InsertCaseRows(db, n, false); },
       {"SELECT * FROM claims", "SELECT * FROM claim_links", "SELECT * FROM evidence"}},
      {"case-1row", {claims1.c_str()}, [](sqlite3* db, std::int64_t n) { return InsertCaseRows(db, n, true); },
       {"SELECT * FROM claims"}},
      {"claims-18col-1run", {claims18.c_str()},
       [](sqlite3* db, std::int64_t n) { return InsertClaimRuns(db, n, 18, 1); }, {"SELECT * FROM claims"}, true},
      {"claims-18col-7run", {claims18.c_str()},
       [](sqlite3* db, std::int64_t n) { return InsertClaimRuns(db, n, 18, 7); }, {"SELECT * FROM claims"}, true},
      {"claims-13col-1run", {claims13.c_str()},
       [](sqlite3* db, std::int64_t n) { return InsertClaimRuns(db, n, 13, 1); }, {"SELECT * FROM claims"}, true},
      {"claims-13col-7run", {claims13.c_str()},
       [](sqlite3* db, std::int64_t n) { return InsertClaimRuns(db, n, 13, 7); }, {"SELECT * FROM claims"}, true},
      {"claims-rowid18-1run", {claims_rowid.c_str()},
       [](sqlite3* db, std::int64_t n) { return InsertClaimRuns(db, n, 18, 1); },
       {"SELECT * FROM claims ORDER BY id"}, true},
      {"claims-rowid18-7run", {claims_rowid.c_str()},
       [](sqlite3* db, std::int64_t n) { return InsertClaimRuns(db, n, 18, 7); },
       {"SELECT * FROM claims ORDER BY id"}, true},
  };
}

// Figures of one shape: writes a fresh file, scans it, removes it.
void Measure(const Shape& shape, std::int64_t claims, const fs::path& dir, long page_size) {
  fs::path file = dir / (std::string("sqlite_floor_") + shape.name + ".db");
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(file.string() + suffix);
  sqlite3* db = nullptr;
  Check(db, sqlite3_open(file.c_str(), &db), "open");
  Exec(db, "PRAGMA page_size = " + std::to_string(page_size));
  if (shape.bulk_load) {
    Exec(db, "PRAGMA journal_mode = DELETE");
    Exec(db, "PRAGMA synchronous = FULL");
    Exec(db, "PRAGMA secure_delete = OFF");
  } else {
    Exec(db, "PRAGMA journal_mode = WAL");
    Exec(db, "PRAGMA synchronous = NORMAL");
  }
  Exec(db, "PRAGMA cache_size = -65536");
  for (const char* sql : shape.schema) Exec(db, sql);

  double c0 = CpuSeconds(), w0 = WallSeconds();
  Exec(db, "BEGIN IMMEDIATE");
  std::int64_t bytes = shape.insert(db, claims);
  double c1 = CpuSeconds(), w1 = WallSeconds();
  Exec(db, "COMMIT");
  double c2 = CpuSeconds(), w2 = WallSeconds();
  Check(db, sqlite3_close(db), "close");
  double w3 = WallSeconds();

  Check(nullptr, sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), "reopen");
  std::int64_t rows = 0, read = 0;
  double c4 = CpuSeconds(), w4 = WallSeconds();
  for (const char* sql : shape.scans) {
    Stmt scan(db, sql);
    int rc;
    while ((rc = sqlite3_step(scan.get())) == SQLITE_ROW) {
      ++rows;
      // The bytes of text and blob columns; a number's bytes would be its
      // conversion to text, which is not what a reader pays.
      for (int i = 0, n = sqlite3_column_count(scan.get()); i < n; ++i) {
        switch (sqlite3_column_type(scan.get(), i)) {
          case SQLITE_TEXT: read += sqlite3_column_bytes(scan.get(), i); break;
          case SQLITE_BLOB: read += sqlite3_column_bytes(scan.get(), i); break;
          case SQLITE_FLOAT: read += 8, (void)sqlite3_column_double(scan.get(), i); break;
          case SQLITE_INTEGER: read += 8, (void)sqlite3_column_int64(scan.get(), i); break;
          default: break;
        }
      }
    }
    Check(db, rc, "scan");
  }
  double c5 = CpuSeconds(), w5 = WallSeconds();
  sqlite3_close(db);
  std::int64_t size = static_cast<std::int64_t>(fs::file_size(file));
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(file.string() + suffix);

  std::printf(
      "%-12s claims %lld rows %lld bound %.0f MB file %.0f MB | insert %.2f cpu %.2f wall | "
      "commit %.2f cpu %.2f wall | close %.2f wall | write total %.2f wall | "
      "scan %.2f cpu %.2f wall (%.0f MB)\n",
      shape.name, static_cast<long long>(claims), static_cast<long long>(rows), bytes / 1e6,
      size / 1e6, c1 - c0, w1 - w0, c2 - c1, w2 - w1, w3 - w2, w3 - w0, c5 - c4, w5 - w4, read / 1e6);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  std::int64_t claims = 3240000;
  fs::path dir = "/tmp";
  std::string only;
  long page_size = 65536;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--claims" && i + 1 < argc) {
      claims = std::atoll(argv[++i]);
    } else if (arg == "--dir" && i + 1 < argc) {
      dir = argv[++i];
    } else if (arg == "--page-size" && i + 1 < argc) {
      page_size = std::atol(argv[++i]);
    } else if (arg == "--only" && i + 1 < argc) {
      only = argv[++i];
    } else {
      std::fprintf(stderr, "usage: sqlite_floor [--claims N] [--dir DIR] [--only PREFIX] [--page-size BYTES]\n");
      return 2;
    }
  }
  if (claims <= 0) {
    std::fprintf(stderr, "sqlite_floor: --claims must be positive\n");
    return 2;
  }
  for (const Shape& shape : Shapes()) {
    const bool named = !only.empty() && std::string_view(shape.name).substr(0, only.size()) == only;
    if (named || (only.empty() && !shape.bulk_load)) Measure(shape, claims, dir, page_size);
  }
  return 0;
}
