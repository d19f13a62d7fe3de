#include <algorithm>
#include <map>
#include <array>
#include <string>
#include <vector>

#include "core/ingest/case_reader.h"
#include "core/ingest/case_writer.h"
#include "core/store/import_internal.h"
#include "core/store/sqlite_internal.h"

namespace credence::store {
namespace {

// Staging tables: one file's records before they are checked and merged.
// TEMP tables live in SQLite's temp file (temp_store = FILE), so a huge file
// costs disk, not memory. Primary keys make a duplicate within the file an
// insert-time constraint violation.
constexpr const char* kStagingSchema = R"sql(
CREATE TEMP TABLE IF NOT EXISTS stg_sources (
  id TEXT PRIMARY KEY, name TEXT, kind TEXT, attributes TEXT,
  tr_confirmed INTEGER, tr_refuted INTEGER, tr_unresolved INTEGER,
  line INTEGER, pointer TEXT) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS stg_claims (
  id TEXT PRIMARY KEY, text TEXT, kind TEXT, lang TEXT, made_at TEXT, topic TEXT,
  attributes TEXT, label_truth INTEGER, label_scale TEXT, label_value TEXT,
  line INTEGER, pointer TEXT) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS stg_links (
  source TEXT, claim TEXT, stance TEXT, mode TEXT, via TEXT, reported_by TEXT, at TEXT,
  attributes TEXT, line INTEGER, pointer TEXT, PRIMARY KEY (claim, source)) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS stg_evidence (
  claim TEXT, feature TEXT, value TEXT, note TEXT, line INTEGER, pointer TEXT,
  PRIMARY KEY (claim, feature)) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS stg_relations (
  key TEXT PRIMARY KEY, kind TEXT, claims TEXT, line INTEGER, pointer TEXT) WITHOUT ROWID;
DELETE FROM stg_sources; DELETE FROM stg_claims; DELETE FROM stg_links;
DELETE FROM stg_evidence; DELETE FROM stg_relations;
)sql";

// The five record types, each with its staging insert, the lookup of an
// earlier record of the same key in the file, the query of staged records
// that differ from stored ones, the count of new ones, and the merge.
struct TableSql {
  const char* noun;  // in messages
  const char* stage;
  const char* first_in_file;  // key params -> line, pointer
  const char* differing;      // -> key text, line, pointer, origin file, line, pointer
  const char* count_new;
  const char* merge;  // ?1 = file id
};

constexpr TableSql kSources = {
    "source",
    "INSERT INTO stg_sources VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    "SELECT line, pointer FROM stg_sources WHERE id = ?1",
    "SELECT s.id, s.line, s.pointer, f.name, m.origin_line, m.origin_pointer "
    "FROM stg_sources s JOIN main.sources m ON m.id = s.id JOIN main.files f ON f.id = m.origin_file "
    "WHERE s.name IS NOT m.name OR s.kind IS NOT m.kind OR s.attributes IS NOT m.attributes "
    "OR s.tr_confirmed IS NOT m.tr_confirmed OR s.tr_refuted IS NOT m.tr_refuted "
    "OR s.tr_unresolved IS NOT m.tr_unresolved ORDER BY s.line, s.pointer",
    "SELECT count(*) FROM stg_sources s WHERE NOT EXISTS "
    "(SELECT 1 FROM main.sources m WHERE m.id = s.id)",
    "INSERT INTO main.sources (id, name, kind, attributes, tr_confirmed, tr_refuted, "
    "tr_unresolved, origin_file, origin_line, origin_pointer) "
    "SELECT id, name, kind, attributes, tr_confirmed, tr_refuted, tr_unresolved, ?1, line, "
    "pointer FROM stg_sources WHERE true "
    "ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
    "attributes = excluded.attributes, tr_confirmed = excluded.tr_confirmed, "
    "tr_refuted = excluded.tr_refuted, tr_unresolved = excluded.tr_unresolved, "
    "origin_file = excluded.origin_file, origin_line = excluded.origin_line, "
    "origin_pointer = excluded.origin_pointer "
    "WHERE name IS NOT excluded.name OR kind IS NOT excluded.kind "
    "OR attributes IS NOT excluded.attributes OR tr_confirmed IS NOT excluded.tr_confirmed "
    "OR tr_refuted IS NOT excluded.tr_refuted OR tr_unresolved IS NOT excluded.tr_unresolved",
};

constexpr TableSql kClaims = {
    "claim",
    "INSERT INTO stg_claims VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    "SELECT line, pointer FROM stg_claims WHERE id = ?1",
    "SELECT s.id, s.line, s.pointer, f.name, m.origin_line, m.origin_pointer "
    "FROM stg_claims s JOIN main.claims m ON m.id = s.id JOIN main.files f ON f.id = m.origin_file "
    "WHERE s.text IS NOT m.text OR s.kind IS NOT m.kind OR s.lang IS NOT m.lang "
    "OR s.made_at IS NOT m.made_at OR s.topic IS NOT m.topic OR s.attributes IS NOT m.attributes "
    "OR s.label_truth IS NOT m.label_truth OR s.label_scale IS NOT m.label_scale "
    "OR s.label_value IS NOT m.label_value ORDER BY s.line, s.pointer",
    "SELECT count(*) FROM stg_claims s WHERE NOT EXISTS "
    "(SELECT 1 FROM main.claims m WHERE m.id = s.id)",
    "INSERT INTO main.claims (id, text, kind, lang, made_at, topic, attributes, label_truth, "
    "label_scale, label_value, origin_file, origin_line, origin_pointer) "
    "SELECT id, text, kind, lang, made_at, topic, attributes, label_truth, label_scale, "
    "label_value, ?1, line, pointer FROM stg_claims WHERE true "
    "ON CONFLICT (id) DO UPDATE SET text = excluded.text, kind = excluded.kind, "
    "lang = excluded.lang, made_at = excluded.made_at, topic = excluded.topic, "
    "attributes = excluded.attributes, label_truth = excluded.label_truth, "
    "label_scale = excluded.label_scale, label_value = excluded.label_value, "
    "origin_file = excluded.origin_file, origin_line = excluded.origin_line, "
    "origin_pointer = excluded.origin_pointer "
    "WHERE text IS NOT excluded.text OR kind IS NOT excluded.kind OR lang IS NOT excluded.lang "
    "OR made_at IS NOT excluded.made_at OR topic IS NOT excluded.topic "
    "OR attributes IS NOT excluded.attributes OR label_truth IS NOT excluded.label_truth "
    "OR label_scale IS NOT excluded.label_scale OR label_value IS NOT excluded.label_value",
};

constexpr TableSql kLinks = {
    "link",
    "INSERT INTO stg_links VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    "SELECT line, pointer FROM stg_links WHERE source = ?1 AND claim = ?2",
    "SELECT s.source || '->' || s.claim, s.line, s.pointer, f.name, m.origin_line, "
    "m.origin_pointer FROM stg_links s JOIN main.links m ON m.source = s.source "
    "AND m.claim = s.claim JOIN main.files f ON f.id = m.origin_file "
    "WHERE s.stance IS NOT m.stance OR s.mode IS NOT m.mode OR s.via IS NOT m.via "
    "OR s.reported_by IS NOT m.reported_by OR s.at IS NOT m.at "
    "OR s.attributes IS NOT m.attributes ORDER BY s.line, s.pointer",
    "SELECT count(*) FROM stg_links s WHERE NOT EXISTS "
    "(SELECT 1 FROM main.links m WHERE m.source = s.source AND m.claim = s.claim)",
    "INSERT INTO main.links (source, claim, stance, mode, via, reported_by, at, attributes, "
    "origin_file, origin_line, origin_pointer) "
    "SELECT source, claim, stance, mode, via, reported_by, at, attributes, ?1, line, pointer "
    "FROM stg_links WHERE true "
    "ON CONFLICT (source, claim) DO UPDATE SET stance = excluded.stance, mode = excluded.mode, "
    "via = excluded.via, reported_by = excluded.reported_by, at = excluded.at, "
    "attributes = excluded.attributes, origin_file = excluded.origin_file, "
    "origin_line = excluded.origin_line, origin_pointer = excluded.origin_pointer "
    "WHERE stance IS NOT excluded.stance OR mode IS NOT excluded.mode "
    "OR via IS NOT excluded.via OR reported_by IS NOT excluded.reported_by "
    "OR at IS NOT excluded.at OR attributes IS NOT excluded.attributes",
};

constexpr TableSql kEvidence = {
    "evidence",
    "INSERT INTO stg_evidence VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    "SELECT line, pointer FROM stg_evidence WHERE claim = ?1 AND feature = ?2",
    "SELECT s.claim || '#' || s.feature, s.line, s.pointer, f.name, m.origin_line, "
    "m.origin_pointer FROM stg_evidence s JOIN main.evidence m ON m.claim = s.claim "
    "AND m.feature = s.feature JOIN main.files f ON f.id = m.origin_file "
    "WHERE s.value IS NOT m.value OR s.note IS NOT m.note ORDER BY s.line, s.pointer",
    "SELECT count(*) FROM stg_evidence s WHERE NOT EXISTS "
    "(SELECT 1 FROM main.evidence m WHERE m.claim = s.claim AND m.feature = s.feature)",
    "INSERT INTO main.evidence (claim, feature, value, note, origin_file, origin_line, "
    "origin_pointer) SELECT claim, feature, value, note, ?1, line, pointer FROM stg_evidence "
    "WHERE true ON CONFLICT (claim, feature) DO UPDATE SET value = excluded.value, "
    "note = excluded.note, origin_file = excluded.origin_file, "
    "origin_line = excluded.origin_line, origin_pointer = excluded.origin_pointer "
    "WHERE value IS NOT excluded.value OR note IS NOT excluded.note",
};

// A relation's key is its whole content, so a relation is never redefined.
constexpr TableSql kRelations = {
    "relation",
    "INSERT INTO stg_relations VALUES (?1, ?2, ?3, ?4, ?5)",
    "SELECT line, pointer FROM stg_relations WHERE key = ?1",
    "SELECT NULL, NULL, NULL, NULL, NULL, NULL WHERE false",
    "SELECT count(*) FROM stg_relations s WHERE NOT EXISTS "
    "(SELECT 1 FROM main.relations m WHERE m.key = s.key)",
    "INSERT INTO main.relations (key, kind, claims, origin_file, origin_line, origin_pointer) "
    "SELECT key, kind, claims, ?1, line, pointer FROM stg_relations WHERE true "
    "ON CONFLICT (key) DO NOTHING",
};

constexpr const TableSql* kTables[] = {&kSources, &kClaims, &kLinks, &kEvidence, &kRelations};

constexpr const char* kMergeRelationClaims =
    "INSERT OR IGNORE INTO main.relation_claims (relation, claim) "
    "SELECT s.key, j.value FROM stg_relations s, json_each(s.claims) j";

// Every reference of the file that names neither a record of the file nor
// one of the store: line, pointer, record id, field pointer, missing id, noun.
constexpr const char* kDangling = R"sql(
SELECT line, pointer, source || '->' || claim, '/source', source, 'source' FROM stg_links s
 WHERE NOT EXISTS (SELECT 1 FROM stg_sources WHERE id = s.source)
   AND NOT EXISTS (SELECT 1 FROM main.sources WHERE id = s.source)
UNION ALL
SELECT line, pointer, source || '->' || claim, '/claim', claim, 'claim' FROM stg_links s
 WHERE NOT EXISTS (SELECT 1 FROM stg_claims WHERE id = s.claim)
   AND NOT EXISTS (SELECT 1 FROM main.claims WHERE id = s.claim)
UNION ALL
SELECT line, pointer, source || '->' || claim, '/reported_by', reported_by, 'source'
  FROM stg_links s
 WHERE reported_by IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM stg_sources WHERE id = s.reported_by)
   AND NOT EXISTS (SELECT 1 FROM main.sources WHERE id = s.reported_by)
