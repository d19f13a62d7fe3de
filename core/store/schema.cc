#include <string>

#include "core/store/schema_internal.h"
#include "core/store/sqlite_internal.h"

namespace credence::store {
namespace {

// Version 1. Column names and enum spellings are persisted: do not rename
// them, since existing stores hold them; add a migration instead.
// Records keep where they were imported from (origin_*), so a later file that
// redefines one can be told where the first definition lives.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE files (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE sources (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  kind           TEXT NOT NULL,
  attributes     TEXT NOT NULL,
  tr_confirmed   INTEGER,
  tr_refuted     INTEGER,
  tr_unresolved  INTEGER,
  origin_file    INTEGER NOT NULL REFERENCES files(id),
  origin_line    INTEGER NOT NULL,
  origin_pointer TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE claims (
  id             TEXT PRIMARY KEY,
  text           TEXT NOT NULL,
  kind           TEXT,
  lang           TEXT,
  made_at        TEXT,
  topic          TEXT,
  attributes     TEXT NOT NULL,
  label_truth    INTEGER,
  label_scale    TEXT,
  label_value    TEXT,
  origin_file    INTEGER NOT NULL REFERENCES files(id),
  origin_line    INTEGER NOT NULL,
  origin_pointer TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE links (
  source         TEXT NOT NULL REFERENCES sources(id),
  claim          TEXT NOT NULL REFERENCES claims(id),
  stance         TEXT NOT NULL,
  mode           TEXT NOT NULL,
  via            TEXT NOT NULL,
  reported_by    TEXT REFERENCES sources(id),
  at             TEXT,
  attributes     TEXT NOT NULL,
  origin_file    INTEGER NOT NULL REFERENCES files(id),
  origin_line    INTEGER NOT NULL,
  origin_pointer TEXT NOT NULL,
  PRIMARY KEY (source, claim)
) WITHOUT ROWID;
CREATE INDEX links_by_claim ON links(claim);
CREATE TABLE evidence (
  claim          TEXT NOT NULL REFERENCES claims(id),
  feature        TEXT NOT NULL,
  value          TEXT NOT NULL,
  note           TEXT,
  origin_file    INTEGER NOT NULL REFERENCES files(id),
  origin_line    INTEGER NOT NULL,
  origin_pointer TEXT NOT NULL,
  PRIMARY KEY (claim, feature)
) WITHOUT ROWID;
CREATE TABLE relations (
  key            TEXT PRIMARY KEY,
  kind           TEXT NOT NULL,
  claims         TEXT NOT NULL,
  origin_file    INTEGER NOT NULL REFERENCES files(id),
  origin_line    INTEGER NOT NULL,
  origin_pointer TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE relation_claims (
  relation TEXT NOT NULL REFERENCES relations(key) ON DELETE CASCADE,
  claim    TEXT NOT NULL REFERENCES claims(id),
  PRIMARY KEY (relation, claim)
) WITHOUT ROWID;
CREATE INDEX relation_claims_by_claim ON relation_claims(claim);
CREATE TABLE runs (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at     TEXT NOT NULL,
  engine         TEXT NOT NULL,
  rules_name     TEXT NOT NULL,
  rules_sha256   TEXT NOT NULL,
  seed           INTEGER NOT NULL,
  fit            TEXT,
  interval_level REAL NOT NULL
);
CREATE TABLE claim_scores (
  run_id                INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  claim_id              TEXT NOT NULL,
  p                     REAL,
  p_raw                 REAL,
  log_odds              REAL,
  lo                    REAL,
  hi                    REAL,
  lines                 INTEGER NOT NULL,
  icd203                TEXT NOT NULL,
  icd203_range          TEXT NOT NULL,
  admiralty_credibility INTEGER NOT NULL,
  politifact            TEXT NOT NULL,
  PRIMARY KEY (run_id, claim_id)
) WITHOUT ROWID;
CREATE TABLE contributions (
  run_id   INTEGER NOT NULL,
  claim_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  kind     TEXT NOT NULL,
  ref      TEXT NOT NULL,
  weight   REAL,
  text     TEXT NOT NULL,
  line     INTEGER NOT NULL,
  PRIMARY KEY (run_id, claim_id, position),
  FOREIGN KEY (run_id, claim_id) REFERENCES claim_scores(run_id, claim_id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE source_ratings (
  run_id    INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  source_id TEXT NOT NULL,
  alpha     REAL,
  beta      REAL,
  mean      REAL,
  admiralty TEXT NOT NULL,
  rules     TEXT NOT NULL,
  PRIMARY KEY (run_id, source_id)
) WITHOUT ROWID;
CREATE TABLE fits (
  name        TEXT PRIMARY KEY,
  created_at  TEXT NOT NULL,
  data_sha256 TEXT NOT NULL,
  json        TEXT NOT NULL
) WITHOUT ROWID;
)sql";

// Version 2: the latest evaluation (`credence eval`) of each run, its metrics
// as core/eval's JSON, for reports to show (docs/store.md).
constexpr const char* kSchemaV2 = R"sql(
CREATE TABLE evaluations (
  run_id     INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  json       TEXT NOT NULL
);
)sql";

// Version 3: import writes records straight into their tables (no staging
// copy), so a record must say which import wrote it: `import_id` (NULL for
// records of imports before version 3) tells a duplicate within the file being
// imported from a record stored before. `imports` numbers the imports.
// Links are keyed claim-first: files list a claim's links together, so new
// links land next to each other, and the claim-side lookups (cycles in
// `via`, scoring) use the key itself; `links_by_claim` goes.
constexpr const char* kSchemaV3 = R"sql(
CREATE TABLE imports (
  id   INTEGER PRIMARY KEY,
  file INTEGER NOT NULL REFERENCES files(id)
);
ALTER TABLE sources ADD COLUMN import_id INTEGER;
ALTER TABLE claims ADD COLUMN import_id INTEGER;
ALTER TABLE evidence ADD COLUMN import_id INTEGER;
ALTER TABLE relations ADD COLUMN import_id INTEGER;
CREATE TABLE links_v2 (
  claim          TEXT NOT NULL REFERENCES claims(id),
  source         TEXT NOT NULL REFERENCES sources(id),
  stance         TEXT NOT NULL,
  mode           TEXT NOT NULL,
  via            TEXT NOT NULL,
  reported_by    TEXT REFERENCES sources(id),
  at             TEXT,
  attributes     TEXT NOT NULL,
  origin_file    INTEGER NOT NULL REFERENCES files(id),
  origin_line    INTEGER NOT NULL,
  origin_pointer TEXT NOT NULL,
  import_id      INTEGER,
  PRIMARY KEY (claim, source)
) WITHOUT ROWID;
INSERT INTO links_v2 (claim, source, stance, mode, via, reported_by, at, attributes,
                      origin_file, origin_line, origin_pointer)
  SELECT claim, source, stance, mode, via, reported_by, at, attributes,
         origin_file, origin_line, origin_pointer FROM links ORDER BY claim, source;
DROP TABLE links;
ALTER TABLE links_v2 RENAME TO links;
)sql";

// Version 4: a run's contributions are packed, one JSON array per claim in
// claim_scores.contributions ([kind, ref, weight, text_id, line] each:
// core/store/contributions_codec_internal.h), and each distinct sentence is
// stored once per run in run_texts. Writing one row per contribution, with
// its sentence, was most of what `credence score` cost on a large store
// (docs/performance.md). `contributions` becomes a view with the old
// table's columns, for anyone who queries the store with SQL (each text
// is a key lookup: a join let the planner scan run_texts once per row).
// Old runs are converted: weights to 17 significant digits (an exact
// round trip), NULL (NaN) to null, an infinity to "inf" / "-inf".
constexpr const char* kSchemaV4 = R"sql(
CREATE TABLE run_texts (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  id     INTEGER NOT NULL,
  text   TEXT NOT NULL,
  PRIMARY KEY (run_id, id)
) WITHOUT ROWID;
ALTER TABLE claim_scores ADD COLUMN contributions TEXT NOT NULL DEFAULT '[]';
INSERT INTO run_texts (run_id, id, text)
  SELECT run_id, row_number() OVER (PARTITION BY run_id ORDER BY text), text
  FROM (SELECT DISTINCT run_id, text FROM contributions);
CREATE INDEX temp_run_texts_by_text ON run_texts(run_id, text);
UPDATE claim_scores AS s SET contributions = (
  SELECT json_group_array(json_array(
           c.kind, c.ref,
           CASE WHEN c.weight IS NULL THEN NULL
                WHEN c.weight > 1.7976931348623157e308 THEN 'inf'
                WHEN c.weight < -1.7976931348623157e308 THEN '-inf'
                ELSE json(printf('%!.17g', c.weight)) END,
           (SELECT t.id FROM run_texts AS t WHERE t.run_id = c.run_id AND t.text = c.text),
           c.line))
  FROM (SELECT * FROM contributions AS k
        WHERE k.run_id = s.run_id AND k.claim_id = s.claim_id ORDER BY k.position) AS c)
WHERE EXISTS (SELECT 1 FROM contributions AS k WHERE k.run_id = s.run_id AND k.claim_id = s.claim_id);
DROP INDEX temp_run_texts_by_text;
DROP TABLE contributions;
CREATE VIEW contributions (run_id, claim_id, position, kind, ref, weight, text, line) AS
  SELECT s.run_id, s.claim_id, CAST(c.key AS INTEGER), c.value ->> 0, c.value ->> 1,
         c.value ->> 2,
         (SELECT t.text FROM run_texts AS t WHERE t.run_id = s.run_id AND t.id = c.value ->> 3),
         c.value ->> 4
  FROM claim_scores AS s, json_each(s.contributions) AS c;
)sql";

// Version 5: a claim's links are one row of claim_links, `links` a JSON
// array of [source, stance, mode, via, reported_by, at, attributes,
// import_id, origin_file, origin_line, origin_pointer] sorted by source, and
// `n` their number (core/store/links_codec_internal.h). SQLite's cost is per
// row, and a claim has a few links: one row per link was most of what import
// and scoring spent in SQLite (docs/performance.md). `links` becomes a view
// with the old table's columns, for anyone who queries the store with SQL.
constexpr const char* kSchemaV5 = R"sql(
CREATE TABLE claim_links (
  claim TEXT PRIMARY KEY REFERENCES claims(id),
  n     INTEGER NOT NULL,
  links TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO claim_links (claim, n, links)
  SELECT claim, count(*),
         json_group_array(json_array(source, stance, mode, json(via), reported_by, at,
                                     json(attributes), import_id, origin_file, origin_line,
                                     origin_pointer))
  FROM (SELECT * FROM links ORDER BY claim, source) GROUP BY claim;
DROP TABLE links;
CREATE VIEW links (claim, source, stance, mode, via, reported_by, at, attributes, origin_file,
                   origin_line, origin_pointer, import_id) AS
  SELECT k.claim, l.value ->> 0, l.value ->> 1, l.value ->> 2, l.value -> 3, l.value ->> 4,
         l.value ->> 5, l.value -> 6, l.value ->> 8, l.value ->> 9, l.value ->> 10,
         l.value ->> 7
  FROM claim_links AS k, json_each(k.links) AS l;
)sql";

// Version 6: one row per claim. The claims row holds the claim's links
// (`n`, `links`: as claim_links held them) and its evidence (`n_evidence`,
// `evidence`: a JSON array of [feature, value, note, import_id, origin_file,
// origin_line, origin_pointer] sorted by feature, the value embedded as the
// canonical JSON it is: core/store/links_codec_internal.h). SQLite's cost
// is per row: import wrote, and `score` read, three rows a claim
// (docs/performance.md). claim_links and the evidence table go; `links`
// and `evidence` are views with the old columns, unrolled from claims.
constexpr const char* kSchemaV6 = R"sql(
ALTER TABLE claims ADD COLUMN n INTEGER NOT NULL DEFAULT 0;
ALTER TABLE claims ADD COLUMN links TEXT NOT NULL DEFAULT '[]';
ALTER TABLE claims ADD COLUMN n_evidence INTEGER NOT NULL DEFAULT 0;
ALTER TABLE claims ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]';
UPDATE claims SET n = k.n, links = k.links FROM claim_links AS k WHERE k.claim = claims.id;
UPDATE claims SET n_evidence = e.n, evidence = e.packed
  FROM (SELECT claim, count(*) AS n,
               json_group_array(json_array(feature, json(value), note, import_id, origin_file,
                                           origin_line, origin_pointer)) AS packed
        FROM (SELECT * FROM evidence ORDER BY claim, feature) GROUP BY claim) AS e
  WHERE e.claim = claims.id;
DROP VIEW links;
DROP TABLE claim_links;
DROP TABLE evidence;
)sql";

