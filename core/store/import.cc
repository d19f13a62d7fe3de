#include <sched.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <exception>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "core/ingest/case_reader.h"
#include "core/ingest/case_writer.h"
#include "core/store/batch_queue_internal.h"
#include "core/store/import_internal.h"
#include "core/store/known_ids_internal.h"
#include "core/store/links_codec_internal.h"
#include "core/store/sqlite_internal.h"

namespace credence::store {
namespace {

// Scratch tables of one import, in SQLite's temp file (temp_store = FILE: a
// huge file costs disk, not memory):
//   imp_seen  records of the file that were already stored before it (kept
//             or replaced), so a second copy in the file is still a duplicate;
//   imp_refs  references not found when their record was read (the record
//             they name may come later in the file), checked at the end;
//   imp_orphans  the links and evidence of claims not defined yet (in the
//             store or the file) when the claim cache was written out: a
//             claims row needs the claim, so they wait here for it.
constexpr const char* kScratchSchema = R"sql(
CREATE TEMP TABLE IF NOT EXISTS imp_seen (
  tab INTEGER, key TEXT, line INTEGER, pointer TEXT, PRIMARY KEY (tab, key)) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS imp_refs (
  noun TEXT, id TEXT, line INTEGER, pointer TEXT, record TEXT, field TEXT);
CREATE TEMP TABLE IF NOT EXISTS imp_orphans (
  claim TEXT PRIMARY KEY, links TEXT, evidence TEXT) WITHOUT ROWID;
DELETE FROM imp_seen; DELETE FROM imp_refs; DELETE FROM imp_orphans;
)sql";

// The five record types. Parameters: ?1..?N the record (BindRecord), then
// ?N+1 file id, ?N+2 line, ?N+3 pointer, ?N+4 import id.
struct TableSql {
  const char* noun;  // in messages
  const char* insert;
  // ?1..?N -> whether the stored record differs, its import id, origin
  // line, origin pointer, origin file name.
  const char* existing;
  const char* replace;  // insert or overwrite, origin and import id included
};

constexpr TableSql kSources = {
    "source",
    "INSERT INTO main.sources (id, name, kind, attributes, tr_confirmed, tr_refuted, "
    "tr_unresolved, origin_file, origin_line, origin_pointer, import_id) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    "SELECT m.name IS NOT ?2 OR m.kind IS NOT ?3 OR m.attributes IS NOT ?4 "
    "OR m.tr_confirmed IS NOT ?5 OR m.tr_refuted IS NOT ?6 OR m.tr_unresolved IS NOT ?7, "
    "m.import_id, m.origin_line, m.origin_pointer, f.name "
    "FROM main.sources m JOIN main.files f ON f.id = m.origin_file WHERE m.id = ?1",
    "INSERT INTO main.sources (id, name, kind, attributes, tr_confirmed, tr_refuted, "
    "tr_unresolved, origin_file, origin_line, origin_pointer, import_id) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
    "ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
    "attributes = excluded.attributes, tr_confirmed = excluded.tr_confirmed, "
    "tr_refuted = excluded.tr_refuted, tr_unresolved = excluded.tr_unresolved, "
    "origin_file = excluded.origin_file, origin_line = excluded.origin_line, "
    "origin_pointer = excluded.origin_pointer, import_id = excluded.import_id",
};

// A claim new to the store is inserted with its links and evidence, as one
// row, when the claim cache is written out (Importer::FlushCache): ?12
// links, ?13 evidence. Its place in the file is one column (version 7):
// origin_place, the line (JSONL) or the pointer (.json); the lookup gives it
// back as the other tables' origin_line and origin_pointer.
constexpr TableSql kClaims = {
    "claim",
    "INSERT INTO main.claims (id, text, kind, lang, made_at, topic, attributes, label, "
    "origin_file, origin_place, import_id, links, evidence) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    "SELECT m.text IS NOT ?2 OR m.kind IS NOT ?3 OR m.lang IS NOT ?4 OR m.made_at IS NOT ?5 "
    "OR m.topic IS NOT ?6 OR m.attributes IS NOT ?7 OR m.label IS NOT ?8, "
    "m.import_id, iif(typeof(m.origin_place) = 'integer', m.origin_place, 0), "
    "iif(typeof(m.origin_place) = 'text', m.origin_place, ''), f.name "
    "FROM main.claims m JOIN main.files f ON f.id = m.origin_file WHERE m.id = ?1",
    "INSERT INTO main.claims (id, text, kind, lang, made_at, topic, attributes, label, "
    "origin_file, origin_place, import_id) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
    "ON CONFLICT (id) DO UPDATE SET text = excluded.text, kind = excluded.kind, "
    "lang = excluded.lang, made_at = excluded.made_at, topic = excluded.topic, "
    "attributes = excluded.attributes, label = excluded.label, "
    "origin_file = excluded.origin_file, origin_place = excluded.origin_place, "
    "import_id = excluded.import_id",
};

// A claims row's parameters in kClaims.insert (its '?'s: the statement
// holds no '?' in a literal), one per column: at most 13 (SQLite's fast
// key comparison, schema.cc version 7).
constexpr int kClaimParams = 13;
static_assert(std::count(std::string_view(kClaims.insert).begin(),
                         std::string_view(kClaims.insert).end(), '?') == kClaimParams);

// kClaims.insert for `rows` rows at once: row r's parameters are numbered
// from r * kClaimParams + 1. OR FAIL: a statement that writes several rows
// and may abort makes SQLite copy every page it touches to a statement
// journal first, so as to undo only itself (178 MB of journal for a 10 MB
// import, in strace); a failure here fails the whole import, whose
// transaction undoes it all, so the statement need not undo itself (as a
// run's claim rows, core/store/store.cc, learned before).
std::string InsertNewClaimsSql(int rows) {
  const std::string one = kClaims.insert;
  return "INSERT OR FAIL" + one.substr(6, one.find("VALUES") + 1) + ValuesRows(rows, kClaimParams);
}

// Links and evidence are stored in their claim's row (packed arrays:
// core/store/links_codec_internal.h): Importer::Put(const model::Link&),
// Put(const model::Evidence&) and the claim cache write them, so these have
// a noun and no statements.
constexpr TableSql kLinks = {"link", nullptr, nullptr, nullptr};
constexpr TableSql kEvidence = {"evidence", nullptr, nullptr, nullptr};

// A relation's key is its whole content, so a stored relation never differs.
constexpr TableSql kRelations = {
    "relation",
    "INSERT INTO main.relations (key, kind, claims, origin_file, origin_line, origin_pointer, "
    "import_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    "SELECT m.kind IS NOT ?2 OR m.claims IS NOT ?3, "
    "m.import_id, m.origin_line, m.origin_pointer, f.name "
    "FROM main.relations m JOIN main.files f ON f.id = m.origin_file WHERE m.key = ?1",
    "INSERT INTO main.relations (key, kind, claims, origin_file, origin_line, origin_pointer, "
    "import_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (key) DO NOTHING",
};

constexpr const TableSql* kTables[] = {&kSources, &kClaims, &kLinks, &kEvidence, &kRelations};

constexpr const char* kInsertRelationClaim =
    "INSERT OR IGNORE INTO main.relation_claims (relation, claim) VALUES (?1, ?2)";
constexpr const char* kFindSeen = "SELECT line, pointer FROM temp.imp_seen WHERE tab = ?1 AND key = ?2";
constexpr const char* kInsertSeen =
    "INSERT OR IGNORE INTO temp.imp_seen (tab, key, line, pointer) VALUES (?1, ?2, ?3, ?4)";
constexpr const char* kInsertRef =
    "INSERT INTO temp.imp_refs (noun, id, line, pointer, record, field) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
constexpr const char* kLoadClaim = "SELECT links, evidence FROM main.claims WHERE id = ?1";
constexpr const char* kUpdateClaim = "UPDATE main.claims SET links = ?2, evidence = ?3 WHERE id = ?1";
constexpr const char* kAnyClaim = "SELECT EXISTS (SELECT 1 FROM main.claims)";
// The store's record counts (schema version 7) follow the claim rows import
// writes: it is their only writer.
constexpr const char* kAddCounts =
    "UPDATE main.record_counts SET claims = claims + ?1, links = links + ?2, evidence = evidence + ?3";
// Whether the store holds no case records: no sources and no claims (every
// other case record names a claim).
constexpr const char* kNoCases =
    "SELECT NOT EXISTS (SELECT 1 FROM main.sources) AND NOT EXISTS (SELECT 1 FROM main.claims)";
constexpr const char* kTakeOrphan =
    "DELETE FROM temp.imp_orphans WHERE claim = ?1 RETURNING links, evidence";
constexpr const char* kStoreOrphan =
    "INSERT OR REPLACE INTO temp.imp_orphans (claim, links, evidence) VALUES (?1, ?2, ?3)";
constexpr const char* kFileName = "SELECT name FROM main.files WHERE id = ?1";
constexpr const char* kSourceExists = "SELECT 1 FROM main.sources WHERE id = ?1";
constexpr const char* kClaimExists = "SELECT 1 FROM main.claims WHERE id = ?1";

// The references still unresolved once the whole file is in: line, pointer,
// record id, field pointer, missing id, noun.
constexpr const char* kDangling = R"sql(
SELECT line, pointer, record, field, id, noun FROM temp.imp_refs r
 WHERE CASE noun WHEN 'source' THEN NOT EXISTS (SELECT 1 FROM main.sources WHERE id = r.id)
                 ELSE NOT EXISTS (SELECT 1 FROM main.claims WHERE id = r.id) END
 ORDER BY line, pointer, field
 LIMIT ?1
)sql";

