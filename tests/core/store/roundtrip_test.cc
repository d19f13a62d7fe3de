// Property: for generated cases (seeded; Japanese, Russian, Chinese, emoji,
// combining marks, awkward numbers), import -> export -> import -> export is
// byte-identical, in both encodings, and the store's export equals the
// writer's canonical form of the generated records.
#include <gtest/gtest.h>

#include <sstream>

#include "core/ingest/case_writer.h"
#include "core/ingest/synthetic_case.h"
#include "core/store/store.h"
#include "tests/core/store/store_test_util.h"

namespace credence::store {
namespace {

std::string Export(const Store& store, CaseEncoding encoding) {
  std::ostringstream out;
  Status s = store.ExportCase(encoding, out);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out.str();
}

TEST(RoundTrip, ImportExportImportExportIsByteIdentical) {
  auto dir = ScratchDir();
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    model::Case generated = ingest::RandomCase(seed, 25);
    const bool as_json = seed % 2 == 0;
    std::ostringstream canonical, input;
    ASSERT_TRUE(ingest::WriteCase(generated, ingest::Encoding::kJsonl, canonical));
    ASSERT_TRUE(ingest::WriteCase(generated,
                                  as_json ? ingest::Encoding::kJson : ingest::Encoding::kJsonl,
                                  input));
    std::string name = "in" + std::to_string(seed) + (as_json ? ".json" : ".jsonl");
    auto first = Store::Open(dir / ("a" + std::to_string(seed) + ".db"),
                             OpenMode::kCreateIfMissing);
    ASSERT_TRUE(first.ok());
    auto imported = first->ImportCaseFile(WriteFile(dir / name, input.str()));
    ASSERT_TRUE(imported.ok()) << imported.status().ToString();
    std::string export1 = Export(*first, CaseEncoding::kJsonl);
    EXPECT_EQ(export1, canonical.str());

    for (CaseEncoding enc : {CaseEncoding::kJsonl, CaseEncoding::kJson}) {
      bool json = enc == CaseEncoding::kJson;
      std::string again = dir / ("b" + std::to_string(seed) + (json ? ".json" : ".jsonl"));
      WriteFile(again, Export(*first, enc));
      auto second = Store::Open(dir / ("b" + std::to_string(seed) + (json ? "j" : "l") + ".db"),
                                OpenMode::kCreateIfMissing);
      ASSERT_TRUE(second.ok());
      auto re = second->ImportCaseFile(again);
      ASSERT_TRUE(re.ok()) << re.status().ToString();
      EXPECT_EQ(Export(*second, CaseEncoding::kJsonl), export1);
      EXPECT_EQ(Export(*second, enc), Export(*first, enc));
      EXPECT_EQ(*second->DataSha256(), *first->DataSha256());
      auto loaded = second->LoadCase();
      ASSERT_TRUE(loaded.ok());
      EXPECT_EQ(*loaded, *first->LoadCase());
    }
  }
}

TEST(RoundTrip, GeneratedCasesCoverSeveralScripts) {
  std::ostringstream out;
  ASSERT_TRUE(ingest::WriteCase(ingest::RandomCase(3, 40), ingest::Encoding::kJsonl, out));
  for (std::string_view text : {"東京", "Министерство", "中国", "😀", "e\xcc\x81"}) {
    EXPECT_NE(out.str().find(text), std::string::npos) << text;
  }
}

}  // namespace
}  // namespace credence::store
