#include "rules/rule_set.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/common/sha256.h"

namespace credence::rules {
namespace {

using nlohmann::json;

constexpr std::string_view kRuleFormat = "credence-rules/1";
constexpr std::size_t kMaxErrors = 50;
// As case files (core/ingest/case_reader.h, kMaxDepth).
constexpr int kMaxDepth = 1024;

// Persisted in rule files: do not rename.
constexpr std::array<std::string_view, 4> kTargets = {"source", "link", "evidence", "claim"};

struct OpSpelling {
  Test::Op op;
  std::string_view name;
};
// Matcher spellings in rule files: do not rename.
constexpr std::array<OpSpelling, 7> kOps = {{{Test::Op::kIn, "in"},
                                             {Test::Op::kNot, "not"},
                                             {Test::Op::kAfter, "after"},
                                             {Test::Op::kBefore, "before"},
                                             {Test::Op::kAtLeast, "at_least"},
                                             {Test::Op::kAtMost, "at_most"},
                                             {Test::Op::kExists, "exists"}}};

// Which effects each target accepts, and the valid range of each.
struct EffectSpec {
  std::string_view name;
  Target target;
  double min, max;
  bool min_open;
  std::optional<double> Effect::*field;
};
const std::array<EffectSpec, 7> kEffects = {{
    {"reliability_mean", Target::kSource, 0, 1, true, &Effect::reliability_mean},
    {"reliability_strength", Target::kSource, 0, 1e6, true, &Effect::reliability_strength},
    {"reliability_shift", Target::kSource, -10, 10, false, &Effect::reliability_shift},
    {"strength_factor", Target::kSource, 0, 1e3, true, &Effect::strength_factor},
    {"weight_factor", Target::kLink, 0, 10, false, &Effect::weight_factor},
    {"log_lr", Target::kEvidence, -20, 20, false, &Effect::log_lr},
    {"prior_log_odds", Target::kClaim, -20, 20, false, &Effect::prior_log_odds},
}};

// The first path segment each target may name (docs/rules.md).
bool PathAllowed(Target target, std::string_view path);

std::string Pointer(std::size_t rule_index, std::string_view rest) {
  return "/rules/" + std::to_string(rule_index) + std::string(rest);
}

class Parser {
 public:
  explicit Parser(std::string origin) : origin_(std::move(origin)) {}

  Result<RuleSet> Parse(std::string_view text) {
    // Values nested deeper than kMaxDepth are dropped as they are read and the
    // file rejected: printing or matching them would recurse without bound.
    bool too_deep = false;
    // `depth` counts the containers around the one starting (0 at the top).
    json::parser_callback_t depth_check = [&too_deep](int depth, json::parse_event_t event,
                                                      json&) {
      bool starts = event == json::parse_event_t::object_start ||
                    event == json::parse_event_t::array_start;
      if (!starts || depth < kMaxDepth) return true;
      too_deep = true;
      return false;
    };
    json doc = json::parse(text.begin(), text.end(), depth_check, /*allow_exceptions=*/false,
                           /*ignore_comments=*/true);
    if (doc.is_discarded()) return SyntaxError(text);
    if (too_deep) {
      return Status::InvalidInput(
          "expected JSON nested at most " + std::to_string(kMaxDepth) + " levels deep",
          InputLocation{origin_, 0, "", ""});
    }
    RuleSet set;
    set.sha256 = Sha256Hex(text);
    if (!doc.is_object()) {
      Error("", "", "expected a JSON object {\"format\": \"credence-rules/1\", ...}");
      return Finish(std::move(set));
    }
    for (const auto& [key, value] : doc.items()) {
      if (key != "format" && key != "name" && key != "rules") {
        Error("/" + key, "", "unknown field \"" + key + "\"; expected format, name, rules");
      }
    }
    auto format = doc.find("format");
    if (format == doc.end() || !format->is_string() || format->get<std::string>() != kRuleFormat) {
      Error("/format", "", "expected \"format\": \"credence-rules/1\"");
    }
    auto name = doc.find("name");
    if (name == doc.end() || !name->is_string() || !model::IsValidId(name->get<std::string>())) {
      Error("/name", "", "expected a rule-set name matching " + std::string(model::kIdPattern));
    } else {
      set.name = name->get<std::string>();
    }
    auto rules = doc.find("rules");
    if (rules == doc.end() || !rules->is_array()) {
      Error("/rules", "", "expected an array of rules");
      return Finish(std::move(set));
    }
    std::set<std::string> names;
    for (std::size_t i = 0; i < rules->size(); ++i) {
      std::optional<Rule> rule = ParseRule((*rules)[i], i);
      if (!rule) continue;
      if (!names.insert(rule->name).second) {
        Error(Pointer(i, "/name"), rule->name, "duplicate rule name");
        continue;
      }
      set.rules.push_back(std::move(*rule));
    }
    return Finish(std::move(set));
  }

