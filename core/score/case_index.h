// A case in the compact form the scorer reads. Ids are interned to indexes
// whose order is the order of the ids, links are packed (28 bytes each) and
// grouped by claim, sources are packed (16 bytes each, their id and name in
// a shared text arena), and identical attribute sets are stored once, so that
// ten million links, or ten million sources, fit in a few hundred megabytes.
//
// Records are added in any order; Finish() resolves references and reports
// what does not resolve. Labels are dropped on the way in: the scorer never
// sees them.
#ifndef CREDENCE_CORE_SCORE_CASE_INDEX_H_
#define CREDENCE_CORE_SCORE_CASE_INDEX_H_

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/common/status.h"
#include "core/model/case.h"

namespace credence::score {

class CaseIndex {
 public:
  struct Link {
    std::int32_t source = -1;
    std::int32_t claim = -1;
    std::int32_t conduit = -1;     // reported_by, or -1
    std::int32_t attributes = 0;   // index into the attribute sets; 0 = empty
    std::uint32_t via_begin = 0;   // into the via pool
    std::uint16_t via_count = 0;
    // A byte each (the enums themselves take four).
    std::uint8_t stance_code = static_cast<std::uint8_t>(model::Stance::kNeutral);
    std::uint8_t mode_code = static_cast<std::uint8_t>(model::LinkMode::kRelays);
    bool independent = false;      // graph::IsIndependent

    model::Stance stance() const { return static_cast<model::Stance>(stance_code); }
    model::LinkMode mode() const { return static_cast<model::LinkMode>(mode_code); }
  };
  static_assert(sizeof(Link) == 28);

  CaseIndex();
  // Move-only: sources point into the index's own text arena.
  CaseIndex(CaseIndex&&) = default;
  CaseIndex& operator=(CaseIndex&&) = default;

  // Room for this many claims, links and evidence records, when the caller
  // knows them (a store does): no copies while adding, and no peak of a
  // vector and its doubled successor at once.
  void Reserve(std::size_t claims, std::size_t links, std::size_t evidence);

  // A link by its fields, for a reader that holds them as text (the
  // store's) and need not make a model::Link of each: the same as
  // Add(model::Link) of those fields.
  struct LinkFields {
    std::string_view source, claim;
    model::Stance stance = model::Stance::kNeutral;
    model::LinkMode mode = model::LinkMode::kRelays;
    std::span<const std::string_view> via;
    std::optional<std::string_view> reported_by;
    const model::Attributes* attributes = nullptr;  // null: none
  };

  void Add(const model::Source& source);
  void Add(model::Claim claim);
  void Add(const model::Link& link);
  void Add(const LinkFields& link);
  // Evidence by its fields: the same as Add(model::Evidence) of them.
  struct EvidenceFields {
    std::string_view claim, feature, value;
    std::optional<std::string_view> note;
  };
  void Add(const EvidenceFields& evidence);
  void Add(model::Evidence evidence);
  void Add(model::Relation relation);

  // Sorts, resolves every id and checks the references. kInvalidInput names
  // the first record that references an unknown id or repeats a key. Call
  // once, after the last Add.
  Status Finish();

  // Builds and finishes an index of `c`.
  static Result<CaseIndex> Of(const model::Case& c);

  // Sources by id: how many, and source `s`'s fields.
  std::size_t source_count() const { return sources_.size(); }
  std::string_view source_id(std::size_t s) const { return sources_[s].id(); }
  std::string_view source_name(std::size_t s) const { return sources_[s].name(); }
  model::SourceKind source_kind(std::size_t s) const { return sources_[s].kind(); }
  // Source `s` as a record (a copy: for matching rules against it).
  model::Source source(std::size_t s) const;

