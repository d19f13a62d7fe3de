// The closed vocabularies of credence-case/1. Each enum has one table of wire
// spellings (enums.cc) beside its Parse/Name pair. The spellings are
// persisted in case files and in the store: do not rename them, since users'
// files and stored runs depend on them; add new values at the end.
#ifndef CREDENCE_CORE_MODEL_ENUMS_H_
#define CREDENCE_CORE_MODEL_ENUMS_H_

#include <optional>
#include <span>
#include <string_view>

namespace credence::model {

enum class SourceKind {
  kNewsOutlet,
  kWireService,
  kStateMedia,
  kOfficial,  // a person speaking for a state body
  kGovernment,  // a state body on record
  kIntelligenceAgency,
  kMilitary,
  kHackerGroup,
  kLeakPlatform,
  kThinkTank,
  kAcademic,
  kExpert,
  kBlog,
  kSocialMediaAccount,
  kCompany,
  kNgo,
  kOther,
};

enum class ClaimKind {
  kEvent,
  kDocumentAuthenticity,
  kAttribution,  // X said Y
  kQuantity,
  kAssessment,  // a judgment or forecast
  kOther,
};

enum class Stance { kSupports, kRefutes, kNeutral };

enum class LinkMode {
  kOriginates,  // first to publish the material
  kFirsthand,   // own observation or investigation
  kRelays,      // repeats another source
  kConfirms,    // independent confirmation
  kDenies,      // the subject or an interested party denies
  kAssesses,    // an analyst's judgment
};

enum class RelationKind { kExclusive, kImplies };

// Parse returns nullopt for an unknown spelling (a rejection, never a default).
std::optional<SourceKind> ParseSourceKind(std::string_view s);
std::optional<ClaimKind> ParseClaimKind(std::string_view s);
std::optional<Stance> ParseStance(std::string_view s);
std::optional<LinkMode> ParseLinkMode(std::string_view s);
std::optional<RelationKind> ParseRelationKind(std::string_view s);

std::string_view Name(SourceKind v);
std::string_view Name(ClaimKind v);
std::string_view Name(Stance v);
std::string_view Name(LinkMode v);
std::string_view Name(RelationKind v);

// All spellings in declaration order, for "expected one of ..." messages.
std::span<const std::string_view> SourceKindNames();
std::span<const std::string_view> ClaimKindNames();
std::span<const std::string_view> StanceNames();
std::span<const std::string_view> LinkModeNames();
std::span<const std::string_view> RelationKindNames();

// "a, b, c": for messages.
std::string JoinNames(std::span<const std::string_view> names);

}  // namespace credence::model

#endif  // CREDENCE_CORE_MODEL_ENUMS_H_
