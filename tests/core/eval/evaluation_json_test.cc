#include "core/eval/evaluation_json.h"

#include <gtest/gtest.h>

namespace credence::eval {
namespace {

Metrics Sample() {
  Metrics m;
  m.items = 5;
  m.items_correct = 4;
  m.accuracy = 0.8;
  m.outcomes = 7;
  m.brier = 0.1234567890123;
  m.log_loss = 0.5;
  m.ece = 1.0 / 3.0;
  m.bins[2] = {3, 0.25, 1.0 / 3.0};
  m.bins[9] = {4, 0.975, 1.0};
  return m;
}

void ExpectSame(const Metrics& a, const Metrics& b) {
  EXPECT_EQ(a.items, b.items);
  EXPECT_EQ(a.items_correct, b.items_correct);
  EXPECT_EQ(a.accuracy, b.accuracy);
  EXPECT_EQ(a.outcomes, b.outcomes);
  EXPECT_EQ(a.brier, b.brier);
  EXPECT_EQ(a.log_loss, b.log_loss);
  EXPECT_EQ(a.ece, b.ece);
  EXPECT_EQ(a.ordinal, b.ordinal);
  EXPECT_EQ(a.accuracy_6way, b.accuracy_6way);
  EXPECT_EQ(a.ordinal_mae, b.ordinal_mae);
  for (std::size_t i = 0; i < a.bins.size(); ++i) {
    EXPECT_EQ(a.bins[i].count, b.bins[i].count) << i;
    EXPECT_EQ(a.bins[i].mean_p, b.bins[i].mean_p) << i;
    EXPECT_EQ(a.bins[i].frequency, b.bins[i].frequency) << i;
  }
}

TEST(EvaluationJson, RoundTripsExactlyWithAbsentMetricsAsNull) {
  const std::string text = EvaluationToJson(Sample());
  EXPECT_NE(text.find("\"accuracy_6way\":null"), std::string::npos) << text;
  Result<Metrics> back = EvaluationFromJson(text, "e");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ExpectSame(*back, Sample());
  EXPECT_EQ(EvaluationToJson(*back), text);
}

TEST(EvaluationJson, RejectsAnotherFormatAndNamesTheBadField) {
  Result<Metrics> other = EvaluationFromJson("{\"format\": \"credence-eval/9\"}", "e");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().ToString(), "e /format: expected \"credence-eval/1\"");
  std::string text = EvaluationToJson(Sample());
  text.replace(text.find("\"outcomes\":7"), 12, "\"outcomes\":\"7\"");
  Result<Metrics> bad = EvaluationFromJson(text, "e");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().ToString(), "e /outcomes: expected an integer");
}

}  // namespace
}  // namespace credence::eval