// Text a record's binding derives (JSON of attributes and lists, dates,
// keys): made by Derive, on the reading thread when there is one, and kept
// so that every parameter can be bound without a copy
// (Statement::BindStatic) and stays alive until the statement has stepped.
struct Derived {
  std::string attributes, list, date, key, label;
};

// Into `d`'s buffers, kept from the record before.
void DeriveAttributes(const model::Attributes& attributes, Derived& d) {
  d.attributes.clear();
  ingest::AppendAttributesJson(d.attributes, attributes);
}
void Derive(const model::Source& r, Derived& d) { DeriveAttributes(r.attributes, d); }
void Derive(const model::Claim& r, Derived& d) {
  DeriveAttributes(r.attributes, d);
  if (r.made_at) d.date = r.made_at->ToString();
  d.label.clear();
  if (r.label) ingest::AppendLabelJson(d.label, *r.label);
}
void Derive(const model::Link& r, Derived& d) {
  // The via list is packed from the ids (Importer::Put).
  DeriveAttributes(r.attributes, d);
  if (r.at) d.date = r.at->ToString();
}
void Derive(const model::Evidence&, Derived&) {}
void Derive(const model::Relation& r, Derived& d) {
  d.key = r.Key();
  d.list.clear();
  ingest::AppendStringListJson(d.list, r.claims);
}

template <class Binder>
void BindOptStatic(Binder& st, int i, const std::optional<std::string>& text) {
  if (text) {
    st.BindStatic(i, *text);
  } else {
    st.BindNull(i);
  }
}

// Binds one record into its insert, lookup or replace statement.
void BindRecord(Statement& st, const model::Source& r, const Derived& d) {
  st.BindStatic(1, r.id).BindStatic(2, r.name).BindStatic(3, model::Name(r.kind));
  st.BindStatic(4, d.attributes);
  if (r.track_record) {
    st.Bind(5, r.track_record->confirmed).Bind(6, r.track_record->refuted);
    st.Bind(7, r.track_record->unresolved);
  } else {
    st.BindNull(5).BindNull(6).BindNull(7);
  }
}
template <class Binder>
void BindRecord(Binder& st, const model::Claim& r, const Derived& d) {
  st.BindStatic(1, r.id).BindStatic(2, r.text);
  if (r.kind) {
    st.BindStatic(3, model::Name(*r.kind));
  } else {
    st.BindNull(3);
  }
  BindOptStatic(st, 4, r.lang);
  if (r.made_at) {
    st.BindStatic(5, d.date);
  } else {
    st.BindNull(5);
  }
  BindOptStatic(st, 6, r.topic);
  st.BindStatic(7, d.attributes);
  if (r.label) {
    st.BindStatic(8, d.label);
  } else {
    st.BindNull(8);
  }
}
void BindRecord(Statement& st, const model::Relation& r, const Derived& d) {
  st.BindStatic(1, d.key).BindStatic(2, model::Name(r.kind)).BindStatic(3, d.list);
}
int ParamCount(const model::Source&) { return 7; }
int ParamCount(const model::Claim&) { return 8; }
int ParamCount(const model::Relation&) { return 3; }
// Whether the record's table holds its place in the file in one column,
// origin_place (claims, version 7), rather than origin_line and
// origin_pointer.
template <class R>
constexpr bool kOnePlaceColumn = std::is_same_v<R, model::Claim>;

std::size_t TableIndex(const model::Source&) { return 0; }
std::size_t TableIndex(const model::Claim&) { return 1; }
std::size_t TableIndex(const model::Link&) { return 2; }
std::size_t TableIndex(const model::Evidence&) { return 3; }
std::size_t TableIndex(const model::Relation&) { return 4; }

// A record's key as one string (the record ids of messages).
std::string KeyText(const model::Source& r) { return r.id; }
std::string KeyText(const model::Claim& r) { return r.id; }
std::string KeyText(const model::Link& r) { return r.source + "->" + r.claim; }
std::string KeyText(const model::Evidence& r) { return r.claim + "#" + r.feature; }
std::string KeyText(const model::Relation& r) { return r.Key(); }

// "a.jsonl:3" or "a.json /sources/2": where an earlier definition lives.
std::string Place(const std::string& file, std::int64_t line, const std::string& pointer) {
  return InputLocation{file, line, pointer, ""}.ToString();
}

// The `via` edges of the run of links the reader is passing now, all of one
// claim (files list a claim's links together). A cycle among a claim's
// sources needs every source on it to name an upstream, so when the claim
// had no links before the run began and no upstream named in the run is
// itself a source with upstreams in the run, the run closes no cycle: the
// claim skips the search over all its links (Importer::CheckCycles). A later
// run of the same claim finds this run's links (cached or stored), and marks
// the claim for the whole search.
// Bounded: a run of more than kMaxEdges edges is always searched.
class ViaRun {
 public:
  static constexpr std::size_t kMaxEdges = std::size_t{1} << 16;

  // Starts a run; `had_links`: the claim had links before it.
  void Start(bool had_links) {
    started_ = true;
    had_links_ = had_links;
    overflow_ = false;
    relaying_.clear();
    upstream_.clear();
  }
  void Add(const model::Link& link) {
    if (link.via.empty() || overflow_) return;
    if (relaying_.size() + upstream_.size() + link.via.size() > kMaxEdges) {
      overflow_ = true;
      return;
    }
    relaying_.push_back(link.source);
    upstream_.insert(upstream_.end(), link.via.begin(), link.via.end());
  }
  // Whether the claim's links need the cycle search; the run is over.
  bool NeedsCheck() {
    if (!started_ || (relaying_.empty() && !overflow_)) return false;
    if (had_links_ || overflow_) return true;
    std::sort(relaying_.begin(), relaying_.end());
    return std::any_of(upstream_.begin(), upstream_.end(), [&](const std::string& up) {
      return std::binary_search(relaying_.begin(), relaying_.end(), up);
    });
  }
  void Clear() { started_ = false; }

 private:
  bool started_ = false;
  bool had_links_ = false;
  bool overflow_ = false;
  std::vector<std::string> relaying_;  // sources of the run's links that have upstreams
  std::vector<std::string> upstream_;  // every id their `via` names
};

// The claim cache's links and evidence records (every cached claim's), each
// as its element of the claim row's array (AppendLinkElement,
// AppendEvidenceElement), packed once as it comes: the elements' text in one
// buffer, their places in one vector, so that a record costs no allocation
// of its own and the row no second encoding. Emptied when the cache is.
struct PackedArena {
  struct Element {
    ElementMarks marks;  // in text
    std::uint32_t next = 0;  // the claim's next element (PackedRecords), or kEnd
    bool live = false;
    // Its origin, for messages and for telling this import's records.
    std::optional<std::int64_t> import_id;
    std::int64_t origin_file = 0, origin_line = 0;
    std::string origin_pointer;  // empty for JSONL: no allocation
  };
  static constexpr std::uint32_t kEnd = static_cast<std::uint32_t>(-1);