  // Claims by id: how many, claim `c`'s id, and claim `c` as a record (a
  // copy: for matching rules against it; its label is never kept).
  std::size_t claim_count() const { return claims_.size(); }
  std::string_view claim_id(std::size_t c) const { return claims_[c].id(); }
  model::Claim claim(std::size_t c) const;
  const std::vector<model::Relation>& relations() const { return relations_; }  // by key
  std::size_t link_count() const { return links_.size(); }

  // The links of claim `c`, sorted by source.
  std::span<const Link> links_of(std::size_t c) const {
    return {links_.data() + link_offsets_[c], links_.data() + link_offsets_[c + 1]};
  }
  // The evidence of claim `c`, sorted by feature: indexes for evidence().
  std::span<const std::int32_t> evidence_of(std::size_t c) const {
    return {evidence_order_.data() + evidence_offsets_[c], evidence_order_.data() + evidence_offsets_[c + 1]};
  }
  // An evidence record's feature, value and note. Records that differ only
  // in their claim are stored once, so `claim` is empty: the claim is the one
  // whose evidence_of() gave `e`.
  const model::Evidence& evidence(std::int32_t e) const { return evidence_[e]; }
  // Relation `r`'s key (model::Relation::Key) and its claims' indexes, in
  // the relation's order.
  const std::string& relation_key(std::size_t r) const { return relation_keys_[r]; }
  std::span<const std::int32_t> relation_claims(std::size_t r) const {
    return {relation_claim_pool_.data() + relation_claim_offsets_[r],
            relation_claim_pool_.data() + relation_claim_offsets_[r + 1]};
  }
  std::span<const std::int32_t> via(const Link& l) const {
    return {via_pool_.data() + l.via_begin, l.via_count};
  }
  const model::Attributes& attributes(const Link& l) const { return attribute_sets_[l.attributes]; }
  std::size_t attribute_set_count() const { return attribute_sets_.size(); }

  // Index of a source or claim id, or -1 (after Finish).
  int FindSource(std::string_view id) const;
  int FindClaim(std::string_view id) const;

  // "source->claim" of a link, for explanations.
  std::string Key(const Link& l) const {
    const std::string_view s = source_id(l.source);
    const std::string_view c = claim_id(l.claim);
    std::string key(s.size() + 2 + c.size(), '-');  // one allocation at most, no appends
    std::memcpy(key.data(), s.data(), s.size());
    key[s.size() + 1] = '>';
    std::memcpy(key.data() + s.size() + 2, c.data(), c.size());
    return key;
  }

 private:
  // Stable copies of strings, in blocks of 1 MiB that never move.
  class TextArena {
   public:
    // A copy of `parts` one after the other; valid as long as the arena.
    const char* Store(std::initializer_list<std::string_view> parts);

   private:
    std::vector<std::unique_ptr<char[]>> blocks_;
    char* at_ = nullptr;
    std::size_t left_ = 0;
  };

  // Ids seen while adding, each with a provisional index on first sight
  // (remapped by Finish): an open-addressing table of indexes into the ids,
  // about 30 bytes per id.
  class IdTable {
   public:
    // `stable`: `id` outlives the table, which then keeps no copy of it.
    std::int32_t Intern(std::string_view id, bool stable = false);
    std::string_view name(std::int32_t i) const { return names_[i]; }
    std::size_t size() const { return names_.size(); }
    // Room for `n` ids without growing.
    void Reserve(std::size_t n);

   private:
    void Grow();
    TextArena text_;
    // A slot holds an index into names_ (-1: empty) and the upper half of
    // its id's hash: a probe compares ids only when the hashes agree, so it
    // rarely reads an id it does not want (a cache miss on a large table).
    struct Slot {
      std::int32_t index = -1;
      std::uint32_t tag = 0;
    };
    std::vector<std::string_view> names_;  // provisional index -> id
    std::vector<Slot> slots_;              // size a power of two
  };

  // 16 bytes. In the arena: the id's size and the kind (a byte each), the
  // id, the name. Ids are at most 128 bytes (model::IsValidId), names at
  // most 1 MiB (the reader's string limit); Add checks the sizes fit.
  struct SourceRecord {
    const char* text = nullptr;
    std::uint32_t name_size = 0;
    std::uint32_t more = 0;  // into source_more_: attributes and track record; 0 = neither

