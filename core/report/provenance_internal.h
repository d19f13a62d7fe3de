// The provenance picture of one claim, laid out: which sources to draw, in
// which lane and column, and which arrows join them. The HTML report draws it
// as inline SVG (html_report.cc); docs/reports.md explains the picture.
//
// Layout (a small layered layout of our own, deterministic, no dependency):
// - one lane per line of evidence, taken from the claim's kLink contributions
//   (Contribution::line and ref "source->claim"), lanes in line order: the
//   numbering is the explanation's, the line finder is not run again;
// - columns are depth along `via`: a source no other source of its lane feeds
//   is in column 0, a relay one column right of the deepest source it names
//   in `via`, a conduit (`reported_by`) one column right of what it carried;
// - one node per row, rows grouped by lane and ordered by (column, order of
//   first mention), so an arrow from a node to the claim box is a horizontal
//   line that crosses no other box.
// Graphviz would place nodes more compactly, but lanes are the point of the
// picture (one lane = one independent line) and a layered grid shows them
// directly; Graphviz's dot cannot keep ranks inside lanes without clusters and
// would add a large library for a few dozen boxes.
#ifndef CREDENCE_CORE_REPORT_PROVENANCE_INTERNAL_H_
#define CREDENCE_CORE_REPORT_PROVENANCE_INTERNAL_H_

#include <string>
#include <vector>

#include "core/model/case.h"
#include "core/score/run.h"

namespace credence::report::internal {

struct ProvenanceNode {
  std::string source_id;
  int lane = 0;      // index into ProvenanceLayout::lanes
  int column = 0;    // depth along via, 0 = furthest upstream
  int row = 0;       // 0-based over the whole picture; one node per row
  bool conduit_only = false;  // drawn only because a link names it as reported_by
};

enum class ProvenanceEdgeKind {
  kVia,      // upstream source -> the source that relays it
  kLink,     // source -> claim: the source's stance
  kConduit,  // source -> conduit -> claim (reported_by): drawn dashed
};

inline constexpr int kClaimNode = -1;  // ProvenanceEdge::to of an arrow into the claim

struct ProvenanceEdge {
  int from = 0;  // node index
  int to = kClaimNode;
  ProvenanceEdgeKind kind = ProvenanceEdgeKind::kLink;
  bool against = false;  // the link refutes the claim or denies it
};

struct ProvenanceLane {
  int line = 0;       // Contribution::line
  int first_row = 0;
  int rows = 0;
};

struct ProvenanceLayout {
  std::vector<ProvenanceLane> lanes;
  std::vector<ProvenanceNode> nodes;  // by lane, then row
  std::vector<ProvenanceEdge> edges;  // in node order, at most one per pair of nodes
  int columns = 0;
};

// Lays out `claim`'s provenance from its contributions and `links`, the
// case's links of this claim (others are ignored). A link contribution whose
// link is not in `links` still gets its node (the source named before "->"),
// without via or conduit. Empty when the claim has no link contribution with
// a line. Time: O(contributions + links) log.
ProvenanceLayout LayOutProvenance(const score::ClaimScore& claim,
                                  const std::vector<const model::Link*>& links);

}  // namespace credence::report::internal

#endif  // CREDENCE_CORE_REPORT_PROVENANCE_INTERNAL_H_
