#include "core/report/provenance_internal.h"

#include <gtest/gtest.h>

namespace credence::report::internal {
namespace {

using model::LinkMode;
using model::Stance;
using score::ContributionKind;

score::Contribution LinkAt(std::string ref, int line) {
  return {ContributionKind::kLink, std::move(ref), 0.5, "", line};
}

// Line 1: origin "leak", relayed by "paper" (via leak), relayed by "tv"
// (via paper), and "blog" reported through the conduit "agg". Line 2: a
// denial by "ministry".
struct Fixture {
  model::Case cases;
  score::ClaimScore claim;
  Fixture() {
    cases.links = {
        {.source = "leak", .claim = "c", .stance = Stance::kSupports, .mode = LinkMode::kOriginates},
        {.source = "paper", .claim = "c", .stance = Stance::kSupports, .mode = LinkMode::kRelays,
         .via = {"leak"}},
        {.source = "tv", .claim = "c", .stance = Stance::kSupports, .mode = LinkMode::kRelays,
         .via = {"paper"}},
        {.source = "blog", .claim = "c", .stance = Stance::kSupports, .mode = LinkMode::kRelays,
         .via = {"leak"}, .reported_by = "agg"},
        {.source = "ministry", .claim = "c", .stance = Stance::kRefutes,
         .mode = LinkMode::kDenies},
        {.source = "other", .claim = "elsewhere"},
    };
    claim.claim_id = "c";
    claim.contributions = {
        {ContributionKind::kPrior, "prior", 0, "", 0},
        LinkAt("ministry->c", 2),
        LinkAt("leak->c", 1),
        LinkAt("paper->c", 1),
        LinkAt("tv->c", 1),
        LinkAt("blog->c", 1),
        {ContributionKind::kRule, "hedged", -0.1, "", 1},
    };
  }
};

// The fixture's links as the report hands them over (all of them: links of
// other claims must be ignored).
std::vector<const model::Link*> Links(const model::Case& cases) {
  std::vector<const model::Link*> out;
  for (const model::Link& l : cases.links) out.push_back(&l);
  return out;
}

const ProvenanceNode* Find(const ProvenanceLayout& l, std::string_view id, int lane) {
  for (const ProvenanceNode& n : l.nodes) {
    if (n.source_id == id && n.lane == lane) return &n;
  }
  return nullptr;
}

TEST(Provenance, LanesAreTheExplanationsLinesInOrder) {
  Fixture f;
  const ProvenanceLayout l = LayOutProvenance(f.claim, Links(f.cases));
  ASSERT_EQ(l.lanes.size(), 2u);
  EXPECT_EQ(l.lanes[0].line, 1);
  EXPECT_EQ(l.lanes[1].line, 2);
  EXPECT_EQ(l.lanes[0].rows, 5);  // leak, paper, blog, tv, agg
  EXPECT_EQ(l.lanes[1].first_row, 5);
  EXPECT_EQ(l.lanes[1].rows, 1);
  for (std::size_t i = 0; i < l.nodes.size(); ++i) EXPECT_EQ(l.nodes[i].row, static_cast<int>(i));
}

TEST(Provenance, ColumnsAreDepthAlongVia) {
  Fixture f;
  const ProvenanceLayout l = LayOutProvenance(f.claim, Links(f.cases));
  EXPECT_EQ(Find(l, "leak", 0)->column, 0);
  EXPECT_EQ(Find(l, "paper", 0)->column, 1);
  EXPECT_EQ(Find(l, "blog", 0)->column, 1);
  EXPECT_EQ(Find(l, "tv", 0)->column, 2);
  const ProvenanceNode* agg = Find(l, "agg", 0);
  ASSERT_NE(agg, nullptr);
  EXPECT_TRUE(agg->conduit_only);
  EXPECT_EQ(agg->column, 2);
  EXPECT_EQ(Find(l, "ministry", 1)->column, 0);
  EXPECT_EQ(l.columns, 3);
  EXPECT_EQ(Find(l, "other", 0), nullptr);
}

TEST(Provenance, EdgesShowRelaysConduitsAndDenials) {
  Fixture f;
  const ProvenanceLayout l = LayOutProvenance(f.claim, Links(f.cases));
  auto index = [&](std::string_view id) {
    for (std::size_t i = 0; i < l.nodes.size(); ++i) {
      if (l.nodes[i].source_id == id) return static_cast<int>(i);
    }
    return -2;
  };
  auto has = [&](int from, int to, ProvenanceEdgeKind kind, bool against) {
    for (const ProvenanceEdge& e : l.edges) {
      if (e.from == from && e.to == to && e.kind == kind && e.against == against) return true;
    }
    return false;
  };
  EXPECT_TRUE(has(index("leak"), index("paper"), ProvenanceEdgeKind::kVia, false));
  EXPECT_TRUE(has(index("paper"), index("tv"), ProvenanceEdgeKind::kVia, false));
  EXPECT_TRUE(has(index("tv"), kClaimNode, ProvenanceEdgeKind::kLink, false));
  EXPECT_TRUE(has(index("blog"), index("agg"), ProvenanceEdgeKind::kConduit, false));
  EXPECT_TRUE(has(index("agg"), kClaimNode, ProvenanceEdgeKind::kConduit, false));
  EXPECT_FALSE(has(index("blog"), kClaimNode, ProvenanceEdgeKind::kLink, false));
  EXPECT_TRUE(has(index("ministry"), kClaimNode, ProvenanceEdgeKind::kLink, true));
  EXPECT_EQ(l.edges.size(), 9u);  // 3 via, 4 links, 2 conduit
}

TEST(Provenance, AConduitThatAlsoRelaysGetsOneDashedArrowPerPair) {
  model::Case cases;
  cases.links = {
      {.source = "officials", .claim = "c", .mode = LinkMode::kOriginates, .reported_by = "wsj"},
      {.source = "wsj", .claim = "c", .mode = LinkMode::kRelays, .via = {"officials"}},
  };
  score::ClaimScore claim;
  claim.claim_id = "c";
  claim.contributions = {LinkAt("officials->c", 1), LinkAt("wsj->c", 1)};
  const ProvenanceLayout l = LayOutProvenance(claim, Links(cases));
  ASSERT_EQ(l.nodes.size(), 2u);
  EXPECT_FALSE(l.nodes[1].conduit_only);  // wsj has its own link
  ASSERT_EQ(l.edges.size(), 2u);
  for (const ProvenanceEdge& e : l.edges) EXPECT_EQ(e.kind, ProvenanceEdgeKind::kConduit);
}

TEST(Provenance, NoLinkContributionNoPicture) {
  score::ClaimScore claim;
  claim.contributions = {{ContributionKind::kPrior, "prior", 0, "", 0}};
  EXPECT_TRUE(LayOutProvenance(claim, {}).nodes.empty());
}

TEST(Provenance, ALinkMissingFromTheCaseStillGetsItsBox) {
  score::ClaimScore claim;
  claim.claim_id = "c";
  claim.contributions = {LinkAt("ghost->c", 1)};
  const ProvenanceLayout l = LayOutProvenance(claim, {});
  ASSERT_EQ(l.nodes.size(), 1u);
  EXPECT_EQ(l.nodes[0].source_id, "ghost");
  ASSERT_EQ(l.edges.size(), 1u);
  EXPECT_EQ(l.edges[0].to, kClaimNode);
}

}  // namespace
}  // namespace credence::report::internal
