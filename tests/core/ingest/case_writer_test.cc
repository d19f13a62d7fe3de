// The JSON string writers of core/ingest/case_writer.h: WriteJsonString (a
// buffer sized once, for the store's packed arrays) writes what JsonString
// writes, within JsonStringBound, for every byte and for mixed text.
#include "core/ingest/case_writer.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace credence::ingest {
namespace {

std::string Written(std::string_view text) {
  std::string buf(JsonStringBound(text.size()), '\0');
  char* end = WriteJsonString(buf.data(), text);
  EXPECT_LE(static_cast<std::size_t>(end - buf.data()), buf.size()) << text;
  buf.resize(static_cast<std::size_t>(end - buf.data()));
  return buf;
}

TEST(CaseWriter, WriteJsonStringWritesWhatJsonStringWritesForEveryByte) {
  for (int c = 0; c < 256; ++c) {
    const std::string one(1, static_cast<char>(c));
    EXPECT_EQ(Written(one), JsonString(one)) << c;
  }
  EXPECT_EQ(Written(""), "\"\"");
  EXPECT_EQ(Written("a\"b\\c\nd\x01"), "\"a\\\"b\\\\c\\nd\\u0001\"");
  // Each escape spelled out, not only compared with JsonString (the two
  // share the escape writer).
  EXPECT_EQ(Written("\b\f\r\t\x1f"), "\"\\b\\f\\r\\t\\u001f\"");
}

TEST(CaseWriter, WriteJsonStringWritesWhatJsonStringWritesForMixedText) {
  const std::vector<std::string> pieces = {"s1", "日本語", "😀", "e\xCC\x81", "\"", "\\", "/", "\n",
                                           "\t", "\r", "\b", "\f", "\x1f", "\x7f", " "};
  std::mt19937 rng(20261126);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    for (int n = std::uniform_int_distribution<int>(0, 12)(rng); n > 0; --n) {
      text += pieces[std::uniform_int_distribution<std::size_t>(0, pieces.size() - 1)(rng)];
    }
    ASSERT_EQ(Written(text), JsonString(text)) << text;
  }
}

TEST(CaseWriter, WriteJsonIntWritesWhatAppendJsonIntWrites) {
  for (std::int64_t v : {std::int64_t{0}, std::int64_t{-1}, std::int64_t{42}, INT64_MIN, INT64_MAX}) {
    char buf[kJsonIntBound];
    std::string appended;
    AppendJsonInt(appended, v);
    EXPECT_EQ(std::string(buf, WriteJsonInt(buf, v)), appended) << v;
  }
}

}  // namespace
}  // namespace credence::ingest
