// The properties the fuzz targets check on every input, shared by the
// libFuzzer entry points (tests/fuzz/*_fuzz.cc, built with CREDENCE_FUZZ) and
// the corpus replay test (tests/fuzz/corpus_test.cc, built with the normal
// suite), so a finding added to tests/fuzz/corpus/ stays checked by CI.
//
// Each check returns "" when the input was handled as the contract says, else
// a description of the violation. Crashes, hangs and sanitizer reports are
// violations the caller sees without a return value.
#ifndef CREDENCE_TESTS_FUZZ_FUZZ_CHECKS_H_
#define CREDENCE_TESTS_FUZZ_FUZZ_CHECKS_H_

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/ingest/case_reader.h"
#include "core/ingest/case_writer.h"
#include "rules/rule_set.h"

namespace credence::fuzz {

// A rejection must be kInvalidInput and every one of its errors must name the
// input (docs/case-format.md, "Bad input") and say what was expected.
inline std::string CheckRejection(const Status& s, std::string_view origin) {
  if (s.code() != ErrorCode::kInvalidInput) return "not kInvalidInput: " + s.ToString();
  if (s.details().empty()) return "rejection without details";
  for (const ErrorDetail& d : s.details()) {
    if (d.where.file != origin) return "error does not name the file: " + d.ToString();
    if (d.message.empty()) return "error without a message: " + d.ToString();
  }
  return "";
}

// Reading a case's records written back as JSONL gives back equal records
// (core/ingest/case_writer.h).
inline std::string CheckRoundTrip(const model::Case& c) {
  std::string text = ingest::FormatJsonLine() + "\n";
  for (const auto& r : c.sources) text += ingest::ToJsonLine(r) + "\n";
  for (const auto& r : c.claims) text += ingest::ToJsonLine(r) + "\n";
  for (const auto& r : c.links) text += ingest::ToJsonLine(r) + "\n";
  for (const auto& r : c.evidence) text += ingest::ToJsonLine(r) + "\n";
  for (const auto& r : c.relations) text += ingest::ToJsonLine(r) + "\n";
  auto again = ingest::ParseCaseText(text, ingest::Encoding::kJsonl, "roundtrip.jsonl");
  if (!again.ok()) return "written records do not read back: " + again.status().ToString();
  if (!(*again == c)) return "written records read back different:\n" + text;
  return "";
}

// One case file of `encoding` (the bytes of a .json or .jsonl file).
inline std::string CheckCaseText(std::string_view data, ingest::Encoding encoding) {
  const std::string_view origin =
      encoding == ingest::Encoding::kJson ? "fuzz.json" : "fuzz.jsonl";
  auto c = ingest::ParseCaseText(data, encoding, origin);
  if (!c.ok()) return CheckRejection(c.status(), origin);
  return CheckRoundTrip(*c);
}

// One rule file (credence-rules/1).
inline std::string CheckRuleText(std::string_view data) {
  const std::string origin = "fuzz.rules";
  auto set = rules::ParseRuleSet(data, origin);
  if (!set.ok()) return CheckRejection(set.status(), origin);
  for (const rules::Rule& rule : set->rules) {
    if (set->Find(rule.name) == nullptr) return "rule not found by its name: " + rule.name;
  }
  return "";
}

// For the libFuzzer entry points: a violation is printed and aborts, which
// libFuzzer reports as a crash and saves the input.
inline int AbortOnViolation(const std::string& violation) {
  if (!violation.empty()) {
    std::fprintf(stderr, "%s\n", violation.c_str());
    std::abort();
  }
  return 0;
}

}  // namespace credence::fuzz

#endif  // CREDENCE_TESTS_FUZZ_FUZZ_CHECKS_H_
