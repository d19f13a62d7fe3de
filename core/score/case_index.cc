#include "core/score/case_index.h"

#include <algorithm>
#include <limits>

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

template <class T>
std::vector<std::int32_t> Remap(const std::vector<std::string>& names, const std::vector<T>& sorted,
                                int* missing) {
  std::vector<std::int32_t> map(names.size(), -1);
  *missing = -1;
  for (std::size_t i = 0; i < names.size(); ++i) {
    auto it = std::lower_bound(sorted.begin(), sorted.end(), names[i],
                               [](const T& r, const std::string& id) { return r.id < id; });
    if (it == sorted.end() || it->id != names[i]) {
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
                             [](const T& r, std::string_view x) { return r.id < x; });
  return it == sorted.end() || it->id != id ? -1 : static_cast<int>(it - sorted.begin());
}

Status Invalid(std::string message, std::string record) {
  return Status::InvalidInput(std::move(message), InputLocation{"", 0, "", std::move(record)});
}

}  // namespace

CaseIndex::CaseIndex() { attribute_sets_.emplace_back(); }

std::int32_t CaseIndex::Intern(std::unordered_map<std::string, std::int32_t>& ids,
                               std::vector<std::string>& names, const std::string& id) {
  auto [it, inserted] = ids.try_emplace(id, static_cast<std::int32_t>(names.size()));
  if (inserted) names.push_back(id);
  return it->second;
}

void CaseIndex::Add(model::Source source) { sources_.push_back(std::move(source)); }

void CaseIndex::Add(model::Claim claim) {
  claim.label.reset();  // the scorer never reads labels
  claims_.push_back(std::move(claim));
}

void CaseIndex::Add(const model::Link& l) {
  Link link;
  link.source = Intern(source_ids_, source_names_, l.source);
  link.claim = Intern(claim_ids_, claim_names_, l.claim);
  link.conduit = l.reported_by ? Intern(source_ids_, source_names_, *l.reported_by) : -1;
  link.stance = l.stance;
  link.mode = l.mode;
  link.independent = graph::IsIndependent(l);
  link.via_begin = static_cast<std::uint32_t>(via_pool_.size());
  link.via_count = static_cast<std::uint16_t>(std::min<std::size_t>(l.via.size(), 0xffff));
  for (std::size_t i = 0; i < link.via_count; ++i) {
    via_pool_.push_back(Intern(source_ids_, source_names_, l.via[i]));
  }
  if (!l.attributes.empty()) {
    auto [it, inserted] =
        attribute_ids_.try_emplace(AttributeKey(l.attributes), static_cast<std::int32_t>(attribute_sets_.size()));
    if (inserted) attribute_sets_.push_back(l.attributes);
    link.attributes = it->second;
  }
  links_.push_back(link);
}

void CaseIndex::Add(model::Evidence evidence) { evidence_.push_back(std::move(evidence)); }

void CaseIndex::Add(model::Relation relation) { relations_.push_back(std::move(relation)); }

Status CaseIndex::Finish() {
  assert(!finished_);
  finished_ = true;
  auto by_id = [](const auto& a, const auto& b) { return a.id < b.id; };
  std::sort(sources_.begin(), sources_.end(), by_id);
  std::sort(claims_.begin(), claims_.end(), by_id);
  for (std::size_t i = 1; i < sources_.size(); ++i) {
    if (sources_[i].id == sources_[i - 1].id) return Invalid("duplicate source id", sources_[i].id);
  }
  for (std::size_t i = 1; i < claims_.size(); ++i) {
    if (claims_[i].id == claims_[i - 1].id) return Invalid("duplicate claim id", claims_[i].id);
  }
  int missing = -1;
  std::vector<std::int32_t> source_map = Remap(source_names_, sources_, &missing);
  if (missing >= 0) return Invalid("a link references unknown source \"" + source_names_[missing] + "\"", "");
  std::vector<std::int32_t> claim_map = Remap(claim_names_, claims_, &missing);
  if (missing >= 0) return Invalid("a link references unknown claim \"" + claim_names_[missing] + "\"", "");
  for (Link& l : links_) {
    l.source = source_map[l.source];
    l.claim = claim_map[l.claim];
    if (l.conduit >= 0) l.conduit = source_map[l.conduit];
  }
  for (std::int32_t& v : via_pool_) v = source_map[v];
  source_ids_.clear();
  claim_ids_.clear();
  attribute_ids_.clear();
  source_names_.clear();
  claim_names_.clear();

  std::sort(links_.begin(), links_.end(), [](const Link& a, const Link& b) {
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

  std::vector<std::pair<std::int32_t, model::Evidence>> keyed;
  keyed.reserve(evidence_.size());
  for (model::Evidence& e : evidence_) {
    int c = FindClaim(e.claim);
    if (c < 0) return Invalid("evidence references unknown claim \"" + e.claim + "\"", e.Key());
    keyed.emplace_back(c, std::move(e));
  }
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second.feature < b.second.feature;
  });
  evidence_.clear();
  evidence_offsets_.assign(claims_.size() + 1, 0);
  for (auto& [c, e] : keyed) {
    ++evidence_offsets_[c + 1];
    evidence_.push_back(std::move(e));
  }
  for (std::size_t c = 0; c < claims_.size(); ++c) evidence_offsets_[c + 1] += evidence_offsets_[c];

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
