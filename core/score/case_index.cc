#include "core/score/case_index.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <memory>

#include "core/graph/lines.h"

namespace credence::score {
namespace {

// Canonical JSON never holds raw control characters (they are escaped), so
// these separators cannot occur inside a name or a value.
std::string AttributeKey(const model::Attributes& attrs) {
  std::string key;
  for (const auto& [name, value] : attrs) {
    key += name;
    key += '\x1f';
    key += value;
    key += '\x1e';
  }
  return key;
}

// Sorts `v` unless it is sorted already: what a store hands over is (its
// records come in key order), and a check is one pass where a sort of
// millions of records is many.
template <class T, class Less>
void SortIfNeeded(std::vector<T>& v, Less less) {
  if (!std::is_sorted(v.begin(), v.end(), less)) std::sort(v.begin(), v.end(), less);
}

template <class Names, class T>
std::vector<std::int32_t> Remap(const Names& names, const std::vector<T>& sorted, int* missing) {
  std::vector<std::int32_t> map(names.size(), -1);
  *missing = -1;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string_view name = names.name(static_cast<std::int32_t>(i));
    auto it = std::lower_bound(sorted.begin(), sorted.end(), name,
                               [](const T& r, std::string_view id) { return r.id() < id; });
    if (it == sorted.end() || it->id() != name) {
      if (*missing < 0) *missing = static_cast<int>(i);
      continue;
    }
    map[i] = static_cast<std::int32_t>(it - sorted.begin());
  }
  return map;
}

template <class T>
int FindIn(const std::vector<T>& sorted, std::string_view id) {
  auto it = std::lower_bound(sorted.begin(), sorted.end(), id,
                             [](const T& r, std::string_view x) { return r.id() < x; });
  return it == sorted.end() || it->id() != id ? -1 : static_cast<int>(it - sorted.begin());
}

// Evidence records are shared by content; past this many distinct ones the
// index stops looking for a match (each new record is then stored as is),
// so that a store whose every record differs costs no table on top.
constexpr std::size_t kMaxSharedEvidence = std::size_t{1} << 20;

Status Invalid(std::string message, std::string record) {
  return Status::InvalidInput(std::move(message), InputLocation{"", 0, "", std::move(record)});
}

}  // namespace

const char* CaseIndex::TextArena::Store(std::initializer_list<std::string_view> parts) {
  constexpr std::size_t kBlock = std::size_t{1} << 20;
  std::size_t size = 0;
  for (std::string_view p : parts) size += p.size();
  char* out = nullptr;
  if (size > left_ && size > kBlock / 4) {
    // A string of over a quarter block gets a block of its own, so that the
    // current block's rest is not wasted.
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(size));
    out = blocks_.back().get();
  } else {
    if (size > left_) {
      blocks_.push_back(std::make_unique_for_overwrite<char[]>(kBlock));
      at_ = blocks_.back().get();
      left_ = kBlock;
    }
    out = at_;
    at_ += size;
    left_ -= size;
  }
  char* to = out;
  for (std::string_view p : parts) {
    if (p.empty()) continue;
    std::memcpy(to, p.data(), p.size());
    to += p.size();
  }
  return out;
}

std::int32_t CaseIndex::IdTable::Intern(std::string_view id, bool stable) {
  if (2 * (names_.size() + 1) > slots_.size()) Grow();
  const std::size_t mask = slots_.size() - 1;
  const std::size_t hash = std::hash<std::string_view>()(id);
  const auto tag = static_cast<std::uint32_t>(hash >> 32);
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.index < 0) {
      slot = {static_cast<std::int32_t>(names_.size()), tag};
      names_.emplace_back(stable ? id.data() : text_.Store({id}), id.size());
      return slot.index;
    }
    if (slot.tag == tag && names_[slot.index] == id) return slot.index;
  }
}

void CaseIndex::IdTable::Reserve(std::size_t n) {
  names_.reserve(n);
  while (2 * (n + 1) > slots_.size()) Grow();
}

