#include "core/score/run.h"

#include <array>

namespace credence::score {
namespace {

// Wire spellings of ContributionKind, in declaration order: persisted in the
// store and in report JSON ("kind"). Do not rename.
constexpr std::array<std::string_view, 6> kContributionKindNames = {
    "prior", "rule", "link", "evidence", "fit", "relation",
};

}  // namespace

std::string_view Name(ContributionKind kind) {
  return kContributionKindNames[static_cast<std::size_t>(kind)];
}

std::optional<ContributionKind> ParseContributionKind(std::string_view name) {
  for (std::size_t i = 0; i < kContributionKindNames.size(); ++i) {
    if (kContributionKindNames[i] == name) return static_cast<ContributionKind>(i);
  }
  return std::nullopt;
}

}  // namespace credence::score