 private:
  Result<RuleSet> SyntaxError(std::string_view text) {
    // Re-run with exceptions to learn where the syntax broke.
    try {
      json ignored = json::parse(text.begin(), text.end(), nullptr, true, true);
      (void)ignored;
    } catch (const json::parse_error& e) {
      std::size_t byte = std::min<std::size_t>(e.byte, text.size());
      std::int64_t line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(byte), '\n');
      std::string what = e.what();
      auto pos = what.find("syntax error");
      return Status::InvalidInput(
          "expected valid JSON (comments allowed): " + (pos == std::string::npos ? what : what.substr(pos)),
          InputLocation{origin_, line, "", ""});
    } catch (const json::exception& e) {
      return Status::InvalidInput(std::string("expected valid JSON: ") + e.what(),
                                  InputLocation{origin_, 0, "", ""});
    }
    return Status::InvalidInput("expected valid JSON", InputLocation{origin_, 0, "", ""});
  }

  void Error(std::string pointer, std::string rule, std::string message) {
    if (errors_.size() < kMaxErrors) {
      errors_.push_back(ErrorDetail{InputLocation{origin_, 0, std::move(pointer), std::move(rule)},
                                    std::move(message)});
    }
  }

  Result<RuleSet> Finish(RuleSet set) {
    if (!errors_.empty()) return Status::InvalidInput(std::move(errors_));
    return set;
  }

  std::optional<Rule> ParseRule(const json& j, std::size_t i) {
    if (!j.is_object()) {
      Error(Pointer(i, ""), "", "expected a rule object {name, on, when, effect, why}");
      return std::nullopt;
    }
    Rule rule;
    std::size_t errors_before = errors_.size();
    auto name = j.find("name");
    if (name == j.end() || !name->is_string() || !model::IsValidId(name->get<std::string>())) {
      Error(Pointer(i, "/name"), "", "expected a rule name matching " + std::string(model::kIdPattern));
    } else {
      rule.name = name->get<std::string>();
    }
    for (const auto& [key, value] : j.items()) {
      if (key != "name" && key != "on" && key != "when" && key != "effect" && key != "why") {
        Error(Pointer(i, "/" + key), rule.name,
              "unknown field \"" + key + "\"; expected name, on, when, effect, why");
      }
    }
    auto on = j.find("on");
    std::optional<Target> target;
    if (on != j.end() && on->is_string()) {
      for (std::size_t t = 0; t < kTargets.size(); ++t) {
        if (kTargets[t] == on->get<std::string>()) target = static_cast<Target>(t);
      }
    }
    if (!target) {
      Error(Pointer(i, "/on"), rule.name, "expected one of source, link, evidence, claim");
      return std::nullopt;
    }
    rule.target = *target;
    auto why = j.find("why");
    if (why == j.end() || !why->is_string() || why->get<std::string>().empty() ||
        why->get<std::string>().find('\n') != std::string::npos) {
      Error(Pointer(i, "/why"), rule.name, "expected a one-line rationale (a non-empty string)");
    } else {
      rule.why = why->get<std::string>();
    }
    if (auto when = j.find("when"); when != j.end()) {
      if (!when->is_object()) {
        Error(Pointer(i, "/when"), rule.name, "expected an object of path: matcher");
      } else {
        for (const auto& [path, matcher] : when->items()) {
          ParseTest(path, matcher, rule, i);
        }
      }
    }
    auto effect = j.find("effect");
    if (effect == j.end() || !effect->is_object() || effect->empty()) {
      Error(Pointer(i, "/effect"), rule.name, "expected a non-empty effect object");
    } else {
      ParseEffect(*effect, rule, i);
    }
    if (errors_.size() != errors_before) return std::nullopt;
    return rule;
  }