UNION ALL
SELECT s.line, s.pointer, s.source || '->' || s.claim, '/via/' || j.key, j.value, 'source'
  FROM stg_links s, json_each(s.via) j
 WHERE s.via <> '[]'
   AND NOT EXISTS (SELECT 1 FROM stg_sources WHERE id = j.value)
   AND NOT EXISTS (SELECT 1 FROM main.sources WHERE id = j.value)
UNION ALL
SELECT line, pointer, claim || '#' || feature, '/claim', claim, 'claim' FROM stg_evidence s
 WHERE NOT EXISTS (SELECT 1 FROM stg_claims WHERE id = s.claim)
   AND NOT EXISTS (SELECT 1 FROM main.claims WHERE id = s.claim)
UNION ALL
SELECT s.line, s.pointer, s.key,
       CASE WHEN s.kind = 'implies' THEN (CASE j.key WHEN 0 THEN '/from' ELSE '/to' END)
            ELSE '/claims' END,
       j.value, 'claim'
  FROM stg_relations s, json_each(s.claims) j
 WHERE NOT EXISTS (SELECT 1 FROM stg_claims WHERE id = j.value)
   AND NOT EXISTS (SELECT 1 FROM main.claims WHERE id = j.value)
ORDER BY 1, 2, 4
LIMIT ?1
)sql";

