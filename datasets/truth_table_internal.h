// The statements of a truth-discovery data set, grouped by item, and their
// conversion into claims, links and exclusive relations. Private to datasets/.
#ifndef CREDENCE_DATASETS_TRUTH_TABLE_INTERNAL_H_
#define CREDENCE_DATASETS_TRUTH_TABLE_INTERNAL_H_

#include <map>
#include <set>
#include <string>
#include <utility>

#include "core/model/enums.h"
#include "datasets/dataset.h"

namespace credence::datasets {

// (object, attribute): one fact with one true value (or several accepted
// observations, as Weather's gold has).
using ItemKey = std::pair<std::string, std::string>;

// Gold values per item, already normalised.
using GoldTable = std::map<ItemKey, std::set<std::string>>;

class TruthTable {
 public:
  // `prefix` starts every claim id ("flights"); `kind` is every claim's kind.
  TruthTable(std::string prefix, model::ClaimKind kind) : prefix_(std::move(prefix)), kind_(kind) {}

  // One source statement: `source` gives `value` (normalised) for the item.
  // A repeated statement is one link.
  void Add(const std::string& source, const std::string& object, const std::string& attribute,
           const std::string& value);

  // Emits sources (kind other), claims (ids PREFIX:iN.vM, zero-padded so that
  // ids sort as items and values do), one supports/originates link per (source, claim), and an
  // exclusive relation per item with >= 2 values; with `gold`, labels the
  // claims of gold items and fills stats->gold.
  Status Emit(const GoldTable* gold, RecordSink& sink, ConvertStats* stats) const;

 private:
  std::string prefix_;
  model::ClaimKind kind_;
  std::set<std::string> sources_;
  // item -> value -> sources giving it
  std::map<ItemKey, std::map<std::string, std::set<std::string>>> items_;
};

// Source ids from free-text names: "s:" + the name with every character
// outside the id alphabet replaced by '-', cut to fit; names that collide get
// ".2", ".3" in name order. Deterministic for a given set of names.
std::map<std::string, std::string> SourceIds(const std::set<std::string>& names);

}  // namespace credence::datasets

#endif  // CREDENCE_DATASETS_TRUTH_TABLE_INTERNAL_H_
