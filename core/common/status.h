// Status and Result: how every public function in core/ and rules/ reports
// failure. Library exceptions are caught in the module that calls the library
// and become a Status there; only std::bad_alloc escapes, to the CLI.
#ifndef CREDENCE_CORE_COMMON_STATUS_H_
#define CREDENCE_CORE_COMMON_STATUS_H_

#include <cassert>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace credence {

// Where a piece of input broke. An empty field means "unknown".
struct InputLocation {
  std::string file;          // as the user named it
  std::int64_t line = 0;     // 1-based; JSONL and rule files
  std::string json_pointer;  // RFC 6901, "/links/3/stance"
  std::string record_id;     // "c1"; a link: "bild->c1"

  bool operator==(const InputLocation&) const = default;
  // "a.jsonl:14 [bild->c1] /stance" (the parts that are known).
  std::string ToString() const;
};

// One reference token of a JSON pointer (RFC 6901): "~" -> "~0", "/" -> "~1".
std::string JsonPointerToken(std::string_view name);

// Stable codes: the CLI maps them onto exit codes (cli.md). Do not renumber.
enum class ErrorCode {
  kOk = 0,
  kInvalidInput = 1,  // bad user input; nothing was changed
  kNotFound = 2,      // a named thing (claim, run, fit) does not exist
  kIo = 3,            // file system or SQLite I/O failure
  kBusy = 4,          // the store is locked by another process
  kIncompatible = 5,  // store or file from a newer credence
  kInternal = 6,      // a bug or broken invariant
  kUsage = 7,         // bad command-line usage
};

// One error of a file; Status can carry many (all errors of a file, capped).
struct ErrorDetail {
  InputLocation where;
  std::string message;  // "expected one of supports, refutes, neutral; got \"maybe\""

  bool operator==(const ErrorDetail&) const = default;
  std::string ToString() const;  // where.ToString() + ": " + message
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok
  Status(const Status& other)
      : state_(other.state_ ? std::make_unique<State>(*other.state_) : nullptr) {}
  Status& operator=(const Status& other) {
    if (this != &other) state_ = other.state_ ? std::make_unique<State>(*other.state_) : nullptr;
    return *this;
  }
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;
  static Status Ok() { return Status(); }
  static Status InvalidInput(std::string message, InputLocation where = {});
  // Several input errors at once (e.g. every error of one file, capped).
  static Status InvalidInput(std::vector<ErrorDetail> details);
  static Status NotFound(std::string message);
  static Status Io(std::string message);
  static Status Busy(std::string message);
  static Status Incompatible(std::string message);
  static Status Internal(std::string message);
  static Status Usage(std::string message);

  bool ok() const { return state_ == nullptr; }
  ErrorCode code() const { return state_ ? state_->code : ErrorCode::kOk; }
  // The first (or only) error; empty when ok.
  const std::string& message() const;
  const InputLocation& where() const;
  const std::vector<ErrorDetail>& details() const;  // empty when ok

  // One line per detail, e.g. "a.jsonl:14 [bild->c1] /stance: expected ...".
  std::string ToString() const;

 private:
  struct State {
    ErrorCode code;
    std::vector<ErrorDetail> details;
  };
  Status(ErrorCode code, std::vector<ErrorDetail> details)
      : state_(std::make_unique<State>(State{code, std::move(details)})) {}
  // Null when ok, as in LevelDB's Status: an ok Status is one pointer, set
  // and tested inline. Holding the vector itself cost an out-of-line vector
  // destructor at every return of every function; an import returns
  // several per record (docs/performance.md).
  std::unique_ptr<State> state_;
};

// A T or a non-ok Status, never both (in the manner of absl::StatusOr).
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    assert(!status_.ok());
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace credence

// Returns early from the enclosing function when `expr` is not ok.
#define CREDENCE_RETURN_IF_ERROR(expr)              \
  do {                                              \
    ::credence::Status credence_status_ = (expr);   \
    if (!credence_status_.ok()) return credence_status_; \
  } while (0)

#endif  // CREDENCE_CORE_COMMON_STATUS_H_
