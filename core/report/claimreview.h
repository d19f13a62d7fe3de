// schema.org ClaimReview (https://schema.org/ClaimReview) as JSON-LD: one
// review per scored claim of a run, for a fact-checking site's pages.
// docs/reports.md states the mapping; in short:
//   claimReviewed            the claim's text (its id when the text is missing)
//   reviewRating.ratingValue 1..5 from the ICD 203 band of p (ClaimReviewRating)
//   reviewRating.alternateName  the ICD 203 range phrase (never more certain
//                            than the interval)
//   itemReviewed             a schema.org Claim: identifier, text, author
//                            (the sources that originate it), datePublished
//                            (the claim's made_at) when known
//   author                   an Organization named by the caller
//   datePublished            the date (YYYY-MM-DD) of the run's created_at
// Output: a JSON array of ClaimReview objects, claims by id, keys in a fixed
// order; the same run and case give the same bytes.
#ifndef CREDENCE_CORE_REPORT_CLAIMREVIEW_H_
#define CREDENCE_CORE_REPORT_CLAIMREVIEW_H_

#include <ostream>
#include <string>

#include "core/common/status.h"
#include "core/model/case.h"
#include "core/score/run.h"

namespace credence::report {

struct ClaimReviewOptions {
  std::string author = "credence";  // name of the reviewing Organization
};

// The 1..5 rating of a claim's p: 1 almost no chance or very unlikely,
// 2 unlikely, 3 roughly even chance, 4 likely, 5 very likely or almost certain
// (bands as Icd203Band; 5 = best = most likely true).
int ClaimReviewRating(double p);

// Writes the ClaimReview JSON-LD of every claim of `run` to `out`. `cases`
// gives texts and source names (a missing record is left out, not an error).
// kIo when `out` fails.
Status WriteClaimReview(const score::Run& run, const model::Case& cases,
                        const ClaimReviewOptions& options, std::ostream& out);

}  // namespace credence::report

#endif  // CREDENCE_CORE_REPORT_CLAIMREVIEW_H_
