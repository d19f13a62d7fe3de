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

}  // namespace credence::score
