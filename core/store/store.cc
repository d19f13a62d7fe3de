#include "core/store/store.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <ctime>
#include <exception>
#include <map>
#include <ostream>
#include <set>
#include <span>
#include <streambuf>
#include <thread>
#include <tuple>
#include <type_traits>
#include <variant>

#include "core/common/sha256.h"
#include "core/ingest/case_reader.h"
#include "core/ingest/case_writer.h"
#include "core/store/batch_queue_internal.h"
#include "core/store/contributions_codec_internal.h"
#include "core/store/import_internal.h"
#include "core/store/links_codec_internal.h"
#include "core/store/schema_internal.h"
#include "core/store/sqlite_internal.h"

namespace credence::store {
namespace {

// A writer waits this long for another process's write transaction before
// giving up with kBusy.
constexpr int kBusyTimeoutMs = 10'000;

// Connection settings. 64 KiB pages (taking effect only when a store or the
// temp database is created) cut a bulk import's time by about a quarter
// against SQLite's default 4 KiB (docs/performance.md). WAL (set by Open)
// lets readers run beside a writer; synchronous = NORMAL in WAL mode keeps
// the store consistent across a crash or kill -9 (a power cut may lose the
// last commits, never corrupt). temp_store = FILE
// keeps import staging on disk, and the page caches are bounded (64 MiB), so
// memory does not grow with the data.
constexpr const char* kPragmas =
    "PRAGMA page_size = 65536;"
    "PRAGMA temp.page_size = 65536;"
    "PRAGMA foreign_keys = ON;"
    "PRAGMA synchronous = NORMAL;"
    "PRAGMA temp_store = FILE;"
    "PRAGMA cache_size = -65536;"
    "PRAGMA temp.cache_size = -65536;";

Status Corrupt(std::string_view what) {
  return Status::Internal("store holds an invalid " + std::string(what));
}

std::string UtcNow() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

template <class E>
Result<E> ParseEnum(std::string_view text, std::optional<E> (*parse)(std::string_view),
                    std::string_view what) {
  auto v = parse(text);
  if (!v) return Corrupt(what);
  return *v;
}

// A date column: NULL is no date.
Result<std::optional<model::Date>> ParseOptDate(const Statement& st, int col) {
  if (st.IsNull(col)) return std::optional<model::Date>();
  auto d = model::Date::Parse(st.View(col));
  if (!d) return Corrupt("date");
  return std::optional<model::Date>(*d);
}

// Each record type read from its table; the column lists match the Read*
// functions below. Callers add the order (kByKey) or a key condition.
constexpr std::string_view kFromSources =
    "SELECT id, name, kind, attributes, tr_confirmed, tr_refuted, tr_unresolved FROM sources";
constexpr std::string_view kFromClaims =
    "SELECT id, text, kind, lang, made_at, topic, attributes, label FROM claims";
// `links` and `evidence` are views unrolling the claims rows' arrays
// (version 6): ReadRecords, which wants every claim with its links and
// evidence, reads the rows itself (kFromClaimRows).
constexpr std::string_view kFromLinks =
    "SELECT source, claim, stance, mode, via, reported_by, at, attributes FROM links";
constexpr std::string_view kFromEvidence = "SELECT claim, feature, value, note FROM evidence";
constexpr std::string_view kFromRelations = "SELECT kind, claims FROM relations";
// A claim's whole row: kFromClaims's columns, then its links and evidence.
constexpr std::string_view kFromClaimRows =
    "SELECT id, text, kind, lang, made_at, topic, attributes, label, links, evidence FROM claims";
constexpr int kClaimLinksColumn = 8, kClaimEvidenceColumn = 9;

std::string Sql(std::string_view select, std::string_view rest) {
  std::string sql(select);
  sql += ' ';
  sql += rest;
  return sql;
}

Result<model::Source> ReadSource(const Statement& st) {
  model::Source r;
  r.id = st.Text(0);
  r.name = st.Text(1);
  auto kind = ParseEnum(st.View(2), &model::ParseSourceKind, "source kind");
  if (!kind.ok()) return kind.status();
  r.kind = *kind;
  auto attrs = ingest::AttributesFromJson(st.View(3));
  if (!attrs.ok()) return Corrupt("attributes");
  r.attributes = std::move(*attrs);
  if (!st.IsNull(4)) r.track_record = model::TrackRecord{st.Int(4), st.Int(5), st.Int(6)};
  return r;
}

Result<model::Claim> ReadClaim(const Statement& st) {
  model::Claim r;
  r.id = st.Text(0);
  r.text = st.Text(1);
  if (!st.IsNull(2)) {
    auto kind = ParseEnum(st.View(2), &model::ParseClaimKind, "claim kind");
    if (!kind.ok()) return kind.status();
    r.kind = *kind;
  }
  r.lang = st.OptText(3);
  auto made_at = ParseOptDate(st, 4);
  if (!made_at.ok()) return made_at.status();
  r.made_at = *made_at;
  r.topic = st.OptText(5);
  auto attrs = ingest::AttributesFromJson(st.View(6));
  if (!attrs.ok()) return Corrupt("attributes");
  r.attributes = std::move(*attrs);
  if (!st.IsNull(7)) {
    auto label = DecodeLabel(r.id, st.View(7));
    if (!label.ok()) return label.status();
    r.label = std::move(*label);
  }
  return r;
}

Result<model::Link> ReadLink(const Statement& st) {
  model::Link r;
  r.source = st.Text(0);
  r.claim = st.Text(1);
  auto stance = ParseEnum(st.View(2), &model::ParseStance, "stance");
  if (!stance.ok()) return stance.status();
  r.stance = *stance;
  auto mode = ParseEnum(st.View(3), &model::ParseLinkMode, "link mode");
  if (!mode.ok()) return mode.status();
  r.mode = *mode;
  auto via = ingest::StringListFromJson(st.View(4));
  if (!via.ok()) return Corrupt("via list");
  r.via = std::move(*via);
  r.reported_by = st.OptText(5);
  auto at = ParseOptDate(st, 6);
  if (!at.ok()) return at.status();
  r.at = *at;
  auto attrs = ingest::AttributesFromJson(st.View(7));
  if (!attrs.ok()) return Corrupt("attributes");
  r.attributes = std::move(*attrs);
  return r;
}

Result<model::Evidence> ReadEvidence(const Statement& st) {
  return model::Evidence{st.Text(0), st.Text(1), st.Text(2), st.OptText(3)};
}

Result<model::Relation> ReadRelation(const Statement& st) {
  model::Relation r;
  auto kind = ParseEnum(st.View(0), &model::ParseRelationKind, "relation kind");
  if (!kind.ok()) return kind.status();
  r.kind = *kind;
  auto claims = ingest::StringListFromJson(st.View(1));
  if (!claims.ok()) return Corrupt("relation claims");
  r.claims = std::move(*claims);
  return r;
}

// Steps `st` to its end, calling `on_row(st)` (a Status) at each row; the
// first error stops it.
template <class OnRow>
Status StepRows(Statement& st, OnRow&& on_row) {
  for (;;) {
    auto row = st.Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    CREDENCE_RETURN_IF_ERROR(on_row(st));
  }
}

// Steps `st` to its end, calling `fn` on each row turned into a record by
// `read`.
template <class Read, class Fn>
Status ForEachStep(Statement& st, Read read, Fn&& fn) {
  return StepRows(st, [&](const Statement& row) -> Status {
    auto record = read(row);
    if (!record.ok()) return record.status();
    fn(std::move(*record));
    return Status::Ok();
  });
}

// Calls `fn` on every row of `sql` turned into a record by `read`.
template <class Read, class Fn>
Status ForEachRow(sqlite3* db, const std::string& sql, Read read, Fn&& fn) {
  auto st = Statement::Prepare(db, sql);
  if (!st.ok()) return st.status();
  return ForEachStep(*st, read, fn);
}

// The same for the rows of `st` (prepared, parameter 1 = `key`); leaves `st`
// reset for the next key.
template <class Read, class Fn>
Status ForEachKeyedRow(Statement& st, std::string_view key, Read read, Fn&& fn) {
  st.Bind(1, key);
  Status s = ForEachStep(st, read, fn);
  st.Reset();
  return s;
}

// Every record of the store, by type and in key order: sources, claims,
// links, evidence, relations. Reads inside one transaction so the tables
// are one snapshot. Links come sorted by (source, claim).
// With `raw` (not nullptr), claims, links and evidence are not made into
// records: each claims row (in key order) goes to raw.ClaimRow(statement)
// (columns as kFromClaimRows), between the sources and the relations.
template <class Fn, class Raw = std::nullptr_t>
Status ForEachRecord(sqlite3* db, Fn&& fn, Raw&& raw = nullptr) {
  auto snapshot = Transaction::BeginRead(db);
  if (!snapshot.ok()) return snapshot.status();
  CREDENCE_RETURN_IF_ERROR(ForEachRow(db, Sql(kFromSources, "ORDER BY id"), ReadSource, fn));
  if constexpr (std::is_same_v<std::decay_t<Raw>, std::nullptr_t>) {
    CREDENCE_RETURN_IF_ERROR(ForEachRow(db, Sql(kFromClaims, "ORDER BY id"), ReadClaim, fn));
    CREDENCE_RETURN_IF_ERROR(ForEachRow(db, Sql(kFromLinks, "ORDER BY source, claim"), ReadLink, fn));
    // Evidence from the packed arrays, claim by claim: each is sorted by
    // feature already, where the view would be sorted whole.
    auto st = Statement::Prepare(db, "SELECT id, evidence FROM claims WHERE evidence <> '[]' ORDER BY id");
    if (!st.ok()) return st.status();
    std::string text;
    std::vector<EvidenceSlice> evidence;
    const Status read = StepRows(*st, [&](const Statement& row) -> Status {
      text.clear();
      evidence.clear();
      CREDENCE_RETURN_IF_ERROR(DecodeEvidenceSlices(row.View(0), row.View(1), &text, &evidence));
      for (const EvidenceSlice& e : evidence) {
        model::Evidence record{row.Text(0), std::string(e.feature.In(text)), std::string(e.value.In(text)),
                               std::nullopt};
        if (e.has_note) record.note.emplace(e.note.In(text));
        fn(std::move(record));
      }
      return Status::Ok();
    });
    CREDENCE_RETURN_IF_ERROR(read);
  } else {
    auto st = Statement::Prepare(db, Sql(kFromClaimRows, "ORDER BY id"));
    if (!st.ok()) return st.status();
    CREDENCE_RETURN_IF_ERROR(StepRows(*st, [&](const Statement& row) { return raw.ClaimRow(row); }));
  }
  return ForEachRow(db, Sql(kFromRelations, "ORDER BY key"), ReadRelation, fn);
}

// An output stream buffer feeding a SHA-256.
class HashingBuf : public std::streambuf {
 public:
  explicit HashingBuf(Sha256& hash) : hash_(hash) {}

