// A bounded set of record ids, private to import (core/store/import.cc):
// the sources and claims an import knows to be stored, so that most
// references cost no query.
#ifndef CREDENCE_CORE_STORE_KNOWN_IDS_INTERNAL_H_
#define CREDENCE_CORE_STORE_KNOWN_IDS_INTERNAL_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace credence::store {

// Holds up to `capacity` ids; adding one more first forgets them all, so a
// caller must treat "not contained" as "unknown", never as "absent".
// Memory grows with the ids held up to capacity * 64 bytes of slots (at
// most half of them used), plus the text of ids longer than kInline bytes.
//
// Open addressing with the id inline in its slot: a lookup costs one cache
// miss where std::unordered_set<std::string> costs three (bucket, the node
// before, the node), which made the set a tenth of an import's time.
class KnownIds {
 public:
  explicit KnownIds(std::size_t capacity)
      : capacity_(capacity), mask_(kMinSlots - 1), slots_(kMinSlots) {}

  bool Contains(std::string_view id) const {
    std::uint64_t h = Hash(id);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.hash == 0) return false;
      if (s.hash == h && Text(s) == id) return true;
    }
  }

  void Add(std::string_view id) {
    std::uint64_t h = Hash(id);
    std::size_t i = h & mask_;
    for (;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.hash == 0) break;
      if (s.hash == h && Text(s) == id) return;
    }
    if (size_ == capacity_) {
      Clear();
      i = Free(h);
    } else if (2 * (size_ + 1) > slots_.size()) {
      Grow();
      i = Free(h);
    }
    Slot& s = slots_[i];
    s.hash = h;
    s.size = static_cast<std::uint32_t>(id.size());
    if (id.size() <= kInline) {
      std::memcpy(s.text, id.data(), id.size());
    } else {
      auto offset = static_cast<std::uint32_t>(long_text_.size());
      long_text_.append(id);
      std::memcpy(s.text, &offset, sizeof offset);
    }
    ++size_;
  }

  std::size_t size() const { return size_; }
  // Whether it ever forgot what it held (passed its capacity): until then
  // "not contained" means "never added".
  bool forgot() const { return forgot_; }

 private:
  static constexpr std::size_t kInline = 20;
  struct alignas(32) Slot {
    std::uint64_t hash = 0;  // 0: empty (Hash never returns 0)
    std::uint32_t size = 0;
    char text[kInline];  // the id, or the offset of a longer one in long_text_
  };
  static_assert(sizeof(Slot) == 32);

  static constexpr std::size_t kMinSlots = 1024;

  // The first empty slot on `h`'s probe sequence.
  std::size_t Free(std::uint64_t h) const {
    std::size_t i = h & mask_;
    while (slots_[i].hash != 0) i = (i + 1) & mask_;
    return i;
  }
  // Twice the slots, so that at most half are used: probes stay short.
  void Grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    mask_ = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.hash != 0) slots_[Free(s.hash)] = s;
    }
  }
  static std::uint64_t Hash(std::string_view id) {
    std::uint64_t h = std::hash<std::string_view>{}(id);
    return h == 0 ? 1 : h;
  }
  std::string_view Text(const Slot& s) const {
    if (s.size <= kInline) return {s.text, s.size};
    std::uint32_t offset;
    std::memcpy(&offset, s.text, sizeof offset);
    return {long_text_.data() + offset, s.size};
  }
  // Keeps the slots' memory: a full set fills again as fast.
  void Clear() {
    forgot_ = true;
    std::fill(slots_.begin(), slots_.end(), Slot{});
    long_text_.clear();
    size_ = 0;
  }

  std::size_t capacity_;
  std::size_t mask_;
  std::vector<Slot> slots_;
  std::string long_text_;
  std::size_t size_ = 0;
  bool forgot_ = false;
};

// Every id added, in a fixed number of bits (a Bloom filter): MayContain
// is false only for an id never added, and true for one never added with a
// probability that grows with the ids held: (1 - e^(-4n/bits))^4, about
// 1.5 % at the 1.8 million claims of a 1 GB synthetic file for the 2^24
// bits import uses (computed from the formula).
// Import asks it whether the store may hold a claim that this import would
// have written, where KnownIds, once full, can only say "unknown": a wrong
// "maybe" costs one key lookup, never correctness.
class IdFilter {
 public:
  // 2^log2_bits bits.
  explicit IdFilter(int log2_bits)
      : mask_((std::uint64_t{1} << log2_bits) - 1), words_(std::size_t{1} << (log2_bits - 6)) {}

  void Add(std::string_view id) {
    Probe(id, [&](std::uint64_t bit) {
      words_[bit >> 6] |= std::uint64_t{1} << (bit & 63);
      return true;
    });
  }
  bool MayContain(std::string_view id) const {
    return Probe(id, [&](std::uint64_t bit) { return (words_[bit >> 6] >> (bit & 63) & 1) != 0; });
  }

 private:
  static constexpr int kProbes = 4;
  // Calls `visit` with each of the id's kProbes bits (double hashing from
  // one hash) until it returns false; whether none did.
  template <class Visit>
  bool Probe(std::string_view id, Visit&& visit) const {
    const std::uint64_t h = std::hash<std::string_view>{}(id);
    const std::uint64_t step = (h >> 32 | h << 32) | 1;
    for (int i = 0; i < kProbes; ++i) {
      if (!visit((h + static_cast<std::uint64_t>(i) * step) & mask_)) return false;
    }
    return true;
  }

  std::uint64_t mask_;
  std::vector<std::uint64_t> words_;
};

}  // namespace credence::store

#endif  // CREDENCE_CORE_STORE_KNOWN_IDS_INTERNAL_H_
