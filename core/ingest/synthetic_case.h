// Deterministic synthetic cases, for benchmarks, the crash test and the
// round-trip property test: valid credence-case/1 data of any size, with text
// in several scripts (Latin, Cyrillic, CJK, emoji, combining marks).
#ifndef CREDENCE_CORE_INGEST_SYNTHETIC_CASE_H_
#define CREDENCE_CORE_INGEST_SYNTHETIC_CASE_H_

#include <cstdint>
#include <ostream>

#include "core/model/case.h"

namespace credence::ingest {

// Writes a JSONL case of about `target_bytes` (stops at the first record
// boundary past it) to `out`: a source per ten claims, three links and one
// evidence record per claim (one origin, two relays `via` it), an exclusive
// relation per fifty claims. Same seed and size -> same bytes. Returns the
// number of records written.
std::int64_t WriteSyntheticJsonl(std::uint64_t seed, std::int64_t target_bytes, std::ostream& out);

// A random valid case with about `claims` claims, exercising every field:
// optional fields present or not, attributes with nested JSON values and
// awkward numbers, labels of both kinds, `via` chains (acyclic), relations.
model::Case RandomCase(std::uint64_t seed, int claims);

}  // namespace credence::ingest

#endif  // CREDENCE_CORE_INGEST_SYNTHETIC_CASE_H_
