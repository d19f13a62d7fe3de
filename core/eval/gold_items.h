// The gold items of a truth-discovery data set as evaluation counts them.
// Item accuracy is over gold (object, attribute) items; an item none of whose
// claims carries a gold value counts as wrong. Items that have claims show in
// the store through their labels (all false when no claim matches); items no
// source gave any value for have no claim to carry a label, so the data-set
// adapter lists them in a small side file that `credence eval --gold-items`
// reads (docs/accuracy.md, "gold items file").
#ifndef CREDENCE_CORE_EVAL_GOLD_ITEMS_H_
#define CREDENCE_CORE_EVAL_GOLD_ITEMS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/status.h"

namespace credence::eval {

struct GoldItems {
  std::int64_t items = 0;              // distinct gold (object, attribute) items
  std::int64_t matched = 0;            // items with a claim whose value is a gold value
  std::vector<std::string> unclaimed;  // "object|attribute" without any claim, sorted
  bool operator==(const GoldItems&) const = default;
};

// Text form, one fact a line: "credence-gold-items/1", "items N", "matched N",
// then "unclaimed OBJECT|ATTRIBUTE" per unclaimed item.
std::string GoldItemsToText(const GoldItems& gold);
// `origin` names the file in messages; bad lines are kInvalidInput with the line.
Result<GoldItems> GoldItemsFromText(const std::string& text, const std::string& origin);

}  // namespace credence::eval

#endif  // CREDENCE_CORE_EVAL_GOLD_ITEMS_H_