  void ParseTest(const std::string& path, const json& matcher, Rule& rule, std::size_t i) {
    std::string where = Pointer(i, "/when/" + JsonPointerToken(path));
    if (!PathAllowed(rule.target, path)) {
      Error(where, rule.name,
            "unknown path \"" + path + "\" for a rule on " + std::string(Name(rule.target)) +
                " (see docs/rules.md)");
      return;
    }
    Test test;
    test.path = path;
    if (!matcher.is_object()) {
      test.op = Test::Op::kEquals;
      test.values.push_back(matcher.dump());
      rule.when.push_back(std::move(test));
      return;
    }
    if (matcher.size() != 1) {
      Error(where, rule.name, "expected a value or one matcher {in|not|after|before|at_least|at_most|exists: ...}");
      return;
    }
    const std::string op_name = matcher.begin().key();
    const json& arg = matcher.begin().value();
    const OpSpelling* op = nullptr;
    for (const OpSpelling& s : kOps) {
      if (s.name == op_name) op = &s;
    }
    if (op == nullptr) {
      Error(where + "/" + JsonPointerToken(op_name), rule.name,
            "unknown matcher \"" + op_name + "\"; expected in, not, after, before, at_least, at_most, exists");
      return;
    }
    test.op = op->op;
    switch (op->op) {
      case Test::Op::kIn:
        if (!arg.is_array() || arg.empty()) {
          Error(where + "/in", rule.name, "expected a non-empty array of values");
          return;
        }
        for (const json& v : arg) test.values.push_back(v.dump());
        break;
      case Test::Op::kAfter:
      case Test::Op::kBefore:
        if (!arg.is_string() || !model::Date::Parse(arg.get<std::string>())) {
          Error(where + "/" + op_name, rule.name, "expected a date (2025, 2025-08, 2025-08-05)");
          return;
        }
        test.values.push_back(arg.dump());
        break;
      case Test::Op::kAtLeast:
      case Test::Op::kAtMost:
        if (!arg.is_number()) {
          Error(where + "/" + op_name, rule.name, "expected a number");
          return;
        }
        test.values.push_back(arg.dump());
        break;
      case Test::Op::kExists:
        if (!arg.is_boolean()) {
          Error(where + "/exists", rule.name, "expected true or false");
          return;
        }
        test.values.push_back(arg.dump());
        break;
      case Test::Op::kNot:
      case Test::Op::kEquals:
        test.values.push_back(arg.dump());
        break;
    }
    rule.when.push_back(std::move(test));
  }

  void ParseEffect(const json& effect, Rule& rule, std::size_t i) {
    for (const auto& [key, value] : effect.items()) {
      std::string where = Pointer(i, "/effect/" + JsonPointerToken(key));
      const EffectSpec* spec = nullptr;
      for (const EffectSpec& s : kEffects) {
        if (s.name == key) spec = &s;
      }
      if (spec == nullptr || spec->target != rule.target) {
        std::string allowed;
        for (const EffectSpec& s : kEffects) {
          if (s.target != rule.target) continue;
          if (!allowed.empty()) allowed += ", ";
          allowed += s.name;
        }
        Error(where, rule.name, "unknown effect \"" + key + "\" for a rule on " +
                                    std::string(Name(rule.target)) + "; expected " + allowed);
        continue;
      }
      if (!value.is_number() || !std::isfinite(value.get<double>())) {
        Error(where, rule.name, "expected a number");
        continue;
      }
      double v = value.get<double>();
      bool low_ok = spec->min_open ? v > spec->min : v >= spec->min;
      if (!low_ok || v > spec->max || (spec->max < 1.5 && v >= spec->max)) {
        std::ostringstream range;
        range << (spec->min_open ? "(" : "[") << spec->min << ", " << spec->max
              << (spec->max < 1.5 ? ")" : "]");
        Error(where, rule.name, "expected a number in " + range.str() + "; got " + value.dump());
        continue;
      }
      rule.effect.*(spec->field) = v;
    }
    if (rule.effect.reliability_mean.has_value() != rule.effect.reliability_strength.has_value()) {
      Error(Pointer(i, "/effect"), rule.name,
            "expected reliability_mean and reliability_strength together (a Beta prior)");
    }
  }


