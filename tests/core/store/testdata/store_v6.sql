-- A store as a version-6 build (eda170f) wrote it: store_v5.sql opened and
-- migrated (its records, escapes and NULL import ids kept), then l.jsonl and
-- o.json imported (binary and ordinal labels, a scale with escapes, an
-- object label value, track records, links with via / reported_by / at,
-- evidence with notes, exclusive and implies relations; JSONL lines and
-- .json pointers as origins), then `credence score --threads 1` (run 1) and
-- `credence eval`. store_v6_export.jsonl is that build's export of it.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE files (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
INSERT INTO files VALUES(1,'examples/putin-early-warning-2019.json');
INSERT INTO files VALUES(2,'a.jsonl');
INSERT INTO files VALUES(3,'b.json');
INSERT INTO files VALUES(4,'l.jsonl');
INSERT INTO files VALUES(5,'o.json');
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
INSERT INTO sources VALUES('s_a','Agency A','wire_service','{}',7,1,2,4,2,'',3);
INSERT INTO sources VALUES('s_b','Blog B','blog','{}',NULL,NULL,NULL,4,3,'',3);
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
, import_id INTEGER, n INTEGER NOT NULL DEFAULT 0, links TEXT NOT NULL DEFAULT '[]', n_evidence INTEGER NOT NULL DEFAULT 0, evidence TEXT NOT NULL DEFAULT '[]') WITHOUT ROWID;
INSERT INTO claims VALUES('c1','first claim é 😀',NULL,NULL,'2025-08',NULL,'{}',NULL,NULL,NULL,2,4,'',1,2,'[["sq","refutes","relays",["tokyo"],"think_tank",null,{"k":"a\\b\n😀","n":1.5},1,2,7,""],["tokyo","supports","originates",[],null,"2025-08-05",{},1,2,6,""]]',3,'[["added_later",[1,"two",null,false],null,2,3,0,"/evidence/0"],["image_reverse_search",{"hits":[1,2.5,"x\"y"],"z":null},"note with \"quotes\" and ü",1,2,8,""],["metadata_consistent",true,null,1,2,5,""]]');
INSERT INTO claims VALUES('c2','second','assessment',NULL,NULL,NULL,'{}',NULL,NULL,NULL,2,9,'',1,2,'[["s_a","supports","confirms",[],null,null,{},3,4,11,""],["tokyo","neutral","originates",[],null,null,{},2,3,0,"/links/0"]]',2,'[["a_number",-1.25e-06,null,1,2,10,""],["a_string","ünï\u0001code\t",null,1,2,11,""]]');
INSERT INTO claims VALUES('c3','no links, no evidence',NULL,NULL,NULL,NULL,'{}',NULL,NULL,NULL,2,12,'',1,0,'[]',0,'[]');
INSERT INTO claims VALUES('j_lab','from json',NULL,NULL,NULL,NULL,'{}',NULL,'s','"v"',5,0,'/claims/0',4,1,'[["s_a","neutral","originates",[],null,null,{},4,5,0,"/links/0"]]',1,'[["e",[null],null,4,5,0,"/evidence/0"]]');
INSERT INTO claims VALUES('j_plain','plain json',NULL,NULL,NULL,NULL,'{}',1,NULL,NULL,5,0,'/claims/1',4,0,'[]',0,'[]');
INSERT INTO claims VALUES('l_false','labelled false','event',NULL,NULL,NULL,'{}',0,NULL,NULL,4,5,'',3,0,'[]',0,'[]');
INSERT INTO claims VALUES('l_ord','ordinal label',NULL,NULL,NULL,NULL,'{}',NULL,replace('pf "six"\né','\n',char(10)),'{"a":"x","b":[1,2.5]}',4,6,'',3,1,'[["s_b","supports","assesses",[],null,"2024",{},3,4,10,""]]',1,'[["f1",true,null,3,4,13,""]]');
INSERT INTO claims VALUES('l_ord2','ordinal number',NULL,NULL,NULL,NULL,'{}',NULL,'likert','-3',4,7,'',3,0,'[]',0,'[]');
INSERT INTO claims VALUES('l_true','labelled true',NULL,NULL,NULL,NULL,'{}',1,NULL,NULL,4,4,'',3,2,'[["s_a","supports","firsthand",[],null,null,{"w":1},3,4,8,""],["s_b","refutes","relays",["s_a"],"tokyo",null,{},3,4,9,""]]',1,'[["metadata_consistent",false,"n\u0000x",3,4,12,""]]');
INSERT INTO claims VALUES('putin/early_warning_help','Russia is helping China build a missile attack early-warning system.','event','en','2019-10-03','russia-china-military-cooperation','{"text_ja":"ロシアは中国のミサイル攻撃早期警戒システムの構築を支援している。"}',NULL,NULL,NULL,1,0,'/claims/0',NULL,4,'[["indian_columnist","supports","relays",["think_tank"],null,null,{},null,1,0,"/links/2"],["japanese_blog","supports","relays",["indian_columnist"],null,null,{},null,1,0,"/links/3"],["putin","supports","originates",[],null,"2019-10-03",{"named":true},null,1,0,"/links/0"],["think_tank","supports","relays",["putin"],null,null,{},null,1,0,"/links/1"]]',2,'[["old_feature","v",null,null,1,0,"/evidence/0"],["zz_last",12345678901234,"n",2,3,0,"/evidence/1"]]');
CREATE TABLE relations (
  key            TEXT PRIMARY KEY,
  kind           TEXT NOT NULL,
  claims         TEXT NOT NULL,
  origin_file    INTEGER NOT NULL REFERENCES files(id),
  origin_line    INTEGER NOT NULL,
  origin_pointer TEXT NOT NULL
, import_id INTEGER) WITHOUT ROWID;
INSERT INTO relations VALUES('exclusive(c3,l_false,l_true)','exclusive','["c3","l_false","l_true"]',4,14,'',3);
INSERT INTO relations VALUES('exclusive(j_lab,j_plain)','exclusive','["j_lab","j_plain"]',5,0,'/relations/0',4);
INSERT INTO relations VALUES('implies(l_ord->l_ord2)','implies','["l_ord","l_ord2"]',4,15,'',3);
CREATE TABLE relation_claims (
  relation TEXT NOT NULL REFERENCES relations(key) ON DELETE CASCADE,
  claim    TEXT NOT NULL REFERENCES claims(id),
  PRIMARY KEY (relation, claim)
) WITHOUT ROWID;
INSERT INTO relation_claims VALUES('exclusive(c3,l_false,l_true)','c3');
INSERT INTO relation_claims VALUES('exclusive(j_lab,j_plain)','j_lab');
INSERT INTO relation_claims VALUES('exclusive(j_lab,j_plain)','j_plain');
INSERT INTO relation_claims VALUES('exclusive(c3,l_false,l_true)','l_false');
INSERT INTO relation_claims VALUES('implies(l_ord->l_ord2)','l_ord');
INSERT INTO relation_claims VALUES('implies(l_ord->l_ord2)','l_ord2');
INSERT INTO relation_claims VALUES('exclusive(c3,l_false,l_true)','l_true');
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
INSERT INTO runs VALUES(1,'2026-11-27T00:34:23Z','0.1.0','default','7099ef3d83c391ee0c515bb371622bc8119d07f1087662e15a7f8bcba90ec4f2',0,NULL,0.9000000000000000222);
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
INSERT INTO claim_scores VALUES(1,'c1',0.83182434396358040373,0.83182434396358040373,1.5986122886681097821,0.58234404014393548187,0.94607977225858819192,1,'very likely','very likely, could be likely',2,'true','[["prior","claim.prior.even",0,1,0],["link","tokyo->c1",1.0986122886681098,2,1],["link","sq->c1",0,3,1],["evidence","c1#added_later",0,4,0],["evidence","c1#image_reverse_search",0,5,0],["evidence","c1#metadata_consistent",0.5,6,0]]');
INSERT INTO claim_scores VALUES(1,'c2',0.8375000000000000222,0.8375000000000000222,1.6397432619294296518,0.6360706494879106998,0.93826240758780798945,2,'very likely','very likely, could be likely',2,'true','[["prior","claim.prior.even",0,1,0],["link","s_a->c2",1.3862943611198908,7,1],["rule","source.track_record",0.25344890080953886,8,1],["link","tokyo->c2",0,9,2],["evidence","c2#a_number",0,10,0],["evidence","c2#a_string",0,11,0]]');
INSERT INTO claim_scores VALUES(1,'c3',0.14723229595659631518,0.14723229595659631518,-1.7564755980925257361,0.14723229595659631518,0.14723229595659631518,0,'very unlikely','very unlikely',6,'false','[["prior","claim.prior.even",0,1,0],["relation","exclusive(c3,l_false,l_true)",-1.7564755980925257,12,0]]');
INSERT INTO claim_scores VALUES(1,'j_lab',0.33333333333333331482,0.33333333333333331482,-0.69314718055994528622,0.33333333333333331482,0.33333333333333331482,1,'unlikely','unlikely',5,'barely-true','[["prior","claim.prior.even",0,1,0],["link","s_a->j_lab",0,16,1],["evidence","j_lab#e",0,17,0],["relation","exclusive(j_lab,j_plain)",-0.6931471805599453,18,0]]');
INSERT INTO claim_scores VALUES(1,'j_plain',0.33333333333333331482,0.33333333333333331482,-0.69314718055994528622,0.33333333333333331482,0.33333333333333331482,0,'unlikely','unlikely',6,'barely-true','[["prior","claim.prior.even",0,1,0],["relation","exclusive(j_lab,j_plain)",-0.6931471805599453,18,0]]');
INSERT INTO claim_scores VALUES(1,'l_false',0.14723229595659631518,0.14723229595659631518,-1.7564755980925257361,0.14723229595659631518,0.14723229595659631518,0,'very unlikely','very unlikely',6,'false','[["prior","claim.prior.even",0,1,0],["relation","exclusive(c3,l_false,l_true)",-1.7564755980925257,12,0]]');
INSERT INTO claim_scores VALUES(1,'l_ord',0.33333333333333331482,0.33333333333333331482,-0.69314718055994528622,0.13651468268848623854,0.61259903051388264749,1,'unlikely','unlikely, could be likely or very unlikely',4,'barely-true','[["prior","claim.prior.even",0,1,0],["link","s_b->l_ord",0,19,1],["rule","link.assessment",0,20,1],["evidence","l_ord#f1",0,21,0],["relation","implies(l_ord->l_ord2)",-0.6931471805599453,22,0]]');
INSERT INTO claim_scores VALUES(1,'l_ord2',0.66666666666666662965,0.66666666666666662965,0.69314718055994528622,0.66666666666666662965,0.66666666666666662965,0,'likely','likely',6,'mostly-true','[["prior","claim.prior.even",0,1,0],["relation","implies(l_ord->l_ord2)",0.6931471805599453,23,0]]');
INSERT INTO claim_scores VALUES(1,'l_true',0.55830311213021110994,0.55830311213021110994,0.23427815382126526699,0.30003835511873439001,0.78846066070683074045,1,'likely','likely, could be unlikely',3,'mostly-true','[["prior","claim.prior.even",0,1,0],["link","s_a->l_true",2.079441541679836,13,1],["rule","source.track_record",0.25344890080953864,8,1],["link","s_b->l_true",0,14,1],["evidence","l_true#metadata_consistent",-1,15,0],["relation","exclusive(c3,l_false,l_true)",-1.0986122886681096,12,0]]');
INSERT INTO claim_scores VALUES(1,'putin/early_warning_help',0.6500000000000000222,0.6500000000000000222,0.61903920840622361776,0.33528214693860991513,0.8724134706690147567,1,'likely','likely, could be unlikely or very likely',3,'mostly-true','[["prior","claim.prior.even",0,1,0],["link","putin->putin/early_warning_help",0.6190392084062236,24,1],["link","indian_columnist->putin/early_warning_help",0,25,1],["link","japanese_blog->putin/early_warning_help",0,26,1],["link","think_tank->putin/early_warning_help",0,27,1],["evidence","putin/early_warning_help#old_feature",0,28,0],["evidence","putin/early_warning_help#zz_last",0,29,0]]');
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
INSERT INTO source_ratings VALUES(1,'indian_columnist',2.6000000000000000888,1.3999999999999999111,0.6500000000000000222,'F','["source.kind.other","source.kind.expert"]');
INSERT INTO source_ratings VALUES(1,'japanese_blog',1.5,1.5,0.5,'F','["source.kind.other","source.kind.blog"]');
INSERT INTO source_ratings VALUES(1,'putin',3.9000000000000003552,2.0999999999999996447,0.6500000000000000222,'F','["source.kind.other","source.kind.official"]');
INSERT INTO source_ratings VALUES(1,'s_a',13.400000000000000354,2.5999999999999996447,0.8375000000000000222,'C','["source.kind.other","source.kind.wire_service"]');
INSERT INTO source_ratings VALUES(1,'s_b',1.5,1.5,0.5,'F','["source.kind.other","source.kind.blog"]');
INSERT INTO source_ratings VALUES(1,'sq',1.5,1.5,0.5,'F','["source.kind.other","source.kind.blog"]');
INSERT INTO source_ratings VALUES(1,'think_tank',3.9000000000000003552,2.0999999999999996447,0.6500000000000000222,'F','["source.kind.other","source.kind.think_tank"]');
INSERT INTO source_ratings VALUES(1,'tokyo',6.0,2.0,0.75,'C','["source.kind.other","source.kind.news_outlet"]');
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
INSERT INTO evaluations VALUES(1,'2026-11-27T00:34:28Z','{"format":"credence-eval/1","items":2,"items_correct":1,"accuracy":0.5,"outcomes":3,"brier":0.22040597805698406,"log_loss":0.6135778792776581,"ece":0.41853195016435063,"bins":[{"count":0,"mean_p":0.0,"frequency":0.0},{"count":1,"mean_p":0.14723229595659632,"frequency":0.0},{"count":0,"mean_p":0.0,"frequency":0.0},{"count":1,"mean_p":0.3333333333333333,"frequency":1.0},{"count":0,"mean_p":0.0,"frequency":0.0},{"count":1,"mean_p":0.5583031121302111,"frequency":1.0},{"count":0,"mean_p":0.0,"frequency":0.0},{"count":0,"mean_p":0.0,"frequency":0.0},{"count":0,"mean_p":0.0,"frequency":0.0},{"count":0,"mean_p":0.0,"frequency":0.0}],"ordinal":0,"accuracy_6way":null,"ordinal_mae":null}');
CREATE TABLE imports (
  id   INTEGER PRIMARY KEY,
  file INTEGER NOT NULL REFERENCES files(id)
);
INSERT INTO imports VALUES(1,2);
INSERT INTO imports VALUES(2,3);
INSERT INTO imports VALUES(3,4);
INSERT INTO imports VALUES(4,5);
CREATE TABLE run_texts (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  id     INTEGER NOT NULL,
  text   TEXT NOT NULL,
  PRIMARY KEY (run_id, id)
) WITHOUT ROWID;
INSERT INTO run_texts VALUES(1,1,'Prior: Before any source is heard, a claim is as likely true as false: the engine takes no base rate it cannot justify (judgment).');
INSERT INTO run_texts VALUES(1,2,'Line 1: Tokyo (originates) supports the claim; a news_outlet starts at reliability 0.75 (rule source.kind.news_outlet).');
INSERT INTO run_texts VALUES(1,3,'Line 1: Quote " source repeats this line''s origin (mode relays); a repetition of one origin adds nothing.');
INSERT INTO run_texts VALUES(1,4,'Artifact: added_later: no rule gives this feature a weight.');
INSERT INTO run_texts VALUES(1,5,'Artifact: image_reverse_search: no rule gives this feature a weight.');
INSERT INTO run_texts VALUES(1,6,'Artifact: metadata_consistent: File metadata consistent with the claimed origin is hard to fake in full (judgment). [rule evidence.metadata_consistent]');
INSERT INTO run_texts VALUES(1,7,'Line 1: Agency A (confirms) supports the claim; a wire_service starts at reliability 0.80 (rule source.kind.wire_service).');
INSERT INTO run_texts VALUES(1,8,'Line 1: Agency A: its track record (7 confirmed, 1 refuted) moves reliability 0.80 -> 0.84');
INSERT INTO run_texts VALUES(1,9,'Line 2: Tokyo (originates) takes no stance on the claim; it carries no weight.');
INSERT INTO run_texts VALUES(1,10,'Artifact: a_number: no rule gives this feature a weight.');
INSERT INTO run_texts VALUES(1,11,'Artifact: a_string: no rule gives this feature a weight.');
INSERT INTO run_texts VALUES(1,12,'Relations exclusive(c3,l_false,l_true): rival claims'' evidence lowers this one''s odds (at most one of 3 can be true).');
INSERT INTO run_texts VALUES(1,13,'Line 1: Agency A (firsthand) supports the claim; a wire_service starts at reliability 0.80 (rule source.kind.wire_service).');
INSERT INTO run_texts VALUES(1,14,'Line 1: Blog B repeats this line''s origin (mode relays); a repetition of one origin adds nothing.');
INSERT INTO run_texts VALUES(1,15,'Artifact: metadata_consistent (n');
INSERT INTO run_texts VALUES(1,16,'Line 1: Agency A (originates) takes no stance on the claim; it carries no weight.');
INSERT INTO run_texts VALUES(1,17,'Artifact: e: no rule gives this feature a weight.');
INSERT INTO run_texts VALUES(1,18,'Relations exclusive(j_lab,j_plain): rival claims'' evidence lowers this one''s odds (at most one of 2 can be true).');
INSERT INTO run_texts VALUES(1,19,'Line 1: Blog B (assesses) supports the claim; a blog starts at reliability 0.50 (rule source.kind.blog).');
INSERT INTO run_texts VALUES(1,20,'Line 1: An analyst''s judgment is inference, not observation (judgment). (x0.70)');
INSERT INTO run_texts VALUES(1,21,'Artifact: f1: no rule gives this feature a weight.');
INSERT INTO run_texts VALUES(1,22,'Relations implies(l_ord->l_ord2): what is known of the related claims lowers this one''s odds (exact over 2 related claims).');
INSERT INTO run_texts VALUES(1,23,'Relations implies(l_ord->l_ord2): what is known of the related claims raises this one''s odds (exact over 2 related claims).');
INSERT INTO run_texts VALUES(1,24,'Line 1: Vladimir Putin (originates) supports the claim; an official starts at reliability 0.65 (rule source.kind.official).');
INSERT INTO run_texts VALUES(1,25,'Line 1: an Indian columnist repeats this line''s origin (mode relays); a repetition of one origin adds nothing.');
INSERT INTO run_texts VALUES(1,26,'Line 1: a Japanese blog repeats this line''s origin (mode relays); a repetition of one origin adds nothing.');
INSERT INTO run_texts VALUES(1,27,'Line 1: a think tank repeats this line''s origin (mode relays); a repetition of one origin adds nothing.');
INSERT INTO run_texts VALUES(1,28,'Artifact: old_feature: no rule gives this feature a weight.');
INSERT INTO run_texts VALUES(1,29,'Artifact: zz_last: no rule gives this feature a weight.');
DELETE FROM sqlite_sequence;
INSERT INTO sqlite_sequence VALUES('runs',1);
CREATE INDEX relation_claims_by_claim ON relation_claims(claim);
CREATE VIEW contributions (run_id, claim_id, position, kind, ref, weight, text, line) AS
  SELECT s.run_id, s.claim_id, CAST(c.key AS INTEGER), c.value ->> 0, c.value ->> 1,
         c.value ->> 2,
         (SELECT t.text FROM run_texts AS t WHERE t.run_id = s.run_id AND t.id = c.value ->> 3),
         c.value ->> 4
  FROM claim_scores AS s, json_each(s.contributions) AS c;
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
COMMIT;
PRAGMA application_id = 1129465156;
PRAGMA user_version = 6;
