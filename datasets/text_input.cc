#include <zlib.h>

#include "datasets/text_input_internal.h"

namespace credence::datasets {

struct LineReader::Impl {
  gzFile file = nullptr;
  ~Impl() {
    if (file != nullptr) gzclose(file);
  }
};

LineReader::LineReader(std::unique_ptr<Impl> impl, std::string file)
    : impl_(std::move(impl)), file_(std::move(file)) {}
LineReader::LineReader(LineReader&&) noexcept = default;
LineReader& LineReader::operator=(LineReader&&) noexcept = default;
LineReader::~LineReader() = default;

Result<LineReader> LineReader::Open(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return Status::NotFound(path.string() + ": no such file");
  auto impl = std::make_unique<Impl>();
  impl->file = gzopen(path.c_str(), "rb");
  if (impl->file == nullptr) return Status::Io(path.string() + ": cannot open for reading");
  gzbuffer(impl->file, 1 << 17);
  return LineReader(std::move(impl), path.string());
}

bool LineReader::Next(std::string* line, Status* status) {
  line->clear();
  char buf[8192];
  bool any = false;
  while (gzgets(impl_->file, buf, sizeof buf) != nullptr) {
    any = true;
    line->append(buf);
    if (!line->empty() && line->back() == '\n') break;
  }
  if (!any) {
    int err = 0;
    const char* msg = gzerror(impl_->file, &err);
    if (err != Z_OK && err != Z_STREAM_END) {
      *status = Status::Io(file_ + ": read error: " + msg);
    }
    return false;
  }
  while (!line->empty() && (line->back() == '\n' || line->back() == '\r')) line->pop_back();
  ++line_number_;
  return true;
}

std::vector<std::string> SplitRow(const std::string& line, char separator, bool quoted) {
  std::vector<std::string> fields;
  std::string cur;
  bool in_quotes = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted && in_quotes) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          cur += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        cur += c;
      }
    } else if (quoted && c == '"' && cur.empty()) {
      in_quotes = true;
    } else if (c == separator) {
      fields.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  fields.push_back(std::move(cur));
  return fields;
}

std::string Latin1ToUtf8(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

namespace {
bool IsUtf8(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
    if (n < 0 || (n == 1 && c < 0xC2)) return false;
    if (n > 0 && i + n >= s.size()) return false;
    for (int k = 1; k <= n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n + 1;
  }
  return true;
}
}  // namespace

std::string AsUtf8(const std::string& text) { return IsUtf8(text) ? text : Latin1ToUtf8(text); }

}  // namespace credence::datasets