  std::string_view Key(std::uint32_t i) const {
    const ElementMarks& m = elements[i].marks;
    return std::string_view(text).substr(m.begin + 2, m.key_end - m.begin - 2);
  }
  // What tells two records of one key apart (origin aside).
  std::string_view Content(std::uint32_t i) const {
    const ElementMarks& m = elements[i].marks;
    return std::string_view(text).substr(m.key_end, m.origin - m.key_end);
  }
  std::string_view Text(std::uint32_t i) const {
    const ElementMarks& m = elements[i].marks;
    return std::string_view(text).substr(m.begin, m.end - m.begin);
  }
  // About what element i takes in memory: for the cache's bound.
  std::size_t Bytes(std::uint32_t i) const {
    return sizeof(Element) + Text(i).size() + elements[i].origin_pointer.size();
  }

  // Appends an element, written by `append(const OriginParts&, std::string*)`
  // (AppendLinkElement's or AppendEvidenceElement's shape, its record's
  // parts bound); not live, on no claim's list until PackedRecords::Keep.
  template <class Append>
  std::uint32_t Add(const OriginParts& origin, Append&& append) {
    Element e;
    e.marks = append(origin, &text);
    e.import_id = origin.import_id;
    e.origin_file = origin.file;
    e.origin_line = origin.line;
    e.origin_pointer = origin.pointer;
    elements.push_back(std::move(e));
    return static_cast<std::uint32_t>(elements.size() - 1);
  }
  // Takes back the element just added.
  void Drop(std::uint32_t added) {
    text.resize(elements[added].marks.begin);
    elements.pop_back();
  }
  void Clear() {
    text.clear();
    elements.clear();
  }

  std::string text;
  std::vector<Element> elements;
};

// The links or the evidence of one cached claim, each once (by key): a list
// through the arena's elements, in the order met, joined in key order when
// the row is written (Join). A replaced element stays in the arena, dead.
class PackedRecords {
 public:
  // Live elements.
  std::size_t size() const { return live_; }

  // The live element of `key`, or kEnd.
  std::uint32_t Find(const PackedArena& arena, std::string_view key) {
    if (listed_ <= kScanUpTo) {
      for (std::uint32_t i = head_; i != PackedArena::kEnd; i = arena.elements[i].next) {
        if (arena.elements[i].live && arena.Key(i) == key) return i;
      }
      return PackedArena::kEnd;
    }
    if (!index_) {
      index_ = std::make_unique<Index>();
      for (std::uint32_t i = head_; i != PackedArena::kEnd; i = arena.elements[i].next) {
        if (arena.elements[i].live) index_->emplace(arena.Key(i), i);
      }
    }
    auto it = index_->find(key);
    return it == index_->end() ? PackedArena::kEnd : it->second;
  }

  // Puts the arena's element `added` on this list, live (`replaced`: it
  // replaces that live element of the same key).
  void Keep(PackedArena& arena, std::uint32_t added, std::uint32_t replaced = PackedArena::kEnd) {
    PackedArena::Element& e = arena.elements[added];
    e.live = true;
    e.next = PackedArena::kEnd;
    if (head_ == PackedArena::kEnd) {
      head_ = added;
    } else {
      arena.elements[tail_].next = added;
    }
    tail_ = added;
    ++listed_;
    ++live_;
    if (replaced != PackedArena::kEnd) {
      arena.elements[replaced].live = false;
      --live_;
    }
    if (index_) (*index_)[std::string(arena.Key(added))] = added;
  }

  // The live elements as one array, in key order, into `out` (cleared
  // first); `order` is scratch.
  void Join(const PackedArena& arena, std::vector<std::uint32_t>* order, std::string* out) const {
    order->clear();
    for (std::uint32_t i = head_; i != PackedArena::kEnd; i = arena.elements[i].next) {
      if (arena.elements[i].live) order->push_back(i);
    }
    auto by_key = [&](std::uint32_t a, std::uint32_t b) { return arena.Key(a) < arena.Key(b); };
    if (!std::is_sorted(order->begin(), order->end(), by_key)) std::sort(order->begin(), order->end(), by_key);
    out->clear();
    out->push_back('[');
    for (std::size_t i = 0; i < order->size(); ++i) {
      if (i > 0) out->push_back(',');
      out->append(arena.Text((*order)[i]));
    }
    out->push_back(']');
  }

 private:
  // Claims with more records than this are searched through a hash index.
  static constexpr std::size_t kScanUpTo = 16;
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
  };
  using Index = std::unordered_map<std::string, std::uint32_t, KeyHash, std::equal_to<>>;
  std::uint32_t head_ = PackedArena::kEnd, tail_ = PackedArena::kEnd;
  std::size_t listed_ = 0, live_ = 0;
  std::unique_ptr<Index> index_;
};

// A claim the file defines that the store did not hold: kept until the
// cache is written, then inserted with its links and evidence as one row.
struct NewClaim {
  model::Claim record;
  Derived derived;
  std::int64_t line = 0;
  std::string pointer;
};

// One claim that the import has touched: its links and evidence, those the
// store held when the import first met the claim and those the file brought
// since, each once; and, for a claim new to the store, the claim itself.
// Kept in memory (Importer::cache_) across the claim's runs of records and
// written as the claim's one row when the cache is flushed: inserted (a new
// claim), updated (a stored claim whose links or evidence changed), or,
// for a claim defined nowhere yet, set aside in imp_orphans until it comes.
struct CachedClaim {
  enum class Row {
    kStored,  // the store holds the claim's row
    kNew,     // the file defined it: `claim` holds it, for the insert
    kAbsent,  // not defined yet (in the store or the file)
  };
  Row row = Row::kAbsent;
  std::optional<NewClaim> claim;
  PackedRecords links, evidence;
  // kStored: how many links and evidence records the stored row held when
  // the cache took it (writing it back changes record_counts by the rest).
  std::size_t stored_links = 0, stored_evidence = 0;
  bool changed = false;  // the row must be written
  // Whether a run of this claim may have closed a cycle in `via`: its links
  // are searched when the cache is flushed.
  bool check_cycles = false;
};
// An element of Importer::cache_: the claim's id and its entry.
using CacheElement = std::pair<const std::string, CachedClaim>;

// A parsed record on its way from the reading thread to the writing one,
// with what Derive made of it and where it was read.
struct QueuedRecord {
  ingest::Record record;
  Derived derived;
  std::int64_t line;
  std::string json_pointer, record_id;
};
using RecordQueue = BatchQueue<QueuedRecord, 256, 16>;

// How an import reads its file.
enum class ReadMode {
  // The reader parses on a second thread while this one writes: records
  // reach SQLite in file order, as with kThisThread, so the store ends the
  // same. A file the reader or the writer rejects is read again with
  // kThisThread (ImportFile), whose errors are the ones reported.
  kOwnThread,
  // Reading and writing alternate on the calling thread; errors are found,
  // ordered and capped as one reader finds them. Stdin, pipes and anything
  // but a regular file are read this way.
  kThisThread,
};

// Import checks every reference itself (imp_refs), once, instead of SQLite
// checking each at insert time (ForeignKeysOff), which cannot allow a record
// that names one later in the file without deferred checks that rescan
// child tables.
class Importer {
 public:
  Importer(sqlite3* db, std::string file, const ImportOptions& options, ReadMode mode)
      : db_(db), file_(std::move(file)), options_(options), mode_(mode) {}

  // After Run: whether it failed on input that kThisThread must read again
  // to report (kOwnThread only).
  bool input_rejected() const { return input_rejected_; }