// The views of version 6 on: `links` and `evidence` unroll the claims rows'
// arrays into the columns of the tables they were. Created by migration 6
// and again by 7, which rebuilds `claims`.
constexpr const char* kClaimViews = R"sql(
CREATE VIEW links (claim, source, stance, mode, via, reported_by, at, attributes, origin_file,
                   origin_line, origin_pointer, import_id) AS
  SELECT k.id, l.value ->> 0, l.value ->> 1, l.value ->> 2, l.value -> 3, l.value ->> 4,
         l.value ->> 5, l.value -> 6, l.value ->> 8, l.value ->> 9, l.value ->> 10,
         l.value ->> 7
  FROM claims AS k, json_each(k.links) AS l;
CREATE VIEW evidence (claim, feature, value, note, origin_file, origin_line, origin_pointer,
                      import_id) AS
  SELECT k.id, e.value ->> 0, e.value -> 1, e.value ->> 2, e.value ->> 4, e.value ->> 5,
         e.value ->> 6, e.value ->> 3
  FROM claims AS k, json_each(k.evidence) AS e;
)sql";

// Version 7: `claims` has 13 columns instead of 18. SQLite compares the keys
// of an index by its fast path only when the index has at most 13 columns
// (sqlite3VdbeFindCompare), and the key index of a WITHOUT ROWID table holds
// every column: each claim import wrote went through the slow comparison
// (docs/store.md, "Thirteen columns"). `label` (the label's canonical JSON,
// as a case file writes it; NULL: none) replaces label_truth, label_scale and
// label_value; `origin_place` (no type: the JSONL line, an INTEGER, or the
// .json pointer, TEXT; a record has one or the other) replaces origin_line
// and origin_pointer; `n` and `n_evidence`, the element counts of `links`
// and `evidence`, go: their one reader summed them (Store::CountRecords),
// and now reads the store's totals, which `record_counts` keeps (one row,
// updated by each import; counting the arrays' elements instead made
// `score` cost 7 % more). ALTER TABLE cannot
// drop or merge columns in one step, so the table is rebuilt as SQLite's
// documentation says (new table, copy, drop, rename, views again). With
// foreign keys on (a transaction cannot turn them off), dropping `claims`
// would delete its rows one by one and fail on the relation_claims rows
// naming them: those are set aside first and put back after.
constexpr const char* kSchemaV7 = R"sql(
DROP VIEW links;
DROP VIEW evidence;
CREATE TEMP TABLE migrate_relation_claims AS SELECT relation, claim FROM main.relation_claims;
DELETE FROM main.relation_claims;
CREATE TABLE claims_v7 (
  id           TEXT PRIMARY KEY,
  text         TEXT NOT NULL,
  kind         TEXT,
  lang         TEXT,
  made_at      TEXT,
  topic        TEXT,
  attributes   TEXT NOT NULL,
  label        TEXT,
  origin_file  INTEGER NOT NULL REFERENCES files(id),
  origin_place NOT NULL,
  import_id    INTEGER,
  links        TEXT NOT NULL DEFAULT '[]',
  evidence     TEXT NOT NULL DEFAULT '[]'
) WITHOUT ROWID;
INSERT INTO claims_v7 (id, text, kind, lang, made_at, topic, attributes, label, origin_file,
                       origin_place, import_id, links, evidence)
  SELECT id, text, kind, lang, made_at, topic, attributes,
         CASE WHEN label_truth IS NOT NULL THEN iif(label_truth, 'true', 'false')
              WHEN label_scale IS NOT NULL
              THEN '{"scale":' || json_quote(label_scale) || ',"value":' || label_value || '}' END,
         origin_file, iif(origin_pointer = '', origin_line, origin_pointer), import_id, links,
         evidence
  FROM main.claims ORDER BY id;
