// LIAR rows -> one claim per statement (label on the "liar6" scale) and one
// source per (speaker, statement).
//
// Leakage: columns 9-13 count the speaker's past verdicts (barely-true,
// false, half-true, mostly-true, pants-fire) and INCLUDE the statement's own
// verdict. Each row's source therefore carries the counts minus that row's
// own label, which is why a source is per (speaker, statement) rather than
// per speaker: one speaker's statements each see a different history. With
// the own label removed, the history holds only other statements' verdicts,
// the information a fact-checker has before ruling on this one. LIAR has no
// "true" column, so a statement labeled true subtracts nothing.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

#include "core/ingest/case_writer.h"
#include "datasets/liar_internal.h"
#include "datasets/text_input_internal.h"
#include "datasets/truth_table_internal.h"

namespace credence::datasets {
namespace {

// Columns 9..13, in file order, and whether each leans true.
constexpr std::string_view kHistoryLabels[] = {"barely-true", "false", "half-true", "mostly-true", "pants-fire"};
constexpr bool kHistoryTrueLeaning[] = {false, false, true, true, false};

std::string Slug(std::string_view text) {
  std::string out;
  for (char c : text) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    char d = ok ? c : '-';
    if (d == '-' && (out.empty() || out.back() == '-')) continue;
    out += d;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.size() > 80) out.resize(80);
  return out.empty() ? std::string("unknown") : out;
}

std::optional<std::int64_t> ParseCount(const std::string& cell) {
  double v = 0;
  auto [ptr, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  if (ec != std::errc() || ptr != cell.data() + cell.size() || v < 0 || v != std::floor(v) || v > 1e9) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(v);
}

std::string StringArrayJson(const std::string& list) {
  std::string out = "[";
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out += (out.size() > 1 ? "," : "") + ingest::JsonString(cur);
    cur.clear();
  };
  for (char c : list) {
    if (c == ',') {
      flush();
    } else if (c != ' ' || !cur.empty()) {
      cur += c;
    }
  }
  flush();
  return out + "]";
}

}  // namespace

Result<ConvertStats> ConvertLiar(std::span<const std::filesystem::path> inputs, RecordSink& sink) {
  ConvertStats stats;
  std::map<std::string, model::Source> sources;
  std::map<std::string, model::Claim> claims;
  std::vector<model::Link> links;
  for (const auto& path : inputs) {
    auto reader = LineReader::Open(path);
    if (!reader.ok()) return reader.status();
    std::string line;
    Status status;
    while (reader->Next(&line, &status)) {
      if (line.empty()) continue;
      const InputLocation where = reader->Here();
      std::vector<std::string> f = SplitRow(AsUtf8(line), '\t', false);
      if (f.size() != 14) {
        return Status::InvalidInput("expected 14 tab-separated fields; got " + std::to_string(f.size()), where);
      }
      ++stats.rows;
      std::string number = f[0].ends_with(".json") ? f[0].substr(0, f[0].size() - 5) : f[0];
      model::Claim claim;
      claim.id = "liar:" + Slug(number);
      if (!model::IsValidId(claim.id) || claims.contains(claim.id)) {
        return Status::InvalidInput("expected a unique statement id; got \"" + f[0] + "\"", where);
      }
      int label_index = -1;
      for (int i = 0; i < 6; ++i) {
        if (kLiarLabels[i] == f[1]) label_index = i;
      }
      if (label_index < 0) {
        return Status::InvalidInput("expected a label among pants-fire, false, barely-true, half-true, "
                                    "mostly-true, true; got \"" + f[1] + "\"", where);
      }
      claim.text = f[2];
      claim.kind = model::ClaimKind::kOther;
      claim.label = model::Label{false, "liar6", ingest::JsonString(f[1])};
      if (!f[3].empty()) claim.attributes["subjects"] = StringArrayJson(f[3]);
      if (!f[13].empty()) claim.attributes["context"] = ingest::JsonString(f[13]);

      model::Source source;
      source.id = "sp:" + Slug(f[4]) + "/" + Slug(number);
      source.name = f[4].empty() ? "unknown speaker" : f[4];
      source.kind = model::SourceKind::kOther;
      source.attributes["speaker"] = ingest::JsonString(f[4]);
      if (!f[5].empty()) source.attributes["job"] = ingest::JsonString(f[5]);
      if (!f[6].empty()) source.attributes["state"] = ingest::JsonString(f[6]);
      if (!f[7].empty()) source.attributes["party"] = ingest::JsonString(f[7]);
      bool history_known = true;
      std::int64_t counts[5] = {0, 0, 0, 0, 0};
      for (int k = 0; k < 5; ++k) {
        auto c = ParseCount(f[8 + k]);
        if (!c) {
          if (f[8 + k].empty()) {
            history_known = false;
            continue;
          }
          return Status::InvalidInput("expected a count in column " + std::to_string(9 + k) + "; got \"" +
                                          f[8 + k] + "\"", where);
        }
        counts[k] = *c;
      }
      if (history_known) {
        for (int k = 0; k < 5; ++k) {
          if (kHistoryLabels[k] != f[1]) continue;
          if (counts[k] > 0) {
            --counts[k];
          } else {
            ++stats.history_without_own_label;
          }
        }
        model::TrackRecord record;
        for (int k = 0; k < 5; ++k) {
          (kHistoryTrueLeaning[k] ? record.confirmed : record.refuted) += counts[k];
          std::string name = "history_" + std::string(kHistoryLabels[k]);
          for (char& c : name) c = c == '-' ? '_' : c;
          source.attributes[name] = std::to_string(counts[k]);
        }
        source.track_record = record;
      }
      model::Link link;
      link.source = source.id;
      link.claim = claim.id;
      link.stance = model::Stance::kSupports;
      link.mode = model::LinkMode::kOriginates;
      links.push_back(std::move(link));
      sources[source.id] = std::move(source);
      claims[claim.id] = std::move(claim);
    }
    CREDENCE_RETURN_IF_ERROR(status);
  }
  for (const auto& [id, s] : sources) CREDENCE_RETURN_IF_ERROR(sink.Put(s));
  for (const auto& [id, c] : claims) CREDENCE_RETURN_IF_ERROR(sink.Put(c));
  std::sort(links.begin(), links.end(), [](const model::Link& a, const model::Link& b) { return a.Key() < b.Key(); });
  for (const auto& l : links) CREDENCE_RETURN_IF_ERROR(sink.Put(l));
  stats.sources = static_cast<std::int64_t>(sources.size());
  stats.claims = stats.labeled_claims = static_cast<std::int64_t>(claims.size());
  stats.links = static_cast<std::int64_t>(links.size());
  return stats;
}

}  // namespace credence::datasets
