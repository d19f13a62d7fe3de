#include "core/common/sha256.h"

#include <openssl/evp.h>

#include <cassert>

namespace credence {

struct Sha256::Impl {
  struct FreeCtx {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
  };
  std::unique_ptr<EVP_MD_CTX, FreeCtx> ctx{EVP_MD_CTX_new()};
};

Sha256::Sha256() : impl_(std::make_unique<Impl>()) {
  // Failure here means OpenSSL cannot allocate: treat as out of memory.
  if (impl_->ctx == nullptr || EVP_DigestInit_ex(impl_->ctx.get(), EVP_sha256(), nullptr) != 1) {
    throw std::bad_alloc();
  }
}

Sha256::~Sha256() = default;

void Sha256::Update(std::string_view bytes) {
  int rc = EVP_DigestUpdate(impl_->ctx.get(), bytes.data(), bytes.size());
  assert(rc == 1);
  (void)rc;
}

std::string Sha256::HexDigest() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  int rc = EVP_DigestFinal_ex(impl_->ctx.get(), digest, &len);
  assert(rc == 1);
  (void)rc;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * len);
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

std::string Sha256Hex(std::string_view bytes) {
  Sha256 h;
  h.Update(bytes);
  return h.HexDigest();
}

}  // namespace credence
