#include "core/graph/lines.h"

#include <algorithm>
#include <map>

namespace credence::graph {
namespace {

// Index of the link whose source is `source`, or -1. `links` sorted by source.
int FindBySource(std::span<const LinkView> links, std::int32_t source) {
  auto it = std::lower_bound(links.begin(), links.end(), source,
                             [](const LinkView& l, std::int32_t s) { return l.source < s; });
  if (it == links.end() || it->source != source) return -1;
  return static_cast<int>(it - links.begin());
}

// Line keys: origins by head index; relay-only lines by upstream.
struct LineKey {
  LineKind kind;
  int head;               // kOrigin
  std::int32_t upstream;  // kAbsentUpstream
  auto operator<=>(const LineKey&) const = default;
};

// Lines of a forest in the order of their head's source. There every link
// is in one line, so lines have distinct heads, and a claim has one link per
// source: the order is total and an unstable sort exact.
void SortByHead(std::span<const LinkView> links, std::vector<Line>& lines) {
  auto by_head = [&](const Line& a, const Line& b) { return links[a.head].source < links[b.head].source; };
  if (!std::is_sorted(lines.begin(), lines.end(), by_head)) std::sort(lines.begin(), lines.end(), by_head);
}

class Walker {
 public:
  explicit Walker(std::span<const LinkView> links)
      : links_(links), state_(links.size(), kUnvisited), roots_(links.size()) {}

  // The line keys link `i` belongs to (memoized).
  const std::vector<LineKey>& RootsOf(int i) {
    if (state_[i] == kDone) return roots_[i];
    if (state_[i] == kVisiting) {
      // A cycle: break it here by treating this link as an origin.
      roots_[i] = {LineKey{LineKind::kOrigin, i, -1}};
      state_[i] = kDone;
      return roots_[i];
    }
    state_[i] = kVisiting;
    const LinkView& link = links_[i];
    std::vector<LineKey> roots;
    if (link.independent) {
      roots.push_back({LineKind::kOrigin, i, -1});
    } else if (link.via.empty()) {
      roots.push_back({LineKind::kUnknownUpstream, -1, -1});
    } else {
      for (std::int32_t up : link.via) {
        int j = FindBySource(links_, up);
        if (j < 0 || j == i) {
          roots.push_back({LineKind::kAbsentUpstream, -1, up});
          continue;
        }
        const std::vector<LineKey>& r = RootsOf(j);
        roots.insert(roots.end(), r.begin(), r.end());
      }
      std::sort(roots.begin(), roots.end());
      roots.erase(std::unique(roots.begin(), roots.end()), roots.end());
    }
    if (state_[i] != kDone) {  // not already settled by a cycle break
      roots_[i] = std::move(roots);
      state_[i] = kDone;
    }
    return roots_[i];
  }

