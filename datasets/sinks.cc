#include <ostream>

#include "core/ingest/case_writer.h"
#include "datasets/dataset.h"

namespace credence::datasets {

Status CaseSink::Put(const model::Source& source) {
  case_.sources.push_back(source);
  return Status::Ok();
}
Status CaseSink::Put(const model::Claim& claim) {
  case_.claims.push_back(claim);
  return Status::Ok();
}
Status CaseSink::Put(const model::Link& link) {
  case_.links.push_back(link);
  return Status::Ok();
}
Status CaseSink::Put(const model::Relation& relation) {
  case_.relations.push_back(relation);
  return Status::Ok();
}

JsonlSink::JsonlSink(std::ostream& out) : out_(out) { out_ << ingest::FormatJsonLine() << '\n'; }

Status JsonlSink::Write(const std::string& line) {
  out_ << line << '\n';
  if (!out_) return Status::Io("cannot write the case file");
  return Status::Ok();
}

Status JsonlSink::Put(const model::Source& source) { return Write(ingest::ToJsonLine(source)); }
Status JsonlSink::Put(const model::Claim& claim) { return Write(ingest::ToJsonLine(claim)); }
Status JsonlSink::Put(const model::Link& link) { return Write(ingest::ToJsonLine(link)); }
Status JsonlSink::Put(const model::Relation& relation) { return Write(ingest::ToJsonLine(relation)); }

}  // namespace credence::datasets
