#include "core/common/status.h"

namespace credence {

std::string JsonPointerToken(std::string_view name) {
  std::string out;
  for (char c : name) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string InputLocation::ToString() const {
  std::string out = file;
  if (line > 0) out += (out.empty() ? "line " : ":") + std::to_string(line);
  if (!record_id.empty()) {
    if (!out.empty()) out += ' ';
    out += "[" + record_id + "]";
  }
  if (!json_pointer.empty()) {
    if (!out.empty()) out += ' ';
    out += json_pointer;
  }
  return out;
}

std::string ErrorDetail::ToString() const {
  std::string w = where.ToString();
  return w.empty() ? message : w + ": " + message;
}

Status Status::InvalidInput(std::string message, InputLocation where) {
  return Status(ErrorCode::kInvalidInput,
                {ErrorDetail{std::move(where), std::move(message)}});
}

Status Status::InvalidInput(std::vector<ErrorDetail> details) {
  assert(!details.empty());
  return Status(ErrorCode::kInvalidInput, std::move(details));
}

Status Status::NotFound(std::string m) {
  return Status(ErrorCode::kNotFound, {ErrorDetail{{}, std::move(m)}});
}
Status Status::Io(std::string m) {
  return Status(ErrorCode::kIo, {ErrorDetail{{}, std::move(m)}});
}
Status Status::Busy(std::string m) {
  return Status(ErrorCode::kBusy, {ErrorDetail{{}, std::move(m)}});
}
Status Status::Incompatible(std::string m) {
  return Status(ErrorCode::kIncompatible, {ErrorDetail{{}, std::move(m)}});
}
Status Status::Internal(std::string m) {
  return Status(ErrorCode::kInternal, {ErrorDetail{{}, std::move(m)}});
}
Status Status::Usage(std::string m) {
  return Status(ErrorCode::kUsage, {ErrorDetail{{}, std::move(m)}});
}

const std::vector<ErrorDetail>& Status::details() const {
  static const std::vector<ErrorDetail> kNone;
  return state_ ? state_->details : kNone;
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return details().empty() ? kEmpty : details().front().message;
}

const InputLocation& Status::where() const {
  static const InputLocation kNowhere;
  return details().empty() ? kNowhere : details().front().where;
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out;
  for (const ErrorDetail& d : details()) {
    if (!out.empty()) out += '\n';
    out += d.ToString();
  }
  return out;
}

}  // namespace credence
