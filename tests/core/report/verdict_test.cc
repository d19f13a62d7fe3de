#include "core/report/verdict.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <bit>
#include <limits>
#include <random>
#include <utility>
#include <vector>

namespace credence::report {
namespace {

TEST(Icd203, PublishedBandsMidpoints) {
  EXPECT_EQ(Name(Icd203Band(0.03)), "almost no chance");
  EXPECT_EQ(Name(Icd203Band(0.10)), "very unlikely");
  EXPECT_EQ(Name(Icd203Band(0.30)), "unlikely");
  EXPECT_EQ(Name(Icd203Band(0.50)), "roughly even chance");
  EXPECT_EQ(Name(Icd203Band(0.70)), "likely");
  EXPECT_EQ(Name(Icd203Band(0.90)), "very likely");
  EXPECT_EQ(Name(Icd203Band(0.97)), "almost certain");
}

TEST(Icd203, EdgeTakesTheWordNearerEvenChance) {
  EXPECT_EQ(Icd203Band(0.05), Icd203::kVeryUnlikely);
  EXPECT_EQ(Icd203Band(0.20), Icd203::kUnlikely);
  EXPECT_EQ(Icd203Band(0.45), Icd203::kRoughlyEvenChance);
  EXPECT_EQ(Icd203Band(0.55), Icd203::kRoughlyEvenChance);
  EXPECT_EQ(Icd203Band(0.80), Icd203::kLikely);
  EXPECT_EQ(Icd203Band(0.95), Icd203::kVeryLikely);
  // Just past an edge, as printed to 4 decimals.
  EXPECT_EQ(Icd203Band(0.5501), Icd203::kLikely);
  EXPECT_EQ(Icd203Band(0.4499), Icd203::kUnlikely);
}

TEST(Icd203, JudgedOnThePrintedValue) {
  // 0.55004 prints as 0.5500, so it is read as the edge itself.
  EXPECT_EQ(Icd203Band(0.55004), Icd203::kRoughlyEvenChance);
  EXPECT_EQ(Icd203Band(0.55006), Icd203::kLikely);  // prints 0.5501
}

TEST(Icd203, TailsBeyondThePublishedScaleKeepTheOuterWords) {
  EXPECT_EQ(Icd203Band(0.0), Icd203::kAlmostNoChance);
  EXPECT_EQ(Icd203Band(0.001), Icd203::kAlmostNoChance);
  EXPECT_EQ(Icd203Band(0.999), Icd203::kAlmostCertain);
  EXPECT_EQ(Icd203Band(1.0), Icd203::kAlmostCertain);
}

TEST(Icd203Range, IntervalInsideOneBandIsTheWordAlone) {
  EXPECT_EQ(Icd203Range(0.70, 0.60, 0.78), "likely");
}

TEST(Icd203Range, ReachingTowardEvenChanceIsNamed) {
  EXPECT_EQ(Icd203Range(0.70, 0.50, 0.78), "likely, could be roughly even chance");
  EXPECT_EQ(Icd203Range(0.30, 0.22, 0.50), "unlikely, could be roughly even chance");
}

TEST(Icd203Range, BothSidesNamedNearSideFirst) {
  EXPECT_EQ(Icd203Range(0.70, 0.50, 0.85), "likely, could be roughly even chance or very likely");
  EXPECT_EQ(Icd203Range(0.30, 0.10, 0.50), "unlikely, could be roughly even chance or very unlikely");
  EXPECT_EQ(Icd203Range(0.50, 0.30, 0.70), "roughly even chance, could be unlikely or likely");
}

TEST(Icd203Range, FarEndNamesItsOwnBand) {
  EXPECT_EQ(Icd203Range(0.65, 0.25, 0.75), "likely, could be unlikely");
}

TEST(Icd203Range, IntervalEdgeOnABandEdgeCountsAsTheLessCertainBand) {
  EXPECT_EQ(Icd203Range(0.60, 0.55, 0.79), "likely, could be roughly even chance");
  EXPECT_EQ(Icd203Range(0.60, 0.5501, 0.80), "likely");
}

TEST(Icd203Range, IntervalMissingPIsWidenedToContainIt) {
  EXPECT_EQ(Icd203Range(0.70, 0.75, 0.78), "likely");
  EXPECT_EQ(Icd203Range(0.90, 0.50, 0.60), "very likely, could be roughly even chance");
}

TEST(AdmiraltyReliability, FlatPriorWithoutRecordCannotBeJudged) {
  EXPECT_EQ(AdmiraltyReliability(1, 1), 'F');
  EXPECT_EQ(AdmiraltyReliability(2, 2), 'F');
}

TEST(AdmiraltyReliability, SeenTwiceCannotBeA) {
  EXPECT_EQ(AdmiraltyReliability(3, 1), 'F');  // flat prior + 2 confirmed
  EXPECT_NE(AdmiraltyReliability(9, 1), 'A');  // strong prior (8 pseudo-counts) + 2
}

TEST(AdmiraltyReliability, ARequiresALongCleanRecord) {
  EXPECT_NE(AdmiraltyReliability(1 + 27, 1), 'A');
  EXPECT_EQ(AdmiraltyReliability(1 + 28, 1), 'A');
  EXPECT_EQ(AdmiraltyReliability(1 + 400, 1 + 10), 'A');
}

TEST(AdmiraltyReliability, LettersFollowTheBoundsThenTheMean) {
  EXPECT_EQ(AdmiraltyReliability(45, 5), 'B');   // mean 0.90, q05 ~0.83
  EXPECT_EQ(AdmiraltyReliability(16, 4), 'C');   // mean 0.80, q05 ~0.64
  EXPECT_EQ(AdmiraltyReliability(6, 2), 'C');    // mean 0.75, q05 ~0.45: right more often
  EXPECT_EQ(AdmiraltyReliability(12, 18), 'D');  // mean 0.40, q95 ~0.55
  EXPECT_EQ(AdmiraltyReliability(30, 30), 'D');  // as often wrong as right
  EXPECT_EQ(AdmiraltyReliability(5, 45), 'E');   // mostly wrong, known well
}

TEST(AdmiraltyReliability, InvalidBetaCannotBeJudged) {
  EXPECT_EQ(AdmiraltyReliability(0, 1), 'F');
  EXPECT_EQ(AdmiraltyReliability(-1, 3), 'F');
  EXPECT_EQ(AdmiraltyReliability(std::nan(""), 3), 'F');
  EXPECT_EQ(AdmiraltyReliability(std::numeric_limits<double>::infinity(), 3), 'F');
}

TEST(AdmiraltyReliability, MoreConfirmedRecordNeverLowersTheLetter) {
  // Letters other than F are ordered A (best) .. E; F is "cannot be judged".
  for (double beta : {1.0, 2.0, 5.0, 20.0}) {
    char best = 'F';
    for (int confirmed = 0; confirmed <= 1000; ++confirmed) {
      const char letter = AdmiraltyReliability(1.0 + confirmed, beta);
      if (letter == 'F') continue;
      if (best != 'F') {
        EXPECT_LE(letter, best) << "beta=" << beta << " confirmed=" << confirmed;
      }
      best = letter;
    }
    EXPECT_EQ(best, 'A') << "beta=" << beta;
  }
}

TEST(AdmiraltyReliability, MoreRefutedRecordNeverRaisesTheLetter) {
  char worst = 'F';
  for (int refuted = 0; refuted <= 1000; ++refuted) {
    const char letter = AdmiraltyReliability(20, 1.0 + refuted);
    if (letter == 'F') continue;
    if (worst != 'F') {
      EXPECT_GE(letter, worst) << "refuted=" << refuted;
    }
    worst = letter;
  }
  EXPECT_EQ(worst, 'E');
}

TEST(AdmiraltyCredibility, Rules) {
  EXPECT_EQ(AdmiraltyCredibility(0.95, 0.85, 0.98, 3), 1);
  EXPECT_EQ(AdmiraltyCredibility(0.95, 0.85, 0.98, 1), 2);  // one line: not confirmed by others
  EXPECT_EQ(AdmiraltyCredibility(0.75, 0.60, 0.85, 2), 2);
  EXPECT_EQ(AdmiraltyCredibility(0.65, 0.45, 0.80, 2), 3);
  EXPECT_EQ(AdmiraltyCredibility(0.40, 0.25, 0.60, 2), 4);
  EXPECT_EQ(AdmiraltyCredibility(0.20, 0.10, 0.40, 2), 5);
  EXPECT_EQ(AdmiraltyCredibility(0.60, 0.25, 0.85, 2), 3);  // wide, but not anything at all
  EXPECT_EQ(AdmiraltyCredibility(0.60, 0.15, 0.85, 2), 6);  // very unlikely .. very likely
  EXPECT_EQ(AdmiraltyCredibility(0.50, 0.45, 0.55, 0), 6);  // no line of evidence
}

TEST(AdmiraltyCredibility, EdgesAsDocumented) {
  EXPECT_EQ(AdmiraltyCredibility(0.90, 0.80, 0.95, 2), 1);
  EXPECT_EQ(AdmiraltyCredibility(0.90, 0.7999, 0.95, 2), 2);
  EXPECT_EQ(AdmiraltyCredibility(0.60, 0.55, 0.70, 1), 2);
  EXPECT_EQ(AdmiraltyCredibility(0.30, 0.20, 0.45, 1), 5);
  EXPECT_EQ(AdmiraltyCredibility(0.50, 0.40, 0.60, 1), 3);
  EXPECT_EQ(AdmiraltyCredibility(0.50, 0.20, 0.81, 1), 3);  // 0.20 is "unlikely"
  EXPECT_EQ(AdmiraltyCredibility(0.50, 0.19, 0.80, 1), 3);  // 0.80 is "likely"
  EXPECT_EQ(AdmiraltyCredibility(0.50, 0.1999, 0.8001, 1), 6);
  EXPECT_EQ(AdmiraltyCredibility(0.50, 0.01, 0.60, 1), 3);  // only one side is wide
}

TEST(AdmiraltyWords, AllDigitsAndLetters) {
  EXPECT_EQ(AdmiraltyCredibilityWords(1), "confirmed by other sources");
  EXPECT_EQ(AdmiraltyCredibilityWords(6), "truth cannot be judged");
  EXPECT_EQ(AdmiraltyCredibilityWords(7), "");
  EXPECT_EQ(AdmiraltyReliabilityWords('A'), "completely reliable");
  EXPECT_EQ(AdmiraltyReliabilityWords('F'), "reliability cannot be judged");
  EXPECT_EQ(AdmiraltyReliabilityWords('G'), "");
}

TEST(Liar6, DefaultCutsFollowIcd203) {
  EXPECT_EQ(Name(Liar6Label(0.01, kDefaultLiar6Cuts)), "pants-fire");
  EXPECT_EQ(Name(Liar6Label(0.10, kDefaultLiar6Cuts)), "false");
  EXPECT_EQ(Name(Liar6Label(0.30, kDefaultLiar6Cuts)), "barely-true");
  EXPECT_EQ(Name(Liar6Label(0.50, kDefaultLiar6Cuts)), "half-true");
  EXPECT_EQ(Name(Liar6Label(0.70, kDefaultLiar6Cuts)), "mostly-true");
  EXPECT_EQ(Name(Liar6Label(0.90, kDefaultLiar6Cuts)), "true");
  EXPECT_EQ(Name(Liar6Label(0.99, kDefaultLiar6Cuts)), "true");
}

TEST(Liar6, EdgeTakesTheLabelNearerHalfTrue) {
  EXPECT_EQ(Liar6Label(0.05, kDefaultLiar6Cuts), Liar6::kFalse);
  EXPECT_EQ(Liar6Label(0.45, kDefaultLiar6Cuts), Liar6::kHalfTrue);
  EXPECT_EQ(Liar6Label(0.55, kDefaultLiar6Cuts), Liar6::kHalfTrue);
  EXPECT_EQ(Liar6Label(0.80, kDefaultLiar6Cuts), Liar6::kMostlyTrue);
}

TEST(Liar6, FittedCutsReplaceTheDefaults) {
  constexpr std::array<double, 5> cuts = {0.1, 0.3, 0.5, 0.6, 0.7};
  EXPECT_EQ(Liar6Label(0.25, cuts), Liar6::kFalse);
  EXPECT_EQ(Liar6Label(0.75, cuts), Liar6::kTrue);
}

TEST(CheckVerdictCuts, RejectsBadCutsNamingTheFit) {
  learn::Fit fit;
  fit.name = "politifact-2016";
  EXPECT_TRUE(CheckVerdictCuts(fit).ok());
  fit.ordinal_cuts["liar6"] = {0.1, 0.3, 0.2, 0.6, 0.7};
  const Status s = CheckVerdictCuts(fit);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidInput);
  EXPECT_EQ(s.ToString(),
            "[politifact-2016] /ordinal_cuts/liar6: expected 5 strictly ascending cut points in "
            "(0, 1) for scale \"liar6\"; got [0.1000, 0.3000, 0.2000, 0.6000, 0.7000]");
  fit.ordinal_cuts["liar6"] = {0.1, 0.3, 0.5, 0.6};
  EXPECT_FALSE(CheckVerdictCuts(fit).ok());
  fit.ordinal_cuts["liar6"] = {0.0, 0.3, 0.5, 0.6, 0.7};
  EXPECT_FALSE(CheckVerdictCuts(fit).ok());
}

score::Run RunWith(double p, double lo, double hi, int lines, double alpha, double beta) {
  score::Run run;
  score::ClaimScore c;
  c.claim_id = "c1";
  c.p = p;
  c.p_raw = p;
  c.lo = lo;
  c.hi = hi;
  c.lines = lines;
  run.claims.push_back(c);
  run.sources.push_back(score::SourceRating{.source_id = "s1", .alpha = alpha, .beta = beta});
  return run;
}

TEST(AssignVerdicts, FillsEveryVerdictField) {
  score::Run run = RunWith(0.70, 0.50, 0.85, 2, 45, 5);
  AssignVerdicts(run, nullptr);
  const score::Verdict& v = run.claims[0].verdict;
  EXPECT_EQ(v.icd203, "likely");
  EXPECT_EQ(v.icd203_range, "likely, could be roughly even chance or very likely");
  EXPECT_EQ(v.admiralty_credibility, 3);
  EXPECT_EQ(v.politifact, "mostly-true");
  EXPECT_EQ(run.sources[0].admiralty, 'B');
}

TEST(AssignVerdicts, FittedCutsReadPItselfDefaultCutsThePrintedP) {
  learn::Fit fit;
  fit.ordinal_cuts["liar6"] = {0.1, 0.2, 0.3, 0.40002, 0.5};  // learned between 0.40001 and 0.40003
  score::Run run = RunWith(0.40003, 0.3, 0.5, 1, 1, 1);
  AssignVerdicts(run, &fit);
  EXPECT_EQ(run.claims[0].verdict.politifact, "mostly-true");
  run.claims[0].p = 0.55004;  // prints 0.5500: the default edge, half-true
  AssignVerdicts(run, nullptr);
  EXPECT_EQ(run.claims[0].verdict.politifact, "half-true");
}

TEST(AssignVerdicts, UsesTheFitsLiarCuts) {
  score::Run run = RunWith(0.70, 0.60, 0.75, 2, 1, 1);
  learn::Fit fit;
  fit.ordinal_cuts["liar6"] = {0.1, 0.2, 0.3, 0.4, 0.5};
  AssignVerdicts(run, &fit);
  EXPECT_EQ(run.claims[0].verdict.politifact, "true");
  AssignVerdicts(run, nullptr);
  EXPECT_EQ(run.claims[0].verdict.politifact, "mostly-true");
}

// The assigner remembers ratings it has judged; every letter must still be
// the function's, for repeated pairs, past the cache's bound, and for
// ratings that cannot be judged (NaN, zero).
TEST(VerdictAssigner, SourceLettersEqualTheFunctionsWhateverWasSeenBefore) {
  const VerdictAssigner verdicts(nullptr);
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> count(0.5, 60);
  std::vector<std::pair<double, double>> pairs;
  for (int i = 0; i < 5000; ++i) pairs.emplace_back(count(rng), count(rng));
  pairs.emplace_back(std::nan(""), 1);
  pairs.emplace_back(0, 1);
  int letters_seen = 0;
  for (int round = 0; round < 2; ++round) {
    for (const auto& [alpha, beta] : pairs) {
      score::SourceRating s;
      s.alpha = alpha;
      s.beta = beta;
      s.admiralty = '?';
      verdicts.Assign(s);
      ASSERT_EQ(s.admiralty, AdmiraltyReliability(alpha, beta)) << alpha << " " << beta;
      letters_seen |= 1 << (s.admiralty - 'A');
    }
  }
  EXPECT_GT(std::popcount(static_cast<unsigned>(letters_seen)), 3);  // the draws reach several letters
}

}  // namespace
}  // namespace credence::report
