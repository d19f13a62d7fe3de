// libFuzzer target: the .json case reader (core/ingest/case_reader.h).
#include "tests/fuzz/fuzz_checks.h"

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
  return credence::fuzz::AbortOnViolation(credence::fuzz::CheckCaseText(
      {reinterpret_cast<const char*>(data), size}, credence::ingest::Encoding::kJson));
}
