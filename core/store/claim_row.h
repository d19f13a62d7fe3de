// One claim's row of a run (claim_scores, docs/store.md), encoded for
// RunWriter::Add away from the writer's thread: the contributions packed
// into their JSON array and each sentence copied and hashed. What is left
// for the writer, which alone can number the run's sentences (in claim
// order), is to look each one up, put the numbers into the array and insert
// the row.
#ifndef CREDENCE_CORE_STORE_CLAIM_ROW_H_
#define CREDENCE_CORE_STORE_CLAIM_ROW_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/score/run.h"

namespace credence::store {

// A value: any thread may Encode one, and the writer's thread then Adds it
// (RunWriter::Add). Meant to be reused: Encode keeps the buffers of the
// previous claim, so a row encoded claim after claim stops allocating.
class ClaimRow {
 public:
  // Replaces the row with `claim`'s (copied: `claim` may go once this
  // returns).
  void Encode(const score::ClaimScore& claim);

 private:
  friend class RunWriter;
  // The sentence of contribution i: the bytes of texts_ before text_end_[i]
  // and after the previous sentence's end.
  std::string_view text(std::size_t i) const;

  score::ClaimScore claim_;                // contributions empty: packed below
  std::string contributions_;              // PackUnnumbered's array
  std::vector<std::uint32_t> text_at_;     // where each sentence's number goes
  std::string texts_;                      // the sentences, one after another
  std::vector<std::size_t> text_end_;      // end of each in texts_
  std::vector<std::size_t> text_hash_;     // TextNumbers::HashOf of each
};

}  // namespace credence::store

#endif  // CREDENCE_CORE_STORE_CLAIM_ROW_H_