CREATE TABLE record_counts (
  one      INTEGER PRIMARY KEY CHECK (one = 1),
  claims   INTEGER NOT NULL,
  links    INTEGER NOT NULL,
  evidence INTEGER NOT NULL
);
INSERT INTO record_counts (one, claims, links, evidence)
  SELECT 1, count(*), coalesce(sum(n), 0), coalesce(sum(n_evidence), 0) FROM main.claims;
DROP TABLE main.claims;
ALTER TABLE claims_v7 RENAME TO claims;
INSERT INTO main.relation_claims (relation, claim)
  SELECT relation, claim FROM temp.migrate_relation_claims ORDER BY relation, claim;
DROP TABLE temp.migrate_relation_claims;
)sql";

// The current version as the steps above leave a new store: their CREATE
// statements verbatim, as SQLite keeps them (sqlite_schema, in its order),
// and the rows they add; then kClaimViews, as the steps that rebuild
// `claims` run it. A new store is made from these in one transaction;
// replaying kMigrations re-reads the whole schema at every ALTER, 31 M of
// the 45 M instructions of importing a two-line file into a new store
// (docs/store.md). A new step changes this text too:
// StoreSchema.ANewStoreHasTheSchemaItsMigrationsMake compares the two and
// prints the migrated schema.
constexpr const char* kSchemaCurrent = R"sql(
CREATE TABLE files (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE sources (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  kind           TEXT NOT NULL,
  attributes     TEXT NOT NULL,
  tr_confirmed   INTEGER,
  tr_refuted     INTEGER,
  tr_unresolved  INTEGER,
  origin_file    INTEGER NOT NULL REFERENCES files(id),
  origin_line    INTEGER NOT NULL,
  origin_pointer TEXT NOT NULL
, import_id INTEGER) WITHOUT ROWID;
CREATE TABLE relations (
  key            TEXT PRIMARY KEY,
  kind           TEXT NOT NULL,
  claims         TEXT NOT NULL,
  origin_file    INTEGER NOT NULL REFERENCES files(id),
  origin_line    INTEGER NOT NULL,
  origin_pointer TEXT NOT NULL
, import_id INTEGER) WITHOUT ROWID;
CREATE TABLE relation_claims (
  relation TEXT NOT NULL REFERENCES relations(key) ON DELETE CASCADE,
  claim    TEXT NOT NULL REFERENCES claims(id),
  PRIMARY KEY (relation, claim)
) WITHOUT ROWID;
CREATE INDEX relation_claims_by_claim ON relation_claims(claim);
CREATE TABLE runs (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at     TEXT NOT NULL,
  engine         TEXT NOT NULL,
  rules_name     TEXT NOT NULL,
  rules_sha256   TEXT NOT NULL,
  seed           INTEGER NOT NULL,
  fit            TEXT,
  interval_level REAL NOT NULL
);
CREATE TABLE claim_scores (
  run_id                INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  claim_id              TEXT NOT NULL,
  p                     REAL,
  p_raw                 REAL,
  log_odds              REAL,
  lo                    REAL,
  hi                    REAL,
  lines                 INTEGER NOT NULL,
  icd203                TEXT NOT NULL,
  icd203_range          TEXT NOT NULL,
  admiralty_credibility INTEGER NOT NULL,
  politifact            TEXT NOT NULL, contributions TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (run_id, claim_id)
) WITHOUT ROWID;
CREATE TABLE source_ratings (
  run_id    INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  source_id TEXT NOT NULL,
  alpha     REAL,
  beta      REAL,
  mean      REAL,
  admiralty TEXT NOT NULL,
  rules     TEXT NOT NULL,
  PRIMARY KEY (run_id, source_id)
) WITHOUT ROWID;
CREATE TABLE fits (
  name        TEXT PRIMARY KEY,
  created_at  TEXT NOT NULL,
  data_sha256 TEXT NOT NULL,
  json        TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE evaluations (
  run_id     INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  json       TEXT NOT NULL
);
CREATE TABLE imports (
  id   INTEGER PRIMARY KEY,
  file INTEGER NOT NULL REFERENCES files(id)
);
CREATE TABLE run_texts (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  id     INTEGER NOT NULL,
  text   TEXT NOT NULL,
  PRIMARY KEY (run_id, id)
) WITHOUT ROWID;
CREATE VIEW contributions (run_id, claim_id, position, kind, ref, weight, text, line) AS
  SELECT s.run_id, s.claim_id, CAST(c.key AS INTEGER), c.value ->> 0, c.value ->> 1,
         c.value ->> 2,
         (SELECT t.text FROM run_texts AS t WHERE t.run_id = s.run_id AND t.id = c.value ->> 3),
         c.value ->> 4
  FROM claim_scores AS s, json_each(s.contributions) AS c;
CREATE TABLE "claims" (
  id           TEXT PRIMARY KEY,
  text         TEXT NOT NULL,
  kind         TEXT,
  lang         TEXT,
  made_at      TEXT,
  topic        TEXT,
  attributes   TEXT NOT NULL,
  label        TEXT,
  origin_file  INTEGER NOT NULL REFERENCES files(id),
  origin_place NOT NULL,
  import_id    INTEGER,
  links        TEXT NOT NULL DEFAULT '[]',
  evidence     TEXT NOT NULL DEFAULT '[]'
) WITHOUT ROWID;
CREATE TABLE record_counts (
  one      INTEGER PRIMARY KEY CHECK (one = 1),
  claims   INTEGER NOT NULL,
  links    INTEGER NOT NULL,
  evidence INTEGER NOT NULL
);
INSERT INTO record_counts VALUES (1, 0, 0, 0);
)sql";

struct Migration {
  int to_version;
  const char* sql;
  const char* then = nullptr;  // more SQL run after `sql`, in the same step
};
// Step i takes a store from version to_version - 1 to to_version.
constexpr Migration kMigrations[] = {{1, kSchemaV1}, {2, kSchemaV2}, {3, kSchemaV3},
                                     {4, kSchemaV4}, {5, kSchemaV5}, {6, kSchemaV6, kClaimViews},
                                     {7, kSchemaV7, kClaimViews}};

}  // namespace