// Before the merge: the `via` edges the store will hold for every claim the
// file gives a `via` edge (only a new edge can close a cycle), grouped by
// claim: the file's links, and the stored links of those claims that the
// file does not replace. Columns: claim, source, via, file, line, pointer,
// whether the link is the file's.
constexpr const char* kViaEdges = R"sql(
SELECT claim, source, via, ?1, line, pointer, 1 FROM stg_links WHERE via <> '[]'
UNION ALL
SELECT l.claim, l.source, l.via, f.name, l.origin_line, l.origin_pointer, 0
  FROM (SELECT DISTINCT claim FROM stg_links WHERE via <> '[]') c
  JOIN main.links l ON l.claim = c.claim
  JOIN main.files f ON f.id = l.origin_file
 WHERE l.via <> '[]'
   AND NOT EXISTS (SELECT 1 FROM stg_links s WHERE s.claim = l.claim AND s.source = l.source)
ORDER BY 1, 2
)sql";

std::string OptDate(const std::optional<model::Date>& d) { return d ? d->ToString() : ""; }

// Binds one record into its staging insert.
void BindRecord(Statement& st, const model::Source& r) {
  st.Bind(1, r.id).Bind(2, r.name).Bind(3, model::Name(r.kind));
  st.Bind(4, ingest::AttributesJson(r.attributes));
  if (r.track_record) {
    st.Bind(5, r.track_record->confirmed).Bind(6, r.track_record->refuted);
    st.Bind(7, r.track_record->unresolved);
  } else {
    st.BindNull(5).BindNull(6).BindNull(7);
  }
}
void BindRecord(Statement& st, const model::Claim& r) {
  st.Bind(1, r.id).Bind(2, r.text);
  if (r.kind) {
    st.Bind(3, model::Name(*r.kind));
  } else {
    st.BindNull(3);
  }
  st.BindOpt(4, r.lang);
  if (r.made_at) {
    st.Bind(5, r.made_at->ToString());
  } else {
    st.BindNull(5);
  }
  st.BindOpt(6, r.topic).Bind(7, ingest::AttributesJson(r.attributes));
  st.BindNull(8).BindNull(9).BindNull(10);
  if (r.label && r.label->is_binary()) {
    st.Bind(8, std::int64_t{r.label->truth ? 1 : 0});
  } else if (r.label) {
    st.Bind(9, r.label->scale).Bind(10, r.label->value);
  }
}
void BindRecord(Statement& st, const model::Link& r) {
  st.Bind(1, r.source).Bind(2, r.claim).Bind(3, model::Name(r.stance));
  st.Bind(4, model::Name(r.mode)).Bind(5, ingest::StringListJson(r.via));
  st.BindOpt(6, r.reported_by);
  if (r.at) {
    st.Bind(7, OptDate(r.at));
  } else {
    st.BindNull(7);
  }
  st.Bind(8, ingest::AttributesJson(r.attributes));
}
void BindRecord(Statement& st, const model::Evidence& r) {
  st.Bind(1, r.claim).Bind(2, r.feature).Bind(3, r.value).BindOpt(4, r.note);
}
void BindRecord(Statement& st, const model::Relation& r) {
  st.Bind(1, r.Key()).Bind(2, model::Name(r.kind)).Bind(3, ingest::StringListJson(r.claims));
}
int ParamCount(const model::Source&) { return 7; }
int ParamCount(const model::Claim&) { return 10; }
int ParamCount(const model::Link&) { return 8; }
int ParamCount(const model::Evidence&) { return 4; }
int ParamCount(const model::Relation&) { return 3; }

