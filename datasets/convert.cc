// The truth-discovery adapters (book, flights, weather, population) and the
// dispatch of Convert(). LIAR lives in liar.cc.
#include <array>
#include <functional>

#include "datasets/dataset.h"
#include "datasets/liar_internal.h"
#include "datasets/normalise.h"
#include "datasets/text_input_internal.h"
#include "datasets/truth_table_internal.h"

namespace credence::datasets {
namespace {

constexpr std::array<std::string_view, 5> kNames = {"book", "flights", "weather", "population", "liar"};

// Calls `row` for each row of each file after checking the header (when
// `header` is non-empty) and the number of fields.
Status ForEachRow(std::span<const std::filesystem::path> files, char separator, bool quoted,
                  const std::vector<std::string>& header, std::size_t fields,
                  const std::function<Status(const std::vector<std::string>&, const InputLocation&)>& row) {
  for (const auto& path : files) {
    auto reader = LineReader::Open(path);
    if (!reader.ok()) return reader.status();
    std::string line;
    Status status;
    bool first = true;
    while (reader->Next(&line, &status)) {
      std::vector<std::string> f = SplitRow(AsUtf8(line), separator, quoted);
      if (first && !header.empty()) {
        first = false;
        if (f != header) {
          std::string expected;
          for (const auto& h : header) expected += (expected.empty() ? "" : ",") + h;
          return Status::InvalidInput("expected the header " + expected, reader->Here());
        }
        continue;
      }
      first = false;
      if (line.empty()) continue;
      if (f.size() != fields) {
        return Status::InvalidInput(
            "expected " + std::to_string(fields) + " fields; got " + std::to_string(f.size()), reader->Here());
      }
      CREDENCE_RETURN_IF_ERROR(row(f, reader->Here()));
    }
    CREDENCE_RETURN_IF_ERROR(status);
  }
  return Status::Ok();
}


const std::vector<std::string> kDafnaClaimHeader = {"ObjectID", "PropertyID", "PropertyValue", "SourceID", "TimeStamp"};
const std::vector<std::string> kDafnaTruthHeader = {"ObjectID", "PropertyID", "PropertyValue"};

// A value's normalisation, by property.
using Normaliser = std::function<std::optional<std::string>(const std::string& property, const std::string& cell)>;

std::optional<std::string> NumberValue(const std::string&, const std::string& cell) { return NormaliseNumber(cell); }

// DAFNA's flight properties: times (ExpectedDepartureTime, ...) as clock
// times, gates as numbers or lowercased text.
std::optional<std::string> FlightValue(const std::string& property, const std::string& cell) {
  return property.ends_with("Time") ? NormaliseTime(cell) : NormaliseNumber(cell);
}

// A source's flight time: as FlightValue, but a time the source marks as an
// estimate or a runway time gives no statement (IsEstimatedOrRunwayTime).
// The gold records observed gate times and is read with FlightValue.
std::optional<std::string> FlightClaimValue(const std::string& property, const std::string& cell) {
  if (property.ends_with("Time") && IsEstimatedOrRunwayTime(cell)) return std::nullopt;
  return FlightValue(property, cell);
}

// How one data set in DAFNA's claim layout is read: the sources' values
// (`value`), the gold's (`gold_value`) and the source names (`source`).
struct DafnaFormat {
  std::string prefix;
  model::ClaimKind kind;
  Normaliser value;
  Normaliser gold_value;
  std::function<std::string(const std::string&)> source = [](const std::string& s) { return s; };
};

// Weather, population and DAFNA-layout flights: DAFNA's claim layout.
Result<ConvertStats> ConvertDafna(DafnaFormat format, std::span<const std::filesystem::path> inputs,
                                  const std::optional<std::filesystem::path>& gold, RecordSink& sink) {
  const std::string prefix = std::move(format.prefix);
  const model::ClaimKind kind = format.kind;
  ConvertStats stats;
  TruthTable table(prefix, kind);
  CREDENCE_RETURN_IF_ERROR(ForEachRow(inputs, ',', true, kDafnaClaimHeader, 5,
                                      [&](const std::vector<std::string>& f, const InputLocation&) {
                                        ++stats.rows;
                                        auto v = format.value(f[1], f[2]);
                                        if (!v) {
                                          ++stats.dropped_values;
                                        } else {
                                          table.Add(format.source(f[3]), f[0], f[1], *v);
                                        }
                                        return Status::Ok();
                                      }));
  GoldTable truth;
  if (gold) {
    std::filesystem::path g = *gold;
    CREDENCE_RETURN_IF_ERROR(ForEachRow(std::span(&g, 1), ',', true, kDafnaTruthHeader, 3,
                                        [&](const std::vector<std::string>& f, const InputLocation& where) {
                                          auto v = format.gold_value(f[1], f[2]);
                                          if (!v) return Status::InvalidInput("expected a gold value; got \"" + f[2] + "\"", where);
                                          truth[{f[0], f[1]}].insert(*v);
                                          return Status::Ok();
                                        }));
  }
  CREDENCE_RETURN_IF_ERROR(table.Emit(gold ? &truth : nullptr, sink, &stats));
  return stats;
}

const std::vector<std::string> kFlightHeader = {"tuple_id", "src", "flight", "sched_dep_time",
                                                "act_dep_time", "sched_arr_time", "act_arr_time"};

// True when the file's first line is DAFNA's claim header.
Result<bool> HasDafnaHeader(const std::filesystem::path& path) {
  auto reader = LineReader::Open(path);
  if (!reader.ok()) return reader.status();
  std::string line;
  Status status;
  if (!reader->Next(&line, &status)) {
    CREDENCE_RETURN_IF_ERROR(status);
    return false;
  }
  return SplitRow(line, ',', true) == kDafnaClaimHeader;
}

// Flights come in two layouts: Raha's one row per (source, flight) with four
// time columns (flights_raha), or DAFNA's claim rows (flights_dafna_*).
Result<ConvertStats> ConvertFlights(std::span<const std::filesystem::path> inputs,
                                    const std::optional<std::filesystem::path>& gold, RecordSink& sink) {
  Result<bool> dafna = HasDafnaHeader(inputs.front());
  if (!dafna.ok()) return dafna.status();
  if (*dafna) return ConvertDafna({"flights", model::ClaimKind::kEvent, FlightClaimValue, FlightValue}, inputs, gold, sink);
  ConvertStats stats;
  TruthTable table("flights", model::ClaimKind::kEvent);
  CREDENCE_RETURN_IF_ERROR(ForEachRow(inputs, ',', true, kFlightHeader, 7,
                                      [&](const std::vector<std::string>& f, const InputLocation&) {
                                        for (std::size_t k = 3; k < 7; ++k) {
                                          ++stats.rows;
                                          auto v = IsEstimatedOrRunwayTime(f[k]) ? std::nullopt : NormaliseTime(f[k]);
                                          if (!v) {
                                            ++stats.dropped_values;
                                          } else {
                                            table.Add(f[1], f[2], kFlightHeader[k], *v);
                                          }
                                        }
                                        return Status::Ok();
                                      }));
  GoldTable truth;
  if (gold) {
    std::filesystem::path g = *gold;
    CREDENCE_RETURN_IF_ERROR(ForEachRow(std::span(&g, 1), ',', true, kFlightHeader, 7,
                                        [&](const std::vector<std::string>& f, const InputLocation&) {
                                          for (std::size_t k = 3; k < 7; ++k) {
                                            if (auto v = NormaliseTime(f[k])) truth[{f[2], kFlightHeader[k]}].insert(*v);
                                          }
                                          return Status::Ok();
                                        }));
  }
  CREDENCE_RETURN_IF_ERROR(table.Emit(gold ? &truth : nullptr, sink, &stats));
  return stats;
}

Result<ConvertStats> ConvertBook(std::span<const std::filesystem::path> inputs,
                                 const std::optional<std::filesystem::path>& gold, RecordSink& sink) {
  ConvertStats stats;
  TruthTable table("book", model::ClaimKind::kAttribution);
  CREDENCE_RETURN_IF_ERROR(ForEachRow(inputs, '\t', false, {}, 4,
                                      [&](const std::vector<std::string>& f, const InputLocation&) {
                                        ++stats.rows;
                                        auto v = NormaliseAuthors(f[3]);
                                        if (!v) {
                                          ++stats.dropped_values;
                                        } else {
                                          table.Add(f[0], f[1], "authors", *v);
                                        }
                                        return Status::Ok();
                                      }));
  GoldTable truth;
  if (gold) {
    std::filesystem::path g = *gold;
    CREDENCE_RETURN_IF_ERROR(ForEachRow(std::span(&g, 1), '\t', false, {}, 2,
                                        [&](const std::vector<std::string>& f, const InputLocation& where) {
                                          auto v = NormaliseGoldAuthors(f[1]);
                                          if (!v) return Status::InvalidInput("expected gold authors; got \"" + f[1] + "\"", where);
                                          truth[{f[0], "authors"}].insert(*v);
                                          return Status::Ok();
                                        }));
  }
  CREDENCE_RETURN_IF_ERROR(table.Emit(gold ? &truth : nullptr, sink, &stats));
  return stats;
}

}  // namespace

std::optional<DatasetName> ParseDatasetName(std::string_view name) {
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) return static_cast<DatasetName>(i);
  }
  return std::nullopt;
}

std::string_view Name(DatasetName name) { return kNames[static_cast<std::size_t>(name)]; }
std::span<const std::string_view> DatasetNames() { return kNames; }

Result<ConvertStats> Convert(DatasetName name, std::span<const std::filesystem::path> inputs,
                             const std::optional<std::filesystem::path>& gold, RecordSink& sink) {
  if (inputs.empty()) return Status::Usage("expected at least one INPUT file");
  switch (name) {
    case DatasetName::kBook: return ConvertBook(inputs, gold, sink);
    case DatasetName::kFlights: return ConvertFlights(inputs, gold, sink);
    case DatasetName::kWeather:
      return ConvertDafna({"weather", model::ClaimKind::kQuantity, NumberValue, NumberValue}, inputs, gold, sink);
    case DatasetName::kPopulation:
      return ConvertDafna({"population", model::ClaimKind::kQuantity, NumberValue, NumberValue, WikipediaEditor}, inputs,
                          gold, sink);
    case DatasetName::kLiar:
      if (gold) return Status::Usage("liar carries its labels in its rows: --gold is not taken");
      return ConvertLiar(inputs, sink);
  }
  return Status::Internal("unknown data set");
}

}  // namespace credence::datasets
