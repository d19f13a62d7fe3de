#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string_view>
#include <tuple>

#include "core/report/provenance_internal.h"

namespace credence::report::internal {
namespace {

// One link of a lane: its source and, when the case has it, the record.
struct LaneLink {
  std::string source;
  const model::Link* link = nullptr;
};

struct LaneNode {
  std::string source;
  int column = 0;
  int order = 0;  // first mention in the lane
  bool conduit_only = true;
};

// Places one lane's nodes (columns by depth along via) and returns them in
// row order.
std::vector<LaneNode> PlaceLane(const std::vector<LaneLink>& links) {
  std::map<std::string, const model::Link*, std::less<>> linked;
  for (const LaneLink& l : links) linked.emplace(l.source, l.link);

  std::map<std::string, LaneNode, std::less<>> nodes;
  int order = 0;
  auto mention = [&](const std::string& id, bool conduit) -> LaneNode& {
    auto [it, added] = nodes.try_emplace(id);
    if (added) {
      it->second = LaneNode{.source = id, .column = 0, .order = order++, .conduit_only = conduit};
    } else if (!conduit) {
      it->second.conduit_only = false;
    }
    return it->second;
  };
  // Depth along via; a cycle in via (bad data) is cut where it closes.
  std::map<std::string, int, std::less<>> depth;
  std::set<std::string, std::less<>> visiting;
  std::function<int(const std::string&)> depth_of = [&](const std::string& id) -> int {
    if (auto it = depth.find(id); it != depth.end()) return it->second;
    if (!visiting.insert(id).second) return 0;
    int d = 0;
    auto it = linked.find(id);
    if (it != linked.end() && it->second != nullptr) {
      for (const std::string& v : it->second->via) d = std::max(d, depth_of(v) + 1);
    }
    visiting.erase(id);
    depth.emplace(id, d);
    return d;
  };
  for (const LaneLink& l : links) {
    if (l.link != nullptr) {
      for (const std::string& v : l.link->via) mention(v, false).column = depth_of(v);
    }
    mention(l.source, false).column = depth_of(l.source);
  }
  // Conduits last: a source that is also an origin or relay keeps its place.
  for (const LaneLink& l : links) {
    if (l.link == nullptr || !l.link->reported_by) continue;
    const int column = nodes.at(l.source).column + 1;
    LaneNode& n = mention(*l.link->reported_by, true);
    if (n.conduit_only) n.column = std::max(n.column, column);
  }
  std::vector<LaneNode> rows;
  for (auto& [id, n] : nodes) rows.push_back(n);
  std::sort(rows.begin(), rows.end(), [](const LaneNode& a, const LaneNode& b) {
    return std::tie(a.column, a.order) < std::tie(b.column, b.order);
  });
  return rows;
}

}  // namespace

ProvenanceLayout LayOutProvenance(const score::ClaimScore& claim,
                                  const std::vector<const model::Link*>& links_of_claim) {
  std::map<std::string, const model::Link*, std::less<>> by_key;
  for (const model::Link* l : links_of_claim) {
    if (l->claim == claim.claim_id) by_key.emplace(l->Key(), l);
  }
  std::map<int, std::vector<LaneLink>> lanes;
  std::set<std::string_view> seen;
  for (const score::Contribution& c : claim.contributions) {
    if (c.kind != score::ContributionKind::kLink || c.line <= 0) continue;
    if (!seen.insert(c.ref).second) continue;
    const std::size_t arrow = c.ref.find("->");
    LaneLink l{.source = c.ref.substr(0, arrow)};
    if (auto it = by_key.find(c.ref); it != by_key.end()) l.link = it->second;
    lanes[c.line].push_back(std::move(l));
  }

  ProvenanceLayout layout;
  for (const auto& [line, links] : lanes) {
    const int lane = static_cast<int>(layout.lanes.size());
    const int first_row = static_cast<int>(layout.nodes.size());
    std::map<std::string, int, std::less<>> index;  // source id -> node index
    for (const LaneNode& n : PlaceLane(links)) {
      index.emplace(n.source, static_cast<int>(layout.nodes.size()));
      layout.nodes.push_back(ProvenanceNode{.source_id = n.source,
                                            .lane = lane,
                                            .column = n.column,
                                            .row = static_cast<int>(layout.nodes.size()),
                                            .conduit_only = n.conduit_only});
      layout.columns = std::max(layout.columns, n.column + 1);
    }
    layout.lanes.push_back(ProvenanceLane{
        .line = line, .first_row = first_row,
        .rows = static_cast<int>(layout.nodes.size()) - first_row});

    // One arrow per pair of boxes, the first drawn wins: a relay that names
    // its own conduit in via (the conduit is also a relay) gets the dashed one.
    std::set<std::pair<int, int>> drawn;
    std::vector<ProvenanceEdge> edges;
    auto add = [&](int from, int to, ProvenanceEdgeKind kind, bool against) {
      if (drawn.insert({from, to}).second) {
        edges.push_back(ProvenanceEdge{.from = from, .to = to, .kind = kind, .against = against});
      }
    };
    for (const LaneLink& l : links) {
      const int from = index.at(l.source);
      const model::Link* link = l.link;
      const bool against = link != nullptr && (link->stance == model::Stance::kRefutes ||
                                               link->mode == model::LinkMode::kDenies);
      if (link != nullptr) {
        for (const std::string& v : link->via) add(index.at(v), from, ProvenanceEdgeKind::kVia, false);
      }
      if (link != nullptr && link->reported_by) {
        const int conduit = index.at(*link->reported_by);
        add(from, conduit, ProvenanceEdgeKind::kConduit, against);
        add(conduit, kClaimNode, ProvenanceEdgeKind::kConduit, against);
      } else {
        add(from, kClaimNode, ProvenanceEdgeKind::kLink, against);
      }
    }
    std::stable_sort(edges.begin(), edges.end(),
                     [](const ProvenanceEdge& a, const ProvenanceEdge& b) { return a.from < b.from; });
    layout.edges.insert(layout.edges.end(), edges.begin(), edges.end());
  }
  return layout;
}

}  // namespace credence::report::internal