void CaseIndex::IdTable::Grow() {
  std::vector<Slot> slots(std::max<std::size_t>(16, 2 * slots_.size()));
  const std::size_t mask = slots.size() - 1;
  for (std::int32_t k = 0; k < static_cast<std::int32_t>(names_.size()); ++k) {
    const std::size_t hash = std::hash<std::string_view>()(names_[k]);
    std::size_t i = hash & mask;
    while (slots[i].index >= 0) i = (i + 1) & mask;
    slots[i] = {k, static_cast<std::uint32_t>(hash >> 32)};
  }
  slots_ = std::move(slots);
}

CaseIndex::CaseIndex()
    : source_ids_(std::make_unique<IdTable>()), claim_ids_(std::make_unique<IdTable>()) {
  attribute_sets_.emplace_back();
  source_more_.emplace_back();
  claim_more_.emplace_back();
}

std::int32_t CaseIndex::AttributeSet(const model::Attributes& attrs) {
  if (attrs.empty()) return 0;
  auto [it, inserted] = attribute_ids_.try_emplace(AttributeKey(attrs), static_cast<std::int32_t>(attribute_sets_.size()));
  if (inserted) attribute_sets_.push_back(attrs);
  return it->second;
}

void CaseIndex::Add(const model::Source& source) {
  if (source.id.size() > std::numeric_limits<std::uint8_t>::max() ||
      source.name.size() > std::numeric_limits<std::uint32_t>::max()) {
    if (added_.ok()) added_ = Invalid("source id or name too long for the index", source.id.substr(0, 128));
    return;
  }
  const char head[2] = {static_cast<char>(source.id.size()), static_cast<char>(source.kind)};
  SourceRecord r;
  r.text = text_.Store({std::string_view(head, 2), source.id, source.name});
  r.name_size = static_cast<std::uint32_t>(source.name.size());
  SourceMore more;
  more.attributes = AttributeSet(source.attributes);
  if (source.track_record) {
    more.track_record = static_cast<std::int32_t>(track_records_.size());
    track_records_.push_back(*source.track_record);
  }
  if (more.attributes != 0 || more.track_record >= 0) {
    r.more = static_cast<std::uint32_t>(source_more_.size());
    source_more_.push_back(more);
  }
  source_provisional_.push_back(source_ids_->Intern(r.id(), /*stable=*/true));
  sources_.push_back(r);
}

model::Source CaseIndex::source(std::size_t s) const {
  const SourceRecord& r = sources_[s];
  model::Source out;
  out.id = source_id(s);
  out.name = source_name(s);
  out.kind = r.kind();
  const SourceMore& more = source_more_[r.more];
  out.attributes = attribute_sets_[more.attributes];
  if (more.track_record >= 0) out.track_record = track_records_[more.track_record];
  return out;
}

void CaseIndex::Reserve(std::size_t claims, std::size_t links, std::size_t evidence) {
  claims_.reserve(claims);
  claim_ids_->Reserve(claims);
  links_.reserve(links);
  evidence_pending_.reserve(evidence);
}

void CaseIndex::Add(model::Claim claim) {
  if (claim.id.size() > std::numeric_limits<std::uint8_t>::max()) {
    if (added_.ok()) added_ = Invalid("claim id too long for the index", claim.id.substr(0, 128));
    return;
  }
  ClaimRecord r;
  r.text = text_.Store({claim.id});
  r.id_size = static_cast<std::uint8_t>(claim.id.size());
  if (claim.kind) r.kind = static_cast<std::uint8_t>(*claim.kind);
  if (claim.made_at) {
    r.year = static_cast<std::uint16_t>(claim.made_at->year);
    r.month = static_cast<std::uint8_t>(claim.made_at->month);
    r.day = static_cast<std::uint8_t>(claim.made_at->day);
  }
  // The label is dropped here: the scorer never reads labels.
  ClaimMore more{std::move(claim.lang), std::move(claim.topic), std::move(claim.text),
                 AttributeSet(claim.attributes)};
  if (more.lang || more.topic || !more.text.empty() || more.attributes != 0) {
    r.more = static_cast<std::uint32_t>(claim_more_.size());
    claim_more_.push_back(std::move(more));
  }
  claims_.push_back(r);
}