// Binds the key of a record into its first_in_file lookup.
void BindKey(Statement& st, const model::Source& r) { st.Bind(1, r.id); }
void BindKey(Statement& st, const model::Claim& r) { st.Bind(1, r.id); }
void BindKey(Statement& st, const model::Link& r) { st.Bind(1, r.source).Bind(2, r.claim); }
void BindKey(Statement& st, const model::Evidence& r) {
  st.Bind(1, r.claim).Bind(2, r.feature);
}
void BindKey(Statement& st, const model::Relation& r) { st.Bind(1, r.Key()); }

std::size_t TableIndex(const model::Source&) { return 0; }
std::size_t TableIndex(const model::Claim&) { return 1; }
std::size_t TableIndex(const model::Link&) { return 2; }
std::size_t TableIndex(const model::Evidence&) { return 3; }
std::size_t TableIndex(const model::Relation&) { return 4; }

// "a.jsonl:3" or "a.json /sources/2": where an earlier definition lives.
std::string Place(const std::string& file, std::int64_t line, const std::string& pointer) {
  return InputLocation{file, line, pointer, ""}.ToString();
}

// The prepared statements of one import.
struct Stager {
  std::vector<Statement> stage;
  std::vector<Statement> first;
  std::array<std::int64_t, 5> staged{};
};

