#include "core/store/claim_row.h"

#include "core/store/contributions_codec_internal.h"

namespace credence::store {

void ClaimRow::Encode(const score::ClaimScore& claim) {
  // Field by field: assignment keeps this row's string buffers.
  claim_.claim_id = claim.claim_id;
  claim_.p = claim.p;
  claim_.p_raw = claim.p_raw;
  claim_.log_odds = claim.log_odds;
  claim_.lo = claim.lo;
  claim_.hi = claim.hi;
  claim_.lines = claim.lines;
  claim_.verdict = claim.verdict;
  PackUnnumbered(claim.contributions, &contributions_, &text_at_);
  texts_.clear();
  text_end_.clear();
  text_hash_.clear();
  for (const score::Contribution& c : claim.contributions) {
    texts_ += c.text;
    text_end_.push_back(texts_.size());
    text_hash_.push_back(TextNumbers::HashOf(c.text));
  }
}

std::string_view ClaimRow::text(std::size_t i) const {
  const std::size_t begin = i == 0 ? 0 : text_end_[i - 1];
  return std::string_view(texts_).substr(begin, text_end_[i] - begin);
}

}  // namespace credence::store
