// How a run's contributions are stored (schema version 4, docs/store.md):
// one JSON array per claim in claim_scores.contributions, each element
// [kind, ref, weight, text_id, line], and each distinct sentence once per run
// in run_texts(run_id, id, text). A run of ten million links repeats a few
// thousand sentences, so a claim's row carries numbers, not prose, and the
// run writes one row per claim instead of one per contribution.
//
// weight: the shortest decimal that reads back as the same double; NaN is
// null, an infinity the string "inf" or "-inf" (JSON has no such numbers).
#ifndef CREDENCE_CORE_STORE_CONTRIBUTIONS_CODEC_INTERNAL_H_
#define CREDENCE_CORE_STORE_CONTRIBUTIONS_CODEC_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/common/status.h"
#include "core/score/run.h"

namespace credence::store {

// Gives each distinct text of a run a number, 1, 2, ... in order of first
// use. Memory is bounded: past `max_bytes` of remembered text it forgets
// what it knew, and a text met again gets a new number (a second run_texts
// row with the same text): more rows, never a wrong sentence.
class TextNumbers {
 public:
  explicit TextNumbers(std::size_t max_bytes = std::size_t{64} << 20) : max_bytes_(max_bytes) {}
  // The number of `text`; `is_new` tells the caller to store it.
  std::int64_t Number(std::string_view text, bool* is_new);

 private:
  std::size_t max_bytes_;
  std::size_t bytes_ = 0;
  std::int64_t next_ = 1;
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::unordered_map<std::string, std::int64_t, Hash, std::equal_to<>> known_;
};

// Appends the array of `contributions` to `out` (cleared first); each
// contribution's text is replaced by text_number(text).
void PackContributions(const std::vector<score::Contribution>& contributions,
                       const std::function<std::int64_t(std::string_view)>& text_number,
                       std::string* out);

// One element read back: the contribution without its text, and the text's
// number in run_texts.
struct PackedContribution {
  score::Contribution contribution;  // text empty
  std::int64_t text_id = 0;
};

// Reads an array written by PackContributions. Anything else (a store
// edited by hand, a torn value) is kInternal "corrupt store: ...".
Result<std::vector<PackedContribution>> UnpackContributions(std::string_view json);

}  // namespace credence::store

#endif  // CREDENCE_CORE_STORE_CONTRIBUTIONS_CODEC_INTERNAL_H_
