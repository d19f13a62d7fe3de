// libFuzzer target: the rule-file reader (rules/rule_set.h).
#include "tests/fuzz/fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  return credence::fuzz::AbortOnViolation(
      credence::fuzz::CheckRuleText({reinterpret_cast<const char*>(data), size}));
}