    std::size_t id_size() const { return static_cast<unsigned char>(text[0]); }
    model::SourceKind kind() const { return static_cast<model::SourceKind>(static_cast<unsigned char>(text[1])); }
    std::string_view id() const { return {text + 2, id_size()}; }
    std::string_view name() const { return {text + 2 + id_size(), name_size}; }
  };
  // 24 bytes: the id in the arena (ids are at most 128 bytes), the kind, the
  // made_at date, and the rest (lang, topic, text, attributes: absent from
  // most claims of a large store, the text dropped by callers that do not
  // weigh it) in claim_more_.
  struct ClaimRecord {
    const char* text = nullptr;
    std::uint32_t more = 0;       // into claim_more_; 0 = nothing more
    std::uint16_t year = 0;       // made_at; 0 = none
    std::uint8_t month = 0, day = 0;
    std::uint8_t id_size = 0;
    std::uint8_t kind = 0xff;     // model::ClaimKind, 0xff = none
    std::string_view id() const { return {text, id_size}; }
  };
  struct ClaimMore {
    std::optional<std::string> lang, topic;
    std::string text;
    std::int32_t attributes = 0;
  };
  // What few sources have: attributes, a track record.
  struct SourceMore {
    std::int32_t attributes = 0;     // attribute set
    std::int32_t track_record = -1;  // into track_records_, or -1
  };

  TextArena text_;
  std::vector<SourceRecord> sources_;
  std::vector<SourceMore> source_more_;  // [0] is neither
  std::vector<std::int32_t> source_provisional_;  // by source as added: its id's provisional index (until Finish)
  Status added_ = Status::Ok();                   // the first record Add could not hold
  std::vector<model::TrackRecord> track_records_;
  std::vector<ClaimRecord> claims_;
  std::vector<ClaimMore> claim_more_;           // [0] is nothing
  // Evidence: distinct (feature, value, note) records, and per claim (after
  // Finish) the indexes of its own.
  std::vector<model::Evidence> evidence_;
  std::vector<std::int32_t> evidence_order_;
  struct PendingEvidence {
    std::int32_t claim;   // provisional claim index (claim_ids_)
    std::int32_t record;  // into evidence_
  };
  std::vector<PendingEvidence> evidence_pending_;  // until Finish
  std::unordered_map<std::string, std::int32_t> evidence_ids_;  // until Finish
  std::string evidence_key_;  // scratch for the key of evidence_ids_
  // evidence_key_ made of `e`'s feature, value and note.
  void EvidenceKey(const EvidenceFields& e);
  std::vector<model::Relation> relations_;
  std::vector<Link> links_;
  std::vector<std::int32_t> via_pool_;
  std::vector<model::Attributes> attribute_sets_;
  std::vector<std::size_t> link_offsets_, evidence_offsets_;
  std::vector<std::string> relation_keys_;           // by relation
  std::vector<std::int32_t> relation_claim_pool_;    // claims of every relation
  std::vector<std::size_t> relation_claim_offsets_;  // relation r: [r], [r + 1]

  // Interning, used while adding (lookup only: output order comes from
  // sorting), freed by Finish.
  std::unique_ptr<IdTable> source_ids_, claim_ids_;
  std::int32_t last_claim_index_ = -1;  // the claim of the last link or evidence added
  // The provisional index of claim `id` (claim_ids_), trying the last one first.
  std::int32_t ClaimIndexOf(std::string_view id);
  std::unordered_map<std::string, std::int32_t> attribute_ids_;
  std::int32_t AttributeSet(const model::Attributes& attrs);
  bool finished_ = false;
};

}  // namespace credence::score

#endif  // CREDENCE_CORE_SCORE_CASE_INDEX_H_
