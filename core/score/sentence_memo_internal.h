// Sentences a scoring worker has already rendered, keyed by what each is
// built from. Some sentences come back claim after claim (the same rule and
// factor on the same line, the same evidence record shared by many claims),
// and rendering one from its ten or so pieces costs more than finding it.
// A kind of sentence whose keys seldom come back (more misses than hits
// after kTrialMisses misses) is no longer stored: a table of keys that never
// repeat costs more (cache misses, a node per key) than rendering.
#ifndef CREDENCE_CORE_SCORE_SENTENCE_MEMO_INTERNAL_H_
#define CREDENCE_CORE_SCORE_SENTENCE_MEMO_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace credence::score {

// splitmix64's finalizer: every bit of `x` reaches every bit of the result,
// so hash tables keyed by packed small integers keep short chains.
inline std::uint64_t Mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// Not thread-safe: one per worker. The caller's key must name everything
// the sentence depends on (its kind of sentence, the line, the records and
// rules it quotes): two renders under one key must give the same bytes.
class SentenceMemo {
 public:
  struct Key {
    std::uint32_t kind = 0;  // which sentence template
    std::int32_t line = 0;   // the line number it starts with, or 0
    std::int64_t a = 0, b = 0;
    bool operator==(const Key&) const = default;
  };

  // Forgets everything once the sentences held reach `max_bytes`, so that a
  // run of ever-new sentences costs bounded memory.
  explicit SentenceMemo(std::size_t max_bytes = std::size_t{8} << 20) : max_bytes_(max_bytes) {}

  // The sentence of `key`: `render(out)` writes it into an empty string the
  // first time; later calls return the same bytes without rendering. The
  // view is valid until the next call.
  template <class Render>
  std::string_view Get(const Key& key, Render&& render) {
    Tally& tally = tallies_[key.kind % kKinds];
    if (tally.off) {
      scratch_.clear();
      render(scratch_);
      return scratch_;
    }
    auto it = sentences_.find(key);
    if (it != sentences_.end()) {
      ++tally.hits;
      return it->second;
    }
    ++tally.misses;
    if (tally.misses >= kTrialMisses && tally.misses > tally.hits) tally.off = true;
    std::string text;
    render(text);
    if (bytes_ + text.size() > max_bytes_) {
      sentences_.clear();
      bytes_ = 0;
    }
    bytes_ += text.size();
    return sentences_.emplace(key, std::move(text)).first->second;
  }

  std::size_t size() const { return sentences_.size(); }

  static constexpr std::size_t kTrialMisses = 4096;

 private:
  static constexpr std::size_t kKinds = 8;
  struct Tally {
    std::size_t hits = 0, misses = 0;
    bool off = false;  // rendered each time, not stored
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const {
      const std::uint64_t head = std::uint64_t{k.kind} << 32 | static_cast<std::uint32_t>(k.line);
      return static_cast<std::size_t>(
          Mix64(Mix64(Mix64(head) ^ static_cast<std::uint64_t>(k.a)) ^ static_cast<std::uint64_t>(k.b)));
    }
  };
  std::size_t max_bytes_;
  std::size_t bytes_ = 0;
  Tally tallies_[kKinds];
  std::string scratch_;  // a sentence of a kind no longer stored
  std::unordered_map<Key, std::string, KeyHash> sentences_;  // lookup only
};

}  // namespace credence::score

#endif  // CREDENCE_CORE_SCORE_SENTENCE_MEMO_INTERNAL_H_
