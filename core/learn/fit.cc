// The fit file (docs/learning.md): {"format": "credence-fit/1", ...}.
#include "core/learn/fit.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

namespace credence::learn {
namespace {

using Json = nlohmann::ordered_json;
constexpr const char* kFormat = "credence-fit/1";

Status Bad(const std::string& origin, const std::string& pointer, const std::string& expected) {
  return Status::InvalidInput("expected " + expected, InputLocation{origin, 0, pointer, ""});
}

bool IsNumber(const Json& j) { return j.is_number() && std::isfinite(j.get<double>()); }

}  // namespace

std::string FitToJson(const Fit& fit) {
  Json j;
  j["format"] = kFormat;
  j["name"] = fit.name;
  j["data_sha256"] = fit.data_sha256;
  j["data_summary"] = fit.data_summary;
  Json sources = Json::array();
  for (const SourceFit& s : fit.sources) {
    Json e;
    e["id"] = s.source_id;
    e["alpha"] = s.alpha;
    e["beta"] = s.beta;
    e["copy_weight"] = s.copy_weight;
    if (!s.copies_from.empty()) e["copies_from"] = s.copies_from;
    sources.push_back(std::move(e));
  }
  j["sources"] = std::move(sources);
  Json weights = Json::object();
  for (const auto& [rule, w] : fit.rule_weights) weights[rule] = w;
  j["rule_weights"] = std::move(weights);
  if (fit.calibration) {
    Json points = Json::array();
    for (const auto& [x, y] : fit.calibration->points) points.push_back(Json::array({x, y}));
    j["calibration"] = Json{{"method", "isotonic"}, {"points", std::move(points)}};
  }
  Json cuts = Json::object();
  for (const auto& [scale, c] : fit.ordinal_cuts) cuts[scale] = c;
  j["ordinal_cuts"] = std::move(cuts);
  // Written only when learned, so fits without features keep their bytes.
  if (!fit.claim_features.empty()) {
    Json features = Json::object();
    for (const auto& [name, w] : fit.claim_features) features[name] = w;
    j["claim_features"] = std::move(features);
  }
  return j.dump(1) + "\n";
}

Result<Fit> FitFromJson(const std::string& text, const std::string& origin) {
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded()) return Status::InvalidInput("expected a JSON fit file; it does not parse", {origin});
  if (!j.is_object()) return Bad(origin, "", "a JSON object");
  if (!j.contains("format") || j["format"] != kFormat) {
    return Bad(origin, "/format", std::string("\"") + kFormat + "\"");
  }
  Fit fit;
  for (const char* key : {"name", "data_sha256", "data_summary"}) {
    if (!j.contains(key) || !j[key].is_string()) return Bad(origin, std::string("/") + key, "a string");
  }
  fit.name = j["name"].get<std::string>();
  fit.data_sha256 = j["data_sha256"].get<std::string>();
  fit.data_summary = j["data_summary"].get<std::string>();
  if (!j.contains("sources") || !j["sources"].is_array()) return Bad(origin, "/sources", "an array");
  const Json& sources = j["sources"];
  for (std::size_t i = 0; i < sources.size(); ++i) {
    const std::string at = "/sources/" + std::to_string(i);
    const Json& e = sources[i];
    if (!e.is_object()) return Bad(origin, at, "an object");
    SourceFit s;
    if (!e.contains("id") || !e["id"].is_string()) return Bad(origin, at + "/id", "a source id");
    s.source_id = e["id"].get<std::string>();
    for (const char* key : {"alpha", "beta"}) {
      if (!e.contains(key) || !IsNumber(e[key]) || e[key].get<double>() <= 0) {
        return Bad(origin, at + "/" + key, "a number > 0");
      }
    }
    s.alpha = e["alpha"].get<double>();
    s.beta = e["beta"].get<double>();
    if (e.contains("copy_weight")) {
      if (!IsNumber(e["copy_weight"]) || e["copy_weight"].get<double>() <= 0 || e["copy_weight"].get<double>() > 1) {
        return Bad(origin, at + "/copy_weight", "a number in (0, 1]");
      }
      s.copy_weight = e["copy_weight"].get<double>();
    }
    if (e.contains("copies_from")) {
      if (!e["copies_from"].is_array()) return Bad(origin, at + "/copies_from", "an array of source ids");
      for (const Json& id : e["copies_from"]) {
        if (!id.is_string()) return Bad(origin, at + "/copies_from", "an array of source ids");
        s.copies_from.push_back(id.get<std::string>());
      }
      std::sort(s.copies_from.begin(), s.copies_from.end());
    }
    if (!fit.sources.empty() && !(fit.sources.back().source_id < s.source_id)) {
      return Bad(origin, at + "/id", "source ids sorted and unique");
    }
    fit.sources.push_back(std::move(s));
  }
  if (j.contains("rule_weights")) {
    if (!j["rule_weights"].is_object()) return Bad(origin, "/rule_weights", "an object");
    for (const auto& [rule, w] : j["rule_weights"].items()) {
      if (!IsNumber(w)) return Bad(origin, "/rule_weights/" + rule, "a number");
      fit.rule_weights[rule] = w.get<double>();
    }
  }
  if (j.contains("calibration")) {
    const Json& cal = j["calibration"];
    if (!cal.is_object() || !cal.contains("points") || !cal["points"].is_array()) {
      return Bad(origin, "/calibration", "{\"method\": \"isotonic\", \"points\": [[x, y], ...]}");
    }
    CalibrationMap map;
    const Json& points = cal["points"];
    for (std::size_t i = 0; i < points.size(); ++i) {
      const Json& p = points[i];
      const std::string at = "/calibration/points/" + std::to_string(i);
      if (!p.is_array() || p.size() != 2 || !IsNumber(p[0]) || !IsNumber(p[1])) return Bad(origin, at, "[x, y]");
      double x = p[0].get<double>(), y = p[1].get<double>();
      if (x < 0 || x > 1 || y < 0 || y > 1) return Bad(origin, at, "x and y in [0, 1]");
      if (!map.points.empty() && (x < map.points.back().first || y < map.points.back().second)) {
        return Bad(origin, at, "points ascending in x and y (a monotone map)");
      }
      map.points.push_back({x, y});
    }
    fit.calibration = std::move(map);
  }
  if (j.contains("ordinal_cuts")) {
    if (!j["ordinal_cuts"].is_object()) return Bad(origin, "/ordinal_cuts", "an object");
    for (const auto& [scale, cuts] : j["ordinal_cuts"].items()) {
      if (!cuts.is_array()) return Bad(origin, "/ordinal_cuts/" + scale, "an array of ascending numbers");
      std::vector<double> v;
      for (const Json& x : cuts) {
        if (!IsNumber(x) || (!v.empty() && x.get<double>() < v.back())) {
          return Bad(origin, "/ordinal_cuts/" + scale, "an array of ascending numbers");
        }
        v.push_back(x.get<double>());
      }
      fit.ordinal_cuts[scale] = std::move(v);
    }
  }
  if (j.contains("claim_features")) {
    if (!j["claim_features"].is_object()) return Bad(origin, "/claim_features", "an object");
    for (const auto& [name, w] : j["claim_features"].items()) {
      if (!IsNumber(w)) return Bad(origin, "/claim_features/" + JsonPointerToken(name), "a number");
      fit.claim_features[name] = w.get<double>();
    }
  }
  return fit;
}

}  // namespace credence::learn