 protected:
  int_type overflow(int_type c) override {
    if (c != traits_type::eof()) {
      char ch = traits_type::to_char_type(c);
      hash_.Update(std::string_view(&ch, 1));
    }
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    hash_.Update(std::string_view(s, static_cast<std::size_t>(n)));
    return n;
  }

 private:
  Sha256& hash_;
};

}  // namespace

struct Store::Impl {
  Db db;
};

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Result<Store> Store::Open(const std::filesystem::path& path, OpenMode mode, const UpgradeNotice& on_upgrade) {
  std::error_code ec;
  if (mode == OpenMode::kMustExist && !std::filesystem::exists(path, ec)) {
    return Status::NotFound("no store at " + path.string() +
                            " (create one with `credence import FILE`)");
  }
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (mode == OpenMode::kCreateIfMissing) flags |= SQLITE_OPEN_CREATE;
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Db db(raw);
  if (rc != SQLITE_OK) return SqliteError(raw, rc, "opening " + path.string());
  sqlite3_extended_result_codes(db.get(), 1);
  sqlite3_busy_timeout(db.get(), kBusyTimeoutMs);
  CREDENCE_RETURN_IF_ERROR(Exec(db.get(), kPragmas));
  // WAL, unless another process is importing into this store while it was
  // empty, under a rollback journal (BulkLoad): SQLite refuses the
  // change then, and this connection works in that mode until it is over.
  //
  // A new store stays under the rollback journal it is created with: its
  // first import, into an empty store, writes under one anyway (BulkLoad)
  // and sets WAL when done, as does the next Open. Setting WAL here would
  // cost that import two more transactions and a checkpoint, seven syncs.
  //
  // After Migrate, which refuses another program's file or a newer store
  // before writing anything: setting WAL writes the file's header.
  auto made = Migrate(db.get(), on_upgrade);
  if (!made.ok()) return made.status();
  if (!*made) {
    auto wal = SetJournalMode(db.get(), "wal");
    if (!wal.ok()) return wal.status();
  }
  auto impl = std::make_unique<Impl>();
  impl->db = std::move(db);
  return Store(std::move(impl));
}

Status Store::SetBusyTimeout(int milliseconds) {
  int rc = sqlite3_busy_timeout(impl_->db.get(), milliseconds);
  if (rc != SQLITE_OK) return SqliteError(impl_->db.get(), rc, "busy timeout");
  return Status::Ok();
}

Result<ImportStats> Store::ImportCaseFile(const std::filesystem::path& file,
                                          const ImportOptions& options) {
  return ImportFile(impl_->db.get(), file, options);
}

Result<model::Case> Store::LoadCase() const {
  model::Case c;
  Status s = ForEachRecord(impl_->db.get(), [&c](auto&& r) {
    using T = std::decay_t<decltype(r)>;
    if constexpr (std::is_same_v<T, model::Source>) c.sources.push_back(std::move(r));
    if constexpr (std::is_same_v<T, model::Claim>) c.claims.push_back(std::move(r));
    if constexpr (std::is_same_v<T, model::Link>) c.links.push_back(std::move(r));
    if constexpr (std::is_same_v<T, model::Evidence>) c.evidence.push_back(std::move(r));
    if constexpr (std::is_same_v<T, model::Relation>) c.relations.push_back(std::move(r));
  });
  if (!s.ok()) return s;
  return c;
}

Result<model::Case> Store::LoadCaseOf(const std::vector<std::string>& claim_ids) const {
  sqlite3* db = impl_->db.get();
  auto snapshot = Transaction::BeginRead(db);
  if (!snapshot.ok()) return snapshot.status();
  auto claim = Statement::Prepare(db, Sql(kFromClaims, "WHERE id = ?1"));
  auto links = Statement::Prepare(db, Sql(kFromLinks, "WHERE claim = ?1"));
  auto evidence = Statement::Prepare(db, Sql(kFromEvidence, "WHERE claim = ?1 ORDER BY feature"));
  auto relations = Statement::Prepare(
      db, Sql(kFromRelations,
              "WHERE key IN (SELECT relation FROM relation_claims WHERE claim = ?1)"));
  auto source = Statement::Prepare(db, Sql(kFromSources, "WHERE id = ?1"));
  for (auto* st : {&claim, &links, &evidence, &relations, &source}) {
    if (!st->ok()) return st->status();
  }
  model::Case c;
  std::set<std::string> claims(claim_ids.begin(), claim_ids.end()), sources, relation_keys;
  for (const std::string& id : claims) {
    auto keep_claim = [&c](model::Claim&& r) { c.claims.push_back(std::move(r)); };
    CREDENCE_RETURN_IF_ERROR(ForEachKeyedRow(*claim, id, ReadClaim, keep_claim));
    auto keep_link = [&](model::Link&& l) {
      sources.insert(l.source);
      sources.insert(l.via.begin(), l.via.end());
      if (l.reported_by) sources.insert(*l.reported_by);
      c.links.push_back(std::move(l));
    };
    CREDENCE_RETURN_IF_ERROR(ForEachKeyedRow(*links, id, ReadLink, keep_link));
    auto keep_evidence = [&c](model::Evidence&& e) { c.evidence.push_back(std::move(e)); };
    CREDENCE_RETURN_IF_ERROR(ForEachKeyedRow(*evidence, id, ReadEvidence, keep_evidence));
    auto keep_relation = [&](model::Relation&& r) {
      if (relation_keys.insert(r.Key()).second) c.relations.push_back(std::move(r));
    };
    CREDENCE_RETURN_IF_ERROR(ForEachKeyedRow(*relations, id, ReadRelation, keep_relation));
  }
  for (const std::string& id : sources) {
    auto keep_source = [&c](model::Source&& r) { c.sources.push_back(std::move(r)); };
    CREDENCE_RETURN_IF_ERROR(ForEachKeyedRow(*source, id, ReadSource, keep_source));
  }
  // In LoadCase's orders: links by (source, claim), relations by key.
  std::sort(c.links.begin(), c.links.end(), [](const model::Link& a, const model::Link& b) {
    return std::tie(a.source, a.claim) < std::tie(b.source, b.claim);
  });
  std::sort(c.relations.begin(), c.relations.end(),
            [](const model::Relation& a, const model::Relation& b) { return a.Key() < b.Key(); });
  return c;
}

Result<RecordCounts> Store::CountRecords() const {
  // The totals import keeps (schema version 7): the claims rows do not hold
  // their element counts, and counting the arrays cost `score` 7 %.
  auto st = Statement::Prepare(impl_->db.get(), "SELECT claims, links, evidence FROM record_counts");
  if (!st.ok()) return st.status();
  auto row = st->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Corrupt("record count");
  return RecordCounts{st->Int(0), st->Int(1), st->Int(2)};
}

namespace {

// What ReadRecords' reading thread hands over: records, claims' links and
// evidence decoded into slices of one text (DecodeLinkSlices,
// DecodeEvidenceSlices), in the order the visitor is to see them.
// Recycled: its buffers are reused batch after batch.
struct ReadBatch {
  static constexpr std::size_t kRecords = 1024;  // records a batch holds at most; links or evidence, 4x
  // One step of the visit: a record, and a claim's links and evidence.
  struct Item {
    std::int32_t record = -1;  // into records; -1: none
    TextSlice claim;
    std::uint32_t link_first = 0, link_count = 0;          // into links
    std::uint32_t evidence_first = 0, evidence_count = 0;  // into evidence
  };
  std::vector<ingest::Record> records;
  std::vector<Item> items;
  std::vector<LinkSlice> links;
  std::vector<TextSlice> via;
  std::vector<EvidenceSlice> evidence;
  std::string text;