  Result<ImportStats> Run(const std::filesystem::path& path) {
    auto fk = ForeignKeysOff::Begin(db_);
    if (!fk.ok()) return fk.status();
    auto tx = Transaction::Begin(db_);
    if (!tx.ok()) return tx.status();
    CREDENCE_RETURN_IF_ERROR(Exec(db_, kScratchSchema));
    CREDENCE_RETURN_IF_ERROR(Prepare());
    CREDENCE_RETURN_IF_ERROR(StartImport());

    std::error_code ec;
    std::int64_t total =
        path == "-" ? 0 : static_cast<std::int64_t>(std::filesystem::file_size(path, ec));
    if (ec) total = 0;
    auto read = mode_ == ReadMode::kOwnThread ? ReadOnOwnThread(path, total)
                                              : ReadOnThisThread(path, total);
    // A file rejected for its records' own errors: its unknown references
    // are named beside them when the rest of its records tell which ids the
    // file defines (ReferencesCheckable).
    std::vector<ErrorDetail> errors;
    std::set<std::string, std::less<>> rejected_ids;
    if (!read.ok()) {
      if (!ReferencesCheckable(read.status(), &rejected_ids)) return read.status();
      errors = read.status().details();
    }
    CREDENCE_RETURN_IF_ERROR(EndLinkRun());
    CREDENCE_RETURN_IF_ERROR(FlushCache());

    if (options_.progress) options_.progress("checking", read.ok() ? read->bytes : total, total);
    // The unknown ids, capped apart (so that the first of either kind are
    // kept), then in file order: by line (JSONL), each line's own errors
    // first; a .json file's (line 0) keep the records' errors first.
    std::vector<ErrorDetail> unknown;
    CREDENCE_RETURN_IF_ERROR(Dangling(rejected_ids, &unknown));
    errors.insert(errors.end(), unknown.begin(), unknown.end());
    std::stable_sort(errors.begin(), errors.end(), [](const ErrorDetail& a, const ErrorDetail& b) {
      return a.where.line < b.where.line;
    });
    // Cycles are named only in a file whose references all resolve.
    if (errors.empty()) errors = std::move(cycle_errors_);
    if (!errors.empty()) return Capped(std::move(errors));
    auto add_counts = Statement::Prepare(db_, kAddCounts);
    if (!add_counts.ok()) return add_counts.status();
    CREDENCE_RETURN_IF_ERROR(
        add_counts->Bind(1, added_.claims).Bind(2, added_.links).Bind(3, added_.evidence).Run());
    CREDENCE_RETURN_IF_ERROR(tx->Commit());

    ImportStats stats = stats_;
    stats.records_read = read->records;
    stats.bytes_read = read->bytes;
    return stats;
  }

 private:
  Result<ingest::ReadStats> ReadOnThisThread(const std::filesystem::path& path,
                                             std::int64_t total) {
    Derived derived;  // one record's at a time, its buffers reused
    auto sink = [&](ingest::Record&& record, const InputLocation& where) {
      return std::visit(
          [&](auto& r) {
            Derive(r, derived);
            return Put(r, where, derived);
          },
          record);
    };
    ingest::ReadOptions read_options{options_.max_errors, {}};
    if (options_.progress) {
      read_options.progress = [&](std::int64_t bytes) { options_.progress("reading", bytes, total); };
    }
    return ingest::ReadCaseFile(path, read_options, sink);
  }

  // The reader runs on a second thread and queues what it parsed; this
  // thread writes. Progress is reported from this thread, as the batches
  // arrive. Any rejection sets input_rejected_: errors are then left to a
  // second read on this thread, which finds, orders and caps them exactly
  // as a single reader does (the writer alone cannot see the reader's).
  Result<ingest::ReadStats> ReadOnOwnThread(const std::filesystem::path& path,
                                            std::int64_t total) {
    RecordQueue queue;
    std::atomic<std::int64_t> bytes_read{0};
    Result<ingest::ReadStats> read = Status::Internal("reader did not finish");
    std::exception_ptr thrown;
    std::thread reader([&] {
      try {
        RecordQueue::Batch batch = queue.Spare();
        auto sink = [&](ingest::Record&& record, const InputLocation& where) -> Status {
          batch.push_back({std::move(record), {}, where.line, where.json_pointer, where.record_id});
          std::visit([&](const auto& r) { Derive(r, batch.back().derived); }, batch.back().record);
          if (batch.size() < RecordQueue::kSize) return Status::Ok();
          // Not kInvalidInput: the reader stops at once.
          if (!queue.Push(std::move(batch))) return Status::Internal("import stopped");
          batch = queue.Spare();
          return Status::Ok();
        };
        // The first error ends this pass: the errors reported come from the
        // second pass, so a rejected file is not read twice to its end.
        ingest::ReadOptions read_options{1, {}};
        read_options.progress = [&](std::int64_t bytes) { bytes_read = bytes; };
        read = ingest::ReadCaseFile(path, read_options, sink);
        if (!batch.empty()) queue.Push(std::move(batch));
      } catch (...) {
        thrown = std::current_exception();
      }
      queue.Close();
    });
    StopAndJoin<RecordQueue> join(queue, reader);

    Status failed = Status::Ok();
    std::int64_t reported = -1;
    InputLocation where{file_, 0, "", ""};
    RecordQueue::Batch batch;
    while (queue.Pop(&batch)) {
      for (QueuedRecord& item : batch) {
        if (!failed.ok()) break;
        where.line = item.line;
        where.json_pointer.swap(item.json_pointer);
        where.record_id.swap(item.record_id);
        failed = std::visit([&](auto& r) { return Put(r, where, item.derived); },
                            item.record);
        if (!failed.ok()) queue.Stop();
      }
      queue.Recycle(std::move(batch));
      if (options_.progress && bytes_read != reported) {
        reported = bytes_read;
        options_.progress("reading", reported, total);
      }
    }
    queue.Stop();
    reader.join();
    if (thrown) std::rethrow_exception(thrown);
    if (options_.progress && bytes_read != reported) options_.progress("reading", bytes_read, total);
    if (!failed.ok()) {
      input_rejected_ = failed.code() == ErrorCode::kInvalidInput;
      return failed;
    }
    if (!read.ok()) input_rejected_ = read.status().code() == ErrorCode::kInvalidInput;
    return read;
  }

  // The statements of one import, prepared once.
  struct TableStatements {
    Statement insert, existing, replace;
  };

  Status Prepare() {
    auto prepare = [&](const char* sql, std::optional<Statement>* out) -> Status {
      auto st = Statement::Prepare(db_, sql);
      if (!st.ok()) return st.status();
      out->emplace(std::move(*st));
      return Status::Ok();
    };
    for (const TableSql* t : kTables) {
      if (t->insert == nullptr) {  // links, evidence: the claim cache
        tables_.emplace_back();
        continue;
      }
      std::optional<Statement> insert, existing, replace;
      CREDENCE_RETURN_IF_ERROR(prepare(t->insert, &insert));
      CREDENCE_RETURN_IF_ERROR(prepare(t->existing, &existing));
      CREDENCE_RETURN_IF_ERROR(prepare(t->replace, &replace));
      tables_.emplace_back(TableStatements{std::move(*insert), std::move(*existing), std::move(*replace)});
    }
    CREDENCE_RETURN_IF_ERROR(prepare(InsertNewClaimsSql(kRowsPerInsert).c_str(), &insert_claims_));
    CREDENCE_RETURN_IF_ERROR(prepare(kInsertRelationClaim, &relation_claim_));
    CREDENCE_RETURN_IF_ERROR(prepare(kFindSeen, &find_seen_));
    CREDENCE_RETURN_IF_ERROR(prepare(kInsertSeen, &insert_seen_));
    CREDENCE_RETURN_IF_ERROR(prepare(kInsertRef, &insert_ref_));
    CREDENCE_RETURN_IF_ERROR(prepare(kLoadClaim, &load_claim_));
    CREDENCE_RETURN_IF_ERROR(prepare(kUpdateClaim, &update_claim_));
    CREDENCE_RETURN_IF_ERROR(prepare(kTakeOrphan, &take_orphan_));
    CREDENCE_RETURN_IF_ERROR(prepare(kStoreOrphan, &store_orphan_));
    CREDENCE_RETURN_IF_ERROR(prepare(kFileName, &file_name_));
    CREDENCE_RETURN_IF_ERROR(prepare(kSourceExists, &source_exists_));
    return prepare(kClaimExists, &claim_exists_);
  }

