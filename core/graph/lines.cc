#include "core/graph/lines.h"

#include <algorithm>
#include <map>

namespace credence::graph {
namespace {

bool AttributeIsTrue(const model::Attributes& attrs, const char* name) {
  auto it = attrs.find(name);
  return it != attrs.end() && it->second == "true";
}

// Index of the link whose source is `source_id`, or -1. `links` sorted by source.
int FindBySource(std::span<const model::Link* const> links, const std::string& source_id) {
  auto it = std::lower_bound(links.begin(), links.end(), source_id,
                             [](const model::Link* l, const std::string& id) { return l->source < id; });
  if (it == links.end() || (*it)->source != source_id) return -1;
  return static_cast<int>(it - links.begin());
}

// Line keys: origins by head index; relay-only lines by upstream name.
struct LineKey {
  LineKind kind;
  int head;              // kOrigin
  std::string upstream;  // kAbsentUpstream
  auto operator<=>(const LineKey&) const = default;
};

class Walker {
 public:
  explicit Walker(std::span<const model::Link* const> links)
      : links_(links), state_(links.size(), kUnvisited), roots_(links.size()) {}

  // The line keys link `i` belongs to (memoized).
  const std::vector<LineKey>& RootsOf(int i) {
    if (state_[i] == kDone) return roots_[i];
    if (state_[i] == kVisiting) {
      // A cycle: break it here by treating this link as an origin.
      roots_[i] = {LineKey{LineKind::kOrigin, i, ""}};
      state_[i] = kDone;
      return roots_[i];
    }
    state_[i] = kVisiting;
    const model::Link& link = *links_[i];
    std::vector<LineKey> roots;
    if (IsIndependent(link)) {
      roots.push_back({LineKind::kOrigin, i, ""});
    } else if (link.via.empty()) {
      roots.push_back({LineKind::kUnknownUpstream, -1, ""});
    } else {
      for (const std::string& up : link.via) {
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
  std::span<const model::Link* const> links_;
  std::vector<State> state_;
  std::vector<std::vector<LineKey>> roots_;
};

}  // namespace

bool IsIndependent(const model::Link& link) {
  if (link.mode == model::LinkMode::kFirsthand) return true;
  if (AttributeIsTrue(link.attributes, "verified_independently")) return true;
  // A link that names no upstream speaks for itself, except a relay, which
  // by definition repeats someone (an origin the case does not name).
  return link.via.empty() && link.mode != model::LinkMode::kRelays;
}

std::vector<Line> FindLines(std::span<const model::Link* const> links) {
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
  std::vector<Line> out;
  out.reserve(lines.size());
  for (auto& [key, line] : lines) {
    if (line.head < 0) {
      // A relay-only line speaks through its first direct relay (one that
      // names the missing origin itself, or no upstream at all), so relays of
      // relays never change who carries the line.
      auto direct = std::find_if(line.relays.begin(), line.relays.end(), [&](int i) {
        const model::Link& l = *links[i];
        if (key.kind == LineKind::kUnknownUpstream) return l.via.empty();
        return std::find(l.via.begin(), l.via.end(), key.upstream) != l.via.end();
      });
      if (direct == line.relays.end()) direct = line.relays.begin();
      line.head = *direct;
      line.relays.erase(direct);
    }
    out.push_back(std::move(line));
  }
  std::sort(out.begin(), out.end(), [&](const Line& a, const Line& b) {
    return links[a.head]->source < links[b.head]->source;
  });
  return out;
}

}  // namespace credence::graph
