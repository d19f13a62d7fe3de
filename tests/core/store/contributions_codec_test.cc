#include "core/store/contributions_codec_internal.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace credence::store {
namespace {

// Numbers texts as a RunWriter does, remembering them to read back.
struct Texts {
  TextNumbers numbers;
  std::vector<std::string> by_number{""};
  std::int64_t operator()(std::string_view text) {
    bool is_new = false;
    std::int64_t n = numbers.Number(text, &is_new);
    if (is_new) by_number.emplace_back(text);
    return n;
  }
};

std::vector<score::Contribution> PackAndUnpack(const std::vector<score::Contribution>& in) {
  Texts texts;
  std::string unnumbered, packed;
  std::vector<std::uint32_t> text_at;
  PackUnnumbered(in, &unnumbered, &text_at);
  std::vector<std::int64_t> ids;
  for (const score::Contribution& c : in) ids.push_back(texts(c.text));
  FillTextNumbers(unnumbered, text_at, ids, &packed);
  auto out = UnpackContributions(packed);
  EXPECT_TRUE(out.ok()) << out.status().ToString() << "\n" << packed;
  std::vector<score::Contribution> back;
  if (!out.ok()) return back;
  for (PackedContribution& p : *out) {
    p.contribution.text = texts.by_number.at(static_cast<std::size_t>(p.text_id));
    back.push_back(std::move(p.contribution));
  }
  return back;
}

bool SameBits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

TEST(ContributionsCodec, RandomContributionsReadBackBitForBit) {
  std::mt19937_64 rng(20261126);
  std::uniform_int_distribution<int> kind(0, 5), len(0, 12), line(0, 40);
  const std::vector<std::string> pieces = {"東京", "Москва", "\"", "\\", "\n", "🙂", "e\u0301",
                                           "rule source.kind.ngo", "->", "#", "\x01"};
  for (int round = 0; round < 200; ++round) {
    std::vector<score::Contribution> in(static_cast<std::size_t>(len(rng)));
    for (score::Contribution& c : in) {
      c.kind = static_cast<score::ContributionKind>(kind(rng));
      for (int i = len(rng); i > 0; --i) c.ref += pieces[rng() % pieces.size()];
      for (int i = len(rng); i > 0; --i) c.text += pieces[rng() % pieces.size()];
      std::uint64_t bits = rng();
      std::memcpy(&c.weight, &bits, sizeof bits);  // any double, subnormals included
      if (std::isnan(c.weight)) c.weight = 0.1 + 0.2;
      c.line = line(rng);
    }
    std::vector<score::Contribution> out = PackAndUnpack(in);
    ASSERT_EQ(out.size(), in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
      EXPECT_EQ(out[i], in[i]);
      EXPECT_TRUE(SameBits(out[i].weight, in[i].weight)) << in[i].weight;
    }
  }
}

TEST(ContributionsCodec, NanInfinitiesAndNegativeZeroSurvive) {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<score::Contribution> in = {{score::ContributionKind::kRule, "a", std::nan(""), "t", 0},
                                         {score::ContributionKind::kRule, "b", inf, "t", 0},
                                         {score::ContributionKind::kRule, "c", -inf, "u", 0},
                                         {score::ContributionKind::kRule, "d", -0.0, "t", 1},
                                         {score::ContributionKind::kRule, "e", 3.0, "t", 1}};
  std::vector<score::Contribution> out = PackAndUnpack(in);
  ASSERT_EQ(out.size(), 5u);
  EXPECT_TRUE(std::isnan(out[0].weight));
  EXPECT_EQ(out[1].weight, inf);
  EXPECT_EQ(out[2].weight, -inf);
  EXPECT_TRUE(SameBits(out[3].weight, -0.0));
  EXPECT_EQ(out[4].weight, 3.0);
  EXPECT_EQ(out[2].text, "u");
}

TEST(ContributionsCodec, EachTextIsNumberedOnceUntilTheBoundIsPassed) {
  TextNumbers numbers(/*max_bytes=*/8);
  bool is_new = false;
  EXPECT_EQ(numbers.Number("abcd", &is_new), 1);
  EXPECT_TRUE(is_new);
  EXPECT_EQ(numbers.Number("abcd", &is_new), 1);
  EXPECT_FALSE(is_new);
  EXPECT_EQ(numbers.Number("efgh", &is_new), 2);
  EXPECT_TRUE(is_new);
  // Past 8 bytes the numbers are forgotten: a known text gets a new number
  // (stored again), never another text's.
  EXPECT_EQ(numbers.Number("ijkl", &is_new), 3);
  EXPECT_TRUE(is_new);
  EXPECT_EQ(numbers.Number("abcd", &is_new), 4);
  EXPECT_TRUE(is_new);
  EXPECT_EQ(numbers.Number("ijkl", &is_new), 3);
  EXPECT_FALSE(is_new);
}

TEST(ContributionsCodec, EachTextNumberGoesWherePackUnnumberedLeftIt) {
  const std::vector<score::Contribution> in = {{score::ContributionKind::kRule, "r", 1.5, "t", 0},
                                               {score::ContributionKind::kLink, "s->c", -0.25, "u", 12}};
  std::string unnumbered, packed;
  std::vector<std::uint32_t> text_at;
  PackUnnumbered(in, &unnumbered, &text_at);
  EXPECT_EQ(unnumbered, R"([["rule","r",1.5,,0],["link","s->c",-0.25,,12]])");
  EXPECT_EQ(text_at, (std::vector<std::uint32_t>{17, 42}));
  const std::vector<std::int64_t> ids = {7, 1234567890123};
  FillTextNumbers(unnumbered, text_at, ids, &packed);
  EXPECT_EQ(packed, R"([["rule","r",1.5,7,0],["link","s->c",-0.25,1234567890123,12]])");
  // What a reused buffer held before is gone.
  PackUnnumbered({}, &unnumbered, &text_at);
  FillTextNumbers(unnumbered, text_at, {}, &packed);
  EXPECT_EQ(packed, "[]");
  EXPECT_TRUE(text_at.empty());
}

TEST(ContributionsCodec, ANumberLookedUpWithItsHashIsTheNumberWithout) {
  TextNumbers plain(/*max_bytes=*/12), hashed(/*max_bytes=*/12);
  for (std::string_view text : {"abcd", "efgh", "abcd", "ijkl", "mnop", "abcd", "", "mnop"}) {
    bool plain_new = false, hashed_new = false;
    EXPECT_EQ(plain.Number(text, &plain_new), hashed.Number(text, TextNumbers::HashOf(text), &hashed_new)) << text;
    EXPECT_EQ(plain_new, hashed_new) << text;
  }
}

TEST(ContributionsCodec, AnythingElseIsACorruptStore) {
  for (const char* bad : {"", "{}", "[1]", "[[\"rule\",\"r\",1,1]]", "[[\"nope\",\"r\",1,1,0]]",
                          "[[\"rule\",\"r\",\"x\",1,0]]", "[[\"rule\",\"r\",1,1.5,0]]",
                          "[[\"rule\",\"r\",1,1,0]", "[[\"rule\",7,1,1,0]]"}) {
    auto r = UnpackContributions(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), ErrorCode::kInternal) << bad;
    EXPECT_NE(r.status().message().find("claim_scores.contributions"), std::string::npos) << bad;
  }
  auto empty = UnpackContributions("[]");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

}  // namespace
}  // namespace credence::store