  // The file's row (one per path, shared by its re-imports) and a new
  // import number, which every record this import writes carries.
  Status StartImport() {
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
    file_id_ = sel->Int(0);
    auto imp = Statement::Prepare(db_, "INSERT INTO main.imports (file) VALUES (?1) RETURNING id");
    if (!imp.ok()) return imp.status();
    imp->Bind(1, file_id_);
    auto id = imp->Step();
    if (!id.ok()) return id.status();
    if (!*id) return Status::Internal("import row not returned");
    import_id_ = imp->Int(0);
    auto any = QueryInt(db_, kAnyClaim);
    if (!any.ok()) return any.status();
    store_had_claims_ = *any != 0;
    return Status::Ok();
  }

  // Binds `r` into its insert or replace statement, then this import's
  // origin (file, `line`, `pointer`) and id; returns the last parameter
  // bound, after which a claim's row binds its packed arrays. A record has
  // a line (JSONL) or a pointer (.json), never both: a table with one
  // place column (kOnePlaceColumn) takes whichever it has.
  template <class Binder, class R>
  int BindWritten(Binder& st, const R& r, const Derived& derived, std::int64_t line,
                  const std::string& pointer) {
    int n = ParamCount(r);
    BindRecord(st, r, derived);
    st.Bind(++n, file_id_);
    if constexpr (kOnePlaceColumn<R>) {
      if (pointer.empty()) {
        st.Bind(++n, line);
      } else {
        st.BindStatic(++n, pointer);
      }
    } else {
      st.Bind(++n, line);
      st.BindStatic(++n, pointer);
    }
    st.Bind(++n, import_id_);
    return n;
  }

  // Writes one record, or answers why it cannot be: a second copy in the
  // file, or (without --replace) a different definition already stored.
  template <class R>
  Status Put(const R& r, const InputLocation& where, const Derived& derived) {
    static_assert(!std::is_same_v<R, model::Claim>, "claims go through the claim cache");
    std::size_t t = TableIndex(r);
    TableStatements& s = *tables_[t];
    BindWritten(s.insert, r, derived, where.line, where.json_pointer);
    int rc = s.insert.StepRaw();
    s.insert.Reset();
    if (rc == SQLITE_DONE) {
      ++stats_.records_added;
      return Written(r, where, /*added=*/true);
    }
    if (rc != SQLITE_CONSTRAINT_PRIMARYKEY) return SqliteError(db_, rc, "writing a record");
    bool found = false;
    CREDENCE_RETURN_IF_ERROR(PutStored(r, where, derived, &found));
    if (!found) return Status::Internal("conflicting record not found");
    return Status::Ok();
  }

  // A record whose key the store may hold: when it does (`found`), what the
  // stored row makes of it: a duplicate (this import wrote it, or the file
  // met it before), unchanged, a redefinition, or a replacement.
  template <class R>
  Status PutStored(const R& r, const InputLocation& where, const Derived& derived, bool* found) {
    std::size_t t = TableIndex(r);
    TableStatements& s = *tables_[t];
    BindRecord(s.existing, r, derived);
    auto row = s.existing.Step();
    if (!row.ok()) return row.status();
    *found = *row;
    if (!*row) {
      s.existing.Reset();
      return Status::Ok();
    }
    std::string key = KeyText(r);
    bool differs = s.existing.Int(0) != 0;
    bool mine = !s.existing.IsNull(1) && s.existing.Int(1) == import_id_;
    std::string earlier =
        Place(s.existing.Text(4), s.existing.Int(2), s.existing.Text(3));
    s.existing.Reset();
    if (mine) return Duplicate(t, where, earlier);

    CREDENCE_RETURN_IF_ERROR(SeenInFile(t, key, where));
    if (!differs) {
      ++stats_.records_unchanged;
      return Status::Ok();
    }
    if (!options_.replace) return Redefined(t, key, earlier, where);
    BindWritten(s.replace, r, derived, where.line, where.json_pointer);
    CREDENCE_RETURN_IF_ERROR(s.replace.Run());
    ++stats_.records_replaced;
    return Written(r, where, /*added=*/false);
  }

  // A claim: a duplicate when the file defined it already; else compared
  // with the stored one when the store may hold it (as Put does the other
  // records); else new, kept in the claim cache with its links and evidence
  // until the cache is written (FlushCache).
  Status Put(model::Claim& r, const InputLocation& where, Derived& derived) {
    const std::size_t t = TableIndex(r);
    auto cached = cache_.find(r.id);
    if (cached != cache_.end() && cached->second.row == CachedClaim::Row::kNew) {
      const NewClaim& first = *cached->second.claim;
      return Duplicate(t, where, Place(file_, first.line, first.pointer));
    }
    bool maybe_stored = cached != cache_.end() && cached->second.row == CachedClaim::Row::kStored;
    if (cached == cache_.end() && ClaimMayBeStored(r.id)) {
      // A key lookup first: most claims are new, and the comparison below
      // costs several times more.
      claim_exists_->Bind(1, r.id);
      auto row = claim_exists_->Step();
      claim_exists_->Reset();
      if (!row.ok()) return row.status();
      maybe_stored = *row;
    }
    if (maybe_stored) {
      bool found = false;
      CREDENCE_RETURN_IF_ERROR(PutStored(r, where, derived, &found));
      if (found) return Status::Ok();
      if (cached != cache_.end()) return Status::Internal("stored claim " + r.id + " not found");
    }
    CachedClaim* entry = nullptr;
    if (cached != cache_.end()) {
      entry = &cached->second;
    } else {
      auto loaded = Entry(r.id, /*absent_from_store=*/true);
      if (!loaded.ok()) return loaded.status();
      entry = &(*loaded)->second;
    }
    cache_bytes_ += sizeof(NewClaim) + r.id.size() + r.text.size() + derived.attributes.size() + where.json_pointer.size();
    entry->row = CachedClaim::Row::kNew;
    entry->changed = true;
    entry->claim.emplace(NewClaim{std::move(r), std::move(derived), where.line, where.json_pointer});
    ++stats_.records_added;
    CREDENCE_RETURN_IF_ERROR(Written(entry->claim->record, where, /*added=*/true));
    return FlushIfFull();
  }

  // A record stored before this import and met again: a duplicate if the
  // file already met it (imp_seen), else noted there.
  Status SeenInFile(std::size_t t, const std::string& key, const InputLocation& where) {
    find_seen_->Bind(1, static_cast<std::int64_t>(t)).Bind(2, key);
    auto seen = find_seen_->Step();
    if (!seen.ok()) return seen.status();
    if (*seen) {
      std::string first = Place(file_, find_seen_->Int(0), find_seen_->Text(1));
      find_seen_->Reset();
      return Duplicate(t, where, first);
    }
    find_seen_->Reset();
    return insert_seen_->Bind(1, static_cast<std::int64_t>(t))
        .Bind(2, key)
        .Bind(3, where.line)
        .Bind(4, where.json_pointer)
        .Run();
  }

  Status Redefined(std::size_t t, const std::string& key, const std::string& earlier,
                   const InputLocation& where) {
    return Status::InvalidInput(std::string(kTables[t]->noun) + " " + ingest::JsonString(key) +
                                    " is already in the store with a different definition, "
                                    "from " +
                                    earlier + " (import with --replace to replace it)",
                                where);
  }

  Status Duplicate(std::size_t t, const InputLocation& where, const std::string& first) {
    return Status::InvalidInput("duplicate " + std::string(kTables[t]->noun) + " " +
                                    ingest::JsonString(where.record_id) +
                                    "; first defined at " + first,
                                where);
  }

  // Whether the store may hold `id`, a claim not in the cache. When the
  // store held no claim as the import began, only a claim this import wrote
  // (and flushed) can be stored, and written_claims_ has seen every claim
  // it wrote: a claim met for the first time then costs no lookup (but for
  // the filter's rare false "maybe").
  bool ClaimMayBeStored(const std::string& id) const {
    return store_had_claims_ || written_claims_.MayContain(id);
  }

