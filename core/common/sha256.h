// SHA-256 digests, as lowercase hex: names rule sets and the data a fit read.
#ifndef CREDENCE_CORE_COMMON_SHA256_H_
#define CREDENCE_CORE_COMMON_SHA256_H_

#include <memory>
#include <string>
#include <string_view>

namespace credence {

// Incremental hashing, for inputs too large to hold at once.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(std::string_view bytes);
  // The digest of everything passed to Update; the object is spent after.
  std::string HexDigest();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

std::string Sha256Hex(std::string_view bytes);

}  // namespace credence

#endif  // CREDENCE_CORE_COMMON_SHA256_H_
