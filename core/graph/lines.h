// Lines of evidence: which links of one claim are independent, and which
// merely repeat another. Every link is attributed to the origin it depends
// on by following `via` upstream; relays of one origin form one line, not
// several. A link that did its own verification (verified_independently, or
// mode firsthand) opens a line of its own even when it names an upstream.
#ifndef CREDENCE_CORE_GRAPH_LINES_H_
#define CREDENCE_CORE_GRAPH_LINES_H_

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "core/model/case.h"

namespace credence::graph {

// What the line finder needs of one link of a claim. Sources are named by
// an index whose order is the order of their ids.
struct LinkView {
  std::int32_t source = -1;
  std::span<const std::int32_t> via;  // upstream source indexes, file order
  bool independent = false;           // IsIndependent() of the link
};

enum class LineKind {
  kOrigin,           // headed by a link that speaks for itself
  kAbsentUpstream,   // relays of a named source that has no link on this claim
  kUnknownUpstream,  // relays with no `via`: an origin the case does not name
};

struct Line {
  LineKind kind = LineKind::kOrigin;
  // Index (into the claim's links) of the link whose stance and source carry
  // the line: the origin, or for relay-only lines its first direct relay.
  int head = -1;
  // Links that repeat this line and add nothing to it, ascending. A relay
  // with several upstreams in different lines appears in each.
  std::vector<int> relays;
  // kAbsentUpstream: the named upstream's source index; otherwise -1.
  std::int32_t upstream = -1;
  bool operator==(const Line&) const = default;
};

// `links` are the links of one claim, sorted by source (one link per
// source). Lines are returned in the order of their head's source. Cycles in
// `via` (rejected at import) are broken deterministically: a link on a cycle
// is treated as an origin.
std::vector<Line> FindLines(std::span<const LinkView> links);

// Buffers FindLines reuses from one claim to the next.
struct LineScratch {
  std::vector<int> root, line_of;
  std::vector<std::pair<int, int>> relay_only;
};

// The same lines into `out` (replacing its contents), reusing the storage of
// `out` and `scratch`: a scorer of millions of claims calls it with one
// scratch per thread, so that finding lines allocates almost nothing.
void FindLines(std::span<const LinkView> links, LineScratch& scratch, std::vector<Line>& out);

// True when `link` carries its own line rather than repeating: mode
// firsthand, or attribute verified_independently true, or no `via` and not
// a relay (a relay without `via` repeats an origin the case does not name).
bool IsIndependent(const model::Link& link);
// The same from the link's mode, whether it has a `via`, and its attributes.
bool IsIndependent(model::LinkMode mode, bool has_via, const model::Attributes& attributes);

}  // namespace credence::graph

#endif  // CREDENCE_CORE_GRAPH_LINES_H_
