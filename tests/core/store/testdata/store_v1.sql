PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE files (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
INSERT INTO files VALUES(1,'examples/putin-early-warning-2019.json');
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
INSERT INTO sources VALUES('indian_columnist','an Indian columnist','expert','{"country":"IN"}',NULL,NULL,NULL,1,0,'/sources/2');
INSERT INTO sources VALUES('japanese_blog','a Japanese blog','blog','{"country":"JP"}',NULL,NULL,NULL,1,0,'/sources/3');
INSERT INTO sources VALUES('putin','Vladimir Putin','official','{"country":"RU"}',NULL,NULL,NULL,1,0,'/sources/0');
INSERT INTO sources VALUES('think_tank','a think tank','think_tank','{}',NULL,NULL,NULL,1,0,'/sources/1');
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
INSERT INTO claims VALUES('putin/early_warning_help','Russia is helping China build a missile attack early-warning system.','event','en','2019-10-03','russia-china-military-cooperation','{"text_ja":"ロシアは中国のミサイル攻撃早期警戒システムの構築を支援している。"}',NULL,NULL,NULL,1,0,'/claims/0');
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
INSERT INTO links VALUES('indian_columnist','putin/early_warning_help','supports','relays','["think_tank"]',NULL,NULL,'{}',1,0,'/links/2');
INSERT INTO links VALUES('japanese_blog','putin/early_warning_help','supports','relays','["indian_columnist"]',NULL,NULL,'{}',1,0,'/links/3');
INSERT INTO links VALUES('putin','putin/early_warning_help','supports','originates','[]',NULL,'2019-10-03','{"named":true}',1,0,'/links/0');
INSERT INTO links VALUES('think_tank','putin/early_warning_help','supports','relays','["putin"]',NULL,NULL,'{}',1,0,'/links/1');
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
DELETE FROM sqlite_sequence;
CREATE INDEX links_by_claim ON links(claim);
CREATE INDEX relation_claims_by_claim ON relation_claims(claim);
COMMIT;
PRAGMA application_id = 1129465156;
PRAGMA user_version = 1;
