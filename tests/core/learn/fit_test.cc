#include "core/learn/fit.h"

#include <gtest/gtest.h>

namespace credence::learn {
namespace {

Fit SampleFit() {
  Fit f;
  f.name = "flights";
  f.data_sha256 = "ab12";
  f.data_summary = "2 sources";
  f.sources = {{"s:a", 9.5, 1.5, 1, {}}, {"s:b", 2, 3, 0.25, {"s:a"}}};
  f.rule_weights["claim.prior.even"] = 1.5;
  f.calibration = CalibrationMap{{{0.1, 0.05}, {0.5, 0.4}, {0.9, 0.95}}};
  f.ordinal_cuts["liar6"] = {0.2, 0.3, 0.45, 0.6, 0.75};
  f.claim_features["intercept"] = -0.25;
  f.claim_features["source.party=a/b"] = 0.5;
  return f;
}

TEST(FitFile, RoundTripsEveryField) {
  Fit f = SampleFit();
  auto back = FitFromJson(FitToJson(f), "fit.json");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, f);
  EXPECT_EQ(FitToJson(*back), FitToJson(f));
}

TEST(FitFile, OmitsEmptyClaimFeaturesAndRejectsANonNumberWithItsPointer) {
  Fit f = SampleFit();
  f.claim_features.clear();
  EXPECT_EQ(FitToJson(f).find("claim_features"), std::string::npos);
  std::string bad = FitToJson(SampleFit());
  const std::string entry = "\"source.party=a/b\": 0.5";
  ASSERT_NE(bad.find(entry), std::string::npos);
  bad.replace(bad.find(entry) + entry.size() - 3, 3, "\"x\"");
  auto r = FitFromJson(bad, "fit.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().ToString(), "fit.json /claim_features/source.party=a~1b: expected a number");
}

TEST(FitFile, RejectsWrongFormatWithPointer) {
  auto r = FitFromJson(R"({"format": "credence-fit/9"})", "fit.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().ToString(), "fit.json /format: expected \"credence-fit/1\"");
}

TEST(FitFile, RejectsBadSourceFields) {
  std::string text = FitToJson(SampleFit());
  std::string bad = text;
  bad.replace(bad.find("9.5"), 3, "-1.0");
  auto r = FitFromJson(bad, "fit.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().ToString(), "fit.json /sources/0/alpha: expected a number > 0");
  auto r2 = FitFromJson("not json", "fit.json");
  ASSERT_FALSE(r2.ok());
  EXPECT_EQ(r2.status().ToString(), "fit.json: expected a JSON fit file; it does not parse");
}

}  // namespace
}  // namespace credence::learn