  void clear() {
    records.clear();
    items.clear();
    links.clear();
    via.clear();
    evidence.clear();
    text.clear();
  }
  bool empty() const { return items.empty(); }
  bool full() const {
    return records.size() >= kRecords || links.size() >= 4 * kRecords || evidence.size() >= 4 * kRecords ||
           text.size() >= (1u << 20);
  }
  TextSlice Append(std::string_view s) {
    TextSlice slice{static_cast<std::uint32_t>(text.size()), static_cast<std::uint32_t>(s.size())};
    text.append(s);
    return slice;
  }
};

using ReadBatches = BatchQueue<ingest::Record, ReadBatch::kRecords, 8, ReadBatch>;

// Thrown through ForEachRecord when the visiting side has stopped (it
// threw), so that reading stops too instead of running to the end.
struct ReadStopped {};

// Fills ReadRecords' batches, on the reading thread: the record function
// and the `raw` rows of ForEachRecord.
class BatchFiller {
 public:
  explicit BatchFiller(ReadBatches& queue) : queue_(queue), batch_(queue.Spare()) {}

  template <class Record>
  void operator()(Record&& r) {
    ReadBatch::Item& item = batch_.items.emplace_back();
    item.record = static_cast<std::int32_t>(batch_.records.size());
    batch_.records.emplace_back(std::forward<Record>(r));
    if (batch_.full()) Push();
  }