  // The cache's element of `claim` (its id and entry), made when the import first meets the
  // claim: with the links and evidence of its stored row (kStored), or of
  // its orphans set aside at an earlier flush (kAbsent), or none. The store
  // is asked only when it may hold the claim (ClaimMayBeStored), and not
  // when `absent_from_store` (the caller asked already).
  Result<CacheElement*> Entry(const std::string& claim, bool absent_from_store) {
    if (last_entry_ != nullptr && last_entry_->first == claim) return last_entry_;
    auto [cached, first_met] = cache_.try_emplace(claim);
    CacheElement* element = &*cached;
    CachedClaim* entry = &cached->second;
    last_entry_ = element;
    if (!first_met) return element;
    // Each stored record is packed again as import packs one it reads, so
    // that the two compare byte for byte.
    auto decode = [&](Statement& st) -> Status {
      CREDENCE_RETURN_IF_ERROR(DecodeLinks(claim, st.View(0), &stored_links_));
      CREDENCE_RETURN_IF_ERROR(DecodeEvidence(claim, st.View(1), &stored_evidence_));
      KeepStored(stored_links_, entry->links);
      KeepStored(stored_evidence_, entry->evidence);
      return Status::Ok();
    };
    auto load = [&](Statement& st) -> Result<bool> {
      st.Bind(1, claim);
      auto row = st.Step();
      Status decoded = row.ok() && *row ? decode(st) : Status::Ok();
      st.Reset();
      if (!row.ok()) return row.status();
      CREDENCE_RETURN_IF_ERROR(decoded);
      return *row;
    };
    if (!absent_from_store && ClaimMayBeStored(claim)) {
      auto stored = load(*load_claim_);
      if (!stored.ok()) return stored.status();
      if (*stored) {
        entry->row = CachedClaim::Row::kStored;
        entry->stored_links = entry->links.size();
        entry->stored_evidence = entry->evidence.size();
        return element;
      }
    }
    if (orphans_stored_) {
      auto taken = load(*take_orphan_);
      if (!taken.ok()) return taken.status();
      entry->changed = *taken;  // out of imp_orphans: written back at the flush
    }
    return element;
  }

  // Puts a stored claim's decoded links or evidence on its list, each
  // packed again (AppendStoredElement).
  template <class T>
  void KeepStored(const std::vector<T>& stored, PackedRecords& records) {
    for (const T& r : stored) {
      const std::uint32_t i = arena_.Add(
          OriginOf(r), [&](const OriginParts&, std::string* out) { return AppendStoredElement(r, out); });
      records.Keep(arena_, i);
      cache_bytes_ += arena_.Bytes(i);
    }
  }

  // Before a link is written: it may start a run of its claim's links.
  Status Before(const model::Link& r) {
    if (run_claim_ != nullptr && r.claim == run_claim_->first) return Status::Ok();
    CREDENCE_RETURN_IF_ERROR(EndLinkRun());
    auto element = Entry(r.claim, /*absent_from_store=*/false);
    if (!element.ok()) return element.status();
    run_claim_ = *element;
    via_run_.Start(/*had_links=*/run_claim_->second.links.size() != 0);
    return Status::Ok();
  }

  // The run of the current claim's links is over: the claim is marked for
  // the cycle search when the run may have closed a cycle in `via`, and the
  // cache is flushed when it has outgrown its bound.
  Status EndLinkRun() {
    if (run_claim_ == nullptr) return Status::Ok();
    if (via_run_.NeedsCheck()) run_claim_->second.check_cycles = true;
    via_run_.Clear();
    run_claim_ = nullptr;
    return cache_bytes_ > options_.link_cache_bytes ? FlushCache() : Status::Ok();
  }

  // Past its bound the cache is written out, even in the middle of a run
  // (a claim with very many links is then written in parts, its next link
  // reading the part back).
  Status FlushIfFull() {
    if (cache_bytes_ <= options_.link_cache_bytes) return Status::Ok();
    CREDENCE_RETURN_IF_ERROR(EndLinkRun());
    return cache_bytes_ > options_.link_cache_bytes ? FlushCache() : Status::Ok();
  }

  // Writes every claim of the cache whose row changed, in claim order (a
  // B-tree's cheapest order), searches the marked ones for cycles, and
  // empties the cache.
  Status FlushCache() {
    struct ByKey {
      std::uint64_t prefix;  // the first 8 bytes, big-endian: most comparisons end here
      std::string_view claim;
      CachedClaim* entry;
      bool operator<(const ByKey& o) const { return prefix != o.prefix ? prefix < o.prefix : claim < o.claim; }
    };
    std::vector<ByKey> claims;
    claims.reserve(cache_.size());
    for (auto& [claim, entry] : cache_) {
      std::uint64_t prefix = 0;
      for (std::size_t i = 0; i < 8; ++i) {
        prefix = prefix << 8 | (i < claim.size() ? static_cast<unsigned char>(claim[i]) : 0u);
      }
      claims.push_back({prefix, claim, &entry});
    }
    std::sort(claims.begin(), claims.end());
    for (const ByKey& by_key : claims) {
      const std::string_view claim = by_key.claim;
      CachedClaim& entry = *by_key.entry;
      // A new claim's row waits in the batch, its arrays in the batch's slot.
      const bool batched = entry.changed && entry.row == CachedClaim::Row::kNew;
      std::string& links = batched ? batch_[batched_].links : packed_links_;
      std::string& evidence = batched ? batch_[batched_].evidence : packed_evidence_;
      if (entry.changed || entry.check_cycles) entry.links.Join(arena_, &join_order_, &links);
      if (entry.changed) {
        entry.evidence.Join(arena_, &join_order_, &evidence);
        switch (entry.row) {
          case CachedClaim::Row::kNew:
            batch_[batched_++].claim = &*entry.claim;
            ++added_.claims;
            CountAdded(entry.links.size(), 0, entry.evidence.size(), 0);
            break;
          case CachedClaim::Row::kStored:
            CountAdded(entry.links.size(), entry.stored_links, entry.evidence.size(), entry.stored_evidence);
            CREDENCE_RETURN_IF_ERROR(update_claim_->BindStatic(1, claim)
                                         .BindStatic(2, packed_links_)
                                         .BindStatic(3, packed_evidence_)
                                         .Run());
            break;
          case CachedClaim::Row::kAbsent:
            CREDENCE_RETURN_IF_ERROR(store_orphan_->BindStatic(1, claim)
                                         .BindStatic(2, packed_links_)
                                         .BindStatic(3, packed_evidence_)
                                         .Run());
            orphans_stored_ = true;
            break;
        }
      }
      if (entry.check_cycles && !cycle_claims_.contains(claim)) {
        CREDENCE_RETURN_IF_ERROR(DecodeLinks(claim, links, &stored_links_));
        CREDENCE_RETURN_IF_ERROR(CheckCycles(std::string(claim), stored_links_));
      }
      if (batched_ == kRowsPerInsert) CREDENCE_RETURN_IF_ERROR(InsertNewClaims());
    }
    CREDENCE_RETURN_IF_ERROR(InsertNewClaims());
    cache_.clear();
    last_entry_ = nullptr;
    arena_.Clear();
    cache_bytes_ = 0;
    return Status::Ok();
  }

  // What a written claim row adds to the store's counts: its links and
  // evidence records, less those its stored row held.
  void CountAdded(std::size_t links, std::size_t stored_links, std::size_t evidence,
                  std::size_t stored_evidence) {
    added_.links += static_cast<std::int64_t>(links) - static_cast<std::int64_t>(stored_links);
    added_.evidence += static_cast<std::int64_t>(evidence) - static_cast<std::int64_t>(stored_evidence);
  }

  // Inserts the batch's rows: all at once when it is full, else one by
  // one (the end of a flush).
  Status InsertNewClaims() {
    auto bind = [&](auto& binder, const NewClaimRow& row) {
      const NewClaim& c = *row.claim;
      const int n = BindWritten(binder, c.record, c.derived, c.line, c.pointer);
      binder.BindStatic(n + 1, row.links).BindStatic(n + 2, row.evidence);
    };
    if (batched_ == kRowsPerInsert) {
      for (int i = 0; i < batched_; ++i) {
        RowBinder binder(*insert_claims_, i * kClaimParams);
        bind(binder, batch_[i]);
      }
      batched_ = 0;
      return insert_claims_->RunAndRebind();
    }
    Statement& insert = tables_[TableIndex(model::Claim{})]->insert;
    for (int i = 0; i < batched_; ++i) {
      bind(insert, batch_[i]);
      CREDENCE_RETURN_IF_ERROR(insert.Run());
    }
    batched_ = 0;
    return Status::Ok();
  }