class Importer {
 public:
  Importer(sqlite3* db, std::string file, const ImportOptions& options)
      : db_(db), file_(std::move(file)), options_(options) {}

  Result<ImportStats> Run(const std::filesystem::path& path) {
    auto tx = Transaction::Begin(db_);
    if (!tx.ok()) return tx.status();
    CREDENCE_RETURN_IF_ERROR(Exec(db_, kStagingSchema));
    Stager stager;
    for (const TableSql* t : kTables) {
      auto s = Statement::Prepare(db_, t->stage);
      if (!s.ok()) return s.status();
      stager.stage.push_back(std::move(*s));
      auto f = Statement::Prepare(db_, t->first_in_file);
      if (!f.ok()) return f.status();
      stager.first.push_back(std::move(*f));
    }
    auto sink = [&](ingest::Record&& record, const InputLocation& where) {
      return std::visit([&](const auto& r) { return Stage(stager, r, where); }, record);
    };
    std::error_code ec;
    std::int64_t total = path == "-" ? 0 : static_cast<std::int64_t>(std::filesystem::file_size(path, ec));
    if (ec) total = 0;
    ingest::ReadOptions read_options{options_.max_errors, {}};
    if (options_.progress) {
      read_options.progress = [&](std::int64_t bytes) { options_.progress("reading", bytes, total); };
    }
    auto read = ingest::ReadCaseFile(path, read_options, sink);
    if (!read.ok()) return read.status();

    ImportStats stats;
    stats.records_read = read->records;
    stats.bytes_read = read->bytes;
    if (options_.progress) options_.progress("checking", read->bytes, total);
    std::vector<ErrorDetail> errors;
    std::array<std::int64_t, 5> added{}, differing{};
    for (std::size_t i = 0; i < 5; ++i) {
      CREDENCE_RETURN_IF_ERROR(Differing(*kTables[i], &errors, &differing[i]));
      auto n = CountNew(*kTables[i]);
      if (!n.ok()) return n.status();
      added[i] = *n;
    }
    CREDENCE_RETURN_IF_ERROR(Dangling(&errors));
    if (errors.empty()) CREDENCE_RETURN_IF_ERROR(ViaCycles(&errors));
    if (!errors.empty()) return Capped(std::move(errors));

    if (options_.progress) options_.progress("merging", read->bytes, total);
    auto file_id = FileId();
    if (!file_id.ok()) return file_id.status();
    for (const TableSql* t : kTables) {
      auto merge = Statement::Prepare(db_, t->merge);
      if (!merge.ok()) return merge.status();
      CREDENCE_RETURN_IF_ERROR(merge->Bind(1, *file_id).Run());
    }
    CREDENCE_RETURN_IF_ERROR(Exec(db_, kMergeRelationClaims));
    CREDENCE_RETURN_IF_ERROR(tx->Commit());

    for (std::size_t i = 0; i < 5; ++i) {
      stats.records_added += added[i];
      stats.records_replaced += differing[i];
      stats.records_unchanged += stager.staged[i] - added[i] - differing[i];
    }
    return stats;
  }

