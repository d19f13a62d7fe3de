#include "core/common/sha256.h"
#include "core/common/status.h"

#include <gtest/gtest.h>

namespace credence {
namespace {

TEST(Sha256, MatchesPublishedVectors) {
  // FIPS 180-2 appendix B test vectors.
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, IncrementalEqualsWhole) {
  Sha256 h;
  h.Update("a");
  h.Update("bc");
  EXPECT_EQ(h.HexDigest(), Sha256Hex("abc"));
}

TEST(Status, LocationsPrintOnlyTheKnownParts) {
  InputLocation w{"a.jsonl", 14, "/stance", "bild->c1"};
  EXPECT_EQ(w.ToString(), "a.jsonl:14 [bild->c1] /stance");
  Status s = Status::InvalidInput("expected one of supports, refutes, neutral", w);
  EXPECT_EQ(s.ToString(), "a.jsonl:14 [bild->c1] /stance: expected one of supports, refutes, neutral");
  EXPECT_EQ(Status::Ok().ToString(), "ok");
}

}  // namespace
}  // namespace credence
