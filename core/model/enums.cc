#include "core/model/enums.h"

#include <array>
#include <string>

namespace credence::model {
namespace {

// Wire spellings, indexed by enumerator value. Persisted: do not rename.
constexpr std::array<std::string_view, 17> kSourceKinds = {
    "news_outlet", "wire_service", "state_media", "official", "government",
    "intelligence_agency", "military", "hacker_group", "leak_platform",
    "think_tank", "academic", "expert", "blog", "social_media_account",
    "company", "ngo", "other"};
constexpr std::array<std::string_view, 6> kClaimKinds = {
    "event", "document_authenticity", "attribution", "quantity", "assessment",
    "other"};
constexpr std::array<std::string_view, 3> kStances = {"supports", "refutes",
                                                      "neutral"};
constexpr std::array<std::string_view, 6> kLinkModes = {
    "originates", "firsthand", "relays", "confirms", "denies", "assesses"};
constexpr std::array<std::string_view, 2> kRelationKinds = {"exclusive",
                                                            "implies"};

template <class E, std::size_t N>
std::optional<E> ParseIn(const std::array<std::string_view, N>& table,
                         std::string_view s) {
  for (std::size_t i = 0; i < N; ++i) {
    if (table[i] == s) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace

std::optional<SourceKind> ParseSourceKind(std::string_view s) {
  return ParseIn<SourceKind>(kSourceKinds, s);
}
std::optional<ClaimKind> ParseClaimKind(std::string_view s) {
  return ParseIn<ClaimKind>(kClaimKinds, s);
}
std::optional<Stance> ParseStance(std::string_view s) {
  return ParseIn<Stance>(kStances, s);
}
std::optional<LinkMode> ParseLinkMode(std::string_view s) {
  return ParseIn<LinkMode>(kLinkModes, s);
}
std::optional<RelationKind> ParseRelationKind(std::string_view s) {
  return ParseIn<RelationKind>(kRelationKinds, s);
}

std::string_view Name(SourceKind v) { return kSourceKinds.at(static_cast<std::size_t>(v)); }
std::string_view Name(ClaimKind v) { return kClaimKinds.at(static_cast<std::size_t>(v)); }
std::string_view Name(Stance v) { return kStances.at(static_cast<std::size_t>(v)); }
std::string_view Name(LinkMode v) { return kLinkModes.at(static_cast<std::size_t>(v)); }
std::string_view Name(RelationKind v) { return kRelationKinds.at(static_cast<std::size_t>(v)); }

std::span<const std::string_view> SourceKindNames() { return kSourceKinds; }
std::span<const std::string_view> ClaimKindNames() { return kClaimKinds; }
std::span<const std::string_view> StanceNames() { return kStances; }
std::span<const std::string_view> LinkModeNames() { return kLinkModes; }
std::span<const std::string_view> RelationKindNames() { return kRelationKinds; }

std::string JoinNames(std::span<const std::string_view> names) {
  std::string out;
  for (std::string_view n : names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

}  // namespace credence::model
