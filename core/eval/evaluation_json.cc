#include "core/eval/evaluation_json.h"

#include <nlohmann/json.hpp>

namespace credence::eval {
namespace {

// Persisted in stores: do not rename; add a new format for a new layout.
constexpr const char* kFormat = "credence-eval/1";

using Json = nlohmann::ordered_json;

Json Optional(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

}  // namespace

std::string EvaluationToJson(const Metrics& m) {
  Json j;
  j["format"] = kFormat;
  j["items"] = m.items;
  j["items_correct"] = m.items_correct;
  j["accuracy"] = Optional(m.accuracy);
  j["outcomes"] = m.outcomes;
  j["brier"] = Optional(m.brier);
  j["log_loss"] = Optional(m.log_loss);
  j["ece"] = Optional(m.ece);
  j["bins"] = Json::array();
  for (const CalibrationBin& b : m.bins) {
    j["bins"].push_back({{"count", b.count}, {"mean_p", b.mean_p}, {"frequency", b.frequency}});
  }
  j["ordinal"] = m.ordinal;
  j["accuracy_6way"] = Optional(m.accuracy_6way);
  j["ordinal_mae"] = Optional(m.ordinal_mae);
  return j.dump();
}

Result<Metrics> EvaluationFromJson(const std::string& text, const std::string& origin) {
  const Json j = Json::parse(text, nullptr, false);
  auto bad = [&](const std::string& pointer, const std::string& expected) {
    return Status::InvalidInput(expected, InputLocation{origin, 0, pointer, ""});
  };
  if (j.is_discarded() || !j.is_object()) return bad("", "expected a JSON object");
  if (j.value("format", "") != kFormat) {
    return bad("/format", std::string("expected \"") + kFormat + "\"");
  }
  Metrics m;
  auto count = [&](const char* key, std::int64_t* out) {
    if (!j.contains(key) || !j[key].is_number_integer()) return false;
    *out = j[key].get<std::int64_t>();
    return true;
  };
  auto optional = [&](const char* key, std::optional<double>* out) {
    if (!j.contains(key) || !(j[key].is_null() || j[key].is_number())) return false;
    if (j[key].is_number()) *out = j[key].get<double>();
    return true;
  };
  for (auto [key, out] : {std::pair{"items", &m.items}, std::pair{"items_correct", &m.items_correct},
                          std::pair{"outcomes", &m.outcomes}, std::pair{"ordinal", &m.ordinal}}) {
    if (!count(key, out)) return bad(std::string("/") + key, "expected an integer");
  }
  for (auto [key, out] : {std::pair{"accuracy", &m.accuracy}, std::pair{"brier", &m.brier},
                          std::pair{"log_loss", &m.log_loss}, std::pair{"ece", &m.ece},
                          std::pair{"accuracy_6way", &m.accuracy_6way},
                          std::pair{"ordinal_mae", &m.ordinal_mae}}) {
    if (!optional(key, out)) return bad(std::string("/") + key, "expected a number or null");
  }
  if (!j.contains("bins") || !j["bins"].is_array() || j["bins"].size() != m.bins.size()) {
    return bad("/bins", "expected an array of " + std::to_string(m.bins.size()) + " bins");
  }
  for (std::size_t i = 0; i < m.bins.size(); ++i) {
    const Json& b = j["bins"][i];
    const std::string at = "/bins/" + std::to_string(i);
    if (!b.is_object() || !b.contains("count") || !b["count"].is_number_integer() ||
        !b.contains("mean_p") || !b["mean_p"].is_number() || !b.contains("frequency") ||
        !b["frequency"].is_number()) {
      return bad(at, "expected {\"count\": integer, \"mean_p\": number, \"frequency\": number}");
    }
    m.bins[i] = {b["count"].get<std::int64_t>(), b["mean_p"].get<double>(),
                 b["frequency"].get<double>()};
  }
  return m;
}

}  // namespace credence::eval
