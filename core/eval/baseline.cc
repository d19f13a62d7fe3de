#include "core/eval/baseline.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace credence::eval {

std::string FormatMetric(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string MetricsToJson(const Metrics& m) {
  std::string out = "{\"metrics\": {";
  bool first = true;
  for (const auto& [name, value] : MetricList(m)) {
    out += (first ? "\"" : ", \"") + name + "\": " + FormatMetric(value);
    first = false;
  }
  out += "}, \"counts\": {\"items\": " + std::to_string(m.items) + ", \"items_correct\": " +
         std::to_string(m.items_correct) + ", \"outcomes\": " + std::to_string(m.outcomes) +
         ", \"six_way\": " + std::to_string(m.ordinal) + "}}\n";
  return out;
}

Result<std::vector<std::pair<std::string, double>>> ParseBaseline(const std::string& text,
                                                                   const std::string& origin) {
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(text, nullptr, false);
  if (j.is_discarded()) return Status::InvalidInput("expected JSON {\"metrics\": {...}}; it does not parse", {origin});
  if (!j.is_object() || !j.contains("metrics") || !j["metrics"].is_object()) {
    return Status::InvalidInput("expected an object with \"metrics\"", InputLocation{origin, 0, "/metrics", ""});
  }
  std::vector<std::pair<std::string, double>> out;
  for (const auto& [name, value] : j["metrics"].items()) {
    if (!value.is_number() || !std::isfinite(value.get<double>())) {
      return Status::InvalidInput("expected a number", InputLocation{origin, 0, "/metrics/" + name, ""});
    }
    out.push_back({name, value.get<double>()});
  }
  return out;
}

std::vector<std::string> CompareWithBaseline(const Metrics& m,
                                             const std::vector<std::pair<std::string, double>>& baseline) {
  std::vector<std::string> worse;
  const auto current = MetricList(m);
  for (const auto& [name, expected] : baseline) {
    auto it = std::find_if(current.begin(), current.end(), [&](const auto& e) { return e.first == name; });
    if (it == current.end()) {
      worse.push_back(name + " is missing (baseline " + FormatMetric(expected) + ")");
      continue;
    }
    // Compared at the printed precision: a baseline file holds printed figures.
    const double got = std::stod(FormatMetric(it->second));
    const bool regressed = HigherIsBetter(name) ? got < expected - 1e-6 : got > expected + 1e-6;
    if (regressed) {
      worse.push_back(name + " " + FormatMetric(got) + (HigherIsBetter(name) ? " < " : " > ") + "baseline " +
                      FormatMetric(expected));
    }
  }
  return worse;
}

}  // namespace credence::eval
