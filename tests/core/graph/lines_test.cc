#include "core/graph/lines.h"

#include <gtest/gtest.h>

#include <random>

namespace credence::graph {
namespace {

struct Spec {
  int source;
  std::vector<std::int32_t> via;
  bool independent;
};

std::vector<Line> Lines(const std::vector<Spec>& specs) {
  std::vector<LinkView> views;
  for (const Spec& s : specs) views.push_back({s.source, s.via, s.independent});
  return FindLines(views);
}

TEST(Lines, ThreeRelaysOfOneOriginCountOnce) {
  // putin(0) originates; think tank(1) via 0; columnist(2) via 1; blog(3) via 2.
  std::vector<Line> lines = Lines({{0, {}, true}, {1, {0}, false}, {2, {1}, false}, {3, {2}, false}});
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].head, 0);
  EXPECT_EQ(lines[0].relays, (std::vector<int>{1, 2, 3}));
}

TEST(Lines, IndependentVerificationOpensALineOfItsOwn) {
  std::vector<Line> lines = Lines({{0, {}, true}, {1, {0}, true}});
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_TRUE(lines[0].relays.empty());
  EXPECT_TRUE(lines[1].relays.empty());
}

TEST(Lines, RelaysOfUnnamedOriginsShareOneLineSpokenByADirectRelay) {
  // 0 relays with no via; 1 relays 0 (a relay of a relay); both unknown upstream.
  std::vector<Line> lines = Lines({{0, {1}, false}, {1, {}, false}});
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].kind, LineKind::kUnknownUpstream);
  EXPECT_EQ(lines[0].head, 1);  // the direct relay, not the lower source
  EXPECT_EQ(lines[0].relays, (std::vector<int>{0}));
}

TEST(Lines, RelayOfASourceWithoutALinkNamesIt) {
  std::vector<Line> lines = Lines({{3, {7}, false}, {5, {3}, false}});
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].kind, LineKind::kAbsentUpstream);
  EXPECT_EQ(lines[0].upstream, 7);
  EXPECT_EQ(lines[0].head, 0);
}

TEST(Lines, CyclesAreBrokenNotFollowedForever) {
  std::vector<Line> lines = Lines({{0, {1}, false}, {1, {0}, false}});
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].relays.size(), 1u);
}

// Oracle: naming an upstream twice changes nothing, but sends the finder
// down its general path (several upstreams) instead of the single-upstream
// one; on random graphs both must agree.
TEST(Lines, SingleUpstreamPathAgreesWithTheGeneralWalk) {
  std::mt19937_64 rng(42);
  for (int round = 0; round < 2000; ++round) {
    int n = 1 + static_cast<int>(rng() % 8);
    std::vector<Spec> specs;
    for (int i = 0; i < n; ++i) {
      Spec s{2 * i, {}, rng() % 3 == 0};
      if (rng() % 4 != 0) s.via.push_back(static_cast<std::int32_t>(rng() % (2 * n + 2)));  // may be absent
      specs.push_back(s);
    }
    std::vector<Spec> doubled = specs;
    bool any = false;
    for (Spec& s : doubled) {
      if (!s.via.empty()) {
        s.via.push_back(s.via[0]);
        any = true;
      }
    }
    if (!any) continue;
    EXPECT_EQ(Lines(specs), Lines(doubled)) << "round " << round;
  }
}

TEST(Lines, ReusedBuffersGiveTheSameLinesAsFreshOnes) {
  // A scorer reuses one scratch and one output from claim to claim: nothing
  // of the previous claim may leak into the next.
  std::mt19937_64 rng(7);
  LineScratch scratch;
  std::vector<Line> reused;
  for (int round = 0; round < 2000; ++round) {
    int n = 1 + static_cast<int>(rng() % 10);
    std::vector<std::vector<std::int32_t>> vias(n);
    std::vector<LinkView> views;
    for (int i = 0; i < n; ++i) {
      int ups = rng() % 3 == 0 ? 0 : 1 + static_cast<int>(rng() % 2);  // several upstreams: the general walk
      for (int k = 0; k < ups; ++k) vias[i].push_back(static_cast<std::int32_t>(rng() % (2 * n + 2)));
    }
    for (int i = 0; i < n; ++i) views.push_back({2 * i, vias[i], rng() % 3 == 0});
    FindLines(views, scratch, reused);
    EXPECT_EQ(reused, FindLines(views)) << "round " << round;
  }
}

}  // namespace
}  // namespace credence::graph