  std::string origin_;
  std::vector<ErrorDetail> errors_;
};

// --- Paths --------------------------------------------------------------------

bool SourcePathAllowed(std::string_view p) {
  return p == "kind" || p == "id" || p.starts_with("attributes.") || p == "track_record.confirmed" ||
         p == "track_record.refuted" || p == "track_record.unresolved" || p == "track_record.total";
}
bool ClaimPathAllowed(std::string_view p) {
  return p == "kind" || p == "id" || p == "lang" || p == "topic" || p.starts_with("attributes.");
}

bool PathAllowed(Target target, std::string_view p) {
  switch (target) {
    case Target::kSource:
      return SourcePathAllowed(p);
    case Target::kClaim:
      return ClaimPathAllowed(p);
    case Target::kEvidence:
      return p == "feature" || p == "value" ||
             (p.starts_with("claim.") && ClaimPathAllowed(p.substr(6)));
    case Target::kLink:
      return p == "mode" || p == "stance" || p == "has_via" || p == "has_reported_by" ||
             p.starts_with("attributes.") ||
             (p.starts_with("source.") && SourcePathAllowed(p.substr(7))) ||
             (p.starts_with("conduit.") && SourcePathAllowed(p.substr(8))) ||
             (p.starts_with("claim.") && ClaimPathAllowed(p.substr(6)));
  }
  return false;
}

// What a path resolves to, without copying it out of the records (rules are
// matched for every claim and every evidence record of a run): JSON text, or
// a string that is that JSON text once quoted (an enum spelling, an id, a
// feature; their alphabets need no escaping). Views into the MatchContext's
// records, or into `owned` for values computed on the way.
struct Value {
  std::string_view text;
  bool quoted = false;   // `text` stands for "\"" + text + "\""
  std::string owned;     // backs `text` when it is computed
};

bool Json(std::string_view text, Value* out) {
  out->text = text;
  out->quoted = false;
  return true;
}
bool Quoted(std::string_view text, Value* out) {
  out->text = text;
  out->quoted = true;
  return true;
}
bool Owned(std::string text, Value* out) {
  out->owned = std::move(text);
  return Json(out->owned, out);
}

bool Lookup(const model::Attributes& attrs, std::string_view name, Value* out) {
  auto it = attrs.find(std::string(name));
  return it != attrs.end() && Json(it->second, out);
}

bool SourceValue(const model::Source* s, std::string_view p, Value* out) {
  if (s == nullptr) return false;
  if (p == "kind") return Quoted(model::Name(s->kind), out);
  if (p == "id") return Quoted(s->id, out);
  if (p.starts_with("attributes.")) return Lookup(s->attributes, p.substr(11), out);
  if (!s->track_record) return false;
  const model::TrackRecord& t = *s->track_record;
  if (p == "track_record.confirmed") return Owned(std::to_string(t.confirmed), out);
  if (p == "track_record.refuted") return Owned(std::to_string(t.refuted), out);
  if (p == "track_record.unresolved") return Owned(std::to_string(t.unresolved), out);
  if (p == "track_record.total") return Owned(std::to_string(t.confirmed + t.refuted + t.unresolved), out);
  return false;
}

bool ClaimValue(const model::Claim* c, std::string_view p, Value* out) {
  if (c == nullptr) return false;
  if (p == "kind") return c->kind && Quoted(model::Name(*c->kind), out);
  if (p == "id") return Quoted(c->id, out);
  if (p == "lang") return c->lang && Owned(json(*c->lang).dump(), out);
  if (p == "topic") return c->topic && Owned(json(*c->topic).dump(), out);
  if (p.starts_with("attributes.")) return Lookup(c->attributes, p.substr(11), out);
  return false;
}

// The value at `p` into `out`; false when absent.
bool Resolve(std::string_view p, const MatchContext& ctx, Value* out) {
  if (p.starts_with("source.")) return SourceValue(ctx.source, p.substr(7), out);
  if (p.starts_with("conduit.")) return SourceValue(ctx.conduit, p.substr(8), out);
  if (p.starts_with("claim.")) return ClaimValue(ctx.claim, p.substr(6), out);
  if (ctx.link != nullptr) {
    const model::Link& l = *ctx.link;
    if (p == "mode") return Quoted(model::Name(l.mode), out);
    if (p == "stance") return Quoted(model::Name(l.stance), out);
    if (p == "has_via") return Json(l.via.empty() ? "false" : "true", out);
    if (p == "has_reported_by") return Json(l.reported_by ? "true" : "false", out);
    if (p.starts_with("attributes.")) return Lookup(l.attributes, p.substr(11), out);
    return false;
  }
  if (ctx.evidence != nullptr) {
    if (p == "feature") return Quoted(ctx.evidence->feature, out);
    if (p == "value") return Json(ctx.evidence->value, out);
    return false;
  }
  if (ctx.source != nullptr) return SourceValue(ctx.source, p, out);
  return ClaimValue(ctx.claim, p, out);
}

std::optional<double> AsNumber(std::string_view t) {
  if (t.empty() || !(t[0] == '-' || (t[0] >= '0' && t[0] <= '9'))) return std::nullopt;
  double v = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || ptr != t.data() + t.size()) return std::nullopt;
  return v;
}
// A quoted value is a JSON string: never a number.
std::optional<double> AsNumber(const Value& v) { return v.quoted ? std::nullopt : AsNumber(v.text); }

