// Line-by-line reading of the data sets' text files, plain or gzip, and the
// splitting of their CSV/TSV rows. Private to datasets/.
#ifndef CREDENCE_DATASETS_TEXT_INPUT_INTERNAL_H_
#define CREDENCE_DATASETS_TEXT_INPUT_INTERNAL_H_

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/common/status.h"

namespace credence::datasets {

// Reads one file a line at a time, decompressing gzip transparently; the
// line has its "\r\n" or "\n" removed. Owns the zlib handle.
class LineReader {
 public:
  static Result<LineReader> Open(const std::filesystem::path& path);
  LineReader(LineReader&&) noexcept;
  LineReader& operator=(LineReader&&) noexcept;
  ~LineReader();

  // False at the end of the file; a read error is kIo in `*status`.
  bool Next(std::string* line, Status* status);
  std::int64_t line_number() const { return line_number_; }
  const std::string& file() const { return file_; }
  InputLocation Here() const { return InputLocation{file_, line_number_, "", ""}; }

 private:
  struct Impl;
  LineReader(std::unique_ptr<Impl> impl, std::string file);
  std::unique_ptr<Impl> impl_;
  std::string file_;
  std::int64_t line_number_ = 0;
};

// Splits one row on `separator`. With `quoted`, a field may be enclosed in
// double quotes, with "" standing for one quote inside it.
std::vector<std::string> SplitRow(const std::string& line, char separator, bool quoted);

// Latin-1 bytes to UTF-8 (book.txt is not UTF-8 throughout).
std::string Latin1ToUtf8(const std::string& text);

// Input that is valid UTF-8 stays as it is; otherwise it is read as Latin-1.
std::string AsUtf8(const std::string& text);

}  // namespace credence::datasets

#endif  // CREDENCE_DATASETS_TEXT_INPUT_INTERNAL_H_
