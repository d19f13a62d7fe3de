-- A store as a version-5 build (6b22b31) wrote it: store_v1.sql opened and
-- migrated, then a JSONL file and a .json file imported (escapes, scripts,
-- every JSON value type, notes, evidence added by the second file to a
-- claim of the first), and one evidence row without import id (as written
-- before version 3) added by hand. store_v5_export.jsonl is that build's
-- export of it.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE files (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
INSERT INTO files VALUES(1,'examples/putin-early-warning-2019.json');
INSERT INTO files VALUES(2,'a.jsonl');
INSERT INTO files VALUES(3,'b.json');
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
INSERT INTO sources VALUES('indian_columnist','an Indian columnist','expert','{"country":"IN"}',NULL,NULL,NULL,1,0,'/sources/2',NULL);
INSERT INTO sources VALUES('japanese_blog','a Japanese blog','blog','{"country":"JP"}',NULL,NULL,NULL,1,0,'/sources/3',NULL);
INSERT INTO sources VALUES('putin','Vladimir Putin','official','{"country":"RU"}',NULL,NULL,NULL,1,0,'/sources/0',NULL);
INSERT INTO sources VALUES('sq','Quote " source','blog','{}',NULL,NULL,NULL,2,2,'',1);
INSERT INTO sources VALUES('think_tank','a think tank','think_tank','{}',NULL,NULL,NULL,1,0,'/sources/1',NULL);
INSERT INTO sources VALUES('tokyo','Tokyo','news_outlet','{"country":"JP"}',NULL,NULL,NULL,2,3,'',1);
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
, import_id INTEGER) WITHOUT ROWID;
INSERT INTO claims VALUES('c1','first claim é 😀',NULL,NULL,'2025-08',NULL,'{}',NULL,NULL,NULL,2,4,'',1);
INSERT INTO claims VALUES('c2','second','assessment',NULL,NULL,NULL,'{}',NULL,NULL,NULL,2,9,'',1);
INSERT INTO claims VALUES('c3','no links, no evidence',NULL,NULL,NULL,NULL,'{}',NULL,NULL,NULL,2,12,'',1);
INSERT INTO claims VALUES('putin/early_warning_help','Russia is helping China build a missile attack early-warning system.','event','en','2019-10-03','russia-china-military-cooperation','{"text_ja":"ロシアは中国のミサイル攻撃早期警戒システムの構築を支援している。"}',NULL,NULL,NULL,1,0,'/claims/0',NULL);
CREATE TABLE evidence (
  claim          TEXT NOT NULL REFERENCES claims(id),
  feature        TEXT NOT NULL,
  value          TEXT NOT NULL,
  note           TEXT,
  origin_file    INTEGER NOT NULL REFERENCES files(id),
  origin_line    INTEGER NOT NULL,
  origin_pointer TEXT NOT NULL, import_id INTEGER,
  PRIMARY KEY (claim, feature)
) WITHOUT ROWID;
INSERT INTO evidence VALUES('c1','added_later','[1,"two",null,false]',NULL,3,0,'/evidence/0',2);
INSERT INTO evidence VALUES('c1','image_reverse_search','{"hits":[1,2.5,"x\"y"],"z":null}','note with "quotes" and ü',2,8,'',1);
INSERT INTO evidence VALUES('c1','metadata_consistent','true',NULL,2,5,'',1);
INSERT INTO evidence VALUES('c2','a_number','-1.25e-06',NULL,2,10,'',1);
INSERT INTO evidence VALUES('c2','a_string','"ünï\u0001code\t"',NULL,2,11,'',1);
INSERT INTO evidence VALUES('putin/early_warning_help','old_feature','"v"',NULL,1,0,'/evidence/0',NULL);
INSERT INTO evidence VALUES('putin/early_warning_help','zz_last','12345678901234','n',3,0,'/evidence/1',2);
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
INSERT INTO imports VALUES(1,2);
INSERT INTO imports VALUES(2,3);
CREATE TABLE run_texts (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  id     INTEGER NOT NULL,
  text   TEXT NOT NULL,
  PRIMARY KEY (run_id, id)
) WITHOUT ROWID;
CREATE TABLE claim_links (
  claim TEXT PRIMARY KEY REFERENCES claims(id),
  n     INTEGER NOT NULL,
  links TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO claim_links VALUES('c1',2,'[["sq","refutes","relays",["tokyo"],"think_tank",null,{"k":"a\\b\n😀","n":1.5},1,2,7,""],["tokyo","supports","originates",[],null,"2025-08-05",{},1,2,6,""]]');
INSERT INTO claim_links VALUES('c2',1,'[["tokyo","neutral","originates",[],null,null,{},2,3,0,"/links/0"]]');
INSERT INTO claim_links VALUES('putin/early_warning_help',4,'[["indian_columnist","supports","relays",["think_tank"],null,null,{},null,1,0,"/links/2"],["japanese_blog","supports","relays",["indian_columnist"],null,null,{},null,1,0,"/links/3"],["putin","supports","originates",[],null,"2019-10-03",{"named":true},null,1,0,"/links/0"],["think_tank","supports","relays",["putin"],null,null,{},null,1,0,"/links/1"]]');
DELETE FROM sqlite_sequence;
CREATE INDEX relation_claims_by_claim ON relation_claims(claim);
CREATE VIEW contributions (run_id, claim_id, position, kind, ref, weight, text, line) AS
  SELECT s.run_id, s.claim_id, CAST(c.key AS INTEGER), c.value ->> 0, c.value ->> 1,
         c.value ->> 2,
         (SELECT t.text FROM run_texts AS t WHERE t.run_id = s.run_id AND t.id = c.value ->> 3),
         c.value ->> 4
  FROM claim_scores AS s, json_each(s.contributions) AS c;
CREATE VIEW links (claim, source, stance, mode, via, reported_by, at, attributes, origin_file,
                   origin_line, origin_pointer, import_id) AS
  SELECT k.claim, l.value ->> 0, l.value ->> 1, l.value ->> 2, l.value -> 3, l.value ->> 4,
         l.value ->> 5, l.value -> 6, l.value ->> 8, l.value ->> 9, l.value ->> 10,
         l.value ->> 7
  FROM claim_links AS k, json_each(k.links) AS l;
COMMIT;
PRAGMA application_id = 1129465156;
PRAGMA user_version = 5;