  // A link or evidence record of `entry` (`records` its links or its
  // evidence; `append` packs it, as PackedRecords::Add): added when its key
  // is new to the claim, or compared with the one the claim holds under it
  // (a duplicate, a re-import, a redefinition), as Put does the other
  // records.
  template <class R, class Append>
  Status PutPacked(const R& r, const InputLocation& where, std::string_view key, CachedClaim& entry,
                   PackedRecords& records, Append&& append) {
    const OriginParts origin{import_id_, file_id_, where.line, where.json_pointer};
    const std::uint32_t stored = records.Find(arena_, key);
    const std::uint32_t added = arena_.Add(origin, append);
    if (stored == PackedArena::kEnd) {
      records.Keep(arena_, added);
      cache_bytes_ += arena_.Bytes(added);
      entry.changed = true;
      ++stats_.records_added;
      return Written(r, where, /*added=*/true);
    }
    const bool same = arena_.Content(stored) == arena_.Content(added);
    const bool mine = arena_.elements[stored].import_id == import_id_;
    // The packed record was for the comparison, unless it replaces the
    // stored one.
    if (mine || same || !options_.replace) arena_.Drop(added);
    const std::size_t t = TableIndex(r);
    if (mine) {
      auto first = PlaceOf(stored);
      if (!first.ok()) return first.status();
      return Duplicate(t, where, *first);
    }
    std::string key_text = KeyText(r);
    CREDENCE_RETURN_IF_ERROR(SeenInFile(t, key_text, where));
    if (same) {
      ++stats_.records_unchanged;
      return Status::Ok();
    }
    if (!options_.replace) {
      auto earlier = PlaceOf(stored);
      if (!earlier.ok()) return earlier.status();
      return Redefined(t, key_text, *earlier, where);
    }
    records.Keep(arena_, added, stored);
    cache_bytes_ += arena_.Bytes(added);
    entry.changed = true;
    ++stats_.records_replaced;
    return Written(r, where, /*added=*/false);
  }

  // A link: to its claim's entry in the cache, within a run of the claim's
  // links (Before).
  Status Put(const model::Link& r, const InputLocation& where, const Derived& derived) {
    CREDENCE_RETURN_IF_ERROR(Before(r));
    const LinkParts parts{r.source,
                          model::Name(r.stance),
                          model::Name(r.mode),
                          {},
                          &r.via,
                          r.reported_by ? &*r.reported_by : nullptr,
                          r.at ? &derived.date : nullptr,
                          derived.attributes};
    CachedClaim& entry = run_claim_->second;
    CREDENCE_RETURN_IF_ERROR(PutPacked(r, where, r.source, entry, entry.links,
                                       [&](const OriginParts& origin, std::string* out) {
                                         return AppendLinkElement(parts, origin, out);
                                       }));
    return FlushIfFull();
  }

  // An evidence record: to its claim's entry in the cache.
  Status Put(const model::Evidence& r, const InputLocation& where, const Derived&) {
    auto element = Entry(r.claim, /*absent_from_store=*/false);
    if (!element.ok()) return element.status();
    CachedClaim& entry = (*element)->second;
    const EvidenceParts parts{r.feature, r.value, r.note ? &*r.note : nullptr};
    CREDENCE_RETURN_IF_ERROR(PutPacked(r, where, r.feature, entry, entry.evidence,
                                       [&](const OriginParts& origin, std::string* out) {
                                         return AppendEvidenceElement(parts, origin, out);
                                       }));
    return FlushIfFull();
  }

  // Where a stored link or evidence record was imported from, as messages
  // name it.
  Result<std::string> PlaceOf(std::uint32_t element) {
    const PackedArena::Element& e = arena_.elements[element];
    auto name = FileName(e.origin_file);
    if (!name.ok()) return name.status();
    return Place(*name, e.origin_line, e.origin_pointer);
  }
  Result<std::string> FileName(std::int64_t id) {
    if (id == file_id_) return file_;
    auto known = file_names_.find(id);
    if (known != file_names_.end()) return known->second;
    file_name_->Bind(1, id);
    auto row = file_name_->Step();
    std::string name = row.ok() && *row ? file_name_->Text(0) : std::string();
    file_name_->Reset();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Internal("corrupt store: no files row " + std::to_string(id));
    return file_names_.emplace(id, std::move(name)).first->second;
  }

  // After a record is written (`added`: new to the store, not a
  // replacement): what it makes known, and what it names.
  Status Written(const model::Source& r, const InputLocation&, bool) {
    sources_.Add(r.id);
    return Status::Ok();
  }
  Status Written(const model::Claim& r, const InputLocation&, bool) {
    claims_.Add(r.id);
    written_claims_.Add(r.id);
    last_claim_ = r.id;  // what the next records most often name
    return Status::Ok();
  }
  Status Written(const model::Link& r, const InputLocation& where, bool) {
    CREDENCE_RETURN_IF_ERROR(Refer(kSource, r.source, where, "/source"));
    CREDENCE_RETURN_IF_ERROR(Refer(kClaim, r.claim, where, "/claim"));
    if (r.reported_by) {
      CREDENCE_RETURN_IF_ERROR(Refer(kSource, *r.reported_by, where, "/reported_by"));
    }
    for (std::size_t i = 0; i < r.via.size(); ++i) {
      CREDENCE_RETURN_IF_ERROR(Refer(kSource, r.via[i], where, "/via/", i));
    }
    via_run_.Add(r);
    return Status::Ok();
  }
  Status Written(const model::Evidence& r, const InputLocation& where, bool) {
    return Refer(kClaim, r.claim, where, "/claim");
  }
  Status Written(const model::Relation& r, const InputLocation& where, bool) {
    std::string key = r.Key();
    for (std::size_t i = 0; i < r.claims.size(); ++i) {
      const char* field = r.kind == model::RelationKind::kImplies ? (i == 0 ? "/from" : "/to")
                                                                  : "/claims";
      CREDENCE_RETURN_IF_ERROR(Refer(kClaim, r.claims[i], where, field));
      CREDENCE_RETURN_IF_ERROR(relation_claim_->Bind(1, key).Bind(2, r.claims[i]).Run());
    }
    return Status::Ok();
  }

  enum Noun { kSource, kClaim };

  // A reference to a source or claim: settled now when the record is known
  // or stored, else noted for the check at the end of the file.
  // `field` is the reference's pointer in its record, followed by `index`
  // when one is given (an element of a list).
  Status Refer(Noun noun, const std::string& id, const InputLocation& where, std::string_view field,
               std::optional<std::size_t> index = std::nullopt) {
    if (noun == kClaim && id == last_claim_) return Status::Ok();
    KnownIds& known = noun == kSource ? sources_ : claims_;
    if (known.Contains(id)) return Status::Ok();
    Statement& exists = noun == kSource ? *source_exists_ : *claim_exists_;
    exists.Bind(1, id);
    auto row = exists.Step();
    exists.Reset();
    if (!row.ok()) return row.status();
    if (*row) {
      known.Add(id);
      return Status::Ok();
    }
    return insert_ref_->Bind(1, noun == kSource ? "source" : "claim")
        .Bind(2, id)
        .Bind(3, where.line)
        .Bind(4, where.json_pointer)
        .Bind(5, where.record_id)
        .Bind(6, index ? std::string(field) + std::to_string(*index) : std::string(field))
        .Run();
  }

  // Whether a file that `read` rejected is checked for unknown references
  // too, and then (into `rejected_ids`) the ids of its rejected records. It
  // is when this thread read all of it (kThisThread reads on past an error;
  // the cap of errors stops it) and each rejected record has an id: a line
  // that is not JSON, or a record whose id is missing or invalid, may have
  // defined any id, and every reference to one would be a false "unknown".
  // A reference to a rejected record's id is not reported: the record is
  // there, only wrong.
  bool ReferencesCheckable(const Status& read,
                           std::set<std::string, std::less<>>* rejected_ids) const {
    if (mode_ != ReadMode::kThisThread || read.code() != ErrorCode::kInvalidInput) return false;
    const std::vector<ErrorDetail>& details = read.details();
    if (static_cast<int>(details.size()) > options_.max_errors) return false;  // capped
    for (const ErrorDetail& d : details) {
      if (d.where.record_id.empty()) return false;
      rejected_ids->insert(d.where.record_id);
    }
    return true;
  }

