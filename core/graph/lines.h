// Lines of evidence: which links of one claim are independent, and which
// merely repeat another. Every link is attributed to the origin it depends
// on by following `via` upstream; relays of one origin form one line, not
// several. A link that did its own verification (verified_independently, or
// mode firsthand) opens a line of its own even when it names an upstream.
#ifndef CREDENCE_CORE_GRAPH_LINES_H_
#define CREDENCE_CORE_GRAPH_LINES_H_

#include <span>
#include <string>
#include <vector>

#include "core/model/case.h"

namespace credence::graph {

enum class LineKind {
  kOrigin,           // headed by a link that speaks for itself
  kAbsentUpstream,   // relays of a named source that has no link on this claim
  kUnknownUpstream,  // relays with no `via`: an origin the case does not name
};

struct Line {
  LineKind kind = LineKind::kOrigin;
  // Index (into the claim's links) of the link whose stance and source carry
  // the line: the origin, or for relay-only lines the first relay by key.
  int head = -1;
  // Links that repeat this line and add nothing to it, ascending. A relay
  // with several upstreams in different lines appears in each.
  std::vector<int> relays;
  // kAbsentUpstream: the named upstream source id.
  std::string upstream;
  bool operator==(const Line&) const = default;
};

// `links` are the links of one claim, sorted by source id (their key). Lines
// are returned in the order of their head's source id. Cycles in `via`
// (rejected at import) are broken deterministically: a link on a cycle is
// treated as an origin.
std::vector<Line> FindLines(std::span<const model::Link* const> links);

// True when `link` carries its own line (see above) rather than repeating.
bool IsIndependent(const model::Link& link);

}  // namespace credence::graph

#endif  // CREDENCE_CORE_GRAPH_LINES_H_