Result<int> SchemaVersion(sqlite3* db) {
  auto version = QueryInt(db, "PRAGMA user_version");
  if (!version.ok()) return version.status();
  return static_cast<int>(*version);
}

Result<bool> Migrate(sqlite3* db, const std::function<void(int, int)>& on_upgrade) {
  auto app = QueryInt(db, "PRAGMA application_id");
  if (!app.ok()) return app.status();
  auto version = SchemaVersion(db);
  if (!version.ok()) return version.status();
  if (*app != 0 && *app != kApplicationId) {
    return Status::Incompatible("not a credence store (another program's SQLite file)");
  }
  if (*app == 0 && *version != 0) {
    return Status::Incompatible("not a credence store (another program's SQLite file)");
  }
  if (*version > kSchemaVersion) {
    return Status::Incompatible("store schema version " + std::to_string(*version) +
                                " is newer than this credence reads (" +
                                std::to_string(kSchemaVersion) + "); upgrade credence");
  }
  if (*version >= 1 && *version < kSchemaVersion && on_upgrade) on_upgrade(*version, kSchemaVersion);
  for (const Migration& m : kMigrations) {
    if (m.to_version <= *version) continue;
    auto tx = Transaction::Begin(db);
    if (!tx.ok()) return tx.status();
    // Re-read inside the write lock: another process may have migrated.
    auto now = SchemaVersion(db);
    if (!now.ok()) return now.status();
    if (*now >= m.to_version) continue;
    // A new store: made at the current version in this one transaction.
    bool create = *now == 0;
    if (create) {
      auto tables = QueryInt(db, "SELECT count(*) FROM sqlite_schema");
      if (!tables.ok()) return tables.status();
      if (*tables != 0) {
        return Status::Incompatible("not a credence store (another program's SQLite file)");
      }
      CREDENCE_RETURN_IF_ERROR(Exec(db, kSchemaCurrent));
      CREDENCE_RETURN_IF_ERROR(Exec(db, kClaimViews));
    } else {
      CREDENCE_RETURN_IF_ERROR(Exec(db, m.sql));
      if (m.then != nullptr) CREDENCE_RETURN_IF_ERROR(Exec(db, m.then));
    }
    // PRAGMA takes no parameters; the values are compile-time constants.
    std::string pragma = "PRAGMA application_id = " + std::to_string(kApplicationId) +
                         "; PRAGMA user_version = " +
                         std::to_string(create ? kSchemaVersion : m.to_version);
    CREDENCE_RETURN_IF_ERROR(Exec(db, pragma.c_str()));
    CREDENCE_RETURN_IF_ERROR(tx->Commit());
    if (create) return true;
  }
  return false;
}

}  // namespace credence::store