 private:
  template <class R>
  Status Stage(Stager& stager, const R& r, const InputLocation& where) {
    std::size_t t = TableIndex(r);
    Statement& st = stager.stage[t];
    BindRecord(st, r);
    st.Bind(ParamCount(r) + 1, where.line).Bind(ParamCount(r) + 2, where.json_pointer);
    int rc = st.StepRaw();
    st.Reset();
    if (rc == SQLITE_DONE) {
      ++stager.staged[t];
      return Status::Ok();
    }
    if (rc != SQLITE_CONSTRAINT_PRIMARYKEY) return SqliteError(db_, rc, "staging a record");
    Statement& first = stager.first[t];
    BindKey(first, r);
    auto row = first.Step();
    if (!row.ok()) return row.status();
    std::string earlier = *row ? Place(file_, first.Int(0), first.Text(1)) : file_;
    first.Reset();
    return Status::InvalidInput("duplicate " + std::string(kTables[t]->noun) + " " +
                                    ingest::JsonString(where.record_id) +
                                    "; first defined at " + earlier,
                                where);
  }

  // Staged records that differ from stored ones: errors without --replace,
  // else counted as replacements.
  Status Differing(const TableSql& t, std::vector<ErrorDetail>* errors, std::int64_t* count) {
    auto st = Statement::Prepare(db_, t.differing);
    if (!st.ok()) return st.status();
    for (;;) {
      auto row = st->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      ++*count;
      if (options_.replace) continue;
      if (static_cast<int>(errors->size()) > options_.max_errors) break;
      std::string id = st->Text(0);
      errors->push_back(
          {InputLocation{file_, st->Int(1), st->Text(2), id},
           std::string(t.noun) + " " + ingest::JsonString(id) +
               " is already in the store with a different definition, from " +
               Place(st->Text(3), st->Int(4), st->Text(5)) +
               " (import with --replace to replace it)"});
    }
    return Status::Ok();
  }

  Result<std::int64_t> CountNew(const TableSql& t) {
    auto st = Statement::Prepare(db_, t.count_new);
    if (!st.ok()) return st.status();
    auto row = st->Step();
    if (!row.ok()) return row.status();
    return st->Int(0);
  }

  Status Dangling(std::vector<ErrorDetail>* errors) {
    auto st = Statement::Prepare(db_, kDangling);
    if (!st.ok()) return st.status();
    st->Bind(1, std::int64_t{options_.max_errors + 1});
    for (;;) {
      auto row = st->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      std::string noun = st->Text(5);
      errors->push_back({InputLocation{file_, st->Int(0), st->Text(1) + st->Text(3), st->Text(2)},
                         "unknown " + noun + " " + ingest::JsonString(st->Text(4)) + ": no " +
                             noun + " with this id in the file or the store"});
    }
    return Status::Ok();
  }