std::optional<model::Date> AsDate(std::string_view t) {
  if (t.size() < 2 || t.front() != '"' || t.back() != '"') return std::nullopt;
  return model::Date::Parse(t.substr(1, t.size() - 2));
}
std::optional<model::Date> AsDate(const Value& v) { return v.quoted ? model::Date::Parse(v.text) : AsDate(v.text); }

// Equal JSON texts, or equal numbers however written.
bool ValueEquals(const Value& a, std::string_view b) {
  if (a.quoted) {
    // A JSON string equals only the same string (it is no number).
    return b.size() == a.text.size() + 2 && b.front() == '"' && b.back() == '"' &&
           b.substr(1, a.text.size()) == a.text;
  }
  if (a.text == b) return true;
  auto na = AsNumber(a.text);
  auto nb = AsNumber(b);
  return na && nb && *na == *nb;
}

bool TestHolds(const Test& t, const MatchContext& ctx) {
  Value v;
  const bool found = Resolve(t.path, ctx, &v);
  if (t.op == Test::Op::kExists) return found == (t.values[0] == "true");
  if (!found) return false;
  switch (t.op) {
    case Test::Op::kEquals:
      return ValueEquals(v, t.values[0]);
    case Test::Op::kNot:
      return !ValueEquals(v, t.values[0]);
    case Test::Op::kIn:
      return std::any_of(t.values.begin(), t.values.end(),
                         [&](const model::JsonText& x) { return ValueEquals(v, x); });
    case Test::Op::kAfter:
    case Test::Op::kBefore: {
      auto d = AsDate(v);
      auto bound = AsDate(t.values[0]);
      if (!d || !bound) return false;
      return t.op == Test::Op::kAfter ? *d >= *bound : *d < *bound;
    }
    case Test::Op::kAtLeast:
    case Test::Op::kAtMost: {
      auto n = AsNumber(v);
      auto bound = AsNumber(t.values[0]);
      if (!n || !bound) return false;
      return t.op == Test::Op::kAtLeast ? *n >= *bound : *n <= *bound;
    }
    case Test::Op::kExists:
      break;
  }
  return false;
}

}  // namespace

std::string_view Name(Target t) { return kTargets.at(static_cast<std::size_t>(t)); }

const Rule* RuleSet::Find(std::string_view rule_name) const {
  for (const Rule& r : rules) {
    if (r.name == rule_name) return &r;
  }
  return nullptr;
}

Result<RuleSet> ParseRuleSet(std::string_view text, const std::string& origin) {
  return Parser(origin).Parse(text);
}

Result<RuleSet> LoadRuleFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InvalidInput("cannot open rule file", InputLocation{path.string(), 0, "", ""});
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return Status::Io("cannot read rule file " + path.string());
  return ParseRuleSet(buf.str(), path.string());
}

Result<RuleSet> DefaultRuleSet() { return ParseRuleSet(DefaultRuleText(), "rules/default.rules"); }

bool Matches(const Rule& rule, const MatchContext& ctx) {
  for (const Test& t : rule.when) {
    if (!TestHolds(t, ctx)) return false;
  }
  return true;
}

}  // namespace credence::rules