  // A claims row (columns as kFromClaimRows): the claim, its links, its
  // evidence.
  Status ClaimRow(const Statement& st) {
    auto claim = ReadClaim(st);
    if (!claim.ok()) return claim.status();
    ReadBatch::Item& item = batch_.items.emplace_back();
    item.record = static_cast<std::int32_t>(batch_.records.size());
    const std::string_view id = st.View(0);
    item.claim = batch_.Append(id);
    batch_.records.emplace_back(std::move(*claim));
    item.link_first = static_cast<std::uint32_t>(batch_.links.size());
    CREDENCE_RETURN_IF_ERROR(
        DecodeLinkSlices(id, st.View(kClaimLinksColumn), &batch_.text, &batch_.links, &batch_.via));
    item.link_count = static_cast<std::uint32_t>(batch_.links.size() - item.link_first);
    for (std::uint32_t i = item.link_first; i < batch_.links.size(); ++i) {
      CREDENCE_RETURN_IF_ERROR(CheckAttributes(id, batch_.links[i].attributes.In(batch_.text)));
    }
    item.evidence_first = static_cast<std::uint32_t>(batch_.evidence.size());
    CREDENCE_RETURN_IF_ERROR(
        DecodeEvidenceSlices(id, st.View(kClaimEvidenceColumn), &batch_.text, &batch_.evidence));
    item.evidence_count = static_cast<std::uint32_t>(batch_.evidence.size() - item.evidence_first);
    if (batch_.full()) Push();
    return Status::Ok();
  }

  // Hands the batch over (if it holds anything); throws ReadStopped when
  // the visiting side has stopped.
  void Push() {
    if (batch_.empty()) return;
    if (!queue_.Push(std::move(batch_))) throw ReadStopped{};
    batch_ = queue_.Spare();
  }

 private:
  // That a link's attributes parse (what Visit(Link) would be given),
  // checked once per distinct text: most links have none, and those that
  // do repeat a few sets.
  Status CheckAttributes(std::string_view claim, std::string_view attributes) {
    if (attributes == "{}" || attributes_ok_.contains(attributes)) return Status::Ok();
    if (!ingest::AttributesFromJson(attributes).ok()) {
      return Status::Internal("corrupt store: the links of claim " + ingest::JsonString(claim) + ": attributes");
    }
    if (attributes_ok_.size() < 4096) attributes_ok_.emplace(attributes);
    return Status::Ok();
  }