  // Sources of one claim form a graph by `via` (a source -> where it got the
  // claim); a cycle would make each the other's origin. Held per claim only.
  Status ViaCycles(std::vector<ErrorDetail>* errors) {
    auto st = Statement::Prepare(db_, kViaEdges);
    if (!st.ok()) return st.status();
    st->Bind(1, file_);
    struct Edge {
      std::vector<std::string> via;
      InputLocation where;
      bool from_this_file;
    };
    std::map<std::string, Edge> graph;
    std::string claim;
    auto check = [&]() {
      if (!graph.empty()) FindCycle(claim, graph, errors);
      graph.clear();
    };
    for (;;) {
      auto row = st->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      if (st->Text(0) != claim) {
        check();
        claim = st->Text(0);
      }
      auto via = ingest::StringListFromJson(st->Text(2));
      if (!via.ok()) return Status::Internal("stored via is not a JSON list");
      std::string source = st->Text(1);
      graph[source] = Edge{std::move(*via),
                           InputLocation{st->Text(3), st->Int(4), st->Text(5),
                                         source + "->" + claim},
                           st->Int(6) != 0};
      if (static_cast<int>(errors->size()) > options_.max_errors) return Status::Ok();
    }
    check();
    return Status::Ok();
  }

  template <class Graph>
  static void FindCycle(const std::string& claim, const Graph& graph,
                        std::vector<ErrorDetail>* errors) {
    // Iterative DFS with colours; the first back edge found names the cycle.
    std::map<std::string, int> colour;  // 0 new, 1 on stack, 2 done
    for (const auto& [start, unused] : graph) {
      if (colour[start] != 0) continue;
      std::vector<std::pair<std::string, std::size_t>> stack{{start, 0}};
      colour[start] = 1;
      while (!stack.empty()) {
        auto& [node, next] = stack.back();
        auto it = graph.find(node);
        if (it == graph.end() || next >= it->second.via.size()) {
          colour[node] = 2;
          stack.pop_back();
          continue;
        }
        const std::string& up = it->second.via[next++];
        if (colour[up] == 1) {
          // Reported at a link of the cycle that this file brought, when
          // there is one: that is the line to fix.
          std::string path;
          const InputLocation* where = &graph.find(up)->second.where;
          bool found_new = false;
          auto from = std::find_if(stack.begin(), stack.end(),
                                   [&](const auto& e) { return e.first == up; });
          for (auto e = from; e != stack.end(); ++e) {
            path += e->first + " -> ";
            const auto& edge = graph.find(e->first)->second;
            if (!found_new && edge.from_this_file) {
              where = &edge.where;
              found_new = true;
            }
          }
          path += up;
          errors->push_back({*where,
                             "cycle in \"via\" for claim " + ingest::JsonString(claim) + ": " +
                                 path + " (each names the next as its upstream)"});
          return;
        }
        if (colour[up] == 0) {
          colour[up] = 1;
          stack.emplace_back(up, 0);
        }
      }
    }
  }

  Result<std::int64_t> FileId() {
    auto ins = Statement::Prepare(db_, "INSERT INTO main.files (name) VALUES (?1) "
                                       "ON CONFLICT (name) DO NOTHING");
    if (!ins.ok()) return ins.status();
    CREDENCE_RETURN_IF_ERROR(ins->Bind(1, file_).Run());
    auto sel = Statement::Prepare(db_, "SELECT id FROM main.files WHERE name = ?1");
    if (!sel.ok()) return sel.status();
    sel->Bind(1, file_);
    auto row = sel->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Internal("file row vanished");
    return sel->Int(0);
  }

  Status Capped(std::vector<ErrorDetail> errors) {
    if (static_cast<int>(errors.size()) > options_.max_errors) {
      errors.resize(static_cast<std::size_t>(options_.max_errors));
      errors.push_back({InputLocation{file_, 0, "", ""},
                        "too many errors; stopped after " + std::to_string(options_.max_errors)});
    }
    return Status::InvalidInput(std::move(errors));
  }

  sqlite3* db_;
  std::string file_;
  const ImportOptions& options_;
};

}  // namespace

Result<ImportStats> ImportFile(sqlite3* db, const std::filesystem::path& file,
                               const ImportOptions& options) {
  return Importer(db, file.string(), options).Run(file);
}

}  // namespace credence::store
