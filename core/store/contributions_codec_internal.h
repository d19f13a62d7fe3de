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
#include <span>
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
  // The hash Number uses: a caller may compute it on another thread (a
  // scoring worker) and hand it to Number with the text.
  static std::size_t HashOf(std::string_view text) { return std::hash<std::string_view>()(text); }
  // The number of `text`; `is_new` tells the caller to store it.
  std::int64_t Number(std::string_view text, bool* is_new) { return Number(text, HashOf(text), is_new); }
  // The same, with `hash` == HashOf(text) already computed.
  std::int64_t Number(std::string_view text, std::size_t hash, bool* is_new);

 private:
  // A text looked up with its hash known: the map does not hash it again.
  struct HashedText {
    std::string_view text;
    std::size_t hash;
  };
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return HashOf(s); }
    std::size_t operator()(const HashedText& t) const { return t.hash; }
  };
  struct Equal {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const { return a == b; }
    bool operator()(const HashedText& a, std::string_view b) const { return a.text == b; }
    bool operator()(std::string_view a, const HashedText& b) const { return a == b.text; }
  };
  std::size_t max_bytes_;
  std::size_t bytes_ = 0;
  std::int64_t next_ = 1;
  std::unordered_map<std::string, std::int64_t, Hash, Equal> known_;
};

// Writes the array of `contributions` to `json` (cleared first) with each
// contribution's text number left out: the number of contribution i belongs
// at byte `text_at[i]` of `json` (`text_at` cleared first; ascending). For a
// thread that cannot number texts (only the run's writer can, in claim
// order); FillTextNumbers completes the array.
void PackUnnumbered(const std::vector<score::Contribution>& contributions, std::string* json,
                    std::vector<std::uint32_t>* text_at);

// Writes to `out` (cleared first) the array PackUnnumbered left in `json`,
// with `text_ids[i]` at byte `text_at[i]`: the element of contribution i is
// then [kind, ref, weight, text_ids[i], line]. `text_ids` has one number per
// offset of `text_at`.
void FillTextNumbers(std::string_view json, std::span<const std::uint32_t> text_at,
                     std::span<const std::int64_t> text_ids, std::string* out);

// One element read back: the contribution without its text, and the text's
// number in run_texts.
struct PackedContribution {
  score::Contribution contribution;  // text empty
  std::int64_t text_id = 0;
};

// Reads an array written by FillTextNumbers. Anything else (a store
// edited by hand, a torn value) is kInternal "corrupt store: ...".
Result<std::vector<PackedContribution>> UnpackContributions(std::string_view json);

}  // namespace credence::store

#endif  // CREDENCE_CORE_STORE_CONTRIBUTIONS_CODEC_INTERNAL_H_
