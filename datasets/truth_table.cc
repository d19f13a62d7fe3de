#include <algorithm>
#include <tuple>
#include <cstdio>
#include <vector>

#include "core/ingest/case_writer.h"
#include "datasets/truth_table_internal.h"

namespace credence::datasets {
namespace {

bool IdChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

// "i0042": zero-padded to `width` digits, so that ids sort as items do.
std::string Numbered(const char* letter, std::size_t n, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%0*zu", letter, width, n);
  return buf;
}

int Digits(std::size_t n) {
  int d = 1;
  for (; n >= 10; n /= 10) ++d;
  return d;
}

}  // namespace

std::map<std::string, std::string> SourceIds(const std::set<std::string>& names) {
  std::map<std::string, std::string> ids;
  std::map<std::string, int> used;
  for (const std::string& name : names) {
    std::string slug;
    for (char c : name) {
      char d = IdChar(c) ? c : '-';
      if (d == '-' && !slug.empty() && slug.back() == '-') continue;
      slug += d;
    }
    if (slug.size() > 100) slug.resize(100);
    std::string id = "s:" + slug;
    int n = ++used[id];
    if (n > 1) id += "." + std::to_string(n);
    ids[name] = id;
  }
  return ids;
}

void TruthTable::Add(const std::string& source, const std::string& object, const std::string& attribute,
                     const std::string& value) {
  sources_.insert(source);
  items_[{object, attribute}][value].insert(source);
}

Status TruthTable::Emit(const GoldTable* gold, RecordSink& sink, ConvertStats* stats) const {
  const std::map<std::string, std::string> source_ids = SourceIds(sources_);
  for (const auto& [name, id] : source_ids) {
    model::Source s;
    s.id = id;
    s.name = name;
    s.kind = model::SourceKind::kOther;
    CREDENCE_RETURN_IF_ERROR(sink.Put(s));
    ++stats->sources;
  }
  eval::GoldItems gold_items;
  std::vector<model::Link> links;
  std::vector<model::Relation> relations;
  std::size_t most_values = 1;
  for (const auto& [item, values] : items_) most_values = std::max(most_values, values.size());
  const int item_width = Digits(items_.size()), value_width = Digits(most_values);
  std::size_t item_index = 0;
  for (const auto& [item, values] : items_) {
    ++item_index;
    const std::set<std::string>* truth = nullptr;
    if (gold != nullptr) {
      auto it = gold->find(item);
      if (it != gold->end()) truth = &it->second;
    }
    bool matched = false;
    model::Relation relation;
    std::size_t value_index = 0;
    for (const auto& [value, sources] : values) {
      model::Claim c;
      c.id = prefix_ + ":" + Numbered("i", item_index, item_width) + "." + Numbered("v", ++value_index, value_width);
      c.text = item.first + " | " + item.second + " = " + value;
      c.kind = kind_;
      c.attributes["object"] = ingest::JsonString(item.first);
      c.attributes["attribute"] = ingest::JsonString(item.second);
      c.attributes["value"] = ingest::JsonString(value);
      if (truth != nullptr) {
        model::Label label;
        label.truth = truth->contains(value);
        matched = matched || label.truth;
        c.label = label;
        ++stats->labeled_claims;
      }
      CREDENCE_RETURN_IF_ERROR(sink.Put(c));
      ++stats->claims;
      relation.claims.push_back(c.id);
      for (const std::string& source : sources) {
        model::Link l;
        l.source = source_ids.at(source);
        l.claim = c.id;
        l.stance = model::Stance::kSupports;
        l.mode = model::LinkMode::kOriginates;
        links.push_back(std::move(l));
      }
    }
    if (truth != nullptr && matched) ++gold_items.matched;
    if (relation.claims.size() >= 2) relations.push_back(std::move(relation));
  }
  // Links and relations sorted by key, as the contract of RecordSink says.
  std::sort(links.begin(), links.end(), [](const model::Link& a, const model::Link& b) {
    return std::tie(a.source, a.claim) < std::tie(b.source, b.claim);
  });
  for (const model::Link& l : links) {
    CREDENCE_RETURN_IF_ERROR(sink.Put(l));
    ++stats->links;
  }
  for (model::Relation& r : relations) std::sort(r.claims.begin(), r.claims.end());
  std::sort(relations.begin(), relations.end(),
            [](const model::Relation& a, const model::Relation& b) { return a.Key() < b.Key(); });
  for (const model::Relation& r : relations) {
    CREDENCE_RETURN_IF_ERROR(sink.Put(r));
    ++stats->relations;
  }
  if (gold != nullptr) {
    gold_items.items = static_cast<std::int64_t>(gold->size());
    for (const auto& [item, values] : *gold) {
      if (!items_.contains(item)) gold_items.unclaimed.push_back(item.first + "|" + item.second);
    }
    stats->gold = std::move(gold_items);
  }
  return Status::Ok();
}

}  // namespace credence::datasets