  ReadBatches& queue_;
  ReadBatch batch_;
  std::set<std::string, std::less<>> attributes_ok_;
};

// Hands a batch to `visitor` (on the visiting thread); `views` and `via`
// are scratch.
void VisitBatch(ReadBatch& batch, RecordVisitor& visitor, std::vector<RecordVisitor::LinkView>* views,
                std::vector<std::string_view>* via) {
  const std::string_view text = batch.text;
  for (const ReadBatch::Item& item : batch.items) {
    if (item.record >= 0) {
      std::visit([&](auto& record) { visitor.Visit(std::move(record)); },
                 batch.records[static_cast<std::size_t>(item.record)]);
    }
    if (item.link_count > 0) {
      views->clear();
      via->clear();
      const std::span<const LinkSlice> links(batch.links.data() + item.link_first, item.link_count);
      for (const LinkSlice& l : links) {
        for (std::uint32_t i = 0; i < l.via_count; ++i) via->push_back(batch.via[l.via_begin + i].In(text));
      }
      std::size_t at = 0;
      for (const LinkSlice& l : links) {
        RecordVisitor::LinkView& v = views->emplace_back();
        v.source = l.source.In(text);
        v.stance = l.stance;
        v.mode = l.mode;
        v.via = std::span<const std::string_view>(via->data() + at, l.via_count);
        at += l.via_count;
        if (l.has_reported_by) v.reported_by = l.reported_by.In(text);
        v.at = l.at;
        v.attributes = l.attributes.In(text);
      }
      visitor.VisitLinks(item.claim.In(text), *views);
    }
    for (std::uint32_t i = 0; i < item.evidence_count; ++i) {
      const EvidenceSlice& e = batch.evidence[item.evidence_first + i];
      RecordVisitor::EvidenceView v{item.claim.In(text), e.feature.In(text), e.value.In(text), std::nullopt};
      if (e.has_note) v.note = e.note.In(text);
      visitor.VisitEvidence(v);
    }
  }
}

}  // namespace

void RecordVisitor::VisitLinks(std::string_view claim, std::span<const LinkView> links) {
  for (const LinkView& v : links) {
    model::Link l;
    l.source.assign(v.source);
    l.claim.assign(claim);
    l.stance = v.stance;
    l.mode = v.mode;
    l.via.assign(v.via.begin(), v.via.end());
    if (v.reported_by) l.reported_by.emplace(*v.reported_by);
    l.at = v.at;
    // ReadRecords checked the attributes parse.
    if (auto attributes = ingest::AttributesFromJson(v.attributes); attributes.ok()) {
      l.attributes = std::move(*attributes);
    }
    Visit(std::move(l));
  }
}

void RecordVisitor::VisitEvidence(const EvidenceView& v) {
  model::Evidence e{std::string(v.claim), std::string(v.feature), std::string(v.value), std::nullopt};
  if (v.note) e.note.emplace(*v.note);
  Visit(std::move(e));
}

// The store is read (SQLite, decoding links) on a second thread while this
// one hands the records to the visitor: on a large store the visitor (the
// scorer's index, interning every id) costs about as much as the reading,
// so the two overlap. The connection is used by the reading thread alone
// until it is joined. Links and evidence are not made into records: they
// are passed as views (RecordVisitor::VisitLinks, VisitEvidence) of one
// text per batch; a string per field of ten million links, made on one
// thread and freed on the other, was most of what reading cost.
Status Store::ReadRecords(RecordVisitor& visitor) const {
  ReadBatches queue;
  Status read = Status::Ok();
  std::exception_ptr thrown;
  std::thread reader([&] {
    try {
      BatchFiller filler(queue);
      read = ForEachRecord(impl_->db.get(), filler, filler);
      if (read.ok()) filler.Push();
    } catch (const ReadStopped&) {
      // The visitor's exception is the one that counts.
    } catch (...) {
      thrown = std::current_exception();
    }
    queue.Close();
  });
  StopAndJoin<ReadBatches> join(queue, reader);
  ReadBatch batch;
  std::vector<RecordVisitor::LinkView> views;
  std::vector<std::string_view> via;
  while (queue.Pop(&batch)) {
    VisitBatch(batch, visitor, &views, &via);
    queue.Recycle(std::move(batch));
  }
  reader.join();
  if (thrown) std::rethrow_exception(thrown);
  return read;
}

Status Store::ExportCase(CaseEncoding encoding, std::ostream& out) const {
  ingest::CaseWriter writer(
      encoding == CaseEncoding::kJson ? ingest::Encoding::kJson : ingest::Encoding::kJsonl, out);
  CREDENCE_RETURN_IF_ERROR(
      ForEachRecord(impl_->db.get(), [&writer](const auto& r) { writer.Write(r); }));
  if (!writer.Finish()) return Status::Io("write error while exporting");
  return Status::Ok();
}

Result<std::string> Store::DataSha256() const {
  Sha256 hash;
  HashingBuf buf(hash);
  std::ostream out(&buf);
  CREDENCE_RETURN_IF_ERROR(ExportCase(CaseEncoding::kJsonl, out));
  return hash.HexDigest();
}

// A claim's row waiting for its group's INSERT. Outside the anonymous
// namespace: RunWriter::Impl, a member of an exported class, holds some.
struct PendingClaim {
  score::ClaimScore claim;     // contributions empty: they are below
  std::string contributions;   // the array, sentence numbers in
};

namespace {

// Claims are inserted this many at a time, by one INSERT of as many rows:
// SQLite then runs a statement, opens the table's cursor and seeks from the
// root once a group instead of once a claim (measured: 7.1 K instead of
// 11.4 K instructions a claim in SQLite, docs/performance.md).
constexpr int kClaimsPerInsert = 16;
constexpr int kClaimColumns = 13;  // parameters of one claim's row

// The INSERT of `rows` claims. OR FAIL, not the default ABORT: an ABORT
// statement writing several rows keeps a statement journal to undo its own
// rows, whose 64 KiB pages cost more than the grouping saves; a failed
// insert fails the whole run anyway (the writer is dropped uncommitted).
std::string InsertClaimsSql(int rows) {
  return "INSERT OR FAIL INTO claim_scores (run_id, claim_id, p, p_raw, log_odds, lo, hi, lines, "
         "icd203, icd203_range, admiralty_credibility, politifact, contributions) VALUES " +
         ValuesRows(rows, kClaimColumns);
}

// Binds `p` as the claim of parameters first .. first + 12, without copies:
// `p` must stay unchanged until the statement has run.
void BindClaim(RowBinder st, std::int64_t run_id, const PendingClaim& p) {
  const score::ClaimScore& c = p.claim;
  st.Bind(1, run_id).BindStatic(2, c.claim_id).Bind(3, c.p).Bind(4, c.p_raw);
  st.Bind(5, c.log_odds).Bind(6, c.lo).Bind(7, c.hi);
  st.Bind(8, std::int64_t{c.lines}).BindStatic(9, c.verdict.icd203);
  st.BindStatic(10, c.verdict.icd203_range);
  st.Bind(11, std::int64_t{c.verdict.admiralty_credibility});
  st.BindStatic(12, c.verdict.politifact).BindStatic(13, p.contributions);
}

}  // namespace

// The statements of one run being written, inside its transaction. The
// writer inserts the run's row first and each sentence before the first
// claim that uses it, so SQLite's foreign key checks (a lookup per row) are
// off while it writes. Members end in reverse order: the transaction before
// the checks come back on.
struct RunWriter::Impl {
  ForeignKeysOff fk;
  Transaction tx;
  std::int64_t id;
  Statement ins_claim, ins_claims, ins_text;  // one claim, kClaimsPerInsert claims, a sentence
  TextNumbers texts;
  ClaimRow row;                        // Add(ClaimScore)'s encoding, reused
  std::vector<std::int64_t> text_ids;  // the claim's sentence numbers, reused
  std::array<PendingClaim, kClaimsPerInsert> pending;  // reused
  int pending_count = 0;