model::Claim CaseIndex::claim(std::size_t c) const {
  const ClaimRecord& r = claims_[c];
  model::Claim out;
  out.id = r.id();
  if (r.kind != 0xff) out.kind = static_cast<model::ClaimKind>(r.kind);
  if (r.year != 0) out.made_at = model::Date{r.year, r.month, r.day};
  const ClaimMore& more = claim_more_[r.more];
  out.lang = more.lang;
  out.topic = more.topic;
  out.text = more.text;
  out.attributes = attribute_sets_[more.attributes];
  return out;
}

std::int32_t CaseIndex::ClaimIndexOf(std::string_view id) {
  // A store lists a claim's links and evidence together, claim after claim
  // in the order it listed the claims: the last claim's index, or the next
  // one, is usually the answer, without a probe of the table (a probe of
  // millions of claims misses the cache).
  if (last_claim_index_ >= 0 && id == claim_ids_->name(last_claim_index_)) return last_claim_index_;
  const std::int32_t next = last_claim_index_ + 1;
  if (static_cast<std::size_t>(next) < claim_ids_->size() && id == claim_ids_->name(next)) {
    last_claim_index_ = next;
  } else {
    last_claim_index_ = claim_ids_->Intern(id);
  }
  return last_claim_index_;
}

void CaseIndex::Add(const model::Link& l) {
  std::vector<std::string_view> via(l.via.begin(), l.via.end());
  LinkFields fields;
  fields.source = l.source;
  fields.claim = l.claim;
  fields.stance = l.stance;
  fields.mode = l.mode;
  fields.via = via;
  if (l.reported_by) fields.reported_by = *l.reported_by;
  fields.attributes = &l.attributes;
  Add(fields);
}

void CaseIndex::Add(const LinkFields& l) {
  Link link;
  link.source = source_ids_->Intern(l.source);
  link.claim = ClaimIndexOf(l.claim);
  link.conduit = l.reported_by ? source_ids_->Intern(*l.reported_by) : -1;
  link.stance_code = static_cast<std::uint8_t>(l.stance);
  link.mode_code = static_cast<std::uint8_t>(l.mode);
  static const model::Attributes kNone;
  const model::Attributes& attributes = l.attributes ? *l.attributes : kNone;
  link.attributes = AttributeSet(attributes);
  link.independent = graph::IsIndependent(l.mode, !l.via.empty(), attributes);
  link.via_begin = static_cast<std::uint32_t>(via_pool_.size());
  link.via_count = static_cast<std::uint16_t>(std::min<std::size_t>(l.via.size(), 0xffff));
  for (std::size_t i = 0; i < link.via_count; ++i) {
    via_pool_.push_back(source_ids_->Intern(l.via[i]));
  }
  links_.push_back(link);
}

void CaseIndex::EvidenceKey(const EvidenceFields& e) {
  // Canonical JSON holds no raw control characters: the separators are safe.
  evidence_key_.assign(e.feature);
  evidence_key_ += '\x1f';
  evidence_key_ += e.value;
  evidence_key_ += '\x1e';
  if (e.note) {
    evidence_key_ += '+';
    evidence_key_ += *e.note;
  } else {
    evidence_key_ += '-';
  }
}

void CaseIndex::Add(model::Evidence evidence) {
  Add(EvidenceFields{evidence.claim, evidence.feature, evidence.value,
                     evidence.note ? std::optional<std::string_view>(*evidence.note) : std::nullopt});
}