 private:
  enum State { kUnvisited, kVisiting, kDone };
  std::span<const LinkView> links_;
  std::vector<State> state_;
  std::vector<std::vector<LineKey>> roots_;
};

// Every link names at most one upstream, so each belongs to exactly one line
// and the walk needs no sets: root[i] is the head index, or a negative code
// for relay-only lines (kUnknown, or kAbsentBase - upstream source).
constexpr int kUnvisitedRoot = -1;
constexpr int kVisitingRoot = -2;
constexpr int kUnknown = -3;
constexpr int kAbsentBase = -4;

int RootInForest(std::span<const LinkView> links, std::vector<int>& root, int i) {
  if (root[i] == kVisitingRoot) return root[i] = i;  // a cycle: this link heads a line
  if (root[i] != kUnvisitedRoot) return root[i];
  const LinkView& l = links[i];
  if (l.independent) return root[i] = i;
  if (l.via.empty()) return root[i] = kUnknown;
  int j = FindBySource(links, l.via[0]);
  if (j < 0 || j == i) return root[i] = kAbsentBase - l.via[0];
  root[i] = kVisitingRoot;
  int r = RootInForest(links, root, j);
  if (root[i] == kVisitingRoot) root[i] = r;  // unless a cycle settled it
  return root[i];
}

void FindLinesInForest(std::span<const LinkView> links, LineScratch& scratch, std::vector<Line>& out) {
  const int n = static_cast<int>(links.size());
  std::vector<int>& root = scratch.root;
  root.assign(n, kUnvisitedRoot);
  for (int i = 0; i < n; ++i) RootInForest(links, root, i);
  // Heads first (by index = source order), then relay-only lines.
  out.clear();
  std::vector<int>& line_of = scratch.line_of;
  line_of.assign(n, -1);
  for (int i = 0; i < n; ++i) {
    if (root[i] == i) {
      line_of[i] = static_cast<int>(out.size());
      out.push_back(Line{LineKind::kOrigin, i, {}, -1});
    }
  }
  // Relay-only lines, one per code; a claim has few, so a sorted vector
  // finds them (their order here is undone by the sort by head below).
  std::vector<std::pair<int, int>>& relay_only = scratch.relay_only;  // (code, line)
  relay_only.clear();
  for (int i = 0; i < n; ++i) {
    if (root[i] < 0) relay_only.emplace_back(root[i], -1);
  }
  std::sort(relay_only.begin(), relay_only.end());
  relay_only.erase(std::unique(relay_only.begin(), relay_only.end()), relay_only.end());
  for (auto& [code, line_index] : relay_only) {
    line_index = static_cast<int>(out.size());
    Line line;
    line.kind = code == kUnknown ? LineKind::kUnknownUpstream : LineKind::kAbsentUpstream;
    line.upstream = code == kUnknown ? -1 : kAbsentBase - code;
    out.push_back(std::move(line));
  }
  for (int i = 0; i < n; ++i) {
    int r = root[i];
    if (r == i) continue;
    if (r >= 0) {
      out[line_of[r]].relays.push_back(i);
    } else {
      auto it = std::lower_bound(relay_only.begin(), relay_only.end(), std::pair<int, int>(r, -1));
      out[it->second].relays.push_back(i);
    }
  }
  for (Line& line : out) {
    if (line.head >= 0) continue;
    // The first direct relay speaks for the line (see FindLines).
    auto direct = std::find_if(line.relays.begin(), line.relays.end(), [&](int i) {
      const LinkView& l = links[i];
      return line.kind == LineKind::kUnknownUpstream ? l.via.empty() : l.via[0] == line.upstream;
    });
    if (direct == line.relays.end()) direct = line.relays.begin();
    line.head = *direct;
    line.relays.erase(direct);
  }
  SortByHead(links, out);
}

}  // namespace

bool IsIndependent(model::LinkMode mode, bool has_via, const model::Attributes& attributes) {
  if (mode == model::LinkMode::kFirsthand) return true;
  auto it = attributes.find("verified_independently");
  if (it != attributes.end() && it->second == "true") return true;
  return !has_via && mode != model::LinkMode::kRelays;
}

bool IsIndependent(const model::Link& link) {
  return IsIndependent(link.mode, !link.via.empty(), link.attributes);
}

std::vector<Line> FindLines(std::span<const LinkView> links) {
  LineScratch scratch;
  std::vector<Line> out;
  FindLines(links, scratch, out);
  return out;
}

void FindLines(std::span<const LinkView> links, LineScratch& scratch, std::vector<Line>& out) {
  // The common case, every link an origin, needs no walk.
  if (std::all_of(links.begin(), links.end(), [](const LinkView& l) { return l.independent; })) {
    out.clear();
    out.resize(links.size());
    for (std::size_t i = 0; i < links.size(); ++i) out[i].head = static_cast<int>(i);
    return;
  }
  if (std::all_of(links.begin(), links.end(), [](const LinkView& l) { return l.via.size() <= 1; })) {
    FindLinesInForest(links, scratch, out);
    return;
  }
  out.clear();
  Walker walker(links);
  std::map<LineKey, Line> lines;
  for (int i = 0; i < static_cast<int>(links.size()); ++i) {
    for (const LineKey& key : walker.RootsOf(i)) {
      Line& line = lines[key];
      line.kind = key.kind;
      line.upstream = key.upstream;
      if (key.kind == LineKind::kOrigin && key.head == i) {
        line.head = i;
      } else {
        line.relays.push_back(i);
      }
    }
  }
  out.reserve(lines.size());
  for (auto& [key, line] : lines) {
    if (line.head < 0) {
      // A relay-only line speaks through its first direct relay (one that
      // names the missing origin itself, or no upstream at all), so relays of
      // relays never change who carries the line.
      auto direct = std::find_if(line.relays.begin(), line.relays.end(), [&](int i) {
        const LinkView& l = links[i];
        if (key.kind == LineKind::kUnknownUpstream) return l.via.empty();
        return std::find(l.via.begin(), l.via.end(), key.upstream) != l.via.end();
      });
      if (direct == line.relays.end()) direct = line.relays.begin();
      line.head = *direct;
      line.relays.erase(direct);
    }
    out.push_back(std::move(line));
  }
  std::stable_sort(out.begin(), out.end(),
                   [&](const Line& a, const Line& b) { return links[a.head].source < links[b.head].source; });
}

}  // namespace credence::graph