  // Inserts the pending claims, in order.
  Status InsertPending() {
    const int n = pending_count;
    pending_count = 0;
    if (n == kClaimsPerInsert) {
      for (int i = 0; i < n; ++i) BindClaim(RowBinder(ins_claims, i * kClaimColumns), id, pending[i]);
      return ins_claims.RunAndRebind();
    }
    for (int i = 0; i < n; ++i) {
      BindClaim(RowBinder(ins_claim, 0), id, pending[i]);
      CREDENCE_RETURN_IF_ERROR(ins_claim.Run());
    }
    return Status::Ok();
  }
};

RunWriter::RunWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RunWriter::RunWriter(RunWriter&&) noexcept = default;
RunWriter& RunWriter::operator=(RunWriter&&) noexcept = default;
RunWriter::~RunWriter() = default;

Result<RunWriter> Store::BeginRun() {
  sqlite3* db = impl_->db.get();
  auto fk = ForeignKeysOff::Begin(db);
  if (!fk.ok()) return fk.status();
  auto tx = Transaction::Begin(db);
  if (!tx.ok()) return tx.status();
  // The row is completed by Commit, inside the same transaction: nobody sees
  // it before.
  auto ins_run = Statement::Prepare(
      db, "INSERT INTO runs (created_at, engine, rules_name, rules_sha256, seed, fit, "
          "interval_level) VALUES (?1, '', '', '', 0, NULL, 0)");
  if (!ins_run.ok()) return ins_run.status();
  ins_run->Bind(1, UtcNow());
  CREDENCE_RETURN_IF_ERROR(ins_run->Run());
  const std::int64_t id = sqlite3_last_insert_rowid(db);
  auto ins_claim = Statement::Prepare(db, InsertClaimsSql(1));
  auto ins_claims = Statement::Prepare(db, InsertClaimsSql(kClaimsPerInsert));
  auto ins_text = Statement::Prepare(db, "INSERT INTO run_texts (run_id, id, text) VALUES (?1, ?2, ?3)");
  if (!ins_claim.ok()) return ins_claim.status();
  if (!ins_claims.ok()) return ins_claims.status();
  if (!ins_text.ok()) return ins_text.status();
  return RunWriter(std::make_unique<RunWriter::Impl>(RunWriter::Impl{std::move(*fk), std::move(*tx), id,
                                                                     std::move(*ins_claim), std::move(*ins_claims),
                                                                     std::move(*ins_text), TextNumbers(), {}, {}, {}, 0}));
}

Status RunWriter::Add(const score::ClaimScore& c) {
  impl_->row.Encode(c);
  return Add(impl_->row);
}

Status RunWriter::Add(const ClaimRow& row) {
  Impl& w = *impl_;
  // Sentences first: a new one gets its run_texts row as it is numbered.
  w.text_ids.clear();
  for (std::size_t i = 0; i < row.text_hash_.size(); ++i) {
    const std::string_view text = row.text(i);
    bool is_new = false;
    const std::int64_t n = w.texts.Number(text, row.text_hash_[i], &is_new);
    if (is_new) CREDENCE_RETURN_IF_ERROR(w.ins_text.Bind(1, w.id).Bind(2, n).BindStatic(3, text).Run());
    w.text_ids.push_back(n);
  }
  PendingClaim& p = w.pending[static_cast<std::size_t>(w.pending_count++)];
  p.claim = row.claim_;  // assignment keeps p's string buffers
  FillTextNumbers(row.contributions_, row.text_at_, w.text_ids, &p.contributions);
  return w.pending_count == kClaimsPerInsert ? w.InsertPending() : Status::Ok();
}

Result<std::int64_t> RunWriter::Commit(const score::Run& run) {
  sqlite3* db = impl_->ins_claim.db();
  const std::int64_t id = impl_->id;
  auto upd_run = Statement::Prepare(
      db, "UPDATE runs SET engine = ?2, rules_name = ?3, rules_sha256 = ?4, seed = ?5, fit = ?6, "
          "interval_level = ?7 WHERE id = ?1");
  auto ins_source = Statement::Prepare(
      db, "INSERT INTO source_ratings (run_id, source_id, alpha, beta, mean, admiralty, rules) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!upd_run.ok()) return upd_run.status();
  if (!ins_source.ok()) return ins_source.status();
  CREDENCE_RETURN_IF_ERROR(impl_->InsertPending());
  const score::RunInfo& info = run.info;
  // The seed is a full 64-bit unsigned value: stored bit for bit in SQLite's
  // signed INTEGER.
  upd_run->Bind(1, id).Bind(2, info.engine).Bind(3, info.rules_name);
  upd_run->Bind(4, info.rules_sha256).Bind(5, static_cast<std::int64_t>(info.seed));
  upd_run->BindOpt(6, info.fit).Bind(7, info.interval_level);
  CREDENCE_RETURN_IF_ERROR(upd_run->Run());
  for (const score::SourceRating& s : run.sources) {
    ins_source->Bind(1, id).BindStatic(2, s.source_id).Bind(3, s.alpha).Bind(4, s.beta);
    ins_source->Bind(5, s.mean).Bind(6, std::string_view(&s.admiralty, 1));
    ins_source->Bind(7, ingest::StringListJson(s.rules));
    CREDENCE_RETURN_IF_ERROR(ins_source->Run());
  }
  CREDENCE_RETURN_IF_ERROR(impl_->tx.Commit());
  return id;
}

Result<std::int64_t> Store::SaveRun(score::Run run) {
  Result<RunWriter> writer = BeginRun();
  if (!writer.ok()) return writer.status();
  for (const score::ClaimScore& c : run.claims) CREDENCE_RETURN_IF_ERROR(writer->Add(c));
  return writer->Commit(run);
}

namespace {

// The columns of a run's rows, matching the Read* functions below; callers
// add the run and a key condition or the order.
constexpr std::string_view kFromClaimScores =
    "SELECT claim_id, p, p_raw, log_odds, lo, hi, lines, icd203, icd203_range, "
    "admiralty_credibility, politifact, contributions FROM claim_scores WHERE run_id = ?2";
constexpr std::string_view kFromSourceRatings =
    "SELECT source_id, alpha, beta, mean, admiralty, rules FROM source_ratings WHERE run_id = ?2";

// A claim's score as stored: its contributions' sentences are still the
// numbers of their run_texts rows (text_ids, one per contribution).
struct StoredClaimScore {
  score::ClaimScore score;
  std::vector<std::int64_t> text_ids;
};

Result<StoredClaimScore> ReadClaimScore(const Statement& st) {
  StoredClaimScore stored;
  score::ClaimScore& c = stored.score;
  c.claim_id = st.Text(0);
  c.p = st.Real(1);
  c.p_raw = st.Real(2);
  c.log_odds = st.Real(3);
  c.lo = st.Real(4);
  c.hi = st.Real(5);
  c.lines = static_cast<int>(st.Int(6));
  c.verdict = score::Verdict{st.Text(7), st.Text(8), static_cast<int>(st.Int(9)), st.Text(10)};
  Result<std::vector<PackedContribution>> packed = UnpackContributions(st.View(11));
  if (!packed.ok()) return Status::Internal(packed.status().message() + ", claim " + c.claim_id);
  c.contributions.reserve(packed->size());
  stored.text_ids.reserve(packed->size());
  for (PackedContribution& p : *packed) {
    c.contributions.push_back(std::move(p.contribution));
    stored.text_ids.push_back(p.text_id);
  }
  return stored;
}

// Gives the contributions of `claims` their sentences from run_texts: every
// text of the run read once in key order (`all`), else each one used looked
// up by key.
Status FillTexts(sqlite3* db, std::int64_t run_id, bool all, std::vector<StoredClaimScore>& claims) {
  std::map<std::int64_t, std::string> texts;
  if (all) {
    auto st = Statement::Prepare(db, "SELECT id, text FROM run_texts WHERE run_id = ?1 ORDER BY id");
    if (!st.ok()) return st.status();
    st->Bind(1, run_id);
    for (;;) {
      auto row = st->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      texts.emplace_hint(texts.end(), st->Int(0), st->Text(1));
    }
  } else {
    auto st = Statement::Prepare(db, "SELECT text FROM run_texts WHERE run_id = ?1 AND id = ?2");
    if (!st.ok()) return st.status();
    for (const StoredClaimScore& c : claims) {
      for (std::int64_t id : c.text_ids) {
        if (texts.count(id)) continue;
        st->Bind(1, run_id).Bind(2, id);
        auto row = st->Step();
        if (!row.ok()) return row.status();
        if (*row) texts.emplace(id, st->Text(0));
        st->Reset();
      }
    }
  }
  for (StoredClaimScore& c : claims) {
    for (std::size_t i = 0; i < c.text_ids.size(); ++i) {
      auto it = texts.find(c.text_ids[i]);
      if (it == texts.end()) return Corrupt("contribution text number (no such run_texts row)");
      c.score.contributions[i].text = it->second;
    }
  }
  return Status::Ok();
}

Result<score::SourceRating> ReadSourceRating(const Statement& st) {
  score::SourceRating s;
  s.source_id = st.Text(0);
  s.alpha = st.Real(1);
  s.beta = st.Real(2);
  s.mean = st.Real(3);
  std::string adm = st.Text(4);
  s.admiralty = adm.empty() ? 'F' : adm[0];
  auto rules = ingest::StringListFromJson(st.View(5));
  if (!rules.ok()) return Corrupt("rule list");
  s.rules = std::move(*rules);
  return s;
}

// Reads the rows of `select` for run `run_id`: all of them in key order
// (`keys` null), or those of each key in `keys` (`select` then has "?1").
template <class Read, class Fn>
Status ForEachRunRow(sqlite3* db, std::string_view select, std::string_view key_column,
                     std::string_view order, std::int64_t run_id, const std::set<std::string>* keys,
                     Read read, Fn&& fn) {
  std::string sql(select);
  sql += keys ? " AND " + std::string(key_column) + " = ?1 ORDER BY " : " ORDER BY ";
  sql += order;
  auto st = Statement::Prepare(db, sql);
  if (!st.ok()) return st.status();
  st->Bind(2, run_id);
  if (keys == nullptr) return ForEachStep(*st, read, fn);
  for (const std::string& key : *keys) {
    // ForEachKeyedRow clears the bindings it leaves: bind the run again.
    st->Bind(2, run_id);
    CREDENCE_RETURN_IF_ERROR(ForEachKeyedRow(*st, key, read, fn));
  }
  return Status::Ok();
}

}  // namespace

Result<score::Run> Store::LoadRun(std::optional<std::int64_t> id) const {
  return LoadRunOf(id, nullptr, nullptr);
}

Result<score::Run> Store::LoadRunOf(std::optional<std::int64_t> id,
                                    const std::set<std::string>* claims,
                                    const std::set<std::string>* sources) const {
  sqlite3* db = impl_->db.get();
  auto snapshot = Transaction::BeginRead(db);
  if (!snapshot.ok()) return snapshot.status();

  auto sel = Statement::Prepare(
      db, id ? "SELECT id, created_at, engine, rules_name, rules_sha256, seed, fit, "
               "interval_level FROM runs WHERE id = ?1"
             : "SELECT id, created_at, engine, rules_name, rules_sha256, seed, fit, "
               "interval_level FROM runs ORDER BY id DESC LIMIT 1");
  if (!sel.ok()) return sel.status();
  if (id) sel->Bind(1, *id);
  auto row = sel->Step();
  if (!row.ok()) return row.status();
  if (!*row) {
    return Status::NotFound(id ? "no run " + std::to_string(*id) + " in the store"
                               : "no runs in the store (run `credence score` first)");
  }
  score::Run run;
  run.info = score::RunInfo{sel->Int(0),     sel->Text(1),
                            sel->Text(2),    sel->Text(3),
                            sel->Text(4),    static_cast<std::uint64_t>(sel->Int(5)),
                            sel->OptText(6), sel->Real(7)};
  const std::int64_t run_id = run.info.id;

  std::vector<StoredClaimScore> stored;
  CREDENCE_RETURN_IF_ERROR(ForEachRunRow(db, kFromClaimScores, "claim_id", "claim_id", run_id, claims,
                                         ReadClaimScore, [&stored](StoredClaimScore&& c) {
                                           stored.push_back(std::move(c));
                                         }));
  CREDENCE_RETURN_IF_ERROR(FillTexts(db, run_id, claims == nullptr, stored));
  run.claims.reserve(stored.size());
  for (StoredClaimScore& c : stored) run.claims.push_back(std::move(c.score));
  CREDENCE_RETURN_IF_ERROR(ForEachRunRow(db, kFromSourceRatings, "source_id", "source_id", run_id, sources,
                                         ReadSourceRating, [&run](score::SourceRating&& s) {
                                           run.sources.push_back(std::move(s));
                                         }));
  return run;
}

Result<std::vector<score::RunInfo>> Store::ListRuns() const {
  auto st = Statement::Prepare(impl_->db.get(),
                               "SELECT id, created_at, engine, rules_name, rules_sha256, seed, "
                               "fit, interval_level FROM runs ORDER BY id");
  if (!st.ok()) return st.status();
  std::vector<score::RunInfo> out;
  for (;;) {
    auto r = st->Step();
    if (!r.ok()) return r.status();
    if (!*r) break;
    out.push_back(score::RunInfo{st->Int(0), st->Text(1), st->Text(2), st->Text(3),
                                 st->Text(4), static_cast<std::uint64_t>(st->Int(5)),
                                 st->OptText(6), st->Real(7)});
  }
  return out;
}

Status Store::SaveFit(const StoredFit& fit) {
  auto st = Statement::Prepare(
      impl_->db.get(),
      "INSERT INTO fits (name, created_at, data_sha256, json) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (name) DO UPDATE SET created_at = excluded.created_at, "
      "data_sha256 = excluded.data_sha256, json = excluded.json");
  if (!st.ok()) return st.status();
  st->Bind(1, fit.name).Bind(2, fit.created_at.empty() ? UtcNow() : fit.created_at);
  st->Bind(3, fit.data_sha256).Bind(4, fit.json);
  return st->Run();
}

Status Store::SaveEvaluation(const StoredEvaluation& evaluation) {
  auto st = Statement::Prepare(
      impl_->db.get(),
      "INSERT INTO evaluations (run_id, created_at, json) "
      "SELECT id, ?2, ?3 FROM runs WHERE id = ?1 "
      "ON CONFLICT (run_id) DO UPDATE SET created_at = excluded.created_at, json = excluded.json");
  if (!st.ok()) return st.status();
  st->Bind(1, evaluation.run_id);
  st->Bind(2, evaluation.created_at.empty() ? UtcNow() : evaluation.created_at);
  st->Bind(3, evaluation.json);
  CREDENCE_RETURN_IF_ERROR(st->Run());
  if (sqlite3_changes(impl_->db.get()) == 0) {
    return Status::NotFound("no run " + std::to_string(evaluation.run_id) + " in the store");
  }
  return Status::Ok();
}

Result<std::optional<StoredEvaluation>> Store::LoadEvaluation(std::int64_t run_id) const {
  auto st = Statement::Prepare(impl_->db.get(),
                               "SELECT created_at, json FROM evaluations WHERE run_id = ?1");
  if (!st.ok()) return st.status();
  st->Bind(1, run_id);
  auto r = st->Step();
  if (!r.ok()) return r.status();
  if (!*r) return std::optional<StoredEvaluation>();
  return std::optional<StoredEvaluation>(StoredEvaluation{run_id, st->Text(0), st->Text(1)});
}

Result<StoredFit> Store::LoadFit(const std::string& name) const {
  auto st = Statement::Prepare(
      impl_->db.get(), "SELECT name, created_at, data_sha256, json FROM fits WHERE name = ?1");
  if (!st.ok()) return st.status();
  st->Bind(1, name);
  auto r = st->Step();
  if (!r.ok()) return r.status();
  if (!*r) return Status::NotFound("no fit named \"" + name + "\" in the store");
  return StoredFit{st->Text(0), st->Text(1), st->Text(2), st->Text(3)};
}

}  // namespace credence::store