void CaseIndex::Add(const EvidenceFields& e) {
  const std::int32_t claim = ClaimIndexOf(e.claim);
  EvidenceKey(e);
  std::int32_t record = -1;
  if (auto it = evidence_ids_.find(evidence_key_); it != evidence_ids_.end()) {
    record = it->second;
  } else {
    record = static_cast<std::int32_t>(evidence_.size());
    model::Evidence& stored = evidence_.emplace_back();
    stored.feature.assign(e.feature);
    stored.value.assign(e.value);
    if (e.note) stored.note.emplace(*e.note);
    if (evidence_ids_.size() < kMaxSharedEvidence) evidence_ids_.emplace(evidence_key_, record);
  }
  evidence_pending_.push_back({claim, record});
}

void CaseIndex::Add(model::Relation relation) { relations_.push_back(std::move(relation)); }

Status CaseIndex::Finish() {
  assert(!finished_);
  finished_ = true;
  CREDENCE_RETURN_IF_ERROR(added_);
  auto id_of = [](const SourceRecord& r) { return r.id(); };
  // Sources are sorted through a permutation, which also carries each one's
  // provisional index to its place.
  std::vector<std::int32_t> source_map(source_ids_->size(), -1);
  {
    std::vector<std::uint32_t> order(sources_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<std::uint32_t>(i);
    SortIfNeeded(order, [&](std::uint32_t a, std::uint32_t b) { return id_of(sources_[a]) < id_of(sources_[b]); });
    std::vector<SourceRecord> sorted;
    sorted.reserve(sources_.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
      sorted.push_back(sources_[order[i]]);
      source_map[source_provisional_[order[i]]] = static_cast<std::int32_t>(i);
    }
    sources_ = std::move(sorted);
    std::vector<std::int32_t>().swap(source_provisional_);
  }
  SortIfNeeded(claims_, [](const auto& a, const auto& b) { return a.id() < b.id(); });
  for (std::size_t i = 1; i < sources_.size(); ++i) {
    if (id_of(sources_[i]) == id_of(sources_[i - 1])) {
      return Invalid("duplicate source id", std::string(id_of(sources_[i])));
    }
  }
  for (std::size_t i = 1; i < claims_.size(); ++i) {
    if (claims_[i].id() == claims_[i - 1].id()) return Invalid("duplicate claim id", std::string(claims_[i].id()));
  }
  // Every source's id was interned as it was added, so an id with no place
  // was only ever referenced.
  for (std::size_t p = 0; p < source_map.size(); ++p) {
    if (source_map[p] < 0) {
      return Invalid("a link references unknown source \"" +
                         std::string(source_ids_->name(static_cast<std::int32_t>(p))) + "\"",
                     "");
    }
  }
  int missing = -1;
  std::vector<std::int32_t> claim_map = Remap(*claim_ids_, claims_, &missing);
  if (missing >= 0) {
    // Links and evidence name claims through the same table: say which.
    for (const Link& l : links_) {
      if (claim_map[l.claim] < 0) {
        return Invalid("a link references unknown claim \"" + std::string(claim_ids_->name(l.claim)) + "\"", "");
      }
    }
    for (const PendingEvidence& e : evidence_pending_) {
      if (claim_map[e.claim] < 0) {
        const std::string claim(claim_ids_->name(e.claim));
        return Invalid("evidence references unknown claim \"" + claim + "\"",
                       claim + "#" + evidence_[e.record].feature);
      }
    }
  }
  for (Link& l : links_) {
    l.source = source_map[l.source];
    l.claim = claim_map[l.claim];
    if (l.conduit >= 0) l.conduit = source_map[l.conduit];
  }
  for (std::int32_t& v : via_pool_) v = source_map[v];
  for (PendingEvidence& e : evidence_pending_) e.claim = claim_map[e.claim];
  std::vector<std::int32_t>().swap(source_map);
  std::vector<std::int32_t>().swap(claim_map);
  source_ids_.reset();
  claim_ids_.reset();
  std::unordered_map<std::string, std::int32_t>().swap(attribute_ids_);

  SortIfNeeded(links_, [](const Link& a, const Link& b) {
    return a.claim != b.claim ? a.claim < b.claim : a.source < b.source;
  });
  link_offsets_.assign(claims_.size() + 1, 0);
  for (std::size_t i = 0; i < links_.size(); ++i) {
    if (i > 0 && links_[i].claim == links_[i - 1].claim && links_[i].source == links_[i - 1].source) {
      return Invalid("duplicate link", Key(links_[i]));
    }
    ++link_offsets_[links_[i].claim + 1];
  }
  for (std::size_t c = 0; c < claims_.size(); ++c) link_offsets_[c + 1] += link_offsets_[c];

  SortIfNeeded(evidence_pending_, [this](const PendingEvidence& a, const PendingEvidence& b) {
    return a.claim != b.claim ? a.claim < b.claim : evidence_[a.record].feature < evidence_[b.record].feature;
  });
  evidence_order_.reserve(evidence_pending_.size());
  evidence_offsets_.assign(claims_.size() + 1, 0);
  for (const PendingEvidence& e : evidence_pending_) {
    ++evidence_offsets_[e.claim + 1];
    evidence_order_.push_back(e.record);
  }
  for (std::size_t c = 0; c < claims_.size(); ++c) evidence_offsets_[c + 1] += evidence_offsets_[c];
  std::vector<PendingEvidence>().swap(evidence_pending_);
  std::unordered_map<std::string, std::int32_t>().swap(evidence_ids_);

  // Each relation's key is built once (not per comparison of the sort) and
  // its claims resolved once.
  struct KeyedRelation {
    std::string key;
    model::Relation relation;
    std::vector<std::int32_t> claims;
  };
  std::vector<KeyedRelation> keyed_relations;
  keyed_relations.reserve(relations_.size());
  for (model::Relation& r : relations_) {
    KeyedRelation k{r.Key(), std::move(r), {}};
    k.claims.reserve(k.relation.claims.size());
    for (const std::string& id : k.relation.claims) {
      int c = FindClaim(id);
      if (c < 0) return Invalid("relation references unknown claim \"" + id + "\"", k.key);
      k.claims.push_back(c);
    }
    keyed_relations.push_back(std::move(k));
  }
  std::sort(keyed_relations.begin(), keyed_relations.end(),
            [](const KeyedRelation& a, const KeyedRelation& b) { return a.key < b.key; });
  relations_.clear();
  relation_keys_.clear();
  relation_claim_offsets_.assign(1, 0);
  relation_claim_pool_.clear();
  for (KeyedRelation& k : keyed_relations) {
    if (!relations_.empty() && relations_.back() == k.relation) continue;  // a repeat
    relations_.push_back(std::move(k.relation));
    relation_keys_.push_back(std::move(k.key));
    relation_claim_pool_.insert(relation_claim_pool_.end(), k.claims.begin(), k.claims.end());
    relation_claim_offsets_.push_back(relation_claim_pool_.size());
  }
  return Status::Ok();
}

Result<CaseIndex> CaseIndex::Of(const model::Case& c) {
  CaseIndex index;
  index.sources_.reserve(c.sources.size());
  index.claims_.reserve(c.claims.size());
  index.links_.reserve(c.links.size());
  for (const model::Source& s : c.sources) index.Add(s);
  for (const model::Claim& cl : c.claims) index.Add(cl);
  for (const model::Link& l : c.links) index.Add(l);
  for (const model::Evidence& e : c.evidence) index.Add(e);
  for (const model::Relation& r : c.relations) index.Add(r);
  CREDENCE_RETURN_IF_ERROR(index.Finish());
  return index;
}

int CaseIndex::FindSource(std::string_view id) const { return FindIn(sources_, id); }
int CaseIndex::FindClaim(std::string_view id) const { return FindIn(claims_, id); }

}  // namespace credence::score