  // The references that no record of the file or the store resolves, but
  // for those to `rejected_ids`, up to the cap and one more.
  Status Dangling(const std::set<std::string, std::less<>>& rejected_ids,
                  std::vector<ErrorDetail>* errors) {
    auto st = Statement::Prepare(db_, kDangling);
    if (!st.ok()) return st.status();
    const std::size_t wanted = static_cast<std::size_t>(options_.max_errors) + 1;
    // With rejected ids to pass over, any number of rows may be skipped.
    st->Bind(1, rejected_ids.empty() ? static_cast<std::int64_t>(wanted) : std::int64_t{-1});
    while (errors->size() < wanted) {
      auto row = st->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      if (rejected_ids.contains(st->View(4))) continue;
      std::string noun = st->Text(5);
      errors->push_back({InputLocation{file_, st->Int(0), st->Text(1) + st->Text(3), st->Text(2)},
                         "unknown " + noun + " " + ingest::JsonString(st->Text(4)) + ": no " +
                             noun + " with this id in the file or the store"});
    }
    return Status::Ok();
  }

  // Sources of one claim form a graph by `via` (a source -> where it got the
  // claim); a cycle would make each the other's origin. Held per claim only:
  // `links` are all the links of `claim`, the store's and the file's.
  Status CheckCycles(const std::string& claim, const std::vector<StoredLink>& links) {
    struct Edge {
      std::vector<std::string> via;
      InputLocation where;
      bool from_this_file;
    };
    std::map<std::string, Edge> graph;
    for (const StoredLink& l : links) {
      if (l.via == "[]") continue;
      auto via = ingest::StringListFromJson(l.via);
      if (!via.ok()) return Status::Internal("corrupt store: the via list of " + l.source + "->" + claim);
      auto file = FileName(l.origin_file);
      if (!file.ok()) return file.status();
      graph[l.source] = Edge{std::move(*via),
                             InputLocation{*file, l.origin_line, l.origin_pointer, l.source + "->" + claim},
                             l.import_id == import_id_};
    }
    // A cycle needs an edge into a source that itself names an upstream for
    // this claim; most claims have none, and skip the search.
    bool possible = std::any_of(graph.begin(), graph.end(), [&](const auto& node) {
      return std::any_of(node.second.via.begin(), node.second.via.end(),
                         [&](const std::string& up) { return graph.count(up) != 0; });
    });
    if (!possible || static_cast<int>(cycle_errors_.size()) > options_.max_errors) return Status::Ok();
    std::size_t before = cycle_errors_.size();
    FindCycle(claim, graph, &cycle_errors_);
    if (cycle_errors_.size() != before) cycle_claims_.insert(claim);
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
  ReadMode mode_;
  bool input_rejected_ = false;
  std::int64_t file_id_ = 0;
  std::int64_t import_id_ = 0;
  ImportStats stats_;
  std::vector<std::optional<TableStatements>> tables_;  // by TableIndex; none for links
  std::optional<Statement> relation_claim_, find_seen_, insert_seen_, insert_ref_, load_claim_,
      update_claim_, take_orphan_, store_orphan_, file_name_, source_exists_, claim_exists_;
  // Ids of sources and claims known to be in the store (stored before, or
  // written by this import). Past its bound a set forgets what it held, and
  // a reference costs a key lookup, never correctness. Every link names a
  // source, anywhere in the file, so the sources' set is the larger: up to
  // 32 MiB, room for 524,288 sources (the synthetic 1 GB file has 180,835;
  // at 131,072 its import made 709,667 lookups: docs/performance.md).
  // A claim is mostly named by the records right after it: up to 8 MiB.
  static constexpr std::size_t kKnownSources = std::size_t{1} << 19;
  static constexpr std::size_t kKnownClaims = std::size_t{1} << 17;
  KnownIds sources_{kKnownSources}, claims_{kKnownClaims};
  // Every claim this import wrote, in 2 MiB (ClaimMayBeStored).
  IdFilter written_claims_{24};
  ViaRun via_run_;
  // The claims this import touched (their records, links and evidence),
  // until flushed (bounded by ImportOptions::link_cache_bytes; written
  // sorted by claim, so rows go in in key order and errors come in claim
  // order); run_claim_ is the current run's entry (entries of an
  // unordered_map keep their address).
  std::unordered_map<std::string, CachedClaim> cache_;
  CacheElement* run_claim_ = nullptr;
  // The element Entry gave last: a claim's records mostly come together
  // (the claim, its links, its evidence), and each lookup in cache_ costs a
  // hash and a cache miss or two (docs/performance.md).
  CacheElement* last_entry_ = nullptr;
  std::size_t cache_bytes_ = 0;
  std::string packed_links_, packed_evidence_;  // a claim's row being written, reused
  // New claims' rows wait in a batch and are inserted kRowsPerInsert at a
  // time by one statement (insert_claims_): SQLite's cost of starting,
  // ending and resetting a statement is paid once per statement, which cut
  // a 10 MB import by 7 % of its instructions (docs/performance.md; 64 rows
  // a statement gained nothing more). The slots' strings are reused.
  static constexpr int kRowsPerInsert = 16;
  struct NewClaimRow {
    const NewClaim* claim = nullptr;
    std::string links, evidence;
  };
  std::array<NewClaimRow, kRowsPerInsert> batch_;
  int batched_ = 0;
  std::optional<Statement> insert_claims_;
  PackedArena arena_;  // the cache's links and evidence
  std::vector<std::uint32_t> join_order_;  // PackedRecords::Join's scratch
  // A stored claim's records as decoded, before they are packed into the
  // cache, and a claim's links for the cycle search: reused.
  std::vector<StoredLink> stored_links_;
  std::vector<StoredEvidence> stored_evidence_;
  bool store_had_claims_ = true;  // when the import began
  bool orphans_stored_ = false;  // imp_orphans has rows
  std::map<std::int64_t, std::string> file_names_;  // files rows named in messages
  std::vector<ErrorDetail> cycle_errors_;  // reported if every reference resolves
  // What the written claim rows add to record_counts (claims, links and
  // evidence records), added to it as the import ends.
  RecordCounts added_;
  std::set<std::string, std::less<>> cycle_claims_;  // claims already reported with a cycle
  std::string last_claim_;
};

// Whether this process may run on more than one CPU (its affinity mask,
// which taskset and cgroups set; not the machine's count): with one, a
// reading thread would only take turns with the writing one, and cost the
// queue between them.
bool MayUseTwoCpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) != 0) return true;
  return CPU_COUNT(&set) > 1;
}

}  // namespace

Result<ImportStats> ImportFile(sqlite3* db, const std::filesystem::path& file,
                               const ImportOptions& options) {
  // Into a store that holds no cases yet, the data is written once, under a
  // rollback journal, instead of to the WAL and then the store (BulkLoad).
  // Checked before the transaction, which the journal mode cannot change
  // inside: an import by another process that slips in between only makes
  // this one write under those settings into a store with cases, which is
  // as correct (page splits then move live rows; nothing is deleted).
  auto empty = QueryInt(db, kNoCases);
  if (!empty.ok()) return empty.status();
  std::optional<BulkLoad> bulk;
  if (*empty != 0) {
    auto begun = BulkLoad::Begin(db);
    if (!begun.ok()) return begun.status();
    bulk.emplace(std::move(*begun));
  }
  // Only a regular file can be read a second time: a pipe (stdin, a FIFO,
  // /dev/fd/N) is read once, on this thread.
  std::error_code ec;
  if (file != "-" && MayUseTwoCpus() && std::filesystem::is_regular_file(file, ec)) {
    Importer importer(db, file.string(), options, ReadMode::kOwnThread);
    auto stats = importer.Run(file);
    if (!importer.input_rejected()) return stats;
    // Rolled back: read again on one thread for the exact errors.
  }
  return Importer(db, file.string(), options, ReadMode::kThisThread).Run(file);
}

}  // namespace credence::store
