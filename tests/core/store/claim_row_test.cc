#include "core/store/claim_row.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "core/store/store.h"
#include "tests/core/store/store_test_util.h"

namespace credence::store {
namespace {

score::ClaimScore ClaimWith(std::string id, int contributions) {
  score::ClaimScore c;
  c.claim_id = std::move(id);
  c.p = 0.1 + 0.2;
  c.p_raw = 0.25;
  c.log_odds = -1.0 / 3;
  c.lo = 0.125;
  c.hi = 0.75;
  c.lines = contributions;
  c.verdict = score::Verdict{"likely", "likely, could be roughly even chance", 2, "mostly-true"};
  for (int i = 0; i < contributions; ++i) {
    // Sentences shared between claims and sentences of their own.
    c.contributions.push_back({score::ContributionKind::kLink, "source" + std::to_string(i) + "->" + c.claim_id,
                               0.5 * i - 1, i % 2 == 0 ? "a sentence every claim shares, long enough to allocate"
                                                       : "said of " + c.claim_id + " alone",
                               i + 1});
  }
  return c;
}

score::Run RunOfRows() {
  score::Run run;
  run.info.engine = "0.1.0";
  run.info.rules_name = "default";
  run.info.rules_sha256 = std::string(64, 'a');
  run.info.interval_level = 0.9;
  // Scoring order: a long claim, then shorter ones encoded over it.
  run.claims = {ClaimWith("c3", 5), ClaimWith("c1", 2), ClaimWith("c4", 0), ClaimWith("c2", 3)};
  return run;
}

TEST(ClaimRow, AReusedRowEncodedOnAnotherThreadStoresWhatAddOfTheClaimStores) {
  const score::Run run = RunOfRows();
  const auto dir = ScratchDir();
  std::filesystem::create_directories(dir / "a");
  std::filesystem::create_directories(dir / "b");
  Store by_claim = OpenIn(dir / "a");
  Store by_row = OpenIn(dir / "b");
  auto saved = by_claim.SaveRun(run);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();

  auto writer = by_row.BeginRun();
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  ClaimRow row;  // one row for every claim: each Encode overwrites the last
  for (const score::ClaimScore& c : run.claims) {
    std::thread([&row, &c] { row.Encode(c); }).join();
    ASSERT_TRUE(writer->Add(row).ok());
  }
  auto written = writer->Commit(run);
  ASSERT_TRUE(written.ok()) << written.status().ToString();

  auto a = by_claim.LoadRun(*saved);
  auto b = by_row.LoadRun(*written);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(a->claims, b->claims);
  ASSERT_EQ(b->claims.size(), 4u);
  EXPECT_EQ(b->claims[0], run.claims[1]);  // c1: read back in id order
  EXPECT_EQ(b->claims[2], run.claims[0]);  // c3
  EXPECT_EQ(b->claims[3], run.claims[2]);  // c4, no contributions
}

}  // namespace
}  // namespace credence::store
