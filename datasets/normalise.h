// Value normalisation of the truth-discovery adapters: two statements are the
// same claim exactly when their normalised values are equal. The rules follow
// ../shared/datasets/ANCHORS.md so that figures compare with the published
// ones; docs/accuracy.md restates them beside each figure.
#ifndef CREDENCE_DATASETS_NORMALISE_H_
#define CREDENCE_DATASETS_NORMALISE_H_

#include <optional>
#include <string>
#include <string_view>

namespace credence::datasets {

// "N/A", "n.a.", "null", "none", "not available", "unknown", "-", "" and
// their case variants: a cell that gives no value.
bool IsNotAvailable(std::string_view cell);

// A clock time reduced to "h:mm" plus "a" or "p" ("7:10 a.m." -> "7:10a",
// "12/02/2011 6:55 a.m." -> "6:55a", "09:05 PM" -> "9:05p"); date prefixes,
// notes, spaces and case are dropped. nullopt when the cell holds no time.
std::optional<std::string> NormaliseTime(std::string_view cell);

// True when a flight-time cell is marked as an estimate ("7:10 a.m.
// (Estimated)", "(Estimated runway)") or as a runway time ("(Runway)"): a
// prediction, or the wheels-off/on time, not the observed gate time that a
// flight's departure and arrival attributes record (Li et al., PVLDB 2012:
// the gold is the airlines' gate times). Case-insensitive.
bool IsEstimatedOrRunwayTime(std::string_view cell);

// A Wikipedia editor as a source (the population data of Pasternack and
// Roth): "1513217: Mohammedfairouz" (user id: name) stays as it is; an edit
// made without logging in, "0 (68.162.248.83)" (user id 0 and the IP
// address), becomes the one source "0 (anonymous)". An IP address is not an
// identity (addresses are shared and reassigned; in the shared file 1,609
// of the 1,747 addresses make one edit each), so anonymous edits are judged
// together, by how anonymous edits fare, instead of each one-edit address
// taking the prior's reliability and seconding whatever it agrees with.
std::string WikipediaEditor(const std::string& source);

// A number compared as a number: commas dropped, shortest round-trip form
// ("1,850,230" -> "1850230", "48.0" -> "48", "30.10" -> "30.1"). A cell that
// is not a number is lowercased and trimmed; a not-available cell is nullopt.
std::optional<std::string> NormaliseNumber(std::string_view cell);

// One author key: lowercase surname (letters only) + "_" + first initial of
// the given names ("Knuth, Donald E." -> "knuth_d"); a lone surname gives
// "knuth".
std::string AuthorKey(std::string_view surname, std::string_view given);

// An author string reduced to the sorted, de-duplicated set of author keys
// joined by ";" ("Knuth, Donald E." and "Donald E. Knuth" -> "knuth_d").
// Understands "Last, First", "First Last", lists separated by ";", "/",
// " and ", "&", and the chained "LAST, FIRST LAST2, FIRST2" of some shops.
// Roles such as "(Editor)", "(EDT)", "(Author)", "et al" are dropped from the
// text and the person kept, as the gold does. nullopt for a not-available or
// empty string.
std::optional<std::string> NormaliseAuthors(std::string_view cell);

// The gold's author format: "last, first middle;" entries separated by ";".
std::optional<std::string> NormaliseGoldAuthors(std::string_view cell);

}  // namespace credence::datasets

#endif  // CREDENCE_DATASETS_NORMALISE_H_
