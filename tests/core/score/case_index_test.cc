// The scorer's compact index: sources packed with their text in an arena,
// ids interned in an open-addressing table, references resolved by Finish.
#include "core/score/case_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace credence::score {
namespace {

model::Source MakeSource(std::string id, std::string name, model::SourceKind kind) {
  return model::Source{std::move(id), std::move(name), kind, {}, std::nullopt};
}

model::Link MakeLink(std::string source, std::string claim) {
  model::Link l;
  l.source = std::move(source);
  l.claim = std::move(claim);
  l.stance = model::Stance::kSupports;
  l.mode = model::LinkMode::kOriginates;
  return l;
}

model::Claim MakeClaim(std::string id) {
  model::Claim c;
  c.id = std::move(id);
  c.text = "a claim";
  return c;
}

TEST(CaseIndex, SourcesComeBackSortedByIdWithEveryField) {
  std::vector<model::Source> added;
  added.push_back(MakeSource("zeta", "Zeta Daily", model::SourceKind::kNewsOutlet));
  added.push_back(MakeSource("alpha", std::string(300'000, 'n'), model::SourceKind::kBlog));  // a block of its own
  added.push_back(MakeSource("mid", "", model::SourceKind::kNgo));
  added[0].attributes["tabloid"] = "true";
  added[0].track_record = model::TrackRecord{3, 1, 2};
  added[2].attributes["anonymous"] = "true";
  added[2].attributes["region"] = "\"EU\"";
  CaseIndex index;
  for (const model::Source& s : added) index.Add(s);
  index.Add(MakeClaim("c"));
  index.Add(MakeLink("mid", "c"));
  ASSERT_TRUE(index.Finish().ok());

  ASSERT_EQ(index.source_count(), 3u);
  EXPECT_EQ(index.source(0), added[1]);
  EXPECT_EQ(index.source(1), added[2]);
  EXPECT_EQ(index.source(2), added[0]);
  EXPECT_EQ(index.source_id(2), "zeta");
  EXPECT_EQ(index.source_name(2), "Zeta Daily");
  EXPECT_EQ(index.source_kind(0), model::SourceKind::kBlog);
  EXPECT_EQ(index.FindSource("mid"), 1);
  EXPECT_EQ(index.FindSource("mi"), -1);
  EXPECT_EQ(index.FindSource("zz"), -1);
  ASSERT_EQ(index.links_of(0).size(), 1u);
  EXPECT_EQ(index.Key(index.links_of(0)[0]), "mid->c");
}

// Links reach their claim whatever order they come in: claim after claim
// (the store's order, which ClaimIndexOf shortcuts), backwards, or shuffled,
// with enough ids that the id tables grow and their hashes collide.
TEST(CaseIndex, LinksFindTheirClaimInAnyOrder) {
  constexpr int kClaims = 3000;
  std::vector<int> order(kClaims);
  for (int i = 0; i < kClaims; ++i) order[i] = i;
  std::vector<std::vector<int>> orders = {order, {order.rbegin(), order.rend()}, order};
  std::mt19937 rng(11);
  std::shuffle(orders[2].begin(), orders[2].end(), rng);
  for (const std::vector<int>& links : orders) {
    CaseIndex index;
    index.Reserve(kClaims, kClaims, 0);
    for (int i = 0; i < 50; ++i) index.Add(MakeSource("s" + std::to_string(i), "S", model::SourceKind::kBlog));
    for (int i = 0; i < kClaims; ++i) index.Add(MakeClaim("c" + std::to_string(i)));
    for (int i : links) index.Add(MakeLink("s" + std::to_string(i % 50), "c" + std::to_string(i)));
    ASSERT_TRUE(index.Finish().ok());
    ASSERT_EQ(index.claim_count(), static_cast<std::size_t>(kClaims));
    for (std::size_t c = 0; c < index.claim_count(); ++c) {
      const std::string id(index.claim_id(c));
      ASSERT_EQ(index.links_of(c).size(), 1u) << id;
      const int n = std::stoi(id.substr(1));
      EXPECT_EQ(index.Key(index.links_of(c)[0]), "s" + std::to_string(n % 50) + "->" + id);
    }
  }
}

TEST(CaseIndex, ManyIdsReferencedBeforeTheirSourcesResolve) {
  // Links first, sources after, in reverse: every id is interned by a link,
  // and the table grows many times.
  constexpr int kSources = 20'000;
  CaseIndex index;
  index.Add(MakeClaim("c"));
  for (int i = 0; i < kSources; ++i) {
    model::Link l = MakeLink("s" + std::to_string(i), "c");
    if (i > 0) l.via.push_back("s" + std::to_string(i - 1));
    l.mode = i > 0 ? model::LinkMode::kRelays : model::LinkMode::kOriginates;
    index.Add(l);
  }
  for (int i = kSources - 1; i >= 0; --i) {
    index.Add(MakeSource("s" + std::to_string(i), "Source " + std::to_string(i), model::SourceKind::kBlog));
  }
  ASSERT_TRUE(index.Finish().ok());
  ASSERT_EQ(index.links_of(0).size(), static_cast<std::size_t>(kSources));
  for (const CaseIndex::Link& l : index.links_of(0)) {
    const std::string id(index.source_id(l.source));
    const int n = std::stoi(id.substr(1));
    EXPECT_EQ(index.source_name(l.source), "Source " + std::to_string(n));
    if (n > 0) {
      ASSERT_EQ(index.via(l).size(), 1u);
      EXPECT_EQ(index.source_id(index.via(l)[0]), "s" + std::to_string(n - 1));
    }
  }
  for (std::size_t s = 1; s < index.source_count(); ++s) EXPECT_LT(index.source_id(s - 1), index.source_id(s));
}

TEST(CaseIndex, ALinkToAnUnknownSourceIsNamed) {
  CaseIndex index;
  index.Add(MakeSource("known", "Known", model::SourceKind::kBlog));
  index.Add(MakeClaim("c"));
  index.Add(MakeLink("known", "c"));
  index.Add(MakeLink("ghost", "c"));
  Status s = index.Finish();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.ToString().find("unknown source \"ghost\""), std::string::npos) << s.ToString();
}

TEST(CaseIndex, ADuplicateSourceIdIsNamed) {
  CaseIndex index;
  index.Add(MakeSource("twice", "One", model::SourceKind::kBlog));
  index.Add(MakeSource("twice", "Two", model::SourceKind::kBlog));
  Status s = index.Finish();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.ToString().find("duplicate source id"), std::string::npos) << s.ToString();
  EXPECT_NE(s.ToString().find("twice"), std::string::npos) << s.ToString();
}

TEST(CaseIndex, AnIdTooLongForTheIndexIsAnErrorNotATruncation) {
  CaseIndex index;
  index.Add(MakeSource(std::string(300, 'x'), "Long", model::SourceKind::kBlog));
  Status s = index.Finish();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.ToString().find("too long"), std::string::npos) << s.ToString();
}

// A claim comes back from the packed index as it was added, minus its
// label; claims with no lang, topic, text or attributes keep none.
TEST(CaseIndex, ClaimsComeBackSortedByIdWithEveryFieldButTheLabel) {
  model::Claim full = MakeClaim("b/full");
  full.kind = model::ClaimKind::kDocumentAuthenticity;
  full.lang = "ja";
  full.made_at = model::Date{2025, 8, 5};
  full.topic = "defence";
  full.attributes["leak"] = "\"Black Moon\"";
  full.label = model::Label{true, "", ""};
  model::Claim bare;
  bare.id = "a";
  bare.made_at = model::Date{2019, 0, 0};
  CaseIndex index;
  index.Add(full);
  index.Add(bare);
  ASSERT_TRUE(index.Finish().ok());
  ASSERT_EQ(index.claim_count(), 2u);
  EXPECT_EQ(index.claim_id(0), "a");
  EXPECT_EQ(index.claim(0), bare);
  full.label.reset();
  EXPECT_EQ(index.claim(1), full);
  EXPECT_EQ(index.FindClaim("b/full"), 1);
  EXPECT_EQ(index.FindClaim("c"), -1);
}

// Evidence equal but for its claim is stored once; each claim lists its own
// by feature, and an unknown claim is named with the record's key.
TEST(CaseIndex, EvidenceIsSharedByContentAndListedPerClaimByFeature) {
  CaseIndex index;
  index.Add(MakeClaim("c1"));
  index.Add(MakeClaim("c2"));
  index.Add(model::Evidence{"c2", "photo_of_page", "true", std::nullopt});
  index.Add(model::Evidence{"c1", "photo_of_page", "true", std::nullopt});
  index.Add(model::Evidence{"c1", "bilingual_original", "true", "zh/ru"});
  ASSERT_TRUE(index.Finish().ok());
  ASSERT_EQ(index.evidence_of(0).size(), 2u);
  ASSERT_EQ(index.evidence_of(1).size(), 1u);
  EXPECT_EQ(index.evidence(index.evidence_of(0)[0]).feature, "bilingual_original");
  EXPECT_EQ(index.evidence(index.evidence_of(0)[0]).note, "zh/ru");
  EXPECT_EQ(index.evidence(index.evidence_of(0)[1]).feature, "photo_of_page");
  EXPECT_EQ(index.evidence_of(0)[1], index.evidence_of(1)[0]);  // one record for both claims

  CaseIndex bad;
  bad.Add(MakeClaim("c1"));
  bad.Add(model::Evidence{"nope", "photo_of_page", "true", std::nullopt});
  Status s = bad.Finish();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.ToString().find("evidence references unknown claim \"nope\""), std::string::npos) << s.ToString();
  EXPECT_NE(s.ToString().find("nope#photo_of_page"), std::string::npos) << s.ToString();
}

}  // namespace
}  // namespace credence::score
